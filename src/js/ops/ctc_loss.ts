// F.ctc_loss's per-sample losses and their derivative (helper ebag) on the js device, mirroring
// assembly/ops/ctc_loss.ts and assembly/grad/ctc_loss.ts step for step in the dtype (roundOf):
// ATen's alpha recursion and ctc_loss_backward_cpu_template.

import { Op } from '../../../abi/abi.js';
import { JsTensor, JsRecord, empty, record, roundOf, resultOf } from '../tensor.js';

type Round = (x: number) => number;

/** log(exp(a − m) + exp(b − m) + exp(c − m)) + m in the dtype, m the largest (0 when all are −inf). */
function logAdd3(f: Round, a: number, b: number, c: number): number {
  let m = Math.max(a, b, c);
  if (m === -Infinity) m = 0;
  return f(f(Math.log(f(f(f(Math.exp(f(a - m))) + f(Math.exp(f(b - m)))) + f(Math.exp(f(c - m)))))) + m);
}

function logAdd(f: Round, a: number, b: number): number {
  if (a === -Infinity) return b;
  const m = Math.max(a, b);
  return f(f(Math.log(f(f(Math.exp(f(a - m))) + f(Math.exp(f(b - m)))))) + m);
}

/** meta[b] = (input length, target length, offset of the first label); maxTarget is S. */
export function ctcLoss(logProbs: JsTensor, targets: JsTensor, meta: JsTensor, maxTarget: number, blank: number, zeroInfinity: number): JsTensor {
  const [tmax, n, c] = logProbs.shape, w = 2 * maxTarget + 1, lp = logProbs.data, f = roundOf(logProbs.dtype);
  const out = empty([n], logProbs.dtype), alpha = empty([n, tmax, w], logProbs.dtype), a = alpha.data.fill(-Infinity);
  for (let b = 0; b < n; b++) {
    const len = meta.data[b * 3], tl = meta.data[b * 3 + 1], off = meta.data[b * 3 + 2], base = b * tmax * w;
    const prime = (s: number): number => (s & 1) === 0 ? blank : targets.data[off + (s >> 1)];
    // no frames: the empty target has probability 1, any other 0 (ATen reads before the sample's rows)
    if (len === 0) { out.data[b] = tl === 0 ? 0 : Infinity; continue; }
    a[base] = lp[b * c + blank];
    if (tl > 0) a[base + 1] = lp[b * c + prime(1)];
    for (let t = 1; t < len; t++) {
      const prev = base + (t - 1) * w, cur = base + t * w;
      for (let s = 0; s < 2 * tl + 1; s++) {
        const l = prime(s);
        const la3 = s > 1 && prime(s - 2) !== l ? a[prev + s - 2] : -Infinity;
        a[cur + s] = f(logAdd3(f, a[prev + s], s > 0 ? a[prev + s - 1] : -Infinity, la3) + lp[(t * n + b) * c + l]);
      }
    }
    const last = base + (len - 1) * w;
    out.data[b] = tl === 0 ? -a[last] : -logAdd3(f, a[last + 2 * tl], a[last + 2 * tl - 1], -Infinity);
  }
  const rec = record(Op.CtcLoss, out, [logProbs]);
  if (rec) {
    rec.i0 = blank; rec.i1 = zeroInfinity;
    rec.saved = [logProbs, targets, meta, alpha];
    rec.savesResult = true;
  }
  return out;
}

/** ATen's ctc_loss_backward_cpu_template (see assembly/grad/ctc_loss.ts). */
export function ctcLossBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const logProbs = r.saved[0]!, targets = r.saved[1]!.data, meta = r.saved[2]!.data, a = r.saved[3]!.data;
  const [tmax, n, c] = logProbs.shape, w = r.saved[3]!.shape[2], lp = logProbs.data, f = roundOf(logProbs.dtype);
  const nlls = resultOf(r).data, blank = r.i0, zeroInf = r.i1 !== 0;
  const out = empty(logProbs.shape.slice(), logProbs.dtype), o = out.data, beta = new Float64Array(tmax * w);
  for (let b = 0; b < n; b++) {
    const gr = g.data[b], nll = nlls[b], len = meta[b * 3], tl = meta[b * 3 + 1], off = meta[b * 3 + 2], base = b * tmax * w;
    const prime = (s: number): number => (s & 1) === 0 ? blank : targets[off + (s >> 1)];
    const at = (t: number, l: number): number => (t * n + b) * c + l;
    const dead = zeroInf && nll === Infinity;
    for (let t = 0; t < tmax; t++) for (let l = 0; l < c; l++) o[at(t, l)] = dead || t >= len ? 0 : -Infinity;
    if (dead || len === 0) continue;
    beta.fill(-Infinity);
    const lastB = (len - 1) * w, lastA = base + lastB;
    beta[lastB + 2 * tl] = lp[at(len - 1, blank)];
    o[at(len - 1, blank)] = f(a[lastA + 2 * tl] + beta[lastB + 2 * tl]);
    if (tl > 0) {
      const l = prime(2 * tl - 1);
      beta[lastB + 2 * tl - 1] = lp[at(len - 1, l)];
      o[at(len - 1, l)] = f(a[lastA + 2 * tl - 1] + beta[lastB + 2 * tl - 1]);
    }
    for (let t = len - 2; t >= 0; t--) {
      const next = (t + 1) * w, cur = t * w;
      for (let s = 2 * tl; s >= 0; s--) {
        const l = prime(s);
        const lb3 = s < 2 * tl - 1 && prime(s + 2) !== l ? beta[next + s + 2] : -Infinity;
        const bs = f(logAdd3(f, beta[next + s], s < 2 * tl ? beta[next + s + 1] : -Infinity, lb3) + lp[at(t, l)]);
        beta[cur + s] = bs;
        o[at(t, l)] = logAdd(f, o[at(t, l)], f(a[base + cur + s] + bs));
      }
    }
    for (let t = 0; t < len; t++) {
      for (let l = 0; l < c; l++) {
        const x = lp[at(t, l)];
        o[at(t, l)] = f(f(f(Math.exp(x)) - f(Math.exp(f(f(o[at(t, l)] + nll) - x)))) * gr);
      }
    }
  }
  return out;
}
