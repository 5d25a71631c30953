// Derivatives of the scans (cumsum, cumprod, cummax, cummin, logcumsumexp), mirroring
// assembly/grad/scan.ts: one fused kernel each (../ops/scan.ts); under create_graph (cumprod
// aside) PyTorch's rule from recording ops.

import { Op, DType } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, empty, isGradEnabled } from '../tensor.js';
import { saved, result, recording, sub, add, un, log } from './helpers.js';
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
  if (op !== Op.Cumprod && (recording(g) || (op === Op.Logcumsumexp && isGradEnabled()))) return scanRecorded(r, g);
  const out = empty(shape.slice(), g.dtype), withIdx = op === Op.Cummax || op === Op.Cummin;
  const withRes = op === Op.Cumprod || op === Op.Logcumsumexp;
  scanGrad(op, withRes ? saved(r, 0).data : null, withRes ? result(r).data : null, withIdx ? saved(r, 0).data : null, g, out, r.i0);
  return out;
}

/** cumprod's derivative (the fused kernel only: create_graph through it raises). */
export const cumprodBackward = (r: JsRecord, g: JsTensor, k?: number): JsTensor => scanBackward(r, g, k);

function scanRecorded(r: JsRecord, g: JsTensor): JsTensor {
  const dim = r.i0;
  if (r.op === Op.Cumsum) return reversedScan(Op.Cumsum, g, dim);
  if (r.op !== Op.Logcumsumexp) return scatterInto(r.inputs[0].shape, g, targets(saved(r, 0), r.inputs[0].shape, dim));
  // logcumsumexp_backward: the positive and negative parts of g apart, in log space
  const x = saved(r, 0), res = result(r), zero = empty([], g.dtype), lowest = empty([], g.dtype);
  lowest.data[0] = g.dtype === DType.Float64 ? -Number.MAX_VALUE : -3.4028234663852886e38;
  const logAbs = log(un(Op.Abs, g));
  const where = (cond: JsTensor): JsTensor => ternary(Op.Where, cond, logAbs, lowest, 0, g.shape.slice());
  const part = (logG: JsTensor): JsTensor => un(Op.Exp, add(reversedScan(Op.Logcumsumexp, sub(logG, res), dim), x));
  return sub(part(where(compare(Op.Gt, g, zero))), part(where(compare(Op.Lt, g, zero))));
}

/** flip(scan(flip(t, dim), dim), dim) from recording ops. */
function reversedScan(op: Op, t: JsTensor, dim: number): JsTensor {
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
