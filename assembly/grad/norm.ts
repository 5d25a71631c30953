// NativeLayerNormBackward0 and NativeGroupNormBackward0 (one kernel, see ../ops/norm.ts); the js
// device's src/js/grad/norm.ts is the same. Input k is the input, then weight and bias when given
// (i1: 1 weight, 2 bias); s1 the elements per channel (1 for layer norm).

import { newTensor, dtypeOf, dataOf, dataBytes, numelOf, ndimOf, shapePtr } from '../tensors';
import { DType } from '../../abi/abi';
import { scatterInto } from './gather';
import { recI0, recI1, recS0, recS1, inNdim, inShape, recOp } from '../tape';
import { T, saved, recording, sub, mul, addS, powS } from './helpers';
import { Op } from '../../abi/abi';
import { view } from '../ops/shape';
import { sum } from '../ops/reduce';
import { SPARE } from '../scratch';
import { layerNormGrad, batchNormGrad } from '../ops/norm';
import { gatherFlatBackwardCompute } from '../ops/gather';

/** NativeLayerNormBackward0 and NativeGroupNormBackward0: the kernel, or under create_graph the same from recording ops. */
export function layerNormBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  return recording(g) || recording(saved(r, 0)) ? layerNormRecorded(r, g, k) : rowNormKernel(r, g, k);
}

/**
 * layer norm's derivative from recording ops, over x as rows [M, N]: x̂ = (x − μ)·rstd with μ and
 * rstd recomputed (so they differentiate too); dx = rstd·(gw − mean(gw) − x̂·mean(gw·x̂)), gw = g·w;
 * dw = Σ g·x̂ and db = Σ g over the rows.
 */
function layerNormRecorded(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0), given = recI1(r), N = recI0(r), M = N ? numelOf(x) / N : 0;
  store<i32>(SPARE, M);
  store<i32>(SPARE, N, 4);
  const rows = (t: i32): i32 => (t < 0 ? t : T(view(Op.View, t, 2, SPARE)));
  const mean = (t: i32): i32 => (t < 0 ? t : T(sum(Op.MeanDim, t, 2, true)));
  const xc = sub(rows(x), mean(rows(x)));
  const rstd = powS(addS(mean(mul(xc, xc)), recS0(r)), -0.5);
  const xhat = mul(xc, rstd), gv = rows(g);
  const which = k == 0 ? 0 : k == 1 && (given & 1) ? 1 : 2;
  // group norm's weight is per channel (dim 1 of x): it broadcasts as [C, 1, ...] against x
  const perChannel = recOp(r) == Op.GroupNorm, nd = inNdim(r, 0);
  let out: i32;
  if (which == 0) {
    let gw = gv;
    if (given & 1) {
      const w = saved(r, 1), C = numelOf(w);
      if (perChannel) {
        store<i32>(SPARE, C, 8);
        for (let d = 1; d < nd - 1; d++) store<i32>(SPARE + 8 + (<usize>d << 2), 1);
        gw = rows(mul(g, T(view(Op.View, w, nd - 1, SPARE + 8))));
      } else {
        store<i32>(SPARE, 1, 8);
        store<i32>(SPARE, N, 12);
        gw = mul(gv, T(view(Op.View, w, 2, SPARE + 8)));
      }
    }
    out = mul(rstd, sub(sub(gw, mean(gw)), mul(xhat, mean(mul(gw, xhat)))));
  } else if (perChannel) {
    // Σ over every dim of x but the channels
    const t = which == 1 ? mul(g, xhat < 0 ? xhat : T(view(Op.View, xhat, nd, inShape(r, 0)))) : g;
    out = t < 0 ? t : T(sum(Op.SumDim, t, ((1 << nd) - 1) & ~2, false));
  } else {
    const t = which == 1 ? mul(gv, xhat) : gv;
    out = t < 0 ? t : T(sum(Op.SumDim, t, 1, false));
  }
  return out < 0 ? out : T(view(Op.View, out, inNdim(r, k), inShape(r, k)));
}

/** The first-order derivative of layer and group norm: the row-norm kernel. */
function rowNormKernel(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const x = saved(r, 0), given = recI1(r);
  const which = k == 0 ? 0 : k == 1 && (given & 1) ? 1 : 2;
  const out = T(newTensor(inNdim(r, k), inShape(r, k), dtypeOf(x)));
  if (out > 0) layerNormGrad(x, given & 1 ? saved(r, 1) : 0, saved(r, 2), saved(r, 3), g, out, which, recI0(r), <i32>recS1(r));
  return out;
}

/**
 * EmbeddingBackward0: g added at the rows the lookup read (the gather kernel's derivative), then
 * the padding_idx row (s0, −1 for none) zeroed, as PyTorch's embedding_backward skips it.
 */
export function embeddingBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (recording(g)) return embeddingRecorded(r, g);
  const out = T(gatherFlatBackwardCompute(false, 0, g, saved(r, 0), inNdim(r, 0), inShape(r, 0)));
  const pad = <i32>recS0(r);
  if (out > 0 && pad >= 0) {
    const rows = load<i32>(inShape(r, 0)), row: usize = rows ? <usize>dataBytes(out) / <usize>rows : 0;
    memory.fill(dataOf(out) + <usize>pad * row, 0, row);
  }
  return out;
}

/**
 * embedding's derivative under create_graph: a recorded scatter_add of g at the rows read, the
 * padding row left out (index −1: not written), so its derivative for g gathers the rows again.
 */
function embeddingRecorded(r: usize, g: i32): i32 {
  const index = saved(r, 0), pad = <i32>recS0(r), n = numelOf(index);
  const cols = load<i32>(inShape(r, 0), 4);
  const at = T(newTensor(ndimOf(index), shapePtr(index), DType.Int32));
  if (at < 0) return at;
  for (let i = 0; i < n; i++) {
    const t = load<i32>(dataOf(index) + (<usize>i << 2));
    store<i32>(dataOf(at) + (<usize>i << 2), pad >= 0 && cols > 0 && t / cols == pad ? -1 : t);
  }
  return scatterInto(r, 0, g, at);
}

/** NativeBatchNormBackward0: input k is the input, then weight and bias when given (i1: 1, 2; 4 training). */
export function batchNormBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (recording(g) || recording(saved(r, 0))) return batchNormRecorded(r, g, k);
  const x = saved(r, 0), given = recI1(r);
  const which = k == 0 ? 0 : k == 1 && (given & 1) ? 1 : 2;
  const out = T(newTensor(inNdim(r, k), inShape(r, k), dtypeOf(x)));
  if (out > 0) batchNormGrad(x, given & 1 ? saved(r, 1) : 0, saved(r, 2), saved(r, 3), g, out, which, (given & 4) != 0);
  return out;
}

/** t ([C]) viewed as [1, C, 1, ...] against an input of nd dims. */
function perChannel(t: i32, nd: i32): i32 {
  if (t < 0) return t;
  store<i32>(SPARE, 1);
  store<i32>(SPARE, numelOf(t), 4);
  for (let d = 2; d < nd; d++) store<i32>(SPARE + (<usize>d << 2), 1);
  return T(view(Op.View, t, nd, SPARE));
}

/**
 * batch norm's derivative from recording ops, per channel over the other dims of x (N, C, *):
 * in training x̂ = (x − μ)·rstd with μ and rstd = (var + eps)^−½ recomputed from x (so they
 * differentiate too) and dx = rstd·(gw − mean(gw) − x̂·mean(gw·x̂)), gw = g·w; in eval mode μ and
 * rstd are the running statistics' (constants) and dx = gw·rstd; dw = Σ g·x̂ and db = Σ g.
 */
function batchNormRecorded(r: usize, g: i32, k: i32): i32 {
  const x = saved(r, 0), given = recI1(r), nd = inNdim(r, 0), others = ((1 << nd) - 1) & ~2;
  const mean = (t: i32): i32 => (t < 0 ? t : T(sum(Op.MeanDim, t, ((1 << ndimOf(t)) - 1) & ~2, true)));
  const training = (given & 4) != 0;
  const xc = sub(x, training ? mean(x) : perChannel(saved(r, 2), nd));
  const rstd = training ? powS(addS(mean(mul(xc, xc)), recS0(r)), -0.5) : perChannel(saved(r, 3), nd);
  const xhat = mul(xc, rstd);
  const which = k == 0 ? 0 : k == 1 && (given & 1) ? 1 : 2;
  if (which == 0) {
    const gw = given & 1 ? mul(g, perChannel(saved(r, 1), nd)) : g;
    return training ? mul(rstd, sub(sub(gw, mean(gw)), mul(xhat, mean(mul(gw, xhat))))) : mul(gw, rstd);
  }
  const t = which == 1 ? mul(g, xhat) : g;
  return t < 0 ? t : T(sum(Op.SumDim, t, others, false));
}
