// Shape and indexing 2: flip, index_select, gather, take, masked_fill, masked_select,
// tril/triu, diagonal, diag, trace, roll, repeat, split, unbind, as one kernel.
//
// Each of these ops reads out[i] = x[index[i]] for a flat int32 index the front end
// computed and validated (src/ops/gather_scatter.ts): index[i] < 0 means "not read from x",
// and out[i] is then `fill` (masked_fill's value, tril's zeros). With `sum` (trace) the
// elements read are summed into one. The record keeps the index (saved 0), fill (s0), sum (i0);
// the derivative (grad/gather.ts) adds g[i] into x's gradient at index[i], so repeated
// indices accumulate, as PyTorch's index_add/scatter_add do.

import { Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, dtypeOf, requiresGrad, ndimOf, shapePtr, dataBytes } from '../tensors';
import { is_grad_enabled, shouldRecord2, newRecord, setInput, setParams, save } from '../tape';

/**
 * out (nd dims at `shape`, x's dtype) with out[i] = x[index[i]] or `fill`; `sum`: the
 * float32 sum (in double) of the read elements. `value` (0 for none) is masked_fill's value tensor,
 * an input of the record (MaskedFill1).
 */
export function gather_flat(op: i32, x: i32, value: i32, index: i32, nd: i32, shape: usize, fill: f64, sum: bool): i32 {
  const out = newTensor(nd, shape, dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  const n = numelOf(index), pi = dataOf(index), px = dataOf(x), po = dataOf(out);
  const dt = dtypeOf(x);
  if (sum) {
    if (dt == DType.Float64) traceSum<f64>(px, pi, n, po); else traceSum<f32>(px, pi, n, po);
  } else if (dt == DType.Float64) {
    for (let i = 0; i < n; i++) {
      const j = load<i32>(pi + (<usize>i << 2));
      store<f64>(po + (<usize>i << 3), j < 0 ? fill : load<f64>(px + (<usize>j << 3)));
    }
  } else {
    // 4-byte elements: float32 as bits, or int64/int32/bool stored as int32
    const f: u32 = dt == DType.Float32 ? reinterpret<u32>(<f32>fill) : <u32><i32>fill;
    for (let i = 0; i < n; i++) {
      const j = load<i32>(pi + (<usize>i << 2));
      store<u32>(po + (<usize>i << 2), j < 0 ? f : load<u32>(px + (<usize>j << 2)));
    }
  }
  const grads = requiresGrad(x) || (value > 0 && requiresGrad(value));
  if (!is_grad_enabled() || !grads) return out;
  const r = newRecord(op, value > 0 ? 2 : 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  if (value > 0) setInput(r, 1, value);
  setParams(r, fill, 0, sum ? 1 : 0, 0);
  save(r, 0, index);
  return out;
}

/** PyTorch's trace_cpu: the read elements summed in double. */
function traceSum<T>(px: usize, pi: usize, n: i32, po: usize): void {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += <f64>load<T>(px + (<usize>load<i32>(pi + (<usize>i << 2)) << alignof<T>()));
  store<T>(po, <T>s);
}

/**
 * The derivative, in g's dtype: k = 0, zeros of x's shape (nd dims at `shape`) plus g[i]
 * (g[0] when `sum`) at index[i]; k = 1 (masked_fill's value), the sum of g where index[i] < 0.
 */
export function gatherFlatBackwardCompute(sum: bool, k: i32, g: i32, index: i32, nd: i32, shape: usize): i32 {
  const out = newTensor(nd, shape, dtypeOf(g));
  if (!out) return Err.OutOfMemory;
  memory.fill(dataOf(out), 0, dataBytes(out));
  if (dtypeOf(g) == DType.Float64) gatherBack<f64>(sum, k, dataOf(g), dataOf(index), numelOf(index), dataOf(out));
  else gatherBack<f32>(sum, k, dataOf(g), dataOf(index), numelOf(index), dataOf(out));
  return out;
}

function gatherBack<T>(sum: bool, k: i32, pg: usize, pi: usize, n: i32, po: usize): void {
  const sh = alignof<T>();
  if (k == 1) {
    let s: T = 0;
    for (let i = 0; i < n; i++) if (load<i32>(pi + (<usize>i << 2)) < 0) s += load<T>(pg + (<usize>i << sh));
    store<T>(po, s);
    return;
  }
  for (let i = 0; i < n; i++) {
    const j = load<i32>(pi + (<usize>i << 2));
    if (j < 0) continue;
    const p = po + (<usize>j << sh);
    store<T>(p, load<T>(p) + load<T>(pg + (sum ? 0 : <usize>i << sh)));
  }
}

// ---- scatter, scatter_add, index_add, index_copy, masked_scatter ----------------------------
//
// out = a copy of x with src[j] written (or, `accumulate`, alpha·src[j] added) at x's flat
// position index[j] (index[j] < 0: src[j] is not used); index has src's numel. The record
// keeps the index (saved 0), alpha (s0) and accumulate (i0); x and src are its inputs.

/** The scatter: x's dtype (float32, float64, or integers/bools stored as int32). */
export function scatter_flat(op: i32, x: i32, src: i32, index: i32, accumulate: bool, alpha: f64): i32 {
  const out = newTensor(ndimOf(x), shapePtr(x), dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  const po = dataOf(out), ps = dataOf(src), pi = dataOf(index), n = numelOf(index);
  memory.copy(po, dataOf(x), dataBytes(x));
  const dt = dtypeOf(x);
  if (dt == DType.Float64) scatterInto<f64>(po, ps, pi, n, accumulate, alpha);
  else if (dt == DType.Float32) scatterInto<f32>(po, ps, pi, n, accumulate, alpha);
  else scatterInto<i32>(po, ps, pi, n, accumulate, alpha);
  if (!shouldRecord2(x, src)) return out;
  const r = newRecord(op, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  setInput(r, 1, src);
  setParams(r, alpha, 0, accumulate ? 1 : 0, 0);
  save(r, 0, index);
  return out;
}

function scatterInto<T>(po: usize, ps: usize, pi: usize, n: i32, accumulate: bool, alpha: f64): void {
  const sh = alignof<T>(), a = <T>alpha;
  for (let j = 0; j < n; j++) {
    const t = load<i32>(pi + (<usize>j << 2));
    if (t < 0) continue;
    const p = po + (<usize>t << sh), v = load<T>(ps + (<usize>j << sh));
    store<T>(p, !accumulate ? v : load<T>(p) + (alpha == 1 ? v : a * v));
  }
}

/**
 * The scatter's derivative, in g's dtype: k = 0 (x, nd dims at `shape`), g, with zeros where
 * a copy overwrote; k = 1 (src), alpha·g[index[j]] (0 where index[j] < 0).
 */
export function scatterFlatBackwardCompute(k: i32, g: i32, index: i32, accumulate: bool, alpha: f64, nd: i32, shape: usize): i32 {
  const out = newTensor(nd, shape, dtypeOf(g));
  if (!out) return Err.OutOfMemory;
  if (dtypeOf(g) == DType.Float64) scatterBack<f64>(k, dataOf(g), dataOf(index), numelOf(index), accumulate, alpha, dataOf(out), numelOf(out));
  else scatterBack<f32>(k, dataOf(g), dataOf(index), numelOf(index), accumulate, alpha, dataOf(out), numelOf(out));
  return out;
}

function scatterBack<T>(k: i32, pg: usize, pi: usize, n: i32, accumulate: bool, alpha: f64, po: usize, nout: i32): void {
  const sh = alignof<T>();
  if (k == 0) {
    memory.copy(po, pg, <usize>nout << sh);
    if (!accumulate) {
      for (let j = 0; j < n; j++) {
        const t = load<i32>(pi + (<usize>j << 2));
        if (t >= 0) store<T>(po + (<usize>t << sh), 0);
      }
    }
    return;
  }
  const a = <T>alpha;
  for (let j = 0; j < n; j++) {
    const t = load<i32>(pi + (<usize>j << 2));
    const v: T = t < 0 ? 0 : load<T>(pg + (<usize>t << sh));
    store<T>(po + (<usize>j << sh), alpha == 1 ? v : a * v);
  }
}
