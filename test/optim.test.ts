// torch.optim against real PyTorch on both devices: a small regression net
// trained a few steps by SGD (momentum, dampening, weight decay, nesterov,
// maximize) and Adam (betas, eps, weight decay, amsgrad, maximize), comparing the loss
// and every parameter after each step (fixture "optim" in ops.json); then the
// same in float64, 10 steps, at the float64 tolerance (fixture "optim.float64").

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture, type Device } from './support/torch.js';

const F = torch.nn.functional;
const { optim } = torch;

interface OptimCase {
  name: string; optimizer: 'SGD' | 'Adam'; options: Record<string, unknown>; losses: number[]; params: TensorFixture[][];
}
interface OptimSet { init: TensorFixture[]; x: TensorFixture; y: TensorFixture; cases: OptimCase[] }
const fx = loadFixture<{ optim: OptimSet & { names: string[]; float64: OptimSet } }>('ops.json').optim;

// float32 updates agree with PyTorch's to rounding; a few steps compound it a little
const tol = { rtol: 2e-5, atol: 2e-6 };

function setup(device: Device, set: OptimSet = fx) {
  const params = set.init.map((t) => fromFixture(t, device, true));
  const x = fromFixture(set.x, device, false), y = fromFixture(set.y, device, false);
  const [w0, b0, w2, b2] = params;
  const loss = () => F.mse_loss(F.linear(F.relu(F.linear(x, w0, b0)), w2, b2), y);
  return { params, loss };
}

function make(c: OptimCase, params: torch.Tensor[]) {
  return c.optimizer === 'SGD'
    ? new optim.SGD(params, c.options as unknown as ConstructorParameters<typeof optim.SGD>[1])
    : new optim.Adam(params, c.options as ConstructorParameters<typeof optim.Adam>[1]);
}

describe.each(DEVICES)('torch.optim vs PyTorch on %s', (device) => {
  for (const [set, dtype] of [[fx, 'float32'], [fx.float64, 'float64']] as const) {
    // expectClose tightens tol a millionfold for float64 parameters; the loss likewise
    const lossTol = dtype === 'float64' ? 1e-6 : 1;
    for (const c of set.cases) {
      it(`${c.name}${dtype === 'float64' ? ' float64, 10 steps' : ''}`, () => {
        const { params, loss } = setup(device, set);
        const opt = make(c, params);
        c.params.forEach((expected, step) => {
          opt.zero_grad();
          const l = loss();
          l.backward();
          opt.step();
          expect(Math.abs(l.item() - c.losses[step])).toBeLessThanOrEqual((1e-6 + 1e-5 * Math.abs(c.losses[step])) * lossTol);
          params.forEach((p, i) => expectClose(p, expected[i], tol, `step ${step + 1} ${fx.names[i]}`));
        });
      });
    }
  }

  it('zero_grad sets grads to null; params without grad are skipped', () => {
    const { params, loss } = setup(device);
    const opt = new optim.SGD(params, { lr: 0.1, momentum: 0.9 });
    loss().backward();
    params[3].grad = null;
    const before = params[3].tolist();
    opt.step();
    expect(params[3].tolist()).toEqual(before);
    opt.zero_grad();
    for (const p of params) expect(p.grad).toBeNull();
  });

  it('a training step inside tidy() leaves memory flat', () => {
    const { params, loss } = setup(device);
    for (const opt of [new optim.Adam(params, { lr: 0.01 }), new optim.SGD(params, { lr: 0.01, momentum: 0.9 }), new optim.AdamW(params, { lr: 0.01 }),
      new optim.Adagrad(params), new optim.RMSprop(params, { centered: true, momentum: 0.9 }),
      new optim.NAdam(params, { weight_decay: 0.1, decoupled_weight_decay: true }), new optim.RAdam(params, { weight_decay: 0.1 }),
      new optim.Adamax(params, { maximize: true }), new optim.Adadelta(params, { weight_decay: 0.1 }),
      new optim.ASGD(params, { t0: 1 }), new optim.Rprop(params)]) {
      const step = () => torch.tidy(() => { opt.zero_grad(); loss().backward(); opt.step(); });
      step();
      step();
      const m = torch.memory(device);
      for (let i = 0; i < 5; i++) step();
      const after = torch.memory(device);
      expect(after.numTensors).toBe(m.numTensors);
      expect(after.numBytes).toBe(m.numBytes);
      expect(after.numRecords).toBe(m.numRecords); // -1 on js: the garbage collector keeps records
    }
  });

  it('validates hyper-parameters with PyTorch\'s messages', () => {
    const { params } = setup(device);
    expect(() => new optim.SGD(params, { lr: -0.1 })).toThrow('Invalid learning rate: -0.1');
    expect(() => new optim.SGD(params, { lr: 0.1, nesterov: true })).toThrow('Nesterov momentum requires a momentum and zero dampening');
    expect(() => new optim.Adam(params, { betas: [1.0, 0.9] })).toThrow('Invalid beta parameter at index 0: 1.0');
    expect(() => new optim.Adam([], {})).toThrow('optimizer got an empty parameter list');
  });
});
