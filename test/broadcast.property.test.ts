// Properties over random shapes and values (fast-check): broadcasting follows
// PyTorch's rules (checked against an independent statement of them), and every
// elementwise op, forward and backward, matches a float64 reference written
// here (test/support/reference.ts) on both devices, which also agree.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch } from './support/torch.js';
import { broadcastIndex, expectNear, f32 } from './support/reference.js';

/** PyTorch's broadcasting rule, stated independently of src/shape.ts: null when incompatible. */
function referenceBroadcast(a: number[], b: number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const pa = [...Array(n - a.length).fill(1), ...a];
  const pb = [...Array(n - b.length).fill(1), ...b];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (pa[i] !== pb[i] && pa[i] !== 1 && pb[i] !== 1) return null;
    out.push(pa[i] === 1 ? pb[i] : pa[i]);
  }
  return out;
}

const dim = fc.integer({ min: 1, max: 4 });
const shape = fc.array(dim, { minLength: 0, maxLength: 4 });
/** a pair of shapes that often broadcast: b is a with some dims set to 1 or dropped */
const shapePair = fc.oneof(
  fc.tuple(shape, shape),
  shape.chain((a) => fc.tuple(fc.constant(a), fc.array(fc.boolean(), { minLength: a.length, maxLength: a.length })
    .chain((ones) => fc.integer({ min: 0, max: a.length }).map((drop) => a.map((s, i) => (ones[i] ? 1 : s)).slice(drop))))),
);

const numel = (s: number[]) => s.reduce((x, y) => x * y, 1);
const valuesFor = (s: number[], seed: number) =>
  Array.from({ length: numel(s) }, (_, i) => Math.sin(seed * 7.1 + i * 1.3) * 2 + (i % 2 ? 0.37 : -0.41));

describe('broadcasting', () => {
  it('matches PyTorch\'s rule, or raises PyTorch\'s error, on both devices', () => {
    fc.assert(fc.property(shapePair, ([a, b]) => {
      const expected = referenceBroadcast(a, b);
      for (const device of ['wasm', 'js'] as const) {
        torch.tidy(() => {
          const x = torch.zeros(a, { device }), y = torch.ones(b, { device });
          if (expected === null) {
            expect(() => x.add(y)).toThrow(/^The size of tensor a \(\d+\) must match the size of tensor b \(\d+\) at non-singleton dimension \d+$/);
          } else {
            const z = x.add(y);
            expect(z.shape).toEqual(expected);
            expect(Array.from(z.dataSync()).every((v) => v === 1)).toBe(true);
          }
        });
      }
    }), { numRuns: 300 });
  });
});

/** An op as the test calls it, and as float64 math: value and partial derivatives. */
type Binary = [string, (a: torch.Tensor, b: torch.Tensor) => torch.Tensor, (x: number, y: number) => [number, number, number]];
type Unary = [string, (a: torch.Tensor) => torch.Tensor, (x: number) => [number, number]];

const binaryOps: Binary[] = [
  ['add', (a, b) => a.add(b, { alpha: 1.5 }), (x, y) => [x + 1.5 * y, 1, 1.5]],
  ['sub', (a, b) => a.sub(b), (x, y) => [x - y, 1, -1]],
  ['mul', (a, b) => a.mul(b), (x, y) => [x * y, y, x]],
  ['div', (a, b) => a.div(b), (x, y) => [x / y, 1 / y, -x / (y * y)]],
  ['pow', (a, b) => a.abs().add(0.5).pow(b), (x, y) => {
    const u = Math.abs(x) + 0.5;
    return [u ** y, y * u ** (y - 1) * Math.sign(x), u ** y * Math.log(u)];
  }],
  ['maximum', (a, b) => torch.maximum(a, b), (x, y) => [Math.max(x, y), x > y ? 1 : 0, y > x ? 1 : 0]],
  ['minimum', (a, b) => torch.minimum(a, b), (x, y) => [Math.min(x, y), x < y ? 1 : 0, y < x ? 1 : 0]],
];
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const unaryOps: Unary[] = [
  ['neg', (a) => a.neg(), (x) => [-x, -1]],
  ['exp', (a) => a.exp(), (x) => [Math.exp(x), Math.exp(x)]],
  ['log', (a) => a.abs().add(0.1).log(), (x) => [Math.log(Math.abs(x) + 0.1), Math.sign(x) / (Math.abs(x) + 0.1)]],
  ['sqrt', (a) => a.abs().sqrt(), (x) => [Math.sqrt(Math.abs(x)), Math.sign(x) / (2 * Math.sqrt(Math.abs(x)))]],
  ['abs', (a) => a.abs(), (x) => [Math.abs(x), Math.sign(x)]],
  ['sigmoid', (a) => a.sigmoid(), (x) => [sigmoid(x), sigmoid(x) * (1 - sigmoid(x))]],
  ['tanh', (a) => a.tanh(), (x) => [Math.tanh(x), 1 - Math.tanh(x) ** 2]],
  ['relu', (a) => a.relu(), (x) => [Math.max(x, 0), x > 0 ? 1 : 0]],
  ['clamp', (a) => a.clamp(-0.5, 0.7), (x) => [Math.min(Math.max(x, -0.5), 0.7), x >= -0.5 && x <= 0.7 ? 1 : 0]],
  ['scalar ops', (a) => torch.sub(2, a.mul(3).add(1).div(4)).pow(2), (x) => {
    const u = 2 - (3 * x + 1) / 4;
    return [u * u, 2 * u * (-3 / 4)];
  }],
  ['rpow', (a) => torch.pow(1.7, a), (x) => [1.7 ** x, 1.7 ** x * Math.log(1.7)]],
];

/** float64 [y, grads...] of y = f(inputs) and of Σ y² (what onBoth computes), broadcasting as PyTorch. */
function reference(shapes: number[][], f: (...xs: number[]) => number[]): number[][] {
  const out = shapes.reduce((o, s) => referenceBroadcast(o, s)!, [] as number[]);
  const xs = shapes.map((s, i) => f32(valuesFor(s, i + 1)));
  const maps = shapes.map((s) => broadcastIndex(s, out));
  const grads = xs.map((x) => x.map(() => 0));
  const y = maps[0].map((_, i) => {
    const [v, ...partials] = f(...xs.map((x, k) => x[maps[k][i]]));
    partials.forEach((p, k) => { grads[k][maps[k][i]] += 2 * v * p; });
    return v;
  });
  return [y, ...grads];
}

function expectReference(got: number[][][], want: number[][]): void {
  for (const [d, dev] of got.entries()) {
    want.forEach((w, k) => expectNear(dev[k], w, `${d ? 'js' : 'wasm'} ${k ? `grad ${k - 1}` : 'value'}`));
  }
}

/** Runs f on both devices; returns [values, grads...] per device. */
function onBoth(shapes: number[][], f: (...xs: torch.Tensor[]) => torch.Tensor): number[][][] {
  return (['wasm', 'js'] as const).map((device) => torch.tidy(() => {
    const xs = shapes.map((s, i) => torch.tensor(valuesFor(s, i + 1), { device, requires_grad: true }).reshape(s));
    // reshape makes non-leaves; take leaves so .grad is kept
    const leaves = xs.map((x) => x.detach().requires_grad_());
    const y = f(...leaves);
    y.mul(y).sum().backward();
    return [Array.from(y.dataSync()), ...leaves.map((l) => Array.from(l.grad!.dataSync()))];
  }));
}

function expectAgree(w: number[][], j: number[][]): void {
  expect(w.length).toBe(j.length);
  w.forEach((arr, k) => arr.forEach((v, i) => {
    const e = j[k][i];
    if (Number.isNaN(e)) expect(v).toBeNaN();
    else expect(Math.abs(v - e)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(e)));
  }));
}

describe('elementwise ops match a float64 reference on both devices, which agree', () => {
  for (const [name, op, math] of binaryOps) {
    it(`${name} on broadcastable shapes`, () => {
      fc.assert(fc.property(shapePair.filter(([a, b]) => referenceBroadcast(a, b) !== null), ([a, b]) => {
        const both = onBoth([a, b], op);
        expectAgree(both[0], both[1]);
        expectReference(both, reference([a, b], math));
      }), { numRuns: 60 });
    });
  }
  for (const [name, op, math] of unaryOps) {
    it(name, () => {
      fc.assert(fc.property(shape, (s) => {
        const both = onBoth([s], op);
        expectAgree(both[0], both[1]);
        expectReference(both, reference([s], math));
      }), { numRuns: 40 });
    });
  }
  it('sum and mean over random dims', () => {
    fc.assert(fc.property(shape.filter((s) => s.length > 0), fc.boolean(), fc.nat(), (s, keepdim, pick) => {
      const dims = s.map((_, i) => i).filter((i) => (pick >> i) & 1);
      const both = onBoth([s], (a) => a.sum(dims.length ? dims : null, { keepdim }).add(a.mean(dims.length ? dims : null, { keepdim }).mul(2)).sum());
      expectAgree(both[0], both[1]);
      // Σ over dims plus 2·mean over dims, summed: every element counts 1 + 2/(elements per group)
      const count = (dims.length ? dims : s.map((_, i) => i)).reduce((n, d) => n * s[d], 1);
      const x = f32(valuesFor(s, 1));
      const y = x.reduce((acc, v) => acc + v, 0) * (1 + 2 / count);
      expectReference(both, [[y], x.map(() => 2 * y * (1 + 2 / count))]);
    }), { numRuns: 80 });
  });
});
