// Properties over random dtypes, shapes and values (fast-check): comparisons,
// logical ops, integer add/sub/mul and integer sums match a reference written
// here (operands promoted, then compared or computed in float64, as PyTorch
// computes in the common dtype), on both devices, which also agree; and an
// integer result beyond int32 always raises, never wraps.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch } from './support/torch.js';
import { broadcastIndex, reduceGroups } from './support/reference.js';

type Name = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';
const NAMES: Name[] = ['float32', 'float64', 'int64', 'int32', 'bool'];
/** promotion order of the five dtypes (c10's promoteTypes restricted to them) */
const RANK: Record<Name, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };

const dim = fc.integer({ min: 1, max: 3 });
const shape = fc.array(dim, { minLength: 1, maxLength: 3 });
const numel = (s: number[]) => s.reduce((x, y) => x * y, 1);
/** b broadcasts against a: some of a's dims set to 1, some leading ones dropped */
const shapePair = shape.chain((a) => fc.tuple(fc.constant(a),
  fc.array(fc.boolean(), { minLength: a.length, maxLength: a.length })
    .chain((ones) => fc.integer({ min: 0, max: a.length - 1 }).map((drop) => a.map((s, i) => (ones[i] ? 1 : s)).slice(drop)))));

/** Values a dtype holds exactly, with ties across operands (small integers) and, for floats, halves, NaN and ±inf. */
const valueOf = (d: Name) => (d === 'bool' ? fc.constantFrom(0, 1)
  : d.startsWith('int') ? fc.integer({ min: -3, max: 3 })
    : fc.oneof(fc.integer({ min: -6, max: 6 }).map((v) => v / 2), fc.constantFrom(NaN, Infinity, -Infinity)));
const tensorOf = (d: Name, s: number[]) => fc.array(valueOf(d), { minLength: numel(s), maxLength: numel(s) });

const COMPARE: Record<string, (x: number, y: number) => boolean> = {
  eq: (x, y) => x === y, ne: (x, y) => x !== y, lt: (x, y) => x < y, le: (x, y) => x <= y, gt: (x, y) => x > y, ge: (x, y) => x >= y,
  logical_and: (x, y) => x !== 0 && y !== 0, logical_or: (x, y) => x !== 0 || y !== 0, logical_xor: (x, y) => (x !== 0) !== (y !== 0),
};

const make = (v: number[], d: Name, s: number[], device: 'wasm' | 'js') => torch.tensor(v, { dtype: d, device }).reshape(s);

describe('dtypes, properties', () => {
  it('comparisons and logical ops of any two dtypes match the reference on both devices', () => {
    const arb = fc.record({ da: fc.constantFrom(...NAMES), db: fc.constantFrom(...NAMES), shapes: shapePair, op: fc.constantFrom(...Object.keys(COMPARE)) })
      .chain((r) => fc.tuple(fc.constant(r), tensorOf(r.da, r.shapes[0]), tensorOf(r.db, r.shapes[1])));
    fc.assert(fc.property(arb, ([{ da, db, shapes: [sa, sb], op }, va, vb]) => {
      // both operands' values are exact in float32, so promotion does not change them
      const ib = broadcastIndex(sb, sa);
      const want = va.map((x, i) => COMPARE[op](x, vb[ib[i]]));
      for (const device of ['wasm', 'js'] as const) {
        torch.tidy(() => {
          const out = (make(va, da, sa, device) as unknown as Record<string, (o: torch.Tensor) => torch.Tensor>)[op](make(vb, db, sb, device));
          expect([out.dtype, out.shape]).toEqual([torch.bool, sa]);
          expect(out.reshape(-1).tolist()).toEqual(want);
        });
      }
    }), { numRuns: 300 });
  });

  it('integer and bool add/sub/mul match the reference, and a result beyond int32 raises on both devices', () => {
    const ints: Name[] = ['int64', 'int32', 'bool'];
    const big = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    const arb = fc.record({ da: fc.constantFrom(...ints), db: fc.constantFrom(...ints), shapes: shapePair, op: fc.constantFrom('add', 'sub', 'mul') })
      .chain((r) => fc.tuple(fc.constant(r),
        fc.array(r.da === 'bool' ? fc.constantFrom(0, 1) : big, { minLength: numel(r.shapes[0]), maxLength: numel(r.shapes[0]) }),
        fc.array(r.db === 'bool' ? fc.constantFrom(0, 1) : big, { minLength: numel(r.shapes[1]), maxLength: numel(r.shapes[1]) })));
    fc.assert(fc.property(arb, ([{ da, db, shapes: [sa, sb], op }, va, vb]) => {
      const d = RANK[da] >= RANK[db] ? da : db;
      const ib = broadcastIndex(sb, sa);
      const f = op === 'add' ? (x: number, y: number) => x + y : op === 'sub' ? (x: number, y: number) => x - y : (x: number, y: number) => x * y;
      const exact = va.map((x, i) => f(x, vb[ib[i]]) + 0); // + 0: integers have no -0
      for (const device of ['wasm', 'js'] as const) {
        torch.tidy(() => {
          const x = make(va, da, sa, device), y = make(vb, db, sb, device);
          const run = () => (x as unknown as Record<string, (o: torch.Tensor) => torch.Tensor>)[op](y);
          if (op === 'sub' && (da === 'bool' || db === 'bool')) {
            expect(run).toThrow(/Subtraction, the `-` operator, with (a bool tensor|two bool tensors) is not supported/);
          } else if (d !== 'bool' && exact.some((v) => v < -(2 ** 31) || v > 2 ** 31 - 1)) {
            const held = torch.memory().numTensors;
            expect(run).toThrow('integer result out of range');
            expect(torch.memory().numTensors).toBe(held);
          } else {
            const out = run();
            expect([out.dtype.name, out.shape]).toEqual([d, sa]);
            expect(out.reshape(-1).tolist()).toEqual(d === 'bool' ? exact.map((v) => v !== 0) : exact);
          }
        });
      }
    }), { numRuns: 300 });
  });

  it('sums of integer and bool tensors over any dims are exact int64 on both devices', () => {
    const arb = fc.record({ d: fc.constantFrom<Name>('int64', 'int32', 'bool'), s: shape, keepdim: fc.boolean() })
      .chain((r) => fc.tuple(fc.constant(r), tensorOf(r.d, r.s), fc.subarray(r.s.map((_, i) => i))));
    fc.assert(fc.property(arb, ([{ d, s, keepdim }, v, dims]) => {
      // an empty dim list reduces every dim, as PyTorch's sum(dim=[]) does
      const want = reduceGroups(s, dims.length ? dims : s.map((_, i) => i)).map((g) => g.reduce((acc, i) => acc + v[i], 0));
      for (const device of ['wasm', 'js'] as const) {
        torch.tidy(() => {
          const out = make(v, d, s, device).sum(dims, { keepdim });
          expect(out.dtype).toBe(torch.int64);
          expect(out.reshape(-1).tolist()).toEqual(want);
        });
      }
    }), { numRuns: 300 });
  });
});
