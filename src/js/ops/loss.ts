// Fused losses (js device).

import type { JsTensor } from '../tensor.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const mseLoss = (_i: JsTensor, _t: JsTensor, _red: number): JsTensor => todo('mse_loss');
export const binaryCrossEntropy = (_i: JsTensor, _t: JsTensor, _red: number): JsTensor => todo('binary_cross_entropy');
export const binaryCrossEntropyWithLogits = (_i: JsTensor, _t: JsTensor, _red: number): JsTensor => todo('binary_cross_entropy_with_logits');
export const nllLoss = (_i: JsTensor, _t: JsTensor, _red: number, _ignoreIndex: number): JsTensor => todo('nll_loss');
