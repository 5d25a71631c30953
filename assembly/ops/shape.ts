// Shape ops of the wasm device. Tensors are always contiguous: a view-like op
// (view, reshape, squeeze, unsqueeze, flatten) copies the data under the new
// shape, so every kernel can assume dense row-major input. Shapes and dims
// arrive in the args buffer (scratch.ts), validated by the TS layer.

import { Op, Err, DType } from '../../src/shared/abi';
import { newTensor, newTensorN, release, retain, dataOf, numelOf, ndimOf, dimOf, shapePtr, dtypeOf } from '../tensors';
import { shouldRecord1, newRecord, setInput, setParams } from '../tape';
import { SHAPE, STR_A, COUNTERS } from '../scratch';
import { stridedCopy, broadcastStrides } from '../kernels/strided';
import { reduceSum } from '../kernels/reduce';

/** x's data under the shape (nd dims at `shape`), not recorded. */
export function reshapeCompute(x: i32, nd: i32, shape: usize): i32 {
  const n = numelOf(x);
  const out = newTensorN(nd, shape, dtypeOf(x), n);
  if (!out) return Err.OutOfMemory;
  memory.copy(dataOf(out), dataOf(x), <usize>n << 2);
  return out;
}

/** x broadcast to the shape (nd dims at `shape`), materialised, not recorded. */
export function expandCompute(x: i32, nd: i32, shape: usize): i32 {
  const out = newTensor(nd, shape, dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  if (numelOf(out) > 0) {
    broadcastStrides(ndimOf(x), shapePtr(x), nd, shape, STR_A);
    stridedCopy(dataOf(x), STR_A, dataOf(out), nd, shape, COUNTERS);
  }
  return out;
}

/**
 * g summed down to the shape (nd dims at `shape`) it was broadcast from: the
 * gradient of every broadcasting op. Returns g itself (with a new ref) when the
 * shapes already agree.
 */
export function sumToShape(g: i32, nd: i32, shape: usize): i32 {
  const ng = ndimOf(g);
  let mask = 0;
  for (let d = 0; d < ng; d++) {
    const di = d - (ng - nd);
    if (di < 0 || (load<i32>(shape + (<usize>di << 2)) == 1 && dimOf(g, d) != 1)) mask |= 1 << d;
  }
  if (!mask && ng == nd) {
    retain(g);
    return g;
  }
  const out = newTensor(nd, shape, DType.Float32);
  if (!out) return Err.OutOfMemory;
  // the kept dims of g, in order, are exactly the layout of `shape`
  if (!reduceSum(dataOf(g), ng, shapePtr(g), mask, dataOf(out), 1.0, COUNTERS)) {
    release(out);
    return Err.OutOfMemory;
  }
  return out;
}

/**
 * view, reshape, flatten, squeeze, unsqueeze: the same data under the new
 * shape in the args buffer (nd dims). `op` only names the node.
 */
export function view(op: i32, x: i32, nd: i32, shape: usize): i32 {
  const out = reshapeCompute(x, nd, shape);
  if (out < 0 || !shouldRecord1(x)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  return out;
}

/** expand to the shape (nd dims at `shape`); sizes already resolved (no -1). */
export function expand(x: i32, nd: i32, shape: usize): i32 {
  const out = expandCompute(x, nd, shape);
  if (out < 0 || !shouldRecord1(x)) return out;
  const r = newRecord(Op.Expand, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  return out;
}

/** x with its dims reordered: out dim i is x's dim perm[i] (nd i32s at `perm`), not recorded. */
export function permuteCompute(x: i32, perm: usize): i32 {
  const nd = ndimOf(x);
  // contiguous strides of x, then picked in the new order
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    store<i32>(COUNTERS + (<usize>d << 2), stride);
    stride *= dimOf(x, d);
  }
  for (let i = 0; i < nd; i++) {
    const p = load<i32>(perm + (<usize>i << 2));
    store<i32>(STR_A + (<usize>i << 2), load<i32>(COUNTERS + (<usize>p << 2)));
    store<i32>(SHAPE + (<usize>i << 2), dimOf(x, p));
  }
  const out = newTensor(nd, SHAPE, dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  if (numelOf(out) > 0) stridedCopy(dataOf(x), STR_A, dataOf(out), nd, SHAPE, COUNTERS);
  return out;
}

/** permute / transpose / t: `op` names the node; the permutation is stored for the derivative. */
export function permute(op: i32, x: i32, perm: usize): i32 {
  const out = permuteCompute(x, perm);
  if (out < 0 || !shouldRecord1(x)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  // the permutation packs into i0 (4 bits per dim, 8 dims)
  let packed = 0;
  for (let i = 0; i < ndimOf(x); i++) packed |= load<i32>(perm + (<usize>i << 2)) << (i * 4);
  setParams(r, 0, 0, packed, ndimOf(x));
  return out;
}

// ---- owned by the shape-ops work: stub until implemented -------------------

/**
 * cat (Op.Cat) of the n tensor ids in the args buffer along dim, or stack
 * (Op.Stack): the same with a new dim of size n inserted at dim.
 */
export function cat(op: i32, n: i32, dim: i32): i32 { return Err.Unimplemented; }
