// The wasm device as the `wasmgrad/js` build sees it: absent. scripts/build-bundles.mjs
// puts this module in place of ./device.js, so that build holds no WebAssembly.

import type { Backend } from '../device.js';

export const wasmDevice: Backend | null = null;
export const wasmDeviceLoading: Promise<void> | null = null;
export const wasmUnavailable = (): string | null =>
  "this is wasmgrad/js, which leaves the wasm device out: import 'wasmgrad' to use it";
export const setGemmThreads = async (_n: number): Promise<number> => 1;
