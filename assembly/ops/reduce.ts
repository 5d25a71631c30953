// Reductions of the wasm device. Dims arrive as a bitmask (bit d = reduce dim
// d), already normalised and validated by the TS layer; keepdim keeps reduced
// dims as size 1.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, newTensorN, release, dataOf, ndimOf, dimOf, shapePtr, numelOf, dtypeOf } from '../tensors';
import { shouldRecord1, newRecord, setInput, setParams, save, saveOutput, tape_packing } from '../tape';
import { SHAPE, COUNTERS } from '../scratch';
import { reduceSum, reduceMax, reduceLogsumexp } from '../kernels/reduce';
import { softmaxForward, maxAlongDim } from '../kernels/softmax';
import { softmaxForward64 } from '../kernels/softmax64';

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
  const dtype = dtypeOf(a);
  const out = newTensor(nd, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  const ok = dtype == DType.Float64
    ? reduceSum<f64>(dataOf(a), ndimOf(a), shapePtr(a), mask, dataOf(out), divisor, COUNTERS)
    : reduceSum<f32>(dataOf(a), ndimOf(a), shapePtr(a), mask, dataOf(out), divisor, COUNTERS);
  if (!ok) {
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

// ---- amax, max, logsumexp, softmax ----------------------------------------

/** Product of the dims of a before `dim` (outer), and after it (inner). */
export function outerSize(nd: i32, shape: usize, dim: i32): i32 {
  let n = 1;
  for (let d = 0; d < dim; d++) n *= load<i32>(shape + (<usize>d << 2));
  return n;
}
export function innerSize(nd: i32, shape: usize, dim: i32): i32 {
  let n = 1;
  for (let d = dim + 1; d < nd; d++) n *= load<i32>(shape + (<usize>d << 2));
  return n;
}
/** Size of dim (1 for a 0-dim tensor, whose only "dim" is 0). */
export function dimSize(nd: i32, shape: usize, dim: i32): i32 {
  return nd == 0 ? 1 : load<i32>(shape + (<usize>dim << 2));
}

/**
 * Records a reduction over the dims in mask whose derivative needs the input
 * and the result (amax, logsumexp); returns out, or Err.OutOfMemory having
 * freed it.
 */
function recordMaskReduction(op: i32, a: i32, out: i32, mask: i32, keepdim: bool): i32 {
  if (!shouldRecord1(a)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setParams(r, 0, 0, mask, keepdim ? 1 : 0);
  save(r, 0, a);
  saveOutput(r);
  return out;
}

/** out = max of a over mask, in a's dtype (float32 or float64). */
export function reduceMaxOf(a: i32, nd: i32, shape: usize, mask: i32, out: i32): void {
  if (dtypeOf(a) == DType.Float64) reduceMax<f64>(dataOf(a), nd, shape, mask, dataOf(out), numelOf(out));
  else reduceMax<f32>(dataOf(a), nd, shape, mask, dataOf(out), numelOf(out));
}

/** amax over the dims in mask (AmaxBackward0); the TS layer rejects empty reductions. */
export function amax(a: i32, mask: i32, keepdim: bool): i32 {
  const nd = reducedShape(a, mask, keepdim);
  const out = newTensor(nd, SHAPE, dtypeOf(a));
  if (!out) return Err.OutOfMemory;
  if (numelOf(a) > 0) reduceMaxOf(a, ndimOf(a), shapePtr(a), mask, out);
  return recordMaskReduction(Op.Amax, a, out, mask, keepdim);
}

/** amin over mask (helper leftovers, linalg.matrix_norm): −amax(−a), AminBackward0 with amax's rule. */
export function amin(a: i32, mask: i32, keepdim: bool): i32 {
  const nd = reducedShape(a, mask, keepdim);
  const out = newTensor(nd, SHAPE, dtypeOf(a));
  if (!out) return Err.OutOfMemory;
  if (numelOf(a) > 0) {
    const t = negated(a);
    if (!t) { release(out); return Err.OutOfMemory; }
    reduceMaxOf(t, ndimOf(a), shapePtr(a), mask, out);
    release(t);
    negateInPlace(out, dataOf(out), dataOf(out), numelOf(out));
  }
  return recordMaskReduction(Op.Amin, a, out, mask, keepdim);
}

/** max of all elements, a 0-dim tensor (MaxBackward1); a is not empty. */
/** −x of every element into a new tensor (min is −max(−x): the same first index, the same NaN). */
function negated(a: i32): i32 {
  const n = numelOf(a);
  const t = newTensorN(ndimOf(a), shapePtr(a), dtypeOf(a), n);
  if (t) negateInPlace(a, dataOf(a), dataOf(t), n);
  return t;
}

/** out = −x for n elements of a's dtype. */
function negateInPlace(a: i32, x: usize, out: usize, n: i32): void {
  if (dtypeOf(a) == DType.Float64) { for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), -load<f64>(x + (<usize>i << 3))); }
  else for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), -load<f32>(x + (<usize>i << 2)));
}

/** max (MaxAll) or min (MinAll) of every element, 0-d. */
export function max_all(a: i32, op: i32): i32 {
  const out = newTensorN(0, SHAPE, dtypeOf(a), 1);
  if (!out) return Err.OutOfMemory;
  const src = op == Op.MinAll ? negated(a) : a;
  if (!src) { release(out); return Err.OutOfMemory; }
  const nd = ndimOf(a);
  reduceMaxOf(src, nd, shapePtr(a), nd ? (1 << nd) - 1 : 0, out);
  if (src != a) { negateInPlace(a, dataOf(out), dataOf(out), 1); release(src); }
  if (!shouldRecord1(a)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  save(r, 0, a);
  saveOutput(r);
  return out;
}

/**
 * max (MaxDim) or min (MinDim) along dim: returns the values' id; the int64 indices' id is then taken
 * with take_indices(). The record keeps the indices (MaxBackward0 routes the
 * gradient through them).
 */
export function max_dim(a: i32, dim: i32, keepdim: bool, op: i32): i32 {
  const nd = ndimOf(a), shape = shapePtr(a);
  const outer = outerSize(nd, shape, dim), d = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  const ond = reducedShape(a, nd ? 1 << dim : 0, keepdim);
  const vals = newTensor(ond, SHAPE, dtypeOf(a));
  if (!vals) return Err.OutOfMemory;
  const idx = newTensor(ond, SHAPE, DType.Int64);
  if (!idx) { release(vals); return Err.OutOfMemory; }
  const src = op == Op.MinDim ? negated(a) : a;
  if (!src) { release(vals); release(idx); return Err.OutOfMemory; }
  if (numelOf(vals) > 0) {
    if (dtypeOf(a) == DType.Float64) maxAlongDim<f64>(dataOf(src), dataOf(vals), dataOf(idx), outer, d, inner);
    else maxAlongDim<f32>(dataOf(src), dataOf(vals), dataOf(idx), outer, d, inner);
  }
  if (src != a) { negateInPlace(a, dataOf(vals), dataOf(vals), numelOf(vals)); release(src); }
  if (shouldRecord1(a)) {
    const r = newRecord(op, 1, vals);
    if (!r) { release(vals); release(idx); return Err.OutOfMemory; }
    setInput(r, 0, a);
    setParams(r, 0, 0, dim, keepdim ? 1 : 0);
    save(r, 0, idx);
  }
  lastIndices = idx;
  return vals;
}
let lastIndices: i32 = 0;
/** The indices tensor made by the last max_dim (one ref, passed to the caller). */
export function take_indices(): i32 { const t = lastIndices; lastIndices = 0; return t; }

/** logsumexp over the dims in mask (LogsumexpBackward0). */
export function logsumexp(a: i32, mask: i32, keepdim: bool): i32 {
  const nd = reducedShape(a, mask, keepdim);
  const out = newTensor(nd, SHAPE, dtypeOf(a));
  if (!out) return Err.OutOfMemory;
  const ok = dtypeOf(a) == DType.Float64
    ? reduceLogsumexp<f64>(dataOf(a), numelOf(a), ndimOf(a), shapePtr(a), mask, dataOf(out), numelOf(out))
    : reduceLogsumexp<f32>(dataOf(a), numelOf(a), ndimOf(a), shapePtr(a), mask, dataOf(out), numelOf(out));
  if (!ok) {
    release(out);
    return Err.OutOfMemory;
  }
  return recordMaskReduction(Op.Logsumexp, a, out, mask, keepdim);
}

/**
 * softmax (Op.Softmax) or log_softmax (Op.LogSoftmax) along dim. `keepProbs` (cross_entropy's
 * log_softmax): a float32 log_softmax over rows that records its graph also keeps the softmax, as
 * saved slot 0, for a backward without exps (grad/reduce.ts); not under saved-tensor hooks, whose
 * pack_hook sees only what PyTorch saves.
 */
export function softmax(op: i32, a: i32, dim: i32, keepProbs: bool): i32 {
  const nd = ndimOf(a), shape = shapePtr(a);
  const out = newTensorN(nd, shape, dtypeOf(a), numelOf(a));
  if (!out) return Err.OutOfMemory;
  const outer = outerSize(nd, shape, dim), d = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  const record = shouldRecord1(a);
  let probs = 0;
  if (keepProbs && record && !tape_packing() && op == Op.LogSoftmax && inner == 1 && dtypeOf(a) == DType.Float32) {
    probs = newTensorN(nd, shape, DType.Float32, numelOf(a));
    if (!probs) { release(out); return Err.OutOfMemory; }
  }
  let ok = true;
  if (dtypeOf(a) == DType.Float64) softmaxForward64(op == Op.LogSoftmax, dataOf(a), dataOf(out), outer, d, inner);
  else ok = softmaxForward(op == Op.LogSoftmax, dataOf(a), dataOf(out), outer, d, inner, probs ? dataOf(probs) : 0);
  const r = ok && record ? newRecord(op, 1, out) : 0;
  if (ok && record && r) {
    setInput(r, 0, a);
    setParams(r, 0, 0, dim, 0);
    saveOutput(r);
    if (probs) save(r, 0, probs);
  }
  if (probs) release(probs);
  if (!ok || (record && !r)) { release(out); return Err.OutOfMemory; }
  return out;
}
