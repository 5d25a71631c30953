// Shape ops. wasmgrad's kernels read dense data, so a view op's result is a
// dense copy, made an alias of its input's base by markView (src/alias.ts:
// writes through it reach the base, and it reads the base again after the base
// changes). Each keeps the strides PyTorch would give its result
// (src/strides.ts), so view() raises where PyTorch's would.

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError, TorchError } from '../errors.js';
import { inferViewShape, normDim, sizeParam, checkRank, checkStorage, formatSize, type SizeArg } from '../shape.js';
import { promote } from '../dtype.js';
import { castTensor } from '../cast.js';
import { Tensor } from '../tensor.js';
import { deviceOf } from './common.js';
import { checkInt, invalidCombination } from '../args.js';
import { computeStride, contiguousStrides, expandStrides, unsqueezeStrides } from '../strides.js';
import { markView } from '../alias.js';

/** @internal the same data under `shape`, recorded as node `op` */
export function viewAs(op: Op, input: Tensor, shape: readonly number[]): Tensor {
  return new Tensor(input._dev, input._dev.view(op, input.h, shape), shape.slice(), input._dtype);
}

/** @internal viewAs, as a view of input's base (PyTorch's view ops alias) */
export function aliasAs(op: Op, input: Tensor, shape: readonly number[]): Tensor {
  return markView(viewAs(op, input, shape), input, (p) => viewAs(op, p, shape));
}

/** @internal the strides PyTorch would give t */
export const stridesOf = (t: Tensor): number[] => t._strides ?? contiguousStrides(t._shape);

/** @internal t, with PyTorch's strides for it (and its storage offset, where the view moves it) */
export function withStrides(t: Tensor, strides: readonly number[], offset = t._offset): Tensor {
  // null stands for row-major strides; any others are kept exactly (a size-1 dim's stride shows in stride())
  const rowMajor = contiguousStrides(t._shape);
  t._strides = strides.every((st, d) => st === rowMajor[d]) ? null : strides.slice();
  t._offset = offset;
  return t;
}

/** The strides of input viewed as shape, or null where PyTorch's view() would refuse. */
function viewStrides(input: Tensor, shape: readonly number[]): number[] | null {
  return input._strides ? computeStride(input._shape, input._strides, shape) : contiguousStrides(shape);
}

/**
 * The same elements in a new shape; one size may be -1 (inferred).
 * @example x.reshape(2, 3); x.reshape([-1]); torch.reshape(x, [3, -1])
 */
export function reshape(input: Tensor, ...shape: SizeArg[]): Tensor {
  const out = inferViewShape(sizeParam(shape, { fn: 'reshape', name: 'shape', position: 1, list: 'SymInts' }), input.numel());
  // a view where PyTorch can make one, a contiguous copy where it cannot
  const strides = viewStrides(input, out);
  return strides ? withStrides(aliasAs(Op.Reshape, input, out), strides) : viewAs(Op.Reshape, input, out);
}

// view's and squeeze's overloads, as PyTorch prints them when none matches
const VIEW = ['(torch.dtype dtype)', '(tuple of SymInts size)'];
const SQUEEZE = ['()', '(int dim)', '(name dim)'];

/**
 * Like reshape, but only where the result can share the input's layout, as in
 * PyTorch: not across dims a transpose, permute or expand has separated.
 * @example x.view(-1, 4)
 */
export function view(input: Tensor, ...shape: SizeArg[]): Tensor {
  // view(dtype) is view's other overload, so a size that is not an int matches neither
  const first: unknown = Array.isArray(shape[0]) ? shape[0][0] : shape[0];
  if (typeof first === 'number' && !Number.isInteger(first)) throw invalidCombination('view', shape, {}, VIEW);
  const out = inferViewShape(sizeParam(shape, { fn: 'view', name: 'size', position: 1, list: 'SymInts' }), input.numel());
  const strides = viewStrides(input, out);
  if (!strides) {
    throw new RuntimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two " +
      'contiguous subspaces). Use .reshape(...) instead.');
  }
  return withStrides(aliasAs(Op.View, input, out), strides);
}

/**
 * Removes dims of size 1 (all, or only `dim`).
 * @example torch.zeros([2, 1, 3]).squeeze() // shape [2, 3]
 */
export function squeeze(input: Tensor, dim?: number | { dim?: number }, method = false, ops: readonly [Op, Op] = [Op.Squeeze, Op.SqueezeDim]): Tensor {
  const d = typeof dim === 'object' ? dim.dim : dim;
  const shape = input._shape;
  const strides = stridesOf(input);
  if (d === undefined) {
    const kept = shape.map((_, i) => i).filter((i) => shape[i] !== 1);
    return withStrides(aliasAs(ops[0], input, kept.map((i) => shape[i])), kept.map((i) => strides[i]));
  }
  if (!Number.isInteger(d)) {
    const [args, kwargs] = typeof dim === 'object' ? [[], { dim: d }] : [[d], {}];
    throw method ? invalidCombination('squeeze', args, kwargs, SQUEEZE)
      : invalidCombination('squeeze', [input, ...args], kwargs, SQUEEZE.map((sig) => `(Tensor input${sig === '()' ? '' : ', '}${sig.slice(1)}`));
  }
  const k = normDim(d, shape.length, { fn: 'squeeze', name: 'dim', position: 1 });
  const kept = shape.map((_, i) => i).filter((i) => !(i === k && shape[i] === 1));
  return withStrides(aliasAs(ops[1], input, kept.map((i) => shape[i])), kept.map((i) => strides[i]));
}

/**
 * Inserts a dim of size 1 at `dim` (negative counts from the end, up to -(ndim+1)).
 * @example torch.tensor([1, 2]).unsqueeze(0) // shape [1, 2]
 */
export function unsqueeze(input: Tensor, dim: number | { dim: number }, method = false, op: Op = Op.Unsqueeze): Tensor {
  const byKeyword = typeof dim === 'object' && dim !== null;
  const d = checkInt('unsqueeze', 'dim', byKeyword ? 0 : method ? 1 : 2, byKeyword ? dim.dim : dim);
  const k = normDim(d, input._shape.length + 1);
  const out = input._shape.slice();
  out.splice(k, 0, 1);
  checkRank(out.length);
  return withStrides(aliasAs(op, input, out), unsqueezeStrides(input._shape, stridesOf(input), k));
}

/**
 * Flattens dims start_dim..end_dim into one.
 * @example x.flatten(); torch.flatten(x, 1)
 */
export function flatten(input: Tensor, start_dim?: number | { start_dim?: number; end_dim?: number }, end_dim?: number): Tensor {
  let s = start_dim, e = end_dim;
  if (typeof s === 'object') { e = s.end_dim; s = s.start_dim; }
  const nd = input._shape.length;
  if (nd === 0) return aliasAs(Op.Flatten, input, [1]);
  const a = normDim(s ?? 0, nd, { fn: 'flatten', name: 'start_dim', position: 1 });
  const b = normDim(e ?? -1, nd, { fn: 'flatten', name: 'end_dim', position: 2 });
  if (a > b) throw new RuntimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  // PyTorch returns the input itself when there is nothing to flatten
  if (a === b) return input;
  const shape = input._shape;
  let n = 1;
  for (let i = a; i <= b; i++) n *= shape[i];
  const out = [...shape.slice(0, a), n, ...shape.slice(b + 1)];
  const strides = viewStrides(input, out);
  return strides ? withStrides(aliasAs(Op.Flatten, input, out), strides) : viewAs(Op.Flatten, input, out);
}

function permuteAs(op: Op, input: Tensor, perm: number[]): Tensor {
  const shape = perm.map((p) => input._shape[p]);
  const strides = stridesOf(input);
  const out = new Tensor(input._dev, input._dev.permute(op, input.h, perm), shape, input._dtype);
  return withStrides(markView(out, input, (p) => permuteAs(op, p, perm)), perm.map((p) => strides[p]));
}

/**
 * Reorders the dims: output dim i is input dim dims[i].
 * @example x.permute(2, 0, 1); torch.permute(x, [1, 0])
 */
export function permute(input: Tensor, ...dims: SizeArg[]): Tensor {
  const raw = sizeParam(dims, { fn: 'permute', name: 'dims', position: 1 });
  const nd = input._shape.length;
  if (raw.length !== nd) {
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${nd} is not equal to len(dims) = ${raw.length}`);
  }
  const perm = raw.map((d) => normDim(d, nd));
  if (new Set(perm).size !== perm.length) throw new RuntimeError('permute(): duplicate dims are not allowed.');
  return permuteAs(Op.Permute, input, perm);
}

// transpose's overloads, as PyTorch prints them when none matches
const TRANSPOSE = ['(int dim0, int dim1)', '(name dim0, name dim1)'];

/**
 * Swaps two dims.
 * @example x.transpose(0, 1); x.transpose({ dim0: 0, dim1: 1 })
 */
export function transpose(input: Tensor, dim0: number | { dim0: number; dim1: number }, dim1?: number, method = false, op: Op = Op.Transpose): Tensor {
  const kwargs = typeof dim0 === 'object' && dim0 !== null ? dim0 : null;
  if (kwargs) { dim1 = kwargs.dim1; dim0 = kwargs.dim0; }
  if (!Number.isInteger(dim0) || !Number.isInteger(dim1)) {
    const args = kwargs ? [] : [dim0, dim1];
    throw method ? invalidCombination('transpose', args, kwargs ?? {}, TRANSPOSE)
      : invalidCombination('transpose', [input, ...args], kwargs ?? {}, TRANSPOSE.map((sig) => `(Tensor input, ${sig.slice(1)}`));
  }
  const nd = input._shape.length;
  const a = normDim(dim0 as number, nd), b = normDim(dim1!, nd);
  const perm = Array.from({ length: nd }, (_, i) => i);
  if (nd > 0) { perm[a] = b; perm[b] = a; }
  return permuteAs(op, input, perm);
}

/**
 * Transposes a 2-D tensor (0-D and 1-D are returned as they are).
 * @example w.t()
 */
export function t(input: Tensor, op: Op = Op.T): Tensor {
  const nd = input._shape.length;
  if (nd > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${nd}D`);
  return permuteAs(op, input, nd === 2 ? [1, 0] : nd === 1 ? [0] : []);
}

/**
 * Broadcasts to a larger shape; -1 keeps a size, new dims go in front.
 * @example torch.tensor([1, 2, 3]).expand(2, -1) // shape [2, 3]
 */
export function expand(input: Tensor, ...sizes: SizeArg[]): Tensor {
  const target = sizeParam(sizes, { fn: 'expand', name: 'size', position: 1, list: 'SymInts' });
  const shape = input._shape, nd = shape.length;
  if (target.length < nd) {
    throw new RuntimeError(
      `expand(torch.FloatTensor{${formatSize(shape)}}, size=${formatSize(target)}): the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${nd})`);
  }
  const lead = target.length - nd;
  // PyTorch checks from the last dim, so with several mismatches its error names the last one
  const out = new Array<number>(target.length);
  for (let i = target.length - 1; i >= 0; i--) out[i] = expandedSize(i);
  function expandedSize(i: number): number {
    const s = target[i];
    if (i < lead) {
      if (s === -1) throw new RuntimeError(`The expanded size of the tensor (${s}) isn't allowed in a leading, non-existing dimension ${i}`);
      return s;
    }
    const have = shape[i - lead];
    if (s === -1) return have;
    if (have !== s && have !== 1) {
      throw new RuntimeError(
        `The expanded size of the tensor (${s}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: ${formatSize(target)}.  Tensor sizes: ${formatSize(shape)}`);
    }
    return s;
  }
  // PyTorch finds any other negative size only when it multiplies the sizes (as 64-bit unsigned)
  if (out.some((s) => s < 0)) throw new RuntimeError('numel: integer multiplication overflow');
  // the expanded copy is allocated (PyTorch's is a stride-0 view; markView makes it alias)
  checkStorage(out);
  const t = new Tensor(input._dev, input._dev.expand(input.h, out), out, input._dtype);
  const view = markView(t, input, (p) => new Tensor(p._dev, p._dev.expand(p.h, out), out, p._dtype));
  return withStrides(view, expandStrides(shape, stridesOf(input), out));
}

function checkList(tensors: readonly Tensor[], fn: string): void {
  if (!Array.isArray(tensors)) throw new TorchError(`${fn}(): argument 'tensors' must be a list of Tensors`);
  for (const t of tensors) if (!(t instanceof Tensor)) throw new TorchError(`${fn}(): expected a list of Tensors`);
  for (let i = 1; i < tensors.length; i++) deviceOf(tensors[0], tensors[i]);
}

/**
 * Concatenates tensors along an existing dim.
 * @example torch.cat([a, b], 0); torch.cat([a, b], { dim: 1 })
 */
export function cat(tensors: readonly Tensor[], dim: number | { dim?: number } = 0): Tensor {
  checkList(tensors, 'cat');
  if (tensors.length === 0) throw new RuntimeError('torch.cat(): expected a non-empty list of Tensors');
  const d = typeof dim === 'object' ? dim.dim ?? 0 : dim;
  if (typeof d === 'number' && !Number.isInteger(d)) {
    throw invalidCombination('cat', typeof dim === 'object' ? [tensors] : [tensors, d], typeof dim === 'object' ? { dim: d } : {},
      ['(tuple of Tensors tensors, int dim, *, Tensor out)', '(tuple of Tensors tensors, name dim, *, Tensor out)']);
  }
  const first = tensors[0]._shape;
  const k = normDim(d, first.length, { fn: 'cat', name: 'dim', position: 2 });
  const out = first.slice();
  out[k] = 0;
  tensors.forEach((t, i) => {
    if (t._shape.length !== first.length) {
      throw new RuntimeError(`Tensors must have same number of dimensions: got ${first.length} and ${t._shape.length}`);
    }
    t._shape.forEach((s, j) => {
      if (j !== k && s !== first[j]) {
        throw new RuntimeError(
          `Sizes of tensors must match except in dimension ${k}. Expected size ${first[j]} but got size ${s} for tensor number ${i} in the list.`);
      }
    });
    out[k] += t._shape[k];
  });
  if (first.length === 0) throw new RuntimeError('zero-dimensional tensor (at position 0) cannot be concatenated');
  checkStorage(out);
  return catPromoted(Op.Cat, tensors, k, out);
}

/**
 * The device's cat/stack of `tensors`, promoted as PyTorch does: a mix of
 * int64 and float32 gives float32 (the device copies raw elements, so the
 * int64 ones are converted first, into temporaries freed here).
 */
function catPromoted(op: Op, tensors: readonly Tensor[], k: number, out: number[]): Tensor {
  const dev = tensors[0]._dev;
  // PyTorch's cat promotes its inputs to their common dtype
  const dtype = tensors.reduce((d, t) => promote(d, t._dtype), tensors[0]._dtype);
  const temps = tensors.map((t) => (t._dtype === dtype ? null : castTensor(t, dtype)));
  try {
    return new Tensor(dev, dev.cat(op, tensors.map((t, i) => (temps[i] ?? t).h), k), out, dtype);
  } finally {
    for (const t of temps) t?.dispose();
  }
}

/**
 * Stacks equally shaped tensors along a new dim.
 * @example torch.stack([a, b]); torch.stack([a, b], 1)
 */
export function stack(tensors: readonly Tensor[], dim: number | { dim?: number } = 0): Tensor {
  checkList(tensors, 'stack');
  if (tensors.length === 0) throw new RuntimeError('stack expects a non-empty TensorList');
  const d = typeof dim === 'object' ? dim.dim ?? 0 : dim;
  const first = tensors[0]._shape;
  const k = normDim(d, first.length + 1, { fn: 'stack', name: 'dim', position: 2 });
  tensors.forEach((t, i) => {
    if (t._shape.join() !== first.join()) {
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got ${formatSize(first)} at entry 0 and ${formatSize(t._shape)} at entry ${i}`);
    }
  });
  const out = first.slice();
  out.splice(k, 0, tensors.length);
  checkStorage(out);
  return catPromoted(Op.Stack, tensors, k, out);
}

