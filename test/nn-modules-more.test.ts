// The torch.nn modules of helper modules (activations, padding, instance and lazy normalization,
// 1-D pooling, lazy convolutions, ChannelShuffle, NLLLoss2d) against real PyTorch on both devices
// (fixtures/nn_modules_more.json, from scripts/gen_nn_more_module_fixtures.py): repr before and
// after the first forward (a lazy module becomes its target), default initialisation after
// manual_seed (exactly, lazy parameters drawn at the first forward), forward in training mode
// (RReLU's slopes from the generator), its node, the gradients of the input and every parameter,
// the buffers after the forward, eval mode; PyTorch's errors; the kinks, ±inf and NaN of the
// activations.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { buildModule as build } from './support/build_module.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';

const { nn } = torch;
const F = torch.nn.functional;

interface ModuleCase {
  name: string; ts: string; seed: number; repr: string; repr_after: string; named_parameters: [string, TensorFixture][];
  named_buffers: [string, TensorFixture][] | null; input: TensorFixture; output: TensorFixture; grad_fn: string | null;
  upstream: TensorFixture; input_grad: TensorFixture; param_grads: TensorFixture[]; buffers_after: [string, TensorFixture][];
  eval_output: TensorFixture;
}
interface LossCase {
  name: string; ts: string; repr: string; input: TensorFixture; target: TensorFixture; output: TensorFixture;
  grad_fn: string; upstream: TensorFixture; input_grad: TensorFixture;
}
interface ForwardCase { name: string; ts: string; repr: string; input: TensorFixture; output: TensorFixture }
interface ForwardError { name: string; ts: string; input_shape: number[]; error_type: string; error: string }
interface ConstructorError { name: string; ts: string; error_type: string; error: string }
const fixture = loadFixture<{
  modules: ModuleCase[]; losses: LossCase[]; forwards: ForwardCase[]; forward_errors: ForwardError[];
  constructor_errors: ConstructorError[]; reprs: { ts: string; repr: string }[];
}>('nn_modules_more.json');

const exact = { rtol: 0, atol: 0 };
/** F.prelu, F.rrelu and F.adaptive_avg_pool3d are compositions here: their last node, where PyTorch has one fused node (docs/api.md). */
const COMPOSED: Record<string, string> = {
  PreluBackward0: 'WhereBackward0', RreluWithNoiseBackward0: 'MulBackward0', AdaptiveAvgPool3DBackward0: 'ViewBackward0',
};
const floating = (m: InstanceType<typeof nn.Module>): [string, torch.Tensor][] =>
  m.named_buffers().filter(([, b]) => b.dtype === torch.float32 || b.dtype === torch.float64);

describe.each(DEVICES)('nn modules (activations, padding, instance and lazy norms, lazy convs) vs PyTorch on %s', (device) => {
  for (const c of fixture.modules) {
    it(`${c.name}: repr, init after manual_seed(${c.seed}), forward, gradients, buffers, eval`, () => {
      torch.manual_seed(c.seed);
      const m = build(c.ts, device);
      expect(String(m)).toBe(c.repr);
      if (c.named_buffers) {
        expect(floating(m).map(([n]) => n)).toEqual(c.named_buffers.map(([n]) => n));
        floating(m).forEach(([n, b], i) => expectClose(b, c.named_buffers![i][1], exact, n));
      }
      const x = fromFixture(c.input, device, true);
      torch.manual_seed(c.seed); // as the generator: the forward's draws from this state
      const out = m.call(x);
      expect(String(m)).toBe(c.repr_after);
      const named = m.named_parameters();
      expect(named.map(([n]) => n)).toEqual(c.named_parameters.map(([n]) => n));
      named.forEach(([n, p], i) => expectClose(p, c.named_parameters[i][1], exact, n));
      expectClose(out, c.output, tolerances.nn, 'forward');
      if (c.grad_fn) expect(out.grad_fn?.name()).toBe(COMPOSED[c.grad_fn] ?? c.grad_fn);
      out.backward(fromFixture(c.upstream, device, false));
      expectClose(x.grad, c.input_grad, tolerances.nn, 'input grad');
      named.forEach(([n, p], i) => expectClose(p.grad, c.param_grads[i], tolerances.nn, `grad of ${n}`));
      expect(floating(m).map(([n]) => n)).toEqual(c.buffers_after.map(([n]) => n));
      floating(m).forEach(([n, b], i) => expectClose(b, c.buffers_after[i][1], tolerances.nn, `${n} after forward`));
      m.eval();
      expectClose(torch.no_grad(() => m.call(x)), c.eval_output, tolerances.nn, 'eval forward');
    });
  }

  for (const c of fixture.forwards) {
    it(`${c.name}: repr, forward`, () => {
      const m = build(c.ts, device);
      expect(String(m)).toBe(c.repr);
      expectClose(m.call(fromFixture(c.input, device, false)), c.output, exact, 'forward');
    });
  }

  for (const c of fixture.losses) {
    it(`${c.name}: repr, value, input gradient`, () => {
      const m = build(c.ts, device);
      expect(String(m)).toBe(c.repr);
      const x = fromFixture(c.input, device, true);
      const out = m.call(x, fromFixture(c.target, device, false));
      expectClose(out, c.output, tolerances.loss, 'loss');
      expect(out.grad_fn?.name()).toBe(c.grad_fn);
      out.backward(fromFixture(c.upstream, device, false));
      expectClose(x.grad, c.input_grad, tolerances.loss, 'input grad');
    });
  }

  for (const e of fixture.forward_errors) {
    it(`${e.name}: ${e.error_type}`, () => {
      const m = build(e.ts, device), x = torch.randn(e.input_shape, { device });
      expectErrorLeavesEngineIntact(device, () => { m.call(x); }, e);
      x.dispose();
    });
  }

  for (const e of fixture.constructor_errors) {
    it(`${e.name}: ${e.error_type} from the constructor`, () => {
      expect(() => build(e.ts, device)).toThrow(expect.objectContaining({ name: e.error_type, message: e.error }) as unknown as Error);
    });
  }

  for (const c of fixture.reprs) it(`${c.ts}: repr`, () => { expect(String(build(c.ts, device))).toBe(c.repr); });

  it('CosineSimilarity is F.cosine_similarity; inplace=True writes the out-of-place result into the input', () => {
    const a = torch.randn([3, 4], { device }), b = torch.randn([3, 4], { device });
    expect(new nn.CosineSimilarity({ dim: 0 }).call(a, b).tolist()).toEqual(F.cosine_similarity(a, b, 0).tolist());
    const inplace = [new nn.ReLU6(true), new nn.SELU(true), new nn.Threshold(0, 1, true), new nn.RReLU(0.1, 0.2, true).eval()];
    const outOfPlace = [new nn.ReLU6(), new nn.SELU(), new nn.Threshold(0, 1), new nn.RReLU(0.1, 0.2).eval()];
    inplace.forEach((m, i) => {
      const x = a.clone();
      const out = m.call(x);
      expect(out).toBe(x);
      expect(x.tolist()).toEqual(outOfPlace[i].call(a).tolist());
    });
  });

  it('a lazy module holds markers, not parameters, until its first input; then it is its target class', () => {
    const conv = new nn.LazyConv2d(4, 3), bn = new nn.LazyBatchNorm1d();
    expect(conv.named_parameters()).toEqual([]);
    expect(conv.weight).toBeInstanceOf(nn.UninitializedParameter);
    expect(bn.named_buffers().map(([n]) => n)).toEqual(['num_batches_tracked']);
    conv.call(torch.randn([1, 2, 5, 5], { device }));
    bn.call(torch.randn([4, 3], { device }));
    expect(conv).toBeInstanceOf(nn.Conv2d);
    expect(conv.weight.shape).toEqual([4, 2, 3, 3]);
    expect(bn.named_buffers().map(([n]) => n)).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    expect(bn.num_batches_tracked?.item()).toBe(1);
  });
});
