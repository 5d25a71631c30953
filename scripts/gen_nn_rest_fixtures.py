#!/usr/bin/env python3
"""The rest of torch.nn (helper nnrest) in real PyTorch: nn.AdaptiveMaxPool3d, nn.MaxUnpool3d,
nn.AdaptiveLogSoftmaxWithLoss, F.fractional_max_pool2d/3d and nn.FractionalMaxPool2d/3d:
test/fixtures/nn_rest.json, read by test/nn-rest.test.ts.

A case is a call written twice, in Python (`py`, a function of the module and the inputs) and in
TypeScript (`ts`, an expression of `m`, the inputs by name, `torch`, `nn` and `F`). With a module,
torch.manual_seed(seed) comes right before its constructor (so default initialisation is compared
exactly) and its repr and named parameters are recorded. Inputs are drawn after seeding from the
case's seed. The call's results (a tensor, a tuple, or forward's (output, loss)) are recorded,
flattened; the floating ones with a node get a random upstream each, and the gradients of every
floating input and parameter of their sum of products are recorded. Error cases record PyTorch's
exception type and message.

Fractional max pooling draws its windows' offsets from the generator in PyTorch; every case here
passes `_random_samples` (values from torch.rand written into the TS call) so both sides pool
the same windows. Run with /usr/bin/python3 (the system interpreter has torch)."""
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

import gen_nn_module_fixtures as nnfix  # noqa: E402

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "nn_rest.json")
NAN, INF = float("nan"), float("inf")
# ties, NaN and -inf in one 1 × 1 × 3 × 4 × 4 volume
TIES = [1, 1, 0, 2, 1, 1, 2, 2, NAN, 0, 3, NAN, -INF, -INF, 5, 5] * 3


def randn(*shape, dtype="float32"):
    return ("randn", list(shape), dtype)


def values(vals, shape, dtype="float32"):
    return ("values", vals, list(shape), dtype)


def long(vals, shape=None):
    return ("long", vals, shape)


def samples(seed, *shape):
    """_random_samples drawn from seed: (its Python tensor, its TypeScript expression)."""
    g = torch.Generator().manual_seed(seed)
    t = torch.rand(*shape, generator=g)
    return t, f"torch.tensor({json.dumps(t.tolist())})"


S2 = samples(1, 2, 3, 2)
S2B = samples(2, 1, 2, 2)
S2U = samples(3, 1, 2, 2)
S3 = samples(4, 2, 2, 3)
S3U = samples(5, 1, 2, 3)

# (name, seed, inputs {name: spec}, PyTorch module or None, TS module or None, py(m, **inputs), ts)
CASES = [
    # AdaptiveMaxPool3d and MaxUnpool3d
    ("AdaptiveMaxPool3d((2, None, 3))", 10, {"x": randn(2, 2, 4, 5, 6)}, lambda: nn.AdaptiveMaxPool3d((2, None, 3)),
     "new nn.AdaptiveMaxPool3d([2, null, 3])", lambda m, x: m(x), "m.call(x)"),
    ("AdaptiveMaxPool3d(2, return_indices=True) ties, NaN, -inf", 11, {"x": values(TIES, (1, 1, 3, 4, 4))},
     lambda: nn.AdaptiveMaxPool3d(2, return_indices=True), "new nn.AdaptiveMaxPool3d(2, true)", lambda m, x: m(x), "m.call(x)"),
    ("AdaptiveMaxPool3d((3, 1, 2)) unbatched float64", 12, {"x": randn(3, 5, 4, 5, dtype="float64")},
     lambda: nn.AdaptiveMaxPool3d((3, 1, 2)), "new nn.AdaptiveMaxPool3d([3, 1, 2])", lambda m, x: m(x), "m.call(x)"),
    ("MaxUnpool3d(2) of MaxPool3d(2)", 13, {"x": randn(2, 2, 4, 4, 6)}, lambda: nn.MaxUnpool3d(2), "new nn.MaxUnpool3d(2)",
     lambda m, x: m(*F.max_pool3d(x, 2, return_indices=True)),
     "m.call(...(F.max_pool3d(x, 2, { return_indices: true })))"),
    ("MaxUnpool3d((2, 1, 2), stride=(2, 1, 1), padding=(1, 0, 0)) with output_size", 14, {"x": randn(1, 2, 5, 3, 5)},
     lambda: nn.MaxUnpool3d((2, 1, 2), stride=(2, 1, 1), padding=(1, 0, 0)),
     "new nn.MaxUnpool3d([2, 1, 2], { stride: [2, 1, 1], padding: [1, 0, 0] })",
     lambda m, x: m(*F.max_pool3d(x, (2, 1, 2), stride=(2, 1, 1), padding=(1, 0, 0), return_indices=True), output_size=x.shape),
     "m.call(...(F.max_pool3d(x, [2, 1, 2], { stride: [2, 1, 1], padding: [1, 0, 0], return_indices: true })), x.shape)"),
    # AdaptiveLogSoftmaxWithLoss: every cluster hit, a shortlist-only batch, unbatched, head_bias, float64
    ("AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], div_value=2.0)", 20, {"x": randn(6, 8), "t": long([0, 4, 9, 2, 7, 5])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], div_value=2.0),
     "new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], { div_value: 2 })", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss(16, 20, [4, 10, 15]) head_bias", 21, {"x": randn(5, 16), "t": long([19, 3, 12, 0, 19])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(16, 20, [4, 10, 15], head_bias=True),
     "new nn.AdaptiveLogSoftmaxWithLoss(16, 20, [4, 10, 15], { head_bias: true })", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss shortlist targets only", 22, {"x": randn(3, 8), "t": long([0, 2, 1])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3])", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss one row in a cluster", 23, {"x": randn(1, 8), "t": long([5])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3])", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss unbatched", 24, {"x": randn(8), "t": long(4)},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3])", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss float64", 25, {"x": randn(4, 8, dtype="float64"), "t": long([1, 7, 4, 9])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [2, 5], dtype=torch.float64),
     "new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [2, 5], { dtype: 'float64' })", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss.log_prob", 26, {"x": randn(4, 8)}, lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], div_value=2.0),
     "new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], { div_value: 2 })", lambda m, x: m.log_prob(x), "m.log_prob(x)"),
    ("AdaptiveLogSoftmaxWithLoss.predict", 27, {"x": randn(64, 8)}, lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], div_value=2.0),
     "new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], { div_value: 2 })", lambda m, x: m.predict(x), "m.predict(x)"),
    ("AdaptiveLogSoftmaxWithLoss.predict, the shortlist only", 28, {"x": randn(4, 8)}, lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 4, [3], head_bias=True),
     "new nn.AdaptiveLogSoftmaxWithLoss(8, 4, [3], { head_bias: true })", lambda m, x: (m.head.bias.data.copy_(torch.tensor([5.0, 0, 0, -5])), m.predict(x))[1],
     "(m.head.bias.requires_grad_(false).copy_(torch.tensor([5, 0, 0, -5], { device: m.head.bias.device })), m.predict(x))"),
    # fractional max pooling, its windows from _random_samples
    ("FractionalMaxPool2d(2, output_size=(3, 4))", 30, {"x": randn(2, 3, 7, 9)},
     lambda: nn.FractionalMaxPool2d(2, output_size=(3, 4), _random_samples=S2[0]),
     f"new nn.FractionalMaxPool2d(2, {{ output_size: [3, 4], _random_samples: {S2[1]} }})", lambda m, x: m(x), "m.call(x)"),
    ("FractionalMaxPool2d((3, 2), output_ratio=0.5, return_indices=True)", 31, {"x": randn(1, 2, 8, 7)},
     lambda: nn.FractionalMaxPool2d((3, 2), output_ratio=0.5, return_indices=True, _random_samples=S2B[0]),
     f"new nn.FractionalMaxPool2d([3, 2], {{ output_ratio: 0.5, return_indices: true, _random_samples: {S2B[1]} }})", lambda m, x: m(x), "m.call(x)"),
    ("FractionalMaxPool2d(2, output_size=3) unbatched", 32, {"x": randn(2, 6, 5)},
     lambda: nn.FractionalMaxPool2d(2, output_size=3, _random_samples=S2U[0]),
     f"new nn.FractionalMaxPool2d(2, {{ output_size: 3, _random_samples: {S2U[1]} }})", lambda m, x: m(x), "m.call(x)"),
    ("F.fractional_max_pool2d ties, NaN, -inf", 33, {"x": values(TIES[:32], (1, 2, 4, 4))},
     None, None, lambda m, x: F.fractional_max_pool2d(x, 2, output_size=(2, 2), return_indices=True, _random_samples=S2U[0]),
     f"F.fractional_max_pool2d(x, 2, {{ output_size: [2, 2], return_indices: true, _random_samples: {S2U[1]} }})"),
    ("F.fractional_max_pool2d float64", 34, {"x": randn(2, 3, 9, 8, dtype="float64")},
     None, None, lambda m, x: F.fractional_max_pool2d(x, 3, output_ratio=(0.6, 0.4), _random_samples=S2[0].double()),
     f"F.fractional_max_pool2d(x, 3, {{ output_ratio: [0.6, 0.4], _random_samples: {S2[1]}.double() }})"),
    ("FractionalMaxPool3d(2, output_size=(2, 3, 2))", 35, {"x": randn(2, 2, 4, 6, 5)},
     lambda: nn.FractionalMaxPool3d(2, output_size=(2, 3, 2), _random_samples=S3[0]),
     f"new nn.FractionalMaxPool3d(2, {{ output_size: [2, 3, 2], _random_samples: {S3[1]} }})", lambda m, x: m(x), "m.call(x)"),
    ("FractionalMaxPool3d((2, 3, 2), output_ratio=0.5, return_indices=True) unbatched", 36, {"x": randn(2, 6, 7, 6)},
     lambda: nn.FractionalMaxPool3d((2, 3, 2), output_ratio=0.5, return_indices=True, _random_samples=S3U[0]),
     f"new nn.FractionalMaxPool3d([2, 3, 2], {{ output_ratio: 0.5, return_indices: true, _random_samples: {S3U[1]} }})", lambda m, x: m(x), "m.call(x)"),
    ("F.fractional_max_pool3d ties, NaN, -inf", 37, {"x": values(TIES * 2, (1, 2, 3, 4, 4))},
     None, None, lambda m, x: F.fractional_max_pool3d(x, 2, output_size=(1, 2, 2), _random_samples=S3U[0]),
     f"F.fractional_max_pool3d(x, 2, {{ output_size: [1, 2, 2], _random_samples: {S3U[1]} }})"),
    # the *_with_indices forms, the deprecated upsample_nearest / upsample_bilinear, F.relu_
    ("F.max_pool1d_with_indices", 40, {"x": randn(2, 3, 9)}, None, None,
     lambda m, x: F.max_pool1d_with_indices(x, 3, 2), "F.max_pool1d_with_indices(x, 3, 2)"),
    ("F.max_pool2d_with_indices", 41, {"x": randn(1, 2, 6, 7)}, None, None,
     lambda m, x: F.max_pool2d_with_indices(x, 2, stride=1, padding=1), "F.max_pool2d_with_indices(x, 2, { stride: 1, padding: 1 })"),
    ("F.max_pool3d_with_indices", 42, {"x": randn(1, 2, 4, 4, 5)}, None, None,
     lambda m, x: F.max_pool3d_with_indices(x, 2), "F.max_pool3d_with_indices(x, 2)"),
    ("F.adaptive_max_pool1d_with_indices", 43, {"x": randn(2, 3, 9)}, None, None,
     lambda m, x: F.adaptive_max_pool1d_with_indices(x, 4), "F.adaptive_max_pool1d_with_indices(x, 4)"),
    ("F.adaptive_max_pool2d_with_indices", 44, {"x": randn(2, 3, 7, 6)}, None, None,
     lambda m, x: F.adaptive_max_pool2d_with_indices(x, (3, 4)), "F.adaptive_max_pool2d_with_indices(x, [3, 4])"),
    ("F.adaptive_max_pool3d_with_indices", 45, {"x": randn(1, 2, 4, 5, 6)}, None, None,
     lambda m, x: F.adaptive_max_pool3d_with_indices(x, (2, 3, 3)), "F.adaptive_max_pool3d_with_indices(x, [2, 3, 3])"),
    ("F.fractional_max_pool2d_with_indices", 46, {"x": randn(2, 3, 7, 9)}, None, None,
     lambda m, x: F.fractional_max_pool2d_with_indices(x, 2, output_size=(3, 4), _random_samples=S2[0]),
     f"F.fractional_max_pool2d_with_indices(x, 2, {{ output_size: [3, 4], _random_samples: {S2[1]} }})"),
    ("F.fractional_max_pool3d_with_indices", 47, {"x": randn(2, 2, 4, 6, 5)}, None, None,
     lambda m, x: F.fractional_max_pool3d_with_indices(x, 2, output_size=(2, 3, 2), _random_samples=S3[0]),
     f"F.fractional_max_pool3d_with_indices(x, 2, {{ output_size: [2, 3, 2], _random_samples: {S3[1]} }})"),
    ("F.upsample_nearest", 48, {"x": randn(1, 2, 3, 4)}, None, None,
     lambda m, x: F.upsample_nearest(x, scale_factor=2), "F.upsample_nearest(x, { scale_factor: 2 })"),
    ("F.upsample_bilinear", 49, {"x": randn(1, 2, 3, 4)}, None, None,
     lambda m, x: F.upsample_bilinear(x, size=(5, 7)), "F.upsample_bilinear(x, { size: [5, 7] })"),
    ("F.relu_", 50, {"x": values([-1.5, -0.0, 0.0, 0.5, NAN, INF, -INF], (7,))}, None, None,
     lambda m, x: F.relu_(x * 1), "F.relu_(x.mul(1))"),
]

# (name, inputs, PyTorch module or None, TS module or None, py, ts): PyTorch raises
ERRORS = [
    ("F.adaptive_max_pool3d of a 3-D input", {"x": randn(2, 3, 4)}, None, None, lambda m, x: F.adaptive_max_pool3d(x, 2), "F.adaptive_max_pool3d(x, 2)"),
    ("F.adaptive_max_pool3d with two sizes", {"x": randn(1, 2, 3, 4, 4)}, None, None,
     lambda m, x: F.adaptive_max_pool3d(x, [2, 2]), "F.adaptive_max_pool3d(x, [2, 2])"),
    ("F.adaptive_max_pool3d with an empty dim", {"x": randn(1, 0, 3, 4, 4)}, None, None,
     lambda m, x: F.adaptive_max_pool3d(x, 2), "F.adaptive_max_pool3d(x, 2)"),
    ("F.adaptive_max_pool3d of int64", {"x": long([1] * 8, (1, 2, 2, 2))}, None, None,
     lambda m, x: F.adaptive_max_pool3d(x, 1), "F.adaptive_max_pool3d(x, 1)"),
    ("F.max_unpool3d with int32 indices", {"x": randn(1, 1, 1, 1, 2)}, None, None,
     lambda m, x: F.max_unpool3d(x, torch.tensor([[[[[0, 1]]]]], dtype=torch.int32), 2),
     "F.max_unpool3d(x, torch.tensor([[[[[0, 1]]]]], { dtype: torch.int32 }), 2)"),
    ("F.max_unpool3d of a 3-D input", {"x": randn(1, 2, 2)}, None, None,
     lambda m, x: F.max_unpool3d(x, torch.zeros(1, 2, 2, dtype=torch.long), 2), "F.max_unpool3d(x, torch.zeros([1, 2, 2], { dtype: torch.int64 }), 2)"),
    ("F.max_unpool3d with indices of another shape", {"x": randn(1, 1, 1, 2, 2)}, None, None,
     lambda m, x: F.max_unpool3d(x, torch.zeros(1, 1, 1, 2, 1, dtype=torch.long), 2),
     "F.max_unpool3d(x, torch.zeros([1, 1, 1, 2, 1], { dtype: torch.int64 }), 2)"),
    ("F.max_unpool3d with an index out of the output", {"x": randn(1, 1, 1, 1, 2)}, None, None,
     lambda m, x: F.max_unpool3d(x, torch.tensor([[[[[3, 17]]]]]), 2), "F.max_unpool3d(x, torch.tensor([[[[[3, 17]]]]]).long(), 2)"),
    ("F.max_unpool3d with a wrong output_size", {"x": randn(1, 1, 2, 2, 2)}, None, None,
     lambda m, x: F.max_unpool3d(x, torch.zeros(1, 1, 2, 2, 2, dtype=torch.long), 2, output_size=[4, 4, 7]),
     "F.max_unpool3d(x, torch.zeros([1, 1, 2, 2, 2], { dtype: torch.int64 }), 2, { output_size: [4, 4, 7] })"),
    ("F.max_unpool3d with an output_size of 2", {"x": randn(1, 1, 2, 2, 2)}, None, None,
     lambda m, x: F.max_unpool3d(x, torch.zeros(1, 1, 2, 2, 2, dtype=torch.long), 2, output_size=(4, 4)),
     "F.max_unpool3d(x, torch.zeros([1, 1, 2, 2, 2], { dtype: torch.int64 }), 2, { output_size: [4, 4] })"),
    ("F.max_unpool3d with an empty channel dim", {"x": randn(1, 0, 2, 2, 2)}, None, None,
     lambda m, x: F.max_unpool3d(x, torch.zeros(1, 0, 2, 2, 2, dtype=torch.long), 2),
     "F.max_unpool3d(x, torch.zeros([1, 0, 2, 2, 2], { dtype: torch.int64 }), 2)"),
    ("AdaptiveLogSoftmaxWithLoss: a target out of range", {"x": randn(3, 8), "t": long([0, 6, 2])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3])", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss: batch sizes differ", {"x": randn(3, 8), "t": long([0, 1])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3])", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss: 1-D target, 3-D input", {"x": randn(2, 2, 8), "t": long([0, 1])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3])", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss: 0-D target, 2-D input", {"x": randn(2, 8), "t": long(1)},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3])", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss: 2-D target", {"x": randn(2, 8), "t": long([[1], [2]])},
     lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 6, [3])", lambda m, x, t: m(x, t), "m.call(x, t)"),
    ("AdaptiveLogSoftmaxWithLoss: unsorted cutoffs", {}, None, None,
     lambda m: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [5, 3]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [5, 3])"),
    ("AdaptiveLogSoftmaxWithLoss: a cutoff of n_classes", {}, None, None,
     lambda m: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 10]), "new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 10])"),
    ("FractionalMaxPool2d without output_size or output_ratio", {}, None, None,
     lambda m: nn.FractionalMaxPool2d(2), "new nn.FractionalMaxPool2d(2)"),
    ("FractionalMaxPool2d with both", {}, None, None,
     lambda m: nn.FractionalMaxPool2d(2, output_size=3, output_ratio=0.5), "new nn.FractionalMaxPool2d(2, { output_size: 3, output_ratio: 0.5 })"),
    ("FractionalMaxPool2d with output_ratio 1", {}, None, None,
     lambda m: nn.FractionalMaxPool2d(2, output_ratio=1.0), "new nn.FractionalMaxPool2d(2, { output_ratio: 1.0 })"),
    ("FractionalMaxPool3d with output_ratio 0", {}, None, None,
     lambda m: nn.FractionalMaxPool3d(2, output_ratio=[0.5, 0.0, 0.5]), "new nn.FractionalMaxPool3d(2, { output_ratio: [0.5, 0.0, 0.5] })"),
    ("F.fractional_max_pool2d: an output too large for the pool", {"x": randn(1, 1, 5, 5)}, None, None,
     lambda m, x: F.fractional_max_pool2d(x, 2, output_size=5, _random_samples=S2U[0][:, :1]),
     f"F.fractional_max_pool2d(x, 2, {{ output_size: 5, _random_samples: {S2U[1]}.narrow(1, 0, 1) }})"),
    ("F.fractional_max_pool2d: too wide", {"x": randn(1, 1, 5, 4)}, None, None,
     lambda m, x: F.fractional_max_pool2d(x, 2, output_size=(2, 4), _random_samples=S2U[0][:, :1]),
     f"F.fractional_max_pool2d(x, 2, {{ output_size: [2, 4], _random_samples: {S2U[1]}.narrow(1, 0, 1) }})"),
    ("F.fractional_max_pool3d: windows reaching the last time step", {"x": randn(1, 1, 3, 5, 5)}, None, None,
     lambda m, x: F.fractional_max_pool3d(x, 2, output_size=(2, 2, 2), _random_samples=S3U[0][:, :1]),
     f"F.fractional_max_pool3d(x, 2, {{ output_size: [2, 2, 2], _random_samples: {S3U[1]}.narrow(1, 0, 1) }})"),
    ("F.fractional_max_pool2d with an empty dim", {"x": randn(1, 0, 5, 5)}, None, None,
     lambda m, x: F.fractional_max_pool2d(x, 2, output_size=2, _random_samples=S2U[0][:, :0]),
     f"F.fractional_max_pool2d(x, 2, {{ output_size: 2, _random_samples: {S2U[1]}.narrow(1, 0, 0) }})"),
    ("F.fractional_max_pool2d without output_size or output_ratio", {"x": randn(1, 1, 5, 5)}, None, None,
     lambda m, x: F.fractional_max_pool2d(x, 2), "F.fractional_max_pool2d(x, 2)"),
    ("F.fractional_max_pool2d of int64", {"x": long([1] * 25, (1, 1, 5, 5))}, None, None,
     lambda m, x: F.fractional_max_pool2d(x, 2, output_size=2, _random_samples=S2U[0][:, :1]),
     f"F.fractional_max_pool2d(x, 2, {{ output_size: 2, _random_samples: {S2U[1]}.narrow(1, 0, 1) }})"),
    ("F.fractional_max_pool2d of a 2-D input", {"x": randn(5, 5)}, None, None,
     lambda m, x: F.fractional_max_pool2d(x, 2, output_size=2, _random_samples=S2U[0][:, :1]),
     f"F.fractional_max_pool2d(x, 2, {{ output_size: 2, _random_samples: {S2U[1]}.narrow(1, 0, 1) }})"),
    ("F.fractional_max_pool3d of a 3-D input", {"x": randn(2, 5, 5)}, None, None,
     lambda m, x: F.fractional_max_pool3d(x, 2, output_size=2, _random_samples=S3U[0][:, :1]),
     f"F.fractional_max_pool3d(x, 2, {{ output_size: 2, _random_samples: {S3U[1]}.narrow(1, 0, 1) }})"),
]

# (PyTorch constructor, TS constructor): repr only
REPRS = [
    (lambda: nn.AdaptiveMaxPool3d(3), "new nn.AdaptiveMaxPool3d(3)"),
    (lambda: nn.AdaptiveMaxPool3d((None, 2, 4), return_indices=True), "new nn.AdaptiveMaxPool3d([null, 2, 4], true)"),
    (lambda: nn.MaxUnpool3d(3, stride=2, padding=1), "new nn.MaxUnpool3d(3, { stride: 2, padding: 1 })"),
    (lambda: nn.AdaptiveLogSoftmaxWithLoss(10, 100, [10, 50], div_value=3.0, head_bias=True),
     "new nn.AdaptiveLogSoftmaxWithLoss(10, 100, [10, 50], { div_value: 3, head_bias: true })"),
    (lambda: nn.FractionalMaxPool2d(3, output_size=(5, 4)), "new nn.FractionalMaxPool2d(3, { output_size: [5, 4] })"),
    (lambda: nn.FractionalMaxPool2d((2, 3), output_ratio=(0.5, 0.7)), "new nn.FractionalMaxPool2d([2, 3], { output_ratio: [0.5, 0.7] })"),
    (lambda: nn.FractionalMaxPool3d(2, output_ratio=0.5, return_indices=True), "new nn.FractionalMaxPool3d(2, { output_ratio: 0.5, return_indices: true })"),
]


def make_input(spec):
    kind = spec[0]
    if kind == "randn":
        return torch.randn(spec[1]).to(getattr(torch, spec[2])).requires_grad_()
    if kind == "values":
        return torch.tensor(spec[1], dtype=getattr(torch, spec[3])).reshape(spec[2]).requires_grad_()
    t = torch.tensor(spec[1], dtype=torch.long)
    return t.reshape(spec[2]) if spec[2] is not None else t


def flat(result):
    if isinstance(result, torch.Tensor):
        return [result]
    return [t for r in result for t in flat(r)]


def call_case(name, seed, specs, make, ts_module, py, ts):
    torch.manual_seed(seed)
    m = make() if make else None
    c = {"name": name, "seed": seed, "module": ts_module, "ts": ts}
    if m is not None:
        c.update(repr=repr(m), named_parameters=[[n, nnfix.enc(p)] for n, p in m.named_parameters()])
    inputs = {k: make_input(s) for k, s in specs.items()}
    outs = flat(py(m, **inputs))
    diff = [o for o in outs if o.grad_fn is not None]
    upstreams = [torch.randn(o.shape).to(o.dtype) for o in diff]
    wrt = [t for t in inputs.values() if t.requires_grad] + (list(m.parameters()) if m is not None else [])
    grads = torch.autograd.grad(sum((o * u).sum() for o, u in zip(diff, upstreams)), wrt, allow_unused=True) if diff else [None] * len(wrt)
    c.update(inputs={k: nnfix.enc(t) for k, t in inputs.items()}, outputs=[nnfix.enc(o) for o in outs],
             grad_fns=[o.grad_fn.name() if o.grad_fn else None for o in outs], upstreams=[nnfix.enc(u) for u in upstreams],
             grads=[nnfix.enc(torch.zeros_like(w) if g is None else g) for w, g in zip(wrt, grads)])
    return c


def error_case(name, specs, make, ts_module, py, ts):
    torch.manual_seed(0)
    m = make() if make else None
    inputs = {k: make_input(s) for k, s in specs.items()}
    try:
        py(m, **inputs)
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        return {"name": name, "module": ts_module, "ts": ts, "inputs": {k: nnfix.enc(t) for k, t in inputs.items()},
                "error_type": type(e).__name__, "error": str(e)}
    raise AssertionError(f"{name}: PyTorch accepted it")


def main():
    fix = {"generator": "scripts/gen_nn_rest_fixtures.py", "torch": torch.__version__,
           "cases": [call_case(*c) for c in CASES], "errors": [error_case(*c) for c in ERRORS],
           "reprs": [{"ts": ts, "repr": repr(make())} for make, ts in REPRS]}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['cases'])} cases, {len(fix['errors'])} errors, {len(fix['reprs'])} reprs")


if __name__ == "__main__":
    main()
