// Fused losses of the wasm device: one pass computes the elementwise loss,
// then the reduction (Reduction: 0 none, 1 mean, 2 sum) uses the same f64
// summation as sum()/mean(). Each formula follows PyTorch's CPU kernel step by
// step in f32 (aten/src/ATen/native/Loss.cpp, LossNLL.cpp). The front end has
// checked shapes, dtypes and value ranges; input and target have the same
// shape here (mse_loss targets were expanded by the front end).

import { Op, Err, DType, Reduction } from '../../abi/abi';
import { newTensorN, newTensor, release, dataOf, numelOf, ndimOf, dimOf, shapePtr } from '../tensors';
import { shouldRecord1, shouldRecord2, newRecord, setInput, save, setParams } from '../tape';
import { SHAPE } from '../scratch';
import { sumAll } from '../kernels/reduce';

// @ts-ignore: decorator
@inline function logf(x: f32): f32 { return <f32>Math.log(<f64>x); }
// @ts-ignore: decorator
@inline function expf(x: f32): f32 { return <f32>Math.exp(<f64>x); }

// @ts-ignore: decorator
@inline function lossScalar(op: i32, x: f32, t: f32): f32 {
  if (op == Op.MseLoss) {
    const d = x - t;
    return d * d;
  }
  if (op == Op.BinaryCrossEntropy) {
    // (t − 1)·max(log(1 − x), −100) − t·max(log(x), −100)
    return (t - 1) * max(logf(<f32>1 - x), <f32>-100) - t * max(logf(x), <f32>-100);
  }
  // with logits, PyTorch 2's (1 − t)·x − log_sigmoid(x), log_sigmoid(x) = min(x, 0) − log1p(e^−|x|)
  // (1.13's m + log(e^−m + e^(−x−m)) loses the loss below ~1e-7, e.g. 0 for x = 20, t = 1)
  const logSigmoid = (x < 0 ? x : <f32>0) - <f32>Math.log1p(<f64>expf(-abs<f32>(x)));
  return (<f32>1 - t) * x - logSigmoid;
}

// @ts-ignore: decorator
@inline function lossRun(op: i32, x: usize, t: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, lossScalar(op, load<f32>(x + o), load<f32>(t + o)));
  }
}

/** The elementwise loss reduced as asked, into a new tensor (not recorded). */
function pointwiseLoss(op: i32, input: i32, target: i32, reduction: i32): i32 {
  const n = numelOf(input);
  const elems = newTensorN(ndimOf(input), shapePtr(input), DType.Float32, n);
  if (!elems) return Err.OutOfMemory;
  const px = dataOf(input), pt = dataOf(target), pe = dataOf(elems);
  switch (op) {
    case Op.MseLoss: lossRun(Op.MseLoss, px, pt, pe, n); break;
    case Op.BinaryCrossEntropy: lossRun(Op.BinaryCrossEntropy, px, pt, pe, n); break;
    case Op.BinaryCrossEntropyWithLogits: lossRun(Op.BinaryCrossEntropyWithLogits, px, pt, pe, n); break;
    default: unreachable();
  }
  if (reduction == Reduction.None) return elems;
  const out = newTensor(0, SHAPE, DType.Float32);
  if (!out) { release(elems); return Err.OutOfMemory; }
  const s = sumAll(pe, n);
  store<f32>(dataOf(out), <f32>(reduction == Reduction.Mean ? s / <f64>n : s));
  release(elems);
  return out;
}

function pointwise(op: i32, input: i32, target: i32, reduction: i32): i32 {
  const out = pointwiseLoss(op, input, target, reduction);
  if (out < 0 || !shouldRecord2(input, target)) return out;
  const r = newRecord(op, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, input);
  setInput(r, 1, target);
  setParams(r, <f64>numelOf(input), 0, reduction, 0);
  save(r, 0, input);
  save(r, 1, target);
  return out;
}

export function mse_loss(input: i32, target: i32, reduction: i32): i32 {
  return pointwise(Op.MseLoss, input, target, reduction);
}
export function binary_cross_entropy(input: i32, target: i32, reduction: i32): i32 {
  return pointwise(Op.BinaryCrossEntropy, input, target, reduction);
}
export function binary_cross_entropy_with_logits(input: i32, target: i32, reduction: i32): i32 {
  return pointwise(Op.BinaryCrossEntropyWithLogits, input, target, reduction);
}

/**
 * nll_loss with int64 class targets; input (N, C) or (C,), target (N,) or ().
 * The reduced forms sum with PyTorch's cascade (LossNLL.cpp nll_loss_out_frame):
 * 8 f32 partial sums, level j+1 absorbing level j every 16^(j+1) items, so
 * the rounding matches PyTorch's, not just the value.
 */
export function nll_loss(input: i32, target: i32, reduction: i32, ignoreIndex: i32): i32 {
  const batched = ndimOf(input) == 2;
  const nb = batched ? dimOf(input, 0) : 1;
  const nc = batched ? dimOf(input, 1) : dimOf(input, 0);
  const px = dataOf(input), pt = dataOf(target);
  let out: i32;
  let counted = 0;
  if (reduction == Reduction.None && batched) {
    store<i32>(SHAPE, nb);
    out = newTensor(1, SHAPE, DType.Float32);
    if (!out) return Err.OutOfMemory;
    const po = dataOf(out);
    for (let b = 0; b < nb; b++) {
      const t = load<i32>(pt + (<usize>b << 2));
      const v: f32 = t == ignoreIndex ? 0 : -load<f32>(px + (<usize>(b * nc + t) << 2));
      store<f32>(po + (<usize>b << 2), v);
      if (t != ignoreIndex) counted++;
    }
  } else {
    out = newTensor(0, SHAPE, DType.Float32);
    if (!out) return Err.OutOfMemory;
    // cascade of partial sums; nb < 2^40, so level_power = max(4, ceil(log2 nb) / 8) = 4
    let l0: f32 = 0, l1: f32 = 0, l2: f32 = 0, l3: f32 = 0, l4: f32 = 0, l5: f32 = 0, l6: f32 = 0, l7: f32 = 0;
    for (let b = 0; b < nb; b++) {
      const t = load<i32>(pt + (<usize>b << 2));
      if (t == ignoreIndex) continue;
      counted++;
      l0 -= load<f32>(px + (<usize>(b * nc + t) << 2));
      if (b & 0xf) continue;
      l1 += l0; l0 = 0;
      if (b & 0xf0) continue;
      l2 += l1; l1 = 0;
      if (b & 0xf00) continue;
      l3 += l2; l2 = 0;
      if (b & 0xf000) continue;
      l4 += l3; l3 = 0;
      if (b & 0xf0000) continue;
      l5 += l4; l4 = 0;
      if (b & 0xf00000) continue;
      l6 += l5; l5 = 0;
      if (b & 0xf000000) continue;
      l7 += l6; l6 = 0;
    }
    let total: f32 = <f32>0 + l0 + l1 + l2 + l3 + l4 + l5 + l6 + l7;
    if (reduction == Reduction.Mean) total /= <f32>counted;
    store<f32>(dataOf(out), total);
  }
  if (!shouldRecord1(input)) return out;
  const r = newRecord(Op.NllLoss, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, input);
  setInput(r, 1, target);
  setParams(r, <f64>counted, 0, reduction, ignoreIndex);
  save(r, 0, target);
  return out;
}
