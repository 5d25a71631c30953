// Derivatives of the scans (cumsum, cumprod, cummax, cummin, logcumsumexp): one fused kernel
// each (ops/scan.ts), into a fresh input-shaped tensor. Under create_graph the rule is PyTorch's,
// from recording ops: cumsum's reversed cumsum (flip, cumsum, flip), cumprod's cumprod_backward,
// cummax/cummin's scatter_add of g at the indices, logcumsumexp's logcumsumexp_backward.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, dataOf, numelOf, dtypeOf, ndimOf, shapePtr } from '../tensors';
import { inNdim, inShape, recOp, is_grad_enabled } from '../tape';
import { T, saved, result, same, i0, recording, sub, add, mul, div, un, log } from './helpers';
import { view, expand, permute } from '../ops/shape';
import { sum, dimSize, outerSize, innerSize } from '../ops/reduce';
import { scan, scanGrad } from '../ops/scan';
import { gather_flat } from '../ops/gather';
import { compare } from '../ops/compare';
import { ternaryAt } from '../ops/ternary';
import { scatterInto } from './gather';
import { targets } from './sort';
import { SPARE } from '../scratch';

// cumsum: g's reversed cumsum; cumprod: PyTorch's cumprod_backward (zeros handled exactly);
// cummax/cummin: g scatter-added to the indices; logcumsumexp: PyTorch's logcumsumexp_backward.
// g itself where PyTorch returns it: cumsum/cumprod of ≤ 1 element or along a dim of size 1,
// logcumsumexp of a 0-d or empty tensor
export function scanBackward(r: usize, g: i32, k: i32): i32 {
  const op = recOp(r), nd = inNdim(r, 0), shape = inShape(r, 0), dim = i0(r), n = numelOf(g);
  if ((op == Op.Cumsum || op == Op.Cumprod) && (n <= 1 || dimSize(nd, shape, dim) == 1)) return same(g);
  if (op == Op.Logcumsumexp && (nd == 0 || n == 0)) return same(g);
  if (op == Op.Cumprod ? is_grad_enabled() : recording(g) || (op == Op.Logcumsumexp && is_grad_enabled())) return scanRecorded(r, op, g, dim);
  const res = op == Op.Cumprod || op == Op.Logcumsumexp ? result(r) : 0;
  if (res < 0) return res;
  const out = T(newTensor(nd, shape, dtypeOf(g)));
  if (out <= 0) return Err.OutOfMemory;
  const withIdx = op == Op.Cummax || op == Op.Cummin;
  const x = res ? dataOf(saved(r, 0)) : 0, idx = withIdx ? dataOf(saved(r, 0)) : 0;
  scanGrad(op, x, res ? dataOf(res) : 0, idx, g, out, nd, shape, dim);
  return out;
}

function scanRecorded(r: usize, op: i32, g: i32, dim: i32): i32 {
  if (op == Op.Cumsum) return reversedScan(Op.Cumsum, g, dim);
  if (op == Op.Cumprod) return cumprodRecorded(saved(r, 0), result(r), g, dim);
  if (op != Op.Logcumsumexp) return scatterInto(r, 0, g, T(targets(r)));
  // logcumsumexp_backward: the positive and negative parts of g apart, in log space
  const x = saved(r, 0), res = result(r), dt = dtypeOf(g);
  const zero = constant(dt, 0), lowest = constant(dt, dt == DType.Float64 ? -1.7976931348623157e308 : -3.4028234663852886e38);
  if (res < 0) return res;
  if (zero < 0 || lowest < 0) return Err.OutOfMemory;
  const logAbs = log(un(Op.Abs, g));
  const pos = where(T(compare(Op.Gt, g, zero)), logAbs, lowest, g), neg = where(T(compare(Op.Lt, g, zero)), logAbs, lowest, g);
  const outPos = un(Op.Exp, add(reversedScan(Op.Logcumsumexp, sub(pos, res), dim), x));
  return sub(outPos, un(Op.Exp, add(reversedScan(Op.Logcumsumexp, sub(neg, res), dim), x)));
}

/** at::where(cond, a, b) at like's shape, recorded. */
function where(cond: i32, a: i32, b: i32, like: i32): i32 {
  if (cond < 0) return cond;
  return a < 0 ? a : T(ternaryAt(Op.Where, cond, a, b, 0, ndimOf(like), shapePtr(like)));
}

/** A 0-d tensor of dtype dt holding v. */
function constant(dt: i32, v: f64): i32 {
  const t = T(newTensor(0, SPARE, dt));
  if (t <= 0) return Err.OutOfMemory;
  if (dt == DType.Float64) store<f64>(dataOf(t), v);
  else store<f32>(dataOf(t), <f32>v);
  return t;
}

// the wide shape [n, ...shape] and the permutation of cumprodRecorded (the callees use SHAPE and SPARE)
const WIDE: usize = memory.data(4 * 17, 4);
const PERM: usize = memory.data(4 * 16, 4);

/**
 * cumprod_backward under create_graph, as PyTorch's: without a zero in x, reversed_cumsum(result·g) / x;
 * with one, its O(n²) form Σ_{j≥k} g[j]·Π_{i≤j, i≠k} x[i]: for every k at once on a leading axis, the
 * cumprod of x with x[k] set to 1, times g, summed over j ≥ k (selected, as PyTorch's slices), the
 * axis then moved to dim.
 */
function cumprodRecorded(x: i32, res: i32, g: i32, dim: i32): i32 {
  if (res < 0) return res;
  if (!hasZero(x)) return div(reversedScan(Op.Cumsum, mul(res, g), dim), x);
  const nd = ndimOf(x), shape = shapePtr(x), dt = dtypeOf(g);
  const outer = outerSize(nd, shape, dim), n = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  store<i32>(WIDE, 1);
  memory.copy(WIDE + 4, shape, <usize>nd << 2);
  const x1 = T(view(Op.View, x, nd + 1, WIDE));
  store<i32>(WIDE, n);
  const own = T(newTensor(nd + 1, WIDE, DType.Bool)), later = T(newTensor(nd + 1, WIDE, DType.Bool));
  const one = constant(dt, 1), zero = constant(dt, 0);
  if (own <= 0 || later <= 0 || one < 0 || zero < 0) return Err.OutOfMemory;
  let at: usize = 0;
  for (let k = 0; k < n; k++) {
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < inner; i++, at += 4) {
          store<i32>(dataOf(own) + at, j == k ? 1 : 0);
          store<i32>(dataOf(later) + at, j >= k ? 1 : 0);
        }
      }
    }
  }
  const xs = x1 < 0 ? x1 : T(expand(x1, nd + 1, WIDE));
  const picked = where(own, one, xs, own);
  const c = picked < 0 ? picked : T(scan(Op.Cumprod, picked, dim + 1));
  const terms = where(later, mul(c, g), zero, later);
  const s = terms < 0 ? terms : T(sum(Op.SumDim, terms, 1 << (dim + 1), false));
  if (s < 0) return s;
  for (let d = 0; d < nd; d++) store<i32>(PERM + (<usize>d << 2), d < dim ? d + 1 : d == dim ? 0 : d);
  return T(permute(Op.Permute, s, PERM));
}

/** x holds a zero (PyTorch's (input == 0).any() of cumprod_backward and prod_backward). */
export function hasZero(x: i32): bool {
  const p = dataOf(x), f64 = dtypeOf(x) == DType.Float64;
  for (let i = 0; i < numelOf(x); i++) {
    if (f64 ? load<f64>(p + (<usize>i << 3)) == 0 : load<f32>(p + (<usize>i << 2)) == 0) return true;
  }
  return false;
}

/** flip(scan(flip(t, dim), dim), dim) from recording ops. */
export function reversedScan(op: i32, t: i32, dim: i32): i32 {
  if (t < 0) return t;
  const fi = T(flipIndex(ndimOf(t), shapePtr(t), dim));
  if (fi < 0) return fi;
  const f = T(gather_flat(Op.Flip, t, 0, fi, ndimOf(t), shapePtr(t), 0, false));
  const s = f < 0 ? f : T(scan(op, f, dim));
  return s < 0 ? s : T(gather_flat(Op.Flip, s, 0, fi, ndimOf(t), shapePtr(t), 0, false));
}

/** The flat index of flip(·, dim) over a shape (nd dims at `shape`): an int32 tensor of that shape. */
function flipIndex(nd: i32, shape: usize, dim: i32): i32 {
  const out = newTensor(nd, shape, DType.Int32);
  if (out <= 0) return Err.OutOfMemory;
  const outer = outerSize(nd, shape, dim), n = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim), po = dataOf(out);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < inner; i++) store<i32>(po + (<usize>((o * n + j) * inner + i) << 2), (o * n + n - 1 - j) * inner + i);
    }
  }
  return out;
}
