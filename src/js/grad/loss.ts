// Derivatives of the fused losses (js device).

import type { JsRecord, JsTensor } from '../tensor.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const mseLossBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('mse_loss backward');
export const bceBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('binary_cross_entropy backward');
export const bceWithLogitsBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('binary_cross_entropy_with_logits backward');
export const nllLossBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('nll_loss backward');
