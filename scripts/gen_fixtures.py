#!/usr/bin/python3
"""
gen_fixtures.py -- golden fixtures for wasmgrad, produced by REAL PyTorch.

HOW TO RUN
    npm run fixtures                  (runs `python3 scripts/gen_fixtures.py`)
    /usr/bin/python3 scripts/gen_fixtures.py

PyTorch comes from Debian's python3-torch (1.13.1+dfsg; torch.__version__ reports
"1.13.0a0"), plus python3-numpy.  Those live in /usr/lib/python3/dist-packages,
which only the system interpreter /usr/bin/python3 sees.  If this script is started
by another python3 (e.g. a pyenv shim, as `npm run fixtures` does on the dev box)
that cannot `import torch`, it re-executes itself with /usr/bin/python3.

Output (rewritten on every run):
    test/fixtures/ops.json      forward values + gradients of ~430 op calls,
                                plus the "seed" notebook example and "repr" samples
    test/fixtures/errors.json   exact exception messages for invalid calls

SEEDING: every case is seeded by its own id, so adding, removing or reordering a case
never changes another case's inputs. `with seeded(id):` sets torch's global generator to
torch.manual_seed(zlib.crc32(id.encode())), where id is the case's "name" (ops, errors,
warnings, scenarios) or "repr/randn <shape>" for a random repr sample (so names are
unique); the case then draws its inputs (its make_args lambda) and its upstream gradient
from that state. The input helpers (randn, uniform, ...) refuse to draw outside such a
block. The nn, optim and creation fixtures record their own explicit manual_seed, since
the seed itself is what their tests reproduce. Inputs are deterministic; outputs of
matmul/nn/optim cases may differ from run to run in the last ulp (BLAS blocking).

FORMAT (the TypeScript test runner is written against exactly this)
-------------------------------------------------------------------
ops.json = { "generator": "scripts/gen_fixtures.py", "torch": "<torch.__version__>",
             "cases": [CASE, ...], "seed": SEED, "repr": [REPR, ...] }

CASE = {
  "name":    "add/broadcast 2x3 + 3",   unique, "<op>/<variant>"
  "family":  "elementwise" | "reduction" | "softmax" | "shape" | "matmul" | "loss" | "nn"
             (tolerances are per family)
  "call":    "torch.add" | "Tensor.sum" | "F.mse_loss"
             torch.X  => torch function X(*args, **kwargs)
             Tensor.X => method X on args[0]: args[0].X(*args[1:], **kwargs)
                         (includes Python operators: Tensor.__rsub__ is `2 - x`,
                          Tensor.__rtruediv__ is `2 / x`, Tensor.__matmul__ is `a @ b`)
             F.X      => torch.nn.functional.X
  "args":    [ARG, ...]                  positional args
  "kwargs":  {"dim": 1, "keepdim": true} keyword args, PyTorch names (values may be ARGs)
  "out":     TENS | [TENS, ...]          a list for ops returning tuples
                                         (e.g. max(dim) -> [values, indices])
  "grad_fn": "AddBackward0" | null       type(out.grad_fn).__name__ of the (first) output,
                                         null when no grads were computed, or when the op
                                         returned its input leaf itself (flatten of a 1-D
                                         tensor): then grads are still given (= upstream)
  "upstream": TENS | null                random U with loss = (out * U).sum()
                                         (first output only)
  "grads":   [TENS | null, ...]          d loss / d args[i] for each positional arg that is a
                                         tensor with requires_grad; null for any other arg
                                         (same length as "args")
  "list_grads": [[TENS, ...], ...]       only when some arg is {"list": ...}: one entry per
                                         list arg, in order, with the grad of each tensor
}
ARG  = number | bool | string | null | [ints]   (a dims/shape list, e.g. view(T, [2, 3]))
     | {"tensor": TENS}
     | {"list": [ARG, ...]}                      (a list of tensors, for cat/stack)
TENS = { "shape": [2, 3], "dtype": "float32" | "int64", "data": [flat row-major values],
         "requires_grad": bool }
     float32 values are written as the exact Python float of the float32 value
     (so Math.fround(v) === v in JS); non-finite values as "nan", "inf", "-inf".

SEED = the logistic-regression example of the seed notebook (y=1, x1=1.3, w1=2, b1=.5):
  { "z1", "y_hat": TENS, "loss_item": <python float (double) of loss.item()>,
    "grad_w1", "grad_b1": TENS,
    "z1_str", "y_hat_str", "loss_str", "grad_w1_str", "grad_b1_str": str(...) of the
        tensors in the requires_grad run (so z1_str shows grad_fn=<AddBackward0>),
    "z1_str_nograd", "y_hat_str_nograd", "loss_str_nograd": the notebook's first run
        without requires_grad (z1_str_nograd == "tensor([3.1000])") }

REPR = { "tensor": TENS, "str": str(t) }                         data given inline
     | { "arange": [start, end], "shape": [...], "dtype": "float32"|"int64", "str": ... }
           t = torch.arange(start, end, dtype=dtype).reshape(shape)  (summarized "...")
     | { "expr": "<python expression>", "str": ... }              non-leaf with grad_fn
     all with PyTorch's default print options.

ops.json also has "nn", "optim", "creation", "module_repr", "corner_cases" (see their
generators) and "scenarios" = { "<test file>/<what>": { "python": "<the PyTorch code that
was exec'd, mirroring a hand-written TS test>", "values": { name: nested list (.tolist())
| number | string } } }, read by the behaviour tests instead of hand-typed numbers.

errors.json = { "generator": ..., "torch": ..., "cases": [ERROR, ...], "warnings": [WARN, ...] }
ERROR = { "name", "call", "args", "kwargs",                       as in CASE
          "error": "<exact str(exception)>",
          "error_type": "RuntimeError" | "ValueError" | "IndexError" | ... }
      | { "name", "script": "backward_nonscalar" | "backward_no_grad_fn" | "backward_twice",
          "python": "<the Python source that was executed>", "error", "error_type" }
WARN  = { "name", "call", "args", "kwargs", "warning": "<str(warning.message)>",
          "warning_type": "UserWarning" }   calls that only warn in PyTorch (not errors)
"""

import functools
import json
import math
import os
import sys
import textwrap
import warnings
import zlib
from contextlib import contextmanager

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "test", "fixtures")
GENERATOR = "scripts/gen_fixtures.py"


# --------------------------------------------------------------------------------------
# Tensor encoding
# --------------------------------------------------------------------------------------

def enc_value(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def enc_tensor(t, requires_grad=None):
    dtype = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.int32: "int32", torch.bool: "bool"}[t.dtype]
    if t.dtype == torch.bool:  # as 0 / 1 (torch.where's condition)
        t = t.to(torch.int64)
    if t._is_zerotensor():  # PyTorch's storage-less zeros (the gradient of floor, sign, ...)
        t = torch.zeros(t.shape, dtype=t.dtype)
    if t.dtype == torch.bool:  # bools as 0/1 (all, any)
        t = t.long()
    return {
        "shape": list(t.shape),
        "dtype": dtype,
        "data": [enc_value(v) for v in t.detach().reshape(-1).tolist()],
        "requires_grad": bool(t.requires_grad if requires_grad is None else requires_grad),
    }


class L(list):
    """Marks a list of tensors (cat/stack arg), as opposed to a list of ints (dims/shape)."""


DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}


def dec_tensor(f):
    """A fixture tensor (enc_tensor's encoding) back as a PyTorch tensor, requiring grad as recorded."""
    data = [float(v) if isinstance(v, str) else v for v in f["data"]]  # "nan", "inf", "-inf"
    return torch.tensor(data, dtype=DTYPES[f["dtype"]]).reshape(f["shape"]).requires_grad_(f["requires_grad"])


def dec_arg(arg, tensors):
    """A fixture argument (enc_arg's encoding) back as PyTorch's; its tensors join `tensors` in order."""
    if isinstance(arg, dict) and "tensor" in arg:
        t = dec_tensor(arg["tensor"])
        tensors.append(t)
        return t
    if isinstance(arg, dict) and "list" in arg:
        return L(dec_arg(a, tensors) for a in arg["list"])
    if arg in ("nan", "inf", "-inf"):
        return float(arg)
    return arg


def enc_arg(a):
    if isinstance(a, torch.Tensor):
        return {"tensor": enc_tensor(a)}
    if isinstance(a, L):
        return {"list": [enc_arg(x) for x in a]}
    if isinstance(a, (list, tuple)):
        # dims and shapes; or an index spec (ints, slice strings, None: gen_table_fixtures.py)
        assert all(x is None or isinstance(x, (int, str)) for x in a), a
        return list(a)
    if isinstance(a, float):
        return enc_value(a)
    if isinstance(a, torch.dtype):
        return str(a).replace("torch.", "")  # wasmgrad takes a dtype's name where PyTorch takes the dtype
    assert a is None or isinstance(a, (bool, int, str)), a
    return a


def enc_out(out):
    if isinstance(out, tuple):
        return [enc_tensor(o) for o in out]
    return enc_tensor(out)


# --------------------------------------------------------------------------------------
# Input generators (all float32, drawn from the generator state of the current case's id)
# --------------------------------------------------------------------------------------

SEEDED_ID = None  # the id whose seed the global generator holds, None outside `seeded`


@contextmanager
def seeded(case_id):
    """Seeds torch's global generator from the case's own id (see SEEDING above)."""
    global SEEDED_ID
    assert SEEDED_ID is None, f"{case_id} inside {SEEDED_ID}"
    torch.manual_seed(zlib.crc32(case_id.encode()))
    SEEDED_ID = case_id
    try:
        yield
    finally:
        SEEDED_ID = None


def drawing():
    """Input helpers call this: a draw outside `seeded` would depend on the cases before it."""
    assert SEEDED_ID is not None, "random inputs are drawn in a case's make_args, inside seeded(id)"


def randn(*shape, grad=True):
    drawing()
    return torch.randn(shape).requires_grad_(grad)


def uniform(lo, hi, *shape, grad=True):
    drawing()
    return (torch.rand(shape) * (hi - lo) + lo).requires_grad_(grad)


def pos(*shape, grad=True):
    """Positive values in [0.5, 2): for log/sqrt/pow bases/div denominators."""
    return uniform(0.5, 2.0, *shape, grad=grad)


def signed(*shape, grad=True, lo=0.2, hi=2.0):
    """Random sign, magnitude in [lo, hi): far from 0 (kinks of abs/relu, div by ~0)."""
    drawing()
    mag = torch.rand(shape) * (hi - lo) + lo
    sign = (torch.rand(shape) < 0.5).float() * 2 - 1
    return (mag * sign).requires_grad_(grad)


def distinct(*shape, grad=True):
    """Pairwise distinct values (spacing >= 0.2): no ties for max/amax."""
    drawing()
    n = 1
    for s in shape:
        n *= s
    v = torch.randperm(n).float() * 0.3 - 0.15 * n + torch.rand(n) * 0.1
    return v.reshape(*shape).requires_grad_(grad)


def away_from(points, *shape, grad=True, margin=0.15, lo=-2.0, hi=2.0):
    """Uniform values in [lo, hi) at least `margin` away from each of `points` (clamp bounds)."""
    drawing()
    t = torch.rand(shape) * (hi - lo) + lo
    flat = t.reshape(-1)
    for i in range(flat.numel()):
        while any(abs(flat[i].item() - p) < margin for p in points):
            flat[i] = torch.rand(()) * (hi - lo) + lo
    return flat.reshape(*shape).requires_grad_(grad)


def pair_apart(shape_a, shape_b):
    """Two tensors in which every element of one differs from every element of the other by
    >= 0.2, so maximum/minimum meet no ties, whatever the broadcast pairs."""
    a = randn(*shape_a, grad=False)
    b = randn(*shape_b, grad=False).reshape(-1)
    for i in range(b.numel()):
        while (a - b[i]).abs().min() < 0.2:
            b[i] = torch.randn(())
    return [a.requires_grad_(), b.reshape(shape_b).requires_grad_()]


def class_targets(n, classes):
    drawing()
    return torch.randint(0, classes, (n,), dtype=torch.int64)


def coin(n):
    """Hard binary targets: n float32 values, each 0 or 1."""
    drawing()
    return torch.randint(0, 2, (n,)).float()


def log_probs(*shape, scale=1.0):
    """A leaf of log_softmax(randn * scale) over the last dim: nll_loss inputs."""
    return torch.log_softmax(randn(*shape, grad=False) * scale, -1).requires_grad_()


def away_from_target(*shape):
    """[input, target] for l1_loss, |input - target| >= 0.2 (its kink at 0); target without grad."""
    target = randn(*shape, grad=False)
    return [(target + signed(*shape, grad=False)).requires_grad_(), target]


# --------------------------------------------------------------------------------------
# Case builder
# --------------------------------------------------------------------------------------

def as_leaf(a):
    """Inputs must be leaves: `randn(2, 3) * 2` becomes a fresh leaf with the same values."""
    if isinstance(a, torch.Tensor) and a.requires_grad and not a.is_leaf:
        return a.detach().requires_grad_()
    if isinstance(a, L):
        return L(as_leaf(x) for x in a)
    return a


def resolve(call):
    ns, name = call.split(".", 1)
    if ns == "torch":  # torch.linalg.cross too
        return functools.reduce(getattr, name.split("."), torch)
    if ns == "F":
        return getattr(F, name)
    if ns == "Tensor":
        return getattr(torch.Tensor, name)
    raise ValueError(call)


CASES = []
NAMES = set()


def case(name, family, call, make_args, kwargs=None, grads=True):
    """A CASE of ops.json: inside seeded(name), make_args() draws the positional args (kwargs
    may be a lambda too, when it holds a tensor), then `run_case` runs the call."""
    assert name not in NAMES, name
    NAMES.add(name)
    with seeded(name):
        c = run_case(name, family, call, make_args(), kwargs() if callable(kwargs) else kwargs, grads)
    CASES.append(c)
    return c


def run_case(name, family, call, args, kwargs=None, grads=True):
    """Run `call` on args/kwargs in PyTorch, backprop a random upstream drawn from torch's
    global generator (which the caller seeded from the case's id), return the CASE."""
    kwargs = kwargs or {}
    args = [as_leaf(a) for a in args]
    enc_args = [enc_arg(a) for a in args]           # encode before running (inputs as given)
    enc_kwargs = {k: enc_arg(v) for k, v in kwargs.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")             # F.sigmoid / F.tanh deprecation
        out = resolve(call)(*args, **kwargs)
    first = out[0] if isinstance(out, tuple) else out
    c = {"name": name, "family": family, "call": call, "args": enc_args, "kwargs": enc_kwargs,
         "out": enc_out(out), "grad_fn": None, "upstream": None,
         "grads": [None] * len(args)}
    if grads and first.requires_grad:
        leaves, where = [], []
        for i, a in enumerate(args):
            if isinstance(a, torch.Tensor) and a.requires_grad:
                leaves.append(a); where.append((i, None))
            elif isinstance(a, L):
                for j, x in enumerate(a):
                    if isinstance(x, torch.Tensor) and x.requires_grad:
                        leaves.append(x); where.append((i, j))
        upstream = torch.randn(first.shape)
        loss = (first * upstream).sum()
        gs = torch.autograd.grad(loss, leaves, allow_unused=True)
        c["grad_fn"] = type(first.grad_fn).__name__ if first.grad_fn is not None else None
        c["upstream"] = enc_tensor(upstream)
        list_args = [i for i, a in enumerate(args) if isinstance(a, L)]
        list_grads = {i: [None] * len(args[i]) for i in list_args}
        for (i, j), g in zip(where, gs):
            g = torch.zeros_like(leaves[where.index((i, j))]) if g is None else g
            if j is None:
                c["grads"][i] = enc_tensor(g, requires_grad=False)
            else:
                list_grads[i][j] = enc_tensor(g, requires_grad=False)
        if list_args:
            c["list_grads"] = [list_grads[i] for i in list_args]
    return c


def shape_str(s):
    return "x".join(str(d) for d in s) if len(s) else "scalar"


BROADCAST_SHAPES = [((3,), (3,)), ((2, 3), (3,)), ((2, 3), (2, 1)), ((2, 1, 4), (3, 1)),
                    ((), (2, 3)), ((4, 1), (1, 5))]


# --------------------------------------------------------------------------------------
# Families
# --------------------------------------------------------------------------------------

def elementwise_cases():
    fam = "elementwise"
    # binary arithmetic over all broadcast shapes, both operands require grad
    for op in ["add", "sub", "mul", "div"]:
        def rhs(*shape, grad=True):
            """div's denominators stay away from 0."""
            return signed(*shape, lo=0.5, grad=grad) if op == "div" else randn(*shape, grad=grad)
        for sa, sb in BROADCAST_SHAPES:
            case(f"{op}/broadcast {shape_str(sa)} {shape_str(sb)}", fam, f"torch.{op}",
                 lambda: [randn(*sa), rhs(*sb)])
        # reversed broadcast direction
        case(f"{op}/broadcast 3 2x3", fam, f"torch.{op}", lambda: [randn(3), rhs(2, 3)])
        # one operand without grad
        case(f"{op}/rhs no grad", fam, f"torch.{op}", lambda: [randn(2, 3), rhs(2, 3, grad=False)])
        # python number operand
        case(f"{op}/python scalar", fam, f"torch.{op}", lambda: [randn(2, 3), 2.5])
        # method form
        case(f"{op}/method 2x3 3", fam, f"Tensor.{op}", lambda: [randn(2, 3), rhs(3)])
    case("add/alpha=2", fam, "torch.add", lambda: [randn(2, 3), randn(2, 3)], {"alpha": 2})
    case("add/alpha=-0.5 broadcast", fam, "torch.add", lambda: [randn(2, 3), randn(3)], {"alpha": -0.5})
    case("add/python int scalar", fam, "torch.add", lambda: [randn(4), 3])
    case("add/method alpha", fam, "Tensor.add", lambda: [randn(3), randn(3)], {"alpha": 3})
    case("sub/alpha=2", fam, "torch.sub", lambda: [randn(2, 3), randn(2, 3)], {"alpha": 2})
    case("sub/alpha=0.5 broadcast", fam, "torch.sub", lambda: [randn(2, 1), randn(3)], {"alpha": 0.5})
    case("mul/python int scalar", fam, "torch.mul", lambda: [randn(5), -3])
    case("div/scalar tensor denominator", fam, "torch.div", lambda: [randn(2, 3), signed(lo=0.5)])
    # Python operators (dunder methods)
    case("__add__/x + y", fam, "Tensor.__add__", lambda: [randn(2, 3), randn(3)])
    case("__radd__/2 + x", fam, "Tensor.__radd__", lambda: [randn(2, 3), 2.0])
    case("__sub__/x - y", fam, "Tensor.__sub__", lambda: [randn(2, 3), randn(2, 1)])
    case("__rsub__/2 - x", fam, "Tensor.__rsub__", lambda: [randn(2, 3), 2.0])
    case("__mul__/x * y", fam, "Tensor.__mul__", lambda: [randn(2, 3), randn(3)])
    case("__rmul__/2 * x", fam, "Tensor.__rmul__", lambda: [randn(2, 3), 2.0])
    case("__truediv__/x / y", fam, "Tensor.__truediv__", lambda: [randn(2, 3), signed(3, lo=0.5)])
    case("__truediv__/x / 2", fam, "Tensor.__truediv__", lambda: [randn(2, 3), 2.0])
    case("__rtruediv__/2 / x", fam, "Tensor.__rtruediv__", lambda: [signed(2, 3, lo=0.5), 2.0])
    case("__neg__/-x", fam, "Tensor.__neg__", lambda: [randn(2, 3)])
    case("__pow__/x ** 2", fam, "Tensor.__pow__", lambda: [randn(2, 3), 2])
    case("__rpow__/2 ** x", fam, "Tensor.__rpow__", lambda: [randn(2, 3), 2.0])

    # neg
    case("neg/1-D", fam, "torch.neg", lambda: [randn(5)])
    case("neg/2x3", fam, "torch.neg", lambda: [randn(2, 3)])
    case("neg/method", fam, "Tensor.neg", lambda: [randn(3, 2)])

    # pow
    case("pow/tensor exponent same shape", fam, "torch.pow", lambda: [pos(2, 3), randn(2, 3)])
    case("pow/tensor exponent broadcast 2x3 3", fam, "torch.pow", lambda: [pos(2, 3), randn(3)])
    case("pow/tensor exponent broadcast 3 2x1", fam, "torch.pow", lambda: [pos(3), randn(2, 1)])
    case("pow/tensor exponent no grad", fam, "torch.pow", lambda: [pos(4), randn(4, grad=False)])
    case("pow/tensor base no grad", fam, "torch.pow", lambda: [pos(4, grad=False), randn(4)])
    case("pow/scalar exponent 2", fam, "torch.pow", lambda: [randn(2, 3), 2])
    case("pow/scalar exponent 2.0", fam, "torch.pow", lambda: [randn(2, 3), 2.0])
    case("pow/scalar exponent 3", fam, "torch.pow", lambda: [randn(5), 3])
    case("pow/scalar exponent 0.5", fam, "torch.pow", lambda: [pos(2, 3), 0.5])
    case("pow/scalar exponent -1", fam, "torch.pow", lambda: [pos(2, 3), -1])
    case("pow/scalar exponent -2.5", fam, "torch.pow", lambda: [pos(4), -2.5])
    case("pow/scalar exponent 0", fam, "torch.pow", lambda: [randn(4), 0])
    case("pow/scalar exponent 1", fam, "torch.pow", lambda: [randn(4), 1])
    case("pow/scalar base 2.0", fam, "torch.pow", lambda: [2.0, randn(2, 3)])
    case("pow/scalar base 0.5", fam, "torch.pow", lambda: [0.5, randn(4)])
    case("pow/method scalar exponent", fam, "Tensor.pow", lambda: [pos(2, 3), 3])
    case("pow/method tensor exponent", fam, "Tensor.pow", lambda: [pos(2, 3), randn(2, 3)])

    # unary
    unary = {
        "exp": lambda *s: randn(*s),
        "log": lambda *s: pos(*s),
        "sqrt": lambda *s: pos(*s),
        "abs": lambda *s: signed(*s),
        "sigmoid": lambda *s: randn(*s) * 2,
        "tanh": lambda *s: randn(*s),
        "relu": lambda *s: signed(*s),
    }
    for op, gen in unary.items():
        for shape in [(5,), (2, 3), (2, 3, 2)]:
            case(f"{op}/{shape_str(shape)}", fam, f"torch.{op}", lambda: [gen(*shape)])
        case(f"{op}/method", fam, f"Tensor.{op}", lambda: [gen(3, 2)])
    case("exp/0-d", fam, "torch.exp", lambda: [randn()])
    case("log/0-d", fam, "torch.log", lambda: [pos()])

    # clamp (values kept away from the bounds)
    case("clamp/min kwarg", fam, "torch.clamp", lambda: [away_from([-0.5], 2, 3)], {"min": -0.5})
    case("clamp/max kwarg", fam, "torch.clamp", lambda: [away_from([0.5], 2, 3)], {"max": 0.5})
    case("clamp/min and max kwargs", fam, "torch.clamp", lambda: [away_from([-0.5, 0.5], 3, 4)],
         {"min": -0.5, "max": 0.5})
    case("clamp/min and max positional", fam, "torch.clamp", lambda: [away_from([-1.0, 1.0], 2, 5), -1.0, 1.0])
    case("clamp/int bounds", fam, "torch.clamp", lambda: [away_from([0.0, 1.0], 6)], {"min": 0, "max": 1})
    case("clamp/method min max", fam, "Tensor.clamp", lambda: [away_from([-0.3, 0.8], 2, 3)],
         {"min": -0.3, "max": 0.8})
    case("clamp/method min only", fam, "Tensor.clamp", lambda: [away_from([0.0], 5)], {"min": 0.0})

    # maximum / minimum
    for op in ["maximum", "minimum"]:
        for sa, sb in BROADCAST_SHAPES:
            case(f"{op}/broadcast {shape_str(sa)} {shape_str(sb)}", fam, f"torch.{op}",
                 lambda: pair_apart(sa, sb))
        case(f"{op}/method", fam, f"Tensor.{op}", lambda: pair_apart((2, 3), (2, 3)))


def reduction_cases():
    fam = "reduction"
    for op in ["sum", "mean"]:
        case(f"{op}/all 1-D", fam, f"torch.{op}", lambda: [randn(5)])
        case(f"{op}/all 2-D", fam, f"torch.{op}", lambda: [randn(2, 3)])
        case(f"{op}/all 3-D", fam, f"torch.{op}", lambda: [randn(2, 3, 4)])
        case(f"{op}/all 0-D", fam, f"torch.{op}", lambda: [randn()])
        case(f"{op}/method all", fam, f"Tensor.{op}", lambda: [randn(3, 4)])
        case(f"{op}/1-D dim 0", fam, f"torch.{op}", lambda: [randn(6), 0])
        case(f"{op}/1-D dim 0 keepdim", fam, f"torch.{op}", lambda: [randn(6), 0], {"keepdim": True})
        for d in [0, 1, -1, -2]:
            case(f"{op}/2-D dim {d}", fam, f"torch.{op}", lambda: [randn(3, 4), d])
        case(f"{op}/2-D dim 1 keepdim", fam, f"torch.{op}", lambda: [randn(3, 4), 1], {"keepdim": True})
        case(f"{op}/2-D dim 0 keepdim positional", fam, f"torch.{op}", lambda: [randn(3, 4), 0, True])
        case(f"{op}/2-D dim kwarg", fam, f"torch.{op}", lambda: [randn(3, 4)], {"dim": 1})
        case(f"{op}/2-D dim list [0,1]", fam, f"torch.{op}", lambda: [randn(3, 4), [0, 1]])
        for d in [0, 1, 2, -1, -3]:
            case(f"{op}/3-D dim {d}", fam, f"torch.{op}", lambda: [randn(2, 3, 4), d])
        case(f"{op}/3-D dim list [0,2]", fam, f"torch.{op}", lambda: [randn(2, 3, 4), [0, 2]])
        case(f"{op}/3-D dim list [-1,0] keepdim", fam, f"torch.{op}", lambda: [randn(2, 3, 4), [-1, 0]],
             {"keepdim": True})
        case(f"{op}/3-D dim 1 keepdim kwargs", fam, f"torch.{op}", lambda: [randn(2, 3, 4)],
             {"dim": 1, "keepdim": True})
        case(f"{op}/3-D dim list kwarg", fam, f"torch.{op}", lambda: [randn(2, 3, 4)], {"dim": [1, 2]})
        case(f"{op}/method dim", fam, f"Tensor.{op}", lambda: [randn(3, 4), 0])
        case(f"{op}/method dim kwarg keepdim", fam, f"Tensor.{op}", lambda: [randn(2, 3, 4)],
             {"dim": -1, "keepdim": True})
        case(f"{op}/method dim list", fam, f"Tensor.{op}", lambda: [randn(2, 3, 4), [0, 1]])

    # max: whole tensor, and along a dim -> (values, indices)
    case("max/all 1-D", fam, "torch.max", lambda: [distinct(6)])
    case("max/all 2-D", fam, "torch.max", lambda: [distinct(3, 4)])
    case("max/all 3-D", fam, "torch.max", lambda: [distinct(2, 3, 4)])
    case("max/method all", fam, "Tensor.max", lambda: [distinct(2, 5)])
    for d in [0, 1, -1]:
        case(f"max/2-D dim {d}", fam, "torch.max", lambda: [distinct(3, 4), d])
    case("max/2-D dim 1 keepdim", fam, "torch.max", lambda: [distinct(3, 4), 1], {"keepdim": True})
    case("max/2-D dim kwarg", fam, "torch.max", lambda: [distinct(3, 4)], {"dim": 0})
    case("max/3-D dim 1", fam, "torch.max", lambda: [distinct(2, 3, 4), 1])
    case("max/3-D dim 2 keepdim", fam, "torch.max", lambda: [distinct(2, 3, 4), 2], {"keepdim": True})
    case("max/1-D dim 0", fam, "torch.max", lambda: [distinct(5), 0])
    case("max/method dim", fam, "Tensor.max", lambda: [distinct(3, 4), 1])
    case("max/method dim keepdim kwargs", fam, "Tensor.max", lambda: [distinct(2, 3, 4)],
         {"dim": 0, "keepdim": True})
    case("max/binary (== maximum)", fam, "torch.max", lambda: pair_apart((2, 3), (3,)))
    case("min/binary (== minimum)", fam, "torch.min", lambda: pair_apart((2, 3), (3,)))

    # argmax / argmin: int64 indices, the first extreme on ties, a NaN is the largest
    for op in ["argmax", "argmin"]:
        case(f"{op}/all", fam, f"torch.{op}", lambda: [distinct(3, 4)])
        case(f"{op}/dim 1", fam, f"torch.{op}", lambda: [distinct(3, 4), 1])
        case(f"{op}/dim -1 keepdim", fam, f"Tensor.{op}", lambda: [distinct(2, 3, 4), -1], {"keepdim": True})
        case(f"{op}/all keepdim", fam, f"torch.{op}", lambda: [distinct(2, 3)], {"keepdim": True})
        case(f"{op}/dim kwarg", fam, f"Tensor.{op}", lambda: [distinct(3, 4)], {"dim": 0})
        case(f"{op}/ties", fam, f"torch.{op}", lambda: [torch.tensor([[1.0, 3.0, 3.0, 1.0], [2.0, 2.0, 2.0, 2.0]])], {"dim": 1})
        case(f"{op}/nan and inf", fam, f"torch.{op}",
             lambda: [torch.tensor([[1.0, float("nan"), 3.0], [float("inf"), -float("inf"), 0.0]])], {"dim": 1})

    # amax
    case("amax/all (no dim)", fam, "torch.amax", lambda: [distinct(3, 4)])
    for d in [0, 1, -1]:
        case(f"amax/2-D dim {d}", fam, "torch.amax", lambda: [distinct(3, 4), d])
    case("amax/2-D dim 1 keepdim", fam, "torch.amax", lambda: [distinct(3, 4), 1], {"keepdim": True})
    case("amax/3-D dim list [0,2]", fam, "torch.amax", lambda: [distinct(2, 3, 4), [0, 2]])
    case("amax/3-D dim list [1,-1] keepdim", fam, "torch.amax", lambda: [distinct(2, 3, 4), [1, -1]],
         {"keepdim": True})
    case("amax/3-D dim kwarg", fam, "torch.amax", lambda: [distinct(2, 3, 4)], {"dim": 1})
    case("amax/method dim", fam, "Tensor.amax", lambda: [distinct(3, 4), 0])
    case("amax/method dim list kwargs", fam, "Tensor.amax", lambda: [distinct(2, 3, 4)],
         {"dim": [0, 1], "keepdim": True})

    # logsumexp
    case("logsumexp/1-D dim 0", fam, "torch.logsumexp", lambda: [randn(6), 0])
    for d in [0, 1, -1]:
        case(f"logsumexp/2-D dim {d}", fam, "torch.logsumexp", lambda: [randn(3, 4), d])
    case("logsumexp/2-D dim 1 keepdim", fam, "torch.logsumexp", lambda: [randn(3, 4), 1], {"keepdim": True})
    case("logsumexp/3-D dim list [0,2]", fam, "torch.logsumexp", lambda: [randn(2, 3, 4), [0, 2]])
    case("logsumexp/3-D dim list [-1,1] keepdim", fam, "torch.logsumexp", lambda: [randn(2, 3, 4), [-1, 1]],
         {"keepdim": True})
    case("logsumexp/3-D dim kwarg", fam, "torch.logsumexp", lambda: [randn(2, 3, 4)], {"dim": 2})
    case("logsumexp/large values", fam, "torch.logsumexp", lambda: [randn(2, 4) * 30 + 100, 1])
    case("logsumexp/method", fam, "Tensor.logsumexp", lambda: [randn(3, 4), 1])


def softmax_cases():
    fam = "softmax"
    for name, call, kw in [("softmax", "torch.softmax", False), ("softmax", "F.softmax", True),
                           ("log_softmax", "torch.log_softmax", False),
                           ("log_softmax", "F.log_softmax", True)]:
        tag = call.split(".")[0]
        for shape, dims in [((3, 4), [0, 1, -1]), ((2, 3, 4), [0, 1, 2, -1])]:
            for d in dims:
                if kw:
                    case(f"{name}/{tag} {shape_str(shape)} dim={d}", fam, call, lambda: [randn(*shape) * 2],
                         {"dim": d})
                else:
                    case(f"{name}/{tag} {shape_str(shape)} dim {d}", fam, call, lambda: [randn(*shape) * 2, d])
        case(f"{name}/{tag} 1-D dim 0", fam, call, lambda: [randn(5)], {"dim": 0})
    case("softmax/method", fam, "Tensor.softmax", lambda: [randn(3, 4), -1])
    case("log_softmax/method", fam, "Tensor.log_softmax", lambda: [randn(3, 4), 1])
    case("softmax/large logits", fam, "torch.softmax", lambda: [randn(2, 4) * 30 + 100, 1])
    case("log_softmax/large logits", fam, "F.log_softmax", lambda: [randn(2, 4) * 30 - 100],
         {"dim": 1})


def shape_cases():
    fam = "shape"
    for op in ["reshape", "view"]:
        case(f"{op}/2x3 -> [3,2]", fam, f"Tensor.{op}", lambda: [randn(2, 3), [3, 2]])
        case(f"{op}/2x3 -> [6]", fam, f"Tensor.{op}", lambda: [randn(2, 3), [6]])
        case(f"{op}/2x3 -> [-1]", fam, f"Tensor.{op}", lambda: [randn(2, 3), [-1]])
        case(f"{op}/2x3x4 -> [4,-1]", fam, f"Tensor.{op}", lambda: [randn(2, 3, 4), [4, -1]])
        case(f"{op}/2x3x4 -> [-1,3,2]", fam, f"Tensor.{op}", lambda: [randn(2, 3, 4), [-1, 3, 2]])
        case(f"{op}/6 -> [1,2,1,3]", fam, f"Tensor.{op}", lambda: [randn(6), [1, 2, 1, 3]])
        case(f"{op}/1 -> [] (0-d)", fam, f"Tensor.{op}", lambda: [randn(1), []])
        case(f"{op}/0-d -> [1,1]", fam, f"Tensor.{op}", lambda: [randn(), [1, 1]])
    case("reshape/torch.reshape 2x3 -> [3,-1]", fam, "torch.reshape", lambda: [randn(2, 3), [3, -1]])
    case("reshape/torch.reshape 12 -> [2,2,3]", fam, "torch.reshape", lambda: [randn(12), [2, 2, 3]])

    case("transpose/2-D 0 1", fam, "torch.transpose", lambda: [randn(2, 3), 0, 1])
    case("transpose/2-D 1 0", fam, "torch.transpose", lambda: [randn(2, 3), 1, 0])
    case("transpose/3-D 1 2", fam, "torch.transpose", lambda: [randn(2, 3, 4), 1, 2])
    case("transpose/3-D 0 2", fam, "torch.transpose", lambda: [randn(2, 3, 4), 0, 2])
    case("transpose/3-D -1 0", fam, "torch.transpose", lambda: [randn(2, 3, 4), -1, 0])
    case("transpose/method -2 -1", fam, "Tensor.transpose", lambda: [randn(2, 3, 4), -2, -1])
    case("t/2-D", fam, "torch.t", lambda: [randn(2, 3)])
    case("t/1-D", fam, "torch.t", lambda: [randn(4)])
    case("t/method", fam, "Tensor.t", lambda: [randn(3, 5)])

    case("permute/2-D [1,0]", fam, "torch.permute", lambda: [randn(2, 3), [1, 0]])
    case("permute/3-D [2,0,1]", fam, "torch.permute", lambda: [randn(2, 3, 4), [2, 0, 1]])
    case("permute/3-D [1,2,0]", fam, "torch.permute", lambda: [randn(2, 3, 4), [1, 2, 0]])
    case("permute/3-D negative [-1,0,1]", fam, "torch.permute", lambda: [randn(2, 3, 4), [-1, 0, 1]])
    case("permute/method [0,2,1]", fam, "Tensor.permute", lambda: [randn(2, 3, 4), [0, 2, 1]])
    case("permute/4-D [3,1,0,2]", fam, "Tensor.permute", lambda: [randn(2, 1, 3, 2), [3, 1, 0, 2]])

    case("squeeze/no dim 1x3x1", fam, "torch.squeeze", lambda: [randn(1, 3, 1)])
    case("squeeze/no dim 2x1x3x1", fam, "torch.squeeze", lambda: [randn(2, 1, 3, 1)])
    case("squeeze/dim 0", fam, "torch.squeeze", lambda: [randn(1, 3, 1), 0])
    case("squeeze/dim 2", fam, "torch.squeeze", lambda: [randn(1, 3, 1), 2])
    case("squeeze/dim -1", fam, "torch.squeeze", lambda: [randn(2, 3, 1), -1])
    case("squeeze/dim of size != 1 (no-op)", fam, "torch.squeeze", lambda: [randn(2, 3), 1])
    case("squeeze/dim kwarg", fam, "torch.squeeze", lambda: [randn(3, 1)], {"dim": 1})
    case("squeeze/method", fam, "Tensor.squeeze", lambda: [randn(1, 4)])
    case("squeeze/method dim", fam, "Tensor.squeeze", lambda: [randn(1, 4), 0])
    case("squeeze/all ones -> 0-d", fam, "torch.squeeze", lambda: [randn(1, 1)])

    case("unsqueeze/dim 0", fam, "torch.unsqueeze", lambda: [randn(2, 3), 0])
    case("unsqueeze/dim 1", fam, "torch.unsqueeze", lambda: [randn(2, 3), 1])
    case("unsqueeze/dim 2 (append)", fam, "torch.unsqueeze", lambda: [randn(2, 3), 2])
    case("unsqueeze/dim -1", fam, "torch.unsqueeze", lambda: [randn(2, 3), -1])
    case("unsqueeze/dim -3", fam, "torch.unsqueeze", lambda: [randn(2, 3), -3])
    case("unsqueeze/0-d", fam, "torch.unsqueeze", lambda: [randn(), 0])
    case("unsqueeze/method", fam, "Tensor.unsqueeze", lambda: [randn(4), -2])

    case("expand/3x1 -> [3,4]", fam, "Tensor.expand", lambda: [randn(3, 1), [3, 4]])
    case("expand/3x1 -> [-1,4]", fam, "Tensor.expand", lambda: [randn(3, 1), [-1, 4]])
    case("expand/3 -> [2,3] (new leading)", fam, "Tensor.expand", lambda: [randn(3), [2, 3]])
    case("expand/3x1 -> [2,3,4]", fam, "Tensor.expand", lambda: [randn(3, 1), [2, 3, 4]])
    case("expand/1x3 -> [2,-1,-1]", fam, "Tensor.expand", lambda: [randn(1, 3), [2, -1, -1]])
    case("expand/0-d -> [2,3]", fam, "Tensor.expand", lambda: [randn(), [2, 3]])
    case("expand/same shape", fam, "Tensor.expand", lambda: [randn(2, 3), [2, 3]])
    case("expand/2x1x3 -> [2,4,3]", fam, "Tensor.expand", lambda: [randn(2, 1, 3), [2, 4, 3]])

    case("flatten/default 2x3x4", fam, "torch.flatten", lambda: [randn(2, 3, 4)])
    case("flatten/start_dim=1", fam, "torch.flatten", lambda: [randn(2, 3, 4)], {"start_dim": 1})
    case("flatten/end_dim=1", fam, "torch.flatten", lambda: [randn(2, 3, 4)], {"end_dim": 1})
    case("flatten/start_dim=1 end_dim=2 4-D", fam, "torch.flatten", lambda: [randn(2, 3, 2, 2)],
         {"start_dim": 1, "end_dim": 2})
    case("flatten/positional 0 1", fam, "torch.flatten", lambda: [randn(2, 3, 4), 0, 1])
    case("flatten/start_dim=-2", fam, "torch.flatten", lambda: [randn(2, 3, 4)], {"start_dim": -2})
    case("flatten/1-D (no-op)", fam, "torch.flatten", lambda: [randn(5)])
    case("flatten/0-d -> [1]", fam, "torch.flatten", lambda: [randn()])
    case("flatten/method", fam, "Tensor.flatten", lambda: [randn(2, 3, 4), 1])

    case("cat/dim 0 two 2-D", fam, "torch.cat", lambda: [L([randn(2, 3), randn(1, 3)]), 0])
    case("cat/dim 1 two 2-D", fam, "torch.cat", lambda: [L([randn(2, 3), randn(2, 2)]), 1])
    case("cat/dim -1 two 2-D", fam, "torch.cat", lambda: [L([randn(2, 1), randn(2, 4)]), -1])
    case("cat/dim 0 three 1-D", fam, "torch.cat", lambda: [L([randn(2), randn(3), randn(1)]), 0])
    case("cat/dim 1 three 3-D", fam, "torch.cat", lambda: [L([randn(2, 1, 3), randn(2, 2, 3), randn(2, 3, 3)]), 1])
    case("cat/default dim", fam, "torch.cat", lambda: [L([randn(1, 3), randn(2, 3)])])
    case("cat/dim kwarg", fam, "torch.cat", lambda: [L([randn(2, 2), randn(2, 3)])], {"dim": 1})
    case("cat/one without grad", fam, "torch.cat", lambda: [L([randn(2, 3), randn(2, 3, grad=False)]), 0])
    case("stack/dim 0 two 1-D", fam, "torch.stack", lambda: [L([randn(3), randn(3)]), 0])
    case("stack/dim 1 two 2-D", fam, "torch.stack", lambda: [L([randn(2, 3), randn(2, 3)]), 1])
    case("stack/dim -1 two 2-D", fam, "torch.stack", lambda: [L([randn(2, 3), randn(2, 3)]), -1])
    case("stack/dim 0 three 2-D", fam, "torch.stack", lambda: [L([randn(2, 2), randn(2, 2), randn(2, 2)]), 0])
    case("stack/dim 2 three 2-D", fam, "torch.stack", lambda: [L([randn(2, 3), randn(2, 3), randn(2, 3)]), 2])
    case("stack/default dim", fam, "torch.stack", lambda: [L([randn(4), randn(4)])])
    case("stack/dim kwarg", fam, "torch.stack", lambda: [L([randn(3), randn(3), randn(3)])], {"dim": 1})
    case("stack/0-d tensors", fam, "torch.stack", lambda: [L([randn(), randn()])])
    case("clone/2-D", fam, "Tensor.clone", lambda: [randn(2, 3)])


def matmul_cases():
    fam = "matmul"
    combos = [
        ("1Dx1D", (4,), (4,)),
        ("2Dx1D", (3, 4), (4,)),
        ("1Dx2D", (4,), (4, 3)),
        ("2Dx2D", (2, 3), (3, 4)),
        ("3Dx2D", (2, 3, 4), (4, 5)),
        ("2Dx3D", (3, 4), (2, 4, 5)),
        ("3Dx3D", (2, 3, 4), (2, 4, 5)),
        ("3Dx3D broadcast batch 1", (1, 3, 4), (2, 4, 2)),
        ("4Dx3D broadcast batch", (2, 1, 3, 4), (3, 4, 2)),
        ("4Dx4D broadcast batch", (2, 1, 2, 3), (1, 2, 3, 2)),
        ("1Dx3D", (4,), (2, 4, 3)),
        ("3Dx1D", (2, 3, 4), (4,)),
        ("1Dx4D", (3,), (2, 1, 3, 2)),
        ("4Dx1D", (2, 1, 2, 3), (3,)),
        ("2Dx4D", (2, 3), (2, 2, 3, 2)),
    ]
    for name, sa, sb in combos:
        case(f"matmul/{name} {shape_str(sa)} {shape_str(sb)}", fam, "torch.matmul", lambda: [randn(*sa), randn(*sb)])
    case("matmul/2Dx2D rhs no grad", fam, "torch.matmul", lambda: [randn(2, 3), randn(3, 2, grad=False)])
    case("matmul/method 2Dx2D", fam, "Tensor.matmul", lambda: [randn(3, 2), randn(2, 4)])
    case("matmul/method 3Dx2D", fam, "Tensor.matmul", lambda: [randn(2, 2, 3), randn(3, 2)])
    case("matmul/@ operator 2Dx2D", fam, "Tensor.__matmul__", lambda: [randn(2, 3), randn(3, 2)])
    case("mm/2x3 3x4", fam, "torch.mm", lambda: [randn(2, 3), randn(3, 4)])
    case("mm/1x5 5x1", fam, "torch.mm", lambda: [randn(1, 5), randn(5, 1)])
    case("mm/method", fam, "Tensor.mm", lambda: [randn(4, 2), randn(2, 3)])
    case("bmm/2x3x4 2x4x2", fam, "torch.bmm", lambda: [randn(2, 3, 4), randn(2, 4, 2)])
    case("bmm/3x1x2 3x2x3", fam, "torch.bmm", lambda: [randn(3, 1, 2), randn(3, 2, 3)])
    case("bmm/method", fam, "Tensor.bmm", lambda: [randn(2, 2, 3), randn(2, 3, 2)])
    case("mv/matrix vector", fam, "torch.mv", lambda: [randn(3, 4), randn(4)])
    case("mv/method", fam, "Tensor.mv", lambda: [randn(2, 3), randn(3)])
    case("dot/vector vector", fam, "torch.dot", lambda: [randn(5), randn(5)])


def nn_cases():
    fam = "nn"
    case("linear/1-D input with bias", fam, "F.linear", lambda: [randn(4), randn(3, 4), randn(3)])
    case("linear/1-D input no bias", fam, "F.linear", lambda: [randn(4), randn(3, 4)])
    case("linear/2-D input with bias", fam, "F.linear", lambda: [randn(2, 4), randn(3, 4), randn(3)])
    case("linear/2-D input no bias", fam, "F.linear", lambda: [randn(2, 4), randn(3, 4)])
    case("linear/2-D input bias=None", fam, "F.linear", lambda: [randn(2, 4), randn(3, 4), None])
    case("linear/3-D input with bias", fam, "F.linear", lambda: [randn(2, 3, 4), randn(2, 4), randn(2)])
    case("linear/3-D input no bias", fam, "F.linear", lambda: [randn(2, 3, 4), randn(2, 4)])
    case("linear/bias kwarg", fam, "F.linear", lambda: [randn(3, 2), randn(4, 2)],
         lambda: {"bias": randn(4, grad=False)})
    case("linear/input no grad", fam, "F.linear", lambda: [randn(2, 4, grad=False), randn(3, 4), randn(3)])
    case("relu/F 2x3", fam, "F.relu", lambda: [signed(2, 3)])
    case("relu/F 3-D", fam, "F.relu", lambda: [signed(2, 3, 2)])
    case("sigmoid/F 2x3", fam, "F.sigmoid", lambda: [randn(2, 3)])
    case("sigmoid/torch 2x3", fam, "torch.sigmoid", lambda: [randn(2, 3)])
    case("tanh/F 2x3", fam, "F.tanh", lambda: [randn(2, 3)])
    case("softmax/F 2x3 dim=1", fam, "F.softmax", lambda: [randn(2, 3)], {"dim": 1})
    case("log_softmax/F 2x3 dim=1", fam, "F.log_softmax", lambda: [randn(2, 3)], {"dim": 1})
    case("log_softmax/F 2x3 dim=0", fam, "F.log_softmax", lambda: [randn(2, 3)], {"dim": 0})


def loss_cases():
    fam = "loss"
    reductions = [None, "mean", "sum", "none"]

    def kw(r):
        return {} if r is None else {"reduction": r}

    def tag(r):
        return "default" if r is None else r

    for r in reductions:
        case(f"mse_loss/2x3 {tag(r)}", fam, "F.mse_loss", lambda: [randn(2, 3), randn(2, 3, grad=False)], kw(r))
        case(f"mse_loss/1-D {tag(r)}", fam, "F.mse_loss", lambda: [randn(5), randn(5, grad=False)], kw(r))
        # l1: keep |input - target| away from 0 (kink)
        case(f"l1_loss/2x3 {tag(r)}", fam, "F.l1_loss", lambda: away_from_target(2, 3), kw(r))
        case(f"l1_loss/1-D {tag(r)}", fam, "F.l1_loss", lambda: away_from_target(4), kw(r))
        case(f"binary_cross_entropy/2x3 {tag(r)}", fam, "F.binary_cross_entropy",
             lambda: [uniform(0.05, 0.95, 2, 3), uniform(0, 1, 2, 3, grad=False)], kw(r))
        case(f"binary_cross_entropy/1-D hard targets {tag(r)}", fam, "F.binary_cross_entropy",
             lambda: [uniform(0.05, 0.95, 5), coin(5)], kw(r))
        case(f"binary_cross_entropy_with_logits/2x3 {tag(r)}", fam, "F.binary_cross_entropy_with_logits",
             lambda: [randn(2, 3) * 2, uniform(0, 1, 2, 3, grad=False)], kw(r))
        case(f"binary_cross_entropy_with_logits/1-D {tag(r)}", fam, "F.binary_cross_entropy_with_logits",
             lambda: [randn(5) * 3, coin(5)], kw(r))
        case(f"cross_entropy/4x3 {tag(r)}", fam, "F.cross_entropy",
             lambda: [randn(4, 3) * 2, class_targets(4, 3)], kw(r))
        case(f"cross_entropy/2x5 {tag(r)}", fam, "F.cross_entropy", lambda: [randn(2, 5), class_targets(2, 5)], kw(r))
        case(f"nll_loss/4x3 {tag(r)}", fam, "F.nll_loss", lambda: [log_probs(4, 3, scale=2), class_targets(4, 3)],
             kw(r))
        case(f"nll_loss/3x5 {tag(r)}", fam, "F.nll_loss", lambda: [log_probs(3, 5), class_targets(3, 5)], kw(r))

    # targets that require grad
    case("mse_loss/target requires grad", fam, "F.mse_loss", lambda: [randn(2, 3), randn(2, 3)])
    case("l1_loss/target requires grad", fam, "F.l1_loss",
         lambda: [x.requires_grad_() for x in away_from_target(2, 3)], {"reduction": "sum"})
    case("binary_cross_entropy/target requires grad", fam, "F.binary_cross_entropy",
         lambda: [uniform(0.05, 0.95, 2, 3), uniform(0, 1, 2, 3)])
    case("binary_cross_entropy_with_logits/target requires grad", fam, "F.binary_cross_entropy_with_logits",
         lambda: [randn(2, 3), uniform(0, 1, 2, 3)])
    case("mse_loss/input no grad target grad", fam, "F.mse_loss", lambda: [randn(4, grad=False), randn(4)])
    case("cross_entropy/1-D input 0-d target", fam, "F.cross_entropy",
         lambda: [randn(4), torch.tensor(2, dtype=torch.int64)])
    case("nll_loss/1-D input 0-d target", fam, "F.nll_loss",
         lambda: [log_probs(4), torch.tensor(1, dtype=torch.int64)])

    # ignore_index: the ignored rows add nothing and do not count in the mean
    target = torch.tensor([0, 1, 2, 1])
    case("cross_entropy/ignore_index 1", fam, "F.cross_entropy", lambda: [randn(4, 3), target], {"ignore_index": 1})
    case("cross_entropy/ignore_index 1 sum", fam, "F.cross_entropy", lambda: [randn(4, 3), target],
         {"ignore_index": 1, "reduction": "sum"})
    target = torch.tensor([0, 3, 0, 2, 1])
    case("nll_loss/ignore_index 0", fam, "F.nll_loss", lambda: [log_probs(5, 4), target], {"ignore_index": 0})
    case("nll_loss/ignore_index -100 none", fam, "F.nll_loss", lambda: [log_probs(5, 4), target],
         {"reduction": "none"})

    # float64: the same draws converted to double (inputs keep requires_grad), every reduction
    def dbl(make):
        return lambda: [a.detach().double().requires_grad_(a.requires_grad) if a.is_floating_point() else a
                        for a in make()]

    for r in reductions:
        case(f"mse_loss/float64 2x3 {tag(r)}", fam, "F.mse_loss", dbl(lambda: [randn(2, 3), randn(2, 3)]), kw(r))
        case(f"l1_loss/float64 2x3 {tag(r)}", fam, "F.l1_loss", dbl(lambda: away_from_target(2, 3)), kw(r))
        case(f"binary_cross_entropy/float64 2x3 {tag(r)}", fam, "F.binary_cross_entropy",
             dbl(lambda: [uniform(0.05, 0.95, 2, 3), uniform(0, 1, 2, 3)]), kw(r))
        case(f"binary_cross_entropy/float64 hard targets {tag(r)}", fam, "F.binary_cross_entropy",
             dbl(lambda: [uniform(0.05, 0.95, 5), coin(5)]), kw(r))
        case(f"binary_cross_entropy_with_logits/float64 2x3 {tag(r)}", fam, "F.binary_cross_entropy_with_logits",
             dbl(lambda: [randn(2, 3) * 3, uniform(0, 1, 2, 3)]), kw(r))
        case(f"cross_entropy/float64 4x3 {tag(r)}", fam, "F.cross_entropy",
             dbl(lambda: [randn(4, 3) * 2, class_targets(4, 3)]), kw(r))
        case(f"nll_loss/float64 4x3 {tag(r)}", fam, "F.nll_loss",
             dbl(lambda: [log_probs(4, 3, scale=2), class_targets(4, 3)]), kw(r))
    # log(0) and log(1 - 1) clamped at -100, targets 0 and 1 (the gradient's denominator clamped at 1e-12)
    edge = lambda: [torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5, 1e-300], dtype=torch.float64, requires_grad=True),
                    torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 1.0], dtype=torch.float64)]
    for r in ["none", "sum"]:
        case(f"binary_cross_entropy/float64 log(0) clamped {r}", fam, "F.binary_cross_entropy", edge, kw(r))
    case("binary_cross_entropy_with_logits/float64 large logits", fam, "F.binary_cross_entropy_with_logits",
         lambda: [torch.tensor([-40.0, -20.0, 0.0, 20.0, 40.0], dtype=torch.float64, requires_grad=True),
                  torch.tensor([0.0, 1.0, 0.5, 1.0, 0.0], dtype=torch.float64)], {"reduction": "none"})
    target = torch.tensor([0, 1, 2, 1])
    case("cross_entropy/float64 ignore_index 1", fam, "F.cross_entropy", dbl(lambda: [randn(4, 3), target]),
         {"ignore_index": 1})
    target = torch.tensor([0, 3, 0, 2, 1])
    for r in [None, "sum", "none"]:
        case(f"nll_loss/float64 ignore_index 0 {tag(r)}", fam, "F.nll_loss", dbl(lambda: [log_probs(5, 4), target]),
             {"ignore_index": 0, **kw(r)})
    # every target ignored: 'mean' is 0/0 = nan, 'sum' 0, the gradient 0
    target = torch.tensor([2, 2, 2])
    for r in [None, "sum", "none"]:
        case(f"nll_loss/float64 all ignored {tag(r)}", fam, "F.nll_loss", dbl(lambda: [log_probs(3, 4), target]),
             {"ignore_index": 2, **kw(r)})
    case("nll_loss/float64 1-D input 0-d target", fam, "F.nll_loss",
         dbl(lambda: [log_probs(4), torch.tensor(1, dtype=torch.int64)]))
    # float32 with float64 (PyTorch 1.13): mse_loss computes in float64 (its backward refuses the mix:
    # no grads here), l1_loss promotes through sub. (binary_cross_entropy_with_logits takes target's
    # dtype but computes its log-sigmoid term in input's: test/dtypes.test.ts checks its dtypes.)
    case("mse_loss/float32 input float64 target", fam, "F.mse_loss",
         lambda: [randn(2, 3, grad=False), randn(2, 3, grad=False).double()])
    case("mse_loss/float64 input float32 target sum", fam, "F.mse_loss",
         lambda: [randn(4, grad=False).double(), randn(4, grad=False)], {"reduction": "sum"})
    case("l1_loss/float32 input float64 target", fam, "F.l1_loss",
         lambda: [a.double().requires_grad_() if i else a.requires_grad_() for i, a in enumerate(away_from_target(2, 3))])


# --------------------------------------------------------------------------------------
# Seed notebook example
# --------------------------------------------------------------------------------------

def seed_example():
    y = torch.tensor([1.0])
    x1 = torch.tensor([1.3])
    w1 = torch.tensor([2.0])
    b1 = torch.tensor([0.5])
    z1 = w1 * x1 + b1
    y_hat = torch.sigmoid(z1)
    loss = F.binary_cross_entropy(y_hat, y)
    nograd = {"z1_str_nograd": str(z1), "y_hat_str_nograd": str(y_hat), "loss_str_nograd": str(loss)}

    w1 = torch.tensor([2.0], requires_grad=True)
    b1 = torch.tensor([0.5], requires_grad=True)
    z1 = w1 * x1 + b1
    y_hat = torch.sigmoid(z1)
    loss = F.binary_cross_entropy(y_hat, y)
    loss.backward()
    return {
        "z1": enc_tensor(z1), "y_hat": enc_tensor(y_hat), "loss_item": loss.item(),
        "grad_w1": enc_tensor(w1.grad), "grad_b1": enc_tensor(b1.grad),
        "z1_str": str(z1), "y_hat_str": str(y_hat), "loss_str": str(loss),
        "grad_w1_str": str(w1.grad), "grad_b1_str": str(b1.grad),
        **nograd,
    }


# --------------------------------------------------------------------------------------
# Printing (str(tensor))
# --------------------------------------------------------------------------------------

def repr_cases():
    out = []

    def data(t):
        out.append({"tensor": enc_tensor(t), "str": str(t)})

    def random(*shape):
        with seeded(f"repr/randn {shape_str(shape)}"):
            data(randn(*shape, grad=False))

    def arange(start, end, shape, dtype=torch.float32):
        t = torch.arange(start, end, dtype=dtype).reshape(shape)
        out.append({"arange": [start, end], "shape": list(shape),
                    "dtype": {torch.float32: "float32", torch.int64: "int64"}[dtype], "str": str(t)})

    def expr(src):
        out.append({"expr": src, "str": str(eval(src, {"torch": torch, "F": F}))})

    f = lambda v: torch.tensor(v, dtype=torch.float32)
    i = lambda v: torch.tensor(v, dtype=torch.int64)
    data(f(3.5))                                        # 0-d
    data(f(-0.0001234))                                 # 0-d scientific
    data(f(2.0))                                        # 0-d integer-valued
    data(i(7))                                          # 0-d int64
    random(4)                                           # 1-d random
    random(2, 3)                                        # 2-d
    random(2, 2, 3)                                     # 3-d
    random(2, 1, 2, 2)                                  # 4-d
    data(f([1.0, 2.0, 3.0]))                            # integer-valued floats
    data(f([-1.0, 2.0, -300.0]))                        # integer-valued, negatives
    data(f([[-1.5, 2.25], [0.125, -8.0]]))              # negatives, mixed
    data(f([100000.0, 1.5]))                            # large ratio -> scientific
    data(f([1e5, 2e5]))                                 # large integer-valued
    data(f([123456.789, -0.5]))
    data(f([1e-5, 2e-5]))                               # small -> scientific
    data(f([1e-5, 1.0, 1000.0]))                        # mixed magnitudes
    data(f([1e10, -1.0]))                               # very large
    data(f([0.1, 0.25, 10.0]))
    data(f([0.0, -0.0, 1.0]))                           # zeros
    data(f([float("nan"), float("inf"), float("-inf"), 1.5]))  # non-finite
    data(f([float("nan"), 2.0]))
    random(20)                                          # wraps at linewidth 80
    random(3, 12)                                       # wide rows wrap
    data(i([1, -2, 300]))                               # int64
    data(i([[1, 2], [30, -40]]))                        # int64 2-d
    data(f([]))                                         # empty
    data(f([[1.5, 2.0]]).requires_grad_())              # leaf requires_grad
    data(f(1.25).requires_grad_())
    expr("torch.tensor([1.0, 2.0], requires_grad=True) * 2")
    expr("torch.tensor([[1.0, -2.0], [3.0, 4.5]], requires_grad=True).sum()")
    expr("torch.sigmoid(torch.tensor([0.5, -1.0], requires_grad=True))")
    expr("torch.tensor([1.0, 2.0, 3.0], requires_grad=True).mean(0, keepdim=True)")
    arange(0, 1000, (1000,))                            # exactly 1000 elements: not summarized
    arange(0, 1001, (1001,))                            # > 1000: summarized with ...
    arange(0, 2000, (40, 50))
    arange(0, 1200, (2, 20, 30))
    arange(0, 1500, (1500,), torch.int64)
    out.append({"expr": "torch.arange(0, 2000, dtype=torch.float32).reshape(40, 50) / 3",
                "str": str(torch.arange(0, 2000, dtype=torch.float32).reshape(40, 50) / 3)})
    return out


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------

ERRORS = []
WARNINGS = []


def error(name, call, make_args, kwargs=None):
    """Run a call that PyTorch rejects, on the args make_args() draws inside seeded(name),
    and record the exact message."""
    assert all(e.get("name") != name for e in ERRORS), name
    kwargs = kwargs or {}
    with seeded(name):
        args = make_args()
    rec = {"name": name, "call": call, "args": [enc_arg(a) for a in args],
           "kwargs": {k: enc_arg(v) for k, v in kwargs.items()}}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            resolve(call)(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        rec["error"] = str(e)
        rec["error_type"] = type(e).__name__
    else:
        raise AssertionError(f"{name}: expected an error")
    ERRORS.append(rec)
    return rec


def warning(name, call, make_args, kwargs=None):
    kwargs = kwargs or {}
    with seeded(name):
        args = make_args()
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        resolve(call)(*args, **kwargs)
    assert w, f"{name}: expected a warning"
    WARNINGS.append({"name": name, "call": call, "args": [enc_arg(a) for a in args],
                     "kwargs": {k: enc_arg(v) for k, v in kwargs.items()},
                     "warning": str(w[0].message), "warning_type": w[0].category.__name__})


SCRIPTS = {
    "backward_nonscalar": (
        "x = torch.ones(2, 3, requires_grad=True)\n"
        "y = x * 2\n"
        "y.backward()\n"),
    "backward_no_grad_fn": (
        "x = torch.ones(2, 3)\n"
        "y = x.sum()\n"
        "y.backward()\n"),
    "backward_twice": (
        "x = torch.tensor([0.5, -1.0], requires_grad=True)\n"
        "y = torch.sigmoid(x).sum()\n"
        "y.backward()\n"
        "y.backward()\n"),
    "backward_twice_mul_scalar": (
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
        "y = (x * 2).sum()\n"
        "y.backward()\n"
        "y.backward()\n"),
    "backward_twice_div_scalar": (
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
        "y = (x / 2).sum()\n"
        "y.backward()\n"
        "y.backward()\n"),
    "backward_empty_inputs": (
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
        "x.sum().backward(inputs=[])\n"),
}


def script_error(name):
    src = SCRIPTS[name]
    try:
        exec(src, {"torch": torch, "F": F})
    except Exception as e:  # noqa: BLE001
        ERRORS.append({"name": f"autograd/{name}", "script": name, "python": src,
                       "error": str(e), "error_type": type(e).__name__})
    else:
        raise AssertionError(f"{name}: expected an error")


def error_cases():
    g = lambda *s: randn(*s, grad=False)
    # broadcasting
    error("add/broadcast mismatch 2x3 2x4", "torch.add", lambda: [g(2, 3), g(2, 4)])
    error("mul/broadcast mismatch 3 4", "torch.mul", lambda: [g(3), g(4)])
    error("sub/broadcast mismatch 2x1x4 3x2", "torch.sub", lambda: [g(2, 1, 4), g(3, 2)])
    error("maximum/broadcast mismatch", "torch.maximum", lambda: [g(2, 3), g(3, 2)])
    error("pow/broadcast mismatch", "torch.pow", lambda: [pos(2, 3, grad=False), g(2)])
    # matmul family
    error("mm/shape mismatch 2x3 4x5", "torch.mm", lambda: [g(2, 3), g(4, 5)])
    error("mm/1-D arg", "torch.mm", lambda: [g(3), g(3, 2)])
    error("mm/3-D arg", "torch.mm", lambda: [g(2, 2, 3), g(3, 2)])
    error("matmul/2Dx2D mismatch 2x3 4x5", "torch.matmul", lambda: [g(2, 3), g(4, 5)])
    error("matmul/1Dx1D mismatch 3 4", "torch.matmul", lambda: [g(3), g(4)])
    error("matmul/2Dx1D mismatch 2x3 4", "torch.matmul", lambda: [g(2, 3), g(4)])
    error("matmul/1Dx2D mismatch 3 4x5", "torch.matmul", lambda: [g(3), g(4, 5)])
    error("matmul/3Dx2D mismatch 2x2x3 4x5", "torch.matmul", lambda: [g(2, 2, 3), g(4, 5)])
    error("matmul/2Dx3D mismatch 2x3 2x4x5", "torch.matmul", lambda: [g(2, 3), g(2, 4, 5)])
    error("matmul/3Dx3D inner mismatch", "torch.matmul", lambda: [g(2, 2, 3), g(2, 4, 5)])
    error("matmul/3Dx3D batch mismatch", "torch.matmul", lambda: [g(2, 2, 3), g(3, 3, 5)])
    error("matmul/3Dx1D mismatch", "torch.matmul", lambda: [g(2, 2, 3), g(4)])
    error("matmul/1Dx3D mismatch", "torch.matmul", lambda: [g(3), g(2, 4, 5)])
    error("matmul/0-d operand", "torch.matmul", lambda: [g(), g(2, 3)])
    error("bmm/2-D arg", "torch.bmm", lambda: [g(2, 3), g(3, 2)])
    error("bmm/batch mismatch", "torch.bmm", lambda: [g(2, 2, 3), g(3, 3, 2)])
    error("bmm/inner mismatch", "torch.bmm", lambda: [g(2, 2, 3), g(2, 4, 2)])
    error("linear/shape mismatch", "F.linear", lambda: [g(2, 3), g(5, 4)])
    error("linear/bias mismatch", "F.linear", lambda: [g(2, 4), g(5, 4), g(3)])
    # view / reshape / expand
    error("view/invalid size [4,4] of 6", "Tensor.view", lambda: [g(2, 3), [4, 4]])
    error("reshape/invalid size [4,4] of 6", "Tensor.reshape", lambda: [g(2, 3), [4, 4]])
    error("reshape/torch.reshape invalid [5,-1] of 6", "torch.reshape", lambda: [g(2, 3), [5, -1]])
    error("view/two -1", "Tensor.view", lambda: [g(2, 3), [-1, -1]])
    error("reshape/two -1", "Tensor.reshape", lambda: [g(2, 3), [-1, -1]])
    error("reshape/negative dim -2", "Tensor.reshape", lambda: [g(2, 3), [-2, 3]])
    # a -1 next to a 0 cannot be inferred for an empty tensor (its own message)
    error("reshape/0 elements with -1", "Tensor.reshape", lambda: [torch.zeros(0, 3), [0, -1]])
    error("view/0 elements with -1", "Tensor.view", lambda: [torch.zeros(0, 3), [-1, 0]])
    error("reshape/6 elements with 0 and -1", "Tensor.reshape", lambda: [torch.zeros(2, 3), [0, -1]])
    # the fixture's data of a tensor is row-major in its shape: say which args PyTorch held as t()
    # of a contiguous tensor, so that the test can give them the same layout
    error("view/non-contiguous (transposed) input", "Tensor.view", lambda: [g(2, 3).t(), [6]])["layouts"] = ["t", None]
    error("expand/non-singleton mismatch", "Tensor.expand", lambda: [g(2, 3), [3, 3]])
    error("expand/fewer dims", "Tensor.expand", lambda: [g(2, 3), [3]])
    error("expand/-1 in new leading dim", "Tensor.expand", lambda: [g(3), [-1, 3]])
    # cat / stack
    error("cat/mismatched shapes dim 0", "torch.cat", lambda: [L([g(2, 3), g(2, 4)]), 0])
    error("cat/mismatched shapes dim 1", "torch.cat", lambda: [L([g(2, 3), g(3, 3)]), 1])
    error("cat/mismatched ranks", "torch.cat", lambda: [L([g(2, 3), g(3)]), 0])
    error("cat/empty list", "torch.cat", lambda: [L([]), 0])
    error("cat/dim out of range", "torch.cat", lambda: [L([g(2, 3), g(2, 3)]), 2])
    error("stack/different shapes", "torch.stack", lambda: [L([g(2, 3), g(2, 4)]), 0])
    error("stack/empty list", "torch.stack", lambda: [L([]), 0])
    error("stack/dim out of range", "torch.stack", lambda: [L([g(2, 3), g(2, 3)]), 3])
    # dims out of range
    error("squeeze/dim out of range", "torch.squeeze", lambda: [g(2, 3), 2])
    error("unsqueeze/dim out of range", "torch.unsqueeze", lambda: [g(2, 3), 3])
    error("unsqueeze/negative dim out of range", "torch.unsqueeze", lambda: [g(2, 3), -4])
    error("transpose/dim out of range", "torch.transpose", lambda: [g(2, 3), 0, 2])
    error("sum/dim out of range", "torch.sum", lambda: [g(2, 3), 2])
    error("sum/negative dim out of range", "torch.sum", lambda: [g(2, 3), -3])
    error("sum/dim list out of range", "torch.sum", lambda: [g(2, 3), [0, 5]])
    error("sum/repeated dim", "torch.sum", lambda: [g(2, 3), [1, 1]])
    error("mean/dim out of range", "torch.mean", lambda: [g(2, 3), 2])
    error("max/dim out of range", "torch.max", lambda: [g(2, 3), 2])
    error("amax/dim out of range", "torch.amax", lambda: [g(2, 3), 2])
    error("logsumexp/dim out of range", "torch.logsumexp", lambda: [g(2, 3), 2])
    error("softmax/dim out of range", "torch.softmax", lambda: [g(2, 3), 2])
    error("log_softmax/dim out of range", "F.log_softmax", lambda: [g(2, 3)], {"dim": -3})
    error("flatten/start_dim after end_dim", "torch.flatten", lambda: [g(2, 3, 4)], {"start_dim": 2, "end_dim": 1})
    error("flatten/dim out of range", "torch.flatten", lambda: [g(2, 3)], {"start_dim": 2})
    error("t/3-D input", "torch.t", lambda: [g(2, 3, 4)])
    error("permute/wrong number of dims", "torch.permute", lambda: [g(2, 3), [0, 1, 2]])
    error("permute/too few dims", "torch.permute", lambda: [g(2, 3, 4), [1, 0]])
    error("permute/repeated dim", "torch.permute", lambda: [g(2, 3), [0, 0]])
    error("mean/int64 input", "torch.mean", lambda: [torch.tensor([1, 2, 3])])
    error("requires_grad_/int64 tensor", "Tensor.requires_grad_", lambda: [torch.tensor([1, 2])])
    # losses
    error("binary_cross_entropy/input > 1", "F.binary_cross_entropy",
          lambda: [torch.tensor([0.5, 1.5]), torch.tensor([1.0, 0.0])])
    error("binary_cross_entropy/input < 0", "F.binary_cross_entropy",
          lambda: [torch.tensor([-0.5, 0.5]), torch.tensor([1.0, 0.0])])
    error("binary_cross_entropy/target size differs", "F.binary_cross_entropy",
          lambda: [uniform(0.1, 0.9, 2, 3, grad=False), uniform(0, 1, 3, grad=False)])
    error("binary_cross_entropy_with_logits/target size differs", "F.binary_cross_entropy_with_logits",
          lambda: [g(2, 3), uniform(0, 1, 3, grad=False)])
    error("nll_loss/target out of bounds", "F.nll_loss", lambda: [g(2, 3), torch.tensor([0, 5])])
    error("binary_cross_entropy/float32 input float64 target", "F.binary_cross_entropy",
          lambda: [uniform(0.1, 0.9, 3, grad=False), uniform(0, 1, 3, grad=False).double()])
    error("binary_cross_entropy/float64 input float32 target", "F.binary_cross_entropy",
          lambda: [uniform(0.1, 0.9, 3, grad=False).double(), uniform(0, 1, 3, grad=False)])
    error("nll_loss/float64 input float64 target", "F.nll_loss",
          lambda: [g(2, 3).double(), torch.tensor([0.0, 1.0], dtype=torch.float64)])
    error("nll_loss/negative target", "F.nll_loss", lambda: [g(2, 3), torch.tensor([-2, 1])])
    error("nll_loss/batch size mismatch", "F.nll_loss", lambda: [g(2, 3), torch.tensor([0, 1, 2])])
    error("nll_loss/float target", "F.nll_loss", lambda: [g(2, 3), torch.tensor([0.0, 1.0])])
    error("cross_entropy/target out of bounds", "F.cross_entropy", lambda: [g(2, 3), torch.tensor([3, 0])])
    error("cross_entropy/batch size mismatch", "F.cross_entropy", lambda: [g(2, 3), torch.tensor([0, 1, 2])])
    error("mse_loss/non-broadcastable shapes", "F.mse_loss", lambda: [g(2, 3), g(2, 4)])
    error("l1_loss/non-broadcastable shapes", "F.l1_loss", lambda: [g(2, 3), g(4)])
    warning("mse_loss/broadcastable different shapes", "F.mse_loss", lambda: [g(2, 3), g(3)])
    warning("l1_loss/broadcastable different shapes", "F.l1_loss", lambda: [g(2, 3), g(2, 1)])
    # autograd scripts
    for name in SCRIPTS:
        script_error(name)



# --------------------------------------------------------------------------------------
# torch.nn modules and torch.optim (top-level keys "nn" and "optim" of ops.json).
# Each runs right after its own manual_seed, which the TS tests reproduce.
# --------------------------------------------------------------------------------------

def nn_module_fixtures():
    """Linear / Sequential parameters after manual_seed, named_parameters, forward."""
    out = []

    def record(name, seed, build, x_shape):
        torch.manual_seed(seed)
        model = build()
        named = [[n, enc_tensor(p.detach())] for n, p in model.named_parameters()]
        x = torch.randn(*x_shape)
        y = model(x)
        out.append({"name": name, "seed": seed, "named_parameters": named,
                    "input": enc_tensor(x), "output": enc_tensor(y.detach())})

    record("Linear(3, 2)", 0, lambda: torch.nn.Linear(3, 2), (4, 3))
    record("Linear(5, 4, bias=False)", 1, lambda: torch.nn.Linear(5, 4, bias=False), (2, 5))
    record("Linear(64, 10)", 7, lambda: torch.nn.Linear(64, 10), (3, 64))
    record("Sequential(Linear(4, 8), ReLU(), Linear(8, 2), Sigmoid())", 2,
           lambda: torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(),
                                       torch.nn.Linear(8, 2), torch.nn.Sigmoid()), (5, 4))
    return out


def optim_fixtures():
    """A small regression net (Linear(3,4) → ReLU → Linear(4,1), mse_loss) trained
    a few steps by each optimizer config; params after every step."""
    torch.manual_seed(3)
    base = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    x = torch.randn(6, 3)
    y = torch.randn(6, 1)
    init = [p.detach().clone() for p in base.parameters()]
    configs = [
        ("SGD lr=0.1", "SGD", {"lr": 0.1}),
        ("SGD momentum=0.9", "SGD", {"lr": 0.05, "momentum": 0.9}),
        ("SGD momentum dampening weight_decay", "SGD",
         {"lr": 0.05, "momentum": 0.8, "dampening": 0.1, "weight_decay": 0.01}),
        ("SGD nesterov weight_decay", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.001}),
        ("SGD maximize", "SGD", {"lr": 0.01, "maximize": True}),
        ("Adam default", "Adam", {}),
        ("Adam lr=0.01", "Adam", {"lr": 0.01}),
        ("Adam betas weight_decay eps", "Adam", {"lr": 0.02, "betas": [0.8, 0.99], "weight_decay": 0.1, "eps": 1e-6}),
        ("Adam maximize", "Adam", {"lr": 0.01, "maximize": True}),
        ("Adam amsgrad", "Adam", {"lr": 0.05, "amsgrad": True}),
        ("Adam amsgrad betas weight_decay maximize", "Adam",
         {"lr": 0.02, "betas": [0.5, 0.9], "weight_decay": 0.05, "amsgrad": True, "maximize": True}),
    ]
    return {"model": "Linear(3, 4) -> ReLU -> Linear(4, 1), F.mse_loss",
            "names": [n for n, _ in base.named_parameters()],
            "init": [enc_tensor(v) for v in init], "x": enc_tensor(x), "y": enc_tensor(y),
            "cases": train_configs(configs, init, x, y, 4),
            # the same net, data and configs in float64, 10 steps of torch.optim's single-tensor
            # step (foreach=False), its state buffers float64 too
            "float64": {"init": [enc_tensor(v.double()) for v in init], "x": enc_tensor(x.double()),
                        "y": enc_tensor(y.double()),
                        "cases": train_configs(configs, [v.double() for v in init], x.double(), y.double(), 10,
                                               {"foreach": False})}}


def train_configs(configs, init, x, y, steps, extra=None):
    """Each optimizer config trains the net from init for `steps` steps: losses and params after each."""
    out = []
    for name, cls, kw in configs:
        model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1)).to(x.dtype)
        with torch.no_grad():
            for p, v in zip(model.parameters(), init):
                p.copy_(v)
        kwargs = dict(kw, **(extra or {}))
        if "betas" in kwargs:
            kwargs["betas"] = tuple(kwargs["betas"])
        opt = getattr(torch.optim, cls)(model.parameters(), **kwargs)
        losses, params = [], []
        for _ in range(steps):
            opt.zero_grad(set_to_none=True)
            loss = F.mse_loss(model(x), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
            params.append([enc_tensor(p.detach()) for p in model.parameters()])
        assert all(t.dtype == x.dtype for st in opt.state.values() for t in st.values() if torch.is_tensor(t) and t.numel() > 1)
        out.append({"name": name, "optimizer": cls, "options": kw, "losses": losses, "params": params})
    return out


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------
# Creation functions (top-level key "creation" of ops.json): each entry is a call
# whose arguments the TS test passes positionally plus an options object, and the
# tensor PyTorch made. Random ones run right after their manual_seed.
# --------------------------------------------------------------------------------------

def creation_fixtures():
    out = []

    def record(name, call, args, kwargs, make, seed=None, rtol=0):
        if seed is not None:
            torch.manual_seed(seed)
        t = make()
        out.append({"name": name, "call": call, "args": args, "kwargs": kwargs, "seed": seed,
                     "out": enc_tensor(t.detach()), "rtol": rtol})

    record("tensor nested", "tensor", [[[1.5, -2.0], [3.25, 0.1]]], {}, lambda: torch.tensor([[1.5, -2.0], [3.25, 0.1]]))
    record("tensor int64", "tensor", [[3, -1, 7]], {"dtype": "int64"}, lambda: torch.tensor([3, -1, 7]))
    record("zeros", "zeros", [[2, 3]], {}, lambda: torch.zeros(2, 3))
    record("ones", "ones", [[4]], {}, lambda: torch.ones(4))
    record("full", "full", [[2, 2], 7.5], {}, lambda: torch.full((2, 2), 7.5))
    record("arange end", "arange", [5], {}, lambda: torch.arange(5.0))
    record("arange start end step", "arange", [1, 10, 3], {}, lambda: torch.arange(1.0, 10.0, 3.0))
    record("arange fractional step", "arange", [0, 1, 0.1], {}, lambda: torch.arange(0.0, 1.0, 0.1))
    record("arange negative step", "arange", [2, -1, -0.5], {}, lambda: torch.arange(2.0, -1.0, -0.5))
    record("arange int64", "arange", [0, 6, 2], {"dtype": "int64"}, lambda: torch.arange(0, 6, 2))
    record("linspace", "linspace", [0, 1, 5], {}, lambda: torch.linspace(0, 1, 5))
    record("linspace 7 negative", "linspace", [-1, 1, 7], {}, lambda: torch.linspace(-1, 1, 7))
    record("linspace thirds", "linspace", [0, 10, 4], {}, lambda: torch.linspace(0, 10, 4))
    record("linspace 1 step", "linspace", [3, 9, 1], {}, lambda: torch.linspace(3, 9, 1))
    record("eye", "eye", [3], {}, lambda: torch.eye(3))
    record("eye rectangular", "eye", [2, 4], {}, lambda: torch.eye(2, 4))
    record("rand seed 0", "rand", [[2, 3]], {}, lambda: torch.rand(2, 3), seed=0)
    record("randn seed 0", "randn", [[3, 2]], {}, lambda: torch.randn(3, 2), seed=0)
    record("randn seed 42 large", "randn", [[40]], {}, lambda: torch.randn(40), seed=42)
    record("empty", "empty", [[2, 3]], {}, lambda: torch.zeros(2, 3))  # PyTorch's values are unset: wasmgrad's zeros
    record("randint 0 10 seed 0", "randint", [0, 10, [8]], {}, lambda: torch.randint(0, 10, (8,)), seed=0)
    record("randint high only seed 5", "randint", [7, [2, 3]], {}, lambda: torch.randint(7, (2, 3)), seed=5)
    record("randint -5 1000 seed 1", "randint", [-5, 1000, [6]], {}, lambda: torch.randint(-5, 1000, (6,)), seed=1)
    record("randperm 10 seed 0", "randperm", [10], {}, lambda: torch.randperm(10), seed=0)
    record("randperm 1 seed 2", "randperm", [1], {}, lambda: torch.randperm(1), seed=2)
    record("normal 2 3 seed 0", "normal", [2.0, 3.0, [5]], {}, lambda: torch.normal(2.0, 3.0, (5,)), seed=0)
    record("normal -1 0.5 seed 4", "normal", [-1.0, 0.5, [20]], {}, lambda: torch.normal(-1.0, 0.5, (20,)), seed=4)
    record("logspace", "logspace", [0, 2, 3], {}, lambda: torch.logspace(0, 2, 3))
    record("logspace 7 negative", "logspace", [-1, 1.5, 7], {}, lambda: torch.logspace(-1, 1.5, 7))
    record("logspace base 2", "logspace", [0, 10, 11], {"base": 2}, lambda: torch.logspace(0, 10, 11, base=2))
    # PyTorch's vectorized loop (8 values at a time) computes pow in float: within 4 ulp of the scalar loop's
    record("logspace 20 fractional", "logspace", [-3.3, 4.7, 20], {}, lambda: torch.logspace(-3.3, 4.7, 20), rtol=5e-7)
    return out


def module_reprs():
    """str(module) for a few models (top-level key "module_repr" of ops.json)."""
    out = []
    m = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU())
    m.add_module("head", torch.nn.Linear(3, 1, bias=False))
    out.append({"name": "Sequential with add_module", "str": str(m)})
    out.append({"name": "Linear", "str": str(torch.nn.Linear(784, 256))})
    out.append({"name": "Sigmoid", "str": str(torch.nn.Sigmoid())})
    return out


def corner_case_fixtures():
    """Autograd and promotion corner cases checked by test/corner-cases.test.ts (top-level
    key "corner_cases" of ops.json); every input is written out, nothing is drawn."""
    r = {}
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    r["x"] = enc_tensor(x)
    seed = torch.tensor([0.5, -1.0])
    r["seed"] = enc_tensor(seed)
    y = x * 2
    # an input that is also the output: d y / d y is the seed, counted once
    r["grad_y_wrt_y"] = enc_tensor(torch.autograd.grad(y, [y], seed, retain_graph=True)[0])
    ys = (x * 2).sum()
    r["grad_scalar_wrt_itself"] = enc_tensor(torch.autograd.grad(ys, [ys])[0])
    y = x * 2
    r["grad_two_roots_wrt_first"] = enc_tensor(torch.autograd.grad([y.sum(), (y * 3).sum()], [y])[0])
    # the same tensor listed twice gets its gradient twice
    z = (x * x).sum()
    r["grad_dup_inputs"] = [enc_tensor(g) for g in torch.autograd.grad(z, [x, x])]
    x.grad = None
    z = (x * x).sum()
    z.backward(inputs=[x, x], retain_graph=True)
    r["backward_dup_inputs"] = enc_tensor(x.grad)
    z.backward(inputs=[x])
    r["backward_inputs_twice"] = enc_tensor(x.grad)
    x.grad = None
    # an int64 gradient is cast to the output's dtype
    iseed = torch.tensor([1, 3])
    r["int_seed"] = enc_tensor(iseed)
    (x * 2).backward(iseed)
    r["grad_int_seed"] = enc_tensor(x.grad)
    r["autograd_grad_int_seed"] = enc_tensor(torch.autograd.grad(x * 2, [x], iseed)[0])
    # cat / stack promote int64 + float32 to float32
    f = torch.tensor([[1.5, 2.5]])
    i = torch.tensor([[1, 2]])
    r["f"], r["i"] = enc_tensor(f), enc_tensor(i)
    r["cat_fi"] = enc_tensor(torch.cat([f, i]))
    r["cat_if"] = enc_tensor(torch.cat([i, f], 1))
    r["stack_if"] = enc_tensor(torch.stack([i, f], 1))
    # retain_grad: a clone of the first gradient, then out-of-place sums
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    sy = (y * y).sum()
    sy.backward(retain_graph=True)
    g1 = y.grad
    r["retained_first"] = enc_tensor(g1)
    sy.backward()
    r["retained_held"] = enc_tensor(g1)
    r["retained_second"] = enc_tensor(y.grad)
    return r


def scenario_fixtures():
    """Expected values of the hand-written behaviour tests (autograd, tensor API,
    memory, corner cases, errors, creation, nn): each scenario is the PyTorch code that
    mirrors the TypeScript test, executed here; the snippet leaves its results in
    a dict `values` (tensors are written as .tolist(), Python numbers and strings
    as they are). Each runs inside seeded(its name)."""
    out = {}

    def plain(v):
        if isinstance(v, torch.Tensor):
            assert v.dtype in (torch.float32, torch.int64), v.dtype
            v = v.detach().tolist()
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        if isinstance(v, float):
            assert math.isfinite(v), v
        assert isinstance(v, (bool, int, float, str)), v
        return v

    def scenario(name, python):
        python = textwrap.dedent(python).strip() + "\n"
        ns = {"torch": torch, "F": F, "math": math}
        with seeded(name):
            exec(python, ns)
        out[name] = {"python": python, "values": {k: plain(v) for k, v in ns["values"].items()}}

    # test/autograd.test.ts
    scenario("autograd/accumulates over backward calls", """
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        x.mul(x).sum().backward()
        x.mul(3).sum().backward()
        values = {"grad": x.grad}
    """)
    scenario("autograd/grad updated in place", """
        x = torch.tensor([1., 2.], requires_grad=True)
        x.sum().backward()
        g = x.grad
        x.sum().backward()
        assert x.grad is g
        values = {"grad": g}
    """)
    scenario("autograd/tensor used twice", """
        x = torch.tensor([3.], requires_grad=True)
        y = x.mul(x).add(x)
        y.backward()
        values = {"grad": x.grad}
    """)
    scenario("autograd/autograd.grad leaves .grad alone", """
        w = torch.tensor([2.], requires_grad=True)
        b = torch.tensor([0.5], requires_grad=True)
        loss = w.mul(1.3).add(b).sigmoid()
        dw, db = torch.autograd.grad(loss, [w, b])
        assert w.grad is None and b.grad is None
        values = {"dw": dw, "db": db}
    """)
    scenario("autograd/grad wrt intermediate", """
        x = torch.tensor([1., 2.], requires_grad=True)
        h = x.mul(3)
        y = h.mul(h).sum()
        dh, = torch.autograd.grad(y, h)
        values = {"dh": dh}
    """)
    scenario("autograd/grad_outputs", """
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = x.mul(2)
        dx, = torch.autograd.grad(y, x, grad_outputs=torch.tensor([1., 0., -1.]), retain_graph=True)
        y.backward(torch.tensor([1., 1., 1.]))
        values = {"dx": dx, "grad": x.grad}
    """)
    scenario("autograd/non-leaf grad warning", """
        import warnings
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            h = torch.tensor([1., 2.], requires_grad=True).mul(2)
            h.sum().backward()
            assert h.grad is None
        # the C++ source location PyTorch appends is not part of the message
        values = {"warning": str(caught[0].message).split(" (Triggered internally at")[0]}
    """)
    scenario("autograd/retain_grad", """
        x = torch.tensor([1., 2.], requires_grad=True)
        h = x.mul(2)
        h.retain_grad()
        h.mul(h).sum().backward()
        values = {"h_grad": h.grad}
    """)
    scenario("autograd/grad setter", """
        x = torch.tensor([1., 2.], requires_grad=True)
        x.grad = torch.tensor([5., 5.])
        x.sum().backward()
        values = {"grad": x.grad}
    """)
    scenario("autograd/backward of a leaf", """
        x = torch.tensor([4.], requires_grad=True)
        x.backward()
        values = {"grad": x.grad}
    """)
    scenario("autograd/deep graph", """
        w = torch.tensor([1.], requires_grad=True)
        x = torch.tensor([1.])
        for i in range(10_000):
            x = x.mul(w)
        x.backward()
        values = {"grad": w.grad}
    """)

    # test/tensor-api.test.ts
    scenario("tensor-api/float and long", """
        x = torch.tensor([1.7, -1.7, 2.5])
        l = x.long()
        f = l.float()
        values = {"long": l, "float": f}
    """)
    # PyTorch here has one device: .to('cpu', copy=True) stands for t.to(other device), the same node
    scenario("tensor-api/to another device", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x.to("cpu", copy=True)
        values = {"is_leaf": y.is_leaf, "requires_grad": y.requires_grad, "grad_fn": type(y.grad_fn).__name__,
                  "values": y}
        y.mul(y).sum().backward()
        values["grad"] = x.grad
        dx, = torch.autograd.grad(x.mul(3).to("cpu", copy=True).exp().sum(), [x])
        values["autograd_grad"] = dx
        x.grad = None
        x.to("cpu", copy=True).mul(2).to("cpu", copy=True).mul(x).sum().backward()
        values["there_and_back"] = x.grad
        x.grad = None
        h = x.mul(2)
        h.to("cpu", copy=True).mul(5).sum().backward(inputs=[x])
        values["backward_inputs"] = x.grad
        with torch.no_grad():
            values["no_grad_is_leaf"] = x.to("cpu", copy=True).is_leaf
        values["same_device_is_self"] = x.to("cpu") is x
    """)
    scenario("tensor-api/clone", """
        x = torch.tensor([1., 2.], requires_grad=True)
        c = x.clone()
        c.mul(3).sum().backward()
        values = {"grad": x.grad}
    """)
    scenario("tensor-api/backward inputs", """
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([3., 4.], requires_grad=True)
        y = a.mul(b).sum()
        y.backward(inputs=[a], retain_graph=True)
        first = a.grad.clone()
        assert b.grad is None
        y.backward(inputs=[a])
        values = {"first": first, "second": a.grad}
    """)
    scenario("tensor-api/backward inputs non-leaf", """
        x = torch.tensor([1., 2.], requires_grad=True)
        w = torch.tensor([3., -1.], requires_grad=True)
        h = x.mul(w)
        y = h.mul(h).sum()
        y.backward(inputs=[h, w, h], retain_graph=True)
        assert x.grad is None
        y.backward(inputs=[w])
        values = {"h_grad": h.grad, "w_grad": w.grad}
    """)
    scenario("tensor-api/autograd.backward", """
        x = torch.tensor([1., 2.], requires_grad=True)
        torch.autograd.backward([x.mul(2), x.sum()], [torch.tensor([1., 1.]), None])
        values = {"grad": x.grad}
    """)
    scenario("tensor-api/dot and mv", """
        values = {
            "dot": torch.tensor([1., 2., 3.]).dot(torch.tensor([4., 5., 6.])).item(),
            "mv": torch.tensor([[1., 2.], [3., 4.]]).mv(torch.tensor([1., -1.])),
        }
    """)
    scenario("tensor-api/keyword forms", """
        x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
        values = {
            "reshape_shape": list(x.reshape(shape=[3, 2]).shape),
            "view_shape": list(x.view(size=[6]).shape),
            "permute_shape": list(x.permute(dims=[1, 0]).shape),
            "transpose": x.transpose(dim0=0, dim1=1),
            "unsqueeze_shape": list(x.unsqueeze(dim=0).shape),
            "sum_shape": list(x.sum(dim=1, keepdim=True).shape),
            "cat_shape": list(torch.cat([x, x], dim=1).shape),
        }
        y = x.mul(2).sum()
        y.backward(retain_graph=True)
        y.backward(gradient=torch.tensor(3.))
        values["grad"] = x.grad
    """)
    scenario("tensor-api/function forms", """
        x = torch.tensor([1., 2., 3.])
        values = {"view_shape": list(x.view([3, 1]).shape), "expand": x.expand([2, 3])}
    """)

    # test/creation.test.ts
    scenario("creation/like", """
        x = torch.tensor([[1, 2, 3]], dtype=torch.int64)
        z = torch.zeros_like(x)
        o = torch.ones_like(torch.zeros([2]), requires_grad=True)
        values = {"zeros_like": z, "ones_like": o}
    """)

    # test/memory.test.ts
    scenario("memory/tidy", """
        inner = torch.ones([3]).mul(2)
        kept = inner.add(1)
        values = {"kept": kept}
    """)
    scenario("memory/record outlives a disposed intermediate", """
        x = torch.tensor([0.5, 1.5], requires_grad=True)
        e = x.exp()
        y = e.sum()
        del e  # as e.dispose(): the graph keeps what ExpBackward0 saved
        y.backward()
        values = {"grad": x.grad}
    """)
    scenario("memory/after out of memory", """
        keep = torch.tensor([1., 2., 3.], requires_grad=True)
        y = keep.mul(keep).sum()
        y.backward()
        values = {"grad": keep.grad}
    """)

    # test/corner-cases.test.ts (x is corner_cases' x)
    scenario("corner-cases/zero_grad(False)", """
        x = torch.tensor([1., 2.], requires_grad=True)
        x.mul(x).sum().backward()
        g = x.grad
        opt = torch.optim.SGD([x], lr=0.1)
        opt.zero_grad(False)
        assert x.grad is g
        values = {"grad": g}
    """)

    # test/errors.test.ts
    scenario("errors/sentinel", """
        w = torch.tensor([[0.5, -1.5], [2.0, 0.25]], requires_grad=True)
        y = w.mul(w).sum()
        y.backward()
        z = torch.ones([3]).mul(2).sum()
        values = {"grad": w.grad, "z": z.item()}
    """)
    # view(target) after a chain of view ops on arange(numel).reshape(shape): the values, or PyTorch's
    # error; and whether the chain's result is contiguous
    scenario("errors/views of strided tensors", """
        chains = [
            ([2, 3], [["t"]], [6]), ([2, 3], [["t"]], [3, 2]), ([2, 3], [["t"]], [3, 1, 2]),
            ([2, 3, 4], [["transpose", 0, 1]], [3, 8]), ([2, 3, 4], [["transpose", 0, 1]], [3, 2, 2, 2]),
            ([2, 3, 4], [["transpose", 1, 2]], [2, 12]), ([2, 3, 4], [["transpose", 1, 2]], [8, 3]),
            ([2, 3, 4], [["permute", 2, 0, 1]], [4, 6]), ([2, 3, 4], [["permute", 2, 0, 1]], [24]),
            ([2, 3, 4], [["permute", 0, 2, 1]], [2, 12]), ([2, 3, 4], [["permute", 1, 2, 0]], [12, 2]),
            ([2, 3, 4], [["unsqueeze", 1], ["transpose", 0, 2]], [3, 2, 4]),
            ([2, 1, 4], [["transpose", 0, 2], ["squeeze"]], [8]), ([2, 1, 4], [["transpose", 0, 2], ["squeeze", 1]], [8]),
            ([2, 3, 4], [["transpose", 0, 1], ["clone"]], [24]), ([2, 3, 4], [["transpose", 0, 1], ["reshape", 24]], [2, 12]),
            ([2, 3, 4], [["transpose", 0, 1], ["flatten"]], [24]), ([2, 3, 4], [["transpose", 1, 2], ["flatten", 1]], [24]),
            ([2, 3, 4], [["transpose", 0, 1], ["detach"]], [24]),
            ([1, 3, 4], [["expand", 3, 3, 4]], [36]), ([1, 3, 4], [["expand", 3, 3, 4]], [3, 3, 2, 2]),
            ([1, 3, 4], [["expand", 3, 3, 4], ["clone"]], [36]), ([3, 4], [["expand", 2, 3, 4]], [2, 12]),
            ([3, 4], [["expand", 2, 3, 4]], [6, 4]), ([3, 1], [["expand", 3, 5]], [15]), ([3, 1], [["expand", 3, 5]], [3, 5, 1]),
            ([2, 3, 4], [["transpose", 1, 2], ["transpose", 1, 2]], [24]),
            ([0, 3], [["t"]], [0]), ([0, 3], [["t"]], [3, 0]), ([], [], [1]),
        ]
        values = {"cases": []}
        for shape, chain, target in chains:
            x = torch.arange(float(math.prod(shape))).reshape(shape)
            for name, *args in chain:
                x = getattr(x, name)(*args)
            try:
                got = x.view(target)
            except RuntimeError as e:
                got = str(e)
            values["cases"].append([shape, chain, target, got, x.is_contiguous()])
    """)

    # test/nn.test.ts (the seed notebook's print)
    scenario("nn/seed notebook loss print", """
        y = torch.tensor([1.0])
        x1 = torch.tensor([1.3])
        w1 = torch.tensor([2.0], requires_grad=True)
        b1 = torch.tensor([0.5], requires_grad=True)
        loss = F.binary_cross_entropy(torch.sigmoid(w1.mul(x1).add(b1)), y)
        values = {"printed": f"Loss: {loss.item()}"}
    """)

    # test/seed.test.ts: the seed notebook's cells, run here; its printed lines, blank lines dropped
    scenario("seed/notebook printed lines", """
        import contextlib, io
        from torch.autograd import grad
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            y = torch.tensor([1.0])
            x1 = torch.tensor([1.3])
            w1 = torch.tensor([2.0])
            b1 = torch.tensor([0.5])
            z1 = w1 * x1 + b1
            y_hat = torch.sigmoid(z1)
            loss = F.binary_cross_entropy(y_hat, y)
            print(f"Weighted sum (z1): {z1}")
            print(f"Predicted value (y_hat): {y_hat}")
            print(f"Loss: {loss.item()}\\n")
            w1 = torch.tensor([2.0], requires_grad=True)
            b1 = torch.tensor([0.5], requires_grad=True)
            z1 = w1 * x1 + b1
            y_hat = torch.sigmoid(z1)
            loss = F.binary_cross_entropy(y_hat, y)
            grad_L_w1 = grad(loss, w1, retain_graph=True)
            grad_L_b1 = grad(loss, b1, retain_graph=True)
            print(f"Partial gradient of loss with respect to w1: {grad_L_w1[0]}")
            print(f"Partial gradient of loss with respect to b1: {grad_L_b1[0]}")
            loss.backward()
            print(f"Gradient of loss with respect to w1 using backward(): {w1.grad}")
            print(f"Gradient of loss with respect to b1 using backward(): {b1.grad}")
        values = {"lines": [line for line in printed.getvalue().split("\\n") if line.strip()]}
    """)
    return out


def write(path, obj):
    with open(path, "w") as fh:
        json.dump(obj, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    return os.path.getsize(path)


def main():
    elementwise_cases()
    reduction_cases()
    softmax_cases()
    shape_cases()
    matmul_cases()
    nn_cases()
    loss_cases()
    seed = seed_example()
    reprs = repr_cases()
    error_cases()
    nn_fix = nn_module_fixtures()
    optim_fix = optim_fixtures()
    creation_fix = creation_fixtures()
    module_repr = module_reprs()
    corner_cases = corner_case_fixtures()
    scenarios = scenario_fixtures()

    os.makedirs(OUT_DIR, exist_ok=True)
    header = {"generator": GENERATOR, "torch": torch.__version__}
    n_ops = write(os.path.join(OUT_DIR, "ops.json"), {**header, "cases": CASES, "seed": seed, "repr": reprs,
                                                         "nn": nn_fix, "optim": optim_fix,
                                                         "creation": creation_fix, "module_repr": module_repr,
                                                         "corner_cases": corner_cases, "scenarios": scenarios})
    n_err = write(os.path.join(OUT_DIR, "errors.json"), {**header, "cases": ERRORS, "warnings": WARNINGS})

    fams = {}
    for c in CASES:
        fams[c["family"]] = fams.get(c["family"], 0) + 1
    print(f"torch {torch.__version__} ({sys.executable})")
    print(f"ops.json: {len(CASES)} cases, {len(reprs)} repr, {n_ops} bytes")
    for k, v in fams.items():
        print(f"  {k}: {v}")
    print(f"errors.json: {len(ERRORS)} errors, {len(WARNINGS)} warnings, {n_err} bytes")


if __name__ == "__main__":
    main()
