// The derivative of the gather-flat ops (src/js/ops/gather.ts): g added back where the op read.

import type { JsRecord, JsTensor } from '../tensor.js';
import { gatherFlatBackward as compute } from '../ops/gather.js';

export function gatherFlatBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  return compute(r.i0 !== 0, k, g, r.saved[0]!, r.inputs[k].shape);
}
