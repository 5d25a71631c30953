// Fixture cases of the sorting and order-statistic rows of the op table (table.ts):
// ties (few distinct values, in runs longer than 16 so std::sort's introsort and
// nth_element's partitions run, not only insertion sort), NaN, ±inf, ±0, empty and
// 0-dim tensors, negative dims, keepdim, descending, k = 0 and k = size, float64, int64.

import type { TableCase, CaseInput } from './table.js';

const any = (shape: number[]): CaseInput => ({ shape, domain: 'any' });
const vals = (values: number[], shape: number[]): CaseInput => ({ values, shape });
const ints = (values: number[], shape: number[]): CaseInput => ({ values, shape, dtype: 'int64' });
/** n values drawn from `pool` by a fixed LCG: many ties in no particular order. */
function tiesOf(n: number, pool: number[], seed: number): number[] {
  const out: number[] = [];
  let s = seed + 1;
  for (let i = 0; i < n; i++) { s = (s * 48271) % 2147483647; out.push(pool[(s >> 4) % pool.length]); }
  return out;
}
const R = 'reduction' as const;
const TIES = vals([3, 1, NaN, 1, -Infinity, 3, Infinity, NaN, 0, 1, -0, 3], [12]);
const TIES34 = vals([3, 1, NaN, 1, -Infinity, 3, Infinity, NaN, 0, 1, -0, 3], [3, 4]);
const BIG = vals(tiesOf(80, [0, 1, 2, 3, 4], 7), [2, 40]);
const BIG_NAN = vals(tiesOf(80, [0, 1, 2, NaN, -Infinity, Infinity, -0], 11), [2, 40]);
const LONG = vals(tiesOf(130, [0, 1, 2, 3, 4, 5, NaN], 5), [130]);
const INTS = ints([3, -1, 2, 3, 0, -1, 7, 3], [2, 4]);
const ZERO_D = vals([2.5], []);
const c = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}, extra: Partial<TableCase> = {}): TableCase =>
  ({ name, call, args, kwargs, family: R, ...extra });
const f64 = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}): TableCase =>
  c(`${name}/float64`, call, args, kwargs, { dtype: 'float64' });

export const SORT_CASES: readonly TableCase[] = [
  c('sort/default', 'torch.sort', [any([3, 4])]),
  c('sort/ties NaN inf zeros', 'torch.sort', [TIES]),
  c('sort/descending', 'torch.sort', [TIES34], { descending: true }),
  c('sort/method dim -3 descending', 'Tensor.sort', [any([3, 4, 2]), -3, true]),
  c('sort/introsort ties', 'torch.sort', [BIG, 1]),
  c('sort/introsort ties NaN descending', 'torch.sort', [BIG_NAN], { dim: -1, descending: true }),
  c('sort/introsort ties dim 0', 'Tensor.sort', [vals(tiesOf(80, [0, 1, 2], 3), [40, 2]), 0]),
  c('sort/empty', 'torch.sort', [any([2, 0])]),
  c('sort/empty other dim', 'torch.sort', [any([0, 3])], { dim: 1 }),
  c('sort/0-dim', 'torch.sort', [ZERO_D, 0]),
  c('sort/int64', 'torch.sort', [INTS], { descending: true }),
  f64('sort/ties', 'torch.sort', [BIG_NAN, 1]),
  c('argsort/ties', 'torch.argsort', [BIG, 1]),
  c('argsort/method descending stable', 'Tensor.argsort', [BIG_NAN], { dim: 1, descending: true, stable: true }),
  c('argsort/int64', 'torch.argsort', [INTS, 0]),
  c('msort/function', 'torch.msort', [vals(tiesOf(60, [0, 1, 2, NaN], 4), [20, 3])]),
  c('msort/method', 'Tensor.msort', [any([4])]),
  f64('msort', 'torch.msort', [any([3, 2])]),
];

// sort(stable=True) is PyTorch's sort.stable overload: its own node, SortBackward1
export const SORT_STABLE_CASES: readonly TableCase[] = [
  c('sort/stable', 'torch.sort', [BIG_NAN], { stable: true }),
  c('sort/stable descending dim 0', 'torch.sort', [vals(tiesOf(80, [0, 1, NaN], 9), [40, 2])], { dim: 0, descending: true, stable: true }),
  c('sort/stable false (the stable overload)', 'Tensor.sort', [any([2, 5])], { stable: false }),
  f64('sort/stable', 'Tensor.sort', [BIG_NAN], { stable: true, descending: true }),
];

export const TOPK_CASES: readonly TableCase[] = [
  c('topk/default', 'torch.topk', [any([3, 5]), 2]),
  c('topk/ties NaN', 'torch.topk', [TIES, 5]),
  c('topk/smallest', 'torch.topk', [TIES, 5], { largest: false }),
  c('topk/unsorted', 'torch.topk', [TIES, 5], { sorted: false }),
  c('topk/nth_element ties', 'torch.topk', [BIG_NAN, 25, 1]),
  c('topk/nth_element ties smallest unsorted', 'Tensor.topk', [BIG, 20], { largest: false, sorted: false }),
  c('topk/partial_sort', 'torch.topk', [LONG, 2]),
  c('topk/partial_sort smallest', 'torch.topk', [LONG, 2], { largest: false }),
  c('topk/method dim 0', 'Tensor.topk', [any([4, 3]), 2], { dim: 0 }),
  c('topk/k 0', 'torch.topk', [any([3, 4]), 0]),
  c('topk/k = size', 'torch.topk', [TIES, 12]),
  c('topk/0-dim', 'torch.topk', [ZERO_D, 1]),
  c('topk/0-dim k 0', 'Tensor.topk', [ZERO_D, 0]),
  c('topk/empty', 'torch.topk', [any([3, 0]), 0]),
  c('topk/int64', 'torch.topk', [INTS, 3, 1, false]),
  f64('topk/ties', 'torch.topk', [BIG_NAN, 21, -1]),
];

export const KTHVALUE_CASES: readonly TableCase[] = [
  c('kthvalue/default', 'torch.kthvalue', [any([3, 5]), 2]),
  ...[1, 3, 5, 7, 8, 11, 12].map((k) => c(`kthvalue/ties NaN k ${k}`, 'torch.kthvalue', [TIES, k])),
  c('kthvalue/quick select ties', 'torch.kthvalue', [BIG_NAN, 17, 1]),
  c('kthvalue/quick select ties low k', 'torch.kthvalue', [BIG, 3]),
  c('kthvalue/method keepdim negative dim', 'Tensor.kthvalue', [any([2, 3, 4]), 2, -2, true]),
  c('kthvalue/keywords', 'torch.kthvalue', [any([4, 3]), 4], { dim: 0, keepdim: true }),
  c('kthvalue/0-dim', 'torch.kthvalue', [ZERO_D, 1]),
  c('kthvalue/empty other dim', 'torch.kthvalue', [any([0, 2]), 1, 1]),
  c('kthvalue/int64', 'torch.kthvalue', [INTS, 2]),
  f64('kthvalue/ties', 'torch.kthvalue', [BIG_NAN, 30, 1]),
];

export const MEDIAN_ALL_CASES: readonly TableCase[] = [
  c('median/all', 'torch.median', [any([3, 4])]),
  c('median/all even count ties', 'torch.median', [vals([1, 2, 2, 3], [4])]),
  c('median/all method inf', 'Tensor.median', [vals([Infinity, -Infinity, 1, 0, -0], [5])]),
  c('median/all NaN', 'torch.median', [vals([1, NaN, 2, NaN], [2, 2])]),
  c('median/all ties', 'torch.median', [BIG]),
  c('median/all 0-dim', 'torch.median', [ZERO_D]),
  c('median/all empty', 'torch.median', [any([0, 3])]),
  c('median/all int64', 'torch.median', [INTS]),
  f64('median/all', 'torch.median', [vals([4, 1, 3, 2, 2, 5], [2, 3])]),
];

export const MEDIAN_DIM_CASES: readonly TableCase[] = [
  c('median/dim', 'torch.median', [any([3, 4]), 1]),
  c('median/dim ties NaN', 'torch.median', [TIES34, 1]),
  c('median/dim ties', 'torch.median', [BIG, -1]),
  c('median/dim method keepdim', 'Tensor.median', [any([2, 3, 4]), -2, true]),
  c('median/dim keywords', 'torch.median', [vals([1, 2, 2, 1, 3, 1], [2, 3])], { dim: 0, keepdim: true }),
  c('median/dim 0-dim', 'torch.median', [ZERO_D, 0]),
  c('median/dim empty other dim', 'torch.median', [any([0, 3]), 1]),
  c('median/dim int64', 'torch.median', [INTS, 1]),
  f64('median/dim ties', 'torch.median', [BIG, 1]),
];

export const NANMEDIAN_ALL_CASES: readonly TableCase[] = [
  c('nanmedian/all', 'torch.nanmedian', [any([3, 4])]),
  c('nanmedian/all NaN', 'torch.nanmedian', [vals([1, NaN, 2, NaN, 3, 0], [2, 3])]),
  c('nanmedian/all every NaN', 'Tensor.nanmedian', [vals([NaN, NaN, NaN], [3])]),
  c('nanmedian/all ties', 'torch.nanmedian', [BIG_NAN]),
  c('nanmedian/all int64', 'torch.nanmedian', [INTS]),
  f64('nanmedian/all', 'torch.nanmedian', [vals([4, NaN, 3, 2, 2, 5], [2, 3])]),
];

export const NANMEDIAN_DIM_CASES: readonly TableCase[] = [
  c('nanmedian/dim', 'torch.nanmedian', [any([3, 4]), 0]),
  c('nanmedian/dim ties NaN', 'torch.nanmedian', [TIES34, 1]),
  c('nanmedian/dim NaN rows', 'Tensor.nanmedian', [vals([NaN, NaN, NaN, 1, NaN, 2, NaN, NaN, 3, 3, NaN, 1], [3, 4]), -1, true]),
  c('nanmedian/dim ties', 'torch.nanmedian', [BIG_NAN], { dim: 1 }),
  c('nanmedian/dim 0-dim', 'torch.nanmedian', [ZERO_D, -1]),
  f64('nanmedian/dim ties', 'torch.nanmedian', [BIG_NAN, 1]),
];

export const MODE_CASES: readonly TableCase[] = [
  c('mode/default', 'torch.mode', [vals([2, 1, 1, 2, 3, 3, 0, 2, 5, 5, 1, 0], [3, 4])]),
  c('mode/random (all once)', 'torch.mode', [any([3, 4])]),
  c('mode/method dim 0 keepdim', 'Tensor.mode', [vals([2, 1, 1, 2, 3, 3, 0, 2, 5, 5, 1, 0], [4, 3]), 0, true]),
  c('mode/NaN inf zeros', 'torch.mode', [TIES]),
  c('mode/introsort ties', 'torch.mode', [BIG, 1]),
  c('mode/introsort ties NaN', 'torch.mode', [BIG_NAN], { dim: -1 }),
  c('mode/0-dim', 'torch.mode', [ZERO_D]),
  c('mode/empty other dim', 'torch.mode', [any([0, 2]), 1]),
  c('mode/int64', 'torch.mode', [INTS]),
  f64('mode/ties', 'torch.mode', [BIG, 1]),
];

// unique: PyTorch 1.13 has no derivative (its backward raises), so outputs only; no NaN (PyTorch's
// result with NaN is its hash table's order) and sorted=True only (sorted=False is that order too)
const U = { grads: false } as const;
export const UNIQUE_CASES: readonly TableCase[] = [
  c('unique/default', 'torch.unique', [vals([2, 1, 2, 3, -1, 1], [2, 3])], {}, U),
  c('unique/inverse counts', 'torch.unique', [vals(tiesOf(40, [0, 1, 2, 3, -0], 2), [5, 8])], { return_inverse: true, return_counts: true }, U),
  c('unique/method counts', 'Tensor.unique', [vals([0.5, -Infinity, 0.5, Infinity, 2], [5])], { return_counts: true }, U),
  c('unique/inverse positional', 'torch.unique', [vals([3, 3, 1], [3]), true, true], {}, U),
  c('unique/-0 first', 'torch.unique', [vals([-0, 0, 1], [3])], {}, U),
  c('unique/0-dim', 'torch.unique', [ZERO_D], { return_inverse: true, return_counts: true }, U),
  c('unique/empty', 'torch.unique', [any([0])], { return_inverse: true, return_counts: true }, U),
  c('unique/int64', 'torch.unique', [INTS], { return_inverse: true }, U),
  c('unique/float64', 'torch.unique', [vals([2, 1, 2, 3], [4])], { return_counts: true }, { ...U, dtype: 'float64' }),
];

/** unique with dim: repeated rows and columns, slices equal in their first elements, -0 and ±inf, empty. */
const ROWS = vals([1, 2, 3, -0, 5, 1, 1, 2, 3, -Infinity, 0, 1, 0, 5, 1, 1, 2, 2], [6, 3]);
export const UNIQUE_DIM_CASES: readonly TableCase[] = [
  c('unique/dim 0', 'torch.unique', [ROWS], { dim: 0, return_inverse: true, return_counts: true }, U),
  c('unique/dim 1', 'Tensor.unique', [vals([1, 3, 1, 2, 2, 0, 2, 1, 1, 2, 1, 2], [3, 4])], { dim: 1, return_counts: true }, U),
  c('unique/dim -2 of 3-D', 'torch.unique', [vals(tiesOf(24, [0, 1], 3), [2, 6, 2])], { dim: -2, return_inverse: true }, U),
  c('unique/dim int64', 'torch.unique', [INTS], { dim: 0, return_inverse: true, return_counts: true }, U),
  c('unique/dim 1-D', 'torch.unique', [vals([2, 1, 2, 0], [4])], { dim: 0, return_inverse: true }, U),
  c('unique/dim empty selected', 'torch.unique', [any([0, 3])], { dim: 0, return_inverse: true, return_counts: true }, U),
  c('unique/dim empty other', 'torch.unique', [any([2, 0])], { dim: 1, return_counts: true }, U),
  c('unique/dim float64', 'torch.unique', [ROWS], { dim: 0 }, { ...U, dtype: 'float64' }),
];
