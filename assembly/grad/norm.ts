// NativeLayerNormBackward0 (one kernel, see ../ops/norm.ts); the js device's src/js/grad/norm.ts
// is the same. Input k is the input, then weight and bias when given (i1: 1 weight, 2 bias).

import { newTensor, dtypeOf } from '../tensors';
import { recI0, recI1, inNdim, inShape } from '../tape';
import { T, saved } from './helpers';
import { layerNormGrad } from '../ops/norm';

export function layerNormBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const x = saved(r, 0), given = recI1(r);
  const which = k == 0 ? 0 : k == 1 && (given & 1) ? 1 : 2;
  const out = T(newTensor(inNdim(r, k), inShape(r, k), dtypeOf(x)));
  if (out > 0) layerNormGrad(x, given & 1 ? saved(r, 1) : 0, saved(r, 2), saved(r, 3), g, out, which, recI0(r));
  return out;
}
