// Derivatives of convolution and pooling (ops/conv.ts, ops/pool.ts). Their
// results are not recorded: a second derivative through them (create_graph with
// a gradient that would need recording) is refused (Err.Unimplemented) rather
// than silently zero.

import { Err, DType } from '../../abi/abi';
import { inNdim, inShape, recOutDtype, recOp, is_grad_enabled } from '../tape';
import { requiresGrad, ndimOf, dimOf, newTensor, shapePtr, dataOf, numelOf } from '../tensors';
import { scatterInto } from './gather';
import { pool2dBackwardCompute } from '../ops/pool';
import { T, saved, s0, s1, i0, i1, recording } from './helpers';
import { convGeometryOf, convGrad, convBiasGrad } from '../ops/conv';

/** ConvolutionBackward0: input k = 0 (input), 1 (weight), 2 (bias). */
export function convolutionBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (is_grad_enabled() && (requiresGrad(g) || (k < 2 && requiresGrad(saved(r, 1 - k))))) return Err.Unimplemented;
  convGeometryOf(inNdim(r, 0), inShape(r, 0), inShape(r, 1), recOutDtype(r), i0(r), i1(r), s0(r), s1(r));
  if (k < 2) return T(convGrad(k, g, saved(r, 1 - k), inShape(r, k)));
  return T(convBiasGrad(g));
}

/**
 * MaxPool2DWithIndicesBackward0: g onto the saved indices; under create_graph a recorded
 * scatter_add of g at each window's maximum (its derivative for g gathers there again).
 */
export function maxPool2dBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0 || !recording(g)) return pool2dBackward(r, g, k);
  // the indices are per plane (H·W): plus the plane's offset, flat positions in the input
  const idx = saved(r, 0), gn = ndimOf(g), nd = inNdim(r, 0), shape = inShape(r, 0);
  const ohw = dimOf(g, gn - 2) * dimOf(g, gn - 1);
  const hw = load<i32>(shape + (<usize>(nd - 2) << 2)) * load<i32>(shape + (<usize>(nd - 1) << 2));
  const flat = T(newTensor(gn, shapePtr(g), DType.Int32));
  if (flat < 0) return flat;
  const pi = dataOf(idx), pf = dataOf(flat);
  for (let o = 0; o < numelOf(flat); o++) store<i32>(pf + (<usize>o << 2), load<i32>(pi + (<usize>o << 2)) + (o / ohw) * hw);
  return scatterInto(r, 0, g, flat);
}

/** MaxPool2DWithIndicesBackward0 (g onto the saved indices), AvgPool2DBackward0, AdaptiveAvgPool2DBackward0. */
export function pool2dBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (is_grad_enabled() && requiresGrad(g)) return Err.Unimplemented;
  return T(pool2dBackwardCompute(recOp(r), g, inNdim(r, 0), inShape(r, 0), saved(r, 0), i0(r), i1(r), s0(r), s1(r)));
}
