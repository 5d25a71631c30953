// Instantiates the embedded module once, at import time, synchronously and
// without top-level await: a bundle that cannot hold top-level await (Vite's
// default worker format, CommonJS, Jest) loads it like any other module, and
// ops run at once. Node, Deno, Bun, workers and current browsers' main threads
// all compile a module of this size synchronously. An engine that refuses
// (older Chromium capped main-thread compiles at 4 KB, with a RangeError) gets
// an asynchronous compile that torch.ready() waits for. Where WebAssembly
// cannot run at all (a CSP without 'wasm-unsafe-eval', no SIMD), the load
// gives up with one warning and the js device takes over.
//
// Where the engine validates relaxed SIMD (Chromium by default, Node 20 with
// --experimental-wasm-relaxed-simd), a second small module is instantiated
// over the first one's memory: the packed gemm with FMA multiply-adds
// (assembly/gemm_relaxed.ts), to which the library's module then hands its
// packed float32 products. WASMGRAD_SIMD=plain in the environment keeps the
// SIMD128 kernel; WASMGRAD_SIMD=relaxed makes the load fail where relaxed SIMD
// is not validated (both for tests and benchmarks, read where process.env exists).

import { wasmHex } from './module.generated.js';
import { relaxedWasmHex } from './relaxed_module.generated.js';
import type { instantiate as ascInstantiate } from './bindings.generated.js';

/** The module's raw exports (asc's binding declarations give their types). */
export type WasmExports = Awaited<ReturnType<typeof ascInstantiate>>;

/** What loading the module at import gave. */
export interface WasmLoad {
  /** The exports, when the module compiled synchronously. */
  exports: WasmExports | null;
  /** Set when this engine compiles asynchronously: settles with the exports, or null after a fallback. */
  later: Promise<WasmExports | null> | null;
  /** Why the wasm device is unavailable, once it is known to be. */
  reason: string | null;
}

/** The bytes of a lower-case hex string ('0'..'9' are 0x30..0x39, 'a'..'f' 0x61..0x66; embed-wasm.mjs says why hex). */
export function decodeHex(s: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(s.length >> 1);
  const digit = (c: number) => (c & 15) + (c >> 6) * 9;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digit(s.charCodeAt(2 * i)) << 4) | digit(s.charCodeAt(2 * i + 1));
  return bytes;
}

/** True when this engine validates a module using SIMD128 (Node 20 and current browsers do). */
export function simdSupported(): boolean {
  // (module (func (result v128) i32.const 0 i32x4.splat))
  const probe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11]);
  return WebAssembly.validate(probe);
}

/** True when this engine validates relaxed SIMD (f32x4.relaxed_madd). */
export function relaxedSimdSupported(): boolean {
  // (module (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd))
  const probe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0,
    10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11]);
  return WebAssembly.validate(probe);
}

/** The micro-kernel of the wasm device's packed float32 products: FMA (relaxed SIMD) or SIMD128 multiply + add. */
export type GemmKernel = 'relaxed' | 'plain';

let kernel: GemmKernel = 'plain';

/** Which micro-kernel the loaded module's packed float32 products run. */
export const gemmKernel = (): GemmKernel => kernel;

/** Whether to load the relaxed-SIMD gemm: where validated, unless WASMGRAD_SIMD=plain. */
function relaxedWanted(): boolean {
  const force = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.WASMGRAD_SIMD;
  if (force === 'plain') return false;
  const ok = relaxedSimdSupported();
  if (force === 'relaxed' && !ok) {
    throw new Error('wasmgrad: WASMGRAD_SIMD=relaxed, but this engine does not validate relaxed SIMD ' +
      '(Node 20 needs --experimental-wasm-relaxed-simd)');
  }
  return ok;
}

type PackedGemm = (ta: number, tb: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number,
  acc: number, C: number, ldc: number, pa: number, pb: number, tile: number) => void;

let relaxedGemm: PackedGemm = () => { throw new Error('wasmgrad: internal error: no relaxed-SIMD gemm module'); };

/** Instantiates the relaxed-SIMD gemm over the module's memory and hands it the module's packed products. */
function attachRelaxed(exports: WasmExports): void {
  const gemm = new WebAssembly.Instance(new WebAssembly.Module(decodeHex(relaxedWasmHex)), { env: { memory: exports.memory } });
  relaxedGemm = gemm.exports.gemm_packed as PackedGemm;
  exports.gemm_set_relaxed(true);
  kernel = 'relaxed';
}

/**
 * What the module calls out to: the backward of a torch.autograd.Function's node (its record,
 * the output's gradient, the input), set by the device (src/wasm/device.ts).
 */
export const host = {
  customBackward: (_r: number, _g: number, _k: number): number => -3,
  /** the gradient of tensor id after its hooks (Tensor.register_hook), given g */
  tensorHook: (_id: number, _g: number): number => -3,
  /** unpacks the saved tensors of record r (saved-tensor hooks); drop: forget what pack made */
  unpackSaved: (_r: number, _drop: number): number => -3,
  /** the columns of a packed product this thread keeps, the rest posted to the gemm pool (src/wasm/gemm_pool.ts) */
  gemmSplit: (_ta: number, _tb: number, _M: number, N: number, _K: number, _A: number, _lda: number, _B: number,
    _ldb: number, _acc: number, _C: number, _ldc: number): number => N,
  /** waits for the gemm pool's columns */
  gemmJoin: (): void => {},
};

let relaxed = false;

function instantiate(module: WebAssembly.Module): WasmExports {
  const instance = new WebAssembly.Instance(module, {
    env: {
      abort() {
        throw new Error('wasmgrad: internal error in the wasm device (abort)');
      },
      custom_backward: (r: number, g: number, k: number): number => host.customBackward(r >>> 0, g, k),
      tensor_hook: (id: number, g: number): number => host.tensorHook(id, g),
      unpack_saved: (r: number, drop: number): number => host.unpackSaved(r >>> 0, drop),
      gemm_split: (ta: number, tb: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number,
        acc: number, C: number, ldc: number): number => host.gemmSplit(ta, tb, M, N, K, A >>> 0, lda, B >>> 0, ldb, acc, C >>> 0, ldc),
      gemm_join: (): void => host.gemmJoin(),
      gemm_relaxed: (ta: number, tb: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number,
        acc: number, C: number, ldc: number, pa: number, pb: number, tile: number): void =>
        relaxedGemm(ta, tb, M, N, K, A, lda, B, ldb, acc, C, ldc, pa, pb, tile),
    },
  });
  const exports = instance.exports as unknown as WasmExports;
  if (relaxed) attachRelaxed(exports);
  return exports;
}

/** Gives up on the wasm device with the one warning a user sees, and says why. */
function fallBack(reason: string): string {
  console.warn(`wasmgrad: ${reason}, so the wasm device is unavailable and tensors go to the js device. ` +
    `Under a Content-Security-Policy, add 'wasm-unsafe-eval' to script-src to allow the wasm device; ` +
    `import 'wasmgrad/js' to leave it out.`);
  return reason;
}

const refused = (e: unknown) => `WebAssembly could not be compiled here (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)})`;

/** Loads the module: synchronously where the engine allows, else asynchronously, else not at all. */
export function loadWasm(): WasmLoad {
  if (typeof WebAssembly !== 'object') return { exports: null, later: null, reason: fallBack('this engine has no WebAssembly') };
  if (!simdSupported()) return { exports: null, later: null, reason: fallBack('this engine has no WebAssembly SIMD') };
  relaxed = relaxedWanted();
  const bytes = decodeHex(wasmHex);
  try {
    return { exports: instantiate(new WebAssembly.Module(bytes)), later: null, reason: null };
  } catch (e) {
    // a RangeError is the main-thread size cap, the one refusal an asynchronous compile gets past
    if (!(e instanceof RangeError)) return { exports: null, later: null, reason: fallBack(refused(e)) };
  }
  const load: WasmLoad = { exports: null, later: null, reason: null };
  load.later = WebAssembly.compile(bytes).then(instantiate, (e: unknown) => {
    load.reason = fallBack(refused(e));
    return null;
  });
  return load;
}
