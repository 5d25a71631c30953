#!/usr/bin/env python3
"""The torch.nn modules added by helper modules (activations, padding, instance and lazy
normalization, 1-D pooling, lazy convolutions, AdaptiveAvgPool3d, ChannelShuffle, NLLLoss2d, CrossMapLRN2d, DataParallel) in real PyTorch:
test/fixtures/nn_modules_more.json, read by test/nn-modules-more.test.ts.

Each case builds a module after torch.manual_seed(seed), records its repr, draws the input, seeds
again with the same seed right before the first forward (so the draws a forward makes, RReLU's
slopes and a lazy module's parameters, come from a known state on both sides), then records the
repr after the forward (a lazy module has become its target class), the parameters and buffers,
the output, its node, the gradients of the input and every parameter for a random upstream, the
buffers after the forward and the output in eval mode. Inputs are randn of a shape, or the given
values (the activations' kinks, ±inf and NaN).

PyTorch 2 classes 1.13 lacks or defines differently come from scripts/pytorch2_modules.py.
Run with /usr/bin/python3 (the system interpreter has torch)."""
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
from torch import nn  # noqa: E402

import gen_nn_module_fixtures as nnfix  # noqa: E402
import pytorch2_modules as nn2  # noqa: E402

warnings.simplefilter("ignore")  # the lazy modules' and NLLLoss2d's UserWarnings

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "nn_modules_more.json")
NAN, INF = float("nan"), float("inf")
KINKS = [-INF, NAN, -1.5, -0.5, -0.0, 0.0, 0.5, 1.5, INF]
# hardtanh_backward and hardswish_backward at NaN depend on the length in PyTorch's CPU kernels: its
# scalar loop (fewer than 16 floats, and the tail) passes the gradient through, its vectorized loop
# gives 0 (hardtanh) or NaN (hardswish), as the kernels here do: no NaN in their cases; so does
# hardswish_backward at exactly 3 (scalar: 1.5·grad, vectorized: grad, as here): not in its case
NO_NAN = [v for v in KINKS if v == v]

# (name, seed, PyTorch constructor, TS constructor, input: a shape or ("values", [...]))
CASES = [
    # activations
    ("Threshold(0.1, 20.0)", 100, lambda: nn.Threshold(0.1, 20.0), "new nn.Threshold(0.1, 20.0)", (2, 3)),
    ("Threshold(0.1, 20.0) kinks", 101, lambda: nn.Threshold(0.1, 20.0), "new nn.Threshold(0.1, 20.0)", ("values", KINKS + [0.1])),
    ("Hardtanh()", 102, lambda: nn.Hardtanh(), "new nn.Hardtanh()", (2, 3)),
    ("Hardtanh(-2.0, 2.0) kinks", 103, lambda: nn.Hardtanh(-2.0, 2.0), "new nn.Hardtanh(-2, 2)", ("values", NO_NAN + [-2.0, 2.0])),
    ("ReLU6() kinks", 104, lambda: nn.ReLU6(), "new nn.ReLU6()", ("values", NO_NAN + [6.0, 7.0])),
    ("SELU()", 105, lambda: nn.SELU(), "new nn.SELU()", ("values", KINKS)),
    ("CELU(alpha=0.5)", 106, lambda: nn.CELU(alpha=0.5), "new nn.CELU(0.5)", ("values", KINKS)),
    ("GLU()", 107, lambda: nn.GLU(), "new nn.GLU()", (2, 4)),
    ("GLU(dim=0)", 108, lambda: nn.GLU(dim=0), "new nn.GLU(0)", (4, 3)),
    ("Hardshrink() kinks", 109, lambda: nn.Hardshrink(), "new nn.Hardshrink()", ("values", KINKS)),
    ("Hardshrink(1.5)", 110, lambda: nn.Hardshrink(1.5), "new nn.Hardshrink(1.5)", ("values", KINKS)),
    ("Softshrink() kinks", 111, lambda: nn.Softshrink(), "new nn.Softshrink()", ("values", KINKS)),
    ("LogSigmoid() kinks", 112, lambda: nn.LogSigmoid(), "new nn.LogSigmoid()", ("values", KINKS + [-100.0, 100.0])),
    ("Softsign()", 113, lambda: nn.Softsign(), "new nn.Softsign()", ("values", KINKS)),
    ("Tanhshrink()", 114, lambda: nn.Tanhshrink(), "new nn.Tanhshrink()", (2, 3)),
    ("Softmin(dim=1)", 115, lambda: nn.Softmin(dim=1), "new nn.Softmin(1)", (2, 3)),
    ("Softmin() implicit dim, 3-D", 116, lambda: nn.Softmin(), "new nn.Softmin()", (2, 3, 2)),
    ("Softmax2d()", 117, lambda: nn2.Softmax2d(), "new nn.Softmax2d()", (2, 3, 2, 2)),
    ("Softmax2d() unbatched", 118, lambda: nn2.Softmax2d(), "new nn.Softmax2d()", (3, 2, 2)),
    ("Mish()", 119, lambda: nn.Mish(), "new nn.Mish()", ("values", KINKS)),
    ("Hardswish() kinks", 120, lambda: nn.Hardswish(), "new nn.Hardswish()", ("values", NO_NAN + [-3.0, -4.0, 4.0])),
    ("Hardsigmoid() kinks", 121, lambda: nn.Hardsigmoid(), "new nn.Hardsigmoid()", ("values", KINKS + [-3.0, 3.0, -4.0, 4.0])),
    ("PReLU()", 122, lambda: nn.PReLU(), "new nn.PReLU()", (2, 3, 4)),
    ("PReLU(3, init=0.1)", 123, lambda: nn.PReLU(3, init=0.1), "new nn.PReLU(3, 0.1)", (2, 3, 4)),
    ("PReLU(2) float64", 124, lambda: nn.PReLU(2).double(), "new nn.PReLU(2, 0.25, { dtype: 'float64' })", (3, 2)),
    ("PReLU() kinks", 125, lambda: nn.PReLU(), "new nn.PReLU()", ("values", KINKS)),
    ("RReLU()", 126, lambda: nn.RReLU(), "new nn.RReLU()", (3, 5)),
    ("RReLU(0.1, 0.3) float64", 127, lambda: nn.RReLU(0.1, 0.3), "new nn.RReLU(0.1, 0.3)", (4, 3)),
    ("RReLU() kinks", 128, lambda: nn.RReLU(), "new nn.RReLU()", ("values", KINKS)),
    # padding
    ("ConstantPad1d((3, 1), 3.5)", 140, lambda: nn.ConstantPad1d((3, 1), 3.5), "new nn.ConstantPad1d([3, 1], 3.5)", (1, 2, 4)),
    ("ConstantPad2d(2, 3.5)", 141, lambda: nn.ConstantPad2d(2, 3.5), "new nn.ConstantPad2d(2, 3.5)", (1, 2, 2)),
    ("ConstantPad3d((1, 0, 2, 1, 0, 1), -1.5)", 142, lambda: nn.ConstantPad3d((1, 0, 2, 1, 0, 1), -1.5),
     "new nn.ConstantPad3d([1, 0, 2, 1, 0, 1], -1.5)", (1, 2, 2, 2, 2)),
    ("ZeroPad1d(2)", 143, lambda: nn2.ZeroPad1d(2), "new nn.ZeroPad1d(2)", (2, 3)),
    ("ZeroPad2d((1, 1, 2, 0))", 144, lambda: nn.ZeroPad2d((1, 1, 2, 0)), "new nn.ZeroPad2d([1, 1, 2, 0])", (1, 1, 3, 3)),
    ("ZeroPad2d((-1, 1, 0, -1)) crops", 145, lambda: nn.ZeroPad2d((-1, 1, 0, -1)), "new nn.ZeroPad2d([-1, 1, 0, -1])", (1, 2, 3, 3)),
    ("ZeroPad3d(1)", 146, lambda: nn2.ZeroPad3d(1), "new nn.ZeroPad3d(1)", (1, 1, 2, 2, 2)),
    ("ReflectionPad1d((3, 1))", 147, lambda: nn.ReflectionPad1d((3, 1)), "new nn.ReflectionPad1d([3, 1])", (1, 2, 4)),
    ("ReflectionPad2d(2)", 148, lambda: nn.ReflectionPad2d(2), "new nn.ReflectionPad2d(2)", (1, 1, 3, 3)),
    ("ReflectionPad3d(1)", 149, lambda: nn.ReflectionPad3d(1), "new nn.ReflectionPad3d(1)", (1, 1, 2, 2, 2)),
    ("ReplicationPad1d((3, 1))", 150, lambda: nn.ReplicationPad1d((3, 1)), "new nn.ReplicationPad1d([3, 1])", (1, 2, 4)),
    ("ReplicationPad2d((1, 1, 2, 0))", 151, lambda: nn.ReplicationPad2d((1, 1, 2, 0)), "new nn.ReplicationPad2d([1, 1, 2, 0])", (1, 1, 3, 3)),
    ("ReplicationPad3d(1)", 152, lambda: nn.ReplicationPad3d(1), "new nn.ReplicationPad3d(1)", (1, 1, 2, 2, 2)),
    ("CircularPad1d(2)", 153, lambda: nn2.CircularPad1d(2), "new nn.CircularPad1d(2)", (1, 2, 4)),
    ("CircularPad2d((1, 1, 2, 0))", 154, lambda: nn2.CircularPad2d((1, 1, 2, 0)), "new nn.CircularPad2d([1, 1, 2, 0])", (1, 1, 3, 3)),
    ("CircularPad3d(1)", 155, lambda: nn2.CircularPad3d(1), "new nn.CircularPad3d(1)", (1, 1, 2, 2, 2)),
    # instance normalization (PyTorch 2's forward) and the lazy normalization modules
    ("InstanceNorm1d(3)", 160, lambda: nn2.InstanceNorm1d(3), "new nn.InstanceNorm1d(3)", (2, 3, 5)),
    ("InstanceNorm1d(3, affine=True) unbatched", 161, lambda: nn2.InstanceNorm1d(3, affine=True),
     "new nn.InstanceNorm1d(3, { affine: true })", (3, 5)),
    ("InstanceNorm2d(3, affine=True, track_running_stats=True)", 162, lambda: nn2.InstanceNorm2d(3, affine=True, track_running_stats=True),
     "new nn.InstanceNorm2d(3, { affine: true, track_running_stats: true })", (2, 3, 4, 4)),
    ("InstanceNorm3d(2, momentum=0.3, track_running_stats=True) float64", 163,
     lambda: nn2.InstanceNorm3d(2, momentum=0.3, track_running_stats=True).double(),
     "new nn.InstanceNorm3d(2, { momentum: 0.3, track_running_stats: true, dtype: 'float64' })", (2, 2, 2, 3, 3)),
    ("InstanceNorm2d(4) on 3 channels (a warning)", 164, lambda: nn2.InstanceNorm2d(4), "new nn.InstanceNorm2d(4)", (2, 3, 3, 3)),
    ("LazyBatchNorm1d()", 165, lambda: nn.LazyBatchNorm1d(), "new nn.LazyBatchNorm1d()", (4, 3)),
    ("LazyBatchNorm2d(eps=1e-3)", 166, lambda: nn.LazyBatchNorm2d(eps=1e-3), "new nn.LazyBatchNorm2d({ eps: 1e-3 })", (2, 3, 2, 2)),
    ("LazyBatchNorm3d(affine=False)", 167, lambda: nn.LazyBatchNorm3d(affine=False), "new nn.LazyBatchNorm3d({ affine: false })", (2, 2, 2, 2, 2)),
    ("LazyInstanceNorm1d()", 168, lambda: nn.LazyInstanceNorm1d(), "new nn.LazyInstanceNorm1d()", (2, 3, 5)),
    ("LazyInstanceNorm2d(momentum=0.2)", 169, lambda: nn.LazyInstanceNorm2d(momentum=0.2), "new nn.LazyInstanceNorm2d({ momentum: 0.2 })", (2, 3, 4, 4)),
    ("LazyInstanceNorm3d()", 170, lambda: nn.LazyInstanceNorm3d(), "new nn.LazyInstanceNorm3d()", (2, 2, 2, 3, 3)),
    # 1-D pooling
    ("MaxPool1d(3, stride=2)", 180, lambda: nn.MaxPool1d(3, stride=2), "new nn.MaxPool1d(3, { stride: 2 })", (2, 4, 9)),
    ("MaxPool1d(3, 2, 1, 2, ceil_mode=True)", 181, lambda: nn.MaxPool1d(3, 2, 1, 2, ceil_mode=True),
     "new nn.MaxPool1d(3, { stride: 2, padding: 1, dilation: 2, ceil_mode: true })", (1, 2, 10)),
    ("AvgPool1d(3)", 182, lambda: nn.AvgPool1d(3), "new nn.AvgPool1d(3)", (2, 4, 9)),
    ("AvgPool1d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)", 183,
     lambda: nn.AvgPool1d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
     "new nn.AvgPool1d(3, { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false })", (1, 2, 8)),
    ("AdaptiveAvgPool3d(2)", 184, lambda: nn.AdaptiveAvgPool3d(2), "new nn.AdaptiveAvgPool3d(2)", (1, 2, 4, 4, 4)),
    ("AdaptiveAvgPool3d((3, 2, 4)) uneven windows", 189, lambda: nn.AdaptiveAvgPool3d((3, 2, 4)), "new nn.AdaptiveAvgPool3d([3, 2, 4])", (2, 1, 5, 5, 7)),
    ("AdaptiveAvgPool3d((2, None, 3)) unbatched", 195, lambda: nn.AdaptiveAvgPool3d((2, None, 3)), "new nn.AdaptiveAvgPool3d([2, null, 3])", (2, 4, 5, 6)),
    ("AdaptiveAvgPool3d(1)", 196, lambda: nn.AdaptiveAvgPool3d(1), "new nn.AdaptiveAvgPool3d(1)", (2, 2, 3, 3, 3)),
    # CrossMapLRN2d (PyTorch's legacy Function, its own backward); DataParallel without an accelerator
    ("CrossMapLRN2d(3)", 185, lambda: nn.CrossMapLRN2d(3), "new nn.CrossMapLRN2d(3)", (2, 5, 3, 3)),
    ("CrossMapLRN2d(4, alpha=1e-2, beta=0.5, k=2)", 186, lambda: nn.CrossMapLRN2d(4, alpha=1e-2, beta=0.5, k=2),
     "new nn.CrossMapLRN2d(4, 1e-2, 0.5, 2)", (1, 6, 2, 2)),
    ("CrossMapLRN2d(5) on 2 channels", 187, lambda: nn.CrossMapLRN2d(5), "new nn.CrossMapLRN2d(5)", (2, 2, 2, 3)),
    ("DataParallel(Linear(3, 2))", 188, lambda: nn.DataParallel(nn.Linear(3, 2)), "new nn.DataParallel(new nn.Linear(3, 2))", (4, 3)),
    # lazy convolutions: the parameters drawn at the first forward
    ("LazyConv1d(6, 3)", 190, lambda: nn.LazyConv1d(6, 3), "new nn.LazyConv1d(6, 3)", (2, 4, 10)),
    ("LazyConv1d(2, 3) unbatched", 191, lambda: nn.LazyConv1d(2, 3), "new nn.LazyConv1d(2, 3)", (4, 10)),
    ("LazyConv2d(4, 3, padding=1, bias=False)", 192, lambda: nn.LazyConv2d(4, 3, padding=1, bias=False),
     "new nn.LazyConv2d(4, 3, { padding: 1, bias: false })", (1, 3, 5, 5)),
    ("LazyConvTranspose1d(2, 4, stride=2)", 193, lambda: nn.LazyConvTranspose1d(2, 4, stride=2),
     "new nn.LazyConvTranspose1d(2, 4, { stride: 2 })", (3, 4, 5)),
    ("LazyConvTranspose2d(3, 3, stride=2, padding=1)", 194, lambda: nn.LazyConvTranspose2d(3, 3, stride=2, padding=1),
     "new nn.LazyConvTranspose2d(3, 3, { stride: 2, padding: 1 })", (1, 2, 4, 4)),
]

# (PyTorch constructor, TS constructor): the repr of a module whose forward the cases cannot call
REPRS = [
    (lambda: nn.Threshold(0.5, -1.0, inplace=True), "new nn.Threshold(0.5, -1.0, true)"),
    (lambda: nn.ReLU6(inplace=True), "new nn.ReLU6(true)"),
    (lambda: nn.Hardtanh(-0.5, 0.5, inplace=True), "new nn.Hardtanh(-0.5, 0.5, true)"),
    (lambda: nn.SELU(inplace=True), "new nn.SELU(true)"),
    (lambda: nn.CELU(2.0, inplace=True), "new nn.CELU(2, true)"),
    (lambda: nn.Mish(inplace=True), "new nn.Mish(true)"),
    (lambda: nn.Hardswish(inplace=True), "new nn.Hardswish(true)"),
    (lambda: nn.Hardsigmoid(inplace=True), "new nn.Hardsigmoid(true)"),
    (lambda: nn.RReLU(0.2, 0.4, inplace=True), "new nn.RReLU(0.2, 0.4, true)"),
    (lambda: nn.CosineSimilarity(), "new nn.CosineSimilarity()"),
    (lambda: nn.CosineSimilarity(dim=0, eps=1e-6), "new nn.CosineSimilarity({ dim: 0, eps: 1e-6 })"),
    (lambda: nn.PairwiseDistance(p=1.0), "new nn.PairwiseDistance({ p: 1 })"),
    (lambda: nn.ChannelShuffle(2), "new nn.ChannelShuffle(2)"),
    (lambda: nn.MaxPool1d(2, return_indices=True), "new nn.MaxPool1d(2, { return_indices: true })"),
    (lambda: nn.LazyConv1d(3, 2), "new nn.LazyConv1d(3, 2)"),
    (lambda: nn.LazyConvTranspose2d(3, 2, bias=False), "new nn.LazyConvTranspose2d(3, 2, { bias: false })"),
    (lambda: nn.LazyInstanceNorm2d(), "new nn.LazyInstanceNorm2d()"),
]

# forward only (ChannelShuffle has no derivative in 1.13): (name, PyTorch constructor, TS constructor, shape)
FORWARDS = [
    ("ChannelShuffle(2)", lambda: nn.ChannelShuffle(2), "new nn.ChannelShuffle(2)", (2, 4, 3)),
    ("ChannelShuffle(3)", lambda: nn.ChannelShuffle(3), "new nn.ChannelShuffle(3)", (1, 6, 2, 2)),
]

FORWARD_ERRORS = [
    ("Softmax2d() on 2-D", lambda: nn2.Softmax2d(), "new nn.Softmax2d()", (2, 3)),
    ("InstanceNorm1d(3) on 4-D", lambda: nn2.InstanceNorm1d(3), "new nn.InstanceNorm1d(3)", (2, 3, 2, 2)),
    ("InstanceNorm2d(3) on 2-D", lambda: nn2.InstanceNorm2d(3), "new nn.InstanceNorm2d(3)", (2, 3)),
    ("InstanceNorm3d(3) on 3-D", lambda: nn2.InstanceNorm3d(3), "new nn.InstanceNorm3d(3)", (2, 3, 4)),
    ("InstanceNorm2d(3, affine=True) on 4 channels", lambda: nn2.InstanceNorm2d(3, affine=True),
     "new nn.InstanceNorm2d(3, { affine: true })", (2, 4, 3, 3)),
    ("CircularPad2d(1) on 2-D", lambda: nn2.CircularPad2d(1), "new nn.CircularPad2d(1)", (3, 3)),
    ("CircularPad1d(5) wraps more than once", lambda: nn2.CircularPad1d(5), "new nn.CircularPad1d(5)", (1, 2, 4)),
    ("ReflectionPad1d(5) on a dim of 4", lambda: nn.ReflectionPad1d(5), "new nn.ReflectionPad1d(5)", (1, 2, 4)),
    ("PReLU(3) on 4 channels", lambda: nn.PReLU(3), "new nn.PReLU(3)", (2, 4, 3)),
    ("PReLU(3) on a 0-dim input", lambda: nn.PReLU(3), "new nn.PReLU(3)", ()),
    ("RReLU(0.5, 0.1): lower above upper", lambda: nn.RReLU(0.5, 0.1), "new nn.RReLU(0.5, 0.1)", (3,)),
    ("ChannelShuffle(2) on 5 channels", lambda: nn.ChannelShuffle(2), "new nn.ChannelShuffle(2)", (2, 5, 3)),
    ("ChannelShuffle(2) on 2-D", lambda: nn.ChannelShuffle(2), "new nn.ChannelShuffle(2)", (2, 4)),
    ("AdaptiveAvgPool3d(2) on 3-D", lambda: nn.AdaptiveAvgPool3d(2), "new nn.AdaptiveAvgPool3d(2)", (2, 3, 4)),
    ("AdaptiveAvgPool3d((2, 2)): two sizes", lambda: nn.AdaptiveAvgPool3d((2, 2)), "new nn.AdaptiveAvgPool3d([2, 2])", (1, 2, 4, 4, 4)),
    ("CrossMapLRN2d(3) on 3-D", lambda: nn.CrossMapLRN2d(3), "new nn.CrossMapLRN2d(3)", (2, 5, 3)),
    ("GLU() on an odd dim", lambda: nn.GLU(), "new nn.GLU()", (2, 3)),
    ("LazyConv1d(2, 3) on 4-D", lambda: nn.LazyConv1d(2, 3), "new nn.LazyConv1d(2, 3)", (1, 2, 3, 4)),
]

CONSTRUCTOR_ERRORS = [
    ("Hardtanh(1.0, 0.0): max_val not above min_val", lambda: nn.Hardtanh(1.0, 0.0), "new nn.Hardtanh(1, 0)"),
]

LOSSES = [
    ("NLLLoss2d()", lambda: nn.NLLLoss2d(), "new nn.NLLLoss2d()", (2, 3, 2, 2), ("idx", [[[0, 1], [2, 0]], [[1, 1], [0, 2]]])),
    ("NLLLoss2d(ignore_index=1, reduction='sum')", lambda: nn.NLLLoss2d(ignore_index=1, reduction="sum"),
     "new nn.NLLLoss2d({ ignore_index: 1, reduction: 'sum' })", (2, 3, 2, 2), ("idx", [[[0, 1], [2, 0]], [[1, 1], [0, 2]]])),
]


def enc(t):
    return nnfix.enc(t)


def make_input(spec, dtype):
    if spec and spec[0] == "values":
        return torch.tensor(spec[1], dtype=dtype).requires_grad_()
    return torch.randn(spec).to(dtype).requires_grad_()


def floating_buffers(m):
    return [[n, enc(b)] for n, b in m.named_buffers() if b.is_floating_point() and not isinstance(b, nn.parameter.UninitializedBuffer)]


def module_case(name, seed, make, ts, spec):
    torch.manual_seed(seed)
    m = make()
    lazy = isinstance(m, nn.modules.lazy.LazyModuleMixin)
    dtype = torch.float64 if "float64" in name else torch.float32
    if dtype == torch.float64:
        m = m.double()
    c = {"name": name, "ts": ts, "seed": seed, "repr": repr(m), "named_buffers": None if lazy else floating_buffers(m)}
    x = make_input(spec, dtype)
    torch.manual_seed(seed)  # the forward's draws (RReLU's slopes, a lazy module's parameters) from a known state
    out = m(x)
    upstream = torch.randn(out.shape).to(dtype)
    params = list(m.parameters())
    grads = torch.autograd.grad((out * upstream).sum(), [x] + params, allow_unused=True)
    grads = [torch.zeros_like(p) if g is None else g for p, g in zip([x] + params, grads)]
    c.update({"repr_after": repr(m), "named_parameters": [[n, enc(p)] for n, p in m.named_parameters()],
              "input": enc(x), "output": enc(out), "grad_fn": out.grad_fn.name() if out.grad_fn else None,
              "upstream": enc(upstream), "input_grad": enc(grads[0]), "param_grads": [enc(g) for g in grads[1:]],
              "buffers_after": floating_buffers(m)})
    m.eval()
    with torch.no_grad():
        c["eval_output"] = enc(m(x))
    return c


def forward_case(name, make, ts, shape):
    torch.manual_seed(len(name))
    m = make()
    x = torch.randn(shape)
    return {"name": name, "ts": ts, "repr": repr(m), "input": enc(x), "output": enc(m(x))}


def main():
    fix = {"generator": "scripts/gen_nn_more_module_fixtures.py", "torch": torch.__version__,
           "modules": [module_case(*c) for c in CASES], "losses": [nnfix.loss_case(*c) for c in LOSSES],
           "forwards": [forward_case(*c) for c in FORWARDS],
           "forward_errors": [nnfix.forward_error(*c) for c in FORWARD_ERRORS],
           "constructor_errors": [nnfix.constructor_error(*c) for c in CONSTRUCTOR_ERRORS],
           "reprs": [{"ts": ts, "repr": repr(make())} for make, ts in REPRS]}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['modules'])} modules, {len(fix['forward_errors'])} forward errors")


if __name__ == "__main__":
    main()
