// The regularized incomplete gamma functions P(a, x) (igamma) and Q(a, x) = 1 − P (igammac), as
// ATen's calc_igamma / calc_igammac (SciPy's gammainc: Cephes' power series and continued
// fraction, Temme's uniform expansion for large a near x, Boost's Lanczos sum for xᵃe⁻ˣ/Γ(a)),
// step by step in the element type T: PyTorch's float kernel computes in float with float's
// tolerances, and where C++ promotes a float step to double (a double literal in it) so does
// this. src/js/kernels/igamma.ts is the same computation.

import { lgamma, erfc } from './scalar_math';
import { IGAMMA_D } from './igamma_coeffs.generated';

// @ts-ignore: decorator
@inline function eps<T>(): T { return sizeof<T>() == 4 ? <T>5.9604644775390625e-8 : <T>1.11022302462515654042e-16; }
// @ts-ignore: decorator
@inline function ln<T>(x: T): T { return <T>Math.log(<f64>x); }
// @ts-ignore: decorator
@inline function ex<T>(x: T): T { return <T>Math.exp(<f64>x); }
// @ts-ignore: decorator
@inline function lg<T>(x: T): T { return <T>lgamma(<f64>x); }

const LANCZOS_G: f64 = 6.024680040776729583740234375;
// Boost's lanczos13m53 sum, scaled by e^−g, as a ratio of degree-12 polynomials (highest first)
const LANCZOS_NUM: StaticArray<f64> = [
  0.006061842346248906525783753964555936883222, 0.5098416655656676188125178644804694509993,
  19.51992788247617482847860966235652136208, 449.9445569063168119446858607650988409623,
  6955.999602515376140356310115515198987526, 75999.29304014542649875303443598909137092,
  601859.6171681098786670226533699352302507, 3481712.15498064590882071018964774556468,
  14605578.08768506808414169982791359218571, 43338889.32467613834773723740590533316085,
  86363131.28813859145546927288977868422342, 103794043.1163445451906271053616070238554,
  56906521.91347156388090791033559122686859];
const LANCZOS_DEN: StaticArray<f64> = [1, 66, 1925, 32670, 357423, 2637558, 13339535, 45995730, 105258076,
  150917976, 120543840, 39916800, 0];

// the ratio in 1/x beyond |x| = 1, as ATen's ratevl, so large a does not overflow
function lanczosSum<T>(x: T): T {
  const big = abs<T>(x) > <T>1, y: T = big ? <T>1 / x : x;
  let num: T = 0, den: T = 0;
  for (let i = 0; i < 13; i++) {
    const j = big ? 12 - i : i;
    num = i == 0 ? <T>unchecked(LANCZOS_NUM[j]) : num * y + <T>unchecked(LANCZOS_NUM[j]);
    den = i == 0 ? <T>unchecked(LANCZOS_DEN[j]) : den * y + <T>unchecked(LANCZOS_DEN[j]);
  }
  return num / den;
}

// xᵃe⁻ˣ/Γ(a): directly where x is far from a, else through the Lanczos sum to avoid cancellation
function prefactor<T>(a: T, x: T): T {
  if (<f64>abs<T>(a - x) > 0.4 * <f64>abs<T>(a)) {
    const ax: T = a * ln<T>(x) - x - lg<T>(a);
    const maxlog = sizeof<T>() == 4 ? <T>88.72283905206835 : <T>7.09782712893383996843e2;
    return ax < -maxlog ? <T>0 : ex<T>(ax);
  }
  const g = <T>LANCZOS_G;
  const fac: T = (a + g) - <T>0.5;
  let res: T = <T>Math.sqrt(<f64>(fac / <T>2.718281828459045)) / lanczosSum<T>(a);
  if (a < <T>200 && x < <T>200) return res * (ex<T>(a - x) * <T>Math.pow(<f64>(x / fac), <f64>a));
  const numfac: T = (((x - a) - g) + <T>0.5) / fac;
  // (0.5 − g) is a double in ATen, so this exponent is double arithmetic
  const e = <f64>(a * (<T>Math.log1p(<f64>numfac) - numfac)) + <f64>x * (0.5 - <f64>g) / <f64>fac;
  return <T>(<f64>res * Math.exp(e));
}

// P by its power series (DLMF 8.11.4)
function seriesP<T>(a: T, x: T): T {
  const ax = prefactor<T>(a, x);
  if (ax == 0) return 0;
  let r = a, c: T = 1, sum: T = 1;
  for (let i = 0; i < 2000; i++) {
    r += 1;
    c *= x / r;
    sum += c;
    if (c <= eps<T>() * sum) break;
  }
  return sum * ax / a;
}

// Q for small x by DLMF 8.7.3, which does not cancel as 1 − P would
function seriesQ<T>(a: T, x: T): T {
  let fac: T = 1, sum: T = 0;
  for (let n = 1; n < 2000; n++) {
    fac *= -x / <T>n;
    const term = fac / (a + <T>n);
    sum += term;
    if (abs<T>(term) <= eps<T>() * abs<T>(sum)) break;
  }
  const logx = ln<T>(x);
  return -<T>Math.expm1(<f64>(a * logx - lg<T>(<T>1 + a))) - ex<T>(a * logx - lg<T>(a)) * sum;
}

// Temme's uniform expansion for large a near x (DLMF 8.12.3/8.12.4): P (lower) or Q
function asymptotic<T>(a: T, x: T, lower: bool): T {
  const sgn: T = lower ? -1 : 1;
  const lambda = x / a, sigma = (x - a) / a;
  let eta: T = 0;
  if (lambda != <T>1 && lambda == lambda) {
    eta = <T>Math.sqrt(<f64>(<T>-2 * (<T>Math.log1p(<f64>sigma) - sigma)));
    if (lambda < <T>1) eta = -eta;
  }
  const res = <T>(0.5 * <f64><T>erfc(<f64>(sgn * eta * <T>Math.sqrt(<f64>(a / <T>2)))));
  let sum: T = 0, afac: T = 1, absold: T = <T>Infinity;
  for (let k = 0; k < 25; k++) {
    let ck = <T>unchecked(IGAMMA_D[k * 25]), pw: T = 1;
    for (let n = 1; n < 25; n++) {
      pw = eta * pw;
      const term = <T>unchecked(IGAMMA_D[k * 25 + n]) * pw;
      ck += term;
      if (abs<T>(term) < eps<T>() * abs<T>(ck)) break;
    }
    const term = ck * afac, absterm = abs<T>(term);
    if (absterm > absold) break;
    sum += term;
    if (absterm < eps<T>() * abs<T>(sum)) break;
    absold = absterm;
    afac /= a;
  }
  // ATen takes π as a float here, for both element types
  const root = <T>Math.sqrt(<f64>(<T>6.2831854820251465 * a));
  return <T>(<f64>res + <f64>sgn * Math.exp(-0.5 * <f64>a * <f64>eta * <f64>eta) * <f64>sum / <f64>root);
}

// Q by its continued fraction (DLMF 8.9.2), rescaled when the convergents grow
function fractionQ<T>(a: T, x: T): T {
  const ax = prefactor<T>(a, x);
  if (ax == 0) return 0;
  const big = sizeof<T>() == 4 ? <T>16777216 : <T>4.503599627370496e15;
  const biginv = sizeof<T>() == 4 ? <T>5.9604644775390625e-8 : <T>2.22044604925031308085e-16;
  let y: T = <T>1 - a, z: T = x + y + <T>1, c: T = 0;
  let pkm2: T = 1, qkm2 = x, pkm1: T = x + <T>1, qkm1: T = z * x;
  let ans = pkm1 / qkm1;
  for (let i = 0; i < 2000; i++) {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c, pk = pkm1 * z - pkm2 * yc, qk = qkm1 * z - qkm2 * yc;
    let t: T = 1;
    if (qk != 0) {
      const r = pk / qk;
      t = abs<T>((ans - r) / r);
      ans = r;
    }
    pkm2 = pkm1; pkm1 = pk; qkm2 = qkm1; qkm1 = qk;
    if (abs<T>(pk) > big) {
      pkm2 *= biginv; pkm1 *= biginv; qkm2 *= biginv; qkm1 *= biginv;
    }
    if (t <= eps<T>()) break;
  }
  return ans * ax;
}

// a ≈ x with a large: where Temme's expansion takes over from the series
// @ts-ignore: decorator
@inline function nearDiagonal<T>(a: T, x: T): bool {
  const r = abs<T>(x - a) / a;
  return (a > <T>20 && a < <T>200 && r < <T>0.3) || (a > <T>200 && r < <T>4.5 / <T>Math.sqrt(<f64>a));
}

/** Q(a, x) = Γ(a, x)/Γ(a): NaN below 0 and at a = x = 0 or both inf, SciPy's values on the boundary. */
export function igammac<T>(a: T, x: T): T {
  if (x < 0 || a < 0) return <T>NaN;
  if (a == 0) return x > 0 ? <T>0 : <T>NaN;
  if (x == 0) return 1;
  if (abs<T>(a) == <T>Infinity) return abs<T>(x) == <T>Infinity ? <T>NaN : <T>1;
  if (abs<T>(x) == <T>Infinity) return 0;
  if (nearDiagonal<T>(a, x)) return asymptotic<T>(a, x, false);
  const xd = <f64>x, ad = <f64>a;
  const lower = xd > 1.1 ? x < a : xd <= 0.5 ? -0.4 / <f64>ln<T>(x) < ad : xd * 1.1 < ad;
  if (lower) return <T>(1.0 - <f64>seriesP<T>(a, x));
  return xd > 1.1 ? fractionQ<T>(a, x) : seriesQ<T>(a, x);
}

/** P(a, x) = γ(a, x)/Γ(a): NaN below 0 and at a = x = 0 or both inf, SciPy's values on the boundary. */
export function igamma<T>(a: T, x: T): T {
  if (x < 0 || a < 0) return <T>NaN;
  if (a == 0) return x > 0 ? <T>1 : <T>NaN;
  if (x == 0) return 0;
  if (abs<T>(a) == <T>Infinity) return abs<T>(x) == <T>Infinity ? <T>NaN : <T>0;
  if (abs<T>(x) == <T>Infinity) return 1;
  if (nearDiagonal<T>(a, x)) return asymptotic<T>(a, x, true);
  if (x > <T>1 && x > a) return <T>(1.0 - <f64>igammac<T>(a, x));
  return seriesP<T>(a, x);
}
