// torch.utils.data's samplers: which dataset indices a DataLoader visits, and in which batches.
//
// Iteration is lazy as Python's generator functions are: RandomSampler draws its seed or permutation
// when the first index is asked for, not when the iterator is made, so draws interleave with the
// DataLoader's base-seed draw exactly as PyTorch's do.

import { TypeError, ValueError } from '../errors.js';
import { Generator, default_generator, randint, randperm } from '../random.js';
import { Tensor } from '../tensor.js';
import { tensor } from '../creation.js';
import { multinomial } from '../ops/multinomial.js';
import { datasetLength, type DatasetLike } from './dataset.js';

/** A Python value in a message, as str() prints it (True, None, 3). */
export function pyStr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return String(v);
}

/**
 * The base class of samplers, `torch.utils.data.Sampler`: an iterable of indices (or of
 * batches of indices) with a length.
 *
 * @example
 * class Backwards extends torch.utils.data.Sampler<number> {
 *   constructor(private n: number) { super(); }
 *   *[Symbol.iterator]() { for (let i = this.n - 1; i >= 0; i--) yield i; }
 *   len() { return this.n; }
 * }
 */
export abstract class Sampler<T = number> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;

  /** How many items an iteration gives (PyTorch's `__len__`). @example sampler.len() */
  abstract len(): number;

  /** len() as a property. @example sampler.length */
  get length(): number { return this.len(); }
}

/** A sampler, or any iterable of indices with a length (a plain array). */
export type SamplerLike<T = number> = Sampler<T> | readonly T[];

/** len(sampler). */
export function samplerLength(sampler: SamplerLike<unknown>): number {
  return Array.isArray(sampler) ? sampler.length : (sampler as Sampler<unknown>).len();
}

/**
 * 0, 1, …, len(data_source) − 1, as `torch.utils.data.SequentialSampler`.
 * @example [...new torch.utils.data.SequentialSampler([10, 20, 30])]; // [0, 1, 2]
 */
export class SequentialSampler extends Sampler<number> {
  constructor(readonly data_source: DatasetLike) { super(); }

  *[Symbol.iterator](): Iterator<number> {
    const n = datasetLength(this.data_source);
    for (let i = 0; i < n; i++) yield i;
  }

  /** len(data_source). @example sampler.len() */
  len(): number { return datasetLength(this.data_source); }
}

/** A 64-bit seed drawn as `torch.empty((), dtype=torch.int64).random_(generator=g).item()`: random64() mod 2^63. */
export function drawSeed(gen: Generator): bigint {
  const hi = BigInt(gen.random()), lo = BigInt(gen.random());
  return ((hi << 32n) | lo) & 0x7fffffffffffffffn;
}

/** RandomSampler's options. */
export interface RandomSamplerOptions {
  /** Draw with replacement (default false). */
  replacement?: boolean;
  /** How many indices to draw (default len(data_source)). */
  num_samples?: number | null;
  /** The generator to draw from; without one, each iteration seeds a new generator from torch's default one. */
  generator?: Generator | null;
}

/**
 * The indices in random order, as `torch.utils.data.RandomSampler`: `torch.randperm(n, generator)`
 * per pass (or `torch.randint` 32 at a time with replacement). Without a generator each iteration
 * first draws a seed from the default generator and draws from a new generator seeded with it,
 * as PyTorch does, so after the same torch.manual_seed the order is PyTorch's.
 *
 * @example
 * const s = new torch.utils.data.RandomSampler(dataset, { generator: new torch.Generator().manual_seed(0) });
 * [...s]; // == list(RandomSampler(dataset, generator=torch.Generator().manual_seed(0)))
 */
export class RandomSampler extends Sampler<number> {
  readonly replacement: boolean;
  readonly generator: Generator | null;
  private readonly numSamples: number | null;

  constructor(readonly data_source: DatasetLike, options: RandomSamplerOptions = {}) {
    super();
    this.replacement = options.replacement ?? false;
    this.numSamples = options.num_samples ?? null;
    this.generator = options.generator ?? null;
    if (typeof this.replacement !== 'boolean') {
      throw new TypeError(`replacement should be a boolean value, but got replacement=${pyStr(this.replacement)}`);
    }
    const k = this.num_samples;
    if (!Number.isInteger(k) || k <= 0) throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${pyStr(k)}`);
  }

  /** The number of indices one iteration gives. @example sampler.num_samples */
  get num_samples(): number { return this.numSamples ?? datasetLength(this.data_source); }

  *[Symbol.iterator](): Iterator<number> {
    const n = datasetLength(this.data_source);
    const gen = this.generator ?? new Generator().manual_seed(drawSeed(default_generator));
    const k = this.num_samples;
    if (this.replacement) {
      for (let b = 0; b < Math.floor(k / 32); b++) yield* randint(0, n, 32, gen);
      yield* randint(0, n, k % 32, gen);
    } else {
      for (let p = 0; p < Math.floor(k / n); p++) yield* randperm(n, gen);
      yield* randperm(n, gen).slice(0, k % n);
    }
  }

  /** num_samples. @example sampler.len() */
  len(): number { return this.num_samples; }
}

/**
 * The given indices in random order, as `torch.utils.data.SubsetRandomSampler`:
 * `indices[i] for i in torch.randperm(len(indices), generator)`.
 * @example new torch.utils.data.SubsetRandomSampler([0, 2, 4], { generator: new torch.Generator().manual_seed(1) })
 */
export class SubsetRandomSampler extends Sampler<number> {
  readonly generator: Generator | null;
  constructor(readonly indices: readonly number[], options: { generator?: Generator | null } = {}) {
    super();
    this.generator = options.generator ?? null;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (const i of randperm(this.indices.length, this.generator ?? default_generator)) yield this.indices[i];
  }

  /** len(indices). @example sampler.len() */
  len(): number { return this.indices.length; }
}

/**
 * Indices drawn with probabilities proportional to `weights`, as
 * `torch.utils.data.WeightedRandomSampler(weights, num_samples, replacement=True, generator=None)`:
 * one `torch.multinomial` of the float64 weights per iteration, so the same seed gives PyTorch's draws.
 * @example [...new torch.utils.data.WeightedRandomSampler([0.1, 0.9, 0.4], 5, true, { generator: new torch.Generator().manual_seed(0) })]
 */
export class WeightedRandomSampler extends Sampler<number> {
  /** The weights, as float64 numbers (kept outside any torch.tidy scope). */
  readonly weights: number[];
  readonly generator: Generator | null;

  constructor(weights: readonly number[] | Tensor, readonly num_samples: number, readonly replacement = true, options: { generator?: Generator | null } = {}) {
    super();
    if (typeof num_samples !== 'number' || !Number.isInteger(num_samples) || num_samples <= 0) {
      throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${pyStr(num_samples)}`);
    }
    if (typeof replacement !== 'boolean') throw new ValueError(`replacement should be a boolean value, but got replacement=${pyStr(replacement)}`);
    const shape = weights instanceof Tensor ? weights.shape : [weights.length];
    if (shape.length !== 1 || (!(weights instanceof Tensor) && weights.some((w) => Array.isArray(w)))) {
      const dims = weights instanceof Tensor ? shape : [weights.length, (weights[0] as unknown as unknown[]).length];
      throw new ValueError(`weights should be a 1d sequence but given weights have shape ${dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`}`);
    }
    this.weights = weights instanceof Tensor ? Array.from(weights.double().dataSync() as ArrayLike<number>) : weights.slice();
    this.generator = options.generator ?? null;
  }

  *[Symbol.iterator](): Iterator<number> {
    const w = tensor(this.weights, { dtype: 'float64' });
    const drawn = multinomial(w, this.num_samples, this.replacement, { generator: this.generator });
    const indices = drawn.tolist() as number[];
    w.dispose();
    drawn.dispose();
    yield* indices;
  }

  /** num_samples. @example sampler.len() */
  len(): number { return this.num_samples; }
}

/**
 * Groups another sampler's indices into lists of batch_size, as `torch.utils.data.BatchSampler`;
 * the last, shorter batch is dropped with drop_last.
 *
 * @example
 * [...new torch.utils.data.BatchSampler(new torch.utils.data.SequentialSampler([...'abcde']), 2, false)]; // [[0, 1], [2, 3], [4]]
 */
export class BatchSampler extends Sampler<number[]> {
  constructor(readonly sampler: Iterable<number> & SamplerLike<number>, readonly batch_size: number, readonly drop_last: boolean) {
    super();
    if (typeof batch_size !== 'number' || !Number.isInteger(batch_size) || batch_size <= 0) {
      throw new ValueError(`batch_size should be a positive integer value, but got batch_size=${pyStr(batch_size)}`);
    }
    if (typeof drop_last !== 'boolean') throw new ValueError(`drop_last should be a boolean value, but got drop_last=${pyStr(drop_last)}`);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const index of this.sampler) {
      batch.push(index);
      if (batch.length === this.batch_size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.drop_last) yield batch;
  }

  /** The number of batches: ⌈n / batch_size⌉, or ⌊n / batch_size⌋ with drop_last. @example sampler.len() */
  len(): number {
    const n = samplerLength(this.sampler);
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
}
