// Scans (cumsum, cumprod, cummax, cummin, logcumsumexp) of the js device, step by step as the
// wasm device's assembly/ops/scan.ts: each line along the scanned dim in order, sums, products
// and logcumsumexp accumulated in float64 and rounded once per element (Math.fround for
// float32); integer and bool tensors by the same code, raising past int32. The derivatives are
// PyTorch's cumsum_backward, cumprod_backward, cummaxmin_backward and logcumsumexp_backward.

import { Op, DType } from '../../../abi/abi.js';
import { RuntimeError, INT_OVERFLOW } from '../../errors.js';
import type { Data } from '../../device.js';
import { JsTensor, empty, record } from '../tensor.js';
import { split } from './reduce.js';

type Round = (v: number) => number;
const roundOf = (dt: DType): Round => (dt === DType.Float32 ? Math.fround : dt === DType.Float64 ? (v) => v : (v) => v | 0);

/** PyTorch's _log_add_exp_helper(x, acc): log(eˣ + e^acc); NaN propagates, equal infinities stay. */
function logAddExp(x: number, acc: number): number {
  const lo = acc !== acc ? acc : acc < x ? acc : x;
  const hi = acc !== acc ? acc : x < acc ? acc : x;
  return lo !== hi || Number.isFinite(lo) ? Math.log1p(Math.exp(lo - hi)) + hi : x;
}

/**
 * Scans the line of d elements at b (stride st) of x into o (and ix: cummax and cummin's indices,
 * the last of equal values and every NaN, as PyTorch); false when an integer result leaves int32.
 */
function scanLine(op: Op, x: Data, o: Data, ix: Int32Array, b: number, d: number, st: number, f: Round, int: boolean): boolean {
  if (op === Op.Cummax || op === Op.Cummin) {
    let m = x[b], at = 0;
    for (let k = 0; k < d; k++) {
      const v = x[b + k * st];
      if (v !== v || (m === m && (op === Op.Cummax ? v >= m : v <= m))) { m = v; at = k; }
      o[b + k * st] = m;
      ix[b + k * st] = at;
    }
    return true;
  }
  let acc = op === Op.Cumprod ? 1 : op === Op.Logcumsumexp ? -Infinity : 0;
  for (let k = 0; k < d; k++) {
    const v = x[b + k * st];
    acc = op === Op.Cumsum ? acc + v : op === Op.Cumprod ? acc * v : logAddExp(v, acc);
    if (int && (acc < -2147483648 || acc > 2147483647)) return false;
    o[b + k * st] = f(acc);
  }
  return true;
}

/**
 * op along dim (0 for a 0-d tensor): [a tensor of a's shape and dtype, cummax/cummin's int64
 * indices or null]. Records i0 = dim; cumprod and logcumsumexp save the input and the result,
 * cummax and cummin the indices.
 */
export function scan(op: Op, a: JsTensor, dim: number): [JsTensor, JsTensor | null] {
  const withIdx = op === Op.Cummax || op === Op.Cummin;
  const out = empty(a.shape.slice(), a.dtype), idx = withIdx ? empty(a.shape.slice(), DType.Int64) : null;
  const [outer, d, inner] = split(a.shape, dim), f = roundOf(a.dtype);
  const int = a.dtype !== DType.Float32 && a.dtype !== DType.Float64;
  if (a.numel > 0) {
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        if (!scanLine(op, a.data, out.data, idx?.data as Int32Array, o * d * inner + i, d, inner, f, int)) throw new RuntimeError(INT_OVERFLOW);
      }
    }
  }
  const r = record(op, out, [a]);
  if (r) {
    r.i0 = dim;
    if (idx) r.saved = [idx];
    else if (op !== Op.Cumsum) { r.saved = [a]; r.savesResult = true; }
  }
  return [out, idx];
}

/** cumprod_backward on a line: below the first zero z1, Σ_{j≥k, j<z1} result·g / x; at z1, Σ_{z1≤j<z2} g·result[z1−1]·x[z1+1..j]; 0 after. */
function cumprodLine(x: Data, res: Data, g: Data, out: Data, b: number, d: number, st: number, f: Round): void {
  let z1 = 0;
  while (z1 < d && x[b + z1 * st] !== 0) z1++;
  let acc = 0;
  for (let k = z1 - 1; k >= 0; k--) {
    acc += f(res[b + k * st] * g[b + k * st]);
    out[b + k * st] = f(f(acc) / x[b + k * st]);
  }
  if (z1 === d) return;
  let p = 1, s = 0;
  for (let j = z1; j < d; j++) {
    if (j > z1) {
      const v = x[b + j * st];
      if (v === 0) break;
      p *= v;
    }
    s += f(f(p) * g[b + j * st]);
  }
  out[b + z1 * st] = f(f(s) * (z1 > 0 ? res[b + (z1 - 1) * st] : 1));
  for (let k = z1 + 1; k < d; k++) out[b + k * st] = 0;
}

/**
 * logcumsumexp_backward on a line: exp(revLCSE(log g⁺ − result) + x) − exp(revLCSE(log g⁻ − result) + x),
 * where log g± is log|g| where g has that sign and the lowest finite number elsewhere.
 */
function logcumsumexpLine(x: Data, res: Data, g: Data, out: Data, b: number, d: number, st: number, f: Round): void {
  const lowest = f === Math.fround ? -3.4028234663852886e38 : -Number.MAX_VALUE;
  let pos = -Infinity, neg = -Infinity;
  for (let k = d - 1; k >= 0; k--) {
    const i = b + k * st, gv = g[i], r = res[i], lg = f(Math.log(Math.abs(gv)));
    pos = logAddExp(f((gv > 0 ? lg : lowest) - r), pos);
    neg = logAddExp(f((gv < 0 ? lg : lowest) - r), neg);
    out[i] = f(f(Math.exp(f(f(pos) + x[i]))) - f(Math.exp(f(f(neg) + x[i]))));
  }
}

function gradLine(op: Op, x: Data, res: Data, ix: Data, g: Data, out: Data, b: number, d: number, st: number, f: Round): void {
  switch (op) {
    case Op.Cumsum: { // reversed cumsum of g
      let acc = 0;
      for (let k = d - 1; k >= 0; k--) { acc += g[b + k * st]; out[b + k * st] = f(acc); }
      return;
    }
    case Op.Cummax: case Op.Cummin: // g scatter-added to the indices, in order
      for (let k = 0; k < d; k++) { const o = b + ix[b + k * st] * st; out[o] = f(out[o] + g[b + k * st]); }
      return;
    case Op.Cumprod: cumprodLine(x, res, g, out, b, d, st, f); return;
    case Op.Logcumsumexp: logcumsumexpLine(x, res, g, out, b, d, st, f); return;
    default: throw new Error(`scan: op ${op}`);
  }
}

/** The derivative of scan `op` along dim into out (shaped like the input): x, res, ix as the op saved them (null when not). */
export function scanGrad(op: Op, x: Data | null, res: Data | null, ix: Data | null, g: JsTensor, out: JsTensor, dim: number): void {
  const [outer, d, inner] = split(out.shape, dim), f = roundOf(out.dtype);
  if (out.numel === 0) return;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) gradLine(op, x!, res!, ix!, g.data, out.data, o * d * inner + i, d, inner, f);
  }
}
