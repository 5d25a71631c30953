// F.gumbel_softmax, torch.pdist / F.pdist, torch.hamming_window's alpha and beta, torch.histogram /
// Tensor.histogram / torch.histogramdd, torch.unique_consecutive / Tensor.unique_consecutive,
// torch.gradient and torch.isin (helper h-fns) against PyTorch (fixtures/fns.json, from
// scripts/gen_fns_fixtures.py), on both devices: values, grad_fn, gradients, PyTorch's random
// stream (gumbel_softmax after manual_seed), errors and second derivatives.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { evaluateCase, expectCaseGrads, type OpCase, type Arg } from './support/cases.js';
import { runCall, expectErrorLeavesEngineIntact, type Call } from './support/error_cases.js';
import { tolerances } from './support/tolerances.js';

interface ErrorCase extends Call { name: string; type: string; message: string }
interface DdCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; out: TensorFixture[] }
interface SecondCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; u: TensorFixture; v: TensorFixture[]; grads: TensorFixture[] }
const F = loadFixture<{ cases: OpCase[]; random: (OpCase & { seed: number })[]; dd: DdCase[]; errors: ErrorCase[]; second: SecondCase[]; warnings: Record<string, string> }>('fns.json');

// wasmgrad composes what PyTorch runs as one node (docs/api.md): pdist is a norm over row differences
const NODE_DIFFERS: Record<string, RegExp> = {
  PdistBackward0: /^<(LinalgVectorNormBackward0|SumBackward1|AddBackward0) object>$/,
};
// PyTorch's outputs carry a node whose backward raises (histogram: NotImplemented,
// unique_consecutive: UniqueConsecutiveBackward0); wasmgrad's need no grad
const NO_NODE = /^(histogram|unique_consecutive)\//;

function check(c: OpCase, device: (typeof DEVICES)[number]): void {
  const { outs, argLeaves } = evaluateCase(c, device);
  const expected = Array.isArray(c.out) ? c.out : [c.out];
  expect(outs.length).toBe(expected.length);
  expected.forEach((e, i) => expectClose(outs[i], e, tolerances[c.family], `output ${i}`));
  const out = outs[0];
  if (NO_NODE.test(c.name)) expect(out.grad_fn).toBe(null);
  else if (c.grad_fn && NODE_DIFFERS[c.grad_fn]) expect(`${out.grad_fn}`).toMatch(NODE_DIFFERS[c.grad_fn]);
  else if (c.grad_fn) expect(`${out.grad_fn}`).toBe(`<${c.grad_fn} object>`);
  else expect(out.grad_fn).toBe(null);
  expectCaseGrads(c, device, out, argLeaves);
}

describe.each(DEVICES)('gumbel_softmax, pdist, histogram, unique_consecutive, gradient, isin against PyTorch on %s', (device) => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    torch.tidy(() => check(c, device));
  });

  it.each(F.random.map((c) => [c.name, c] as const))('%s: PyTorch\'s sample after manual_seed', (_, c) => {
    torch.tidy(() => {
      torch.manual_seed(c.seed);
      check(c, device);
    });
  });

  it.each(F.dd.map((c) => [c.name, c] as const))('%s', (_, c) => {
    torch.tidy(() => {
      const [hist, edges] = runCall(c, device) as [torch.Tensor, torch.Tensor[]];
      const outs = [hist, ...edges];
      expect(outs.length).toBe(c.out.length);
      c.out.forEach((e, i) => expectClose(outs[i], e, tolerances.reduction, `output ${i}`));
    });
  });

  it.each(F.errors.map((e) => [e.name, e] as const))('%s: PyTorch\'s error', (_, e) => {
    expectErrorLeavesEngineIntact(device, () => { runCall(e, device); }, { error: e.message, error_type: e.type });
  });

  it.each(F.second.map((c) => [c.name, c] as const))('%s: create_graph', (_, c) => {
    torch.tidy(() => {
      const { outs, argLeaves } = evaluateCase({ ...c, family: 'elementwise', out: [], grad_fn: null, upstream: null }, device);
      // the positional tensors, as the generator's second_of differentiates (a keyword's tensor comes after them)
      const leaves = argLeaves.filter((t) => t.requires_grad).slice(0, c.v.length);
      const gs = torch.autograd.grad(outs[0].mul(fromFixture(c.u, device, false)).sum(), leaves, { create_graph: true }) as torch.Tensor[];
      const total = gs.map((g, i) => g.mul(fromFixture(c.v[i], device, false)).sum()).reduce((a, b) => a.add(b));
      const seconds = torch.autograd.grad(total, leaves, { allow_unused: true }) as (torch.Tensor | null)[];
      c.grads.forEach((g, i) => expectClose(seconds[i] ?? torch.zeros_like(leaves[i]), g, tolerances.reduction, `second derivative ${i}`));
    });
  });

  it('pdist has second derivatives (PyTorch 1.13 has none for _pdist_backward): gradgradcheck', () => {
    torch.tidy(() => {
      for (const p of [2, 3, 1.5]) {
        const x = torch.randn(4, 3, { dtype: 'float64', device }).requires_grad_();
        expect(torch.autograd.gradgradcheck((t: torch.Tensor) => torch.pdist(t, p), [x]), `p ${p}`).toBe(true);
      }
    });
  });

  it('histogram returns named fields, and gumbel_softmax hard rows are one-hot', () => {
    torch.tidy(() => {
      const r = torch.histogram(torch.tensor([1, 2, 1], { device }), 2, { range: [0, 2] });
      expect(r.hist).toBe(r[0]);
      expect(r.bin_edges).toBe(r[1]);
      const y = torch.nn.functional.gumbel_softmax(torch.randn(6, 5, { device }), { hard: true });
      expect(y.sum(1).tolist()).toEqual([1, 1, 1, 1, 1, 1]);
      expect(y.eq(0).logical_or(y.eq(1)).all().item()).toBe(true);
    });
  });
});

it('gumbel_softmax warns once that eps is deprecated: PyTorch\'s UserWarning', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    torch.tidy(() => {
      const x = torch.zeros(2, 3, { device: 'wasm' });
      torch.nn.functional.gumbel_softmax(x);
      expect(warn).not.toHaveBeenCalled();
      torch.nn.functional.gumbel_softmax(x, { eps: 1e-5 });
      expect(warn).toHaveBeenCalledWith(`UserWarning: ${F.warnings['gumbel_softmax/eps']}`);
    });
  } finally {
    warn.mockRestore();
  }
});
