// Pooling of the wasm device over the last two or three dims (every leading dim is a plane):
//   MaxPool2DWithIndices, MaxPool3DWithIndices  F.max_pool2d/3d: the window's first maximum (a NaN
//                         wins, the last one seen), its flat index in the plane kept (int64) for the gradient
//   AdaptiveMaxPool2D     F.adaptive_max_pool2d: the same over windows [⌊o·I/O⌋, ⌈(o+1)·I/O⌉)
//   AvgPool2D, AvgPool3D  F.avg_pool2d/3d: sum / (the window clipped to the padded input, or to the
//                         input without count_include_pad, or divisor_override)
//   AdaptiveAvgPool2D     F.adaptive_avg_pool2d: the mean over the adaptive windows
// as ATen's CPU kernels (MaxPoolKernel.cpp, AvgPoolKernel.cpp, Adaptive*PoolKernel.cpp). A 2-D pool is
// the 3-D one with depth 1 (kd = sd = dd = 1, pd = 0, OD = 1).
// Parameters p (17 i32s): kd, kh, kw, sd, sh, sw, pd, ph, pw, dd, dh, dw, count_include_pad,
// divisor_override, OD, OH, OW. The record keeps the indices (max ops; saved 0) or the
// parameters as an int32 tensor (average pools; saved 1: they do not fit the record's numbers).
// MaxUnpool2D (F.max_unpool2d) writes each value at its flat index (checked by the front end).

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, shapePtr, requiresGrad, dtypeOf, elemShift, dataBytes } from '../tensors';
import { is_grad_enabled, newRecord, setInput, save, setParams } from '../tape';
import { SHAPE } from '../scratch';
import { maxPool2x2, maxPool2x2Backward } from '../kernels/maxpool2x2';

const NP = 17;
let KD = 1, KH = 1, KW = 1, SD = 1, SH = 1, SW = 1, PD = 0, PH = 0, PW = 0, DD = 1, DH = 1, DW = 1, CIP = true, DIV = 0;
let P = 0, D = 0, H = 0, W = 0, OD = 0, OH = 0, OW = 0;
let indices = 0;

const MAX = 0, AVG = 1, ADAPTIVE = 2;
/** How op pools: a window's maximum, its mean, or the mean or maximum over adaptive windows. */
function kindOf(op: i32): i32 {
  if (op == Op.MaxPool2DWithIndices || op == Op.MaxPool3DWithIndices) return MAX;
  if (op == Op.AvgPool2D || op == Op.AvgPool3D) return AVG;
  if (op == Op.AdaptiveAvgPool2D || op == Op.AdaptiveMaxPool2D || op == Op.AdaptiveMaxPool3D) return ADAPTIVE;
  unreachable();
  return 0;
}
/** Whether op keeps each window's maximum (and its index). */
export function takesMax(op: i32): bool {
  return op == Op.MaxPool2DWithIndices || op == Op.MaxPool3DWithIndices || op == Op.AdaptiveMaxPool2D || op == Op.AdaptiveMaxPool3D;
}
/** How many trailing dims op pools over. */
export function spatialDims(op: i32): i32 { return op == Op.MaxPool3DWithIndices || op == Op.AvgPool3D || op == Op.AdaptiveMaxPool3D ? 3 : 2; }

/** The plane count and sizes of an input of nd dims at shape pooled over its last s dims. */
function planes(nd: i32, shape: usize, s: i32): void {
  P = 1;
  for (let d = 0; d < nd - s; d++) P *= load<i32>(shape + (<usize>d << 2));
  D = s == 3 ? load<i32>(shape + (<usize>(nd - 3) << 2)) : 1;
  H = load<i32>(shape + (<usize>(nd - 2) << 2));
  W = load<i32>(shape + (<usize>(nd - 1) << 2));
}

/** One dim's window of output o, into LO, HI (and the padded size an average divides by, SIZE). */
let LO = 0, HI = 0, SIZE = 0;
function span(kind: i32, o: i32, n: i32, on: i32, k: i32, s: i32, p: i32, d: i32): void {
  if (kind == ADAPTIVE) {
    LO = <i32>((<i64>o * n) / on); HI = <i32>(((<i64>(o + 1) * n) + on - 1) / on); SIZE = HI - LO;
    return;
  }
  let lo = o * s - p;
  if (kind == MAX) {
    HI = min(lo + (k - 1) * d + 1, n);
    while (lo < 0) lo += d;
    LO = lo;
    return;
  }
  const hi = min(lo + k, n + p);
  SIZE = hi - lo;
  LO = max(lo, 0); HI = min(hi, n);
}

/** The window [Z0, Z1) × [R0, R1) × [C0, C1) of output (od, oh, ow), and its divisor (average modes). */
let Z0 = 0, Z1 = 0, R0 = 0, R1 = 0, C0 = 0, C1 = 0;
function window(kind: i32, od: i32, oh: i32, ow: i32): f64 {
  span(kind, od, D, OD, KD, SD, PD, DD); Z0 = LO; Z1 = HI; let size = SIZE;
  span(kind, oh, H, OH, KH, SH, PH, DH); R0 = LO; R1 = HI; size *= SIZE;
  span(kind, ow, W, OW, KW, SW, PW, DW); C0 = LO; C1 = HI; size *= SIZE;
  if (kind == ADAPTIVE) return <f64>size;
  if (DIV) return <f64>DIV;
  return <f64>(CIP ? size : (Z1 - Z0) * (R1 - R0) * (C1 - C0));
}

function forward<T>(op: i32, x: usize, out: usize, idx: usize): void {
  const sz = <usize>alignof<T>(), kind = kindOf(op), max = takesMax(op);
  // the max pools step by the dilation, the others by one
  const dz = kind == MAX ? DD : 1, dr = kind == MAX ? DH : 1, dc = kind == MAX ? DW : 1;
  let o: usize = 0;
  for (let p = 0; p < P; p++) {
    const plane = x + ((<usize>p * D * H * W) << sz);
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, o++) {
          const div = window(kind, od, oh, ow);
          if (max) {
            let best = <T>-Infinity, at = (Z0 * H + R0) * W + C0;
            for (let z = Z0; z < Z1; z += dz) {
              for (let r = R0; r < R1; r += dr) {
                for (let c = C0; c < C1; c += dc) {
                  const i = (z * H + r) * W + c;
                  const v = load<T>(plane + (<usize>i << sz));
                  if (v > best || v != v) { best = v; at = i; }
                }
              }
            }
            store<T>(out + (o << sz), best);
            store<i32>(idx + (o << 2), at);
            continue;
          }
          let s = <T>0;
          if (Z0 < Z1 && R0 < R1 && C0 < C1) {
            for (let z = Z0; z < Z1; z++) {
              for (let r = R0; r < R1; r++) for (let c = C0; c < C1; c++) s += load<T>(plane + (<usize>((z * H + r) * W + c) << sz));
            }
            s = <T>(s / <T>div);
          }
          store<T>(out + (o << sz), s);
        }
      }
    }
  }
}

function backward<T>(op: i32, g: usize, dx: usize, idx: usize): void {
  const sz = <usize>alignof<T>(), kind = kindOf(op), max = takesMax(op);
  let o: usize = 0;
  for (let p = 0; p < P; p++) {
    const plane = dx + ((<usize>p * D * H * W) << sz);
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, o++) {
          const v = load<T>(g + (o << sz));
          if (max) {
            const q = plane + (<usize>load<i32>(idx + (o << 2)) << sz);
            store<T>(q, load<T>(q) + v);
            continue;
          }
          const d = <T>(v / <T>window(kind, od, oh, ow));
          for (let z = Z0; z < Z1; z++) {
            for (let r = R0; r < R1; r++) {
              for (let c = C0; c < C1; c++) {
                const q = plane + (<usize>((z * H + r) * W + c) << sz);
                store<T>(q, load<T>(q) + d);
              }
            }
          }
        }
      }
    }
  }
}

/** A max pool record's i0 when its windows were 2×2 with stride 2, all inside (poolBackwardCompute's `windows2x2`). */
export const WINDOWS_2X2 = 1;

/** Whether op over the current geometry is a 2×2, stride-2 max pool whose windows all lie inside (kernels/maxpool2x2.ts). */
function pools2x2(op: i32): bool {
  return op == Op.MaxPool2DWithIndices && KH == 2 && KW == 2 && SH == 2 && SW == 2 && PH == 0 && PW == 0 &&
    DH == 1 && DW == 1 && D == 1 && OD == 1 && 2 * OH <= H && 2 * OW <= W;
}

function setParamsFrom(p: usize): void {
  KD = load<i32>(p); KH = load<i32>(p, 4); KW = load<i32>(p, 8);
  SD = load<i32>(p, 12); SH = load<i32>(p, 16); SW = load<i32>(p, 20);
  PD = load<i32>(p, 24); PH = load<i32>(p, 28); PW = load<i32>(p, 32);
  DD = load<i32>(p, 36); DH = load<i32>(p, 40); DW = load<i32>(p, 44);
  CIP = load<i32>(p, 48) != 0; DIV = load<i32>(p, 52);
  OD = load<i32>(p, 56); OH = load<i32>(p, 60); OW = load<i32>(p, 64);
}

/** The pooling ops by op code; p as above. The indices of the max ops: take_pool_indices. */
export function pool(op: i32, x: i32, p: usize): i32 {
  setParamsFrom(p);
  const nd = ndimOf(x), dtype = dtypeOf(x), s = spatialDims(op);
  planes(nd, shapePtr(x), s);
  memory.copy(SHAPE, shapePtr(x), <usize>(nd - s) << 2);
  if (s == 3) store<i32>(SHAPE + (<usize>(nd - 3) << 2), OD);
  store<i32>(SHAPE + (<usize>(nd - 2) << 2), OH);
  store<i32>(SHAPE + (<usize>(nd - 1) << 2), OW);
  const out = newTensor(nd, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  let idx = 0;
  if (takesMax(op)) {
    idx = newTensor(nd, SHAPE, DType.Int64);
    if (!idx) { release(out); return Err.OutOfMemory; }
  }
  const pi = idx ? dataOf(idx) : 0;
  if (pools2x2(op)) {
    if (dtype == DType.Float64) maxPool2x2<f64>(dataOf(x), dataOf(out), pi, P, H, W, OH, OW);
    else maxPool2x2<f32>(dataOf(x), dataOf(out), pi, P, H, W, OH, OW);
  } else if (dtype == DType.Float64) forward<f64>(op, dataOf(x), dataOf(out), pi);
  else forward<f32>(op, dataOf(x), dataOf(out), pi);
  indices = idx;
  if (!is_grad_enabled() || !requiresGrad(x)) return out;
  let params = 0;
  if (!idx) {
    store<i32>(SHAPE, NP);
    params = newTensor(1, SHAPE, DType.Int32);
    if (params) memory.copy(dataOf(params), p, NP << 2);
  }
  const r = idx || params ? newRecord(op, 1, out) : 0;
  if (!r) { release(out); if (idx) release(idx); if (params) release(params); indices = 0; return Err.OutOfMemory; }
  setInput(r, 0, x);
  // the max pools' records keep no geometry: i0 says whether the windows were 2×2 (for the backward)
  if (pools2x2(op)) setParams(r, 0, 0, WINDOWS_2X2, 0);
  if (idx) save(r, 0, idx);
  else { save(r, 1, params); release(params); }
  return out;
}

/** The indices tensor of the last max pool (one ref, the caller's), 0 for the others. */
export function take_pool_indices(): i32 {
  const i = indices;
  indices = 0;
  return i;
}

/**
 * The gradient of a pooling record's input, shaped (nd, shape), from g; not recorded. idx: the
 * saved indices (max ops), params: the saved parameters (average pools); windows2x2: the max pool's
 * windows were 2×2 with stride 2, all inside (its record's i0 is WINDOWS_2X2).
 */
export function poolBackwardCompute(op: i32, g: i32, nd: i32, shape: usize, idx: i32, params: i32, windows2x2: bool = false): i32 {
  backwardGeometry(op, g, nd, shape, params);
  const dtype = dtypeOf(g);
  const dx = newTensor(nd, shape, dtype);
  if (!dx) return Err.OutOfMemory;
  const pi = idx ? dataOf(idx) : 0;
  if (windows2x2) {
    if (dtype == DType.Float64) maxPool2x2Backward<f64>(dataOf(g), dataOf(dx), pi, P, H, W, OH, OW);
    else maxPool2x2Backward<f32>(dataOf(g), dataOf(dx), pi, P, H, W, OH, OW);
    return dx;
  }
  memory.fill(dataOf(dx), 0, <usize>numelOf(dx) << elemShift(dtype));
  if (dtype == DType.Float64) backward<f64>(op, dataOf(g), dataOf(dx), pi);
  else backward<f32>(op, dataOf(g), dataOf(dx), pi);
  return dx;
}

/** The geometry of a pooling record's backward: its parameters, the input (nd, shape), the output g's shape. */
function backwardGeometry(op: i32, g: i32, nd: i32, shape: usize, params: i32): void {
  if (params) setParamsFrom(dataOf(params));
  planes(nd, shape, spatialDims(op));
  const gs = shapePtr(g), gn = ndimOf(g);
  OD = spatialDims(op) == 3 ? load<i32>(gs + (<usize>(gn - 3) << 2)) : 1;
  OH = load<i32>(gs + (<usize>(gn - 2) << 2)); OW = load<i32>(gs + (<usize>(gn - 1) << 2));
}

/** avgPoolPairs' three tensors of n: each pair's output and input (int32 flat positions) and divisor (g's dtype). */
export let pairsOut = 0, pairsIn = 0, pairsDiv = 0;

/**
 * The (output, input position) pairs of an average pool's windows, for its derivative under
 * create_graph (grad/conv.ts: g / divisor read at each pair's output, added at its input). False
 * when out of memory (nothing allocated then).
 */
export function avgPoolPairs(op: i32, g: i32, nd: i32, shape: usize, params: i32): bool {
  backwardGeometry(op, g, nd, shape, params);
  const kind = kindOf(op), dtype = dtypeOf(g);
  let n = 0;
  for (let od = 0; od < OD; od++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) { window(kind, od, oh, ow); n += max(Z1 - Z0, 0) * max(R1 - R0, 0) * max(C1 - C0, 0); }
    }
  }
  store<i32>(SHAPE, n * P);
  pairsOut = newTensor(1, SHAPE, DType.Int32); pairsIn = newTensor(1, SHAPE, DType.Int32); pairsDiv = newTensor(1, SHAPE, dtype);
  if (!pairsOut || !pairsIn || !pairsDiv) {
    if (pairsOut) release(pairsOut);
    if (pairsIn) release(pairsIn);
    if (pairsDiv) release(pairsDiv);
    return false;
  }
  const po = dataOf(pairsOut), pi = dataOf(pairsIn), pd = dataOf(pairsDiv), f64 = dtype == DType.Float64;
  let o = 0, j: usize = 0;
  for (let p = 0; p < P; p++) {
    const base = p * D * H * W;
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, o++) {
          const div = window(kind, od, oh, ow);
          for (let z = Z0; z < Z1; z++) {
            for (let r = R0; r < R1; r++) {
              for (let c = C0; c < C1; c++, j++) {
                store<i32>(po + (j << 2), o);
                store<i32>(pi + (j << 2), base + (z * H + r) * W + c);
                if (f64) store<f64>(pd + (j << 3), div); else store<f32>(pd + (j << 2), <f32>div);
              }
            }
          }
        }
      }
    }
  }
  return true;
}

function unpool<T>(x: usize, flat: usize, out: usize, n: i32): void {
  const sz = <usize>alignof<T>();
  for (let i = 0; i < n; i++) store<T>(out + (<usize>load<i32>(flat + (<usize>i << 2)) << sz), load<T>(x + (<usize>i << sz)));
}

/**
 * F.max_unpool2d/3d (op MaxUnpool2D or MaxUnpool3D): zeros of the shape (nd dims at `shape`) with x's values written at the flat
 * positions `flat` (int32, x's shape; in range, checked by the front end; the last write wins).
 * Node MaxUnpool2DBackward0 keeps flat (saved 0): its derivative reads g there.
 */
export function max_unpool(op: i32, x: i32, flat: i32, nd: i32, shape: usize): i32 {
  const dtype = dtypeOf(x);
  const out = newTensor(nd, shape, dtype);
  if (!out) return Err.OutOfMemory;
  memory.fill(dataOf(out), 0, dataBytes(out));
  if (dtype == DType.Float64) unpool<f64>(dataOf(x), dataOf(flat), dataOf(out), numelOf(x));
  else unpool<f32>(dataOf(x), dataOf(flat), dataOf(out), numelOf(x));
  if (!is_grad_enabled() || !requiresGrad(x)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  save(r, 0, flat);
  return out;
}
