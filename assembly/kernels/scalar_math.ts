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

// Python's x // y as PyTorch computes it for floats (c10's div_floor_floating): from the exact fmod,
// so 1 // 0.1 is 9 (the true quotient is just below 10), where floor(1 / 0.1) would round to 10
// @ts-ignore: decorator
@inline export function divFloor<T>(x: T, y: T): T {
  if (y == 0) return x / y;
  const m = fmod<T>(x, y);
  let d: T = (x - m) / y;
  if (m != 0 && (y < 0) != (m < 0)) d -= <T>1;
  if (d == 0) return copysign<T>(<T>0, x / y);
  const q = floor<T>(d);
  return d - q > <T>0.5 ? q + <T>1 : q;
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
  if (x != x || x == 0) return x; // erf(−0) = −0 (the series' sum would make it +0)
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

// Activations evaluated in f64 and rounded once, in forms that do not cancel (the SIMD
// forms of kernels/vecmath_wide.ts compute the same): x·σ(x) as x/(1 + e^−x) (NaN at −inf,
// as PyTorch's); gelu as ½x·erfc(−x/√2), not ½x(1 + erf(x/√2)), which loses every digit
// below x = −5; its tanh form ½x(1 + tanh u) as x·σ(2u); log(1 + eᶻ) as max(z, 0) + log1p(e^−|z|)
// @ts-ignore: decorator
@inline export function silu(x: f64): f64 { return x / (1 + Math.exp(-x)); }
// @ts-ignore: decorator
@inline export function gelu(x: f64): f64 { return 0.5 * x * erfc(-x * Math.SQRT1_2); }
// @ts-ignore: decorator
@inline export function geluTanh(x: f64): f64 { return x / (1 + Math.exp(-1.5957691216057308 * (x + 0.044715 * x * x * x))); }
// @ts-ignore: decorator
@inline export function log1pExp(z: f64): f64 { return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))); }

// ---- special functions (erfinv, lgamma, digamma, trigamma) ----
// erfinv, digamma and trigamma follow the steps of PyTorch's CPU kernels (ATen's Math.h) in
// the element type T, so float32 and float64 land where PyTorch's float and double kernels
// do; lgamma is glibc's lgamma in PyTorch, correct to an ulp: computed in f64 here and rounded
// once. src/js/kernels/scalar_math.ts is the same computation.

// erfinv as PyTorch's calc_erfinv: a rational first guess (one form for |y| ≤ 0.7, one in
// √(−log((1 − |y|)/2)) beyond), then two Newton steps on erf(x) − y
export function erfinv<T>(y: T): T {
  const a = abs<T>(y);
  if (a > <T>1) return <T>NaN;
  if (a == <T>1) return y > 0 ? <T>Infinity : <T>-Infinity;
  let x: T;
  if (a <= <T>0.7) {
    const z = y * y;
    const num = ((<T>-0.140543331 * z + <T>0.914624893) * z + <T>-1.645349621) * z + <T>0.886226899;
    const den = (((<T>0.012229801 * z + <T>-0.329097515) * z + <T>1.442710462) * z + <T>-2.118377725) * z + <T>1;
    x = y * num / den;
  } else {
    const l = <T>Math.log(<f64>((<T>1 - a) / <T>2));
    const z = <T>Math.sqrt(<f64>-l);
    const num = ((<T>1.641345311 * z + <T>3.429567803) * z + <T>-1.624906493) * z + <T>-1.970840454;
    const den = (<T>1.6370678 * z + <T>3.5438892) * z + <T>1;
    x = (y < 0 ? -abs<T>(num) : abs<T>(num)) / den;
  }
  const slope = <T>2 * <T>0.5641895835477563;
  for (let k = 0; k < 2; k++) x = x - (<T>erf(<f64>x) - y) / (slope * <T>Math.exp(<f64>-(x * x)));
  return x;
}

// |sin(πx)| with x reduced exactly to [0, ½] first, so a large |x| loses nothing
function absSinPi(x: f64): f64 {
  let t = Math.abs(x);
  t -= 2 * Math.floor(t / 2);
  if (t > 1) t -= 1;
  if (t > 0.5) t = 1 - t;
  return Math.sin(Math.PI * t);
}

// Stirling's series for x ≥ 10: the Bernoulli terms B₂ₖ/(2k(2k−1)x^(2k−1)) up to x⁻¹⁵
function lgammaStirling(x: f64): f64 {
  const z = 1 / (x * x);
  const series = (1.0 / 12 + z * (-1.0 / 360 + z * (1.0 / 1260 + z * (-1.0 / 1680 + z * (1.0 / 1188 + z * (-691.0 / 360360
    + z * (1.0 / 156 + z * (-3617.0 / 122400)))))))) / x;
  return (x - 0.5) * Math.log(x) - x + 0.9189385332046728 + series;
}

// log|Γ(x)|: Stirling's series from 10 up, the recurrence Γ(x) = Γ(x + n)/(x(x+1)…(x+n−1))
// below, the reflection Γ(x)Γ(1 − x) = π/sin(πx) for x ≤ 0; poles and ±inf give inf
export function lgamma(x: f64): f64 {
  if (x != x) return x;
  if (Math.abs(x) == Infinity) return Infinity;
  if (x <= 0) {
    if (x == Math.floor(x)) return Infinity;
    return Math.log(Math.PI / absSinPi(x)) - lgamma(1 - x);
  }
  if (x >= 10) return lgammaStirling(x);
  let p: f64 = 1, y = x + 1;
  for (; y < 10; y++) p *= y;
  return lgammaStirling(y) - Math.log(x) - Math.log(p);
}

// digamma as PyTorch's calc_digamma: ±inf at ∓0, NaN at negative integers, the reflection
// ψ(x) = ψ(1 − x) − π/tan(πx) for x < 0 (tan of the fractional part, in f64), the recurrence
// ψ(x) = ψ(x + 1) − 1/x up to 10, then the asymptotic series in 1/x² (Bernoulli terms)
export function digamma<T>(x: T): T {
  if (x == 0) return copysign<T>(<T>Infinity, -x);
  if (x < 0) {
    if (x == trunc<T>(x)) return <T>NaN;
    return digamma<T>(<T>1 - x) - <T>(Math.PI / Math.tan(Math.PI * <f64>(x - trunc<T>(x))));
  }
  let result: T = 0;
  while (x < <T>10) {
    result -= <T>1 / x;
    x += <T>1;
  }
  if (x == <T>10) return result + <T>2.25175258906672110764;
  let y: T = 0;
  if (x < <T>1e17) {
    const z = <T>1 / (x * x);
    let p: T = <T>8.33333333333333333333e-2;
    p = p * z + <T>-2.10927960927960927961e-2;
    p = p * z + <T>7.57575757575757575758e-3;
    p = p * z + <T>-4.16666666666666666667e-3;
    p = p * z + <T>3.96825396825396825397e-3;
    p = p * z + <T>-8.33333333333333333333e-3;
    p = p * z + <T>8.33333333333333333333e-2;
    y = z * p;
  }
  return result + <T>Math.log(<f64>x) - <T>0.5 / x - y;
}

// trigamma ψ′ as PyTorch's: the reflection ψ′(1 − x) + ψ′(x) = π²/sin²(πx) below ½, six steps
// of ψ′(x) = ψ′(x + 1) + 1/x², then its asymptotic series to x⁻⁷ (where PyTorch stops: about
// 1e-9 off in f64, and PyTorch's gradients are what we match)
export function trigamma<T>(x: T): T {
  let sign: T = 1, result: T = 0;
  const pi = <T>Math.PI;
  if (x < <T>0.5) {
    sign = -1;
    const s = <T>Math.sin(<f64>(pi * x));
    result -= pi * pi / (s * s);
    x = <T>1 - x;
  }
  for (let i = 0; i < 6; i++) {
    result += <T>1 / (x * x);
    x += <T>1;
  }
  const ixx = <T>1 / (x * x);
  result += (<T>1 + <T>1 / (<T>2 * x) + ixx * (<T>(1.0 / 6) - ixx * (<T>(1.0 / 30) - ixx * <T>(1.0 / 42)))) / x;
  return sign * result;
}

// Hurwitz ζ(x, q) as ATen's zeta (Cephes' Euler–Maclaurin sum), in f64 for both element types
// (its accumulator type on CPU): inf at q a pole, NaN where q^−x is undefined or q = inf; C's pow, so ζ(inf, 1) = 1
export function zeta(x: f64, q: f64): f64 {
  const MACHEP: f64 = 1.11022302462515654042e-16;
  if (x == 1) return Infinity;
  if (x < 1) return NaN;
  if (q <= 0) {
    if (q == Math.floor(q)) return Infinity;
    if (x != Math.floor(x)) return NaN;
  }
  let s = powC<f64>(q, -x), a = q, b: f64 = 0, i = 0;
  while (i < 9 || a <= 9) {
    i++;
    a += 1;
    b = Math.pow(a, -x);
    s += b;
    if (-MACHEP * s < b && b < MACHEP * s) return s;
  }
  const w = a;
  s += b * w / (x - 1);
  s -= 0.5 * b;
  a = 1;
  let k: f64 = 0;
  for (let j = 0; j < 12; j++) {
    a *= x + k;
    b /= w;
    let t = a * b / unchecked(ZETA_A[j]);
    s = s + t;
    t = Math.abs(t / s);
    if (t < MACHEP) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}
// (2k)!/B₂ₖ, the Euler–Maclaurin coefficients
const ZETA_A: StaticArray<f64> = [12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
  -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18];

// polygamma ψ⁽ⁿ⁾ as PyTorch's kernel: digamma for n = 0, trigamma for 1, else
// (−1)ⁿ⁺¹ · exp(lgamma(n + 1)) · ζ(n + 1, x) in the element type
export function polygamma<T>(n: T, x: T): T {
  if (n == <T>0) return digamma<T>(x);
  if (n == <T>1) return trigamma<T>(x);
  const fact = <T>Math.exp(<f64><T>lgamma(<f64>n + 1));
  const sign: T = (<i64>n) % 2 != 0 ? <T>1 : <T>-1;
  return sign * fact * <T>zeta(<f64>n + 1, <f64>x);
}

// nan_to_num: NaN becomes `nan`, ±inf become `posinf`/`neginf`; an omitted number (NaN from
// the front end's None) is 0 for nan and the element type's largest finite value for the others
// @ts-ignore: decorator
@inline export function nanToNum<T>(x: T, nan: T, posinf: T, neginf: T): T {
  if (x != x) return nan != nan ? <T>0 : nan;
  const big = sizeof<T>() == 4 ? <T>f32.MAX_VALUE : <T>f64.MAX_VALUE;
  if (x == <T>Infinity) return posinf != posinf ? big : posinf;
  if (x == <T>-Infinity) return neginf != neginf ? -big : neginf;
  return x;
}

// ---- torch.special: erfcx, log Φ, Φ⁻¹, the modified Bessel functions I0 and I1 ----
// Evaluated in f64 and rounded once (PyTorch's are Cephes' and Faddeeva's fits in the element
// type: a few float32 ulps from the true value, and within 1e-14 of it in float64, as these are).
// src/js/kernels/scalar_math.ts is the same computation, with the reasons.

export function erfcx(x: f64): f64 {
  if (x != x) return x;
  if (x < 0) return 2 * Math.exp(x * x) - erfcx(-x);
  if (x < 2) return Math.exp(x * x) * (1 - erfSeries(x));
  let t = x;
  for (let n = 60; n >= 1; n--) t = x + <f64>n / 2 / t;
  return 1 / (1.7724538509055160 * t);
}

export function logNdtr(x: f64): f64 {
  const t = x * Math.SQRT1_2;
  return x < -1 ? Math.log(erfcx(-t) / 2) - t * t : Math.log1p(-erfc(t) / 2);
}

export function ndtri(p: f64): f64 {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p >= 0.25 && p <= 0.75) return Math.SQRT2 * erfinv<f64>(2 * p - 1);
  if (p > 0.5) return -ndtri(1 - p);
  if (p == 0) return -Infinity;
  const lp = Math.log(p), t = Math.sqrt(-2 * lp);
  let x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let k = 0; k < 10; k++) {
    const l = logNdtr(x);
    const step = (l - lp) / Math.exp(-0.5 * x * x - 0.9189385332046728 - l);
    x -= step;
    if (!(Math.abs(step) > 1e-16 * Math.abs(x))) break;
  }
  return x;
}

function besselScaled(x: f64, nu: i32): f64 {
  const a = Math.abs(x);
  let r: f64;
  if (a < 20) {
    const q = a * a / 4;
    let term: f64 = nu == 0 ? 1 : a / 2, sum = term;
    for (let k = 1; k < 200 && term > 1e-17 * sum; k++) {
      term *= q / (<f64>k * <f64>(k + nu));
      sum += term;
    }
    r = sum * Math.exp(-a);
  } else {
    let term: f64 = 1, sum: f64 = 1;
    for (let k = 1; k < 100; k++) {
      const m = <f64>(2 * k - 1);
      const next = term * (m * m - <f64>(4 * nu * nu)) / (8 * <f64>k * a);
      if (!(Math.abs(next) < Math.abs(term)) || Math.abs(next) < 1e-17 * Math.abs(sum)) break;
      term = next;
      sum += term;
    }
    r = sum / Math.sqrt(2 * Math.PI * a);
  }
  return nu == 1 && x < 0 ? -r : r;
}

// @ts-ignore: decorator
@inline function bessel(x: f64, nu: i32): f64 { return besselScaled(x, nu) * Math.exp(Math.abs(x)); }
export function besselI0(x: f64): f64 { return bessel(x, 0); }
export function besselI0e(x: f64): f64 { return besselScaled(x, 0); }
export function besselI1(x: f64): f64 { return bessel(x, 1); }
export function besselI1e(x: f64): f64 { return besselScaled(x, 1); }
