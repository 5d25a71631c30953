// The derivative of torch.scatter_reduce (assembly/ops/scatter_reduce.ts): PyTorch's
// scatter_reduce_backward over the saved index, self, src and result (helper leftovers).

import { scatterReduceBackwardCompute } from '../ops/scatter_reduce';
import { T, saved, i0, i1, result } from './helpers';

export function scatterReduceBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const res = result(r);
  if (res < 0) return res;
  return T(scatterReduceBackwardCompute(k, g, saved(r, 1), saved(r, 2), res, saved(r, 0), i0(r), i1(r) != 0));
}
