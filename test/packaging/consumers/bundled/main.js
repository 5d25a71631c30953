// A bundled app (Vite, webpack): ops on the main thread at once, and the same
// in two workers, one in the bundler's default worker format and one module worker.
import * as torch from 'wasmgrad';
import { seed } from '../seed.mjs';

const fromWorker = (worker) => new Promise((resolve, reject) => {
  worker.onmessage = (e) => resolve(e.data);
  worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
});

let lines;
try {
  lines = [seed(torch), seed(torch, 'js')];
} catch (e) {
  window.__result = { error: String(e && e.stack || e) };
}
if (lines) {
  Promise.all([
    fromWorker(new Worker(new URL('./worker.js', import.meta.url))),
    fromWorker(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })),
  ]).then(
    ([worker, moduleWorker]) => { window.__result = { lines, worker, moduleWorker }; },
    (e) => { window.__result = { error: String(e) }; },
  );
}
