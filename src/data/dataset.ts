// torch.utils.data's map-style datasets: Dataset, TensorDataset, Subset, ConcatDataset, and random_split.
//
// PyTorch's __getitem__ and __len__ are spelled getitem(index) and len() here: a subclass overrides
// those two methods; `dataset.length` reads len(). A plain JS array serves as a dataset too, as a
// Python list does in PyTorch (random_split(range(10), ...), DataLoader(list)).

import { Tensor } from '../tensor.js';
import { AssertionError, IndexError, TypeError, ValueError } from '../errors.js';
import { default_generator, randperm, type Generator } from '../random.js';
import { warnOnce } from '../nn/warn.js';
import { IterableDataset } from './iterable.js';

/**
 * An abstract map-style dataset, PyTorch's `torch.utils.data.Dataset`: subclasses implement
 * `getitem(index)` (PyTorch's `__getitem__`) and `len()` (PyTorch's `__len__`).
 *
 * @example
 * class Squares extends torch.utils.data.Dataset<[number, number]> {
 *   len() { return 10; }
 *   getitem(i: number): [number, number] { return [i, i * i]; }
 * }
 * new Squares().getitem(3); // [3, 9]
 */
export abstract class Dataset<T = unknown> {
  /**
   * The sample at `index` (PyTorch's `__getitem__`).
   * @example dataset.getitem(0)
   */
  abstract getitem(index: number): T;

  /**
   * How many samples there are (PyTorch's `__len__`). PyTorch's base class has none; a dataset
   * without one cannot be shuffled, split or batched by length.
   * @example dataset.len()
   */
  len(): number {
    throw new TypeError(`object of type '${this.constructor.name}' has no len()`);
  }

  /**
   * len() as a property, as JS collections have it.
   * @example dataset.length === dataset.len()
   */
  get length(): number { return this.len(); }
}

/** A Dataset, or a plain array standing for one (a Python list). */
export type DatasetLike<T = unknown> = Dataset<T> | readonly T[];

/** len(dataset) for a Dataset or an array. */
export function datasetLength(dataset: DatasetLike): number {
  return Array.isArray(dataset) ? dataset.length : (dataset as Dataset).len();
}

/** dataset[index] for a Dataset or an array (an array indexes as a Python list: negatives from the end). */
export function datasetItem<T>(dataset: DatasetLike<T>, index: number): T {
  if (!Array.isArray(dataset)) return (dataset as Dataset<T>).getitem(index);
  return (dataset as T[])[listIndex(index, dataset.length)];
}

/** A Python list index: negative counts from the end; out of range is IndexError. */
function listIndex(index: number, length: number): number {
  const i = index < 0 ? index + length : index;
  if (!Number.isInteger(i) || i < 0 || i >= length) throw new IndexError('list index out of range');
  return i;
}

/**
 * Samples that are rows of tensors: sample i is `[t[i] for t of tensors]`, as
 * `torch.utils.data.TensorDataset(*tensors)`. Every tensor has the same size in dim 0.
 *
 * @example
 * const ds = new torch.utils.data.TensorDataset(torch.randn(10, 3), torch.arange(10));
 * const [x, y] = ds.getitem(2); // x: (3), y: ()
 */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];

  constructor(...tensors: Tensor[]) {
    super();
    if (tensors.some((t) => !(t instanceof Tensor))) throw new TypeError('TensorDataset: expected Tensors');
    if (!tensors.every((t) => t.size(0) === tensors[0].size(0))) throw new AssertionError('Size mismatch between tensors');
    this.tensors = tensors;
  }

  /** `tuple(tensor[index] for tensor in tensors)`. @example ds.getitem(0) */
  getitem(index: number): Tensor[] { return this.tensors.map((t) => t.index(index)); }

  /** The tensors' size in dim 0. @example ds.len() */
  len(): number { return this.tensors[0].size(0); }
}

/**
 * The samples of `dataset` at `indices`, in that order, as `torch.utils.data.Subset`.
 *
 * @example
 * const evens = new torch.utils.data.Subset(dataset, [0, 2, 4]);
 * evens.getitem(1); // dataset.getitem(2)
 */
export class Subset<T = unknown> extends Dataset<T> {
  readonly dataset: DatasetLike<T>;
  readonly indices: number[];

  constructor(dataset: DatasetLike<T>, indices: readonly number[]) {
    super();
    this.dataset = dataset;
    this.indices = indices.slice();
  }

  /** `dataset[indices[index]]`. @example subset.getitem(0) */
  getitem(index: number): T { return datasetItem(this.dataset, this.indices[listIndex(index, this.indices.length)]); }

  /** How many indices there are. @example subset.len() */
  len(): number { return this.indices.length; }
}

/**
 * Several datasets one after another, as `torch.utils.data.ConcatDataset`: index i reads the
 * dataset its running total falls in (PyTorch's bisect over `cumulative_sizes`); a negative index
 * counts from the end.
 * @example
 * const both = new torch.utils.data.ConcatDataset([train, extra]);
 * both.getitem(train.len()); // extra.getitem(0)
 */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  readonly datasets: DatasetLike<T>[];
  readonly cumulative_sizes: number[];

  constructor(datasets: Iterable<DatasetLike<T>>) {
    super();
    this.datasets = [...datasets];
    if (this.datasets.length === 0) throw new AssertionError('datasets should not be an empty iterable');
    for (const d of this.datasets) {
      if ((d as unknown) instanceof IterableDataset) throw new AssertionError('ConcatDataset does not support IterableDataset');
    }
    let total = 0;
    this.cumulative_sizes = this.datasets.map((d) => (total += datasetLength(d)));
  }

  /** The sample at `index` of the concatenation. @example both.getitem(-1) */
  getitem(index: number): T {
    let i = index;
    if (i < 0) {
      if (-i > this.len()) throw new ValueError('absolute value of index should not exceed dataset length');
      i += this.len();
    }
    // bisect_right(cumulative_sizes, i)
    let d = 0;
    while (d < this.cumulative_sizes.length && this.cumulative_sizes[d] <= i) d++;
    if (d >= this.datasets.length) throw new IndexError('list index out of range');
    return datasetItem(this.datasets[d], d === 0 ? i : i - this.cumulative_sizes[d - 1]);
  }

  /** The sum of the datasets' lengths. @example both.len() */
  len(): number { return this.cumulative_sizes[this.cumulative_sizes.length - 1]; }
}

/** random_split's options. */
export interface RandomSplitOptions {
  /** The generator of the permutation (default: torch's default generator, as PyTorch's). */
  generator?: Generator | null;
}

/**
 * Splits `dataset` into non-overlapping random Subsets of the given lengths, as
 * `torch.utils.data.random_split`: the lengths are counts summing to len(dataset), or fractions
 * summing to 1 (floor(len · f) each, the remainder handed out one by one from the first). The
 * indices are `torch.randperm(len, generator)`, so the same seed gives PyTorch's split.
 *
 * @example
 * const [train, test] = torch.utils.data.random_split(dataset, [0.8, 0.2], { generator: new torch.Generator().manual_seed(42) });
 */
export function random_split<T>(dataset: DatasetLike<T>, lengths: readonly number[], options: RandomSplitOptions = {}): Subset<T>[] {
  const n = datasetLength(dataset);
  let counts = lengths.slice();
  const total = counts.reduce((a, b) => a + b, 0);
  if (isClose(total, 1) && total <= 1) {
    counts = lengths.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length] += 1;
    counts.forEach((c, i) => {
      if (c === 0) warnOnce(`Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum !== n) throw new ValueError('Sum of input lengths does not equal the length of the input dataset!');
  const indices = randperm(sum, options.generator ?? default_generator);
  let offset = 0;
  return counts.map((c) => new Subset(dataset, indices.slice(offset, (offset += c))));
}

/** Python's math.isclose(a, b) with its default rel_tol 1e-9. */
function isClose(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
