#!/usr/bin/env python3
"""Fixtures for test/ctor-args.test.ts: torch.nn constructor arguments wasmgrad used to refuse (issue 8).

embedding: nn.Embedding / Embedding.from_pretrained / F.embedding with max_norm and norm_type -> the weight
after forward (the rows read renormalised in place), the output, the weight's gradient, the repr.
legacy: every loss class taking size_average / reduce, each combination None/True/False (and 0) x
None/True/False -> the reduction, the UserWarning, the repr; a few losses' outputs for each combination.
factory: module classes given dtype=torch.float64 -> each parameter's and buffer's dtype.

PyTorch 2 semantics equal 1.13's here. Run: /usr/bin/python3 scripts/gen_ctor_args_fixtures.py
"""
import json, math, os, sys, warnings, zlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401
import torch
import torch.nn.functional as F
from gen_fixtures import enc_tensor, enc_value
from gen_module_signatures import rows

nn = torch.nn
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seeded(case_id):
    torch.manual_seed(zlib.crc32(case_id.encode()))


def warned(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        out = fn()
    return out, [str(x.message) for x in w if issubclass(x.category, UserWarning)]


# ---- Embedding max_norm ----------------------------------------------------------------------------------
# (id, rows, dim, indices, max_norm, norm_type, padding_idx, dtype, how)
EMBEDDING = [
    ('l2', 6, 3, [[0, 2, 2], [5, 1, 0]], 1.0, 2.0, None, 'float32', 'ctor'),
    ('l1', 5, 4, [4, 3, 3, 0], 0.5, 1.0, None, 'float32', 'ctor'),
    ('l3', 5, 2, [1, 2, 4], 1.5, 3.0, None, 'float32', 'pretrained'),
    ('linf', 4, 3, [[3], [1]], 0.75, math.inf, None, 'float32', 'pretrained'),
    ('padding', 5, 3, [0, 1, 4, 1], 1.0, 2.0, 1, 'float32', 'ctor'),
    ('zero_max_norm', 4, 2, [2, 0], 0.0, 2.0, None, 'float32', 'ctor'),
    ('float64', 5, 3, [[4, 0], [0, 2]], 1.25, 2.0, None, 'float64', 'pretrained'),
    ('empty', 4, 3, [], 1.0, 2.0, None, 'float32', 'ctor'),
    ('scalar_index', 4, 3, 2, 0.3, 2.0, None, 'float32', 'functional'),
    ('edges', 5, 3, [0, 1, 2, 3, 4], 1.0, 2.0, None, 'float32', 'functional'),  # rows: zero, exactly 1, nan, inf
]


def embedding_case(case_id, n, d, idx, max_norm, norm_type, pad, dtype, how):
    seeded(case_id)
    dt = getattr(torch, dtype)
    w0 = (torch.randn(n, d) * 1.5).to(dt)
    if case_id == 'edges':
        w0[0] = 0
        w0[1] = torch.tensor([0.6, 0.8, 0.0], dtype=dt)  # norm 1 (in float32 too): not above max_norm, kept
        w0[2, 1] = math.nan
        w0[3, 0] = math.inf
    index = torch.tensor(idx, dtype=torch.int64)
    w = w0.clone().requires_grad_()
    if how == 'ctor':
        m = nn.Embedding(n, d, padding_idx=pad, max_norm=max_norm, norm_type=norm_type, dtype=dt)
        with torch.no_grad():
            m.weight.copy_(w0)
        w = m.weight
        out = m(index)
        rep = repr(m)
    elif how == 'pretrained':
        m = nn.Embedding.from_pretrained(w0.clone(), freeze=False, padding_idx=pad, max_norm=max_norm, norm_type=norm_type)
        w = m.weight
        out = m(index)
        rep = repr(m)
    else:
        out = F.embedding(index, w, padding_idx=pad, max_norm=max_norm, norm_type=norm_type)
        rep = None
    g = torch.randn(out.shape).to(dt)
    (out * g).sum().backward()
    return {'id': case_id, 'how': how, 'num_embeddings': n, 'embedding_dim': d, 'max_norm': max_norm,
            'norm_type': enc_value(norm_type), 'padding_idx': pad, 'weight': enc_tensor(w0), 'index': enc_tensor(index),
            'grad_output': enc_tensor(g), 'repr': rep, 'weight_after': enc_tensor(w.detach()), 'output': enc_tensor(out.detach()),
            'weight_grad': enc_tensor(w.grad)}


# ---- size_average / reduce ----------------------------------------------------------------------------------
LEGACY_VALUES = [None, True, False]
LOSSES = sorted(name for name, row in rows().items() if 'size_average' in row['p'])
# (loss, the inputs of forward): each combination's output
LOSS_INPUTS = {
    'MSELoss': lambda: (torch.randn(3, 4), torch.randn(3, 4)),
    'CrossEntropyLoss': lambda: (torch.randn(4, 5), torch.tensor([0, 4, 2, 2])),
    'KLDivLoss': lambda: (F.log_softmax(torch.randn(3, 4), 1), F.softmax(torch.randn(3, 4), 1)),
    'MarginRankingLoss': lambda: (torch.randn(5), torch.randn(5), torch.tensor([1., -1., 1., 1., -1.])),
}


def legacy_cases():
    out = []
    combos = [(s, r, {}) for s in LEGACY_VALUES for r in LEGACY_VALUES]
    combos += [(0, None, {}), (None, 0, {}), (True, None, {'reduction': 'none'}), (False, True, {'reduction': 'mean'})]
    for name in LOSSES:
        for s, r, extra in combos:
            kwargs = {**extra}
            if s is not None:
                kwargs['size_average'] = s
            if r is not None:
                kwargs['reduce'] = r
            cls = getattr(nn, name)
            m, msgs = warned(lambda: cls(**kwargs))
            msgs = [x for x in msgs if 'NLLLoss2d has been deprecated' not in x]
            case = {'module': name, 'kwargs': kwargs, 'reduction': m.reduction, 'warnings': msgs, 'repr': repr(m)}
            if name in LOSS_INPUTS:
                case_id = f'{name}/{s}/{r}/{extra}'
                seeded(case_id)
                inputs = LOSS_INPUTS[name]()
                case['inputs'] = [enc_tensor(t) for t in inputs]
                case['output'] = enc_tensor(m(*inputs))
            out.append(case)
    return out


# ---- device / dtype ------------------------------------------------------------------------------------------
# (id, class, args, kwargs, the shape of a ones input to forward first (lazy modules) or None)
FACTORY = [
    ('conv1d', 'Conv1d', [2, 3, 2], {}, None),
    ('conv2d', 'Conv2d', [1, 2, 2], {'bias': False}, None),
    ('conv3d', 'Conv3d', [1, 2, [1, 2, 1]], {}, None),
    ('convt1d', 'ConvTranspose1d', [2, 2, 2], {}, None),
    ('convt2d', 'ConvTranspose2d', [1, 2, 2], {'groups': 1}, None),
    ('convt3d', 'ConvTranspose3d', [2, 1, 1], {}, None),
    ('layernorm', 'LayerNorm', [3], {}, None),
    ('layernorm_no_affine', 'LayerNorm', [3], {'elementwise_affine': False}, None),
    ('groupnorm', 'GroupNorm', [2, 4], {}, None),
    ('groupnorm_no_affine', 'GroupNorm', [2, 4], {'affine': False}, None),
    ('linear', 'Linear', [2, 3], {}, None),
    ('embedding', 'Embedding', [3, 2], {}, None),
    ('embeddingbag', 'EmbeddingBag', [7, 3], {}, None),  # 21 values: normal_'s 16-at-a-time path
    ('batchnorm', 'BatchNorm1d', [2], {}, None),
    ('lazylinear', 'LazyLinear', [2], {}, [1, 3]),
    ('lazyconv1d', 'LazyConv1d', [2, 2], {}, [1, 3, 4]),
    ('lazyconvt2d', 'LazyConvTranspose2d', [2, 2], {}, [1, 1, 2, 2]),
    ('lazybatchnorm', 'LazyBatchNorm1d', [], {}, [2, 3]),
]


def factory_cases():
    out = []
    for case_id, name, args, kwargs, first in FACTORY:
        for dtype in ('float64', 'float32'):
            seeded(f'{case_id}/{dtype}')
            seed = torch.initial_seed()
            dt = getattr(torch, dtype)
            m, _ = warned(lambda: getattr(nn, name)(*args, **kwargs, dtype=dt))
            if first is not None:
                m(torch.ones(first, dtype=dt))
            out.append({'id': f'{case_id}/{dtype}', 'module': name, 'args': args, 'kwargs': kwargs, 'dtype': dtype, 'seed': seed,
                        'first_input': first, 'repr': repr(m),
                        'params': [[k, enc_tensor(p)] for k, p in m.named_parameters()],
                        'buffers': [[k, enc_tensor(b)] for k, b in m.named_buffers()]})
    return out


def main():
    fixture = {
        'generator': 'scripts/gen_ctor_args_fixtures.py',
        'torch': torch.__version__,
        'embedding': [embedding_case(*c) for c in EMBEDDING],
        'legacy': legacy_cases(),
        'factory': factory_cases(),
    }
    path = os.path.join(ROOT, 'test', 'fixtures', 'ctor_args.json')
    with open(path, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')
    print(f'wrote {path}: {len(fixture["embedding"])} embedding, {len(fixture["legacy"])} legacy, {len(fixture["factory"])} factory cases')


if __name__ == '__main__':
    main()
