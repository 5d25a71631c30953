// F.dropout, dropout1d, dropout2d, dropout3d, alpha_dropout, feature_alpha_dropout and the dropout modules against real PyTorch
// (fixtures/dropout.json, from scripts/gen_dropout_fixtures.py), on both devices. The fixtures'
// PyTorch draws dropout masks from torch.rand's float64 stream (no MKL; the generator checks), so
// after the same torch.manual_seed the outputs, grad_fn and input gradients are PyTorch's; the
// large cases compare the kept count and the sum. Then what holds whatever the stream: the
// gradient is the mask times the scale, channel masks are constant over the spatial dims, the kept
// fraction is within binomial bounds, alpha dropout keeps a unit normal's mean and variance.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { buildModule } from './support/build_module.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';

const { nn } = torch;
const F = torch.nn.functional;
type Kwargs = { p?: number | string; training?: boolean; inplace?: boolean };
type Fn = (x: torch.Tensor, o: { p?: number; training?: boolean; inplace?: boolean }) => torch.Tensor;

interface Case {
  name: string; call: string; kwargs: Kwargs; how: '' | 'inplace' | 'large'; seed: number; input: TensorFixture; warnings: string[];
  shape: number[]; dtype: 'float32' | 'float64'; kept: number; sum: number;
  output: TensorFixture; is_input: boolean; grad_fn: string | null; upstream?: TensorFixture; input_grad?: TensorFixture;
}
interface ErrorCase { name: string; call: string; kwargs: Kwargs; input: TensorFixture; requires_grad: boolean; error_type: string; error: string }
interface ModuleCase { name: string; ts: string; repr: string; seed: number; input: TensorFixture; output: TensorFixture; eval_is_input: boolean }
interface ModuleError { name: string; ts: string; error_type: string; error: string }
const fixture = loadFixture<{ cases: Case[]; errors: ErrorCase[]; modules: ModuleCase[]; module_errors: ModuleError[] }>('dropout.json');

// the UserWarnings printed while this file runs (each message once, as PyTorch's per call site)
const printed: string[] = [];
vi.spyOn(console, 'warn').mockImplementation((message: unknown) => { printed.push(String(message)); });

const fn = (call: string): Fn => (F as unknown as Record<string, Fn>)[call];
/** The fixture's keywords as an options object (p NaN is written "nan"). */
function opts(k: Kwargs): { p?: number; training?: boolean; inplace?: boolean } {
  const { p, ...rest } = k;
  return p === undefined ? rest : { ...rest, p: Number(p) };
}
const exact = { rtol: 0, atol: 0 };

const build = buildModule;

describe.each(DEVICES)('dropout vs PyTorch on %s', (device) => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      torch.tidy(() => {
        if (c.how === 'large') {
          torch.manual_seed(c.seed);
          const out = fn(c.call)(torch.ones(c.shape, { device, dtype: c.dtype }), opts(c.kwargs));
          expect(out.ne(0).sum().item()).toBe(c.kept);
          expect(out.double().sum().item()).toBeCloseTo(c.sum, 2);
          return;
        }
        const leaf = fromFixture(c.input, device, true);
        const x = c.how === 'inplace' ? leaf.clone() : leaf;
        torch.manual_seed(c.seed);
        const out = fn(c.call)(x, opts(c.kwargs));
        expectClose(out, c.output, c.call === 'alpha_dropout' ? tolerances.elementwise : exact, 'output');
        expect(out === x).toBe(c.is_input);
        expect(out.grad_fn?.name() ?? null).toBe(c.grad_fn);
        if (c.upstream) {
          out.backward(fromFixture(c.upstream, device, false));
          expectClose(leaf.grad, c.input_grad!, tolerances.elementwise, 'input grad');
        }
      });
    });
  }

  for (const e of fixture.errors) {
    it(`${e.name}: ${e.error_type}`, () => {
      const x = fromFixture(e.input, device, e.requires_grad);
      expectErrorLeavesEngineIntact(device, () => { fn(e.call)(x, opts(e.kwargs)); }, e);
      x.dispose();
    });
  }

  for (const m of fixture.modules) {
    it(`${m.name}: repr, training forward after manual_seed(${m.seed}), eval returns the input`, () => {
      torch.tidy(() => {
        const mod = build(m.ts, device);
        expect(String(mod)).toBe(m.repr);
        const x = fromFixture(m.input, device, false);
        torch.manual_seed(m.seed);
        expectClose(mod.call(x.clone()), m.output, tolerances.elementwise, 'training forward');
        mod.eval();
        expect(mod.call(x) === x).toBe(m.eval_is_input);
        // training again: a new tensor, or x itself when in place
        mod.train();
        expect(mod.call(x) === x).toBe((mod as unknown as { inplace: boolean }).inplace);
      });
    });
  }

  for (const e of fixture.module_errors) {
    it(`${e.name}: ${e.error_type}`, () => {
      expectErrorLeavesEngineIntact(device, () => { build(e.ts, device); }, e);
    });
  }
});

describe.each(DEVICES)('dropout properties on %s', (device) => {
  it('the gradient is the forward\'s mask times 1/(1 - p), for dropout, dropout1d and dropout2d', () => {
    torch.tidy(() => {
      torch.manual_seed(3);
      for (const [call, shape] of [['dropout', [6, 7]], ['dropout1d', [3, 4, 5]], ['dropout2d', [2, 3, 4, 2]]] as const) {
        const x = torch.randn([...shape], { device, requires_grad: true });
        const y = fn(call)(x, { p: 0.4 });
        y.sum().backward();
        // kept: y = x / 0.6 and grad 1/0.6; dropped: y = 0 and grad 0
        const g = Array.from(x.grad!.dataSync()), yv = Array.from(y.dataSync()), xv = Array.from(x.dataSync());
        const scale = Math.fround(1 / Math.fround(0.6));
        g.forEach((gi, i) => {
          expect([0, scale]).toContain(gi);
          if (gi === 0) expect(yv[i] === 0).toBe(true); // −0 for a negative x, as PyTorch's x · 0
          else expect(yv[i]).toBe(Math.fround(xv[i] * scale));
        });
      }
    });
  });

  it('F.dropout1d, F.dropout2d, F.dropout3d and F.feature_alpha_dropout treat whole channels: constant over the spatial dims', () => {
    torch.tidy(() => {
      torch.manual_seed(11);
      const ones = (shape: number[]): torch.Tensor => torch.ones(shape, { device });
      const cases: [torch.Tensor, number[]][] = [
        [F.dropout1d(ones([4, 5, 6]), 0.5), [0, 2]],
        [F.dropout2d(ones([3, 4, 2, 3]), 0.5), [0, 2]],
        [F.dropout3d(ones([2, 5, 2, 2, 3]), 0.5), [0, 2]],
        // kept: 1·a + 0 = a; dropped: 0·a + (−αa + αap) = −αa(1 − p): two values, one per channel
        [F.feature_alpha_dropout(ones([3, 4, 5]), 0.5, true), []],
      ];
      for (const [y, allowed] of cases) {
        const inner = y.shape.slice(2).reduce((a, b) => a * b, 1), v = Array.from(y.dataSync());
        for (let ch = 0; ch < v.length / inner; ch++) {
          const plane = v.slice(ch * inner, (ch + 1) * inner);
          expect(new Set(plane).size).toBe(1);
          if (allowed.length) expect(allowed).toContain(plane[0]);
        }
        if (!allowed.length) expect(new Set(v).size).toBe(2);
      }
    });
  });

  it('the kept fraction of 40000 elements is within 5 standard deviations of 1 - p', () => {
    torch.tidy(() => {
      torch.manual_seed(2024);
      const n = 40000;
      for (const p of [0.1, 0.5, 0.8]) {
        const kept = F.dropout(torch.ones([n], { device }), p).ne(0).sum().item();
        expect(Math.abs(kept - n * (1 - p))).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
      }
    });
  });

  it('modules drop in train() mode and pass the input through in eval() mode, inside a Sequential too', () => {
    torch.tidy(() => {
      torch.manual_seed(9);
      const model = new nn.Sequential(new nn.Linear(4, 6, { device }), new nn.Dropout(0.5), new nn.GroupNorm(2, 6, { device }),
        new nn.AlphaDropout(0.3), new nn.Unflatten(1, [3, 2]), new nn.Dropout1d(0.5), new nn.Unflatten(2, [2, 1]), new nn.Dropout2d(0.5),
        new nn.FeatureAlphaDropout(0.2), new nn.Unflatten(3, [1, 1]), new nn.Dropout3d(0.5));
      const x = torch.randn([5, 4], { device });
      const train = model.call(x), again = model.call(x);
      expect(train.shape).toEqual([5, 3, 2, 1, 1]);
      // training: two calls draw two masks
      expect(torch.equal(train, again)).toBe(false);
      model.eval();
      const ev = model.call(x);
      // eval: each dropout is the identity, so the result is the GroupNorm of the Linear, reshaped
      const gn = model.at(2) as InstanceType<typeof nn.GroupNorm>, lin = model.at(0) as InstanceType<typeof nn.Linear>;
      expect(torch.equal(ev, gn.call(lin.call(x)).reshape([5, 3, 2, 1, 1]))).toBe(true);
      expect(torch.equal(ev, model.call(x))).toBe(true);
    });
  });

  it('alpha_dropout keeps a unit normal\'s mean 0 and variance 1', () => {
    torch.tidy(() => {
      torch.manual_seed(5);
      const n = 100000;
      for (const p of [0.1, 0.3]) {
        const y = F.alpha_dropout(torch.randn([n], { device }).double(), p, true);
        // standard errors: about 1/sqrt(n) for the mean, sqrt(2/n) for the variance (plus the mask's)
        expect(Math.abs(y.mean().item())).toBeLessThan(0.02);
        expect(Math.abs(y.var().item() - 1)).toBeLessThan(0.03);
      }
    });
  });
});

describe('dropout2d and dropout3d warn as PyTorch', () => {
  it('every UserWarning PyTorch gave for a fixture case was printed, with its message', () => {
    const expected = [...new Set(fixture.cases.flatMap((c) => c.warnings))];
    expect(expected.length).toBeGreaterThan(0);
    for (const w of expected) expect(printed).toContain(`UserWarning: ${w}`);
  });
});
