// Elementwise ops of the wasm device: allocate the output, run the kernel,
// record the op when autograd needs it, with what its derivative reads (the
// kernels, their dispatch and the save rules are generated from the op table).
// Inputs are validated by the TS layer (src/shape.ts) before the call; these
// functions return a tensor id, or a negative Err code when memory ran out
// (then nothing has changed).

import { Err, DType } from '../../abi/abi';
import {
  newTensorN, newTensor, release, dataOf, numelOf, ndimOf, dimOf, shapePtr, dtypeOf,
} from '../tensors';
import { shouldRecord1, shouldRecord2, newRecord, setInput, setParams } from '../tape';
import { SHAPE, STR_A, STR_B } from '../scratch';
import {
  binaryKernel, binaryBroadcastKernel, unaryKernel, scalarKernel, binarySave, unarySave, scalarSave,
} from '../generated/dispatch.generated';
import { broadcastStrides } from '../kernels/strided';

/** Writes the broadcast shape of a and b into SHAPE; returns its ndim. */
export function broadcastShape(a: i32, b: i32): i32 {
  const na = ndimOf(a), nb = ndimOf(b);
  const nd = max(na, nb);
  for (let d = 0; d < nd; d++) {
    const da = d - (nd - na), db = d - (nd - nb);
    const sa = da >= 0 ? dimOf(a, da) : 1;
    const sb = db >= 0 ? dimOf(b, db) : 1;
    store<i32>(SHAPE + (<usize>d << 2), sa == 1 ? sb : sa);
  }
  return nd;
}

/**
 * Computes a (op) b with broadcasting into a new tensor, without recording. a and b
 * have one float dtype (the front end converts), which the result keeps.
 */
export function binaryCompute(op: i32, a: i32, b: i32, alpha: f64): i32 {
  const nd = broadcastShape(a, b);
  const dtype = dtypeOf(a);
  const out = newTensor(nd, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  if (dtype == DType.Float64) binaryInto<f64>(op, a, b, out, nd, alpha);
  else binaryInto<f32>(op, a, b, out, nd, alpha);
  return out;
}

// @ts-ignore: decorator
@inline function binaryInto<T>(op: i32, a: i32, b: i32, out: i32, nd: i32, alpha: f64): void {
  const n = numelOf(out), na = numelOf(a), nb = numelOf(b);
  const pa = dataOf(a), pb = dataOf(b), po = dataOf(out);
  if (na == n && nb == n) binaryKernel<T>(op, pa, 1, pb, 1, po, n, <T>alpha);
  else if (na == n && nb == 1) binaryKernel<T>(op, pa, 1, pb, 0, po, n, <T>alpha);
  else if (na == 1 && nb == n) binaryKernel<T>(op, pa, 0, pb, 1, po, n, <T>alpha);
  else if (n > 0) {
    broadcastStrides(ndimOf(a), shapePtr(a), nd, SHAPE, STR_A);
    broadcastStrides(ndimOf(b), shapePtr(b), nd, SHAPE, STR_B);
    binaryBroadcastKernel<T>(op, pa, pb, po, nd, <T>alpha);
  }
}

/** a (op) b, broadcasting; alpha scales b for add and sub. */
export function binary(op: i32, a: i32, b: i32, alpha: f64): i32 {
  const out = binaryCompute(op, a, b, alpha);
  if (out < 0 || !shouldRecord2(a, b)) return out;
  const r = newRecord(op, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setInput(r, 1, b);
  setParams(r, alpha, 0, 0, 0);
  binarySave(op, r, a, b);
  return out;
}

/** op(a) elementwise, in a's float dtype. */
export function unary(op: i32, a: i32): i32 {
  const n = numelOf(a), dtype = dtypeOf(a);
  const out = newTensorN(ndimOf(a), shapePtr(a), dtype, n);
  if (!out) return Err.OutOfMemory;
  if (dtype == DType.Float64) unaryKernel<f64>(op, dataOf(a), dataOf(out), n);
  else unaryKernel<f32>(op, dataOf(a), dataOf(out), n);
  if (!shouldRecord1(a)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  unarySave(op, r, a);
  return out;
}

/** a (op) c with a JS number c; clamp takes (min, max) with NaN for "none", nan_to_num a third number c3. */
export function scalar(op: i32, a: i32, c: f64, c2: f64, c3: f64): i32 {
  const n = numelOf(a), dtype = dtypeOf(a);
  const out = newTensorN(ndimOf(a), shapePtr(a), dtype, n);
  if (!out) return Err.OutOfMemory;
  if (dtype == DType.Float64) scalarKernel<f64>(op, dataOf(a), dataOf(out), n, c, c2, c3);
  else scalarKernel<f32>(op, dataOf(a), dataOf(out), n, <f32>c, <f32>c2, <f32>c3);
  if (!shouldRecord1(a)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setParams(r, c, c2, 0, 0);
  scalarSave(op, r, a);
  return out;
}
