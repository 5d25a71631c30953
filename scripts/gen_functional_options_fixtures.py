#!/usr/bin/env python3
"""torch.nn.functional with every option issue 8 names, in real PyTorch:
test/fixtures/functional_options.json, read by test/functional-options.test.ts (and counted by
test/functional-coverage.test.ts, which lists the (function, option) pairs).

Each case calls one F function with one option (or a few) at a non-default value, written in Python
(`py`, a function of the inputs) and TypeScript (`ts`, an expression of the inputs by name, `torch`,
`nn` and `F`), in the case format of scripts/gen_nn_rest_fixtures.py (whose call_case and
error_case record results, nodes and the gradients of every floating input for random upstreams).
An input is a function drawing a tensor after torch.manual_seed(seed), seed taken from the case's
name; every floating input requires grad (the TS harness differentiates every floating input).
Edges: zeros, ties, ±inf and NaN where the function defines them, empty batches, and bad arguments
with PyTorch's error. Run with /usr/bin/python3 (the system interpreter has torch)."""
import json
import os
import sys
import warnings
import zlib

sys.path.insert(0, os.path.dirname(__file__))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import gen_nn_rest_fixtures as rest  # noqa: E402
import pytorch2_compat  # noqa: F401,E402 -- PyTorch 2's F.rms_norm, F.smooth_l1_loss (beta 0), F.gaussian_nll_loss

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "functional_options.json")
NAN, INF = float("nan"), float("inf")


def seed_of(name):
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


def randn(*shape, dtype=torch.float32):
    return lambda: torch.randn(shape, dtype=dtype).requires_grad_()


def rand(*shape, lo=0.0, hi=1.0):
    return lambda: (torch.rand(shape) * (hi - lo) + lo).requires_grad_()


def vals(v, dtype=torch.float32):
    return lambda: torch.tensor(v, dtype=dtype).requires_grad_()


def ints(v):
    return lambda: torch.tensor(v, dtype=torch.long)


def randint(high, *shape):
    return lambda: torch.randint(0, high, shape)


def signs(*shape):
    return lambda: torch.randint(0, 2, shape) * 2.0 - 1.0  # ±1 targets; float, no grad: see make_input


def nograd(make):
    """A floating input PyTorch never differentiates (marked so the TS side leaves it alone too)."""
    return ("nograd", make)


# call_case and error_case build inputs through rest.make_input: ours are thunks
_make_input = rest.make_input


def make_input(spec):
    if isinstance(spec, tuple) and spec[0] == "nograd":
        return spec[1]().detach()
    return spec() if callable(spec) else _make_input(spec)


rest.make_input = make_input

CASES = []
ERRORS = []


def case(name, inputs, py, ts):
    CASES.append((name, seed_of(name), inputs, None, None, lambda m, **kw: py(**kw), ts))


def err(name, inputs, py, ts):
    ERRORS.append((name, inputs, None, None, lambda m, **kw: py(**kw), ts))


# ---- convolutions: stride, padding (int, 'same', 'valid'), dilation, groups; transposed: output_padding
for d in (1, 2, 3):
    fn, sp = getattr(F, f"conv{d}d"), [5, 6, 4][d - 1]
    x = randn(2, 4, *([sp] * d))
    w = randn(6, 2, *([3] * d))
    b = randn(6)
    w1 = randn(3, 4, *([2] * d))
    name = f"conv{d}d"
    case(f"F.{name} stride 2", {"x": x, "w": w1}, lambda x, w, fn=fn: fn(x, w, stride=2), f"F.{name}(x, w, {{ stride: 2 }})")
    case(f"F.{name} padding 1 with bias", {"x": x, "w": w1, "b": randn(3)}, lambda x, w, b, fn=fn: fn(x, w, b, padding=1),
         f"F.{name}(x, w, b, {{ padding: 1 }})")
    case(f"F.{name} padding 'same' dilation 2", {"x": x, "w": w1}, lambda x, w, fn=fn: fn(x, w, padding="same", dilation=2),
         f"F.{name}(x, w, {{ padding: 'same', dilation: 2 }})")
    case(f"F.{name} padding 'valid'", {"x": x, "w": w1}, lambda x, w, fn=fn: fn(x, w, padding="valid"), f"F.{name}(x, w, {{ padding: 'valid' }})")
    case(f"F.{name} groups 2", {"x": x, "w": w, "b": b}, lambda x, w, b, fn=fn: fn(x, w, b, groups=2), f"F.{name}(x, w, b, {{ groups: 2 }})")
    err(f"F.{name} padding 'same' with stride 2", {"x": x, "w": w1}, lambda x, w, fn=fn: fn(x, w, stride=2, padding="same"),
        f"F.{name}(x, w, {{ stride: 2, padding: 'same' }})")
    err(f"F.{name} padding 'full'", {"x": x, "w": w1}, lambda x, w, fn=fn: fn(x, w, padding="full"), f"F.{name}(x, w, {{ padding: 'full' }})")
for d in (1, 2):
    fn, name = getattr(F, f"conv_transpose{d}d"), f"conv_transpose{d}d"
    x = randn(2, 4, *([4] * d))
    w = randn(4, 3, *([3] * d))
    wg = randn(4, 2, *([3] * d))
    case(f"F.{name} stride 2 padding 1 output_padding 1", {"x": x, "w": w, "b": randn(3)},
         lambda x, w, b, fn=fn: fn(x, w, b, stride=2, padding=1, output_padding=1),
         f"F.{name}(x, w, b, {{ stride: 2, padding: 1, output_padding: 1 }})")
    case(f"F.{name} dilation 2", {"x": x, "w": w}, lambda x, w, fn=fn: fn(x, w, dilation=2), f"F.{name}(x, w, {{ dilation: 2 }})")
    case(f"F.{name} groups 2", {"x": x, "w": wg}, lambda x, w, fn=fn: fn(x, w, groups=2), f"F.{name}(x, w, {{ groups: 2 }})")
    err(f"F.{name} output_padding not below stride", {"x": x, "w": w}, lambda x, w, fn=fn: fn(x, w, stride=2, output_padding=2),
        f"F.{name}(x, w, {{ stride: 2, output_padding: 2 }})")

# ---- unfold / fold
case("F.unfold dilation 2 padding 1 stride 2", {"x": randn(2, 3, 6, 7)}, lambda x: F.unfold(x, 2, dilation=2, padding=1, stride=2),
     "F.unfold(x, 2, { dilation: 2, padding: 1, stride: 2 })")
case("F.fold dilation 2 padding 1 stride 2", {"x": randn(2, 12, 12)}, lambda x: F.fold(x, (6, 7), 2, dilation=2, padding=1, stride=2),
     "F.fold(x, [6, 7], 2, { dilation: 2, padding: 1, stride: 2 })")
err("F.fold with a block count that does not fit", {"x": randn(2, 12, 10)}, lambda x: F.fold(x, (6, 7), 2, stride=2),
    "F.fold(x, [6, 7], 2, { stride: 2 })")

# ---- pooling
TIES = [1.0, 1.0, 0.0, 2.0, 2.0, NAN, -INF, -INF, 5.0, 5.0, 0.0, 0.0]
for d in (1, 2, 3):
    fn, name = getattr(F, f"max_pool{d}d"), f"max_pool{d}d"
    x = randn(2, 2, *([7, 6, 5][:d]))
    case(f"F.{name} stride 2 padding 1 dilation 2 ceil_mode", {"x": x},
         lambda x, fn=fn: fn(x, 2, stride=2, padding=1, dilation=2, ceil_mode=True),
         f"F.{name}(x, 2, {{ stride: 2, padding: 1, dilation: 2, ceil_mode: true }})")
    case(f"F.{name} return_indices", {"x": x}, lambda x, fn=fn: fn(x, 3, return_indices=True), f"F.{name}(x, 3, {{ return_indices: true }})")
    err(f"F.{name} padding above half the kernel", {"x": x}, lambda x, fn=fn: fn(x, 2, padding=2), f"F.{name}(x, 2, {{ padding: 2 }})")
case("F.max_pool1d ties, NaN and -inf with return_indices", {"x": vals([TIES])}, lambda x: F.max_pool1d(x, 2, return_indices=True),
     "F.max_pool1d(x, 2, { return_indices: true })")
for d in (1, 2):
    fn, name = getattr(F, f"avg_pool{d}d"), f"avg_pool{d}d"
    x = randn(2, 2, *([7, 6][:d]))
    case(f"F.{name} stride 2 padding 1 ceil_mode count_include_pad false", {"x": x},
         lambda x, fn=fn: fn(x, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
         f"F.{name}(x, 3, {{ stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }})")
    case(f"F.{name} padding 1 count_include_pad", {"x": x}, lambda x, fn=fn: fn(x, 2, padding=1), f"F.{name}(x, 2, {{ padding: 1 }})")
case("F.avg_pool2d divisor_override 3", {"x": randn(1, 2, 4, 5)}, lambda x: F.avg_pool2d(x, 2, divisor_override=3),
     "F.avg_pool2d(x, 2, { divisor_override: 3 })")
case("F.adaptive_avg_pool1d 3", {"x": randn(2, 3, 7)}, lambda x: F.adaptive_avg_pool1d(x, 3), "F.adaptive_avg_pool1d(x, 3)")
case("F.adaptive_avg_pool2d (3, None)", {"x": randn(2, 3, 7, 5)}, lambda x: F.adaptive_avg_pool2d(x, (3, None)), "F.adaptive_avg_pool2d(x, [3, null])")
case("F.adaptive_max_pool2d return_indices", {"x": randn(2, 3, 7, 5)}, lambda x: F.adaptive_max_pool2d(x, (3, 2), return_indices=True),
     "F.adaptive_max_pool2d(x, [3, 2], { return_indices: true })")
case("F.max_unpool2d output_size", {"x": randn(1, 2, 5, 5)},
     lambda x: F.max_unpool2d(*F.max_pool2d(x, 2, return_indices=True), 2, output_size=(5, 5)),
     "F.max_unpool2d(...F.max_pool2d(x, 2, { return_indices: true }), 2, { output_size: [5, 5] })")
case("F.max_unpool2d stride 1 padding 1", {"x": randn(1, 2, 4, 4)},
     lambda x: F.max_unpool2d(*F.max_pool2d(x, 3, stride=1, padding=1, return_indices=True), 3, stride=1, padding=1),
     "F.max_unpool2d(...F.max_pool2d(x, 3, { stride: 1, padding: 1, return_indices: true }), 3, { stride: 1, padding: 1 })")
case("F.lp_pool2d norm_type 3 stride 1 ceil_mode", {"x": rand(1, 2, 5, 4, lo=0.1, hi=2.0)},
     lambda x: F.lp_pool2d(x, 3.0, 2, stride=1, ceil_mode=True), "F.lp_pool2d(x, 3.0, 2, { stride: 1, ceil_mode: true })")
case("F.lp_pool2d norm_type 1.5 stride 2", {"x": rand(1, 2, 5, 4, lo=0.1, hi=2.0)},
     lambda x: F.lp_pool2d(x, 1.5, (2, 3), stride=2), "F.lp_pool2d(x, 1.5, [2, 3], { stride: 2 })")

def updated(call, *buffers):
    """call's result and the buffers it updates in place, run on clones: call_case records the
    inputs after the call, so the originals must keep their values."""
    clones = [b.clone() for b in buffers]
    return [call(*clones), *clones]


# ---- normalization
BN_IN = {"x": randn(4, 3, 5), "rm": nograd(randn(3)), "rv": nograd(rand(3, lo=0.5, hi=2.0)), "w": randn(3), "b": randn(3)}
case("F.batch_norm training momentum 0.3 eps 1e-3 (running stats)", BN_IN,
     lambda x, rm, rv, w, b: updated(lambda r, v: F.batch_norm(x, r, v, w, b, training=True, momentum=0.3, eps=1e-3), rm, rv),
     "((r, v) => [F.batch_norm(x, r, v, { weight: w, bias: b, training: true, momentum: 0.3, eps: 1e-3 }), r, v])(rm.clone(), rv.clone())")
case("F.batch_norm eval (running stats)", BN_IN, lambda x, rm, rv, w, b: F.batch_norm(x, rm, rv, w, b),
     "F.batch_norm(x, rm, rv, { weight: w, bias: b })")
case("F.batch_norm training without running stats", {"x": randn(4, 3, 2, 2)}, lambda x: F.batch_norm(x, None, None, training=True),
     "F.batch_norm(x, null, null, { training: true })")
err("F.batch_norm training on one value per channel", {"x": randn(1, 3)}, lambda x: F.batch_norm(x, None, None, training=True),
    "F.batch_norm(x, null, null, { training: true })")
case("F.layer_norm weight bias eps", {"x": randn(2, 3, 4), "w": randn(3, 4), "b": randn(3, 4)},
     lambda x, w, b: F.layer_norm(x, (3, 4), w, b, eps=1e-2), "F.layer_norm(x, [3, 4], { weight: w, bias: b, eps: 1e-2 })")
case("F.layer_norm of constant rows", {"x": vals([[2.0, 2.0, 2.0], [0.0, 0.0, 0.0]])}, lambda x: F.layer_norm(x, (3,)), "F.layer_norm(x, [3])")
case("F.group_norm weight bias eps", {"x": randn(2, 6, 3), "w": randn(6), "b": randn(6)},
     lambda x, w, b: F.group_norm(x, 3, w, b, eps=1e-3), "F.group_norm(x, 3, { weight: w, bias: b, eps: 1e-3 })")
err("F.group_norm groups not dividing channels", {"x": randn(2, 6, 3)}, lambda x: F.group_norm(x, 4), "F.group_norm(x, 4)")
IN_IN = {"x": randn(2, 3, 5), "rm": nograd(randn(3)), "rv": nograd(rand(3, lo=0.5, hi=2.0)), "w": randn(3), "b": randn(3)}
case("F.instance_norm running stats momentum 0.2 eps 1e-3 weight bias", IN_IN,
     lambda x, rm, rv, w, b: updated(lambda r, v: F.instance_norm(x, r, v, w, b, momentum=0.2, eps=1e-3), rm, rv),
     "((r, v) => [F.instance_norm(x, r, v, { weight: w, bias: b, momentum: 0.2, eps: 1e-3 }), r, v])(rm.clone(), rv.clone())")
case("F.instance_norm use_input_stats false", IN_IN,
     lambda x, rm, rv, w, b: F.instance_norm(x, rm, rv, w, b, use_input_stats=False),
     "F.instance_norm(x, rm, rv, { weight: w, bias: b, use_input_stats: false })")
case("F.local_response_norm alpha beta k", {"x": randn(2, 5, 3)}, lambda x: F.local_response_norm(x, 3, alpha=0.1, beta=0.5, k=2.0),
     "F.local_response_norm(x, 3, { alpha: 0.1, beta: 0.5, k: 2.0 })")
case("F.rms_norm weight eps", {"x": randn(2, 3, 4), "w": randn(4)}, lambda x, w: F.rms_norm(x, [4], w, eps=0.1),
     "F.rms_norm(x, [4], { weight: w, eps: 0.1 })")

# ---- embedding
EMB_W = randn(6, 3)
case("F.embedding padding_idx 2", {"i": ints([[0, 2, 5], [2, 1, 1]]), "w": EMB_W}, lambda i, w: F.embedding(i, w, padding_idx=2),
     "F.embedding(i, w, { padding_idx: 2 })")
case("F.embedding padding_idx -1", {"i": ints([5, 0, 5]), "w": EMB_W}, lambda i, w: F.embedding(i, w, padding_idx=-1),
     "F.embedding(i, w, { padding_idx: -1 })")
case("F.embedding max_norm 1 norm_type 1 (renormalises the rows it reads)", {"i": ints([[0, 3], [3, 4]]), "w": nograd(lambda: torch.randn(6, 3) * 2)},
     lambda i, w: updated(lambda v: F.embedding(i, v, max_norm=1.0, norm_type=1.0), w),
     "((v) => [F.embedding(i, v, { max_norm: 1.0, norm_type: 1.0 }), v])(w.clone())")
case("F.embedding scale_grad_by_freq", {"i": ints([1, 1, 1, 4]), "w": EMB_W}, lambda i, w: F.embedding(i, w, scale_grad_by_freq=True),
     "F.embedding(i, w, { scale_grad_by_freq: true })")
err("F.embedding padding_idx out of range", {"i": ints([0]), "w": EMB_W}, lambda i, w: F.embedding(i, w, padding_idx=6),
    "F.embedding(i, w, { padding_idx: 6 })")
BAG = {"i": ints([0, 2, 4, 5, 4, 3, 2, 9]), "o": ints([0, 2, 2, 5]), "w": randn(10, 3)}
for mode in ("sum", "mean", "max"):
    case(f"F.embedding_bag mode {mode} with an empty bag", BAG, lambda i, o, w, mode=mode: F.embedding_bag(i, w, o, mode=mode),
         f"F.embedding_bag(i, w, o, {{ mode: '{mode}' }})")
case("F.embedding_bag per_sample_weights", {**BAG, "p": randn(8)}, lambda i, o, w, p: F.embedding_bag(i, w, o, mode="sum", per_sample_weights=p),
     "F.embedding_bag(i, w, o, { mode: 'sum', per_sample_weights: p })")
case("F.embedding_bag include_last_offset padding_idx", {**BAG, "o": ints([0, 2, 2, 5, 8])}, lambda i, o, w: F.embedding_bag(i, w, o, include_last_offset=True, padding_idx=4),
     "F.embedding_bag(i, w, o, { include_last_offset: true, padding_idx: 4 })")
case("F.embedding_bag 2-D input max_norm", {"i": ints([[1, 2], [3, 1]]), "w": nograd(lambda: torch.randn(5, 3) * 2)},
     lambda i, w: updated(lambda v: F.embedding_bag(i, v, max_norm=1.0), w), "((v) => [F.embedding_bag(i, v, { max_norm: 1.0 }), v])(w.clone())")
err("F.embedding_bag per_sample_weights with mode mean", {**BAG, "p": randn(8)},
    lambda i, o, w, p: F.embedding_bag(i, w, o, mode="mean", per_sample_weights=p),
    "F.embedding_bag(i, w, o, { mode: 'mean', per_sample_weights: p })")

# ---- softmax / log_softmax dtype
for f in ("softmax", "log_softmax"):
    fn = getattr(F, f)
    case(f"F.{f} dtype float64", {"x": randn(3, 4)}, lambda x, fn=fn: fn(x, 1, dtype=torch.float64), f"F.{f}(x, {{ dim: 1, dtype: 'float64' }})")
    case(f"F.{f} of -inf and inf rows", {"x": vals([[-INF, 0.0, 1.0], [INF, 0.0, 1.0], [-INF, -INF, 0.0]])},
         lambda x, fn=fn: fn(x, 1), f"F.{f}(x, 1)")

# ---- losses: every option
R = ("none", "sum")


def loss(fn, ins, kw, ts_args, ts_kw, name=None):
    label = name or " ".join(f"{k}" for k in kw)
    py_kw = {k: v for k, v in kw.items() if not callable(v)}
    tensor_kw = [k for k, v in kw.items() if callable(v)]
    # tensor-valued options (weight, pos_weight) are inputs named after the option; PyTorch does
    # not differentiate a class weight, so none of them requires grad
    inputs = dict(ins)
    for k in tensor_kw:
        inputs[k] = nograd(kw[k])
    fname = fn if isinstance(fn, str) else fn.__name__
    f = getattr(F, fname)
    argn = list(ins)

    def py(**a):
        return f(*[a[n] for n in argn], **{**py_kw, **{k: a[k] for k in tensor_kw}})
    case(f"F.{fname} {label}", inputs, py, f"F.{fname}({', '.join(ts_args or argn)}, {{ {ts_kw} }})")


def opts(**kw):
    """The TS object literal of Python keyword values."""
    def lit(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return f"'{v}'"
        return repr(v)
    return ", ".join(f"{k}: {k}" if callable(v) else f"{k}: {lit(v)}" for k, v in kw.items())


def L(fname, ins, name=None, **kw):
    loss(fname, ins, kw, None, opts(**kw), name)


XY = {"x": randn(3, 4), "y": randn(3, 4)}
for r in R:
    L("mse_loss", XY, reduction=r)
    L("l1_loss", XY, reduction=r)
    L("smooth_l1_loss", XY, reduction=r, beta=0.5)
    L("huber_loss", XY, reduction=r, delta=0.7)
L("smooth_l1_loss", XY, name="beta 0", beta=0.0)
L("l1_loss", {"x": vals([0.0, 1.0, 2.0]), "y": vals([0.0, 1.0, 3.0])}, name="at the kink")
CE = {"x": randn(4, 5), "t": ints([0, 3, 1, 3])}
L("cross_entropy", CE, weight=rand(5, lo=0.2, hi=2.0))
L("cross_entropy", CE, ignore_index=3)
L("cross_entropy", CE, name="ignore_index weight mean", ignore_index=3, weight=rand(5, lo=0.2, hi=2.0))
L("cross_entropy", CE, label_smoothing=0.2)
L("cross_entropy", CE, name="label_smoothing weight ignore_index sum", label_smoothing=0.1, weight=rand(5, lo=0.2, hi=2.0), ignore_index=0, reduction="sum")
for r in R:
    L("cross_entropy", CE, reduction=r)
CEP = {"x": randn(3, 4, 2), "p": lambda: torch.rand(3, 4, 2).softmax(1).requires_grad_()}
L("cross_entropy", CEP, name="probabilities weight label_smoothing", weight=rand(4, lo=0.2, hi=2.0), label_smoothing=0.3)
L("cross_entropy", CEP, name="probabilities sum", reduction="sum")
L("cross_entropy", {"x": randn(2, 3, 2, 2), "t": randint(3, 2, 2, 2)}, name="4-D class indices none", reduction="none")
err("F.cross_entropy ignore_index with probabilities", CEP, lambda x, p: F.cross_entropy(x, p, ignore_index=1), "F.cross_entropy(x, p, { ignore_index: 1 })")
err("F.cross_entropy label_smoothing above 1", CE, lambda x, t: F.cross_entropy(x, t, label_smoothing=1.5), "F.cross_entropy(x, t, { label_smoothing: 1.5 })")
err("F.cross_entropy target out of range", {"x": randn(2, 3), "t": ints([0, 3])}, lambda x, t: F.cross_entropy(x, t), "F.cross_entropy(x, t)")
NLL = {"x": lambda: torch.randn(4, 5).log_softmax(1).detach().requires_grad_(), "t": ints([0, 3, 1, 3])}
L("nll_loss", NLL, weight=rand(5, lo=0.2, hi=2.0))
L("nll_loss", NLL, ignore_index=3)
for r in R:
    L("nll_loss", NLL, reduction=r)
L("nll_loss", {"x": randn(2, 3, 2, 2, 2), "t": randint(3, 2, 2, 2, 2)}, name="5-D weight ignore_index", weight=rand(3, lo=0.2, hi=2.0), ignore_index=1)
L("nll_loss", {"x": randn(2, 3, 4), "t": randint(3, 2, 4)}, name="3-D none", reduction="none")
L("nll_loss", {"x": randn(4, 3), "t": ints([1, 1, 1, 1])}, name="every target ignored (NaN mean)", ignore_index=1)
err("F.nll_loss target of the wrong batch", {"x": randn(4, 3), "t": ints([0, 1])}, lambda x, t: F.nll_loss(x, t), "F.nll_loss(x, t)")
BCE = {"x": rand(3, 4, lo=0.05, hi=0.95), "y": rand(3, 4)}
L("binary_cross_entropy", BCE, weight=rand(4, lo=0.2, hi=2.0))
for r in R:
    L("binary_cross_entropy", BCE, reduction=r)
L("binary_cross_entropy", {"x": vals([0.0, 1.0, 0.5]), "y": vals([0.0, 1.0, 1.0])}, name="at 0 and 1 (log clamped at -100)", reduction="none")
err("F.binary_cross_entropy of an input above 1", {"x": vals([1.5]), "y": vals([1.0])}, lambda x, y: F.binary_cross_entropy(x, y),
    "F.binary_cross_entropy(x, y)")
BCL = {"x": randn(3, 4), "y": rand(3, 4)}
L("binary_cross_entropy_with_logits", BCL, weight=rand(4, lo=0.2, hi=2.0))
L("binary_cross_entropy_with_logits", BCL, pos_weight=rand(4, lo=0.2, hi=3.0))
L("binary_cross_entropy_with_logits", BCL, name="pos_weight weight sum", pos_weight=rand(4, lo=0.2, hi=3.0), weight=rand(3, 1, lo=0.2, hi=2.0), reduction="sum")
L("binary_cross_entropy_with_logits", BCL, reduction="none")
L("binary_cross_entropy_with_logits", {"x": vals([-100.0, 100.0, 0.0]), "y": vals([1.0, 0.0, 0.5])}, name="saturated logits", reduction="none")
KL = {"x": lambda: torch.randn(3, 4).log_softmax(1).detach().requires_grad_(), "y": lambda: torch.rand(3, 4).softmax(1).requires_grad_()}
for r in ("none", "sum", "batchmean", "mean"):
    L("kl_div", KL, reduction=r)
L("kl_div", {"x": KL["x"], "y": lambda: torch.rand(3, 4).log_softmax(1).requires_grad_()}, name="log_target batchmean", log_target=True, reduction="batchmean")
L("kl_div", {"x": randn(3), "y": vals([0.0, 0.5, 0.0])}, name="zero targets", reduction="sum")
PO = {"x": randn(3, 4), "y": lambda: torch.poisson(torch.rand(3, 4) * 4).requires_grad_()}
L("poisson_nll_loss", PO, log_input=True, full=True)
L("poisson_nll_loss", {"x": rand(3, 4, lo=0.0, hi=3.0), "y": PO["y"]}, name="log_input false eps", log_input=False, eps=1e-2)
L("poisson_nll_loss", PO, reduction="none", full=True)
L("poisson_nll_loss", PO, reduction="sum")
GA = {"x": randn(3, 4), "y": randn(3, 4), "v": rand(3, 4, lo=0.1, hi=2.0)}
L("gaussian_nll_loss", GA, full=True)
L("gaussian_nll_loss", {**GA, "v": vals([[0.0, 1e-8, 0.5, 1.0]] * 3)}, name="eps at zero variance", eps=1e-2)
L("gaussian_nll_loss", {**GA, "v": rand(3, 1, lo=0.1, hi=2.0)}, name="broadcast variance none", reduction="none")
L("gaussian_nll_loss", GA, reduction="sum")
err("F.gaussian_nll_loss negative variance", {**GA, "v": vals([[-1.0] * 4] * 3)}, lambda x, y, v: F.gaussian_nll_loss(x, y, v),
    "F.gaussian_nll_loss(x, y, v)")
COS = {"a": randn(4, 3), "b": randn(4, 3), "t": ints([1, -1, -1, 1])}
L("cosine_embedding_loss", COS, margin=0.2)
for r in R:
    L("cosine_embedding_loss", COS, reduction=r)
MR = {"a": randn(5), "b": randn(5), "t": nograd(signs(5))}
L("margin_ranking_loss", MR, margin=0.5)
for r in R:
    L("margin_ranking_loss", MR, reduction=r)
HE = {"x": randn(3, 4), "t": nograd(signs(3, 4))}
L("hinge_embedding_loss", HE, margin=0.3)
L("hinge_embedding_loss", HE, reduction="sum")
MLM = {"x": randn(3, 4), "t": ints([[3, 0, -1, 1], [0, 1, 2, 3], [-1, 0, 0, 0]])}
for r in R:
    L("multilabel_margin_loss", MLM, reduction=r)
MLS = {"x": randn(3, 4), "t": nograd(lambda: torch.randint(0, 2, (3, 4)).float())}
L("multilabel_soft_margin_loss", MLS, weight=rand(4, lo=0.2, hi=2.0))
for r in R:
    L("multilabel_soft_margin_loss", MLS, reduction=r)
MM = {"x": randn(4, 5), "t": ints([0, 4, 2, 2])}
L("multi_margin_loss", MM, p=2)
L("multi_margin_loss", MM, margin=0.5)
L("multi_margin_loss", MM, weight=rand(5, lo=0.2, hi=2.0))
L("multi_margin_loss", MM, reduction="none")
L("multi_margin_loss", MM, name="p weight margin sum", p=2, weight=rand(5, lo=0.2, hi=2.0), margin=2.0, reduction="sum")
err("F.multi_margin_loss p 3", MM, lambda x, t: F.multi_margin_loss(x, t, p=3), "F.multi_margin_loss(x, t, { p: 3 })")
SM = {"x": randn(3, 4), "t": nograd(signs(3, 4))}
for r in R:
    L("soft_margin_loss", SM, reduction=r)
TR = {"a": randn(4, 3), "p": randn(4, 3), "n": randn(4, 3)}
L("triplet_margin_loss", TR, margin=0.5)
L("triplet_margin_loss", TR, p=1.0)
L("triplet_margin_loss", TR, eps=1e-2)
L("triplet_margin_loss", TR, swap=True)
L("triplet_margin_loss", TR, reduction="none")
L("triplet_margin_loss", TR, name="p 3 swap sum", p=3.0, swap=True, reduction="sum")
L("triplet_margin_with_distance_loss", TR, margin=0.3)
L("triplet_margin_with_distance_loss", TR, swap=True)
L("triplet_margin_with_distance_loss", TR, reduction="sum")
case("F.triplet_margin_with_distance_loss distance_function", TR,
     lambda a, p, n: F.triplet_margin_with_distance_loss(a, p, n, distance_function=lambda u, v: 1 - F.cosine_similarity(u, v)),
     "F.triplet_margin_with_distance_loss(a, p, n, { distance_function: (u, v) => F.cosine_similarity(u, v).neg().add(1) })")
CTC = {"lp": lambda: torch.randn(6, 2, 4).log_softmax(2).detach().requires_grad_(), "t": ints([[1, 2, 2], [3, 1, 0]]),
       "il": ints([6, 5]), "tl": ints([3, 2])}
L("ctc_loss", CTC, blank=0)
L("ctc_loss", {**CTC, "t": ints([[0, 2, 2], [3, 0, 1]])}, name="blank 1", blank=1)
for r in ("none", "sum"):
    L("ctc_loss", CTC, reduction=r)
L("ctc_loss", {**CTC, "il": ints([2, 5]), "tl": ints([3, 2])}, name="impossible alignment zero_infinity", zero_infinity=True, reduction="none")
L("ctc_loss", {**CTC, "il": ints([2, 5]), "tl": ints([3, 2])}, name="impossible alignment (inf)", reduction="none")

# ---- kinks, ties and non-finite values of the losses
KINK = {"x": vals([0.0, 0.5, -0.5, 1.0, 2.0, 0.7]), "y": vals([0.0, 0.0, 0.0, 0.0, 1.0, 0.0])}
L("smooth_l1_loss", KINK, name="at the kinks |d| = beta and d = 0", beta=0.5, reduction="none")
L("huber_loss", KINK, name="at the kinks |d| = delta and d = 0", delta=0.7, reduction="none")
L("mse_loss", {"x": vals([NAN, INF, 1.0]), "y": vals([0.0, 1.0, -INF])}, name="NaN and inf none", reduction="none")
L("l1_loss", {"x": vals([NAN, INF, 1.0]), "y": vals([0.0, 1.0, 1.0])}, name="NaN and inf sum", reduction="sum")
L("margin_ranking_loss", {"a": vals([1.0, 2.0, 0.0]), "b": vals([1.0, 1.5, 0.3]), "t": nograd(vals([1.0, -1.0, 1.0]))},
  name="ties and the hinge at the margin", margin=0.5, reduction="none")
L("hinge_embedding_loss", {"x": vals([0.3, 1.0, 0.0, 2.0]), "t": nograd(vals([-1.0, -1.0, 1.0, -1.0]))},
  name="at the margin", margin=1.0, reduction="none")
L("multi_margin_loss", {"x": vals([[1.0, 1.0, 0.0], [2.0, 1.0, 1.0]]), "t": ints([0, 0])}, name="ties", reduction="none")
L("soft_margin_loss", {"x": vals([0.0, 100.0, -100.0]), "t": nograd(vals([1.0, -1.0, -1.0]))}, name="zero and saturated", reduction="none")
L("cross_entropy", {"x": vals([[0.0, 0.0, 0.0], [-INF, 0.0, 1.0]]), "t": ints([1, 2])}, name="ties and a -inf logit", reduction="none")

err("F.mse_loss reduction 'bogus'", XY, lambda x, y: F.mse_loss(x, y, reduction="bogus"), "F.mse_loss(x, y, { reduction: 'bogus' })")
err("F.nll_loss weight of the wrong size", {**NLL, "w": nograd(rand(4))}, lambda x, t, w: F.nll_loss(x, t, weight=w), "F.nll_loss(x, t, { weight: w })")
err("F.ctc_loss blank out of range", CTC, lambda lp, t, il, tl: F.ctc_loss(lp, t, il, tl, blank=4), "F.ctc_loss(lp, t, il, tl, { blank: 4 })")
err("F.binary_cross_entropy_with_logits target of another size", {"x": randn(3), "y": randn(4)},
    lambda x, y: F.binary_cross_entropy_with_logits(x, y), "F.binary_cross_entropy_with_logits(x, y)")


def with_no_grad(c, specs):
    """Names the floating inputs PyTorch does not differentiate, for the TS harness."""
    c["no_grad"] = [k for k, s in specs.items() if isinstance(s, tuple) and s[0] == "nograd"]
    return c


# ---- empty batches: PyTorch's shapes, NaN means and zero gradients
case("F.conv2d of an empty batch stride 2", {"x": randn(0, 4, 5, 5), "w": randn(3, 4, 2, 2)}, lambda x, w: F.conv2d(x, w, stride=2),
     "F.conv2d(x, w, { stride: 2 })")
case("F.max_pool2d of an empty batch return_indices", {"x": randn(0, 2, 4, 4)}, lambda x: F.max_pool2d(x, 2, return_indices=True),
     "F.max_pool2d(x, 2, { return_indices: true })")
case("F.avg_pool1d of an empty batch count_include_pad false", {"x": randn(0, 2, 5)},
     lambda x: F.avg_pool1d(x, 2, padding=1, count_include_pad=False), "F.avg_pool1d(x, 2, { padding: 1, count_include_pad: false })")
L("cross_entropy", {"x": randn(0, 3), "t": ints([])}, name="of an empty batch label_smoothing (NaN mean)", label_smoothing=0.1)
L("mse_loss", {"x": randn(0, 2), "y": randn(0, 2)}, name="of empty tensors sum", reduction="sum")
L("nll_loss", {"x": randn(0, 3), "t": ints([])}, name="of an empty batch none", reduction="none")
L("binary_cross_entropy_with_logits", {"x": randn(0), "y": randn(0)}, name="of empty tensors pos_weight", pos_weight=rand(0))

def main():
    fix = {"generator": "scripts/gen_functional_options_fixtures.py", "torch": torch.__version__,
           "cases": [with_no_grad(rest.call_case(*c), c[2]) for c in CASES], "errors": [rest.error_case(*c) for c in ERRORS], "reprs": []}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['cases'])} cases, {len(fix['errors'])} errors")


if __name__ == "__main__":
    main()
