// torch.autograd's anomaly detection: while it is on, a backward checks every gradient a node
// returns and raises PyTorch's "Function 'XBackward0' returned nan values in its kth output."
// naming the node, where a plain backward would let the NaN flow on. The check runs inside each
// device's sweep (assembly/autograd.ts, src/js/autograd.ts); this module keeps the mode.
// PyTorch also prints the Python traceback of the forward call; wasmgrad keeps no forward stacks.

import { devices } from './runtime.js';
import { TypeError } from './errors.js';
import { pyType } from './args.js';
import { warnOnce } from './nn/warn.js';

let enabled = false;
let checkNan = true;

function setMode(mode: boolean, check_nan: boolean): void {
  if (typeof mode !== 'boolean') throw new TypeError(`set_anomaly_enabled(): argument 'enabled' (position 1) must be bool, not ${pyType(mode)}`);
  enabled = mode;
  checkNan = check_nan;
  devices.js.setDetectAnomaly(mode && check_nan);
  devices.wasm?.setDetectAnomaly(mode && check_nan);
}

/** Runs fn in the given mode, then restores the one before. */
function withMode<T>(mode: boolean, check_nan: boolean, fn: () => T): T {
  const was = [enabled, checkNan] as const;
  setMode(mode, check_nan);
  try {
    return fn();
  } finally {
    setMode(...was);
  }
}

/**
 * Turns anomaly detection on or off, as `torch.autograd.set_detect_anomaly(mode)`; with `fn`, only
 * while fn runs (Python's `with` form).
 * @example
 * torch.autograd.set_detect_anomaly(true); // every backward checks its gradients for NaN
 */
export function set_detect_anomaly(mode: boolean, options?: { check_nan?: boolean }): void;
export function set_detect_anomaly<T>(mode: boolean, fn: () => T, options?: { check_nan?: boolean }): T;
export function set_detect_anomaly<T>(
  mode: boolean, fnOrOptions?: (() => T) | { check_nan?: boolean }, options: { check_nan?: boolean } = {},
): T | void {
  if (typeof fnOrOptions === 'function') return withMode(mode, options.check_nan ?? true, fnOrOptions);
  setMode(mode, fnOrOptions?.check_nan ?? true);
}

/**
 * Runs fn with anomaly detection on, like `with torch.autograd.detect_anomaly():`, and gives
 * PyTorch's warning that it slows backward down.
 * @example
 * torch.autograd.detect_anomaly(() => loss.backward()); // raises naming the node that returned NaN
 */
export function detect_anomaly<T>(fn: () => T, options: { check_nan?: boolean } = {}): T {
  warnOnce('Anomaly Detection has been enabled. This mode will increase the runtime and should only be enabled for debugging.');
  return withMode(true, options.check_nan ?? true, fn);
}

/**
 * Whether anomaly detection is on (`torch.is_anomaly_enabled()`).
 * @example
 * torch.autograd.detect_anomaly(() => torch.is_anomaly_enabled()); // true
 */
export function is_anomaly_enabled(): boolean { return enabled; }

/**
 * Whether anomaly detection checks for NaN (`torch.is_anomaly_check_nan_enabled()`).
 * @example
 * torch.is_anomaly_check_nan_enabled(); // true
 */
export function is_anomaly_check_nan_enabled(): boolean { return checkNan; }
