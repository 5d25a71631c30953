// LazyConv1d/2d/3d and LazyConvTranspose1d/2d/3d (helper modules; the 3-D ones helper h-modules): nn.ConvNd and ConvTransposeNd
// whose in_channels comes from the first input (dim 1, or dim 0 unbatched). That call draws the
// parameters exactly as the module built with those sizes would then (PyTorch's reset_parameters
// after materialize) and the module becomes it (cls_to_become), as nn.LazyLinear does; until then
// weight and bias are UninitializedParameter markers, not registered (docs/api.md).

import { RuntimeError, ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, type ConvModuleOptions, type ConvTransposeModuleOptions, type IntOrPair, type OutputSize } from './modules.js';
import { UninitializedParameter } from './linear_layers.js';
import { warnOnce } from './warn.js';

type Conv = Conv1d | Conv2d | Conv3d | ConvTranspose1d | ConvTranspose2d | ConvTranspose3d;
type ConvOptionsAny = ConvModuleOptions | ConvTransposeModuleOptions;
// each target takes its own options (the lazy module keeps the ones it was built with)
type ConvClass = new (in_channels: number, out_channels: number, kernel_size: IntOrPair, options?: never) => Conv;

/** A conv module built with 0 channels and no bias (no draws, as PyTorch's) becomes lazy: out_channels set, markers. */
function makeLazy(m: Conv, out_channels: number, bias: boolean): void {
  warnOnce('Lazy modules are a new feature under heavy development so changes to the API or functionality can happen at any moment.');
  Object.assign(m, { out_channels });
  m.weight.dispose();
  m._parameters.delete('weight');
  m._parameters.delete('bias');
  Object.assign(m, { weight: new UninitializedParameter(), bias: bias ? new UninitializedParameter() : null });
}

/** PyTorch's _LazyConvXdMixin.initialize_parameters: in_channels from the input, then `target`'s parameters and class. */
function materialize(m: Conv, input: Tensor, target: ConvClass, n: number, options: ConvOptionsAny): void {
  if (!(m.weight instanceof UninitializedParameter)) return;
  const nd = input._shape.length;
  if (nd !== n + 1 && nd !== n + 2) {
    throw new RuntimeError(`Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${m._get_name()}, but got input of size: torch.Size([${input._shape.join(', ')}])`);
  }
  const inChannels = nd === n + 2 ? input._shape[1] : input._shape[0];
  if (inChannels % m.groups !== 0) throw new ValueError('in_channels must be divisible by groups');
  const fresh = new target(inChannels, m.out_channels, m.kernel_size, { ...options, device: options.device ?? input.device } as never);
  Object.assign(m, { in_channels: inChannels, weight: undefined, bias: undefined });
  Object.assign(m, { weight: m.register_parameter('weight', fresh.weight), bias: m.register_parameter('bias', fresh.bias) });
  Object.setPrototypeOf(m, target.prototype);
}

/**
 * nn.Conv1d with in_channels inferred from the first input; it then becomes a Conv1d.
 * @example const conv = new nn.LazyConv1d(6, 3); conv.call(torch.randn([2, 4, 10])); // now Conv1d(4, 6, ...)
 */
export class LazyConv1d extends Conv1d {
  private readonly lazyOptions: ConvModuleOptions;
  constructor(out_channels: number, kernel_size: IntOrPair, options: ConvModuleOptions = {}) {
    super(0, 0, kernel_size, { ...options, bias: false });
    this.lazyOptions = options;
    makeLazy(this, out_channels, options.bias !== false);
  }
  /** Infers in_channels from `input`, draws the parameters and becomes a Conv1d. @example conv.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, Conv1d, 1, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}

/** nn.Conv2d with in_channels from the first input. @example new nn.LazyConv2d(8, 3, { padding: 1 }).call(torch.randn([1, 3, 5, 5])) */
export class LazyConv2d extends Conv2d {
  private readonly lazyOptions: ConvModuleOptions;
  constructor(out_channels: number, kernel_size: IntOrPair, options: ConvModuleOptions = {}) {
    super(0, 0, kernel_size, { ...options, bias: false });
    this.lazyOptions = options;
    makeLazy(this, out_channels, options.bias !== false);
  }
  /** Infers in_channels from `input`, draws the parameters and becomes a Conv2d. @example conv.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, Conv2d, 2, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}

/** nn.ConvTranspose1d with in_channels from the first input. @example new nn.LazyConvTranspose1d(2, 4, { stride: 2 }).call(torch.randn([3, 4, 5])) */
export class LazyConvTranspose1d extends ConvTranspose1d {
  private readonly lazyOptions: ConvTransposeModuleOptions;
  constructor(out_channels: number, kernel_size: IntOrPair, options: ConvTransposeModuleOptions = {}) {
    super(0, 0, kernel_size, { ...options, bias: false });
    this.lazyOptions = options;
    makeLazy(this, out_channels, options.bias !== false);
  }
  /** Infers in_channels from `input`, draws the parameters and becomes a ConvTranspose1d. @example conv.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, ConvTranspose1d, 1, this.lazyOptions); }
  override forward(input: Tensor, output_size?: OutputSize): Tensor { this.initialize_parameters(input); return super.forward(input, output_size); }
}

/** nn.ConvTranspose2d with in_channels from the first input. @example new nn.LazyConvTranspose2d(4, 3, { stride: 2 }).call(torch.randn([1, 8, 4, 4])) */
export class LazyConvTranspose2d extends ConvTranspose2d {
  private readonly lazyOptions: ConvTransposeModuleOptions;
  constructor(out_channels: number, kernel_size: IntOrPair, options: ConvTransposeModuleOptions = {}) {
    super(0, 0, kernel_size, { ...options, bias: false });
    this.lazyOptions = options;
    makeLazy(this, out_channels, options.bias !== false);
  }
  /** Infers in_channels from `input`, draws the parameters and becomes a ConvTranspose2d. @example conv.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, ConvTranspose2d, 2, this.lazyOptions); }
  override forward(input: Tensor, output_size?: OutputSize): Tensor { this.initialize_parameters(input); return super.forward(input, output_size); }
}

/** nn.Conv3d with in_channels from the first input. @example new nn.LazyConv3d(4, 3, { padding: 1 }).call(torch.randn([1, 2, 4, 4, 4])) */
export class LazyConv3d extends Conv3d {
  private readonly lazyOptions: ConvModuleOptions;
  constructor(out_channels: number, kernel_size: IntOrPair, options: ConvModuleOptions = {}) {
    super(0, 0, kernel_size, { ...options, bias: false });
    this.lazyOptions = options;
    makeLazy(this, out_channels, options.bias !== false);
  }
  /** Infers in_channels from `input`, draws the parameters and becomes a Conv3d. @example conv.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, Conv3d, 3, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}

/** nn.ConvTranspose3d with in_channels from the first input. @example new nn.LazyConvTranspose3d(2, 2, { stride: 2 }).call(torch.randn([1, 4, 3, 3, 3])) */
export class LazyConvTranspose3d extends ConvTranspose3d {
  private readonly lazyOptions: ConvTransposeModuleOptions;
  constructor(out_channels: number, kernel_size: IntOrPair, options: ConvTransposeModuleOptions = {}) {
    super(0, 0, kernel_size, { ...options, bias: false });
    this.lazyOptions = options;
    makeLazy(this, out_channels, options.bias !== false);
  }
  /** Infers in_channels from `input`, draws the parameters and becomes a ConvTranspose3d. @example conv.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, ConvTranspose3d, 3, this.lazyOptions); }
  override forward(input: Tensor, output_size?: OutputSize): Tensor { this.initialize_parameters(input); return super.forward(input, output_size); }
}
