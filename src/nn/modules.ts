// torch.nn modules: Module keeps parameters and submodules in registration
// order (PyTorch's _parameters and _modules), which fixes the order of
// parameters() and the dotted names of named_parameters(); Linear, ReLU,
// Sigmoid and Sequential are built on it.
//
// Parameters are leaf tensors with requires_grad, created outside torch.tidy's
// bookkeeping: a model built inside tidy() outlives it.

import { DType } from '../../abi/abi.js';
import type { DeviceName } from '../device.js';
import { Tensor } from '../tensor.js';
import { getDevice } from '../runtime.js';
import { NotImplementedError, TorchError, ValueError } from '../errors.js';
import { initLinear } from '../random.js';
import { checkIntList, checkNewShape } from '../shape.js';
import { linear } from './functional.js';
import { relu, sigmoid } from '../ops/elementwise.js';
import { conv1d, conv2d, type ConvOptions } from '../ops/conv.js'; // convolution and pooling
import { max_pool2d, avg_pool2d, adaptive_avg_pool2d } from '../ops/pool.js';

/** A new parameter: a leaf with requires_grad, not owned by any tidy() scope. */
function parameter(data: Float32Array, shape: number[], device?: DeviceName): Tensor {
  const dev = getDevice(device);
  const t = new Tensor(dev, dev.fromData(data, shape, DType.Float32), shape, DType.Float32, false);
  return t.requires_grad_(true);
}

/**
 * Base class of all layers. Subclasses register parameters and submodules (in
 * the constructor, like PyTorch's attribute assignment) and implement forward().
 * JS has no __call__: call `module.forward(x)` or `module.call(x)`.
 *
 * @example
 * class Net extends nn.Module {
 *   fc1 = this.register_module('fc1', new nn.Linear(4, 8));
 *   fc2 = this.register_module('fc2', new nn.Linear(8, 1));
 *   forward(x: torch.Tensor) { return this.fc2.forward(this.fc1.forward(x).relu()); }
 * }
 * const net = new Net();
 * net.named_parameters().map(([n]) => n); // ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']
 */
export class Module {
  /** True in training mode (the default), false after eval(). */
  training = true;
  private readonly _parameters = new Map<string, Tensor | null>();
  private readonly _modules = new Map<string, Module>();
  private readonly _buffers = new Map<string, Tensor | null>(); // nn normalization (helper nnnorm)

  /** The layer's computation; subclasses override it. */
  forward(..._args: Tensor[]): Tensor {
    throw new NotImplementedError(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  /** Runs forward(), as Python's `module(x)` does. @example const y = model.call(x); */
  call(...args: Tensor[]): Tensor { return this.forward(...args); }

  /**
   * Adds a parameter under `name` (null reserves the name, as bias=False does).
   * @example this.weight = this.register_parameter('weight', torch.zeros([3]).requires_grad_());
   */
  register_parameter<T extends Tensor | null>(name: string, param: T): T {
    checkName(name, this._parameters.has(name) || this._modules.has(name) ? null : name);
    this._parameters.set(name, param);
    return param;
  }

  /**
   * Adds a buffer under `name`: state that is not a parameter (BatchNorm's running statistics).
   * @example this.running_mean = this.register_buffer('running_mean', torch.zeros([3]));
   */
  register_buffer<T extends Tensor | null>(name: string, tensor: T): T {
    checkName(name, this._parameters.has(name) || this._modules.has(name) || this._buffers.has(name) ? null : name);
    this._buffers.set(name, tensor);
    return tensor;
  }

  /** (name, buffer) pairs: this module's own, then each submodule's with a dotted prefix. @example bn.named_buffers() // [['running_mean', t], ...] */
  named_buffers(prefix = '', recurse = true): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, b] of this._buffers) if (b) out.push([(prefix ? `${prefix}.` : '') + name, b]);
    if (recurse) for (const [name, child] of this._modules) out.push(...child.named_buffers(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  /** Every buffer, in registration order. @example model.buffers().length */
  buffers(recurse = true): Tensor[] { return this.named_buffers('', recurse).map(([, b]) => b); }

  /** Adds a submodule under `name`; its parameters follow this module's own. @example this.fc = this.register_module('fc', new nn.Linear(2, 2)); */
  register_module<M extends Module>(name: string, module: M): M {
    checkName(name, this._parameters.has(name) || this._modules.has(name) ? null : name);
    if (!(module instanceof Module)) throw new TorchError(`${String(module)} is not a Module subclass`);
    this._modules.set(name, module);
    return module;
  }

  /** PyTorch's name for register_module. */
  add_module<M extends Module>(name: string, module: M): M { return this.register_module(name, module); }

  /**
   * (name, parameter) pairs: this module's own, then each submodule's with a
   * dotted prefix; a parameter shared by two modules is listed once.
   * @example model.named_parameters() // [['0.weight', w], ['0.bias', b], ...]
   */
  named_parameters(prefix = '', recurse = true): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    const visit = (m: Module, pre: string): void => {
      for (const [name, p] of m._parameters) {
        if (p === null || seen.has(p)) continue;
        seen.add(p);
        out.push([pre + name, p]);
      }
      if (!recurse) return;
      for (const [name, child] of m._modules) visit(child, `${pre}${name}.`);
    };
    visit(this, prefix ? `${prefix}.` : '');
    return out;
  }

  /** Every parameter, in registration order (what an optimizer takes). @example new optim.SGD(model.parameters(), { lr: 0.1 }) */
  parameters(recurse = true): Tensor[] {
    return this.named_parameters('', recurse).map(([, p]) => p);
  }

  /** The direct submodules, in registration order. */
  children(): Module[] { return [...this._modules.values()]; }

  /** (name, submodule) pairs of the direct submodules. */
  named_children(): [string, Module][] { return [...this._modules.entries()]; }

  /** This module and all below it, depth first. */
  modules(): Module[] {
    const out: Module[] = [this];
    for (const c of this._modules.values()) out.push(...c.modules());
    return out;
  }

  /**
   * Clears the gradients of every parameter (to null, PyTorch 2's default
   * set_to_none=True; with false, zeros them instead).
   * @example model.zero_grad();
   */
  zero_grad(set_to_none = true): void {
    for (const p of this.parameters()) {
      if (set_to_none) { p.grad = null; continue; }
      const g = p.grad;
      if (g) p.grad = torchZerosLike(g);
    }
  }

  /** Sets training mode on this module and its submodules. @example model.train(); */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new TorchError('training mode is expected to be boolean');
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: train(false). @example model.eval(); */
  eval(): this { return this.train(false); }

  /** PyTorch's summary, e.g. `Linear(in_features=2, out_features=3, bias=True)`. */
  extra_repr(): string { return ''; }

  toString(): string {
    const children = [...this._modules.entries()];
    const head = `${this.constructor.name}(${this.extra_repr()}`;
    if (!children.length) return `${head})`;
    const body = children.map(([n, m]) => `  (${n}): ${String(m).split('\n').join('\n  ')}`).join('\n');
    return `${head}\n${body}\n)`;
  }
}

function checkName(name: string, free: string | null): void {
  if (typeof name !== 'string') throw new TorchError(`module name should be a string. Got ${typeof name}`);
  if (name.includes('.')) throw new TorchError(`module name can't contain ".", got: ${name}`);
  if (name === '') throw new TorchError('module name can\'t be empty string ""');
  if (free === null) throw new TorchError(`attribute '${name}' already exists`);
}

function torchZerosLike(g: Tensor): Tensor {
  const dev = g._dev;
  return new Tensor(dev, dev.full(g._shape, 0, DType.Float32), g._shape.slice(), DType.Float32, false);
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

  constructor(in_features: number, out_features: number, options: { bias?: boolean; device?: DeviceName } | boolean = {}) {
    super();
    // nn.Linear(4, 3, false): bias may come positionally, as in PyTorch
    if (typeof options === 'boolean') options = { bias: options };
    // PyTorch checks the sizes as torch.empty((out_features, in_features))
    checkNewShape(checkIntList([out_features, in_features], { fn: 'empty', name: 'size', position: 1, list: 'SymInts', container: 'tuple' }));
    this.in_features = in_features;
    this.out_features = out_features;
    const { weight, bias } = initLinear(in_features, out_features, { bias: options.bias !== false });
    this.weight = this.register_parameter('weight', parameter(weight, [out_features, in_features], options.device));
    this.bias = this.register_parameter('bias', bias ? parameter(bias, [out_features], options.device) : null);
  }

  forward(input: Tensor): Tensor { return linear(input, this.weight, this.bias); }

  extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias ? 'True' : 'False'}`;
  }
}

/** max(x, 0) elementwise. @example new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU()) */
export class ReLU extends Module {
  forward(input: Tensor): Tensor { return relu(input); }
}

/** 1 / (1 + e^−x) elementwise. @example const head = new nn.Sequential(new nn.Linear(8, 1), new nn.Sigmoid()); */
export class Sigmoid extends Module {
  forward(input: Tensor): Tensor { return sigmoid(input); }
}

/**
 * Runs modules one after another; they are registered as '0', '1', ... so
 * parameters are named `0.weight`, `0.bias`, ... as in PyTorch.
 *
 * @example
 * const model = new nn.Sequential(new nn.Linear(64, 32), new nn.ReLU(), new nn.Linear(32, 10));
 * const logits = model.forward(x);
 */
export class Sequential extends Module {
  private readonly layers: Module[];

  constructor(...modules: Module[]) {
    super();
    this.layers = modules;
    modules.forEach((m, i) => this.register_module(String(i), m));
  }

  /** The i-th module (negative counts from the end). */
  at(i: number): Module {
    const n = this.layers.length;
    const j = i < 0 ? i + n : i;
    if (!Number.isInteger(j) || j < 0 || j >= n) throw new TorchError(`index ${i} is out of range`);
    return this.layers[j];
  }

  get length(): number { return this.layers.length; }

  forward(input: Tensor): Tensor {
    let x = input;
    for (const m of this.layers) x = m.forward(x);
    return x;
  }
}

// ---- convolution and pooling (helper conv) --------------------------------------------------

type IntOrPair = number | number[];
/** A Python tuple of n ints, printed as PyTorch prints it: (3, 3), (2,). */
const tuple = (v: IntOrPair, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.slice());
const pyTuple = (v: number[]): string => (v.length === 1 ? `(${v[0]},)` : `(${v.join(', ')})`);
const pyValue = (v: IntOrPair | null | undefined): string => (v === null || v === undefined ? 'None' : typeof v === 'number' ? String(v) : pyTuple(v));

/** The constructor options of nn.Conv1d / nn.Conv2d after in_channels, out_channels, kernel_size. */
export interface ConvModuleOptions {
  stride?: IntOrPair; padding?: IntOrPair | 'valid' | 'same'; dilation?: IntOrPair; groups?: number; bias?: boolean;
  padding_mode?: 'zeros'; device?: DeviceName;
}

/** nn.Conv1d and nn.Conv2d: the parameters, PyTorch's checks, default init and repr. */
abstract class ConvNd extends Module {
  readonly in_channels: number;
  readonly out_channels: number;
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[] | 'valid' | 'same';
  readonly dilation: number[];
  readonly groups: number;
  readonly padding_mode: string;
  weight: Tensor;
  bias: Tensor | null;

  constructor(n: number, in_channels: number, out_channels: number, kernel_size: IntOrPair, options: ConvModuleOptions) {
    super();
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
    if (mode !== 'zeros') throw new NotImplementedError(`wasmgrad: padding_mode='${mode}' is not supported yet (only 'zeros')`);
    this.padding_mode = mode;
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.groups = groups;
    // kaiming_uniform_(a=√5) over fan_in = in_channels/groups · ∏kernel, then the bias: Linear's stream
    const fanIn = (in_channels / groups) * this.kernel_size.reduce((a, b) => a * b, 1);
    const shape = [out_channels, in_channels / groups, ...this.kernel_size];
    const { weight, bias } = initLinear(fanIn, out_channels, { bias: options.bias !== false });
    this.weight = this.register_parameter('weight', parameter(weight, shape, options.device));
    this.bias = this.register_parameter('bias', bias ? parameter(bias, [out_channels], options.device) : null);
  }

  extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyTuple(this.kernel_size)}, stride=${pyTuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    return s;
  }

  protected convOptions(): ConvOptions {
    return { bias: this.bias, stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
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

  forward(input: Tensor): Tensor { return conv2d(input, this.weight, this.convOptions()); }
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

  forward(input: Tensor): Tensor { return conv1d(input, this.weight, this.convOptions()); }
}

/**
 * 2-D max pooling layer (F.max_pool2d); stride defaults to the kernel size.
 * @example new nn.MaxPool2d(2).forward(x) // halves H and W; repr MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
 */
export class MaxPool2d extends Module {
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

  forward(input: Tensor): Tensor {
    return max_pool2d(input, this.kernel_size, {
      stride: this.stride, padding: this.padding, dilation: this.dilation, ceil_mode: this.ceil_mode, return_indices: this.return_indices,
    });
  }

  extra_repr(): string {
    return `kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}, dilation=${pyValue(this.dilation)}, ceil_mode=${this.ceil_mode ? 'True' : 'False'}`;
  }
}

/**
 * 2-D average pooling layer (F.avg_pool2d); stride defaults to the kernel size.
 * @example new nn.AvgPool2d(3, { stride: 2, padding: 1, count_include_pad: false }).forward(x)
 */
export class AvgPool2d extends Module {
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

  forward(input: Tensor): Tensor {
    return avg_pool2d(input, this.kernel_size, {
      stride: this.stride, padding: this.padding, ceil_mode: this.ceil_mode, count_include_pad: this.count_include_pad, divisor_override: this.divisor_override,
    });
  }

  extra_repr(): string { return `kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`; }
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

  extra_repr(): string {
    const o = this.output_size;
    return `output_size=${typeof o === 'number' ? o : `(${o.map((v) => (v === null ? 'None' : v)).join(', ')})`}`;
  }
}
