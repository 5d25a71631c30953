// Derivatives of reductions 2 (prod, var, std, nansum, norm), mirroring assembly/grad/reduce_stats.ts:
// one fused kernel (../ops/reduce_stats.ts); under create_graph prod, var, std and nansum are
// PyTorch's formulas from recorded ops, so they can be differentiated again.

import { Op, DType } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, empty, isGradEnabled } from '../tensor.js';
import { saved, result, mul, div, sub, mulS, powS, un, zerosLike, unreduce, zeroWhereZero } from './helpers.js';
import { hits } from './reduce.js';
import { sum, reducedCount, view } from '../ops.js';
import { split } from '../ops/reduce.js';
import { scan } from '../ops/scan.js';
import { gatherFlat } from '../ops/gather.js';
import { reversedScan } from './scan.js';
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

/**
 * prod and prod(dim); under create_graph PyTorch's prod_backward from recorded ops: g·(result / x)
 * without a zero in x, else prod_safe_zeros_backward, g times the products before and after each
 * element along dim (the whole tensor's flattened), each a cumprod of x shifted by one with 1 let in.
 */
export function prodBackward(r: JsRecord, g: JsTensor, k?: number): JsTensor {
  const x = saved(r, 0);
  if (!isGradEnabled()) return reduce2Backward(r, g, k);
  if (x.shape.length === 0) return g;
  if (!x.data.some((v) => v === 0)) return mul(unreduce(r, g), div(unreduce(r, result(r)), x));
  if (r.op === Op.ProdDim) return mul(unreduce(r, g), exclusiveProducts(x, 31 - Math.clz32(r.i0)));
  return mul(unreduce(r, g), view(Op.View, exclusiveProducts(view(Op.View, x, [x.numel]), 0), x.shape.slice()));
}

/** Π_{i<k} x[i] · Π_{i>k} x[i] at each k along dim, as prod_safe_zeros_backward's cumprods. */
function exclusiveProducts(x: JsTensor, dim: number): JsTensor {
  const [outer, n, inner] = split(x.shape, dim), before = empty(x.shape.slice(), DType.Int32), after = empty(x.shape.slice(), DType.Int32);
  for (let at = 0, o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < inner; i++, at++) { before.data[at] = j > 0 ? at - inner : -1; after.data[at] = j < n - 1 ? at + inner : -1; }
    }
  }
  const shifted = (index: JsTensor): JsTensor => gatherFlat(Op.MaskedFill, x, null, index, x.shape.slice(), 1, false);
  return mul(scan(Op.Cumprod, shifted(before), dim)[0], reversedScan(Op.Cumprod, shifted(after), dim));
}

/** var, std, var_mean, std_mean, as on the wasm device (varBackward there). */
export function varBackward(r: JsRecord, g: JsTensor, k?: number): JsTensor {
  if (!isGradEnabled()) return reduce2Backward(r, g, k);
  const x = saved(r, 0), res = result(r), std = r.op === Op.Std || r.op === Op.StdMean;
  const gv = std ? zeroWhereZero(res, div(g, mulS(res, 2))) : g;
  // the factor goes on g before g is spread back, as in ATen: a second derivative through g sums
  // before it meets an infinite factor
  const dof = reducedCount(x.shape, r.i0) - r.s0;
  if ((r.s1 || !x.shape.length) && dof <= 0 && x.numel > 0) return unreduce(r, mulS(gv, Infinity));
  return mul(unreduce(r, mulS(gv, 2 / dof)), sub(x, sum(Op.MeanDim, x, r.i0, true)));
}

/** nansum; under create_graph PyTorch's nansum_backward, g·(x is not NaN), from recorded ops. */
export function nansumBackward(r: JsRecord, g: JsTensor, k?: number): JsTensor {
  if (!isGradEnabled()) return reduce2Backward(r, g, k);
  const x = saved(r, 0), m = empty(x.shape.slice(), x.dtype);
  x.data.forEach((v, i) => { m.data[i] = v === v ? 1 : 0; });
  return mul(unreduce(r, g), m);
}

/** norm and linalg.vector_norm (s0 = p); under create_graph normRecorded. */
export function vectorNormBackward(r: JsRecord, g: JsTensor, k?: number): JsTensor {
  if (!isGradEnabled()) return reduce2Backward(r, g, k);
  return normRecorded(r, g, saved(r, 0), result(r), r.s0, r.i0, r.i1);
}

/** PyTorch's norm_backward from recorded ops (create_graph), as on the wasm device (normRecorded there). */
export function normRecorded(r: JsRecord, g: JsTensor, x: JsTensor, res: JsTensor, p: number, mask: number, keepdim: number): JsTensor {
  const spread = (t: JsTensor): JsTensor => unreduce(r, t, mask, keepdim);
  if (p === 0) return zerosLike(x);
  const sgn = un(Op.Sgn, x);
  if (p === 1) return mul(sgn, spread(g));
  if (p === 2) {
    const n = spread(res);
    return mul(spread(g), zeroWhereZero(n, div(x, n)));
  }
  if (p === Infinity || p === -Infinity) {
    const h = hits(x, res, mask, true, true);
    return mul(sgn, mul(spread(div(g, sum(Op.SumDim, h, mask, keepdim !== 0))), h));
  }
  const ax = un(Op.Abs, x);
  if (p < 1) return mul(mul(mul(sgn, zeroWhereZero(x, powS(ax, p - 1))), spread(g)), spread(powS(res, 1 - p)));
  const scaled = p < 2 ? mul(sgn, powS(ax, p - 1)) : mul(x, powS(ax, p - 2));
  return mul(scaled, spread(zeroWhereZero(res, div(g, powS(res, p - 1)))));
}
