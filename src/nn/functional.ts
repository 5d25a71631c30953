// torch.nn.functional: activations and losses, with PyTorch's argument names
// and reductions ('mean' by default, 'sum', 'none').

import { DType, Op, Reduction } from '../../abi/abi.js';
import { RuntimeError, ValueError, NotImplementedError } from '../errors.js';
import { sameShape, broadcastShapes } from '../shape.js';
import { checkInt, pyStr } from '../args.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating, checkTensor } from '../ops/common.js';
import { relu as reluOp, sigmoid as sigmoidOp, tanh as tanhOp, abs, add, div, sub, neg, unaryOp } from '../ops/elementwise.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { hardtanh } from './functional.generated.js';
import {
  reductionOf, warnBroadcast, refuseUnsupported, checkLossArgs, checkLossDtypes, castTo, sizeStr, broadcastFused, type ReductionName, type LossOptions,
} from './loss_args.js';
export type { ReductionName, LossOptions } from './loss_args.js';
export * from './losses.js'; // losses 2 (helper losses)
import { crossEntropyProbs, smoothedNll, checkSmoothing } from './cross_entropy.js';
import { nll_loss, checkNll, type NllLossOptions } from './nll_loss.js'; // nll_loss_nd's extra dims (helper lossidx)
export { nll_loss, type NllLossOptions };

export * from './functional.generated.js';
export { pad } from '../ops/gather_scatter.js'; // shape and indexing 2
export { layer_norm, rms_norm, embedding, batch_norm, instance_norm } from './norm.js'; // nn normalization and embedding (helper nnnorm)
export { embedding_bag, type EmbeddingBagOptions } from './embedding_bag.js'; // helper ebag
export { ctc_loss, type CtcLossOptions, type Lengths } from './ctc_loss.js'; // helper ebag
export { group_norm } from './group_norm.js'; // group normalization (helper normdrop)
export { dropout, dropout1d, dropout2d, dropout3d, alpha_dropout, feature_alpha_dropout } from './dropout.js'; // dropout (helper normdrop)
export { local_response_norm } from './local_response_norm.js'; // local response normalization (helper normdrop)
export { prelu, rrelu } from './prelu.js'; // helper modules
export { elu_, selu_, celu_, leaky_relu_, hardtanh_, rrelu_, threshold_ } from './inplace_activations.js'; // helper h-nnfill
export { channel_shuffle } from './channel_shuffle.js'; // helper modules
export { adaptive_avg_pool3d } from './adaptive_pool3d.js'; // helper modules
export { fractional_max_pool2d, fractional_max_pool3d } from './fractional_max_pool.js'; // helper nnrest
export {
  max_pool1d_with_indices, max_pool2d_with_indices, max_pool3d_with_indices, adaptive_max_pool1d_with_indices, adaptive_max_pool2d_with_indices,
  adaptive_max_pool3d_with_indices, fractional_max_pool2d_with_indices, fractional_max_pool3d_with_indices, upsample_nearest, upsample_bilinear, relu_,
} from './with_indices.js'; // helper nnrest
import type { TorchDtype, DTypeName } from '../dtype.js';
import { softmax as softmaxOp, log_softmax as logSoftmaxOp, logSoftmaxKeepingProbs, type SoftmaxDim } from '../ops/reduce.js';
export { pdist } from './pdist.js'; // helper h-fns
export { gumbel_softmax } from './gumbel_softmax.js'; // helper h-fns
export { hardshrink } from '../ops/torch.generated.js'; // special: PyTorch's F.hardshrink is torch.hardshrink
import { linear as linearOp } from '../ops/linalg.js';

/** max(x, 0); inplace=true is x.relu_(). @example F.relu(x) */
export const relu = (input: Tensor, inplace: boolean | { inplace?: boolean } = false): Tensor =>
  ((typeof inplace === 'boolean' ? inplace : inplace.inplace ?? false) ? input.relu_() : reluOp(input));
/** 1 / (1 + e^−x). @example F.sigmoid(x) */
export const sigmoid = (input: Tensor): Tensor => sigmoidOp(input);
/** Hyperbolic tangent. @example F.tanh(x) */
export const tanh = (input: Tensor): Tensor => tanhOp(input);
const geluSchema = parseSchema("gelu(Tensor input, *, str approximate='none') -> Tensor");

/**
 * The Gaussian error linear unit: x·Φ(x), or its tanh approximation with
 * `approximate: 'tanh'`. Its gradient node is PyTorch's GeluBackward0.
 * @example F.gelu(x); F.gelu(x, { approximate: 'tanh' })
 */
export function gelu(input: Tensor, options: { approximate?: 'none' | 'tanh' } = {}): Tensor {
  const a = bind(geluSchema, [input, options], null);
  if (a.approximate !== 'none' && a.approximate !== 'tanh') {
    throw new RuntimeError('approximate argument must be either none or tanh.');
  }
  return unaryOp(a.approximate === 'tanh' ? Op.GeluTanh : Op.Gelu, a.input as Tensor, 'gelu');
}

/** min(max(x, 0), 6): hardtanh on [0, 6]. @example F.relu6(x) */
export function relu6(input: Tensor, inplace = false): Tensor {
  return hardtanh(input, 0, 6, inplace);
}

/** x / (1 + |x|), composed as PyTorch does (its node is DivBackward0). @example F.softsign(x) */
export const softsign = (input: Tensor): Tensor => div(input, add(abs(input), 1));

/** x − tanh(x), composed as PyTorch does (its node is SubBackward0). @example F.tanhshrink(x) */
export const tanhshrink = (input: Tensor): Tensor => sub(input, tanhOp(input));

/** Softmax along dim (after casting to `dtype` when given). @example F.softmax(logits, { dim: 1 }) */
export const softmax = (input: Tensor, dim: SoftmaxDim, dtype?: TorchDtype | DTypeName | null): Tensor => softmaxOp(input, dim, dtype);
/** softmax(−x) along dim, composed as PyTorch (SoftmaxBackward0 over NegBackward0). @example F.softmin(logits, 1) */
export function softmin(input: Tensor, dim: number | { dim: number }): Tensor {
  checkTensor(input, 'softmin');
  return softmaxOp(neg(input), dim);
}
/** Log-softmax along dim. @example F.log_softmax(logits, 1) */
export const log_softmax = (input: Tensor, dim: SoftmaxDim, dtype?: TorchDtype | DTypeName | null): Tensor => logSoftmaxOp(input, dim, dtype);

/**
 * y = x·Wᵀ + b, with weight shaped (out_features, in_features).
 * @example F.linear(x, weight, bias)
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null | { bias?: Tensor | null }): Tensor {
  const b = bias && !(bias instanceof Tensor) ? bias.bias ?? null : bias ?? null;
  return linearOp(input, weight, b);
}

// ---- losses -------------------------------------------------------------------

export interface CrossEntropyOptions extends NllLossOptions { label_smoothing?: number }

/**
 * Mean squared error: mean((input − target)²), or its sum, or elementwise.
 * @example
 * const loss = F.mse_loss(model.forward(x), y);
 * F.mse_loss(pred, y, { reduction: 'sum' })
 */
export function mse_loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  refuseUnsupported(options, 'mse_loss');
  checkLossArgs(input, target, 'mse_loss');
  const reduction = reductionOf(options.reduction);
  return broadcastFused(input, target, reduction, (x, t) => input._dev.mseLoss(x, t, reduction));
}

/**
 * Mean absolute error: mean(|input − target|) (PyTorch builds it from abs and
 * mean/sum, so grad_fn is MeanBackward0, SumBackward0 or AbsBackward0).
 * @example const loss = F.l1_loss(pred, y);
 */
export function l1_loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  refuseUnsupported(options, 'l1_loss');
  checkLossArgs(input, target, 'l1_loss');
  const reduction = reductionOf(options.reduction);
  warnBroadcast(input, target);
  broadcastShapes(input._shape, target._shape);
  const d = input.sub(target);
  let diff: Tensor;
  try {
    diff = d.abs();
  } finally {
    d.dispose(); // temporaries: the graph keeps their records, not them
  }
  if (reduction === Reduction.None) return diff;
  try {
    return reduction === Reduction.Mean ? diff.mean() : diff.sum();
  } finally {
    diff.dispose();
  }
}

export interface BceOptions extends LossOptions { weight?: Tensor | null }
export interface BceWithLogitsOptions extends BceOptions { pos_weight?: Tensor | null }

/**
 * The BCE losses' weight (or binary_cross_entropy_with_logits's pos_weight) as PyTorch takes it: no
 * grad, broadcast to the input's shape, in the loss's dtype. ATen broadcasts weight against the loss
 * (the loss first in its errors) and pos_weight against the target (pos_weight first).
 */
function bceWeight(weight: Tensor | null, shape: number[], dtype: DType, fn: string, name = 'weight'): Tensor | null {
  if (!weight) return null;
  checkTensor(weight, fn, name);
  if (weight.requires_grad) {
    throw new RuntimeError(`The function '${fn}' is not differentiable with respect to argument '${name}'. This input cannot have requires_grad True.`);
  }
  const full = name === 'pos_weight' ? broadcastShapes(weight._shape, shape) : broadcastShapes(shape, weight._shape);
  if (!sameShape(full, shape)) throw new RuntimeError(`output with shape [${shape.join(', ')}] doesn't match the broadcast shape [${full.join(', ')}]`);
  const w = castTo(weight, dtype);
  if (sameShape(w._shape, shape)) return w;
  const e = w.expand(shape.slice());
  if (w !== weight) w.dispose();
  return e;
}

/**
 * Binary cross entropy between probabilities `input` (in [0, 1]) and targets,
 * with PyTorch's log clamped at −100; weight scales each element's term.
 * @example
 * const y_hat = torch.sigmoid(z);
 * const loss = F.binary_cross_entropy(y_hat, y);
 */
export function binary_cross_entropy(input: Tensor, target: Tensor, options: BceOptions = {}): Tensor {
  refuseUnsupported({ ...options, weight: undefined }, 'binary_cross_entropy');
  checkLossArgs(input, target, 'binary_cross_entropy');
  checkLossDtypes(input, target);
  if (!sameShape(input._shape, target._shape)) {
    throw new ValueError(`Using a target size (${sizeStr(target._shape)}) that is different to the input size ` +
      `(${sizeStr(input._shape)}) is deprecated. Please ensure they have the same size.`);
  }
  const reduction = reductionOf(options.reduction);
  // on the device: a NaN fails it too, as in ATen's kernel
  if (!input._dev.allProbabilities(input.h)) throw new RuntimeError('all elements of input should be between 0 and 1');
  const outShape = reduction === Reduction.None ? input._shape.slice() : [];
  const w = bceWeight(options.weight ?? null, input._shape, input._dtype, 'binary_cross_entropy');
  try {
    return new Tensor(input._dev, input._dev.binaryCrossEntropy(input.h, target.h, reduction, w ? w.h : null), outShape, input._dtype);
  } finally {
    if (w && w !== options.weight) w.dispose();
  }
}

/**
 * Binary cross entropy on logits: sigmoid and BCE in one numerically stable step; weight scales
 * each element's term, pos_weight the positive term (PyTorch 2's (1 − t)·x − log σ(x)·((pos_weight − 1)·t + 1));
 * pos_weight broadcasts against the target, e.g. one per class (C,) for (N, C).
 * @example
 * const loss = F.binary_cross_entropy_with_logits(z, y);
 * F.binary_cross_entropy_with_logits(z, y, { pos_weight: torch.tensor([3, 1, 0.5]) })  // z, y: (N, 3)
 */
export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, options: BceWithLogitsOptions = {}): Tensor {
  refuseUnsupported({ ...options, weight: undefined, pos_weight: undefined }, 'binary_cross_entropy_with_logits');
  checkLossArgs(input, target, 'binary_cross_entropy_with_logits');
  if (!sameShape(input._shape, target._shape)) {
    throw new ValueError(`Target size (${sizeStr(target._shape)}) must be the same as input size (${sizeStr(input._shape)})`);
  }
  const reduction = reductionOf(options.reduction);
  const outShape = reduction === Reduction.None ? input._shape.slice() : [];
  // ATen 1.13 composes it starting from (1 − target): the loss has target's dtype, input converted to it
  const w = bceWeight(options.weight ?? null, input._shape, target._dtype, 'binary_cross_entropy_with_logits');
  let pw: Tensor | null = null;
  try {
    pw = bceWeight(options.pos_weight ?? null, input._shape, target._dtype, 'binary_cross_entropy_with_logits', 'pos_weight');
  } catch (e) {
    if (w && w !== options.weight) w.dispose();
    throw e;
  }
  const x = castTo(input, target._dtype);
  try {
    const out = input._dev.binaryCrossEntropyWithLogits(x.h, target.h, reduction, w ? w.h : null, pw ? pw.h : null);
    return new Tensor(input._dev, out, outShape, target._dtype);
  } finally {
    if (x !== input) x.dispose();
    if (w && w !== options.weight) w.dispose();
    if (pw && pw !== options.pos_weight) pw.dispose();
  }
}

/**
 * Cross entropy of logits and class-index targets: log_softmax over the class
 * dim (1, or 0 for a 1-D input) followed by nll_loss, with nll_loss's shapes ((N, C, d1, ..., dK)
 * with targets (N, d1, ..., dK) too). A float target of the input's shape holds class
 * probabilities; label_smoothing mixes the target with the uniform distribution.
 * @example
 * const logits = model.forward(x);          // (N, C)
 * const loss = F.cross_entropy(logits, y);  // y: int64 (N,)
 */
export function cross_entropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  refuseUnsupported({ ...options, label_smoothing: undefined, weight: undefined }, 'cross_entropy');
  const ignoreIndex = options.ignore_index === undefined ? -100
    : checkInt('cross_entropy_loss', 'ignore_index', 5, options.ignore_index);
  const smoothing = options.label_smoothing ?? 0;
  // ATen takes a target of input's shape as class probabilities (a float target)
  const weight = options.weight ?? null;
  if (target instanceof Tensor && input instanceof Tensor && sameShape(input._shape, target._shape)) {
    return crossEntropyProbs(input, target, options, ignoreIndex, smoothing);
  }
  checkNll(input, target, weight, ignoreIndex, 'cross_entropy');
  const reduction = reductionOf(options.reduction);
  checkSmoothing(smoothing);
  const logp = logSoftmaxKeepingProbs(input, input._shape.length === 1 ? 0 : 1);
  try {
    const nllOptions = { reduction: options.reduction, ignore_index: options.ignore_index, weight };
    if (smoothing > 0) return smoothedNll(logp, target, weight, reduction, ignoreIndex, smoothing, (x) => nll_loss(x, target, nllOptions));
    return nll_loss(logp, target, nllOptions);
  } finally {
    logp.dispose();
  }
}


// ternary and linalg 2: F.* compositions (torch.* ones are in src/ops/compose.ts)
import { expand as expandOp } from '../ops/shape.js';
import { mul as mulOp, pow as powOp, sqrt as sqrtOp } from '../ops/elementwise.js';
import { sum as sumOp } from '../ops/reduce.js';
import { normDim } from '../shape.js';
import { clamp_min as clampMinOp } from '../ops/torch.generated.js';

const cosineSchema = parseSchema('cosine_similarity(Tensor x1, Tensor x2, int dim=1, float eps=1e-08) -> Tensor');
const oneHotSchema = parseSchema('one_hot(Tensor input, int num_classes=-1) -> Tensor');

/**
 * Cosine similarity along dim (default 1) of x1 and x2 broadcast together, as ATen 1.13 computes
 * it: each divided by its norm sqrt(Σx²) (the squared norm clamped to eps² without the graph
 * seeing it), then the sum of the products (SumBackward1).
 * @example F.cosine_similarity(torch.tensor([[1, 0]]), torch.tensor([[1, 1]])) // tensor([0.7071])
 */
export function cosine_similarity(x1: Tensor, x2: Tensor, dim?: number | { dim?: number; eps?: number }, eps?: number | { eps?: number }): Tensor;
export function cosine_similarity(...args: unknown[]): Tensor {
  const a = bind(cosineSchema, args, null);
  const x1_ = a.x1 as Tensor, x2_ = a.x2 as Tensor, dim = a.dim as number, eps = a.eps as number;
  deviceOf(x1_, x2_);
  checkFloating(x1_, 'cosine_similarity');
  checkFloating(x2_, 'cosine_similarity');
  const shape = broadcastShapes(x1_._shape, x2_._shape);
  const tmp: Tensor[] = [];
  const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
  try {
    const normalized = [x1_, x2_].map((x) => {
      const xe = keep(expandOp(x, shape));
      const sq = keep(sumOp(keep(powOp(xe, 2)), dim, true));
      // clamp_min_(eps * eps) under no_grad, in place: the values change, the graph does not
      sq._dev.write(sq.h, Array.from(sq._dev.read(sq.h), (v) => (v < eps * eps ? eps * eps : v)));
      return keep(div(xe, keep(sqrtOp(sq))));
    });
    return sumOp(keep(mulOp(normalized[0], normalized[1])), dim);
  } finally {
    for (const t of tmp) t.dispose();
  }
}

/**
 * One-hot encoding of an int64 tensor of class indices: a new last dim of size num_classes
 * (default: the largest index + 1), int64.
 * @example F.one_hot(torch.tensor([0, 2], { dtype: 'int64' }), 3) // tensor([[1, 0, 0], [0, 0, 1]])
 */
export function one_hot(tensor: Tensor, num_classes?: number | { num_classes?: number }): Tensor;
export function one_hot(...args: unknown[]): Tensor {
  const a = bind(oneHotSchema, args, null);
  const t = a.input as Tensor;
  let n = a.num_classes as number;
  if (t._dtype !== DType.Int64) throw new RuntimeError('one_hot is only applicable to index tensor.');
  const values = t._dev.read(t.h);
  if (values.length === 0) {
    if (n <= 0) throw new RuntimeError('Can not infer total number of classes from empty tensor.');
  } else {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (lo < 0) throw new RuntimeError('Class values must be non-negative.');
    if (n === -1) n = hi + 1;
    else if (n <= hi) throw new RuntimeError('Class values must be smaller than num_classes.');
  }
  const shape = [...t._shape, n];
  const out = new Int32Array(values.length * n);
  values.forEach((v, i) => { out[i * n + v] = 1; });
  return new Tensor(t._dev, t._dev.fromData(out, shape, DType.Int64), shape, DType.Int64);
}

const gluSchema = parseSchema('glu(Tensor input, int dim=-1) -> Tensor');

/**
 * The gated linear unit: input split in halves along dim (default -1), a·sigmoid(b) (GluBackward0).
 * @example F.glu(torch.randn(4, 6)).shape // [4, 3]
 */
export function glu(input: Tensor, dim?: number | { dim?: number }): Tensor;
export function glu(...args: unknown[]): Tensor {
  const a = bind(gluSchema, args, null, 'glu');
  const input = a.input as Tensor, shape = input._shape.slice();
  if (shape.length === 0) throw new RuntimeError('glu does not support scalars because halving size must be even');
  const d = normDim(a.dim as number, shape.length);
  if (shape[d] % 2) throw new RuntimeError(`Halving dimension must be even, but dimension ${d} is size ${shape[d]}`);
  checkFloating(input, 'glu');
  shape[d] /= 2;
  return new Tensor(input._dev, input._dev.glu(input.h, d), shape, input._dtype);
}

/** The p-norm over dims (NormBackward1, as torch.norm(input, p, dim, keepdim)): p > 0 or inf. */
function pNorm(input: Tensor, p: number, dims: number[], keepdim: boolean): Tensor {
  checkFloating(input, 'norm');
  if (!(p > 0)) throw new NotImplementedError(`wasmgrad: a norm with p = ${p} is not supported (p > 0 or inf only)`);
  const nd = input._shape.length;
  const ks = dims.map((d) => normDim(d, nd));
  const mask = nd === 0 ? 0 : ks.reduce((m, k) => m | (1 << k), 0);
  const shape = input._shape.flatMap((s, i) => ((mask >> i) & 1 ? (keepdim ? [1] : []) : [s]));
  return new Tensor(input._dev, input._dev.norm(input.h, p, mask, keepdim), shape, input._dtype);
}

const normalizeSchema = parseSchema('normalize(Tensor input, float p=2.0, int dim=1, float eps=1e-12) -> Tensor');

/**
 * input divided by its p-norm along dim (default 2 and 1), the norm clamped to at least eps, as
 * PyTorch composes it: input / norm(p, dim, keepdim).clamp_min(eps).expand_as(input) (DivBackward0).
 * @example F.normalize(torch.tensor([[3, 4]])) // tensor([[0.6000, 0.8000]])
 */
export function normalize(input: Tensor, p?: number | { p?: number; dim?: number; eps?: number }, dim?: number, eps?: number): Tensor;
export function normalize(...args: unknown[]): Tensor {
  const a = bind(normalizeSchema, args, null, 'normalize');
  const input = a.input as Tensor;
  const n = pNorm(input, a.p as number, [a.dim as number], true);
  const c = clampMinOp(n, a.eps as number);
  const denom = expandOp(c, input._shape.slice());
  try {
    return div(input, denom);
  } finally {
    for (const t of [n, c, denom]) t.dispose();
  }
}

const pairwiseSchema = parseSchema('pairwise_distance(Tensor x1, Tensor x2, float p=2.0, float eps=1e-06, bool keepdim=False) -> Tensor');

/**
 * The p-norm of x1 − x2 + eps along the last dim, as PyTorch composes it (NormBackward1).
 * @example F.pairwise_distance(torch.tensor([[0, 0]]), torch.tensor([[3, 4]])) // tensor([5.0000])
 */
export function pairwise_distance(x1: Tensor, x2: Tensor, p?: number | { p?: number; eps?: number; keepdim?: boolean }, eps?: number, keepdim?: boolean): Tensor;
export function pairwise_distance(...args: unknown[]): Tensor {
  const a = bind(pairwiseSchema, args, null);
  const x1 = a.x1 as Tensor, x2 = a.x2 as Tensor;
  const d = sub(x1, x2);
  const shifted = add(d, a.eps as number);
  try {
    return pNorm(shifted, a.p as number, [Math.max(x1._shape.length, x2._shape.length) - 1], a.keepdim as boolean);
  } finally {
    d.dispose();
    shifted.dispose();
  }
}

// convolution and pooling (helper conv)
export { conv1d, conv2d, conv3d, type ConvOptions } from '../ops/conv.js'; // conv3d: helper conv3d
export { conv_transpose1d, conv_transpose2d, conv_transpose3d, type ConvTransposeOptions } from '../ops/conv_transpose.js'; // helper convt (3d: helper conv3d)
export { unfold, fold, type UnfoldOptions } from '../ops/fold.js'; // helper convt
export { max_pool2d, avg_pool2d, max_pool1d, avg_pool1d, type MaxPoolOptions, type AvgPoolOptions } from '../ops/pool.js';
// pooling 2 (helper pool2)
export { max_pool3d, avg_pool3d, lp_pool1d, lp_pool2d, lp_pool3d } from '../ops/pool.js';
export { adaptive_avg_pool2d, adaptive_avg_pool1d, adaptive_max_pool1d, adaptive_max_pool2d, adaptive_max_pool3d, type AdaptiveSize } from '../ops/adaptive_pool.js';
export { max_unpool1d, max_unpool2d, max_unpool3d, type MaxUnpoolOptions } from '../ops/unpool.js';
// attention (helper attn)
export { scaled_dot_product_attention, multi_head_attention_forward, type SdpaOptions, type MhaForwardOptions } from './attention.js';
// sampling and bilinear (helper sample)
export { interpolate, upsample, pixel_shuffle, pixel_unshuffle, type InterpolateOptions, type InterpolateMode } from './interpolate.js';
export { affine_grid, grid_sample, type GridSampleOptions } from './grid_sample.js';
export { bilinear } from './bilinear.js';
