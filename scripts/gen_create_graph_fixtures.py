#!/usr/bin/python3
"""
gen_create_graph_fixtures.py -- PyTorch programs that differentiate a gradient
(create_graph=True): a WGAN-GP gradient penalty on a small MLP with cross_entropy, a
Hessian-vector product, a MAML inner step, the fourth derivative of tanh, the grad_fn of a
gradient, a hook under create_graph, and backward(create_graph=True) accumulating into .grad.

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_create_graph_fixtures.py

Output: test/fixtures/create_graph.json = { "generator", "torch", "scenarios": { NAME: RESULT } },
read by test/create-graph.test.ts, which runs the same program under each NAME on both devices
(scripts/scenarios.py describes RESULT). Each scenario seeds torch's generator from its own name.
"""

import os
import sys
import warnings

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

scenario = Scenarios("scripts/gen_create_graph_fixtures.py", "create_graph.json")


def mlp(i):
    """A 4-8-3 MLP's parameters, given to the test."""
    return [given(i, n, torch.randn(*s) * 0.5).requires_grad_()
            for n, s in [("w1", (8, 4)), ("b1", (8,)), ("w2", (3, 8)), ("b2", (3,))]]


def forward(ps, x):
    w1, b1, w2, b2 = ps
    return F.linear(F.relu(F.linear(x, w1, b1)), w2, b2)


@scenario
def gradient_penalty(i):
    # WGAN-GP's penalty: (‖∂loss/∂x‖ − 1)², differentiated again for the parameters
    ps = mlp(i)
    x = given(i, "x", torch.randn(5, 4)).requires_grad_()
    y = given(i, "y", torch.tensor([0, 2, 1, 1, 0]))
    loss = F.cross_entropy(forward(ps, x), y)
    (gx,) = torch.autograd.grad(loss, [x], create_graph=True)
    penalty = ((gx.pow(2).sum(1).sqrt() - 1) ** 2).mean()
    grads = torch.autograd.grad(penalty, ps)
    return {"penalty": penalty, "grads": list(grads), "gx_grad_fn": type(gx.grad_fn).__name__}


@scenario
def hessian_vector_product(i):
    ps = mlp(i)
    x = given(i, "x", torch.randn(6, 4))
    y = given(i, "y", torch.tensor([1, 0, 2, 2, 1, 0]))
    vs = [given(i, f"v{k}", torch.randn(p.shape)) for k, p in enumerate(ps)]
    loss = F.cross_entropy(forward(ps, x).tanh(), y)
    gs = torch.autograd.grad(loss, ps, create_graph=True)
    hv = torch.autograd.grad(sum((g * v).sum() for g, v in zip(gs, vs)), ps)
    return {"loss": loss, "hv": list(hv)}


@scenario
def maml_step(i):
    # one inner SGD step kept in the graph, then the outer loss's gradient for the start point
    ps = mlp(i)
    xs = given(i, "xs", torch.randn(4, 4))
    ys = given(i, "ys", torch.tensor([0, 1, 2, 1]))
    xq = given(i, "xq", torch.randn(3, 4))
    yq = given(i, "yq", torch.tensor([2, 0, 1]))
    inner = F.cross_entropy(forward(ps, xs), ys)
    gs = torch.autograd.grad(inner, ps, create_graph=True)
    fast = [p - 0.4 * g for p, g in zip(ps, gs)]
    outer = F.cross_entropy(forward(fast, xq), yq)
    return {"outer": outer, "grads": list(torch.autograd.grad(outer, ps))}


@scenario
def fourth_derivative(i):
    x = given(i, "x", torch.linspace(-2, 2, 9)).requires_grad_()
    d = x.tanh()
    out = []
    for _ in range(4):
        (d,) = torch.autograd.grad(d.sum(), [x], create_graph=True)
        out.append(d)
    return {"derivatives": out, "names": [type(t.grad_fn).__name__ for t in out[:1]]}


@scenario
def hook_under_create_graph(i):
    # a hook's ops record too: the doubled gradient is differentiated again
    x = given(i, "x", torch.randn(4)).requires_grad_()
    h = x.sin()
    h.register_hook(lambda g: g * h.detach().exp())
    (g,) = torch.autograd.grad(h.pow(2).sum(), [x], create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), [x])
    return {"g": g, "gg": gg}


@scenario
def backward_accumulates(i):
    # backward(create_graph=True) twice: .grad is summed out of place and keeps its graph
    x = given(i, "x", torch.randn(3)).requires_grad_()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (x.pow(3).sum()).backward(create_graph=True)
        (x.sin().sum()).backward(create_graph=True)
    first = x.grad
    x.grad = None
    first.sum().backward()
    return {"grad": first, "grad_of_grad": x.grad}


if __name__ == "__main__":
    scenario.write()
