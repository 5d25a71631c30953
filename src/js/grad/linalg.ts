// Derivatives of the matrix products (js device), as on the wasm device
// (assembly/grad/linalg.ts):
//
//   mm / bmm   da = g·bᵀ          db = aᵀ·g
//   mv         da = g ⊗ b         db = aᵀ·g
//   dot        da = g·b           db = g·a          (g is 0-d)
//   addmm      dx = g·w           dw = gᵀ·x         dbias = g summed to bias's shape
//
// Without create_graph the products run on gemm with its transpose flags; with
// it they are composed from recorded transposes, views and products.

import { Op } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, isGradEnabled } from '../tensor.js';
import { permute, view } from '../ops.js';
import { gemmCompute, matmul } from '../ops/linalg.js';
import { saved, sumTo, mul } from './helpers.js';

export const recording = (a: JsTensor, b: JsTensor): boolean => isGradEnabled() && (a.requiresGrad || b.requiresGrad);

/** x with its last two dims swapped, recorded as a transpose. */
function transposeLast(x: JsTensor): JsTensor {
  const nd = x.shape.length;
  const perm = x.shape.map((_, i) => i);
  perm[nd - 1] = nd - 2;
  perm[nd - 2] = nd - 1;
  return permute(Op.Transpose, x, perm);
}

/** op(a)·op(b) for 2-D (mm) or 3-D (bmm) operands; ta / tb transpose the last two dims. */
export function prod(a: JsTensor, ta: boolean, b: JsTensor, tb: boolean): JsTensor {
  const nd = a.shape.length;
  if (recording(a, b)) {
    return matmul(nd === 2 ? Op.Mm : Op.Bmm, ta ? transposeLast(a) : a, tb ? transposeLast(b) : b);
  }
  const batch = nd === 3 ? a.shape[0] : 1;
  const M = a.shape[ta ? nd - 1 : nd - 2], K = a.shape[ta ? nd - 2 : nd - 1];
  const N = b.shape[tb ? nd - 2 : nd - 1];
  return gemmCompute(ta, tb, batch, M, N, K, a, b, nd === 3 ? [batch, M, N] : [M, N]);
}

export const mmBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  (k === 0 ? prod(g, false, saved(r, 1), true) : prod(saved(r, 0), true, g, false));

export const bmmBackward = mmBackward;

export function mvBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  return k === 0 ? outerGrad(g, saved(r, 1)) : mvGradVec(saved(r, 0), g);
}

/** mv's gradient for the matrix: the outer product g ⊗ b, [M, 1]·[1, K]. */
export function outerGrad(g: JsTensor, b: JsTensor): JsTensor {
  const M = g.shape[0], K = b.shape[0];
  if (recording(g, b)) return prod(view(Op.View, g, [M, 1]), false, view(Op.View, b, [1, K]), false);
  return gemmCompute(false, false, 1, M, K, 1, g, b, [M, K]);
}

/** mv's gradient for the vector: aᵀ·g, with a [M, K]. */
export function mvGradVec(a: JsTensor, g: JsTensor): JsTensor {
  const [M, K] = a.shape;
  if (recording(a, g)) return matmul(Op.Mv, transposeLast(a), g);
  return gemmCompute(true, false, 1, K, 1, M, a, g, [K]);
}

export const dotBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor => mul(g, saved(r, 1 - k));

export const addmmBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor => {
  if (k === 2) return sumTo(r, 2, g);
  return k === 0 ? prod(g, false, saved(r, 1), false) : prod(g, true, saved(r, 0), false);
};
