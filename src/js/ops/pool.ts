// Pooling of the js device over the last two or three dims, as on the wasm device (assembly/ops/pool.ts):
// max_pool2d/3d and adaptive_max_pool2d (the first maximum, a NaN wins; its flat index kept),
// avg_pool2d/3d, adaptive_avg_pool2d; a 2-D pool is the 3-D one with depth 1. And max_unpool2d.
// p = [kd, kh, kw, sd, sh, sw, pd, ph, pw, dd, dh, dw, count_include_pad, divisor_override, OD, OH, OW].

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf, isGradEnabled, type JsRecord } from '../tensor.js';
import { RuntimeError, DERIVATIVE_NOT_IMPLEMENTED } from '../../errors.js';
import { recording, div } from '../grad/helpers.js';
import { scatterInto } from '../grad/gather.js';
import { gatherFlat } from './gather.js';

const enum Kind { Max, Avg, Adaptive }
const kindOf = (op: Op): Kind => (op === Op.MaxPool2DWithIndices || op === Op.MaxPool3DWithIndices ? Kind.Max
  : op === Op.AvgPool2D || op === Op.AvgPool3D ? Kind.Avg : Kind.Adaptive);
const takesMax = (op: Op): boolean => op === Op.MaxPool2DWithIndices || op === Op.MaxPool3DWithIndices || op === Op.AdaptiveMaxPool2D
  || op === Op.AdaptiveMaxPool3D;
/** How many trailing dims op pools over. */
const spatialDims = (op: Op): number => (op === Op.MaxPool3DWithIndices || op === Op.AvgPool3D || op === Op.AdaptiveMaxPool3D ? 3 : 2);

/** A pool's geometry: planes P of D × H × W in, OD × OH × OW out. */
interface Pool { kind: Kind; p: readonly number[]; P: number; in: [number, number, number]; out: [number, number, number] }

function poolOf(op: Op, p: readonly number[], shape: readonly number[], out: readonly number[]): Pool {
  const nd = shape.length, s = spatialDims(op);
  let P = 1;
  for (let d = 0; d < nd - s; d++) P *= shape[d];
  const last3 = (l: readonly number[]): [number, number, number] => [s === 3 ? l[l.length - 3] : 1, l[l.length - 2], l[l.length - 1]];
  return { kind: kindOf(op), p, P, in: last3(shape), out: last3(out) };
}

/** One dim's window of output o: [lo, hi), the step, and the padded size an average divides by. */
function span(q: Pool, dim: number, o: number): [number, number, number, number] {
  const n = q.in[dim], on = q.out[dim];
  if (q.kind === Kind.Adaptive) {
    const lo = Math.floor((o * n) / on), hi = Math.ceil(((o + 1) * n) / on);
    return [lo, hi, 1, hi - lo];
  }
  const k = q.p[dim], s = q.p[3 + dim], pad = q.p[6 + dim], d = q.p[9 + dim];
  let lo = o * s - pad;
  if (q.kind === Kind.Max) {
    const hi = Math.min(lo + (k - 1) * d + 1, n);
    while (lo < 0) lo += d;
    return [lo, hi, d, 0];
  }
  const hi = Math.min(lo + k, n + pad);
  return [Math.max(lo, 0), Math.min(hi, n), 1, hi - lo];
}

/** The window of output (od, oh, ow) per dim, and an average's divisor. */
function window(q: Pool, od: number, oh: number, ow: number): [[number, number, number, number][], number] {
  const w = [span(q, 0, od), span(q, 1, oh), span(q, 2, ow)];
  const size = w[0][3] * w[1][3] * w[2][3];
  const [cip, div] = [q.p[12], q.p[13]];
  const clipped = (w[0][1] - w[0][0]) * (w[1][1] - w[1][0]) * (w[2][1] - w[2][0]);
  return [w, q.kind === Kind.Adaptive ? size : div ? div : cip ? size : clipped];
}

/** Calls f(flat index in the plane) over a window's positions, depth-major. */
function each(w: [number, number, number, number][], H: number, W: number, f: (i: number) => void): void {
  const [[z0, z1, dz], [r0, r1, dr], [c0, c1, dc]] = w;
  for (let z = z0; z < z1; z += dz) for (let r = r0; r < r1; r += dr) for (let c = c0; c < c1; c += dc) f((z * H + r) * W + c);
}

/** Calls f(o, base, od, oh, ow) for each output o of the pool, base the offset of its input plane. */
function eachOutput(q: Pool, f: (o: number, base: number, od: number, oh: number, ow: number) => void): void {
  const [D, H, W] = q.in, [OD, OH, OW] = q.out;
  let o = 0;
  for (let pl = 0; pl < q.P; pl++) {
    const base = pl * D * H * W;
    for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) f(o++, base, od, oh, ow);
  }
}

/** The pooling ops by op code: [output, indices (max ops) or null]. */
export function pool(op: Op, x: JsTensor, p: readonly number[]): [JsTensor, JsTensor | null] {
  const s = spatialDims(op), nd = x.shape.length;
  const shape = [...x.shape.slice(0, nd - s), ...p.slice(17 - s)];
  const q = poolOf(op, p, x.shape, shape);
  const [, H, W] = q.in;
  const out = empty(shape, x.dtype), Y = out.data, X = x.data;
  const round = roundOf(x.dtype);
  const idx = takesMax(op) ? empty(shape.slice(), DType.Int64) : null;
  eachOutput(q, (o, base, od, oh, ow) => {
    const [w, div] = window(q, od, oh, ow);
    if (idx) {
      let best = -Infinity, at = (w[0][0] * H + w[1][0]) * W + w[2][0];
      each(w, H, W, (i) => { const v = X[base + i]; if (v > best || v !== v) { best = v; at = i; } });
      Y[o] = best;
      idx.data[o] = at;
      return;
    }
    let sum = 0;
    each(w, H, W, (i) => { sum = round(sum + X[base + i]); });
    Y[o] = w.every(([lo, hi]) => lo < hi) ? sum / div : 0;
  });
  const r = record(op, out, [x]);
  if (r) {
    if (idx) r.saved = [idx];
    r.ints = p.slice();
  }
  return [out, idx];
}

/**
 * MaxPool2D/3DWithIndicesBackward0, AdaptiveMaxPool2DBackward0: under create_graph a recorded
 * scatter_add of g at each window's maximum (its derivative for g gathers there again); the kernel below otherwise.
 */
export function maxPool2dBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (!recording(g)) return pool2dBackward(r, g, k);
  // the indices are per plane: plus the plane's offset, flat positions in the input
  const xs = r.inputs[0].shape, gs = g.shape, idx = r.saved[0]!.data, s = spatialDims(r.op as Op);
  const size = (l: readonly number[]): number => l.slice(l.length - s).reduce((a, b) => a * b, 1);
  const oplane = size(gs), plane = size(xs);
  const flat = empty(gs.slice(), DType.Int32);
  flat.data.forEach((_, o) => { flat.data[o] = idx[o] + Math.floor(o / oplane) * plane; });
  return scatterInto(xs, g, flat);
}

/**
 * AvgPool2DBackward0, AvgPool3DBackward0, AdaptiveAvgPool2DBackward0: the kernel; under create_graph
 * g divided by each window's divisor, read at each position of the window (a recorded take) and
 * added there (a recorded scatter_add), whose derivative for g is the pool of the incoming gradient
 * again, as on the wasm device (assembly/grad/conv.ts).
 */
export function avgPoolBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (!recording(g)) return pool2dBackward(r, g, k);
  const xs = r.inputs[0].shape, q = poolOf(r.op as Op, r.ints, xs, g.shape);
  const [, H, W] = q.in, at: number[] = [], to: number[] = [], divisors: number[] = [];
  eachOutput(q, (o, base, od, oh, ow) => {
    const [w, d] = window(q, od, oh, ow);
    each(w, H, W, (i) => { at.push(o); to.push(base + i); divisors.push(d); });
  });
  const of = (l: number[], dtype: DType): JsTensor => { const t = empty([l.length], dtype); t.data.set(l); return t; };
  const taken = gatherFlat(Op.Take, g, null, of(at, DType.Int32), [at.length], 0, false);
  return scatterInto(xs, div(taken, of(divisors, g.dtype)), of(to, DType.Int32));
}

/** The gradient of a pooling record's input from g; not recorded (the max pools' rule without create_graph, and the average pools'). */
export function pool2dBackward(r: JsRecord, g: JsTensor, _k: number): JsTensor {
  if (isGradEnabled() && g.requiresGrad) throw new RuntimeError(DERIVATIVE_NOT_IMPLEMENTED);
  const xs = r.inputs[0].shape;
  const q = poolOf(r.op as Op, r.ints, xs, g.shape);
  const [, H, W] = q.in;
  const dx = empty(xs.slice(), g.dtype), Dx = dx.data, Gd = g.data;
  const round = roundOf(g.dtype);
  const idx = takesMax(r.op as Op) ? r.saved[0]!.data : null;
  eachOutput(q, (o, base, od, oh, ow) => {
    if (idx) { Dx[base + idx[o]] += Gd[o]; return; }
    const [w, div] = window(q, od, oh, ow);
    const d = round(Gd[o] / div);
    each(w, H, W, (i) => { Dx[base + i] += d; });
  });
  return dx;
}

/** F.max_unpool2d: zeros of the shape with x's values at the flat positions (int32, x's shape, in range; the last write wins). */
export function maxUnpool(op: Op, x: JsTensor, flat: JsTensor, shape: readonly number[]): JsTensor {
  const out = empty(shape.slice(), x.dtype);
  flat.data.forEach((t, i) => { out.data[t] = x.data[i]; });
  const r = record(op, out, [x]);
  if (r) r.saved = [flat];
  return out;
}

/** MaxUnpool2DBackward0: g read at the saved flat positions (a take, recorded under create_graph). */
export function maxUnpoolBackward(r: JsRecord, g: JsTensor, _k: number): JsTensor {
  return gatherFlat(Op.Take, g, null, r.saved[0]!, r.inputs[0].shape.slice(), 0, false);
}
