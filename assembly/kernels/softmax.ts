// The softmax family and max along a dim, over a tensor viewed as
// outer × D × inner (D the size of the dim, inner the product of the dims
// after it). inner == 1 is the hot path (softmax over the last dim of
// contiguous rows, the MLP's cross-entropy): one row at a time, no scratch.
// Otherwise the D rows of each outer block are walked with per-column
// accumulators, so memory is still read in order.
//
// Rounding follows PyTorch's CPU kernels: the row kernels
// (_vec_softmax_lastdim / _vec_log_softmax_lastdim) scale by 1/Σ and subtract
// a float log; the strided ones (_vec_softmax / host_softmax) divide by Σ and
// subtract a double log. Sums accumulate in f64.
//
// Both run four lanes at a time with expV (kernels/vecmath.ts), as PyTorch's
// run SLEEF's vectorized expf: the row kernels along a row, the strided ones
// across four columns of the inner dims.

import { alloc, free } from '../alloc';
import { expV, loadPartial, storePartial } from './vecmath';

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
/** One lane of expV, for the columns past the last four: a value never depends on where it sits. */
// @ts-ignore: decorator
@inline function expf(x: f32): f32 { return f32x4.extract_lane(expV(f32x4.splat(x)), 0); }

/** acc[0..3] (f64, at q) += the four lanes of v. */
// @ts-ignore: decorator
@inline function addWideAt(q: usize, v: v128): void {
  v128.store(q, f64x2.add(v128.load(q), f64x2.promote_low_f32x4(v)));
  v128.store(q, f64x2.add(v128.load(q, 16), f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 2, 3))), 16);
}

/** Lanes 0..rest−1 set, the others clear (rest 0 to 4). */
// @ts-ignore: decorator
@inline function laneMask(rest: i32): v128 {
  return i32x4.lt_s(v128(0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0), i32x4.splat(rest));
}

/** The sum of the four lanes of v, in f64, added to the two f64 lanes of acc. */
// @ts-ignore: decorator
@inline function addWide(acc: v128, v: v128): v128 {
  return f64x2.add(acc, f64x2.add(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 2, 3))));
}

// @ts-ignore: decorator
@inline function wideTotal(acc: v128): f64 { return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1); }

/**
 * The row's max, for the softmax family only: pmax (one maxps, where V8 wraps
 * f32x4.max in NaN and −0 fix-ups) skips a NaN, which is harmless here because
 * a NaN element makes Σ, and so every output of its row, NaN anyway.
 */
// @ts-ignore: decorator
@inline function rowMax(x: usize, n: i32): f32 {
  let mv = f32x4.splat(-Infinity);
  let j = 0;
  for (; j + 4 <= n; j += 4) mv = f32x4.pmax(mv, v128.load(x + (<usize>j << 2)));
  let m = max(max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
  for (; j < n; j++) m = max(m, ld(x, j));
  return m;
}

/**
 * Σ exp(x[j] − m) over the row in f64; when `store`, each exp is also written to out.
 */
// @ts-ignore: decorator
@inline function rowExpSum(x: usize, out: usize, n: i32, m: f32, store: bool): f64 {
  const mv = f32x4.splat(m);
  let acc = f64x2.splat(0), acc2 = f64x2.splat(0);
  let j = 0;
  // two vectors a step, two sums: the f64 adds' latency is not one long chain
  for (; j + 8 <= n; j += 8) {
    const o = <usize>j << 2;
    const e = expV(f32x4.sub(v128.load(x + o), mv)), e2 = expV(f32x4.sub(v128.load(x + o, 16), mv));
    if (store) { v128.store(out + o, e); v128.store(out + o, e2, 16); }
    acc = addWide(acc, e);
    acc2 = addWide(acc2, e2);
  }
  acc = f64x2.add(acc, acc2);
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    const e = expV(f32x4.sub(v128.load(x + o), mv));
    if (store) v128.store(out + o, e);
    acc = addWide(acc, e);
  }
  if (j < n) {
    const o = <usize>j << 2;
    const e = v128.and(expV(f32x4.sub(loadPartial(x + o, n - j), mv)), laneMask(n - j));
    if (store) storePartial(out + o, e, n - j);
    acc = addWide(acc, e);
  }
  return wideTotal(acc);
}

/** out[j] = (x[j] − a)·b over the row; with isSub, out[j] = (x[j] − a) − b. */
// @ts-ignore: decorator
@inline function rowAffine(x: usize, out: usize, n: i32, a: f32, b: f32, isSub: bool): void {
  const av = f32x4.splat(a), bv = f32x4.splat(b);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    const d = f32x4.sub(v128.load(x + o), av);
    v128.store(out + o, isSub ? f32x4.sub(d, bv) : f32x4.mul(d, bv));
  }
  for (; j < n; j++) st(out, j, isSub ? (ld(x, j) - a) - b : (ld(x, j) - a) * b);
}

/**
 * softmax (or log_softmax when `isLog`) of x along the middle dim of
 * outer × d × inner, into out. Returns false when scratch memory could not be had.
 * `probs` (log_softmax over rows, inner == 1, or 0): also the softmax itself, rounded as softmax's
 * kernel rounds it, from the same exps, so that the backward needs no exp of its own (cross_entropy).
 */
export function softmaxForward(isLog: bool, x: usize, out: usize, outer: i32, d: i32, inner: i32, probs: usize = 0): bool {
  if (outer == 0 || d == 0 || inner == 0) return true;
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const off = <usize>o * <usize>d << 2;
      const px = x + off, po = out + off;
      const m = rowMax(px, d);
      if (isLog && probs) {
        const pp = probs + off;
        const s = <f32>rowExpSum(px, pp, d, m, true);
        rowAffine(px, po, d, m, <f32>Math.log(<f64>s), true);
        rowAffine(pp, pp, d, 0, <f32>1 / s, false);
      } else if (isLog) {
        const ls = <f32>Math.log(<f64><f32>rowExpSum(px, po, d, m, false));
        rowAffine(px, po, d, m, ls, true);
      } else {
        const inv = <f32>1 / <f32>rowExpSum(px, po, d, m, true);
        rowAffine(po, po, d, 0, inv, false);
      }
    }
    return true;
  }
  // per column: max (f32) then sum (f64)
  const mx = alloc(<usize>inner * 12);
  if (!mx) return false;
  const sm = mx + (<usize>inner << 2);
  const block = <usize>d * <usize>inner << 2;
  const rowB = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const px = x + <usize>o * block, po = out + <usize>o * block;
    memory.copy(mx, px, rowB);
    memory.fill(sm, 0, <usize>inner << 3);
    for (let k = 1; k < d; k++) {
      const row = px + <usize>k * rowB;
      let i = 0;
      // pmax skips a NaN (rowMax): its column's Σ, and so the column, is NaN anyway
      for (; i + 4 <= inner; i += 4) v128.store(mx + (<usize>i << 2), f32x4.pmax(v128.load(mx + (<usize>i << 2)), v128.load(row + (<usize>i << 2))));
      for (; i < inner; i++) {
        const v = ld(row, i), m = ld(mx, i);
        if (v > m || v != v) st(mx, i, v);
      }
    }
    for (let k = 0; k < d; k++) {
      const row = px + <usize>k * rowB, orow = po + <usize>k * rowB;
      let i = 0;
      for (; i + 4 <= inner; i += 4) {
        const o = <usize>i << 2;
        const e = expV(f32x4.sub(v128.load(row + o), v128.load(mx + o)));
        if (!isLog) v128.store(orow + o, e);
        addWideAt(sm + (<usize>i << 3), e);
      }
      for (; i < inner; i++) {
        const e = expf(ld(row, i) - ld(mx, i));
        if (!isLog) st(orow, i, e);
        const q = sm + (<usize>i << 3);
        store<f64>(q, load<f64>(q) + <f64>e);
      }
    }
    if (isLog) {
      for (let i = 0; i < inner; i++) { const q = sm + (<usize>i << 3); store<f64>(q, Math.log(load<f64>(q))); }
      for (let k = 0; k < d; k++) {
        const row = px + <usize>k * rowB, orow = po + <usize>k * rowB;
        for (let i = 0; i < inner; i++) {
          st(orow, i, <f32>(<f64>(ld(row, i) - ld(mx, i)) - load<f64>(sm + (<usize>i << 3))));
        }
      }
    } else {
      // the f32 sums overwrite the f64 ones in place: column i's f32 lands at or before its f64
      for (let i = 0; i < inner; i++) st(sm, i, <f32>load<f64>(sm + (<usize>i << 3)));
      for (let k = 0; k < d; k++) {
        const orow = po + <usize>k * rowB;
        let i = 0;
        for (; i + 4 <= inner; i += 4) v128.store(orow + (<usize>i << 2), f32x4.div(v128.load(orow + (<usize>i << 2)), v128.load(sm + (<usize>i << 2))));
        for (; i < inner; i++) st(orow, i, ld(orow, i) / ld(sm, i));
      }
    }
  }
  free(mx);
  return true;
}

/**
 * The derivative of softmax (y·(g − Σ g·y)) or log_softmax (g − exp(y)·Σ g)
 * along the middle dim, y the forward result. Returns false when scratch
 * memory could not be had. `isProbs` (log_softmax, inner == 1): y holds the softmax the forward
 * kept (softmaxForward's `probs`), exp(log_softmax) already, so the rows take no exp.
 */
export function softmaxBackward(isLog: bool, g: usize, y: usize, out: usize, outer: i32, d: i32, inner: i32, isProbs: bool = false): bool {
  if (outer == 0 || d == 0 || inner == 0) return true;
  if (isLog && isProbs) { probsBackward(g, y, out, outer, d); return true; }
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const off = <usize>o * <usize>d << 2;
      const pg = g + off, py = y + off, po = out + off;
      let acc = f64x2.splat(0);
      let j = 0;
      for (; j + 4 <= d; j += 4) {
        const q = <usize>j << 2;
        acc = addWide(acc, isLog ? v128.load(pg + q) : f32x4.mul(v128.load(pg + q), v128.load(py + q)));
      }
      let s = wideTotal(acc);
      for (; j < d; j++) s += <f64>(isLog ? ld(pg, j) : ld(pg, j) * ld(py, j));
      const sv = f32x4.splat(<f32>s);
      j = 0;
      for (; j + 4 <= d; j += 4) {
        const q = <usize>j << 2;
        const gv = v128.load(pg + q), yv = v128.load(py + q);
        v128.store(po + q, isLog ? f32x4.sub(gv, f32x4.mul(expV(yv), sv)) : f32x4.mul(f32x4.sub(gv, sv), yv));
      }
      if (j < d) {
        const q = <usize>j << 2, rest = d - j;
        const gv = loadPartial(pg + q, rest), yv = loadPartial(py + q, rest);
        storePartial(po + q, isLog ? f32x4.sub(gv, f32x4.mul(expV(yv), sv)) : f32x4.mul(f32x4.sub(gv, sv), yv), rest);
      }
    }
    return true;
  }
  const sm = alloc(<usize>inner << 3);
  if (!sm) return false;
  const block = <usize>d * <usize>inner << 2;
  const rowB = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const pg = g + <usize>o * block, py = y + <usize>o * block, po = out + <usize>o * block;
    memory.fill(sm, 0, <usize>inner << 3);
    for (let k = 0; k < d; k++) {
      const rg = pg + <usize>k * rowB, ry = py + <usize>k * rowB;
      for (let i = 0; i < inner; i++) {
        const q = sm + (<usize>i << 3);
        store<f64>(q, load<f64>(q) + <f64>(isLog ? ld(rg, i) : ld(rg, i) * ld(ry, i)));
      }
    }
    for (let i = 0; i < inner; i++) st(sm, i, <f32>load<f64>(sm + (<usize>i << 3)));
    for (let k = 0; k < d; k++) {
      const rg = pg + <usize>k * rowB, ry = py + <usize>k * rowB, ro = po + <usize>k * rowB;
      let i = 0;
      for (; i + 4 <= inner; i += 4) {
        const o = <usize>i << 2;
        const gv = v128.load(rg + o), yv = v128.load(ry + o), sv = v128.load(sm + o);
        v128.store(ro + o, isLog ? f32x4.sub(gv, f32x4.mul(expV(yv), sv)) : f32x4.mul(f32x4.sub(gv, sv), yv));
      }
      for (; i < inner; i++) {
        const s = ld(sm, i);
        st(ro, i, isLog ? ld(rg, i) - expf(ld(ry, i)) * s : (ld(rg, i) - s) * ld(ry, i));
      }
    }
  }
  free(sm);
  return true;
}

/** log_softmax's derivative over rows from the kept softmax p: g − p·Σ g. */
function probsBackward(g: usize, p: usize, out: usize, outer: i32, d: i32): void {
  for (let o = 0; o < outer; o++) {
    const off = <usize>o * <usize>d << 2;
    const pg = g + off, pp = p + off, po = out + off;
    let acc = f64x2.splat(0);
    let j = 0;
    for (; j + 4 <= d; j += 4) acc = addWide(acc, v128.load(pg + (<usize>j << 2)));
    let s = wideTotal(acc);
    for (; j < d; j++) s += <f64>ld(pg, j);
    const sv = f32x4.splat(<f32>s);
    j = 0;
    for (; j + 4 <= d; j += 4) {
      const q = <usize>j << 2;
      v128.store(po + q, f32x4.sub(v128.load(pg + q), f32x4.mul(v128.load(pp + q), sv)));
    }
    for (; j < d; j++) st(po, j, ld(pg, j) - ld(pp, j) * <f32>s);
  }
}

/**
 * max along the middle dim (d ≥ 1), elements of type T: values into vals and the index of
 * the first maximum into idx (i32), as PyTorch picks it; a NaN is the maximum
 * and its first occurrence wins.
 */
export function maxAlongDim<T>(x: usize, vals: usize, idx: usize, outer: i32, d: i32, inner: i32): void {
  const sh = alignof<T>();
  const rowB = <usize>inner << sh;
  for (let o = 0; o < outer; o++) {
    const px = x + <usize>o * <usize>d * rowB;
    const pv = vals + <usize>o * rowB, pi = idx + (<usize>o * <usize>inner << 2);
    memory.copy(pv, px, rowB);
    memory.fill(pi, 0, <usize>inner << 2);
    for (let k = 1; k < d; k++) {
      const row = px + <usize>k * rowB;
      for (let i = 0; i < inner; i++) {
        const v = load<T>(row + (<usize>i << sh)), m = load<T>(pv + (<usize>i << sh));
        if (!(v <= m) && m == m) { store<T>(pv + (<usize>i << sh), v); store<i32>(pi + (<usize>i << 2), k); }
      }
    }
  }
}

/** MaxBackward0: out (zeroed here) gets g at each chosen index along the middle dim. */
export function maxAlongDimGrad<T>(g: usize, idx: usize, out: usize, outer: i32, d: i32, inner: i32): void {
  const sh = alignof<T>();
  memory.fill(out, 0, <usize>outer * <usize>d * <usize>inner << sh);
  const rowB = <usize>inner << sh;
  for (let o = 0; o < outer; o++) {
    const po = out + <usize>o * <usize>d * rowB;
    const pg = g + <usize>o * rowB, pi = idx + (<usize>o * <usize>inner << 2);
    for (let i = 0; i < inner; i++) {
      const k = load<i32>(pi + (<usize>i << 2));
      store<T>(po + <usize>k * rowB + (<usize>i << sh), load<T>(pg + (<usize>i << sh)));
    }
  }
}
