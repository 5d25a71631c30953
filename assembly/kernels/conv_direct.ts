// Direct float32 convolution loops for stride 1 and few taps per output (Cg·kh·kw small, as the
// 1→16 layer of a CNN, where im2col copies the image nine times to feed the packed gemm nine k
// steps per tile). ops/conv.ts picks them by a measured rule (docs/design.md, "Convolution on the
// wasm device"). The image is first copied into P [C, Hr, Wr] with its padding as zeros, so the
// loops below read rows of P with no bounds:
//   P[c, r, s] = x[c, r − ph, s − pw] (0 outside),  Hr = OH + dh·(kh − 1),  Wr = OW + dw·(kw − 1)
// and output (oh, ow) of tap (c, i, j) reads P[c, oh + i·dh, ow + j·dw].

/** Floats past the end of P that an 8-lane block may read (its lanes past OW are discarded). */
export const DIRECT_SLACK: i32 = 8;

// the lanes of a block that ends past OW, stored here and the valid ones copied
const blockTile: usize = memory.data(32, 16);

/** Copies image x [C, H, W] into P [C, Hr, Wr] shifted by (ph, pw), zeros elsewhere. */
export function padPlanes(x: usize, C: i32, H: i32, W: i32, ph: i32, pw: i32, Hr: i32, Wr: i32, P: usize): void {
  const s0 = min(max(pw, 0), Wr), s1 = max(s0, min(pw + W, Wr));
  let p = P;
  for (let c = 0; c < C; c++) {
    for (let r = 0; r < Hr; r++) {
      const ih = r - ph;
      if (ih < 0 || ih >= H) zero(p, Wr);
      else {
        zero(p, s0);
        const src = x + ((<usize>(c * H + ih) * W + <usize>(s0 - pw)) << 2), n = s1 - s0;
        let k = 0;
        for (; k + 4 <= n; k += 4) v128.store(p + (<usize>(s0 + k) << 2), v128.load(src + (<usize>k << 2)));
        for (; k < n; k++) store<f32>(p + (<usize>(s0 + k) << 2), load<f32>(src + (<usize>k << 2)));
        zero(p + (<usize>s1 << 2), Wr - s1);
      }
      p += <usize>Wr << 2;
    }
  }
}

// @ts-ignore: decorator
@inline function zero(p: usize, n: i32): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) v128.store(p + (<usize>k << 2), i64x2.splat(0));
  for (; k < n; k++) store<f32>(p + (<usize>k << 2), 0);
}

/** Bytes of packTaps's output for Og channels of K taps. */
export function packedTapBytes(Og: i32, K: i32): usize { return <usize>((Og + 3) >> 2) * K << 6; }

/**
 * Packs w [Og, K] for directConv, once per batch: per block of four channels and per tap, the
 * four weights each splatted across a v128 (the gemm's packed-A layout; a last block of fewer
 * channels repeats its last one). With `flip`, w is a convolution's weight [Cg, Og, kh, kw] and
 * the packed taps are its transposed convolution's (the input gradient at stride 1): channels
 * swapped and the kernel turned 180°. Also writes the K byte offsets of the taps (c, i, j) in P.
 */
export function packTaps(w: usize, Og: i32, Cg: i32, kh: i32, kw: i32, dh: i32, dw: i32, Hr: i32, Wr: i32, flip: bool, wp: usize, taps: usize): void {
  const khw = kh * kw, K = Cg * khw;
  let d = wp;
  for (let o0 = 0; o0 < Og; o0 += 4) {
    for (let t = 0; t < K; t++) {
      for (let r = 0; r < 4; r++) {
        const o = min(o0 + r, Og - 1);
        const e = flip ? ((t / khw) * Og + o) * khw + (khw - 1 - t % khw) : o * K + t;
        v128.store(d + (<usize>r << 4), v128.load32_splat(w + (<usize>e << 2)));
      }
      d += 64;
    }
  }
  let t = taps;
  for (let c = 0; c < Cg; c++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) { store<i32>(t, ((c * Hr + i * dh) * Wr + j * dw) << 2); t += 4; }
}

/**
 * out [Og, OH, OW] = w · taps of P [Cg, Hr, Wr] (+ bias [Og] when hasBias), w packed by packTaps
 * (K taps at byte offsets taps). Each output sums its taps in the gemm's k order from 0 and adds
 * the bias last, as the packed gemm over im2col does (K ≤ its KC block), so the result is the same
 * bits. Four output channels by eight columns at a time, as the gemm's 4×8 tile: two loads of P
 * and four of the packed weights feed eight products, with no im2col and no packing per image.
 */
export function directConv(P: usize, Wr: i32, wp: usize, taps: usize, K: i32, Og: i32,
  hasBias: bool, bias: usize, out: usize, OH: i32, OW: i32): void {
  const oPlane = <usize>(OH * OW) << 2, tEnd = taps + (<usize>K << 2);
  for (let o0 = 0; o0 < Og; o0 += 4) {
    const nb = min(4, Og - o0), wo = wp + (<usize>(o0 >> 2) * K << 6);
    for (let oh = 0; oh < OH; oh++) {
      const orow = out + (<usize>(o0 * OH + oh) * OW << 2);
      for (let ow0 = 0; ow0 < OW; ow0 += 8) {
        let a0 = f32x4.splat(0), b0 = f32x4.splat(0), a1 = f32x4.splat(0), b1 = f32x4.splat(0);
        let a2 = f32x4.splat(0), b2 = f32x4.splat(0), a3 = f32x4.splat(0), b3 = f32x4.splat(0);
        const base = P + (<usize>(oh * Wr + ow0) << 2);
        let wk = wo;
        for (let t = taps; t < tEnd; t += 4) {
          const s = base + <usize>load<i32>(t);
          const x0 = v128.load(s), x1 = v128.load(s, 16);
          let v = v128.load(wk);
          a0 = f32x4.add(a0, f32x4.mul(v, x0)); b0 = f32x4.add(b0, f32x4.mul(v, x1));
          v = v128.load(wk, 16);
          a1 = f32x4.add(a1, f32x4.mul(v, x0)); b1 = f32x4.add(b1, f32x4.mul(v, x1));
          v = v128.load(wk, 32);
          a2 = f32x4.add(a2, f32x4.mul(v, x0)); b2 = f32x4.add(b2, f32x4.mul(v, x1));
          v = v128.load(wk, 48);
          a3 = f32x4.add(a3, f32x4.mul(v, x0)); b3 = f32x4.add(b3, f32x4.mul(v, x1));
          wk += 64;
        }
        const n = min(8, OW - ow0), row = orow + (<usize>ow0 << 2);
        put(row, a0, b0, hasBias, bias + (<usize>o0 << 2), n);
        if (nb > 1) put(row + oPlane, a1, b1, hasBias, bias + (<usize>(o0 + 1) << 2), n);
        if (nb > 2) put(row + 2 * oPlane, a2, b2, hasBias, bias + (<usize>(o0 + 2) << 2), n);
        if (nb > 3) put(row + 3 * oPlane, a3, b3, hasBias, bias + (<usize>(o0 + 3) << 2), n);
      }
    }
  }
}

/** Stores the first n (≤ 8) lanes of a, b (+ the bias at pb) at dst. */
// @ts-ignore: decorator
@inline function put(dst: usize, a: v128, b: v128, hasBias: bool, pb: usize, n: i32): void {
  if (hasBias) { const v = v128.load32_splat(pb); a = f32x4.add(a, v); b = f32x4.add(b, v); }
  if (n == 8) { v128.store(dst, a); v128.store(dst, b, 16); return; }
  v128.store(blockTile, a); v128.store(blockTile, b, 16);
  for (let k = 0; k < n; k++) store<f32>(dst + (<usize>k << 2), load<f32>(blockTile + (<usize>k << 2)));
}

/**
 * dW [Og, Cg, kh, kw] += g [Og, OH, OW] ⊗ taps of P [Cg, Hr, Wr]: each weight's sum over the
 * image in four lanes (lane = column mod 4, as the gemm's dot form over im2col when OW is a
 * multiple of 4), two output channels by three taps of a kernel row at a time (two loads of g
 * and three of P feed six products; a lone last channel is computed twice and added once).
 */
export function directConvWeight(P: usize, Cg: i32, Hr: i32, Wr: i32, g: usize, Og: i32, kh: i32, kw: i32, dh: i32, dw: i32,
  OH: i32, OW: i32, dW: usize): void {
  const L4 = OW & ~3, K = Cg * kh * kw;
  for (let o = 0; o < Og; o += 2) {
    const two = o + 1 < Og;
    const ga = g + (<usize>(o * OH * OW) << 2), gb = two ? ga + (<usize>(OH * OW) << 2) : ga;
    for (let c = 0; c < Cg; c++) {
      for (let i = 0; i < kh; i++) {
        const pr = P + (<usize>((c * Hr + i * dh) * Wr) << 2);
        const dk = dW + (<usize>((o * Cg + c) * kh + i) * kw << 2), dk2 = dk + (<usize>K << 2);
        for (let j = 0; j < kw; j += 3) {
          // taps j, j+1, j+2 of the row; past kw the last tap again (not stored)
          const q0 = pr + (<usize>(j * dw) << 2);
          const q1 = j + 1 < kw ? q0 + (<usize>dw << 2) : q0, q2 = j + 2 < kw ? q0 + (<usize>(2 * dw) << 2) : q0;
          let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0);
          let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0);
          let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, t0: f32 = 0, t1: f32 = 0, t2: f32 = 0;
          for (let oh = 0; oh < OH; oh++) {
            const gOff = <usize>(oh * OW) << 2, pOff = <usize>(oh * Wr) << 2;
            let ow = 0;
            for (; ow < L4; ow += 4) {
              const u = v128.load(ga + gOff + (<usize>ow << 2)), v = v128.load(gb + gOff + (<usize>ow << 2));
              const off = pOff + (<usize>ow << 2);
              let x = v128.load(q0 + off);
              a0 = f32x4.add(a0, f32x4.mul(u, x)); b0 = f32x4.add(b0, f32x4.mul(v, x));
              x = v128.load(q1 + off);
              a1 = f32x4.add(a1, f32x4.mul(u, x)); b1 = f32x4.add(b1, f32x4.mul(v, x));
              x = v128.load(q2 + off);
              a2 = f32x4.add(a2, f32x4.mul(u, x)); b2 = f32x4.add(b2, f32x4.mul(v, x));
            }
            for (; ow < OW; ow++) {
              const u = load<f32>(ga + gOff + (<usize>ow << 2)), v = load<f32>(gb + gOff + (<usize>ow << 2));
              const off = pOff + (<usize>ow << 2);
              let x = load<f32>(q0 + off); s0 += u * x; t0 += v * x;
              x = load<f32>(q1 + off); s1 += u * x; t1 += v * x;
              x = load<f32>(q2 + off); s2 += u * x; t2 += v * x;
            }
          }
          const e = dk + (<usize>j << 2), e2 = dk2 + (<usize>j << 2);
          addTo(e, a0, s0);
          if (two) addTo(e2, b0, t0);
          if (j + 1 < kw) { addTo(e + 4, a1, s1); if (two) addTo(e2 + 4, b1, t1); }
          if (j + 2 < kw) { addTo(e + 8, a2, s2); if (two) addTo(e2 + 8, b2, t2); }
        }
      }
    }
  }
}

/** *p += the four lanes of a summed pairwise, then the scalar tail s. */
// @ts-ignore: decorator
@inline function addTo(p: usize, a: v128, s: f32): void {
  const h = f32x4.add(a, i32x4.shuffle(a, a, 2, 3, 0, 1));
  store<f32>(p, load<f32>(p) + ((f32x4.extract_lane(h, 0) + f32x4.extract_lane(h, 1)) + s));
}
