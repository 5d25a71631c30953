// Fused losses of the wasm device. `reduction` is Reduction (0 none, 1 mean, 2 sum).

import { Err } from '../../src/shared/abi';

export function mse_loss(input: i32, target: i32, reduction: i32): i32 { return Err.Unimplemented; }
export function binary_cross_entropy(input: i32, target: i32, reduction: i32): i32 { return Err.Unimplemented; }
export function binary_cross_entropy_with_logits(input: i32, target: i32, reduction: i32): i32 { return Err.Unimplemented; }
/** nll_loss with int64 class targets; input (N, C) or (C,), target (N,) or (). */
export function nll_loss(input: i32, target: i32, reduction: i32, ignoreIndex: i32): i32 { return Err.Unimplemented; }
