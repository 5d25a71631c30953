// torch.nn.functional losses 2 (helper losses). smooth_l1_loss, huber_loss and soft_margin_loss
// have their own nodes in PyTorch (SmoothL1LossBackward0, HuberLossBackward0,
// SoftMarginLossBackward0): fused ops on both devices, like mse_loss. The others PyTorch composes
// (ATen's CompositeImplicit kernels in Loss.cpp, or Python in torch/nn/functional.py), and so does
// wasmgrad, step by step as they do, so every node, value and gradient is theirs:
//
//   kl_div                 xlogy(t, t) − t·x, or exp(t)·(t − x) with log_target; 'batchmean' = sum / N
//   margin_ranking_loss    clamp_min(−t·(x1 − x2) + margin, 0)
//   hinge_embedding_loss   where(t ≠ 1, clamp_min(margin − x, 0), 0) + where(t ≠ −1, x, 0)
//   cosine_embedding_loss  cos = Σx1·x2 / sqrt((Σx1² + ε)(Σx2² + ε)); where(t = 1, 1 − cos) + where(t = −1, clamp_min(cos − margin, 0))
//   poisson_nll_loss       exp(x) − t·x, or x − t·log(x + eps); + Stirling's term where t > 1 when full
//   gaussian_nll_loss      0.5·(log(var') + (x − t)²/var'), var' = var cloned and clamped to eps outside the graph
//   triplet_margin_loss    clamp_min(margin + d(a, p) − d(a, n), 0), d = pairwise_distance (min with d(p, n) with swap)
//   multilabel_soft_margin_loss  −(t·logσ(x) + (1 − t)·logσ(−x))·weight summed over classes / C
//
// multi_margin_loss and multilabel_margin_loss have their own nodes too (MultiMarginLossBackward0,
// MultilabelMarginLossBackward0): assembly/ops/margin_loss.ts.

import { DType, Op, Reduction } from '../../abi/abi.js';
import { RuntimeError, ValueError } from '../errors.js';
import { sameShape, broadcastShapes } from '../shape.js';
import { Tensor } from '../tensor.js';
import { checkTensor, checkFloating, deviceOf } from '../ops/common.js';
import { where } from '../ops/ternary.js';
import { zeros_like } from '../creation.js';
import {
  reductionOf, refuseUnsupported, checkLossArgs, castTo, broadcastFused, warnOnce, composed, type ReductionName, type LossOptions,
} from './loss_args.js';
import { l1_loss, logsigmoid, pairwise_distance } from './functional.js';

/** ATen's apply_loss_reduction: mean(), sum() or the elementwise loss. */
function reduce(loss: Tensor, reduction: Reduction, keep: (t: Tensor) => Tensor): Tensor {
  if (reduction === Reduction.None) return loss;
  keep(loss);
  return reduction === Reduction.Mean ? loss.mean() : loss.sum();
}

/** The reduction check of PyTorch's Python-composed losses (poisson, gaussian, multilabel soft margin). */
function pythonReduction(r: string | undefined): Reduction {
  const name = r ?? 'mean';
  if (name !== 'none' && name !== 'mean' && name !== 'sum') throw new ValueError(`${name} is not valid`);
  return reductionOf(name);
}

export interface SmoothL1LossOptions extends LossOptions { beta?: number }

/**
 * The smooth L1 loss: 0.5·d²/beta where |d| < beta, else |d| − 0.5·beta (d = input − target),
 * broadcast as mse_loss (SmoothL1LossBackward0). beta = 0 is l1_loss, as PyTorch 2 computes it.
 * @example F.smooth_l1_loss(pred, y, { beta: 0.5 })
 */
export function smooth_l1_loss(input: Tensor, target: Tensor, options: SmoothL1LossOptions = {}): Tensor {
  refuseUnsupported(options, 'smooth_l1_loss');
  checkLossArgs(input, target, 'smooth_l1_loss');
  const reduction = reductionOf(options.reduction);
  const beta = options.beta ?? 1.0;
  if (beta < 0) throw new RuntimeError('smooth_l1_loss does not support negative values for beta.');
  if (beta === 0) return l1_loss(input, target, { reduction: options.reduction });
  return broadcastFused(input, target, reduction, (x, t) => input._dev.pointwiseLoss(Op.SmoothL1Loss, x, t, reduction, beta));
}

export interface HuberLossOptions extends LossOptions { delta?: number }

/**
 * The Huber loss: 0.5·d² where |d| < delta, else delta·(|d| − 0.5·delta) (HuberLossBackward0).
 * @example F.huber_loss(pred, y, { delta: 2 })
 */
export function huber_loss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  checkLossArgs(input, target, 'huber_loss');
  const reduction = reductionOf(options.reduction);
  const delta = options.delta ?? 1.0;
  if (!(delta > 0)) throw new RuntimeError('huber_loss does not support non-positive values for delta.');
  return broadcastFused(input, target, reduction, (x, t) => input._dev.pointwiseLoss(Op.HuberLoss, x, t, reduction, delta));
}

/**
 * The two-class logistic loss log(1 + exp(−target·input)), target ±1 (SoftMarginLossBackward0);
 * target broadcasts to input's shape and gets no gradient, as in PyTorch.
 * @example F.soft_margin_loss(scores, torch.tensor([1, -1, 1]))
 */
export function soft_margin_loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  refuseUnsupported(options, 'soft_margin_loss');
  checkLossArgs(input, target, 'soft_margin_loss');
  const reduction = reductionOf(options.reduction);
  if (target.requires_grad) {
    throw new RuntimeError("The function 'soft_margin_loss' is not differentiable with respect to argument 'target'. " +
      'This input cannot have requires_grad True.');
  }
  // ATen writes −input into the output and multiplies target in place: target must broadcast to input
  const shape = broadcastShapes(input._shape, target._shape);
  if (!sameShape(shape, input._shape)) {
    throw new RuntimeError(`output with shape [${input._shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
  }
  const tc = castTo(target, input._dtype);
  const t = sameShape(shape, tc._shape) ? tc : tc.expand(shape);
  try {
    const out = input._dev.pointwiseLoss(Op.SoftMarginLoss, input.h, t.h, reduction, 0);
    return new Tensor(input._dev, out, reduction === Reduction.None ? shape.slice() : [], input._dtype);
  } finally {
    for (const tmp of new Set([t, tc])) if (tmp !== target) tmp.dispose();
  }
}

export interface KlDivOptions { reduction?: ReductionName | 'batchmean'; log_target?: boolean }

/**
 * The Kullback-Leibler divergence of target from input (log-probabilities): target·(log target − input),
 * or exp(target)·(target − input) with log_target; 'batchmean' divides the sum by the batch size.
 * @example F.kl_div(F.log_softmax(logits, 1), probs, { reduction: 'batchmean' })
 */
export function kl_div(input: Tensor, target: Tensor, options: KlDivOptions = {}): Tensor {
  refuseUnsupported(options, 'kl_div');
  checkLossArgs(input, target, 'kl_div');
  const name = options.reduction ?? 'mean';
  if (name === 'mean') {
    warnOnce("reduction: 'mean' divides the total loss by both the batch size and the support size." +
      "'batchmean' divides only by the batch size, and aligns with the KL div math definition." +
      "'mean' will be changed to behave the same as 'batchmean' in the next major release.");
  }
  const reduction = reductionOf(name === 'batchmean' ? 'sum' : name);
  return composed((keep) => {
    const loss = options.log_target
      ? keep(target.exp()).mul(keep(target.sub(input)))
      : keep(target.xlogy(target)).sub(keep(target.mul(input)));
    const reduced = reduce(loss, reduction, keep);
    if (name !== 'batchmean' || input._shape.length === 0) return reduced;
    return keep(reduced).div(input._shape[0]);
  });
}

export interface MarginOptions extends LossOptions { margin?: number }

/**
 * max(0, −target·(input1 − input2) + margin), target ±1 saying which input should rank higher.
 * @example F.margin_ranking_loss(s1, s2, torch.tensor([1, -1]), { margin: 0.5 })
 */
export function margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, options: MarginOptions = {}): Tensor {
  refuseUnsupported(options, 'margin_ranking_loss');
  for (const [t, what] of [[input1, 'input1'], [input2, 'input2'], [target, 'target']] as const) checkTensor(t, 'margin_ranking_loss', what);
  const reduction = reductionOf(options.reduction);
  const size = (t: Tensor): string => `torch.Size([${t._shape.join(', ')}])`;
  if (input1._shape.length !== input2._shape.length || input1._shape.length !== target._shape.length) {
    throw new RuntimeError('margin_ranking_loss : All input tensors should have same dimension but got sizes: ' +
      `input1: ${size(input1)}, input2: ${size(input2)}, target: ${size(target)} `);
  }
  const margin = options.margin ?? 0;
  return composed((keep) => reduce(keep(keep(keep(target.neg()).mul(keep(input1.sub(input2)))).add(margin)).clamp_min(0), reduction, keep));
}

/**
 * The hinge embedding loss: input where target is 1, max(0, margin − input) where it is −1.
 * @example F.hinge_embedding_loss(distances, torch.tensor([1, -1, 1]))
 */
export function hinge_embedding_loss(input: Tensor, target: Tensor, options: MarginOptions = {}): Tensor {
  refuseUnsupported(options, 'hinge_embedding_loss');
  checkLossArgs(input, target, 'hinge_embedding_loss');
  const reduction = reductionOf(options.reduction);
  const margin = options.margin ?? 1.0;
  return composed((keep) => {
    const zeros = keep(zeros_like(input));
    const marginClamp = keep(keep(keep(input.neg()).add(margin)).clamp_min(0));
    const outMargin = keep(where(keep(target.ne(1)), marginClamp, zeros));
    const outSelf = keep(where(keep(target.ne(-1)), input, zeros));
    return reduce(outMargin.add(outSelf), reduction, keep);
  });
}

/**
 * 1 − cos(x1, x2) where target is 1, max(0, cos(x1, x2) − margin) where it is −1; rows of 2-D inputs
 * with a 1-D target, or 1-D inputs with a 0-d target.
 * @example F.cosine_embedding_loss(a, b, torch.tensor([1, -1]))
 */
export function cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, options: MarginOptions = {}): Tensor {
  refuseUnsupported(options, 'cosine_embedding_loss');
  checkLossArgs(input1, input2, 'cosine_embedding_loss');
  checkTensor(target, 'cosine_embedding_loss', 'target');
  const reduction = reductionOf(options.reduction);
  const td = target._shape.length;
  if (td !== 0 && td !== 1) throw new RuntimeError('0D or 1D target tensor expected, multi-target not supported');
  if (input1._shape.length !== td + 1 || input2._shape.length !== td + 1) {
    throw new RuntimeError(`${td}D target tensor expects ${td + 1}D input tensors, but found inputs with sizes ` +
      `[${input1._shape.join(', ')}] and [${input2._shape.join(', ')}].`);
  }
  const margin = options.margin ?? 0;
  const EPSILON = 1e-12;
  return composed((keep) => {
    const prodSum = keep(keep(input1.mul(input2)).sum(td));
    const mag1 = keep(keep(keep(input1.mul(input1)).sum(td)).add(EPSILON));
    const mag2 = keep(keep(keep(input2.mul(input2)).sum(td)).add(EPSILON));
    const cos = keep(prodSum.div(keep(keep(mag1.mul(mag2)).sqrt())));
    const zeros = keep(zeros_like(cos));
    const pos = keep(keep(cos.neg()).add(1));
    const neg = keep(keep(cos.sub(margin)).clamp_min(0));
    const outPos = keep(where(keep(target.eq(1)), pos, zeros));
    const outNeg = keep(where(keep(target.eq(-1)), neg, zeros));
    return reduce(outPos.add(outNeg), reduction, keep);
  });
}

export interface PoissonNllLossOptions extends LossOptions { log_input?: boolean; full?: boolean; eps?: number }

/**
 * The Poisson negative log likelihood: exp(input) − target·input (log_input, the default), or
 * input − target·log(input + eps); with full, Stirling's approximation of log(target!) where target > 1.
 * @example F.poisson_nll_loss(logRate, counts)
 */
export function poisson_nll_loss(input: Tensor, target: Tensor, options: PoissonNllLossOptions = {}): Tensor {
  refuseUnsupported(options, 'poisson_nll_loss');
  const reduction = pythonReduction(options.reduction);
  checkLossArgs(input, target, 'poisson_nll_loss');
  const eps = options.eps ?? 1e-8;
  return composed((keep) => {
    let loss = options.log_input ?? true
      ? keep(input.exp()).sub(keep(target.mul(input)))
      : input.sub(keep(target.mul(keep(keep(input.add(eps)).log()))));
    if (options.full) {
      keep(loss);
      const stirling = keep(keep(keep(target.xlogy(target)).sub(target)).add(keep(keep(keep(target.mul(2 * Math.PI)).log()).mul(0.5))));
      loss = loss.add(keep(stirling.masked_fill(keep(target.le(1)), 0)));
    }
    return reduce(loss, reduction, keep);
  });
}

export interface GaussianNllLossOptions extends LossOptions { full?: boolean; eps?: number }

/**
 * The Gaussian negative log likelihood 0.5·(log var + (input − target)²/var) (+ 0.5·log 2π with full),
 * var clamped to at least eps outside the graph; var may have input's shape, or lack or have 1 as its last dim.
 * @example F.gaussian_nll_loss(mu, y, sigma2)
 */
export function gaussian_nll_loss(input: Tensor, target: Tensor, variance: Tensor, options: GaussianNllLossOptions = {}): Tensor {
  refuseUnsupported(options, 'gaussian_nll_loss');
  checkLossArgs(input, target, 'gaussian_nll_loss');
  checkTensor(variance, 'gaussian_nll_loss', 'var');
  const xs = input._shape, vs = variance._shape;
  let unsqueeze = false;
  if (!sameShape(vs, xs)) {
    if (sameShape(xs.slice(0, -1), vs)) unsqueeze = true;
    else if (!(vs.length > 0 && sameShape(xs.slice(0, -1), vs.slice(0, -1)) && vs[vs.length - 1] === 1)) {
      throw new ValueError('var is of incorrect size');
    }
  }
  const reduction = pythonReduction(options.reduction);
  if (variance.dataSync().some((v) => v < 0)) throw new ValueError('var has negative entry/entries');
  const eps = options.eps ?? 1e-6;
  return composed((keep) => {
    // PyTorch 2: var.clone(), then clamp_(min=eps) under no_grad: the values change, the graph does not
    const v = keep((unsqueeze ? keep(variance.unsqueeze(-1)) : variance).clone());
    v._dev.write(v.h, Array.from(v._dev.read(v.h), (a) => (a < eps ? eps : a)));
    const sq = keep(keep(input.sub(target)).pow(2));
    let loss = keep(keep(keep(v.log()).add(keep(sq.div(v)))).mul(0.5));
    if (options.full) loss = keep(loss.add(0.5 * Math.log(2 * Math.PI)));
    return reduce(loss, reduction, keep);
  });
}

export interface TripletMarginLossOptions extends LossOptions { margin?: number; p?: number; eps?: number; swap?: boolean }

/**
 * max(0, margin + d(anchor, positive) − d(anchor, negative)), d the p-norm pairwise distance
 * (with swap, d(anchor, negative) is min'd with d(positive, negative)).
 * @example F.triplet_margin_loss(a, p, n, { margin: 1 })
 */
export function triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, options: TripletMarginLossOptions = {}): Tensor {
  refuseUnsupported(options, 'triplet_margin_loss');
  const reduction = reductionOf(options.reduction);
  const [a, p, n] = [anchor, positive, negative].map((t) => t._shape.length);
  if (a !== p || p !== n) throw new RuntimeError(`All inputs should have same dimension but got ${a}D, ${p}D and ${n}D inputs.`);
  const margin = options.margin ?? 1.0, norm = options.p ?? 2, eps = options.eps ?? 1e-6;
  return composed((keep) => {
    const distPos = keep(pairwise_distance(anchor, positive, norm, eps));
    let distNeg = keep(pairwise_distance(anchor, negative, norm, eps));
    if (options.swap) distNeg = keep(distNeg.minimum(keep(pairwise_distance(positive, negative, norm, eps))));
    return reduce(keep(keep(distPos.add(margin)).sub(distNeg)).clamp_min(0), reduction, keep);
  });
}

export interface MultilabelSoftMarginLossOptions extends LossOptions { weight?: Tensor | null }

/**
 * The multi-label one-versus-all logistic loss: −(t·logσ(x) + (1 − t)·logσ(−x)), times weight,
 * averaged over the classes (the last dim), then reduced over the batch.
 * @example F.multilabel_soft_margin_loss(logits, labels01)
 */
export function multilabel_soft_margin_loss(input: Tensor, target: Tensor, options: MultilabelSoftMarginLossOptions = {}): Tensor {
  refuseUnsupported({ ...options, weight: undefined }, 'multilabel_soft_margin_loss');
  checkLossArgs(input, target, 'multilabel_soft_margin_loss');
  const weight = options.weight ?? null;
  return composed((keep) => {
    let loss = keep(keep(keep(target.mul(keep(logsigmoid(input)))).add(keep(keep(keep(target.neg()).add(1)).mul(keep(logsigmoid(keep(input.neg()))))))).neg());
    if (weight) loss = keep(loss.mul(weight));
    const classDim = input._shape.length - 1;
    const perItem = keep(loss.sum(classDim)).div(input._shape[classDim]);
    // PyTorch checks the reduction after computing the loss
    let reduction: Reduction;
    try {
      reduction = pythonReduction(options.reduction);
    } catch (e) {
      perItem.dispose();
      throw e;
    }
    return reduce(perItem, reduction, keep);
  });
}

export interface MultiMarginLossOptions extends LossOptions { p?: number; margin?: number; weight?: Tensor | null }

/**
 * The multi-class hinge loss: per row, Σ over classes d ≠ y of max(0, margin − x[y] + x[d])^p
 * (times weight[y]), over the class count; input (N, C) with int64 target (N), or (C) with a 0-d
 * target (MultiMarginLossBackward0, one op with PyTorch's kernel and backward on both devices).
 * @example F.multi_margin_loss(scores, torch.tensor([0, 2], { dtype: 'int64' }))
 */
export function multi_margin_loss(input: Tensor, target: Tensor, options: MultiMarginLossOptions = {}): Tensor {
  refuseUnsupported({ ...options, weight: undefined }, 'multi_margin_loss');
  checkTensor(input, 'multi_margin_loss', 'input');
  checkTensor(target, 'multi_margin_loss', 'target');
  const reduction = reductionOf(options.reduction);
  const p = options.p ?? 1, margin = options.margin ?? 1, weight = options.weight ?? null;
  if (p !== 1 && p !== 2) throw new ValueError('only p == 1 and p == 2 supported');
  checkFloating(input, 'multi_margin_loss');
  const s = input._shape, nd = s.length;
  if (!((nd === 2 && s[1] !== 0) || (nd === 1 && s[0] !== 0) || nd === 0)) {
    throw new RuntimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${s.join(', ')}]`);
  }
  const nframe = nd === 2 ? s[0] : 1, dim = nd === 2 ? s[1] : nd === 1 ? s[0] : 1;
  if (!(target._shape.length <= 1 && target.numel() === nframe)) {
    throw new RuntimeError(`inconsistent target size, got: [${target._shape.join(', ')}]`);
  }
  if (target._dtype !== DType.Int64) throw new RuntimeError(`expected scalar type Long but found ${target.dtype._scalarType}`);
  // PyTorch 2's check (1.13 reads weight[target] unchecked)
  if (weight && !(weight._shape.length <= 1 && weight.numel() === dim)) {
    throw new RuntimeError(`inconsistent weight size, expected ${dim} but got [${weight._shape.join(', ')}]`);
  }
  deviceOf(input, target);
  if (weight) deviceOf(input, weight);
  if (target.dataSync().some((y) => y < 0 || y >= dim)) throw new RuntimeError('target out of range');
  const w = weight ? castTo(weight, input._dtype) : null;
  try {
    const out = input._dev.multiMarginLoss(input.h, target.h, w ? w.h : null, p, margin, reduction);
    return new Tensor(input._dev, out, reduction === Reduction.None && target._shape.length > 0 ? [nframe] : [], input._dtype);
  } finally {
    if (w && w !== weight) w.dispose();
  }
}

/**
 * The multi-label hinge loss: per row, for each target class y (the target row's classes before
 * its first −1) and each non-target d, max(0, 1 − x[y] + x[d]), summed over the class count
 * (MultilabelMarginLossBackward0, one op with PyTorch's kernel and backward on both devices).
 * @example F.multilabel_margin_loss(scores, torch.tensor([[3, 0, -1, 1]], { dtype: 'int64' }))
 */
export function multilabel_margin_loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  refuseUnsupported(options, 'multilabel_margin_loss');
  checkTensor(input, 'multilabel_margin_loss', 'input');
  checkTensor(target, 'multilabel_margin_loss', 'target');
  const reduction = reductionOf(options.reduction);
  checkFloating(input, 'multilabel_margin_loss');
  const s = input._shape, nd = s.length, ts = target._shape;
  if (!((nd === 2 && s[1] !== 0) || (nd === 1 && s[0] !== 0) || nd === 0)) {
    throw new RuntimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${s.join(', ')}]`);
  }
  const nframe = nd === 2 ? s[0] : 1, dim = nd === 2 ? s[1] : nd === 1 ? s[0] : 1;
  const fits = nd <= 1 ? ts.length <= 1 && target.numel() === dim : ts.length === 2 && ts[0] === nframe && ts[1] === dim;
  if (!fits) throw new RuntimeError(`inconsistent size [${ts.join(', ')}] for argument #2 'target'`);
  if (target._dtype !== DType.Int64) throw new RuntimeError(`expected scalar type Long but found ${target.dtype._scalarType}`);
  deviceOf(input, target);
  if (target.dataSync().some((y) => y < -1 || y >= dim)) throw new RuntimeError("argument #2 'target' is out of range");
  const out = input._dev.multilabelMarginLoss(input.h, target.h, reduction);
  return new Tensor(input._dev, out, reduction === Reduction.None && ts.length > 1 ? [nframe] : [], input._dtype);
}


export interface TripletMarginWithDistanceLossOptions extends LossOptions {
  /** distance(a, b) → a tensor of distances (default F.pairwise_distance). */
  distance_function?: ((x1: Tensor, x2: Tensor) => Tensor) | null;
  margin?: number;
  swap?: boolean;
}

/**
 * The triplet loss with any distance, as PyTorch 2's `F.triplet_margin_with_distance_loss`:
 * clamp_min(margin + d(a, p) − d(a, n), 0), d(a, n) replaced by min(d(a, n), d(p, n)) with swap,
 * d = distance_function (default pairwise_distance), then the reduction.
 * @example F.triplet_margin_with_distance_loss(a, p, n, { distance_function: (x, y) => F.pairwise_distance(x, y, 1), margin: 0.5 })
 */
export function triplet_margin_with_distance_loss(anchor: Tensor, positive: Tensor, negative: Tensor,
  options: TripletMarginWithDistanceLossOptions = {}): Tensor {
  const reduction = options.reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') throw new ValueError(`${reduction as string} is not a valid value for reduction`);
  const [a, p, n] = [anchor, positive, negative].map((t) => t._shape.length);
  if (a !== p || p !== n) {
    throw new RuntimeError('The anchor, positive, and negative tensors are expected to have the same number of dimensions, ' +
      `but got: anchor ${a}D, positive ${p}D, and negative ${n}D inputs`);
  }
  const distance = options.distance_function ?? ((x: Tensor, y: Tensor) => pairwise_distance(x, y));
  const margin = options.margin ?? 1.0;
  return composed((keep) => {
    const distPos = keep(distance(anchor, positive));
    let distNeg = keep(distance(anchor, negative));
    if (options.swap) distNeg = keep(distNeg.minimum(keep(distance(positive, negative))));
    return reduce(keep(keep(distPos.add(margin)).sub(distNeg)).clamp_min(0), reductionOf(reduction), keep);
  });
}
