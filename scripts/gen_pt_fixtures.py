"""Fixtures for torch.save / torch.load (src/serialization.ts) from real PyTorch.

WHAT IT WRITES
    test/fixtures/torch_save_{mlp,cnn,transformer,dtypes,views,nested}.pt: files written by PyTorch's torch.save (the zip
    format): a trained MLP's, a trained CNN's and a trained nn.TransformerEncoderLayer's state dicts (conv, batch norm with its
    int64 num_batches_tracked; attention's in_proj and out_proj, layer norms), float64/int64/int32/bool/0-d/empty tensors, views sharing one
    storage (transposes, rows, columns, steps, offsets, an expand with a zero stride), and nested
    containers (lists, tuples, dicts with int keys, ints beyond 64 bits, floats, strings, None, bools,
    Parameters with and without requires_grad, a tensor requiring grad, one tensor held twice).
    test/fixtures/torch_save.json: each file's contents (the encoding below), each model's input and
    PyTorch's output, and hostile files (an os.system call, eval, subprocess.Popen, opcodes outside
    weights_only, appending to a dict; a truncated archive, offsets outside the file) with the error
    PyTorch raises for each (the pickle ones in PyTorch 2's words, scripts/pytorch2_compat.py).
    test/fixtures/torch_save_{mlp,cnn,transformer}.safetensors: the same three state dicts as safetensors files
    (written after the format's spec by gen_module_api_fixtures.py's writer).

THE OTHER DIRECTION
    It then runs scripts/write_torch_save_samples.ts (wasmgrad loads each file above and saves it
    again: test/fixtures/torch_save_from_wasmgrad_*.pt) and loads each of those here with
    torch.load(f, weights_only=True), checking that PyTorch gets the same objects back: dtypes,
    shapes, values, requires_grad, Parameters; and that the models from wasmgrad's files give PyTorch's
    outputs. The same for safetensors: wasmgrad loads each model's .safetensors file into its model and saves
    its state dict (test/fixtures/safetensors_from_wasmgrad_*.safetensors), which is read here (after the spec)
    into PyTorch's model and gives PyTorch's outputs. 1.13's weights_only unpickler lacks BINFLOAT (PyTorch 2 has it), so the nested file, which
    holds floats, is checked to use only PyTorch 2's weights_only opcodes and GLOBALs and then loaded
    with weights_only=False. test/torch-save.test.ts checks that wasmgrad still writes those bytes.

HOW TO RUN
    /usr/bin/python3 scripts/gen_pt_fixtures.py     (needs node_modules for tsx)
"""

import io
import json
import math
import os
import pickle
import pickletools
import struct
import subprocess
import sys
import zipfile
from collections import OrderedDict

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402
import pytorch2_compat as compat  # noqa: E402
import gen_module_api_fixtures as st_writer  # noqa: E402 -- its safetensors writer (after the spec)

OUT = base.OUT_DIR
NAMES = ["mlp", "cnn", "transformer", "dtypes", "views", "nested"]
MODELS = ["mlp", "cnn", "transformer"]


def enc(v):
    """A loaded object as JSON: tagged so ints, floats, tuples and lists, and dict key types stay apart."""
    if isinstance(v, nn.Parameter):
        return {"tensor": base.enc_tensor(v.detach(), v.requires_grad), "parameter": True}
    if isinstance(v, torch.Tensor):
        return {"tensor": base.enc_tensor(v.detach(), v.requires_grad), "parameter": False}
    if v is None:
        return None
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": v if math.isfinite(v) else str(v)}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, tuple):
        return {"tuple": [enc(x) for x in v]}
    if isinstance(v, list):
        return {"list": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[enc(k), enc(x)] for k, x in v.items()]}
    raise TypeError(type(v))


def same(a, b, path="obj"):
    """PyTorch's object a equals b: the same types, tensor dtypes, shapes, values, requires_grad and Parameter-ness."""
    assert type(a) is type(b) or (isinstance(a, dict) and isinstance(b, dict)), f"{path}: {type(a)} vs {type(b)}"
    if isinstance(a, torch.Tensor):
        assert a.dtype == b.dtype and a.shape == b.shape and a.requires_grad == b.requires_grad, path
        assert torch.equal(a.detach(), b.detach()), path
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    elif isinstance(a, dict):
        assert list(a.keys()) == list(b.keys()), path
        for k in a:
            same(a[k], b[k], f"{path}[{k!r}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), path
    else:
        assert a == b, f"{path}: {a!r} vs {b!r}"


def mlp():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))


def cnn():
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64, 3))


def transformer():
    return nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, batch_first=True)


def trained(name, make, input_shape, target_shape, lr):
    """A model trained 5 SGD steps from its seeded init (its BatchNorm's running stats and int64
    num_batches_tracked moved too), in eval mode, with an input and its output."""
    with base.seeded(f"torch_save {name}"):
        model = make()
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        data, target = torch.randn(16, *input_shape), torch.randn(16, *target_shape)
        for _ in range(5):
            opt.zero_grad()
            nn.functional.mse_loss(model(data), target).backward()
            opt.step()
        model.eval()
        x = torch.randn(5, *input_shape)
        out = model(x).detach()
        assert out.std(0).min() > 1e-2, f"{name}'s output does not depend on its input (dead ReLUs)"
        return model, x, out


def objects():
    models = {"mlp": trained("mlp", mlp, [4], [3], 0.1), "cnn": trained("cnn", cnn, [1, 8, 8], [3], 0.01),
              "transformer": trained("transformer", transformer, [5, 8], [5, 8], 0.1)}
    with base.seeded("torch_save dtypes"):
        dtypes = {
            "f32": torch.randn(2, 3), "f64": torch.randn(4, dtype=torch.float64), "i64": torch.tensor([[1, -2], [2**31 - 1, -2**31]]),
            "i32": torch.tensor([7, -8, 0], dtype=torch.int32), "bool": torch.tensor([True, False, True]),
            "scalar": torch.tensor(1.25, dtype=torch.float64), "empty": torch.zeros(0, 3),
        }
    base_t = torch.arange(24.0).reshape(4, 6)
    views = {
        "base": base_t, "t": base_t.t(), "row": base_t[2], "col": base_t[:, 3], "step": base_t[::2, 1::3],
        "narrow": base_t[1:3, 2:5], "flat_slice": base_t.view(-1)[5:11], "expand": torch.tensor([1.0, 2.0, 3.0]).expand(4, 3),
        "i64_t": torch.arange(6).reshape(2, 3).t(),
    }
    with base.seeded("torch_save nested"):
        shared = torch.randn(3)
        nested = {
            "list": [torch.randn(2), 1, 2.5, "x", None, True, False],
            "tuple": (1, (2, "three"), ()),
            "dict": {"a": {"b": torch.randn(2, 2)}},
            "int_keys": {0: "zero", 7: "seven"},
            "ints": [255, 256, 65535, 65536, -1, 2**31 - 1, -2**31, 2**40, -2**40, 2**70, -2**70],
            "floats": [-0.5, 1.5e-300, -0.0, float("inf"), float("nan")],  # not integral: wasmgrad saves an integral number as an int
            "unicode": "größe ✓",
            "param": nn.Parameter(torch.randn(2)),
            "frozen": nn.Parameter(torch.randn(2), requires_grad=False),
            "grad": torch.randn(2).requires_grad_(),
            "same": [shared, shared],
            "ordered": OrderedDict([("z", 1), ("a", 2)]),
        }
    return {**{name: models[name][0].state_dict() for name in MODELS}, "dtypes": dtypes, "views": views, "nested": nested}, models


def zip_of(records):
    """A stored zip of (name, bytes) records, as Python's zipfile writes it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in records:
            z.writestr(zipfile.ZipInfo(name), data)
    return buf.getvalue()


def with_pickle(p):
    return zip_of([("archive/data.pkl", p), ("archive/version", b"3\n")])


def hostile(valid):
    """Malformed and malicious files, each with the error torch.load(weights_only=True) raises for it."""
    cases = {
        "os_system": with_pickle(b"\x80\x02cposix\nsystem\nq\x00X\n\x00\x00\x00echo pwnedq\x01\x85q\x02Rq\x03."),
        "builtins_eval": with_pickle(b"\x80\x02cbuiltins\neval\nX\x04\x00\x00\x001+1q\x00\x85R."),
        "subprocess_popen": with_pickle(b"\x80\x02csubprocess\nPopen\n)R."),
        "opcode_inst": with_pickle(b"\x80\x02(i__main__\nX\nq\x00."),
        "protocol_4_frame": with_pickle(pickle.dumps({"a": 1}, protocol=4)),
        "append_to_dict": with_pickle(b"\x80\x02}K\x01a."),
        "truncated_archive": valid[: len(valid) // 2],
    }
    # the central directory's offset pointing past the end of the file
    bad = bytearray(valid)
    end = bad.rfind(b"PK\x05\x06")
    bad[end + 16:end + 20] = (len(valid) + 1000).to_bytes(4, "little")
    end64 = bad.rfind(b"PK\x06\x06")  # PyTorch's zip64 end record, which miniz reads first
    bad[end64 + 48:end64 + 56] = (len(valid) + 1000).to_bytes(8, "little")
    cases["central_directory_outside"] = bytes(bad)
    out = {}
    for name, data in cases.items():
        try:
            torch.load(io.BytesIO(data), weights_only=True)
        except (RuntimeError, pickle.UnpicklingError) as e:
            message = str(e)
            if isinstance(e, pickle.UnpicklingError) and "WeightsUnpickler error: " in message:
                message = compat.weights_only_message(message)
            out[name] = {"bytes": base64(data), "error": {"type": type(e).__name__, "message": message}}
        else:
            raise AssertionError(f"PyTorch loads the hostile file {name}")
    return out


def base64(b):
    import base64 as b64
    return b64.b64encode(b).decode()


def check_from_wasmgrad(objs, models):
    """wasmgrad's files load in PyTorch (weights_only=True) as the objects it read."""
    subprocess.run(["npx", "tsx", "scripts/write_torch_save_samples.ts"], cwd=base.ROOT, check=True)
    for name in NAMES:
        path = os.path.join(OUT, f"torch_save_from_wasmgrad_{name}.pt")
        with zipfile.ZipFile(path) as z:
            ops = {op.name for op, _, _ in pickletools.genops(z.read("archive/data.pkl"))}
            assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())
        assert ops <= compat.WEIGHTS_ONLY_OPCODES, ops - compat.WEIGHTS_ONLY_OPCODES
        back = torch.load(path, weights_only="BINFLOAT" not in ops)
        expected = objs[name]
        if name == "views":  # wasmgrad saves each view as its own contiguous copy
            expected = {k: v.contiguous() for k, v in expected.items()}
        same(back, expected, name)
    makers = {"mlp": mlp, "cnn": cnn, "transformer": transformer}
    for name in MODELS:
        _, x, out = models[name]
        for path, load in [(f"torch_save_from_wasmgrad_{name}.pt", lambda f: torch.load(f, weights_only=True)),
                           (f"safetensors_from_wasmgrad_{name}.safetensors", st_load)]:
            model = makers[name]().eval()
            model.load_state_dict(load(os.path.join(OUT, path)))
            assert torch.equal(model(x).detach(), out), path


ST_DTYPES = {"F32": (torch.float32, "<f"), "F64": (torch.float64, "<d"), "I64": (torch.int64, "<q"), "I32": (torch.int32, "<i"), "BOOL": (torch.bool, "<?")}


def st_load(path):
    """A safetensors file's tensors (the package is not installed here)."""
    with open(path, "rb") as fh:
        return st_load_bytes(fh.read())


def st_load_bytes(b):
    """safetensors bytes' tensors, read after the format's spec."""
    n = struct.unpack("<Q", b[:8])[0]
    header = json.loads(b[8:8 + n])
    data = b[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype, fmt = ST_DTYPES[info["dtype"]]
        lo, hi = info["data_offsets"]
        count = (hi - lo) // struct.calcsize(fmt)
        out[name] = torch.tensor(list(struct.unpack(f"<{count}{fmt[1]}", data[lo:hi])), dtype=dtype).reshape(info["shape"])
    return out


def main():
    objs, models = objects()
    for name in NAMES:
        torch.save(objs[name], os.path.join(OUT, f"torch_save_{name}.pt"))
    for name in MODELS:
        st_bytes = st_writer.save_bytes(objs[name])
        back = st_load_bytes(st_bytes)
        assert set(back) == set(objs[name]) and all(torch.equal(v, objs[name][k]) for k, v in back.items()), name
        with open(os.path.join(OUT, f"torch_save_{name}.safetensors"), "wb") as fh:
            fh.write(st_bytes)
    # the views share storages in PyTorch's file: fewer storage records than tensors
    with zipfile.ZipFile(os.path.join(OUT, "torch_save_views.pt")) as z:
        assert sum("/data/" in n for n in z.namelist()) == 3
    buf = io.BytesIO()
    torch.save(objs["mlp"], buf)
    fixture = {
        "generator": "scripts/gen_pt_fixtures.py", "torch": torch.__version__,
        "contents": {name: enc(objs[name]) for name in NAMES},
        "models": {name: {"input": base.enc_tensor(x), "output": base.enc_tensor(out)} for name, (_, x, out) in models.items()},
        "hostile": hostile(buf.getvalue()),
    }
    path = os.path.join(OUT, "torch_save.json")
    with open(path, "w") as fh:
        json.dump(fixture, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {path}")
    check_from_wasmgrad(objs, models)
    print("PyTorch loads wasmgrad's files as the objects wasmgrad read")


if __name__ == "__main__":
    main()
