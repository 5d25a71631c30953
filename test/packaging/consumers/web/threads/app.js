// torch.set_num_threads(2) on a page, then products and their gradients (3.9M multiply-adds
// each, enough for the gemm pool) compared bit for bit with one thread's, and the seed example.
// Without cross-origin isolation there is no SharedArrayBuffer: it stays on one thread.
import * as torch from 'wasmgrad';
import { seed } from '/seed.mjs';

function products() {
  torch.manual_seed(0);
  const a = torch.randn([150, 200], { requires_grad: true }), b = torch.randn([200, 130], { requires_grad: true });
  const c = a.mm(b);
  c.backward(torch.randn([150, 130]));
  return [c, a.grad, b.grad].map((t) => new Uint32Array(Float32Array.from(t.dataSync()).buffer));
}

try {
  const one = products();
  await torch.set_num_threads(2);
  const two = products();
  const same = one.every((x, i) => x.length === two[i].length && x.every((v, j) => v === two[i][j]));
  window.__result = {
    isolated: self.crossOriginIsolated, threads: torch.get_num_threads(), same, lines: [seed(torch), seed(torch, 'js')],
  };
} catch (e) {
  window.__result = { error: String(e && e.stack || e) };
}
