// Shape logic shared by both devices: broadcasting, dim normalisation, view
// shape inference, each raising PyTorch's error for bad input before any
// device work starts (so a failed op changes nothing).

import { RuntimeError, IndexError } from './errors.js';

export type Shape = readonly number[];

export const MAX_DIMS = 8;

export function numelOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The broadcast shape of a and b (NumPy rules), or PyTorch's error. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  if (sameShape(a, b)) return a as number[];
  const nd = Math.max(a.length, b.length);
  const out = new Array<number>(nd);
  for (let i = nd - 1; i >= 0; i--) {
    const da = i - (nd - a.length), db = i - (nd - b.length);
    const sa = da >= 0 ? a[da] : 1, sb = db >= 0 ? b[db] : 1;
    if (sa !== sb && sa !== 1 && sb !== 1) {
      throw new RuntimeError(
        `The size of tensor a (${sa}) must match the size of tensor b (${sb}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = sa === 1 ? sb : sa;
  }
  return out;
}

/** A dim index in [-ndim, ndim) made non-negative; ndim 0 accepts -1 and 0 as PyTorch does. */
export function normDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Dims (int, list or undefined = all) as a bitmask; repeated dims are PyTorch's error. */
export function dimMask(dim: number | readonly number[] | undefined | null, ndim: number): number {
  if (dim === undefined || dim === null) return ndim === 0 ? 0 : (1 << ndim) - 1;
  const dims = typeof dim === 'number' ? [dim] : dim;
  if (dims.length === 0) return ndim === 0 ? 0 : (1 << ndim) - 1;
  let mask = 0;
  for (const d of dims) {
    const nd = normDim(d, ndim);
    if (ndim === 0) continue;
    if (mask & (1 << nd)) throw new RuntimeError(`dim ${nd} appears multiple times in the list of dims`);
    mask |= 1 << nd;
  }
  return mask;
}

/** The shape after reducing the dims in mask. */
export function reducedShape(shape: Shape, mask: number, keepdim: boolean): number[] {
  const out: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (mask & (1 << d)) { if (keepdim) out.push(1); } else out.push(shape[d]);
  }
  return out;
}

/** Resolves a view/reshape target (one -1 allowed) against numel, or PyTorch's error. */
export function inferViewShape(target: readonly number[], numel: number): number[] {
  let infer = -1, known = 1;
  for (let i = 0; i < target.length; i++) {
    const s = target[i];
    if (s === -1) {
      if (infer >= 0) throw new RuntimeError('only one dimension can be inferred');
      infer = i;
    } else if (!Number.isInteger(s) || s < 0) {
      throw new RuntimeError(`invalid shape dimension ${s}`);
    } else known *= s;
  }
  const out = target.slice();
  if (infer >= 0) {
    if (known === 0 && numel === 0) {
      throw new RuntimeError(`cannot reshape tensor of 0 elements into shape [${target.join(', ')}] because the ` +
        'unspecified dimension size -1 can be any value and is ambiguous');
    }
    if (known === 0 || numel % known !== 0) throw invalidShape(target, numel);
    out[infer] = numel / known;
  } else if (known !== numel) throw invalidShape(target, numel);
  checkRank(out.length);
  return out;
}

function invalidShape(target: readonly number[], numel: number): RuntimeError {
  return new RuntimeError(`shape '[${target.join(', ')}]' is invalid for input of size ${numel}`);
}

/** wasmgrad keeps shapes inline (8 dims), PyTorch allows 64. */
export function checkRank(ndim: number): void {
  if (ndim > MAX_DIMS) {
    throw new RuntimeError(`wasmgrad supports tensors of at most ${MAX_DIMS} dimensions, got ${ndim}`);
  }
}

/** A size given by keyword: `{ shape: [2, 3] }`, `{ size: [...] }` or `{ dims: [...] }`. */
export type SizeOptions = { shape?: readonly number[]; size?: readonly number[]; dims?: readonly number[] };
export type SizeArg = number | readonly number[] | SizeOptions;

/**
 * Accepts PyTorch's spellings of a size: varargs numbers, one list, or the
 * keyword form as an options object (`x.reshape({ shape: [2, 3] })`).
 */
export function sizeArgs(args: readonly SizeArg[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) {
    const o = args[0] as SizeOptions;
    const v = o.shape ?? o.size ?? o.dims;
    if (v) return v.slice();
  }
  return args as number[];
}

export function formatSize(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}
