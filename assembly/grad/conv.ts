// Derivatives of convolution and pooling (ops/conv.ts, ops/pool.ts). The
// convolution family's derivatives are ops of the family (recorded under
// create_graph, so second and third derivatives work), and so are the pools': under
// create_graph a max pool's is a scatter_add of g, an average pool's a take of g divided by the
// divisors and scatter-added back.

import { Err, DType, Op, Rec } from '../../abi/abi';
import { inNdim, inShape, recOutDtype, recOp, is_grad_enabled } from '../tape';
import { requiresGrad, ndimOf, dimOf, newTensor, shapePtr, dataOf, numelOf } from '../tensors';
import { scatterInto } from './gather';
import { poolBackwardCompute, spatialDims, WINDOWS_2X2, avgPoolPairs, pairsOut, pairsIn, pairsDiv } from '../ops/pool';
import { gather_flat } from '../ops/gather';
import { sum } from '../ops/reduce';
import { T, saved, s0, s1, i0, i1, recording, div } from './helpers';
import { convGeometryXWY, convFamily, convBiasGrad } from '../ops/conv';

// roles in the family's geometry: X (input), W (weight), Y (output)
const X = 0, Wr = 1, Y = 2;

/** The role of input k (0, 1) of a record of op, or (k = 2) of its output. */
function roleOf(op: i32, k: i32): i32 {
  if (op == Op.Convolution) return k == 0 ? X : k == 1 ? Wr : Y;
  if (op == Op.ConvolutionTranspose) return k == 0 ? Y : k == 1 ? Wr : X;
  return k == 0 ? X : k == 1 ? Y : Wr;
}

/**
 * ConvolutionBackward0 (Convolution, ConvolutionTranspose) and ConvolutionWeight: input k's
 * gradient is the family's op that makes k's role from the other two (g in the output's role).
 */
export function convolutionBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const op = recOp(r), out = r + Rec.OutShape;
  let xs = inShape(r, 0), ws = inShape(r, 1), ys = out;
  if (op == Op.ConvolutionTranspose) { xs = out; ys = inShape(r, 0); }
  else if (op == Op.ConvolutionWeight) { ws = out; ys = inShape(r, 1); }
  const outRole = roleOf(op, 2);
  if (k == 2) {
    // the bias: g summed over all but its channel dim
    if (recording(g)) { const nd = ndimOf(g); return T(sum(Op.SumDim, g, ((1 << nd) - 1) & ~2, false)); }
    convGeometryXWY(inNdim(r, 0), xs, ws, ys, recOutDtype(r), i0(r), i1(r), s0(r), s1(r));
    return T(convBiasGrad(outRole, g));
  }
  const role = roleOf(op, k), other = saved(r, 1 - k), otherRole = roleOf(op, 1 - k);
  // the two tensors the op of `role` reads, by role: g and the other input
  const byX = outRole == X ? g : otherRole == X ? other : 0;
  const byW = outRole == Wr ? g : otherRole == Wr ? other : 0;
  const byY = outRole == Y ? g : otherRole == Y ? other : 0;
  if (role == X) return T(convFamily(Op.ConvolutionTranspose, byY, byW, 0, xs, ws, ys, i0(r), i1(r), s0(r), s1(r)));
  if (role == Y) return T(convFamily(Op.Convolution, byX, byW, 0, xs, ws, ys, i0(r), i1(r), s0(r), s1(r)));
  return T(convFamily(Op.ConvolutionWeight, byX, byY, 0, xs, ws, ys, i0(r), i1(r), s0(r), s1(r)));
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

/**
 * AvgPool2DBackward0, AvgPool3DBackward0, AdaptiveAvgPool2DBackward0: the kernel; under create_graph
 * g divided by each window's divisor, read at each position of the window (a recorded take) and
 * added there (a recorded scatter_add): the same sum the kernel makes, whose derivative for g is the
 * pool of the incoming gradient again (PyTorch's avg_pool2d_backward differentiates to avg_pool2d).
 */
export function avgPoolBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0 || !recording(g)) return pool2dBackward(r, g, k);
  if (!avgPoolPairs(recOp(r), g, inNdim(r, 0), inShape(r, 0), saved(r, 1))) return Err.OutOfMemory;
  const at = T(pairsOut), to = T(pairsIn), divisors = T(pairsDiv);
  store<i32>(PAIRS, numelOf(at));
  const taken = T(gather_flat(Op.Take, g, 0, at, 1, PAIRS, 0, false));
  const src = div(taken, divisors);
  return src < 0 ? src : scatterInto(r, 0, src, to);
}
// the pairs' shape: a static cell, as a tensor's shape may move when the table grows
const PAIRS: usize = memory.data(4, 4);

/** The pools' kernels (refusing create_graph): the max pools' rule without it, the average pools' too. */
export function pool2dBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  if (is_grad_enabled() && requiresGrad(g)) return Err.Unimplemented;
  return T(poolBackwardCompute(recOp(r), g, inNdim(r, 0), inShape(r, 0), saved(r, 0), saved(r, 1), i0(r) == WINDOWS_2X2));
}

/** MaxUnpool2DBackward0: g read at the saved flat positions (a recorded take under create_graph). */
export function maxUnpoolBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  return T(gather_flat(Op.Take, g, 0, saved(r, 0), inNdim(r, 0), inShape(r, 0), 0, false));
}
