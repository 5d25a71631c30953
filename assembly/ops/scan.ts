// Scans (cumsum, cumprod, cummax, cummin, logcumsumexp) of the wasm device, mirrored step by
// step by src/js/ops/scan.ts. A tensor is outer × D × inner around the scanned dim, and each
// of its outer·inner lines (D elements, `inner` apart) is scanned in order. Sums, products and
// logcumsumexp accumulate in f64 and round each element once, as PyTorch's CPU kernels do
// (float's acc_type is double). Integer and bool tensors (int32 storage) are scanned by the
// same code: cumsum and cumprod end in Err.IntOverflow past int32. The derivatives are
// PyTorch's cumsum_backward, cumprod_backward, cummaxmin_backward and logcumsumexp_backward,
// fused, one line at a time.

import { Op, Err, DType } from '../../abi/abi';
import { newTensorN, release, dataOf, ndimOf, shapePtr, numelOf, dtypeOf } from '../tensors';
import { shouldRecord1, newRecord, setInput, setParams, save, saveOutput } from '../tape';
import { outerSize, innerSize, dimSize } from './reduce';

/** PyTorch's _log_add_exp_helper(x, acc): log(eˣ + e^acc); NaN propagates, equal infinities stay. */
// @ts-ignore: decorator
@inline function logAddExp(x: f64, acc: f64): f64 {
  const lo = acc != acc ? acc : acc < x ? acc : x;
  const hi = acc != acc ? acc : x < acc ? acc : x;
  return lo != hi || isFinite<f64>(lo) ? Math.log1p(Math.exp(lo - hi)) + hi : x;
}

/**
 * Scans the line of d elements at x (stride st bytes) into out (and idx, stride ist: cummax and
 * cummin's int64 indices). cummax keeps the last of equal values and every NaN, as PyTorch;
 * false when an integer sum or product leaves int32.
 */
function scanLine<T>(op: i32, x: usize, out: usize, idx: usize, d: i32, st: usize, ist: usize): bool {
  if (op == Op.Cummax || op == Op.Cummin) {
    let m = load<T>(x), at = 0;
    for (let k = 0; k < d; k++) {
      const v = load<T>(x + <usize>k * st);
      if (v != v || (m == m && (op == Op.Cummax ? v >= m : v <= m))) { m = v; at = k; }
      store<T>(out + <usize>k * st, m);
      store<i32>(idx + <usize>k * ist, at);
    }
    return true;
  }
  let acc: f64 = op == Op.Cumprod ? 1 : op == Op.Logcumsumexp ? -Infinity : 0;
  for (let k = 0; k < d; k++) {
    const v = <f64>load<T>(x + <usize>k * st);
    acc = op == Op.Cumsum ? acc + v : op == Op.Cumprod ? acc * v : logAddExp(v, acc);
    if (isInteger<T>() && (acc < -2147483648 || acc > 2147483647)) return false;
    store<T>(out + <usize>k * st, <T>acc);
  }
  return true;
}

function scanAll<T>(op: i32, x: usize, out: usize, idx: usize, outer: i32, d: i32, inner: i32): bool {
  const sh: usize = sizeof<T>() == 8 ? 3 : 2;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const off = <usize>(o * d * inner + i);
      if (!scanLine<T>(op, x + (off << sh), out + (off << sh), idx + (off << 2), d, <usize>inner << sh, <usize>inner << 2)) return false;
    }
  }
  return true;
}

let lastIndices: i32 = 0;

/**
 * op along dim (0 for a 0-d tensor) of a tensor of any dtype: a tensor of a's shape and dtype
 * (the TS layer casts integer cumsum/cumprod inputs to int64 first); cummax/cummin's indices are
 * then taken with scan_indices(). Records i0 = dim; cumprod and logcumsumexp save the input and
 * the result, cummax and cummin the indices.
 */
export function scan(op: i32, a: i32, dim: i32): i32 {
  const nd = ndimOf(a), shape = shapePtr(a), dt = dtypeOf(a), n = numelOf(a);
  const withIdx = op == Op.Cummax || op == Op.Cummin;
  const out = newTensorN(nd, shape, dt, n);
  if (!out) return Err.OutOfMemory;
  const idx = withIdx ? newTensorN(nd, shape, DType.Int64, n) : 0;
  if (withIdx && !idx) { release(out); return Err.OutOfMemory; }
  const outer = outerSize(nd, shape, dim), d = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  const px = dataOf(a), po = dataOf(out), pi = idx ? dataOf(idx) : 0;
  const ok = n == 0 || (dt == DType.Float64 ? scanAll<f64>(op, px, po, pi, outer, d, inner)
    : dt == DType.Float32 ? scanAll<f32>(op, px, po, pi, outer, d, inner) : scanAll<i32>(op, px, po, pi, outer, d, inner));
  if (!ok) { release(out); if (idx) release(idx); return Err.IntOverflow; }
  if (shouldRecord1(a)) {
    const r = newRecord(op, 1, out);
    if (!r) { release(out); if (idx) release(idx); return Err.OutOfMemory; }
    setInput(r, 0, a);
    setParams(r, 0, 0, dim, 0);
    if (withIdx) save(r, 0, idx);
    else if (op != Op.Cumsum) { save(r, 0, a); saveOutput(r); }
  }
  lastIndices = idx;
  return out;
}

/** The indices made by the last cummax/cummin scan (one ref, passed to the caller). */
export function scan_indices(): i32 { const t = lastIndices; lastIndices = 0; return t; }

// ---- derivatives: g, x, the result and the indices along one line ----------------------

/** cumprod_backward on a line: below the first zero z1, Σ_{j≥k, j<z1} result·g / x; at z1, Σ_{z1≤j<z2} g·result[z1−1]·x[z1+1..j]; 0 after. */
function cumprodLine<T>(x: usize, res: usize, g: usize, out: usize, d: i32, st: usize): void {
  let z1 = 0;
  while (z1 < d && load<T>(x + <usize>z1 * st) != 0) z1++;
  let acc: f64 = 0;
  for (let k = z1 - 1; k >= 0; k--) {
    acc += <f64>(load<T>(res + <usize>k * st) * load<T>(g + <usize>k * st));
    store<T>(out + <usize>k * st, <T>acc / load<T>(x + <usize>k * st));
  }
  if (z1 == d) return;
  let p: f64 = 1, s: f64 = 0;
  for (let j = z1; j < d; j++) {
    if (j > z1) {
      const v = load<T>(x + <usize>j * st);
      if (v == 0) break;
      p *= <f64>v;
    }
    s += <f64>(<T>p * load<T>(g + <usize>j * st));
  }
  const before: T = z1 > 0 ? load<T>(res + <usize>(z1 - 1) * st) : <T>1;
  store<T>(out + <usize>z1 * st, <T>s * before);
  for (let k = z1 + 1; k < d; k++) store<T>(out + <usize>k * st, 0);
}

/**
 * logcumsumexp_backward on a line: exp(revLCSE(log g⁺ − result) + x) − exp(revLCSE(log g⁻ − result) + x),
 * where log g± is log|g| where g has that sign and the lowest finite number elsewhere.
 */
function logcumsumexpLine<T>(x: usize, res: usize, g: usize, out: usize, d: i32, st: usize): void {
  const lowest = <T>(sizeof<T>() == 8 ? -1.7976931348623157e308 : -3.4028234663852886e38);
  let pos: f64 = -Infinity, neg: f64 = -Infinity;
  for (let k = d - 1; k >= 0; k--) {
    const gv = load<T>(g + <usize>k * st), r = load<T>(res + <usize>k * st), xv = load<T>(x + <usize>k * st);
    const lg = <T>Math.log(<f64>abs<T>(gv));
    pos = logAddExp(<f64>((gv > 0 ? lg : lowest) - r), pos);
    neg = logAddExp(<f64>((gv < 0 ? lg : lowest) - r), neg);
    store<T>(out + <usize>k * st, <T>Math.exp(<f64>(<T>pos + xv)) - <T>Math.exp(<f64>(<T>neg + xv)));
  }
}

function gradLine<T>(op: i32, x: usize, res: usize, idx: usize, g: usize, out: usize, d: i32, st: usize, ist: usize): void {
  switch (op) {
    case Op.Cumsum: { // reversed cumsum of g
      let acc: f64 = 0;
      for (let k = d - 1; k >= 0; k--) { acc += <f64>load<T>(g + <usize>k * st); store<T>(out + <usize>k * st, <T>acc); }
      return;
    }
    case Op.Cummax: case Op.Cummin: { // g scatter-added to the indices, in order
      for (let k = 0; k < d; k++) store<T>(out + <usize>k * st, 0);
      for (let k = 0; k < d; k++) {
        const o = out + <usize>load<i32>(idx + <usize>k * ist) * st;
        store<T>(o, load<T>(o) + load<T>(g + <usize>k * st));
      }
      return;
    }
    case Op.Cumprod: cumprodLine<T>(x, res, g, out, d, st); return;
    case Op.Logcumsumexp: logcumsumexpLine<T>(x, res, g, out, d, st); return;
    default: unreachable();
  }
}

function gradAll<T>(op: i32, x: usize, res: usize, idx: usize, g: usize, out: usize, outer: i32, d: i32, inner: i32): void {
  const sh: usize = sizeof<T>() == 8 ? 3 : 2;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const off = <usize>(o * d * inner + i), b = off << sh;
      gradLine<T>(op, x + b, res + b, idx + (off << 2), g + b, out + b, d, <usize>inner << sh, <usize>inner << 2);
    }
  }
}

/**
 * The derivative of scan `op` along dim into out (float32 or float64, shaped like the input:
 * nd dims at shape); x, res, idx are data pointers (0 when the op saved none).
 */
export function scanGrad(op: i32, x: usize, res: usize, idx: usize, g: i32, out: i32, nd: i32, shape: usize, dim: i32): void {
  const outer = outerSize(nd, shape, dim), d = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  if (numelOf(out) == 0) return;
  if (dtypeOf(out) == DType.Float64) gradAll<f64>(op, x, res, idx, dataOf(g), dataOf(out), outer, d, inner);
  else gradAll<f32>(op, x, res, idx, dataOf(g), dataOf(out), outer, d, inner);
}
