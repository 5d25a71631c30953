// NativeLayerNormBackward0 (one kernel, see ../ops/norm.ts), as on the wasm device
// (assembly/grad/norm.ts). Input k is the input, then weight and bias when given (i1: 1 weight, 2 bias).

import type { JsRecord, JsTensor } from '../tensor.js';
import { empty } from '../tensor.js';
import { layerNormGrad } from '../ops/norm.js';

export function layerNormBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const [x, w, mean, rstd] = r.saved as JsTensor[];
  const which = k === 0 ? 0 : k === 1 && (r.i1 & 1) ? 1 : 2;
  const out = empty(r.inputs[k].shape.slice(), x.dtype);
  layerNormGrad(x, w ?? null, mean, rstd, g, out, which, r.i0);
  return out;
}
