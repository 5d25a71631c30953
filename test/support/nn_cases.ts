// The nn fixture harness of scripts/gen_nn_rest_fixtures.py's case format (test/nn-rest.test.ts,
// test/nn-fill.test.ts): a call written in Python and TypeScript, checked on one device for its
// module's repr and default initialisation after manual_seed, its results, nodes and gradients,
// and PyTorch's errors, which leave the engine intact.

import { it, expect } from 'vitest';
import { torch, fromFixture, expectClose, type TensorFixture } from './torch.js';
import { tolerances } from './tolerances.js';
import { buildModule } from './build_module.js';
import { expectErrorLeavesEngineIntact } from './error_cases.js';

const { nn } = torch;
const F = torch.nn.functional;
type Tensor = torch.Tensor;

export interface CallCase {
  name: string; seed: number; module: string | null; ts: string; repr?: string; named_parameters?: [string, TensorFixture][];
  inputs: Record<string, TensorFixture>; outputs: TensorFixture[]; grad_fns: (string | null)[]; upstreams: TensorFixture[]; grads: TensorFixture[];
  /** floating inputs PyTorch does not differentiate (a class weight, running statistics) */
  no_grad?: string[];
}
export interface ErrorCase { name: string; module: string | null; ts: string; inputs: Record<string, TensorFixture>; error_type: string; error: string }
export interface NnFixture { cases: CallCase[]; errors: ErrorCase[]; reprs: { ts: string; repr: string }[] }

const exact = { rtol: 0, atol: 0 };

/** The call's results flattened as the generator flattens them: a tensor, a list, or forward's { output, loss }. */
function flat(r: unknown): Tensor[] {
  if (r instanceof torch.Tensor) return [r];
  if (Array.isArray(r)) return r.flatMap(flat);
  const { output, loss } = r as { output: Tensor; loss: Tensor };
  return [output, loss];
}

/** Evaluates the case's TS call with `m`, the inputs by name, torch, nn and F. */
export function run(ts: string, m: unknown, inputs: Record<string, Tensor>): unknown {
  const names = Object.keys(inputs);
  return new Function('m', 'torch', 'nn', 'F', ...names, `return ${ts};`)(m, torch, nn, F, ...names.map((n) => inputs[n]));
}

function build(ts: string | null, device: 'wasm' | 'js'): InstanceType<typeof nn.Module> | null {
  return ts === null ? null : buildModule(ts, device);
}

/**
 * Registers the fixture's tests on device. `composed` maps a PyTorch node to wasmgrad's where
 * wasmgrad composes the op (a case name may pick its own: `composedFor`).
 */
export function nnCaseTests(fixture: NnFixture, device: 'wasm' | 'js', composed: Record<string, string>, composedFor: (c: CallCase, node: string) => string | undefined = () => undefined): void {
  for (const c of fixture.cases) {
    it(`${c.name}: repr, init after manual_seed(${c.seed}), results, node, gradients`, () => {
      torch.manual_seed(c.seed);
      const m = build(c.module, device);
      const params = m ? m.named_parameters() : [];
      if (m) {
        expect(String(m)).toBe(c.repr);
        expect(params.map(([n]) => n)).toEqual(c.named_parameters!.map(([n]) => n));
        params.forEach(([n, p], i) => expectClose(p, c.named_parameters![i][1], exact, n));
      }
      const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, t]) =>
        [k, fromFixture(t, device, (t.dtype === 'float32' || t.dtype === 'float64') && !c.no_grad?.includes(k))]));
      const outs = flat(run(c.ts, m, inputs));
      expect(outs.length).toBe(c.outputs.length);
      outs.forEach((o, i) => {
        expectClose(o, c.outputs[i], tolerances.nn, `result ${i}`);
        const node = c.grad_fns[i];
        expect(o.grad_fn?.name() ?? null).toBe(node === null ? null : composedFor(c, node) ?? composed[node] ?? node);
      });
      const wrt = [...Object.values(inputs).filter((t) => t.requires_grad), ...params.map(([, p]) => p)];
      const diff = outs.filter((o) => o.grad_fn);
      if (diff.length === 0) return;
      const total = diff.map((o, i) => o.mul(fromFixture(c.upstreams[i], device, false)).sum()).reduce((a, b) => a.add(b));
      const grads = torch.autograd.grad(total, wrt, { allow_unused: true });
      grads.forEach((g, i) => expectClose(g ?? torch.zeros_like(wrt[i]), c.grads[i], tolerances.nn, `gradient ${i}`));
    });
  }

  for (const e of fixture.errors) {
    it(`${e.name}: ${e.error_type}`, () => {
      const m = e.module === null ? null : build(e.module, device);
      const inputs = Object.fromEntries(Object.entries(e.inputs).map(([k, t]) => [k, fromFixture(t, device, false)]));
      expectErrorLeavesEngineIntact(device, () => { run(e.ts, m, inputs); }, e);
    });
  }

  for (const c of fixture.reprs) it(`${c.ts}: repr`, () => { expect(String(buildModule(c.ts, device))).toBe(c.repr); });
}
