// Fused losses (js device), mirroring assembly/ops/loss.ts step for step:
// PyTorch's CPU formulas in the input's dtype (every float32 intermediate
// rounded with fround, float64 ones left as they are: roundOf), the reduction
// summed in f64 and rounded once, as sum()/mean() do.

import { Op, Reduction } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';

type Round = (x: number) => number;
type Pointwise = (x: number, t: number, f: Round, p: number) => number;

const kernels: Partial<Record<Op, Pointwise>> = {
  [Op.MseLoss]: (x, t, f) => { const d = f(x - t); return f(d * d); },
  // (t − 1)·max(log(1 − x), −100) − t·max(log(x), −100)
  [Op.BinaryCrossEntropy]: (x, t, f) =>
    f(f(f(t - 1) * Math.max(f(Math.log(f(1 - x))), -100)) - f(t * Math.max(f(Math.log(x)), -100))),
  // PyTorch 2's (1 − t)·x − log_sigmoid(x), log_sigmoid(x) = min(x, 0) − log1p(e^−|x|)
  [Op.BinaryCrossEntropyWithLogits]: (x, t, f) =>
    f(f(f(1 - t) * x) - f((x < 0 ? x : 0) - f(Math.log1p(f(Math.exp(-Math.abs(x))))))),
  // losses 2 (helper losses), p = beta or delta in the input's dtype
  // z < beta ? 0.5·z²/beta : z − 0.5·beta, z = |x − t|
  [Op.SmoothL1Loss]: (x, t, f, p) => { const z = Math.abs(f(x - t)); return z < p ? f(f(f(0.5 * z) * z) / p) : f(z - f(0.5 * p)); },
  // z < delta ? 0.5·z² : delta·(z − 0.5·delta)
  [Op.HuberLoss]: (x, t, f, p) => { const z = Math.abs(f(x - t)); return z < p ? f(f(0.5 * z) * z) : f(p * f(z - f(0.5 * p))); },
  // log1p(exp(−x·t))
  [Op.SoftMarginLoss]: (x, t, f) => f(Math.log1p(f(Math.exp(f(-x * t))))),
};

/** binary_cross_entropy_with_logits with pos_weight pw, PyTorch 2's (1 − t)·x − log_sigmoid(x)·((pw − 1)·t + 1). */
const bceLogitsPosWeight = (x: number, t: number, pw: number, f: Round): number =>
  f(f(f(1 - t) * x) - f(f((x < 0 ? x : 0) - f(Math.log1p(f(Math.exp(-Math.abs(x)))))) * f(f(f(pw - 1) * t) + 1)));

/**
 * weight (or null): the BCE losses' elementwise weight, of input's shape, applied before the reduction;
 * posWeight (or null): binary_cross_entropy_with_logits's pos_weight, of input's shape.
 */
function pointwise(op: Op, input: JsTensor, target: JsTensor, reduction: number, param = 0, weight: JsTensor | null = null,
  posWeight: JsTensor | null = null): JsTensor {
  const k = kernels[op]!;
  const x = input.data, t = target.data, n = x.length, f = roundOf(input.dtype), p = f(param);
  const elems = empty(input.shape.slice(), input.dtype);
  const e = elems.data;
  if (posWeight) for (let i = 0; i < n; i++) e[i] = bceLogitsPosWeight(x[i], t[i], posWeight.data[i], f);
  else for (let i = 0; i < n; i++) e[i] = k(x[i], t[i], f, p);
  if (weight) for (let i = 0; i < n; i++) e[i] = f(e[i] * weight.data[i]);
  let out = elems;
  if (reduction !== Reduction.None) {
    let s = 0;
    for (let i = 0; i < n; i++) s += e[i];
    out = empty([], input.dtype);
    out.data[0] = reduction === Reduction.Mean ? s / n : s;
  }
  // soft_margin_loss's target is no input of its node (PyTorch: not differentiable), only saved
  const r = record(op, out, op === Op.SoftMarginLoss ? [input] : [input, target]);
  // i1 says which of weight (saved 2) and pos_weight (saved 3) the record keeps
  if (r) { r.s0 = n; r.s1 = param; r.i0 = reduction; r.i1 = (weight ? 1 : 0) | (posWeight ? 2 : 0); r.saved = [input, target, weight, posWeight]; }
  return out;
}

export const mseLoss = (i: JsTensor, t: JsTensor, red: number): JsTensor => pointwise(Op.MseLoss, i, t, red);
export const binaryCrossEntropy = (i: JsTensor, t: JsTensor, red: number, w: JsTensor | null = null): JsTensor =>
  pointwise(Op.BinaryCrossEntropy, i, t, red, 0, w);
/** Whether every element lies in [0, 1] (a NaN does not): binary_cross_entropy's check. */
export function allProbabilities(input: JsTensor): boolean {
  const x = input.data;
  for (let i = 0; i < x.length; i++) { const v = x[i]; if (!(v >= 0 && v <= 1)) return false; }
  return true;
}
export const binaryCrossEntropyWithLogits = (i: JsTensor, t: JsTensor, red: number, w: JsTensor | null = null,
  pw: JsTensor | null = null): JsTensor => pointwise(Op.BinaryCrossEntropyWithLogits, i, t, red, 0, w, pw);
/** losses 2 (helper losses): Op.SmoothL1Loss (p = beta > 0), Op.HuberLoss (p = delta), Op.SoftMarginLoss. */
export const pointwiseLoss = (op: Op, i: JsTensor, t: JsTensor, red: number, p: number): JsTensor => pointwise(op, i, t, red, p);

/** The input position of item i's target class t: (b·C + t)·ns + s, i = b·ns + s (ns spatial positions per batch entry). */
export function nllAt(i: number, t: number, nc: number, ns: number): number {
  if (ns === 1) return i * nc + t;
  const b = Math.floor(i / ns);
  return (b * nc + t) * ns + (i - b * ns);
}

/**
 * nll_loss with int64 class targets; input (N, C) or (C,) (node NllLoss), or (N, C, H, W) with
 * target (N, H, W) (nll_loss2d, node NllLoss2d). Reduced forms sum with PyTorch's cascade of
 * partial sums in the input's dtype (see assembly/ops/loss.ts).
 */
export function nllLoss(input: JsTensor, target: JsTensor, reduction: number, ignoreIndex: number, weight: JsTensor | null = null): JsTensor {
  const nd = input.shape.length, batched = nd >= 2;
  const nc = batched ? input.shape[1] : input.shape[0];
  const ns = nd === 4 ? input.shape[2] * input.shape[3] : 1;
  const items = target.data.length;
  const x = input.data, t = target.data, w = weight?.data ?? null, dtype = input.dtype, f = roundOf(dtype);
  let out: JsTensor;
  let counted = 0, totalWeight = 0;
  if (reduction === Reduction.None && batched) {
    out = empty(target.shape.slice(), dtype);
    for (let b = 0; b < items; b++) {
      if (t[b] === ignoreIndex) continue;
      counted++;
      const xi = x[nllAt(b, t[b], nc, ns)];
      out.data[b] = w ? f(-xi * w[t[b]]) : -xi;
    }
    totalWeight = counted;
  } else {
    out = empty([], dtype);
    const levels = empty([8], dtype).data, wlevels = empty([8], dtype).data;
    for (let b = 0; b < items; b++) {
      if (t[b] === ignoreIndex) continue;
      counted++;
      const xi = x[nllAt(b, t[b], nc, ns)];
      if (w) {
        levels[0] -= f(xi * w[t[b]]);
        wlevels[0] += w[t[b]];
      } else {
        levels[0] -= xi;
      }
      for (let j = 0; j + 1 < 8; j++) {
        if (b & (0xf << (j * 4))) break;
        levels[j + 1] += levels[j];
        wlevels[j + 1] += wlevels[j];
        levels[j] = 0;
        wlevels[j] = 0;
      }
    }
    let total = 0, weights = 0;
    for (let j = 0; j < 8; j++) {
      total = f(total + levels[j]);
      weights = f(weights + wlevels[j]);
    }
    totalWeight = w ? weights : f(counted);
    out.data[0] = reduction === Reduction.Mean ? total / totalWeight : total;
  }
  const r = record(nd === 4 ? Op.NllLoss2d : Op.NllLoss, out, [input, target]);
  if (r) { r.s0 = totalWeight; r.s1 = w ? 1 : 0; r.i0 = reduction; r.i1 = ignoreIndex; r.saved = weight ? [target, weight] : [target]; }
  return out;
}
