#!/usr/bin/python3
"""
gen_argument_fixtures.py -- bad arguments and the errors REAL PyTorch raises for them.

HOW TO RUN
    npm run fixtures                        (runs every generator)
    /usr/bin/python3 scripts/gen_argument_fixtures.py

Needs the system interpreter's torch (Debian python3-torch 1.13); another python3 that cannot
`import torch` re-executes this script with /usr/bin/python3.

Output: test/fixtures/arguments.json, read by test/arguments.test.ts. Each case's tensors come
from torch.manual_seed(zlib.crc32(name)), so adding a case never changes another's inputs.

A JS value stands for the Python value a porter would write: a JS string is a str, undefined and
null are None, a plain object is a dict, an array is a list, a Float32Array is a float32 numpy
array, and a JS number is an int when it is integral and a float otherwise (so floats given here
are never integral: 2.5, not 2.0).

arguments.json = { "generator", "torch", "errors": [ERROR, ...], "accepted": [ACCEPTED, ...] }
ERROR    = { "name", "call", "args": [ARG, ...], "kwargs": {name: ARG},
             "error": "<exact str(exception)>", "error_type": "TypeError" | ... ,
             "python": "<the Python call that raised it>",
             "storage_limit": true     only for int64 values beyond what wasmgrad stores (int32):
                                       PyTorch accepts the call itself, and "error" is what it
                                       raises for the same value written to an int32 tensor
                                       ("twin", the Python that raised it) }
ACCEPTED = { "name", "call", "args", "kwargs", "python", "out": TENS }
             calls that must work and give PyTorch's output
"scalar_conversions" = { "values": [{ "name", "tensor": TENS, "python": "float(t)" | "int(t)", "value" }],
             "loop": { "python", "x": TENS, "steps", "y": TENS } }: one-element tensors as numbers (JS's +t,
             t < 1000), and the autograd tutorial's `while y.norm() < 1000` loop
"second_backward" = { "python", "x": TENS, "grad": TENS }: two backward() calls through mean(dim),
             which PyTorch 2 allows (its MeanBackward1 saves sizes, not tensors; 1.13 saved self and
             refuses): computed here with retain_graph=True, which gives PyTorch 2's gradient
call     = "torch.X" | "Tensor.X" (method X of args[0]) | "F.X" | "autograd.X"
ARG      = number | bool | string | null | {"undefined": true} | {"number": "nan" | "inf" | "-inf"}
         | {"tensor": TENS}
         | {"list": [ARG, ...]} | {"dict": {name: ARG}} | {"float32array": [numbers]}
TENS     = { "shape", "dtype": "float32" | "int64", "data": [flat values; "nan"/"inf"/"-inf"],
             "requires_grad" }
"""
import json
import math
import os
import re
import sys
import warnings
import zlib

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import index_spec  # noqa: E402,F401  (Tensor.__getitem_spec__: x.index([...]) as x[...])

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "arguments.json")
GENERATOR = "scripts/gen_argument_fixtures.py"


class Undefined:
    """A JS undefined: None to Python."""


UNDEF = Undefined()


def enc_value(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def enc_tensor(t):
    return {"shape": list(t.shape), "dtype": {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.int32: "int32", torch.bool: "bool"}[t.dtype],
            "data": [enc_value(v) for v in t.detach().reshape(-1).tolist()], "requires_grad": t.requires_grad}


def enc(a):
    if a is UNDEF:
        return {"undefined": True}
    if isinstance(a, torch.Tensor):
        return {"tensor": enc_tensor(a)}
    if isinstance(a, torch.dtype):
        return str(a).replace("torch.", "")  # wasmgrad's dtype names
    if isinstance(a, np.ndarray):
        return {"float32array": a.tolist()}
    if isinstance(a, list):
        return {"list": [enc(x) for x in a]}
    if isinstance(a, dict):
        return {"dict": {k: enc(v) for k, v in a.items()}}
    if isinstance(a, float):
        if not math.isfinite(a):
            return {"number": enc_value(a)}  # not a bare "nan": that would be a str
        # a JS number that is integral reads as a Python int: keep floats non-integral
        assert not a.is_integer() or abs(a) >= 2 ** 31, a
        return a
    assert a is None or isinstance(a, (bool, int, str)), a
    return a


def py(a):
    """The Python value that a JS value stands for."""
    return None if a is UNDEF else [py(x) for x in a] if isinstance(a, list) else a




def resolve(call, args):
    ns, name = call.split(".", 1)
    if ns == "Tensor":
        return getattr(args[0], name), args[1:]
    base = {"torch": torch, "F": F, "autograd": torch.autograd}[ns]
    for part in name.split("."):  # torch.linalg.matrix_norm
        base = getattr(base, part)
    return base, args


def show(call, args, kwargs):
    parts = [repr(py(a)) if not isinstance(a, torch.Tensor) else "t" for a in args]
    parts += [f"{k}={py(v)!r}" for k, v in kwargs.items()]
    return f"{call}({', '.join(parts)})"


def run(call, args, kwargs):
    fn, rest = resolve(call, args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*[py(a) for a in rest], **{k: py(v) for k, v in kwargs.items()})


ERRORS = []
ACCEPTED = []


def tensor_base(message):
    """x.relu(foo=1) names the method's class, as PyTorch 2 calls it: TensorBase (1.13 prints
    _TensorBase, or Tensor when the method is called through a bound-method object, as run() does)."""
    return re.sub(r"^_?Tensor\.(\w+\(\) takes no)", r"TensorBase.\1", message)


def seeded(name):
    torch.manual_seed(zlib.crc32(name.encode()))


def error(name, call, make_args, kwargs=None):
    """Records what PyTorch raises for call(*make_args()); the tensors are seeded from the name."""
    seeded(name)
    args, kwargs = make_args(), kwargs or {}
    rec = {"name": name, "call": call, "args": [enc(a) for a in args], "kwargs": {k: enc(v) for k, v in kwargs.items()},
           "python": show(call, args, kwargs)}
    try:
        run(call, args, kwargs)
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        # PyTorch's linalg errors are torch._C._LinAlgError, public as torch.linalg.LinAlgError
        rec["error"], rec["error_type"] = tensor_base(str(e)), type(e).__name__.replace("_LinAlgError", "LinAlgError")
    else:
        raise AssertionError(f"{name}: expected an error")
    ERRORS.append(rec)


def storage_limit(name, call, args, kwargs, twin):
    """An int64 value PyTorch stores and wasmgrad (int32 storage) cannot: the message is PyTorch's
    for the same value in an int32 tensor (`twin`, Python source)."""
    run(call, args, kwargs)  # PyTorch itself accepts it
    try:
        eval(twin, {"torch": torch, "nan": math.nan, "inf": math.inf})
    except RuntimeError as e:
        ERRORS.append({"name": name, "call": call, "args": [enc(a) for a in args],
                       "kwargs": {k: enc(v) for k, v in kwargs.items()}, "python": show(call, args, kwargs),
                       "storage_limit": True, "twin": twin, "error": str(e), "error_type": type(e).__name__})
    else:
        raise AssertionError(f"{name}: the int32 twin must raise")


def accepted(name, call, make_args, kwargs=None):
    seeded(name)
    args, kwargs = make_args(), kwargs or {}
    # the arguments as given: an in-place call (cumsum_) changes its tensor
    rec = {"name": name, "call": call, "args": [enc(a) for a in args],
           "kwargs": {k: enc(v) for k, v in kwargs.items()}, "python": show(call, args, kwargs)}
    rec["out"] = enc_tensor(run(call, args, kwargs))
    ACCEPTED.append(rec)


def vec(n=3, grad=False):
    return torch.randn(n).requires_grad_(grad)


def mat(grad=False):
    return torch.randn(2, 3).requires_grad_(grad)


def tensor_data_cases():
    t = "torch.tensor"
    error("tensor/list of str", t, lambda: [["a"]])
    error("tensor/str", t, lambda: ["abc"])
    error("tensor/undefined", t, lambda: [UNDEF])
    error("tensor/null", t, lambda: [None])
    error("tensor/dict", t, lambda: [{"a": 1}])
    error("tensor/list of null", t, lambda: [[None]])
    error("tensor/str after a number", t, lambda: [[1.5, "a"]])
    error("tensor/null deep inside", t, lambda: [[[1.5, 2.5], [3.5, None]]])
    error("tensor/str in a later row", t, lambda: [[[1.5], ["ab"]]])
    error("tensor/dict before a list", t, lambda: [[{"a": 1}, [1.5]]])
    error("tensor/list of a longer str", t, lambda: [["ab"]])
    error("tensor/number where a row is expected", t, lambda: [[[1.5, 2.5], 3.5]])
    error("tensor/list where a number is expected", t, lambda: [[1.5, [2.5]]])
    error("tensor/ragged rows", t, lambda: [[[1.5, 2.5], [3.5]]])
    error("tensor/ragged float32 arrays", t,
          lambda: [[np.array([1.5, 2.5], dtype=np.float32), np.array([3.5, 4.5, 5.5], dtype=np.float32)]])
    error("tensor/multi-element tensors as elements", t, lambda: [[vec(2), vec(2)]])
    error("tensor/null with dtype", t, lambda: [None], {"dtype": torch.float32})
    error("tensor/dict with dtype", t, lambda: [{"a": 1}], {"dtype": torch.float32})
    error("tensor/null element with dtype", t, lambda: [[1.5, None]], {"dtype": torch.float32})
    error("tensor/list of str with dtype", t, lambda: [["a"]], {"dtype": torch.float32})
    error("tensor/str element with dtype int64", t, lambda: [[1, "a"]], {"dtype": torch.int64})
    error("tensor/requires_grad str", t, lambda: [[1.5]], {"requires_grad": "yes"})
    error("tensor/requires_grad int", t, lambda: [[1.5]], {"requires_grad": 1})
    error("tensor/requires_grad null", t, lambda: [[1.5]], {"requires_grad": None})
    accepted("tensor/list of float32 arrays", t,
             lambda: [[np.array([1.5, 2.5], dtype=np.float32), np.array([3.5, 4.5], dtype=np.float32)]])
    accepted("tensor/float32 array beside a list", t, lambda: [[np.array([1.5, 2.5], dtype=np.float32), [3.5, 4.5]]])
    accepted("tensor/one-element tensors as elements", t, lambda: [[vec(1), torch.randn(())]])
    accepted("tensor/bool among floats", t, lambda: [[True, 1.5]])


def binary_cases():
    bad = {"str": "2", "dict": {}, "undefined": UNDEF, "list": [3]}
    for op in ["add", "sub", "mul", "div"]:
        for kind, v in bad.items():
            error(f"{op}/other {kind} (method)", f"Tensor.{op}", lambda v=v: [vec(), v])
        error(f"{op}/other str (function)", f"torch.{op}", lambda: [vec(), "2"])
    error("add/input str (function)", "torch.add", lambda: ["2", vec()])
    error("sub/input null (function)", "torch.sub", lambda: [None, vec()])
    error("mul/other null (function)", "torch.mul", lambda: [vec(), None])
    error("add/alpha str", "Tensor.add", lambda: [vec(), vec()], {"alpha": "a"})
    error("add/alpha null", "torch.add", lambda: [vec(), vec()], {"alpha": None})
    error("add/alpha str with a number", "torch.add", lambda: [vec(), 2], {"alpha": "a"})
    error("add/alpha bool", "Tensor.add", lambda: [vec(), vec()], {"alpha": True})
    error("sub/alpha str", "Tensor.sub", lambda: [vec(), vec()], {"alpha": "a"})
    error("sub/alpha dict", "torch.sub", lambda: [vec(), vec()], {"alpha": {}})
    error("add/alpha given positionally (method)", "Tensor.add", lambda: [vec(), vec(), 2])
    error("add/alpha given positionally (function)", "torch.add", lambda: [vec(), vec(), 2])
    error("sub/alpha given positionally (method)", "Tensor.sub", lambda: [vec(), vec(), 2])
    error("pow/exponent str (method)", "Tensor.pow", lambda: [vec(), "2"])
    error("pow/exponent undefined (method)", "Tensor.pow", lambda: [vec(), UNDEF])
    error("pow/exponent str (function)", "torch.pow", lambda: [vec(), "2"])
    error("pow/input str (function)", "torch.pow", lambda: ["2", vec()])
    error("maximum/other int", "Tensor.maximum", lambda: [vec(), 2])
    error("maximum/other str (function)", "torch.maximum", lambda: [vec(), "2"])
    error("minimum/other null (function)", "torch.minimum", lambda: [vec(), None])
    error("minimum/other str", "Tensor.minimum", lambda: [vec(), "a"])
    error("matmul/other str", "Tensor.matmul", lambda: [vec(), "a"])
    error("mm/mat2 int", "Tensor.mm", lambda: [mat(), 2])
    error("dot/tensor list", "Tensor.dot", lambda: [vec(2), [1, 2]])
    accepted("add/other bool", "Tensor.add", lambda: [vec(), True])
    accepted("mul/other bool", "torch.mul", lambda: [vec(), False])


def unary_cases():
    error("exp/input int", "torch.exp", lambda: [2])
    error("relu/input str", "torch.relu", lambda: ["a"])
    error("sigmoid/input null", "torch.sigmoid", lambda: [None])
    error("neg/input list", "torch.neg", lambda: [[1]])
    error("tanh/input dict", "torch.tanh", lambda: [{}])
    error("F.relu/input str", "F.relu", lambda: ["a"])
    error("sum/input str", "torch.sum", lambda: ["a"])
    error("clamp/min str (method)", "Tensor.clamp", lambda: [vec(), "a"])
    error("clamp/max str by keyword (method)", "Tensor.clamp", lambda: [vec()], {"max": "a"})
    error("clamp/min str (function)", "torch.clamp", lambda: [vec(), "a"])


def keyword_cases():
    """Keyword arguments as PyTorch's parser takes them: a name no signature has is an error (never
    silently ignored), and every parameter may come by its name, the tensor too."""
    for call in ["Tensor.sum", "torch.sum", "Tensor.mean", "Tensor.amax", "torch.softmax"]:
        error(f"{call.split('.')[1]}/unknown keyword dimm ({'method' if call.startswith('T') else 'function'})",
              call, lambda: [mat()], {"dimm": 0})
    error("add/unknown keyword alfa", "torch.add", lambda: [vec(), vec()], {"alfa": 2})
    error("sub/unknown keyword alfa (method)", "Tensor.sub", lambda: [vec(), 2], {"alfa": 2})
    error("mul/unknown keyword alpha", "Tensor.mul", lambda: [vec(), vec()], {"alpha": 2})
    error("exp/unknown keyword", "torch.exp", lambda: [vec()], {"foo": 1})
    error("relu/unknown keyword (method)", "Tensor.relu", lambda: [vec()], {"foo": 1})
    error("maximum/unknown keyword", "torch.maximum", lambda: [vec(), vec()], {"foo": 1})
    accepted("add/every argument by keyword", "torch.add", lambda: [], {"input": vec(), "other": vec(), "alpha": 2})
    accepted("sub/other by keyword (method)", "Tensor.sub", lambda: [vec()], {"other": 2})
    accepted("mul/other by keyword (method)", "Tensor.mul", lambda: [vec()], {"other": 2})
    accepted("div/other by keyword", "torch.div", lambda: [vec()], {"other": vec()})
    accepted("pow/exponent by keyword", "torch.pow", lambda: [vec().abs()], {"exponent": 2.5})
    accepted("neg/input by keyword", "torch.neg", lambda: [], {"input": vec()})  # exact: exp is within ulps, not bit-equal
    accepted("maximum/other by keyword", "torch.maximum", lambda: [vec()], {"other": vec()})
    accepted("sum/input by keyword", "torch.sum", lambda: [], {"input": mat(), "dim": [0, 1]})


def indexing_cases():
    """select, narrow and x[...] (wasmgrad's x.index([...]), as gen_table_fixtures.py spells it)."""
    error("select/index out of range", "Tensor.select", lambda: [mat(), 1, 5])
    error("select/negative index out of range", "torch.select", lambda: [mat(), 0, -3])
    error("select/0-dim", "Tensor.select", lambda: [torch.tensor(1.0), 0, 0])
    error("select/dim out of range", "torch.select", lambda: [mat(), 2, 0])
    error("select/index str", "Tensor.select", lambda: [mat(), 0, "a"])
    error("narrow/exceeds", "Tensor.narrow", lambda: [mat(), 0, 1, 2])
    error("narrow/negative length", "torch.narrow", lambda: [mat(), 1, 0, -1])
    error("narrow/dim out of range", "Tensor.narrow", lambda: [mat(), 2, 0, 1])
    error("narrow/length float", "torch.narrow", lambda: [mat(), 0, 0, 1.5])
    error("index/out of bounds", "Tensor.__getitem_spec__", lambda: [mat(), [5]])
    error("index/out of bounds dim 1", "Tensor.__getitem_spec__", lambda: [mat(), [":", -4]])
    error("index/too many", "Tensor.__getitem_spec__", lambda: [mat(), [0, 0, 0]])
    error("index/step zero or less", "Tensor.__getitem_spec__", lambda: [mat(), ["::-1"]])
    # x[...] = value, spelled x.index_put_([...], value) (scripts/index_spec.py)
    ix0 = lambda: torch.tensor([0])  # noqa: E731
    rows = lambda: torch.tensor([True, False])  # noqa: E731
    error("index_put_/value str", "Tensor.index_put_", lambda: [mat(), [0], "a"])
    error("index_put_/value None", "Tensor.index_put_", lambda: [mat(), [":", 1], None])
    error("index_put_/value shape", "Tensor.index_put_", lambda: [mat(), [0], torch.randn(2)])
    error("index_put_/value more dims", "Tensor.index_put_", lambda: [mat(), [0], torch.randn(2, 1, 3)])
    error("index_put_/value shape with tensor", "Tensor.index_put_", lambda: [mat(), [rows()], torch.randn(2)])
    error("index_put_/value dtype with tensor", "Tensor.index_put_", lambda: [mat(), [ix0()], torch.randn(3).double()])
    error("index_put_/value dtype after slice", "Tensor.index_put_", lambda: [mat(), [":", ix0()], torch.randn(2, 1).double()])
    error("index_put_/leaf through a view", "Tensor.index_put_", lambda: [mat(True), [0], 1.5])
    error("index_put_/leaf whole", "Tensor.index_put_", lambda: [mat(True), ["..."], torch.randn(3)])
    error("index_put_/leaf mask", "Tensor.index_put_", lambda: [mat(True), [rows()], 1.5])
    error("index_put_/out of bounds", "Tensor.index_put_", lambda: [mat(), [":", 3], 1.5])
    error("index_put_/too many", "Tensor.index_put_", lambda: [mat(), [0, 0, 0], 1.5])
    error("index_put_/accumulate slice", "Tensor.index_put_", lambda: [mat(), [ix0(), ":"], torch.tensor(1.0), True])
    error("index_put_/accumulate int", "Tensor.index_put_", lambda: [mat(), 0, torch.tensor(1.0), True])


def indexing2_cases():
    """Shape and indexing 2 (src/ops/gather_scatter.ts): bad dims and indices, PyTorch's errors."""
    def ix(*v):
        return torch.tensor(v, dtype=torch.long)
    error("flip/repeated dim", "torch.flip", lambda: [mat(), [0, -2]])
    error("flip/dim out of range", "Tensor.flip", lambda: [mat(), [2]])
    error("fliplr/1-D", "torch.fliplr", lambda: [vec()])
    error("flipud/0-dim", "Tensor.flipud", lambda: [torch.tensor(1.5)])
    error("index_select/out of range dim 0", "torch.index_select", lambda: [mat(), 0, ix(0, 2)])
    error("index_select/out of range dim 1", "Tensor.index_select", lambda: [mat(), 1, ix(3)])
    error("index_select/negative", "torch.index_select", lambda: [mat(), -1, ix(-1)])
    error("index_select/1-D negative", "torch.index_select", lambda: [vec(), 0, ix(-1)])
    error("index_select/empty input", "torch.index_select", lambda: [torch.zeros(0, 3), 1, ix(3)])
    error("index_select/empty axis", "torch.index_select", lambda: [torch.zeros(3, 0), 1, ix(0)])
    error("index_select/2-D index", "torch.index_select", lambda: [mat(), 0, ix([0])])
    error("index_select/float index", "torch.index_select", lambda: [mat(), 0, torch.tensor([0.5])])
    error("index_select/dim out of range", "torch.index_select", lambda: [mat(), 2, ix(0)])
    error("index_select/index not a tensor", "torch.index_select", lambda: [mat(), 0, [0]])
    error("index_select/method index not a tensor", "Tensor.index_select", lambda: [mat(), 0, [0]])
    error("gather/index not a tensor", "torch.gather", lambda: [mat(), 0, [0]])
    error("gather/method index not a tensor", "Tensor.gather", lambda: [mat(), 0, [0]])
    error("take/index not a tensor", "torch.take", lambda: [mat(), [0]])
    error("gather/out of range", "torch.gather", lambda: [mat(), 1, ix([3, 0])])
    error("gather/negative", "Tensor.gather", lambda: [mat(), 0, ix([-1])])
    error("gather/dims differ", "torch.gather", lambda: [mat(), 1, ix(0)])
    error("gather/index too big", "torch.gather", lambda: [mat(), 1, torch.zeros(3, 1, dtype=torch.long)])
    error("gather/float index", "torch.gather", lambda: [mat(), 1, torch.zeros(1, 1)])
    error("gather/dim out of range", "torch.gather", lambda: [mat(), -3, ix([0])])
    error("take/out of range", "torch.take", lambda: [mat(), ix(6)])
    error("take/negative out of range", "Tensor.take", lambda: [mat(), ix(0, -7)])
    error("take/float index", "torch.take", lambda: [mat(), torch.tensor([1.5])])
    error("take/empty input", "torch.take", lambda: [torch.zeros(0), ix(0)])
    error("take_along_dim/dims differ", "torch.take_along_dim", lambda: [mat(), ix(0), 1])
    error("take_along_dim/float index", "torch.take_along_dim", lambda: [mat(), torch.zeros(1, 1), 1])
    error("take_along_dim/out of range", "Tensor.take_along_dim", lambda: [mat(), ix([3]), 1])
    error("take_along_dim/flat out of range", "torch.take_along_dim", lambda: [mat(), ix(6)])
    mask = lambda *v: torch.tensor(v, dtype=torch.bool)  # noqa: E731
    error("masked_fill/value 1-D", "torch.masked_fill", lambda: [mat(), mask(True, False, True), torch.tensor([1.5])])
    error("masked_fill/value str", "Tensor.masked_fill", lambda: [mat(), mask(True, False, True), "a"])
    error("masked_fill/function value str", "torch.masked_fill", lambda: [mat(), mask(True, False, True), "a"])
    error("masked_fill/mask not broadcastable", "torch.masked_fill", lambda: [mat(), mask(True, False), 0.5])
    error("masked_fill/int mask not 0 or 1", "torch.masked_fill", lambda: [mat(), ix(1, 0, 2), 0.5])
    error("masked_select/int mask", "torch.masked_select", lambda: [mat(), ix(1, 0, 1)])
    error("masked_select/float mask", "Tensor.masked_select", lambda: [mat(), torch.ones(3)])
    error("masked_select/mask not broadcastable", "torch.masked_select", lambda: [mat(), mask(True, False)])
    error("masked_select/mask not a tensor", "torch.masked_select", lambda: [mat(), True])
    error("tril/1-D", "torch.tril", lambda: [vec()])
    error("triu/0-dim", "Tensor.triu", lambda: [torch.tensor(1.5)])
    error("triu/diagonal float", "torch.triu", lambda: [mat(), 1.5])
    error("diagonal/same dims", "torch.diagonal", lambda: [mat(), 0, 1, -1])
    error("diagonal/dim out of range", "Tensor.diagonal", lambda: [mat(), 0, 0, 2])
    error("diagonal/0-dim", "torch.diagonal", lambda: [torch.tensor(1.5)])
    error("diag/3-D", "torch.diag", lambda: [torch.zeros(2, 2, 2)])
    error("diag/0-dim", "Tensor.diag", lambda: [torch.tensor(1.5)])
    error("diag/offset beyond", "torch.diag", lambda: [mat(), 4])
    error("trace/1-D", "torch.trace", lambda: [vec()])
    error("trace/argument", "Tensor.trace", lambda: [mat(), 1])
    error("trace/bool", "torch.trace", lambda: [torch.ones(2, 2, dtype=torch.bool)])
    error("roll/not aligned", "torch.roll", lambda: [mat(), [1, 2], 0])
    error("roll/two shifts no dims", "Tensor.roll", lambda: [mat(), [1, 2]])
    error("roll/no shifts", "torch.roll", lambda: [mat(), []])
    error("roll/dim out of range", "torch.roll", lambda: [mat(), 1, 2])
    error("roll/0-dim with dim", "torch.roll", lambda: [torch.tensor(1.5), 1, 0])
    error("roll/shift float", "Tensor.roll", lambda: [mat(), 1.5])
    error("repeat/fewer dims", "Tensor.repeat", lambda: [mat(), 2])
    error("repeat/negative", "Tensor.repeat", lambda: [mat(), 2, -1])
    error("repeat/missing", "Tensor.repeat", lambda: [mat()])
    error("repeat/float", "Tensor.repeat", lambda: [mat(), 1.5, 2])
    error("tile/negative", "Tensor.tile", lambda: [mat(), -1])
    error("tile/float", "torch.tile", lambda: [mat(), [1.5]])
    error("split/zero size", "torch.split", lambda: [mat(), 0])
    error("split/negative size", "Tensor.split", lambda: [mat(), -1, 1])
    error("split/sizes sum", "torch.split", lambda: [mat(), [1, 1], 1])
    error("split/sizes negative", "Tensor.split", lambda: [mat(), [4, -1], 1])
    error("split/0-dim", "torch.split", lambda: [torch.tensor(1.5), 1])
    error("split/dim out of range", "torch.split", lambda: [mat(), 1, 2])
    error("chunk/zero chunks", "torch.chunk", lambda: [mat(), 0])
    error("chunk/0-dim", "Tensor.chunk", lambda: [torch.tensor(1.5), 1])
    error("chunk/dim out of range", "torch.chunk", lambda: [mat(), 2, -3])
    error("unbind/0-dim", "torch.unbind", lambda: [torch.tensor(1.5)])
    error("unbind/dim out of range", "Tensor.unbind", lambda: [mat(), 2])
    error("tensor_split/zero sections", "torch.tensor_split", lambda: [mat(), 0])
    error("tensor_split/0-dim", "Tensor.tensor_split", lambda: [torch.tensor(1.5), 1])
    error("tensor_split/2-D tensor", "torch.tensor_split", lambda: [mat(), ix([1]), 1])
    error("tensor_split/float tensor", "Tensor.tensor_split", lambda: [mat(), torch.tensor([1.5]), 1])
    error("tensor_split/float sections", "Tensor.tensor_split", lambda: [mat(), 2.5])
    error("tensor_split/function float sections", "torch.tensor_split", lambda: [mat(), 2.5])
    error("rot90/three dims", "torch.rot90", lambda: [mat(), 1, [0, 1, 1]])
    error("rot90/1-D", "Tensor.rot90", lambda: [vec()])
    error("rot90/same dims", "torch.rot90", lambda: [mat(), 1, [1, -1]])
    error("rot90/dims wrapped", "torch.rot90", lambda: [mat(), 1, [2, 0]])
    error("rot90/dim1 out of range", "Tensor.rot90", lambda: [mat(), 1, [0, -3]])
    error("rot90/dim0 out of range", "Tensor.rot90", lambda: [mat(), 1, [3, 1]])
    error("rot90/k float", "torch.rot90", lambda: [mat(), 1.5])
    error("diag_embed/same dims", "torch.diag_embed", lambda: [mat(), 0, 1, -2])
    error("diag_embed/dim out of range", "Tensor.diag_embed", lambda: [mat(), 0, 3, 0])
    error("diag_embed/0-dim", "torch.diag_embed", lambda: [torch.tensor(1.5)])
    error("repeat_interleave/negative", "torch.repeat_interleave", lambda: [mat(), -1])
    error("repeat_interleave/tensor negative", "Tensor.repeat_interleave", lambda: [mat(), ix(1, -1), 0])
    error("repeat_interleave/tensor length", "torch.repeat_interleave", lambda: [mat(), ix(1, 1, 1), 0])
    error("repeat_interleave/float repeats", "torch.repeat_interleave", lambda: [mat(), torch.tensor([1.0, 2.0]), 0])
    error("repeat_interleave/2-D repeats", "torch.repeat_interleave", lambda: [mat(), ix([1, 1]), 0])
    error("repeat_interleave/output_size", "torch.repeat_interleave", lambda: [mat(), 2, 0], {"output_size": 5})
    error("repeat_interleave/dim out of range", "Tensor.repeat_interleave", lambda: [mat(), 2, 2])
    error("repeat_interleave/str", "torch.repeat_interleave", lambda: [mat(), "a"])
    error("repeat_interleave/method str", "Tensor.repeat_interleave", lambda: [mat(), "a"])
    error("nonzero/positional as_tuple", "torch.nonzero", lambda: [mat(), True])
    error("one_hot/negative", "F.one_hot", lambda: [ix(-1)])
    error("one_hot/too big", "F.one_hot", lambda: [ix(3), 3])
    error("one_hot/float", "F.one_hot", lambda: [torch.tensor([1.0])])
    error("one_hot/empty", "F.one_hot", lambda: [torch.tensor([], dtype=torch.long)])
    error("one_hot/not a tensor", "F.one_hot", lambda: [[1]])
    error("pad/odd", "F.pad", lambda: [mat(), [1]])
    error("pad/too long", "F.pad", lambda: [mat(), [1, 1, 1, 1, 1, 1]])
    error("pad/crop too much", "F.pad", lambda: [mat(), [-2, -2]])
    error("pad/crop beyond", "F.pad", lambda: [vec(), [-4, 1]])
    error("pad/mode", "F.pad", lambda: [mat(), [1, 1]], {"mode": "bogus"})
    error("pad/value with reflect", "F.pad", lambda: [mat()[None], [1, 1]], {"mode": "reflect", "value": 2.5})
    error("pad/float pad", "F.pad", lambda: [mat(), [1.5, 1]])
    # convolution (helper conv): PyTorch's checks in its order
    def img(*shape):
        return torch.randn(*shape)
    error("conv2d/channel mismatch", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 2, 3, 3)])
    error("conv2d/unbatched channel mismatch", "F.conv2d", lambda: [img(3, 5, 5), img(4, 2, 3, 3)])
    error("conv2d/groups channel mismatch", "F.conv2d", lambda: [img(1, 4, 5, 5), img(4, 3, 3, 3)], {"groups": 2})
    error("conv2d/input dims", "F.conv2d", lambda: [img(3, 5), img(4, 3, 3, 3)])
    error("conv2d/weight dims", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3)])
    error("conv2d/kernel too big", "F.conv2d", lambda: [img(1, 3, 2, 2), img(4, 3, 3, 3)])
    error("conv2d/groups not dividing", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 1, 3, 3)], {"groups": 3})
    error("conv2d/groups too many", "F.conv2d", lambda: [img(1, 6, 5, 5), img(4, 1, 3, 3)], {"groups": 6})
    error("conv2d/bias size", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3), img(3)])
    error("conv2d/same strided", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3)], {"stride": 2, "padding": "same"})
    error("conv2d/padding string", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3)], {"padding": "full"})
    error("conv2d/negative padding", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3)], {"padding": -1})
    error("conv2d/zero stride", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3)], {"stride": 0})
    error("conv2d/zero dilation", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3)], {"dilation": 0})
    error("conv2d/zero groups", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3)], {"groups": 0})
    error("conv2d/stride length", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3)], {"stride": [1, 2, 3]})
    # transposed convolution (helper convt): check_shape_forward, then slow_conv_transpose2d's shape check
    T2 = "F.conv_transpose2d"
    x4, w4 = lambda: img(1, 4, 2, 2), lambda: img(4, 1, 2, 2)
    error("conv_transpose2d/channel mismatch", T2, lambda: [x4(), img(3, 1, 2, 2)])
    error("conv_transpose2d/groups not dividing", T2, lambda: [x4(), w4()], {"groups": 3})
    error("conv_transpose2d/groups too many", T2, lambda: [x4(), w4()], {"groups": 8})
    error("conv_transpose2d/zero groups", T2, lambda: [x4(), w4()], {"groups": 0})
    error("conv_transpose2d/negative padding", T2, lambda: [x4(), w4()], {"padding": -1})
    error("conv_transpose2d/negative output_padding", T2, lambda: [x4(), w4()], {"output_padding": -1, "stride": 0})
    error("conv_transpose2d/zero stride", T2, lambda: [x4(), w4()], {"stride": 0})
    error("conv_transpose2d/zero dilation", T2, lambda: [x4(), w4()], {"dilation": 0, "padding": 5})
    error("conv_transpose2d/output_padding not below stride", T2, lambda: [x4(), w4()], {"stride": 2, "output_padding": 2})
    error("conv_transpose2d/output_padding without stride", T2, lambda: [x4(), w4()], {"output_padding": 1})
    error("conv_transpose2d/output too small", T2, lambda: [x4(), w4()], {"padding": 5})
    error("conv_transpose2d/bias size", T2, lambda: [x4(), w4(), img(4)])
    error("conv_transpose2d/input dims", T2, lambda: [img(5, 5), w4()])
    error("conv_transpose2d/weight dims", T2, lambda: [x4(), img(4, 1, 2)])
    error("conv_transpose2d/padding string", T2, lambda: [x4(), w4()], {"padding": "same"})
    error("conv_transpose2d/stride length", T2, lambda: [x4(), w4()], {"stride": [1, 2, 3]})
    error("conv_transpose2d/weight dtype", T2, lambda: [x4(), w4().double()])
    error("conv_transpose2d/zero kernel", T2, lambda: [x4(), img(4, 1, 0, 2)])
    error("conv_transpose2d/empty spatial", T2, lambda: [img(1, 4, 0, 2), w4()])
    error("conv_transpose1d/output_padding", "F.conv_transpose1d", lambda: [img(1, 4, 3), img(4, 1, 2)], {"output_padding": 1})
    error("conv_transpose1d/zero dilation", "F.conv_transpose1d", lambda: [img(1, 4, 3), img(4, 1, 2)], {"dilation": 0})
    error("conv_transpose1d/output too small", "F.conv_transpose1d", lambda: [img(1, 4, 3), img(4, 1, 2)], {"padding": 6})
    error("conv_transpose1d/unbatched channels", "torch.conv_transpose1d", lambda: [img(3, 3), img(4, 1, 2)])
    # F.unfold / F.fold (helper convt): im2col_shape_check / col2im_shape_check in their order
    error("unfold/2-D input", "F.unfold", lambda: [img(3, 3), 2])
    error("unfold/5-D input", "F.unfold", lambda: [img(1, 1, 2, 2, 2), 2])
    error("unfold/zero channels", "F.unfold", lambda: [img(1, 0, 3, 3), 2])
    error("unfold/zero kernel", "F.unfold", lambda: [img(1, 1, 3, 3), 0], {"stride": 0})
    error("unfold/zero dilation", "F.unfold", lambda: [img(1, 1, 3, 3), 2], {"dilation": 0, "stride": 0})
    error("unfold/negative padding", "F.unfold", lambda: [img(1, 1, 3, 3), 2], {"padding": -1, "stride": 0})
    error("unfold/zero stride", "F.unfold", lambda: [img(1, 1, 3, 3), 2], {"stride": 0})
    error("unfold/kernel too big", "F.unfold", lambda: [img(1, 1, 3, 3), 4])
    error("unfold/kernel length", "F.unfold", lambda: [img(1, 1, 3, 3), [2, 2, 2]])
    error("fold/1-D input", "F.fold", lambda: [img(4), [3, 3], 2])
    error("fold/not divisible", "F.fold", lambda: [img(1, 5, 4), [3, 3], 2])
    error("fold/block count", "F.fold", lambda: [img(1, 4, 5), [3, 3], 2])
    error("fold/output_size length", "F.fold", lambda: [img(1, 4, 4), [3, 3, 3], 2])
    error("fold/zero stride", "F.fold", lambda: [img(1, 4, 4), [3, 3], 2], {"stride": 0})
    error("conv2d/padding length", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3), None, 1, [1, 1, 1]])
    error("conv2d/float stride", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3)], {"stride": 1.5})
    error("conv2d/dtype", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3).double()])
    error("conv2d/bias dtype", "F.conv2d", lambda: [img(1, 3, 5, 5), img(4, 3, 3, 3), img(4).double()])
    error("conv1d/input dims", "F.conv1d", lambda: [img(1, 3, 5, 5), img(4, 3, 3)])
    error("conv1d/kernel too big", "F.conv1d", lambda: [img(1, 3, 2), img(4, 3, 3)])
    error("conv1d/channel mismatch", "F.conv1d", lambda: [img(2, 3, 6), img(4, 2, 3)])
    error("max_pool2d/pad too big", "F.max_pool2d", lambda: [img(1, 3, 5, 5), 2], {"padding": 2})
    error("max_pool2d/negative pad", "F.max_pool2d", lambda: [img(1, 3, 5, 5), 2], {"padding": -1})
    error("max_pool2d/zero stride", "F.max_pool2d", lambda: [img(1, 3, 5, 5), 2], {"stride": 0})
    error("max_pool2d/zero kernel", "F.max_pool2d", lambda: [img(1, 3, 5, 5), 0], {"stride": 1})
    error("max_pool2d/zero dilation", "F.max_pool2d", lambda: [img(1, 3, 5, 5), 2], {"dilation": 0})
    error("max_pool2d/output too small", "F.max_pool2d", lambda: [img(1, 3, 5, 5), 6])
    error("max_pool2d/2-D input", "F.max_pool2d", lambda: [img(5, 5), 2])
    error("max_pool2d/empty plane", "F.max_pool2d", lambda: [img(1, 3, 0, 5), 2])
    error("max_pool2d/three kernel sizes", "F.max_pool2d", lambda: [img(1, 3, 5, 5), [2, 2, 2]])
    error("avg_pool2d/pad too big", "F.avg_pool2d", lambda: [img(1, 3, 5, 5), 2], {"padding": 2})
    error("avg_pool2d/output too small", "F.avg_pool2d", lambda: [img(1, 3, 5, 5), 6])
    error("avg_pool2d/zero divisor", "F.avg_pool2d", lambda: [img(1, 3, 5, 5), 2], {"divisor_override": 0})
    error("avg_pool2d/2-D input", "F.avg_pool2d", lambda: [img(5, 5), 2])
    error("adaptive_avg_pool2d/2-D input", "F.adaptive_avg_pool2d", lambda: [img(5, 5), 2])
    error("adaptive_avg_pool2d/three sizes", "F.adaptive_avg_pool2d", lambda: [img(1, 3, 5, 5), [2, 2, 2]])
    error("max_pool1d/4-D input", "F.max_pool1d", lambda: [img(2, 4, 5, 5), 2])
    error("max_pool1d/two kernel sizes", "F.max_pool1d", lambda: [img(4, 5), [2, 2]])
    error("avg_pool1d/two kernel sizes", "F.avg_pool1d", lambda: [img(4, 5), [2, 2]])
    error("avg_pool1d/4-D input", "F.avg_pool1d", lambda: [img(2, 4, 5, 5), 2])
    # pooling 2 (helper pool2)
    error("max_pool3d/pad too big", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"padding": 2})
    error("max_pool3d/negative pad", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"padding": -1})
    error("max_pool3d/zero stride", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"stride": 0})
    error("max_pool3d/zero kernel", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 0], {"stride": 1})
    error("max_pool3d/zero dilation", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"dilation": 0})
    error("max_pool3d/output too small", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 6])
    error("max_pool3d/3-D input", "F.max_pool3d", lambda: [img(5, 5, 5), 2])
    error("max_pool3d/empty plane", "F.max_pool3d", lambda: [img(1, 2, 0, 5, 5), 2])
    error("max_pool3d/empty channels unbatched", "F.max_pool3d", lambda: [img(0, 5, 5, 5), 2])
    error("max_pool3d/two kernel sizes", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), [2, 2]])
    error("max_pool3d/two strides", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"stride": [1, 1]})
    error("max_pool3d/two paddings", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"padding": [1, 1]})
    error("max_pool3d/two dilations", "F.max_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"dilation": [1, 1]})
    error("avg_pool3d/pad too big", "F.avg_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"padding": 2})
    error("avg_pool3d/kernel bigger than input", "F.avg_pool3d", lambda: [img(1, 2, 5, 5, 5), 6])
    error("avg_pool3d/kernel bigger than padded input", "F.avg_pool3d", lambda: [img(1, 1, 3, 3, 3), 4], {"stride": 1, "padding": 1})
    error("avg_pool3d/zero kernel", "F.avg_pool3d", lambda: [img(1, 2, 5, 5, 5), 0], {"stride": 1})
    error("avg_pool3d/zero divisor", "F.avg_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"divisor_override": 0})
    error("avg_pool3d/3-D input", "F.avg_pool3d", lambda: [img(5, 5, 5), 2])
    error("avg_pool3d/empty plane", "F.avg_pool3d", lambda: [img(1, 2, 5, 5, 0), 2])
    error("avg_pool3d/two kernel sizes", "F.avg_pool3d", lambda: [img(1, 2, 5, 5, 5), [2, 2]])
    error("avg_pool3d/two strides", "F.avg_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"stride": [1, 1]})
    error("avg_pool3d/two paddings", "F.avg_pool3d", lambda: [img(1, 2, 5, 5, 5), 2], {"padding": [1, 1]})
    error("adaptive_avg_pool1d/4-D input", "F.adaptive_avg_pool1d", lambda: [img(2, 3, 4, 5), 2])
    error("adaptive_avg_pool1d/two sizes", "F.adaptive_avg_pool1d", lambda: [img(2, 3, 4), [2, 2]])
    error("adaptive_avg_pool1d/empty length", "F.adaptive_avg_pool1d", lambda: [img(3, 0), 2])
    error("adaptive_avg_pool1d/negative size", "F.adaptive_avg_pool1d", lambda: [img(3, 4), -1])
    error("adaptive_avg_pool2d/negative size", "F.adaptive_avg_pool2d", lambda: [img(1, 2, 4, 5), [2, -1]])
    error("adaptive_avg_pool2d/negative size of 1", "F.adaptive_avg_pool2d", lambda: [img(1, 2, 4, 5), [1, -1]])
    error("adaptive_max_pool1d/4-D input", "F.adaptive_max_pool1d", lambda: [img(2, 3, 4, 5), 2])
    error("adaptive_max_pool1d/two sizes", "F.adaptive_max_pool1d", lambda: [img(2, 3, 4), [2, 2]])
    error("adaptive_max_pool1d/empty channels", "F.adaptive_max_pool1d", lambda: [img(2, 0, 4), 2])
    error("adaptive_max_pool1d/negative size", "F.adaptive_max_pool1d", lambda: [img(3, 4), -1])
    error("adaptive_max_pool2d/2-D input", "F.adaptive_max_pool2d", lambda: [img(3, 4), 2])
    error("adaptive_max_pool2d/three sizes", "F.adaptive_max_pool2d", lambda: [img(2, 3, 4, 5), [2, 2, 2]])
    error("adaptive_max_pool2d/empty channels", "F.adaptive_max_pool2d", lambda: [img(2, 0, 4, 5), 2])
    error("adaptive_max_pool2d/negative size", "F.adaptive_max_pool2d", lambda: [img(1, 2, 4, 5), [2, -1]])
    error("adaptive_max_pool2d/int64", "F.adaptive_max_pool2d", lambda: [img(1, 2, 4, 5).long(), 2])
    unpool_ix = lambda: torch.tensor([[[[1, 2], [8, 15]], [[4, 6], [13, 14]]]])  # noqa: E731 -- indices of a 4x4 pool
    error("max_unpool2d/output_size out of range", "F.max_unpool2d", lambda: [img(1, 2, 2, 2), unpool_ix(), 2], {"output_size": [9, 9]})
    error("max_unpool2d/output_size length", "F.max_unpool2d", lambda: [img(1, 2, 2, 2), unpool_ix(), 2], {"output_size": [5]})
    error("max_unpool2d/float indices", "F.max_unpool2d", lambda: [img(1, 2, 2, 2), unpool_ix().float(), 2])
    error("max_unpool2d/indices shape", "F.max_unpool2d", lambda: [img(1, 2, 2, 2), unpool_ix()[..., :1], 2])
    error("max_unpool2d/2-D input", "F.max_unpool2d", lambda: [img(2, 2), unpool_ix()[0, 0], 2])
    error("max_unpool2d/negative index", "F.max_unpool2d", lambda: [img(1, 2, 2, 2), -unpool_ix(), 2])
    error("max_unpool2d/index past the output", "F.max_unpool2d", lambda: [img(1, 2, 2, 2), unpool_ix() + 2, 2])
    error("max_unpool2d/int64 input", "F.max_unpool2d", lambda: [img(1, 2, 2, 2).long(), unpool_ix(), 2])
    error("max_unpool2d/empty channels", "F.max_unpool2d", lambda: [img(1, 0, 2, 2), unpool_ix()[:, :0], 2])
    error("max_unpool1d/index past the output", "F.max_unpool1d", lambda: [img(2, 3), torch.tensor([[0, 2, 6], [1, 3, 5]]), 2])
    error("max_unpool1d/output_size out of range", "F.max_unpool1d", lambda: [img(2, 3), torch.tensor([[0, 2, 5], [1, 3, 5]]), 2],
          {"output_size": [9]})
    error("lp_pool2d/pad-free output too small", "F.lp_pool2d", lambda: [img(1, 2, 3, 3), 2, 4])
    error("lp_pool1d/3-D kernel", "F.lp_pool1d", lambda: [img(1, 2, 3, 3), 2, 2])
    # F.pad's reflect / replicate / circular (helper leftovers)
    r = torch.randn
    error("pad/reflect 1-D input", "F.pad", lambda: [vec(), [1, 1]], {"mode": "reflect"})
    error("pad/replicate 4-D one dim", "F.pad", lambda: [r(2, 2, 3, 4), [1, 1]], {"mode": "replicate"})
    error("pad/reflect too wide", "F.pad", lambda: [mat(), [3, 0]], {"mode": "reflect"})
    error("pad/reflect 2d too wide", "F.pad", lambda: [r(1, 2, 3, 3), [1, 1, 3, 0]], {"mode": "reflect"})
    error("pad/reflect 3d too wide", "F.pad", lambda: [r(1, 2, 2, 2, 3), [1, 1, 0, 0, 2, 0]], {"mode": "reflect"})
    error("pad/reflect 1d empty dim", "F.pad", lambda: [r(2, 0), [1, 1]], {"mode": "reflect"})
    error("pad/reflect 2d empty dim", "F.pad", lambda: [r(1, 2, 0, 3), [1, 1, 1, 1]], {"mode": "reflect"})
    error("pad/reflect 3d empty dim", "F.pad", lambda: [r(1, 1, 0, 3, 3), [1, 1, 1, 1, 1, 1]], {"mode": "reflect"})
    error("pad/replicate empty dim", "F.pad", lambda: [r(1, 0, 3, 3), [1, 1, 1, 1]], {"mode": "replicate"})
    error("pad/reflect crop to nothing", "F.pad", lambda: [mat(), [-2, -2]], {"mode": "reflect"})
    error("pad/replicate crop to nothing", "F.pad", lambda: [mat(), [-3, 0]], {"mode": "replicate"})
    error("pad/replicate 2d negative size", "F.pad", lambda: [r(1, 2, 3, 3), [-2, -2, 0, 0]], {"mode": "replicate"})
    error("pad/reflect int64", "F.pad", lambda: [mat().long(), [1, 1]], {"mode": "reflect"})
    error("pad/replicate 2d int64", "F.pad", lambda: [r(1, 2, 3, 3).long(), [1, 1, 1, 1]], {"mode": "replicate"})
    error("pad/reflect 3d int64", "F.pad", lambda: [r(1, 1, 2, 3, 3).long(), [1, 1, 1, 1, 1, 1]], {"mode": "reflect"})
    error("pad/circular 2-D input", "F.pad", lambda: [mat(), [1, 1]], {"mode": "circular"})
    error("pad/circular wraps twice", "F.pad", lambda: [r(1, 2, 3), [4, 0]], {"mode": "circular"})
    error("pad/circular negative size", "F.pad", lambda: [r(1, 2, 3), [-4, 0]], {"mode": "circular"})
    error("pad/replicate value", "F.pad", lambda: [r(1, 2, 3), [1, 1]], {"mode": "replicate", "value": 1.5})
    error("scatter/int32 index", "torch.scatter", lambda: [mat(), 1, torch.zeros(1, 1, dtype=torch.int32), mat()])
    error("scatter/dims differ", "Tensor.scatter", lambda: [mat(), 1, ix(0, 1), mat()])
    error("scatter/index too big", "torch.scatter", lambda: [mat(), 1, torch.zeros(3, 1, dtype=torch.long), mat()])
    error("scatter/index bigger than src", "torch.scatter", lambda: [mat(), 1, torch.zeros(2, 2, dtype=torch.long), torch.randn(2, 1)])
    error("scatter/out of range", "torch.scatter", lambda: [mat(), 1, ix([3]), mat()])
    error("scatter/negative", "Tensor.scatter", lambda: [mat(), 0, ix([-1]), 1.5])
    error("scatter/src dtype", "torch.scatter", lambda: [mat(), 1, ix([0]), mat().double()])
    error("scatter_add/out of range", "torch.scatter_add", lambda: [mat(), 0, ix([2]), mat()])
    error("scatter_add/float index", "Tensor.scatter_add", lambda: [mat(), 1, torch.zeros(1, 1), mat()])
    # bernoulli (helper leftovers)
    error("bernoulli/p above 1", "torch.bernoulli", lambda: [torch.tensor([0.5, 1.5])])
    error("bernoulli/p NaN", "Tensor.bernoulli", lambda: [torch.tensor([float("nan")])])
    error("bernoulli/int64 p", "torch.bernoulli", lambda: [torch.tensor([1, 0])])
    error("bernoulli_/number p", "Tensor.bernoulli_", lambda: [torch.zeros(2), 1.5])
    error("bernoulli_/tensor p", "Tensor.bernoulli_", lambda: [torch.zeros(2), torch.tensor([0.5, -0.5])])
    error("bernoulli_/p does not expand", "Tensor.bernoulli_", lambda: [torch.zeros(2), torch.tensor([0.5, 0.5, 0.5])])
    error("bernoulli_/leaf", "Tensor.bernoulli_", lambda: [torch.zeros(2, requires_grad=True)])
    # multinomial (helper leftovers)
    error("multinomial/3-D", "torch.multinomial", lambda: [torch.ones(2, 2, 2), 1])
    error("multinomial/int64", "torch.multinomial", lambda: [torch.tensor([1, 2]), 1])
    error("multinomial/no samples", "torch.multinomial", lambda: [torch.ones(3), 0])
    error("multinomial/too many", "Tensor.multinomial", lambda: [torch.ones(3), 4])
    error("multinomial/negative", "torch.multinomial", lambda: [torch.tensor([1.0, -1.0]), 1])
    error("multinomial/all zero", "torch.multinomial", lambda: [torch.zeros(2, 3), 2])
    error("multinomial/negative with replacement", "torch.multinomial", lambda: [torch.tensor([1.0, -1.0]), 2, True])
    error("multinomial/inf with replacement", "torch.multinomial", lambda: [torch.tensor([1.0, float("inf")]), 2, True])
    error("multinomial/zero row with replacement", "torch.multinomial", lambda: [torch.tensor([[1.0, 1.0], [0.0, 0.0]]), 2, True])
    error("multinomial/float count", "torch.multinomial", lambda: [torch.ones(3), 1.5])
    # linalg.matrix_norm (helper leftovers)
    mn = "torch.linalg.matrix_norm"
    error("matrix_norm/order 3", mn, lambda: [mat(), 3])
    error("matrix_norm/order string", mn, lambda: [mat(), "abc"])
    error("matrix_norm/1-D", mn, lambda: [vec(), 1])
    error("matrix_norm/int64", mn, lambda: [mat().long()])
    error("matrix_norm/one dim", mn, lambda: [mat(), 1, [1]])
    error("matrix_norm/three dims", mn, lambda: [torch.randn(2, 3, 4), 1, [0, 1, 2]])
    error("matrix_norm/same dims", mn, lambda: [mat(), -1, [1, -1]])
    error("matrix_norm/dim out of range", mn, lambda: [mat(), "fro", [0, 2]])
    error("matrix_norm/-1 empty columns", mn, lambda: [torch.randn(3, 0), -1])
    error("matrix_norm/inf empty", mn, lambda: [torch.randn(0, 3), float("inf")])
    # scatter_reduce (helper leftovers)
    error("scatter_reduce/reduce name", "torch.scatter_reduce", lambda: [mat(), 1, ix([0]), mat(), "max"])
    error("scatter_reduce/reduce type", "torch.scatter_reduce", lambda: [mat(), 1, ix([0]), mat(), 1])
    error("scatter_reduce/missing reduce", "torch.scatter_reduce", lambda: [mat(), 1, ix([0]), mat()])
    error("scatter_reduce/out of range", "Tensor.scatter_reduce", lambda: [mat(), 0, ix([2]), mat(), "amax"])
    error("scatter_reduce/int32 index", "torch.scatter_reduce", lambda: [mat(), 1, torch.zeros(1, 1, dtype=torch.int32), mat(), "sum"])
    error("scatter_reduce/src dtype", "torch.scatter_reduce", lambda: [mat(), 1, ix([0]), mat().double(), "mean"])
    error("scatter_reduce/dims differ", "torch.scatter_reduce", lambda: [mat(), 1, ix(0, 1), mat(), "prod"])
    error("scatter_reduce/bad dim", "torch.scatter_reduce", lambda: [mat(), 2, ix([0]), mat(), "sum"])
    error("scatter_reduce/include_self type", "torch.scatter_reduce", lambda: [mat(), 1, ix([0]), mat(), "sum"], {"include_self": "yes"})
    error("index_add/count", "torch.index_add", lambda: [mat(), 1, ix(0, 0), torch.randn(2, 3)])
    error("index_add/out of range", "Tensor.index_add", lambda: [mat(), 1, ix(0, 3), torch.randn(2, 2)])
    error("index_add/2-D index", "torch.index_add", lambda: [mat(), 1, ix([0]), torch.randn(2, 1)])
    error("index_add/float index", "torch.index_add", lambda: [mat(), 1, torch.tensor([0.0]), torch.randn(2, 1)])
    error("index_add/shape", "torch.index_add", lambda: [mat(), 1, ix(0), torch.randn(3, 1)])
    error("index_add/source dims", "torch.index_add", lambda: [mat(), 1, ix(0), torch.randn(2)])
    error("index_add/dtype", "Tensor.index_add", lambda: [mat(), 1, ix(0), torch.randn(2, 1).double()])
    error("index_copy/count", "torch.index_copy", lambda: [mat(), 1, ix(0, 2), torch.randn(2, 3)])
    error("index_copy/out of range", "Tensor.index_copy", lambda: [mat(), 1, ix(0, 3), torch.randn(2, 2)])
    error("index_copy/2-D index", "torch.index_copy", lambda: [mat(), 1, ix([0]), torch.randn(2, 1)])
    error("index_copy/float index", "torch.index_copy", lambda: [mat(), 1, torch.tensor([0.0]), torch.randn(2, 1)])
    error("index_copy/shape", "torch.index_copy", lambda: [mat(), 1, ix(0), torch.randn(3, 1)])
    error("masked_scatter/few", "torch.masked_scatter", lambda: [mat(), torch.ones(2, 3, dtype=torch.bool), torch.randn(5)])
    error("masked_scatter/not broadcastable", "Tensor.masked_scatter", lambda: [mat(), mask(True, False), torch.randn(6)])
    error("masked_scatter/dtype", "torch.masked_scatter", lambda: [mat(), mask(True, False, True), torch.randn(6).double()])
    error("index_fill/out of range", "torch.index_fill", lambda: [mat(), 1, ix(3), 2.5])
    error("index_fill/2-D index", "Tensor.index_fill", lambda: [mat(), 1, ix([0]), 2.5])
    error("index_fill/float index", "torch.index_fill", lambda: [mat(), 1, torch.tensor([0.0]), 2.5])
    error("index_fill/value 1-D", "torch.index_fill", lambda: [mat(), 1, ix(0), torch.tensor([2.5])])
    error("dstack/empty", "torch.dstack", lambda: [[]])
    error("column_stack/empty", "torch.column_stack", lambda: [[]])
    error("column_stack/rows differ", "torch.column_stack", lambda: [[torch.randn(2, 2), vec()]])
    error("broadcast_tensors/not broadcastable", "torch.broadcast_tensors", lambda: [torch.randn(2), vec()])
    error("meshgrid/indexing", "torch.meshgrid", lambda: [vec(), vec()], {"indexing": "bogus"})
    error("meshgrid/empty", "torch.meshgrid", lambda: [])
    error("index/tensor out of bounds", "Tensor.__getitem_spec__", lambda: [mat(), [ix(0, 2)]])
    error("index/tensor out of bounds after slice", "Tensor.__getitem_spec__", lambda: [mat(), [":", ix(-4)]])
    error("index/mask shape", "Tensor.__getitem_spec__", lambda: [mat(), [mask(True, False, True)]])
    error("index/float tensor", "Tensor.__getitem_spec__", lambda: [mat(), [torch.tensor([1.0])]])
    error("index/tensors not broadcastable", "Tensor.__getitem_spec__", lambda: [mat(), [ix(0, 1), ix(0, 1, 2)]])
    error("index/too many with mask", "Tensor.__getitem_spec__", lambda: [mat(), [torch.ones(2, 3, dtype=torch.bool), 0]])
    error("index_put/values shape", "torch.index_put", lambda: [mat(), [ix(0, 1)], torch.randn(2)])
    error("index_put/values dtype", "Tensor.index_put", lambda: [mat(), [ix(0, 1)], torch.randn(2, 3).double()])
    error("index_put/out of bounds", "torch.index_put", lambda: [mat(), [ix(0, 2)], torch.randn(3)])
    error("take_along_dim/no broadcast", "torch.take_along_dim", lambda: [mat(), torch.zeros(3, 1, dtype=torch.long), 1])


def creation_cases():
    error("full/fill_value str", "torch.full", lambda: [[2], "a"])
    error("full/fill_value null", "torch.full", lambda: [[2], None])
    error("full/fill_value dict", "torch.full", lambda: [[2], {}])
    error("full/fill_value list", "torch.full", lambda: [[2], [1]])
    error("zeros_like/input str", "torch.zeros_like", lambda: ["a"])
    error("ones_like/requires_grad str", "torch.ones_like", lambda: [vec()], {"requires_grad": "yes"})
    error("linspace/start str", "torch.linspace", lambda: ["a", 1, 3])
    error("linspace/end null", "torch.linspace", lambda: [0, None, 3])
    error("linspace/steps str", "torch.linspace", lambda: [0, 1, "a"])
    error("arange/end str", "torch.arange", lambda: ["a"])
    error("arange/end null", "torch.arange", lambda: [None])
    error("eye/n str", "torch.eye", lambda: ["a"])
    error("requires_grad_/str", "Tensor.requires_grad_", lambda: [vec(), "yes"])


def generator_cases():
    # the generator keyword (helper generator): what is not a torch.Generator, and the random fills
    error("rand/generator int", "torch.rand", lambda: [3], {"generator": 5})
    error("rand/generator str", "torch.rand", lambda: [[2, 3]], {"generator": "a"})
    error("randn/generator int", "torch.randn", lambda: [2, 3], {"generator": 5})
    error("randint/generator int", "torch.randint", lambda: [0, 5, [3]], {"generator": 5})
    error("randint/high generator str", "torch.randint", lambda: [5, [3]], {"generator": "a"})
    error("randperm/generator int", "torch.randperm", lambda: [3], {"generator": 5})
    error("normal/generator int", "torch.normal", lambda: [0.5, 1.5, [3]], {"generator": 5})
    error("bernoulli/generator int", "torch.bernoulli", lambda: [vec()], {"generator": 5})
    error("bernoulli/p generator str", "torch.bernoulli", lambda: [vec(), 0.5], {"generator": "a"})
    error("bernoulli/number p above 1", "torch.bernoulli", lambda: [vec(), 1.5])
    error("Tensor.bernoulli/generator int", "Tensor.bernoulli", lambda: [vec()], {"generator": 5})
    error("bernoulli_/generator int", "Tensor.bernoulli_", lambda: [torch.zeros(3), 0.5], {"generator": 5})
    error("multinomial/generator int", "torch.multinomial", lambda: [torch.ones(3), 2], {"generator": 5})
    error("Tensor.multinomial/generator str", "Tensor.multinomial", lambda: [torch.ones(3), 2], {"generator": "a"})
    error("uniform_/generator int", "Tensor.uniform_", lambda: [torch.zeros(3)], {"generator": 5})
    error("uniform_/to str", "Tensor.uniform_", lambda: [torch.zeros(3), 0, "a"])
    error("uniform_/from above to", "Tensor.uniform_", lambda: [torch.zeros(3), 2, 1])
    error("uniform_/int64", "Tensor.uniform_", lambda: [torch.zeros(3, dtype=torch.long)])
    error("uniform_/leaf", "Tensor.uniform_", lambda: [torch.zeros(3, requires_grad=True)])
    error("normal_/generator int", "Tensor.normal_", lambda: [torch.zeros(3)], {"generator": 5})
    error("normal_/negative std", "Tensor.normal_", lambda: [torch.zeros(3), 0, -1])
    error("normal_/int64", "Tensor.normal_", lambda: [torch.zeros(3, dtype=torch.long)])
    error("normal_/std str", "Tensor.normal_", lambda: [torch.zeros(3)], {"std": "a"})
    error("normal/tensor std negative", "torch.normal", lambda: [vec(), torch.tensor([1.0, -1.0, 1.0])])
    error("normal/tensor mean negative std", "torch.normal", lambda: [vec(), -1.5])
    error("normal/float mean tensor std negative", "torch.normal", lambda: [0.5, torch.tensor([-1.0])])
    error("normal/int64 mean", "torch.normal", lambda: [torch.tensor([1, 2]), 1.5])
    error("normal/shapes", "torch.normal", lambda: [vec(), torch.ones(2)])
    error("normal/tensor generator int", "torch.normal", lambda: [vec(), 1.5], {"generator": 5})
    error("normal/tensor std str", "torch.normal", lambda: [vec(), "a"])
    error("rand/int64 dtype", "torch.rand", lambda: [3], {"dtype": torch.int64})
    error("rand/bool dtype", "torch.rand", lambda: [3], {"dtype": torch.bool})
    error("randn/int32 dtype", "torch.randn", lambda: [2], {"dtype": torch.int32})
    error("normal/size int64 dtype", "torch.normal", lambda: [0.5, 1.5, [3]], {"dtype": torch.int64})
    error("rand_like/generator", "torch.rand_like", lambda: [vec()], {"generator": 5})
    error("randn_like/generator", "torch.randn_like", lambda: [vec()], {"generator": 5})
    error("randint_like/generator", "torch.randint_like", lambda: [vec(), 5], {"generator": 5})


def dim_cases():
    for op in ["sum", "mean", "logsumexp", "softmax", "log_softmax"]:
        error(f"{op}/dim str", f"Tensor.{op}", lambda: [mat(), "a"])
    error("sum/dim str (function)", "torch.sum", lambda: [mat(), "a"])
    error("max/dim str (function)", "torch.max", lambda: [mat(), "a"])
    error("F.softmax/dim str by keyword", "F.softmax", lambda: [mat()], {"dim": "a"})
    error("logsumexp/dim null", "Tensor.logsumexp", lambda: [mat(), None])
    error("amax/dim str", "Tensor.amax", lambda: [mat(), "a"])
    error("amax/dim str (function)", "torch.amax", lambda: [mat(), "a"])
    error("unsqueeze/dim str", "Tensor.unsqueeze", lambda: [mat(), "a"])
    error("unsqueeze/dim bool", "Tensor.unsqueeze", lambda: [mat(), True])
    error("transpose/dim0 str", "Tensor.transpose", lambda: [mat(), "a", 1])
    error("sum/keepdim int", "Tensor.sum", lambda: [mat(), 0], {"keepdim": 1})
    error("sum/keepdim str", "Tensor.sum", lambda: [mat(), 0], {"keepdim": "yes"})
    error("sum/keepdim int (function)", "torch.sum", lambda: [mat(), 0], {"keepdim": 1})
    error("sum/keepdim str given positionally", "Tensor.sum", lambda: [mat(), 0, "yes"])
    error("sum/keepdim str given positionally (function)", "torch.sum", lambda: [mat(), 0, "yes"])
    error("logsumexp/keepdim str given positionally", "Tensor.logsumexp", lambda: [mat(), 0, "yes"])
    error("amax/keepdim str given positionally", "Tensor.amax", lambda: [mat(), 0, "yes"])
    error("sum/dim float", "Tensor.sum", lambda: [mat(), 0.5])
    error("mean/keepdim int (function)", "torch.mean", lambda: [mat(), 0], {"keepdim": 1})
    error("amax/keepdim int", "Tensor.amax", lambda: [mat(), 0], {"keepdim": 1})
    error("amax/keepdim int (function)", "torch.amax", lambda: [mat(), 0], {"keepdim": 1})
    error("amin/dim str", "Tensor.amin", lambda: [mat(), "a"])
    error("amin/keepdim int (function)", "torch.amin", lambda: [mat(), 0], {"keepdim": 1})
    error("amin/unknown keyword", "torch.amin", lambda: [mat()], {"dimm": 0})
    error("amin/empty dim", "torch.amin", lambda: [torch.randn(0, 3), 0])
    error("logsumexp/keepdim int", "Tensor.logsumexp", lambda: [mat(), 0], {"keepdim": 1})
    error("max/keepdim int", "Tensor.max", lambda: [mat(), 0], {"keepdim": 1})
    error("logsumexp/without dim", "Tensor.logsumexp", lambda: [mat()])
    error("logsumexp/without dim (function)", "torch.logsumexp", lambda: [mat()])


def reductions2_cases():
    """prod, var/std/var_mean/std_mean, all/any, count_nonzero, nansum/nanmean, norm, aminmax (reductions 2)."""
    for op in ["prod", "all", "any"]:
        error(f"{op}/dim str", f"torch.{op}", lambda: [mat(), "a"])
        error(f"{op}/dim float", f"Tensor.{op}", lambda: [mat(), 0.5])
        error(f"{op}/keepdim int", f"torch.{op}", lambda: [mat(), 0], {"keepdim": 1})
        error(f"{op}/dim out of range", f"Tensor.{op}", lambda: [mat(), 2])
        error(f"{op}/unknown keyword", f"torch.{op}", lambda: [mat()], {"bogus": 1})
    for op in ["var", "std", "var_mean", "std_mean"]:
        error(f"{op}/dim str", f"torch.{op}", lambda: [mat(), "a", 1])
        error(f"{op}/correction float", f"torch.{op}", lambda: [mat(), 0], {"correction": 0.5})
        error(f"{op}/correction without dim", f"torch.{op}", lambda: [mat()], {"correction": 0})
        error(f"{op}/unbiased str", f"torch.{op}", lambda: [mat(), "yes"])
        error(f"{op}/repeated dim", f"torch.{op}", lambda: [mat(), [0, 0]])
    error("var/method dim str", "Tensor.var", lambda: [mat(), "a", 1])
    error("count_nonzero/dim str", "torch.count_nonzero", lambda: [mat(), "a"])
    error("count_nonzero/method dim str", "Tensor.count_nonzero", lambda: [mat(), "a"])
    error("count_nonzero/dim out of range", "torch.count_nonzero", lambda: [mat(), [0, 5]])
    for op in ["nansum", "nanmean"]:
        error(f"{op}/dim str", f"torch.{op}", lambda: [mat(), "a"])
        error(f"{op}/keepdim int", f"Tensor.{op}", lambda: [mat(), 0, 1])
        error(f"{op}/too many", f"torch.{op}", lambda: [mat(), 0, True, 1])
    error("norm/p str", "torch.norm", lambda: [mat(), "abc"])
    error("norm/fro over three dims", "torch.norm", lambda: [torch.randn(2, 2, 2), "fro", [0, 1, 2]])
    error("norm/fro over a repeated dim", "torch.norm", lambda: [mat(), "fro", [0, 0]])
    error("norm/unknown keyword", "torch.norm", lambda: [mat()], {"bogus": 1})
    error("aminmax/positional dim", "torch.aminmax", lambda: [mat(), 1])
    error("aminmax/dim str", "Tensor.aminmax", lambda: [mat()], {"dim": "a"})
    error("aminmax/empty", "torch.aminmax", lambda: [torch.randn(0, 3)])
    error("aminmax/empty dim", "torch.aminmax", lambda: [torch.randn(0, 3)], {"dim": 0})


def float64_cases():
    """Operands whose dtypes differ, where PyTorch refuses rather than promotes."""
    d = torch.float64
    error("addmv/operand dtypes", "torch.addmv", lambda: [vec(2), mat(), torch.randn(3, dtype=d)])
    error("addmv/operand dtypes reversed", "torch.addmv", lambda: [vec(2), mat().double(), vec()])
    error("baddbmm/operand dtypes", "torch.baddbmm", lambda: [torch.randn(2, 2, 2), torch.randn(2, 2, 2, dtype=d), torch.randn(2, 2, 2)])
    error("addbmm/self dtype", "torch.addbmm", lambda: [torch.randn(2, 2, dtype=d), torch.randn(2, 2, 2), torch.randn(2, 2, 2)])
    error("addbmm/operand dtypes", "Tensor.addbmm", lambda: [torch.randn(2, 2), torch.randn(2, 2, 2, dtype=d), torch.randn(2, 2, 2)])
    error("cross/dtypes", "torch.cross", lambda: [torch.randn(3), torch.randn(3, dtype=d)], {"dim": 0})
    error("cdist/dtypes", "torch.cdist", lambda: [torch.randn(2, 3, dtype=d), torch.randn(2, 3)])


def einsum_cases():
    """A repeated subscript takes a diagonal: its sizes must agree."""
    error("einsum/repeated sizes differ", "torch.einsum", lambda: ["ii->i", mat()])
    error("einsum/repeated sizes differ in the second operand", "torch.einsum", lambda: ["i,jj->ij", vec(), mat()])


def inverse_cases():
    """linalg.inv's checks, and its LinAlgError for singular matrices (LAPACK's first zero pivot)."""
    error("inverse/1-D", "torch.inverse", lambda: [vec()])
    error("inverse/not square", "torch.inverse", lambda: [mat()])
    error("inverse/int64", "torch.inverse", lambda: [torch.ones(2, 2, dtype=torch.long)])
    error("inverse/zeros", "torch.inverse", lambda: [torch.zeros(2, 2)])
    error("inverse/singular after pivoting", "Tensor.inverse", lambda: [torch.tensor([[1.0, 2.0], [2.0, 4.0]])])
    error("inverse/singular batch element", "torch.inverse", lambda: [torch.stack([torch.eye(2), torch.zeros(2, 2)])])
    error("inverse/singular float64", "torch.inverse", lambda: [torch.tensor([[1.0, 2.0], [2.0, 4.0]], dtype=torch.float64)])
    error("matrix_power/singular negative", "torch.matrix_power", lambda: [torch.zeros(2, 2), -2])


def svd_cases():
    """linalg.svdvals's checks, LAPACK's refusal of NaN, and the matrix norms 'nuc', ±2 (helper svd)."""
    sv, mn = "torch.linalg.svdvals", "torch.linalg.matrix_norm"
    error("svdvals/1-D", sv, lambda: [vec()])
    error("svdvals/0-D", sv, lambda: [torch.tensor(1.0)])
    error("svdvals/int64", sv, lambda: [torch.ones(2, 2, dtype=torch.long)])
    error("svdvals/NaN", sv, lambda: [torch.tensor([[1.0, float("nan")], [0.0, 1.0]])])
    error("svdvals/NaN batch element", sv, lambda: [torch.stack([torch.eye(2), torch.full((2, 2), float("nan"))])])
    error("svdvals/NaN float64", sv, lambda: [torch.tensor([[float("nan"), 1.0, 2.0]], dtype=torch.float64)])
    error("matrix_norm/2 empty", mn, lambda: [torch.randn(0, 3), 2])
    error("matrix_norm/-2 empty columns", mn, lambda: [torch.randn(3, 0), -2])
    error("matrix_norm/nuc 1-D", mn, lambda: [vec(), "nuc"])
    error("matrix_norm/nuc int64", mn, lambda: [mat().long(), "nuc"])
    error("matrix_norm/2 same dims", mn, lambda: [mat(), 2, [0, -2]])
    error("matrix_norm/nuc NaN", mn, lambda: [torch.tensor([[1.0, float("nan")], [0.0, 1.0]]), "nuc"])
    error("norm/nuc bad string", "torch.norm", lambda: [mat(), "nucc"])
    ln = "torch.linalg.norm"
    error("linalg.norm/ord 3-D", ln, lambda: [torch.randn(2, 3, 4), 2])
    error("linalg.norm/str ord 3-D", ln, lambda: [torch.randn(2, 3, 4), "fro"])
    error("linalg.norm/three dims", ln, lambda: [torch.randn(2, 3, 4), None, [0, 1, 2]])
    error("linalg.norm/str three dims", ln, lambda: [torch.randn(2, 3, 4), "nuc", [0, 1, 2]])
    error("linalg.norm/order 3 matrix", ln, lambda: [mat(), 3])
    error("linalg.norm/nuc one dim", ln, lambda: [mat(), "nuc", 1])
    error("linalg.norm/nuc 1-D", ln, lambda: [vec(), "nuc"])
    error("linalg.norm/int64", ln, lambda: [mat().long()])


def scans_cases():
    """cumsum, cumprod, cummax, cummin, logcumsumexp and cumsum_, cumprod_ (scans)."""
    for op in ["cumsum", "cumprod", "cummax", "cummin", "logcumsumexp"]:
        error(f"{op}/without dim", f"torch.{op}", lambda: [mat()])
        error(f"{op}/method without dim", f"Tensor.{op}", lambda: [mat()])
        error(f"{op}/dim str", f"torch.{op}", lambda: [mat(), "a"])
        error(f"{op}/dim float", f"Tensor.{op}", lambda: [mat(), 0.5])
        error(f"{op}/dim out of range", f"torch.{op}", lambda: [mat(), 2])
        if op not in ("cummax", "cummin"):  # which take any dim of a 0-d tensor
            error(f"{op}/0-d dim out of range", f"torch.{op}", lambda: [torch.tensor(1.5), 1])
        error(f"{op}/too many", f"torch.{op}", lambda: [mat(), 0, True])
        error(f"{op}/unknown keyword", f"torch.{op}", lambda: [mat(), 0], {"bogus": 1})
    for op in ["cumsum", "cumprod"]:
        error(f"{op}/dtype bool", f"torch.{op}", lambda: [mat(), 0], {"dtype": torch.bool})
        error(f"{op}/dtype and a bad dim", f"torch.{op}", lambda: [mat(), 0.5], {"dtype": torch.float64})
        error(f"{op}/integer dtype with grad", f"torch.{op}", lambda: [mat(grad=True), 0], {"dtype": torch.int64})
        error(f"{op}_/without dim", f"Tensor.{op}_", lambda: [mat()])
        error(f"{op}_/dim out of range", f"Tensor.{op}_", lambda: [mat(), -3])
        error(f"{op}_/another dtype", f"Tensor.{op}_", lambda: [mat(), 0], {"dtype": torch.float64})
        error(f"{op}_/int64 dtype", f"Tensor.{op}_", lambda: [mat(), 0], {"dtype": torch.int64})
        error(f"{op}_/bool", f"Tensor.{op}_", lambda: [torch.tensor([True, False]), 0])
        accepted(f"{op}_/int32 stays int32", f"Tensor.{op}_", lambda: [torch.tensor([3, -1, 2], dtype=torch.int32), 0])
        accepted(f"{op}/int32 into int64", f"torch.{op}", lambda: [torch.tensor([3, -1, 2], dtype=torch.int32), 0])
    error("logcumsumexp/int64", "torch.logcumsumexp", lambda: [torch.tensor([1, 2]), 0])
    error("logcumsumexp/bool", "Tensor.logcumsumexp", lambda: [torch.tensor([True, False]), 0])


def sort_cases():
    """sort, argsort, topk, kthvalue, median, nanmedian, mode (sorting and order statistics)."""
    error("topk/k beyond the dim", "torch.topk", lambda: [mat(), 4])
    error("unique/dim out of range", "torch.unique", lambda: [mat()], {"dim": 2})
    error("set_grad_enabled/str", "torch.set_grad_enabled", lambda: ["x"])
    error("random_/from not below to", "Tensor.random_", lambda: [vec(), 5, 2])
    error("random_/to zero", "Tensor.random_", lambda: [vec(), 0])
    error("random_/float bound", "Tensor.random_", lambda: [vec(), 3.5])
    error("set_grad_enabled/int", "torch.set_grad_enabled", lambda: [1])
    error("unique/dim of a 0-dim tensor", "torch.unique", lambda: [torch.tensor(1.5)], {"dim": 0})
    error("unique/dim with another dim empty", "Tensor.unique", lambda: [torch.zeros(0, 3)], {"dim": 1})
    error("topk/k negative", "Tensor.topk", lambda: [mat(), -1])
    error("topk/k beyond dim 0", "torch.topk", lambda: [mat(), 3], {"dim": 0})
    error("topk/k float", "torch.topk", lambda: [mat(), 1.5])
    error("topk/bool", "torch.topk", lambda: [torch.tensor([True, False])], {"k": 1})
    error("kthvalue/k 0", "torch.kthvalue", lambda: [mat(), 0])
    error("kthvalue/k beyond the dim", "Tensor.kthvalue", lambda: [mat(), 3, 0])
    error("kthvalue/dim out of range", "torch.kthvalue", lambda: [mat(), 1, 2])
    error("kthvalue/empty dim", "torch.kthvalue", lambda: [torch.randn(2, 0), 1, 1])
    error("kthvalue/bool", "torch.kthvalue", lambda: [torch.tensor([True, False]), 1])
    error("sort/dim out of range", "torch.sort", lambda: [mat(), 2])
    error("sort/descending int", "Tensor.sort", lambda: [mat(), 0, 1])
    error("argsort/dim out of range", "torch.argsort", lambda: [mat(), -3])
    error("msort/too many", "torch.msort", lambda: [mat(), 0])
    for op in ["median", "nanmedian"]:
        error(f"{op}/dim out of range", f"torch.{op}", lambda: [mat(), 2])
        error(f"{op}/empty dim", f"Tensor.{op}", lambda: [torch.randn(3, 0), 1])
        error(f"{op}/keepdim int", f"torch.{op}", lambda: [mat(), 0, 1])
    error("median/bool", "torch.median", lambda: [torch.tensor([True, False])])
    error("median/dim bool", "torch.median", lambda: [torch.tensor([True, False]), 0])
    error("mode/dim out of range", "torch.mode", lambda: [mat(), -3])
    error("mode/empty dim", "torch.mode", lambda: [torch.randn(2, 0)])


def autograd_cases():
    leaf = lambda: [vec(1, grad=True).sum().detach().requires_grad_()]  # a 0-d leaf: backward is legal
    error("backward/gradient int", "Tensor.backward", lambda: leaf() + [2])
    error("backward/gradient float", "Tensor.backward", lambda: leaf() + [2.5])
    error("backward/gradient str", "Tensor.backward", lambda: leaf() + ["a"])
    error("backward/gradient list of int", "Tensor.backward", lambda: leaf() + [[2]])
    error("backward/retain_graph str", "Tensor.backward", leaf, {"retain_graph": "yes"})
    error("backward/retain_graph float", "Tensor.backward", leaf, {"retain_graph": 1.5})
    error("backward/create_graph null", "Tensor.backward", leaf, {"create_graph": None})
    error("backward/create_graph str", "Tensor.backward", leaf, {"create_graph": "yes"})
    error("autograd.backward/grad_tensors int", "autograd.backward", lambda: leaf() + [2])
    error("autograd.grad/retain_graph str", "autograd.grad", lambda: (lambda x: [x, [x]])(*leaf()),
          {"retain_graph": "yes"})
    error("autograd.grad/allow_unused str", "autograd.grad", lambda: (lambda x: [x, [x]])(*leaf()),
          {"allow_unused": "yes"})
    error("autograd.grad/inputs str", "autograd.grad", lambda: leaf() + ["a"])
    error("autograd.grad/grad_outputs int", "autograd.grad", lambda: (lambda x: [x, [x]])(*leaf()),
          {"grad_outputs": 2})


def loss_cases():
    x, y = lambda: torch.rand(2, 3), lambda: torch.rand(2, 3)
    logits, labels = lambda: torch.randn(2, 3), lambda: torch.tensor([0, 2])
    losses = {"mse_loss": (x, y), "l1_loss": (x, y), "binary_cross_entropy": (x, y),
              "binary_cross_entropy_with_logits": (x, y), "nll_loss": (logits, labels),
              "cross_entropy": (logits, labels)}
    for name, (a, b) in losses.items():
        error(f"{name}/reduction bogus", f"F.{name}", lambda a=a, b=b: [a(), b()], {"reduction": "bogus"})
    error("mse_loss/reduction null", "F.mse_loss", lambda: [x(), y()], {"reduction": None})
    error("l1_loss/reduction int", "F.l1_loss", lambda: [x(), y()], {"reduction": 1})
    error("nll_loss/ignore_index str", "F.nll_loss", lambda: [logits(), labels()], {"ignore_index": "a"})
    error("cross_entropy/ignore_index float", "F.cross_entropy", lambda: [logits(), labels()], {"ignore_index": 1.5})


def int64_cases():
    i64 = {"dtype": torch.int64}
    t = "torch.tensor"
    storage_limit("tensor/int64 2**31", t, [[2 ** 31]], i64, "torch.tensor([2**31], dtype=torch.int32)")
    storage_limit("tensor/int64 2**32 + 7", t, [[2 ** 32 + 7]], i64, "torch.tensor([2**32 + 7], dtype=torch.int32)")
    storage_limit("tensor/int64 -2**31 - 1", t, [[-2 ** 31 - 1]], i64, "torch.tensor([-2**31 - 1], dtype=torch.int32)")
    storage_limit("tensor/int64 3e9 as float", t, [[3e9]], i64, "torch.tensor([3e9], dtype=torch.int32)")
    storage_limit("full/int64 2**31", "torch.full", [[2], 2 ** 31], i64, "torch.full([2], 2**31, dtype=torch.int32)")
    storage_limit("full/int64 -2**40", "torch.full", [[2], -2 ** 40], i64, "torch.full([2], -2**40, dtype=torch.int32)")
    storage_limit("arange/int64 past 2**31", "torch.arange", [2 ** 31 - 1, 2 ** 31 + 1], i64,
                  "torch.tensor([2**31], dtype=torch.int32)")
    storage_limit("linspace/int64 to 2**32", "torch.linspace", [0, 2 ** 32, 3], i64,
                  "torch.tensor([2**31], dtype=torch.int32)")
    error("tensor/int64 nan", t, lambda: [[math.nan]], i64)
    error("tensor/int64 inf", t, lambda: [[math.inf]], i64)
    error("full/int64 nan", "torch.full", lambda: [[2], math.nan], i64)
    error("full/int64 -inf", "torch.full", lambda: [[2], -math.inf], i64)
    error("arange/int64 step truncates to zero", "torch.arange", lambda: [0, 3, 0.5], i64)
    accepted("tensor/int64 truncates toward zero", t, lambda: [[2.7, -2.7, 0.5]], i64)
    accepted("tensor/int64 at the int32 limits", t, lambda: [[2 ** 31 - 1, -2 ** 31]], i64)
    accepted("full/int64 truncates", "torch.full", lambda: [[2], 2.5], i64)
    accepted("arange/int64 with a float end", "torch.arange", lambda: [0, 2.5], i64)


def item_cases():
    """t.item() of a tensor without exactly one element, and so JS's conversions (+t, t < 1000, t * 2):
    PyTorch 2's RuntimeError, which its Tensor.item() raises from ATen's item(). 1.13's Python binding
    checks first and raises ValueError "only one element tensors can be converted to Python scalars";
    ATen's item() is reached in 1.13 as torch.ops.aten.item."""
    for name, make in [("item/2 elements", lambda: vec(2)), ("item/2x3", lambda: mat()),
                       ("item/0 elements", lambda: torch.zeros(0)), ("item/int64 2 elements", lambda: torch.tensor([1, 2])),
                       ("item/2 elements requiring grad", lambda: vec(2, grad=True))]:
        seeded(name)
        t = make()
        try:
            torch.ops.aten.item(t)
        except RuntimeError as e:
            ERRORS.append({"name": name, "call": "Tensor.item", "args": [enc(t)], "kwargs": {},
                           "python": "torch.ops.aten.item(t)  # PyTorch 2's t.item()",
                           "error": str(e), "error_type": type(e).__name__})
        else:
            raise AssertionError(f"{name}: expected an error")


def scalar_conversions():
    """One-element tensors as Python numbers: float(t) of a float32 tensor, int(t) of an int64 one (what
    JS's +t, t < 1000 and t * 2 see), and the autograd tutorial's loop on a one-element tensor."""
    out = {"values": []}
    for name, make in [("0-d", lambda: torch.randn(())), ("shape [1]", lambda: torch.randn(1)),
                       ("shape [1, 1, 1]", lambda: torch.randn(1, 1, 1)),
                       ("requires_grad", lambda: torch.randn(1, requires_grad=True)),
                       ("nan", lambda: torch.tensor([math.nan])), ("-inf", lambda: torch.tensor(-math.inf)),
                       ("-0", lambda: torch.tensor([-0.0])),
                       ("int64 0-d", lambda: torch.randint(-1000, 1000, ())),
                       ("int64 [1]", lambda: torch.tensor([-2 ** 31]))]:
        seeded(name)
        t = make()
        to = int if t.dtype == torch.int64 else float
        out["values"].append({"name": name, "tensor": enc_tensor(t), "python": f"{to.__name__}(t)",
                              "value": enc_value(to(t))})
    name = "tutorial loop"
    seeded(name)
    src = "y = x * 2\nsteps = 0\nwhile y.detach().pow(2).sum().sqrt() < 1000:\n    y = y * 2\n    steps += 1\n"
    x = torch.randn(3, requires_grad=True)
    ns = {"x": x}
    exec(src, ns)
    out["loop"] = {"python": src, "x": enc_tensor(x), "steps": ns["steps"], "y": enc_tensor(ns["y"])}
    return out


def second_backward():
    name = "mean(dim) backward twice"
    seeded(name)
    src = "y = x.mean(1).sum(); y.backward(retain_graph=True); y.backward()"
    x = torch.randn(2, 3, requires_grad=True)
    x0 = enc_tensor(x)
    exec(src, {"x": x})
    return {"python": src, "x": x0, "grad": enc_tensor(x.grad)}


def normdrop_cases():
    """F.group_norm's checks (F's _verify_batch_size, then ATen's) (helper normdrop)."""
    g = "F.group_norm"
    error("group_norm/channels not divisible", g, lambda: [torch.randn(2, 6, 3), 4])
    error("group_norm/weight size", g, lambda: [torch.randn(2, 6, 3), 3, torch.randn(5)])
    error("group_norm/weight 2-D", g, lambda: [torch.randn(1, 6, 2), 6, torch.randn(2, 3)])
    error("group_norm/bias size", g, lambda: [torch.randn(2, 6, 3), 3, None, torch.randn(5)])
    error("group_norm/1-D input", g, lambda: [torch.randn(6), 3])
    error("group_norm/one value per group", g, lambda: [torch.randn(1, 3), 3])
    error("group_norm/one value per group 3-D", g, lambda: [torch.randn(1, 6, 1), 6])
    error("group_norm/zero groups", g, lambda: [torch.randn(2, 3), 0])
    error("group_norm/negative groups", g, lambda: [torch.randn(2, 6), -3])
    error("group_norm/float groups", g, lambda: [torch.randn(2, 6), 2.5])
    error("group_norm/int64 input", g, lambda: [torch.ones(2, 4, dtype=torch.long), 2])
    error("group_norm/float64 weight", g, lambda: [torch.randn(2, 6), 3, torch.randn(6, dtype=torch.float64)])
    lrn = "F.local_response_norm"
    error("local_response_norm/2-D", lrn, lambda: [torch.randn(2, 3), 2])
    error("local_response_norm/size 0", lrn, lambda: [torch.randn(2, 3, 4), 0])
    error("local_response_norm/size -1", lrn, lambda: [torch.randn(2, 3, 4), -1])


def main():
    tensor_data_cases()
    binary_cases()
    unary_cases()
    keyword_cases()
    indexing_cases()
    indexing2_cases()
    creation_cases()
    generator_cases()
    dim_cases()
    reductions2_cases()
    float64_cases()
    inverse_cases()
    svd_cases()
    einsum_cases()
    scans_cases()
    sort_cases()
    autograd_cases()
    loss_cases()
    int64_cases()
    item_cases()
    normdrop_cases()
    with open(OUT, "w") as fh:
        json.dump({"generator": GENERATOR, "torch": torch.__version__, "errors": ERRORS, "accepted": ACCEPTED,
                   "second_backward": second_backward(), "scalar_conversions": scalar_conversions()},
                  fh, indent=1, allow_nan=False)
        fh.write("\n")
    print(f"arguments.json: {len(ERRORS)} errors, {len(ACCEPTED)} accepted calls")


if __name__ == "__main__":
    main()
