// Reductions and the softmax family. Dims may be an int, a list, or omitted
// (all dims); keepdim keeps reduced dims as size 1. Both may also come in a
// trailing options object: t.sum(1, { keepdim: true }), t.sum({ dim: 1 }).

import { Op, DType } from '../shared/abi.js';
import { RuntimeError, IndexError } from '../errors.js';
import { dimMask, normDim, reducedShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';
import { maximum } from './elementwise.js';

export type DimArg = number | readonly number[] | null;
export interface ReduceOptions { dim?: DimArg; keepdim?: boolean }

function parse(dim: DimArg | ReduceOptions | undefined, options: ReduceOptions | boolean | undefined): { dim: DimArg | undefined; keepdim: boolean } {
  // keepdim may also come positionally, as in torch.sum(x, 0, True)
  if (typeof options === 'boolean') options = { keepdim: options };
  if (dim !== null && typeof dim === 'object' && !Array.isArray(dim)) {
    const o = dim as ReduceOptions;
    return { dim: o.dim, keepdim: o.keepdim ?? options?.keepdim ?? false };
  }
  return { dim: dim as DimArg | undefined, keepdim: options?.keepdim ?? false };
}

function reduce(op: Op, opDim: Op, input: Tensor, dim: DimArg | ReduceOptions | undefined, options: ReduceOptions | boolean | undefined, name: string): Tensor {
  const { dim: d, keepdim } = parse(dim, options);
  const nd = input._shape.length;
  const mask = dimMask(d, nd, { fn: name, name: 'dim', position: 1 });
  if (name === 'mean' && input._dtype !== DType.Float32) {
    throw new RuntimeError('mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long');
  }
  checkFloat(input, name);
  const whole = d === undefined || d === null;
  const shape = reducedShape(input._shape, mask, keepdim);
  return new Tensor(input._dev, input._dev.sum(whole ? op : opDim, input.h, mask, keepdim), shape);
}

/**
 * Sum of all elements, or over dim(s).
 * @example x.sum(); torch.sum(x, 1, { keepdim: true }); x.sum({ dim: [0, 1] })
 */
export function sum(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions | boolean): Tensor {
  return reduce(Op.Sum, Op.SumDim, input, dim, options, 'sum');
}

/**
 * Mean of all elements, or over dim(s).
 * @example x.mean(); torch.mean(x, -1)
 */
export function mean(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions | boolean): Tensor {
  return reduce(Op.Mean, Op.MeanDim, input, dim, options, 'mean');
}

/** A max over nothing has no value: PyTorch's errors for empty reductions (dims already validated). */
function checkNonEmptyReduction(input: Tensor, dim: DimArg | undefined, name: string): void {
  if (input.numel() !== 0) return;
  const dims = dim === undefined || dim === null ? [] : typeof dim === 'number' ? [dim] : dim;
  if (dims.length === 0) {
    throw new RuntimeError(`${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  }
  const nd = input._shape.length;
  for (const d of dims) {
    const k = normDim(d, nd);
    if (nd > 0 && input._shape[k] === 0) throw new IndexError(`${name}(): Expected reduction dim ${k} to have non-zero size.`);
  }
}

/**
 * max(): the largest element (0-d). max(dim): [values, indices] along dim.
 * max(other): the elementwise maximum (torch.maximum).
 * @example x.max(); const [values, indices] = x.max(1); torch.max(a, b)
 */
export function max(input: Tensor): Tensor;
export function max(input: Tensor, dim: number | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean): [Tensor, Tensor];
export function max(input: Tensor, other: Tensor): Tensor;
export function max(
  input: Tensor, dim?: number | Tensor | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean,
): Tensor | [Tensor, Tensor] {
  if (typeof options === 'boolean') options = { keepdim: options };
  checkFloat(input, 'max');
  if (dim instanceof Tensor) return maximum(input, dim);
  if (dim === undefined) {
    if (input.numel() === 0) {
      throw new RuntimeError('max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the \'dim\' argument.');
    }
    return new Tensor(input._dev, input._dev.maxAll(input.h), []);
  }
  const d = typeof dim === 'object' ? dim.dim : dim;
  const keepdim = (typeof dim === 'object' ? dim.keepdim : undefined) ?? options?.keepdim ?? false;
  const nd = input._shape.length;
  const k = normDim(d, nd, { fn: 'max', name: 'dim', position: 1 });
  checkNonEmptyReduction(input, k, 'max');
  const shape = reducedShape(input._shape, nd === 0 ? 0 : 1 << k, keepdim);
  const [values, indices] = input._dev.maxDim(input.h, nd === 0 ? 0 : k, keepdim);
  return [new Tensor(input._dev, values, shape), new Tensor(input._dev, indices, shape.slice(), DType.Int64)];
}

/**
 * The maximum over dim(s) (all when omitted); ties share the gradient.
 * @example torch.amax(x, 1); x.amax([0, 1], { keepdim: true })
 */
export function amax(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions | boolean): Tensor {
  checkFloat(input, 'amax');
  const { dim: d, keepdim } = parse(dim, options);
  const mask = dimMask(d, input._shape.length, { fn: 'amax', name: 'dim', position: 1 });
  checkNonEmptyReduction(input, d, 'amax');
  return new Tensor(input._dev, input._dev.amax(input.h, mask, keepdim), reducedShape(input._shape, mask, keepdim));
}

/**
 * log(sum(exp(x))) over dim(s), computed stably.
 * @example torch.logsumexp(x, 1)
 */
export function logsumexp(input: Tensor, dim: DimArg | ReduceOptions, options?: ReduceOptions | boolean): Tensor {
  checkFloat(input, 'logsumexp');
  const { dim: d, keepdim } = parse(dim, options);
  const mask = dimMask(d, input._shape.length, { fn: 'logsumexp', name: 'dim', position: 1 });
  return new Tensor(input._dev, input._dev.logsumexp(input.h, mask, keepdim), reducedShape(input._shape, mask, keepdim));
}

function softmaxLike(op: Op, input: Tensor, dim: number | { dim: number } | undefined, name: string): Tensor {
  checkFloat(input, name);
  const d = typeof dim === 'object' && dim !== null ? dim.dim : dim;
  if (d === undefined) throw new RuntimeError(`${name}() missing required argument 'dim'`);
  const k = normDim(d, input._shape.length, { fn: name, name: 'dim', position: 1 });
  return new Tensor(input._dev, input._dev.softmax(op, input.h, input._shape.length === 0 ? 0 : k), input._shape.slice());
}

/** exp(x) / sum(exp(x)) along dim. @example torch.softmax(logits, 1) */
export const softmax = (input: Tensor, dim: number | { dim: number }): Tensor => softmaxLike(Op.Softmax, input, dim, 'softmax');
/** log(softmax(x)) along dim, computed stably. @example torch.log_softmax(logits, -1) */
export const log_softmax = (input: Tensor, dim: number | { dim: number }): Tensor =>
  softmaxLike(Op.LogSoftmax, input, dim, 'log_softmax');
