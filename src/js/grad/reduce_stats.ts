// Derivatives of reductions 2 (prod, var, std, nansum, norm), mirroring assembly/grad/reduce_stats.ts:
// one fused kernel (../ops/reduce_stats.ts). Not differentiable twice.

import { type JsRecord, type JsTensor, empty } from '../tensor.js';
import { saved, result } from './helpers.js';
import { reduce2Grad } from '../ops/reduce_stats.js';

type Floats = Float32Array | Float64Array;

// prod: g·(result / x) without zeros, else PyTorch's exclusive products (zeros for two zeros in the whole tensor);
// var: (2 / (n − correction))·g·(x − mean); std: var's of g / (2·result); nansum: g where x is not NaN;
// norm: PyTorch's norm_backward for every order
export const reduce2Backward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => {
  const x = saved(r, 0), out = empty(r.inputs[0].shape.slice(), g.dtype);
  reduce2Grad(r.op, x.data as Floats, x.shape, r.i0, g.data as Floats, result(r).data as Floats, out.data as Floats, r.s0, r.s1);
  return out;
};
