// torch.utils.data against real PyTorch (fixtures/data.json, from scripts/gen_data_init_fixtures.py),
// on both devices: DataLoader batch orders over two epochs (sequential, shuffled with a seeded
// generator or after torch.manual_seed, drop_last, batch_size null) and the draws the loader left on
// its generator, RandomSampler with replacement and num_samples, SubsetRandomSampler, random_split
// (counts and fractions, its warning), default_collate's batches and PyTorch's errors.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture, type Device } from './support/torch.js';

type Json = unknown;
interface LoaderCase {
  name: string; n: number; kwargs: { batch_size?: number | null; shuffle?: boolean; drop_last?: boolean; generator?: boolean };
  seed: number; epochs: number[][][]; len: number; after: number[];
}
interface SamplerCase { name: string; n: number; kwargs: { replacement?: boolean; num_samples?: number }; seed: number; indices: number[]; len: number }
interface SplitCase { name: string; n: number; lengths: number[]; generator: boolean; seed: number; indices: number[][]; warnings: string[] }
interface CollateCase { name: string; batch: Json[]; output: Json }
interface ErrorCase { name: string; ts: string; error_type: string; error: string }
const fixture = loadFixture<{
  loaders: LoaderCase[]; samplers: SamplerCase[]; subset_random: { indices: number[]; seed: number; order: number[] };
  weighted: { name: string; weights: number[]; num_samples: number; replacement: boolean; seed: number; epochs: number[][]; len: number }[];
  splits: SplitCase[]; collate: CollateCase[]; collate_errors: (ErrorCase & { batch: Json[] })[]; errors: ErrorCase[];
}>('data.json');

const printed: string[] = [];
vi.spyOn(console, 'warn').mockImplementation((message: unknown) => { printed.push(String(message)); });

/** A fixture sample: tagged tensors, arrays, objects ({dict}) and plain values. */
function decodeSample(v: Json, device: Device): unknown {
  if (Array.isArray(v)) return v.map((x) => decodeSample(x, device));
  if (typeof v === 'object' && v !== null) {
    if ('tensor' in v) return fromFixture((v as { tensor: TensorFixture }).tensor, device);
    const dict = (v as { dict: Record<string, Json> }).dict;
    return Object.fromEntries(Object.entries(dict).map(([k, x]) => [k, decodeSample(x, device)]));
  }
  return v;
}

/** Compares a collated batch with PyTorch's, tensors by dtype, shape and value. */
function expectSample(actual: unknown, expected: Json, what: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${what} is an array`).toBe(true);
    expect((actual as unknown[]).length, `${what} length`).toBe(expected.length);
    expected.forEach((e, i) => expectSample((actual as unknown[])[i], e, `${what}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null && 'tensor' in expected) {
    expect(actual, `${what} is a tensor`).toBeInstanceOf(torch.Tensor);
    expectClose(actual as torch.Tensor, (expected as { tensor: TensorFixture }).tensor, { rtol: 0, atol: 0 }, what);
  } else if (typeof expected === 'object' && expected !== null) {
    const dict = (expected as { dict: Record<string, Json> }).dict;
    expect(Object.keys(actual as object), `${what} keys`).toEqual(Object.keys(dict));
    for (const [k, e] of Object.entries(dict)) expectSample((actual as Record<string, unknown>)[k], e, `${what}.${k}`);
  } else {
    expect(actual, what).toEqual(expected);
  }
}

const indicesOf = (batch: unknown): number[] => ((batch as torch.Tensor[])[0].reshape(-1).tolist() as number[]);

describe.each(DEVICES)('torch.utils.data vs PyTorch on %s', (device) => {
  for (const c of fixture.loaders) {
    it(`DataLoader ${c.name}`, () => {
      torch.tidy(() => {
        const ds = new torch.utils.data.TensorDataset(torch.arange(c.n, { dtype: 'int64', device }));
        const gen = c.kwargs.generator ? new torch.Generator().manual_seed(c.seed) : null;
        torch.manual_seed(c.seed);
        const loader = new torch.utils.data.DataLoader(ds, { ...c.kwargs, generator: gen });
        for (const epoch of c.epochs) expect([...loader].map(indicesOf)).toEqual(epoch);
        expect(loader.len()).toBe(c.len);
        expect(loader.length).toBe(c.len);
        // the loader drew from its generator what PyTorch's did: the next draws agree
        expect(torch.randint(0, 1000, [3], gen ? { generator: gen } : {}).tolist()).toEqual(c.after);
      });
    });
  }

  it('a DataLoader over a plain array with a custom collate_fn', () => {
    const c = fixture.loaders.find((l) => l.name === 'shuffle/generator/bs4')!;
    const loader = new torch.utils.data.DataLoader([...Array(c.n).keys()], {
      batch_size: 4, shuffle: true, generator: new torch.Generator().manual_seed(c.seed), collate_fn: (batch: number[]) => batch,
    });
    expect([...loader]).toEqual(c.epochs[0]);
  });

  for (const c of fixture.samplers) {
    it(`RandomSampler ${c.name}`, () => {
      const s = new torch.utils.data.RandomSampler([...Array(c.n).keys()], { ...c.kwargs, generator: new torch.Generator().manual_seed(c.seed) });
      expect([...s]).toEqual(c.indices);
      expect(s.len()).toBe(c.len);
    });
  }

  for (const c of fixture.weighted) {
    it(`WeightedRandomSampler ${c.name}`, () => {
      const g = new torch.Generator().manual_seed(c.seed);
      // from a float32 tensor too: PyTorch converts the weights to float64 either way
      const weights = device === 'js' ? torch.tensor(c.weights, { device }) : c.weights;
      const s = new torch.utils.data.WeightedRandomSampler(weights, c.num_samples, c.replacement, { generator: g });
      for (const epoch of c.epochs) expect([...s]).toEqual(epoch);
      expect(s.len()).toBe(c.len);
    });
  }

  it('SubsetRandomSampler, SequentialSampler and BatchSampler', () => {
    const { indices, seed, order } = fixture.subset_random;
    expect([...new torch.utils.data.SubsetRandomSampler(indices, { generator: new torch.Generator().manual_seed(seed) })]).toEqual(order);
    const seq = new torch.utils.data.SequentialSampler(['a', 'b', 'c', 'd', 'e']);
    expect([...seq]).toEqual([0, 1, 2, 3, 4]);
    expect([...new torch.utils.data.BatchSampler(seq, 2, false)]).toEqual([[0, 1], [2, 3], [4]]);
    expect(new torch.utils.data.BatchSampler(seq, 2, true).len()).toBe(2);
  });

  for (const c of fixture.splits) {
    it(`random_split ${c.name}`, () => {
      const ds = new torch.utils.data.TensorDataset(torch.arange(c.n, { device }));
      torch.manual_seed(c.seed);
      const parts = torch.utils.data.random_split(ds, c.lengths, c.generator ? { generator: new torch.Generator().manual_seed(c.seed) } : {});
      expect(parts.map((p) => p.indices)).toEqual(c.indices);
      expect(parts.map((p) => p.len())).toEqual(c.indices.map((i) => i.length));
      if (c.indices[0].length > 0) expect((parts[0].getitem(0)[0]).item()).toBe(c.indices[0][0]);
      // printed once per process (Python: once per call site), so on whichever device ran first
      for (const w of c.warnings) expect(printed).toContain(`UserWarning: ${w}`);
    });
  }

  for (const c of fixture.collate) {
    it(`default_collate ${c.name}`, () => {
      torch.tidy(() => expectSample(torch.utils.data.default_collate(decodeSample(c.batch, device) as unknown[]), c.output, c.name));
    });
  }

  for (const c of fixture.collate_errors) {
    it(`default_collate error: ${c.name}`, () => {
      const batch = decodeSample(c.batch, device) as unknown[];
      expect(() => torch.utils.data.default_collate(batch.map((b) => b ?? null))).toThrow(expect.objectContaining({ name: c.error_type, message: c.error }));
    });
  }

  for (const c of fixture.errors) {
    it(`error: ${c.name}`, () => {
      const { DataLoader, BatchSampler, SequentialSampler, RandomSampler, WeightedRandomSampler, TensorDataset, Subset, random_split } = torch.utils.data;
      const ds = new TensorDataset(torch.arange(4, { device }));
      const run = new Function('torch', 'ds', 'DataLoader', 'BatchSampler', 'SequentialSampler', 'RandomSampler', 'WeightedRandomSampler', 'TensorDataset',
        'Subset', 'random_split', `return ${c.ts};`);
      expect(() => run(torch, ds, DataLoader, BatchSampler, SequentialSampler, RandomSampler, WeightedRandomSampler, TensorDataset, Subset, random_split))
        .toThrow(expect.objectContaining({ name: c.error_type, message: c.error }));
    });
  }
});

describe('torch.utils.data in JS', () => {
  it('a Dataset subclass spells __getitem__ / __len__ as getitem / len, and has .length', () => {
    class Squares extends torch.utils.data.Dataset<[number, number]> {
      len(): number { return 5; }
      getitem(i: number): [number, number] { return [i, i * i]; }
    }
    const ds = new Squares();
    expect(ds.length).toBe(5);
    const batches = [...new torch.utils.data.DataLoader(ds, { batch_size: 2 })] as torch.Tensor[][];
    expect(batches.map((b) => b.map((t) => t.tolist()))).toEqual([[[0, 1], [0, 1]], [[2, 3], [4, 9]], [[4], [16]]]);
    expect(batches[0][0].dtype.name).toBe('int64');
  });

  it('a Dataset without len() raises TypeError as len() of such a Python object does', () => {
    class NoLen extends torch.utils.data.Dataset<number> { getitem(i: number): number { return i; } }
    expect(() => new torch.utils.data.DataLoader(new NoLen()).len()).toThrow("object of type 'NoLen' has no len()");
  });

  it('Subset reads its dataset through indices, a negative index from the end as a Python list', () => {
    const s = new torch.utils.data.Subset(['a', 'b', 'c', 'd'], [3, 1]);
    expect([s.getitem(0), s.getitem(-1), s.len(), s.length]).toEqual(['d', 'b', 2, 2]);
  });

  it('default_convert passes samples through (PyTorch converts only numpy arrays)', () => {
    const t = torch.ones([2]);
    const out = torch.utils.data.default_convert([t, 3, { k: 'v' }]) as unknown[];
    expect(out[0]).toBe(t);
    expect(out.slice(1)).toEqual([3, { k: 'v' }]);
  });

  it('num_workers > 0 is refused rather than ignored', () => {
    expect(() => new torch.utils.data.DataLoader([1, 2], { num_workers: 2 })).toThrow(/num_workers=0/);
  });
});
