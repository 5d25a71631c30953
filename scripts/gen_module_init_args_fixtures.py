#!/usr/bin/env python3
"""Fixtures for test/module-init-args.test.ts: torch.nn module constructors against PyTorch 1.13.

cases: for modules in SAMPLE, the same arguments spelt all-positional, all-keyword and mixed -> repr and
parameter shapes. errors: for every module class torch 1.13 has, the four binding TypeErrors (unexpected
keyword, multiple values, too many positionals, missing required) -> Python's message.

PyTorch 2 difference (docs/api.md): classes without their own __init__ (e.g. Tanh) raise from Module.__init__,
which PyTorch 2 words with the class name ("Tanh.__init__() ...") and 1.13 with "Module.__init__()"; we
record PyTorch 2's wording (the substitution in message()). Likewise Upsample's repr quotes the mode in
PyTorch 2 (pt2_repr()). Lazy modules' uninitialized parameters are left out of the parameter shapes.

Run: /usr/bin/python3 scripts/gen_module_init_args_fixtures.py
"""
import inspect, json, os, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_module_signatures import rows, PT2_PARAMS

nn = torch.nn
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Arguments in PyTorch's positional order: the required ones and a few optional ones.
SAMPLE = {
    'Linear': [2, 3, False], 'Bilinear': [2, 3, 4, False], 'LazyLinear': [3, False],
    'Conv1d': [1, 2, 3, 2, 1], 'Conv2d': [1, 16, 3, 1, 1], 'Conv3d': [2, 4, [1, 2, 3], 1, 0, 1, 2, False],
    'ConvTranspose1d': [1, 2, 3, 2, 1, 1], 'ConvTranspose2d': [2, 4, 3, 1, 0, 0, 2], 'ConvTranspose3d': [1, 2, 2, 1, 0, 0, 1, False],
    'MaxPool1d': [3, 2, 1], 'MaxPool2d': [2, 1, 1, 1, False, True], 'MaxPool3d': [2, 2, 0],
    'AvgPool1d': [3, 2, 1, True, False], 'AvgPool2d': [2, 1, 1, False, True, 3], 'AvgPool3d': [2, 1, 0, True],
    'AdaptiveAvgPool1d': [2], 'AdaptiveAvgPool2d': [[2, 3]], 'AdaptiveAvgPool3d': [1],
    'AdaptiveMaxPool1d': [2, True], 'AdaptiveMaxPool2d': [[2, 3], False], 'AdaptiveMaxPool3d': [1, True],
    'MaxUnpool1d': [2, 2, 0], 'MaxUnpool2d': [2, 1, 1], 'LPPool1d': [2, 3, 1], 'LPPool2d': [1.5, 2, 2, True],
    'BatchNorm1d': [3, 0.001, 0.2, True, False], 'BatchNorm2d': [4, 1e-05, 0.2, False], 'BatchNorm3d': [2, 0.1, 0.3],
    'LayerNorm': [[3, 2], 0.001, False], 'GroupNorm': [2, 4, 0.001, False],
    'InstanceNorm1d': [3, 0.001, 0.2, True, True], 'InstanceNorm2d': [4, 1e-05, 0.1, False], 'InstanceNorm3d': [2],
    'LocalResponseNorm': [3, 0.001, 0.5, 2.0],
    'Embedding': [4, 2, 1], 'EmbeddingBag': [5, 3], 'Dropout': [0.3, False], 'Dropout1d': [0.2], 'Dropout2d': [0.1, True],
    'Dropout3d': [0.4], 'AlphaDropout': [0.25], 'FeatureAlphaDropout': [0.5, False],
    'Flatten': [0, 2], 'Unflatten': [1, [2, 3]], 'Identity': [3, 4],
    'ELU': [0.5, False], 'LeakyReLU': [0.2, True], 'Softmax': [1], 'LogSoftmax': [0], 'Softmin': [1], 'Softplus': [2, 10],
    'Hardtanh': [-2.0, 2.0, False], 'Threshold': [0.1, 20.0, False], 'CELU': [0.5], 'GELU': ['tanh'], 'PReLU': [3, 0.1],
    'RReLU': [0.1, 0.3], 'Softshrink': [0.3], 'Hardshrink': [0.7], 'GLU': [0], 'ReLU': [True], 'ReLU6': [True], 'SELU': [True],
    'SiLU': [True], 'Mish': [False], 'Hardswish': [True], 'Hardsigmoid': [False],
    'MSELoss': [None, None, 'sum'], 'L1Loss': [None, None, 'none'], 'BCELoss': [None, None, None, 'sum'],
    'BCEWithLogitsLoss': [None, None, None, 'none'], 'NLLLoss': [None, None, 2, None, 'sum'],
    'CrossEntropyLoss': [None, None, -1, None, 'mean', 0.1], 'SmoothL1Loss': [None, None, 'sum', 0.5],
    'HuberLoss': ['sum', 2.0], 'SoftMarginLoss': [None, None, 'sum'], 'KLDivLoss': [None, None, 'batchmean', True],
    'MarginRankingLoss': [0.5, None, None, 'sum'], 'HingeEmbeddingLoss': [2.0, None, None, 'none'],
    'CosineEmbeddingLoss': [0.1, None, None, 'sum'], 'PoissonNLLLoss': [False, True, None, 1e-06, None, 'sum'],
    'TripletMarginLoss': [2.0, 3.0, 1e-05, True], 'MultiLabelSoftMarginLoss': [None, None, None, 'sum'],
    'MultiMarginLoss': [2, 0.5, None, None, None, 'sum'], 'MultiLabelMarginLoss': [None, None, 'sum'],
    'CTCLoss': [1, 'sum', True],
    'RNN': [2, 3, 2],  # nonlinearity: 4th positional in PyTorch 2, keyword-only in 1.13 (EXTRA)
    'LSTM': [2, 3, 1, True, True, 0.0, True], 'GRU': [3, 4, 2, False],
    'RNNCell': [2, 3, False, 'relu'], 'LSTMCell': [2, 3, False], 'GRUCell': [3, 4],
    'MultiheadAttention': [4, 2, 0.0, False], 'TransformerEncoderLayer': [4, 2, 8, 0.0],
    'TransformerDecoderLayer': [4, 2, 8, 0.0, 'gelu'],
    'Upsample': [None, 2.0, 'nearest'], 'UpsamplingNearest2d': [None, 2], 'UpsamplingBilinear2d': [[4, 4]],
    'PixelShuffle': [2], 'PixelUnshuffle': [3], 'ChannelShuffle': [2],
    'ConstantPad1d': [2, 1.5], 'ConstantPad2d': [[1, 0, 2, 1], 0.0], 'ConstantPad3d': [1, -1.0], 'ZeroPad2d': [[1, 2, 0, 1]],
    'ReflectionPad1d': [2], 'ReflectionPad2d': [[1, 1, 2, 0]], 'ReflectionPad3d': [1], 'ReplicationPad1d': [[1, 2]],
    'ReplicationPad2d': [1], 'ReplicationPad3d': [2],
    'CosineSimilarity': [0, 1e-06], 'PairwiseDistance': [1.0, 1e-05, True],
    'Fold': [[4, 5], 2, 1, 0, 1], 'Unfold': [2, 1, 0, 1], 'CrossMapLRN2d': [3, 0.001, 0.5, 2],
    'FractionalMaxPool2d': [2, [3, 3]], 'AdaptiveLogSoftmaxWithLoss': [8, 10, [4, 8], 2.0],
}


EXTRA = [('RNN', [2, 3], {'nonlinearity': 'relu', 'bias': False, 'batch_first': True})]


def spellings(name, args):
    sig = inspect.signature(getattr(nn, name).__init__)
    names = [p.name for p in list(sig.parameters.values())[1:]]
    if name in ('RNN', 'LSTM', 'GRU'):
        names = rows()[name]['p']
    if name == 'Identity':
        return [('positional', args, {})]
    kw = dict(zip(names, args))
    half = (len(args) + 1) // 2
    out = [('positional', args, {}), ('keyword', [], kw), ('mixed', args[:half], dict(zip(names[half:], args[half:])))]
    if len(args) > 2:  # a later optional by name, an earlier one left out
        out.append(('skip', args[:1], {names[len(args) - 1]: args[-1]}))
    return out


def tuples(v):
    """JSON lists are the tuples a Python caller writes (PyTorch keeps them, and prints them, as given)."""
    if isinstance(v, list): return tuple(tuples(x) for x in v)
    if isinstance(v, dict): return {k: tuples(x) for k, x in v.items()}
    return v


def pt2_repr(m):
    """PyTorch 2 prints Upsample's mode with repr() ("mode='nearest'"); 1.13 without quotes."""
    r = repr(m)
    if isinstance(m, nn.Upsample):
        r = r.replace(f'mode={m.mode}', f'mode={m.mode!r}')
    return r


def message(name, e):
    msg = str(e)
    if msg.startswith('Module.__init__()'):
        msg = name + msg[len('Module'):]
    return msg


def try_call(name, args, kwargs):
    try:
        getattr(nn, name)(*args, **kwargs)
    except TypeError as e:
        return message(name, e)
    return None


def main():
    torch.manual_seed(0)
    table = rows()
    cases = []
    for name, args in SAMPLE.items():
        for spelling, a, kw in spellings(name, args) + [('extra', a, kw) for n, a, kw in EXTRA if n == name]:
            if spelling == 'skip' and table[name]['r'] > 1:
                continue
            torch.manual_seed(len(cases))
            try:
                m = getattr(nn, name)(*tuples(a), **tuples(kw))
            except Exception:
                print('FAIL', name, spelling, a, kw); raise
            cases.append({'module': name, 'spelling': spelling, 'args': a, 'kwargs': kw, 'repr': pt2_repr(m),
                          'params': [[n, list(p.shape)] for n, p in m.named_parameters()
                                     if not isinstance(p, nn.parameter.UninitializedParameter)]})
    errors = []
    for name, row in table.items():
        if not hasattr(nn, name) or row.get('any'):
            continue
        p = row['p']
        tries = [('unexpected', [], {'bogus_kw': 1})]
        if p:
            tries.append(('duplicate', [1], {p[0]: 1}))
        # 1.13's RNN pops the 4th positional (nonlinearity) before counting; PT2_PARAMS classes take one more
        if name != 'RNN' and name not in PT2_PARAMS:
            tries.append(('too_many', [1] * (len(p) + 1), {}))
        if row['r'] > 0:
            tries.append(('missing', [], {}))
        if row['r'] > 1:
            tries.append(('missing_some', [1], {}))
        for kind, a, kw in tries:
            msg = try_call(name, a, kw)
            assert msg is not None, (name, kind)
            errors.append({'module': name, 'kind': kind, 'args': a, 'kwargs': kw, 'message': msg})
    out = {'cases': cases, 'errors': errors}
    path = os.path.join(ROOT, 'test/fixtures/module_init_args.json')
    json.dump(out, open(path, 'w'), indent=0)
    print(len(cases), 'cases,', len(errors), 'errors ->', path)


if __name__ == '__main__':
    main()
