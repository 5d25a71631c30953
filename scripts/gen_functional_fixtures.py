#!/usr/bin/python3
"""
gen_functional_fixtures.py -- torch.autograd.gradcheck / gradgradcheck and
torch.autograd.functional (jacobian, vjp, jvp, hessian, hvp, vhp): results, return structure
(tuple or single tensor), strict-mode errors, argument errors and gradcheck's messages.

HOW TO RUN
    /usr/bin/python3 scripts/gen_functional_fixtures.py

Output (scenario fixtures, scripts/scenarios.py):
  test/fixtures/autograd_functional.json      first-order scenarios (gradcheck, jacobian, vjp),
                                              read by test/autograd-functional.test.ts
  test/fixtures/autograd_functional_2nd.json  scenarios that need create_graph (gradgradcheck,
                                              jvp, hessian, hvp, vhp), read by test/gradgradcheck.test.ts
A scenario returns tensors under flat keys, `structure` (the nesting of a result: "T" for a
tensor, "(T, T)" for a tuple) and `warnings` (the UserWarnings it raised). JS arrays stand for
Python tuples. Each scenario seeds torch's generator from its own name (crc32).
"""

import os
import sys
import warnings

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
from torch.autograd import gradcheck, gradgradcheck
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

scenario = Scenarios("scripts/gen_functional_fixtures.py", "autograd_functional.json")
second = Scenarios("scripts/gen_functional_fixtures.py", "autograd_functional_2nd.json")

D = torch.float64


def structure(r):
    """The nesting of a functional result: T for a tensor, (..) for a tuple."""
    if isinstance(r, torch.Tensor):
        return "T"
    return "(" + ", ".join(structure(e) for e in r) + ")"


def flat(name, r, out):
    """Each tensor of a (nested) result under name_i_j."""
    if isinstance(r, torch.Tensor):
        out[name] = r
    else:
        for k, e in enumerate(r):
            flat(f"{name}_{k}", e, out)
    return out


def report(**results):
    out = {}
    for name, r in results.items():
        out[name + "_structure"] = structure(r)
        flat(name, r, out)
    return out


def recorded(fn):
    """fn's result and the UserWarnings it raised (every one, in order)."""
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        r = fn()
    return r, [str(w.message) for w in ws]


def square_with_backward(backward):
    """A Function computing x * x whose backward is backward(x, g)."""

    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            x, = ctx.saved_tensors
            return backward(x, g)
    return Square


# says 3x instead of 2x
WrongBackward = square_with_backward(lambda x, g: g * x * 3)
# returns 2x whatever the incoming gradient
IgnoresGrad = square_with_backward(lambda x, g: x * 2)
# right, but detached from x: a wrong second derivative
DetachedSquare = square_with_backward(lambda x, g: g * 2 * x.detach())


class Drifting(torch.autograd.Function):
    """2x whose backward drifts by 1e-3 with every call (not reentrant)."""
    calls = 0

    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        Drifting.calls += 1
        return g * (2 + 1e-3 * Drifting.calls)


def x3(i, name="x", *shape):
    return given(i, name, torch.randn(*(shape or (3,)), dtype=D)).requires_grad_()


# ---- gradcheck ----

@scenario
def gc_sin_mul(i):
    x = x3(i)
    return {"ok": gradcheck(lambda t: t.sin() * t, (x,))}


@scenario
def gc_single_tensor_input(i):
    x = x3(i)
    return {"ok": gradcheck(lambda t: t.exp(), x)}


@scenario
def gc_two_inputs_two_outputs(i):
    x, y = x3(i, "x", 2, 3), x3(i, "y", 3)
    return {"ok": gradcheck(lambda a, b: (a * b, (a + b).sum()), (x, y))}


@scenario
def gc_number_argument(i):
    x = x3(i)
    return {"ok": gradcheck(lambda t, c: t.pow(c), (x, 3))}


@scenario
def gc_wrong_backward(i):
    x = x3(i)
    gradcheck(lambda t: WrongBackward.apply(t), (x,))
    return {}


@scenario
def gc_wrong_backward_no_raise(i):
    x = x3(i)
    return {"ok": gradcheck(lambda t: WrongBackward.apply(t), (x,), raise_exception=False)}


@scenario
def gc_wrong_second_output_second_input(i):
    x, y = x3(i, "x", 2), x3(i, "y", 2)
    gradcheck(lambda a, b: (a * 2, a + WrongBackward.apply(b)), (x, y))
    return {}


@scenario
def gc_wrong_backward_2d(i):
    x = x3(i, "x", 2, 2)
    gradcheck(lambda t: WrongBackward.apply(t).sum(0), (x,), atol=1e-4, rtol=1e-2)
    return {}


@scenario
def gc_not_multiplied_by_grad_output(i):
    x = x3(i, "x", 1)
    gradcheck(lambda t: IgnoresGrad.apply(t), (x,))
    return {}


@scenario
def gc_not_reentrant(i):
    x = x3(i, "x", 2)
    Drifting.calls = 0
    gradcheck(lambda t: Drifting.apply(t), (x,))
    return {}


@scenario
def gc_nondet_tol_allows_drift(i):
    x = x3(i, "x", 2)
    Drifting.calls = 0
    r, w = recorded(lambda: gradcheck(lambda t: Drifting.apply(t), (x,), nondet_tol=1.0, atol=0.1))
    return {"ok": r}


@scenario
def gc_no_input_requires_grad(i):
    x = given(i, "x", torch.randn(3, dtype=D))
    gradcheck(lambda t: t * 2, (x,))
    return {}


@scenario
def gc_stride_zero_input(i):
    x = given(i, "x", torch.randn(3, dtype=D)).expand(2, 3).requires_grad_()
    gradcheck(lambda t: t * 2, (x,))
    return {}


@scenario
def gc_float32_warns(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = x3(i, "y")
    r, w = recorded(lambda: gradcheck(lambda a, b: a * 2 + b, (x, y), raise_exception=False))
    return {"ok": r, "warnings": w}


@scenario
def gc_output_not_differentiable(i):
    x = x3(i)
    gradcheck(lambda t: t.detach() * 2, (x,))
    return {}


@scenario
def gc_constant_output(i):
    x = x3(i)
    return {"ok": gradcheck(lambda t: torch.ones(2, dtype=D), (x,))}


@scenario
def gc_input_unused(i):
    x, y = x3(i, "x"), x3(i, "y")
    return {"ok": gradcheck(lambda a, b: a * 2, (x, y))}


@scenario
def gc_scalar_input(i):
    x = given(i, "x", torch.randn((), dtype=D)).requires_grad_()
    return {"ok": gradcheck(lambda t: t.exp() * t, (x,))}


@scenario
def gc_empty_input(i):
    x = given(i, "x", torch.randn(0, dtype=D)).requires_grad_()
    y = x3(i, "y")
    return {"ok": gradcheck(lambda a, b: b.sin() + a.sum(), (x, y))}


@scenario
def gc_output_shape_changes(i):
    x = given(i, "x", torch.tensor([1, 1.0000005], dtype=D)).requires_grad_()
    gradcheck(lambda t: t[:1] if t.sum().item() > 2 else t[:2], (x,))
    return {}


@scenario
def gc_unexpected_keyword(i):
    x = x3(i)
    gradcheck(lambda t: t * 2, (x,), check_sparse_nnz_typo=True)
    return {}


@scenario
def gc_no_mode(i):
    x = x3(i)
    gradcheck(lambda t: t * 2, (x,), check_backward_ad=False)
    return {}


@scenario
def gc_batched_without_backward(i):
    x = x3(i)
    gradcheck(lambda t: t * 2, (x,), check_batched_grad=True, check_backward_ad=False, check_forward_ad=True)
    return {}


# ---- jacobian ----

@scenario
def jac_single(i):
    x = x3(i)
    return report(jac=jacobian(lambda t: t.exp(), x))


@scenario
def jac_tuple_of_one(i):
    x = x3(i)
    return report(jac=jacobian(lambda t: t.exp(), (x,)))


@scenario
def jac_tuple_inputs(i):
    x, y = x3(i, "x"), x3(i, "y", 2, 3)
    return report(jac=jacobian(lambda a, b: b.mv(a).tanh(), (x, y)))


@scenario
def jac_tuple_outputs(i):
    x = x3(i)
    return report(jac=jacobian(lambda t: (t.exp(), t.pow(2).sum()), x))


@scenario
def jac_tuple_tuple(i):
    x, y = x3(i, "x", 2), x3(i, "y", 2)
    return report(jac=jacobian(lambda a, b: (a * b, (a + b).sum()), (x, y)))


@scenario
def jac_independent_input(i):
    x, y = x3(i, "x"), x3(i, "y", 2)
    return report(jac=jacobian(lambda a, b: a * 2, (x, y)))


@scenario
def jac_independent_input_strict(i):
    x, y = x3(i, "x"), x3(i, "y", 2)
    jacobian(lambda a, b: a * 2, (x, y), strict=True)
    return {}


@scenario
def jac_output_without_grad(i):
    x = x3(i)
    return report(jac=jacobian(lambda t: torch.ones(2, dtype=D), x))


@scenario
def jac_output_without_grad_strict(i):
    x = x3(i)
    jacobian(lambda t: t.detach(), x, strict=True)
    return {}


@scenario
def jac_scalar(i):
    x = given(i, "x", torch.randn((), dtype=D))
    return report(jac=jacobian(lambda t: t.exp() * t, x))


@scenario
def jac_empty_input(i):
    x, y = given(i, "x", torch.randn(0, dtype=D)), x3(i, "y", 2)
    return report(jac=jacobian(lambda a, b: b * 2 + a.sum(), (x, y)))


@scenario
def jac_empty_output(i):
    x = x3(i)
    jacobian(lambda t: t[:0], x)
    return {}


@scenario
def jac_does_not_require_grad_inputs(i):
    # inputs that do not require grad are differentiated all the same (they are detached copies)
    x = given(i, "x", torch.randn(2, dtype=D))
    return report(jac=jacobian(lambda t: t.pow(3), x))


@scenario
def jac_bad_input(i):
    x = x3(i)
    jacobian(lambda a, b: a, (x, 3))
    return {}


@scenario
def jac_bad_single_input(i):
    jacobian(lambda a: a, 3.5)
    return {}


@scenario
def jac_bad_output(i):
    x = x3(i)
    jacobian(lambda a: (a, 2.5), x)
    return {}


@scenario
def jac_vectorize_strict(i):
    x = x3(i)
    jacobian(lambda t: t * 2, x, vectorize=True, strict=True)
    return {}


@scenario
def jac_forward_create_graph(i):
    x = x3(i)
    jacobian(lambda t: t * 2, x, strategy="forward-mode", create_graph=True)
    return {}


@scenario
def jac_forward_strict(i):
    x = x3(i)
    jacobian(lambda t: t * 2, x, strategy="forward-mode", strict=True)
    return {}


@scenario
def jac_forward_not_vectorized(i):
    x = x3(i)
    jacobian(lambda t: t * 2, x, strategy="forward-mode")
    return {}


@scenario
def jac_bad_strategy(i):
    x = x3(i)
    jacobian(lambda t: t * 2, x, strategy="sideways")
    return {}


# ---- vjp ----

@scenario
def vjp_exp_reducer(i):
    x = given(i, "x", torch.rand(4, 4, dtype=D))
    v = given(i, "v", torch.ones(4, dtype=D))
    out, g = vjp(lambda t: t.exp().sum(dim=1), x, v)
    return report(out=out, vjp=g)


@scenario
def vjp_adder(i):
    x, y = given(i, "x", torch.rand(2, dtype=D)), given(i, "y", torch.rand(2, dtype=D))
    v = given(i, "v", torch.ones(2, dtype=D))
    out, g = vjp(lambda a, b: 2 * a + 3 * b, (x, y), v)
    return report(out=out, vjp=g)


@scenario
def vjp_scalar_output_without_v(i):
    x = x3(i)
    out, g = vjp(lambda t: t.pow(2).sum(), x)
    return report(out=out, vjp=g)


@scenario
def vjp_tuple_outputs(i):
    x = x3(i)
    v = (given(i, "v0", torch.randn(3, dtype=D)), given(i, "v1", torch.randn((), dtype=D)))
    out, g = vjp(lambda t: (t.sin(), t.sum()), x, v)
    return report(out=out, vjp=g)


@scenario
def vjp_v_missing(i):
    x = x3(i)
    vjp(lambda t: t * 2, x)
    return {}


@scenario
def vjp_v_bad_size(i):
    x = x3(i)
    vjp(lambda t: t * 2, x, given(i, "v", torch.ones(2, dtype=D)))
    return {}


@scenario
def vjp_v_bad_size_in_tuple(i):
    x = x3(i)
    vjp(lambda t: (t * 2, t.sum()), x, (given(i, "v0", torch.ones(3, dtype=D)), given(i, "v1", torch.ones(2, dtype=D))))
    return {}


@scenario
def vjp_v_tuple_length(i):
    x = x3(i)
    vjp(lambda t: (t * 2, t.sum()), x, (given(i, "v", torch.ones(3, dtype=D)),))
    return {}


@scenario
def vjp_v_too_many(i):
    x = x3(i)
    vjp(lambda t: t * 2, x, (given(i, "v0", torch.ones(3, dtype=D)), given(i, "v1", torch.ones(3, dtype=D))))
    return {}


@scenario
def vjp_v_not_tensor(i):
    x = x3(i)
    vjp(lambda t: t * 2, x, 3)
    return {}


@scenario
def vjp_independent_input(i):
    x, y = x3(i, "x"), x3(i, "y", 2)
    out, g = vjp(lambda a, b: a * 2, (x, y), given(i, "v", torch.ones(3, dtype=D)))
    return report(out=out, vjp=g)


@scenario
def vjp_independent_input_strict(i):
    x, y = x3(i, "x"), x3(i, "y", 2)
    vjp(lambda a, b: a * 2, (x, y), given(i, "v", torch.ones(3, dtype=D)), strict=True)
    return {}


@scenario
def vjp_output_without_grad_strict(i):
    x = x3(i)
    vjp(lambda t: t.detach(), x, given(i, "v", torch.ones(3, dtype=D)), strict=True)
    return {}


@scenario
def vjp_empty(i):
    x = given(i, "x", torch.randn(0, dtype=D))
    out, g = vjp(lambda t: t * 2, x, given(i, "v", torch.randn(0, dtype=D)))
    return report(out=out, vjp=g)


# ---- second order: gradgradcheck, jvp, hessian, hvp, vhp (need create_graph) ----

@second
def ggc_pow(i):
    x = x3(i)
    return {"ok": gradgradcheck(lambda t: t.pow(3), (x,))}


@second
def ggc_two_inputs(i):
    x, y = x3(i, "x", 2), x3(i, "y", 2)
    return {"ok": gradgradcheck(lambda a, b: (a * b).sin(), (x, y))}


@second
def ggc_detached_backward(i):
    x = x3(i, "x", 2)
    go = given(i, "go", torch.randn(2, dtype=D)).requires_grad_()
    gradgradcheck(lambda t: DetachedSquare.apply(t), (x,), (go,))
    return {}


@second
def ggc_detached_backward_no_raise(i):
    x = x3(i, "x", 2)
    go = given(i, "go", torch.randn(2, dtype=D)).requires_grad_()
    return {"ok": gradgradcheck(lambda t: DetachedSquare.apply(t), (x,), (go,), raise_exception=False)}


@second
def ggc_no_mode(i):
    x = x3(i)
    gradgradcheck(lambda t: t * 2, (x,), check_rev_over_rev=False, check_undefined_grad=False)
    return {}


@second
def jvp_exp_reducer(i):
    x = given(i, "x", torch.rand(4, 4, dtype=D))
    v = given(i, "v", torch.ones(4, 4, dtype=D))
    out, g = jvp(lambda t: t.exp().sum(dim=1), x, v)
    return report(out=out, jvp=g)


@second
def jvp_adder(i):
    x, y = given(i, "x", torch.rand(2, dtype=D)), given(i, "y", torch.rand(2, dtype=D))
    v = (given(i, "v0", torch.ones(2, dtype=D)), given(i, "v1", torch.ones(2, dtype=D)))
    out, g = jvp(lambda a, b: 2 * a + 3 * b, (x, y), v)
    return report(out=out, jvp=g)


@second
def jvp_independent_strict(i):
    x, y = x3(i, "x"), x3(i, "y")
    jvp(lambda a, b: a * 2, (x, y), (torch.ones(3, dtype=D), torch.ones(3, dtype=D)), strict=True)
    return {}


@second
def jvp_create_graph(i):
    x = x3(i)
    out, g = jvp(lambda t: t.pow(3), x, given(i, "v", torch.randn(3, dtype=D)), create_graph=True)
    (gx,) = torch.autograd.grad(g.sum(), x)
    return {**report(out=out, jvp=g), "gx": gx}


@second
def hess_pow_sum(i):
    x = x3(i)
    return report(hess=hessian(lambda t: t.pow(3).sum(), x))


@second
def hess_tuple(i):
    x, y = x3(i, "x", 2), x3(i, "y", 3)
    return report(hess=hessian(lambda a, b: (a.pow(2).sum() * b.sin()).sum(), (x, y)))


@second
def hess_linear_strict(i):
    x = x3(i)
    hessian(lambda t: (t * 2).sum(), x, strict=True)
    return {}


@second
def hess_linear(i):
    x = x3(i)
    return report(hess=hessian(lambda t: (t * 2).sum(), x))


@second
def hess_not_scalar(i):
    x = x3(i)
    hessian(lambda t: t.pow(2), x)
    return {}


@second
def hvp_pow(i):
    x, v = x3(i), given(i, "v", torch.randn(3, dtype=D))
    out, g = hvp(lambda t: t.pow(3).sum(), x, v)
    return report(out=out, hvp=g)


@second
def hvp_tuple(i):
    x, y = x3(i, "x", 2), x3(i, "y", 2)
    v = (given(i, "v0", torch.randn(2, dtype=D)), given(i, "v1", torch.randn(2, dtype=D)))
    out, g = hvp(lambda a, b: (a * b.exp()).sum(), (x, y), v)
    return report(out=out, hvp=g)


@second
def vhp_pow(i):
    x, v = x3(i), given(i, "v", torch.randn(3, dtype=D))
    out, g = vhp(lambda t: t.pow(3).sum(), x, v)
    return report(out=out, vhp=g)


@second
def vhp_not_single(i):
    x = x3(i)
    vhp(lambda t: (t.sum(), t.sum()), x, torch.ones(3, dtype=D))
    return {}


@second
def hvp_linear_strict(i):
    x = x3(i)
    hvp(lambda t: (t * 2).sum(), x, torch.ones(3, dtype=D), strict=True)
    return {}


if __name__ == "__main__":
    scenario.write()
    second.write()
