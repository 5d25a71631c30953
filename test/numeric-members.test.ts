// The numeric members of torch.Tensor and their torch.* forms (src/ops/numeric_members.ts; helper
// h-numeric) against PyTorch (fixtures/numeric.json, from scripts/gen_numeric_fixtures.py), on both
// devices: values, grad_fn, gradients, predicates, errors and second derivatives (create_graph).
// fmax, fmin and logaddexp2 are op-table rows: their first-order fixtures are in test/table-ops.test.ts.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { evaluateCase, expectCaseGrads, type OpCase, type Arg } from './support/cases.js';
import { runCall, decode, expectErrorLeavesEngineIntact, type Call } from './support/error_cases.js';
import { tolerances } from './support/tolerances.js';

interface ErrorCase extends Call { name: string; type: string; message: string }
interface ValueCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; value: unknown }
interface SecondCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; u: TensorFixture; v: TensorFixture[]; grads: TensorFixture[] }
const F = loadFixture<{ cases: OpCase[]; values: ValueCase[]; errors: ErrorCase[]; second: SecondCase[] }>('numeric.json');

// where wasmgrad's top node is the op PyTorch's single node composes (docs/api.md says so)
const NODE_DIFFERS: Record<string, string> = {
  VdotBackward0: 'DotBackward0', DistBackward0: 'LinalgVectorNormBackward0', AddrBackward0: 'AddBackward0',
  FrexpBackward0: 'MulBackward0', MvlgammaBackward0: 'AddBackward0', PreluBackward0: 'WhereBackward0',
  RenormBackward0: 'MulBackward0', SqueezeBackward3: 'SqueezeBackward1', // quantile: ATen squeezes in place (squeeze_), wasmgrad out of place
};
// floor_divide: PyTorch records a NotImplemented node (its backward raises); wasmgrad's result needs no grad
const NO_NODE = new Set(['NotImplemented']);

// bit-exact results: one ulp of nextafter, a rounding step of floor_divide, frexp's split
const EXACT = /^(nextafter|floor_divide|frexp)/;

describe.each(DEVICES)('numeric members against PyTorch on %s', (device) => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    torch.tidy(() => {
      const { outs, argLeaves } = evaluateCase(c, device);
      const expected = Array.isArray(c.out) ? c.out : [c.out];
      const tol = EXACT.test(c.name) ? { rtol: 0, atol: 0 } : tolerances[c.family as keyof typeof tolerances];
      expected.forEach((e, i) => expectClose(outs[i], e, tol, `output ${i}`));
      const out = outs[0];
      if (c.grad_fn && !NO_NODE.has(c.grad_fn)) {
        expect(`${out.grad_fn}`).toBe(`<${NODE_DIFFERS[c.grad_fn] ?? c.grad_fn} object>`);
      } else {
        expect(out.grad_fn).toBe(null);
      }
      expectCaseGrads(c, device, out, argLeaves);
    });
  });

  it.each(F.values.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const [x, prop] = c.args;
    const got = c.call === 'Tensor.__property__' ? (decode(x, device) as unknown as Record<string, unknown>)[prop as string] : runCall(c, device);
    expect(got).toEqual(c.value);
  });

  it.each(F.errors.map((e) => [e.name, e] as const))('%s: PyTorch\'s error', (_, e) => {
    // x.name_(...) on a copy of x (scripts/gen_numeric_fixtures.py)
    const run = (): unknown => {
      if (e.call !== 'Tensor.__inplace__') return runCall(e, device);
      const [x, method, ...rest] = e.args.map((a) => decode(a, device));
      return ((x as torch.Tensor).clone() as unknown as Record<string, (...a: unknown[]) => unknown>)[method as string](...rest);
    };
    expectErrorLeavesEngineIntact(device, () => { run(); }, { error: e.message, error_type: e.type });
  });

  it.each(F.second.map((c) => [c.name, c] as const))('%s: create_graph', (_, c) => {
    torch.tidy(() => {
      const { outs, argLeaves } = evaluateCase({ ...c, family: 'elementwise', out: [], grad_fn: null, upstream: null }, device);
      const leaves = argLeaves.filter((t) => t.requires_grad);
      const u = fromFixture(c.u, device, false);
      const gs = torch.autograd.grad(outs[0].mul(u).sum(), leaves, { create_graph: true }) as torch.Tensor[];
      const total = gs.map((g, i) => g.mul(fromFixture(c.v[i], device, false)).sum()).reduce((a, b) => a.add(b));
      const seconds = torch.autograd.grad(total, leaves, { allow_unused: true }) as (torch.Tensor | null)[];
      c.grads.forEach((g, i) => expectClose(seconds[i] ?? torch.zeros_like(leaves[i]), g, tolerances.reduction, `second derivative ${i}`));
    });
  });

  it('the dtype conversions wasmgrad cannot hold raise, naming the dtype', () => {
    const x = torch.ones(2, { device });
    const calls: [() => unknown, string, string][] = [[() => x.byte(), 'byte', 'uint8'], [() => x.char(), 'char', 'int8'],
      [() => x.short(), 'short', 'int16'], [() => x.half(), 'half', 'float16'], [() => x.bfloat16(), 'bfloat16', 'bfloat16']];
    for (const [run, method, dtype] of calls) {
      expect(run).toThrowError(new RegExp(`^wasmgrad: Tensor\\.${method}\\(\\) converts to torch\\.${dtype}, which wasmgrad does not hold`));
    }
  });

  it('cpu() is the tensor itself, as PyTorch\'s cpu() of a CPU tensor', () => {
    const x = torch.ones(2, { device });
    expect(x.cpu()).toBe(x);
    expect(x.positive()).toBe(x);
  });
});
