// Derivatives of the matrix products, as PyTorch's derivatives.yaml has them:
//
//   mm / bmm   da = g·bᵀ          db = aᵀ·g
//   mv         da = g ⊗ b         db = aᵀ·g
//   dot        da = g·b           db = g·a          (g is 0-d)
//   addmm      dx = g·w           dw = gᵀ·x         dbias = g summed to bias's shape
//
// Without create_graph nothing records, and the products run straight on the
// gemm kernel with its transpose flags. With create_graph (grad mode on during
// the sweep) they are composed from recorded transposes, views and products,
// so the backward pass can itself be differentiated.

import { Op } from '../../abi/abi';
import { ndimOf, dimOf, requiresGrad } from '../tensors';
import { is_grad_enabled } from '../tape';
import { SHAPE, SPARE } from '../scratch';
import { T, saved, sumTo, mul } from './helpers';
import { gemmCompute, matmul } from '../ops/linalg';
import { permute, view } from '../ops/shape';

/** True when the derivative's own ops must be recorded (create_graph). */
export function recording(a: i32, b: i32): bool {
  return is_grad_enabled() && (requiresGrad(a) || requiresGrad(b));
}

/** x with its last two dims swapped, recorded as a transpose. */
function transposeLast(x: i32): i32 {
  const nd = ndimOf(x);
  for (let i = 0; i < nd; i++) store<i32>(SPARE + (<usize>i << 2), i);
  store<i32>(SPARE + (<usize>(nd - 1) << 2), nd - 2);
  store<i32>(SPARE + (<usize>(nd - 2) << 2), nd - 1);
  return T(permute(Op.Transpose, x, SPARE));
}

/** x under the 2-D shape [d0, d1], recorded as a view. */
function view2(x: i32, d0: i32, d1: i32): i32 {
  if (x < 0) return x;
  store<i32>(SHAPE, d0);
  store<i32>(SHAPE, d1, 4);
  return T(view(Op.View, x, 2, SHAPE));
}

/** op(a)·op(b) for 2-D (mm) or 3-D (bmm) operands; ta / tb transpose the last two dims. */
export function prod(a: i32, ta: bool, b: i32, tb: bool): i32 {
  if (a < 0) return a;
  if (b < 0) return b;
  const nd = ndimOf(a);
  if (recording(a, b)) {
    const x = ta ? transposeLast(a) : a;
    if (x < 0) return x;
    const y = tb ? transposeLast(b) : b;
    if (y < 0) return y;
    return T(matmul(nd == 2 ? Op.Mm : Op.Bmm, x, y));
  }
  const batch = nd == 3 ? dimOf(a, 0) : 1;
  const M = dimOf(a, ta ? nd - 1 : nd - 2), K = dimOf(a, ta ? nd - 2 : nd - 1);
  const N = dimOf(b, tb ? nd - 2 : nd - 1);
  let d = 0;
  if (nd == 3) { store<i32>(SHAPE, batch); d = 4; }
  store<i32>(SHAPE + d, M);
  store<i32>(SHAPE + d + 4, N);
  return T(gemmCompute(ta, tb, batch, M, N, K, a, b, nd, SHAPE));
}

export function mmBackward(r: usize, g: i32, k: i32): i32 {
  return k == 0 ? prod(g, false, saved(r, 1), true) : prod(saved(r, 0), true, g, false);
}

export function bmmBackward(r: usize, g: i32, k: i32): i32 {
  return k == 0 ? prod(g, false, saved(r, 1), true) : prod(saved(r, 0), true, g, false);
}

export function mvBackward(r: usize, g: i32, k: i32): i32 {
  return k == 0 ? outerGrad(g, saved(r, 1)) : mvGradVec(saved(r, 0), g);
}

/** mv's gradient for the matrix: the outer product g ⊗ b, [M, 1]·[1, K]. */
export function outerGrad(g: i32, b: i32): i32 {
  if (g < 0) return g;
  const M = dimOf(g, 0), K = dimOf(b, 0);
  if (recording(g, b)) return prod(view2(g, M, 1), false, view2(b, 1, K), false);
  store<i32>(SHAPE, M);
  store<i32>(SHAPE, K, 4);
  return T(gemmCompute(false, false, 1, M, K, 1, g, b, 2, SHAPE));
}

/** mv's gradient for the vector: aᵀ·g, with a [M, K]. */
export function mvGradVec(a: i32, g: i32): i32 {
  if (g < 0) return g;
  const M = dimOf(a, 0), K = dimOf(a, 1);
  if (recording(a, g)) {
    const at = transposeLast(a);
    return at < 0 ? at : T(matmul(Op.Mv, at, g));
  }
  store<i32>(SHAPE, K);
  return T(gemmCompute(true, false, 1, K, 1, M, a, g, 1, SHAPE));
}

export function dotBackward(r: usize, g: i32, k: i32): i32 {
  return mul(g, saved(r, 1 - k));
}

export function addmmBackward(r: usize, g: i32, k: i32): i32 {
  if (k == 2) return sumTo(r, 2, g);
  return k == 0 ? prod(g, false, saved(r, 1), false) : prod(g, true, saved(r, 0), false);
}
