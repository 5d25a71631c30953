// Convolution of the js device (F.conv1d / F.conv2d, node ConvolutionBackward0):
// im2col and the gemm of ../gemm.ts, the same algorithm and record as the wasm
// device (assembly/ops/conv.ts). Per image n and group gi, with L = OH·OW,
// Og = O/groups, Kg = C/groups·kh·kw: out[n, gi] = W[gi]·cols[gi] (+ bias);
// dcols[gi] = W[gi]ᵀ·g[n, gi] then col2im; dW[gi] += g[n, gi]·cols[gi]ᵀ; db = Σ g.
// 3-D tensors are conv1d: H = kh = 1. The record keeps the parameters in `ints`.
// Convolution, ConvolutionTranspose and ConvolutionWeight are one family over one
// geometry (X, W, Y), each the others' derivative (assembly/ops/conv.ts explains).

import { Op } from '../../../abi/abi.js';
import { JsTensor, empty, record, isGradEnabled, type JsRecord } from '../tensor.js';
import { sum } from '../ops.js';
import { gemm } from '../gemm.js';
import type { Float } from '../kernels/reduce.js';

/** The geometry of one convolution. */
export interface ConvGeometry {
  nd: number; N: number; C: number; H: number; W: number; O: number; KH: number; KW: number; OH: number; OW: number;
  SH: number; SW: number; PH: number; PW: number; DH: number; DW: number; G: number;
}

/** The geometry of x [N, C, (H,) W] by w [O, C/g, (kh,) kw] under p = [sh, sw, ph, pw, dh, dw, groups]. */
export function convGeometry(xs: readonly number[], ws: readonly number[], p: readonly number[]): ConvGeometry {
  const nd = xs.length;
  const [N, C] = xs, O = ws[0];
  const H = nd === 4 ? xs[2] : 1, W = xs[nd - 1], KH = nd === 4 ? ws[2] : 1, KW = ws[nd - 1];
  const [SH, SW, PH, PW, DH, DW, G] = p;
  const OH = Math.trunc((H + 2 * PH - DH * (KH - 1) - 1) / SH) + 1;
  const OW = Math.trunc((W + 2 * PW - DW * (KW - 1) - 1) / SW) + 1;
  return { nd, N, C, H, W, O, KH, KW, OH, OW, SH, SW, PH, PW, DH, DW, G };
}

const direct = (q: ConvGeometry): boolean => q.KH === 1 && q.KW === 1 && q.SH === 1 && q.SW === 1 && q.PH === 0 && q.PW === 0;

/** Unrolls image n of x (at offset xo) into cols [C·kh·kw, OH·OW] (at offset co); with `back`, col2im: adds cols onto it. */
export function im2col(q: ConvGeometry, x: Float, xo: number, cols: Float, back: boolean, co = 0): void {
  const { C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OH, OW } = q;
  let p = co;
  for (let c = 0; c < C; c++) {
    const plane = xo + c * H * W;
    for (let i = 0; i < KH; i++) {
      for (let j = 0; j < KW; j++) {
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * SH - PH + i * DH;
          if (ih < 0 || ih >= H) {
            if (!back) cols.fill(0, p, p + OW);
            p += OW;
            continue;
          }
          const row = plane + ih * W;
          if (back) {
            for (let ow = 0, iw = j * DW - PW; ow < OW; ow++, iw += SW, p++) if (iw >= 0 && iw < W) x[row + iw] += cols[p];
          } else {
            for (let ow = 0, iw = j * DW - PW; ow < OW; ow++, iw += SW) cols[p++] = iw >= 0 && iw < W ? x[row + iw] : 0;
          }
        }
      }
    }
  }
}

const colsLike = (q: ConvGeometry, t: JsTensor): Float =>
  (empty([q.C * q.KH * q.KW * q.OH * q.OW], t.dtype).data as Float);

/** F.conv1d / F.conv2d (ConvolutionBackward0); p = [sh, sw, ph, pw, dh, dw, groups], validated by the front end. */
export function convolution(x: JsTensor, w: JsTensor, bias: JsTensor | null, p: readonly number[], ys?: readonly number[]): JsTensor {
  const q = ys ? geometryXWY(x.shape, w.shape, ys, p) : convGeometry(x.shape, w.shape, p);
  const { N, C, H, W, O, KH, KW, OH, OW, G } = q;
  const out = empty(q.nd === 4 ? [N, O, OH, OW] : [N, O, OW], x.dtype);
  const L = OH * OW, Og = O / G, Kg = (C / G) * KH * KW;
  const Y = out.data as Float, X = x.data as Float, Wt = w.data as Float;
  if (bias) for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) Y.fill(bias.data[o], (n * O + o) * L, (n * O + o + 1) * L);
  const one = direct(q);
  const cols = one ? X : colsLike(q, x);
  for (let n = 0; n < N; n++) {
    if (!one) im2col(q, X, n * C * H * W, cols, false);
    const base = one ? n * C * H * W : 0;
    for (let gi = 0; gi < G; gi++) {
      gemm(false, false, Og, L, Kg, Wt, gi * Og * Kg, Kg, cols, base + gi * Kg * L, L, true, Y, (n * O + gi * Og) * L, L);
    }
  }
  recordFamily(Op.Convolution, out, x, w, bias, p);
  return out;
}

/**
 * The gradient of input k (0: the input, shaped `shape`, from the weight `other`; 1: the weight,
 * from the input `other`); not recorded: dx[n] = col2im(Wᵀ·g[n]), dW = Σ_n g[n]·cols(x[n])ᵀ.
 */
export function convGrad(q: ConvGeometry, k: number, g: JsTensor, other: JsTensor, shape: number[]): JsTensor {
  const { N, C, H, W, O, KH, KW, OH, OW, G } = q;
  const d = empty(shape, g.dtype);
  const L = OH * OW, Og = O / G, Kg = (C / G) * KH * KW;
  const D = d.data as Float, Gd = g.data as Float, B = other.data as Float;
  const one = direct(q);
  const X = k === 0 ? D : B;
  const cols = one ? X : colsLike(q, g);
  for (let n = 0; n < N; n++) {
    if (!one) {
      if (k === 0) cols.fill(0);
      else im2col(q, X, n * C * H * W, cols, false);
    }
    const base = one ? n * C * H * W : 0;
    for (let gi = 0; gi < G; gi++) {
      const gn = (n * O + gi * Og) * L, cg = base + gi * Kg * L;
      if (k === 0) gemm(true, false, Kg, L, Og, B, gi * Og * Kg, Kg, Gd, gn, L, true, cols, cg, L);
      else gemm(false, true, Og, Kg, L, Gd, gn, L, cols, cg, L, true, D, gi * Og * Kg, Kg);
    }
    if (k === 0 && !one) im2col(q, D, n * C * H * W, cols, true);
  }
  return d;
}

/** The sums of g [N, Ch, L] over N and L, per channel; not recorded. */
function channelSum(g: JsTensor, N: number, Ch: number, L: number): JsTensor {
  const db = empty([Ch], g.dtype), Gd = g.data;
  for (let o = 0; o < Ch; o++) {
    let s = 0;
    for (let n = 0; n < N; n++) for (let l = (n * Ch + o) * L, e = l + L; l < e; l++) s += Gd[l];
    db.data[o] = s;
  }
  return db;
}

/** The geometry of three given shapes X, W, Y (Y's spatial sizes given: output_padding). */
function geometryXWY(xs: readonly number[], ws: readonly number[], ys: readonly number[], p: readonly number[]): ConvGeometry {
  const q = convGeometry(xs, ws, p);
  q.OH = q.nd === 4 ? ys[2] : 1;
  q.OW = ys[ys.length - 1];
  return q;
}

/** Records op of the family over inputs a, b (+ bias), each saving the other as the wasm device's recordWeighted. */
function recordFamily(op: Op, out: JsTensor, a: JsTensor, b: JsTensor, bias: JsTensor | null, p: readonly number[]): void {
  const r = record(op, out, bias ? [a, b, bias] : [a, b]);
  if (r) {
    r.saved = [b.requiresGrad ? a : null, a.requiresGrad ? b : null];
    r.ints = p.slice(0, 7);
  }
}

/**
 * One op of the family over the shapes xs, ws, ys: ConvolutionTranspose(a = Y, b = W, bias over
 * X's channels) or ConvolutionWeight(a = X, b = Y); Convolution(a = X, b = W) is `convolution`.
 */
function convFamily(op: Op, a: JsTensor, b: JsTensor, bias: JsTensor | null, xs: number[], ws: number[], ys: number[], p: readonly number[]): JsTensor {
  if (op === Op.Convolution) return convolution(a, b, bias, p, ys);
  const q = geometryXWY(xs, ws, ys, p);
  let out: JsTensor;
  if (op === Op.ConvolutionTranspose) {
    out = convGrad(q, 0, a, b, xs.slice());
    if (bias) {
      const L = q.H * q.W, D = out.data as Float;
      for (let n = 0; n < q.N; n++) for (let c = 0; c < q.C; c++) for (let l = (n * q.C + c) * L, e = l + L; l < e; l++) D[l] += bias.data[c];
    }
  } else out = convGrad(q, 1, b, a, ws.slice());
  recordFamily(op, out, a, b, bias, p);
  return out;
}

/** F.conv_transpose1d / 2d: y [N, O, (h,) w] by w [O, C/groups, (kh,) kw]; p = conv's seven parameters, then the output's shape. */
export const convolutionTranspose = (y: JsTensor, w: JsTensor, bias: JsTensor | null, p: readonly number[]): JsTensor =>
  convFamily(Op.ConvolutionTranspose, y, w, bias, p.slice(7), w.shape, y.shape, p);

// roles in the family's geometry: X (input), W (weight), Y (output)
const X = 0, Wr = 1, Y = 2;

/** The role of input k (0, 1) of a record of op, or (k = 2) of its output. */
const roleOf = (op: Op, k: number): number =>
  (op === Op.Convolution ? [X, Wr, Y] : op === Op.ConvolutionTranspose ? [Y, Wr, X] : [X, Y, Wr])[k];

/**
 * ConvolutionBackward0 (Convolution, ConvolutionTranspose) and ConvolutionWeight: input k's
 * gradient is the family's op that makes k's role from the other two (g in the output's role);
 * recorded under create_graph.
 */
export function convolutionBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const op = r.op, out = r.out.shape, a = r.inputs[0].shape, b = r.inputs[1].shape;
  const shapes = [a, b, out];
  if (op === Op.ConvolutionTranspose) shapes.splice(0, 3, out, b, a);
  else if (op === Op.ConvolutionWeight) shapes.splice(0, 3, a, out, b);
  const [xs, ws, ys] = shapes, outRole = roleOf(op, 2);
  if (k === 2) {
    if (isGradEnabled() && g.requiresGrad) return sum(Op.SumDim, g, ((1 << g.shape.length) - 1) & ~2, false);
    const q = geometryXWY(xs, ws, ys, r.ints);
    return outRole === X ? channelSum(g, q.N, q.C, q.H * q.W) : channelSum(g, q.N, q.O, q.OH * q.OW);
  }
  const byRole: (JsTensor | null)[] = [null, null, null];
  byRole[outRole] = g;
  byRole[roleOf(op, 1 - k)] = r.saved[1 - k]!;
  const role = roleOf(op, k);
  if (role === X) return convFamily(Op.ConvolutionTranspose, byRole[Y]!, byRole[Wr]!, null, xs.slice(), ws.slice(), ys.slice(), r.ints);
  if (role === Y) return convFamily(Op.Convolution, byRole[X]!, byRole[Wr]!, null, xs.slice(), ws.slice(), ys.slice(), r.ints);
  return convFamily(Op.ConvolutionWeight, byRole[X]!, byRole[Y]!, null, xs.slice(), ws.slice(), ys.slice(), r.ints);
}
