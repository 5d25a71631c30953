// Derivatives of the shape ops that need more than a row of derivatives.ts:
// cat and stack hand each input its slice of the gradient, the same
// [outer, rows, inner] layout as the forward copy (ops/shape.ts cat), read
// the other way. Under create_graph the slice is the recorded slice op (select for
// stack), and a slice's derivative a recorded scatter of g into zeros, so both
// differentiate again.

import { Op } from '../../abi/abi';
import { newTensor, dataOf, dimOf, ndimOf, dtypeOf, elemShift } from '../tensors';
import { recI0, recI1, recS0, inShape, inNdim } from '../tape';
import { sliceBackwardCompute, slice as sliceOp } from '../ops/shape';
import { T, recording } from './helpers';
import { iota, scatterInto } from './gather';

/** Input k's rows [off, off + size) along dim of g, shaped like input k. */
function slice(r: usize, g: i32, k: i32, isStack: bool): i32 {
  if (g < 0) return g;
  const dim = recI0(r);
  let off = 0;
  for (let j = 0; j < k; j++) off += isStack ? 1 : load<i32>(inShape(r, j) + (<usize>dim << 2));
  const size = isStack ? 1 : load<i32>(inShape(r, k) + (<usize>dim << 2));
  if (recording(g)) return T(isStack ? sliceOp(Op.Select, g, dim, k, 0, 1) : sliceOp(Op.Slice, g, dim, off, size, 1));
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
  if (recording(g)) return sliceBackwardRecorded(r, g);
  return T(sliceBackwardCompute(load<u16>(r), g, inNdim(r, 0), inShape(r, 0), recI0(r), recI1(r), <i32>recS0(r)));
}

/** Under create_graph: g scatter-added into zeros at the flat positions the view read (the same slice of an iota). */
function sliceBackwardRecorded(r: usize, g: i32): i32 {
  const op = <i32>load<u16>(r), dim = recI0(r), all = iota(inNdim(r, 0), inShape(r, 0));
  if (all < 0) return all;
  const positions = T(sliceOp(op, all, dim, recI1(r), op == Op.Select ? 0 : dimOf(g, dim), <i32>recS0(r)));
  if (positions < 0) return positions;
  return scatterInto(r, 0, g, positions);
}
