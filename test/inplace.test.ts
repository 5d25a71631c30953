// In-place ops against PyTorch (fixtures/inplace.json, from scripts/gen_inplace_fixtures.py):
// version counters, the "modified by an inplace operation" error of a later backward, the
// leaf check, the shape and dtype checks of an in-place result, and manual updates under
// no_grad. Each scenario here is the generator's program of the same name. Both devices.
// The in-place form of every op of the table is checked in table-ops.test.ts ("_/inplace").

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('inplace.json').scenarios;

/** Each scenario: the generator's program, returning what it reports. */
const programs: Record<string, Program> = {
  saved_output_modified: (input) => {
    const x = input('x').requires_grad_();
    const y = x.exp();
    y.mul_(2);
    y.sum().backward();
    return {};
  },
  saved_leaf_modified: (input) => {
    const x = input('x').requires_grad_(), w = input('w');
    const z = x.mul(w);
    w.add_(1);
    z.sum().backward();
    return {};
  },
  saved_input_rebased: (input) => {
    const x = input('x').requires_grad_();
    const h = x.sigmoid();
    const z = h.mul(h);
    h.add_(1);
    z.sum().backward();
    return {};
  },
  self_as_other: (input) => {
    const y = input('x').requires_grad_().mul(1);
    y.mul_(y);
    y.sum().backward();
    return {};
  },
  leaf_requires_grad: (input) => {
    input('x').requires_grad_().add_(1);
    return {};
  },
  float64_saved_output: (input) => {
    const y = input('x').requires_grad_().exp();
    y.add_(1);
    y.sum().backward();
    return {};
  },
  float_into_long: (_, device) => {
    torch.zeros(3, { dtype: torch.long, device }).add_(1.5);
    return {};
  },
  broadcast_into_smaller: (_, device) => {
    torch.zeros(3, { device }).add_(torch.zeros([2, 3], { device }));
    return {};
  },
  no_grad_update: (input) => {
    const x = input('x').requires_grad_();
    torch.no_grad(() => x.sub_(1));
    return { x, requires_grad: x.requires_grad, is_leaf: x.is_leaf, version: x._version };
  },
  manual_sgd: (input) => {
    const w = input('w').requires_grad_(), x = input('x');
    const losses: number[] = [];
    for (let i = 0; i < 5; i++) {
      torch.tidy(() => {
        const loss = w.mul(x).sum().pow(2);
        loss.backward();
        losses.push(loss.item() as number);
        torch.no_grad(() => { w.sub_(w.grad!.mul(0.1)); w.grad!.zero_(); });
      });
    }
    return { w, grad: w.grad, losses, version: w._version, grad_version: w.grad!._version };
  },
  version_counts: (_, device) => {
    const x = torch.zeros(2, { device });
    x.add_(1);
    x.mul_(2);
    x.fill_(3);
    x.zero_();
    x.copy_(torch.tensor([1.5, 2.5], { device }));
    return { x, version: x._version };
  },
  chain_of_inplace: (input) => {
    const x = input('x').requires_grad_();
    const y = x.mul(2);
    y.add_(1);
    y.mul_(3);
    y.sigmoid_();
    y.mul(y).sum().backward();
    return { y, grad: x.grad, grad_fn: y.grad_fn!.name(), version: y._version };
  },
  inplace_with_grad_operand: (input, device) => {
    const w = input('w').requires_grad_();
    const acc = torch.zeros(3, { device });
    acc.add_(w, { alpha: 2 });
    acc.mul_(w);
    acc.sum().backward();
    return { acc, grad: w.grad, grad_fn: acc.grad_fn!.name(), is_leaf: acc.is_leaf };
  },
  copy_broadcast: (_, device) => {
    const t = torch.zeros([2, 2], { device });
    t.copy_(torch.tensor([1, 2], { device }));
    return { t, version: t._version };
  },
  optimizer_step_then_backward: (input) => {
    const w = input('w').requires_grad_();
    const y = w.mul(w).sum();
    const opt = new torch.optim.SGD([w], { lr: 0.1 });
    w.mul(2).sum().backward();
    opt.step();
    y.backward();
    return {};
  },
  optimizer_steps_parameters_that_are_views: (input) => {
    const base = input('base');
    const p1 = base.narrow(0, 0, 3).detach().requires_grad_();
    const p2 = base.narrow(0, 3, 3).detach().requires_grad_();
    const opt = new torch.optim.SGD([p1, p2], { lr: 0.5, momentum: 0.9 });
    for (let k = 0; k < 2; k++) {
      opt.zero_grad();
      p1.square().sum().add(p2.sum().mul(2)).backward();
      opt.step();
    }
    const stepped = base.clone();
    torch.no_grad(() => p2.mul_(10));
    return { stepped, base, p1, p2, versions: [p1._version, p2._version, base._version] };
  },
  integer_inplace: (_, device) => {
    const t = torch.tensor([1, 2, 3], { dtype: torch.long, device });
    t.add_(2);
    t.mul_(3);
    return { t, version: t._version };
  },
};

describe.each(DEVICES)('in-place ops vs PyTorch on %s', (device) => {
  scenarioTests(S, programs, device);

  it('a manual SGD loop under no_grad keeps memory flat over 10,000 steps', () => {
    const w = torch.tensor([0.5, -0.3, 0.2], { device, requires_grad: true });
    const x = torch.tensor([1, 2, 3], { device });
    const step = (): void => torch.tidy(() => {
      w.mul(x).sum().pow(2).backward();
      torch.no_grad(() => { w.sub_(w.grad!.mul(0.01)); w.grad!.zero_(); });
    });
    for (let i = 0; i < 100; i++) step();
    const before = torch.memory();
    for (let i = 0; i < 10_000; i++) step();
    const after = torch.memory();
    expect([after.numTensors, after.numRecords]).toEqual([before.numTensors, before.numRecords]);
    if (device === 'wasm') expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
    expect(w._version).toBe(10_100);
    w.dispose();
    x.dispose();
  });

  // PyTorch records EqBackward0 (zero gradients) for x.eq_(y) on a tensor that requires grad, and
  // leaves logical_not_'s history untouched: wasmgrad refuses both rather than differ silently
  it.each(['eq_', 'logical_not_'])('%s on a tensor that requires grad refuses, leaving it and the engine intact', (method) => {
    const x = torch.tensor([1, 2], { device, requires_grad: true }).mul(1);
    expectErrorLeavesEngineIntact(device, () => {
      (x as unknown as Record<string, (o?: unknown) => unknown>)[method](1);
    }, { error: `wasmgrad: ${method} on a tensor that requires grad is not supported yet`, error_type: 'NotImplementedError' });
    expect([x.tolist(), x._version, x.grad_fn!.name()]).toEqual([[1, 2], 0, 'MulBackward0']);
    const y = torch.no_grad(() => x.detach().eq_(2));
    expect(y.tolist()).toEqual([0, 1]);
  });
});
