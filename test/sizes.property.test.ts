// Random sizes and dims (ordinary, negative, fractional, NaN, ±inf, 2³¹, 2³²,
// 2⁵³) through every creation and shape function on both devices (fast-check):
// each call either raises a TorchError (never a JS TypeError/RangeError from
// inside, never a crash) or gives a tensor whose shape multiplies to its
// element count, whose storage reads back exactly that many elements, and
// whose every element is its own (the fill written, or the input's values),
// and on wasm nothing is left allocated once the call's tidy ends.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch, DEVICES, type Device } from './support/torch.js';
import { empty as jsEmpty } from '../src/js/tensor.js';

const hostile = fc.constantFrom(-1, -2, 2.5, -0.5, 1e-300, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 32 + 5, 2 ** 53);
const size = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: hostile });
const shape = fc.array(size, { maxLength: 4 });
const dim = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -4, max: 4 }) }, { weight: 1, arbitrary: hostile });
const baseShape = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 });

const product = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const sorted = (v: ArrayLike<number>) => Array.from(v).sort((a, b) => a - b);

/** Reads t back and checks its element count against its shape. */
function elements(t: torch.Tensor): number[] {
  expect(t.numel()).toBe(product(t.shape));
  const data = Array.from(t.dataSync());
  expect(data.length).toBe(t.numel());
  return data;
}

/** Runs f; a TorchError is an accepted answer, anything else thrown fails. Returns whether f succeeded. */
function raisesOrChecks(device: Device, f: () => void): boolean {
  const before = device === 'wasm' ? torch.memory(device).numTensors : 0;
  let ok = true;
  torch.tidy(() => {
    try { f(); } catch (e) {
      if (!(e instanceof torch.TorchError)) throw e;
      ok = false;
    }
  });
  if (device === 'wasm') expect(torch.memory(device).numTensors).toBe(before);
  return ok;
}

type Creation = (device: Device, s: number[], a: number, b: number) => void;
const creations: Record<string, Creation> = {
  zeros: (device, s) => expect(elements(torch.zeros(s, { device })).every((v) => v === 0)).toBe(true),
  ones: (device, s) => expect(elements(torch.ones(...s, { device })).every((v) => v === 1)).toBe(true),
  full: (device, s) => expect(elements(torch.full(s, 3.5, { device })).every((v) => v === 3.5)).toBe(true),
  rand: (device, s) => expect(elements(torch.rand(s, { device })).every((v) => v >= 0 && v < 1)).toBe(true),
  randn: (device, s) => expect(elements(torch.randn(...s, { device })).every(Number.isFinite)).toBe(true),
  eye: (device, _s, n, m) => {
    const t = torch.eye(n, m, { device });
    const cols = t.shape[1];
    expect(elements(t)).toEqual(Array.from({ length: t.numel() }, (_, i) => (i % cols === Math.floor(i / cols) ? 1 : 0)));
  },
  linspace: (device, _s, steps) => {
    const v = elements(torch.linspace(-1, 1, steps, { device }));
    expect(v.length).toBe(steps);
    if (steps > 1) expect([v[0], v[steps - 1]]).toEqual([-1, 1]);
  },
  arange: (device, _s, end) => expect(elements(torch.arange(end, { device }))).toEqual(Array.from({ length: Math.ceil(end) }, (_, i) => i)),
  'arange with a step': (device, _s, end, step) => {
    // a count within the storage limit but in the millions is a valid request, too big for a unit test
    fc.pre(!(Math.ceil(end / step) > 1e6 && Math.ceil(end / step) <= 2 ** 30));
    const v = elements(torch.arange(0, end, step, { device }));
    expect(v).toEqual(Array.from({ length: v.length }, (_, i) => Math.fround(0 + i * step)));
    expect(v.length).toBe(Math.max(0, Math.ceil(end / step)));
  },
  Linear: (device, _s, inF, outF) => {
    const fc1 = new torch.nn.Linear(inF, outF, { device });
    // parameters outlive a tidy, as in TF.js's variables: dispose them here
    try {
      expect(fc1.weight.shape).toEqual([outF, inF]);
      expect(elements(fc1.weight).every(Number.isFinite)).toBe(true);
    } finally { for (const p of fc1.parameters()) p.dispose(); }
  },
};

type ShapeOp = (x: torch.Tensor, s: number[], d0: number, d1: number) => torch.Tensor;
const shapeOps: Record<string, ShapeOp> = {
  view: (x, s) => x.view(s),
  reshape: (x, s) => x.reshape(...s),
  expand: (x, s) => x.expand(s),
  squeeze: (x, _s, d) => x.squeeze(d),
  unsqueeze: (x, _s, d) => x.unsqueeze(d),
  transpose: (x, _s, d0, d1) => x.transpose(d0, d1),
  permute: (x, s) => x.permute(s),
  flatten: (x, _s, d0, d1) => x.flatten(d0, d1),
  sum: (x, _s, d) => x.sum(d),
  'sum dims': (x, _s, d0, d1) => x.sum([d0, d1]),
  mean: (x, _s, d) => x.mean(d),
  softmax: (x, _s, d) => torch.softmax(x, d),
  cat: (x, _s, d) => torch.cat([x, x], d),
  stack: (x, _s, d) => torch.stack([x, x], d),
};

/** What a shape op's result must hold, given the input's values xs (distinct: 1..n). */
function expectOwnElements(name: string, out: number[], xs: number[]): void {
  const total = (v: number[]) => v.reduce((a, b) => a + b, 0);
  if (['view', 'reshape', 'squeeze', 'unsqueeze', 'flatten'].includes(name)) expect(out).toEqual(xs);
  else if (name === 'transpose' || name === 'permute') expect(sorted(out)).toEqual(sorted(xs));
  else if (name === 'cat' || name === 'stack') expect(sorted(out)).toEqual(sorted([...xs, ...xs]));
  else if (name === 'expand') expect(out.every((v) => xs.includes(v))).toBe(true);
  else if (name === 'sum' || name === 'sum dims') expect(total(out)).toBeCloseTo(total(xs), 3);
  else if (name === 'mean') expect(out.every((v) => v >= Math.min(...xs) - 1e-4 && v <= Math.max(...xs) + 1e-4)).toBe(true);
  else if (name === 'softmax') expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
}

describe.each(DEVICES)('random sizes on %s', (device) => {
  for (const [name, create] of Object.entries(creations)) {
    it(`${name} raises a TorchError or gives its own elements`, () => {
      fc.assert(fc.property(shape, size, size, (s, a, b) => {
        raisesOrChecks(device, () => create(device, s, a, b));
      }), { numRuns: 150 });
    });
  }
  for (const [name, op] of Object.entries(shapeOps)) {
    it(`${name} raises a TorchError or gives its own elements`, () => {
      fc.assert(fc.property(baseShape, shape, dim, dim, (base, s, d0, d1) => {
        raisesOrChecks(device, () => {
          const xs = Array.from({ length: product(base) }, (_, i) => i + 1);
          const x = torch.tensor(xs, { device }).reshape(base);
          expectOwnElements(name, elements(op(x, s, d0, d1)), xs);
        });
      }), { numRuns: 150 });
    });
  }

  it('the cases of the issue raise rather than wrap or read another tensor', () => {
    const w = torch.tensor([0.5, -1.5], { requires_grad: true, device });
    w.mul(w).sum().backward();
    for (const f of [
      () => torch.zeros([2 ** 32 + 5], { device }).add(1).sum(),
      () => torch.ones([1], { device }).expand([2 ** 32 + 1]).sum(),
      () => torch.eye(-1, { device }).expand(3, -1, -1),
      () => torch.zeros([2 ** 32], { device }),
    ]) expect(raisesOrChecks(device, f)).toBe(false);
    expect(Array.from(w.dataSync())).toEqual([0.5, -1.5]);
    w.dispose();
  });
});

describe.each(DEVICES)('result shapes beyond the storage limit on %s', (device) => {
  // 2^16 × 2^16 elements: the inputs are small, the result is not
  for (const [name, f] of [
    ['broadcast add', (a: torch.Tensor, b: torch.Tensor) => a.add(b)],
    ['mm', (a: torch.Tensor, b: torch.Tensor) => a.mm(b)],
  ] as const) {
    it(`${name} raises the out-of-memory RuntimeError before allocating`, () => {
      const a = torch.zeros([2 ** 16, 1], { device }), b = torch.zeros([1, 2 ** 16], { device });
      expect(() => f(a, b)).toThrow(/^wasmgrad: can't allocate memory: you tried to allocate 17179869184 bytes/);
      a.dispose(); b.dispose();
    });
  }
});

describe('the js device', () => {
  it('refuses storage beyond the limit itself, whatever the front end checked', () => {
    expect(() => jsEmpty([2 ** 16, 2 ** 16])).toThrow(/^wasmgrad: can't allocate memory: you tried to allocate 17179869184 bytes/);
  });
});
