#!/usr/bin/python3
"""
gen_format_fixtures.py -- extra golden strings for src/format.ts, produced by REAL PyTorch.

HOW TO RUN
    /usr/bin/python3 scripts/gen_format_fixtures.py

Needs the system interpreter's torch (Debian python3-torch 1.13); another python3 that
cannot `import torch` re-executes this script with /usr/bin/python3.

Output: test/fixtures/format.json. Each case draws its tensor right after
torch.manual_seed(zlib.crc32(name)), so adding a case never changes another's values;
"numbers" come from their own torch.Generator seeded with 1.

format.json = { "generator", "torch",
  "cases":  [CASE, ...]     edge cases beyond ops.json's "repr" list
  "exprs":  [CASE + {"expr"}]  the tensors behind ops.json's {"expr": ...} repr entries,
                            re-evaluated here so the test can feed their data to formatTensor
  "numbers": [NUM, ...]     Python's float formatting of single float32 values
  "grad_fns": [{ "method", "args", "python", "repr" }]   repr(x.<method>(*args).grad_fn) for
                            x = torch.tensor([1.5, -0.5], requires_grad=True), without " at 0x…" }
CASE = { "name", "tensor": TENS, "suffixes": [str, ...], "str": str(t) }
       suffixes are what PyTorch appends for autograd: ["grad_fn=<MulBackward0>"],
       ["requires_grad=True"] or [] (size=/dtype= of empty tensors are NOT included:
       formatTensor derives those itself)
TENS = { "shape", "dtype": "float32" | "int64", "data": [flat values; "nan"/"inf"/"-inf"] }
NUM  = { "value": float32 value as exact Python float, "f4": '{:.4f}', "f0": '{:.0f}',
         "e4": '{:.4e}' }
"""
import json
import math
import os
import re
import sys
import zlib

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "format.json")
OPS = os.path.join(ROOT, "test", "fixtures", "ops.json")

f = lambda v: torch.tensor(v, dtype=torch.float32)
i = lambda v: torch.tensor(v, dtype=torch.int64)
nan, inf = float("nan"), float("inf")


def enc_value(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def enc_tensor(t):
    return {
        "shape": list(t.shape),
        "dtype": {torch.float32: "float32", torch.int64: "int64"}[t.dtype],
        "data": [enc_value(v) for v in t.detach().reshape(-1).tolist()],
    }


def autograd_suffixes(t):
    if t.grad_fn is not None:
        return [f"grad_fn=<{type(t.grad_fn).__name__}>"]
    return ["requires_grad=True"] if t.requires_grad else []


def case(name, make):
    """str(t) of t = make(), drawn after torch.manual_seed(zlib.crc32(name))."""
    torch.manual_seed(zlib.crc32(name.encode()))
    t = make()
    return {"name": name, "tensor": enc_tensor(t), "suffixes": autograd_suffixes(t), "str": str(t)}


def edge_cases():
    c = []
    # Python rounds exact ties half-to-even; JS toFixed/toExponential round them up.
    c.append(case("fixed tie k/32", lambda: f([0.03125, 0.09375, 1.5, -0.15625])))
    c.append(case("sci tie integer", lambda: f([123465.0, 1.5])))
    c.append(case("int-mode sci tie", lambda: f([123465.0, 1.0, -234575.0])))
    c.append(case("sci rounding carry", lambda: f([9.99995e-5, 1.0])))
    c.append(case("fixed rounding carry", lambda: f([9.99996, 0.5])))
    c.append(case("2.5e-5 and 5e-5", lambda: f([2.5e-5, 5e-5, 0.5])))
    c.append(case("0.00015 fixed", lambda: f([0.00015, 1.0])))
    # thresholds of sci mode
    c.append(case("ratio exactly 1000 int", lambda: f([1.0, 1000.0])))
    c.append(case("ratio above 1000 int", lambda: f([1.0, 1001.0])))
    c.append(case("ratio exactly 1000 frac", lambda: f([0.5, 500.0])))
    c.append(case("max exactly 1e8 int", lambda: f([1e8, 3e7])))
    c.append(case("max above 1e8 int", lambda: f([2e8, 3e7])))
    c.append(case("min 1e-4", lambda: f([1e-4, 0.5])))
    c.append(case("min 2e-4", lambda: f([2e-4, 0.05])))
    c.append(case("big fixed", lambda: f([12345678.5, 99999.25])))
    # zeros and non-finite values
    c.append(case("all zeros", lambda: f([0.0, 0.0, 0.0])))
    c.append(case("negative zero fixed", lambda: f([-0.0, 1.5])))
    c.append(case("zeros in sci", lambda: f([0.0, 1e-5, -0.0])))
    c.append(case("all nan", lambda: f([nan, nan])))
    c.append(case("infs only", lambda: f([inf, -inf])))
    c.append(case("nan and zero", lambda: f([nan, 0.0])))
    c.append(case("inf in sci", lambda: f([inf, 1e-6, -2.5e7])))
    c.append(case("extremes", lambda: f([3.4028234663852886e38, 1e-45, -1.1754943508222875e-38])))
    # 0-d
    c.append(case("0-d nan", lambda: f(nan)))
    c.append(case("0-d -inf", lambda: f(-inf)))
    c.append(case("0-d -0", lambda: f(-0.0)))
    c.append(case("0-d zero", lambda: f(0.0)))
    c.append(case("0-d large", lambda: f(123456789.0)))
    c.append(case("0-d int64 negative", lambda: i(-42)))
    c.append(case("0-d int64 large", lambda: i(2147483647)))
    # shapes
    c.append(case("column", lambda: f([[1.5], [-2.0], [3.25]])))
    c.append(case("1x1x1", lambda: f([[[7.0]]])))
    c.append(case("3-d int64", lambda: i([[[1, 2], [3, 4]], [[5, 6], [7, -8]]])))
    c.append(case("5-d", lambda: torch.randn(2, 1, 2, 1, 2)))
    # empty tensors
    c.append(case("empty 0x3", lambda: torch.zeros(0, 3)))
    c.append(case("empty 2x0x4", lambda: torch.zeros(2, 0, 4)))
    c.append(case("empty int64", lambda: i([])))
    c.append(case("empty int64 3x0", lambda: torch.zeros(3, 0, dtype=torch.int64)))
    c.append(case("empty requires_grad", lambda: torch.zeros(0, 3, requires_grad=True)))
    # line wrapping
    c.append(case("wrap int64", lambda: torch.arange(0, 40)))
    c.append(case("wrap sci", lambda: torch.randn(15) * 1e5))
    c.append(case("wrap 3-d rows", lambda: torch.randn(2, 2, 14)))
    c.append(case("wide int64 rows", lambda: torch.arange(-1000000, -999970).reshape(2, 15)))
    # suffixes that no longer fit on the last line move to the next one
    c.append(case("suffix wraps", lambda: torch.randn(8, requires_grad=True)))
    c.append(case("suffix fits", lambda: torch.randn(7, requires_grad=True)))
    c.append(case("grad_fn suffix multiline", lambda: torch.randn(3, 8, requires_grad=True) * 2))
    c.append(case("grad_fn long name", lambda: torch.randn(8, requires_grad=True).log_softmax(0)))
    # summarization (> 1000 elements)
    c.append(case("summarized 3-d first dim", lambda: torch.arange(0, 1400, dtype=torch.float32).reshape(7, 10, 20)))
    c.append(case("summarized 4-d", lambda: torch.randn(8, 2, 9, 10)))
    c.append(case("summarized column", lambda: torch.randn(1200, 1)))
    c.append(case("summarized narrow rows", lambda: torch.randn(501, 2)))
    c.append(case("summarized int64 2-d", lambda: torch.arange(0, 2100).reshape(70, 30) - 1000))
    c.append(case("summarized width ignores hidden", lambda: torch.cat([f([1.5]), torch.full((1000,), 123456.0), f([2.5])])))
    c.append(case("summarized with requires_grad", lambda: torch.randn(1001, requires_grad=True)))
    # random values at several scales
    for scale in (1e-6, 1e-3, 1.0, 50.0, 1e4, 1e9):
        c.append(case(f"randn * {scale:g}", lambda: torch.randn(3, 5) * scale))
    c.append(case("randint floats", lambda: torch.randint(-500, 500, (4, 6)).float()))
    c.append(case("k/32 ties", lambda: torch.randint(-4000, 4000, (6, 6)).float() / 32))
    assert len({x["name"] for x in c}) == len(c), "names seed the cases, so they are unique"
    return c


def expr_cases():
    with open(OPS) as fh:
        reprs = json.load(fh)["repr"]
    out = []
    for r in reprs:
        if "expr" in r:
            out.append({"expr": r["expr"], **case(r["expr"], lambda: eval(r["expr"], {"torch": torch}))})
    return out


def number_cases():
    g = torch.Generator().manual_seed(1)
    vals = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.03125, 0.00005, 2.5e-5, 123465.0, 9.99995, 1e-45, 3.4e38]
    vals += (torch.randn(300, generator=g) * 10 ** torch.randint(-8, 9, (300,), generator=g).float()).tolist()
    vals += (torch.randint(-2 ** 20, 2 ** 20, (200,), generator=g).float() / 2 ** torch.randint(0, 12, (200,), generator=g).float()).tolist()
    vals += torch.randint(10000, 999999, (100,), generator=g).float().mul(5).tolist()
    vals = torch.tensor(vals, dtype=torch.float32).tolist()
    return [{"value": v, "f4": "{:.4f}".format(v), "f0": "{:.0f}".format(v), "e4": "{:.4e}".format(v)} for v in vals]


def grad_fn_reprs():
    """repr(y.grad_fn) for y = x.<method>(*args), x = torch.tensor([1.5, -0.5], requires_grad=True);
    without Python's " at 0x…" (the node's address, which JS has no counterpart of)."""
    out = []
    for method, args in [("add", [1]), ("mul", [2]), ("sub", [0.5]), ("div", [4]), ("pow", [2]), ("exp", []),
                         ("sigmoid", []), ("tanh", []), ("relu", []), ("sum", []), ("mean", []), ("neg", [])]:
        x = torch.tensor([1.5, -0.5], requires_grad=True)
        node = getattr(x, method)(*args).grad_fn
        out.append({"method": method, "args": args, "python": f"x.{method}({', '.join(map(repr, args))}).grad_fn",
                    "repr": re.sub(r" at 0x[0-9a-f]+>$", ">", repr(node))})
    return out


def main():
    obj = {"generator": "scripts/gen_format_fixtures.py", "torch": torch.__version__,
           "cases": edge_cases(), "exprs": expr_cases(), "numbers": number_cases(), "grad_fns": grad_fn_reprs()}
    with open(OUT, "w") as fh:
        json.dump(obj, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"format.json: {len(obj['cases'])} cases, {len(obj['exprs'])} exprs, "
          f"{len(obj['numbers'])} numbers, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
