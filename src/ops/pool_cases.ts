// Fixture cases of the pooling rows of helper pool2 (table.ts): max_pool3d, avg_pool3d,
// adaptive_max_pool1d/2d, adaptive_avg_pool1d, max_unpool1d/2d and lp_pool1d/2d. Edges: ties
// (PyTorch's first maximum takes the index), NaN and -inf windows, ceil_mode, empty batches,
// unbatched inputs, repeated unpool indices (the last write wins), and float64 copies.

import type { TableCase, CaseInput } from './table.js';

const any = (shape: number[]): CaseInput => ({ shape, domain: 'any' });
const pos = (shape: number[]): CaseInput => ({ shape, domain: 'positive' });
const vals = (values: number[], shape: number[]): CaseInput => ({ values, shape });
const idx = (values: number[], shape: number[]): CaseInput => ({ values, shape, dtype: 'int64' });
const p = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}, extra: Partial<TableCase> = {}): TableCase =>
  ({ name, call, args, kwargs, family: 'softmax', ...extra });
const f64 = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}): TableCase =>
  p(`${name}/float64`, call, args, kwargs, { dtype: 'float64' });

// ties, NaN and -inf in a 2 × 3 × 3 volume
const TIES3 = vals([1, 1, 0, 2, 1, 1, 2, 2, NaN, 0, 3, 3, -Infinity, -Infinity, 5, -Infinity, -Infinity, 5], [1, 1, 2, 3, 3]);
// ties (the first maximum takes the index and the gradient), NaN and an all -inf window
const TIES2 = vals([1, 1, 0, 2, 1, 1, 2, 2, NaN, 0, 3, NaN, -Infinity, -Infinity, 5, 5], [1, 1, 4, 4]);

export const MAX_POOL3D_CASES: TableCase[] = [
  p('max_pool3d', 'F.max_pool3d', [any([2, 2, 4, 4, 4]), 2]),
  p('max_pool3d/stride-padding-dilation', 'F.max_pool3d', [any([1, 2, 5, 6, 7]), [3, 2, 3]], { stride: [2, 1, 2], padding: [1, 1, 1], dilation: [1, 2, 1] }),
  p('max_pool3d/ceil_mode', 'F.max_pool3d', [any([1, 2, 5, 5, 6]), 2], { stride: 2, padding: 1, ceil_mode: true }),
  p('max_pool3d/unbatched', 'F.max_pool3d', [any([2, 4, 5, 4]), 2], { stride: 1 }),
  p('max_pool3d/ties-nan-inf', 'F.max_pool3d', [TIES3, 2], { stride: 1 }),
  p('max_pool3d/return_indices', 'F.max_pool3d', [any([1, 2, 4, 5, 4]), 3], { stride: 2, padding: 1, return_indices: true }),
  p('max_pool3d/empty batch', 'F.max_pool3d', [any([0, 2, 4, 4, 4]), 2]),
  f64('max_pool3d', 'F.max_pool3d', [any([1, 2, 4, 5, 5]), [2, 3, 2]], { stride: [1, 2, 2], padding: [1, 1, 0], ceil_mode: true }),
];

export const AVG_POOL3D_CASES: TableCase[] = [
  p('avg_pool3d', 'F.avg_pool3d', [any([2, 2, 4, 4, 4]), 2]),
  p('avg_pool3d/stride-padding', 'F.avg_pool3d', [any([1, 2, 5, 6, 7]), [3, 2, 3]], { stride: [2, 1, 2], padding: [1, 1, 1] }),
  p('avg_pool3d/exclude-pad', 'F.avg_pool3d', [any([1, 2, 5, 5, 5]), 3], { stride: 2, padding: 1, count_include_pad: false }),
  p('avg_pool3d/ceil_mode', 'F.avg_pool3d', [any([1, 1, 5, 6, 5]), 2], { stride: 2, padding: 1, ceil_mode: true }),
  p('avg_pool3d/ceil-exclude-pad', 'F.avg_pool3d', [any([1, 1, 6, 5, 6]), 3], { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }),
  p('avg_pool3d/divisor_override', 'F.avg_pool3d', [any([1, 2, 4, 4, 4]), 3], { stride: 1, padding: 1, divisor_override: 5 }),
  p('avg_pool3d/unbatched', 'F.avg_pool3d', [any([2, 4, 5, 4]), 2], { stride: 1 }),
  p('avg_pool3d/nan-inf', 'F.avg_pool3d', [TIES3, 2], { stride: 1 }),
  p('avg_pool3d/empty batch', 'F.avg_pool3d', [any([0, 2, 4, 4, 4]), 2]),
  f64('avg_pool3d', 'F.avg_pool3d', [any([1, 2, 4, 5, 5]), [2, 3, 2]], { stride: [1, 2, 2], padding: [1, 1, 0], ceil_mode: true, count_include_pad: false }),
];

export const ADAPTIVE_MAX_CASES: TableCase[] = [
  p('adaptive_max_pool2d', 'F.adaptive_max_pool2d', [any([2, 3, 7, 6]), [3, 4]]),
  p('adaptive_max_pool2d/int', 'F.adaptive_max_pool2d', [any([2, 2, 5, 5]), 2]),
  p('adaptive_max_pool2d/larger', 'F.adaptive_max_pool2d', [any([1, 2, 3, 4]), [5, 6]]),
  p('adaptive_max_pool2d/none', 'F.adaptive_max_pool2d', [any([1, 2, 5, 4]), [null, 2] as unknown as number[]]),
  p('adaptive_max_pool2d/unbatched', 'F.adaptive_max_pool2d', [any([3, 6, 7]), [2, 3]]),
  p('adaptive_max_pool2d/one', 'F.adaptive_max_pool2d', [any([2, 3, 4, 5]), 1]),
  p('adaptive_max_pool2d/return_indices', 'F.adaptive_max_pool2d', [any([2, 2, 5, 7]), [2, 3]], { return_indices: true }),
  p('adaptive_max_pool2d/ties-nan', 'F.adaptive_max_pool2d', [TIES2, 3], { return_indices: true }),
  p('adaptive_max_pool2d/ties-nan-2', 'F.adaptive_max_pool2d', [TIES2, 2]),
  p('adaptive_max_pool2d/empty batch', 'F.adaptive_max_pool2d', [any([0, 2, 4, 4]), 2]),
  p('adaptive_max_pool2d/zero output', 'F.adaptive_max_pool2d', [any([1, 2, 4, 5]), 0], {}, { grads: false }), // PyTorch's backward refuses it
  p('adaptive_max_pool1d', 'F.adaptive_max_pool1d', [any([2, 3, 9]), 4]),
  p('adaptive_max_pool1d/return_indices', 'F.adaptive_max_pool1d', [any([3, 8]), 3], { return_indices: true }),
  f64('adaptive_max_pool2d', 'F.adaptive_max_pool2d', [any([2, 2, 7, 5]), [3, 2]], { return_indices: true }),
];

export const ADAPTIVE_AVG_1D_CASES: TableCase[] = [
  p('adaptive_avg_pool1d', 'F.adaptive_avg_pool1d', [any([2, 3, 9]), 4]),
  p('adaptive_avg_pool1d/unbatched-larger', 'F.adaptive_avg_pool1d', [any([3, 4]), 6]),
  p('adaptive_avg_pool1d/one', 'F.adaptive_avg_pool1d', [any([2, 3, 5]), 1]),
  // PyTorch's backward refuses an empty channel dim (its forward does not): forward only
  p('adaptive_avg_pool1d/empty channels', 'F.adaptive_avg_pool1d', [any([2, 0, 4]), 2], {}, { grads: false }),
  p('adaptive_avg_pool2d/empty channels', 'F.adaptive_avg_pool2d', [any([2, 0, 3, 4]), [2, 2]], {}, { grads: false }),
  p('adaptive_avg_pool2d/one of 2-D', 'F.adaptive_avg_pool2d', [any([3, 4]), 1]),
  f64('adaptive_avg_pool1d', 'F.adaptive_avg_pool1d', [any([2, 2, 7]), 3]),
];

export const LP_POOL_CASES: TableCase[] = [
  p('lp_pool2d', 'F.lp_pool2d', [any([2, 3, 6, 6]), 2, 2]),
  p('lp_pool2d/norm 3 stride ceil', 'F.lp_pool2d', [any([1, 2, 5, 7]), 3, [2, 3]], { stride: 2, ceil_mode: true }),
  p('lp_pool2d/norm 1.5', 'F.lp_pool2d', [pos([1, 2, 4, 4]), 1.5, 2], { stride: 1 }),
  p('lp_pool1d', 'F.lp_pool1d', [any([2, 3, 9]), 2, 3], { stride: 2 }),
  p('lp_pool1d/unbatched', 'F.lp_pool1d', [pos([3, 8]), 1.5, 2]),
  f64('lp_pool2d', 'F.lp_pool2d', [any([1, 2, 6, 5]), 2, [3, 2]], { stride: 1 }),
];

export const MAX_UNPOOL_CASES: TableCase[] = [
  p('max_unpool2d', 'F.max_unpool2d', [any([1, 2, 2, 2]), idx([1, 2, 8, 15, 4, 6, 13, 14], [1, 2, 2, 2]), 2]),
  p('max_unpool2d/output_size', 'F.max_unpool2d', [any([1, 1, 2, 2]), idx([0, 9, 20, 24], [1, 1, 2, 2]), 2], { output_size: [5, 5] }),
  p('max_unpool2d/output_size 4', 'F.max_unpool2d', [any([2, 1, 2, 2]), idx([0, 4, 5, 19, 1, 3, 12, 10], [2, 1, 2, 2]), 2], { output_size: [2, 1, 5, 4] }),
  p('max_unpool2d/unbatched', 'F.max_unpool2d', [any([2, 2, 3]), idx([0, 3, 5, 7, 20, 23, 1, 2, 9, 12, 14, 22], [2, 2, 3]), 2]),
  p('max_unpool2d/repeated', 'F.max_unpool2d', [any([1, 1, 2, 2]), idx([0, 0, 5, 5], [1, 1, 2, 2]), 2]),
  p('max_unpool2d/stride-padding', 'F.max_unpool2d', [any([1, 1, 3, 3]), idx([0, 2, 4, 10, 12, 14, 20, 22, 24], [1, 1, 3, 3]), 3], { stride: 2, padding: 1 }),
  p('max_unpool2d/empty batch', 'F.max_unpool2d', [any([0, 2, 2, 2]), idx([], [0, 2, 2, 2]), 2]),
  p('max_unpool1d', 'F.max_unpool1d', [any([2, 3, 4]), idx([0, 3, 5, 6, 1, 2, 4, 7, 1, 3, 4, 6, 0, 2, 5, 7, 1, 3, 5, 6, 0, 3, 4, 7], [2, 3, 4]), 2]),
  p('max_unpool1d/output_size', 'F.max_unpool1d', [any([3, 2]), idx([1, 7, 0, 3, 2, 4], [3, 2]), 3], { stride: 3, output_size: [8] }),
  f64('max_unpool2d', 'F.max_unpool2d', [any([1, 2, 2, 2]), idx([1, 2, 8, 15, 4, 6, 13, 14], [1, 2, 2, 2]), 2]),
];

// helper nnrest: adaptive_max_pool3d (ties, NaN, -inf; uneven windows; null sizes) and max_unpool3d
export const ADAPTIVE_MAX3_CASES: TableCase[] = [
  p('adaptive_max_pool3d', 'F.adaptive_max_pool3d', [any([2, 2, 4, 5, 6]), [2, 3, 4]]),
  p('adaptive_max_pool3d/int', 'F.adaptive_max_pool3d', [any([1, 2, 4, 4, 4]), 2]),
  p('adaptive_max_pool3d/larger', 'F.adaptive_max_pool3d', [any([1, 1, 2, 3, 2]), [3, 4, 3]]),
  p('adaptive_max_pool3d/none', 'F.adaptive_max_pool3d', [any([1, 2, 3, 5, 4]), [null, 2, null] as unknown as number[]]),
  p('adaptive_max_pool3d/unbatched', 'F.adaptive_max_pool3d', [any([2, 5, 6, 7]), [2, 3, 3]]),
  p('adaptive_max_pool3d/one', 'F.adaptive_max_pool3d', [any([2, 3, 3, 4, 5]), 1]),
  p('adaptive_max_pool3d/return_indices', 'F.adaptive_max_pool3d', [any([2, 2, 5, 4, 7]), [2, 3, 3]], { return_indices: true }),
  p('adaptive_max_pool3d/ties-nan-inf', 'F.adaptive_max_pool3d', [TIES3, 2], { return_indices: true }),
  p('adaptive_max_pool3d/ties-nan-inf-1', 'F.adaptive_max_pool3d', [TIES3, [1, 2, 3]]),
  p('adaptive_max_pool3d/empty batch', 'F.adaptive_max_pool3d', [any([0, 2, 4, 4, 4]), 2]),
  f64('adaptive_max_pool3d', 'F.adaptive_max_pool3d', [any([2, 2, 5, 7, 5]), [3, 2, 4]], { return_indices: true }),
];

export const MAX_UNPOOL3_CASES: TableCase[] = [
  p('max_unpool3d', 'F.max_unpool3d', [any([1, 2, 2, 2, 2]), idx([0, 6, 10, 15, 33, 46, 56, 63, 1, 2, 24, 31, 32, 39, 58, 60], [1, 2, 2, 2, 2]), 2]),
  p('max_unpool3d/output_size', 'F.max_unpool3d', [any([1, 1, 2, 2, 1]), idx([0, 9, 20, 49], [1, 1, 2, 2, 1]), 2], { output_size: [5, 5, 2] }),
  p('max_unpool3d/output_size 5', 'F.max_unpool3d', [any([2, 1, 1, 2, 2]), idx([0, 4, 5, 19, 1, 3, 12, 10], [2, 1, 1, 2, 2]), 2], { output_size: [2, 1, 2, 5, 4] }),
  p('max_unpool3d/unbatched', 'F.max_unpool3d', [any([2, 1, 2, 2]), idx([0, 3, 5, 7, 1, 2, 9, 12], [2, 1, 2, 2]), 2]),
  p('max_unpool3d/repeated', 'F.max_unpool3d', [any([1, 1, 1, 2, 2]), idx([0, 0, 5, 5], [1, 1, 1, 2, 2]), 2]),
  p('max_unpool3d/stride-padding', 'F.max_unpool3d', [any([1, 1, 2, 2, 2]), idx([0, 2, 6, 8, 18, 20, 24, 26], [1, 1, 2, 2, 2]), 3], { stride: [2, 2, 2], padding: 1 }),
  p('max_unpool3d/empty batch', 'F.max_unpool3d', [any([0, 2, 2, 2, 2]), idx([], [0, 2, 2, 2, 2]), 2]),
  f64('max_unpool3d', 'F.max_unpool3d', [any([1, 2, 2, 2, 2]), idx([0, 6, 10, 15, 33, 46, 56, 63, 1, 2, 24, 31, 32, 39, 58, 60], [1, 2, 2, 2, 2]), 2]),
];
