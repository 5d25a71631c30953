// torch.utils.data's default_collate and default_convert: samples to a batch, as PyTorch's.
//
// JS has one number type where Python has int and float: a number that is an integer counts as a
// Python int (a batch of them is int64), any other as a float (float64). A batch whose first element
// is an integer but which holds a fraction becomes float32, as torch.tensor([1, 2.5]) does.

import { Tensor } from '../tensor.js';
import { RuntimeError, TypeError } from '../errors.js';
import { tensor } from '../creation.js';
import { stack } from '../ops/shape.js';
import { pyType } from '../args.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !ArrayBuffer.isView(v);

/**
 * Merges a list of samples into a batch, as `torch.utils.data.default_collate`: tensors are
 * stacked along a new dim 0; numbers become a tensor (int64 for integers, float64 otherwise),
 * booleans a bool tensor; strings stay a list; arrays (tuples) are collated position by position
 * into an array, objects (dicts) key by key into an object.
 *
 * @example
 * torch.utils.data.default_collate([[torch.ones(2), 0], [torch.zeros(2), 1]]);
 * // [tensor([[1., 1.], [0., 0.]]), tensor([0, 1])]
 */
export function default_collate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (typeof elem === 'number') {
    const numbers = batch as number[];
    if (!Number.isInteger(elem)) return tensor(numbers, { dtype: 'float64' });
    return tensor(numbers, { dtype: numbers.every((v) => Number.isInteger(v)) ? 'int64' : 'float32' });
  }
  if (typeof elem === 'boolean') return tensor(batch as boolean[]);
  if (typeof elem === 'string') return batch.slice();
  if (Array.isArray(elem)) {
    if (!batch.every((b) => Array.isArray(b) && b.length === elem.length)) {
      throw new RuntimeError('each element in list of batch should be of equal size');
    }
    return elem.map((_, i) => default_collate(batch.map((b) => (b as unknown[])[i])));
  }
  if (isPlainObject(elem)) {
    return Object.fromEntries(Object.keys(elem).map((k) => [k, default_collate(batch.map((b) => (b as Record<string, unknown>)[k]))]));
  }
  throw new TypeError(`default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class '${pyType(elem)}'>`);
}

/**
 * What a DataLoader without automatic batching (batch_size null) does to each sample, as
 * `torch.utils.data.default_convert`: PyTorch turns numpy arrays into tensors and leaves the
 * rest; JS has no numpy arrays, so samples pass through (arrays and objects copied).
 *
 * @example torch.utils.data.default_convert([torch.ones(2), 3]); // [tensor([1., 1.]), 3]
 */
export function default_convert(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(default_convert);
  if (isPlainObject(data)) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, default_convert(v)]));
  return data;
}
