// PyTorch's NotImplemented node (Op.NoDerivative), as assembly/grad/no_derivative.ts: under
// create_graph the margin losses', ctc_loss's and embedding_bag's gradients carry it, and a later
// backward that reaches it raises PyTorch's "derivative for ... is not implemented".

import { Op, NoDerivativeOf } from '../../../abi/abi.js';
import { noDerivative } from '../../errors.js';
import { record, type JsRecord, type JsTensor } from '../tensor.js';
import { multiMarginLossBackward as marginGrad, multilabelMarginLossBackward as labelGrad } from '../ops/margin_loss.js';
import { ctcLossBackward as ctcGrad } from '../ops/ctc_loss.js';
import { embeddingBagBackward as bagGrad } from '../ops/embedding_bag.js';

const MAX = 2; // embedding_bag's mode 'max' (BagMode)

/** `out` behind a NotImplemented node when grad mode records and an input it was computed from takes part in a graph. */
export function refuseAbove(kind: NoDerivativeOf, out: JsTensor, inputs: (JsTensor | null | undefined)[]): JsTensor {
  const r = record(Op.NoDerivative, out, inputs.filter((t): t is JsTensor => !!t));
  if (r) r.i0 = kind;
  return out;
}

/** An input derivatives.yaml marks not_implemented("..."): PyTorch's NotImplementedError naming it (kind: NoDerivativeOf). */
export function notImplemented(kind: number): JsTensor { throw noDerivative(kind); }

export function noDerivativeBackward(r: JsRecord, _g: JsTensor, _k?: number): JsTensor { throw noDerivative(r.i0); }

export const multiMarginLossBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  refuseAbove(NoDerivativeOf.MultiMarginLoss, marginGrad(r, g, k), [g, r.saved[0]]);
export const multilabelMarginLossBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  refuseAbove(NoDerivativeOf.MultilabelMarginLoss, labelGrad(r, g, k), [g, r.saved[0]]);
export const ctcLossBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor =>
  refuseAbove(NoDerivativeOf.CtcLoss, ctcGrad(r, g, k), [g, r.saved[0]]);
// per_sample_weights' gradient reads weight; weight's reads per_sample_weights ('sum' mode)
export const embeddingBagBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor => (k === 1
  ? refuseAbove(NoDerivativeOf.EmbeddingBagPerSampleWeights, bagGrad(r, g, k), [g, r.saved[2]])
  : refuseAbove(NoDerivativeOf.EmbeddingBagDense, bagGrad(r, g, k), [g, r.i0 !== MAX ? r.saved[3] : null]));
