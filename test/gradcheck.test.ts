// Every differentiable op against finite differences, on both devices
// (support/gradcheck.ts). Inputs are kept away from kinks (|x| > 0.2 for abs
// and relu, distinct values for max) where the derivative jumps.

import { describe, it } from 'vitest';
import { torch, DEVICES } from './support/torch.js';
import { gradcheck } from './support/gradcheck.js';

const F = torch.nn.functional;

// value generator: deterministic, away from 0 and from each other
const vals = (n: number, lo = 0.3, hi = 1.7, seed = 1) =>
  Array.from({ length: n }, (_, i) => lo + ((i * 0.6180339887 + seed * 0.3) % 1) * (hi - lo));
const signed = (n: number, seed = 1) => vals(n, 0.3, 1.7, seed).map((v, i) => (i % 2 ? -v : v));

type Case = [string, (...xs: torch.Tensor[]) => torch.Tensor, number[][], number[][]];
// name, scalar function, input shapes, input values
const cases: Case[] = [
  ['add alpha broadcast', (a, b) => torch.add(a, b, { alpha: 2 }).mul(a).sum(), [[2, 3], [3]], [signed(6), signed(3, 2)]],
  ['sub broadcast', (a, b) => a.sub(b).pow(2).sum(), [[2, 1], [3]], [signed(2), signed(3, 2)]],
  ['mul broadcast', (a, b) => a.mul(b).sum(), [[2, 3], [2, 1]], [signed(6), signed(2, 2)]],
  ['div', (a, b) => a.div(b).sum(), [[4], [4]], [signed(4), vals(4)]],
  ['pow tensor', (a, b) => a.pow(b).sum(), [[3], [3]], [vals(3), signed(3, 3)]],
  ['pow scalar', (a) => a.pow(3).add(a.pow(0.5)).sum(), [[3]], [vals(3)]],
  ['rpow', (a) => torch.pow(2, a).sum(), [[3]], [signed(3)]],
  ['rsub / rdiv', (a) => torch.sub(1, a).mul(torch.div(1, a)).sum(), [[3]], [vals(3)]],
  ['maximum / minimum', (a, b) => torch.maximum(a, b).add(torch.minimum(a, b).mul(3)).sum(), [[4], [4]], [signed(4), signed(4, 5)]],
  ['clamp', (a) => a.clamp(-1, 1).mul(a).sum(), [[6]], [signed(6)]],
  ['exp log sqrt', (a) => a.exp().add(a.log()).add(a.sqrt()).sum(), [[4]], [vals(4)]],
  ['abs neg', (a) => a.abs().mul(a.neg()).sum(), [[4]], [signed(4)]],
  ['sigmoid tanh relu', (a) => a.sigmoid().add(a.tanh()).add(a.relu().mul(2)).sum(), [[6]], [signed(6)]],
  ['sum dims keepdim', (a) => a.sum(1, { keepdim: true }).mul(a).sum(), [[2, 3]], [signed(6)]],
  ['mean dim list', (a) => a.mean([0, 2]).pow(2).sum(), [[2, 3, 2]], [signed(12)]],
  ['amax', (a) => a.amax(1).pow(2).sum(), [[2, 3]], [signed(6)]],
  ['max all / max dim', (a) => a.max().add(a.max(0)[0].sum()), [[3, 2]], [signed(6)]],
  ['logsumexp', (a) => a.logsumexp(1).pow(2).sum(), [[2, 3]], [signed(6)]],
  ['softmax', (a) => torch.softmax(a, 1).mul(a).sum(), [[2, 3]], [signed(6)]],
  ['log_softmax dim 0', (a) => torch.log_softmax(a, 0).pow(2).sum(), [[3, 2]], [signed(6)]],
  ['views', (a) => a.reshape(3, 2).t().unsqueeze(0).flatten().squeeze().mul(a.view(-1)).sum(), [[2, 3]], [signed(6)]],
  ['permute transpose expand', (a) => a.permute(2, 0, 1).transpose(0, 1).expand(2, 2, 2, 2).pow(2).sum(), [[2, 1, 2]], [signed(4)]],
  ['cat stack', (a, b) => torch.cat([a, b], 0).pow(2).sum().add(torch.stack([a, a], 1).mul(2).sum()), [[2, 2], [1, 2]], [signed(4), signed(2, 3)]],
  ['matmul 2D', (a, b) => a.matmul(b).pow(2).sum(), [[2, 3], [3, 2]], [signed(6), signed(6, 2)]],
  ['matmul batched broadcast', (a, b) => torch.matmul(a, b).pow(2).sum(), [[2, 1, 2, 3], [2, 3, 2]], [signed(12), signed(12, 2)]],
  ['matmul vector', (a, b) => torch.matmul(a, b).pow(2).sum(), [[3], [3, 2]], [signed(3), signed(6, 2)]],
  ['linear', (x, w, b) => F.linear(x, w, b).pow(2).sum(), [[2, 3], [4, 3], [4]], [signed(6), signed(12, 2), signed(4, 3)]],
  ['mse_loss', (a, b) => F.mse_loss(a, b), [[5], [5]], [signed(5), signed(5, 4)]],
  ['l1_loss', (a, b) => F.l1_loss(a, b, { reduction: 'sum' }), [[5], [5]], [signed(5), signed(5, 9)]],
  ['binary_cross_entropy', (a, b) => F.binary_cross_entropy(a, b), [[4], [4]], [vals(4, 0.1, 0.9), vals(4, 0, 1, 3)]],
  ['binary_cross_entropy_with_logits', (a, b) => F.binary_cross_entropy_with_logits(a, b), [[4], [4]], [signed(4), vals(4, 0, 1, 3)]],
];

describe.each(DEVICES)('gradcheck on %s', (device) => {
  for (const [name, fn, shapes, values] of cases) {
    it(name, () => {
      const inputs = shapes.map((s, i) => torch.tensor(values[i], { device }).reshape(s));
      gradcheck(fn, inputs);
    });
  }

  it('cross_entropy and nll_loss (class targets are not differentiable)', () => {
    const target = torch.tensor([2, 0], { dtype: 'int64', device });
    const logits = torch.tensor(signed(6), { device }).reshape(2, 3);
    gradcheck((x) => F.cross_entropy(x, target), [logits]);
    gradcheck((x) => F.nll_loss(torch.log_softmax(x, 1), target, { reduction: 'sum' }), [logits]);
  });
});
