// Integer and bool arithmetic of the wasm device: add, sub, mul and sum of
// int64, int32 and bool tensors (stored as int32, abi DType). PyTorch wraps
// int64 around on overflow; wasmgrad's int32 storage cannot hold what PyTorch
// would, so a result beyond int32 is Err.IntOverflow instead (docs/api.md).
// Never recorded: integer tensors cannot require grad.

import { Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, shapePtr, dtypeOf } from '../tensors';
import { alloc, free } from '../alloc';
import { SHAPE, COUNTERS, STR_A } from '../scratch';
import { typedSum } from '../kernels/typed';
import { typedBinaryCompute } from './compare';
import { reducedShape } from './reduce';

/** Op.Add/Sub/Mul and the bitwise ops of two tensors of one integer or bool dtype (alpha scales b), broadcasting. */
export function int_binary(op: i32, a: i32, b: i32, alpha: f64): i32 {
  return typedBinaryCompute(op, a, b, dtypeOf(a), alpha);
}

/** The sum over the dims in mask of an integer or bool tensor: int64. */
export function int_sum(a: i32, mask: i32, keepdim: bool): i32 {
  const nd = reducedShape(a, mask, keepdim);
  const out = newTensor(nd, SHAPE, DType.Int64);
  if (!out) return Err.OutOfMemory;
  const outN = numelOf(out);
  const acc = alloc(<usize>max(outN, 1) << 3);
  if (!acc) { release(out); return Err.OutOfMemory; }
  const ok = typedSum(dataOf(a), dtypeOf(a), ndimOf(a), shapePtr(a), mask, acc, dataOf(out), outN, COUNTERS, STR_A);
  free(acc);
  if (!ok) { release(out); return Err.IntOverflow; }
  return out;
}
