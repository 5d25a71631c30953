// The training examples run briefly on both devices and learn: examples/digits-cnn.ts (a CNN on the
// bundled digits; `npm run example:cnn` trains it fully, past 97%) and examples/char-transformer.ts
// (a character-level transformer on examples/data/poems.txt, then seeded sampling;
// `npm run example:transformer`). Few steps each, so the test stays quick; the full runs' accuracy
// and time are in README.md.

import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (script: string, args: string[]): string =>
  execFileSync('npx', ['tsx', `examples/${script}`, ...args], { cwd: root, encoding: 'utf8' });

// Each test spawns a training run (tsx compiles the example first): minutes on the js device when
// the shared machine is loaded, so these tests get their own time limit.
describe.each(['wasm', 'js'])('the training examples on %s', { timeout: 240_000 }, (device) => {
  it('the digits CNN learns in two epochs (test accuracy far above chance), with a progress bar per epoch', () => {
    const out = run('digits-cnn.ts', ['--device', device, '--epochs', '2']);
    expect(out).toContain('Conv2d(16, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))');
    const losses = [...out.matchAll(/\[=+\] 45\/45 {2}loss ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(losses).toHaveLength(2); // one finished bar per epoch off a TTY
    expect(losses[1]).toBeLessThan(losses[0]);
    expect(Number(/test accuracy:\s+([\d.]+)%/.exec(out)![1])).toBeGreaterThan(80); // chance is 10%
    expect(out).toMatch(/training time: +[\d.]+ s for 90 steps/);
  });

  it('the char transformer lowers its loss well below uniform guessing, then samples a continuation of its prompt', () => {
    const out = run('char-transformer.ts', ['--device', device, '--steps', '30', '--batch-size', '8', '--sample', '40']);
    const losses = [...out.matchAll(/\] +\d+\/30 {2}loss ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(losses).toHaveLength(10); // ten progress lines off a TTY
    const uniform = Number(/uniform guessing: ([\d.]+)/.exec(out)![1]);
    expect(losses[9]).toBeLessThan(losses[0]);
    expect(losses[9]).toBeLessThan(uniform - 1);
    const sample = /---\n([\s\S]*)\n---/.exec(out)![1];
    expect(sample.startsWith('Tyger')).toBe(true);
    expect(sample.length).toBe(5 + 40);
  });
});
