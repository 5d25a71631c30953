"""The numeric members of torch.Tensor and their torch.* forms (src/ops/numeric_members.ts and the
table rows fmax, fmin, logaddexp2; helper h-numeric), against PyTorch.

HOW TO RUN
    /usr/bin/python3 scripts/gen_numeric_fixtures.py

Output: test/fixtures/numeric.json = {"generator", "torch",
  "cases":  [gen_fixtures.run_case's CASE]: values, grad_fn, gradients,
  "values": [{"name", "call", "args", "kwargs", "value"}]: predicates (bools, numbers),
  "errors": [{"name", "call", "args", "kwargs", "type", "message"}],
  "second": [{"name", "call", "args", "kwargs", "u", "v", "grads"}]: create_graph, the gradient of
            sum(v · d/dx sum(u · f(x))) for each tensor argument}
read by test/numeric-members.test.ts on both devices. Each case is drawn under the seed of its own id.
PyTorch 2 semantics where 1.13 differs are passed explicitly (none needed so far).
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402

OUT = os.path.join(base.OUT_DIR, "numeric.json")
NAN, INF = float("nan"), float("inf")
_resolve = base.resolve


def resolve(call):
    """x.name_(...) on a copy of x, as test/support/cases.ts runs Tensor.__inplace__; x.prop for __property__."""
    if call == "Tensor.__inplace__":
        return lambda x, method, *a, **k: getattr(x.clone(), method)(*a, **k)
    if call == "Tensor.__property__":
        return lambda x, prop: getattr(x, prop)
    return _resolve(call)


base.resolve = resolve


def R(*shape, lo=-2.0, hi=2.0, grad=True, dtype=torch.float32):
    return (torch.rand(shape, dtype=torch.float64) * (hi - lo) + lo).to(dtype).requires_grad_(grad)


def T(values, grad=True, dtype=torch.float32):
    t = torch.tensor(values, dtype=dtype)
    return t.requires_grad_(grad) if dtype.is_floating_point else t


def D(*shape, **kw):
    return R(*shape, dtype=torch.float64, **kw)


def I(values):
    return torch.tensor(values, dtype=torch.int64)


EDGE = [-INF, -3.0, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 3.0, INF, NAN]

CASES = [
    # float_power: pow on float64 copies (PowBackward1 / 0 / 2)
    ("float_power/tensors", "elementwise", "torch.float_power", lambda: [R(3, 4, lo=0.2, hi=2.0), R(3, 4)], {}),
    ("float_power/broadcast", "elementwise", "torch.float_power", lambda: [R(2, 3, lo=0.2, hi=2.0), R(3)], {}),
    ("float_power/number exponent", "elementwise", "torch.float_power", lambda: [R(3, 4), 2.5], {}),
    ("float_power/number base", "elementwise", "torch.float_power", lambda: [2, R(3, 4)], {}),
    ("float_power/method", "elementwise", "Tensor.float_power", lambda: [R(4, lo=0.2), 3], {}),
    ("float_power/float64", "elementwise", "torch.float_power", lambda: [D(5, lo=0.2), D(5)], {}),
    ("float_power/edges", "elementwise", "torch.float_power", lambda: [T([0.0, 0.0, -2.0, 2.0, INF, NAN, -1.0]), T([0.0, -1.0, 0.5, INF, -1.0, 0.0, 3.0])], {}),
    ("float_power/int", "elementwise", "torch.float_power", lambda: [I([1, 2, 3]), 2], {}),
    ("float_power_/inplace", "elementwise", "Tensor.__inplace__", lambda: [D(4, lo=0.2), "float_power_", 2], {}),
    # floor_divide: not differentiable (PyTorch's NotImplemented node)
    ("floor_divide/values", "elementwise", "torch.floor_divide", lambda: [R(3, 4, lo=-5, hi=5, grad=False), R(3, 4, lo=0.3, hi=2, grad=False)], {}),
    ("floor_divide/rounding", "elementwise", "torch.floor_divide", lambda: [T([1.0, -1.0, 0.3, 5.0, -5.0, 0.7], grad=False), T([0.1, 0.1, 0.1, -0.3, 0.3, 0.7], grad=False)], {}),
    ("floor_divide/edges", "elementwise", "torch.floor_divide", lambda: [T([7.0, -7.0, 7.0, -7.0, 0.0, -0.0, 1.0, -1.0, 0.0, INF, NAN, 3.0], grad=False), T([2.0, 2.0, -2.0, -2.0, 3.0, 3.0, 0.0, 0.0, 0.0, 2.0, 1.0, INF], grad=False)], {}),
    ("floor_divide/number", "elementwise", "torch.floor_divide", lambda: [R(3, 4, lo=-5, hi=5, grad=False), -1.5], {}),
    ("floor_divide/int", "elementwise", "torch.floor_divide", lambda: [I([7, -7, 7, -7, 0, 5]), I([2, 2, -2, -2, 3, 7])], {}),
    ("floor_divide/int by number", "elementwise", "torch.floor_divide", lambda: [I([7, -7, 3]), 2], {}),
    ("floor_divide/int by float", "elementwise", "torch.floor_divide", lambda: [I([7, -7, 3]), 2.5], {}),
    ("floor_divide/method", "elementwise", "Tensor.floor_divide", lambda: [R(2, 3, lo=-5, hi=5, grad=False), R(3, lo=0.5, hi=2, grad=False)], {}),
    ("floor_divide_/inplace", "elementwise", "Tensor.__inplace__", lambda: [R(4, lo=-5, hi=5, grad=False), "floor_divide_", 2], {}),
    # ldexp: input · 2^other (MulBackward0 in PyTorch too)
    ("ldexp/int exponent", "elementwise", "torch.ldexp", lambda: [R(3, 4), I([[-2, -1, 0, 3]] * 3)], {}),
    ("ldexp/float exponent", "elementwise", "torch.ldexp", lambda: [R(3, 4), R(4)], {}),
    ("ldexp/method", "elementwise", "Tensor.ldexp", lambda: [R(4), I([1, 2, 3, 4])], {}),
    ("ldexp/float64", "elementwise", "torch.ldexp", lambda: [D(4), D(4)], {}),
    ("ldexp_/inplace", "elementwise", "Tensor.__inplace__", lambda: [R(4, grad=False), "ldexp_", I([1, -1, 2, 0])], {}),
    # heaviside_
    ("heaviside_/inplace", "elementwise", "Tensor.__inplace__", lambda: [T([-1.0, 0.0, 2.0, -0.0, NAN], grad=False), "heaviside_", T([0.5], grad=False)], {}),
    # signbit, positive, the predicates' tensors
    ("signbit/edges", "elementwise", "torch.signbit", lambda: [T(EDGE, grad=False)], {}),
    ("signbit/method", "elementwise", "Tensor.signbit", lambda: [R(3, 4)], {}),
    ("signbit/int", "elementwise", "torch.signbit", lambda: [I([-2, 0, 3])], {}),
    ("signbit/bool", "elementwise", "torch.signbit", lambda: [T([True, False], dtype=torch.bool)], {}),
    ("positive/values", "elementwise", "torch.positive", lambda: [R(3, 4, grad=False)], {}),
    ("positive/method", "elementwise", "Tensor.positive", lambda: [I([1, -2])], {}),
    ("isneginf/method", "elementwise", "Tensor.isneginf", lambda: [T(EDGE, grad=False)], {}),
    ("isposinf/method", "elementwise", "Tensor.isposinf", lambda: [T(EDGE, grad=False)], {}),
    ("isreal/method", "elementwise", "Tensor.isreal", lambda: [T(EDGE, grad=False)], {}),
    ("isreal/torch", "elementwise", "torch.isreal", lambda: [I([1, 2])], {}),
    ("argwhere/values", "elementwise", "torch.argwhere", lambda: [T([[0.0, 1.0, NAN], [-0.0, 0.0, 2.0]], grad=False)], {}),
    ("argwhere/method", "elementwise", "Tensor.argwhere", lambda: [I([0, 3, 0, 4])], {}),
    ("argwhere/empty", "elementwise", "torch.argwhere", lambda: [torch.zeros(0, 3)], {}),
    # vdot, dist, addr
    ("vdot/values", "reduction", "torch.vdot", lambda: [R(5), R(5)], {}),
    ("vdot/method float64", "reduction", "Tensor.vdot", lambda: [D(4), D(4)], {}),
    ("vdot/empty", "reduction", "torch.vdot", lambda: [R(0), R(0)], {}),
    ("dist/p 2", "reduction", "torch.dist", lambda: [R(3, 4), R(3, 4)], {}),
    ("dist/broadcast p 1", "reduction", "torch.dist", lambda: [R(3, 4), R(4)], {"p": 1}),
    ("dist/p inf", "reduction", "torch.dist", lambda: [R(3, 4), R(3, 4)], {"p": INF}),
    ("dist/p 3", "reduction", "Tensor.dist", lambda: [R(5), R(5), 3], {}),
    ("dist/p 0", "reduction", "torch.dist", lambda: [T([1.0, 2.0, 3.0], grad=False), T([1.0, 0.0, 3.0], grad=False)], {"p": 0}),
    ("dist/equal", "reduction", "torch.dist", lambda: [T([1.0, 2.0]), T([1.0, 2.0])], {}),
    ("dist/float64", "reduction", "torch.dist", lambda: [D(6), D(6)], {"p": 1.5}),
    ("addr/values", "matmul", "torch.addr", lambda: [R(3, 4), R(3), R(4)], {}),
    ("addr/beta alpha", "matmul", "torch.addr", lambda: [R(3, 4), R(3), R(4)], {"beta": 0.5, "alpha": -2}),
    ("addr/broadcast input", "matmul", "torch.addr", lambda: [R(3, 1), R(3), R(4)], {}),
    ("addr/beta 0 ignores NaN", "matmul", "torch.addr", lambda: [T([[NAN, INF], [1.0, 2.0]]), R(2), R(2)], {"beta": 0}),
    ("addr/method", "matmul", "Tensor.addr", lambda: [R(2, 3), R(2), R(3)], {"alpha": 3}),
    ("addr/float64", "matmul", "torch.addr", lambda: [D(2, 3), D(2), D(3)], {}),
    ("addr_/inplace", "matmul", "Tensor.__inplace__", lambda: [R(2, 3), "addr_", R(2), R(3)], {"beta": 2}),
    # frexp: [mantissa, exponent]
    ("frexp/edges", "elementwise", "torch.frexp", lambda: [T([0.0, -0.0, 1.0, -1.0, 0.5, 3.0, -6.5, 1e-30, 1e30, INF, -INF, NAN])], {}),
    ("frexp/values", "elementwise", "Tensor.frexp", lambda: [R(3, 4, lo=-100, hi=100)], {}),
    ("frexp/float64", "elementwise", "torch.frexp", lambda: [D(5, lo=-1e5, hi=1e5)], {}),
    # mvlgamma
    ("mvlgamma/p 1", "elementwise", "torch.mvlgamma", lambda: [R(4, lo=0.5, hi=5.0), 1], {}),
    ("mvlgamma/p 3", "elementwise", "Tensor.mvlgamma", lambda: [R(2, 3, lo=1.5, hi=5.0)], {"p": 3}),
    ("mvlgamma/float64", "elementwise", "torch.mvlgamma", lambda: [D(4, lo=2.0, hi=6.0), 4], {}),
    ("mvlgamma/int", "elementwise", "torch.mvlgamma", lambda: [I([3, 4]), 1], {}),
    ("mvlgamma/below domain", "elementwise", "torch.mvlgamma", lambda: [T([0.5, 2.0, 0.7]), 3], {}),
    ("mvlgamma_/inplace", "elementwise", "Tensor.__inplace__", lambda: [R(4, lo=1.0, hi=5.0), "mvlgamma_", 2], {}),
    # quantile, nanquantile: ATen's sort, gather and lerp
    ("quantile/all", "reduction", "torch.quantile", lambda: [R(3, 4), 0.3], {}),
    ("quantile/dim", "reduction", "torch.quantile", lambda: [R(3, 5), 0.25], {"dim": 1}),
    ("quantile/q tensor keepdim", "reduction", "Tensor.quantile", lambda: [R(3, 4), T([0.0, 0.5, 0.9, 1.0], grad=False)], {"dim": 0, "keepdim": True}),
    ("quantile/keepdim all", "reduction", "torch.quantile", lambda: [R(2, 3), 0.6], {"keepdim": True}),
    ("quantile/ties", "reduction", "torch.quantile", lambda: [T([[1.0, 1.0, 2.0, 2.0], [3.0, 0.0, 3.0, 0.0]]), T([0.25, 0.5], grad=False)], {"dim": 1}),
    ("quantile/nan", "reduction", "torch.quantile", lambda: [T([[1.0, NAN, 2.0], [3.0, 0.0, 4.0]], grad=False), 0.5], {"dim": 1}),
    ("quantile/inf", "reduction", "torch.quantile", lambda: [T([-INF, 1.0, 2.0, INF], grad=False), T([0.0, 0.4, 1.0], grad=False)], {}),
    ("quantile/lower", "reduction", "torch.quantile", lambda: [R(3, 6), 0.3], {"dim": 1, "interpolation": "lower"}),
    ("quantile/higher", "reduction", "torch.quantile", lambda: [R(3, 6), 0.3], {"dim": 1, "interpolation": "higher"}),
    ("quantile/midpoint", "reduction", "torch.quantile", lambda: [R(3, 6), 0.3], {"dim": 0, "interpolation": "midpoint"}),
    ("quantile/nearest half", "reduction", "torch.quantile", lambda: [R(2, 5), T([0.125, 0.375, 0.5], grad=False)], {"dim": 1, "interpolation": "nearest"}),
    ("quantile/0-d", "reduction", "torch.quantile", lambda: [T(2.5), 0.5], {"dim": 0}),
    ("quantile/float64", "reduction", "torch.quantile", lambda: [D(4, 5), 0.7], {"dim": -1}),
    ("nanquantile/nan", "reduction", "torch.nanquantile", lambda: [T([[1.0, NAN, 2.0, 5.0], [NAN, NAN, NAN, NAN], [3.0, 0.0, NAN, 4.0]]), T([0.3, 0.5], grad=False)], {"dim": 1}),
    ("nanquantile/method", "reduction", "Tensor.nanquantile", lambda: [R(3, 4), 0.8], {"interpolation": "midpoint"}),
    ("nanquantile/nearest", "reduction", "torch.nanquantile", lambda: [T([NAN, 1.0, 2.0, 3.0, 4.0, NAN]), 0.5], {"interpolation": "nearest"}),
    # nextafter: values only (PyTorch's NextafterBackward0 raises)
    ("nextafter/edges", "elementwise", "torch.nextafter", lambda: [T([1.0, 0.0, -0.0, INF, NAN, 1.0, 0.0, -0.0, 3.0, -3.0, 1e-45], grad=False), T([2.0, 1.0, -1.0, 0.0, 1.0, NAN, -0.0, 0.0, 3.0, -INF, 0.0], grad=False)], {}),
    ("nextafter/float64 broadcast", "elementwise", "Tensor.nextafter", lambda: [D(3, 4, grad=False), D(4, grad=False)], {}),
    ("nextafter/mixed", "elementwise", "torch.nextafter", lambda: [R(4, grad=False), D(4, grad=False)], {}),
    ("nextafter_/inplace", "elementwise", "Tensor.__inplace__", lambda: [R(4, grad=False), "nextafter_", T([INF], grad=False)], {}),
    # gcd, lcm (integers, not differentiable); renorm
    ("gcd/values", "elementwise", "torch.gcd", lambda: [I([0, 0, 4, -6, 9, -12, 7]), I([0, 5, 6, 4, -6, -18, 0])], {}),
    ("gcd/broadcast int32", "elementwise", "Tensor.gcd", lambda: [torch.tensor([[12], [18]], dtype=torch.int32), I([8, 27, 0])], {}),
    ("lcm/values", "elementwise", "torch.lcm", lambda: [I([0, 0, 4, -6, 9, -12, 7]), I([0, 5, 6, 4, -6, -18, 0])], {}),
    ("lcm/method", "elementwise", "Tensor.lcm", lambda: [I([3, 4]), I([[5], [6]])], {}),
    ("gcd_/inplace", "elementwise", "Tensor.__inplace__", lambda: [I([12, 18, 5]), "gcd_", I([8, 27, 0])], {}),
    ("lcm_/inplace", "elementwise", "Tensor.__inplace__", lambda: [I([12, 18, 5]), "lcm_", I([8, 27, 0])], {}),
    ("renorm/dim 0", "reduction", "torch.renorm", lambda: [R(3, 4), 2, 0, 1.0], {}),
    ("renorm/dim 1 p 1", "reduction", "Tensor.renorm", lambda: [R(3, 4, 2), 1, 1, 1.5], {}),
    ("renorm/p inf mixed", "reduction", "torch.renorm", lambda: [T([[3.0, 4.0], [0.3, 0.4], [0.0, 0.0]]), INF, 0, 1.0], {}),
    ("renorm/maxnorm 0", "reduction", "torch.renorm", lambda: [R(2, 3), 2, -1, 0.0], {}),
    ("renorm/float64", "reduction", "torch.renorm", lambda: [D(3, 4), 3, 0, 0.8], {}),
    ("renorm_/inplace", "reduction", "Tensor.__inplace__", lambda: [R(3, 4), "renorm_", 2, 1, 0.7], {}),
    # sum_to_size
    ("sum_to_size/keepdim", "reduction", "Tensor.sum_to_size", lambda: [R(3, 4), 1, 4], {}),
    ("sum_to_size/leading", "reduction", "Tensor.sum_to_size", lambda: [R(3, 4), [4]], {}),
    ("sum_to_size/both", "reduction", "Tensor.sum_to_size", lambda: [R(2, 3, 4), 3, 1], {}),
    ("sum_to_size/scalar", "reduction", "Tensor.sum_to_size", lambda: [R(2, 3), []], {}),
    # prelu as a method
    ("prelu/method", "elementwise", "Tensor.prelu", lambda: [R(2, 3, 4), R(3)], {}),
    # the comparison aliases, in place
    ("greater_/inplace", "elementwise", "Tensor.__inplace__", lambda: [T([1.0, 2.0, 3.0, NAN], grad=False), "greater_", 2], {}),
    ("greater_equal_/inplace", "elementwise", "Tensor.__inplace__", lambda: [T([1.0, 2.0, 3.0, NAN], grad=False), "greater_equal_", 2], {}),
    ("less_/inplace", "elementwise", "Tensor.__inplace__", lambda: [T([1.0, 2.0, 3.0, NAN], grad=False), "less_", T([2.0], grad=False)], {}),
    ("less_equal_/inplace", "elementwise", "Tensor.__inplace__", lambda: [I([1, 2, 3]), "less_equal_", 2], {}),
    ("not_equal_/inplace", "elementwise", "Tensor.__inplace__", lambda: [T([1.0, 2.0, NAN], grad=False), "not_equal_", 2], {}),
]

VALUES = [
    ("is_nonzero/one", "torch.is_nonzero", lambda: [T([2.0])]),
    ("is_nonzero/zero", "Tensor.is_nonzero", lambda: [T([-0.0])]),
    ("is_nonzero/nan", "Tensor.is_nonzero", lambda: [T(NAN)]),
    ("is_nonzero/bool", "Tensor.is_nonzero", lambda: [T([False], dtype=torch.bool)]),
    ("is_nonzero/int", "torch.is_nonzero", lambda: [I([[3]])]),
    ("is_same_size/same", "torch.is_same_size", lambda: [R(2, 3), I([[1, 2, 3], [4, 5, 6]])]),
    ("is_same_size/other", "Tensor.is_same_size", lambda: [R(2, 3), R(3, 2)]),
    ("is_same_size/dims", "Tensor.is_same_size", lambda: [R(1, 3), R(3)]),
    ("is_floating_point/float", "torch.is_floating_point", lambda: [R(2)]),
    ("is_floating_point/double", "Tensor.is_floating_point", lambda: [D(2)]),
    ("is_floating_point/long", "Tensor.is_floating_point", lambda: [I([1])]),
    ("is_signed/float", "torch.is_signed", lambda: [R(2)]),
    ("is_signed/int", "Tensor.is_signed", lambda: [torch.tensor([1], dtype=torch.int32)]),
    ("is_signed/bool", "Tensor.is_signed", lambda: [T([True], dtype=torch.bool)]),
    ("is_complex/float", "torch.is_complex", lambda: [R(2)]),
    ("is_complex/method", "Tensor.is_complex", lambda: [I([1])]),
    ("is_inference/torch", "torch.is_inference", lambda: [R(2)]),
    ("is_inference/method", "Tensor.is_inference", lambda: [R(2)]),
    ("get_device/cpu", "Tensor.get_device", lambda: [R(2)]),
    ("is_cpu/cpu", "Tensor.__property__", lambda: [R(2), "is_cpu"]),
    ("is_cuda/cpu", "Tensor.__property__", lambda: [R(2), "is_cuda"]),
]

ERRORS = [
    ("float_power_/float32 base", "Tensor.float_power_", lambda: [R(3), 2], {}),
    ("float_power/no exponent", "torch.float_power", lambda: [R(3)], {}),
    ("floor_divide/int by zero", "torch.floor_divide", lambda: [I([1, 2]), I([1, 0])], {}),
    ("ldexp/number other", "torch.ldexp", lambda: [R(3), 2], {}),
    # 1.13's ldexp_ is mul(out=self): no autograd
    ("ldexp_/requires grad", "Tensor.__inplace__", lambda: [R(3), "ldexp_", I([1, 2, 3])], {}),
    ("positive/bool", "torch.positive", lambda: [T([True], dtype=torch.bool)], {}),
    ("vdot/2-D", "torch.vdot", lambda: [R(2, 2), R(2, 2)], {}),
    ("vdot/sizes", "torch.vdot", lambda: [R(3), R(4)], {}),
    ("vdot/dtypes", "torch.vdot", lambda: [R(3), D(3)], {}),
    ("addr/vec1 2-D", "torch.addr", lambda: [R(2, 3), R(2, 1), R(3)], {}),
    ("addr/vec2 2-D", "torch.addr", lambda: [R(2, 3), R(2), R(3, 1)], {}),
    ("addr/input shape", "torch.addr", lambda: [R(4, 3), R(2), R(3)], {}),
    ("frexp/int", "torch.frexp", lambda: [I([1, 2])], {}),
    ("mvlgamma/p 0", "torch.mvlgamma", lambda: [R(3, lo=2, hi=3), 0], {}),
    ("quantile/int", "torch.quantile", lambda: [I([1, 2]), 0.5], {}),
    ("quantile/q dtype", "torch.quantile", lambda: [R(3), T([0.5], dtype=torch.float64)], {}),
    ("quantile/q 2-D", "torch.quantile", lambda: [R(3), T([[0.5]], grad=False)], {}),
    ("quantile/q range", "torch.quantile", lambda: [R(3), 1.5], {}),
    ("quantile/q values range", "Tensor.quantile", lambda: [R(3), T([0.5, -1.0], grad=False)], {}),
    ("quantile/empty", "torch.quantile", lambda: [R(0), 0.5], {}),
    ("quantile/interpolation", "torch.quantile", lambda: [R(3), 0.5], {"interpolation": "cubic"}),
    ("quantile/dim", "torch.quantile", lambda: [R(3, 4), 0.5], {"dim": 2}),
    ("nanquantile/int", "torch.nanquantile", lambda: [I([1, 2]), 0.5], {}),
    ("nextafter/long", "torch.nextafter", lambda: [I([1]), I([2])], {}),
    ("gcd/float", "torch.gcd", lambda: [R(2), R(2)], {}),
    ("lcm/bool", "torch.lcm", lambda: [T([True], dtype=torch.bool), T([True], dtype=torch.bool)], {}),
    ("gcd/number", "torch.gcd", lambda: [I([4]), 2], {}),
    ("renorm/p 0", "torch.renorm", lambda: [R(2, 3), 0, 0, 1.0], {}),
    ("renorm/maxnorm", "Tensor.renorm", lambda: [R(2, 3), 2, 0, -1.5], {}),
    ("sum_to_size/not expandable", "Tensor.sum_to_size", lambda: [R(3, 4), 2, 4], {}),
    ("sum_to_size/too many dims", "Tensor.sum_to_size", lambda: [R(4), 1, 4], {}),
    ("is_nonzero/empty", "torch.is_nonzero", lambda: [R(0)], {}),
    ("is_nonzero/two", "Tensor.is_nonzero", lambda: [R(2)], {}),
]

# create_graph: the gradient of sum(v · d/dx sum(u · f(x))) for each tensor argument
SECOND = [
    ("logaddexp2/second", "torch.logaddexp2", lambda: [R(3, 4), R(3, 4)], {}),
    ("float_power/second", "torch.float_power", lambda: [R(3, 4, lo=0.2), R(3, 4)], {}),
    ("ldexp/second", "torch.ldexp", lambda: [R(3, 4), R(4)], {}),
    ("dist/second", "torch.dist", lambda: [R(3, 4), R(3, 4)], {"p": 3}),
    ("addr/second", "torch.addr", lambda: [R(2, 3), R(2), R(3)], {"beta": 0.5}),
    ("mvlgamma/second", "torch.mvlgamma", lambda: [R(4, lo=2.0, hi=5.0), 2], {}),
    ("renorm/second", "torch.renorm", lambda: [R(3, 4), 2, 0, 0.5], {}),
    ("vdot/second", "torch.vdot", lambda: [R(4), R(4)], {}),
]


def error_of(name, call, args, kwargs):
    try:
        resolve(call)(*args, **kwargs)
    except (RuntimeError, TypeError, ValueError, IndexError) as e:
        return {"name": name, "call": call, "args": [base.enc_arg(a) for a in args],
                "kwargs": {k: base.enc_arg(v) for k, v in kwargs.items()}, "type": type(e).__name__, "message": str(e)}
    raise AssertionError(f"{name}: PyTorch accepted {call}")


def second_of(name, call, args, kwargs):
    enc = [base.enc_arg(a) for a in args]
    leaves = [a for a in args if isinstance(a, torch.Tensor) and a.requires_grad]
    out = resolve(call)(*args, **kwargs)
    u = torch.randn(out.shape, dtype=out.dtype)
    gs = torch.autograd.grad((out * u).sum(), leaves, create_graph=True)
    vs = [torch.randn(g.shape, dtype=g.dtype) for g in gs]
    total = sum((g * v).sum() for g, v in zip(gs, vs))
    seconds = torch.autograd.grad(total, leaves, allow_unused=True)
    return {"name": name, "call": call, "args": enc, "kwargs": {k: base.enc_arg(v) for k, v in kwargs.items()},
            "u": base.enc_tensor(u), "v": [base.enc_tensor(v) for v in vs],
            "grads": [base.enc_tensor(torch.zeros_like(x) if s is None else s, requires_grad=False) for x, s in zip(leaves, seconds)]}


def main():
    cases, values, errors, second = [], [], [], []
    for name, family, call, make, kwargs in CASES:
        with base.seeded(name):
            try:
                cases.append(base.run_case(name, family, call, make(), kwargs))
            except Exception:
                print("failed:", name)
                raise
    for name, call, make in VALUES:
        with base.seeded(name):
            args = make()
            values.append({"name": name, "call": call, "args": [base.enc_arg(a) for a in args], "kwargs": {},
                           "value": resolve(call)(*args)})
    for name, call, make, kwargs in ERRORS:
        with base.seeded(name):
            errors.append(error_of(name, call, make(), kwargs))
    for name, call, make, kwargs in SECOND:
        with base.seeded(name):
            second.append(second_of(name, call, make(), kwargs))
    base.write(OUT, {"generator": "scripts/gen_numeric_fixtures.py", "torch": torch.__version__,
                     "cases": cases, "values": values, "errors": errors, "second": second})
    print(f"wrote {OUT}: {len(cases)} cases, {len(values)} values, {len(errors)} errors, {len(second)} second-order")


if __name__ == "__main__":
    main()
