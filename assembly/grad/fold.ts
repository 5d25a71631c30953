// Derivatives of F.unfold and F.fold (ops/fold.ts): each is the other op over the
// same parameters, recorded under create_graph.

import { Op } from '../../abi/abi';
import { inNdim, inShape, recOp } from '../tape';
import { T, s0, s1, i0, i1 } from './helpers';
import { foldOp } from '../ops/fold';

/** Im2ColBackward0: fold of g back to the input's H, W; Col2ImBackward0: unfold of g. */
export function foldBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const nd = inNdim(r, 0), shape = inShape(r, 0);
  const h = load<i32>(shape + (<usize>(nd - 2) << 2)), w = load<i32>(shape + (<usize>(nd - 1) << 2));
  return T(foldOp(recOp(r) == Op.Im2Col ? Op.Col2Im : Op.Im2Col, g, i0(r), i1(r), s0(r), s1(r), h, w));
}
