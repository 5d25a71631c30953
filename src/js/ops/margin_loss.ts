// multi_margin_loss and multilabel_margin_loss (losses 2, helper losses) on the js device, mirroring assembly/ops/margin_loss.ts
// and assembly/grad/margin_loss.ts step for step in the input's dtype (roundOf): ATen's
// multi_margin_loss_cpu_kernel and its backward kernel.

import { Op, Reduction } from '../../../abi/abi.js';
import { JsTensor, JsRecord, empty, record, roundOf } from '../tensor.js';

function framesOf(x: JsTensor): [number, number] {
  const s = x.shape;
  return s.length === 2 ? [s[0], s[1]] : [1, s.length === 1 ? s[0] : 1];
}

/** weight is null when not given; the front end has checked shapes, classes and p ∈ {1, 2}. */
export function multiMarginLoss(input: JsTensor, target: JsTensor, weight: JsTensor | null, p: number, margin: number, reduction: number): JsTensor {
  const [nframe, dim] = framesOf(input);
  const x = input.data, t = target.data, w = weight?.data ?? null, f = roundOf(input.dtype), m = f(margin);
  const perRow = reduction === Reduction.None && target.shape.length > 0;
  const out = empty(perRow ? [nframe] : [], input.dtype);
  let acc = 0;
  for (let r = 0; r < nframe; r++) {
    const y = t[r], xy = x[r * dim + y];
    let sum = 0;
    for (let d = 0; d < dim; d++) {
      if (d === y) continue;
      const z = f(f(m - xy) + x[r * dim + d]);
      if (z > 0) {
        let h = p === 1 ? z : f(z * z);
        if (w) h = f(h * w[y]);
        sum = f(sum + h);
      }
    }
    const v = f(sum / dim);
    if (perRow) out.data[r] = v;
    else acc += v;
  }
  if (!perRow) out.data[0] = reduction === Reduction.Mean ? acc / nframe : acc;
  const rec = record(Op.MultiMarginLoss, out, [input]);
  if (rec) {
    rec.s0 = margin; rec.s1 = p; rec.i0 = reduction; rec.i1 = weight ? 1 : 0;
    rec.saved = weight ? [input, target, weight] : [input, target];
  }
  return out;
}

/** ATen's multi_margin_loss_backward_cpu_kernel (see assembly/grad/margin_loss.ts). */
export function multiMarginLossBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const input = r.saved[0]!, t = r.saved[1]!.data, w = r.i1 ? r.saved[2]!.data : null;
  const [nframe, dim] = framesOf(input);
  const x = input.data, f = roundOf(input.dtype), m = f(r.s0), p = r.s1;
  const out = empty(input.shape.slice(), input.dtype), o = out.data;
  const g0 = f(r.i0 === Reduction.Mean ? 1 / (nframe * dim) : 1 / dim);
  const perRowG = r.i0 === Reduction.None && g.shape.length > 0;
  for (let row = 0; row < nframe; row++) {
    const y = t[row], base = row * dim, xy = x[base + y];
    let gy = 0;
    for (let d = 0; d < dim; d++) {
      if (d === y) continue;
      const z = f(f(m - xy) + x[base + d]);
      let h = 0;
      if (z > 0) {
        h = p === 1 ? g0 : f(f(2 * g0) * z);
        if (w) h = f(h * w[y]);
        gy = f(gy - h);
      }
      o[base + d] = h;
    }
    o[base + y] = gy;
    const up = g.data[perRowG ? row : 0];
    for (let d = 0; d < dim; d++) o[base + d] = f(o[base + d] * up);
  }
  return out;
}

/** Whether class d is among the targets t[from..] before the first −1 (ATen's is_target). */
function isTarget(t: Int32Array | Float32Array | Float64Array, from: number, dim: number, d: number): boolean {
  for (let k = 0; k < dim; k++) {
    const c = t[from + k];
    if (c < 0) return false;
    if (c === d) return true;
  }
  return false;
}

/** multilabel_margin_loss (see assembly/ops/margin_loss.ts): per row the sum in f64, z in the dtype. */
export function multilabelMarginLoss(input: JsTensor, target: JsTensor, reduction: number): JsTensor {
  const [nframe, dim] = framesOf(input);
  const x = input.data, t = target.data, f = roundOf(input.dtype);
  const perRow = reduction === Reduction.None && target.shape.length > 1;
  const out = empty(perRow ? [nframe] : [], input.dtype);
  let acc = 0;
  for (let r = 0; r < nframe; r++) {
    const base = r * dim;
    let sum = 0;
    for (let k = 0; k < dim; k++) {
      const y = t[base + k];
      if (y < 0) break;
      for (let d = 0; d < dim; d++) {
        if (isTarget(t, base, dim, d)) continue;
        const z = f(f(1 - x[base + y]) + x[base + d]);
        if (z > 0) sum += z;
      }
    }
    if (perRow) out.data[r] = f(f(sum) / dim);
    else acc += f(sum);
  }
  if (!perRow) out.data[0] = reduction === Reduction.Mean ? acc / dim / nframe : acc / dim;
  const rec = record(Op.MultilabelMarginLoss, out, [input]);
  if (rec) { rec.i0 = reduction; rec.saved = [input, target]; }
  return out;
}

/** ATen's multilabel_margin_loss_backward_out_frame (see assembly/grad/margin_loss.ts). */
export function multilabelMarginLossBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const input = r.saved[0]!, t = r.saved[1]!.data;
  const [nframe, dim] = framesOf(input);
  const x = input.data, f = roundOf(input.dtype);
  const out = empty(input.shape.slice(), input.dtype), o = out.data;
  const g0 = f(r.i0 === Reduction.Mean ? 1 / (nframe * dim) : 1 / dim);
  const perRowG = r.i0 === Reduction.None && g.shape.length > 0;
  for (let row = 0; row < nframe; row++) {
    const base = row * dim;
    for (let k = 0; k < dim; k++) {
      const y = t[base + k];
      if (y < 0) break;
      for (let d = 0; d < dim; d++) {
        if (isTarget(t, base, dim, d)) continue;
        if (f(f(1 - x[base + y]) + x[base + d]) > 0) {
          o[base + y] = f(o[base + y] - g0);
          o[base + d] = f(o[base + d] + g0);
        }
      }
    }
    const up = g.data[perRowG ? row : 0];
    for (let d = 0; d < dim; d++) o[base + d] = f(o[base + d] * up);
  }
  return out;
}
