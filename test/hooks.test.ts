// Tensor.register_hook against PyTorch (fixtures/hooks.json, from scripts/gen_hook_fixtures.py):
// hooks that replace a leaf's or an intermediate's gradient, hooks that only look, several in
// order, remove(), with retain_grad (PyTorch 2's order: retain_grad's hook last) and with
// torch.autograd.grad, and the errors. Each scenario is the generator's program of that name.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('hooks.json').scenarios;

const programs: Record<string, Program> = {
  leaf_hook_doubles: (input) => {
    const w = input('w').requires_grad_();
    w.register_hook((g) => g.mul(2));
    w.mul(w).sum().backward();
    return { w_grad: w.grad };
  },
  leaf_hook_runs_once_on_the_sum: (input) => {
    const w = input('w').requires_grad_();
    let calls = 0;
    w.register_hook((g) => { calls++; return g.clamp(-0.5, 0.5); });
    w.mul(w.sin()).sum().backward();
    return { w_grad: w.grad, calls };
  },
  intermediate_hook_changes_upstream: (input) => {
    const x = input('x').requires_grad_();
    const h = x.exp();
    h.register_hook((g) => g.add(1));
    h.mul(3).sum().backward();
    return { x_grad: x.grad };
  },
  hooks_in_order_and_looking: (input) => {
    const x = input('x').requires_grad_();
    const seen: number[] = [];
    const y = x.sin();
    y.register_hook((g) => { seen.push(g.sum().item() as number); });
    y.register_hook((g) => g.mul(10));
    y.register_hook((g) => { seen.push(g.sum().item() as number); });
    y.sum().backward();
    return { x_grad: x.grad, seen };
  },
  removed_hook: (input) => {
    const x = input('x').requires_grad_();
    const handle = x.register_hook((g) => g.mul(100));
    handle.remove();
    x.pow(2).sum().backward();
    return { x_grad: x.grad };
  },
  hook_and_retain_grad: (input) => {
    const x = input('x').requires_grad_();
    const y = x.mul(2);
    y.retain_grad();
    y.register_hook((g) => g.mul(3));
    y.sum().backward();
    return { y_grad: y.grad, x_grad: x.grad };
  },
  hook_with_autograd_grad: (input) => {
    const x = input('x').requires_grad_();
    x.register_hook((g) => g.sub(1));
    const [gx] = torch.autograd.grad(x.mul(x).sum(), x);
    return { gx };
  },
  hook_on_tensor_without_grad: (input) => {
    input('x').register_hook((g) => g);
    return {};
  },
  hook_changes_size: (input) => {
    const x = input('x').requires_grad_();
    x.register_hook((g) => g.index([':2']));
    x.sum().backward();
    return {};
  },
};

describe.each(DEVICES)('Tensor.register_hook vs PyTorch on %s', (device) => {
  scenarioTests(S, programs, device);

  it("an error thrown by a hook reaches the caller and leaves the engine working", () => {
    expectErrorLeavesEngineIntact(device, () => {
      torch.tidy(() => {
        const x = torch.ones(2, { device, requires_grad: true });
        const y = x.mul(2);
        y.register_hook(() => { throw new torch.ValueError('boom'); });
        y.sum().backward();
      });
    }, { error: 'boom', error_type: 'ValueError' });
  });

  it('hooks run on every backward and free what they make', () => {
    const x = torch.randn([16], { device, requires_grad: true });
    x.register_hook((g) => g.mul(2));
    torch.tidy(() => x.mul(x).sum().backward());
    const before = torch.memory(device);
    for (let i = 1; i < 20; i++) torch.tidy(() => x.mul(x).sum().backward());
    const after = torch.memory(device);
    expect([after.numTensors, after.numRecords]).toEqual([before.numTensors, before.numRecords]);
    // 20 backwards of d(x·x)/dx = 2x, each doubled by the hook
    const err = torch.tidy(() => x.grad!.sub(x.mul(80)).abs().max().item() as number);
    expect(err).toBeLessThan(1e-5 * 80 * 4);
    x.dispose();
  });
});
