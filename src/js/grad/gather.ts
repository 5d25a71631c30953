// The derivative of the gather-flat ops (src/js/ops/gather.ts): g added back where the op read.

import type { JsRecord, JsTensor } from '../tensor.js';
import { gatherFlatBackward as compute, scatterFlatBackward as scatterCompute } from '../ops/gather.js';

export function gatherFlatBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  return compute(r.i0 !== 0, k, g, r.saved[0]!, r.inputs[k].shape);
}

export function scatterFlatBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  return scatterCompute(k, g, r.saved[0]!, r.i0 !== 0, r.s0, r.inputs[k].shape);
}
