#!/usr/bin/env python3
"""The remaining torch.nn gaps (helper h-modules) in real PyTorch: nn.RMSNorm, nn.LPPool3d /
F.lp_pool3d, nn.LazyConv3d / nn.LazyConvTranspose3d, nn.init.sparse_, nn.Buffer and Module.to /
float / double / type: test/fixtures/nn_modules_extra.json, read by test/nn-modules-extra.test.ts.

`cases`, `errors` and `reprs` are scripts/gen_nn_rest_fixtures.py's format (test/support/nn_cases.ts).
PyTorch 1.13 lacks nn.RMSNorm (2.4), F.lp_pool3d / nn.LPPool3d (2.2), nn.Buffer (2.5) and sparse_'s
generator keyword (2.2): this script defines them as PyTorch 2's torch/nn define them, over
1.13's kernels (F.rms_norm from scripts/pytorch2_compat.py, whose argument checks are not PyTorch 2's: RMSNorm's
errors are F.rms_norm's, tested with the table); docs/api.md lists them.
Run with /usr/bin/python3 (the system interpreter has torch)."""
import json
import math
import numbers
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn.modules.utils import _triple  # noqa: E402

import gen_nn_module_fixtures as nnfix  # noqa: E402
import gen_nn_rest_fixtures as rest  # noqa: E402
import pytorch2_compat  # noqa: E402,F401  (F.rms_norm, as PyTorch 2 composes it)

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "nn_modules_extra.json")
NAN, INF = float("nan"), float("inf")
randn, values, long = rest.randn, rest.values, rest.long
enc = nnfix.enc


class RMSNorm(nn.Module):
    """PyTorch 2.4's nn.RMSNorm."""

    def __init__(self, normalized_shape, eps=None, elementwise_affine=True, device=None, dtype=None):
        super().__init__()
        if isinstance(normalized_shape, numbers.Integral):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            self.weight = nn.Parameter(torch.empty(self.normalized_shape, device=device, dtype=dtype))
        else:
            self.register_parameter("weight", None)
        if self.elementwise_affine:
            nn.init.ones_(self.weight)

    def forward(self, x):
        return F.rms_norm(x, self.normalized_shape, self.weight, self.eps)

    def extra_repr(self):
        return "{normalized_shape}, eps={eps}, elementwise_affine={elementwise_affine}".format(**self.__dict__)


def lp_pool3d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """PyTorch 2.2's F.lp_pool3d."""
    kd, kw, kh = _triple(kernel_size)
    if stride is not None:
        out = F.avg_pool3d(input.pow(norm_type), kernel_size, stride, 0, ceil_mode)
    else:
        out = F.avg_pool3d(input.pow(norm_type), kernel_size, padding=0, ceil_mode=ceil_mode)
    return (torch.sign(out) * F.relu(torch.abs(out))).mul(kd * kw * kh).pow(1.0 / norm_type)


class LPPool3d(nn.modules.pooling._LPPoolNd):
    """PyTorch 2.2's nn.LPPool3d."""

    def forward(self, input):
        return lp_pool3d(input, float(self.norm_type), self.kernel_size, self.stride, self.ceil_mode)


def sparse_(tensor, sparsity, std=0.01, generator=None):
    """PyTorch 2.2's nn.init.sparse_ (the generator only for the normal draw; randperm uses the global one)."""
    if tensor.ndimension() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    rows, cols = tensor.shape
    num_zeros = int(math.ceil(sparsity * rows))
    with torch.no_grad():
        tensor.normal_(0, std, generator=generator)
        for col_idx in range(cols):
            row_indices = torch.randperm(rows)
            zero_indices = row_indices[:num_zeros]
            tensor[zero_indices, col_idx] = 0
    return tensor


F.lp_pool3d = lp_pool3d
ZEROS = [0.0] * 8
SPECIAL = [1.0, -2.0, 0.0, INF, 3.0, NAN, -0.5, 2.0]

CASES = [
    ("RMSNorm(4)", 1, {"x": randn(2, 3, 4)}, lambda: RMSNorm(4), "new nn.RMSNorm(4)", lambda m, x: m(x), "m.call(x)"),
    ("RMSNorm([3, 4], eps=1e-6)", 2, {"x": randn(2, 3, 4)}, lambda: RMSNorm([3, 4], eps=1e-6),
     "new nn.RMSNorm([3, 4], { eps: 1e-6 })", lambda m, x: m(x), "m.call(x)"),
    ("RMSNorm(5, elementwise_affine=False)", 3, {"x": randn(4, 5)}, lambda: RMSNorm(5, elementwise_affine=False),
     "new nn.RMSNorm(5, { elementwise_affine: false })", lambda m, x: m(x), "m.call(x)"),
    ("RMSNorm(3) float64", 4, {"x": randn(2, 3, dtype="float64")}, lambda: RMSNorm(3, dtype=torch.float64),
     "new nn.RMSNorm(3, { dtype: 'float64' })", lambda m, x: m(x), "m.call(x)"),
    ("RMSNorm(4) of zeros (eps keeps it finite)", 5, {"x": values(ZEROS, (2, 4))}, lambda: RMSNorm(4), "new nn.RMSNorm(4)",
     lambda m, x: m(x), "m.call(x)"),
    ("RMSNorm(4, eps=0.5) with inf and NaN rows", 6, {"x": values(SPECIAL, (2, 4))}, lambda: RMSNorm(4, eps=0.5),
     "new nn.RMSNorm(4, { eps: 0.5 })", lambda m, x: m(x), "m.call(x)"),
    ("RMSNorm(4) of an empty batch", 7, {"x": randn(0, 4)}, lambda: RMSNorm(4), "new nn.RMSNorm(4)", lambda m, x: m(x), "m.call(x)"),
    ("LPPool3d(2, 2)", 10, {"x": randn(2, 3, 4, 4, 4)}, lambda: LPPool3d(2, 2), "new nn.LPPool3d(2, 2)", lambda m, x: m(x), "m.call(x)"),
    ("LPPool3d(3, (2, 1, 2), stride=(1, 2, 1), ceil_mode=True)", 11, {"x": randn(1, 2, 3, 5, 4)},
     lambda: LPPool3d(3, (2, 1, 2), stride=(1, 2, 1), ceil_mode=True),
     "new nn.LPPool3d(3, [2, 1, 2], { stride: [1, 2, 1], ceil_mode: true })", lambda m, x: m(x), "m.call(x)"),
    ("LPPool3d(1.5, 2) unbatched", 12, {"x": values([abs(v) + 0.25 for v in range(-16, 16)], (2, 2, 2, 4))},
     lambda: LPPool3d(1.5, 2), "new nn.LPPool3d(1.5, 2)", lambda m, x: m(x), "m.call(x)"),
    ("LPPool3d(2, 2) float64", 13, {"x": randn(1, 2, 2, 4, 2, dtype="float64")}, lambda: LPPool3d(2, 2),
     "new nn.LPPool3d(2, 2)", lambda m, x: m(x), "m.call(x)"),
    ("F.lp_pool3d(x, 2, 3, stride=2)", 14, {"x": randn(1, 1, 5, 5, 5)}, None, None,
     lambda m, x: F.lp_pool3d(x, 2, 3, stride=2), "F.lp_pool3d(x, 2, 3, { stride: 2 })"),
    ("F.lp_pool3d of zeros and a kink", 15, {"x": values([0.0] * 7 + [1.0], (1, 1, 2, 2, 2))}, None, None,
     lambda m, x: F.lp_pool3d(x, 2, 2), "F.lp_pool3d(x, 2, 2)"),
]

ERRORS = [
    ("F.lp_pool3d with a kernel of two", {"x": randn(1, 1, 4, 4, 4)}, None, None,
     lambda m, x: F.lp_pool3d(x, 2, [2, 2]), "F.lp_pool3d(x, 2, [2, 2])"),
    ("F.lp_pool3d with a kernel of four", {"x": randn(1, 1, 4, 4, 4)}, None, None,
     lambda m, x: F.lp_pool3d(x, 2, [2, 2, 2, 2]), "F.lp_pool3d(x, 2, [2, 2, 2, 2])"),
    ("LPPool3d(2, 2) of a 3-D input", {"x": randn(2, 4, 4)}, lambda: LPPool3d(2, 2), "new nn.LPPool3d(2, 2)", lambda m, x: m(x), "m.call(x)"),
    ("LPPool3d(2, 5) larger than the input", {"x": randn(1, 1, 4, 4, 4)}, lambda: LPPool3d(2, 5), "new nn.LPPool3d(2, 5)",
     lambda m, x: m(x), "m.call(x)"),
    ("Module.to(torch.int64)", {}, lambda: nn.Linear(2, 3), "new nn.Linear(2, 3)", lambda m: m.to(torch.int64), "m.to(torch.int64)"),
    ("Module.to(an int64 tensor)", {"t": long([1])}, lambda: nn.Linear(2, 3), "new nn.Linear(2, 3)", lambda m, t: m.to(t), "m.to(t)"),
    ("Module.to(dtype=torch.bool)", {}, lambda: nn.Linear(2, 3), "new nn.Linear(2, 3)", lambda m: m.to(dtype=torch.bool),
     "m.to({ dtype: torch.bool })"),
    ("init.sparse_ of a 1-D tensor", {}, None, None, lambda m: sparse_(torch.empty(4), 0.5), "nn.init.sparse_(torch.empty(4), 0.5)"),
    ("init.sparse_ of a 3-D tensor", {}, None, None, lambda m: sparse_(torch.empty(2, 3, 4), 0.5), "nn.init.sparse_(torch.empty([2, 3, 4]), 0.5)"),
]

REPRS = [
    (lambda: RMSNorm(4), "new nn.RMSNorm(4)"),
    (lambda: RMSNorm([2, 3], eps=1e-5, elementwise_affine=False), "new nn.RMSNorm([2, 3], { eps: 1e-5, elementwise_affine: false })"),
    (lambda: RMSNorm(8, eps=0.1), "new nn.RMSNorm(8, { eps: 0.1 })"),
    (lambda: LPPool3d(2, 3), "new nn.LPPool3d(2, 3)"),
    (lambda: LPPool3d(1.5, (1, 2, 3), stride=2, ceil_mode=True), "new nn.LPPool3d(1.5, [1, 2, 3], { stride: 2, ceil_mode: true })"),
    (lambda: nn.LazyConv3d(4, 3), "new nn.LazyConv3d(4, 3)"),
    (lambda: nn.LazyConvTranspose3d(2, (1, 2, 2), stride=2, bias=False), "new nn.LazyConvTranspose3d(2, [1, 2, 2], { stride: 2, bias: false })"),
]

# (name, seed, PyTorch constructor, TS constructor, input shape): the first input sets in_channels
LAZY = [
    ("LazyConv3d(4, 3, padding=1)", 20, lambda: nn.LazyConv3d(4, 3, padding=1), "new nn.LazyConv3d(4, 3, { padding: 1 })", (2, 3, 4, 4, 4)),
    ("LazyConv3d(2, (1, 2, 2), bias=False) unbatched", 21, lambda: nn.LazyConv3d(2, (1, 2, 2), bias=False),
     "new nn.LazyConv3d(2, [1, 2, 2], { bias: false })", (3, 2, 3, 3)),
    ("LazyConv3d(4, 2, groups=2)", 22, lambda: nn.LazyConv3d(4, 2, groups=2), "new nn.LazyConv3d(4, 2, { groups: 2 })", (1, 4, 3, 3, 3)),
    ("LazyConvTranspose3d(2, 2, stride=2)", 23, lambda: nn.LazyConvTranspose3d(2, 2, stride=2),
     "new nn.LazyConvTranspose3d(2, 2, { stride: 2 })", (1, 3, 2, 2, 2)),
    ("LazyConvTranspose3d(3, (2, 1, 2), padding=(1, 0, 0), bias=False)", 24,
     lambda: nn.LazyConvTranspose3d(3, (2, 1, 2), padding=(1, 0, 0), bias=False),
     "new nn.LazyConvTranspose3d(3, [2, 1, 2], { padding: [1, 0, 0], bias: false })", (2, 2, 3, 3, 3)),
]

LAZY_ERRORS = [
    ("LazyConv3d(2, 3) of a 3-D input", lambda: nn.LazyConv3d(2, 3), "new nn.LazyConv3d(2, 3)", (2, 4, 4)),
    ("LazyConvTranspose3d(2, 3) of a 6-D input", lambda: nn.LazyConvTranspose3d(2, 3), "new nn.LazyConvTranspose3d(2, 3)", (1, 1, 2, 2, 2, 2)),
    ("LazyConv3d(3, 2, groups=3) of 4 channels", lambda: nn.LazyConv3d(3, 2, groups=3), "new nn.LazyConv3d(3, 2, { groups: 3 })", (1, 4, 3, 3, 3)),
]


def lazy_case(name, seed, make, ts, shape):
    torch.manual_seed(seed)
    m = make()
    c = {"name": name, "seed": seed, "ts": ts, "repr": repr(m)}
    x = torch.randn(shape).requires_grad_()
    torch.manual_seed(seed)  # the parameters are drawn at the first forward, from this state
    out = m(x)
    upstream = torch.randn(out.shape)
    params = list(m.parameters())
    grads = torch.autograd.grad((out * upstream).sum(), [x] + params)
    c.update(repr_after=repr(m), named_parameters=[[n, enc(p)] for n, p in m.named_parameters()], input=enc(x), output=enc(out),
             grad_fn=out.grad_fn.name(), upstream=enc(upstream), grads=[enc(g) for g in grads])
    return c


def lazy_error(name, make, ts, shape):
    m = make()
    try:
        m(torch.randn(shape))
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        return {"name": name, "ts": ts, "input_shape": list(shape), "error_type": type(e).__name__, "error": str(e)}
    raise AssertionError(f"{name}: PyTorch accepted it")


# nn.init.sparse_: (name, shape, sparsity, std, generator seed or None, dtype)
SPARSE = [
    ("sparse_(10 × 4, 0.3)", (10, 4), 0.3, None, None, torch.float32),
    ("sparse_(7 × 5, 0.35, std=1)", (7, 5), 0.35, 1.0, None, torch.float32),
    ("sparse_(6 × 3, 0) keeps every value", (6, 3), 0.0, 0.5, None, torch.float32),
    ("sparse_(5 × 3, 1) zeroes everything", (5, 3), 1.0, 0.5, None, torch.float32),
    ("sparse_(4 × 6, 0.5, generator=seed 7)", (4, 6), 0.5, 2.0, 7, torch.float32),
    ("sparse_(8 × 2, 0.25) float64", (8, 2), 0.25, 0.1, None, torch.float64),
    ("sparse_(0 × 3, 0.5) empty", (0, 3), 0.5, None, None, torch.float32),
]


def sparse_case(i, name, shape, sparsity, std, gen_seed, dtype):
    seed = 100 + i
    torch.manual_seed(seed)
    t = torch.empty(shape, dtype=dtype)
    kw = {} if std is None else {"std": std}
    if gen_seed is not None:
        kw["generator"] = torch.Generator().manual_seed(gen_seed)
    sparse_(t, sparsity, **kw)
    ts_kw = ", ".join(([f"std: {std}"] if std is not None else []) + ([f"generator: new torch.Generator().manual_seed({gen_seed})"] if gen_seed is not None else []))
    ts = f"nn.init.sparse_(torch.empty([{', '.join(map(str, shape))}], {{ dtype: '{str(dtype)[6:]}' }}), {sparsity}{', { ' + ts_kw + ' }' if ts_kw else ''})"
    return {"name": name, "seed": seed, "ts": ts, "result": enc(t), "after": torch.rand(3).tolist()}


class Net(nn.Module):
    """Linear → BatchNorm1d → ReLU → Linear, with a float buffer (scale) and a non-persistent one (shift)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.bn = nn.BatchNorm1d(4)
        self.fc2 = nn.Linear(4, 2)
        self.register_buffer("scale", torch.full((2,), 0.5))  # PyTorch 2.5: self.scale = nn.Buffer(torch.full((2,), 0.5))
        self.register_buffer("shift", torch.ones(2), persistent=False)  # nn.Buffer(torch.ones(2), persistent=False)

    def forward(self, x):
        return self.fc2(self.bn(self.fc1(x)).relu()) * self.scale + self.shift


NET_TS = "makeNet()"

# (name, Python conversion, TS conversion (`other` is the other device), input dtype after it)
CONVERSIONS = [
    ("double()", lambda m: m.double(), "m.double()", torch.float64),
    ("to(torch.float64)", lambda m: m.to(torch.float64), "m.to(torch.float64)", torch.float64),
    ("to(device, torch.float64)", lambda m: m.to("cpu", torch.float64), "m.to(other, torch.float64)", torch.float64),
    ("to(dtype=torch.float64, non_blocking=True)", lambda m: m.to(dtype=torch.float64, non_blocking=True),
     "m.to({ dtype: torch.float64, non_blocking: true })", torch.float64),
    ("to(a float64 tensor)", lambda m: m.to(torch.zeros(1, dtype=torch.float64)), "m.to(torch.zeros(1, { dtype: 'float64', device: other }))", torch.float64),
    ("to(device)", lambda m: m.to("cpu"), "m.to(other)", torch.float32),
    ("type(torch.float64) (integer buffers too)", lambda m: m.type(torch.float64), "m.type(torch.float64)", torch.float64),
    ("double().float()", lambda m: m.double().float(), "m.double().float()", torch.float32),
    ("cpu() and share_memory()", lambda m: m.cpu().share_memory(), "m.cpu().share_memory()", torch.float32),
]


def conversion_case(i, name, py, ts, dtype):
    seed = 200 + i
    torch.manual_seed(seed)
    m = Net()
    x = torch.randn(5, 3)
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
    m(x).square().sum().backward()  # gradients before the conversion, converted with the parameters
    before = {n: p for n, p in m.named_parameters()}
    returned = py(m)
    assert returned is m
    assert all(before[n] is p for n, p in m.named_parameters())
    c = {"name": name, "seed": seed, "ts": ts, "input": enc(x),
         "dtypes": {n: str(t.dtype)[6:] for n, t in list(m.named_parameters()) + list(m.named_buffers())},
         "grad_dtypes": {n: str(p.grad.dtype)[6:] for n, p in m.named_parameters()},
         "state_dict_keys": list(m.state_dict().keys())}
    xs = x.to(dtype)
    c["output"] = enc(m(xs))
    opt.zero_grad()
    for _ in range(3):
        opt.zero_grad()
        m(xs).square().sum().backward()
        opt.step()
    c["params_after"] = [[n, enc(p)] for n, p in m.named_parameters()]
    c["buffers_after"] = [[n, enc(b)] for n, b in m.named_buffers()]
    return c


def main():
    fix = {"generator": "scripts/gen_nn_modules_extra_fixtures.py", "torch": torch.__version__,
           "cases": [rest.call_case(*c) for c in CASES], "errors": [rest.error_case(*c) for c in ERRORS],
           "reprs": [{"ts": ts, "repr": repr(make())} for make, ts in REPRS],
           "lazy": [lazy_case(*c) for c in LAZY], "lazy_errors": [lazy_error(*c) for c in LAZY_ERRORS],
           "sparse": [sparse_case(i, *c) for i, c in enumerate(SPARSE)],
           "conversions": [conversion_case(i, *c) for i, c in enumerate(CONVERSIONS)]}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['cases'])} cases, {len(fix['errors'])} errors, {len(fix['reprs'])} reprs, "
          f"{len(fix['lazy'])} lazy, {len(fix['sparse'])} sparse, {len(fix['conversions'])} conversions")


if __name__ == "__main__":
    main()
