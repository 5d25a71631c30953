// ToCopyBackward0 (helper h-autograd): the gradient converted back to the input's dtype (a
// same-device cast keeps it in i0, ops/cast.ts) by the cast itself, which records when g does
// (create_graph); a proxy's copy across devices (i0 0) passes the gradient on in its shape.

import { dtypeOf } from '../tensors';
import { recI0 } from '../tape';
import { T, reshapeToInput } from './helpers';
import { to_dtype } from '../ops/cast';

export function toCopyBackward(r: usize, g: i32, k: i32): i32 {
  const from = recI0(r) - 1;
  if (g < 0 || from < 0 || from == dtypeOf(g)) return reshapeToInput(r, g, k);
  return T(to_dtype(g, from));
}
