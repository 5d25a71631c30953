// Strided copy for the js device: expand, permute and broadcast materialisation
// (the wasm device's assembly/kernels/strided.ts). Works on float32 and int64
// (Int32Array) data alike.

import type { Data } from '../tensor.js';

/** Copies the view of `src` with the given shape and per-dim element strides into contiguous `out`. */
export function stridedCopy(src: Data, strides: readonly number[], out: Data, shape: readonly number[]): void {
  const nd = shape.length;
  if (nd === 0) { out[0] = src[0]; return; }
  const last = nd - 1, inner = shape[last], si = strides[last];
  const rows = out.length / inner;
  const counters = new Array<number>(nd).fill(0);
  let off = 0;
  for (let r = 0, o = 0; r < rows; r++, o += inner) {
    if (si === 1) out.set(src.subarray(off, off + inner), o);
    else for (let i = 0; i < inner; i++) out[o + i] = src[off + i * si];
    for (let d = last - 1; d >= 0; d--) {
      const c = counters[d] + 1;
      if (c < shape[d]) { counters[d] = c; off += strides[d]; break; }
      counters[d] = 0;
      off -= strides[d] * (c - 1);
    }
  }
}

/** Contiguous element strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) { s[d] = stride; stride *= shape[d]; }
  return s;
}
