// Optimizer updates (js device), in place, torch.optim's single-tensor formulas.

import type { JsTensor } from '../tensor.js';
import type { SgdParams, AdamParams } from '../../device.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const sgdStep = (_p: JsTensor, _g: JsTensor, _buf: JsTensor | null, _o: SgdParams): void => todo('SGD');
export const adamStep = (_p: JsTensor, _g: JsTensor, _m: JsTensor, _v: JsTensor, _o: AdamParams): void => todo('Adam');
