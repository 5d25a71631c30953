// Process-wide state of the front end: the devices, the default device, grad
// mode, and the scopes of torch.tidy. Kept apart from tensor.ts so that each
// piece of state has one owner.

import type { Backend, DeviceName, Handle } from './device.js';
import { wasmDevice, wasmDeviceLoading, wasmUnavailable } from './wasm/device.js';
import { jsDevice } from './js/device.js';
import { RuntimeError } from './errors.js';

export const devices: { wasm: Backend | null; js: Backend } = { wasm: wasmDevice, js: jsDevice };

// null only while the wasm module compiles asynchronously (see wasm/loader.ts)
let defaultDevice: Backend | null = wasmDevice ?? (wasmDeviceLoading ? null : jsDevice);

const loaded: Promise<void> = wasmDeviceLoading
  ? wasmDeviceLoading.then(() => {
    devices.wasm = wasmDevice;
    wasmDevice?.setGradEnabled(gradEnabled);
    defaultDevice ??= wasmDevice ?? jsDevice;
  })
  : Promise.resolve();

function wasmMissing(): never {
  const reason = wasmUnavailable();
  throw new RuntimeError(reason
    ? `wasmgrad: the wasm device is unavailable here: ${reason}`
    : 'wasmgrad: the wasm device is still loading (this engine compiles WebAssembly asynchronously): ' +
      "await torch.ready() before the first op, or torch.set_default_device('js')");
}

export function getDevice(name: DeviceName | string | undefined): Backend {
  if (name === undefined) return defaultDevice ?? wasmMissing();
  if (name === 'js') return jsDevice;
  if (name === 'wasm') return devices.wasm ?? wasmMissing();
  throw new RuntimeError(`Expected one of wasm, js device type at start of device string: ${name}`);
}

/**
 * Resolves once ops can run on the default device, like TensorFlow.js's `tf.ready()`. wasmgrad
 * loads its WebAssembly at import wherever the engine compiles synchronously (Node, Deno, Bun,
 * workers, current browsers), so there it has resolved already; an engine that compiles only
 * asynchronously needs it awaited before the first op. Awaiting it is harmless everywhere.
 * @example
 * await torch.ready();
 * const x = torch.tensor([1, 2]); // on 'wasm', or on 'js' where WebAssembly cannot run
 */
export function ready(): Promise<void> {
  return loaded;
}

/**
 * Sets the device new tensors go to when none is given, like PyTorch's.
 * @example torch.set_default_device('js')
 */
export function set_default_device(name: DeviceName): void {
  defaultDevice = getDevice(name);
}

/**
 * The device new tensors go to by default.
 * @example
 * torch.set_default_device('js');
 * console.log(torch.get_default_device()); // js
 */
export function get_default_device(): DeviceName {
  return getDevice(undefined).name;
}

// ---- grad mode ----------------------------------------------------------------

let gradEnabled = true;

export function isGradEnabled(): boolean { return gradEnabled; }

export function setGradEnabled(on: boolean): void {
  gradEnabled = on;
  jsDevice.setGradEnabled(on);
  devices.wasm?.setGradEnabled(on);
}

/**
 * Runs fn (JS code called back from a backward sweep on `dev`: a torch.autograd.Function's
 * backward) in the sweep's grad mode, which is its create_graph, then puts the front end and
 * every device back as they were: the sweep goes on in its own mode.
 */
export function inSweepGradMode<T>(dev: Backend, fn: () => T): T {
  const front = gradEnabled, modes = [jsDevice.isGradEnabled(), devices.wasm?.isGradEnabled()];
  setGradEnabled(dev.isGradEnabled());
  try {
    return fn();
  } finally {
    gradEnabled = front;
    jsDevice.setGradEnabled(modes[0]!);
    devices.wasm?.setGradEnabled(modes[1]!);
  }
}

// ---- memory: tidy scopes and the finalizer safety net ----------------------------

/** What the front end tracks of a tensor to free it. */
export interface Disposable {
  dispose(): void;
  readonly isDisposed: boolean;
  /** Hands the tensor to the finalizer safety net (it has left every tidy scope). */
  escape(): void;
}

const scopes: Disposable[][] = [];

/**
 * Registers a new tensor with the innermost torch.tidy scope; returns false
 * outside any scope. Tensors inside a scope skip the finalizer registry (tidy
 * frees them for sure, and registering costs more than a tiny op): those that
 * leave the last scope are registered then.
 */
export function track(t: Disposable): boolean {
  if (!scopes.length) return false;
  scopes[scopes.length - 1].push(t);
  return true;
}

export function pushScope(): void { scopes.push([]); }

/** Ends the innermost scope, disposing every tensor in it except `keep`; kept tensors move to the outer scope. */
export function popScope(keep: Set<Disposable>): void {
  const scope = scopes.pop()!;
  for (const t of scope) {
    if (keep.has(t)) {
      if (scopes.length) scopes[scopes.length - 1].push(t);
      else t.escape();
    } else if (!t.isDisposed) t.dispose();
  }
}

/** Removes t from every open scope so tidy() leaves it alone. */
export function untrack(t: Disposable): void {
  let found = false;
  for (const scope of scopes) {
    const i = scope.lastIndexOf(t);
    if (i >= 0) { scope.splice(i, 1); found = true; }
  }
  if (found) t.escape();
}

// Tensors that become unreachable without dispose() still give their memory
// back: the registry releases their handle after garbage collection.
const finalizer = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<[Backend, Handle]>(([dev, h]) => dev.release(h))
  : null;

export function registerFinalizer(owner: object, dev: Backend, h: Handle): void {
  if (finalizer && dev !== jsDevice) finalizer.register(owner, [dev, h], owner);
}

export function unregisterFinalizer(owner: object): void {
  finalizer?.unregister(owner);
}
