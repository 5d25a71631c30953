#!/usr/bin/python3
"""F.conv1d / F.conv2d at the shapes around the wasm device's direct-loop rule (assembly/ops/conv.ts,
docs/design.md "Convolution on the wasm device": float32, stride 1; the forward and the input gradient
take kernels/conv_direct.ts up to 576 taps per output while the padded image fits 16384 floats per
group, the forward at any size up to 36 taps, the weight gradient up to 36 taps; the rest im2col and
the packed gemm), in real PyTorch: test/fixtures/conv_direct.json, read by test/conv-direct.test.ts.

HOW TO RUN
    /usr/bin/python3 scripts/gen_conv_direct_fixtures.py

Each case is (name, input shapes, kwargs, dtype): its inputs are drawn in the
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

# name, x shape, w shape, bias?, kwargs, dtype, (unused: the path comes from wasm_paths)
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
    # past 36 taps (h-cnn): the input gradient as the transposed convolution's direct forward, the
    # weight gradient over rows as wide as the padded image
    ("cnn-conv2", [2, 16, 14, 14], [32, 16, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("odd-channels-45-taps", [2, 5, 7, 9], [7, 5, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("groups-54-taps", [2, 12, 6, 7], [6, 6, 3, 3], True, {"groups": 2, "padding": [1, 0]}, "float32", "direct"),
    ("padding-past-dilated-kernel", [1, 5, 6, 5], [4, 5, 3, 3], True, {"dilation": 2, "padding": 5}, "float32", "direct"),
    ("wide-kernel-dilated", [2, 6, 7, 8], [3, 6, 2, 5], True, {"dilation": [2, 1], "padding": [1, 3]}, "float32", "direct"),
    ("inf-nan-input-54-taps", [1, 6, 5, 6], [3, 6, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("inf-upstream-54-taps", [1, 6, 5, 6], [5, 6, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("many-outputs-180-back-taps", [2, 3, 6, 6], [20, 3, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("conv1d-48-taps", [2, 16, 10], [5, 16, 3], True, {"padding": 1}, "float32", "direct"),
    ("stride-2-72-taps", [1, 8, 9, 9], [4, 8, 3, 3], True, {"stride": 2, "padding": 1}, "float32", "gemm"),
    ("float64-144-taps", [1, 16, 6, 6], [4, 16, 3, 3], True, {"padding": 1}, "float64", "gemm"),
    # the rule's limits: 576 taps, 16384 floats of padded image per group
    ("576-taps", [1, 64, 4, 5], [3, 64, 3, 3], True, {"padding": 1}, "float32", "direct"),
    ("585-taps", [1, 65, 4, 5], [3, 65, 3, 3], True, {"padding": 1}, "float32", "mixed"),
    ("720-input-gradient-taps", [1, 2, 5, 5], [80, 2, 3, 3], True, {"padding": 1}, "float32", "mixed"),
    ("image-past-16384-floats", [1, 16, 33, 33], [2, 16, 3, 3], True, {"padding": 1}, "float32", "mixed"),
    ("image-at-16384-floats", [1, 16, 30, 30], [2, 16, 3, 3], True, {"padding": 1}, "float32", "direct"),
    # transposed convolutions at stride 1 (their forward is the input-gradient path)
    ("transpose-dilated-output-padding", [2, 6, 5, 5], [6, 4, 3, 3], True,
     {"padding": 1, "output_padding": 1, "dilation": 2, "_fn": "conv_transpose2d"}, "float32", "direct"),
    ("transpose-groups", [2, 4, 5, 6], [4, 3, 3, 2], True, {"padding": [2, 0], "groups": 2, "_fn": "conv_transpose2d"}, "float32", "direct"),
]


def wasm_paths(xs, ws, kwargs, dtype):
    """The wasm paths of (forward, input gradient, weight gradient) by ops/conv.ts's rule."""
    nd = len(xs) - 2
    pair = lambda v: list(v) if isinstance(v, (list, tuple)) else [v] * nd
    stride, pad, dil, groups = pair(kwargs.get("stride", 1)), pair(kwargs.get("padding", 0)), pair(kwargs.get("dilation", 1)), kwargs.get("groups", 1)
    ks = ws[2:]
    if "_fn" in kwargs:  # a transposed convolution: its forward is the input-gradient product
        fwd, dx, dw = wasm_paths_plain(dtype, stride, pad, dil, groups, ks, [ws[1] * groups, ws[0]], xs[2:], kwargs)
        return dx, fwd, dw
    return wasm_paths_plain(dtype, stride, pad, dil, groups, ks, [xs[1], ws[0]], xs[2:], kwargs)


def wasm_paths_plain(dtype, stride, pad, dil, groups, ks, chans, size_in, kwargs):
    C, O = chans  # the convolution's own input and output channels
    if "_fn" in kwargs:  # size_in is the transposed op's input, the convolution's output
        size_out = size_in
        size_in = [(o - 1) * s - 2 * p + d * (k - 1) + 1 + op for o, s, p, d, k, op in
                   zip(size_out, stride, pad, dil, ks, [kwargs.get("output_padding", 0)] * len(ks))]
    else:
        size_out = [(i + 2 * p - d * (k - 1) - 1) // s + 1 for i, s, p, d, k in zip(size_in, stride, pad, dil, ks)]
    one = all(k == 1 for k in ks) and all(p == 0 for p in pad)
    if dtype != "float32" or any(s != 1 for s in stride) or one:
        return "gemm", "gemm", "gemm"
    taps = lambda ch: ch // groups * prod(ks)
    image = lambda ch, size: ch // groups * prod([n + d * (k - 1) for n, d, k in zip(size, dil, ks)])
    fwd = taps(C) <= 36 or (taps(C) <= 576 and image(C, size_out) <= 16384)
    dx = taps(O) <= 576 and image(O, size_in) <= 16384
    return ("direct" if fwd else "gemm"), ("direct" if dx else "gemm"), ("direct" if taps(C) <= 36 else "gemm")


def prod(v):
    out = 1
    for n in v:
        out *= n
    return out


def ts_call(nd, bias, kwargs):
    opts = ", ".join(f"{k}: {json.dumps(v)}" for k, v in kwargs.items() if k != "_fn")
    fn = "F." + kwargs.get("_fn", "conv2d" if nd == 4 else "conv1d")
    return f"{fn}(a, b, {'c' if bias else 'null'}{', { ' + opts + ' }' if opts else ''})"


def main():
    cases = []
    for name, xs, ws, has_bias, kwargs, dtype, _ in CASES:
        with base.seeded(f"conv_direct/{name}"):
            dt = getattr(torch, dtype)
            x = torch.randn(xs, dtype=dt)
            if name.startswith("inf-nan-input"):
                x[0, 0, 0, 1] = float("inf")
                x[0, -1, 2, 3] = float("nan")
                x[0, 0, 4, 5] = float("-inf")
            w = torch.randn(ws, dtype=dt)
            out_ch = ws[1] * kwargs.get("groups", 1) if "_fn" in kwargs else ws[0]
            b = torch.randn([out_ch], dtype=dt) if has_bias else None
            inputs = [t.requires_grad_() for t in [x, w, b] if t is not None]
            fn = getattr(F, kwargs.get("_fn", "conv2d" if len(xs) == 4 else "conv1d"))
            out = fn(x, w, b, **{k: v for k, v in kwargs.items() if k != "_fn"})
            up = torch.randn(out.shape, dtype=dt)
            if name == "inf-upstream-54-taps":
                up[0, 1, 2, 3] = float("inf")
            grads = torch.autograd.grad(out, inputs, up, allow_unused=True)
        cases.append({
            "name": name, "path": "/".join(wasm_paths(xs, ws, kwargs, dtype)), "ts": ts_call(len(xs), has_bias, kwargs),
            "inputs": [base.enc_tensor(t) for t in inputs], "output": base.enc_tensor(out, False),
            "upstream": base.enc_tensor(up, False), "grads": [base.enc_tensor(g, False) for g in grads],
        })
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
