// Pooling front ends (helper conv): F.max_pool2d (MaxPool2DWithIndicesBackward0),
// F.avg_pool2d (AvgPool2DBackward0), F.adaptive_avg_pool2d (AdaptiveAvgPool2DBackward0; an
// output of 1×1 is mean over the last two dims, MeanBackward1, as ATen), and F.max_pool1d /
// F.avg_pool1d as ATen composes them: unsqueeze(-2), the 2-D pool, squeeze(-2).
// PyTorch's checks in its order (pooling_output_shape, pool2d_shape_check) and messages.

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError, IndexError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { checkFloating } from './common.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { squeeze, unsqueeze } from './shape.js';
import { mean } from './reduce.js';

const S = (text: string): ReturnType<typeof parseSchema> => parseSchema(text, false);
const MAX2 = S('max_pool2d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, int[] dilation=1, bool ceil_mode=False, bool return_indices=False) -> Tensor');
const AVG2 = S('avg_pool2d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor');
const MAX1 = S('max_pool1d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, int[] dilation=1, bool ceil_mode=False, bool return_indices=False) -> Tensor');
const AVG1 = S('avg_pool1d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, bool ceil_mode=False, bool count_include_pad=True) -> Tensor');
const ADAPTIVE = S('adaptive_avg_pool2d(Tensor input, int[] output_size) -> Tensor');

const ints = (v: unknown): number[] => (v === null || v === undefined ? [] : typeof v === 'number' ? [v] : (v as number[]));

/** A pair from one or two values, or PyTorch's message. */
function pair(v: number[], fn: string, what: string): [number, number] {
  if (v.length !== 1 && v.length !== 2) throw new RuntimeError(`${fn}: ${what}`);
  return [v[0], v.length === 2 ? v[1] : v[0]];
}

/** ATen's pooling_output_shape, with its checks. */
function outSize(size: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
  if (stride === 0) throw new RuntimeError('stride should not be zero');
  if (pad < 0) throw new RuntimeError(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(k / 2)) throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${k}`);
  let o = Math.floor((size + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  if (ceil && (o - 1) * stride >= size + pad) o--;
  return o;
}

/** The parameters of a max or average pool (p for the device), checked as ATen. */
function poolParams(fn: 'max_pool2d' | 'avg_pool2d', input: Tensor, a: Record<string, unknown>): number[] {
  const max = fn === 'max_pool2d';
  const [kh, kw] = pair(ints(a.kernel_size), fn, 'kernel_size must either be a single int, or a tuple of two ints');
  const st = ints(a.stride);
  if (st.length > 2) throw new RuntimeError(`${fn}: stride must either be omitted, a single int, or a tuple of two ints`);
  const [sh, sw] = st.length === 0 ? [kh, kw] : pair(st, fn, '');
  const [ph, pw] = pair(ints(a.padding), fn, max ? 'padding must be either be a single int, or a tuple of two ints' : 'padding must either be a single int, or a tuple of two ints');
  const [dh, dw] = max ? pair(ints(a.dilation), fn, 'dilation must be either a single int, or a tuple of two ints') : [1, 1];
  const div = max ? null : (a.divisor_override as number | null);
  if (div === 0) throw new RuntimeError('divisor must be not zero');
  const shape = input._shape, nd = shape.length;
  if (max && nd !== 3 && nd !== 4) throw new RuntimeError('non-empty 3D or 4D (batch mode) tensor expected for input');
  if (!max && nd < 3) throw new IndexError(`Dimension out of range (expected to be in range of [${-nd}, ${nd - 1}], but got -3)`);
  const ceil = a.ceil_mode as boolean;
  const H = shape[nd - 2], W = shape[nd - 1];
  const OH = outSize(H, kh, ph, sh, dh, ceil), OW = outSize(W, kw, pw, sw, dw, ceil);
  if (kh <= 0 || kw <= 0) throw new RuntimeError(`kernel size should be greater than zero, but got kH: ${kh} kW: ${kw}`);
  if (sh <= 0 || sw <= 0) throw new RuntimeError(`stride should be greater than zero, but got dH: ${sh} dW: ${sw}`);
  if (dh <= 0 || dw <= 0) throw new RuntimeError(`dilation should be greater than zero, but got dilationH: ${dh} dilationW: ${dw}`);
  const valid = shape[nd - 3] !== 0 && H !== 0 && W !== 0;
  if (!((nd === 3 && valid) || (nd === 4 && valid))) {
    throw new RuntimeError(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[${shape.join(', ')}]`);
  }
  if (OH < 1 || OW < 1) {
    const C = shape[nd - 3];
    throw new RuntimeError(`Given input size: (${C}x${H}x${W}). Calculated output size: (${C}x${OH}x${OW}). Output size is too small`);
  }
  checkFloating(input, fn);
  return [kh, kw, sh, sw, ph, pw, dh, dw, a.count_include_pad === false ? 0 : 1, div ?? 0, OH, OW];
}

function run(op: Op, input: Tensor, p: number[], withIndices: boolean): Tensor | [Tensor, Tensor] {
  const [h, ih] = input._dev.pool2d(op, input.h, p);
  const shape = [...input._shape.slice(0, -2), p[10], p[11]];
  const out = new Tensor(input._dev, h, shape, input._dtype);
  if (!ih) return out;
  const idx = new Tensor(input._dev, ih, shape.slice(), DType.Int64);
  if (withIndices) return [out, idx];
  idx.dispose();
  return out;
}

/** The keyword arguments of F.max_pool2d / F.max_pool1d. */
export interface MaxPoolOptions {
  stride?: number | number[] | null; padding?: number | number[]; dilation?: number | number[]; ceil_mode?: boolean; return_indices?: boolean;
}
/** The keyword arguments of F.avg_pool2d / F.avg_pool1d. */
export interface AvgPoolOptions {
  stride?: number | number[] | null; padding?: number | number[]; ceil_mode?: boolean; count_include_pad?: boolean; divisor_override?: number | null;
}

/**
 * 2-D max pooling over the last two dims of [N, C, H, W] or [C, H, W]: the first maximum of each
 * window (a NaN wins). With `return_indices`, also the flat index (int64) of each maximum in its plane.
 * Node MaxPool2DWithIndicesBackward0.
 * @example
 * const y = F.max_pool2d(x, 2);                                         // halves H and W
 * const [v, i] = F.max_pool2d(x, 3, { stride: 2, padding: 1, return_indices: true });
 */
export function max_pool2d(input: Tensor, kernel_size: number | number[], ...rest: unknown[]): Tensor;
export function max_pool2d(...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = bind(MAX2, args, null, 'max_pool2d');
  const input = a.input as Tensor;
  return run(Op.MaxPool2DWithIndices, input, poolParams('max_pool2d', input, a), a.return_indices as boolean);
}

/**
 * 2-D average pooling over the last two dims of [N, C, H, W] or [C, H, W], with `ceil_mode`,
 * `count_include_pad` (default true) and `divisor_override`. Node AvgPool2DBackward0.
 * @example
 * F.avg_pool2d(x, 2)
 * F.avg_pool2d(x, 3, { stride: 2, padding: 1, count_include_pad: false })
 */
export function avg_pool2d(input: Tensor, kernel_size: number | number[], ...rest: unknown[]): Tensor;
export function avg_pool2d(...args: unknown[]): Tensor {
  const a = bind(AVG2, args, null, 'avg_pool2d');
  const input = a.input as Tensor;
  return run(Op.AvgPool2D, input, poolParams('avg_pool2d', input, a), false) as Tensor;
}

/** A 1-D pool as ATen composes it: unsqueeze(-2), the 2-D pool over (1, k), squeeze(-2). */
function pool1d(fn: 'max_pool1d' | 'avg_pool1d', a: Record<string, unknown>): Tensor | [Tensor, Tensor] {
  const input = a.input as Tensor;
  const nd = input._shape.length;
  const max = fn === 'max_pool1d';
  if (nd !== 2 && nd !== 3) {
    throw new RuntimeError(max
      ? `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[${input._shape.join(', ')}]`
      : `Expected 2 to 3 dimensions, but got ${nd}-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)`);
  }
  // each parameter a single int (the stride may be omitted): [1, v], padding [0, v]
  const one = (v: unknown, name: string, empty = false): number[] => {
    const l = ints(v);
    if (empty && l.length === 0) return [];
    if (l.length !== 1) {
      throw new RuntimeError(max ? `max_pool1d() ${name} must be an int, list of ints or tuple of ints of size 1 but got size ${l.length}`
        : `avg_pool1d() argument '${name}' should contain one int (got ${l.length})`);
    }
    return [name === 'padding' ? 0 : 1, l[0]];
  };
  const k = one(a.kernel_size, 'kernel_size'), s = one(a.stride, 'stride', true);
  const p = one(a.padding, 'padding');
  const b2: Record<string, unknown> = { ...a, kernel_size: k, stride: s.length ? s : k, padding: p };
  if (max) b2.dilation = one(a.dilation, 'dilation');
  const x = unsqueeze(input, -2);
  try {
    const r = run(max ? Op.MaxPool2DWithIndices : Op.AvgPool2D, x, poolParams(max ? 'max_pool2d' : 'avg_pool2d', x, b2), !!a.return_indices);
    const sq = (t: Tensor): Tensor => { try { return squeeze(t, -2); } finally { t.dispose(); } };
    return Array.isArray(r) ? [sq(r[0]), sq(r[1])] : sq(r);
  } finally {
    x.dispose();
  }
}

/**
 * 1-D max pooling over the last dim of [N, C, L] or [C, L], as PyTorch composes it (the 2-D pool
 * between unsqueeze(-2) and squeeze(-2): grad_fn SqueezeBackward1).
 * @example F.max_pool1d(x, 2); F.max_pool1d(x, 3, { stride: 1, padding: 1, return_indices: true })
 */
export function max_pool1d(input: Tensor, kernel_size: number | number[], ...rest: unknown[]): Tensor;
export function max_pool1d(...args: unknown[]): Tensor | [Tensor, Tensor] { return pool1d('max_pool1d', bind(MAX1, args, null, 'max_pool1d')); }

/**
 * 1-D average pooling over the last dim of [N, C, L] or [C, L], composed as PyTorch (SqueezeBackward1
 * over AvgPool2DBackward0).
 * @example F.avg_pool1d(x, 2); F.avg_pool1d(x, 3, { stride: 2, padding: 1, count_include_pad: false })
 */
export function avg_pool1d(input: Tensor, kernel_size: number | number[], ...rest: unknown[]): Tensor;
export function avg_pool1d(...args: unknown[]): Tensor { return pool1d('avg_pool1d', bind(AVG1, args, null, 'avg_pool1d')) as Tensor; }

/**
 * Adaptive 2-D average pooling of [N, C, H, W] or [C, H, W] to output_size (a number, or a pair
 * where null keeps the input's size): windows [⌊o·H/OH⌋, ⌈(o+1)·H/OH⌉). Node AdaptiveAvgPool2DBackward0;
 * a 1×1 output is the mean over the last two dims (MeanBackward1), as ATen.
 * @example F.adaptive_avg_pool2d(x, [2, 3]); F.adaptive_avg_pool2d(x, 1)
 */
export function adaptive_avg_pool2d(input: Tensor, output_size: number | (number | null)[] | { output_size: number | (number | null)[] }): Tensor;
export function adaptive_avg_pool2d(...args: unknown[]): Tensor {
  // F.adaptive_avg_pool2d fills None entries with the input's sizes (_list_with_default)
  if (Array.isArray(args[1]) && args[0] instanceof Tensor) {
    const s = args[0]._shape;
    args = [args[0], (args[1] as (number | null)[]).map((v, i, l) => (v === null ? s[s.length - l.length + i] : v)), ...args.slice(2)];
  }
  const a = bind(ADAPTIVE, args, null, 'adaptive_avg_pool2d');
  const input = a.input as Tensor, size = ints(a.output_size);
  if (size.length !== 1 && size.length !== 2) throw new RuntimeError('adaptive_avg_pool2d: output_size must be 2');
  const [OH, OW] = size.length === 2 ? size : [size[0], size[0]];
  const shape = input._shape, nd = shape.length;
  if (nd !== 3 && nd !== 4) throw new RuntimeError(`adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [${shape.join(', ')}]`);
  for (let i = 1; i < nd; i++) {
    if (shape[i] === 0) {
      throw new RuntimeError(`adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${shape.join(', ')}] with dimension ${i} being empty`);
    }
  }
  checkFloating(input, 'adaptive_avg_pool2d');
  if (OH === 1 && OW === 1) return mean(input, [-1, -2], true);
  if (OH < 0 || OW < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${Math.min(OH, OW)}: [${[...shape.slice(0, -2), OH, OW].join(', ')}]`);
  return run(Op.AdaptiveAvgPool2D, input, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, OH, OW], false) as Tensor;
}
