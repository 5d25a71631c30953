// Run by test/finalizer.test.ts under `node --expose-gc`: tensors that become
// unreachable without dispose() are freed by the FinalizationRegistry.
import * as torch from '../../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const live = () => torch.memory('wasm').numTensors;

const before = live();
(() => {
  for (let i = 0; i < 200; i++) torch.ones([100]).mul(2); // never disposed, never kept
})();
const leaked = live() - before;
for (let round = 0; round < 20 && live() > before; round++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10)); // finalizers run after a turn of the event loop
}
console.log(JSON.stringify({ leaked, after: live() - before }));

// a view kept out of torch.tidy escapes to the safety net while it holds its (disposed) base's data
const beforeViews = live();
(() => {
  for (let i = 0; i < 100; i++) torch.tidy(() => torch.ones([100]).mul(2).index(['1:3']));
})();
const viewsLeaked = live() - beforeViews;
for (let round = 0; round < 20 && live() > beforeViews; round++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(JSON.stringify({ viewsLeaked, viewsAfter: live() - beforeViews }));
