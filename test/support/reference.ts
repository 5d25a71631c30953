// A plain float64 statement of PyTorch's rules, independent of both devices:
// the oracle of the property tests (the js device mirrors the wasm kernels step
// by step, so agreeing with it proves nothing about a rule wrong on both).
// Row-major flat arrays; shapes as number[].

import { expect } from 'vitest';

export const numel = (s: readonly number[]): number => s.reduce((x, y) => x * y, 1);

/** Row-major strides. */
export function strides(s: readonly number[]): number[] {
  const out = new Array<number>(s.length);
  let k = 1;
  for (let d = s.length - 1; d >= 0; d--) { out[d] = k; k *= s[d]; }
  return out;
}

/** The multi-index of flat index i in shape s. */
export function unravel(i: number, s: readonly number[]): number[] {
  const idx = new Array<number>(s.length);
  for (let d = s.length - 1; d >= 0; d--) { idx[d] = i % s[d]; i = Math.floor(i / s[d]); }
  return idx;
}

/** For each element of `out`, the flat index of the element of `s` broadcast to it. */
export function broadcastIndex(s: readonly number[], out: readonly number[]): number[] {
  const st = strides(s), lead = out.length - s.length;
  return Array.from({ length: numel(out) }, (_, i) => unravel(i, out)
    .reduce((acc, v, d) => (d < lead ? acc : acc + (s[d - lead] === 1 ? 0 : v * st[d - lead])), 0));
}

/**
 * Groups of the flat indices of `s` reduced together over `dims`: one group per
 * output element, in row-major order of the output (keepdim or not).
 */
export function reduceGroups(s: readonly number[], dims: readonly number[]): number[][] {
  const keep = s.map((_, d) => !dims.includes(d));
  const outShape = s.filter((_, d) => keep[d]);
  const groups: number[][] = Array.from({ length: numel(outShape) }, () => []);
  const ost = strides(outShape);
  for (let i = 0; i < numel(s); i++) {
    const idx = unravel(i, s).filter((_, d) => keep[d]);
    groups[idx.reduce((acc, v, d) => acc + v * ost[d], 0)].push(i);
  }
  return groups;
}

/** float32 inputs, as the devices hold them. */
export const f32 = (xs: number[]): number[] => xs.map(Math.fround);

/** Expects float32 `actual` within a few float32 roundings of float64 `expected`; NaN matches NaN. */
export function expectNear(actual: ArrayLike<number>, expected: readonly number[], what: string, rtol = 3e-5, atol = 1e-6): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i], e = expected[i];
    if (Number.isNaN(e)) { expect(a, `${what}[${i}]`).toBeNaN(); continue; }
    if (a === e) continue;
    expect(Math.abs(a - e), `${what}[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(atol + rtol * Math.abs(e));
  }
}
