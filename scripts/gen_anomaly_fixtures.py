#!/usr/bin/python3
"""
gen_anomaly_fixtures.py -- PyTorch's anomaly detection (torch.autograd.detect_anomaly,
set_detect_anomaly): the error naming the node whose backward returned NaN, and which output;
check_nan=False; the mode's flags; a wrong argument; a torch.autograd.Function's node.

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_anomaly_fixtures.py

Output: test/fixtures/anomaly.json = { "generator", "torch", "scenarios": { NAME: RESULT },
"warning" }, read by test/anomaly.test.ts, which runs the same program under each NAME on both
devices (scripts/scenarios.py describes RESULT); "warning" is detect_anomaly's UserWarning.
"""

import os
import sys
import warnings

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

scenario = Scenarios("scripts/gen_anomaly_fixtures.py", "anomaly.json")
warnings.simplefilter("ignore")  # detect_anomaly's warnings: the entry one is recorded below


class Halve(torch.autograd.Function):
    """Its backward divides by the input: NaN where the input is 0."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 0.5

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * x / x * 0.5


@scenario
def div_nan(i):
    # x / x at 0: the gradient for self is inf, for other NaN: the node's output 1
    x = given(i, "x", torch.tensor([0.0, 1.0])).requires_grad_()
    with torch.autograd.detect_anomaly():
        (x / x).sum().backward()
    return {}


@scenario
def sqrt_times_zero(i):
    x = given(i, "x", torch.tensor([0.0, 4.0])).requires_grad_()
    with torch.autograd.detect_anomaly():
        torch.autograd.grad((x.sqrt() * 0).sum(), [x])
    return {}


@scenario
def function_node(i):
    x = given(i, "x", torch.tensor([0.0, 2.0])).requires_grad_()
    with torch.autograd.detect_anomaly():
        Halve.apply(x).sum().backward()
    return {}


@scenario
def check_nan_false(i):
    x = given(i, "x", torch.tensor([0.0, 1.0])).requires_grad_()
    with torch.autograd.detect_anomaly(check_nan=False):
        (g,) = torch.autograd.grad((x / x).sum(), [x])
        flags = [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()]
    return {"g": g, "flags": flags, "after": [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()]}


@scenario
def off_by_default(i):
    x = given(i, "x", torch.tensor([0.0, 1.0])).requires_grad_()
    (g,) = torch.autograd.grad((x / x).sum(), [x])
    return {"g": g, "enabled": torch.is_anomaly_enabled()}


@scenario
def set_globally(i):
    x = given(i, "x", torch.tensor([0.0, 1.0])).requires_grad_()
    torch.autograd.set_detect_anomaly(True)
    try:
        (x / x).sum().backward()
    finally:
        torch.autograd.set_detect_anomaly(False)
    return {}


@scenario
def not_a_bool(i):
    torch.autograd.set_detect_anomaly("yes")
    return {}


def entry_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with torch.autograd.detect_anomaly():
            pass
    return str(caught[0].message)


if __name__ == "__main__":
    scenario.write(warning=entry_warning())
