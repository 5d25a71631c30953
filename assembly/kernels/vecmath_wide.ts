// Transcendental functions of four float32 lanes evaluated as two float64 pairs
// (f64x2) and rounded once: expm1, log1p, erf, silu, gelu (both forms) and
// softplus's log(1 + eˣ). These are the functions whose float32 forms cancel
// (eˣ − 1 near 0, 1 + erf(x) and 1 + tanh(x) for x < 0, x·e^−|x|): in float64
// the cancellation costs nothing a float32 result can see, so each result is
// within about half an ulp, not the 2-4 ulp of the float32 formulas. Twice the
// arithmetic per float of vecmath.ts's f32x4 forms, still several times faster
// than a scalar f64 Math call per element.
//
// The building blocks need no fitted coefficients: eʳ by its Taylor series on
// |r| ≤ ln2/2 (degree 10: 2·10⁻¹³ relative), ln m by the atanh series of
// s = (m − 1)/(m + 1) on m in [√½, √2) (2s·Σ s²ᵏ/(2k+1), 3·10⁻¹² relative), and
// erf / erfc by Cephes's rational approximations (ndtr.c, S. L. Moshier; the
// coefficients below are his). test/vecmath.test.ts checks every result against
// a float64 reference over the float32 range and the edges, docs/benchmarks.md
// lists the measured bounds.
//
// Edges follow the op table's kernel expressions (src/ops/table.ts) and are set
// by selects, not left to the arithmetic.

import { powC } from './scalar_math';

enum D {
  ExpLo, ExpHi, Log2e, Magic, Ln2Hi, Ln2Lo, One, Two, Half,
  E10, E9, E8, E7, E6, E5, E4, E3, E2,
  L13, L11, L9, L7, L5, L3,
  Two52Bias, Inf, NaN, Ln2, SqrtHalf, K0, K1, Zero, Eight,
  P0, P1, P2, P3, P4, P5, P6, P7, P8, Q0, Q1, Q2, Q3, Q4, Q5, Q6, Q7,
  R0, R1, R2, R3, R4, R5, S0, S1, S2, S3, S4, S5, T0, T1, T2, T3, T4, U0, U1, U2, U3, U4,
}
// one 16-byte row per constant (V8 rebuilds a v128.const at every use inside a loop; vecmath.ts)
const KD = memory.data<f64>([
  -200, -200, 200, 200, 1.4426950408889634, 1.4426950408889634, 6755399441055744, 6755399441055744,
  6.93147180369123816490e-1, 6.93147180369123816490e-1, 1.90821492927058770002e-10, 1.90821492927058770002e-10,
  1, 1, 2, 2, 0.5, 0.5,
  // (eʳ − 1)/r = Σ rᵏ/(k+1)!, k = 9 … 1 (the k = 0 term is One)
  2.755731922398589e-7, 2.755731922398589e-7, 2.755731922398589e-6, 2.755731922398589e-6,
  2.48015873015873e-5, 2.48015873015873e-5, 1.984126984126984e-4, 1.984126984126984e-4,
  1.388888888888889e-3, 1.388888888888889e-3, 8.333333333333333e-3, 8.333333333333333e-3,
  4.1666666666666664e-2, 4.1666666666666664e-2, 0.16666666666666666, 0.16666666666666666, 0.5, 0.5,
  // atanh series: 1/13, 1/11, …, 1/3
  0.07692307692307693, 0.07692307692307693, 0.09090909090909091, 0.09090909090909091,
  0.1111111111111111, 0.1111111111111111, 0.14285714285714285, 0.14285714285714285, 0.2, 0.2,
  0.3333333333333333, 0.3333333333333333,
  4503599627371519, 4503599627371519, Infinity, Infinity, NaN, NaN, 0.6931471805599453, 0.6931471805599453,
  0.7071067811865476, 0.7071067811865476, 0.7978845608028654, 0.7978845608028654, 0.044715, 0.044715, 0, 0, 8, 8,
  // Cephes ndtr.c: erfc(x) = e^(−x²)·P(x)/Q(x) on [1, 8), e^(−x²)·R(x)/S(x) above, erf(x) = x·T(x²)/U(x²) below 1
  2.46196981473530512524e-10, 2.46196981473530512524e-10, 5.64189564831068821977e-1, 5.64189564831068821977e-1,
  7.46321056442269912687e0, 7.46321056442269912687e0, 4.86371970985681366614e1, 4.86371970985681366614e1,
  1.96520832956077098242e2, 1.96520832956077098242e2, 5.26445194995477358631e2, 5.26445194995477358631e2,
  9.34528527171957607540e2, 9.34528527171957607540e2, 1.02755188689515710272e3, 1.02755188689515710272e3,
  5.57535335369399327526e2, 5.57535335369399327526e2,
  1.32281951154744992508e1, 1.32281951154744992508e1, 8.67072140885989742329e1, 8.67072140885989742329e1,
  3.54937778887819891062e2, 3.54937778887819891062e2, 9.75708501743205489753e2, 9.75708501743205489753e2,
  1.82390916687909736289e3, 1.82390916687909736289e3, 2.24633760818710981792e3, 2.24633760818710981792e3,
  1.65666309194161350182e3, 1.65666309194161350182e3, 5.57535340817727675546e2, 5.57535340817727675546e2,
  5.64189583547755073984e-1, 5.64189583547755073984e-1, 1.27536670759978104416e0, 1.27536670759978104416e0,
  5.01905042251180477414e0, 5.01905042251180477414e0, 6.16021097993053585195e0, 6.16021097993053585195e0,
  7.40974269950448939160e0, 7.40974269950448939160e0, 2.97886665372100240670e0, 2.97886665372100240670e0,
  2.26052863220117276590e0, 2.26052863220117276590e0, 9.39603524938001434673e0, 9.39603524938001434673e0,
  1.20489539808096656605e1, 1.20489539808096656605e1, 1.70814450747565897222e1, 1.70814450747565897222e1,
  9.60896809063285878198e0, 9.60896809063285878198e0, 3.36907645100081516050e0, 3.36907645100081516050e0,
  9.60497373987051638749e0, 9.60497373987051638749e0, 9.00260197203842689217e1, 9.00260197203842689217e1,
  2.23200534594684319226e3, 2.23200534594684319226e3, 7.00332514112805075473e3, 7.00332514112805075473e3,
  5.55923013010394962768e4, 5.55923013010394962768e4,
  3.35617141647503099647e1, 3.35617141647503099647e1, 5.21357949780152679795e2, 5.21357949780152679795e2,
  4.59432382970980127987e3, 4.59432382970980127987e3, 2.26290000613890934246e4, 2.26290000613890934246e4,
  4.92673942608635921086e4, 4.92673942608635921086e4,
], 16);
enum J { MagicBits, ExpBias, SqrtHalfOff, MantMask, SqrtHalfBits, Two52, Sign }
const KJ = memory.data<u64>([
  0x4338000000000000, 0x4338000000000000, 1023, 1023, 0x00095f619980c433, 0x00095f619980c433,
  0x000fffffffffffff, 0x000fffffffffffff, 0x3fe6a09e667f3bcd, 0x3fe6a09e667f3bcd,
  0x4330000000000000, 0x4330000000000000, 0x8000000000000000, 0x8000000000000000,
], 16);
// @ts-ignore: decorator
@inline function kd(c: D): v128 { return v128.load(KD + (<usize>c << 4)); }
// @ts-ignore: decorator
@inline function kj(c: J): v128 { return v128.load(KJ + (<usize>c << 4)); }
// @ts-ignore: decorator
@inline export function sel(mask: v128, a: v128, b: v128): v128 { return v128.bitselect(a, b, mask); }
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 { return f64x2.add(f64x2.mul(a, b), c); }

// ---- the two float64 halves of four float32 lanes ----

// @ts-ignore: decorator
@inline export function lo(v: v128): v128 { return f64x2.promote_low_f32x4(v); }
// @ts-ignore: decorator
@inline export function hi(v: v128): v128 { return f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 2, 3)); }
/** Rounds two float64 pairs to four float32 lanes (correctly, into the subnormals and to ±inf). */
// @ts-ignore: decorator
@inline export function join(a: v128, b: v128): v128 {
  return f32x4.shuffle(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 1, 4, 5);
}

// ---- eˣ and eˣ − 1 ----

/** z clamped to [−200, 200] (NaN passes): e^±200 is 0 or inf to any float32 result. */
// @ts-ignore: decorator
@inline function clampExp(z: v128): v128 { return f64x2.pmin(f64x2.pmax(z, kd(D.ExpLo)), kd(D.ExpHi)); }

/** z·log2e + 1.5·2⁵², whose low bits hold n = round(z / ln 2). */
// @ts-ignore: decorator
@inline function roundN(zc: v128): v128 { return f64x2.add(f64x2.mul(zc, kd(D.Log2e)), kd(D.Magic)); }

/** 2ⁿ for the n in t (|n| ≤ 289: a normal float64). */
// @ts-ignore: decorator
@inline function scaleOf(t: v128): v128 { return i64x2.shl(i64x2.add(i64x2.sub(t, kj(J.MagicBits)), kj(J.ExpBias)), 52); }

/** eʳ − 1 for r = zc − n·ln 2 (Cody-Waite, ln 2 in two parts), by its Taylor series. */
// @ts-ignore: decorator
@inline function expm1Reduced(zc: v128, t: v128): v128 {
  const n = f64x2.sub(t, kd(D.Magic));
  const r = f64x2.sub(f64x2.sub(zc, f64x2.mul(n, kd(D.Ln2Hi))), f64x2.mul(n, kd(D.Ln2Lo)));
  let p = madd(kd(D.E10), r, kd(D.E9));
  p = madd(p, r, kd(D.E8));
  p = madd(p, r, kd(D.E7));
  p = madd(p, r, kd(D.E6));
  p = madd(p, r, kd(D.E5));
  p = madd(p, r, kd(D.E4));
  p = madd(p, r, kd(D.E3));
  p = madd(p, r, kd(D.E2));
  p = madd(p, r, kd(D.One));
  return f64x2.mul(r, p);
}

/** eᶻ of a float64 pair, for z in [−200, 200] (outside, e^±200). */
// @ts-ignore: decorator
@inline function expW(z: v128): v128 {
  const zc = clampExp(z);
  const t = roundN(zc);
  const s = scaleOf(t);
  return madd(s, expm1Reduced(zc, t), s);
}

// ---- ln x and ln(1 + x) ----

/** ln u for finite u > 0 of float64 (u = m·2ᵉ, m in [√½, √2), ln m = 2·atanh((m − 1)/(m + 1))). */
// @ts-ignore: decorator
@inline function logW(u: v128): v128 {
  // adding 1 − √½'s significand carries into the exponent exactly when m ≥ √2 (vecmath.ts's logV)
  const k = i64x2.add(u, kj(J.SqrtHalfOff));
  const e = f64x2.sub(v128.or(i64x2.shr_u(k, 52), kj(J.Two52)), kd(D.Two52Bias)); // (k >> 52) − 1023 as float64
  const m = i64x2.add(v128.and(k, kj(J.MantMask)), kj(J.SqrtHalfBits));
  const f = f64x2.sub(m, kd(D.One));
  const s = f64x2.div(f, f64x2.add(f, kd(D.Two)));
  const z = f64x2.mul(s, s);
  let p = madd(kd(D.L13), z, kd(D.L11));
  p = madd(p, z, kd(D.L9));
  p = madd(p, z, kd(D.L7));
  p = madd(p, z, kd(D.L5));
  p = madd(p, z, kd(D.L3));
  p = madd(p, z, kd(D.One));
  return madd(e, kd(D.Ln2), f64x2.mul(f64x2.add(s, s), p));
}

/**
 * ln(1 + x) for x > −1: ln(u)·x/(u − 1) with u = 1 + x rounded, which cancels
 * the rounding of u (Goldberg); x itself where u rounds to 1.
 */
// @ts-ignore: decorator
@inline function log1pFinite(x: v128): v128 {
  const u = f64x2.add(x, kd(D.One));
  const um1 = f64x2.sub(u, kd(D.One));
  return sel(f64x2.eq(um1, kd(D.Zero)), x, f64x2.mul(logW(u), f64x2.div(x, um1)));
}

// ---- erfc ----

/** Cephes's erfc(a) for a ≥ 1: e^(−a²)·P(a)/Q(a) below 8, R(a)/S(a) from 8 (computed only when a lane needs it). */
// @ts-ignore: decorator
@inline function erfcTail(a: v128): v128 {
  let p = madd(kd(D.P0), a, kd(D.P1));
  p = madd(p, a, kd(D.P2)); p = madd(p, a, kd(D.P3)); p = madd(p, a, kd(D.P4));
  p = madd(p, a, kd(D.P5)); p = madd(p, a, kd(D.P6)); p = madd(p, a, kd(D.P7)); p = madd(p, a, kd(D.P8));
  let q = f64x2.add(a, kd(D.Q0));
  q = madd(q, a, kd(D.Q1)); q = madd(q, a, kd(D.Q2)); q = madd(q, a, kd(D.Q3));
  q = madd(q, a, kd(D.Q4)); q = madd(q, a, kd(D.Q5)); q = madd(q, a, kd(D.Q6)); q = madd(q, a, kd(D.Q7));
  const far = f64x2.ge(a, kd(D.Eight));
  if (v128.any_true(far)) {
    let r = madd(kd(D.R0), a, kd(D.R1));
    r = madd(r, a, kd(D.R2)); r = madd(r, a, kd(D.R3)); r = madd(r, a, kd(D.R4)); r = madd(r, a, kd(D.R5));
    let s = f64x2.add(a, kd(D.S0));
    s = madd(s, a, kd(D.S1)); s = madd(s, a, kd(D.S2)); s = madd(s, a, kd(D.S3)); s = madd(s, a, kd(D.S4)); s = madd(s, a, kd(D.S5));
    p = sel(far, r, p);
    q = sel(far, s, q);
  }
  const y = f64x2.div(f64x2.mul(expW(f64x2.neg(f64x2.mul(a, a))), p), q);
  return sel(f64x2.eq(a, kd(D.Inf)), kd(D.Zero), y); // P(inf)/Q(inf) would be NaN
}

/** Cephes's erf(a) for |a| < 1: a·T(a²)/U(a²). */
// @ts-ignore: decorator
@inline function erfSmall(a: v128): v128 {
  const z = f64x2.mul(a, a);
  let t = madd(kd(D.T0), z, kd(D.T1));
  t = madd(t, z, kd(D.T2)); t = madd(t, z, kd(D.T3)); t = madd(t, z, kd(D.T4));
  let u = f64x2.add(z, kd(D.U0));
  u = madd(u, z, kd(D.U1)); u = madd(u, z, kd(D.U2)); u = madd(u, z, kd(D.U3)); u = madd(u, z, kd(D.U4));
  return f64x2.div(f64x2.mul(a, t), u);
}

/** erfc(a) for a ≥ 0 (and NaN). */
// @ts-ignore: decorator
@inline function erfcPos(a: v128): v128 {
  return sel(f64x2.lt(a, kd(D.One)), f64x2.sub(kd(D.One), erfSmall(a)), erfcTail(a));
}

// ---- the ops, on float64 pairs ----

// @ts-ignore: decorator
@inline function expm1W(x: v128): v128 {
  const zc = clampExp(x);
  const t = roundN(zc);
  const s = scaleOf(t);
  // 2ⁿ(1 + (eʳ − 1)) − 1 = (2ⁿ − 1) + 2ⁿ(eʳ − 1): the first term is exact, nothing cancels
  const y = madd(s, expm1Reduced(zc, t), f64x2.sub(s, kd(D.One)));
  return sel(f64x2.eq(x, kd(D.Zero)), x, y); // −0 stays −0
}

// @ts-ignore: decorator
@inline function log1pW(x: v128): v128 {
  let y = log1pFinite(x);
  y = sel(f64x2.eq(x, kd(D.Inf)), x, y);
  y = sel(f64x2.lt(x, f64x2.neg(kd(D.One))), kd(D.NaN), y);
  return sel(f64x2.eq(x, f64x2.neg(kd(D.One))), f64x2.neg(kd(D.Inf)), y);
}

/** x / (1 + e^−z), with NaN at x = −inf as the kernel's −inf/inf gives. */
// @ts-ignore: decorator
@inline function xSigmoid(x: v128, z: v128): v128 {
  const y = f64x2.div(x, f64x2.add(kd(D.One), expW(f64x2.neg(z))));
  return sel(f64x2.eq(x, f64x2.neg(kd(D.Inf))), kd(D.NaN), y);
}

/** gelu_tanh(x) = ½x(1 + tanh u) = x·σ(2u), u = √(2/π)(x + 0.044715x³): no 1 + tanh to cancel. */
// @ts-ignore: decorator
@inline function geluTanhW(x: v128): v128 {
  const u = f64x2.mul(kd(D.K0), madd(f64x2.mul(f64x2.mul(kd(D.K1), x), x), x, x));
  return xSigmoid(x, f64x2.add(u, u));
}

/** gelu(x) = ½x·erfc(−x/√2): x·(1 − ½erfc(x/√2)) above 0, ½x·erfc(|x|/√2) below. */
// @ts-ignore: decorator
@inline function geluW(x: v128): v128 {
  const c = erfcPos(f64x2.mul(f64x2.abs(x), kd(D.SqrtHalf)));
  const hc = f64x2.mul(kd(D.Half), c);
  return f64x2.mul(x, sel(f64x2.lt(x, kd(D.Zero)), hc, f64x2.sub(kd(D.One), hc)));
}

// @ts-ignore: decorator
@inline function erfW(x: v128): v128 {
  const a = f64x2.abs(x);
  const big = v128.or(f64x2.sub(kd(D.One), erfcTail(a)), v128.and(x, kj(J.Sign)));
  return sel(f64x2.lt(a, kd(D.One)), erfSmall(x), big);
}

/** ln(1 + eᶻ) = max(z, 0) + ln(1 + e^−|z|): never overflows. */
// @ts-ignore: decorator
@inline function log1pExpW(z: v128): v128 {
  return f64x2.add(f64x2.pmax(z, kd(D.Zero)), log1pFinite(expW(f64x2.neg(f64x2.abs(z)))));
}

// ---- on four float32 lanes ----
// Not inlined: each is a few hundred instructions, and the op dispatch would copy it into
// every op's loop before folding the switch away (minutes of asc time).

export function expm1V(v: v128): v128 { return join(expm1W(lo(v)), expm1W(hi(v))); }
export function log1pV(v: v128): v128 { return join(log1pW(lo(v)), log1pW(hi(v))); }
export function erfV(v: v128): v128 { return join(erfW(lo(v)), erfW(hi(v))); }
/** x / (1 + e^−x). */
export function siluV(v: v128): v128 { const a = lo(v), b = hi(v); return join(xSigmoid(a, a), xSigmoid(b, b)); }
export function geluV(v: v128): v128 { return join(geluW(lo(v)), geluW(hi(v))); }
export function geluTanhV(v: v128): v128 { return join(geluTanhW(lo(v)), geluTanhW(hi(v))); }

/**
 * softplus: x where x·beta > threshold, else ln(1 + e^(x·beta)) / beta, with x·beta and
 * the quotient in float32 as the kernel expression has them (cV = beta, c2V = threshold).
 */
export function softplusV(v: v128, cV: v128, c2V: v128): v128 {
  const z = f32x4.mul(v, cV);
  const sp = f32x4.div(join(log1pExpW(lo(z)), log1pExpW(hi(z))), cV);
  return v128.bitselect(v, sp, f32x4.gt(z, c2V));
}

// ---- pow with a number exponent ----

/** |x|^c = e^(c·ln|x|) of a float64 pair, for finite x ≠ 0 (c·ln|x| in float64 errs by < 10⁻¹³). */
// @ts-ignore: decorator
@inline function powAbsW(x: v128, c: v128): v128 { return expW(f64x2.mul(c, logW(f64x2.abs(x)))); }

/**
 * x^c for a number c (cV = c in every lane): PyTorch's special exponents as the
 * scalar kernel (powScalar: x·x, x·x·x, sqrt, ...), else e^(c·ln|x|) in
 * float64 with the sign of x for an odd integer c, NaN for x < 0 and a
 * non-integer c. Lanes where that formula does not apply (x = ±0, ±inf, NaN)
 * and a non-finite c take the scalar kernel, C's pow in float64.
 */
export function powScalarV(v: v128, cV: v128): v128 {
  const c = f32x4.extract_lane(cV, 0);
  if (c == 2) return f32x4.mul(v, v);
  if (c == 3) return f32x4.mul(f32x4.mul(v, v), v);
  if (c == 0.5) return f32x4.sqrt(v);
  if (c == -0.5) return f32x4.div(f32x4.splat(1), f32x4.sqrt(v));
  if (c == -1) return f32x4.div(f32x4.splat(1), v);
  if (c == -2) return f32x4.div(f32x4.splat(1), f32x4.mul(v, v));
  const a = f32x4.abs(v);
  const isInt = c == Mathf.trunc(c);
  let ok = v128.and(f32x4.gt(a, f32x4.splat(0)), f32x4.lt(a, f32x4.splat(Infinity)));
  if (!isFinite(c)) ok = i32x4.splat(0);
  const c2 = f64x2.splat(<f64>c);
  let y = join(powAbsW(lo(v), c2), powAbsW(hi(v), c2));
  if (!isInt) y = v128.bitselect(f32x4.splat(NaN), y, f32x4.lt(v, f32x4.splat(0))); // C's pow: a finite x < 0 to a non-integer power
  // an odd integer c keeps x's sign (every float32 from 2^24 on is even)
  else if (Mathf.abs(c) < 16777216 && (<i32>c & 1)) y = v128.or(y, v128.and(v, i32x4.splat(0x80000000)));
  if (i32x4.all_true(ok)) return y;
  if (!i32x4.extract_lane(ok, 0)) y = f32x4.replace_lane(y, 0, powC<f32>(f32x4.extract_lane(v, 0), c));
  if (!i32x4.extract_lane(ok, 1)) y = f32x4.replace_lane(y, 1, powC<f32>(f32x4.extract_lane(v, 1), c));
  if (!i32x4.extract_lane(ok, 2)) y = f32x4.replace_lane(y, 2, powC<f32>(f32x4.extract_lane(v, 2), c));
  if (!i32x4.extract_lane(ok, 3)) y = f32x4.replace_lane(y, 3, powC<f32>(f32x4.extract_lane(v, 3), c));
  return y;
}

// ---- the BCE losses' logarithms ----

/** ln x of four float32 lanes, rounded once; ln ±0 = −inf, ln(x < 0) = NaN, ln inf = inf, NaN stays NaN. */
export function logWideV(v: v128): v128 {
  const y = join(logW(lo(v)), logW(hi(v)));
  const edge = sel(f32x4.eq(v, f32x4.splat(0)), f32x4.splat(-Infinity), v128.or(v, f32x4.splat(NaN)));
  return sel(v128.and(f32x4.gt(v, f32x4.splat(0)), f32x4.lt(v, f32x4.splat(Infinity))), y, sel(f32x4.eq(v, f32x4.splat(Infinity)), v, edge));
}

/** ln(1 + e^−|x|) of four float32 lanes in float64, rounded once (log_sigmoid's term); NaN for NaN. */
export function log1pExpNegAbsV(v: v128): v128 {
  const y = join(log1pFinite(expW(f64x2.neg(f64x2.abs(lo(v))))), log1pFinite(expW(f64x2.neg(f64x2.abs(hi(v))))));
  return sel(f32x4.eq(v, v), y, v);
}
