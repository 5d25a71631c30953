// Derivatives of the fused losses (js device), mirroring assembly/grad/loss.ts:
// composed of the device's own ops (so create_graph records them), in the
// float steps of PyTorch's backward kernels.

import { Op, Reduction } from '../../../abi/abi.js';
import { JsTensor, JsRecord, empty, roundOf, isGradEnabled } from '../tensor.js';
import { binary, unary, scalar, view } from '../ops.js';
import { nllAt } from '../ops/loss.js';
import { mul, div, neg, log, mulS, divS, addS, un, saved, fused } from './helpers.js';
import { Fused } from '../generated/kernels.generated.js';

const sub = (a: JsTensor, b: JsTensor): JsTensor => binary(Op.Sub, a, b, 1);
const rsubS = (a: JsTensor, c: number): JsTensor => scalar(Op.Rsub, a, c, 0);
const clampMin = (a: JsTensor, c: number): JsTensor => scalar(Op.Clamp, a, c, Infinity);
const sigmoid = (a: JsTensor): JsTensor => unary(Op.Sigmoid, a);

/** Mean reductions divide the gradient by the element count (s0). */
const perElement = (r: JsRecord, x: JsTensor): JsTensor => (r.i0 === Reduction.Mean ? divS(x, r.s0) : x);

// norm·(x − t)·g, norm = 2/numel or 2
export const mseLossBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  mul(mulS(sub(saved(r, k), saved(r, 1 - k)), r.i0 === Reduction.Mean ? 2 / r.s0 : 2), g);

// input: g·(x − t) / max((1 − x)·x, 1e-12); target: −logit(x)·g
/** Times the BCE losses' weight (saved 2, when i1 & 1), before the mean's division, as ATen's grad_input.mul_(weight). */
const weighted = (r: JsRecord, x: JsTensor): JsTensor => (r.i1 & 1 ? mul(x, saved(r, 2)) : x);

export function bceBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const x = saved(r, 0);
  // ATen's EPSILON is the float 1e-12, in float64 too
  if (k === 0) return perElement(r, weighted(r, div(mul(g, sub(x, saved(r, 1))), clampMin(mul(rsubS(x, 1), x), Math.fround(1e-12)))));
  return perElement(r, weighted(r, mul(neg(log(div(x, rsubS(x, 1)))), g)));
}

// input: (σ(x) − t)·g; target: −x·g; with pos_weight pw (saved 3, when i1 & 2), PyTorch 2's
// input ((pw·t + 1) − t)·σ(x) − pw·t and target log_sigmoid(−x) − log_sigmoid(x)·pw, times g
export function bceWithLogitsBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const x = saved(r, 0), t = saved(r, 1);
  if (r.i1 & 2) {
    const pw = saved(r, 3);
    if (k === 0) {
      const pt = mul(pw, t);
      return perElement(r, weighted(r, mul(sub(mul(sub(addS(pt, 1), t), sigmoid(x)), pt), g)));
    }
    return perElement(r, weighted(r, mul(sub(un(Op.LogSigmoid, neg(x)), mul(un(Op.LogSigmoid, x), pw)), g)));
  }
  if (k === 0) return perElement(r, weighted(r, mul(sub(sigmoid(x), t), g)));
  return perElement(r, weighted(r, mul(neg(x), g)));
}

// losses 2 (helper losses), as assembly/grad/loss.ts: clamp(d/beta, −1, 1)·g and clamp(d, −delta, delta)·g,
// d = self − other (the clamp is hardtanh's: its derivative is 1 strictly inside, as PyTorch's
// double backward); soft margin: −t·z/(1 + z)·g, z = exp(−t·x)
const clamp = (a: JsTensor, lo: number, hi: number): JsTensor => scalar(Op.Hardtanh, a, lo, hi);

export const smoothL1LossBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  perElement(r, mul(clamp(divS(sub(saved(r, k), saved(r, 1 - k)), r.s1), -1, 1), g));

export const huberLossBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  perElement(r, mul(clamp(sub(saved(r, k), saved(r, 1 - k)), -r.s1, r.s1), g));

export function softMarginLossBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const x = saved(r, 0), t = saved(r, 1);
  const z = un(Op.Exp, neg(mul(t, x)));
  return perElement(r, mul(div(mul(neg(t), z), addS(z, 1)), g));
}

/** −g (over total_weight for 'mean') at each target class, 0 elsewhere. */
export function nllLossBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (k !== 0) throw new Error('wasmgrad: nll_loss is not differentiable with respect to target');
  const shape = r.inputs[0].shape;
  const out = empty(shape.slice(), g.dtype), f = roundOf(g.dtype);
  const t = saved(r, 0).data, gd = g.data, o = out.data;
  // (C,), (N, C) or nll_loss2d's (N, C, H, W): items b·ns + s
  const batched = shape.length >= 2;
  const nc = batched ? shape[1] : shape[0], ns = shape.length === 4 ? shape[2] * shape[3] : 1;
  const perItem = r.i0 === Reduction.None && batched;
  const w = r.s1 ? saved(r, 1).data : null;
  if (isGradEnabled() && g.requiresGrad) {
    // create_graph: the same values from recording ops, w[t] (or 1) at each target times −g
    for (let b = 0; b < t.length; b++) if (t[b] !== r.i1) o[nllAt(b, t[b], nc, ns)] = w ? w[t[b]] : 1;
    // where w[t] is 0 (ignored items, other classes) the kernel writes nothing: exact zeros even
    // against an infinite −g/total_weight (every target ignored), hence the mask
    if (!perItem) return fused(Fused.NonzeroMask, mul(out, neg(r.i0 === Reduction.Mean ? divS(g, r.s0) : g)), out, null);
    // g per item, (N) or (N, H, W), as (N, 1) or (N, 1, H, W)
    return fused(Fused.NonzeroMask, mul(out, neg(view(Op.Unsqueeze, g, [shape[0], 1, ...shape.slice(2)]))), out, null);
  }
  const scaled = -(r.i0 === Reduction.Mean ? f(gd[0] / f(r.s0)) : gd[0]);
  for (let b = 0; b < t.length; b++) {
    if (t[b] === r.i1) continue;
    const v = perItem ? (w ? -w[t[b]] * gd[b] : -gd[b]) : (w ? w[t[b]] * scaled : scaled);
    o[nllAt(b, t[b], nc, ns)] = f(v);
  }
  return out;
}
