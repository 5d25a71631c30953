// Sorting and order statistics: sort, argsort, msort, topk, kthvalue, median, nanmedian,
// mode, unique. Arguments are bound from PyTorch's schemas and checked here with its
// errors; each op then runs on the device (sortSelect: assembly/ops/sort.ts,
// src/js/ops/sort.ts) with PyTorch's own CPU algorithm (libstdc++'s std::sort /
// nth_element / partial_sort, its quick select), so ties and NaNs get PyTorch's indices.
// unique sorts on the device, then takes its first occurrences with the gather kernel
// (Unique2Backward0, not differentiable).

import { Op, DType } from '../../abi/abi.js';
import { normDim } from '../shape.js';
import { Tensor } from '../tensor.js';
import { bind, bindOverloads, isOptions } from '../signature.js';
import { invalidCombination } from '../args.js';
import { parseSchema } from '../schema.js';
import { IndexError, RuntimeError, TypeError } from '../errors.js';
import { no_grad } from '../autograd.js';

const S = (text: string, out = true): ReturnType<typeof parseSchema> => parseSchema(text, out);
const SCHEMAS = {
  sort: S('sort(Tensor input, int dim=-1, bool descending=False, *, bool? stable=None) -> Tensor'),
  argsort: S('argsort(Tensor input, int dim=-1, bool descending=False, *, bool? stable=None) -> Tensor', false),
  msort: S('msort(Tensor input) -> Tensor'),
  topk: S('topk(Tensor input, int k, int dim=-1, bool largest=True, bool sorted=True) -> Tensor'),
  kthvalue: S('kthvalue(Tensor input, int k, int dim=-1, bool keepdim=False) -> Tensor'),
  mode: S('mode(Tensor input, int dim=-1, bool keepdim=False) -> Tensor'),
  unique: S('unique(Tensor input, bool sorted=True, bool return_inverse=False, bool return_counts=False, int? dim=None) -> Tensor', false),
};
const MEDIAN = [S('median(Tensor input) -> Tensor', false), S('median(Tensor input, int dim, bool keepdim=False) -> Tensor')];
const NANMEDIAN = [S('nanmedian(Tensor input) -> Tensor', false), S('nanmedian(Tensor input, int dim, bool keepdim=False) -> Tensor')];

// PyTorch's overloads as its "invalid combination" error prints them: [function, method]
const TUPLE_OUT = ', *, tuple of Tensors out';
const PRINTED: Record<string, readonly [readonly string[], readonly string[]]> = {
  sort: [[`(Tensor input, *, bool stable, int dim, bool descending, tuple of Tensors out)`, `(Tensor input, int dim, bool descending${TUPLE_OUT})`,
    `(Tensor input, *, bool stable, name dim, bool descending, tuple of Tensors out)`, `(Tensor input, name dim, bool descending${TUPLE_OUT})`],
  ['(*, bool stable, int dim, bool descending)', '(int dim, bool descending)', '(*, bool stable, name dim, bool descending)', '(name dim, bool descending)']],
  argsort: [['(Tensor input, *, bool stable, int dim, bool descending)', '(Tensor input, int dim, bool descending)', '(Tensor input, name dim, bool descending)'],
    ['(*, bool stable, int dim, bool descending)', '(int dim, bool descending)', '(name dim, bool descending)']],
  median: [['(Tensor input)', `(Tensor input, int dim, bool keepdim${TUPLE_OUT})`, `(Tensor input, name dim, bool keepdim${TUPLE_OUT})`],
    ['()', '(int dim, bool keepdim)', '(name dim, bool keepdim)']],
};

/** bind / bindOverloads, with PyTorch's "invalid combination" error when a call fits none of its overloads. */
function bindListed(name: string, schemas: readonly ReturnType<typeof parseSchema>[], args: unknown[], self: Tensor | null): [number, Record<string, unknown>] {
  try {
    return schemas.length > 1 ? bindOverloads(schemas, args, self) : [0, bind(schemas[0], args, self)];
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const last = args[args.length - 1], kw = isOptions(last);
    const printed = PRINTED[name === 'nanmedian' ? 'median' : name][self ? 1 : 0];
    throw invalidCombination(name, kw ? args.slice(0, -1) : args, kw ? last as Record<string, unknown> : {}, printed);
  }
}

/** Keyword arguments of sort and argsort. */
export interface SortOptions { dim?: number; descending?: boolean; stable?: boolean }
/** Keyword arguments of topk. */
export interface TopkOptions { dim?: number; largest?: boolean; sorted?: boolean }
/** Keyword arguments of kthvalue and mode (dim, keepdim). */
export interface DimOptions { dim?: number; keepdim?: boolean }
/** Keyword arguments of median and nanmedian along a dim. */
export interface MedianOptions { dim: number; keepdim?: boolean }
/** Keyword arguments of unique. */
export interface UniqueOptions { sorted?: boolean; return_inverse?: boolean; return_counts?: boolean; dim?: number | null }

/** The device's op along dim: [values, int64 indices] with the shapes the kernel gives. */
function select(op: Op, input: Tensor, dim: number, k: number, flags: number, keepdim: boolean): [Tensor, Tensor] {
  const dev = input._dev, nd = input._shape.length;
  let shape: number[];
  if (op === Op.MedianAll || op === Op.NanmedianAll) shape = [];
  else if (op === Op.Sort || op === Op.SortStable) shape = input._shape.slice();
  else if (op === Op.Topk) shape = input._shape.map((s, d) => (d === dim ? k : s));
  else shape = keepdim || nd === 0 ? input._shape.map((s, d) => (d === dim ? 1 : s)) : input._shape.filter((_, d) => d !== dim);
  const [v, i] = dev.sortSelect(op, input.h, dim, k, flags, keepdim);
  return [new Tensor(dev, v, shape, input._dtype), new Tensor(dev, i, shape.slice(), DType.Int64)];
}

/** PyTorch's dtype error of the ops without a bool kernel. */
function checkNotBool(input: Tensor, kernel: string): void {
  if (input._dtype === DType.Bool) throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
}

/** The reductions along dim refuse an empty dim (its size is 0), as PyTorch. */
function checkReducedDim(input: Tensor, dim: number, fn: string): void {
  if (input._shape.length > 0 && input._shape[dim] === 0) {
    throw new IndexError(`${fn}(): Expected reduction dim ${dim} to have non-zero size.`);
  }
}

const sizeAt = (input: Tensor, dim: number): number => (input._shape.length ? input._shape[dim] : 1);

function sortBound(a: Record<string, unknown>): [Tensor, Tensor] {
  const input = a.input as Tensor;
  const dim = normDim(a.dim as number, input._shape.length);
  // PyTorch's sort.stable overload (SortBackward1) runs when stable is given, even false
  return select(a.stable !== null ? Op.SortStable : Op.Sort, input, dim, 0, (a.descending ? 1 : 0) | (a.stable ? 2 : 0), false);
}

/**
 * input sorted along `dim` (ascending unless `descending`), NaN as the largest value:
 * `[values, indices]` (SortBackward0). As PyTorch's CPU kernel, `stable=false` runs
 * std::sort, which is not stable beyond 16 elements: ties get PyTorch's indices.
 * @example
 * const [values, indices] = torch.sort(torch.tensor([3, 1, 2]));
 * console.log(`${values} ${indices}`); // tensor([1., 2., 3.]) tensor([1, 2, 0])
 */
export function sort(input: Tensor, dim?: number, descending?: boolean, options?: SortOptions): [Tensor, Tensor];
export function sort(input: Tensor, options: SortOptions): [Tensor, Tensor];
export function sort(...args: unknown[]): [Tensor, Tensor] { return sortBound(bindListed('sort', [SCHEMAS.sort], args, null)[1]); }
/** @internal Tensor.sort */
export const sortMethod = (self: Tensor, args: unknown[]): [Tensor, Tensor] => sortBound(bindListed('sort', [SCHEMAS.sort], args, self)[1]);

function argsortBound(a: Record<string, unknown>): Tensor {
  const [values, indices] = sortBound(a);
  values.dispose();
  return indices;
}

/**
 * The indices that sort input along `dim`: sort's second result.
 * @example
 * console.log(`${torch.argsort(torch.tensor([3, 1, 2]), { descending: true })}`); // tensor([0, 2, 1])
 */
export function argsort(input: Tensor, dim?: number, descending?: boolean, options?: SortOptions): Tensor;
export function argsort(input: Tensor, options: SortOptions): Tensor;
export function argsort(...args: unknown[]): Tensor { return argsortBound(bindListed('argsort', [SCHEMAS.argsort], args, null)[1]); }
/** @internal Tensor.argsort */
export const argsortMethod = (self: Tensor, args: unknown[]): Tensor => argsortBound(bindListed('argsort', [SCHEMAS.argsort], args, self)[1]);

function msortBound(a: Record<string, unknown>): Tensor {
  const [values, indices] = select(Op.Sort, a.input as Tensor, 0, 0, 0, false);
  indices.dispose();
  return values;
}

/**
 * input sorted along its first dim (SortBackward0).
 * @example
 * console.log(`${torch.msort(torch.tensor([3, 1, 2]))}`); // tensor([1., 2., 3.])
 */
export function msort(input: Tensor): Tensor;
export function msort(...args: unknown[]): Tensor { return msortBound(bind(SCHEMAS.msort, args, null)); }
/** @internal Tensor.msort */
export const msortMethod = (self: Tensor, args: unknown[]): Tensor => msortBound(bind(SCHEMAS.msort, args, self));

function topkBound(a: Record<string, unknown>): [Tensor, Tensor] {
  const input = a.input as Tensor, k = a.k as number;
  const dim = normDim(a.dim as number, input._shape.length);
  checkNotBool(input, 'topk_cpu');
  if (k < 0 || k > sizeAt(input, dim)) throw new RuntimeError('selected index k out of range');
  return select(Op.Topk, input, dim, k, (a.largest ? 1 : 0) | (a.sorted ? 2 : 0), false);
}

/**
 * The k largest (or, `largest=false`, smallest) elements along `dim`: `[values, indices]`
 * (TopkBackward0); NaN counts as the largest value.
 * @example
 * const [values, indices] = torch.topk(torch.tensor([1, 5, 3, 4]), 2);
 * console.log(`${values} ${indices}`); // tensor([5., 4.]) tensor([1, 3])
 */
export function topk(input: Tensor, k: number, dim?: number, largest?: boolean, sorted?: boolean): [Tensor, Tensor];
export function topk(input: Tensor, k: number, options: TopkOptions): [Tensor, Tensor];
export function topk(...args: unknown[]): [Tensor, Tensor] { return topkBound(bind(SCHEMAS.topk, args, null)); }
/** @internal Tensor.topk */
export const topkMethod = (self: Tensor, args: unknown[]): [Tensor, Tensor] => topkBound(bind(SCHEMAS.topk, args, self));

function kthvalueBound(a: Record<string, unknown>): [Tensor, Tensor] {
  const input = a.input as Tensor, k = a.k as number;
  const dim = normDim(a.dim as number, input._shape.length);
  checkNotBool(input, 'kthvalue_cpu');
  checkReducedDim(input, dim, 'kthvalue');
  if (k < 1 || k > sizeAt(input, dim)) throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${dim}`);
  return select(Op.Kthvalue, input, dim, k, 0, a.keepdim as boolean);
}

/**
 * The k-th smallest element along `dim` (k from 1): `[values, indices]` (KthvalueBackward0).
 * @example
 * const [value, index] = torch.kthvalue(torch.tensor([3, 1, 2]), 2);
 * console.log(`${value} ${index}`); // tensor(2.) tensor(2)
 */
export function kthvalue(input: Tensor, k: number, dim?: number, keepdim?: boolean): [Tensor, Tensor];
export function kthvalue(input: Tensor, k: number, options: DimOptions): [Tensor, Tensor];
export function kthvalue(...args: unknown[]): [Tensor, Tensor] { return kthvalueBound(bind(SCHEMAS.kthvalue, args, null)); }
/** @internal Tensor.kthvalue */
export const kthvalueMethod = (self: Tensor, args: unknown[]): [Tensor, Tensor] => kthvalueBound(bind(SCHEMAS.kthvalue, args, self));

function medianBound(args: unknown[], self: Tensor | null, nan: boolean): Tensor | [Tensor, Tensor] {
  const [which, a] = bindListed(nan ? 'nanmedian' : 'median', nan ? NANMEDIAN : MEDIAN, args, self);
  const input = a.input as Tensor;
  if (which === 0) {
    checkNotBool(input, 'median_cpu');
    const [value, index] = select(nan ? Op.NanmedianAll : Op.MedianAll, input, 0, 0, 0, false);
    index.dispose();
    return value;
  }
  checkNotBool(input, 'median_out');
  const dim = normDim(a.dim as number, input._shape.length);
  checkReducedDim(input, dim, 'median'); // PyTorch's message says median() for nanmedian too
  return select(nan ? Op.NanmedianDim : Op.MedianDim, input, dim, 0, 0, a.keepdim as boolean);
}

/**
 * The median: of all elements (the lower one of an even count; NaN when there is a NaN;
 * MedianBackward0), or along `dim` as `[values, indices]` (MedianBackward1).
 * @example
 * console.log(`${torch.median(torch.tensor([4, 1, 3, 2]))}`); // tensor(2.)
 * const [values, indices] = torch.median(torch.tensor([[1, 3, 2]]), 1);
 */
export function median(input: Tensor): Tensor;
export function median(input: Tensor, dim: number, keepdim?: boolean): [Tensor, Tensor];
export function median(input: Tensor, options: MedianOptions): [Tensor, Tensor];
export function median(...args: unknown[]): Tensor | [Tensor, Tensor] { return medianBound(args, null, false); }
/** @internal Tensor.median */
export const medianMethod = (self: Tensor, args: unknown[]): Tensor | [Tensor, Tensor] => medianBound(args, self, false);

/**
 * median ignoring NaNs (NanmedianBackward0 / NanmedianBackward1); NaN only where every element is NaN.
 * @example
 * console.log(`${torch.nanmedian(torch.tensor([4, NaN, 1, 3]))}`); // tensor(3.)
 */
export function nanmedian(input: Tensor): Tensor;
export function nanmedian(input: Tensor, dim: number, keepdim?: boolean): [Tensor, Tensor];
export function nanmedian(input: Tensor, options: MedianOptions): [Tensor, Tensor];
export function nanmedian(...args: unknown[]): Tensor | [Tensor, Tensor] { return medianBound(args, null, true); }
/** @internal Tensor.nanmedian */
export const nanmedianMethod = (self: Tensor, args: unknown[]): Tensor | [Tensor, Tensor] => medianBound(args, self, true);

function modeBound(a: Record<string, unknown>): [Tensor, Tensor] {
  const input = a.input as Tensor;
  const dim = normDim(a.dim as number, input._shape.length);
  checkReducedDim(input, dim, 'mode');
  return select(Op.Mode, input, dim, 0, 0, a.keepdim as boolean);
}

/**
 * The most frequent value along `dim` (the smallest of equally frequent ones) and an index
 * where it occurs, as PyTorch's CPU kernel picks it: `[values, indices]` (ModeBackward0).
 * @example
 * const [value, index] = torch.mode(torch.tensor([2, 1, 2, 3]));
 * console.log(`${value}`); // tensor(2.)
 */
export function mode(input: Tensor, dim?: number, keepdim?: boolean): [Tensor, Tensor];
export function mode(input: Tensor, options: DimOptions): [Tensor, Tensor];
export function mode(...args: unknown[]): [Tensor, Tensor] { return modeBound(bind(SCHEMAS.mode, args, null)); }
/** @internal Tensor.mode */
export const modeMethod = (self: Tensor, args: unknown[]): [Tensor, Tensor] => modeBound(bind(SCHEMAS.mode, args, self));

function uniqueBound(a: Record<string, unknown>): Tensor | Tensor[] {
  const input = a.input as Tensor, dev = input._dev;
  if (a.dim !== null) return uniqueDim(input, a.dim as number, a.return_inverse as boolean, a.return_counts as boolean);
  const n = input.numel();
  // a stable ascending sort of every element (NaN last), off the graph
  const [values, order] = no_grad(() => {
    const flat = dev.view(Op.View, input.h, [n]);
    const [v, i] = dev.sortSelect(Op.Sort, flat, 0, 0, 2, false);
    try { return [dev.read(v), dev.read(i) as Int32Array]; } finally { dev.release(flat); dev.release(v); dev.release(i); }
  });
  // runs of equal values (each NaN its own, as PyTorch's hash set): the first occurrence of each is kept
  const first: number[] = [], counts: number[] = [], inverse = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    if (j === 0 || values[j] !== values[j - 1]) { first.push(order[j]); counts.push(0); }
    counts[counts.length - 1]++;
    inverse[order[j]] = first.length - 1;
  }
  const m = first.length;
  const ih = dev.fromData(first, [m], DType.Int32);
  let out: Tensor;
  try {
    out = new Tensor(dev, dev.gatherFlat(Op.Unique2, input.h, null, ih, [m], 0, false), [m], input._dtype);
  } finally {
    dev.release(ih);
  }
  if (!a.return_inverse && !a.return_counts) return out;
  const int64 = (data: ArrayLike<number>, shape: number[]): Tensor => new Tensor(dev, dev.fromData(data, shape, DType.Int64), shape, DType.Int64);
  const result = [out];
  if (a.return_inverse) result.push(int64(inverse, input._shape.slice()));
  if (a.return_counts) result.push(int64(counts, [m]));
  return result;
}

/**
 * unique along dim: the distinct slices in PyTorch's lexicographic order (its unique_dim: each
 * slice compared element by element, in the order of the other dims), with the inverse over dim.
 */
function uniqueDim(input: Tensor, d: number, returnInverse: boolean, returnCounts: boolean): Tensor | Tensor[] {
  const shape = input._shape, nd = shape.length, dev = input._dev;
  if (nd === 0) throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
  const dim = normDim(d, nd), S = shape[dim];
  if (shape.some((s, k) => s === 0 && k !== dim)) {
    throw new RuntimeError("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied");
  }
  const inner = shape.slice(dim + 1).reduce((p, s) => p * s, 1), outer = shape.slice(0, dim).reduce((p, s) => p * s, 1);
  const data = S === 0 ? [] : dev.read(input.h);
  const at = (slice: number, k: number): number => data[(Math.floor(k / inner) * S + slice) * inner + k % inner];
  const len = outer * inner;
  const compare = (a: number, b: number): number => {
    for (let k = 0; k < len; k++) { const x = at(a, k), y = at(b, k); if (x < y) return -1; if (x > y) return 1; }
    return 0;
  };
  const order = Array.from({ length: S }, (_, i) => i).sort(compare);
  const first: number[] = [], counts: number[] = [], inverse = new Int32Array(S);
  order.forEach((s, j) => {
    if (j === 0 || compare(order[j - 1], s) !== 0) { first.push(s); counts.push(0); }
    counts[counts.length - 1]++;
    inverse[s] = first.length - 1;
  });
  const m = first.length, outShape = shape.slice();
  outShape[dim] = m;
  const index = new Int32Array(outer * m * inner);
  for (let o = 0, j = 0; o < outer; o++) for (let q = 0; q < m; q++) for (let i = 0; i < inner; i++) index[j++] = (o * S + first[q]) * inner + i;
  const ih = dev.fromData(index, [index.length], DType.Int32);
  let out: Tensor;
  try {
    out = new Tensor(dev, dev.gatherFlat(Op.UniqueDim, input.h, null, ih, outShape, 0, false), outShape, input._dtype);
  } finally {
    dev.release(ih);
  }
  const int64 = (values: ArrayLike<number>): Tensor => new Tensor(dev, dev.fromData(values, [values.length], DType.Int64), [values.length], DType.Int64);
  if (!returnInverse && !returnCounts) return out;
  return [out, ...(returnInverse ? [int64(inverse)] : []), ...(returnCounts ? [int64(counts)] : [])];
}

/**
 * The distinct elements of input in ascending order, with (`return_inverse`) where each
 * element went and (`return_counts`) how often each occurs. `sorted=false` gives the
 * same ascending order (PyTorch's is its hash table's). With `dim`, the distinct slices
 * along dim in lexicographic order (UniqueDimBackward0). Not differentiable (Unique2Backward0 raises, as PyTorch's).
 * @example
 * const [values, inverse, counts] = torch.unique(torch.tensor([2, 1, 2]), { return_inverse: true, return_counts: true });
 * console.log(`${values} ${inverse} ${counts}`); // tensor([1., 2.]) tensor([1, 0, 1]) tensor([1, 2])
 */
export function unique(input: Tensor, sorted?: boolean, return_inverse?: boolean, return_counts?: boolean, dim?: number | null): Tensor | Tensor[];
export function unique(input: Tensor, options: UniqueOptions): Tensor | Tensor[];
export function unique(...args: unknown[]): Tensor | Tensor[] { return uniqueBound(bind(SCHEMAS.unique, args, null)); }
/** @internal Tensor.unique */
export const uniqueMethod = (self: Tensor, args: unknown[]): Tensor | Tensor[] => uniqueBound(bind(SCHEMAS.unique, args, self));
