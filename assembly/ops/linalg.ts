// Matrix products of the wasm device, on the gemm kernel (kernels/gemm.ts).

import { Err } from '../../src/shared/abi';

/**
 * mm (2-D × 2-D), bmm (3-D × 3-D, equal batch), mv (2-D × 1-D) and dot
 * (1-D × 1-D), by op code; shapes validated by the TS layer.
 */
export function matmul(op: i32, a: i32, b: i32): i32 { return Err.Unimplemented; }

/** F.linear for 2-D x: x · wᵀ + bias (bias may be 0 for none); node AddmmBackward0. */
export function linear(x: i32, w: i32, bias: i32): i32 { return Err.Unimplemented; }
