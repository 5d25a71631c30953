// Shape logic shared by both devices: broadcasting, dim normalisation, view
// shape inference, each raising PyTorch's error for bad input before any
// device work starts (so a failed op changes nothing).

import { RuntimeError, IndexError, TypeError } from './errors.js';
import { Limits } from '../abi/abi.js';
import { checkInt, isInt64, pyType } from './args.js';

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
  if (numelOf(out) > Limits.MaxNumel) checkStorage(out);
  return out;
}

/** A dim index in [-ndim, ndim) made non-negative; ndim 0 accepts -1 and 0 as PyTorch does. */
export function normDim(dim: number, ndim: number, param?: IntParam): number {
  const n = Math.max(ndim, 1);
  if (param) checkIntParam(dim, param);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Dims (int, list or undefined = all) as a bitmask; repeated dims are PyTorch's error. */
export function dimMask(dim: number | readonly number[] | undefined | null, ndim: number, p: IntParam): number {
  if (dim === undefined || dim === null) return ndim === 0 ? 0 : (1 << ndim) - 1;
  const dims = typeof dim === 'number' ? [checkIntParam(dim, p)] : checkIntList(dim, p);
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
    } else if (s < 0) {
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

/** sizeArgs, then checked as PyTorch's `int[]` parameter p (varargs or a list). */
export function sizeParam(args: readonly SizeArg[], p: IntParam): number[] {
  const varargs = !(args.length === 1 && typeof args[0] === 'object' && args[0] !== null);
  return checkIntList(sizeArgs(args), varargs ? { ...p, container: 'varargs' } : p);
}

export function formatSize(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

// ---- size and dim arguments, checked as PyTorch's argument parser checks an
// `int` / `int[]` parameter (python_arg_parser.cpp), so the op-table parser can
// call these per parameter. JS has one number type: an integral number is an
// int, any other (2.5, NaN, ±inf) is Python's float.

/** Which parameter is being checked: `zeros(): argument 'size' (position 1)`. */
export interface IntParam {
  fn: string;
  name: string;
  position: number;
  /** the list type as PyTorch 1.13 names it ('SymInts' for SymInt[] sizes, 'ints' for int[]) */
  list?: 'SymInts' | 'ints';
  /** how the list came: a list, a tuple (nn.Linear's `empty((out, in))`), or varargs (`zeros(2, 3)`,
   *  where a bad first element is named by its own type) */
  container?: 'list' | 'tuple' | 'varargs';
}

/** args.ts's `int` check, for a parameter described by p: `sum(): argument 'dim' (position 1) must be int, not float`. */
const checkIntParam = (v: unknown, p: IntParam): number => checkInt(p.fn, p.name, p.position, v);

/**
 * An `int[]` parameter. PyTorch matches the signature on the first element
 * only, then converts the rest, hence its two messages.
 */
export function checkIntList(v: unknown, p: IntParam): number[] {
  const list = p.list ?? 'ints';
  const bad = (x: unknown) => typeof x !== 'number' || !Number.isInteger(x);
  if (!Array.isArray(v) || (v.length > 0 && bad(v[0]))) {
    const got = Array.isArray(v) && p.container !== 'varargs' ? p.container ?? 'list' : pyType(Array.isArray(v) ? v[0] : v);
    throw new TypeError(`${p.fn}(): argument '${p.name}' (position ${p.position}) must be tuple of ${list}, not ${got}`);
  }
  for (let i = 0; i < v.length; i++) {
    if (bad(v[i]) || !isInt64(v[i])) {
      throw new TypeError(`${p.fn}(): argument '${p.name}' must be tuple of ${list}, but found element of type ${pyType(v[i])} at pos ${i + 1}`);
    }
  }
  // -0 is an int too, but a shape must not hold it (Object.is, formatting)
  return v.map((x: number) => x + 0);
}

/**
 * The size of a new tensor: PyTorch's error for a negative size, then
 * `checkStorage`. Every creation function calls it before any device work.
 */
export function checkNewShape(shape: readonly number[]): void {
  for (const s of shape) {
    if (s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: ${formatSize(shape)}`);
  }
  checkStorage(shape);
}

/**
 * Refuses, before anything is allocated, a tensor whose storage wasmgrad
 * cannot address: PyTorch's overflow error past int64 bytes, else an
 * out-of-memory error in PyTorch's style past Limits.MaxNumel 4-byte elements
 * (WebAssembly's 32-bit memory; the js device keeps the same limit so both
 * devices accept the same shapes, and its typed arrays stay int32-indexable).
 * A dim is kept in 32 bits on the wasm device, so even an empty tensor may
 * not have a dim beyond the limit.
 */
export function checkStorage(shape: readonly number[]): void {
  checkRank(shape.length);
  let numel = 1n;
  for (const s of shape) numel *= BigInt(s);
  const bytes = numel * 4n;
  if (bytes >= 2n ** 63n) throw new RuntimeError(`Storage size calculation overflowed with sizes=${formatSize(shape)}`);
  if (numel > BigInt(Limits.MaxNumel)) {
    throw new RuntimeError(`wasmgrad: can't allocate memory: you tried to allocate ${bytes} bytes, but a tensor holds at most ` +
      `${Limits.MaxNumel} elements of 4 bytes (32-bit WebAssembly memory; the js device keeps the same limit)`);
  }
  const big = shape.findIndex((s) => s > Limits.MaxNumel);
  if (big >= 0) {
    throw new RuntimeError(`wasmgrad: size ${shape[big]} at dim ${big} is beyond the ${Limits.MaxNumel} a dim can hold ` +
      `(sizes=${formatSize(shape)})`);
  }
}
