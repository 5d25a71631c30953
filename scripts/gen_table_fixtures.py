#!/usr/bin/python3
"""
gen_table_fixtures.py -- PyTorch's outputs, gradients and argument errors for every op of
wasmgrad's op table (src/ops/table.ts) that has a PyTorch front end.

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_table_fixtures.py

Input: scripts/table_cases.generated.json and scripts/table_schemas.generated.json, which
scripts/gen_ops.ts writes from the table (npm run build). A case lists its call and its
tensor inputs as {shape, domain} (drawn here) or {values, shape} (the edge points).

Output: test/fixtures/table.json = { "generator", "torch", "cases": [CASE, ...],
"errors": [ERROR, ...] }, read by test/table-ops.test.ts.
  CASE   the case format of ops.json (see scripts/gen_fixtures.py, whose case builder
         this script reuses)
  ERROR  {"name", "call", "args", "kwargs", "type", "message"}: a call every schema
         should refuse -- a str for each parameter (by position and by keyword), an
         unknown keyword, one positional argument too many, nothing at all -- and
         PyTorch's exception

Each case seeds torch's generator from its own name (crc32), so a new op or case never
changes another's inputs.

PyTorch 2 semantics: 1.13 names the Tensor base class `_TensorBase` in "takes no arguments"
errors; PyTorch 2 calls it `TensorBase`, and so does this file (docs/api.md).
"""

import json
import math
import os
import re
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
import torch.nn.functional as F  # noqa: F401

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the case builder and the tensor encoding)
import index_spec  # noqa: E402,F401  (Tensor.__getitem_spec__: x.index([...]) as x[...])

GENERATOR = "scripts/gen_table_fixtures.py"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(base.OUT_DIR, "table.json")




def number(v):
    return float(v) if isinstance(v, str) else v


def draw(spec):
    if "values" in spec:
        vals = [number(v) for v in spec["values"]]
        n = math.prod(spec["shape"])
        if "dtype" in spec:  # an index or a mask: no gradient
            return torch.tensor(vals, dtype=getattr(torch, spec["dtype"])).reshape(spec["shape"])
        return torch.tensor(vals[:n] if len(vals) >= n else vals, dtype=torch.float32).reshape(spec["shape"]).requires_grad_()
    shape, domain = spec["shape"], spec["domain"]
    if domain == "any":
        return base.randn(*shape)
    if domain == "positive":
        return base.pos(*shape)
    if domain == "unit":
        return base.uniform(-0.9, 0.9, *shape)
    if domain == "ge1":
        return base.uniform(1.1, 3.0, *shape)
    if domain == "nonzero":
        return base.signed(*shape)
    if domain == "prob":
        return base.uniform(0.05, 0.95, *shape)
    raise ValueError(domain)


# compositions of table ops (hand-written front ends: src/nn/functional.ts, torch.square)
COMPOSITES = ["F.relu6", "F.softsign", "F.tanhshrink", "torch.square", "Tensor.square"]
# 16 points: PyTorch's vectorized kernels take 8 floats at a time and its scalar loop the rest,
# and the two disagree at some points (hardtanh's gradient at NaN): a multiple of 8 keeps every
# point on the vectorized path, which is what real tensors take (docs/api.md)
EDGES = [-math.inf, -7.0, -6.0, -3.0, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 3.0, 5.0, 6.0, 7.0, math.inf, math.nan]


def op_cases(table):
    cases = []
    for call in COMPOSITES:
        name = call.split(".")[1] + ("/method" if call.startswith("Tensor.") else "")
        for suffix, spec in [("function", {"shape": [3, 4], "domain": "any"}), ("edges", {"values": EDGES, "shape": [len(EDGES)]})]:
            with base.seeded(f"{name}/{suffix}"):
                cases.append(base.run_case(f"{name}/{suffix}", "elementwise", call, [draw(spec)]))
    with base.seeded("softmin/dim 1"):
        cases.append(base.run_case("softmin/dim 1", "softmax", "F.softmin", [base.randn(3, 4), 1]))
    # no node, not differentiable: nonzero and F.one_hot (src/ops/indexing2.ts)
    nan = float("nan")
    for name, call, args, kwargs in [
        ("nonzero/2-D nan", "torch.nonzero", [torch.tensor([[0.0, 1.5, 0.0], [nan, -0.0, -2.0]])], {}),
        ("nonzero/as_tuple", "Tensor.nonzero", [torch.tensor([[0.0, 1.0], [2.0, 0.0], [0.0, 3.0]])], {"as_tuple": True}),
        ("nonzero/0-dim", "torch.nonzero", [torch.tensor(3.0)], {}),
        ("nonzero/0-dim as_tuple", "torch.nonzero", [torch.tensor(3.0)], {"as_tuple": True}),
        ("nonzero/none", "torch.nonzero", [torch.zeros(2, 2)], {}),
        ("nonzero/int64", "torch.nonzero", [torch.tensor([0, 4, 0, -1])], {}),
        ("one_hot/inferred", "F.one_hot", [torch.tensor([[0, 2], [1, 1]])], {}),
        ("one_hot/num_classes", "F.one_hot", [torch.tensor([3, 0])], {"num_classes": 5}),
        ("one_hot/empty", "F.one_hot", [torch.tensor([], dtype=torch.long), 3], {}),
    ]:
        with base.seeded(name):
            cases.append(base.run_case(name, "shape", call, args, kwargs))
    # compositions of views, unsqueezes, expands and cats (src/ops/indexing2.ts); with several
    # outputs only the first is backpropagated, so the tensors it does not read need no gradient
    for name, call, make, kwargs in [
        ("atleast_1d/0-dim", "torch.atleast_1d", lambda: [base.randn()], {}),
        ("atleast_1d/several", "torch.atleast_1d", lambda: [base.randn(), base.randn(2, grad=False)], {}),
        ("atleast_2d/1-D", "torch.atleast_2d", lambda: [base.randn(3)], {}),
        ("atleast_2d/0-dim list", "torch.atleast_2d", lambda: [base.L([base.randn(), base.randn(2, 2, grad=False)])], {}),
        ("atleast_3d/0-dim", "torch.atleast_3d", lambda: [base.randn()], {}),
        ("atleast_3d/1-D", "torch.atleast_3d", lambda: [base.randn(3)], {}),
        ("atleast_3d/2-D", "torch.atleast_3d", lambda: [base.randn(2, 3)], {}),
        ("dstack/1-D", "torch.dstack", lambda: [base.L([base.randn(3), base.randn(3)])], {}),
        ("dstack/2-D and 3-D", "torch.dstack", lambda: [base.L([base.randn(2, 3), base.randn(2, 3, 2)])], {}),
        ("column_stack/mixed", "torch.column_stack", lambda: [base.L([base.randn(3), base.randn(3, 2), base.randn(3)])], {}),
        ("column_stack/0-dim", "torch.column_stack", lambda: [base.L([base.randn(), base.randn()])], {}),
        ("broadcast_tensors/two", "torch.broadcast_tensors", lambda: [base.randn(3), base.randn(2, 1, grad=False)], {}),
        ("broadcast_tensors/three", "torch.broadcast_tensors", lambda: [base.randn(2, 1, 1), base.randn(3, 1, grad=False), base.randn(4, grad=False)], {}),
        ("meshgrid/ij", "torch.meshgrid", lambda: [base.randn(3), base.randn(2, grad=False)], {"indexing": "ij"}),
        ("meshgrid/xy", "torch.meshgrid", lambda: [base.randn(3), base.randn(2, grad=False), base.randn(4, grad=False)], {"indexing": "xy"}),
        ("meshgrid/0-dim", "torch.meshgrid", lambda: [base.randn(), base.randn(2, grad=False)], {"indexing": "ij"}),
    ]:
        with base.seeded(name):
            cases.append(base.run_case(name, "shape", call, make(), kwargs))
    for entry in table["ops"]:
        for c in entry["cases"]:
            with base.seeded(c["name"]):
                # a list of tensor specs is a list of tensors (hstack's, cat's argument; an index
                # with tensors in it)
                args = [draw(a) if isinstance(a, dict)
                        else base.L(draw(x) if isinstance(x, dict) else x for x in a)
                        if isinstance(a, list) and any(isinstance(x, dict) for x in a)
                        else float(a) if a in ("nan", "inf", "-inf")  # a non-finite number argument
                        else a for a in c["args"]]
                case = base.run_case(c["name"], c.get("family", "elementwise"), c["call"], args,
                                     c.get("kwargs", {}), c.get("grads", True))
            case["op"] = entry["op"]
            cases.append(case)
    return cases


def params_of(schema):
    inner = re.match(r"^[\w.]+\((.*)\) -> .+$", schema).group(1)
    out = []
    for part in inner.split(", "):
        if part == "*":
            continue
        m = re.match(r"^(\S+) (\w+)(?:=(.+))?$", part)
        out.append({"type": m.group(1), "name": m.group(2), "required": m.group(3) is None})
    return out


def error_cases(schemas):
    errors = []

    def record(name, call, args, kwargs):
        with base.seeded(name):
            real = [base.randn(3) if a == "x" else a for a in args]
            fn = base.resolve(call)
            try:
                fn(*real, **kwargs)
            except Exception as e:  # noqa: BLE001 -- the exception is the fixture
                message = str(e).replace("_TensorBase.", "TensorBase.")
                errors.append({"name": name, "call": call, "args": [base.enc_arg(a) for a in real],
                               "kwargs": {k: base.enc_arg(v) for k, v in kwargs.items()},
                               "type": type(e).__name__, "message": message})
                return
        raise AssertionError(f"{name}: PyTorch accepted {call}{tuple(args)} {kwargs}")

    for s in schemas:
        call, params = s["call"], params_of(s["schemas"][0])
        name = call.split(".")[1]
        required = [p for p in params if p["required"]]
        given = ["x" if p["type"] == "Tensor" else 0.5 for p in required]
        record(f"{name}/input-str", call, ["a"] + given[1:], {})
        record(f"{name}/missing", call, [], {})
        record(f"{name}/unknown-keyword", call, given, {"bogus": 1})
        record(f"{name}/too-many", call, given + [0.5] * (len(params) - len(given) + 1), {})
        for i, p in enumerate(params[1:], start=1):
            if p["name"] == "inplace":
                continue  # F's Python wrappers read it by truthiness: wasmgrad takes a bool (docs/api.md)
            if p["type"] == "Tensor":
                record(f"{name}/{p['name']}-str", call, given[:i] + ["a"] + given[i + 1:], {})
                continue
            kw = {q["name"]: 0.5 for q in required[1:] if q["name"] != p["name"]}
            record(f"{name}/{p['name']}-str-keyword", call, ["x"], {**kw, p["name"]: "a"})
        # "method": false also for overloaded methods, where PyTorch's parser words the error in
        # ways its schemas do not predict (x.round(1): "takes from 1 to 0 positional arguments")
        if s["method"]:
            args = ["x", "a"] if len(params) > 1 else ["x", 1]
            record(f"{name}/method-extra", "Tensor." + name, args, {})
    return errors


def main():
    with open(os.path.join(HERE, "table_cases.generated.json")) as fh:
        table = json.load(fh)
    with open(os.path.join(HERE, "table_schemas.generated.json")) as fh:
        schemas = json.load(fh)
    out = {"generator": GENERATOR, "torch": torch.__version__,
           "cases": op_cases(table), "errors": error_cases(schemas)}
    with open(OUT, "w") as fh:
        json.dump(out, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {OUT}: {len(out['cases'])} cases, {len(out['errors'])} errors")


if __name__ == "__main__":
    main()
