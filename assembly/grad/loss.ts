// Derivatives of the fused losses, written with the device's own ops (so
// create_graph records them) in the float steps of PyTorch's backward kernels:
//   mse_loss_backward               norm·(x − t)·g, norm = 2/numel or 2
//   binary_cross_entropy_backward   g·(x − t) / max((1 − x)·x, 1e-12)   [/ numel] (1e-12 a float)
//   binary_cross_entropy_target_backward   −logit(x)·g                 [/ numel]
//   binary_cross_entropy_with_logits_backward  (σ(x) − t)·g            [/ numel]
//   ... its target backward                    −x·g                    [/ numel]
//   nll_loss(2d)_backward           −g (or −g/total_weight) at each target class

import { Op, Err, DType, Reduction } from '../../abi/abi';
import { newTensor, dataOf, numelOf, dimOf, dtypeOf, requiresGrad } from '../tensors';
import { inNdim, inShape, is_grad_enabled } from '../tape';
import { view } from '../ops/shape';
import { SPARE } from '../scratch';
import { binary, unary, scalar } from '../ops/elementwise';
import { nllAt } from '../ops/loss';
import { T, saved, s0, s1, i0, i1, mul, div, neg, log, mulS, divS, addS, un, fused } from './helpers';
import { Fused } from '../generated/kernels.generated';

function sub(a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(Op.Sub, a, b, 1)); }
function rsubS(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.Rsub, a, c, 0, 0)); }
function clampMin(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.Clamp, a, c, Infinity, 0)); }
function sigmoid(a: i32): i32 { return a < 0 ? a : T(unary(Op.Sigmoid, a)); }

/** Mean reductions divide the gradient by the element count (s0). */
function perElement(r: usize, x: i32): i32 {
  return i0(r) == Reduction.Mean ? divS(x, s0(r)) : x;
}

export function mseLossBackward(r: usize, g: i32, k: i32): i32 {
  const norm = i0(r) == Reduction.Mean ? 2 / s0(r) : 2;
  return mul(mulS(sub(saved(r, k), saved(r, 1 - k)), norm), g);
}

/** Times the BCE losses' weight (saved 2, when i1 & 1), before the mean's division, as ATen's grad_input.mul_(weight). */
function weighted(r: usize, x: i32): i32 { return i1(r) & 1 ? mul(x, saved(r, 2)) : x; }

export function bceBackward(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0);
  // ATen's EPSILON is the float 1e-12, in float64 too
  if (k == 0) return perElement(r, weighted(r, div(mul(g, sub(x, saved(r, 1))), clampMin(mul(rsubS(x, 1), x), <f64><f32>1e-12))));
  return perElement(r, weighted(r, mul(neg(log(div(x, rsubS(x, 1)))), g)));
}

/**
 * With pos_weight pw (saved 3, when i1 & 2), PyTorch 2's steps: input ((pw·t + 1) − t)·σ(x) − pw·t,
 * target log_sigmoid(−x) − log_sigmoid(x)·pw, each times g.
 */
export function bceWithLogitsBackward(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0), t = saved(r, 1);
  if (i1(r) & 2) {
    const pw = saved(r, 3);
    if (k == 0) {
      const pt = mul(pw, t);
      return perElement(r, weighted(r, mul(sub(mul(sub(addS(pt, 1), t), sigmoid(x)), pt), g)));
    }
    return perElement(r, weighted(r, mul(sub(un(Op.LogSigmoid, neg(x)), mul(un(Op.LogSigmoid, x), pw)), g)));
  }
  if (k == 0) return perElement(r, weighted(r, mul(sub(sigmoid(x), t), g)));
  return perElement(r, weighted(r, mul(neg(x), g)));
}

// losses 2 (helper losses). smooth_l1_loss_backward and huber_loss_backward are ATen's
// x ≤ −p ? −c : x ≥ p ? c : x·c/p (huber: x·c), d = self − other, that is clamp(d/p, −1, 1) and
// clamp(d, −p, p) with other = target for self's gradient, and self for target's. The clamp is
// hardtanh's, whose derivative is 1 strictly inside (−p, p): PyTorch's double backward of these
// losses masks |d| < p, so create_graph gives 0 at the kinks too
function clamp(a: i32, lo: f64, hi: f64): i32 { return a < 0 ? a : T(scalar(Op.Hardtanh, a, lo, hi, 0)); }

export function smoothL1LossBackward(r: usize, g: i32, k: i32): i32 {
  const beta = s1(r);
  return perElement(r, mul(clamp(divS(sub(saved(r, k), saved(r, 1 - k)), beta), -1, 1), g));
}

export function huberLossBackward(r: usize, g: i32, k: i32): i32 {
  const delta = s1(r);
  return perElement(r, mul(clamp(sub(saved(r, k), saved(r, 1 - k)), -delta, delta), g));
}

/** −t·z/(1 + z)·g, z = exp(−t·x) (ATen's soft_margin_loss_backward); target is saved, no input. */
export function softMarginLossBackward(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0), t = saved(r, 1);
  const z = un(Op.Exp, neg(mul(t, x)));
  return perElement(r, mul(div(mul(neg(t), z), addS(z, 1)), g));
}

/** The gradient is −g (over total_weight for 'mean') at each target class, 0 elsewhere. */
export function nllLossBackward(r: usize, g: i32, k: i32): i32 {
  if (k != 0) return Err.Unimplemented;
  const nd = inNdim(r, 0);
  const f64 = dtypeOf(g) == DType.Float64;
  const out = T(newTensor(nd, inShape(r, 0), f64 ? DType.Float64 : DType.Float32));
  if (out < 0) return out;
  const po = dataOf(out);
  memory.fill(po, 0, <usize>numelOf(out) << (f64 ? 3 : 2));
  const target = saved(r, 0), pt = dataOf(target), pg = dataOf(g);
  // (C,), (N, C) or nll_loss2d's (N, C, H, W): items b·ns + s
  const nb = nd >= 2 ? dimOf(out, 0) : 1;
  const nc = nd >= 2 ? dimOf(out, 1) : dimOf(out, 0);
  const ns = nd == 4 ? dimOf(out, 2) * dimOf(out, 3) : 1;
  const perItem = i0(r) == Reduction.None && nd >= 2;
  const pw = s1(r) != 0 ? dataOf(saved(r, 1)) : 0;
  if (is_grad_enabled() && requiresGrad(g)) {
    // create_graph: the same values from recording ops, w[t] (or 1) at each target times −g
    if (f64) nllWeights<f64>(po, pt, pw, nb * ns, nc, ns, i1(r));
    else nllWeights<f32>(po, pt, pw, nb * ns, nc, ns, i1(r));
    // where w[t] is 0 (ignored items, other classes) the kernel writes nothing: exact zeros even
    // against an infinite −g/total_weight (every target ignored), hence the mask
    if (!perItem) return fused(Fused.NonzeroMask, mul(out, neg(i0(r) == Reduction.Mean ? divS(g, s0(r)) : g)), out, 0, 0, 0);
    // g per item, (N) or (N, H, W), as (N, 1) or (N, 1, H, W)
    store<i32>(SPARE, nb);
    store<i32>(SPARE, 1, 4);
    for (let d = 2; d < nd; d++) store<i32>(SPARE + (<usize>d << 2), dimOf(out, d));
    return fused(Fused.NonzeroMask, mul(out, neg(T(view(Op.Unsqueeze, g, nd, SPARE)))), out, 0, 0, 0);
  }
  if (f64) nllScatter<f64>(po, pt, pw, pg, nb * ns, nc, ns, perItem, i0(r) == Reduction.Mean, s0(r), i1(r));
  else nllScatter<f32>(po, pt, pw, pg, nb * ns, nc, ns, perItem, i0(r) == Reduction.Mean, s0(r), i1(r));
  return out;
}

/** w[t] (1 without weights) at each item's target class, 0 at ignored items. */
function nllWeights<E>(po: usize, pt: usize, pw: usize, items: i32, nc: i32, ns: i32, ignore: i32): void {
  const shift = alignof<E>();
  for (let i = 0; i < items; i++) {
    const t = load<i32>(pt + (<usize>i << 2));
    if (t != ignore) store<E>(po + (<usize>nllAt(i, t, nc, ns) << shift), pw ? load<E>(pw + (<usize>t << shift)) : <E>1);
  }
}

/** ATen's nll_loss(2d)_backward_out_frame: −w[t]·g[i] per item, else w[t]·−(g / total weight or g); w = 1 without weights. */
function nllScatter<E>(po: usize, pt: usize, pw: usize, pg: usize, items: i32, nc: i32, ns: i32, perItem: bool, mean: bool, total: f64, ignore: i32): void {
  const shift = alignof<E>();
  const g0 = load<E>(pg);
  const scaled: E = -(mean ? g0 / <E>total : g0);
  for (let i = 0; i < items; i++) {
    const t = load<i32>(pt + (<usize>i << 2));
    if (t == ignore) continue;
    const w: E = pw ? load<E>(pw + (<usize>t << shift)) : <E>1;
    const v: E = perItem ? (pw ? -w * load<E>(pg + (<usize>i << shift)) : -load<E>(pg + (<usize>i << shift))) : (pw ? w * scaled : scaled);
    store<E>(po + (<usize>nllAt(i, t, nc, ns) << shift), v);
  }
}
