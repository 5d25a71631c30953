// nn.Bilinear and nn.LazyLinear, PyTorch's constructor arguments, default initialisation and repr.
//
// LazyLinear infers in_features from its first input, then draws its parameters exactly as
// nn.Linear(in_features, out_features) would at that point (PyTorch's reset_parameters after
// materialize) and becomes a Linear (PyTorch's cls_to_become: repr and class change). Until then
// weight and bias are UninitializedParameter markers, not registered parameters (docs/api.md).

import type { DeviceName } from '../device.js';
import { ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { Linear } from './modules.js';
import { leaf, filled } from './layers.js';
import { uniform_ } from './init.js';
import { bilinear } from './bilinear.js';
import { warnOnce } from './warn.js';

/**
 * A bilinear layer: y = x1ᵀ·A·x2 + b, weight (out_features, in1_features, in2_features), weight
 * and bias uniform in ±1/√in1_features (PyTorch's reset_parameters: after the same manual_seed,
 * PyTorch's values).
 * @example
 * const m = new nn.Bilinear(20, 30, 40);
 * m.call(torch.randn([128, 20]), torch.randn([128, 30])).shape // [128, 40]
 */
export class Bilinear extends Module {
  readonly in1_features: number;
  readonly in2_features: number;
  readonly out_features: number;
  weight: Tensor;
  bias: Tensor | null;

  constructor(in1_features: number, in2_features: number, out_features: number,
    options: { bias?: boolean; device?: DeviceName; dtype?: 'float32' | 'float64' } = {}) {
    super();
    this.in1_features = in1_features;
    this.in2_features = in2_features;
    this.out_features = out_features;
    const w = [out_features, in1_features, in2_features];
    this.weight = this.register_parameter('weight', leaf(filled(w[0] * w[1] * w[2], 0), w, options));
    this.bias = this.register_parameter('bias', options.bias === false ? null : leaf(filled(out_features, 0), [out_features], options));
    this.reset_parameters();
  }

  /** PyTorch's initialisation: weight and bias uniform in ±1/√in1_features. @example m.reset_parameters() */
  reset_parameters(): void {
    const bound = 1 / Math.sqrt(this.weight._shape[1]);
    uniform_(this.weight, -bound, bound);
    if (this.bias) uniform_(this.bias, -bound, bound);
  }

  forward(input1: Tensor, input2: Tensor): Tensor { return bilinear(input1, input2, this.weight, this.bias); }

  extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${this.bias ? 'True' : 'False'}`;
  }
}

/**
 * A parameter whose shape is not known yet, PyTorch's `nn.parameter.UninitializedParameter`: a lazy
 * module's weight before its first forward. It holds no data; using it as a tensor is an error.
 * @example new nn.LazyLinear(3).weight instanceof nn.UninitializedParameter // true
 */
export class UninitializedParameter {
  readonly requires_grad = true;
  /** PyTorch's repr. @example String(new nn.LazyLinear(3).weight) // '<UninitializedParameter>' */
  toString(): string { return '<UninitializedParameter>'; }
}

/** LazyLinear's options (nn.Linear's). */
export interface LazyLinearOptions { bias?: boolean; device?: DeviceName; dtype?: 'float32' | 'float64' }

/**
 * nn.Linear whose in_features is inferred from the first input's last dim, as `nn.LazyLinear`:
 * the first call draws weight and bias as `nn.Linear(in_features, out_features)` would then, and
 * the module becomes an nn.Linear.
 * @example
 * const fc = new nn.LazyLinear(10);   // LazyLinear(in_features=0, out_features=10, bias=True)
 * fc.call(torch.randn([2, 7]));       // now Linear(in_features=7, out_features=10, bias=True)
 */
export class LazyLinear extends Linear {
  private readonly lazyOptions: LazyLinearOptions;

  constructor(out_features: number, options: LazyLinearOptions | boolean = {}) {
    super(0, 0, { bias: false });
    warnOnce('Lazy modules are a new feature under heavy development so changes to the API or functionality can happen at any moment.');
    // a copy: the parameters are drawn at the first forward, with the device and dtype given now
    const o = typeof options === 'boolean' ? { bias: options } : { ...options };
    this.lazyOptions = o;
    Object.assign(this, { out_features });
    this.weight.dispose(); // Linear(0, 0)'s empty weight
    this._parameters.delete('weight');
    this._parameters.delete('bias');
    this.weight = new UninitializedParameter() as unknown as Tensor;
    this.bias = o.bias === false ? null : new UninitializedParameter() as unknown as Tensor;
  }

  /** Whether weight or bias still wait for the first input (PyTorch's LazyModuleMixin method). @example fc.has_uninitialized_params() */
  has_uninitialized_params(): boolean { return this.weight instanceof UninitializedParameter; }

  /** Infers in_features from `input`, draws the parameters and becomes an nn.Linear. */
  initialize_parameters(input: Tensor): void {
    if (!this.has_uninitialized_params()) return;
    if (input._shape.length === 0) throw new ValueError('LazyLinear: the input needs at least one dim (its last is in_features)');
    const inFeatures = input._shape[input._shape.length - 1];
    const fresh = new Linear(inFeatures, this.out_features, { ...this.lazyOptions, device: this.lazyOptions.device ?? input.device });
    Object.assign(this, { in_features: inFeatures, weight: undefined, bias: undefined });
    this.weight = this.register_parameter('weight', fresh.weight);
    this.bias = this.register_parameter('bias', fresh.bias);
    Object.setPrototypeOf(this, Linear.prototype);
  }

  forward(input: Tensor): Tensor {
    this.initialize_parameters(input);
    return super.forward(input);
  }
}
