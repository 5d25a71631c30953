// Derivatives of the scans (cumsum, cumprod, cummax, cummin, logcumsumexp), mirroring
// assembly/grad/scan.ts: one fused kernel each (../ops/scan.ts). Not differentiable twice.

import { Op } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, empty } from '../tensor.js';
import { saved, result } from './helpers.js';
import { split } from '../ops/reduce.js';
import { scanGrad } from '../ops/scan.js';

// cumsum: g's reversed cumsum; cumprod: PyTorch's cumprod_backward (zeros handled exactly);
// cummax/cummin: g scatter-added to the indices; logcumsumexp: PyTorch's logcumsumexp_backward.
// g itself where PyTorch returns it: cumsum/cumprod of ≤ 1 element or along a dim of size 1,
// logcumsumexp of a 0-d or empty tensor
export function scanBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const op = r.op, shape = r.inputs[0].shape, n = g.numel;
  if ((op === Op.Cumsum || op === Op.Cumprod) && (n <= 1 || split(shape, r.i0)[1] === 1)) return g;
  if (op === Op.Logcumsumexp && (shape.length === 0 || n === 0)) return g;
  const out = empty(shape.slice(), g.dtype), withIdx = op === Op.Cummax || op === Op.Cummin;
  const withRes = op === Op.Cumprod || op === Op.Logcumsumexp;
  scanGrad(op, withRes ? saved(r, 0).data : null, withRes ? result(r).data : null, withIdx ? saved(r, 0).data : null, g, out, r.i0);
  return out;
}
