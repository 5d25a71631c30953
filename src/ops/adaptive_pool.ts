// Adaptive pooling front ends (helper conv, helper pool2): F.adaptive_avg_pool2d
// (AdaptiveAvgPool2DBackward0; an output of 1×1 is mean over the last two dims, MeanBackward1, as
// ATen), F.adaptive_max_pool2d (AdaptiveMaxPool2DBackward0, with the int64 index of each maximum),
// and their 1-D forms as ATen composes them: unsqueeze(-2), the 2-D pool to (1, n), squeeze(-2).
// Windows [⌊o·I/O⌋, ⌈(o+1)·I/O⌉). PyTorch's checks in its order and messages.

import { Op } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { squeeze, unsqueeze } from './shape.js';
import { mean } from './reduce.js';
import { ints, run, checkFloatingKernel } from './pool.js';

const S = (text: string): ReturnType<typeof parseSchema> => parseSchema(text, false);
const AVG2 = S('adaptive_avg_pool2d(Tensor input, int[] output_size) -> Tensor');
const MAX2 = S('adaptive_max_pool2d(Tensor input, int[] output_size, bool return_indices=False) -> Tensor');
const AVG1 = S('adaptive_avg_pool1d(Tensor input, int[] output_size) -> Tensor');
const MAX3 = S('adaptive_max_pool3d(Tensor input, int[] output_size, bool return_indices=False) -> Tensor');
const MAX1 = S('adaptive_max_pool1d(Tensor input, int[] output_size, bool return_indices=False) -> Tensor');

/** An adaptive output size: a number, or one entry per pooled dim where null keeps the input's size. */
export type AdaptiveSize = number | (number | null)[];

/** PyTorch's _list_with_default: null entries of a list output_size filled with the input's sizes. */
function withDefaults(args: unknown[]): unknown[] {
  if (!Array.isArray(args[1]) || !(args[0] instanceof Tensor)) return args;
  const s = args[0]._shape;
  return [args[0], (args[1] as (number | null)[]).map((v, i, l) => (v === null ? s[s.length - l.length + i] : v)), ...args.slice(2)];
}

/** The parameters of an adaptive pool to OH × OW (the device's layout). */
const adaptiveParams = (OH: number, OW: number, OD = 1): number[] => [1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, OD, OH, OW];

/**
 * Adaptive 2-D average pooling of [N, C, H, W] or [C, H, W] to output_size (a number, or a pair
 * where null keeps the input's size). Node AdaptiveAvgPool2DBackward0; a 1×1 output is the mean over
 * the last two dims (MeanBackward1), as ATen.
 * @example F.adaptive_avg_pool2d(x, [2, 3]); F.adaptive_avg_pool2d(x, 1)
 */
export function adaptive_avg_pool2d(input: Tensor, output_size: AdaptiveSize | { output_size: AdaptiveSize }): Tensor;
export function adaptive_avg_pool2d(...args: unknown[]): Tensor {
  const a = bind(AVG2, withDefaults(args), null, 'adaptive_avg_pool2d');
  const input = a.input as Tensor, size = ints(a.output_size);
  if (size.length !== 1 && size.length !== 2) throw new RuntimeError('adaptive_avg_pool2d: output_size must be 2');
  const [OH, OW] = size.length === 2 ? size : [size[0], size[0]];
  if (OH < 0 || OW < 0) throw new RuntimeError(`adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {${OH}, ${OW}}`);
  if (OH === 1 && OW === 1) return mean(input, [-1, -2], true);
  const shape = input._shape, nd = shape.length;
  for (const i of [nd - 2, nd - 1]) {
    if (i >= 0 && shape[i] === 0) {
      throw new RuntimeError(`adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${shape.join(', ')}] with dimension ${i} being empty`);
    }
  }
  if (nd !== 3 && nd !== 4) throw new RuntimeError(`adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [${shape.join(', ')}]`);
  checkFloatingKernel(input, 'adaptive_avg_pool2d');
  return run(Op.AdaptiveAvgPool2D, input, adaptiveParams(OH, OW), false) as Tensor;
}

/**
 * Adaptive 2-D max pooling of [N, C, H, W] or [C, H, W] to output_size (a number, or a pair where
 * null keeps the input's size): the first maximum of each window (a NaN wins); with `return_indices`,
 * also its flat int64 index in the plane. Node AdaptiveMaxPool2DBackward0.
 * @example F.adaptive_max_pool2d(x, [2, 3]); const [v, i] = F.adaptive_max_pool2d(x, 1, { return_indices: true })
 */
export function adaptive_max_pool2d(input: Tensor, output_size: AdaptiveSize, options?: { return_indices?: boolean }): Tensor;
export function adaptive_max_pool2d(...args: unknown[]): Tensor | [Tensor, Tensor] { return adaptiveMax(2, bind(MAX2, withDefaults(args), null, 'adaptive_max_pool2d')); }

/**
 * Adaptive 3-D max pooling of [N, C, D, H, W] or [C, D, H, W] to output_size (a number, or three
 * where null keeps the input's size): the first maximum of each window (a NaN wins); with
 * `return_indices`, also its flat int64 index in the volume. Node AdaptiveMaxPool3DBackward0.
 * @example F.adaptive_max_pool3d(x, [2, null, 3]); const [v, i] = F.adaptive_max_pool3d(x, 1, { return_indices: true })
 */
export function adaptive_max_pool3d(input: Tensor, output_size: AdaptiveSize, options?: { return_indices?: boolean }): Tensor;
export function adaptive_max_pool3d(...args: unknown[]): Tensor | [Tensor, Tensor] { return adaptiveMax(3, bind(MAX3, withDefaults(args), null, 'adaptive_max_pool3d')); }

/** ATen's adaptive_max_pool2d/3d of n dims, checked in its order and messages. */
function adaptiveMax(n: 2 | 3, a: Record<string, unknown>): Tensor | [Tensor, Tensor] {
  const fn = `adaptive_max_pool${n}d`, input = a.input as Tensor, size = ints(a.output_size), shape = input._shape, nd = shape.length;
  if (nd !== n + 1 && nd !== n + 2) throw new RuntimeError(`${fn}(): Expected ${n + 1}D or ${n + 2}D tensor, but got: [${shape.join(', ')}]`);
  for (let i = 1; i < nd; i++) {
    if (shape[i] === 0) {
      throw new RuntimeError(`${fn}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${shape.join(', ')}] with dimension ${i} being empty`);
    }
  }
  if (size.length !== 1 && size.length !== n) throw new RuntimeError(`${fn}(): internal error: output_size.size() must be ${n}`);
  const out = size.length === n ? size : new Array<number>(n).fill(size[0]);
  if (out.some((o) => o < 0)) throw new RuntimeError(`Trying to create tensor with negative dimension ${Math.min(...out)}: [${[...shape.slice(0, -n), ...out].join(', ')}]`);
  checkFloatingKernel(input, n === 2 ? fn : `${fn}_cpu`);
  const [OD, OH, OW] = n === 3 ? out : [1, ...out];
  return run(n === 3 ? Op.AdaptiveMaxPool3D : Op.AdaptiveMaxPool2D, input, adaptiveParams(OH, OW, OD), a.return_indices as boolean);
}

/** A 1-D adaptive pool as ATen composes it: unsqueeze(-2), the 2-D pool to (1, n), squeeze(-2). */
function adaptive1d(fn: 'adaptive_avg_pool1d' | 'adaptive_max_pool1d', a: Record<string, unknown>): Tensor | [Tensor, Tensor] {
  const input = a.input as Tensor, nd = input._shape.length, size = ints(a.output_size);
  if (nd !== 2 && nd !== 3) {
    throw new RuntimeError(`Expected 2 to 3 dimensions, but got ${nd}-dimensional tensor for argument #1 'self' (while checking arguments for ${fn})`);
  }
  if (size.length !== 1) throw new RuntimeError(`${fn}() argument 'output_size' should contain one int (got ${size.length})`);
  const x = unsqueeze(input, -2);
  try {
    const r = fn === 'adaptive_avg_pool1d' ? adaptive_avg_pool2d(x, [1, size[0]]) : adaptive_max_pool2d(x, [1, size[0]], { return_indices: !!a.return_indices });
    const sq = (t: Tensor): Tensor => { try { return squeeze(t, -2); } finally { t.dispose(); } };
    return Array.isArray(r) ? [sq(r[0]), sq(r[1])] : sq(r);
  } finally {
    x.dispose();
  }
}

/**
 * Adaptive 1-D average pooling of [N, C, L] or [C, L] to output_size, composed as PyTorch
 * (SqueezeBackward1 over AdaptiveAvgPool2DBackward0, or over MeanBackward1 for an output of 1).
 * @example F.adaptive_avg_pool1d(x, 4)
 */
export function adaptive_avg_pool1d(input: Tensor, output_size: number | number[]): Tensor;
export function adaptive_avg_pool1d(...args: unknown[]): Tensor { return adaptive1d('adaptive_avg_pool1d', bind(AVG1, args, null, 'adaptive_avg_pool1d')) as Tensor; }

/**
 * Adaptive 1-D max pooling of [N, C, L] or [C, L] to output_size, composed as PyTorch
 * (SqueezeBackward1 over AdaptiveMaxPool2DBackward0); `return_indices` adds the int64 indices.
 * @example F.adaptive_max_pool1d(x, 4); const [v, i] = F.adaptive_max_pool1d(x, 2, { return_indices: true })
 */
export function adaptive_max_pool1d(input: Tensor, output_size: number | number[], options?: { return_indices?: boolean }): Tensor;
export function adaptive_max_pool1d(...args: unknown[]): Tensor | [Tensor, Tensor] { return adaptive1d('adaptive_max_pool1d', bind(MAX1, args, null, 'adaptive_max_pool1d')); }
