#!/usr/bin/python3
"""
gen_dtype_fixtures.py -- PyTorch's answers for dtypes: type promotion of the arithmetic
ops, comparisons and logical ops (NaN, +-inf, ties, broadcasting, numbers), sums of bool
and integer tensors, dtype conversions (values and ToCopyBackward0 gradients), the
printed form of int32/int64/bool/float64 tensors, and the dtype errors.

HOW TO RUN
    /usr/bin/python3 scripts/gen_dtype_fixtures.py

Output: test/fixtures/dtypes.json = { "generator", "torch", "cases": [CASE, ...] }, read by
test/dtypes.test.ts. A CASE is one of

  {"id", "kind": "call", "fn", "method": bool, "args": [ARG, ...], "kwargs": {...},
   "out": TENSOR | "str" | ..., or "error": {"type", "message"}}
      fn called as torch.fn(*args, **kwargs) or args[0].fn(*args[1:], **kwargs).
  {"id", "kind": "grad", "steps": [...], "x": TENSOR, "out": TENSOR, "grad": TENSOR, "grad_fn"}
      x.requires_grad_(); y = x.<step>()... ; y.sum().backward() (or backward(gradient)).
  {"id", "kind": "repr", "tensor": TENSOR, "requires_grad": bool, "str": "..."}

ARG is {"tensor": TENSOR}, {"dtype": "float64"} (a torch.dtype), {"str": "..."} or a JSON
number / boolean. TENSOR = {"shape", "dtype", "data"}: data flat, non-finite floats as
"nan"/"inf"/"-inf", bools as 0/1.

A Python number in a case stands for the JS number wasmgrad gets: a Python int is an
integer-valued JS number, a Python float must NOT be integer-valued (JS cannot tell 2.0
from 2), which this script asserts.

Each case seeds torch's generator from its own id (crc32), so a new case never changes
another's inputs.
"""

import json
import math
import os
import sys
import zlib

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the number encoding)

GENERATOR = "scripts/gen_dtype_fixtures.py"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "dtypes.json")
NAMES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.int32: "int32", torch.bool: "bool"}
DTYPES = {v: k for k, v in NAMES.items()}
NAN, INF = math.nan, math.inf
CASES = []


def enc_value(v):
    """gen_fixtures' encoding (non-finite floats as strings), bools as 0/1."""
    return base.enc_value(int(v) if isinstance(v, bool) else v)


def enc_tensor(t):
    return {"shape": list(t.shape), "dtype": NAMES[t.dtype], "data": [enc_value(v) for v in t.detach().reshape(-1).tolist()]}


def enc_arg(a):
    if isinstance(a, torch.Tensor):
        return {"tensor": enc_tensor(a)}
    if isinstance(a, torch.dtype):
        return {"dtype": NAMES[a]}
    if isinstance(a, str):
        return {"str": a}
    if isinstance(a, (list, tuple)):
        return [enc_arg(x) for x in a]
    if isinstance(a, float) and math.isfinite(a):
        assert a != int(a), f"a float argument must not be integer-valued in JS: {a}"
    return enc_value(a) if not isinstance(a, bool) else a


def seed(cid):
    torch.manual_seed(zlib.crc32(cid.encode()))


def wraps(fn, method, args, kwargs, out):
    """Whether PyTorch's integer result wrapped around: the op redone in float64 (exact at
    these sizes) disagrees. wasmgrad raises there instead (docs/api.md)."""
    if fn not in ("neg", "abs", "add", "sub", "mul", "sum"):
        return False
    wide = [a.double() if isinstance(a, torch.Tensor) else a for a in args]
    exact = getattr(wide[0], fn)(*wide[1:], **kwargs) if method else getattr(torch, fn)(*wide, **kwargs)
    return not torch.equal(exact, out.double())


def call(cid, fn, args, kwargs=None, method=False):
    """One call case: args built by the caller after seed(cid)."""
    kwargs = kwargs or {}
    c = {"id": cid, "kind": "call", "fn": fn, "method": method, "args": [enc_arg(a) for a in args],
         "kwargs": {k: enc_arg(v) for k, v in kwargs.items()}}
    try:
        if method:
            out = getattr(args[0], fn)(*args[1:], **kwargs)
        else:
            f = torch
            for part in fn.split("."):
                f = getattr(f, part)
            out = f(*args, **kwargs)
        c["out"] = enc_tensor(out) if isinstance(out, torch.Tensor) else enc_arg(out) if isinstance(out, torch.dtype) else out
        if isinstance(out, torch.Tensor) and out.dtype in (torch.int64, torch.int32) and wraps(fn, method, args, kwargs, out):
            c["wraps"] = True
    except Exception as e:  # noqa: BLE001 -- the error is the expected answer
        c["error"] = {"type": type(e).__name__, "message": str(e)}
    CASES.append(c)


def T(values, dtype):
    return torch.tensor(values, dtype=dtype)


def rand_of(dtype, *shape):
    """Seeded values of a dtype, with repeats across operands so comparisons tie."""
    if dtype == torch.bool:
        return torch.randint(0, 2, shape).bool()
    if dtype in (torch.int64, torch.int32):
        return torch.randint(-3, 4, shape, dtype=dtype)
    return (torch.randint(-6, 7, shape).to(dtype) / 2)


ALL = [torch.float32, torch.float64, torch.int64, torch.int32, torch.bool]
COMPARE = ["eq", "ne", "lt", "le", "gt", "ge"]
ALIASES = ["greater", "greater_equal", "less", "less_equal", "not_equal"]

# ---- promotion of add/sub/mul/div between every pair of dtypes (float64 results: error in wasmgrad) ----
for op in ["add", "sub", "mul", "div"]:
    for da in ALL:
        for db in ALL:
            cid = f"promote-{op}-{NAMES[da]}-{NAMES[db]}"
            seed(cid)
            a, b = rand_of(da, 2, 3), rand_of(db, 3)
            if op == "div" and db != torch.bool:
                b = torch.where(b == 0, torch.ones_like(b), b)
            call(cid, op, [a, b])

# promote_types and result_type themselves
for da in ALL:
    for db in ALL:
        cid = f"promote_types-{NAMES[da]}-{NAMES[db]}"
        seed(cid)
        call(cid, "promote_types", [da, db])
for cid, a, b in [
    ("result_type-int64-float", T([1], torch.int64), 2.5), ("result_type-int64-int", T([1], torch.int64), 2),
    ("result_type-bool-bool", T([True], torch.bool), True), ("result_type-bool-int", T([True], torch.bool), 3),
    ("result_type-int-int32", 2, T([1], torch.int32)), ("result_type-float-bool", 0.5, T([True], torch.bool)),
    ("result_type-int32-int64-0d", T([1], torch.int32), T(5, torch.int64)), ("result_type-float32-float64", T([1.0], torch.float32), T([1.0], torch.float64)),
    ("result_type-int-float", 2, 3.5), ("result_type-str", "a", T(1, torch.int64)),
]:
    seed(cid)
    call(cid, "result_type", [a, b])
seed("promote_types-str")
call("promote_types-str", "promote_types", [torch.int64, "a"])

# 0-d tensors and Python numbers only raise the category (result_type)
for cid, a, b in [
    ("rt-int64-dim-float64-0d", T([1, 2], torch.int64), T(2.5, torch.float64)),
    ("rt-float32-dim-float64-0d", T([1.5, 2], torch.float32), T(2.5, torch.float64)),
    ("rt-int32-dim-int64-0d", T([1, 2], torch.int32), T(7, torch.int64)),
    ("rt-bool-dim-int64-0d", T([True, False], torch.bool), T(3, torch.int64)),
    ("rt-int64-0d-float32-0d", T(4, torch.int64), T(0.5, torch.float32)),
]:
    seed(cid)
    call(cid, "add", [a, b])
for cid, a, c in [
    ("scalar-int64-plus-int", T([1, -2], torch.int64), 3),
    ("scalar-int64-plus-float", T([1, -2], torch.int64), 2.5),
    ("scalar-int32-times-int", T([1, -2], torch.int32), 5),
    ("scalar-bool-plus-int", T([True, False], torch.bool), 2),
    ("scalar-bool-plus-bool", T([True, False], torch.bool), True),
    ("scalar-bool-times-float", T([True, False], torch.bool), 1.5),
    ("scalar-float32-plus-int", T([1.5, -2], torch.float32), 3),
    ("scalar-int64-div-int", T([3, -7], torch.int64), 2),
    ("scalar-int64-sub-int", T([3, -7], torch.int64), 10),
]:
    seed(cid)
    op = "mul" if "times" in cid else "div" if "div" in cid else "sub" if "sub" in cid else "add"
    call(cid, op, [a, c], method=True)
seed("scalar-bool-sub-int")
call("scalar-bool-sub-int", "sub", [T([True, False], torch.bool), 1], method=True)
seed("scalar-bool-sub-bool")
call("scalar-bool-sub-bool", "sub", [T([True, False], torch.bool), True], method=True)
seed("rsub-int-minus-bool")
call("rsub-int-minus-bool", "sub", [5, T([True, False], torch.bool)])
seed("scalar-int64-sub-float")
call("scalar-int64-sub-float", "sub", [T([3, -7], torch.int64), 0.5], method=True)
seed("rsub-float-minus-int64")
call("rsub-float-minus-int64", "sub", [0.5, T([3, -7], torch.int64)])
seed("rsub-int-minus-int64")
call("rsub-int-minus-int64", "sub", [5, T([1, 9], torch.int64)])
seed("add-bool-bool-tensors")
call("add-bool-bool-tensors", "add", [T([True, True, False], torch.bool), T([True, False, False], torch.bool)])
seed("mul-bool-bool-tensors")
call("mul-bool-bool-tensors", "mul", [T([True, True, False], torch.bool), T([True, False, False], torch.bool)])
seed("add-int64-alpha")
call("add-int64-alpha", "add", [T([1, 2], torch.int64), T([3, 4], torch.int64)], {"alpha": 3})

# ---- comparisons: every dtype pair, broadcasting, numbers, NaN, +-inf, ties ----
for op in COMPARE:
    for da in ALL:
        for db in ALL:
            cid = f"cmp-{op}-{NAMES[da]}-{NAMES[db]}"
            seed(cid)
            call(cid, op, [rand_of(da, 3, 1), rand_of(db, 4)])
    special = T([NAN, INF, -INF, 0.0, -0.0, 1.0, NAN, INF], torch.float32)
    other = T([NAN, INF, INF, -0.0, 0.0, 1.0, 1.0, -INF], torch.float32)
    seed(f"cmp-{op}-special")
    call(f"cmp-{op}-special", op, [special, other])
    for c in [1, 0.5, INF, -INF, NAN, True, 3000000000]:
        cid = f"cmp-{op}-float32-number-{c}"
        seed(cid)
        call(cid, op, [special, c], method=True)
        cid = f"cmp-{op}-int64-number-{c}"
        seed(cid)
        call(cid, op, [T([-2, 0, 1, 2, 2147483647], torch.int64), c], method=True)
    seed(f"cmp-{op}-float64-number")
    call(f"cmp-{op}-float64-number", op, [T([0.1, 0.2, 1e-300], torch.float64), 0.1], method=True)
    seed(f"cmp-{op}-float32-rounds-number")
    call(f"cmp-{op}-float32-rounds-number", op, [T([0.1, 16777216.0], torch.float32), 0.1], method=True)
for op in ALIASES:
    seed(f"alias-{op}")
    call(f"alias-{op}", op, [T([1.0, 2.0, 3.0], torch.float32), T([2.0, 2.0, 2.0], torch.float32)])
    seed(f"alias-{op}-method")
    call(f"alias-{op}-method", op, [T([1, 2, 3], torch.int64), 2], method=True)
for op in ["logical_and", "logical_or", "logical_xor"]:
    for da, db in [(torch.float32, torch.float32), (torch.int64, torch.bool), (torch.float64, torch.int32), (torch.bool, torch.bool)]:
        cid = f"{op}-{NAMES[da]}-{NAMES[db]}"
        seed(cid)
        call(cid, op, [rand_of(da, 2, 3), rand_of(db, 3)])
    seed(f"{op}-nan")
    call(f"{op}-nan", op, [T([NAN, 0.0, NAN], torch.float32), T([1.0, NAN, 0.0], torch.float32)])
    seed(f"{op}-method")
    call(f"{op}-method", op, [T([0, 1, 2], torch.int32), T([1.5, 0.0, -1.0], torch.float32)], method=True)
for d in ALL:
    seed(f"logical_not-{NAMES[d]}")
    call(f"logical_not-{NAMES[d]}", "logical_not", [rand_of(d, 5)])
seed("logical_not-method")
call("logical_not-method", "logical_not", [T([0, 1, -2], torch.int64)], method=True)
seed("logical_not-nan")
call("logical_not-nan", "logical_not", [T([NAN, 0.0, -0.0, INF], torch.float32)])

# ---- isnan / isinf / isfinite / isposinf / isneginf: bool, every dtype ----
for fn in ["isnan", "isinf", "isfinite", "isposinf", "isneginf"]:
    call(f"{fn}-float32", fn, [T([1.5, float("nan"), float("inf"), -float("inf"), 0.0, -0.0], torch.float32)])
    call(f"{fn}-float64", fn, [T([1e300, float("nan"), -float("inf"), 2.0], torch.float64)])
    call(f"{fn}-int64", fn, [T([3, -7, 0], torch.int64)])
    call(f"{fn}-bool", fn, [T([True, False], torch.bool)])


# ---- sum of bool and integers: int64; mean of integers: PyTorch's error ----
for d in [torch.bool, torch.int32, torch.int64]:
    seed(f"sum-{NAMES[d]}")
    call(f"sum-{NAMES[d]}", "sum", [rand_of(d, 3, 4)])
    seed(f"sum-dim-{NAMES[d]}")
    call(f"sum-dim-{NAMES[d]}", "sum", [rand_of(d, 3, 4), 1])
    seed(f"sum-keepdim-{NAMES[d]}")
    call(f"sum-keepdim-{NAMES[d]}", "sum", [rand_of(d, 2, 3, 4), [0, 2]], {"keepdim": True})
    seed(f"mean-{NAMES[d]}")
    call(f"mean-{NAMES[d]}", "mean", [rand_of(d, 3)])
seed("sum-eq-accuracy")
call("sum-eq-accuracy", "sum", [torch.tensor([1, 2, 3, 4, 5]).eq(torch.tensor([1, 0, 3, 0, 5]))])
seed("sum-empty-bool")
call("sum-empty-bool", "sum", [torch.zeros(0, dtype=torch.bool)])

# ---- conversions ----
SRC = {
    torch.float32: T([-1.7, -0.5, 0.0, 0.5, 2.5, 3.9], torch.float32),
    torch.float64: T([-1.7, 1e-310, 0.1, 2.5, 1e30, 3.9], torch.float64),
    torch.int64: T([-3, 0, 1, 2, 5, 2147483647], torch.int64),
    torch.int32: T([-3, 0, 1, 2, 5, -2147483648], torch.int32),
    torch.bool: T([True, False, True, True, False, False], torch.bool),
}
for s, x in SRC.items():
    for d in ALL:
        cid = f"to-{NAMES[s]}-{NAMES[d]}"
        seed(cid)
        call(cid, "to", [x, d], method=True)
    for m in ["double", "float", "long", "int", "bool", "type"]:
        cid = f"{m}-{NAMES[s]}"
        seed(cid)
        call(cid, m, [x], method=True)
seed("bool-of-nan-inf")
call("bool-of-nan-inf", "bool", [T([NAN, INF, -0.0, 0.0], torch.float32)], method=True)
for d, name in [(torch.float64, "torch.DoubleTensor"), (torch.int32, "torch.IntTensor"), (torch.bool, "torch.BoolTensor")]:
    seed(f"type-to-{name}")
    call(f"type-to-{name}", "type", [T([1.5, 0.0], torch.float32), d], method=True)
    seed(f"type-str-{name}")
    call(f"type-str-{name}", "type", [T([1.5, 0.0], torch.float32), name], method=True)

# ---- creation with dtype ----
for d in ALL:
    seed(f"zeros-{NAMES[d]}")
    call(f"zeros-{NAMES[d]}", "zeros", [2, 3], {"dtype": d})
    seed(f"ones-{NAMES[d]}")
    call(f"ones-{NAMES[d]}", "ones", [3], {"dtype": d})
    seed(f"full-{NAMES[d]}")
    call(f"full-{NAMES[d]}", "full", [[2, 2], 7], {"dtype": d})
    seed(f"arange-{NAMES[d]}")
    if d != torch.bool:
        call(f"arange-{NAMES[d]}", "arange", [0, 5], {"dtype": d})
    seed(f"tensor-{NAMES[d]}")
    call(f"tensor-{NAMES[d]}", "tensor", [[[1.5, -2.5], [0.25, 3.75]]], {"dtype": d})
seed("tensor-bools")
call("tensor-bools", "tensor", [[True, False, True]])
seed("tensor-nested-bools")
call("tensor-nested-bools", "tensor", [[[True], [False]]])

# ---- shape ops keep every dtype; cat promotes ----
for d in ALL:
    seed(f"cat-promote-float32-{NAMES[d]}")
    call(f"cat-promote-float32-{NAMES[d]}", "cat", [[rand_of(torch.float32, 2, 2), rand_of(d, 1, 2)]])
    seed(f"cat-promote-int64-{NAMES[d]}")
    call(f"cat-promote-int64-{NAMES[d]}", "cat", [[rand_of(torch.int64, 2, 2), rand_of(d, 2, 1)], 1])
    seed(f"stack-{NAMES[d]}")
    call(f"stack-{NAMES[d]}", "stack", [[rand_of(d, 2, 3), rand_of(d, 2, 3)], 1])
    seed(f"permute-{NAMES[d]}")
    call(f"permute-{NAMES[d]}", "permute", [rand_of(d, 2, 3, 4), [2, 0, 1]])
    seed(f"expand-{NAMES[d]}")
    call(f"expand-{NAMES[d]}", "expand", [rand_of(d, 3, 1), 3, 4], method=True)
    seed(f"transpose-{NAMES[d]}")
    call(f"transpose-{NAMES[d]}", "transpose", [rand_of(d, 2, 3), 0, 1])
    seed(f"reshape-{NAMES[d]}")
    call(f"reshape-{NAMES[d]}", "reshape", [rand_of(d, 2, 3), [3, 2]])
seed("cat-float64-precise")
call("cat-float64-precise", "cat", [[T([0.1, 1e-300], torch.float64), T([1e300], torch.float64)]])
seed("permute-float64-precise")
call("permute-float64-precise", "permute", [T([[0.1, 1e-300, 0.3], [1e300, 2 ** 53 - 1, -0.7]], torch.float64), [1, 0]])

# ---- unary ops on integers and bools: float ops promote, neg/abs/relu keep the dtype ----
for op in ["exp", "log", "sqrt", "sigmoid", "tanh", "neg", "abs", "relu"]:
    for d in [torch.int64, torch.int32, torch.bool]:
        cid = f"unary-{op}-{NAMES[d]}"
        seed(cid)
        call(cid, op, [T([0, 1, 2, -3], torch.int64).to(d)])
seed("unary-neg-int32-min")
call("unary-neg-int32-min", "neg", [T([-2147483648], torch.int32)])
seed("add-int32-wraps")
call("add-int32-wraps", "add", [T([2147483647, 1], torch.int32), 1])
seed("sum-int32-beyond-int32")
call("sum-int32-beyond-int32", "sum", [T([2000000000, 2000000000], torch.int32)])
seed("mul-int64-beyond-int32")
call("mul-int64-beyond-int32", "mul", [T([65536, 3], torch.int64), T([65536, 3], torch.int64)])
seed("full-bool-fill")
call("full-bool-fill", "full", [[2], True])
seed("err-arange-bool")
call("err-arange-bool", "arange", [0, 3], {"dtype": torch.bool})
seed("err-to-list")
call("err-to-list", "to", [T([1.5], torch.float32), [1]], method=True)

# ---- dtype errors ----
seed("err-requires-grad-int64")
call("err-requires-grad-int64", "requires_grad_", [T([1, 2], torch.int64)], method=True)
seed("err-requires-grad-bool")
call("err-requires-grad-bool", "requires_grad_", [T([True], torch.bool)], method=True)
seed("err-sub-bool-bool")
call("err-sub-bool-bool", "sub", [T([True], torch.bool), T([False], torch.bool)])
seed("err-int-alpha-float")
call("err-int-alpha-float", "add", [T([1], torch.int64), T([2], torch.int64)], {"alpha": 0.5})
seed("err-set-default-int")
call("err-set-default-int", "set_default_dtype", [torch.int64])
seed("err-compare-str")
call("err-compare-str", "eq", [T([1.0], torch.float32), "a"], method=True)
seed("err-compare-str-function")
call("err-compare-str-function", "lt", [T([1.0], torch.float32), "a"])
seed("err-compare-broadcast")
call("err-compare-broadcast", "eq", [T([1.0, 2.0], torch.float32), T([1.0, 2.0, 3.0], torch.float32)])
for d in [torch.int32, torch.bool, torch.float64]:
    seed(f"err-nll-target-{NAMES[d]}")
    call(f"err-nll-target-{NAMES[d]}", "nn.functional.nll_loss", [T([[0.5, -1.0], [0.2, 0.3]], torch.float32), T([1, 0], d)])
seed("err-mm-float32-int64")
call("err-mm-float32-int64", "mm", [T([[1.0]], torch.float32), T([[2]], torch.int64)])
seed("err-mm-int32-float64")
call("err-mm-int32-float64", "mm", [T([[1]], torch.int32), T([[2.0]], torch.float64)])
seed("err-logical-number")
call("err-logical-number", "logical_and", [T([1.0], torch.float32), 1])

# ---- gradients through conversions (ToCopyBackward0) ----


def grad_case(cid, x, steps, gradient=None):
    seed(cid)
    leaf = x.clone().requires_grad_()
    y = leaf
    for s in steps:
        y = getattr(y, s)() if isinstance(s, str) else y.to(s)
    c = {"id": cid, "kind": "grad", "x": enc_tensor(x), "steps": [s if isinstance(s, str) else {"dtype": NAMES[s]} for s in steps],
         "grad_fn": type(y.grad_fn).__name__ if y.grad_fn else None, "out": enc_tensor(y)}
    if gradient is None:
        (y * torch.arange(1, y.numel() + 1).reshape(y.shape).to(y.dtype)).sum().backward()
        c["weights"] = "arange"
    else:
        y.backward(gradient)
        c["gradient"] = enc_tensor(gradient)
    c["grad"] = enc_tensor(leaf.grad)
    CASES.append(c)


# wasmgrad runs no float64 kernel, so the steps end in float32 (weights applied there) or take a gradient
grad_case("grad-double-float", T([1.5, -2.25, 3.0], torch.float32), ["double", "float"])
grad_case("grad-to-float64-back", T([0.1, 0.2, 0.3], torch.float32), [torch.float64, torch.float32])
grad_case("grad-float64-leaf-float", T([0.1, 1e-300, 1e300], torch.float64), ["float"])
grad_case("grad-double-gradient", T([1.0, 2.0], torch.float32), ["double"], gradient=T([0.1, 0.7], torch.float64))
grad_case("grad-float64-to-float32-gradient", T([0.1, 0.2], torch.float64), [torch.float32], gradient=T([0.3, 0.5], torch.float32))

# ---- printing ----


def repr_case(cid, t, requires_grad=False):
    seed(cid)
    if requires_grad:
        t = t.requires_grad_()
    CASES.append({"id": cid, "kind": "repr", "tensor": enc_tensor(t), "requires_grad": requires_grad, "str": str(t)})


repr_case("repr-int64", T([[1, -20, 300], [4, 5, 6]], torch.int64))
repr_case("repr-int32", T([1, -20, 300], torch.int32))
repr_case("repr-bool", T([[True, False], [False, True]], torch.bool))
repr_case("repr-bool-all-true", T([True, True], torch.bool))
repr_case("repr-bool-0d", T(False, torch.bool))
repr_case("repr-float64", T([1.5, -2.25, 1e-5], torch.float64))
repr_case("repr-float64-int-valued", T([1.0, 2.0], torch.float64))
repr_case("repr-float64-grad", T([1.5, 2.0], torch.float64), requires_grad=True)
repr_case("repr-float64-empty", torch.zeros(0, dtype=torch.float64))
repr_case("repr-int32-empty", torch.zeros(2, 0, dtype=torch.int32))
repr_case("repr-bool-empty", torch.zeros(0, dtype=torch.bool))
repr_case("repr-float64-precise", T([0.1, 1 / 3], torch.float64))
repr_case("repr-int64-long", torch.arange(0, 2000, dtype=torch.int64))
repr_case("repr-bool-long", torch.arange(0, 1500) % 3 == 0)

with open(OUT, "w") as f:
    json.dump({"generator": GENERATOR, "torch": torch.__version__, "cases": CASES}, f, indent=1)
    f.write("\n")
print(f"wrote {len(CASES)} cases to {os.path.relpath(OUT)}")
