// Node, ESM: `import` of the package and of its js-only entry; ops at once, no await.
import * as torch from 'wasmgrad';
import * as torchJs from 'wasmgrad/js';
import pkg from 'wasmgrad/package.json' with { type: 'json' };
import { seed } from '../seed.mjs';

console.log(JSON.stringify({
  lines: [seed(torch), seed(torch, 'js')],
  jsEntry: [seed(torchJs)],
  version: pkg.version,
}));
