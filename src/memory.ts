// Deterministic release of tensor memory, with TensorFlow.js's names (JS has
// no destructors): tidy() frees every tensor made inside it except the result,
// dispose() frees one, memory() reports what is alive.

import { Tensor } from './tensor.js';
import { pushScope, popScope, untrack, type Disposable, getDevice } from './runtime.js';
import type { MemoryInfo, DeviceName } from './device.js';
import { prune as pruneCrossings } from './crossing.js';

/** Every Tensor reachable in a tidy() result: a tensor, or arrays / plain objects of them. */
function collect(x: unknown, out: Set<Disposable>): void {
  if (x instanceof Tensor) out.add(x);
  else if (Array.isArray(x)) for (const e of x) collect(e, out);
  else if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    for (const v of Object.values(x)) collect(v, out);
  }
}

/**
 * Runs fn and disposes every tensor created during it, except those it returns.
 * @example
 * const loss = torch.tidy(() => F.mse_loss(model.forward(x), y));
 */
export function tidy<T>(fn: () => T): T {
  pushScope();
  let result: T;
  try {
    result = fn();
  } catch (e) {
    popScope(new Set());
    throw e;
  }
  const keep = new Set<Disposable>();
  collect(result, keep);
  popScope(keep);
  return result;
}

/** Keeps a tensor made inside tidy() alive after it ends. @example torch.tidy(() => { cache = torch.keep(x.mul(2)); }) */
export function keep<T extends Tensor>(t: T): T {
  untrack(t);
  return t;
}

/** Disposes tensors (a tensor, or arrays / objects of them). @example torch.dispose([a, b]) */
export function dispose(x: unknown): void {
  const all = new Set<Disposable>();
  collect(x, all);
  for (const t of all) t.dispose();
}

/**
 * Live tensors, bytes and tape records on a device (the default device unless
 * named); for wasm also the size of linear memory.
 * @example console.log(torch.memory().numTensors)
 */
export function memory(device?: DeviceName): MemoryInfo {
  pruneCrossings(); // what a device crossing held is given back once its graph is gone
  return getDevice(device).memory();
}
