#!/usr/bin/env python3
"""Attention in real PyTorch: test/fixtures/attention.json, read by test/nn-attention.test.ts.

F.scaled_dot_product_attention (attn_mask bool or float, is_causal, scale, dropout_p),
F.multi_head_attention_forward, nn.MultiheadAttention, nn.TransformerEncoderLayer and
nn.TransformerEncoder: outputs, attention weights, the gradients of the inputs and of every
parameter, the default initialisation after torch.manual_seed(seed), repr, state_dict keys and
errors, in float32 and float64.

Debian's PyTorch 1.13 lacks F.scaled_dot_product_attention and PyTorch 2's is_causal / bias options:
scripts/pytorch2_attention.py ports PyTorch 2's code (its math path) onto 1.13's ops, so every number
and gradient here still comes from PyTorch's own kernels and autograd (docs/api.md lists the difference).
Default initialisation comes from 1.13's own constructors, which draw as PyTorch 2's.

Run with /usr/bin/python3 (the system interpreter has torch)."""
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

import gen_fixtures as base  # noqa: E402
import pytorch2_compat  # noqa: F401,E402 -- PyTorch 2's ModuleList repr
import pytorch2_attention  # noqa: E402

pytorch2_attention.install()

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "attention.json")


def enc(t):
    return base.enc_tensor(t.detach(), requires_grad=False)


def seed_of(name):
    """Each case's own seed, from its id."""
    return sum((i + 1) * ord(c) for i, c in enumerate(name)) % 100003


def bool_mask(shape, p=0.3):
    return torch.rand(shape) < p


# ---- F.scaled_dot_product_attention ----------------------------------------------------------------
# (name, q shape, k shape, v shape, mask: None | ("bool", shape) | ("float", shape) | ("rows", shape), kwargs, dtype)
SDPA = [
    ("4-D", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 3), None, {}, torch.float32),
    ("bool mask broadcast (3, 5)", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 3), ("bool", (3, 5)), {}, torch.float32),
    ("bool mask with a fully masked row", (1, 2, 3, 4), (1, 2, 4, 4), (1, 2, 4, 2), ("rows", (3, 4)), {}, torch.float32),
    ("float mask (2, 1, 3, 5)", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 3), ("float", (2, 1, 3, 5)), {}, torch.float32),
    ("is_causal square", (2, 3, 4, 4), (2, 3, 4, 4), (2, 3, 4, 4), None, {"is_causal": True}, torch.float32),
    ("is_causal L < S (upper left)", (2, 3, 3, 2), (2, 3, 5, 2), (2, 3, 5, 4), None, {"is_causal": True}, torch.float32),
    ("scale=0.3", (2, 4, 6), (2, 5, 6), (2, 5, 3), None, {"scale": 0.3}, torch.float32),
    ("negative scale", (3, 4), (5, 4), (5, 2), None, {"scale": -0.5}, torch.float32),
    ("float64 bool mask", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 3), ("bool", (2, 2, 3, 5)), {}, torch.float64),
    ("float64 is_causal", (1, 2, 4, 3), (1, 2, 4, 3), (1, 2, 4, 3), None, {"is_causal": True}, torch.float64),
    ("float32 mask on float64", (2, 3, 4), (2, 3, 4), (2, 3, 4), ("float32", (3, 3)), {}, torch.float64),
    ("enable_gqa", (1, 4, 3, 2), (1, 2, 5, 2), (1, 2, 5, 3), None, {"enable_gqa": True}, torch.float32),
    ("empty query", (2, 0, 4), (2, 3, 4), (2, 3, 5), None, {}, torch.float32),
    ("dropout_p=0.4 (the global generator)", (2, 2, 4, 4), (2, 2, 6, 4), (2, 2, 6, 3), None, {"dropout_p": 0.4}, torch.float32),
]


def make_mask(spec, dtype):
    if spec is None:
        return None
    kind, shape = spec
    if kind == "bool":
        return bool_mask(shape)
    if kind == "rows":  # True = take part; row 1 has no key at all
        m = ~bool_mask(shape)
        m[1] = False
        return m
    if kind == "float32":
        return torch.randn(shape)
    return torch.randn(shape).to(dtype)


def sdpa_case(name, qs, ks, vs, mspec, kwargs, dtype):
    torch.manual_seed(seed_of(name))
    q, k, v = (torch.randn(s).to(dtype).requires_grad_() for s in (qs, ks, vs))
    mask = make_mask(mspec, dtype)
    torch.manual_seed(seed_of(name) + 1)  # the dropout's draws start here
    out = F.scaled_dot_product_attention(q, k, v, mask, **kwargs)
    upstream = torch.randn(out.shape).to(dtype)
    grads = torch.autograd.grad((out * upstream).sum(), [q, k, v], allow_unused=True)
    grads = [torch.zeros_like(x) if g is None else g for x, g in zip((q, k, v), grads)]
    return {"name": name, "seed": seed_of(name) + 1, "query": enc(q), "key": enc(k), "value": enc(v),
            "attn_mask": None if mask is None else enc(mask), "kwargs": kwargs, "output": enc(out),
            "upstream": enc(upstream), "grads": [enc(g) for g in grads]}


# (name, q shape, k shape, v shape, mask, kwargs)
SDPA_ERRORS = [
    ("is_causal with attn_mask", (2, 3, 4), (2, 3, 4), (2, 3, 4), ("bool", (3, 3)), {"is_causal": True}),
    ("1-D key", (2, 3, 4), (4,), (2, 3, 4), None, {}),
    ("int64 mask", (2, 3, 4), (2, 3, 4), (2, 3, 4), ("int64", (3, 3)), {}),
    ("mask that does not broadcast", (1, 2, 3, 4), (1, 2, 5, 4), (1, 2, 5, 4), ("bool", (4, 5)), {}),
    ("mask broadcasting past the scores", (3, 4), (5, 4), (5, 4), ("float", (2, 3, 5)), {}),
    ("float64 key", (2, 3, 4), ("float64", (2, 3, 4)), (2, 3, 4), None, {}),
]


def error_of(run):
    try:
        run()
    except Exception as e:  # noqa: BLE001 -- whatever PyTorch raises
        return {"error_type": type(e).__name__, "error": str(e)}
    raise AssertionError("PyTorch accepted it")


def sdpa_error(name, qs, ks, vs, mspec, kwargs):
    torch.manual_seed(seed_of(name))
    q, k, v = (torch.randn(s[1]).double() if s and s[0] == "float64" else torch.randn(s) for s in (qs, ks, vs))
    mask = None
    if mspec is not None:
        mask = torch.ones(mspec[1], dtype=torch.int64) if mspec[0] == "int64" else make_mask(mspec, torch.float32)
    return {"name": name, "query": enc(q), "key": enc(k), "value": enc(v), "attn_mask": None if mask is None else enc(mask),
            "kwargs": kwargs, **error_of(lambda: F.scaled_dot_product_attention(q, k, v, mask, **kwargs))}


# ---- modules --------------------------------------------------------------------------------------
# (name, PyTorch constructor, TS constructor, inputs, masks, forward options)
# inputs: ("self", shape) for query = key = value; ("qkv", qshape, kshape, vshape); ("src", shape);
# ("two", shape, shape) for the decoders' (tgt, memory) and Transformer's (src, tgt)
# masks: {name: ("bool", shape) | ("float", shape) | ("causal", size) | ("padding", shape)}
MHA = [
    ("MultiheadAttention(8, 2) self-attention", lambda: nn.MultiheadAttention(8, 2), "new nn.MultiheadAttention(8, 2)",
     ("self", (3, 2, 8)), {}, {}),
    ("MultiheadAttention(6, 3, batch_first=True) cross-attention, key_padding_mask, per-head weights",
     lambda: nn.MultiheadAttention(6, 3, batch_first=True), "new nn.MultiheadAttention(6, 3, { batch_first: true })",
     ("qkv", (2, 3, 6), (2, 4, 6), (2, 4, 6)), {"key_padding_mask": ("padding", (2, 4))}, {"average_attn_weights": False}),
    ("MultiheadAttention(4, 2, kdim=5, vdim=3) float attn_mask", lambda: nn.MultiheadAttention(4, 2, kdim=5, vdim=3),
     "new nn.MultiheadAttention(4, 2, { kdim: 5, vdim: 3 })", ("qkv", (3, 2, 4), (5, 2, 5), (5, 2, 3)),
     {"attn_mask": ("float", (3, 5))}, {}),
    ("MultiheadAttention(4, 2, bias=False) 3-D bool attn_mask, need_weights=False",
     lambda: nn.MultiheadAttention(4, 2, bias=False), "new nn.MultiheadAttention(4, 2, { bias: false })",
     ("self", (3, 2, 4)), {"attn_mask": ("bool", (4, 3, 3))}, {"need_weights": False}),
    ("MultiheadAttention(4, 1, add_bias_kv=True, add_zero_attn=True)",
     lambda: nn.MultiheadAttention(4, 1, add_bias_kv=True, add_zero_attn=True),
     "new nn.MultiheadAttention(4, 1, { add_bias_kv: true, add_zero_attn: true })",
     ("qkv", (2, 2, 4), (3, 2, 4), (3, 2, 4)), {"key_padding_mask": ("padding", (2, 3))}, {}),
    ("MultiheadAttention(4, 2) is_causal with its mask, need_weights=False", lambda: nn.MultiheadAttention(4, 2),
     "new nn.MultiheadAttention(4, 2)", ("self", (4, 2, 4)), {"attn_mask": ("causal", 4)},
     {"is_causal": True, "need_weights": False}),
    ("MultiheadAttention(4, 2) is_causal, bool mask, padding, need_weights", lambda: nn.MultiheadAttention(4, 2),
     "new nn.MultiheadAttention(4, 2)", ("self", (4, 2, 4)),
     {"attn_mask": ("causal_bool", 4), "key_padding_mask": ("padding", (2, 4))}, {"is_causal": True}),
    ("MultiheadAttention(4, 2) unbatched", lambda: nn.MultiheadAttention(4, 2), "new nn.MultiheadAttention(4, 2)",
     ("qkv", (3, 4), (2, 4), (2, 4)), {"key_padding_mask": ("padding1", (2,))}, {}),
    ("MultiheadAttention(6, 2, batch_first=True) float64", lambda: nn.MultiheadAttention(6, 2, batch_first=True, dtype=torch.float64),
     "new nn.MultiheadAttention(6, 2, { batch_first: true, dtype: 'float64' })", ("self", (2, 3, 6)),
     {"attn_mask": ("float", (3, 3))}, {}),
    ("MultiheadAttention(4, 2, kdim=3, add_bias_kv=True) float64",
     lambda: nn.MultiheadAttention(4, 2, kdim=3, add_bias_kv=True, dtype=torch.float64),
     "new nn.MultiheadAttention(4, 2, { kdim: 3, add_bias_kv: true, dtype: 'float64' })",
     ("qkv", (2, 2, 4), (3, 2, 3), (3, 2, 4)), {}, {"need_weights": False}),
    ("MultiheadAttention(4, 2, dropout=0.5) training (the global generator)", lambda: nn.MultiheadAttention(4, 2, dropout=0.5),
     "new nn.MultiheadAttention(4, 2, { dropout: 0.5 })", ("self", (3, 2, 4)), {}, {}),
    ("TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0)",
     lambda: nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0),
     "new nn.TransformerEncoderLayer(8, 2, { dim_feedforward: 16, dropout: 0 })", ("src", (3, 2, 8)), {}, {}),
    ("TransformerEncoderLayer(6, 3, 12, 0.0, 'gelu', batch_first=True, norm_first=True) key padding",
     lambda: nn.TransformerEncoderLayer(6, 3, 12, 0.0, "gelu", batch_first=True, norm_first=True),
     "new nn.TransformerEncoderLayer(6, 3, { dim_feedforward: 12, dropout: 0, activation: 'gelu', batch_first: true, norm_first: true })",
     ("src", (2, 4, 6)), {"src_key_padding_mask": ("padding", (2, 4))}, {}),
    ("TransformerEncoderLayer(4, 2, 8, 0.0, bias=False, layer_norm_eps=1e-3) causal",
     lambda: nn.TransformerEncoderLayer(4, 2, 8, 0.0, bias=False, layer_norm_eps=1e-3),
     "new nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8, dropout: 0, bias: false, layer_norm_eps: 1e-3 })",
     ("src", (4, 2, 4)), {"src_mask": ("causal", 4)}, {"is_causal": True}),
    ("TransformerEncoderLayer(4, 2, 6, 0.0) float64 unbatched",
     lambda: nn.TransformerEncoderLayer(4, 2, 6, 0.0, dtype=torch.float64),
     "new nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 6, dropout: 0, dtype: 'float64' })", ("src", (3, 4)),
     {"src_mask": ("bool", (3, 3))}, {}),
    ("TransformerEncoderLayer(4, 2, 8) dropout 0.1 training (the global generator)",
     lambda: nn.TransformerEncoderLayer(4, 2, 8), "new nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8 })",
     ("src", (3, 2, 4)), {}, {}),
    ("TransformerEncoder(layer(8, 2, 16, 0.0), 2, norm=LayerNorm(8)) causal mask detected",
     lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, 0.0), 2, norm=nn.LayerNorm(8)),
     "new nn.TransformerEncoder(new nn.TransformerEncoderLayer(8, 2, { dim_feedforward: 16, dropout: 0 }), 2, { norm: new nn.LayerNorm(8) })",
     ("src", (4, 2, 8)), {"mask": ("causal", 4)}, {}),
    ("TransformerEncoder(layer(4, 2, 8, 0.0, batch_first=True), 3) padding",
     lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, 8, 0.0, batch_first=True), 3),
     "new nn.TransformerEncoder(new nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8, dropout: 0, batch_first: true }), 3)",
     ("src", (2, 3, 4)), {"src_key_padding_mask": ("padding", (2, 3))}, {}),
    ("TransformerDecoderLayer(8, 2, 16, 0.0) causal tgt_mask, memory key padding",
     lambda: nn.TransformerDecoderLayer(8, 2, 16, 0.0),
     "new nn.TransformerDecoderLayer(8, 2, { dim_feedforward: 16, dropout: 0 })", ("two", (3, 2, 8), (4, 2, 8)),
     {"tgt_mask": ("causal", 3), "memory_key_padding_mask": ("padding", (2, 4))}, {"tgt_is_causal": True}),
    ("TransformerDecoderLayer(6, 3, 12, 0.0, 'gelu', batch_first=True, norm_first=True, bias=False) memory_mask",
     lambda: nn.TransformerDecoderLayer(6, 3, 12, 0.0, "gelu", batch_first=True, norm_first=True, bias=False),
     "new nn.TransformerDecoderLayer(6, 3, { dim_feedforward: 12, dropout: 0, activation: 'gelu', batch_first: true, norm_first: true, bias: false })",
     ("two", (2, 3, 6), (2, 4, 6)), {"memory_mask": ("bool", (3, 4)), "tgt_key_padding_mask": ("padding", (2, 3))}, {}),
    ("TransformerDecoder(layer(4, 2, 8, 0.0), 2, norm=LayerNorm(4)) float64 causal mask detected",
     lambda: nn.TransformerDecoder(nn.TransformerDecoderLayer(4, 2, 8, 0.0, dtype=torch.float64), 2,
                                   norm=nn.LayerNorm(4, dtype=torch.float64)),
     "new nn.TransformerDecoder(new nn.TransformerDecoderLayer(4, 2, { dim_feedforward: 8, dropout: 0, dtype: 'float64' }), 2, "
     "{ norm: new nn.LayerNorm(4, { dtype: 'float64' }) })", ("two", (4, 2, 4), (3, 2, 4)), {"tgt_mask": ("causal", 4)}, {}),
    ("Transformer(8, 2, 2, 1, 16, 0.0) masks", lambda: nn.Transformer(8, 2, 2, 1, 16, 0.0),
     "new nn.Transformer({ d_model: 8, nhead: 2, num_encoder_layers: 2, num_decoder_layers: 1, dim_feedforward: 16, dropout: 0 })",
     ("two", (4, 2, 8), (3, 2, 8)),
     {"tgt_mask": ("causal", 3), "src_key_padding_mask": ("padding", (2, 4)), "memory_key_padding_mask": ("padding", (2, 4))}, {}),
    ("Transformer(4, 2, 1, 2, 8, 0.0, batch_first=True, norm_first=True) float64",
     lambda: nn.Transformer(4, 2, 1, 2, 8, 0.0, batch_first=True, norm_first=True, dtype=torch.float64),
     "new nn.Transformer({ d_model: 4, nhead: 2, num_encoder_layers: 1, num_decoder_layers: 2, dim_feedforward: 8, dropout: 0, "
     "batch_first: true, norm_first: true, dtype: 'float64' })", ("two", (2, 3, 4), (2, 2, 4)), {"src_mask": ("float", (3, 3))}, {}),
]


def make_module_mask(spec, dtype):
    kind, shape = spec
    if kind == "causal":
        return pytorch2_attention._generate_square_subsequent_mask(shape, dtype=dtype)
    if kind == "causal_bool":
        return torch.ones(shape, shape, dtype=torch.bool).triu(1)
    if kind == "padding":  # True = padding; the first key of each sequence is never padding
        m = bool_mask(shape, 0.4)
        m[:, 0] = False
        return m
    if kind == "padding1":
        return torch.tensor([False, True])
    if kind == "bool":  # True = masked; the diagonal stays open
        m = bool_mask(shape, 0.4)
        m[..., range(shape[-2]), range(shape[-2])] = False
        return m
    return torch.randn(shape).to(dtype)


def module_case(name, make, ts, inputs, mask_specs, options):
    torch.manual_seed(seed_of(name))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = make()
    dtype = next(m.parameters()).dtype
    if inputs[0] in ("self", "src"):
        xs = [torch.randn(inputs[1]).to(dtype).requires_grad_()]
    else:
        xs = [torch.randn(s).to(dtype).requires_grad_() for s in inputs[1:]]
    masks = {k: make_module_mask(spec, dtype) for k, spec in mask_specs.items()}
    call_args = [xs[0], xs[0], xs[0]] if inputs[0] == "self" else xs
    torch.manual_seed(seed_of(name) + 1)  # the dropout's draws start here
    result = m(*call_args, **masks, **options)
    out, weights = result if isinstance(result, tuple) else (result, None)
    upstream = torch.randn(out.shape).to(dtype)
    params = [p for _, p in m.named_parameters()]
    grads = torch.autograd.grad((out * upstream).sum(), xs + params, allow_unused=True)
    grads = [torch.zeros_like(p) if g is None else g for p, g in zip(xs + params, grads)]
    m.eval()
    eval_result = m(*call_args, **masks, **options)
    return {"name": name, "ts": ts, "seed": seed_of(name), "repr": repr(m), "warnings": [str(w.message) for w in caught],
            "state_dict_keys": list(m.state_dict().keys()),
            "named_parameters": [[n, enc(p)] for n, p in m.named_parameters()],
            "self_attention": inputs[0] == "self", "inputs": [enc(x) for x in xs],
            "masks": {k: enc(v) for k, v in masks.items()}, "options": options,
            "output": enc(out), "weights": None if weights is None else enc(weights), "upstream": enc(upstream),
            "input_grads": [enc(g) for g in grads[:len(xs)]], "param_grads": [enc(g) for g in grads[len(xs):]],
            "eval_output": enc(eval_result[0] if isinstance(eval_result, tuple) else eval_result)}


# (name, PyTorch call raising, TS constructor call, TS forward of that module `m` or None): constructors
# and forwards PyTorch refuses
MODULE_ERRORS = [
    ("embed_dim not divisible by num_heads", lambda: nn.MultiheadAttention(5, 2), "new nn.MultiheadAttention(5, 2)"),
    ("num_heads 0", lambda: nn.MultiheadAttention(4, 0), "new nn.MultiheadAttention(4, 0)"),
    ("activation 'tanh'", lambda: nn.TransformerEncoderLayer(4, 2, activation="tanh"),
     "new nn.TransformerEncoderLayer(4, 2, { activation: 'tanh' })"),
    ("4-D query", lambda: nn.MultiheadAttention(4, 2)(*[torch.zeros(1, 2, 3, 4)] * 3),
     "m.call(...[torch.zeros([1, 2, 3, 4])].flatMap((x) => [x, x, x]))"),
    ("2-D key for a batched query", lambda: nn.MultiheadAttention(4, 2)(torch.zeros(3, 2, 4), torch.zeros(3, 4), torch.zeros(3, 4)),
     "m.call(torch.zeros([3, 2, 4]), torch.zeros([3, 4]), torch.zeros([3, 4]))"),
    ("query of the wrong embed_dim", lambda: nn.MultiheadAttention(4, 2)(*[torch.zeros(3, 2, 6)] * 3),
     "m.call(...[torch.zeros([3, 2, 6])].flatMap((x) => [x, x, x]))"),
    ("2-D attn_mask of the wrong shape",
     lambda: nn.MultiheadAttention(4, 2)(*[torch.zeros(3, 2, 4)] * 3, attn_mask=torch.zeros(3, 4)),
     "m.call(...[torch.zeros([3, 2, 4])].flatMap((x) => [x, x, x]), { attn_mask: torch.zeros([3, 4]) })"),
    ("3-D attn_mask of the wrong shape",
     lambda: nn.MultiheadAttention(4, 2)(*[torch.zeros(3, 2, 4)] * 3, attn_mask=torch.zeros(2, 3, 3)),
     "m.call(...[torch.zeros([3, 2, 4])].flatMap((x) => [x, x, x]), { attn_mask: torch.zeros([2, 3, 3]) })"),
    ("key_padding_mask of the wrong length",
     lambda: nn.MultiheadAttention(4, 2)(*[torch.zeros(3, 2, 4)] * 3, key_padding_mask=torch.zeros(2, 4, dtype=torch.bool)),
     "m.call(...[torch.zeros([3, 2, 4])].flatMap((x) => [x, x, x]), "
     "{ key_padding_mask: torch.zeros([2, 4], { dtype: 'bool' }) })"),
    ("int64 attn_mask",
     lambda: nn.MultiheadAttention(4, 2)(*[torch.zeros(3, 2, 4)] * 3, attn_mask=torch.zeros(3, 3, dtype=torch.int64)),
     "m.call(...[torch.zeros([3, 2, 4])].flatMap((x) => [x, x, x]), "
     "{ attn_mask: torch.zeros([3, 3], { dtype: 'int64' }) })"),
    ("is_causal without attn_mask", lambda: nn.MultiheadAttention(4, 2)(*[torch.zeros(3, 2, 4)] * 3, is_causal=True),
     "m.call(...[torch.zeros([3, 2, 4])].flatMap((x) => [x, x, x]), { is_causal: true })"),
    ("key and value of different shapes",
     lambda: nn.MultiheadAttention(4, 2)(torch.zeros(3, 2, 4), torch.zeros(3, 2, 4), torch.zeros(2, 2, 4)),
     "m.call(torch.zeros([3, 2, 4]), torch.zeros([3, 2, 4]), torch.zeros([2, 2, 4]))"),
    ("Transformer batch numbers differ", lambda: nn.Transformer(4, 2, 1, 1, 8)(torch.zeros(3, 2, 4), torch.zeros(3, 1, 4)),
     "new nn.Transformer({ d_model: 4, nhead: 2, num_encoder_layers: 1, num_decoder_layers: 1, dim_feedforward: 8 })",
     "m.call(torch.zeros([3, 2, 4]), torch.zeros([3, 1, 4]))"),
    ("Transformer feature number not d_model", lambda: nn.Transformer(4, 2, 1, 1, 8)(torch.zeros(3, 2, 4), torch.zeros(3, 2, 6)),
     "new nn.Transformer({ d_model: 4, nhead: 2, num_encoder_layers: 1, num_decoder_layers: 1, dim_feedforward: 8 })",
     "m.call(torch.zeros([3, 2, 4]), torch.zeros([3, 2, 6]))"),
]


def module_error(name, run, ts, call=None):
    if call is not None:
        return {"name": name, "ts": ts, "call": call, **error_of(run)}
    ctor, call = (ts, None) if ts.startswith("new ") else ("new nn.MultiheadAttention(4, 2)", ts)
    return {"name": name, "ts": ctor, "call": call, **error_of(run)}


def mha_functional_case():
    """F.multi_head_attention_forward called directly, with separate projection weights, in training mode."""
    name = "F.multi_head_attention_forward use_separate_proj_weight"
    torch.manual_seed(seed_of(name))
    E, H = 4, 2
    q, k, v = torch.randn(3, 2, E), torch.randn(5, 2, 3), torch.randn(5, 2, 6)
    ws = [torch.randn(E, E) * 0.5, torch.randn(E, 3) * 0.5, torch.randn(E, 6) * 0.5]
    in_b, out_w, out_b = torch.randn(3 * E) * 0.1, torch.randn(E, E) * 0.5, torch.randn(E) * 0.1
    bias_k, bias_v = torch.randn(1, 1, E), torch.randn(1, 1, E)
    leaves = [t.requires_grad_() for t in [q, k, v, *ws, in_b, out_w, out_b, bias_k, bias_v]]
    kpm = torch.tensor([[False, False, True, False, True], [False, True, False, False, False]])
    out, weights = F.multi_head_attention_forward(
        q, k, v, E, H, None, in_b, bias_k, bias_v, True, 0.0, out_w, out_b, training=True, key_padding_mask=kpm,
        use_separate_proj_weight=True, q_proj_weight=ws[0], k_proj_weight=ws[1], v_proj_weight=ws[2],
        average_attn_weights=False)
    upstream = torch.randn(out.shape)
    grads = torch.autograd.grad((out * upstream).sum() + weights.sum(), leaves)
    return {"name": name, "leaves": [enc(t) for t in leaves], "key_padding_mask": enc(kpm), "output": enc(out), "weights": enc(weights),
            "upstream": enc(upstream), "grads": [enc(g) for g in grads]}


def main():
    fix = {"generator": "scripts/gen_attention_fixtures.py", "torch": torch.__version__,
           "sdpa": [sdpa_case(*c) for c in SDPA], "sdpa_errors": [sdpa_error(*c) for c in SDPA_ERRORS],
           "modules": [module_case(*c) for c in MHA], "module_errors": [module_error(*c) for c in MODULE_ERRORS],
           "mha_functional": mha_functional_case()}
    with open(OUT, "w") as fh:
        json.dump(fix, fh, separators=(",", ":"), allow_nan=False)
    print(f"wrote {os.path.normpath(OUT)}: {len(fix['sdpa'])} sdpa, {len(fix['modules'])} modules")


if __name__ == "__main__":
    main()
