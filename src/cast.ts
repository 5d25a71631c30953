// Converting a tensor to another dtype (t.to(dtype), .double(), .long(), .bool() ...).
// Between float dtypes the conversion stays in the graph as PyTorch's
// ToCopyBackward0, a recorded op of the device whose derivative is the cast
// back (assembly/ops/cast.ts, src/js/ops/cast.ts); a copy to another device
// goes through a proxy leaf (src/crossing.ts).

import { DType } from '../abi/abi.js';
import { RuntimeError } from './errors.js';
import { isFloating } from './dtype.js';
import { Tensor } from './tensor.js';
import { isGradEnabled } from './runtime.js';

/**
 * wasmgrad stores int64 (and int32) as int32 (docs/api.md): a value outside it raises
 * rather than wrapping. Non-integers truncate toward zero, as PyTorch's do.
 * The words are PyTorch's for the same value written to an int32 tensor
 * (full() names its types differently), or to an int64 one for NaN and ±inf.
 */
export function checkInt64Values(values: ArrayLike<number>, fn: 'tensor' | 'full'): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > -2147483649 && v < 2147483648) continue;
    const type = Number.isFinite(v) ? (fn === 'full' ? 'int' : 'int32') : (fn === 'full' ? 'int64_t' : 'int64');
    throw new RuntimeError(`value cannot be converted to type ${type} without overflow`);
  }
}

/**
 * `values` as elements of dtype `to`: floats truncate toward zero into integers
 * (raising beyond int32), anything nonzero (NaN too) is true for bool, and the
 * typed array of the target rounds float64 to float32.
 */
export function castValues(values: ArrayLike<number>, to: DType): ArrayLike<number> {
  if (to === DType.Bool) return Int32Array.from(values as ArrayLike<number>, (v) => (v !== 0 ? 1 : 0));
  if (to === DType.Int64 || to === DType.Int32) {
    checkInt64Values(values, 'tensor');
    return Int32Array.from(values as ArrayLike<number>, (v) => Math.trunc(v));
  }
  return values;
}

/**
 * `t` as dtype `to`: `t` itself when it already is; a copy in the graph
 * (ToCopyBackward0) between float dtypes when t requires grad; otherwise a new leaf.
 */
export function castTensor(t: Tensor, to: DType, record = true): Tensor {
  if (t._dtype === to) return t;
  if (record && isFloating(to) && t.requires_grad && isGradEnabled()) {
    // a recorded op of the device (ToCopyBackward0 over t), so a graph may cross dtypes any number of times
    const shape = t._shape.slice();
    return new Tensor(t._dev, t._dev.toDtype(t.h, to), shape, to);
  }
  const shape = t._shape.slice();
  const values = castValues(t._dev.read(t.h), to);
  return new Tensor(t._dev, t._dev.fromData(values, shape, to), shape, to);
}
