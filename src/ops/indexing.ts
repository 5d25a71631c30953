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
import { normDim } from '../shape.js';
import { Tensor } from '../tensor.js';
import { bind, isOptions } from '../signature.js';
import { parseSchema, type Schema } from '../schema.js';
import { invalidCombination } from '../args.js';
import { unsqueeze } from './shape.js';
import { advancedIndex } from './gather_scatter.js'; // shape and indexing 2: tensor indices

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
  return new Tensor(input._dev, input._dev.slice(Op.Select, input.h, dim, i, 1, 1), shape, input._dtype);
}

/** x[..., start:start+length*step:step, ...] at dim, already within bounds. */
function sliceAt(input: Tensor, dim: number, start: number, length: number, step: number): Tensor {
  const shape = input._shape.slice();
  shape[dim] = length;
  return new Tensor(input._dev, input._dev.slice(Op.Slice, input.h, dim, start, length, step), shape, input._dtype);
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
 * PyTorch's `x[...]` for reading: integers select, 'start:stop:step' strings slice, '...' skips
 * dims, null adds a dim. Gradients flow back as PyTorch's (SelectBackward0, SliceBackward0).
 * @example x.index([':', 1]) // x[:, 1]
 */
export function index(input: Tensor, items: IndexItem | readonly IndexItem[]): Tensor {
  const list = Array.isArray(items) ? items as readonly IndexItem[] : [items as IndexItem];
  // a bool mask covers as many dims as it has (shape and indexing 2: tensor indices)
  const specified = list.reduce((n: number, it) => n + (it === null || it === '...' ? 0 : it instanceof Tensor && it._dtype === DType.Bool ? it._shape.length : 1), 0);
  const advanced: { dim: number; index: Tensor }[] = [];
  const nd = input._shape.length;
  if (specified > nd) throw new IndexError(`too many indices for tensor of dimension ${nd}`);
  if (list.filter((it) => it === '...').length > 1) throw new IndexError('an index can only have a single ellipsis (\'...\')');
  let result = input, dim = 0;
  for (const it of list) {
    const prev = result;
    if (it === null) {
      result = unsqueeze(result, dim);
      dim++;
    } else if (it === '...') {
      dim += nd - specified;
      continue;
    } else if (typeof it === 'number') {
      if (!Number.isInteger(it)) throw new TypeError(`wasmgrad: index ${it} is not an integer`);
      const size = result._shape[dim];
      if (it < -size || it >= size) throw new IndexError(`index ${it} is out of bounds for dimension ${dim} with size ${size}`);
      result = selectAt(result, dim, it);
    } else if (typeof it === 'string') {
      const [start, length, step] = sliceBounds(it, result._shape[dim]);
      result = sliceAt(result, dim, start, length, step);
      dim++;
    } else if (it instanceof Tensor) {
      // shape and indexing 2: a 0-dim integer tensor selects as an integer; the others index
      // after the basic items (IndexBackward0, src/ops/gather_scatter.ts)
      if (it._dtype === DType.Float32 || it._dtype === DType.Float64) throw new IndexError('tensors used as indices must be long, byte or bool tensors');
      if (it._dtype !== DType.Bool && it._shape.length === 0) {
        const v = it.item() as number, size = result._shape[dim];
        if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
        result = selectAt(result, dim, v);
      } else {
        advanced.push({ dim, index: it });
        dim += it._dtype === DType.Bool ? it._shape.length : 1;
      }
    } else {
      throw new TypeError(`wasmgrad: index ${String(it)} is not an integer, a slice 'start:stop:step', '...' or null`);
    }
    if (prev !== input && prev !== result) prev.dispose();
  }
  if (advanced.length) {
    const indexed = advancedIndex(result, advanced);
    if (result !== input) result.dispose();
    return indexed;
  }
  // x[...] alone: PyTorch gives an alias; a copy here, so disposing it never frees x
  return result === input ? input.clone() : result;
}

/** @internal Tensor.select / narrow with self bound */
export const selectMethod = (self: Tensor, args: unknown[]): Tensor => selectBound(bindListed(selectSchema, args, self, SELECT));
/** @internal */
export const narrowMethod = (self: Tensor, args: unknown[]): Tensor => narrowBound(bindListed(narrowSchema, args, self, NARROW));
