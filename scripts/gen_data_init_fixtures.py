#!/usr/bin/python3
"""gen_data_init_fixtures.py -- torch.utils.data (DataLoader orders, samplers, random_split,
default_collate), torch.nn.init and torch.nn.utils (clip_grad_norm_, clip_grad_value_,
parameters_to_vector, vector_to_parameters, rnn.pad_sequence) in real PyTorch:
test/fixtures/data.json (test/data.test.ts), test/fixtures/nn_init.json (test/nn-init.test.ts)
and test/fixtures/nn_utils.json (test/nn-utils.test.ts) (helper data).

Every random case is seeded from its own name (crc32): torch.manual_seed(seed) for the default
generator, torch.Generator().manual_seed(seed) where the case passes a generator. A loader case
records the batches of dataset indices of two epochs, len(loader), and three torch.randint draws
from the same generator afterwards (the draws the loader consumed: its base seed per epoch, then
the sampler's). The nn.init cases record the filled tensor. PyTorch 1.13's nn.init functions take
no `generator` (PyTorch 2.2 added it): the generator cases call init_with_generator below, which is
PyTorch 2's init.py with the generator passed to uniform_/normal_, so the oracle stays 1.13's kernels.

HOW TO RUN
    /usr/bin/python3 scripts/gen_data_init_fixtures.py
"""
import json
import math
import os
import sys
import warnings
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import (  # noqa: E402
    BatchSampler, DataLoader, RandomSampler, SequentialSampler, Subset, SubsetRandomSampler, TensorDataset, WeightedRandomSampler,
    random_split,
)
from torch.utils.data._utils.collate import default_collate  # noqa: E402

import gen_fixtures as base  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "test", "fixtures")


def seed_of(name):
    return zlib.crc32(name.encode())


def error_of(fn):
    """PyTorch's exception type and message for fn(), or None when it succeeds."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 -- the oracle's exception, whatever it is
        return {"error_type": type(e).__name__, "error": str(e).strip("'") if isinstance(e, KeyError) else str(e)}
    return None


def expect_error(fn):
    err = error_of(fn)
    assert err is not None, "expected an error"
    return err


# ---- torch.utils.data ------------------------------------------------------------------------

# (name, n, DataLoader keywords; "generator": True passes a torch.Generator seeded from the name)
LOADERS = [
    ("sequential/bs3", 10, {"batch_size": 3}),
    ("sequential/bs3-drop_last", 10, {"batch_size": 3, "drop_last": True}),
    ("sequential/bs-none", 4, {"batch_size": None}),
    ("shuffle/generator/bs4", 10, {"batch_size": 4, "shuffle": True, "generator": True}),
    ("shuffle/generator/bs1", 7, {"shuffle": True, "generator": True}),
    ("shuffle/generator/bs5-drop_last", 23, {"batch_size": 5, "shuffle": True, "drop_last": True, "generator": True}),
    ("shuffle/generator/bs-none", 6, {"batch_size": None, "shuffle": True, "generator": True}),
    ("shuffle/manual_seed/bs4", 10, {"batch_size": 4, "shuffle": True}),
    ("shuffle/manual_seed/bs8-drop_last", 50, {"batch_size": 8, "shuffle": True, "drop_last": True}),
    ("shuffle/manual_seed/bs16", 100, {"batch_size": 16, "shuffle": True}),
    ("shuffle/generator/large", 1000, {"batch_size": 64, "shuffle": True, "generator": True}),
]

# (name, n, RandomSampler keywords)
SAMPLERS = [
    ("random/replacement", 10, {"replacement": True}),
    ("random/replacement/num_samples70", 5, {"replacement": True, "num_samples": 70}),
    ("random/num_samples23", 10, {"num_samples": 23}),
    ("random/num_samples3", 10, {"num_samples": 3}),
]

# (name, n, lengths, whether a generator is passed)
SPLITS = [
    ("counts/3-7", 10, [3, 7], True),
    ("counts/5-5-0", 10, [5, 5, 0], True),
    ("fractions/0.3-0.3-0.4", 30, [0.3, 0.3, 0.4], True),
    ("fractions/remainder", 11, [0.5, 0.25, 0.25], True),
    ("fractions/zero-length", 3, [0.1, 0.1, 0.8], True),
    ("fractions/default-generator", 20, [0.8, 0.2], False),
    ("counts/default-generator", 8, [2, 6], False),
]


def loader_case(name, n, kwargs):
    ds = TensorDataset(torch.arange(n))
    seed = seed_of(name)
    kw = dict(kwargs)
    gen = None
    if kw.pop("generator", False):
        gen = torch.Generator().manual_seed(seed)
        kw["generator"] = gen
    torch.manual_seed(seed)
    loader = DataLoader(ds, **kw)
    epochs = []
    for _ in range(2):
        epochs.append([b[0].reshape(-1).tolist() for b in loader])
    after = torch.randint(0, 1000, (3,), generator=gen).tolist()
    return {"name": name, "n": n, "kwargs": {k: v for k, v in kwargs.items()}, "seed": seed, "epochs": epochs, "len": len(loader), "after": after}


def sampler_case(name, n, kwargs):
    seed = seed_of(name)
    s = RandomSampler(range(n), generator=torch.Generator().manual_seed(seed), **kwargs)
    return {"name": name, "n": n, "kwargs": kwargs, "seed": seed, "indices": list(s), "len": len(s)}


def split_case(name, n, lengths, with_generator):
    seed = seed_of(name)
    torch.manual_seed(seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if with_generator:
            parts = random_split(range(n), lengths, generator=torch.Generator().manual_seed(seed))
        else:
            parts = random_split(range(n), lengths)
    return {"name": name, "n": n, "lengths": lengths, "generator": with_generator, "seed": seed,
            "indices": [p.indices for p in parts], "warnings": [str(w.message) for w in caught]}


def enc_sample(v):
    """A sample as JSON: tensors tagged, tuples as lists, dicts as objects."""
    if isinstance(v, torch.Tensor):
        return {"tensor": base.enc_tensor(v)}
    if isinstance(v, (list, tuple)):
        return [enc_sample(x) for x in v]
    if isinstance(v, dict):
        return {"dict": {k: enc_sample(x) for k, x in v.items()}}
    return v


def collate_cases():
    g = torch.Generator().manual_seed(seed_of("collate"))
    x = [torch.randn(2, 3, generator=g) for _ in range(3)]
    batches = {
        "tensors": x,
        "tuples/tensor-int": [(x[i], i) for i in range(3)],
        "floats": [0.5, 1.25, -3.5],
        "ints": [3, -1, 7],
        "int-then-float": [1, 2.5],
        "bools": [True, False, True],
        "strings": ["a", "bc"],
        "dicts": [{"x": x[i], "y": i, "name": f"s{i}"} for i in range(2)],
        "nested": [[x[0], [1, 0.5]], [x[1], [2, 1.5]]],
        "int64-tensors": [torch.tensor([1, 2]), torch.tensor([3, 4])],
        "scalar-tensors": [torch.tensor(1.5), torch.tensor(2.5)],
    }
    cases = [{"name": k, "batch": enc_sample(b), "output": enc_sample(default_collate(b))} for k, b in batches.items()]
    errors = [
        {"name": "unequal-lists", "batch": [[1, 2], [3]], **expect_error(lambda: default_collate([[1, 2], [3]]))},
        {"name": "none", "batch": [None, None], **expect_error(lambda: default_collate([None, None]))},
    ]
    return cases, errors


def data_errors():
    ds = TensorDataset(torch.arange(4))
    E = []

    def add(name, ts, fn):
        E.append({"name": name, "ts": ts, **expect_error(fn)})

    add("batch_sampler-with-batch_size", "new DataLoader(ds, { batch_sampler: [[0, 1]], batch_size: 2 })",
        lambda: DataLoader(ds, batch_sampler=[[0, 1]], batch_size=2))
    add("batch_sampler-with-shuffle", "new DataLoader(ds, { batch_sampler: [[0, 1]], shuffle: true })",
        lambda: DataLoader(ds, batch_sampler=[[0, 1]], shuffle=True))
    add("batch_sampler-with-drop_last", "new DataLoader(ds, { batch_sampler: [[0, 1]], drop_last: true })",
        lambda: DataLoader(ds, batch_sampler=[[0, 1]], drop_last=True))
    add("sampler-with-shuffle", "new DataLoader(ds, { sampler: [0, 1], shuffle: true })", lambda: DataLoader(ds, sampler=[0, 1], shuffle=True))
    add("batch_size-none-drop_last", "new DataLoader(ds, { batch_size: null, drop_last: true })",
        lambda: DataLoader(ds, batch_size=None, drop_last=True))
    add("num_workers-negative", "new DataLoader(ds, { num_workers: -1 })", lambda: DataLoader(ds, num_workers=-1))
    add("timeout-negative", "new DataLoader(ds, { timeout: -1 })", lambda: DataLoader(ds, timeout=-1))
    add("persistent_workers", "new DataLoader(ds, { persistent_workers: true })", lambda: DataLoader(ds, persistent_workers=True))
    add("batch_size-zero", "new DataLoader(ds, { batch_size: 0 })", lambda: DataLoader(ds, batch_size=0))
    add("BatchSampler-batch_size", "new BatchSampler(new SequentialSampler(ds), 0, false)",
        lambda: BatchSampler(SequentialSampler(ds), 0, False))
    add("BatchSampler-bool-batch_size", "new BatchSampler(new SequentialSampler(ds), true, false)",
        lambda: BatchSampler(SequentialSampler(ds), True, False))
    add("BatchSampler-drop_last", "new BatchSampler(new SequentialSampler(ds), 2, 1)", lambda: BatchSampler(SequentialSampler(ds), 2, 1))
    add("RandomSampler-replacement", "new RandomSampler(ds, { replacement: 1 })", lambda: RandomSampler(ds, replacement=1))
    add("RandomSampler-num_samples", "new RandomSampler(ds, { num_samples: 0 })", lambda: RandomSampler(ds, num_samples=0))
    add("RandomSampler-empty", "new RandomSampler([])", lambda: RandomSampler([]))
    add("TensorDataset-sizes", "new TensorDataset(torch.zeros(3), torch.zeros(4))", lambda: TensorDataset(torch.zeros(3), torch.zeros(4)))
    add("TensorDataset-index", "new TensorDataset(torch.zeros(3)).getitem(3)", lambda: TensorDataset(torch.zeros(3))[3])
    add("Subset-index", "new Subset(ds, [0, 1]).getitem(2)", lambda: Subset(ds, [0, 1])[2])
    add("random_split-sum", "random_split(ds, [1, 2])", lambda: random_split(ds, [1, 2]))
    add("random_split-fraction", "random_split(ds, [1.5, -0.5])", lambda: random_split(ds, [1.5, -0.5]))
    return E


def subset_random_sampler_case():
    name = "subset-random"
    seed = seed_of(name)
    s = SubsetRandomSampler([10, 20, 30, 40, 50], generator=torch.Generator().manual_seed(seed))
    return {"name": name, "indices": [10, 20, 30, 40, 50], "seed": seed, "order": list(s)}


# (name, weights, num_samples, replacement)
WEIGHTED = [
    ("weighted/replacement", [0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 12, True),
    ("weighted/no-replacement", [0.9, 0.4, 0.05, 0.2, 0.3, 0.1], 5, False),
    ("weighted/zero-weight", [1.0, 0.0, 2.0], 7, True),
]


def weighted_case(name, weights, num_samples, replacement):
    seed = seed_of(name)
    s = WeightedRandomSampler(weights, num_samples, replacement, generator=torch.Generator().manual_seed(seed))
    return {"name": name, "weights": weights, "num_samples": num_samples, "replacement": replacement, "seed": seed,
            "epochs": [list(s), list(s)], "len": len(s)}


def weighted_errors():
    return [
        {"name": "WeightedRandomSampler-num_samples", "ts": "new WeightedRandomSampler([1, 2], 0)", **expect_error(lambda: WeightedRandomSampler([1, 2], 0))},
        {"name": "WeightedRandomSampler-replacement", "ts": "new WeightedRandomSampler([1, 2], 2, 1)",
         **expect_error(lambda: WeightedRandomSampler([1, 2], 2, 1))},
        {"name": "WeightedRandomSampler-2d", "ts": "new WeightedRandomSampler(torch.ones(2, 2), 2)",
         **expect_error(lambda: WeightedRandomSampler(torch.ones(2, 2), 2))},
    ]


def write_data():
    collates, collate_errors = collate_cases()
    out = {
        "loaders": [loader_case(*c) for c in LOADERS],
        "samplers": [sampler_case(*c) for c in SAMPLERS],
        "subset_random": subset_random_sampler_case(),
        "weighted": [weighted_case(*c) for c in WEIGHTED],
        "splits": [split_case(*c) for c in SPLITS],
        "collate": collates,
        "collate_errors": collate_errors,
        "errors": data_errors() + weighted_errors(),
    }
    with open(os.path.join(FIXTURES, "data.json"), "w") as f:
        json.dump(out, f)
        f.write("\n")


# ---- torch.nn.init ---------------------------------------------------------------------------

def init_with_generator(fn, t, gen, **kw):
    """PyTorch 2's nn.init `fn` with generator=gen, as torch/nn/init.py (2.2+) computes it."""
    init = nn.init
    with torch.no_grad():
        if fn == "uniform_":
            return t.uniform_(kw.get("a", 0.0), kw.get("b", 1.0), generator=gen)
        if fn == "normal_":
            return t.normal_(kw.get("mean", 0.0), kw.get("std", 1.0), generator=gen)
        if fn in ("xavier_uniform_", "xavier_normal_"):
            fan_in, fan_out = init._calculate_fan_in_and_fan_out(t)
            std = kw.get("gain", 1.0) * math.sqrt(2.0 / float(fan_in + fan_out))
            if fn == "xavier_normal_":
                return t.normal_(0.0, std, generator=gen)
            a = math.sqrt(3.0) * std
            return t.uniform_(-a, a, generator=gen)
        if fn in ("kaiming_uniform_", "kaiming_normal_"):
            fan = init._calculate_correct_fan(t, kw.get("mode", "fan_in"))
            gain = init.calculate_gain(kw.get("nonlinearity", "leaky_relu"), kw.get("a", 0))
            std = gain / math.sqrt(fan)
            if fn == "kaiming_normal_":
                return t.normal_(0, std, generator=gen)
            bound = math.sqrt(3.0) * std
            return t.uniform_(-bound, bound, generator=gen)
        if fn == "trunc_normal_":
            mean, std, a, b = kw.get("mean", 0.0), kw.get("std", 1.0), kw.get("a", -2.0), kw.get("b", 2.0)
            cdf = lambda x: (1.0 + math.erf(x / math.sqrt(2.0))) / 2.0  # noqa: E731
            lo, hi = cdf((a - mean) / std), cdf((b - mean) / std)
            t.uniform_(2 * lo - 1, 2 * hi - 1, generator=gen)
            t.erfinv_()
            t.mul_(std * math.sqrt(2.0))
            t.add_(mean)
            return t.clamp_(min=a, max=b)
        if fn == "orthogonal_":
            rows = t.size(0)
            cols = t.numel() // rows
            flat = t.new_empty((rows, cols)).normal_(0, 1, generator=gen)
            if rows < cols:
                flat.t_()
            q, r = torch.linalg.qr(flat)
            q *= torch.diag(r, 0).sign()
            if rows < cols:
                q.t_()
            t.view_as(q).copy_(q)
            return t.mul_(kw.get("gain", 1))
    raise AssertionError(fn)


# (fn, shape, kwargs, dtype, how): how "" = after torch.manual_seed, "generator" = a seeded torch.Generator
INITS = [
    ("uniform_", [3, 4], {}, "float32", ""),
    ("uniform_", [17], {"a": -2.0, "b": 0.5}, "float32", ""),
    ("uniform_", [5], {"a": -1.0, "b": 1.0}, "float64", ""),
    ("uniform_", [4, 2], {"a": 0.0, "b": 3.0}, "float32", "generator"),
    ("normal_", [3, 4], {}, "float32", ""),
    ("normal_", [40], {"mean": 1.0, "std": 0.5}, "float32", ""),
    ("normal_", [20], {"mean": -1.0, "std": 2.0}, "float64", ""),
    ("normal_", [6], {"std": 0.02}, "float32", "generator"),
    ("trunc_normal_", [5], {}, "float32", ""),
    ("trunc_normal_", [30], {"std": 0.02}, "float32", ""),
    ("trunc_normal_", [4, 5], {"mean": 0.5, "std": 1.5, "a": -1.0, "b": 1.0}, "float32", ""),
    ("trunc_normal_", [9], {"mean": 0.0, "std": 1.0, "a": 0.0, "b": 3.0}, "float64", ""),
    ("trunc_normal_", [8], {"std": 0.1}, "float32", "generator"),
    ("constant_", [2, 3], {"val": 0.3}, "float32", ""),
    ("ones_", [2, 2], {}, "float32", ""),
    ("zeros_", [3], {}, "float64", ""),
    ("eye_", [3, 5], {}, "float32", ""),
    ("eye_", [4, 2], {}, "float64", ""),
    ("dirac_", [4, 2, 3], {}, "float32", ""),
    ("dirac_", [6, 3, 3, 3], {"groups": 2}, "float32", ""),
    ("dirac_", [2, 2, 1, 2, 3], {}, "float32", ""),
    ("xavier_uniform_", [3, 4], {}, "float32", ""),
    ("xavier_uniform_", [8, 4, 3, 3], {"gain": 2 ** 0.5}, "float32", ""),
    ("xavier_uniform_", [5, 7], {}, "float64", ""),
    ("xavier_uniform_", [4, 6], {"gain": 0.5}, "float32", "generator"),
    ("xavier_normal_", [3, 4], {}, "float32", ""),
    ("xavier_normal_", [6, 2, 5], {"gain": 5.0 / 3}, "float32", ""),
    ("xavier_normal_", [5, 5], {}, "float32", "generator"),
    ("kaiming_uniform_", [3, 4], {}, "float32", ""),
    ("kaiming_uniform_", [3, 4], {"a": 5 ** 0.5}, "float32", ""),
    ("kaiming_uniform_", [16, 8], {"mode": "fan_out", "nonlinearity": "relu"}, "float32", ""),
    ("kaiming_uniform_", [4, 3, 3, 3], {"a": 0.2, "mode": "fan_in", "nonlinearity": "leaky_relu"}, "float32", ""),
    ("kaiming_uniform_", [5, 3], {"nonlinearity": "tanh"}, "float64", ""),
    ("kaiming_uniform_", [6, 2], {"mode": "FAN_OUT", "nonlinearity": "selu"}, "float32", "generator"),
    ("kaiming_normal_", [3, 4], {}, "float32", ""),
    ("kaiming_normal_", [10, 10], {"mode": "fan_out", "nonlinearity": "relu"}, "float32", ""),
    ("kaiming_normal_", [4, 2, 3], {"a": 0.1}, "float64", ""),
    ("kaiming_normal_", [3, 3], {"nonlinearity": "sigmoid"}, "float32", "generator"),
    ("orthogonal_", [3, 5], {}, "float32", ""),
    ("orthogonal_", [6, 4], {"gain": 2.0}, "float32", ""),
    ("orthogonal_", [4, 2, 3], {}, "float32", ""),
    ("orthogonal_", [5, 5], {}, "float64", ""),
    ("orthogonal_", [8, 20], {}, "float32", "generator"),
]

GAINS = [
    ("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None), ("conv_transpose1d", None), ("conv_transpose2d", None),
    ("conv_transpose3d", None), ("sigmoid", None), ("tanh", None), ("relu", None), ("leaky_relu", None), ("leaky_relu", 0.2),
    ("leaky_relu", 0), ("leaky_relu", 3), ("selu", None),
]


def init_case(fn, shape, kwargs, dtype, how):
    name = f"{fn}/{'x'.join(map(str, shape))}/{dtype}" + "".join(f"/{k}={v}" for k, v in kwargs.items()) + (f"/{how}" if how else "")
    seed = seed_of(name)
    t = torch.empty(shape, dtype=base.DTYPES[dtype])
    torch.manual_seed(seed)
    if how == "generator":
        out = init_with_generator(fn, t, torch.Generator().manual_seed(seed), **kwargs)
    else:
        out = getattr(nn.init, fn)(t, **kwargs)
    assert out is t
    return {"name": name, "fn": fn, "shape": shape, "kwargs": kwargs, "dtype": dtype, "how": how, "seed": seed, "output": base.enc_tensor(out)}


def init_errors():
    E = []

    def add(name, ts, fn):
        E.append({"name": name, "ts": ts, **expect_error(fn)})

    init = nn.init
    for f in ["xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_"]:
        add(f"{f}/1-d", f"nn.init.{f}(torch.empty(5))", lambda f=f: getattr(init, f)(torch.empty(5)))
    add("kaiming_uniform_/mode", "nn.init.kaiming_uniform_(torch.empty(3, 4), { mode: 'fan_avg' })",
        lambda: init.kaiming_uniform_(torch.empty(3, 4), mode="fan_avg"))
    add("kaiming_normal_/nonlinearity", "nn.init.kaiming_normal_(torch.empty(3, 4), { nonlinearity: 'softmax' })",
        lambda: init.kaiming_normal_(torch.empty(3, 4), nonlinearity="softmax"))
    add("calculate_gain/unsupported", "nn.init.calculate_gain('gelu')", lambda: init.calculate_gain("gelu"))
    add("calculate_gain/slope", "nn.init.calculate_gain('leaky_relu', true)", lambda: init.calculate_gain("leaky_relu", True))
    add("calculate_gain/slope-str", "nn.init.calculate_gain('leaky_relu', 'x')", lambda: init.calculate_gain("leaky_relu", "x"))
    add("eye_/3-d", "nn.init.eye_(torch.empty(2, 2, 2))", lambda: init.eye_(torch.empty(2, 2, 2)))
    add("dirac_/2-d", "nn.init.dirac_(torch.empty(2, 2))", lambda: init.dirac_(torch.empty(2, 2)))
    add("dirac_/groups", "nn.init.dirac_(torch.empty(3, 2, 2), 2)", lambda: init.dirac_(torch.empty(3, 2, 2), 2))
    add("orthogonal_/1-d", "nn.init.orthogonal_(torch.empty(4))", lambda: init.orthogonal_(torch.empty(4)))
    return E


def write_init():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = torch.empty(0, 3)
        init_zero = nn.init.kaiming_uniform_(t) is t
        zero_warning = [str(w.message) for w in caught]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.manual_seed(seed_of("trunc_normal_/far"))
        far = nn.init.trunc_normal_(torch.empty(4), mean=5.0, std=1.0, a=-1.0, b=1.0)
        far_warning = [str(w.message) for w in caught]
    out = {
        "cases": [init_case(*c) for c in INITS],
        "gains": [{"nonlinearity": n, "param": p, "gain": nn.init.calculate_gain(n, p)} for n, p in GAINS],
        "errors": init_errors(),
        "zero_element": {"returns_input": init_zero, "warnings": zero_warning},
        "trunc_far": {"seed": seed_of("trunc_normal_/far"), "output": base.enc_tensor(far), "warnings": far_warning},
    }
    with open(os.path.join(FIXTURES, "nn_init.json"), "w") as f:
        json.dump(out, f)
        f.write("\n")


# ---- torch.nn.utils --------------------------------------------------------------------------

# (name, shapes of the parameters, which have no grad, clip_grad_norm_ keywords)
CLIP_NORMS = [
    ("l2/clipped", [[3, 4], [5]], [], {"max_norm": 1.0}),
    ("l2/not-clipped", [[2, 2], [3]], [], {"max_norm": 100.0}),
    ("l1", [[3, 4], [5]], [], {"max_norm": 2.0, "norm_type": 1.0}),
    ("inf", [[3, 4], [5], [2, 2]], [], {"max_norm": 0.5, "norm_type": float("inf")}),
    ("p3", [[6], [2, 3]], [], {"max_norm": 0.7, "norm_type": 3}),
    ("one-without-grad", [[3], [4], [2]], [1], {"max_norm": 0.1}),
    ("foreach", [[3, 4], [5]], [], {"max_norm": 1.0, "foreach": False}),
    ("single-tensor", [[7]], [], {"max_norm": 0.3, "single": True}),
    ("none-with-grad", [[3]], [0], {"max_norm": 1.0}),
    ("float64", [[4, 3]], [], {"max_norm": 0.5, "dtype": "float64"}),
]


def clip_norm_case(name, shapes, no_grad, kwargs):
    seed = seed_of(name)
    torch.manual_seed(seed)
    kw = dict(kwargs)
    single = kw.pop("single", False)
    dtype = base.DTYPES[kw.pop("dtype", "float32")]
    params = [torch.randn(s, dtype=dtype, requires_grad=True) for s in shapes]
    for i, p in enumerate(params):
        if i not in no_grad:
            p.grad = torch.randn(shapes[i], dtype=dtype) * 3
    grads_before = [None if p.grad is None else base.enc_tensor(p.grad) for p in params]
    kw.pop("foreach", None)  # PyTorch 2's keyword (which loop computes the norms): 1.13 has none, the values are the same
    total = nn.utils.clip_grad_norm_(params[0] if single else params, **kw)
    return {"name": name, "seed": seed, "params": [base.enc_tensor(p.detach()) for p in params], "grads": grads_before,
            "kwargs": {k: base.enc_value(v) for k, v in kwargs.items()},
            "total_norm": base.enc_tensor(total), "grads_after": [None if p.grad is None else base.enc_tensor(p.grad) for p in params]}


def clip_value_case(name, clip_value):
    seed = seed_of(name)
    torch.manual_seed(seed)
    params = [torch.randn(3, 4, requires_grad=True), torch.randn(5, requires_grad=True)]
    for p in params:
        p.grad = torch.randn(p.shape) * 2
    before = [base.enc_tensor(p.grad) for p in params]
    result = nn.utils.clip_grad_value_(params, clip_value)
    assert result is None
    return {"name": name, "clip_value": clip_value, "grads": before, "grads_after": [base.enc_tensor(p.grad) for p in params]}


def nonfinite_cases():
    out = []
    for name, value in [("nan", float("nan")), ("inf", float("inf"))]:
        for norm_type in [2.0, float("inf")]:
            p = torch.ones(3, requires_grad=True)
            p.grad = torch.tensor([1.0, value, 2.0])
            err = error_of(lambda: nn.utils.clip_grad_norm_([p], 1.0, norm_type=norm_type, error_if_nonfinite=True))
            q = torch.ones(3, requires_grad=True)
            q.grad = torch.tensor([1.0, value, 2.0])
            total = nn.utils.clip_grad_norm_([q], 1.0, norm_type=norm_type)
            out.append({"name": f"{name}/{norm_type}", "grad": base.enc_tensor(p.grad), "norm_type": base.enc_value(norm_type),
                        "error": err, "total_norm": base.enc_tensor(total), "grad_after": base.enc_tensor(q.grad)})
    return out


def vector_cases():
    seed = seed_of("parameters_to_vector")
    torch.manual_seed(seed)
    params = [torch.randn(2, 3, requires_grad=True), torch.randn(4, requires_grad=True), torch.randn(1, 2, 2, requires_grad=True)]
    before = [base.enc_tensor(p.detach()) for p in params]  # vector_to_parameters rebinds their data below
    vec = nn.utils.parameters_to_vector(params)
    upstream = torch.randn(vec.shape)
    vec.backward(upstream)
    new = torch.randn(vec.numel())
    nn.utils.vector_to_parameters(new, params)
    errors = [
        {"name": "short", **expect_error(lambda: nn.utils.vector_to_parameters(torch.zeros(5), [torch.zeros(2, 3)]))},
        {"name": "not-a-tensor", **expect_error(lambda: nn.utils.vector_to_parameters([1.0, 2.0], [torch.zeros(2)]))},
    ]
    return {"params": before, "vector": base.enc_tensor(vec), "grad_fn": type(vec.grad_fn).__name__,
            "upstream": base.enc_tensor(upstream), "grads": [base.enc_tensor(p.grad) for p in params], "new": base.enc_tensor(new),
            "after": [base.enc_tensor(p.detach()) for p in params], "errors": errors}


# (name, lengths, trailing shape, dtype, keywords)
PADS = [
    ("1-d", [3, 1, 4], [], "float32", {}),
    ("1-d/batch_first", [3, 1, 4], [], "float32", {"batch_first": True}),
    ("2-d/padding_value", [2, 5, 3], [2], "float32", {"padding_value": -1.5}),
    ("3-d/batch_first", [1, 3], [2, 2], "float64", {"batch_first": True, "padding_value": 7.0}),
    ("equal-lengths", [2, 2], [3], "float32", {}),
    ("empty-sequence", [0, 2], [], "float32", {"batch_first": True}),
    ("int64", [2, 3], [], "int64", {"padding_value": 9}),
]


def pad_case(name, lengths, trailing, dtype, kwargs):
    seed = seed_of(name)
    torch.manual_seed(seed)
    floating = dtype.startswith("float")
    seqs = [(torch.randn([n] + trailing, dtype=base.DTYPES[dtype], requires_grad=True) if floating
             else torch.randint(0, 10, [n] + trailing)) for n in lengths]
    out = nn.utils.rnn.pad_sequence(seqs, **kwargs)
    case = {"name": name, "sequences": [base.enc_tensor(s) for s in seqs], "kwargs": kwargs, "output": base.enc_tensor(out)}
    if floating:
        upstream = torch.randn(out.shape, dtype=out.dtype)
        out.backward(upstream)
        case["upstream"] = base.enc_tensor(upstream)
        case["grads"] = [base.enc_tensor(s.grad) for s in seqs]
    return case


def write_utils():
    pad_errors = [
        {"name": "empty", **expect_error(lambda: nn.utils.rnn.pad_sequence([]))},
        {"name": "trailing", **expect_error(lambda: nn.utils.rnn.pad_sequence([torch.zeros(2, 3), torch.zeros(2, 4)]))},
    ]
    out = {
        "clip_norm": [clip_norm_case(*c) for c in CLIP_NORMS],
        "clip_value": [clip_value_case(f"clip_value/{v}", v) for v in [0.5, 1.0, 3.0]],
        "nonfinite": nonfinite_cases(),
        "empty_total": base.enc_tensor(nn.utils.clip_grad_norm_([torch.zeros(2, requires_grad=True)], 1.0)),
        "vector": vector_cases(),
        "pad": [pad_case(*c) for c in PADS],
        "pad_errors": pad_errors,
    }
    with open(os.path.join(FIXTURES, "nn_utils.json"), "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    write_data()
    write_init()
    write_utils()
