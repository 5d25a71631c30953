// Derivatives of the reductions and the softmax family that need more than a row
// of derivatives.ts.

import { Err } from '../../src/shared/abi';

export function amaxBackward(r: usize, g: i32): i32 { return Err.Unimplemented; }
export function maxAllBackward(r: usize, g: i32): i32 { return Err.Unimplemented; }
export function maxDimBackward(r: usize, g: i32): i32 { return Err.Unimplemented; }
export function logsumexpBackward(r: usize, g: i32): i32 { return Err.Unimplemented; }
export function softmaxBackward(r: usize, g: i32): i32 { return Err.Unimplemented; }
export function logSoftmaxBackward(r: usize, g: i32): i32 { return Err.Unimplemented; }
