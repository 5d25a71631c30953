// Anomaly detection against PyTorch (fixtures/anomaly.json, from scripts/gen_anomaly_fixtures.py,
// which runs the same programs under the same names): the error naming the node whose backward
// returned NaN and which output, a torch.autograd.Function's node, check_nan: false, the flags,
// PyTorch's TypeError, and detect_anomaly's warning. Both devices.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, freshTorch } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';

const fixture = loadFixture<{ scenarios: Record<string, ScenarioResult>; warning: string }>('anomaly.json');
type T = torch.Tensor;

/** Its backward divides by the input: NaN where the input is 0 (the generator's Halve). */
class Halve extends torch.autograd.Function {
  static forward(ctx: torch.autograd.FunctionCtx, x: T): T {
    ctx.save_for_backward(x);
    return x.mul(0.5);
  }

  static backward(ctx: torch.autograd.FunctionCtx, g: T): T {
    const [x] = ctx.saved_tensors;
    return g.mul(x!).div(x!).mul(0.5);
  }
}

/** detect_anomaly without its once-per-process warning on the console. */
function quietly<R>(fn: () => R, options?: { check_nan?: boolean }): R {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    return torch.autograd.detect_anomaly(fn, options);
  } finally {
    warn.mockRestore();
  }
}

const programs: Record<string, Program> = {
  div_nan: (input) => {
    const x = input('x').requires_grad_();
    quietly(() => x.div(x).sum().backward());
    return {};
  },
  sqrt_times_zero: (input) => {
    const x = input('x').requires_grad_();
    quietly(() => torch.autograd.grad(x.sqrt().mul(0).sum(), [x]));
    return {};
  },
  function_node: (input) => {
    const x = input('x').requires_grad_();
    quietly(() => Halve.apply(x).sum().backward());
    return {};
  },
  check_nan_false: (input) => {
    const x = input('x').requires_grad_();
    const [g, flags] = quietly(() => [
      torch.autograd.grad(x.div(x).sum(), [x])[0], [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()],
    ] as const, { check_nan: false });
    return { g, flags, after: [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()] };
  },
  off_by_default: (input) => {
    const x = input('x').requires_grad_();
    const [g] = torch.autograd.grad(x.div(x).sum(), [x]);
    return { g, enabled: torch.is_anomaly_enabled() };
  },
  set_globally: (input) => {
    const x = input('x').requires_grad_();
    torch.autograd.set_detect_anomaly(true);
    try {
      x.div(x).sum().backward();
    } finally {
      torch.autograd.set_detect_anomaly(false);
    }
    return {};
  },
  not_a_bool: () => {
    torch.autograd.set_detect_anomaly('yes' as unknown as boolean);
    return {};
  },
};

describe.each(DEVICES)('anomaly detection vs PyTorch on %s', (device) => {
  scenarioTests(fixture.scenarios, programs, device);

  it("detect_anomaly gives PyTorch's warning, once", async () => {
    const fresh = await freshTorch(); // this process may have shown the warning already
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      fresh.autograd.detect_anomaly(() => fresh.tensor([1], { device }).add(1));
      fresh.autograd.detect_anomaly(() => fresh.tensor([1], { device }).add(1));
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([`UserWarning: ${fixture.warning}`]);
    } finally {
      warn.mockRestore();
    }
  });
});
