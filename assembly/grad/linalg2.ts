// Derivatives of addmv, baddbmm, addbmm, as PyTorch's derivatives.yaml (maybe_multiply:
// a factor of 1 is no multiplication); the js device's src/js/grad/linalg2.ts is the same:
//
//   self     g·beta, summed to self's shape
//   addmv    mat: (g ⊗ vec)·alpha                 vec: (matᵀ·g)·alpha
//   baddbmm  batch1: (g·batch2ᵀ)·alpha            batch2: (batch1ᵀ·g)·alpha
//   addbmm   the same with g expanded over the batch

import { Op } from '../../abi/abi';
import { dimOf, ndimOf, shapePtr } from '../tensors';
import { recOp, recS0, recS1 } from '../tape';
import { SHAPE } from '../scratch';
import { T, saved, sumTo, mulS } from './helpers';
import { gemmCompute } from '../ops/linalg';
import { expandCompute } from '../ops/shape';
import { gluRun, crossCompute } from '../ops/linalg2';

/** linalg.cross's derivative: self cross(other, g), other cross(g, self), summed to each input's shape. */
export function crossBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const nd = ndimOf(g), shape = shapePtr(g), dim = recI0(r);
  return sumTo(r, k, T(k == 0 ? crossCompute(saved(r, 1), g, dim, nd, shape) : crossCompute(g, saved(r, 0), dim, nd, shape)));
}
import { newTensorN, numelOf } from '../tensors';
import { DType } from '../../abi/abi';
import { recI0 } from '../tape';

/** F.glu's derivative: [sigmoid(b)·g | (1 − sigmoid(b))·sigmoid(b)·a·g] along dim. */
export function gluBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const x = saved(r, 0);
  const out = T(newTensorN(ndimOf(x), shapePtr(x), DType.Float32, numelOf(x)));
  if (out > 0) gluRun(x, recI0(r), g, out);
  return out;
}

export function addProductBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (k == 0) return sumTo(r, 0, mulS(g, recS0(r)));
  const alpha = recS1(r), op = recOp(r);
  if (op == Op.Addmv) {
    if (k == 1) {
      const vec = saved(r, 2), M = dimOf(g, 0), K = dimOf(vec, 0);
      store<i32>(SHAPE, M); store<i32>(SHAPE, K, 4);
      return mulS(T(gemmCompute(false, false, 1, M, K, 1, g, vec, 2, SHAPE)), alpha);
    }
    const mat = saved(r, 1), M = dimOf(mat, 0), K = dimOf(mat, 1);
    store<i32>(SHAPE, K);
    return mulS(T(gemmCompute(true, false, 1, K, 1, M, mat, g, 1, SHAPE)), alpha);
  }
  const b1 = k == 2 ? saved(r, 1) : 0, b2 = k == 1 ? saved(r, 2) : 0;
  const other = k == 1 ? b2 : b1;
  const batch = dimOf(other, 0);
  let gb = g;
  if (op == Op.Addbmm) {
    // g [M, N] expanded to [B, M, N]
    store<i32>(SHAPE, batch); store<i32>(SHAPE, dimOf(g, 0), 4); store<i32>(SHAPE, dimOf(g, 1), 8);
    gb = T(expandCompute(g, 3, SHAPE));
    if (gb < 0) return gb;
  } else if (op != Op.Baddbmm) unreachable();
  const M = dimOf(gb, 1), N = dimOf(gb, 2);
  if (k == 1) {
    // g·batch2ᵀ: [B, M, N]·[B, N, K]
    const K = dimOf(b2, 1);
    store<i32>(SHAPE, batch); store<i32>(SHAPE, M, 4); store<i32>(SHAPE, K, 8);
    return mulS(T(gemmCompute(false, true, batch, M, K, N, gb, b2, 3, SHAPE)), alpha);
  }
  // batch1ᵀ·g: [B, K, M]·[B, M, N]
  const K = dimOf(b1, 2);
  store<i32>(SHAPE, batch); store<i32>(SHAPE, K, 4); store<i32>(SHAPE, N, 8);
  return mulS(T(gemmCompute(true, false, batch, K, N, M, b1, gb, 3, SHAPE)), alpha);
}
