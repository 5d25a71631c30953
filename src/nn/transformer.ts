// torch.nn attention modules (helper attn): MultiheadAttention, TransformerEncoderLayer and
// TransformerEncoder, with PyTorch 2's constructor arguments, parameter names, default
// initialisation (the random draws in PyTorch's order, so after the same manual_seed the values
// equal PyTorch's), repr, and forward (PyTorch 2's slow path: src/nn/attention.ts).

import { DType } from '../../abi/abi.js';
import { RuntimeError, ValueError, AssertionError } from '../errors.js';
import type { DeviceName } from '../device.js';
import { Tensor } from '../tensor.js';
import { getDevice } from '../runtime.js';
import { default_generator, fillUniform, fillUniformDouble, fillNormal, fillNormalDouble } from '../random.js';
import { Module } from './module.js';
import { toParameter } from './parameter.js';
import { ModuleList } from './containers.js';
import { Linear } from './modules.js';
import { LayerNorm } from './layers.js';
import { Dropout } from './norm_dropout_layers.js';
import { relu, gelu } from './functional.js';
import { multi_head_attention_forward, canonicalMask } from './attention.js';
import { warnOnce } from './warn.js';

type Dtype = 'float32' | 'float64';
interface Factory { device?: DeviceName; dtype?: Dtype }

/** A parameter of `shape` from PyTorch's draws: U(−bound, bound), N(0, std²) when `normal`, zeros (no draw) for 'zeros'. */
function drawn(shape: number[], spread: number, o: Factory, how: 'uniform' | 'normal' | 'zeros' = 'uniform'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1), double = o.dtype === 'float64';
  const data = how === 'zeros' ? new Float64Array(n) : double
    ? (how === 'normal' ? fillNormalDouble(new Float64Array(n), 0, spread) : fillUniformDouble(new Float64Array(n), -spread, spread))
    : (how === 'normal' ? fillNormal(new Float32Array(n), 0, spread) : fillUniform(new Float32Array(n), -spread, spread));
  const dev = getDevice(o.device), dt = double ? DType.Float64 : DType.Float32;
  return toParameter(new Tensor(dev, dev.fromData(data, shape, dt), shape, dt, false));
}
/** xavier_uniform_'s bound (gain 1), in torch/nn/init.py's order of operations. */
const xavierBound = (fanIn: number, fanOut: number): number => Math.sqrt(3.0) * Math.sqrt(2.0 / (fanIn + fanOut));
/** Zeroes a parameter's values in place (init.constant_(p, 0): no graph). */
const zero = (p: Tensor): void => { p._dev.write(p.h, new Array<number>(p.numel()).fill(0)); };

/** The Linear that MultiheadAttention keeps as out_proj (PyTorch names it so for quantization). @example new nn.MultiheadAttention(8, 2).out_proj */
export class NonDynamicallyQuantizableLinear extends Linear {}

/** The constructor options of nn.MultiheadAttention after embed_dim and num_heads. */
export interface MultiheadAttentionOptions extends Factory {
  dropout?: number; bias?: boolean; add_bias_kv?: boolean; add_zero_attn?: boolean; kdim?: number | null; vdim?: number | null;
  batch_first?: boolean;
}
/** The options of MultiheadAttention.forward after query, key and value. */
export interface MultiheadAttentionForwardOptions {
  key_padding_mask?: Tensor | null; need_weights?: boolean; attn_mask?: Tensor | null; average_attn_weights?: boolean; is_causal?: boolean;
}

/**
 * Multi-head attention (PyTorch 2's nn.MultiheadAttention): in_proj_weight (3·E, E) or
 * q/k/v_proj_weight when kdim / vdim differ from embed_dim, in_proj_bias, out_proj, and bias_k /
 * bias_v with add_bias_kv; initialised as PyTorch's (xavier_uniform_ projections, zero biases).
 * forward returns [attn_output, attn_weights] (weights null when need_weights is false).
 * @example
 * torch.manual_seed(0);
 * const mha = new nn.MultiheadAttention(8, 2, { batch_first: true });
 * const x = torch.randn([4, 10, 8]);
 * const [out, weights] = mha.call(x, x, x);          // [4, 10, 8], [4, 10, 10]
 * mha.call(x, x, x, { key_padding_mask: pad, need_weights: false });
 */
export class MultiheadAttention extends Module {
  readonly embed_dim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly _qkv_same_embed_dim: boolean;
  readonly num_heads: number;
  readonly dropout: number;
  readonly batch_first: boolean;
  readonly head_dim: number;
  readonly add_zero_attn: boolean;
  in_proj_weight: Tensor | null;
  q_proj_weight: Tensor | null;
  k_proj_weight: Tensor | null;
  v_proj_weight: Tensor | null;
  in_proj_bias: Tensor | null;
  out_proj: NonDynamicallyQuantizableLinear;
  bias_k: Tensor | null;
  bias_v: Tensor | null;

  constructor(embed_dim: number, num_heads: number, options: MultiheadAttentionOptions = {}) {
    super();
    if (embed_dim <= 0 || num_heads <= 0) {
      throw new ValueError(`embed_dim and num_heads must be greater than 0, got embed_dim=${embed_dim} and num_heads=${num_heads} instead`);
    }
    const E = embed_dim;
    this.embed_dim = E;
    this.kdim = options.kdim ?? E;
    this.vdim = options.vdim ?? E;
    this._qkv_same_embed_dim = this.kdim === E && this.vdim === E;
    this.num_heads = num_heads;
    this.dropout = options.dropout ?? 0;
    this.batch_first = options.batch_first ?? false;
    this.head_dim = Math.floor(E / num_heads);
    if (this.head_dim * num_heads !== E) throw new AssertionError('embed_dim must be divisible by num_heads');
    const bias = options.bias ?? true, factory = { device: options.device, dtype: options.dtype };
    // PyTorch's draws: out_proj's Linear init, then _reset_parameters (xavier_uniform_ in q, k, v
    // order, then xavier_normal_ for bias_k and bias_v); registration keeps PyTorch's order
    const outProj = new NonDynamicallyQuantizableLinear(E, E, { bias, ...factory });
    const same = this._qkv_same_embed_dim;
    const inW = same ? drawn([3 * E, E], xavierBound(E, 3 * E), factory) : null;
    const qkv = same ? [null, null, null] : [E, this.kdim, this.vdim].map((d) => drawn([E, d], xavierBound(d, E), factory));
    this.in_proj_weight = this.register_parameter('in_proj_weight', inW);
    this.q_proj_weight = this.register_parameter('q_proj_weight', qkv[0]);
    this.k_proj_weight = this.register_parameter('k_proj_weight', qkv[1]);
    this.v_proj_weight = this.register_parameter('v_proj_weight', qkv[2]);
    const inB = bias ? drawn([3 * E], 0, factory, 'zeros') : null;
    this.in_proj_bias = this.register_parameter('in_proj_bias', inB);
    if (outProj.bias) zero(outProj.bias);
    this.out_proj = this.register_module('out_proj', outProj);
    const kv = options.add_bias_kv ? [0, 1].map(() => drawn([1, 1, E], Math.sqrt(2.0 / (E + E)), factory, 'normal')) : [null, null];
    this.bias_k = this.register_parameter('bias_k', kv[0]);
    this.bias_v = this.register_parameter('bias_v', kv[1]);
    this.add_zero_attn = options.add_zero_attn ?? false;
  }

  forward(query: Tensor, key: Tensor, value: Tensor, options: MultiheadAttentionForwardOptions = {}): [Tensor, Tensor | null] {
    const batched = query.dim() === 3;
    const rawMask = options.attn_mask ?? null;
    const kpm = canonicalMask(options.key_padding_mask ?? null, 'key_padding_mask', rawMask, 'attn_mask', query._dtype);
    const mask = canonicalMask(rawMask, 'attn_mask', null, '', query._dtype);
    const transposed: Tensor[] = [];
    if (this.batch_first && batched) {
      // keep the identities (self-attention computes one in-projection)
      const t = (x: Tensor): Tensor => { const y = x.transpose(1, 0); transposed.push(y); return y; };
      if (key === value) {
        if (query === key) query = key = value = t(query);
        else { query = t(query); key = value = t(key); }
      } else [query, key, value] = [t(query), t(key), t(value)];
    }
    try {
      const separate = !this._qkv_same_embed_dim;
      const [out, weights] = multi_head_attention_forward(query, key, value, this.embed_dim, this.num_heads, this.in_proj_weight,
        this.in_proj_bias, this.bias_k, this.bias_v, this.add_zero_attn, this.dropout, this.out_proj.weight, this.out_proj.bias, {
          training: this.training, key_padding_mask: kpm, need_weights: options.need_weights ?? true, attn_mask: mask,
          use_separate_proj_weight: separate, q_proj_weight: this.q_proj_weight, k_proj_weight: this.k_proj_weight,
          v_proj_weight: this.v_proj_weight, average_attn_weights: options.average_attn_weights ?? true, is_causal: options.is_causal ?? false,
        });
      if (!(this.batch_first && batched)) return [out, weights];
      try { return [out.transpose(1, 0), weights]; } finally { out.dispose(); }
    } finally {
      for (const t of transposed) t.dispose();
      if (kpm && kpm !== options.key_padding_mask) kpm.dispose();
      if (mask && mask !== rawMask) mask.dispose();
    }
  }
}

type Activation = 'relu' | 'gelu' | ((x: Tensor) => Tensor);

/**
 * PyTorch's _get_activation_fn for a name (a function as it is). PyTorch checks it after building
 * the submodules; wasmgrad first, so a refused one leaves no parameters behind.
 */
function activationOf(act: Activation = 'relu'): (x: Tensor) => Tensor {
  if (typeof act !== 'string') return act;
  if (act !== 'relu' && act !== 'gelu') throw new RuntimeError(`activation should be relu/gelu, not ${act}`);
  return act === 'relu' ? relu : (x: Tensor): Tensor => gelu(x);
}

/** The constructor options of nn.TransformerEncoderLayer after d_model and nhead. */
export interface TransformerEncoderLayerOptions extends Factory {
  dim_feedforward?: number; dropout?: number; activation?: Activation; layer_norm_eps?: number; batch_first?: boolean;
  norm_first?: boolean; bias?: boolean;
}
/** The options of TransformerEncoderLayer.forward after src. */
export interface EncoderLayerForwardOptions { src_mask?: Tensor | null; src_key_padding_mask?: Tensor | null; is_causal?: boolean }

/** What the encoder and decoder layers share: PyTorch's submodules, registered in its order. */
abstract class TransformerLayer extends Module {
  self_attn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  readonly norm_first: boolean;
  norm1: LayerNorm;
  norm2: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  readonly activation: (x: Tensor) => Tensor;
  /** @internal the constructor's arguments, for the stacks' copies */
  readonly _args: [number, number, TransformerEncoderLayerOptions];

  /** The decoder's layer also has multihead_attn (after self_attn), norm3 and dropout3. */
  constructor(d_model: number, nhead: number, options: TransformerEncoderLayerOptions, decoder: boolean) {
    super();
    this.activation = activationOf(options.activation);
    this._args = [d_model, nhead, { ...options }];
    const dim = options.dim_feedforward ?? 2048, p = options.dropout ?? 0.1, bias = options.bias ?? true;
    const factory = { device: options.device, dtype: options.dtype }, mha = { dropout: p, bias, batch_first: options.batch_first, ...factory };
    const add = <M extends Module>(name: string, m: M): M => this.register_module(name, m);
    const own = this as unknown as Record<string, Module>; // the decoder's own fields, declared on TransformerDecoderLayer
    this.self_attn = add('self_attn', new MultiheadAttention(d_model, nhead, mha));
    if (decoder) own.multihead_attn = add('multihead_attn', new MultiheadAttention(d_model, nhead, mha));
    this.linear1 = add('linear1', new Linear(d_model, dim, { bias, ...factory }));
    this.dropout = add('dropout', new Dropout(p));
    this.linear2 = add('linear2', new Linear(dim, d_model, { bias, ...factory }));
    this.norm_first = options.norm_first ?? false;
    const norm = { eps: options.layer_norm_eps ?? 1e-5, bias, ...factory };
    this.norm1 = add('norm1', new LayerNorm(d_model, norm));
    this.norm2 = add('norm2', new LayerNorm(d_model, norm));
    if (decoder) own.norm3 = add('norm3', new LayerNorm(d_model, norm));
    this.dropout1 = add('dropout1', new Dropout(p));
    this.dropout2 = add('dropout2', new Dropout(p));
    if (decoder) own.dropout3 = add('dropout3', new Dropout(p));
  }
}

/**
 * A transformer encoder layer (PyTorch 2's nn.TransformerEncoderLayer): self-attention then a
 * feed-forward block (linear1, activation, linear2), each with dropout, a residual and a LayerNorm
 * (after, or before with norm_first). Its submodules and their initialisation are PyTorch's.
 * @example
 * torch.manual_seed(0);
 * const layer = new nn.TransformerEncoderLayer(16, 4, { dim_feedforward: 32, batch_first: true });
 * const y = layer.call(torch.randn([2, 5, 16]));                      // [2, 5, 16]
 * layer.call(x, { src_mask: nn.Transformer.generate_square_subsequent_mask(5), is_causal: true });
 */
export class TransformerEncoderLayer extends TransformerLayer {
  constructor(d_model: number, nhead: number, options: TransformerEncoderLayerOptions = {}) { super(d_model, nhead, options, false); }

  forward(src: Tensor, src_mask?: Tensor | null | EncoderLayerForwardOptions, src_key_padding_mask?: Tensor | null, is_causal?: boolean): Tensor {
    const o = forwardOptions<EncoderLayerForwardOptions>(src_mask, { src_mask: src_mask as Tensor | null | undefined, src_key_padding_mask, is_causal });
    const rawMask = o.src_mask ?? null;
    const kpm = canonicalMask(o.src_key_padding_mask ?? null, 'src_key_padding_mask', rawMask, 'src_mask', src._dtype);
    const mask = canonicalMask(rawMask, 'src_mask', null, '', src._dtype);
    const causal = o.is_causal ?? false;
    const tmp: Tensor[] = [];
    const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
    const sa = (x: Tensor): Tensor => this.dropout1.call(keep(this.self_attn.call(x, x, x,
      { attn_mask: mask, key_padding_mask: kpm, need_weights: false, is_causal: causal })[0]));
    const ff = (x: Tensor): Tensor =>
      this.dropout2.call(keep(this.linear2.call(keep(this.dropout.call(keep(this.activation(keep(this.linear1.call(x)))))))));
    try {
      if (this.norm_first) {
        const x = keep(src.add(keep(sa(keep(this.norm1.call(src))))));
        return x.add(keep(ff(keep(this.norm2.call(x)))));
      }
      const x = keep(this.norm1.call(keep(src.add(keep(sa(src))))));
      return this.norm2.call(keep(x.add(keep(ff(x)))));
    } finally {
      // a dropout in eval (or p = 0) returns its input: dispose each temporary once
      for (const t of new Set(tmp)) if (t !== src) t.dispose();
      if (kpm && kpm !== o.src_key_padding_mask) kpm.dispose();
      if (mask && mask !== rawMask) mask.dispose();
    }
  }

  /** @internal a copy with the same parameter values and mode (Python's copy.deepcopy of the layer) */
  _copy(): TransformerEncoderLayer { return copyLayer(this, () => new TransformerEncoderLayer(...this._args)); }
}

/** A copy of a layer built by `make` without touching the global generator's stream, then given the layer's values and mode. */
function copyLayer<T extends Module>(layer: T, make: () => T): T {
  const state = default_generator.get_state();
  let copy: T;
  try {
    copy = make();
  } finally {
    default_generator.set_state(state);
    state.dispose();
  }
  const mine = layer.named_parameters();
  copy.named_parameters().forEach(([, p], i) => p._dev.write(p.h, Array.from(mine[i][1].dataSync())));
  copy.train(layer.training);
  return copy;
}

/** Python's positional-or-keyword forward arguments: an options object in the first optional place, or positional values. */
function forwardOptions<T extends object>(first: unknown, positional: T): T {
  return first !== null && first !== undefined && !(first instanceof Tensor) && typeof first === 'object' ? first as T : positional;
}

/** The options of TransformerEncoder.forward after src. */
export interface EncoderForwardOptions { mask?: Tensor | null; src_key_padding_mask?: Tensor | null; is_causal?: boolean | null }

/** PyTorch's _generate_square_subsequent_mask: −inf above the diagonal, 0 elsewhere. */
function squareSubsequentMask(sz: number, device: DeviceName | undefined, dtype: DType): Tensor {
  const data = new Float64Array(sz * sz);
  for (let i = 0; i < sz; i++) for (let j = i + 1; j < sz; j++) data[i * sz + j] = -Infinity;
  const dev = getDevice(device);
  return new Tensor(dev, dev.fromData(data, [sz, sz], dtype), [sz, sz], dtype);
}

/** PyTorch 2's _detect_is_causal_mask: the hint when given, else whether mask is the causal mask of size sz. */
function detectCausal(mask: Tensor | null, isCausal: boolean | null, sz: number): boolean {
  if (isCausal !== null || !mask) return isCausal === true;
  if (mask.dim() !== 2 || mask.size(0) !== sz || mask.size(1) !== sz) return false;
  const values = mask.dataSync();
  for (let i = 0; i < sz; i++) for (let j = 0; j < sz; j++) if (values[i * sz + j] !== (j > i ? -Infinity : 0)) return false;
  return true;
}

/**
 * A stack of num_layers copies of encoder_layer (PyTorch 2's nn.TransformerEncoder: every copy
 * starts with the layer's parameters), then norm when given. A causal float mask is detected and
 * passed on as the is_causal hint, as PyTorch 2's.
 * @example
 * const layer = new nn.TransformerEncoderLayer(16, 4, { dim_feedforward: 32, batch_first: true });
 * const encoder = new nn.TransformerEncoder(layer, 3, { norm: new nn.LayerNorm(16) });
 * encoder.call(torch.randn([2, 5, 16]), { src_key_padding_mask: pad });   // [2, 5, 16]
 */
export class TransformerEncoder extends Module {
  layers: ModuleList;
  readonly num_layers: number;
  norm: Module | null;
  readonly enable_nested_tensor: boolean;
  readonly use_nested_tensor: boolean;
  readonly mask_check: boolean;

  constructor(encoder_layer: TransformerEncoderLayer, num_layers: number,
    options: { norm?: Module | null; enable_nested_tensor?: boolean; mask_check?: boolean } = {}) {
    super();
    this.layers = this.register_module('layers', new ModuleList(Array.from({ length: num_layers }, () => encoder_layer._copy())));
    this.num_layers = num_layers;
    // norm=None is a plain attribute in PyTorch, not a registered (and printed) submodule
    this.norm = options.norm ? this.register_module('norm', options.norm) : null;
    this.enable_nested_tensor = options.enable_nested_tensor ?? true;
    this.mask_check = options.mask_check ?? true;
    // PyTorch 2 explains why its nested-tensor fast path is off; wasmgrad has no fast path
    const l = encoder_layer, why = l.norm_first ? 'encoder_layer.norm_first was True'
      : !l.self_attn.batch_first ? 'encoder_layer.self_attn.batch_first was not True(use batch_first for better inference performance)'
        : !l.self_attn.in_proj_bias ? 'encoder_layer.self_attn was passed bias=False'
          : l.norm1.eps !== l.norm2.eps ? 'encoder_layer.norm1.eps was not equal to encoder_layer.norm2.eps'
            : l.self_attn.num_heads % 2 === 1 ? 'encoder_layer.self_attn.num_heads is odd' : '';
    if (this.enable_nested_tensor && why) warnOnce(`enable_nested_tensor is True, but self.use_nested_tensor is False because ${why}`);
    this.use_nested_tensor = this.enable_nested_tensor && !why;
  }

  forward(src: Tensor, mask?: Tensor | null | EncoderForwardOptions, src_key_padding_mask?: Tensor | null, is_causal?: boolean | null): Tensor {
    const o = forwardOptions<EncoderForwardOptions>(mask, { mask: mask as Tensor | null | undefined, src_key_padding_mask, is_causal });
    const rawMask = o.mask ?? null;
    const kpm = canonicalMask(o.src_key_padding_mask ?? null, 'src_key_padding_mask', rawMask, 'mask', src._dtype);
    const m = canonicalMask(rawMask, 'mask', null, '', src._dtype);
    const first = this.layers.at(0) as TransformerEncoderLayer;
    const seqLen = src.dim() === 2 ? src.size(0) : src.size(first.self_attn.batch_first ? 1 : 0);
    const causal = detectCausal(m, o.is_causal ?? null, seqLen);
    try {
      return stack(this.layers, this.norm, src, (layer, x) =>
        (layer as TransformerEncoderLayer).call(x, { src_mask: m, is_causal: causal, src_key_padding_mask: kpm }));
    } finally {
      if (kpm && kpm !== o.src_key_padding_mask) kpm.dispose();
      if (m && m !== rawMask) m.dispose();
    }
  }
}


/** The options of TransformerDecoderLayer.forward and TransformerDecoder.forward after tgt and memory. */
export interface DecoderForwardOptions {
  tgt_mask?: Tensor | null; memory_mask?: Tensor | null; tgt_key_padding_mask?: Tensor | null; memory_key_padding_mask?: Tensor | null;
  tgt_is_causal?: boolean | null; memory_is_causal?: boolean;
}

/**
 * A transformer decoder layer (PyTorch 2's nn.TransformerDecoderLayer): self-attention over tgt,
 * attention to memory (multihead_attn), then the feed-forward block, each with dropout, a residual
 * and a LayerNorm (after, or before with norm_first). Options as TransformerEncoderLayer's.
 * @example
 * const layer = new nn.TransformerDecoderLayer(16, 4, { dim_feedforward: 32 });
 * const y = layer.call(torch.randn([5, 2, 16]), torch.randn([7, 2, 16]), { tgt_mask: causal, tgt_is_causal: true });
 */
export class TransformerDecoderLayer extends TransformerLayer {
  declare multihead_attn: MultiheadAttention;
  declare norm3: LayerNorm;
  declare dropout3: Dropout;

  constructor(d_model: number, nhead: number, options: TransformerEncoderLayerOptions = {}) { super(d_model, nhead, options, true); }

  forward(tgt: Tensor, memory: Tensor, options: DecoderForwardOptions = {}): Tensor {
    const tmp: Tensor[] = [];
    const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
    const attend = (mha: MultiheadAttention, drop: Dropout, x: Tensor, mem: Tensor, mask?: Tensor | null, kpm?: Tensor | null, causal?: boolean | null): Tensor =>
      drop.call(keep(mha.call(x, mem, mem, { attn_mask: mask, key_padding_mask: kpm, is_causal: causal ?? false, need_weights: false })[0]));
    const sa = (x: Tensor): Tensor => attend(this.self_attn, this.dropout1, x, x, options.tgt_mask, options.tgt_key_padding_mask, options.tgt_is_causal);
    const ca = (x: Tensor): Tensor =>
      attend(this.multihead_attn, this.dropout2, x, memory, options.memory_mask, options.memory_key_padding_mask, options.memory_is_causal);
    const ff = (x: Tensor): Tensor =>
      this.dropout3.call(keep(this.linear2.call(keep(this.dropout.call(keep(this.activation(keep(this.linear1.call(x)))))))));
    try {
      if (this.norm_first) {
        const x1 = keep(tgt.add(keep(sa(keep(this.norm1.call(tgt))))));
        const x2 = keep(x1.add(keep(ca(keep(this.norm2.call(x1))))));
        return x2.add(keep(ff(keep(this.norm3.call(x2)))));
      }
      const x1 = keep(this.norm1.call(keep(tgt.add(keep(sa(tgt))))));
      const x2 = keep(this.norm2.call(keep(x1.add(keep(ca(x1))))));
      return this.norm3.call(keep(x2.add(keep(ff(x2)))));
    } finally {
      for (const t of new Set(tmp)) if (t !== tgt && t !== memory) t.dispose();
    }
  }

  /** @internal a copy with the same parameter values and mode (Python's copy.deepcopy of the layer) */
  _copy(): TransformerDecoderLayer { return copyLayer(this, () => new TransformerDecoderLayer(...this._args)); }
}

/**
 * A stack of num_layers copies of decoder_layer (PyTorch 2's nn.TransformerDecoder), then norm when
 * given; a causal tgt_mask is detected and passed on as the tgt_is_causal hint.
 * @example
 * const decoder = new nn.TransformerDecoder(new nn.TransformerDecoderLayer(16, 4), 2);
 * decoder.call(tgt, memory, { tgt_mask: nn.Transformer.generate_square_subsequent_mask(tgt.shape[0]) });
 */
export class TransformerDecoder extends Module {
  layers: ModuleList;
  readonly num_layers: number;
  norm: Module | null;

  constructor(decoder_layer: TransformerDecoderLayer, num_layers: number, options: { norm?: Module | null } = {}) {
    super();
    this.layers = this.register_module('layers', new ModuleList(Array.from({ length: num_layers }, () => decoder_layer._copy())));
    this.num_layers = num_layers;
    this.norm = options.norm ? this.register_module('norm', options.norm) : null;
  }

  forward(tgt: Tensor, memory: Tensor, options: DecoderForwardOptions = {}): Tensor {
    const first = this.layers.at(0) as TransformerDecoderLayer;
    const seqLen = tgt.dim() === 2 ? tgt.size(0) : tgt.size(first.self_attn.batch_first ? 1 : 0);
    const o = { ...options, tgt_is_causal: detectCausal(options.tgt_mask ?? null, options.tgt_is_causal ?? null, seqLen) };
    return stack(this.layers, this.norm, tgt, (layer, x) => (layer as TransformerDecoderLayer).call(x, memory, o));
  }
}

/** Runs x through each layer and then norm, freeing the outputs in between. */
function stack(layers: ModuleList, norm: Module | null, x: Tensor, run: (layer: Module, x: Tensor) => Tensor): Tensor {
  const outs: Tensor[] = [];
  try {
    let output = x;
    for (const layer of layers) outs.push(output = run(layer, output));
    if (norm) outs.push(output = norm.call(output) as Tensor);
    outs.pop();
    return output;
  } finally {
    for (const t of outs) t.dispose();
  }
}

/** The constructor options of nn.Transformer (all of PyTorch's arguments, as keywords). */
export interface TransformerOptions extends TransformerEncoderLayerOptions {
  d_model?: number; nhead?: number; num_encoder_layers?: number; num_decoder_layers?: number;
  custom_encoder?: Module | null; custom_decoder?: Module | null;
}
/** The options of Transformer.forward after src and tgt. */
export interface TransformerForwardOptions extends DecoderForwardOptions {
  src_mask?: Tensor | null; src_key_padding_mask?: Tensor | null; src_is_causal?: boolean | null;
}

/**
 * The encoder-decoder transformer (PyTorch 2's nn.Transformer): TransformerEncoder and
 * TransformerDecoder stacks with a final LayerNorm each, then xavier_uniform_ on every parameter of
 * two or more dims, as PyTorch's _reset_parameters (so the values equal PyTorch's after manual_seed).
 * @example
 * const model = new nn.Transformer({ d_model: 32, nhead: 4, num_encoder_layers: 2, num_decoder_layers: 2, dim_feedforward: 64 });
 * const out = model.call(torch.randn([10, 2, 32]), torch.randn([7, 2, 32]), { tgt_mask: nn.Transformer.generate_square_subsequent_mask(7) });
 */
export class Transformer extends Module {
  encoder: Module;
  decoder: Module;
  readonly d_model: number;
  readonly nhead: number;
  readonly batch_first: boolean;

  constructor(options: TransformerOptions = {}) {
    super();
    const d = options.d_model ?? 512, h = options.nhead ?? 8, eps = options.layer_norm_eps ?? 1e-5, bias = options.bias ?? true;
    const layer = { ...options, dim_feedforward: options.dim_feedforward ?? 2048 };
    const factory = { device: options.device, dtype: options.dtype };
    this.encoder = this.register_module('encoder', options.custom_encoder ?? new TransformerEncoder(new TransformerEncoderLayer(d, h, layer),
      options.num_encoder_layers ?? 6, { norm: new LayerNorm(d, { eps, bias, ...factory }) }));
    this.decoder = this.register_module('decoder', options.custom_decoder ?? new TransformerDecoder(new TransformerDecoderLayer(d, h, layer),
      options.num_decoder_layers ?? 6, { norm: new LayerNorm(d, { eps, bias, ...factory }) }));
    for (const p of this.parameters()) {
      if (p.dim() < 2) continue;
      const [fanOut, fanIn] = p.shape, receptive = p.numel() / (fanOut * fanIn);
      const fresh = drawn(p.shape, xavierBound(fanIn * receptive, fanOut * receptive), { device: p.device, dtype: p.dtype.name as Dtype });
      p._dev.write(p.h, Array.from(fresh.dataSync()));
      fresh.dispose();
    }
    this.d_model = d;
    this.nhead = h;
    this.batch_first = options.batch_first ?? false;
  }

  forward(src: Tensor, tgt: Tensor, options: TransformerForwardOptions = {}): Tensor {
    const batched = src.dim() === 3;
    if (batched && src.size(this.batch_first ? 0 : 1) !== tgt.size(this.batch_first ? 0 : 1)) {
      throw new RuntimeError('the batch number of src and tgt must be equal');
    }
    if (src.size(-1) !== this.d_model || tgt.size(-1) !== this.d_model) throw new RuntimeError('the feature number of src and tgt must be equal to d_model');
    const memory = this.encoder.call(src, { mask: options.src_mask, src_key_padding_mask: options.src_key_padding_mask, is_causal: options.src_is_causal }) as Tensor;
    try {
      return this.decoder.call(tgt, memory, {
        tgt_mask: options.tgt_mask, memory_mask: options.memory_mask, tgt_key_padding_mask: options.tgt_key_padding_mask,
        memory_key_padding_mask: options.memory_key_padding_mask, tgt_is_causal: options.tgt_is_causal, memory_is_causal: options.memory_is_causal,
      }) as Tensor;
    } finally {
      memory.dispose();
    }
  }

  /**
   * The causal float mask of size sz: −inf above the diagonal, 0 elsewhere.
   * @example nn.Transformer.generate_square_subsequent_mask(3) // [[0, -inf, -inf], [0, 0, -inf], [0, 0, 0]]
   */
  static generate_square_subsequent_mask(sz: number, options: { device?: DeviceName; dtype?: Dtype } = {}): Tensor {
    return squareSubsequentMask(sz, options.device, options.dtype === 'float64' ? DType.Float64 : DType.Float32);
  }
}
