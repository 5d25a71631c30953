// linalg.svdvals's derivative (LinalgSvdBackward0 with only gS defined, as PyTorch's svd_backward):
// gA = U·diag(gS)·Vh from the saved U [..., m, k] and Vh [..., k, n]; src/js/grad/svd.ts is the same.

import { dimOf, ndimOf, shapePtr, numelOf } from '../tensors';
import { inNdim, inShape } from '../tape';
import { SHAPE } from '../scratch';
import { T, saved, mul } from './helpers';
import { gemmCompute } from '../ops/linalg';
import { reshapeCompute } from '../ops/shape';

export function svdBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const u = saved(r, 0), vh = saved(r, 1), nd = ndimOf(u), m = dimOf(u, nd - 2), kk = dimOf(u, nd - 1), n = dimOf(vh, nd - 1);
  // gS [..., k] as a row [..., 1, k] scaling U's columns
  memory.copy(SHAPE, shapePtr(g), <usize>(nd - 2) << 2);
  store<i32>(SHAPE + (<usize>(nd - 2) << 2), 1);
  store<i32>(SHAPE + (<usize>(nd - 1) << 2), kk);
  const ug = mul(u, T(reshapeCompute(g, nd, SHAPE)));
  if (ug < 0) return ug;
  const batch = m * kk ? numelOf(ug) / (m * kk) : 0;
  return T(gemmCompute(false, false, batch, m, n, kk, ug, vh, inNdim(r, 0), inShape(r, 0)));
}
