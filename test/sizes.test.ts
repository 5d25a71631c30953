// Sizes and dims checked as PyTorch checks them: every case of
// fixtures/sizes.json (scripts/gen_size_fixtures.py) on both devices. A size
// PyTorch refuses gives its exception type and message; one PyTorch accepts
// but wasmgrad's 32-bit storage cannot address gives the out-of-memory
// RuntimeError for the same byte count, before anything is allocated; one both
// accept gives PyTorch's shape. After every error the engine is intact.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { callCase, sentinel, expectIntact, type ErrorCase } from './support/errors.js';

interface SizeCase extends ErrorCase { shape?: number[]; oom_bytes?: string }
const fixture = loadFixture<{ cases: SizeCase[] }>('sizes.json');

// Where PyTorch's parser finds several overloads plausible it lists them all
// ("received an invalid combination of arguments ... expected one of"); wasmgrad
// names the one parameter that failed, with the same TypeError (docs/api.md).
// eye's two overloads are listed as PyTorch does.
const listsOverloads = (c: SizeCase): boolean =>
  !!c.error?.includes('received an invalid combination of arguments') && c.call !== 'torch.eye';

describe.each(DEVICES)('sizes on %s', (device) => {
  for (const c of fixture.cases) {
    const expected = c.error_type ?? (c.oom_bytes !== undefined ? 'RuntimeError (out of memory)' : `shape [${c.shape}]`);
    const accepted = c.shape !== undefined && c.oom_bytes === undefined;
    it(`${c.name}: ${expected}`, () => {
      const s = sentinel(device);
      let thrown: unknown = null, result: unknown = null;
      torch.tidy(() => {
        try { result = callCase(c, device); } catch (e) { thrown = e; }
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
