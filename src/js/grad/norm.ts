// NativeLayerNormBackward0 and NativeGroupNormBackward0 (one kernel, see ../ops/norm.ts), as on the
// wasm device (assembly/grad/norm.ts). Input k is the input, then weight and bias when given
// (i1: 1 weight, 2 bias); s1 the elements per channel (1 for layer norm).

import type { JsRecord, JsTensor } from '../tensor.js';
import { empty } from '../tensor.js';
import { layerNormGrad, batchNormGrad } from '../ops/norm.js';
import { gatherFlatBackward } from '../ops/gather.js';
import { recording, sub, mul, addS, powS } from './helpers.js';
import { view, sum } from '../ops.js';
import { scatterInto } from './gather.js';
import { DType, Op } from '../../../abi/abi.js';

/** NativeLayerNormBackward0 and NativeGroupNormBackward0: the kernel, or under create_graph the same from recording ops. */
export function layerNormBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  return recording(g) || recording(r.saved[0]!) ? layerNormRecorded(r, g, k) : rowNormKernel(r, g, k);
}

/**
 * layer norm's derivative from recording ops, over x as rows [M, N]: x̂ = (x − μ)·rstd with μ and
 * rstd recomputed (so they differentiate too); dx = rstd·(gw − mean(gw) − x̂·mean(gw·x̂)), gw = g·w;
 * dw = Σ g·x̂ and db = Σ g over the rows.
 */
function layerNormRecorded(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const x = r.saved[0]!, N = r.i0, M = N ? x.numel / N : 0;
  const rows = (t: JsTensor): JsTensor => view(Op.View, t, [M, N]);
  const mean = (t: JsTensor): JsTensor => sum(Op.MeanDim, t, 2, true);
  const xc = sub(rows(x), mean(rows(x)));
  const rstd = powS(addS(mean(mul(xc, xc)), r.s0), -0.5);
  const xhat = mul(xc, rstd), gv = rows(g);
  const which = k === 0 ? 0 : k === 1 && (r.i1 & 1) ? 1 : 2;
  // group norm's weight is per channel (dim 1 of x): it broadcasts as [C, 1, ...] against x
  const perChannel = r.op === Op.GroupNorm, xs = r.inputs[0].shape, nd = xs.length;
  let out: JsTensor;
  if (which === 0) {
    const w = r.saved[1]!;
    const gw = !(r.i1 & 1) ? gv : perChannel
      ? rows(mul(g, view(Op.View, w, [w.numel, ...new Array<number>(nd - 2).fill(1)])))
      : mul(gv, view(Op.View, w, [1, N]));
    out = mul(rstd, sub(sub(gw, mean(gw)), mul(xhat, mean(mul(gw, xhat)))));
  } else if (perChannel) {
    // Σ over every dim of x but the channels
    out = sum(Op.SumDim, which === 1 ? mul(g, view(Op.View, xhat, xs)) : g, ((1 << nd) - 1) & ~2, false);
  } else {
    out = sum(Op.SumDim, which === 1 ? mul(gv, xhat) : gv, 1, false);
  }
  return view(Op.View, out, r.inputs[k].shape);
}

/** The first-order derivative of layer and group norm: the row-norm kernel. */
function rowNormKernel(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const [x, w, mean, rstd] = r.saved as JsTensor[];
  const which = k === 0 ? 0 : k === 1 && (r.i1 & 1) ? 1 : 2;
  const out = empty(r.inputs[k].shape.slice(), x.dtype);
  layerNormGrad(x, w ?? null, mean, rstd, g, out, which, r.i0, r.s1);
  return out;
}

/**
 * EmbeddingBackward0: g added at the rows the lookup read (the gather kernel's derivative), then
 * the padding_idx row (s0, −1 for none) zeroed, as PyTorch's embedding_backward skips it.
 */
export function embeddingBackward(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  if (recording(g)) {
    // create_graph: a recorded scatter_add of g at the rows read, the padding row left out (−1)
    const index = r.saved[0]!, cols = r.inputs[0].shape[1], at = empty(index.shape.slice(), DType.Int32);
    index.data.forEach((t, i) => { at.data[i] = r.s0 >= 0 && cols > 0 && Math.floor(t / cols) === r.s0 ? -1 : t; });
    return scatterInto(r.inputs[0].shape, g, at);
  }
  const out = gatherFlatBackward(false, 0, g, r.saved[0]!, r.inputs[0].shape);
  const pad = r.s0, width = out.shape[1];
  if (pad >= 0) out.data.fill(0, pad * width, (pad + 1) * width);
  return out;
}

/** NativeBatchNormBackward0: input k is the input, then weight and bias when given (i1: 1, 2; 4 training). */
export function batchNormBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  if (recording(g) || recording(r.saved[0]!)) return batchNormRecorded(r, g, k);
  const [x, w, mean, invstd] = r.saved as JsTensor[];
  const which = k === 0 ? 0 : k === 1 && (r.i1 & 1) ? 1 : 2;
  const out = empty(r.inputs[k].shape.slice(), x.dtype);
  batchNormGrad(x, w ?? null, mean, invstd, g, out, which, (r.i1 & 4) !== 0);
  return out;
}

/**
 * batch norm's derivative from recording ops, as on the wasm device (assembly/grad/norm.ts): per
 * channel over the other dims of x (N, C, *), μ and rstd recomputed from x in training, the
 * running statistics' (constants) in eval mode.
 */
function batchNormRecorded(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const [x, w, runMean, runRstd] = r.saved as JsTensor[];
  const nd = x.shape.length, others = ((1 << nd) - 1) & ~2, training = (r.i1 & 4) !== 0;
  const perChannel = (t: JsTensor): JsTensor => view(Op.View, t, [1, t.numel, ...new Array<number>(nd - 2).fill(1)]);
  const mean = (t: JsTensor): JsTensor => sum(Op.MeanDim, t, others, true);
  const xc = sub(x, training ? mean(x) : perChannel(runMean));
  const rstd = training ? powS(addS(mean(mul(xc, xc)), r.s0), -0.5) : perChannel(runRstd);
  const xhat = mul(xc, rstd);
  const which = k === 0 ? 0 : k === 1 && (r.i1 & 1) ? 1 : 2;
  if (which === 0) {
    const gw = r.i1 & 1 ? mul(g, perChannel(w)) : g;
    return training ? mul(rstd, sub(sub(gw, mean(gw)), mul(xhat, mean(mul(gw, xhat))))) : mul(gw, rstd);
  }
  return sum(Op.SumDim, which === 1 ? mul(g, xhat) : g, others, false);
}
