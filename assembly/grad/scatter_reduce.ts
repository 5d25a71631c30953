// The derivative of torch.scatter_reduce (assembly/ops/scatter_reduce.ts): PyTorch's
// scatter_reduce_backward over the saved index, self, src and result (helper leftovers). Without
// create_graph one kernel computes it; with it, the same formula of recorded flat gathers and
// scatters (gather_flat / scatter_flat over the saved flat index), so every order records. The
// masks (ties, zeros, counts) are constants, as PyTorch's comparisons are.

import { Op, DType, NoDerivativeOf } from '../../abi/abi';
import { newTensor, dataOf, numelOf, ndimOf, shapePtr, dtypeOf } from '../tensors';
import { is_grad_enabled } from '../tape';
import { SPARE } from '../scratch';
import { scatterReduceBackwardCompute, scatter_reduce_flat } from '../ops/scatter_reduce';
import { gather_flat, scatter_flat } from '../ops/gather';
import { compare } from '../ops/compare';
import { ternaryAt } from '../ops/ternary';
import { T, saved, i0, i1, result, mul, div } from './helpers';
import { refuseAbove } from './no_derivative';

const SUM = 0, PROD = 1, MEAN = 2;

export function scatterReduceBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const res = result(r);
  if (res < 0) return res;
  const x = saved(r, 0), index = saved(r, 1), src = saved(r, 2), mode = i0(r), inc = i1(r) != 0;
  if (!is_grad_enabled()) return T(scatterReduceBackwardCompute(k, g, x, src, res, index, mode, inc));
  const out = recorded(k, g, x, src, res, index, mode, inc);
  // !include_self: self's scattered positions took no part (grad_self.scatter(dim, index, 0))
  return k == 0 && !inc ? scatterAt(Op.Scatter, out, filled(src, dtypeOf(g), 0), index) : out;
}

function recorded(k: i32, g: i32, x: i32, src: i32, res: i32, index: i32, mode: i32, inc: bool): i32 {
  const dt = dtypeOf(g), one = filled(0, dt, 1), zero = filled(0, dt, 0);
  if (mode == SUM) return k == 0 ? g : gatherAt(g, index, src, 0);
  if (mode == MEAN) {
    const n0 = scatterAt(Op.ScatterAdd, filled(x, dt, inc ? 1 : 0), filled(src, dt, 1), index);
    const n = where(eq(n0, zero), one, n0, n0);
    return k == 0 ? div(g, n) : div(gatherAt(g, index, src, 0), gatherAt(n, index, src, 1));
  }
  if (mode == PROD) return k == 0 ? prodSelf(g, x, src, index, inc, one, zero) : prodSrc(g, x, src, res, index, inc, one, zero);
  // amax / amin: ties share the gradient, self's counted
  const selfIs = maskOf(eq(x, res), one, zero), srcIs = maskOf(eq(src, gatherAt(res, index, src, 0)), one, zero);
  const gd = div(g, scatterAt(Op.ScatterAdd, selfIs, srcIs, index));
  return k == 0 ? mul(selfIs, gd) : mul(srcIs, gatherAt(gd, index, src, 0));
}

/** grad · (masked_self scatter-reduced) / masked_self, masked_self = self with its zeros set to 1. */
function prodSelf(g: i32, x: i32, src: i32, index: i32, inc: bool, one: i32, zero: i32): i32 {
  const ms = where(eq(x, zero), one, x, x);
  return ms < 0 ? ms : div(mul(g, T(scatter_reduce_flat(ms, src, index, PROD, inc))), ms);
}

/** PyTorch's src gradient of 'prod': a lone zero in its target takes the product of the others. */
function prodSrc(g: i32, x: i32, src: i32, res: i32, index: i32, inc: bool, one: i32, zero: i32): i32 {
  const srcZero = eq(src, zero);
  const zeros = gatherAt(scatterAt(Op.ScatterAdd, filled(x, dtypeOf(g), 0), maskOf(srcZero, one, zero), index), index, src, 0);
  if (zeros < 0) return zeros;
  if (anyAbove1(zeros)) {
    // PyTorch's DelayedError: the first order holds, the next one raises
    const k1 = T(scatterReduceBackwardCompute(1, g, x, src, res, index, PROD, inc));
    return refuseAbove(NoDerivativeOf.ScatterReduceZeros, k1, g, x, src);
  }
  const single = eq(mul(maskOf(srcZero, one, zero), maskOf(eq(zeros, one), one, zero)), one);
  const maskedSrc = where(single, one, src, src);
  if (maskedSrc < 0) return maskedSrc;
  const lone = gatherAt(mul(g, T(scatter_reduce_flat(x, maskedSrc, index, PROD, inc))), index, src, 0);
  const rest = div(gatherAt(mul(g, res), index, src, 0), where(srcZero, one, src, src));
  return where(single, lone, rest, src);
}

function anyAbove1(t: i32): bool {
  const n = numelOf(t), p = dataOf(t), f64 = dtypeOf(t) == DType.Float64;
  for (let i = 0; i < n; i++) if ((f64 ? load<f64>(p + (<usize>i << 3)) : <f64>load<f32>(p + (<usize>i << 2))) > 1) return true;
  return false;
}

/** A tensor of `like`'s shape (0: a 0-d tensor) filled with v. */
function filled(like: i32, dt: i32, v: f64): i32 {
  const t = T(like ? newTensor(ndimOf(like), shapePtr(like), dt) : newTensor(0, SPARE, dt));
  if (t <= 0) return t;
  const n = numelOf(t), p = dataOf(t);
  for (let i = 0; i < n; i++) {
    if (dt == DType.Float64) store<f64>(p + (<usize>i << 3), v);
    else store<f32>(p + (<usize>i << 2), <f32>v);
  }
  return t;
}

const eq = (a: i32, b: i32): i32 => (a < 0 ? a : b < 0 ? b : T(compare(Op.Eq, a, b)));
/** where(cond, a, b) at `like`'s shape. */
const where = (cond: i32, a: i32, b: i32, like: i32): i32 =>
  (cond < 0 ? cond : a < 0 ? a : b < 0 ? b : T(ternaryAt(Op.Where, cond, a, b, 0, ndimOf(like), shapePtr(like))));
/** A bool mask as one and zero of the gradient's dtype (PyTorch's mask.to(dtype)). */
const maskOf = (cond: i32, one: i32, zero: i32): i32 => where(cond, one, zero, cond);
/** t (self's shape) read at src's flat targets: t.gather(dim, index); `fill` where src is unused. */
const gatherAt = (t: i32, index: i32, src: i32, fill: f64): i32 =>
  (t < 0 ? t : T(gather_flat(Op.Gather, t, 0, index, ndimOf(src), shapePtr(src), fill, false)));
/** base.scatter_add(dim, index, s) (Op.ScatterAdd) or base.scatter(dim, index, s) (Op.Scatter). */
const scatterAt = (op: i32, base: i32, s: i32, index: i32): i32 =>
  (base < 0 ? base : s < 0 ? s : T(scatter_flat(op, base, s, index, op == Op.ScatterAdd, 1)));
