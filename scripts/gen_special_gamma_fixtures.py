"""torch.igamma / igammac (torch.special.gammainc / gammaincc) and torch.special.zeta beyond the op
table's cases (helper h-special), against PyTorch: number operands and type promotion, the
backward errors derivatives.yaml's not_implemented inputs raise, and dense grids of P(a, x) and
Q(a, x) in float32 and float64 over which test/special-gamma.test.ts measures the ulp distance.

Each case is drawn under the seed of its own id. Output: test/fixtures/special_gamma.json =
{"generator", "torch", "cases": [gen_fixtures.run_case's CASE], "errors": [{"name", "call",
"args", "kwargs", "type", "message"}], "backward_errors": [the same, with "grad_fn"], "grids":
[{"name", "call", "a", "x", "out"}]}.
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402

OUT = os.path.join(base.OUT_DIR, "special_gamma.json")
NAN, INF = float("nan"), float("inf")


def R(*shape, lo=0.1, hi=5.0, grad=True, dtype=torch.float32):
    return (torch.rand(shape, dtype=torch.float64) * (hi - lo) + lo).to(dtype).requires_grad_(grad)


def T(values, grad=False, dtype=torch.float32):
    return torch.tensor(values, dtype=dtype).requires_grad_(grad)


def I(values, dtype=torch.int64):
    return torch.tensor(values, dtype=dtype)


CASES = [
    ("zeta/number first", "torch.special.zeta", lambda: [2.5, R(3, 4)], {}),
    ("zeta/number first float64", "torch.special.zeta", lambda: [4.0, R(5, dtype=torch.float64)], {}),
    ("zeta/number second", "torch.special.zeta", lambda: [R(3, 4, lo=1.1, hi=4.0, grad=False), 0.75], {}),
    ("zeta/int64 both", "torch.special.zeta", lambda: [I([2, 3, 4, 1, 0]), I([1, 2, 3, 4, 5])], {}),
    ("zeta/int64 and float", "torch.special.zeta", lambda: [I([2, 3, 5]), R(3)], {}),
    ("zeta/keywords", "torch.special.zeta", lambda: [], lambda: {"input": R(2, 3, lo=1.5, hi=3.0, grad=False), "other": R(3, grad=False)}),
    ("zeta/broadcast float64 other", "torch.special.zeta", lambda: [R(2, 1, lo=1.5, hi=3.0, grad=False), R(3, dtype=torch.float64)], {}),
    ("igamma/float32 and float64", "torch.igamma", lambda: [R(2, 3, grad=False), R(3, grad=False, dtype=torch.float64)], {}),
    ("igamma/0-d float64 other", "torch.igamma", lambda: [R(4, grad=False), R(dtype=torch.float64)], {}),
    ("igammac/keywords", "torch.igammac", lambda: [], lambda: {"input": R(3, grad=False), "other": R(3, grad=False)}),
    ("igamma/method", "Tensor.igamma", lambda: [R(2, 3, grad=False), R(2, 3)], {}),
    ("igammac/method keyword", "Tensor.igammac", lambda: [R(4, grad=False)], lambda: {"other": R(4, grad=False)}),
    ("gammaincc/keywords", "torch.special.gammaincc", lambda: [], lambda: {"input": R(3, grad=False), "other": R(2, 1, grad=False)}),
    ("igamma/x only grad", "torch.igamma", lambda: [T([0.5, 2.0, 30.0, 300.0]), R(4, lo=0.2, hi=400.0)], {}),
]

ERRORS = [
    ("igamma/int64", "torch.igamma", lambda: [I([1, 2]), I([1, 2])], {}),
    ("igamma/int32", "torch.igamma", lambda: [I([1, 2], torch.int32), I([3, 2], torch.int32)], {}),
    ("igamma/bool", "torch.igamma", lambda: [I([True], torch.bool), I([True], torch.bool)], {}),
    ("igammac/int64", "torch.igammac", lambda: [I([1, 2]), I([1, 2])], {}),
    ("igamma/number other", "torch.igamma", lambda: [R(3, grad=False), 2.5], {}),
    ("igamma/number input", "torch.igamma", lambda: [2.5, R(3, grad=False)], {}),
    ("gammainc/number other", "torch.special.gammainc", lambda: [R(3, grad=False), 2.5], {}),
    ("igamma/shapes", "torch.igamma", lambda: [R(2, grad=False), R(3, grad=False)], {}),
    ("zeta/numbers", "torch.special.zeta", lambda: [2.5, 3.5], {}),
]

# (keyword tensors are not the case's leaves: they carry no grad)
# backward through an input derivatives.yaml marks not_implemented
BACKWARD_ERRORS = [
    ("igamma/a requires grad", "torch.igamma", lambda: [R(3), R(3)], {}),
    ("igamma/a only", "torch.igamma", lambda: [R(2, 3), R(3, grad=False)], {}),
    ("igammac/a requires grad", "torch.igammac", lambda: [R(3), R(3)], {}),
    ("gammaincc/a requires grad", "torch.special.gammaincc", lambda: [R(3), R(3, grad=False)], {}),
    ("igamma/a float64", "torch.igamma", lambda: [R(3, dtype=torch.float64), R(3, grad=False, dtype=torch.float64)], {}),
    ("zeta/x requires grad", "torch.special.zeta", lambda: [R(3, lo=1.5, hi=3.0), R(3)], {}),
    ("zeta/x requires grad number q", "torch.special.zeta", lambda: [R(3, lo=1.5, hi=3.0), 2.5], {}),
]


def grid(name, call, dtype):
    """P or Q over a log grid of a and x (and a band a ≈ x for Temme's expansion)."""
    a = torch.logspace(-3, 4.5, 30, dtype=torch.float64)
    x = torch.logspace(-4, 4.6, 30, dtype=torch.float64)
    aa, xx = torch.meshgrid(a, x, indexing="ij")
    band = torch.linspace(20.5, 5e4, 200, dtype=torch.float64)
    rel = torch.linspace(-0.25, 0.25, 200, dtype=torch.float64) * torch.where(band < 200, 1.0, 4.0 / band.sqrt())
    a_all = torch.cat([aa.reshape(-1), band]).to(dtype)
    x_all = torch.cat([xx.reshape(-1), band * (1 + rel)]).to(dtype)
    out = base.resolve(call)(a_all, x_all)
    return {"name": name, "call": call, "a": base.enc_tensor(a_all), "x": base.enc_tensor(x_all), "out": base.enc_tensor(out)}


def main():
    cases = []
    for name, call, make, kwargs in CASES:
        with base.seeded(name):
            args = make()
            cases.append(base.run_case(name, "elementwise", call, args, kwargs() if callable(kwargs) else kwargs))
    errors = []
    for name, call, make, kwargs in ERRORS:
        with base.seeded(name):
            args = make()
            try:
                base.resolve(call)(*args, **kwargs)
            except (RuntimeError, TypeError, ValueError) as e:
                errors.append({"name": name, "call": call, "args": [base.enc_arg(a) for a in args],
                               "kwargs": {k: base.enc_arg(v) for k, v in kwargs.items()},
                               "type": type(e).__name__, "message": str(e)})
                continue
            raise AssertionError(f"{name}: PyTorch accepted {call}")
    backward = []
    for name, call, make, kwargs in BACKWARD_ERRORS:
        with base.seeded(name):
            args = make()
            enc = [base.enc_arg(a) for a in args]
            y = base.resolve(call)(*args, **kwargs)
            try:
                y.sum().backward()
            except (RuntimeError, NotImplementedError) as e:
                backward.append({"name": name, "call": call, "args": enc, "kwargs": {}, "grad_fn": type(y.grad_fn).__name__,
                                 "type": type(e).__name__, "message": str(e)})
                continue
            raise AssertionError(f"{name}: PyTorch differentiated {call}")
    grids = [grid(f"{fn}/{d}", f"torch.{fn}", getattr(torch, d)) for fn in ["igamma", "igammac"] for d in ["float32", "float64"]]
    base.write(OUT, {"generator": "scripts/gen_special_gamma_fixtures.py", "torch": torch.__version__,
                     "cases": cases, "errors": errors, "backward_errors": backward, "grids": grids})
    print(f"wrote {OUT}: {len(cases)} cases, {len(errors)} errors, {len(backward)} backward errors, {len(grids)} grids")


if __name__ == "__main__":
    main()
