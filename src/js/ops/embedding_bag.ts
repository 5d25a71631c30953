// F.embedding_bag (helper ebag) on the js device, mirroring assembly/ops/embedding_bag.ts and
// assembly/grad/embedding_bag.ts step for step in the weight's dtype (roundOf): ATen's
// _embedding_bag_cpu and its backward. bags[i] is entry i's bag, −1 for a padding entry.

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, JsRecord, empty, record, roundOf, resultOf } from '../tensor.js';

const MEAN = 1, MAX = 2; // BagMode (assembly/ops/embedding_bag.ts); 0 is sum

/** psw is null when not given; the front end has checked every index and the mode. */
export function embeddingBag(weight: JsTensor, indices: JsTensor, bags: JsTensor, psw: JsTensor | null, nbags: number, mode: number, scaleGradByFreq: number): JsTensor {
  const d = weight.shape[1], n = indices.shape[0], w = weight.data, idx = indices.data, bag = bags.data, f = roundOf(weight.dtype);
  const out = empty([nbags, d], weight.dtype), o = out.data;
  const maxRows = mode === MAX ? empty([nbags, d], DType.Int32) : null;
  maxRows?.data.fill(-1);
  const sizes = new Int32Array(nbags);
  for (let i = 0; i < n; i++) {
    const b = bag[i];
    if (b < 0) continue;
    const row = idx[i] * d, at = b * d;
    if (maxRows) {
      for (let j = 0; j < d; j++) {
        if (sizes[b] === 0 || w[row + j] > o[at + j]) { o[at + j] = w[row + j]; maxRows.data[at + j] = idx[i]; }
      }
    } else {
      const scale = psw ? psw.data[i] : 1;
      for (let j = 0; j < d; j++) o[at + j] = f(o[at + j] + (psw ? f(w[row + j] * scale) : w[row + j]));
    }
    sizes[b]++;
  }
  if (mode === MEAN) for (let b = 0; b < nbags; b++) if (sizes[b]) for (let j = 0; j < d; j++) o[b * d + j] = f(o[b * d + j] / sizes[b]);
  const rec = record(Op.EmbeddingBag, out, psw ? [weight, psw] : [weight]);
  if (rec) {
    rec.s0 = weight.shape[0]; rec.i0 = mode; rec.i1 = scaleGradByFreq;
    rec.saved = psw ? [indices, bags, weight, psw] : maxRows ? [indices, bags, null, maxRows] : [indices, bags];
  }
  return out;
}

/** scale_grad_by_freq's divisors as ATen takes them: counts[sorted[k]] for the k-th distinct index (assembly/grad/embedding_bag.ts freqOf). */
function freqOf(counts: Int32Array): Int32Array {
  const divs = new Int32Array(counts.length);
  let k = 0, u = 0, acc = counts[0] ?? 0;
  for (let v = 0; v < counts.length; v++) {
    if (counts[v] === 0) continue;
    while (acc <= k) acc += counts[++u];
    divs[v] = counts[u];
    k++;
  }
  return divs;
}

/** ATen's _embedding_bag_backward (see assembly/grad/embedding_bag.ts): k = 0 weight, 1 per_sample_weights. */
export function embeddingBagBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const idx = r.saved[0]!.data, bag = r.saved[1]!.data, n = idx.length, nbags = g.shape[0], d = g.shape[1];
  const dtype = resultOf(r).dtype, f = roundOf(dtype), gd = g.data;
  if (k === 1) {
    const w = r.saved[2]!.data, out = empty([n], dtype);
    for (let i = 0; i < n; i++) {
      const b = bag[i];
      if (b < 0) continue;
      let dot = 0;
      for (let j = 0; j < d; j++) dot = f(dot + f(gd[b * d + j] * w[idx[i] * d + j]));
      out.data[i] = dot;
    }
    return out;
  }
  const out = empty([r.s0, d], dtype), o = out.data;
  if (r.i0 === MAX) {
    const rows = r.saved[3]!.data;
    for (let q = 0; q < nbags * d; q++) if (rows[q] >= 0) o[rows[q] * d + q % d] = f(o[rows[q] * d + q % d] + gd[q]);
    return out;
  }
  const counts = new Int32Array(r.s0), sizes = new Int32Array(nbags);
  for (let i = 0; i < n; i++) { counts[idx[i]]++; if (bag[i] >= 0) sizes[bag[i]]++; }
  const divs = r.i1 ? freqOf(counts) : null;
  const psw = r.saved[3]?.data ?? null;
  for (let i = 0; i < n; i++) {
    const b = bag[i];
    if (b < 0) continue;
    // the scale in float64 (ATen's double), then in the dtype
    let scale = psw ? psw[i] : 1;
    if (divs) scale /= divs[idx[i]];
    if (r.i0 === MEAN) scale /= sizes[b];
    scale = f(scale);
    for (let j = 0; j < d; j++) o[idx[i] * d + j] = f(o[idx[i] * d + j] + f(gd[b * d + j] * scale));
  }
  return out;
}
