"""Scenario fixtures: small PyTorch programs recorded by name (gen_inplace_fixtures.py,
gen_function_fixtures.py), each a function of its `inputs` dict returning what it reports.
The test of each runs the same program under the same name (test/support/scenarios.ts).

A result is { "error": { "type", "message" } } when the program raises, else what it
reports (tensors in gen_fixtures.py's encoding, lists of them, plain values), plus "inputs":
the tensors it was given. Each scenario seeds torch's generator from its own name (crc32).
"""

import json
import os

import torch

import gen_fixtures as base


def _enc(v):
    if isinstance(v, torch.Tensor):
        return base.enc_tensor(v.detach(), requires_grad=False)
    if isinstance(v, list):
        return [_enc(e) for e in v]
    return v


class Scenarios:
    def __init__(self, generator, filename):
        self.generator, self.filename, self.results = generator, filename, {}

    def __call__(self, fn):
        """The decorator: runs fn inside seeded(name); records what it returns, or the error it raises."""
        with base.seeded(fn.__name__):
            inputs = {}
            try:
                result = {k: _enc(v) for k, v in fn(inputs).items()}
            except Exception as e:  # noqa: BLE001 (the error is the fixture)
                result = {"error": {"type": type(e).__name__, "message": str(e)}}
            result["inputs"] = {k: _enc(v) for k, v in inputs.items()}
        self.results[fn.__name__] = result
        return fn

    def write(self, **extra):
        """Writes the fixture; `extra` keys go beside "scenarios" (a warning's text, ...)."""
        out = {"generator": self.generator, "torch": torch.__version__, "scenarios": self.results, **extra}
        path = os.path.join(base.OUT_DIR, self.filename)
        with open(path, "w") as fh:
            json.dump(out, fh, separators=(",", ":"), allow_nan=False)
            fh.write("\n")
        print(f"wrote {path}: {len(self.results)} scenarios")


def given(inputs, name, t):
    """An input of a scenario: recorded in the fixture (as it is now: the program may change
    t in place), so the test uses the same values."""
    inputs[name] = t.clone()
    return t
