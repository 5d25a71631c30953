// Derivatives of the scans (cumsum, cumprod, cummax, cummin, logcumsumexp), mirroring
// assembly/grad/scan.ts: one fused kernel each (../ops/scan.ts); under create_graph PyTorch's
// rule from recording ops.

import { Op, DType } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, empty, isGradEnabled } from '../tensor.js';
import { saved, result, recording, sub, add, mul, div, un, log } from './helpers.js';
import { sum, view, expand, permute } from '../ops.js';
import { split } from '../ops/reduce.js';
import { scan, scanGrad } from '../ops/scan.js';
import { gatherFlat } from '../ops/gather.js';
import { targets } from '../ops/sort.js';
import { compare } from '../ops/compare.js';
import { ternary } from '../ops/ternary.js';
import { scatterInto } from './gather.js';

// cumsum: g's reversed cumsum; cumprod: PyTorch's cumprod_backward (zeros handled exactly);
// cummax/cummin: g scatter-added to the indices; logcumsumexp: PyTorch's logcumsumexp_backward.
// g itself where PyTorch returns it: cumsum/cumprod of ≤ 1 element or along a dim of size 1,
// logcumsumexp of a 0-d or empty tensor
export function scanBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const op = r.op, shape = r.inputs[0].shape, n = g.numel;
  if ((op === Op.Cumsum || op === Op.Cumprod) && (n <= 1 || split(shape, r.i0)[1] === 1)) return g;
  if (op === Op.Logcumsumexp && (shape.length === 0 || n === 0)) return g;
  if (op === Op.Cumprod ? isGradEnabled() : recording(g) || (op === Op.Logcumsumexp && isGradEnabled())) return scanRecorded(r, g);
  const out = empty(shape.slice(), g.dtype), withIdx = op === Op.Cummax || op === Op.Cummin;
  const withRes = op === Op.Cumprod || op === Op.Logcumsumexp;
  scanGrad(op, withRes ? saved(r, 0).data : null, withRes ? result(r).data : null, withIdx ? saved(r, 0).data : null, g, out, r.i0);
  return out;
}

function scanRecorded(r: JsRecord, g: JsTensor): JsTensor {
  const dim = r.i0;
  if (r.op === Op.Cumsum) return reversedScan(Op.Cumsum, g, dim);
  if (r.op === Op.Cumprod) return cumprodRecorded(saved(r, 0), result(r), g, dim);
  if (r.op !== Op.Logcumsumexp) return scatterInto(r.inputs[0].shape, g, targets(saved(r, 0), r.inputs[0].shape, dim));
  // logcumsumexp_backward: the positive and negative parts of g apart, in log space
  const x = saved(r, 0), res = result(r), zero = empty([], g.dtype), lowest = empty([], g.dtype);
  lowest.data[0] = g.dtype === DType.Float64 ? -Number.MAX_VALUE : -3.4028234663852886e38;
  const logAbs = log(un(Op.Abs, g));
  const where = (cond: JsTensor): JsTensor => ternary(Op.Where, cond, logAbs, lowest, 0, g.shape.slice());
  const part = (logG: JsTensor): JsTensor => un(Op.Exp, add(reversedScan(Op.Logcumsumexp, sub(logG, res), dim), x));
  return sub(part(where(compare(Op.Gt, g, zero))), part(where(compare(Op.Lt, g, zero))));
}

/**
 * cumprod_backward under create_graph, as PyTorch's: without a zero in x, reversed_cumsum(result·g) / x;
 * with one, its O(n²) form Σ_{j≥k} g[j]·Π_{i≤j, i≠k} x[i]: for every k at once on a leading axis, the
 * cumprod of x with x[k] set to 1, times g, summed over j ≥ k (selected, as PyTorch's slices), the
 * axis then moved to dim.
 */
function cumprodRecorded(x: JsTensor, res: JsTensor, g: JsTensor, dim: number): JsTensor {
  if (!x.data.some((v) => v === 0)) return div(reversedScan(Op.Cumsum, mul(res, g), dim), x);
  const shape = x.shape, [outer, n, inner] = split(shape, dim), wide = [n, ...shape];
  const own = empty(wide, DType.Bool), later = empty(wide, DType.Bool);
  for (let at = 0, k = 0; k < n; k++) {
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < inner; i++, at++) { own.data[at] = j === k ? 1 : 0; later.data[at] = j >= k ? 1 : 0; }
      }
    }
  }
  const one = empty([], g.dtype), zero = empty([], g.dtype);
  one.data[0] = 1;
  const xs = expand(view(Op.View, x, [1, ...shape]), wide);
  const c = scan(Op.Cumprod, ternary(Op.Where, own, one, xs, 0, wide), dim + 1)[0];
  const s = sum(Op.SumDim, ternary(Op.Where, later, mul(c, g), zero, 0, wide), 1 << (dim + 1), false);
  return permute(Op.Permute, s, shape.map((_, d) => (d < dim ? d + 1 : d === dim ? 0 : d)));
}

/** flip(scan(flip(t, dim), dim), dim) from recording ops. */
export function reversedScan(op: Op, t: JsTensor, dim: number): JsTensor {
  const fi = flipIndex(t.shape, dim), flip = (u: JsTensor): JsTensor => gatherFlat(Op.Flip, u, null, fi, t.shape.slice(), 0, false);
  return flip(scan(op, flip(t), dim)[0]);
}

/** The flat index of flip(·, dim) over a shape: an int32 tensor of that shape. */
function flipIndex(shape: readonly number[], dim: number): JsTensor {
  const [outer, n, inner] = split(shape, dim), out = empty(shape.slice(), DType.Int32), od = out.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < inner; i++) od[(o * n + j) * inner + i] = (o * n + n - 1 - j) * inner + i;
    }
  }
  return out;
}
