// Derivatives of cat and stack (js device).

import type { JsRecord, JsTensor } from '../tensor.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const catBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('cat backward');
export const stackBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('stack backward');
