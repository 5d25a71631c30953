// Derivatives of the scans (cumsum, cumprod, cummax, cummin, logcumsumexp): one fused kernel
// each (ops/scan.ts), into a fresh input-shaped tensor. Not differentiable twice.

import { Op, Err } from '../../abi/abi';
import { newTensor, dataOf, numelOf, dtypeOf } from '../tensors';
import { inNdim, inShape, recOp } from '../tape';
import { T, saved, result, same, i0 } from './helpers';
import { dimSize } from '../ops/reduce';
import { scanGrad } from '../ops/scan';

// cumsum: g's reversed cumsum; cumprod: PyTorch's cumprod_backward (zeros handled exactly);
// cummax/cummin: g scatter-added to the indices; logcumsumexp: PyTorch's logcumsumexp_backward.
// g itself where PyTorch returns it: cumsum/cumprod of ≤ 1 element or along a dim of size 1,
// logcumsumexp of a 0-d or empty tensor
export function scanBackward(r: usize, g: i32, k: i32): i32 {
  const op = recOp(r), nd = inNdim(r, 0), shape = inShape(r, 0), dim = i0(r), n = numelOf(g);
  if ((op == Op.Cumsum || op == Op.Cumprod) && (n <= 1 || dimSize(nd, shape, dim) == 1)) return same(g);
  if (op == Op.Logcumsumexp && (nd == 0 || n == 0)) return same(g);
  const res = op == Op.Cumprod || op == Op.Logcumsumexp ? result(r) : 0;
  if (res < 0) return res;
  const out = T(newTensor(nd, shape, dtypeOf(g)));
  if (out <= 0) return Err.OutOfMemory;
  const withIdx = op == Op.Cummax || op == Op.Cummin;
  const x = res ? dataOf(saved(r, 0)) : 0, idx = withIdx ? dataOf(saved(r, 0)) : 0;
  scanGrad(op, x, res ? dataOf(res) : 0, idx, g, out, nd, shape, dim);
  return out;
}
