// Derivatives of the matrix products.

import { Err } from '../../src/shared/abi';

export function mmBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
export function bmmBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
export function mvBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
export function dotBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
export function addmmBackward(r: usize, g: i32, k: i32): i32 { return Err.Unimplemented; }
