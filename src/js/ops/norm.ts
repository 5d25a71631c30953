// F.layer_norm and F.group_norm on the js device, as on the wasm device (assembly/ops/norm.ts):
// PyTorch's native_layer_norm over the last dims (N elements per row, M rows), saving each row's
// mean and rstd = 1/sqrt(var + eps) (biased variance) for NativeLayerNormBackward0. Sums in
// float64, rounded once to the dtype. native_group_norm is the same over the rows (sample, group)
// of x (N, C, *), weight and bias per channel: element e has channel (e / HW) % C (layer norm:
// HW = 1, C = N).
//
// Record inputs (input, weight?, bias?); i0 = N, i1 = which of weight (1) and bias (2) are given;
// s0 = eps, s1 = HW; saved: input, weight (or null), mean, rstd.

import { Op } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';
import type { Float } from '../kernels/reduce.js';

/**
 * NativeLayerNormBackward0's kernel (PyTorch's LayerNormBackwardKernel): which 0, the input's
 * gradient rstd·(g·w − mean_j(g·w) − x̂·mean_j(g·w·x̂)); 1, the weight's Σ g·x̂; 2, the bias's Σ g,
 * summed per channel (e / HW) % C of element e (HW = 1 for layer norm).
 */
export function layerNormGrad(x: JsTensor, w: JsTensor | null, mean: JsTensor, rstd: JsTensor, g: JsTensor,
  out: JsTensor, which: number, N: number, HW: number): void {
  const M = N ? x.numel / N : 0, f = roundOf(x.dtype), C = w ? w.numel : which ? out.numel : 1;
  const X = x.data as Float, W = w ? w.data as Float : null, Mn = mean.data as Float, R = rstd.data as Float;
  const G = g.data as Float, O = out.data as Float;
  const acc = which === 0 ? null : new Float64Array(C);
  const ch = (e: number): number => Math.floor(e / HW) % C;
  for (let i = 0; i < M; i++) {
    const base = i * N, mu = Mn[i], rs = R[i];
    if (acc) {
      for (let j = 0; j < N; j++) acc[ch(base + j)] += which === 1 ? G[base + j] * (X[base + j] - mu) * rs : G[base + j];
      continue;
    }
    let sg = 0, sgx = 0;
    for (let j = 0; j < N; j++) {
      const gw = G[base + j] * (W ? W[ch(base + j)] : 1);
      sg += gw;
      sgx += gw * (X[base + j] - mu) * rs;
    }
    for (let j = 0; j < N; j++) {
      const gw = G[base + j] * (W ? W[ch(base + j)] : 1), xh = (X[base + j] - mu) * rs;
      O[base + j] = f(rs * (gw - sg / N - xh * sgx / N));
    }
  }
  if (acc) for (let j = 0; j < C; j++) O[j] = f(acc[j]);
}

/** F.layer_norm over the last dims holding N elements; records Op.LayerNorm. */
export function layerNorm(x: JsTensor, w: JsTensor | null, b: JsTensor | null, N: number, eps: number): JsTensor {
  return rowNorm(Op.LayerNorm, x, w, b, N, 1, eps);
}

/** F.group_norm of x (N, C, *): rows of N elements (a group's channels), HW elements per channel; records Op.GroupNorm. */
export function groupNorm(x: JsTensor, w: JsTensor | null, b: JsTensor | null, N: number, HW: number, eps: number): JsTensor {
  return rowNorm(Op.GroupNorm, x, w, b, N, HW, eps);
}

function rowNorm(op: Op, x: JsTensor, w: JsTensor | null, b: JsTensor | null, N: number, HW: number, eps: number): JsTensor {
  const M = N ? x.numel / N : 0, f = roundOf(x.dtype), C = w ? w.numel : b ? b.numel : 1;
  const out = empty(x.shape.slice(), x.dtype), mean = empty([M], x.dtype), rstd = empty([M], x.dtype);
  const X = x.data as Float, O = out.data as Float, W = w ? w.data as Float : null, B = b ? b.data as Float : null;
  const Mn = mean.data as Float, R = rstd.data as Float;
  for (let i = 0; i < M; i++) {
    const base = i * N;
    let sum = 0;
    for (let j = 0; j < N; j++) sum += X[base + j];
    const mu = f(sum / N);
    let sq = 0;
    for (let j = 0; j < N; j++) sq += (X[base + j] - mu) ** 2;
    const rs = f(1 / Math.sqrt(sq / N + eps));
    Mn[i] = mu;
    R[i] = rs;
    for (let j = 0; j < N; j++) {
      const c = Math.floor((base + j) / HW) % C;
      let y = (X[base + j] - mu) * rs;
      if (W) y *= W[c];
      if (B) y += B[c];
      O[base + j] = f(y);
    }
  }
  const inputs = [x, ...(w ? [w] : []), ...(b ? [b] : [])];
  const r = record(op, out, inputs);
  if (r) {
    r.i0 = N;
    r.i1 = (w ? 1 : 0) | (b ? 2 : 0);
    r.s0 = eps;
    r.s1 = HW;
    r.saved = [x, w, mean, rstd];
  }
  return out;
}

// ---- F.batch_norm: per channel c of x (N, C, *), with the channel's mean and invstd given ----
// (as assembly/ops/norm.ts). Record inputs (input, weight?, bias?); i0 = C; i1 = which of weight (1)
// and bias (2) are given, 4 in training mode, 8 when given running statistics; saved: input, weight, mean, invstd.

const channels = (x: JsTensor): [number, number, number] => {
  const N = x.shape[0], C = x.shape[1];
  return [N, C, N * C ? x.numel / (N * C) : 0];
};

/**
 * NativeBatchNormBackward0's kernel (PyTorch's batch_norm_backward_cpu): which 0, the input's
 * gradient, in training invstd·(g·w − mean(g·w) − x̂·mean(g·w·x̂)) over the channel's N·inner
 * elements, in eval g·w·invstd; 1, the weight's Σ g·x̂; 2, the bias's Σ g.
 */
export function batchNormGrad(x: JsTensor, w: JsTensor | null, mean: JsTensor, invstd: JsTensor, g: JsTensor,
  out: JsTensor, which: number, training: boolean): void {
  const [N, C, inner] = channels(x), count = N * inner, f = roundOf(x.dtype);
  const X = x.data as Float, W = w ? w.data as Float : null, Mn = mean.data as Float, S = invstd.data as Float;
  const G = g.data as Float, O = out.data as Float;
  for (let c = 0; c < C; c++) {
    const mu = Mn[c], is = S[c], wc = W ? W[c] : 1;
    let sg = 0, sgx = 0;
    for (let n = 0; n < N; n++) {
      for (let i = 0, o = (n * C + c) * inner; i < inner; i++, o++) {
        sg += G[o];
        sgx += G[o] * (X[o] - mu) * is;
      }
    }
    if (which !== 0) { O[c] = f(which === 1 ? sgx : sg); continue; }
    for (let n = 0; n < N; n++) {
      for (let i = 0, o = (n * C + c) * inner; i < inner; i++, o++) {
        const xh = (X[o] - mu) * is;
        O[o] = f(training ? is * wc * (G[o] - sg / count - xh * sgx / count) : G[o] * wc * is);
      }
    }
  }
}

/** F.batch_norm of x (N, C, *) with each channel's mean and invstd given; records Op.BatchNorm. */
export function batchNorm(x: JsTensor, w: JsTensor | null, b: JsTensor | null, mean: JsTensor, invstd: JsTensor, training: boolean,
  running: boolean, eps: number): JsTensor {
  const [N, C, inner] = channels(x), f = roundOf(x.dtype);
  const out = empty(x.shape.slice(), x.dtype);
  const X = x.data as Float, O = out.data as Float, W = w ? w.data as Float : null, B = b ? b.data as Float : null;
  const Mn = mean.data as Float, S = invstd.data as Float;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const wc = W ? W[c] : 1, bc = B ? B[c] : 0;
      for (let i = 0, o = (n * C + c) * inner; i < inner; i++, o++) O[o] = f((X[o] - Mn[c]) * S[c] * wc + bc);
    }
  }
  const r = record(Op.BatchNorm, out, [x, ...(w ? [w] : []), ...(b ? [b] : [])]);
  if (r) {
    r.i0 = C;
    r.s0 = eps;
    r.i1 = (w ? 1 : 0) | (b ? 2 : 0) | (training ? 4 : 0) | (running ? 8 : 0);
    r.saved = [x, w, mean, invstd];
  }
  return out;
}
