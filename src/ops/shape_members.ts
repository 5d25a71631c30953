// Shape and indexing members of PyTorch's Tensor built on the gather and scatter kernels
// (issues 7 and 8, helper h-shape). The *_scatter ops find the positions of the view they
// fill by running that view op (diagonal, select, as_strided) on a tensor of positions, so
// its checks and errors are the view op's own, as in ATen, where they clone and copy_ into the
// view. unfold is a view (UnfoldBackward0); the unsafe splits are copies with their own nodes;
// the rest are compositions PyTorch composes too (diagflat, ravel, hsplit, adjoint,
// fill_diagonal_, index_reduce).

import { Op, DType } from '../../abi/abi.js';
import { IndexError, RuntimeError, NotImplementedError } from '../errors.js';
import { normDim, sameShape } from '../shape.js';
import { DTYPES } from '../dtype.js';
import { parseSchema, type Schema } from '../schema.js';
import { bind, bindOverloads } from '../signature.js';
import { Tensor } from '../tensor.js';
import { jsDevice } from '../js/device.js';
import { no_grad } from '../autograd.js';
import { castTensor } from '../cast.js';
import { markView, adoptView } from '../alias.js';
import { gathered, scattered, build, diagonal, as_strided, diag, split, chunk, tensor_split, scatter_reduce, methods as ix2 } from './gather_scatter.js';
import { select, narrow } from './indexing.js';
import { view, transpose, t, squeeze, unsqueeze, expand, withStrides, stridesOf as layoutOf } from './shape.js';
import { isFloating } from '../dtype.js';
import { inplace, checkLeaf } from './inplace.js';
import { is_grad_enabled } from '../autograd.js';

const S = (text: string): Schema => parseSchema(text, false);
const SCHEMAS = {
  diagonal_scatter: S('diagonal_scatter(Tensor input, Tensor src, int offset=0, int dim1=0, int dim2=1) -> Tensor'),
  select_scatter: S('select_scatter(Tensor input, Tensor src, int dim, int index) -> Tensor'),
  slice_scatter: S('slice_scatter(Tensor input, Tensor src, int dim=0, int? start=None, int? end=None, int step=1) -> Tensor'),
  as_strided_scatter: S('as_strided_scatter(Tensor input, Tensor src, int[] size, int[] stride, int? storage_offset=None) -> Tensor'),
  diagflat: S('diagflat(Tensor input, int offset=0) -> Tensor'),
  ravel: S('ravel(Tensor input) -> Tensor'),
  narrow_copy: S('narrow_copy(Tensor input, int dim, int start, int length) -> Tensor'),
  adjoint: S('adjoint(Tensor input) -> Tensor'),
  unfold: S('unfold(Tensor self, int dimension, int size, int step) -> Tensor'),
  split_with_sizes: S('split_with_sizes(Tensor input, int[] split_sizes, int dim=0) -> Tensor[]'),
  unsafe_split: S('unsafe_split(Tensor input, int split_size, int dim=0) -> Tensor[]'),
  unsafe_split_with_sizes: S('unsafe_split_with_sizes(Tensor input, int[] split_sizes, int dim=0) -> Tensor[]'),
  unsafe_chunk: S('unsafe_chunk(Tensor input, int chunks, int dim=0) -> Tensor[]'),
  put: S('put(Tensor input, Tensor index, Tensor source, bool accumulate=False) -> Tensor'),
  index_reduce: S('index_reduce(Tensor input, int dim, Tensor index, Tensor source, str reduce, *, bool include_self=True) -> Tensor'),
  fill_diagonal_: S('fill_diagonal_(Tensor self, Scalar fill_value, bool wrap=False) -> Tensor'),
};
// hsplit, vsplit, dsplit: a number of sections or a list of indices
const SECTIONS = (name: string): Schema[] => [S(`${name}(Tensor input, int sections) -> Tensor[]`), S(`${name}(Tensor input, int[] indices) -> Tensor[]`)];
const HSPLIT = { hsplit: SECTIONS('hsplit'), vsplit: SECTIONS('vsplit'), dsplit: SECTIONS('dsplit') };

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** Row-major strides of a shape, in elements (the dense data every kernel reads). */
const rowMajor = (shape: readonly number[]): number[] => shape.map((_, k) => numel(shape.slice(k + 1)));
const scalarName = (t: Tensor): string => DTYPES[t._dtype]._scalarType;

/** The shape of `viewOf` applied to a tensor of `shape`, and the flat position of each of its elements. */
function positionsBy(shape: readonly number[], viewOf: (p: Tensor) => Tensor): [number[], Int32Array] {
  return no_grad(() => {
    const iota = Int32Array.from({ length: numel(shape) }, (_, i) => i);
    const p = new Tensor(jsDevice, jsDevice.fromData(iota, shape.slice(), DType.Int32), shape.slice(), DType.Int32, false);
    try {
      const v = viewOf(p);
      try {
        return [v._shape.slice(), Int32Array.from(v._dev.read(v.h))];
      } finally {
        if (v !== p) v.dispose();
      }
    } finally {
      p.dispose();
    }
  });
}

/** input with src put where `viewOf(input)` would show it (ATen: a clone, the view of it, copy_). */
function scatterInto(op: Op, input: Tensor, src: Tensor, viewOf: (p: Tensor) => Tensor): Tensor {
  const [shape, at] = positionsBy(input._shape, viewOf);
  if (!sameShape(shape, src._shape)) {
    throw new RuntimeError(`expected src to have a size equal to the slice of self. src size = ${fmt(src._shape)}, slice size = ${fmt(shape)}`);
  }
  const cast = src._dtype === input._dtype ? src : castTensor(src, input._dtype);
  return scattered(op, input, cast, at, false);
}

/** ATen's slice: start and end wrapped once and clamped, a positive step. */
function sliced(p: Tensor, dim: number, start: number | null, end: number | null, step: number): Tensor {
  const shape = p._shape, d = normDim(dim, shape.length);
  if (step <= 0) throw new RuntimeError('slice step must be positive');
  const n = shape[d];
  let s = start ?? 0, e = end ?? n;
  if (s < 0) s += n;
  if (e < 0) e += n;
  s = Math.min(Math.max(s, 0), n);
  e = Math.min(Math.max(e, s), n);
  const out = shape.slice();
  out[d] = Math.ceil((e - s) / step);
  const st = rowMajor(shape);
  return gathered(Op.Slice, p, build(out, (c) => c.reduce((j, i, k) => j + (k === d ? s + i * step : i) * st[k], 0)), out);
}

function diagonalScatterBound(a: Record<string, unknown>): Tensor {
  return scatterInto(Op.DiagonalScatter, a.input as Tensor, a.src as Tensor, (p) => diagonal(p, a.offset as number, a.dim1 as number, a.dim2 as number));
}
function selectScatterBound(a: Record<string, unknown>): Tensor {
  return scatterInto(Op.SelectScatter, a.input as Tensor, a.src as Tensor, (p) => select(p, a.dim as number, a.index as number));
}
function sliceScatterBound(a: Record<string, unknown>): Tensor {
  return scatterInto(Op.SliceScatter, a.input as Tensor, a.src as Tensor,
    (p) => sliced(p, a.dim as number, a.start as number | null, a.end as number | null, a.step as number));
}
/**
 * As PyTorch 2 decomposes it: a clone, its as_strided view, copy_ (CopySlices). PyTorch 1.13's own
 * AsStridedScatterBackward0 gives input the gradient where src was written, not elsewhere.
 */
function asStridedScatterBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, src = a.src as Tensor, size = a.size as number[], stride = a.stride as number[];
  const offset = (a.storage_offset as number | null) ?? 0;
  const [shape] = positionsBy(input._shape, (p) => as_strided(p, size, stride, offset));
  if (!sameShape(shape, src._shape)) {
    throw new RuntimeError(`expected src to have a size equal to the slice of self. src size = ${fmt(src._shape)}, slice size = ${fmt(shape)}`);
  }
  const out = input.clone();
  const view = as_strided(out, size, stride, offset);
  try {
    view.copy_(src);
  } finally {
    view.dispose();
  }
  return out;
}

/**
 * input with src embedded as its diagonal (as {@link diagonal} takes it); not a view (DiagonalScatterBackward0).
 * @example torch.diagonal_scatter(torch.zeros(2, 2), torch.ones(2)) // tensor([[1., 0.], [0., 1.]])
 */
export function diagonal_scatter(input: Tensor, src: Tensor, offset?: number, dim1?: number, dim2?: number): Tensor;
export function diagonal_scatter(...args: unknown[]): Tensor { return diagonalScatterBound(bind(SCHEMAS.diagonal_scatter, args, null)); }
/**
 * input with src embedded at `index` along `dim` (SelectScatterBackward0).
 * @example torch.select_scatter(torch.zeros(2, 2), torch.ones(2), 0, 0) // tensor([[1., 1.], [0., 0.]])
 */
export function select_scatter(input: Tensor, src: Tensor, dim: number, index: number): Tensor;
export function select_scatter(...args: unknown[]): Tensor { return selectScatterBound(bind(SCHEMAS.select_scatter, args, null)); }
/**
 * input with src embedded at the slice start:end:step of `dim` (SliceScatterBackward0).
 * @example torch.slice_scatter(torch.zeros(4), torch.ones(2), 0, 0, null, 2) // tensor([1., 0., 1., 0.])
 */
export function slice_scatter(input: Tensor, src: Tensor, dim?: number, start?: number | null, end?: number | null, step?: number): Tensor;
export function slice_scatter(...args: unknown[]): Tensor { return sliceScatterBound(bind(SCHEMAS.slice_scatter, args, null)); }
/**
 * input with src embedded at the elements `as_strided(size, stride, storage_offset)` shows (CopySlices, as PyTorch 2 composes it).
 * @example torch.as_strided_scatter(torch.zeros(4), torch.ones(2), [2], [2]) // tensor([1., 0., 1., 0.])
 */
export function as_strided_scatter(input: Tensor, src: Tensor, size: number[], stride: number[], storage_offset?: number | null): Tensor;
export function as_strided_scatter(...args: unknown[]): Tensor { return asStridedScatterBound(bind(SCHEMAS.as_strided_scatter, args, null)); }

// ---- compositions --------------------------------------------------------------------------

function diagflatBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor;
  return diag(view(input.contiguous(), -1), a.offset as number);
}
function ravelBound(a: Record<string, unknown>): Tensor { return view((a.input as Tensor).contiguous(), -1); }
function narrowCopyBound(a: Record<string, unknown>): Tensor {
  return narrow(a.input as Tensor, a.dim as number, a.start as number, a.length as number).clone();
}
function adjointBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, nd = input._shape.length;
  if (nd < 2) throw new RuntimeError(`tensor.adjoint() is only supported on matrices or batches of matrices. Got ${nd}-D tensor.`);
  return transpose(input, -2, -1);
}

/**
 * The input flattened into the diagonal of a new matrix (offset above, below for negative).
 * @example torch.diagflat(torch.tensor([[1, 2]])) // tensor([[1., 0.], [0., 2.]])
 */
export function diagflat(input: Tensor, offset?: number): Tensor;
export function diagflat(...args: unknown[]): Tensor { return diagflatBound(bind(SCHEMAS.diagflat, args, null)); }
/**
 * The input as one dim (a view where the input is contiguous, else a copy), as `contiguous().view(-1)`.
 * @example torch.ravel(torch.zeros(2, 3)).shape // [6]
 */
export function ravel(input: Tensor): Tensor;
export function ravel(...args: unknown[]): Tensor { return ravelBound(bind(SCHEMAS.ravel, args, null)); }
/**
 * {@link narrow}, as a new contiguous tensor.
 * @example torch.narrow_copy(torch.arange(5), 0, 1, 2) // tensor([1, 2])
 */
export function narrow_copy(input: Tensor, dim: number, start: number, length: number): Tensor;
export function narrow_copy(...args: unknown[]): Tensor { return narrowCopyBound(bind(SCHEMAS.narrow_copy, args, null)); }
/**
 * The conjugate transpose of the last two dims (real tensors: their transpose, a view).
 * @example torch.adjoint(torch.zeros(2, 3)).shape // [3, 2]
 */
export function adjoint(input: Tensor): Tensor;
export function adjoint(...args: unknown[]): Tensor { return adjointBound(bind(SCHEMAS.adjoint, args, null)); }

function sectionsBound(name: 'hsplit' | 'vsplit' | 'dsplit', overload: number, a: Record<string, unknown>): Tensor[] {
  const input = a.input as Tensor, nd = input._shape.length;
  const least = { hsplit: 1, vsplit: 2, dsplit: 3 }[name];
  if (nd < least) {
    throw new RuntimeError(`torch.${name} requires a tensor with at least ${least} dimension, but got a tensor with ${nd} dimensions!`);
  }
  const dim = name === 'hsplit' ? (nd === 1 ? 0 : 1) : name === 'vsplit' ? 0 : 2;
  if (overload === 0) {
    const sections = a.sections as number, n = input._shape[dim];
    if (sections !== 0 && n % sections !== 0) {
      throw new RuntimeError(`torch.${name} attempted to split along dimension ${dim}, but the size of the dimension ${n} is not divisible by the split_size ${sections}!`);
    }
    return tensor_split(input, sections, dim);
  }
  return tensor_split(input, a.indices as number[], dim);
}

/**
 * Column-wise pieces (dim 1, dim 0 for 1-D): `sections` equal ones, or split before each index.
 * @example torch.hsplit(torch.zeros(2, 4), 2).map((t) => t.shape) // [[2, 2], [2, 2]]
 */
export function hsplit(input: Tensor, indices_or_sections: number | number[]): Tensor[];
export function hsplit(...args: unknown[]): Tensor[] { return sectionsBound('hsplit', ...bindOverloads(HSPLIT.hsplit, args, null)); }
/**
 * Row-wise pieces (dim 0 of an at least 2-D tensor).
 * @example torch.vsplit(torch.zeros(4, 2), [1, 3]).map((t) => t.shape) // [[1, 2], [2, 2], [1, 2]]
 */
export function vsplit(input: Tensor, indices_or_sections: number | number[]): Tensor[];
export function vsplit(...args: unknown[]): Tensor[] { return sectionsBound('vsplit', ...bindOverloads(HSPLIT.vsplit, args, null)); }
/**
 * Depth-wise pieces (dim 2 of an at least 3-D tensor).
 * @example torch.dsplit(torch.zeros(1, 1, 4), 2).map((t) => t.shape) // [[1, 1, 2], [1, 1, 2]]
 */
export function dsplit(input: Tensor, indices_or_sections: number | number[]): Tensor[];
export function dsplit(...args: unknown[]): Tensor[] { return sectionsBound('dsplit', ...bindOverloads(HSPLIT.dsplit, args, null)); }

/**
 * Pieces of the given sizes along dim, views of the input (SplitWithSizesBackward0).
 * @example torch.split_with_sizes(torch.zeros(5), [2, 3]).map((t) => t.shape) // [[2], [3]]
 */
export function split_with_sizes(input: Tensor, split_sizes: number[], dim?: number): Tensor[];
export function split_with_sizes(...args: unknown[]): Tensor[] { return splitWithSizesBound(bind(SCHEMAS.split_with_sizes, args, null)); }
function splitWithSizesBound(a: Record<string, unknown>): Tensor[] { return split(a.input as Tensor, a.split_sizes as number[], a.dim as number); }

// ---- unsafe splits: copies, each with PyTorch's node ------------------------------------------

/** The sizes `pieces` cuts input into along dim (the view ops' checks and errors), without keeping the pieces. */
function sizesOf(input: Tensor, pieces: () => Tensor[], dim: number): number[] {
  return no_grad(() => {
    const ps = pieces();
    const d = normDim(dim, input._shape.length);
    const sizes = ps.map((t) => t._shape[d]);
    for (const t of ps) t.dispose();
    return sizes;
  });
}

function copiesOf(op: Op, input: Tensor, sizes: readonly number[], dim: number): Tensor[] {
  const shape = input._shape, d = normDim(dim, shape.length), st = rowMajor(shape);
  const outs: Tensor[] = [];
  let start = 0;
  for (const size of sizes) {
    const out = shape.slice();
    out[d] = size;
    const from = start;
    outs.push(gathered(op, input, build(out, (c) => c.reduce((j, i, k) => j + (k === d ? i + from : i) * st[k], 0)), out));
    start += size;
  }
  return outs;
}

function unsafeSplitBound(a: Record<string, unknown>): Tensor[] {
  const input = a.input as Tensor, dim = a.dim as number;
  const sizes = sizesOf(input, () => split(input, a.split_size as number, dim), dim);
  return copiesOf(Op.UnsafeSplit, input, sizes, dim);
}
function unsafeSplitWithSizesBound(a: Record<string, unknown>): Tensor[] {
  const input = a.input as Tensor, dim = a.dim as number;
  const sizes = sizesOf(input, () => split(input, a.split_sizes as number[], dim), dim);
  return copiesOf(Op.UnsafeSplitWithSizes, input, sizes, dim);
}
function unsafeChunkBound(a: Record<string, unknown>): Tensor[] {
  const input = a.input as Tensor, dim = a.dim as number;
  const sizes = sizesOf(input, () => chunk(input, a.chunks as number, dim), dim);
  // ATen's unsafe_chunk: an empty dim goes through unsafe_split_with_sizes
  const empty = input._shape[normDim(dim, input._shape.length)] === 0;
  return copiesOf(empty ? Op.UnsafeSplitWithSizes : Op.UnsafeSplit, input, sizes, dim);
}

/**
 * {@link split} by a size, as copies (UnsafeSplitBackward0): PyTorch's pieces share the input's
 * data without autograd knowing; wasmgrad's do not share it.
 * @example torch.unsafe_split(torch.zeros(5), 2).length // 3
 */
export function unsafe_split(input: Tensor, split_size: number, dim?: number): Tensor[];
export function unsafe_split(...args: unknown[]): Tensor[] { return unsafeSplitBound(bind(SCHEMAS.unsafe_split, args, null)); }
/**
 * {@link split_with_sizes} as copies (UnsafeSplitWithSizesBackward0).
 * @example torch.unsafe_split_with_sizes(torch.zeros(5), [1, 4]).length // 2
 */
export function unsafe_split_with_sizes(input: Tensor, split_sizes: number[], dim?: number): Tensor[];
export function unsafe_split_with_sizes(...args: unknown[]): Tensor[] { return unsafeSplitWithSizesBound(bind(SCHEMAS.unsafe_split_with_sizes, args, null)); }
/**
 * {@link chunk} as copies (UnsafeSplitBackward0).
 * @example torch.unsafe_chunk(torch.zeros(4), 2).length // 2
 */
export function unsafe_chunk(input: Tensor, chunks: number, dim?: number): Tensor[];
export function unsafe_chunk(...args: unknown[]): Tensor[] { return unsafeChunkBound(bind(SCHEMAS.unsafe_chunk, args, null)); }

// ---- unfold: sliding windows, a view ----------------------------------------------------------

function unfoldBound(a: Record<string, unknown>): Tensor {
  const input = a.self as Tensor, size = a.size as number, step = a.step as number;
  const shape = input._shape, nd = shape.length;
  const d = normDim(a.dimension as number, Math.max(nd, 1));
  const n = nd === 0 ? 1 : shape[d];
  if (size > n) throw new RuntimeError(`maximum size for tensor at dimension ${d} is ${n} but size is ${size}`);
  if (step <= 0) throw new RuntimeError(`step is ${step} but must be > 0`);
  const layout = layoutOf(input);
  const outShape = nd === 0 ? [size] : [...shape.slice(0, d), Math.trunc((n - size) / step) + 1, ...shape.slice(d + 1), size];
  const outStrides = nd === 0 ? [1] : [...layout.map((s, k) => (k === d ? s * step : s)), layout[d]];
  if (size < 0) throw new RuntimeError(`Storage size calculation overflowed with sizes=${fmt(outShape)} and strides=${fmt(outStrides)}`);
  const st = rowMajor(shape);
  const index = build(outShape, (c) => {
    if (nd === 0) return 0;
    let j = (c[d] * step + c[nd]) * st[d];
    for (let k = 0; k < nd; k++) if (k !== d) j += c[k] * st[k];
    return j;
  });
  const out = markView(gathered(Op.TensorUnfold, input, index, outShape.slice()), input, (p) => gathered(Op.TensorUnfold, p, index, outShape.slice()));
  return withStrides(out, outStrides, input._offset);
}

// ---- put, index_reduce, fill_diagonal_ ---------------------------------------------------------

function putBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, index = a.index as Tensor, source = a.source as Tensor;
  if (index._dtype !== DType.Int64) throw new RuntimeError(`put_(): Expected a long tensor for index, but got ${scalarName(index)}`);
  if (source._dtype !== input._dtype) {
    throw new RuntimeError(`put_(): self and source expected to have the same dtype, but got self.dtype = ${scalarName(input)} and source.dtype = ${scalarName(source)}`);
  }
  const m = index.numel(), n = input.numel();
  if (source.numel() !== m) {
    throw new IndexError(`put_(): Expected source and index to have the same number of elements, but got source.numel() = ${source.numel()}, index.numel() = ${m}`);
  }
  if (n === 0 && m > 0) throw new IndexError('put_(): Tried to put elements into an empty tensor');
  const idx = index._dev.read(index.h);
  const at = Int32Array.from(idx, (i) => {
    if (i < -n || i >= n) throw new IndexError(`out of range: tried to access index ${i} on a tensor of ${n} elements.`);
    return i < 0 ? i + n : i;
  });
  return scattered(Op.Put, input, source, at, a.accumulate as boolean);
}

/**
 * input with source's elements written (or added, accumulate) at the flat positions `index` (PutBackward0).
 * @example torch.put(torch.zeros(2, 2), torch.tensor([3], { dtype: torch.long }), torch.ones(1)) // tensor([[0., 0.], [0., 1.]])
 */
export function put(input: Tensor, index: Tensor, source: Tensor, accumulate?: boolean): Tensor;
export function put(...args: unknown[]): Tensor { return putBound(bind(SCHEMAS.put, args, null)); }

const INDEX_REDUCTIONS = ['prod', 'mean', 'amax', 'amin'];

function indexReduceBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, index = a.index as Tensor, source = a.source as Tensor, reduce = a.reduce as string;
  if (!INDEX_REDUCTIONS.includes(reduce)) {
    throw new RuntimeError(`index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got ${reduce}.`);
  }
  const shape = input._shape, sshape = source._shape;
  const dim = normDim(a.dim as number, shape.length);
  if (index._shape.length > 1) {
    throw new IndexError(`index_reduce_(): Index is supposed to be a vector, but got dim: ${index._shape.length} with type: ${scalarName(index)} and size: ${fmt(index._shape)}`);
  }
  if (index._dtype !== DType.Int64 && index._dtype !== DType.Int32) {
    throw new RuntimeError(`index_reduce_(): Expected dtype int32/int64 for index but got: ${scalarName(index)}`);
  }
  if (source._dtype !== input._dtype) {
    throw new RuntimeError(`index_reduce_(): self (${scalarName(input)}) and source (${scalarName(source)}) must have the same scalar type`);
  }
  const idx = Array.from(index._dev.read(index.h)), ssize = sshape.length ? sshape[dim] : 1;
  if (idx.length !== ssize) {
    throw new RuntimeError(`index_reduce_(): Number of indices (${idx.length}) should be equal to source.size(dim): (${ssize}), for dim: ${dim}`);
  }
  if (sshape.length !== shape.length || sshape.some((s, k) => k !== dim && s !== shape[k])) {
    throw new RuntimeError(`index_reduce_(): Source/destination tensor must have same slice shapes. Destination slice shape: ${shape.filter((_, k) => k !== dim).join(', ')} at dimension ${dim} and source slice shape: ${sshape.filter((_, k) => k !== dim).join(', ')} at dimension 0.`);
  }
  const size = shape.length ? shape[dim] : 1;
  for (const i of idx) if (i < 0 || i >= size) throw new IndexError('index out of range in self');
  // scatter_reduce with index[i] along dim at every element of source's slice i
  const full = build(sshape, (c) => idx[sshape.length ? c[dim] : 0]);
  const expanded = new Tensor(input._dev, input._dev.fromData(Float64Array.from(full), sshape.slice(), DType.Int64), sshape.slice(), DType.Int64);
  try {
    return scatter_reduce(input, dim, expanded, source, reduce as 'prod', { include_self: a.include_self as boolean });
  } finally {
    expanded.dispose();
  }
}

/**
 * input with source's slices reduced ('prod', 'mean', 'amax', 'amin') into the slices `index` along dim.
 * @example torch.index_reduce(torch.ones(2), 0, torch.tensor([1, 1], { dtype: torch.long }), torch.tensor([2, 3]), 'prod') // tensor([1., 6.])
 */
export function index_reduce(input: Tensor, dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', options?: { include_self?: boolean }): Tensor;
export function index_reduce(...args: unknown[]): Tensor { return indexReduceBound(bind(SCHEMAS.index_reduce, args, null)); }

/** ATen's fill_diagonal_: the main diagonal (every dim stepped at once), and with wrap the rows below it too. */
function fillDiagonal(self: Tensor, a: Record<string, unknown>): Tensor {
  const shape = self._shape, nd = shape.length, value = a.fill_value as number;
  if (nd < 2) throw new RuntimeError('dimensions must larger than 1');
  const [height, width] = shape;
  if (nd > 2 && shape.some((s) => s !== height)) throw new RuntimeError('all dimensions of input must be of equal length');
  const st = layoutOf(self), stride = st.reduce((p, q) => p + q, 0), size = Math.min(height, width);
  const fillAt = (n: number, offset: number): void => {
    const diag = as_strided(self, [n], [stride], offset);
    try { diag.fill_(value); } finally { diag.dispose(); }
  };
  fillAt(size, self._offset);
  if (a.wrap && nd === 2 && height > width + 1) {
    const step = width + 1;
    fillAt(Math.trunc((self.numel() + step - 1) / step) - size, self._offset + st[0] * (width + 1));
  }
  return self;
}

// ---- in-place view ops: the tensor object takes the view's sizes, strides and node ----------------

const INPLACE_VIEW = {
  transpose_: S('transpose_(Tensor self, int dim0, int dim1) -> Tensor'),
  swapaxes_: S('swapaxes_(Tensor self, int axis0, int axis1) -> Tensor'),
  swapdims_: S('swapdims_(Tensor self, int dim0, int dim1) -> Tensor'),
  unsqueeze_: S('unsqueeze_(Tensor self, int dim) -> Tensor'),
  squeeze_: S('squeeze_(Tensor self, int? dim=None) -> Tensor'),
  resize_: S('resize_(Tensor self, int[] size) -> Tensor'),
  resize_as_: S('resize_as_(Tensor self, Tensor the_template) -> Tensor'),
};

/** The view op `make` on self, handed to self (PyTorch's leaf check first). */
function inplaceView(self: Tensor, name: string, make: () => Tensor): Tensor {
  checkLeaf(self);
  adoptView(self, make(), name);
  return self;
}

function detachInPlace(self: Tensor): Tensor {
  if (self._view && !self._view.isDetach) {
    throw new RuntimeError("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and " +
      'gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. ' +
      'To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.');
  }
  const r = no_grad(() => self.detach());
  r._view = null; // self keeps its own data link below
  self._adopt(r, self._view, false);
  return self;
}

/** resize_: the first elements kept in order, new ones zero (PyTorch leaves them uninitialized). */
function resizeTo(self: Tensor, size: number[]): Tensor {
  if (self.requires_grad && is_grad_enabled()) throw new RuntimeError('cannot resize variables that require grad');
  if (size.some((n) => n < 0)) throw new RuntimeError(`Trying to create tensor with negative dimension ${size.find((n) => n < 0)}: ${fmt(size)}`);
  if (self._view || !self.is_contiguous()) throw new NotImplementedError('wasmgrad: resize_ of a view or a non-contiguous tensor is not supported yet');
  const old = self._dev.read(self.h), n = numel(size);
  const data = new Float64Array(n);
  for (let i = 0; i < Math.min(n, old.length); i++) data[i] = Number(old[i]);
  const r = new Tensor(self._dev, self._dev.fromData(data, size.slice(), self._dtype), size.slice(), self._dtype);
  adoptView(self, r, 'resize_', false);
  return self;
}

/**
 * apply_, map_, map2_: a JS function in place of PyTorch's Python callable, called per element in
 * order with the others broadcast to self; the result converted to self's dtype as Python's number
 * would be (integers truncated). No version bump, as PyTorch's.
 */
function mapInPlace(self: Tensor, name: string, others: Tensor[], fn: (...v: number[]) => number): Tensor {
  if (self.requires_grad) throw new RuntimeError(`Can't call ${name}() on Variable that requires grad. Use var.detach().${name}() instead.`);
  if (self._view) throw new NotImplementedError(`wasmgrad: ${name} on a view is not supported yet`);
  const spread = others.map((o) => expand(o, self._shape));
  try {
    const vals = [self, ...spread].map((tt) => Array.from(tt._dev.read(tt.h), Number));
    const cast = isFloating(self._dtype) ? (v: number) => v : self._dtype === DType.Bool ? (v: number) => (v ? 1 : 0) : Math.trunc;
    self._dev.write(self.h, vals[0].map((_, i) => cast(fn(...vals.map((v) => v[i])))));
  } finally {
    for (const o of spread) if (!others.includes(o)) o.dispose();
  }
  return self;
}

/** @internal the Tensor methods, self bound */
export const methods = {
  diagonal_scatter: (self: Tensor, args: unknown[]): Tensor => diagonalScatterBound(bind(SCHEMAS.diagonal_scatter, args, self)),
  select_scatter: (self: Tensor, args: unknown[]): Tensor => selectScatterBound(bind(SCHEMAS.select_scatter, args, self)),
  slice_scatter: (self: Tensor, args: unknown[]): Tensor => sliceScatterBound(bind(SCHEMAS.slice_scatter, args, self)),
  as_strided_scatter: (self: Tensor, args: unknown[]): Tensor => asStridedScatterBound(bind(SCHEMAS.as_strided_scatter, args, self)),
  diagflat: (self: Tensor, args: unknown[]): Tensor => diagflatBound(bind(SCHEMAS.diagflat, args, self)),
  ravel: (self: Tensor, args: unknown[]): Tensor => ravelBound(bind(SCHEMAS.ravel, args, self)),
  narrow_copy: (self: Tensor, args: unknown[]): Tensor => narrowCopyBound(bind(SCHEMAS.narrow_copy, args, self)),
  adjoint: (self: Tensor, args: unknown[]): Tensor => adjointBound(bind(SCHEMAS.adjoint, args, self)),
  hsplit: (self: Tensor, args: unknown[]): Tensor[] => sectionsBound('hsplit', ...bindOverloads(HSPLIT.hsplit, args, self)),
  vsplit: (self: Tensor, args: unknown[]): Tensor[] => sectionsBound('vsplit', ...bindOverloads(HSPLIT.vsplit, args, self)),
  dsplit: (self: Tensor, args: unknown[]): Tensor[] => sectionsBound('dsplit', ...bindOverloads(HSPLIT.dsplit, args, self)),
  split_with_sizes: (self: Tensor, args: unknown[]): Tensor[] => splitWithSizesBound(bind(SCHEMAS.split_with_sizes, args, self)),
  unsafe_split: (self: Tensor, args: unknown[]): Tensor[] => unsafeSplitBound(bind(SCHEMAS.unsafe_split, args, self)),
  unsafe_split_with_sizes: (self: Tensor, args: unknown[]): Tensor[] => unsafeSplitWithSizesBound(bind(SCHEMAS.unsafe_split_with_sizes, args, self)),
  unsafe_chunk: (self: Tensor, args: unknown[]): Tensor[] => unsafeChunkBound(bind(SCHEMAS.unsafe_chunk, args, self)),
  unfold: (self: Tensor, args: unknown[]): Tensor => unfoldBound(bind(SCHEMAS.unfold, args, self)),
  put: (self: Tensor, args: unknown[]): Tensor => putBound(bind(SCHEMAS.put, args, self)),
  put_: (self: Tensor, args: unknown[]): Tensor => inplace(self, () => putBound(bind(SCHEMAS.put, args, self))),
  index_reduce: (self: Tensor, args: unknown[]): Tensor => indexReduceBound(bind(SCHEMAS.index_reduce, args, self)),
  index_reduce_: (self: Tensor, args: unknown[]): Tensor => inplace(self, () => indexReduceBound(bind(SCHEMAS.index_reduce, args, self))),
  fill_diagonal_: (self: Tensor, args: unknown[]): Tensor => fillDiagonal(self, bind(SCHEMAS.fill_diagonal_, args, self)),
  t_: (self: Tensor): Tensor => inplaceView(self, 't_', () => t(self, Op.T1)),
  transpose_: (self: Tensor, args: unknown[]): Tensor => {
    const a = bind(INPLACE_VIEW.transpose_, args, self);
    return inplaceView(self, 'transpose_', () => transpose(self, a.dim0 as number, a.dim1 as number, true, Op.Transpose1));
  },
  swapaxes_: (self: Tensor, args: unknown[]): Tensor => {
    const a = bind(INPLACE_VIEW.swapaxes_, args, self);
    return inplaceView(self, 'swapaxes_', () => transpose(self, a.axis0 as number, a.axis1 as number, true, Op.Transpose1));
  },
  swapdims_: (self: Tensor, args: unknown[]): Tensor => {
    const a = bind(INPLACE_VIEW.swapdims_, args, self);
    return inplaceView(self, 'swapdims_', () => transpose(self, a.dim0 as number, a.dim1 as number, true, Op.Transpose1));
  },
  squeeze_: (self: Tensor, args: unknown[]): Tensor => {
    const dim = bind(INPLACE_VIEW.squeeze_, args, self).dim as number | null;
    return inplaceView(self, 'squeeze_', () => squeeze(self, dim ?? undefined, true, [Op.Squeeze2, Op.Squeeze3]));
  },
  unsqueeze_: (self: Tensor, args: unknown[]): Tensor => {
    const dim = bind(INPLACE_VIEW.unsqueeze_, args, self).dim as number;
    return inplaceView(self, 'unsqueeze_', () => unsqueeze(self, dim, true, Op.Unsqueeze1));
  },
  as_strided_: (self: Tensor, args: unknown[]): Tensor => inplaceView(self, 'as_strided_', () => ix2.as_strided_(self, args)),
  detach_: (self: Tensor): Tensor => detachInPlace(self),
  apply_: (self: Tensor, fn: (v: number) => number): Tensor => mapInPlace(self, 'apply_', [], fn),
  map_: (self: Tensor, other: Tensor, fn: (a: number, b: number) => number): Tensor => mapInPlace(self, 'map_', [other], fn),
  map2_: (self: Tensor, x: Tensor, y: Tensor, fn: (a: number, b: number, c: number) => number): Tensor => mapInPlace(self, 'map2_', [x, y], fn),
  resize_: (self: Tensor, args: unknown[]): Tensor => resizeTo(self, bind(INPLACE_VIEW.resize_, args, self).size as number[]),
  resize_as_: (self: Tensor, args: unknown[]): Tensor => resizeTo(self, (bind(INPLACE_VIEW.resize_as_, args, self).the_template as Tensor)._shape.slice()),
};
