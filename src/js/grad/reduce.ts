// Derivatives of the reductions and the softmax family (js device), mirroring
// assembly/grad/reduce.ts: one fused kernel each, except softmax, log_softmax
// and logsumexp under create_graph, composed of recorded ops.

import { Op, DType } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, empty, isGradEnabled, roundOf } from '../tensor.js';
import { binary, unary, sum, unreduce as spreadCompute } from '../ops.js';
import { mul, div, sub, un, addS, zerosLike, saved, result, unreduce, zeroWhereZero } from './helpers.js';
import { amaxGrad, logsumexpGrad, split, softmaxBackwardKernel, softmaxBackward64 } from '../ops/reduce.js';

type Floats = Float32Array | Float64Array;
/** A new tensor shaped like input 0 of r, in g's dtype. */
const inputLike = (r: JsRecord, g: JsTensor): JsTensor => empty(r.inputs[0].shape.slice(), g.dtype);

/**
 * 1 where x (|x| with absolute) equals m spread back over the dims in mask (and where both are
 * NaN, with nanHits), else 0: the constant mask of the max rules and the ±inf norms under create_graph.
 */
export function hits(x: JsTensor, m: JsTensor, mask: number, nanHits: boolean, absolute = false): JsTensor {
  const full = spreadCompute(m, x.shape, mask).data, out = empty(x.shape.slice(), x.dtype);
  x.data.forEach((v, i) => {
    const a = absolute ? Math.abs(v) : v;
    out.data[i] = a === full[i] || (nanHits && a !== a && full[i] !== full[i]) ? 1 : 0;
  });
  return out;
}

// (g / count)·(x == amax): ties share the gradient evenly; under create_graph ATen's
// scale_grad_by_count from recorded ops (the mask and the count are constants)
export const amaxBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => {
  if (isGradEnabled()) {
    const h = hits(saved(r, 0), result(r), r.i0, false);
    return mul(unreduce(r, div(g, sum(Op.SumDim, h, r.i0, r.i1 !== 0))), h);
  }
  const x = saved(r, 0), out = inputLike(r, g);
  amaxGrad(x.data as Floats, x.shape, r.i0, result(r).data as Floats, g.data as Floats, out.data as Floats);
  return out;
};

// evenly_distribute_backward: g / count to every element equal to the max (every NaN when it is
// NaN); under create_graph from recorded ops, the index_put_ into zeros a where
export const maxAllBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => {
  if (isGradEnabled()) return distributeRecorded(r, g, saved(r, 0), result(r));
  const x = saved(r, 0).data as Floats, out = inputLike(r, g), o = out.data;
  const v = result(r).data[0], isNan = v !== v;
  const hit = (e: number): boolean => (isNan ? e !== e : e === v);
  let count = 0;
  for (let i = 0; i < x.length; i++) if (hit(x[i])) count++;
  const share = roundOf(g.dtype)(g.data[0] / count);
  for (let i = 0; i < x.length; i++) o[i] = hit(x[i]) ? share : 0;
  return out;
};

/**
 * evenly_distribute_backward from recorded ops (create_graph; max, min, median, nanmedian of the
 * whole tensor): the index_put_ of g / count into zeros at the hits is a where.
 */
export function distributeRecorded(r: JsRecord, g: JsTensor, x: JsTensor, m: JsTensor): JsTensor {
  const nd = x.shape.length, all = nd ? (1 << nd) - 1 : 0, h = hits(x, m, all, true);
  return zeroWhereZero(h, unreduce(r, div(g, sum(Op.SumDim, h, all, false)), all, 0));
}

// the gradient goes to the index max chose; under create_graph ATen's scatter into zeros as a
// recorded where over the one-hot of the indices (toIndices on ones)
export const maxDimBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => {
  if (!isGradEnabled()) return toIndices(r, g);
  const h = toIndices(r, addS(zerosLike(g), 1));
  return zeroWhereZero(h, unreduce(r, g, r.inputs[0].shape.length ? 1 << r.i0 : 0, r.i1));
};

/** g put at the indices max chose along its dim, zeros elsewhere (a fresh input-shaped tensor). */
const toIndices = (r: JsRecord, g: JsTensor): JsTensor => {
  const out = inputLike(r, g), o = out.data, gd = g.data, idx = saved(r, 0).data;
  const [outer, d, inner] = split(r.inputs[0].shape, r.i0);
  for (let b = 0; b < outer; b++) {
    for (let i = 0; i < inner; i++) o[(b * d + idx[b * inner + i]) * inner + i] = gd[b * inner + i];
  }
  return out;
};

// g·exp(x − logsumexp(x))
export const logsumexpBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => {
  // create_graph: the same from recorded ops, g and the result spread back over the reduced dims
  if (isGradEnabled()) return mul(unreduce(r, g), un(Op.Exp, sub(saved(r, 0), unreduce(r, result(r)))));
  const x = saved(r, 0), out = inputLike(r, g);
  logsumexpGrad(x.data as Floats, x.shape, r.i0, result(r).data as Floats, g.data as Floats, out.data as Floats);
  return out;
};

function softmaxLikeBackward(isLog: boolean, r: JsRecord, g: JsTensor): JsTensor {
  const y = result(r), shape = r.inputs[0].shape, dim = r.i0;
  if (isGradEnabled()) {
    // create_graph: (g − Σ g·y)·y, or g − exp(y)·Σ g, from recorded ops
    const mask = shape.length ? 1 << dim : 0;
    const s = sum(Op.SumDim, isLog ? g : mul(g, y), mask, true);
    if (isLog) return binary(Op.Sub, g, mul(unary(Op.Exp, y), s), 1);
    return mul(binary(Op.Sub, g, s, 1), y);
  }
  const out = inputLike(r, g);
  const [outer, d, inner] = split(shape, dim);
  if (g.dtype === DType.Float64) softmaxBackward64(isLog, g.data as Float64Array, y.data as Float64Array, out.data as Float64Array, outer, d, inner);
  else {
    // cross_entropy's log_softmax kept its softmax (ops/reduce.ts softmax): no exps here
    const probs = isLog ? r.saved[0] ?? null : null;
    softmaxBackwardKernel(isLog, g.data as Float32Array, (probs ?? y).data as Float32Array, out.data as Float32Array, outer, d, inner, probs !== null);
  }
  return out;
}

// y·(g − Σ g·y) along dim
export const softmaxBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => softmaxLikeBackward(false, r, g);
// g − exp(y)·Σ g along dim
export const logSoftmaxBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => softmaxLikeBackward(true, r, g);
