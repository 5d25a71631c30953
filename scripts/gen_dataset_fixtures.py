#!/usr/bin/python3
"""torch.utils.data's ConcatDataset, IterableDataset (a DataLoader over a stream) and ChainDataset, and
torch.nn.utils.rnn's pack_sequence / unpack_sequence, in real PyTorch (helper sample):
test/fixtures/datasets.json, read by test/data-streams.test.ts.

HOW TO RUN
    /usr/bin/python3 scripts/gen_dataset_fixtures.py

Datasets are Python lists (a plain JS array on the TS side) and `Count(start, stop, with_len)`, an
IterableDataset yielding start..stop-1 (with or without __len__); the TS test builds the same. Each
loader case iterates from torch.manual_seed(seed) and records the batches (as nested lists), len(loader)
and the next draw of the global generator afterwards (the loader draws its base seed as PyTorch's).
Errors record PyTorch's exception type and message.
"""
import json
import os
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
from torch.utils.data import ChainDataset, ConcatDataset, DataLoader, IterableDataset  # noqa: E402
from torch.nn.utils.rnn import pack_sequence, unpack_sequence  # noqa: E402

import gen_fixtures as base  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "datasets.json")


class Count(IterableDataset):
    def __init__(self, start, stop, with_len=True):
        self.start, self.stop, self.with_len = start, stop, with_len

    def __iter__(self):
        return iter(range(self.start, self.stop))

    def __len__(self):
        if not self.with_len:
            raise TypeError(f"object of type '{type(self).__name__}' has no len()")
        return self.stop - self.start


def build(spec):
    """("list", values) | ("count", start, stop, with_len) | ("concat", [specs]) | ("chain", [specs])."""
    kind = spec[0]
    if kind == "list":
        return list(spec[1])
    if kind == "count":
        return Count(*spec[1:])
    if kind == "concat":
        return ConcatDataset([build(s) for s in spec[1]])
    return ChainDataset([build(s) for s in spec[1]])


def plain(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": base.enc_tensor(v, requires_grad=False)}
    if isinstance(v, (list, tuple)):
        return [plain(e) for e in v]
    return v


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 -- the error is the fixture
        return {"error_type": type(e).__name__, "error": str(e)}
    raise AssertionError("PyTorch accepted it")


CONCAT = ("concat", [("list", [0, 1, 2]), ("list", [10, 11, 12, 13]), ("list", [20, 21])])


def concat_case():
    d = build(CONCAT)
    return {"spec": CONCAT, "len": len(d), "cumulative_sizes": d.cumulative_sizes,
            "items": [[i, d[i]] for i in range(-len(d), len(d))],
            "errors": [dict(index=i, **error_of(lambda i=i: d[i])) for i in (len(d), -len(d) - 1)]}


# (name, dataset spec, DataLoader keywords, seeded generator: the loader's own generator's seed or None)
LOADERS = [
    ("ConcatDataset shuffled", CONCAT, {"batch_size": 3, "shuffle": True}, 5),
    ("ConcatDataset after manual_seed", CONCAT, {"batch_size": 4, "shuffle": True}, None),
    ("IterableDataset batch_size 3", ("count", 0, 10, True), {"batch_size": 3}, None),
    ("IterableDataset drop_last", ("count", 0, 10, True), {"batch_size": 3, "drop_last": True}, None),
    ("IterableDataset batch_size None", ("count", 5, 9, True), {"batch_size": None}, None),
    ("IterableDataset exact batches", ("count", 0, 6, True), {"batch_size": 2}, None),
    ("IterableDataset without len", ("count", 0, 5, False), {"batch_size": 2}, None),
    ("ChainDataset", ("chain", [("count", 0, 3, True), ("count", 100, 105, True)]), {"batch_size": 4}, None),
    ("ChainDataset drop_last", ("chain", [("count", 0, 3, True), ("count", 100, 105, True)]), {"batch_size": 3, "drop_last": True}, None),
]


def loader_case(name, spec, kwargs, gen_seed):
    seed = zlib.crc32(name.encode())
    torch.manual_seed(seed)
    ds = build(spec)
    kw = dict(kwargs)
    if gen_seed is not None:
        kw["generator"] = torch.Generator().manual_seed(gen_seed)
    loader = DataLoader(ds, **kw)
    try:
        length = len(loader)
    except TypeError as e:
        length = {"error_type": type(e).__name__, "error": str(e)}
    batches = [plain(b) for b in loader]
    after = torch.randint(0, 1 << 30, (1,)).item()
    return {"name": name, "seed": seed, "spec": spec, "kwargs": kwargs, "generator_seed": gen_seed, "len": length, "batches": batches, "after": after}


def chain_case():
    spec = ("chain", [("count", 0, 3, True), ("count", 7, 9, True)])
    d = build(spec)
    return {"spec": spec, "items": list(d), "len": len(d)}


def errors():
    count = ("count", 0, 4, True)
    cases = [
        ("DataLoader(IterableDataset, shuffle=True)", count, {"shuffle": True}, lambda: DataLoader(build(count), shuffle=True)),
        ("ConcatDataset([])", None, None, lambda: ConcatDataset([])),
        ("ConcatDataset([IterableDataset])", ("concat", [count]), None, lambda: build(("concat", [count]))),
        ("ChainDataset over a list: iteration", ("chain", [count, ("list", [1, 2])]), None,
         lambda: list(build(("chain", [count, ("list", [1, 2])])))),
        ("ChainDataset over a list: len", ("chain", [count, ("list", [1, 2])]), "len",
         lambda: len(build(("chain", [count, ("list", [1, 2])])))),
    ]
    return [dict(name=n, spec=s, kwargs=k, **error_of(f)) for n, s, k, f in cases]


# (name, sequence lengths, enforce_sorted, trailing shape)
PACKS = [
    ("sorted", [4, 2, 1], True, []),
    ("unsorted", [2, 5, 3], False, [2]),
    ("one sequence", [3], True, [2]),
    ("ties", [2, 3, 2], False, []),
]


def pack_case(name, lengths, enforce_sorted, trailing):
    with base.seeded("pack_sequence " + name):
        seqs = [torch.randn([n, *trailing]).requires_grad_() for n in lengths]
        packed = pack_sequence(seqs, enforce_sorted=enforce_sorted)
        upstream = torch.randn(packed.data.shape)
        grads = torch.autograd.grad((packed.data * upstream).sum(), seqs)
        unpacked = unpack_sequence(packed)
        enc = lambda t: base.enc_tensor(t.detach(), requires_grad=False)  # noqa: E731
        opt = lambda t: None if t is None else enc(t)  # noqa: E731
        return {"name": name, "enforce_sorted": enforce_sorted, "sequences": [enc(s) for s in seqs], "data": enc(packed.data),
                "batch_sizes": enc(packed.batch_sizes), "sorted_indices": opt(packed.sorted_indices),
                "unsorted_indices": opt(packed.unsorted_indices), "upstream": enc(upstream), "grads": [enc(g) for g in grads],
                "unpacked": [enc(u) for u in unpacked], "grad_fn": type(packed.data.grad_fn).__name__}


def pack_error():
    seqs = [torch.zeros(2), torch.zeros(3)]
    return dict(lengths=[2, 3], **error_of(lambda: pack_sequence(seqs)))


def main():
    fix = {"generator": "scripts/gen_dataset_fixtures.py", "torch": torch.__version__, "concat": concat_case(),
           "loaders": [loader_case(*c) for c in LOADERS], "chain": chain_case(), "errors": errors(),
           "packs": [pack_case(*c) for c in PACKS], "pack_error": pack_error()}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['loaders'])} loaders, {len(fix['errors'])} errors, {len(fix['packs'])} packs")


if __name__ == "__main__":
    main()
