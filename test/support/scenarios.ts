// Scenario fixtures (scripts/scenarios.py): each a PyTorch program recorded by name, run here
// under the same name. A scenario that raised in PyTorch must raise the same error and leave
// the engine intact; otherwise each reported value must match: tensors at the elementwise
// tolerance, number lists within `numbers` (relative), other values exactly.

import { it, expect } from 'vitest';
import { torch, fromFixture, expectClose, type TensorFixture } from './torch.js';
import { expectErrorLeavesEngineIntact } from './error_cases.js';
import { tolerances, type Tolerance } from './tolerances.js';

type Device = 'wasm' | 'js';
export type ScenarioResult = Record<string, unknown> & { inputs: Record<string, TensorFixture>; error?: { type: string; message: string } };
export type Program = (input: (name: string) => torch.Tensor, device: Device) => Record<string, unknown>;

/** One test per scenario of the fixture, running the program of its name on `device`. */
export function scenarioTests(S: Record<string, ScenarioResult>, programs: Record<string, Program>, device: Device,
  numbers: (scenario: string) => number = () => 1e-5, tolerance: Tolerance = tolerances.elementwise): void {
  const isTensor = (v: unknown): v is TensorFixture => v !== null && typeof v === 'object' && 'data' in (v as object);
  it('every scenario of the fixture has a program here', () => {
    expect(Object.keys(programs).sort()).toEqual(Object.keys(S).sort());
  });

  for (const [name, want] of Object.entries(S)) {
    it(name, () => {
      torch.tidy(() => {
        const input = (n: string): torch.Tensor => fromFixture(want.inputs[n], device, false);
        if (want.error) {
          expectErrorLeavesEngineIntact(device, () => { programs[name](input, device); },
            { error: want.error.message, error_type: want.error.type });
          return;
        }
        const got = programs[name](input, device);
        for (const [k, v] of Object.entries(want)) {
          if (k === 'inputs') continue;
          if (isTensor(v)) {
            expectClose(got[k] as torch.Tensor, v, tolerance, k);
          } else if (Array.isArray(v) && v.length && v.every(isTensor)) {
            expect((got[k] as torch.Tensor[]).length, `${k} length`).toBe(v.length);
            v.forEach((e, i) => expectClose((got[k] as torch.Tensor[])[i], e, tolerance, `${k}[${i}]`));
          } else if (Array.isArray(v) && v.every((e) => typeof e === 'number')) {
            const rel = numbers(name);
            (v as number[]).forEach((e, i) => expect(Math.abs((got[k] as number[])[i] - e), `${k}[${i}]`).toBeLessThanOrEqual(1e-6 + rel * Math.abs(e)));
          } else {
            expect(got[k], k).toEqual(v);
          }
        }
      });
    });
  }
}
