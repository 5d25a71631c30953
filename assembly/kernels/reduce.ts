// Sum-reduction over any set of dims, the kernel behind sum, mean and every
// "sum the gradient back to the input's shape" of broadcasting ops.
//
// Sums accumulate in f64 and round once: PyTorch's cascade summation is about
// that accurate, a plain f32 running sum over 1e6 elements is not.

import { alloc, free } from '../alloc';
import { expV } from './vecmath';

/** Sum of n floats of type T at x, in f64. */
export function sumAllOf<T>(x: usize, n: i32): f64 {
  if (sizeof<T>() == 8) {
    let s = 0.0;
    for (let i = 0; i < n; i++) s += load<f64>(x + (<usize>i << 3));
    return s;
  }
  return sumAll(x, n);
}

/** Sum of n float32s at x, in f64. */
export function sumAll(x: usize, n: i32): f64 {
  let a = f64x2.splat(0), b = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    a = f64x2.add(a, f64x2.promote_low_f32x4(v));
    b = f64x2.add(b, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
  }
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1) + f64x2.extract_lane(b, 0) + f64x2.extract_lane(b, 1);
  for (; i < n; i++) s += <f64>load<f32>(x + (<usize>i << 2));
  return s;
}

/**
 * out = sum of x (nd dims, shape at `shape`) over the dims whose bit is set in
 * `mask`, divided by `divisor` (1, or the count for mean, as PyTorch divides). `out` holds the kept dims in
 * order, contiguous. Returns false when scratch memory could not be had.
 */
export function reduceSum<T>(x: usize, nd: i32, shape: usize, mask: i32, out: usize, divisor: f64, counters: usize): bool {
  const sh: usize = sizeof<T>() == 8 ? 3 : 2;
  let n = 1, outN = 1;
  for (let d = 0; d < nd; d++) {
    const s = load<i32>(shape + (<usize>d << 2));
    n *= s;
    if (!(mask & (1 << d))) outN *= s;
  }
  if (outN == 1) {
    store<T>(out, <T>(sumAllOf<T>(x, n) / divisor));
    return true;
  }
  // reduce a trailing block of dims: contiguous row sums
  let tail = 1, t = nd - 1;
  while (t >= 0 && (mask & (1 << t))) { tail *= load<i32>(shape + (<usize>t << 2)); t--; }
  let allLeadingKept = true;
  for (let d = 0; d <= t; d++) if (mask & (1 << d)) allLeadingKept = false;
  if (allLeadingKept) {
    for (let r = 0; r < outN; r++) {
      store<T>(out + (<usize>r << sh), <T>(sumAllOf<T>(x + (<usize>(r * tail) << sh), tail) / divisor));
    }
    return true;
  }
  // general case: walk x in order, scattering into f64 partial sums
  const acc = alloc(<usize>outN << 3);
  if (!acc) return false;
  memory.fill(acc, 0, <usize>outN << 3);
  // out strides per input dim (0 on reduced dims)
  const ostr = counters + 64;
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const reduced = (mask & (1 << d)) != 0;
    store<i32>(ostr + (<usize>d << 2), reduced ? 0 : stride);
    if (!reduced) stride *= load<i32>(shape + (<usize>d << 2));
  }
  const last = nd - 1;
  const inner = load<i32>(shape + (<usize>last << 2));
  const si = load<i32>(ostr + (<usize>last << 2));
  // an empty last dim means no rows at all (and must not divide by zero)
  let rows = inner ? n / inner : 0;
  for (let d = 0; d < last; d++) store<i32>(counters + (<usize>d << 2), 0);
  let off = 0;
  let p = x;
  for (let r = 0; r < rows; r++) {
    if (si == 0) {
      const q = acc + (<usize>off << 3);
      store<f64>(q, load<f64>(q) + sumAllOf<T>(p, inner));
    } else {
      for (let i = 0; i < inner; i++) {
        const q = acc + (<usize>(off + i) << 3);
        store<f64>(q, load<f64>(q) + <f64>load<T>(p + (<usize>i << sh)));
      }
    }
    p += <usize>inner << sh;
    for (let d = last - 1; d >= 0; d--) {
      const cp = counters + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const s = load<i32>(ostr + (<usize>d << 2));
      if (c < load<i32>(shape + (<usize>d << 2))) { store<i32>(cp, c); off += s; break; }
      store<i32>(cp, 0);
      off -= s * (c - 1);
    }
  }
  for (let i = 0; i < outN; i++) store<T>(out + (<usize>i << sh), <T>(load<f64>(acc + (<usize>i << 3)) / divisor));
  free(acc);
  return true;
}

// ---- reductions other than sums: amax, logsumexp and their derivatives -----
//
// They all walk x in memory order, tracking the offset of the output element
// each input element folds into. Dims are first coalesced (size-1 dims dropped,
// neighbours that are both reduced or both kept merged), so a reduction over
// trailing dims becomes one contiguous row per output element.
//
//  WS (96 bytes):
//   0                32                    64                 96
//  ┌────────────────┬─────────────────────┬──────────────────┐
//  │ shape[8] (i32) │ out strides[8] (i32)│ counters[8] (i32)│
//  └────────────────┴─────────────────────┴──────────────────┘
//  out stride: 0 on reduced dims, contiguous over the kept ones

const WS: usize = memory.data(96, 16);
const WS_SHAPE: usize = WS;
const WS_OSTR: usize = WS + 32;
const WS_CNT: usize = WS + 64;

/** Fills WS for x (nd dims at `shape`) reduced over `mask`; returns the coalesced ndim (≥ 1). */
function plan(nd: i32, shape: usize, mask: i32): i32 {
  let k = 0, cmask = 0, prevRed = -1;
  for (let d = 0; d < nd; d++) {
    const s = load<i32>(shape + (<usize>d << 2));
    if (s == 1) continue;
    const red = (mask >> d) & 1;
    if (k > 0 && red == prevRed) {
      const p = WS_SHAPE + (<usize>(k - 1) << 2);
      store<i32>(p, load<i32>(p) * s);
    } else {
      store<i32>(WS_SHAPE + (<usize>k << 2), s);
      if (red) cmask |= 1 << k;
      prevRed = red;
      k++;
    }
  }
  if (k == 0) { store<i32>(WS_SHAPE, 1); k = 1; }
  let stride = 1;
  for (let d = k - 1; d >= 0; d--) {
    const red = (cmask & (1 << d)) != 0;
    store<i32>(WS_OSTR + (<usize>d << 2), red ? 0 : stride);
    if (!red) stride *= load<i32>(WS_SHAPE + (<usize>d << 2));
  }
  return k;
}

export enum Walk { Max, Count, Lse, AmaxGrad, LseGrad }

// float32 through vecmath.ts's SIMD exp, one lane or four (so a value never depends on where it sits)
// @ts-ignore: decorator
@inline function expDiff<T>(x: T, m: T): T {
  if (sizeof<T>() == 4) return <T>f32x4.extract_lane(expV(f32x4.splat(<f32>(x - m))), 0);
  return <T>Math.exp(<f64>(x - m));
}
// @ts-ignore: decorator
@inline function expDiff4(p: usize, mv: v128): v128 { return expV(f32x4.sub(v128.load(p), mv)); }

// One input row of `n` elements of type T at p that all fold into output element o.
// @ts-ignore: decorator
@inline function foldRow<T>(kind: i32, p: usize, po: usize, n: i32, o: usize, a: usize, b: usize): void {
  const sh = alignof<T>();
  const m = load<T>(a + (o << sh));
  if (kind == Walk.Max) {
    let acc = m;
    for (let j = 0; j < n; j++) {
      const v = load<T>(p + (<usize>j << sh));
      if (v > acc || v != v) acc = v;
    }
    store<T>(a + (o << sh), acc);
  } else if (kind == Walk.Count) {
    let c = 0;
    for (let j = 0; j < n; j++) if (load<T>(p + (<usize>j << sh)) == m) c++;
    store<f64>(b + (o << 3), load<f64>(b + (o << 3)) + <f64>c);
  } else if (kind == Walk.Lse) {
    let s: f64 = 0, j = 0;
    if (sizeof<T>() == 4 && n >= 4) {
      const mv = f32x4.splat(<f32>m);
      let acc = f64x2.splat(0);
      for (; j + 4 <= n; j += 4) {
        const e = expDiff4(p + (<usize>j << 2), mv);
        acc = f64x2.add(acc, f64x2.add(f64x2.promote_low_f32x4(e), f64x2.promote_low_f32x4(f32x4.shuffle(e, e, 2, 3, 2, 3))));
      }
      s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    }
    for (; j < n; j++) s += <f64>expDiff<T>(load<T>(p + (<usize>j << sh)), m);
    store<f64>(b + (o << 3), load<f64>(b + (o << 3)) + s);
  } else if (kind == Walk.AmaxGrad) {
    const q = load<T>(b + (o << sh));
    for (let j = 0; j < n; j++) {
      const i = <usize>j << sh;
      store<T>(po + i, q * (load<T>(p + i) == m ? <T>1 : <T>0));
    }
  } else {
    const g = load<T>(b + (o << sh));
    let j = 0;
    if (sizeof<T>() == 4) {
      const mv = f32x4.splat(<f32>m), gv = f32x4.splat(<f32>g);
      for (; j + 4 <= n; j += 4) v128.store(po + (<usize>j << 2), f32x4.mul(gv, expDiff4(p + (<usize>j << 2), mv)));
    }
    for (; j < n; j++) {
      const i = <usize>j << sh;
      store<T>(po + i, g * expDiff<T>(load<T>(p + i), m));
    }
  }
}

// One input row whose elements fold into consecutive output elements o, o+1, ...
// @ts-ignore: decorator
@inline function mapRow<T>(kind: i32, p: usize, po: usize, n: i32, o: usize, a: usize, b: usize): void {
  const sh = alignof<T>();
  for (let j = 0; j < n; j++) foldRow<T>(kind, p + (<usize>j << sh), po + (<usize>j << sh), 1, o + <usize>j, a, b);
}

/**
 * Walks x (numel > 0, elements of type T) after plan(): per element, folds into / reads from
 * output element o of the buffers a (T) and b (f64 accumulators, or T),
 * writing input-shaped results to out (the derivatives).
 */
// @ts-ignore: decorator
@inline function walk<T>(kind: i32, x: usize, nd: i32, a: usize, b: usize, out: usize): void {
  const last = nd - 1;
  const inner = load<i32>(WS_SHAPE + (<usize>last << 2));
  const si = load<i32>(WS_OSTR + (<usize>last << 2));
  let rows = 1;
  for (let d = 0; d < last; d++) { rows *= load<i32>(WS_SHAPE + (<usize>d << 2)); store<i32>(WS_CNT + (<usize>d << 2), 0); }
  let off = 0;
  let p = x, po = out;
  const rowBytes = <usize>inner << alignof<T>();
  for (let r = 0; r < rows; r++) {
    if (si == 0) foldRow<T>(kind, p, po, inner, <usize>off, a, b);
    else mapRow<T>(kind, p, po, inner, <usize>off, a, b);
    p += rowBytes;
    po += rowBytes;
    for (let d = last - 1; d >= 0; d--) {
      const cp = WS_CNT + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const s = load<i32>(WS_OSTR + (<usize>d << 2));
      if (c < load<i32>(WS_SHAPE + (<usize>d << 2))) { store<i32>(cp, c); off += s; break; }
      store<i32>(cp, 0);
      off -= s * (c - 1);
    }
  }
}

/**
 * out = max of x over the dims in mask (NaN wins, as in PyTorch); out holds
 * the kept dims, contiguous, outN elements of type T. x must not be empty.
 */
export function reduceMax<T>(x: usize, nd: i32, shape: usize, mask: i32, out: usize, outN: i32): void {
  for (let i = 0; i < outN; i++) store<T>(out + (<usize>i << alignof<T>()), <T>-Infinity);
  walk<T>(Walk.Max, x, plan(nd, shape, mask), out, 0, 0);
}

/**
 * out = logsumexp of x over mask, as PyTorch computes it: m = amax, taken as
 * 0 where it is infinite (so a +inf element gives +inf, all −inf gives −inf,
 * rather than NaN from inf − inf), then log(Σ exp(x − m)) + m (the sum rounded to T first).
 * Returns false when scratch memory could not be had.
 */
export function reduceLogsumexp<T>(x: usize, n: i32, nd: i32, shape: usize, mask: i32, out: usize, outN: i32): bool {
  const sh = alignof<T>();
  if (n == 0) {
    // an empty sum: log(0)
    for (let i = 0; i < outN; i++) store<T>(out + (<usize>i << sh), <T>-Infinity);
    return true;
  }
  const acc = alloc(<usize>max(outN, 1) << 3);
  if (!acc) return false;
  memory.fill(acc, 0, <usize>outN << 3);
  reduceMax<T>(x, nd, shape, mask, out, outN);
  for (let i = 0; i < outN; i++) {
    const p = out + (<usize>i << sh);
    if (Math.abs(<f64>load<T>(p)) == Infinity) store<T>(p, 0);
  }
  walk<T>(Walk.Lse, x, plan(nd, shape, mask), out, acc, 0);
  for (let i = 0; i < outN; i++) {
    const p = out + (<usize>i << sh);
    const s = <T>load<f64>(acc + (<usize>i << 3));
    store<T>(p, <T>Math.log(<f64>s) + load<T>(p));
  }
  free(acc);
  return true;
}

/**
 * AmaxBackward0: out = (g / count) · (x == m), count = how many elements of
 * each reduced slice equal its max (so ties share the gradient, and a NaN
 * max gives NaN, as in PyTorch). m and g are in the output's element order.
 */
export function amaxGrad<T>(x: usize, n: i32, nd: i32, shape: usize, mask: i32, m: usize, g: usize, outN: i32, out: usize): bool {
  if (n == 0) return true;
  const sh = alignof<T>();
  const cnt = alloc(<usize>outN * (8 + sizeof<T>()));
  if (!cnt) return false;
  const q = cnt + (<usize>outN << 3);
  memory.fill(cnt, 0, <usize>outN << 3);
  const k = plan(nd, shape, mask);
  walk<T>(Walk.Count, x, k, m, cnt, 0);
  for (let i = 0; i < outN; i++) {
    store<T>(q + (<usize>i << sh), load<T>(g + (<usize>i << sh)) / <T>load<f64>(cnt + (<usize>i << 3)));
  }
  walk<T>(Walk.AmaxGrad, x, k, m, q, out);
  free(cnt);
  return true;
}

/** LogsumexpBackward0: out = g · exp(x − result), g and result in the output's element order. */
export function logsumexpGrad<T>(x: usize, n: i32, nd: i32, shape: usize, mask: i32, res: usize, g: usize, out: usize): void {
  if (n == 0) return;
  walk<T>(Walk.LseGrad, x, plan(nd, shape, mask), res, g, out);
}
