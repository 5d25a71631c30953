// Shape and indexing 2 (js device), as the wasm device's assembly/ops/gather.ts:
// out[i] = x[index[i]], or `fill` where index[i] < 0; `sum` (trace) sums what it reads.
// The front end (src/ops/gather_scatter.ts) computed and validated the flat index.

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';

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
  const out = empty(shape.slice(), g.dtype);
  const idx = index.data, gd = g.data, od = out.data;
  if (k === 1) {
    let s = 0;
    const round = roundOf(g.dtype);
    for (let i = 0; i < idx.length; i++) if (idx[i] < 0) s = round(s + gd[i]);
    od[0] = s;
    return out;
  }
  for (let i = 0; i < idx.length; i++) if (idx[i] >= 0) od[idx[i]] += gd[sum ? 0 : i];
  return out;
}

/** out = x with src[j] written (accumulate: alpha·src[j] added) at index[j] (skipped when < 0). */
export function scatterFlat(op: Op, x: JsTensor, src: JsTensor, index: JsTensor, accumulate: boolean, alpha: number): JsTensor {
  const out = new JsTensor(x.data.slice(), x.shape.slice(), x.dtype);
  const idx = index.data, sd = src.data, od = out.data;
  const float = x.dtype === DType.Float32 || x.dtype === DType.Float64, round = roundOf(x.dtype);
  const a = float ? round(alpha) : Math.trunc(alpha);
  for (let j = 0; j < idx.length; j++) {
    const t = idx[j];
    if (t < 0) continue;
    if (!accumulate) od[t] = sd[j];
    else od[t] = od[t] + (alpha === 1 ? sd[j] : round(a * sd[j]));
  }
  const r = record(op, out, [x, src]);
  if (r) { r.s0 = alpha; r.i0 = accumulate ? 1 : 0; r.saved = [index]; }
  return out;
}

/** k = 0: g, zero where a copy overwrote x; k = 1: alpha·g[index[j]] (0 where index[j] < 0). */
export function scatterFlatBackward(k: number, g: JsTensor, index: JsTensor, accumulate: boolean, alpha: number, shape: number[]): JsTensor {
  const idx = index.data, gd = g.data;
  if (k === 0) {
    const out = new JsTensor(gd.slice(), shape.slice(), g.dtype);
    if (!accumulate) for (let j = 0; j < idx.length; j++) if (idx[j] >= 0) out.data[idx[j]] = 0;
    return out;
  }
  const out = empty(shape.slice(), g.dtype), round = roundOf(g.dtype), a = round(alpha);
  for (let j = 0; j < idx.length; j++) {
    const v = idx[j] < 0 ? 0 : gd[idx[j]];
    out.data[j] = alpha === 1 ? v : round(a * v);
  }
  return out;
}
