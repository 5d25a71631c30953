// Max pooling over 2×2 windows with stride 2, no padding and no dilation (the common
// F.max_pool2d(x, 2) of a CNN), forward and backward, for planes of H×W whose OH×OW windows
// all lie inside (2·OH ≤ H, 2·OW ≤ W). ops/pool.ts takes this path when the geometry fits.
//
// Why a kernel of its own: the general loop (ops/pool.ts) works out every window's bounds and
// branches on each comparison, and on random data that branch mispredicts half the time; here
// four windows go at once in f32x4 lanes, the comparisons become masks and the window bounds
// are the loop itself. The result is the general loop's exactly: each window is scanned in the
// same order (top-left, top-right, bottom-left, bottom-right), keeping the first maximum, and a
// NaN replaces the best so far (the last NaN wins), as ATen's `val > maxval || isnan(val)`.
//
// The backward writes every element of dx once: a window's gradient at its saved index, zero
// in its other three cells (windows do not overlap), and zero in the rows and columns past the
// last window (an odd H or W). No fill first, no scatter.

/** The window's best so far and its index, updated by v at index i (mask form). */
// @ts-ignore: decorator
@inline function better(v: v128, best: v128): v128 {
  return v128.or(f32x4.gt(v, best), f32x4.ne(v, v));
}

/** Forward of P planes [H, W] at x into out [P, OH, OW] and the flat in-plane indices idx (i32). */
export function maxPool2x2<T>(x: usize, out: usize, idx: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32): void {
  const sz = <usize>alignof<T>();
  let o: usize = 0;
  for (let p = 0; p < P; p++) {
    const plane = x + ((<usize>p * H * W) << sz);
    for (let oh = 0; oh < OH; oh++) {
      const r0 = 2 * oh * W, top = plane + (<usize>r0 << sz), bottom = top + (<usize>W << sz);
      let ow = 0;
      if (sizeof<T>() == 4) {
        const step = i32x4(0, 2, 4, 6);
        for (; ow + 4 <= OW; ow += 4, o += 4) {
          const q = <usize>(2 * ow) << 2;
          const t0 = v128.load(top + q), t1 = v128.load(top + q, 16);
          const b0 = v128.load(bottom + q), b1 = v128.load(bottom + q, 16);
          let best = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
          let at = i32x4.add(i32x4.splat(r0 + 2 * ow), step);
          const tr = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
          let m = better(tr, best);
          best = v128.bitselect(tr, best, m);
          at = v128.bitselect(i32x4.add(at, i32x4.splat(1)), at, m);
          const bl = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
          const atBl = i32x4.add(i32x4.splat(r0 + W + 2 * ow), step);
          m = better(bl, best);
          best = v128.bitselect(bl, best, m);
          at = v128.bitselect(atBl, at, m);
          const br = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
          m = better(br, best);
          best = v128.bitselect(br, best, m);
          at = v128.bitselect(i32x4.add(atBl, i32x4.splat(1)), at, m);
          v128.store(out + (o << 2), best);
          v128.store(idx + (o << 2), at);
        }
      }
      for (; ow < OW; ow++, o++) {
        let i = r0 + 2 * ow, at = i;
        let best = load<T>(plane + (<usize>i << sz));
        for (let k = 1; k < 4; k++) {
          i = r0 + 2 * ow + (k & 1) + (k >> 1) * W;
          const v = load<T>(plane + (<usize>i << sz));
          if (v > best || v != v) { best = v; at = i; }
        }
        store<T>(out + (o << sz), best);
        store<i32>(idx + (o << 2), at);
      }
    }
  }
}

/** Backward: dx [P, H, W] (every element written) from g [P, OH, OW] and the forward's idx. */
export function maxPool2x2Backward<T>(g: usize, dx: usize, idx: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32): void {
  const sz = <usize>alignof<T>();
  let o: usize = 0;
  for (let p = 0; p < P; p++) {
    const plane = dx + ((<usize>p * H * W) << sz);
    for (let oh = 0; oh < OH; oh++) {
      const r0 = 2 * oh * W, top = plane + (<usize>r0 << sz), bottom = top + (<usize>W << sz);
      let ow = 0;
      if (sizeof<T>() == 4) {
        const step = i32x4(0, 2, 4, 6), zero = f32x4.splat(0);
        for (; ow + 4 <= OW; ow += 4, o += 4) {
          const v = v128.load(g + (o << 2)), at = v128.load(idx + (o << 2));
          const tl = i32x4.add(i32x4.splat(r0 + 2 * ow), step), bl = i32x4.add(i32x4.splat(r0 + W + 2 * ow), step);
          const one = i32x4.splat(1);
          const a = v128.bitselect(v, zero, i32x4.eq(at, tl)), b = v128.bitselect(v, zero, i32x4.eq(at, i32x4.add(tl, one)));
          const c = v128.bitselect(v, zero, i32x4.eq(at, bl)), d = v128.bitselect(v, zero, i32x4.eq(at, i32x4.add(bl, one)));
          const q = <usize>(2 * ow) << 2;
          v128.store(top + q, v128.shuffle<f32>(a, b, 0, 4, 1, 5));
          v128.store(top + q, v128.shuffle<f32>(a, b, 2, 6, 3, 7), 16);
          v128.store(bottom + q, v128.shuffle<f32>(c, d, 0, 4, 1, 5));
          v128.store(bottom + q, v128.shuffle<f32>(c, d, 2, 6, 3, 7), 16);
        }
      }
      for (; ow < OW; ow++, o++) {
        const v = load<T>(g + (o << sz)), at = load<i32>(idx + (o << 2));
        for (let k = 0; k < 4; k++) {
          const i = r0 + 2 * ow + (k & 1) + (k >> 1) * W;
          store<T>(plane + (<usize>i << sz), i == at ? v : <T>0);
        }
      }
      // columns past the last window (an odd W)
      for (let c = 2 * OW; c < W; c++) {
        store<T>(top + (<usize>c << sz), <T>0);
        store<T>(bottom + (<usize>c << sz), <T>0);
      }
    }
    // rows past the last window (an odd H): 2·OH ≤ H leaves H − 2·OH of them
    const done = <usize>2 * OH * W;
    memory.fill(plane + (done << sz), 0, (<usize>H * W - done) << sz);
  }
}
