// Optimizer updates of the wasm device: each parameter is updated in place in
// one call, following torch.optim's single-tensor (non-foreach) formulas
// (torch/optim/sgd.py, adam.py). Never recorded: the front end calls these
// under no_grad semantics, on tensors it has checked to have equal shapes.
//
// PyTorch's `a.add_(b, alpha=c)` runs vec::fmadd(b, c, a) on CPUs with FMA,
// one rounding for a + c·b: madd() reproduces it (the f32 product is exact in
// f64, so only the final sum rounds, to f64 and then f32).

import { Err } from '../../abi/abi';
import { dataOf, numelOf } from '../tensors';

// @ts-ignore: decorator
@inline function madd(a: f32, c: f32, b: f32): f32 { return <f32>(<f64>a + <f64>c * <f64>b); }

/**
 * p += step·g for plain SGD, four lanes at a time with the same single
 * rounding as madd (f64 lanes, then f32). Returns how many elements it did.
 */
function plainSgd(pp: usize, pg: usize, n: i32, step: f32): i32 {
  const s = f64x2.splat(<f64>step);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const x = v128.load(pp + o), g = v128.load(pg + o);
    const xh = v128.shuffle<f32>(x, x, 2, 3, 0, 1), gh = v128.shuffle<f32>(g, g, 2, 3, 0, 1);
    const lo = f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(x), f64x2.mul(s, f64x2.promote_low_f32x4(g))));
    const hi = f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(xh), f64x2.mul(s, f64x2.promote_low_f32x4(gh))));
    v128.store(pp + o, v128.shuffle<f32>(lo, hi, 0, 1, 4, 5));
  }
  return i;
}

/** SGD for one parameter p with gradient grad and momentum buffer buf (0 when momentum is 0). */
export function sgd_step(
  p: i32, grad: i32, buf: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64,
  nesterov: bool, maximize: bool, firstStep: bool,
): i32 {
  const n = numelOf(p);
  const pp = dataOf(p), pg = dataOf(grad), pb = buf ? dataOf(buf) : 0;
  const wd = <f32>weightDecay, mom = <f32>momentum, damp = <f32>(1 - dampening), step = <f32>-lr;
  let i = 0;
  if (weightDecay == 0 && momentum == 0) i = plainSgd(pp, pg, n, maximize ? -step : step);
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(pp + o);
    let d = load<f32>(pg + o);
    if (maximize) d = -d;
    if (weightDecay != 0) d = madd(d, wd, x);
    if (momentum != 0) {
      let b: f32;
      if (firstStep) b = d;
      else b = madd(load<f32>(pb + o) * mom, damp, d);
      store<f32>(pb + o, b);
      d = nesterov ? madd(d, mom, b) : b;
    }
    store<f32>(pp + o, madd(x, step, d));
  }
  return Err.Ok;
}

/** Adam for one parameter p with moment buffers m and v; `step` counts from 1. */
export function adam_step(
  p: i32, grad: i32, m: i32, v: i32, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64,
  step: i32, maximize: bool,
): i32 {
  const n = numelOf(p);
  const pp = dataOf(p), pg = dataOf(grad), pm = dataOf(m), pv = dataOf(v);
  // bias corrections in double, as Python computes them
  const bc1 = 1 - Math.pow(beta1, <f64>step);
  const bc2 = 1 - Math.pow(beta2, <f64>step);
  const stepSize = <f32>-(lr / bc1);
  const bc2Sqrt = <f32>Math.sqrt(bc2);
  const wd = <f32>weightDecay, b1 = <f32>beta1, b2 = <f32>beta2;
  const a1 = <f32>(1 - beta1), a2 = <f32>(1 - beta2), e = <f32>eps;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(pp + o);
    let g = load<f32>(pg + o);
    if (maximize) g = -g;
    if (weightDecay != 0) g = madd(g, wd, x);
    const mi = madd(load<f32>(pm + o) * b1, a1, g);
    // addcmul_: self + value·t1·t2
    const vi = madd(load<f32>(pv + o) * b2, a2 * g, g);
    store<f32>(pm + o, mi);
    store<f32>(pv + o, vi);
    const denom = <f32>Math.sqrt(<f64>vi) / bc2Sqrt + e;
    // addcdiv_: self + value·t1/t2
    store<f32>(pp + o, x + stepSize * mi / denom);
  }
  return Err.Ok;
}
