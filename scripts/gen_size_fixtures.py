#!/usr/bin/env python3
"""Write test/fixtures/sizes.json from real PyTorch, for test/sizes.test.ts.

Every size and dim argument of the creation and shape functions, given bad
values (fractional, NaN, ±inf, negative, 2**31, 2**32, 2**53): PyTorch's
exception type and message, or, where PyTorch accepts the size but wasmgrad's
storage cannot address it (4-byte elements in 32-bit memory), the byte count
wasmgrad must refuse in PyTorch's out-of-memory style.

Each call runs first on the meta device, which allocates nothing, so a size
PyTorch accepts is never allocated here; only a call the meta device refuses
is re-run on the CPU for its exact message (without the device keyword, which
PyTorch's messages would otherwise quote). Each case's inputs come from
torch.manual_seed(zlib.crc32(name)), so adding a case changes no other.

Usage (Debian's python3-torch lives under the system interpreter):
    /usr/bin/python3 scripts/gen_size_fixtures.py
"""
import json
import math
import os
import sys
import warnings
import zlib

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "sizes.json")
GENERATOR = "scripts/gen_size_fixtures.py"
ELEMENT_BYTES = 4  # wasmgrad stores float32 (and int64 as int32) in 4 bytes
MAX_NUMEL = 0x3FFFFFFF  # Limits.MaxNumel in abi/abi.ts: what 32-bit memory addresses
NAN, INF = float("nan"), float("inf")
BAD_SIZES = [2.5, NAN, INF, -INF, -1, -2, 2**31, 2**32, 2**32 + 5, 2**53]
BAD_DIMS = [2.5, NAN, INF, -INF, -3, 2**31, 2**32, 2**53]
CASES = []
CREATION = {"zeros", "ones", "rand", "randn", "full", "eye", "linspace", "arange"}


def enc(a):
    """The ARG encoding of scripts/gen_argument_fixtures.py, which test/support/error_cases.ts decodes."""
    if isinstance(a, torch.Tensor):
        return {"tensor": {"shape": list(a.shape), "dtype": "float32",
                           "data": a.reshape(-1).tolist(), "requires_grad": False}}
    if isinstance(a, (list, tuple)):
        items = [enc(x) for x in a]
        plain = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in items)
        return items if plain else {"list": items}
    if isinstance(a, float) and not math.isfinite(a):
        return {"number": "nan" if math.isnan(a) else "inf" if a > 0 else "-inf"}
    if isinstance(a, float) and a.is_integer():
        return int(a)  # a JS number that is integral is an int to wasmgrad
    return a


def to_meta(a):
    if isinstance(a, torch.Tensor):
        return a.to("meta")
    if isinstance(a, list) and a and isinstance(a[0], torch.Tensor):
        return [to_meta(x) for x in a]
    return a


def resolve(call):
    ns, name = call.split(".")
    if ns == "torch":
        return getattr(torch, name), name in CREATION
    if ns == "nn":
        return getattr(torch.nn, name), True
    return (lambda self, *a: getattr(self, name)(*a)), False


def case(name, call, make_args):
    torch.manual_seed(zlib.crc32(name.encode()))
    args = make_args()
    fn, takes_device = resolve(call)
    rec = {"name": name, "call": call, "args": [enc(a) for a in args]}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if takes_device:
                out = fn(*args, device="meta")
            else:
                out = fn(*[to_meta(a) for a in args])
    except Exception as meta_error:  # noqa: BLE001 -- re-run on the CPU for the exact message
        assert "meta" not in str(meta_error).lower(), (name, meta_error)
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
            rec["error"], rec["error_type"] = str(e), type(e).__name__
        else:
            raise AssertionError(f"{name}: refused on meta ({meta_error}) but not on the CPU")
    else:
        tensors = [out.weight] if isinstance(out, torch.nn.Module) else [out]
        numel = max(t.numel() for t in tensors)
        rec["shape"] = list(tensors[0].shape)
        if numel > MAX_NUMEL:
            rec["oom_bytes"] = str(numel * ELEMENT_BYTES)  # beyond 2**53: exact only as text
    CASES.append(rec)


def x23():
    return torch.randn(2, 3)


def creation_cases():
    for v in BAD_SIZES:
        for fn in ["zeros", "ones", "rand", "randn"]:
            case(f"{fn}/[{v}]", f"torch.{fn}", lambda: [[v]])
            case(f"{fn}/[2, {v}]", f"torch.{fn}", lambda: [[2, v]])
            case(f"{fn}/varargs {v}", f"torch.{fn}", lambda: [v])
            case(f"{fn}/varargs 2, {v}", f"torch.{fn}", lambda: [2, v])
        case(f"full/[{v}]", "torch.full", lambda: [[v], 1.5])
        case(f"full/[3, {v}]", "torch.full", lambda: [[3, v], 1.5])
        case(f"eye/n={v}", "torch.eye", lambda: [v])
        case(f"eye/n=2, m={v}", "torch.eye", lambda: [2, v])
        case(f"linspace/steps={v}", "torch.linspace", lambda: [0.0, 1.0, v])
        case(f"arange/end={v}", "torch.arange", lambda: [v])
        case(f"arange/start={v}", "torch.arange", lambda: [v, 3])
        case(f"Linear/in_features={v}", "nn.Linear", lambda: [v, 3])
        case(f"Linear/out_features={v}", "nn.Linear", lambda: [3, v])
    case("zeros/[2**31, 2**31]", "torch.zeros", lambda: [[2**31, 2**31]])
    case("eye/n=2**31", "torch.eye", lambda: [2**31])
    case("arange/step=0", "torch.arange", lambda: [0, 3, 0])
    for v in [NAN, INF, -INF, 1e-300, 2.5, -1]:
        case(f"arange/step={v}", "torch.arange", lambda: [0, 3, v])


def shape_cases():
    for v in BAD_SIZES:
        case(f"view/[{v}]", "Tensor.view", lambda: [x23(), [v]])
        case(f"view/varargs {v}, 3", "Tensor.view", lambda: [x23(), v, 3])
        case(f"reshape/[{v}]", "Tensor.reshape", lambda: [x23(), [v]])
        case(f"reshape/[2, {v}]", "Tensor.reshape", lambda: [x23(), [2, v]])
        case(f"expand/[{v}]", "Tensor.expand", lambda: [torch.randn(1), [v]])
        case(f"expand/[2, {v}]", "Tensor.expand", lambda: [torch.randn(1), [2, v]])
        case(f"expand/[{v}, 3]", "Tensor.expand", lambda: [torch.randn(3), [v, 3]])
    case("expand/[2**32 + 1]", "Tensor.expand", lambda: [torch.randn(1), [2**32 + 1]])
    case("expand/eye(-1) to [3, -1, -1]", "Tensor.expand", lambda: [torch.randn(0, 0), [3, -2, -1]])
    for v in BAD_DIMS:
        case(f"squeeze/dim={v}", "Tensor.squeeze", lambda: [x23(), v])
        case(f"unsqueeze/dim={v}", "Tensor.unsqueeze", lambda: [x23(), v])
        case(f"transpose/dim1={v}", "Tensor.transpose", lambda: [x23(), 0, v])
        case(f"permute/[0, {v}]", "Tensor.permute", lambda: [x23(), [0, v]])
        case(f"permute/[{v}, 0]", "Tensor.permute", lambda: [x23(), [v, 0]])
        case(f"flatten/start_dim={v}", "Tensor.flatten", lambda: [x23(), v])
        case(f"sum/dim={v}", "Tensor.sum", lambda: [x23(), v])
        case(f"sum/dim=[0, {v}]", "Tensor.sum", lambda: [x23(), [0, v]])
        case(f"mean/dim=[0, {v}]", "Tensor.mean", lambda: [x23(), [0, v]])
        case(f"softmax/dim={v}", "torch.softmax", lambda: [x23(), v])
        case(f"cat/dim={v}", "torch.cat", lambda: [[x23(), x23()], v])
        case(f"stack/dim={v}", "torch.stack", lambda: [[x23(), x23()], v])


def main():
    creation_cases()
    shape_cases()
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique (they seed the inputs)"
    with open(OUT, "w") as fh:
        json.dump({"generator": GENERATOR, "torch": torch.__version__, "cases": CASES}, fh,
                  indent=1, allow_nan=False)
        fh.write("\n")
    kinds = {}
    for c in CASES:
        k = c.get("error_type", "oom")
        kinds[k] = kinds.get(k, 0) + 1
    print(f"sizes.json: {len(CASES)} cases {kinds}")


if __name__ == "__main__":
    main()
