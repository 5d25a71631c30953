// torch.utils.data's ConcatDataset, IterableDataset (a DataLoader over a stream) and ChainDataset,
// and nn.utils.rnn.pack_sequence / unpack_sequence, against real PyTorch on both devices
// (fixtures/datasets.json, from scripts/gen_dataset_fixtures.py): items, lengths, batches, the draw
// the loader leaves on the global generator, packed data with its gradients, and PyTorch's errors.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture, type Device } from './support/torch.js';

const { data } = torch.utils;
const { rnn } = torch.nn.utils;

type Spec = ['list', number[]] | ['count', number, number, boolean] | ['concat', Spec[]] | ['chain', Spec[]];
type Batch = { tensor: TensorFixture } | number;
interface Failure { error_type: string; error: string }
interface LoaderCase {
  name: string; seed: number; spec: Spec; kwargs: { batch_size?: number | null; shuffle?: boolean; drop_last?: boolean };
  generator_seed: number | null; len: number | Failure; batches: Batch[]; after: number;
}
interface PackCase {
  name: string; enforce_sorted: boolean; sequences: TensorFixture[]; data: TensorFixture; batch_sizes: TensorFixture;
  sorted_indices: TensorFixture | null; unsorted_indices: TensorFixture | null; upstream: TensorFixture; grads: TensorFixture[];
  unpacked: TensorFixture[]; grad_fn: string;
}
const fixture = loadFixture<{
  concat: { spec: Spec; len: number; cumulative_sizes: number[]; items: [number, number][]; errors: (Failure & { index: number })[] };
  loaders: LoaderCase[]; chain: { spec: Spec; items: number[]; len: number };
  errors: (Failure & { name: string; spec: Spec | null; kwargs: Record<string, unknown> | 'len' | null })[];
  packs: PackCase[]; pack_error: Failure & { lengths: number[] };
}>('datasets.json');

/** The generator's IterableDataset: start..stop−1, with or without len(). */
class Count extends data.IterableDataset<number> {
  constructor(readonly start: number, readonly stop: number, readonly withLen: boolean) { super(); }
  *[Symbol.iterator](): Iterator<number> { for (let i = this.start; i < this.stop; i++) yield i; }
  len(): number { return this.withLen ? this.stop - this.start : super.len(); }
}

type Built = number[] | Count | InstanceType<typeof data.ConcatDataset<number>> | InstanceType<typeof data.ChainDataset<number>>;
function build(spec: Spec): Built {
  if (spec[0] === 'list') return spec[1].slice();
  if (spec[0] === 'count') return new Count(spec[1], spec[2], spec[3]);
  if (spec[0] === 'concat') return new data.ConcatDataset(spec[1].map(build) as number[][]);
  return new data.ChainDataset(spec[1].map(build) as Count[]);
}

/** The exception `run` throws, as a fixture records it. */
function failure(run: () => unknown): Failure {
  try {
    run();
  } catch (e) {
    return { error_type: (e as Error).name, error: (e as Error).message };
  }
  throw new Error('expected an error');
}

describe.each(DEVICES)('ConcatDataset, IterableDataset, ChainDataset, pack_sequence vs PyTorch on %s', (device: Device) => {
  it('ConcatDataset: items at every index (negative from the end), len, cumulative_sizes, errors', () => {
    const c = fixture.concat, d = build(c.spec) as InstanceType<typeof data.ConcatDataset<number>>;
    expect(d.len()).toBe(c.len);
    expect(d.cumulative_sizes).toEqual(c.cumulative_sizes);
    for (const [i, v] of c.items) expect(d.getitem(i)).toBe(v);
    for (const e of c.errors) expect(failure(() => d.getitem(e.index))).toEqual({ error_type: e.error_type, error: e.error });
  });

  for (const c of fixture.loaders) {
    it(`DataLoader over ${c.name}: batches, len, the draw it leaves`, () => {
      const before = torch.get_default_device();
      torch.set_default_device(device);
      try {
        torch.tidy(() => {
          torch.manual_seed(c.seed);
          const generator = c.generator_seed === null ? null : new torch.Generator().manual_seed(c.generator_seed);
          const loader = new data.DataLoader(build(c.spec), { ...c.kwargs, generator });
          if (typeof c.len === 'number') expect(loader.len()).toBe(c.len);
          else expect(failure(() => loader.len())).toEqual(c.len);
          const batches = [...loader];
          expect(batches.length).toBe(c.batches.length);
          batches.forEach((b, i) => {
            const e = c.batches[i];
            if (typeof e === 'number') expect(b).toBe(e);
            else {
              expect((b as torch.Tensor).device).toBe(device);
              expectClose(b as torch.Tensor, e.tensor, { rtol: 0, atol: 0 }, `batch ${i}`);
            }
          });
          expect(torch.randint(0, 2 ** 30, [1]).item()).toBe(c.after);
        });
      } finally {
        torch.set_default_device(before);
      }
    });
  }

  it('ChainDataset: the streams one after another, len the sum', () => {
    const d = build(fixture.chain.spec) as Count;
    expect([...d]).toEqual(fixture.chain.items);
    expect(d.len()).toBe(fixture.chain.len);
  });

  for (const e of fixture.errors) {
    it(`error: ${e.name}`, () => {
      const run = e.spec === null ? () => new data.ConcatDataset([])
        : e.kwargs === 'len' ? () => (build(e.spec as Spec) as Count).len()
          : e.kwargs ? () => new data.DataLoader(build(e.spec as Spec), e.kwargs as object)
            : () => [...(build(e.spec as Spec) as Iterable<number>)];
      const f = failure(run);
      expect(f).toEqual({ error_type: e.error_type, error: e.error });
      expect(f.error_type in torch).toBe(true);
    });
  }

  for (const c of fixture.packs) {
    it(`pack_sequence / unpack_sequence ${c.name}: data, batch_sizes, permutations, gradients, round trip`, () => {
      torch.tidy(() => {
        const seqs = c.sequences.map((s) => fromFixture(s, device, true));
        const packed = rnn.pack_sequence(seqs, { enforce_sorted: c.enforce_sorted });
        expectClose(packed.data, c.data, { rtol: 0, atol: 0 }, 'data');
        expectClose(packed.batch_sizes, c.batch_sizes, { rtol: 0, atol: 0 }, 'batch_sizes');
        for (const k of ['sorted_indices', 'unsorted_indices'] as const) {
          if (c[k] === null) expect(packed[k]).toBeNull();
          else expectClose(packed[k], c[k]!, { rtol: 0, atol: 0 }, k);
        }
        packed.data.mul(fromFixture(c.upstream, device, false)).sum().backward();
        seqs.forEach((s, i) => expectClose(s.grad, c.grads[i], { rtol: 0, atol: 0 }, `grad of sequence ${i}`));
        const unpacked = rnn.unpack_sequence(packed);
        expect(unpacked.length).toBe(c.unpacked.length);
        unpacked.forEach((u, i) => expectClose(u, c.unpacked[i], { rtol: 0, atol: 0 }, `unpacked ${i}`));
      });
    });
  }

  it('pack_sequence refuses unsorted lengths with enforce_sorted', () => {
    const seqs = fixture.pack_error.lengths.map((n) => torch.zeros([n], { device }));
    expect(failure(() => rnn.pack_sequence(seqs))).toEqual({ error_type: fixture.pack_error.error_type, error: fixture.pack_error.error });
  });
});
