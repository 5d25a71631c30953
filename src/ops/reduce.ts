// Reductions and the softmax family. Dims may be an int, a list, or omitted
// (all dims); keepdim keeps reduced dims as size 1. Both may also come in a
// trailing options object: t.sum(1, { keepdim: true }), t.sum({ dim: 1 }).

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError, IndexError, TypeError } from '../errors.js';
import { argTypeError, checkTensorArg, dimNameError, invalidCombination } from '../args.js';
import { dimMask, normDim, reducedShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { checkFloat, checkFloating } from './common.js';
import { isFloating, type TorchDtype, type DTypeName } from '../dtype.js';
import { maximum, minimum } from './elementwise.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { no_grad } from '../autograd.js';

export type DimArg = number | readonly number[] | null;
export interface ReduceOptions { dim?: DimArg; keepdim?: boolean }

/** An op's printed overloads (for methods, without self) for PyTorch's "invalid combination" error. */
interface Overloads { name: string; method: readonly string[] }

const withInput = (sig: string, out: boolean): string =>
  `(Tensor input${sig === '()' ? '' : `, ${sig.slice(1, -1)}`}${out ? ', Tensor out' : ''})`;
const SUM: Overloads = {
  name: 'sum', method: ['(*, torch.dtype dtype)', '(tuple of ints dim, bool keepdim, *, torch.dtype dtype)',
    '(tuple of names dim, bool keepdim, *, torch.dtype dtype)'],
};
const MEAN: Overloads = { ...SUM, name: 'mean' };
const LOGSUMEXP: Overloads = { name: 'logsumexp', method: ['(tuple of ints dim, bool keepdim)', '(tuple of names dim, bool keepdim)'] };
const MAX: Overloads = { name: 'max', method: ['()', '(Tensor other)', '(int dim, bool keepdim)', '(name dim, bool keepdim)'] };
const MIN: Overloads = { ...MAX, name: 'min' };

/** The function form's overloads: input first, and `out` where PyTorch has one (every dim overload here). */
function functionOverloads(o: Overloads): string[] {
  return o.method.map((sig) => {
    if (o.name === 'max' || o.name === 'min') return withInput(sig, sig !== '()' && !sig.includes('Tensor other'));
    if (o.name === 'logsumexp') return withInput(`${sig.slice(0, -1)}, *)`, true);
    return sig.startsWith('(*') ? `(Tensor input, ${sig.slice(1)}` : withInput(sig, true);
  });
}

const isOptions = (x: unknown): x is ReduceOptions => x !== null && typeof x === 'object' && !Array.isArray(x);

/** PyTorch's TypeError when no overload takes (dim, options) as given. */
function noOverload(o: Overloads, input: Tensor, dim: unknown, options: unknown, method: boolean): TypeError {
  const byKeyword = isOptions(dim);
  const args: unknown[] = byKeyword || dim === undefined ? [] : [dim];
  if (options !== undefined && !isOptions(options)) args.push(options);
  const kwargs = (byKeyword ? dim : isOptions(options) ? options : {}) as Record<string, unknown>;
  return method ? invalidCombination(o.name, args, kwargs, o.method)
    : invalidCombination(o.name, [input, ...args], kwargs, functionOverloads(o));
}

/**
 * (dim, keepdim) from PyTorch's spellings, type-checked: an int or a list of
 * ints or none (all dims; `required` refuses none), and a bool keepdim.
 */
function parse(
  o: Overloads, input: Tensor, dim: DimArg | ReduceOptions | undefined, options: ReduceOptions | boolean | undefined,
  method: boolean, required = false,
): { dim: DimArg | undefined; keepdim: boolean } {
  // keepdim may also come positionally, as in torch.sum(x, 0, True)
  const o2: { keepdim?: unknown } | undefined = isOptions(options) || options === undefined ? options : { keepdim: options };
  // a keyword no overload has (sum(dimm=0)) matches none of them
  const given = [...Object.keys(isOptions(dim) ? dim : {}), ...Object.keys(isOptions(options) ? options : {})];
  if (given.some((k) => k !== 'dim' && k !== 'keepdim')) throw noOverload(o, input, dim, options, method);
  const d: unknown = isOptions(dim) ? dim.dim : dim;
  const keepdim: unknown = (isOptions(dim) ? dim.keepdim : undefined) ?? o2?.keepdim ?? false;
  if (typeof d === 'string' || (d === null && required)) throw dimNameError(d, input._shape.length);
  const dimOk = typeof d === 'number' ? Number.isInteger(d) : Array.isArray(d) || ((d === undefined || d === null) && !required);
  if (!dimOk || typeof keepdim !== 'boolean') throw noOverload(o, input, dim, options, method);
  return { dim: d as DimArg | undefined, keepdim };
}

function reduce(
  op: Op, opDim: Op, o: Overloads, input: Tensor, dim: DimArg | ReduceOptions | undefined,
  options: ReduceOptions | boolean | undefined, method: boolean,
): Tensor {
  const name = o.name;
  // every argument by name: torch.sum({ input: x, dim: 1 })
  if (!method && isOptions(input) && 'input' in input && dim === undefined) {
    ({ input, ...dim } = input as { input: Tensor } & ReduceOptions);
  }
  checkTensorArg(name, 'input', 1, input);
  const { dim: d, keepdim } = parse(o, input, dim, options, method);
  const nd = input._shape.length;
  const mask = dimMask(d, nd, { fn: name, name: 'dim', position: 1 });
  const shape = reducedShape(input._shape, mask, keepdim);
  if (!isFloating(input._dtype)) {
    if (name === 'mean') {
      throw new RuntimeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${input.dtype._scalarType}`);
    }
    // PyTorch sums bool and integer tensors into int64
    return new Tensor(input._dev, input._dev.intSum(input.h, mask, keepdim), shape, DType.Int64);
  }
  checkFloating(input, name);
  const whole = d === undefined || d === null;
  return new Tensor(input._dev, input._dev.sum(whole ? op : opDim, input.h, mask, keepdim), shape, input._dtype);
}

/**
 * Sum of all elements, or over dim(s).
 * @example x.sum(); torch.sum(x, 1, { keepdim: true }); x.sum({ dim: [0, 1] })
 */
export function sum(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions | boolean, method = false): Tensor {
  return reduce(Op.Sum, Op.SumDim, SUM, input, dim, options, method);
}

/**
 * Mean of all elements, or over dim(s).
 * @example x.mean(); torch.mean(x, -1)
 */
export function mean(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions | boolean, method = false): Tensor {
  return reduce(Op.Mean, Op.MeanDim, MEAN, input, dim, options, method);
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
export function max(input: Tensor, dim: number | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean, method?: boolean): [Tensor, Tensor];
export function max(input: Tensor, other: Tensor): Tensor;
export function max(
  input: Tensor, dim?: number | Tensor | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean,
  method = false,
): Tensor | [Tensor, Tensor] {
  return extreme(MAX, input, dim, options, method);
}

/**
 * min(): the smallest element (0-d). min(dim): [values, indices] along dim.
 * min(other): the elementwise minimum (torch.minimum).
 * @example x.min(); const [values, indices] = x.min(1); torch.min(a, b)
 */
export function min(input: Tensor): Tensor;
export function min(input: Tensor, dim: number | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean, method?: boolean): [Tensor, Tensor];
export function min(input: Tensor, other: Tensor): Tensor;
export function min(
  input: Tensor, dim?: number | Tensor | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean,
  method = false,
): Tensor | [Tensor, Tensor] {
  return extreme(MIN, input, dim, options, method);
}

/** max or min, in every form (PyTorch's overloads). */
function extreme(
  o: Overloads, input: Tensor, dim: number | Tensor | { dim: number; keepdim?: boolean } | undefined,
  options: { keepdim?: boolean } | boolean | undefined, method: boolean,
): Tensor | [Tensor, Tensor] {
  const name = o.name, isMin = name === 'min';
  checkTensorArg(name, 'input', 1, input);
  checkFloating(input, name);
  if (dim instanceof Tensor) return isMin ? minimum(input, dim, method) : maximum(input, dim, method);
  if (dim === undefined) {
    if (input.numel() === 0) {
      throw new RuntimeError(`${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    }
    return new Tensor(input._dev, input._dev.maxAll(input.h, isMin ? Op.MinAll : Op.MaxAll), [], input._dtype);
  }
  const { dim: d, keepdim } = parse(o, input, dim, options, method, true);
  if (typeof d !== 'number') throw noOverload(o, input, dim, options, method);
  const nd = input._shape.length;
  const k = normDim(d, nd, { fn: name, name: 'dim', position: 1 });
  checkNonEmptyReduction(input, k, name);
  const shape = reducedShape(input._shape, nd === 0 ? 0 : 1 << k, keepdim);
  const [values, indices] = input._dev.maxDim(input.h, nd === 0 ? 0 : k, keepdim, isMin ? Op.MinDim : Op.MaxDim);
  return [new Tensor(input._dev, values, shape, input._dtype), new Tensor(input._dev, indices, shape.slice(), DType.Int64)];
}

const argSchemas = {
  argmax: parseSchema('argmax(Tensor input, int? dim=None, bool keepdim=False) -> Tensor'),
  argmin: parseSchema('argmin(Tensor input, int? dim=None, bool keepdim=False) -> Tensor'),
};

/** argmax / argmin: the index of the first extreme, over the flattened tensor or along dim (int64). */
function argExtreme(name: 'argmax' | 'argmin', args: unknown[], self: Tensor | null): Tensor {
  const a = bind(argSchemas[name], args, self);
  const input = a.input as Tensor, dim = a.dim as number | null, keepdim = a.keepdim as boolean;
  checkFloating(input, name);
  const op = name === 'argmin' ? Op.MinDim : Op.MaxDim;
  const nd = input._shape.length;
  if (dim === null) {
    if (input.numel() === 0) throw new RuntimeError(`${name}(): Expected reduction dim to be specified for input.numel() == 0.`);
    // over the flattened tensor; keepdim keeps every dim as 1
    const flat = input.reshape([-1]);
    const [values, indices] = no_grad(() => input._dev.maxDim(flat.h, 0, false, op));
    input._dev.release(values);
    flat.dispose();
    return new Tensor(input._dev, indices, keepdim ? input._shape.map(() => 1) : [], DType.Int64);
  }
  const k = normDim(dim, nd, { fn: name, name: 'dim', position: 2 });
  checkNonEmptyReduction(input, k, name);
  const shape = reducedShape(input._shape, nd === 0 ? 0 : 1 << k, keepdim);
  const [values, indices] = no_grad(() => input._dev.maxDim(input.h, nd === 0 ? 0 : k, keepdim, op));
  input._dev.release(values);
  return new Tensor(input._dev, indices, shape, DType.Int64);
}

/**
 * The index of the largest element: over the flattened tensor, or along dim (int64). The first
 * one wins a tie; a NaN is the largest.
 * @example torch.argmax(x); x.argmax(1); torch.argmax(x, { dim: 1, keepdim: true })
 */
export function argmax(input: Tensor, dim?: number | null | { dim?: number | null; keepdim?: boolean }, keepdim?: boolean): Tensor;
export function argmax(...args: unknown[]): Tensor { return argExtreme('argmax', args, null); }

/**
 * The index of the smallest element: over the flattened tensor, or along dim (int64).
 * @example torch.argmin(x); x.argmin(0)
 */
export function argmin(input: Tensor, dim?: number | null | { dim?: number | null; keepdim?: boolean }, keepdim?: boolean): Tensor;
export function argmin(...args: unknown[]): Tensor { return argExtreme('argmin', args, null); }

/** @internal Tensor.argmax / argmin */
export const argExtremeMethod = (name: 'argmax' | 'argmin', self: Tensor, args: unknown[]): Tensor => argExtreme(name, args, self);

/** amax or amin: one signature, PyTorch's argument errors, the device's reduction. */
function extremeOver(name: 'amax' | 'amin', input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions | boolean, method = false): Tensor {
  checkTensorArg(name, 'input', 1, input);
  checkFloating(input, name);
  // one signature, amax(Tensor input, int[1] dim=[], bool keepdim=False): PyTorch's plain type errors
  for (const key of [...Object.keys(isOptions(dim) ? dim : {}), ...Object.keys(isOptions(options) ? options : {})]) {
    if (key !== 'dim' && key !== 'keepdim') throw new TypeError(`${name}() got an unexpected keyword argument '${key}'`);
  }
  const d: unknown = isOptions(dim) ? dim.dim : dim;
  const positional = options !== undefined && !isOptions(options);
  const keepdim: unknown = (isOptions(dim) ? dim.keepdim : undefined) ?? (positional ? options : options?.keepdim) ?? false;
  if (!(d === undefined || d === null || typeof d === 'number' || Array.isArray(d))) {
    throw argTypeError(name, 'dim', isOptions(dim) ? 0 : method ? 1 : 2, 'tuple of ints', d);
  }
  if (typeof keepdim !== 'boolean') throw argTypeError(name, 'keepdim', positional ? (method ? 2 : 3) : 0, 'bool', keepdim);
  const mask = dimMask(d as DimArg | undefined, input._shape.length, { fn: name, name: 'dim', position: 1 });
  checkNonEmptyReduction(input, d as DimArg | undefined, name);
  return new Tensor(input._dev, (name === 'amax' ? input._dev.amax(input.h, mask, keepdim) : input._dev.amin(input.h, mask, keepdim)), reducedShape(input._shape, mask, keepdim), input._dtype);
}

/**
 * The maximum over dim(s) (all when omitted); ties share the gradient.
 * @example torch.amax(x, 1); x.amax([0, 1], { keepdim: true })
 */
export function amax(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions | boolean, method = false): Tensor {
  return extremeOver('amax', input, dim, options, method);
}

/**
 * The smallest value over dim (all dims when omitted), as amax on −x: ties share the gradient
 * (AminBackward0), a NaN wins.
 * @example torch.amin(x, 1); x.amin([0, 1], { keepdim: true })
 */
export function amin(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions | boolean, method = false): Tensor {
  return extremeOver('amin', input, dim, options, method);
}

/**
 * log(sum(exp(x))) over dim(s), computed stably.
 * @example torch.logsumexp(x, 1)
 */
export function logsumexp(input: Tensor, dim: DimArg | ReduceOptions, options?: ReduceOptions | boolean, method = false): Tensor {
  checkTensorArg('logsumexp', 'input', 1, input);
  checkFloating(input, 'logsumexp');
  const { dim: d, keepdim } = parse(LOGSUMEXP, input, dim, options, method, true);
  const mask = dimMask(d, input._shape.length, { fn: 'logsumexp', name: 'dim', position: 1 });
  return new Tensor(input._dev, input._dev.logsumexp(input.h, mask, keepdim), reducedShape(input._shape, mask, keepdim), input._dtype);
}

/** softmax's dim, positionally or in the options, with its optional dtype. */
export type SoftmaxDim = number | { dim: number; dtype?: TorchDtype | DTypeName | null };

function softmaxLike(op: Op, input: Tensor, dim: SoftmaxDim | undefined, name: string, dtype?: TorchDtype | DTypeName | null, keepProbs = false): Tensor {
  checkTensorArg(name, 'input', 1, input);
  // PyTorch casts the input to `dtype` first (a ToCopyBackward0 node below the softmax's)
  const cast = typeof dim === 'object' && dim !== null && dim.dtype != null ? dim.dtype : dtype;
  if (cast != null) input = input.to(cast);
  checkFloating(input, name);
  const d: unknown = typeof dim === 'object' && dim !== null ? dim.dim : dim;
  const unknown = typeof dim === 'object' && dim !== null ? Object.keys(dim).filter((k) => k !== 'dim' && k !== 'dtype') : [];
  if (unknown.length) {
    throw invalidCombination(name, [input], dim as Record<string, unknown>, [
      '(Tensor input, int dim, torch.dtype dtype, *, Tensor out)', '(Tensor input, name dim, *, torch.dtype dtype)']);
  }
  if (d === undefined) throw new RuntimeError(`${name}() missing required argument 'dim'`);
  if (typeof d === 'string' || d === null) throw dimNameError(d, input._shape.length);
  if (!Number.isInteger(d)) {
    const byKeyword = typeof dim === 'object';
    throw invalidCombination(name, byKeyword ? [input] : [input, d], byKeyword ? { dim: d } : {}, [
      '(Tensor input, int dim, torch.dtype dtype, *, Tensor out)', '(Tensor input, name dim, *, torch.dtype dtype)']);
  }
  const k = normDim(d as number, input._shape.length);
  return new Tensor(input._dev, input._dev.softmax(op, input.h, input._shape.length === 0 ? 0 : k, keepProbs), input._shape.slice(), input._dtype);
}

/** exp(x) / sum(exp(x)) along dim. @example torch.softmax(logits, 1) */
export const softmax = (input: Tensor, dim: SoftmaxDim, dtype?: TorchDtype | DTypeName | null): Tensor =>
  softmaxLike(Op.Softmax, input, dim, 'softmax', dtype);
/** log(softmax(x)) along dim, computed stably. @example torch.log_softmax(logits, -1) */
export const log_softmax = (input: Tensor, dim: SoftmaxDim, dtype?: TorchDtype | DTypeName | null): Tensor =>
  softmaxLike(Op.LogSoftmax, input, dim, 'log_softmax', dtype);
/**
 * log_softmax for a loss (F.cross_entropy): the same node and values; a float32 one over rows that records its graph
 * also keeps its softmax, so its backward takes no exps (twice the memory until the backward).
 */
export const logSoftmaxKeepingProbs = (input: Tensor, dim: number): Tensor =>
  softmaxLike(Op.LogSoftmax, input, dim, 'log_softmax', null, true);
