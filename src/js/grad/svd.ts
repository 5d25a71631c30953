// linalg.svdvals's derivative (LinalgSvdBackward0 with only gS defined, as PyTorch's svd_backward):
// gA = U·diag(gS)·Vh from the saved U [..., m, k] and Vh [..., k, n], as assembly/grad/svd.ts.

import type { JsRecord, JsTensor } from '../tensor.js';
import { reshapeCompute } from '../ops.js';
import { gemmCompute } from '../ops/linalg.js';
import { saved, mul } from './helpers.js';

export function svdBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const u = saved(r, 0), vh = saved(r, 1), nd = u.shape.length, m = u.shape[nd - 2], k = u.shape[nd - 1], n = vh.shape[nd - 1];
  // gS [..., k] as a row [..., 1, k] scaling U's columns
  const ug = mul(u, reshapeCompute(g, [...g.shape.slice(0, -1), 1, k]));
  return gemmCompute(false, false, m * k ? ug.numel / (m * k) : 0, m, n, k, ug, vh, r.inputs[0].shape.slice());
}
