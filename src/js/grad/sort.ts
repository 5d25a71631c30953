// Derivatives of sort, topk, kthvalue, median, nanmedian and mode (../ops/sort.ts),
// as the wasm device's assembly/grad/sort.ts.

import { resultOf, isGradEnabled, type JsRecord, type JsTensor } from '../tensor.js';
import { distributeRecorded } from './reduce.js';
import { sortBackward as scatterBack, distribute, targets } from '../ops/sort.js';
import { recording } from './helpers.js';
import { scatterInto } from './gather.js';

/**
 * g written back at the indices the op chose along dim (value_selecting_reduction_backward); under
 * create_graph a recorded scatter_add of g there (its derivative for g gathers there again).
 */
export function sortBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  if (recording(g)) return scatterInto(r.inputs[0].shape, g, targets(r.saved[0]!, r.inputs[0].shape, r.i0));
  return scatterBack(g, r.saved[0]!, r.inputs[0].shape, r.i0);
}

/** median() / nanmedian(): g shared among the elements equal to the result (evenly_distribute_backward). */
export function medianAllBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  if (isGradEnabled()) return distributeRecorded(r, g, r.saved[0]!, resultOf(r));
  return distribute(g, r.saved[0]!, resultOf(r).data[0]);
}
