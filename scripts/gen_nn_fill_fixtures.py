#!/usr/bin/env python3
"""torch.nn leftovers (helper h-nnfill) in real PyTorch: the in-place activations F.elu_, F.selu_,
F.celu_, F.leaky_relu_, F.hardtanh_, F.rrelu_, F.threshold_, `inplace=True` of the F activations
and of their modules: test/fixtures/nn_fill.json, read by test/nn-fill.test.ts.

The case format is scripts/gen_nn_rest_fixtures.py's (its call_case and error_case): a call written
in Python and in TypeScript, its results, nodes and gradients for random upstreams, repr and
default initialisation of a module after manual_seed(seed); error cases record PyTorch's exception.
An in-place call runs on `x * 1` (x is a leaf that requires grad, which PyTorch refuses to write
into). `copies`: Tensor.copy_ under autograd (CopyBackwards), which the test runs across devices.
`versions` records, for an input that needs no gradient, whether the call returned its input
and the input's version counter afterwards. Run with /usr/bin/python3 (the system interpreter has torch).
"""
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

import gen_nn_module_fixtures as nnfix  # noqa: E402
from gen_nn_rest_fixtures import call_case, error_case, randn, values  # noqa: E402

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "nn_fill.json")
NAN, INF = float("nan"), float("inf")
# 17 points, NaN among the first 16: PyTorch's vectorized loop (hardtanh_backward passes no gradient at
# NaN there, its scalar loop, all of a tensor under 16 floats, does)
EDGES = [-INF, -3, NAN, -2, -1, -0.5, -0.25, -0.0, 0.0, 0.1, 0.25, 0.5, 1, 2, 3, 6, INF]

# (F function, TS spelling of its extra arguments, Python kwargs): the in-place forms
INPLACE_FNS = [
    ("elu_", "", {}), ("elu_", ", 0.5", {"alpha": 0.5}), ("selu_", "", {}), ("celu_", ", 2", {"alpha": 2.0}),
    ("leaky_relu_", "", {}), ("leaky_relu_", ", { negative_slope: 0.2 }", {"negative_slope": 0.2}),
    ("hardtanh_", ", -0.5, 2", {"min_val": -0.5, "max_val": 2.0}), ("threshold_", ", 0.1, 20", {"threshold": 0.1, "value": 20.0}),
    ("rrelu_", "", {}), ("rrelu_", ", 0.1, 0.3, true", {"lower": 0.1, "upper": 0.3, "training": True}),
]
# F.x(..., inplace=True): (name, TS arguments before inplace, Python args)
INPLACE_FLAGS = [
    ("elu", ", 1.5", (1.5,)), ("selu", "", ()), ("celu", ", 0.5", (0.5,)), ("leaky_relu", ", 0.1", (0.1,)),
    ("hardtanh", ", -1, 1", (-1.0, 1.0)), ("relu6", "", ()), ("silu", "", ()), ("mish", "", ()), ("hardsigmoid", "", ()),
    ("hardswish", "", ()), ("relu", "", ()), ("threshold", ", 0.5, -2", (0.5, -2.0)), ("rrelu", ", 0.2, 0.4, true", (0.2, 0.4, True)),
]
# modules with inplace=True: (PyTorch constructor, TS constructor)
MODULES = [
    (lambda: nn.ReLU(inplace=True), "new nn.ReLU(true)"), (lambda: nn.ELU(0.5, inplace=True), "new nn.ELU({ alpha: 0.5, inplace: true })"),
    (lambda: nn.LeakyReLU(0.2, inplace=True), "new nn.LeakyReLU(0.2, true)"), (lambda: nn.SiLU(inplace=True), "new nn.SiLU(true)"),
    (lambda: nn.SELU(inplace=True), "new nn.SELU(true)"), (lambda: nn.CELU(2.0, inplace=True), "new nn.CELU(2, true)"),
    (lambda: nn.ReLU6(inplace=True), "new nn.ReLU6(true)"), (lambda: nn.Hardtanh(-2.0, 2.0, inplace=True), "new nn.Hardtanh(-2, 2, true)"),
    (lambda: nn.Threshold(0.1, 20.0, inplace=True), "new nn.Threshold(0.1, 20, true)"), (lambda: nn.Mish(inplace=True), "new nn.Mish(true)"),
    (lambda: nn.Hardswish(inplace=True), "new nn.Hardswish(true)"), (lambda: nn.Hardsigmoid(inplace=True), "new nn.Hardsigmoid(true)"),
    (lambda: nn.RReLU(0.1, 0.3, inplace=True), "new nn.RReLU(0.1, 0.3, true)"),
]


def reseeded(f):
    """f after torch.manual_seed(5) (rrelu's slopes: the inputs were drawn from the generator first)."""
    return lambda *a, **k: (torch.manual_seed(5), f(*a, **k))[1]


CASES = []
for i, (fn, ts_args, kw) in enumerate(INPLACE_FNS):
    f = reseeded(getattr(F, fn))
    label = f"F.{fn}({', '.join(f'{k}={v}' for k, v in kw.items())})"
    CASES.append((label, 100 + i, {"x": randn(3, 5)}, None, None, lambda m, x, f=f, kw=kw: f(x * 1, **kw), f"(torch.manual_seed(5), F.{fn}(x.mul(1){ts_args}))"))
    CASES.append((f"{label} edges", 200 + i, {"x": values(EDGES, (len(EDGES),))}, None, None,
                  lambda m, x, f=f, kw=kw: f(x * 1, **kw), f"(torch.manual_seed(5), F.{fn}(x.mul(1){ts_args}))"))
    CASES.append((f"{label} float64", 300 + i, {"x": randn(2, 4, dtype="float64")}, None, None,
                  lambda m, x, f=f, kw=kw: f(x * 1, **kw), f"(torch.manual_seed(5), F.{fn}(x.mul(1){ts_args}))"))
    # on a view: the base's node is CopySlices, the gradient flows through the written rows only
    if fn in ("hardtanh_", "threshold_") or kw.get("training"):
        continue  # they save the input, which an in-place op on a view cannot keep yet (docs/api.md)
    CASES.append((f"{label} on a view", 400 + i, {"x": randn(3, 4)}, None, None,
                  lambda m, x, f=f, kw=kw: (lambda y: (f(y[1], **kw), y)[1])(x * 1),
                  f"((y) => (torch.manual_seed(5), F.{fn}(y.select(0, 1){ts_args}), y))(x.mul(1))"))
for i, (fn, ts_args, args) in enumerate(INPLACE_FLAGS):
    f = reseeded(getattr(F, fn))
    CASES.append((f"F.{fn}(inplace=True)", 500 + i, {"x": randn(3, 4)}, None, None,
                  lambda m, x, f=f, args=args: f(x * 1, *args, inplace=True), f"(torch.manual_seed(5), F.{fn}(x.mul(1){ts_args}, true))"))
for i, (make, ts) in enumerate(MODULES):
    CASES.append((f"{ts}", 600 + i, {"x": randn(2, 3)}, make, ts, lambda m, x: (torch.manual_seed(5), m(x * 1))[1],
                  "(torch.manual_seed(5), m.call(x.mul(1)))"))

ERRORS = [
    (f"F.{fn} on a leaf that requires grad", {"x": randn(3)}, None, None, lambda m, x, f=getattr(F, fn): f(x), f"F.{fn}(x.requires_grad_())")
    for fn in ["elu_", "selu_", "celu_", "leaky_relu_", "hardtanh_", "rrelu_"]
] + [
    ("F.threshold_ on a leaf that requires grad", {"x": randn(3)}, None, None, lambda m, x: F.threshold_(x, 0.0, 1.0), "F.threshold_(x.requires_grad_(), 0, 1)"),
    ("F.elu(inplace=True) on a leaf that requires grad", {"x": randn(3)}, None, None, lambda m, x: F.elu(x, inplace=True), "F.elu(x.requires_grad_(), 1, true)"),
    ("nn.ReLU(inplace=True) on a leaf that requires grad", {"x": randn(3)}, None, None, lambda m, x: nn.ReLU(True)(x), "new nn.ReLU(true).call(x.requires_grad_())"),
    ("F.leaky_relu_ with a negative slope: backward", {"x": randn(3)}, None, None,
     lambda m, x: F.leaky_relu_(x * 1, -0.5).sum().backward(), "F.leaky_relu_(x.requires_grad_().mul(1), -0.5).sum().backward()"),
    ("F.leaky_relu(inplace=True) with a negative slope: backward", {"x": randn(3)}, None, None,
     lambda m, x: F.leaky_relu(x * 1, -0.5, True).sum().backward(), "F.leaky_relu(x.requires_grad_().mul(1), -0.5, true).sum().backward()"),
    ("F.elu_ alpha a str", {"x": randn(3)}, None, None, lambda m, x: F.elu_(x * 1, "a"), "F.elu_(x.mul(1), 'a')"),
    ("F.celu_ alpha a str", {"x": randn(3)}, None, None, lambda m, x: F.celu_(x * 1, "a"), "F.celu_(x.mul(1), 'a')"),
    ("F.leaky_relu_ negative_slope a str", {"x": randn(3)}, None, None, lambda m, x: F.leaky_relu_(x * 1, "a"), "F.leaky_relu_(x.mul(1), 'a')"),
    ("F.hardtanh_ min_val a str", {"x": randn(3)}, None, None, lambda m, x: F.hardtanh_(x * 1, "a"), "F.hardtanh_(x.mul(1), 'a')"),
    ("F.threshold_ threshold a str", {"x": randn(3)}, None, None, lambda m, x: F.threshold_(x * 1, "a", 1.0), "F.threshold_(x.mul(1), 'a', 1)"),
    ("F.threshold_ without value", {"x": randn(3)}, None, None, lambda m, x: torch._C._VariableFunctions.threshold_(x * 1, 0.5),
     "F.threshold_(x.mul(1), 0.5)"),
    ("F.selu_ with an extra argument", {"x": randn(3)}, None, None, lambda m, x: F.selu_(x * 1, 1.0), "F.selu_(x.mul(1), 1)"),
    ("F.rrelu_ lower above upper", {"x": randn(3)}, None, None, lambda m, x: F.rrelu_(x * 1, 0.5, 0.2, True), "F.rrelu_(x.mul(1), 0.5, 0.2, true)"),
    ("F.elu_ of int64", {"x": ("long", [1, -2, 3], None)}, None, None, lambda m, x: F.elu_(x), "F.elu_(x)"),
    ("F.leaky_relu_ of int64", {"x": ("long", [1, -2, 3], None)}, None, None, lambda m, x: F.leaky_relu_(x), "F.leaky_relu_(x)"),
]

# (TS call on y, Python call on y): an input without grad, written in place
VERSIONS = [(f"F.{fn}(y{ts_args})", lambda y, f=getattr(F, fn), kw=kw: f(y, **kw)) for fn, ts_args, kw in INPLACE_FNS] + [
    (f"F.{fn}(y{ts_args}, true)", lambda y, f=getattr(F, fn), args=args: f(y, *args, inplace=True)) for fn, ts_args, args in INPLACE_FLAGS]


def version_case(ts, py):
    torch.manual_seed(7)
    y = torch.randn(4)
    z = py(y)
    return {"ts": ts, "same": z is y, "version": y._version}


def copy_case(name, dst_shape, src_shape, dst_dtype, src_dtype, dst_grad):
    """dst.copy_(src) with dst = zeros * w (w a leaf when dst_grad) and src a leaf that requires grad."""
    torch.manual_seed(11)
    src = torch.randn(src_shape).to(getattr(torch, src_dtype)).requires_grad_()
    w = torch.ones(dst_shape, dtype=getattr(torch, dst_dtype), requires_grad=dst_grad)
    dst = torch.zeros(dst_shape, dtype=getattr(torch, dst_dtype)) * w
    out = dst.copy_(src)
    up = torch.randn(dst_shape).to(out.dtype)
    wrt = [src, w] if dst_grad else [src]
    grads = torch.autograd.grad((out * up).sum(), wrt)
    return {"name": name, "dst_shape": list(dst_shape), "dst_dtype": dst_dtype, "dst_grad": dst_grad, "src": nnfix.enc(src.detach()),
            "out": nnfix.enc(out.detach()), "grad_fn": out.grad_fn.name(), "upstream": nnfix.enc(up), "grads": [nnfix.enc(g) for g in grads]}


# Tensor.copy_ (the test runs each with src on the other device, both ways)
COPIES = [
    ("same shape", (2, 3), (2, 3), "float32", "float32", False),
    ("broadcast", (2, 3), (3,), "float32", "float32", True),
    ("float64 into float32", (4,), (4,), "float32", "float64", False),
]


def main():
    fix = {"generator": "scripts/gen_nn_fill_fixtures.py", "torch": torch.__version__,
           "cases": [call_case(*c) for c in CASES], "errors": [error_case(*c) for c in ERRORS],
           "reprs": [{"ts": ts, "repr": repr(make())} for make, ts in MODULES],
           "versions": [version_case(*v) for v in VERSIONS], "copies": [copy_case(*c) for c in COPIES]}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['cases'])} cases, {len(fix['errors'])} errors, {len(fix['reprs'])} reprs, {len(fix['versions'])} versions")


if __name__ == "__main__":
    main()
