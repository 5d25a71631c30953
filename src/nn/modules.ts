// torch.nn layers on Module (module.ts): Linear, ReLU, Sigmoid, and the convolution and pooling
// layers.
//
// Parameters are nn.Parameters, created outside torch.tidy's bookkeeping: a model built inside
// tidy() outlives it.

import { DType } from '../../abi/abi.js';
import type { DeviceName } from '../device.js';
import { Tensor } from '../tensor.js';
import { getDevice } from '../runtime.js';
import { ValueError } from '../errors.js';
import { Module } from './module.js';
import { Parameter, toParameter } from './parameter.js';
import { initLinear, kaimingUniformBound, fillUniformDouble, fillUniform } from '../random.js';
import { checkIntList, checkNewShape } from '../shape.js';
import { linear } from './functional.js';
import { relu, sigmoid } from '../ops/elementwise.js';
import { conv1d, conv2d, conv3d, type ConvOptions } from '../ops/conv.js'; // convolution and pooling (conv3d: helper conv3d)
import { conv_transpose1d, conv_transpose2d, conv_transpose3d } from '../ops/conv_transpose.js'; // helper convt (3d: helper conv3d)
import { unfold, fold } from '../ops/fold.js'; // helper convt
import { pad as padOp } from '../ops/gather_scatter.js'; // padding_mode (helper conv3d)
import { max_pool2d, avg_pool2d } from '../ops/pool.js';
import { adaptive_avg_pool2d } from '../ops/adaptive_pool.js';

/** A new parameter: a leaf with requires_grad, not owned by any tidy() scope. */
function parameter(data: Float32Array | Float64Array, shape: number[], device?: DeviceName): Parameter {
  const dev = getDevice(device), dt = data instanceof Float64Array ? DType.Float64 : DType.Float32;
  return toParameter(new Tensor(dev, dev.fromData(data, shape, dt), shape, dt, false));
}

/** initLinear's draws for float64 parameters: PyTorch's uniform_ on a double tensor (one 53-bit draw per value). */
function initLinearDouble(inF: number, outF: number, bias: boolean): { weight: Float64Array; bias: Float64Array | null } {
  const wb = kaimingUniformBound(inF), bb = inF > 0 ? 1 / Math.sqrt(inF) : 0;
  const weight = fillUniformDouble(new Float64Array(outF * inF), -wb, wb);
  return { weight, bias: bias ? fillUniformDouble(new Float64Array(outF), -bb, bb) : null };
}

/**
 * y = x·Wᵀ + b, with weight (out_features, in_features) and bias
 * (out_features), initialised as PyTorch does (kaiming-uniform weight, uniform
 * bias in ±1/√in_features): after the same torch.manual_seed the values equal
 * PyTorch's.
 *
 * @example
 * torch.manual_seed(0);
 * const fc = new nn.Linear(3, 2);        // fc.weight: (2, 3), fc.bias: (2)
 * const y = fc.forward(torch.randn([4, 3])); // (4, 2)
 */
export class Linear extends Module {
  readonly in_features: number;
  readonly out_features: number;
  weight: Tensor;
  bias: Tensor | null;

  constructor(in_features: number, out_features: number, options: { bias?: boolean; device?: DeviceName; dtype?: 'float32' | 'float64' } | boolean = {}) {
    super();
    // nn.Linear(4, 3, false): bias may come positionally, as in PyTorch
    if (typeof options === 'boolean') options = { bias: options };
    // PyTorch checks the sizes as torch.empty((out_features, in_features))
    checkNewShape(checkIntList([out_features, in_features], { fn: 'empty', name: 'size', position: 1, list: 'SymInts', container: 'tuple' }));
    this.in_features = in_features;
    this.out_features = out_features;
    const { weight, bias } = options.dtype === 'float64' ? initLinearDouble(in_features, out_features, options.bias !== false)
      : initLinear(in_features, out_features, { bias: options.bias !== false });
    this.weight = this.register_parameter('weight', parameter(weight, [out_features, in_features], options.device));
    this.bias = this.register_parameter('bias', bias ? parameter(bias, [out_features], options.device) : null);
  }

  forward(input: Tensor): Tensor { return linear(input, this.weight, this.bias); }

  extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias ? 'True' : 'False'}`;
  }
}

/** max(x, 0) elementwise; inplace=true overwrites the input (x.relu_()). @example new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU()) */
export class ReLU extends Module {
  constructor(readonly inplace = false) { super(); }
  forward(input: Tensor): Tensor { return this.inplace ? input.relu_() : relu(input); }
  extra_repr(): string { return this.inplace ? 'inplace=True' : ''; }
}

/** 1 / (1 + e^−x) elementwise. @example const head = new nn.Sequential(new nn.Linear(8, 1), new nn.Sigmoid()); */
export class Sigmoid extends Module {
  forward(input: Tensor): Tensor { return sigmoid(input); }
}

// ---- convolution and pooling (helper conv) --------------------------------------------------

export type IntOrPair = number | number[];
/** A Python tuple of n ints, printed as PyTorch prints it: (3, 3), (2,). */
export const tuple = (v: IntOrPair, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.slice());
const pyTuple = (v: number[]): string => (v.length === 1 ? `(${v[0]},)` : `(${v.join(', ')})`);
export const pyValue = (v: IntOrPair | null | undefined): string => (v === null || v === undefined ? 'None' : typeof v === 'number' ? String(v) : pyTuple(v));

/** The constructor options of nn.Conv1d / nn.Conv2d after in_channels, out_channels, kernel_size. */
export interface ConvModuleOptions {
  stride?: IntOrPair; padding?: IntOrPair | 'valid' | 'same'; dilation?: IntOrPair; groups?: number; bias?: boolean;
  padding_mode?: PaddingMode; device?: DeviceName; dtype?: 'float32' | 'float64';
}

/** nn.Conv*'s padding modes: zeros is the convolution's own padding, the others F.pad's modes. */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** nn.Conv1d and nn.Conv2d: the parameters, PyTorch's checks, default init and repr. */
abstract class ConvNd extends Module {
  readonly in_channels: number;
  readonly out_channels: number;
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[] | 'valid' | 'same';
  readonly dilation: number[];
  readonly groups: number;
  readonly padding_mode: PaddingMode;
  /** F.pad's pads for a non-zeros padding_mode (last dim first, both sides), as PyTorch's attribute. */
  readonly _reversed_padding_repeated_twice: number[];
  weight: Tensor;
  bias: Tensor | null;

  readonly transposed: boolean;
  readonly output_padding: number[];

  constructor(n: number, in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvModuleOptions & { output_padding?: IntOrPair },
    transposed = false) {
    super();
    this.transposed = transposed;
    this.output_padding = tuple(options.output_padding ?? 0, n);
    const groups = options.groups ?? 1;
    if (in_channels % groups !== 0) throw new ValueError('in_channels must be divisible by groups');
    if (out_channels % groups !== 0) throw new ValueError('out_channels must be divisible by groups');
    this.kernel_size = tuple(kernel_size, n);
    this.stride = tuple(options.stride ?? 1, n);
    this.dilation = tuple(options.dilation ?? 1, n);
    const padding = options.padding ?? 0;
    if (typeof padding === 'string') {
      if (padding !== 'valid' && padding !== 'same') throw new ValueError(`Invalid padding string '${padding}', should be one of {'same', 'valid'}`);
      if (padding === 'same' && this.stride.some((s) => s !== 1)) throw new ValueError("padding='same' is not supported for strided convolutions");
      this.padding = padding;
    } else this.padding = tuple(padding, n);
    const mode = options.padding_mode ?? 'zeros';
    if (!['zeros', 'reflect', 'circular', 'replicate'].includes(mode)) {
      throw new ValueError(`padding_mode must be one of {'zeros', 'reflect', 'circular', 'replicate'}, but got padding_mode='${mode}'`);
    }
    if (transposed && mode !== 'zeros') throw new ValueError(`Only "zeros" padding mode is supported for ConvTranspose${n}d`);
    this.padding_mode = mode;
    // 'same': the total padding dilation·(k − 1), its odd part on the far side (PyTorch's _ConvNd)
    this._reversed_padding_repeated_twice = [];
    for (let i = n - 1; i >= 0; i--) {
      const total = this.padding === 'same' ? this.dilation[i] * (this.kernel_size[i] - 1) : 0;
      const [lo, hi] = typeof this.padding === 'string' ? [total >> 1, total - (total >> 1)] : [this.padding[i], this.padding[i]];
      this._reversed_padding_repeated_twice.push(lo, hi);
    }
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.groups = groups;
    // kaiming_uniform_(a=√5) over fan_in = in_channels/groups · ∏kernel, then the bias: Linear's stream
    // (transposed: weight [in_channels, out_channels/groups, k...], fan_in = out_channels/groups · ∏kernel)
    const [rows, cols] = transposed ? [in_channels, out_channels] : [out_channels, in_channels];
    const fanIn = (cols / groups) * this.kernel_size.reduce((a, b) => a * b, 1);
    const shape = [rows, cols / groups, ...this.kernel_size];
    const double = options.dtype === 'float64', withBias = options.bias !== false && !transposed;
    let { weight, bias }: { weight: Float32Array | Float64Array; bias: Float32Array | Float64Array | null } = double
      ? initLinearDouble(fanIn, rows, withBias) : initLinear(fanIn, rows, { bias: withBias });
    if (transposed && options.bias !== false) {
      const bb = 1 / Math.sqrt(fanIn);
      bias = double ? fillUniformDouble(new Float64Array(out_channels), -bb, bb) : fillUniform(new Float32Array(out_channels), -bb, bb);
    }
    this.weight = this.register_parameter('weight', parameter(weight, shape, options.device));
    this.bias = this.register_parameter('bias', bias ? parameter(bias, [out_channels], options.device) : null);
  }

  extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyTuple(this.kernel_size)}, stride=${pyTuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.output_padding.some((d) => d !== 0)) s += `, output_padding=${pyTuple(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    if (this.padding_mode !== 'zeros') s += `, padding_mode=${this.padding_mode}`;
    return s;
  }

  /**
   * PyTorch's _conv_forward: with a padding_mode other than zeros the input is F.pad-ded in that
   * mode and convolved without padding.
   */
  protected convForward(conv: typeof conv2d | typeof conv3d, input: Tensor): Tensor {
    const options: ConvOptions = { bias: this.bias, stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
    if (this.padding_mode === 'zeros') return conv(input, this.weight, options);
    const padded = padOp(input, this._reversed_padding_repeated_twice, this.padding_mode);
    try {
      return conv(padded, this.weight, { ...options, padding: 0 });
    } finally {
      padded.dispose();
    }
  }
}

/**
 * 2-D convolution layer: weight [out_channels, in_channels/groups, kh, kw] and bias [out_channels],
 * initialised as PyTorch's after the same manual_seed; forward is F.conv2d.
 * @example
 * torch.manual_seed(0);
 * const conv = new nn.Conv2d(1, 8, 5, { padding: 2 });   // Conv2d(1, 8, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))
 * const y = conv.forward(torch.randn([64, 1, 28, 28])); // [64, 8, 28, 28]
 */
export class Conv2d extends ConvNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvModuleOptions = {}) {
    super(2, in_channels, out_channels, kernel_size, options);
  }

  forward(input: Tensor): Tensor { return this.convForward(conv2d, input); }
}

/**
 * 1-D convolution layer: weight [out_channels, in_channels/groups, k] and bias [out_channels],
 * initialised as PyTorch's; forward is F.conv1d.
 * @example
 * const conv = new nn.Conv1d(3, 6, 3, { padding: 'same' }); // x [N, 3, L] → [N, 6, L]
 */
export class Conv1d extends ConvNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvModuleOptions = {}) {
    super(1, in_channels, out_channels, kernel_size, options);
  }

  forward(input: Tensor): Tensor { return this.convForward(conv1d, input); }
}

/**
 * 3-D convolution layer: weight [out_channels, in_channels/groups, kd, kh, kw] and bias
 * [out_channels], initialised as PyTorch's; forward is F.conv3d (after F.pad for a padding_mode).
 * @example
 * const conv = new nn.Conv3d(1, 4, 3, { padding: 1 }); // x [N, 1, D, H, W] → [N, 4, D, H, W]
 */
export class Conv3d extends ConvNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvModuleOptions = {}) {
    super(3, in_channels, out_channels, kernel_size, options);
  }

  forward(input: Tensor): Tensor { return this.convForward(conv3d, input); }
}

/** The constructor options of nn.ConvTranspose1d / 2d after in_channels, out_channels, kernel_size. */
export interface ConvTransposeModuleOptions {
  stride?: IntOrPair; padding?: IntOrPair; output_padding?: IntOrPair; groups?: number; bias?: boolean; dilation?: IntOrPair;
  padding_mode?: 'zeros'; device?: DeviceName;
}

/** forward's output_size, positionally or by name (PyTorch's `forward(input, output_size=None)`): `m.call(x, { output_size: [8, 8] })`. */
export type OutputSize = number[] | null | undefined | { output_size?: number[] | null };
export const outputSizeArg = (a: OutputSize): number[] | null => (a == null || Array.isArray(a) ? a ?? null : a.output_size ?? null);

/** nn.ConvTranspose1d / 2d: ConvNd's parameters with the weight [in, out/groups, k...]; forward takes an output_size. */
abstract class ConvTransposeNd extends ConvNd {
  constructor(n: number, in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvTransposeModuleOptions) {
    super(n, in_channels, out_channels, kernel_size, options, true);
  }

  /** The module's F.conv_transpose*d of input, its output padding chosen by output_size. */
  protected transposedForward(fn: typeof conv_transpose2d, input: Tensor, output_size: OutputSize): Tensor {
    return fn(input, this.weight, { bias: this.bias, stride: this.stride, padding: this.padding as number[],
      output_padding: this.outputPadding(input, outputSizeArg(output_size)), groups: this.groups, dilation: this.dilation });
  }

  /** PyTorch's _output_padding: the output_padding that gives output_size, or the module's. */
  protected outputPadding(input: Tensor, output_size: number[] | null | undefined): number[] {
    const n = this.kernel_size.length;
    if (!output_size) return this.output_padding;
    const dim = input.dim(), nonSpatial = dim === n + 2 ? 2 : 1;
    const size = output_size.length === nonSpatial + n ? output_size.slice(nonSpatial) : output_size;
    if (size.length !== n) {
      throw new ValueError(`ConvTranspose${n}D: for ${dim}D input, output_size must have ${n} or ${nonSpatial + n} elements (got ${size.length})`);
    }
    const pad = this.padding as number[];
    const min = size.map((_, d) => (input.shape[d + nonSpatial] - 1) * this.stride[d] - 2 * pad[d] + this.dilation[d] * (this.kernel_size[d] - 1) + 1);
    const max = min.map((m, d) => m + this.stride[d] - 1);
    if (size.some((s, i) => s < min[i] || s > max[i])) {
      const pyList = (v: number[]): string => `[${v.join(', ')}]`;
      throw new ValueError(`requested an output size of ${pyList(size)}, but valid sizes range from ${pyList(min)} to ${pyList(max)} (for an input of torch.Size(${pyList(input.shape.slice(2))}))`);
    }
    return size.map((s, d) => s - min[d]);
  }
}

/**
 * 2-D transposed convolution layer: weight [in_channels, out_channels/groups, kh, kw], bias
 * [out_channels], initialised as PyTorch's after the same manual_seed; forward is
 * F.conv_transpose2d, with PyTorch's optional output_size choosing the output padding.
 * @example
 * const up = new nn.ConvTranspose2d(8, 4, 3, { stride: 2, padding: 1 });
 * const y = up.forward(x, [15, 15]); // x [N, 8, 8, 8] → [N, 4, 15, 15]
 */
export class ConvTranspose2d extends ConvTransposeNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvTransposeModuleOptions = {}) {
    super(2, in_channels, out_channels, kernel_size, options);
  }

  forward(input: Tensor, output_size?: OutputSize): Tensor { return this.transposedForward(conv_transpose2d, input, output_size); }
}

/**
 * 1-D transposed convolution layer: weight [in_channels, out_channels/groups, k], bias
 * [out_channels]; forward is F.conv_transpose1d (with an optional output_size).
 * @example
 * const up = new nn.ConvTranspose1d(4, 2, 4, { stride: 2 }); // x [N, 4, L] → [N, 2, 2L + 2]
 */
export class ConvTranspose1d extends ConvTransposeNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvTransposeModuleOptions = {}) {
    super(1, in_channels, out_channels, kernel_size, options);
  }

  forward(input: Tensor, output_size?: OutputSize): Tensor { return this.transposedForward(conv_transpose1d, input, output_size); }
}

/**
 * 3-D transposed convolution layer: weight [in_channels, out_channels/groups, kd, kh, kw], bias
 * [out_channels]; forward is F.conv_transpose3d (with an optional output_size).
 * @example
 * const up = new nn.ConvTranspose3d(4, 2, 2, { stride: 2 }); // x [N, 4, D, H, W] → [N, 2, 2D, 2H, 2W]
 */
export class ConvTranspose3d extends ConvTransposeNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvTransposeModuleOptions = {}) {
    super(3, in_channels, out_channels, kernel_size, options);
  }

  forward(input: Tensor, output_size?: OutputSize): Tensor { return this.transposedForward(conv_transpose3d, input, output_size); }
}

/** The options of nn.Unfold / nn.Fold after the sizes. */
export interface UnfoldModuleOptions { dilation?: IntOrPair; padding?: IntOrPair; stride?: IntOrPair }

/**
 * nn.Unfold: F.unfold with the sizes kept (im2col); repr as PyTorch's.
 * @example new nn.Unfold(2, { padding: 1 }).forward(x) // x [N, C, H, W] → [N, C·4, L]
 */
export class Unfold extends Module {
  readonly kernel_size: IntOrPair; readonly dilation: IntOrPair; readonly padding: IntOrPair; readonly stride: IntOrPair;
  constructor(kernel_size: IntOrPair, options: UnfoldModuleOptions = {}) {
    super();
    this.kernel_size = kernel_size;
    this.dilation = options.dilation ?? 1; this.padding = options.padding ?? 0; this.stride = options.stride ?? 1;
  }

  forward(input: Tensor): Tensor { return unfold(input, this.kernel_size, this.dilation, this.padding, this.stride); }

  extra_repr(): string {
    return `kernel_size=${pyValue(this.kernel_size)}, dilation=${pyValue(this.dilation)}, padding=${pyValue(this.padding)}, stride=${pyValue(this.stride)}`;
  }
}

/**
 * nn.Fold: F.fold with the sizes kept (col2im, overlaps summed); repr as PyTorch's.
 * @example new nn.Fold([4, 5], [2, 3], { stride: 2 }).forward(cols) // [N, C·6, L] → [N, C, 4, 5]
 */
export class Fold extends Unfold {
  readonly output_size: IntOrPair;
  constructor(output_size: IntOrPair, kernel_size: IntOrPair, options: UnfoldModuleOptions = {}) {
    super(kernel_size, options);
    this.output_size = output_size;
  }

  forward(input: Tensor): Tensor { return fold(input, this.output_size, this.kernel_size, this.dilation, this.padding, this.stride); }

  extra_repr(): string { return `output_size=${pyValue(this.output_size)}, ${super.extra_repr()}`; }
}

/** The max pooling layers: their options, forward through `pool` and PyTorch's repr (helper pool2: MaxPool3d). */
export abstract class MaxPoolNd extends Module {
  readonly kernel_size: IntOrPair;
  readonly stride: IntOrPair;
  readonly padding: IntOrPair;
  readonly dilation: IntOrPair;
  readonly return_indices: boolean;
  readonly ceil_mode: boolean;

  constructor(kernel_size: IntOrPair, options: { stride?: IntOrPair | null; padding?: IntOrPair; dilation?: IntOrPair; return_indices?: boolean; ceil_mode?: boolean } = {}) {
    super();
    this.kernel_size = kernel_size;
    this.stride = options.stride ?? kernel_size;
    this.padding = options.padding ?? 0;
    this.dilation = options.dilation ?? 1;
    this.return_indices = options.return_indices ?? false;
    this.ceil_mode = options.ceil_mode ?? false;
  }

  /** The functional pool this layer applies. */
  protected abstract readonly pool: typeof max_pool2d;

  forward(input: Tensor): Tensor {
    return this.pool(input, this.kernel_size, {
      stride: this.stride, padding: this.padding, dilation: this.dilation, ceil_mode: this.ceil_mode, return_indices: this.return_indices,
    });
  }

  extra_repr(): string {
    return `kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}, dilation=${pyValue(this.dilation)}, ceil_mode=${this.ceil_mode ? 'True' : 'False'}`;
  }
}

/**
 * 2-D max pooling layer (F.max_pool2d); stride defaults to the kernel size.
 * @example new nn.MaxPool2d(2).forward(x) // halves H and W; repr MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
 */
export class MaxPool2d extends MaxPoolNd {
  protected readonly pool = max_pool2d;
}

/** The average pooling layers: their options, forward through `pool` and PyTorch's repr (helper pool2: AvgPool3d). */
export abstract class AvgPoolNd extends Module {
  readonly kernel_size: IntOrPair;
  readonly stride: IntOrPair;
  readonly padding: IntOrPair;
  readonly ceil_mode: boolean;
  readonly count_include_pad: boolean;
  readonly divisor_override: number | null;

  constructor(kernel_size: IntOrPair, options: { stride?: IntOrPair | null; padding?: IntOrPair; ceil_mode?: boolean; count_include_pad?: boolean; divisor_override?: number | null } = {}) {
    super();
    this.kernel_size = kernel_size;
    this.stride = options.stride ?? kernel_size;
    this.padding = options.padding ?? 0;
    this.ceil_mode = options.ceil_mode ?? false;
    this.count_include_pad = options.count_include_pad ?? true;
    this.divisor_override = options.divisor_override ?? null;
  }

  /** The functional pool this layer applies. */
  protected abstract readonly pool: typeof avg_pool2d;

  forward(input: Tensor): Tensor {
    return this.pool(input, this.kernel_size, {
      stride: this.stride, padding: this.padding, ceil_mode: this.ceil_mode, count_include_pad: this.count_include_pad, divisor_override: this.divisor_override,
    });
  }

  extra_repr(): string { return `kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`; }
}

/**
 * 2-D average pooling layer (F.avg_pool2d); stride defaults to the kernel size.
 * @example new nn.AvgPool2d(3, { stride: 2, padding: 1, count_include_pad: false }).forward(x)
 */
export class AvgPool2d extends AvgPoolNd {
  protected readonly pool = avg_pool2d;
}

/**
 * Adaptive 2-D average pooling layer (F.adaptive_avg_pool2d) to a fixed output size.
 * @example new nn.AdaptiveAvgPool2d([2, 3]).forward(x) // [..., 2, 3]
 */
export class AdaptiveAvgPool2d extends Module {
  readonly output_size: number | (number | null)[];

  constructor(output_size: number | (number | null)[]) {
    super();
    this.output_size = output_size;
  }

  forward(input: Tensor): Tensor { return adaptive_avg_pool2d(input, this.output_size); }

  extra_repr(): string { return adaptiveRepr(this.output_size); }
}

/** An adaptive layer's repr: output_size=2, output_size=(2, None). */
export function adaptiveRepr(o: number | (number | null)[]): string {
  return `output_size=${typeof o === 'number' ? o : `(${o.map((v) => (v === null ? 'None' : v)).join(', ')})`}`;
}
