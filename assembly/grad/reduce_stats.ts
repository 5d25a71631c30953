// Derivatives of reductions 2 (prod, var, std, nansum, norm): one fused kernel each
// (ops/reduce_stats.ts), into a fresh input-shaped tensor. Not differentiable twice.

import { Err } from '../../abi/abi';
import { newTensor, dataOf, dtypeOf } from '../tensors';
import { inNdim, inShape, recOp } from '../tape';
import { T, saved, result, i0, s0, s1 } from './helpers';
import { reduce2Grad } from '../ops/reduce_stats';

// prod: g·(result / x) without zeros, else PyTorch's exclusive products (zeros for two zeros in the whole tensor);
// var: (2 / (n − correction))·g·(x − mean); std: var's of g / (2·result); nansum: g where x is not NaN;
// norm: PyTorch's norm_backward for every order
export function reduce2Backward(r: usize, g: i32, k: i32): i32 {
  const res = result(r);
  if (res < 0) return res;
  const out = T(newTensor(inNdim(r, 0), inShape(r, 0), dtypeOf(g)));
  if (out <= 0) return Err.OutOfMemory;
  const ok = reduce2Grad(recOp(r), saved(r, 0), inNdim(r, 0), inShape(r, 0), i0(r), dataOf(g), dataOf(res), out, s0(r), <i32>s1(r));
  return ok ? out : Err.OutOfMemory;
}
