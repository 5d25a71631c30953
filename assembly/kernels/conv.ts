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
  let p = cols;
  for (let c = 0; c < C; c++) {
    const plane = x + ((<usize>c * H * W) << sz);
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + i * dh;
          if (ih < 0 || ih >= H) {
            if (!back) memory.fill(p, 0, <usize>OW << sz);
            p += <usize>OW << sz;
            continue;
          }
          const row = plane + ((<usize>ih * W) << sz);
          // the columns whose iw = iw0 + ow·sw fall inside the row: [lo, hi); the rest is padding
          const iw0 = j * dw - pw;
          const lo = iw0 >= 0 ? 0 : min(OW, (sw - 1 - iw0) / sw);
          const hi = max(lo, iw0 >= W ? 0 : min(OW, (W - iw0 + sw - 1) / sw));
          const q = row + (<usize>(iw0 + lo * sw) << sz), from = p + (<usize>lo << sz);
          if (back) {
            for (let k = 0; k < hi - lo; k++) {
              const d = q + (<usize>(k * sw) << sz);
              store<T>(d, load<T>(d) + load<T>(from + (<usize>k << sz)));
            }
          } else {
            memory.fill(p, 0, <usize>lo << sz);
            if (sw == 1) { if (hi > lo) memory.copy(from, q, <usize>(hi - lo) << sz); }
            else for (let k = 0; k < hi - lo; k++) store<T>(from + (<usize>k << sz), load<T>(q + (<usize>(k * sw) << sz)));
            memory.fill(p + (<usize>hi << sz), 0, <usize>(OW - hi) << sz);
          }
          p += <usize>OW << sz;
        }
      }
    }
  }
}
