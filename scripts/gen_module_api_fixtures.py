#!/usr/bin/python3
"""
gen_module_api_fixtures.py -- torch.nn.Module's API in real PyTorch: traversal (named_modules,
named_children, named_parameters with remove_duplicate), get_submodule / get_parameter /
get_buffer, registration and its errors, train / eval / apply / requires_grad_, state_dict
(prefix, keep_vars, persistent and non-persistent buffers) and load_state_dict (strict, the
missing / unexpected keys, size mismatches, PyTorch's messages), the containers (Sequential,
ModuleList, ModuleDict, ParameterList, ParameterDict) with their errors, reprs, forward hooks
(pre-hooks that replace the arguments, hooks that replace the output, prepend, remove, global
hooks) and full backward hooks (grad_input replaced, no input requiring grad, the pre-hook). Then safetensors: a small model's state dict written by the safetensors package (when
importable; else by this script's own writer, which follows the format and is checked against
the package whenever both are there), the model's outputs, a mixed-dtype file, and malformed
files with the package's messages.

HOW TO RUN
    /usr/bin/python3 scripts/gen_module_api_fixtures.py
    (for the safetensors package: pip install --target DIR safetensors, then PYTHONPATH=DIR)

Output: test/fixtures/module_api.json (scripts/scenarios.py's format), test/fixtures/safetensors.json, test/fixtures/module_api.safetensors and test/fixtures/module_api_mixed.safetensors,
read by test/module-api.test.ts and test/safetensors.test.ts, which run the same programs on both
devices. PyTorch 2 behaviour that 1.13 lacks (ModuleList's folded repr, hooks' prepend,
named_parameters' remove_duplicate, the full backward pre-hook) comes from scripts/pytorch2_compat.py.
"""

import base64
import json
import os
import struct
import sys
from collections import OrderedDict

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402
import pytorch2_compat as compat  # noqa: E402
from scenarios import Scenarios, given  # noqa: E402

try:
    import safetensors
    import safetensors.torch as st
except ImportError:  # the fallback writer below follows the format
    safetensors = st = None

scenario = Scenarios("scripts/gen_module_api_fixtures.py", "module_api.json")


def err(fn):
    """'Type: message' of what fn raises (None if nothing): several errors in one scenario."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 (the error is the fixture)
        return f"{type(e).__name__}: {e}"
    return None


def names(pairs):
    return [n for n, _ in pairs]


class Block(nn.Module):
    """A custom module: two children, a persistent and a non-persistent buffer, an extra_repr."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.norm = nn.BatchNorm1d(4)
        self.register_buffer("scale", torch.full((4,), 2.0))
        self.register_buffer("cache", torch.zeros(2), persistent=False)

    def extra_repr(self):
        return "hidden=4"

    def forward(self, x):
        return self.norm(self.fc(x)) * self.scale


# ---- traversal -----------------------------------------------------------------------------

@scenario
def traversal_shared_modules(i):
    shared = nn.Linear(2, 2)
    model = nn.Sequential(shared, nn.ReLU(), shared, nn.Sequential(nn.Tanh(), shared))
    return {
        "named_modules": names(model.named_modules()),
        "named_modules_all": names(model.named_modules(remove_duplicate=False)),
        "named_modules_prefix": names(model.named_modules(prefix="net")),
        "named_children": names(model.named_children()),
        "children": len(list(model.children())),
        "modules": len(list(model.modules())),
        "named_parameters": names(model.named_parameters()),
        "named_parameters_all": names(compat.named_parameters(model, remove_duplicate=False)),
        "named_parameters_prefix": names(model.named_parameters(prefix="net")),
        "own_parameters": len(list(model.parameters(recurse=False))),
        "nested_own": names(model[3].named_parameters(recurse=False)),
    }


@scenario
def custom_module_members(i):
    b = Block()
    return {
        "repr": repr(b),
        "named_parameters": names(b.named_parameters()),
        "named_buffers": names(b.named_buffers()),
        "state_dict": list(b.state_dict().keys()),
        "buffers": len(list(b.buffers(recurse=False))),
        "get_submodule": repr(b.get_submodule("norm")),
        "get_parameter": b.get_parameter("fc.bias"),
        "get_buffer": b.get_buffer("norm.running_var"),
        "root": b.get_submodule("") is b,
        "errors": [
            err(lambda: b.get_submodule("fc.weight")),
            err(lambda: b.get_submodule("nope")),
            err(lambda: b.get_submodule("fc.nope")),
            err(lambda: b.get_parameter("norm.running_mean")),
            err(lambda: b.get_parameter("fc.nope")),
            err(lambda: b.get_buffer("fc.weight")),
            err(lambda: b.get_buffer("nope.x")),
        ],
    }


@scenario
def registration_errors(i):
    m = nn.Linear(2, 2)
    p = nn.Parameter(torch.ones(1))
    return {"errors": [
        err(lambda: m.register_parameter("a.b", p)),
        err(lambda: m.register_parameter("", p)),
        err(lambda: m.register_parameter(5, p)),
        err(lambda: m.register_parameter("w2", torch.ones(1))),
        err(lambda: m.register_parameter("forward", p)),
        err(lambda: m.register_buffer("a.b", torch.ones(1))),
        err(lambda: m.register_buffer("", torch.ones(1))),
        err(lambda: m.register_buffer("buf", 3)),
        err(lambda: m.register_buffer("weight", torch.ones(1))),
        err(lambda: m.add_module("sub", 3)),
        err(lambda: m.add_module("sub", torch.ones(1))),
        err(lambda: m.add_module("a.b", nn.ReLU())),
        err(lambda: m.add_module("", nn.ReLU())),
        err(lambda: m.add_module("bias", nn.ReLU())),
        err(lambda: m.register_module("training", nn.ReLU())),
        err(lambda: m.train("yes")),
    ], "reregister": [
        err(lambda: m.register_parameter("weight", nn.Parameter(torch.zeros(2, 2)))),
        err(lambda: m.add_module("sub", nn.ReLU())),
        err(lambda: m.add_module("sub", nn.Tanh())),
        err(lambda: m.register_parameter("bias", None)),
    ], "after": names(m.named_parameters()) + names(m.named_children()), "repr": repr(m)}


class Assigned(nn.Module):
    """Registers by attribute assignment only, as most PyTorch code does."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.w = nn.Parameter(torch.ones(4))
        self.act = nn.ReLU()
        self.note = "plain"
        self.register_buffer("scale", torch.full((4,), 2.0))
        self.fc2 = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)) * self.scale + self.w)


def members(m):
    return {"parameters": names(m.named_parameters()), "buffers": names(m.named_buffers()),
            "children": names(m.named_children()), "state_dict": list(m.state_dict().keys()), "repr": repr(m)}


@scenario
def attribute_assignment_registers(i):
    net = Assigned()
    x = torch.randn(2, 3)
    calls = []
    net.register_forward_hook(lambda mod, args, out: calls.append(type(mod).__name__))
    out = net(x)
    out.sum().backward()
    return {**members(net), "out": out, "fc1_grad": net.fc1.weight.grad, "hooks": calls,
            "same_child": net.fc1 is net.get_submodule("fc1"), "note": net.note}


@scenario
def attribute_reassignment(i):
    net = Assigned()
    net.act = None
    after_none = members(net)
    net.fc1 = nn.Linear(3, 4, bias=False)
    net.scale = torch.zeros(4)
    net.w = None
    net.fc2 = nn.Parameter(torch.ones(1))
    net.extra = nn.Tanh()
    after = members(net)
    del net.fc1
    del net.w
    net.note = nn.Identity()
    return {"after_none": after_none, "after": after, "after_del": members(net),
            "scale": net.state_dict()["scale"], "fc2": net.fc2}


@scenario
def attribute_assignment_errors(i):
    net = Assigned()
    net.act = None
    errors = [
        err(lambda: setattr(net, "w", torch.ones(4))),
        err(lambda: setattr(net, "w", 3)),
        err(lambda: setattr(net, "act", 3)),
        err(lambda: setattr(net, "fc1", torch.ones(1))),
        err(lambda: setattr(net, "scale", "x")),
        err(lambda: setattr(net, "scale", 2.5)),
        err(lambda: net.register_parameter("note", nn.Parameter(torch.ones(1)))),
        err(lambda: net.register_buffer("fc1", torch.ones(1))),
    ]
    out = net.fc2(torch.ones(1, 4))
    return {"errors": errors, **members(net), "out": out}


@scenario
def batch_norm_cumulative_average(i):
    """momentum=None: running statistics are the plain average over the batches seen so far."""
    bn = nn.BatchNorm1d(3, momentum=None)
    inorm = nn.InstanceNorm1d(3, momentum=None, track_running_stats=True)
    inorm_repr = repr(inorm)
    inorm.momentum = 0.0  # PyTorch 2 passes 0.0 for None (1.13's forward raises a TypeError)
    for _ in range(3):
        x = torch.randn(4, 3) * 2 + 1
        bn(x)
        inorm(x.unsqueeze(0).transpose(1, 2))
    bn.eval()
    return {"repr": repr(bn), "inorm_repr": inorm_repr, "running_mean": bn.running_mean, "running_var": bn.running_var,
            "num_batches_tracked": bn.num_batches_tracked.item(), "eval_out": bn(torch.ones(2, 3)),
            "inorm_running_mean": inorm.running_mean, "inorm_running_var": inorm.running_var}


@scenario
def train_eval_apply_requires_grad(i):
    model = nn.Sequential(nn.Linear(2, 3), nn.Sequential(nn.Dropout(), nn.Linear(3, 1)))
    model.eval()
    after_eval = [m.training for m in model.modules()]
    model[1].train()
    mixed = [m.training for m in model.modules()]
    visited = []
    model.apply(lambda m: visited.append(type(m).__name__))
    model.requires_grad_(False)
    frozen = [p.requires_grad for p in model.parameters()]
    model[1].requires_grad_()
    return {"after_eval": after_eval, "mixed": mixed, "visited": visited, "frozen": frozen,
            "partly": [p.requires_grad for p in model.parameters()], "returns_self": model.train() is model}


# ---- state_dict / load_state_dict -----------------------------------------------------------

@scenario
def state_dict_keys_values(i):
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2))
    model.register_buffer("steps", torch.tensor([3.0]))
    model.register_buffer("tmp", torch.ones(2), persistent=False)
    model(given(i, "x", torch.randn(5, 3)))  # moves BatchNorm's running statistics
    sd = model.state_dict()
    kept = model.state_dict(keep_vars=True)
    return {
        "keys": list(sd.keys()),
        "values": list(sd.values()),
        "prefixed": list(model.state_dict(prefix="model.").keys()),
        "requires_grad": [t.requires_grad for t in sd.values()],
        "keep_vars_requires_grad": [t.requires_grad for t in kept.values()],
        "keep_vars_is_param": [kept["0.weight"] is model[0].weight, sd["0.weight"] is model[0].weight],
    }


def two_models():
    a = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    a(torch.randn(6, 3))
    b = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    return a, b


@scenario
def load_state_dict_round_trip(i):
    a, b = two_models()
    w = b[0].weight
    result = b.load_state_dict(a.state_dict())
    x = given(i, "x", torch.randn(2, 3))
    a.eval()
    b.eval()
    return {"result": str(result), "missing": result.missing_keys, "unexpected": result.unexpected_keys,
            "output": b(x), "same_parameter": b[0].weight is w, "requires_grad": w.requires_grad,
            "is_leaf": w.is_leaf, "buffers": list(b.buffers())}


@scenario
def load_state_dict_strict_error(i):
    a, b = two_models()
    sd = a.state_dict()
    del sd["0.bias"]
    del sd["1.running_var"]
    sd["extra"] = torch.ones(1)
    sd["3.extra"] = torch.ones(1)
    b.load_state_dict(sd)
    return {}


@scenario
def load_state_dict_not_strict(i):
    a, b = two_models()
    sd = a.state_dict()
    del sd["3.weight"]
    sd["head.weight"] = torch.ones(1)
    result = b.load_state_dict(sd, strict=False)
    return {"result": str(result), "missing": result.missing_keys, "unexpected": result.unexpected_keys,
            "loaded": b[0].weight, "kept": b[3].weight}


@scenario
def load_state_dict_size_mismatch(i):
    m = nn.Linear(3, 2)
    m.load_state_dict({"weight": torch.ones(2, 4), "bias": torch.ones(3)})
    return {}


@scenario
def load_state_dict_partial_on_error(i):
    # what matched is loaded before the error is raised
    m = nn.Linear(3, 2)
    bias = given(i, "bias", torch.randn(2))
    message = err(lambda: m.load_state_dict({"weight": torch.ones(5), "bias": bias}))
    return {"message": message, "weight": m.weight, "bias": m.bias}


@scenario
def load_state_dict_conversions(i):
    # a float64 checkpoint into float32 parameters; a 1-element 1-d tensor into a 0-d buffer
    m = nn.BatchNorm1d(3)
    sd = {k: v.double() if v.is_floating_point() else v for k, v in m.state_dict().items()}
    sd["weight"] = given(i, "w", torch.randn(3, dtype=torch.float64))
    sd["num_batches_tracked"] = torch.tensor([7])
    result = m.load_state_dict(sd)
    return {"result": str(result), "weight": m.weight, "dtype": str(m.weight.dtype), "num_batches_tracked": m.num_batches_tracked}


@scenario
def load_state_dict_bad_values(i):
    m = nn.Linear(2, 1)
    return {"errors": [
        err(lambda: m.load_state_dict({"weight": 3, "bias": torch.zeros(1)})),
        err(lambda: m.load_state_dict([1, 2])),
        err(lambda: m.load_state_dict({})),
    ]}


# ---- containers ------------------------------------------------------------------------------

@scenario
def sequential_indexing(i):
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 3), nn.Tanh())
    tail = model[1:]
    stepped = model[::2]
    model.append(nn.Sigmoid())
    model.insert(1, nn.Identity())
    model.insert(-1, nn.Flatten())
    model.extend([nn.ReLU(), nn.Identity()])
    popped = model.pop(2)
    del model[0]
    model[0] = nn.Softplus()
    named = nn.Sequential(OrderedDict([("fc", nn.Linear(2, 2)), ("act", nn.ReLU())]))
    return {
        "tail": repr(tail), "tail_keys": list(tail._modules.keys()), "stepped": repr(stepped),
        "last": repr(model[-1]), "len": len(model), "popped": repr(popped), "repr": repr(model),
        "iterated": [type(m).__name__ for m in model], "named": repr(named), "named_params": names(named.named_parameters()),
        "errors": [
            err(lambda: model[len(model)]), err(lambda: model[-len(model) - 1]), err(lambda: model[1.5]),
            err(lambda: model.insert(20, nn.ReLU())), err(lambda: model.insert(0, 3)),
            err(lambda: model.__setitem__(30, nn.ReLU())), err(lambda: model.__delitem__(-30)),
        ],
    }


@scenario
def sequential_forward_runs_hooks(i):
    model = nn.Sequential(nn.Linear(3, 2), nn.ReLU())
    model[0].register_forward_hook(lambda m, args, out: out * 10)
    x = given(i, "x", torch.randn(4, 3))
    return {"output": model(x), "forward": model.forward(x)}


@scenario
def module_list_ops(i):
    layers = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2)])
    layers.append(nn.ReLU())
    layers.extend([nn.Linear(2, 2), nn.Linear(2, 2), nn.Linear(2, 2)])
    folded = repr(layers)
    layers.insert(1, nn.Tanh())
    sliced = layers[1:4]
    popped = layers.pop(0)
    del layers[-1]
    layers[0] = nn.Sigmoid()
    errors = [
        err(lambda: layers[10]), err(lambda: layers[-10]), err(lambda: layers["0"]),
        err(lambda: layers.extend(5)), err(lambda: layers.extend(nn.ReLU())),
        err(lambda: layers.__setitem__(0, 3)), err(lambda: layers(torch.ones(1))),
    ]
    return {
        "folded": folded, "sliced": repr(sliced), "sliced_keys": list(sliced._modules.keys()), "popped": repr(popped),
        "repr": repr(layers), "len": len(layers), "last": repr(layers[-1]), "names": names(layers.named_parameters()),
        "iterated": [type(m).__name__ for m in layers], "errors": errors, "empty": repr(nn.ModuleList()),
    }


@scenario
def module_list_insert_negative(i):
    # PyTorch's ModuleList.insert does not wrap a negative index: it reads key '-1'
    layers = nn.ModuleList([nn.ReLU(), nn.Tanh()])
    layers.insert(-1, nn.Sigmoid())
    return {}


@scenario
def module_dict_ops(i):
    d = nn.ModuleDict({"b": nn.Linear(2, 2), "a": nn.ReLU()})
    d.update([("c", nn.Tanh()), ("b", nn.Linear(2, 3))])
    d["z"] = nn.Identity()
    popped = d.pop("a")
    del d["z"]
    return {
        "keys": list(d.keys()), "len": len(d), "has": ["c" in d, "a" in d], "popped": repr(popped), "repr": repr(d),
        "iterated": list(d), "values": [type(m).__name__ for m in d.values()], "names": names(d.named_parameters()),
        "errors": [
            err(lambda: d["missing"]), err(lambda: d.__delitem__("missing")), err(lambda: d.update(5)),
            err(lambda: d.update([5])), err(lambda: d.update([("x",)])), err(lambda: d.update([("x", 3)])),
        ],
        "cleared": (d.clear(), len(d))[1],
    }


@scenario
def parameter_list_ops(i):
    ps = nn.ParameterList([given(i, "a", torch.randn(2, 3)), nn.Parameter(torch.zeros(4), requires_grad=False)])
    ps.append(given(i, "b", torch.randn(1)))
    ps.extend([torch.ones(2, 2)])
    return {
        "repr": repr(ps), "len": len(ps), "names": names(ps.named_parameters()),
        "first": ps[0], "last": ps[-1], "sliced": repr(ps[1:3]),
        "requires_grad": [p.requires_grad for p in ps], "is_parameter": [isinstance(p, nn.Parameter) for p in ps],
        "errors": [err(lambda: ps[4]), err(lambda: ps.extend(torch.ones(2))), err(lambda: ps.extend(3)), err(lambda: ps(torch.ones(1)))],
        "module_repr": repr(nn.Sequential(nn.Linear(1, 1), nn.ParameterList([torch.ones(3)]))),
    }


@scenario
def parameter_dict_ops(i):
    pd = nn.ParameterDict({"w": given(i, "w", torch.randn(3)), "b": torch.zeros(2, 2)})
    ordered = nn.ParameterDict(OrderedDict([("w", torch.ones(1)), ("b", torch.ones(1))]))
    pd.update([("c", torch.ones(1))])
    pd["d"] = nn.Parameter(torch.ones(2), requires_grad=False)
    popped = pd.pop("b")
    return {
        "keys": list(pd.keys()), "ordered_keys": list(ordered.keys()), "len": len(pd), "has": ["c" in pd, "b" in pd],
        "w": pd["w"], "popped": popped, "repr": repr(pd), "names": names(pd.named_parameters()),
        "requires_grad": [p.requires_grad for p in pd.values()],
        "errors": [err(lambda: pd["zz"]), err(lambda: pd.__delitem__("zz")), err(lambda: pd.update(3)),
                   err(lambda: pd.update([("x", 1, 2)])), err(lambda: pd(torch.ones(1)))],
    }


# ---- forward hooks ---------------------------------------------------------------------------

@scenario
def forward_pre_hooks_replace_args(i):
    m = nn.Linear(3, 2)
    log = []
    m.register_forward_pre_hook(lambda mod, args: (log.append(f"pre1 {len(args)} {type(mod).__name__}"), args[0] * 2)[1])
    m.register_forward_pre_hook(lambda mod, args: (log.append("pre2"), (args[0] + 1,))[1])
    m.register_forward_pre_hook(lambda mod, args: log.append("pre3 looks"))
    x = given(i, "x", torch.randn(2, 3))
    return {"output": m(x), "log": log, "forward_skips_hooks": m.forward(x)}


@scenario
def forward_hooks_replace_output_in_order(i):
    m = nn.Linear(3, 2)
    log = []
    compat.register_forward_hook(m, lambda mod, args, out: log.append("a"))
    compat.register_forward_hook(m, lambda mod, args, out: (log.append("b"), out.relu())[1])
    compat.register_forward_hook(m, lambda mod, args, out: log.append("c first"), prepend=True)
    compat.register_forward_pre_hook(m, lambda mod, args: log.append("pre b"))
    compat.register_forward_pre_hook(m, lambda mod, args: log.append("pre a first"), prepend=True)
    compat.register_forward_hook(m, lambda mod, args, out: (log.append(f"d sees {args[0].shape[0]} rows"), out + 1)[1])
    x = given(i, "x", torch.randn(4, 3))
    return {"output": m(x), "log": log}


@scenario
def hook_handles_remove(i):
    m = nn.Linear(2, 2)
    h1 = m.register_forward_hook(lambda mod, args, out: out * 0)
    h2 = m.register_forward_pre_hook(lambda mod, args: args[0] * 3)
    x = given(i, "x", torch.randn(1, 2))
    both = m(x)
    h1.remove()
    pre_only = m(x)
    h2.remove()
    h2.remove()  # a second remove does nothing
    return {"both": both, "pre_only": pre_only, "none": m(x)}


@scenario
def global_hooks_run_first(i):
    from torch.nn.modules.module import register_module_forward_hook, register_module_forward_pre_hook
    model = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
    log = []
    model[0].register_forward_hook(lambda mod, args, out: log.append("own hook " + type(mod).__name__))
    compat.register_forward_pre_hook(model[0], lambda mod, args: log.append("own pre " + type(mod).__name__), prepend=True)
    g1 = register_module_forward_pre_hook(lambda mod, args: log.append("global pre " + type(mod).__name__))
    g2 = register_module_forward_hook(lambda mod, args, out: log.append("global hook " + type(mod).__name__))
    try:
        model(given(i, "x", torch.randn(1, 2)))
    finally:
        g1.remove()
        g2.remove()
    model(torch.ones(1, 2))
    return {"log": log}


# ---- full backward hooks ----------------------------------------------------------------------

def shapes(gs):
    return ",".join("None" if g is None else "x".join(map(str, g.shape)) for g in gs)


@scenario
def full_backward_hook_replaces_grad_input(i):
    m = nn.Linear(3, 2)
    seen, captured = [], {}

    def double(mod, gin, gout):
        seen.append(f"{type(mod).__name__} {shapes(gin)} {shapes(gout)}")
        return (gin[0] * 2,)
    m.register_full_backward_hook(double)
    m.register_full_backward_hook(lambda mod, gin, gout: captured.update(gin=gin[0], gout=gout[0]))
    x = given(i, "x", torch.randn(4, 3)).requires_grad_()
    y = m(x)
    y.backward(given(i, "up", torch.randn(4, 2)))
    return {"x_grad": x.grad, "w_grad": m.weight.grad, "seen": seen, "gin": captured["gin"], "gout": captured["gout"],
            "grad_fn": y.grad_fn.name()}


@scenario
def full_backward_hooks_in_a_sequential(i):
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    log = []
    for k, child in enumerate(model):
        child.register_full_backward_hook(lambda mod, gin, gout, k=k: log.append(f"{k} {type(mod).__name__} {shapes(gin)} {shapes(gout)}"))
    model.register_full_backward_hook(lambda mod, gin, gout: log.append(f"all {shapes(gin)} {shapes(gout)}"))
    x = given(i, "x", torch.randn(5, 3))  # the data does not require grad: the first layer's grad_input is None
    model(x).sum().backward()
    return {"log": log, "w_grad": model[0].weight.grad}


@scenario
def full_backward_pre_hook_replaces_grad_output(i):
    m = nn.Linear(2, 2)
    captured = {}
    m.register_full_backward_hook(lambda mod, gin, gout: captured.update(gout=gout[0]))
    x = given(i, "x", torch.randn(3, 2)).requires_grad_()
    compat.call_with_full_backward_pre_hook(m, lambda mod, gout: (gout[0] * 0.5,), x).sum().backward()
    return {"x_grad": x.grad, "b_grad": m.bias.grad, "gout": captured["gout"]}


@scenario
def full_backward_hook_removed(i):
    m = nn.Linear(2, 2)
    h = m.register_full_backward_hook(lambda mod, gin, gout: (gin[0] * 100,))
    h.remove()
    x = given(i, "x", torch.randn(3, 2)).requires_grad_()
    y = m(x)
    y.sum().backward()
    return {"x_grad": x.grad, "grad_fn": y.grad_fn.name()}


@scenario
def full_backward_hook_wrong_count(i):
    m = nn.Linear(2, 2)
    m.register_full_backward_hook(lambda mod, gin, gout: (gin[0], gin[0]))
    x = given(i, "x", torch.randn(3, 2)).requires_grad_()
    m(x).sum().backward()
    return {}


# ---- safetensors -----------------------------------------------------------------------------

ST_CODES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.int32: "I32", torch.bool: "BOOL"}
ST_ORDER = ["BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]
ST_FORMATS = {"F32": "<f", "F64": "<d", "I64": "<q", "I32": "<i", "BOOL": "<?"}


def st_save(tensors):
    """The safetensors bytes of tensors, written after the format's spec: descending dtype alignment then
    name, compact JSON padded with spaces to 8 bytes, raw little-endian data."""
    items = sorted(tensors.items(), key=lambda kv: (-ST_ORDER.index(ST_CODES[kv[1].dtype]), kv[0]))
    header, data, offset = [], b"", 0
    for name, t in items:
        raw = b"".join(struct.pack(ST_FORMATS[ST_CODES[t.dtype]], v) for v in t.flatten().tolist())
        header.append(json.dumps(name) + ":" + json.dumps(
            {"dtype": ST_CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}, separators=(",", ":")))
        data += raw
        offset += len(raw)
    text = ("{" + ",".join(header) + "}").encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data


def save_bytes(tensors):
    mine = st_save(tensors)
    if st is not None:
        theirs = st.save(tensors)
        assert theirs == mine, "the fallback writer disagrees with the safetensors package"
        return theirs
    return mine


def header_json(b):
    n = struct.unpack("<Q", b[:8])[0]
    return b[8:8 + n].decode()


def malformed(good):
    def hdr(h, data=b""):
        j = json.dumps(h, separators=(",", ":")).encode()
        return struct.pack("<Q", len(j)) + j + data
    return {
        "empty": b"",
        "short": good[:5],
        "truncated header": good[:20],
        "truncated data": good[:-3],
        "trailing bytes": good + b"\0" * 8,
        "header too large": struct.pack("<Q", 10 ** 12) + b"{}",
        "not JSON": struct.pack("<Q", 3) + b"abc",
        "not UTF-8": struct.pack("<Q", 2) + b"\xff\xfe",
        "not an object": hdr([1, 2]),
        "unknown dtype": hdr({"w": {"dtype": "F33", "shape": [1], "data_offsets": [0, 4]}}, b"\0" * 4),
        "missing offsets": hdr({"w": {"dtype": "F32", "shape": [1]}}, b"\0" * 4),
        "negative size": hdr({"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}, b"\0" * 4),
        "offsets beyond the file": hdr({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}, b"\0" * 4),
        "offsets with a gap": hdr({"w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, b"\0" * 8),
        "shape and offsets disagree": hdr({"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}, b"\0" * 8),
        "a 10^20-element shape": hdr({"w": {"dtype": "F32", "shape": [10 ** 10, 10 ** 10], "data_offsets": [0, 8]}}, b"\0" * 8),
        "metadata not strings": hdr({"__metadata__": {"a": 1}}),
    }


def safetensors_section():
    fixtures = base.OUT_DIR
    with base.seeded("safetensors model"):
        model = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 3))
        model(torch.randn(8, 4))
        model(torch.randn(8, 4))  # running statistics and num_batches_tracked = 2
        model.eval()
        x = torch.randn(5, 4)
        out = model(x).detach()
    sd = model.state_dict()
    model_bytes = save_bytes(sd)
    with open(os.path.join(fixtures, "module_api.safetensors"), "wb") as fh:
        fh.write(model_bytes)
    # PyTorch's side of the round trip: the file loads back into a fresh model and gives the same output
    check = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 3)).eval()
    loaded = st.load(model_bytes) if st is not None else sd
    check.load_state_dict(loaded)
    assert torch.equal(check(x), out)

    with base.seeded("safetensors mixed"):
        mixed = {
            "b.f32": torch.randn(2, 3), "a.f64": torch.randn(3, dtype=torch.float64), "10": torch.tensor([[1, -2], [3, 4]]),
            "2": torch.tensor([7, -8], dtype=torch.int32), "mask": torch.tensor([True, False, True]),
            "scalar": torch.tensor(1.5), "empty": torch.zeros(0, 3),
        }
    mixed_bytes = save_bytes(mixed)
    with open(os.path.join(fixtures, "module_api_mixed.safetensors"), "wb") as fh:
        fh.write(mixed_bytes)
    with_metadata = st.save({"w": torch.ones(1)}, metadata={"format": "pt", "note": "wasmgrad"}) if st is not None else None

    bad = {}
    for name, b in malformed(model_bytes).items():
        entry = {"bytes": base64.b64encode(b).decode()}
        if st is not None:
            try:
                st.load(b)
                entry["error"] = None
            except Exception as e:  # noqa: BLE001 (the error is the fixture)
                entry["error"] = {"type": type(e).__name__, "message": str(e)}
        bad[name] = entry
    return {
        "writer": f"safetensors {safetensors.__version__}" if st is not None else "scripts/gen_module_api_fixtures.py st_save",
        "model": {"keys": list(sd.keys()), "header": header_json(model_bytes), "state_dict": {k: base.enc_tensor(v) for k, v in sd.items()},
                  "input": base.enc_tensor(x), "output": base.enc_tensor(out)},
        "mixed": {"header": header_json(mixed_bytes), "tensors": {k: base.enc_tensor(v) for k, v in mixed.items()}},
        "metadata_file": base64.b64encode(with_metadata).decode() if with_metadata else None,
        "malformed": bad,
    }


if __name__ == "__main__":
    scenario.write()
    path = os.path.join(base.OUT_DIR, "safetensors.json")
    with open(path, "w") as fh:
        json.dump({"generator": "scripts/gen_module_api_fixtures.py", "torch": torch.__version__, **safetensors_section()},
                  fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {path}")
