// Tensor.register_hook against PyTorch (fixtures/hooks.json, from scripts/gen_hook_fixtures.py):
// hooks that replace a leaf's or an intermediate's gradient, hooks that only look, several in
// order, remove(), with retain_grad (PyTorch 2's order: retain_grad's hook last) and with
// torch.autograd.grad, and the errors; Tensor.register_post_accumulate_grad_hook (PyTorch 2's):
// after .grad accumulates, with grad mode off, in order, not for autograd.grad, only for
// backward's inputs, and its errors; torch.autograd.graph.saved_tensors_hooks: when pack and
// unpack run and on what, unpacked values used, nesting, retain_graph, no version check through
// hooks, a Function's saves, and the errors. Each scenario is the generator's program of that name.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';
import { LegendrePolynomial3 } from './support/custom_functions.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('hooks.json').scenarios;

/** pack and unpack hooks that note each call (with the saved tensor's shape) and change nothing. */
function loggingHooks(log: string[], tag = ''): [(t: torch.Tensor) => torch.Tensor, (t: torch.Tensor) => torch.Tensor] {
  return [
    (t) => { log.push(`${tag}pack ${t.shape.join('x')}`); return t; },
    (t) => { log.push(`${tag}unpack ${t.shape.join('x')}`); return t; },
  ];
}
const withHooks = torch.autograd.graph.saved_tensors_hooks;

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
  post_hook_sgd_step: (input, device) => {
    const v = input('v').requires_grad_();
    const lr = 0.01;
    const h = v.register_post_accumulate_grad_hook((p) => p.add_(p.grad!, { alpha: -lr }));
    v.backward(torch.tensor([1.0, 2.0, 3.0], { device }));
    h.remove();
    return { v, v_grad: v.grad };
  },
  post_hook_sees_accumulated_grad: (input) => {
    const w = input('w').requires_grad_();
    const seen: torch.Tensor[] = [], modes: boolean[] = [];
    w.register_post_accumulate_grad_hook((p) => { seen.push(p.grad!.clone()); modes.push(torch.is_grad_enabled()); });
    w.mul(w).sum().backward();
    w.mul(3).sum().backward();
    return { seen, grad_enabled: modes };
  },
  post_hook_after_tensor_hooks_in_order: (input) => {
    const w = input('w').requires_grad_();
    const calls: string[] = [];
    w.register_post_accumulate_grad_hook(() => { calls.push('post1'); });
    w.register_hook((g) => { calls.push('pre'); return g.mul(2); });
    w.register_post_accumulate_grad_hook(() => { calls.push('post2'); });
    w.sin().sum().backward();
    return { calls, w_grad: w.grad };
  },
  post_hooks_of_two_leaves: (input) => {
    const a = input('a').requires_grad_(), b = input('b').requires_grad_();
    const calls: string[] = [];
    a.register_post_accumulate_grad_hook(() => { calls.push('a'); });
    b.register_post_accumulate_grad_hook(() => { calls.push('b'); });
    a.exp().mul(2).add(b).sum().backward();
    return { calls };
  },
  post_hook_removed_and_not_for_grad: (input) => {
    const w = input('w').requires_grad_();
    const calls: string[] = [];
    w.register_post_accumulate_grad_hook(() => { calls.push('kept'); });
    const h = w.register_post_accumulate_grad_hook(() => { calls.push('removed'); });
    h.remove();
    torch.autograd.grad(w.mul(w).sum(), w);
    w.mul(w).sum().backward();
    return { calls };
  },
  post_hook_only_for_backward_inputs: (input) => {
    const a = input('a').requires_grad_(), b = input('b').requires_grad_();
    const calls: string[] = [];
    a.register_post_accumulate_grad_hook(() => { calls.push('a'); });
    b.register_post_accumulate_grad_hook(() => { calls.push('b'); });
    a.mul(b).sum().backward({ inputs: [a] });
    return { calls, a_grad: a.grad, b_grad_is_none: b.grad === null };
  },
  post_hook_on_non_leaf: (input) => {
    input('x').requires_grad_().mul(2).register_post_accumulate_grad_hook(() => {});
    return {};
  },
  post_hook_without_grad: (input) => {
    input('x').register_post_accumulate_grad_hook(() => {});
    return {};
  },
  post_hook_returns_a_tensor: (input) => {
    const x = input('x').requires_grad_();
    x.register_post_accumulate_grad_hook((p) => p.grad!.mul(2));
    x.mul(x).sum().backward();
    return {};
  },
  saved_hooks_order: (input) => {
    const x = input('x').requires_grad_(), w = input('w').requires_grad_();
    const log: string[] = [];
    const y = withHooks(...loggingHooks(log), () => {
      const out = x.mul(w).sin().sum();
      log.push('forward done');
      return out;
    });
    y.backward();
    return { log, x_grad: x.grad, w_grad: w.grad };
  },
  saved_hooks_unpacked_values_are_used: (input) => {
    const x = input('x').requires_grad_();
    withHooks((t) => t.mul(2), (t) => t, () => x.mul(x).sin().sum()).backward();
    return { x_grad: x.grad };
  },
  saved_hooks_saved_output: (input) => {
    const x = input('x').requires_grad_();
    const log: string[] = [];
    withHooks(...loggingHooks(log), () => x.exp().sum()).backward();
    return { log, x_grad: x.grad };
  },
  saved_hooks_retain_graph_unpacks_again: (input) => {
    const x = input('x').requires_grad_();
    const log: string[] = [];
    const y = withHooks(...loggingHooks(log), () => x.sin().sum());
    y.backward(null, { retain_graph: true });
    y.backward();
    return { log, x_grad: x.grad };
  },
  saved_hooks_innermost_apply: (input) => {
    const x = input('x').requires_grad_();
    const log: string[] = [];
    const c = withHooks(...loggingHooks(log, 'outer '), () => {
      const a = x.sin();
      const b = withHooks(...loggingHooks(log, 'inner '), () => a.cos());
      return b.tan();
    });
    c.sum().backward();
    return { log, x_grad: x.grad };
  },
  saved_hooks_no_version_check: (input) => {
    const x = input('x').requires_grad_();
    const h = x.mul(1);
    const y = withHooks((t) => t, (t) => t, () => h.sin().sum());
    torch.no_grad(() => h.add_(1));
    y.backward();
    return { x_grad: x.grad };
  },
  saved_hooks_function_saves: (input) => {
    const x = input('x').requires_grad_();
    const log: string[] = [];
    withHooks(...loggingHooks(log), () => LegendrePolynomial3.apply(x).sum()).backward();
    return { log, x_grad: x.grad };
  },
  saved_hooks_backward_twice: (input) => {
    const x = input('x').requires_grad_();
    const y = withHooks((t) => t, (t) => t, () => x.sin().sum());
    y.backward();
    y.backward();
    return {};
  },
  saved_hooks_unpack_not_a_tensor: (input) => {
    const x = input('x').requires_grad_();
    withHooks(() => 5, (p) => p, () => x.sin().sum()).backward();
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

  it('saved-tensor hooks: a tensor of another shape from unpack_hook is refused and the engine stays intact', () => {
    expectErrorLeavesEngineIntact(device, () => {
      torch.tidy(() => {
        const x = torch.ones(3, { device, requires_grad: true });
        withHooks((t) => t, (t: torch.Tensor) => t.index([':2']), () => x.sin().sum()).backward();
      });
    }, {
      error: `wasmgrad: unpack_hook returned a tensor of shape [2], torch.float32 on ${device} for a saved tensor of shape [3], ` +
        `torch.float32 on ${device}: the derivative needs the tensor that was saved`,
      error_type: 'RuntimeError',
    });
  });

  it('saved-tensor hooks that keep the saves elsewhere leave memory flat over steps, and the graph frees them', () => {
    const x = torch.randn([32], { device, requires_grad: true });
    const store = new Map<number, number[]>();
    let next = 0;
    const step = (): void => torch.tidy(() => {
      const y = withHooks((t) => { store.set(++next, t.tolist() as number[]); return next; },
        (id: number) => torch.tensor(store.get(id)!, { device }), () => x.mul(x).sin().sum());
      y.backward();
      x.grad = null;
    });
    step();
    const before = torch.memory(device);
    for (let i = 0; i < 20; i++) step();
    const after = torch.memory(device);
    expect([after.numTensors, after.numRecords]).toEqual([before.numTensors, before.numRecords]);
    if (device === 'wasm') expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
    x.dispose();
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
