// im2col / col2im for convolution (ops/conv.ts), generic over the element type
// (f32, f64). One image [C, H, W] unrolls into cols [C·kh·kw, OH·OW]: row
// (c·kh + i)·kw + j, column oh·OW + ow holds x[c, oh·sh − ph + i·dh, ow·sw − pw + j·dw]
// (0 outside the image), so the convolution is one gemm W[O, C·kh·kw] · cols.

/**
 * Unrolls the image at x into cols (see above); with `back`, the adjoint (col2im): adds every
 * entry of cols onto the image element it was read from.
 */
export function im2col<T>(
  x: usize, C: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32,
  OH: i32, OW: i32, cols: usize, back: bool,
): void {
  const sz = <usize>alignof<T>();
  if (!back && sh == 1 && sw == 1 && OW == W) { im2colRows<T>(x, C, H, W, kh, kw, ph, pw, dh, dw, OH, cols); return; }
  let p = cols;
  for (let c = 0; c < C; c++) {
    const plane = x + ((<usize>c * H * W) << sz);
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        // the columns whose iw = iw0 + ow·sw fall inside a row: [lo, hi), the same for every row
        // (the divisions cost more than a row's copy); the rest is padding
        const iw0 = j * dw - pw;
        const lo = iw0 >= 0 ? 0 : min(OW, (sw - 1 - iw0) / sw);
        const hi = max(lo, iw0 >= W ? 0 : min(OW, (W - iw0 + sw - 1) / sw));
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + i * dh;
          if (ih < 0 || ih >= H) {
            if (!back) zeroSpan<T>(p, OW);
            p += <usize>OW << sz;
            continue;
          }
          const row = plane + ((<usize>ih * W) << sz);
          const q = row + (<usize>(iw0 + lo * sw) << sz), from = p + (<usize>lo << sz);
          if (back) {
            if (sw == 1) addSpan<T>(q, from, hi - lo);
            else for (let k = 0; k < hi - lo; k++) {
              const d = q + (<usize>(k * sw) << sz);
              store<T>(d, load<T>(d) + load<T>(from + (<usize>k << sz)));
            }
          } else {
            zeroSpan<T>(p, lo);
            if (sw == 1) copySpan<T>(from, q, hi - lo);
            else for (let k = 0; k < hi - lo; k++) store<T>(from + (<usize>k << sz), load<T>(q + (<usize>(k * sw) << sz)));
            zeroSpan<T>(p + (<usize>hi << sz), OW - hi);
          }
          p += <usize>OW << sz;
        }
      }
    }
  }
}

/**
 * im2col when a row of the output is a row of the image (stride 1, OW = W: "same" padding):
 * then column l of cols row (c, i, j) reads the image plane at l + a constant, so each cols row
 * is one long copy, and only its padding (whole rows above and below, lo and OW − hi columns of
 * each row, which the copy filled from the neighbouring row) is zeroed after. The copy starts
 * and ends at an element inside the image, so it reads nothing outside the plane.
 */
function im2colRows<T>(x: usize, C: i32, H: i32, W: i32, kh: i32, kw: i32, ph: i32, pw: i32, dh: i32, dw: i32, OH: i32, cols: usize): void {
  const sz = <usize>alignof<T>();
  let p = cols;
  for (let c = 0; c < C; c++) {
    const plane = x + ((<usize>c * H * W) << sz);
    for (let i = 0; i < kh; i++) {
      const oh0 = max(0, ph - i * dh), oh1 = min(OH, H + ph - i * dh);
      for (let j = 0; j < kw; j++) {
        const iw0 = j * dw - pw;
        const lo = min(W, max(0, -iw0)), hi = max(lo, min(W, W - iw0));
        if (oh1 <= oh0 || hi <= lo) { zeroSpan<T>(p, OH * W); p += <usize>(OH * W) << sz; continue; }
        const start = oh0 * W + lo, end = (oh1 - 1) * W + hi;
        zeroSpan<T>(p, start);
        copySpan<T>(p + (<usize>start << sz), plane + (<usize>((oh0 - ph + i * dh) * W + iw0 + lo) << sz), end - start);
        for (let oh = oh0; oh < oh1; oh++) {
          const r = p + (<usize>(oh * W) << sz);
          zeroSpan<T>(r, lo);
          zeroSpan<T>(r + (<usize>hi << sz), W - hi);
        }
        zeroSpan<T>(p + (<usize>(oh1 * W) << sz), (OH - oh1) * W);
        p += <usize>(OH * W) << sz;
      }
    }
  }
}

// The spans below are a row of one image (tens of elements): V8 compiles memory.copy and
// memory.fill to a call into the runtime, which cost more than the copy itself here (im2col
// was a quarter of the CNN step's profile with them), so they are plain 16-byte loops.

/** n elements of T at dst set to 0. */
// @ts-ignore: decorator
@inline function zeroSpan<T>(dst: usize, n: i32): void {
  const bytes = <usize>max(n, 0) << <usize>alignof<T>();
  let b: usize = 0;
  for (; b + 16 <= bytes; b += 16) v128.store(dst + b, i64x2.splat(0));
  for (; b < bytes; b += sizeof<T>()) store<T>(dst + b, <T>0);
}

/** n elements of T copied from src to dst (the spans do not overlap). */
// @ts-ignore: decorator
@inline function copySpan<T>(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>max(n, 0) << <usize>alignof<T>();
  let b: usize = 0;
  for (; b + 16 <= bytes; b += 16) v128.store(dst + b, v128.load(src + b));
  for (; b < bytes; b += sizeof<T>()) store<T>(dst + b, load<T>(src + b));
}

/** dst[k] += src[k] for k < n: one rounding per element, as the scalar loop. */
// @ts-ignore: decorator
@inline function addSpan<T>(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>max(n, 0) << <usize>alignof<T>();
  let b: usize = 0;
  if (sizeof<T>() == 4) for (; b + 16 <= bytes; b += 16) v128.store(dst + b, f32x4.add(v128.load(dst + b), v128.load(src + b)));
  else for (; b + 16 <= bytes; b += 16) v128.store(dst + b, f64x2.add(v128.load(dst + b), v128.load(src + b)));
  for (; b < bytes; b += sizeof<T>()) store<T>(dst + b, load<T>(dst + b) + load<T>(src + b));
}
