#!/usr/bin/python3
"""
gen_function_fixtures.py -- PyTorch's torch.autograd.Function: a custom op's node, its name,
ctx.needs_input_grad and saved_tensors, the engine's checks of what backward returns, the
errors of a second backward and of a saved tensor changed in place, and PyTorch's own example,
fitting y = a + b * P3(c + d * x) to sin(x) with the Legendre polynomial as a Function;
@once_differentiable under create_graph; ctx.mark_dirty.

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


class ExpOnce(torch.autograd.Function):
    """exp with a backward marked @once_differentiable."""
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        (y,) = ctx.saved_tensors
        return g * y


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
    report = {"same_tensor": y is a, "name": a.grad_fn.name(), "a": a}
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
    return {"x": x, "requires_grad": x.requires_grad}


if __name__ == "__main__":
    scenario.write()
