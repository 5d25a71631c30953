// Derivatives of the matrix products (js device).

import type { JsRecord, JsTensor } from '../tensor.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const mmBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('mm backward');
export const bmmBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('bmm backward');
export const mvBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('mv backward');
export const dotBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('dot backward');
export const addmmBackward = (_r: JsRecord, _g: JsTensor, _k: number): JsTensor => todo('addmm backward');
