// Derivatives of the reductions and the softmax family (js device).

import type { JsRecord, JsTensor } from '../tensor.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const amaxBackward = (_r: JsRecord, _g: JsTensor): JsTensor => todo('amax backward');
export const maxAllBackward = (_r: JsRecord, _g: JsTensor): JsTensor => todo('max backward');
export const maxDimBackward = (_r: JsRecord, _g: JsTensor): JsTensor => todo('max(dim) backward');
export const logsumexpBackward = (_r: JsRecord, _g: JsTensor): JsTensor => todo('logsumexp backward');
export const softmaxBackward = (_r: JsRecord, _g: JsTensor): JsTensor => todo('softmax backward');
export const logSoftmaxBackward = (_r: JsRecord, _g: JsTensor): JsTensor => todo('log_softmax backward');
