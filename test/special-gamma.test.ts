// torch.igamma / igammac (torch.special.gammainc / gammaincc) and torch.special.zeta beyond the op
// table's cases (those run in test/table-ops.test.ts): number operands and type promotion, PyTorch's
// errors, the backward errors of the inputs derivatives.yaml marks not_implemented, and the ulp
// distance to PyTorch over dense grids of P(a, x) and Q(a, x) (fixtures/special_gamma.json, from
// scripts/gen_special_gamma_fixtures.py), on both devices.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, expectClose, fromFixture, values, type TensorFixture } from './support/torch.js';
import { evaluateCase, expectCaseGrads, type OpCase } from './support/cases.js';
import { runCall, expectErrorLeavesEngineIntact, type Call } from './support/error_cases.js';
import { tolerances } from './support/tolerances.js';

interface ErrorCase extends Call { name: string; type: string; message: string }
interface Grid { name: string; call: string; a: TensorFixture; x: TensorFixture; out: TensorFixture }
const F = loadFixture<{ cases: OpCase[]; errors: ErrorCase[]; backward_errors: (ErrorCase & { grad_fn: string })[]; grids: Grid[] }>('special_gamma.json');

/**
 * The largest distance in units in the last place between a and e where |e| ≥ 1e-3, and the largest
 * absolute difference anywhere (NaN only against NaN, else Infinity for both).
 */
function distance(a: ArrayLike<number>, e: number[], float64: boolean): { ulp: number; abs: number } {
  const one = float64 ? new Float64Array(1) : new Float32Array(1);
  const bits = float64 ? new BigInt64Array(one.buffer) : new Int32Array(one.buffer);
  // the bit pattern as a monotonic integer: negative values mirrored below zero
  const ordered = (v: number): number => {
    one[0] = v;
    const b = Number(bits[0]);
    return b < 0 ? -(b + (float64 ? 2 ** 63 : 2 ** 31)) : b;
  };
  let ulp = 0, abs = 0;
  for (let i = 0; i < e.length; i++) {
    if (Number.isNaN(e[i]) || Number.isNaN(a[i])) {
      if (Number.isNaN(e[i]) !== Number.isNaN(a[i])) return { ulp: Infinity, abs: Infinity };
      continue;
    }
    if (Math.abs(e[i]) >= 1e-3) ulp = Math.max(ulp, Math.abs(ordered(a[i]) - ordered(e[i])));
    abs = Math.max(abs, Math.abs(a[i] - e[i]));
  }
  return { ulp, abs };
}

// Measured against PyTorch 1.13's CPU kernels over the grids, the same on both devices (bounds a
// little above): float32 computes in float with PyTorch's steps, so it is libm's last bits carried
// through the series (20 and 14 ulp; tiny results, from exp(a·log x − x − lgamma(a)), up to 723 ulp
// but 5e-7 absolute). float64's worst is at a ≈ 0.001, where lgamma(1 + a) (wasmgrad's, 2e-15
// absolute, is not glibc's) cancels: 2e-12 relative, 4e-15 absolute.
const BOUND: Record<string, { ulp: number; abs: number }> = {
  'igamma/float32': { ulp: 24, abs: 6e-7 }, 'igammac/float32': { ulp: 16, abs: 4e-7 },
  'igamma/float64': { ulp: 640, abs: 5e-15 }, 'igammac/float64': { ulp: 20000, abs: 5e-15 },
};

describe.each(DEVICES)('igamma, igammac and special.zeta against PyTorch on %s', (device) => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { outs, argLeaves } = evaluateCase(c, device);
    const out = outs[0];
    expectClose(out, c.out as TensorFixture, tolerances.elementwise, 'result');
    if (c.grad_fn) expect(`${out.grad_fn}`).toBe(`<${c.grad_fn} object>`);
    else expect(out.grad_fn).toBeNull();
    expectCaseGrads(c, device, out, argLeaves);
  });

  it.each(F.errors.map((e) => [e.name, e] as const))('%s: PyTorch\'s error', (_, e) => {
    expectErrorLeavesEngineIntact(device, () => runCall(e, device), { error: e.message, error_type: e.type });
  });

  it.each(F.backward_errors.map((e) => [e.name, e] as const))('%s: the node, then PyTorch\'s backward error', (_, e) => {
    const y = runCall(e, device) as torch.Tensor;
    expect(`${y.grad_fn}`).toBe(`<${e.grad_fn} object>`);
    const loss = y.sum();
    expectErrorLeavesEngineIntact(device, () => loss.backward(), { error: e.message, error_type: e.type });
  });

  it.each(F.grids.map((g) => [g.name, g] as const))('%s: within the measured distance of PyTorch over the grid', (name, g) => {
    const a = fromFixture(g.a, device, false), x = fromFixture(g.x, device, false);
    const fn = g.call === 'torch.igamma' ? torch.igamma : torch.igammac;
    const d = distance(fn(a, x).dataSync(), values(g.out), g.out.dtype === 'float64');
    expect(d.ulp).toBeLessThanOrEqual(BOUND[name].ulp);
    expect(d.abs).toBeLessThanOrEqual(BOUND[name].abs);
  });
});
