// The FinalizationRegistry safety net: in a child process with --expose-gc,
// tensors dropped without dispose() give their WASM memory back after GC.

import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the finalizer safety net', () => {
  it('frees unreachable tensors after garbage collection', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/scripts/finalizer.ts'],
      { cwd: root, encoding: 'utf8' });
    const [first, views] = out.trim().split('\n').slice(-2).map((l) => JSON.parse(l));
    expect(first.leaked).toBe(400); // the test saw the tensors alive first (it can fail)
    expect(first.after).toBe(0);
    // views escaped from tidy, each holding its disposed base's data: both freed after GC
    expect(views.viewsLeaked).toBe(200);
    expect(views.viewsAfter).toBe(0);
  });
});
