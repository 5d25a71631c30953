// torch.scatter_reduce (helper leftovers): out = a copy of x where each src[j] is reduced
// ('sum' 0, 'prod' 1, 'mean' 2, 'amax' 3, 'amin' 4) into x's flat position index[j]
// (index[j] < 0: src[j] is unused). Without include_self the targets start from the
// reduction's identity. The record keeps x, index, src (saved 0..2) and the result,
// mode (i0) and include_self (i1); the derivative is PyTorch's scatter_reduce_backward.

import { Err, DType, Op } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, dtypeOf, ndimOf, shapePtr, dataBytes } from '../tensors';
import { shouldRecord2, newRecord, setInput, setParams, save, saveOutput } from '../tape';

const SUM = 0, PROD = 1, MEAN = 2, AMAX = 3, AMIN = 4;

export function scatter_reduce_flat(x: i32, src: i32, index: i32, mode: i32, includeSelf: bool): i32 {
  const out = newTensor(ndimOf(x), shapePtr(x), dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  const count = mode == MEAN ? newTensor(ndimOf(x), shapePtr(x), DType.Int32) : 0;
  if (mode == MEAN && !count) { release(out); return Err.OutOfMemory; }
  memory.copy(dataOf(out), dataOf(x), dataBytes(x));
  const pc = count ? dataOf(count) : 0;
  if (pc) memory.fill(pc, 0, dataBytes(count));
  const dt = dtypeOf(x), po = dataOf(out), ps = dataOf(src), pi = dataOf(index), n = numelOf(index), nOut = numelOf(x);
  if (dt == DType.Float64) reduceInto<f64>(po, ps, pi, n, nOut, mode, includeSelf, pc);
  else if (dt == DType.Float32) reduceInto<f32>(po, ps, pi, n, nOut, mode, includeSelf, pc);
  else reduceInto<i32>(po, ps, pi, n, nOut, mode, includeSelf, pc);
  if (count) release(count);
  if (!shouldRecord2(x, src)) return out;
  const r = newRecord(Op.ScatterReduce, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  setInput(r, 1, src);
  setParams(r, 0, 0, mode, includeSelf ? 1 : 0);
  save(r, 0, x); // slot 0: scatter_reduce_'s original_self (ops/inplace.ts)
  save(r, 1, index);
  save(r, 2, src);
  saveOutput(r);
  return out;
}

function identity<T>(mode: i32): T {
  if (mode == PROD) return <T>1;
  if (mode == AMAX) return isFloat<T>() ? <T>-Infinity : <T>i32.MIN_VALUE;
  if (mode == AMIN) return isFloat<T>() ? <T>Infinity : <T>i32.MAX_VALUE;
  return <T>0;
}

/** PyTorch's ReduceAdd/Multiply/Mean/Maximum/Minimum: a NaN src wins amax/amin, std::max keeps a NaN self. */
function combine<T>(mode: i32, a: T, v: T): T {
  if (mode == PROD) return a * v;
  if (mode == AMAX) return (isFloat<T>() && v != v) ? v : (a < v ? v : a);
  if (mode == AMIN) return (isFloat<T>() && v != v) ? v : (v < a ? v : a);
  return a + v;
}

function reduceInto<T>(po: usize, ps: usize, pi: usize, n: i32, nOut: i32, mode: i32, includeSelf: bool, pc: usize): void {
  const sh = alignof<T>();
  if (!includeSelf) {
    const e = identity<T>(mode);
    for (let j = 0; j < n; j++) {
      const t = load<i32>(pi + (<usize>j << 2));
      if (t >= 0) store<T>(po + (<usize>t << sh), e);
    }
  }
  for (let j = 0; j < n; j++) {
    const t = load<i32>(pi + (<usize>j << 2));
    if (t < 0) continue;
    const p = po + (<usize>t << sh);
    store<T>(p, combine<T>(mode, load<T>(p), load<T>(ps + (<usize>j << sh))));
    if (pc) store<i32>(pc + (<usize>t << 2), load<i32>(pc + (<usize>t << 2)) + 1);
  }
  if (!pc) return;
  for (let t = 0; t < nOut; t++) {
    let c = load<i32>(pc + (<usize>t << 2)) + (includeSelf ? 1 : 0);
    if (c == 0) c = 1;
    const p = po + (<usize>t << sh);
    if (isFloat<T>()) store<T>(p, load<T>(p) / <T>c);
    else {
      const a = load<i32>(p), q = a / c; // integers: PyTorch's floor division
      store<i32>(p, a < 0 && a % c != 0 ? q - 1 : q);
    }
  }
}

/**
 * PyTorch's scatter_reduce_backward, in g's dtype, for input k (0 self: x's shape; 1 src:
 * src's shape), without !include_self's zeros at scattered self positions for k = 0 applied last.
 */
export function scatterReduceBackwardCompute(k: i32, g: i32, x: i32, src: i32, res: i32, index: i32, mode: i32, includeSelf: bool): i32 {
  const shapeOf = k == 0 ? x : src;
  const out = newTensor(ndimOf(shapeOf), shapePtr(shapeOf), dtypeOf(g));
  if (!out) return Err.OutOfMemory;
  const a = newTensor(ndimOf(x), shapePtr(x), dtypeOf(g)), b = newTensor(ndimOf(x), shapePtr(x), dtypeOf(g));
  if (!a || !b) { release(out); if (a) release(a); if (b) release(b); return Err.OutOfMemory; }
  if (dtypeOf(g) == DType.Float64) {
    reduceBack<f64>(k, dataOf(g), dataOf(x), dataOf(src), dataOf(res), dataOf(index), numelOf(index), numelOf(x), numelOf(out), mode, includeSelf, dataOf(a), dataOf(b), dataOf(out));
  } else {
    reduceBack<f32>(k, dataOf(g), dataOf(x), dataOf(src), dataOf(res), dataOf(index), numelOf(index), numelOf(x), numelOf(out), mode, includeSelf, dataOf(a), dataOf(b), dataOf(out));
  }
  release(a);
  release(b);
  return out;
}

// a, b: scratch of x's numel. mean: a = N; amax/amin: a = N_to_distribute; prod: a = the
// masked-self (k 0) or masked-src (k 1) product, b = the count of zeros in src (k 1).
function reduceBack<T>(k: i32, pg: usize, px: usize, ps: usize, pr: usize, pi: usize, n: i32, nx: i32, nOut: i32,
  mode: i32, includeSelf: bool, pa: usize, pb: usize, po: usize): void {
  const sh = alignof<T>();
  for (let t = 0; t < nx; t++) {
    const xv = load<T>(px + (<usize>t << sh));
    let v: T = 0;
    if (mode == MEAN) v = includeSelf ? 1 : 0;
    else if (mode == AMAX || mode == AMIN) v = xv == load<T>(pr + (<usize>t << sh)) ? 1 : 0;
    else if (mode == PROD) v = k == 0 && xv == 0 ? 1 : xv;
    store<T>(pa + (<usize>t << sh), v);
    store<T>(pb + (<usize>t << sh), 0);
  }
  if (mode == PROD && !includeSelf) {
    for (let j = 0; j < n; j++) {
      const t = load<i32>(pi + (<usize>j << 2));
      if (t >= 0) store<T>(pa + (<usize>t << sh), 1);
    }
  }
  for (let j = 0; j < n; j++) {
    const t = load<i32>(pi + (<usize>j << 2));
    if (t < 0) continue;
    const p = pa + (<usize>t << sh), sv = load<T>(ps + (<usize>j << sh));
    if (mode == MEAN) store<T>(p, load<T>(p) + 1);
    else if (mode == AMAX || mode == AMIN) store<T>(p, load<T>(p) + (sv == load<T>(pr + (<usize>t << sh)) ? <T>1 : <T>0));
    else if (mode == PROD) {
      store<T>(p, load<T>(p) * (k == 1 && sv == 0 ? <T>1 : sv));
      if (sv == 0) store<T>(pb + (<usize>t << sh), load<T>(pb + (<usize>t << sh)) + 1);
    }
  }
  if (mode == MEAN) {
    for (let t = 0; t < nx; t++) if (load<T>(pa + (<usize>t << sh)) == 0) store<T>(pa + (<usize>t << sh), 1);
  }
  if (k == 0) {
    for (let t = 0; t < nx; t++) {
      const q = <usize>t << sh, gv = load<T>(pg + q), av = load<T>(pa + q);
      let v: T = gv;
      if (mode == MEAN) v = gv / av;
      else if (mode == AMAX || mode == AMIN) v = (load<T>(px + q) == load<T>(pr + q) ? <T>1 : <T>0) * (gv / av);
      else if (mode == PROD) { const xv = load<T>(px + q); v = gv * av / (xv == 0 ? <T>1 : xv); }
      store<T>(po + q, v);
    }
    if (!includeSelf) {
      for (let j = 0; j < n; j++) {
        const t = load<i32>(pi + (<usize>j << 2));
        if (t >= 0) store<T>(po + (<usize>t << sh), 0);
      }
    }
    return;
  }
  for (let j = 0; j < nOut; j++) {
    const t = j < n ? load<i32>(pi + (<usize>j << 2)) : -1;
    let v: T = 0;
    if (t >= 0) {
      const q = <usize>t << sh, gv = load<T>(pg + q), sv = load<T>(ps + (<usize>j << sh));
      if (mode == SUM) v = gv;
      else if (mode == MEAN) v = gv / load<T>(pa + q);
      else if (mode == AMAX || mode == AMIN) v = (sv == load<T>(pr + q) ? <T>1 : <T>0) * (gv / load<T>(pa + q));
      else if (sv == 0 && load<T>(pb + q) == 1) v = gv * load<T>(pa + q);
      else v = gv * load<T>(pr + q) / (sv == 0 ? <T>1 : sv);
    }
    store<T>(po + (<usize>j << sh), v);
  }
}
