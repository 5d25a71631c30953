// cross_entropy's label_smoothing and class-probability targets (losses 2, helper losses), as
// ATen's cross_entropy_loss_label_smoothing and cross_entropy_loss_prob_target compose them;
// F.cross_entropy (src/nn/functional.ts) picks the path.

import { DType, Reduction } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { checkTensor, checkFloating, deviceOf } from '../ops/common.js';
import { log_softmax } from '../ops/reduce.js';
import { reductionOf, composed, type LossOptions } from './loss_args.js';

/** ATen's label_smoothing check (a value ≤ 0 means none). */
export function checkSmoothing(s: number): void {
  if (s > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${s}`); // C++'s printing: 2, 1.5
}

/** The class weights viewed to broadcast along the class dim of a `dims`-D input (ATen's weight_broadcast_shape). */
function classWeightView(weight: Tensor, dims: number, classDim: number): Tensor {
  if (dims <= 1) return weight;
  const shape = new Array<number>(dims).fill(1);
  shape[classDim] = weight._shape[0];
  return weight.view(shape);
}

/**
 * cross_entropy with class-index targets and label_smoothing, as ATen's
 * cross_entropy_loss_label_smoothing: (1 − s)·nll_loss + s/C · (−Σ_c logp·weight, 0 at ignored
 * targets, reduced; 'mean' over the targets not ignored, or over their weights).
 */
export function smoothedNll(logp: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number, s: number,
  nll: (logp: Tensor) => Tensor): Tensor {
  const classDim = logp._shape.length === 1 ? 0 : 1, n = logp._shape[classDim];
  return composed((keep) => {
    const nllLoss = keep(nll(logp));
    const ignored = keep(target.eq(ignoreIndex));
    const weighted = weight ? keep(logp.mul(keep(classWeightView(weight, logp._shape.length, classDim)))) : logp;
    const smooth = keep(keep(keep(weighted.sum(classDim)).neg()).masked_fill(ignored, 0));
    let ret = smooth;
    if (reduction === Reduction.Mean && weight) {
      // the weights of the targets not ignored
      const kept = keep(keep(target.masked_select(keep(ignored.logical_not()))).flatten());
      ret = keep(keep(smooth.sum()).div(keep(keep(weight.gather(0, kept)).sum())));
    } else if (reduction === Reduction.Mean) ret = keep(keep(smooth.sum()).div(keep(keep(ignored.logical_not()).sum())));
    else if (reduction === Reduction.Sum) ret = keep(smooth.sum());
    return keep(nllLoss.mul(1 - s)).add(keep(ret.mul(s / n)));
  });
}

/**
 * cross_entropy with class probabilities (a float target of the input's shape), as ATen's
 * cross_entropy_loss_prob_target: −Σ log_softmax(input)·target(·weight) over the class dim, the target
 * smoothed to target·(1 − s) + s/C; 'mean' divides by the number of class vectors.
 */
export function crossEntropyProbs(input: Tensor, target: Tensor, options: LossOptions & { weight?: Tensor | null },
  ignoreIndex: number, s: number): Tensor {
  checkTensor(input, 'cross_entropy', 'input');
  checkTensor(target, 'cross_entropy', 'target');
  deviceOf(input, target);
  checkFloating(input, 'cross_entropy');
  if (target._dtype !== DType.Float32 && target._dtype !== DType.Float64) {
    throw new RuntimeError(`Expected floating point type for target with class probabilities, got ${target.dtype._scalarType}`);
  }
  if (ignoreIndex >= 0) throw new RuntimeError('ignore_index is not supported for floating point target');
  const reduction = reductionOf(options.reduction);
  const classDim = input._shape.length === 1 ? 0 : 1, n = input._shape[classDim];
  const weight = options.weight ?? null;
  if (weight) {
    checkTensor(weight, 'cross_entropy', 'weight');
    if (!(weight._shape.length === 1 && weight._shape[0] === n)) {
      throw new RuntimeError(`cross_entropy: weight tensor should be defined either for all ${n} classes or no classes but got weight ` +
        `tensor of shape: [${weight._shape.join(', ')}]`);
    }
    deviceOf(input, weight);
  }
  checkSmoothing(s);
  return composed((keep) => {
    const logp = keep(log_softmax(input, classDim));
    const t = s > 0 ? keep(keep(target.mul(1 - s)).add(s / n)) : target;
    let prod = keep(logp.mul(t));
    if (weight) prod = keep(prod.mul(keep(classWeightView(weight, input._shape.length, classDim))));
    if (reduction === Reduction.None) return keep(prod.sum(classDim)).neg();
    const total = keep(keep(prod.sum()).neg());
    return reduction === Reduction.Sum ? total : total.div(input.numel() / n);
  });
}
