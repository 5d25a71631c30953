// Properties over random shapes and values (fast-check): broadcasting follows
// PyTorch's rules (checked against an independent statement of them), and the
// wasm and js devices agree on every elementwise op, forward and backward.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch } from './support/torch.js';

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

const binaryOps: [string, (a: torch.Tensor, b: torch.Tensor) => torch.Tensor][] = [
  ['add', (a, b) => a.add(b, { alpha: 1.5 })], ['sub', (a, b) => a.sub(b)], ['mul', (a, b) => a.mul(b)],
  ['div', (a, b) => a.div(b)], ['pow', (a, b) => a.abs().add(0.5).pow(b)],
  ['maximum', (a, b) => torch.maximum(a, b)], ['minimum', (a, b) => torch.minimum(a, b)],
];
const unaryOps: [string, (a: torch.Tensor) => torch.Tensor][] = [
  ['neg', (a) => a.neg()], ['exp', (a) => a.exp()], ['log', (a) => a.abs().add(0.1).log()],
  ['sqrt', (a) => a.abs().sqrt()], ['abs', (a) => a.abs()], ['sigmoid', (a) => a.sigmoid()],
  ['tanh', (a) => a.tanh()], ['relu', (a) => a.relu()], ['clamp', (a) => a.clamp(-0.5, 0.7)],
  ['scalar ops', (a) => torch.sub(2, a.mul(3).add(1).div(4)).pow(2)], ['rpow', (a) => torch.pow(1.7, a)],
];

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

describe('wasm and js devices agree', () => {
  for (const [name, op] of binaryOps) {
    it(`${name} on broadcastable shapes`, () => {
      fc.assert(fc.property(shapePair.filter(([a, b]) => referenceBroadcast(a, b) !== null), ([a, b]) => {
        const [w, j] = onBoth([a, b], op);
        expectAgree(w, j);
      }), { numRuns: 60 });
    });
  }
  for (const [name, op] of unaryOps) {
    it(name, () => {
      fc.assert(fc.property(shape, (s) => {
        const [w, j] = onBoth([s], op);
        expectAgree(w, j);
      }), { numRuns: 40 });
    });
  }
  it('sum and mean over random dims', () => {
    fc.assert(fc.property(shape.filter((s) => s.length > 0), fc.boolean(), fc.nat(), (s, keepdim, pick) => {
      const dims = s.map((_, i) => i).filter((i) => (pick >> i) & 1);
      const [w, j] = onBoth([s], (a) => a.sum(dims.length ? dims : null, { keepdim }).add(a.mean(dims.length ? dims : null, { keepdim }).mul(2)).sum());
      expectAgree(w, j);
    }), { numRuns: 80 });
  });
});
