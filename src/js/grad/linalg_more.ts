// Derivatives of addmv, baddbmm, addbmm (js device), as on the wasm device
// (assembly/grad/linalg_more.ts) and PyTorch's derivatives.yaml:
//
//   self     g·beta, summed to self's shape
//   addmv    mat: (g ⊗ vec)·alpha                 vec: (matᵀ·g)·alpha
//   baddbmm  batch1: (g·batch2ᵀ)·alpha            batch2: (batch1ᵀ·g)·alpha
//   addbmm   the same with g expanded over the batch

import { Op } from '../../../abi/abi.js';
import type { JsRecord, JsTensor } from '../tensor.js';
import { expandCompute, unary } from '../ops.js';
import { gemmCompute } from '../ops/linalg.js';
import { saved, sumTo, mulS } from './helpers.js';
import { empty } from '../tensor.js';
import { reduceSum, type Float } from '../kernels/reduce.js';
import { gluRun, crossCompute, normGrad, cdistGrad } from '../ops/linalg_more.js';

/** A gradient of zeros at input 0's shape (CopyBackwards: matrix_power(A, 0) overwrites A's clone). */
export const zerosBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => empty(r.inputs[0].shape.slice(), g.dtype);

/** cdist's derivative (PyTorch's _cdist_backward, for x2 with the roles swapped), summed to the input's shape. */
export const cdistBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  sumTo(r, k, cdistGrad(saved(r, 0), saved(r, 1), g, result(r), r.s0, k === 1));
import { unreduce as spread } from '../ops.js';
import { result } from './helpers.js';
import { normRecorded } from './reduce_stats.js';
import { isGradEnabled } from '../tensor.js';

/**
 * The p-norm's derivative (PyTorch's norm_backward): g and the norm spread over the reduced dims;
 * under create_graph from recorded ops (normRecorded).
 */
export function normBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const x = saved(r, 0), shape = x.shape, p = r.s0;
  if (isGradEnabled()) return normRecorded(r, g, x, result(r), p, r.i0, r.i1);
  const n = spread(result(r), shape, r.i0).data as Float, gs = spread(g, shape, r.i0).data as Float;
  let count: Float | null = null;
  if (p === Infinity) {
    // the elements at the norm (or NaN) share the gradient evenly
    const X = x.data as Float;
    const hits = empty(shape.slice(), x.dtype);
    X.forEach((v, i) => { hits.data[i] = Math.abs(v) === n[i] || v !== v ? 1 : 0; });
    const cnt = empty(result(r).shape.slice(), x.dtype);
    reduceSum(hits.data as Float, shape, r.i0, cnt.data as Float, 1);
    count = spread(cnt, shape, r.i0).data as Float;
  }
  const out = empty(shape.slice(), x.dtype);
  normGrad(x.data as Float, n, gs, p, count, out.data as Float);
  return out;
}

/** linalg.cross's derivative: self cross(other, g), other cross(g, self), summed to each input's shape. */
export const crossBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  sumTo(r, k, k === 0 ? crossCompute(saved(r, 1), g, r.i0, g.shape) : crossCompute(g, saved(r, 0), r.i0, g.shape));

/** F.glu's derivative: [sigmoid(b)·g | (1 − sigmoid(b))·sigmoid(b)·a·g] along dim. */
export function gluBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const x = saved(r, 0), out = empty(x.shape.slice(), x.dtype);
  gluRun(x, r.i0, g, out);
  return out;
}

export function addProductBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (k === 0) return sumTo(r, 0, mulS(g, r.s0));
  const alpha = r.s1;
  if (r.op === Op.Addmv) {
    if (k === 1) {
      const vec = saved(r, 2), M = g.shape[0], K = vec.shape[0];
      return mulS(gemmCompute(false, false, 1, M, K, 1, g, vec, [M, K]), alpha);
    }
    const mat = saved(r, 1), [M, K] = mat.shape;
    return mulS(gemmCompute(true, false, 1, K, 1, M, mat, g, [K]), alpha);
  }
  const other = k === 1 ? saved(r, 2) : saved(r, 1);
  const batch = other.shape[0];
  const gb = r.op === Op.Addbmm ? expandCompute(g, [batch, ...g.shape]) : g;
  const [, M, N] = gb.shape;
  if (k === 1) {
    const K = other.shape[1];
    return mulS(gemmCompute(false, true, batch, M, K, N, gb, other, [batch, M, K]), alpha);
  }
  const K = other.shape[2];
  return mulS(gemmCompute(true, false, batch, K, N, M, other, gb, [batch, K, N]), alpha);
}

/** linalg.inv's derivative (PyTorch's linalg_inv_ex): −A⁻ᵀ·g·A⁻ᵀ, from the saved result. */
export function linalgInvBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const inv = result(r), shape = g.shape, n = shape[shape.length - 1], batch = n ? g.numel / (n * n) : 0;
  const gi = gemmCompute(false, true, batch, n, n, n, g, inv, shape.slice());
  return unary(Op.Neg, gemmCompute(true, false, batch, n, n, n, inv, gi, shape.slice()));
}
