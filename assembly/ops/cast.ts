// t.to(float dtype) on one device (helper h-autograd): a float32 <-> float64 copy recorded as
// Op.ToCopy over t itself, its i0 t's dtype + 1, so the derivative (grad/cast.ts) converts the
// gradient back with this same op and create_graph differentiates it again. (A copy between
// devices records Op.ToCopy over a proxy leaf instead, src/crossing.ts, with i0 0.)

import { Err, DType, Op } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, shapePtr, dtypeOf } from '../tensors';
import { shouldRecord1, newRecord, setInput, setParams } from '../tape';

/** x's values as `dtype` (float32 or float64), recorded as ToCopyBackward0 when x requires grad. */
export function to_dtype(x: i32, dtype: i32): i32 {
  const out = newTensor(ndimOf(x), shapePtr(x), dtype);
  if (!out) return Err.OutOfMemory;
  const n = numelOf(x), src = dataOf(x), dst = dataOf(out), from = dtypeOf(x);
  if (from == dtype) memory.copy(dst, src, <usize>n << (dtype == DType.Float64 ? 3 : 2));
  else if (dtype == DType.Float64) for (let i = 0; i < n; i++) store<f64>(dst + (<usize>i << 3), <f64>load<f32>(src + (<usize>i << 2)));
  else for (let i = 0; i < n; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(src + (<usize>i << 3)));
  if (!shouldRecord1(x)) return out;
  const r = newRecord(Op.ToCopy, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  setParams(r, 0, 0, from + 1, 0);
  return out;
}
