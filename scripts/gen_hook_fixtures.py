#!/usr/bin/python3
"""
gen_hook_fixtures.py -- PyTorch's tensor hooks (Tensor.register_hook): a hook that replaces a
leaf's or an intermediate's gradient, hooks that only look, several in order, remove(), hooks
with retain_grad and with torch.autograd.grad, and the errors. Tensor.register_post_accumulate_grad_hook
(PyTorch 2's; on 1.13 composed by scripts/pytorch2_compat.py): after .grad accumulates, in order,
with grad mode off, not for autograd.grad, only for backward's inputs, and its errors.
torch.autograd.graph.saved_tensors_hooks: when pack and unpack run, on what, the unpacked values
used by the derivative, nesting, retain_graph, no version check through hooks, and the errors.

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
import pytorch2_compat  # noqa: E402,F401  (Tensor.register_post_accumulate_grad_hook on 1.13)
from custom_functions import LegendrePolynomial3  # noqa: E402

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


@scenario
def post_hook_sgd_step(i):
    # PyTorch's docstring example: an SGD step in the hook (grad mode is off there)
    v = given(i, "v", torch.zeros(3)).requires_grad_()
    lr = 0.01
    h = v.register_post_accumulate_grad_hook(lambda p: p.add_(p.grad, alpha=-lr))
    v.backward(torch.tensor([1.0, 2.0, 3.0]))
    h.remove()
    return {"v": v, "v_grad": v.grad}


@scenario
def post_hook_sees_accumulated_grad(i):
    w = given(i, "w", torch.randn(3)).requires_grad_()
    seen, modes = [], []

    def hook(p):
        seen.append(p.grad.clone())
        modes.append(torch.is_grad_enabled())
    w.register_post_accumulate_grad_hook(hook)
    (w * w).sum().backward()
    (w * 3).sum().backward()
    return {"seen": seen, "grad_enabled": modes}


@scenario
def post_hook_after_tensor_hooks_in_order(i):
    w = given(i, "w", torch.randn(3)).requires_grad_()
    calls = []
    w.register_post_accumulate_grad_hook(lambda p: calls.append("post1"))
    w.register_hook(lambda g: (calls.append("pre"), g * 2)[1])
    w.register_post_accumulate_grad_hook(lambda p: calls.append("post2"))
    w.sin().sum().backward()
    return {"calls": calls, "w_grad": w.grad}


@scenario
def post_hooks_of_two_leaves(i):
    a = given(i, "a", torch.randn(3)).requires_grad_()
    b = given(i, "b", torch.randn(3)).requires_grad_()
    calls = []
    a.register_post_accumulate_grad_hook(lambda p: calls.append("a"))
    b.register_post_accumulate_grad_hook(lambda p: calls.append("b"))
    (a.exp() * 2 + b).sum().backward()
    return {"calls": calls}


@scenario
def post_hook_removed_and_not_for_grad(i):
    w = given(i, "w", torch.randn(3)).requires_grad_()
    calls = []
    w.register_post_accumulate_grad_hook(lambda p: calls.append("kept"))
    h = w.register_post_accumulate_grad_hook(lambda p: calls.append("removed"))
    h.remove()
    torch.autograd.grad((w * w).sum(), w)
    (w * w).sum().backward()
    return {"calls": calls}


@scenario
def post_hook_only_for_backward_inputs(i):
    a = given(i, "a", torch.randn(3)).requires_grad_()
    b = given(i, "b", torch.randn(3)).requires_grad_()
    calls = []
    a.register_post_accumulate_grad_hook(lambda p: calls.append("a"))
    b.register_post_accumulate_grad_hook(lambda p: calls.append("b"))
    (a * b).sum().backward(inputs=[a])
    return {"calls": calls, "a_grad": a.grad, "b_grad_is_none": b.grad is None}


@scenario
def post_hook_on_non_leaf(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    (x * 2).register_post_accumulate_grad_hook(lambda p: None)
    return {}


@scenario
def post_hook_without_grad(i):
    given(i, "x", torch.randn(3)).register_post_accumulate_grad_hook(lambda p: None)
    return {}


@scenario
def post_hook_returns_a_tensor(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    x.register_post_accumulate_grad_hook(lambda p: p.grad * 2)
    (x * x).sum().backward()
    return {}


def logging_hooks(log, tag=""):
    """pack and unpack hooks that note each call (with the saved tensor's shape) and change nothing."""
    def pack(t):
        log.append(f"{tag}pack {'x'.join(map(str, t.shape))}")
        return t

    def unpack(t):
        log.append(f"{tag}unpack {'x'.join(map(str, t.shape))}")
        return t
    return pack, unpack


@scenario
def saved_hooks_order(i):
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    w = given(i, "w", torch.randn(3)).requires_grad_()
    log = []
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log)):
        y = (x * w).sin().sum()
        log.append("forward done")
    y.backward()
    return {"log": log, "x_grad": x.grad, "w_grad": w.grad}


@scenario
def saved_hooks_unpacked_values_are_used(i):
    # pack doubles what it keeps: the derivative reads the doubled tensors
    x = given(i, "x", torch.randn(3)).requires_grad_()
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t * 2, lambda t: t):
        y = (x * x).sin().sum()
    y.backward()
    return {"x_grad": x.grad}


@scenario
def saved_hooks_saved_output(i):
    # exp saves its result: pack sees it once
    x = given(i, "x", torch.randn(3)).requires_grad_()
    log = []
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log)):
        y = x.exp().sum()
    y.backward()
    return {"log": log, "x_grad": x.grad}


@scenario
def saved_hooks_retain_graph_unpacks_again(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    log = []
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log)):
        y = x.sin().sum()
    y.backward(retain_graph=True)
    y.backward()
    return {"log": log, "x_grad": x.grad}


@scenario
def saved_hooks_innermost_apply(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    log = []
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log, "outer ")):
        a = x.sin()
        with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log, "inner ")):
            b = a.cos()
        c = b.tan()
    c.sum().backward()
    return {"log": log, "x_grad": x.grad}


@scenario
def saved_hooks_no_version_check(i):
    # through hooks PyTorch checks no version: the derivative reads h as it is now
    x = given(i, "x", torch.randn(3)).requires_grad_()
    h = x * 1
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        y = h.sin().sum()
    with torch.no_grad():
        h.add_(1)
    y.backward()
    return {"x_grad": x.grad}


@scenario
def saved_hooks_function_saves(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    log = []
    with torch.autograd.graph.saved_tensors_hooks(*logging_hooks(log)):
        y = LegendrePolynomial3.apply(x).sum()
    y.backward()
    return {"log": log, "x_grad": x.grad}


@scenario
def saved_hooks_backward_twice(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        y = x.sin().sum()
    y.backward()
    y.backward()
    return {}


@scenario
def saved_hooks_unpack_not_a_tensor(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    with torch.autograd.graph.saved_tensors_hooks(lambda t: 5, lambda p: p):
        y = x.sin().sum()
    y.backward()
    return {}


if __name__ == "__main__":
    scenario.write()
