// Derivatives of addmv, baddbmm, addbmm (js device), as on the wasm device
// (assembly/grad/linalg_more.ts) and PyTorch's derivatives.yaml:
//
//   self     g·beta, summed to self's shape
//   addmv    mat: (g ⊗ vec)·alpha                 vec: (matᵀ·g)·alpha
//   baddbmm  batch1: (g·batch2ᵀ)·alpha            batch2: (batch1ᵀ·g)·alpha
//   addbmm   the same with g expanded over the batch

import { Op } from '../../../abi/abi.js';
import type { JsRecord, JsTensor } from '../tensor.js';
import { expandCompute, expand, unary, view } from '../ops.js';
import { gemmCompute } from '../ops/linalg.js';
import { prod, outerGrad, mvGradVec, recording } from './linalg.js';
import { saved, sumTo, mulS, mul, div, sub, neg, un, powS, zeroWhereZero, fused } from './helpers.js';
import { ternary } from '../ops/ternary.js';
import { compare } from '../ops/compare.js';
import { sum } from '../ops.js';
import { Fused } from '../generated/kernels.generated.js';
import { slice, cat } from '../ops/shape.js';
import { empty } from '../tensor.js';
import { reduceSum, type Float } from '../kernels/reduce.js';
import { gluRun, cross, normGrad, cdistGrad } from '../ops/linalg_more.js';

/** A gradient of zeros at input 0's shape (CopyBackwards: matrix_power(A, 0) overwrites A's clone). */
export const zerosBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => empty(r.inputs[0].shape.slice(), g.dtype);

/** cdist's derivative (PyTorch's _cdist_backward, for x2 with the roles swapped), summed to the input's shape. */
export const cdistBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  sumTo(r, k, isGradEnabled() ? cdistRecorded(saved(r, 0), saved(r, 1), g, result(r), r.s0, k)
    : cdistGrad(saved(r, 0), saved(r, 1), g, result(r), r.s0, k === 1));

/** where(x == y, a, 0): cdist's ∞-norm rows pass the gradient where |diff| is the distance. */
function keepWhereEq(x: JsTensor, y: JsTensor, a: JsTensor): JsTensor {
  const zero = empty([], a.dtype);
  return ternary(Op.Where, compare(Op.Eq, x, y), a, zero, 0, a.shape.slice());
}

/**
 * _cdist_backward from recording ops (create_graph), over diff = x1[…, P, 1, M] − x2[…, 1, R, M]
 * with the distance and g at […, P, R, 1]: the row term by p (0 where the distance is 0), summed
 * over R for x1 and, negated, over P for x2 (the term is odd in diff). The masks are constants.
 */
function cdistRecorded(x1: JsTensor, x2: JsTensor, g: JsTensor, dist: JsTensor, p: number, k: number): JsTensor {
  const n1 = x1.shape.length;
  const a = view(Op.View, x1, [...x1.shape.slice(0, -1), 1, x1.shape[n1 - 1]]);
  const b = view(Op.View, x2, [...x2.shape.slice(0, -2), 1, ...x2.shape.slice(-2)]);
  const diff = sub(a, b), d = view(Op.View, dist, [...dist.shape, 1]), gv = view(Op.View, g, [...g.shape, 1]);
  const sgn = un(Op.Sgn, diff), ad = un(Op.Abs, diff);
  let term: JsTensor;
  if (p === 1) term = mul(gv, sgn);
  else if (p === 2) term = mul(gv, zeroWhereZero(d, div(diff, d)));
  else if (p === Infinity) term = keepWhereEq(ad, d, mul(gv, sgn));
  else if (p < 1) term = zeroWhereZero(d, mul(mul(zeroWhereZero(diff, mul(sgn, powS(ad, p - 1))), gv), powS(d, 1 - p)));
  else if (p < 2) term = zeroWhereZero(d, mul(mul(sgn, powS(ad, p - 1)), div(gv, powS(d, p - 1))));
  else term = zeroWhereZero(d, mul(mul(diff, powS(ad, p - 2)), div(gv, powS(d, p - 1))));
  const nd = term.shape.length;
  const s = sum(Op.SumDim, term, 1 << (k === 0 ? nd - 2 : nd - 3), false);
  return k === 0 ? s : neg(s);
}
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
  sumTo(r, k, k === 0 ? cross(saved(r, 1), g, r.i0, g.shape) : cross(g, saved(r, 0), r.i0, g.shape)); // recorded under create_graph

/** F.glu's derivative: [sigmoid(b)·g | (1 − sigmoid(b))·sigmoid(b)·a·g] along dim. */
export function gluBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const x = saved(r, 0);
  if (recording(g, x)) {
    // from recording ops (create_graph): [σ(b)·g | a·σ(b)·(1 − σ(b))·g] along dim
    const n = x.shape[r.i0] / 2;
    const a = slice(Op.Slice, x, r.i0, 0, n, 1), b = slice(Op.Slice, x, r.i0, n, n, 1), s = unary(Op.Sigmoid, b);
    // a·σ'(b)·g as sigmoid_backward(a·g, σ(b)): one node, whose derivative for σ(b) is one term
    return cat(Op.Cat, [mul(g, s), fused(Fused.SigmoidBackward, mul(g, a), s, null)], r.i0);
  }
  const out = empty(x.shape.slice(), x.dtype);
  gluRun(x, r.i0, g, out);
  return out;
}

export function addProductBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (k === 0) return sumTo(r, 0, mulS(g, r.s0));
  const alpha = r.s1;
  // addmv is mv's gradients, baddbmm bmm's, addbmm bmm's with g repeated over the batch; times alpha
  if (r.op === Op.Addmv) return mulS(k === 1 ? outerGrad(g, saved(r, 2)) : mvGradVec(saved(r, 1), g), alpha);
  const b1 = saved(r, 1), b2 = saved(r, 2);
  const shape = [(k === 1 ? b2 : b1).shape[0], ...g.shape];
  const gb = r.op === Op.Addbmm ? (recording(g, g) ? expand(g, shape) : expandCompute(g, shape)) : g;
  // g·batch2ᵀ for batch1, batch1ᵀ·g for batch2
  return mulS(k === 1 ? prod(gb, false, b2, true) : prod(b1, true, gb, false), alpha);
}

/** linalg.inv's derivative (PyTorch's linalg_inv_ex): −A⁻ᵀ·g·A⁻ᵀ, from the saved result. */
export function linalgInvBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const inv = result(r), shape = g.shape, n = shape[shape.length - 1], batch = n ? g.numel / (n * n) : 0;
  if (recording(g, inv)) {
    // −invᵀ·(g·invᵀ) from recorded products, more than one batch dim viewed as one
    const as3 = (t: JsTensor): JsTensor => (shape.length <= 3 ? t : view(Op.View, t, [batch, n, n]));
    const d = unary(Op.Neg, prod(as3(inv), true, prod(as3(g), false, as3(inv), true), false));
    return shape.length <= 3 ? d : view(Op.View, d, shape.slice());
  }
  const gi = gemmCompute(false, true, batch, n, n, n, g, inv, shape.slice());
  return unary(Op.Neg, gemmCompute(true, false, batch, n, n, n, inv, gi, shape.slice()));
}
