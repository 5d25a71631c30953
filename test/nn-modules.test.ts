// torch.nn modules of the normalization-and-embedding slice against real PyTorch on both devices
// (fixtures/nn_modules.json, from scripts/gen_nn_module_fixtures.py): repr, parameters and buffers
// after manual_seed (default initialisation, exactly), forward in training mode, the gradients of
// the input and every parameter, the buffers after the forward (BatchNorm's running statistics),
// and forward in eval mode; the loss modules' values and input gradients.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { buildModule } from './support/build_module.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';

const { nn } = torch;
const F = torch.nn.functional;

interface ModuleCase {
  name: string; ts: string; seed: number; repr: string; named_parameters: [string, TensorFixture][];
  named_buffers: [string, TensorFixture][]; input: TensorFixture; output: TensorFixture; grad_fn: string | null;
  upstream: TensorFixture; input_grad: TensorFixture | null; param_grads: TensorFixture[];
  buffers_after: [string, TensorFixture][]; eval_output: TensorFixture;
  /** forward's further arguments (ConvTranspose's output_size) */
  forward_args?: unknown[];
}
interface LossCase {
  name: string; ts: string; repr: string; input: TensorFixture; target: TensorFixture; output: TensorFixture;
  grad_fn: string; upstream: TensorFixture; input_grad: TensorFixture;
  /** the losses of three arguments: the third (margin ranking's target, var, negative) */
  more: TensorFixture[];
}
interface ForwardError { name: string; ts: string; input_shape: number[]; error_type: string; error: string; forward_args?: unknown[] }
interface ConstructorError { name: string; ts: string; error_type: string; error: string }
const fixture = loadFixture<{ modules: ModuleCase[]; losses: LossCase[]; forward_errors: ForwardError[]; constructor_errors: ConstructorError[]; reprs: { ts: string; repr: string }[] }>('nn_modules.json');

const build = buildModule;

const exact = { rtol: 0, atol: 0 };

describe.each(DEVICES)('nn modules (normalization, embedding, activations) vs PyTorch on %s', (device) => {
  for (const c of fixture.modules) {
    it(`${c.name}: repr, init after manual_seed(${c.seed}), forward, gradients, buffers, eval`, () => {
      torch.manual_seed(c.seed);
      const m = build(c.ts, device);
      expect(String(m)).toBe(c.repr);
      const named = m.named_parameters();
      expect(named.map(([n]) => n)).toEqual(c.named_parameters.map(([n]) => n));
      named.forEach(([n, p], i) => expectClose(p, c.named_parameters[i][1], exact, n));
      const buffers = m.named_buffers().filter(([, b]) => b.dtype === torch.float32 || b.dtype === torch.float64);
      expect(buffers.map(([n]) => n)).toEqual(c.named_buffers.map(([n]) => n));
      buffers.forEach(([n, b], i) => expectClose(b, c.named_buffers[i][1], exact, n));
      const x = fromFixture(c.input, device, c.input_grad !== null);
      const out = m.call(x, ...(c.forward_args ?? []));
      expectClose(out, c.output, tolerances.nn, 'forward');
      if (c.grad_fn) expect(out.grad_fn?.name()).toBe(c.grad_fn);
      out.backward(fromFixture(c.upstream, device, false));
      if (c.input_grad) expectClose(x.grad, c.input_grad, tolerances.nn, 'input grad');
      named.forEach(([n, p], i) => expectClose(p.grad, c.param_grads[i], tolerances.nn, `grad of ${n}`));
      m.named_buffers().filter(([, b]) => b.dtype !== torch.int64)
        .forEach(([n, b], i) => expectClose(b, c.buffers_after[i][1], tolerances.nn, `${n} after forward`));
      m.eval();
      expectClose(torch.no_grad(() => m.call(x, ...(c.forward_args ?? []))), c.eval_output, tolerances.nn, 'eval forward');
    });
  }

  for (const e of fixture.forward_errors) {
    it(`${e.name}: ${e.error_type} (the module's input rank check)`, () => {
      const m = build(e.ts, device), x = torch.randn(e.input_shape, { device });
      expectErrorLeavesEngineIntact(device, () => { m.call(x, ...(e.forward_args ?? [])); }, e);
      x.dispose();
    });
  }

  for (const e of fixture.constructor_errors) {
    it(`${e.name}: ${e.error_type} from the constructor`, () => {
      expect(() => build(e.ts, device)).toThrow(e.error);
      expect(() => build(e.ts, device)).toThrow(expect.objectContaining({ name: e.error_type }) as unknown as Error);
    });
  }

  // modules whose forward takes two inputs or gives a tuple (helper pool2): repr only
  for (const c of fixture.reprs) it(`${c.ts}: repr`, () => { expect(String(build(c.ts, device))).toBe(c.repr); });

  it('MaxUnpool1d/2d forward as F.max_unpool1d/2d, AdaptiveMaxPool2d(return_indices) as F.adaptive_max_pool2d', () => {
    const x = torch.randn([1, 2, 4, 4], { device });
    const [v, i] = torch.nn.functional.max_pool2d(x, 2, { return_indices: true }) as unknown as [torch.Tensor, torch.Tensor];
    const F = torch.nn.functional;
    expect(new nn.MaxUnpool2d(2).call(v, i, [5, 5]).tolist()).toEqual(F.max_unpool2d(v, i, 2, { output_size: [5, 5] }).tolist());
    const [v1, i1] = F.max_pool1d(x.flatten(2), 2, { return_indices: true }) as unknown as [torch.Tensor, torch.Tensor];
    expect(new nn.MaxUnpool1d(2).call(v1, i1).tolist()).toEqual(F.max_unpool1d(v1, i1, 2).tolist());
    const [a, ai] = new nn.AdaptiveMaxPool2d(3, true).call(x) as unknown as [torch.Tensor, torch.Tensor];
    const [b, bi] = F.adaptive_max_pool2d(x, 3, { return_indices: true }) as unknown as [torch.Tensor, torch.Tensor];
    expect([a.tolist(), ai.tolist()]).toEqual([b.tolist(), bi.tolist()]);
  });

  it('the pooling 2 layers by name give their functional forms\' shapes', () => {
    const v = torch.randn([2, 3, 4, 6, 6], { device }), x = v.select(2, 0), l = x.select(2, 0);
    expect(new nn.MaxPool3d(2).call(v).shape).toEqual([2, 3, 2, 3, 3]);
    expect(new nn.AvgPool3d([1, 2, 3]).call(v).shape).toEqual([2, 3, 4, 3, 2]);
    expect(new nn.AdaptiveAvgPool1d(4).call(l).shape).toEqual([2, 3, 4]);
    expect(new nn.AdaptiveMaxPool1d(2).call(l).shape).toEqual([2, 3, 2]);
    expect(new nn.AdaptiveMaxPool2d([null, 2]).call(x).shape).toEqual([2, 3, 6, 2]);
    expect(new nn.LPPool1d(2, 3).call(l).shape).toEqual([2, 3, 2]);
    expect(new nn.LPPool2d(2, [2, 3]).call(x).shape).toEqual([2, 3, 3, 2]);
  });

  // helper ebag: the module forms pass their options to F.embedding_bag and F.ctc_loss (the fixtures above hold both to PyTorch)
  it('EmbeddingBag and CTCLoss call their functional forms with their options; sparse=True raises NotImplementedError', () => {
    const F = torch.nn.functional, long = torch.long;
    const bag = new nn.EmbeddingBag(5, 3, { mode: 'sum', include_last_offset: true, device });
    const input = torch.tensor([1, 4, 4, 0], { device, dtype: long }), offsets = torch.tensor([0, 1, 4], { device, dtype: long });
    const psw = torch.tensor([0.5, 2, -1, 3], { device });
    expect(bag.call(input, offsets, psw).tolist())
      .toEqual(F.embedding_bag(input, bag.weight, offsets, { mode: 'sum', include_last_offset: true, per_sample_weights: psw }).tolist());
    const frozen = nn.EmbeddingBag.from_pretrained(torch.ones([3, 2], { device }));
    expect([frozen.weight.requires_grad, nn.EmbeddingBag.from_pretrained(torch.ones([3, 2], { device }), { freeze: false }).weight.requires_grad]).toEqual([false, true]);
    expect(() => F.embedding_bag(input, bag.weight, offsets, { sparse: true })).toThrow(torch.NotImplementedError);
    const lp = torch.randn([6, 2, 4], { device }).log_softmax(2), targets = torch.tensor([[1, 2, 2], [3, 1, 0]], { device, dtype: long });
    const options = { blank: 0, reduction: 'sum', zero_infinity: true } as const;
    expect(new nn.CTCLoss(options).call(lp, targets, [6, 5], [3, 2]).item()).toBe(F.ctc_loss(lp, targets, [6, 5], [3, 2], options).item());
    expect(new nn.CTCLoss().call(lp, targets, [6, 5], [3, 2]).item()).not.toBe(F.ctc_loss(lp, targets, [6, 5], [3, 2], options).item());
  });

  for (const c of fixture.losses) {
    it(`${c.name}: repr, value, input gradient`, () => {
      const m = build(c.ts, device);
      expect(String(m)).toBe(c.repr);
      const x = fromFixture(c.input, device, true);
      const out = m.call(x, fromFixture(c.target, device, false), ...c.more.map((t) => fromFixture(t, device, false)));
      expectClose(out, c.output, tolerances.loss, 'loss');
      expect(out.grad_fn?.name()).toBe(c.grad_fn);
      out.backward(fromFixture(c.upstream, device, false));
      expectClose(x.grad, c.input_grad, tolerances.loss, 'input grad');
    });
  }

  it('constructors by name, buffers, and modules in a Sequential', () => {
    const model = new nn.Sequential(new nn.Embedding(5, 4, { device }), new nn.LayerNorm(4, { device }), new nn.Identity(),
      new nn.Flatten(), new nn.Unflatten(1, [2, 4]), new nn.Tanh(), new nn.SiLU(), new nn.GELU(), new nn.ELU(), new nn.LeakyReLU(),
      new nn.Softplus(), new nn.Softmax(-1), new nn.LogSoftmax(-1));
    expect(model.call(torch.tensor([[1, 2], [0, 4]], { device, dtype: torch.long })).shape).toEqual([2, 2, 4]);
    for (const loss of [new nn.MSELoss(), new nn.L1Loss(), new nn.BCELoss(), new nn.BCEWithLogitsLoss()]) {
      expect(loss.call(torch.full([2], 0.5, { device }), torch.ones([2], { device })).shape).toEqual([]);
    }
    for (const loss of [new nn.NLLLoss(), new nn.CrossEntropyLoss()]) {
      expect(loss.call(torch.zeros([2, 3], { device }), torch.tensor([0, 2], { device, dtype: torch.long })).shape).toEqual([]);
    }
    // losses 2 (helper losses): each module's defaults give the F loss's default result
    const x = torch.tensor([[0.5, -1], [2, 0.25]], { device }), y = torch.tensor([[1, -1], [-1, 1]], { device });
    for (const [loss, f] of [
      [new nn.SmoothL1Loss(), F.smooth_l1_loss], [new nn.HuberLoss(), F.huber_loss], [new nn.SoftMarginLoss(), F.soft_margin_loss],
      [new nn.KLDivLoss({ reduction: 'sum' }), (a: torch.Tensor, b: torch.Tensor) => F.kl_div(a, b, { reduction: 'sum' })],
      [new nn.HingeEmbeddingLoss(), F.hinge_embedding_loss], [new nn.PoissonNLLLoss(), F.poisson_nll_loss],
      [new nn.MultiLabelSoftMarginLoss(), F.multilabel_soft_margin_loss],
    ] as const) expect(loss.call(x, y.abs()).item()).toBe(f(x, y.abs()).item());
    const labels = torch.tensor([1, 0], { device, dtype: torch.long });
    expect(new nn.MultiMarginLoss().call(x, labels).item()).toBe(F.multi_margin_loss(x, labels).item());
    const weight = torch.tensor([0.5, 2], { device });
    expect(new nn.NLLLoss({ weight }).call(x, labels).item()).toBe(F.nll_loss(x, labels, { weight }).item());
    expect(new nn.CrossEntropyLoss({ weight }).call(x, labels).item()).toBe(F.cross_entropy(x, labels, { weight }).item());
    expect(new nn.CrossEntropyLoss({ weight }).call(x, labels).item()).not.toBe(F.cross_entropy(x, labels).item());
    const p = x.sigmoid(), q = y.abs().mul(0.5);
    expect(new nn.BCELoss({ weight }).call(p, q).item()).toBe(F.binary_cross_entropy(p, q, { weight }).item());
    expect(new nn.BCEWithLogitsLoss({ weight }).call(x, q).item()).toBe(F.binary_cross_entropy_with_logits(x, q, { weight }).item());
    const multi = torch.tensor([[1, -1], [0, 1]], { device, dtype: torch.long });
    expect(new nn.MultiLabelMarginLoss().call(x, multi).item()).toBe(F.multilabel_margin_loss(x, multi).item());
    const sign = torch.tensor([1, -1], { device });
    for (const [loss, f] of [
      [new nn.MarginRankingLoss(), (a: torch.Tensor, b: torch.Tensor) => F.margin_ranking_loss(a.sum(1), b.sum(1), sign)],
      [new nn.CosineEmbeddingLoss(), (a: torch.Tensor, b: torch.Tensor) => F.cosine_embedding_loss(a, b, sign)],
      [new nn.GaussianNLLLoss(), (a: torch.Tensor, b: torch.Tensor) => F.gaussian_nll_loss(a, b, b.abs())],
      [new nn.TripletMarginLoss(), (a: torch.Tensor, b: torch.Tensor) => F.triplet_margin_loss(a, b, b.neg())],
    ] as const) {
      const third = loss instanceof nn.MarginRankingLoss || loss instanceof nn.CosineEmbeddingLoss ? sign
        : loss instanceof nn.GaussianNLLLoss ? y.abs() : y.neg();
      const [a, b] = loss instanceof nn.MarginRankingLoss ? [x.sum(1), y.sum(1)] : [x, y];
      expect(loss.call(a, b, third).item()).toBe(f(x, y).item());
    }
    class Net extends nn.Module {
      steps = this.register_buffer('steps', torch.zeros([1], { device }));
      bn = this.register_module('bn', new nn.BatchNorm2d(2, { device }));
    }
    const net = new Net();
    expect(net.named_buffers().map(([n]) => n)).toEqual(['steps', 'bn.running_mean', 'bn.running_var', 'bn.num_batches_tracked']);
    expect(net.buffers()[0]).toBe(net.steps);
    expect(net.parameters().length).toBe(2);
  });

  it('BatchNorm3d normalizes each channel over (N, D, H, W); LocalResponseNorm is F.local_response_norm', () => {
    torch.tidy(() => {
      torch.manual_seed(4);
      const x = torch.randn([3, 2, 2, 3, 2], { device }).mul(3).add(1);
      const y = new nn.BatchNorm3d(2, { device }).call(x);
      // per channel: mean 0 and biased variance 1 (up to eps)
      const m = y.mean([0, 2, 3, 4]), v = y.var([0, 2, 3, 4], { correction: 0 });
      expect(Array.from(m.dataSync()).every((a) => Math.abs(a) < 1e-5)).toBe(true);
      expect(Array.from(v.dataSync()).every((a) => Math.abs(a - 1) < 1e-3)).toBe(true);
      const lrn = new nn.LocalResponseNorm(3, { alpha: 0.1 });
      expect(torch.equal(lrn.call(x), F.local_response_norm(x, 3, 0.1))).toBe(true);
    });
  });

  it('BatchNorm counts num_batches_tracked in training mode only; train()/eval() switch the statistics', () => {
    const bn = new nn.BatchNorm1d(2, { device });
    bn.call(torch.tensor([[1, 2], [3, 5]], { device }));
    bn.call(torch.tensor([[1, 2], [3, 5]], { device }));
    expect(bn.num_batches_tracked?.item()).toBe(2);
    bn.eval();
    bn.call(torch.tensor([[1, 2], [3, 5]], { device }));
    expect(bn.num_batches_tracked?.item()).toBe(2);
    expect(bn.named_buffers().map(([n]) => n)).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
  });
});
