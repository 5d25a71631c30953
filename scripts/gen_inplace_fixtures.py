#!/usr/bin/python3
"""
gen_inplace_fixtures.py -- PyTorch's behaviour around in-place ops: version counters, the
"modified by an inplace operation" errors of a later backward, the leaf check, the shape and
dtype checks of an in-place result, and manual updates under no_grad.

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_inplace_fixtures.py

Output: test/fixtures/inplace.json = { "generator", "torch", "scenarios": { NAME: RESULT } },
read by test/inplace.test.ts, which runs the same program under each NAME on both devices.
RESULT is { "error": { "type", "message" } } when the program raises, else the named
tensors and numbers the program reports (tensors in gen_fixtures.py's encoding). Each
scenario seeds torch's generator from its own name (crc32); its inputs are given in the
fixture, so the test never needs PyTorch's random stream.
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

scenario = Scenarios("scripts/gen_inplace_fixtures.py", "inplace.json")


@scenario
def saved_output_modified(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = x.exp()
    y.mul_(2)
    y.sum().backward()
    return {}


@scenario
def saved_leaf_modified(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    w = given(i, "w", torch.randn(3))
    z = x * w
    w.add_(1)
    z.sum().backward()
    return {}


@scenario
def saved_input_rebased(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    h = x.sigmoid()
    z = h * h
    h.add_(1)
    z.sum().backward()
    return {}


@scenario
def self_as_other(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = x * 1
    y.mul_(y)
    y.sum().backward()
    return {}


@scenario
def leaf_requires_grad(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    x.add_(1)
    return {}


@scenario
def float64_saved_output(i):
    x = given(i, "x", torch.randn(2, 3, dtype=torch.float64)).requires_grad_()
    y = x.exp()
    y.add_(1)
    y.sum().backward()
    return {}


@scenario
def float_into_long(i):
    w = torch.zeros(3, dtype=torch.long)
    w.add_(1.5)
    return {}


@scenario
def broadcast_into_smaller(i):
    w = torch.zeros(3)
    w.add_(torch.zeros(2, 3))
    return {}


@scenario
def no_grad_update(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    with torch.no_grad():
        x.sub_(1)
    return {"x": x, "requires_grad": x.requires_grad, "is_leaf": x.is_leaf, "version": x._version}


@scenario
def manual_sgd(i):
    # the tutorials' manual update: w -= lr * w.grad; w.grad.zero_()
    w = given(i, "w", torch.randn(3)).requires_grad_()
    x = given(i, "x", torch.randn(3))
    losses = []
    for _ in range(5):
        loss = (w * x).sum() ** 2
        loss.backward()
        losses.append(loss.item())
        with torch.no_grad():
            w.sub_(w.grad * 0.1)
            w.grad.zero_()
    return {"w": w, "grad": w.grad, "losses": losses, "version": w._version, "grad_version": w.grad._version}


@scenario
def version_counts(i):
    x = torch.zeros(2)
    x.add_(1)
    x.mul_(2)
    x.fill_(3)
    x.zero_()
    x.copy_(torch.tensor([1.5, 2.5]))
    return {"x": x, "version": x._version}


@scenario
def chain_of_inplace(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = x * 2
    y.add_(1)
    y.mul_(3)
    y.sigmoid_()
    (y * y).sum().backward()
    return {"y": y, "grad": x.grad, "grad_fn": y.grad_fn.name(), "version": y._version}


@scenario
def inplace_with_grad_operand(i):
    # a tensor that does not require grad becomes part of the graph through its in-place op
    w = given(i, "w", torch.randn(3)).requires_grad_()
    acc = torch.zeros(3)
    acc.add_(w, alpha=2)
    acc.mul_(w)
    acc.sum().backward()
    return {"acc": acc, "grad": w.grad, "grad_fn": acc.grad_fn.name(), "is_leaf": acc.is_leaf}


@scenario
def copy_broadcast(i):
    t = torch.zeros(2, 2)
    t.copy_(torch.tensor([1.0, 2.0]))
    return {"t": t, "version": t._version}


@scenario
def integer_inplace(i):
    t = torch.tensor([1, 2, 3], dtype=torch.long)
    t.add_(2)
    t.mul_(3)
    return {"t": t, "version": t._version}


@scenario
def optimizer_step_then_backward(i):
    # an optimizer's update is in place: a graph that saved the parameter refuses it
    w = given(i, "w", torch.randn(3)).requires_grad_()
    y = (w * w).sum()
    opt = torch.optim.SGD([w], lr=0.1)
    (w * 2).sum().backward()
    opt.step()
    y.backward()
    return {}


@scenario
def optimizer_steps_parameters_that_are_views(i):
    # parameters sharing one storage: each update lands in the base, and a later in-place
    # write through one view leaves the other's update in place
    base = given(i, "base", torch.randn(6))
    p1 = base[:3].detach().requires_grad_()
    p2 = base[3:].detach().requires_grad_()
    opt = torch.optim.SGD([p1, p2], lr=0.5, momentum=0.9)
    for _ in range(2):
        opt.zero_grad()
        (p1.square().sum() + 2 * p2.sum()).backward()
        opt.step()
    stepped = base.clone()
    with torch.no_grad():
        p2.mul_(10)
    return {"stepped": stepped, "base": base, "p1": p1, "p2": p2, "versions": [p1._version, p2._version, base._version]}


if __name__ == "__main__":
    scenario.write()
