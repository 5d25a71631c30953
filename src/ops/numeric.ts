// Numeric compositions of torch.* (helper h-special), as PyTorch's CompositeImplicit functions
// compose them from recorded ops, so autograd and create_graph come from those ops:
//   diff                 narrow − narrow, n times (cat of prepend/append first)   SubBackward0
//   trapezoid, trapz, cumulative_trapezoid   sums of neighbour averages           MulBackward0 / DivBackward0 ...
//   cov, corrcoef        mean-centred mm, divided (and clipped)                    SqueezeBackward0 / ClampBackward1
//   cartesian_prod, combinations   meshgrid / index_select columns, stacked        StackBackward0
//   vander               cumprod of x, cat with ones, flipped                      FlipBackward0
//   block_diag           rows padded with zeros, cat                                CatBackward0
// and PyTorch's non-differentiable ones, computed from the values: searchsorted, bucketize,
// bincount, histc, heaviside, tril_indices, triu_indices and the window functions.

import * as torch from '../index.js';
import { Tensor } from '../tensor.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { RuntimeError } from '../errors.js';
import { tidy } from '../memory.js';
import { normDim, formatSize } from '../shape.js';
import { besselI0 } from '../js/kernels/scalar_math.js';
import type { TensorOptions } from '../creation.js';

const SCHEMAS = {
  diff: parseSchema('diff(Tensor input, int n=1, int dim=-1, Tensor? prepend=None, Tensor? append=None) -> Tensor'),
  searchsorted: parseSchema('searchsorted(Tensor sorted_sequence, Tensor input, *, bool out_int32=False, bool right=False, str? side=None, Tensor? sorter=None) -> Tensor'),
  bucketize: parseSchema('bucketize(Tensor input, Tensor boundaries, *, bool out_int32=False, bool right=False) -> Tensor'),
  bincount: parseSchema('bincount(Tensor input, Tensor? weights=None, int minlength=0) -> Tensor', false),
  histc: parseSchema('histc(Tensor input, int bins=100, Scalar min=0, Scalar max=0) -> Tensor'),
  combinations: parseSchema('combinations(Tensor input, int r=2, bool with_replacement=False) -> Tensor', false),
  vander: parseSchema('vander(Tensor x, int? N=None, bool increasing=False) -> Tensor', false),
  heaviside: parseSchema('heaviside(Tensor input, Tensor values) -> Tensor'),
  cov: parseSchema('cov(Tensor input, *, int correction=1, Tensor? fweights=None, Tensor? aweights=None) -> Tensor', false),
  corrcoef: parseSchema('corrcoef(Tensor input) -> Tensor', false),
};

const values = (t: Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>);
/** ATen's scalar type names, as its messages print them. */
const SCALAR_NAME: Record<string, string> = { float32: 'Float', float64: 'Double', int64: 'Long', int32: 'Int', bool: 'Bool' };

/**
 * The n-th forward difference along dim, after prepend and append are joined on.
 * @example torch.diff(torch.tensor([1, 3, 6, 10])) // [2, 3, 4]
 */
export function diff(input: Tensor, n?: number, dim?: number, prepend?: Tensor | null, append?: Tensor | null): Tensor;
export function diff(input: Tensor, options: { n?: number; dim?: number; prepend?: Tensor | null; append?: Tensor | null }): Tensor;
export function diff(...args: unknown[]): Tensor { return diffBound(bind(SCHEMAS.diff, args, null)); }
/** Tensor.diff's body. */
export function diffMethod(self: Tensor, args: unknown[]): Tensor { return diffBound(bind(SCHEMAS.diff, args, self)); }

function diffBound(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, n = a.n as number;
  if (x.dim() === 0) throw new RuntimeError('diff expects input to be at least one-dimensional');
  const dim = normDim(a.dim as number, x.dim());
  for (const other of [a.prepend, a.append] as (Tensor | null)[]) {
    if (!other) continue;
    if (other.dim() !== x.dim()) throw new RuntimeError('diff expects prepend or append to be the same dimension as input');
    for (let i = 0; i < x.dim(); i++) {
      if (i !== dim && other.shape[i] !== x.shape[i]) {
        throw new RuntimeError(`diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(${i}) = ${x.shape[i]}, but got tensor.size(${i}) = ${other.shape[i]}`);
      }
    }
  }
  return tidy(() => {
    let r = x;
    if (a.prepend || a.append) r = torch.cat([...(a.prepend ? [a.prepend as Tensor] : []), x, ...(a.append ? [a.append as Tensor] : [])], dim);
    if (n < 0) return r; // PyTorch 1.13 leaves the input as it is
    // n = 0: a copy, as ATen's (CopyBackwards)
    if (n === 0) return torch.empty(r.shape, { dtype: r.dtype, device: r.device }).copy_(r);
    let len = r.shape[dim] - 1;
    const steps = Math.min(n, r.shape[dim]);
    for (let i = 0; i < steps; i++, len--) {
      const hi = r.narrow(dim, 1, len), lo = r.narrow(dim, 0, len);
      r = r.dtype === torch.bool ? torch.logical_xor(hi, lo) : hi.sub(lo);
    }
    return r;
  });
}

/** PyTorch's lower and upper bounds: the first position whose value is ≥ v (> v for right), NaN sorting last. */
function bound(seq: number[], start: number, end: number, v: number, right: boolean, sorter: number[] | null): number {
  let lo = start, hi = end;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    const m = sorter ? seq[start + sorter[mid]] : seq[mid];
    if (right ? !(m > v) : !(m >= v)) lo = mid + 1;
    else hi = mid;
  }
  return lo - start;
}

function searchsortedOf(boundaries: Tensor, input: Tensor | number, outInt32: boolean, right: boolean, sorter: Tensor | null): Tensor {
  const x = input instanceof Tensor ? input : torch.tensor(input, { dtype: boundaries.dtype, device: boundaries.device });
  const bs = boundaries.shape, xs = x.shape;
  if (bs.length !== 1 && (bs.length !== xs.length || bs.slice(0, -1).some((d, i) => d !== xs[i]))) {
    throw new RuntimeError(`torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${formatSize(bs)} and input value tensor ${formatSize(xs)}`);
  }
  if (sorter) {
    if (sorter.dtype !== torch.int64) throw new RuntimeError(`torch.searchsorted(): sorter must be a tensor of long dtype but got dtype ${sorter.dtype.name === 'int32' ? 'Int' : sorter.dtype.name}`);
    if (sorter.shape.join() !== bs.join()) throw new RuntimeError(`torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor ${formatSize(bs)}and got sorter tensor ${formatSize(sorter.shape)}`);
  }
  const seq = values(boundaries), vals = values(x), order = sorter ? values(sorter) : null;
  const inner = bs[bs.length - 1] ?? 1;
  const perRow = bs.length === 1 ? vals.length : (xs[xs.length - 1] ?? 1);
  const out = vals.map((v, i) => {
    const start = bs.length === 1 ? 0 : Math.floor(i / perRow) * inner;
    return bound(seq, start, start + inner, v, right, order ? order.slice(start, start + inner).map((k) => k) : null);
  });
  return torch.tensor(out, { dtype: outInt32 ? 'int32' : 'int64', device: boundaries.device }).reshape(xs);
}

/**
 * The indices at which input's values would be inserted into sorted_sequence's last dimension to keep it sorted.
 * @example torch.searchsorted(torch.tensor([1, 3, 5]), torch.tensor([3, 6])) // [1, 3]
 */
export function searchsorted(sorted_sequence: Tensor, input: Tensor | number, options?: { out_int32?: boolean; right?: boolean; side?: 'left' | 'right' | null; sorter?: Tensor | null }): Tensor;
export function searchsorted(...args: unknown[]): Tensor {
  const scalar = typeof args[1] === 'number';
  const given = scalar ? [args[0], torch.tensor(0), ...args.slice(2)] : args;
  const a = bind(SCHEMAS.searchsorted, given, null);
  const side = a.side as string | null, right = a.right as boolean;
  if (side !== null && side !== 'left' && side !== 'right') throw new RuntimeError(`torch.searchsorted(): side can only be 'left' or 'right' but got ${side}`);
  if (side === 'left' && right) throw new RuntimeError("torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True");
  const seq = a.sorted_sequence as Tensor;
  return searchsortedOf(seq, scalar ? args[1] as number : a.input as Tensor, a.out_int32 as boolean, right || side === 'right', a.sorter as Tensor | null);
}

/**
 * The index of the bucket of boundaries each value of input falls in.
 * @example torch.bucketize(torch.tensor([0.5, 2, 9]), torch.tensor([1, 2, 4])) // [0, 1, 3]
 */
export function bucketize(input: Tensor | number, boundaries: Tensor, options?: { out_int32?: boolean; right?: boolean }): Tensor;
export function bucketize(...args: unknown[]): Tensor {
  const scalar = typeof args[0] === 'number';
  const a = bind(SCHEMAS.bucketize, scalar ? [torch.tensor(0), ...args.slice(1)] : args, null);
  const b = a.boundaries as Tensor;
  if (b.dim() !== 1) throw new RuntimeError(`boundaries tensor must be 1 dimension, but got dim(${b.dim()})`);
  return searchsortedOf(b, scalar ? args[0] as number : a.input as Tensor, a.out_int32 as boolean, a.right as boolean, null);
}

/**
 * How often each non-negative integer occurs in a 1-D integer tensor (or the sum of its weights).
 * @example torch.bincount(torch.tensor([0, 2, 2])) // [1, 0, 2]
 */
export function bincount(input: Tensor, weights?: Tensor | null, minlength?: number): Tensor;
export function bincount(input: Tensor, options: { weights?: Tensor | null; minlength?: number }): Tensor;
export function bincount(...args: unknown[]): Tensor { return bincountBound(bind(SCHEMAS.bincount, args, null)); }
/** Tensor.bincount's body. */
export function bincountMethod(self: Tensor, args: unknown[]): Tensor { return bincountBound(bind(SCHEMAS.bincount, args, self)); }

function bincountBound(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, w = a.weights as Tensor | null, minlength = a.minlength as number;
  if (minlength < 0) throw new RuntimeError('minlength should be >= 0');
  const xs = values(x);
  if (x.dtype.is_floating_point || x.dtype === torch.bool) throw new RuntimeError(`"bincount_cpu" not implemented for '${SCALAR_NAME[x.dtype.name]}'`);
  if (x.dim() !== 1 || xs.some((v) => v < 0)) {
    throw new RuntimeError('bincount only supports 1-d non-negative integral inputs.');
  }
  if (w && (w.dim() !== 1 || w.shape[0] !== x.shape[0])) throw new RuntimeError('weights should be 1-d and have the same length as input');
  const n = Math.max(minlength, xs.length ? Math.max(...xs) + 1 : 0);
  const counts = new Array<number>(n).fill(0), ws = w ? values(w) : null;
  xs.forEach((v, i) => { counts[v] += ws ? ws[i] : 1; });
  // float weights count in double, as PyTorch's; other weights give float (its kernel's weights.options())
  const dtype = !w ? 'int64' : w.dtype === torch.float32 ? 'float32' : 'float64';
  return torch.tensor(counts, { dtype, device: x.device });
}

/**
 * A histogram of input in bins equal bins over [min, max] (the data's range when both are 0).
 * @example torch.histc(torch.tensor([1, 2, 1]), 4, 0, 3) // [0, 2, 1, 0]
 */
export function histc(input: Tensor, bins?: number, min?: number, max?: number): Tensor;
export function histc(input: Tensor, options: { bins?: number; min?: number; max?: number }): Tensor;
export function histc(...args: unknown[]): Tensor { return histcBound(bind(SCHEMAS.histc, args, null)); }
/** Tensor.histc's body. */
export function histcMethod(self: Tensor, args: unknown[]): Tensor { return histcBound(bind(SCHEMAS.histc, args, self)); }

function histcBound(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, bins = a.bins as number;
  if (!x.dtype.is_floating_point) throw new RuntimeError(`"histogram_cpu" not implemented for '${SCALAR_NAME[x.dtype.name]}'`);
  if (bins <= 0) throw new RuntimeError(`torch.histogram(): bins must be > 0, but got ${bins} for dimension 0`);
  const r = x.dtype === torch.float32 ? Math.fround : (v: number) => v;
  const xs = values(x);
  let lo = r(a.min as number), hi = r(a.max as number);
  if (lo === hi && xs.length) { lo = Math.min(...xs); hi = Math.max(...xs); }
  if (lo === hi) { lo -= 1; hi += 1; }
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) throw new RuntimeError(`torch.histc(): range of [${lo}, ${hi}] is not finite`);
  if (lo > hi) throw new RuntimeError('torch.histc: max must be larger than min');
  const counts = new Array<number>(bins).fill(0);
  for (const v of xs) {
    if (!(v >= lo && v <= hi)) continue;
    // PyTorch's bin: (v − min)·bins / (max − min), the last edge in the last bin
    const b = Math.min(Math.trunc(r(r(r(v - lo) * bins) / r(hi - lo))), bins - 1);
    counts[b] += 1;
  }
  return torch.tensor(counts, { dtype: x.dtype, device: x.device });
}

/**
 * Where input is 0: values; elsewhere 1 for input > 0 and 0 below (NaN too).
 * @example torch.heaviside(torch.tensor([-1, 0, 2]), torch.tensor([0.5])) // [0, 0.5, 1]
 */
export function heaviside(input: Tensor, values: Tensor): Tensor;
export function heaviside(...args: unknown[]): Tensor { return heavisideBound(bind(SCHEMAS.heaviside, args, null)); }
/** Tensor.heaviside's body. */
export function heavisideMethod(self: Tensor, args: unknown[]): Tensor { return heavisideBound(bind(SCHEMAS.heaviside, args, self)); }

function heavisideBound(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, v = a.values as Tensor;
  if (x.dtype !== v.dtype) throw new RuntimeError(`heaviside is not yet implemented for tensors with different dtypes`);
  return torch.no_grad(() => tidy(() => torch.where(x.eq(0), v, x.gt(0).to(x.dtype))));
}

function creationOptions(args: unknown[]): [unknown[], TensorOptions] {
  const last = args[args.length - 1];
  return last !== null && typeof last === 'object' && !Array.isArray(last) && !(last instanceof Tensor)
    ? [args.slice(0, -1), last as TensorOptions] : [args, {}];
}

function triIndices(upper: boolean, args: unknown[]): Tensor {
  const [[row, col, offset = 0], opts] = creationOptions(args) as [number[], TensorOptions];
  const name = upper ? 'triu_indices' : 'tril_indices';
  for (const [k, v] of [['row', row], ['col', col], ['offset', offset]] as const) {
    if (!Number.isInteger(v)) throw new torch.TypeError(`${name}() received an invalid combination of arguments - argument '${k}' must be int`);
  }
  if (row < 0) throw new RuntimeError(`row must be non-negative, got${row}`);
  if (col < 0) throw new RuntimeError(`col must be non-negative, got${col}`);
  const rs: number[] = [], cs: number[] = [];
  for (let i = 0; i < row; i++) {
    for (let j = 0; j < col; j++) {
      if (upper ? j - i >= offset : j - i <= offset) { rs.push(i); cs.push(j); }
    }
  }
  return torch.tensor([rs, cs], { dtype: opts.dtype ?? 'int64', device: opts.device }).reshape([2, rs.length]);
}

/**
 * The row and column indices of the lower triangle (on and below diagonal offset) of a row × col matrix.
 * @example torch.tril_indices(3, 3) // [[0, 1, 1, 2, 2, 2], [0, 0, 1, 0, 1, 2]]
 */
export function tril_indices(row: number, col: number, offset?: number, options?: TensorOptions): Tensor;
export function tril_indices(...args: unknown[]): Tensor { return triIndices(false, args); }

/**
 * The row and column indices of the upper triangle (on and above diagonal offset) of a row × col matrix.
 * @example torch.triu_indices(3, 3, 1) // [[0, 0, 1], [1, 2, 2]]
 */
export function triu_indices(row: number, col: number, offset?: number, options?: TensorOptions): Tensor;
export function triu_indices(...args: unknown[]): Tensor { return triIndices(true, args); }

type WindowOptions = TensorOptions & { periodic?: boolean; beta?: number };

/** A window function's length, periodic flag and options; its values computed in float64 and stored in the dtype. */
function windowOf(name: string, args: unknown[], f: (i: number, n: number, beta: number) => number): Tensor {
  const [[length, periodic = true, beta = 12], opts] = creationOptions(args) as [[number, boolean?, number?], WindowOptions];
  const dtype = opts.dtype ?? torch.get_default_dtype();
  const dt = typeof dtype === 'string' ? dtype : dtype.name;
  if (dt !== 'float32' && dt !== 'float64') {
    // ATen prints its TensorOptions, device cpu included
    const c = { int64: 'long int', int32: 'int', bool: 'bool' }[dt as string] ?? dt;
    throw new RuntimeError(`${name} expects floating point dtypes, got: TensorOptions(dtype=${c}, device=cpu, layout=Strided (default), requires_grad=false (default), pinned_memory=false, memory_format=(nullopt))`);
  }
  if (!Number.isInteger(length) || length < 0) throw new RuntimeError(`${name} requires non-negative window_length, got window_length=${length}`);
  const p = opts.periodic ?? periodic, b = opts.beta ?? beta;
  const n = length === 1 ? 1 : p ? length + 1 : length;
  const out: number[] = [];
  for (let i = 0; i < length; i++) out.push(length === 1 ? 1 : f(i, n, b));
  return torch.tensor(out, { dtype: dt, device: opts.device, requires_grad: opts.requires_grad });
}

const cosineWindow = (alpha: number, beta: number) => (i: number, n: number): number => alpha - beta * Math.cos((2 * Math.PI * i) / (n - 1));

/**
 * The Hann window: ½ − ½cos(2πi/(N − 1)), N = window_length + 1 when periodic.
 * @example torch.hann_window(4) // [0, 0.5, 1, 0.5]
 */
export function hann_window(window_length: number, periodic?: boolean, options?: TensorOptions): Tensor;
export function hann_window(...args: unknown[]): Tensor { return windowOf('hann_window', args, cosineWindow(0.5, 0.5)); }

/**
 * The generalized Hamming window: alpha − beta·cos(2πi/(N − 1)) (0.54 and 0.46 by default),
 * N = window_length + 1 when periodic.
 * @example torch.hamming_window(4); torch.hamming_window(5, false, 0.5, 0.5) // the Hann window
 */
export function hamming_window(window_length: number, periodic?: boolean, alpha?: number, beta?: number, options?: TensorOptions & { alpha?: number; beta?: number }): Tensor;
export function hamming_window(...args: unknown[]): Tensor {
  // alpha and beta come positionally or in the options (helper h-fns); windowOf reads the rest
  const [[length, periodic, alpha = 0.54, beta = 0.46], opts] = creationOptions(args) as [[number, boolean?, number?, number?], TensorOptions & { alpha?: number; beta?: number }];
  const { alpha: a = alpha, beta: b = beta, ...rest } = opts;
  for (const [k, v] of [['alpha', a], ['beta', b]] as const) {
    if (typeof v !== 'number') throw new torch.TypeError(`hamming_window() received an invalid combination of arguments - argument '${k}' must be float`);
  }
  return windowOf('hamming_window', [length, ...(periodic === undefined ? [] : [periodic]), rest], cosineWindow(a, b));
}

/**
 * The Blackman window: 0.42 − ½cos(2πi/(N − 1)) + 0.08cos(4πi/(N − 1)).
 * @example torch.blackman_window(5, false)
 */
export function blackman_window(window_length: number, periodic?: boolean, options?: TensorOptions): Tensor;
export function blackman_window(...args: unknown[]): Tensor {
  return windowOf('blackman_window', args, (i, n) => 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (n - 1)));
}

/**
 * The Bartlett (triangular) window: 1 − |2i/(N − 1) − 1|.
 * @example torch.bartlett_window(5, false) // [0, 0.5, 1, 0.5, 0]
 */
export function bartlett_window(window_length: number, periodic?: boolean, options?: TensorOptions): Tensor;
export function bartlett_window(...args: unknown[]): Tensor {
  return windowOf('bartlett_window', args, (i, n) => { const t = (2 * i) / (n - 1); return t <= 1 ? t : 2 - t; });
}

/**
 * The Kaiser window: I0(β√(1 − (2i/(N − 1) − 1)²)) / I0(β), β = 12 by default.
 * @example torch.kaiser_window(5, false, 8)
 */
export function kaiser_window(window_length: number, periodic?: boolean, beta?: number, options?: TensorOptions): Tensor;
export function kaiser_window(...args: unknown[]): Tensor {
  return windowOf('kaiser_window', args, (i, n, beta) => {
    const alpha = (n - 1) / 2, t = (i - alpha) / alpha;
    return besselI0(beta * Math.sqrt(Math.max(0, 1 - t * t))) / besselI0(beta);
  });
}

/** y's shape without dim, as zeros (PyTorch's zeros_like_except for an empty dim). */
function zerosExcept(y: Tensor, dim: number): Tensor {
  return torch.zeros(y.shape.filter((_, i) => i !== dim), { dtype: y.dtype, device: y.device });
}

/** The spacing of x along dim of y, broadcastable against y's neighbour sums. */
function spacing(y: Tensor, x: Tensor, dim: number): Tensor {
  if (x.dim() === 1) {
    if (x.shape[0] !== y.shape[dim]) throw new RuntimeError('trapezoid: There must be one `x` value for each sample point');
    const shape = y.shape.map((_, i) => (i === dim ? y.shape[dim] - 1 : 1));
    return torch.diff(x).view(shape);
  }
  return torch.diff(x, { dim });
}

interface TrapezoidArgs { x: Tensor | null; dx: number | null; dim: number }

function trapezoidArgs(name: string, args: unknown[]): [Tensor, TrapezoidArgs] {
  const [pos, opts] = creationOptions(args) as [unknown[], { x?: Tensor; dx?: number; dim?: number }];
  const y = pos[0] as Tensor;
  if (!(y instanceof Tensor)) throw new torch.TypeError(`${name}() received an invalid combination of arguments`);
  const second = pos[1] ?? opts.x ?? null;
  const x = second instanceof Tensor ? second : null;
  const dx = typeof second === 'number' ? second : opts.dx ?? null;
  return [y, { x, dx, dim: normDim(opts.dim ?? (typeof pos[2] === 'number' ? pos[2] : -1), y.dim()) }];
}

/**
 * The trapezoidal rule along dim: samples y at x (a tensor), or spaced dx apart (default 1).
 * @example torch.trapezoid(torch.tensor([1, 2, 3])) // 4
 */
export function trapezoid(y: Tensor, x?: Tensor | number, options?: { dx?: number; dim?: number }): Tensor;
export function trapezoid(y: Tensor, options: { x?: Tensor; dx?: number; dim?: number }): Tensor;
export function trapezoid(...args: unknown[]): Tensor {
  const [y, { x, dx, dim }] = trapezoidArgs('trapezoid', args);
  if (y.shape[dim] === 0) return zerosExcept(y, dim);
  const n = y.shape[dim];
  return tidy(() => {
    if (x) {
      const d = spacing(y, x, dim);
      return d.mul(y.narrow(dim, 1, n - 1).add(y.narrow(dim, 0, n - 1))).sum(dim).div(2);
    }
    return y.sum(dim).sub(y.select(dim, 0).add(y.select(dim, -1)).mul(0.5)).mul(dx ?? 1);
  });
}

/**
 * PyTorch's older name of {@link trapezoid}: trapz(y, x, dim) or trapz(y, { dx, dim }).
 * @example torch.trapz(torch.tensor([1, 2, 3]), { dx: 2 }) // 8
 */
export function trapz(y: Tensor, x?: Tensor, options?: { dim?: number }): Tensor;
export function trapz(y: Tensor, options: { dx?: number; dim?: number }): Tensor;
export function trapz(...args: unknown[]): Tensor { return trapezoid(...(args as [Tensor])); }

/**
 * The running trapezoidal rule along dim: one value fewer than y has there.
 * @example torch.cumulative_trapezoid(torch.tensor([1, 2, 3])) // [1.5, 4]
 */
export function cumulative_trapezoid(y: Tensor, x?: Tensor | number, options?: { dx?: number; dim?: number }): Tensor;
export function cumulative_trapezoid(y: Tensor, options: { x?: Tensor; dx?: number; dim?: number }): Tensor;
export function cumulative_trapezoid(...args: unknown[]): Tensor {
  const [y, { x, dx, dim }] = trapezoidArgs('cumulative_trapezoid', args);
  const n = y.shape[dim];
  if (n === 0) return y.narrow(dim, 0, 0).clone();
  return tidy(() => {
    const sums = y.narrow(dim, 0, n - 1).add(y.narrow(dim, 1, n - 1));
    if (x) return spacing(y, x, dim).mul(sums).cumsum(dim).div(2);
    return sums.mul((dx ?? 1) / 2).cumsum(dim);
  });
}

/**
 * Every tuple of one element from each 1-D tensor, as the rows of a matrix.
 * @example torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4])) // [[1, 3], [1, 4], [2, 3], [2, 4]]
 */
export function cartesian_prod(...tensors: Tensor[]): Tensor {
  for (const t of tensors) {
    if (t.dim() !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape ${formatSize(t.shape)}`);
  }
  if (tensors.length === 1) return tensors[0];
  return tidy(() => torch.stack(torch.meshgrid(tensors, { indexing: 'ij' }).map((g) => g.flatten()), 1));
}

/**
 * The r-element combinations of a 1-D tensor's elements (with repeats when with_replacement), as rows.
 * @example torch.combinations(torch.tensor([1, 2, 3])) // [[1, 2], [1, 3], [2, 3]]
 */
export function combinations(input: Tensor, r?: number, with_replacement?: boolean): Tensor;
export function combinations(input: Tensor, options: { r?: number; with_replacement?: boolean }): Tensor;
export function combinations(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.combinations, args, null);
  const x = a.input as Tensor, r = a.r as number, repl = a.with_replacement as boolean;
  if (x.dim() !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape ${formatSize(x.shape)}`);
  if (r < 0) throw new RuntimeError(`Expect a non-negative number, but got ${r}`);
  if (r === 0) return torch.empty([0], { dtype: x.dtype, device: x.device });
  // the index tuples in PyTorch's order: its r-dimensional grid masked, read row-major
  const cols: number[][] = Array.from({ length: r }, () => []);
  const walk = (k: number, from: number, chosen: number[]): void => {
    if (k === r) { chosen.forEach((c, i) => cols[i].push(c)); return; }
    for (let i = from; i < x.shape[0]; i++) walk(k + 1, repl ? i : i + 1, [...chosen, i]);
  };
  walk(0, 0, []);
  return tidy(() => torch.stack(cols.map((c) => x.index_select(0, torch.tensor(c, { dtype: 'int64', device: x.device }))), 1));
}

/**
 * The Vandermonde matrix of x: columns x^(N−1), …, x, 1 (ascending when increasing).
 * @example torch.vander(torch.tensor([1, 2, 3]), { N: 3 }) // [[1, 1, 1], [4, 2, 1], [9, 3, 1]]
 */
export function vander(x: Tensor, N?: number | null, increasing?: boolean): Tensor;
export function vander(x: Tensor, options: { N?: number | null; increasing?: boolean }): Tensor;
export function vander(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.vander, args, null);
  const x = a.x as Tensor;
  if (x.dim() !== 1) throw new RuntimeError('x must be a one-dimensional tensor.');
  const n = (a.N as number | null) ?? x.shape[0];
  if (n < 0) throw new RuntimeError('N must be non-negative.');
  const dtype = x.dtype.is_floating_point ? x.dtype : torch.int64;
  return tidy(() => {
    const xs = x.to(dtype).unsqueeze(1);
    let m = torch.ones([x.shape[0], Math.min(n, 1)], { dtype, device: x.device });
    if (n > 1) m = torch.cat([m, xs.expand(x.shape[0], n - 1).cumprod(1)], 1);
    return a.increasing ? m : m.flip([1]);
  });
}

/**
 * The block-diagonal matrix of 0-, 1- and 2-D tensors (a 1-D tensor is one row).
 * @example torch.block_diag(torch.ones(2, 2), torch.tensor([5]))
 */
export function block_diag(...tensors: Tensor[]): Tensor {
  tensors.forEach((t, i) => {
    if (t.dim() > 2) throw new RuntimeError(`torch.block_diag: Input tensors must have 2 or fewer dimensions. Input ${i} has ${t.dim()} dimensions`);
  });
  const dtype = tensors.reduce((d, t) => torch.promote_types(d, t.dtype), tensors[0]?.dtype ?? torch.get_default_dtype());
  const device = tensors[0]?.device;
  return tidy(() => {
    const blocks = tensors.map((t) => (t.dim() === 2 ? t : t.reshape([1, -1])).to(dtype));
    const width = blocks.reduce((w, b) => w + b.shape[1], 0);
    let left = 0;
    const rows = blocks.map((b) => {
      const parts = [torch.zeros([b.shape[0], left], { dtype, device }), b, torch.zeros([b.shape[0], width - left - b.shape[1]], { dtype, device })];
      left += b.shape[1];
      return torch.cat(parts, 1);
    });
    return rows.length ? torch.cat(rows, 0) : torch.zeros([0, 0], { dtype, device });
  });
}

/**
 * The covariance matrix of input's rows (variables) over its columns (observations).
 * @example torch.cov(torch.tensor([[0, 1, 2], [2, 1, 0]])) // [[1, -1], [-1, 1]]
 */
export function cov(input: Tensor, options?: { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null }): Tensor;
export function cov(...args: unknown[]): Tensor { return covBound(bind(SCHEMAS.cov, args, null)); }
/** Tensor.cov's body. */
export function covMethod(self: Tensor, args: unknown[]): Tensor { return covBound(bind(SCHEMAS.cov, args, self)); }

function covBound(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, correction = a.correction as number;
  const fw = a.fweights as Tensor | null, aw = a.aweights as Tensor | null;
  if (x.dim() > 2) throw new RuntimeError(`cov(): expected input to have two or fewer dimensions but got an input with ${x.dim()} dimensions`);
  if (x.dtype === torch.bool) throw new RuntimeError('cov(): bool dtype is not supported for input');
  return tidy(() => {
    let input = x.dim() < 2 ? x.view([1, -1]) : x;
    const n = input.shape[1];
    const checkWeights = (w: Tensor, name: string): void => {
      if (w.dim() > 1) throw new RuntimeError(`cov(): expected ${name} to have one or fewer dimensions but got ${name} with ${w.dim()} dimensions`);
      if (w.numel() !== n) throw new RuntimeError(`cov(): expected ${name} to have the same numel as there are observations in the input but got ${w.numel()} != ${n}`);
    };
    let w: Tensor | null = null;
    if (fw) {
      checkWeights(fw, 'fweights');
      if (fw.dtype.is_floating_point) throw new RuntimeError(`cov(): expected fweights to have integral dtype but got fweights with ${SCALAR_NAME[fw.dtype.name]} dtype`);
      if (values(fw).some((v) => v < 0)) throw new RuntimeError('cov(): fweights cannot be negative');
      w = fw;
    }
    if (aw) {
      checkWeights(aw, 'aweights');
      if (!aw.dtype.is_floating_point) throw new RuntimeError(`cov(): expected aweights to have floating point dtype but got aweights with ${SCALAR_NAME[aw.dtype.name]} dtype`);
      if (values(aw).some((v) => v < 0)) throw new RuntimeError('cov(): aweights cannot be negative');
      w = w ? w.mul(aw) : aw;
    }
    const wSum = w ? w.sum() : torch.tensor(n, { dtype: 'int64', device: x.device });
    if (w && wSum.item() === 0) throw new RuntimeError("cov(): weights sum to zero, can't be normalized");
    const avg = (w ? input.mul(w) : input).sum(1).div(wSum);
    let norm: Tensor = w && correction !== 0 ? wSum.sub(aw ? w.mul(aw).sum().div(wSum).mul(correction) : correction) : wSum.sub(correction);
    if ((norm.item() as number) <= 0) {
      console.warn('UserWarning: cov(): degrees of freedom is <= 0');
      norm = torch.zeros_like(norm);
    }
    input = input.sub(avg.unsqueeze(1));
    return torch.div(input.mm((w ? input.mul(w) : input).t()), norm).squeeze();
  });
}

/**
 * Pearson's correlation coefficients of input's rows, clipped to [−1, 1].
 * @example torch.corrcoef(torch.tensor([[0, 1, 2], [2, 1, 0]])) // [[1, -1], [-1, 1]]
 */
export function corrcoef(input: Tensor): Tensor;
export function corrcoef(...args: unknown[]): Tensor { return corrcoefOf(bind(SCHEMAS.corrcoef, args, null).input as Tensor); }
/** Tensor.corrcoef's body. */
export function corrcoefMethod(self: Tensor, args: unknown[]): Tensor { return corrcoefOf(bind(SCHEMAS.corrcoef, args, self).input as Tensor); }

function corrcoefOf(x: Tensor): Tensor {
  if (x.dim() > 2) throw new RuntimeError(`corrcoef(): expected input to have two or fewer dimensions but got an input with ${x.dim()} dimensions`);
  return tidy(() => {
    const c = cov(x);
    if (c.dim() === 0) return c.div(c);
    const sd = c.diagonal().sqrt();
    return c.div(sd.view([-1, 1])).div(sd.view([1, -1])).clip(-1, 1);
  });
}

