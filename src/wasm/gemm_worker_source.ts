// The code each gemm worker runs, as a string: the pool starts workers from it
// (worker_threads' eval in Node, a Blob URL in browsers), so the package needs
// no worker file to serve or configure. A worker instantiates the gemm module
// (assembly/gemm_worker.ts) over the shared memory, says 'ready', then sleeps
// on its slot of the control block until the main thread posts a panel.
//
// Its slot (Int32 cells from index*SLOT): [0] generation, bumped by the main
// thread to post a job; [1] the generation the worker finished; [2] 1 if the
// job threw; [4..18] gemm_panel's arguments.

/** Int32 cells per worker in the control block at the start of shared memory. */
export const SLOT = 32;

/** Defines run({ module, memory, index }, post): the worker's whole life. */
export const workerBody = `
function run({ module, memory, index }, post) {
  const x = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('abort'); } } }).exports;
  const ctl = new Int32Array(memory.buffer, 0, ${SLOT} * (index + 1));
  const s = ${SLOT} * index, p = s + 4;
  let gen = Atomics.load(ctl, s);
  post('ready');
  for (;;) {
    Atomics.wait(ctl, s, gen);
    gen = Atomics.load(ctl, s);
    try {
      x.gemm_panel(ctl[p], ctl[p + 1], ctl[p + 2], ctl[p + 3], ctl[p + 4], ctl[p + 5], ctl[p + 6], ctl[p + 7],
        ctl[p + 8], ctl[p + 9], ctl[p + 10], ctl[p + 11], ctl[p + 12], ctl[p + 13], ctl[p + 14]);
      ctl[s + 2] = 0;
    } catch (e) {
      ctl[s + 2] = 1;
    }
    Atomics.store(ctl, s + 1, gen);
    Atomics.notify(ctl, s + 1);
  }
}
`;

/** Node's worker_threads (eval'd as CommonJS): the start data comes as workerData. */
export const nodeWorkerSource = `${workerBody}
const { workerData, parentPort } = require('node:worker_threads');
run(workerData, (m) => parentPort.postMessage(m));
`;

/** A browser's classic Web Worker: the start data comes as the first message. */
export const webWorkerSource = `${workerBody}
self.onmessage = (e) => { self.onmessage = null; run(e.data, (m) => self.postMessage(m)); };
`;
