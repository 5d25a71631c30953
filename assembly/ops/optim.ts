// Optimizer updates of the wasm device: each parameter is updated in place in
// one call, following torch.optim's single-tensor (non-foreach) formulas
// (torch/optim/sgd.py, adam.py). Never recorded: the front end calls these
// under no_grad semantics, on tensors it has checked to have equal shapes.
//
// PyTorch's `a.add_(b, alpha=c)` runs vec::fmadd(b, c, a) on CPUs with FMA,
// one rounding for a + c·b: madd() reproduces it in f32 (the f32 product is
// exact in f64, so only the final sum rounds, to f64 and then f32). Float64
// parameters (state buffers float64 too) take the generic path in f64, where
// madd rounds the product and the sum (an FMA would round once: within an ulp).

import { Err, DType } from '../../abi/abi';
import { dataOf, numelOf, dtypeOf } from '../tensors';

// @ts-ignore: decorator
@inline function madd<T>(a: T, c: T, b: T): T {
  if (sizeof<T>() == 8) return a + c * b;
  return <T>(<f64>a + <f64>c * <f64>b);
}

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
  if (dtypeOf(p) == DType.Float64) {
    sgdRun<f64>(pp, pg, pb, 0, n, lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep);
    return Err.Ok;
  }
  let i = 0;
  if (weightDecay == 0 && momentum == 0) i = plainSgd(pp, pg, n, maximize ? <f32>lr : <f32>-lr);
  sgdRun<f32>(pp, pg, pb, i, n, lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep);
  return Err.Ok;
}

function sgdRun<T>(
  pp: usize, pg: usize, pb: usize, from: i32, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64,
  nesterov: bool, maximize: bool, firstStep: bool,
): void {
  const wd = <T>weightDecay, mom = <T>momentum, damp = <T>(1 - dampening), step = <T>-lr;
  for (let i = from; i < n; i++) {
    const o = <usize>i << alignof<T>();
    const x = load<T>(pp + o);
    let d = load<T>(pg + o);
    if (maximize) d = -d;
    if (weightDecay != 0) d = madd<T>(d, wd, x);
    if (momentum != 0) {
      let b: T;
      if (firstStep) b = d;
      else b = madd<T>(load<T>(pb + o) * mom, damp, d);
      store<T>(pb + o, b);
      d = nesterov ? madd<T>(d, mom, b) : b;
    }
    store<T>(pp + o, madd<T>(x, step, d));
  }
}

/** Adam for one parameter p with moment buffers m and v (and vmax, amsgrad's maximum of v, or 0); `step` counts from 1. */
export function adam_step(
  p: i32, grad: i32, m: i32, v: i32, vmax: i32, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64,
  step: i32, maximize: bool,
): i32 {
  const n = numelOf(p);
  const pp = dataOf(p), pg = dataOf(grad), pm = dataOf(m), pv = dataOf(v), px = vmax ? dataOf(vmax) : 0;
  // bias corrections in double, as Python computes them
  const bc1 = 1 - Math.pow(beta1, <f64>step);
  const bc2 = 1 - Math.pow(beta2, <f64>step);
  if (dtypeOf(p) == DType.Float64) adamRun<f64>(pp, pg, pm, pv, px, n, lr, beta1, beta2, eps, weightDecay, bc1, bc2, maximize);
  else adamRun<f32>(pp, pg, pm, pv, px, n, lr, beta1, beta2, eps, weightDecay, bc1, bc2, maximize);
  return Err.Ok;
}

function adamRun<T>(
  pp: usize, pg: usize, pm: usize, pv: usize, px: usize, n: i32, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64,
  bc1: f64, bc2: f64, maximize: bool,
): void {
  const stepSize = <T>-(lr / bc1);
  const bc2Sqrt = <T>Math.sqrt(bc2);
  const wd = <T>weightDecay, b1 = <T>beta1, b2 = <T>beta2;
  const a1 = <T>(1 - beta1), a2 = <T>(1 - beta2), e = <T>eps;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << alignof<T>();
    const x = load<T>(pp + o);
    let g = load<T>(pg + o);
    if (maximize) g = -g;
    if (weightDecay != 0) g = madd<T>(g, wd, x);
    const mi = madd<T>(load<T>(pm + o) * b1, a1, g);
    // addcmul_: self + value·t1·t2
    const vi = madd<T>(load<T>(pv + o) * b2, a2 * g, g);
    store<T>(pm + o, mi);
    store<T>(pv + o, vi);
    // amsgrad: torch.maximum(max_exp_avg_sq, exp_avg_sq) (wasm's max propagates NaN) in the denominator
    let vm = vi;
    if (px) { vm = max<T>(load<T>(px + o), vi); store<T>(px + o, vm); }
    const denom = <T>Math.sqrt(<f64>vm) / bc2Sqrt + e;
    // addcdiv_: self + value·t1/t2
    store<T>(pp + o, x + stepSize * mi / denom);
  }
}
