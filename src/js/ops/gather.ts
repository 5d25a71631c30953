// Shape and indexing 2 (js device), as the wasm device's assembly/ops/gather.ts:
// out[i] = x[index[i]], or `fill` where index[i] < 0; `sum` (trace) sums what it reads.
// The front end (src/ops/indexing2.ts) computed and validated the flat index.

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record } from '../tensor.js';

export function gatherFlat(op: Op, x: JsTensor, value: JsTensor | null, index: JsTensor, shape: number[], fill: number, sum: boolean): JsTensor {
  const out = empty(shape, x.dtype);
  const idx = index.data, xd = x.data, od = out.data;
  if (sum) {
    let s = 0; // PyTorch's trace_cpu accumulates in double
    for (let i = 0; i < idx.length; i++) s += xd[idx[i]];
    od[0] = s;
  } else {
    const f = x.dtype === DType.Float32 || x.dtype === DType.Float64 ? fill : fill | 0;
    for (let i = 0; i < idx.length; i++) od[i] = idx[i] < 0 ? f : xd[idx[i]];
  }
  const r = record(op, out, value ? [x, value] : [x]);
  if (r) { r.s0 = fill; r.i0 = sum ? 1 : 0; r.saved = [index]; }
  return out;
}

/** k = 0: g added at index[i] into zeros of x's shape (g[0] when `sum`); k = 1: the sum of g where index[i] < 0. */
export function gatherFlatBackward(sum: boolean, k: number, g: JsTensor, index: JsTensor, shape: number[]): JsTensor {
  const out = empty(shape.slice());
  const idx = index.data, gd = g.data, od = out.data;
  if (k === 1) {
    let s = 0;
    for (let i = 0; i < idx.length; i++) if (idx[i] < 0) s = Math.fround(s + gd[i]);
    od[0] = s;
    return out;
  }
  for (let i = 0; i < idx.length; i++) if (idx[i] >= 0) od[idx[i]] += gd[sum ? 0 : i];
  return out;
}
