// Fused losses of the wasm device: one pass computes the elementwise loss,
// then the reduction (Reduction: 0 none, 1 mean, 2 sum) uses the same f64
// summation as sum()/mean(). Each formula follows PyTorch's CPU kernel step by
// step in the element type T (f32 or f64, both operands of one dtype:
// aten/src/ATen/native/Loss.cpp, LossNLL.cpp). The front end has checked
// shapes, dtypes and value ranges; input and target have the same shape and
// dtype here (mse_loss targets were expanded and cast by the front end).

import { Op, Err, DType, Reduction } from '../../abi/abi';
import { newTensorN, newTensor, release, dataOf, numelOf, ndimOf, dimOf, shapePtr, dtypeOf } from '../tensors';
import { shouldRecord1, shouldRecord2, newRecord, setInput, save, setParams } from '../tape';
import { SHAPE } from '../scratch';
import { sumAllOf } from '../kernels/reduce';
import { loadPartial, storePartial } from '../kernels/vecmath';
import { logWideV, log1pExpNegAbsV } from '../kernels/vecmath_wide';

// @ts-ignore: decorator
@inline function logT<T>(x: T): T { return <T>Math.log(<f64>x); }
// @ts-ignore: decorator
@inline function expT<T>(x: T): T { return <T>Math.exp(<f64>x); }

// @ts-ignore: decorator
@inline function lossScalar<T>(op: i32, x: T, t: T, p: T): T {
  if (op == Op.SmoothL1Loss) {
    // z < beta ? 0.5·z²/beta : z − 0.5·beta, z = |x − t| (ATen's smooth_l1_kernel)
    const z = abs<T>(x - t);
    return z < p ? <T>0.5 * z * z / p : z - <T>0.5 * p;
  }
  if (op == Op.HuberLoss) {
    // z < delta ? 0.5·z² : delta·(z − 0.5·delta) (ATen's huber_kernel)
    const z = abs<T>(x - t);
    return z < p ? <T>0.5 * z * z : p * (z - <T>0.5 * p);
  }
  if (op == Op.SoftMarginLoss) return <T>Math.log1p(<f64>expT<T>(-x * t)); // log1p(exp(−x·t))
  if (op == Op.MseLoss) {
    const d = x - t;
    return d * d;
  }
  if (op == Op.BinaryCrossEntropy) {
    // (t − 1)·max(log(1 − x), −100) − t·max(log(x), −100)
    return (t - <T>1) * max<T>(logT<T>(<T>1 - x), <T>-100) - t * max<T>(logT<T>(x), <T>-100);
  }
  // with logits, PyTorch 2's (1 − t)·x − log_sigmoid(x), log_sigmoid(x) = min(x, 0) − log1p(e^−|x|)
  // (1.13's m + log(e^−m + e^(−x−m)) loses the loss below ~1e-7, e.g. 0 for x = 20, t = 1)
  const logSigmoid: T = (x < <T>0 ? x : <T>0) - <T>Math.log1p(<f64>expT<T>(-abs<T>(x)));
  return (<T>1 - t) * x - logSigmoid;
}

/**
 * The BCE losses on four float32 lanes: lossScalar's steps, with its logarithms (f64 Math
 * calls rounded to f32) taken on f64x2 pairs and rounded once (vecmath_wide.ts, ≤ 0.5 ulp).
 */
// @ts-ignore: decorator
@inline function lossSimd(op: i32, x: v128, t: v128): v128 {
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  if (op == Op.BinaryCrossEntropy) {
    const floor = f32x4.splat(-100);
    return f32x4.sub(f32x4.mul(f32x4.sub(t, one), f32x4.max(logWideV(f32x4.sub(one, x)), floor)), f32x4.mul(t, f32x4.max(logWideV(x), floor)));
  }
  const logSigmoid = f32x4.sub(v128.bitselect(x, zero, f32x4.lt(x, zero)), log1pExpNegAbsV(x));
  return f32x4.sub(f32x4.mul(f32x4.sub(one, t), x), logSigmoid);
}

// @ts-ignore: decorator
@inline function lossRun<T>(op: i32, x: usize, t: usize, out: usize, n: i32, p: T): void {
  if (sizeof<T>() == 4 && (op == Op.BinaryCrossEntropy || op == Op.BinaryCrossEntropyWithLogits)) {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, lossSimd(op, v128.load(x + o), v128.load(t + o)));
    }
    if (i < n) {
      const o = <usize>i << 2;
      storePartial(out + o, lossSimd(op, loadPartial(x + o, n - i), loadPartial(t + o, n - i)), n - i);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i << alignof<T>();
    store<T>(out + o, lossScalar<T>(op, load<T>(x + o), load<T>(t + o), p));
  }
}

// @ts-ignore: decorator
@inline function lossRunOf<T>(op: i32, x: usize, t: usize, out: usize, n: i32, p: T): void {
  switch (op) {
    case Op.MseLoss: lossRun<T>(Op.MseLoss, x, t, out, n, p); break;
    case Op.BinaryCrossEntropy: lossRun<T>(Op.BinaryCrossEntropy, x, t, out, n, p); break;
    case Op.BinaryCrossEntropyWithLogits: lossRun<T>(Op.BinaryCrossEntropyWithLogits, x, t, out, n, p); break;
    case Op.SmoothL1Loss: lossRun<T>(Op.SmoothL1Loss, x, t, out, n, p); break;
    case Op.HuberLoss: lossRun<T>(Op.HuberLoss, x, t, out, n, p); break;
    case Op.SoftMarginLoss: lossRun<T>(Op.SoftMarginLoss, x, t, out, n, p); break;
    default: unreachable();
  }
}

/**
 * binary_cross_entropy_with_logits with pos_weight pw (of input's shape), PyTorch 2's steps:
 * (1 − t)·x − log_sigmoid(x)·((pw − 1)·t + 1).
 */
// @ts-ignore: decorator
@inline function bceLogitsPosWeight<T>(x: usize, t: usize, pw: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << alignof<T>();
    const xi = load<T>(x + o), ti = load<T>(t + o);
    const logWeight: T = (load<T>(pw + o) - <T>1) * ti + <T>1;
    const logSigmoid: T = (xi < <T>0 ? xi : <T>0) - <T>Math.log1p(<f64>expT<T>(-abs<T>(xi)));
    store<T>(out + o, (<T>1 - ti) * xi - logSigmoid * logWeight);
  }
}

/** The elementwise loss reduced as asked, into a new tensor (not recorded). */
/** weight (0 for none): the BCE losses' elementwise weight, of input's shape, applied before the reduction (ATen's loss.mul_(weight)). */
/** posWeight (0 for none): binary_cross_entropy_with_logits's pos_weight, of input's shape. */
function pointwiseLoss(op: i32, input: i32, target: i32, reduction: i32, p: f64, weight: i32, posWeight: i32): i32 {
  const n = numelOf(input);
  const dtype = dtypeOf(input);
  const f64 = dtype == DType.Float64;
  const elems = newTensorN(ndimOf(input), shapePtr(input), dtype, n);
  if (!elems) return Err.OutOfMemory;
  const px = dataOf(input), pt = dataOf(target), pe = dataOf(elems);
  if (posWeight) {
    if (op != Op.BinaryCrossEntropyWithLogits) unreachable();
    if (f64) bceLogitsPosWeight<f64>(px, pt, dataOf(posWeight), pe, n);
    else bceLogitsPosWeight<f32>(px, pt, dataOf(posWeight), pe, n);
  } else if (f64) lossRunOf<f64>(op, px, pt, pe, n, p);
  else lossRunOf<f32>(op, px, pt, pe, n, <f32>p);
  if (weight) {
    const pw = dataOf(weight);
    if (f64) for (let i = 0; i < n; i++) { const o = <usize>i << 3; store<f64>(pe + o, load<f64>(pe + o) * load<f64>(pw + o)); }
    else for (let i = 0; i < n; i++) { const o = <usize>i << 2; store<f32>(pe + o, load<f32>(pe + o) * load<f32>(pw + o)); }
  }
  if (reduction == Reduction.None) return elems;
  const out = newTensor(0, SHAPE, dtype);
  if (!out) { release(elems); return Err.OutOfMemory; }
  const s = f64 ? sumAllOf<f64>(pe, n) : sumAllOf<f32>(pe, n);
  const v = reduction == Reduction.Mean ? s / <f64>n : s;
  if (f64) store<f64>(dataOf(out), v);
  else store<f32>(dataOf(out), <f32>v);
  release(elems);
  return out;
}

/** The record's i1 says which of weight (saved 2) and pos_weight (saved 3) it keeps. */
const HAS_WEIGHT = 1, HAS_POS_WEIGHT = 2;

function pointwise(op: i32, input: i32, target: i32, reduction: i32, p: f64 = 0, weight: i32 = 0, posWeight: i32 = 0): i32 {
  const out = pointwiseLoss(op, input, target, reduction, p, weight, posWeight);
  // soft_margin_loss's target is no input of its node (PyTorch: not differentiable), only saved
  const inputs = op == Op.SoftMarginLoss ? 1 : 2;
  if (out < 0 || !(inputs == 1 ? shouldRecord1(input) : shouldRecord2(input, target))) return out;
  const r = newRecord(op, inputs, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, input);
  if (inputs == 2) setInput(r, 1, target);
  setParams(r, <f64>numelOf(input), p, reduction, (weight ? HAS_WEIGHT : 0) | (posWeight ? HAS_POS_WEIGHT : 0));
  save(r, 0, input);
  save(r, 1, target);
  if (weight) save(r, 2, weight);
  if (posWeight) save(r, 3, posWeight);
  return out;
}

export function mse_loss(input: i32, target: i32, reduction: i32): i32 {
  return pointwise(Op.MseLoss, input, target, reduction);
}
/**
 * Whether every element of input lies in [0, 1] (a NaN does not): binary_cross_entropy's check (ATen's
 * "all elements of input should be between 0 and 1"), on the device, without copying input to JS.
 */
export function all_probabilities(input: i32): bool {
  const n = numelOf(input), px = dataOf(input);
  if (dtypeOf(input) == DType.Float64) {
    for (let i = 0; i < n; i++) { const v = load<f64>(px + (<usize>i << 3)); if (!(v >= 0 && v <= 1)) return false; }
    return true;
  }
  const zero = f32x4.splat(0), one = f32x4.splat(1);
  let i = 0;
  // a block of 256 at a time: the comparisons' masks ANDed together, one test per block
  while (i + 256 <= n) {
    let ok = i32x4.splat(-1);
    for (const end = i + 256; i < end; i += 4) {
      const v = v128.load(px + (<usize>i << 2));
      ok = v128.and(ok, v128.and(f32x4.ge(v, zero), f32x4.le(v, one)));
    }
    if (!i32x4.all_true(ok)) return false;
  }
  for (; i < n; i++) { const v = load<f32>(px + (<usize>i << 2)); if (!(v >= 0 && v <= 1)) return false; }
  return true;
}

export function binary_cross_entropy(input: i32, target: i32, reduction: i32, weight: i32): i32 {
  return pointwise(Op.BinaryCrossEntropy, input, target, reduction, 0, weight);
}
export function binary_cross_entropy_with_logits(input: i32, target: i32, reduction: i32, weight: i32, posWeight: i32): i32 {
  return pointwise(Op.BinaryCrossEntropyWithLogits, input, target, reduction, 0, weight, posWeight);
}
/** losses 2 (helper losses): smooth_l1_loss (p = beta > 0), huber_loss (p = delta), soft_margin_loss. */
export function pointwise_loss(op: i32, input: i32, target: i32, reduction: i32, p: f64): i32 {
  if (op != Op.SmoothL1Loss && op != Op.HuberLoss && op != Op.SoftMarginLoss) unreachable();
  return pointwise(op, input, target, reduction, p);
}

/**
 * nll_loss with int64 class targets; weight (C) or 0. Input (N, C) or (C,) with target (N,) or ()
 * (node NllLoss), or (N, C, H, W) with target (N, H, W) (nll_loss2d, node NllLoss2d; the front end
 * views other extra dims as (N, C, 1, −1), as ATen's nll_loss_nd).
 * The reduced forms sum with PyTorch's cascade (LossNLL.cpp nll_loss_out_frame, LossNLL2d.cpp):
 * 8 partial sums in the element type, level j+1 absorbing level j every 16^(j+1) items, so
 * the rounding matches PyTorch's, not just the value; the class weights have their own cascade.
 */
export function nll_loss(input: i32, target: i32, reduction: i32, ignoreIndex: i32, weight: i32): i32 {
  const nd = ndimOf(input);
  if (nd != 1 && nd != 2 && nd != 4) unreachable();
  const batched = nd >= 2;
  const nb = batched ? dimOf(input, 0) : 1;
  const nc = batched ? dimOf(input, 1) : dimOf(input, 0);
  const ns = nd == 4 ? dimOf(input, 2) * dimOf(input, 3) : 1;
  const dtype = dtypeOf(input);
  const perItem = reduction == Reduction.None && batched;
  // per item, the loss has the target's shape
  const out = perItem ? newTensor(ndimOf(target), shapePtr(target), dtype) : newTensor(0, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  const pw = weight ? dataOf(weight) : 0;
  const total = dtype == DType.Float64
    ? nllForward<f64>(dataOf(input), dataOf(target), pw, dataOf(out), nb, nc, ns, perItem, reduction, ignoreIndex)
    : nllForward<f32>(dataOf(input), dataOf(target), pw, dataOf(out), nb, nc, ns, perItem, reduction, ignoreIndex);
  if (!shouldRecord1(input)) return out;
  const r = newRecord(nd == 4 ? Op.NllLoss2d : Op.NllLoss, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, input);
  setInput(r, 1, target);
  setParams(r, total, weight ? 1 : 0, reduction, ignoreIndex);
  save(r, 0, target);
  if (weight) save(r, 1, weight);
  return out;
}

/** The input position of item i's target class t: (b·C + t)·ns + s, i = b·ns + s. */
// @ts-ignore: decorator
@inline export function nllAt(i: i32, t: i32, nc: i32, ns: i32): i32 {
  if (ns == 1) return i * nc + t;
  const b = i / ns;
  return (b * nc + t) * ns + (i - b * ns);
}

// the cascade's partial sums: the losses' 8 levels, then the weights' 8 (element type T)
const CASCADE: usize = memory.data(128, 16);

/**
 * nll_loss's values into out (per item, or the reduced scalar); returns the total weight (the count of targets not ignored without weights).
 * Item i = b·ns + s (ns spatial positions per batch entry) reads input[b, t, s].
 */
function nllForward<T>(px: usize, pt: usize, pw: usize, po: usize, nb: i32, nc: i32, ns: i32, perItem: bool, reduction: i32, ignoreIndex: i32): f64 {
  const shift = alignof<T>();
  const items = nb * ns;
  let counted = 0;
  if (perItem) {
    for (let i = 0; i < items; i++) {
      const t = load<i32>(pt + (<usize>i << 2));
      let v: T = 0;
      if (t != ignoreIndex) {
        v = -load<T>(px + (<usize>nllAt(i, t, nc, ns) << shift));
        if (pw) v *= load<T>(pw + (<usize>t << shift));
        counted++;
      }
      store<T>(po + (<usize>i << shift), v);
    }
    return <f64>counted;
  }
  // items < 2^40, so level_power = max(4, ceil(log2 items) / 8) = 4
  const L = CASCADE, W = CASCADE + (<usize>8 << shift);
  memory.fill(CASCADE, 0, 128);
  for (let b = 0; b < items; b++) {
    const t = load<i32>(pt + (<usize>b << 2));
    if (t == ignoreIndex) continue;
    counted++;
    const x = load<T>(px + (<usize>nllAt(b, t, nc, ns) << shift));
    if (pw) {
      const w = load<T>(pw + (<usize>t << shift));
      store<T>(L, load<T>(L) - x * w);
      store<T>(W, load<T>(W) + w);
    } else {
      store<T>(L, load<T>(L) - x);
    }
    for (let j = 0; j < 7; j++) {
      if (b & (0xf << (j * 4))) break;
      const o = <usize>j << shift, o1 = <usize>(j + 1) << shift;
      store<T>(L + o1, load<T>(L + o1) + load<T>(L + o));
      store<T>(W + o1, load<T>(W + o1) + load<T>(W + o));
      store<T>(L + o, 0);
      store<T>(W + o, 0);
    }
  }
  let total: T = 0, weights: T = 0;
  for (let j = 0; j < 8; j++) {
    total += load<T>(L + (<usize>j << shift));
    weights += load<T>(W + (<usize>j << shift));
  }
  const totalWeight: T = pw ? weights : <T>counted;
  if (reduction == Reduction.Mean) total /= totalWeight;
  store<T>(po, total);
  return <f64>totalWeight;
}
