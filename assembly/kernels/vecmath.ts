// Transcendental functions on four float32 lanes (f32x4), for the elementwise,
// softmax and loss kernels: about ten times faster than the scalar f64
// Math.exp/Math.tanh they replace.
//
// The method is the one of SLEEF and XNNPACK: Cody-Waite range reduction (the
// argument is reduced by a multiple of ln 2 split into a high part with
// trailing zeros, so n·ln2_hi is exact, and a low part), then a polynomial on
// the small remainder, then a scaling by 2^n built from integer bits. The
// polynomial coefficients were fitted for this file (weighted least squares
// refined to near-minimax, rounded to float32) on the stated intervals.
// test/vecmath.test.ts measures the error in ulp against a float64 reference
// over the whole float32 range, and docs/benchmarks.md lists the bounds.
//
// Edge semantics are exact by construction, not left to the polynomial:
// NaN in gives NaN out, exp(-inf) = 0, exp(+inf) = inf, log(0) = -inf,
// log(x < 0) = NaN, log(+inf) = inf, tanh and sigmoid saturate to ±1, 0 and 1.
//
// pmin/pmax (one minps/maxps each) clamp rather than min/max (which V8 must
// wrap in extra instructions for NaN and -0); with x as the first operand a
// NaN x passes through them unchanged.

// The constants, one 16-byte row each (the value in all four lanes). V8 builds
// a v128.const with three instructions (movq, vmovq, vpunpcklqdq) at every use
// inside a loop; a load from this table is one, which made exp 25% faster.
enum F { ExpMin, ExpMax, Log2e, Magic, Ln2Hi, Ln2Lo, E6, E5, E4, E3, Half, One, Two, MinNormal, Two23, L3, L2, L1, Inf, NaN, T6, T5, T4, T3, T2, T1, TanhSmall }
const KF = memory.data<f32>([
  -110, -110, -110, -110, // ExpMin
  90, 90, 90, 90, // ExpMax
  1.44269502, 1.44269502, 1.44269502, 1.44269502, // Log2e
  12582912, 12582912, 12582912, 12582912, // Magic
  0.693145751953125, 0.693145751953125, 0.693145751953125, 0.693145751953125, // Ln2Hi
  1.42860677e-6, 1.42860677e-6, 1.42860677e-6, 1.42860677e-6, // Ln2Lo
  1.395171974e-3, 1.395171974e-3, 1.395171974e-3, 1.395171974e-3, // E6
  8.369598538e-3, 8.369598538e-3, 8.369598538e-3, 8.369598538e-3, // E5
  4.166618735e-2, 4.166618735e-2, 4.166618735e-2, 4.166618735e-2, // E4
  1.666651219e-1, 1.666651219e-1, 1.666651219e-1, 1.666651219e-1, // E3
  0.5, 0.5, 0.5, 0.5, // Half
  1, 1, 1, 1, // One
  2, 2, 2, 2, // Two
  1.17549435e-38, 1.17549435e-38, 1.17549435e-38, 1.17549435e-38, // MinNormal
  8388608, 8388608, 8388608, 8388608, // Two23
  2.999023497e-1, 2.999023497e-1, 2.999023497e-1, 2.999023497e-1, // L3
  3.997250497e-1, 3.997250497e-1, 3.997250497e-1, 3.997250497e-1, // L2
  6.666682363e-1, 6.666682363e-1, 6.666682363e-1, 6.666682363e-1, // L1
  Infinity, Infinity, Infinity, Infinity, // Inf
  NaN, NaN, NaN, NaN, // NaN
  1.744147274e-3, 1.744147274e-3, 1.744147274e-3, 1.744147274e-3, // T6
  -7.669235580e-3, -7.669235580e-3, -7.669235580e-3, -7.669235580e-3, // T5
  2.145944163e-2, 2.145944163e-2, 2.145944163e-2, 2.145944163e-2, // T4
  -5.389480293e-2, -5.389480293e-2, -5.389480293e-2, -5.389480293e-2, // T3
  1.333272010e-1, 1.333272010e-1, 1.333272010e-1, 1.333272010e-1, // T2
  -3.333331645e-1, -3.333331645e-1, -3.333331645e-1, -3.333331645e-1, // T1
  0.75, 0.75, 0.75, 0.75, // TanhSmall
], 16);
enum I { Bias, MagicBits, SqrtHalfOff, MantMask, SqrtHalfBits, Sub23, Sign }
const KI = memory.data<i32>([
  127, 127, 127, 127, // Bias
  0x4b400000, 0x4b400000, 0x4b400000, 0x4b400000, // MagicBits
  0x004afb0d, 0x004afb0d, 0x004afb0d, 0x004afb0d, // SqrtHalfOff
  0x007fffff, 0x007fffff, 0x007fffff, 0x007fffff, // MantMask
  0x3f3504f3, 0x3f3504f3, 0x3f3504f3, 0x3f3504f3, // SqrtHalfBits
  23, 23, 23, 23, // Sub23
  0x80000000, 0x80000000, 0x80000000, 0x80000000, // Sign
], 16);
// @ts-ignore: decorator
@inline function kf(c: F): v128 { return v128.load(KF + (<usize>c << 4)); }
// @ts-ignore: decorator
@inline function ki(c: I): v128 { return v128.load(KI + (<usize>c << 4)); }

/** A lane-wise select: a where mask is set, else b. */
// @ts-ignore: decorator
@inline function sel(mask: v128, a: v128, b: v128): v128 { return v128.bitselect(a, b, mask); }

/** 2^n for integer lanes n in [-126, 127], from the exponent bits. */
// @ts-ignore: decorator
@inline function pow2i(n: v128): v128 { return i32x4.shl(i32x4.add(n, ki(I.Bias)), 23); }

/**
 * e^x. r = x − n·ln 2 with n = round(x / ln 2), |r| ≤ ln2/2, e^r = 1 + r + r²·q(r).
 * n is rounded by adding 1.5·2^23 (so its integer sits in the low bits of the
 * sum, read without a float→int conversion). 2^n is applied as two factors
 * 2^(n>>1)·2^(n−(n>>1)), each a normal float, so results round correctly into
 * the subnormals and overflow to inf on their own.
 */
// @ts-ignore: decorator
@inline export function expV(x: v128): v128 {
  const xc = f32x4.pmin(f32x4.pmax(x, kf(F.ExpMin)), kf(F.ExpMax));
  const z = f32x4.add(f32x4.mul(xc, kf(F.Log2e)), kf(F.Magic));
  const n = f32x4.sub(z, kf(F.Magic));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(n, kf(F.Ln2Hi))), f32x4.mul(n, kf(F.Ln2Lo)));
  // q(r) ≈ (e^r − 1 − r) / r² on |r| ≤ 0.35
  let q = f32x4.add(f32x4.mul(kf(F.E6), r), kf(F.E5));
  q = f32x4.add(f32x4.mul(q, r), kf(F.E4));
  q = f32x4.add(f32x4.mul(q, r), kf(F.E3));
  q = f32x4.add(f32x4.mul(q, r), kf(F.Half));
  const u = f32x4.add(r, f32x4.mul(f32x4.mul(r, r), q)); // e^r − 1
  const ni = i32x4.sub(z, ki(I.MagicBits));
  const n1 = i32x4.shr_s(ni, 1);
  const s1 = pow2i(n1), s2 = pow2i(i32x4.sub(ni, n1));
  return f32x4.mul(f32x4.add(s1, f32x4.mul(s1, u)), s2);
}

/**
 * ln x. x = m·2^e with m in [√½, √2), f = m − 1 (exact), s = f/(2+f):
 * ln(1+f) = f − f²/2 + s·(f²/2 + R(s²)), R(z) ≈ 2·atanh(s)/s − 2.
 * Subnormal x is scaled by 2^23 first.
 */
// @ts-ignore: decorator
@inline export function logV(x: v128): v128 {
  const tiny = f32x4.lt(x, kf(F.MinNormal));
  const xs = sel(tiny, f32x4.mul(x, kf(F.Two23)), x);
  // adding 1 − √½ to the significand bits carries into the exponent exactly when m ≥ √2
  const k = i32x4.add(xs, ki(I.SqrtHalfOff));
  const e = i32x4.sub(i32x4.sub(i32x4.shr_s(k, 23), ki(I.Bias)), v128.and(tiny, ki(I.Sub23)));
  const m = i32x4.add(v128.and(k, ki(I.MantMask)), ki(I.SqrtHalfBits));
  const f = f32x4.sub(m, kf(F.One));
  const s = f32x4.div(f, f32x4.add(kf(F.Two), f));
  const z = f32x4.mul(s, s);
  let R = f32x4.add(f32x4.mul(kf(F.L3), z), kf(F.L2));
  R = f32x4.mul(f32x4.add(f32x4.mul(R, z), kf(F.L1)), z);
  const hfsq = f32x4.mul(f32x4.mul(kf(F.Half), f), f);
  const ef = f32x4.convert_i32x4_s(e);
  const lo = f32x4.add(f32x4.mul(s, f32x4.add(hfsq, R)), f32x4.mul(ef, kf(F.Ln2Lo)));
  let y = f32x4.sub(f32x4.mul(ef, kf(F.Ln2Hi)), f32x4.sub(f32x4.sub(hfsq, lo), f));
  const inf = kf(F.Inf);
  y = sel(f32x4.eq(x, f32x4.splat(0)), f32x4.neg(inf), y);
  y = sel(f32x4.lt(x, f32x4.splat(0)), kf(F.NaN), y);
  return sel(f32x4.lt(x, inf), y, x); // +inf and NaN are their own logarithm
}

/**
 * 1 / (1 + e^−x), from e = e^−|x| ≤ 1 so nothing overflows: 1/(1+e) for x ≥ 0,
 * e/(1+e) below (accurate down into the subnormals, where 1/(1+e^−x) would
 * give 0). 1 + e and the quotient are formed in f64 and rounded once: in f32
 * their two roundings on top of e's error reached 2.1 ulp (1.7 with the
 * rounding of 1 + e compensated), against 1.4 this way at the same speed.
 */
// @ts-ignore: decorator
@inline export function sigmoidV(x: v128): v128 {
  const e = expV(f32x4.neg(f32x4.abs(x)));
  const num = sel(f32x4.ge(x, f32x4.splat(0)), kf(F.One), e);
  const one = f64x2.splat(1);
  const qlo = f64x2.div(f64x2.promote_low_f32x4(num), f64x2.add(one, f64x2.promote_low_f32x4(e)));
  const qhi = f64x2.div(f64x2.promote_low_f32x4(f32x4.shuffle(num, num, 2, 3, 2, 3)),
    f64x2.add(one, f64x2.promote_low_f32x4(f32x4.shuffle(e, e, 2, 3, 2, 3))));
  return f32x4.shuffle(f32x4.demote_f64x2_zero(qlo), f32x4.demote_f64x2_zero(qhi), 0, 1, 4, 5);
}

/**
 * tanh x: below |x| = 0.75 an odd polynomial x + x·z·P(z), z = x²; above,
 * 1 − 2/(e^(2|x|) + 1), where the subtraction loses nothing (the quotient is
 * below 0.37). The sign is copied back from x, so tanh(−0) = −0.
 */
// @ts-ignore: decorator
@inline export function tanhV(x: v128): v128 {
  const a = f32x4.abs(x);
  const z = f32x4.mul(a, a);
  let p = f32x4.add(f32x4.mul(kf(F.T6), z), kf(F.T5));
  p = f32x4.add(f32x4.mul(p, z), kf(F.T4));
  p = f32x4.add(f32x4.mul(p, z), kf(F.T3));
  p = f32x4.add(f32x4.mul(p, z), kf(F.T2));
  p = f32x4.add(f32x4.mul(p, z), kf(F.T1));
  const small = f32x4.add(a, f32x4.mul(f32x4.mul(a, z), p));
  const t = expV(f32x4.add(a, a));
  const big = f32x4.sub(kf(F.One), f32x4.div(kf(F.Two), f32x4.add(t, kf(F.One))));
  const y = sel(f32x4.lt(a, kf(F.TanhSmall)), small, big);
  return v128.or(y, v128.and(x, ki(I.Sign)));
}

/** The first `rest` (1 to 3) floats at p in lanes 0.., the other lanes 0. */
// @ts-ignore: decorator
@inline export function loadPartial(p: usize, rest: i32): v128 {
  let v = f32x4.replace_lane(f32x4.splat(0), 0, load<f32>(p));
  if (rest > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (rest > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** Stores lanes 0..rest−1 (rest 1 to 3) of v at p. */
// @ts-ignore: decorator
@inline export function storePartial(p: usize, v: v128, rest: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (rest > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (rest > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}
