// cat and stack (js device).

import type { Op } from '../../shared/abi.js';
import type { JsTensor } from '../tensor.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const cat = (_op: Op, _ts: JsTensor[], _dim: number): JsTensor => todo('cat');
