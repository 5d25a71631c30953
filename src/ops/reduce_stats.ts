// Reductions beyond sum, mean and max: prod, var, std, var_mean, std_mean, all, any, count_nonzero, nansum, nanmean, norm,
// linalg.vector_norm, aminmax. Arguments bound from PyTorch's schemas (without
// `dtype`), on float32 and float64 inputs; the devices reduce in run order
// (src/js/ops/reduce_stats.ts, assembly/ops/reduce_stats.ts), one node per op as PyTorch.

import { Op, DType } from '../../abi/abi.js';
import { dimMask, normDim, reducedShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { checkFloating } from './common.js';
import { bind, bindOverloads, isOptions } from '../signature.js';
import { parseSchema } from '../schema.js';
import { mean, sum } from './reduce.js';
import { eq, ne, gt } from './compare.js';
import { div, mul } from './elementwise.js';
import { sqrt } from './torch.generated.js';
import { RuntimeError, IndexError, TypeError } from '../errors.js';
import { dimNameError, invalidCombination } from '../args.js';
import { nuclearNorm } from './matrix_norm.js'; // helper svd

/** op over the dims in mask on input's device: the tensor of the reduced shape. */
function run(op: Op, input: Tensor, mask: number, keepdim: boolean, p = 0, flag = 0): Tensor {
  return new Tensor(input._dev, input._dev.reduce2(op, input.h, mask, keepdim, p, flag), reducedShape(input._shape, mask, keepdim), input._dtype);
}

/**
 * bindOverloads against the overloads bound here, with PyTorch's own errors: its full overload
 * list (with the dtype and Dimname forms, which are not bound here) in "invalid combination", and
 * a str dim, taken by a Dimname overload when the rest fits, is its Dimname error (`names`).
 */
export function bindTorch(
  schemas: ReturnType<typeof parseSchema>[], printed: { fn: string[]; method: string[] }, args: unknown[], self: Tensor | null,
  names: (d: string, nd: number) => Error,
): [number, Record<string, unknown>] {
  try {
    return bindOverloads(schemas, args, self);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const kw = isOptions(args[args.length - 1]) ? args[args.length - 1] as Record<string, unknown> : null;
    const positional = kw ? args.slice(0, -1) : args, at = self ? 0 : 1;
    const input = (self ?? positional[0]) as Tensor;
    const d = typeof positional[at] === 'string' ? positional[at] : kw && typeof kw.dim === 'string' ? kw.dim : null;
    if (typeof d === 'string' && input instanceof Tensor) {
      const p2 = positional.slice();
      if (typeof p2[at] === 'string') p2[at] = 0;
      const kw2 = kw && typeof kw.dim === 'string' ? { ...kw, dim: 0 } : kw;
      let fits = true;
      try { bindOverloads(schemas, kw2 ? [...p2, kw2] : p2, self); } catch { fits = false; }
      if (fits) throw names(d, input._shape.length);
    }
    throw invalidCombination(schemas[0].name, positional, kw ?? {}, self ? printed.method : printed.fn);
  }
}

/** PyTorch's printed overloads: the method's, and the function's (input first, `out` where it has one). */
export function overloads(method: string[], out: boolean[]): { fn: string[]; method: string[] } {
  const fn = method.map((sig, i) => {
    const inner = sig === '()' ? 'Tensor input' : `Tensor input, ${sig.slice(1, -1)}`;
    return `(${inner}${out[i] ? (inner.includes('*') ? ', Tensor out' : ', *, Tensor out') : ''})`;
  });
  return { fn, method };
}
const PROD_PRINTED = overloads(['(*, torch.dtype dtype)', '(int dim, bool keepdim, *, torch.dtype dtype)', '(name dim, bool keepdim, *, torch.dtype dtype)'], [false, true, true]);

const PROD = [
  parseSchema('prod(Tensor input) -> Tensor', false),
  parseSchema('prod(Tensor input, int dim, bool keepdim=False) -> Tensor'),
];

function prodBound(args: unknown[], self: Tensor | null): Tensor {
  const [which, a] = bindTorch(PROD, PROD_PRINTED, args, self, dimNameError);
  const input = a.input as Tensor, nd = input._shape.length;
  checkFloating(input, 'prod');
  if (which === 0) return run(Op.Prod, input, nd ? (1 << nd) - 1 : 0, false, 0, 1);
  const k = normDim(a.dim as number, nd, { fn: 'prod', name: 'dim', position: 2 });
  return run(Op.ProdDim, input, nd ? 1 << k : 0, a.keepdim as boolean);
}

/**
 * The product of all elements (0-d), or along `dim` (ProdBackward0 / ProdBackward1; a zero
 * in the input gets the product of the others as its gradient, as PyTorch).
 * @example torch.prod(x); torch.prod(x, 1); torch.prod(x, { dim: -1, keepdim: true })
 */
export function prod(input: Tensor, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): Tensor;
export function prod(...args: unknown[]): Tensor { return prodBound(args, null); }

/** @internal Tensor.prod */
export const prodMethod = (self: Tensor, args: unknown[]): Tensor => prodBound(args, self);

type Moment = 'var' | 'std' | 'var_mean' | 'std_mean';
const momentSchemas = (name: Moment): ReturnType<typeof parseSchema>[] => [
  parseSchema(`${name}(Tensor input, int[]? dim, *, int? correction=None, bool keepdim=False) -> Tensor`, !name.endsWith('mean')),
  parseSchema(`${name}(Tensor input, int[]? dim, bool unbiased=True, bool keepdim=False) -> Tensor`, !name.endsWith('mean')),
  parseSchema(`${name}(Tensor input, bool unbiased=True) -> Tensor`, false),
];
const MOMENTS: Record<Moment, ReturnType<typeof parseSchema>[]> = {
  var: momentSchemas('var'), std: momentSchemas('std'), var_mean: momentSchemas('var_mean'), std_mean: momentSchemas('std_mean'),
};
const momentPrinted = (out: boolean): { fn: string[]; method: string[] } => overloads([
  '(tuple of ints dim, *, int correction, bool keepdim)', '(tuple of ints dim, bool unbiased, bool keepdim)', '(bool unbiased)',
  '(tuple of names dim, *, int correction, bool keepdim)', '(tuple of names dim, bool unbiased, bool keepdim)',
], [out, out, false, out, out]);
const MOMENT_PRINTED = { var: momentPrinted(true), std: momentPrinted(true), var_mean: momentPrinted(false), std_mean: momentPrinted(false) };
const MOMENT_OPS: Record<Moment, Op> = { var: Op.Var, std: Op.Std, var_mean: Op.VarMean, std_mean: Op.StdMean };

/** var, std (one tensor) or var_mean, std_mean ([that, the mean]) from PyTorch's three overloads. */
function moment(name: Moment, args: unknown[], self: Tensor | null): Tensor | [Tensor, Tensor] {
  const [which, a] = bindTorch(MOMENTS[name], MOMENT_PRINTED[name], args, self, dimNameError);
  const input = a.input as Tensor, nd = input._shape.length;
  checkFloating(input, name);
  const dim = which === 2 ? null : a.dim as number[] | null;
  const correction = which === 0 ? (a.correction as number | null) ?? 1 : a.unbiased ? 1 : 0;
  const keepdim = which === 2 ? false : a.keepdim as boolean;
  const mask = dimMask(dim, nd, { fn: name, name: 'dim', position: 2 });
  const out = run(MOMENT_OPS[name], input, mask, keepdim, correction, dim === null ? 1 : 0);
  // the mean is mean()'s (MeanBackward1): one node for both results is beyond the tape
  return name.endsWith('mean') ? [out, mean(input, dim ?? [], keepdim)] : out;
}

export type MomentArgs = [dim?: number | readonly number[] | null, unbiased?: boolean, keepdim?: boolean]
  | [dim: number | readonly number[] | null, options: { correction?: number | null; unbiased?: boolean; keepdim?: boolean }]
  | [options: { dim?: number | readonly number[] | null; correction?: number | null; unbiased?: boolean; keepdim?: boolean }]
  | [unbiased: boolean];

/**
 * The variance over all elements or over `dim` (an int or a list): the sum of squared deviations from
 * the mean divided by n − correction (correction 1 by default; `unbiased: false` is 0). VarBackward0.
 * @example torch.var(x); torch.var(x, 1, { keepdim: true }); torch.var(x, [0, 1], { correction: 0 }); torch.var(x, false)
 */
export function var_(input: Tensor, ...args: MomentArgs): Tensor;
export function var_(...args: unknown[]): Tensor { return moment('var', args, null) as Tensor; }

/**
 * The standard deviation, the square root of {@link var_}, with the same arguments. StdBackward0.
 * @example torch.std(x); torch.std(x, -1, { unbiased: false })
 */
export function std(input: Tensor, ...args: MomentArgs): Tensor;
export function std(...args: unknown[]): Tensor { return moment('std', args, null) as Tensor; }

/**
 * [variance, mean] in one call, with {@link var_}'s arguments. The variance's node is VarMeanBackward0.
 * @example const [v, m] = torch.var_mean(x, 1);
 */
export function var_mean(input: Tensor, ...args: MomentArgs): [Tensor, Tensor];
export function var_mean(...args: unknown[]): [Tensor, Tensor] { return moment('var_mean', args, null) as [Tensor, Tensor]; }

/**
 * [standard deviation, mean] in one call, with {@link var_}'s arguments. The first's node is StdMeanBackward0.
 * @example const [s, m] = torch.std_mean(x, null, { correction: 0 });
 */
export function std_mean(input: Tensor, ...args: MomentArgs): [Tensor, Tensor];
export function std_mean(...args: unknown[]): [Tensor, Tensor] { return moment('std_mean', args, null) as [Tensor, Tensor]; }

/** @internal Tensor.var / Tensor.std */
export const momentMethod = (name: 'var' | 'std', self: Tensor, args: unknown[]): Tensor => moment(name, args, self) as Tensor;

// ---- all, any, count_nonzero: compositions over comparisons and the integer sum (no node: bool / int64 results)

const ALL_ANY = (name: string): ReturnType<typeof parseSchema>[] => [
  parseSchema(`${name}(Tensor input) -> Tensor`),
  parseSchema(`${name}(Tensor input, int dim, bool keepdim=False) -> Tensor`),
];
const TRUTH = { all: ALL_ANY('all'), any: ALL_ANY('any') };
const TRUTH_PRINTED = overloads(['()', '(int dim, bool keepdim)', '(name dim, bool keepdim)'], [true, true, true]);
const dimnameUnsupported = (name: string) => (): Error => new RuntimeError(
  `${name}: You passed a dimname (string) to this op in place of a dimension index but it does not yet support this behavior. Please pass a dimension index to work around this.`);

/** The count of nonzero elements (NaN counts) over the dims in mask, int64; x's temporaries freed. */
function nonzeroCount(input: Tensor, dim: number | readonly number[] | null, keepdim: boolean, zero = false): Tensor {
  const mask = (zero ? eq : ne)(input, 0);
  const out = dim === null ? sum(mask) : sum(mask, dim, keepdim);
  mask.dispose();
  return out;
}

function truth(name: 'all' | 'any', args: unknown[], self: Tensor | null): Tensor {
  const [which, a] = bindTorch(TRUTH[name], TRUTH_PRINTED, args, self, dimnameUnsupported(name));
  const input = a.input as Tensor;
  const dim = which === 0 ? null : normDim(a.dim as number, input._shape.length, { fn: name, name: 'dim', position: 2 });
  const keepdim = which === 1 && a.keepdim as boolean;
  if (input._dtype === DType.Bool) {
    // a bool input's sum counts its trues, with no compare (whose int64 scalar would copy it through JS)
    const n = dim === null ? sum(input) : sum(input, dim, keepdim);
    const out = name === 'all' ? eq(n, dim === null ? input.numel() : input._shape[dim]) : gt(n, 0);
    n.dispose();
    return out;
  }
  // all: no zero in the run; any: some nonzero
  const n = nonzeroCount(input, dim, keepdim, name === 'all');
  const out = name === 'all' ? eq(n, 0) : gt(n, 0);
  n.dispose();
  return out;
}

/**
 * Whether every element is nonzero (NaN is), over all elements or along `dim`: a bool tensor.
 * @example torch.all(x); torch.all(x, 1, true); x.all({ dim: 0 })
 */
export function all(input: Tensor, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): Tensor;
export function all(...args: unknown[]): Tensor { return truth('all', args, null); }

/**
 * Whether some element is nonzero (NaN is), over all elements or along `dim`: a bool tensor.
 * @example torch.any(x); torch.any(x, -1); x.any({ dim: 0, keepdim: true })
 */
export function any(input: Tensor, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): Tensor;
export function any(...args: unknown[]): Tensor { return truth('any', args, null); }

const COUNT = [
  parseSchema('count_nonzero(Tensor input, int? dim=None) -> Tensor', false),
  parseSchema('count_nonzero(Tensor input, int[] dim) -> Tensor', false),
];

function countNonzero(args: unknown[], self: Tensor | null): Tensor {
  const [, a] = bindOverloads(COUNT, args, self);
  const input = a.input as Tensor, dim = a.dim as number | number[] | null;
  dimMask(dim, input._shape.length, { fn: 'count_nonzero', name: 'dim', position: 2 }); // PyTorch's dim errors
  return nonzeroCount(input, dim, false);
}

/**
 * The number of nonzero elements (NaN counts), over all elements or over `dim` (an int or a list): int64.
 * @example torch.count_nonzero(x); torch.count_nonzero(x, [0, 1]); x.count_nonzero(1)
 */
export function count_nonzero(input: Tensor, dim?: number | readonly number[] | null | { dim?: number | readonly number[] | null }): Tensor;
export function count_nonzero(...args: unknown[]): Tensor { return countNonzero(args, null); }

/** @internal Tensor.all / any / count_nonzero */
export const truthMethod = (name: 'all' | 'any' | 'count_nonzero', self: Tensor, args: unknown[]): Tensor =>
  (name === 'count_nonzero' ? countNonzero(args, self) : truth(name, args, self));

// ---- nansum (NansumBackward0), nanmean (composed as PyTorch: nansum / the count of non-NaN, DivBackward0)

const NAN_SCHEMAS = {
  nansum: parseSchema('nansum(Tensor input, int[]? dim=None, bool keepdim=False) -> Tensor'),
  nanmean: parseSchema('nanmean(Tensor input, int[]? dim=None, bool keepdim=False) -> Tensor'),
};
type NanArgs = [dim?: number | readonly number[] | null, keepdim?: boolean]
  | [dim: number | readonly number[] | null, options: { keepdim?: boolean }]
  | [options: { dim?: number | readonly number[] | null; keepdim?: boolean }];

function nanReduce(name: 'nansum' | 'nanmean', args: unknown[], self: Tensor | null): Tensor {
  const a = bind(NAN_SCHEMAS[name], args, self);
  const input = a.input as Tensor, dim = a.dim as number[] | null, keepdim = a.keepdim as boolean;
  checkFloating(input, name);
  const mask = dimMask(dim, input._shape.length, { fn: name, name: 'dim', position: 2 });
  const s = run(Op.Nansum, input, mask, keepdim);
  if (name === 'nansum') return s;
  const notNan = eq(input, input), count = sum(notNan, dim ?? [], keepdim);
  const out = div(s, count);
  notNan.dispose(); count.dispose();
  return out;
}

/**
 * The sum treating NaN as zero, over all elements or over `dim` (an int or a list). NansumBackward0.
 * @example torch.nansum(x); torch.nansum(x, 1, true); x.nansum({ dim: [0, 1] })
 */
export function nansum(input: Tensor, ...args: NanArgs): Tensor;
export function nansum(...args: unknown[]): Tensor { return nanReduce('nansum', args, null); }

/**
 * The mean of the elements that are not NaN, over all elements or over `dim`: nansum / count, as
 * PyTorch composes it (DivBackward0).
 * @example torch.nanmean(x); torch.nanmean(x, -1, true)
 */
export function nanmean(input: Tensor, ...args: NanArgs): Tensor;
export function nanmean(...args: unknown[]): Tensor { return nanReduce('nanmean', args, null); }

/** @internal Tensor.nansum / nanmean */
export const nanMethod = (name: 'nansum' | 'nanmean', self: Tensor, args: unknown[]): Tensor => nanReduce(name, args, self);
export type { NanArgs };

// ---- torch.norm (NormBackward1; 'fro' over two dims is sqrt(sum(x·x)), as PyTorch), linalg.vector_norm

const NORM = parseSchema('norm(Tensor input, Scalar? p=None, int[]? dim=None, bool keepdim=False) -> Tensor', false);
const VECTOR_NORM = parseSchema('linalg_vector_norm(Tensor input, Scalar ord=2, int[]? dim=None, bool keepdim=False) -> Tensor');

function normBound(args: unknown[], self: Tensor | null): Tensor {
  // p may be a string ('fro', the default, or 'nuc'): taken out before binding the numbers
  const at = self ? 0 : 1, last = args[args.length - 1];
  const kw = isOptions(last) ? last : null, positional = kw ? args.length - 1 : args.length;
  let pStr: string | null = positional <= at && !(kw && 'p' in kw) ? 'fro' : null;
  const rest = args.slice();
  if (positional > at && typeof rest[at] === 'string') { pStr = rest[at] as string; rest[at] = null; }
  if (kw && typeof kw.p === 'string') { pStr = kw.p; rest[rest.length - 1] = { ...kw, p: null }; }
  const a = bind(NORM, rest, self, 'norm');
  const input = a.input as Tensor, nd = input._shape.length, keepdim = a.keepdim as boolean;
  const dim = a.dim as number[] | null;
  checkFloating(input, 'norm');
  if (pStr !== null && pStr !== 'fro') {
    // PyTorch 2 (1.13's nuclear_norm differs: see docs/api.md): matrix_norm over dim, all dims when not given
    if (pStr === 'nuc') return nuclearNorm(input, dim ?? input._shape.map((_, i) => i), keepdim);
    throw new RuntimeError(`only valid string values are 'fro' and 'nuc', found ${pStr}`);
  }
  if (pStr === 'fro' && dim !== null && dim.length > 2) {
    throw new RuntimeError(`Expected at most 2 dimensions, but got ${dim.length} dimensions instead.`);
  }
  if (pStr === 'fro' && dim !== null && dim.length === 2) {
    // PyTorch's frobenius_norm over two dims: sqrt(sum(x·x))
    if (normDim(dim[0], nd) === normDim(dim[1], nd)) throw new RuntimeError(`Expected dims to be different, got [${dim.join(', ')}] instead`);
    const sq = mul(input, input), s = sum(sq, dim, keepdim), out = sqrt(s);
    sq.dispose(); s.dispose();
    return out;
  }
  const p = pStr === 'fro' || a.p === null ? 2 : a.p as number;
  const mask = dimMask(dim, nd, { fn: 'norm', name: 'dim', position: 3 });
  return run(Op.Norm, input, mask, keepdim, p, dim === null ? 1 : 0);
}

/**
 * The p-norm over all elements or over `dim` (an int or a list): p = 2 ('fro', the default), 1,
 * Infinity (max |x|), -Infinity (min |x|), 0 (the count of nonzeros) or any number. NormBackward1.
 * @example torch.norm(x); torch.norm(x, 1); torch.norm(x, Infinity, 1, true); x.norm({ p: 3, dim: [0, 1] })
 */
export function norm(input: Tensor, p?: number | string | null | NormOptions, dim?: number | readonly number[] | null | NormOptions, keepdim?: boolean | NormOptions): Tensor;
export function norm(...args: unknown[]): Tensor { return normBound(args, null); }
export interface NormOptions { p?: number | string | null; dim?: number | readonly number[] | null; keepdim?: boolean }

function vectorNormBound(args: unknown[]): Tensor {
  const a = bind(VECTOR_NORM, args, null);
  const input = a.input as Tensor, nd = input._shape.length, ord = a.ord as number, dim = a.dim as number[] | null;
  checkFloating(input, 'linalg.vector_norm');
  const mask = dimMask(dim, nd, { fn: 'linalg_vector_norm', name: 'dim', position: 3 });
  // PyTorch refuses an inf or negative order over nothing
  if (input.numel() === 0 && (ord < 0 || ord === Infinity)) {
    const o = ord === Infinity ? 'inf' : ord === -Infinity ? '-inf' : String(ord);
    if (dim === null || dim.length === 0) {
      throw new RuntimeError(`linalg.vector_norm cannot compute the ${o} norm on an empty tensor because the operation does not have an identity`);
    }
    for (let d = 0; d < nd; d++) {
      if ((mask >> d) & 1 && input._shape[d] === 0) {
        throw new RuntimeError(`linalg.vector_norm cannot compute the ${o} norm on the dimension ${d}because this dimension is empty and the operation does not have an identity`);
      }
    }
  }
  return run(Op.VectorNorm, input, mask, a.keepdim as boolean, ord, dim === null ? 1 : 0);
}

/**
 * The vector ord-norm over all elements (flattened) or over `dim` (an int or a list): ord = 2 by
 * default, 1, Infinity, -Infinity, 0 or any number. LinalgVectorNormBackward0.
 * @example torch.linalg.vector_norm(x); torch.linalg.vector_norm(x, 1, -1); torch.linalg.vector_norm(x, { ord: Infinity, dim: [0, 1], keepdim: true })
 */
export function vector_norm(
  input: Tensor, ord?: number | VectorNormOptions, dim?: number | readonly number[] | null | VectorNormOptions, keepdim?: boolean | VectorNormOptions,
): Tensor;
export function vector_norm(...args: unknown[]): Tensor { return vectorNormBound(args); }
export interface VectorNormOptions { ord?: number; dim?: number | readonly number[] | null; keepdim?: boolean }

/** @internal Tensor.norm */
export const normMethod = (self: Tensor, args: unknown[]): Tensor => normBound(args, self);

// ---- aminmax: [min, max], each with PyTorch's NotImplemented node (1.13 has no derivative for it)

const AMINMAX = parseSchema('aminmax(Tensor input, *, int? dim=None, bool keepdim=False) -> Tensor');

function aminmaxBound(args: unknown[], self: Tensor | null): [Tensor, Tensor] {
  const a = bind(AMINMAX, args, self);
  const input = a.input as Tensor, nd = input._shape.length, keepdim = a.keepdim as boolean;
  checkFloating(input, 'aminmax');
  let mask = nd ? (1 << nd) - 1 : 0;
  if (a.dim === null) {
    if (input.numel() === 0) throw new RuntimeError('aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.');
  } else {
    const k = normDim(a.dim as number, nd);
    if (nd > 0 && input._shape[k] === 0) throw new IndexError(`aminmax: Expected reduction dim ${k} to have non-zero size.`);
    mask = nd ? 1 << k : 0;
  }
  return [run(Op.Aminmax, input, mask, keepdim, 0), run(Op.Aminmax, input, mask, keepdim, 1)];
}

/**
 * [min, max] over all elements or along `dim` (a NaN wins both). PyTorch 1.13 has no derivative for
 * it: backward through either raises.
 * @example const [lo, hi] = torch.aminmax(x); torch.aminmax(x, { dim: 1, keepdim: true })
 */
export function aminmax(input: Tensor, options?: { dim?: number | null; keepdim?: boolean }): [Tensor, Tensor];
export function aminmax(...args: unknown[]): [Tensor, Tensor] { return aminmaxBound(args, null); }

/** @internal Tensor.aminmax */
export const aminmaxMethod = (self: Tensor, args: unknown[]): [Tensor, Tensor] => aminmaxBound(args, self);
