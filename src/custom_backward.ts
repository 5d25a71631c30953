// Where the devices' backward sweeps find the JS code they call out to: the backward of a
// torch.autograd.Function's node (src/autograd_function.ts installs it), the hooks of a
// tensor (src/tensor_hooks.ts) and the unpack hooks of saved tensors
// (src/saved_tensors_hooks.ts); devices must not import the front end. Also the Function
// node's name for grad_fn.

import { Op } from '../abi/abi.js';
import type { Backend, Handle, NodeRef } from './device.js';

/** What a CustomFunction node's record (found by the serial number in its i0) stands for. */
export interface CustomNode {
  /** `<Class>Backward`, PyTorch's node name */
  readonly name: string;
  /** the record, weakly on the js device (its records are garbage collected) */
  readonly ref: number | WeakRef<object>;
}

const nodes = new Map<number, CustomNode>();
let pruneAt = 64;

/** @internal Notes a new node; drops the notes of nodes whose records are gone. */
export function registerCustom(dev: Backend, serial: number, node: CustomNode): void {
  if (nodes.size >= pruneAt) {
    for (const [s, n] of nodes) if (!alive(dev, s, n)) nodes.delete(s);
    pruneAt = Math.max(64, 2 * nodes.size);
  }
  nodes.set(serial, node);
}

/** A wasm record lives while its memory still holds a CustomFunction with this serial. */
function alive(dev: Backend, serial: number, n: CustomNode): boolean {
  if (typeof n.ref !== 'number') return n.ref.deref() !== undefined;
  return dev.name !== 'wasm' || (dev.nodeOp(n.ref) === Op.CustomFunction && dev.nodeInts(n.ref)[0] === serial);
}

/** @internal The note of a CustomFunction node, or null when it is gone. */
export function customNode<T extends CustomNode>(dev: Backend, node: NodeRef): T | null {
  return (nodes.get(dev.nodeInts(node)[0]) as T | undefined) ?? null;
}

/**
 * For the node of one output of a Function with several outputs (src/autograd_function.ts): the
 * Function's node and the output's position, which grad_fn and next_functions show. @internal
 */
export function functionOutput(dev: Backend, node: NodeRef): { node: NodeRef; output: number } | null {
  if (dev.nodeOp(node) !== Op.CustomFunction) return null;
  const n = customNode<CustomNode & { of?: CustomNode; output?: number }>(dev, node);
  const ref = n?.of?.ref;
  const main = typeof ref === 'number' ? ref : ref?.deref();
  return main === undefined ? null : { node: main as NodeRef, output: n!.output! };
}

/** The gradient for input k of a CustomFunction node, given its output's gradient g: a new handle, or null. */
export type CustomBackward = (dev: Backend, node: NodeRef, g: Handle, k: number) => Handle | null;

let host: CustomBackward | null = null;

/** @internal */
export function setCustomBackward(f: CustomBackward): void { host = f; }

/** @internal */
export function customBackward(dev: Backend, node: NodeRef, g: Handle, k: number): Handle | null {
  if (!host) throw new Error('wasmgrad: internal error: no torch.autograd.Function backward is installed');
  return host(dev, node, g, k);
}

/** Unpacks the saved tensors of a packed record into its slots; `drop` (no retain_graph): forget what pack made. */
export type SavedUnpacker = (dev: Backend, node: NodeRef, drop: boolean) => void;

let unpacker: SavedUnpacker | null = null;

/** @internal */
export function setSavedUnpacker(f: SavedUnpacker): void { unpacker = f; }

/** @internal */
export function unpackSaved(dev: Backend, node: NodeRef, drop: boolean): void {
  if (!unpacker) throw new Error('wasmgrad: internal error: no saved-tensor unpacker is installed');
  unpacker(dev, node, drop);
}

/** The gradient of tensor h after its hooks, given g (borrowed): a new handle. */
export type TensorHook = (dev: Backend, h: Handle, g: Handle) => Handle;

let hooks: TensorHook | null = null;

/** @internal */
export function setTensorHook(f: TensorHook): void { hooks = f; }

/** @internal */
export function tensorHook(dev: Backend, h: Handle, g: Handle): Handle {
  if (!hooks) throw new Error('wasmgrad: internal error: no tensor hook runner is installed');
  return hooks(dev, h, g);
}
