// examples/logistic-regression.ts prints exactly the lines of the seed
// notebook (PyTorch's run), on both devices.

import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = readFileSync(new URL('./fixtures/seed-output.txt', import.meta.url), 'utf8').trim().split('\n');
const notebook = new URL('../../shared/seed-pytorch-autograd.md', import.meta.url);

describe('the seed notebook', () => {
  it('committed extract matches the notebook (when shared/ is beside the clone)', () => {
    if (!existsSync(notebook)) return; // a plain clone has only the committed extract
    const text = readFileSync(notebook, 'utf8');
    for (const line of committed) expect(text.split('\n')).toContain(line);
  });

  for (const device of ['wasm', 'js']) {
    it(`examples/logistic-regression.ts prints the seed's lines on ${device}`, () => {
      const out = execFileSync('npx', ['tsx', 'examples/logistic-regression.ts', '--device', device], { cwd: root, encoding: 'utf8' });
      const printed = out.split('\n').filter((l) => l.trim() !== '');
      expect(printed).toEqual(committed);
    });
  }
});
