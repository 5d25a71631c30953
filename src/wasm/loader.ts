// Instantiates the embedded module once, at import time. Top-level await keeps
// `import * as torch from 'wasmgrad'` followed at once by `torch.tensor(...)`
// working in Node and in browsers: compiling asynchronously is what browsers
// require for modules over 4 KB on the main thread.

import { wasmBase64 } from './module.generated.js';
import type { instantiate } from './bindings.generated.js';

/** The module's raw exports (asc's binding declarations give their types). */
export type WasmExports = Awaited<ReturnType<typeof instantiate>>;

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** True when this engine validates a module using SIMD128 (Node 20 and current browsers do). */
export function simdSupported(): boolean {
  // (module (func (result v128) i32.const 0 i32x4.splat))
  const probe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11]);
  return WebAssembly.validate(probe);
}

async function load(): Promise<WasmExports> {
  const module = await WebAssembly.compile(decodeBase64(wasmBase64) as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort() {
        throw new Error('wasmgrad: internal error in the wasm device (abort)');
      },
    },
  });
  return instance.exports as unknown as WasmExports;
}

/** The module's exports, or null where the engine lacks SIMD128 (then only the js device works). */
export const wasm: WasmExports | null = simdSupported() ? await load() : null;
