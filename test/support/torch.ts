// What every behaviour test shares: the devices to run on, decoding of the
// PyTorch fixtures, and an allclose assertion with a readable failure.

import { readFileSync } from 'node:fs';
import { expect, vi } from 'vitest';
import * as torch from '../../src/index.js';
import { float64Tolerance, type Tolerance } from './tolerances.js';

export { torch };

/** Every behaviour test runs on both devices. */
export const DEVICES = ['wasm', 'js'] as const;
export type Device = (typeof DEVICES)[number];

export interface TensorFixture {
  shape: number[];
  dtype: 'float32' | 'float64' | 'int64' | 'int32' | 'bool';
  data: (number | string)[];
  requires_grad: boolean;
}

/**
 * A newly loaded copy of wasmgrad (modules re-evaluated, a new WASM instance): its
 * once-per-process warnings have not been shown yet, so a test can require one.
 */
export async function freshTorch(): Promise<typeof torch> {
  vi.resetModules();
  return import('../../src/index.js');
}

export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}

/** A fixture number: non-finite values are written as "nan", "inf", "-inf". */
export const decodeNumber = (v: number | string): number =>
  typeof v === 'number' ? v : v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v);

export function values(t: Pick<TensorFixture, 'data'>): number[] {
  return t.data.map(decodeNumber);
}

/** A wasmgrad tensor from a fixture tensor, on `device`. */
export function fromFixture(t: TensorFixture, device: Device, requires_grad = t.requires_grad): torch.Tensor {
  const x = torch.tensor(values(t), { dtype: t.dtype, device }).reshape(t.shape);
  return requires_grad ? x.detach().requires_grad_() : x.detach();
}

/** Asserts actual ≈ expected elementwise: |a − e| ≤ atol + rtol·|e|, NaN matching NaN. */
export function expectClose(actual: torch.Tensor | null, expected: TensorFixture, tolerance: Tolerance, what = 'tensor'): void {
  const tol = expected.dtype === 'float64' ? float64Tolerance(tolerance) : tolerance;
  expect(actual, `${what} is null`).not.toBeNull();
  expect(actual!.shape, `${what} shape`).toEqual(expected.shape);
  expect(actual!.dtype.name, `${what} dtype`).toBe(expected.dtype);
  const a = Array.from(actual!.dataSync());
  const e = values(expected);
  let worst = -1, worstErr = 0;
  for (let i = 0; i < e.length; i++) {
    if (Number.isNaN(e[i]) && Number.isNaN(a[i])) continue;
    if (e[i] === a[i]) continue;
    const err = Math.abs(a[i] - e[i]) - (tol.atol + tol.rtol * Math.abs(e[i]));
    if (!(err <= 0) && (worst < 0 || err > worstErr)) { worst = i; worstErr = err; }
  }
  if (worst >= 0) {
    expect.fail(`${what}: element ${worst} is ${a[worst]}, expected ${e[worst]} (rtol ${tol.rtol}, atol ${tol.atol})`);
  }
}
