// The tape: one record per differentiable op, linked to the records that
// produced its inputs. Together the records form the autograd graph; creation
// order is a topological order, and the backward sweep (autograd.ts) walks it
// in reverse with a dependency count, like PyTorch's engine.
//
//  record (124 + 48·nin bytes, from the allocator):
//   0    2     3      4      8     12        16     20        24     32     40   44   48             64
//  ┌────┬─────┬──────┬──────┬─────┬─────────┬──────┬─────────┬──────┬──────┬────┬────┬──────────────┐
//  │ op │ nin │flags │ refs │ out │ gradAcc │ deps │ outData │  s0  │  s1  │ i0 │ i1 │ saved[4] ids │
//  └────┴─────┴──────┴──────┴─────┴─────────┴──────┴─────────┴──────┴──────┴────┴────┴──────────────┘
//   64     65       68             100                  116          120     124
//  ┌──────┬────────┬──────┬──────────────┬────────────────────┬────────────┬───────┬─────────┬─────┐
//  │outNd │outDtype│packed│ outShape[8]  │ savedVersion[4]    │ outVersion │ bumps │ input 0 │ ... │
//  └──────┴────────┴───┴──────────────┴────────────────────┴────────────┴───────┴─────────┴─────┘
//  input k (48 bytes):
//   0          4      8         9      12
//  ┌──────────┬──────┬─────────┬──────┬───────────────┐
//  │ producer │ leaf │needsGrad│ ndim │ shape[8]      │
//  └──────────┴──────┴─────────┴──────┴───────────────┘
//
//  refs:     1 while the output tensor lives, +1 per record that consumes the output
//  out:      the output tensor id, weak: cleared when that tensor dies
//  outData:  the output's data when the rule needs the result (flag SavesOut). The
//            record must not hold a ref on its own output (tensor → record → tensor
//            would be a cycle), so when the tensor dies first the record adopts its
//            data buffer instead (flag OwnsOut).
//  producer: the record that made input k (ref held), 0 for leaves and constants
//  leaf:     input k's id when it is a leaf that requires grad (ref held, the
//            AccumulateGrad target)
//  savedVersion, outVersion: the version counters of the saved tensors and of the
//            output when they were saved; a backward that finds one changed (an
//            in-place op since) refuses, as PyTorch does; bumps: the count of version
//            bumps when the record was made (equal now: nothing can have changed)
//  packed:   saved-tensor hooks (src/saved_tensors_hooks.ts): PackState.Pending for a record made
//            while they are on, then the serial under which JS keeps what pack_hook made of
//            its saved slots (emptied then: the sweep calls out to unpack them, unpack_saved)
//  saved:    tensors the derivative needs (ref held), released after a backward
//            without retain_graph (flag Freed); a second backward through such a
//            record is PyTorch's "backward through the graph a second time".

import { alloc, free } from './alloc';
import { stackPush, stackPop, stackLen } from './stack';
import { Rec, RecFlag, Slot, TensorFlag, Limits, PackState } from '../abi/abi';
import {
  slot, retain, release, gradFnOf, requiresGrad, ndimOf, shapePtr, dataOf, flagsOf, setFlags, dtypeOf, versionOf, bumpCount,
} from './tensors';

let gradEnabled = true;
let liveRecords: u32 = 0;
// saved-tensor hooks are on: new records are marked for packing
let packing = false;

export function set_grad_enabled(on: bool): void { gradEnabled = on; }
export function is_grad_enabled(): bool { return gradEnabled; }
export function tape_live_records(): u32 { return liveRecords; }
export function tape_set_packing(on: bool): void { packing = on; }
/** Whether saved-tensor hooks are on (new records are packed). */
export function tape_packing(): bool { return packing; }

/**
 * Marks record r's saves as packed under `serial` and empties its saved slots: the refs they held
 * pass to JS (which read the ids before), and the versions are no longer checked (PyTorch checks
 * none through hooks).
 */
export function tape_pack(r: usize, serial: u32): void {
  store<u16>(r, <u16>serial, Rec.Packed);
  for (let k = 0; k < Rec.NSaved; k++) store<i32>(r + (<usize>k << 2), 0, Rec.Saved);
}

/** Puts tensor `id` (what unpack_hook returned) into saved slot k of r, replacing what is there. */
export function tape_unpacked(r: usize, k: i32, id: i32): void {
  const old = recSaved(r, k);
  retain(id);
  store<i32>(r + (<usize>k << 2), id, Rec.Saved);
  store<u32>(r + (<usize>k << 2), versionOf(id), Rec.SavedVersion);
  if (old) release(old);
}

// @ts-ignore: decorator
@inline export function recOp(r: usize): i32 { return load<u16>(r, Rec.Op); }
// @ts-ignore: decorator
@inline export function recNin(r: usize): i32 { return load<u8>(r, Rec.NIn); }
// @ts-ignore: decorator
@inline export function recFlags(r: usize): i32 { return load<u8>(r, Rec.Flags); }
// @ts-ignore: decorator
@inline export function setRecFlags(r: usize, f: i32): void { store<u8>(r, <u8>f, Rec.Flags); }
/** The dtype of the record's output (abi DType): what result() rebuilds from adopted data. */
// @ts-ignore: decorator
@inline export function recOutDtype(r: usize): i32 { return load<u8>(r, Rec.OutDtype); }
// @ts-ignore: decorator
@inline export function recInput(r: usize, k: i32): usize { return r + Rec.Inputs + <usize>k * Rec.InSize; }
// @ts-ignore: decorator
@inline export function recSaved(r: usize, k: i32): i32 { return load<i32>(r + (<usize>k << 2), Rec.Saved); }
// @ts-ignore: decorator
@inline export function recS0(r: usize): f64 { return load<f64>(r, Rec.S0); }
// @ts-ignore: decorator
@inline export function recS1(r: usize): f64 { return load<f64>(r, Rec.S1); }
// @ts-ignore: decorator
@inline export function recI0(r: usize): i32 { return load<i32>(r, Rec.I0); }
// @ts-ignore: decorator
@inline export function recI1(r: usize): i32 { return load<i32>(r, Rec.I1); }
// @ts-ignore: decorator
@inline export function inNdim(r: usize, k: i32): i32 { return load<u8>(recInput(r, k), Rec.InNdim); }
// @ts-ignore: decorator
@inline export function inShape(r: usize, k: i32): usize { return recInput(r, k) + Rec.InShape; }
// @ts-ignore: decorator
@inline export function inNeedsGrad(r: usize, k: i32): bool { return load<u8>(recInput(r, k), Rec.InNeedsGrad) != 0; }
// @ts-ignore: decorator
@inline export function inProducer(r: usize, k: i32): usize { return load<u32>(recInput(r, k), Rec.InProducer); }
// @ts-ignore: decorator
@inline export function inLeaf(r: usize, k: i32): i32 { return load<i32>(recInput(r, k), Rec.InLeaf); }

/** True when an op on these inputs must be recorded. */
export function shouldRecord1(a: i32): bool {
  return gradEnabled && requiresGrad(a);
}
export function shouldRecord2(a: i32, b: i32): bool {
  return gradEnabled && (requiresGrad(a) || requiresGrad(b));
}

/**
 * Records `op` as the producer of `out`, with `nin` inputs to be filled by
 * setInput. Returns 0 when memory is exhausted (nothing is changed then).
 */
export function newRecord(op: i32, nin: i32, out: i32): usize {
  const size = <usize>Rec.Inputs + <usize>nin * Rec.InSize;
  const r = alloc(size);
  if (!r) return 0;
  memory.fill(r, 0, size);
  store<u16>(r, <u16>op, Rec.Op);
  store<u8>(r, <u8>nin, Rec.NIn);
  store<u32>(r, 1, Rec.Refs);
  store<i32>(r, out, Rec.Out);
  const nd = ndimOf(out);
  store<u8>(r, <u8>nd, Rec.OutNdim);
  store<u8>(r, <u8>dtypeOf(out), Rec.OutDtype);
  store<u32>(r, bumpCount(), Rec.Bumps);
  if (packing) store<u16>(r, PackState.Pending, Rec.Packed);
  memory.copy(r + Rec.OutShape, shapePtr(out), <usize>nd << 2);
  const s = slot(out);
  store<u32>(s, <u32>r, Slot.GradFn);
  setFlags(out, flagsOf(out) | TensorFlag.RequiresGrad);
  liveRecords++;
  return r;
}

/** Links input k of record r to tensor `id`. */
export function setInput(r: usize, k: i32, id: i32): void {
  const p = recInput(r, k);
  const nd = ndimOf(id);
  store<u8>(p, <u8>nd, Rec.InNdim);
  memory.copy(p + Rec.InShape, shapePtr(id), <usize>nd << 2);
  if (!requiresGrad(id)) return;
  store<u8>(p, 1, Rec.InNeedsGrad);
  const producer = gradFnOf(id);
  if (producer) {
    store<u32>(p, <u32>producer, Rec.InProducer);
    store<u32>(producer, load<u32>(producer, Rec.Refs) + 1, Rec.Refs);
  } else {
    store<i32>(p, id, Rec.InLeaf);
    retain(id);
  }
}

/** Keeps tensor `id` for the derivative, as saved slot k. */
export function save(r: usize, k: i32, id: i32): void {
  retain(id);
  store<i32>(r + (<usize>k << 2), id, Rec.Saved);
  store<u32>(r + (<usize>k << 2), versionOf(id), Rec.SavedVersion);
  setRecFlags(r, recFlags(r) | RecFlag.HasSaved);
}

/** Keeps the output's values for the derivative (see outData above). */
export function saveOutput(r: usize): void {
  const out = load<i32>(r, Rec.Out);
  store<u32>(r, <u32>dataOf(out), Rec.OutData);
  store<u32>(r, versionOf(out), Rec.OutVersion);
  setRecFlags(r, recFlags(r) | RecFlag.SavesOut | RecFlag.HasSaved);
}

/** Scalar and integer parameters of the op, for its derivative. */
export function setParams(r: usize, s0: f64, s1: f64, i0: i32, i1: i32): void {
  store<f64>(r, s0, Rec.S0);
  store<f64>(r, s1, Rec.S1);
  store<i32>(r, i0, Rec.I0);
  store<i32>(r, i1, Rec.I1);
}

/** Frees what the derivative kept: after a backward without retain_graph. */
export function freeSaved(r: usize): void {
  for (let k = 0; k < Rec.NSaved; k++) {
    const id = recSaved(r, k);
    if (id) { store<i32>(r + (<usize>k << 2), 0, Rec.Saved); release(id); }
  }
  const f = recFlags(r);
  if (f & RecFlag.OwnsOut) free(<usize>load<u32>(r, Rec.OutData));
  store<u32>(r, 0, Rec.OutData);
  setRecFlags(r, (f & ~(RecFlag.OwnsOut | RecFlag.SavesOut)) | RecFlag.Freed);
}

/**
 * Called when a tensor whose gradFn is r dies (`dying` is its id, whose data is
 * still allocated): drops the tensor's ref and, while the record lives on and
 * needs the values, adopts its data buffer. Returns true when it adopted it.
 */
export function releaseRecord(r: usize, dying: i32): bool {
  let adopted = false;
  if (dying && load<i32>(r, Rec.Out) == dying) {
    store<i32>(r, 0, Rec.Out);
    if ((recFlags(r) & RecFlag.SavesOut) && load<u32>(r, Rec.Refs) > 1) {
      setRecFlags(r, recFlags(r) | RecFlag.OwnsOut);
      adopted = true;
    }
  }
  dropRecord(r);
  return adopted;
}

// Freeing a record releases its producers, which may free theirs: iterate.
const dropping = memory.data(12, 4);
let draining = false;

function push(r: usize): void {
  if (!stackPush(dropping, <u32>r)) unreachable(); // as in tensors.ts release()
}

export function dropRecord(r: usize): void {
  push(r);
  if (draining) return;
  draining = true;
  while (stackLen(dropping)) {
    const q = <usize>stackPop(dropping);
    const refs = load<u32>(q, Rec.Refs) - 1;
    store<u32>(q, refs, Rec.Refs);
    if (refs) continue;
    freeSaved(q);
    const acc = load<i32>(q, Rec.GradAcc);
    if (acc) release(acc);
    const n = recNin(q);
    for (let k = 0; k < n; k++) {
      const p = inProducer(q, k);
      if (p) push(p);
      const leaf = inLeaf(q, k);
      if (leaf) release(leaf);
    }
    free(q);
    liveRecords--;
  }
  draining = false;
}

assert(Rec.SavedVersion == Rec.OutShape + Limits.MaxDims * 4 && Rec.Inputs == Rec.Bumps + 4);
