// torch.nn.functional: activations and losses, with PyTorch's argument names
// and reductions ('mean' by default, 'sum', 'none').

import { DType, Op, Reduction } from '../../abi/abi.js';
import { RuntimeError, ValueError, IndexError, NotImplementedError } from '../errors.js';
import { sameShape, broadcastShapes } from '../shape.js';
import { checkInt, pyStr } from '../args.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloat, checkTensor } from '../ops/common.js';
import { relu as reluOp, sigmoid as sigmoidOp, tanh as tanhOp, abs, add, div, sub, neg, unaryOp, checkOutOfPlace } from '../ops/elementwise.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { hardtanh } from './functional.generated.js';

export * from './functional.generated.js';
export { one_hot, pad } from '../ops/indexing2.js'; // shape and indexing 2
import { softmax as softmaxOp, log_softmax as logSoftmaxOp } from '../ops/reduce.js';
import { linear as linearOp } from '../ops/linalg.js';

export type ReductionName = 'mean' | 'sum' | 'none';

/** @internal the loss functions' `reduction` option as the devices take it */
export function reductionOf(r: ReductionName | undefined): Reduction {
  switch (r === undefined ? 'mean' : r) {
    case 'mean': return Reduction.Mean;
    case 'sum': return Reduction.Sum;
    case 'none': return Reduction.None;
    default: throw new ValueError(`${pyStr(r)} is not a valid value for reduction`);
  }
}

/** max(x, 0). @example F.relu(x) */
export const relu = (input: Tensor): Tensor => reluOp(input);
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
  checkOutOfPlace(inplace, 'relu6');
  return hardtanh(input, 0, 6);
}

/** x / (1 + |x|), composed as PyTorch does (its node is DivBackward0). @example F.softsign(x) */
export const softsign = (input: Tensor): Tensor => div(input, add(abs(input), 1));

/** x − tanh(x), composed as PyTorch does (its node is SubBackward0). @example F.tanhshrink(x) */
export const tanhshrink = (input: Tensor): Tensor => sub(input, tanhOp(input));

/** Softmax along dim. @example F.softmax(logits, { dim: 1 }) */
export const softmax = (input: Tensor, dim: number | { dim: number }): Tensor => softmaxOp(input, dim);
/** softmax(−x) along dim, composed as PyTorch (SoftmaxBackward0 over NegBackward0). @example F.softmin(logits, 1) */
export function softmin(input: Tensor, dim: number | { dim: number }): Tensor {
  checkTensor(input, 'softmin');
  return softmaxOp(neg(input), dim);
}
/** Log-softmax along dim. @example F.log_softmax(logits, 1) */
export const log_softmax = (input: Tensor, dim: number | { dim: number }): Tensor => logSoftmaxOp(input, dim);

/**
 * y = x·Wᵀ + b, with weight shaped (out_features, in_features).
 * @example F.linear(x, weight, bias)
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null | { bias?: Tensor | null }): Tensor {
  const b = bias && !(bias instanceof Tensor) ? bias.bias ?? null : bias ?? null;
  return linearOp(input, weight, b);
}

// ---- losses -------------------------------------------------------------------

export interface LossOptions { reduction?: ReductionName }
export interface NllLossOptions extends LossOptions { ignore_index?: number }

// Python warns once per call site; one warning per distinct message is the JS equivalent.
const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`UserWarning: ${message}`);
}

const sizeStr = (s: readonly number[]): string => `torch.Size([${s.join(', ')}])`;

/** PyTorch's warning for regression losses whose target broadcasts against the input. */
function warnBroadcast(input: Tensor, target: Tensor): void {
  if (sameShape(input._shape, target._shape)) return;
  warnOnce(`Using a target size (${sizeStr(target._shape)}) that is different to the input size (${sizeStr(input._shape)}). ` +
    'This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.');
}

// PyTorch options not implemented yet: refused, since ignoring them would give a
// silently different loss (weight, pos_weight, label_smoothing, the deprecated
// size_average / reduce).
const UNSUPPORTED = ['weight', 'pos_weight', 'label_smoothing', 'size_average', 'reduce'];

function refuseUnsupported(options: object, fn: string): void {
  for (const k of UNSUPPORTED) {
    const v = (options as Record<string, unknown>)[k];
    if (v === undefined || v === null || (k === 'label_smoothing' && v === 0)) continue;
    throw new NotImplementedError(`wasmgrad: ${fn}(${k}=...) is not supported yet`);
  }
}

function checkLossArgs(input: Tensor, target: Tensor, fn: string): void {
  checkTensor(input, fn, 'input');
  checkTensor(target, fn, 'target');
  deviceOf(input, target);
  checkFloat(input, fn);
  checkFloat(target, fn);
}

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
  warnBroadcast(input, target);
  const shape = broadcastShapes(input._shape, target._shape);
  // like F.mse_loss, broadcast first (torch.broadcast_tensors), then the fused op
  const x = sameShape(shape, input._shape) ? input : input.expand(shape);
  const t = sameShape(shape, target._shape) ? target : target.expand(shape);
  const outShape = reduction === Reduction.None ? shape.slice() : [];
  try {
    return new Tensor(input._dev, input._dev.mseLoss(x.h, t.h, reduction), outShape);
  } finally {
    // the expansions are temporaries (the graph keeps their records, not them)
    if (x !== input) x.dispose();
    if (t !== target) t.dispose();
  }
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

/**
 * Binary cross entropy between probabilities `input` (in [0, 1]) and targets,
 * with PyTorch's log clamped at −100.
 * @example
 * const y_hat = torch.sigmoid(z);
 * const loss = F.binary_cross_entropy(y_hat, y);
 */
export function binary_cross_entropy(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  refuseUnsupported(options, 'binary_cross_entropy');
  checkLossArgs(input, target, 'binary_cross_entropy');
  if (!sameShape(input._shape, target._shape)) {
    throw new ValueError(`Using a target size (${sizeStr(target._shape)}) that is different to the input size ` +
      `(${sizeStr(input._shape)}) is deprecated. Please ensure they have the same size.`);
  }
  const reduction = reductionOf(options.reduction);
  const values = input.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v <= 1)) throw new RuntimeError('all elements of input should be between 0 and 1');
  }
  const outShape = reduction === Reduction.None ? input._shape.slice() : [];
  return new Tensor(input._dev, input._dev.binaryCrossEntropy(input.h, target.h, reduction), outShape);
}

/**
 * Binary cross entropy on logits: sigmoid and BCE in one numerically stable step.
 * @example const loss = F.binary_cross_entropy_with_logits(z, y);
 */
export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  refuseUnsupported(options, 'binary_cross_entropy_with_logits');
  checkLossArgs(input, target, 'binary_cross_entropy_with_logits');
  if (!sameShape(input._shape, target._shape)) {
    throw new ValueError(`Target size (${sizeStr(target._shape)}) must be the same as input size (${sizeStr(input._shape)})`);
  }
  const reduction = reductionOf(options.reduction);
  const outShape = reduction === Reduction.None ? input._shape.slice() : [];
  return new Tensor(input._dev, input._dev.binaryCrossEntropyWithLogits(input.h, target.h, reduction), outShape);
}

/** Checks nll_loss's arguments as PyTorch does (shapes, dtype, class indices). */
function checkNll(input: Tensor, target: Tensor, ignoreIndex: number, fn: string): void {
  checkTensor(input, fn, 'input');
  checkTensor(target, fn, 'target');
  deviceOf(input, target);
  checkFloat(input, fn);
  const nd = input._shape.length;
  if (nd !== 1 && nd !== 2) {
    throw new NotImplementedError(`wasmgrad: ${fn} supports (N, C) and (C,) inputs, got ${nd} dimensions`);
  }
  const batch = nd === 2 ? input._shape[0] : 1;
  const targetBatch = target._shape.length === 0 ? 1 : target._shape[0];
  if (nd === 2 && (target._shape.length !== 1 || batch !== targetBatch)) {
    if (target._shape.length === 1 || target._shape.length === 0) {
      throw new ValueError(`Expected input batch_size (${batch}) to match target batch_size (${targetBatch}).`);
    }
    throw new RuntimeError(`0D or 1D target tensor expected, multi-target not supported`);
  }
  if (nd === 1 && target._shape.length !== 0) {
    throw new RuntimeError(`0D or 1D target tensor expected, multi-target not supported`);
  }
  if (target._dtype !== DType.Int64) throw new RuntimeError(`expected scalar type Long but found ${target.dtype._scalarType}`);
  const classes = input._shape[nd - 1];
  const t = target.dataSync();
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== ignoreIndex && (t[i] < 0 || t[i] >= classes)) throw new IndexError(`Target ${t[i]} is out of bounds.`);
  }
}

/**
 * Negative log likelihood of class-index targets given log-probabilities:
 * input (N, C) with target (N,), or (C,) with a 0-d target. Targets equal to
 * ignore_index (−100) count for nothing, and 'mean' averages over the rest.
 * @example const loss = F.nll_loss(F.log_softmax(logits, 1), labels);
 */
export function nll_loss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  refuseUnsupported(options, 'nll_loss');
  // the position is that of ignore_index in torch._C._nn.nll_loss_nd, which F.nll_loss calls
  const ignoreIndex = options.ignore_index === undefined ? -100 : checkInt('nll_loss_nd', 'ignore_index', 5, options.ignore_index);
  checkNll(input, target, ignoreIndex, 'nll_loss');
  const reduction = reductionOf(options.reduction);
  const outShape = reduction === Reduction.None && input._shape.length === 2 ? [input._shape[0]] : [];
  return new Tensor(input._dev, input._dev.nllLoss(input.h, target.h, reduction, ignoreIndex), outShape);
}

/**
 * Cross entropy of logits and class-index targets: log_softmax over the class
 * dim (1, or 0 for a 1-D input) followed by nll_loss.
 * @example
 * const logits = model.forward(x);          // (N, C)
 * const loss = F.cross_entropy(logits, y);  // y: int64 (N,)
 */
export function cross_entropy(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  refuseUnsupported(options, 'cross_entropy');
  const ignoreIndex = options.ignore_index === undefined ? -100
    : checkInt('cross_entropy_loss', 'ignore_index', 5, options.ignore_index);
  checkNll(input, target, ignoreIndex, 'cross_entropy');
  reductionOf(options.reduction);
  const logp = log_softmax(input, input._shape.length === 1 ? 0 : 1);
  try {
    return nll_loss(logp, target, options);
  } finally {
    logp.dispose();
  }
}

