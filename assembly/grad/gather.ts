// The derivative of the gather-flat ops (assembly/ops/gather.ts): g added back where
// the op read (index_add / scatter_add), so repeated indices accumulate.

import { inNdim, inShape } from '../tape';
import { gatherFlatBackwardCompute } from '../ops/gather';
import { T, saved, i0 } from './helpers';

export function gatherFlatBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  return T(gatherFlatBackwardCompute(i0(r) != 0, k, g, saved(r, 0), inNdim(r, k), inShape(r, k)));
}
