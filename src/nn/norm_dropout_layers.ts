// torch.nn modules of group normalization and dropout (helper normdrop): GroupNorm over
// F.group_norm, LocalResponseNorm over F.local_response_norm, and the dropout modules over F.dropout / dropout1d / dropout2d / alpha_dropout,
// which drop in training mode and return their input in eval mode, as PyTorch's.

import { ValueError, ZeroDivisionError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';
import * as F from './functional.js';
import { checkP } from './dropout.js';
import { pyFloat, leaf, filled, type Factory } from './layers.js';

const pyBool = (v: boolean): string => (v ? 'True' : 'False');

/**
 * Group normalization of (N, C, *) inputs: the num_channels channels in num_groups groups, with a
 * learnable per-channel weight (ones) and bias (zeros) unless affine is false.
 * @example
 * const gn = new nn.GroupNorm(2, 6);          // GroupNorm(2, 6, eps=1e-05, affine=True)
 * const y = gn.call(torch.randn([4, 6, 5]));
 */
export class GroupNorm extends Module {
  readonly num_groups: number;
  readonly num_channels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Tensor | null;
  bias: Tensor | null;

  constructor(num_groups: number, num_channels: number, options: { eps?: number; affine?: boolean } & Factory = {}) {
    super();
    if (num_groups === 0) throw new ZeroDivisionError('integer modulo by zero');
    if (num_channels % num_groups !== 0) throw new ValueError('num_channels must be divisible by num_groups');
    this.num_groups = num_groups;
    this.num_channels = num_channels;
    this.eps = options.eps ?? 1e-5;
    this.affine = options.affine ?? true;
    const C = num_channels, factory = { device: options.device, dtype: options.dtype }; // taken without parameters too, as PyTorch
    this.weight = this.register_parameter('weight', this.affine ? leaf(filled(C, 1), [C], factory) : null);
    this.bias = this.register_parameter('bias', this.affine ? leaf(filled(C, 0), [C], factory) : null);
  }

  forward(input: Tensor): Tensor { return F.group_norm(input, this.num_groups, this.weight, this.bias, this.eps); }

  extra_repr(): string {
    return `${this.num_groups}, ${this.num_channels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}

/**
 * Local response normalization across channels (see F.local_response_norm); no parameters.
 * @example
 * const lrn = new nn.LocalResponseNorm(3);    // LocalResponseNorm(3, alpha=0.0001, beta=0.75, k=1.0)
 * lrn.call(torch.randn([2, 6, 5, 5]));
 */
export class LocalResponseNorm extends Module {
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;

  constructor(size: number, options: { alpha?: number; beta?: number; k?: number } = {}) {
    super();
    this.size = size;
    this.alpha = options.alpha ?? 1e-4;
    this.beta = options.beta ?? 0.75;
    this.k = options.k ?? 1;
  }

  forward(input: Tensor): Tensor { return F.local_response_norm(input, this.size, this.alpha, this.beta, this.k); }

  extra_repr(): string { return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`; }
}

type DropoutArgs = { p?: number; inplace?: boolean };

/** PyTorch's _DropoutNd: p (default 0.5) checked at construction, and inplace. */
class DropoutNd extends Module {
  readonly p: number;
  readonly inplace: boolean;

  constructor(p: number | DropoutArgs = 0.5, inplace = false) {
    super();
    const o = typeof p === 'object' ? p : { p, inplace };
    this.p = o.p ?? 0.5;
    this.inplace = o.inplace ?? false;
    checkP(this.p);
  }

  extra_repr(): string { return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`; }
}

/**
 * Zeroes each element with probability p in training mode (scaling the others by 1/(1 − p));
 * returns its input in eval mode.
 * @example
 * const drop = new nn.Dropout(0.2);     // Dropout(p=0.2, inplace=False)
 * drop.call(x);                          // training: dropped; after drop.eval(): x itself
 */
export class Dropout extends DropoutNd {
  forward(input: Tensor): Tensor { return F.dropout(input, this.p, this.training, this.inplace); }
}

/**
 * Zeroes whole channels of (N, C, L) or (C, L) inputs with probability p in training mode.
 * @example const drop = new nn.Dropout1d(0.25);
 */
export class Dropout1d extends DropoutNd {
  forward(input: Tensor): Tensor { return F.dropout1d(input, this.p, this.training, this.inplace); }
}

/**
 * Zeroes whole channels of (N, C, H, W) inputs with probability p in training mode.
 * @example const drop = new nn.Dropout2d({ p: 0.3 });
 */
export class Dropout2d extends DropoutNd {
  forward(input: Tensor): Tensor { return F.dropout2d(input, this.p, this.training, this.inplace); }
}

/**
 * Alpha dropout (for SELU networks) in training mode: keeps a unit-normal input's mean and
 * variance; returns its input in eval mode.
 * @example const drop = new nn.AlphaDropout(0.1);
 */
export class AlphaDropout extends DropoutNd {
  forward(input: Tensor): Tensor { return F.alpha_dropout(input, this.p, this.training, this.inplace); }
}

/**
 * Zeroes whole channels of (N, C, D, H, W) inputs with probability p in training mode.
 * @example const drop = new nn.Dropout3d(0.2);
 */
export class Dropout3d extends DropoutNd {
  forward(input: Tensor): Tensor { return F.dropout3d(input, this.p, this.training, this.inplace); }
}

/**
 * Alpha dropout of whole channels in training mode; returns its input in eval mode.
 * @example const drop = new nn.FeatureAlphaDropout(0.1);
 */
export class FeatureAlphaDropout extends DropoutNd {
  forward(input: Tensor): Tensor { return F.feature_alpha_dropout(input, this.p, this.training, this.inplace); }
}
