// torch.autograd.graph.saved_tensors_hooks: while fn runs, every tensor an op saves for its
// backward goes through pack_hook, and the node keeps what pack_hook returned instead of the
// tensor; when a backward reaches the node, unpack_hook turns it back into the tensor the
// derivative reads. As PyTorch: the innermost scope's hooks apply, unpack runs on every
// backward that reaches the node (again after retain_graph), and no version check applies to
// tensors that went through hooks.
//
// How (docs/design.md, "Saved-tensor hooks"): while a scope is open the devices mark each record
// they make as to be packed; the Tensor that wraps the op's result packs its record (its saved
// slots are emptied: their references pass to the Tensors given to pack_hook, so they are freed
// when nothing else holds them). The sweep calls out to unpack() below before the rule of a packed
// record and the tensors unpack_hook returns fill its slots. With no scope open nothing of this
// runs: records are not marked, and neither the Tensor constructor nor the sweep calls out.

import { Tensor, setOnNewTensor } from './tensor.js';
import { RuntimeError, TypeError, NotImplementedError } from './errors.js';
import { pyType } from './args.js';
import { devices, pushScope, popScope, inSweepGradMode } from './runtime.js';
import { no_grad } from './autograd.js';
import { setSavedUnpacker } from './custom_backward.js';
import { PackState, type DType } from '../abi/abi.js';
import { DTYPES } from './dtype.js';
import type { Backend, NodeRef } from './device.js';

type Pack = (tensor: Tensor) => unknown;
type Unpack = (packed: any) => unknown;

/** What a packed record keeps: the serial its record carries, pack_hook's results by saved slot. */
interface Packed {
  readonly serial: number;
  readonly unpack: Unpack;
  readonly slots: ({ value: unknown; shape: number[]; dtype: DType } | null)[];
  /** pack_hook's result for the output the rule reads, which stays in place (see unpack) */
  readonly out: { value: unknown; tensor: WeakRef<Tensor> } | null;
}

const scopes: [Pack, Unpack][] = [];
let serial = 0;
// wasm records are addresses (their entries go when the record is found gone); js records are objects
const byAddress = new Map<number, Packed>();
const byRecord = new WeakMap<object, Packed>();
let pruneAt = 64;

/**
 * Runs `fn` with `pack_hook` and `unpack_hook` on the tensors ops save for backward, like
 * `with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):`. `pack_hook(tensor)`
 * may return anything; `unpack_hook(packed)` must give back a tensor of the saved tensor's shape
 * and dtype.
 * @example
 * const x = torch.tensor([1.0, 2.0], { requires_grad: true });
 * const y = torch.autograd.graph.saved_tensors_hooks((t) => t.tolist(), (v) => torch.tensor(v), () => x.mul(x).sum());
 * y.backward();
 * console.log(`${x.grad}`); // tensor([2., 4.])
 */
export function saved_tensors_hooks<T>(pack_hook: Pack, unpack_hook: Unpack, fn: () => T): T {
  if (typeof pack_hook !== 'function' || typeof unpack_hook !== 'function') {
    throw new TypeError('saved_tensors_hooks expects two functions, pack_hook and unpack_hook');
  }
  scopes.push([pack_hook, unpack_hook]);
  setActive(true);
  try {
    return fn();
  } finally {
    scopes.pop();
    if (!scopes.length) setActive(false);
  }
}

function setActive(on: boolean): void {
  devices.js.setPacking(on);
  devices.wasm?.setPacking(on);
  setOnNewTensor(on ? packRecordOf : null);
}

/** Packs the record that made t, when it is one made in a scope and not yet packed. */
function packRecordOf(t: Tensor): void {
  const dev = t._dev, node = dev.gradFnNode(t.h);
  if (node === null || dev.packSerial(node) !== PackState.Pending) return;
  serial = serial % (PackState.Pending - 1) + 1;
  const taken = dev.packSaved(node, serial)!;
  const [pack, unpack] = scopes[scopes.length - 1];
  // what pack_hook runs records nothing further for packing
  setActive(false);
  try {
    const slots = taken.saved.map((h) => {
      if (h === null) return null;
      // this Tensor holds the reference the slot held: freed when nothing holds it any more
      const saved = new Tensor(dev, h, dev.shapeOf(h), dev.dtypeOf(h));
      return { value: keepTensors(pack(saved)), shape: saved.shape, dtype: saved._dtype };
    });
    const out = taken.savesOutput ? { value: keepTensors(pack(t)), tensor: new WeakRef(t) } : null;
    remember(dev, node, { serial, unpack, slots, out });
  } finally {
    setActive(true);
  }
}

/** pack_hook's result outlives the scopes (tidy) it was made in: the node holds it. */
function keepTensors(v: unknown): unknown {
  if (v instanceof Tensor) v.escape();
  return v;
}

function remember(dev: Backend, node: NodeRef, p: Packed): void {
  if (typeof node !== 'number') { byRecord.set(node, p); return; }
  if (byAddress.size >= pruneAt) {
    const wasm = devices.wasm!;
    for (const [r, q] of byAddress) if (wasm.packSerial(r) !== q.serial) byAddress.delete(r);
    pruneAt = Math.max(64, 2 * byAddress.size);
  }
  byAddress.set(node, p);
}

/** The sweep's call before a packed record's rule: unpack_hook's tensors into its saved slots. */
function unpack(dev: Backend, node: NodeRef, drop: boolean): void {
  const p = typeof node === 'number' ? byAddress.get(node) : byRecord.get(node);
  if (!p || dev.packSerial(node) !== p.serial) throw new RuntimeError('wasmgrad: internal error: the packed saves of this node are gone');
  // in the sweep's grad mode, as PyTorch's engine runs the hook; what it makes goes at the end
  inSweepGradMode(dev, () => {
    pushScope();
    try {
      p.slots.forEach((s, k) => {
        if (s === null) return;
        const t = unpacked(p.unpack(s.value), s.shape, s.dtype, dev);
        dev.unpackedSaved(node, k, t.h);
      });
      if (p.out) checkOutput(unpacked(p.unpack(p.out.value), null, null, dev), p.out.tensor.deref());
    } finally {
      popScope(new Set());
    }
  });
  if (drop) {
    if (typeof node === 'number') byAddress.delete(node); else byRecord.delete(node);
  }
}

/** unpack_hook's result, checked: PyTorch's TypeError, and the saved tensor's shape, dtype and device. */
function unpacked(r: unknown, shape: number[] | null, dtype: DType | null, dev: Backend): Tensor {
  if (!(r instanceof Tensor)) {
    throw new TypeError(`Output of saved tensor unpack_hook expected to be a Tensor but got result of type ${pyType(r)}`);
  }
  if ((shape && r.shape.join() !== shape.join()) || (dtype !== null && r._dtype !== dtype) || r._dev !== dev) {
    throw new RuntimeError(`wasmgrad: unpack_hook returned a tensor of shape [${r.shape.join(', ')}], ${r.dtype} on ${r._dev.name} ` +
      `for a saved tensor of shape [${shape!.join(', ')}], ${DTYPES[dtype!]} on ${dev.name}: the derivative needs the tensor that was saved`);
  }
  return r;
}

/**
 * A rule that reads its own output reads it in place (the output is the node's, and alive while
 * the rule can run): unpack_hook's tensor must hold the same values.
 */
function checkOutput(r: Tensor, out: Tensor | undefined): void {
  if (!out || out.isDisposed || r.h === out.h) return;
  const same = r.shape.join() === out.shape.join() && r._dtype === out._dtype &&
    no_grad(() => r._dev === out._dev && Boolean(r.eq(out).all().item()));
  if (!same) {
    throw new NotImplementedError('wasmgrad: unpack_hook returned other values than the output the node saved; ' +
      'the derivative of this op reads its output in place');
  }
}

setSavedUnpacker(unpack);
