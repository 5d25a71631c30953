// Pooling front ends (helper conv, helper pool2): F.max_pool2d/3d (MaxPool2D/3DWithIndicesBackward0),
// F.avg_pool2d/3d (AvgPool2D/3DBackward0), F.max_pool1d / F.avg_pool1d as ATen composes them:
// unsqueeze(-2), the 2-D pool, squeeze(-2); and F.lp_pool1d/2d/3d as PyTorch's Python composes them.
// PyTorch's checks in its order (pooling_output_shape, pool2d/pool3d_shape_check) and messages.
// The adaptive pools are in adaptive_pool.ts, the unpools in unpool.ts.

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError, IndexError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { checkFloating } from './common.js';
import { DTYPES } from '../dtype.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { squeeze, unsqueeze } from './shape.js';
import { mul, pow } from './elementwise.js';
import { sign, relu, abs } from './torch.generated.js';

const S = (text: string): ReturnType<typeof parseSchema> => parseSchema(text, false);
const MAX2 = S('max_pool2d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, int[] dilation=1, bool ceil_mode=False, bool return_indices=False) -> Tensor');
const AVG2 = S('avg_pool2d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor');
const MAX1 = S('max_pool1d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, int[] dilation=1, bool ceil_mode=False, bool return_indices=False) -> Tensor');
const AVG1 = S('avg_pool1d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, bool ceil_mode=False, bool count_include_pad=True) -> Tensor');
const MAX3 = S('max_pool3d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, int[] dilation=1, bool ceil_mode=False, bool return_indices=False) -> Tensor');
const AVG3 = S('avg_pool3d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor');
const LP2 = S('lp_pool2d(Tensor input, float norm_type, int[] kernel_size, int[]? stride=None, bool ceil_mode=False) -> Tensor');
const LP3 = S('lp_pool3d(Tensor input, float norm_type, int[] kernel_size, int[]? stride=None, bool ceil_mode=False) -> Tensor');
const LP1 = S('lp_pool1d(Tensor input, float norm_type, int kernel_size, int[]? stride=None, bool ceil_mode=False) -> Tensor');

/** PyTorch's refusal of a non-float input by the kernel's dispatch name (where PyTorch refuses integers). */
export function checkFloatingKernel(input: Tensor, kernel: string): void {
  if (input._dtype !== DType.Float32 && input._dtype !== DType.Float64) {
    throw new RuntimeError(`"${kernel}" not implemented for '${DTYPES[input._dtype]._scalarType}'`);
  }
}

export const ints = (v: unknown): number[] => (v === null || v === undefined ? [] : typeof v === 'number' ? [v] : (v as number[]));

/** A pair from one or two values, or PyTorch's message. */
function pair(v: number[], fn: string, what: string): [number, number] {
  if (v.length !== 1 && v.length !== 2) throw new RuntimeError(`${fn}: ${what}`);
  return [v[0], v.length === 2 ? v[1] : v[0]];
}

/** ATen's pooling_output_shape, with its checks. */
export function outSize(size: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
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
  return [1, kh, kw, 1, sh, sw, 0, ph, pw, 1, dh, dw, a.count_include_pad === false ? 0 : 1, div ?? 0, 1, OH, OW];
}

/** The parameters of a 3-D max or average pool, checked as ATen (max_pool3d_with_indices_out_cpu_template, avg_pool3d's meta). */
function pool3dParams(fn: 'max_pool3d' | 'avg_pool3d', input: Tensor, a: Record<string, unknown>): number[] {
  const max = fn === 'max_pool3d';
  const triple = (v: number[], what: string): number[] => {
    if (v.length !== 1 && v.length !== 3) throw new RuntimeError(`${fn}: ${what}`);
    return v.length === 3 ? v : [v[0], v[0], v[0]];
  };
  const either = max ? 'either ' : '';
  const k = triple(ints(a.kernel_size), `kernel_size must ${either}be a single int, or a tuple of three ints`);
  const st = ints(a.stride);
  if (st.length === 2 || st.length > 3) throw new RuntimeError(`${fn}: stride must ${either}be omitted, a single int, or a tuple of three ints`);
  const s = st.length === 0 ? k : triple(st, '');
  const pad = triple(ints(a.padding), `padding must ${max ? 'be either ' : ''}be a single int, or a tuple of three ints`);
  const dil = max ? triple(ints(a.dilation), 'dilation must be either a single int, or a tuple of three ints') : [1, 1, 1];
  const shape = input._shape, nd = shape.length;
  if (nd !== 4 && nd !== 5) throw new RuntimeError('non-empty 4D or 5D (batch mode) tensor expected for input');
  const div = max ? null : (a.divisor_override as number | null);
  if (div === 0) throw new RuntimeError('divisor must be not zero');
  const ins = shape.slice(-3), ceil = a.ceil_mode as boolean;
  const outs = ins.map((n, i) => outSize(n, k[i], pad[i], s[i], dil[i], ceil));
  // pool3d_shape_check
  if (k.some((v) => v <= 0)) throw new RuntimeError(`kernel size should be greater than zero, but got kT: ${k[0]} kH: ${k[1]} kW: ${k[2]}`);
  if (s.some((v) => v <= 0)) throw new RuntimeError(`stride should be greater than zero, but got dT: ${s[0]} dH: ${s[1]} dW: ${s[2]}`);
  if (dil.some((v) => v <= 0)) throw new RuntimeError(`dilation should be greater than zero, but got dilationT: ${dil[0]} dilationH: ${dil[1]} dilationW: ${dil[2]}`);
  if (shape.some((v, i) => v <= 0 && !(nd === 5 && i === 0))) {
    // PyTorch prints the empty dim's size where its index was meant: always 0
    throw new RuntimeError(`${max ? 'max_pool3d_with_indices_out_cpu_template' : 'avg_pool3d'}(): Expected input's non-batch dimensions to have positive length, but input has a shape of [${shape.join(', ')}] and non-batch dimension 0 has length zero!`);
  }
  if (!max && ins.some((n, i) => n < k[i])) {
    throw new RuntimeError(`input image (T: ${ins[0]} H: ${ins[1]} W: ${ins[2]}) smaller than kernel size (kT: ${k[0]} kH: ${k[1]} kW: ${k[2]})`);
  }
  if (outs.some((o) => o < 1)) {
    const C = shape[nd - 4];
    throw new RuntimeError(`Given input size: (${C}x${ins.join('x')}). Calculated output size: (${C}x${outs.join('x')}). Output size is too small`);
  }
  if (max) checkFloatingKernel(input, 'max_pool3d_with_indices_cpu');
  else checkFloating(input, fn); // PyTorch 1.13 also pools int64 (docs/api.md)
  return [...k, ...s, ...pad, ...dil, a.count_include_pad === false ? 0 : 1, div ?? 0, ...outs];
}

/** The pool op over input with parameters p: its output, and with `withIndices` its indices (max ops). */
export function run(op: Op, input: Tensor, p: number[], withIndices: boolean): Tensor | [Tensor, Tensor] {
  const [h, ih] = input._dev.pool(op, input.h, p);
  const s = op === Op.MaxPool3DWithIndices || op === Op.AvgPool3D || op === Op.AdaptiveMaxPool3D ? 3 : 2;
  const shape = [...input._shape.slice(0, -s), ...p.slice(17 - s)];
  const out = new Tensor(input._dev, h, shape, input._dtype);
  if (!ih) return out;
  const idx = new Tensor(input._dev, ih, shape.slice(), DType.Int64);
  if (withIndices) return [out, idx];
  idx.dispose();
  return out;
}

/** The keyword arguments of F.max_pool1d/2d/3d. */
export interface MaxPoolOptions {
  stride?: number | number[] | null; padding?: number | number[]; dilation?: number | number[]; ceil_mode?: boolean; return_indices?: boolean;
}
/** The keyword arguments of F.avg_pool1d/2d/3d. */
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
 * 3-D max pooling over the last three dims of [N, C, D, H, W] or [C, D, H, W]: the first maximum of
 * each window (a NaN wins), with `stride`, `padding`, `dilation`, `ceil_mode`, `return_indices` (the
 * flat int64 index in its D·H·W volume). Node MaxPool3DWithIndicesBackward0.
 * @example
 * const y = F.max_pool3d(x, 2);                                         // halves D, H and W
 * const [v, i] = F.max_pool3d(x, [1, 3, 3], { stride: 2, padding: [0, 1, 1], return_indices: true });
 */
export function max_pool3d(input: Tensor, kernel_size: number | number[], ...rest: unknown[]): Tensor;
export function max_pool3d(...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = bind(MAX3, args, null, 'max_pool3d');
  const input = a.input as Tensor;
  return run(Op.MaxPool3DWithIndices, input, pool3dParams('max_pool3d', input, a), a.return_indices as boolean);
}

/**
 * 3-D average pooling over the last three dims of [N, C, D, H, W] or [C, D, H, W], with `ceil_mode`,
 * `count_include_pad` (default true) and `divisor_override`. Node AvgPool3DBackward0.
 * @example
 * F.avg_pool3d(x, 2)
 * F.avg_pool3d(x, 3, { stride: 2, padding: 1, count_include_pad: false })
 */
export function avg_pool3d(input: Tensor, kernel_size: number | number[], ...rest: unknown[]): Tensor;
export function avg_pool3d(...args: unknown[]): Tensor {
  const a = bind(AVG3, args, null, 'avg_pool3d');
  const input = a.input as Tensor;
  return run(Op.AvgPool3D, input, pool3dParams('avg_pool3d', input, a), false) as Tensor;
}

/** PyTorch's power-average tail: (sign(out) · relu(|out|) · n)^(1/p) of the average of x^p. */
function powerAverage(out: Tensor, n: number, p: number): Tensor {
  const a = abs(out), r = relu(a), sg = sign(out), prod = mul(sg, r), scaled = mul(prod, n);
  try { return pow(scaled, 1 / p); } finally { for (const t of [a, r, sg, prod, scaled, out]) t.dispose(); }
}

/**
 * 2-D power-average pooling of [N, C, H, W] or [C, H, W]: (Σ x^p over each window)^(1/p), as
 * PyTorch composes it (avg_pool2d of x^p, then sign·relu(|·|)·(kh·kw), then ^(1/p): node PowBackward0).
 * @example F.lp_pool2d(x, 2, 3, { stride: 2 }) // the L2 norm of each 3×3 window
 */
export function lp_pool2d(input: Tensor, norm_type: number, kernel_size: number | number[], ...rest: unknown[]): Tensor;
export function lp_pool2d(...args: unknown[]): Tensor {
  const a = bind(LP2, args, null, 'lp_pool2d');
  const k = ints(a.kernel_size), p = a.norm_type as number;
  const xp = pow(a.input as Tensor, p);
  let out: Tensor;
  try { out = avg_pool2d(xp, k, { stride: a.stride ?? null, padding: 0, ceil_mode: a.ceil_mode as boolean }); } finally { xp.dispose(); }
  return powerAverage(out, k[0] * (k.length > 1 ? k[1] : k[0]), p);
}

/**
 * 1-D power-average pooling of [N, C, L] or [C, L]: (Σ x^p over each window)^(1/p), composed as PyTorch.
 * @example F.lp_pool1d(x, 2, 3) // the L2 norm of each window of 3
 */
export function lp_pool1d(input: Tensor, norm_type: number, kernel_size: number, ...rest: unknown[]): Tensor;
export function lp_pool1d(...args: unknown[]): Tensor {
  const a = bind(LP1, args, null, 'lp_pool1d');
  const k = a.kernel_size as number, p = a.norm_type as number;
  const xp = pow(a.input as Tensor, p);
  let out: Tensor;
  try { out = avg_pool1d(xp, k, { stride: a.stride ?? null, padding: 0, ceil_mode: a.ceil_mode as boolean }); } finally { xp.dispose(); }
  return powerAverage(out, k, p);
}

/**
 * 3-D power-average pooling of [N, C, D, H, W] or [C, D, H, W] (PyTorch 2.2; 1.13 has none):
 * (Σ x^p over each window)^(1/p), composed as PyTorch 2 composes it (avg_pool3d of x^p, then
 * sign·relu(|·|)·(kd·kh·kw), then ^(1/p): node PowBackward0).
 * @example F.lp_pool3d(x, 2, [2, 2, 2]) // the L2 norm of each 2×2×2 window
 */
export function lp_pool3d(input: Tensor, norm_type: number, kernel_size: number | number[], ...rest: unknown[]): Tensor;
export function lp_pool3d(...args: unknown[]): Tensor {
  const a = bind(LP3, args, null, 'lp_pool3d');
  const k = ints(a.kernel_size), p = a.norm_type as number;
  // Python's `kd, kw, kh = _triple(kernel_size)` unpacks before pooling
  if (k.length !== 1 && k.length !== 3) throw new ValueError(k.length < 3 ? `not enough values to unpack (expected 3, got ${k.length})` : 'too many values to unpack (expected 3)');
  const [kd, kh, kw] = k.length === 1 ? [k[0], k[0], k[0]] : k;
  const xp = pow(a.input as Tensor, p);
  let out: Tensor;
  try { out = avg_pool3d(xp, k, { stride: a.stride ?? null, padding: 0, ceil_mode: a.ceil_mode as boolean }); } finally { xp.dispose(); }
  return powerAverage(out, kd * kh * kw, p);
}
