// torch.nn against real PyTorch on both devices: Linear / Sequential
// parameters after manual_seed (fixtures "nn" in ops.json), named_parameters,
// forward, Module bookkeeping; and the loss front ends' errors and warnings
// (errors.json), plus the seed notebook's BCE value.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, freshTorch, values, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

const { nn } = torch;
const F = torch.nn.functional;

interface NnCase {
  name: string; seed: number; named_parameters: [string, TensorFixture][]; input: TensorFixture; output: TensorFixture;
}
const ops = loadFixture<{ nn: NnCase[]; seed: { loss_item: number; grad_w1: TensorFixture; grad_b1: TensorFixture };
  scenarios: Record<string, { values: Record<string, string> }> }>('ops.json');
const errors = loadFixture<{
  cases: { name: string; call: string; args: unknown[]; kwargs: Record<string, unknown>; error?: string; error_type?: string }[];
  warnings: { name: string; call: string; args: unknown[]; kwargs: Record<string, unknown>; warning: string }[];
}>('errors.json');

const builders: Record<string, (device: 'wasm' | 'js') => InstanceType<typeof nn.Module>> = {
  'Linear(3, 2)': (device) => new nn.Linear(3, 2, { device }),
  'Linear(5, 4, bias=False)': (device) => new nn.Linear(5, 4, { bias: false, device }),
  'Linear(64, 10)': (device) => new nn.Linear(64, 10, { device }),
  'Sequential(Linear(4, 8), ReLU(), Linear(8, 2), Sigmoid())': (device) =>
    new nn.Sequential(new nn.Linear(4, 8, { device }), new nn.ReLU(), new nn.Linear(8, 2, { device }), new nn.Sigmoid()),
};

const exact = { rtol: 0, atol: 0 };

describe.each(DEVICES)('torch.nn vs PyTorch on %s', (device) => {
  for (const c of ops.nn) {
    it(`${c.name}: parameters after manual_seed(${c.seed}), names, forward`, () => {
      torch.manual_seed(c.seed);
      const model = builders[c.name](device);
      const named = model.named_parameters();
      expect(named.map(([n]) => n)).toEqual(c.named_parameters.map(([n]) => n));
      named.forEach(([n, p], i) => {
        expectClose(p, c.named_parameters[i][1], exact, n);
        expect(p.requires_grad).toBe(true);
        expect(p.is_leaf).toBe(true);
        expect(p.device).toBe(device);
      });
      expect(model.parameters()).toEqual(named.map(([, p]) => p));
      expectClose(model.forward(fromFixture(c.input, device, false)), c.output, tolerances.nn, 'forward');
      expectClose(model.call(fromFixture(c.input, device, false)), c.output, tolerances.nn, 'call');
    });
  }

  it('zero_grad sets grads to null; train/eval propagate', () => {
    const model = new nn.Sequential(new nn.Linear(2, 3, { device }), new nn.ReLU(), new nn.Linear(3, 1, { device }));
    const x = torch.ones([4, 2], { device });
    model.forward(x).sum().backward();
    for (const p of model.parameters()) expect(p.grad).not.toBeNull();
    model.zero_grad();
    for (const p of model.parameters()) expect(p.grad).toBeNull();
    expect(model.training).toBe(true);
    model.eval();
    expect(model.modules().every((m) => !m.training)).toBe(true);
    model.train();
    expect(model.modules().every((m) => m.training)).toBe(true);
  });

  it('a model built inside tidy() survives it', () => {
    const model = torch.tidy(() => new nn.Linear(3, 2, { device }));
    for (const p of model.parameters()) expect(p.isDisposed).toBe(false);
    expect(model.forward(torch.ones([1, 3], { device })).shape).toEqual([1, 2]);
  });

  it('custom modules register parameters and submodules in order', () => {
    class Net extends nn.Module {
      scale = this.register_parameter('scale', new nn.Parameter(torch.ones([1], { device })));
      fc = this.register_module('fc', new nn.Linear(2, 2, { device }));
      forward(x: torch.Tensor): torch.Tensor { return this.fc.forward(x).mul(this.scale); }
    }
    const net = new Net();
    expect(net.named_parameters().map(([n]) => n)).toEqual(['scale', 'fc.weight', 'fc.bias']);
    expect(net.call(torch.ones([1, 2], { device })).shape).toEqual([1, 2]);
  });

  it('seed notebook: binary_cross_entropy gives PyTorch\'s loss bit for bit', () => {
    const y = torch.tensor([1.0], { device });
    const x1 = torch.tensor([1.3], { device });
    const w1 = torch.tensor([2.0], { device, requires_grad: true });
    const b1 = torch.tensor([0.5], { device, requires_grad: true });
    const loss = F.binary_cross_entropy(torch.sigmoid(w1.mul(x1).add(b1)), y);
    expect(loss.grad_fn?.name()).toBe('BinaryCrossEntropyBackward0');
    expect(loss.item()).toBe(ops.seed.loss_item);
    expect(`Loss: ${loss.item()}`).toBe(ops.scenarios['nn/seed notebook loss print'].values.printed);
    loss.backward();
    expectClose(w1.grad, ops.seed.grad_w1, tolerances.loss, 'grad w1');
    expectClose(b1.grad, ops.seed.grad_b1, tolerances.loss, 'grad b1');
  });

  describe('loss errors and warnings (errors.json)', () => {
    type Enc = { tensor: TensorFixture } | unknown;
    const decode = (a: Enc): unknown =>
      a !== null && typeof a === 'object' && 'tensor' in (a as object) ? fromFixture((a as { tensor: TensorFixture }).tensor, device, false) : a;
    const fn = (call: string) => (F as unknown as Record<string, (...a: unknown[]) => unknown>)[call.split('.')[1]];
    const lossNames = /^(binary_cross_entropy|nll_loss|cross_entropy|mse_loss|l1_loss)/;
    for (const e of errors.cases.filter((c) => lossNames.test(c.name) && c.call)) {
      it(e.name, () => {
        const args = e.args.map(decode);
        let thrown: unknown = null;
        try { fn(e.call)(...args); } catch (err) { thrown = err; }
        expect(thrown, 'expected an error').toBeInstanceOf(Error);
        expect((thrown as Error).message).toBe(e.error);
        expect((thrown as Error).constructor.name).toBe(e.error_type);
      });
    }
    for (const w of errors.warnings.filter((c) => lossNames.test(c.name))) {
      it(`${w.name} warns`, async () => {
        const fresh = await freshTorch(); // this process may have shown the warning already
        const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
        try {
          const loss = (fresh.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>)[w.call.split('.')[1]];
          const args = w.args.map((a) => (a !== null && typeof a === 'object' && 'tensor' in (a as object)
            ? fresh.tensor(values((a as { tensor: TensorFixture }).tensor), { device }).reshape((a as { tensor: TensorFixture }).tensor.shape) : a));
          loss(...args);
          loss(...args); // shown once, as Python shows it once per place
          expect(spy.mock.calls.map((c) => String(c[0]))).toEqual([`UserWarning: ${w.warning}`]);
        } finally {
          spy.mockRestore();
        }
      });
    }
  });
});
