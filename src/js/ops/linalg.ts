// Matrix products (js device), on the gemm kernel in ../gemm.ts.

import type { Op } from '../../shared/abi.js';
import type { JsTensor } from '../tensor.js';
import { NotImplementedError } from '../../errors.js';

const todo = (what: string): never => { throw new NotImplementedError(`wasmgrad: ${what} is not implemented on the js device yet`); };

export const matmul = (_op: Op, _a: JsTensor, _b: JsTensor): JsTensor => todo('matmul');
export const linear = (_x: JsTensor, _w: JsTensor, _bias: JsTensor | null): JsTensor => todo('linear');
