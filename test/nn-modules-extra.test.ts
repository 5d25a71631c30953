// The remaining torch.nn gaps (helper h-modules) against real PyTorch on both devices
// (fixtures/nn_modules_extra.json, from scripts/gen_nn_modules_extra_fixtures.py): nn.RMSNorm,
// nn.LPPool3d / F.lp_pool3d (repr, init after manual_seed, results, node, gradients, errors),
// nn.LazyConv3d / nn.LazyConvTranspose3d (parameters drawn at the first input), nn.init.sparse_
// (values and the global stream after it), and Module.to / double / float / type / cpu /
// share_memory on a net with nn.Buffer buffers: dtypes of parameters, grads and buffers, parameter
// identity, state_dict keys, outputs and an optimizer built before the conversion stepping after it.
// The fixture calls spell the names: nn.RMSNorm, nn.LPPool3d, F.lp_pool3d, nn.LazyConv3d,
// nn.LazyConvTranspose3d, nn.init.sparse_, model.to(), model.double(), model.float(), model.type(),
// model.cpu(), model.share_memory().

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { nnCaseTests, run, type NnFixture } from './support/nn_cases.js';
import { buildModule } from './support/build_module.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';

const { nn } = torch;
type Tensor = torch.Tensor;

interface LazyCase {
  name: string; seed: number; ts: string; repr: string; repr_after: string; named_parameters: [string, TensorFixture][];
  input: TensorFixture; output: TensorFixture; grad_fn: string; upstream: TensorFixture; grads: TensorFixture[];
}
interface LazyError { name: string; ts: string; input_shape: number[]; error_type: string; error: string }
interface SparseCase { name: string; seed: number; ts: string; result: TensorFixture; after: number[] }
interface ConversionCase {
  name: string; seed: number; ts: string; input: TensorFixture; dtypes: Record<string, string>; grad_dtypes: Record<string, string>;
  state_dict_keys: string[]; output: TensorFixture; params_after: [string, TensorFixture][]; buffers_after: [string, TensorFixture][];
}
const fixture = loadFixture<NnFixture & { lazy: LazyCase[]; lazy_errors: LazyError[]; sparse: SparseCase[]; conversions: ConversionCase[] }>(
  'nn_modules_extra.json');
const exact = { rtol: 0, atol: 0 };

/** The generator's Net: Linear → BatchNorm1d → ReLU → Linear, times the buffer scale plus the non-persistent buffer shift. */
class Net extends nn.Module {
  scale = new nn.Buffer(torch.full([2], 0.5)); // registers, as PyTorch 2.5's assignment does
  shift = new nn.Buffer(torch.ones(2), { persistent: false });
  fc1 = this.register_module('fc1', new nn.Linear(3, 4));
  bn = this.register_module('bn', new nn.BatchNorm1d(4));
  fc2 = this.register_module('fc2', new nn.Linear(4, 2));
  forward(x: Tensor): Tensor { return this.fc2.call(this.bn.call(this.fc1.call(x)).relu()).mul(this.scale).add(this.shift); }
}

const other = (device: 'wasm' | 'js'): 'wasm' | 'js' => (device === 'wasm' ? 'js' : 'wasm');

describe.each(DEVICES)('nn.RMSNorm, LPPool3d, Lazy*3d, init.sparse_, Buffer and Module.to vs PyTorch on %s', (device) => {
  nnCaseTests(fixture, device, {});

  for (const r of fixture.reprs) it(`repr of ${r.ts}`, () => { expect(String(buildModule(r.ts, device))).toBe(r.repr); });

  for (const c of fixture.lazy) {
    it(`${c.name}: repr before and after, parameters drawn at the first input after manual_seed(${c.seed}), forward, gradients`, () => {
      torch.manual_seed(c.seed);
      const m = buildModule(c.ts, device) as InstanceType<typeof nn.LazyConv3d>;
      expect(String(m)).toBe(c.repr);
      const x = fromFixture(c.input, device, true);
      torch.manual_seed(c.seed);
      const out = m.call(x);
      expect(String(m)).toBe(c.repr_after);
      const named = m.named_parameters();
      expect(named.map(([n]) => n)).toEqual(c.named_parameters.map(([n]) => n));
      named.forEach(([n, p], i) => expectClose(p, c.named_parameters[i][1], exact, n));
      expectClose(out, c.output, tolerances.nn, 'output');
      expect(out.grad_fn).not.toBeNull(); // conv3d and conv_transpose3d are compositions here: their node names differ (docs/api.md)
      const grads = torch.autograd.grad(out.mul(fromFixture(c.upstream, device, false)).sum(), [x, ...named.map(([, p]) => p)]);
      grads.forEach((g, i) => expectClose(g, c.grads[i], tolerances.nn, `gradient ${i}`));
    });
  }

  for (const e of fixture.lazy_errors) {
    it(`${e.name}: ${e.error_type}`, () => {
      const m = buildModule(e.ts, device);
      const x = torch.randn(e.input_shape, { device });
      expectErrorLeavesEngineIntact(device, () => { m.call(x); }, e);
    });
  }

  for (const c of fixture.sparse) {
    it(`init.${c.name} after manual_seed(${c.seed}): PyTorch's values and global stream`, () => {
      torch.manual_seed(c.seed);
      const before = torch.get_default_device();
      torch.set_default_device(device);
      try {
        const t = run(c.ts, null, {}) as Tensor;
        expect(t.device).toBe(device);
        // float64 normal draws may differ from PyTorch's in the last bit; which entries are zero may not
        expectClose(t, c.result, c.result.dtype === 'float64' ? tolerances.nn : exact, 'sparse_');
        expect(Array.from(t.eq(0).dataSync())).toEqual(Array.from(fromFixture(c.result, device, false).eq(0).dataSync()));
        expect(Array.from(torch.rand(3).dataSync())).toEqual(Array.from(Float32Array.from(c.after)));
      } finally { torch.set_default_device(before); }
    });
  }

  for (const c of fixture.conversions) {
    it(`Module.${c.name}: dtypes, parameters kept, state_dict, output, an optimizer built before stepping after`, () => {
      torch.manual_seed(c.seed);
      const before = torch.get_default_device();
      torch.set_default_device(device);
      let m: Net, x: Tensor;
      try { m = new Net(); x = fromFixture(c.input, device, false); } finally { torch.set_default_device(before); }
      const opt = new torch.optim.SGD(m.parameters(), { lr: 0.1, momentum: 0.9 });
      m.call(x).square().sum().backward();
      const params = m.named_parameters();
      const returned = run(c.ts, m, { other: other(device) as unknown as Tensor });
      expect(returned).toBe(m);
      expect(m.named_parameters().every(([n, p], i) => params[i][0] === n && params[i][1] === p)).toBe(true);
      const all = [...m.named_parameters(), ...m.named_buffers()];
      expect(Object.fromEntries(all.map(([n, t]) => [n, t.dtype.name]))).toEqual(c.dtypes);
      expect(Object.fromEntries(m.named_parameters().map(([n, p]) => [n, p.grad!.dtype.name]))).toEqual(c.grad_dtypes);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict_keys);
      const dev = m.fc1.weight.device;
      expect(new Set([...all.map(([, t]) => t.device), ...m.parameters().map((p) => p.grad!.device)])).toEqual(new Set([dev]));
      expect(m.scale).toBe(m.get_buffer('scale')); // the field follows the converted buffer
      const xs = x.to(dev, m.fc1.weight.dtype);
      expectClose(m.call(xs), c.output, tolerances.nn, 'output');
      for (let i = 0; i < 3; i++) {
        opt.zero_grad();
        m.call(xs).square().sum().backward();
        opt.step();
      }
      m.named_parameters().forEach(([n, p], i) => { expect(n).toBe(c.params_after[i][0]); expectClose(p, c.params_after[i][1], tolerances.nn, n); });
      // the running statistics start from a float32 forward (before the conversion): float32's tolerance
      m.named_buffers().forEach(([n, b], i) => {
        expect(n).toBe(c.buffers_after[i][0]);
        expectClose(b.float(), { ...c.buffers_after[i][1], dtype: 'float32' }, tolerances.nn, n);
        expect(b.dtype.name).toBe(c.buffers_after[i][1].dtype);
      });
    });
  }

  it('Module.half() and bfloat16() refuse as Tensor.half() and bfloat16() do, leaving the module as it was', () => {
    const m = buildModule('new nn.Linear(2, 3)', device);
    for (const [method, dtype] of [['half', 'float16'], ['bfloat16', 'bfloat16']] as const) {
      let tensorMessage = '';
      try { torch.ones(1)[method](); } catch (e) { tensorMessage = (e as Error).message; }
      expect(tensorMessage).toContain(`torch.${dtype}`);
      expect(() => m[method]()).toThrow(tensorMessage.replace(`Tensor.${method}`, `Module.${method}`));
      expect(m.parameters().map((p) => p.dtype.name)).toEqual(['float32', 'float32']);
    }
  });

  it('nn.Buffer shares its data\'s storage, keeps requires_grad, and gives register_buffer its persistent unless told otherwise', () => {
    const data = torch.zeros(3, { device });
    const b = new nn.Buffer(data, { persistent: false });
    data.fill_(2);
    expect(Array.from(b.dataSync())).toEqual([2, 2, 2]);
    expect(b.requires_grad).toBe(false);
    expect(new nn.Buffer(torch.ones(2, { device, requires_grad: true })).requires_grad).toBe(true);
    expect(new nn.Buffer().shape).toEqual([0]);
    const m = new nn.Module();
    m.register_buffer('a', b);
    m.register_buffer('c', new nn.Buffer(torch.ones(1, { device }), { persistent: false }), { persistent: true });
    m.register_buffer('d', new nn.Buffer(torch.ones(1, { device })));
    expect(m.named_buffers().map(([n]) => n)).toEqual(['a', 'c', 'd']);
    expect(Object.keys(m.state_dict())).toEqual(['c', 'd']);
  });

  it('Module.to(device) moves the parameters in place, their tensor hooks aside; a module converted inside tidy() outlives it', () => {
    const m = buildModule('new nn.Linear(2, 3)', device);
    const w = (m as InstanceType<typeof nn.Linear>).weight;
    torch.tidy(() => { m.to(other(device), torch.float64); });
    expect(w.isDisposed).toBe(false);
    expect([w.device, w.dtype.name, w.requires_grad, w.is_leaf]).toEqual([other(device), 'float64', true, true]);
    const y = m.call(torch.ones([1, 2], { device: other(device), dtype: 'float64' }));
    y.sum().backward();
    expect(w.grad!.dtype.name).toBe('float64');
  });
});
