// Fixture cases of the transposed convolution row of the op table (helper convt):
// stride, padding, output_padding (below the stride; below the dilation at stride 1),
// groups, dilation, a stride above the kernel, no bias, 1×1 kernels, unbatched input,
// an empty batch, torch.conv_transpose*, conv_transpose1d, and float64 copies.

import type { TableCase, CaseInput } from './table.js';

const any = (shape: number[]): CaseInput => ({ shape, domain: 'any' });
const c = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}, extra: Partial<TableCase> = {}): TableCase =>
  ({ name, call, args, kwargs, family: 'matmul', ...extra });
const f64 = (name: string, call: string, args: TableCase['args'], kwargs: Record<string, unknown> = {}): TableCase =>
  c(`${name}/float64`, call, args, kwargs, { dtype: 'float64' });
const T2 = 'F.conv_transpose2d', T1 = 'F.conv_transpose1d';

export const CONV_TRANSPOSE_CASES: TableCase[] = [
  c('conv_transpose2d', T2, [any([2, 3, 4, 5]), any([3, 4, 3, 3]), any([4])]),
  c('conv_transpose2d/no-bias', T2, [any([2, 2, 3, 3]), any([2, 3, 2, 3])]),
  c('conv_transpose2d/stride-padding-output_padding', T2, [any([2, 3, 4, 3]), any([3, 2, 3, 3]), any([2])], { stride: 2, padding: 1, output_padding: 1 }),
  c('conv_transpose2d/asymmetric', T2, [any([1, 2, 3, 4]), any([2, 3, 3, 2]), any([3])], { stride: [2, 1], padding: [1, 0], output_padding: [1, 0] }),
  c('conv_transpose2d/groups', T2, [any([2, 4, 3, 3]), any([4, 3, 2, 2]), any([6])], { groups: 2, stride: 2 }),
  c('conv_transpose2d/depthwise', T2, [any([1, 3, 4, 4]), any([3, 1, 3, 3]), null], { groups: 3, padding: 1 }),
  c('conv_transpose2d/dilation', T2, [any([2, 2, 3, 4]), any([2, 2, 2, 3]), any([2])], { dilation: [2, 3], padding: 1 }),
  c('conv_transpose2d/output_padding-below-dilation', T2, [any([1, 2, 3, 3]), any([2, 2, 3, 3]), any([2])], { dilation: 2, output_padding: 1 }),
  c('conv_transpose2d/stride-above-kernel', T2, [any([2, 2, 3, 3]), any([2, 2, 2, 2]), any([2])], { stride: 3, output_padding: 2 }),
  c('conv_transpose2d/1x1', T2, [any([2, 5, 3, 4]), any([5, 3, 1, 1]), any([3])]),
  c('conv_transpose2d/unbatched', T2, [any([3, 4, 3]), any([3, 2, 3, 2]), any([2])], { stride: 2, padding: 1 }),
  c('conv_transpose2d/empty-batch', T2, [any([0, 2, 3, 3]), any([2, 3, 2, 2]), any([3])], { stride: 2 }),
  c('conv_transpose2d/positional', T2, [any([1, 2, 3, 3]), any([2, 2, 3, 3]), any([2]), 2, 1, 1, 1, 1]),
  c('conv_transpose2d/torch', 'torch.conv_transpose2d', [any([1, 2, 3, 3]), any([2, 2, 2, 2])], { stride: 2 }),
  c('conv_transpose1d', T1, [any([2, 3, 5]), any([3, 2, 3]), any([2])]),
  c('conv_transpose1d/all', T1, [any([2, 4, 5]), any([4, 2, 3]), any([4])], { stride: 2, padding: 2, output_padding: 1, groups: 2, dilation: 2 }),
  c('conv_transpose1d/unbatched', T1, [any([3, 6]), any([3, 2, 4]), null], { stride: 3, output_padding: 2 }),
  c('conv_transpose1d/torch', 'torch.conv_transpose1d', [any([1, 2, 4]), any([2, 3, 2]), any([3])], { stride: 2 }),
  f64('conv_transpose2d', T2, [any([2, 3, 4, 3]), any([3, 2, 3, 3]), any([2])], { stride: 2, padding: 1, output_padding: 1 }),
  f64('conv_transpose2d/groups-dilation', T2, [any([1, 4, 3, 3]), any([4, 2, 2, 2]), null], { groups: 2, dilation: 2 }),
  f64('conv_transpose2d/1x1', T2, [any([2, 3, 2, 3]), any([3, 2, 1, 1]), any([2])]),
  f64('conv_transpose1d', T1, [any([2, 3, 5]), any([3, 2, 3]), any([2])], { stride: 2, padding: 1 }),
];

const U = 'F.unfold', FO = 'F.fold';
// F.unfold / F.fold: kernel, dilation, padding, stride, overlapping and gapped blocks, unbatched
export const UNFOLD_CASES: TableCase[] = [
  c('unfold', U, [any([2, 3, 5, 6]), [2, 3]], { padding: 1, stride: 2 }),
  c('unfold/dilation', U, [any([1, 2, 6, 5]), 2], { dilation: [2, 1] }),
  c('unfold/stride-above-kernel', U, [any([2, 2, 7, 7]), 2], { stride: 3 }),
  c('unfold/unbatched', U, [any([3, 4, 4]), 3], { padding: 1 }),
  c('unfold/empty-batch', U, [any([0, 2, 4, 4]), 2]),
  c('unfold/positional', U, [any([1, 1, 4, 5]), [2, 2], 1, [0, 1], [1, 2]]),
  f64('unfold', U, [any([2, 2, 5, 4]), [3, 2]], { padding: [1, 0], stride: [2, 1], dilation: [1, 2] }),
];
export const FOLD_CASES: TableCase[] = [
  c('fold', FO, [any([2, 18, 9]), [5, 6], [2, 3]], { padding: 1, stride: 2 }),
  c('fold/overlapping', FO, [any([1, 8, 16]), [5, 5], 2]),
  c('fold/dilation', FO, [any([2, 4, 16]), [6, 5], 2], { dilation: [2, 1] }),
  c('fold/unbatched', FO, [any([9, 16]), [4, 4], 3], { padding: 1 }),
  c('fold/stride-above-kernel', FO, [any([1, 8, 9]), [7, 7], 2], { stride: 3, padding: 1 }),
  f64('fold', FO, [any([2, 12, 6]), [5, 4], [3, 2]], { padding: [1, 0], stride: [2, 1], dilation: [1, 2] }),
];
