#!/usr/bin/env python3
"""nn.RNN, nn.LSTM, nn.GRU and nn.RNNCell, nn.LSTMCell, nn.GRUCell in real PyTorch (helper rnn):
test/fixtures/nn_rnn.json, read by test/nn-rnn.test.ts.

Each module case builds the module after torch.manual_seed(seed), the seed the crc32 of the case
name (so default initialisation is compared exactly), records repr, the named parameters and the
state_dict keys, draws the input and the initial states (when the case has them), seeds again with
seed + 1 (dropout between layers draws its masks then, in training mode) and runs forward. It
records every output (output, h_n, c_n; a cell's h', c'), a random upstream per output, and the
gradients of sum(output_i * upstream_i) with respect to the input, the initial states and every
parameter. The TS side builds the module from `ts`, its constructor call in TypeScript.

Packed cases pack the input with pack_padded_sequence (enforce_sorted or not, batch_first), run
the module on the PackedSequence and unpack its output with pad_packed_sequence; they record the
packing, the packed output, the padded output and final states and the same gradients.

Error cases record what the constructor, forward or the packing functions raise. PyTorch 2's Python-level checks that
1.13 lacks (the rank ValueErrors, hidden_size and num_layers > 0, the nonlinearity message) come
from scripts/pytorch2_compat.py.

Run with /usr/bin/python3 scripts/gen_rnn_fixtures.py (the system interpreter has torch)."""
import json
import os
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
from torch import nn  # noqa: E402

import gen_fixtures as base  # noqa: E402
import pytorch2_compat  # noqa: F401,E402 -- PyTorch 2's RNN checks on 1.13

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "nn_rnn.json")
F64 = torch.float64

# (name, PyTorch constructor, TS constructor, input shape, initial state shapes or None)
CASES = [
    ("RNN(3, 4)", lambda: nn.RNN(3, 4), "new nn.RNN(3, 4)", (5, 2, 3), None),
    ("RNN(3, 4, num_layers=2, nonlinearity='relu') with h_0", lambda: nn.RNN(3, 4, num_layers=2, nonlinearity="relu"),
     "new nn.RNN(3, 4, { num_layers: 2, nonlinearity: 'relu' })", (4, 2, 3), [(2, 2, 4)]),
    ("RNN(3, 5, bias=False, batch_first=True, bidirectional=True) with h_0",
     lambda: nn.RNN(3, 5, bias=False, batch_first=True, bidirectional=True),
     "new nn.RNN(3, 5, { bias: false, batch_first: true, bidirectional: true })", (2, 4, 3), [(2, 2, 5)]),
    ("RNN(3, 4) unbatched with h_0", lambda: nn.RNN(3, 4), "new nn.RNN(3, 4)", (5, 3), [(1, 4)]),
    ("RNN(2, 3, 2) float64", lambda: nn.RNN(2, 3, 2, dtype=F64), "new nn.RNN(2, 3, 2, { dtype: 'float64' })", (3, 2, 2), None),
    ("LSTM(3, 4)", lambda: nn.LSTM(3, 4), "new nn.LSTM(3, 4)", (5, 2, 3), None),
    ("LSTM(3, 4, num_layers=2, bidirectional=True) with h_0, c_0", lambda: nn.LSTM(3, 4, num_layers=2, bidirectional=True),
     "new nn.LSTM(3, 4, { num_layers: 2, bidirectional: true })", (4, 3, 3), [(4, 3, 4), (4, 3, 4)]),
    ("LSTM(4, 6, bias=False, batch_first=True) float64 with h_0, c_0", lambda: nn.LSTM(4, 6, bias=False, batch_first=True, dtype=F64),
     "new nn.LSTM(4, 6, { bias: false, batch_first: true, dtype: 'float64' })", (2, 5, 4), [(1, 2, 6), (1, 2, 6)]),
    ("LSTM(3, 5, proj_size=2) with h_0, c_0", lambda: nn.LSTM(3, 5, proj_size=2), "new nn.LSTM(3, 5, { proj_size: 2 })",
     (4, 2, 3), [(1, 2, 2), (1, 2, 5)]),
    ("LSTM(3, 4, num_layers=2, proj_size=3, bidirectional=True)", lambda: nn.LSTM(3, 4, num_layers=2, proj_size=3, bidirectional=True),
     "new nn.LSTM(3, 4, { num_layers: 2, proj_size: 3, bidirectional: true })", (3, 2, 3), None),
    ("LSTM(3, 4, batch_first=True) unbatched with h_0, c_0", lambda: nn.LSTM(3, 4, batch_first=True),
     "new nn.LSTM(3, 4, { batch_first: true })", (6, 3), [(1, 4), (1, 4)]),
    ("LSTM(3, 4, num_layers=3, dropout=0.5) in training", lambda: nn.LSTM(3, 4, num_layers=3, dropout=0.5),
     "new nn.LSTM(3, 4, { num_layers: 3, dropout: 0.5 })", (5, 2, 3), None),
    ("GRU(3, 4)", lambda: nn.GRU(3, 4), "new nn.GRU(3, 4)", (5, 2, 3), None),
    ("GRU(3, 4, num_layers=2, batch_first=True, bidirectional=True) with h_0",
     lambda: nn.GRU(3, 4, num_layers=2, batch_first=True, bidirectional=True),
     "new nn.GRU(3, 4, { num_layers: 2, batch_first: true, bidirectional: true })", (2, 5, 3), [(4, 2, 4)]),
    ("GRU(3, 4, bidirectional=True) float64 unbatched", lambda: nn.GRU(3, 4, bidirectional=True, dtype=F64),
     "new nn.GRU(3, 4, { bidirectional: true, dtype: 'float64' })", (4, 3), None),
    ("GRU(2, 3, num_layers=2, dropout=0.25, bidirectional=True, bias=False) in training",
     lambda: nn.GRU(2, 3, num_layers=2, dropout=0.25, bidirectional=True, bias=False),
     "new nn.GRU(2, 3, { num_layers: 2, dropout: 0.25, bidirectional: true, bias: false })", (6, 3, 2), None),
    ("RNNCell(3, 4)", lambda: nn.RNNCell(3, 4), "new nn.RNNCell(3, 4)", (2, 3), None),
    ("RNNCell(3, 4, bias=False, nonlinearity='relu') with hx", lambda: nn.RNNCell(3, 4, bias=False, nonlinearity="relu"),
     "new nn.RNNCell(3, 4, { bias: false, nonlinearity: 'relu' })", (2, 3), [(2, 4)]),
    ("RNNCell(3, 4) unbatched with hx", lambda: nn.RNNCell(3, 4), "new nn.RNNCell(3, 4)", (3,), [(4,)]),
    ("LSTMCell(3, 4) with hx", lambda: nn.LSTMCell(3, 4), "new nn.LSTMCell(3, 4)", (2, 3), [(2, 4), (2, 4)]),
    ("LSTMCell(3, 4) float64 unbatched", lambda: nn.LSTMCell(3, 4, dtype=F64), "new nn.LSTMCell(3, 4, { dtype: 'float64' })", (3,), None),
    ("GRUCell(3, 4) with hx", lambda: nn.GRUCell(3, 4), "new nn.GRUCell(3, 4)", (2, 3), [(2, 4)]),
    ("GRUCell(3, 4, bias=False)", lambda: nn.GRUCell(3, 4, bias=False), "new nn.GRUCell(3, 4, false)", (3, 3), None),
    ("GRUCell(2, 5) float64 unbatched with hx", lambda: nn.GRUCell(2, 5, dtype=F64), "new nn.GRUCell(2, 5, { dtype: 'float64' })",
     (2,), [(5,)]),
]

# (name, PyTorch constructor, TS constructor, padded input shape, state shapes or None, lengths,
#  pack_padded_sequence keywords, pad_packed_sequence keywords): a PackedSequence through the module
PACKED = [
    ("LSTM(3, 4) packed, lengths [5, 3, 2]", lambda: nn.LSTM(3, 4), "new nn.LSTM(3, 4)", (5, 3, 3), None, [5, 3, 2], {}, {}),
    ("GRU(3, 4, num_layers=2, bidirectional=True, batch_first=True) packed unsorted with h_0",
     lambda: nn.GRU(3, 4, num_layers=2, bidirectional=True, batch_first=True),
     "new nn.GRU(3, 4, { num_layers: 2, bidirectional: true, batch_first: true })", (4, 5, 3), [(4, 4, 4)], [2, 5, 3, 5],
     {"batch_first": True, "enforce_sorted": False}, {"batch_first": True}),
    ("RNN(2, 3, bidirectional=True) packed with h_0, total_length=6, padding_value=-1",
     lambda: nn.RNN(2, 3, bidirectional=True), "new nn.RNN(2, 3, { bidirectional: true })", (4, 3, 2), [(2, 3, 3)], [4, 4, 1],
     {}, {"padding_value": -1.0, "total_length": 6}),
    ("LSTM(3, 4, proj_size=2, bidirectional=True) float64 packed unsorted with h_0, c_0",
     lambda: nn.LSTM(3, 4, proj_size=2, bidirectional=True, dtype=F64),
     "new nn.LSTM(3, 4, { proj_size: 2, bidirectional: true, dtype: 'float64' })", (3, 3, 3), [(2, 3, 2), (2, 3, 4)], [1, 3, 2],
     {"enforce_sorted": False}, {}),
]

# (name, call building and packing in PyTorch, TS call[, TS module m built before]): pack_padded_sequence / pad_packed_sequence / a packed forward refuses
PACKING_ERRORS = [
    ("pack_padded_sequence lengths not decreasing", lambda: pack(torch.randn(3, 2, 4), [2, 3]), "pack(torch.randn([3, 2, 4]), [2, 3])"),
    ("pack_padded_sequence a length 0", lambda: pack(torch.randn(3, 2, 4), [3, 0]), "pack(torch.randn([3, 2, 4]), [3, 0])"),
    ("pack_padded_sequence 1 length for batch 2", lambda: pack(torch.randn(3, 2, 4), [3]), "pack(torch.randn([3, 2, 4]), [3])"),
    ("pack_padded_sequence empty input", lambda: pack(torch.randn(0, 2, 4), [1, 1]), "pack(torch.randn([0, 2, 4]), [1, 1])"),
    ("pad_packed_sequence total_length below the longest",
     lambda: unpack(pack(torch.randn(3, 2, 4), [3, 2]), total_length=2), "unpack(pack(torch.randn([3, 2, 4]), [3, 2]), { total_length: 2 })"),
    ("LSTM(3, 4) packed input size 4", lambda: nn.LSTM(3, 4)(pack(torch.randn(3, 2, 4), [3, 2])),
     "m.forward(pack(torch.randn([3, 2, 4]), [3, 2]))", "new nn.LSTM(3, 4)"),
    ("GRU(4, 2) packed, h_0 batch 3 for batch 2", lambda: nn.GRU(4, 2)(pack(torch.randn(3, 2, 4), [3, 2]), torch.randn(1, 3, 2)),
     "m.forward(pack(torch.randn([3, 2, 4]), [3, 2]), torch.randn([1, 3, 2]))", "new nn.GRU(4, 2)"),
]

# (name, PyTorch constructor, TS constructor): the constructor refuses
CONSTRUCTOR_ERRORS = [
    ("RNN nonlinearity='sigmoid'", lambda: nn.RNN(3, 4, nonlinearity="sigmoid"), "new nn.RNN(3, 4, { nonlinearity: 'sigmoid' })"),
    ("RNN proj_size=2", lambda: nn.RNN(3, 4, proj_size=2), "new nn.RNN(3, 4, { proj_size: 2 })"),
    ("GRU proj_size=2", lambda: nn.GRU(3, 4, proj_size=2), "new nn.GRU(3, 4, { proj_size: 2 })"),
    ("LSTM dropout=1.5", lambda: nn.LSTM(3, 4, dropout=1.5), "new nn.LSTM(3, 4, { dropout: 1.5 })"),
    ("LSTM proj_size=4 (not below hidden_size)", lambda: nn.LSTM(3, 4, proj_size=4), "new nn.LSTM(3, 4, { proj_size: 4 })"),
    ("LSTM proj_size=-1", lambda: nn.LSTM(3, 4, proj_size=-1), "new nn.LSTM(3, 4, { proj_size: -1 })"),
    ("LSTM hidden_size=0", lambda: nn.LSTM(3, 0), "new nn.LSTM(3, 0)"),
    ("GRU num_layers=0", lambda: nn.GRU(3, 4, num_layers=0), "new nn.GRU(3, 4, { num_layers: 0 })"),
    ("RNN hidden_size=4.5", lambda: nn.RNN(3, 4.5), "new nn.RNN(3, 4.5)"),
]

# (name, PyTorch constructor, TS constructor, input shape, state shapes or None): forward refuses
FORWARD_ERRORS = [
    ("LSTM(3, 4) input size 4", lambda: nn.LSTM(3, 4), "new nn.LSTM(3, 4)", (5, 2, 4), None),
    ("RNN(3, 4) 4-D input", lambda: nn.RNN(3, 4), "new nn.RNN(3, 4)", (5, 2, 1, 3), None),
    ("LSTM(3, 4) 1-D input", lambda: nn.LSTM(3, 4), "new nn.LSTM(3, 4)", (3,), None),
    ("GRU(3, 4) 4-D input", lambda: nn.GRU(3, 4), "new nn.GRU(3, 4)", (1, 5, 2, 3), None),
    ("GRU(3, 4) unbatched input, 3-D hx", lambda: nn.GRU(3, 4), "new nn.GRU(3, 4)", (5, 3), [(1, 1, 4)]),
    ("RNN(3, 4) batched input, 2-D hx", lambda: nn.RNN(3, 4), "new nn.RNN(3, 4)", (5, 2, 3), [(1, 4)]),
    ("LSTM(3, 4) unbatched input, (3-D, 2-D) state", lambda: nn.LSTM(3, 4), "new nn.LSTM(3, 4)", (5, 3), [(1, 1, 4), (1, 4)]),
    ("LSTM(3, 4) batched input, (3-D, 2-D) state", lambda: nn.LSTM(3, 4), "new nn.LSTM(3, 4)", (5, 2, 3), [(1, 2, 4), (1, 4)]),
    ("LSTM(3, 4) h_0 batch 3 for batch 2", lambda: nn.LSTM(3, 4), "new nn.LSTM(3, 4)", (5, 2, 3), [(1, 3, 4), (1, 2, 4)]),
    ("LSTM(3, 4) c_0 hidden 5", lambda: nn.LSTM(3, 4), "new nn.LSTM(3, 4)", (5, 2, 3), [(1, 2, 4), (1, 2, 5)]),
    ("LSTM(3, 5, proj_size=2) h_0 of hidden_size", lambda: nn.LSTM(3, 5, proj_size=2), "new nn.LSTM(3, 5, { proj_size: 2 })",
     (5, 2, 3), [(1, 2, 5), (1, 2, 5)]),
    ("GRU(3, 4, num_layers=2) h_0 of one layer", lambda: nn.GRU(3, 4, num_layers=2), "new nn.GRU(3, 4, { num_layers: 2 })",
     (5, 2, 3), [(1, 2, 4)]),
    ("RNN(3, 4, batch_first=True) h_0 batch from dim 1", lambda: nn.RNN(3, 4, batch_first=True), "new nn.RNN(3, 4, { batch_first: true })",
     (2, 5, 3), [(1, 5, 4)]),
    ("RNNCell(3, 4) 3-D input", lambda: nn.RNNCell(3, 4), "new nn.RNNCell(3, 4)", (1, 2, 3), None),
    ("GRUCell(3, 4) 3-D hx", lambda: nn.GRUCell(3, 4), "new nn.GRUCell(3, 4)", (2, 3), [(1, 2, 4)]),
    ("LSTMCell(3, 4) 3-D hx[1]", lambda: nn.LSTMCell(3, 4), "new nn.LSTMCell(3, 4)", (2, 3), [(2, 4), (1, 2, 4)]),
    ("GRUCell(3, 4) input size 5", lambda: nn.GRUCell(3, 4), "new nn.GRUCell(3, 4)", (2, 5), None),
    ("LSTMCell(3, 4) c batch 3 for batch 2", lambda: nn.LSTMCell(3, 4), "new nn.LSTMCell(3, 4)", (2, 3), [(2, 4), (3, 4)]),
    ("RNNCell(3, 4) hx hidden 5", lambda: nn.RNNCell(3, 4), "new nn.RNNCell(3, 4)", (2, 3), [(2, 5)]),
    ("RNNCell nonlinearity='sigmoid' in forward", lambda: nn.RNNCell(3, 4, nonlinearity="sigmoid"),
     "new nn.RNNCell(3, 4, { nonlinearity: 'sigmoid' })", (2, 3), None),
]


def pack(x, lengths, **kw):
    return nn.utils.rnn.pack_padded_sequence(x, lengths, **kw)


def unpack(p, **kw):
    return nn.utils.rnn.pad_packed_sequence(p, **kw)


def build(name, make, shape, state_shapes):
    """The module after manual_seed(seed), then its input and initial states (leaves) drawn."""
    seed = seed_of(name)
    torch.manual_seed(seed)
    m = make()
    dtype = next(m.parameters()).dtype
    x = torch.randn(shape, dtype=dtype, requires_grad=True)
    states = [torch.randn(s, dtype=dtype, requires_grad=True) for s in state_shapes] if state_shapes else []
    return seed, m, x, states


def gradients(m, x, states, outs):
    """A random upstream per output and the gradients of sum(output_i * upstream_i) of input, states, parameters."""
    upstreams = [torch.randn(o.shape, dtype=o.dtype) for o in outs]
    grads = torch.autograd.grad(sum((o * u).sum() for o, u in zip(outs, upstreams)), [x] + states + list(m.parameters()))
    n = len(states)
    return {"input": enc(x), "states": [enc(s) for s in states], "outputs": [enc(o) for o in outs],
            "upstreams": [enc(u) for u in upstreams], "input_grad": enc(grads[0]),
            "state_grads": [enc(g) for g in grads[1:1 + n]], "param_grads": [enc(g) for g in grads[1 + n:]]}


def packed_case(name, make, ts, shape, state_shapes, lengths, pack_kw, pad_kw):
    seed, m, x, states = build(name, make, shape, state_shapes)
    packed = pack(x, lengths, **pack_kw)
    torch.manual_seed(seed + 1)
    out, final = m(packed, pack_state(m, states))
    padded, out_lengths = unpack(out, **pad_kw)
    opt = lambda t: None if t is None else enc(t)  # noqa: E731
    return {"name": name, "ts": ts, "seed": seed, "lengths": lengths, "pack": pack_kw, "pad": pad_kw,
            "packed_data": enc(packed.data), "batch_sizes": packed.batch_sizes.tolist(),
            "sorted_indices": opt(packed.sorted_indices), "unsorted_indices": opt(packed.unsorted_indices),
            "output_data": enc(out.data), "out_lengths": out_lengths.tolist(),
            **gradients(m, x, states, [padded] + outputs_of(final))}


def packing_error(name, fn, ts, module=None):
    kind, msg = error_of(fn)
    return {"name": name, "ts": ts, "module": module, "error_type": kind, "error": msg}


def seed_of(name):
    return zlib.crc32(name.encode()) % (2 ** 31)


def enc(t):
    return base.enc_tensor(t.detach(), requires_grad=False)


def outputs_of(result):
    """[output, h_n] / [output, h_n, c_n] / [h'] / [h', c']: every tensor the forward returned, in order."""
    if isinstance(result, torch.Tensor):
        return [result]
    flat = []
    for r in result:
        flat.extend(outputs_of(r))
    return flat


def pack_state(m, states):
    if not states:
        return None
    return tuple(states) if isinstance(m, (nn.LSTM, nn.LSTMCell)) else states[0]


def module_case(name, make, ts, shape, state_shapes):
    seed, m, x, states = build(name, make, shape, state_shapes)
    torch.manual_seed(seed + 1)
    outs = outputs_of(m(x, pack_state(m, states)))
    return {"name": name, "ts": ts, "seed": seed, "repr": repr(m),
            "named_parameters": [[n, enc(p)] for n, p in m.named_parameters()],
            "state_dict_keys": list(m.state_dict().keys()), **gradients(m, x, states, outs)}


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        return type(e).__name__, str(e)
    raise AssertionError("PyTorch accepted it")


def constructor_error(name, make, ts):
    kind, msg = error_of(make)
    return {"name": name, "ts": ts, "error_type": kind, "error": msg}


def forward_error(name, make, ts, shape, state_shapes):
    m = make()
    x = torch.randn(shape)
    states = [torch.randn(s) for s in state_shapes] if state_shapes else None
    kind, msg = error_of(lambda: m(x, pack_state(m, states)))
    return {"name": name, "ts": ts, "input_shape": list(shape), "state_shapes": [list(s) for s in state_shapes or []],
            "error_type": kind, "error": msg}


def main():
    fix = {"generator": "scripts/gen_rnn_fixtures.py", "torch": torch.__version__,
           "modules": [module_case(*c) for c in CASES], "packed": [packed_case(*c) for c in PACKED],
           "packing_errors": [packing_error(*c) for c in PACKING_ERRORS],
           "constructor_errors": [constructor_error(*c) for c in CONSTRUCTOR_ERRORS],
           "forward_errors": [forward_error(*c) for c in FORWARD_ERRORS]}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['modules'])} modules, {len(fix['packed'])} packed, "
          f"{len(fix['constructor_errors']) + len(fix['forward_errors']) + len(fix['packing_errors'])} errors")


if __name__ == "__main__":
    main()
