// In-place ops (x.add_(y), w.grad.zero_()): the front end computes the result
// out of place, with the op's record when autograd needs one, and then
// inplace_commit() moves it into x, as PyTorch's in-place kernels write into x:
//
//   - x's values become the result's (x keeps its id, so x.grad slots, saved
//     references and JS handles all see the change) and x's version counter
//     goes up, so a record that saved x earlier refuses to use it (PyTorch's
//     "modified by an inplace operation" error, checked in autograd.ts);
//   - when the op was recorded, x takes over its record (x's grad_fn becomes,
//     say, AddBackward0, whose input is x's old history), as PyTorch rebases
//     x's history. A formula that reads its self input (sin_'s, pow_'s) reads a
//     copy of x's old values, PyTorch's original_self; x saved as another
//     input (x.mul_(x)'s other) stays x, and its backward refuses, as PyTorch's.

import { Err, Rec, RecFlag, Slot, TensorFlag, Op } from '../../abi/abi';
import {
  slot, release, dataOf, dataBytes, gradFnOf, flagsOf, setFlags, versionOf, bumpVersion, bumpCount, requiresGrad, ndimOf, shapePtr,
} from '../tensors';
import { recSaved, recFlags, setRecFlags, dropRecord, is_grad_enabled } from '../tape';
import { copyOf } from './accumulate';
import { view } from './shape';

/**
 * Moves r's values (same shape and dtype, checked by the front end) into x and bumps x's
 * version; r's record, if any, becomes x's grad_fn. The caller then releases r.
 */
export function inplace_commit(x: i32, r: i32): i32 {
  const rec = gradFnOf(r);
  if (rec) {
    // the derivative reads x's old values as its self input (saved slot 0): give it a copy,
    // a recorded clone of x's old history when x has one (create_graph differentiates through it)
    if (recSaved(rec, 0) == x) {
      const c = is_grad_enabled() && requiresGrad(x) ? view(Op.Clone, x, ndimOf(x), shapePtr(x)) : copyOf(x);
      if (c < 0) return c;
      store<i32>(rec, c, Rec.Saved);
      store<u32>(rec, 0, Rec.SavedVersion);
      release(x);
    }
  }
  if (rec) {
    // x saved as another input (x.mul_(x)'s other) is now the record's own output: the
    // record must not hold it (a cycle), and its backward must refuse (x has changed)
    for (let k = 1; k < Rec.NSaved; k++) {
      if (recSaved(rec, k) != x) continue;
      store<i32>(rec + (<usize>k << 2), 0, Rec.Saved);
      release(x);
      setRecFlags(rec, recFlags(rec) | RecFlag.SavedOutput);
    }
  }
  memory.copy(dataOf(x), dataOf(r), dataBytes(x));
  bumpVersion(x);
  if (!rec) return Err.Ok;
  const old = gradFnOf(x);
  if (old) {
    // x is no longer the old record's output: if that record saved its output, the values
    // it needs are gone (outData keeps x's version now, for the error message)
    if (load<i32>(old, Rec.Out) == x) {
      store<i32>(old, 0, Rec.Out);
      if (recFlags(old) & RecFlag.SavesOut) {
        setRecFlags(old, recFlags(old) | RecFlag.OutModified);
        store<u32>(old, versionOf(x), Rec.OutData);
      }
    }
    dropRecord(old);
  }
  store<u32>(slot(x), <u32>rec, Slot.GradFn);
  store<u32>(slot(r), 0, Slot.GradFn);
  store<i32>(rec, x, Rec.Out);
  if (recFlags(rec) & RecFlag.SavesOut) {
    store<u32>(rec, <u32>dataOf(x), Rec.OutData);
    store<u32>(rec, versionOf(x), Rec.OutVersion);
  }
  setFlags(x, flagsOf(x) | TensorFlag.RequiresGrad);
  return Err.Ok;
}

/** Bumps x's version: its values were written by the front end (fill_, zero_ on integers). */
export function bump_version(x: i32): void {
  bumpVersion(x);
}

// ---- the check before a backward ---------------------------------------------

// what the last Err.ModifiedInplace found, for the message: the tensor (0 when it is a
// record's output that in-place rebased), the record when it is that record's saved
// output, the version found and the version expected
const MODIFIED: usize = memory.data(16, 4);

/** Field k of the last Err.ModifiedInplace: 0 tensor, 1 record (saved output) or 0, 2 version, 3 expected. */
export function inplace_error(k: i32): u32 { return load<u32>(MODIFIED + (<usize>k << 2)); }

/**
 * Err.ModifiedInplace when a tensor record r saved has changed in place since
 * (noting which, for the message), else Err.Ok.
 */
export function checkSavedVersions(r: usize): i32 {
  // nothing has changed in place since the record was made (the usual case)
  if (load<u32>(r, Rec.Bumps) == bumpCount()) return Err.Ok;
  for (let k = 0; k < Rec.NSaved; k++) {
    const id = recSaved(r, k);
    const expected = load<u32>(r + (<usize>k << 2), Rec.SavedVersion);
    if (id && versionOf(id) != expected) return modified(id, 0, versionOf(id), expected);
  }
  const f = recFlags(r);
  if ((f & RecFlag.SavedOutput) && !(f & RecFlag.Freed)) {
    // which slot it was: the one emptied with a version kept
    let expected: u32 = 0;
    for (let k = 1; k < Rec.NSaved; k++) {
      if (!recSaved(r, k)) expected = max(expected, load<u32>(r + (<usize>k << 2), Rec.SavedVersion));
    }
    const out = load<i32>(r, Rec.Out);
    return out ? modified(out, 0, versionOf(out), expected) : modified(0, r, expected + 1, expected);
  }
  if (!(f & RecFlag.SavesOut) || (f & RecFlag.Freed)) return Err.Ok;
  const out = load<i32>(r, Rec.Out), expected = load<u32>(r, Rec.OutVersion);
  if (f & RecFlag.OutModified) return modified(0, r, load<u32>(r, Rec.OutData), expected);
  if (out && versionOf(out) != expected) return modified(out, r, versionOf(out), expected);
  return Err.Ok;
}

function modified(id: i32, r: usize, version: u32, expected: u32): i32 {
  store<u32>(MODIFIED, id);
  store<u32>(MODIFIED, <u32>r, 4);
  store<u32>(MODIFIED, version, 8);
  store<u32>(MODIFIED, expected, 12);
  return Err.ModifiedInplace;
}
