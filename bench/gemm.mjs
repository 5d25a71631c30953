// Matrix-multiply micro-benchmark: the wasm kernel against the js kernel in one
// run (the machine is shared and noisy, so only ratios within a run mean much).
//
//   node bench/gemm.mjs            uses build/gemm-test.wasm (rebuilt if missing
//                                  or older than the kernel source)
//   GEMM_WASM=path node bench/gemm.mjs
//   node --experimental-wasm-relaxed-simd bench/gemm.mjs --relaxed
//                                  the packed gemm with the plain SIMD128 kernel
//                                  against the relaxed-SIMD one (FMA) at 256 and
//                                  1024, alternated, and the mul+add peak against
//                                  the FMA peak (bench/limits/fma_peak.ts)
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

if (process.argv.includes('--relaxed')) {
  await relaxedBench();
  process.exit(0);
}

register();
const { gemm: jsGemm } = await import('../src/js/gemm.ts');
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
  env: { abort: () => { throw new Error('wasm abort'); }, gemm_split: () => { throw new Error('threads are off here'); }, gemm_join: () => {}, gemm_relaxed: () => { throw new Error('relaxed SIMD is off here'); } },
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

/** Plain against relaxed SIMD, on the packed gemm alone (assembly/gemm_relaxed.ts built both ways). */
async function relaxedBench() {
  const asc = (entry, args) => execFileSync(process.execPath, [join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'),
    join(root, entry), ...args], { cwd: root, stdio: 'inherit' });
  const build = (out, entry, args) => {
    const deps = [entry, 'assembly/kernels/gemm_packed.ts', 'bench/limits/limits.ts', 'asconfig.relaxed.json'].map((f) => join(root, f));
    if (!existsSync(out) || deps.some((f) => statSync(f).mtimeMs > statSync(out).mtimeMs)) asc(entry, args);
    return readFileSync(out);
  };
  const cfg = ['--config', 'asconfig.relaxed.json', '--target'];
  const plainBytes = build(join(root, 'build', 'gemm_plain_test.wasm'), 'assembly/gemm_relaxed.ts', [...cfg, 'plain']);
  const relaxedBytes = build(join(root, 'build', 'gemm_relaxed.wasm'), 'assembly/gemm_relaxed.ts', [...cfg, 'release']);
  const peakPath = join(root, 'build', 'fma_peak.wasm');
  // (a --config: without one asc also compiles asconfig.json's entries, the whole library)
  const peakBytes = build(peakPath, 'bench/limits/fma_peak.ts', [...cfg, 'release', '-o', peakPath, '-t', join(root, 'build', 'fma_peak.wat')]);

  const memory = new WebAssembly.Memory({ initial: 320 });
  const load = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  const kernels = { plain: load(plainBytes).gemm_packed, relaxed: load(relaxedBytes).gemm_packed };
  const peak = load(peakBytes);
  const median = (fn, reps) => {
    fn();
    const t = [];
    for (let i = 0; i < reps; i++) { const t0 = performance.now(); fn(); t.push(performance.now() - t0); }
    return t.sort((x, y) => x - y)[reps >> 1];
  };
  const pa = 65536, pb = pa + 64 * 256 * 16, tile = pb + 2048 * 256 * 4, top = tile + 128;
  const rounds = 3;
  for (const [n, reps] of [[256, 41], [1024, 5]]) {
    const A = top, B = A + n * n * 4, C = B + n * n * 4;
    const f = new Float32Array(memory.buffer);
    for (let i = 0; i < 2 * n * n; i++) f[(A >> 2) + i] = Math.random() - 0.5;
    const got = { plain: [], relaxed: [] };
    for (let r = 0; r < rounds; r++) {
      for (const name of ['plain', 'relaxed']) {
        const gemm = kernels[name];
        const ms = median(() => gemm(0, 0, n, n, n, A, n, B, n, 0, C, n, pa, pb, tile), reps);
        got[name].push((2 * n ** 3) / (ms * 1e6));
      }
    }
    const fmt = (v) => v.map((x) => x.toFixed(1)).join(' / ');
    console.log(`gemm ${n}³  plain ${fmt(got.plain)} GFLOP/s   relaxed ${fmt(got.relaxed)} GFLOP/s   ` +
      `relaxed/plain (best of ${rounds}) ${(Math.max(...got.relaxed) / Math.max(...got.plain)).toFixed(2)}×`);
  }
  const iters = 2_000_000;
  const peaks = { 'mul+add': [], fma: [] };
  for (let r = 0; r < rounds; r++) {
    peaks['mul+add'].push((iters * 12 * 8) / (median(() => peak.maddPeak(iters), 9) * 1e6));
    peaks.fma.push((iters * 12 * 8) / (median(() => peak.fmaPeak(iters), 9) * 1e6));
  }
  const fmt = (v) => v.map((x) => x.toFixed(1)).join(' / ');
  console.log(`f32x4 peak  mul+add ${fmt(peaks['mul+add'])} GFLOP/s   fma ${fmt(peaks.fma)} GFLOP/s   ` +
    `fma/mul+add (best of ${rounds}) ${(Math.max(...peaks.fma) / Math.max(...peaks['mul+add'])).toFixed(2)}×`);
}
