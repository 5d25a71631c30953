// linalg.svdvals on the js device (LinalgSvdBackward0), as assembly/ops/svd.ts: the singular values
// [..., k] of each m×n matrix (k = min(m, n)) by ../kernels/svd.ts, recorded as Op.LinalgSvd
// saving U [..., m, k] and Vh [..., k, n] for U·diag(gS)·Vh.

import { Op } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';
import { jacobiSvd } from '../kernels/svd.js';

/**
 * The singular values of a's matrices ([..., m, n], validated by the front end), descending; info
 * is 0, or 1 + b for the first batch element b with a NaN (the result is then not recorded).
 */
export function linalgSvdvals(a: JsTensor): [JsTensor, number] {
  const nd = a.shape.length, m = a.shape[nd - 2], n = a.shape[nd - 1], k = Math.min(m, n), batch = a.shape.slice(0, -2);
  const s = empty([...batch, k], a.dtype), u = empty([...batch, m, k], a.dtype), vh = empty([...batch, k, n], a.dtype);
  const f = roundOf(a.dtype), count = m * n ? a.numel / (m * n) : 0;
  const U = new Float64Array(m * k), S = new Float64Array(k), V = new Float64Array(k * n);
  for (let b = 0; b < count; b++) {
    if (!jacobiSvd(a.data, b * m * n, m, n, U, S, V)) return [s, 1 + b];
    for (let i = 0; i < m * k; i++) u.data[b * m * k + i] = f(U[i]);
    for (let i = 0; i < k; i++) s.data[b * k + i] = f(S[i]);
    for (let i = 0; i < k * n; i++) vh.data[b * k * n + i] = f(V[i]);
  }
  const r = record(Op.LinalgSvd, s, [a]);
  if (r) r.saved = [u, vh];
  return [s, 0];
}
