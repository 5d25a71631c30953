// addmv, baddbmm, addbmm on the js device, as on the wasm device (assembly/ops/linalg_more.ts):
// beta·self + alpha·product, self broadcast to the product's shape and ignored when beta is 0.
//
//   op       a (mat, batch1)   b (vec, batch2)   product                     out
//   Addmv    [M, K]            [K]               a·b                         [M]
//   Baddbmm  [B, M, K]         [B, K, N]         a[i]·b[i]                   [B, M, N]
//   Addbmm   [B, M, K]         [B, K, N]         Σi a[i]·b[i]                [M, N]

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';
import { gemm } from '../gemm.js';
import { expandCompute } from '../ops.js';
import { gemmCompute } from './linalg.js';
import { split, reduceMax } from './reduce.js';
import { reduceSum, type Float } from '../kernels/reduce.js';
import { reducedShape } from '../../shape.js';
import { sigmoid } from '../kernels/scalar_math.js';

function product(op: Op, a: JsTensor, b: JsTensor): JsTensor {
  if (op === Op.Addmv) {
    const [M, K] = a.shape;
    return gemmCompute(false, false, 1, M, 1, K, a, b, [M]);
  }
  const [batch, M, K] = a.shape, N = b.shape[2];
  if (op === Op.Baddbmm) return gemmCompute(false, false, batch, M, N, K, a, b, [batch, M, N]);
  const out = empty([M, N], a.dtype);
  const A = a.data as Float, B = b.data as Float, C = out.data as Float;
  for (let i = 0; i < batch; i++) gemm(false, false, M, N, K, A, i * M * K, K, B, i * K * N, N, true, C, 0, N);
  return out;
}

/** beta·self + alpha·(a·b), recorded with inputs (self, a, b); a saved for b's gradient, b for a's. */
export function addProduct(op: Op, self: JsTensor, a: JsTensor, b: JsTensor, beta: number, alpha: number): JsTensor {
  const out = product(op, a, b);
  const o = out.data as Float, n = out.numel, f = roundOf(out.dtype);
  const be = f(beta), al = f(alpha);
  if (beta === 0) for (let i = 0; i < n; i++) o[i] = f(al * o[i]);
  else if (n > 0) {
    const s = (self.numel === n ? self : expandCompute(self, out.shape)).data as Float;
    for (let i = 0; i < n; i++) o[i] = f(f(be * s[i]) + f(al * o[i]));
  }
  const r = record(op, out, [self, a, b]);
  if (r) {
    r.s0 = beta;
    r.s1 = alpha;
    r.saved = [null, b.requiresGrad ? a : null, a.requiresGrad ? b : null];
  }
  return out;
}

// ---- F.glu: the first half along dim times the sigmoid of the second (GluBackward0) ----

/** out (dim halved) from x; or, with g, x's gradient [sig·g | (1 − sig)·sig·a·g] into out. */
export function gluRun(x: JsTensor, dim: number, g: JsTensor | null, out: JsTensor): void {
  const [outer, d, inner] = split(x.shape, dim), half = d >> 1;
  const X = x.data as Float, O = out.data as Float, G = g ? g.data as Float : null;
  const f = roundOf(x.dtype);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < half; j++) {
      for (let i = 0; i < inner; i++) {
        const ia = (o * 2 * half + j) * inner + i, ib = ia + half * inner, ih = (o * half + j) * inner + i;
        const a = X[ia], sig = f(sigmoid(X[ib]));
        if (!G) { O[ih] = f(a * sig); continue; }
        O[ia] = f(sig * G[ih]);
        O[ib] = f(f(f(f(1 - sig) * sig) * a) * G[ih]);
      }
    }
  }
}

/** F.glu along dim (its size even); records Op.Glu saving x, i0 = dim. */
export function glu(x: JsTensor, dim: number): JsTensor {
  const shape = x.shape.slice();
  shape[dim] >>= 1;
  const out = empty(shape, x.dtype);
  gluRun(x, dim, null, out);
  const r = record(Op.Glu, out, [x]);
  if (r) { r.i0 = dim; r.saved = [x]; }
  return out;
}

// ---- linalg.cross along dim (size 3) of a and b broadcast to the shape (LinalgCrossBackward0) ----

/** a × b along dim, both broadcast to `shape`, not recorded. */
export function crossCompute(a: JsTensor, b: JsTensor, dim: number, shape: number[]): JsTensor {
  const out = empty(shape.slice(), a.dtype);
  const n = out.numel;
  if (n === 0) return out;
  const A = (a.numel === n ? a : expandCompute(a, shape)).data as Float;
  const B = (b.numel === n ? b : expandCompute(b, shape)).data as Float;
  const O = out.data as Float, [outer, , inner] = split(shape, dim), f = roundOf(a.dtype);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const p0 = o * 3 * inner + i, p1 = p0 + inner, p2 = p1 + inner;
      O[p0] = f(f(A[p1] * B[p2]) - f(A[p2] * B[p1]));
      O[p1] = f(f(A[p2] * B[p0]) - f(A[p0] * B[p2]));
      O[p2] = f(f(A[p0] * B[p1]) - f(A[p1] * B[p0]));
    }
  }
  return out;
}

/** linalg.cross, recorded as Op.LinalgCross with i0 = dim; a saved for b's gradient, b for a's. */
export function cross(a: JsTensor, b: JsTensor, dim: number, shape: number[]): JsTensor {
  const out = crossCompute(a, b, dim, shape);
  const r = record(Op.LinalgCross, out, [a, b]);
  if (r) { r.i0 = dim; r.saved = [b.requiresGrad ? a : null, a.requiresGrad ? b : null]; }
  return out;
}

// ---- the p-norm over the dims in mask (NormBackward1: torch.norm(p, dim, keepdim)), p > 0 ----

/** |x|^p summed (p = 2: x², p = 1: |x|) or, for p = inf, the largest |x|; then the p-th root. */
export function norm(x: JsTensor, p: number, mask: number, keepdim: boolean): JsTensor {
  const out = empty(reducedShape(x.shape, mask, keepdim), x.dtype);
  const X = x.data as Float, O = out.data as Float, f = roundOf(x.dtype);
  const t = X.map((v) => (p === 2 ? v * v : p === 1 || p === Infinity ? Math.abs(v) : Math.pow(Math.abs(v), p)));
  if (p === Infinity) reduceMax(t, x.shape, mask, O);
  else reduceSum(t, x.shape, mask, O, 1);
  if (p !== 1 && p !== Infinity) for (let i = 0; i < O.length; i++) O[i] = f(p === 2 ? Math.sqrt(O[i]) : Math.pow(O[i], 1 / p));
  const r = record(Op.NormDim, out, [x]);
  if (r) { r.s0 = p; r.i0 = mask; r.i1 = keepdim ? 1 : 0; r.saved = [x]; r.savesResult = true; }
  return out;
}

/** norm_backward of PyTorch 1.13 (FunctionsManual), elementwise over x with g and the norm n spread to x's shape. */
export function normGrad(x: Float, n: Float, g: Float, p: number, count: Float | null, out: Float): void {
  const f = roundOf(out instanceof Float64Array ? DType.Float64 : DType.Float32), sgn = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : v === v ? 0 : v);
  for (let i = 0; i < x.length; i++) {
    const v = x[i], a = Math.abs(v), nv = n[i], gv = g[i];
    if (p === 1) out[i] = f(sgn(v) * gv);
    else if (p === 2) out[i] = f(gv * (nv === 0 ? 0 : f(v / nv)));
    else if (p === Infinity) out[i] = a === nv || a !== a ? f(sgn(v) * f(gv / count![i])) : f(sgn(v) * 0);
    else if (p < 1) out[i] = f(f(f(sgn(v) * (v === 0 ? 0 : f(Math.pow(a, p - 1)))) * gv) * f(Math.pow(nv, 1 - p)));
    else {
      const scale = nv === 0 ? 0 : f(gv / f(Math.pow(nv, p - 1)));
      out[i] = f((p < 2 ? f(sgn(v) * f(Math.pow(a, p - 1))) : f(v * f(Math.pow(a, p - 2)))) * scale);
    }
  }
}

// ---- cdist: p-norm distances between the rows of x1 [..., P, M] and x2 [..., R, M] (CdistBackward0) ----

/** One row pair's term of the gradient: d(dist)/d(a) along one coordinate, as PyTorch's _cdist_backward. */
export function cdistTerm(diff: number, dist: number, p: number, f: (x: number) => number = Math.fround): number {
  const sgn = diff > 0 ? 1 : diff < 0 ? -1 : 0;
  if (dist === 0) return 0;
  if (p === 1) return sgn;
  if (p === 2) return f(diff / dist);
  if (p === Infinity) return Math.abs(diff) === dist ? sgn : 0;
  if (p < 1 && diff === 0) return 0;
  return f(f(sgn * f(Math.pow(Math.abs(diff), p - 1))) / f(Math.pow(dist, p - 1)));
}

/** x at [...batch, rows, cols] (x itself when it has that many elements). */
const batched = (x: JsTensor, batch: number[]): JsTensor => {
  const shape = [...batch, ...x.shape.slice(-2)];
  return x.numel === shape.reduce((a, b) => a * b, 1) ? x : expandCompute(x, shape);
};

/** The distances [...batch, P, R], not recorded. */
export function cdistCompute(x1: JsTensor, x2: JsTensor, p: number, shape: number[]): JsTensor {
  const out = empty(shape.slice(), x1.dtype), f = roundOf(x1.dtype);
  const batch = shape.slice(0, -2), [P, R] = shape.slice(-2), M = x1.shape[x1.shape.length - 1];
  const A = batched(x1, batch).data as Float, Bd = batched(x2, batch).data as Float, O = out.data as Float;
  const nb = out.numel / Math.max(P * R, 1);
  for (let b = 0; b < nb; b++) {
    for (let i = 0; i < P; i++) {
      for (let j = 0; j < R; j++) {
        let s = 0;
        for (let k = 0; k < M; k++) {
          const d = Math.abs(f(A[(b * P + i) * M + k] - Bd[(b * R + j) * M + k]));
          s = p === Infinity ? Math.max(s, d) : s + (p === 2 ? d * d : p === 1 ? d : Math.pow(d, p));
        }
        O[(b * P + i) * R + j] = f(p === 1 || p === Infinity ? s : p === 2 ? Math.sqrt(s) : Math.pow(s, 1 / p));
      }
    }
  }
  return out;
}

/**
 * The gradient for x1 (x2 = false) or x2: Σ over the other's rows of g · d(dist)/d(row), at the
 * full batch shape (the caller sums it back to the input's shape).
 */
export function cdistGrad(x1: JsTensor, x2: JsTensor, g: JsTensor, dist: JsTensor, p: number, forX2: boolean): JsTensor {
  const batch = g.shape.slice(0, -2), [P, R] = g.shape.slice(-2), M = x1.shape[x1.shape.length - 1];
  const A = batched(x1, batch).data as Float, Bd = batched(x2, batch).data as Float;
  const G = g.data as Float, D = dist.data as Float, f = roundOf(g.dtype);
  const out = empty([...batch, forX2 ? R : P, M], g.dtype), O = out.data as Float;
  const nb = g.numel / Math.max(P * R, 1);
  for (let b = 0; b < nb; b++) {
    for (let i = 0; i < P; i++) {
      for (let j = 0; j < R; j++) {
        const gv = G[(b * P + i) * R + j], dv = D[(b * P + i) * R + j];
        for (let k = 0; k < M; k++) {
          const a = A[(b * P + i) * M + k], c = Bd[(b * R + j) * M + k];
          const o = forX2 ? (b * R + j) * M + k : (b * P + i) * M + k;
          O[o] = f(O[o] + f(gv * cdistTerm(forX2 ? f(c - a) : f(a - c), dv, p, f)));
        }
      }
    }
  }
  return out;
}

/** cdist, recorded as Op.Cdist (s0 = p) saving x1, x2 and the result. */
export function cdist(x1: JsTensor, x2: JsTensor, p: number, shape: number[]): JsTensor {
  const out = cdistCompute(x1, x2, p, shape);
  const r = record(Op.Cdist, out, [x1, x2]);
  if (r) { r.s0 = p; r.saved = [x1, x2]; r.savesResult = true; }
  return out;
}

// ---- linalg.inv: LU with partial pivoting, as LAPACK's getrf + getri (LinalgInvExBackward0) ----

/**
 * The inverse of each n×n matrix of a, as assembly/ops/linalg_more.ts's linalg_inv, recorded as
 * Op.LinalgInv saving the result; info is 0, or k + (n + 1)·b for the first zero pivot k (1-based)
 * of batch element b.
 */
export function linalgInv(a: JsTensor): [JsTensor, number] {
  const nd = a.shape.length, n = a.shape[nd - 1], f = roundOf(a.dtype);
  const out = empty(a.shape.slice(), a.dtype), lu = (a.data as Float).slice(), O = out.data as Float;
  const batch = n ? a.numel / (n * n) : 0, piv = new Int32Array(n);
  for (let b = 0, off = 0; b < batch; b++, off += n * n) {
    const at = (i: number, j: number): number => off + i * n + j;
    for (let k = 0; k < n; k++) {
      let p = k, m = Math.abs(lu[at(k, k)]);
      for (let i = k + 1; i < n; i++) { const v = Math.abs(lu[at(i, k)]); if (v > m) { m = v; p = i; } }
      piv[k] = p;
      if (p !== k) for (let j = 0; j < n; j++) { const t = lu[at(k, j)]; lu[at(k, j)] = lu[at(p, j)]; lu[at(p, j)] = t; }
      const d = lu[at(k, k)];
      if (d === 0) return [out, k + 1 + (n + 1) * b];
      for (let i = k + 1; i < n; i++) {
        const l = f(lu[at(i, k)] / d);
        lu[at(i, k)] = l;
        for (let j = k + 1; j < n; j++) lu[at(i, j)] = f(lu[at(i, j)] - f(l * lu[at(k, j)]));
      }
    }
    for (let i = 0; i < n; i++) for (let c = 0; c < n; c++) O[at(i, c)] = i === c ? 1 : 0;
    for (let k = 0; k < n; k++) {
      const p = piv[k];
      if (p !== k) for (let c = 0; c < n; c++) { const t = O[at(k, c)]; O[at(k, c)] = O[at(p, c)]; O[at(p, c)] = t; }
    }
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < n; i++) {
        let s = O[at(i, c)];
        for (let j = 0; j < i; j++) s = f(s - f(lu[at(i, j)] * O[at(j, c)]));
        O[at(i, c)] = s;
      }
      for (let i = n - 1; i >= 0; i--) {
        let s = O[at(i, c)];
        for (let j = i + 1; j < n; j++) s = f(s - f(lu[at(i, j)] * O[at(j, c)]));
        O[at(i, c)] = f(s / lu[at(i, i)]);
      }
    }
  }
  const r = record(Op.LinalgInv, out, [a]);
  if (r) r.savesResult = true;
  return [out, 0];
}
