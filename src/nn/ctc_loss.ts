// F.ctc_loss (helper ebag): ATen's ctc_loss_impl around one op with its own node
// (CtcLossBackward0, the per-sample negative log likelihoods; kernels in assembly/ops/ctc_loss.ts
// and src/js/ops/ctc_loss.ts): unbatched input as a batch of one, zero_infinity's where, 'mean'
// dividing each loss by its target length (at least 1) before averaging, 'sum'. The front end
// checks what ATen checks and hands the devices the labels (int32) with each sample's input length,
// target length and first label's offset.

import { DType, Reduction } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating } from '../ops/common.js';
import { where } from '../ops/ternary.js';
import { tensor, zeros_like } from '../creation.js';
import { reductionOf, composed, type ReductionName } from './loss_args.js';

/** Sequence lengths: an integer tensor, or numbers. */
export type Lengths = Tensor | readonly number[] | number;

export interface CtcLossOptions { blank?: number; reduction?: ReductionName; zero_infinity?: boolean }

const CHECKING = '(while checking arguments for ctc_loss_cpu)';

function lengthsOf(v: Lengths): number[] {
  if (v instanceof Tensor) return Array.from(v.dataSync(), Math.trunc);
  return typeof v === 'number' ? [v] : [...v];
}

/**
 * The connectionist temporal classification loss: −log of the probability of the target over all
 * alignments of the input frames (blank between repeated labels), by the alpha recursion in log
 * space. `log_probs` (T, N, C) (or unbatched (T, C)) log-probabilities; `targets` padded (N, S) or
 * concatenated (sum of target lengths); lengths as tensors or arrays; options blank (0),
 * reduction ('mean' divides each loss by its target length, then averages), zero_infinity.
 * @example F.ctc_loss(logits.log_softmax(2), targets, [50, 50], [10, 8])
 */
export function ctc_loss(log_probs: Tensor, targets: Tensor, input_lengths: Lengths, target_lengths: Lengths, options: CtcLossOptions = {}): Tensor {
  const reduction = reductionOf(options.reduction);
  const blank = options.blank ?? 0, zeroInfinity = options.zero_infinity ?? false;
  const batched = log_probs._shape.length === 3;
  if (!batched && log_probs._shape.length !== 2) {
    throw new RuntimeError(`Expected 3-dimensional tensor, but got ${log_probs._shape.length + 1}-dimensional tensor for argument #1 'log_probs' ${CHECKING}`);
  }
  checkFloating(log_probs, 'ctc_loss');
  const tgtDims = targets._shape.length + (batched ? 0 : 1);
  if (tgtDims < 1 || tgtDims > 2) {
    throw new RuntimeError(`Expected 1 to 2 dimensions, but got ${tgtDims}-dimensional tensor for argument #2 'targets' ${CHECKING}`);
  }
  deviceOf(log_probs, targets);
  const [T, N, C] = batched ? log_probs._shape : [log_probs._shape[0], 1, log_probs._shape[1]];
  const inLens = lengthsOf(input_lengths), tgtLens = lengthsOf(target_lengths);
  if (!(blank >= 0 && blank < C)) throw new RuntimeError('blank must be in label range');
  if (inLens.length !== N) throw new RuntimeError('input_lengths must be of size batch_size');
  if (tgtLens.length !== N) throw new RuntimeError('target_lengths must be of size batch_size');
  const labels = Array.from(targets.dataSync(), Math.trunc);
  const padded = tgtDims === 2, width = padded ? (batched ? targets._shape[1] : targets._shape[0]) : 0;
  const maxTarget = Math.max(0, ...tgtLens);
  const offsets: number[] = [];
  let pos = 0;
  for (let b = 0; b < N; b++) { offsets.push(padded ? b * width : pos); pos += tgtLens[b]; }
  const rows = padded ? (batched ? targets._shape[0] : 1) : targets._shape[0];
  if (!padded && rows !== pos) {
    throw new RuntimeError(`Expected tensor to have size ${pos} at dimension 0, but got size ${rows} for argument #2 'targets' ${CHECKING}`);
  }
  if (padded && rows !== N) {
    throw new RuntimeError(`Expected tensor to have size ${N} at dimension 0, but got size ${rows} for argument #2 'targets' ${CHECKING}`);
  }
  if (padded && width < maxTarget) {
    throw new RuntimeError(`Expected tensor to have size at least ${maxTarget} at dimension 1, but got size ${width} for argument #2 'targets' ${CHECKING}`);
  }
  for (let b = 0; b < N; b++) {
    if (inLens[b] > T) throw new RuntimeError(`Expected input_lengths to have value at most ${T}, but got value ${inLens[b]} ${CHECKING}`);
    // ATen reads outside the tensors here; wasmgrad refuses
    if (inLens[b] < 0 || tgtLens[b] < 0) throw new RuntimeError(`ctc_loss: lengths must be non-negative, but got input length ${inLens[b]} and target length ${tgtLens[b]} for sample ${b}`);
    for (let s = 0; s < tgtLens[b]; s++) {
      const l = labels[offsets[b] + s];
      if (!(l >= 0 && l < C)) throw new RuntimeError(`ctc_loss: target label ${l} of sample ${b} is out of range for ${C} classes`);
    }
  }
  const dev = log_probs._dev;
  const lp = batched ? log_probs : log_probs.unsqueeze(1);
  const meta = inLens.flatMap((len, b) => [len, tgtLens[b], offsets[b]]);
  const th = dev.fromData(labels, [labels.length], DType.Int32), mh = dev.fromData(meta, [N, 3], DType.Int32);
  let res: Tensor;
  try {
    res = new Tensor(dev, dev.ctcLoss(lp.h, th, mh, maxTarget, blank, zeroInfinity ? 1 : 0), [N], log_probs._dtype);
  } finally {
    dev.release(th);
    dev.release(mh);
    if (lp !== log_probs) lp.dispose();
  }
  const losses = res;
  return composed((keep) => {
    let r = keep(losses);
    if (zeroInfinity) r = keep(where(keep(r.eq(Infinity)), keep(zeros_like(r)), r));
    if (reduction === Reduction.Mean) {
      const lengths = keep(keep(tensor(tgtLens, { dtype: log_probs.dtype, device: log_probs.device })).clamp_min(1));
      return keep(r.div(lengths)).mean();
    }
    if (reduction === Reduction.Sum) return r.sum();
    return batched ? r : r.squeeze(0);
  });
}
