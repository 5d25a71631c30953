// Transposed convolution front ends (helper convt): F.conv_transpose1d / 2d and
// torch.conv_transpose1d / 2d. PyTorch's checks in its order (batchify, the
// parameter lists expanded, check_shape_forward with transposed=1, then
// slow_conv_transpose2d's shape check, which sees a 1-d convolution as 2-d with
// H = 1), then one ConvolutionBackward0 op: conv's input gradient as a forward op.

import { DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating } from './common.js';
import { bindOverloads } from '../signature.js';
import { parseSchema } from '../schema.js';
import { expand, list, TYPE_NAME, checkWeightRank, batchified } from './conv.js';
import { convTranspose3dComposed } from './conv3d.js'; // helper conv3d

const schema = (name: string): ReturnType<typeof parseSchema>[] => [
  parseSchema(`${name}(Tensor input, Tensor weight, Tensor? bias=None, int[] stride=1, int[] padding=0, int[] output_padding=0, int groups=1, int[] dilation=1) -> Tensor`, false),
];
const T1D = schema('conv_transpose1d'), T2D = schema('conv_transpose2d'), T3D = schema('conv_transpose3d');

/** slow_conv_transpose2d's view of a parameter list: (height, width), height 1 for 1-d. */
const hw = (v: number[], h1: number): [number, number] => (v.length === 1 ? [h1, v[0]] : [v[0], v[1]]);

/** The transposed convolution of a batched input (dims + 2 dims) by weight [C_in, C_out/groups, k...]. */
function transposed(input: Tensor, weight: Tensor, bias: Tensor | null, a: Record<string, unknown>, dims: number, original: Tensor): Tensor {
  const dev = deviceOf(input, weight);
  if (bias) deviceOf(input, bias);
  const n = dims, groups = a.groups as number;
  const wd = weight._shape.length, pd = wd - 2;
  const stride = expand(a.stride, 'stride', pd, n), padding = expand(a.padding, 'padding', pd, n);
  const outputPadding = expand(a.output_padding, 'output_padding', pd, n), dilation = expand(a.dilation, 'dilation', pd, n);
  const ws = weight._shape, xs = input._shape;
  // at::_convolution's check_shape_forward (transposed)
  if (padding.some((p) => p < 0)) throw new RuntimeError('negative padding is not supported');
  if (outputPadding.some((p) => p < 0)) throw new RuntimeError('negative output_padding is not supported');
  if (stride.some((s) => s <= 0)) throw new RuntimeError('non-positive stride is not supported');
  if (groups <= 0) throw new RuntimeError('non-positive groups is not supported');
  checkWeightRank(xs, ws, groups, original);
  if (xs[1] !== ws[0]) {
    throw new RuntimeError(`Given transposed=1, weight of size ${list(ws)}, expected input${list(xs)} to have ${ws[0]} channels, but got ${xs[1]} channels instead`);
  }
  const outChannels = ws[1] * groups;
  if (bias && !(bias._shape.length === 1 && bias._shape[0] === outChannels)) {
    throw new RuntimeError(`Given transposed=1, weight of size ${list(ws)}, expected bias to be 1-dimensional with ${outChannels} elements, but got bias of size ${list(bias._shape)} instead`);
  }
  if (bias && bias._dtype !== input._dtype) {
    throw new RuntimeError(`Input type (${TYPE_NAME[input._dtype] ?? input.dtype.name}) and bias type (${TYPE_NAME[bias._dtype] ?? bias.dtype.name}) should be the same`);
  }
  // PyTorch's slow_conv_transpose3d also convolves int64 (not int32); wasmgrad's 3-D path is the float 2-D one
  if (dims === 3 && input._dtype === DType.Int64) throw new NotImplementedError('wasmgrad: conv_transpose3d of int64 tensors is not supported (float32 and float64 only)');
  if (dims === 3 && input._dtype !== DType.Float32 && input._dtype !== DType.Float64) {
    throw new RuntimeError(`"slow_conv_transpose3d_out_cpu" not implemented for '${input.dtype._scalarType}'`);
  }
  checkFloating(input, dims === 1 ? 'conv_transpose1d' : 'conv_transpose2d');
  if (weight._dtype !== input._dtype) throw new RuntimeError(`expected scalar type ${input.dtype._scalarType} but found ${weight.dtype._scalarType}`);
  if (pd === 3) return transposed3d(input, weight, bias, stride, padding, outputPadding, dilation, groups);
  // slow_conv_transpose2d_shape_check
  const [kh, kw] = hw(ws.slice(2), 1), [sh, sw] = hw(stride, 1), [dh, dw] = hw(dilation, 1);
  const [oph, opw] = hw(outputPadding, 0);
  if (kh <= 0 || kw <= 0) throw new RuntimeError(`kernel size should be greater than zero, but got kernel_height: ${kh} kernel_width: ${kw}`);
  if (dh <= 0 || dw <= 0) throw new RuntimeError(`dilation should be greater than zero, but got dilation_height: ${dh}, dilation_width: ${dw}`);
  if ((opw >= sw && opw >= dw) || (oph >= sh && oph >= dh)) {
    throw new RuntimeError(`output padding must be smaller than either stride or dilation, but got output_padding_height: ${oph} output_padding_width: ${opw} stride_height: ${sh} stride_width: ${sw} dilation_height: ${dh} dilation_width: ${dw}`);
  }
  if (xs.slice(2).some((s) => s === 0) && xs[0] !== 0 && xs[1] !== 0) {
    throw new RuntimeError(`Only zero batch or zero channel inputs are supported, but got input shape: ${list(dims === 1 ? [xs[0], xs[1], 1, xs[2]] : xs)}`);
  }
  const outSizes = xs.slice(2).map((s, i) => (s - 1) * stride[i] - 2 * padding[i] + dilation[i] * (ws[i + 2] - 1) + 1 + outputPadding[i]);
  if (outSizes.some((s) => s < 1)) {
    const inHW = dims === 1 ? [1, xs[2]] : xs.slice(2), outHW = dims === 1 ? [1, outSizes[0]] : outSizes;
    throw new RuntimeError(`Given input size per channel: (${inHW.join(' x ')}). Calculated output size per channel: (${outHW.join(' x ')}). Output size is too small`);
  }
  const p = dims === 1 ? [1, stride[0], 0, padding[0], 1, dilation[0], groups] : [...stride, ...padding, ...dilation, groups];
  if (p.some((v) => v > 0xffff)) throw new NotImplementedError('wasmgrad: convolution parameters above 65535 are not supported');
  const outShape = [xs[0], outChannels, ...outSizes];
  return new Tensor(dev, dev.convolutionTranspose(input.h, weight.h, bias ? bias.h : null, [...p, ...outShape]), outShape, input._dtype);
}

const dhw = (v: number[], what: string): string => `${what}_depth: ${v[0]} ${what}_height: ${v[1]} ${what}_width: ${v[2]}`;

/** slow_conv_transpose3d_shape_check's checks, then the composition of conv3d.ts (helper conv3d). */
function transposed3d(input: Tensor, weight: Tensor, bias: Tensor | null, stride: number[], padding: number[], outputPadding: number[],
  dilation: number[], groups: number): Tensor {
  const ws = weight._shape, xs = input._shape, k = ws.slice(2);
  if (k.some((v) => v <= 0)) throw new RuntimeError(`kernel size should be greater than zero, but got ${dhw(k, 'kernel')}`);
  if (dilation.some((v) => v <= 0)) throw new RuntimeError(`dilation should be greater than zero, but got ${dhw(dilation, 'dilation').replace(/ dilation_/g, ', dilation_')}`);
  if (outputPadding.some((o, i) => o >= stride[i] && o >= dilation[i])) {
    throw new RuntimeError(`output padding must be smaller than either stride or dilation, but got ${dhw(outputPadding, 'output_padding')} ${dhw(stride, 'stride')} ${dhw(dilation, 'dilation')}`);
  }
  if (xs.slice(2).some((s) => s === 0) && xs[0] !== 0 && xs[1] !== 0) {
    throw new RuntimeError(`Only zero batch or zero channel inputs are supported, but got input shape: ${list(xs)}`);
  }
  const outSizes = xs.slice(2).map((s, i) => (s - 1) * stride[i] - 2 * padding[i] + dilation[i] * (ws[i + 2] - 1) + 1 + outputPadding[i]);
  if (outSizes.some((s) => s < 1)) {
    throw new RuntimeError(`Given input size per channel: (${xs.slice(2).join(' x ')}). Calculated output size per channel: (${outSizes.join(' x ')}). Output size is too small`);
  }
  return convTranspose3dComposed(input, weight, bias, stride, padding, outputPadding, dilation, groups, [xs[0], ws[1] * groups, ...outSizes]);
}

/** conv_transpose1d / 2d / 3d after binding: batchify, convolve, squeeze back. */
function convTransposeNd(name: string, dims: number, a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, weight = a.weight as Tensor, bias = (a.bias as Tensor | null) ?? null;
  return batchified(name, dims, input, (x) => transposed(x, weight, bias, a, dims, input));
}

/** The keyword arguments of F.conv_transpose1d / 2d / 3d. */
export interface ConvTransposeOptions {
  bias?: Tensor | null;
  stride?: number | number[];
  padding?: number | number[];
  output_padding?: number | number[];
  groups?: number;
  dilation?: number | number[];
}

type Opt<T> = T | ConvTransposeOptions;

/**
 * 2-D transposed convolution ("deconvolution") of input [N, C_in, H, W] or unbatched [C_in, H, W]
 * by weight [C_in, C_out/groups, kh, kw] (+ bias [C_out]): the gradient of F.conv2d for its input.
 * Output size (H − 1)·stride − 2·padding + dilation·(kh − 1) + output_padding + 1.
 * Node ConvolutionBackward0.
 * @example
 * const y = F.conv_transpose2d(x, w, b, { stride: 2, padding: 1, output_padding: 1 }); // doubles H and W for a 3×3 kernel
 */
export function conv_transpose2d(input: Tensor, weight: Tensor, bias?: Opt<Tensor | null>, stride?: Opt<number | number[]>,
  padding?: Opt<number | number[]>, output_padding?: Opt<number | number[]>, groups?: Opt<number>, dilation?: Opt<number | number[]>): Tensor;
export function conv_transpose2d(...args: unknown[]): Tensor { return convTransposeNd('conv_transpose2d', 2, bindOverloads(T2D, args, null)[1]); }

/**
 * 1-D transposed convolution of input [N, C_in, L] or unbatched [C_in, L] by weight
 * [C_in, C_out/groups, k] (+ bias [C_out]). Node ConvolutionBackward0.
 * @example
 * const y = F.conv_transpose1d(x, w, null, { stride: 2 }); // x [N, C_in, L] → [N, C_out, 2L − 2 + k]
 */
export function conv_transpose1d(input: Tensor, weight: Tensor, bias?: Opt<Tensor | null>, stride?: Opt<number | number[]>,
  padding?: Opt<number | number[]>, output_padding?: Opt<number | number[]>, groups?: Opt<number>, dilation?: Opt<number | number[]>): Tensor;
export function conv_transpose1d(...args: unknown[]): Tensor { return convTransposeNd('conv_transpose1d', 1, bindOverloads(T1D, args, null)[1]); }

/**
 * 3-D transposed convolution of input [N, C_in, D, H, W] or unbatched [C_in, D, H, W] by weight
 * [C_in, C_out/groups, kd, kh, kw] (+ bias [C_out]), composed of conv_transpose2d and fold
 * (src/ops/conv3d.ts), so its gradients and create_graph are theirs.
 * @example
 * const y = F.conv_transpose3d(x, w, b, { stride: 2, padding: 1, output_padding: 1 }); // doubles D, H and W for a 3×3×3 kernel
 */
export function conv_transpose3d(input: Tensor, weight: Tensor, bias?: Opt<Tensor | null>, stride?: Opt<number | number[]>,
  padding?: Opt<number | number[]>, output_padding?: Opt<number | number[]>, groups?: Opt<number>, dilation?: Opt<number | number[]>): Tensor;
export function conv_transpose3d(...args: unknown[]): Tensor { return convTransposeNd('conv_transpose3d', 3, bindOverloads(T3D, args, null)[1]); }
