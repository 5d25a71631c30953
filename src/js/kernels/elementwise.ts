// Broadcasting for the js device's elementwise ops. The per-op loops and
// kernels are generated from the op table into ../generated/kernels.generated.ts:
// the arithmetic is the wasm device's step for step, with Math.fround where
// AssemblyScript rounds to f32, so both devices agree bit for bit on it.
// Transcendentals are V8's f64 Math functions rounded once to f32 (within
// 0.5 ulp, test/vecmath.test.ts), where the wasm device's SIMD forms use
// polynomials (within 1.5 ulp): the devices agree to those bounds.

import type { Op } from '../../../abi/abi.js';
import { binaryRun } from '../generated/kernels.generated.js';

/** Element strides of `shape` right-aligned into `nd` dims, 0 where it broadcasts to `out`. */
export function broadcastStrides(shape: readonly number[], out: readonly number[]): number[] {
  const nd = out.length;
  const strides = new Array<number>(nd).fill(0);
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const di = d - (nd - shape.length);
    if (di < 0) continue;
    const s = shape[di];
    strides[d] = s === 1 && out[d] !== 1 ? 0 : stride;
    stride *= s;
  }
  return strides;
}

/** a (op) b broadcast to outShape: rows of the last dim through `run` (binaryRun or binaryRun64), outer dims by odometer. */
export function binaryBroadcast(
  op: Op, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[],
  out: Float32Array, outShape: readonly number[], alpha: number, run: typeof binaryRun = binaryRun,
): void {
  const nd = outShape.length;
  const stA = broadcastStrides(aShape, outShape), stB = broadcastStrides(bShape, outShape);
  const last = nd - 1;
  const inner = outShape[last];
  const rows = out.length / inner;
  const counters = new Array<number>(nd).fill(0);
  let offA = 0, offB = 0;
  for (let r = 0, o = 0; r < rows; r++, o += inner) {
    run(op, a, offA, stA[last], b, offB, stB[last], out, o, inner, alpha);
    for (let d = last - 1; d >= 0; d--) {
      const c = counters[d] + 1;
      if (c < outShape[d]) { counters[d] = c; offA += stA[d]; offB += stB[d]; break; }
      counters[d] = 0;
      offA -= stA[d] * (c - 1);
      offB -= stB[d] * (c - 1);
    }
  }
}
