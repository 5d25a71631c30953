// Reductions beyond sum/mean, and the softmax family (js device).

import type { Op } from '../../shared/abi.js';
import type { JsTensor } from '../tensor.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const amax = (_a: JsTensor, _mask: number, _keepdim: boolean): JsTensor => todo('amax');
export const maxAll = (_a: JsTensor): JsTensor => todo('max');
export const maxDim = (_a: JsTensor, _dim: number, _keepdim: boolean): [JsTensor, JsTensor] => todo('max(dim)');
export const logsumexp = (_a: JsTensor, _mask: number, _keepdim: boolean): JsTensor => todo('logsumexp');
export const softmax = (_op: Op, _a: JsTensor, _dim: number): JsTensor => todo('softmax');
