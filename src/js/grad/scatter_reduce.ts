// The derivative of torch.scatter_reduce (src/js/ops/scatter_reduce.ts), as
// assembly/grad/scatter_reduce.ts: one kernel without create_graph, PyTorch's scatter_reduce_backward
// of recorded flat gathers and scatters with it.

import { Op, DType, NoDerivativeOf } from '../../../abi/abi.js';
import { JsTensor, empty, isGradEnabled, type JsRecord } from '../tensor.js';
import { scatterReduceBackward as compute, scatterReduce } from '../ops/scatter_reduce.js';
import { gatherFlat, scatterFlat } from '../ops/gather.js';
import { compare } from '../ops/compare.js';
import { ternary } from '../ops/ternary.js';
import { mul, div } from './helpers.js';
import { refuseAbove } from './no_derivative.js';

const SUM = 0, PROD = 1, MEAN = 2;

export function scatterReduceBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const x = r.saved[0]!, index = r.saved[1]!, src = r.saved[2]!, res = r.out, mode = r.i0, inc = r.i1 !== 0;
  if (!isGradEnabled()) return compute(k, g, x, src, res, index, mode, inc);
  const out = recorded(k, g, x, src, res, index, mode, inc);
  // !include_self: self's scattered positions took no part (grad_self.scatter(dim, index, 0))
  return k === 0 && !inc ? scatterFlat(Op.Scatter, out, filled(src.shape, g.dtype, 0), index, false, 1) : out;
}

function recorded(k: number, g: JsTensor, x: JsTensor, src: JsTensor, res: JsTensor, index: JsTensor, mode: number, inc: boolean): JsTensor {
  const at = (t: JsTensor, fill = 0): JsTensor => gatherFlat(Op.Gather, t, null, index, src.shape.slice(), fill, false);
  const addAt = (base: JsTensor, s: JsTensor): JsTensor => scatterFlat(Op.ScatterAdd, base, s, index, true, 1);
  const one = filled([], g.dtype, 1), zero = filled([], g.dtype, 0);
  const mask = (cond: JsTensor): JsTensor => ternary(Op.Where, cond, one, zero, 0, cond.shape.slice());
  const where = (cond: JsTensor, a: JsTensor, b: JsTensor, like: JsTensor): JsTensor => ternary(Op.Where, cond, a, b, 0, like.shape.slice());
  const eq = (a: JsTensor, b: JsTensor): JsTensor => compare(Op.Eq, a, b);
  if (mode === SUM) return k === 0 ? g : at(g);
  if (mode === MEAN) {
    const n0 = addAt(filled(x.shape, g.dtype, inc ? 1 : 0), filled(src.shape, g.dtype, 1));
    const n = where(eq(n0, zero), one, n0, n0);
    return k === 0 ? div(g, n) : div(at(g), at(n, 1));
  }
  if (mode === PROD) {
    if (k === 0) {
      const ms = where(eq(x, zero), one, x, x);
      return div(mul(g, scatterReduce(ms, src, index, PROD, inc)), ms);
    }
    const srcZero = eq(src, zero), zeros = at(addAt(filled(x.shape, g.dtype, 0), mask(srcZero)));
    // PyTorch's DelayedError: the first order holds, the next one raises
    if (zeros.data.some((v) => v > 1)) return refuseAbove(NoDerivativeOf.ScatterReduceZeros, compute(1, g, x, src, res, index, PROD, inc), [g, x, src]);
    const single = eq(mul(mask(srcZero), mask(eq(zeros, one))), one);
    const lone = at(mul(g, scatterReduce(x, where(single, one, src, src), index, PROD, inc)));
    return where(single, lone, div(at(mul(g, res)), where(srcZero, one, src, src)), src);
  }
  // amax / amin: ties share the gradient, self's counted
  const selfIs = mask(eq(x, res)), srcIs = mask(eq(src, at(res)));
  const gd = div(g, addAt(selfIs, srcIs));
  return k === 0 ? mul(selfIs, gd) : mul(srcIs, at(gd));
}

function filled(shape: number[], dtype: DType, v: number): JsTensor {
  const t = empty(shape.slice(), dtype);
  t.data.fill(v);
  return t;
}
