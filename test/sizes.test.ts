// Sizes and dims checked as PyTorch checks them: every case of
// fixtures/sizes.json (scripts/gen_size_fixtures.py) on both devices. A size
// PyTorch refuses gives its exception type and message; one PyTorch accepts
// but wasmgrad's 32-bit storage cannot address gives the out-of-memory
// RuntimeError for the same byte count, before anything is allocated; one both
// accept gives PyTorch's shape. After every error the engine is intact.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { runCall, sentinel, expectIntact, thrownBy, type Call } from './support/error_cases.js';

interface SizeCase extends Call { name: string; error?: string; error_type?: string; shape?: number[]; oom_bytes?: string }
const fixture = loadFixture<{ cases: SizeCase[] }>('sizes.json');

// nn.Linear's sizes reach PyTorch's parser through empty((out, in)), whose two
// overloads it lists for a bad out_features; wasmgrad names the parameter that
// failed, with the same TypeError (docs/api.md).
const listsOverloads = (c: SizeCase): boolean =>
  !!c.error?.includes('received an invalid combination of arguments') && c.call === 'nn.Linear';

describe.each(DEVICES)('sizes on %s', (device) => {
  for (const c of fixture.cases) {
    const expected = c.error_type ?? (c.oom_bytes !== undefined ? 'RuntimeError (out of memory)' : `shape [${c.shape}]`);
    const accepted = c.shape !== undefined && c.oom_bytes === undefined;
    it(`${c.name}: ${expected}`, () => {
      const s = sentinel(device);
      let result: unknown = null;
      const thrown = thrownBy(() => {
        result = runCall(c, device);
        if (accepted) {
          const t = (result instanceof torch.Tensor ? result : (result as { weight: torch.Tensor }).weight);
          expect(t.shape).toEqual(c.shape);
          expect(t.dataSync().length).toBe(t.numel());
        }
      });
      if (accepted) {
        expect(thrown).toBeNull();
      } else {
        expect(thrown, 'expected an error').toBeInstanceOf(torch.TorchError);
        const e = thrown as Error;
        if (c.oom_bytes !== undefined) {
          expect(e.name).toBe('RuntimeError');
          expect(e.message).toContain(`can't allocate memory: you tried to allocate ${c.oom_bytes} bytes`);
        } else if (listsOverloads(c)) {
          expect(e.name).toBe(c.error_type);
          expect(e.message).toMatch(/^\w+\(\): argument '\w+' (\(position \d\) )?must be /);
        } else {
          expect(e.message).toBe(c.error);
          expect(e.name).toBe(c.error_type);
        }
      }
      expectIntact(s);
    });
  }
});
