// Autograd corner cases, dtype promotion, retain_grad and API edges that once
// differed from PyTorch (expected values: the "corner_cases" section of
// test/fixtures/ops.json, from scripts/gen_fixtures.py corner_case_fixtures(), and its
// "scenarios" from scenario_fixtures()).

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';

const R = loadFixture('ops.json').corner_cases as Record<string, TensorFixture & TensorFixture[]>;
const exact = { rtol: 0, atol: 0 };
const S = loadFixture('ops.json').scenarios;

describe.each(DEVICES)('autograd corner cases on %s', (device) => {
  const leaf = () => fromFixture(R.x, device);

  it('autograd.grad of an output with respect to itself is the seed, counted once', () => {
    torch.tidy(() => {
      const x = leaf();
      const y = x.mul(2);
      const [g] = torch.autograd.grad(y, [y], { grad_outputs: fromFixture(R.seed, device), retain_graph: true });
      expectClose(g, R.grad_y_wrt_y, exact, 'dy/dy');
      const ys = x.mul(2).sum();
      expectClose(torch.autograd.grad(ys, [ys])[0], R.grad_scalar_wrt_itself, exact, 'ds/ds');
      // and other roots still add their part
      const y2 = x.mul(2);
      expectClose(torch.autograd.grad([y2.sum(), y2.mul(3).sum()], [y2])[0], R.grad_two_roots_wrt_first, exact, 'two roots');
    });
  });

  it('autograd.grad with the same tensor listed twice returns its gradient twice', () => {
    torch.tidy(() => {
      const x = leaf();
      const gs = torch.autograd.grad(x.mul(x).sum(), [x, x]);
      expect(gs).toHaveLength(2);
      expectClose(gs[0], R.grad_dup_inputs[0], exact, 'first');
      expectClose(gs[1], R.grad_dup_inputs[1], exact, 'second');
      gs[0]!.dispose();
      expectClose(gs[1], R.grad_dup_inputs[1], exact, 'second after disposing the first');
    });
  });

  it('backward(inputs) accumulates once per tensor, and in place into an existing .grad', () => {
    torch.tidy(() => {
      const x = leaf();
      const z = x.mul(x).sum();
      z.backward({ inputs: [x, x], retain_graph: true });
      expectClose(x.grad, R.backward_dup_inputs, exact, 'x.grad');
      const g = x.grad!;
      z.backward({ inputs: [x] });
      expectClose(x.grad, R.backward_inputs_twice, exact, 'x.grad after a second backward');
      expect(x.grad).toBe(g);
    });
  });

  it('an int64 gradient is cast to float32 (backward and autograd.grad)', () => {
    torch.tidy(() => {
      const x = leaf();
      const seed = fromFixture(R.int_seed, device);
      x.mul(2).backward(seed);
      expectClose(x.grad, R.grad_int_seed, exact, 'backward');
      expectClose(torch.autograd.grad(x.mul(2), [x], { grad_outputs: seed })[0], R.autograd_grad_int_seed, exact, 'grad');
    });
  });

  it('the grad setter refuses a tensor of another dtype, and the tensor itself', () => {
    torch.tidy(() => {
      const x = leaf();
      expect(() => { x.grad = torch.tensor([1, 2], { dtype: 'int64', device }); }).toThrow('assigned grad has data of a different type');
      expect(() => { x.grad = x; }).toThrow("can't assign Variable as its own grad");
      expect(() => { x.grad = torch.ones([3], { device }); }).toThrow('assigned grad has data of a different size');
      expect(x.grad).toBeNull();
    });
  });

  it('zero_grad(false) zeroes .grad in place', () => {
    torch.tidy(() => {
      const x = leaf();
      x.mul(x).sum().backward();
      const g = x.grad!;
      const opt = new torch.optim.SGD([x], { lr: 0.1 });
      opt.zero_grad(false);
      expect(x.grad).toBe(g);
      expect(g.tolist()).toEqual(S['corner-cases/zero_grad(False)'].values.grad);
    });
  });
});

describe.each(DEVICES)('dtype promotion on %s', (device) => {
  it('cat and stack of int64 and float32 give float32', () => {
    torch.tidy(() => {
      const f = fromFixture(R.f, device), i = fromFixture(R.i, device);
      expectClose(torch.cat([f, i]), R.cat_fi, exact, 'cat([f, i])');
      expectClose(torch.cat([i, f], 1), R.cat_if, exact, 'cat([i, f], 1)');
      expectClose(torch.stack([i, f], 1), R.stack_if, exact, 'stack([i, f], 1)');
    });
  });
});

describe.each(DEVICES)('retain_grad on %s', (device) => {
  it('accumulates out of place: a .grad held from an earlier backward keeps its values', () => {
    torch.tidy(() => {
      const x = fromFixture(R.x, device);
      const y = x.mul(2);
      y.retain_grad();
      const s = y.mul(y).sum();
      s.backward({ retain_graph: true });
      const g1 = y.grad!;
      expectClose(g1, R.retained_first, exact, 'first');
      s.backward();
      expectClose(g1, R.retained_held, exact, 'held');
      expectClose(y.grad, R.retained_second, exact, 'second');
    });
  });

  it('keeps a copy of the seed, not the seed itself', () => {
    torch.tidy(() => {
      const x = fromFixture(R.x, device);
      const y = x.mul(2);
      y.retain_grad();
      const seed = fromFixture(R.seed, device);
      y.backward(seed);
      expect(y.grad).not.toBe(seed);
      seed.dispose();
      expectClose(y.grad, R.seed, exact, 'y.grad');
    });
  });
});

describe.each(DEVICES)('API rough edges on %s', (device) => {
  const F = torch.nn.functional;

  it('losses refuse PyTorch options they do not implement rather than ignoring them', () => {
    torch.tidy(() => {
      const x = torch.randn([2, 3], { device });
      const y = torch.tensor([0, 2], { dtype: 'int64', device });
      const opts = (o: object) => o as never;
      expect(() => F.mse_loss(x, x, opts({ size_average: false }))).toThrow(/size_average=/);
      expect(() => F.nll_loss(x, y, opts({ reduce: false }))).toThrow(/reduce=/);
      // the defaults are fine
      F.cross_entropy(x, y, opts({ label_smoothing: 0, weight: null }));
    });
  });

  it('nn.Linear takes bias positionally', () => {
    const m = new torch.nn.Linear(2, 3, false);
    expect(m.bias).toBeNull();
    expect(m.parameters()).toHaveLength(1);
    torch.dispose(m.parameters());
  });
});

describe.each(DEVICES)('slices read their own tensor whatever its id, on %s', (device) => {
  // a slice once scaled its start by the tensor's id instead of its dtype: the tensor with
  // id 2 read 8-byte strides, another tensor's memory or its own wrong elements
  it('narrow, select and index of many tensors (ids 1 and up) give their own elements and gradients', () => {
    torch.tidy(() => {
      for (let i = 0; i < 40; i++) {
        const values = Array.from({ length: 8 }, (_, j) => i * 8 + j);
        const dtype = i % 2 ? torch.float64 : torch.float32;
        const t = torch.tensor(values, { device, dtype, requires_grad: true });
        expect(t.narrow(0, 2, 3).tolist()).toEqual(values.slice(2, 5));
        expect(t.select(0, 5).item()).toBe(values[5]);
        expect(t.index(['1:7:2']).tolist()).toEqual([values[1], values[3], values[5]]);
        t.narrow(0, 6, 2).sum().backward();
        expect(t.grad!.tolist()).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
      }
    });
  });
});
