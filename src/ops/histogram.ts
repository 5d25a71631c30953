// torch.histogram, torch.histogramdd and Tensor.histogram (helper h-fns): ATen's CPU histogramdd,
// computed from the values as PyTorch's kernel does (not differentiable: PyTorch's outputs carry a
// NotImplemented node whose backward raises; wasmgrad's need no grad, as floor_divide's).
// Bin of a value: std::upper_bound over the edges, minus one, the last edge in the last bin; values
// outside [first edge, last edge] (and NaN) are not counted. Without range, an integer bins count
// spans the input's min and max (±0.5 when equal, [0, 1] for an empty input).
//
// This file is reached from src/tensor.ts (Tensor.histogram), so it does not import the torch namespace.

import { Tensor } from '../tensor.js';
import { parseSchema } from '../schema.js';
import { bind, bindOverloads, isOptions } from '../signature.js';
import { RuntimeError, TypeError } from '../errors.js';
import { tensor } from '../creation.js';
import { formatSize } from '../shape.js';
import { invalidCombination, pyType } from '../args.js';

const SCALAR_NAME: Record<string, string> = { float32: 'Float', float64: 'Double', int64: 'Long', int32: 'Int', bool: 'Bool' };
const ATEN_TYPE: Record<string, string> = { float32: 'float', float64: 'double', int64: 'long int', int32: 'int', bool: 'bool' };

const SCHEMAS = [
  parseSchema('histogram(Tensor input, Tensor bins, *, Tensor? weight=None, bool density=False) -> Tensor'),
  parseSchema('histogram(Tensor input, int bins=100, *, Tensor? weight=None, bool density=False) -> Tensor'),
];
const DD = parseSchema('histogramdd(Tensor input, int[] bins, *, Tensor? weight=None, bool density=False) -> Tensor', false);

/** histogram's result: PyTorch's torch.return_types.histogram, an array with named fields. */
export type HistogramResult = [Tensor, Tensor] & { hist: Tensor; bin_edges: Tensor };
/** histogramdd's result: the D-dimensional histogram and one edges tensor per dimension. */
export type HistogramddResult = [Tensor, Tensor[]] & { hist: Tensor; bin_edges: Tensor[] };
export interface HistogramOptions { range?: readonly number[] | null; weight?: Tensor | null; density?: boolean }

const values = (t: Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>);

/** std::upper_bound's steps, so edges that are not increasing land where ATen's do. */
function upperBound(seq: ArrayLike<number>, v: number): number {
  let first = 0, count = seq.length;
  while (count > 0) {
    const step = count >> 1, it = first + step;
    if (!(v < seq[it])) { first = it + 1; count -= step + 1; } else count = step;
  }
  return first;
}

const SIGNATURES: Record<string, string[]> = {
  histogram: ['(Tensor input, Tensor bins, *, Tensor weight, bool density, tuple of Tensors out)',
    '(Tensor input, int bins, *, tuple of floats range, Tensor weight, bool density, tuple of Tensors out)'],
  histogramdd: ['(Tensor input, int bins, tuple of floats range, Tensor weight, bool density)',
    '(Tensor input, tuple of ints bins, tuple of floats range, Tensor weight, bool density)',
    '(Tensor input, tuple of Tensors bins, tuple of floats range, Tensor weight, bool density)'],
};

/** Takes `range` out of the trailing options (the schema binder has no float[]); PyTorch's error for a wrong one. */
function takeRange(args: unknown[], fn: string): [unknown[], number[] | null] {
  const last = args[args.length - 1];
  if (!isOptions(last) || !('range' in last)) return [args, null];
  const { range, ...rest } = last as Record<string, unknown>;
  if (range !== null && range !== undefined && !(Array.isArray(range) && range.every((x) => typeof x === 'number'))) {
    const bad = Array.isArray(range) ? range.findIndex((x) => typeof x !== 'number') : -1;
    if (bad >= 0 && fn === 'histogramdd') {
      throw new TypeError(`histogramdd(): argument 'range' must be tuple of floats, but found element of type ${pyType((range as unknown[])[bad])} at pos ${bad + 1}`);
    }
    throw invalidCombination(fn, args.slice(0, -1), last as Record<string, unknown>, SIGNATURES[fn]);
  }
  return [[...args.slice(0, -1), rest], (range as number[] | null | undefined) ?? null];
}

/**
 * ATen's histogramdd over an (N, D) view of input: the edges of each dimension (given, or spaced
 * over range / the data), the counts (or weight sums), then density's divisions in the dtype.
 */
function histogramdd_(name: string, input: Tensor, bins: (number | Tensor)[], range: number[] | null, weight: Tensor | null, density: boolean): [Tensor, Tensor[]] {
  const dt = input.dtype.name;
  if (dt !== 'float32' && dt !== 'float64') throw new RuntimeError(`"histogramdd" not implemented for '${SCALAR_NAME[dt]}'`);
  // histogram is histogramdd of one dimension: every element a point
  const D = name === 'histogram' || input.dim() === 0 ? 1 : input.shape[input.dim() - 1];
  const outer = name === 'histogram' ? input.shape : input.shape.slice(0, -1);
  if (name === 'histogramdd' && input.dim() < 2) throw new RuntimeError('torch.histogramdd: input tensor should have at least 2 dimensions, but got 1');
  if (bins.length !== D) throw new RuntimeError(`torch.histogramdd: expected ${D} sequences of bin edges for each of the ${D} dimensions of the input, but got ${bins.length}`);
  if (range && range.length !== 2 * D) throw new RuntimeError(`torch.histogramdd: for a ${D}-dimensional histogram range should have ${2 * D} elements, but got ${range.length}`);
  if (weight) {
    if (weight.shape.join() !== outer.join()) {
      throw new RuntimeError(`torch.histogramdd: if weight tensor is provided it should have the same shape as the input tensor excluding its innermost dimension, but got input with shape ${formatSize(input.shape)} and weight with shape ${formatSize(weight.shape)}`);
    }
    if (weight.dtype !== input.dtype) throw new RuntimeError(`torch.histogramdd: if weight tensor is provided, input tensor and weight tensor should have the same dtype, but got input(${ATEN_TYPE[dt]}), and weight(${ATEN_TYPE[weight.dtype.name]})`);
  }
  const r = dt === 'float32' ? Math.fround : (v: number): number => v;
  const xs = values(input), ws = weight ? values(weight) : null, n = xs.length / (D || 1);
  const edges: Tensor[] = [], seqs: number[][] = [];
  for (let d = 0; d < D; d++) {
    const b = bins[d];
    if (b instanceof Tensor) {
      if (b.dtype !== input.dtype) throw new RuntimeError(`torch.histogramdd: input tensor and bins tensors should have the same dtype, but got input with dtype ${ATEN_TYPE[dt]} and bins for dimension ${d} with dtype ${ATEN_TYPE[b.dtype.name]}`);
      if (b.dim() !== 1) throw new RuntimeError(`torch.histogramdd: bins tensor should have one dimension, but got ${b.dim()} dimensions in the bins tensor for dimension ${d}`);
      if (b.numel() === 0) throw new RuntimeError(`torch.histogramdd: bins tensor should have at least 1 element, but got ${b.numel()} elements in the bins tensor for dimension ${d}`);
      edges.push(b.detach().clone());
    } else {
      if (b <= 0) throw new RuntimeError(`torch.${name}(): bins must be > 0, but got ${b} for dimension ${d}`);
      let lo: number, hi: number;
      if (range) { lo = range[2 * d]; hi = range[2 * d + 1]; } else if (n === 0) { lo = 0; hi = 1; } else {
        lo = Infinity; hi = -Infinity;
        for (let i = 0; i < n; i++) {
          const v = xs[i * D + d];
          // a NaN makes ATen's min and max NaN
          if (Number.isNaN(v)) { lo = hi = NaN; break; }
          lo = Math.min(lo, v); hi = Math.max(hi, v);
        }
      }
      if (!(Number.isFinite(lo) && Number.isFinite(hi))) throw new RuntimeError(`torch.histogramdd: dimension ${d}'s range [${fmt(lo)}, ${fmt(hi)}] is not finite`);
      if (lo > hi) throw new RuntimeError(`torch.histogramdd: min should not exceed max, but got min ${fmt(lo)} max ${fmt(hi)} for dimension ${d}`);
      if (lo === hi) { lo -= 0.5; hi += 0.5; }
      edges.push(tensor(linspaceOf(lo, hi, b + 1, r), { dtype: dt, device: input.device }));
    }
    seqs.push(values(edges[d]));
  }
  const sizes = seqs.map((s) => Math.max(s.length - 1, 0));
  const counts = new Array<number>(sizes.reduce((p, s) => p * s, 1)).fill(0);
  for (let i = 0; i < n; i++) {
    let at = 0, inside = true;
    for (let d = 0; d < D && inside; d++) {
      const seq = seqs[d], v = xs[i * D + d];
      if (!(v >= seq[0] && v <= seq[seq.length - 1])) { inside = false; break; }
      let pos = upperBound(seq, v) - 1;
      if (pos === seq.length - 1) pos -= 1;
      at = at * sizes[d] + pos;
    }
    if (inside) counts[at] = r(counts[at] + (ws ? ws[i] : 1));
  }
  if (density) {
    const total = r(counts.reduce((p, c) => p + c, 0));
    for (let k = 0; k < counts.length; k++) counts[k] = r(counts[k] / total);
    let stride = counts.length;
    for (let d = 0; d < D; d++) {
      stride /= sizes[d];
      const len = seqs[d].slice(1).map((e, k) => r(e - seqs[d][k]));
      for (let k = 0; k < counts.length; k++) counts[k] = r(counts[k] / len[Math.floor(k / stride) % sizes[d]]);
    }
  }
  return [tensor(counts, { dtype: dt, device: input.device }).reshape(sizes), edges];
}

/** ATen's CPU linspace in the dtype (r rounds to it): from start up to halfway, from end down after. */
function linspaceOf(start: number, end: number, steps: number, r: (v: number) => number): number[] {
  const s = r(start), e = r(end), step = steps > 1 ? r(r(e - s) / (steps - 1)) : 0, half = Math.floor(steps / 2);
  return Array.from({ length: steps }, (_, i) => (i < half ? r(s + r(step * i)) : r(e - r(step * (steps - i - 1)))));
}

/** ATen prints a double's range bound as C++ streams it. */
const fmt = (v: number): string => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v));

function named<T extends unknown[]>(pair: T, fields: [string, string]): T {
  return Object.assign(pair, { [fields[0]]: pair[0], [fields[1]]: pair[1] });
}

function histogramBound(args: unknown[], self: Tensor | null): HistogramResult {
  const [rest, range] = takeRange(args, 'histogram');
  const [k, a] = bindOverloads(SCHEMAS, rest, self);
  // range belongs to the int-bins overload only
  if (k === 0 && range) throw invalidCombination('histogram', args.slice(0, -1), args[args.length - 1] as Record<string, unknown>, SIGNATURES.histogram);
  const input = a.input as Tensor, w = a.weight as Tensor | null;
  const [hist, [edges]] = histogramdd_('histogram', input, [a.bins as number | Tensor], range, w, a.density as boolean);
  return named([hist.reshape([-1]), edges], ['hist', 'bin_edges']) as HistogramResult;
}

/**
 * A histogram of input's values: `bins` equal bins over `range` (or the data's min and max), or
 * the edges of a 1-D tensor; counts, `weight` sums, or with `density` a probability density.
 * Returns `[hist, bin_edges]` (also `.hist`, `.bin_edges`). Float dtypes only; not differentiable.
 * @example
 * const { hist, bin_edges } = torch.histogram(torch.tensor([1, 2, 1]), 2, { range: [0, 2] });
 * // hist: tensor([0., 3.]), bin_edges: tensor([0., 1., 2.])
 */
export function histogram(input: Tensor, bins?: number | Tensor, options?: HistogramOptions): HistogramResult;
export function histogram(input: Tensor, options: HistogramOptions & { bins?: number | Tensor }): HistogramResult;
export function histogram(...args: unknown[]): HistogramResult { return histogramBound(args, null); }
/** Tensor.histogram's body. @internal */
export function histogramMethod(self: Tensor, args: unknown[]): HistogramResult { return histogramBound(args, self); }

/**
 * A D-dimensional histogram of the points in input's last dimension (input is (..., D)): `bins` an
 * int, one int per dimension, or one edges tensor per dimension; `range` [min₀, max₀, min₁, ...].
 * Returns `[hist, bin_edges]` (also `.hist`, `.bin_edges`). Not differentiable.
 * @example const { hist } = torch.histogramdd(torch.tensor([[0, 0], [1, 1]]), [2, 2]) // [[1, 0], [0, 1]]
 */
export function histogramdd(input: Tensor, bins: number | number[] | Tensor[], options?: HistogramOptions): HistogramddResult;
export function histogramdd(...args: unknown[]): HistogramddResult {
  const [rest, range] = takeRange(args, 'histogramdd');
  const tensors = Array.isArray(rest[1]) && rest[1].length > 0 && rest[1].every((b) => b instanceof Tensor) ? rest[1] as Tensor[] : null;
  const a = bind(DD, tensors ? [rest[0], [0], ...rest.slice(2)] : rest, null);
  const input = a.input as Tensor;
  const D = input.dim() ? input.shape[input.dim() - 1] : 1;
  // an int stands for every dimension (torch.histogramdd's Python wrapper); a list gives one each
  const counts = a.bins as number[];
  const bins: (number | Tensor)[] = tensors ?? (typeof rest[1] === 'number' ? new Array<number>(D).fill(counts[0]) : counts);
  const [hist, edges] = histogramdd_('histogramdd', input, bins, range, a.weight as Tensor | null, a.density as boolean);
  return named([hist, edges], ['hist', 'bin_edges']) as HistogramddResult;
}
