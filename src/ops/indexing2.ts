// Shape and indexing 2 (issue 6 §4): flip, index_select, gather, take, masked_fill,
// masked_select, tril/triu, diagonal, diag, trace, roll, repeat, split, unbind.
//
// Every one of them reads each output element from one input element (or from none:
// masked_fill's value, tril's zeros). The front end computes that flat index once,
// validated against PyTorch's errors, and the device runs one kernel for all of them
// (gatherFlat: assembly/ops/gather.ts, src/js/ops/gather.ts) recording the op's own
// node; the derivative adds the gradient back at the index, so repeated indices
// accumulate as in PyTorch. The results are copies (views arrive with issue 7).

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { normDim } from '../shape.js';
import { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
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
function build(shape: readonly number[], f: (c: number[]) => number): Int32Array {
  const n = numel(shape), out = new Int32Array(n), nd = shape.length;
  const c = new Array<number>(nd).fill(0);
  for (let i = 0; i < n; i++) {
    out[i] = f(c);
    for (let d = nd - 1; d >= 0; d--) { if (++c[d] < shape[d]) break; c[d] = 0; }
  }
  return out;
}

function checkFloat32(input: Tensor): void {
  if (input._dtype === DType.Float64) throw new RuntimeError('wasmgrad: indexing float64 tensors is not supported yet');
}

/** The op's node over input: out[i] = input[index[i]] (fill where index[i] < 0). */
function gathered(op: Op, input: Tensor, index: Int32Array, shape: number[], fill = 0, value: Tensor | null = null, sum = false): Tensor {
  checkFloat32(input);
  const dev = input._dev;
  const ih = dev.fromData(index, [index.length], DType.Int32);
  try {
    return new Tensor(dev, dev.gatherFlat(op, input.h, value ? value.h : null, ih, shape, fill, sum), shape, input._dtype);
  } finally {
    dev.release(ih);
  }
}

// ---- flip ------------------------------------------------------------------------------

const SCHEMAS = {
  flip: S('flip(Tensor input, int[] dims) -> Tensor'),
  fliplr: S('fliplr(Tensor input) -> Tensor'),
  flipud: S('flipud(Tensor input) -> Tensor'),
};

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

/** @internal the Tensor methods, self bound */
export const methods = {
  flip: (self: Tensor, args: unknown[]): Tensor => flipBound(bind(SCHEMAS.flip, args, self)),
  fliplr: (self: Tensor, args: unknown[]): Tensor => fliplrBound(bind(SCHEMAS.fliplr, args, self)),
  flipud: (self: Tensor, args: unknown[]): Tensor => flipudBound(bind(SCHEMAS.flipud, args, self)),
};
