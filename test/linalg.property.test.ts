// Properties over random shapes (fast-check): the wasm and js devices agree on
// matmul for every rank combination PyTorch accepts (1-D to 4-D operands,
// broadcast batch dims, empty dims), forward, backward and double backward,
// and on the grad_fn name and the error message when the shapes don't fit;
// and on cat / stack with their gradients.
//
// Values are multiples of 1/8 in [-2, 2]: every product and partial sum is
// then exact in float32, so the two devices' gemm kernels (float32 SIMD tiles
// vs float64 sums) must agree bit for bit, whatever order they add in.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch } from './support/torch.js';

const numel = (s: number[]) => s.reduce((x, y) => x * y, 1);
/** multiples of 1/8 in [-2, 2], deterministic in (seed, i) */
const grid = (s: number[], seed: number) =>
  Array.from({ length: numel(s) }, (_, i) => (((seed * 31 + i * 17 + ((i * i) % 7)) % 33) - 16) / 8);

/** a matrix dim: mostly small (gemm's skinny loops), sometimes past its 4×8 tiles (the packed path) */
const dim = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 3 }, { arbitrary: fc.integer({ min: 5, max: 20 }), weight: 1 });

/**
 * Two matmul operand shapes: ranks 1-4, matrix dims 0-20, batch dims that
 * broadcast (a random subset of each operand's batch dims set to 1, or
 * dropped from the front); with `bad`, the inner dims may not match.
 */
const operands = fc.record({
  ra: fc.integer({ min: 1, max: 4 }),
  rb: fc.integer({ min: 1, max: 4 }),
  n: dim,
  k: dim,
  p: dim,
  batch: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
  onesA: fc.nat(3),
  onesB: fc.nat(3),
  kb: dim,
  bad: fc.boolean(),
}).map(({ ra, rb, n, k, p, batch, onesA, onesB, kb, bad }) => {
  const batchOf = (r: number, ones: number) => {
    const dims = batch.slice(batch.length - Math.max(r - 2, 0));
    return dims.map((d, i) => ((ones >> i) & 1 ? 1 : d));
  };
  const kk = bad ? kb : k;
  const a = ra === 1 ? [k] : [...batchOf(ra, onesA), n, k];
  const b = rb === 1 ? [kk] : [...batchOf(rb, onesB), kk, p];
  return { a, b };
});

type Grads = 'both' | 'a' | 'b';
const needs = fc.constantFrom<Grads>('both', 'a', 'b');

function createGraphSupported(): boolean {
  const x = torch.tensor([1], { device: 'js' }).requires_grad_();
  try {
    torch.autograd.grad(x.mul(2).sum(), [x], { create_graph: true });
    return true;
  } catch (e) {
    if (e instanceof torch.NotImplementedError) return false;
    throw e;
  }
}

interface Run { error?: string; name?: string; shape?: number[]; out?: number[]; ga?: number[]; gb?: number[] }

/** matmul(a, b) on one device: output, grad_fn, and the gradients of Σ out·u. */
function run(device: 'wasm' | 'js', sa: number[], sb: number[], g: Grads, seed: number): Run {
  return torch.tidy(() => {
    const a = torch.tensor(grid(sa, seed), { device }).reshape(sa).requires_grad_(g !== 'b');
    const b = torch.tensor(grid(sb, seed + 1), { device }).reshape(sb).requires_grad_(g !== 'a');
    let y: torch.Tensor;
    try {
      y = torch.matmul(a, b);
    } catch (e) {
      return { error: (e as Error).message };
    }
    const u = torch.tensor(grid(y.shape, seed + 2), { device }).reshape(y.shape);
    y.mul(u).sum().backward();
    return {
      name: y.grad_fn?.name(), shape: y.shape, out: Array.from(y.dataSync()),
      ga: a.grad ? Array.from(a.grad.dataSync()) : undefined,
      gb: b.grad ? Array.from(b.grad.dataSync()) : undefined,
    };
  });
}

describe('wasm and js devices agree on matrix products', () => {
  it('matmul of random broadcastable shapes: values, grad_fn, gradients and errors', () => {
    fc.assert(fc.property(operands, needs, fc.nat(1000), ({ a, b }, g, seed) => {
      const w = run('wasm', a, b, g, seed), j = run('js', a, b, g, seed);
      expect(w).toEqual(j);
    }), { numRuns: 300 });
  });

  // create_graph (higher-order gradients) is the next issue's work: this runs as
  // soon as src/autograd.ts accepts it, and is skipped (reported) until then
  it.skipIf(!createGraphSupported())('matmul backward with create_graph: second derivatives agree', () => {
    fc.assert(fc.property(operands, fc.nat(1000), ({ a: sa, b: sb }, seed) => {
      const res = (['wasm', 'js'] as const).map((device) => torch.tidy(() => {
        const a = torch.tensor(grid(sa, seed), { device }).reshape(sa).requires_grad_();
        const b = torch.tensor(grid(sb, seed + 1), { device }).reshape(sb).requires_grad_();
        let y: torch.Tensor;
        try { y = torch.matmul(a, b); } catch (e) { return [(e as Error).message]; }
        const u = torch.tensor(grid(y.shape, seed + 2), { device }).reshape(y.shape);
        const [ga] = torch.autograd.grad(y.mul(u).sum(), [a], { create_graph: true });
        // d/db Σ (∂/∂a Σ y·u)·v
        const v = torch.tensor(grid(sa, seed + 3), { device }).reshape(sa);
        ga!.mul(v).sum().backward();
        return [Array.from(ga!.dataSync()), b.grad ? Array.from(b.grad.dataSync()) : null];
      }));
      expect(res[0]).toEqual(res[1]);
    }), { numRuns: 100 });
  });

  it('F.linear with and without bias, 1-D to 4-D input', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 }),
      fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), fc.nat(1000),
      (lead, k, o, withBias, seed) => {
        const sx = [...lead, k];
        const res = (['wasm', 'js'] as const).map((device) => torch.tidy(() => {
          const x = torch.tensor(grid(sx, seed), { device }).reshape(sx).requires_grad_();
          const w = torch.tensor(grid([o, k], seed + 1), { device }).reshape([o, k]).requires_grad_();
          const bias = withBias ? torch.tensor(grid([o], seed + 2), { device }).requires_grad_() : null;
          const y = torch.nn.functional.linear(x, w, bias);
          const u = torch.tensor(grid(y.shape, seed + 3), { device }).reshape(y.shape);
          y.mul(u).sum().backward();
          return [y.grad_fn?.name(), y.shape, Array.from(y.dataSync()), ...[x, w, bias].map((t) => (t ? Array.from(t.grad!.dataSync()) : null))];
        }));
        expect(res[0]).toEqual(res[1]);
      },
    ), { numRuns: 150 });
  });
});

describe('wasm and js devices agree on cat and stack', () => {
  it('cat / stack of random tensors along any dim, with gradients', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
      fc.nat(8), fc.boolean(), fc.nat(1000),
      (base, sizes, dimPick, isStack, seed) => {
        const nd = isStack ? base.length + 1 : base.length;
        const dim = (dimPick % (2 * nd)) - nd;
        const d = dim < 0 ? dim + base.length + (isStack ? 1 : 0) : dim;
        const shapes = sizes.map((s) => (isStack ? base : base.map((b, i) => (i === d ? s : b))));
        const res = (['wasm', 'js'] as const).map((device) => torch.tidy(() => {
          const ts = shapes.map((s, i) => torch.tensor(grid(s, seed + i), { device }).reshape(s).requires_grad_(i % 2 === 0));
          const y = isStack ? torch.stack(ts, dim) : torch.cat(ts, dim);
          const u = torch.tensor(grid(y.shape, seed + 9), { device }).reshape(y.shape);
          y.mul(u).sum().backward();
          return [y.grad_fn?.name(), y.shape, Array.from(y.dataSync()), ...ts.map((t) => (t.grad ? Array.from(t.grad.dataSync()) : null))];
        }));
        expect(res[0]).toEqual(res[1]);
      },
    ), { numRuns: 200 });
  });
});
