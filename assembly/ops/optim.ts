// Optimizer updates of the wasm device: each parameter is updated in place in
// one call, following torch.optim's single-tensor (non-foreach) formulas.

import { Err } from '../../src/shared/abi';

/** SGD for one parameter p with gradient grad and momentum buffer buf (0 when momentum is 0). */
export function sgd_step(
  p: i32, grad: i32, buf: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64,
  nesterov: bool, maximize: bool, firstStep: bool,
): i32 { return Err.Unimplemented; }

/** Adam for one parameter p with moment buffers m and v; `step` counts from 1. */
export function adam_step(
  p: i32, grad: i32, m: i32, v: i32, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64,
  step: i32, maximize: bool,
): i32 { return Err.Unimplemented; }
