// Random programs over the op table (fast-check), on both devices:
// - well-typed ones (chains of the table's elementwise ops, with broadcasting,
//   numbers and keyword forms) give the same values and gradients on wasm and
//   js: bit for bit where the kernels are arithmetic, within the transcendental
//   bounds otherwise, and NaN / ±inf at the same places;
// - ill-typed calls (any op of the table, arguments of the wrong kinds, unknown
//   keywords, too many or too few) raise torch's TypeError, RuntimeError,
//   IndexError, ValueError or NotImplementedError, never another exception,
//   never a silent NaN result, and leave nothing allocated on wasm.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch, type Device } from './support/torch.js';
import { schemas } from '../src/ops/schemas.generated.js';

type Fn = (...args: unknown[]) => torch.Tensor;
const T = torch as unknown as Record<string, Fn>;
const F = torch.nn.functional as unknown as Record<string, Fn>;
const S = torch.special as unknown as Record<string, Fn>;
// rows named special_x are torch.special.x (scripts/gen_ops.ts)
const fn = (name: string): Fn => T[name] ?? F[name] ?? S[name.replace(/^special_/, '')];

const names = Object.keys(schemas) as (keyof typeof schemas)[];
/** The table's functions by how they are called: one tensor (numbers defaulted), two tensors. */
const unaryNames = names.filter((n) => schemas[n].some((s) => s.params.length >= 1 && s.params[0].type === 'Tensor'
  && s.params.slice(1).every((p) => typeof p.default !== 'symbol')));
const binaryNames = names.filter((n) => schemas[n].some((s) => s.params.length >= 2 && s.params[0].type === 'Tensor'
  && s.params[1].type === 'Tensor'));

const values = fc.array(fc.float({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 6 });

interface Step { name: string; binary: boolean; keyword: boolean }
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ name: fc.constantFrom(...unaryNames), binary: fc.constant(false), keyword: fc.boolean() }),
  fc.record({ name: fc.constantFrom(...binaryNames), binary: fc.constant(true), keyword: fc.boolean() }),
);

/**
 * Runs the program on one device: its result's values and the input's gradient, or the
 * NotImplementedError of a row whose derivative PyTorch does not implement (igamma's input).
 */
function run(device: Device, xs: number[], ys: number[], steps: Step[]): { out: number[]; grad: number[]; error?: string } {
  return torch.tidy(() => {
    const x = torch.tensor(xs, { device, requires_grad: true });
    const y = torch.tensor(ys.slice(0, 1), { device }); // broadcasts against anything
    let t = x;
    for (const s of steps) {
      const f = fn(s.name);
      const sc = schemas[s.name as keyof typeof schemas].find((c) => !s.binary || c.params[1]?.type === 'Tensor')!;
      const [first, second] = [sc.params[0].name, sc.params[1]?.name];
      if (s.binary) t = s.keyword ? f({ [first]: t, [second]: y }) : f(t, y);
      else t = s.keyword ? f({ [first]: t }) : f(t);
    }
    const out = Array.from(t.dataSync());
    try {
      t.sum().backward();
    } catch (e) {
      if (!(e instanceof torch.NotImplementedError)) throw e;
      return { out, grad: [], error: e.message };
    }
    return { out, grad: Array.from(x.grad!.dataSync()) };
  });
}

/** Same NaN and ±inf places; finite values within the transcendental bound, compounded. */
function expectAgree(a: number[], b: number[], what: string): void {
  expect(a.length, what).toBe(b.length);
  a.forEach((v, i) => {
    const w = b[i];
    if (!Number.isFinite(v) || !Number.isFinite(w)) {
      expect(Object.is(v, w) || (Number.isNaN(v) && Number.isNaN(w)), `${what}[${i}]: ${v} vs ${w}`).toBe(true);
    } else {
      expect(Math.abs(v - w) <= 2e-5 * Math.max(Math.abs(v), Math.abs(w)) + 1e-5, `${what}[${i}]: ${v} vs ${w}`).toBe(true);
    }
  });
}

describe('random programs over the op table', () => {
  it('well-typed chains give the same values and gradients on wasm and js', () => {
    fc.assert(fc.property(values, values, fc.array(step, { minLength: 1, maxLength: 3 }), (xs, ys, steps) => {
      const w = run('wasm', xs, ys, steps), j = run('js', xs, ys, steps);
      expectAgree(w.out, j.out, `out of ${steps.map((s) => s.name).join(' → ')}`);
      expectAgree(w.grad, j.grad, `grad of ${steps.map((s) => s.name).join(' → ')}`);
      expect(w.error, 'the same refusal on both devices').toBe(j.error);
    }), { numRuns: 300 });
  });

  const hostile = fc.oneof(
    fc.constantFrom<unknown>('a', '', null, undefined, NaN, Infinity, true, [1, 2], [[1]], {}, { bogus: 1 }, () => 1, 2 ** 53),
    fc.integer(), fc.double(),
  );
  const kwargs = fc.dictionary(fc.constantFrom('input', 'other', 'alpha', 'beta', 'bogus', 'dim', 'inplace', 'lambd'), hostile, { maxKeys: 2 });
  const allowed = ['TypeError', 'RuntimeError', 'IndexError', 'ValueError', 'NotImplementedError'];

  it.each(['wasm', 'js'] as const)('ill-typed calls raise torch errors, never NaN or a crash, and free everything (%s)', (device) => {
    fc.assert(fc.property(
      fc.constantFrom(...names), fc.array(hostile, { maxLength: 4 }), kwargs, fc.boolean(), fc.boolean(),
      (name, args, kw, withTensor, asMethod) => {
        const before = device === 'wasm' ? torch.memory(device).numTensors : 0;
        torch.tidy(() => {
          const x = torch.tensor([0.5, -1.5, 2], { device });
          const call = (): unknown => {
            const all = Object.keys(kw).length ? [...args, kw] : args;
            if (asMethod) {
              const m = (x as unknown as Record<string, Fn>)[name];
              return typeof m === 'function' ? m.apply(x, all) : fn(name)(x, ...all);
            }
            return fn(name)(...(withTensor ? [x, ...all] : all));
          };
          try {
            const r = call();
            // an accidentally well-typed call: a tensor, and nothing a schema refuses was taken
            // (a str, a dict, a function, a list where a number belongs: PyTorch raises for each)
            expect(r).toBeInstanceOf(torch.Tensor);
            // (an empty trailing {} is JS's "no keyword arguments", taken everywhere)
            const last = args[args.length - 1];
            const emptyOptions = typeof last === 'object' && last !== null && !Array.isArray(last) && Object.keys(last).length === 0;
            const taken = [...(emptyOptions ? args.slice(0, -1) : args), ...Object.values(kw)];
            expect(taken.filter((v) => typeof v === 'string' || typeof v === 'function' || Array.isArray(v)
              || (typeof v === 'object' && v !== null)), `${name} accepted ${String(taken)}`).toEqual([]);
            expect(Object.keys(kw).filter((k) => !schemas[name].some((sc) => sc.params.some((p) => p.name === k))),
              `${name} accepted unknown keywords`).toEqual([]);
          } catch (e) {
            expect(e, `${name}(${String(args)}) threw ${String(e)}`).toBeInstanceOf(torch.TorchError);
            expect(allowed).toContain((e as Error).name);
          }
        });
        if (device === 'wasm') expect(torch.memory(device).numTensors).toBe(before);
      },
    ), { numRuns: 400 });
  });

  it('covers the table: unary and binary forms to draw from', () => {
    expect(unaryNames.length).toBeGreaterThan(40);
    expect(binaryNames.length).toBeGreaterThan(5);
  });
});
