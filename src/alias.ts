// Views that alias their base, as PyTorch's do.
//
// wasmgrad's kernels read dense row-major data, so a view op (view, select,
// slicing, transpose, detach, ...) still makes a dense copy of the elements it
// shows. What makes that copy an alias is kept here: the view links to the
// storage of its base (the tensor that owns the data, PyTorch's `._base`) and
// to a function that redoes the view op on a tensor of positions, so the flat
// positions of its elements in the base can be computed when they are needed,
// and only then.
//
//   base  x (storage, version counter) ◄──────────── the truth
//           ▲                       │
//     write │ CopySlices             │ read again when x's version moved on
//   through │                        ▼ (AsStridedBackward0 over x's new node)
//   view  v = x[0] (a dense copy, synced at a version of x)
//
// - A view is read again from its base when the base's version has moved on
//   since it was last read (checked whenever its handle is taken, Tensor.h).
// - An in-place op on a view computes the new values out of place, puts them
//   into the base at the view's positions (CopySlices when autograd records),
//   and leaves the view to be read again.
// - The version counter is the base's, so a view and its base report the same
//   `_version`, and a write through one invalidates the others.
// Tensors that are not views pay one null check per handle access.

import { DType, Op } from '../abi/abi.js';
import type { Backend, Handle } from './device.js';
import { RuntimeError, NotImplementedError } from './errors.js';
import { Tensor } from './tensor.js';
import { jsDevice } from './js/device.js';
import { registerFinalizer } from './runtime.js';
import { is_grad_enabled, no_grad, enable_grad } from './autograd.js';

/** The data a view shows: the base's handle, held while any view of it lives. */
interface Storage {
  readonly dev: Backend;
  readonly h: Handle;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly base: WeakRef<Tensor>;
  /** writes through `.data`, which PyTorch keeps off the base's version counter */
  quiet: number;
  /** the views alive over this storage, told when it is written (see noteWrite) */
  readonly views: Set<WeakRef<Tensor>>;
}

/** How a view finds its elements in its base. */
export interface ViewLink {
  readonly storage: Storage;
  /** the link of the view this one was taken from, or null when taken from the base */
  readonly parent: ViewLink | null;
  /** the view op, redone on the parent's positions (a tensor of the parent's shape) */
  readonly redo: (positions: Tensor) => Tensor;
  /** detach() and .data, and views of them: same elements, no autograd connection to the storage's owner */
  readonly detached: boolean;
  /** detach() or .data itself (PyTorch's detach is no view: its `_base` is None) */
  readonly isDetach: boolean;
  /** PyTorch's `._base`: the tensor the view was taken from, past other views (a detached tensor is a base of its own) */
  readonly autogradBase: WeakRef<Tensor> | null;
  /** .data: writes through it leave the base's version as it was (PyTorch's .data has a counter of its own) */
  readonly quiet: boolean;
  /** made under no_grad from a base that requires grad: PyTorch refuses to write it with grad on */
  readonly madeWithoutGrad: boolean;
  /** the base's version when the view's values were last read from it */
  syncedAt: number;
  /** the positions, once computed (they never change: shapes are fixed) */
  positions: Int32Array | null;
  readonly ref: WeakRef<Tensor>;
}

const storages = new WeakMap<Tensor, Storage>();
let redoing = false;

function storageOf(base: Tensor): Storage {
  let s = storages.get(base);
  if (!s) {
    s = { dev: base._dev, h: base.h, shape: base._shape, dtype: base._dtype, base: new WeakRef(base), quiet: 0, views: new Set() };
    storages.set(base, s);
  }
  return s;
}

/**
 * Makes `out` (a dense result of a view op on `input`) a view of input's base. `redo` applies the
 * same view op to a tensor of input's shape. Returns `out`.
 * @internal
 */
export function markView(out: Tensor, input: Tensor, redo: (positions: Tensor) => Tensor, detached = false, quiet = false): Tensor {
  if (redoing || out === input) return out;
  out._offset = input._offset; // the view ops that move it (select, slices, diagonal) set their own
  const parent = input._view;
  const storage = parent ? parent.storage : storageOf(input);
  storage.dev.retain(storage.h);
  const ref = new WeakRef(out);
  const autogradBase = detached ? null : parent && !parent.isDetach ? parent.autogradBase : new WeakRef(input);
  out._view = {
    storage, parent, redo, ref, autogradBase, isDetach: detached,
    detached: detached || (parent?.detached ?? false),
    quiet: quiet || (parent?.quiet ?? false),
    madeWithoutGrad: !is_grad_enabled() || (parent?.madeWithoutGrad ?? false),
    syncedAt: stamp(storage),
    positions: null,
  };
  storage.views.add(ref);
  if (out.isEscaped) registerFinalizer(out, storage.dev, storage.h);
  return out;
}

/** The view's `_base`, while it is alive. @internal */
export function baseOf(link: ViewLink): Tensor | null {
  const b = link.autogradBase?.deref();
  return b && !b.isDisposed ? b : null;
}

/** Frees what a view holds of its base (Tensor.dispose). @internal */
export function dropView(link: ViewLink): void {
  link.storage.views.delete(link.ref);
  link.storage.dev.release(link.storage.h);
}

/** A view's `_version`: its base's (PyTorch's views share their base's counter), its own for `.data`. @internal */
export const viewVersion = (view: Tensor, link: ViewLink): number =>
  link.quiet ? view._dev.version(view.h) : link.storage.dev.version(link.storage.h);

/** What changes whenever the base is written (both counts only grow, so their sum does too). */
const stamp = (s: Storage): number => s.dev.version(s.h) + s.quiet;

/** Whether the base was written since the view last read it. @internal */
export const isStale = (link: ViewLink): boolean => link.syncedAt !== stamp(link.storage);

/** The flat position in the base of each element of the view, in order. @internal */
export function positionsOf(link: ViewLink): Int32Array {
  if (link.positions) return link.positions;
  const chain: ViewLink[] = [];
  for (let l: ViewLink | null = link; l; l = l.parent) chain.unshift(l);
  const shape = link.storage.shape.slice();
  const n = shape.reduce((a, b) => a * b, 1);
  redoing = true;
  try {
    link.positions = no_grad(() => {
      let p = new Tensor(jsDevice, jsDevice.fromData(Int32Array.from({ length: n }, (_, i) => i), shape, DType.Int32), shape, DType.Int32, false);
      for (const l of chain) {
        const next = l.redo(p);
        if (next !== p) p.dispose();
        p = next;
      }
      const out = Int32Array.from(p._dev.read(p.h));
      p.dispose();
      return out;
    });
  } finally {
    redoing = false;
  }
  return link.positions;
}

/** A tensor over t's storage (its base's data, for a view; the caller disposes it). @internal */
export function storageTensor(t: Tensor): Tensor {
  const link = t._view;
  return link ? baseTensor(link.storage) : heldTensor(t._dev, t.h, t._shape, t._dtype);
}

/** A new reference to handle h as a Tensor, for one op (not tracked; the caller disposes it). */
function heldTensor(dev: Backend, h: Handle, shape: readonly number[], dtype: DType): Tensor {
  dev.retain(h);
  return new Tensor(dev, h, shape.slice(), dtype, false);
}

/** A tensor over the base's data, for one op (the caller disposes it). */
const baseTensor = (s: Storage): Tensor => heldTensor(s.dev, s.h, s.shape, s.dtype);

/**
 * Reads a stale view again from its base: its values become the base's at its positions, and,
 * where the base requires grad, its grad_fn becomes AsStridedBackward0 over the base's node
 * (PyTorch regenerates a view's grad_fn the same way). @internal
 */
export function syncView(view: Tensor, h: Handle): void {
  const link = view._view!;
  const s = link.storage;
  const base = baseTensor(s);
  try {
    const read = (): Tensor => gatherAt(Op.AsStrided, base, positionsOf(link), view._shape);
    const fresh = link.detached ? no_grad(read) : enable_grad(read);
    try {
      s.dev.inplaceCommit(h, fresh.h);
    } finally {
      fresh.dispose();
    }
    link.syncedAt = stamp(s);
  } finally {
    base.dispose();
  }
}

/** out[i] = input[at[i]], recorded as node `op` (gather_scatter.ts's gathered, injected to avoid a cycle). */
let gatherAt: (op: Op, input: Tensor, at: Int32Array, shape: number[]) => Tensor;
/** base with src put at positions `at` (gather_scatter.ts's putFlat), recorded as CopySlices. */
let putAt: (base: Tensor, src: Tensor, at: Int32Array) => Tensor;
/** @internal */
export function setViewKernels(gather: typeof gatherAt, put: typeof putAt): void { gatherAt = gather; putAt = put; }

/**
 * PyTorch's checks before an in-place op on a view, in its order and words. @internal
 */
export function checkViewWrite(view: Tensor): void {
  const link = view._view!;
  if (link.isDetach || !is_grad_enabled()) return;
  const base = baseOf(link) ?? baseTensor(link.storage);
  try {
    if (!view.requires_grad && !base.requires_grad) return;
    if (link.madeWithoutGrad) {
      throw new RuntimeError(
        'A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case ' +
        "is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace " +
        "either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the " +
        'inplace to be tracked).');
    }
    // PyTorch's test is the base being a leaf, whether or not the base itself requires grad
    if (view.requires_grad && base.is_leaf) throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  } finally {
    if (base !== baseOf(link)) base.dispose();
  }
}

/**
 * Writes `values` (the view's new elements, of its shape and dtype) into the view's base at the
 * view's positions, recorded on the base as CopySlices unless the view is detached or grad is
 * off; the view reads itself again at its next use. @internal
 */
export function writeThrough(view: Tensor, values: Tensor): void {
  const link = view._view!;
  const at = positionsOf(link);
  const seen = new Uint8Array(link.storage.shape.reduce((a, b) => a * b, 1));
  for (const p of at) {
    if (seen[p]) {
      throw new RuntimeError('unsupported operation: more than one element of the written-to tensor refers to a single ' +
        'memory location. Please clone() the tensor before performing the operation.');
    }
    seen[p] = 1;
  }
  const s = link.storage;
  const base = baseTensor(s);
  try {
    const put = (): Tensor => putAt(base, values, at);
    const next = link.detached ? no_grad(put) : put();
    try {
      if (link.quiet) {
        s.dev.write(s.h, s.dev.read(next.h));
        s.quiet++;
        refreshQuietly(s);
        s.dev.bumpVersion(view._h); // the counter of .data's own
      } else {
        s.dev.inplaceCommit(s.h, next.h);
        noteWrite(s);
      }
    } finally {
      next.dispose();
    }
  } finally {
    base.dispose();
  }
}

/**
 * t's own elements were changed by one device call (an optimizer's fused update): as an in-place
 * op's would, the change reaches t's base, when t is a view, so the base and its other views
 * (parameters sharing one storage) see it, and t's version moves on. @internal
 */
export function noteDeviceWrite(t: Tensor): void {
  // stale: t was written through the Tensor API (p.add_), which reached the base already
  if (!t._view || isStale(t._view)) { t._dev.bumpVersion(t.h); return; }
  const values = heldTensor(t._dev, t._h, t._shape, t._dtype);
  try {
    no_grad(() => writeThrough(t, values));
  } finally {
    values.dispose();
  }
}

/**
 * After a write through `.data`: the live views' copies take the new values without a new
 * version, since PyTorch's saved tensors see such a write and raise nothing.
 */
function refreshQuietly(s: Storage): void {
  const all = s.dev.read(s.h);
  for (const ref of s.views) {
    const v = ref.deref();
    if (!v) { s.views.delete(ref); continue; }
    if (v.isDisposed) continue;
    const link = v._view!;
    const at = positionsOf(link);
    s.dev.write(v._h, Array.from(at, (p) => all[p]));
    link.syncedAt = stamp(s);
  }
}

/** Tells the live views of `t`'s storage that it was written: their saved copies are out of date (their versions move, so a backward that saved one refuses, as PyTorch's does). @internal */
export function noteBaseWrite(t: Tensor): void {
  const s = t._view ? t._view.storage : storages.get(t);
  if (s) noteWrite(s);
}

/** Moves t's `_version` on by one as a write would (for a view, its base's counter, which they share). @internal */
export function bumpVersionOf(t: Tensor): void {
  const s = t._view && !t._view.quiet ? t._view.storage : null;
  if (s) s.dev.bumpVersion(s.h);
  else t._dev.bumpVersion(t._h);
  noteBaseWrite(t);
}

function noteWrite(s: Storage): void {
  for (const ref of s.views) {
    const v = ref.deref();
    if (!v) { s.views.delete(ref); continue; }
    if (!v.isDisposed) s.dev.bumpVersion(v._h);
  }
}

/**
 * PyTorch's in-place view ops (t_, squeeze_, transpose_, as_strided_, ...): `r`, the same view
 * op's result on t, becomes t (its data, shape, layout and node), keeping the tensor object, and
 * t's version counter moves on by one (the base's for a view). A base whose data other live views
 * show would have to become a view of its old data; that is refused rather than break their
 * aliasing. @internal
 */
export function adoptView(t: Tensor, r: Tensor, name: string, bump = true): void {
  const link = t._view;
  const before = t._version;
  if (!link) {
    const s = storages.get(t);
    for (const ref of s?.views ?? []) {
      const v = ref.deref();
      if (v && v !== r && !v.isDisposed) {
        r.dispose();
        throw new NotImplementedError(`wasmgrad: ${name} on a tensor whose data live views share is not supported yet`);
      }
    }
    storages.delete(t);
    t._adopt(r, null, bump);
    while (t._dev.version(t._h) < before + (bump ? 1 : 0)) t._dev.bumpVersion(t._h);
    return;
  }
  const own = r._view!;
  const ref = new WeakRef(t);
  own.storage.views.add(ref);
  own.storage.dev.retain(own.storage.h);
  const next: ViewLink = { ...own, ref };
  t._adopt(r, next, bump);
  dropView(link);
  if (bump) bumpVersionOf(t);
  next.syncedAt = stamp(next.storage);
}
