// Sorting and order statistics of the wasm device: sort, topk, kthvalue, median,
// nanmedian, mode (src/ops/sort.ts binds them). One function runs each run along
// `dim` (all elements as one run for MedianAll / NanmedianAll) through PyTorch's
// CPU algorithm (kernels/sort.ts), then writes the values read at the chosen
// indices (their bits, so −0 and NaN survive) and the int64 indices. The record
// keeps the indices (the derivative writes g back at them), or for the whole-tensor
// medians the input and result (the gradient is shared among the elements equal
// to the result, as PyTorch's evenly_distribute_backward).

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, ndimOf, dimOf, shapePtr, numelOf, dtypeOf, elemShift } from '../tensors';
import { shouldRecord1, newRecord, setInput, setParams, save, saveOutput } from '../tape';
import { alloc, free } from '../alloc';
import { SHAPE } from '../scratch';
import { outerSize, innerSize } from './reduce';
import {
  setRun, stdSort, nthElement, partialSort, quickSelect, stableSort, LESS, LESS_NAN, GREATER_NAN, MEDIAN,
} from '../kernels/sort';

/** The element at flat position p of data as f64. */
@inline function valueAt(data: usize, dtype: i32, p: i32): f64 {
  if (dtype == DType.Float64) return load<f64>(data + (<usize>p << 3));
  if (dtype == DType.Float32) return <f64>load<f32>(data + (<usize>p << 2));
  return <f64>load<i32>(data + (<usize>p << 2));
}

/**
 * Runs one run of n pairs (V, I) for op; returns the position of the first chosen
 * pair (the chosen are `count` consecutive positions from there).
 */
function choose(op: i32, V: usize, I: usize, n: i32, k: i32, flags: i32, tv: usize, ti: usize): i32 {
  const bit0 = (flags & 1) != 0, bit1 = (flags & 2) != 0;
  switch (op) {
    case Op.Sort:
    case Op.SortStable: // bit0 descending, bit1 stable
      setRun(V, I, bit0 ? GREATER_NAN : LESS_NAN);
      if (bit1) stableSort(n, tv, ti);
      else stdSort(0, n);
      return 0;
    case Op.Topk: // bit0 largest, bit1 sorted; PyTorch's topk_impl_loop
      setRun(V, I, bit0 ? GREATER_NAN : LESS_NAN);
      if (k == 0) return 0;
      if (k * 64 <= n) partialSort(0, k, n);
      else {
        nthElement(0, k - 1, n);
        if (bit1) stdSort(0, k - 1);
      }
      return 0;
    case Op.Kthvalue:
      setRun(V, I, GREATER_NAN);
      quickSelect(n, k - 1);
      return k - 1;
    case Op.MedianAll:
    case Op.MedianDim: {
      // a NaN is the median: the first one
      for (let j = 0; j < n; j++) if (load<f64>(V + (<usize>j << 3)) != load<f64>(V + (<usize>j << 3))) return j;
      setRun(V, I, MEDIAN);
      nthElement(0, (n - 1) / 2, n);
      return (n - 1) / 2;
    }
    case Op.NanmedianAll:
    case Op.NanmedianDim: {
      let nans = 0;
      for (let j = 0; j < n; j++) if (load<f64>(V + (<usize>j << 3)) != load<f64>(V + (<usize>j << 3))) nans++;
      const m = (n - nans - 1) / 2; // C++'s division: 0 when every element is NaN
      setRun(V, I, MEDIAN);
      nthElement(0, m, n);
      return m;
    }
    case Op.Mode: {
      setRun(V, I, LESS);
      stdSort(0, n);
      let best = 0, run = 0, most = 0;
      for (let j = 0; j < n; j++) {
        run++;
        if (j == n - 1 || load<f64>(V + (<usize>j << 3)) != load<f64>(V + (<usize>(j + 1) << 3))) {
          if (run > most) { best = j; most = run; }
          run = 0;
        }
      }
      return best;
    }
    default: unreachable();
  }
  return 0;
}

let lastIndices: i32 = 0;
/** The indices tensor made by the last sort_select (one ref, passed to the caller). */
export function take_sort_indices(): i32 { const t = lastIndices; lastIndices = 0; return t; }

/**
 * op along dim of a: the values' id (the int64 indices' id with take_sort_indices()).
 * k: topk's k or kthvalue's k; flags: sort's descending (1) and stable (2), topk's
 * largest (1) and sorted (2). The front end validated everything.
 */
export function sort_select(op: i32, a: i32, dim: i32, k: i32, flags: i32, keepdim: bool): i32 {
  const whole = op == Op.MedianAll || op == Op.NanmedianAll;
  const nd = ndimOf(a), shape = shapePtr(a), dtype = dtypeOf(a);
  const n = whole ? numelOf(a) : nd ? dimOf(a, dim) : 1;
  const outer = whole || !nd ? 1 : outerSize(nd, shape, dim), inner = whole || !nd ? 1 : innerSize(nd, shape, dim);
  const sorting = op == Op.Sort || op == Op.SortStable;
  // a 0-dim input gives its one element whatever topk's k (0 or 1), as PyTorch
  const count = sorting ? n : op == Op.Topk && nd ? k : 1;
  // the output shape: dim's size becomes count, or dim goes (reductions without keepdim)
  let ond = 0;
  if (!whole) {
    for (let d = 0; d < nd; d++) {
      if (d == dim && count == 1 && !keepdim && !sorting && op != Op.Topk) continue;
      store<i32>(SHAPE + (<usize>ond << 2), d == dim ? count : dimOf(a, d));
      ond++;
    }
  }
  const vals = newTensor(ond, SHAPE, dtype);
  if (!vals) return Err.OutOfMemory;
  const idx = newTensor(ond, SHAPE, DType.Int64);
  if (!idx) { release(vals); return Err.OutOfMemory; }
  const runs = outer * inner;
  if (runs > 0 && n > 0 && count > 0) {
    const V = alloc(<usize>n << 3), I = alloc(<usize>n << 2);
    const stable = sorting && (flags & 2) != 0;
    const tv = stable ? alloc(<usize>n << 3) : 0, ti = stable ? alloc(<usize>n << 2) : 0;
    if (!V || !I || (stable && (!tv || !ti))) {
      if (V) free(V);
      if (I) free(I);
      if (tv) free(tv);
      if (ti) free(ti);
      release(vals); release(idx);
      return Err.OutOfMemory;
    }
    const px = dataOf(a), pv = dataOf(vals), pi = dataOf(idx), sh = <usize>elemShift(dtype);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * n * inner + i;
        for (let j = 0; j < n; j++) {
          store<f64>(V + (<usize>j << 3), valueAt(px, dtype, base + j * inner));
          store<i32>(I + (<usize>j << 2), j);
        }
        const from = choose(op, V, I, n, k, flags, tv, ti);
        for (let j = 0; j < count; j++) {
          const at = (o * count + j) * inner + i, src = load<i32>(I + (<usize>(from + j) << 2));
          store<i32>(pi + (<usize>at << 2), src);
          const q = <usize>(base + src * inner) << sh, w = <usize>at << sh;
          if (sh == 3) store<u64>(pv + w, load<u64>(px + q));
          else store<u32>(pv + w, load<u32>(px + q));
        }
      }
    }
    free(V); free(I);
    if (stable) { free(tv); free(ti); }
  } else if (whole && n == 0) {
    // the median of no elements is NaN, as PyTorch's
    if (dtype == DType.Float64) store<f64>(dataOf(vals), NaN);
    else if (dtype == DType.Float32) store<f32>(dataOf(vals), NaN);
  }
  if (shouldRecord1(a)) {
    const r = newRecord(op, 1, vals);
    if (!r) { release(vals); release(idx); return Err.OutOfMemory; }
    setInput(r, 0, a);
    setParams(r, 0, 0, dim, keepdim ? 1 : 0);
    if (whole) { save(r, 0, a); saveOutput(r); }
    else save(r, 0, idx);
  }
  lastIndices = idx;
  return vals;
}
