// Comparisons and logical ops of the wasm device: a (op) b with broadcasting,
// any dtype (both operands of one: the TS layer promotes them first), result
// bool. PyTorch never records them (a bool result has no gradient).

import { Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, shapePtr, dtypeOf } from '../tensors';
import { SHAPE, STR_A, STR_B, COUNTERS } from '../scratch';
import { broadcastStrides } from '../kernels/strided';
import { typedBinary } from '../kernels/typed';
import { broadcastShape } from './elementwise';

/**
 * a (op) b broadcast into a new tensor of dtype outDt (Bool, or a's integer dtype
 * for Add/Sub/Mul), not recorded. Err.IntOverflow when an integer result leaves int32.
 */
export function typedBinaryCompute(op: i32, a: i32, b: i32, outDt: i32, alpha: f64): i32 {
  const nd = broadcastShape(a, b);
  const out = newTensor(nd, SHAPE, outDt);
  if (!out) return Err.OutOfMemory;
  broadcastStrides(ndimOf(a), shapePtr(a), nd, SHAPE, STR_A);
  broadcastStrides(ndimOf(b), shapePtr(b), nd, SHAPE, STR_B);
  const ok = typedBinary(op, dataOf(a), STR_A, dataOf(b), STR_B, dtypeOf(a), dataOf(out), outDt, nd, SHAPE, COUNTERS, numelOf(out), alpha);
  if (!ok) { release(out); return Err.IntOverflow; }
  return out;
}

/** Op.Eq … Op.Ge, Op.LogicalAnd/Or/Xor: a bool tensor. */
export function compare(op: i32, a: i32, b: i32): i32 {
  return typedBinaryCompute(op, a, b, DType.Bool, 1);
}
