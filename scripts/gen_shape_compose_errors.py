"""Bad calls of the shape ops PyTorch composes from others (src/ops/shape_compose.ts):
movedim/moveaxis, swapaxes/swapdims, unflatten, broadcast_to, hstack/vstack.

Output: test/fixtures/shape_compose_errors.json = {"generator", "torch", "errors": [ERROR, ...]},
ERROR = {"name", "call", "args", "kwargs", "type", "message"} as in table.json's errors
(test/shape-compose-errors.test.ts runs each on both devices). Inputs are seeded by the case name.
"""

import json
import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the seeding and the argument encoding)

OUT = os.path.join(base.OUT_DIR, "shape_compose_errors.json")

# (name, call, shape of the tensor argument or None, the other arguments)
CASES = [
    ("movedim/lengths differ", "torch.movedim", [2, 3], [[0, 1], [0]]),
    ("movedim/repeated source", "torch.movedim", [2, 3], [[0, 0], [0, 1]]),
    ("movedim/repeated destination", "torch.movedim", [2, 3], [[0, 1], [1, 1]]),
    ("movedim/source out of range", "torch.movedim", [2, 3], [3, 0]),
    ("movedim/destination out of range", "torch.movedim", [2, 3], [0, -3]),
    ("moveaxis/lengths differ", "torch.moveaxis", [2, 3], [[0], [0, 1]]),
    ("swapaxes/out of range", "torch.swapaxes", [2, 3], [0, 2]),
    ("swapdims/out of range", "Tensor.swapdims", [2, 3], [-3, 0]),
    ("unflatten/sizes do not multiply", "torch.unflatten", [2, 6], [1, [4, 2]]),
    ("unflatten/two inferred", "Tensor.unflatten", [2, 6], [1, [-1, -1]]),
    ("unflatten/empty sizes", "torch.unflatten", [2, 6], [1, []]),
    ("unflatten/dim out of range", "torch.unflatten", [2, 6], [2, [1]]),
    ("unflatten/inferred does not divide", "torch.unflatten", [2, 6], [1, [4, -1]]),
    ("broadcast_to/mismatch", "torch.broadcast_to", [2, 3], [[4, 3, 2]]),
    ("broadcast_to/too few sizes", "Tensor.broadcast_to", [2, 3], [[3]]),
    ("hstack/empty", "torch.hstack", None, [[]]),
    ("vstack/empty", "torch.vstack", None, [[]]),
    ("hstack/sizes differ", "torch.hstack", "pair", [[2, 3], [3, 1]]),
    ("vstack/sizes differ", "torch.vstack", "pair", [[3], [2, 2]]),
]


def main():
    errors = []
    for name, call, shape, rest in CASES:
        with base.seeded(name):
            if shape == "pair":
                args = [base.L(base.randn(*s) for s in rest)]
            elif shape is None:
                args = [base.L(rest[0])]
            else:
                args = [base.randn(*shape)] + rest
            try:
                base.resolve(call)(*args)
            except Exception as e:  # noqa: BLE001 -- the exception is the fixture
                errors.append({"name": name, "call": call, "args": [base.enc_arg(a) for a in args], "kwargs": {},
                               "type": type(e).__name__, "message": str(e)})
                continue
            raise AssertionError(f"{name}: PyTorch accepted {call}")
    with open(OUT, "w") as fh:
        json.dump({"generator": "scripts/gen_shape_compose_errors.py", "torch": torch.__version__, "errors": errors}, fh, indent=1)
        fh.write("\n")
    print(f"wrote {OUT}: {len(errors)} errors")


if __name__ == "__main__":
    main()
