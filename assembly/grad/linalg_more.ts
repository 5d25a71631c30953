// Derivatives of the p-norm, glu, linalg.cross (one loop each, see ../ops/linalg_more.ts) and of
// addmv, baddbmm, addbmm, as PyTorch's derivatives.yaml (maybe_multiply: a factor of 1 is no
// multiplication); the js device's src/js/grad/linalg_more.ts is the same:
//
//   self     g·beta, summed to self's shape
//   addmv    mat: (g ⊗ vec)·alpha                 vec: (matᵀ·g)·alpha
//   baddbmm  batch1: (g·batch2ᵀ)·alpha            batch2: (batch1ᵀ·g)·alpha
//   addbmm   the same with g expanded over the batch

import { Op, Err, DType } from '../../abi/abi';
import { dimOf, ndimOf, shapePtr, dataOf, newTensor, newTensorN, numelOf, dtypeOf, dataBytes } from '../tensors';
import { recOp, recS0, recS1, recI0, recI1, inNdim, inShape, is_grad_enabled } from '../tape';
import { normRecorded } from './reduce_stats';
import { SHAPE, COUNTERS, argsPtr } from '../scratch';
import { T, saved, sumTo, mulS, unreduce, result, neg, mul, un, fused, sub, div, powS, zeroWhereZero } from './helpers';
import { compare } from '../ops/compare';
import { ternaryAt } from '../ops/ternary';
import { sum } from '../ops/reduce';
import { Fused } from '../generated/kernels.generated';
import { gemmCompute } from '../ops/linalg';
import { expandCompute, expand, slice, cat, view } from '../ops/shape';
import { prod, outerGrad, mvGradVec, recording } from './linalg';
import { gluRun, crossAt, normGrad, cdistGrad } from '../ops/linalg_more';

/** A gradient of zeros at input 0's shape (CopyBackwards: matrix_power(A, 0) overwrites A's clone). */
export function zerosBackward(r: usize, g: i32, k: i32): i32 {
  const out = T(newTensor(inNdim(r, 0), inShape(r, 0), dtypeOf(g)));
  if (out > 0) memory.fill(dataOf(out), 0, dataBytes(out));
  return out;
}

/** cdist's derivative (PyTorch's _cdist_backward, for x2 with the roles swapped), summed to the input's shape. */
export function cdistBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const res = result(r);
  if (res < 0) return res;
  if (is_grad_enabled()) return sumTo(r, k, cdistRecorded(saved(r, 0), saved(r, 1), g, res, recS0(r), k));
  return sumTo(r, k, T(cdistGrad(saved(r, 0), saved(r, 1), g, res, recS0(r), k == 1)));
}

/** x viewed with a dim of size 1 inserted before its dim `at` (recorded). */
function withUnitDim(x: i32, at: i32): i32 {
  if (x < 0) return x;
  const nd = ndimOf(x);
  for (let d = 0, o = 0; d <= nd; d++) {
    if (d == at) { store<i32>(SHAPE + (<usize>d << 2), 1); continue; }
    store<i32>(SHAPE + (<usize>d << 2), dimOf(x, o++));
  }
  return T(view(Op.View, x, nd + 1, SHAPE));
}

/** where(x == y, a, 0): cdist's ∞-norm rows pass the gradient where |diff| is the distance. */
function keepWhereEq(x: i32, y: i32, a: i32): i32 {
  if (x < 0) return x;
  if (y < 0) return y;
  if (a < 0) return a;
  const zero = T(newTensor(0, SHAPE, dtypeOf(a)));
  if (zero <= 0) return Err.OutOfMemory;
  memory.fill(dataOf(zero), 0, dataBytes(zero));
  const cond = T(compare(Op.Eq, x, y));
  return cond < 0 ? cond : T(ternaryAt(Op.Where, cond, a, zero, 0, ndimOf(a), shapePtr(a)));
}

/**
 * _cdist_backward from recording ops (create_graph), over diff = x1[…, P, 1, M] − x2[…, 1, R, M]
 * with the distance and g at […, P, R, 1]: the row term by p (0 where the distance is 0), summed
 * over R for x1 and, negated, over P for x2 (the term is odd in diff). The masks are constants.
 * The js device's src/js/grad/linalg_more.ts is the same.
 */
function cdistRecorded(x1: i32, x2: i32, g: i32, dist: i32, p: f64, k: i32): i32 {
  const diff = sub(withUnitDim(x1, ndimOf(x1) - 1), withUnitDim(x2, ndimOf(x2) - 2));
  const d = withUnitDim(dist, ndimOf(dist)), gv = withUnitDim(g, ndimOf(g));
  const sgn = un(Op.Sgn, diff), ad = un(Op.Abs, diff);
  let term: i32;
  if (p == 1) term = mul(gv, sgn);
  else if (p == 2) term = mul(gv, zeroWhereZero(d, div(diff, d)));
  else if (p == Infinity) term = keepWhereEq(ad, d, mul(gv, sgn));
  else if (p < 1) term = zeroWhereZero(d, mul(mul(zeroWhereZero(diff, mul(sgn, powS(ad, p - 1))), gv), powS(d, 1 - p)));
  else if (p < 2) term = zeroWhereZero(d, mul(mul(sgn, powS(ad, p - 1)), div(gv, powS(d, p - 1))));
  else term = zeroWhereZero(d, mul(mul(diff, powS(ad, p - 2)), div(gv, powS(d, p - 1))));
  if (term < 0) return term;
  const nd = ndimOf(term);
  const s = T(sum(Op.SumDim, term, 1 << (k == 0 ? nd - 2 : nd - 3), false));
  return k == 0 ? s : neg(s);
}
import { reduceSum } from '../kernels/reduce';

/**
 * The p-norm's derivative (PyTorch's norm_backward): g and the norm spread over the reduced dims;
 * under create_graph from recorded ops (normRecorded).
 */
export function normBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const x = saved(r, 0), p = recS0(r), mask = recI0(r), keepdim = recI1(r);
  const res = result(r);
  if (res < 0) return res;
  if (is_grad_enabled()) return normRecorded(r, g, x, res, p, mask, keepdim);
  const n = unreduce(r, res, mask, keepdim), gs = unreduce(r, g, mask, keepdim);
  if (n < 0) return n;
  if (gs < 0) return gs;
  const size = numelOf(x), px = dataOf(x), pn = dataOf(n);
  const dt = dtypeOf(x), f64 = dt == DType.Float64;
  let count = 0;
  if (p == Infinity) {
    // the elements at the norm (or NaN) share the gradient evenly
    const hits = T(newTensorN(ndimOf(x), shapePtr(x), dt, size));
    const cnt = T(newTensor(ndimOf(res), shapePtr(res), dt));
    if (hits < 0) return hits;
    if (cnt < 0) return cnt;
    if (f64) normHits<f64>(px, pn, dataOf(hits), size); else normHits<f32>(px, pn, dataOf(hits), size);
    const ok = f64
      ? reduceSum<f64>(dataOf(hits), ndimOf(x), shapePtr(x), mask, dataOf(cnt), 1.0, COUNTERS)
      : reduceSum<f32>(dataOf(hits), ndimOf(x), shapePtr(x), mask, dataOf(cnt), 1.0, COUNTERS);
    if (!ok) return Err.OutOfMemory;
    count = unreduce(r, cnt, mask, keepdim);
    if (count < 0) return count;
  }
  const out = T(newTensorN(ndimOf(x), shapePtr(x), dt, size));
  if (out > 0) {
    if (f64) normGrad<f64>(px, pn, dataOf(gs), p, count ? dataOf(count) : 0, dataOf(out), size);
    else normGrad<f32>(px, pn, dataOf(gs), p, count ? dataOf(count) : 0, dataOf(out), size);
  }
  return out;
}

/** 1 where |x| is the norm (or x is NaN), else 0. */
function normHits<F>(px: usize, pn: usize, ph: usize, n: i32): void {
  const sh = alignof<F>();
  for (let i = 0; i < n; i++) {
    const o = <usize>i << sh, v = load<F>(px + o);
    store<F>(ph + o, abs<F>(v) == load<F>(pn + o) || v != v ? 1 : 0);
  }
}

/** linalg.cross's derivative: self cross(other, g), other cross(g, self), summed to each input's shape. */
export function crossBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const nd = ndimOf(g), shape = shapePtr(g), dim = recI0(r);
  // recorded under create_graph (cross is its own derivative's op)
  return sumTo(r, k, T(k == 0 ? crossAt(saved(r, 1), g, dim, nd, shape) : crossAt(g, saved(r, 0), dim, nd, shape)));
}

/** F.glu's derivative: [sigmoid(b)·g | (1 − sigmoid(b))·sigmoid(b)·a·g] along dim. */
export function gluBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const x = saved(r, 0);
  if (recording(g, x)) return gluRecorded(x, recI0(r), g);
  const out = T(newTensorN(ndimOf(x), shapePtr(x), dtypeOf(x), numelOf(x)));
  if (out > 0) gluRun(x, recI0(r), g, out);
  return out;
}

/** glu's derivative from recording ops (create_graph): [σ(b)·g | a·σ(b)·(1 − σ(b))·g] along dim. */
function gluRecorded(x: i32, dim: i32, g: i32): i32 {
  const n = dimOf(x, dim) / 2;
  const a = T(slice(Op.Slice, x, dim, 0, n, 1)), b = T(slice(Op.Slice, x, dim, n, n, 1));
  const s = un(Op.Sigmoid, b);
  // a·σ'(b)·g as sigmoid_backward(a·g, σ(b)): one node, whose derivative for σ(b) is one term
  const ga = mul(g, s), gb = fused(Fused.SigmoidBackward, mul(g, a), s, 0, 0, 0);
  if (ga < 0) return ga;
  if (gb < 0) return gb;
  store<i32>(argsPtr(), ga);
  store<i32>(argsPtr(), gb, 4);
  return T(cat(Op.Cat, 2, dim));
}

export function addProductBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (k == 0) return sumTo(r, 0, mulS(g, recS0(r)));
  const alpha = recS1(r), op = recOp(r);
  // addmv is mv's gradients, baddbmm bmm's, addbmm bmm's with g repeated over the batch; times alpha
  if (op == Op.Addmv) return mulS(k == 1 ? outerGrad(g, saved(r, 2)) : mvGradVec(saved(r, 1), g), alpha);
  const b1 = saved(r, 1), b2 = saved(r, 2);
  let gb = g;
  if (op == Op.Addbmm) {
    // g [M, N] expanded to [B, M, N]
    store<i32>(SHAPE, dimOf(k == 1 ? b2 : b1, 0)); store<i32>(SHAPE, dimOf(g, 0), 4); store<i32>(SHAPE, dimOf(g, 1), 8);
    gb = T(recording(g, g) ? expand(g, 3, SHAPE) : expandCompute(g, 3, SHAPE));
    if (gb < 0) return gb;
  } else if (op != Op.Baddbmm) unreachable();
  // g·batch2ᵀ for batch1, batch1ᵀ·g for batch2
  return mulS(k == 1 ? prod(gb, false, b2, true) : prod(b1, true, gb, false), alpha);
}

/** linalg.inv's derivative (PyTorch's linalg_inv_ex): −A⁻ᵀ·g·A⁻ᵀ, from the saved result. */
export function linalgInvBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const inv = result(r);
  if (inv < 0) return inv;
  if (recording(g, inv)) return invRecorded(r, g, inv);
  const nd = ndimOf(g), n = dimOf(g, nd - 1), batch = n ? numelOf(g) / (n * n) : 0;
  memory.copy(SHAPE, shapePtr(g), <usize>nd << 2);
  const gi = T(gemmCompute(false, true, batch, n, n, n, g, inv, nd, SHAPE));
  if (gi < 0) return gi;
  return neg(T(gemmCompute(true, false, batch, n, n, n, inv, gi, nd, SHAPE)));
}

/** Under create_graph: −invᵀ·(g·invᵀ) from recorded products, more than one batch dim viewed as one. */
function invRecorded(r: usize, g: i32, inv: i32): i32 {
  const nd = ndimOf(g);
  if (nd <= 3) return neg(prod(inv, true, prod(g, false, inv, true), false));
  const n = dimOf(g, nd - 1);
  store<i32>(SHAPE, numelOf(g) / (n * n));
  store<i32>(SHAPE, n, 4);
  store<i32>(SHAPE, n, 8);
  const g3 = T(view(Op.View, g, 3, SHAPE)), inv3 = T(view(Op.View, inv, 3, SHAPE));
  const d = neg(prod(inv3, true, prod(g3, false, inv3, true), false));
  return d < 0 ? d : T(view(Op.View, d, nd, inShape(r, 0)));
}
