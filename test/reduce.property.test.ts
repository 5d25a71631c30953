// Properties over random shapes, dims and values (fast-check): amax, max,
// logsumexp, softmax and log_softmax, forward and backward, match a float64
// reference written here (PyTorch's rules: ties share amax's and max()'s
// gradient evenly, max(dim) gives it to the first maximum) on both devices, for
// smooth values and ties (a coarse grid), and the devices agree with each other
// also on ±inf and NaN, empty inputs, and reductions over any set of dims.
// (What PyTorch gives at ±inf and NaN is the fixtures' job: test/ops.test.ts.)

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch } from './support/torch.js';
import { expectNear, f32, reduceGroups, numel as count } from './support/reference.js';

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

/** float64 [outputs..., grad] of op over groups (one per output element), for Σ out₀·w. */
type Rule = (x: number[], w: number[]) => { outs: number[][]; grad: number[] };

/** amax / max(): the maximum, its gradient shared evenly by the tied maxima. */
const amaxRule = (groups: number[][]): Rule => (x, w) => {
  const grad = x.map(() => 0);
  const out = groups.map((g, o) => {
    const m = Math.max(...g.map((i) => x[i]));
    const ties = g.filter((i) => x[i] === m);
    for (const i of ties) grad[i] += w[o] / ties.length;
    return m;
  });
  return { outs: [out], grad };
};
/** max(dim): values and the index of the first maximum, which takes the gradient. */
const maxDimRule = (groups: number[][], stride: number, size: number): Rule => (x, w) => {
  const grad = x.map(() => 0);
  const idx: number[] = [];
  const out = groups.map((g, o) => {
    let best = 0;
    for (let k = 1; k < g.length; k++) if (x[g[k]] > x[g[best]]) best = k;
    grad[g[best]] += w[o];
    idx.push(Math.floor(g[best] / stride) % size);
    return x[g[best]];
  });
  return { outs: [out, idx], grad };
};
const logsumexpRule = (groups: number[][]): Rule => (x, w) => {
  const grad = x.map(() => 0);
  const out = groups.map((g, o) => {
    const m = Math.max(...g.map((i) => x[i]));
    const lse = m + Math.log(g.reduce((acc, i) => acc + Math.exp(x[i] - m), 0));
    for (const i of g) grad[i] += w[o] * Math.exp(x[i] - lse);
    return lse;
  });
  return { outs: [out], grad };
};
/** softmax / log_softmax along the groups (each group one softmax row), gradient of Σ out·w. */
const softmaxRule = (groups: number[][], log: boolean): Rule => (x, w) => {
  const out = x.map(() => 0), grad = x.map(() => 0);
  for (const g of groups) {
    const m = Math.max(...g.map((i) => x[i]));
    const z = g.reduce((acc, i) => acc + Math.exp(x[i] - m), 0);
    for (const i of g) out[i] = log ? x[i] - m - Math.log(z) : Math.exp(x[i] - m) / z;
    if (log) {
      const sw = g.reduce((acc, i) => acc + w[i], 0);
      for (const i of g) grad[i] = w[i] - Math.exp(out[i]) * sw;
    } else {
      const dot = g.reduce((acc, i) => acc + w[i] * out[i], 0);
      for (const i of g) grad[i] = out[i] * (w[i] - dot);
    }
  }
  return { outs: [out], grad };
};

/** Checks both devices' [outputs..., grad] against the rule (smooth and tied values only). */
function expectRule(got: number[][][], values: number[], outLen: number, rule: Rule): void {
  const x = f32(values);
  const { outs, grad } = rule(x, f32(smooth([outLen], 9)));
  got.forEach((dev, d) => {
    outs.forEach((o, k) => expectNear(dev[k], o, `${d ? 'js' : 'wasm'} output ${k}`));
    expectNear(dev[outs.length], grad, `${d ? 'js' : 'wasm'} grad`);
  });
}

const dimList = (s: number[], pick: number): number[] => (dimsOf(s, pick) ?? s.map((_, i) => i)).map((d) => (d < 0 ? d + s.length : d));

describe('amax, max, logsumexp, softmax and log_softmax: the float64 reference on both devices, which agree', () => {
  it('amax over random dims, with ties, infinities and NaN', () => {
    fc.assert(fc.property(shape, fc.nat(511), fc.boolean(), kind, (s, pick, keepdim, k) => {
      const v = valuesOf(k, s, pick);
      const got = onBoth(s, v, (x) => [x.amax(dimsOf(s, pick), { keepdim })]);
      expectAgree(got);
      const groups = reduceGroups(s, dimList(s, pick));
      if (k < 2) expectRule(got, v, groups.length, amaxRule(groups));
    }), { numRuns: 150 });
  });

  it('max of all elements, with ties, infinities and NaN', () => {
    fc.assert(fc.property(shape, fc.nat(), kind, (s, seed, k) => {
      const v = valuesOf(k, s, seed);
      const got = onBoth(s, v, (x) => [x.max()]);
      expectAgree(got);
      if (k < 2) expectRule(got, v, 1, amaxRule([v.map((_, i) => i)]));
    }), { numRuns: 80 });
  });

  it('max along a dim (values and indices), with ties, infinities and NaN', () => {
    fc.assert(fc.property(shape, fc.nat(), fc.boolean(), kind, (s, seed, keepdim, k) => {
      const v = valuesOf(k, s, seed);
      const dim = s.length ? (seed % (2 * s.length)) - s.length : 0;
      const got = onBoth(s, v, (x) => x.max(dim, { keepdim }));
      expectAgree(got);
      const d = dim < 0 ? dim + s.length : dim;
      const groups = reduceGroups(s, s.length ? [d] : []);
      const stride = count(s.slice(d + 1));
      if (k < 2) expectRule(got, v, groups.length, maxDimRule(groups, stride, s.length ? s[d] : 1));
    }), { numRuns: 150 });
  });

  it('logsumexp over random dims, also of empty, large and infinite inputs', () => {
    fc.assert(fc.property(shapeOrEmpty, fc.nat(511), fc.boolean(), fc.constantFrom(1, 40), kind, (s, pick, keepdim, scale, k) => {
      const v = valuesOf(k, s, pick).map((e) => e * scale);
      const got = onBoth(s, v, (x) => [x.logsumexp(dimsOf(s, pick) ?? s.map((_, i) => i), { keepdim })]);
      expectAgree(got);
      const groups = reduceGroups(s, dimList(s, pick));
      if (k < 2 && count(s) > 0) expectRule(got, v, groups.length, logsumexpRule(groups));
    }), { numRuns: 150 });
  });

  for (const name of ['softmax', 'log_softmax'] as const) {
    it(`${name} along any dim`, () => {
      fc.assert(fc.property(shapeOrEmpty, fc.nat(), fc.constantFrom(1, 40), kind, (s, seed, scale, k) => {
        const v = valuesOf(k, s, seed).map((e) => e * scale);
        const dim = s.length ? (seed % (2 * s.length)) - s.length : 0;
        const got = onBoth(s, v, (x) => [x[name](dim)]);
        expectAgree(got);
        const d = dim < 0 ? dim + s.length : dim;
        // one softmax row per group of the other dims' index
        const rows = reduceGroups(s, s.length ? [d] : []);
        if (k < 2) expectRule(got, v, count(s), softmaxRule(rows, name === 'log_softmax'));
      }), { numRuns: 150 });
    });
  }
});
