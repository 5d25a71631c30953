// Convolution and pooling front ends (helper conv): F.conv1d, F.conv2d (and F.conv3d, composed
// of them in conv3d.ts: helper conv3d). PyTorch's
// argument checks in its order (batchify, the parameter lists expanded to the
// weight's dims, check_shape_forward), then one ConvolutionBackward0 op on the
// device. As ATen composes them: an unbatched input is unsqueezed and the result
// squeezed (SqueezeBackward1), and padding='same' that cannot be symmetric pads
// the input's far side first (ConstantPadNdBackward0).

import { DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating } from './common.js';
import { bindOverloads } from '../signature.js';
import { parseSchema } from '../schema.js';
import { squeeze, unsqueeze } from './shape.js';
import { pad as padOp } from './gather_scatter.js';
import { conv3dComposed } from './conv3d.js'; // helper conv3d

const convSchemas = (name: string): ReturnType<typeof parseSchema>[] => [
  parseSchema(`${name}(Tensor input, Tensor weight, Tensor? bias=None, int[] stride=1, int[] padding=0, int[] dilation=1, int groups=1) -> Tensor`, false),
  parseSchema(`${name}(Tensor input, Tensor weight, Tensor? bias=None, int[] stride=1, str padding="valid", int[] dilation=1, int groups=1) -> Tensor`, false),
];
const CONV1D = convSchemas('conv1d'), CONV2D = convSchemas('conv2d'), CONV3D = convSchemas('conv3d');

export const list = (v: number[]): string => `[${v.join(', ')}]`;
export const TYPE_NAME: Partial<Record<DType, string>> = { [DType.Float32]: 'float', [DType.Float64]: 'double' };

/**
 * A parameter list expanded to `dims` values, as ATen's expand_param_if_needed; a single number has
 * already become `n` copies (the schema's int[n], n = 2 for conv2d, 1 for conv1d).
 */
export function expand(v: unknown, name: string, dims: number, n: number): number[] {
  const a = typeof v === 'number' ? new Array<number>(n).fill(v) : (v as number[]);
  if (a.length === 1) return new Array<number>(dims).fill(a[0]);
  if (a.length !== dims) {
    throw new RuntimeError(`expected ${name} to be a single integer value or a list of ${dims} values to match the convolution dimensions, but got ${name}=${list(a)}`);
  }
  return a.slice();
}

/**
 * The convolution of a batched input (k = dims + 2 dims) by weight, as at::_convolution checks and runs it;
 * padding is a list or 'valid' / 'same'.
 */
function convolution(n: number, input: Tensor, weight: Tensor, bias: Tensor | null, strideArg: unknown, paddingArg: unknown, dilationArg: unknown, groups: number): Tensor {
  const dev = deviceOf(input, weight);
  if (bias) deviceOf(input, bias);
  const wd = weight._shape.length, dims = wd - 2;
  const stride = expand(strideArg, 'stride', dims, n);
  const dilation = expand(dilationArg, 'dilation', dims, n);
  let padding: number[];
  let padded = input;
  if (typeof paddingArg === 'string') {
    if (paddingArg === 'valid') padding = new Array<number>(dims).fill(0);
    else if (paddingArg === 'same') {
      if (stride.some((s) => s !== 1)) throw new RuntimeError("padding='same' is not supported for strided convolutions");
      // ATen's _convolution_same: the odd part of the total padding goes on the far side, by constant_pad_nd
      padding = [];
      const extra: number[] = [];
      for (let i = 0; i < dims; i++) {
        const total = dilation[i] * (weight._shape[i + 2] - 1);
        padding.push(total >> 1);
        extra.push(total - (total >> 1) - (total >> 1));
      }
      if (extra.some((e) => e)) {
        const pads: number[] = [];
        for (let i = dims - 1; i >= 0; i--) pads.push(0, extra[i]);
        padded = padOp(input, pads);
      }
    } else throw new RuntimeError(`Invalid padding string: '${paddingArg}'`);
  } else padding = expand(paddingArg, 'padding', dims, n);
  try {
    return convolutionChecked(dev, padded, weight, bias, stride, padding, dilation, groups, input);
  } finally {
    if (padded !== input) padded.dispose();
  }
}

/** check_shape_forward's checks of the weight's rank and of groups against its first dim (conv and conv_transpose). */
export function checkWeightRank(xs: number[], ws: number[], groups: number, original: Tensor): void {
  const wd = ws.length;
  if (xs.length !== wd) {
    throw new RuntimeError(`Expected ${wd}-dimensional input for ${wd}-dimensional weight ${list(ws)}, but got ${xs.length}-dimensional input of size ${list(original._shape)} instead`);
  }
  if (ws[0] < groups) {
    throw new RuntimeError(`Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${list(ws)} instead`);
  }
  if (ws[0] % groups !== 0) {
    throw new RuntimeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${list(ws)}] instead`);
  }
}

function convolutionChecked(
  dev: Tensor['_dev'], input: Tensor, weight: Tensor, bias: Tensor | null,
  stride: number[], padding: number[], dilation: number[], groups: number, original: Tensor,
): Tensor {
  const ws = weight._shape, wd = ws.length, xs = input._shape, dims = wd - 2;
  if (padding.some((p) => p < 0)) throw new RuntimeError('negative padding is not supported');
  if (stride.some((s) => s <= 0)) throw new RuntimeError('non-positive stride is not supported');
  if (dilation.some((d) => d <= 0)) throw new RuntimeError(`dilation should be greater than zero, but got ${list(dilation)}`);
  if (groups <= 0) throw new RuntimeError('non-positive groups is not supported');
  checkWeightRank(xs, ws, groups, original);
  if (xs[1] !== ws[1] * groups) {
    throw new RuntimeError(`Given groups=${groups}, weight of size ${list(ws)}, expected input${list(xs)} to have ${ws[1] * groups} channels, but got ${xs[1]} channels instead`);
  }
  if (bias && !(bias._shape.length === 1 && bias._shape[0] === ws[0])) {
    throw new RuntimeError(`Given weight of size ${list(ws)}, expected bias to be 1-dimensional with ${ws[0]} elements, but got bias of size ${list(bias._shape)} instead`);
  }
  const inSizes: number[] = [], kSizes: number[] = [];
  for (let i = 0; i < dims; i++) {
    inSizes.push(xs[i + 2] + 2 * padding[i]);
    kSizes.push(dilation[i] * (ws[i + 2] - 1) + 1);
  }
  if (inSizes.some((s, i) => s < kSizes[i])) {
    throw new RuntimeError(`Calculated padded input size per channel: (${inSizes.join(' x ')}). Kernel size: (${kSizes.join(' x ')}). Kernel size can't be greater than actual input size`);
  }
  if (bias && bias._dtype !== input._dtype) {
    throw new RuntimeError(`Input type (${TYPE_NAME[input._dtype] ?? input.dtype.name}) and bias type (${TYPE_NAME[bias._dtype] ?? bias.dtype.name}) should be the same`);
  }
  // PyTorch's slow_conv3d also convolves integers; wasmgrad's 3-D path is the float 2-D one
  if (dims === 3 && input._dtype === DType.Bool) throw new RuntimeError('"slow_conv3d_cpu" not implemented for \'Bool\'');
  if (dims === 3 && input._dtype !== DType.Float32 && input._dtype !== DType.Float64) throw new NotImplementedError(`wasmgrad: conv3d of ${input.dtype.name} tensors is not supported (float32 and float64 only)`);
  checkFloating(input, dims === 1 ? 'conv1d' : 'conv2d');
  if (weight._dtype !== input._dtype) throw new RuntimeError(`expected scalar type ${input.dtype._scalarType} but found ${weight.dtype._scalarType}`);
  const outShape = [xs[0], ws[0]];
  for (let i = 0; i < dims; i++) outShape.push(Math.floor((inSizes[i] - kSizes[i]) / stride[i]) + 1);
  if (dims === 3) return conv3dComposed(input, weight, bias, stride, padding, dilation, groups, outShape);
  const p = dims === 1 ? [1, stride[0], 0, padding[0], 1, dilation[0], groups] : [...stride, ...padding, ...dilation, groups];
  if (p.some((v) => v > 0xffff)) throw new NotImplementedError('wasmgrad: convolution parameters above 65535 are not supported');
  return new Tensor(dev, dev.convolution(input.h, weight.h, bias ? bias.h : null, p), outShape, input._dtype);
}

/** conv1d / conv2d after binding: batchify (unsqueeze an unbatched input), convolve, squeeze back. */
function convNd(name: 'conv1d' | 'conv2d' | 'conv3d', dims: number, a: Record<string, unknown>): Tensor {
  const weight = a.weight as Tensor, bias = (a.bias as Tensor | null) ?? null;
  return batchified(name, dims, a.input as Tensor, (x) => convolution(dims, x, weight, bias, a.stride, a.padding, a.dilation, a.groups as number));
}

/**
 * run on the input made batched (dims + 2 dims): an unbatched one (dims + 1) unsqueezed, and the
 * result squeezed back, as ATen's batchify (conv and conv_transpose).
 */
export function batchified(name: string, dims: number, input: Tensor, run: (x: Tensor) => Tensor): Tensor {
  const nd = input._shape.length;
  if (nd !== dims + 1 && nd !== dims + 2) {
    throw new RuntimeError(`Expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input to ${name}, but got input of size: ${list(input._shape)}`);
  }
  if (nd === dims + 2) return run(input);
  const x = unsqueeze(input, 0);
  try {
    const y = run(x);
    try {
      return squeeze(y, 0);
    } finally {
      y.dispose();
    }
  } finally {
    x.dispose();
  }
}

/** The keyword arguments of F.conv1d / F.conv2d / F.conv3d. */
export interface ConvOptions {
  bias?: Tensor | null;
  stride?: number | number[];
  padding?: number | number[] | 'valid' | 'same';
  dilation?: number | number[];
  groups?: number;
}

/**
 * 2-D convolution (cross-correlation, as PyTorch) of input [N, C, H, W] or unbatched [C, H, W]
 * by weight [O, C/groups, kh, kw] (+ bias [O]); padding is a number, a pair, 'valid' or 'same'
 * (stride 1). Node ConvolutionBackward0, with the input, weight and bias gradients.
 * @example
 * const y = F.conv2d(x, w, b, { stride: 2, padding: 1 }); // x [N, C, H, W], w [O, C, 3, 3]
 * F.conv2d(x, w, null, { padding: 'same', groups: 2 })
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null | ConvOptions, stride?: number | number[] | ConvOptions,
  padding?: number | number[] | string | ConvOptions, dilation?: number | number[] | ConvOptions, groups?: number | ConvOptions): Tensor;
export function conv2d(...args: unknown[]): Tensor { return convNd('conv2d', 2, bindOverloads(CONV2D, args, null)[1]); }

/**
 * 1-D convolution of input [N, C, L] or unbatched [C, L] by weight [O, C/groups, k] (+ bias [O]),
 * with stride, padding (a number, 'valid' or 'same'), dilation and groups. Node ConvolutionBackward0.
 * @example
 * const y = F.conv1d(x, w, b, { padding: 'same' }); // x [N, C, L], w [O, C, k]
 */
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null | ConvOptions, stride?: number | number[] | ConvOptions,
  padding?: number | number[] | string | ConvOptions, dilation?: number | number[] | ConvOptions, groups?: number | ConvOptions): Tensor;
export function conv1d(...args: unknown[]): Tensor { return convNd('conv1d', 1, bindOverloads(CONV1D, args, null)[1]); }

/**
 * 3-D convolution of input [N, C, D, H, W] or unbatched [C, D, H, W] by weight
 * [O, C/groups, kd, kh, kw] (+ bias [O]), with stride, padding (numbers, triples, 'valid' or
 * 'same'), dilation and groups; composed of conv2d and unfold (src/ops/conv3d.ts), so its
 * gradients and create_graph are theirs.
 * @example
 * const y = F.conv3d(x, w, b, { stride: 2, padding: 1 }); // x [N, C, D, H, W], w [O, C, 3, 3, 3]
 */
export function conv3d(input: Tensor, weight: Tensor, bias?: Tensor | null | ConvOptions, stride?: number | number[] | ConvOptions,
  padding?: number | number[] | string | ConvOptions, dilation?: number | number[] | ConvOptions, groups?: number | ConvOptions): Tensor;
export function conv3d(...args: unknown[]): Tensor { return convNd('conv3d', 3, bindOverloads(CONV3D, args, null)[1]); }
