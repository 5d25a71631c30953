#!/usr/bin/env python3
"""torch.optim's Optimizer API and torch.optim.lr_scheduler in real PyTorch: test/fixtures/optim.json,
read by test/optim-groups.test.ts and test/lr-scheduler.test.ts.

- "groups": the regression net of gen_fixtures.py's optim fixture (Linear(3,4) -> ReLU -> Linear(4,1),
  F.mse_loss) trained 10 steps by optimizers given parameter groups (each group its own options), in
  float32 and float64 (foreach=False, the single-tensor step the kernels follow), the learning rate of
  group 0 changed through param_groups after step 5; the parameters after every step, state_dict()
  after step 3 (its structure and state tensors) and the losses.
- "errors": what the Optimizer constructor, add_param_group and load_state_dict raise.
- "lbfgs": LBFGS on an extended Rosenbrock function and on the regression net, 6 steps of each option
  set in float32 and float64: each step's returned loss, the parameters, func_evals and n_iter after
  it, state_dict() after step 2 (its lists of tensors too).
  NAdam, RAdam, ASGD and LBFGS are PyTorch 2's (scripts/optim_torch2.py) where 1.13's differ.
- "schedulers": for each scheduler config, the lrs of every group (and the momentum or beta1 the
  cyclic schedulers set) after construction and after each of 30 steps, the state_dict (callables
  left out) after the last step; ReduceLROnPlateau steps with a metric sequence.
- "scheduler_errors": the constructors' and step's errors.

Lambdas are named by their Python source; the TS test maps each name to the same JS function.
Run with /usr/bin/python3 (the system interpreter has torch)."""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.optim import lr_scheduler as S  # noqa: E402

from gen_fixtures import enc_tensor, enc_value  # noqa: E402
import optim_torch2  # noqa: E402

# the optimizer classes by name, PyTorch 2's where 1.13's differ
OPTIMIZER = dict({n: getattr(torch.optim, n) for n in ("SGD", "Adam", "AdamW", "Adagrad", "RMSprop", "Adamax",
                                                       "Adadelta", "Rprop")},
                 NAdam=optim_torch2.NAdam, RAdam=optim_torch2.RAdam, ASGD=optim_torch2.ASGD, LBFGS=optim_torch2.LBFGS)

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "optim.json")



class _LinearLR2(S.LinearLR):
    """PyTorch 2's LinearLR refuses start_factor = 0 (1.13 accepted it, then divided by zero), with
    PyTorch 2's message."""

    def __init__(self, optimizer, start_factor=1.0 / 3, end_factor=1.0, total_iters=5, last_epoch=-1, verbose=False):
        if start_factor > 1.0 or start_factor <= 0:
            raise ValueError("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        super().__init__(optimizer, start_factor, end_factor, total_iters, last_epoch, verbose)


class _OneCycleLR2(S.OneCycleLR):
    """PyTorch 2's OneCycleLR counts the steps it refuses as last_epoch (1.13 printed last_epoch + 1)."""

    def get_lr(self):
        if self.last_epoch > self.total_steps:
            raise ValueError(f"Tried to step {self.last_epoch} times. The specified number of total steps is {self.total_steps}")
        return super().get_lr()


# the scheduler classes by name, PyTorch 2's where 1.13's differ (1.13's own methods look their class up
# in torch.optim.lr_scheduler's globals, so the module itself is left alone)
SCHEDULER = dict({n: getattr(S, n) for n in S.__all__ if hasattr(S, n)}, LinearLR=_LinearLR2, OneCycleLR=_OneCycleLR2)

LAMBDAS = {
    "lambda e: 0.95 ** e": lambda e: 0.95 ** e,
    "lambda e: 1 / (e + 1)": lambda e: 1 / (e + 1),
    "lambda e: 0.9": lambda e: 0.9,
    "lambda e: 1.05 if e < 10 else 0.8": lambda e: 1.05 if e < 10 else 0.8,
}


def seed_of(name):
    """Each case seeds from its own id."""
    return sum((i + 1) * ord(c) for i, c in enumerate(name)) % (2 ** 31)


# ----------------------------------------------------------------------------------------------
# Optimizers with parameter groups
# ----------------------------------------------------------------------------------------------

def net(seed, dtype):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1)).to(dtype)
    x = torch.randn(6, 3, dtype=dtype)
    y = torch.randn(6, 1, dtype=dtype)
    return model, x, y


def groups_of(model, spec):
    """spec: list of {"params": [indices into model.parameters()], **options}."""
    ps = list(model.parameters())
    return [dict({k: (tuple(v) if k in ("betas", "etas", "step_sizes") else v) for k, v in g.items() if k not in ("params", "add")},
                 params=[ps[i] for i in g["params"]]) for g in spec]


def enc_state_dict(sd):
    def enc(v):
        if torch.is_tensor(v):
            return float(v.item()) if v.dim() == 0 else {"tensor": enc_tensor(v)}
        if isinstance(v, (tuple, list)):
            return [enc(x) for x in v]
        return v
    return {"state": {str(k): {kk: enc(vv) for kk, vv in s.items()} for k, s in sd["state"].items()},
            "param_groups": [{k: enc(v) for k, v in g.items()} for g in sd["param_groups"]]}


GROUP_CASES = [
    ("SGD two groups", "SGD", [{"params": [0, 1]}, {"params": [2, 3], "lr": 0.02, "momentum": 0.5}],
     {"lr": 0.05, "momentum": 0.9}),
    ("SGD groups nesterov weight_decay maximize", "SGD",
     [{"params": [2, 3], "nesterov": True, "weight_decay": 0.01}, {"params": [0], "maximize": True, "momentum": 0},
      {"params": [1], "dampening": 0.3}], {"lr": 0.03, "momentum": 0.8}),
    ("Adam two groups", "Adam", [{"params": [0, 1], "betas": [0.8, 0.99]}, {"params": [2, 3], "lr": 0.05, "amsgrad": True}],
     {"lr": 0.01}),
    ("Adam groups weight_decay maximize eps", "Adam",
     [{"params": [3, 0], "weight_decay": 0.1, "eps": 1e-6}, {"params": [1, 2], "maximize": True}], {"lr": 0.02}),
]


# the optimizers beyond SGD and Adam: one group of every parameter, each option set
ALL = [0, 1, 2, 3]
GROUP_CASES += [
    ("AdamW default", "AdamW", [{"params": ALL}], {}),
    ("AdamW lr weight_decay betas", "AdamW", [{"params": ALL}], {"lr": 0.02, "weight_decay": 0.1, "betas": [0.8, 0.99]}),
    ("AdamW amsgrad maximize eps", "AdamW", [{"params": ALL}], {"lr": 0.01, "amsgrad": True, "maximize": True, "eps": 1e-6}),
    ("Adagrad default", "Adagrad", [{"params": ALL}], {}),
    ("Adagrad lr_decay weight_decay initial_accumulator_value eps", "Adagrad", [{"params": ALL}],
     {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.1, "initial_accumulator_value": 0.5, "eps": 1e-6}),
    ("Adagrad maximize groups", "Adagrad", [{"params": [0, 1], "maximize": True}, {"params": [2, 3], "lr": 0.05}], {"lr": 0.02}),
    ("RMSprop default", "RMSprop", [{"params": ALL}], {}),
    ("RMSprop centered", "RMSprop", [{"params": ALL}], {"lr": 0.005, "centered": True}),
    ("RMSprop momentum weight_decay alpha", "RMSprop", [{"params": ALL}],
     {"lr": 0.005, "momentum": 0.9, "weight_decay": 0.01, "alpha": 0.9}),
    ("RMSprop centered momentum maximize eps groups", "RMSprop",
     [{"params": [0, 1], "centered": True, "momentum": 0.5}, {"params": [2, 3], "maximize": True, "eps": 1e-6}], {"lr": 0.002}),
    ("AdamW groups", "AdamW", [{"params": [0, 1], "weight_decay": 0}, {"params": [2, 3], "lr": 0.05, "amsgrad": True}],
     {"lr": 0.01, "weight_decay": 0.5}),
]


# NAdam, RAdam, Adamax, Adadelta, ASGD and Rprop: each option set, groups too
GROUP_CASES += [
    ("NAdam default", "NAdam", [{"params": ALL}], {}),
    ("NAdam lr betas momentum_decay weight_decay", "NAdam", [{"params": ALL}],
     {"lr": 0.01, "betas": [0.8, 0.99], "momentum_decay": 0.01, "weight_decay": 0.1}),
    ("NAdam decoupled_weight_decay maximize eps", "NAdam", [{"params": ALL}],
     {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True, "maximize": True, "eps": 1e-6}),
    ("NAdam groups", "NAdam", [{"params": [0, 1], "decoupled_weight_decay": True, "weight_decay": 0.5},
                               {"params": [2, 3], "lr": 0.05, "maximize": True}], {"lr": 0.01}),
    ("RAdam default", "RAdam", [{"params": ALL}], {}),
    ("RAdam lr betas weight_decay", "RAdam", [{"params": ALL}], {"lr": 0.01, "betas": [0.8, 0.9], "weight_decay": 0.1}),
    ("RAdam decoupled_weight_decay maximize eps", "RAdam", [{"params": ALL}],
     {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True, "maximize": True, "eps": 1e-6}),
    ("RAdam groups", "RAdam", [{"params": [0, 1], "betas": [0.5, 0.6]}, {"params": [2, 3], "lr": 0.05, "maximize": True}],
     {"lr": 0.01}),
    ("Adamax default", "Adamax", [{"params": ALL}], {}),
    ("Adamax lr betas eps weight_decay", "Adamax", [{"params": ALL}],
     {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-3, "weight_decay": 0.1}),
    ("Adamax maximize groups", "Adamax", [{"params": [0, 1], "maximize": True}, {"params": [2, 3], "lr": 0.05}], {"lr": 0.01}),
    ("Adadelta default", "Adadelta", [{"params": ALL}], {}),
    ("Adadelta lr rho eps weight_decay", "Adadelta", [{"params": ALL}], {"lr": 0.5, "rho": 0.8, "eps": 1e-4, "weight_decay": 0.1}),
    ("Adadelta maximize groups", "Adadelta", [{"params": [0, 1], "maximize": True}, {"params": [2, 3], "lr": 2.0}], {"rho": 0.95}),
    ("ASGD default", "ASGD", [{"params": ALL}], {}),
    ("ASGD lambd alpha t0 weight_decay", "ASGD", [{"params": ALL}],
     {"lr": 0.05, "lambd": 0.01, "alpha": 0.5, "t0": 3.0, "weight_decay": 0.1}),
    ("ASGD maximize groups", "ASGD", [{"params": [0, 1], "t0": 2.0}, {"params": [2, 3], "maximize": True, "lr": 0.02}],
     {"lr": 0.01, "t0": 0.0, "lambd": 0.1}),
    ("Rprop default", "Rprop", [{"params": ALL}], {}),
    ("Rprop lr etas step_sizes", "Rprop", [{"params": ALL}], {"lr": 0.05, "etas": [0.3, 1.5], "step_sizes": [1e-3, 0.1]}),
    ("Rprop maximize groups", "Rprop", [{"params": [0, 1], "maximize": True}, {"params": [2, 3], "lr": 0.001, "etas": [0.4, 1.1]}],
     {"lr": 0.02}),
]


# foreach=True is accepted by every optimizer (PyTorch 2 has a multi-tensor step for each; wasmgrad
# takes its single-tensor step, whose numbers the multi-tensor one matches up to rounding): a case
# each, with options that reach the multi-tensor code, recorded from PyTorch's foreach run
GROUP_CASES += [
    ("SGD foreach nesterov", "SGD", [{"params": ALL}], {"lr": 0.03, "momentum": 0.8, "nesterov": True, "weight_decay": 0.01, "foreach": True}),
    ("Adam foreach amsgrad", "Adam", [{"params": ALL}], {"lr": 0.01, "amsgrad": True, "weight_decay": 0.1, "foreach": True}),
    ("AdamW foreach", "AdamW", [{"params": ALL}], {"lr": 0.01, "foreach": True}),
    ("Adagrad foreach lr_decay", "Adagrad", [{"params": ALL}], {"lr": 0.1, "lr_decay": 0.05, "foreach": True}),
    ("RMSprop foreach centered momentum", "RMSprop", [{"params": ALL}], {"lr": 0.005, "centered": True, "momentum": 0.5, "foreach": True}),
    ("Adadelta foreach", "Adadelta", [{"params": ALL}], {"lr": 0.5, "weight_decay": 0.1, "foreach": True}),
    ("Adamax foreach", "Adamax", [{"params": ALL}], {"lr": 0.01, "weight_decay": 0.1, "foreach": True}),
    ("NAdam foreach", "NAdam", [{"params": ALL}], {"lr": 0.01, "foreach": True}),
    ("RAdam foreach", "RAdam", [{"params": ALL}], {"lr": 0.01, "foreach": True}),
    ("ASGD foreach", "ASGD", [{"params": ALL}], {"lr": 0.05, "t0": 3.0, "foreach": True}),
    ("Rprop foreach", "Rprop", [{"params": ALL}], {"lr": 0.05, "foreach": True}),
]

# add_param_group: the added group takes the constructor's defaults but for what it sets
GROUP_CASES += [
    ("SGD add_param_group", "SGD", [{"params": [0, 1]}, {"params": [2, 3], "lr": 0.01, "add": True}],
     {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("Adam add_param_group", "Adam", [{"params": [0, 1, 2]}, {"params": [3], "betas": [0.5, 0.6], "add": True}],
     {"lr": 0.01, "amsgrad": True}),
    ("RMSprop add_param_group", "RMSprop", [{"params": [0]}, {"params": [1, 2, 3], "add": True}], {"lr": 0.005, "centered": True}),
]

# 1.13's multi-tensor Adagrad leaves its own single-tensor step by ~1e-9 in float64 (a float32
# intermediate), beyond the float64 tolerance; its float32 run is within rounding
FLOAT32_ONLY = {"Adagrad foreach lr_decay"}


def train(opt, model, x, y):
    """The fixture's schedule: 10 steps, group 0's lr × 0.1 before step index 5; the losses, parameters
    after each step and state_dict() after step 3."""
    losses, params, state_dict = [], [], None
    for step in range(10):
        if step == 5:
            opt.param_groups[0]["lr"] *= 0.1
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        params.append([p.detach().clone() for p in model.parameters()])
        if step == 2:
            state_dict = enc_state_dict(opt.state_dict())
    return losses, params, state_dict


def check_port(name, cls, spec, defaults, dtype):
    """The PyTorch 2 ports with 1.13's step (legacy=True) equal 1.13's own class bit for bit where 1.13
    has every option the case sets: the rest of the port is checked against real PyTorch."""
    # (1.13's own multi-tensor step rounds differently: foreach cases are not compared bit for bit)
    if cls not in ("NAdam", "RAdam") or any(k in g for g in [defaults] + spec for k in ("maximize", "decoupled_weight_decay", "foreach")):
        return
    runs = []
    for make in (lambda ps, kw: OPTIMIZER[cls](ps, legacy=True, **kw), lambda ps, kw: getattr(torch.optim, cls)(ps, **kw)):
        model, x, y = net(seed_of(name), dtype)
        runs.append(train(make(groups_of(model, spec), {"foreach": False, **defaults}), model, x, y)[1])
    assert all(torch.equal(a, b) for pa, pb in zip(*runs) for a, b in zip(pa, pb)), f"port of {cls} differs from 1.13: {name}"


def group_case(name, cls, spec, defaults, dtype):
    check_port(name, cls, spec, defaults, dtype)
    model, x, y = net(seed_of(name), dtype)
    init = [enc_tensor(p.detach()) for p in model.parameters()]
    kw = {"foreach": False, **defaults}
    # a group marked "add" joins through add_param_group right after construction (taking the defaults)
    opt = OPTIMIZER[cls](groups_of(model, [g for g in spec if not g.get("add")]), **kw)
    for g in groups_of(model, [g for g in spec if g.get("add")]):
        opt.add_param_group(g)
    losses, params, state_dict = train(opt, model, x, y)
    params = [[enc_tensor(p) for p in ps] for ps in params]
    return {"name": name, "dtype": str(dtype).replace("torch.", ""), "optimizer": cls, "groups": spec,
            "defaults": defaults, "init": init, "x": enc_tensor(x), "y": enc_tensor(y), "losses": losses,
            "params": params, "state_dict_after_3": state_dict}


def error_of(fn, name=""):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        return {"type": type(e).__name__, "message": str(e)}
    raise AssertionError(f"PyTorch accepted {name}")


def optimizer_errors():
    a = torch.zeros(2, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    c = torch.zeros(1, requires_grad=True)
    sgd = lambda *args, **kw: torch.optim.SGD(*args, **dict({"lr": 0.1}, **kw))  # noqa: E731
    two = sgd([{"params": [a]}, {"params": [b, c]}])
    out = {
        "duplicate across groups": error_of(lambda: sgd([{"params": [a, b]}, {"params": [b]}])),
        "add_param_group duplicate": error_of(lambda: two.add_param_group({"params": [c]})),
        "empty": error_of(lambda: sgd([])),
        "a tensor": error_of(lambda: sgd(a)),
        "non-leaf": error_of(lambda: sgd([a.mul(2)])),
        "not a tensor": error_of(lambda: sgd([a, 3])),
        "a set": error_of(lambda: sgd([{"params": {a}}])),
        "load: group count": error_of(lambda: sgd([a, b, c]).load_state_dict(two.state_dict())),
        "load: group size": error_of(lambda: sgd([{"params": [a, b]}, {"params": [c]}]).load_state_dict(two.state_dict())),
        "SGD lr": error_of(lambda: torch.optim.SGD([a], lr=-0.5)),
        "SGD momentum": error_of(lambda: torch.optim.SGD([a], lr=0.1, momentum=-1.0)),
        "SGD weight_decay": error_of(lambda: torch.optim.SGD([a], lr=0.1, weight_decay=-0.25)),
        "SGD nesterov": error_of(lambda: torch.optim.SGD([a], lr=0.1, nesterov=True)),
        "Adam eps": error_of(lambda: torch.optim.Adam([a], eps=-1e-3)),
        "Adam beta1": error_of(lambda: torch.optim.Adam([a], betas=(1.0, 0.9))),
        "Adam beta2": error_of(lambda: torch.optim.Adam([a], betas=(0.9, -0.5))),
        "AdamW lr": error_of(lambda: torch.optim.AdamW([a], lr=-0.01)),
        "Adagrad lr_decay": error_of(lambda: torch.optim.Adagrad([a], lr_decay=-0.5)),
        "Adagrad initial_accumulator_value": error_of(lambda: torch.optim.Adagrad([a], initial_accumulator_value=-1.5)),
        "Adagrad eps": error_of(lambda: torch.optim.Adagrad([a], eps=-0.5)),
        "RMSprop alpha": error_of(lambda: torch.optim.RMSprop([a], alpha=-0.25)),
        "RMSprop momentum": error_of(lambda: torch.optim.RMSprop([a], momentum=-0.5)),
        "NAdam lr": error_of(lambda: OPTIMIZER["NAdam"]([a], lr=-1.0)),
        "NAdam momentum_decay": error_of(lambda: OPTIMIZER["NAdam"]([a], momentum_decay=-0.5)),
        "NAdam beta2": error_of(lambda: OPTIMIZER["NAdam"]([a], betas=(0.9, 1.0))),
        "RAdam weight_decay": error_of(lambda: OPTIMIZER["RAdam"]([a], weight_decay=-0.1)),
        "RAdam eps": error_of(lambda: OPTIMIZER["RAdam"]([a], eps=-1e-8)),
        "Adamax beta1": error_of(lambda: torch.optim.Adamax([a], betas=(-0.1, 0.9))),
        "Adamax lr": error_of(lambda: torch.optim.Adamax([a], lr=-2e-3)),
        "Adadelta rho": error_of(lambda: torch.optim.Adadelta([a], rho=1.5)),
        "Adadelta eps": error_of(lambda: torch.optim.Adadelta([a], eps=-1.0)),
        "Adadelta weight_decay": error_of(lambda: torch.optim.Adadelta([a], weight_decay=-2.0)),
        "ASGD lr": error_of(lambda: OPTIMIZER["ASGD"]([a], lr=-0.5)),
        "ASGD lambd": error_of(lambda: OPTIMIZER["ASGD"]([a], lambd=-1.0)),
        "ASGD alpha": error_of(lambda: OPTIMIZER["ASGD"]([a], alpha=-0.75)),
        "ASGD weight_decay": error_of(lambda: OPTIMIZER["ASGD"]([a], weight_decay=-0.5)),
        "Rprop lr": error_of(lambda: torch.optim.Rprop([a], lr=-0.01)),
        "Rprop etas": error_of(lambda: torch.optim.Rprop([a], etas=(0.5, 0.9))),
        "Rprop etaminus": error_of(lambda: torch.optim.Rprop([a], etas=(1.0, 1.2))),
        "LBFGS lr": error_of(lambda: OPTIMIZER["LBFGS"]([a], lr=-1.0)),
        "LBFGS groups": error_of(lambda: OPTIMIZER["LBFGS"]([{"params": [a]}, {"params": [b]}])),
        "LBFGS no closure": error_of(lambda: OPTIMIZER["LBFGS"]([a]).step()),
        "LBFGS line_search_fn": error_of(lambda: lbfgs_stepped(a, line_search_fn="wolfe")),
    }
    return out


def lbfgs_stepped(a, **kw):
    opt = OPTIMIZER["LBFGS"]([a], **kw)

    def closure():
        opt.zero_grad()
        loss = (a - 1).pow(2).sum()
        loss.backward()
        return loss
    opt.step(closure)


# ----------------------------------------------------------------------------------------------
# LBFGS (a closure per step)
# ----------------------------------------------------------------------------------------------

def rosenbrock(x):
    """The extended Rosenbrock function, each term as the TS test composes it."""
    a, b = x[:-1], x[1:]
    return ((b - a.pow(2)).pow(2).mul(100) + (1 - a).pow(2)).sum()


LBFGS_CASES = [
    ("LBFGS rosenbrock default", "rosenbrock", {}),
    ("LBFGS rosenbrock lr", "rosenbrock", {"lr": 0.1}),
    ("LBFGS rosenbrock strong_wolfe", "rosenbrock", {"line_search_fn": "strong_wolfe"}),
    ("LBFGS rosenbrock strong_wolfe history_size max_iter lr", "rosenbrock",
     {"lr": 0.5, "history_size": 3, "max_iter": 7, "line_search_fn": "strong_wolfe"}),
    ("LBFGS rosenbrock max_eval tolerance_change", "rosenbrock", {"max_iter": 30, "max_eval": 12, "tolerance_change": 1e-4, "lr": 0.2}),
    ("LBFGS rosenbrock tolerance_grad", "rosenbrock", {"tolerance_grad": 1.0, "line_search_fn": "strong_wolfe"}),
    ("LBFGS mlp default", "mlp", {}),
    ("LBFGS mlp strong_wolfe history_size", "mlp", {"line_search_fn": "strong_wolfe", "history_size": 5, "max_iter": 10}),
]


def lbfgs_case(name, problem, options, dtype):
    seed = seed_of(name)
    if problem == "rosenbrock":
        torch.manual_seed(seed)
        params = [(torch.tensor([-1.2, 1.0, -1.2, 1.0, 0.5], dtype=dtype) + 0.1 * torch.randn(5, dtype=dtype)).requires_grad_()]
        x = y = None
        objective = lambda: rosenbrock(params[0])  # noqa: E731
    else:
        model, x, y = net(seed, dtype)
        params = list(model.parameters())
        objective = lambda: F.mse_loss(model(x), y)  # noqa: E731
    init = [enc_tensor(p.detach()) for p in params]
    opt = OPTIMIZER["LBFGS"](params, **options)

    def closure():
        opt.zero_grad()
        loss = objective()
        loss.backward()
        return loss
    losses, after, evals, state_dict = [], [], [], None
    for step in range(6):
        losses.append(float(opt.step(closure)))
        after.append([enc_tensor(p.detach()) for p in params])
        st = opt.state[params[0]]
        evals.append([st["func_evals"], st["n_iter"]])
        if step == 1:
            state_dict = enc_state_dict(opt.state_dict())
    assert all(math.isfinite(v) for v in losses), name
    case = {"name": name, "dtype": str(dtype).replace("torch.", ""), "problem": problem, "options": options, "init": init,
            "losses": losses, "params": after, "evals": evals, "state_dict_after_2": state_dict}
    if x is not None:
        case.update(x=enc_tensor(x), y=enc_tensor(y))
    return case


# ----------------------------------------------------------------------------------------------
# Schedulers
# ----------------------------------------------------------------------------------------------

def make_optimizer(opt_spec):
    """opt_spec: {"optimizer": "SGD" | "Adam", "lrs": [lr of each group], "options": {...}}."""
    ps = [torch.zeros(1, requires_grad=True) for _ in opt_spec["lrs"]]
    groups = [{"params": [p], "lr": lr} for p, lr in zip(ps, opt_spec["lrs"])]
    opts = dict(opt_spec.get("options", {}))
    if opt_spec["optimizer"] == "SGD":
        opts.setdefault("lr", 0.1)
    return getattr(torch.optim, opt_spec["optimizer"])(groups, **opts)


def make_scheduler(opt, spec):
    cls = SCHEDULER[spec["scheduler"]]
    kw = dict(spec.get("kwargs", {}))
    if "lr_lambda" in kw:
        lam = kw["lr_lambda"]
        kw["lr_lambda"] = [LAMBDAS[n] for n in lam] if isinstance(lam, list) else LAMBDAS[lam]
    if "scale_fn" in kw:
        kw["scale_fn"] = LAMBDAS[kw["scale_fn"]]
    if spec["scheduler"] in ("SequentialLR", "ChainedScheduler"):
        inner = [make_scheduler(opt, s) for s in spec["schedulers"]]
        return cls(opt, inner, **kw) if spec["scheduler"] == "SequentialLR" else cls(inner)
    return cls(opt, **kw)


def momentum_of(opt):
    return [g["betas"][0] if "betas" in g else g.get("momentum") for g in opt.param_groups]


def jsonable_state(sd):
    def enc(v):
        if callable(v) and not isinstance(v, (int, float)):
            return None
        if isinstance(v, dict):
            return {str(k): enc(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [enc(x) for x in v]
        if isinstance(v, float):
            return enc_value(v)
        return v
    return {k: enc(v) for k, v in sd.items() if k not in ("verbose", "anneal_func", "_scale_fn_custom")}


SCHEDULERS = [
    ("LambdaLR 0.95**e", {"scheduler": "LambdaLR", "kwargs": {"lr_lambda": "lambda e: 0.95 ** e"}}),
    ("LambdaLR per group", {"scheduler": "LambdaLR", "lrs": [0.1, 0.05],
                            "kwargs": {"lr_lambda": ["lambda e: 0.95 ** e", "lambda e: 1 / (e + 1)"]}}),
    ("MultiplicativeLR 0.9", {"scheduler": "MultiplicativeLR", "kwargs": {"lr_lambda": "lambda e: 0.9"}}),
    ("MultiplicativeLR piecewise", {"scheduler": "MultiplicativeLR", "lrs": [0.1, 0.3],
                                    "kwargs": {"lr_lambda": "lambda e: 1.05 if e < 10 else 0.8"}}),
    ("StepLR 5 0.5", {"scheduler": "StepLR", "kwargs": {"step_size": 5, "gamma": 0.5}}),
    ("StepLR 3", {"scheduler": "StepLR", "lrs": [0.1, 0.02], "kwargs": {"step_size": 3}}),
    ("MultiStepLR repeated milestone", {"scheduler": "MultiStepLR", "kwargs": {"milestones": [3, 7, 7, 15], "gamma": 0.5}}),
    ("MultiStepLR unsorted", {"scheduler": "MultiStepLR", "lrs": [1.0, 0.5], "kwargs": {"milestones": [20, 4]}}),
    ("ConstantLR default", {"scheduler": "ConstantLR"}),
    ("ConstantLR 0.5 4", {"scheduler": "ConstantLR", "lrs": [0.1, 0.2], "kwargs": {"factor": 0.5, "total_iters": 4}}),
    ("LinearLR default", {"scheduler": "LinearLR"}),
    ("LinearLR 0.25 0.75 10", {"scheduler": "LinearLR", "kwargs": {"start_factor": 0.25, "end_factor": 0.75, "total_iters": 10}}),
    ("LinearLR decay", {"scheduler": "LinearLR", "lrs": [0.1, 0.01], "kwargs": {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 20}}),
    ("ExponentialLR 0.9", {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.9}}),
    ("PolynomialLR default", {"scheduler": "PolynomialLR"}),
    ("PolynomialLR 10 2", {"scheduler": "PolynomialLR", "lrs": [0.1, 0.5], "kwargs": {"total_iters": 10, "power": 2.0}}),
    ("PolynomialLR 20 0.5", {"scheduler": "PolynomialLR", "kwargs": {"total_iters": 20, "power": 0.5}}),
    ("CosineAnnealingLR 10", {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": 10}}),
    ("CosineAnnealingLR 7 eta_min", {"scheduler": "CosineAnnealingLR", "lrs": [0.1, 0.05], "kwargs": {"T_max": 7, "eta_min": 0.001}}),
    ("CosineAnnealingWarmRestarts 5", {"scheduler": "CosineAnnealingWarmRestarts", "kwargs": {"T_0": 5}}),
    ("CosineAnnealingWarmRestarts 3 2 eta_min", {"scheduler": "CosineAnnealingWarmRestarts", "lrs": [0.1, 0.2],
                                                 "kwargs": {"T_0": 3, "T_mult": 2, "eta_min": 0.01}}),
    ("CosineAnnealingWarmRestarts fractional epochs", {"scheduler": "CosineAnnealingWarmRestarts",
                                                       "kwargs": {"T_0": 4, "T_mult": 2},
                                                       "epochs": [i * 0.5 for i in range(30)]}),
    ("CyclicLR triangular", {"scheduler": "CyclicLR", "options": {"momentum": 0.9},
                             "kwargs": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4}}),
    ("CyclicLR triangular2 up down", {"scheduler": "CyclicLR", "options": {"momentum": 0.9}, "lrs": [0.1, 0.1],
                                      "kwargs": {"base_lr": [0.01, 0.001], "max_lr": [0.1, 0.05], "step_size_up": 3,
                                                 "step_size_down": 5, "mode": "triangular2",
                                                 "base_momentum": [0.8, 0.85], "max_momentum": 0.95}}),
    ("CyclicLR exp_range no momentum", {"scheduler": "CyclicLR",
                                        "kwargs": {"base_lr": 0.001, "max_lr": 0.01, "step_size_up": 5, "mode": "exp_range",
                                                   "gamma": 0.9, "cycle_momentum": False}}),
    ("OneCycleLR", {"scheduler": "OneCycleLR", "options": {"momentum": 0.9}, "kwargs": {"max_lr": 0.1, "total_steps": 30}}),
    ("OneCycleLR three_phase linear Adam", {"scheduler": "OneCycleLR", "optimizer": "Adam", "lrs": [0.001, 0.002],
                                            "kwargs": {"max_lr": [0.01, 0.02], "epochs": 3, "steps_per_epoch": 10,
                                                       "pct_start": 0.25, "anneal_strategy": "linear", "three_phase": True,
                                                       "div_factor": 10.0, "final_div_factor": 100.0}}),
    ("CyclicLR scale_fn iterations", {"scheduler": "CyclicLR", "options": {"momentum": 0.9},
                                      "kwargs": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3,
                                                 "scale_fn": "lambda e: 0.95 ** e", "scale_mode": "iterations"}}),
    ("CyclicLR scale_fn per cycle", {"scheduler": "CyclicLR", "options": {"momentum": 0.9},
                                     "kwargs": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "step_size_down": 3,
                                                "scale_fn": "lambda e: 1 / (e + 1)"}}),
    ("OneCycleLR base_momentum max_momentum", {"scheduler": "OneCycleLR", "options": {"momentum": 0.9},
                                               "kwargs": {"max_lr": 0.1, "total_steps": 30, "base_momentum": 0.7,
                                                          "max_momentum": 0.9}}),
    ("OneCycleLR no momentum", {"scheduler": "OneCycleLR", "kwargs": {"max_lr": 0.5, "total_steps": 40, "cycle_momentum": False,
                                                                      "pct_start": 0.4}}),
    ("ReduceLROnPlateau patience 2", {"scheduler": "ReduceLROnPlateau", "kwargs": {"patience": 2},
                                      "metrics": [1.0, 0.9, 0.95, 0.92, 0.91, 0.91, 0.5, 0.6, 0.6, 0.6, 0.6, 0.4, 0.4, 0.4,
                                                  0.4, 0.39999, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3,
                                                  0.3, 0.3]}),
    ("ReduceLROnPlateau max abs cooldown min_lr", {"scheduler": "ReduceLROnPlateau", "lrs": [0.1, 0.01],
                                                   "kwargs": {"mode": "max", "factor": 0.5, "patience": 1, "threshold": 0.01,
                                                              "threshold_mode": "abs", "cooldown": 2, "min_lr": [0.01, 0.004]},
                                                   "metrics": [0.1 * ((i * 7) % 5) + 0.01 * i for i in range(30)]}),
    ("ReduceLROnPlateau eps", {"scheduler": "ReduceLROnPlateau", "lrs": [1e-7],
                               "kwargs": {"patience": 0, "factor": 0.5, "eps": 1e-8}, "metrics": [1.0] * 30}),
    ("SequentialLR constant then exponential", {"scheduler": "SequentialLR", "kwargs": {"milestones": [2]},
                                                "schedulers": [{"scheduler": "ConstantLR", "kwargs": {"factor": 0.1, "total_iters": 2}},
                                                               {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.9}}]}),
    ("SequentialLR warmup cosine step", {"scheduler": "SequentialLR", "lrs": [0.1, 0.2], "kwargs": {"milestones": [5, 20]},
                                         "schedulers": [{"scheduler": "LinearLR", "kwargs": {"start_factor": 0.1, "total_iters": 5}},
                                                        {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": 15}},
                                                        {"scheduler": "StepLR", "kwargs": {"step_size": 3}}]}),
    ("ChainedScheduler constant exponential", {"scheduler": "ChainedScheduler",
                                               "schedulers": [{"scheduler": "ConstantLR", "kwargs": {"factor": 0.1, "total_iters": 2}},
                                                              {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.9}}]}),
    ("ChainedScheduler multistep lambda", {"scheduler": "ChainedScheduler", "lrs": [0.1, 0.3],
                                           "schedulers": [{"scheduler": "MultiStepLR", "kwargs": {"milestones": [5, 10]}},
                                                          {"scheduler": "MultiplicativeLR", "kwargs": {"lr_lambda": "lambda e: 0.95 ** e"}}]}),
]


def last_lr(sched, opt):
    return list(sched._last_lr) if hasattr(sched, "_last_lr") else [g["lr"] for g in opt.param_groups]


def scheduler_case(name, spec):
    opt_spec = {"optimizer": spec.get("optimizer", "SGD"), "lrs": spec.get("lrs", [0.1]), "options": spec.get("options", {})}
    opt = make_optimizer(opt_spec)
    sched = make_scheduler(opt, spec)
    # PyTorch 2's ReduceLROnPlateau is an LRScheduler: get_last_lr() is the groups' lrs from the start
    # (1.13's has no get_last_lr, only _last_lr once stepped)
    lrs, momenta = [last_lr(sched, opt)], [momentum_of(opt)]
    for i in range(30):
        opt.step()
        if "metrics" in spec:
            sched.step(spec["metrics"][i])
        elif "epochs" in spec:
            sched.step(spec["epochs"][i])
        else:
            sched.step()
        lrs.append(last_lr(sched, opt))
        momenta.append(momentum_of(opt))
    case = {"name": name, "spec": dict(spec, **opt_spec), "lrs": lrs, "state_dict": jsonable_state(sched.state_dict())}
    if spec["scheduler"] in ("CyclicLR", "OneCycleLR"):
        case["momenta"] = momenta
    return case


def scheduler_errors():
    def opt(lrs=(0.1,), **kw):
        return make_optimizer({"optimizer": kw.pop("optimizer", "SGD"), "lrs": list(lrs), "options": kw})

    def past_total():
        o = opt(momentum=0.9)
        s = _OneCycleLR2(o, max_lr=0.1, total_steps=3)
        for _ in range(4):
            s.step()
    cases = [
        ("ConstantLR factor > 1", "new lr_scheduler.ConstantLR(opt(), { factor: 1.5 })", lambda: S.ConstantLR(opt(), factor=1.5)),
        ("LinearLR start_factor 0", "new lr_scheduler.LinearLR(opt(), { start_factor: 0 })", lambda: _LinearLR2(opt(), start_factor=0)),
        ("LinearLR end_factor > 1", "new lr_scheduler.LinearLR(opt(), { end_factor: 2 })", lambda: _LinearLR2(opt(), end_factor=2)),
        ("LambdaLR lambda count", "new lr_scheduler.LambdaLR(opt([0.1, 0.2]), [(e) => 1])",
         lambda: S.LambdaLR(opt((0.1, 0.2)), [lambda e: 1])),
        ("last_epoch without initial_lr", "new lr_scheduler.StepLR(opt(), 3, { last_epoch: 4 })",
         lambda: S.StepLR(opt(), 3, last_epoch=4)),
        ("CosineAnnealingWarmRestarts T_0", "new lr_scheduler.CosineAnnealingWarmRestarts(opt(), 0)",
         lambda: S.CosineAnnealingWarmRestarts(opt(), 0)),
        ("CosineAnnealingWarmRestarts T_mult", "new lr_scheduler.CosineAnnealingWarmRestarts(opt(), 2, { T_mult: 0 })",
         lambda: S.CosineAnnealingWarmRestarts(opt(), 2, T_mult=0)),
        ("CosineAnnealingWarmRestarts negative epoch", "new lr_scheduler.CosineAnnealingWarmRestarts(opt(), 2).step(-1)",
         lambda: S.CosineAnnealingWarmRestarts(opt(), 2).step(-1)),
        ("CyclicLR mode", "new lr_scheduler.CyclicLR(opt(), 0.01, 0.1, { mode: 'sawtooth', cycle_momentum: false })",
         lambda: S.CyclicLR(opt(), 0.01, 0.1, mode="sawtooth", cycle_momentum=False)),
        ("CyclicLR base_lr count", "new lr_scheduler.CyclicLR(opt(), [0.01, 0.02], 0.1, { cycle_momentum: false })",
         lambda: S.CyclicLR(opt(), [0.01, 0.02], 0.1, cycle_momentum=False)),
        ("OneCycleLR no total", "new lr_scheduler.OneCycleLR(opt(), 0.1)", lambda: S.OneCycleLR(opt(), 0.1)),
        ("OneCycleLR total_steps", "new lr_scheduler.OneCycleLR(opt(), 0.1, { total_steps: 0 })",
         lambda: S.OneCycleLR(opt(), 0.1, total_steps=0)),
        ("OneCycleLR epochs", "new lr_scheduler.OneCycleLR(opt(), 0.1, { epochs: -1, steps_per_epoch: 3 })",
         lambda: S.OneCycleLR(opt(), 0.1, epochs=-1, steps_per_epoch=3)),
        ("OneCycleLR pct_start", "new lr_scheduler.OneCycleLR(opt(), 0.1, { total_steps: 10, pct_start: 1.5 })",
         lambda: S.OneCycleLR(opt(), 0.1, total_steps=10, pct_start=1.5)),
        ("OneCycleLR anneal_strategy", "new lr_scheduler.OneCycleLR(opt(), 0.1, { total_steps: 10, anneal_strategy: 'cosine' })",
         lambda: S.OneCycleLR(opt(), 0.1, total_steps=10, anneal_strategy="cosine")),
        ("OneCycleLR past total_steps", "past_total", past_total),
        ("ReduceLROnPlateau factor", "new lr_scheduler.ReduceLROnPlateau(opt(), { factor: 1.0 })",
         lambda: S.ReduceLROnPlateau(opt(), factor=1.0)),
        ("ReduceLROnPlateau mode", "new lr_scheduler.ReduceLROnPlateau(opt(), { mode: 'median' })",
         lambda: S.ReduceLROnPlateau(opt(), mode="median")),
        ("ReduceLROnPlateau threshold_mode", "new lr_scheduler.ReduceLROnPlateau(opt(), { threshold_mode: 'pct' })",
         lambda: S.ReduceLROnPlateau(opt(), threshold_mode="pct")),
        ("ReduceLROnPlateau min_lr count", "new lr_scheduler.ReduceLROnPlateau(opt(), { min_lr: [0, 0] })",
         lambda: S.ReduceLROnPlateau(opt(), min_lr=[0, 0])),
        ("SequentialLR milestones", "sequential([1, 2])", lambda: sequential([1, 2])),
        ("SequentialLR other optimizer", "sequential_other()", lambda: sequential_other()),
        ("ChainedScheduler other optimizer", "chained_other()", lambda: chained_other()),
        ("not an optimizer", "new lr_scheduler.StepLR({}, 3)", lambda: S.StepLR({}, 3)),
    ]

    def sequential(milestones):
        o = opt()
        return S.SequentialLR(o, [S.ConstantLR(o), S.ExponentialLR(o, 0.9)], milestones=milestones)

    def sequential_other():
        o, p = opt(), opt()
        return S.SequentialLR(o, [S.ConstantLR(o), S.ExponentialLR(p, 0.9)], milestones=[2])

    def chained_other():
        o, p = opt(), opt()
        return S.ChainedScheduler([S.ConstantLR(o), S.ExponentialLR(p, 0.9)])
    return [dict(error_of(fn, name), name=name, ts=ts) for name, ts, fn in cases]


def main():
    fix = {"generator": "scripts/gen_optim_fixtures.py", "torch": torch.__version__,
           "groups": [group_case(n, c, s, d, dt) for dt in (torch.float32, torch.float64) for n, c, s, d in GROUP_CASES
                      if not (dt == torch.float64 and n in FLOAT32_ONLY)],
           "errors": optimizer_errors(),
           "lbfgs": [lbfgs_case(n, p, o, dt) for dt in (torch.float32, torch.float64) for n, p, o in LBFGS_CASES],
           "schedulers": [scheduler_case(n, s) for n, s in SCHEDULERS],
           "scheduler_errors": scheduler_errors()}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['groups'])} group cases, {len(fix['schedulers'])} schedulers, "
          f"{len(fix['scheduler_errors'])} scheduler errors")


if __name__ == "__main__":
    main()
