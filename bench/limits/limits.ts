// The machine's limits, measured by bench/limits.mjs in the same run as the
// workloads: the f32x4 mul+add peak and the memory bandwidth a kernel sees.
// Compiled on its own (no library code), as the gemm test entry is.

/**
 * `iters` rounds of acc = acc·m + c on 12 independent f32x4 chains: 12 chains
 * cover the mul→add latency, and 12 accumulators + m + c fit V8's 15 xmm
 * registers, so the loop issues multiplies and adds as fast as the core
 * retires them (8 flops per chain per round). Returns a lane so nothing is
 * dead code; the values converge to c/(1−m) and never become subnormal.
 */
export function maddPeak(iters: i32): f32 {
  const m = f32x4.splat(0.999), c = f32x4.splat(0.001);
  let a0 = f32x4.splat(1), a1 = f32x4.splat(2), a2 = f32x4.splat(3), a3 = f32x4.splat(4);
  let a4 = f32x4.splat(5), a5 = f32x4.splat(6), a6 = f32x4.splat(7), a7 = f32x4.splat(8);
  let a8 = f32x4.splat(9), a9 = f32x4.splat(10), a10 = f32x4.splat(11), a11 = f32x4.splat(12);
  for (let i = 0; i < iters; i++) {
    a0 = f32x4.add(f32x4.mul(a0, m), c); a1 = f32x4.add(f32x4.mul(a1, m), c);
    a2 = f32x4.add(f32x4.mul(a2, m), c); a3 = f32x4.add(f32x4.mul(a3, m), c);
    a4 = f32x4.add(f32x4.mul(a4, m), c); a5 = f32x4.add(f32x4.mul(a5, m), c);
    a6 = f32x4.add(f32x4.mul(a6, m), c); a7 = f32x4.add(f32x4.mul(a7, m), c);
    a8 = f32x4.add(f32x4.mul(a8, m), c); a9 = f32x4.add(f32x4.mul(a9, m), c);
    a10 = f32x4.add(f32x4.mul(a10, m), c); a11 = f32x4.add(f32x4.mul(a11, m), c);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)));
  return f32x4.extract_lane(f32x4.add(s, f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11))), 0);
}

/** out[i] = a[i] + b[i] over n floats (n a multiple of 4): 2 streams in, 1 out. */
export function addStreams(a: usize, b: usize, out: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let o: usize = 0; o < end; o += 16) v128.store(out + o, f32x4.add(v128.load(a + o), v128.load(b + o)));
}

/** out[i] = a[i] over n floats (n a multiple of 4): 1 stream in, 1 out. */
export function copyStream(a: usize, out: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let o: usize = 0; o < end; o += 16) v128.store(out + o, v128.load(a + o));
}
