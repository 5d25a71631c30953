// linalg.svdvals's derivative (LinalgSvdBackward0 with only gS defined, as PyTorch's svd_backward):
// gA = U·diag(gS)·Vh from the saved U [..., m, k] and Vh [..., k, n]; src/js/grad/svd.ts is the same.
// Under create_graph the same product is recorded (a view of gS, a mul, an mm or a bmm over the
// batch flattened): the saved U and Vh are outputs of the front end's LinalgSvdBackward0 Function
// (src/ops/svd.ts), so a second derivative reaches A through them too.

import { Op } from '../../abi/abi';
import { dimOf, ndimOf, shapePtr, numelOf } from '../tensors';
import { inNdim, inShape, is_grad_enabled } from '../tape';
import { SHAPE } from '../scratch';
import { T, saved, mul } from './helpers';
import { gemmCompute, matmul } from '../ops/linalg';
import { reshapeCompute, view } from '../ops/shape';

/** x under [b, d0, d1], recorded as a view. */
function view3(x: i32, b: i32, d0: i32, d1: i32): i32 {
  if (x < 0) return x;
  store<i32>(SHAPE, b); store<i32>(SHAPE, d0, 4); store<i32>(SHAPE, d1, 8);
  return T(view(Op.View, x, 3, SHAPE));
}

export function svdBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const u = saved(r, 0), vh = saved(r, 1), nd = ndimOf(u), m = dimOf(u, nd - 2), kk = dimOf(u, nd - 1), n = dimOf(vh, nd - 1);
  const recording = is_grad_enabled();
  // gS [..., k] as a row [..., 1, k] scaling U's columns
  memory.copy(SHAPE, shapePtr(g), <usize>(nd - 2) << 2);
  store<i32>(SHAPE + (<usize>(nd - 2) << 2), 1);
  store<i32>(SHAPE + (<usize>(nd - 1) << 2), kk);
  const ug = mul(u, T(recording ? view(Op.View, g, nd, SHAPE) : reshapeCompute(g, nd, SHAPE)));
  if (ug < 0) return ug;
  if (!recording) return T(gemmCompute(false, false, m * kk ? numelOf(ug) / (m * kk) : 0, m, n, kk, ug, vh, inNdim(r, 0), inShape(r, 0)));
  if (nd == 2) return T(matmul(Op.Mm, ug, vh));
  let batch = 1;
  for (let d = 0; d < nd - 2; d++) batch *= dimOf(u, d);
  const p = T(matmul(Op.Bmm, view3(ug, batch, m, kk), view3(vh, batch, kk, n)));
  return p < 0 ? p : T(view(Op.View, p, inNdim(r, 0), inShape(r, 0)));
}
