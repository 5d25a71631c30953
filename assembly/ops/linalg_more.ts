// addmv, baddbmm, addbmm on the wasm device (the js device's src/js/ops/linalg_more.ts
// computes the same): beta·self + alpha·product, self broadcast to the product's shape,
// and self ignored when beta is 0 (its NaN does not reach the result), as PyTorch.
//
//   op       a (mat, batch1)   b (vec, batch2)   product                     out
//   Addmv    [M, K]            [K]               a·b                         [M]
//   Baddbmm  [B, M, K]         [B, K, N]         a[i]·b[i]                   [B, M, N]
//   Addbmm   [B, M, K]         [B, K, N]         Σi a[i]·b[i]                [M, N]
//
// Record inputs (self, a, b), s0 = beta, s1 = alpha; a is saved for b's gradient, b for a's.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, newTensorN, release, dataOf, numelOf, ndimOf, dimOf, shapePtr, requiresGrad, dtypeOf, dataBytes } from '../tensors';
import { is_grad_enabled, shouldRecord1, shouldRecord2, newRecord, setInput, setParams, save, saveOutput } from '../tape';
import { SHAPE, COUNTERS, SPARE, argsPtr } from '../scratch';
import { gemm } from '../kernels/gemm';
import { gemm64 } from '../kernels/gemm64';
import { gemmCompute } from './linalg';
import { expandCompute } from './shape';
import { outerSize, innerSize, dimSize, reducedShape } from './reduce';
import { reduceSum, reduceMax } from '../kernels/reduce';
import { sigmoid } from '../kernels/scalar_math';
import { alloc, free } from '../alloc';

/** The product of a and b for op, not recorded (addbmm's batches summed into one matrix). */
function product(op: i32, a: i32, b: i32): i32 {
  if (op == Op.Addmv) {
    const M = dimOf(a, 0), K = dimOf(a, 1);
    store<i32>(SHAPE, M);
    return gemmCompute(false, false, 1, M, 1, K, a, b, 1, SHAPE);
  }
  const batch = dimOf(a, 0), M = dimOf(a, 1), K = dimOf(a, 2), N = dimOf(b, 2);
  if (op == Op.Baddbmm) {
    store<i32>(SHAPE, batch); store<i32>(SHAPE, M, 4); store<i32>(SHAPE, N, 8);
    return gemmCompute(false, false, batch, M, N, K, a, b, 3, SHAPE);
  }
  if (op != Op.Addbmm) unreachable();
  store<i32>(SHAPE, M); store<i32>(SHAPE, N, 4);
  const f64 = dtypeOf(a) == DType.Float64;
  const out = newTensor(2, SHAPE, dtypeOf(a));
  if (!out) return Err.OutOfMemory;
  const pc = dataOf(out), sh: usize = f64 ? 3 : 2;
  memory.fill(pc, 0, dataBytes(out));
  const sa = <usize>M * K << sh, sb = <usize>K * N << sh;
  for (let i = 0; i < batch; i++) {
    if (f64) gemm64(false, false, M, N, K, dataOf(a) + <usize>i * sa, K, dataOf(b) + <usize>i * sb, N, true, pc, N);
    else if (!gemm(false, false, M, N, K, dataOf(a) + <usize>i * sa, K, dataOf(b) + <usize>i * sb, N, true, pc, N)) {
      release(out);
      return Err.OutOfMemory;
    }
  }
  return out;
}

/** beta·self + alpha·(a·b) for Op.Addmv, Op.Baddbmm, Op.Addbmm (shapes validated by the TS layer). */
export function add_product(op: i32, self: i32, a: i32, b: i32, beta: f64, alpha: f64): i32 {
  const out = product(op, a, b);
  if (out < 0) return out;
  const n = numelOf(out);
  if (beta == 0) {
    if (dtypeOf(out) == DType.Float64) scaleAdd<f64>(0, dataOf(out), n, 0, alpha); else scaleAdd<f32>(0, dataOf(out), n, 0, alpha);
  } else if (n > 0) {
    const s = numelOf(self) == n ? self : expandCompute(self, ndimOf(out), shapePtr(out));
    if (s < 0) { release(out); return s; }
    if (dtypeOf(out) == DType.Float64) scaleAdd<f64>(dataOf(s), dataOf(out), n, beta, alpha);
    else scaleAdd<f32>(dataOf(s), dataOf(out), n, beta, alpha);
    if (s != self) release(s);
  }
  if (!is_grad_enabled() || !(requiresGrad(self) || requiresGrad(a) || requiresGrad(b))) return out;
  const r = newRecord(op, 3, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, self);
  setInput(r, 1, a);
  setInput(r, 2, b);
  setParams(r, beta, alpha, 0, 0);
  if (requiresGrad(b)) save(r, 1, a);
  if (requiresGrad(a)) save(r, 2, b);
  return out;
}

/** out = beta·self + alpha·out over n elements (ps 0: out = alpha·out). */
function scaleAdd<T>(ps: usize, po: usize, n: i32, beta: f64, alpha: f64): void {
  const sh = alignof<T>(), be = <T>beta, al = <T>alpha;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << sh;
    store<T>(po + o, ps ? be * load<T>(ps + o) + al * load<T>(po + o) : al * load<T>(po + o));
  }
}

// ---- F.glu: the first half along dim times the sigmoid of the second (GluBackward0) ----

/** out (with dim halved) from x; or, with g, x's gradient [sig·g | (1 − sig)·sig·a·g] (one loop for both). */
export function gluRun(x: i32, dim: i32, g: i32, out: i32): void {
  if (dtypeOf(x) == DType.Float64) gluLoop<f64>(x, dim, g, out); else gluLoop<f32>(x, dim, g, out);
}

function gluLoop<T>(x: i32, dim: i32, g: i32, out: i32): void {
  const nd = ndimOf(x), shape = shapePtr(x), sh = alignof<T>();
  const outer = outerSize(nd, shape, dim), half = dimSize(nd, shape, dim) >> 1, inner = innerSize(nd, shape, dim);
  const px = dataOf(x), po = dataOf(out), pg = g ? dataOf(g) : 0;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < half; j++) {
      for (let i = 0; i < inner; i++) {
        const ia = <usize>((o * 2 * half + j) * inner + i) << sh, ib = ia + (<usize>(half * inner) << sh);
        const ih = <usize>((o * half + j) * inner + i) << sh;
        const a = load<T>(px + ia), sig = <T>sigmoid(<f64>load<T>(px + ib));
        if (!g) { store<T>(po + ih, a * sig); continue; }
        const gv = load<T>(pg + ih);
        store<T>(po + ia, sig * gv);
        store<T>(po + ib, (<T>1 - sig) * sig * a * gv);
      }
    }
  }
}

/** F.glu along dim (its size even, checked by the TS layer); records Op.Glu saving x, i0 = dim. */
export function glu(x: i32, dim: i32): i32 {
  const nd = ndimOf(x);
  memory.copy(SHAPE, shapePtr(x), <usize>nd << 2);
  store<i32>(SHAPE + (<usize>dim << 2), dimOf(x, dim) >> 1);
  const out = newTensor(nd, SHAPE, dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  gluRun(x, dim, 0, out);
  if (!shouldRecord1(x)) return out;
  const r = newRecord(Op.Glu, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  setParams(r, 0, 0, dim, 0);
  save(r, 0, x);
  return out;
}

// ---- linalg.cross along dim (size 3) of a and b broadcast to the shape (LinalgCrossBackward0) ----

/** a × b along dim, both broadcast to the shape (nd dims at `shape`), not recorded. */
export function crossCompute(a: i32, b: i32, dim: i32, nd: i32, shape: usize): i32 {
  const out = newTensor(nd, shape, dtypeOf(a));
  if (!out) return Err.OutOfMemory;
  const n = numelOf(out);
  if (n == 0) return out;
  const ea = numelOf(a) == n ? a : expandCompute(a, nd, shape);
  const eb = numelOf(b) == n ? b : expandCompute(b, nd, shape);
  if (ea < 0 || eb < 0) {
    if (ea > 0 && ea != a) release(ea);
    if (eb > 0 && eb != b) release(eb);
    release(out);
    return Err.OutOfMemory;
  }
  const outer = outerSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  if (dtypeOf(a) == DType.Float64) crossLoop<f64>(dataOf(ea), dataOf(eb), dataOf(out), outer, inner);
  else crossLoop<f32>(dataOf(ea), dataOf(eb), dataOf(out), outer, inner);
  if (ea != a) release(ea);
  if (eb != b) release(eb);
  return out;
}

function crossLoop<T>(pa: usize, pb: usize, po: usize, outer: i32, inner: i32): void {
  const sh = alignof<T>(), step = <usize>inner << sh;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const p0 = <usize>(o * 3 * inner + i) << sh, p1 = p0 + step, p2 = p1 + step;
      const a0 = load<T>(pa + p0), a1 = load<T>(pa + p1), a2 = load<T>(pa + p2);
      const b0 = load<T>(pb + p0), b1 = load<T>(pb + p1), b2 = load<T>(pb + p2);
      store<T>(po + p0, a1 * b2 - a2 * b1);
      store<T>(po + p1, a2 * b0 - a0 * b2);
      store<T>(po + p2, a0 * b1 - a1 * b0);
    }
  }
}

/** linalg.cross with the output's shape (nd dims) in the args buffer; records Op.LinalgCross, i0 = dim. */
export function cross(a: i32, b: i32, dim: i32, nd: i32): i32 {
  return crossAt(a, b, dim, nd, argsPtr());
}

/** cross with the output's shape at `shape`, recorded when grad mode asks (its own derivative uses it). */
export function crossAt(a: i32, b: i32, dim: i32, nd: i32, shape: usize): i32 {
  const out = crossCompute(a, b, dim, nd, shape);
  if (out < 0 || !shouldRecord2(a, b)) return out;
  const r = newRecord(Op.LinalgCross, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setInput(r, 1, b);
  setParams(r, 0, 0, dim, 0);
  if (requiresGrad(b)) save(r, 0, a);
  if (requiresGrad(a)) save(r, 1, b);
  return out;
}

// ---- the p-norm over the dims in mask (NormBackward1: torch.norm(p, dim, keepdim)), p > 0 ----

/** |x|^p summed (p = 2: x², p = 1: |x|) or, for p = inf, the largest |x|; then the p-th root. Records Op.NormDim. */
export function norm(x: i32, p: f64, mask: i32, keepdim: bool): i32 {
  const out = newTensor(reducedShape(x, mask, keepdim), SHAPE, dtypeOf(x));
  if (!out) return Err.OutOfMemory;
  const ok = dtypeOf(x) == DType.Float64 ? normInto<f64>(x, p, mask, out) : normInto<f32>(x, p, mask, out);
  if (!ok) { release(out); return Err.OutOfMemory; }
  if (!shouldRecord1(x)) return out;
  const r = newRecord(Op.NormDim, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  setParams(r, p, 0, mask, keepdim ? 1 : 0);
  save(r, 0, x);
  saveOutput(r);
  return out;
}

/** The norm of x over mask into out: |x|^p (x², |x|) summed, or the largest |x| for p = inf; then the p-th root. */
function normInto<T>(x: i32, p: f64, mask: i32, out: i32): bool {
  const n = numelOf(x), nd = ndimOf(x), sh = alignof<T>();
  const t = newTensorN(nd, shapePtr(x), dtypeOf(x), n);
  if (!t) return false;
  const px = dataOf(x), pt = dataOf(t);
  for (let i = 0; i < n; i++) {
    const v = load<T>(px + (<usize>i << sh));
    store<T>(pt + (<usize>i << sh), p == 2 ? v * v : p == 1 || p == Infinity ? abs<T>(v) : <T>Math.pow(<f64>abs<T>(v), p));
  }
  const po = dataOf(out), on = numelOf(out);
  let ok = true;
  if (p == Infinity) {
    if (n > 0) reduceMax<T>(pt, nd, shapePtr(x), mask, po, on);
  } else ok = reduceSum<T>(pt, nd, shapePtr(x), mask, po, 1.0, COUNTERS);
  release(t);
  if (ok && p != 1 && p != Infinity) {
    for (let i = 0; i < on; i++) {
      const s = <f64>load<T>(po + (<usize>i << sh));
      store<T>(po + (<usize>i << sh), <T>(p == 2 ? Math.sqrt(s) : Math.pow(s, 1 / p)));
    }
  }
  return ok;
}

// @ts-ignore: decorator
@inline function sgn<T>(v: T): T { return v > 0 ? 1 : v < 0 ? -1 : v == v ? 0 : v; }

/** PyTorch 1.13's norm_backward, elementwise over x (n elements of type T) with the norm and g spread to x's shape. */
export function normGrad<T>(px: usize, pn: usize, pg: usize, p: f64, pc: usize, po: usize, n: i32): void {
  const sh = alignof<T>();
  for (let i = 0; i < n; i++) {
    const o = <usize>i << sh;
    const v = load<T>(px + o), a = abs<T>(v), nv = load<T>(pn + o), gv = load<T>(pg + o);
    let r: T;
    if (p == 1) r = sgn<T>(v) * gv;
    else if (p == 2) r = gv * (nv == 0 ? <T>0 : v / nv);
    else if (p == Infinity) r = a == nv || a != a ? sgn<T>(v) * (gv / load<T>(pc + o)) : sgn<T>(v) * <T>0;
    else if (p < 1) r = sgn<T>(v) * (v == 0 ? <T>0 : <T>Math.pow(<f64>a, p - 1)) * gv * <T>Math.pow(<f64>nv, 1 - p);
    else {
      const scale: T = nv == 0 ? 0 : gv / <T>Math.pow(<f64>nv, p - 1);
      r = (p < 2 ? sgn<T>(v) * <T>Math.pow(<f64>a, p - 1) : v * <T>Math.pow(<f64>a, p - 2)) * scale;
    }
    store<T>(po + o, r);
  }
}

// ---- cdist: p-norm distances between the rows of x1 [..., P, M] and x2 [..., R, M] (CdistBackward0) ----

/** One row pair's term of the gradient along one coordinate, as PyTorch's _cdist_backward. */
// @ts-ignore: decorator
@inline export function cdistTerm<T>(diff: T, dist: T, p: f64): T {
  const s: T = diff > 0 ? 1 : diff < 0 ? -1 : 0;
  if (dist == 0) return 0;
  if (p == 1) return s;
  if (p == 2) return diff / dist;
  if (p == Infinity) return abs<T>(diff) == dist ? s : 0;
  if (p < 1 && diff == 0) return 0;
  return s * <T>Math.pow(<f64>abs<T>(diff), p - 1) / <T>Math.pow(<f64>dist, p - 1);
}

/** x at [...batch, its last two dims] (batch: the first nd − 2 dims at `shape`): x itself (no new ref) or a copy. */
export function batchedOf(x: i32, nd: i32, shape: usize): i32 {
  const nx = ndimOf(x);
  memory.copy(SPARE, shape, <usize>(nd - 2) << 2);
  store<i32>(SPARE + (<usize>(nd - 2) << 2), dimOf(x, nx - 2));
  store<i32>(SPARE + (<usize>(nd - 1) << 2), dimOf(x, nx - 1));
  let n = 1;
  for (let d = 0; d < nd; d++) n *= load<i32>(SPARE + (<usize>d << 2));
  return numelOf(x) == n ? x : expandCompute(x, nd, SPARE);
}

/** The distances at the shape [...batch, P, R] (nd dims at `shape`), not recorded. */
export function cdistCompute(x1: i32, x2: i32, p: f64, nd: i32, shape: usize): i32 {
  const out = newTensor(nd, shape, dtypeOf(x1));
  if (!out) return Err.OutOfMemory;
  const a = batchedOf(x1, nd, shape);
  const b = a < 0 ? a : batchedOf(x2, nd, shape);
  if (a < 0 || b < 0) { if (a > 0 && a != x1) release(a); release(out); return Err.OutOfMemory; }
  const P = load<i32>(shape + (<usize>(nd - 2) << 2)), R = load<i32>(shape + (<usize>(nd - 1) << 2));
  const M = dimOf(x1, ndimOf(x1) - 1), nb = P * R ? numelOf(out) / (P * R) : 0;
  if (dtypeOf(x1) == DType.Float64) cdistLoop<f64>(dataOf(a), dataOf(b), dataOf(out), nb, P, R, M, p);
  else cdistLoop<f32>(dataOf(a), dataOf(b), dataOf(out), nb, P, R, M, p);
  if (a != x1) release(a);
  if (b != x2) release(b);
  return out;
}

function cdistLoop<T>(pa: usize, pb: usize, po: usize, nb: i32, P: i32, R: i32, M: i32, p: f64): void {
  const sh = alignof<T>();
  for (let bi = 0; bi < nb; bi++) {
    for (let i = 0; i < P; i++) {
      for (let j = 0; j < R; j++) {
        let s: f64 = 0;
        for (let k = 0; k < M; k++) {
          const d = <f64>abs<T>(load<T>(pa + (<usize>((bi * P + i) * M + k) << sh)) - load<T>(pb + (<usize>((bi * R + j) * M + k) << sh)));
          s = p == Infinity ? max(s, d) : s + (p == 2 ? d * d : p == 1 ? d : Math.pow(d, p));
        }
        store<T>(po + (<usize>((bi * P + i) * R + j) << sh), <T>(p == 1 || p == Infinity ? s : p == 2 ? Math.sqrt(s) : Math.pow(s, 1 / p)));
      }
    }
  }
}

/** The gradient for x1 (forX2 false) or x2 at the full batch shape of g: Σ over the other's rows of g · term. */
export function cdistGrad(x1: i32, x2: i32, g: i32, dist: i32, p: f64, forX2: bool): i32 {
  const nd = ndimOf(g), shape = shapePtr(g);
  const P = dimOf(g, nd - 2), R = dimOf(g, nd - 1), M = dimOf(x1, ndimOf(x1) - 1);
  const a = batchedOf(x1, nd, shape);
  const b = a < 0 ? a : batchedOf(x2, nd, shape);
  if (a < 0 || b < 0) { if (a > 0 && a != x1) release(a); return Err.OutOfMemory; }
  memory.copy(SHAPE, shape, <usize>(nd - 2) << 2);
  store<i32>(SHAPE + (<usize>(nd - 2) << 2), forX2 ? R : P);
  store<i32>(SHAPE + (<usize>(nd - 1) << 2), M);
  const out = newTensor(nd, SHAPE, dtypeOf(g));
  if (out) {
    memory.fill(dataOf(out), 0, dataBytes(out));
    const nb = P * R ? numelOf(g) / (P * R) : 0;
    if (dtypeOf(g) == DType.Float64) cdistGradLoop<f64>(dataOf(a), dataOf(b), dataOf(g), dataOf(dist), dataOf(out), nb, P, R, M, p, forX2);
    else cdistGradLoop<f32>(dataOf(a), dataOf(b), dataOf(g), dataOf(dist), dataOf(out), nb, P, R, M, p, forX2);
  }
  if (a != x1) release(a);
  if (b != x2) release(b);
  return out ? out : Err.OutOfMemory;
}

function cdistGradLoop<T>(pa: usize, pb: usize, pg: usize, pd: usize, po: usize, nb: i32, P: i32, R: i32, M: i32, p: f64, forX2: bool): void {
  const sh = alignof<T>();
  for (let bi = 0; bi < nb; bi++) {
    for (let i = 0; i < P; i++) {
      for (let j = 0; j < R; j++) {
        const gi = <usize>((bi * P + i) * R + j) << sh, gv = load<T>(pg + gi), dv = load<T>(pd + gi);
        for (let k = 0; k < M; k++) {
          const ia = <usize>((bi * P + i) * M + k) << sh, ib = <usize>((bi * R + j) * M + k) << sh;
          const va = load<T>(pa + ia), vb = load<T>(pb + ib), o = po + (forX2 ? ib : ia);
          store<T>(o, load<T>(o) + gv * cdistTerm<T>(forX2 ? vb - va : va - vb, dv, p));
        }
      }
    }
  }
}

/** cdist with the output's shape (nd dims) in the args buffer; records Op.Cdist (s0 = p) saving x1, x2, the result. */
export function cdist(x1: i32, x2: i32, p: f64, nd: i32): i32 {
  const out = cdistCompute(x1, x2, p, nd, argsPtr());
  if (out < 0 || !shouldRecord2(x1, x2)) return out;
  const r = newRecord(Op.Cdist, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x1);
  setInput(r, 1, x2);
  setParams(r, p, 0, 0, 0);
  save(r, 0, x1);
  save(r, 1, x2);
  saveOutput(r);
  return out;
}

// ---- linalg.inv: LU with partial pivoting, as LAPACK's getrf + getri (LinalgInvExBackward0) ----

let invInfo = 0;
/** 0, or k + (n + 1)·b for the first zero pivot k (1-based) of batch element b in the last linalg_inv. */
export function take_inv_info(): i32 { const k = invInfo; invInfo = 0; return k; }

/**
 * The inverse of each n×n matrix of a ([..., n, n], validated by the TS layer), recorded as
 * Op.LinalgInv saving the result. A singular matrix sets take_inv_info() (the result is then junk
 * the TS layer frees).
 */
export function linalg_inv(a: i32): i32 {
  const nd = ndimOf(a), n = nd ? dimOf(a, nd - 1) : 0;
  const out = newTensor(nd, shapePtr(a), dtypeOf(a));
  if (!out) return Err.OutOfMemory;
  const lu = newTensor(nd, shapePtr(a), dtypeOf(a));
  if (!lu) { release(out); return Err.OutOfMemory; }
  memory.copy(dataOf(lu), dataOf(a), dataBytes(a));
  const batch = n ? numelOf(a) / (n * n) : 0;
  invInfo = 0;
  for (let b = 0; b < batch && !invInfo; b++) {
    const k = dtypeOf(a) == DType.Float64 ? invert<f64>(dataOf(lu), dataOf(out), n, b) : invert<f32>(dataOf(lu), dataOf(out), n, b);
    invInfo = k > 0 ? k + (n + 1) * b : k; // the batch element rides along: the TS layer splits it
  }
  release(lu);
  if (invInfo < 0) { invInfo = 0; release(out); return Err.OutOfMemory; }
  if (invInfo || !shouldRecord1(a)) return out;
  const r = newRecord(Op.LinalgInv, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  saveOutput(r);
  return out;
}

/** Matrix b of lu (n×n, overwritten by its LU factors) inverted into out: 0, or the 1-based zero pivot. */
function invert<T>(plu: usize, pout: usize, n: i32, b: i32): i32 {
  const off = <usize>b * <usize>(n * n) << alignof<T>();
  plu += off;
  pout += off;
  const piv = alloc(<usize>max(n, 1) << 2); // the row of each step's pivot
  if (!piv) return -1;
  const info = factorSolve<T>(plu, pout, n, piv);
  free(piv);
  return info;
}

// @ts-ignore: decorator
@inline function at<T>(p: usize, n: i32, i: i32, j: i32): usize { return p + (<usize>(i * n + j) << alignof<T>()); }

function factorSolve<T>(plu: usize, pout: usize, n: i32, piv: usize): i32 {
  for (let k = 0; k < n; k++) {
    let p = k, m = abs<T>(load<T>(at<T>(plu, n, k, k)));
    for (let i = k + 1; i < n; i++) {
      const v = abs<T>(load<T>(at<T>(plu, n, i, k)));
      if (v > m) { m = v; p = i; }
    }
    store<i32>(piv + (<usize>k << 2), p);
    if (p != k) {
      for (let j = 0; j < n; j++) {
        const t = load<T>(at<T>(plu, n, k, j));
        store<T>(at<T>(plu, n, k, j), load<T>(at<T>(plu, n, p, j)));
        store<T>(at<T>(plu, n, p, j), t);
      }
    }
    const d = load<T>(at<T>(plu, n, k, k));
    if (d == 0) return k + 1;
    for (let i = k + 1; i < n; i++) {
      const l = load<T>(at<T>(plu, n, i, k)) / d;
      store<T>(at<T>(plu, n, i, k), l);
      for (let j = k + 1; j < n; j++) store<T>(at<T>(plu, n, i, j), load<T>(at<T>(plu, n, i, j)) - l * load<T>(at<T>(plu, n, k, j)));
    }
  }
  // solve L·U·X = P·I column by column
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) store<T>(at<T>(pout, n, i, c), <T>(i == c ? 1 : 0));
  }
  for (let k = 0; k < n; k++) {
    const p = load<i32>(piv + (<usize>k << 2));
    if (p != k) {
      for (let c = 0; c < n; c++) {
        const t = load<T>(at<T>(pout, n, k, c));
        store<T>(at<T>(pout, n, k, c), load<T>(at<T>(pout, n, p, c)));
        store<T>(at<T>(pout, n, p, c), t);
      }
    }
  }
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let s = load<T>(at<T>(pout, n, i, c));
      for (let j = 0; j < i; j++) s -= load<T>(at<T>(plu, n, i, j)) * load<T>(at<T>(pout, n, j, c));
      store<T>(at<T>(pout, n, i, c), s);
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = load<T>(at<T>(pout, n, i, c));
      for (let j = i + 1; j < n; j++) s -= load<T>(at<T>(plu, n, i, j)) * load<T>(at<T>(pout, n, j, c));
      store<T>(at<T>(pout, n, i, c), s / load<T>(at<T>(plu, n, i, i)));
    }
  }
  return 0;
}
