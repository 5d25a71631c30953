"""binary_cross_entropy's range check (all elements of input in [0, 1]; a NaN or an inf fails it, as
ATen's kernel checks (x >= 0) && (x <= 1)), made on the device (src/nn/functional.ts): a bad element at
the start, inside a 256-element block of the SIMD check, in its tail, after the first block; float32
and float64; and inputs at the ends of the range (0, −0, 1), which pass.

Output: test/fixtures/bce_range_errors.json = {"generator", "torch", "errors": [ERROR, ...], "values": [VALUE, ...]},
ERROR = {"name", "call", "args", "kwargs", "type", "message"} as shape_compose_errors.json's,
VALUE = {"name", "call", "args", "kwargs", "out"} (test/bce-range.test.ts runs each on both devices).
Inputs are seeded by the case name.
"""

import json
import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the seeding and the argument encoding)

OUT = os.path.join(base.OUT_DIR, "bce_range_errors.json")
NAN, INF = float("nan"), float("inf")

# (name, length, dtype, {position: value}): the rest uniform in (0, 1)
CASES = [
    ("NaN first", 3, torch.float32, {0: NAN}),
    ("NaN inside a block", 300, torch.float32, {100: NAN}),
    ("NaN in the tail", 259, torch.float32, {258: NAN}),
    ("above 1 after the first block", 600, torch.float32, {513: 1.0000001}),
    ("below 0 in the last block", 1024, torch.float32, {1023: -1e-30}),
    ("inf", 5, torch.float32, {2: INF}),
    ("-inf inside a block", 512, torch.float32, {300: -INF}),
    ("float64 NaN", 7, torch.float64, {6: NAN}),
    ("float64 above 1", 300, torch.float64, {299: 1 + 2 ** -52}),
    ("ends of the range", 261, torch.float32, {0: 0.0, 1: -0.0, 2: 1.0, 256: 1.0, 260: 0.0}),
    ("float64 ends of the range", 5, torch.float64, {0: 0.0, 3: -0.0, 4: 1.0}),
]


def main():
    errors, values = [], []
    for name, n, dtype, at in CASES:
        name = f"binary_cross_entropy/{name}"
        with base.seeded(name):
            x = base.uniform(0.01, 0.99, n, grad=False).to(dtype)
            t = base.uniform(0, 1, n, grad=False).to(dtype)
        for k, v in at.items():
            x[k] = v
        args = [x, t]
        call = "F.binary_cross_entropy"
        try:
            out = base.resolve(call)(*args)
        except Exception as e:  # noqa: BLE001 -- the exception is the fixture
            errors.append({"name": name, "call": call, "args": [base.enc_arg(a) for a in args], "kwargs": {},
                           "type": type(e).__name__, "message": str(e)})
            continue
        values.append({"name": name, "call": call, "args": [base.enc_arg(a) for a in args], "kwargs": {}, "out": base.enc_out(out)})
    with open(OUT, "w") as fh:
        json.dump({"generator": "scripts/gen_bce_range_errors.py", "torch": torch.__version__, "errors": errors, "values": values}, fh, indent=1)
        fh.write("\n")
    print(f"wrote {OUT}: {len(errors)} errors, {len(values)} values")


if __name__ == "__main__":
    main()
