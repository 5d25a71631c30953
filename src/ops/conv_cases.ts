// Fixture cases of the convolution and pooling rows of the op table (table.ts):
// stride, padding (numbers, 'valid', 'same' with odd and even kernels), dilation,
// groups (depthwise too), no bias, batch 1, unbatched input, 1×1 kernels, conv1d,
// and float64 copies.

import type { TableCase, CaseInput } from './table.js';

const any = (shape: number[]): CaseInput => ({ shape, domain: 'any' });
const M = 'matmul' as const;
const c = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}, extra: Partial<TableCase> = {}): TableCase =>
  ({ name, call, args, kwargs, family: M, ...extra });
const f64 = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}): TableCase =>
  c(`${name}/float64`, call, args, kwargs, { dtype: 'float64' });

export const CONV_CASES: TableCase[] = [
  c('conv2d', 'F.conv2d', [any([2, 3, 7, 6]), any([4, 3, 3, 3]), any([4])]),
  c('conv2d/no-bias', 'F.conv2d', [any([2, 3, 5, 5]), any([2, 3, 2, 3])]),
  c('conv2d/stride-padding', 'F.conv2d', [any([2, 2, 7, 8]), any([3, 2, 3, 2]), any([3])], { stride: [2, 3], padding: [1, 2] }),
  c('conv2d/dilation', 'F.conv2d', [any([1, 2, 9, 8]), any([3, 2, 3, 3]), null], { dilation: [2, 3], padding: 1, stride: 2 }),
  c('conv2d/groups', 'F.conv2d', [any([2, 4, 6, 6]), any([6, 2, 3, 3]), any([6])], { groups: 2, padding: 1 }),
  c('conv2d/depthwise', 'F.conv2d', [any([2, 3, 5, 6]), any([6, 1, 3, 3]), any([6])], { groups: 3 }),
  c('conv2d/same-odd', 'F.conv2d', [any([1, 2, 5, 6]), any([3, 2, 3, 5]), any([3])], { padding: 'same' }),
  c('conv2d/same-even', 'F.conv2d', [any([2, 2, 5, 6]), any([3, 2, 2, 4]), any([3])], { padding: 'same' }),
  c('conv2d/same-dilated', 'F.conv2d', [any([1, 2, 6, 6]), any([2, 2, 2, 3]), null], { padding: 'same', dilation: 2 }),
  c('conv2d/valid', 'F.conv2d', [any([1, 2, 5, 4]), any([2, 2, 3, 3])], { padding: 'valid' }),
  c('conv2d/unbatched', 'F.conv2d', [any([3, 6, 5]), any([2, 3, 3, 2]), any([2])], { stride: 2, padding: 1 }),
  c('conv2d/1x1', 'F.conv2d', [any([2, 5, 4, 3]), any([3, 5, 1, 1]), any([3])]),
  c('conv2d/1x1-stride', 'F.conv2d', [any([2, 4, 5, 5]), any([6, 2, 1, 1]), null], { stride: 2, groups: 2 }),
  c('conv2d/positional', 'F.conv2d', [any([1, 1, 6, 6]), any([2, 1, 3, 3]), any([2]), 1, 1]),
  c('conv2d/kernel-equals-input', 'F.conv2d', [any([3, 2, 3, 3]), any([4, 2, 3, 3]), any([4])]),
  c('conv1d', 'F.conv1d', [any([2, 3, 9]), any([4, 3, 3]), any([4])]),
  c('conv1d/stride-padding-dilation', 'F.conv1d', [any([2, 4, 11]), any([2, 2, 3]), null], { stride: 2, padding: 2, dilation: 2, groups: 2 }),
  c('conv1d/same-even', 'F.conv1d', [any([1, 2, 7]), any([3, 2, 4]), any([3])], { padding: 'same' }),
  c('conv1d/unbatched', 'F.conv1d', [any([3, 8]), any([2, 3, 3]), any([2])], { padding: 1 }),
  f64('conv2d', 'F.conv2d', [any([2, 3, 6, 5]), any([4, 3, 3, 3]), any([4])], { stride: [1, 2], padding: 1 }),
  f64('conv2d/groups-same-even', 'F.conv2d', [any([1, 4, 5, 5]), any([4, 2, 2, 2]), null], { groups: 2, padding: 'same' }),
  f64('conv2d/1x1', 'F.conv2d', [any([2, 3, 3, 3]), any([2, 3, 1, 1]), any([2])]),
  f64('conv1d', 'F.conv1d', [any([2, 3, 8]), any([2, 3, 3]), any([2])], { stride: 2, padding: 1 }),
];

const S = 'softmax' as const;
const p = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}, extra: Partial<TableCase> = {}): TableCase =>
  ({ name, call, args, kwargs, family: S, ...extra });
const vals = (values: number[], shape: number[]): CaseInput => ({ values, shape });
// ties (the first maximum takes the gradient), NaN (propagates), -inf windows
const TIES = vals([1, 1, 0, 2, 1, 1, 2, 2, NaN, 0, 3, NaN, -Infinity, -Infinity, 5, 5], [1, 1, 4, 4]);
// two rows of 18: the 2×2 windows' ties, NaNs and -inf across the 4-lane groups of the 2×2 kernel (kernels/maxpool2x2.ts)
const TIES_WIDE = vals([
  1, 1, 0, 2, NaN, 1, 3, 3, -Infinity, -Infinity, 2, NaN, 5, 4, 0, 0, 7, 1,
  1, 1, 2, 2, 0, NaN, 3, 3, -Infinity, -Infinity, NaN, 9, 4, 5, 0, -0, 1, 7,
], [1, 1, 2, 18]);

export const MAX_POOL_CASES: TableCase[] = [
  p('max_pool2d', 'F.max_pool2d', [any([2, 3, 6, 6]), 2]),
  p('max_pool2d/stride-padding', 'F.max_pool2d', [any([2, 2, 7, 6]), [3, 2]], { stride: [2, 1], padding: [1, 1] }),
  p('max_pool2d/dilation', 'F.max_pool2d', [any([1, 2, 8, 9]), 3], { dilation: 2, stride: 2, padding: 1 }),
  p('max_pool2d/ceil_mode', 'F.max_pool2d', [any([2, 2, 7, 7]), 3], { stride: 2, ceil_mode: true }),
  p('max_pool2d/ceil_mode-padding', 'F.max_pool2d', [any([1, 2, 6, 5]), 2], { stride: 2, padding: 1, ceil_mode: true }),
  p('max_pool2d/unbatched', 'F.max_pool2d', [any([3, 5, 6]), 2], { stride: 1 }),
  p('max_pool2d/ties-nan', 'F.max_pool2d', [TIES, 2], { stride: 1 }),
  p('max_pool2d/ties-nan-stride', 'F.max_pool2d', [TIES, 2]),
  p('max_pool2d/ties-nan-wide', 'F.max_pool2d', [TIES_WIDE, 2]),
  p('max_pool2d/odd-wide', 'F.max_pool2d', [any([2, 3, 9, 19]), 2]),
  p('max_pool2d/return_indices', 'F.max_pool2d', [any([2, 2, 5, 5]), 3], { stride: 2, padding: 1, return_indices: true }),
  p('max_pool1d', 'F.max_pool1d', [any([2, 3, 9]), 3], { stride: 2, padding: 1 }),
  p('max_pool1d/return_indices', 'F.max_pool1d', [any([3, 8]), 2], { return_indices: true }),
  f64('max_pool2d', 'F.max_pool2d', [any([2, 2, 6, 7]), 3], { stride: 2, padding: 1, ceil_mode: true }),
  f64('max_pool2d/odd-wide', 'F.max_pool2d', [any([1, 2, 5, 11]), 2]),
];

export const AVG_POOL_CASES: TableCase[] = [
  p('avg_pool2d', 'F.avg_pool2d', [any([2, 3, 6, 6]), 2]),
  p('avg_pool2d/stride-padding', 'F.avg_pool2d', [any([2, 2, 7, 6]), [3, 2]], { stride: [2, 1], padding: [1, 1] }),
  p('avg_pool2d/exclude-pad', 'F.avg_pool2d', [any([1, 2, 7, 7]), 3], { stride: 2, padding: 1, count_include_pad: false }),
  p('avg_pool2d/ceil_mode', 'F.avg_pool2d', [any([2, 2, 7, 7]), 3], { stride: 2, ceil_mode: true }),
  p('avg_pool2d/ceil_mode-padding', 'F.avg_pool2d', [any([1, 2, 6, 5]), 2], { stride: 2, padding: 1, ceil_mode: true }),
  p('avg_pool2d/ceil-exclude-pad', 'F.avg_pool2d', [any([1, 1, 6, 6]), 3], { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }),
  p('avg_pool2d/divisor_override', 'F.avg_pool2d', [any([1, 2, 6, 6]), 3], { stride: 2, padding: 1, divisor_override: 4 }),
  p('avg_pool2d/unbatched', 'F.avg_pool2d', [any([3, 5, 6]), 2], { stride: 1 }),
  p('avg_pool1d', 'F.avg_pool1d', [any([2, 3, 9]), 3], { stride: 2, padding: 1, count_include_pad: false }),
  p('avg_pool1d/unbatched-ceil', 'F.avg_pool1d', [any([3, 8]), 3], { stride: 2, ceil_mode: true }),
  f64('avg_pool2d', 'F.avg_pool2d', [any([2, 2, 6, 7]), 3], { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }),
];

export const ADAPTIVE_CASES: TableCase[] = [
  p('adaptive_avg_pool2d', 'F.adaptive_avg_pool2d', [any([2, 3, 7, 6]), [3, 4]]),
  p('adaptive_avg_pool2d/int', 'F.adaptive_avg_pool2d', [any([2, 2, 5, 5]), 2]),
  p('adaptive_avg_pool2d/larger', 'F.adaptive_avg_pool2d', [any([1, 2, 3, 4]), [5, 6]]),
  p('adaptive_avg_pool2d/none', 'F.adaptive_avg_pool2d', [any([1, 2, 5, 4]), [null, 2] as unknown as number[]]),
  p('adaptive_avg_pool2d/unbatched', 'F.adaptive_avg_pool2d', [any([3, 6, 7]), [2, 3]]),
  p('adaptive_avg_pool2d/one', 'F.adaptive_avg_pool2d', [any([2, 3, 4, 5]), 1]),
  f64('adaptive_avg_pool2d', 'F.adaptive_avg_pool2d', [any([2, 2, 7, 5]), [3, 2]]),
];
