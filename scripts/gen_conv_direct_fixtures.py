#!/usr/bin/python3
"""F.conv1d / F.conv2d at the shapes around the wasm device's direct-loop rule (assembly/ops/conv.ts:
float32, stride 1, at most 36 taps per output take kernels/conv_direct.ts; the rest im2col and the
packed gemm), in real PyTorch: test/fixtures/conv_direct.json, read by test/conv-direct.test.ts.

HOW TO RUN
    /usr/bin/python3 scripts/gen_conv_direct_fixtures.py

Each case is (name, input shapes, kwargs, the path the rule picks): its inputs are drawn in the
case's own seeded() scope; the fixture holds them, the output, a random upstream gradient and the
gradients of input, weight and bias. Edge cases: padding wider than the kernel (outputs made of
padding only), widths that end mid-block, a lone last output channel, ±inf and NaN inputs.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import gen_fixtures as base  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "conv_direct.json")

# name, x shape, w shape, bias?, kwargs, dtype, the path the rule picks on wasm
CASES = [
    ("cnn-conv1", [2, 1, 28, 28], [8, 1, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("tail-width-dilation", [2, 2, 5, 7], [5, 2, 3, 3], True, {"padding": 2, "dilation": 2}, "float32", "direct"),
    ("groups-three-per-group", [2, 4, 6, 9], [6, 2, 3, 3], True, {"groups": 2, "padding": [0, 1]}, "float32", "direct"),
    ("wide-kernel", [2, 1, 6, 11], [3, 1, 2, 5], False, {"padding": [1, 2]}, "float32", "direct"),
    ("column-kernel", [2, 1, 7, 6], [1, 1, 3, 1], True, {}, "float32", "direct"),
    ("padding-past-kernel", [1, 1, 4, 4], [2, 1, 3, 3], True, {"padding": 3}, "float32", "direct"),
    ("dilation-asymmetric", [1, 3, 9, 8], [4, 3, 2, 3], True, {"dilation": [3, 1], "padding": [2, 0]}, "float32", "direct"),
    ("thirty-six-taps", [2, 4, 8, 8], [5, 4, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("depthwise", [2, 3, 5, 6], [6, 1, 3, 3], True, {"groups": 3, "padding": 1}, "float32", "direct"),
    ("conv1d", [2, 3, 10], [4, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("inf-nan-input", [1, 1, 5, 6], [3, 1, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("empty-batch", [0, 1, 5, 5], [2, 1, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("forty-five-taps", [2, 5, 6, 6], [3, 5, 3, 3], True, {"padding": 1}, "float32", "gemm"),
    ("stride-2", [2, 1, 9, 9], [4, 1, 3, 3], True, {"stride": 2, "padding": 1}, "float32", "gemm"),
    ("stride-1-2", [2, 1, 7, 9], [3, 1, 3, 3], True, {"stride": [1, 2]}, "float32", "gemm"),
    ("one-by-one", [2, 3, 4, 5], [4, 3, 1, 1], True, {}, "float32", "gemm"),
    ("one-by-one-padded", [1, 2, 3, 3], [2, 2, 1, 1], True, {"padding": 1}, "float32", "direct"),
    ("float64", [2, 1, 6, 6], [4, 1, 3, 3], True, {"padding": 1}, "float64", "gemm"),
]


def ts_call(nd, bias, kwargs):
    opts = ", ".join(f"{k}: {json.dumps(v)}" for k, v in kwargs.items())
    fn = "F.conv2d" if nd == 4 else "F.conv1d"
    return f"{fn}(a, b, {'c' if bias else 'null'}{', { ' + opts + ' }' if opts else ''})"


def main():
    cases = []
    for name, xs, ws, has_bias, kwargs, dtype, path in CASES:
        with base.seeded(f"conv_direct/{name}"):
            dt = getattr(torch, dtype)
            x = torch.randn(xs, dtype=dt)
            if name == "inf-nan-input":
                x[0, 0, 0, 1] = float("inf")
                x[0, 0, 2, 3] = float("nan")
                x[0, 0, 4, 5] = float("-inf")
            w = torch.randn(ws, dtype=dt)
            b = torch.randn([ws[0]], dtype=dt) if has_bias else None
            inputs = [t.requires_grad_() for t in [x, w, b] if t is not None]
            out = (F.conv2d if len(xs) == 4 else F.conv1d)(x, w, b, **kwargs)
            up = torch.randn(out.shape, dtype=dt)
            grads = torch.autograd.grad(out, inputs, up, allow_unused=True)
        cases.append({
            "name": name, "path": path, "ts": ts_call(len(xs), has_bias, kwargs),
            "inputs": [base.enc_tensor(t) for t in inputs], "output": base.enc_tensor(out, False),
            "upstream": base.enc_tensor(up, False), "grads": [base.enc_tensor(g, False) for g in grads],
        })
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
