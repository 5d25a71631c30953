// Shape ops PyTorch itself composes from other ops (ATen's CompositeImplicit
// kernels): movedim is a permute, swapaxes a transpose, unflatten a view,
// broadcast_to an expand, hstack/vstack a cat. They record the op they run, so
// grad_fn is PyTorch's name (PermuteBackward0, TransposeBackward0,
// ViewBackward0, ExpandBackward0, CatBackward0) and the gradient is that op's.

import { RuntimeError } from '../errors.js';
import { normDim } from '../shape.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { cat, expand, permute, transpose, view, unsqueeze, reshape } from './shape.js';

const SCHEMAS = {
  movedim: parseSchema('movedim(Tensor input, int[] source, int[] destination) -> Tensor', false),
  moveaxis: parseSchema('moveaxis(Tensor input, int[] source, int[] destination) -> Tensor', false),
  swapaxes: parseSchema('swapaxes(Tensor input, int axis0, int axis1) -> Tensor', false),
  swapdims: parseSchema('swapdims(Tensor input, int dim0, int dim1) -> Tensor', false),
  unflatten: parseSchema('unflatten(Tensor input, int dim, int[] sizes) -> Tensor', false),
  broadcast_to: parseSchema('broadcast_to(Tensor input, int[] size) -> Tensor', false),
};

/** The arguments of a call as torch.f(input, ...) or input.f(...) (`self` set). */
function args(name: keyof typeof SCHEMAS, given: unknown[], self: Tensor | null): Record<string, unknown> {
  return bind(SCHEMAS[name], given, self);
}

const fmt = (dims: readonly number[]): string => `[${dims.join(', ')}]`;

/** movedim's permutation, as ATen's movedim builds it: the moved dims at their destinations, the rest in order. */
function movedimPerm(input: Tensor, source: number[], destination: number[]): number[] {
  const nd = input._shape.length;
  if (source.length !== destination.length) {
    throw new RuntimeError(
      `movedim: Invalid source or destination dims: source (${fmt(source)} dims) should contain the same number of dims as destination (${fmt(destination)} dims)`);
  }
  const src = source.map((d) => normDim(d, nd));
  const dst = destination.map((d) => normDim(d, nd));
  if (new Set(src).size !== src.length) throw new RuntimeError(`movedim: repeated dim in \`source\` (${fmt(source)})`);
  if (new Set(dst).size !== dst.length) throw new RuntimeError(`movedim: repeated dim in \`destination\` (${fmt(destination)})`);
  const perm = new Array<number>(nd).fill(-1);
  src.forEach((s, i) => { perm[dst[i]] = s; });
  const rest = Array.from({ length: nd }, (_, i) => i).filter((i) => !src.includes(i));
  let j = 0;
  for (let i = 0; i < nd; i++) if (perm[i] < 0) perm[i] = rest[j++];
  return perm;
}

function moved(name: 'movedim' | 'moveaxis', given: unknown[], self: Tensor | null): Tensor {
  const a = args(name, given, self);
  const input = a.input as Tensor;
  return permute(input, movedimPerm(input, a.source as number[], a.destination as number[]));
}

/**
 * Moves dims `source` to positions `destination` (ints or lists); the other dims keep their order.
 * @example torch.movedim(torch.zeros(2, 3, 4), 0, -1).shape // [3, 4, 2]
 */
export function movedim(...given: unknown[]): Tensor { return moved('movedim', given, null); }
/** @internal the method form */
export function movedimMethod(self: Tensor, given: unknown[]): Tensor { return moved('movedim', given, self); }

/**
 * NumPy's name for {@link movedim}.
 * @example torch.moveaxis(torch.zeros(2, 3, 4), [0, 1], [2, 0]).shape // [3, 4, 2]
 */
export function moveaxis(...given: unknown[]): Tensor { return moved('moveaxis', given, null); }
/** @internal the method form */
export function moveaxisMethod(self: Tensor, given: unknown[]): Tensor { return moved('moveaxis', given, self); }

/**
 * NumPy's name for {@link transpose}: dims `axis0` and `axis1` swapped.
 * @example torch.swapaxes(torch.zeros(2, 3), 0, 1).shape // [3, 2]
 */
export function swapaxes(...given: unknown[]): Tensor { return swapaxesOf(given, null); }
/** @internal the method form */
export function swapaxesOf(given: unknown[], self: Tensor | null): Tensor {
  const a = args('swapaxes', given, self);
  return transpose(a.input as Tensor, a.axis0 as number, a.axis1 as number);
}

/**
 * An alias of {@link transpose}.
 * @example torch.swapdims(torch.zeros(2, 3), 0, 1).shape // [3, 2]
 */
export function swapdims(...given: unknown[]): Tensor { return swapdimsOf(given, null); }
/** @internal the method form */
export function swapdimsOf(given: unknown[], self: Tensor | null): Tensor {
  const a = args('swapdims', given, self);
  return transpose(a.input as Tensor, a.dim0 as number, a.dim1 as number);
}

/**
 * Dim `dim` split into `sizes` (one may be -1), a view of the input (ViewBackward0).
 * @example torch.unflatten(torch.zeros(2, 6), 1, [2, 3]).shape // [2, 2, 3]
 */
export function unflatten(...given: unknown[]): Tensor { return unflattenOf(given, null); }
/** @internal the method form */
export function unflattenOf(given: unknown[], self: Tensor | null): Tensor {
  const a = args('unflatten', given, self);
  const input = a.input as Tensor, sizes = a.sizes as number[];
  const shape = input._shape;
  const d = normDim(a.dim as number, shape.length);
  if (sizes.length === 0) throw new RuntimeError('unflatten: sizes must be non-empty');
  const inferred = sizes.filter((s) => s === -1).length;
  if (inferred > 1) throw new RuntimeError('unflatten got an unexpected error:\nonly one dimension can be inferred');
  const known = sizes.reduce((p, s) => (s === -1 ? p : p * s), 1);
  const size = shape.length === 0 ? 1 : shape[d];
  const fits = inferred ? known !== 0 && size % known === 0 : known === size;
  if (!fits) {
    throw new RuntimeError(
      `unflatten: Provided sizes ${fmt(sizes)} don't multiply up to the size of dim ${a.dim as number} (${size}) in the input tensor`);
  }
  const filled = sizes.map((s) => (s === -1 ? size / known : s));
  return view(input, [...shape.slice(0, d), ...filled, ...shape.slice(d + 1)]);
}

/**
 * input broadcast to `size`, as {@link expand} (ExpandBackward0).
 * @example torch.broadcast_to(torch.tensor([1, 2]), [3, 2]).shape // [3, 2]
 */
export function broadcast_to(...given: unknown[]): Tensor { return broadcastToOf(given, null); }
/** @internal the method form */
export function broadcastToOf(given: unknown[], self: Tensor | null): Tensor {
  const a = args('broadcast_to', given, self);
  return expand(a.input as Tensor, a.size as number[]);
}

function stackList(fn: string, tensors: readonly Tensor[], rank: number, dim: (ts: Tensor[]) => number): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new RuntimeError(`${fn} expects a non-empty TensorList`);
  // atleast_1d / atleast_2d: 0-D becomes [1] ([1, 1]), 1-D [n] becomes [1, n] for rank 2.
  // The widened copies are inputs of cat's record, so they are left to the finalizers.
  // PyTorch's atleast_*: a 0-D tensor is reshaped (ReshapeAliasBackward0), a 1-D one unsqueezed
  const ts = tensors.map((t) => {
    if (t._shape.length === 0) return reshape(t, new Array<number>(rank).fill(1));
    let u = t;
    while (u._shape.length < rank) u = unsqueeze(u, 0);
    return u;
  });
  return cat(ts, dim(ts));
}

/**
 * Tensors joined column-wise: 1-D ones end to end (dim 0), others along dim 1.
 * @example torch.hstack([torch.zeros(2, 1), torch.ones(2, 3)]).shape // [2, 4]
 */
export function hstack(tensors: readonly Tensor[]): Tensor {
  return stackList('hstack', tensors, 1, (ts) => (ts[0]._shape.length === 1 ? 0 : 1));
}

/**
 * Tensors joined row-wise (dim 0), 1-D ones taken as rows.
 * @example torch.vstack([torch.zeros(3), torch.ones(2, 3)]).shape // [3, 3]
 */
export function vstack(tensors: readonly Tensor[]): Tensor {
  return stackList('vstack', tensors, 2, () => 0);
}
