// F.nll_loss as ATen's nll_loss_nd runs it: (C,) and (N, C) inputs through nll_loss (node
// NllLossBackward0), (N, C, H, W) through nll_loss2d (NllLoss2DBackward0), and inputs with one
// or three-plus extra dims viewed as (N, C, 1, −1) for nll_loss2d, the per-item loss viewed back
// to (N, d1, ..., dK). F.cross_entropy (src/nn/functional.ts) shares the checks.

import { DType, Reduction } from '../../abi/abi.js';
import { RuntimeError, ValueError, IndexError } from '../errors.js';
import { sameShape } from '../shape.js';
import { checkInt } from '../args.js';
import { Tensor } from '../tensor.js';
import { checkTensor, checkFloating, deviceOf } from '../ops/common.js';
import { reductionOf, refuseUnsupported, composed, type LossOptions } from './loss_args.js';

export interface NllLossOptions extends LossOptions { ignore_index?: number; weight?: Tensor | null }

const shapeStr = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** The (N, C, 1, −1) and (N, 1, −1) views nll_loss_nd gives nll_loss2d ((N, C, 0, 0) and (N, 0, 0) when empty). */
function views2d(s: readonly number[], ts: readonly number[]): [number[], number[]] {
  const n = s[0], c = s[1];
  const numel = s.reduce((a, b) => a * b, 1), tnumel = ts.reduce((a, b) => a * b, 1);
  return [numel > 0 ? [n, c, 1, numel / (n * c)] : [n, c, 0, 0], tnumel > 0 ? [n, 1, tnumel / n] : [n, 0, 0]];
}

/** Checks nll_loss's arguments as PyTorch does, in its order (shapes, weight, dtypes, class indices). */
export function checkNll(input: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number, fn: string): void {
  checkTensor(input, fn, 'input');
  checkTensor(target, fn, 'target');
  deviceOf(input, target);
  checkFloating(input, fn);
  const s = input._shape, nd = s.length, ts = target._shape;
  if (nd < 1) throw new ValueError(`Expected 1 or more dimensions (got ${nd})`);
  const targetBatch = ts.length === 0 ? 1 : ts[0];
  if (nd !== 1 && s[0] !== targetBatch) throw new ValueError(`Expected input batch_size (${s[0]}) to match target batch_size (${targetBatch}).`);
  const classes = s[nd === 1 ? 0 : 1];
  if (nd <= 2) {
    if (ts.length !== nd - 1) throw new RuntimeError('0D or 1D target tensor expected, multi-target not supported');
    if (weight) checkTensor(weight, 'nll_loss', 'weight');
    if (weight && !(weight._shape.length === 1 && weight._shape[0] === classes)) {
      throw new RuntimeError(`weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor ` +
        `of shape: ${shapeStr(weight._shape)}`);
    }
  } else {
    if (nd !== 4 && !sameShape(ts.slice(1), s.slice(2))) {
      throw new RuntimeError(`Expected target size ${shapeStr([s[0], ...s.slice(2)])}, got ${shapeStr(ts)}`);
    }
    // nll_loss2d's checks, on the views for other than 4-D inputs
    const [x4, t3] = nd === 4 ? [s, ts] : views2d(s, ts);
    if (t3.length !== 3) throw new RuntimeError(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${t3.length}`);
    if (weight) checkTensor(weight, 'nll_loss', 'weight');
    if (weight && weight.numel() !== x4[1]) throw new RuntimeError('weight tensor should be defined either for all or no classes');
    if (x4[0] !== t3[0] || x4[2] !== t3[1] || x4[3] !== t3[2]) {
      throw new RuntimeError(`size mismatch (got input: ${shapeStr(x4)} , target: ${shapeStr(t3)}`);
    }
  }
  if (target._dtype !== DType.Int64) throw new RuntimeError(`expected scalar type Long but found ${target.dtype._scalarType}`);
  if (weight) {
    deviceOf(input, weight);
    if (weight._dtype !== input._dtype) throw new RuntimeError(`expected scalar type ${input.dtype._scalarType} but found ${weight.dtype._scalarType}`);
  }
  const t = target.dataSync();
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== ignoreIndex && (t[i] < 0 || t[i] >= classes)) throw new IndexError(`Target ${t[i]} is out of bounds.`);
  }
}

/** nll_loss_nd on checked arguments: the kernel for (C,), (N, C) and (N, C, H, W); other extra dims through the 4-D views. */
function nllLossNd(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  const s = input._shape, nd = s.length;
  if (nd <= 2 || nd === 4) {
    const outShape = reduction === Reduction.None && nd >= 2 ? target._shape.slice() : [];
    const out = input._dev.nllLoss(input.h, target.h, reduction, ignoreIndex, weight ? weight.h : null);
    return new Tensor(input._dev, out, outShape, input._dtype);
  }
  const [x4, t3] = views2d(s, target._shape);
  return composed((keep) => {
    const out = keep(nllLossNd(keep(input.view(x4)), keep(target.view(t3)), weight, reduction, ignoreIndex));
    return reduction === Reduction.None ? out.view([s[0], ...s.slice(2)]) : out;
  });
}

/**
 * Negative log likelihood of class-index targets given log-probabilities: input (N, C) with
 * target (N,), (C,) with a 0-d target, or (N, C, d1, ..., dK) with target (N, d1, ..., dK) (per
 * pixel, per time step). Targets equal to ignore_index (−100) count for nothing, and 'mean'
 * averages over the rest; class weights scale each target's term ('mean' then divides by their sum).
 * @example
 * const loss = F.nll_loss(F.log_softmax(logits, 1), labels);
 * F.nll_loss(F.log_softmax(scores, 1), masks)  // scores (N, C, H, W), masks int64 (N, H, W)
 */
export function nll_loss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  refuseUnsupported({ ...options, weight: undefined }, 'nll_loss');
  const weight = options.weight ?? null;
  if (weight && weight.requires_grad) {
    throw new RuntimeError("The function 'nll_loss_forward' is not differentiable with respect to argument 'weight'. " +
      'This input cannot have requires_grad True.');
  }
  // the position is that of ignore_index in torch._C._nn.nll_loss_nd, which F.nll_loss calls
  const ignoreIndex = options.ignore_index === undefined ? -100 : checkInt('nll_loss_nd', 'ignore_index', 5, options.ignore_index);
  checkNll(input, target, weight, ignoreIndex, 'nll_loss');
  return nllLossNd(input, target, weight, reductionOf(options.reduction), ignoreIndex);
}
