// Derivatives of reductions 2 (prod, var, std, nansum, norm): one fused kernel each
// (ops/reduce_stats.ts), into a fresh input-shaped tensor. Under create_graph prod, var, std and
// nansum are instead PyTorch's formulas from recorded ops, so they can be differentiated again.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, dataOf, dtypeOf, numelOf, ndimOf, shapePtr } from '../tensors';
import { inNdim, inShape, recOp, is_grad_enabled } from '../tape';
import { T, saved, result, same, i0, i1, s0, s1, mul, div, sub, mulS, powS, un, zerosLike, unreduce, zeroWhereZero } from './helpers';
import { hits } from './reduce';
import { reduce2Grad } from '../ops/reduce_stats';
import { sum, sumCompute, reducedCount, outerSize, innerSize, dimSize } from '../ops/reduce';
import { view } from '../ops/shape';
import { scan } from '../ops/scan';
import { gather_flat } from '../ops/gather';
import { SPARE } from '../scratch';
import { reversedScan, hasZero } from './scan';

// prod: g·(result / x) without zeros, else PyTorch's exclusive products (zeros for two zeros in the whole tensor);
// var: (2 / (n − correction))·g·(x − mean); std: var's of g / (2·result); nansum: g where x is not NaN;
// norm: PyTorch's norm_backward for every order
export function reduce2Backward(r: usize, g: i32, k: i32): i32 {
  const res = result(r);
  if (res < 0) return res;
  const out = T(newTensor(inNdim(r, 0), inShape(r, 0), dtypeOf(g)));
  if (out <= 0) return Err.OutOfMemory;
  const ok = reduce2Grad(recOp(r), saved(r, 0), inNdim(r, 0), inShape(r, 0), i0(r), dataOf(g), dataOf(res), out, s0(r), <i32>s1(r));
  return ok ? out : Err.OutOfMemory;
}

/**
 * prod and prod(dim); under create_graph PyTorch's prod_backward from recorded ops: g·(result / x)
 * without a zero in x, else prod_safe_zeros_backward, g times the products before and after each
 * element along dim (the whole tensor's flattened), each a cumprod of x shifted by one with 1 let in.
 */
export function prodBackward(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0);
  if (!is_grad_enabled()) return reduce2Backward(r, g, k);
  if (ndimOf(x) == 0) return same(g);
  const gs = unreduce(r, g, i0(r), i1(r));
  if (!hasZero(x)) {
    const res = result(r);
    return res < 0 ? res : mul(gs, div(unreduce(r, res, i0(r), i1(r)), x));
  }
  if (recOp(r) == Op.ProdDim) return mul(gs, exclusiveProducts(x, 31 - clz(i0(r))));
  store<i32>(SPARE, numelOf(x));
  const flat = T(view(Op.View, x, 1, SPARE));
  const e = flat < 0 ? flat : exclusiveProducts(flat, 0);
  return mul(gs, e < 0 ? e : T(view(Op.View, e, ndimOf(x), shapePtr(x))));
}

/** Π_{i<k} x[i] · Π_{i>k} x[i] at each k along dim, as prod_safe_zeros_backward's cumprods. */
function exclusiveProducts(x: i32, dim: i32): i32 {
  const nd = ndimOf(x), shape = shapePtr(x);
  const outer = outerSize(nd, shape, dim), n = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  const before = T(newTensor(nd, shape, DType.Int32)), after = T(newTensor(nd, shape, DType.Int32));
  if (before <= 0 || after <= 0) return Err.OutOfMemory;
  let at = 0;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < inner; i++, at++) {
        store<i32>(dataOf(before) + (<usize>at << 2), j > 0 ? at - inner : -1);
        store<i32>(dataOf(after) + (<usize>at << 2), j < n - 1 ? at + inner : -1);
      }
    }
  }
  const b = T(gather_flat(Op.MaskedFill, x, 0, before, nd, shape, 1, false));
  const a = T(gather_flat(Op.MaskedFill, x, 0, after, nd, shape, 1, false));
  const c = b < 0 ? b : T(scan(Op.Cumprod, b, dim));
  return mul(c, a < 0 ? a : reversedScan(Op.Cumprod, a, dim));
}

/**
 * var, std, var_mean, std_mean; under create_graph PyTorch's var_backward (std's: of
 * (g / (2·result)).masked_fill_(result == 0, 0)) from recorded ops. s0 is the correction, s1 set
 * without a dim: there, as for a 0-d input, n ≤ correction gives g·inf (PyTorch's 0-d g·inf,
 * which only a 0-d input accepts; an empty input takes the usual formula, as PyTorch's does).
 */
export function varBackward(r: usize, g: i32, k: i32): i32 {
  if (!is_grad_enabled()) return reduce2Backward(r, g, k);
  const op = recOp(r), x = saved(r, 0), mask = i0(r);
  let gv = g;
  if (op == Op.Std || op == Op.StdMean) {
    const res = result(r);
    gv = zeroWhereZero(res, div(g, mulS(res, 2)));
  }
  // the factor goes on g before g is spread back, as in ATen: a second derivative through g sums
  // before it meets an infinite factor
  const dof = <f64>reducedCount(x, mask) - s0(r);
  if ((s1(r) != 0 || ndimOf(x) == 0) && dof <= 0 && numelOf(x) > 0) return unreduce(r, mulS(gv, Infinity), mask, i1(r));
  return mul(unreduce(r, mulS(gv, 2 / dof), mask, i1(r)), sub(x, T(sum(Op.MeanDim, x, mask, true))));
}

/** nansum; under create_graph PyTorch's nansum_backward, g·(x is not NaN), from recorded ops. */
export function nansumBackward(r: usize, g: i32, k: i32): i32 {
  if (!is_grad_enabled()) return reduce2Backward(r, g, k);
  const x = saved(r, 0), m = T(newTensor(ndimOf(x), shapePtr(x), dtypeOf(x)));
  if (m <= 0) return Err.OutOfMemory;
  if (dtypeOf(x) == DType.Float64) notNan<f64>(dataOf(x), dataOf(m), numelOf(x));
  else notNan<f32>(dataOf(x), dataOf(m), numelOf(x));
  return mul(unreduce(r, g, i0(r), i1(r)), m);
}

/** out = 1 where x is a number, 0 where it is NaN. */
function notNan<F>(px: usize, po: usize, n: i32): void {
  const sh = alignof<F>();
  for (let i = 0; i < n; i++) {
    const v = load<F>(px + (<usize>i << sh));
    store<F>(po + (<usize>i << sh), <F>(v == v ? 1 : 0));
  }
}

/** norm and linalg.vector_norm (s0 = p); under create_graph normRecorded. */
export function vectorNormBackward(r: usize, g: i32, k: i32): i32 {
  if (!is_grad_enabled()) return reduce2Backward(r, g, k);
  const res = result(r);
  return res < 0 ? res : normRecorded(r, g, saved(r, 0), res, s0(r), i0(r), i1(r));
}

/**
 * PyTorch's norm_backward from recorded ops (create_graph), for x's p-norm res over the dims in
 * mask: what has the result's shape (g over the count of maxima, g / res^(p − 1)) is computed
 * there and then spread back, as ATen broadcasts it. The masks (|x| at the ±inf norm) are constants.
 */
export function normRecorded(r: usize, g: i32, x: i32, res: i32, p: f64, mask: i32, keepdim: i32): i32 {
  if (p == 0) return zerosLike(x);
  const sgn = un(Op.Sgn, x);
  if (p == 1) return mul(sgn, unreduce(r, g, mask, keepdim));
  if (p == 2) {
    const n = unreduce(r, res, mask, keepdim);
    return mul(unreduce(r, g, mask, keepdim), zeroWhereZero(n, div(x, n)));
  }
  if (p == Infinity || p == -Infinity) {
    const h = hits(r, x, res, mask, true, true);
    const count = h < 0 ? h : T(sumCompute(h, mask, keepdim != 0, 1));
    return mul(sgn, mul(unreduce(r, div(g, count), mask, keepdim), h));
  }
  const ax = un(Op.Abs, x);
  if (p < 1) {
    const scaled = mul(sgn, zeroWhereZero(x, powS(ax, p - 1)));
    return mul(mul(scaled, unreduce(r, g, mask, keepdim)), unreduce(r, powS(res, 1 - p), mask, keepdim));
  }
  const scaled = p < 2 ? mul(sgn, powS(ax, p - 1)) : mul(x, powS(ax, p - 2));
  return mul(scaled, unreduce(r, zeroWhereZero(res, div(g, powS(res, p - 1))), mask, keepdim));
}
