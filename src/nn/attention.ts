// torch.nn.functional attention (helper attn): scaled_dot_product_attention as ATen 2's math path
// composes it (_scaled_dot_product_attention_math with _safe_softmax), and
// multi_head_attention_forward as PyTorch 2's torch/nn/functional.py composes it, from recording
// ops (matmul, softmax, where, dropout, linear, ...): the gradients come from both devices' autograd.
// PyTorch 2's fused kernels (the CPU flash kernel, native MHA) give the same numbers up to rounding.

import { DType } from '../../abi/abi.js';
import { AssertionError, RuntimeError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { tidy } from '../memory.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { broadcastShapes, sameShape } from '../shape.js';
import { deviceOf } from '../ops/common.js';
import { isneginf } from '../ops/compare.js';
import { where } from '../ops/ternary.js';
import { cat } from '../ops/shape.js';
import { pad, repeat_interleave } from '../ops/gather_scatter.js';
import { bmm } from '../ops/linalg.js';
import { baddbmm } from '../ops/linalg_more.js';
import { linear } from '../ops/linalg.js';
import { softmax } from '../ops/reduce.js';
import { dropout } from './dropout.js';
import { warnOnce } from './warn.js';

/** c10's name of a dtype, as ATen's messages print it. */
const C10_NAMES: Record<number, string> = {
  [DType.Float32]: 'float', [DType.Float64]: 'double', [DType.Int64]: 'long int', [DType.Int32]: 'int', [DType.Bool]: 'bool',
};
const isFloat = (t: Tensor): boolean => t._dtype === DType.Float32 || t._dtype === DType.Float64;
/** A tensor of `like`'s device and the given dtype and shape, filled with v (never recorded). */
function filledLike(like: Tensor, shape: number[], v: number, dtype = like._dtype): Tensor {
  const dev = like._dev, n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(dev, dev.fromData(new Float64Array(n).fill(v), shape, dtype), shape, dtype);
}
/** A bool mask as an additive one in `dtype`: 0 where `keep`, −inf elsewhere. */
function additive(mask: Tensor, keep: boolean, dtype: DType): Tensor {
  const drop = keep ? mask.logical_not() : mask;
  return filledLike(mask, mask._shape.slice(), 0, dtype).masked_fill(drop, -Infinity);
}

/**
 * ATen 2's _safe_softmax over the last dim: softmax, except that a row of −inf gives zeros (no
 * NaN) and no gradient. The row is zeroed before the softmax too, so its backward sees no NaN.
 */
function safeSoftmax(x: Tensor): Tensor {
  const rows = isneginf(x).all(-1, true);
  return where(rows, 0, softmax(where(rows, 0, x), -1));
}

const sdpaSchema = parseSchema('scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask=None, ' +
  'float dropout_p=0.0, bool is_causal=False, *, float? scale=None, bool enable_gqa=False) -> Tensor');

/** The keyword arguments of F.scaled_dot_product_attention. */
export interface SdpaOptions { attn_mask?: Tensor | null; dropout_p?: number; is_causal?: boolean; scale?: number | null; enable_gqa?: boolean }

/** ATen 2's validate_sdpa_input. */
function checkSdpa(query: Tensor, key: Tensor, value: Tensor, mask: Tensor | null, isCausal: boolean): void {
  if (query._dtype !== key._dtype || query._dtype !== value._dtype) {
    throw new RuntimeError(`Expected query, key, and value to have the same dtype, but got query.dtype: ${C10_NAMES[query._dtype]} ` +
      `key.dtype: ${C10_NAMES[key._dtype]} and value.dtype: ${C10_NAMES[value._dtype]} instead.`);
  }
  deviceOf(query, key);
  deviceOf(query, value);
  if (query.dim() < 2 || key.dim() < 2 || value.dim() < 2) {
    throw new RuntimeError('Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: ' +
      `${query.dim()} key.dim: ${key.dim()} and value.dim: ${value.dim()} instead.`);
  }
  if (!mask) return;
  if (isCausal) throw new RuntimeError('_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True');
  if (mask._dtype !== DType.Bool && mask._dtype !== DType.Float32 && mask._dtype !== query._dtype) {
    throw new RuntimeError('Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: ' +
      `${C10_NAMES[mask._dtype]} and  query.dtype: ${C10_NAMES[query._dtype]} instead.`);
  }
  deviceOf(query, mask);
}

/**
 * Attention softmax(q·kᵀ·scale + mask)·v over the last two dims, as PyTorch 2 (its math path):
 * query (..., L, E), key (..., S, E), value (..., S, Ev) → (..., L, Ev), the batch dims
 * broadcasting. attn_mask: bool (true = takes part) or float (added to the scores), broadcast to
 * (..., L, S); is_causal: the lower-triangular mask (upper left aligned when L ≠ S); scale
 * defaults to 1/√E; dropout_p drops attention weights with the global generator (always, as
 * PyTorch's: pass 0 in eval). A row that attends nowhere gives zeros, as PyTorch 2's _safe_softmax.
 * @example
 * const q = torch.randn([2, 4, 3, 8]), k = torch.randn([2, 4, 5, 8]), v = torch.randn([2, 4, 5, 8]);
 * F.scaled_dot_product_attention(q, k, v).shape;                       // [2, 4, 3, 8]
 * F.scaled_dot_product_attention(q, q, q, null, 0, true);              // causal
 * F.scaled_dot_product_attention(q, k, v, { attn_mask: keep, scale: 0.5 });
 */
export function scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, attn_mask?: Tensor | null | SdpaOptions,
  dropout_p?: number | SdpaOptions, is_causal?: boolean | SdpaOptions, options?: SdpaOptions): Tensor;
export function scaled_dot_product_attention(...args: unknown[]): Tensor {
  const a = bind(sdpaSchema, args, null);
  const query = a.query as Tensor, key = a.key as Tensor, value = a.value as Tensor, mask = (a.attn_mask ?? null) as Tensor | null;
  const p = a.dropout_p as number, isCausal = a.is_causal as boolean, scale = (a.scale ?? null) as number | null;
  checkSdpa(query, key, value, mask, isCausal);
  if (p > 0 && !(p <= 1)) throw new RuntimeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  return tidy(() => {
    if (value.numel() === 0 || query.size(-2) === 0) {
      // ATen's early return, zeros that still depend on every input
      const zeros = filledLike(query, [...query._shape.slice(0, -1), value.size(-1)], 0);
      return zeros.add(query.sum().add(key.sum()).add(value.sum()).mul(0));
    }
    let bias = mask && mask._dtype === DType.Bool ? additive(mask, true, query._dtype) : mask;
    const negative = scale !== null && scale < 0;
    const factor = Math.sqrt(negative ? -scale! : scale ?? 1 / Math.sqrt(query.size(-1)));
    const q = query.mul(negative ? 0 - factor : factor);
    if (isCausal) bias = additive(filledLike(query, [q.size(-2), key.size(-2)], 1, DType.Bool).tril(), true, query._dtype);
    let k = key, v = value;
    if (a.enable_gqa && !(query.size(-3) === key.size(-3) && key.size(-3) === value.size(-3))) {
      k = repeat_interleave(key, query.size(-3) / key.size(-3), -3);
      v = repeat_interleave(value, query.size(-3) / value.size(-3), -3);
    }
    let attn = q.matmul(k.transpose(-2, -1).mul(factor));
    if (bias) {
      // ATen adds the mask in place: it broadcasts to the scores' shape, not past it
      const full = broadcastShapes(attn._shape, bias._shape);
      if (!sameShape(full, attn._shape)) {
        throw new RuntimeError(`output with shape [${attn._shape.join(', ')}] doesn't match the broadcast shape [${full.join(', ')}]`);
      }
      attn = attn.add(bias);
    }
    attn = safeSoftmax(attn);
    if (p > 0) attn = dropout(attn, p, true);
    return attn.matmul(v);
  });
}

// ---- multi_head_attention_forward ---------------------------------------------------------------

const sizeStr = (s: readonly number[]): string => `torch.Size([${s.join(', ')}])`;
const tupleStr = (s: readonly number[]): string => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;

/** PyTorch 2's _mha_shape_check: whether the input is batched. */
function mhaShapeCheck(query: Tensor, key: Tensor, value: Tensor, kpm: Tensor | null, mask: Tensor | null, numHeads: number): boolean {
  const q = query.dim(), k = key.dim(), v = value.dim();
  if (q === 3) {
    if (k !== 3 || v !== 3) {
      throw new AssertionError(`For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${k}-D and ${v}-D tensors respectively`);
    }
    if (kpm && kpm.dim() !== 2) {
      throw new AssertionError(`For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${kpm.dim()}-D tensor instead`);
    }
    if (mask && mask.dim() !== 2 && mask.dim() !== 3) {
      throw new AssertionError(`For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${mask.dim()}-D tensor instead`);
    }
    return true;
  }
  if (q === 2) {
    if (k !== 2 || v !== 2) {
      throw new AssertionError(`For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${k}-D and ${v}-D tensors respectively`);
    }
    if (kpm && kpm.dim() !== 1) {
      throw new AssertionError(`For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${kpm.dim()}-D tensor instead`);
    }
    if (mask) {
      if (mask.dim() !== 2 && mask.dim() !== 3) {
        throw new AssertionError(`For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${mask.dim()}-D tensor instead`);
      }
      const expected = [numHeads, query.size(0), key.size(0)];
      if (mask.dim() === 3 && !sameShape(mask._shape, expected)) {
        throw new AssertionError(`Expected \`attn_mask\` shape to be ${tupleStr(expected)} but got ${sizeStr(mask._shape)}`);
      }
    }
    return false;
  }
  throw new AssertionError(`query should be unbatched 2D or batched 3D tensor but received ${q}-D query tensor`);
}

/**
 * PyTorch 2's F._canonical_mask: a bool mask (true = masked out) as an additive float mask of
 * `dtype`; a float mask as it is; anything else an AssertionError. Warns when its dtype differs from
 * the other mask's.
 */
export function canonicalMask(mask: Tensor | null, name: string, other: Tensor | null, otherName: string, dtype: DType): Tensor | null {
  if (!mask) return null;
  if (mask._dtype !== DType.Bool && !isFloat(mask)) throw new AssertionError(`only bool and floating types of ${name} are supported`);
  if (other && other._dtype !== mask._dtype) {
    warnOnce(`Support for mismatched ${name} and ${otherName} is deprecated. Use same type for both instead.`);
  }
  return isFloat(mask) ? mask : additive(mask, false, dtype);
}

const mhaSchema = parseSchema('multi_head_attention_forward(Tensor query, Tensor key, Tensor value, int embed_dim_to_check, ' +
  'int num_heads, Tensor? in_proj_weight, Tensor? in_proj_bias, Tensor? bias_k, Tensor? bias_v, bool add_zero_attn, float dropout_p, ' +
  'Tensor out_proj_weight, Tensor? out_proj_bias, bool training=True, Tensor? key_padding_mask=None, bool need_weights=True, ' +
  'Tensor? attn_mask=None, bool use_separate_proj_weight=False, Tensor? q_proj_weight=None, Tensor? k_proj_weight=None, ' +
  'Tensor? v_proj_weight=None, Tensor? static_k=None, Tensor? static_v=None, bool average_attn_weights=True, bool is_causal=False) -> Tensor');

/** The keyword arguments of F.multi_head_attention_forward after out_proj_bias. */
export interface MhaForwardOptions {
  training?: boolean; key_padding_mask?: Tensor | null; need_weights?: boolean; attn_mask?: Tensor | null;
  use_separate_proj_weight?: boolean; q_proj_weight?: Tensor | null; k_proj_weight?: Tensor | null; v_proj_weight?: Tensor | null;
  static_k?: Tensor | null; static_v?: Tensor | null; average_attn_weights?: boolean; is_causal?: boolean;
}

/** The in-projection: q, k, v through their rows of the packed (or separate) weights. */
function inProjection(query: Tensor, key: Tensor, value: Tensor, a: Record<string, unknown>, E: number): Tensor[] {
  const b = (a.in_proj_bias ?? null) as Tensor | null;
  const bs = b ? b.chunk(3) : [null, null, null];
  if (!a.use_separate_proj_weight) {
    const w = a.in_proj_weight as Tensor | null;
    if (!w) throw new AssertionError('use_separate_proj_weight is False but in_proj_weight is None');
    if (query === key && key === value) return linear(query, w, b).chunk(3, -1); // self-attention: one product
    return w.chunk(3).map((wi, i) => linear([query, key, value][i], wi, bs[i]));
  }
  const ws = (['q', 'k', 'v'] as const).map((n) => {
    const w = (a[`${n}_proj_weight`] ?? null) as Tensor | null;
    if (!w) throw new AssertionError(`use_separate_proj_weight is True but ${n}_proj_weight is None`);
    return w;
  });
  const xs = [query, key, value], names = ['query', 'key', 'value'];
  ws.forEach((w, i) => {
    const expected = [E, xs[i].size(-1)];
    if (!sameShape(w._shape, expected)) throw new AssertionError(`expecting ${names[i]} weights shape of ${tupleStr(expected)}, but got ${sizeStr(w._shape)}`);
    if (bs[i] && !sameShape(bs[i]!._shape, [E])) throw new AssertionError(`expecting ${names[i]} bias shape of ${tupleStr([E])}, but got ${sizeStr(bs[i]!._shape)}`);
  });
  return ws.map((w, i) => linear(xs[i], w, bs[i]));
}

/**
 * The forward of nn.MultiheadAttention, as PyTorch 2 composes it: query (L, N, E) or unbatched
 * (L, E), key and value (S, N, kdim / vdim); key_padding_mask (N, S) and attn_mask (L, S) or
 * (N·num_heads, L, S), bool (true = masked out) or float (added). Returns [attn_output,
 * attn_weights] (weights null unless need_weights; averaged over heads unless
 * average_attn_weights is false). With need_weights false the attention is
 * F.scaled_dot_product_attention, which also takes the is_causal hint.
 * @example
 * const [out, w] = F.multi_head_attention_forward(x, x, x, 8, 2, inW, inB, null, null, false, 0, outW, outB);
 * F.multi_head_attention_forward(q, k, v, 8, 2, inW, inB, null, null, false, 0.1, outW, outB, { training: false, attn_mask: m });
 */
export function multi_head_attention_forward(query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: number, num_heads: number,
  in_proj_weight: Tensor | null, in_proj_bias: Tensor | null, bias_k: Tensor | null, bias_v: Tensor | null, add_zero_attn: boolean,
  dropout_p: number, out_proj_weight: Tensor, out_proj_bias: Tensor | null, options?: MhaForwardOptions | boolean): [Tensor, Tensor | null];
export function multi_head_attention_forward(...args: unknown[]): [Tensor, Tensor | null] {
  const a = bind(mhaSchema, args, null);
  let query = a.query as Tensor, key = a.key as Tensor, value = a.value as Tensor;
  let kpmIn = (a.key_padding_mask ?? null) as Tensor | null, maskIn = (a.attn_mask ?? null) as Tensor | null;
  const numHeads = a.num_heads as number, needWeights = a.need_weights as boolean;
  let isCausal = a.is_causal as boolean;
  const batched = mhaShapeCheck(query, key, value, kpmIn, maskIn, numHeads);
  return tidy(() => {
    if (!batched) {
      const self = query === key && key === value, kv = key === value;
      query = query.unsqueeze(1);
      key = self ? query : key.unsqueeze(1);
      value = kv ? key : value.unsqueeze(1);
      if (kpmIn) kpmIn = kpmIn.unsqueeze(0);
    }
    const [tgtLen, bsz, E] = query._shape, srcLen0 = key.size(0);
    let kpm = canonicalMask(kpmIn, 'key_padding_mask', maskIn, 'attn_mask', query._dtype);
    if (isCausal && !maskIn) {
      throw new RuntimeError('Need attn_mask if specifying the is_causal hint. You may use the Transformer module method ' +
        '`generate_square_subsequent_mask` to create this mask.');
    }
    let mask: Tensor | null = null;
    if (!(isCausal && !kpm && !needWeights)) {
      mask = canonicalMask(maskIn, 'attn_mask', null, '', query._dtype);
      if (kpm) isCausal = false;
    }
    if (E !== a.embed_dim_to_check) throw new AssertionError(`was expecting embedding dimension of ${a.embed_dim_to_check}, but got ${E}`);
    const headDim = Math.floor(E / numHeads);
    if (headDim * numHeads !== E) throw new AssertionError(`embed_dim ${E} not divisible by num_heads ${numHeads}`);
    if (a.use_separate_proj_weight) {
      if (key.size(0) !== value.size(0) || key.size(1) !== value.size(1)) {
        throw new AssertionError(`key's sequence and batch dims ${sizeStr(key._shape.slice(0, 2))} do not match value's ${sizeStr(value._shape.slice(0, 2))}`);
      }
    } else if (!sameShape(key._shape, value._shape)) {
      throw new AssertionError(`key shape ${sizeStr(key._shape)} does not match value shape ${sizeStr(value._shape)}`);
    }
    let [q, k, v] = inProjection(query, key, value, a, E);
    if (mask) {
      if (mask.dim() === 2) {
        if (!sameShape(mask._shape, [tgtLen, srcLen0])) {
          throw new RuntimeError(`The shape of the 2D attn_mask is ${sizeStr(mask._shape)}, but should be ${tupleStr([tgtLen, srcLen0])}.`);
        }
        mask = mask.unsqueeze(0);
      } else if (!sameShape(mask._shape, [bsz * numHeads, tgtLen, srcLen0])) {
        throw new RuntimeError(`The shape of the 3D attn_mask is ${sizeStr(mask._shape)}, but should be ${tupleStr([bsz * numHeads, tgtLen, srcLen0])}.`);
      }
    }
    const biasK = (a.bias_k ?? null) as Tensor | null, biasV = (a.bias_v ?? null) as Tensor | null;
    const staticK = (a.static_k ?? null) as Tensor | null, staticV = (a.static_v ?? null) as Tensor | null;
    if (biasK && biasV) {
      if (staticK) throw new AssertionError('bias cannot be added to static key.');
      if (staticV) throw new AssertionError('bias cannot be added to static value.');
      k = cat([k, biasK.repeat(1, bsz, 1)]);
      v = cat([v, biasV.repeat(1, bsz, 1)]);
      if (mask) mask = pad(mask, [0, 1]);
      if (kpm) kpm = pad(kpm, [0, 1]);
    } else if (biasK) throw new AssertionError('bias_k is set but bias_v is None');
    else if (biasV) throw new AssertionError('bias_v is set but bias_k is None');
    const heads = (t: Tensor, stat: Tensor | null, which: string): Tensor => {
      if (!stat) return t.reshape(t.size(0), bsz * numHeads, headDim).transpose(0, 1);
      if (stat.size(0) !== bsz * numHeads) throw new AssertionError(`expecting static_${which}.size(0) of ${bsz * numHeads}, but got ${stat.size(0)}`);
      if (stat.size(2) !== headDim) throw new AssertionError(`expecting static_${which}.size(2) of ${headDim}, but got ${stat.size(2)}`);
      return stat;
    };
    q = heads(q, null, 'q');
    k = heads(k, staticK, 'k');
    v = heads(v, staticV, 'v');
    if (a.add_zero_attn) {
      const zeros = filledLike(k, [bsz * numHeads, 1, headDim], 0);
      k = cat([k, zeros], 1);
      v = cat([v, zeros.to(v.dtype)], 1);
      if (mask) mask = pad(mask, [0, 1]);
      if (kpm) kpm = pad(kpm, [0, 1]);
    }
    const srcLen = k.size(1);
    if (kpm) {
      if (kpm.size(0) !== bsz) throw new AssertionError(`Expected key_padded_mask.shape[0] to be ${bsz}, but got ${kpm.size(0)}`);
      if (kpm.size(1) !== srcLen) throw new AssertionError(`Expected key_padded_mask.shape[1] to be ${srcLen}, but got ${kpm.size(1)}`);
      kpm = kpm.view(bsz, 1, 1, srcLen).expand(-1, numHeads, -1, -1).reshape(bsz * numHeads, 1, srcLen);
      mask = mask ? mask.add(kpm) : kpm;
    }
    const p = a.training ? (a.dropout_p as number) : 0;
    const project = (o: Tensor): Tensor => linear(o, a.out_proj_weight as Tensor, (a.out_proj_bias ?? null) as Tensor | null).view(tgtLen, bsz, E);
    if (needWeights) {
      const qScaled = q.mul(Math.sqrt(1 / headDim));
      let w = mask ? baddbmm(mask, qScaled, k.transpose(-2, -1)) : bmm(qScaled, k.transpose(-2, -1));
      w = softmax(w, -1);
      if (p > 0) w = dropout(w, p);
      let out = project(bmm(w, v).transpose(0, 1).contiguous().view(tgtLen * bsz, E));
      w = w.view(bsz, numHeads, tgtLen, srcLen);
      if (a.average_attn_weights) w = w.mean(1);
      if (!batched) {
        out = out.squeeze(1);
        w = w.squeeze(0);
      }
      return [out, w] as [Tensor, Tensor | null];
    }
    if (mask) mask = mask.size(0) === 1 && mask.dim() === 3 ? mask.unsqueeze(0) : mask.view(bsz, numHeads, -1, srcLen);
    const [q4, k4, v4] = [q.reshape(bsz, numHeads, tgtLen, headDim), k.reshape(bsz, numHeads, srcLen, headDim), v.reshape(bsz, numHeads, srcLen, headDim)];
    const attn = scaled_dot_product_attention(q4, k4, v4, mask, p, isCausal);
    const out = project(attn.permute(2, 0, 1, 3).contiguous().view(bsz * tgtLen, E));
    return [batched ? out : out.squeeze(1), null] as [Tensor, Tensor | null];
  });
}
