// Comparisons, logical ops and integer arithmetic of the js device: any dtype
// in, never recorded (assembly/ops/compare.ts and integer.ts are the wasm
// device's). Operands arrive of one dtype: the front end promotes them.

import { Op, DType } from '../../../abi/abi.js';
import { RuntimeError, INT_OVERFLOW } from '../../errors.js';
import { broadcastShapes, reducedShape } from '../../shape.js';
import { JsTensor, empty } from '../tensor.js';
import { broadcastStrides } from '../kernels/elementwise.js';
import { typedBinary, typedSum } from '../kernels/typed.js';

function typedBinaryCompute(op: Op, a: JsTensor, b: JsTensor, outDt: DType, alpha: number): JsTensor {
  const shape = broadcastShapes(a.shape, b.shape).slice();
  const out = empty(shape, outDt);
  const ok = typedBinary(op, a.data, broadcastStrides(a.shape, shape), b.data, broadcastStrides(b.shape, shape),
    out.data as Int32Array, outDt, shape, alpha);
  if (!ok) throw new RuntimeError(INT_OVERFLOW);
  return out;
}

/** Op.Eq … Op.Ge, Op.LogicalAnd/Or/Xor: a bool tensor. */
export const compare = (op: Op, a: JsTensor, b: JsTensor): JsTensor => typedBinaryCompute(op, a, b, DType.Bool, 1);

/** Op.Add/Sub/Mul of one integer or bool dtype, broadcasting. */
export const intBinary = (op: Op, a: JsTensor, b: JsTensor, alpha: number): JsTensor =>
  typedBinaryCompute(op, a, b, a.dtype, alpha);

/** The sum over the dims in mask of an integer or bool tensor: int64. */
export function intSum(a: JsTensor, mask: number, keepdim: boolean): JsTensor {
  const out = empty(reducedShape(a.shape, mask, keepdim), DType.Int64);
  if (!typedSum(a.data, a.shape, mask, out.data as Int32Array)) throw new RuntimeError(INT_OVERFLOW);
  return out;
}
