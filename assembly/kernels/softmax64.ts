// float64 softmax and log_softmax, over outer × D × inner as kernels/softmax.ts. Like
// gemm64.ts these are for checking (gradcheck, reference runs), not speed: plain loops,
// one column of D elements at a time, everything in double as PyTorch's double kernels.

// @ts-ignore: decorator
@inline function at(p: usize, o: i32, k: i32, i: i32, d: i32, inner: i32): usize {
  return p + ((<usize>o * <usize>d + <usize>k) * <usize>inner + <usize>i << 3);
}

/** softmax (or log_softmax when `isLog`) of x along the middle dim, into out. */
export function softmaxForward64(isLog: bool, x: usize, out: usize, outer: i32, d: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let m = -Infinity;
      for (let k = 0; k < d; k++) {
        const v = load<f64>(at(x, o, k, i, d, inner));
        if (v > m || v != v) m = v;
      }
      let s = 0.0;
      for (let k = 0; k < d; k++) {
        const e = Math.exp(load<f64>(at(x, o, k, i, d, inner)) - m);
        if (!isLog) store<f64>(at(out, o, k, i, d, inner), e);
        s += e;
      }
      const ls = Math.log(s);
      for (let k = 0; k < d; k++) {
        const p = at(out, o, k, i, d, inner);
        store<f64>(p, isLog ? load<f64>(at(x, o, k, i, d, inner)) - m - ls : load<f64>(p) / s);
      }
    }
  }
}

/** The derivative: y·(g − Σ g·y) for softmax, g − exp(y)·Σ g for log_softmax (y the result). */
export function softmaxBackward64(isLog: bool, g: usize, y: usize, out: usize, outer: i32, d: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let s = 0.0;
      for (let k = 0; k < d; k++) {
        const gv = load<f64>(at(g, o, k, i, d, inner));
        s += isLog ? gv : gv * load<f64>(at(y, o, k, i, d, inner));
      }
      for (let k = 0; k < d; k++) {
        const gv = load<f64>(at(g, o, k, i, d, inner)), yv = load<f64>(at(y, o, k, i, d, inner));
        store<f64>(at(out, o, k, i, d, inner), isLog ? gv - Math.exp(yv) * s : (gv - s) * yv);
      }
    }
  }
}
