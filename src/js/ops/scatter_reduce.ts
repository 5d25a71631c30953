// torch.scatter_reduce on the js device, as assembly/ops/scatter_reduce.ts (helper leftovers):
// mode 'sum' 0, 'prod' 1, 'mean' 2, 'amax' 3, 'amin' 4; index[j] is src[j]'s flat target (< 0: unused).

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';

const SUM = 0, PROD = 1, MEAN = 2, AMAX = 3, AMIN = 4;

/** PyTorch's ReduceAdd/Multiply/Mean/Maximum/Minimum: a NaN src wins amax/amin, std::max keeps a NaN self. */
function combine(mode: number, a: number, v: number): number {
  if (mode === PROD) return a * v;
  if (mode === AMAX) return Number.isNaN(v) ? v : a < v ? v : a;
  if (mode === AMIN) return Number.isNaN(v) ? v : v < a ? v : a;
  return a + v;
}

export function scatterReduce(x: JsTensor, src: JsTensor, index: JsTensor, mode: number, includeSelf: boolean): JsTensor {
  const out = new JsTensor(x.data.slice(), x.shape.slice(), x.dtype);
  const idx = index.data, sd = src.data, od = out.data;
  const float = x.dtype === DType.Float32 || x.dtype === DType.Float64;
  const count = new Int32Array(od.length);
  if (!includeSelf) {
    const e = mode === PROD ? 1 : mode === AMAX ? (float ? -Infinity : -0x80000000) : mode === AMIN ? (float ? Infinity : 0x7fffffff) : 0;
    for (let j = 0; j < idx.length; j++) if (idx[j] >= 0) od[idx[j]] = e;
  }
  for (let j = 0; j < idx.length; j++) {
    const t = idx[j];
    if (t < 0) continue;
    od[t] = float || mode !== PROD ? combine(mode, od[t], sd[j]) : Math.imul(od[t], sd[j]); // int32 storage wraps
    count[t]++;
  }
  if (mode === MEAN) {
    for (let t = 0; t < od.length; t++) {
      const c = count[t] + (includeSelf ? 1 : 0) || 1;
      od[t] = float ? od[t] / c : Math.floor(od[t] / c);
    }
  }
  const r = record(Op.ScatterReduce, out, [x, src]);
  if (r) { r.i0 = mode; r.i1 = includeSelf ? 1 : 0; r.saved = [x, index, src]; r.savesResult = true; }
  return out;
}

/** PyTorch's scatter_reduce_backward for input k (0 self, 1 src), in g's dtype. */
export function scatterReduceBackward(k: number, g: JsTensor, x: JsTensor, src: JsTensor, res: JsTensor, index: JsTensor, mode: number, includeSelf: boolean): JsTensor {
  const R = roundOf(g.dtype), idx = index.data, gd = g.data, xd = x.data, sd = src.data, rd = res.data;
  const out = empty((k === 0 ? x.shape : src.shape).slice(), g.dtype), od = out.data;
  // a: N (mean), N_to_distribute (amax/amin), the masked product (prod); b: src's zeros per target
  const a = new Float64Array(xd.length), b = new Float64Array(xd.length);
  for (let t = 0; t < xd.length; t++) {
    a[t] = mode === MEAN ? (includeSelf ? 1 : 0) : mode === AMAX || mode === AMIN ? (xd[t] === rd[t] ? 1 : 0)
      : mode === PROD ? (k === 0 && xd[t] === 0 ? 1 : xd[t]) : 0;
  }
  if (mode === PROD && !includeSelf) for (const t of idx) if (t >= 0) a[t] = 1;
  for (let j = 0; j < idx.length; j++) {
    const t = idx[j], sv = sd[j];
    if (t < 0) continue;
    if (mode === MEAN) a[t] += 1;
    else if (mode === AMAX || mode === AMIN) a[t] += sv === rd[t] ? 1 : 0;
    else if (mode === PROD) {
      a[t] = R(a[t] * (k === 1 && sv === 0 ? 1 : sv));
      if (sv === 0) b[t] += 1;
    }
  }
  if (mode === MEAN) for (let t = 0; t < a.length; t++) if (a[t] === 0) a[t] = 1;
  if (k === 0) {
    for (let t = 0; t < xd.length; t++) {
      const gv = gd[t];
      od[t] = mode === MEAN ? R(gv / a[t]) : mode === AMAX || mode === AMIN ? (xd[t] === rd[t] ? 1 : 0) * R(gv / a[t])
        : mode === PROD ? R(R(gv * a[t]) / (xd[t] === 0 ? 1 : xd[t])) : gv;
    }
    if (!includeSelf) for (const t of idx) if (t >= 0) od[t] = 0;
    return out;
  }
  for (let j = 0; j < od.length; j++) {
    const t = j < idx.length ? idx[j] : -1;
    if (t < 0) { od[j] = 0; continue; }
    const gv = gd[t], sv = sd[j];
    od[j] = mode === SUM ? gv : mode === MEAN ? R(gv / a[t]) : mode === AMAX || mode === AMIN ? (sv === rd[t] ? 1 : 0) * R(gv / a[t])
      : sv === 0 && b[t] === 1 ? R(gv * a[t]) : R(R(gv * rd[t]) / (sv === 0 ? 1 : sv));
  }
  return out;
}
