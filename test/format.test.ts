import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import './support/torch.js'; // the package's entry first: src/ has import cycles that only it orders
import { formatTensor, pyExponential, pyFixed } from '../src/format.js';

// Every expected string comes from real PyTorch 1.13: ops.json from scripts/gen_fixtures.py,
// format.json from scripts/gen_format_fixtures.py.

type Dtype = 'float32' | 'int64';
type Value = number | 'nan' | 'inf' | '-inf';
interface Tens {
  shape: number[];
  dtype: Dtype;
  data: Value[];
  requires_grad?: boolean;
}
type ReprEntry =
  | { tensor: Tens; str: string }
  | { arange: [number, number]; shape: number[]; dtype: Dtype; str: string }
  | { expr: string; str: string };
interface FormatCase {
  name: string;
  tensor: Tens;
  suffixes: string[];
  str: string;
}
interface NumberCase {
  value: number;
  f4: string;
  f0: string;
  e4: string;
}

const readJson = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

type SeedStrKey = `${'z1' | 'y_hat' | 'loss'}_str${'' | '_nograd'}` | 'grad_w1_str' | 'grad_b1_str';
type Seed = { z1: Tens; y_hat: Tens; loss_item: number; grad_w1: Tens; grad_b1: Tens } & Record<SeedStrKey, string>;

const ops = readJson<{ repr: ReprEntry[]; seed: Seed }>('ops.json');
const extra = readJson<{ cases: FormatCase[]; exprs: (FormatCase & { expr: string })[]; numbers: NumberCase[] }>(
  'format.json',
);

function decode(v: Value): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v;
}

function typedData(values: readonly number[], dtype: Dtype): Float32Array | Int32Array {
  return dtype === 'int64' ? Int32Array.from(values) : Float32Array.from(values);
}

function formatTens(t: Tens, suffixes: string[]): string {
  return formatTensor(typedData(t.data.map(decode), t.dtype), t.shape, t.dtype, suffixes);
}

function arange(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}

const exprTensors = new Map(extra.exprs.map((e) => [e.expr, e]));

describe('formatTensor: ops.json repr entries', () => {
  ops.repr.forEach((entry, i) => {
    if ('tensor' in entry) {
      it(`#${i} ${JSON.stringify(entry.str.slice(0, 40))}`, () => {
        const suffixes = entry.tensor.requires_grad ? ['requires_grad=True'] : [];
        expect(formatTens(entry.tensor, suffixes)).toBe(entry.str);
      });
    } else if ('arange' in entry) {
      it(`#${i} arange(${entry.arange.join(', ')}) shape [${entry.shape.join(', ')}] ${entry.dtype}`, () => {
        const data = typedData(arange(...entry.arange), entry.dtype);
        expect(formatTensor(data, entry.shape, entry.dtype, [])).toBe(entry.str);
      });
    } else {
      // The data of expression results is taken from format.json, where the generator
      // re-evaluated the same expression.
      it(`#${i} ${entry.expr}`, () => {
        const evaluated = exprTensors.get(entry.expr);
        expect(evaluated, 'rerun scripts/gen_format_fixtures.py').toBeDefined();
        expect(formatTens(evaluated!.tensor, evaluated!.suffixes)).toBe(entry.str);
      });
    }
  });

  it('arange/3 data from format.json matches float32 division', () => {
    const e = exprTensors.get('torch.arange(0, 2000, dtype=torch.float32).reshape(40, 50) / 3')!;
    expect(e.tensor.data).toEqual(arange(0, 2000).map((v) => Math.fround(v / 3)));
  });
});

describe('formatTensor: ops.json seed notebook strings', () => {
  const seed = ops.seed;
  const gradFn = (expected: string): string[] => [/grad_fn=<\w+>/.exec(expected)![0]];
  const loss: Tens = { shape: [], dtype: 'float32', data: [Math.fround(seed.loss_item)] };
  const cases: [string, Tens, SeedStrKey, SeedStrKey][] = [
    ['z1', seed.z1, 'z1_str', 'z1_str_nograd'],
    ['y_hat', seed.y_hat, 'y_hat_str', 'y_hat_str_nograd'],
    ['loss', loss, 'loss_str', 'loss_str_nograd'],
  ];
  for (const [name, t, withGrad, noGrad] of cases) {
    it(name, () => {
      expect(formatTens(t, gradFn(seed[withGrad]))).toBe(seed[withGrad]);
      expect(formatTens(t, [])).toBe(seed[noGrad]);
    });
  }
  it('gradients', () => {
    expect(formatTens(seed.grad_w1, [])).toBe(seed.grad_w1_str);
    expect(formatTens(seed.grad_b1, [])).toBe(seed.grad_b1_str);
  });
});

describe('formatTensor: format.json edge cases', () => {
  for (const c of extra.cases) {
    it(c.name, () => {
      expect(formatTens(c.tensor, c.suffixes)).toBe(c.str);
    });
  }
});

describe('Python float formatting', () => {
  it.each(extra.numbers.map((n) => [n.value, n] as const))('%s', (_, n) => {
    expect([pyFixed(n.value, 4), pyFixed(n.value, 0), pyExponential(n.value, 4)]).toEqual([n.f4, n.f0, n.e4]);
  });

  it('keeps the sign of negative zero', () => {
    expect(pyFixed(-0, 4)).toBe(pyFixed(-1e-9, 4));
  });
});

describe('formatTensor: argument checks', () => {
  it('rejects data shorter than the shape', () => {
    expect(() => formatTensor(new Float32Array(2), [3], 'float32', [])).toThrow(RangeError);
  });
});
