// The derivative of the gather-flat ops (src/js/ops/gather.ts): g added back where the op read.
// Under create_graph each is the other op, recorded, as on the wasm device (assembly/grad/gather.ts):
// a gather's derivative is a scatter_add of g into zeros, a scatter's a gather of g.

import { Op, DType } from '../../../abi/abi.js';
import { type JsRecord, JsTensor, empty } from '../tensor.js';
import {
  gatherFlat, scatterFlat, gatherFlatBackward as compute, scatterFlatBackward as scatterCompute,
} from '../ops/gather.js';
import { expand } from '../ops.js';
import { recording, mulS } from './helpers.js';

export function gatherFlatBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (recording(g)) return gatherFlatBackwardRecorded(r, g, k);
  return compute(r.i0 !== 0, k, g, r.saved[0]!, r.inputs[k].shape);
}

export function scatterFlatBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (recording(g)) return scatterFlatBackwardRecorded(r, g, k);
  return scatterCompute(k, g, r.saved[0]!, r.i0 !== 0, r.s0, r.inputs[k].shape);
}

/** k = 0: g scatter-added into zeros at the index (g expanded first for trace); k = 1: the sum of g where nothing was read. */
function gatherFlatBackwardRecorded(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const index = r.saved[0]!;
  if (k === 1) {
    const unread = [...index.data.keys()].filter((i) => index.data[i] < 0);
    return gatherFlat(Op.Trace, g, null, new JsTensor(Int32Array.from(unread), [unread.length], DType.Int32), r.inputs[1].shape.slice(), 0, true);
  }
  return scatterInto(r.inputs[k].shape, r.i0 ? expand(g, [index.numel]) : g, index);
}

/** src added into zeros of the shape at the index, recorded as scatter_add. */
export const scatterInto = (shape: readonly number[], src: JsTensor, index: JsTensor): JsTensor =>
  scatterFlat(Op.ScatterAdd, empty(shape.slice(), src.dtype), src, index, true, 1);

/** k = 0: g, or g with zeros where a copy overwrote (a gather with fill 0); k = 1: alpha·g read at the index. */
function scatterFlatBackwardRecorded(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const index = r.saved[0]!;
  if (k === 1) return mulS(gatherFlat(Op.Take, g, null, index, r.inputs[1].shape.slice(), 0, false), r.s0);
  if (r.i0) return g;
  // every position of g reads itself except those the scatter wrote
  const keep = iota(g.shape);
  for (const t of index.data) if (t >= 0) keep.data[t] = -1;
  return gatherFlat(Op.MaskedFill, g, null, keep, g.shape.slice(), 0, false);
}

/** An int32 tensor of the shape holding 0, 1, ... in order: each element's flat position. */
export function iota(shape: readonly number[]): JsTensor {
  const t = empty(shape.slice(), DType.Int32);
  for (let i = 0; i < t.numel; i++) t.data[i] = i;
  return t;
}
