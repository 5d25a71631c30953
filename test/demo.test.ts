// npm start: the digits MLP trains past 95% test accuracy on both devices,
// with a progress bar.

import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the digits demo (npm start)', () => {
  for (const device of ['wasm', 'js']) {
    it(`trains to > 95% test accuracy on ${device}`, () => {
      const out = execFileSync('npx', ['tsx', 'examples/digits-mlp.ts', '--device', device], { cwd: root, encoding: 'utf8' });
      expect(out).toMatch(/\[=+>?\s*\] 23\/23/); // the progress bar, one line per epoch off a TTY
      const accuracy = Number(/test accuracy:\s+([\d.]+)%/.exec(out)![1]);
      expect(accuracy).toBeGreaterThan(95);
    });
  }
});
