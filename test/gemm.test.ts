// Both gemm kernels (wasm and js) against a float64 reference: an exhaustive
// grid over awkward sizes (edges of the 4×8 / 4×4 tiles, the skinny paths,
// K blocking) for every transA/transB/accumulate, then a fast-check property
// over random shapes, leading dimensions and offsets.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { gemm as jsGemm } from '../src/js/gemm.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmPath = join(root, 'build', 'gemm-test.wasm');

interface GemmExports {
  memory: WebAssembly.Memory;
  gemm(tA: number, tB: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number, acc: number, C: number, ldc: number): number;
  alloc(bytes: number): number;
  free(ptr: number): void;
}
let wasm: GemmExports;

beforeAll(async () => {
  mkdirSync(join(root, 'build'), { recursive: true });
  execFileSync(process.execPath, [
    join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'),
    join(root, 'test', 'gemm', 'gemm_entry.ts'),
    '--enable', 'simd', '--runtime', 'stub', '-O3', '-o', wasmPath,
    // not asconfig.json: its entries (the whole module) would be compiled in and its textFile overwritten
    '--config', join(root, 'asconfig.standalone.json'),
  ], { cwd: root, stdio: 'pipe' });
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    // the imports the gemm kernels may declare (threads, relaxed SIMD), unused here
    env: {
      abort: () => { throw new Error('wasm abort'); },
      gemm_split: () => { throw new Error('threads are off here'); }, gemm_join: () => {},
      gemm_relaxed: () => { throw new Error('relaxed SIMD is off here'); },
    },
  });
  wasm = instance.exports as unknown as GemmExports;
}, 120_000);

/** A problem: logical op(A) (M×K) and op(B) (K×N) plus a starting C, all float32 values. */
interface Case {
  tA: boolean; tB: boolean; acc: boolean;
  M: number; N: number; K: number;
  padA: number; padB: number; padC: number; // extra leading-dimension elements
  offA: number; offB: number; offC: number; // start offsets in elements (unaligned for wasm)
  opA: Float32Array; opB: Float32Array; C0: Float32Array; // row-major, dense
}

const SENTINEL = 12345.5;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 2 ** 32 - 0.5;
  };
}

function makeCase(p: Omit<Case, 'opA' | 'opB' | 'C0'>, seed: number): Case {
  const r = rng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => r());
  return { ...p, opA: fill(p.M * p.K), opB: fill(p.K * p.N), C0: fill(p.M * p.N) };
}

/** Storage of op(A) as the kernel sees it: A (M×K) or A^T (K×M), row-major with padding. */
function layout(op: Float32Array, R: number, Cc: number, trans: boolean, pad: number, off: number) {
  const rows = trans ? Cc : R, cols = trans ? R : Cc, ld = cols + pad;
  const data = new Float32Array(off + rows * ld).fill(SENTINEL);
  for (let i = 0; i < R; i++) for (let j = 0; j < Cc; j++) {
    data[off + (trans ? j * ld + i : i * ld + j)] = op[i * Cc + j];
  }
  return { data, ld };
}

/** The float64 product and, per element, Σ|a||b| + |c0| to scale the tolerance. */
function reference(c: Case) {
  const { M, N, K } = c;
  const ref = new Float64Array(M * N), mag = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    let s = 0, m = 0;
    for (let k = 0; k < K; k++) {
      const p = c.opA[i * K + k] * c.opB[k * N + j];
      s += p; m += Math.abs(p);
    }
    if (c.acc) { s += c.C0[i * N + j]; m += Math.abs(c.C0[i * N + j]); }
    ref[i * N + j] = s; mag[i * N + j] = m;
  }
  return { ref, mag };
}

function prepare(c: Case) {
  const a = layout(c.opA, c.M, c.K, c.tA, c.padA, c.offA);
  const b = layout(c.opB, c.K, c.N, c.tB, c.padB, c.offB);
  const cc = layout(c.C0, c.M, c.N, false, c.padC, c.offC);
  return { a, b, c: cc };
}

function runJs(c: Case): Float32Array {
  const { a, b, c: out } = prepare(c);
  jsGemm(c.tA, c.tB, c.M, c.N, c.K, a.data, c.offA, a.ld, b.data, c.offB, b.ld, c.acc, out.data, c.offC, out.ld);
  return out.data;
}

function runWasm(c: Case): Float32Array {
  const { a, b, c: out } = prepare(c);
  const pa = wasm.alloc(a.data.byteLength), pb = wasm.alloc(b.data.byteLength), pc = wasm.alloc(out.data.byteLength);
  expect(pa && pb && pc).toBeTruthy();
  let mem = new Float32Array(wasm.memory.buffer);
  mem.set(a.data, pa >> 2); mem.set(b.data, pb >> 2); mem.set(out.data, pc >> 2);
  const ok = wasm.gemm(+c.tA, +c.tB, c.M, c.N, c.K, pa + 4 * c.offA, a.ld, pb + 4 * c.offB, b.ld, +c.acc, pc + 4 * c.offC, out.ld);
  expect(ok).toBe(1);
  mem = new Float32Array(wasm.memory.buffer); // the packing buffers may have grown memory
  const result = mem.slice(pc >> 2, (pc >> 2) + out.data.length);
  wasm.free(pa); wasm.free(pb); wasm.free(pc);
  return result;
}

/** First mismatch as a message, or null. Also checks that C's padding is untouched. */
function check(c: Case, got: Float32Array, r = reference(c)): string | null {
  const ld = c.N + c.padC;
  for (let i = 0; i < c.offC; i++) if (got[i] !== SENTINEL) return `wrote before C at ${i}`;
  for (let i = 0; i < c.M; i++) for (let j = 0; j < ld; j++) {
    const v = got[c.offC + i * ld + j];
    if (j >= c.N) {
      if (v !== SENTINEL) return `wrote into C's padding at (${i}, ${j})`;
      continue;
    }
    const want = r.ref[i * c.N + j];
    const tol = 1e-5 * r.mag[i * c.N + j] + 1e-30;
    if (!(Math.abs(v - want) <= tol)) return `C(${i}, ${j}) = ${v}, want ${want} (tol ${tol})`;
  }
  return null;
}

const describeCase = (c: Case) =>
  `tA=${c.tA} tB=${c.tB} acc=${c.acc} M=${c.M} N=${c.N} K=${c.K} pad=${c.padA},${c.padB},${c.padC} off=${c.offA},${c.offB},${c.offC}`;

const SIZES = [1, 2, 3, 5, 7, 8, 9, 16, 17, 31, 33, 64, 100, 129];
const BOOLS = [false, true];

describe('gemm grid', () => {
  // one pass builds every case once and checks both kernels against one reference
  it('wasm and js match float64 for all sizes, transposes and accumulate', () => {
    const failures: string[] = [];
    let n = 0;
    for (const M of SIZES) for (const N of SIZES) for (const K of SIZES) {
      for (const acc of BOOLS) {
        const shape = { M, N, K, acc, tA: false, tB: false, padA: 0, padB: 0, padC: 0, offA: 0, offB: 0, offC: 0 };
        const base = makeCase(shape, M * 100003 + N * 1009 + K * 7 + +acc);
        const r = reference(base);
        for (const tA of BOOLS) for (const tB of BOOLS) {
          // non-trivial leading dimensions and unaligned starts on part of the grid
          const v = (M * 7 + N * 3 + K + +tA * 2 + +tB) % 5;
          const c: Case = { ...base, tA, tB, padA: v, padB: (v * 3) % 5, padC: (v * 2) % 3, offA: v & 1, offB: (v >> 1) & 1, offC: v % 3 };
          for (const [name, run] of [['wasm', runWasm], ['js', runJs]] as const) {
            const err = check(c, run(c), r);
            n++;
            if (err && failures.length < 20) failures.push(`${name} ${describeCase(c)}: ${err}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(n).toBe(SIZES.length ** 3 * 8 * 2);
  }, 300_000);

  it('K = 0 stores zeros, or leaves C when accumulating', () => {
    for (const acc of BOOLS) {
      const c = makeCase({ M: 3, N: 9, K: 0, acc, tA: false, tB: true, padA: 0, padB: 0, padC: 2, offA: 0, offB: 0, offC: 1 }, 5);
      const r = reference(c);
      expect(check(c, runWasm(c), r)).toBeNull();
      expect(check(c, runJs(c), r)).toBeNull();
    }
  });

  it('crosses the K, M and N cache blocks (K > 256, M > 128)', () => {
    for (const [M, N, K] of [[130, 40, 600], [9, 300, 513], [200, 9, 257], [257, 260, 300]]) {
      for (const tA of BOOLS) for (const tB of BOOLS) for (const acc of BOOLS) {
        const c = makeCase({ M, N, K, acc, tA, tB, padA: 3, padB: 1, padC: 2, offA: 1, offB: 2, offC: 3 }, M + N + K);
        const r = reference(c);
        expect(check(c, runWasm(c), r), `wasm ${describeCase(c)}`).toBeNull();
        expect(check(c, runJs(c), r), `js ${describeCase(c)}`).toBeNull();
      }
    }
  }, 120_000);

  it('1×1 · 1×1', () => {
    const c = makeCase({ M: 1, N: 1, K: 1, acc: false, tA: false, tB: false, padA: 0, padB: 0, padC: 0, offA: 0, offB: 0, offC: 0 }, 1);
    expect(runWasm(c)[0]).toBe(Math.fround(c.opA[0] * c.opB[0]));
    expect(runJs(c)[0]).toBe(Math.fround(c.opA[0] * c.opB[0]));
  });
});

describe('gemm property', () => {
  it('matches float64 on random shapes, layouts and offsets', () => {
    const dim = fc.integer({ min: 1, max: 70 });
    const small = fc.integer({ min: 0, max: 4 });
    fc.assert(
      fc.property(
        fc.record({
          M: dim, N: dim, K: fc.integer({ min: 0, max: 300 }),
          tA: fc.boolean(), tB: fc.boolean(), acc: fc.boolean(),
          padA: small, padB: small, padC: small, offA: small, offB: small, offC: small,
        }),
        fc.integer(),
        (shape, seed) => {
          const c = makeCase(shape, seed);
          const r = reference(c);
          expect(check(c, runWasm(c), r), `wasm ${describeCase(c)}`).toBeNull();
          expect(check(c, runJs(c), r), `js ${describeCase(c)}`).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('reuses its packing buffers: repeated calls leave the heap as it was', () => {
    const c = makeCase({ M: 40, N: 40, K: 40, acc: false, tA: true, tB: true, padA: 0, padB: 0, padC: 0, offA: 0, offB: 0, offC: 0 }, 9);
    runWasm(c);
    const before = new Float32Array(wasm.memory.buffer).length;
    for (let i = 0; i < 20; i++) expect(check(c, runWasm(c))).toBeNull();
    expect(new Float32Array(wasm.memory.buffer).length).toBe(before);
  });
});
