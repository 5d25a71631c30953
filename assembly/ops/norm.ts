// F.layer_norm and F.group_norm on the wasm device (the js device's src/js/ops/norm.ts computes the
// same): PyTorch's native_layer_norm over the last dims (N elements per row, M rows), which also
// gives each row's mean and rstd = 1/sqrt(var + eps) (biased variance); both are saved for the
// derivative, as NativeLayerNormBackward0 saves them. Sums are taken in f64 and rounded once.
// native_group_norm is the same kernel over the rows (sample, group) of x (N, C, *), whose weight
// and bias are per channel: element e of x has channel (e / HW) % C, HW the elements per channel
// (layer norm: HW = 1, C = N, so channel j). 
//
// Record inputs (input, weight?, bias?); i0 = N, i1 = which of weight (1) and bias (2) are given;
// s0 = eps, s1 = HW; saved: 0 input, 1 weight (or nothing), 2 mean, 3 rstd.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, dimOf, shapePtr, dtypeOf, requiresGrad } from '../tensors';
import { is_grad_enabled, newRecord, setInput, setParams, save } from '../tape';
import { SHAPE } from '../scratch';

/** The channel row i (N elements, HW per channel) starts at: (i·N / HW) % C. */
// @ts-ignore: decorator
@inline function firstChannel(i: i32, N: i32, HW: i32, C: i32): i32 { return HW ? ((i * N) / HW) % C : 0; }

/**
 * Normalizes the M rows of x (N elements each) into out, writing each row's mean and rstd; the
 * affine weight and bias (C elements) are indexed by channel (e / HW) % C of element e.
 */
function lnForward<T>(px: usize, pw: usize, pb: usize, po: usize, pm: usize, pr: usize, M: i32, N: i32, eps: f64, C: i32, HW: i32): void {
  const sh = alignof<T>();
  for (let i = 0; i < M; i++) {
    const row = px + (<usize>(i * N) << sh), orow = po + (<usize>(i * N) << sh);
    let sum: f64 = 0;
    for (let j = 0; j < N; j++) sum += <f64>load<T>(row + (<usize>j << sh));
    const mean = <f64><T>(sum / <f64>N);
    let sq: f64 = 0;
    for (let j = 0; j < N; j++) {
      const d = <f64>load<T>(row + (<usize>j << sh)) - mean;
      sq += d * d;
    }
    const rstd = <f64><T>(1.0 / Math.sqrt(sq / <f64>N + eps));
    store<T>(pm + (<usize>i << sh), <T>mean);
    store<T>(pr + (<usize>i << sh), <T>rstd);
    // a row starts a channel (rows are whole groups), so its elements' channels count up from c0
    for (let j = 0, c = firstChannel(i, N, HW, C), h = 0; j < N; j++) {
      const o = <usize>j << sh, co = <usize>c << sh;
      let y = (<f64>load<T>(row + o) - mean) * rstd;
      if (pw) y *= <f64>load<T>(pw + co);
      if (pb) y += <f64>load<T>(pb + co);
      store<T>(orow + o, <T>y);
      if (++h == HW) { h = 0; c++; }
    }
  }
}

/**
 * NativeLayerNormBackward0's kernel (PyTorch's LayerNormBackwardKernel): with pdx, the input's
 * gradient rstd·(g·w − mean_j(g·w) − x̂·mean_j(g·w·x̂)); with pdw, Σ g·x̂; with pdb, Σ g, summed per
 * channel (e / HW) % C of element e (group norm's GroupNormBackwardKernel is the same sums).
 */
function lnBackward<T>(px: usize, pw: usize, pm: usize, pr: usize, pg: usize, pdx: usize, pdw: usize, pdb: usize,
  M: i32, N: i32, C: i32, HW: i32): void {
  const sh = alignof<T>();
  if (pdw) for (let j = 0; j < C; j++) store<T>(pdw + (<usize>j << sh), <T>0);
  if (pdb) for (let j = 0; j < C; j++) store<T>(pdb + (<usize>j << sh), <T>0);
  for (let i = 0; i < M; i++) {
    const base = <usize>(i * N) << sh;
    const mean = <f64>load<T>(pm + (<usize>i << sh)), rstd = <f64>load<T>(pr + (<usize>i << sh));
    if (pdx) {
      let sg: f64 = 0, sgx: f64 = 0;
      for (let j = 0, c = firstChannel(i, N, HW, C), h = 0; j < N; j++) {
        const o = <usize>j << sh, co = <usize>c << sh;
        const gw = <f64>load<T>(pg + base + o) * (pw ? <f64>load<T>(pw + co) : 1.0);
        sg += gw;
        sgx += gw * (<f64>load<T>(px + base + o) - mean) * rstd;
        if (++h == HW) { h = 0; c++; }
      }
      for (let j = 0, c = firstChannel(i, N, HW, C), h = 0; j < N; j++) {
        const o = <usize>j << sh, co = <usize>c << sh;
        if (++h == HW) { h = 0; c++; }
        const gw = <f64>load<T>(pg + base + o) * (pw ? <f64>load<T>(pw + co) : 1.0);
        const xh = (<f64>load<T>(px + base + o) - mean) * rstd;
        store<T>(pdx + base + o, <T>(rstd * (gw - sg / <f64>N - xh * sgx / <f64>N)));
      }
    }
    for (let j = 0, c = firstChannel(i, N, HW, C), h = 0; j < N; j++) {
      const o = <usize>j << sh, co = <usize>c << sh, gv = <f64>load<T>(pg + base + o);
      if (++h == HW) { h = 0; c++; }
      if (pdw) store<T>(pdw + co, <T>(<f64>load<T>(pdw + co) + gv * (<f64>load<T>(px + base + o) - mean) * rstd));
      if (pdb) store<T>(pdb + co, <T>(<f64>load<T>(pdb + co) + gv));
    }
  }
}

/**
 * The gradient of input k (0 input, 1 weight, 2 bias) into out, from the saved tensors and g; HW
 * the elements per channel (1 for layer norm); the channels C are the weight's or out's elements.
 */
export function layerNormGrad(x: i32, w: i32, mean: i32, rstd: i32, g: i32, out: i32, which: i32, N: i32, HW: i32): void {
  const M = N ? numelOf(x) / N : 0, C = w ? numelOf(w) : which ? numelOf(out) : 1;
  const px = dataOf(x), pw = w ? dataOf(w) : 0, pm = dataOf(mean), pr = dataOf(rstd), pg = dataOf(g), po = dataOf(out);
  const dx: usize = which == 0 ? po : 0, dw: usize = which == 1 ? po : 0, db: usize = which == 2 ? po : 0;
  if (dtypeOf(x) == DType.Float64) lnBackward<f64>(px, pw, pm, pr, pg, dx, dw, db, M, N, C, HW);
  else lnBackward<f32>(px, pw, pm, pr, pg, dx, dw, db, M, N, C, HW);
}

/** F.layer_norm over the last dims holding N elements; w and b are 0 when absent. Records Op.LayerNorm. */
export function layer_norm(x: i32, w: i32, b: i32, N: i32, eps: f64): i32 {
  return rowNorm(Op.LayerNorm, x, w, b, N, 1, eps);
}

/** F.group_norm of x (N, C, *): rows of N elements (a group's channels), HW elements per channel. Records Op.GroupNorm. */
export function group_norm(x: i32, w: i32, b: i32, N: i32, HW: i32, eps: f64): i32 {
  return rowNorm(Op.GroupNorm, x, w, b, N, HW, eps);
}

function rowNorm(op: Op, x: i32, w: i32, b: i32, N: i32, HW: i32, eps: f64): i32 {
  const dt = dtypeOf(x), nd = ndimOf(x);
  const out = newTensor(nd, shapePtr(x), dt);
  if (!out) return Err.OutOfMemory;
  const M = N ? numelOf(x) / N : 0;
  // mean and rstd: one per row
  store<i32>(SHAPE, M);
  const m = newTensor(1, SHAPE, dt), r = newTensor(1, SHAPE, dt);
  if (!m || !r) { release(out); release(m); release(r); return Err.OutOfMemory; }
  const px = dataOf(x), pw = w ? dataOf(w) : 0, pb = b ? dataOf(b) : 0;
  const C = w ? numelOf(w) : b ? numelOf(b) : 1;
  if (dt == DType.Float64) lnForward<f64>(px, pw, pb, dataOf(out), dataOf(m), dataOf(r), M, N, eps, C, HW);
  else lnForward<f32>(px, pw, pb, dataOf(out), dataOf(m), dataOf(r), M, N, eps, C, HW);
  const needs = requiresGrad(x) || (w != 0 && requiresGrad(w)) || (b != 0 && requiresGrad(b));
  if (!is_grad_enabled() || !needs) { release(m); release(r); return out; }
  const nin = 1 + (w ? 1 : 0) + (b ? 1 : 0);
  const rec = newRecord(op, nin, out);
  if (!rec) { release(out); release(m); release(r); return Err.OutOfMemory; }
  setInput(rec, 0, x);
  if (w) setInput(rec, 1, w);
  if (b) setInput(rec, w ? 2 : 1, b);
  setParams(rec, eps, HW, N, (w ? 1 : 0) | (b ? 2 : 0));
  save(rec, 0, x);
  if (w) save(rec, 1, w);
  save(rec, 2, m);
  save(rec, 3, r);
  release(m);
  release(r);
  return out;
}

// ---- F.batch_norm: per channel c of x (N, C, *), with the channel's mean and invstd given ----
// (the front end computes the batch's statistics, or takes the running ones in eval mode, and
// updates the running statistics). Record inputs (input, weight?, bias?); i0 = C; i1 = which of
// weight (1) and bias (2) are given, 4 in training mode, 8 when given running statistics (which
// PyTorch's node then saves: grad_fn draws them); s0 = eps (create_graph recomputes invstd);
// saved: input, weight, mean, invstd.

function bnForward<T>(px: usize, pw: usize, pb: usize, pm: usize, ps: usize, po: usize, N: i32, C: i32, inner: i32): void {
  const sh = alignof<T>();
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const co = <usize>c << sh, mean = <f64>load<T>(pm + co), invstd = <f64>load<T>(ps + co);
      const w = pw ? <f64>load<T>(pw + co) : 1.0, b = pb ? <f64>load<T>(pb + co) : 0.0;
      const base = <usize>((n * C + c) * inner) << sh;
      for (let i = 0; i < inner; i++) {
        const o = base + (<usize>i << sh);
        store<T>(po + o, <T>((<f64>load<T>(px + o) - mean) * invstd * w + b));
      }
    }
  }
}

/**
 * NativeBatchNormBackward0's kernel (PyTorch's batch_norm_backward_cpu): which 0, the input's
 * gradient, in training invstd·(g·w − mean(g·w) − x̂·mean(g·w·x̂)) over the channel's N·inner
 * elements, in eval g·w·invstd; 1, the weight's Σ g·x̂; 2, the bias's Σ g.
 */
function bnBackward<T>(px: usize, pw: usize, pm: usize, ps: usize, pg: usize, po: usize, which: i32, training: bool,
  N: i32, C: i32, inner: i32): void {
  const sh = alignof<T>(), count = <f64>N * <f64>inner;
  for (let c = 0; c < C; c++) {
    const co = <usize>c << sh, mean = <f64>load<T>(pm + co), invstd = <f64>load<T>(ps + co);
    const w = pw ? <f64>load<T>(pw + co) : 1.0;
    let sg: f64 = 0, sgx: f64 = 0;
    for (let n = 0; n < N; n++) {
      const base = <usize>((n * C + c) * inner) << sh;
      for (let i = 0; i < inner; i++) {
        const o = base + (<usize>i << sh), gv = <f64>load<T>(pg + o);
        sg += gv;
        sgx += gv * (<f64>load<T>(px + o) - mean) * invstd;
      }
    }
    if (which == 1) { store<T>(po + co, <T>sgx); continue; }
    if (which == 2) { store<T>(po + co, <T>sg); continue; }
    for (let n = 0; n < N; n++) {
      const base = <usize>((n * C + c) * inner) << sh;
      for (let i = 0; i < inner; i++) {
        const o = base + (<usize>i << sh), gv = <f64>load<T>(pg + o);
        const xh = (<f64>load<T>(px + o) - mean) * invstd;
        store<T>(po + o, <T>(training ? invstd * w * (gv - sg / count - xh * sgx / count) : gv * w * invstd));
      }
    }
  }
}

/** The gradient of input `which` (0 input, 1 weight, 2 bias) of F.batch_norm into out. */
export function batchNormGrad(x: i32, w: i32, mean: i32, invstd: i32, g: i32, out: i32, which: i32, training: bool): void {
  const C = dimOf(x, 1), N = dimOf(x, 0), inner = N * C ? numelOf(x) / (N * C) : 0;
  const px = dataOf(x), pw = w ? dataOf(w) : 0, pm = dataOf(mean), ps = dataOf(invstd), pg = dataOf(g), po = dataOf(out);
  if (dtypeOf(x) == DType.Float64) bnBackward<f64>(px, pw, pm, ps, pg, po, which, training, N, C, inner);
  else bnBackward<f32>(px, pw, pm, ps, pg, po, which, training, N, C, inner);
}

/** F.batch_norm of x (N, C, *) with each channel's mean and invstd given; w, b 0 when absent. Records Op.BatchNorm. */
export function batch_norm(x: i32, w: i32, b: i32, mean: i32, invstd: i32, training: bool, running: bool, eps: f64): i32 {
  const dt = dtypeOf(x);
  const out = newTensor(ndimOf(x), shapePtr(x), dt);
  if (!out) return Err.OutOfMemory;
  const C = dimOf(x, 1), N = dimOf(x, 0), inner = N * C ? numelOf(x) / (N * C) : 0;
  const px = dataOf(x), pw = w ? dataOf(w) : 0, pb = b ? dataOf(b) : 0;
  if (dt == DType.Float64) bnForward<f64>(px, pw, pb, dataOf(mean), dataOf(invstd), dataOf(out), N, C, inner);
  else bnForward<f32>(px, pw, pb, dataOf(mean), dataOf(invstd), dataOf(out), N, C, inner);
  const needs = requiresGrad(x) || (w != 0 && requiresGrad(w)) || (b != 0 && requiresGrad(b));
  if (!is_grad_enabled() || !needs) return out;
  const rec = newRecord(Op.BatchNorm, 1 + (w ? 1 : 0) + (b ? 1 : 0), out);
  if (!rec) { release(out); return Err.OutOfMemory; }
  setInput(rec, 0, x);
  if (w) setInput(rec, 1, w);
  if (b) setInput(rec, w ? 2 : 1, b);
  setParams(rec, eps, 0, C, (w ? 1 : 0) | (b ? 2 : 0) | (training ? 4 : 0) | (running ? 8 : 0));
  save(rec, 0, x);
  if (w) save(rec, 1, w);
  save(rec, 2, mean);
  save(rec, 3, invstd);
  return out;
}
