// Leak checks of the wasm device: every op family, forward and backward in
// torch.tidy, repeated, must leave torch.memory('wasm') flat (tensors, tape
// records and allocator bytes): with retain_graph, with autograd.grad, with
// intermediates disposed before backward, and after errors.

import { describe, it, expect } from 'vitest';
import { torch } from './support/torch.js';

const F = torch.nn.functional;
const device = 'wasm';

const snapshot = () => {
  const m = torch.memory('wasm');
  return { numTensors: m.numTensors, numRecords: m.numRecords, numBytes: m.numBytes, heapBytesInUse: m.heapBytesInUse };
};

/** Runs fn twice to warm up (tensor table, worklists), then 50 times: memory must not move. */
function expectFlat(fn: () => void): void {
  fn(); fn();
  const before = snapshot();
  for (let i = 0; i < 50; i++) fn();
  expect(snapshot()).toEqual(before);
}

type Family = [string, (x: torch.Tensor, w: torch.Tensor) => torch.Tensor];
const families: Family[] = [
  ['add/sub', (x, w) => x.add(w, { alpha: 2 }).sub(w.sum(0)).sum()],
  ['mul/div', (x, w) => x.mul(w).div(w.abs().add(1)).sum()],
  ['pow', (x, w) => x.abs().add(0.5).pow(w).sum()],
  ['maximum/minimum', (x, w) => x.maximum(w).add(x.minimum(w)).sum()],
  ['scalar ops', (x) => x.add(1).sub(2).mul(3).div(4).pow(2).clamp(0, 1).sum()],
  ['rsub/rpow', (x) => torch.sub(2, x).add(torch.pow(2, x)).sum()],
  ['unary', (x) => x.neg().exp().log().sqrt().abs().sigmoid().tanh().relu().sum()],
  ['sum/mean/amax/max/logsumexp', (x) =>
    x.sum(1).mean().add(x.mean(0, true).sum()).add(x.amax(1).sum()).add(x.max()).add(x.logsumexp(1).sum())],
  ['max(dim)', (x) => x.max(1)[0].sum()],
  ['softmax/log_softmax', (x) => x.softmax(1).mul(x.log_softmax(0)).sum()],
  ['views and permutes', (x) =>
    x.reshape(-1).view(3, 4).unsqueeze(0).squeeze(0).flatten().reshape(3, 4).t().transpose(0, 1).permute(1, 0).expand(2, 4, 3).clone().sum()],
  ['cat/stack', (x, w) => torch.cat([x, w], 0).sum().add(torch.stack([x, w], 1).sum())],
  ['mm/bmm/mv/dot/matmul', (x, w) =>
    x.mm(w.t()).sum().add(x.unsqueeze(0).bmm(w.t().unsqueeze(0)).sum()).add(x.mv(w.sum(0)).sum())
      .add(x.reshape(-1).dot(w.reshape(-1))).add(x.matmul(w.t()).sum())],
  ['linear', (x, w) => F.linear(x, w.t().matmul(w), w.sum(0)).sum()],
  ['mse_loss', (x, w) => F.mse_loss(x, w).add(F.mse_loss(x, w, { reduction: 'none' }).sum())],
  ['binary_cross_entropy(_with_logits)', (x, w) =>
    F.binary_cross_entropy(x.sigmoid(), w.sigmoid()).add(F.binary_cross_entropy_with_logits(x, w.sigmoid(), { reduction: 'sum' }))],
  ['nll_loss/cross_entropy', (x) =>
    F.nll_loss(x.log_softmax(1), torch.tensor([0, 1, 3], { dtype: 'int64', device }))
      .add(F.cross_entropy(x, torch.tensor([1, -100, 0], { dtype: 'int64', device })))],
  // ternary and linalg 2
  ['where/lerp/addcmul/addcdiv', (x, w) =>
    torch.where(x.gt(0), x, w).add(torch.where(x.gt(0), x, 0.5)).add(torch.lerp(x, w, 0.3)).add(torch.lerp(x, w, w.sigmoid()))
      .add(torch.addcmul(x, x, w, { value: 2 })).add(torch.addcdiv(x, x, w.abs().add(1))).sum()],
  ['addmv/baddbmm/addbmm', (x, w) =>
    torch.addmv(x.sum(1), x, w.sum(0), { beta: 0.5 }).sum().add(torch.baddbmm(x.sum(1), x.unsqueeze(0), w.t().unsqueeze(0)).sum())
      .add(torch.addbmm(x.sum(1), torch.stack([x, w]), torch.stack([w.t(), x.t()]), { alpha: 2 }).sum())],
  ['glu/cross/norm/cdist/cosine_similarity', (x, w) =>
    F.glu(x).sum().add(torch.linalg.cross(x.narrow(1, 0, 3), w.narrow(1, 0, 3)).sum()).add(F.normalize(x, { p: Infinity }).sum())
      .add(F.pairwise_distance(x, w).sum()).add(torch.cdist(x, w).sum()).add(F.cosine_similarity(x, w).sum())],
  ['einsum/tensordot/kron/outer/matrix_power/stacks', (x, w) =>
    torch.einsum('ij,kj,kl->il', x, w, x).sum().add(torch.tensordot(x, w, [[1], [1]]).sum()).add(torch.kron(x, w).sum())
      .add(torch.outer(x.sum(1), w.sum(0)).sum()).add(torch.matrix_power(x.matmul(w.t()), 5).sum()).add(torch.inner(x, w).sum())
      .add(torch.dstack([x, w]).sum()).add(torch.column_stack([x.sum(1), w]).sum()).add(torch.meshgrid(x.sum(1), w.sum(0))[0].sum())],
];

describe('wasm memory stays flat', () => {
  describe.each(families)('%s', (_name, f) => {
    const params = () => [
      torch.randn([3, 4], { requires_grad: true, device }),
      torch.randn([3, 4], { requires_grad: true, device }),
    ];
    it('forward + backward in tidy', () => {
      expectFlat(() => torch.tidy(() => { const [x, w] = params(); f(x, w).backward(); }));
    });
    it('backward twice with retain_graph', () => {
      expectFlat(() => torch.tidy(() => {
        const [x, w] = params();
        const y = f(x, w);
        y.backward({ retain_graph: true });
        y.backward();
      }));
    });
    it('autograd.grad, with and without retain_graph', () => {
      expectFlat(() => torch.tidy(() => {
        const [x, w] = params();
        const y = f(x, w);
        torch.autograd.grad(y, [x], { retain_graph: true, allow_unused: true });
        torch.autograd.grad(y, [x, w], { allow_unused: true });
      }));
    });
    it('a graph dropped without backward', () => {
      expectFlat(() => torch.tidy(() => { const [x, w] = params(); f(x, w); }));
    });
  });
});

describe('wasm memory stays flat around autograd', () => {
  it('intermediates disposed before backward (records adopt saved results)', () => {
    expectFlat(() => torch.tidy(() => {
      const x = torch.randn([5], { requires_grad: true, device });
      const e = x.exp();
      const s = e.sigmoid();
      const t = s.tanh();
      const y = t.mul(e).sum();
      e.dispose(); s.dispose(); t.dispose();
      y.backward({ retain_graph: true });
      torch.autograd.grad(y, [x]);
      expect(() => y.backward()).toThrow(/backward through the graph a second time/);
    }));
  });

  it('the root disposed before its inputs, without backward', () => {
    expectFlat(() => {
      const x = torch.randn([5], { requires_grad: true, device });
      const e = x.exp();
      const y = e.sum();
      y.dispose(); x.dispose(); e.dispose();
    });
  });

  it('retain_grad on non-leaves', () => {
    expectFlat(() => torch.tidy(() => {
      const x = torch.randn([5], { requires_grad: true, device });
      const h = x.exp();
      h.retain_grad();
      const y = h.sum();
      y.backward({ retain_graph: true });
      y.backward();
    }));
  });

  it('backward(inputs=...) into an empty and an existing .grad', () => {
    expectFlat(() => torch.tidy(() => {
      const x = torch.randn([5], { requires_grad: true, device });
      const w = torch.randn([5], { requires_grad: true, device });
      const y = x.mul(w).sum();
      y.backward({ inputs: [x, x], retain_graph: true });
      y.backward({ inputs: [x] });
    }));
  });

  it('autograd.grad with a repeated input, an output as input, and int64 seeds', () => {
    expectFlat(() => torch.tidy(() => {
      const x = torch.randn([5], { requires_grad: true, device });
      const y = x.mul(x);
      torch.autograd.grad(y.sum(), [x, x, y], { retain_graph: true });
      torch.autograd.grad(y, [y, x], { grad_outputs: torch.ones([5], { dtype: 'int64', device }) });
      x.mul(2).backward(torch.ones([5], { dtype: 'int64', device }));
    }));
  });

  it('the seed of a leaf root is copied, not adopted', () => {
    expectFlat(() => torch.tidy(() => {
      const x = torch.randn([5], { requires_grad: true, device });
      const g = torch.ones([5], { device });
      x.backward(g);
      x.mul(1).backward(g);
      torch.autograd.grad(x, [x], { grad_outputs: g });
    }));
  });

  it('errors: backward twice, unused inputs, invalid ops', () => {
    expectFlat(() => torch.tidy(() => {
      const x = torch.randn([5], { requires_grad: true, device });
      const w = torch.randn([5], { requires_grad: true, device });
      const y = x.exp().sum();
      y.backward();
      expect(() => y.backward()).toThrow(/second time/);
      expect(() => torch.autograd.grad(x.mul(2).sum(), [x, w])).toThrow(/appears to not have been used/);
      expect(() => x.add(torch.ones([4], { device }))).toThrow();
      expect(() => x.mm(x)).toThrow();
      expect(() => x.sum(3)).toThrow();
      expect(() => { x.grad = torch.ones([5], { dtype: 'int64', device }); }).toThrow();
    }));
  });

  it('cat and stack of mixed dtypes free their conversions', () => {
    expectFlat(() => torch.tidy(() => {
      const f = torch.randn([2, 3], { requires_grad: true, device });
      const i = torch.ones([2, 3], { dtype: 'int64', device });
      torch.cat([f, i]).sum().add(torch.stack([i, f]).sum()).backward();
    }));
  });

  it('losses free their internal temporaries outside tidy too (broadcast mse_loss, l1_loss)', () => {
    const warn = console.warn;
    console.warn = () => {}; // the broadcast warning
    try {
      expectFlat(() => {
        const x = torch.randn([3, 4], { requires_grad: true, device });
        const t = torch.randn([4], { device });
        const c = torch.tensor([0, 1, 2], { dtype: 'int64', device });
        const losses = [F.mse_loss(x, t), F.l1_loss(x, t), F.l1_loss(x, t, { reduction: 'none' }), F.cross_entropy(x, c)];
        losses[0].backward();
        torch.dispose([x, t, c, losses]);
      });
    } finally {
      console.warn = warn;
    }
  });

  it('optimizers, with zero_grad both ways', () => {
    const w = torch.randn([5], { requires_grad: true, device });
    const opts = [new torch.optim.SGD([w], { lr: 0.1, momentum: 0.9 }), new torch.optim.Adam([w], { lr: 0.1 })];
    for (const setToNone of [true, false]) {
      for (const opt of opts) {
        expectFlat(() => torch.tidy(() => {
          opt.zero_grad(setToNone);
          w.mul(w).sum().backward();
          opt.step();
        }));
      }
    }
    w.grad = null;
    w.dispose();
  });
});
