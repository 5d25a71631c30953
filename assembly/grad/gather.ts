// The derivatives of the gather-flat ops (assembly/ops/gather.ts): g added back where
// the op read (index_add / scatter_add), so repeated indices accumulate; and of the
// scatter-flat ops: g where x survives, g read back at the index for src.

import { inNdim, inShape } from '../tape';
import { gatherFlatBackwardCompute, scatterFlatBackwardCompute } from '../ops/gather';
import { T, saved, i0, s0 } from './helpers';

export function gatherFlatBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  return T(gatherFlatBackwardCompute(i0(r) != 0, k, g, saved(r, 0), inNdim(r, k), inShape(r, k)));
}

export function scatterFlatBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  return T(scatterFlatBackwardCompute(k, g, saved(r, 0), i0(r) != 0, s0(r), inNdim(r, k), inShape(r, k)));
}
