// Shape ops of the wasm device. Tensors are always contiguous: a view-like op
// (view, reshape, squeeze, unsqueeze, flatten) copies the data under the new
// shape, so every kernel can assume dense row-major input. Shapes and dims
// arrive in the args buffer (scratch.ts), validated by the TS layer.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, newTensorN, release, retain, dataOf, numelOf, ndimOf, dimOf, shapePtr, dtypeOf, requiresGrad, elemShift, dataBytes } from '../tensors';
import { shouldRecord1, is_grad_enabled, newRecord, setInput, setParams } from '../tape';
import { SHAPE, STR_A, COUNTERS, SPARE, argsPtr } from '../scratch';
import { stridedCopy, stridedCopyOf, stridedScatter, stridedScatterOf, broadcastStrides } from '../kernels/strided';
import { reduceSum } from '../kernels/reduce';

/** x's data under the shape (nd dims at `shape`), not recorded. */
export function reshapeCompute(x: i32, nd: i32, shape: usize): i32 {
  const n = numelOf(x);
  const out = newTensorN(nd, shape, dtypeOf(x), n);
  if (!out) return Err.OutOfMemory;
  // float64 (8-byte elements) passes through here too: t.double()'s ToCopy and its gradient
  memory.copy(dataOf(out), dataOf(x), <usize>n << elemShift(dtypeOf(x)));
  return out;
}

/** x's data through the strides in STR_A into out, by x's element size. */
function copyStrided(x: i32, out: usize, nd: i32, shape: usize): void {
  if (dtypeOf(x) == DType.Float64) stridedCopyOf<u64>(dataOf(x), STR_A, out, nd, shape, COUNTERS);
  else stridedCopy(dataOf(x), STR_A, out, nd, shape, COUNTERS);
}

/** x broadcast to the shape (nd dims at `shape`), materialised, not recorded. */
export function expandCompute(x: i32, nd: i32, shape: usize): i32 {
  const out = newTensor(nd, shape, dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  if (numelOf(out) > 0) {
    broadcastStrides(ndimOf(x), shapePtr(x), nd, shape, STR_A);
    copyStrided(x, dataOf(out), nd, shape);
  }
  return out;
}

/** The dims of g that broadcasting the shape (nd dims at `shape`) to it added or stretched, as a bit mask. */
export function broadcastDims(g: i32, nd: i32, shape: usize): i32 {
  const ng = ndimOf(g);
  let mask = 0;
  for (let d = 0; d < ng; d++) {
    const di = d - (ng - nd);
    if (di < 0 || (load<i32>(shape + (<usize>di << 2)) == 1 && dimOf(g, d) != 1)) mask |= 1 << d;
  }
  return mask;
}

/**
 * g summed down to the shape (nd dims at `shape`) it was broadcast from: the
 * gradient of every broadcasting op. Returns g itself (with a new ref) when the
 * shapes already agree.
 */
export function sumToShape(g: i32, nd: i32, shape: usize): i32 {
  const ng = ndimOf(g);
  const mask = broadcastDims(g, nd, shape);
  if (!mask && ng == nd) {
    retain(g);
    return g;
  }
  const dtype = dtypeOf(g);
  const out = newTensor(nd, shape, dtype);
  if (!out) return Err.OutOfMemory;
  // the kept dims of g, in order, are exactly the layout of `shape`
  const ok = dtype == DType.Float64
    ? reduceSum<f64>(dataOf(g), ng, shapePtr(g), mask, dataOf(out), 1.0, COUNTERS)
    : reduceSum<f32>(dataOf(g), ng, shapePtr(g), mask, dataOf(out), 1.0, COUNTERS);
  if (!ok) {
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
  if (numelOf(out) > 0) copyStrided(x, dataOf(out), nd, SHAPE);
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

// cat and stack are one copy loop: seen as [outer, rows, inner] with `outer`
// the product of the dims before `dim` and `inner` those after it, input k
// owns rows [off_k, off_k + size_k) of every outer block of the output.
//
//   output, one outer block:  │ input 0: size_0·inner │ input 1: size_1·inner │ ...
//
// cat: size_k = input k's size at dim; stack: size_k = 1 (the new dim).

/**
 * cat (Op.Cat) of the n tensor ids in the args buffer along dim, or stack
 * (Op.Stack): the same with a new dim of size n inserted at dim. The record
 * keeps each input's shape (setInput), from which the derivative slices.
 */
export function cat(op: i32, n: i32, dim: i32): i32 {
  const ids = argsPtr();
  const first = load<i32>(ids);
  const nd = ndimOf(first);
  const isStack = op == Op.Stack;
  let total = 0;
  for (let k = 0; k < n; k++) total += isStack ? 1 : dimOf(load<i32>(ids + (<usize>k << 2)), dim);
  // output shape: the first input's with dim's size replaced (cat) or inserted (stack)
  let j = 0;
  for (let d = 0; d < nd + (isStack ? 1 : 0); d++) {
    let s: i32;
    if (d == dim) s = total;
    else s = dimOf(first, j);
    if (d != dim || !isStack) j++;
    store<i32>(SHAPE + (<usize>d << 2), s);
  }
  const ond = isStack ? nd + 1 : nd;
  const out = newTensor(ond, SHAPE, dtypeOf(first));
  if (!out) return Err.OutOfMemory;
  let outer = 1;
  for (let d = 0; d < dim; d++) outer *= dimOf(out, d);
  let inner = 1;
  for (let d = dim + 1; d < ond; d++) inner *= dimOf(out, d);
  const shift = elemShift(dtypeOf(first));
  const row = <usize>total * inner << shift;
  let off: usize = 0;
  let needs = false;
  for (let k = 0; k < n; k++) {
    const t = load<i32>(ids + (<usize>k << 2));
    if (requiresGrad(t)) needs = true;
    const chunk = <usize>(isStack ? 1 : dimOf(t, dim)) * inner << shift;
    const src = dataOf(t), dst = dataOf(out) + off;
    for (let o = 0; o < outer; o++) memory.copy(dst + <usize>o * row, src + <usize>o * chunk, chunk);
    off += chunk;
  }
  if (!needs || !is_grad_enabled()) return out;
  // a record counts its inputs in a byte
  if (n > 255) { release(out); return Err.Unimplemented; }
  const r = newRecord(op, n, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  for (let k = 0; k < n; k++) setInput(r, k, load<i32>(ids + (<usize>k << 2)));
  setParams(r, 0, 0, dim, 0);
  return out;
}

// ---- select and slice: a view of the input, copied ---------------------------------------
//
// x[..., i, ...] (select) and x[..., start:start+length*step:step, ...] (slice) read x
// through its contiguous strides from an offset: dim `dim` is dropped (select) or
// stepped by `step` (slice). The record keeps dim (i0), start (i1) and step (s0);
// the input's shape is in the record already.

/** The view's shape in SHAPE and strides in STR_A; returns its ndim. */
function viewOf(op: i32, nd: i32, shape: usize, dim: i32, length: i32, step: i32, outShape: usize): i32 {
  let stride = 1, o = nd - (op == Op.Select ? 2 : 1);
  for (let d = nd - 1; d >= 0; d--) {
    const size = load<i32>(shape + (<usize>d << 2));
    if (d == dim) {
      if (op != Op.Select) {
        store<i32>(outShape + (<usize>o << 2), length);
        store<i32>(STR_A + (<usize>o << 2), stride * step);
        o--;
      }
    } else {
      store<i32>(outShape + (<usize>o << 2), size);
      store<i32>(STR_A + (<usize>o << 2), stride);
      o--;
    }
    stride *= size;
  }
  return op == Op.Select ? nd - 1 : nd;
}

/** Element offset of index `start` along dim in a contiguous tensor of that shape. */
function offsetOf(nd: i32, shape: usize, dim: i32, start: i32): i32 {
  let stride = 1;
  for (let d = nd - 1; d > dim; d--) stride *= load<i32>(shape + (<usize>d << 2));
  return start * stride;
}

/** Op.Select (length ignored) or Op.Slice of x along dim; arguments validated by the front end. */
export function slice(op: i32, x: i32, dim: i32, start: i32, length: i32, step: i32): i32 {
  const nd = ndimOf(x);
  const ond = viewOf(op, nd, shapePtr(x), dim, length, step, SHAPE);
  const out = newTensor(ond, SHAPE, dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  if (numelOf(out) > 0) {
    const src = dataOf(x) + (<usize>offsetOf(nd, shapePtr(x), dim, start) << elemShift(dtypeOf(x)));
    if (dtypeOf(x) == DType.Float64) stridedCopyOf<u64>(src, STR_A, dataOf(out), ond, SHAPE, COUNTERS);
    else stridedCopy(src, STR_A, dataOf(out), ond, SHAPE, COUNTERS);
  }
  if (!shouldRecord1(x)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  setParams(r, <f64>step, 0, dim, start);
  return out;
}

/** g written into zeros of the input's shape (nd dims at `shape`) where the view read: slice's derivative. */
export function sliceBackwardCompute(op: i32, g: i32, nd: i32, shape: usize, dim: i32, start: i32, step: i32): i32 {
  const dtype = dtypeOf(g);
  const out = newTensor(nd, shape, dtype);
  if (!out) return Err.OutOfMemory;
  memory.fill(dataOf(out), 0, dataBytes(out));
  if (numelOf(g) > 0) {
    const vnd = viewOf(op, nd, shape, dim, dimOf(g, op == Op.Select ? 0 : dim), step, SPARE);
    const dst = dataOf(out) + (<usize>offsetOf(nd, shape, dim, start) << elemShift(dtype));
    if (dtype == DType.Float64) stridedScatterOf<u64>(dataOf(g), dst, STR_A, vnd, shapePtr(g), COUNTERS);
    else stridedScatter(dataOf(g), dst, STR_A, vnd, shapePtr(g), COUNTERS);
  }
  return out;
}
