// The gemm thread pool: worker threads that compute column panels of the wasm
// device's packed float32 products (assembly/kernels/gemm.ts hands them over
// through its gemm_split / gemm_join imports). Loaded only by
// torch.set_num_threads(n > 1), so the default import holds none of it.
//
// The device's module keeps its own, unshared memory (the single-thread build
// every host runs). The workers share a second memory with each other and run a
// small module of their own (assembly/gemm_worker.ts: the packed gemm, 2.5 KB),
// so a panel's operands are copied there and its result copied back: O(MK + KN
// + MN) bytes against O(MNK) arithmetic, paid only by products big enough
// (minWork). The main thread computes the first panel in place meanwhile.
//
// Shared memory layout: the control block (one slot per worker, see
// gemm_worker_source.ts) in the first 64 KiB, then each worker's packing buffers,
// then the current product's operands: op(A) once, and per worker its columns of
// op(B) and of C.

import { workerWasmHex } from './worker_module.generated.js';
import { workerRelaxedWasmHex } from './worker_relaxed_module.generated.js';
import { SLOT, nodeWorkerSource, webWorkerSource } from './gemm_worker_source.js';
import { host, decodeHex } from './loader.js';

/** What the pool needs of the device's module. */
export interface GemmHost {
  memory: WebAssembly.Memory;
  gemm_set_threads(on: boolean): void;
  /** Whether the module's own packed products run the relaxed-SIMD kernel: the workers then run it too, so every column is the same chain of operations. */
  relaxed: boolean;
}

const PAGE = 65536;
const CONTROL = PAGE;
const MAX_PAGES = 16384; // 1 GiB of shared memory; larger products stay on one thread
const NR = 8; // the micro-kernel's columns: panels start on a multiple of it
const PACK_A = 64 * 256 * 16; // packed_bytes_a at its largest (MC × KC, pre-broadcast)
const PACK_B = 2048 * 256 * 4; // packed_bytes_b at its largest (NC × KC)
const TILE = 4 * 8 * 4;
const SCRATCH = PACK_A + PACK_B + TILE;

/**
 * Products with fewer multiply-adds than this stay on the calling thread. Waking a sleeping
 * worker (Atomics.notify) and copying its operands costs some tens of microseconds, and 2M
 * multiply-adds take about 100 µs on one thread at 40 GFLOP/s, so half of that is saved only
 * above about this size. (A reasoned figure: this shared machine was too loaded to measure
 * the break-even; bench/run.mjs's threads table shows the MLP step, whose two 12.8M products
 * are above it.)
 */
const MIN_WORK = 1 << 21;
let minWork = MIN_WORK;

/** Test hook: the smallest M·N·K handed to workers (0: every packed product, to test tiny shapes; none: the default). */
export function setMinWork(n = MIN_WORK): void { minWork = n; }

/** Panels handed to workers so far (tests check that the threaded path ran). */
export let panelsPosted = 0;

interface Job { slot: number; gen: number; c: number; ldc: number; j0: number; nw: number; M: number; sharedC: number }

interface StartedWorker { terminate(): unknown }

/** The workers, their shared memory and what the current product handed them. */
export class GemmPool {
  private readonly ctl: Int32Array;
  private readonly jobs: Job[] = [];
  private readonly canWait: boolean;

  private constructor(private readonly host: GemmHost, private readonly shared: WebAssembly.Memory,
    private readonly workers: StartedWorker[]) {
    this.ctl = new Int32Array(shared.buffer, 0, CONTROL >> 2);
    this.canWait = agentCanWait(this.ctl);
  }

  /** Threads in use: the workers and the calling thread. */
  get threads(): number { return this.workers.length + 1; }

  /**
   * Starts threads - 1 workers, or resolves null where this host has no shared memory or
   * cannot start them (a page that is not cross-origin isolated, a CSP without blob: workers).
   */
  static async start(host: GemmHost, threads: number): Promise<GemmPool | null> {
    const spawn = workerSpawner();
    if (!spawn || threads < 2) return null;
    let shared: WebAssembly.Memory;
    const workers: StartedWorker[] = [];
    try {
      const pages = Math.ceil((CONTROL + (threads - 1) * SCRATCH) / PAGE);
      shared = new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
      const module = new WebAssembly.Module(decodeHex(host.relaxed ? workerRelaxedWasmHex : workerWasmHex));
      const ready: Promise<void>[] = [];
      for (let index = 0; index < threads - 1; index++) {
        const { worker, started } = spawn({ module, memory: shared, index });
        workers.push(worker);
        ready.push(started);
      }
      await Promise.all(ready);
    } catch {
      for (const w of workers) w.terminate();
      return null;
    }
    return new GemmPool(host, shared, workers);
  }

  /** Routes the module's packed products here. */
  attach(): void {
    host.gemmSplit = (...a) => this.split(...a);
    host.gemmJoin = () => this.join();
    this.host.gemm_set_threads(true);
  }

  /** Back to one thread; the workers end. */
  stop(): void {
    this.host.gemm_set_threads(false);
    host.gemmSplit = (_ta, _tb, _M, N) => N;
    host.gemmJoin = () => {};
    for (const w of this.workers) w.terminate();
  }

  /** gemm_split: posts the columns past the first panel to the workers; returns the first panel's width. */
  split(ta: number, tb: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number,
    acc: number, C: number, ldc: number): number {
    if (M * N * K < minWork) return N;
    const parts = Math.min(this.threads, Math.floor(N / NR));
    if (parts < 2) return N;
    const width = Math.ceil(N / parts / NR) * NR;
    const panels = Math.ceil(N / width); // the first stays here
    // op(A) whole (stored K×M if ta, else M×K), then per worker its op(B) and C columns
    const aRows = ta ? K : M, aCols = ta ? M : K;
    let top = CONTROL + this.workers.length * SCRATCH;
    const sharedA = top;
    top += aRows * aCols * 4;
    const layout: { j0: number; nw: number; b: number; c: number }[] = [];
    for (let p = 1; p < panels; p++) {
      const j0 = p * width, nw = Math.min(width, N - j0);
      const b = top;
      const c = b + K * nw * 4;
      top = c + M * nw * 4;
      layout.push({ j0, nw, b, c });
    }
    if (!this.reserve(top)) return N;
    const src = new Uint8Array(this.host.memory.buffer);
    const dst = new Uint8Array(this.shared.buffer);
    copyRows(src, A, lda * 4, dst, sharedA, aCols * 4, aRows, aCols * 4);
    layout.forEach(({ j0, nw, b, c }, w) => {
      // op(B)'s columns j0.. are B's columns (K rows) or, transposed, B's rows
      if (tb) copyRows(src, B + j0 * ldb * 4, ldb * 4, dst, b, K * 4, nw, K * 4);
      else copyRows(src, B + j0 * 4, ldb * 4, dst, b, nw * 4, K, nw * 4);
      if (acc) copyRows(src, C + j0 * 4, ldc * 4, dst, c, nw * 4, M, nw * 4);
      const s = w * SLOT, scratch = CONTROL + w * SCRATCH;
      const args = [ta, tb, M, nw, K, sharedA, aCols, b, tb ? K : nw, acc, c, nw, scratch, scratch + PACK_A, scratch + PACK_A + PACK_B];
      this.ctl.set(args, s + 4);
      this.ctl[s + 2] = 0;
      const gen = (this.ctl[s] + 1) | 0;
      Atomics.store(this.ctl, s, gen);
      Atomics.notify(this.ctl, s);
      this.jobs.push({ slot: s, gen, c: C, ldc, j0, nw, M, sharedC: c });
      panelsPosted++;
    });
    return width;
  }

  /** gemm_join: waits for every posted panel and copies it into C. */
  join(): void {
    let failed = false;
    for (const job of this.jobs) {
      const done = job.slot + 1;
      for (let d = Atomics.load(this.ctl, done); d !== job.gen; d = Atomics.load(this.ctl, done)) {
        if (this.canWait) Atomics.wait(this.ctl, done, d);
      }
      failed ||= this.ctl[job.slot + 2] !== 0;
      const src = new Uint8Array(this.shared.buffer);
      const dst = new Uint8Array(this.host.memory.buffer);
      copyRows(src, job.sharedC, job.nw * 4, dst, job.c + job.j0 * 4, job.ldc * 4, job.M, job.nw * 4);
    }
    this.jobs.length = 0;
    if (failed) throw new Error('wasmgrad: internal error in a gemm worker');
  }

  /** Grows the shared memory to hold `bytes`; false when it cannot. */
  private reserve(bytes: number): boolean {
    const need = Math.ceil(bytes / PAGE) - this.shared.buffer.byteLength / PAGE;
    if (need <= 0) return true;
    try {
      this.shared.grow(need);
      return true;
    } catch {
      return false;
    }
  }
}

/** rows rows of `bytes` bytes each, from src at s (stride sStride) to dst at d (stride dStride). */
function copyRows(src: Uint8Array, s: number, sStride: number, dst: Uint8Array, d: number, dStride: number, rows: number, bytes: number): void {
  if (sStride === bytes && dStride === bytes) {
    dst.set(src.subarray(s, s + rows * bytes), d);
    return;
  }
  for (let r = 0; r < rows; r++, s += sStride, d += dStride) dst.set(src.subarray(s, s + bytes), d);
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not: it spins instead). */
function agentCanWait(ctl: Int32Array): boolean {
  try {
    Atomics.wait(ctl, 0, ctl[0] + 1, 0); // returns 'not-equal' at once where waiting is allowed
    return true;
  } catch {
    return false;
  }
}

interface WorkerStart { module: WebAssembly.Module; memory: WebAssembly.Memory; index: number }
type Spawn = (start: WorkerStart) => { worker: StartedWorker; started: Promise<void> };

interface NodeWorker {
  once(event: string, f: (v: unknown) => void): void;
  unref(): void;
  terminate(): unknown;
}

/** How this host starts a worker, or null where it has no shared memory or no workers. */
function workerSpawner(): Spawn | null {
  const g = globalThis as { crossOriginIsolated?: boolean; process?: { getBuiltinModule?: (id: string) => unknown } };
  if (typeof SharedArrayBuffer !== 'function' || g.crossOriginIsolated === false) return null;
  // Node 20.16+ hands out worker_threads without an import a bundler would try to resolve
  const threads = g.process?.getBuiltinModule?.('node:worker_threads') as
    { Worker: new (code: string, o: object) => NodeWorker } | undefined;
  if (threads) {
    return (start) => {
      const worker = new threads.Worker(nodeWorkerSource, { eval: true, workerData: start });
      worker.unref(); // idle workers must not keep the process alive
      return { worker, started: new Promise((resolve, reject) => { worker.once('message', () => resolve()); worker.once('error', reject); }) };
    };
  }
  if (typeof Worker !== 'function' || typeof Blob !== 'function') return null;
  return (start) => {
    const url = URL.createObjectURL(new Blob([webWorkerSource], { type: 'text/javascript' }));
    const worker = new Worker(url);
    worker.postMessage(start);
    const started = new Promise<void>((resolve, reject) => {
      worker.onmessage = () => resolve();
      worker.onerror = (e) => reject(e);
    }).finally(() => URL.revokeObjectURL(url));
    return { worker, started };
  };
}
