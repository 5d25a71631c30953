// Reductions beyond sum/mean, and the softmax family (js device). The kernels
// mirror the wasm device's (assembly/kernels/reduce.ts, softmax.ts and softmax64.ts) step by
// step, with the same roundings (f32's for float32, none for float64), so both devices agree
// bit for bit.

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';
import { reducedShape } from '../../shape.js';

type Floats = Float32Array | Float64Array;
const f = Math.fround;
const expf = (x: number): number => f(Math.exp(x));

// ---- walking x with the output offset of each element ----------------------

interface Plan { shape: number[]; ostr: number[] }

/** Coalesced dims (size 1 dropped, same-kind neighbours merged) and out strides (0 on reduced dims). */
function plan(shape: readonly number[], mask: number): Plan {
  const cs: number[] = [], red: boolean[] = [];
  for (let d = 0; d < shape.length; d++) {
    const s = shape[d];
    if (s === 1) continue;
    const r = (mask & (1 << d)) !== 0;
    if (cs.length > 0 && red[red.length - 1] === r) cs[cs.length - 1] *= s;
    else { cs.push(s); red.push(r); }
  }
  if (cs.length === 0) { cs.push(1); red.push(false); }
  const ostr = new Array<number>(cs.length);
  let stride = 1;
  for (let d = cs.length - 1; d >= 0; d--) {
    ostr[d] = red[d] ? 0 : stride;
    if (!red[d]) stride *= cs[d];
  }
  return { shape: cs, ostr };
}

/**
 * Calls row(p, n, o, step) for each run of n input elements starting at index
 * p whose output offsets are o, o + step, ... (step 0: they all fold into o).
 */
function walk(shape: readonly number[], mask: number, row: (p: number, n: number, o: number, step: number) => void): void {
  const { shape: s, ostr } = plan(shape, mask);
  const last = s.length - 1, inner = s[last], si = ostr[last];
  let rows = 1;
  for (let d = 0; d < last; d++) rows *= s[d];
  const cnt = new Array<number>(last).fill(0);
  let off = 0;
  for (let r = 0, p = 0; r < rows; r++, p += inner) {
    row(p, inner, off, si);
    for (let d = last - 1; d >= 0; d--) {
      const c = cnt[d] + 1;
      if (c < s[d]) { cnt[d] = c; off += ostr[d]; break; }
      cnt[d] = 0;
      off -= ostr[d] * (c - 1);
    }
  }
}

/** max over mask into out (-inf start; NaN wins). */
export function reduceMax(x: Floats, shape: readonly number[], mask: number, out: Floats): void {
  out.fill(-Infinity);
  if (x.length === 0) return;
  walk(shape, mask, (p, n, o, step) => {
    if (step === 0) {
      let m = out[o];
      for (let j = 0; j < n; j++) { const v = x[p + j]; if (v > m || v !== v) m = v; }
      out[o] = m;
    } else {
      for (let j = 0; j < n; j++) { const v = x[p + j], m = out[o + j]; if (v > m || v !== v) out[o + j] = v; }
    }
  });
}

/** AmaxBackward0: (g / count)·(x == m), m and g in output element order. */
export function amaxGrad(x: Floats, shape: readonly number[], mask: number, m: Floats, g: Floats, out: Floats): void {
  if (x.length === 0) return;
  const f = roundOf(out instanceof Float64Array ? DType.Float64 : DType.Float32);
  const cnt = new Float64Array(m.length);
  walk(shape, mask, (p, n, o, step) => {
    for (let j = 0; j < n; j++) if (x[p + j] === m[o + j * step]) cnt[o + j * step]++;
  });
  const q = new (out.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(m.length);
  for (let i = 0; i < q.length; i++) q[i] = g[i] / f(cnt[i]);
  walk(shape, mask, (p, n, o, step) => {
    for (let j = 0; j < n; j++) out[p + j] = f(q[o + j * step] * (x[p + j] === m[o + j * step] ? 1 : 0));
  });
}

/** LogsumexpBackward0: g·exp(x − result). */
export function logsumexpGrad(x: Floats, shape: readonly number[], mask: number, res: Floats, g: Floats, out: Floats): void {
  if (x.length === 0) return;
  const f = roundOf(out instanceof Float64Array ? DType.Float64 : DType.Float32), expf = (v: number): number => f(Math.exp(v));
  walk(shape, mask, (p, n, o, step) => {
    for (let j = 0; j < n; j++) out[p + j] = f(g[o + j * step] * expf(f(x[p + j] - res[o + j * step])));
  });
}

// ---- ops --------------------------------------------------------------------

export function amax(a: JsTensor, mask: number, keepdim: boolean): JsTensor {
  const out = empty(reducedShape(a.shape, mask, keepdim), a.dtype);
  reduceMax(a.data as Floats, a.shape, mask, out.data as Floats);
  const r = record(Op.Amax, out, [a]);
  if (r) { r.i0 = mask; r.i1 = keepdim ? 1 : 0; r.saved = [a]; r.savesResult = true; }
  return out;
}

/** −x of every element (min is −max(−x): the same first index, the same NaN). */
const negated = (x: Floats): Floats => x.map((v) => -v);

/** amin over mask (helper leftovers, linalg.matrix_norm): −amax(−a), AminBackward0 with amax's rule. */
export function amin(a: JsTensor, mask: number, keepdim: boolean): JsTensor {
  const out = empty(reducedShape(a.shape, mask, keepdim), a.dtype), o = out.data as Floats;
  reduceMax(negated(a.data as Floats), a.shape, mask, o);
  for (let i = 0; i < o.length; i++) o[i] = -o[i];
  const r = record(Op.Amin, out, [a]);
  if (r) { r.i0 = mask; r.i1 = keepdim ? 1 : 0; r.saved = [a]; r.savesResult = true; }
  return out;
}

/** max (Op.MaxAll) or min (Op.MinAll) of every element, 0-d. */
export function maxAll(a: JsTensor, op: Op = Op.MaxAll): JsTensor {
  const out = empty([], a.dtype);
  const x = a.data as Floats, o = out.data as Floats;
  reduceMax(op === Op.MinAll ? negated(x) : x, a.shape, a.shape.length ? (1 << a.shape.length) - 1 : 0, o);
  if (op === Op.MinAll) o[0] = -o[0];
  const r = record(op, out, [a]);
  if (r) { r.saved = [a]; r.savesResult = true; }
  return out;
}

/** outer × D × inner around dim (a 0-dim tensor is 1 × 1 × 1). */
export function split(shape: readonly number[], dim: number): [number, number, number] {
  let outer = 1, inner = 1;
  for (let d = 0; d < dim; d++) outer *= shape[d];
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
  return [outer, shape.length ? shape[dim] : 1, inner];
}

/** max (Op.MaxDim) or min (Op.MinDim) along dim: [values, int64 indices]. */
export function maxDim(a: JsTensor, dim: number, keepdim: boolean, op: Op = Op.MaxDim): [JsTensor, JsTensor] {
  const shape = reducedShape(a.shape, a.shape.length ? 1 << dim : 0, keepdim);
  const vals = empty(shape, a.dtype), idx = empty(shape.slice(), DType.Int64);
  const [outer, d, inner] = split(a.shape, dim);
  const x = op === Op.MinDim ? negated(a.data as Floats) : a.data as Floats;
  const v = vals.data, ix = idx.data;
  if (v.length > 0) {
    for (let o = 0; o < outer; o++) {
      const base = o * d * inner, ob = o * inner;
      for (let i = 0; i < inner; i++) { v[ob + i] = x[base + i]; ix[ob + i] = 0; }
      for (let k = 1; k < d; k++) {
        const row = base + k * inner;
        for (let i = 0; i < inner; i++) {
          const e = x[row + i], m = v[ob + i];
          // the first maximum wins; a NaN is the maximum and stops the search
          if (!(e <= m) && m === m) { v[ob + i] = e; ix[ob + i] = k; }
        }
      }
    }
  }
  if (op === Op.MinDim) for (let i = 0; i < v.length; i++) v[i] = -v[i];
  const r = record(op, vals, [a]);
  if (r) { r.i0 = dim; r.i1 = keepdim ? 1 : 0; r.saved = [idx]; }
  return [vals, idx];
}

export function logsumexp(a: JsTensor, mask: number, keepdim: boolean): JsTensor {
  const out = empty(reducedShape(a.shape, mask, keepdim), a.dtype);
  const x = a.data as Floats, o = out.data as Floats;
  const f = roundOf(a.dtype), expf = (v: number): number => f(Math.exp(v));
  if (x.length === 0) o.fill(-Infinity); // an empty sum: log(0)
  else {
    reduceMax(x, a.shape, mask, o);
    // an infinite max is taken as 0, as PyTorch does (see assembly/kernels/reduce.ts)
    for (let i = 0; i < o.length; i++) if (Math.abs(o[i]) === Infinity) o[i] = 0;
    const acc = new Float64Array(o.length);
    walk(a.shape, mask, (p, n, off, step) => {
      for (let j = 0; j < n; j++) acc[off + j * step] += expf(f(x[p + j] - o[off + j * step]));
    });
    for (let i = 0; i < o.length; i++) o[i] = f(f(Math.log(f(acc[i]))) + o[i]);
  }
  const r = record(Op.Logsumexp, out, [a]);
  if (r) { r.i0 = mask; r.i1 = keepdim ? 1 : 0; r.saved = [a]; r.savesResult = true; }
  return out;
}

/**
 * softmax / log_softmax along the middle dim of outer × d × inner (see assembly/kernels/softmax.ts);
 * `probs` (log_softmax over rows): also the softmax, from the same exps, for the backward.
 */
export function softmaxForward(isLog: boolean, x: Float32Array, out: Float32Array, outer: number, d: number, inner: number, probs: Float32Array | null = null): void {
  if (outer === 0 || d === 0 || inner === 0) return;
  if (inner === 1) {
    for (let o = 0, off = 0; o < outer; o++, off += d) {
      let m = -Infinity;
      for (let j = 0; j < d; j++) { const v = x[off + j]; if (v > m || v !== v) m = v; }
      let s = 0;
      if (isLog && probs) {
        for (let j = 0; j < d; j++) { const e = expf(f(x[off + j] - m)); probs[off + j] = e; s += e; }
        const ls = f(Math.log(f(s))), inv = f(1 / f(s));
        for (let j = 0; j < d; j++) { out[off + j] = f(x[off + j] - m) - ls; probs[off + j] *= inv; }
      } else if (isLog) {
        for (let j = 0; j < d; j++) s += expf(f(x[off + j] - m));
        const ls = f(Math.log(f(s)));
        for (let j = 0; j < d; j++) out[off + j] = f(x[off + j] - m) - ls;
      } else {
        for (let j = 0; j < d; j++) { const e = expf(f(x[off + j] - m)); out[off + j] = e; s += e; }
        const inv = f(1 / f(s));
        for (let j = 0; j < d; j++) out[off + j] *= inv;
      }
    }
    return;
  }
  const mx = new Float32Array(inner), sm = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * d * inner;
    for (let i = 0; i < inner; i++) mx[i] = x[base + i];
    sm.fill(0);
    for (let k = 1; k < d; k++) {
      const row = base + k * inner;
      for (let i = 0; i < inner; i++) { const v = x[row + i]; if (v > mx[i] || v !== v) mx[i] = v; }
    }
    for (let k = 0; k < d; k++) {
      const row = base + k * inner;
      for (let i = 0; i < inner; i++) {
        const e = expf(f(x[row + i] - mx[i]));
        if (!isLog) out[row + i] = e;
        sm[i] += e;
      }
    }
    if (isLog) {
      for (let i = 0; i < inner; i++) sm[i] = Math.log(sm[i]);
      for (let k = 0; k < d; k++) {
        const row = base + k * inner;
        for (let i = 0; i < inner; i++) out[row + i] = f(x[row + i] - mx[i]) - sm[i];
      }
    } else {
      for (let i = 0; i < inner; i++) sm[i] = f(sm[i]);
      for (let k = 0; k < d; k++) {
        const row = base + k * inner;
        for (let i = 0; i < inner; i++) out[row + i] = out[row + i] / sm[i];
      }
    }
  }
}

/**
 * y·(g − Σ g·y) or g − exp(y)·Σ g along the middle dim; with isProbs (log_softmax over rows), y is the
 * softmax the forward kept (exp(y) already): g − y·Σ g.
 */
export function softmaxBackwardKernel(isLog: boolean, g: Float32Array, y: Float32Array, out: Float32Array, outer: number, d: number, inner: number, isProbs = false): void {
  if (outer === 0 || d === 0 || inner === 0) return;
  const sm = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * d * inner;
    sm.fill(0);
    for (let k = 0; k < d; k++) {
      const row = base + k * inner;
      for (let i = 0; i < inner; i++) sm[i] += isLog ? g[row + i] : f(g[row + i] * y[row + i]);
    }
    for (let i = 0; i < inner; i++) sm[i] = f(sm[i]);
    for (let k = 0; k < d; k++) {
      const row = base + k * inner;
      for (let i = 0; i < inner; i++) {
        const s = sm[i], gi = g[row + i], yi = y[row + i];
        out[row + i] = isLog ? gi - f((isProbs ? yi : expf(yi)) * s) : f(gi - s) * yi;
      }
    }
  }
}

/** float64 softmax / log_softmax, one column of d elements at a time, as assembly/kernels/softmax64.ts. */
function softmaxForward64(isLog: boolean, x: Float64Array, out: Float64Array, outer: number, d: number, inner: number): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (k: number): number => (o * d + k) * inner + i;
      let m = -Infinity, s = 0;
      for (let k = 0; k < d; k++) { const v = x[at(k)]; if (v > m || v !== v) m = v; }
      for (let k = 0; k < d; k++) { const e = Math.exp(x[at(k)] - m); if (!isLog) out[at(k)] = e; s += e; }
      const ls = Math.log(s);
      for (let k = 0; k < d; k++) out[at(k)] = isLog ? x[at(k)] - m - ls : out[at(k)] / s;
    }
  }
}

/** The float64 derivative: y·(g − Σ g·y) or g − exp(y)·Σ g, as assembly/kernels/softmax64.ts. */
export function softmaxBackward64(isLog: boolean, g: Float64Array, y: Float64Array, out: Float64Array, outer: number, d: number, inner: number): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (k: number): number => (o * d + k) * inner + i;
      let s = 0;
      for (let k = 0; k < d; k++) s += isLog ? g[at(k)] : g[at(k)] * y[at(k)];
      for (let k = 0; k < d; k++) out[at(k)] = isLog ? g[at(k)] - Math.exp(y[at(k)]) * s : (g[at(k)] - s) * y[at(k)];
    }
  }
}

/** softmax or log_softmax along dim; keepProbs as the wasm device's (assembly/ops/reduce.ts softmax): saved slot 0. */
export function softmax(op: Op, a: JsTensor, dim: number, keepProbs = false): JsTensor {
  const out = empty(a.shape.slice(), a.dtype);
  const [outer, d, inner] = split(a.shape, dim);
  const r = record(op, out, [a]);
  const probs = keepProbs && r && !r.packed && op === Op.LogSoftmax && inner === 1 && a.dtype === DType.Float32 ? empty(a.shape.slice(), a.dtype) : null;
  if (a.dtype === DType.Float64) softmaxForward64(op === Op.LogSoftmax, a.data as Float64Array, out.data as Float64Array, outer, d, inner);
  else softmaxForward(op === Op.LogSoftmax, a.data as Float32Array, out.data as Float32Array, outer, d, inner, probs ? probs.data as Float32Array : null);
  if (r) { r.i0 = dim; r.savesResult = true; if (probs) r.saved = [probs]; }
  return out;
}
