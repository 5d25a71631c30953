// Derivatives of the reductions and the softmax family that need more than a
// row of derivatives.ts. Each runs one fused kernel into a fresh input-shaped
// tensor; keepdim never matters, since g and the result are laid out in the
// same element order with or without the kept size-1 dims. softmax, log_softmax and logsumexp, under create_graph
// (grad mode on during the sweep), are instead composed of recorded ops with the same rounding, so
// they can be differentiated again.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, dataOf, numelOf, dtypeOf } from '../tensors';
import { inNdim, inShape, is_grad_enabled } from '../tape';
import { T, saved, result, i0, i1, mul, div, sub, un, addS, zerosLike, unreduce, spreadCompute, zeroWhereZero } from './helpers';
import { amaxGrad, logsumexpGrad } from '../kernels/reduce';
import { softmaxBackward as softmaxKernel, maxAlongDimGrad } from '../kernels/softmax';
import { softmaxBackward64 } from '../kernels/softmax64';
import { binary, unary } from '../ops/elementwise';
import { sum, sumCompute, outerSize, innerSize, dimSize } from '../ops/reduce';

/** A new tensor shaped like input 0 of r, in g's dtype (a temporary of the rule). */
function inputLike(r: usize, g: i32): i32 {
  return T(newTensor(inNdim(r, 0), inShape(r, 0), dtypeOf(g)));
}

const isF64 = (t: i32): bool => dtypeOf(t) == DType.Float64;

/**
 * 1 where x (|x| with absolute) equals m spread back over the dims in mask (and where both are
 * NaN, with nanHits), else 0: the constant mask of the max rules and the ±inf norms under create_graph.
 */
export function hits(r: usize, x: i32, m: i32, mask: i32, nanHits: bool, absolute: bool = false): i32 {
  const full = T(spreadCompute(m, inNdim(r, 0), inShape(r, 0), mask));
  if (full < 0) return full;
  const out = inputLike(r, x);
  if (out <= 0) return Err.OutOfMemory;
  if (isF64(x)) hitsKernel<f64>(dataOf(x), dataOf(full), dataOf(out), numelOf(x), nanHits, absolute);
  else hitsKernel<f32>(dataOf(x), dataOf(full), dataOf(out), numelOf(x), nanHits, absolute);
  return out;
}

function hitsKernel<F>(px: usize, pm: usize, po: usize, n: i32, nanHits: bool, absolute: bool): void {
  const sh = alignof<F>();
  for (let i = 0; i < n; i++) {
    const v = load<F>(px + (<usize>i << sh)), a = absolute ? abs<F>(v) : v, b = load<F>(pm + (<usize>i << sh));
    store<F>(po + (<usize>i << sh), <F>(a == b || (nanHits && a != a && b != b) ? 1 : 0));
  }
}

// (g / count) · (x == amax): ties share the gradient evenly; under create_graph ATen's
// scale_grad_by_count from recorded ops (the mask and the count are constants)
export function amaxBackward(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0), m = result(r);
  if (m < 0) return m;
  if (is_grad_enabled()) {
    const mask = i0(r), h = hits(r, x, m, mask, false);
    const count = h < 0 ? h : T(sumCompute(h, mask, i1(r) != 0, 1));
    return mul(unreduce(r, div(g, count), mask, i1(r)), h);
  }
  const out = inputLike(r, g);
  if (out < 0) return out;
  const ok = isF64(g)
    ? amaxGrad<f64>(dataOf(x), numelOf(x), inNdim(r, 0), inShape(r, 0), i0(r), dataOf(m), dataOf(g), numelOf(g), dataOf(out))
    : amaxGrad<f32>(dataOf(x), numelOf(x), inNdim(r, 0), inShape(r, 0), i0(r), dataOf(m), dataOf(g), numelOf(g), dataOf(out));
  return ok ? out : Err.OutOfMemory;
}

// evenly_distribute_backward: g / count to every element equal to the max
// (to every NaN when the max is NaN), 0 elsewhere; under create_graph from recorded ops, the
// index_put_ into zeros a where
export function maxAllBackward(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0), m = result(r);
  if (m < 0) return m;
  if (is_grad_enabled()) return distributeRecorded(r, g, x, m);
  const out = inputLike(r, g);
  if (out < 0) return out;
  if (isF64(g)) evenlyDistribute<f64>(dataOf(x), numelOf(x), dataOf(m), dataOf(g), dataOf(out));
  else evenlyDistribute<f32>(dataOf(x), numelOf(x), dataOf(m), dataOf(g), dataOf(out));
  return out;
}

/**
 * evenly_distribute_backward from recorded ops (create_graph; max, min, median, nanmedian of the
 * whole tensor): the index_put_ of g / count into zeros at the hits is a where.
 */
export function distributeRecorded(r: usize, g: i32, x: i32, m: i32): i32 {
  const nd = inNdim(r, 0), all = nd ? (1 << nd) - 1 : 0, h = hits(r, x, m, all, true);
  const count = h < 0 ? h : T(sumCompute(h, all, false, 1));
  return zeroWhereZero(h, unreduce(r, div(g, count), all, 0));
}

function evenlyDistribute<F>(px: usize, n: i32, pm: usize, pg: usize, po: usize): void {
  const sh = alignof<F>();
  const v = load<F>(pm), isNan = v != v;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const e = load<F>(px + (<usize>i << sh));
    if (isNan ? e != e : e == v) count++;
  }
  const share = load<F>(pg) / <F>count;
  for (let i = 0; i < n; i++) {
    const e = load<F>(px + (<usize>i << sh));
    store<F>(po + (<usize>i << sh), (isNan ? e != e : e == v) ? share : 0);
  }
}

// the gradient goes to the index max chose; under create_graph ATen's scatter into zeros as a
// recorded where over the one-hot of the indices (this rule run on ones)
export function maxDimBackward(r: usize, g: i32, k: i32): i32 {
  if (!is_grad_enabled()) return toIndices(r, g);
  const h = toIndices(r, addS(zerosLike(g), 1)), nd = inNdim(r, 0);
  return zeroWhereZero(h, unreduce(r, g, nd ? 1 << i0(r) : 0, i1(r)));
}

/** g put at the indices max chose along its dim, zeros elsewhere (a fresh input-shaped tensor). */
function toIndices(r: usize, g: i32): i32 {
  if (g < 0) return g;
  const out = inputLike(r, g);
  if (out < 0) return out;
  const nd = inNdim(r, 0), shape = inShape(r, 0), dim = i0(r);
  const outer = outerSize(nd, shape, dim), d = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  if (isF64(g)) maxAlongDimGrad<f64>(dataOf(g), dataOf(saved(r, 0)), dataOf(out), outer, d, inner);
  else maxAlongDimGrad<f32>(dataOf(g), dataOf(saved(r, 0)), dataOf(out), outer, d, inner);
  return out;
}

// g · exp(x − logsumexp(x))
export function logsumexpBackward(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0), res = result(r);
  if (res < 0) return res;
  if (is_grad_enabled()) {
    // create_graph: the same from recorded ops, g and the result spread back over the reduced dims
    const mask = i0(r), keepdim = i1(r);
    return mul(unreduce(r, g, mask, keepdim), un(Op.Exp, sub(x, unreduce(r, res, mask, keepdim))));
  }
  const out = inputLike(r, g);
  if (out < 0) return out;
  if (isF64(g)) logsumexpGrad<f64>(dataOf(x), numelOf(x), inNdim(r, 0), inShape(r, 0), i0(r), dataOf(res), dataOf(g), dataOf(out));
  else logsumexpGrad<f32>(dataOf(x), numelOf(x), inNdim(r, 0), inShape(r, 0), i0(r), dataOf(res), dataOf(g), dataOf(out));
  return out;
}

function softmaxLikeBackward(isLog: bool, r: usize, g: i32): i32 {
  const nd = inNdim(r, 0), shape = inShape(r, 0), dim = i0(r);
  // cross_entropy's log_softmax kept its softmax (ops/reduce.ts softmax): then the result itself is
  // not read, and rebuilding it (its tensor is usually gone) would copy every element for nothing
  const probs = isLog && !isF64(g) && !is_grad_enabled() ? saved(r, 0) : 0;
  if (probs) {
    const out = inputLike(r, g);
    if (out < 0) return out;
    const outer = outerSize(nd, shape, dim), d = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
    return softmaxKernel(true, dataOf(g), dataOf(probs), dataOf(out), outer, d, inner, true) ? out : Err.OutOfMemory;
  }
  const y = result(r);
  if (y < 0) return y;
  if (is_grad_enabled()) {
    // create_graph: (g − Σ g·y)·y, or g − exp(y)·Σ g, from recorded ops
    const mask = nd ? 1 << dim : 0;
    const gy = isLog ? g : mul(g, y);
    if (gy < 0) return gy;
    const s = T(sum(Op.SumDim, gy, mask, true));
    if (s < 0) return s;
    if (isLog) {
      const e = T(unary(Op.Exp, y));
      const es = e < 0 ? e : mul(e, s);
      return es < 0 ? es : T(binary(Op.Sub, g, es, 1));
    }
    const d = T(binary(Op.Sub, g, s, 1));
    return d < 0 ? d : mul(d, y);
  }
  const out = inputLike(r, g);
  if (out < 0) return out;
  const outer = outerSize(nd, shape, dim), d = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  if (isF64(g)) { softmaxBackward64(isLog, dataOf(g), dataOf(y), dataOf(out), outer, d, inner); return out; }
  return softmaxKernel(isLog, dataOf(g), dataOf(y), dataOf(out), outer, d, inner) ? out : Err.OutOfMemory;
}

// y·(g − Σ g·y) along dim
export function softmaxBackward(r: usize, g: i32, k: i32): i32 { return softmaxLikeBackward(false, r, g); }
// g − exp(y)·Σ g along dim
export function logSoftmaxBackward(r: usize, g: i32, k: i32): i32 { return softmaxLikeBackward(true, r, g); }
