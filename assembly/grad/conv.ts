// Derivatives of convolution and pooling (ops/conv.ts, ops/pool.ts). Their
// results are not recorded: a second derivative through them (create_graph)
// is not supported yet.

import { inNdim, inShape, recOutDtype } from '../tape';
import { T, saved, s0, s1, i0, i1 } from './helpers';
import { convGeometryOf, convGrad, convBiasGrad } from '../ops/conv';

/** ConvolutionBackward0: input k = 0 (input), 1 (weight), 2 (bias). */
export function convolutionBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  convGeometryOf(inNdim(r, 0), inShape(r, 0), inShape(r, 1), recOutDtype(r), i0(r), i1(r), s0(r), s1(r));
  if (k < 2) return T(convGrad(k, g, saved(r, 1 - k), inShape(r, k)));
  return T(convBiasGrad(g));
}
