// Derivatives of the shape ops that need more than a row of derivatives.ts:
// cat and stack hand each input its slice of the gradient, the same
// [outer, rows, inner] layout as the forward copy (ops/shape.ts cat), read
// the other way. The slice is a plain copy, not recorded: create_graph
// through cat/stack does not differentiate it a second time.

import { newTensor, dataOf, dimOf, ndimOf, dtypeOf, elemShift } from '../tensors';
import { recI0, recI1, recS0, inShape, inNdim } from '../tape';
import { sliceBackwardCompute } from '../ops/shape';
import { T } from './helpers';

/** Input k's rows [off, off + size) along dim of g, shaped like input k. */
function slice(r: usize, g: i32, k: i32, isStack: bool): i32 {
  if (g < 0) return g;
  const dim = recI0(r);
  let off = 0;
  for (let j = 0; j < k; j++) off += isStack ? 1 : load<i32>(inShape(r, j) + (<usize>dim << 2));
  const size = isStack ? 1 : load<i32>(inShape(r, k) + (<usize>dim << 2));
  const nd = ndimOf(g);
  let outer = 1;
  for (let d = 0; d < dim; d++) outer *= dimOf(g, d);
  let inner = 1;
  for (let d = dim + 1; d < nd; d++) inner *= dimOf(g, d);
  const out = T(newTensor(inNdim(r, k), inShape(r, k), dtypeOf(g)));
  if (out < 0) return out;
  const sh = elemShift(dtypeOf(g));
  const row = <usize>dimOf(g, dim) * inner << sh;
  const chunk = <usize>size * inner << sh;
  const src = dataOf(g) + (<usize>off * inner << sh), dst = dataOf(out);
  for (let o = 0; o < outer; o++) memory.copy(dst + <usize>o * chunk, src + <usize>o * row, chunk);
  return out;
}

export function catBackward(r: usize, g: i32, k: i32): i32 { return slice(r, g, k, false); }
export function stackBackward(r: usize, g: i32, k: i32): i32 { return slice(r, g, k, true); }

/** select's and slice's derivative: g written where the view read, zeros elsewhere. */
export function sliceBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  return T(sliceBackwardCompute(load<u16>(r), g, inNdim(r, 0), inShape(r, 0), recI0(r), recI1(r), <i32>recS0(r)));
}
