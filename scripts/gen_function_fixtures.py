#!/usr/bin/python3
"""
gen_function_fixtures.py -- PyTorch's torch.autograd.Function: a custom op's node, its name,
ctx.needs_input_grad and saved_tensors, the engine's checks of what backward returns, the
errors of a second backward and of a saved tensor changed in place, and PyTorch's own example,
fitting y = a + b * P3(c + d * x) to sin(x) with the Legendre polynomial as a Function;
@once_differentiable under create_graph; ctx.mark_dirty; several outputs (packed gradients,
materialized or not, a non-differentiable output, create_graph); a saved output under create_graph.

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_function_fixtures.py

Output: test/fixtures/autograd_function.json = { "generator", "torch", "scenarios": { NAME: RESULT } },
read by test/autograd-function.test.ts, which runs the same program under each NAME on both
devices. RESULT is { "error": { "type", "message" } } when the program raises, else what it
reports (tensors in gen_fixtures.py's encoding, numbers, lists). Each scenario seeds torch's
generator from its own name (crc32); its inputs are given in the fixture.
"""

import math
import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
from torch.autograd.function import once_differentiable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402
from custom_functions import LegendrePolynomial3, MulAdd  # noqa: E402

scenario = Scenarios("scripts/gen_function_fixtures.py", "autograd_function.json")


class Identity(torch.autograd.Function):
    """Reports needs_input_grad; its backward returns what the scenario asks for."""
    returns = None

    @staticmethod
    def forward(ctx, x, y, scale):
        ctx.report = list(ctx.needs_input_grad)
        return x * scale + y

    @staticmethod
    def backward(ctx, g):
        return Identity.returns(g)


@scenario
def legendre_node(i):
    x = given(i, "x", torch.randn(4)).requires_grad_()
    y = LegendrePolynomial3.apply(x)
    (y * y).sum().backward()
    return {"y": y, "name": y.grad_fn.name(), "x_grad": x.grad}


@scenario
def needs_input_grad(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = given(i, "y", torch.randn(3))
    Identity.returns = staticmethod(lambda g: (g, None, None))
    ctx_out = Identity.apply(x, y, 2.0)
    report = ctx_out.grad_fn.report if hasattr(ctx_out.grad_fn, "report") else None
    ctx_out.sum().backward()
    return {"needs_input_grad": report, "x_grad": x.grad, "y_grad_is_none": y.grad is None}


@scenario
def none_for_a_tensor(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = given(i, "y", torch.randn(3)).requires_grad_()
    Identity.returns = staticmethod(lambda g: (None, g * 3, None))
    Identity.apply(x, y, 2.0).sum().backward()
    return {"x_grad_is_none": x.grad is None, "y_grad": y.grad}


@scenario
def incorrect_number_of_gradients(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    Identity.returns = staticmethod(lambda g: (g, None))
    Identity.apply(x, torch.zeros(3), 2.0).sum().backward()
    return {}


@scenario
def gradient_for_a_number(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    Identity.returns = staticmethod(lambda g: (g, None, g))
    Identity.apply(x, torch.zeros(3), 2.0).sum().backward()
    return {}


@scenario
def invalid_gradient_shape(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    Identity.returns = staticmethod(lambda g: (g[:2], None, None))
    Identity.apply(x, torch.zeros(3), 2.0).sum().backward()
    return {}


@scenario
def broadcast_gradient_summed(i):
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    y = given(i, "y", torch.randn(3)).requires_grad_()
    MulAdd.apply(x, y, 0.5).pow(2).sum().backward()
    return {"x_grad": x.grad, "y_grad": y.grad}


@scenario
def backward_twice(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = LegendrePolynomial3.apply(x).sum()
    y.backward()
    y.backward()
    return {}


@scenario
def retain_graph_twice(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = LegendrePolynomial3.apply(x).sum()
    y.backward(retain_graph=True)
    y.backward()
    return {"x_grad": x.grad}


@scenario
def saved_input_modified(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    h = x * 1
    y = LegendrePolynomial3.apply(h)
    h.add_(1)
    y.sum().backward()
    return {}


@scenario
def under_no_grad(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    with torch.no_grad():
        y = LegendrePolynomial3.apply(x)
    return {"y": y, "requires_grad": y.requires_grad, "has_grad_fn": y.grad_fn is not None}


@scenario
def legendre_fit(i):
    # PyTorch's "Defining new autograd functions" example, as its tutorial writes it
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    a = torch.full((), 0.0, requires_grad=True)
    b = torch.full((), -1.0, requires_grad=True)
    c = torch.full((), 0.0, requires_grad=True)
    d = torch.full((), 0.3, requires_grad=True)
    learning_rate = 5e-6
    losses = []
    for t in range(2000):
        P3 = LegendrePolynomial3.apply
        y_pred = a + b * P3(c + d * x)
        loss = (y_pred - y).pow(2).sum()
        if t % 100 == 99:
            losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            a -= learning_rate * a.grad
            b -= learning_rate * b.grad
            c -= learning_rate * c.grad
            d -= learning_rate * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
    return {"losses": losses, "abcd": [a.item(), b.item(), c.item(), d.item()]}


class ExpSavingOutput(torch.autograd.Function):
    """exp, saving its output (under create_graph the saved output leads back through the node)."""

    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, g):
        (y,) = ctx.saved_tensors
        return g * y


class ExpOnce(ExpSavingOutput):
    """exp with a backward marked @once_differentiable."""
    backward = staticmethod(once_differentiable(ExpSavingOutput.backward))


@scenario
def once_differentiable_first_order(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    ExpOnce.apply(x).sum().backward()
    return {"x_grad": x.grad}


@scenario
def once_differentiable_create_graph(i):
    # the gradient reaching backward requires grad (2y): its result requires grad too, through DelayedError
    x = given(i, "x", torch.randn(3)).requires_grad_()
    (g,) = torch.autograd.grad(ExpOnce.apply(x).pow(2).sum(), x, create_graph=True)
    return {"g": g, "requires_grad": g.requires_grad}


@scenario
def once_differentiable_plain_seed(i):
    # the seed of a sum needs no grad: the backward's result is plain, as it was computed
    x = given(i, "x", torch.randn(3)).requires_grad_()
    (g,) = torch.autograd.grad(ExpOnce.apply(x).sum(), x, create_graph=True)
    return {"g": g, "requires_grad": g.requires_grad}


@scenario
def once_differentiable_twice(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    (g,) = torch.autograd.grad(ExpOnce.apply(x).pow(2).sum(), x, create_graph=True)
    g.sum().backward()
    return {}


class MulTwoInplace(torch.autograd.Function):
    """x *= 2 in place, marked dirty; saves nothing."""
    @staticmethod
    def forward(ctx, x):
        ctx.mark_dirty(x)
        return x.mul_(2)

    @staticmethod
    def backward(ctx, g):
        return g * 2


class MarksButCopies(torch.autograd.Function):
    """marks its input dirty but returns a new tensor."""
    @staticmethod
    def forward(ctx, x):
        ctx.mark_dirty(x)
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2


@scenario
def mark_dirty_inplace(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    a = x.sin()
    y = MulTwoInplace.apply(a)
    report = {"same_tensor": y is a, "name": a.grad_fn.name(), "a": a, "version": a._version}
    (a * a).sum().backward()
    return {**report, "x_grad": x.grad}


@scenario
def mark_dirty_leaf(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    MulTwoInplace.apply(x)
    return {}


@scenario
def mark_dirty_not_returned(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    MarksButCopies.apply(x.sin())
    return {}


@scenario
def mark_dirty_no_grad_input(i):
    # an input that needs no gradient: changed in place, no node
    x = given(i, "x", torch.randn(3))
    MulTwoInplace.apply(x)
    return {"x": x, "requires_grad": x.requires_grad, "version": x._version}


class DoubleInplaceAndExp(torch.autograd.Function):
    """x *= 2 in place (marked dirty) and exp(x): two outputs, the first the input itself; saves both."""
    @staticmethod
    def forward(ctx, x):
        ctx.mark_dirty(x)
        x.mul_(2)
        e = x.exp()
        ctx.save_for_backward(x, e)
        return x, e

    @staticmethod
    def backward(ctx, g_x, g_e):
        _, e = ctx.saved_tensors
        return g_x * 2 + g_e * e * 2


class DirtyButCopiesTwo(torch.autograd.Function):
    """marks its input dirty but returns two new tensors."""
    @staticmethod
    def forward(ctx, x):
        ctx.mark_dirty(x)
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g_a, g_b):
        return g_a * 2 + g_b * 3


@scenario
def mark_dirty_several_outputs(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    a = x.sin()
    y, e = DoubleInplaceAndExp.apply(a)
    report = {"same_tensor": y is a, "names": [y.grad_fn.name(), e.grad_fn.name()],
              "version": a._version, "next": [[f.name(), nr] for f, nr in y.grad_fn.next_functions], "y": y, "e": e}
    p = y * e
    report["product_next"] = [[f.name(), nr] for f, nr in p.grad_fn.next_functions]
    p.sum().backward()
    return {**report, "x_grad": x.grad}


@scenario
def mark_dirty_several_outputs_create_graph(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y, e = DoubleInplaceAndExp.apply(x.sin())
    (g,) = torch.autograd.grad((y + e).sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x)
    return {"g": g, "gg": gg}


@scenario
def mark_dirty_several_outputs_leaf(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    DoubleInplaceAndExp.apply(x)
    return {}


@scenario
def mark_dirty_several_outputs_not_returned(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    DirtyButCopiesTwo.apply(x.sin())
    return {}


@scenario
def mark_dirty_several_outputs_unrecorded(i):
    x = given(i, "x", torch.randn(3))
    y, e = DoubleInplaceAndExp.apply(x)
    # (PyTorch hands back a new view of x here, so `y is x` is False: an identity wasmgrad does not
    # copy; y shares x's values either way)
    report = {"x": x.clone(), "e": e, "version": x._version, "requires_grad": [y.requires_grad, e.requires_grad]}
    y.add_(1)
    return {**report, "x_after_y_add_": x}


class ScaleAndExp(torch.autograd.Function):
    """Two outputs, x * 2 and exp(x); records what its backward was given."""
    materialize = True
    seen = None

    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(ScaleAndExp.materialize)
        y = x.exp()
        ctx.save_for_backward(y)
        return x * 2, y

    @staticmethod
    def backward(ctx, g_scaled, g_exp):
        (y,) = ctx.saved_tensors
        ScaleAndExp.seen = [g_scaled, g_exp]
        grad = None
        for g, d in ((g_scaled, 2), (g_exp, y)):
            if g is not None:
                grad = g * d if grad is None else grad + g * d
        return grad


def seen(grads):
    return [None if g is None else g.detach().clone() for g in grads]


@scenario
def several_outputs(i):
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    ScaleAndExp.materialize = True
    a, b = ScaleAndExp.apply(x)
    s = a * b + a
    s.sum().backward()
    return {"a": a, "b": b, "names": [a.grad_fn.name(), b.grad_fn.name()],
            "next": [[f.name(), nr] for f, nr in s.grad_fn.next_functions[0][0].next_functions],
            "inputs_next": [[f.name() if f else None, nr] for f, nr in a.grad_fn.next_functions],
            "seen": seen(ScaleAndExp.seen), "grad": x.grad}


@scenario
def several_outputs_one_used(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    ScaleAndExp.materialize = True
    _, b = ScaleAndExp.apply(x)
    (b * b).sum().backward()
    return {"seen": seen(ScaleAndExp.seen), "grad": x.grad}


@scenario
def several_outputs_not_materialized(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    ScaleAndExp.materialize = False
    a, _ = ScaleAndExp.apply(x)
    a.sum().backward()
    return {"seen": [g is None for g in ScaleAndExp.seen], "used": ScaleAndExp.seen[0], "grad": x.grad}


@scenario
def several_outputs_create_graph(i):
    x = given(i, "x", torch.randn(4)).requires_grad_()
    ScaleAndExp.materialize = True
    a, b = ScaleAndExp.apply(x)
    (g,) = torch.autograd.grad((a * b).sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x)
    return {"g": g, "gg": gg}


class SortWithIndices(torch.autograd.Function):
    """values and int64 indices (marked non-differentiable), and a number."""
    seen = None

    @staticmethod
    def forward(ctx, x):
        values, indices = x.sort()
        ctx.mark_non_differentiable(indices)
        ctx.save_for_backward(indices)
        return values, indices, 3

    @staticmethod
    def backward(ctx, g_values, g_indices, g_number):
        (indices,) = ctx.saved_tensors
        SortWithIndices.seen = [None if g is None else [str(g.dtype), g.tolist()] for g in (g_indices, g_number)]
        return torch.zeros_like(g_values).scatter(0, indices, g_values)


@scenario
def non_differentiable_output(i):
    x = given(i, "x", torch.randn(5)).requires_grad_()
    values, indices, n = SortWithIndices.apply(x)
    (values * torch.arange(5.0)).sum().backward()
    return {"values": values, "indices": indices.tolist(), "n": n, "indices_requires_grad": indices.requires_grad,
            "seen": SortWithIndices.seen, "grad": x.grad}


class MixedDtypes(torch.autograd.Function):
    """a float32 output, a float64 one and int64 indices marked non-differentiable; saves the float64 output."""
    seen = None

    @staticmethod
    def forward(ctx, x):
        b = x.double().exp()
        idx = x.argsort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(b)
        return x * 2, b, idx

    @staticmethod
    def backward(ctx, g_a, g_b, g_idx):
        (b,) = ctx.saved_tensors
        MixedDtypes.seen = [str(g.dtype) for g in (g_a, g_b)]
        return g_a * 2 + (g_b * b).float()


@scenario
def mixed_dtype_outputs(i):
    x = given(i, "x", torch.randn(4)).requires_grad_()
    a, b, idx = MixedDtypes.apply(x)
    # one root per dtype: a float32 and a float64 loss in one backward
    torch.autograd.backward([(a * a).sum(), (b * b).sum()])
    return {"a": a, "b": b, "idx": idx.tolist(), "dtypes": [str(a.dtype), str(b.dtype)], "idx_requires_grad": idx.requires_grad,
            "names": [a.grad_fn.name(), b.grad_fn.name()], "seen": MixedDtypes.seen, "grad": x.grad}


@scenario
def several_outputs_under_no_grad(i):
    x = given(i, "x", torch.randn(2)).requires_grad_()
    with torch.no_grad():
        a, b = ScaleAndExp.apply(x)
    return {"a": a, "b": b, "requires_grad": [a.requires_grad, b.requires_grad]}


@scenario
def saved_output_create_graph(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    (g,) = torch.autograd.grad(ExpSavingOutput.apply(x).sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad((g * g).sum(), x)
    return {"g": g, "gg": gg}


@scenario
def saved_output_modified(i):
    x = given(i, "x", torch.randn(2)).requires_grad_()
    y = ExpSavingOutput.apply(x)
    y.mul_(2)
    y.sum().backward()
    return {}


if __name__ == "__main__":
    scenario.write()
