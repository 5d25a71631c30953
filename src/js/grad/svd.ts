// linalg.svdvals's derivative (LinalgSvdBackward0 with only gS defined, as PyTorch's svd_backward):
// gA = U·diag(gS)·Vh from the saved U [..., m, k] and Vh [..., k, n], as assembly/grad/svd.ts:
// recorded under create_graph (the saved U and Vh lead back to A through the front end's
// LinalgSvdBackward0 Function, src/ops/svd.ts).

import { Op } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, isGradEnabled } from '../tensor.js';
import { reshapeCompute, view } from '../ops.js';
import { gemmCompute, matmul } from '../ops/linalg.js';
import { saved, mul } from './helpers.js';

export function svdBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const u = saved(r, 0), vh = saved(r, 1), nd = u.shape.length, m = u.shape[nd - 2], k = u.shape[nd - 1], n = vh.shape[nd - 1];
  const recording = isGradEnabled(), input = r.inputs[0].shape.slice();
  // gS [..., k] as a row [..., 1, k] scaling U's columns
  const row = [...g.shape.slice(0, -1), 1, k];
  const ug = mul(u, recording ? view(Op.View, g, row) : reshapeCompute(g, row));
  if (!recording) return gemmCompute(false, false, m * k ? ug.numel / (m * k) : 0, m, n, k, ug, vh, input);
  if (nd === 2) return matmul(Op.Mm, ug, vh);
  const batch = u.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return view(Op.View, matmul(Op.Bmm, view(Op.View, ug, [batch, m, k]), view(Op.View, vh, [batch, k, n])), input);
}
