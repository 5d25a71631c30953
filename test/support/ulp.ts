// Error of a float32 result in units in the last place (ulp) against a float64
// reference, and the inputs the error bounds are measured over: float32 bit
// patterns spread evenly over the whole range (both signs, subnormals
// included) plus each op's edges. Shared by test/vecmath.test.ts and
// scripts/measure_ulp.ts (which samples more densely for docs/benchmarks.md).

const f64 = new Float64Array(1);
const u32of64 = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const u32of32 = new Uint32Array(f32.buffer);

/** The float32 with these bits. */
export function fromBits(bits: number): number {
  u32of32[0] = bits >>> 0;
  return f32[0];
}

/** The spacing of float32 numbers at |x| (x finite): 2^(exponent − 23), 2^−149 among the subnormals. */
export function ulpOf(x: number): number {
  f64[0] = x;
  const e = ((u32of64[1] >>> 20) & 0x7ff) - 1023;
  return 2 ** (Math.max(e, -126) - 23);
}

/** Largest float32 plus half its ulp: a float64 reference at or past this rounds to inf. */
const OVERFLOW = (2 - 2 ** -24) * 2 ** 127;

/**
 * |y − ref| in ulp of ref. NaN must meet NaN (Infinity otherwise); a reference
 * beyond float32's range must give the infinity of its sign.
 */
export function ulpError(y: number, ref: number): number {
  if (Number.isNaN(ref) || Number.isNaN(y)) return Number.isNaN(ref) && Number.isNaN(y) ? 0 : Infinity;
  if (y === ref) return 0;
  if (Math.abs(ref) >= OVERFLOW) return y === Math.sign(ref) * Infinity ? 0 : Infinity;
  if (!Number.isFinite(y)) return Infinity;
  return Math.abs(y - ref) / ulpOf(ref);
}

/** n float32 inputs: bit patterns 0, stride, 2·stride, … of each sign (so every exponent, with varied significands). */
export function spreadInputs(stride: number): Float32Array {
  const out: number[] = [];
  for (let b = 0; b < 0x7f800000; b += stride) out.push(fromBits(b), fromBits(b | 0x80000000));
  return Float32Array.from(out);
}

/** The float32 values next to x: `k` on each side, and x itself. */
export function around(x: number, k = 3): number[] {
  const base = Math.fround(x);
  f32[0] = base;
  const bits = u32of32[0];
  const out: number[] = [];
  for (let d = -k; d <= k; d++) out.push(fromBits(bits + d));
  return out;
}

/** Edges every op is checked at: zeros, infinities, NaN, subnormals, the float32 extremes and ±1. */
export const commonEdges: number[] = [
  0, -0, Infinity, -Infinity, NaN, fromBits(1), fromBits(0x807fffff), fromBits(0x007fffff),
  ...around(1.17549435e-38), ...around(-1.17549435e-38), ...around(3.4028235e38, 1).filter(Number.isFinite),
  ...around(-3.4028235e38, 1).filter(Number.isFinite), ...around(1), ...around(-1),
];

/** The largest ulp error of fn's results against ref over xs (results in ys), and where. */
export function maxUlp(xs: ArrayLike<number>, ys: ArrayLike<number>, ref: (x: number) => number): { ulp: number; at: number } {
  let worst = { ulp: 0, at: NaN };
  for (let i = 0; i < xs.length; i++) {
    const e = ulpError(ys[i], ref(xs[i]));
    if (!(e <= worst.ulp)) worst = { ulp: e, at: xs[i] };
  }
  return worst;
}
