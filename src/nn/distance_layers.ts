// nn.PairwiseDistance and nn.TripletMarginWithDistanceLoss, PyTorch's arguments and repr (the
// loss's default distance is a PairwiseDistance submodule, so PyTorch prints it as a child).

import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { pairwise_distance, triplet_margin_with_distance_loss, type ReductionName } from './functional.js';

/**
 * F.pairwise_distance as a module, `nn.PairwiseDistance(p=2.0, eps=1e-6, keepdim=False)`.
 * @example new nn.PairwiseDistance({ p: 1 }).call(x1, x2)
 */
export class PairwiseDistance extends Module {
  readonly norm: number;
  readonly eps: number;
  readonly keepdim: boolean;
  constructor(options: { p?: number; eps?: number; keepdim?: boolean } = {}) {
    super();
    this.norm = options.p ?? 2.0;
    this.eps = options.eps ?? 1e-6;
    this.keepdim = options.keepdim ?? false;
  }
  forward(x1: Tensor, x2: Tensor): Tensor { return pairwise_distance(x1, x2, this.norm, this.eps, this.keepdim); }
}

type Distance = ((x1: Tensor, x2: Tensor) => Tensor) | Module;

/**
 * F.triplet_margin_with_distance_loss as a module, `nn.TripletMarginWithDistanceLoss(distance_function,
 * margin, swap, reduction)`; the distance is a function or a module (default nn.PairwiseDistance()).
 * @example new nn.TripletMarginWithDistanceLoss({ distance_function: (a, b) => F.cosine_similarity(a, b).neg().add(1) }).call(a, p, n)
 */
export class TripletMarginWithDistanceLoss extends Module {
  readonly distance_function: Distance;
  readonly margin: number;
  readonly swap: boolean;
  readonly reduction: ReductionName;
  constructor(options: { distance_function?: Distance | null; margin?: number; swap?: boolean; reduction?: ReductionName } = {}) {
    super();
    const d = options.distance_function ?? new PairwiseDistance();
    this.distance_function = d instanceof Module ? this.register_module('distance_function', d) : d;
    this.margin = options.margin ?? 1.0;
    this.swap = options.swap ?? false;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    const d = this.distance_function;
    const distance = d instanceof Module ? (a: Tensor, b: Tensor): Tensor => d.call(a, b) as Tensor : d;
    return triplet_margin_with_distance_loss(anchor, positive, negative, { distance_function: distance, margin: this.margin, swap: this.swap, reduction: this.reduction });
  }
}
