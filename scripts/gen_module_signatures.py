#!/usr/bin/env python3
"""Writes src/nn/init_signatures.generated.ts (every torch.nn module's __init__ parameters, from
inspect.signature in torch 1.13) and src/nn/namespace.generated.ts (the torch.nn namespace whose module
classes bind their constructor arguments through src/nn/init_args.ts).

Run: /usr/bin/python3 scripts/gen_module_signatures.py   (rerun after exporting a new module class)

Hand-written rows, because torch 1.13 lacks the class or hides the signature behind *args/**kwargs:
  - PyTorch 2 additions (EXTRA below): ZeroPad1d/3d, CircularPad1d/2d/3d (2.1), LPPool3d (2.2), RMSNorm (2.4).
  - RNN/LSTM/GRU: 1.13 forwards *args/**kwargs to RNNBase.__init__(mode, ...), so Python's messages name
    RNNBase.__init__ and count the hidden `mode`; the row says so (hidden=1). RNN also accepts
    `nonlinearity`, as 4th positional or by name (RNN.__init__ pops it before forwarding).
  - Parameters PyTorch 2 added to 1.13's classes (PT2_PARAMS below): `bias` of LayerNorm and the Transformer
    layers (2.1), inserted where PyTorch 2 has them.
  - Module.__init__ (classes without their own __init__, e.g. Tanh): PyTorch 2 names the class
    ("Tanh.__init__() got an unexpected keyword argument 'x'"); 1.13 says "Module.__init__()". We follow 2.
"""
import inspect, json, os, re
import torch

nn = torch.nn
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTAINERS = {'Sequential', 'ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict', 'Container', 'Module'}


def row_from(fn, name):
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())[1:]  # self
    P = inspect.Parameter
    pos = [p.name for p in params if p.kind == P.POSITIONAL_OR_KEYWORD]
    kw = [p.name for p in params if p.kind == P.KEYWORD_ONLY]
    req = sum(1 for p in params if p.kind == P.POSITIONAL_OR_KEYWORD and p.default is P.empty)
    kreq = [p.name for p in params if p.kind == P.KEYWORD_ONLY and p.default is P.empty]
    owner = fn.__qualname__.rsplit('.', 1)[0]
    row = {'q': name if owner == 'Module' else owner, 'p': pos, 'r': req}
    if kw: row['k'] = kw
    if kreq: row['kr'] = kreq
    if any(p.kind == P.VAR_POSITIONAL for p in params) or any(p.kind == P.VAR_KEYWORD for p in params):
        row['any'] = True
    return row


# PyTorch 2 classes torch 1.13 lacks: their signatures, copied from PyTorch 2's source.
class _Extra:
    class ZeroPad1d:
        def __init__(self, padding): pass
    class ZeroPad3d:
        def __init__(self, padding): pass
    class CircularPad1d:
        def __init__(self, padding): pass
    class CircularPad2d:
        def __init__(self, padding): pass
    class CircularPad3d:
        def __init__(self, padding): pass
    class RMSNorm:
        def __init__(self, normalized_shape, eps=None, elementwise_affine=True, device=None, dtype=None): pass
    class _LPPoolNd:  # LPPool3d inherits it, as LPPool1d/2d do
        def __init__(self, norm_type, kernel_size, stride=None, ceil_mode=False): pass


# class -> (parameter PyTorch 2 added, the parameter it follows)
PT2_PARAMS = {'LayerNorm': ('bias', 'elementwise_affine'), 'TransformerEncoderLayer': ('bias', 'norm_first'),
              'TransformerDecoderLayer': ('bias', 'norm_first'), 'Transformer': ('bias', 'norm_first')}


def rows():
    out = {}
    for name in sorted(dir(nn)):
        cls = getattr(nn, name)
        if not (isinstance(cls, type) and issubclass(cls, nn.Module)) or name in CONTAINERS:
            continue
        out[name] = row_from(cls.__init__, name)
    ndq = nn.modules.linear.NonDynamicallyQuantizableLinear
    out['NonDynamicallyQuantizableLinear'] = row_from(ndq.__init__, 'NonDynamicallyQuantizableLinear')
    base = row_from(nn.RNNBase.__init__, 'RNNBase')
    for name in ('LSTM', 'GRU'):
        out[name] = {'q': 'RNNBase', 'p': base['p'][1:], 'r': base['r'] - 1, 'hidden': 1}
    rnn = dict(out['LSTM'])
    rnn['p'] = rnn['p'][:3] + ['nonlinearity'] + rnn['p'][3:]
    out['RNN'] = rnn
    for name in ('ZeroPad1d', 'ZeroPad3d', 'CircularPad1d', 'CircularPad2d', 'CircularPad3d', 'RMSNorm'):
        out[name] = row_from(getattr(_Extra, name).__init__, name)
    out['LPPool3d'] = row_from(_Extra._LPPoolNd.__init__, 'LPPool3d')
    for name, (param, after) in PT2_PARAMS.items():
        p = list(out[name]['p'])
        p.insert(p.index(after) + 1, param)
        out[name] = dict(out[name], p=p)
    return out


def ts(v):
    if isinstance(v, bool): return 'true' if v else 'false'
    if isinstance(v, list): return '[' + ', '.join(ts(x) for x in v) + ']'
    if isinstance(v, str): return "'" + v + "'"
    return str(v)


def exported_classes():
    src = open(os.path.join(ROOT, 'src/nn/index.ts')).read()
    names = set()
    for block in re.findall(r'export\s*\{([^}]*)\}', src):
        for item in block.split(','):
            item = item.strip()
            if item and not item.startswith('type '):
                names.add(item.split(' as ')[-1].strip())
    return names


def main():
    table = rows()
    lines = ['// GENERATED by scripts/gen_module_signatures.py from torch 1.13 (see the script for hand rows). Do not edit.',
             '// q: owner of __init__ (Python names it in TypeErrors); p: positional-or-keyword names; r: how many of p are',
             '// required; k/kr: keyword-only names / required ones; any: *args/**kwargs; hidden: leading positionals the',
             '// class passes itself (counted in "takes N positional arguments").',
             'export const INIT_SIGNATURES = {']
    for name, row in table.items():
        fields = ', '.join(f'{k}: {ts(v)}' for k, v in row.items())
        lines.append(f'  {name}: {{{fields}}},')
    lines += ['} as const;', '']
    open(os.path.join(ROOT, 'src/nn/init_signatures.generated.ts'), 'w').write('\n'.join(lines))

    bound = sorted(n for n in exported_classes() if n in table)
    ns = ['// GENERATED by scripts/gen_module_signatures.py: torch.nn, with every module class exported from ./index.ts',
          '// binding its constructor arguments as Python does (src/nn/init_args.ts). Do not edit.',
          "export * from './index.js';",
          "import * as raw from './index.js';",
          "import { bindModuleClass } from './init_args.js';", '']
    for n in bound:
        ns.append(f"export const {n} = bindModuleClass(raw.{n}, '{n}'); export type {n} = raw.{n};")
    open(os.path.join(ROOT, 'src/nn/namespace.generated.ts'), 'w').write('\n'.join(ns) + '\n')
    print(len(table), 'signatures;', len(bound), 'bound exports; exported but unknown to torch:',
          sorted(n for n in exported_classes() if n not in table and n[0].isupper()))


if __name__ == '__main__':
    main()
