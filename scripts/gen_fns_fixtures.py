"""F.gumbel_softmax, torch.pdist / F.pdist, torch.hamming_window's alpha and beta, torch.histogram /
Tensor.histogram / torch.histogramdd, torch.unique_consecutive / Tensor.unique_consecutive,
torch.gradient and torch.isin (helper h-fns), against PyTorch.

HOW TO RUN
    /usr/bin/python3 scripts/gen_fns_fixtures.py

Output: test/fixtures/fns.json = {"generator", "torch",
  "cases":  [gen_fixtures.run_case's CASE]: values, grad_fn, gradients (of the first output),
  "random": [CASE + {"seed"}]: F.gumbel_softmax, the call run right after torch.manual_seed(seed),
  "dd":     [{"name", "call", "args", "kwargs", "out"}]: histogramdd, out = [hist, *bin_edges],
  "errors": [{"name", "call", "args", "kwargs", "type", "message"}],
  "second": [{"name", "call", "args", "kwargs", "u", "v", "grads"}]: create_graph,
  "warnings": {name: message}: PyTorch's UserWarnings}
read by test/fns.test.ts on both devices. Each case is drawn under the seed of its own id.
PyTorch 2 semantics where 1.13 differs: none needed.
"""

import os
import sys
import warnings
import zlib

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402
from gen_numeric_fixtures import second_of, R, T, D, I  # noqa: E402 -- its input helpers

OUT = os.path.join(base.OUT_DIR, "fns.json")
NAN, INF = float("nan"), float("inf")
L = base.L


def Q(*shape, levels=4, grad=False):
    """Values on a coarse grid, so histogram edges and runs of equal values occur."""
    return (torch.randint(0, levels, shape).to(torch.float32) * 0.5).requires_grad_(grad)


CASES = [
    # pdist: every p of ATen's kernels, edges where its backward has rules
    ("pdist/p 2", "reduction", "torch.pdist", lambda: [R(5, 3)], {}),
    ("pdist/p 1", "reduction", "torch.pdist", lambda: [R(4, 3), 1], {}),
    ("pdist/p 0", "reduction", "torch.pdist", lambda: [T([[1.0, 2.0, 3.0], [1.0, 0.0, 3.0], [0.5, 0.0, -3.0]])], {"p": 0}),
    ("pdist/p inf", "reduction", "torch.pdist", lambda: [R(4, 5)], {"p": INF}),
    ("pdist/p 0.5", "reduction", "torch.pdist", lambda: [R(4, 3)], {"p": 0.5}),
    ("pdist/p 1.5", "reduction", "torch.pdist", lambda: [R(4, 3)], {"p": 1.5}),
    ("pdist/p 3", "reduction", "F.pdist", lambda: [R(5, 2), 3], {}),
    ("pdist/float64", "reduction", "torch.pdist", lambda: [D(4, 3)], {}),
    ("pdist/float64 p inf", "reduction", "torch.pdist", lambda: [D(4, 3)], {"p": INF}),
    ("pdist/equal rows p 2", "reduction", "torch.pdist", lambda: [T([[1.0, 2.0], [1.0, 2.0], [0.0, 1.0]])], {}),
    ("pdist/equal rows p 0.5", "reduction", "torch.pdist", lambda: [T([[1.0, 2.0], [1.0, 2.0], [1.0, 1.0]])], {"p": 0.5}),
    ("pdist/equal rows p 1.5", "reduction", "torch.pdist", lambda: [T([[1.0, 2.0], [1.0, 2.0], [1.0, 1.0]])], {"p": 1.5}),
    ("pdist/equal rows p 3", "reduction", "torch.pdist", lambda: [T([[1.0, 2.0], [1.0, 2.0], [1.0, 1.0]])], {"p": 3}),
    ("pdist/ties p inf", "reduction", "torch.pdist", lambda: [T([[1.0, -1.0, 0.5], [0.0, 0.0, 0.0], [1.0, 1.0, 0.0]])], {"p": INF}),
    ("pdist/equal rows p inf", "reduction", "torch.pdist", lambda: [T([[1.0, 2.0], [1.0, 2.0]])], {"p": INF}),
    ("pdist/one row", "reduction", "torch.pdist", lambda: [R(1, 3)], {}),
    ("pdist/no columns", "reduction", "torch.pdist", lambda: [R(3, 0)], {}),
    # PyTorch 1.13 crashes in the backward of pdist over no rows: values only
    ("pdist/no rows", "reduction", "F.pdist", lambda: [R(0, 3, grad=False)], {}),
    ("pdist/nan", "reduction", "torch.pdist", lambda: [T([[1.0, NAN], [0.0, 0.0], [2.0, 1.0]], grad=False)], {}),
    ("pdist/nan p 0", "reduction", "torch.pdist", lambda: [T([[1.0, NAN], [0.0, 0.0]], grad=False)], {"p": 0}),
    ("pdist/nan p inf", "reduction", "torch.pdist", lambda: [T([[1.0, NAN], [0.0, 0.0]], grad=False)], {"p": INF}),
    ("pdist/inf p 1", "reduction", "torch.pdist", lambda: [T([[1.0, INF], [0.0, 0.0]], grad=False)], {"p": 1}),
    # hamming_window's alpha and beta
    ("hamming_window/alpha beta", "elementwise", "torch.hamming_window", lambda: [8, False, 0.5, 0.5], {}),
    ("hamming_window/periodic alpha", "elementwise", "torch.hamming_window", lambda: [7, True, 0.6], {}),
    ("hamming_window/float64", "elementwise", "torch.hamming_window", lambda: [6, True, 0.54, 0.3], {"dtype": torch.float64}),
    ("hamming_window/keywords", "elementwise", "torch.hamming_window", lambda: [5], {"periodic": False, "alpha": 1.0, "beta": -0.25}),
    ("hamming_window/length 1", "elementwise", "torch.hamming_window", lambda: [1, False, 0.3, 0.1], {}),
    ("hamming_window/length 0", "elementwise", "torch.hamming_window", lambda: [0, True, 0.3, 0.1], {}),
    # histogram: (hist, bin_edges)
    ("histogram/bins", "reduction", "torch.histogram", lambda: [R(20, grad=False), 5], {}),
    ("histogram/default bins", "reduction", "torch.histogram", lambda: [R(30, grad=False)], {}),
    ("histogram/range", "reduction", "torch.histogram", lambda: [R(4, 5, grad=False), 4], {"range": L([-1.0, 1.5])}),
    ("histogram/grid values", "reduction", "torch.histogram", lambda: [Q(30), 6], {}),
    ("histogram/weight", "reduction", "torch.histogram", lambda: [R(12, grad=False), 3], lambda: {"weight": R(12, lo=0.0, hi=2.0, grad=False)}),
    ("histogram/density", "reduction", "torch.histogram", lambda: [R(15, grad=False), 4], {"density": True}),
    ("histogram/weight density range", "reduction", "torch.histogram", lambda: [R(15, grad=False), 3], lambda: {"range": L([0.0, 3.0]), "weight": R(15, lo=0.0, hi=1.0, grad=False), "density": True}),
    ("histogram/tensor bins", "reduction", "torch.histogram", lambda: [R(20, grad=False), T([-2.0, -0.5, 0.0, 0.25, 2.0], grad=False)], {}),
    ("histogram/tensor bins density", "reduction", "torch.histogram", lambda: [R(20, grad=False), T([-1.0, 0.0, 0.5, 1.5], grad=False)], {"density": True}),
    ("histogram/unsorted bins", "reduction", "torch.histogram", lambda: [T([1.0, 2.0, 0.5, 4.0], grad=False), T([0.0, 5.0, 2.0], grad=False)], {}),
    # (NaN: PyTorch 1.13's CPU kernel counts it in bin 1 (int bins) or the last (tensor bins); wasmgrad
    # counts it nowhere, as the range check PyTorch applies means to (docs/api.md))
    ("histogram/edges and outside", "reduction", "torch.histogram", lambda: [T([0.0, 1.0, 2.0, 3.0, -0.1, 3.1, INF, -INF], grad=False), 3], {"range": L([0.0, 3.0])}),
    ("histogram/equal values", "reduction", "torch.histogram", lambda: [T([1.0, 1.0, 1.0], grad=False), 3], {}),
    ("histogram/empty", "reduction", "torch.histogram", lambda: [R(0, grad=False), 3], {}),
    ("histogram/0-d", "reduction", "torch.histogram", lambda: [T(0.25, grad=False), 2], {}),
    ("histogram/requires grad", "reduction", "torch.histogram", lambda: [R(6, grad=True), 2], {}),
    ("histogram/float64", "reduction", "torch.histogram", lambda: [D(25, grad=False), 7], {"density": True}),
    ("histogram/method", "reduction", "Tensor.histogram", lambda: [R(3, 4, grad=False), 3], {"range": L([-2.0, 2.0])}),
    ("histogram/method tensor bins", "reduction", "Tensor.histogram", lambda: [R(10, grad=False), T([-1.0, 0.0, 1.0], grad=False)], {}),
    # unique_consecutive
    ("unique_consecutive/values", "shape", "torch.unique_consecutive", lambda: [T([1.0, 1.0, 2.0, 2.0, 3.0, 1.0, 1.0, 2.0], grad=False)], {}),
    ("unique_consecutive/inverse counts", "shape", "torch.unique_consecutive", lambda: [Q(3, 5, levels=2)], {"return_inverse": True, "return_counts": True}),
    ("unique_consecutive/inverse", "shape", "torch.unique_consecutive", lambda: [I([3, 3, 1, 3, 3, 3])], {"return_inverse": True}),
    ("unique_consecutive/counts", "shape", "torch.unique_consecutive", lambda: [I([3, 3, 1, 3, 3, 3])], {"return_counts": True}),
    ("unique_consecutive/nan zeros", "shape", "torch.unique_consecutive", lambda: [T([NAN, NAN, -0.0, 0.0, 1.0, INF, INF], grad=False)], {"return_counts": True}),
    ("unique_consecutive/dim 0", "shape", "torch.unique_consecutive", lambda: [T([[1.0, 2.0], [1.0, 2.0], [1.0, 3.0], [1.0, 2.0]], grad=False)], {"dim": 0, "return_inverse": True, "return_counts": True}),
    ("unique_consecutive/dim 1", "shape", "torch.unique_consecutive", lambda: [Q(2, 6, levels=2)], {"dim": 1, "return_inverse": True, "return_counts": True}),
    ("unique_consecutive/dim -1 3-D", "shape", "torch.unique_consecutive", lambda: [I([[[1, 1, 2], [0, 0, 0]], [[1, 1, 1], [0, 0, 0]]])], {"dim": -1, "return_counts": True}),
    ("unique_consecutive/empty", "shape", "torch.unique_consecutive", lambda: [R(0, grad=False)], {"return_inverse": True, "return_counts": True}),
    ("unique_consecutive/empty dim", "shape", "torch.unique_consecutive", lambda: [R(0, 3, grad=False)], {"dim": 0, "return_inverse": True, "return_counts": True}),
    ("unique_consecutive/0-d", "shape", "torch.unique_consecutive", lambda: [T(3.0, grad=False)], {"return_inverse": True, "return_counts": True}),
    ("unique_consecutive/bool", "shape", "torch.unique_consecutive", lambda: [T([True, True, False, True], dtype=torch.bool)], {"return_counts": True}),
    ("unique_consecutive/method", "shape", "Tensor.unique_consecutive", lambda: [I([[1, 1], [2, 2]])], {"return_inverse": True}),
    ("unique_consecutive/method dim", "shape", "Tensor.unique_consecutive", lambda: [T([[5.0, 5.0, 1.0], [5.0, 5.0, 2.0]], grad=False)], {"dim": 1}),
    # gradient: slices, differences and cat (CatBackward0)
    ("gradient/1-D", "elementwise", "torch.gradient", lambda: [R(6)], {}),
    ("gradient/2-D all dims", "elementwise", "torch.gradient", lambda: [R(4, 5)], {}),
    ("gradient/dim 1", "elementwise", "torch.gradient", lambda: [R(4, 5)], {"dim": 1}),
    ("gradient/dim -2 spacing", "elementwise", "torch.gradient", lambda: [R(4, 5)], {"dim": -2, "spacing": 0.5}),
    ("gradient/spacing list", "elementwise", "torch.gradient", lambda: [R(3, 4)], {"spacing": L([2.0, 0.25])}),
    ("gradient/dim list spacing", "elementwise", "torch.gradient", lambda: [R(3, 4, 5)], {"dim": [2, 0], "spacing": 3.0}),
    ("gradient/dim list", "elementwise", "torch.gradient", lambda: [R(3, 4)], {"dim": [1]}),
    ("gradient/short other dim", "elementwise", "torch.gradient", lambda: [R(2, 4)], {"dim": 1, "edge_order": 2}),
    ("gradient/edge order 2", "elementwise", "torch.gradient", lambda: [R(5)], {"edge_order": 2}),
    ("gradient/edge order 2 spacing dim", "elementwise", "torch.gradient", lambda: [R(3, 6)], {"edge_order": 2, "spacing": L([1.5]), "dim": 1}),
    ("gradient/coordinates", "elementwise", "torch.gradient", lambda: [R(5)], {"spacing": L([T([0.0, 0.5, 1.5, 1.75, 3.0], grad=False)])}),
    ("gradient/coordinates edge order 2", "elementwise", "torch.gradient", lambda: [R(4, 5)], {"spacing": L([T([0.0, 1.0, 3.0, 3.5, 5.0], grad=False)]), "dim": 1, "edge_order": 2}),
    ("gradient/coordinates 2-D", "elementwise", "torch.gradient", lambda: [R(3, 4)], {"spacing": L([T([0.0, 2.0, 3.0], grad=False), T([1.0, 1.5, 3.0, 4.0], grad=False)])}),
    ("gradient/coordinates int", "elementwise", "torch.gradient", lambda: [R(4)], {"spacing": L([I([0, 1, 3, 4])]), "edge_order": 2}),
    ("gradient/int input", "elementwise", "torch.gradient", lambda: [I([1, 4, 9, 16, 25])], {}),
    ("gradient/int input spacing 2", "elementwise", "torch.gradient", lambda: [I([1, 4, 9, 16, 25])], {"spacing": 2, "edge_order": 2}),
    ("gradient/float64", "elementwise", "torch.gradient", lambda: [D(6)], {"edge_order": 2}),
    ("gradient/float64 coordinates", "elementwise", "torch.gradient", lambda: [D(5)], {"spacing": L([T([0.0, 0.5, 1.5, 1.75, 3.0], dtype=torch.float64, grad=False)])}),
    ("gradient/edges", "elementwise", "torch.gradient", lambda: [T([0.0, INF, 1.0, NAN, 2.0, -INF, 3.0])], {}),
    # isin
    ("isin/values", "elementwise", "torch.isin", lambda: [I([[1, 2, 3], [4, 5, 6]]), I([2, 6, 9])], {}),
    ("isin/invert", "elementwise", "torch.isin", lambda: [I([1, 2, 3, 4]), I([2, 4])], {"invert": True}),
    ("isin/assume unique", "elementwise", "torch.isin", lambda: [I([1, 2, 3, 4]), I([4, 1])], {"assume_unique": True}),
    ("isin/floats nan zeros", "elementwise", "torch.isin", lambda: [T([NAN, -0.0, 0.0, 1.0, INF, 2.5], grad=False), T([NAN, 0.0, INF], grad=False)], {}),
    ("isin/int and float", "elementwise", "torch.isin", lambda: [I([1, 2, 3]), T([2.0, 3.5], grad=False)], {}),
    ("isin/float32 and float64", "elementwise", "torch.isin", lambda: [T([0.1, 0.2], grad=False), T([0.1], dtype=torch.float64, grad=False)], {}),
    ("isin/scalar element", "elementwise", "torch.isin", lambda: [2, I([1, 2])], {}),
    ("isin/scalar test", "elementwise", "torch.isin", lambda: [T([1.0, 2.0, 2.5], grad=False), 2.5], {}),
    ("isin/scalar test invert", "elementwise", "torch.isin", lambda: [I([1, 2, 3]), 2], {"invert": True}),
    ("isin/empty", "elementwise", "torch.isin", lambda: [R(0, grad=False), R(3, grad=False)], {}),
    ("isin/empty test", "elementwise", "torch.isin", lambda: [R(2, 2, grad=False), R(0, grad=False)], {"invert": True}),
    ("isin/large", "elementwise", "torch.isin", lambda: [torch.randint(0, 50, (200,)), torch.randint(0, 50, (60,))], {}),
]

# gumbel_softmax: the call right after torch.manual_seed(seed)
RANDOM = [
    ("gumbel_softmax/soft", "softmax", "F.gumbel_softmax", lambda: [R(4, 6)], {}),
    ("gumbel_softmax/tau", "softmax", "F.gumbel_softmax", lambda: [R(3, 5)], {"tau": 0.5}),
    ("gumbel_softmax/hard", "softmax", "F.gumbel_softmax", lambda: [R(5, 4)], {"hard": True}),
    ("gumbel_softmax/hard dim 0", "softmax", "F.gumbel_softmax", lambda: [R(4, 3)], {"hard": True, "dim": 0, "tau": 2.0}),
    ("gumbel_softmax/positional", "softmax", "F.gumbel_softmax", lambda: [R(2, 3, 4), 0.7, True, 1e-10, 1], {}),
    ("gumbel_softmax/float64", "softmax", "F.gumbel_softmax", lambda: [D(3, 4)], {"hard": True}),
    ("gumbel_softmax/float64 soft", "softmax", "F.gumbel_softmax", lambda: [D(20)], {"tau": 0.3}),
    ("gumbel_softmax/large", "softmax", "F.gumbel_softmax", lambda: [R(8, 40)], {}),
    ("gumbel_softmax/ties", "softmax", "F.gumbel_softmax", lambda: [T([[0.0, 0.0, 0.0], [-INF, 1.0, -INF]])], {"hard": True}),
]

DD = [
    ("histogramdd/int bins", "torch.histogramdd", lambda: [R(20, 2, grad=False), 3], {}),
    ("histogramdd/bins per dim range", "torch.histogramdd", lambda: [R(30, 3, grad=False), [2, 3, 4]], {"range": L([-1.0, 1.0, -2.0, 2.0, 0.0, 2.0])}),
    ("histogramdd/tensor bins weight density", "torch.histogramdd", lambda: [R(4, 5, 2, grad=False), L([T([-2.0, 0.0, 2.0], grad=False), T([-1.0, 0.0, 0.5, 1.0], grad=False)])], lambda: {"weight": R(4, 5, lo=0.0, grad=False), "density": True}),
    ("histogramdd/one dim", "torch.histogramdd", lambda: [Q(12, 1), [4]], {}),
]

ERRORS = [
    ("pdist/3-D", "torch.pdist", lambda: [R(2, 3, 4)], {}),
    ("pdist/1-D", "F.pdist", lambda: [R(3)], {}),
    ("pdist/long", "torch.pdist", lambda: [I([[1, 2], [3, 4]])], {}),
    ("pdist/negative p", "torch.pdist", lambda: [R(3, 2)], {"p": -1.0}),
    ("hamming_window/int dtype", "torch.hamming_window", lambda: [4, True, 0.5, 0.5], {"dtype": torch.int64}),
    ("hamming_window/negative length", "torch.hamming_window", lambda: [-1, True, 0.5, 0.5], {}),
    ("histogram/long", "torch.histogram", lambda: [I([1, 2]), 3], {}),
    ("histogram/bins 0", "torch.histogram", lambda: [R(4, grad=False), 0], {}),
    ("histogram/reversed range", "torch.histogram", lambda: [R(4, grad=False), 3], {"range": L([2.0, 1.0])}),
    ("histogram/nan without range", "torch.histogram", lambda: [T([1.0, NAN], grad=False), 3], {}),
    ("histogram/inf data", "torch.histogram", lambda: [T([1.0, INF], grad=False), 3], {}),
    ("histogram/bins dtype", "torch.histogram", lambda: [R(4, grad=False), T([0.0, 1.0], dtype=torch.float64, grad=False)], {}),
    ("histogram/bins 2-D", "torch.histogram", lambda: [R(4, grad=False), T([[0.0, 1.0]], grad=False)], {}),
    ("histogram/empty bins", "torch.histogram", lambda: [R(4, grad=False), T([], grad=False)], {}),
    ("histogram/weight dtype", "torch.histogram", lambda: [R(4, grad=False), 2], lambda: {"weight": D(4, grad=False)}),
    ("histogramdd/range length", "torch.histogramdd", lambda: [R(4, 2, grad=False), 2], {"range": L([0.0, 1.0])}),
    ("unique_consecutive/dim range", "torch.unique_consecutive", lambda: [R(2, 3, grad=False)], {"dim": 2}),
    ("unique_consecutive/0-d dim", "torch.unique_consecutive", lambda: [T(1.0, grad=False)], {"dim": 0}),
    ("unique_consecutive/zero size not selected", "torch.unique_consecutive", lambda: [R(2, 0, grad=False)], {"dim": 0}),
    ("gradient/edge order 3", "torch.gradient", lambda: [R(5)], {"edge_order": 3}),
    ("gradient/too short", "torch.gradient", lambda: [R(4, 2)], {"edge_order": 2}),
    ("gradient/too short edge 1", "torch.gradient", lambda: [R(1, 4)], {"dim": 0}),
    ("gradient/spacing length", "torch.gradient", lambda: [R(3, 4, 5)], {"spacing": L([1.0, 2.0])}),
    ("gradient/spacing and dim", "torch.gradient", lambda: [R(3, 4)], {"spacing": L([1.0, 2.0]), "dim": [0]}),
    ("gradient/repeated dim", "torch.gradient", lambda: [R(3, 4)], {"dim": [1, -1]}),
    ("gradient/dim range", "torch.gradient", lambda: [R(3, 4)], {"dim": 2}),
    ("gradient/coordinates 2-D", "torch.gradient", lambda: [R(3)], {"spacing": L([T([[0.0, 1.0, 2.0]], grad=False)])}),
    # PyTorch's parser: no overload fits (JS arrays are Python lists in its message)
    ("histogram/range with tensor bins", "torch.histogram", lambda: [R(4, grad=False), T([0.0, 1.0], grad=False)], {"range": L([0.0, 1.0])}),
    ("histogram/range type", "torch.histogram", lambda: [R(4, grad=False), 3], {"range": "a"}),
    ("histogram/range length", "torch.histogram", lambda: [R(4, grad=False), 3], {"range": L([0.0])}),
    ("gradient/spacing tensor", "torch.gradient", lambda: [R(4)], lambda: {"spacing": T([0.0, 1.0, 2.0, 3.0], grad=False)}),
    ("gradient/spacing str", "torch.gradient", lambda: [R(4)], {"spacing": "a"}),
    ("gradient/positional", "torch.gradient", lambda: [R(4), 1], {}),
    ("isin/numbers", "torch.isin", lambda: [1, 2], {}),
    ("histogramdd/range type", "torch.histogramdd", lambda: [R(4, 2, grad=False), 2], {"range": "a"}),
    ("histogramdd/range element", "torch.histogramdd", lambda: [R(4, 2, grad=False), 2], {"range": L([0.0, 1.0, "a", 2.0])}),
    ("gradient/no input", "torch.gradient", lambda: [], {}),
    ("isin/bool", "torch.isin", lambda: [T([True], dtype=torch.bool), T([True], dtype=torch.bool)], {}),
]

SECOND = [
    # (PyTorch 1.13 has no derivative for _pdist_backward: pdist's second order is not checked)
    ("gradient/second coordinates", "torch.gradient", lambda: [R(5)], lambda: {"spacing": L([R(5, lo=0.0, hi=1.0).cumsum(0).detach().requires_grad_()]), "edge_order": 2}),
]


def kw(kwargs):
    """A case's keyword arguments: a lambda where they hold random tensors, drawn inside its seed."""
    return kwargs() if callable(kwargs) else kwargs


def error_with_lists(name, call, args, kwargs):
    """gen_numeric_fixtures.error_of, with the keyword lists passed as plain Python lists (PyTorch's messages name their type)."""
    plain = {k: list(v) if isinstance(v, L) else v for k, v in kwargs.items()}
    e = None
    try:
        base.resolve(call)(*args, **plain)
    except (RuntimeError, TypeError, ValueError, IndexError) as err:
        e = err
    assert e is not None, f"{name}: PyTorch accepted {call}"
    return {"name": name, "call": call, "args": [base.enc_arg(a) for a in args],
            "kwargs": {k: base.enc_arg(v) for k, v in kwargs.items()}, "type": type(e).__name__, "message": str(e)}


def gradient_first(*args, **kwargs):
    return torch.gradient(*args, **kwargs)[0]


def main():
    cases, random, dd, errors, second = [], [], [], [], []
    for name, family, call, make, kwargs in CASES:
        with base.seeded(name):
            # histogram's outputs carry PyTorch's NotImplemented node: no backward to record
            cases.append(base.run_case(name, family, call, make(), kw(kwargs), grads=not name.startswith("histogram/")))
    for name, family, call, make, kwargs in RANDOM:
        with base.seeded(name):
            args = make()
            seed = zlib.crc32((name + "/draw").encode())
            torch.manual_seed(seed)
            c = base.run_case(name, family, call, args, kwargs)
            c["seed"] = seed
            random.append(c)
    for name, call, make, kwargs in DD:
        with base.seeded(name):
            args, kwargs = make(), kw(kwargs)
            hist, edges = base.resolve(call)(*args, **kwargs)
            dd.append({"name": name, "call": call, "args": [base.enc_arg(a) for a in args],
                       "kwargs": {k: base.enc_arg(v) for k, v in kwargs.items()},
                       "out": [base.enc_tensor(hist)] + [base.enc_tensor(e) for e in edges]})
    for name, call, make, kwargs in ERRORS:
        with base.seeded(name):
            errors.append(error_with_lists(name, call, make(), kw(kwargs)))
    for name, call, make, kwargs in SECOND:
        with base.seeded(name):
            # torch.gradient's first output stands for the call (second_of differentiates one tensor)
            if call == "torch.gradient":
                torch.__gradient_first__ = gradient_first
                s = second_of(name, "torch.__gradient_first__", make(), kw(kwargs))
                s["call"] = call
            else:
                s = second_of(name, call, make(), kw(kwargs))
            second.append(s)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.nn.functional.gumbel_softmax(torch.zeros(2, 3), eps=1e-5)
    warned = {"gumbel_softmax/eps": str(caught[0].message)}
    base.write(OUT, {"generator": "scripts/gen_fns_fixtures.py", "torch": torch.__version__, "warnings": warned,
                     "cases": cases, "random": random, "dd": dd, "errors": errors, "second": second})
    print(f"wrote {OUT}: {len(cases)} cases, {len(random)} random, {len(dd)} histogramdd, {len(errors)} errors, {len(second)} second-order")


if __name__ == "__main__":
    main()
