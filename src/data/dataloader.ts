// torch.utils.data.DataLoader, single-process: samples from a map-style dataset in the order of
// a sampler, batched by a BatchSampler and merged by a collate function, iterable with for..of.
//
// Each iteration first draws a 64-bit base seed from the loader's generator (PyTorch seeds its
// workers from it, even with num_workers=0): with shuffle and a generator, PyTorch's randperm comes
// after that draw, and wasmgrad draws the same to give PyTorch's order for the same seed.

import { NotImplementedError, ValueError } from '../errors.js';
import { pyStr } from './sampler.js';
import { default_generator, type Generator } from '../random.js';
import { datasetItem, datasetLength, type DatasetLike } from './dataset.js';
import { BatchSampler, RandomSampler, SequentialSampler, drawSeed, samplerLength, type SamplerLike } from './sampler.js';
import { default_collate, default_convert } from './collate.js';
import { IterableDataset, streamBatches } from './iterable.js';

/** DataLoader's options, PyTorch's keywords. */
export interface DataLoaderOptions<T = unknown, B = unknown> {
  /** Samples per batch (default 1); null turns automatic batching off. */
  batch_size?: number | null;
  /** Reshuffle the indices every iteration (a RandomSampler over the dataset). */
  shuffle?: boolean | null;
  /** The order of indices (excludes shuffle). */
  sampler?: (Iterable<number> & SamplerLike<number>) | null;
  /** Batches of indices (excludes batch_size, shuffle, sampler and drop_last). */
  batch_sampler?: (Iterable<number[]> & SamplerLike<number[]>) | null;
  /** Merges a list of samples into a batch (default {@link default_collate}). */
  collate_fn?: ((batch: T[]) => B) | null;
  /** Drop the last, incomplete batch. */
  drop_last?: boolean;
  /** The generator of shuffling and of the base seed (default: torch's default generator). */
  generator?: Generator | null;
  /** Only 0: wasmgrad loads in the calling thread. */
  num_workers?: number;
  /** Accepted as PyTorch's; no effect. */
  pin_memory?: boolean;
  /** Accepted as PyTorch's; no effect. */
  timeout?: number;
  /** Must be null with num_workers=0, as in PyTorch. */
  prefetch_factor?: number | null;
  /** Needs num_workers > 0, as in PyTorch. */
  persistent_workers?: boolean;
}

/**
 * Iterates over a dataset in batches, as `torch.utils.data.DataLoader` with `num_workers=0`:
 * `for (const [x, y] of loader)`. Shuffling with a seeded generator (or after torch.manual_seed)
 * gives PyTorch's order for the same seed. `loader.len()` (also `loader.length`) is PyTorch's
 * `len(loader)`, the number of batches.
 *
 * @example
 * const ds = new torch.utils.data.TensorDataset(torch.randn(10, 3), torch.arange(10));
 * const loader = new torch.utils.data.DataLoader(ds, { batch_size: 4, shuffle: true, generator: new torch.Generator().manual_seed(0) });
 * for (const [x, y] of loader as Iterable<torch.Tensor[]>) console.log(x.shape, y.shape); // [4, 3] [4] … [2, 3] [2]
 */
export class DataLoader<T = unknown, B = unknown> implements Iterable<B> {
  readonly dataset: DatasetLike<T> | IterableDataset<T>;
  readonly batch_size: number | null;
  readonly drop_last: boolean;
  readonly sampler: Iterable<number> & SamplerLike<number>;
  readonly batch_sampler: (Iterable<number[]> & SamplerLike<number[]>) | null;
  readonly collate_fn: (batch: T[]) => B;
  readonly generator: Generator | null;
  readonly num_workers: number;

  constructor(dataset: DatasetLike<T> | IterableDataset<T>, options: DataLoaderOptions<T, B> = {}) {
    const o = options;
    let batchSize = o.batch_size === undefined ? 1 : o.batch_size;
    let dropLast = o.drop_last ?? false;
    const workers = o.num_workers ?? 0;
    if (workers < 0) throw new ValueError('num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.');
    if ((o.timeout ?? 0) < 0) throw new ValueError('timeout option should be non-negative');
    if (workers === 0 && o.prefetch_factor != null) {
      throw new ValueError('prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to None.');
    }
    if (o.persistent_workers && workers === 0) throw new ValueError('persistent_workers option needs num_workers > 0');
    if (workers > 0) throw new NotImplementedError('wasmgrad: DataLoader loads in the calling thread; use num_workers=0');
    const stream = dataset instanceof IterableDataset;
    if (stream) {
      // a stream has its own order: PyTorch refuses what would reorder it
      const given = o.shuffle != null && o.shuffle !== false ? ['shuffle', o.shuffle] : o.sampler != null ? ['sampler', o.sampler]
        : o.batch_sampler != null ? ['batch_sampler', o.batch_sampler] : null;
      if (given) throw new ValueError(`DataLoader with IterableDataset: expected unspecified ${given[0]} option, but got ${given[0]}=${pyStr(given[1])}`);
    }
    if (o.sampler != null && o.shuffle) throw new ValueError('sampler option is mutually exclusive with shuffle');
    if (o.batch_sampler != null) {
      if (batchSize !== 1 || o.shuffle || o.sampler != null || dropLast) {
        throw new ValueError('batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last');
      }
      batchSize = null;
      dropLast = false;
    } else if (batchSize === null && dropLast) {
      throw new ValueError('batch_size=None option disables auto-batching and is mutually exclusive with drop_last');
    }
    this.dataset = dataset;
    this.num_workers = workers;
    this.generator = o.generator ?? null;
    // a stream's loader has no sampler of its own (PyTorch's _InfiniteConstantSampler): an empty one stands in
    const source = stream ? [] : dataset;
    this.sampler = o.sampler ?? (o.shuffle ? new RandomSampler(source, { generator: this.generator }) : new SequentialSampler(source));
    this.batch_sampler = o.batch_sampler ?? (batchSize !== null ? new BatchSampler(this.sampler, batchSize, dropLast) : null);
    this.batch_size = batchSize;
    this.drop_last = dropLast;
    this.collate_fn = o.collate_fn ?? ((this.batch_sampler !== null ? default_collate : default_convert) as (batch: T[]) => B);
  }

  /** Starts an iteration: draws the base seed now, as PyTorch's iterator does when it is made. */
  [Symbol.iterator](): Iterator<B> {
    drawSeed(this.generator ?? default_generator);
    return this.batches();
  }

  private *batches(): Generator_<B> {
    if (this.dataset instanceof IterableDataset) {
      for (const batch of streamBatches(this.dataset, this.batch_size, this.drop_last)) yield this.collate_fn(batch as T[]);
      return;
    }
    if (this.batch_sampler === null) {
      for (const i of this.sampler) yield this.collate_fn(datasetItem(this.dataset as DatasetLike<T>, i) as unknown as T[]);
      return;
    }
    const dataset = this.dataset;
    for (const indices of this.batch_sampler) yield this.collate_fn(indices.map((i) => datasetItem(dataset, i)));
  }

  /** The number of batches, PyTorch's `len(loader)`. @example loader.len() */
  len(): number {
    if (!(this.dataset instanceof IterableDataset)) return samplerLength(this.batch_sampler ?? this.sampler);
    // a stream's length is its dataset's, in batches (PyTorch's len of an IterableDataset's loader)
    const n = this.dataset.len(), b = this.batch_size;
    return b === null ? n : this.drop_last ? Math.floor(n / b) : Math.ceil(n / b);
  }

  /** len() as a property. @example loader.length */
  get length(): number { return this.len(); }
}

/** JS's built-in generator type (torch's Generator shadows the name here). */
type Generator_<T> = globalThis.Generator<T, void, undefined>;

