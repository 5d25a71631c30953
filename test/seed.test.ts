// examples/logistic-regression.ts prints exactly the lines of the seed
// notebook, on both devices. The notebook's lines are committed twice over:
// test/fixtures/seed-output.txt, extracted from the notebook's own output
// (scripts/extract_seed_output.mjs), and the lines PyTorch prints when
// scripts/gen_fixtures.py runs the notebook's cells (ops.json scenario
// "seed/notebook printed lines"); the two must agree, in every clone.

import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadFixture } from './support/torch.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = readFileSync(new URL('./fixtures/seed-output.txt', import.meta.url), 'utf8').trim().split('\n');
const pytorch: string[] = loadFixture('ops.json').scenarios['seed/notebook printed lines'].values.lines;

describe('the seed notebook', () => {
  it("the committed extract is what PyTorch prints for the notebook's cells", () => {
    expect(committed).toEqual(pytorch);
  });

  for (const device of ['wasm', 'js']) {
    it(`examples/logistic-regression.ts prints the seed's lines on ${device}`, () => {
      const out = execFileSync('npx', ['tsx', 'examples/logistic-regression.ts', '--device', device], { cwd: root, encoding: 'utf8' });
      const printed = out.split('\n').filter((l) => l.trim() !== '');
      expect(printed).toEqual(pytorch);
    });
  }
});
