#!/usr/bin/python3
"""Sampling, shuffling and bilinear ops in real PyTorch (helper sample): F.interpolate / F.upsample,
F.conv3d / F.conv_transpose3d and nn.Conv3d / nn.ConvTranspose3d (compositions, helper conv3d; also
interpolate's 5-D and area modes),
F.pixel_shuffle / F.pixel_unshuffle, F.affine_grid, F.grid_sample, F.bilinear,
F.triplet_margin_with_distance_loss and their modules (nn.Upsample, nn.UpsamplingNearest2d,
nn.UpsamplingBilinear2d, nn.PixelShuffle, nn.PixelUnshuffle, nn.Bilinear, nn.LazyLinear,
nn.PairwiseDistance, nn.TripletMarginWithDistanceLoss): test/fixtures/sampling.json, read by
test/nn-sampling.test.ts.

HOW TO RUN
    /usr/bin/python3 scripts/gen_sampling_fixtures.py

Each functional case is (name, input specs, PyTorch call, TS call): inputs are drawn in the
case's own seeded() scope; the fixture holds them, the result, a random upstream and the
gradient of every input that requires grad. The TS call is an expression over F, nn, torch and
the inputs a, b, c. Error cases record PyTorch's exception type and message. Module cases build
the module after torch.manual_seed(seed) (default initialisation compared exactly), record its
repr and parameters, then run it on the inputs as the functional cases do.

F.triplet_margin_with_distance_loss follows PyTorch 2 (its reduction and rank checks before the
distances, margin + d(a, p) − d(a, n)): `triplet_with_distance` below is PyTorch 2's function.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import warnings  # noqa: E402

import torch  # noqa: E402
from torch import nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import gen_fixtures as base  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "sampling.json")
D = torch.float64


def triplet_with_distance(anchor, positive, negative, *, distance_function=None, margin=1.0, swap=False, reduction="mean"):
    """PyTorch 2's F.triplet_margin_with_distance_loss (1.13 lacks its checks)."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    a_dim, p_dim, n_dim = anchor.ndim, positive.ndim, negative.ndim
    if not (a_dim == p_dim and p_dim == n_dim):
        raise RuntimeError(
            f"The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: "
            f"anchor {a_dim}D, positive {p_dim}D, and negative {n_dim}D inputs")
    distance_function = distance_function if distance_function is not None else F.pairwise_distance
    dist_pos = distance_function(anchor, positive)
    dist_neg = distance_function(anchor, negative)
    if swap:
        dist_neg = torch.minimum(dist_neg, distance_function(positive, negative))
    loss = torch.clamp_min(margin + dist_pos - dist_neg, 0)
    return loss.mean() if reduction == "mean" else loss.sum() if reduction == "sum" else loss


def upsample_extra_repr(self):
    """PyTorch 2's nn.Upsample.extra_repr: the mode as repr(mode) (1.13 prints it unquoted)."""
    info = "scale_factor=" + repr(self.scale_factor) if self.scale_factor is not None else "size=" + repr(self.size)
    return info + ", mode=" + repr(self.mode)


_grid_sample_113 = F.grid_sample


def grid_sample(input, grid, mode="bilinear", padding_mode="zeros", align_corners=None):
    """PyTorch 2's F.grid_sample: ATen 2 checks the dtypes before sampling (1.13 fails inside the kernel)."""
    if mode in ("bilinear", "nearest", "bicubic") and padding_mode in ("zeros", "border", "reflection") and input.dtype != grid.dtype:
        names = {torch.float32: "float", torch.float64: "double"}
        raise RuntimeError("grid_sampler(): expected input and grid to have same dtype, but input has "
                           f"{names[input.dtype]} and grid has {names[grid.dtype]}")
    return _grid_sample_113(input, grid, mode=mode, padding_mode=padding_mode, align_corners=align_corners)


def draw(spec):
    """An input: a shape (randn, requires grad), ("f64", shape), ("grid", shape) in [-1.2, 1.2],
    ("theta", n) near the identity, ("const", shape) without grad, ("values", list)."""
    if isinstance(spec, tuple) and spec and isinstance(spec[0], str):
        kind, arg = spec[0], spec[1]
        if kind == "f64":
            return torch.randn(arg, dtype=D).requires_grad_()
        if kind == "grid":
            return (torch.rand(arg) * 2.4 - 1.2).requires_grad_()
        if kind == "grid64":
            return (torch.rand(arg, dtype=D) * 2.4 - 1.2).requires_grad_()
        if kind == "theta":
            return (torch.eye(2, 3).expand(arg, 2, 3) + 0.3 * torch.randn(arg, 2, 3)).requires_grad_()
        if kind == "const":
            return torch.randn(arg)
        if kind == "values":
            return torch.tensor(arg).requires_grad_()
        if kind == "int":
            return torch.arange(torch.Size(arg).numel()).reshape(arg)
    return torch.randn(spec).requires_grad_()


def enc(t):
    return base.enc_tensor(t.detach(), requires_grad=t.requires_grad)


def functional_case(name, specs, py, ts):
    with base.seeded(name):
        xs = [draw(s) for s in specs]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = py(*xs)
        upstream = torch.randn(out.shape, dtype=out.dtype)
        leaves = [x for x in xs if x.requires_grad]
        grads = torch.autograd.grad((out * upstream).sum(), leaves, allow_unused=True) if leaves else []
        grads = [torch.zeros_like(x) if g is None else g for x, g in zip(leaves, grads)]
        return {"name": name, "ts": ts, "inputs": [enc(x) for x in xs], "output": enc(out), "upstream": enc(upstream),
                "grads": [enc(g) for g in grads]}


def error_case(name, specs, py, ts):
    with base.seeded(name):
        xs = [draw(s) for s in specs]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                py(*xs)
        except Exception as e:  # noqa: BLE001 -- the error is the fixture
            return {"name": name, "ts": ts, "inputs": [enc(x) for x in xs], "error_type": type(e).__name__, "error": str(e)}
    raise AssertionError(f"{name}: PyTorch accepted it")


def warning_case(name, specs, py, ts):
    with base.seeded(name):
        xs = [draw(s) for s in specs]
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            py(*xs)
    return {"name": name, "ts": ts, "inputs": [enc(x) for x in xs], "warnings": [str(w.message) for w in ws]}


def module_case(name, seed, make, ts, specs):
    # the inputs first: a lazy module draws its parameters in its first forward, right after the build
    with base.seeded(name):
        xs = [draw(s) for s in specs]
    torch.manual_seed(seed)
    m = make()
    c = {"name": name, "seed": seed, "ts": ts, "repr": repr(m),
         # a lazy module's parameters are uninitialized: their names only
         "named_parameters": [[n, None if isinstance(p, nn.parameter.UninitializedParameter) else enc(p.detach())]
                              for n, p in m.named_parameters()]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = m(*xs)
    upstream = torch.randn(out.shape, dtype=out.dtype)
    leaves = [x for x in xs if x.requires_grad] + list(m.parameters())
    grads = torch.autograd.grad((out * upstream).sum(), leaves, allow_unused=True)
    grads = [torch.zeros_like(x) if g is None else g for x, g in zip(leaves, grads)]
    c.update({"repr_after": repr(m), "parameters_after": [[n, enc(p.detach())] for n, p in m.named_parameters()],
              "inputs": [enc(x) for x in xs], "output": enc(out), "upstream": enc(upstream), "grads": [enc(g) for g in grads]})
    return c


I = F.interpolate  # noqa: E741

FUNCTIONAL = [
    # interpolate: nearest (ATen's legacy floor(i·in/out)), nearest-exact, linear, bilinear, bicubic
    ("interpolate nearest 1d scale 2", [(2, 3, 4)], lambda a: I(a, scale_factor=2), "F.interpolate(a, { scale_factor: 2 })"),
    ("interpolate nearest 1d size 7", [(1, 2, 3)], lambda a: I(a, size=7), "F.interpolate(a, { size: 7 })"),
    ("interpolate nearest 1d downsample size 2", [(1, 2, 5)], lambda a: I(a, size=2), "F.interpolate(a, { size: 2 })"),
    ("interpolate nearest 2d scale 1.7", [(1, 2, 3, 4)], lambda a: I(a, scale_factor=1.7), "F.interpolate(a, { scale_factor: 1.7 })"),
    ("interpolate nearest 2d scale 1.7 recompute", [(1, 2, 3, 4)], lambda a: I(a, scale_factor=1.7, recompute_scale_factor=True),
     "F.interpolate(a, { scale_factor: 1.7, recompute_scale_factor: true })"),
    ("interpolate nearest 2d size (5, 3)", [(2, 1, 3, 4)], lambda a: I(a, size=(5, 3)), "F.interpolate(a, { size: [5, 3] })"),
    ("interpolate nearest 2d scale (2, 0.5)", [(1, 1, 3, 4)], lambda a: I(a, scale_factor=(2, 0.5)),
     "F.interpolate(a, { scale_factor: [2, 0.5] })"),
    ("interpolate nearest-exact 1d size 7", [(1, 2, 3)], lambda a: I(a, size=7, mode="nearest-exact"),
     "F.interpolate(a, { size: 7, mode: 'nearest-exact' })"),
    ("interpolate nearest-exact 2d scale 1.5", [(1, 2, 4, 3)], lambda a: I(a, scale_factor=1.5, mode="nearest-exact"),
     "F.interpolate(a, { scale_factor: 1.5, mode: 'nearest-exact' })"),
    ("interpolate nearest-exact 2d downsample", [(1, 1, 5, 7)], lambda a: I(a, size=(2, 3), mode="nearest-exact"),
     "F.interpolate(a, { size: [2, 3], mode: 'nearest-exact' })"),
    ("interpolate linear scale 2", [(2, 2, 4)], lambda a: I(a, scale_factor=2, mode="linear"),
     "F.interpolate(a, { scale_factor: 2, mode: 'linear' })"),
    ("interpolate linear align_corners size 7", [(1, 3, 4)], lambda a: I(a, size=7, mode="linear", align_corners=True),
     "F.interpolate(a, { size: 7, mode: 'linear', align_corners: true })"),
    ("interpolate linear downsample scale 0.6", [(1, 2, 7)], lambda a: I(a, scale_factor=0.6, mode="linear"),
     "F.interpolate(a, { scale_factor: 0.6, mode: 'linear' })"),
    ("interpolate linear size 1 align_corners", [(1, 1, 4)], lambda a: I(a, size=1, mode="linear", align_corners=True),
     "F.interpolate(a, { size: 1, mode: 'linear', align_corners: true })"),
    ("interpolate bilinear scale 2", [(1, 2, 3, 4)], lambda a: I(a, scale_factor=2, mode="bilinear"),
     "F.interpolate(a, { scale_factor: 2, mode: 'bilinear' })"),
    ("interpolate bilinear align_corners size (5, 7)", [(2, 1, 3, 4)], lambda a: I(a, size=(5, 7), mode="bilinear", align_corners=True),
     "F.interpolate(a, { size: [5, 7], mode: 'bilinear', align_corners: true })"),
    ("interpolate bilinear scale (1.5, 0.75)", [(1, 2, 4, 5)], lambda a: I(a, scale_factor=(1.5, 0.75), mode="bilinear"),
     "F.interpolate(a, { scale_factor: [1.5, 0.75], mode: 'bilinear' })"),
    ("interpolate bilinear scale 1.3 recompute", [(1, 1, 4, 4)], lambda a: I(a, scale_factor=1.3, mode="bilinear", recompute_scale_factor=True),
     "F.interpolate(a, { scale_factor: 1.3, mode: 'bilinear', recompute_scale_factor: true })"),
    ("interpolate bilinear float64", [("f64", (1, 2, 3, 3))], lambda a: I(a, size=(4, 5), mode="bilinear"),
     "F.interpolate(a, { size: [4, 5], mode: 'bilinear' })"),
    ("interpolate bicubic scale 2", [(1, 1, 4, 4)], lambda a: I(a, scale_factor=2, mode="bicubic"),
     "F.interpolate(a, { scale_factor: 2, mode: 'bicubic' })"),
    ("interpolate bicubic align_corners size (3, 6)", [(1, 2, 5, 4)], lambda a: I(a, size=(3, 6), mode="bicubic", align_corners=True),
     "F.interpolate(a, { size: [3, 6], mode: 'bicubic', align_corners: true })"),
    ("interpolate bicubic float64", [("f64", (1, 1, 3, 4))], lambda a: I(a, scale_factor=1.5, mode="bicubic"),
     "F.interpolate(a, { scale_factor: 1.5, mode: 'bicubic' })"),
    ("interpolate nearest float64", [("f64", (1, 1, 3, 2))], lambda a: I(a, size=(5, 5)), "F.interpolate(a, { size: [5, 5] })"),
    ("interpolate nearest empty batch", [(0, 2, 3)], lambda a: I(a, size=5), "F.interpolate(a, { size: 5 })"),
    ("upsample bilinear align_corners", [(1, 1, 2, 3)], lambda a: F.upsample(a, scale_factor=2, mode="bilinear", align_corners=True),
     "F.upsample(a, { scale_factor: 2, mode: 'bilinear', align_corners: true })"),
    # pixel_shuffle / pixel_unshuffle
    ("pixel_shuffle 2", [(1, 8, 2, 3)], lambda a: F.pixel_shuffle(a, 2), "F.pixel_shuffle(a, 2)"),
    ("pixel_shuffle 3 batch dims", [(2, 2, 9, 1, 2)], lambda a: F.pixel_shuffle(a, 3), "F.pixel_shuffle(a, 3)"),
    ("pixel_shuffle 1", [(3, 2, 2)], lambda a: F.pixel_shuffle(a, 1), "F.pixel_shuffle(a, 1)"),
    ("pixel_unshuffle 2", [(1, 2, 4, 6)], lambda a: F.pixel_unshuffle(a, 2), "F.pixel_unshuffle(a, 2)"),
    ("pixel_unshuffle 3 float64", [("f64", (2, 1, 3, 6))], lambda a: F.pixel_unshuffle(a, 3), "F.pixel_unshuffle(a, 3)"),
    # affine_grid and grid_sample
    ("affine_grid 2d", [("theta", 2)], lambda t: F.affine_grid(t, [2, 1, 3, 4], align_corners=False),
     "F.affine_grid(a, [2, 1, 3, 4], { align_corners: false })"),
    ("affine_grid 2d align_corners", [("theta", 1)], lambda t: F.affine_grid(t, [1, 3, 4, 2], align_corners=True),
     "F.affine_grid(a, [1, 3, 4, 2], { align_corners: true })"),
    ("affine_grid 2d unit size", [("theta", 1)], lambda t: F.affine_grid(t, [1, 1, 1, 3], align_corners=False),
     "F.affine_grid(a, [1, 1, 1, 3], { align_corners: false })"),
    ("affine_grid 3d", [(2, 3, 4)], lambda t: F.affine_grid(t, [2, 1, 2, 3, 2], align_corners=False),
     "F.affine_grid(a, [2, 1, 2, 3, 2], { align_corners: false })"),
    ("affine_grid 2d float64", [("f64", (1, 2, 3))], lambda t: F.affine_grid(t, [1, 1, 2, 3], align_corners=False),
     "F.affine_grid(a, [1, 1, 2, 3], { align_corners: false })"),
]

for pad in ("zeros", "border", "reflection"):
    for ac in (False, True):
        flag = "true" if ac else "false"
        FUNCTIONAL.append((f"grid_sample bilinear {pad} align_corners={ac}", [(2, 2, 3, 4), ("grid", (2, 3, 5, 2))],
                           lambda a, g, pad=pad, ac=ac: F.grid_sample(a, g, mode="bilinear", padding_mode=pad, align_corners=ac),
                           f"F.grid_sample(a, b, {{ mode: 'bilinear', padding_mode: '{pad}', align_corners: {flag} }})"))
        FUNCTIONAL.append((f"grid_sample nearest {pad} align_corners={ac}", [(1, 2, 4, 3), ("grid", (1, 4, 3, 2))],
                           lambda a, g, pad=pad, ac=ac: F.grid_sample(a, g, mode="nearest", padding_mode=pad, align_corners=ac),
                           f"F.grid_sample(a, b, {{ mode: 'nearest', padding_mode: '{pad}', align_corners: {flag} }})"))

FUNCTIONAL += [
    ("grid_sample bilinear far outside", [(1, 1, 3, 3), ("values", [[[[-3.0, 0.2], [2.5, -2.5]], [[0.0, 7.0], [0.99, -1.0]]]])],
     lambda a, g: F.grid_sample(a, g, align_corners=False), "F.grid_sample(a, b, { align_corners: false })"),
    ("grid_sample reflection far outside", [(1, 1, 3, 3), ("values", [[[[-3.0, 0.2], [2.5, -2.5]], [[0.3, 7.0], [0.9, -4.1]]]])],
     lambda a, g: F.grid_sample(a, g, padding_mode="reflection", align_corners=True),
     "F.grid_sample(a, b, { padding_mode: 'reflection', align_corners: true })"),
    ("grid_sample bilinear float64", [("f64", (1, 2, 3, 3)), ("grid64", (1, 2, 2, 2))],
     lambda a, g: F.grid_sample(a, g, padding_mode="border", align_corners=False),
     "F.grid_sample(a, b, { padding_mode: 'border', align_corners: false })"),
    ("grid_sample nearest only grid requires grad", [("const", (1, 1, 3, 3)), ("grid", (1, 2, 2, 2))],
     lambda a, g: F.grid_sample(a, g, mode="nearest", align_corners=True), "F.grid_sample(a, b, { mode: 'nearest', align_corners: true })"),
    ("grid_sample border on the edges", [(1, 1, 3, 3), ("values", [[[[-1.0, 1.0], [1.0, -1.0]], [[0.0, 1.0], [1.0, 0.0]]]])],
     lambda a, g: F.grid_sample(a, g, padding_mode="border", align_corners=True),
     "F.grid_sample(a, b, { padding_mode: 'border', align_corners: true })"),
    ("grid_sample default align_corners", [(1, 1, 2, 2), ("grid", (1, 1, 3, 2))], lambda a, g: F.grid_sample(a, g),
     "F.grid_sample(a, b)"),
    ("affine_grid then grid_sample", [(1, 2, 4, 4), ("theta", 1)],
     lambda a, t: F.grid_sample(a, F.affine_grid(t, [1, 2, 3, 5], align_corners=False), align_corners=False),
     "F.grid_sample(a, F.affine_grid(b, [1, 2, 3, 5], { align_corners: false }), { align_corners: false })"),
    # empty tensors
    ("interpolate bilinear empty batch", [(0, 2, 3, 3)], lambda a: I(a, scale_factor=2, mode="bilinear"),
     "F.interpolate(a, { scale_factor: 2, mode: 'bilinear' })"),
    ("grid_sample empty grid", [(1, 2, 3, 3), ("grid", (1, 0, 2, 2))], lambda a, g: F.grid_sample(a, g, align_corners=False),
     "F.grid_sample(a, b, { align_corners: false })"),
    ("grid_sample empty batch", [(0, 2, 3, 3), ("grid", (0, 2, 2, 2))], lambda a, g: F.grid_sample(a, g, align_corners=False),
     "F.grid_sample(a, b, { align_corners: false })"),
    ("bilinear empty batch", [(0, 3), (0, 4), (2, 3, 4)], lambda a, b, w: F.bilinear(a, b, w), "F.bilinear(a, b, c)"),
    # bilinear
    ("bilinear", [(4, 3), (4, 5), (2, 3, 5), (2,)], lambda a, b, w, c: F.bilinear(a, b, w, c), "F.bilinear(a, b, c, d)"),
    ("bilinear no bias, batch dims", [(2, 3, 2), (2, 3, 4), (3, 2, 4)], lambda a, b, w: F.bilinear(a, b, w), "F.bilinear(a, b, c)"),
    ("bilinear float64", [("f64", (3, 2)), ("f64", (3, 2)), ("f64", (1, 2, 2))], lambda a, b, w: F.bilinear(a, b, w), "F.bilinear(a, b, c)"),
    # triplet_margin_with_distance_loss (PyTorch 2's)
    ("triplet_margin_with_distance_loss", [(4, 3), (4, 3), (4, 3)], lambda a, p, n: triplet_with_distance(a, p, n),
     "F.triplet_margin_with_distance_loss(a, b, c)"),
    ("triplet_margin_with_distance_loss cosine, swap, sum", [(4, 3), (4, 3), (4, 3)],
     lambda a, p, n: triplet_with_distance(a, p, n, distance_function=lambda x, y: 1.0 - F.cosine_similarity(x, y), margin=0.5, swap=True, reduction="sum"),
     "F.triplet_margin_with_distance_loss(a, b, c, { distance_function: (x, y) => F.cosine_similarity(x, y).neg().add(1), margin: 0.5, swap: true, reduction: 'sum' })"),
    ("triplet_margin_with_distance_loss l1, none", [(3, 5), (3, 5), (3, 5)],
     lambda a, p, n: triplet_with_distance(a, p, n, distance_function=lambda x, y: F.pairwise_distance(x, y, 1.0), margin=2.0, reduction="none"),
     "F.triplet_margin_with_distance_loss(a, b, c, { distance_function: (x, y) => F.pairwise_distance(x, y, 1), margin: 2, reduction: 'none' })"),
    # interpolate 5-D (nearest, nearest-exact, trilinear) and area (helper conv3d)
    ("interpolate trilinear scale 2", [(1, 2, 2, 3, 2)], lambda a: I(a, scale_factor=2, mode="trilinear"),
     "F.interpolate(a, { scale_factor: 2, mode: 'trilinear' })"),
    ("interpolate trilinear align_corners size (3, 4, 5)", [(1, 1, 2, 2, 3)], lambda a: I(a, size=(3, 4, 5), mode="trilinear", align_corners=True),
     "F.interpolate(a, { size: [3, 4, 5], mode: 'trilinear', align_corners: true })"),
    ("interpolate trilinear scale 0.6 recompute", [(1, 1, 5, 4, 6)],
     lambda a: I(a, scale_factor=0.6, mode="trilinear", recompute_scale_factor=True),
     "F.interpolate(a, { scale_factor: 0.6, mode: 'trilinear', recompute_scale_factor: true })"),
    ("interpolate trilinear scale (1.5, 2, 0.75)", [(2, 1, 2, 2, 4)], lambda a: I(a, scale_factor=(1.5, 2.0, 0.75), mode="trilinear"),
     "F.interpolate(a, { scale_factor: [1.5, 2, 0.75], mode: 'trilinear' })"),
    ("interpolate trilinear float64", [("f64", (1, 2, 2, 2, 3))], lambda a: I(a, size=(3, 3, 4), mode="trilinear"),
     "F.interpolate(a, { size: [3, 3, 4], mode: 'trilinear' })"),
    ("interpolate nearest 3d scale 2", [(1, 2, 2, 2, 3)], lambda a: I(a, scale_factor=2), "F.interpolate(a, { scale_factor: 2 })"),
    ("interpolate nearest 3d size (3, 1, 5)", [(1, 1, 2, 3, 2)], lambda a: I(a, size=(3, 1, 5)), "F.interpolate(a, { size: [3, 1, 5] })"),
    ("interpolate nearest-exact 3d scale 1.5", [(1, 1, 2, 3, 4)], lambda a: I(a, scale_factor=1.5, mode="nearest-exact"),
     "F.interpolate(a, { scale_factor: 1.5, mode: 'nearest-exact' })"),
    ("interpolate area 1d size 3", [(2, 2, 7)], lambda a: I(a, size=3, mode="area"), "F.interpolate(a, { size: 3, mode: 'area' })"),
    ("interpolate area 2d scale 0.5", [(1, 2, 4, 6)], lambda a: I(a, scale_factor=0.5, mode="area"),
     "F.interpolate(a, { scale_factor: 0.5, mode: 'area' })"),
    ("interpolate area 2d size (3, 2)", [(1, 1, 5, 7)], lambda a: I(a, size=(3, 2), mode="area"), "F.interpolate(a, { size: [3, 2], mode: 'area' })"),
    ("interpolate area 3d size (2, 3, 2)", [(1, 2, 3, 5, 4)], lambda a: I(a, size=(2, 3, 2), mode="area"),
     "F.interpolate(a, { size: [2, 3, 2], mode: 'area' })"),
    ("interpolate area 3d scale 1.5 upsample", [(1, 1, 2, 2, 3)], lambda a: I(a, scale_factor=1.5, mode="area"),
     "F.interpolate(a, { scale_factor: 1.5, mode: 'area' })"),
    ("interpolate area 3d float64", [("f64", (2, 1, 4, 3, 5))], lambda a: I(a, size=(3, 2, 2), mode="area"),
     "F.interpolate(a, { size: [3, 2, 2], mode: 'area' })"),
    # conv3d / conv_transpose3d (helper conv3d): compositions of the 2-D convolutions, unfold and fold
    ("conv3d", [(2, 2, 4, 5, 6), (3, 2, 2, 3, 2), (3,)], lambda a, w, b: F.conv3d(a, w, b), "F.conv3d(a, b, c)"),
    ("conv3d stride, padding, dilation", [(1, 2, 5, 6, 7), (4, 2, 3, 2, 2), (4,)],
     lambda a, w, b: F.conv3d(a, w, b, stride=(2, 1, 2), padding=(1, 0, 2), dilation=(1, 2, 1)),
     "F.conv3d(a, b, c, { stride: [2, 1, 2], padding: [1, 0, 2], dilation: [1, 2, 1] })"),
    ("conv3d groups, padding same, even kernel", [(1, 4, 4, 5, 3), (6, 2, 2, 3, 4)],
     lambda a, w: F.conv3d(a, w, padding="same", dilation=(2, 1, 1), groups=2),
     "F.conv3d(a, b, null, { padding: 'same', dilation: [2, 1, 1], groups: 2 })"),
    ("conv3d valid, unbatched", [(2, 3, 3, 3), (2, 2, 1, 2, 3)], lambda a, w: F.conv3d(a, w, padding="valid"),
     "F.conv3d(a, b, null, { padding: 'valid' })"),
    ("conv3d float64 stride 2", [("f64", (1, 2, 3, 3, 3)), ("f64", (2, 2, 2, 2, 2)), ("f64", (2,))],
     lambda a, w, b: F.conv3d(a, w, b, 2, 1), "F.conv3d(a, b, c, 2, 1)"),
    ("conv3d 1-sized dims", [(1, 1, 1, 1, 1), (1, 1, 1, 1, 1), (1,)], lambda a, w, b: F.conv3d(a, w, b), "F.conv3d(a, b, c)"),
    ("conv3d empty batch", [(0, 2, 3, 3, 3), (2, 2, 2, 2, 2)], lambda a, w: F.conv3d(a, w), "F.conv3d(a, b)"),
    ("conv_transpose3d", [(2, 2, 3, 4, 3), (2, 3, 2, 3, 2), (3,)], lambda a, w, b: F.conv_transpose3d(a, w, b), "F.conv_transpose3d(a, b, c)"),
    ("conv_transpose3d stride 2, padding 1, output_padding 1", [(1, 2, 3, 3, 2), (2, 2, 3, 3, 3), (2,)],
     lambda a, w, b: F.conv_transpose3d(a, w, b, stride=2, padding=1, output_padding=1),
     "F.conv_transpose3d(a, b, c, { stride: 2, padding: 1, output_padding: 1 })"),
    ("conv_transpose3d groups, dilation, output_padding above padding", [(1, 4, 3, 3, 3), (4, 1, 2, 2, 2)],
     lambda a, w: F.conv_transpose3d(a, w, padding=(0, 1, 0), output_padding=(1, 0, 0), groups=2, dilation=(2, 1, 1)),
     "F.conv_transpose3d(a, b, null, { padding: [0, 1, 0], output_padding: [1, 0, 0], groups: 2, dilation: [2, 1, 1] })"),
    ("conv_transpose3d stride 3, padding 2, output_padding 2", [(1, 1, 2, 2, 2), (1, 2, 3, 2, 2), (2,)],
     lambda a, w, b: F.conv_transpose3d(a, w, b, stride=3, padding=2, output_padding=2),
     "F.conv_transpose3d(a, b, c, { stride: 3, padding: 2, output_padding: 2 })"),
    ("conv_transpose3d unbatched float64", [("f64", (2, 2, 2, 3)), ("f64", (2, 2, 2, 2, 1))],
     lambda a, w: F.conv_transpose3d(a, w, None, (1, 2, 1)), "F.conv_transpose3d(a, b, null, [1, 2, 1])"),
    ("conv_transpose3d empty batch", [(0, 2, 2, 2, 2), (2, 1, 2, 2, 2)], lambda a, w: F.conv_transpose3d(a, w), "F.conv_transpose3d(a, b)"),
]

ERRORS = [
    ("interpolate size and scale_factor", [(1, 1, 3)], lambda a: I(a, size=2, scale_factor=2), "F.interpolate(a, { size: 2, scale_factor: 2 })"),
    ("interpolate neither", [(1, 1, 3)], lambda a: I(a), "F.interpolate(a)"),
    ("interpolate size length", [(1, 1, 3, 3)], lambda a: I(a, size=[2, 3, 4]), "F.interpolate(a, { size: [2, 3, 4] })"),
    ("interpolate scale_factor length", [(1, 1, 3, 3)], lambda a: I(a, scale_factor=[2]), "F.interpolate(a, { scale_factor: [2] })"),
    ("interpolate recompute with size", [(1, 1, 3)], lambda a: I(a, size=4, recompute_scale_factor=True),
     "F.interpolate(a, { size: 4, recompute_scale_factor: true })"),
    ("interpolate nearest align_corners", [(1, 1, 3)], lambda a: I(a, size=4, align_corners=True),
     "F.interpolate(a, { size: 4, align_corners: true })"),
    ("interpolate bilinear on 3-D", [(1, 1, 3)], lambda a: I(a, size=4, mode="bilinear"), "F.interpolate(a, { size: 4, mode: 'bilinear' })"),
    ("interpolate linear on 4-D", [(1, 1, 3, 3)], lambda a: I(a, size=4, mode="linear"), "F.interpolate(a, { size: 4, mode: 'linear' })"),
    ("interpolate 2-D input", [(3, 3)], lambda a: I(a, size=4), "F.interpolate(a, { size: 4 })"),
    ("interpolate unknown mode", [(1, 1, 3)], lambda a: I(a, size=4, mode="cubic"), "F.interpolate(a, { size: 4, mode: 'cubic' })"),
    ("interpolate antialias nearest", [(1, 1, 3, 3)], lambda a: I(a, size=4, antialias=True), "F.interpolate(a, { size: 4, antialias: true })"),
    ("interpolate output size 0", [(1, 1, 3, 3)], lambda a: I(a, scale_factor=0.2), "F.interpolate(a, { scale_factor: 0.2 })"),
    ("interpolate 1d output size 0", [(1, 1, 3)], lambda a: I(a, size=0, mode="linear"), "F.interpolate(a, { size: 0, mode: 'linear' })"),
    ("interpolate empty spatial", [(1, 1, 0, 2)], lambda a: I(a, size=(2, 2)), "F.interpolate(a, { size: [2, 2] })"),
    ("pixel_shuffle 2-D", [(4, 4)], lambda a: F.pixel_shuffle(a, 2), "F.pixel_shuffle(a, 2)"),
    ("pixel_shuffle channels", [(1, 5, 2, 2)], lambda a: F.pixel_shuffle(a, 2), "F.pixel_shuffle(a, 2)"),
    ("pixel_shuffle factor 0", [(1, 4, 2, 2)], lambda a: F.pixel_shuffle(a, 0), "F.pixel_shuffle(a, 0)"),
    ("pixel_unshuffle height", [(1, 1, 3, 4)], lambda a: F.pixel_unshuffle(a, 2), "F.pixel_unshuffle(a, 2)"),
    ("pixel_unshuffle width", [(1, 1, 4, 3)], lambda a: F.pixel_unshuffle(a, 2), "F.pixel_unshuffle(a, 2)"),
    ("pixel_unshuffle factor -1", [(1, 1, 4, 4)], lambda a: F.pixel_unshuffle(a, -1), "F.pixel_unshuffle(a, -1)"),
    ("grid_sample mode", [(1, 1, 2, 2), ("grid", (1, 1, 1, 2))], lambda a, g: F.grid_sample(a, g, mode="linear", align_corners=False),
     "F.grid_sample(a, b, { mode: 'linear', align_corners: false })"),
    ("grid_sample padding_mode", [(1, 1, 2, 2), ("grid", (1, 1, 1, 2))], lambda a, g: F.grid_sample(a, g, padding_mode="wrap", align_corners=False),
     "F.grid_sample(a, b, { padding_mode: 'wrap', align_corners: false })"),
    ("grid_sample dtypes", [(1, 1, 2, 2), ("grid64", (1, 1, 1, 2))], lambda a, g: F.grid_sample(a, g, align_corners=False),
     "F.grid_sample(a, b, { align_corners: false })"),
    ("grid_sample batch", [(2, 1, 2, 2), ("grid", (1, 1, 1, 2))], lambda a, g: F.grid_sample(a, g, align_corners=False),
     "F.grid_sample(a, b, { align_corners: false })"),
    ("grid_sample grid last dim", [(1, 1, 2, 2), ("grid", (1, 1, 1, 3))], lambda a, g: F.grid_sample(a, g, align_corners=False),
     "F.grid_sample(a, b, { align_corners: false })"),
    ("grid_sample ranks", [(1, 1, 2, 2), ("grid", (1, 1, 2))], lambda a, g: F.grid_sample(a, g, align_corners=False),
     "F.grid_sample(a, b, { align_corners: false })"),
    ("grid_sample empty spatial", [(1, 1, 0, 2), ("grid", (1, 1, 1, 2))], lambda a, g: F.grid_sample(a, g, align_corners=False),
     "F.grid_sample(a, b, { align_corners: false })"),
    ("affine_grid integer theta", [("int", (1, 2, 3))], lambda t: F.affine_grid(t, [1, 1, 2, 2], align_corners=False),
     "F.affine_grid(a, [1, 1, 2, 2], { align_corners: false })"),
    ("affine_grid theta shape", [(1, 3, 3)], lambda t: F.affine_grid(t, [1, 1, 2, 2], align_corners=False),
     "F.affine_grid(a, [1, 1, 2, 2], { align_corners: false })"),
    ("affine_grid 3d theta shape", [(1, 2, 3)], lambda t: F.affine_grid(t, [1, 1, 2, 2, 2], align_corners=False),
     "F.affine_grid(a, [1, 1, 2, 2, 2], { align_corners: false })"),
    ("affine_grid size rank", [(1, 2, 3)], lambda t: F.affine_grid(t, [1, 2, 2], align_corners=False),
     "F.affine_grid(a, [1, 2, 2], { align_corners: false })"),
    ("affine_grid zero size", [(1, 2, 3)], lambda t: F.affine_grid(t, [1, 1, 0, 2], align_corners=False),
     "F.affine_grid(a, [1, 1, 0, 2], { align_corners: false })"),
    ("affine_grid batch", [(2, 2, 3)], lambda t: F.affine_grid(t, [3, 1, 2, 2], align_corners=False),
     "F.affine_grid(a, [3, 1, 2, 2], { align_corners: false })"),
    ("bilinear ranks", [(4, 3), (4, 2, 5), (2, 3, 5)], lambda a, b, w: F.bilinear(a, b, w), "F.bilinear(a, b, c)"),
    ("bilinear batch", [(4, 3), (3, 5), (2, 3, 5)], lambda a, b, w: F.bilinear(a, b, w), "F.bilinear(a, b, c)"),
    ("bilinear input1 size", [(4, 2), (4, 5), (2, 3, 5)], lambda a, b, w: F.bilinear(a, b, w), "F.bilinear(a, b, c)"),
    ("bilinear input2 size", [(4, 3), (4, 4), (2, 3, 5)], lambda a, b, w: F.bilinear(a, b, w), "F.bilinear(a, b, c)"),
    ("bilinear bias size", [(4, 3), (4, 5), (2, 3, 5), (3,)], lambda a, b, w, c: F.bilinear(a, b, w, c), "F.bilinear(a, b, c, d)"),
    ("triplet_margin_with_distance_loss ranks", [(4, 3), (4, 3), (3,)], lambda a, p, n: triplet_with_distance(a, p, n),
     "F.triplet_margin_with_distance_loss(a, b, c)"),
    ("triplet_margin_with_distance_loss reduction", [(4, 3), (4, 3), (4, 3)],
     lambda a, p, n: triplet_with_distance(a, p, n, reduction="avg"), "F.triplet_margin_with_distance_loss(a, b, c, { reduction: 'avg' })"),
    # interpolate 5-D and area (helper conv3d)
    ("interpolate area align_corners", [(1, 1, 4, 4)], lambda a: I(a, size=2, mode="area", align_corners=False),
     "F.interpolate(a, { size: 2, mode: 'area', align_corners: false })"),
    ("interpolate trilinear on 4-D", [(1, 1, 3, 3)], lambda a: I(a, size=4, mode="trilinear"), "F.interpolate(a, { size: 4, mode: 'trilinear' })"),
    ("interpolate bilinear on 5-D", [(1, 1, 2, 3, 3)], lambda a: I(a, size=4, mode="bilinear"), "F.interpolate(a, { size: 4, mode: 'bilinear' })"),
    ("interpolate trilinear output size 0", [(1, 1, 2, 3, 3)], lambda a: I(a, scale_factor=0.4, mode="trilinear"),
     "F.interpolate(a, { scale_factor: 0.4, mode: 'trilinear' })"),
    ("interpolate nearest 3d empty spatial", [(1, 1, 2, 0, 3)], lambda a: I(a, size=(2, 2, 2)), "F.interpolate(a, { size: [2, 2, 2] })"),
    ("interpolate trilinear antialias", [(1, 1, 2, 3, 3)], lambda a: I(a, size=4, mode="trilinear", antialias=True),
     "F.interpolate(a, { size: 4, mode: 'trilinear', antialias: true })"),
    # conv3d / conv_transpose3d (helper conv3d)
    ("conv3d padding of 2", [(1, 2, 4, 4, 4), (3, 2, 2, 2, 2)], lambda a, w: F.conv3d(a, w, padding=(1, 1)),
     "F.conv3d(a, b, null, { padding: [1, 1] })"),
    ("conv3d kernel larger than input", [(1, 2, 4, 4, 4), (3, 2, 5, 2, 2)], lambda a, w: F.conv3d(a, w), "F.conv3d(a, b)"),
    ("conv3d 3-D input", [(2, 4, 4), (3, 2, 2, 2, 2)], lambda a, w: F.conv3d(a, w), "F.conv3d(a, b)"),
    ("conv3d same strided", [(1, 2, 4, 4, 4), (3, 2, 2, 2, 2)], lambda a, w: F.conv3d(a, w, padding="same", stride=2),
     "F.conv3d(a, b, null, { padding: 'same', stride: 2 })"),
    ("conv3d channels", [(1, 3, 4, 4, 4), (2, 2, 2, 2, 2)], lambda a, w: F.conv3d(a, w), "F.conv3d(a, b)"),
    ("conv3d 4-D weight", [(1, 2, 4, 4, 4), (2, 2, 2, 2)], lambda a, w: F.conv3d(a, w), "F.conv3d(a, b)"),
    ("conv3d bias size", [(1, 2, 4, 4, 4), (3, 2, 2, 2, 2), (2,)], lambda a, w, b: F.conv3d(a, w, b), "F.conv3d(a, b, c)"),
    ("conv_transpose3d output_padding", [(1, 2, 4, 4, 4), (2, 3, 2, 2, 2)], lambda a, w: F.conv_transpose3d(a, w, stride=2, output_padding=2),
     "F.conv_transpose3d(a, b, null, { stride: 2, output_padding: 2 })"),
    ("conv_transpose3d output too small", [(1, 2, 4, 4, 4), (2, 3, 2, 2, 2)], lambda a, w: F.conv_transpose3d(a, w, padding=(3, 0, 0)),
     "F.conv_transpose3d(a, b, null, { padding: [3, 0, 0] })"),
    ("conv_transpose3d empty depth", [(1, 2, 0, 3, 3), (2, 3, 2, 2, 2)], lambda a, w: F.conv_transpose3d(a, w), "F.conv_transpose3d(a, b)"),
    ("conv_transpose3d channels", [(1, 3, 2, 2, 2), (2, 3, 2, 2, 2)], lambda a, w: F.conv_transpose3d(a, w), "F.conv_transpose3d(a, b)"),
    ("conv3d bool", [(1, 2, 2, 2, 2), (2, 2, 1, 1, 1)], lambda a, w: F.conv3d(a.bool(), w.bool()), "F.conv3d(a.bool(), b.bool())"),
    ("conv_transpose3d int32", [(1, 2, 2, 2, 2), (2, 2, 1, 1, 1)], lambda a, w: F.conv_transpose3d(a.int(), w.int()),
     "F.conv_transpose3d(a.int(), b.int())"),
    ("conv_transpose3d bool", [(1, 2, 2, 2, 2), (2, 2, 1, 1, 1)], lambda a, w: F.conv_transpose3d(a.bool(), w.bool()),
     "F.conv_transpose3d(a.bool(), b.bool())"),
    ("conv_transpose3d dilation 0", [(1, 2, 2, 2, 2), (2, 3, 2, 2, 2)], lambda a, w: F.conv_transpose3d(a, w, dilation=(0, 1, 1)),
     "F.conv_transpose3d(a, b, null, { dilation: [0, 1, 1] })"),
]

WARNINGS = [
    ("grid_sample without align_corners", [(1, 1, 2, 2), ("grid", (1, 1, 1, 2))], lambda a, g: F.grid_sample(a, g), "F.grid_sample(a, b)"),
    ("affine_grid without align_corners", [("theta", 1)], lambda t: F.affine_grid(t, [1, 1, 2, 2]), "F.affine_grid(a, [1, 1, 2, 2])"),
    ("affine_grid align_corners unit size", [("theta", 1)], lambda t: F.affine_grid(t, [1, 1, 1, 2], align_corners=True),
     "F.affine_grid(a, [1, 1, 1, 2], { align_corners: true })"),
    ("upsample", [(1, 1, 2)], lambda a: F.upsample(a, scale_factor=2), "F.upsample(a, { scale_factor: 2 })"),
    ("LazyLinear", [], lambda: nn.LazyLinear(2), "new nn.LazyLinear(2)"),
]

MODULES = [
    ("Upsample(scale_factor=2)", 0, lambda: nn.Upsample(scale_factor=2), "new nn.Upsample({ scale_factor: 2 })", [(1, 2, 2, 3)]),
    ("Upsample(size=(3, 5), mode='bilinear', align_corners=True)", 1,
     lambda: nn.Upsample(size=(3, 5), mode="bilinear", align_corners=True),
     "new nn.Upsample({ size: [3, 5], mode: 'bilinear', align_corners: true })", [(2, 1, 2, 2)]),
    ("Upsample(size=5, mode='linear')", 2, lambda: nn.Upsample(size=5, mode="linear"), "new nn.Upsample({ size: 5, mode: 'linear' })", [(1, 2, 3)]),
    ("Upsample(scale_factor=(2, 1.5), mode='bicubic')", 3, lambda: nn.Upsample(scale_factor=(2.0, 1.5), mode="bicubic"),
     "new nn.Upsample({ scale_factor: [2, 1.5], mode: 'bicubic' })", [(1, 1, 3, 2)]),
    ("UpsamplingNearest2d(scale_factor=3)", 4, lambda: nn.UpsamplingNearest2d(scale_factor=3),
     "new nn.UpsamplingNearest2d({ scale_factor: 3 })", [(1, 1, 2, 2)]),
    ("UpsamplingBilinear2d(size=(4, 3))", 5, lambda: nn.UpsamplingBilinear2d(size=(4, 3)),
     "new nn.UpsamplingBilinear2d({ size: [4, 3] })", [(1, 2, 2, 2)]),
    ("PixelShuffle(2)", 6, lambda: nn.PixelShuffle(2), "new nn.PixelShuffle(2)", [(1, 4, 2, 3)]),
    ("PixelUnshuffle(2)", 7, lambda: nn.PixelUnshuffle(2), "new nn.PixelUnshuffle(2)", [(1, 1, 4, 2)]),
    ("Bilinear(3, 4, 2)", 8, lambda: nn.Bilinear(3, 4, 2), "new nn.Bilinear(3, 4, 2)", [(5, 3), (5, 4)]),
    ("Bilinear(2, 2, 3, bias=False) float64", 9, lambda: nn.Bilinear(2, 2, 3, bias=False, dtype=D),
     "new nn.Bilinear(2, 2, 3, { bias: false, dtype: 'float64' })", [("f64", (4, 2)), ("f64", (4, 2))]),
    ("LazyLinear(3)", 10, lambda: nn.LazyLinear(3), "new nn.LazyLinear(3)", [(2, 5)]),
    ("LazyLinear(2, bias=False)", 11, lambda: nn.LazyLinear(2, bias=False), "new nn.LazyLinear(2, { bias: false })", [(3, 2, 4)]),
    ("PairwiseDistance(p=1.0)", 12, lambda: nn.PairwiseDistance(p=1.0), "new nn.PairwiseDistance({ p: 1 })", [(3, 4), (3, 4)]),
    ("TripletMarginWithDistanceLoss()", 13, lambda: nn.TripletMarginWithDistanceLoss(),
     "new nn.TripletMarginWithDistanceLoss()", [(4, 3), (4, 3), (4, 3)]),
    ("TripletMarginWithDistanceLoss(distance_function=PairwiseDistance(p=1.0), swap=True)", 14,
     lambda: nn.TripletMarginWithDistanceLoss(distance_function=nn.PairwiseDistance(p=1.0), swap=True),
     "new nn.TripletMarginWithDistanceLoss({ distance_function: new nn.PairwiseDistance({ p: 1 }), swap: true })", [(4, 3), (4, 3), (4, 3)]),
    # Upsample in modes trilinear and area (helper conv3d)
    ("Upsample(scale_factor=(1, 2, 1.5), mode='trilinear', align_corners=True)", 26,
     lambda: nn.Upsample(scale_factor=(1.0, 2.0, 1.5), mode="trilinear", align_corners=True),
     "new nn.Upsample({ scale_factor: [1, 2, 1.5], mode: 'trilinear', align_corners: true })", [(1, 2, 2, 2, 2)]),
    ("Upsample(size=(2, 3), mode='area')", 27, lambda: nn.Upsample(size=(2, 3), mode="area"),
     "new nn.Upsample({ size: [2, 3], mode: 'area' })", [(1, 2, 5, 4)]),
    # Conv3d / ConvTranspose3d (helper conv3d)
    ("Conv3d(2, 4, 3, padding=1, groups=2)", 20, lambda: nn.Conv3d(2, 4, 3, padding=1, groups=2),
     "new nn.Conv3d(2, 4, 3, { padding: 1, groups: 2 })", [(1, 2, 3, 4, 4)]),
    ("Conv3d(1, 2, (1, 2, 3), stride=(1, 2, 1), bias=False, padding_mode='circular', padding=(0, 1, 2))", 21,
     lambda: nn.Conv3d(1, 2, (1, 2, 3), stride=(1, 2, 1), bias=False, padding_mode="circular", padding=(0, 1, 2)),
     "new nn.Conv3d(1, 2, [1, 2, 3], { stride: [1, 2, 1], bias: false, padding_mode: 'circular', padding: [0, 1, 2] })", [(2, 1, 2, 4, 3)]),
    ("Conv3d(2, 2, 2, padding='same', padding_mode='reflect')", 22, lambda: nn.Conv3d(2, 2, 2, padding="same", padding_mode="reflect"),
     "new nn.Conv3d(2, 2, 2, { padding: 'same', padding_mode: 'reflect' })", [(1, 2, 3, 3, 2)]),
    ("Conv3d(2, 3, 2, dilation=2, padding_mode='replicate', padding=1) unbatched", 23,
     lambda: nn.Conv3d(2, 3, 2, dilation=2, padding_mode="replicate", padding=1),
     "new nn.Conv3d(2, 3, 2, { dilation: 2, padding_mode: 'replicate', padding: 1 })", [(2, 2, 3, 2)]),
    ("ConvTranspose3d(2, 4, 3, stride=2, padding=1, output_padding=1, groups=2)", 24,
     lambda: nn.ConvTranspose3d(2, 4, 3, stride=2, padding=1, output_padding=1, groups=2),
     "new nn.ConvTranspose3d(2, 4, 3, { stride: 2, padding: 1, output_padding: 1, groups: 2 })", [(1, 2, 2, 3, 2)]),
    ("ConvTranspose3d(3, 1, (2, 1, 2), bias=False, dilation=(1, 1, 2))", 25,
     lambda: nn.ConvTranspose3d(3, 1, (2, 1, 2), bias=False, dilation=(1, 1, 2)),
     "new nn.ConvTranspose3d(3, 1, [2, 1, 2], { bias: false, dilation: [1, 1, 2] })", [(2, 3, 2, 2, 2)]),
]


def main():
    # PyTorch 2's functions and repr where 1.13 differs (docs/api.md lists them)
    F.triplet_margin_with_distance_loss = triplet_with_distance
    F.grid_sample = grid_sample
    nn.Upsample.extra_repr = upsample_extra_repr
    fix = {"generator": "scripts/gen_sampling_fixtures.py", "torch": torch.__version__,
           "functional": [functional_case(*c) for c in FUNCTIONAL], "errors": [error_case(*c) for c in ERRORS],
           "modules": [module_case(*c) for c in MODULES], "warnings": [warning_case(*c) for c in WARNINGS]}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['functional'])} functional, {len(fix['errors'])} errors, {len(fix['modules'])} modules")


if __name__ == "__main__":
    main()
