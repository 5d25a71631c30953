// Bad input gets PyTorch's error, and nothing is lost: every case of
// fixtures/errors.json (PyTorch's own messages, from scripts/gen_fixtures.py)
// must throw the same exception type and message on both devices, and
// afterwards every other tensor, the tape and the allocator are intact and
// the next op (with backward) works.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, type Device } from './support/torch.js';
import { expectErrorLeavesEngineIntact, runCall, type Call } from './support/error_cases.js';

type ErrorCase = Partial<Call> & { name: string; script?: string; error: string; error_type: string };

const fixture = loadFixture<{ cases: ErrorCase[] }>('errors.json');
// PyTorch's values for the sentinel and the transposed view (ops.json "scenarios")
const S = loadFixture('ops.json').scenarios;

const scripts: Record<string, (device: Device) => void> = {
  backward_nonscalar: (device) => {
    const x = torch.ones([2, 3], { requires_grad: true, device });
    x.mul(2).backward();
  },
  backward_no_grad_fn: (device) => {
    torch.ones([2, 3], { device }).sum().backward();
  },
  backward_twice_mul_scalar: (device) => {
    const y = torch.tensor([1.0, 2.0], { requires_grad: true, device }).mul(2).sum();
    y.backward();
    y.backward();
  },
  backward_twice_div_scalar: (device) => {
    const y = torch.tensor([1.0, 2.0], { requires_grad: true, device }).div(2).sum();
    y.backward();
    y.backward();
  },
  backward_empty_inputs: (device) => {
    torch.tensor([1.0, 2.0], { requires_grad: true, device }).sum().backward({ inputs: [] });
  },
  backward_twice: (device) => {
    const x = torch.tensor([0.5, -1.0], { requires_grad: true, device });
    const y = torch.sigmoid(x).sum();
    y.backward();
    y.backward();
  },
};

function run(c: ErrorCase, device: Device): void {
  if (c.script) scripts[c.script](device);
  else runCall(c as Call, device);
}

describe.each(DEVICES)('errors on %s', (device) => {
  for (const c of fixture.cases) {
    it(`${c.name}: ${c.error_type}`, () => {
      expectErrorLeavesEngineIntact(device, () => run(c, device), c);
    });
  }

  describe('view() after transpose, permute, expand, squeeze, unsqueeze, clone, reshape, detach (PyTorch\'s computeStride)', () => {
    type Chain = [number[], (string | number)[][], number[], unknown, boolean];
    for (const [shape, chain, target, want, contiguous] of S['errors/views of strided tensors'].values.cases as Chain[]) {
      const what = `[${shape}] ${chain.map(([name, ...args]) => `${name}(${args})`).join('.')}.view([${target}])`;
      it(`${what}: ${typeof want === 'string' ? 'RuntimeError' : 'a view'}`, () => {
        let x = torch.arange(shape.reduce((a, b) => a * b, 1), { device }).reshape(shape);
        for (const [name, ...args] of chain) x = (x as unknown as Record<string, (...a: unknown[]) => torch.Tensor>)[name as string](...args);
        expect(x.is_contiguous()).toBe(contiguous);
        if (typeof want === 'string') expect(() => x.view(target)).toThrow(want);
        else expect(x.view(target).tolist()).toEqual(want);
      });
    }
  });
});
