// A module worker, no bundler. torch.ready() is the path that needs no top-level await.
import * as torch from '/node_modules/wasmgrad/dist/index.js';
import { seed } from '/seed.mjs';

torch.ready().then(
  () => postMessage({ lines: [seed(torch), seed(torch, 'js')] }),
  (e) => postMessage({ error: String(e) }),
);
