// Scalar functions the op table's kernel expressions call on the js device,
// each the same computation as assembly/kernels/scalar_math.ts so the devices
// agree. The float32 ones round as PyTorch's float kernels do.

const f = Math.fround;

/** C's pow, which PyTorch calls: 1^y and (-1)^±inf are 1, where Math.pow gives NaN. */
export function powC(x: number, y: number): number {
  return f(x === 1 || (x === -1 && Math.abs(y) === Infinity) ? 1 : Math.pow(x, y));
}

/** powC in float64. */
export function powC64(x: number, y: number): number {
  return x === 1 || (x === -1 && Math.abs(y) === Infinity) ? 1 : Math.pow(x, y);
}

/** PyTorch's special-cased exponents (pow_tensor_scalar_optimized_kernel). */
export function powScalar(x: number, c: number): number {
  if (c === 2) return f(x * x);
  if (c === 3) return f(f(x * x) * x);
  if (c === 0.5) return f(Math.sqrt(x));
  if (c === -0.5) return f(1 / f(Math.sqrt(x)));
  if (c === -1) return f(1 / x);
  if (c === -2) return f(1 / f(x * x));
  return powC(x, c);
}

/** powScalar in float64. */
export function powScalar64(x: number, c: number): number {
  if (c === 2) return x * x;
  if (c === 3) return x * x * x;
  if (c === 0.5) return Math.sqrt(x);
  if (c === -0.5) return 1 / Math.sqrt(x);
  if (c === -1) return 1 / x;
  if (c === -2) return 1 / (x * x);
  return powC64(x, c);
}

/**
 * std::min(std::max(x, lo), hi) as PyTorch's clamp: a missing bound is ∓inf, a NaN bound
 * alone is ignored, and NaN for both bounds is PyTorch's all-NaN result (src/ops/elementwise.ts).
 */
export function clampF(x: number, lo: number, hi: number): number {
  if (lo !== lo && hi !== hi) return NaN;
  const y = x < lo ? lo : x;
  return hi < y ? hi : y;
}

/** PyTorch's sign: (0 < x) − (x < 0), so 0 for ±0 and NaN. */
export const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** Round half to even (C's nearbyint), as torch.round. */
export function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** C's fmod: exact, with the sign of x. */
export const fmod = (x: number, y: number): number => x % y;

// the sign bit of a float32 value (−0's too)
const bits = new Float32Array(1), word = new Uint32Array(bits.buffer);

/** The magnitude of x with the sign (bit) of y, as wasm's f32.copysign. */
export function copysign(x: number, y: number): number {
  bits[0] = y;
  return (word[0] >>> 31) === 1 ? -Math.abs(x) : Math.abs(x);
}

const bits64 = new Float64Array(1), words64 = new Uint32Array(bits64.buffer);
/** The magnitude of x with the sign bit of y, for float64 values (as wasm's f64.copysign). */
export function copysign64(x: number, y: number): number {
  bits64[0] = y;
  return (words64[1] >>> 31) === 1 ? -Math.abs(x) : Math.abs(x);
}

/** Python's %: PyTorch's remainder, with the sign of y. */
export function remainder(x: number, y: number): number {
  const m = x % y;
  return m !== 0 && (y < 0) !== (m < 0) ? f(m + y) : m;
}

/** remainder in float64. */
export function remainder64(x: number, y: number): number {
  const m = x % y;
  return m !== 0 && (y < 0) !== (m < 0) ? m + y : m;
}

export const exp2 = (x: number): number => Math.pow(2, x);
export const exp10 = (x: number): number => Math.pow(10, x);

/** The logistic function: e^−|x| never overflows, and stays accurate far into x < 0. */
export function sigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return (x >= 0 ? 1 : e) / (1 + e);
}

// erf by its Taylor series below 2.5, where its alternating terms cost at most three of
// float64's digits; erfc by its continued fraction above (Lentz's form, evaluated backwards).
const ERF_SPLIT = 2.5;

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x, sum = x;
  for (let n = 1; n < 60; n++) {
    term *= -x2 / n;
    const t = term / (2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return sum * 1.1283791670955126;
}

function erfcFraction(x: number): number {
  let t = x;
  for (let n = 60; n >= 1; n--) t = x + n / 2 / t;
  return Math.exp(-x * x) / (1.7724538509055160 * t);
}

/** The error function, to float64 accuracy well beyond float32's. */
export function erf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < ERF_SPLIT) return erfSeries(x);
  const r = 1 - erfcFraction(a);
  return x < 0 ? -r : r;
}

/** 1 − erf(x), without the cancellation for large x. */
export function erfc(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  const r = a < ERF_SPLIT ? 1 - erfSeries(a) : erfcFraction(a);
  return x < 0 ? 2 - r : r;
}
