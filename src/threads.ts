// torch.set_num_threads / torch.get_num_threads: the wasm device's large matrix
// products (matmul, mm, bmm, linear and their gradients) split across worker
// threads where the host shares memory with workers (Node; cross-origin isolated
// pages), else everything stays on one thread. Opt-in: the default is one thread,
// and the pool's code is loaded only when a call asks for more.

import { RuntimeError } from './errors.js';
import { pyTypeName } from './optim/optimizer.js';
import { setGemmThreads } from './wasm/device.js';

let inUse = 1;
let settled: Promise<void> = Promise.resolve();

/**
 * Sets the number of threads the wasm device's float32 matrix products use, as
 * torch.set_num_threads does. Starting workers is asynchronous in JS, so it returns a promise;
 * the products after it resolves use the threads. Where the host cannot share memory with
 * workers (a page without cross-origin isolation) it keeps one thread, and get_num_threads()
 * says so. Results are bit-identical to one thread's.
 * @example
 * await torch.set_num_threads(2);
 * torch.get_num_threads(); // 2 in Node, 1 on a page that is not cross-origin isolated
 */
export function set_num_threads(n: number): Promise<void> {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new RuntimeError(`set_num_threads expects an int, but got ${pyTypeName(n)}`);
  if (n < 1) throw new RuntimeError('set_num_threads expects a positive integer');
  // one change at a time, in call order; a failed one (the pool's chunk not fetched) leaves the next free to run
  settled = settled.catch(() => undefined).then(async () => { inUse = await setGemmThreads(n); });
  return settled;
}

/**
 * The number of threads the wasm device's matrix products use (1 unless
 * torch.set_num_threads started more and the host allows them).
 * @example torch.get_num_threads(); // 1
 */
export function get_num_threads(): number {
  return inUse;
}
