#!/usr/bin/python3
"""
gen_tensor_member_fixtures.py -- PyTorch's answers for the Tensor members that are shorthands
over other ops: element_size, ndimension, nelement, retains_grad, new_empty's size and dtype,
and the errors of the transpose properties (mT, mH, H) on too few or too many dims.
(Their values and nodes are table cases: T, mT, new_zeros ... in test/fixtures/table.json.)

HOW TO RUN
    /usr/bin/python3 scripts/gen_tensor_member_fixtures.py

Output: test/fixtures/tensor_members.json, read by test/tensor-members.test.ts, which runs
the same program under each scenario's name on both devices (scripts/scenarios.py).
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios  # noqa: E402

scenario = Scenarios("scripts/gen_tensor_member_fixtures.py", "tensor_members.json")
DTYPES = [torch.float32, torch.float64, torch.int64, torch.int32, torch.bool]


@scenario
def sizes(i):
    x = torch.zeros(2, 3, 4)
    return {"ndimension": x.ndimension(), "nelement": x.nelement(),
            "element_size": [torch.zeros(1, dtype=d).element_size() for d in DTYPES]}


@scenario
def retains_grad(i):
    w = torch.ones(2, requires_grad=True)
    y = w * 2
    before = [w.retains_grad, y.retains_grad]
    y.retain_grad()
    return {"before": before, "after": [w.retains_grad, y.retains_grad]}


@scenario
def new_empty(i):
    x = torch.zeros(1, dtype=torch.int64)
    e = x.new_empty(2, 3)
    f = x.new_empty((4,), dtype=torch.float64, requires_grad=True)
    return {"shapes": [list(e.shape), list(f.shape)], "dtypes": [str(e.dtype), str(f.dtype)],
            "requires_grad": [e.requires_grad, f.requires_grad]}


@scenario
def mT_of_1d(i):
    return {"mT": torch.zeros(3).mT}


@scenario
def mH_of_1d(i):
    return {"mH": torch.zeros(3).mH}


@scenario
def H_of_3d(i):
    return {"H": torch.zeros(2, 3, 4).H}


@scenario
def H_of_1d(i):
    return {"H": torch.zeros(3).H}


if __name__ == "__main__":
    scenario.write()
