// Reductions of the wasm device. Dims arrive as a bitmask (bit d = reduce dim
// d), already normalised and validated by the TS layer; keepdim keeps reduced
// dims as size 1.

import { Op, Err, DType } from '../../src/shared/abi';
import { newTensor, release, dataOf, ndimOf, dimOf, shapePtr } from '../tensors';
import { shouldRecord1, newRecord, setInput, setParams } from '../tape';
import { SHAPE, COUNTERS } from '../scratch';
import { reduceSum } from '../kernels/reduce';

/** Writes the reduced shape into SHAPE; returns its ndim. */
export function reducedShape(a: i32, mask: i32, keepdim: bool): i32 {
  const nd = ndimOf(a);
  let k = 0;
  for (let d = 0; d < nd; d++) {
    if (mask & (1 << d)) {
      if (keepdim) { store<i32>(SHAPE + (<usize>k << 2), 1); k++; }
    } else {
      store<i32>(SHAPE + (<usize>k << 2), dimOf(a, d));
      k++;
    }
  }
  return k;
}

/** Number of elements folded into each output element. */
export function reducedCount(a: i32, mask: i32): i32 {
  let c = 1;
  for (let d = 0; d < ndimOf(a); d++) if (mask & (1 << d)) c *= dimOf(a, d);
  return c;
}

/** sum (Op.Sum / Op.SumDim) or mean (Op.Mean / Op.MeanDim) over the dims in mask, without recording. */
export function sumCompute(a: i32, mask: i32, keepdim: bool, divisor: f64): i32 {
  const nd = reducedShape(a, mask, keepdim);
  const out = newTensor(nd, SHAPE, DType.Float32);
  if (!out) return Err.OutOfMemory;
  if (!reduceSum(dataOf(a), ndimOf(a), shapePtr(a), mask, dataOf(out), divisor, COUNTERS)) {
    release(out);
    return Err.OutOfMemory;
  }
  return out;
}

export function sum(op: i32, a: i32, mask: i32, keepdim: bool): i32 {
  const isMean = op == Op.Mean || op == Op.MeanDim;
  const count = reducedCount(a, mask);
  const out = sumCompute(a, mask, keepdim, isMean ? <f64>count : 1.0);
  if (out < 0 || !shouldRecord1(a)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setParams(r, 0, <f64>count, mask, keepdim ? 1 : 0);
  return out;
}

// ---- owned by the reductions work: stubs until implemented ----------------

/** amax over the dims in mask (AmaxBackward0). */
export function amax(a: i32, mask: i32, keepdim: bool): i32 { return Err.Unimplemented; }
/** max of all elements, a 0-dim tensor (MaxBackward1). */
export function max_all(a: i32): i32 { return Err.Unimplemented; }
/** max along dim: returns the values' id; the int64 indices' id is then taken with take_indices(). */
export function max_dim(a: i32, dim: i32, keepdim: bool): i32 { return Err.Unimplemented; }
let lastIndices: i32 = 0;
/** The indices tensor made by the last max_dim (one ref, passed to the caller). */
export function take_indices(): i32 { const t = lastIndices; lastIndices = 0; return t; }
/** logsumexp over the dims in mask. */
export function logsumexp(a: i32, mask: i32, keepdim: bool): i32 { return Err.Unimplemented; }
/** softmax (Op.Softmax) or log_softmax (Op.LogSoftmax) along dim. */
export function softmax(op: i32, a: i32, dim: i32): i32 { return Err.Unimplemented; }
