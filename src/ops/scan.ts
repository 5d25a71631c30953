// Scans along a dim: cumsum, cumprod, cummax, cummin, logcumsumexp (and cumsum_, cumprod_),
// one node each as PyTorch. Arguments are bound from PyTorch's schemas with its errors
// (reduce_stats.ts's bindTorch); cumsum and cumprod take `dtype` and give int64 for integer and
// bool inputs, as PyTorch promotes them. The devices scan each line in order (src/js/ops/scan.ts,
// assembly/ops/scan.ts).

import { Op, DType } from '../../abi/abi.js';
import { normDim } from '../shape.js';
import { Tensor } from '../tensor.js';
import { isOptions } from '../signature.js';
import { parseSchema } from '../schema.js';
import { RuntimeError, TypeError } from '../errors.js';
import { dimNameError, invalidCombination } from '../args.js';
import { DTYPES, isDtypeName, isFloating, parseDtype } from '../dtype.js';
import { castTensor } from '../cast.js';
import { is_grad_enabled } from '../autograd.js';
import { bindTorch, overloads } from './reduce_stats.js';
import { inplace } from './inplace.js';

type ScanName = 'cumsum' | 'cumprod' | 'cummax' | 'cummin' | 'logcumsumexp';
const OPS: Record<ScanName, Op> = {
  cumsum: Op.Cumsum, cumprod: Op.Cumprod, cummax: Op.Cummax, cummin: Op.Cummin, logcumsumexp: Op.Logcumsumexp,
};
const WITH_DTYPE = overloads(['(int dim, *, torch.dtype dtype)', '(name dim, *, torch.dtype dtype)'], [true, true]);
const TUPLE_OUT = {
  fn: ['(Tensor input, int dim, *, tuple of Tensors out)', '(Tensor input, name dim, *, tuple of Tensors out)'], method: ['(int dim)', '(name dim)'],
};
const PRINTED: Record<ScanName, { fn: string[]; method: string[] }> = {
  cumsum: WITH_DTYPE, cumprod: WITH_DTYPE, cummax: TUPLE_OUT, cummin: TUPLE_OUT,
  logcumsumexp: overloads(['(int dim)', '(name dim)'], [true, true]),
};

/** C++'s names of the dtypes, as PyTorch's "Bad in-place call" prints them. */
const CPP_NAMES: Record<DType, string> = {
  [DType.Float32]: 'float', [DType.Float64]: 'double', [DType.Int64]: 'long int', [DType.Int32]: 'int', [DType.Bool]: 'bool',
};

/** input, dim (wrapped) and the dtype keyword of a call, with PyTorch's errors. */
function bindScan(name: ScanName, args: unknown[], self: Tensor | null, fnName: string = name): [Tensor, number, DType | undefined] {
  const last = args[args.length - 1], kw = isOptions(last) ? last : null;
  // a dtype given by name ('float64') is a torch.dtype to wasmgrad, and printed as one
  const shown = kw && typeof kw.dtype === 'string' && isDtypeName(kw.dtype) ? { ...kw, dtype: DTYPES[parseDtype(kw.dtype, fnName)!] } : kw;
  const printed = PRINTED[name], invalid = (): TypeError =>
    invalidCombination(fnName, kw ? args.slice(0, -1) : args, shown ?? {}, self ? printed.method : printed.fn);
  const hasDtype = (name === 'cumsum' || name === 'cumprod') && kw !== null && 'dtype' in kw;
  let rest = args;
  if (hasDtype) {
    const { dtype: _, ...others } = kw!;
    rest = Object.keys(others).length ? [...args.slice(0, -1), others] : args.slice(0, -1);
  }
  let bound: Record<string, unknown>;
  try {
    [, bound] = bindTorch([parseSchema(`${fnName}(Tensor input, int dim) -> Tensor`)], printed, rest, self, dimNameError);
  } catch (e) {
    throw hasDtype && e instanceof TypeError ? invalid() : e;
  }
  let dtype: DType | undefined;
  try { dtype = hasDtype ? parseDtype(kw!.dtype, fnName) : undefined; } catch { throw invalid(); }
  const input = bound.input as Tensor, dim = bound.dim as number;
  // PyTorch's cummax and cummin of a 0-d tensor take any dim (its backward then raises the range error)
  const anyDim = (name === 'cummax' || name === 'cummin') && input._shape.length === 0 && !(input.requires_grad && is_grad_enabled());
  return [input, anyDim ? 0 : normDim(dim, input._shape.length), dtype];
}

/** The scan on input's device: values of input's shape and dtype, and cummax/cummin's indices. */
function run(op: Op, input: Tensor, dim: number): [Tensor, Tensor | null] {
  const [v, i] = input._dev.scan(op, input.h, dim);
  const values = new Tensor(input._dev, v, input._shape.slice(), input._dtype);
  return [values, i === null ? null : new Tensor(input._dev, i, input._shape.slice(), DType.Int64)];
}

/** cumsum / cumprod in dtype `to` (the dtype keyword; int64 for integer and bool inputs, as PyTorch). */
function cumulative(name: 'cumsum' | 'cumprod', input: Tensor, dim: number, to: DType | undefined): Tensor {
  const dt = to ?? (isFloating(input._dtype) ? input._dtype : DType.Int64);
  if (dt === DType.Bool) throw new RuntimeError(`"${name}_out_cpu" not implemented for 'Bool'`);
  if (!isFloating(dt) && input.requires_grad && is_grad_enabled()) {
    // PyTorch 1.13 asserts here (an integer result cannot be differentiated)
    throw new RuntimeError('isDifferentiableType(variable.scalar_type()) INTERNAL ASSERT FAILED at "./torch/csrc/autograd/functions/utils.h":75, please report a bug to PyTorch. ');
  }
  // a float dtype keyword converts in the graph (ToCopyBackward0 before the scan's node)
  const x = castTensor(input, dt);
  try {
    return run(OPS[name], x, dim)[0];
  } finally {
    if (x !== input) x.dispose();
  }
}

function scanBound(name: ScanName, args: unknown[], self: Tensor | null): Tensor | [Tensor, Tensor] {
  const [input, dim, dtype] = bindScan(name, args, self);
  if (name === 'cumsum' || name === 'cumprod') return cumulative(name, input, dim, dtype);
  if (name === 'logcumsumexp' && !isFloating(input._dtype)) {
    throw new RuntimeError(`"logcumsumexp_out_cpu" not implemented for '${input.dtype._scalarType}'`);
  }
  const [values, indices] = run(OPS[name], input, dim);
  return indices ? [values, indices] : values;
}

/** The dim argument, with cumsum and cumprod's dtype keyword. */
export type CumulativeArgs = [dim: number, options?: { dtype?: unknown }] | [options: { dim: number; dtype?: unknown }];
/** The dim argument of cummax, cummin and logcumsumexp. */
export type ScanArgs = [dim: number] | [options: { dim: number }];

/**
 * The cumulative sum along `dim`: element k is the sum of elements 0..k (CumsumBackward0). Integer
 * and bool inputs give int64; `dtype` converts the input first.
 * @example torch.cumsum(torch.tensor([1, 2, 3]), 0); // tensor([1., 3., 6.])
 * torch.cumsum(x, -1, { dtype: torch.float64 })
 */
export function cumsum(input: Tensor, ...args: CumulativeArgs): Tensor;
export function cumsum(...args: unknown[]): Tensor { return scanBound('cumsum', args, null) as Tensor; }

/**
 * The cumulative product along `dim` (CumprodBackward0; zeros in the input get PyTorch's exact
 * gradient). Integer and bool inputs give int64; `dtype` converts the input first.
 * @example torch.cumprod(torch.tensor([1, 2, 3, 4]), 0); // tensor([ 1.,  2.,  6., 24.])
 */
export function cumprod(input: Tensor, ...args: CumulativeArgs): Tensor;
export function cumprod(...args: unknown[]): Tensor { return scanBound('cumprod', args, null) as Tensor; }

/**
 * [values, indices]: the running maximum along `dim` and the int64 index where it was taken (the
 * last of equal values; a NaN stays, as PyTorch). CummaxBackward0 sends each gradient to its index.
 * @example const [values, indices] = torch.cummax(torch.tensor([1, 3, 2, 3]), 0); // tensor([1., 3., 3., 3.]), tensor([0, 1, 1, 3])
 */
export function cummax(input: Tensor, ...args: ScanArgs): [Tensor, Tensor];
export function cummax(...args: unknown[]): [Tensor, Tensor] { return scanBound('cummax', args, null) as [Tensor, Tensor]; }

/**
 * [values, indices]: the running minimum along `dim` and where it was taken, as {@link cummax}
 * (CumminBackward0).
 * @example const [values, indices] = torch.cummin(x, 1);
 */
export function cummin(input: Tensor, ...args: ScanArgs): [Tensor, Tensor];
export function cummin(...args: unknown[]): [Tensor, Tensor] { return scanBound('cummin', args, null) as [Tensor, Tensor]; }

/**
 * log of the cumulative sum of eˣ along `dim`, without overflow (LogcumsumexpBackward0). Float inputs only.
 * @example torch.logcumsumexp(torch.tensor([0, 0]), 0); // tensor([0.0000, 0.6931])
 */
export function logcumsumexp(input: Tensor, ...args: ScanArgs): Tensor;
export function logcumsumexp(...args: unknown[]): Tensor { return scanBound('logcumsumexp', args, null) as Tensor; }

/** @internal Tensor.cumsum, cumprod, cummax, cummin, logcumsumexp */
export const scanMethod = (name: ScanName, self: Tensor, args: unknown[]): Tensor | [Tensor, Tensor] => scanBound(name, args, self);

/** @internal Tensor.cumsum_ / cumprod_: the scan in self's dtype, written into self. */
export function cumulativeInplace(name: 'cumsum' | 'cumprod', self: Tensor, args: unknown[]): Tensor {
  const [input, dim, dtype] = bindScan(name, args, self, `${name}_`);
  if (dtype !== undefined && dtype !== self._dtype) {
    throw new RuntimeError(`Bad in-place call: input tensor dtype ${CPP_NAMES[self._dtype]} and output tensor dtype ${CPP_NAMES[dtype]} should match`);
  }
  if (self._dtype === DType.Bool) throw new RuntimeError(`"${name}_out_cpu" not implemented for 'Bool'`);
  return inplace(self, () => cumulative(name, input, dim, undefined));
}
