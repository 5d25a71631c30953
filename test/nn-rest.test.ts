// The rest of torch.nn (helper nnrest) against real PyTorch on both devices
// (fixtures/nn_rest.json, from scripts/gen_nn_rest_fixtures.py): nn.AdaptiveMaxPool3d,
// nn.MaxUnpool3d, nn.AdaptiveLogSoftmaxWithLoss (forward's output and loss, log_prob, predict),
// F.fractional_max_pool2d/3d and nn.FractionalMaxPool2d/3d with fixed _random_samples, the max pools'
// *_with_indices forms, F.upsample_nearest / upsample_bilinear and F.relu_. Each case:
// repr and default initialisation after manual_seed (exactly), every result (values, int64 indices),
// its node, the gradients of the inputs and every parameter for random upstreams; PyTorch's errors,
// which leave the engine intact.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { buildModule } from './support/build_module.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';

const { nn } = torch;
const F = torch.nn.functional;
type Tensor = torch.Tensor;

interface CallCase {
  name: string; seed: number; module: string | null; ts: string; repr?: string; named_parameters?: [string, TensorFixture][];
  inputs: Record<string, TensorFixture>; outputs: TensorFixture[]; grad_fns: (string | null)[]; upstreams: TensorFixture[]; grads: TensorFixture[];
}
interface ErrorCase { name: string; module: string | null; ts: string; inputs: Record<string, TensorFixture>; error_type: string; error: string }
const fixture = loadFixture<{ cases: CallCase[]; errors: ErrorCase[]; reprs: { ts: string; repr: string }[] }>('nn_rest.json');

const exact = { rtol: 0, atol: 0 };
/**
 * F.fractional_max_pool2d/3d are a gather here (its view is the node) and F.interpolate's modes are
 * index_select and weighted sums, where PyTorch has one fused node (docs/api.md).
 */
const COMPOSED: Record<string, string> = {
  FractionalMaxPool2DBackward0: 'ViewBackward0', FractionalMaxPool3DBackward0: 'ViewBackward0',
  UpsampleNearest2DBackward1: 'IndexSelectBackward0', UpsampleBilinear2DBackward1: 'AddBackward0',
};

/** The call's results flattened as the generator flattens them: a tensor, a list, or forward's { output, loss }. */
function flat(r: unknown): Tensor[] {
  if (r instanceof torch.Tensor) return [r];
  if (Array.isArray(r)) return r.flatMap(flat);
  const { output, loss } = r as { output: Tensor; loss: Tensor };
  return [output, loss];
}

/** Evaluates the case's TS call with `m`, the inputs by name, torch, nn and F. */
function run(ts: string, m: unknown, inputs: Record<string, Tensor>): unknown {
  const names = Object.keys(inputs);
  return new Function('m', 'torch', 'nn', 'F', ...names, `return ${ts};`)(m, torch, nn, F, ...names.map((n) => inputs[n]));
}

function build(ts: string | null, device: 'wasm' | 'js'): InstanceType<typeof nn.Module> | null {
  return ts === null ? null : buildModule(ts, device);
}

describe.each(DEVICES)('the rest of torch.nn vs PyTorch on %s', (device) => {
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
      const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, t]) => [k, fromFixture(t, device, t.dtype === 'float32' || t.dtype === 'float64')]));
      const outs = flat(run(c.ts, m, inputs));
      expect(outs.length).toBe(c.outputs.length);
      outs.forEach((o, i) => {
        expectClose(o, c.outputs[i], tolerances.nn, `result ${i}`);
        const node = c.grad_fns[i];
        expect(o.grad_fn?.name() ?? null).toBe(node === null ? null : COMPOSED[node] ?? node);
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

  it('FractionalMaxPool2d keeps _random_samples as a buffer; without it F.fractional_max_pool2d and FractionalMaxPool3d draw windows of the requested size', () => {
    const samples = torch.rand([1, 2, 2], { device });
    expect(new nn.FractionalMaxPool2d(2, { output_size: 3, _random_samples: samples }).named_buffers().map(([n]) => n)).toEqual(['_random_samples']);
    const x = torch.randn([1, 2, 9, 9], { device });
    const y = F.fractional_max_pool2d(x, 2, { output_ratio: 0.5 });
    expect(y.shape).toEqual([1, 2, 4, 4]);
    const z = new nn.FractionalMaxPool3d(2, { output_size: [2, 3, 2] }).call(torch.randn([2, 1, 5, 6, 5], { device }));
    expect(z.shape).toEqual([2, 1, 2, 3, 2]);
  });
});
