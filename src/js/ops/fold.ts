// F.unfold (Im2Col, Im2ColBackward0) and F.fold (Col2Im, Col2ImBackward0) of the js
// device over conv's im2col (./conv.ts), as the wasm device (assembly/ops/fold.ts):
// each op's derivative is the other, recorded under create_graph. The record keeps
// the parameters packed as the wasm record does (i0, i1, s0, s1).

import { Op } from '../../../abi/abi.js';
import { JsTensor, empty, record, type JsRecord } from '../tensor.js';
import { im2col, type ConvGeometry } from './conv.js';
import type { Float } from '../kernels/reduce.js';

/**
 * Im2Col: x [(N,) C, H, W] to [(N,) C·kh·kw, L]; Col2Im: x [(N,) C·kh·kw, L] to [(N,) C, h, w];
 * recorded when x requires grad.
 */
export function foldOp(op: Op, x: JsTensor, i0: number, i1: number, s0: number, s1: number, h: number, w: number): JsTensor {
  const KH = i0 & 0xffff, KW = i0 >>> 16, SH = i1 & 0xffff, SW = i1 >>> 16;
  const PH = s0 & 0xffff, PW = Math.floor(s0 / 65536), DH = s1 & 0xffff, DW = Math.floor(s1 / 65536);
  const toBlocks = op === Op.Im2Col, xs = x.shape, batched = toBlocks ? xs.length === 4 : xs.length === 3, b = batched ? 1 : 0;
  const N = batched ? xs[0] : 1, K = KH * KW;
  const C = toBlocks ? xs[b] : xs[b] / K, H = toBlocks ? xs[b + 1] : h, W = toBlocks ? xs[b + 2] : w;
  const OH = Math.trunc((H + 2 * PH - DH * (KH - 1) - 1) / SH) + 1, OW = Math.trunc((W + 2 * PW - DW * (KW - 1) - 1) / SW) + 1;
  const q: ConvGeometry = { nd: 4, N, C, H, W, O: 0, KH, KW, OH, OW, SH, SW, PH, PW, DH, DW, G: 1 };
  const out = empty([...(batched ? [N] : []), ...(toBlocks ? [C * K, OH * OW] : [C, H, W])], x.dtype);
  const image = (toBlocks ? x.data : out.data) as Float, cols = (toBlocks ? out.data : x.data) as Float;
  for (let n = 0; n < N; n++) im2col(q, image, n * C * H * W, cols, !toBlocks, n * C * K * OH * OW);
  const r = record(op, out, [x]);
  if (r) Object.assign(r, { i0, i1, s0, s1 });
  return out;
}

/** Im2ColBackward0: fold of g back to the input's H, W; Col2ImBackward0: unfold of g. */
export function foldBackward(r: JsRecord, g: JsTensor, _k: number): JsTensor {
  const shape = r.inputs[0].shape, nd = shape.length;
  return foldOp(r.op === Op.Im2Col ? Op.Col2Im : Op.Im2Col, g, r.i0, r.i1, r.s0, r.s1, shape[nd - 2], shape[nd - 1]);
}
