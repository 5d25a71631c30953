// Indexing over the gather and scatter kernels (issue 6 §4): the gather-like ops (flip ... x[tensor]) read each output
// element from one input element or none (a fill); the scatter family writes or adds each src
// element at one position of a copy of the input. The front end computes those flat positions,
// validated with PyTorch's errors, and one kernel per kind runs them on each device
// (gatherFlat / scatterFlat: assembly/ops/gather.ts, src/js/ops/gather.ts), recording the op's
// own node; gradients go back through the same positions, so repeated indices accumulate.
// Compositions (take_along_dim, tile, chunk, ...) call these as PyTorch does. Copies for now.

import { Op, DType } from '../../abi/abi.js';
import { IndexError, RuntimeError, TypeError, NotImplementedError } from '../errors.js';
import { normDim, broadcastShapes, sizeParam, type SizeArg } from '../shape.js';
import { DTYPES, TYPE_NAMES, isFloating } from '../dtype.js';
import { expand, view, flatten, reshape, unsqueeze, cat, stridesOf as layoutOf, withStrides } from './shape.js';
import { narrow } from './indexing.js';
import { sum } from './reduce.js';
import { Tensor } from '../tensor.js';
import { markView, setViewKernels, storageTensor, positionsOf } from '../alias.js';

const viewPositions = (t: Tensor): Int32Array => positionsOf(t._view!);
import { bind, bindOverloads, isOptions } from '../signature.js';
import { invalidCombination } from '../args.js';
import { parseSchema, type Schema } from '../schema.js';

const S = (text: string): Schema => parseSchema(text, false);

/** Row-major strides of a shape, in elements. */
function stridesOf(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) { st[d] = s; s *= shape[d]; }
  return st;
}

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The flat index of every element of `shape`, in order: f(coordinates) (the array is reused). */
export function build(shape: readonly number[], f: (c: number[]) => number): Int32Array {
  const n = numel(shape), out = new Int32Array(n), nd = shape.length;
  const c = new Array<number>(nd).fill(0);
  for (let i = 0; i < n; i++) {
    out[i] = f(c);
    for (let d = nd - 1; d >= 0; d--) { if (++c[d] < shape[d]) break; c[d] = 0; }
  }
  return out;
}

/** The op's node over input: out[i] = input[index[i]] (fill where index[i] < 0). */
export function gathered(op: Op, input: Tensor, index: Int32Array, shape: number[], fill = 0, value: Tensor | null = null, sum = false): Tensor {
  const dev = input._dev;
  if (input._dtype === DType.Bool) fill = fill !== 0 ? 1 : 0; // C++'s bool(value): NaN is true
  const ih = dev.fromData(index, [index.length], DType.Int32);
  try {
    return new Tensor(dev, dev.gatherFlat(op, input.h, value ? value.h : null, ih, shape, fill, sum), shape, input._dtype);
  } finally {
    dev.release(ih);
  }
}

// ---- flip ------------------------------------------------------------------------------

const SCHEMAS = {
  index_select: S('index_select(Tensor input, int dim, Tensor index) -> Tensor'),
  gather: S('gather(Tensor input, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor'),
  take: S('take(Tensor input, Tensor index) -> Tensor'),
  take_along_dim: S('take_along_dim(Tensor input, Tensor indices, int? dim=None) -> Tensor'),
  flip: S('flip(Tensor input, int[] dims) -> Tensor'),
  fliplr: S('fliplr(Tensor input) -> Tensor'),
  flipud: S('flipud(Tensor input) -> Tensor'),
  masked_select: S('masked_select(Tensor input, Tensor mask) -> Tensor'),
  tril: S('tril(Tensor input, int diagonal=0) -> Tensor'),
  triu: S('triu(Tensor input, int diagonal=0) -> Tensor'),
  diagonal: S('diagonal(Tensor input, int offset=0, int dim1=0, int dim2=1) -> Tensor'),
  as_strided: S('as_strided(Tensor input, int[] size, int[] stride, int? storage_offset=None) -> Tensor'),
  diag: S('diag(Tensor input, int diagonal=0) -> Tensor'),
  trace: S('trace(Tensor input) -> Tensor'),
  roll: S('roll(Tensor input, int[] shifts, int[] dims=[]) -> Tensor'),
  tile: S('tile(Tensor input, int[] dims) -> Tensor'),
  chunk: S('chunk(Tensor input, int chunks, int dim=0) -> Tensor'),
  unbind: S('unbind(Tensor input, int dim=0) -> Tensor'),
  rot90: S('rot90(Tensor input, int k=1, int[] dims=[0,1]) -> Tensor'),
  diag_embed: S('diag_embed(Tensor input, int offset=0, int dim1=-2, int dim2=-1) -> Tensor'),
  nonzero: S('nonzero(Tensor input, *, bool as_tuple=False) -> Tensor'),
  pad: S('pad(Tensor input, int[] pad, str mode="constant", float? value=None) -> Tensor'),
  scatter_add: S('scatter_add(Tensor input, int dim, Tensor index, Tensor src) -> Tensor'),
  index_add: S('index_add(Tensor input, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor'),
  index_copy: S('index_copy(Tensor input, int dim, Tensor index, Tensor source) -> Tensor'),
  masked_scatter: S('masked_scatter(Tensor input, Tensor mask, Tensor source) -> Tensor'),
  scatter_reduce: S('scatter_reduce(Tensor input, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True) -> Tensor'),
};
// PyTorch's order: a src tensor, then a number value
const SCATTER = [
  S('scatter(Tensor input, int dim, Tensor index, Tensor src) -> Tensor'),
  S('scatter(Tensor input, int dim, Tensor index, Scalar value) -> Tensor'),
];
const INDEX_FILL = [
  S('index_fill(Tensor input, int dim, Tensor index, Tensor value) -> Tensor'),
  S('index_fill(Tensor input, int dim, Tensor index, Scalar value) -> Tensor'),
];
// PyTorch's order; a method binds self as input (the repeats-only form is no method)
const REPEAT_INTERLEAVE = [
  S('repeat_interleave(Tensor input, Tensor repeats, int? dim=None, *, int? output_size=None) -> Tensor'),
  S('repeat_interleave(Tensor input, int repeats, int? dim=None, *, int? output_size=None) -> Tensor'),
  S('repeat_interleave(Tensor repeats, *, int? output_size=None) -> Tensor'),
];
// torch.split / Tensor.split are Python functions: an int size, or a list of sizes
const SPLIT = [
  [S('split(Tensor tensor, int split_size_or_sections, int dim=0) -> Tensor'), S('split(Tensor tensor, int[] split_size_or_sections, int dim=0) -> Tensor')],
  [S('split(Tensor self, int split_size, int dim=0) -> Tensor'), S('split(Tensor self, int[] split_size, int dim=0) -> Tensor')],
] as const;
// PyTorch's order: a tensor of indices or sections, a number of sections, a list of indices
const TENSOR_SPLIT = [
  S('tensor_split(Tensor input, Tensor tensor_indices_or_sections, int dim=0) -> Tensor'),
  S('tensor_split(Tensor input, int sections, int dim=0) -> Tensor'),
  S('tensor_split(Tensor input, int[] indices, int dim=0) -> Tensor'),
];
// PyTorch's order: the Tensor value first
const MASKED_FILL = [
  S('masked_fill(Tensor input, Tensor mask, Tensor value) -> Tensor'),
  S('masked_fill(Tensor input, Tensor mask, Scalar value) -> Tensor'),
];

function flipDims(input: Tensor, dims: readonly number[]): Tensor {
  const shape = input._shape, nd = shape.length;
  const norm = dims.map((d) => normDim(d, nd));
  const seen = new Set<number>();
  for (const d of norm) {
    if (seen.has(d)) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  const st = stridesOf(shape);
  const index = build(shape, (c) => {
    let j = 0;
    for (let d = 0; d < nd; d++) j += (seen.has(d) ? shape[d] - 1 - c[d] : c[d]) * st[d];
    return j;
  });
  return gathered(Op.Flip, input, index, shape.slice());
}

function flipBound(a: Record<string, unknown>): Tensor { return flipDims(a.input as Tensor, a.dims as number[]); }

function fliplrBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor;
  if (input._shape.length < 2) throw new RuntimeError('Input must be >= 2-d.');
  return flipDims(input, [1]);
}

function flipudBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor;
  if (input._shape.length < 1) throw new RuntimeError('Input must be >= 1-d.');
  return flipDims(input, [0]);
}

/**
 * input with the order of its elements reversed along each dim of `dims` (FlipBackward0).
 * @example
 * const x = torch.tensor([[1, 2], [3, 4]]);
 * console.log(`${torch.flip(x, [0, 1]).flatten()}`); // tensor([4., 3., 2., 1.])
 */
export function flip(input: Tensor, dims: number[]): Tensor;
export function flip(...args: unknown[]): Tensor { return flipBound(bind(SCHEMAS.flip, args, null)); }

/**
 * input reversed left to right (along dim 1); input must be at least 2-D.
 * @example
 * console.log(`${torch.fliplr(torch.tensor([[1, 2, 3]]))}`); // tensor([[3., 2., 1.]])
 */
export function fliplr(input: Tensor): Tensor;
export function fliplr(...args: unknown[]): Tensor { return fliplrBound(bind(SCHEMAS.fliplr, args, null)); }

/**
 * input reversed up to down (along dim 0); input must be at least 1-D.
 * @example
 * console.log(`${torch.flipud(torch.tensor([1, 2, 3]))}`); // tensor([3., 2., 1.])
 */
export function flipud(input: Tensor): Tensor;
export function flipud(...args: unknown[]): Tensor { return flipudBound(bind(SCHEMAS.flipud, args, null)); }

// ---- index_select, gather, take, take_along_dim ------------------------------------------

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

// PyTorch also has overloads with a dim name: its parser lists them when a call fits neither
const OVERLOADS: Record<string, readonly [fn: readonly string[], method: readonly string[]]> = {
  index_select: [['(Tensor input, int dim, Tensor index, *, Tensor out)', '(Tensor input, name dim, Tensor index, *, Tensor out)'],
    ['(int dim, Tensor index)', '(name dim, Tensor index)']],
  gather: [['(Tensor input, int dim, Tensor index, *, bool sparse_grad, Tensor out)', '(Tensor input, name dim, Tensor index, *, bool sparse_grad, Tensor out)'],
    ['(int dim, Tensor index, *, bool sparse_grad)', '(name dim, Tensor index, *, bool sparse_grad)']],
};

/** bind, with PyTorch's "invalid combination" error over its overloads when the call fits neither. */
function bindListed(name: 'index_select' | 'gather', args: unknown[], self: Tensor | null): Record<string, unknown> {
  try {
    return bind(SCHEMAS[name], args, self);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const last = args[args.length - 1];
    const kw = isOptions(last);
    throw invalidCombination(name, kw ? args.slice(0, -1) : args, kw ? last as Record<string, unknown> : {}, OVERLOADS[name][self ? 1 : 0]);
  }
}
const scalarName = (t: Tensor): string => DTYPES[t._dtype]._scalarType;
/** The elements of an index tensor (int64 and int32 are stored as int32 on both devices). */
const indexData = (t: Tensor): Int32Array => t._dev.read(t.h) as Int32Array;

function indexSelectBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, index = a.index as Tensor;
  const shape = input._shape, nd = shape.length;
  const dim = normDim(a.dim as number, nd);
  if (index._shape.length > 1) throw new IndexError('index_select(): Index is supposed to be a vector');
  if (index._dtype !== DType.Int64 && index._dtype !== DType.Int32) {
    throw new RuntimeError('index_select(): Expected dtype int32 or int64 for index');
  }
  const idx = indexData(index), n = idx.length;
  const size = nd === 0 ? 1 : shape[dim];
  // PyTorch's CPU kernel words the check by path: contiguous dim 1 and empty inputs of >1 dims
  // say "INDICES element ...", the rest "index out of range in self"
  if (nd > 1 && n > 0 && numel(shape) === 0 && size === 0) {
    throw new RuntimeError('index_select(): self indexing axis dim should be positive');
  }
  for (const v of idx) {
    if (v >= 0 && v < size) continue;
    if (nd > 1 && (dim === 1 || numel(shape) === 0)) throw new RuntimeError(`INDICES element is out of DATA bounds, id=${v} axis_dim=${size}`);
    throw new IndexError('index out of range in self');
  }
  return selectIndices(input, dim, idx);
}

/** index_select with valid indices: the slices at idx along dim (IndexSelectBackward0). */
function selectIndices(input: Tensor, dim: number, idx: ArrayLike<number>): Tensor {
  const shape = input._shape, nd = shape.length;
  const outShape = shape.slice();
  if (nd > 0) outShape[dim] = idx.length;
  const st = stridesOf(shape);
  const index = build(outShape, (c) => {
    let j = 0;
    for (let d = 0; d < nd; d++) j += (d === dim ? idx[c[d]] : c[d]) * st[d];
    return j;
  });
  return gathered(Op.IndexSelect, input, index, outShape);
}

/** gather's checks and flat index: out[c] = input[c with c[dim] = index[c]]. */
function gatherIndex(input: Tensor, dim: number, index: Tensor): Int32Array {
  const shape = input._shape, ishape = index._shape;
  if (index._dtype !== DType.Int64) throw new RuntimeError('gather(): Expected dtype int64 for index');
  if (Math.max(shape.length, 1) !== Math.max(ishape.length, 1)) {
    throw new RuntimeError('Index tensor must have the same number of dimensions as input tensor');
  }
  const nd = ishape.length;
  if (numel(ishape) > 0) {
    for (let d = 0; d < shape.length; d++) {
      if (d !== dim && ishape[d] > shape[d]) {
        throw new RuntimeError(`Size does not match at dimension ${d} expected index ${fmt(ishape)} to be smaller than self ${fmt(shape)} apart from dimension ${dim}`);
      }
    }
  }
  const idx = indexData(index);
  const size = shape.length === 0 ? 1 : shape[dim];
  for (const v of idx) {
    if (v < 0 || v >= size) throw new RuntimeError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
  }
  const st = shape.length === 0 ? [0] : stridesOf(shape);
  let i = 0;
  return build(ishape, (c) => {
    let j = 0;
    for (let d = 0; d < nd; d++) j += (d === dim ? idx[i] : c[d]) * st[d];
    i++;
    return j;
  });
}

function gatherBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, index = a.index as Tensor;
  const dim = normDim(a.dim as number, input._shape.length);
  return gathered(Op.Gather, input, gatherIndex(input, dim, index), index._shape.slice());
}

function takeBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, index = a.index as Tensor;
  if (index._dtype !== DType.Int64) throw new RuntimeError(`take(): Expected a long tensor for index, but got ${scalarName(index)}`);
  const idx = indexData(index), n = numel(input._shape);
  if (n === 0 && idx.length > 0) throw new IndexError('take(): tried to take from an empty tensor');
  const flat = new Int32Array(idx.length);
  idx.forEach((v, i) => {
    if (v < -n || v >= n) throw new IndexError(`out of range: tried to access index ${v} on a tensor of ${n} elements.`);
    flat[i] = v < 0 ? v + n : v;
  });
  return gathered(Op.Take, input, flat, index._shape.slice());
}

function takeAlongDimBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, indices = a.indices as Tensor;
  if (indices._dtype !== DType.Int64) {
    throw new RuntimeError(`torch.take_along_dim(): dtype of indices should be Long but got ${scalarName(indices)}`);
  }
  if (a.dim === null) {
    // PyTorch: self.view(-1).gather(0, indices.view(-1))
    const flat = view(input, -1), iflat = view(indices, -1);
    try { return gatherBound({ input: flat, dim: 0, index: iflat }); } finally { flat.dispose(); iflat.dispose(); }
  }
  const nd = input._shape.length;
  if (nd !== indices._shape.length) {
    throw new RuntimeError(`torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${nd} dimensions for input, and ${indices._shape.length} dimensions for indices`);
  }
  const dim = normDim(a.dim as number, nd);
  // input and indices broadcast against each other apart from dim: PyTorch expands input
  // always (ExpandBackward0, to its own shape too)
  const s1 = input._shape.slice(), s2 = indices._shape.slice();
  s1[dim] = 1; s2[dim] = 1;
  const b = broadcastShapes(s1, s2);
  const si = b.slice(), sx = b.slice();
  si[dim] = indices._shape[dim]; sx[dim] = input._shape[dim];
  const same = (p: readonly number[], q: readonly number[]): boolean => p.every((v, i) => v === q[i]);
  const x = expand(input, sx);
  const ix = same(si, indices._shape) ? indices : expand(indices, si);
  try {
    return gathered(Op.Gather, x, gatherIndex(x, dim, ix), si);
  } finally {
    x.dispose();
    if (ix !== indices) ix.dispose();
  }
}

/**
 * The slices of input at `index` (a 1-D int64 or int32 tensor) along `dim`, in that order;
 * repeated indices repeat slices (IndexSelectBackward0: their gradients add up).
 * @example
 * console.log(`${torch.index_select(torch.tensor([10, 20, 30]), 0, torch.tensor([2, 0, 2], { dtype: torch.long }))}`); // tensor([30., 10., 30.])
 */
export function index_select(input: Tensor, dim: number, index: Tensor): Tensor;
export function index_select(...args: unknown[]): Tensor { return indexSelectBound(bindListed('index_select', args, null)); }

/**
 * out[i][j] = input[index[i][j]][j] (dim 0), input[i][index[i][j]] (dim 1), ...: index (int64)
 * has input's number of dims and the output's shape (GatherBackward0).
 * @example
 * const x = torch.tensor([[1, 2], [3, 4]]);
 * console.log(`${torch.gather(x, 1, torch.tensor([[1], [0]], { dtype: torch.long })).flatten()}`); // tensor([2., 3.])
 */
export function gather(input: Tensor, dim: number, index: Tensor, options?: { sparse_grad?: boolean }): Tensor;
export function gather(...args: unknown[]): Tensor { return gatherBound(bindListed('gather', args, null)); }

/**
 * The elements of input at the flat (row-major) positions in `index` (int64, negative from the
 * end), shaped like index (TakeBackward0).
 * @example
 * console.log(`${torch.take(torch.tensor([[1, 2], [3, 4]]), torch.tensor([3, -4], { dtype: torch.long }))}`); // tensor([4., 1.])
 */
export function take(input: Tensor, index: Tensor): Tensor;
export function take(...args: unknown[]): Tensor { return takeBound(bind(SCHEMAS.take, args, null)); }

/**
 * gather along `dim` with input and indices broadcast against each other apart from dim;
 * without dim, over the flattened input (GatherBackward0).
 * @example
 * const x = torch.tensor([[10, 30, 20], [60, 40, 50]]);
 * console.log(`${torch.take_along_dim(x, torch.argmax(x, 1, true), 1).flatten()}`); // tensor([30., 60.])
 */
export function take_along_dim(input: Tensor, indices: Tensor, dim?: number | null): Tensor;
export function take_along_dim(...args: unknown[]): Tensor { return takeAlongDimBound(bind(SCHEMAS.take_along_dim, args, null)); }

// ---- masked_fill, masked_select -------------------------------------------------------

/** For each element of `out` (a broadcast shape of `shape`), the flat index in a tensor of `shape`. */
function broadcastIndex(shape: readonly number[], out: readonly number[]): Int32Array {
  const lead = out.length - shape.length, st = stridesOf(shape);
  return build(out, (c) => {
    let j = 0;
    for (let d = 0; d < shape.length; d++) if (shape[d] !== 1) j += c[lead + d] * st[d];
    return j;
  });
}

/** The mask's elements broadcast to `out`, as 0/1. */
function maskData(mask: Tensor, out: readonly number[]): Int32Array {
  const m = mask._dev.read(mask.h) as Int32Array, at = broadcastIndex(mask._shape, out);
  return at.map((j) => m[j]);
}

/** The value of masked_fill / index_fill: a 0-dim tensor (overload 0, which gets a gradient) or a number. */
function fillValue(overload: number, a: Record<string, unknown>, fn: string): { value: Tensor | null; fill: number } {
  if (overload !== 0) return { value: null, fill: a.value as number };
  const value = a.value as Tensor;
  if (value._shape.length !== 0) {
    throw new RuntimeError(`${fn} only supports a 0-dimensional value tensor, but got tensor with ${value._shape.length} dimension(s).`);
  }
  return { value, fill: value.item() as number };
}

function maskedFillBound(overload: number, a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, mask = a.mask as Tensor;
  const { value, fill } = fillValue(overload, a, 'masked_fill_');
  if (mask._dtype === DType.Float32 || mask._dtype === DType.Float64) {
    // PyTorch 1.13 ignores a float mask; PyTorch 2 refuses it, as here
    throw new RuntimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${DTYPES[mask._dtype].name}`);
  }
  const shape = broadcastShapes(mask._shape, input._shape); // PyTorch's order, for the error
  const m = maskData(mask, shape);
  if (mask._dtype !== DType.Bool && m.some((v) => v !== 0 && v !== 1)) throw new RuntimeError('Mask tensor can take 0 and 1 values only');
  const at = broadcastIndex(input._shape, shape);
  const index = at.map((j, i) => (m[i] ? -1 : j));
  return gathered(value ? Op.MaskedFill1 : Op.MaskedFill, input, index, shape, fill, value);
}

function maskedSelectBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, mask = a.mask as Tensor;
  if (mask._dtype !== DType.Bool) throw new RuntimeError('masked_select: expected BoolTensor or ByteTensor for mask');
  const shape = broadcastShapes(mask._shape, input._shape); // PyTorch's order, for the error
  const m = maskData(mask, shape), at = broadcastIndex(input._shape, shape);
  const index = at.filter((_, i) => m[i] !== 0);
  return gathered(Op.MaskedSelect, input, index, [index.length]);
}

/**
 * input (broadcast with mask) with `value` where mask (bool) is true. value is a number
 * (MaskedFillBackward0) or a 0-dim tensor, which then gets a gradient (MaskedFillBackward1).
 * @example
 * const x = torch.tensor([1, 2, 3]);
 * console.log(`${torch.masked_fill(x, torch.tensor([true, false, true]), 0)}`); // tensor([0., 2., 0.])
 */
export function masked_fill(input: Tensor, mask: Tensor, value: number | Tensor): Tensor;
export function masked_fill(...args: unknown[]): Tensor { return maskedFillBound(...bindOverloads(MASKED_FILL, args, null)); }

/**
 * The elements of input (broadcast with mask) where mask (bool) is true, as a 1-D tensor
 * (MaskedSelectBackward0).
 * @example
 * const x = torch.tensor([[1, 2], [3, 4]]);
 * console.log(`${torch.masked_select(x, torch.tensor([false, true]))}`); // tensor([2., 4.])
 */
export function masked_select(input: Tensor, mask: Tensor): Tensor;
export function masked_select(...args: unknown[]): Tensor { return maskedSelectBound(bind(SCHEMAS.masked_select, args, null)); }

// ---- tril, triu, diagonal, diag, trace ---------------------------------------------------

function triangleBound(op: Op.Tril | Op.Triu, a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, k = a.diagonal as number;
  const shape = input._shape, nd = shape.length;
  // PyTorch's errors below 2 dims
  if (nd === 0) throw new IndexError('Dimension specified as -2 but tensor has no dimensions');
  normDim(-2, nd);
  const lower = op === Op.Tril;
  let i = 0;
  const index = build(shape, (c) => {
    const at = i++, j = c[nd - 1] - c[nd - 2];
    return (lower ? j <= k : j >= k) ? at : -1;
  });
  return gathered(op, input, index, shape.slice());
}

/** diagonal's shape (the other dims, then the diagonal) and flat index into a tensor of `shape`. */
function diagonalIndex(shape: readonly number[], offset: number, d1: number, d2: number, given = [d1, d2]): [number[], Int32Array] {
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${given[0]}, ${given[1]}`);
  const len = Math.max(0, offset >= 0 ? Math.min(shape[d1], shape[d2] - offset) : Math.min(shape[d1] + offset, shape[d2]));
  const rest = shape.map((_, d) => d).filter((d) => d !== d1 && d !== d2);
  const out = [...rest.map((d) => shape[d]), len];
  const st = stridesOf(shape), nr = rest.length;
  const start = offset >= 0 ? offset * st[d2] : -offset * st[d1];
  return [out, build(out, (c) => {
    let j = start + c[nr] * (st[d1] + st[d2]);
    for (let r = 0; r < nr; r++) j += c[r] * st[rest[r]];
    return j;
  })];
}

function diagonalBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, nd = input._shape.length;
  const d1 = normDim(a.dim1 as number, nd), d2 = normDim(a.dim2 as number, nd);
  const [shape, index] = diagonalIndex(input._shape, a.offset as number, d1, d2, [a.dim1 as number, a.dim2 as number]);
  const out = markView(gathered(Op.Diagonal, input, index, shape), input, (p) => gathered(Op.Diagonal, p, index, shape));
  // PyTorch's layout: the other dims keep their strides, the diagonal steps along both
  const st = layoutOf(input), offset = a.offset as number, empty = shape[shape.length - 1] === 0;
  const start = empty ? 0 : offset >= 0 ? offset * st[d2] : -offset * st[d1];
  return withStrides(out, [...st.filter((_, d) => d !== d1 && d !== d2), st[d1] + st[d2]], input._offset + start);
}

/** torch.as_strided: the elements of input's storage (its base's, for a view) at offset + Σ iₖ·strideₖ. */
function asStridedBound(a: Record<string, unknown>, op: Op.AsStrided | Op.AsStrided1 = Op.AsStrided): Tensor {
  const input = a.input as Tensor;
  const size = a.size as number[], stride = a.stride as number[];
  if (size.length !== stride.length) throw new RuntimeError('mismatch in length of strides and shape');
  if (stride.some((st) => st < 0)) throw new RuntimeError(`as_strided: Negative strides are not supported at the moment, got strides: [${stride.join(', ')}]`);
  if (size.some((n) => n < 0)) throw new RuntimeError(`Trying to create tensor with negative dimension ${size.find((n) => n < 0)}: [${size.join(', ')}]`);
  const base = storageTensor(input);
  try {
    const offset = (a.storage_offset as number | null) ?? input._offset;
    if (offset < 0) throw new RuntimeError(`Tensor: invalid storage offset ${offset}`);
    const storageSize = base.numel(), itemsize = DTYPES[input._dtype].itemsize;
    const numel = size.reduce((x, y) => x * y, 1);
    const needed = numel === 0 ? 0 : offset + size.reduce((acc, n, d) => acc + (n - 1) * stride[d], 0) + 1;
    if (needed > storageSize) {
      throw new RuntimeError(`setStorage: sizes [${size.join(', ')}], strides [${stride.join(', ')}], storage offset ${offset}, and itemsize ${itemsize} requiring a storage size of ${needed * itemsize} are out of bounds for storage of size ${storageSize * itemsize}`);
    }
    const index = build(size, (c) => c.reduce((j, i, d) => j + i * stride[d], offset));
    // read from input itself where it holds every element asked for (so gradients reach it)
    const within = input._view ? withinView(input, index) : index;
    const out = within ? gathered(op, input, within, size.slice()) : gathered(op, base, index, size.slice());
    // the positions are the storage's own, whatever view input is: redo ignores the parent's
    const view = markView(out, input, (p) => new Tensor(p._dev, p._dev.fromData(index, size, DType.Int32), size.slice(), DType.Int32));
    return withStrides(view, stride, offset);
  } finally {
    base.dispose();
  }
}

/** The storage positions `at` as positions within the view `input`, or null if one is outside it. */
function withinView(input: Tensor, at: Int32Array): Int32Array | null {
  const where = new Map<number, number>();
  viewPositions(input).forEach((p, i) => where.set(p, i));
  const out = new Int32Array(at.length);
  for (let i = 0; i < at.length; i++) {
    const j = where.get(at[i]);
    if (j === undefined) return null;
    out[i] = j;
  }
  return out;
}

/**
 * torch.as_strided(input, size, stride, storage_offset): a view of input's storage laid out by
 * size and strides (offsets count elements of the storage, which is row-major).
 * @example torch.as_strided(torch.arange(6), [2, 2], [1, 2], 1) // tensor([[1, 3], [2, 4]])
 */
export function as_strided(input: Tensor, size: number[], stride: number[], storage_offset?: number | null): Tensor;
export function as_strided(...args: unknown[]): Tensor { return asStridedBound(bind(SCHEMAS.as_strided, args, null)); }

function diagBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, k = a.diagonal as number, shape = input._shape;
  if (shape.length === 2) {
    const len = k >= 0 ? Math.min(shape[0], shape[1] - k) : Math.min(shape[0] + k, shape[1]);
    if (len < 0) throw new RuntimeError('numel: integer multiplication overflow'); // PyTorch's own words
    const [out, index] = diagonalIndex(shape, k, 0, 1);
    return gathered(Op.Diag, input, index, out);
  }
  if (shape.length !== 1) throw new RuntimeError('matrix or a vector expected');
  const n = shape[0] + Math.abs(k), out = [n, n];
  const index = build(out, (c) => {
    const i = k >= 0 ? c[0] : c[1];
    return c[1] - c[0] === k ? i : -1;
  });
  return gathered(Op.Diag, input, index, out);
}

function traceBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, shape = input._shape;
  if (shape.length !== 2) throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${shape.length}`);
  const [, index] = diagonalIndex(shape, 0, 0, 1);
  if (isFloating(input._dtype)) return gathered(Op.Trace, input, index, [], 0, null, true);
  if (input._dtype === DType.Bool) throw new RuntimeError('"trace" not implemented for \'Bool\'');
  // integers (never differentiable): an int64 sum of the diagonal, as PyTorch's
  const d = gathered(Op.Diagonal, input, index, [index.length]);
  try { return sum(d); } finally { d.dispose(); }
}

/**
 * The lower triangle of the last two dims: elements with j − i ≤ diagonal kept, the rest zero
 * (TrilBackward0).
 * @example
 * console.log(`${torch.tril(torch.ones(2, 2)).flatten()}`); // tensor([1., 0., 1., 1.])
 */
export function tril(input: Tensor, diagonal?: number): Tensor;
export function tril(...args: unknown[]): Tensor { return triangleBound(Op.Tril, bind(SCHEMAS.tril, args, null)); }

/**
 * The upper triangle of the last two dims: elements with j − i ≥ diagonal kept, the rest zero
 * (TriuBackward0).
 * @example
 * console.log(`${torch.triu(torch.ones(2, 2)).flatten()}`); // tensor([1., 1., 0., 1.])
 */
export function triu(input: Tensor, diagonal?: number): Tensor;
export function triu(...args: unknown[]): Tensor { return triangleBound(Op.Triu, bind(SCHEMAS.triu, args, null)); }

/**
 * The diagonal `offset` of the planes (dim1, dim2), as a last dim after the others
 * (DiagonalBackward0).
 * @example
 * const x = torch.tensor([[1, 2, 3], [4, 5, 6]]);
 * console.log(`${torch.diagonal(x)}`, `${torch.diagonal(x, 1)}`); // tensor([1., 5.]) tensor([2., 6.])
 */
export function diagonal(input: Tensor, offset?: number, dim1?: number, dim2?: number): Tensor;
export function diagonal(...args: unknown[]): Tensor { return diagonalBound(bind(SCHEMAS.diagonal, args, null)); }

/**
 * A 1-D input as the diagonal `diagonal` of a square matrix of zeros; a 2-D input's diagonal
 * `diagonal` as 1-D (DiagBackward0).
 * @example
 * console.log(`${torch.diag(torch.tensor([1, 2])).flatten()}`); // tensor([1., 0., 0., 2.])
 */
export function diag(input: Tensor, diagonal?: number): Tensor;
export function diag(...args: unknown[]): Tensor { return diagBound(bind(SCHEMAS.diag, args, null)); }

/**
 * The sum of a matrix's main diagonal (TraceBackward0).
 * @example
 * console.log(`${torch.trace(torch.tensor([[1, 2], [3, 4]]))}`); // tensor(5.)
 */
export function trace(input: Tensor): Tensor;
export function trace(...args: unknown[]): Tensor { return traceBound(bind(SCHEMAS.trace, args, null)); }

// ---- roll, repeat, tile -----------------------------------------------------------------

const mod = (a: number, n: number): number => ((a % n) + n) % n;

function rollBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, shifts = a.shifts as number[], dims = a.dims as number[];
  const shape = input._shape, nd = shape.length;
  if (shifts.length === 0) throw new RuntimeError('`shifts` required');
  if (dims.length === 0 && shifts.length === 1) {
    // over the flattened tensor, shaped back
    const n = numel(shape);
    const index = build([n], (c) => mod(c[0] - shifts[0], n));
    return gathered(Op.Roll, input, index, shape.slice());
  }
  if (shifts.length !== dims.length) throw new RuntimeError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:${dims.length}`);
  const net = new Array<number>(nd).fill(0);
  dims.forEach((d, i) => {
    if (nd === 0) throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
    net[normDim(d, nd)] += shifts[i];
  });
  const st = stridesOf(shape);
  const index = build(shape, (c) => {
    let j = 0;
    for (let d = 0; d < nd; d++) j += mod(c[d] - net[d], shape[d]) * st[d];
    return j;
  });
  return gathered(Op.Roll, input, index, shape.slice());
}

/** x.repeat(repeats): input (shape padded with leading 1s) repeated repeats[d] times along each dim d. */
function repeatBy(input: Tensor, repeats: readonly number[]): Tensor {
  const nd = input._shape.length;
  if (repeats.length < nd) {
    throw new RuntimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const padded = [...new Array<number>(repeats.length - nd).fill(1), ...input._shape];
  const shape = padded.map((s, d) => s * repeats[d]);
  const neg = shape.find((s) => s < 0);
  if (neg !== undefined) throw new RuntimeError(`Trying to create tensor with negative dimension ${neg}: ${fmt(shape)}`);
  const st = stridesOf(padded);
  const index = build(shape, (c) => {
    let j = 0;
    for (let d = 0; d < shape.length; d++) j += (c[d] % padded[d]) * st[d];
    return j;
  });
  return gathered(Op.Repeat, input, index, shape);
}

function tileBy(input: Tensor, dims: readonly number[]): Tensor {
  // PyTorch: dims padded with leading 1s to input's number of dims, then repeat
  const nd = input._shape.length;
  return repeatBy(input, dims.length < nd ? [...new Array<number>(nd - dims.length).fill(1), ...dims] : dims);
}

/**
 * The elements shifted by `shifts` along `dims` (ints or lists, paired), wrapping around;
 * without dims, over the flattened tensor (RollBackward0).
 * @example
 * console.log(`${torch.roll(torch.tensor([1, 2, 3, 4]), 1)}`); // tensor([4., 1., 2., 3.])
 */
export function roll(input: Tensor, shifts: number | number[], dims?: number | number[]): Tensor;
export function roll(...args: unknown[]): Tensor { return rollBound(bind(SCHEMAS.roll, args, null)); }

/**
 * input repeated `dims[d]` times along each dim (dims padded with leading 1s to input's
 * dims): a repeat, as in PyTorch (RepeatBackward0).
 * @example
 * console.log(`${torch.tile(torch.tensor([1, 2]), [2])}`); // tensor([1., 2., 1., 2.])
 */
export function tile(input: Tensor, dims: number[]): Tensor;
export function tile(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.tile, args, null);
  return tileBy(a.input as Tensor, a.dims as number[]);
}

// ---- split, chunk, unbind, tensor_split: one node per output, as PyTorch names them ----------

/** Rows [start, start + length) of input along dim (dim dropped for unbind), recorded as `op`. */
function piece(op: Op, input: Tensor, dim: number, start: number, length: number): Tensor {
  const shape = input._shape, st = stridesOf(shape), nd = shape.length;
  const out = shape.slice();
  out[dim] = length;
  const index = build(out, (c) => {
    let j = start * st[dim];
    for (let d = 0; d < nd; d++) j += c[d] * st[d];
    return j;
  });
  if (op === Op.Unbind) out.splice(dim, 1);
  const view = markView(gathered(op, input, index, out), input, (p) => gathered(op, p, index, out));
  const layout = layoutOf(input);
  return withStrides(view, op === Op.Unbind ? layout.filter((_, d) => d !== dim) : layout, input._offset + start * layout[dim]);
}

function splitBySizes(op: Op, input: Tensor, sizes: readonly number[], dim: number): Tensor[] {
  const outs: Tensor[] = [];
  let start = 0;
  try {
    for (const s of sizes) { outs.push(piece(op, input, dim, start, s)); start += s; }
  } catch (e) {
    for (const t of outs) t.dispose();
    throw e;
  }
  return outs;
}

function splitBound(overload: number, a: Record<string, unknown>): Tensor[] {
  const input = (a.tensor ?? a.self) as Tensor, size = (a.split_size_or_sections ?? a.split_size) as number | number[];
  const nd = input._shape.length;
  if (overload === 1) {
    const sizes = size as number[];
    if (nd === 0) throw new RuntimeError('split_with_sizes expects at least a 1-dimensional tensor');
    const dim = normDim(a.dim as number, nd), n = input._shape[dim];
    if (sizes.some((s) => s < 0)) throw new RuntimeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${fmt(sizes)}`);
    if (sizes.reduce((p, q) => p + q, 0) !== n) {
      throw new RuntimeError(`split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${dim}), but got split_sizes=${fmt(sizes)}`);
    }
    return splitBySizes(Op.SplitWithSizes, input, sizes, dim);
  }
  if (nd === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  const dim = normDim(a.dim as number, nd), n = input._shape[dim], s = size as number;
  if (s < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${s}`);
  if (s === 0 && n !== 0) throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${n}`);
  const count = Math.max(s === 0 ? 1 : Math.ceil(n / s), 1);
  const sizes = Array.from({ length: count }, (_, i) => (i < count - 1 ? s : n - s * (count - 1)));
  return splitBySizes(Op.Split, input, sizes, dim);
}

function chunkBound(a: Record<string, unknown>): Tensor[] {
  const input = a.input as Tensor, chunks = a.chunks as number, nd = input._shape.length;
  if (nd === 0) throw new RuntimeError('chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const dim = normDim(a.dim as number, nd), n = input._shape[dim];
  const size = Math.ceil(n / chunks);
  // PyTorch: an empty dim splits into `chunks` empty pieces (split_with_sizes), else split(size)
  if (size === 0) return splitBySizes(Op.SplitWithSizes, input, new Array<number>(chunks).fill(0), dim);
  return splitBound(0, { tensor: input, split_size_or_sections: size, dim });
}

function unbindBound(a: Record<string, unknown>): Tensor[] {
  const input = a.input as Tensor, nd = input._shape.length;
  if (nd === 0) throw new IndexError(`Dimension specified as ${a.dim as number} but tensor has no dimensions`);
  const dim = normDim(a.dim as number, nd);
  return Array.from({ length: input._shape[dim] }, (_, i) => piece(Op.Unbind, input, dim, i, 1));
}

function tensorSplitBound(overload: number, a: Record<string, unknown>): Tensor[] {
  const input = a.input as Tensor, nd = input._shape.length;
  if (nd === 0) throw new RuntimeError(`tensor_split expected at least a 1-dimensional tensor, but got a tensor with ${nd} dims`);
  let sections: number | null = null, indices: number[] = [];
  if (overload === 0) {
    const t = a.tensor_indices_or_sections as Tensor;
    if (t._dtype !== DType.Int64) throw new RuntimeError(`tensor_split expected tensor_indices_or_sections to have dtype of long, but got ${scalarName(t)}`);
    if (t._shape.length > 1) {
      throw new RuntimeError(`tensor_split expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional tensor, but got a tensor with ${t._shape.length} dims`);
    }
    const v = Array.from(indexData(t));
    if (t._shape.length === 0) sections = v[0]; else indices = v;
  } else if (overload === 1) {
    sections = a.sections as number;
  } else {
    indices = a.indices as number[];
  }
  const dim = normDim(a.dim as number, nd), n = input._shape[dim];
  const bounds: [number, number][] = [];
  if (sections !== null) {
    if (sections <= 0) throw new RuntimeError(`number of sections must be larger than 0, got ${sections}`);
    const small = Math.floor(n / sections), extra = n % sections;
    let start = 0;
    for (let i = 0; i < sections; i++) {
      const len = small + (i < extra ? 1 : 0);
      bounds.push([start, len]);
      start += len;
    }
  } else {
    // Python slices between consecutive indices: negative from the end, clamped
    const at = (v: number): number => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
    const cuts = [0, ...indices.map(at), n];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const start = i === 0 ? 0 : cuts[i];
      bounds.push([start, Math.max(0, cuts[i + 1] - start)]);
    }
  }
  const outs: Tensor[] = [];
  try {
    for (const [start, len] of bounds) outs.push(narrow(input, dim, start, len));
  } catch (e) {
    for (const t of outs) t.dispose();
    throw e;
  }
  return outs;
}

/**
 * input cut along `dim` into pieces of `split_size_or_sections` rows (the last one shorter;
 * SplitBackward0), or of the sizes in a list (SplitWithSizesBackward0).
 * @example
 * const [a, b] = torch.split(torch.tensor([1, 2, 3]), 2);
 * console.log(`${a}`, `${b}`); // tensor([1., 2.]) tensor([3.])
 */
export function split(tensor: Tensor, split_size_or_sections: number | number[], dim?: number): Tensor[];
export function split(...args: unknown[]): Tensor[] { return splitBound(...bindOverloads(SPLIT[0], args, null)); }

/**
 * input cut along `dim` into `chunks` pieces of ceil(size / chunks) rows, the last shorter
 * (maybe fewer pieces): a split, as in PyTorch (SplitBackward0).
 * @example
 * console.log(torch.chunk(torch.zeros(5, 2), 2).map((t) => t.shape)); // [ [ 3, 2 ], [ 2, 2 ] ]
 */
export function chunk(input: Tensor, chunks: number, dim?: number): Tensor[];
export function chunk(...args: unknown[]): Tensor[] { return chunkBound(bind(SCHEMAS.chunk, args, null)); }

/**
 * The slices of input along `dim`, that dim removed (UnbindBackward0).
 * @example
 * const [r0, r1] = torch.unbind(torch.tensor([[1, 2], [3, 4]]));
 * console.log(`${r0}`, `${r1}`); // tensor([1., 2.]) tensor([3., 4.])
 */
export function unbind(input: Tensor, dim?: number): Tensor[];
export function unbind(...args: unknown[]): Tensor[] { return unbindBound(bind(SCHEMAS.unbind, args, null)); }

/**
 * input cut along `dim` into `sections` near-equal pieces (the first ones one longer), or at the
 * given indices (a list, or an int64 tensor: 0-dim for sections, 1-D for indices); every piece
 * is a slice, as in PyTorch (SliceBackward0).
 * @example
 * console.log(torch.tensor_split(torch.zeros(5), 3).map((t) => t.shape[0])); // [ 2, 2, 1 ]
 */
export function tensor_split(input: Tensor, indices_or_sections: number | number[] | Tensor, dim?: number): Tensor[];
export function tensor_split(...args: unknown[]): Tensor[] { return tensorSplitBound(...bindOverloads(TENSOR_SPLIT, args, null)); }

// ---- rot90, diag_embed ----------------------------------------------------------------

/** The flat positions of a tensor of `shape` (identity), to be moved around as the tensor would be. */
const positions = (shape: readonly number[]): [number[], Int32Array] => [shape.slice(), Int32Array.from({ length: numel(shape) }, (_, i) => i)];

function flipPositions([shape, at]: [number[], Int32Array], dim: number): [number[], Int32Array] {
  const st = stridesOf(shape);
  return [shape, build(shape, (c) => {
    let j = 0;
    for (let d = 0; d < shape.length; d++) j += (d === dim ? shape[d] - 1 - c[d] : c[d]) * st[d];
    return at[j];
  })];
}

function transposePositions([shape, at]: [number[], Int32Array], d0: number, d1: number): [number[], Int32Array] {
  const st = stridesOf(shape), out = shape.slice();
  [out[d0], out[d1]] = [shape[d1], shape[d0]];
  return [out, build(out, (c) => {
    let j = 0;
    for (let d = 0; d < out.length; d++) j += c[d] * st[d === d0 ? d1 : d === d1 ? d0 : d];
    return at[j];
  })];
}

function rot90Bound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, dims = a.dims as number[], nd = input._shape.length;
  if (dims.length !== 2) throw new RuntimeError(`expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (nd < 2) throw new RuntimeError(`expected total dims >= 2, but got total dims = ${nd}`);
  if (dims[0] === dims[1] || Math.abs(dims[0] - dims[1]) === nd) {
    throw new RuntimeError(`expected rotation dims to be different, but got dim0 = ${dims[0]} and dim1 = ${dims[1]}`);
  }
  if (dims[0] >= nd || dims[0] < -nd) throw new RuntimeError(`Rotation dim0 out of range, dim0 = ${dims[0]}`);
  if (dims[1] >= nd || dims[1] < -nd) throw new RuntimeError(`Rotation dim1 out of range, dim1 = ${dims[1]}`);
  const d0 = normDim(dims[0], nd), d1 = normDim(dims[1], nd);
  // PyTorch: k = 1 flips dim1 then transposes, 2 flips both, 3 flips dim0 then transposes
  const k = mod(a.k as number, 4);
  let p = positions(input._shape);
  if (k === 1) p = transposePositions(flipPositions(p, d1), d0, d1);
  else if (k === 2) p = flipPositions(flipPositions(p, d0), d1);
  else if (k === 3) p = transposePositions(flipPositions(p, d0), d0, d1);
  return gathered(Op.Rot90, input, p[1], p[0]);
}

function diagEmbedBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, offset = a.offset as number, shape = input._shape, nd = shape.length + 1;
  const d1 = normDim(a.dim1 as number, nd), d2 = normDim(a.dim2 as number, nd);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${a.dim1 as number}, ${a.dim2 as number}`);
  const n = shape[shape.length - 1] + Math.abs(offset);
  // the output: input's other dims in order around the (dim1, dim2) plane of size n
  const rest = Array.from({ length: nd }, (_, d) => d).filter((d) => d !== d1 && d !== d2);
  const out = new Array<number>(nd);
  out[d1] = n; out[d2] = n;
  rest.forEach((d, r) => { out[d] = shape[r]; });
  const st = stridesOf(shape), last = shape.length - 1;
  const index = build(out, (c) => {
    if (c[d2] - c[d1] !== offset) return -1;
    let j = (offset >= 0 ? c[d1] : c[d2]) * st[last];
    rest.forEach((d, r) => { j += c[d] * st[r]; });
    return j;
  });
  return gathered(Op.DiagEmbed, input, index, out);
}

/**
 * input rotated by 90° `k` times in the plane of `dims`, from the first towards the second
 * (Rot90Backward0).
 * @example
 * console.log(`${torch.rot90(torch.tensor([[1, 2], [3, 4]])).flatten()}`); // tensor([2., 4., 1., 3.])
 */
export function rot90(input: Tensor, k?: number, dims?: number[]): Tensor;
export function rot90(...args: unknown[]): Tensor { return rot90Bound(bind(SCHEMAS.rot90, args, null)); }

/**
 * Each last-dim vector of input as diagonal `offset` of a matrix in the plane (dim1, dim2) of
 * a new tensor, zeros elsewhere (DiagEmbedBackward0).
 * @example
 * console.log(`${torch.diag_embed(torch.tensor([1, 2])).flatten()}`); // tensor([1., 0., 0., 2.])
 */
export function diag_embed(input: Tensor, offset?: number, dim1?: number, dim2?: number): Tensor;
export function diag_embed(...args: unknown[]): Tensor { return diagEmbedBound(bind(SCHEMAS.diag_embed, args, null)); }

// ---- repeat_interleave, nonzero -------------------------------------------------

/** A new int64 tensor on t's device. */
const int64Like = (t: Tensor, data: ArrayLike<number>, shape: number[]): Tensor =>
  new Tensor(t._dev, t._dev.fromData(data, shape, DType.Int64), shape, DType.Int64);

/** The repeat counts of a repeats tensor, checked as PyTorch's repeat_interleave_cpu. */
function repeatCounts(repeats: Tensor): Int32Array {
  if (repeats._dtype !== DType.Int64 && repeats._dtype !== DType.Int32) {
    throw new RuntimeError(`"repeat_interleave_cpu" not implemented for '${scalarName(repeats)}'`);
  }
  if (repeats._shape.length > 1) throw new RuntimeError('repeats must be 0-dim or 1-dim tensor');
  return indexData(repeats);
}

/** i repeated counts[i] times, for each i in order. */
function repeatedIndices(counts: ArrayLike<number>, outputSize: number | null): number[] {
  if (Array.prototype.some.call(counts, (r: number) => r < 0)) throw new RuntimeError('repeats can not be negative');
  const out: number[] = [];
  for (let i = 0; i < counts.length; i++) for (let r = 0; r < counts[i]; r++) out.push(i);
  if (outputSize !== null && outputSize !== out.length) throw new RuntimeError('allocated size does not match required size');
  return out;
}

function repeatInterleaveBound(overload: number, a: Record<string, unknown>): Tensor {
  const outputSize = (a.output_size ?? null) as number | null;
  if (overload === 2) {
    const repeats = a.repeats as Tensor;
    const counts = repeatCounts(repeats);
    // PyTorch reads a 0-dim repeats as one count
    const idx = repeatedIndices(counts, outputSize);
    return int64Like(repeats, idx, [idx.length]);
  }
  let input = a.input as Tensor, dim = a.dim as number | null;
  const counts = overload === 0 ? repeatCounts(a.repeats as Tensor) : [a.repeats as number];
  if (dim !== null) dim = normDim(dim, input._shape.length);
  // PyTorch: without dim, over the flattened input (ReshapeAliasBackward0 unless already 1-D)
  const flat = dim === null ? flatten(input) : input;
  try {
    input = flat;
    const d = dim ?? 0, size = input._shape.length ? input._shape[d] : 1;
    if (overload === 0 && counts.length !== 1 && counts.length !== size) {
      throw new RuntimeError('repeats must have the same size as input along dim');
    }
    const each = counts.length === 1 && size !== 1 ? new Array<number>(size).fill(counts[0]) : counts;
    return selectIndices(input, d, repeatedIndices(each, outputSize));
  } finally {
    if (flat !== a.input) flat.dispose();
  }
}

function nonzeroBound(a: Record<string, unknown>): Tensor | Tensor[] {
  const input = a.input as Tensor, shape = input._shape, nd = shape.length;
  const data = input._dev.read(input.h);
  const hits: number[] = [];
  data.forEach((v, i) => { if (v !== 0) hits.push(i); }); // NaN is nonzero
  const st = stridesOf(shape), coords = (i: number, d: number): number => Math.floor(i / st[d]) % shape[d];
  if (a.as_tuple) {
    // a 0-dim input counts as 1-D
    if (nd === 0) return [int64Like(input, hits.map(() => 0), [hits.length])];
    return shape.map((_, d) => int64Like(input, hits.map((i) => coords(i, d)), [hits.length]));
  }
  return int64Like(input, hits.flatMap((i) => shape.map((_, d) => coords(i, d))), [hits.length, nd]);
}

/**
 * Each slice of input along `dim` repeated `repeats` times (an int, or an int64 tensor of one
 * count per slice), slices kept in order; without dim over the flattened input. This is an
 * index_select, as in PyTorch (IndexSelectBackward0). With only an int64 tensor `repeats`: i
 * repeated repeats[i] times.
 * @example
 * console.log(`${torch.repeat_interleave(torch.tensor([1, 2]), 2)}`); // tensor([1., 1., 2., 2.])
 */
export function repeat_interleave(input: Tensor, repeats?: number | Tensor, dim?: number | null, options?: { output_size?: number }): Tensor;
export function repeat_interleave(...args: unknown[]): Tensor { return repeatInterleaveBound(...bindOverloads(REPEAT_INTERLEAVE, args, null)); }

/**
 * The indices of the nonzero elements of input: an int64 tensor of one row per element, or
 * with `as_tuple` one 1-D tensor per dim. Not differentiable.
 * @example
 * console.log(`${torch.nonzero(torch.tensor([0, 3, 0, 4])).flatten()}`); // tensor([1, 3])
 */
export function nonzero(input: Tensor, options?: { as_tuple?: boolean }): Tensor | Tensor[];
export function nonzero(...args: unknown[]): Tensor | Tensor[] { return nonzeroBound(bind(SCHEMAS.nonzero, args, null)); }


// ---- F.pad -------------------------------------------------------------------------------

function padBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, pad = a.pad as number[], mode = a.mode as string, value = a.value as number | null;
  if (!['constant', 'reflect', 'replicate', 'circular'].includes(mode)) throw new NotImplementedError(`Unrecognised padding mode ${mode}`);
  const shape = input._shape, nd = shape.length;
  if (mode !== 'constant' && value !== null && value !== 0) throw new RuntimeError(`Padding mode "${mode}" doesn't take in value argument`);
  if (pad.length % 2 !== 0) throw new RuntimeError('Padding length must be divisible by 2');
  if (pad.length / 2 > nd) throw new RuntimeError('Padding length too large');
  if (mode !== 'constant') return paddedBy(input, pad, mode);
  // pairs (left, right) from the last dim back; negative pads crop, as PyTorch's narrows do
  const left = new Array<number>(nd).fill(0), out = shape.slice();
  for (let i = 0; i < pad.length / 2; i++) {
    const d = nd - 1 - i, l = pad[2 * i], r = pad[2 * i + 1];
    let size = shape[d];
    const narrowTo = (start: number, length: number): number => {
      if (start !== size) normDim(start, size);
      if (length < 0 || start > size - length) throw new RuntimeError(`start (${start}) + length (${length}) exceeds dimension size (${size}).`);
      return length;
    };
    if (l < 0) size = narrowTo(-l, size + l);
    if (r < 0) size = narrowTo(0, size + r);
    left[d] = l;
    out[d] = shape[d] + l + r;
  }
  const st = stridesOf(shape);
  const index = build(out, (c) => {
    let j = 0;
    for (let d = 0; d < nd; d++) {
      const s = c[d] - left[d];
      if (s < 0 || s >= shape[d]) return -1;
      j += s * st[d];
    }
    return j;
  });
  return gathered(Op.ConstantPadNd, input, index, out, value ?? 0);
}

// reflect / replicate / circular (helper leftovers): gathers over a computed index, one node each as
// PyTorch's ReflectionPad{1,2,3}DBackward0 / ReplicationPad{1,2,3}DBackward0; circular is
// PyTorch's _pad_circular, whose result is CopySlices of slices: here one gather node of that name.
const PAD_OPS = {
  reflect: [Op.ReflectionPad1d, Op.ReflectionPad2d, Op.ReflectionPad3d],
  replicate: [Op.ReplicationPad1d, Op.ReplicationPad2d, Op.ReplicationPad3d],
} as const;

function paddedBy(input: Tensor, pad: readonly number[], mode: string): Tensor {
  const shape = input._shape, nd = shape.length, k = pad.length / 2;
  if (!(k >= 1 && k <= 3 && (nd === k + 1 || nd === k + 2))) {
    throw new NotImplementedError('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  }
  const out = shape.slice(), left = new Array<number>(nd).fill(0);
  if (mode === 'circular') {
    if (nd !== k + 2) throw new RuntimeError(`Invalid padding size, expected ${2 * (nd - 2)} but got ${pad.length}`);
  } else {
    const old = mode === 'reflect' && k < 3; // reflection_pad1d/2d's older input check
    const firstChecked = old || nd === k + 2 ? 1 : 0;
    if (shape.some((n, d) => d >= firstChecked && n === 0)) {
      throw new RuntimeError(old ? `${k + 1}D or ${k + 2}D (batch mode) tensor expected for input, but got: [ ${TYPE_NAMES[input._dtype]}{${shape.join(',')}} ]`
        : `Expected ${k + 1}D or ${k + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${fmt(shape)}`);
    }
    if (!isFloating(input._dtype)) {
      const kernel = mode === 'reflect' ? `reflection_pad${k}d${k === 3 ? '_cpu' : ''}` : `replication_pad${k}d_cpu`;
      throw new RuntimeError(`"${kernel}" not implemented for '${scalarName(input)}'`);
    }
  }
  for (let i = 0; i < k; i++) {
    const d = nd - 1 - i, n = shape[d], l = pad[2 * i], r = pad[2 * i + 1];
    if (mode === 'circular') {
      if (l > n || r > n) throw new RuntimeError('Padding value causes wrapping around more than once.');
      if (n + l + r < 0) throw new RuntimeError('Negative padding value is resulting in an empty dimension');
    } else if (mode === 'reflect' && (l >= n || r >= n)) {
      throw new RuntimeError(`Argument #${4 + 2 * i}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${d} of input ${k === 2 ? nd : fmt(shape)}`);
    }
    if (mode !== 'circular' && k === 1 && n + l + r < 1) {
      throw new RuntimeError(mode === 'reflect' ? `2input (W: ${n})is too small. Calculated output W: ${n + l + r}` : `input (W: ${n}) is too small. Calculated output W: ${n + l + r}`);
    }
    left[d] = l;
    out[d] = n + l + r;
  }
  if (out.some((n) => n < 0)) throw new RuntimeError(`Trying to create tensor with negative dimension ${out.find((n) => n < 0)}: ${fmt(out)}`);
  const st = stridesOf(shape);
  const index = build(out, (c) => {
    let j = 0;
    for (let d = 0; d < nd; d++) {
      const n = shape[d];
      let p = c[d] - left[d];
      if (mode === 'reflect') p = p < 0 ? -p : p >= n ? 2 * (n - 1) - p : p;
      else if (mode === 'replicate') p = Math.min(Math.max(p, 0), n - 1);
      else { // _pad_circular wraps around the cropped input (m of its n elements, from lo)
        const lo = Math.max(-left[d], 0), m = n - lo - Math.max(-(out[d] - n - left[d]), 0);
        p = (((c[d] - Math.max(left[d], 0)) % m) + m) % m + lo;
      }
      j += p * st[d];
    }
    return j;
  });
  const op = mode === 'circular' ? Op.CircularPad : PAD_OPS[mode as 'reflect' | 'replicate'][k - 1];
  return gathered(op, input, index, out);
}

/**
 * input padded with `value` (0 by default): `pad` lists (left, right) pairs from the last dim
 * backwards; negative pads crop (ConstantPadNdBackward0). Modes 'reflect' and 'replicate' pad the
 * last 1-3 dims of a (batch,) channel, ... input (ReflectionPad1DBackward0, ReplicationPad2DBackward0, ...);
 * 'circular' wraps around (PyTorch's CopySlices).
 * @example
 * console.log(`${torch.nn.functional.pad(torch.tensor([1, 2]), [1, 2])}`); // tensor([0., 1., 2., 0., 0.])
 * console.log(`${torch.nn.functional.pad(torch.tensor([[1, 2, 3]]), [2, 1], 'reflect')}`); // tensor([[3., 2., 1., 2., 3., 2.]])
 */
export function pad(input: Tensor, pad: number[], mode?: 'constant' | 'reflect' | 'replicate' | 'circular', value?: number | null): Tensor;
export function pad(...args: unknown[]): Tensor { return padBound(bind(SCHEMAS.pad, args, null)); }

// ---- scatter, scatter_add, index_add, index_copy, masked_scatter, index_fill ----------------

/** The node over input and src: src[j] written (accumulate: alpha·src[j] added) at input's flat at[j]. */
export function scattered(op: Op, input: Tensor, src: Tensor, at: Int32Array, accumulate: boolean, alpha = 1): Tensor {
  const dev = input._dev;
  const ih = dev.fromData(at, [at.length], DType.Int32);
  try {
    return new Tensor(dev, dev.scatterFlat(op, input.h, src.h, ih, accumulate, alpha), input._shape.slice(), input._dtype);
  } finally {
    dev.release(ih);
  }
}

/** input with src's elements put at (or, accumulate, added to) the flat positions `at`, recorded as `op` (index_put's rule). */
export const putFlat = (op: Op.IndexPut | Op.SetSlices | Op.SetWhole, input: Tensor, src: Tensor, at: Int32Array, accumulate: boolean): Tensor =>
  scattered(op, input, src, at, accumulate);

/** scatter's checks, and for each src element the flat position in input it goes to (-1: none). */
function scatterTargets(input: Tensor, dim: number, index: Tensor, src: Tensor | null): Int32Array {
  const shape = input._shape, ishape = index._shape, nd = Math.max(shape.length, 1);
  if (index._dtype !== DType.Int64) throw new RuntimeError('scatter(): Expected dtype int64 for index');
  if (Math.max(ishape.length, 1) !== nd) throw new RuntimeError('Index tensor must have the same number of dimensions as self tensor');
  const sshape = src ? src._shape : [];
  if (src && Math.max(sshape.length, 1) !== nd) throw new RuntimeError('Index tensor must have the same number of dimensions as src tensor');
  if (numel(ishape) > 0) {
    for (let d = 0; d < ishape.length; d++) {
      if ((d !== dim && ishape[d] > shape[d]) || (src && ishape[d] > sshape[d])) {
        throw new RuntimeError(`Expected index ${fmt(ishape)} to be smaller than self ${fmt(shape)} apart from dimension ${dim}` +
          (src ? ` and to be smaller size than src ${fmt(sshape)}` : ''));
      }
    }
  }
  if (src && src._dtype !== input._dtype) throw new RuntimeError('scatter(): Expected self.dtype to be equal to src.dtype');
  const idx = indexData(index), size = shape.length ? shape[dim] : 1;
  for (const v of idx) if (v < 0 || v >= size) throw new RuntimeError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
  const st = shape.length ? stridesOf(shape) : [0], sst = src && sshape.length ? stridesOf(sshape) : [0];
  const at = new Int32Array(src ? numel(sshape) : numel(ishape)).fill(-1);
  let p = 0;
  build(ishape, (c) => {
    let j = 0, s = 0;
    for (let d = 0; d < ishape.length; d++) { j += (d === dim ? idx[p] : c[d]) * st[d]; s += c[d] * sst[d]; }
    at[src ? s : p] = j;
    p++;
    return 0;
  });
  return at;
}

function scatterBound(overload: number, a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, index = a.index as Tensor;
  const dim = normDim(a.dim as number, input._shape.length);
  if (overload === 0) return scattered(Op.Scatter, input, a.src as Tensor, scatterTargets(input, dim, index, a.src as Tensor), false);
  // a number: the positions it fills read nothing from input (ScatterBackward1)
  const at = scatterTargets(input, dim, index, null);
  const read = Int32Array.from({ length: numel(input._shape) }, (_, i) => i);
  for (const j of at) read[j] = -1;
  return gathered(Op.Scatter1, input, read, input._shape.slice(), a.value as number);
}

function scatterAddBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, src = a.src as Tensor;
  const dim = normDim(a.dim as number, input._shape.length);
  return scattered(Op.ScatterAdd, input, src, scatterTargets(input, dim, a.index as Tensor, src), true);
}

/** index_add's and index_copy's targets: source's slice i along dim goes to input's slice index[i]. */
// scatter_reduce (helper leftovers): its own kernel and node (assembly/ops/scatter_reduce.ts)
const REDUCTIONS = ['sum', 'prod', 'mean', 'amax', 'amin'];

function scatterReduceBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, src = a.src as Tensor, mode = REDUCTIONS.indexOf(a.reduce as string);
  if (mode < 0) throw new RuntimeError('reduce argument must be either sum, prod, mean, amax or amin.');
  const dim = normDim(a.dim as number, input._shape.length);
  const at = scatterTargets(input, dim, a.index as Tensor, src);
  const dev = input._dev, ih = dev.fromData(at, [at.length], DType.Int32);
  try {
    return new Tensor(dev, dev.scatterReduce(input.h, src.h, ih, mode, a.include_self as boolean), input._shape.slice(), input._dtype);
  } finally {
    dev.release(ih);
  }
}

function indexTargets(name: 'index_add_' | 'index_copy_', input: Tensor, dim: number, index: Tensor, source: Tensor): Int32Array {
  const shape = input._shape, sshape = source._shape, add = name === 'index_add_';
  const ok = add ? index._dtype === DType.Int64 || index._dtype === DType.Int32 : index._dtype === DType.Int64;
  if (!ok) {
    throw new RuntimeError(add ? `index_add_(): Expected dtype int32/int64 for index but got: ${scalarName(index)}`
      : `index_copy_(): Expected a long tensor for index, but got ${scalarName(index)}`);
  }
  if (index._shape.length > 1) {
    throw new IndexError(add ? `index_add_(): Index is supposed to be a vector, but got dim: ${index._shape.length} with type: ${scalarName(index)} and size: ${fmt(index._shape)}`
      : `index_copy_(): Index should have dimension 1 or 0 (got ${index._shape.length})`);
  }
  const idx = indexData(index), n = idx.length, size = shape.length ? shape[dim] : 1;
  const ssize = sshape.length ? sshape[dim] : 1;
  if (add && sshape.length > 0 && dim >= sshape.length) {
    throw new RuntimeError(`index_add_(): Indexing dim ${dim} is out of bounds of the source tensor with dim ${sshape.length}`);
  }
  if (n !== ssize) {
    if (add) throw new RuntimeError(`index_add_(): Number of indices (${n}) should be equal to source.size(dim): (${ssize}), for dim: ${dim}`);
    throw new IndexError(`index_copy_(): Number of indices (${n}) should be equal to source.size(dim) (${ssize})`);
  }
  const expected = shape.slice();
  if (expected.length) expected[dim] = ssize;
  if (add) broadcastShapes(expected, sshape);
  if (sshape.length !== shape.length || sshape.some((s, d) => s !== expected[d])) {
    if (add) throw new RuntimeError(`index_add_(): source shape ${fmt(sshape)} does not fit self ${fmt(shape)}`);
    throw new RuntimeError(`index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: ${shape.filter((_, d) => d !== dim).join(', ')} at dimension ${dim} and source slice shape: ${sshape.filter((_, d) => d !== dim).join(', ')} at dimension 0.`);
  }
  if (source._dtype !== input._dtype) {
    if (add) throw new RuntimeError(`index_add_(): self (${scalarName(input)}) and source (${scalarName(source)}) must have the same scalar type`);
    throw new RuntimeError(`index_copy_(): self and source expected to have the same dtype, but got (self) ${scalarName(input)} and (source) ${scalarName(source)}`);
  }
  for (const v of idx) {
    if (v < 0 || v >= size) {
      if (add) throw new IndexError('index out of range in self');
      throw new IndexError(`index_copy_(): index ${v} is out of bounds for dimension ${dim} with size ${size}`);
    }
  }
  const st = shape.length ? stridesOf(shape) : [0];
  return build(sshape, (c) => {
    let j = 0;
    for (let d = 0; d < sshape.length; d++) j += (d === dim ? idx[c[d]] : c[d]) * st[d];
    return j;
  });
}

function indexAddBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, source = a.source as Tensor, dim = normDim(a.dim as number, input._shape.length);
  return scattered(Op.IndexAdd, input, source, indexTargets('index_add_', input, dim, a.index as Tensor, source), true, a.alpha as number);
}

function indexCopyBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, source = a.source as Tensor, dim = normDim(a.dim as number, input._shape.length);
  return scattered(Op.IndexCopy, input, source, indexTargets('index_copy_', input, dim, a.index as Tensor, source), false);
}

function maskedScatterBound(a: Record<string, unknown>): Tensor {
  let input = a.input as Tensor;
  const mask = a.mask as Tensor, source = a.source as Tensor;
  if (source._dtype !== input._dtype) {
    throw new RuntimeError(`masked_scatter: expected self and source to have same dtypes but got${scalarName(input)} and ${scalarName(source)}`);
  }
  const shape = broadcastShapes(mask._shape, input._shape);
  const m = maskData(mask, shape);
  const count = m.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0);
  if (numel(source._shape) < count) throw new RuntimeError('Number of elements of source < number of ones in mask');
  // the i-th source element goes to the i-th set position
  const at = new Int32Array(numel(source._shape)).fill(-1);
  let k = 0;
  m.forEach((v, i) => { if (v !== 0) at[k++] = i; });
  const x = shape.length === input._shape.length && shape.every((s, d) => s === input._shape[d]) ? input : expand(input, shape);
  try {
    input = x;
    return scattered(Op.MaskedScatter, input, source, at, false);
  } finally {
    if (x !== a.input) x.dispose();
  }
}

function indexFillBound(overload: number, a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, index = a.index as Tensor, shape = input._shape, nd = shape.length;
  const dim = normDim(a.dim as number, nd);
  if (index._dtype !== DType.Int64) throw new IndexError('index_fill_(): Expected dtype int64 for index.');
  const { value, fill } = fillValue(overload, a, 'index_fill_');
  if (index._shape.length > 1) throw new RuntimeError('Index has to be a vector/scalar');
  const size = nd ? shape[dim] : 1, hit = new Set<number>();
  for (const v of indexData(index)) {
    if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
    hit.add(v < 0 ? v + size : v);
  }
  let i = 0;
  const read = build(shape, (c) => { const at = i++; return hit.has(nd ? c[dim] : 0) ? -1 : at; });
  return gathered(value ? Op.IndexFill1 : Op.IndexFill, input, read, shape.slice(), fill, value);
}

/**
 * input with src's elements written along `dim` at `index` (out[i][index[i][j]] = src[i][j] for
 * dim 1; ScatterBackward0), or a number written there (ScatterBackward1).
 * @example
 * const i = torch.tensor([[1], [0]], { dtype: torch.long });
 * console.log(`${torch.scatter(torch.zeros(2, 2), 1, i, 5).flatten()}`); // tensor([0., 5., 5., 0.])
 */
export function scatter(input: Tensor, dim: number, index: Tensor, src: Tensor | number): Tensor;
export function scatter(...args: unknown[]): Tensor { return scatterBound(...bindOverloads(SCATTER, args, null)); }

/**
 * input with src's elements added along `dim` at `index`; repeated indices add up
 * (ScatterAddBackward0).
 * @example
 * const i = torch.tensor([0, 0, 1], { dtype: torch.long });
 * console.log(`${torch.scatter_add(torch.zeros(2), 0, i, torch.tensor([1, 2, 3]))}`); // tensor([3., 3.])
 */
export function scatter_add(input: Tensor, dim: number, index: Tensor, src: Tensor): Tensor;
export function scatter_add(...args: unknown[]): Tensor { return scatterAddBound(bind(SCHEMAS.scatter_add, args, null)); }

/**
 * input with alpha·source's slices along `dim` added at the slices `index` (IndexAddBackward0).
 * @example
 * const i = torch.tensor([1, 1], { dtype: torch.long });
 * console.log(`${torch.index_add(torch.zeros(3), 0, i, torch.tensor([1, 2]))}`); // tensor([0., 3., 0.])
 */
export function index_add(input: Tensor, dim: number, index: Tensor, source: Tensor, options?: { alpha?: number }): Tensor;
export function index_add(...args: unknown[]): Tensor { return indexAddBound(bind(SCHEMAS.index_add, args, null)); }

/**
 * input with source's slices along `dim` copied to the slices `index` (IndexCopyBackward0).
 * @example
 * const i = torch.tensor([2, 0], { dtype: torch.long });
 * console.log(`${torch.index_copy(torch.zeros(3), 0, i, torch.tensor([1, 2]))}`); // tensor([2., 0., 1.])
 */
export function index_copy(input: Tensor, dim: number, index: Tensor, source: Tensor): Tensor;
export function index_copy(...args: unknown[]): Tensor { return indexCopyBound(bind(SCHEMAS.index_copy, args, null)); }

/**
 * input with source's elements, in order, where mask (broadcast to input) is true
 * (MaskedScatterBackward0).
 * @example
 * const m = torch.tensor([true, false, true]);
 * console.log(`${torch.masked_scatter(torch.zeros(3), m, torch.tensor([7, 8, 9]))}`); // tensor([7., 0., 8.])
 */
export function masked_scatter(input: Tensor, mask: Tensor, source: Tensor): Tensor;
export function masked_scatter(...args: unknown[]): Tensor { return maskedScatterBound(bind(SCHEMAS.masked_scatter, args, null)); }

/**
 * input with `value` in the slices `index` along `dim`: a number (IndexFillBackward0) or a
 * 0-dim tensor, which then gets a gradient (IndexFillBackward1).
 * @example
 * const i = torch.tensor([0, 2], { dtype: torch.long });
 * console.log(`${torch.index_fill(torch.ones(3), 0, i, -1)}`); // tensor([-1.,  1., -1.])
 */
export function index_fill(input: Tensor, dim: number, index: Tensor, value: number | Tensor): Tensor;
export function index_fill(...args: unknown[]): Tensor { return indexFillBound(...bindOverloads(INDEX_FILL, args, null)); }

// ---- x[tensor indices] (x.index([...]) with int64 or bool tensors) --------------------------

/**
 * @internal PyTorch's advanced indexing of x (after the basic items) by integer tensors or bool
 * masks at dims: the index tensors broadcast together; their dims replace the indexed dims
 * where those are adjacent, else come first (IndexBackward0).
 */
export function advancedIndex(x: Tensor, items: readonly { dim: number; index: Tensor }[]): Tensor {
  const [out, index] = advancedPositions(x, items);
  return gathered(Op.Index, x, index, out);
}

/** The result shape of x indexed by the tensors at dims, and the flat position in x of each element. */
function advancedPositions(x: Tensor, items: readonly { dim: number; index: Tensor }[]): [number[], Int32Array] {
  const shape = x._shape;
  // a mask is the integer tensors of its nonzero coordinates, one per dim it covers
  const idx: { dim: number; data: Int32Array; shape: number[] }[] = [];
  for (const { dim, index } of items) {
    if (index._dtype !== DType.Bool) { idx.push({ dim, data: indexData(index), shape: index._shape.slice() }); continue; }
    const ms = index._shape;
    ms.forEach((s, k) => {
      if (s !== shape[dim + k]) {
        throw new IndexError(`The shape of the mask ${fmt(ms)} at index ${k} does not match the shape of the indexed tensor ${fmt(shape)} at index ${dim + k}`);
      }
    });
    const m = indexData(index), st = stridesOf(ms), hits: number[] = [];
    m.forEach((v, i) => { if (v) hits.push(i); });
    ms.forEach((_, k) => idx.push({ dim: dim + k, data: Int32Array.from(hits, (i) => Math.floor(i / st[k]) % ms[k]), shape: [hits.length] }));
  }
  let b: number[] = [];
  try {
    b = idx.reduce((s: number[], t) => broadcastShapes(s, t.shape), []);
  } catch {
    throw new IndexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${idx.map((t) => fmt(t.shape)).join(', ')}`);
  }
  // PyTorch names the dim by the index's place among the tensor indices
  idx.forEach(({ dim, data }, k) => {
    for (const v of data) if (v < -shape[dim] || v >= shape[dim]) throw new IndexError(`index ${v} is out of bounds for dimension ${k} with size ${shape[dim]}`);
  });
  const dims = idx.map((t) => t.dim), indexed = new Set(dims);
  const rest = shape.map((_, d) => d).filter((d) => !indexed.has(d));
  const adjacent = dims.every((d, i) => d === dims[0] + i);
  const at = adjacent ? rest.filter((d) => d < dims[0]).length : 0; // where the broadcast dims go
  const out = [...rest.slice(0, at).map((d) => shape[d]), ...b, ...rest.slice(at).map((d) => shape[d])];
  const st = stridesOf(shape);
  // each index tensor's strides within the broadcast shape (0 where it broadcasts)
  const bst = idx.map((t) => {
    const own = stridesOf(t.shape), lead = b.length - t.shape.length;
    return b.map((_, k) => (k < lead || t.shape[k - lead] === 1 ? 0 : own[k - lead]));
  });
  const index = build(out, (c) => {
    let j = 0;
    idx.forEach((t, n) => {
      let p = 0;
      for (let k = 0; k < b.length; k++) p += c[at + k] * bst[n][k];
      const v = t.data[p];
      j += (v < 0 ? v + shape[t.dim] : v) * st[t.dim];
    });
    rest.forEach((d, r) => { j += c[r < at ? r : r + b.length] * st[d]; });
    return j;
  });
  return [out, index];
}

/** index_put's arguments by name (the schema parser has no Tensor[]): input, indices, values, accumulate. */
function indexPutArgs(args: unknown[], self: Tensor | null): [Tensor, unknown, Tensor, boolean] {
  const last = args[args.length - 1];
  const kw = args.length && isOptions(last) ? last as Record<string, unknown> : {};
  const pos = args.length && isOptions(last) ? args.slice(0, -1) : args;
  const names = self ? ['indices', 'values', 'accumulate'] : ['input', 'indices', 'values', 'accumulate'];
  if (pos.length > names.length) throw new TypeError(`index_put() takes at most ${names.length} arguments (${pos.length} given)`);
  const a: Record<string, unknown> = { accumulate: false, ...(self ? { input: self } : {}) };
  pos.forEach((v, i) => { a[names[i]] = v; });
  for (const [k, v] of Object.entries(kw)) {
    if (!names.includes(k)) throw new TypeError(`index_put() got an unexpected keyword argument '${k}'`);
    a[k] = v;
  }
  for (const k of names) if (!(k in a)) throw new TypeError(`index_put() missing 1 required positional arguments: "${k}"`);
  if (!(a.input instanceof Tensor)) throw new TypeError("index_put(): argument 'input' (position 1) must be Tensor");
  if (typeof a.accumulate !== 'boolean') throw new TypeError("index_put(): argument 'accumulate' must be bool");
  return [a.input, a.indices, a.values as Tensor, a.accumulate];
}

function indexPutBound(input: Tensor, indices: unknown, values: Tensor, accumulate: boolean): Tensor {
  if (!Array.isArray(indices) || !indices.every((t) => t instanceof Tensor)) {
    throw new TypeError(`index_put(): argument 'indices' must be tuple of Tensors, not ${Array.isArray(indices) ? 'list' : typeof indices}`);
  }
  if (!(values instanceof Tensor)) throw new TypeError("index_put(): argument 'values' (position 3) must be Tensor");
  if (indices.length > input._shape.length) throw new IndexError(`too many indices for tensor of dimension ${input._shape.length}`);
  for (const t of indices as Tensor[]) {
    if (t._dtype === DType.Float32 || t._dtype === DType.Float64) throw new IndexError('tensors used as indices must be long, byte or bool tensors');
  }
  // consecutive dims from 0, a mask covering as many as it has
  let dim = 0;
  const items = (indices as Tensor[]).map((index) => {
    const item = { dim, index };
    dim += index._dtype === DType.Bool ? index._shape.length : 1;
    return item;
  });
  const [shape, at] = advancedPositions(input, items);
  if (values._dtype !== input._dtype) {
    throw new RuntimeError(`Index put requires the source and destination dtypes match, got ${scalarName(input)} for the destination and ${scalarName(values)} for the source.`);
  }
  let v = values;
  if (!(values._shape.length === shape.length && values._shape.every((s, d) => s === shape[d]))) {
    try { broadcastShapes(values._shape, shape); } catch {
      throw new RuntimeError(`shape mismatch: value tensor of shape ${fmt(values._shape)} cannot be broadcast to indexing result of shape ${fmt(shape)}`);
    }
    v = expand(values, shape);
  }
  try { return scattered(Op.IndexPut, input, v, at, accumulate); } finally { if (v !== values) v.dispose(); }
}

/**
 * input with `values` put at x[indices] (a list of int64 or bool tensors for the leading dims),
 * or added there with `accumulate` (IndexPutBackward0); values broadcast to the indexed shape.
 * @example
 * const i = torch.tensor([0, 0], { dtype: torch.long });
 * console.log(`${torch.index_put(torch.zeros(2), [i], torch.tensor([1, 2]), true)}`); // tensor([3., 0.])
 */
export function index_put(input: Tensor, indices: Tensor[], values: Tensor, accumulate?: boolean): Tensor;
export function index_put(...args: unknown[]): Tensor {
  return indexPutBound(...indexPutArgs(args, null));
}

/**
 * src reduced into input along dim at index with `reduce` ('sum', 'prod', 'mean', 'amax' or
 * 'amin'); include_self=false leaves input's values out where something is scattered
 * (ScatterReduceBackward0: ties in amax/amin share the gradient, zeros in prod are handled).
 * @example
 * const i = torch.tensor([0, 0, 1], { dtype: torch.long });
 * console.log(`${torch.scatter_reduce(torch.tensor([1, 2]), 0, i, torch.tensor([5, 3, 4]), 'amax')}`); // tensor([5., 4.])
 */
export function scatter_reduce(input: Tensor, dim: number, index: Tensor, src: Tensor, reduce: 'sum' | 'prod' | 'mean' | 'amax' | 'amin', options?: { include_self?: boolean }): Tensor;
export function scatter_reduce(...args: unknown[]): Tensor { return scatterReduceBound(bind(SCHEMAS.scatter_reduce, args, null)); }

/** @internal the Tensor methods, self bound */
export const methods = {
  scatter: (self: Tensor, args: unknown[]): Tensor => scatterBound(...bindOverloads(SCATTER, args, self)),
  scatter_add: (self: Tensor, args: unknown[]): Tensor => scatterAddBound(bind(SCHEMAS.scatter_add, args, self)),
  scatter_reduce: (self: Tensor, args: unknown[]): Tensor => scatterReduceBound(bind(SCHEMAS.scatter_reduce, args, self)), // helper leftovers
  index_add: (self: Tensor, args: unknown[]): Tensor => indexAddBound(bind(SCHEMAS.index_add, args, self)),
  index_copy: (self: Tensor, args: unknown[]): Tensor => indexCopyBound(bind(SCHEMAS.index_copy, args, self)),
  masked_scatter: (self: Tensor, args: unknown[]): Tensor => maskedScatterBound(bind(SCHEMAS.masked_scatter, args, self)),
  index_fill: (self: Tensor, args: unknown[]): Tensor => indexFillBound(...bindOverloads(INDEX_FILL, args, self)),
  index_put: (self: Tensor, args: unknown[]): Tensor => indexPutBound(...indexPutArgs(args, self)),
  repeat_interleave: (self: Tensor, args: unknown[]): Tensor => repeatInterleaveBound(...bindOverloads(REPEAT_INTERLEAVE.slice(0, 2), args, self)),
  nonzero: (self: Tensor, args: unknown[]): Tensor | Tensor[] => nonzeroBound(bind(SCHEMAS.nonzero, args, self)),
  rot90: (self: Tensor, args: unknown[]): Tensor => rot90Bound(bind(SCHEMAS.rot90, args, self)),
  diag_embed: (self: Tensor, args: unknown[]): Tensor => diagEmbedBound(bind(SCHEMAS.diag_embed, args, self)),
  split: (self: Tensor, args: unknown[]): Tensor[] => splitBound(...bindOverloads(SPLIT[1], args, self)),
  chunk: (self: Tensor, args: unknown[]): Tensor[] => chunkBound(bind(SCHEMAS.chunk, args, self)),
  unbind: (self: Tensor, args: unknown[]): Tensor[] => unbindBound(bind(SCHEMAS.unbind, args, self)),
  tensor_split: (self: Tensor, args: unknown[]): Tensor[] => tensorSplitBound(...bindOverloads(TENSOR_SPLIT, args, self)),
  roll: (self: Tensor, args: unknown[]): Tensor => rollBound(bind(SCHEMAS.roll, args, self)),
  repeat: (self: Tensor, sizes: SizeArg[]): Tensor => {
    if (sizes.length === 0) throw new TypeError('repeat() missing 1 required positional arguments: "repeats"');
    return repeatBy(self, sizeParam(sizes, { fn: 'repeat', name: 'repeats', position: 1, list: 'SymInts' }));
  },
  tile: (self: Tensor, sizes: SizeArg[]): Tensor => tileBy(self, sizeParam(sizes, { fn: 'tile', name: 'dims', position: 1, list: 'ints' })),
  tril: (self: Tensor, args: unknown[]): Tensor => triangleBound(Op.Tril, bind(SCHEMAS.tril, args, self)),
  triu: (self: Tensor, args: unknown[]): Tensor => triangleBound(Op.Triu, bind(SCHEMAS.triu, args, self)),
  diagonal: (self: Tensor, args: unknown[]): Tensor => diagonalBound(bind(SCHEMAS.diagonal, args, self)),
  as_strided: (self: Tensor, args: unknown[]): Tensor => asStridedBound(bind(SCHEMAS.as_strided, args, self)),
  as_strided_: (self: Tensor, args: unknown[]): Tensor => asStridedBound(bind(SCHEMAS.as_strided, args, self), Op.AsStrided1), // helper h-shape: the view that as_strided_ hands to its tensor
  diag: (self: Tensor, args: unknown[]): Tensor => diagBound(bind(SCHEMAS.diag, args, self)),
  trace: (self: Tensor, args: unknown[]): Tensor => traceBound(bind(SCHEMAS.trace, args, self)),
  masked_fill: (self: Tensor, args: unknown[]): Tensor => maskedFillBound(...bindOverloads(MASKED_FILL, args, self)),
  masked_select: (self: Tensor, args: unknown[]): Tensor => maskedSelectBound(bind(SCHEMAS.masked_select, args, self)),
  index_select: (self: Tensor, args: unknown[]): Tensor => indexSelectBound(bindListed('index_select', args, self)),
  gather: (self: Tensor, args: unknown[]): Tensor => gatherBound(bindListed('gather', args, self)),
  take: (self: Tensor, args: unknown[]): Tensor => takeBound(bind(SCHEMAS.take, args, self)),
  take_along_dim: (self: Tensor, args: unknown[]): Tensor => takeAlongDimBound(bind(SCHEMAS.take_along_dim, args, self)),
  flip: (self: Tensor, args: unknown[]): Tensor => flipBound(bind(SCHEMAS.flip, args, self)),
  fliplr: (self: Tensor, args: unknown[]): Tensor => fliplrBound(bind(SCHEMAS.fliplr, args, self)),
  flipud: (self: Tensor, args: unknown[]): Tensor => flipudBound(bind(SCHEMAS.flipud, args, self)),
};

// what src/alias.ts needs to read a view from its base and write one into it
setViewKernels((op, input, at, shape) => gathered(op, input, at, shape), (base, src, at) => putFlat(Op.SetSlices, base, src, at, false));
