#!/usr/bin/python3
"""
gen_edge_fixtures.py -- PyTorch's outputs and gradients at the points the random fixtures
of gen_fixtures.py keep away from: zeros, kinks, ties, +-inf, NaN, huge values and empty
tensors, for every op of wasmgrad's op table that has such a point.

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_edge_fixtures.py

Output: test/fixtures/edges.json = { "generator", "torch", "cases": [CASE, ...] }, read by
test/edges.test.ts. CASE is the case format of ops.json (see the docstring of
scripts/gen_fixtures.py, whose case builder this script reuses), plus one optional key:

  "signed_zeros": true      the sign of every zero in the output and the gradients is
                            PyTorch's result (e.g. neg(0.) is -0., 1/-0. is -inf), so the
                            test compares zeros by sign too
  "tol": {"rtol", "atol"}   a tolerance tighter than the family's, where the point of the
                            case is a value far below the family's atol

Each case seeds torch's generator from its own name (crc32), so adding, removing or
reordering a case never changes another case's inputs or upstream gradient. Most inputs
are written out by hand: the points themselves are the test.

PyTorch 2 semantics: where Debian's 1.13 differs from PyTorch 2 at one of these points,
the case's output is PyTorch 2's formula computed with 1.13's ops (edge(torch2=...)), and
docs/api.md lists the difference: binary_cross_entropy_with_logits, whose forward PyTorch 2
computes through log_sigmoid.
"""

import math
import os
import sys
import zlib

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
import torch.nn.functional as F  # noqa: F401  (resolved by name in the case builder)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the case builder and the tensor encoding)

GENERATOR = "scripts/gen_edge_fixtures.py"
OUT = os.path.join(base.OUT_DIR, "edges.json")

NAN, INF = math.nan, math.inf
CASES = []


def t(*values, grad=True, shape=None):
    """A float32 leaf holding exactly `values` (reshaped to `shape`)."""
    x = torch.tensor(values, dtype=torch.float32)
    if shape is not None:
        x = x.reshape(shape)
    return x.requires_grad_(grad)


def labels(*values):
    return torch.tensor(values, dtype=torch.int64)


def empty(*shape, grad=True):
    return torch.zeros(shape).requires_grad_(grad)


def edge(name, family, call, make_args, kwargs=None, signed_zeros=False, torch2=None, tol=None):
    """One case: seed from the name, build the inputs, run and record it with base.run_case.
    torch2(*args, **kwargs), when given, is PyTorch 2's formula where 1.13 computes the output
    otherwise (written with 1.13's ops); tol overrides the family's tolerance."""
    assert all(c["name"] != name for c in CASES), f"{name}: names seed the inputs, so they are unique"
    torch.manual_seed(zlib.crc32(name.encode()))
    args = make_args()
    c = base.run_case(name, family, call, args, kwargs)
    if torch2 is not None:
        with torch.no_grad():
            c["out"] = base.enc_tensor(torch2(*args, **(kwargs or {})), requires_grad=True)
    if signed_zeros:
        c["signed_zeros"] = True
    if tol is not None:
        c["tol"] = tol
    CASES.append(c)


def bce_with_logits_torch2(x, t, reduction="mean", pos_weight=None):
    """PyTorch >= 2.1: (1 - t)·x - log_sigmoid(x)·((pos_weight - 1)·t + 1), log_sigmoid(x) = min(x, 0) - log1p(exp(-|x|))
    (1.13 computes m + log(exp(-m) + exp(-x - m)), m = max(-x, 0), which rounds small losses away)."""
    log_sigmoid = torch.clamp(x, max=0) - torch.log1p(torch.exp(-x.abs()))
    if pos_weight is not None:
        log_sigmoid = log_sigmoid * ((pos_weight - 1) * t + 1)
    loss = (1 - t) * x - log_sigmoid
    return {"none": loss, "mean": loss.mean(), "sum": loss.sum()}[reduction]


# the values every unary op is tried at
SPECIALS = (0.0, -0.0, INF, -INF, NAN, 1.0, -1.0)


# ---------------------------------------------------------------------------------------
# pow, in its three forms
# ---------------------------------------------------------------------------------------

def pow_cases():
    fam = "elementwise"
    exps = (2.0, 1.0, 3.0, 0.5, 0.0, -1.0, -2.0, -0.5, 1.5, -2.5)
    n = len(exps)
    # tensor ** tensor: base 0 (and -0) with every exponent kind, both gradients
    edge("pow/tensor base 0 every exponent", fam, "torch.pow", lambda: [t(*[0.0] * n), t(*exps)])
    edge("pow/tensor base -0 every exponent", fam, "torch.pow", lambda: [t(*[-0.0] * n), t(*exps)],
         signed_zeros=True)
    edge("pow/tensor base 0 exponent without grad", fam, "torch.pow",
         lambda: [t(*[0.0] * n), t(*exps, grad=False)])
    edge("pow/tensor base 0 base without grad", fam, "torch.pow",
         lambda: [t(*[0.0] * n, grad=False), t(*exps)])
    edge("pow/tensor base 0 broadcast", fam, "torch.pow",
         lambda: [t(0.0, 2.0, shape=(2, 1)), t(0.0, 1.0, -1.0)])
    edge("pow/tensor negative base integer exponents", fam, "torch.pow",
         lambda: [t(-2.0, -1.5, -0.5, -3.0, -1.0, -2.0), t(2.0, 3.0, -1.0, 0.0, 4.0, -2.0)])
    edge("pow/tensor negative base fractional exponent", fam, "torch.pow",
         lambda: [t(-2.0, -0.5, -1.0), t(0.5, 1.5, -0.5)])
    edge("pow/tensor inf and nan", fam, "torch.pow",
         lambda: [t(INF, INF, -INF, -INF, NAN, NAN, 1.0, 1.0, 2.0, 0.5, -1.0, 0.0),
                  t(0.0, -1.0, 3.0, 2.0, 0.0, 1.0, NAN, INF, -INF, INF, INF, INF)])
    edge("pow/tensor overflow", fam, "torch.pow", lambda: [t(10.0, 10.0, 1e20), t(39.0, -46.0, 2.0)])
    # tensor ** number: PyTorch's special-cased exponents and the generic one
    points = (0.0, -0.0, 1.0, -1.0, -2.0, 0.5, INF, -INF, NAN)
    for e in (0, 1, 2, 3, 4, 0.5, -0.5, -1, -2, 1.5, -2.5, -3):
        edge(f"pow/scalar exponent {e} at 0, -0, +-1, -2, inf, nan", fam, "torch.pow",
             lambda: [t(*points), e], signed_zeros=True)
    for e in (NAN, INF, -INF):
        edge(f"pow/scalar exponent {e}", fam, "torch.pow", lambda: [t(*points), e])
    edge("pow/method scalar exponent 0 at 0", fam, "Tensor.pow", lambda: [t(0.0, -0.0, NAN), 0])
    # number ** tensor, base 0 included
    xs = (1.0, 2.0, 0.0, -1.0, 0.5, -0.5, INF, -INF, NAN, -0.0)
    for b in (0.0, 1.0, 2.0, -2.0, 0.5, INF, NAN):
        edge(f"pow/scalar base {b}", fam, "torch.pow", lambda: [b, t(*xs)])
    edge("pow/scalar base -0.0", fam, "torch.pow", lambda: [-0.0, t(1.0, 3.0, 2.0, -1.0, -2.0, 0.0, 0.5)],
         signed_zeros=True)
    edge("pow/scalar base 2 overflow", fam, "torch.pow", lambda: [2.0, t(200.0, -200.0, 127.0, 128.0)])


# ---------------------------------------------------------------------------------------
# other elementwise ops
# ---------------------------------------------------------------------------------------

def elementwise_cases():
    fam = "elementwise"
    # binary arithmetic at 0 and inf
    edge("div/by zero", fam, "torch.div",
         lambda: [t(0.0, 1.0, -1.0, 0.0, 1.0, INF, NAN, -0.0), t(0.0, 0.0, 0.0, -0.0, -0.0, 0.0, 0.0, 0.0)],
         signed_zeros=True)
    edge("div/tiny and huge denominators", fam, "torch.div",
         lambda: [t(1e-30, 1e30, 1e-20, 3.0, 1.0), t(1e-30, 1e-10, 1e20, 1e-38, 1e-45)])
    edge("div/inf over inf", fam, "torch.div", lambda: [t(INF, INF, -INF, 1.0), t(INF, -INF, 2.0, INF)])
    edge("div/broadcast zero denominator", fam, "torch.div",
         lambda: [t(1.0, 0.0, -2.0, 3.0, 0.0, 4.0, shape=(2, 3)), t(0.0, 2.0, -0.0)])
    edge("div/python scalar 0", fam, "torch.div", lambda: [t(1.0, -1.0, 0.0, INF, NAN), 0.0],
         signed_zeros=True)
    edge("div/python scalar -0", fam, "torch.div", lambda: [t(1.0, -1.0, 0.0, INF, NAN), -0.0],
         signed_zeros=True)
    edge("__rtruediv__/2 / x at 0", fam, "Tensor.__rtruediv__", lambda: [t(0.0, -0.0, INF, -INF, NAN, 4.0), 2.0],
         signed_zeros=True)
    edge("mul/zero times inf", fam, "torch.mul", lambda: [t(0.0, INF, -0.0, NAN, 0.0), t(INF, 0.0, 1.0, 0.0, -INF)])
    edge("mul/signed zeros", fam, "torch.mul", lambda: [t(0.0, -0.0, -0.0, 3.0), t(-2.0, 2.0, -0.0, -0.0)],
         signed_zeros=True)
    edge("add/inf minus inf", fam, "torch.add", lambda: [t(INF, INF, NAN, -0.0), t(-INF, INF, 1.0, -0.0)],
         signed_zeros=True)
    edge("sub/inf minus inf", fam, "torch.sub", lambda: [t(INF, -INF, NAN, -0.0), t(INF, INF, 1.0, 0.0)],
         signed_zeros=True)
    edge("neg/zeros inf nan", fam, "torch.neg", lambda: [t(*SPECIALS)], signed_zeros=True)

    # unary ops at their singular points
    for op in ("sqrt", "log"):
        edge(f"{op}/at 0, -0, negatives, inf, nan, denormal", fam, f"torch.{op}",
             lambda: [t(*SPECIALS, 1e-45, -1e-45, 4.0)], signed_zeros=True)
    for op in ("exp", "sigmoid", "tanh"):
        edge(f"{op}/at inf, nan and huge values", fam, f"torch.{op}",
             lambda: [t(*SPECIALS, 88.0, 89.0, -88.0, -104.0, 1e4, -1e4, 20.0, -20.0)])
    edge("sigmoid/tiny values", fam, "torch.sigmoid", lambda: [t(1e-8, -1e-8, 1e-45, 17.0, -17.0)])

    # the kinks
    for op in ("relu", "abs"):
        edge(f"{op}/at the kink, inf, nan, denormal", fam, f"torch.{op}",
             lambda: [t(*SPECIALS, 1e-45, -1e-45)], signed_zeros=True)
    edge("relu/F at the kink", "nn", "F.relu", lambda: [t(0.0, -0.0, NAN, 2.0)])

    # clamp at and beyond its bounds
    xs = (-1.0, -0.5, 0.0, 0.5, 1.0, NAN, INF, -INF)
    edge("clamp/at the bounds", fam, "torch.clamp", lambda: [t(*xs)], {"min": -0.5, "max": 0.5})
    edge("clamp/at the min bound only", fam, "torch.clamp", lambda: [t(*xs)], {"min": 0.0})
    edge("clamp/at the max bound only", fam, "torch.clamp", lambda: [t(*xs)], {"max": 0.5})
    edge("clamp/min == max", fam, "torch.clamp", lambda: [t(*xs)], {"min": 0.5, "max": 0.5})
    edge("clamp/min > max", fam, "torch.clamp", lambda: [t(*xs)], {"min": 1.0, "max": -1.0})
    edge("clamp/infinite bounds", fam, "torch.clamp", lambda: [t(*xs)], {"min": -INF, "max": INF})
    edge("clamp/nan min", fam, "torch.clamp", lambda: [t(*xs)], {"min": NAN})
    edge("clamp/nan max", fam, "torch.clamp", lambda: [t(*xs)], {"max": NAN})
    edge("clamp/nan min and max", fam, "torch.clamp", lambda: [t(*xs)], {"min": NAN, "max": NAN})
    edge("clamp/nan min, finite max", fam, "torch.clamp", lambda: [t(*xs)], {"min": NAN, "max": 0.5})
    edge("clamp/positional bounds at the bounds", fam, "torch.clamp", lambda: [t(*xs), -1.0, 1.0])
    edge("clamp/method at the bounds", fam, "Tensor.clamp", lambda: [t(*xs)], {"min": 0.0, "max": 1.0})

    # maximum / minimum: ties split the gradient, a NaN gives it to both
    a = (1.0, 2.0, 3.0, 0.0, -0.0, NAN, 1.0, NAN, INF, -INF)
    b = (1.0, 1.0, 3.0, -0.0, 0.0, 1.0, NAN, NAN, INF, -INF)
    for op in ("maximum", "minimum"):
        edge(f"{op}/ties and nan", fam, f"torch.{op}", lambda: [t(*a), t(*b)])
        edge(f"{op}/broadcast ties", fam, f"torch.{op}",
             lambda: [t(1.0, 2.0, 3.0, 3.0, NAN, 1.0, shape=(2, 3)), t(1.0, 2.0, 3.0)])
        edge(f"{op}/nan operand without grad", fam, f"torch.{op}",
             lambda: [t(NAN, 1.0, 2.0), t(1.0, NAN, 2.0, grad=False)])
        edge(f"{op}/method ties", fam, f"Tensor.{op}", lambda: [t(0.0, 5.0, NAN), t(0.0, 5.0, 0.0)])
    edge("max/binary ties and nan", "reduction", "torch.max", lambda: [t(*a), t(*b)])

    # empty tensors
    edge("add/empty broadcast", fam, "torch.add", lambda: [empty(0, 3), t(1.0, 2.0, 3.0)])
    edge("mul/empty", fam, "torch.mul", lambda: [empty(2, 0), empty(1, 0)])
    edge("exp/empty", fam, "torch.exp", lambda: [empty(0)])
    edge("pow/empty tensor exponent", fam, "torch.pow", lambda: [empty(0, 2), empty(2)])


# ---------------------------------------------------------------------------------------
# reductions and softmax
# ---------------------------------------------------------------------------------------

def reduction_cases():
    fam = "reduction"
    # max / amax: ties and NaN in a row, infinities
    edge("max/all ties", fam, "torch.max", lambda: [t(1.0, 3.0, 3.0, 2.0, 3.0)])
    edge("max/all nan", fam, "torch.max", lambda: [t(1.0, NAN, 3.0, NAN)])
    edge("max/all inf ties", fam, "torch.max", lambda: [t(-INF, INF, 1.0, INF)])
    edge("max/all -inf only", fam, "torch.max", lambda: [t(-INF, -INF)])
    edge("max/all one element", fam, "Tensor.max", lambda: [t(NAN)])
    rows = (3.0, 1.0, 3.0, 2.0,
            NAN, 1.0, NAN, 5.0,
            1.0, 2.0, 2.0, NAN,
            -INF, -INF, -INF, -INF,
            INF, 0.0, INF, 1.0,
            0.0, -0.0, -1.0, -0.0)
    for d in (0, 1):
        edge(f"max/dim {d} ties and nan", fam, "torch.max", lambda: [t(*rows, shape=(6, 4)), d])
        edge(f"amax/dim {d} ties and nan", fam, "torch.amax", lambda: [t(*rows, shape=(6, 4)), d])
    edge("max/dim 1 keepdim ties", fam, "Tensor.max", lambda: [t(*rows, shape=(6, 4))], {"dim": 1, "keepdim": True})
    edge("amax/all ties", fam, "torch.amax", lambda: [t(2.0, 7.0, 7.0, 7.0, shape=(2, 2))])
    edge("amax/all nan", fam, "torch.amax", lambda: [t(2.0, NAN, 7.0, NAN, shape=(2, 2))])
    edge("amax/dims [0, 2] ties", fam, "torch.amax",
         lambda: [t(1.0, 4.0, 4.0, 0.0, 2.0, 4.0, 3.0, 3.0, shape=(2, 2, 2)), [0, 2]])
    edge("amax/dims [0, 2] nan", fam, "torch.amax",
         lambda: [t(1.0, 4.0, NAN, 0.0, 2.0, 4.0, 3.0, 3.0, shape=(2, 2, 2)), [0, 2]])
    edge("max/dim over non-empty dim of an empty tensor", fam, "torch.max", lambda: [empty(0, 3), 1])
    edge("amax/non-empty dim of an empty tensor", fam, "torch.amax", lambda: [empty(0, 3), 1])

    # logsumexp with infinities and NaN
    lse_rows = (-INF, 0.0, 1.0,
                -INF, -INF, -INF,
                INF, 0.0, 1.0,
                INF, INF, 0.0,
                INF, -INF, 0.0,
                NAN, 0.0, 1.0,
                100.0, 100.0, -INF)
    edge("logsumexp/dim 1 -inf, inf and nan rows", fam, "torch.logsumexp", lambda: [t(*lse_rows, shape=(7, 3)), 1])
    edge("logsumexp/dim 0 -inf, inf and nan columns", fam, "torch.logsumexp",
         lambda: [t(*lse_rows, shape=(7, 3)).t().contiguous().detach().requires_grad_(), 0])
    edge("logsumexp/keepdim all -inf", fam, "torch.logsumexp", lambda: [t(-INF, -INF, shape=(1, 2)), 1],
         {"keepdim": True})
    edge("logsumexp/empty dim", fam, "torch.logsumexp", lambda: [empty(2, 0), 1])
    edge("logsumexp/dims [0, 2] -inf and nan", fam, "torch.logsumexp",
         lambda: [t(-INF, -INF, 1.0, 2.0, -INF, -INF, NAN, 0.0, shape=(2, 2, 2)), [0, 2]])

    # sum and mean: empty tensors and empty dims, infinities
    for op in ("sum", "mean"):
        edge(f"{op}/empty all", fam, f"torch.{op}", lambda: [empty(0)])
        edge(f"{op}/empty 2-D all", fam, f"torch.{op}", lambda: [empty(2, 0)])
        edge(f"{op}/empty dim 0", fam, f"torch.{op}", lambda: [empty(0, 3), 0])
        edge(f"{op}/empty dim 1 keepdim", fam, f"torch.{op}", lambda: [empty(2, 0), 1], {"keepdim": True})
        edge(f"{op}/non-empty dim of an empty tensor", fam, f"torch.{op}", lambda: [empty(0, 3), 1])
        edge(f"{op}/dims [0, 1] of an empty tensor", fam, f"torch.{op}", lambda: [empty(2, 0, 3), [0, 1]])
        edge(f"{op}/inf and nan", fam, f"torch.{op}",
             lambda: [t(INF, -INF, 1.0, INF, 2.0, 3.0, NAN, 1.0, 1.0, shape=(3, 3)), 1])

    fam = "softmax"
    sm_rows = lse_rows
    for op in ("softmax", "log_softmax"):
        edge(f"{op}/dim 1 -inf, inf and nan rows", fam, f"torch.{op}", lambda: [t(*sm_rows, shape=(7, 3)), 1])
        edge(f"{op}/F dim 0 -inf columns", fam, f"F.{op}",
             lambda: [t(-INF, 0.0, -INF, -INF, 1.0, -INF, shape=(2, 3))], {"dim": 0})
        edge(f"{op}/empty", fam, f"torch.{op}", lambda: [empty(0, 3), 1])
        edge(f"{op}/empty dim", fam, f"torch.{op}", lambda: [empty(2, 0), 1])
        edge(f"{op}/huge logits", fam, f"torch.{op}", lambda: [t(3e38, -3e38, 0.0, 1e30, 1e30, -1e30, shape=(2, 3)), 1])

    fam = "matmul"
    edge("mm/empty inner dim", fam, "torch.mm", lambda: [empty(2, 0), empty(0, 3)])
    edge("matmul/zero times inf", fam, "torch.matmul", lambda: [t(0.0, 1.0, INF, 1.0, shape=(2, 2)), t(INF, 1.0, 0.0, NAN, shape=(2, 2))])


# ---------------------------------------------------------------------------------------
# losses at their edges
# ---------------------------------------------------------------------------------------

def loss_cases():
    fam = "loss"
    reductions = ("none", "mean", "sum")
    x = (0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.5, 1e-13, 0.9999999, 1e-45)
    y = (0.0, 1.0, 0.0, 1.0, 0.5, 0.5, 0.0, 1.0, 0.0, 1.0)
    for r in reductions:
        edge(f"binary_cross_entropy/at 0 and 1 {r}", fam, "F.binary_cross_entropy",
             lambda: [t(*x), t(*y, grad=False)], {"reduction": r})
    edge("binary_cross_entropy/at 0 and 1 target requires grad", fam, "F.binary_cross_entropy",
         lambda: [t(*x), t(*y)], {"reduction": "sum"})
    edge("binary_cross_entropy/empty", fam, "F.binary_cross_entropy", lambda: [empty(0), empty(0, grad=False)])

    logits = (INF, -INF, INF, -INF, 100.0, -100.0, 1e4, -1e4, 0.0, NAN, 30.0, -30.0)
    targets = (0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.5, 1.0, 0.0, 1.0)
    for r in reductions:
        edge(f"binary_cross_entropy_with_logits/inf and huge logits {r}", fam,
             "F.binary_cross_entropy_with_logits", lambda: [t(*logits), t(*targets)], {"reduction": r},
             torch2=bce_with_logits_torch2)
    # pos_weight at the same points (0, below and above 1): 0·inf is NaN in PyTorch 2's product too
    pos_weights = (2.0, 0.5, 3.0, 0.0, 1.0, 4.0, 0.25, 2.0, 1.5, 2.0, 0.0, 3.0)
    for r in reductions:
        edge(f"binary_cross_entropy_with_logits/pos_weight inf and huge logits {r}", fam,
             "F.binary_cross_entropy_with_logits", lambda: [t(*logits), t(*targets)], {"reduction": r, "pos_weight": t(*pos_weights, grad=False)},
             torch2=bce_with_logits_torch2)
    # confident predictions: PyTorch 2 keeps the small losses that 1.13 rounds to 0
    edge("binary_cross_entropy_with_logits/confident logits", fam, "F.binary_cross_entropy_with_logits",
         lambda: [t(20.0, 17.0, -20.0, 25.0, 8.0, -8.0, 0.5), t(1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.3)],
         {"reduction": "none"}, torch2=bce_with_logits_torch2, tol={"rtol": 1e-5, "atol": 0})

    a = (1.0, 2.0, -3.0, 0.0, INF, NAN, 5.0)
    b = (1.0, 2.5, -3.0, -0.0, INF, 1.0, INF)
    for op in ("mse_loss", "l1_loss"):
        for r in reductions:
            edge(f"{op}/ties, inf and nan {r}", fam, f"F.{op}", lambda: [t(*a), t(*b)], {"reduction": r})
        edge(f"{op}/empty mean", fam, f"F.{op}", lambda: [empty(0), empty(0)])
        edge(f"{op}/empty sum", fam, f"F.{op}", lambda: [empty(0, 2), empty(0, 2)], {"reduction": "sum"})

    ce = (-INF, 0.0, 1.0,
          -INF, 0.0, 1.0,
          -INF, -INF, -INF,
          INF, 0.0, 1.0,
          NAN, 0.0, 1.0,
          -INF, -INF, 2.0)
    tgt = (1, 0, 0, 0, 1, 2)
    for r in reductions:
        edge(f"cross_entropy/-inf, inf and nan logits {r}", fam, "F.cross_entropy",
             lambda: [t(*ce, shape=(6, 3)), labels(*tgt)], {"reduction": r})
        edge(f"nll_loss/-inf log-probabilities {r}", fam, "F.nll_loss",
             lambda: [t(-INF, 0.0, -INF, -1.0, NAN, -2.0, shape=(3, 2)), labels(0, 1, 1)], {"reduction": r})
    edge("cross_entropy/1-D input -inf logits", fam, "F.cross_entropy",
         lambda: [t(-INF, 0.0, 2.0, -INF), torch.tensor(0, dtype=torch.int64)])
    edge("cross_entropy/every target ignored", fam, "F.cross_entropy",
         lambda: [t(1.0, 2.0, 3.0, 4.0, shape=(2, 2)), labels(1, 1)], {"ignore_index": 1})
    edge("nll_loss/every target ignored sum", fam, "F.nll_loss",
         lambda: [t(-1.0, -2.0, -3.0, -4.0, shape=(2, 2)), labels(0, 0)], {"ignore_index": 0, "reduction": "sum"})
    edge("cross_entropy/empty batch", fam, "F.cross_entropy", lambda: [empty(0, 3), labels()])
    edge("cross_entropy/empty batch sum", fam, "F.cross_entropy", lambda: [empty(0, 3), labels()],
         {"reduction": "sum"})


def main():
    pow_cases()
    elementwise_cases()
    reduction_cases()
    loss_cases()
    n = base.write(OUT, {"generator": GENERATOR, "torch": torch.__version__, "cases": CASES})
    print(f"torch {torch.__version__} ({sys.executable})")
    print(f"edges.json: {len(CASES)} cases, {n} bytes")


if __name__ == "__main__":
    main()
