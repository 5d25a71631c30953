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

/**
 * Python's x // y as PyTorch computes it for floats (c10's div_floor_floating), each step rounded
 * by `r`: from the exact fmod, so 1 // 0.1 is 9 (the true quotient is just below 10).
 */
function divFloorRounded(r: (v: number) => number, x: number, y: number): number {
  if (y === 0) return r(x / y);
  const m = x % y;
  let d = r(r(x - m) / y);
  if (m !== 0 && (y < 0) !== (m < 0)) d = r(d - 1);
  if (d === 0) return copysign(0, x / y);
  const q = Math.floor(d);
  return r(d - q) > 0.5 ? r(q + 1) : q;
}
export const divFloor = (x: number, y: number): number => divFloorRounded(f, x, y);
export const divFloor64 = (x: number, y: number): number => divFloorRounded((v) => v, x, y);

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
  if (x !== x || x === 0) return x; // erf(−0) = −0 (the series' sum would make it +0)
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

// Activations evaluated in f64 and rounded once, in forms that do not cancel (the wasm SIMD
// forms compute the same): x·σ(x) as x/(1 + e^−x) (NaN at −inf, as PyTorch's); gelu as
// ½x·erfc(−x/√2), not ½x(1 + erf(x/√2)), which loses every digit below x = −5; its tanh form
// ½x(1 + tanh u) as x·σ(2u); log(1 + eᶻ) as max(z, 0) + log1p(e^−|z|), which never overflows.
export const silu = (x: number): number => x / (1 + Math.exp(-x));
export const gelu = (x: number): number => 0.5 * x * erfc(-x * Math.SQRT1_2);
export const geluTanh = (x: number): number => x / (1 + Math.exp(-1.5957691216057308 * (x + 0.044715 * x * x * x)));
export const log1pExp = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

// ---- special functions (erfinv, lgamma, digamma, trigamma) ----
// erfinv, digamma and trigamma follow the steps of PyTorch's CPU kernels (ATen's Math.h) in the
// element type: `r` rounds every step to float32 (Math.fround) or not at all (float64), so
// both dtypes land where PyTorch's float and double kernels do. lgamma is glibc's lgamma in
// PyTorch, correct to an ulp: here it is computed in float64 and rounded once.

type Round = (v: number) => number;
const same: Round = (v) => v;

/**
 * erfinv as PyTorch's calc_erfinv: a rational first guess (one form for |y| ≤ 0.7, one in
 * √(−log((1 − |y|)/2)) beyond), then two Newton steps on erf(x) − y.
 */
function erfinvIn(y: number, r: Round): number {
  const a = Math.abs(y);
  if (a > 1) return NaN;
  if (a === 1) return y > 0 ? Infinity : -Infinity;
  let x: number;
  if (a <= r(0.7)) {
    const z = r(y * y);
    const num = r(r(r(r(r(r(r(-0.140543331) * z) + r(0.914624893)) * z) + r(-1.645349621)) * z) + r(0.886226899));
    const den = r(r(r(r(r(r(r(r(r(0.012229801) * z) + r(-0.329097515)) * z) + r(1.442710462)) * z) + r(-2.118377725)) * z) + 1);
    x = r(r(y * num) / den);
  } else {
    const z = r(Math.sqrt(-r(Math.log(r(r(1 - a) / 2)))));
    const num = r(r(r(r(r(r(r(1.641345311) * z) + r(3.429567803)) * z) + r(-1.624906493)) * z) + r(-1.970840454));
    const den = r(r(r(r(r(1.6370678) * z) + r(3.5438892)) * z) + 1);
    x = r((y < 0 ? -Math.abs(num) : Math.abs(num)) / den);
  }
  const slope = r(2 * r(0.5641895835477563));
  for (let k = 0; k < 2; k++) x = r(x - r(r(r(erf(x)) - y) / r(slope * r(Math.exp(-r(x * x))))));
  return x;
}
/** The inverse error function, in float32 steps. */
export const erfinv = (y: number): number => erfinvIn(y, f);
/** erfinv in float64. */
export const erfinv64 = (y: number): number => erfinvIn(y, same);

/** |sin(πx)| with x reduced exactly to [0, ½] first, so a large |x| loses nothing. */
function absSinPi(x: number): number {
  let t = Math.abs(x);
  t -= 2 * Math.floor(t / 2);
  if (t > 1) t -= 1;
  if (t > 0.5) t = 1 - t;
  return Math.sin(Math.PI * t);
}

const LOG_SQRT_2PI = 0.9189385332046728;
/** Stirling's series for x ≥ 10: the Bernoulli terms B₂ₖ/(2k(2k−1)x^(2k−1)) up to x⁻¹⁵. */
function lgammaStirling(x: number): number {
  const z = 1 / (x * x);
  const series = (1 / 12 + z * (-1 / 360 + z * (1 / 1260 + z * (-1 / 1680 + z * (1 / 1188 + z * (-691 / 360360
    + z * (1 / 156 + z * (-3617 / 122400)))))))) / x;
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + series;
}

/**
 * log|Γ(x)| in float64 (glibc's lgamma is what PyTorch calls): Stirling's series from 10 up,
 * the recurrence Γ(x) = Γ(x + n)/(x(x+1)…(x+n−1)) below, and the reflection
 * Γ(x)Γ(1 − x) = π/sin(πx) for x ≤ 0. Poles (0, negative integers) and ±inf give inf.
 */
export function lgamma(x: number): number {
  if (x !== x) return x;
  if (x === Infinity || x === -Infinity) return Infinity;
  if (x <= 0) {
    if (x === Math.floor(x)) return Infinity;
    return Math.log(Math.PI / absSinPi(x)) - lgamma(1 - x);
  }
  if (x >= 10) return lgammaStirling(x);
  let p = 1, y = x + 1;
  for (; y < 10; y++) p *= y;
  return lgammaStirling(y) - Math.log(x) - Math.log(p);
}

// digamma's asymptotic series: the Bernoulli terms B₂ₖ/(2k) in z = 1/x², highest first
const DIGAMMA_SERIES = [
  8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3,
  -4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3, 8.33333333333333333333e-2,
];
const PSI_10 = 2.25175258906672110764;

/**
 * digamma as PyTorch's calc_digamma: ±inf at ∓0, NaN at negative integers, the reflection
 * ψ(x) = ψ(1 − x) − π/tan(πx) for x < 0 (tan of the fractional part, in float64), the
 * recurrence ψ(x) = ψ(x + 1) − 1/x up to 10, then the asymptotic series.
 */
function digammaIn(x: number, r: Round): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (x < 0) {
    if (x === Math.trunc(x)) return NaN;
    return r(digammaIn(r(1 - x), r) - r(Math.PI / Math.tan(Math.PI * (x - Math.trunc(x)))));
  }
  let result = 0;
  while (x < 10) {
    result = r(result - r(1 / x));
    x = r(x + 1);
  }
  if (x === 10) return r(result + r(PSI_10));
  let y = 0;
  if (x < r(1e17)) {
    const z = r(1 / r(x * x));
    let p = 0;
    for (const a of DIGAMMA_SERIES) p = r(r(p * z) + r(a));
    y = r(z * p);
  }
  return r(r(r(result + r(Math.log(x))) - r(0.5 / x)) - y);
}
/** The digamma function ψ = Γ′/Γ, in float32 steps. */
export const digamma = (x: number): number => digammaIn(x, f);
/** digamma in float64. */
export const digamma64 = (x: number): number => digammaIn(x, same);

/**
 * trigamma ψ′ as PyTorch's: the reflection ψ′(1 − x) + ψ′(x) = π²/sin²(πx) below ½, six
 * steps of ψ′(x) = ψ′(x + 1) + 1/x², then its asymptotic series to x⁻⁷ (as PyTorch, which
 * stops there: about 1e-9 off in float64, and PyTorch's gradients are what we match).
 */
function trigammaIn(x: number, r: Round): number {
  let sign = 1, result = 0;
  const pi = r(Math.PI);
  if (x < 0.5) {
    sign = -1;
    const s = r(Math.sin(r(pi * x)));
    result = r(result - r(r(pi * pi) / r(s * s)));
    x = r(1 - x);
  }
  for (let i = 0; i < 6; i++) {
    result = r(result + r(1 / r(x * x)));
    x = r(x + 1);
  }
  const ixx = r(1 / r(x * x));
  const tail = r(ixx * r(r(1 / 6) - r(ixx * r(r(1 / 30) - r(ixx * r(1 / 42))))));
  result = r(result + r(r(r(1 + r(1 / r(2 * x))) + tail) / x));
  return sign * result;
}
/** trigamma, in float32 steps. */
export const trigamma = (x: number): number => trigammaIn(x, f);
/** trigamma in float64. */
export const trigamma64 = (x: number): number => trigammaIn(x, same);

/** (2k)!/B₂ₖ, the Euler–Maclaurin coefficients of zeta. */
const ZETA_A = [12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
  -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18];
/**
 * Hurwitz ζ(x, q) as ATen's zeta (Cephes' Euler–Maclaurin sum), in float64 for both dtypes (its
 * accumulator type on CPU): inf at a pole q, NaN where q^−x is undefined or q = inf.
 */
export function zeta(x: number, q: number): number {
  const MACHEP = 1.11022302462515654042e-16;
  if (x === 1) return Infinity;
  if (x < 1) return NaN;
  if (q <= 0) {
    if (q === Math.floor(q)) return Infinity;
    if (x !== Math.floor(x)) return NaN;
  }
  let s = powC64(q, -x), a = q, b = 0, i = 0;
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
  let k = 0;
  for (let j = 0; j < 12; j++) {
    a *= x + k;
    b /= w;
    let t = a * b / ZETA_A[j];
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
/**
 * polygamma ψ⁽ⁿ⁾ as PyTorch's kernel: digamma for n = 0, trigamma for 1, else
 * (−1)ⁿ⁺¹ · exp(lgamma(n + 1)) · ζ(n + 1, x) in the element type.
 */
function polygammaIn(n: number, x: number, r: Round): number {
  if (n === 0) return digammaIn(x, r);
  if (n === 1) return trigammaIn(x, r);
  const fact = r(Math.exp(r(lgamma(n + 1))));
  return r(r((n % 2 !== 0 ? 1 : -1) * fact) * r(zeta(n + 1, x)));
}
/** polygamma, in float32 steps. */
export const polygamma = (n: number, x: number): number => polygammaIn(n, x, f);
/** polygamma in float64. */
export const polygamma64 = (n: number, x: number): number => polygammaIn(n, x, same);

const F32_MAX = 3.4028234663852886e38;
/**
 * nan_to_num: NaN becomes `nan`, ±inf become `posinf`/`neginf`; an omitted number (NaN from
 * the front end's None) is 0 for nan and float32's largest finite value for the others.
 */
export function nanToNum(x: number, nan: number, posinf: number, neginf: number): number {
  if (x !== x) return nan !== nan ? 0 : nan;
  if (x === Infinity) return posinf !== posinf ? F32_MAX : posinf;
  if (x === -Infinity) return neginf !== neginf ? -F32_MAX : neginf;
  return x;
}

/** nan_to_num in float64: the omitted bounds are float64's largest finite value. */
export function nanToNum64(x: number, nan: number, posinf: number, neginf: number): number {
  if (x !== x) return nan !== nan ? 0 : nan;
  if (x === Infinity) return posinf !== posinf ? Number.MAX_VALUE : posinf;
  if (x === -Infinity) return neginf !== neginf ? -Number.MAX_VALUE : neginf;
  return x;
}

// ---- torch.special: erfcx, log Φ, Φ⁻¹, the modified Bessel functions I0 and I1 ----
// Evaluated in float64 and rounded once (PyTorch's are Cephes' and Faddeeva's fits in the element
// type: a few float32 ulps from the true value, and within 1e-14 of it in float64, as these are).
// assembly/kernels/scalar_math.ts is the same computation.

/**
 * erfc(x)·e^{x²}: erfc's continued fraction without its e^{−x²} from 2 on (where its 60 terms
 * are exact to float64), so it never underflows.
 */
export function erfcx(x: number): number {
  if (x !== x) return x;
  if (x < 0) return 2 * Math.exp(x * x) - erfcx(-x); // +inf below −26.6, as PyTorch's
  if (x < 2) return Math.exp(x * x) * (1 - erfSeries(x));
  let t = x;
  for (let n = 60; n >= 1; n--) t = x + n / 2 / t;
  return 1 / (1.7724538509055160 * t);
}

/** log Φ(x) as PyTorch's calc_log_ndtr: through erfcx below −1, where Φ(x) underflows. */
export function logNdtr(x: number): number {
  const t = x * Math.SQRT1_2;
  return x < -1 ? Math.log(erfcx(-t) / 2) - t * t : Math.log1p(-erfc(t) / 2);
}

/**
 * Φ⁻¹(p): √2·erfinv(2p − 1) on [¼, ¾], where 2p − 1 is exact; below, Newton's method on
 * log Φ(x) = log p from Abramowitz and Stegun's 26.2.23 (|error| < 4.5e-4); above, −Φ⁻¹(1 − p).
 */
export function ndtri(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p >= 0.25 && p <= 0.75) return Math.SQRT2 * erfinv64(2 * p - 1);
  if (p > 0.5) return -ndtri(1 - p);
  if (p === 0) return -Infinity;
  const lp = Math.log(p), t = Math.sqrt(-2 * lp);
  let x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let k = 0; k < 10; k++) {
    const l = logNdtr(x);
    // d log Φ/dx = φ(x)/Φ(x) = exp(log φ(x) − log Φ(x))
    const step = (l - lp) / Math.exp(-0.5 * x * x - 0.9189385332046728 - l);
    x -= step;
    if (!(Math.abs(step) > 1e-16 * Math.abs(x))) break;
  }
  return x;
}

/** I_ν(x)·e^{−|x|} for ν = 0, 1: the power series below 20, the asymptotic series from 20 on. */
function besselScaled(x: number, nu: number): number {
  const a = Math.abs(x);
  let r: number;
  if (a < 20) {
    const q = a * a / 4;
    let term = nu === 0 ? 1 : a / 2, sum = term;
    for (let k = 1; k < 200 && term > 1e-17 * sum; k++) {
      term *= q / (k * (k + nu));
      sum += term;
    }
    r = sum * Math.exp(-a);
  } else {
    // e^z/√(2πz)·Σ (−1)^k Π_{j≤k}(4ν² − (2j − 1)²) / (k!(8z)^k), summed until its terms grow
    let term = 1, sum = 1;
    for (let k = 1; k < 100; k++) {
      const next = term * ((2 * k - 1) * (2 * k - 1) - 4 * nu * nu) / (8 * k * a);
      if (!(Math.abs(next) < Math.abs(term)) || Math.abs(next) < 1e-17 * Math.abs(sum)) break;
      term = next;
      sum += term;
    }
    r = sum / Math.sqrt(2 * Math.PI * a);
  }
  return nu === 1 && x < 0 ? -r : r;
}

/** I_ν(x) from its scaled form: +inf once e^{|x|} overflows (|x| > 709.78), NaN at ±inf, as PyTorch's. */
function bessel(x: number, nu: number): number {
  return besselScaled(x, nu) * Math.exp(Math.abs(x));
}

/** The modified Bessel function of the first kind of order 0. */
export const besselI0 = (x: number): number => bessel(x, 0);
/** I0(x)·e^{−|x|}. */
export const besselI0e = (x: number): number => besselScaled(x, 0);
/** The modified Bessel function of the first kind of order 1. */
export const besselI1 = (x: number): number => bessel(x, 1);
/** I1(x)·e^{−|x|}. */
export const besselI1e = (x: number): number => besselScaled(x, 1);
