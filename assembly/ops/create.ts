// Making tensors: JS fills the data of a fresh tensor itself (it writes into
// linear memory through a typed array), so creation is one call.

import { Err, DType } from '../../abi/abi';
import { newTensor, dataOf, numelOf, dtypeOf, ndimOf, shapePtr, newTensorN, dataBytes } from '../tensors';
import { argsPtr } from '../scratch';

/** A new tensor with the shape in the args buffer (nd dims); data uninitialised. */
export function create(nd: i32, dtype: i32): i32 {
  const t = newTensor(nd, argsPtr(), dtype);
  return t ? t : Err.OutOfMemory;
}

/** A new tensor with the shape in the args buffer, every element set to v in the tensor's dtype. */
export function create_fill(nd: i32, dtype: i32, v: f64): i32 {
  const t = newTensor(nd, argsPtr(), dtype);
  if (!t) return Err.OutOfMemory;
  const p = dataOf(t), n = numelOf(t);
  if (dtype == DType.Float32) {
    const x = <f32>v;
    for (let i = 0; i < n; i++) store<f32>(p + (<usize>i << 2), x);
  } else if (dtype == DType.Float64) {
    for (let i = 0; i < n; i++) store<f64>(p + (<usize>i << 3), v);
  } else {
    const x = <i32>v;
    for (let i = 0; i < n; i++) store<i32>(p + (<usize>i << 2), x);
  }
  return t;
}

/** A detached copy of t (clone without recording; detach().clone()). */
export function copy_tensor(t: i32): i32 {
  const c = newTensorN(ndimOf(t), shapePtr(t), dtypeOf(t), numelOf(t));
  if (!c) return Err.OutOfMemory;
  memory.copy(dataOf(c), dataOf(t), dataBytes(t));
  return c;
}
