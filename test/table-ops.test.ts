// Every op of the op table against real PyTorch (fixtures/table.json, from
// scripts/gen_table_fixtures.py): output, grad_fn and every gradient, for
// ordinary inputs, broadcasting, the method form, non-default parameters, the
// edge points (±0, ±1, ±inf, NaN, the op's kinks) and empty tensors; and the
// argument errors each schema gives, with PyTorch's type and message, leaving
// the engine intact. Both devices.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { runCase, type OpCase } from './support/cases.js';
import { runCall, expectErrorLeavesEngineIntact, type Arg } from './support/error_cases.js';

interface ErrorCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; type: string; message: string }
interface NoDerivative { method: string; type: string; message: string }
interface BoolResult { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; value: boolean }
const fixture = loadFixture<{
  cases: OpCase[]; errors: ErrorCase[]; inplace_without_derivative: NoDerivative[]; bool_results: BoolResult[];
}>('table.json');

describe.each(DEVICES)('op table vs PyTorch on %s', (device) => {
  for (const c of fixture.cases) it(c.name, () => runCase(c, device));
});

// allclose and equal answer with a JS boolean, as PyTorch's with a Python bool
describe.each(DEVICES)('boolean results vs PyTorch on %s', (device) => {
  for (const c of fixture.bool_results) it(c.name, () => expect(runCall(c, device)).toBe(c.value));
});

describe.each(DEVICES)('op table argument errors on %s', (device) => {
  for (const e of fixture.errors) {
    it(e.name, () => expectErrorLeavesEngineIntact(device, () => { runCall(e, device); }, { error: e.message, error_type: e.type }));
  }
});

describe.each(DEVICES)('an op PyTorch cannot differentiate, on %s', (device) => {
  // torch.remainder(2, x): PyTorch records a NotImplemented node and raises a RuntimeError in backward
  it('backward through it raises torch.RuntimeError and leaves the engine working', () => {
    torch.tidy(() => {
      const x = torch.tensor([1.5, -0.7], { device, requires_grad: true });
      const y = torch.remainder(2, x);
      expect(y.grad_fn?.name()).toBe('torch::autograd::NotImplemented');
      expect(() => y.sum().backward()).toThrow(torch.RuntimeError);
      expect(torch.tensor([1, 2], { device }).add(1).tolist()).toEqual([2, 3]);
    });
  });
});

describe.each(DEVICES)('in-place methods PyTorch cannot differentiate, on %s', (device) => {
  // PyTorch raises when the backward reaches them; wasmgrad as soon as the op would be recorded
  for (const e of fixture.inplace_without_derivative) {
    it(`${e.method} raises torch.${e.type} with PyTorch's message when it would record, and runs under no_grad`, () => {
      torch.tidy(() => {
        const x = torch.tensor([0.2, 0.3], { device, requires_grad: true });
        const y = x.mul(1) as unknown as Record<string, () => torch.Tensor>;
        expectErrorLeavesEngineIntact(device, () => { y[e.method](); }, { error: e.message, error_type: e.type });
        const z = torch.no_grad(() => (x.detach().clone() as unknown as Record<string, () => torch.Tensor>)[e.method]());
        expect(z.requires_grad).toBe(false);
      });
    });
  }
});

describe.each(DEVICES)('aminmax (reductions 2), on %s', (device) => {
  // PyTorch 1.13 records NotImplemented for both results of aminmax and raises in backward
  it('both results carry NotImplemented; backward raises torch.RuntimeError and the engine still works', () => {
    torch.tidy(() => {
      const x = torch.tensor([[3, 4], [1, -1]], { device, requires_grad: true });
      const [lo, hi] = torch.aminmax(x, { dim: 1 });
      expect([lo.grad_fn?.name(), hi.grad_fn?.name()]).toEqual(['torch::autograd::NotImplemented', 'torch::autograd::NotImplemented']);
      expect(() => hi.sum().backward()).toThrow(torch.RuntimeError);
      expect(torch.tensor([1, 2], { device }).add(1).tolist()).toEqual([2, 3]);
    });
  });
});

describe.each(DEVICES)('unique (sorting and order statistics), on %s', (device) => {
  // PyTorch 1.13 records Unique2Backward0 and raises in its backward ("the derivative for '_unique2' is not implemented")
  it('carries Unique2Backward0 (UniqueDimBackward0 with dim), whose backward raises; sorted=false gives the sorted result', () => {
    torch.tidy(() => {
      const x = torch.tensor([[2, 1], [2, 3]], { device, requires_grad: true });
      const u = torch.unique(x) as torch.Tensor;
      expect(u.grad_fn?.name()).toBe('Unique2Backward0');
      expect(() => u.sum().backward()).toThrow(torch.RuntimeError);
      expect((torch.unique(x, false) as torch.Tensor).tolist()).toEqual([1, 2, 3]);
      const rows = torch.unique(x, { dim: 0 }) as torch.Tensor;
      expect(rows.grad_fn?.name()).toBe('UniqueDimBackward0');
      expect(() => rows.sum().backward()).toThrow(torch.RuntimeError);
      expect(torch.tensor([1, 2], { device }).add(1).tolist()).toEqual([2, 3]);
    });
  });
});
