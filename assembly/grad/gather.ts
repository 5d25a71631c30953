// The derivatives of the gather-flat ops (assembly/ops/gather.ts): g added back where
// the op read (index_add / scatter_add), so repeated indices accumulate; and of the
// scatter-flat ops: g where x survives, g read back at the index for src.
//
// Under create_graph each is the other op, recorded: a gather's derivative is a scatter_add
// of g into zeros, a scatter's is a gather of g, so every order records and differentiates again.

import { Op, DType } from '../../abi/abi';
import { inNdim, inShape } from '../tape';
import { newTensor, dataOf, numelOf, ndimOf, shapePtr, dtypeOf, dataBytes } from '../tensors';
import { gatherFlatBackwardCompute, scatterFlatBackwardCompute, gather_flat, scatter_flat } from '../ops/gather';
import { expand } from '../ops/shape';
import { SPARE } from '../scratch';
import { T, saved, i0, s0, recording, mulS, same } from './helpers';

export function gatherFlatBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (recording(g)) return gatherFlatBackwardRecorded(r, g, k);
  return T(gatherFlatBackwardCompute(i0(r) != 0, k, g, saved(r, 0), inNdim(r, k), inShape(r, k)));
}

export function scatterFlatBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (recording(g)) return scatterFlatBackwardRecorded(r, g, k);
  return T(scatterFlatBackwardCompute(k, g, saved(r, 0), i0(r) != 0, s0(r), inNdim(r, k), inShape(r, k)));
}

/** k = 0: g scatter-added into zeros at the index (g expanded first for trace); k = 1: the sum of g where nothing was read. */
function gatherFlatBackwardRecorded(r: usize, g: i32, k: i32): i32 {
  const index = saved(r, 0), n = numelOf(index);
  if (k == 1) {
    const filled = unread(index);
    return filled < 0 ? filled : T(gather_flat(Op.Trace, g, 0, filled, inNdim(r, 1), inShape(r, 1), 0, true));
  }
  let src = g;
  if (i0(r)) {
    store<i32>(SPARE, n);
    src = T(expand(g, 1, SPARE));
    if (src < 0) return src;
  }
  return scatterInto(r, k, src, index);
}

/** src (g, or g expanded) added into zeros of input k's shape at the index, recorded as scatter_add. */
export function scatterInto(r: usize, k: i32, src: i32, index: i32): i32 {
  const zeros = T(newTensor(inNdim(r, k), inShape(r, k), dtypeOf(src)));
  if (zeros < 0) return zeros;
  memory.fill(dataOf(zeros), 0, dataBytes(zeros));
  return T(scatter_flat(Op.ScatterAdd, zeros, src, index, true, 1));
}

/** k = 0: g, or g with zeros where a copy overwrote (a gather with fill 0); k = 1: alpha·g read at the index. */
function scatterFlatBackwardRecorded(r: usize, g: i32, k: i32): i32 {
  const index = saved(r, 0);
  if (k == 1) return mulS(T(gather_flat(Op.Take, g, 0, index, inNdim(r, 1), inShape(r, 1), 0, false)), s0(r));
  if (i0(r)) return same(g);
  // every position of g reads itself except those the scatter wrote
  const keep = iota(ndimOf(g), shapePtr(g));
  if (keep < 0) return keep;
  const pk = dataOf(keep), pi = dataOf(index);
  for (let j = 0; j < numelOf(index); j++) {
    const t = load<i32>(pi + (<usize>j << 2));
    if (t >= 0) store<i32>(pk + (<usize>t << 2), -1);
  }
  return T(gather_flat(Op.MaskedFill, g, 0, keep, ndimOf(g), shapePtr(g), 0, false));
}

/** An int32 tensor of the shape (nd dims at `shape`) holding 0, 1, ... in order: each element's flat position. */
export function iota(nd: i32, shape: usize): i32 {
  const t = T(newTensor(nd, shape, DType.Int32));
  if (t < 0) return t;
  for (let i = 0; i < numelOf(t); i++) store<i32>(dataOf(t) + (<usize>i << 2), i);
  return t;
}

/** The positions i where index[i] < 0 (masked_fill's filled elements), as a 1-D int32 tensor. */
function unread(index: i32): i32 {
  const n = numelOf(index), pi = dataOf(index);
  let m = 0;
  for (let i = 0; i < n; i++) if (load<i32>(pi + (<usize>i << 2)) < 0) m++;
  store<i32>(SPARE, m);
  const t = T(newTensor(1, SPARE, DType.Int32));
  if (t < 0) return t;
  m = 0;
  for (let i = 0; i < n; i++) {
    if (load<i32>(pi + (<usize>i << 2)) >= 0) continue;
    store<i32>(dataOf(t) + (<usize>m << 2), i);
    m++;
  }
  return t;
}
