// Probes of this machine's limits, run in the same process as the workloads so
// every figure can be given as a fraction of its limit:
//   peak   f32x4 mul+add throughput (GFLOP/s), one thread;
//   bw     memory bandwidth (GB/s) for streams of 1e6 floats, the size of the
//          elementwise rows: 2 in + 1 out (as a*b) and 1 in + 1 out (as exp).
// The module is bench/limits/limits.ts, compiled to build/limits.wasm when stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'bench', 'limits', 'limits.ts');
const wasmPath = join(root, 'build', 'limits.wasm');

function compile() {
  if (existsSync(wasmPath) && statSync(source).mtimeMs < statSync(wasmPath).mtimeMs) return;
  mkdirSync(dirname(wasmPath), { recursive: true });
  execFileSync(process.execPath, [
    join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), source,
    '--enable', 'simd', '--runtime', 'stub', '-O3', '--initialMemory', '256', '-o', wasmPath,
    // not asconfig.json: its entries (the whole module) would be compiled in and its textFile overwritten
    '--config', join(root, 'asconfig.standalone.json'), '--noAssert',
  ], { cwd: root, stdio: 'inherit' });
}

/** The median of `reps` timings (ms) of fn, after a warm-up. */
export function medianMs(fn, reps) {
  for (let i = 0; i < 5; i++) fn();
  const t = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((x, y) => x - y);
  return t[Math.floor(reps / 2)];
}

/** { peakGflops, bw3, bw2 }: GB/s moved by 3-stream and 2-stream kernels over 1e6 floats. */
export async function probeLimits() {
  compile();
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    // custom_backward, tensor_hook, unpack_saved, gemm_split, gemm_join: the module's imports besides abort (autograd.Function, hooks, threads), unused here
    env: {
      abort: () => { throw new Error('wasm abort'); }, custom_backward: () => -3, tensor_hook: () => -3, unpack_saved: () => -3,
      gemm_split: () => { throw new Error('threads are off here'); }, gemm_join: () => {},
    },
  });
  const w = instance.exports;
  const iters = 2_000_000;
  const peakGflops = (iters * 12 * 8) / (medianMs(() => w.maddPeak(iters), 15) * 1e6);
  const n = 1_000_000, bytes = n * 4;
  const base = 1 << 16; // the stub runtime's data ends well below 64 KiB
  const a = base, b = a + bytes, out = b + bytes;
  new Float32Array(w.memory.buffer, a, 2 * n).fill(1.5);
  const bw3 = (3 * bytes) / (medianMs(() => w.addStreams(a, b, out, n), 51) * 1e6);
  const bw2 = (2 * bytes) / (medianMs(() => w.copyStream(a, out, n), 51) * 1e6);
  return { peakGflops, bw3, bw2 };
}
