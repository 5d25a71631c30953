// Properties over random shapes (fast-check): the wasm and js devices agree on
// matmul for every rank combination PyTorch accepts (1-D to 4-D operands,
// broadcast batch dims, empty dims), forward, backward and double backward,
// and on the grad_fn name and the error message when the shapes don't fit;
// and on cat / stack with their gradients.
//
// Values are multiples of 1/8 in [-2, 2]: every product and partial sum is
// then exact in float32, so the two devices' gemm kernels (float32 SIMD tiles
// vs float64 sums) must agree bit for bit, whatever order they add in. Each
// device must also give what a float64 reference written here gives
// (PyTorch's matmul rules: 1-D promotion, broadcast batch dims; F.linear;
// cat/stack), values and gradients, so a rule wrong on both devices fails.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch } from './support/torch.js';
import { broadcastIndex, expectNear, strides, unravel } from './support/reference.js';

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

/** float64 matmul(a, b) with PyTorch's rules, and the gradients of Σ out·u; null when the inner dims differ. */
function referenceMatmul(sa: number[], a: number[], sb: number[], b: number[], uOf: (shape: number[]) => number[]) {
  const A = sa.length === 1 ? [1, sa[0]] : sa, B = sb.length === 1 ? [sb[0], 1] : sb;
  const [n, k] = A.slice(-2), [kb, p] = B.slice(-2);
  if (k !== kb) return null;
  const ba = A.slice(0, -2), bb = B.slice(0, -2);
  const lead = Math.max(ba.length, bb.length);
  const pad = (s: number[]) => [...Array(lead - s.length).fill(1), ...s];
  const batch = pad(ba).map((x, i) => (x === 1 ? pad(bb)[i] : x));
  const shape = [...batch, ...(sa.length === 1 ? [] : [n]), ...(sb.length === 1 ? [] : [p])];
  const u = uOf(shape);
  const ia = broadcastIndex(ba, batch), ib = broadcastIndex(bb, batch);
  const out = new Array<number>(ia.length * n * p).fill(0);
  const ga = a.map(() => 0), gb = b.map(() => 0);
  ia.forEach((pa, t) => {
    const pb = ib[t];
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) {
      const o = (t * n + i) * p + j;
      for (let q = 0; q < k; q++) {
        out[o] += a[(pa * n + i) * k + q] * b[(pb * k + q) * p + j];
        ga[(pa * n + i) * k + q] += u[o] * b[(pb * k + q) * p + j];
        gb[(pb * k + q) * p + j] += u[o] * a[(pa * n + i) * k + q];
      }
    }
  });
  return { shape, out, ga, gb };
}

describe('matrix products: the float64 reference on both devices, which agree', () => {
  it('matmul of random broadcastable shapes: values, grad_fn, gradients and errors', () => {
    fc.assert(fc.property(operands, needs, fc.nat(1000), ({ a, b }, g, seed) => {
      const w = run('wasm', a, b, g, seed), j = run('js', a, b, g, seed);
      expect(w).toEqual(j);
      const ref = referenceMatmul(a, grid(a, seed), b, grid(b, seed + 1), (shape) => grid(shape, seed + 2));
      if (!ref) { expect(w.error).toBeDefined(); return; }
      expect(w.shape).toEqual(ref.shape);
      expectNear(w.out!, ref.out, 'out');
      if (g !== 'b') expectNear(w.ga!, ref.ga, 'grad a');
      if (g !== 'a') expectNear(w.gb!, ref.gb, 'grad b');
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
        // x·wᵀ + bias: a matmul with w transposed, bias added to every row
        const wv = grid([o, k], seed + 1), wt = Array.from({ length: k * o }, (_, i) => wv[(i % o) * k + Math.floor(i / o)]);
        const ref = referenceMatmul(sx, grid(sx, seed), [k, o], wt, (shape) => grid(shape, seed + 3))!;
        const bv = grid([o], seed + 2);
        const u = grid(ref.shape, seed + 3);
        expect(res[0][1]).toEqual(ref.shape);
        expectNear(res[0][2] as number[], ref.out.map((v, i) => v + (withBias ? bv[i % o] : 0)), 'linear out');
        expectNear(res[0][3] as number[], ref.ga, 'grad x');
        expectNear(res[0][4] as number[], Array.from({ length: o * k }, (_, i) => ref.gb[(i % k) * o + Math.floor(i / k)]), 'grad w');
        if (withBias) expectNear(res[0][5] as number[], bv.map((_, c) => u.filter((_, i) => i % o === c).reduce((x, y) => x + y, 0)), 'grad bias');
      },
    ), { numRuns: 150 });
  });
});

describe('cat and stack: the float64 reference on both devices, which agree', () => {
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
        // each piece's element at index idx lands at idx shifted by the pieces before it along d
        // (stack: a new dim d of size 1 per piece)
        const pieces = shapes.map((sh) => (isStack ? [...sh.slice(0, d), 1, ...sh.slice(d)] : sh));
        const outShape = pieces[0].map((v, i) => (i === d ? pieces.reduce((acc, sh) => acc + sh[d], 0) : v));
        const ost = strides(outShape), u = grid(outShape, seed + 9);
        const out = new Array<number>(outShape.reduce((x, y) => x * y, 1)).fill(0);
        let offset = 0;
        pieces.forEach((sh, t) => {
          const vals = grid(shapes[t], seed + t), grad: number[] = [];
          vals.forEach((v, i) => {
            const idx = unravel(i, sh);
            idx[d] += offset;
            const at = idx.reduce((acc, x, j) => acc + x * ost[j], 0);
            out[at] = v;
            grad.push(u[at]);
          });
          if (t % 2 === 0) expectNear(res[0][3 + t] as number[], grad, `grad of piece ${t}`);
          offset += sh[d];
        });
        expect(res[0][1]).toEqual(outShape);
        expectNear(res[0][2] as number[], out, 'cat/stack out');
      },
    ), { numRuns: 200 });
  });
});
