// Derivatives of cat and stack (js device): each input gets its slice of the
// gradient, the forward copy (../ops/shape.ts) read the other way. As on the
// wasm device, under create_graph the slice is the recorded slice op and a slice's
// derivative a recorded scatter of g into zeros.

import { Op } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, empty } from '../tensor.js';
import { viewOf, slice as sliceOp } from '../ops/shape.js';
import { recording } from './helpers.js';
import { iota, scatterInto } from './gather.js';

/** Input k's rows along dim of g, shaped like input k. */
function slice(r: JsRecord, g: JsTensor, k: number, isStack: boolean): JsTensor {
  const dim = r.i0;
  const size = (j: number): number => (isStack ? 1 : r.inputs[j].shape[dim]);
  let off = 0;
  for (let j = 0; j < k; j++) off += size(j);
  if (recording(g)) return isStack ? sliceOp(Op.Select, g, dim, k, 0, 1) : sliceOp(Op.Slice, g, dim, off, size(k), 1);
  let outer = 1;
  for (let d = 0; d < dim; d++) outer *= g.shape[d];
  let inner = 1;
  for (let d = dim + 1; d < g.shape.length; d++) inner *= g.shape[d];
  const out = empty(r.inputs[k].shape.slice(), g.dtype);
  const row = g.shape[dim] * inner, chunk = size(k) * inner, start = off * inner;
  for (let o = 0; o < outer; o++) out.data.set(g.data.subarray(o * row + start, o * row + start + chunk), o * chunk);
  return out;
}

export const catBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor => slice(r, g, k, false);
export const stackBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor => slice(r, g, k, true);

/** select's and slice's derivative: g written where the view read, zeros elsewhere. */
export function sliceBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const shape = r.inputs[0].shape;
  if (recording(g)) return scatterInto(shape, g, sliceOp(r.op, iota(shape), r.i0, r.i1, g.shape[r.i0] ?? 1, r.s0));
  const out = empty(shape.slice(), g.dtype);
  const v = viewOf(r.op, shape, r.i0, r.i1, g.shape[r.i0] ?? 1, r.s0);
  // the view's elements in order, each to its place in out (stridedCopy the other way)
  const nd = v.shape.length, counters = new Array<number>(nd).fill(0);
  for (let i = 0; i < g.numel; i++) {
    let off = v.offset;
    for (let d = 0; d < nd; d++) off += counters[d] * v.strides[d];
    out.data[off] = g.data[i];
    for (let d = nd - 1; d >= 0; d--) { if (++counters[d] < v.shape[d]) break; counters[d] = 0; }
  }
  return out;
}
