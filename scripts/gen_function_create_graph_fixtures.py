#!/usr/bin/python3
"""
gen_function_create_graph_fixtures.py -- torch.autograd.Function under create_graph=True: outputs
of mixed dtypes (float32 with float64, with int64 indices), and Functions with three outputs that
call ctx.set_materialize_grads(False) (outputs unused, so their gradients are None; an output that
is an input returned or a view of one; a saved output; double backward through some outputs only;
two inputs, differentiated again with respect to one).

HOW TO RUN
    /usr/bin/python3 scripts/gen_function_create_graph_fixtures.py

Output: test/fixtures/function_create_graph.json (scripts/scenarios.py's format), read by
test/function-create-graph.test.ts, which runs the program of each name on both devices with
the same Functions written in TypeScript. Each scenario seeds torch's generator from its name.
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402
from gen_function_fixtures import MixedDtypes  # noqa: E402  (runs that generator's scenarios, writes nothing)

scenario = Scenarios("scripts/gen_function_create_graph_fixtures.py", "function_create_graph.json")


class Float64Only(torch.autograd.Function):
    """float32 in, a float64 output and an int64 one; the backward casts the gradient back."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.double() ** 3, x.argmax()

    @staticmethod
    def backward(ctx, g, g_idx):
        (x,) = ctx.saved_tensors
        return (g * 3 * x.double() ** 2).float()


class ThreeOutputs(torch.autograd.Function):
    """x*y, exp(x), sin(y) with ctx.set_materialize_grads(False): None for outputs no gradient reached."""

    @staticmethod
    def forward(ctx, x, y):
        ctx.set_materialize_grads(False)
        e = x.exp()
        ctx.save_for_backward(x, y, e)
        return x * y, e, y.sin()

    @staticmethod
    def backward(ctx, ga, gb, gc):
        x, y, e = ctx.saved_tensors
        gx = gy = None
        if ga is not None:
            gx, gy = ga * y, ga * x
        if gb is not None:
            gx = gb * e if gx is None else gx + gb * e
        if gc is not None:
            gy = gc * y.cos() if gy is None else gy + gc * y.cos()
        return gx, gy


class ThreeOutputsSavedOutput(torch.autograd.Function):
    """x², exp(x) (saved: under create_graph it leads back through the node), x³; materialize off."""

    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        e = x.exp()
        ctx.save_for_backward(x, e)
        return x * x, e, x * x * x

    @staticmethod
    def backward(ctx, ga, gb, gc):
        x, e = ctx.saved_tensors
        g = None
        for grad, d in ((ga, 2 * x), (gb, e), (gc, 3 * x * x)):
            if grad is not None:
                g = grad * d if g is None else g + grad * d
        return g


class ReturnsInputAndView(torch.autograd.Function):
    """x itself, a view of x (x[1:]) and x * 3; materialize off."""

    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        ctx.save_for_backward(x)
        return x, x[1:], x * x * 3

    @staticmethod
    def backward(ctx, ga, gb, gc):
        (x,) = ctx.saved_tensors
        g = torch.zeros_like(x)
        if ga is not None:
            g = g + ga
        if gb is not None:
            g = g + torch.cat([torch.zeros_like(x[:1]), gb])
        if gc is not None:
            g = g + gc * 6 * x
        return g


def leaves(i, *names):
    return [given(i, n, torch.randn(4)).requires_grad_() for n in names]


@scenario
def mixed_dtypes_create_graph(i):
    (x,) = leaves(i, "x")
    a, b, idx = MixedDtypes.apply(x)
    (g,) = torch.autograd.grad((a * a).sum() + (b * b).sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad((g * g).sum(), x, create_graph=True)
    (ggg,) = torch.autograd.grad(gg.sum(), x)
    return {"g": g, "gg": gg, "ggg": ggg, "g_dtype": str(g.dtype), "idx": idx.tolist()}


@scenario
def mixed_dtypes_create_graph_float64_only(i):
    (x,) = leaves(i, "x")
    a, b, _ = MixedDtypes.apply(x)
    (g,) = torch.autograd.grad((b * b.sin()).sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x)
    return {"g": g, "gg": gg}


@scenario
def float64_output_of_float32_input_create_graph(i):
    (x,) = leaves(i, "x")
    y, idx = Float64Only.apply(x)
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad((g * x).sum(), x)
    return {"y": y, "idx": idx.item(), "g": g, "gg": gg, "dtypes": [str(y.dtype), str(g.dtype)]}


@scenario
def three_outputs_one_used_create_graph(i):
    x, y = leaves(i, "x", "y")
    a, b, c = ThreeOutputs.apply(x, y)
    gx, gy = torch.autograd.grad(b.sum(), [x, y], create_graph=True, allow_unused=True)
    (gg,) = torch.autograd.grad((gx * gx).sum(), x)
    return {"gx": gx, "gy_is_none": gy is None, "gg": gg}


@scenario
def three_outputs_two_used_create_graph(i):
    x, y = leaves(i, "x", "y")
    w = given(i, "w", torch.randn(4))
    a, b, c = ThreeOutputs.apply(x, y)
    gx, gy = torch.autograd.grad((a * w).sum() + (c * c).sum(), [x, y], create_graph=True)
    ggx, ggy = torch.autograd.grad((gx * gy).sum(), [x, y])
    return {"gx": gx, "gy": gy, "ggx": ggx, "ggy": ggy}


@scenario
def three_outputs_double_backward_wrt_one_input(i):
    x, y = leaves(i, "x", "y")
    a, b, c = ThreeOutputs.apply(x, y)
    (gy,) = torch.autograd.grad((a * a).sum() + c.sum(), y, create_graph=True)
    (ggx,) = torch.autograd.grad(gy.sum(), x, retain_graph=True)
    (ggy,) = torch.autograd.grad(gy.pow(2).sum(), y, create_graph=True)
    (third,) = torch.autograd.grad(ggy.sum(), [y])
    return {"gy": gy, "ggx": ggx, "third": third}


@scenario
def three_outputs_backward_create_graph_accumulates(i):
    x, y = leaves(i, "x", "y")
    a, b, c = ThreeOutputs.apply(x, y)
    (a.sum() + b.pow(2).sum()).backward(create_graph=True)
    gx = x.grad
    x.grad = None
    y.grad = None
    (gx * gx).sum().backward()
    return {"gx": gx, "x_grad": x.grad, "y_grad": y.grad}


@scenario
def three_outputs_saved_output_create_graph(i):
    (x,) = leaves(i, "x")
    a, b, c = ThreeOutputsSavedOutput.apply(x)
    (g,) = torch.autograd.grad(b.sum() + c.sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x, create_graph=True)
    (ggg,) = torch.autograd.grad(gg.sum(), x)
    return {"g": g, "gg": gg, "ggg": ggg}


@scenario
def three_outputs_saved_output_unused(i):
    (x,) = leaves(i, "x")
    a, b, c = ThreeOutputsSavedOutput.apply(x)
    (g,) = torch.autograd.grad(a.sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad((g * g).sum(), x)
    return {"g": g, "gg": gg}


@scenario
def returns_input_and_view_create_graph(i):
    (p,) = leaves(i, "p")
    x = p * 1.5
    a, b, c = ReturnsInputAndView.apply(x)
    (g,) = torch.autograd.grad((b * b).sum() + c.sum(), p, create_graph=True)
    (gg,) = torch.autograd.grad((g * g).sum(), p)
    return {"a": a, "b": b, "g": g, "gg": gg, "names": [a.grad_fn.name(), b.grad_fn.name(), c.grad_fn.name()]}


@scenario
def returns_input_and_view_only_view_used(i):
    (p,) = leaves(i, "p")
    x = p * 1.5
    a, b, c = ReturnsInputAndView.apply(x)
    (g,) = torch.autograd.grad(b.pow(3).sum(), p, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), p)
    return {"g": g, "gg": gg}


scenario.write()
