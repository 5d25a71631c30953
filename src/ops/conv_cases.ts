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
