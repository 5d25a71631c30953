"""torch.special's aliases and compositions, and the numeric compositions of torch.*
(src/ops/special.ts, src/ops/numeric.ts; helper h-special), against PyTorch.

Each case is drawn under the seed of its own id. Output: test/fixtures/special_compose.json =
{"generator", "torch", "aliases": {alias: target}, "missing": [names PyTorch lacks], "cases":
[gen_fixtures.run_case's CASE], "errors": [{"name", "call", "args", "kwargs", "type", "message"}]}.
PyTorch 2 semantics where 1.13 differs are passed explicitly (none needed so far).
"""

import math
import os
import re
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402
from gen_fixtures import L  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(base.OUT_DIR, "special_compose.json")
NAN, INF = float("nan"), float("inf")


def R(*shape, lo=-2.0, hi=2.0, grad=True, dtype=torch.float32):
    return (torch.rand(shape, dtype=torch.float64) * (hi - lo) + lo).to(dtype).requires_grad_(grad)


def T(values, grad=True, dtype=torch.float32):
    return torch.tensor(values, dtype=dtype).requires_grad_(grad)


def D(*shape, **kw):
    return R(*shape, dtype=torch.float64, **kw)


def I(values):
    return torch.tensor(values, dtype=torch.int64)


def special_aliases():
    text = open(os.path.join(ROOT, "src/ops/aliases.ts")).read()
    block = re.search(r"SPECIAL_ALIASES = \{([^}]*)\}", text).group(1)
    return dict(re.findall(r"(\w+): '(\w+)'", block))


# the arguments an alias's target takes, drawn in the case's seed
ALIAS_ARGS = {
    "logit": lambda: [R(3, 4, lo=0.05, hi=0.95)],
    "erfinv": lambda: [R(3, 4, lo=-0.9, hi=0.9)],
    "log1p": lambda: [R(3, 4, lo=-0.5, hi=2.0)],
    "lgamma": lambda: [R(3, 4, lo=0.1, hi=4.0)],
    "digamma": lambda: [R(3, 4, lo=0.1, hi=4.0)],
    "xlogy": lambda: [R(3, 4), R(3, 4, lo=0.1, hi=2.0)],
    "softmax": lambda: [R(3, 4), 1],
    "log_softmax": lambda: [R(3, 4), 0],
    "logsumexp": lambda: [R(3, 4), 1],
    "round": lambda: [R(3, 4, lo=-3.0, hi=3.0)],
}

EDGE = [-INF, -3.0, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 3.0, INF, NAN]

CASES = [
    # torch.special compositions
    ("ndtr/values", "elementwise", "torch.special.ndtr", lambda: [R(3, 4, lo=-4.0, hi=4.0)], {}),
    ("ndtr/edges", "elementwise", "torch.special.ndtr", lambda: [T(EDGE)], {}),
    ("ndtr/float64", "elementwise", "torch.special.ndtr", lambda: [D(5, lo=-6.0, hi=6.0)], {}),
    ("round/decimals", "elementwise", "torch.special.round", lambda: [R(3, 4, lo=-3.0, hi=3.0)], {"decimals": 1}),
    ("multigammaln/p 1", "elementwise", "torch.special.multigammaln", lambda: [R(4, lo=0.5, hi=5.0), 1], {}),
    ("multigammaln/p 3", "elementwise", "torch.special.multigammaln", lambda: [R(2, 3, lo=1.5, hi=5.0), 3], {}),
    ("multigammaln/float64", "elementwise", "torch.special.multigammaln", lambda: [D(4, lo=2.0, hi=6.0)], {"p": 4}),
    ("ndtri/tails float64", "elementwise", "torch.special.ndtri", lambda: [T([1e-300, 1e-100, 1e-20, 1e-5, 0.3, 0.5, 0.7, 1 - 1e-12], dtype=torch.float64)], {}),
    ("log_ndtr/far tail float64", "elementwise", "torch.special.log_ndtr", lambda: [T([-1e5, -300.0, -40.0, -5.0, 0.0, 10.0, 40.0], dtype=torch.float64)], {}),
    ("erfcx/wide float64", "elementwise", "torch.special.erfcx", lambda: [T([-26.0, -5.0, 0.0, 1.9, 2.0, 2.1, 50.0, 1e8, 1e300], dtype=torch.float64)], {}),
    ("i0/wide float64", "elementwise", "torch.special.i0", lambda: [T([-700.0, -30.0, -19.99, 0.0, 1e-10, 5.0, 20.01, 500.0, 709.0], dtype=torch.float64)], {}),
    ("i1e/wide float64", "elementwise", "torch.special.i1e", lambda: [T([-1e4, -30.0, -20.0, 0.0, 1e-10, 5.0, 20.0, 1e4], dtype=torch.float64)], {}),
    ("xlog1py/numbers", "elementwise", "torch.special.xlog1py", lambda: [T([0.0, 0.0, 2.0, -1.5, 1.0]), T([-1.0, -2.0, -1.0, 3.0, NAN])], {}),
    # diff
    ("diff/1-D", "shape", "torch.diff", lambda: [R(6)], {}),
    ("diff/n 2 dim 0", "shape", "torch.diff", lambda: [R(5, 3)], {"n": 2, "dim": 0}),
    ("diff/prepend append", "shape", "torch.diff", lambda: [R(2, 4), 1, -1, R(2, 1), R(2, 2)], {}),
    ("diff/n beyond size", "shape", "torch.diff", lambda: [R(3)], {"n": 5}),
    ("diff/n 0", "shape", "torch.diff", lambda: [R(3), 0], {}),
    ("diff/negative n", "shape", "torch.diff", lambda: [R(3)], {"n": -1}),  # 1.13 returns input (no check)
    ("diff/int64", "shape", "torch.diff", lambda: [I([1, 4, 9, 16])], {}),
    ("diff/bool", "shape", "torch.diff", lambda: [torch.tensor([True, False, False, True])], {}),
    ("diff/method float64", "shape", "Tensor.diff", lambda: [D(4, 3)], {"dim": 0}),
    ("diff/empty", "shape", "torch.diff", lambda: [R(0, 3)], {"dim": 0}),
    # trapezoid family
    ("trapezoid/dx", "reduction", "torch.trapezoid", lambda: [R(3, 5)], {"dx": 0.5}),
    ("trapezoid/x 1-D", "reduction", "torch.trapezoid", lambda: [R(3, 4), R(4, grad=False)], {"dim": 1}),
    ("trapezoid/x full dim 0", "reduction", "torch.trapezoid", lambda: [R(4, 3), R(4, 3)], {"dim": 0}),
    ("trapezoid/default float64", "reduction", "torch.trapezoid", lambda: [D(6)], {}),
    ("trapezoid/empty dim", "reduction", "torch.trapezoid", lambda: [R(2, 0)], {}),
    ("trapz/x", "reduction", "torch.trapz", lambda: [R(2, 5), R(5, grad=False)], {}),
    ("trapz/dx", "reduction", "torch.trapz", lambda: [R(2, 5)], {"dx": 2.0, "dim": 0}),
    ("cumulative_trapezoid/dx", "reduction", "torch.cumulative_trapezoid", lambda: [R(3, 5)], {"dx": 0.25}),
    ("cumulative_trapezoid/x", "reduction", "torch.cumulative_trapezoid", lambda: [R(3, 5), R(5, grad=False)], {}),
    ("cumulative_trapezoid/float64 dim 0", "reduction", "torch.cumulative_trapezoid", lambda: [D(4, 2)], {"dim": 0}),
    # cov and corrcoef
    ("cov/2-D", "reduction", "torch.cov", lambda: [R(3, 6)], {}),
    ("cov/1-D correction 0", "reduction", "torch.cov", lambda: [R(5)], {"correction": 0}),
    ("cov/fweights aweights", "reduction", "torch.cov", lambda: [R(2, 4)], {"fweights": I([1, 2, 1, 3]), "aweights": R(4, lo=0.1, hi=1.0, grad=False)}),
    ("cov/method float64", "reduction", "Tensor.cov", lambda: [D(2, 5)], {}),
    ("corrcoef/2-D", "reduction", "torch.corrcoef", lambda: [R(3, 6)], {}),
    ("corrcoef/perfect", "reduction", "torch.corrcoef", lambda: [T([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]])], {}),
    ("corrcoef/1-D", "reduction", "torch.corrcoef", lambda: [R(4)], {}),
    ("corrcoef/method float64", "reduction", "Tensor.corrcoef", lambda: [D(3, 4)], {}),
    # cartesian_prod, combinations, vander, block_diag
    ("cartesian_prod/two", "shape", "torch.cartesian_prod", lambda: [R(2), R(3)], {}),
    ("cartesian_prod/three", "shape", "torch.cartesian_prod", lambda: [R(2), R(1), R(2)], {}),
    ("cartesian_prod/one", "shape", "torch.cartesian_prod", lambda: [R(3)], {}),
    ("combinations/r 2", "shape", "torch.combinations", lambda: [R(4)], {}),
    ("combinations/r 3 replacement", "shape", "torch.combinations", lambda: [R(3), 3, True], {}),
    ("combinations/r 0", "shape", "torch.combinations", lambda: [R(3)], {"r": 0}),
    ("combinations/r beyond", "shape", "torch.combinations", lambda: [R(2)], {"r": 3}),
    # values only: 1.13's vander backward raises (its in-place cumprod); test/special-compose.test.ts gradchecks it
    ("vander/default", "reduction", "torch.vander", lambda: [R(3, grad=False)], {}),
    ("vander/N increasing", "reduction", "torch.vander", lambda: [R(4, grad=False)], {"N": 3, "increasing": True}),
    ("vander/int64", "reduction", "torch.vander", lambda: [I([1, 2, 3])], {"N": 4}),
    ("vander/N 1", "reduction", "torch.vander", lambda: [R(2, grad=False)], {"N": 1}),
    ("block_diag/mixed", "shape", "torch.block_diag", lambda: [R(2, 2), R(3), R(1, 2), T(5.0)], {}),
    ("block_diag/float64 and int", "shape", "torch.block_diag", lambda: [D(2, 1), I([[1, 2]])], {}),
    # not differentiable: computed from the values
    ("searchsorted/1-D", "shape", "torch.searchsorted", lambda: [T([1.0, 3.0, 5.0, 7.0], grad=False), T([[0.0, 3.0, 6.0], [7.0, 8.0, 1.0]], grad=False)], {}),
    ("searchsorted/right ties", "shape", "torch.searchsorted", lambda: [T([1.0, 2.0, 2.0, 2.0, 3.0], grad=False), T([2.0, 2.0, 0.0, 3.0], grad=False)], {"right": True}),
    ("searchsorted/side left ties", "shape", "torch.searchsorted", lambda: [T([1.0, 2.0, 2.0, 2.0, 3.0], grad=False), T([2.0, 3.0], grad=False)], {"side": "left"}),
    ("searchsorted/side right", "shape", "torch.searchsorted", lambda: [T([1.0, 2.0, 2.0, 3.0], grad=False), T([2.0, 4.0], grad=False)], {"side": "right"}),
    ("searchsorted/nan inf", "shape", "torch.searchsorted", lambda: [T([-INF, 0.0, 1.0, INF, NAN], grad=False), T([NAN, INF, -INF, 0.5], grad=False)], {}),
    ("searchsorted/nan inf right", "shape", "torch.searchsorted", lambda: [T([-INF, 0.0, 1.0, INF, NAN], grad=False), T([NAN, INF, -INF, 0.5], grad=False)], {"right": True}),
    ("searchsorted/batched", "shape", "torch.searchsorted", lambda: [T([[1.0, 2.0, 3.0], [0.0, 5.0, 9.0]], grad=False), T([[2.5, 0.0], [5.0, 10.0]], grad=False)], {}),
    ("searchsorted/sorter", "shape", "torch.searchsorted", lambda: [T([3.0, 1.0, 2.0, 5.0], grad=False), T([2.0, 4.0, 0.0], grad=False)], {"sorter": I([1, 2, 0, 3])}),
    ("searchsorted/out_int32", "shape", "torch.searchsorted", lambda: [T([1.0, 2.0], grad=False), T([1.5], grad=False)], {"out_int32": True}),
    ("searchsorted/empty values", "shape", "torch.searchsorted", lambda: [T([1.0, 2.0], grad=False), R(0, grad=False)], {}),
    ("searchsorted/int64", "shape", "torch.searchsorted", lambda: [I([1, 3, 5]), I([0, 3, 9])], {}),
    ("searchsorted/float64", "shape", "torch.searchsorted", lambda: [T([0.1, 0.2, 0.3], grad=False, dtype=torch.float64), T([0.2, 0.25], grad=False, dtype=torch.float64)], {}),
    ("bucketize/left", "shape", "torch.bucketize", lambda: [T([[0.5, 1.0], [4.0, 9.0]], grad=False), T([1.0, 2.0, 4.0], grad=False)], {}),
    ("bucketize/right ties", "shape", "torch.bucketize", lambda: [T([1.0, 2.0, 2.0, 4.0, NAN], grad=False), T([1.0, 2.0, 2.0, 4.0], grad=False)], {"right": True}),
    ("bucketize/int32", "shape", "torch.bucketize", lambda: [T([3.0], grad=False), T([1.0, 5.0], grad=False)], {"out_int32": True}),
    ("bincount/plain", "shape", "torch.bincount", lambda: [I([0, 2, 2, 5, 1])], {}),
    ("bincount/weights minlength", "shape", "torch.bincount", lambda: [I([0, 2, 2]), T([0.5, 1.0, 2.0], grad=False)], {"minlength": 5}),
    ("bincount/float64 weights", "shape", "torch.bincount", lambda: [I([1, 1, 3]), T([0.5, 1.0, 2.0], grad=False, dtype=torch.float64)], {}),
    ("bincount/empty", "shape", "torch.bincount", lambda: [torch.tensor([], dtype=torch.int64)], {}),
    ("bincount/method", "shape", "Tensor.bincount", lambda: [I([3, 3, 0])], {}),
    ("histc/default range", "shape", "torch.histc", lambda: [R(20, grad=False)], {"bins": 4}),
    # no NaN: 1.13 casts (NaN − min)·bins to an integer (undefined in C++) and counts it in bin 0
    ("histc/given range", "shape", "torch.histc", lambda: [T([0.0, 1.0, 1.0, 2.0, 3.0, -1.0, 4.0, 0.75], grad=False), 4, 0, 3], {}),
    ("histc/constant", "shape", "torch.histc", lambda: [T([2.0, 2.0], grad=False)], {"bins": 3}),
    ("histc/method float64", "shape", "Tensor.histc", lambda: [D(10, grad=False)], {"bins": 5, "min": -1, "max": 1}),
    ("heaviside/broadcast", "elementwise", "torch.heaviside", lambda: [T([-1.0, 0.0, 2.0, NAN, -0.0, INF], grad=False), T([0.5], grad=False)], {}),
    ("heaviside/method", "elementwise", "Tensor.heaviside", lambda: [T([[0.0, 1.0], [-2.0, 0.0]], grad=False), T([7.0, 8.0], grad=False)], {}),
    ("tril_indices/square", "shape", "torch.tril_indices", lambda: [3, 3], {}),
    ("tril_indices/offset", "shape", "torch.tril_indices", lambda: [4, 3, 1], {}),
    ("tril_indices/negative offset", "shape", "torch.tril_indices", lambda: [3, 4, -1], {}),
    ("tril_indices/empty", "shape", "torch.tril_indices", lambda: [0, 3], {}),
    ("triu_indices/square", "shape", "torch.triu_indices", lambda: [3, 3], {}),
    ("triu_indices/offset", "shape", "torch.triu_indices", lambda: [3, 5, 2], {}),
    ("triu_indices/negative offset", "shape", "torch.triu_indices", lambda: [4, 3, -2], {}),
    ("hann_window/periodic", "elementwise", "torch.hann_window", lambda: [8], {}),
    ("hann_window/symmetric float64", "elementwise", "torch.hann_window", lambda: [7, False], {"dtype": torch.float64}),
    ("hann_window/one", "elementwise", "torch.hann_window", lambda: [1], {}),
    ("hann_window/zero", "elementwise", "torch.hann_window", lambda: [0], {}),
    ("hamming_window/periodic", "elementwise", "torch.hamming_window", lambda: [6], {}),
    ("hamming_window/symmetric", "elementwise", "torch.hamming_window", lambda: [5, False], {}),
    ("blackman_window/periodic", "elementwise", "torch.blackman_window", lambda: [8], {}),
    ("blackman_window/symmetric float64", "elementwise", "torch.blackman_window", lambda: [5, False], {"dtype": torch.float64}),
    ("bartlett_window/periodic", "elementwise", "torch.bartlett_window", lambda: [6], {}),
    ("bartlett_window/symmetric odd", "elementwise", "torch.bartlett_window", lambda: [5, False], {}),
    ("bartlett_window/symmetric even", "elementwise", "torch.bartlett_window", lambda: [4, False], {}),
    ("kaiser_window/default", "elementwise", "torch.kaiser_window", lambda: [6], {}),
    ("kaiser_window/beta symmetric float64", "elementwise", "torch.kaiser_window", lambda: [5, False, 5.0], {"dtype": torch.float64}),
]

ERRORS = [
    ("diff/0-d", "torch.diff", lambda: [T(1.0)], {}),
    ("diff/prepend dims", "torch.diff", lambda: [R(2, 3)], {"prepend": R(3)}),
    ("diff/prepend shape", "torch.diff", lambda: [R(2, 3)], {"dim": 1, "append": R(3, 3)}),
    ("diff/n float", "torch.diff", lambda: [R(3), 1.5], {}),
    ("searchsorted/shapes", "torch.searchsorted", lambda: [R(2, 3, grad=False), R(3, 1, grad=False)], {}),
    ("searchsorted/side right and left", "torch.searchsorted", lambda: [R(3, grad=False), R(2, grad=False)], {"side": "left", "right": True}),
    ("searchsorted/side bad", "torch.searchsorted", lambda: [R(3, grad=False), R(2, grad=False)], {"side": "middle"}),
    ("searchsorted/sorter size", "torch.searchsorted", lambda: [R(3, grad=False), R(2, grad=False)], {"sorter": I([0, 1])}),
    ("bucketize/2-D boundaries", "torch.bucketize", lambda: [R(3, grad=False), R(2, 2, grad=False)], {}),
    ("bincount/negative", "torch.bincount", lambda: [I([1, -1])], {}),
    ("bincount/float", "torch.bincount", lambda: [R(3, grad=False)], {}),
    ("bincount/2-D", "torch.bincount", lambda: [I([[1, 2]])], {}),
    ("bincount/weights length", "torch.bincount", lambda: [I([1, 2]), R(3, grad=False)], {}),
    ("bincount/minlength", "torch.bincount", lambda: [I([1, 2])], {"minlength": -1}),
    ("histc/bins", "torch.histc", lambda: [R(3, grad=False), 0], {}),
    ("histc/min over max", "torch.histc", lambda: [R(3, grad=False), 4, 2, 1], {}),
    ("histc/int64", "torch.histc", lambda: [I([1, 2])], {}),
    ("tril_indices/negative row", "torch.tril_indices", lambda: [-1, 3], {}),
    ("triu_indices/negative col", "torch.triu_indices", lambda: [3, -2], {}),
    ("hann_window/negative", "torch.hann_window", lambda: [-1], {}),
    ("kaiser_window/int dtype", "torch.kaiser_window", lambda: [4], {"dtype": torch.int64}),
    ("combinations/2-D", "torch.combinations", lambda: [R(2, 2)], {}),
    ("combinations/negative r", "torch.combinations", lambda: [R(3)], {"r": -1}),
    ("cartesian_prod/2-D", "torch.cartesian_prod", lambda: [R(2), R(2, 2)], {}),
    ("vander/2-D", "torch.vander", lambda: [R(2, 2)], {}),
    ("vander/negative N", "torch.vander", lambda: [R(2)], {"N": -1}),
    ("block_diag/3-D", "torch.block_diag", lambda: [R(2), R(1, 1, 1)], {}),
    ("cov/3-D", "torch.cov", lambda: [R(2, 2, 2)], {}),
    ("cov/fweights float", "torch.cov", lambda: [R(2, 3)], {"fweights": R(3, grad=False)}),
    ("cov/fweights negative", "torch.cov", lambda: [R(2, 3)], {"fweights": I([1, -1, 1])}),
    ("cov/aweights numel", "torch.cov", lambda: [R(2, 3)], {"aweights": R(2, grad=False)}),
    ("cov/aweights int", "torch.cov", lambda: [R(2, 3)], {"aweights": I([1, 1, 1])}),
    ("corrcoef/3-D", "torch.corrcoef", lambda: [R(2, 2, 2)], {}),
    ("trapezoid/x size", "torch.trapezoid", lambda: [R(3, 4), R(3, grad=False)], {}),
    ("multigammaln/p 0", "torch.special.multigammaln", lambda: [R(3), 0], {}),
    ("multigammaln/p float", "torch.special.multigammaln", lambda: [R(3), 1.5], {}),
    ("ndtr/not a tensor", "torch.special.ndtr", lambda: ["a"], {}),
]


def main():
    aliases = special_aliases()
    missing = [f"torch.special.{a}" for a in aliases if not hasattr(torch.special, a)]
    cases = []
    for alias, target in aliases.items():
        name = f"special.{alias}"
        with base.seeded(name):
            args = ALIAS_ARGS.get(target, lambda: [R(3, 4)])()
            c = base.run_case(name, "elementwise", f"torch.special.{alias}", args)
            expected = base.resolve(f"torch.{target}")(*[a.detach() if isinstance(a, torch.Tensor) else a for a in args])
            assert torch.allclose(expected, base.dec_tensor(c["out"]), equal_nan=True), f"{name} differs from torch.{target}"
            cases.append(c)
    for name, family, call, make, kwargs in CASES:
        with base.seeded(name):
            args = make()
            cases.append(base.run_case(name, family, call, args, kwargs))
    errors = []
    for name, call, make, kwargs in ERRORS:
        with base.seeded(name):
            args = make()
            try:
                base.resolve(call)(*args, **kwargs)
            except (RuntimeError, TypeError, ValueError, IndexError) as e:
                errors.append({"name": name, "call": call, "args": [base.enc_arg(a) for a in args],
                               "kwargs": {k: base.enc_arg(v) for k, v in kwargs.items()},
                               "type": type(e).__name__, "message": str(e)})
                continue
            raise AssertionError(f"{name}: PyTorch accepted {call}")
    base.write(OUT, {"generator": "scripts/gen_special_compose_fixtures.py", "torch": torch.__version__,
                     "aliases": aliases, "missing": missing, "cases": cases, "errors": errors})
    print(f"wrote {OUT}: {len(cases)} cases, {len(errors)} errors")


if __name__ == "__main__":
    main()
