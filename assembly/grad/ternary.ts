// Derivatives of the ternary ops, as PyTorch's derivatives.yaml (the js device's
// src/js/grad/ternary.ts is the same); every gradient is summed back to its input's shape:
//
//   where       self: where(condition, g, 0)   other: where(condition, 0, g)
//   lerp        self: g·(1 − weight)   end: g·weight   weight: g·(end − self)
//   addcmul     self: g   tensor1: g·(tensor2·value)   tensor2: g·(tensor1·value)
//   addcdiv     self: g   tensor1: g·(value / tensor2)   tensor2: −g·(value·tensor1 / (tensor2·tensor2))

import { Op, DType } from '../../abi/abi';
import { newTensor, dataOf, ndimOf, shapePtr, dtypeOf } from '../tensors';
import { recOp, recS0 } from '../tape';
import { SPARE } from '../scratch';
import { ternaryAt } from '../ops/ternary';
import { T, saved, sumTo, mul, sub, div, neg, mulS, rsubS, un } from './helpers';

function gradient(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const v = recS0(r);
  switch (recOp(r)) {
    case Op.Where: {
      const zero = T(newTensor(0, SPARE, dtypeOf(g)));
      if (zero < 0) return zero;
      if (dtypeOf(g) == DType.Float64) store<f64>(dataOf(zero), 0);
      else store<f32>(dataOf(zero), 0);
      const cond = saved(r, 0), nd = ndimOf(g), shape = shapePtr(g);
      return T(k == 0 ? ternaryAt(Op.Where, cond, g, zero, 0, nd, shape) : ternaryAt(Op.Where, cond, zero, g, 0, nd, shape));
    }
    case Op.LerpTensor: {
      const self = saved(r, 0), end = saved(r, 1), weight = saved(r, 2);
      return k == 0 ? mul(g, rsubS(weight, 1)) : k == 1 ? mul(g, weight) : mul(g, sub(end, self));
    }
    case Op.Addcmul: return k == 0 ? g : mul(g, mulS(saved(r, 3 - k), v));
    case Op.Addcdiv: {
      if (k == 0) return g;
      const t1 = saved(r, 1), t2 = saved(r, 2);
      if (k == 1) return mul(g, mulS(un(Op.Reciprocal, t2), v));
      return mul(neg(g), div(mulS(t1, v), mul(t2, t2)));
    }
    default: unreachable();
  }
  return 0;
}

export function ternaryBackward(r: usize, g: i32, k: i32): i32 {
  return sumTo(r, k, gradient(r, g, k));
}
