// Pooling of the wasm device over the last two dims (every leading dim is a plane):
//   MaxPool2DWithIndices  F.max_pool2d: the window's first maximum (a NaN wins, the last one
//                         seen), its flat index in the plane kept (int64) for the gradient
//   AvgPool2D             F.avg_pool2d: sum / (the window clipped to the padded input, or to the
//                         input without count_include_pad, or divisor_override)
//   AdaptiveAvgPool2D     F.adaptive_avg_pool2d: windows [⌊o·I/O⌋, ⌈(o+1)·I/O⌉)
// as ATen's CPU kernels (MaxPoolKernel.cpp, AvgPoolKernel.cpp, AdaptiveAvgPoolKernel.cpp).
// Parameters p (i32s): kh, kw, sh, sw, ph, pw, dh, dw, count_include_pad, divisor_override, OH, OW.
// The record keeps the indices (max) or the parameters: i0 = kh | kw << 16, i1 = sh | sw << 16,
// s0 = ph + pw·65536 + count_include_pad·2³², s1 = divisor_override (0: none).

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, shapePtr, requiresGrad, dtypeOf, elemShift, retain } from '../tensors';
import { is_grad_enabled, newRecord, setInput, save, setParams } from '../tape';
import { SHAPE } from '../scratch';

let KH = 1, KW = 1, SH = 1, SW = 1, PH = 0, PW = 0, DH = 1, DW = 1, CIP = true, DIV = 0;
let P = 0, H = 0, W = 0, OH = 0, OW = 0;
let indices = 0;

/** The plane count and sizes of an input of nd dims at shape, and of the output. */
function planes(nd: i32, shape: usize, oh: i32, ow: i32): void {
  P = 1;
  for (let d = 0; d < nd - 2; d++) P *= load<i32>(shape + (<usize>d << 2));
  H = load<i32>(shape + (<usize>(nd - 2) << 2));
  W = load<i32>(shape + (<usize>(nd - 1) << 2));
  OH = oh; OW = ow;
}

/** The start of adaptive window o of n over an input of size i. */
@inline function astart(o: i32, i: i32, n: i32): i32 { return <i32>((<i64>o * i) / n); }
/** The end of adaptive window o. */
@inline function aend(o: i32, i: i32, n: i32): i32 { return <i32>(((<i64>(o + 1) * i) + n - 1) / n); }

/** Window rows [r0, r1) and columns [c0, c1) of output (oh, ow), and its divisor (avg modes). */
let R0 = 0, R1 = 0, C0 = 0, C1 = 0;
function window(op: i32, oh: i32, ow: i32): f64 {
  if (op == Op.AdaptiveAvgPool2D) {
    R0 = astart(oh, H, OH); R1 = aend(oh, H, OH); C0 = astart(ow, W, OW); C1 = aend(ow, W, OW);
    return <f64>((R1 - R0) * (C1 - C0));
  }
  R0 = oh * SH - PH; C0 = ow * SW - PW;
  R1 = min(R0 + KH, H + PH); C1 = min(C0 + KW, W + PW);
  const size = (R1 - R0) * (C1 - C0);
  R0 = max(R0, 0); C0 = max(C0, 0); R1 = min(R1, H); C1 = min(C1, W);
  if (DIV) return <f64>DIV;
  return <f64>(CIP ? size : (R1 - R0) * (C1 - C0));
}

function forward<T>(op: i32, x: usize, out: usize, idx: usize): void {
  const sz = <usize>alignof<T>();
  for (let p = 0; p < P; p++) {
    const plane = x + ((<usize>p * H * W) << sz);
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const o = (<usize>p * OH + oh) * OW + ow;
        if (op == Op.MaxPool2DWithIndices) {
          let r0 = oh * SH - PH, c0 = ow * SW - PW;
          const r1 = min(r0 + (KH - 1) * DH + 1, H), c1 = min(c0 + (KW - 1) * DW + 1, W);
          while (r0 < 0) r0 += DH;
          while (c0 < 0) c0 += DW;
          let best = <T>-Infinity, at = r0 * W + c0;
          for (let r = r0; r < r1; r += DH) {
            for (let c = c0; c < c1; c += DW) {
              const v = load<T>(plane + (<usize>(r * W + c) << sz));
              if (v > best || v != v) { best = v; at = r * W + c; }
            }
          }
          store<T>(out + (o << sz), best);
          store<i32>(idx + (o << 2), at);
          continue;
        }
        const div = window(op, oh, ow);
        let s = <T>0;
        if (R0 < R1 && C0 < C1) {
          for (let r = R0; r < R1; r++) for (let c = C0; c < C1; c++) s += load<T>(plane + (<usize>(r * W + c) << sz));
          s = <T>(s / <T>div);
        }
        store<T>(out + (o << sz), s);
      }
    }
  }
}

function backward<T>(op: i32, g: usize, dx: usize, idx: usize): void {
  const sz = <usize>alignof<T>();
  for (let p = 0; p < P; p++) {
    const plane = dx + ((<usize>p * H * W) << sz);
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const o = (<usize>p * OH + oh) * OW + ow;
        const v = load<T>(g + (o << sz));
        if (op == Op.MaxPool2DWithIndices) {
          const q = plane + (<usize>load<i32>(idx + (o << 2)) << sz);
          store<T>(q, load<T>(q) + v);
          continue;
        }
        const d = <T>(v / <T>window(op, oh, ow));
        for (let r = R0; r < R1; r++) {
          for (let c = C0; c < C1; c++) {
            const q = plane + (<usize>(r * W + c) << sz);
            store<T>(q, load<T>(q) + d);
          }
        }
      }
    }
  }
}

function setParamsFrom(p: usize): void {
  KH = load<i32>(p); KW = load<i32>(p, 4); SH = load<i32>(p, 8); SW = load<i32>(p, 12);
  PH = load<i32>(p, 16); PW = load<i32>(p, 20); DH = load<i32>(p, 24); DW = load<i32>(p, 28);
  CIP = load<i32>(p, 32) != 0; DIV = load<i32>(p, 36);
}

/** F.max_pool2d / avg_pool2d / adaptive_avg_pool2d by op code; p as above. The indices of max: take_pool_indices. */
export function pool2d(op: i32, x: i32, p: usize): i32 {
  setParamsFrom(p);
  const nd = ndimOf(x), dtype = dtypeOf(x);
  planes(nd, shapePtr(x), load<i32>(p, 40), load<i32>(p, 44));
  memory.copy(SHAPE, shapePtr(x), <usize>(nd - 2) << 2);
  store<i32>(SHAPE + (<usize>(nd - 2) << 2), OH);
  store<i32>(SHAPE + (<usize>(nd - 1) << 2), OW);
  const out = newTensor(nd, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  let idx = 0;
  if (op == Op.MaxPool2DWithIndices) {
    idx = newTensor(nd, SHAPE, DType.Int64);
    if (!idx) { release(out); return Err.OutOfMemory; }
  }
  const pi = idx ? dataOf(idx) : 0;
  if (dtype == DType.Float64) forward<f64>(op, dataOf(x), dataOf(out), pi);
  else forward<f32>(op, dataOf(x), dataOf(out), pi);
  indices = idx;
  if (!is_grad_enabled() || !requiresGrad(x)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); if (idx) release(idx); indices = 0; return Err.OutOfMemory; }
  setInput(r, 0, x);
  if (idx) save(r, 0, idx);
  setParams(r, <f64>PH + <f64>PW * 65536 + (CIP ? 4294967296.0 : 0), <f64>DIV, KH | (KW << 16), SH | (SW << 16));
  return out;
}

/** The indices tensor of the last max_pool2d (one ref, the caller's), 0 for the others. */
export function take_pool_indices(): i32 {
  const i = indices;
  indices = 0;
  return i;
}

/** The gradient of a pooling record's input, shaped (nd, shape), from g; not recorded. */
export function pool2dBackwardCompute(op: i32, g: i32, nd: i32, shape: usize, idx: i32, i0: i32, i1: i32, s0: f64, s1: f64): i32 {
  KH = i0 & 0xffff; KW = i0 >>> 16; SH = i1 & 0xffff; SW = i1 >>> 16;
  const pads = <i64>s0;
  PH = <i32>(pads & 0xffff); PW = <i32>((pads >> 16) & 0xffff); CIP = (pads >> 32) != 0; DIV = <i32>s1;
  const gn = ndimOf(g);
  planes(nd, shape, load<i32>(shapePtr(g) + (<usize>(gn - 2) << 2)), load<i32>(shapePtr(g) + (<usize>(gn - 1) << 2)));
  const dtype = dtypeOf(g);
  const dx = newTensor(nd, shape, dtype);
  if (!dx) return Err.OutOfMemory;
  memory.fill(dataOf(dx), 0, <usize>numelOf(dx) << elemShift(dtype));
  const pi = idx ? dataOf(idx) : 0;
  if (dtype == DType.Float64) backward<f64>(op, dataOf(g), dataOf(dx), pi);
  else backward<f32>(op, dataOf(g), dataOf(dx), pi);
  return dx;
}
