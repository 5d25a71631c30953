// The regularized incomplete gamma functions P(a, x) (igamma) and Q(a, x) = 1 − P (igammac), as
// ATen's calc_igamma / calc_igammac (SciPy's gammainc: Cephes' power series and continued
// fraction, Temme's uniform expansion for large a near x, Boost's Lanczos sum for xᵃe⁻ˣ/Γ(a)).
// The same computation as assembly/kernels/igamma.ts: `r` rounds every step to float32 (PyTorch's
// float kernel computes in float with float's tolerances) or not at all; where C++ promotes a
// float step to double (a double literal in it), the step is left unrounded.

import { lgamma, erfc } from './scalar_math.js';
import { IGAMMA_D } from './igamma_coeffs.generated.js';

type Round = (v: number) => number;
const same: Round = (v) => v;

const LANCZOS_G = 6.024680040776729583740234375;
/** Boost's lanczos13m53 sum, scaled by e^−g, as a ratio of degree-12 polynomials (highest first). */
const LANCZOS_NUM = [
  0.006061842346248906525783753964555936883222, 0.5098416655656676188125178644804694509993,
  19.51992788247617482847860966235652136208, 449.9445569063168119446858607650988409623,
  6955.999602515376140356310115515198987526, 75999.29304014542649875303443598909137092,
  601859.6171681098786670226533699352302507, 3481712.15498064590882071018964774556468,
  14605578.08768506808414169982791359218571, 43338889.32467613834773723740590533316085,
  86363131.28813859145546927288977868422342, 103794043.1163445451906271053616070238554,
  56906521.91347156388090791033559122686859];
const LANCZOS_DEN = [1, 66, 1925, 32670, 357423, 2637558, 13339535, 45995730, 105258076, 150917976, 120543840, 39916800, 0];

class Igamma {
  readonly eps: number;
  constructor(readonly r: Round, f32: boolean) { this.eps = f32 ? 5.9604644775390625e-8 : 1.11022302462515654042e-16; }

  /** The ratio in 1/x beyond |x| = 1, as ATen's ratevl, so large a does not overflow. */
  lanczosSum(x: number): number {
    const { r } = this, big = Math.abs(x) > 1, y = big ? r(1 / x) : x;
    let num = 0, den = 0;
    for (let i = 0; i < 13; i++) {
      const j = big ? 12 - i : i;
      num = i === 0 ? r(LANCZOS_NUM[j]) : r(r(num * y) + r(LANCZOS_NUM[j]));
      den = i === 0 ? LANCZOS_DEN[j] : r(r(den * y) + LANCZOS_DEN[j]);
    }
    return r(num / den);
  }

  /** xᵃe⁻ˣ/Γ(a): directly where x is far from a, else through the Lanczos sum to avoid cancellation. */
  prefactor(a: number, x: number): number {
    const { r } = this;
    if (Math.abs(r(a - x)) > 0.4 * Math.abs(a)) {
      const ax = r(r(r(a * r(Math.log(x))) - x) - r(lgamma(a)));
      const maxlog = r === same ? 7.09782712893383996843e2 : r(88.72283905206835);
      return ax < -maxlog ? 0 : r(Math.exp(ax));
    }
    const g = r(LANCZOS_G);
    const fac = r(r(a + g) - 0.5);
    const res = r(r(Math.sqrt(r(fac / r(2.718281828459045)))) / this.lanczosSum(a));
    if (a < 200 && x < 200) return r(res * r(r(Math.exp(r(a - x))) * r(Math.pow(r(x / fac), a))));
    const numfac = r(r(r(r(x - a) - g) + 0.5) / fac);
    // (0.5 − g) is a double in ATen, so this exponent is double arithmetic
    const e = r(a * r(r(Math.log1p(numfac)) - numfac)) + x * (0.5 - g) / fac;
    return r(res * Math.exp(e));
  }

  /** P by its power series (DLMF 8.11.4). */
  seriesP(a: number, x: number): number {
    const { r } = this, ax = this.prefactor(a, x);
    if (ax === 0) return 0;
    let q = a, c = 1, sum = 1;
    for (let i = 0; i < 2000; i++) {
      q = r(q + 1);
      c = r(c * r(x / q));
      sum = r(sum + c);
      if (c <= r(this.eps * sum)) break;
    }
    return r(r(sum * ax) / a);
  }

  /** Q for small x by DLMF 8.7.3, which does not cancel as 1 − P would. */
  seriesQ(a: number, x: number): number {
    const { r } = this;
    let fac = 1, sum = 0;
    for (let n = 1; n < 2000; n++) {
      fac = r(fac * r(-x / n));
      const term = r(fac / r(a + n));
      sum = r(sum + term);
      if (Math.abs(term) <= r(this.eps * Math.abs(sum))) break;
    }
    const logx = r(Math.log(x));
    const head = -r(Math.expm1(r(r(a * logx) - r(lgamma(r(1 + a))))));
    return r(head - r(r(Math.exp(r(r(a * logx) - r(lgamma(a))))) * sum));
  }

  /** Temme's uniform expansion for large a near x (DLMF 8.12.3/8.12.4): P (lower) or Q. */
  asymptotic(a: number, x: number, lower: boolean): number {
    const { r } = this, sgn = lower ? -1 : 1;
    const lambda = r(x / a), sigma = r(r(x - a) / a);
    let eta = 0;
    if (lambda !== 1 && lambda === lambda) {
      eta = r(Math.sqrt(r(-2 * r(r(Math.log1p(sigma)) - sigma))));
      if (lambda < 1) eta = -eta;
    }
    const res = r(0.5 * r(erfc(r(r(sgn * eta) * r(Math.sqrt(r(a / 2)))))));
    let sum = 0, afac = 1, absold = Infinity;
    for (let k = 0; k < 25; k++) {
      let ck = r(IGAMMA_D[k * 25]), pw = 1;
      for (let n = 1; n < 25; n++) {
        pw = r(eta * pw);
        const term = r(r(IGAMMA_D[k * 25 + n]) * pw);
        ck = r(ck + term);
        if (Math.abs(term) < r(this.eps * Math.abs(ck))) break;
      }
      const term = r(ck * afac), absterm = Math.abs(term);
      if (absterm > absold) break;
      sum = r(sum + term);
      if (absterm < r(this.eps * Math.abs(sum))) break;
      absold = absterm;
      afac = r(afac / a);
    }
    // ATen takes π as a float here, for both element types
    const root = r(Math.sqrt(r(6.2831854820251465 * a)));
    return r(res + sgn * Math.exp(-0.5 * a * eta * eta) * sum / root);
  }

  /** Q by its continued fraction (DLMF 8.9.2), rescaled when the convergents grow. */
  fractionQ(a: number, x: number): number {
    const { r } = this, ax = this.prefactor(a, x);
    if (ax === 0) return 0;
    const f32 = r !== same, big = f32 ? 16777216 : 4.503599627370496e15;
    const biginv = f32 ? 5.9604644775390625e-8 : 2.22044604925031308085e-16;
    let y = r(1 - a), z = r(r(x + y) + 1), c = 0;
    let pkm2 = 1, qkm2 = x, pkm1 = r(x + 1), qkm1 = r(z * x);
    let ans = r(pkm1 / qkm1);
    for (let i = 0; i < 2000; i++) {
      c = r(c + 1);
      y = r(y + 1);
      z = r(z + 2);
      const yc = r(y * c), pk = r(r(pkm1 * z) - r(pkm2 * yc)), qk = r(r(qkm1 * z) - r(qkm2 * yc));
      let t = 1;
      if (qk !== 0) {
        const q = r(pk / qk);
        t = Math.abs(r(r(ans - q) / q));
        ans = q;
      }
      pkm2 = pkm1; pkm1 = pk; qkm2 = qkm1; qkm1 = qk;
      if (Math.abs(pk) > big) {
        pkm2 = r(pkm2 * biginv); pkm1 = r(pkm1 * biginv); qkm2 = r(qkm2 * biginv); qkm1 = r(qkm1 * biginv);
      }
      if (t <= this.eps) break;
    }
    return r(ans * ax);
  }

  /** a ≈ x with a large: where Temme's expansion takes over from the series. */
  nearDiagonal(a: number, x: number): boolean {
    const { r } = this, q = r(Math.abs(r(x - a)) / a);
    return (a > 20 && a < 200 && q < r(0.3)) || (a > 200 && q < r(4.5 / r(Math.sqrt(a))));
  }

  upper(a: number, x: number): number {
    if (x < 0 || a < 0) return NaN;
    if (a === 0) return x > 0 ? 0 : NaN;
    if (x === 0) return 1;
    if (Math.abs(a) === Infinity) return Math.abs(x) === Infinity ? NaN : 1;
    if (Math.abs(x) === Infinity) return 0;
    if (this.nearDiagonal(a, x)) return this.asymptotic(a, x, false);
    const lower = x > 1.1 ? x < a : x <= 0.5 ? -0.4 / this.r(Math.log(x)) < a : x * 1.1 < a;
    if (lower) return this.r(1 - this.seriesP(a, x));
    return x > 1.1 ? this.fractionQ(a, x) : this.seriesQ(a, x);
  }

  lower(a: number, x: number): number {
    if (x < 0 || a < 0) return NaN;
    if (a === 0) return x > 0 ? 1 : NaN;
    if (x === 0) return 0;
    if (Math.abs(a) === Infinity) return Math.abs(x) === Infinity ? NaN : 0;
    if (Math.abs(x) === Infinity) return 1;
    if (this.nearDiagonal(a, x)) return this.asymptotic(a, x, true);
    if (x > 1 && x > a) return this.r(1 - this.upper(a, x));
    return this.seriesP(a, x);
  }
}

const F32 = new Igamma(Math.fround, true), F64 = new Igamma(same, false);
/** P(a, x) = γ(a, x)/Γ(a) in float32 steps: NaN below 0 and at a = x = 0 or both inf. */
export const igamma = (a: number, x: number): number => F32.lower(a, x);
/** P(a, x) in float64. */
export const igamma64 = (a: number, x: number): number => F64.lower(a, x);
/** Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x) in float32 steps. */
export const igammac = (a: number, x: number): number => F32.upper(a, x);
/** Q(a, x) in float64. */
export const igammac64 = (a: number, x: number): number => F64.upper(a, x);
