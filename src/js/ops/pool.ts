// Pooling of the js device over the last two dims, as on the wasm device (assembly/ops/pool.ts):
// max_pool2d (the first maximum, a NaN wins; its flat index kept), avg_pool2d, adaptive_avg_pool2d.
// p = [kh, kw, sh, sw, ph, pw, dh, dw, count_include_pad, divisor_override, OH, OW].

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf, isGradEnabled, type JsRecord } from '../tensor.js';
import { RuntimeError, DERIVATIVE_NOT_IMPLEMENTED } from '../../errors.js';
import { recording } from '../grad/helpers.js';
import { scatterInto } from '../grad/gather.js';

interface Pool { op: Op; p: readonly number[]; P: number; H: number; W: number; OH: number; OW: number }

function poolOf(op: Op, p: readonly number[], shape: readonly number[], oh: number, ow: number): Pool {
  const nd = shape.length;
  let P = 1;
  for (let d = 0; d < nd - 2; d++) P *= shape[d];
  return { op, p, P, H: shape[nd - 2], W: shape[nd - 1], OH: oh, OW: ow };
}

/** Window [r0, r1) × [c0, c1) of output (oh, ow) of an average pool, and its divisor. */
function window(q: Pool, oh: number, ow: number): [number, number, number, number, number] {
  const { H, W, OH, OW } = q;
  if (q.op === Op.AdaptiveAvgPool2D) {
    const r0 = Math.floor((oh * H) / OH), r1 = Math.ceil(((oh + 1) * H) / OH);
    const c0 = Math.floor((ow * W) / OW), c1 = Math.ceil(((ow + 1) * W) / OW);
    return [r0, r1, c0, c1, (r1 - r0) * (c1 - c0)];
  }
  const [KH, KW, SH, SW, PH, PW, , , cip, div] = q.p;
  let r0 = oh * SH - PH, c0 = ow * SW - PW;
  let r1 = Math.min(r0 + KH, H + PH), c1 = Math.min(c0 + KW, W + PW);
  const size = (r1 - r0) * (c1 - c0);
  r0 = Math.max(r0, 0); c0 = Math.max(c0, 0); r1 = Math.min(r1, H); c1 = Math.min(c1, W);
  return [r0, r1, c0, c1, div ? div : cip ? size : (r1 - r0) * (c1 - c0)];
}

/** F.max_pool2d / avg_pool2d / adaptive_avg_pool2d by op code: [output, indices (max) or null]. */
export function pool2d(op: Op, x: JsTensor, p: readonly number[]): [JsTensor, JsTensor | null] {
  const nd = x.shape.length;
  const q = poolOf(op, p, x.shape, p[10], p[11]);
  const { P, H, W, OH, OW } = q;
  const shape = [...x.shape.slice(0, nd - 2), OH, OW];
  const out = empty(shape, x.dtype), Y = out.data, X = x.data;
  const round = roundOf(x.dtype);
  const idx = op === Op.MaxPool2DWithIndices ? empty(shape, DType.Int64) : null;
  const [KH, KW, SH, SW, PH, PW, DH, DW] = p;
  for (let pl = 0; pl < P; pl++) {
    const base = pl * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const o = (pl * OH + oh) * OW + ow;
        if (idx) {
          let r0 = oh * SH - PH, c0 = ow * SW - PW;
          const r1 = Math.min(r0 + (KH - 1) * DH + 1, H), c1 = Math.min(c0 + (KW - 1) * DW + 1, W);
          while (r0 < 0) r0 += DH;
          while (c0 < 0) c0 += DW;
          let best = -Infinity, at = r0 * W + c0;
          for (let r = r0; r < r1; r += DH) {
            for (let c = c0; c < c1; c += DW) {
              const v = X[base + r * W + c];
              if (v > best || v !== v) { best = v; at = r * W + c; }
            }
          }
          Y[o] = best;
          idx.data[o] = at;
          continue;
        }
        const [r0, r1, c0, c1, div] = window(q, oh, ow);
        let s = 0;
        if (r0 < r1 && c0 < c1) {
          for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) s = round(s + X[base + r * W + c]);
          s /= div;
        }
        Y[o] = s;
      }
    }
  }
  const r = record(op, out, [x]);
  if (r) {
    if (idx) r.saved = [idx];
    r.ints = p.slice();
  }
  return [out, idx];
}

/**
 * MaxPool2DWithIndicesBackward0: under create_graph a recorded scatter_add of g at each window's
 * maximum (its derivative for g gathers there again); the kernel below otherwise.
 */
export function maxPool2dBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (!recording(g)) return pool2dBackward(r, g, k);
  // the indices are per plane (H·W): plus the plane's offset, flat positions in the input
  const xs = r.inputs[0].shape, gs = g.shape, idx = r.saved[0]!.data;
  const ohw = gs[gs.length - 2] * gs[gs.length - 1], hw = xs[xs.length - 2] * xs[xs.length - 1];
  const flat = empty(gs.slice(), DType.Int32);
  flat.data.forEach((_, o) => { flat.data[o] = idx[o] + Math.floor(o / ohw) * hw; });
  return scatterInto(xs, g, flat);
}

/** The gradient of a pooling record's input from g; not recorded (a second derivative is refused). */
export function pool2dBackward(r: JsRecord, g: JsTensor, _k: number): JsTensor {
  if (isGradEnabled() && g.requiresGrad) throw new RuntimeError(DERIVATIVE_NOT_IMPLEMENTED);
  const xs = r.inputs[0].shape, gs = g.shape;
  const q = poolOf(r.op as Op, r.ints, xs, gs[gs.length - 2], gs[gs.length - 1]);
  const { P, H, W, OH, OW } = q;
  const dx = empty(xs.slice(), g.dtype), D = dx.data, Gd = g.data;
  const round = roundOf(g.dtype);
  const idx = r.op === Op.MaxPool2DWithIndices ? r.saved[0]!.data : null;
  for (let pl = 0; pl < P; pl++) {
    const base = pl * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const o = (pl * OH + oh) * OW + ow;
        if (idx) { D[base + idx[o]] += Gd[o]; continue; }
        const [r0, r1, c0, c1, div] = window(q, oh, ow);
        const d = round(Gd[o] / div);
        for (let rr = r0; rr < r1; rr++) for (let c = c0; c < c1; c++) D[base + rr * W + c] += d;
      }
    }
  }
  return dx;
}
