// linalg.svdvals on the wasm device (LinalgSvdBackward0), as src/js/ops/svd.ts: the singular
// values [..., k] of each m×n matrix of a (k = min(m, n)) by assembly/kernels/svd.ts, recorded
// as Op.LinalgSvd saving U [..., m, k] (slot 0) and Vh [..., k, n] (slot 1) for U·diag(gS)·Vh.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, dimOf, shapePtr, dtypeOf } from '../tensors';
import { shouldRecord1, newRecord, setInput, save } from '../tape';
import { SHAPE } from '../scratch';
import { jacobiSvd } from '../kernels/svd';

/** A new tensor of a's batch dims followed by d0 (and d1 when d1 ≥ 0), in a's dtype. */
function batchTensor(a: i32, d0: i32, d1: i32): i32 {
  const nd = ndimOf(a);
  memory.copy(SHAPE, shapePtr(a), <usize>(nd - 2) << 2);
  store<i32>(SHAPE + (<usize>(nd - 2) << 2), d0);
  if (d1 >= 0) store<i32>(SHAPE + (<usize>(nd - 1) << 2), d1);
  return newTensor(d1 >= 0 ? nd : nd - 1, SHAPE, dtypeOf(a));
}

let svdInfo = 0;
/** 0, or 1 + b for the first batch element b with a NaN in the last linalg_svdvals. */
export function take_svd_info(): i32 { const k = svdInfo; svdInfo = 0; return k; }

/**
 * The singular values of a's matrices ([..., m, n], validated by the TS layer), descending. A NaN
 * sets take_svd_info() (the result is then junk the TS layer frees, not recorded).
 */
export function linalg_svdvals(a: i32): i32 {
  const nd = ndimOf(a), m = dimOf(a, nd - 2), n = dimOf(a, nd - 1), k = min(m, n);
  const s = batchTensor(a, k, -1), u = batchTensor(a, m, k), vh = batchTensor(a, k, n);
  if (!s || !u || !vh) { release(s); release(u); release(vh); return Err.OutOfMemory; }
  svdInfo = 0;
  const batch = m * n ? numelOf(a) / (m * n) : 0, f64 = dtypeOf(a) == DType.Float64, sh: usize = f64 ? 3 : 2;
  for (let b = 0; b < batch; b++) {
    const pa = dataOf(a) + (<usize>(b * m * n) << sh), pu = dataOf(u) + (<usize>(b * m * k) << sh);
    const ps = dataOf(s) + (<usize>(b * k) << sh), pv = dataOf(vh) + (<usize>(b * k * n) << sh);
    const e = f64 ? jacobiSvd<f64>(pa, m, n, pu, ps, pv) : jacobiSvd<f32>(pa, m, n, pu, ps, pv);
    if (e < 0) { release(s); release(u); release(vh); return Err.OutOfMemory; }
    if (e) { svdInfo = 1 + b; break; }
  }
  if (!svdInfo && shouldRecord1(a)) {
    const r = newRecord(Op.LinalgSvd, 1, s);
    if (!r) { release(s); release(u); release(vh); return Err.OutOfMemory; }
    setInput(r, 0, a);
    save(r, 0, u);
    save(r, 1, vh);
  }
  release(u);
  release(vh);
  return s;
}
