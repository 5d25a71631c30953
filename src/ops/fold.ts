// F.unfold / F.fold front ends (helper convt): im2col and col2im with PyTorch's
// checks in its order (the parameter lists' lengths, then im2col_shape_check /
// col2im_shape_check), then one op (Im2ColBackward0 / Col2ImBackward0) on the
// device, which takes an unbatched input as it is (PyTorch records no squeeze).

import { Op } from '../../abi/abi.js';
import { RuntimeError, IndexError, NotImplementedError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating } from './common.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { list } from './conv.js';

const UNFOLD = parseSchema('unfold(Tensor input, int[] kernel_size, int[] dilation=1, int[] padding=0, int[] stride=1) -> Tensor', false);
const FOLD = parseSchema('fold(Tensor input, int[] output_size, int[] kernel_size, int[] dilation=1, int[] padding=0, int[] stride=1) -> Tensor', false);

/**
 * A parameter as a pair, as ATen's IntArrayRef of two with its length check (the binder has made a
 * number a list of one: that is a pair of it; PyTorch would refuse [n] itself).
 */
function pair(v: unknown, name: string): [number, number] {
  const a = typeof v === 'number' ? [v, v] : (v as number[]).length === 1 ? [(v as number[])[0], (v as number[])[0]] : (v as number[]);
  if (a.length !== 2) throw new RuntimeError(`It is expected ${name} equals to 2, but got size ${a.length}`);
  return [a[0], a[1]];
}

const tuple = (v: number[]): string => `(${v.join(', ')})`;

/** The shared checks of im2col and col2im: kernel, dilation, padding, stride, in PyTorch's order. */
function checkParams(k: number[], d: number[], p: number[], s: number[]): void {
  if (k[0] <= 0 || k[1] <= 0) throw new RuntimeError(`kernel size should be greater than zero, but got kernel_height: ${k[0]} kernel_width: ${k[1]}`);
  if (d[0] <= 0 || d[1] <= 0) throw new RuntimeError(`dilation should be greater than zero, but got dilation_height: ${d[0]} dilation_width: ${d[1]}`);
  if (p[0] < 0 || p[1] < 0) throw new RuntimeError(`padding should be non-negative, but got pad_height: ${p[0]} pad_width: ${p[1]}`);
  if (s[0] <= 0 || s[1] <= 0) throw new RuntimeError(`stride should be greater than zero, but got stride_height: ${s[0]} stride_width: ${s[1]}`);
  if ([...k, ...d, ...p, ...s].some((v) => v > 0xffff)) throw new NotImplementedError('wasmgrad: unfold / fold parameters above 65535 are not supported');
}

/** The number of sliding blocks along a dim of size n (C++ integer division). */
const blocks = (n: number, k: number, d: number, p: number, s: number): number => Math.trunc((n + 2 * p - (d * (k - 1) + 1)) / s) + 1;

/**
 * Extracts sliding local blocks (im2col): input [N, C, H, W] or unbatched [C, H, W] to
 * [N, C·kh·kw, L], L the number of blocks. Node Im2ColBackward0 (its derivative is F.fold).
 * @example
 * const cols = F.unfold(x, [2, 3], { padding: 1, stride: 2 }); // x [2, 3, 5, 6] → [2, 18, 9]
 */
export function unfold(input: Tensor, kernel_size: number | number[], dilation?: number | number[] | UnfoldOptions,
  padding?: number | number[] | UnfoldOptions, stride?: number | number[] | UnfoldOptions): Tensor;
export function unfold(...args: unknown[]): Tensor {
  const a = bind(UNFOLD, args, null), x = a.input as Tensor;
  const k = pair(a.kernel_size, 'kernel_size'), d = pair(a.dilation, 'dilation'), p = pair(a.padding, 'padding'), s = pair(a.stride, 'stride');
  checkParams(k, d, p, s);
  const xs = x._shape, nd = xs.length;
  if (nd <= 2) throw new IndexError(`Dimension out of range (expected to be in range of [${-nd}, ${nd - 1}], but got ${nd})`);
  const b = nd === 4 ? 1 : 0;
  if ((nd !== 3 && nd !== 4) || xs.slice(b).some((n) => n === 0)) {
    throw new RuntimeError(`Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${list(xs)}`);
  }
  const bh = blocks(xs[b + 1], k[0], d[0], p[0], s[0]), bw = blocks(xs[b + 2], k[1], d[1], p[1], s[1]);
  if (bh < 1 || bw < 1) {
    throw new RuntimeError(`Given input with spatial size ${tuple(xs.slice(b + 1))}, kernel_size=${tuple(k)}, dilation=${tuple(d)}, padding=${tuple(p)}, calculated shape of the array of sliding blocks as ${tuple([bh, bw])}, but its components must be at least one.`);
  }
  checkFloating(x, 'unfold');
  const dev = deviceOf(x), shape = [...xs.slice(0, b), xs[b] * k[0] * k[1], bh * bw];
  return new Tensor(dev, dev.foldOp(Op.Im2Col, x.h, [...k, ...d, ...p, ...s, 0, 0]), shape, x._dtype);
}

/**
 * Combines sliding local blocks into an image (col2im, summing where blocks overlap): input
 * [N, C·kh·kw, L] or unbatched [C·kh·kw, L] to [N, C, output_size...]. Node Col2ImBackward0.
 * @example
 * const img = F.fold(cols, [5, 6], [2, 3], { padding: 1, stride: 2 }); // [2, 18, 9] → [2, 3, 5, 6]
 */
export function fold(input: Tensor, output_size: number | number[], kernel_size: number | number[], dilation?: number | number[] | UnfoldOptions,
  padding?: number | number[] | UnfoldOptions, stride?: number | number[] | UnfoldOptions): Tensor;
export function fold(...args: unknown[]): Tensor {
  const a = bind(FOLD, args, null), x = a.input as Tensor;
  const o = pair(a.output_size, 'output_size'), k = pair(a.kernel_size, 'kernel_size');
  const d = pair(a.dilation, 'dilation'), p = pair(a.padding, 'padding'), s = pair(a.stride, 'stride');
  checkParams(k, d, p, s);
  const xs = x._shape, nd = xs.length, b = nd === 3 ? 1 : 0;
  if ((nd !== 2 && nd !== 3) || xs.slice(b).some((n) => n === 0)) {
    throw new RuntimeError(`Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: ${list(xs)}`);
  }
  if (xs[b] % (k[0] * k[1]) !== 0) {
    throw new RuntimeError(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${xs[b]} and kernel_size=${tuple(k)}.`);
  }
  const bh = blocks(o[0], k[0], d[0], p[0], s[0]), bw = blocks(o[1], k[1], d[1], p[1], s[1]);
  if (xs[b + 1] !== bh * bw) {
    throw new RuntimeError(`Given output_size=${tuple(o)}, kernel_size=${tuple(k)}, dilation=${tuple(d)}, padding=${tuple(p)}, stride=${tuple(s)}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${bh} * ${bw} = ${bh * bw}, but got input.size(2)=${xs[b + 1]}.`);
  }
  if (bh < 1 || bw < 1) {
    throw new RuntimeError(`Given output_size=${tuple(o)}, kernel_size=${tuple(k)}, dilation=${tuple(d)}, padding=${tuple(p)}, stride=${tuple(s)}, calculated shape of the array of sliding blocks as ${tuple([bh, bw])}, but its components must be at least one.`);
  }
  checkFloating(x, 'fold');
  const dev = deviceOf(x), shape = [...xs.slice(0, b), xs[b] / (k[0] * k[1]), ...o];
  return new Tensor(dev, dev.foldOp(Op.Col2Im, x.h, [...k, ...d, ...p, ...s, ...o]), shape, x._dtype);
}

/** The keyword arguments of F.unfold / F.fold after the sizes. */
export interface UnfoldOptions {
  dilation?: number | number[];
  padding?: number | number[];
  stride?: number | number[];
}
