// The error bounds of docs/benchmarks.md: the largest ulp error of each
// transcendental against float64, on both devices, over float32 inputs spread
// across the whole range (every `stride`-th bit pattern of each sign) plus the
// edges test/vecmath.test.ts checks. Denser than the test; a few minutes at
// the default stride.
//
//   npx tsx scripts/measure_ulp.ts [stride] [name...]   (default 257: 16.6 million inputs per op; names pick ops)

import * as torch from '../src/index.js';
import { commonEdges, fromBits, maxUlp } from '../test/support/ulp.js';
import { transcendentals } from '../test/support/transcendentals.js';

const stride = Number(process.argv[2] ?? 257);
const CHUNK = 1 << 22;

console.log(`| op | wasm (ulp) | worst at | js (ulp) | worst at |   (stride ${stride})`);
console.log('|---|---|---|---|---|');
const names = process.argv.slice(3);
for (const op of transcendentals.filter((t) => !names.length || names.includes(t.name))) {
  const cells: string[] = [];
  for (const device of ['wasm', 'js'] as const) {
    let worst = maxUlp(commonEdges.concat(op.edges), torch.tidy(() => op.run(torch.tensor(commonEdges.concat(op.edges), { device })).dataSync()), op.ref);
    const xs = new Float32Array(CHUNK);
    let k = 0;
    const flush = () => {
      const part = xs.subarray(0, k);
      const ys = torch.tidy(() => op.run(torch.tensor(part, { device })).dataSync());
      const w = maxUlp(part, ys, op.ref);
      if (w.ulp > worst.ulp) worst = w;
      k = 0;
    };
    for (let b = 0; b < 0x7f800000; b += stride) {
      xs[k++] = fromBits(b);
      xs[k++] = fromBits(b | 0x80000000);
      if (k === CHUNK) flush();
    }
    if (k) flush();
    cells.push(worst.ulp.toFixed(3), String(worst.at));
  }
  console.log(`| ${op.name} | ${cells.join(' | ')} |`);
}
