// Indexing and slicing: torch.select, torch.narrow and PyTorch's x[...] spelled
// x.index([...]). Each integer selects (SelectBackward0), each slice slices
// (SliceBackward0, a full `:` too, as PyTorch records it), `null` inserts a dim
// (UnsqueezeBackward0), '...' skips the dims the other items leave.
//
//   Python            wasmgrad
//   x[1]              x.index(1)
//   x[:, 1]           x.index([':', 1])
//   x[1:3, ::2]       x.index(['1:3', '::2'])
//   x[..., None, -1]  x.index(['...', null, -1])
//
// The results are copies (views arrive with issue 7); Python's rules for
// bounds (clamped slices, wrapped negative integers, IndexError beyond) apply.

import { Op, DType } from '../../abi/abi.js';
import { IndexError, RuntimeError, ValueError, TypeError } from '../errors.js';
import { normDim, sameShape } from '../shape.js';
import { DTYPES } from '../dtype.js';
import { castTensor } from '../cast.js';
import { is_grad_enabled } from '../autograd.js';
import { inplace, checkLeaf } from './inplace.js';
import { Tensor } from '../tensor.js';
import { bind, isOptions } from '../signature.js';
import { parseSchema, type Schema } from '../schema.js';
import { invalidCombination } from '../args.js';
import { unsqueeze, reshape, expand, aliasAs, stridesOf, withStrides } from './shape.js';
import { markView } from '../alias.js';
import { advancedIndex, putFlat, index_put, build } from './gather_scatter.js'; // shape and indexing 2: tensor indices
import { contiguousStrides } from '../strides.js';

const selectSchema = parseSchema('select(Tensor input, int dim, int index) -> Tensor');
const narrowSchema = parseSchema('narrow(Tensor input, int dim, int start, int length) -> Tensor');

// PyTorch also has overloads wasmgrad does not (a dim name, a Tensor start): its parser lists them
const SELECT = ['(int dim, int index)', '(name dim, int index)'];
const NARROW = ['(int dim, Tensor start, int length)', '(int dim, int start, int length)'];

/** bind, with PyTorch's "invalid combination" error over its overloads when the call fits neither. */
function bindListed(schema: Schema, args: unknown[], self: Tensor | null, overloads: readonly string[]): Record<string, unknown> {
  try {
    return bind(schema, args, self);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const last = args[args.length - 1];
    const kw = isOptions(last);
    const positional = kw ? args.slice(0, -1) : args;
    const listed = self ? overloads : overloads.map((o) => `(Tensor input, ${o.slice(1)}`);
    throw invalidCombination(schema.name, positional, kw ? last as Record<string, unknown> : {}, listed);
  }
}

/** x[..., index, ...] at dim, validated. */
function selectAt(input: Tensor, dim: number, index: number): Tensor {
  if (input._shape.length === 0) throw new IndexError('select() cannot be applied to a 0-dim tensor.');
  const size = input._shape[dim];
  if (index < -size || index >= size) {
    throw new IndexError(`select(): index ${index} out of range for tensor of size [${input._shape.join(', ')}] at dimension ${dim}`);
  }
  const i = index < 0 ? index + size : index;
  const shape = input._shape.filter((_, d) => d !== dim);
  const out = new Tensor(input._dev, input._dev.slice(Op.Select, input.h, dim, i, 1, 1), shape, input._dtype);
  const st = stridesOf(input);
  return withStrides(markView(out, input, (p) => selectAt(p, dim, i)), st.filter((_, d) => d !== dim), input._offset + i * st[dim]);
}

/** x[..., start:start+length*step:step, ...] at dim, already within bounds. */
function sliceAt(input: Tensor, dim: number, start: number, length: number, step: number): Tensor {
  const shape = input._shape.slice();
  shape[dim] = length;
  const out = new Tensor(input._dev, input._dev.slice(Op.Slice, input.h, dim, start, length, step), shape, input._dtype);
  const st = stridesOf(input);
  // PyTorch's slice of an empty range keeps the offset where the range starts
  return withStrides(markView(out, input, (p) => sliceAt(p, dim, start, length, step)), st.map((x, d) => (d === dim ? x * step : x)), input._offset + start * st[dim]);
}

/**
 * The slice of input at `index` along `dim`, without that dim.
 * @example torch.select(x, 1, 0) // x[:, 0]
 */
export function select(input: Tensor, dim: number, index: number): Tensor;
export function select(...args: unknown[]): Tensor { return selectBound(bindListed(selectSchema, args, null, SELECT)); }

function selectBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor;
  if (input._shape.length === 0) throw new IndexError('select() cannot be applied to a 0-dim tensor.');
  return selectAt(input, normDim(a.dim as number, input._shape.length), a.index as number);
}

/**
 * `length` elements of input along `dim` from `start` (x[start:start+length] at that dim).
 * @example torch.narrow(x, 0, 1, 2) // x[1:3]
 */
export function narrow(input: Tensor, dim: number, start: number, length: number): Tensor;
export function narrow(...args: unknown[]): Tensor { return narrowBound(bindListed(narrowSchema, args, null, NARROW)); }

function narrowBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor;
  const nd = input._shape.length;
  if (nd === 0) throw new RuntimeError('narrow() cannot be applied to a 0-dim tensor.');
  const dim = normDim(a.dim as number, nd);
  const size = input._shape[dim];
  let start = a.start as number;
  const length = a.length as number;
  // PyTorch 2: a start in [-size, size] (negative from the end)
  if (start < -size || start > size) {
    throw new IndexError(`start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`);
  }
  if (start < 0) start += size;
  if (length < 0 || start + length > size) {
    throw new RuntimeError(`start (${start}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return sliceAt(input, dim, start, length, 1);
}

/** One item of an index: an integer, a slice 'start:stop:step', '...', null (a new dim), or an int64/bool tensor. */
export type IndexItem = number | string | null | Tensor;

/** Python's slice bounds for a dim of `size`: clamped, negative from the end. */
function sliceBounds(text: string, size: number): [number, number, number] {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) throw new TypeError(`wasmgrad: index '${text}' is not an integer, a slice 'start:stop:step', '...' or null`);
  const num = (p: string | undefined): number | null => {
    if (p === undefined || p.trim() === '') return null;
    const v = Number(p);
    if (!Number.isInteger(v)) throw new TypeError(`wasmgrad: slice bound '${p}' in '${text}' is not an integer`);
    return v;
  };
  const step = num(parts[2]) ?? 1;
  if (step <= 0) throw new ValueError('step must be greater than zero');
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const start = clamp(num(parts[0]), 0), stop = clamp(num(parts[1]), size);
  return [start, Math.max(0, Math.ceil((stop - start) / step)), step];
}

/**
 * One checked item of an index over the shape the items before it leave: what x.index applies to a
 * tensor, and x[...] = v to x's positions (so reading and writing share every check and error).
 */
type IndexStep =
  | { kind: 'select'; dim: number; index: number }
  | { kind: 'slice'; dim: number; start: number; length: number; step: number }
  | { kind: 'unsqueeze'; dim: number }
  | { kind: 'tensor'; dim: number; index: Tensor };

/** The items of x[items] for an x of `shape`, with PyTorch's checks and errors, as steps. */
function indexSteps(shape: readonly number[], list: readonly IndexItem[]): IndexStep[] {
  // a bool mask covers as many dims as it has (shape and indexing 2: tensor indices)
  const specified = list.reduce((n: number, it) => n + (it === null || it === '...' ? 0 : it instanceof Tensor && it._dtype === DType.Bool ? it._shape.length : 1), 0);
  const nd = shape.length;
  if (specified > nd) throw new IndexError(`too many indices for tensor of dimension ${nd}`);
  if (list.filter((it) => it === '...').length > 1) throw new IndexError('an index can only have a single ellipsis (\'...\')');
  const cur = shape.slice(), steps: IndexStep[] = [];
  let dim = 0;
  const selectAtDim = (v: number): void => {
    const size = cur[dim];
    if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
    steps.push({ kind: 'select', dim, index: v < 0 ? v + size : v });
    cur.splice(dim, 1);
  };
  for (const it of list) {
    if (it === null) {
      steps.push({ kind: 'unsqueeze', dim });
      cur.splice(dim++, 0, 1);
    } else if (it === '...') {
      dim += nd - specified;
    } else if (typeof it === 'number') {
      if (!Number.isInteger(it)) throw new TypeError(`wasmgrad: index ${it} is not an integer`);
      selectAtDim(it);
    } else if (typeof it === 'string') {
      const [start, length, step] = sliceBounds(it, cur[dim]);
      steps.push({ kind: 'slice', dim, start, length, step });
      cur[dim++] = length;
    } else if (it instanceof Tensor) {
      // shape and indexing 2: a 0-dim integer tensor selects as an integer; the others index
      // after the basic items (IndexBackward0, src/ops/gather_scatter.ts)
      if (it._dtype === DType.Float32 || it._dtype === DType.Float64) throw new IndexError('tensors used as indices must be long, byte or bool tensors');
      if (it._dtype !== DType.Bool && it._shape.length === 0) {
        selectAtDim(it.item() as number);
      } else {
        steps.push({ kind: 'tensor', dim, index: it });
        dim += it._dtype === DType.Bool ? it._shape.length : 1;
      }
    } else {
      throw new TypeError(`wasmgrad: index ${String(it)} is not an integer, a slice 'start:stop:step', '...' or null`);
    }
  }
  return steps;
}

const itemList = (items: IndexItem | readonly IndexItem[]): readonly IndexItem[] =>
  (Array.isArray(items) ? items as readonly IndexItem[] : [items as IndexItem]);

/**
 * PyTorch's `x[...]` for reading: integers select, 'start:stop:step' strings slice, '...' skips
 * dims, null adds a dim. Gradients flow back as PyTorch's (SelectBackward0, SliceBackward0).
 * @example x.index([':', 1]) // x[:, 1]
 */
export function index(input: Tensor, items: IndexItem | readonly IndexItem[]): Tensor {
  const advanced: { dim: number; index: Tensor }[] = [];
  let result = input;
  for (const s of indexSteps(input._shape, itemList(items))) {
    const prev = result;
    if (s.kind === 'unsqueeze') result = unsqueeze(result, s.dim);
    else if (s.kind === 'select') result = selectAt(result, s.dim, s.index);
    else if (s.kind === 'slice') result = sliceAt(result, s.dim, s.start, s.length, s.step);
    else advanced.push({ dim: s.dim, index: s.index });
    if (prev !== input && prev !== result) prev.dispose();
  }
  if (advanced.length) {
    const indexed = advancedIndex(result, advanced);
    if (result !== input) result.dispose();
    return indexed;
  }
  // x[...] alone: an alias of x (a new tensor, so disposing it never frees x)
  return result === input ? withStrides(aliasAs(Op.Alias, input, input._shape), stridesOf(input)) : result;
}

/** @internal Tensor.select / narrow with self bound */
export const selectMethod = (self: Tensor, args: unknown[]): Tensor => selectBound(bindListed(selectSchema, args, self, SELECT));
/** @internal */
export const narrowMethod = (self: Tensor, args: unknown[]): Tensor => narrowBound(bindListed(narrowSchema, args, self, NARROW));

// ---- x[...] = value ----------------------------------------------------------------------
// PyTorch's `x[items] = value` is libtorch's `x.index_put_({items}, value)`, the spelling that
// pairs with x.index([...]). The items' flat positions in x come from the same checked steps as
// x.index's: the basic items walk x's row-major strides (O(items written), not O(numel x)), and
// tensor items then index those positions; the value is broadcast to the indexed shape and put
// there in place, under the node PyTorch records: CopyBackwards for x[...] = v (a copy_ into x),
// IndexPutBackward0 for tensor indices alone (index_put_ into x), CopySlices where basic items
// make a view to write through.

/** The flat position in x of each element of x.index(list), and the shape x.index(list) gives them. */
function positionsOf(x: Tensor, list: readonly IndexItem[]): { shape: number[]; at: Int32Array } {
  // the view the basic items make: its shape, strides and offset in x's row-major elements
  const shape = x._shape.slice(), strides = contiguousStrides(shape), advanced: { dim: number; index: Tensor }[] = [];
  let offset = 0;
  for (const s of indexSteps(x._shape, list)) {
    if (s.kind === 'select') {
      offset += s.index * strides[s.dim];
      shape.splice(s.dim, 1);
      strides.splice(s.dim, 1);
    } else if (s.kind === 'slice') {
      offset += s.start * strides[s.dim];
      shape[s.dim] = s.length;
      strides[s.dim] *= s.step;
    } else if (s.kind === 'unsqueeze') {
      shape.splice(s.dim, 0, 1);
      strides.splice(s.dim, 0, 0);
    } else {
      advanced.push({ dim: s.dim, index: s.index });
    }
  }
  const at = build(shape, (c) => c.reduce((p, v, d) => p + v * strides[d], offset));
  if (!advanced.length) return { shape, at };
  // tensor items index the view's positions as x.index's would index its values
  const dev = x._dev;
  const view = new Tensor(dev, dev.fromData(at, shape, DType.Int64), shape, DType.Int64);
  try {
    const pos = advancedIndex(view, advanced);
    try { return { shape: pos._shape.slice(), at: dev.read(pos.h) as Int32Array }; } finally { pos.dispose(); }
  } finally {
    view.dispose();
  }
}

/** value as a tensor on x's device: a number takes x's dtype (PyTorch's valueToTensor). */
function valueTensor(x: Tensor, value: unknown): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    const type = value == null ? 'NoneType' : typeof value === 'string' ? 'str' : Array.isArray(value) ? 'list' : typeof value === 'object' ? 'dict' : typeof value;
    throw new TypeError(`can't assign a ${type} to a torch.${DTYPES[x._dtype]._scalarType}Tensor`);
  }
  const v = Number(value), dev = x._dev;
  const f64 = new Tensor(dev, dev.fromData(Float64Array.of(v), [], DType.Float64), [], DType.Float64);
  if (x._dtype === DType.Float64) return f64;
  try { return castTensor(f64, x._dtype); } finally { f64.dispose(); }
}

/**
 * x[items] = values (accumulate: +=, for index_put_'s tensor lists) in place, with PyTorch's
 * checks in its order: the index; then without tensor items (copy_) the value's broadcast and
 * the leaf, with them (index_put_) the leaf, the dtype and the broadcast.
 * @internal
 */
export function indexPutItems(self: Tensor, items: IndexItem | readonly IndexItem[], values: unknown, accumulate: boolean): Tensor {
  const list = itemList(items);
  const tensors = list.some((it) => it instanceof Tensor);
  const op = list.every((it) => it === '...') ? Op.SetWhole
    : tensors && list.every((it) => it === '...' || it instanceof Tensor) ? Op.IndexPut : Op.SetSlices;
  const owned: Tensor[] = [];
  const own = (t: Tensor, from: unknown): Tensor => { if (t !== from) owned.push(t); return t; };
  // PyTorch writes through a view for basic items, into x itself otherwise: its leaf errors differ
  const leafCheck = (): void => {
    if (op !== Op.SetSlices) checkLeaf(self);
    else if (is_grad_enabled() && self.requires_grad && self.is_leaf) {
      throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
    }
  };
  try {
    let v = own(valueTensor(self, values), values);
    const pos = positionsOf(self, list);
    // PyTorch drops the value's leading 1s first (slicePrefix1sSize)
    let lead = 0;
    while (lead < v._shape.length && v._shape[lead] === 1) lead++;
    if (lead) v = own(reshape(v, v._shape.slice(lead)), v);
    if (!tensors) {
      v = own(expand(v, pos.shape), v);
      leafCheck();
      v = own(castTensor(v, self._dtype), v);
    } else {
      leafCheck();
      if (v._dtype !== self._dtype) {
        throw new RuntimeError(`Index put requires the source and destination dtypes match, got ${DTYPES[self._dtype]._scalarType} for the destination and ${DTYPES[v._dtype]._scalarType} for the source.`);
      }
      if (!sameShape(v._shape, pos.shape)) {
        const fits = v._shape.length <= pos.shape.length && v._shape.every((s, d) => s === 1 || s === pos.shape[d + pos.shape.length - v._shape.length]);
        if (!fits) throw new RuntimeError(`shape mismatch: value tensor of shape [${v._shape.join(', ')}] cannot be broadcast to indexing result of shape [${pos.shape.join(', ')}]`);
        v = own(expand(v, pos.shape), v);
      }
    }
    return inplace(self, () => putFlat(op, self, v, pos.at, accumulate));
  } finally {
    for (const t of owned) t.dispose();
  }
}

/**
 * @internal Tensor.index_put_(indices, values, accumulate): a list of tensors is PyTorch's
 * index_put_; any other index (integers, slices, '...', null, tensors mixed in) is x[...] = values.
 */
export function indexPutMethod(self: Tensor, args: unknown[]): Tensor {
  const last = args[args.length - 1];
  const kw = args.length && isOptions(last) && !(last instanceof Tensor) ? last as Record<string, unknown> : null;
  const pos = kw ? args.slice(0, -1) : args;
  const names = ['indices', 'values', 'accumulate'];
  if (pos.length > 3) throw new TypeError(`index_put_() takes at most 3 arguments (${pos.length} given)`);
  const a: Record<string, unknown> = { accumulate: false };
  pos.forEach((v, i) => { a[names[i]] = v; });
  for (const [k, v] of Object.entries(kw ?? {})) {
    if (!names.includes(k)) throw new TypeError(`index_put_() got an unexpected keyword argument '${k}'`);
    a[k] = v;
  }
  const missing = names.slice(0, 2).filter((k) => !(k in a));
  if (missing.length) throw new TypeError(`index_put_() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.map((k) => `"${k}"`).join(', ')}`);
  if (typeof a.accumulate !== 'boolean') throw new TypeError("index_put_(): argument 'accumulate' must be bool");
  const { indices, values, accumulate } = a as { indices: IndexItem | IndexItem[]; values: unknown; accumulate: boolean };
  if (Array.isArray(indices) && indices.length && indices.every((t) => t instanceof Tensor) && values instanceof Tensor) {
    return inplace(self, () => index_put(self, indices as Tensor[], values, accumulate));
  }
  // accumulate is index_put_'s alone: PyTorch's error names the first item that is not a tensor
  if (accumulate) {
    const pyType = (it: unknown): string => it === null ? 'NoneType' : it === '...' ? 'ellipsis' : typeof it === 'string' ? 'slice' : typeof it === 'number' ? 'int' : typeof it;
    if (!Array.isArray(indices)) throw new TypeError(`index_put_(): argument 'indices' (position 1) must be tuple of Tensors, not ${pyType(indices)}`);
    const k = indices.findIndex((t) => !(t instanceof Tensor));
    if (k >= 0) throw new TypeError(`expected Tensor as element ${k} in argument 0, but got ${pyType(indices[k])}`);
  }
  return indexPutItems(self, indices, values, accumulate);
}
