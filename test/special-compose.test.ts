// torch.special's aliases and compositions (src/ops/special.ts) and the numeric compositions of
// torch.* (src/ops/numeric.ts: diff, searchsorted, bucketize, bincount, histc, heaviside, cov,
// corrcoef, trapezoid, windows, ...) against PyTorch (fixtures/special_compose.json, from
// scripts/gen_special_compose_fixtures.py), on both devices: values, grad_fn, gradients, errors.
// The special functions that are op-table rows (entr, erfcx, i0e, ...) are in test/table-ops.test.ts.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, expectClose, type TensorFixture } from './support/torch.js';
import { evaluateCase, expectCaseGrads, type OpCase } from './support/cases.js';
import { runCall, expectErrorLeavesEngineIntact, type Call } from './support/error_cases.js';
import { tolerances } from './support/tolerances.js';
import { SPECIAL_ALIASES } from '../src/ops/aliases.js';

interface ErrorCase extends Call { name: string; type: string; message: string }
const F = loadFixture<{ aliases: Record<string, string>; missing: string[]; cases: OpCase[]; errors: ErrorCase[] }>('special_compose.json');

// where wasmgrad's top node differs from the one ATen records (docs/api.md says why)
const NODE_DIFFERS: Record<string, string> = {
  'torch.special.ndtr': 'MulBackward0', // ATen's C++ `* 0.5` is MulBackward1
  'torch.special.multigammaln': 'AddBackward0', // ATen's mvlgamma has a node of its own
  'torch.block_diag': 'CatBackward0', // ATen copies into zeros (CopySlices)
  'torch.combinations': 'StackBackward0',
};

// ATen's C++ number overloads (`t * 0.5`, `t / 2.`) record MulBackward1 / DivBackward1, wasmgrad's MulBackward0 / DivBackward0
const SCALAR_NODE: Record<string, string> = { MulBackward1: 'MulBackward0', DivBackward1: 'DivBackward0' };

describe('torch.special\'s table of aliases', () => {
  it('names only what PyTorch has, and the generator read the table as it is', () => {
    expect(F.missing).toEqual([]);
    expect(F.aliases).toEqual(SPECIAL_ALIASES);
  });
});

describe.each(DEVICES)('torch.special and numeric compositions against PyTorch on %s', (device) => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { outs, argLeaves } = evaluateCase(c, device);
    const out = outs[0];
    expectClose(out, c.out as TensorFixture, c.tol ?? tolerances[c.family], 'result');
    if (c.grad_fn) {
      // the fixture has type(grad_fn).__name__, what repr shows (name() prefixes C++ nodes with torch::autograd::)
      expect(`${out.grad_fn}`).toBe(`<${NODE_DIFFERS[c.call] ?? SCALAR_NODE[c.grad_fn] ?? c.grad_fn} object>`);
    } else {
      expect(out.requires_grad && out.grad_fn !== null && argLeaves.some((t) => t.requires_grad)).toBe(false);
    }
    expectCaseGrads(c, device, out, argLeaves);
  });

  it.each(F.errors.map((e) => [e.name, e] as const))('%s: PyTorch\'s error', (_, e) => {
    expectErrorLeavesEngineIntact(device, () => runCall(e, device), { error: e.message, error_type: e.type });
  });

  it('vander\'s gradient (1.13\'s backward raises) passes gradcheck', () => {
    const x = torch.tensor([0.5, -1.25, 2], { dtype: 'float64', device, requires_grad: true });
    expect(torch.autograd.gradcheck((t: torch.Tensor) => torch.vander(t, { N: 4 }), [x])).toBe(true);
    expect(torch.autograd.gradcheck((t: torch.Tensor) => torch.vander(t, 3, true), [x])).toBe(true);
  });
});
