// PyTorch 2.4's nn.RMSNorm, which 1.13 lacks (helper h-modules).

import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { leaf, filled, pyFloat, type Factory } from './layers.js';
import { rms_norm } from './norm.js';

/** nn.RMSNorm's keyword arguments after normalized_shape. */
export interface RMSNormOptions extends Factory { eps?: number | null; elementwise_affine?: boolean }

/**
 * Root-mean-square normalization over the last dims (`normalized_shape`), PyTorch 2.4's
 * nn.RMSNorm: F.rms_norm with a learnable weight (ones) unless elementwise_affine is false; eps
 * null (the default) is the input dtype's machine epsilon.
 * @example
 * const norm = new nn.RMSNorm(4);          // RMSNorm((4,), eps=None, elementwise_affine=True)
 * const y = norm.call(torch.randn([2, 3, 4]));
 */
export class RMSNorm extends Module {
  readonly normalized_shape: number[];
  readonly eps: number | null;
  readonly elementwise_affine: boolean;
  weight: Tensor | null;

  constructor(normalized_shape: number | number[], options: RMSNormOptions = {}) {
    super();
    this.normalized_shape = typeof normalized_shape === 'number' ? [normalized_shape] : normalized_shape.slice();
    this.eps = options.eps ?? null;
    this.elementwise_affine = options.elementwise_affine ?? true;
    const n = this.normalized_shape.reduce((a, b) => a * b, 1);
    this.weight = this.register_parameter('weight', this.elementwise_affine ? leaf(filled(n, 1), this.normalized_shape, options) : null);
  }

  forward(input: Tensor): Tensor { return rms_norm(input, this.normalized_shape, this.weight, this.eps); }

  extra_repr(): string {
    const shape = `(${this.normalized_shape.join(', ')}${this.normalized_shape.length === 1 ? ',' : ''})`;
    return `${shape}, eps=${this.eps === null ? 'None' : pyFloat(this.eps)}, elementwise_affine=${this.elementwise_affine ? 'True' : 'False'}`;
  }
}
