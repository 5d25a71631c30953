// torch.Generator and the generator keyword (helper generator), against PyTorch 1.13's own
// draws (test/fixtures/random.json "generators", written by scripts/gen_random_fixtures.py):
// each random function given torch.Generator().manual_seed(crc32(name)) returns PyTorch's values,
// advances that generator as PyTorch's (the next rand(3)) and leaves the default generator alone;
// two generators and the default one interleave as in PyTorch; get_state holds PyTorch's bytes and
// set_state replays from them. On both devices.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, type Device } from './support/torch.js';

interface Case { name: string; seed: number; python: string; shape: number[]; dtype: string; values: number[]; then: number[]; default_after: number[] }
interface Raised { error_type: string; error: string }
const fixture = loadFixture('random.json').generators as {
  capability: string;
  cases: Case[];
  interleave: { seeds: number[]; steps: { python: string; values: number[] }[] };
  replay: {
    seed: number; state_after_rand5: number[]; randn3: number[]; state_after_randn3: number[];
    randn1: number[]; rand4: number[]; fresh_state_head: number[];
  };
  rng_state: { seed: number; state_after_randn7: number[]; rand3: number[] };
  initial_seeds: [string, string][];
  errors: Record<string, Raised>;
};

type G = torch.Generator;
const P12 = [0.0, 0.1, 0.5, 0.9, 1.0, 0.3, 0.7, 0.25, 0.999, 0.001, 0.5, 0.6];
const W = [[0.1, 0.0, 2.0, 0.4, 1.5, 0.3], [1.0, 1.0, 1.0, 0.0, 0.0, 3.0]];

/** The fixture's calls, by name, as wasmgrad spells them (python: what PyTorch ran). */
function calls(device: Device): Record<string, (g: G) => torch.Tensor> {
  const p = () => torch.tensor(P12, { device });
  const w = () => torch.tensor(W, { device });
  const f64 = { device, dtype: torch.float64 };
  const m = () => torch.tensor([[0.5, -1.0, 2.0]], { device });
  const s = () => torch.tensor([[1.0], [0.5], [2.0], [3.0]], { device });
  return {
    'rand/3x5': (g) => torch.rand(3, 5, { generator: g, device }),
    'rand/100': (g) => torch.rand(100, { generator: g, device }),
    'randn/7': (g) => torch.randn(7, { generator: g, device }),
    'randn/2x17': (g) => torch.randn(2, 17, { generator: g, device }),
    'randint/0-10/8': (g) => torch.randint(0, 10, [8], { generator: g, device }),
    'randint/1000/2x3': (g) => torch.randint(1000, [2, 3], { generator: g, device }),
    'randperm/12': (g) => torch.randperm(12, { generator: g, device }),
    'normal/2-3/5': (g) => torch.normal(2.0, 3.0, [5], { generator: g, device }),
    'normal/-1-0.5/20': (g) => torch.normal(-1.0, 0.5, [20], { generator: g, device }),
    'bernoulli/f32 p': (g) => torch.bernoulli(p(), { generator: g }),
    'bernoulli/f64 p': (g) => torch.bernoulli(p().double(), { generator: g }),
    'bernoulli/number p f64': (g) => torch.bernoulli(torch.zeros(10, f64), 0.3, { generator: g }),
    'Tensor.bernoulli/f32 p': (g) => p().bernoulli({ generator: g }),
    'Tensor.bernoulli_/f64 0.3': (g) => torch.zeros(10, f64).bernoulli_(0.3, { generator: g }),
    'Tensor.bernoulli_/tensor p': (g) => torch.zeros(4, 3, { device }).bernoulli_(p().narrow(0, 0, 3), { generator: g }),
    'multinomial/no replacement': (g) => torch.multinomial(w(), 3, { generator: g }),
    'multinomial/replacement': (g) => torch.multinomial(w(), 7, true, { generator: g }),
    'Tensor.multinomial/one f64': (g) => w().select(0, 0).double().multinomial(1, { generator: g }),
    'uniform_/f32 -2.7 3.1': (g) => torch.empty(40, { device }).uniform_(-2.7, 3.1, { generator: g }),
    'uniform_/f32 default': (g) => torch.empty(2, 3, { device }).uniform_({ generator: g }),
    'uniform_/f64 -2.7 3.1': (g) => torch.empty(10, f64).uniform_(-2.7, 3.1, { generator: g }),
    'normal_/f32 2 3 x5': (g) => torch.empty(5, { device }).normal_(2.0, 3.0, { generator: g }),
    'normal_/f32 2 3 x20': (g) => torch.empty(20, { device }).normal_(2.0, 3.0, { generator: g }),
    'normal_/f64 x5': (g) => torch.empty(5, f64).normal_({ generator: g }),
    'normal/tensor tensor': (g) => torch.normal(m(), s(), { generator: g }),
    'normal/tensor float': (g) => torch.normal(torch.arange(20, { device }), 2.5, { generator: g }),
    'normal/tensor default std': (g) => torch.normal(m(), { generator: g }),
    'normal/float tensor f64': (g) => torch.normal(1.5, torch.arange(18, { device }).double(), { generator: g }),
    'rand/f64 2x3': (g) => torch.rand(2, 3, { dtype: torch.float64, generator: g, device }),
    'randn/f64 5': (g) => torch.randn(5, { dtype: torch.float64, generator: g, device }),
    'randn/f64 20': (g) => torch.randn(20, { dtype: torch.float64, generator: g, device }),
    'normal/f64 size': (g) => torch.normal(2.0, 3.0, [7], { dtype: torch.float64, generator: g, device }),
    'normal_/f64 1 2 x37': (g) => torch.empty(37, f64).normal_(1.0, 2.0, { generator: g }),
  };
}

/**
 * float64 normal_ of 16 or more values goes through libm's double log/cos/sin; V8's Math
 * functions are not glibc's and may differ in the last bit, so those values are compared to
 * 4 ulps (relative 1e-15); everything else is bit for bit.
 */
const LIBM_DOUBLE = new Set(['normal_/f64 1 2 x37', 'normal/float tensor f64', 'randn/f64 20']);

function expectValues(got: number[], want: number[], libm: boolean, what: string): void {
  if (!libm) {
    expect(got, what).toEqual(want);
    return;
  }
  expect(got.length, what).toBe(want.length);
  got.forEach((v, i) => expect(Math.abs(v - want[i]), `${what}[${i}]`).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(want[i]))));
}

const flat = (t: torch.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>);

/**
 * A state's bytes against PyTorch's: all equal but the cached normal sample (a double at byte
 * 5024), which is r·sin(θ) with r = sqrt(-2·log(1 - u)): glibc's log is correctly rounded and
 * V8's Math.log not always, so that double may be 1 ulp off (the float32 values drawn from it
 * are not affected, as the replays below check).
 */
function expectState(got: number[], want: number[]): void {
  const cached = (b: number[]) => new DataView(Uint8Array.from(b.slice(5024, 5032)).buffer).getFloat64(0, true);
  expect(got.slice(0, 5024)).toEqual(want.slice(0, 5024));
  expect(got.slice(5032)).toEqual(want.slice(5032));
  expect(Math.abs(cached(got) - cached(want))).toBeLessThanOrEqual(2 ** -52 * Math.abs(cached(want)));
}

describe('the fixture', () => {
  it('was written under the kernel build the generators imitate by default (avx2)', () => {
    expect(fixture.capability).toBe(new torch.Generator().capability);
  });

  it('names the same calls as this test', () => {
    expect(fixture.cases.map((c) => c.name).sort()).toEqual(Object.keys(calls('js')).sort());
  });
});

describe.each(DEVICES)('generator= on %s', (device) => {
  const run = calls(device);
  for (const c of fixture.cases) {
    it(`${c.name}: ${c.python}`, () => {
      const g = new torch.Generator().manual_seed(c.seed);
      torch.manual_seed(c.seed + 1);
      const t = run[c.name](g);
      expect(t.shape).toEqual(c.shape);
      expect(String(t.dtype)).toBe(`torch.${c.dtype}`);
      expect(t.device).toBe(device);
      expectValues(flat(t), c.values, LIBM_DOUBLE.has(c.name), c.python);
      expect(flat(torch.rand(3, { generator: g, device })), 'the generator advanced as PyTorch\'s').toEqual(c.then);
      expect(flat(torch.rand(2, { device })), 'the default generator was left alone').toEqual(c.default_after);
    });
  }

  it('two generators and the default one keep their own streams, interleaved', () => {
    const [s1, s2, s3] = fixture.interleave.seeds;
    const g1 = new torch.Generator().manual_seed(s1), g2 = new torch.Generator({ device: 'cpu' }).manual_seed(s2);
    torch.manual_seed(s3);
    const w = torch.tensor(W, { device });
    const steps = [
      () => torch.rand(4, { generator: g1, device }),
      () => torch.randn(3, { generator: g2, device }),
      () => torch.rand(2, { device }),
      () => torch.randint(0, 100, [5], { generator: g1, device }),
      () => torch.randn(20, { device }),
      () => torch.normal(0, 1, [3], { generator: g2, device }),
      () => torch.randperm(6, { generator: g1, device }),
      () => torch.rand(3, { device }),
      () => torch.multinomial(w, 2, { generator: g2 }),
      () => torch.randn(1, { device }),
    ];
    expect(steps.length).toBe(fixture.interleave.steps.length);
    fixture.interleave.steps.forEach((step, i) => expect(flat(steps[i]()), step.python).toEqual(step.values));
  });

  it("get_state holds PyTorch's bytes, and set_state replays from them", () => {
    const r = fixture.replay;
    expect(flat(new torch.Generator().get_state()).slice(0, 32)).toEqual(r.fresh_state_head);
    const g = new torch.Generator().manual_seed(r.seed);
    torch.rand(5, { generator: g, device });
    const s1 = g.get_state();
    expect(s1.shape).toEqual([5056]);
    expectState(flat(s1), r.state_after_rand5);
    expect(flat(torch.randn(3, { generator: g, device }))).toEqual(r.randn3);
    // three scalar normals leave the sine sample cached: PyTorch keeps it in the state too
    expectState(flat(g.get_state()), r.state_after_randn3);
    expect(flat(torch.randn(1, { generator: g, device }))).toEqual(r.randn1);
    expect(flat(torch.rand(4, { generator: g, device }))).toEqual(r.rand4);
    // PyTorch's own bytes, loaded into a fresh generator
    const h = new torch.Generator();
    expect(h.set_state(torch.tensor(r.state_after_randn3, { dtype: torch.int64, device }))).toBe(h);
    expect(flat(torch.randn(1, { generator: h, device }))).toEqual(r.randn1);
    expect(flat(torch.rand(4, { generator: h, device }))).toEqual(r.rand4);
    g.set_state(s1);
    expect(flat(torch.randn(3, { generator: g, device }))).toEqual(r.randn3);
  });

  it('torch.get_rng_state / set_rng_state are the default generator\'s', () => {
    const r = fixture.rng_state;
    expect(torch.manual_seed(r.seed)).toBe(torch.default_generator);
    torch.randn(7, { device });
    const state = torch.get_rng_state();
    expectState(flat(state), r.state_after_randn7);
    expect(flat(torch.rand(3, { device }))).toEqual(r.rand3);
    torch.manual_seed(0);
    torch.set_rng_state(torch.tensor(r.state_after_randn7, { dtype: torch.int64, device }));
    expect(flat(torch.rand(3, { device }))).toEqual(r.rand3);
  });
});

describe('torch.Generator', () => {
  it('initial_seed is the unsigned 64-bit seed, as PyTorch reports it', () => {
    for (const [given, reported] of fixture.initial_seeds) {
      expect(new torch.Generator().manual_seed(BigInt(given)).initial_seed_bigint()).toBe(BigInt(reported));
    }
  });

  it('seed() seeds from a non-deterministic source and reports the seed', () => {
    const g = new torch.Generator();
    const s = g.seed();
    expect(Number.isSafeInteger(s)).toBe(true);
    expect(g.initial_seed()).toBe(s);
    const again = new torch.Generator().manual_seed(s);
    expect(flat(torch.rand(4, { generator: g }))).toEqual(flat(torch.rand(4, { generator: again })));
    expect(torch.seed()).toBe(torch.initial_seed());
  });

  it("raises PyTorch's errors, and an error leaves the generator as it was", () => {
    const e = fixture.errors;
    const g = new torch.Generator().manual_seed(3);
    const before = flat(g.get_state());
    const cases: [string, () => unknown][] = [
      ['set_state float', () => g.set_state(torch.zeros(5056))],
      ['set_state short', () => g.set_state(torch.zeros(10, { dtype: torch.int64 }))],
      ['set_state zeros', () => g.set_state(torch.zeros(5056, { dtype: torch.int64 }))],
      ['set_state int', () => g.set_state(5 as unknown as torch.Tensor)],
      ['manual_seed float', () => g.manual_seed(1.5)],
      ['manual_seed str', () => g.manual_seed('a' as unknown as number)],
      ['Generator cuda', () => new torch.Generator({ device: 'cuda' })],
      ['Generator meta', () => new torch.Generator('meta')],
    ];
    expect(cases.map(([k]) => k).sort()).toEqual(Object.keys(e).sort());
    for (const [key, call] of cases) {
      let thrown: unknown;
      try { call(); } catch (err) { thrown = err; }
      expect(thrown, key).toBeInstanceOf(Error);
      expect((thrown as Error).name, key).toBe(e[key].error_type);
      expect((thrown as Error).message, key).toBe(e[key].error);
    }
    expect(flat(g.get_state())).toEqual(before);
  });
});
