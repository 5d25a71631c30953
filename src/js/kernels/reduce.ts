// Sum-reduction over any set of dims for the js device (the wasm device's
// assembly/kernels/reduce.ts): f64 accumulation, one rounding at the end.

/** The data of a float tensor. */
export type Float = Float32Array | Float64Array;

/** Sum of x over the dims whose bit is set in mask, divided by divisor, into out (kept dims, contiguous). */
export function reduceSum(x: Float, shape: readonly number[], mask: number, out: Float, divisor: number): void {
  const nd = shape.length;
  const outN = out.length;
  if (outN === 1) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    out[0] = s / divisor;
    return;
  }
  // strides into out for each input dim (0 on reduced dims)
  const ostr = new Array<number>(nd);
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const reduced = (mask & (1 << d)) !== 0;
    ostr[d] = reduced ? 0 : stride;
    if (!reduced) stride *= shape[d];
  }
  const acc = new Float64Array(outN);
  const last = nd - 1, inner = shape[last], si = ostr[last];
  const rows = x.length / inner;
  const counters = new Array<number>(nd).fill(0);
  let off = 0;
  for (let r = 0, p = 0; r < rows; r++, p += inner) {
    if (si === 0) {
      let s = 0;
      for (let i = 0; i < inner; i++) s += x[p + i];
      acc[off] += s;
    } else {
      for (let i = 0; i < inner; i++) acc[off + i] += x[p + i];
    }
    for (let d = last - 1; d >= 0; d--) {
      const c = counters[d] + 1;
      if (c < shape[d]) { counters[d] = c; off += ostr[d]; break; }
      counters[d] = 0;
      off -= ostr[d] * (c - 1);
    }
  }
  for (let i = 0; i < outN; i++) out[i] = acc[i] / divisor;
}
