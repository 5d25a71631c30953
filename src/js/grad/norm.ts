// NativeLayerNormBackward0 and NativeGroupNormBackward0 (one kernel, see ../ops/norm.ts), as on the
// wasm device (assembly/grad/norm.ts). Input k is the input, then weight and bias when given
// (i1: 1 weight, 2 bias); s1 the elements per channel (1 for layer norm).

import type { JsRecord, JsTensor } from '../tensor.js';
import { empty } from '../tensor.js';
import { layerNormGrad, batchNormGrad } from '../ops/norm.js';
import { gatherFlatBackward } from '../ops/gather.js';
import { recording } from './helpers.js';
import { scatterInto } from './gather.js';
import { DType } from '../../../abi/abi.js';

export function layerNormBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
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
  const [x, w, mean, invstd] = r.saved as JsTensor[];
  const which = k === 0 ? 0 : k === 1 && (r.i1 & 1) ? 1 : 2;
  const out = empty(r.inputs[k].shape.slice(), x.dtype);
  batchNormGrad(x, w ?? null, mean, invstd, g, out, which, (r.i1 & 4) !== 0);
  return out;
}
