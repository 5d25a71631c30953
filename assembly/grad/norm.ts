// NativeLayerNormBackward0 and NativeGroupNormBackward0 (one kernel, see ../ops/norm.ts); the js
// device's src/js/grad/norm.ts is the same. Input k is the input, then weight and bias when given
// (i1: 1 weight, 2 bias); s1 the elements per channel (1 for layer norm).

import { newTensor, dtypeOf, dataOf, dataBytes, numelOf, ndimOf, shapePtr } from '../tensors';
import { DType } from '../../abi/abi';
import { scatterInto } from './gather';
import { recI0, recI1, recS0, recS1, inNdim, inShape } from '../tape';
import { T, saved, recording } from './helpers';
import { layerNormGrad, batchNormGrad } from '../ops/norm';
import { gatherFlatBackwardCompute } from '../ops/gather';

export function layerNormBackward(r: usize, g: i32, k: i32): i32 {
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
  const x = saved(r, 0), given = recI1(r);
  const which = k == 0 ? 0 : k == 1 && (given & 1) ? 1 : 2;
  const out = T(newTensor(inNdim(r, k), inShape(r, k), dtypeOf(x)));
  if (out > 0) batchNormGrad(x, given & 1 ? saved(r, 1) : 0, saved(r, 2), saved(r, 3), g, out, which, (given & 4) != 0);
  return out;
}
