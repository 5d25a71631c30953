// Reductions 2 (prod, var, std, nansum, norm, aminmax) of the wasm device, mirrored step by step by
// src/js/ops/reduce_stats.ts. Each walks the input in "run order": the kept dims
// first, then the reduced dims, so the elements folded into output element o
// are the run order[o·n .. o·n + n) (n = the count of reduced elements). The
// forward computes one value per run; the derivative writes one gradient per
// element of each run.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, ndimOf, shapePtr, numelOf, dtypeOf } from '../tensors';
import { shouldRecord1, newRecord, setInput, setParams, save, saveOutput } from '../tape';
import { SHAPE, SPARE } from '../scratch';
import { reducedShape, reducedCount } from './reduce';

const RUN: usize = memory.data(24 * 4, 16); // sizes, strides, counters of the run order (8 i32s each)

/** An int32 tensor of the offsets of a's elements in run order (a: nd dims at shape); 0 when out of memory. */
export function runOrder(nd: i32, shape: usize, mask: i32): i32 {
  let n = 1, k = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let d = 0; d < nd; d++) {
      if (((mask >> d) & 1) != pass) continue;
      let stride = 1;
      for (let e = d + 1; e < nd; e++) stride *= load<i32>(shape + (<usize>e << 2));
      store<i32>(RUN + (<usize>k << 2), load<i32>(shape + (<usize>d << 2)));
      store<i32>(RUN + 32 + (<usize>k << 2), stride);
      store<i32>(RUN + 64 + (<usize>k << 2), 0);
      k++;
    }
  }
  for (let d = 0; d < nd; d++) n *= load<i32>(shape + (<usize>d << 2));
  store<i32>(SPARE, n);
  const t = newTensor(1, SPARE, DType.Int32);
  if (!t) return 0;
  const ord = dataOf(t);
  let off = 0;
  for (let i = 0; i < n; i++) {
    store<i32>(ord + (<usize>i << 2), off);
    for (let j = k - 1; j >= 0; j--) {
      const c = load<i32>(RUN + 64 + (<usize>j << 2)) + 1, st = load<i32>(RUN + 32 + (<usize>j << 2));
      if (c < load<i32>(RUN + (<usize>j << 2))) { store<i32>(RUN + 64 + (<usize>j << 2), c); off += st; break; }
      store<i32>(RUN + 64 + (<usize>j << 2), 0);
      off -= st * (c - 1);
    }
  }
  return t;
}

// The kernels are generic over the element type T (f32 or f64): the f32 instantiation rounds
// where it always did, the <T> casts are no-ops for f64.
@inline function at<T>(x: usize, ord: usize, i: i32): T {
  return load<T>(x + (<usize>load<i32>(ord + (<usize>i << 2)) << alignof<T>()));
}

/** The element at input offset i (a run-order entry). */
@inline function elt<T>(x: usize, i: i32): T { return load<T>(x + (<usize>i << alignof<T>())); }
@inline function put<T>(out: usize, i: i32, v: T): void { store<T>(out + (<usize>i << alignof<T>()), v); }

/** The p-norm of a run (f64 sums): a count for p = 0, max / min |x| for ±inf (NaN wins), 0 when empty. */
function normOf<T>(x: usize, ord: usize, b: i32, n: i32, p: f64): T {
  if (n == 0) return 0;
  const inf = p == Infinity || p == -Infinity;
  let acc: f64 = inf ? Math.abs(<f64>at<T>(x, ord, b)) : 0;
  for (let j = 0; j < n; j++) {
    const a = Math.abs(<f64>at<T>(x, ord, b + j));
    if (a != a && p != 0) return NaN; // a count (p = 0) counts NaN as nonzero
    if (p == Infinity) acc = max(acc, a);
    else if (p == -Infinity) acc = min(acc, a);
    else if (p == 0) acc += a != 0 ? 1 : 0;
    else if (p == 1) acc += a;
    else if (p == 2) acc += a * a;
    else acc += Math.pow(a, p);
  }
  return <T>(inf || p == 0 || p == 1 ? acc : p == 2 ? Math.sqrt(acc) : Math.pow(acc, 1 / p));
}

@inline function sgn<T>(v: T): T { return v > 0 ? 1 : v < 0 ? -1 : 0; }

/** norm's derivative for one element (PyTorch's norm_backward); m: inf norms' argmax mask, cnt its count. */
function normGrad<T>(v: T, g: T, r: T, p: f64, m: T, cnt: T): T {
  const a = Math.abs(<f64>v);
  if (p == 0) return 0;
  if (p == 1) return sgn<T>(v) * g;
  if (p == 2) return g * (r == 0 ? 0 : v / r);
  if (p == Infinity || p == -Infinity) return sgn<T>(v) * ((g / cnt) * m);
  if (p < 1) return sgn<T>(v) * (v == 0 ? 0 : <T>Math.pow(a, p - 1)) * g * <T>Math.pow(<f64>r, 1 - p);
  const sv: T = r == 0 ? 0 : g / <T>Math.pow(<f64>r, p - 1);
  return (p < 2 ? sgn<T>(v) * <T>Math.pow(a, p - 1) : v * <T>Math.pow(a, p - 2)) * sv;
}

/** The reduction of the run of n elements starting at run index b. */
function runValue<T>(op: i32, x: usize, ord: usize, b: i32, n: i32, p: f64): T {
  switch (op) {
    case Op.Prod: case Op.ProdDim: {
      let acc: T = 1;
      for (let j = 0; j < n; j++) acc *= at<T>(x, ord, b + j);
      return acc;
    }
    case Op.Var: case Op.Std: case Op.VarMean: case Op.StdMean: {
      // two passes in f64; the divisor is max(0, n − correction), as PyTorch
      let sum: f64 = 0, m2: f64 = 0;
      for (let j = 0; j < n; j++) sum += <f64>at<T>(x, ord, b + j);
      const mean = sum / <f64>n;
      for (let j = 0; j < n; j++) { const d = <f64>at<T>(x, ord, b + j) - mean; m2 += d * d; }
      const v = m2 / max<f64>(0, <f64>n - p);
      return <T>(op == Op.Std || op == Op.StdMean ? Math.sqrt(v) : v);
    }
    case Op.Nansum: {
      let sum: f64 = 0;
      for (let j = 0; j < n; j++) { const v = at<T>(x, ord, b + j); if (v == v) sum += <f64>v; }
      return <T>sum;
    }
    case Op.Norm: case Op.VectorNorm: return normOf<T>(x, ord, b, n, p);
    case Op.Aminmax: { // p 0: the min, 1: the max (NaN wins); n > 0 (the TS layer checks)
      let m = at<T>(x, ord, b);
      for (let j = 1; j < n; j++) {
        const v = at<T>(x, ord, b + j);
        if (v != v || (p == 0 ? v < m : v > m)) m = v;
        if (m != m) break;
      }
      return m;
    }
    default: unreachable();
  }
  return 0;
}

/** The m runs of n elements each into out. */
function runValues<T>(op: i32, x: usize, ord: usize, n: i32, p: f64, out: usize, m: i32): void {
  for (let o = 0; o < m; o++) put<T>(out, o, runValue<T>(op, x, ord, o * n, n, p));
}

/**
 * op over the dims in mask (validated by the TS layer); p is the op's number
 * (var's correction, norm's order), flag 1 when no dim was given. Records
 * (s0 = p, s1 = flag, i0 = mask, i1 = keepdim) and saves the input and result.
 */
export function reduce2(op: i32, a: i32, mask: i32, keepdim: bool, p: f64, flag: i32): i32 {
  const nd = ndimOf(a), n = reducedCount(a, mask);
  const ord = runOrder(nd, shapePtr(a), mask);
  if (!ord) return Err.OutOfMemory;
  const out = newTensor(reducedShape(a, mask, keepdim), SHAPE, dtypeOf(a));
  if (!out) { release(ord); return Err.OutOfMemory; }
  if (dtypeOf(a) == DType.Float64) runValues<f64>(op, dataOf(a), dataOf(ord), n, p, dataOf(out), numelOf(out));
  else runValues<f32>(op, dataOf(a), dataOf(ord), n, p, dataOf(out), numelOf(out));
  release(ord);
  if (!shouldRecord1(a)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setParams(r, p, <f64>flag, mask, keepdim ? 1 : 0);
  save(r, 0, a);
  saveOutput(r);
  return out;
}

/**
 * Writes the gradient of every element of the run at b into out (input order),
 * from g and the result r of the run's output element.
 */
function runGrad<T>(op: i32, mode: i32, x: usize, ord: usize, b: i32, n: i32, g: T, r: T, out: usize, p: f64): void {
  switch (op) {
    case Op.Prod: case Op.ProdDim: {
      // mode 0: g·(r / x); 1: g·(the product of the others, as exclusive cumprods from both sides); 2: zeros
      if (mode == 1) {
        let pre: f64 = 1;
        for (let j = 0; j < n; j++) {
          const i = load<i32>(ord + (<usize>(b + j) << 2));
          put<T>(out, i, <T>pre);
          pre = <f64><T>(pre * <f64>elt<T>(x, i));
        }
        let suf: f64 = 1;
        for (let j = n - 1; j >= 0; j--) {
          const i = load<i32>(ord + (<usize>(b + j) << 2));
          put<T>(out, i, g * (elt<T>(out, i) * <T>suf));
          suf = <f64><T>(suf * <f64>elt<T>(x, i));
        }
        return;
      }
      for (let j = 0; j < n; j++) {
        const i = load<i32>(ord + (<usize>(b + j) << 2));
        put<T>(out, i, mode == 0 ? g * (r / elt<T>(x, i)) : 0);
      }
      return;
    }
    case Op.Var: case Op.Std: case Op.VarMean: case Op.StdMean: {
      // std: g / (2·result) (0 where the result is 0), then var's (2 / (n − correction))·g·(x − mean);
      // mode 1 (no dim, or 0-d) with n − correction ≤ 0: g·inf
      if (op == Op.Std || op == Op.StdMean) g = r == 0 ? 0 : g / (r * 2);
      const dof = <f64>n - p;
      let sum: f64 = 0;
      for (let j = 0; j < n; j++) sum += <f64>at<T>(x, ord, b + j);
      const mean = <T>(sum / <f64>n), c = <T>(2 / dof), gi = g * <T>Infinity;
      for (let j = 0; j < n; j++) {
        const i = load<i32>(ord + (<usize>(b + j) << 2));
        put<T>(out, i, mode == 1 && dof <= 0 ? gi : c * g * (elt<T>(x, i) - mean));
      }
      return;
    }
    case Op.Nansum: { // g·(x is not NaN)
      for (let j = 0; j < n; j++) {
        const i = load<i32>(ord + (<usize>(b + j) << 2)), v = elt<T>(x, i);
        put<T>(out, i, g * <T>(v == v ? 1 : 0));
      }
      return;
    }
    case Op.Norm: case Op.VectorNorm: {
      let cnt: T = 0; // ±inf: the count of elements at the norm (or NaN)
      if (p == Infinity || p == -Infinity) {
        for (let j = 0; j < n; j++) { const v = abs<T>(at<T>(x, ord, b + j)); if (v == r || v != v) cnt += 1; }
      }
      for (let j = 0; j < n; j++) {
        const i = load<i32>(ord + (<usize>(b + j) << 2)), v = elt<T>(x, i), a = abs<T>(v);
        put<T>(out, i, normGrad<T>(v, g, r, p, a == r || a != a ? 1 : 0, cnt));
      }
      return;
    }
    default: unreachable();
  }
}

/** How the derivative treats the whole tensor (prod: whether and how many zeros it holds; var: 1 without dim or 0-d). */
function gradMode<T>(op: i32, x: usize, nx: i32, nd: i32, flag: i32): i32 {
  if (op == Op.Var || op == Op.Std || op == Op.VarMean || op == Op.StdMean) return flag || nd == 0 ? 1 : 0;
  if (op != Op.Prod && op != Op.ProdDim) return 0;
  let zeros = 0;
  for (let i = 0; i < nx; i++) if (elt<T>(x, i) == 0) zeros++;
  if (zeros == 0) return 0;
  return op == Op.Prod && zeros > 1 ? 2 : 1;
}

/** The derivative of reduce2 into out (shaped like x): g and res in output order. */
export function reduce2Grad(op: i32, x: i32, nd: i32, shape: usize, mask: i32, g: usize, res: usize, out: i32, p: f64, flag: i32): bool {
  return dtypeOf(out) == DType.Float64
    ? reduce2GradOf<f64>(op, x, nd, shape, mask, g, res, out, p, flag)
    : reduce2GradOf<f32>(op, x, nd, shape, mask, g, res, out, p, flag);
}

function reduce2GradOf<T>(op: i32, x: i32, nd: i32, shape: usize, mask: i32, g: usize, res: usize, out: i32, p: f64, flag: i32): bool {
  const nx = numelOf(out);
  if (nd == 0 && (op == Op.Prod || op == Op.ProdDim)) { // a 0-dim product is the element itself
    store<T>(dataOf(out), load<T>(g));
    return true;
  }
  const ord = runOrder(nd, shape, mask);
  if (!ord) return false;
  let n = 1;
  for (let d = 0; d < nd; d++) if (mask & (1 << d)) n *= load<i32>(shape + (<usize>d << 2));
  const m = n ? nx / n : 0, px = dataOf(x), mode = gradMode<T>(op, px, nx, nd, flag);
  for (let o = 0; o < m; o++) {
    runGrad<T>(op, mode, px, dataOf(ord), o * n, n, elt<T>(g, o), elt<T>(res, o), dataOf(out), p);
  }
  release(ord);
  return true;
}
