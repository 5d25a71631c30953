// Sum-reduction over any set of dims, the kernel behind sum, mean and every
// "sum the gradient back to the input's shape" of broadcasting ops.
//
// Sums accumulate in f64 and round once: PyTorch's cascade summation is about
// that accurate, a plain f32 running sum over 1e6 elements is not.

import { alloc, free } from '../alloc';

/** Sum of n floats at x, in f64. */
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
export function reduceSum(x: usize, nd: i32, shape: usize, mask: i32, out: usize, divisor: f64, counters: usize): bool {
  let n = 1, outN = 1;
  for (let d = 0; d < nd; d++) {
    const s = load<i32>(shape + (<usize>d << 2));
    n *= s;
    if (!(mask & (1 << d))) outN *= s;
  }
  if (outN == 1) {
    store<f32>(out, <f32>(sumAll(x, n) / divisor));
    return true;
  }
  // reduce a trailing block of dims: contiguous row sums
  let tail = 1, t = nd - 1;
  while (t >= 0 && (mask & (1 << t))) { tail *= load<i32>(shape + (<usize>t << 2)); t--; }
  let allLeadingKept = true;
  for (let d = 0; d <= t; d++) if (mask & (1 << d)) allLeadingKept = false;
  if (allLeadingKept) {
    for (let r = 0; r < outN; r++) {
      store<f32>(out + (<usize>r << 2), <f32>(sumAll(x + (<usize>(r * tail) << 2), tail) / divisor));
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
  let rows = n / inner;
  for (let d = 0; d < last; d++) store<i32>(counters + (<usize>d << 2), 0);
  let off = 0;
  let p = x;
  for (let r = 0; r < rows; r++) {
    if (si == 0) {
      const q = acc + (<usize>off << 3);
      store<f64>(q, load<f64>(q) + sumAll(p, inner));
    } else {
      for (let i = 0; i < inner; i++) {
        const q = acc + (<usize>(off + i) << 3);
        store<f64>(q, load<f64>(q) + <f64>load<f32>(p + (<usize>i << 2)));
      }
    }
    p += <usize>inner << 2;
    for (let d = last - 1; d >= 0; d--) {
      const cp = counters + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const s = load<i32>(ostr + (<usize>d << 2));
      if (c < load<i32>(shape + (<usize>d << 2))) { store<i32>(cp, c); off += s; break; }
      store<i32>(cp, 0);
      off -= s * (c - 1);
    }
  }
  for (let i = 0; i < outN; i++) store<f32>(out + (<usize>i << 2), <f32>(load<f64>(acc + (<usize>i << 3)) / divisor));
  free(acc);
  return true;
}
