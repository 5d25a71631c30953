#!/usr/bin/python3
"""
gen_inplace_view_fixtures.py -- in-place ops applied to a view of a tensor that requires grad
(`x = a.clone(); F.hardtanh_(x[0])`): the values written through to the base, the nodes
(AsStridedBackward0 over CopySlices), the gradient of the base (first and second order), and
PyTorch's errors. The ops are every in-place form whose derivative reads the input it
overwrote (PyTorch saves a clone of it, its original self) or its result.

HOW TO RUN
    /usr/bin/python3 scripts/gen_inplace_view_fixtures.py

Output: test/fixtures/inplace_view.json (scripts/scenarios.py's format), read by
test/inplace-view.test.ts, which runs the program of each NAME ("op/view", "op/view/create_graph")
on both devices. Each scenario seeds torch's generator from its own name.
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

scenario = Scenarios("scripts/gen_inplace_view_fixtures.py", "inplace_view.json")

# name -> the in-place op on view v (c: a given constant tensor of v's shape, in (0.5, 1.5))
OPS = {
    "hardtanh_": lambda v, c: F.hardtanh_(v, -0.5, 0.8),
    "threshold_": lambda v, c: F.threshold_(v, 0.1, 20.0),
    "relu_": lambda v, c: F.relu_(v),
    "relu6": lambda v, c: F.relu6(v, inplace=True),
    "leaky_relu_": lambda v, c: F.leaky_relu_(v, 0.2),
    "rrelu_": lambda v, c: F.rrelu_(v, 0.25, 0.25, training=True),
    "elu_": lambda v, c: F.elu_(v),
    "celu_": lambda v, c: F.celu_(v, 1.5),
    "selu_": lambda v, c: F.selu_(v),
    "hardsigmoid": lambda v, c: F.hardsigmoid(v, inplace=True),
    "hardswish": lambda v, c: F.hardswish(v, inplace=True),
    "silu": lambda v, c: F.silu(v, inplace=True),
    "mish": lambda v, c: F.mish(v, inplace=True),
    "clamp_": lambda v, c: v.clamp_(-0.5, 0.5),
    "clamp_min_": lambda v, c: v.clamp_min_(0.1),
    "clamp_max_": lambda v, c: v.clamp_max_(0.1),
    "pow_": lambda v, c: v.pow_(2),
    "abs_": lambda v, c: v.abs_(),
    "sin_": lambda v, c: v.sin_(),
    "erf_": lambda v, c: v.erf_(),
    "exp_": lambda v, c: v.exp_(),
    "tanh_": lambda v, c: v.tanh_(),
    "sigmoid_": lambda v, c: v.sigmoid_(),
    "div_": lambda v, c: v.div_(c),
    "mul_": lambda v, c: v.mul_(c),
    "lerp_": lambda v, c: v.lerp_(c, 0.3),
    "addcmul_": lambda v, c: v.addcmul_(v.detach() * 0 + c, c),
}

VIEWS = {
    "select": lambda x: x[0],
    "narrow": lambda x: x.narrow(1, 1, 2),
    "step slice": lambda x: x[:, ::2],
    "t": lambda x: x.t(),
    "diagonal": lambda x: x.diagonal(),
}


def base_inputs(i):
    a = given(i, "a", torch.randn(3, 4)).requires_grad_()
    w = given(i, "w", torch.randn(3, 4))
    return a, w


def first_order(op, view):
    def program(i):
        a, w = base_inputs(i)
        x = a.clone()
        v = view(x)
        c = given(i, "c", torch.rand(v.shape) + 0.5)
        r = OPS[op](v, c)
        out = {"x": x, "v": v, "same": r is v, "version": x._version,
               "v_grad_fn": v.grad_fn.name(), "x_grad_fn": x.grad_fn.name()}
        (x * w).sum().backward()
        out["a_grad"] = a.grad
        return out
    return program


def create_graph(op, view):
    def program(i):
        a, w = base_inputs(i)
        u = given(i, "u", torch.randn(3, 4))
        x = a.clone()
        v = view(x)
        c = given(i, "c", torch.rand(v.shape) + 0.5)
        OPS[op](v, c)
        (g,) = torch.autograd.grad((x * x * w).sum(), a, create_graph=True)
        (gg,) = torch.autograd.grad((g * u).sum(), a)
        return {"g": g, "gg": gg}
    return program


for op_name in OPS:
    for view_name in VIEWS:
        fn = first_order(op_name, VIEWS[view_name])
        fn.__name__ = f"{op_name}/{view_name}"
        scenario(fn)
    if op_name == "hardsigmoid":
        continue  # PyTorch cannot differentiate hardsigmoid_backward (wasmgrad can: test/higher-order.test.ts)
    fn = create_graph(op_name, VIEWS["narrow"])
    fn.__name__ = f"{op_name}/narrow/create_graph"
    scenario(fn)


@scenario
def mul_by_own_detached_view(i):
    a, w = base_inputs(i)
    x = a.clone()
    v = x[0]
    v.mul_(v.detach())
    (x * w).sum().backward()
    return {}


@scenario
def leaky_relu_negative_slope_on_view(i):
    a, w = base_inputs(i)
    x = a.clone()
    F.leaky_relu_(x[0], -0.2)
    (x * w).sum().backward()
    return {}


@scenario
def hardtanh_on_view_of_leaf(i):
    a, w = base_inputs(i)
    F.hardtanh_(a[0])
    return {}


@scenario
def two_writes_through_one_view(i):
    a, w = base_inputs(i)
    x = a.clone()
    v = x.narrow(1, 1, 2)
    F.hardtanh_(v, -0.5, 0.8)
    v.clamp_(-0.3, 0.6)
    (x * w).sum().backward()
    return {"x": x, "a_grad": a.grad}


scenario.write()
