// Second and third derivatives through torch.linalg.svdvals (LinalgSvdBackward0) and the norms
// and condition numbers built on it, against PyTorch (fixtures/svd_create_graph.json, from
// scripts/gen_svd_create_graph_fixtures.py, whose docstring gives the sums differentiated), and
// torch.autograd.gradgradcheck in float64 where PyTorch's passes. Both devices.

import { describe } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';
import { tolerances } from './support/tolerances.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('svd_create_graph.json').scenarios;
type T = torch.Tensor;
const L = torch.linalg;

/** The generator's FUNCTIONS. */
const FUNCTIONS: Record<string, (A: T) => T> = {
  svdvals: (A) => L.svdvals(A),
  'matrix_norm nuc': (A) => L.matrix_norm(A, 'nuc'),
  'matrix_norm 2': (A) => L.matrix_norm(A, 2),
  'matrix_norm -2': (A) => L.matrix_norm(A, -2),
  'matrix_norm nuc keepdim dims': (A) => L.matrix_norm(A, 'nuc', [-1, -2], true),
  'norm 2': (A) => L.norm(A, 2, [-2, -1]),
  'norm nuc': (A) => L.norm(A, 'nuc', [-2, -1]),
  'torch.norm nuc': (A) => torch.norm(A, 'nuc', [-2, -1]),
  cond: (A) => L.cond(A),
  'cond -2': (A) => L.cond(A, -2),
};

const programs: Record<string, Program> = {};
for (const name of Object.keys(S)) {
  const fn = FUNCTIONS[name.split('/')[0]];
  programs[name] = (input) => {
    const A = input('A').requires_grad_(), y = fn(A), w = input('w').requires_grad_();
    const [g1] = torch.autograd.grad(y.mul(w).sum(), A, { create_graph: true }) as T[];
    const g2 = torch.autograd.grad(g1.mul(input('v')).sum(), [A, w], { create_graph: true }) as T[];
    const g3 = torch.autograd.grad(g2[0].mul(input('u')).sum().add(g2[1].mul(input('z')).sum()), [A, w]) as T[];
    const out: Record<string, unknown> = { y, g1, g2, g3 };
    if (A.dtype === torch.float64) out.gradgradcheck = torch.autograd.gradgradcheck(fn, [A.detach().requires_grad_()]);
    return out;
  };
}

describe.each(DEVICES)('create_graph through linalg.svdvals vs PyTorch on %s', (device) => {
  // third derivatives of float32 singular values: each order divides by gaps between them
  scenarioTests(S, programs, device, () => 1e-5, { rtol: tolerances.matmul.rtol * 100, atol: tolerances.matmul.atol * 100 });

});
