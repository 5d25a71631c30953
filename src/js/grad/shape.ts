// Derivatives of cat and stack (js device): each input gets its slice of the
// gradient, the forward copy (../ops/shape.ts) read the other way. As on the
// wasm device the slice is a plain copy, not recorded.

import { type JsRecord, type JsTensor, empty } from '../tensor.js';

/** Input k's rows along dim of g, shaped like input k. */
function slice(r: JsRecord, g: JsTensor, k: number, isStack: boolean): JsTensor {
  const dim = r.i0;
  const size = (j: number): number => (isStack ? 1 : r.inputs[j].shape[dim]);
  let off = 0;
  for (let j = 0; j < k; j++) off += size(j);
  let outer = 1;
  for (let d = 0; d < dim; d++) outer *= g.shape[d];
  let inner = 1;
  for (let d = dim + 1; d < g.shape.length; d++) inner *= g.shape[d];
  const out = empty(r.inputs[k].shape.slice());
  const row = g.shape[dim] * inner, chunk = size(k) * inner, start = off * inner;
  for (let o = 0; o < outer; o++) out.data.set(g.data.subarray(o * row + start, o * row + start + chunk), o * chunk);
  return out;
}

export const catBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor => slice(r, g, k, false);
export const stackBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor => slice(r, g, k, true);
