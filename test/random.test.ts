import { createHash } from 'node:crypto';
import { torch, DEVICES } from './support/torch.js';
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  Generator,
  default_generator,
  manual_seed,
  fillUniform,
  fillNormal,
  randint,
  randperm,
  initLinear,
  DEFAULT_SEED,
  type CpuCapability,
} from '../src/random.js';

// Written by scripts/gen_random_fixtures.py from real PyTorch (1.13). Every
// float32 is stored as the exact double it widens to, so toEqual on
// Float32Array-derived arrays is a bit-for-bit comparison.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/random.json', import.meta.url), 'utf8'));

const SEEDS = ['0', '42', '2024'];

type Sensitive = Record<string, any>;
function capabilityData(cap: string): Record<string, Sensitive> {
  const entry = fixture.by_capability[cap];
  return entry.same_as ? fixture.by_capability[entry.same_as] : entry;
}

const arr = (x: Float32Array | null): number[] => Array.from(x ?? []);

/** SHA-256 of the float32 values as little-endian bytes, as the fixture script hashes them. */
function sha256F32(x: Float32Array): string {
  const bytes = new DataView(new ArrayBuffer(x.length * 4));
  x.forEach((v, i) => bytes.setFloat32(i * 4, v, true));
  return createHash('sha256').update(new Uint8Array(bytes.buffer)).digest('hex');
}

/** Distance in float32 units in the last place (both values are float32). */
function ulpDistance(a: number, b: number): number {
  const i = new Int32Array(new Float32Array([a, b]).buffer);
  // Map the sign-magnitude bit patterns onto a monotonic integer line.
  const key = (v: number) => (v < 0 ? -2147483648 - v : v);
  return Math.abs(key(i[0]) - key(i[1]));
}

/**
 * The 'default' (non-AVX) build of the 16-wide randn path calls glibc's logf,
 * cosf and sinf, which are not correctly rounded: about 1% of their results
 * differ by one ulp from the correctly rounded value that Math.fround(Math.log(x))
 * etc. give (measured over 200k inputs with ctypes). After radius * cos(theta)
 * that shows up as 1-2 ulp in roughly 2% of the outputs. Emulating glibc exactly
 * would mean porting its table-driven logf/sincosf, so this path is compared
 * within 2 ulps, and all but max(2, 5%) of the values must still be bit-equal.
 */
function expectLibmClose(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  let inexact = 0;
  for (let i = 0; i < got.length; i++) {
    expect(ulpDistance(got[i], want[i]), `index ${i}: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(2);
    if (got[i] !== want[i]) inexact++;
  }
  expect(inexact).toBeLessThanOrEqual(Math.max(2, 0.05 * got.length));
}

describe('mt19937 seeding', () => {
  it('a fresh generator has PyTorch default seed', () => {
    expect(new Generator().initial_seed()).toBe(fixture.default_initial_seed);
    expect(DEFAULT_SEED).toBe(fixture.default_initial_seed);
  });

  it('matches std::mt19937 (10000th output of seed 5489 is 4123659995)', () => {
    const g = new Generator().manual_seed(5489);
    let v = 0;
    for (let i = 0; i < 10000; i++) v = g.random();
    expect(v).toBe(4123659995);
  });

  it('only the low 32 bits of a 64-bit seed reach mt19937; negative seeds wrap', () => {
    const a = new Generator().manual_seed(2 ** 32 + 7);
    const b = new Generator().manual_seed(7);
    expect(a.random()).toBe(b.random());
    expect(new Generator().manual_seed(-1).initial_seed_bigint()).toBe(2n ** 64n - 1n);
    expect(new Generator().manual_seed(-1).random()).toBe(new Generator().manual_seed(0xffffffff).random());
  });

  it('manual_seed returns the default generator and resets the normal cache', () => {
    const g = manual_seed(3);
    expect(g).toBe(default_generator);
    expect(g.initial_seed()).toBe(3);
    fillNormal(new Float32Array(1)); // leaves the sine sample cached
    manual_seed(3);
    const again = fillNormal(new Float32Array(1));
    manual_seed(3);
    expect(arr(again)).toEqual(arr(fillNormal(new Float32Array(1))));
  });
});

// Uniform [0, 1), small-size randn, randint and randperm do not depend on the
// kernel build, so they are checked under every capability.
describe.each(['default', 'avx2', 'avx512'] as CpuCapability[])('capability-independent values (%s)', (cap) => {
  const gen = new Generator({ capability: cap });

  describe.each(SEEDS)('seed %s', (seedStr) => {
    const seed = Number(seedStr);
    const ref = fixture.seeds[seedStr];

    it.each(Object.keys(ref.rand))('rand(%s)', (n) => {
      gen.manual_seed(seed);
      expect(arr(fillUniform(new Float32Array(Number(n)), 0, 1, gen))).toEqual(ref.rand[n]);
    });

    it.each(Object.keys(ref.randn))('randn(%s), the scalar double Box-Muller path', (n) => {
      gen.manual_seed(seed);
      expect(arr(fillNormal(new Float32Array(Number(n)), 0, 1, gen))).toEqual(ref.randn[n]);
    });

    it('randn(1) twice uses the cached sine sample', () => {
      gen.manual_seed(seed);
      const a = arr(fillNormal(new Float32Array(1), 0, 1, gen));
      const b = arr(fillNormal(new Float32Array(1), 0, 1, gen));
      expect([a, b]).toEqual(ref.randn_1_twice);
    });

    it('rand(5), randn(20), rand(3) advance the state like PyTorch', () => {
      gen.manual_seed(seed);
      expect(arr(fillUniform(new Float32Array(5), 0, 1, gen))).toEqual(ref.sequence.rand5);
      fillNormal(new Float32Array(20), 0, 1, gen); // values checked per capability below
      expect(arr(fillUniform(new Float32Array(3), 0, 1, gen))).toEqual(ref.sequence.rand3);
    });

    it('randperm(10)', () => {
      gen.manual_seed(seed);
      expect(randperm(10, gen)).toEqual(ref.randperm10);
    });

    it('randint(0, 10, (8,)) and randint(-5, 1000, (6,))', () => {
      gen.manual_seed(seed);
      expect(randint(0, 10, 8, gen)).toEqual(ref.randint_0_10_8);
      gen.manual_seed(seed);
      expect(randint(-5, 1000, 6, gen)).toEqual(ref.randint_m5_1000_6);
    });
  });
});

describe.each(Object.keys(fixture.by_capability) as CpuCapability[])('capability-dependent values (%s)', (cap) => {
  const data = capabilityData(cap);
  const gen = new Generator({ capability: cap });
  // Only the libm-based 16-wide normal path of the 'default' build is inexact; see expectLibmClose.
  const expectNormal16 = (got: Float32Array, want: number[]) =>
    cap === 'default' ? expectLibmClose(arr(got), want) : expect(arr(got)).toEqual(want);

  describe.each(SEEDS)('seed %s', (seedStr) => {
    const seed = Number(seedStr);
    const ref = data[seedStr];

    it.each(Object.keys(ref.randn))('randn(%s), the 16-wide path', (n) => {
      gen.manual_seed(seed);
      expectNormal16(fillNormal(new Float32Array(Number(n)), 0, 1, gen), ref.randn[n]);
    });

    it('randn(20) after rand(5)', () => {
      gen.manual_seed(seed);
      fillUniform(new Float32Array(5), 0, 1, gen);
      expectNormal16(fillNormal(new Float32Array(20), 0, 1, gen), ref.sequence_randn20);
    });

    it('uniform_(-0.5, 0.5) and uniform_(-2.7, 3.1)', () => {
      gen.manual_seed(seed);
      expect(arr(fillUniform(new Float32Array(10), -0.5, 0.5, gen))).toEqual(ref.uniform_m05_05);
      gen.manual_seed(seed);
      expect(arr(fillUniform(new Float32Array(40), -2.7, 3.1, gen))).toEqual(ref.uniform_m27_31);
    });

    it('normal_(2, 3) on 5 and on 20 values', () => {
      gen.manual_seed(seed);
      expect(arr(fillNormal(new Float32Array(5), 2, 3, gen))).toEqual(ref.normal_2_3_size5);
      gen.manual_seed(seed);
      expectNormal16(fillNormal(new Float32Array(20), 2, 3, gen), ref.normal_2_3_size20);
    });

    it('65536 values of uniform_(-2.7, 3.1) hash the same', () => {
      gen.manual_seed(seed);
      expect(sha256F32(fillUniform(new Float32Array(65536), -2.7, 3.1, gen))).toBe(ref.uniform_m27_31_65536_sha256);
    });

    // The short lists cannot tell apart which multiply-adds GCC fused in the
    // AVX2 log/sincos; 65536 values can (a wrong choice shows up ~10-80 times).
    // Not for the 'default' build: its randn goes through glibc's logf/cosf/sinf,
    // which are not correctly rounded, so there is no exact hash to match; that
    // build's randn is compared within 2 ulps above instead.
    it.skipIf(cap === 'default')('65536 values of randn hash the same', () => {
      gen.manual_seed(seed);
      expect(sha256F32(fillNormal(new Float32Array(65536), 0, 1, gen))).toBe(ref.randn_65536_sha256);
    });

    it('nn.Linear(4, 3)', () => {
      gen.manual_seed(seed);
      const { weight, bias } = initLinear(4, 3, { gen });
      expect(arr(weight)).toEqual(ref.linear_4_3.weight);
      expect(arr(bias)).toEqual(ref.linear_4_3.bias);
    });

    it('nn.Linear(784, 256)', () => {
      gen.manual_seed(seed);
      const { weight, bias } = initLinear(784, 256, { gen });
      expect(arr(weight.subarray(0, 20))).toEqual(ref.linear_784_256.weight_first20);
      expect(arr(weight.subarray(weight.length - 5))).toEqual(ref.linear_784_256.weight_last5);
      expect(arr(bias)).toEqual(ref.linear_784_256.bias);
    });
  });
});

// torch.bernoulli / bernoulli_ (helper leftovers): PyTorch's bernoulli_tensor kernel keeps u < p with
// rand's draws, so the values are PyTorch's after torch.manual_seed, on both devices.
describe.each(DEVICES)('bernoulli on %s draws PyTorch\'s values', (device) => {
  const P = [0.0, 0.1, 0.5, 0.9, 1.0, 0.3, 0.7, 0.25, 0.999, 0.001, 0.5, 0.6];
  it.each(SEEDS)('seed %s', (seedStr) => {
    const ref = fixture.seeds[seedStr];
    const p = torch.tensor(P, { device });
    torch.manual_seed(Number(seedStr));
    expect(torch.bernoulli(p).tolist()).toEqual(ref.bernoulli_f32);
    expect(p.double().reshape(3, 4).bernoulli().flatten().tolist()).toEqual(ref.bernoulli_f64_after);
    torch.manual_seed(Number(seedStr));
    expect(torch.zeros(10, { device, dtype: torch.float64 }).bernoulli_(0.3).tolist()).toEqual(ref.bernoulli_inplace_f64_03);
    torch.manual_seed(Number(seedStr));
    expect(torch.zeros(10, { device }).bernoulli_(0.3).tolist()).toEqual(ref.bernoulli_inplace_f32_03);
    torch.manual_seed(Number(seedStr));
    expect(torch.bernoulli(torch.zeros(2, 5, { device }), 0.7).flatten().tolist()).toEqual(ref.bernoulli_number_p_f32);
    torch.manual_seed(Number(seedStr));
    expect(torch.zeros(4, 3, { device }).bernoulli_(p.narrow(0, 0, 3)).flatten().tolist()).toEqual(ref.bernoulli_inplace_tensor);
  });

  // PyTorch builds with MKL draw a float32 bernoulli_(p) from an MKL stream: other values, this mean
  it.each(SEEDS)('random_ draws torch.randint\'s values, seed %s', (seedStr) => {
    const ref = fixture.seeds[seedStr];
    const cases: [string, () => torch.Tensor][] = [
      ['random_f32', () => torch.empty(6, { device }).random_()],
      ['random_to', () => torch.empty(6, { device }).random_(10)],
      ['random_from_to', () => torch.empty(2, 3, { device }).random_(-3, 7)],
      ['random_f64', () => torch.empty(4, { device, dtype: torch.float64 }).random_()],
      ['random_bool', () => torch.empty(6, { device, dtype: torch.bool }).random_()],
      ['random_int64_bounded', () => torch.empty(5, { device, dtype: torch.long }).random_(-5, 1000)],
    ];
    for (const [key, make] of cases) {
      torch.manual_seed(Number(seedStr));
      expect(make().flatten().tolist(), key).toEqual(ref[key]);
    }
  });

  it('float32 bernoulli_(p) has mean p over many draws', () => {
    torch.manual_seed(7);
    for (const p of [0.05, 0.3, 0.5, 0.9]) {
      const mean = (torch.zeros(20000, { device }).bernoulli_(p).sum().item() as number) / 20000;
      expect(Math.abs(mean - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 20000));
    }
  });
});

// torch.multinomial (helper leftovers): PyTorch's CPU kernel (exponential_ keys and topk, or a
// cumulative distribution and a binary search per 53-bit draw), PyTorch's values after manual_seed.
describe.each(DEVICES)('multinomial on %s draws PyTorch\'s values', (device) => {
  const W = [[0.1, 0.0, 2.0, 0.4, 1.5, 0.3], [1.0, 1.0, 1.0, 0.0, 0.0, 3.0]];
  it.each(SEEDS)('seed %s', (seedStr) => {
    const ref = fixture.seeds[seedStr];
    const w = torch.tensor(W, { device });
    torch.manual_seed(Number(seedStr));
    expect(torch.multinomial(w, 3).flatten().tolist()).toEqual(ref.multinomial_no_replacement);
    expect(w.select(0, 0).double().multinomial(1).tolist()).toEqual(ref.multinomial_one_after);
    torch.manual_seed(Number(seedStr));
    expect(torch.multinomial(w, 7, true).flatten().tolist()).toEqual(ref.multinomial_replacement);
    expect(torch.multinomial(w.select(0, 1).double(), 5, true).tolist()).toEqual(ref.multinomial_replacement_f64_after);
    torch.manual_seed(Number(seedStr));
    expect(torch.multinomial(w.select(0, 1).narrow(0, 0, 4), 4).tolist()).toEqual(ref.multinomial_all_of_4);
  });

  it('frequencies follow the weights over many draws (seeded)', () => {
    torch.manual_seed(11);
    const counts = [0, 0, 0, 0];
    for (const i of torch.multinomial(torch.tensor([1, 2, 3, 4], { device }), 20000, true).tolist() as number[]) counts[i]++;
    counts.forEach((c, i) => expect(Math.abs(c / 20000 - (i + 1) / 10)).toBeLessThan(0.015));
  });
});
