#!/usr/bin/python3
"""
gen_svd_create_graph_fixtures.py -- PyTorch's second and third derivatives (create_graph=True)
through torch.linalg.svdvals (LinalgSvdBackward0) and what reaches it: torch.linalg.matrix_norm /
torch.linalg.norm / torch.norm with ord 2, -2 and 'nuc', and torch.linalg.cond.

HOW TO RUN
    /usr/bin/python3 scripts/gen_svd_create_graph_fixtures.py

For a scenario's function f of A and an upstream weight w of f(A)'s shape (both requiring grad):
    g1 = grad((f(A) * w).sum(), A, create_graph=True)
    g2 = grad((g1 * v).sum(), [A, w], create_graph=True)
    g3 = grad((g2[0] * u).sum() + (g2[1] * z).sum(), [A, w])
and, for the float64 scenarios, whether torch.autograd.gradgradcheck passes on f.
Output: test/fixtures/svd_create_graph.json (scripts/scenarios.py's format), read by
test/create-graph-svd.test.ts on both devices. Each scenario seeds torch's generator from its name.
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

scenario = Scenarios("scripts/gen_svd_create_graph_fixtures.py", "svd_create_graph.json")

L = torch.linalg
FUNCTIONS = {
    "svdvals": lambda A: L.svdvals(A),
    "matrix_norm nuc": lambda A: L.matrix_norm(A, "nuc"),
    "matrix_norm 2": lambda A: L.matrix_norm(A, 2),
    "matrix_norm -2": lambda A: L.matrix_norm(A, -2),
    "matrix_norm nuc keepdim dims": lambda A: L.matrix_norm(A, "nuc", dim=(-1, -2), keepdim=True),
    "norm 2": lambda A: L.norm(A, 2, dim=(-2, -1)),
    "norm nuc": lambda A: L.norm(A, "nuc", dim=(-2, -1)),
    "torch.norm nuc": lambda A: torch.norm(A, p="nuc", dim=(-2, -1)),
    "cond": lambda A: L.cond(A),
    "cond -2": lambda A: L.cond(A, -2),
}
SHAPES = {"wide": [3, 4], "tall": [5, 3], "square": [3, 3], "batched": [2, 3, 2], "4-D batch": [2, 1, 3, 3]}


def program(fn, shape, dtype):
    def run(i):
        A = given(i, "A", torch.randn(shape, dtype=dtype)).requires_grad_()
        y = fn(A)
        w = given(i, "w", torch.randn(y.shape, dtype=dtype)).requires_grad_()
        v = given(i, "v", torch.randn(shape, dtype=dtype))
        u = given(i, "u", torch.randn(shape, dtype=dtype))
        z = given(i, "z", torch.randn(y.shape, dtype=dtype))
        (g1,) = torch.autograd.grad((y * w).sum(), A, create_graph=True)
        g2 = torch.autograd.grad((g1 * v).sum(), [A, w], create_graph=True)
        g3 = torch.autograd.grad((g2[0] * u).sum() + (g2[1] * z).sum(), [A, w])
        out = {"y": y, "g1": g1, "g2": list(g2), "g3": list(g3)}
        if dtype == torch.float64:
            out["gradgradcheck"] = torch.autograd.gradgradcheck(fn, (A.detach().requires_grad_(),))
        return out
    return run


def add(name, fn, shape, dtype):
    run = program(fn, shape, dtype)
    run.__name__ = name
    scenario(run)


for f_name, fn in FUNCTIONS.items():
    for s_name, shape in SHAPES.items():
        if f_name.startswith("cond") and shape[-1] != shape[-2]:
            continue
        add(f"{f_name}/{s_name}", fn, shape, torch.float32)
    add(f"{f_name}/square/float64", fn, [3, 3], torch.float64)
    if not f_name.startswith("cond"):
        add(f"{f_name}/wide/float64", fn, [2, 4], torch.float64)

scenario.write()
