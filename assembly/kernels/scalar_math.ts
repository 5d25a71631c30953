// Scalar functions the op table's kernel expressions call on the wasm device,
// each the same computation as src/js/kernels/scalar_math.ts so the devices
// agree. The generic ones take the element type T (f32 or f64) and round to it
// as PyTorch's float kernels do.

// C's pow, which PyTorch calls: 1^y and (-1)^±inf are 1, where JS's Math.pow gives NaN
// (tested only on a NaN result, off the common path)
// @ts-ignore: decorator
@inline export function powC<T>(x: T, y: T): T {
  const p = <T>Math.pow(<f64>x, <f64>y);
  return p != p && (x == 1 || (x == -1 && abs<T>(y) == Infinity)) ? <T>1 : p;
}

// PyTorch special-cases these exponents (pow_tensor_scalar_optimized_kernel).
// @ts-ignore: decorator
@inline export function powScalar<T>(x: T, c: T): T {
  if (c == 2) return x * x;
  if (c == 3) return x * x * x;
  if (c == 0.5) return sqrt<T>(x);
  if (c == -0.5) return <T>1 / sqrt<T>(x);
  if (c == -1) return <T>1 / x;
  if (c == -2) return <T>1 / (x * x);
  return powC<T>(x, c);
}

// std::min(std::max(x, lo), hi) as PyTorch's clamp: a missing bound is ∓inf, a NaN bound
// alone is ignored, NaN for both bounds is PyTorch's all-NaN result (src/ops/elementwise.ts)
// @ts-ignore: decorator
@inline export function clampF<T>(x: T, lo: T, hi: T): T {
  if (isNaN(lo) && isNaN(hi)) return <T>NaN;
  const y = x < lo ? lo : x;
  return hi < y ? hi : y;
}

// PyTorch's sign: (0 < x) − (x < 0), so 0 for ±0 and NaN
// @ts-ignore: decorator
@inline export function sign<T>(x: T): T { return x > 0 ? <T>1 : x < 0 ? <T>-1 : <T>0; }

// C's fmod: exact, with the sign of x
// @ts-ignore: decorator
@inline export function fmod<T>(x: T, y: T): T { return <T>(<f64>x % <f64>y); }

// Python's %: PyTorch's remainder, with the sign of y
// @ts-ignore: decorator
@inline export function remainder<T>(x: T, y: T): T {
  const m = fmod<T>(x, y);
  return m != 0 && (y < 0) != (m < 0) ? m + y : m;
}

// @ts-ignore: decorator
@inline export function exp2(x: f64): f64 { return Math.pow(2, x); }

// @ts-ignore: decorator
@inline export function exp10(x: f64): f64 { return Math.pow(10, x); }

// The logistic function: e^−|x| never overflows, and stays accurate far into x < 0
// @ts-ignore: decorator
@inline export function sigmoid(x: f64): f64 {
  const e = Math.exp(-Math.abs(x));
  return (x >= 0 ? 1 : e) / (1 + e);
}

// erf by its Taylor series below 2.5, where its alternating terms cost at most three of
// float64's digits; erfc by its continued fraction above (Lentz's form, evaluated backwards)
const ERF_SPLIT: f64 = 2.5;

function erfSeries(x: f64): f64 {
  const x2 = x * x;
  let term = x, sum = x;
  for (let n = 1; n < 60; n++) {
    term *= -x2 / <f64>n;
    const t = term / <f64>(2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return sum * 1.1283791670955126;
}

function erfcFraction(x: f64): f64 {
  let t = x;
  for (let n = 60; n >= 1; n--) t = x + <f64>n / 2 / t;
  return Math.exp(-x * x) / (1.7724538509055160 * t);
}

export function erf(x: f64): f64 {
  if (x != x) return x;
  const a = Math.abs(x);
  if (a < ERF_SPLIT) return erfSeries(x);
  const r = 1 - erfcFraction(a);
  return x < 0 ? -r : r;
}

export function erfc(x: f64): f64 {
  if (x != x) return x;
  const a = Math.abs(x);
  const r = a < ERF_SPLIT ? 1 - erfSeries(a) : erfcFraction(a);
  return x < 0 ? 2 - r : r;
}
