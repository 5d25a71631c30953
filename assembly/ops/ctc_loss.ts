// F.ctc_loss's per-sample negative log likelihood (helper ebag): ATen's ctc_loss_cpu_template, the
// alpha recursion of Graves et al. (2006) in log space, in the element type T (f32 or f64; exp and
// log in f64, each assignment rounded to T). log_probs is (T, N, C) and contiguous; targets holds
// the labels (int32) with sample b's at meta[b] = (input length, target length, offset of its first
// label); the front end has checked lengths, labels and blank. log_alpha (N, T, 2·S + 1, S the
// longest target) is kept for the derivative.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, dimOf, dtypeOf } from '../tensors';
import { shouldRecord1, newRecord, setInput, save, saveOutput, setParams } from '../tape';
import { SHAPE } from '../scratch';

/** Label s of the blank-augmented target l′ (blanks at even s). */
// @ts-ignore: decorator
@inline export function primeOf(pt: usize, offset: i32, s: i32, blank: i32): i32 {
  return (s & 1) == 0 ? blank : load<i32>(pt + (<usize>(offset + (s >> 1)) << 2));
}

/** log(exp(a − m) + exp(b − m) + exp(c − m)) + m, m the largest (0 when all are −inf): ATen's form. */
// @ts-ignore: decorator
@inline export function logAdd3<T>(a: T, b: T, c: T): T {
  let m = a;
  if (b > m) m = b;
  if (c > m) m = c;
  if (m == <T>-Infinity) m = 0;
  return <T>Math.log(<f64>(<T>(<T>Math.exp(<f64>(a - m)) + <T>Math.exp(<f64>(b - m))) + <T>Math.exp(<f64>(c - m)))) + m;
}

function forward<T>(plp: usize, pt: usize, pmeta: usize, pa: usize, po: usize, tmax: i32, n: i32, c: i32, w: i32, blank: i32): void {
  const shift = alignof<T>();
  const ninf: T = <T>-Infinity;
  for (let k = 0; k < n * tmax * w; k++) store<T>(pa + (<usize>k << shift), ninf);
  for (let b = 0; b < n; b++) {
    const len = load<i32>(pmeta + (<usize>(b * 3) << 2)), tl = load<i32>(pmeta + (<usize>(b * 3 + 1) << 2));
    const off = load<i32>(pmeta + (<usize>(b * 3 + 2) << 2));
    const alpha = pa + (<usize>(b * tmax * w) << shift);
    // no frames: the empty target has probability 1, any other 0 (ATen reads before the sample's rows)
    if (len == 0) { store<T>(po + (<usize>b << shift), tl == 0 ? <T>0 : <T>Infinity); continue; }
    store<T>(alpha, load<T>(plp + (<usize>(b * c + blank) << shift)));
    if (tl > 0) store<T>(alpha + (<usize>1 << shift), load<T>(plp + (<usize>(b * c + primeOf(pt, off, 1, blank)) << shift)));
    for (let t = 1; t < len; t++) {
      const prev = alpha + (<usize>((t - 1) * w) << shift), cur = alpha + (<usize>(t * w) << shift);
      const lp = plp + (<usize>((t * n + b) * c) << shift);
      for (let s = 0; s < 2 * tl + 1; s++) {
        const l = primeOf(pt, off, s, blank);
        const la1 = load<T>(prev + (<usize>s << shift));
        const la2 = s > 0 ? load<T>(prev + (<usize>(s - 1) << shift)) : ninf;
        const la3 = s > 1 && primeOf(pt, off, s - 2, blank) != l ? load<T>(prev + (<usize>(s - 2) << shift)) : ninf;
        store<T>(cur + (<usize>s << shift), logAdd3<T>(la1, la2, la3) + load<T>(lp + (<usize>l << shift)));
      }
    }
    const last = alpha + (<usize>((len - 1) * w) << shift);
    let nll: T;
    if (tl == 0) nll = -load<T>(last);
    else nll = -logAdd3<T>(load<T>(last + (<usize>(2 * tl) << shift)), load<T>(last + (<usize>(2 * tl - 1) << shift)), ninf);
    store<T>(po + (<usize>b << shift), nll);
  }
}

/** The (N) per-sample losses; maxTarget is S, the longest target length. */
export function ctc_loss(logProbs: i32, targets: i32, meta: i32, maxTarget: i32, blank: i32, zeroInfinity: i32): i32 {
  const tmax = dimOf(logProbs, 0), n = dimOf(logProbs, 1), c = dimOf(logProbs, 2), w = 2 * maxTarget + 1;
  const dtype = dtypeOf(logProbs);
  store<i32>(SHAPE, n);
  const out = newTensor(1, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  store<i32>(SHAPE, n);
  store<i32>(SHAPE + 4, tmax);
  store<i32>(SHAPE + 8, w);
  const alpha = newTensor(3, SHAPE, dtype);
  if (!alpha) { release(out); return Err.OutOfMemory; }
  if (dtype == DType.Float64) forward<f64>(dataOf(logProbs), dataOf(targets), dataOf(meta), dataOf(alpha), dataOf(out), tmax, n, c, w, blank);
  else forward<f32>(dataOf(logProbs), dataOf(targets), dataOf(meta), dataOf(alpha), dataOf(out), tmax, n, c, w, blank);
  if (!shouldRecord1(logProbs)) { release(alpha); return out; }
  const r = newRecord(Op.CtcLoss, 1, out);
  if (!r) { release(out); release(alpha); return Err.OutOfMemory; }
  setInput(r, 0, logProbs);
  setParams(r, 0, 0, blank, zeroInfinity);
  save(r, 0, logProbs);
  save(r, 1, targets);
  save(r, 2, meta);
  save(r, 3, alpha);
  release(alpha);
  saveOutput(r);
  return out;
}
