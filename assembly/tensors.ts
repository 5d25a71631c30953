// The tensor table: every tensor of the wasm device is an integer id, an index
// into one growable array of 64-byte slots. JS holds ids, never pointers, so the
// table (and the data) can move without invalidating anything on the JS side,
// and JS reads shape and flags straight out of the slot without a call.
//
//  table (ids 1..capacity-1; id 0 is "no tensor")
//  ┌────────┬────────┬────────┬─────┐
//  │ slot 0 │ slot 1 │ slot 2 │ ... │
//  └────────┴────────┴────────┴─────┘
//
//  slot:
//   0      4       8     9     10    12      16       20     24                56       64
//  ┌──────┬───────┬─────┬─────┬─────┬───────┬────────┬──────┬──────────────────┬────────┐
//  │ data │ numel │ndim │dtype│flags│ grad  │ gradFn │ refs │ shape[8] (u32)   │capture │
//  └──────┴───────┴─────┴─────┴─────┴───────┴────────┴──────┴──────────────────┴────────┘
//   data:    pointer to numel elements: 8 bytes for float64, else 4 (float32; int64, int32, bool as i32)
//   grad:    id of the accumulated .grad, 0 if none (the slot owns one ref on it)
//   gradFn:  the record that produced this tensor (the slot owns one ref on it)
//   refs:    one per JS handle, per record that saves it, per slot whose .grad it is
//   capture: during torch.autograd.grad, 1 + the index of this tensor among the inputs
//  A free slot keeps the next free id in `data`.

import { alloc, free } from './alloc';
import { stackPush, stackPop, stackLen } from './stack';
import { Slot, TensorFlag, Limits, DType } from '../abi/abi';
import { releaseRecord } from './tape';

let table: usize = 0;
let capacity: u32 = 0;
let freeHead: u32 = 0;
let liveCount: u32 = 0;
let liveBytes: usize = 0;

// @ts-ignore: decorator
@inline export function slot(id: i32): usize {
  return table + (<usize>id << 6);
}

// the table's address, kept where JS can read it without a call (it moves when the table grows)
const tableCell: usize = memory.data(4, 4);

/** Where the address of the tensor table is kept (a fixed address), for JS's direct reads. */
export function tensor_table_cell(): usize { return tableCell; }
export function tensor_live_count(): u32 { return liveCount; }
export function tensor_live_bytes(): usize { return liveBytes; }

// @ts-ignore: decorator
@inline export function dataOf(id: i32): usize { return load<u32>(slot(id), Slot.Data); }
// @ts-ignore: decorator
@inline export function numelOf(id: i32): i32 { return load<i32>(slot(id), Slot.Numel); }
// @ts-ignore: decorator
@inline export function ndimOf(id: i32): i32 { return load<u8>(slot(id), Slot.Ndim); }
// @ts-ignore: decorator
@inline export function dtypeOf(id: i32): i32 { return load<u8>(slot(id), Slot.DType); }
/** log2 of the bytes per element of a dtype: float64 is 8 bytes, everything else 4 (abi DType). */
// @ts-ignore: decorator
@inline export function elemShift(dtype: i32): i32 { return dtype == DType.Float64 ? 3 : 2; }
/** Bytes of a tensor's data (at least one element's worth: an empty tensor still gets a block). */
// @ts-ignore: decorator
@inline export function dataBytes(id: i32): usize {
  return <usize>max(numelOf(id), 1) << elemShift(dtypeOf(id));
}
// @ts-ignore: decorator
@inline export function flagsOf(id: i32): i32 { return load<u8>(slot(id), Slot.Flags); }
// @ts-ignore: decorator
@inline export function setFlags(id: i32, f: i32): void { store<u8>(slot(id), <u8>f, Slot.Flags); }
// @ts-ignore: decorator
@inline export function dimOf(id: i32, d: i32): i32 { return load<i32>(slot(id) + (<usize>d << 2), Slot.Shape); }
// @ts-ignore: decorator
@inline export function shapePtr(id: i32): usize { return slot(id) + Slot.Shape; }
// @ts-ignore: decorator
@inline export function requiresGrad(id: i32): bool { return (flagsOf(id) & TensorFlag.RequiresGrad) != 0; }
// @ts-ignore: decorator
@inline export function gradFnOf(id: i32): usize { return load<u32>(slot(id), Slot.GradFn); }
// @ts-ignore: decorator
@inline export function gradOf(id: i32): i32 { return load<i32>(slot(id), Slot.Grad); }
/** PyTorch's version counter: how many times the tensor's values were changed in place. */
// @ts-ignore: decorator
@inline export function versionOf(id: i32): u32 { return load<u32>(slot(id), Slot.Version); }

// how many version bumps have happened, of any tensor: a record made after the last one
// cannot have seen a saved tensor change (autograd.ts skips its version check)
let bumps: u32 = 0;
/** The count of version bumps so far (records keep it: Rec.Bumps). */
export function bumpCount(): u32 { return bumps; }
/** Raises id's version counter: its values were just changed in place. */
export function bumpVersion(id: i32): void {
  store<u32>(slot(id), versionOf(id) + 1, Slot.Version);
  bumps++;
}

// Growing moves the table, but an op may hold a slot's address (shapePtr) across an allocation
// that grows it: the old copy is kept, never freed, so what it read stays readable. A slot's
// shape, ndim, dtype, numel and data never change while the tensor lives; refs, flags, grad and
// the rest do, and must be read through slot() again after an allocation. Old copies total less
// than the table itself (it doubles).
function grow(newCap: u32): bool {
  const t = alloc(<usize>newCap << 6);
  if (!t) return false;
  memory.fill(t, 0, <usize>newCap << 6);
  if (table) {
    memory.copy(t, table, <usize>capacity << 6);
    if (isDefined(WASMGRAD_MEMCHECK)) retire(table, capacity);
  }
  table = t;
  store<u32>(tableCell, <u32>t);
  // chain the new slots into the free list, lowest id first; id 0 stays unused
  const first: u32 = capacity ? capacity : 1;
  for (let i = newCap - 1; i >= first; i--) {
    store<u32>(slot(i), freeHead, Slot.Data);
    freeHead = i;
  }
  capacity = newCap;
  return true;
}

// The memcheck build moves the table every few new tensors and spoils, in the old copy, the fields
// that change over a tensor's life, so reading them through a stale slot address gives garbage.
// It keeps the last RETIRED copies only (moving so often would otherwise pile them up).
const RETIRED = 64;
const retired = memory.data(RETIRED * 4, 4);
let retiredAt = 0;

// every MOVE_EVERY-th new tensor: moving at each one made the suite 20 times slower
const MOVE_EVERY = 8;
let created: u32 = 0;
// @ts-ignore: decorator
@inline function movesNow(): bool { return isDefined(WASMGRAD_MEMCHECK) && ++created % MOVE_EVERY == 0; }

function retire(old: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const s = old + (<usize>i << 6);
    memory.fill(s + Slot.Flags, 0xff, Slot.Shape - Slot.Flags);
    memory.fill(s + Slot.Capture, 0xff, Slot.Size - Slot.Capture);
  }
  const cell = retired + (<usize>(retiredAt++ % RETIRED) << 2);
  if (load<u32>(cell)) free(load<u32>(cell));
  store<u32>(cell, <u32>old);
}

/**
 * A cell's offset in the table, or -1 for a cell outside it: a slot's field (.grad) kept across
 * allocations that may move the table is stored again at `cellNow(offset, cell)`.
 */
export function tableOffsetOf(cell: usize): isize {
  return cell >= table && cell < table + (<usize>capacity << 6) ? <isize>(cell - table) : -1;
}
/** Where a cell is now: its table offset's address, or the cell itself outside the table. */
// @ts-ignore: decorator
@inline export function cellNow(offset: isize, cell: usize): usize { return offset < 0 ? cell : table + <usize>offset; }

/**
 * A new tensor of the shape at `shape` (ndim u32s) with uninitialised data and
 * one ref (the caller's). Returns 0 when memory cannot grow.
 */
export function newTensor(ndim: i32, shape: usize, dtype: i32): i32 {
  // in 64 bits, so a huge shape is refused rather than wrapped around
  let numel: i64 = 1;
  for (let d = 0; d < ndim; d++) {
    numel *= <i64>load<i32>(shape + (<usize>d << 2));
    if (numel > <i64>Limits.MaxNumel) return 0;
  }
  return newTensorN(ndim, shape, dtype, <i32>numel);
}

export function newTensorN(ndim: i32, shape: usize, dtype: i32, numel: i32): i32 {
  if (numel < 0 || numel > Limits.MaxNumel) return 0;
  const shift = elemShift(dtype);
  // 8-byte elements: half as many fit the 32-bit address space
  if (shift == 3 && numel > (Limits.MaxNumel >> 1)) return 0;
  const bytes = <usize>max(numel, 1) << shift;
  const data = alloc(bytes);
  if (!data) return 0;
  const full = !freeHead;
  if ((full || movesNow()) && !grow(full ? (capacity ? capacity * 2 : 1024) : capacity)) { free(data); return 0; }
  const id = <i32>freeHead;
  const s = slot(id);
  freeHead = load<u32>(s, Slot.Data);
  store<u32>(s, <u32>data, Slot.Data);
  store<i32>(s, numel, Slot.Numel);
  store<u8>(s, <u8>ndim, Slot.Ndim);
  store<u8>(s, <u8>dtype, Slot.DType);
  store<u8>(s, TensorFlag.Live, Slot.Flags);
  store<i32>(s, 0, Slot.Grad);
  store<u32>(s, 0, Slot.GradFn);
  store<u32>(s, 1, Slot.Refs);
  store<i32>(s, 0, Slot.Capture);
  store<u32>(s, 0, Slot.Version);
  memory.copy(s + Slot.Shape, shape, <usize>ndim << 2);
  liveCount++;
  liveBytes += bytes;
  return id;
}

/** A new tensor shaped like `like`, of its dtype. */
export function newSameAs(like: i32): i32 {
  return newTensorN(ndimOf(like), shapePtr(like), dtypeOf(like), numelOf(like));
}

// Releases chain (a slot frees its grad and gradFn, a record frees its inputs
// and saved tensors), so a long graph would recurse thousands deep: work from
// an explicit stack instead.
const pending = memory.data(12, 4);
let draining = false;

function pushPending(id: i32): void {
  // cannot even note a release: the heap is exhausted beyond repair
  if (!stackPush(pending, <u32>id)) unreachable();
}

export function retain(id: i32): void {
  const s = slot(id);
  store<u32>(s, load<u32>(s, Slot.Refs) + 1, Slot.Refs);
}

/** Drops one reference; frees the tensor (and what only it kept alive) at zero. */
export function release(id: i32): void {
  if (id <= 0) return;
  pushPending(id);
  if (draining) return;
  draining = true;
  while (stackLen(pending)) {
    const t = <i32>stackPop(pending);
    const s = slot(t);
    const refs = load<u32>(s, Slot.Refs) - 1;
    store<u32>(s, refs, Slot.Refs);
    if (refs) continue;
    const g = load<i32>(s, Slot.Grad);
    const fn = <usize>load<u32>(s, Slot.GradFn);
    liveBytes -= dataBytes(t);
    liveCount--;
    // the record may adopt the data it needs for its derivative (see tape.ts)
    const adopted = fn ? releaseRecord(fn, t) : false;
    if (!adopted) free(<usize>load<u32>(s, Slot.Data));
    store<u8>(s, 0, Slot.Flags);
    store<u32>(s, 0, Slot.GradFn);
    store<i32>(s, 0, Slot.Grad);
    store<u32>(s, freeHead, Slot.Data);
    freeHead = <u32>t;
    if (g) pushPending(g);
  }
  draining = false;
}

export function tensor_retain(id: i32): void { retain(id); }
export function tensor_release(id: i32): void { release(id); }
export function tensor_data(id: i32): usize { return dataOf(id); }

/** Sets or clears requires_grad on a leaf. */
export function tensor_set_requires_grad(id: i32, on: bool): void {
  const f = flagsOf(id);
  setFlags(id, on ? f | TensorFlag.RequiresGrad : f & ~TensorFlag.RequiresGrad);
}

export function tensor_set_retains_grad(id: i32): void {
  setFlags(id, flagsOf(id) | TensorFlag.RetainsGrad);
}

/** Marks `id` as having hooks (Tensor.register_hook) or not: the sweep calls out for its gradient. */
export function tensor_set_has_hooks(id: i32, on: bool): void {
  setFlags(id, on ? flagsOf(id) | TensorFlag.HasHooks : flagsOf(id) & ~TensorFlag.HasHooks);
}

/** Replaces the .grad of `id` with `g` (0 clears it). */
export function tensor_set_grad(id: i32, g: i32): void {
  if (g) retain(g);
  const old = gradOf(id);
  store<i32>(slot(id), g, Slot.Grad);
  if (old) release(old);
}

/** Writes the shape of a tensor into `out` (ndim u32s) — for kernels building output shapes. */
export function copyShape(id: i32, out: usize): void {
  memory.copy(out, shapePtr(id), <usize>ndimOf(id) << 2);
}

// keeps the asserts about slot layout next to the layout they check
assert(Slot.Size == 64 && Limits.MaxDims == 8);
