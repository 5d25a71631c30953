// Matrix-multiply micro-benchmark: the wasm kernel against the js kernel in one
// run (the machine is shared and noisy, so only ratios within a run mean much).
//
//   node bench/gemm.mjs            uses build/gemm-test.wasm (rebuilt if missing
//                                  or older than the kernel source)
//   GEMM_WASM=path node bench/gemm.mjs
//
// The wasm module must export memory, alloc, free and gemm with the signature
// of assembly/kernels/gemm.ts.
import Benchmark from 'benchmark';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmPath = process.env.GEMM_WASM || join(root, 'build', 'gemm-test.wasm');
// a stale build would silently benchmark the previous kernel
const sources = ['assembly/kernels/gemm.ts', 'assembly/alloc.ts', 'test/gemm/gemm_entry.ts'].map((f) => join(root, f));
const stale = () => !existsSync(wasmPath) || sources.some((f) => statSync(f).mtimeMs > statSync(wasmPath).mtimeMs);
if (!process.env.GEMM_WASM && stale()) {
  mkdirSync(dirname(wasmPath), { recursive: true });
  execFileSync(process.execPath, [
    join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'),
    join(root, 'test', 'gemm', 'gemm_entry.ts'),
    '--enable', 'simd', '--runtime', 'stub', '-O3', '-o', wasmPath,
    // not asconfig.json: its entries (the whole module) would be compiled in and its textFile overwritten
    '--config', join(root, 'asconfig.standalone.json'), '--noAssert',
  ], { cwd: root, stdio: 'inherit' });
}

register();
const { gemm: jsGemm } = await import('../src/js/gemm.ts');
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
  env: { abort: () => { throw new Error('wasm abort'); } },
});
const wasm = instance.exports;

// [M, N, K, run the js kernel too]
const shapes = [
  [256, 256, 256, true],
  [64, 256, 784, true], // MLP layer 1 forward: batch 64, 784 → 256
  [64, 10, 256, true], // MLP layer 2 forward: 256 → 10
  [1024, 1024, 1024, false], // js would take seconds per call
];

const random = (n) => Float32Array.from({ length: n }, () => Math.random() - 0.5);
const fmt = (x) => x.toFixed(2).padStart(7);

for (const [M, N, K, withJs] of shapes) {
  const flops = 2 * M * N * K;
  const A = random(M * K), B = random(K * N), C = new Float32Array(M * N);
  const pa = wasm.alloc(A.byteLength), pb = wasm.alloc(B.byteLength), pc = wasm.alloc(C.byteLength);
  new Float32Array(wasm.memory.buffer).set(A, pa >> 2);
  new Float32Array(wasm.memory.buffer).set(B, pb >> 2);

  const suite = new Benchmark.Suite(`${M}×${K} · ${K}×${N}`);
  suite.add('wasm', () => {
    if (!wasm.gemm(0, 0, M, N, K, pa, K, pb, N, 0, pc, N)) throw new Error('out of memory');
  }, { minSamples: 10 });
  if (withJs) suite.add('js', () => jsGemm(false, false, M, N, K, A, 0, K, B, 0, N, false, C, 0, N), { minSamples: 10 });

  const gflops = {};
  suite.on('cycle', (e) => {
    const b = e.target;
    gflops[b.name] = (flops * b.hz) / 1e9;
    console.log(`${suite.name.padEnd(22)} ${b.name.padEnd(5)} ${fmt(gflops[b.name])} GFLOP/s  ${fmt(1000 / b.hz)} ms/call  ±${b.stats.rme.toFixed(1)}%`);
  });
  suite.run();
  if (withJs) console.log(`${suite.name.padEnd(22)} wasm/js ${fmt(gflops.wasm / gflops.js)}×`);
  wasm.free(pa); wasm.free(pb); wasm.free(pc);
}
