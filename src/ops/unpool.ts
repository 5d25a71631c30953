// F.max_unpool2d (node MaxUnpool2DBackward0), F.max_unpool3d (MaxUnpool3DBackward0) and F.max_unpool1d, as PyTorch's Python composes
// it (max_unpool2d of the last dim unsqueezed, squeeze(-1)): zeros with each value written at its
// index from max_pool's return_indices (per plane; the last write wins). The front end checks the
// indices (PyTorch's "Found an invalid max index") and hands the device flat positions.

import { DType, Op } from '../../abi/abi.js';
import { RuntimeError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { DTYPES } from '../dtype.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { squeeze, unsqueeze } from './shape.js';
import { ints, checkFloatingKernel } from './pool.js';

const S = (text: string): ReturnType<typeof parseSchema> => parseSchema(text, false);
const UNPOOL2 = S('max_unpool2d(Tensor input, Tensor indices, int[] kernel_size, int[]? stride=None, int[] padding=0, int[]? output_size=None) -> Tensor');
const UNPOOL3 = S('max_unpool3d(Tensor input, Tensor indices, int[] kernel_size, int[]? stride=None, int[] padding=0, int[]? output_size=None) -> Tensor');
const UNPOOL1 = S('max_unpool1d(Tensor input, Tensor indices, int[] kernel_size, int[]? stride=None, int[] padding=0, int[]? output_size=None) -> Tensor');

/** The keyword arguments of F.max_unpool1d/2d/3d. */
export interface MaxUnpoolOptions { stride?: number | number[] | null; padding?: number | number[]; output_size?: number[] | null }

/** PyTorch's _unpool_output_size: the default (i − 1)·s + k − 2p per dim, or output_size checked against it. */
function unpoolOutputSize(input: Tensor, k: number[], s: number[], p: number[], output_size: number[] | null): number[] {
  const shape = input._shape, n = k.length;
  const defaults = k.map((kd, d) => (shape[shape.length - n + d] - 1) * s[d] + kd - 2 * p[d]);
  if (output_size === null) return defaults;
  let out = output_size;
  if (out.length === n + 2) out = out.slice(2);
  if (out.length !== n) {
    throw new ValueError(`output_size should be a sequence containing ${n} or ${n + 2} elements, but it has a length of '${out.length}'`);
  }
  out.forEach((o, d) => {
    const lo = defaults[d] - s[d], hi = defaults[d] + s[d];
    if (!(lo < o && o < hi)) throw new ValueError(`invalid output_size "[${out.join(', ')}]" (dim ${d} must be between ${lo} and ${hi})`);
  });
  return out;
}

/** ATen's max_unpool2d (or, with three sizes, max_unpool3d) of input and indices to `size`, checked in its order. */
function maxUnpoolNd(input: Tensor, indices: Tensor, size: number[], n = 2, stride: number[] = []): Tensor {
  if (indices._dtype !== DType.Int64) {
    throw new RuntimeError(`elements in indices should be type int64${n === 3 ? '' : ` but got: ${DTYPES[indices._dtype]._scalarType}`}`);
  }
  const shape = input._shape, nd = shape.length;
  if (n === 3) {
    if (nd !== 4 && nd !== 5) throw new RuntimeError(`Input to max_unpooling3d should be a 4d or 5d Tensor, but got a tensor with ${nd} dimensions.`);
  } else {
    if (size.length !== 2) throw new RuntimeError(`There should be exactly two elements (height, width) in output_size, but got ${size.length} elements.`);
    if (nd !== 3 && nd !== 4) throw new RuntimeError(`Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with ${nd} dimensions.`);
  }
  if (shape.join() !== indices._shape.join() || indices._shape.length !== nd) {
    throw new RuntimeError(`Expected shape of indices to be same as that of the input tensor ([${shape.join(', ')}]) but got indices tensor with shape: [${indices._shape.join(', ')}]`);
  }
  for (let i = 1; i < nd; i++) {
    if (shape[i] === 0) {
      throw new RuntimeError(`max_unpooling${n}d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but got [${shape.join(', ')}] with dimension ${i} being empty.`);
    }
  }
  if (n === 3 && !stride.every((v) => v > 0)) throw new RuntimeError(`strides should be greater than zero, but got stride: [${stride.join(', ')}]`);
  checkFloatingKernel(input, `max_unpool${n}d`);
  const plane = size.reduce((a, b) => a * b, 1), inPlane = shape.slice(nd - n).reduce((a, b) => a * b, 1);
  const idx = indices._dev.read(indices.h), flat = new Int32Array(idx.length);
  // ATen's kernel goes on past a bad index and reports the last one (on one thread)
  let bad: number | null = null;
  for (let i = 0; i < idx.length; i++) {
    const t = idx[i];
    if (t < 0 || t >= plane) bad = t;
    flat[i] = t + Math.floor(i / inPlane) * plane;
  }
  if (bad !== null) throw new RuntimeError(`Found an invalid max index: ${bad} (output volumes are of size ${size.join('x')}`);
  const outShape = [...shape.slice(0, -n), ...size], dev = input._dev;
  const fh = dev.fromData(flat, shape.slice(), DType.Int32);
  try {
    return new Tensor(dev, dev.maxUnpool(n === 3 ? Op.MaxUnpool3D : Op.MaxUnpool2D, input.h, fh, outShape), outShape, input._dtype);
  } finally {
    dev.release(fh);
  }
}

/** Binds a max_unpool call's pooling arguments: kernel, stride (default: the kernel) and padding of n dims each. */
function unpoolArgs(a: Record<string, unknown>, n: number): [number[], number[], number[]] {
  const each = (v: number[]): number[] => (v.length === 1 ? Array(n).fill(v[0]) : v);
  const k = each(ints(a.kernel_size)), st = ints(a.stride);
  return [k, st.length ? each(st) : k, each(ints(a.padding))];
}

/**
 * The partial inverse of F.max_pool2d: zeros of [N, C, OH, OW] (or [C, OH, OW]) with each value at
 * the index max_pool2d's return_indices gave it; output_size (2 or 4 numbers) picks among the sizes
 * that pool to the input's. Node MaxUnpool2DBackward0.
 * @example
 * const [v, i] = F.max_pool2d(x, 2, { return_indices: true });
 * const y = F.max_unpool2d(v, i, 2, { output_size: x.shape });
 */
export function max_unpool2d(input: Tensor, indices: Tensor, kernel_size: number | number[], options?: MaxUnpoolOptions): Tensor;
export function max_unpool2d(...args: unknown[]): Tensor {
  const a = bind(UNPOOL2, args, null, 'max_unpool2d');
  const input = a.input as Tensor, [k, s, p] = unpoolArgs(a, 2);
  const size = unpoolOutputSize(input, k, s, p, (a.output_size as number[] | null) ?? null);
  return maxUnpoolNd(input, a.indices as Tensor, size);
}

/**
 * The partial inverse of F.max_pool1d over [N, C, L] or [C, L], as PyTorch composes it: max_unpool2d
 * of input and indices unsqueezed at -1, squeeze(-1) (node SqueezeBackward1).
 * @example
 * const [v, i] = F.max_pool1d(x, 2, { return_indices: true });
 * F.max_unpool1d(v, i, 2)
 */
export function max_unpool1d(input: Tensor, indices: Tensor, kernel_size: number | number[], options?: MaxUnpoolOptions): Tensor;
export function max_unpool1d(...args: unknown[]): Tensor {
  const a = bind(UNPOOL1, args, null, 'max_unpool1d');
  const input = a.input as Tensor, [k, s, p] = unpoolArgs(a, 1);
  const size = unpoolOutputSize(input, k, s, p, (a.output_size as number[] | null) ?? null);
  const x = unsqueeze(input, -1), i = unsqueeze(a.indices as Tensor, -1);
  try {
    const y = maxUnpoolNd(x, i, [...size, 1]);
    try { return squeeze(y, -1); } finally { y.dispose(); }
  } finally {
    x.dispose(); i.dispose();
  }
}

/**
 * The partial inverse of F.max_pool3d: zeros of [N, C, OD, OH, OW] (or [C, OD, OH, OW]) with each
 * value at the index max_pool3d's return_indices gave it (flat in each volume); output_size (3 or 5
 * numbers) picks among the sizes that pool to the input's. Node MaxUnpool3DBackward0.
 * @example
 * const [v, i] = F.max_pool3d(x, 2, { return_indices: true });
 * const y = F.max_unpool3d(v, i, 2, { output_size: x.shape });
 */
export function max_unpool3d(input: Tensor, indices: Tensor, kernel_size: number | number[], options?: MaxUnpoolOptions): Tensor;
export function max_unpool3d(...args: unknown[]): Tensor {
  const a = bind(UNPOOL3, args, null, 'max_unpool3d');
  const input = a.input as Tensor, [k, s, p] = unpoolArgs(a, 3);
  const size = unpoolOutputSize(input, k, s, p, (a.output_size as number[] | null) ?? null);
  return maxUnpoolNd(input, a.indices as Tensor, size, 3, s);
}
