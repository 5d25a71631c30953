// Derivatives of convolution and pooling (ops/conv.ts, ops/pool.ts). Their
// results are not recorded: a second derivative through them (create_graph with
// a gradient that would need recording) is refused (Err.Unimplemented) rather
// than silently zero.

import { Op, Err, DType } from '../../abi/abi';
import { inNdim, inShape, recOutDtype, recOp, is_grad_enabled } from '../tape';
import { requiresGrad, ndimOf, dimOf, newTensor, shapePtr, dataOf, numelOf } from '../tensors';
import { scatterInto } from './gather';
import { poolBackwardCompute, spatialDims } from '../ops/pool';
import { gather_flat } from '../ops/gather';
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
 * MaxPool2DWithIndicesBackward0, MaxPool3DWithIndicesBackward0, AdaptiveMaxPool2DBackward0: g onto
 * the saved indices; under create_graph a recorded scatter_add of g at each window's maximum (its
 * derivative for g gathers there again).
 */
export function maxPool2dBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0 || !recording(g)) return pool2dBackward(r, g, k);
  // the indices are per plane: plus the plane's offset, flat positions in the input
  const idx = saved(r, 0), gn = ndimOf(g), nd = inNdim(r, 0), shape = inShape(r, 0), s = spatialDims(recOp(r));
  let plane = 1, oplane = 1;
  for (let d = 1; d <= s; d++) { plane *= load<i32>(shape + (<usize>(nd - d) << 2)); oplane *= dimOf(g, gn - d); }
  const flat = T(newTensor(gn, shapePtr(g), DType.Int32));
  if (flat < 0) return flat;
  const pi = dataOf(idx), pf = dataOf(flat);
  for (let o = 0; o < numelOf(flat); o++) store<i32>(pf + (<usize>o << 2), load<i32>(pi + (<usize>o << 2)) + (o / oplane) * plane);
  return scatterInto(r, 0, g, flat);
}

/** The max pools' rule without create_graph, and AvgPool2D/3DBackward0, AdaptiveAvgPool2DBackward0 (refusing create_graph). */
export function pool2dBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (is_grad_enabled() && requiresGrad(g)) return Err.Unimplemented;
  return T(poolBackwardCompute(recOp(r), g, inNdim(r, 0), inShape(r, 0), saved(r, 0), saved(r, 1)));
}

/** MaxUnpool2DBackward0: g read at the saved flat positions (a recorded take under create_graph). */
export function maxUnpoolBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  return T(gather_flat(Op.Take, g, 0, saved(r, 0), inNdim(r, 0), inShape(r, 0), 0, false));
}
