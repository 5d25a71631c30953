// F.ctc_loss's derivative w.r.t. log_probs (helper ebag): ATen's ctc_loss_backward_cpu_template
// (PyTorch's CtcLossBackward0 is this formula, not autograd through the recursion; no second
// derivative). Per sample: the beta recursion from the last frame back, Σ_s α·β collected per label
// in log space, then grad = (exp(lp) − exp(collected + nll − lp))·g[b] for the sample's frames and 0
// after them; with zero_infinity a sample of infinite loss gets zeros.

import { Err, DType, NoDerivativeOf } from '../../abi/abi';
import { refuseAbove } from './no_derivative';
import { newSameAs, dataOf, dimOf, dtypeOf } from '../tensors';
import { allocZeroed, free } from '../alloc';
import { T, saved, i0, i1, result } from './helpers';
import { primeOf, logAdd3 } from '../ops/ctc_loss';

/** Element (t, b, l) of a (T, N, C) tensor. */
// @ts-ignore: decorator
@inline function at(t: i32, l: i32, n: i32, b: i32, c: i32): i32 { return (t * n + b) * c + l; }

// @ts-ignore: decorator
@inline function logAdd<E>(a: E, b: E): E {
  if (a == <E>-Infinity) return b;
  const m = a > b ? a : b;
  return <E>Math.log(<f64>(<E>Math.exp(<f64>(a - m)) + <E>Math.exp(<f64>(b - m)))) + m;
}

function backward<E>(po: usize, pg: usize, plp: usize, pt: usize, pmeta: usize, pa: usize, pnll: usize, beta: usize, tmax: i32, n: i32, c: i32, w: i32, blank: i32, zeroInf: bool): void {
  const shift = alignof<E>();
  const ninf: E = <E>-Infinity;
  for (let b = 0; b < n; b++) {
    const gr = load<E>(pg + (<usize>b << shift)), nll = load<E>(pnll + (<usize>b << shift));
    const len = load<i32>(pmeta + (<usize>(b * 3) << 2)), tl = load<i32>(pmeta + (<usize>(b * 3 + 1) << 2));
    const off = load<i32>(pmeta + (<usize>(b * 3 + 2) << 2));
    const alpha = pa + (<usize>(b * tmax * w) << shift);
    for (let t = 0; t < tmax; t++) for (let l = 0; l < c; l++) store<E>(po + (<usize>at(t, l, n, b, c) << shift), zeroInf && nll == <E>Infinity || t >= len ? <E>0 : ninf);
    if (zeroInf && nll == <E>Infinity || len == 0) continue;
    for (let k = 0; k < tmax * w; k++) store<E>(beta + (<usize>k << shift), ninf);
    const lastB = beta + (<usize>((len - 1) * w) << shift), lastA = alpha + (<usize>((len - 1) * w) << shift);
    store<E>(lastB + (<usize>(2 * tl) << shift), load<E>(plp + (<usize>at(len - 1, blank, n, b, c) << shift)));
    store<E>(po + (<usize>at(len - 1, blank, n, b, c) << shift), load<E>(lastA + (<usize>(2 * tl) << shift)) + load<E>(lastB + (<usize>(2 * tl) << shift)));
    if (tl > 0) {
      const l = primeOf(pt, off, 2 * tl - 1, blank);
      store<E>(lastB + (<usize>(2 * tl - 1) << shift), load<E>(plp + (<usize>at(len - 1, l, n, b, c) << shift)));
      store<E>(po + (<usize>at(len - 1, l, n, b, c) << shift), load<E>(lastA + (<usize>(2 * tl - 1) << shift)) + load<E>(lastB + (<usize>(2 * tl - 1) << shift)));
    }
    for (let t = len - 2; t >= 0; t--) {
      const next = beta + (<usize>((t + 1) * w) << shift), cur = beta + (<usize>(t * w) << shift), arow = alpha + (<usize>(t * w) << shift);
      for (let s = 2 * tl; s >= 0; s--) {
        const l = primeOf(pt, off, s, blank);
        const lb1 = load<E>(next + (<usize>s << shift));
        const lb2 = s < 2 * tl ? load<E>(next + (<usize>(s + 1) << shift)) : ninf;
        const lb3 = s < 2 * tl - 1 && primeOf(pt, off, s + 2, blank) != l ? load<E>(next + (<usize>(s + 2) << shift)) : ninf;
        const bs = logAdd3<E>(lb1, lb2, lb3) + load<E>(plp + (<usize>at(t, l, n, b, c) << shift));
        store<E>(cur + (<usize>s << shift), bs);
        const p = po + (<usize>at(t, l, n, b, c) << shift);
        store<E>(p, logAdd<E>(load<E>(p), load<E>(arow + (<usize>s << shift)) + bs));
      }
    }
    for (let t = 0; t < len; t++) {
      for (let l = 0; l < c; l++) {
        const p = po + (<usize>at(t, l, n, b, c) << shift), lp = load<E>(plp + (<usize>at(t, l, n, b, c) << shift));
        store<E>(p, (<E>Math.exp(<f64>lp) - <E>Math.exp(<f64>(load<E>(p) + nll - lp))) * gr);
      }
    }
  }
}

export function ctcLossBackward(r: usize, g: i32, k: i32): i32 {
  return refuseAbove(NoDerivativeOf.CtcLoss, ctcGrad(r, g, k), g, saved(r, 0));
}

function ctcGrad(r: usize, g: i32, k: i32): i32 {
  if (k != 0) return Err.Unimplemented;
  const lp = saved(r, 0), alpha = saved(r, 3);
  const tmax = dimOf(lp, 0), n = dimOf(lp, 1), c = dimOf(lp, 2), w = dimOf(alpha, 2);
  const f64 = dtypeOf(lp) == DType.Float64;
  const out = T(newSameAs(lp));
  if (out <= 0) return out < 0 ? out : Err.OutOfMemory;
  const nll = result(r);
  if (nll < 0) return nll;
  const beta = allocZeroed(<usize>max(tmax * w, 1) << (f64 ? 3 : 2));
  if (!beta) return Err.OutOfMemory;
  if (f64) backward<f64>(dataOf(out), dataOf(g), dataOf(lp), dataOf(saved(r, 1)), dataOf(saved(r, 2)), dataOf(alpha), dataOf(nll), beta, tmax, n, c, w, i0(r), i1(r) != 0);
  else backward<f32>(dataOf(out), dataOf(g), dataOf(lp), dataOf(saved(r, 1)), dataOf(saved(r, 2)), dataOf(alpha), dataOf(nll), beta, tmax, n, c, w, i0(r), i1(r) != 0);
  free(beta);
  return out;
}
