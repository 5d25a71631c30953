// Derivatives of convolution and pooling (ops/conv.ts, ops/pool.ts). Their
// results are not recorded: a second derivative through them (create_graph with
// a gradient that would need recording) is refused (Err.Unimplemented) rather
// than silently zero.

import { Err } from '../../abi/abi';
import { inNdim, inShape, recOutDtype, recOp, is_grad_enabled } from '../tape';
import { requiresGrad } from '../tensors';
import { pool2dBackwardCompute } from '../ops/pool';
import { T, saved, s0, s1, i0, i1 } from './helpers';
import { convGeometryOf, convGrad, convBiasGrad } from '../ops/conv';

/** ConvolutionBackward0: input k = 0 (input), 1 (weight), 2 (bias). */
export function convolutionBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (is_grad_enabled() && (requiresGrad(g) || (k < 2 && requiresGrad(saved(r, 1 - k))))) return Err.Unimplemented;
  convGeometryOf(inNdim(r, 0), inShape(r, 0), inShape(r, 1), recOutDtype(r), i0(r), i1(r), s0(r), s1(r));
  if (k < 2) return T(convGrad(k, g, saved(r, 1 - k), inShape(r, k)));
  return T(convBiasGrad(g));
}

/** MaxPool2DWithIndicesBackward0 (g onto the saved indices), AvgPool2DBackward0, AdaptiveAvgPool2DBackward0. */
export function pool2dBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (is_grad_enabled() && requiresGrad(g)) return Err.Unimplemented;
  return T(pool2dBackwardCompute(recOp(r), g, inNdim(r, 0), inShape(r, 0), saved(r, 0), i0(r), i1(r), s0(r), s1(r)));
}
