// Arguments of the wrong type or value get PyTorch's error, never a silent
// NaN or a wrapped number: every case of fixtures/arguments.json (PyTorch's
// own messages, from scripts/gen_argument_fixtures.py) throws the same
// exception type and message on both devices and leaves the engine intact;
// the calls PyTorch accepts give its output.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { expectErrorLeavesEngineIntact, runCall, type Call } from './support/error_cases.js';

interface ErrorCase extends Call { name: string; python: string; error: string; error_type: string; storage_limit?: boolean }
interface AcceptedCase extends Call { name: string; python: string; out: TensorFixture }

const fixture = loadFixture<{
  errors: ErrorCase[]; accepted: AcceptedCase[];
  second_backward: { python: string; x: TensorFixture; grad: TensorFixture };
}>('arguments.json');

const EXACT = { rtol: 0, atol: 0 };

describe.each(DEVICES)('bad arguments on %s', (device) => {
  for (const c of fixture.errors) {
    // storage_limit: PyTorch accepts the int64 value; the message is its own for an int32 tensor
    it(`${c.name}: ${c.error_type}${c.storage_limit ? ' (int32 storage)' : ''}`, () => {
      expectErrorLeavesEngineIntact(device, () => runCall(c, device), c);
    });
  }

  for (const c of fixture.accepted) {
    it(`${c.name}: accepted, as in PyTorch`, () => {
      torch.tidy(() => expectClose(runCall(c, device) as torch.Tensor, c.out, EXACT, c.python));
    });
  }

  it('a second backward through mean(dim) works, as in PyTorch 2 (1.13 refuses)', () => {
    const x = fromFixture(fixture.second_backward.x, device);
    const y = x.mean(1).sum();
    y.backward();
    y.backward();
    expectClose(x.grad, fixture.second_backward.grad, EXACT, 'x.grad');
  });
});

describe('the fixture covers issue 5', () => {
  it('has at least 80 bad-argument cases', () => {
    expect(fixture.errors.length).toBeGreaterThanOrEqual(80);
  });
});
