// Derivatives of the ternary ops (js device), as PyTorch's derivatives.yaml, mirroring
// assembly/grad/ternary.ts; every gradient is summed back to its input's shape:
//
//   where       self: where(condition, g, 0)   other: where(condition, 0, g)
//   lerp        self: g·(1 − weight)   end: g·weight   weight: g·(end − self)
//   addcmul     self: g   tensor1: g·(tensor2·value)   tensor2: g·(tensor1·value)
//   addcdiv     self: g   tensor1: g·(value / tensor2)   tensor2: −g·(value·tensor1 / (tensor2·tensor2))

import { Op } from '../../../abi/abi.js';
import { type JsRecord, type JsTensor, empty } from '../tensor.js';
import { ternary } from '../ops/ternary.js';
import { saved, sumTo, mul, sub, div, neg, mulS, rsubS, un } from './helpers.js';

function gradient(r: JsRecord, g: JsTensor, k: number): JsTensor {
  const v = r.s0;
  switch (r.op) {
    case Op.Where: {
      const zero = empty([], g.dtype);
      return k === 0 ? ternary(Op.Where, saved(r, 0), g, zero, 0, g.shape) : ternary(Op.Where, saved(r, 0), zero, g, 0, g.shape);
    }
    case Op.LerpTensor: {
      const [self, end, weight] = [saved(r, 0), saved(r, 1), saved(r, 2)];
      return k === 0 ? mul(g, rsubS(weight, 1)) : k === 1 ? mul(g, weight) : mul(g, sub(end, self));
    }
    case Op.Addcmul: return k === 0 ? g : mul(g, mulS(saved(r, 3 - k), v));
    case Op.Addcdiv: {
      const t1 = saved(r, 1), t2 = saved(r, 2);
      if (k === 0) return g;
      if (k === 1) return mul(g, mulS(un(Op.Reciprocal, t2), v));
      return mul(neg(g), div(mulS(t1, v), mul(t2, t2)));
    }
    default: throw new Error(`ternaryBackward: op ${r.op}`);
  }
}

export const ternaryBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor => sumTo(r, k, gradient(r, g, k));
