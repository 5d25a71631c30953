// sin and cos of four float32 lanes, evaluated as two float64 pairs and rounded
// once (as vecmath_wide.ts's functions): within about half an ulp, several
// times faster than the scalar f64 Math.sin / Math.cos per element they replace.
//
// Argument reduction is Cody-Waite in float64: n = round(x·2/π), r = x − n·π/2
// with π/2 in three parts (fdlibm's pio2_1, pio2_2, pio2_2t: the first two
// have 33 significant bits, so n·part is exact for n < 2²⁰, i.e. |x| ≤ 10⁶).
// The float32 x closest to a multiple of π/2 below 10⁶ leaves |r| above 2⁻³⁰,
// where the reduction's error (about 2⁻⁸⁰ absolute) is far below a float32 ulp
// of the result. Lanes beyond 10⁶ (and ±inf, NaN) take the scalar kernel,
// Math.sin / Math.cos of the float64 value, which reduces exactly (Payne-Hanek):
// a large argument gets the same answer on both paths, just slower.
//
// On |r| ≤ π/4 sin and cos are their Taylor series (degree 13 and 14: relative
// error below 3·10⁻¹⁴), then the quadrant n mod 4 picks ±sin r or ±cos r.
// test/vecmath.test.ts checks the results against float64 over the float32
// range, docs/benchmarks.md lists the measured bounds.

import { sel, madd, lo, hi, join } from './vecmath_wide';

enum T { TwoOverPi, Magic, P1, P2, P2t, S13, S11, S9, S7, S5, S3, C14, C12, C10, C8, C6, C4, Half, One }
// one 16-byte row per constant (V8 rebuilds a v128.const at every use inside a loop; vecmath.ts)
const KT = memory.data<f64>([
  0.6366197723675814, 0.6366197723675814, 6755399441055744, 6755399441055744,
  1.57079632673412561417e+00, 1.57079632673412561417e+00, 6.07710050630396597660e-11, 6.07710050630396597660e-11,
  2.02226624879595063154e-21, 2.02226624879595063154e-21,
  // (−1)^k / (2k+1)!, k = 6 … 1
  1.6059043836821613e-10, 1.6059043836821613e-10, -2.505210838544172e-08, -2.505210838544172e-08,
  2.7557319223985893e-06, 2.7557319223985893e-06, -0.0001984126984126984, -0.0001984126984126984,
  0.008333333333333333, 0.008333333333333333, -0.16666666666666666, -0.16666666666666666,
  // (−1)^k / (2k)!, k = 7 … 2
  -1.1470745597729725e-11, -1.1470745597729725e-11, 2.08767569878681e-09, 2.08767569878681e-09,
  -2.755731922398589e-07, -2.755731922398589e-07, 2.48015873015873e-05, 2.48015873015873e-05,
  -0.001388888888888889, -0.001388888888888889, 0.041666666666666664, 0.041666666666666664,
  0.5, 0.5, 1, 1,
], 16);
const KQ = memory.data<u64>([1, 1, 2, 2], 16);
// @ts-ignore: decorator
@inline function kt(c: T): v128 { return v128.load(KT + (<usize>c << 4)); }

/**
 * sin x (quarter = 0) or cos x = sin(x + π/2) (quarter = 1) of a float64 pair, |x| ≤ 10⁶.
 * n sits in the low bits of x·2/π + 1.5·2⁵² (as vecmath_wide.ts's roundN); its
 * bit 0 picks cos r over sin r, bit 1 flips the sign.
 */
// @ts-ignore: decorator
@inline function sinQuarterW(x: v128, quarter: i64): v128 {
  const t = madd(x, kt(T.TwoOverPi), kt(T.Magic));
  const n = f64x2.sub(t, kt(T.Magic));
  const r = f64x2.sub(f64x2.sub(f64x2.sub(x, f64x2.mul(n, kt(T.P1))), f64x2.mul(n, kt(T.P2))), f64x2.mul(n, kt(T.P2t)));
  const z = f64x2.mul(r, r);
  let s = madd(kt(T.S13), z, kt(T.S11));
  s = madd(s, z, kt(T.S9)); s = madd(s, z, kt(T.S7)); s = madd(s, z, kt(T.S5)); s = madd(s, z, kt(T.S3));
  s = madd(f64x2.mul(r, z), s, r);
  let c = madd(kt(T.C14), z, kt(T.C12));
  c = madd(c, z, kt(T.C10)); c = madd(c, z, kt(T.C8)); c = madd(c, z, kt(T.C6)); c = madd(c, z, kt(T.C4));
  c = madd(f64x2.mul(z, z), c, f64x2.sub(kt(T.One), f64x2.mul(z, kt(T.Half))));
  const q = i64x2.add(t, i64x2.splat(quarter));
  const odd = v128.load(KQ);
  const y = sel(i64x2.eq(v128.and(q, odd), odd), c, s);
  return v128.xor(y, i64x2.shl(v128.and(q, v128.load(KQ, 16)), 62));
}

/** The lanes of y where |v| ≤ 10⁶; the others from the scalar f64 function (large, ±inf, NaN). */
// @ts-ignore: decorator
@inline function withLargeLanes(v: v128, y: v128, cos: bool): v128 {
  const near = f32x4.le(f32x4.abs(v), f32x4.splat(1e6));
  if (i32x4.all_true(near)) return y;
  if (!i32x4.extract_lane(near, 0)) y = f32x4.replace_lane(y, 0, big(f32x4.extract_lane(v, 0), cos));
  if (!i32x4.extract_lane(near, 1)) y = f32x4.replace_lane(y, 1, big(f32x4.extract_lane(v, 1), cos));
  if (!i32x4.extract_lane(near, 2)) y = f32x4.replace_lane(y, 2, big(f32x4.extract_lane(v, 2), cos));
  if (!i32x4.extract_lane(near, 3)) y = f32x4.replace_lane(y, 3, big(f32x4.extract_lane(v, 3), cos));
  return y;
}

/** The scalar kernel of the op table (sin(x), cos(x) in f64, rounded once). */
function big(x: f32, cos: bool): f32 { return <f32>(cos ? Math.cos(<f64>x) : Math.sin(<f64>x)); }

// Not inlined (vecmath_wide.ts says why).

/** sin of four float32 lanes; ±0 keep their sign. */
export function sinV(v: v128): v128 {
  const y = join(sinQuarterW(lo(v), 0), sinQuarterW(hi(v), 0));
  return withLargeLanes(v, sel(f32x4.eq(v, f32x4.splat(0)), v, y), false);
}

/** cos of four float32 lanes. */
export function cosV(v: v128): v128 {
  return withLargeLanes(v, join(sinQuarterW(lo(v), 1), sinQuarterW(hi(v), 1)), true);
}
