// torch.utils.data's iterable-style datasets: IterableDataset (a stream of samples, PyTorch's
// __iter__ spelled [Symbol.iterator]) and ChainDataset (several streams one after another), and
// how a DataLoader batches a stream: PyTorch's _IterableDatasetFetcher takes batch_size samples at a
// time from one iterator, the last batch shorter (or dropped with drop_last).

import { AssertionError, TypeError } from '../errors.js';

/**
 * A dataset that is a stream of samples, PyTorch's `torch.utils.data.IterableDataset`: subclasses
 * implement `[Symbol.iterator]()` (PyTorch's `__iter__`), and may implement `len()`. A DataLoader
 * over it batches the stream in order (no sampler, no shuffle).
 * @example
 * class Count extends torch.utils.data.IterableDataset<number> {
 *   *[Symbol.iterator]() { for (let i = 0; i < 5; i++) yield i; }
 * }
 * [...new torch.utils.data.DataLoader(new Count(), { batch_size: 2 })]; // tensors [0, 1], [2, 3], [4]
 */
export abstract class IterableDataset<T = unknown> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;

  /**
   * How many samples the stream holds, if the subclass knows (PyTorch's optional `__len__`).
   * @example dataset.len()
   */
  len(): number {
    throw new TypeError(`object of type '${this.constructor.name}' has no len()`);
  }

  /** len() as a property. @example dataset.length */
  get length(): number { return this.len(); }
}

/**
 * Several IterableDatasets one after another, as `torch.utils.data.ChainDataset`; its len() is
 * the sum of theirs.
 * @example [...new torch.utils.data.ChainDataset([streamA, streamB])] // streamA's samples, then streamB's
 */
export class ChainDataset<T = unknown> extends IterableDataset<T> {
  readonly datasets: Iterable<T>[];

  constructor(datasets: Iterable<Iterable<T>>) {
    super();
    this.datasets = [...datasets];
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const d of this.datasets) {
      if (!(d instanceof IterableDataset)) throw new AssertionError('ChainDataset only supports IterableDataset');
      yield* d as Iterable<T>;
    }
  }

  /** The sum of the datasets' lengths. @example chain.len() */
  len(): number {
    let total = 0;
    for (const d of this.datasets) {
      if (!(d instanceof IterableDataset)) throw new AssertionError('ChainDataset only supports IterableDataset');
      total += d.len();
    }
    return total;
  }
}

/**
 * The batches a DataLoader makes of a stream: `size` samples at a time (one sample, not in a
 * list, when automatic batching is off), the short last batch dropped with dropLast.
 */
export function* streamBatches<T>(dataset: Iterable<T>, size: number | null, dropLast: boolean): Generator<T[] | T, void, undefined> {
  const it = dataset[Symbol.iterator]();
  if (size === null) {
    for (let r = it.next(); !r.done; r = it.next()) yield r.value;
    return;
  }
  for (;;) {
    const batch: T[] = [];
    let r = it.next();
    while (!r.done) {
      batch.push(r.value);
      if (batch.length === size) break;
      r = it.next();
    }
    if (batch.length === 0 || (dropLast && batch.length < size)) return;
    yield batch;
    if (batch.length < size) return;
  }
}
