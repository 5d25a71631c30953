// Gradient accumulation: `a += b` where it is safe, a fresh sum where the
// destination is shared (a gradient tensor handed to two inputs, or a seed the
// caller still holds must never change under them).

import { Err, Slot, Op, DType } from '../../abi/abi';
import { slot, newSameAs, release, dataOf, numelOf, dtypeOf, dataBytes, bumpVersion, ndimOf, shapePtr, tableOffsetOf, cellNow } from '../tensors';
import { binaryRun } from '../kernels/elementwise';
import { is_grad_enabled } from '../tape';
import { binary } from './elementwise';
import { view } from './shape';

/** A copy of t (new id), or Err.OutOfMemory. */
export function copyOf(t: i32): i32 {
  const c = newSameAs(t);
  if (!c) return Err.OutOfMemory;
  memory.copy(dataOf(c), dataOf(t), dataBytes(t));
  return c;
}

/** dst += src in place; with dst == 0, returns a copy of src. */
export function accumulateInto(dst: i32, src: i32): i32 {
  if (!dst) return copyOf(src);
  const n = numelOf(dst);
  if (dtypeOf(dst) == DType.Float64) binaryRun<f64>(Op.Add, dataOf(dst), 1, dataOf(src), 1, dataOf(dst), n, 1);
  else binaryRun<f32>(Op.Add, dataOf(dst), 1, dataOf(src), 1, dataOf(dst), n, 1);
  return Err.Ok;
}

/**
 * Adds g (owned) into the tensor id kept at `cell` (which owns it). A leaf's
 * .grad (`inPlace`) accumulates in place, as in PyTorch; a pending gradient
 * that someone else also holds is replaced by a fresh sum.
 */
export function deliverTo(cell: usize, g: i32, inPlace: bool): i32 {
  // a slot's .grad moves with the table, which the copies below may grow: store where it is then
  const at = tableOffsetOf(cell);
  if (is_grad_enabled()) return deliverRecorded(cell, at, g, inPlace);
  const have = load<i32>(cell);
  if (!have) {
    if (inPlace && load<u32>(slot(g), Slot.Refs) > 1) {
      const c = copyOf(g);
      release(g);
      if (c < 0) return c;
      store<i32>(cellNow(at, cell), c);
    } else {
      store<i32>(cell, g);
    }
    return Err.Ok;
  }
  if (inPlace || load<u32>(slot(have), Slot.Refs) == 1) {
    accumulateInto(have, g);
    // an in-place add into .grad, as PyTorch's AccumulateGrad: its version goes up
    if (inPlace) bumpVersion(have);
    release(g);
    return Err.Ok;
  }
  const sum = copyOf(have);
  if (sum < 0) { release(g); return sum; }
  accumulateInto(sum, g);
  release(g);
  release(have);
  store<i32>(cellNow(at, cell), sum);
  return Err.Ok;
}

/**
 * deliverTo under create_graph (grad mode on during the sweep): sums are recorded and out of place,
 * as PyTorch's AccumulateGrad does then; a new .grad starts as a recorded clone, as PyTorch's.
 */
function deliverRecorded(cell: usize, at: isize, g: i32, inPlace: bool): i32 {
  const have = load<i32>(cell);
  if (!have) {
    if (inPlace) {
      const c = view(Op.Clone, g, ndimOf(g), shapePtr(g));
      release(g);
      if (c < 0) return c;
      g = c;
    }
    store<i32>(cellNow(at, cell), g);
    return Err.Ok;
  }
  const sum = binary(Op.Add, have, g, 1);
  release(g);
  if (sum < 0) return sum;
  release(have);
  store<i32>(cellNow(at, cell), sum);
  return Err.Ok;
}
