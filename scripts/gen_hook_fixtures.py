#!/usr/bin/python3
"""
gen_hook_fixtures.py -- PyTorch's tensor hooks (Tensor.register_hook): a hook that replaces a
leaf's or an intermediate's gradient, hooks that only look, several in order, remove(), hooks
with retain_grad and with torch.autograd.grad, and the errors.

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_hook_fixtures.py

Output: test/fixtures/hooks.json (scripts/scenarios.py's format), read by test/hooks.test.ts,
which runs the same program under each name on both devices.
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

scenario = Scenarios("scripts/gen_hook_fixtures.py", "hooks.json")


@scenario
def leaf_hook_doubles(i):
    w = given(i, "w", torch.randn(3)).requires_grad_()
    w.register_hook(lambda g: g * 2)
    (w * w).sum().backward()
    return {"w_grad": w.grad}


@scenario
def leaf_hook_runs_once_on_the_sum(i):
    # two uses of w send it two gradients: the hook sees their sum, once
    w = given(i, "w", torch.randn(4)).requires_grad_()
    calls = []
    w.register_hook(lambda g: (calls.append(1), g.clamp(-0.5, 0.5))[1])
    (w * w.sin()).sum().backward()
    return {"w_grad": w.grad, "calls": len(calls)}


@scenario
def intermediate_hook_changes_upstream(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    h = x.exp()
    h.register_hook(lambda g: g + 1)
    (h * 3).sum().backward()
    return {"x_grad": x.grad}


@scenario
def hooks_in_order_and_looking(i):
    x = given(i, "x", torch.randn(2, 2)).requires_grad_()
    seen = []
    y = x.sin()
    y.register_hook(lambda g: seen.append(g.sum().item()))
    y.register_hook(lambda g: g * 10)
    y.register_hook(lambda g: seen.append(g.sum().item()))
    y.sum().backward()
    return {"x_grad": x.grad, "seen": seen}


@scenario
def removed_hook(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    handle = x.register_hook(lambda g: g * 100)
    handle.remove()
    x.pow(2).sum().backward()
    return {"x_grad": x.grad}


@scenario
def hook_and_retain_grad(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = x * 2
    # PyTorch 2 runs retain_grad's hook after the tensor's other hooks whatever the order they
    # came in; 1.13 runs them in that order, so registering the hook first gives PyTorch 2's
    # .grad here (test/hooks.test.ts calls retain_grad first, as a PyTorch 2 program may)
    y.register_hook(lambda g: g * 3)
    y.retain_grad()
    y.sum().backward()
    return {"y_grad": y.grad, "x_grad": x.grad}


@scenario
def hook_with_autograd_grad(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    def hook(g):
        return g - 1
    x.register_hook(hook)
    (gx,) = torch.autograd.grad((x * x).sum(), x)
    # PyTorch 2 runs the input's hooks before autograd.grad captures its gradient (engine.cpp,
    # call_tensor_pre_hooks); 1.13 does not, so the generator applies it as PyTorch 2 would
    if torch.__version__.startswith("1."):
        gx = hook(gx)
    return {"gx": gx}


@scenario
def hook_on_tensor_without_grad(i):
    given(i, "x", torch.randn(3)).register_hook(lambda g: g)
    return {}


@scenario
def hook_changes_size(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    x.register_hook(lambda g: g[:2])
    x.sum().backward()
    return {}


if __name__ == "__main__":
    scenario.write()
