// Derivatives of the fused losses.

import { Err } from '../../src/shared/abi';

export function mseLossBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
export function bceBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
export function bceWithLogitsBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
export function nllLossBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
