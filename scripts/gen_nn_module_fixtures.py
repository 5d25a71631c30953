#!/usr/bin/env python3
"""torch.nn modules of the normalization-and-embedding slice (helper nnnorm) in real PyTorch:
test/fixtures/nn_modules.json, read by test/nn-modules.test.ts.

Each case builds a module after torch.manual_seed(seed) (so default initialisation is compared
exactly), records repr(module), named_parameters, named_buffers, the output for an input drawn
after the build (in training mode, then again in eval mode when the module has one), the
gradients of the input and every parameter for a random upstream, and the buffers after the
forward (BatchNorm's running statistics). The TS side builds the same module from `ts`, the
constructor call written in TypeScript.

Run with /usr/bin/python3 (the system interpreter has torch)."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
from torch import nn  # noqa: E402

import gen_fixtures as base  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "nn_modules.json")

# (name, seed, PyTorch constructor, TS constructor, input shape or int64 values, target)

def sorted_sets(message):
    """A message that prints a Python set of strings ({'valid', 'same'}), its items sorted: the set's
    order follows Python's per-process string hashing, so PyTorch itself prints either order."""
    return re.sub(r"\{('[^{}]*')\}", lambda m: "{" + ", ".join(sorted(m.group(1).split(", "))) + "}", message)


CASES = [
    ("LayerNorm(4)", 0, lambda: nn.LayerNorm(4), "new nn.LayerNorm(4)", (3, 4)),
    ("LayerNorm([3, 4], eps=1e-3, elementwise_affine=False)", 1,
     lambda: nn.LayerNorm([3, 4], eps=1e-3, elementwise_affine=False),
     "new nn.LayerNorm([3, 4], { eps: 1e-3, elementwise_affine: false })", (2, 3, 4)),
    ("LayerNorm(6) float64", 2, lambda: nn.LayerNorm(6).double(), "new nn.LayerNorm(6, { dtype: 'float64' })", (2, 6)),
    ("Embedding(10, 3)", 3, lambda: nn.Embedding(10, 3), "new nn.Embedding(10, 3)", ("idx", [[1, 2, 4], [9, 0, 4]])),
    ("Embedding(5, 4, padding_idx=0)", 4, lambda: nn.Embedding(5, 4, padding_idx=0),
     "new nn.Embedding(5, 4, { padding_idx: 0 })", ("idx", [0, 3, 0, 2])),
    ("Embedding(20, 16, padding_idx=-1)", 5, lambda: nn.Embedding(20, 16, padding_idx=-1),
     "new nn.Embedding(20, 16, { padding_idx: -1 })", ("idx", [19, 3])),
    ("BatchNorm1d(3)", 6, lambda: nn.BatchNorm1d(3), "new nn.BatchNorm1d(3)", (4, 3)),
    ("BatchNorm1d(2, momentum=0.3, affine=False)", 7, lambda: nn.BatchNorm1d(2, momentum=0.3, affine=False),
     "new nn.BatchNorm1d(2, { momentum: 0.3, affine: false })", (3, 2, 5)),
    ("BatchNorm2d(3, eps=1e-3)", 8, lambda: nn.BatchNorm2d(3, eps=1e-3), "new nn.BatchNorm2d(3, { eps: 1e-3 })", (2, 3, 2, 2)),
    ("BatchNorm1d(3) float64", 9, lambda: nn.BatchNorm1d(3).double(), "new nn.BatchNorm1d(3, { dtype: 'float64' })", (5, 3)),
    ("Identity()", 10, lambda: nn.Identity(), "new nn.Identity()", (2, 3)),
    ("Flatten()", 11, lambda: nn.Flatten(), "new nn.Flatten()", (2, 3, 2)),
    ("Flatten(0, 1)", 12, lambda: nn.Flatten(0, 1), "new nn.Flatten(0, 1)", (2, 3, 2)),
    ("Unflatten(1, (2, 3))", 13, lambda: nn.Unflatten(1, (2, 3)), "new nn.Unflatten(1, [2, 3])", (4, 6)),
    ("Tanh()", 14, lambda: nn.Tanh(), "new nn.Tanh()", (2, 3)),
    ("GELU(approximate='tanh')", 15, lambda: nn.GELU(approximate="tanh"), "new nn.GELU({ approximate: 'tanh' })", (2, 3)),
    ("SiLU()", 16, lambda: nn.SiLU(), "new nn.SiLU()", (2, 3)),
    ("ELU(alpha=0.5)", 17, lambda: nn.ELU(alpha=0.5), "new nn.ELU({ alpha: 0.5 })", (2, 3)),
    ("LeakyReLU(0.2)", 18, lambda: nn.LeakyReLU(0.2), "new nn.LeakyReLU(0.2)", (2, 3)),
    ("Softmax(dim=1)", 19, lambda: nn.Softmax(dim=1), "new nn.Softmax(1)", (2, 3)),
    ("LogSoftmax(dim=-1)", 20, lambda: nn.LogSoftmax(dim=-1), "new nn.LogSoftmax(-1)", (2, 3)),
    ("Softplus(beta=2)", 21, lambda: nn.Softplus(beta=2), "new nn.Softplus({ beta: 2 })", (2, 3)),
    ("Sequential(Embedding, LayerNorm, Flatten, Linear)", 22,
     lambda: nn.Sequential(nn.Embedding(6, 4), nn.LayerNorm(4), nn.Flatten(), nn.Linear(8, 2)),
     "new nn.Sequential(new nn.Embedding(6, 4), new nn.LayerNorm(4), new nn.Flatten(), new nn.Linear(8, 2))",
     ("idx", [[1, 5], [0, 3], [2, 2]])),
    # group normalization (helper normdrop)
    ("GroupNorm(2, 6)", 23, lambda: nn.GroupNorm(2, 6), "new nn.GroupNorm(2, 6)", (3, 6, 4)),
    ("GroupNorm(3, 3, eps=1e-3, affine=False)", 24, lambda: nn.GroupNorm(3, 3, eps=1e-3, affine=False),
     "new nn.GroupNorm(3, 3, { eps: 1e-3, affine: false })", (2, 3, 2, 2)),
    ("GroupNorm(1, 4) float64", 25, lambda: nn.GroupNorm(1, 4).double(), "new nn.GroupNorm(1, 4, { dtype: 'float64' })", (2, 4, 3)),
    # local response normalization, BatchNorm3d (helper normdrop)
    ("LocalResponseNorm(3)", 26, lambda: nn.LocalResponseNorm(3), "new nn.LocalResponseNorm(3)", (2, 5, 3)),
    ("LocalResponseNorm(2, alpha=1e-3, beta=0.5, k=2.0)", 27, lambda: nn.LocalResponseNorm(2, alpha=1e-3, beta=0.5, k=2.0),
     "new nn.LocalResponseNorm(2, { alpha: 1e-3, beta: 0.5, k: 2 })", (2, 4, 2, 3)),
    ("BatchNorm3d(3)", 28, lambda: nn.BatchNorm3d(3), "new nn.BatchNorm3d(3)", (2, 3, 2, 2, 2)),
    ("BatchNorm3d(2, momentum=0.2, affine=False) float64", 29, lambda: nn.BatchNorm3d(2, momentum=0.2, affine=False).double(),
     "new nn.BatchNorm3d(2, { momentum: 0.2, affine: false, dtype: 'float64' })", (3, 2, 1, 2, 2)),
    # transposed convolutions (helper convt); a sixth entry: forward's further arguments (output_size)
    ("ConvTranspose2d(3, 4, 3)", 40, lambda: nn.ConvTranspose2d(3, 4, 3), "new nn.ConvTranspose2d(3, 4, 3)", (2, 3, 4, 4)),
    ("ConvTranspose2d(4, 6, (3, 2), stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=(1, 2))", 41,
     lambda: nn.ConvTranspose2d(4, 6, (3, 2), stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=(1, 2)),
     "new nn.ConvTranspose2d(4, 6, [3, 2], { stride: 2, padding: 1, output_padding: 1, groups: 2, bias: false, dilation: [1, 2] })",
     (1, 4, 3, 3)),
    ("ConvTranspose2d(2, 3, 3, stride=2, padding=1) output_size=[8, 8]", 42, lambda: nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1),
     "new nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1 })", (2, 2, 4, 4), [[8, 8]]),
    ("ConvTranspose2d(2, 3, 3, stride=2, padding=1) output_size=[2, 3, 8, 7]", 43, lambda: nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1),
     "new nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1 })", (2, 2, 4, 4), [[2, 3, 8, 7]]),
    ("ConvTranspose1d(4, 2, 4, stride=2)", 44, lambda: nn.ConvTranspose1d(4, 2, 4, stride=2),
     "new nn.ConvTranspose1d(4, 2, 4, { stride: 2 })", (3, 4, 5)),
    ("ConvTranspose1d(2, 2, 3, stride=3, dilation=2) unbatched output_size=[14]", 45, lambda: nn.ConvTranspose1d(2, 2, 3, stride=3, dilation=2),
     "new nn.ConvTranspose1d(2, 2, 3, { stride: 3, dilation: 2 })", (2, 4), [[14]]),
    ("Unfold(2, padding=1)", 46, lambda: nn.Unfold(2, padding=1), "new nn.Unfold(2, { padding: 1 })", (2, 3, 4, 4)),
    ("Fold((4, 5), (2, 3), stride=2)", 47, lambda: nn.Fold((4, 5), (2, 3), stride=2), "new nn.Fold([4, 5], [2, 3], { stride: 2 })", (2, 12, 4)),
    # pooling 2 (helper pool2)
    ("MaxPool3d(2)", 60, lambda: nn.MaxPool3d(2), "new nn.MaxPool3d(2)", (1, 2, 4, 4, 4)),
    ("MaxPool3d((1, 2, 3), stride=1, padding=(0, 1, 1), dilation=2, ceil_mode=True)", 61,
     lambda: nn.MaxPool3d((1, 2, 3), stride=1, padding=(0, 1, 1), dilation=2, ceil_mode=True),
     "new nn.MaxPool3d([1, 2, 3], { stride: 1, padding: [0, 1, 1], dilation: 2, ceil_mode: true })", (1, 2, 3, 6, 7)),
    ("AvgPool3d(2)", 62, lambda: nn.AvgPool3d(2), "new nn.AvgPool3d(2)", (2, 2, 4, 4, 4)),
    ("AvgPool3d((1, 2, 3), stride=(1, 1, 2), padding=(0, 1, 1), ceil_mode=True, count_include_pad=False, divisor_override=3)", 63,
     lambda: nn.AvgPool3d((1, 2, 3), stride=(1, 1, 2), padding=(0, 1, 1), ceil_mode=True, count_include_pad=False, divisor_override=3),
     "new nn.AvgPool3d([1, 2, 3], { stride: [1, 1, 2], padding: [0, 1, 1], ceil_mode: true, count_include_pad: false, divisor_override: 3 })",
     (1, 2, 3, 5, 6)),
    ("AdaptiveAvgPool1d(3)", 64, lambda: nn.AdaptiveAvgPool1d(3), "new nn.AdaptiveAvgPool1d(3)", (2, 3, 7)),
    ("AdaptiveMaxPool1d(3)", 65, lambda: nn.AdaptiveMaxPool1d(3), "new nn.AdaptiveMaxPool1d(3)", (2, 3, 7)),
    ("AdaptiveMaxPool2d((2, None))", 66, lambda: nn.AdaptiveMaxPool2d((2, None)), "new nn.AdaptiveMaxPool2d([2, null])", (2, 3, 5, 4)),
    ("LPPool1d(2, 3)", 67, lambda: nn.LPPool1d(2, 3), "new nn.LPPool1d(2, 3)", (2, 3, 7)),
    ("LPPool1d(3, 3, stride=2, ceil_mode=True)", 68, lambda: nn.LPPool1d(3, 3, stride=2, ceil_mode=True),
     "new nn.LPPool1d(3, 3, { stride: 2, ceil_mode: true })", (2, 3, 8)),
    ("LPPool2d(2, (2, 3))", 69, lambda: nn.LPPool2d(2, (2, 3)), "new nn.LPPool2d(2, [2, 3])", (1, 2, 4, 6)),
    ("LPPool2d(3, 2, stride=1) float64", 70, lambda: nn.LPPool2d(3, 2, stride=1), "new nn.LPPool2d(3, 2, { stride: 1 })", (1, 2, 4, 4)),
    # padding_mode (helper conv3d): F.pad in the mode, then the convolution without padding
    ("Conv2d(2, 3, 3, padding=1, padding_mode='reflect')", 80, lambda: nn.Conv2d(2, 3, 3, padding=1, padding_mode="reflect"),
     "new nn.Conv2d(2, 3, 3, { padding: 1, padding_mode: 'reflect' })", (2, 2, 4, 5)),
    ("Conv2d(2, 4, (3, 4), padding='same', dilation=(1, 2), groups=2, padding_mode='circular')", 81,
     lambda: nn.Conv2d(2, 4, (3, 4), padding="same", dilation=(1, 2), groups=2, padding_mode="circular"),
     "new nn.Conv2d(2, 4, [3, 4], { padding: 'same', dilation: [1, 2], groups: 2, padding_mode: 'circular' })", (1, 2, 5, 6)),
    ("Conv2d(1, 2, 2, stride=2, padding=(2, 1), bias=False, padding_mode='replicate')", 82,
     lambda: nn.Conv2d(1, 2, 2, stride=2, padding=(2, 1), bias=False, padding_mode="replicate"),
     "new nn.Conv2d(1, 2, 2, { stride: 2, padding: [2, 1], bias: false, padding_mode: 'replicate' })", (1, 1, 3, 3)),
    ("Conv1d(2, 3, 3, padding=2, padding_mode='reflect') at its limit", 83, lambda: nn.Conv1d(2, 3, 3, padding=2, padding_mode="reflect"),
     "new nn.Conv1d(2, 3, 3, { padding: 2, padding_mode: 'reflect' })", (2, 2, 3)),
    ("Conv1d(2, 2, 4, padding='same', padding_mode='replicate') unbatched", 84,
     lambda: nn.Conv1d(2, 2, 4, padding="same", padding_mode="replicate"),
     "new nn.Conv1d(2, 2, 4, { padding: 'same', padding_mode: 'replicate' })", (2, 5)),
    ("Conv1d(1, 2, 3, padding=4, padding_mode='circular') at its limit", 85,
     lambda: nn.Conv1d(1, 2, 3, padding=4, padding_mode="circular"),
     "new nn.Conv1d(1, 2, 3, { padding: 4, padding_mode: 'circular' })", (2, 1, 4)),
    ("Conv2d(1, 1, 1, padding_mode='reflect') 1-sized dims", 86, lambda: nn.Conv2d(1, 1, 1, padding_mode="reflect"),
     "new nn.Conv2d(1, 1, 1, { padding_mode: 'reflect' })", (1, 1, 1, 1)),
    # EmbeddingBag (helper ebag): 2-D input, one bag per row
    ("EmbeddingBag(10, 3)", 87, lambda: nn.EmbeddingBag(10, 3), "new nn.EmbeddingBag(10, 3)", ("idx", [[1, 2, 4], [9, 0, 4]])),
    ("EmbeddingBag(6, 4, mode='sum', padding_idx=0)", 88, lambda: nn.EmbeddingBag(6, 4, mode="sum", padding_idx=0),
     "new nn.EmbeddingBag(6, 4, { mode: 'sum', padding_idx: 0 })", ("idx", [[0, 3, 5], [0, 0, 0], [2, 2, 1]])),
    ("EmbeddingBag(5, 2, max_norm=1.0, mode='max', padding_idx=-1)", 89, lambda: nn.EmbeddingBag(5, 2, max_norm=1.0, mode="max", padding_idx=-1),
     "new nn.EmbeddingBag(5, 2, { max_norm: 1.0, mode: 'max', padding_idx: -1 })", ("idx", [[1, 4], [3, 0]])),
    ("EmbeddingBag(7, 3, norm_type=1.0, scale_grad_by_freq=True) float64", 90,
     lambda: nn.EmbeddingBag(7, 3, norm_type=1.0, scale_grad_by_freq=True).double(),
     "new nn.EmbeddingBag(7, 3, { norm_type: 1.0, scale_grad_by_freq: true }).double()", ("idx", [[6, 1, 1, 0], [1, 5, 6, 6]])),
]

# (PyTorch constructor, TS constructor): the repr of a module whose forward the cases above cannot call
# (two inputs, or a tuple out)
REPRS = [
    (lambda: nn.MaxUnpool1d(2), "new nn.MaxUnpool1d(2)"),
    (lambda: nn.MaxUnpool1d(3, stride=2, padding=1), "new nn.MaxUnpool1d(3, { stride: 2, padding: 1 })"),
    (lambda: nn.MaxUnpool2d(2), "new nn.MaxUnpool2d(2)"),
    (lambda: nn.MaxUnpool2d((2, 3), stride=(1, 2), padding=(0, 1)), "new nn.MaxUnpool2d([2, 3], { stride: [1, 2], padding: [0, 1] })"),
    (lambda: nn.AdaptiveMaxPool2d(2, True), "new nn.AdaptiveMaxPool2d(2, true)"),
    (lambda: nn.AdaptiveMaxPool1d(3, return_indices=True), "new nn.AdaptiveMaxPool1d(3, true)"),
    (lambda: nn.MaxPool3d(2, return_indices=True), "new nn.MaxPool3d(2, { return_indices: true })"),
    (lambda: nn.LPPool1d(1.5, 3, stride=2, ceil_mode=True), "new nn.LPPool1d(1.5, 3, { stride: 2, ceil_mode: true })"),
    # helper ebag: CTCLoss takes four arguments (test/nn-modules.test.ts calls it against F.ctc_loss)
    (lambda: nn.CTCLoss(), "new nn.CTCLoss()"),
    (lambda: nn.CTCLoss(blank=2, reduction="sum", zero_infinity=True), "new nn.CTCLoss({ blank: 2, reduction: 'sum', zero_infinity: true })"),
    (lambda: nn.EmbeddingBag.from_pretrained(torch.tensor([[1.0, 2.3], [4.0, 5.1]]), mode="sum", max_norm=2.5),
     "nn.EmbeddingBag.from_pretrained(torch.tensor([[1.0, 2.3], [4.0, 5.1]]), { mode: 'sum', max_norm: 2.5 })"),
]

# (name, PyTorch constructor, TS constructor, input shape): the module's forward refuses the input
FORWARD_ERRORS = [
    ("BatchNorm1d(3) on 4-D", lambda: nn.BatchNorm1d(3), "new nn.BatchNorm1d(3)", (2, 3, 2, 2)),
    ("BatchNorm2d(3) on 3-D", lambda: nn.BatchNorm2d(3), "new nn.BatchNorm2d(3)", (2, 3, 2)),
    ("BatchNorm3d(3) on 4-D", lambda: nn.BatchNorm3d(3), "new nn.BatchNorm3d(3)", (2, 3, 2, 2)),
    ("LocalResponseNorm(2) on 2-D", lambda: nn.LocalResponseNorm(2), "new nn.LocalResponseNorm(2)", (2, 3)),
    # transposed convolutions (helper convt): forward's output_size checked against the input
    ("ConvTranspose2d output_size of 3 elements", lambda: nn.ConvTranspose2d(2, 3, 3, stride=2),
     "new nn.ConvTranspose2d(2, 3, 3, { stride: 2 })", (1, 2, 4, 4), [[1, 9, 9]]),
    ("ConvTranspose2d output_size too large", lambda: nn.ConvTranspose2d(2, 3, 3, stride=2),
     "new nn.ConvTranspose2d(2, 3, 3, { stride: 2 })", (1, 2, 4, 4), [[9, 11]]),
    ("ConvTranspose1d output_size too small", lambda: nn.ConvTranspose1d(2, 3, 3, stride=2, padding=1),
     "new nn.ConvTranspose1d(2, 3, 3, { stride: 2, padding: 1 })", (2, 5), [[8]]),
    ("ConvTranspose2d input channels", lambda: nn.ConvTranspose2d(2, 3, 3), "new nn.ConvTranspose2d(2, 3, 3)", (1, 3, 4, 4)),
    # padding_mode (helper conv3d): F.pad's errors
    ("Conv1d reflect padding = input size", lambda: nn.Conv1d(2, 3, 3, padding=2, padding_mode="reflect"),
     "new nn.Conv1d(2, 3, 3, { padding: 2, padding_mode: 'reflect' })", (1, 2, 2)),
    ("Conv2d reflect padding > input size", lambda: nn.Conv2d(2, 3, 3, padding=2, padding_mode="reflect"),
     "new nn.Conv2d(2, 3, 3, { padding: 2, padding_mode: 'reflect' })", (1, 2, 2, 5)),
    ("Conv2d circular padding > input size", lambda: nn.Conv2d(1, 1, 1, padding=3, padding_mode="circular"),
     "new nn.Conv2d(1, 1, 1, { padding: 3, padding_mode: 'circular' })", (1, 1, 2, 5)),
    ("Conv2d reflect on 5-D", lambda: nn.Conv2d(1, 1, 1, padding=1, padding_mode="reflect"),
     "new nn.Conv2d(1, 1, 1, { padding: 1, padding_mode: 'reflect' })", (1, 1, 2, 2, 2)),
    ("Conv3d replicate on 4-D batched as unbatched, channels", lambda: nn.Conv3d(2, 1, 1, padding=1, padding_mode="replicate"),
     "new nn.Conv3d(2, 1, 1, { padding: 1, padding_mode: 'replicate' })", (1, 3, 2, 2)),
    ("Conv3d reflect padding = input depth", lambda: nn.Conv3d(1, 1, 1, padding=2, padding_mode="reflect"),
     "new nn.Conv3d(1, 1, 1, { padding: 2, padding_mode: 'reflect' })", (1, 1, 2, 3, 3)),
    ("ConvTranspose3d output_size too large", lambda: nn.ConvTranspose3d(2, 3, 3, stride=2),
     "new nn.ConvTranspose3d(2, 3, 3, { stride: 2 })", (1, 2, 2, 2, 2), [[5, 7, 5]]),
    ("ConvTranspose3d output_size of 2 elements", lambda: nn.ConvTranspose3d(2, 3, 3, stride=2),
     "new nn.ConvTranspose3d(2, 3, 3, { stride: 2 })", (1, 2, 2, 2, 2), [[5, 5]]),
]

# (name, PyTorch constructor, TS constructor): the constructor refuses its arguments
CONSTRUCTOR_ERRORS = [
    ("ConvTranspose2d padding_mode", lambda: nn.ConvTranspose2d(2, 2, 3, padding_mode="reflect"),
     "new nn.ConvTranspose2d(2, 2, 3, { padding_mode: 'reflect' })"),
    ("ConvTranspose1d in_channels and groups", lambda: nn.ConvTranspose1d(3, 2, 3, groups=2), "new nn.ConvTranspose1d(3, 2, 3, { groups: 2 })"),
    ("ConvTranspose2d out_channels and groups", lambda: nn.ConvTranspose2d(2, 3, 3, groups=2), "new nn.ConvTranspose2d(2, 3, 3, { groups: 2 })"),
    ("ConvTranspose1d padding_mode", lambda: nn.ConvTranspose1d(2, 2, 3, padding_mode="circular"),
     "new nn.ConvTranspose1d(2, 2, 3, { padding_mode: 'circular' })"),
    ("ConvTranspose3d padding_mode", lambda: nn.ConvTranspose3d(2, 2, 3, padding_mode="replicate"),
     "new nn.ConvTranspose3d(2, 2, 3, { padding_mode: 'replicate' })"),
    ("Conv3d in_channels and groups", lambda: nn.Conv3d(3, 2, 3, groups=2), "new nn.Conv3d(3, 2, 3, { groups: 2 })"),
    ("Conv3d padding string", lambda: nn.Conv3d(2, 2, 3, padding="full"), "new nn.Conv3d(2, 2, 3, { padding: 'full' })"),
]


def constructor_error(name, make, ts):
    try:
        make()
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        return {"name": name, "ts": ts, "error_type": type(e).__name__, "error": sorted_sets(str(e))}
    raise AssertionError(f"{name}: PyTorch accepted it")


# (name, PyTorch loss, TS constructor, input shape, target: ("randn", shape) | ("idx", values) | ("prob", shape)
#  | ("sign", shape) | ("counts", shape)[, a further argument, the same kinds])
LOSSES = [
    ("MSELoss()", lambda: nn.MSELoss(), "new nn.MSELoss()", (3, 2), ("randn", (3, 2))),
    ("MSELoss(reduction='sum')", lambda: nn.MSELoss(reduction="sum"), "new nn.MSELoss({ reduction: 'sum' })", (3, 2), ("randn", (3, 2))),
    ("L1Loss(reduction='none')", lambda: nn.L1Loss(reduction="none"), "new nn.L1Loss({ reduction: 'none' })", (4,), ("randn", (4,))),
    ("CrossEntropyLoss()", lambda: nn.CrossEntropyLoss(), "new nn.CrossEntropyLoss()", (3, 4), ("idx", [0, 3, 1])),
    ("CrossEntropyLoss(ignore_index=1)", lambda: nn.CrossEntropyLoss(ignore_index=1),
     "new nn.CrossEntropyLoss({ ignore_index: 1 })", (3, 4), ("idx", [0, 1, 2])),
    ("CrossEntropyLoss(label_smoothing=0.2)", lambda: nn.CrossEntropyLoss(label_smoothing=0.2),
     "new nn.CrossEntropyLoss({ label_smoothing: 0.2 })", (3, 4), ("idx", [0, 3, 1])),
    ("NLLLoss(reduction='sum')", lambda: nn.NLLLoss(reduction="sum"), "new nn.NLLLoss({ reduction: 'sum' })", (2, 3), ("idx", [2, 0])),
    ("BCELoss()", lambda: nn.BCELoss(), "new nn.BCELoss()", ("sigmoid", (4,)), ("prob", (4,))),
    ("BCEWithLogitsLoss()", lambda: nn.BCEWithLogitsLoss(), "new nn.BCEWithLogitsLoss()", (2, 2), ("prob", (2, 2))),
    ("BCEWithLogitsLoss(pos_weight=tensor([2.0, 0.5, 1.0]))", lambda: nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0, 0.5, 1.0])),
     "new nn.BCEWithLogitsLoss({ pos_weight: torch.tensor([2.0, 0.5, 1.0]) })", (2, 3), ("prob", (2, 3))),
    # class targets with extra dims (N, C, d1, ...): NllLoss2DBackward0 for 4-D inputs
    ("CrossEntropyLoss() 4-D", lambda: nn.CrossEntropyLoss(), "new nn.CrossEntropyLoss()", (2, 3, 2, 2),
     ("idx", [[[0, 1], [2, 0]], [[1, 1], [0, 2]]])),
    ("NLLLoss(ignore_index=0, reduction='none') 3-D", lambda: nn.NLLLoss(ignore_index=0, reduction="none"),
     "new nn.NLLLoss({ ignore_index: 0, reduction: 'none' })", (2, 3, 4), ("idx", [[0, 1, 2, 1], [2, 0, 0, 1]])),
    # losses 2 (helper losses); a third spec is the further argument (margin ranking's target, var, negative)
    ("SmoothL1Loss(beta=0.5)", lambda: nn.SmoothL1Loss(beta=0.5), "new nn.SmoothL1Loss({ beta: 0.5 })", (3, 2), ("randn", (3, 2))),
    ("HuberLoss(reduction='sum', delta=0.7)", lambda: nn.HuberLoss(reduction="sum", delta=0.7),
     "new nn.HuberLoss({ reduction: 'sum', delta: 0.7 })", (4,), ("randn", (4,))),
    ("SoftMarginLoss()", lambda: nn.SoftMarginLoss(), "new nn.SoftMarginLoss()", (2, 3), ("sign", (2, 3))),
    ("KLDivLoss(reduction='batchmean', log_target=True)", lambda: nn.KLDivLoss(reduction="batchmean", log_target=True),
     "new nn.KLDivLoss({ reduction: 'batchmean', log_target: true })", (2, 3), ("randn", (2, 3))),
    ("MarginRankingLoss(margin=0.3)", lambda: nn.MarginRankingLoss(margin=0.3), "new nn.MarginRankingLoss({ margin: 0.3 })",
     (5,), ("randn", (5,)), ("sign", (5,))),
    ("HingeEmbeddingLoss(reduction='none')", lambda: nn.HingeEmbeddingLoss(reduction="none"),
     "new nn.HingeEmbeddingLoss({ reduction: 'none' })", (4,), ("sign", (4,))),
    ("CosineEmbeddingLoss(margin=0.1)", lambda: nn.CosineEmbeddingLoss(margin=0.1), "new nn.CosineEmbeddingLoss({ margin: 0.1 })",
     (3, 4), ("randn", (3, 4)), ("sign", (3,))),
    ("PoissonNLLLoss(full=True)", lambda: nn.PoissonNLLLoss(full=True), "new nn.PoissonNLLLoss({ full: true })", (3, 2), ("counts", (3, 2))),
    ("GaussianNLLLoss(eps=0.01)", lambda: nn.GaussianNLLLoss(eps=0.01), "new nn.GaussianNLLLoss({ eps: 0.01 })",
     (3, 2), ("randn", (3, 2)), ("prob", (3, 2))),
    ("TripletMarginLoss(p=1.0, swap=True)", lambda: nn.TripletMarginLoss(p=1.0, swap=True),
     "new nn.TripletMarginLoss({ p: 1, swap: true })", (3, 4), ("randn", (3, 4)), ("randn", (3, 4))),
    ("MultiLabelSoftMarginLoss()", lambda: nn.MultiLabelSoftMarginLoss(), "new nn.MultiLabelSoftMarginLoss()", (2, 3), ("prob", (2, 3))),
    ("MultiMarginLoss(p=2, margin=0.5)", lambda: nn.MultiMarginLoss(p=2, margin=0.5), "new nn.MultiMarginLoss({ p: 2, margin: 0.5 })",
     (3, 4), ("idx", [1, 0, 3])),
    ("MultiLabelMarginLoss(reduction='none')", lambda: nn.MultiLabelMarginLoss(reduction="none"),
     "new nn.MultiLabelMarginLoss({ reduction: 'none' })", (2, 3), ("idx", [[2, -1, 0], [0, 1, -1]])),
]


def make_input(spec, dtype):
    if spec[0] == "idx":
        return torch.tensor(spec[1], dtype=torch.int64)
    if spec[0] == "sigmoid":
        return torch.sigmoid(torch.randn(spec[1])).to(dtype).requires_grad_()
    return torch.randn(spec).to(dtype).requires_grad_()


def enc(t):
    return base.enc_tensor(t.detach(), requires_grad=False)


def module_case(name, seed, make, ts, spec, forward_args=()):
    torch.manual_seed(seed)
    m = make()
    dtype = torch.float64 if "float64" in name else torch.float32
    c = {"name": name, "ts": ts, "seed": seed, "repr": repr(m),
         "named_parameters": [[n, enc(p)] for n, p in m.named_parameters()],
         "named_buffers": [[n, enc(b)] for n, b in m.named_buffers() if b.is_floating_point()]}
    x = make_input(spec, dtype)
    out = m(x, *forward_args)
    upstream = torch.randn(out.shape).to(dtype)
    leaves = ([x] if x.requires_grad else []) + list(m.parameters())
    grads = torch.autograd.grad((out * upstream).sum(), leaves, allow_unused=True)
    grads = [torch.zeros_like(p) if g is None else g for p, g in zip(leaves, grads)]
    c.update({"input": enc(x), "output": enc(out), "grad_fn": type(out.grad_fn).__name__ if out.grad_fn else None,
              "upstream": enc(upstream), "input_grad": enc(grads[0]) if x.requires_grad else None,
              "param_grads": [enc(g) for g in grads[1 if x.requires_grad else 0:]],
              "buffers_after": [[n, enc(b)] for n, b in m.named_buffers() if b.is_floating_point()]})
    m.eval()
    with torch.no_grad():
        c["eval_output"] = enc(m(x, *forward_args))
    if forward_args:
        c["forward_args"] = list(forward_args)
    return c


def draw_target(tspec):
    if tspec[0] == "idx":
        return torch.tensor(tspec[1], dtype=torch.int64)
    if tspec[0] == "prob":
        return torch.rand(tspec[1])
    if tspec[0] == "sign":
        return torch.randn(tspec[1]).sign()
    if tspec[0] == "counts":
        return torch.randint(0, 5, tspec[1]).float()
    return torch.randn(tspec[1])


def loss_case(name, make, ts, ispec, tspec, more=None):
    torch.manual_seed(len(name))
    m = make()
    x = make_input(ispec if isinstance(ispec[0], str) else ispec, torch.float32)
    t = draw_target(tspec)
    extra = [draw_target(more)] if more else []
    out = m(x, t, *extra)
    upstream = torch.randn(out.shape)
    (g,) = torch.autograd.grad((out * upstream).sum(), [x])
    return {"name": name, "ts": ts, "repr": repr(m), "input": enc(x), "target": enc(t), "more": [enc(e) for e in extra],
            "output": enc(out), "grad_fn": type(out.grad_fn).__name__, "upstream": enc(upstream), "input_grad": enc(g)}


def forward_error(name, make, ts, shape, forward_args=()):
    m = make()
    try:
        m(torch.randn(shape), *forward_args)
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        c = {"name": name, "ts": ts, "input_shape": list(shape), "error_type": type(e).__name__, "error": sorted_sets(str(e))}
        return dict(c, forward_args=list(forward_args)) if forward_args else c
    raise AssertionError(f"{name}: PyTorch accepted it")


def main():
    fix = {"generator": "scripts/gen_nn_module_fixtures.py", "torch": torch.__version__,
           "modules": [module_case(*c) for c in CASES], "losses": [loss_case(*c) for c in LOSSES],
           "forward_errors": [forward_error(*c) for c in FORWARD_ERRORS],
           "constructor_errors": [constructor_error(*c) for c in CONSTRUCTOR_ERRORS],
           "reprs": [{"ts": ts, "repr": repr(make())} for make, ts in REPRS]}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['modules'])} modules, {len(fix['losses'])} losses")


if __name__ == "__main__":
    main()
