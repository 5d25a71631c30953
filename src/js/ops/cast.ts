// t.to(float dtype) on the js device (helper h-autograd), as assembly/ops/cast.ts: a float32 <->
// float64 copy recorded as Op.ToCopy over t, its i0 t's dtype + 1, and ToCopyBackward0's rule,
// which converts the gradient back with the same op (recorded under create_graph).

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record, type JsRecord } from '../tensor.js';
import { reshapeToInput } from '../grad/helpers.js';

/** x's values as `dtype` (float32 or float64), recorded when x requires grad. */
export function toDtype(x: JsTensor, dtype: DType): JsTensor {
  const out = empty(x.shape.slice(), dtype);
  out.data.set(x.data);
  const r = record(Op.ToCopy, out, [x]);
  if (r) r.i0 = x.dtype + 1;
  return out;
}

/** ToCopyBackward0: g in the input's dtype (a proxy's copy across devices, i0 0: g as it is). */
export function toCopyBackward(r: JsRecord, g: JsTensor, k?: number): JsTensor {
  const from = r.i0 - 1;
  return from < 0 || from === g.dtype ? reshapeToInput(r, g, k) : toDtype(g, from);
}
