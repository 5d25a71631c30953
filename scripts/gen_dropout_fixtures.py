#!/usr/bin/python3
"""gen_dropout_fixtures.py -- F.dropout, dropout1d, dropout2d, dropout3d, alpha_dropout, feature_alpha_dropout and the dropout
modules (and GroupNorm's constructor errors) in real PyTorch: test/fixtures/dropout.json, read by
test/dropout.test.ts (helper normdrop).

The masks: ATen's _dropout draws noise.bernoulli_(1 - p). Debian's PyTorch is built without MKL
(torch.backends.mkl.is_available() is False), so that scalar bernoulli_ draws one 53-bit uniform
per element from the default generator, in order, keeping u < 1 - p: reproducible after
torch.manual_seed. This script checks that before writing anything (a PyTorch with MKL draws
from an MKL stream, which wasmgrad does not reproduce).

Each case draws its input from its own torch.Generator seeded from the case name (crc32), then
calls torch.manual_seed(seed) and the function, and records the output, whether it is the input
itself (`is_input`), grad_fn, and the input's gradient for a random upstream. In-place cases run
on a clone of the leaf (in place on a leaf that requires grad is PyTorch's error, also recorded).
The large cases record only how many elements were kept, and the output's sum. `warnings` lists
the UserWarnings the call gave (dropout2d's and dropout3d's rank warnings).

HOW TO RUN
    /usr/bin/python3 scripts/gen_dropout_fixtures.py
"""
import json
import os
import sys
import warnings
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

import gen_fixtures as base  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "dropout.json")
NAN, INF = float("nan"), float("inf")

# (name, call, input shape or values, dtype, kwargs, how): how is "" (a leaf), "inplace" (a clone of
# the leaf), "ones" (an input of ones, no gradient), "large" (only the kept count and the sum)
CASES = [
    ("dropout/p 0.2", "dropout", (4, 5), "float32", {"p": 0.2}, ""),
    ("dropout/default p", "dropout", (3, 4), "float32", {}, ""),
    ("dropout/float64 p 0.3", "dropout", (3, 5), "float64", {"p": 0.3}, ""),
    ("dropout/p 0.9 3-D", "dropout", (2, 3, 4), "float32", {"p": 0.9}, ""),
    ("dropout/training false", "dropout", (2, 3), "float32", {"p": 0.5, "training": False}, ""),
    ("dropout/p 0", "dropout", (2, 3), "float32", {"p": 0.0}, ""),
    ("dropout/p 1", "dropout", (2, 3), "float32", {"p": 1.0}, ""),
    ("dropout/p 1 inf nan", "dropout", [1.5, INF, NAN, -2.0], "float32", {"p": 1.0}, ""),
    ("dropout/empty", "dropout", (0, 3), "float32", {"p": 0.5}, ""),
    ("dropout/inplace", "dropout", (3, 4), "float32", {"p": 0.4, "inplace": True}, "inplace"),
    ("dropout/inplace float64", "dropout", (5,), "float64", {"p": 0.5, "inplace": True}, "inplace"),
    ("dropout/0-d", "dropout", [2.5], "float32", {"p": 0.5}, ""),
    ("dropout/large p 0.3", "dropout", (100, 100), "float32", {"p": 0.3}, "large"),
    ("dropout/large float64 p 0.75", "dropout", (50, 200), "float64", {"p": 0.75}, "large"),
    ("dropout1d/3-D", "dropout1d", (2, 4, 3), "float32", {"p": 0.5}, ""),
    ("dropout1d/unbatched", "dropout1d", (4, 3), "float32", {"p": 0.3}, ""),
    ("dropout1d/inplace", "dropout1d", (2, 3, 2), "float32", {"p": 0.5, "inplace": True}, "inplace"),
    ("dropout1d/training false", "dropout1d", (4, 3), "float32", {"p": 0.3, "training": False}, ""),
    ("dropout2d/4-D", "dropout2d", (2, 3, 2, 2), "float32", {"p": 0.5}, ""),
    ("dropout2d/float64", "dropout2d", (3, 2, 3, 1), "float64", {"p": 0.4}, ""),
    ("dropout2d/3-D as (N, C, L)", "dropout2d", (2, 4, 3), "float32", {"p": 0.5}, ""),
    ("dropout2d/large", "dropout2d", (40, 50, 2, 3), "float32", {"p": 0.6}, "large"),
    ("dropout2d/2-D warns", "dropout2d", (3, 4), "float32", {"p": 0.5}, ""),
    ("dropout2d/inplace training false", "dropout2d", (2, 3, 2, 2), "float32", {"p": 0.3, "training": False, "inplace": True}, "inplace"),
    ("dropout2d/inplace", "dropout2d", (2, 3, 2, 2), "float32", {"p": 0.5, "inplace": True}, "inplace"),
    ("dropout3d/5-D", "dropout3d", (2, 3, 2, 1, 2), "float32", {"p": 0.5}, ""),
    ("dropout3d/3-D warns, unbatched", "dropout3d", (3, 2, 2), "float32", {"p": 0.5}, ""),
    ("dropout3d/unbatched 4-D", "dropout3d", (3, 2, 1, 2), "float32", {"p": 0.4}, ""),
    ("dropout3d/float64 inplace", "dropout3d", (2, 2, 1, 1, 3), "float64", {"p": 0.5, "inplace": True}, "inplace"),
    ("alpha_dropout/p 0.2", "alpha_dropout", (4, 5), "float32", {"p": 0.2, "training": True}, ""),
    ("alpha_dropout/float64", "alpha_dropout", (3, 4), "float64", {"p": 0.5, "training": True}, ""),
    ("alpha_dropout/default training false", "alpha_dropout", (2, 3), "float32", {"p": 0.5}, ""),
    ("alpha_dropout/p 1", "alpha_dropout", (2, 3), "float32", {"p": 1.0, "training": True}, ""),
    ("alpha_dropout/inplace", "alpha_dropout", (2, 4), "float32", {"p": 0.3, "training": True, "inplace": True}, "inplace"),
    ("feature_alpha_dropout/3-D", "feature_alpha_dropout", (3, 4, 2), "float32", {"p": 0.3, "training": True}, ""),
    ("feature_alpha_dropout/float64 4-D", "feature_alpha_dropout", (2, 3, 2, 2), "float64", {"p": 0.5, "training": True}, ""),
    ("feature_alpha_dropout/inplace", "feature_alpha_dropout", (2, 3, 2), "float32", {"p": 0.5, "training": True, "inplace": True}, "inplace"),
    ("feature_alpha_dropout/default training false", "feature_alpha_dropout", (2, 3), "float32", {"p": 0.5}, ""),
    ("alpha_dropout/large", "alpha_dropout", (200, 100), "float32", {"p": 0.1, "training": True}, "large"),
]

# (name, call, input shape, dtype, kwargs)
ERRORS = [
    ("dropout/p 1.5", "dropout", (2, 3), "float32", {"p": 1.5}),
    ("dropout/p -0.1", "dropout", (2, 3), "float32", {"p": -0.1}),
    ("dropout/p nan", "dropout", (2, 3), "float32", {"p": NAN}),
    ("dropout/int64 input", "dropout", (2, 3), "int64", {"p": 0.5}),
    ("dropout/inplace on a leaf", "dropout", (2, 3), "float32", {"p": 0.5, "inplace": True}),
    ("dropout1d/p 2.5", "dropout1d", (2, 3), "float32", {"p": 2.5}),
    ("dropout1d/4-D", "dropout1d", (2, 3, 4, 5), "float32", {"p": 0.5}),
    ("dropout1d/1-D", "dropout1d", (3,), "float32", {"p": 0.5}),
    ("dropout2d/p -1.5", "dropout2d", (2, 3, 2, 2), "float32", {"p": -1.5}),
    ("dropout2d/1-D", "dropout2d", (4,), "float32", {"p": 0.5}),
    ("alpha_dropout/p 1.25", "alpha_dropout", (2, 3), "float32", {"p": 1.25}),
    ("dropout3d/p 1.5", "dropout3d", (2, 3, 2, 2), "float32", {"p": 1.5}),
    ("feature_alpha_dropout/1-D", "feature_alpha_dropout", (4,), "float32", {"p": 0.5, "training": True}),
]

# (name, PyTorch constructor, TS constructor, input shape)
MODULES = [
    ("Dropout()", lambda: nn.Dropout(), "new nn.Dropout()", (3, 4)),
    ("Dropout(p=0.2)", lambda: nn.Dropout(p=0.2), "new nn.Dropout(0.2)", (4, 5)),
    ("Dropout(0.5, inplace=True)", lambda: nn.Dropout(0.5, inplace=True), "new nn.Dropout(0.5, true)", (2, 3)),
    ("Dropout1d(0.25)", lambda: nn.Dropout1d(0.25), "new nn.Dropout1d(0.25)", (2, 4, 3)),
    ("Dropout2d(p=0.3)", lambda: nn.Dropout2d(p=0.3), "new nn.Dropout2d({ p: 0.3 })", (2, 3, 2, 2)),
    ("AlphaDropout(0.2)", lambda: nn.AlphaDropout(0.2), "new nn.AlphaDropout(0.2)", (4, 5)),
    ("Dropout3d(0.5)", lambda: nn.Dropout3d(0.5), "new nn.Dropout3d(0.5)", (2, 2, 1, 2, 2)),
    ("FeatureAlphaDropout(p=0.4)", lambda: nn.FeatureAlphaDropout(p=0.4), "new nn.FeatureAlphaDropout({ p: 0.4 })", (3, 4, 2)),
]

# (name, PyTorch constructor, TS constructor)
MODULE_ERRORS = [
    ("Dropout(1.5)", lambda: nn.Dropout(1.5), "new nn.Dropout(1.5)"),
    ("Dropout2d(-0.5)", lambda: nn.Dropout2d(-0.5), "new nn.Dropout2d(-0.5)"),
    ("AlphaDropout(p=2.5)", lambda: nn.AlphaDropout(p=2.5), "new nn.AlphaDropout({ p: 2.5 })"),
    ("GroupNorm(4, 6)", lambda: nn.GroupNorm(4, 6), "new nn.GroupNorm(4, 6)"),
    ("GroupNorm(0, 6)", lambda: nn.GroupNorm(0, 6), "new nn.GroupNorm(0, 6)"),
]


def seed_of(name):
    return zlib.crc32(name.encode())


def draw(name, spec, dtype):
    g = torch.Generator().manual_seed(seed_of(name))
    dt = getattr(torch, dtype)
    if isinstance(spec, list):
        return torch.tensor(spec if len(spec) > 1 else spec[0], dtype=dt)
    if dt == torch.int64:
        return torch.randint(-3, 4, spec, generator=g)
    return torch.randn(spec, generator=g, dtype=dt)


def enc(t):
    return base.enc_tensor(t.detach(), requires_grad=False)


def run(name, call, spec, dtype, kwargs, how):
    leaf = draw(name, spec, dtype)
    if how == "large":
        leaf = torch.ones(spec, dtype=getattr(torch, dtype))
    leaf.requires_grad_(how != "large")
    x = leaf.clone() if how == "inplace" else leaf
    seed = seed_of(name) % 100000
    torch.manual_seed(seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = getattr(F, call)(x, **kwargs)
    c = {"name": name, "call": call, "kwargs": kwargs, "how": how, "seed": seed,
         "warnings": [str(w.message) for w in caught]}
    if how == "large":  # the input is ones: its shape and dtype say it
        c.update({"shape": list(spec), "dtype": dtype, "kept": int((out != 0).sum()), "sum": float(out.double().sum())})
        return c
    c["input"] = enc(leaf)
    c.update({"output": enc(out), "is_input": out is x, "grad_fn": type(out.grad_fn).__name__ if out.grad_fn else None})
    if out.requires_grad:
        upstream = torch.randn(out.shape, generator=torch.Generator().manual_seed(seed), dtype=out.dtype)
        (g,) = torch.autograd.grad((out * upstream).sum(), [leaf])
        c.update({"upstream": enc(upstream), "input_grad": enc(g)})
    return c


def error(name, call, spec, dtype, kwargs):
    x = draw(name, spec, dtype)
    if dtype != "int64":
        x.requires_grad_()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            getattr(F, call)(x, **kwargs)
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        return {"name": name, "call": call, "kwargs": {k: base.enc_value(v) for k, v in kwargs.items()}, "input": enc(x), "requires_grad": x.requires_grad,
                "error_type": type(e).__name__, "error": str(e)}
    raise AssertionError(f"{name}: PyTorch accepted it")


def module_case(name, make, ts, shape):
    m = make()
    x = draw(name, shape, "float32")
    seed = seed_of(name) % 100000
    torch.manual_seed(seed)
    out = m(x.clone())
    m.eval()
    return {"name": name, "ts": ts, "repr": repr(m), "seed": seed, "input": enc(x), "output": enc(out),
            "eval_is_input": m(x) is x}


def module_error(name, make, ts):
    try:
        make()
    except Exception as e:  # noqa: BLE001
        return {"name": name, "ts": ts, "error_type": type(e).__name__, "error": str(e)}
    raise AssertionError(f"{name}: PyTorch accepted it")


def check_stream():
    """The premise: dropout's scalar bernoulli_ is torch.rand's float64 stream compared with 1 - p."""
    assert not torch.backends.mkl.is_available(), "this PyTorch draws scalar bernoulli_ through MKL: other masks"
    torch.manual_seed(7)
    mask = F.dropout(torch.ones(1000), 0.3) != 0
    torch.manual_seed(7)
    assert torch.equal(mask, torch.rand(1000, dtype=torch.float64) < 0.7)


def main():
    check_stream()
    fix = {"generator": "scripts/gen_dropout_fixtures.py", "torch": torch.__version__,
           "cases": [run(*c) for c in CASES], "errors": [error(*e) for e in ERRORS],
           "modules": [module_case(*m) for m in MODULES], "module_errors": [module_error(*m) for m in MODULE_ERRORS]}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['cases'])} cases, {len(fix['errors'])} errors, "
          f"{len(fix['modules'])} modules, {len(fix['module_errors'])} module errors")


if __name__ == "__main__":
    main()
