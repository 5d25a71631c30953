// Properties over random shapes, dims and values (fast-check): the wasm and
// js devices agree on amax, max, logsumexp, softmax and log_softmax, forward
// and backward, including ties (values drawn from a coarse grid), ±inf and
// NaN, empty inputs, and reductions over any set of dims.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch } from './support/torch.js';

const shape = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 4 });
/** shapes that may hold a 0-size dim, for the ops that accept empty input */
const shapeOrEmpty = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 });

const numel = (s: number[]) => s.reduce((x, y) => x * y, 1);
const smooth = (s: number[], seed: number) =>
  Array.from({ length: numel(s) }, (_, i) => Math.sin(seed * 7.1 + i * 1.3) * 3 + (i % 2 ? 0.37 : -0.41));
/** few distinct values, so maxima tie often */
const coarse = (s: number[], seed: number) => smooth(s, seed).map((v) => Math.round(v));

/** some values replaced by ±inf and NaN, which the max-based ops must propagate as PyTorch does */
const special = (s: number[], seed: number) =>
  smooth(s, seed).map((v, i) => [Infinity, -Infinity, NaN][(i * 7 + seed) % 11] ?? v);
const valuesOf = (kind: number, s: number[], seed: number) =>
  kind === 0 ? smooth(s, seed) : kind === 1 ? coarse(s, seed) : special(s, seed);
const kind = fc.integer({ min: 0, max: 2 });

/** Dims picked by the bits of `pick`, or null (all dims) when none is picked. */
const dimsOf = (s: number[], pick: number) => {
  const d = s.map((_, i) => i).filter((i) => (pick >> i) & 1).map((i) => (pick & 256 ? i - s.length : i));
  return d.length ? d : null;
};

/** Runs f on both devices; returns [outputs..., grad] per device (grad of Σ out₀·w, w a fixed weighting). */
function onBoth(s: number[], values: number[], f: (x: torch.Tensor) => torch.Tensor[]): number[][][] {
  return (['wasm', 'js'] as const).map((device) => torch.tidy(() => {
    const x = torch.tensor(values, { device }).reshape(s).detach().requires_grad_();
    const outs = f(x);
    const y = outs[0];
    const w = torch.tensor(smooth(y.shape, 9), { device }).reshape(y.shape);
    y.mul(w).sum().backward();
    return [...outs.map((o) => Array.from(o.dataSync())), Array.from(x.grad!.dataSync())];
  }));
}

function expectAgree([w, j]: number[][][]): void {
  expect(w.length).toBe(j.length);
  w.forEach((arr, k) => {
    expect(arr.length).toBe(j[k].length);
    arr.forEach((v, i) => {
      const e = j[k][i];
      if (Number.isNaN(e)) expect(v).toBeNaN();
      else if (v !== e) expect(Math.abs(v - e)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(e)));
    });
  });
}

describe('wasm and js devices agree', () => {
  it('amax over random dims, with ties, infinities and NaN', () => {
    fc.assert(fc.property(shape, fc.nat(511), fc.boolean(), kind, (s, pick, keepdim, k) => {
      const v = valuesOf(k, s, pick);
      expectAgree(onBoth(s, v, (x) => [x.amax(dimsOf(s, pick), { keepdim })]));
    }), { numRuns: 150 });
  });

  it('max of all elements, with ties, infinities and NaN', () => {
    fc.assert(fc.property(shape, fc.nat(), kind, (s, seed, k) => {
      const v = valuesOf(k, s, seed);
      expectAgree(onBoth(s, v, (x) => [x.max()]));
    }), { numRuns: 80 });
  });

  it('max along a dim (values and indices), with ties, infinities and NaN', () => {
    fc.assert(fc.property(shape, fc.nat(), fc.boolean(), kind, (s, seed, keepdim, k) => {
      const v = valuesOf(k, s, seed);
      const dim = s.length ? (seed % (2 * s.length)) - s.length : 0;
      expectAgree(onBoth(s, v, (x) => x.max(dim, { keepdim })));
    }), { numRuns: 150 });
  });

  it('logsumexp over random dims, also of empty, large and infinite inputs', () => {
    fc.assert(fc.property(shapeOrEmpty, fc.nat(511), fc.boolean(), fc.constantFrom(1, 40), kind, (s, pick, keepdim, scale, k) => {
      const v = valuesOf(k, s, pick).map((e) => e * scale);
      expectAgree(onBoth(s, v, (x) => [x.logsumexp(dimsOf(s, pick) ?? s.map((_, i) => i), { keepdim })]));
    }), { numRuns: 150 });
  });

  for (const name of ['softmax', 'log_softmax'] as const) {
    it(`${name} along any dim`, () => {
      fc.assert(fc.property(shapeOrEmpty, fc.nat(), fc.constantFrom(1, 40), kind, (s, seed, scale, k) => {
        const v = valuesOf(k, s, seed).map((e) => e * scale);
        const dim = s.length ? (seed % (2 * s.length)) - s.length : 0;
        expectAgree(onBoth(s, v, (x) => [x[name](dim)]));
      }), { numRuns: 150 });
    });
  }
});
