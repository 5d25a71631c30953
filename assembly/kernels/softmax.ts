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

import { alloc, free } from '../alloc';

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function expf(x: f32): f32 { return <f32>Math.exp(<f64>x); }

/** The row's max; a NaN anywhere makes it NaN. */
// @ts-ignore: decorator
@inline function rowMax(x: usize, n: i32): f32 {
  let m: f32 = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = ld(x, j);
    if (v > m || v != v) m = v;
  }
  return m;
}

/**
 * softmax (or log_softmax when `isLog`) of x along the middle dim of
 * outer × d × inner, into out. Returns false when scratch memory could not be had.
 */
export function softmaxForward(isLog: bool, x: usize, out: usize, outer: i32, d: i32, inner: i32): bool {
  if (outer == 0 || d == 0 || inner == 0) return true;
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const off = <usize>o * <usize>d << 2;
      const px = x + off, po = out + off;
      const m = rowMax(px, d);
      let s: f64 = 0;
      if (isLog) {
        for (let j = 0; j < d; j++) s += <f64>expf(ld(px, j) - m);
        const ls = <f32>Math.log(<f64><f32>s);
        for (let j = 0; j < d; j++) st(po, j, (ld(px, j) - m) - ls);
      } else {
        for (let j = 0; j < d; j++) {
          const e = expf(ld(px, j) - m);
          st(po, j, e);
          s += <f64>e;
        }
        const inv = <f32>1 / <f32>s;
        for (let j = 0; j < d; j++) st(po, j, ld(po, j) * inv);
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
      for (let i = 0; i < inner; i++) {
        const v = ld(row, i), m = ld(mx, i);
        if (v > m || v != v) st(mx, i, v);
      }
    }
    for (let k = 0; k < d; k++) {
      const row = px + <usize>k * rowB, orow = po + <usize>k * rowB;
      for (let i = 0; i < inner; i++) {
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
        for (let i = 0; i < inner; i++) st(orow, i, ld(orow, i) / ld(sm, i));
      }
    }
  }
  free(mx);
  return true;
}

/**
 * The derivative of softmax (y·(g − Σ g·y)) or log_softmax (g − exp(y)·Σ g)
 * along the middle dim, y the forward result. Returns false when scratch
 * memory could not be had.
 */
export function softmaxBackward(isLog: bool, g: usize, y: usize, out: usize, outer: i32, d: i32, inner: i32): bool {
  if (outer == 0 || d == 0 || inner == 0) return true;
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const off = <usize>o * <usize>d << 2;
      const pg = g + off, py = y + off, po = out + off;
      let s: f64 = 0;
      if (isLog) {
        for (let j = 0; j < d; j++) s += <f64>ld(pg, j);
        const s32 = <f32>s;
        for (let j = 0; j < d; j++) st(po, j, ld(pg, j) - expf(ld(py, j)) * s32);
      } else {
        for (let j = 0; j < d; j++) s += <f64>(ld(pg, j) * ld(py, j));
        const s32 = <f32>s;
        for (let j = 0; j < d; j++) st(po, j, (ld(pg, j) - s32) * ld(py, j));
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
      for (let i = 0; i < inner; i++) {
        const s = ld(sm, i);
        st(ro, i, isLog ? ld(rg, i) - expf(ld(ry, i)) * s : (ld(rg, i) - s) * ld(ry, i));
      }
    }
  }
  free(sm);
  return true;
}

/**
 * max along the middle dim (d ≥ 1): values into vals (f32) and the index of
 * the first maximum into idx (i32), as PyTorch picks it; a NaN is the maximum
 * and its first occurrence wins.
 */
export function maxAlongDim(x: usize, vals: usize, idx: usize, outer: i32, d: i32, inner: i32): void {
  const rowB = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const px = x + <usize>o * <usize>d * rowB;
    const pv = vals + <usize>o * rowB, pi = idx + <usize>o * rowB;
    memory.copy(pv, px, rowB);
    memory.fill(pi, 0, rowB);
    for (let k = 1; k < d; k++) {
      const row = px + <usize>k * rowB;
      for (let i = 0; i < inner; i++) {
        const v = ld(row, i), m = ld(pv, i);
        if (!(v <= m) && m == m) { st(pv, i, v); store<i32>(pi + (<usize>i << 2), k); }
      }
    }
  }
}

/** MaxBackward0: out (zeroed here) gets g at each chosen index along the middle dim. */
export function maxAlongDimGrad(g: usize, idx: usize, out: usize, outer: i32, d: i32, inner: i32): void {
  memory.fill(out, 0, <usize>outer * <usize>d * <usize>inner << 2);
  const rowB = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const po = out + <usize>o * <usize>d * rowB;
    const pg = g + <usize>o * rowB, pi = idx + <usize>o * rowB;
    for (let i = 0; i < inner; i++) {
      const k = load<i32>(pi + (<usize>i << 2));
      st(po + <usize>k * rowB, i, ld(pg, i));
    }
  }
}
