// Comparisons (eq ne lt le gt ge and their aliases) and logical ops: any
// dtypes in, promoted to PyTorch's common dtype, a bool tensor out, never
// recorded (a bool result has no gradient in PyTorch either).

import { Op, DType } from '../../abi/abi.js';
import { checkTensorArg, invalidCombination } from '../args.js';
import { broadcastShapes } from '../shape.js';
import { Tensor, checkSameDevice } from '../tensor.js';
import { resultType, isIntegral, fitsInt32, type Operand } from '../dtype.js';
import { castTensor, castValues } from '../cast.js';

/** The other operand of a comparison: a tensor or a number (Python's Number: bools count). */
export type CompareOther = Tensor | number | boolean;

const operand = (t: Tensor): Operand => ({ dtype: t._dtype, zeroDim: t._shape.length === 0 });

/** A 0-d tensor holding c as dtype d (the scalar operand of a comparison). */
function scalarTensor(like: Tensor, c: number, d: DType): Tensor {
  return new Tensor(like._dev, like._dev.fromData(castValues([c], d), [], d), [], d);
}

/**
 * `input (op) other` as a bool tensor, after converting both to their common dtype
 * (result_type). An integer compared with a number beyond int32 is compared in
 * float64, which is exact for both, so the int32 storage of int64 never shows.
 */
export function compareTensors(op: Op, input: Tensor, other: Tensor | number): Tensor {
  const dev = input._dev;
  const temps: Tensor[] = [];
  const as = (t: Tensor, d: DType): Tensor => {
    const c = castTensor(t, d, false);
    if (c !== t) temps.push(c);
    return c;
  };
  try {
    let a: Tensor, b: Tensor;
    if (other instanceof Tensor) {
      checkSameDevice(input, other);
      broadcastShapes(input._shape, other._shape);
      const common = resultType([operand(input), operand(other)]);
      a = as(input, common);
      b = as(other, common);
    } else {
      let common = resultType([operand(input), other]);
      if (isIntegral(common) && !fitsInt32(other)) common = DType.Float64;
      a = as(input, common);
      b = scalarTensor(input, other, common);
      temps.push(b);
    }
    const h = dev.compare(op, a.h, b.h);
    return new Tensor(dev, h, broadcastShapes(a._shape, b._shape).slice(), DType.Bool);
  } finally {
    for (const t of temps) t.dispose();
  }
}

/** Checks a comparison's arguments as PyTorch's parser does, then compares. */
function comparison(op: Op, name: string, input: unknown, other: unknown, method: boolean): Tensor {
  if (!method) checkTensorArg(name, 'input', 1, input);
  const x = input as Tensor;
  if (other instanceof Tensor) return compareTensors(op, x, other);
  if (typeof other === 'number' || typeof other === 'boolean') return compareTensors(op, x, +other);
  throw method
    ? invalidCombination(name, [other], {}, ['(Tensor other)', '(Number other)'])
    : invalidCombination(name, [input, other], {}, ['(Tensor input, Tensor other, *, Tensor out)', '(Tensor input, Number other, *, Tensor out)']);
}

/**
 * `input == other` elementwise, broadcasting; other may be a number. A bool tensor.
 * @example
 * console.log(`${torch.eq(torch.tensor([1, 2]), 2)}`); // tensor([False,  True])
 */
export function eq(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Eq, 'eq', input, other, method); }
/**
 * `input != other` elementwise (NaN != NaN is true). A bool tensor.
 * @example
 * console.log(`${torch.ne(torch.tensor([1, 2]), 2)}`); // tensor([ True, False])
 */
export function ne(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Ne, 'ne', input, other, method); }
/**
 * `input < other` elementwise. A bool tensor.
 * @example
 * console.log(`${torch.lt(torch.tensor([1, 2]), 2)}`); // tensor([ True, False])
 */
export function lt(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Lt, 'lt', input, other, method); }
/**
 * `input <= other` elementwise. A bool tensor.
 * @example
 * console.log(`${torch.le(torch.tensor([1, 3]), 2)}`); // tensor([ True, False])
 */
export function le(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Le, 'le', input, other, method); }
/**
 * `input > other` elementwise. A bool tensor.
 * @example
 * console.log(`${torch.gt(torch.tensor([1, 3]), 2)}`); // tensor([False,  True])
 */
export function gt(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Gt, 'gt', input, other, method); }
/**
 * `input >= other` elementwise. A bool tensor.
 * @example
 * console.log(`${torch.ge(torch.tensor([1, 2]), 2)}`); // tensor([False,  True])
 */
export function ge(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Ge, 'ge', input, other, method); }
/**
 * PyTorch's alias of {@link ne}.
 * @example
 * console.log(`${torch.not_equal(torch.tensor([1, 2]), 2)}`); // tensor([ True, False])
 */
export function not_equal(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Ne, 'not_equal', input, other, method); }
/**
 * PyTorch's alias of {@link gt}.
 * @example
 * console.log(`${torch.greater(torch.tensor([1, 3]), 2)}`); // tensor([False,  True])
 */
export function greater(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Gt, 'greater', input, other, method); }
/**
 * PyTorch's alias of {@link ge}.
 * @example
 * console.log(`${torch.greater_equal(torch.tensor([1, 2]), 2)}`); // tensor([False,  True])
 */
export function greater_equal(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Ge, 'greater_equal', input, other, method); }
/**
 * PyTorch's alias of {@link lt}.
 * @example
 * console.log(`${torch.less(torch.tensor([1, 2]), 2)}`); // tensor([ True, False])
 */
export function less(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Lt, 'less', input, other, method); }
/**
 * PyTorch's alias of {@link le}.
 * @example
 * console.log(`${torch.less_equal(torch.tensor([1, 3]), 2)}`); // tensor([ True, False])
 */
export function less_equal(input: Tensor, other: CompareOther, method = false): Tensor { return comparison(Op.Le, 'less_equal', input, other, method); }

/** A logical op of two tensors: each element is true when nonzero (NaN too). */
function logical(op: Op, name: string, input: unknown, other: unknown, method: boolean): Tensor {
  if (!method) checkTensorArg(name, 'input', 1, input);
  checkTensorArg(name, 'other', method ? 1 : 2, other);
  return compareTensors(op, input as Tensor, other);
}

/**
 * True where both elements are nonzero, broadcasting. A bool tensor.
 * @example
 * console.log(`${torch.logical_and(torch.tensor([0, 1, 2]), torch.tensor([1, 1, 0]))}`); // tensor([False,  True, False])
 */
export function logical_and(input: Tensor, other: Tensor, method = false): Tensor { return logical(Op.LogicalAnd, 'logical_and', input, other, method); }
/**
 * True where either element is nonzero, broadcasting. A bool tensor.
 * @example
 * console.log(`${torch.logical_or(torch.tensor([0, 0, 2]), torch.tensor([0, 1, 0]))}`); // tensor([False,  True,  True])
 */
export function logical_or(input: Tensor, other: Tensor, method = false): Tensor { return logical(Op.LogicalOr, 'logical_or', input, other, method); }
/**
 * True where exactly one element is nonzero, broadcasting. A bool tensor.
 * @example
 * console.log(`${torch.logical_xor(torch.tensor([0, 1, 2]), torch.tensor([1, 1, 0]))}`); // tensor([ True, False,  True])
 */
export function logical_xor(input: Tensor, other: Tensor, method = false): Tensor { return logical(Op.LogicalXor, 'logical_xor', input, other, method); }
/**
 * True where the element is zero. A bool tensor.
 * @example
 * console.log(`${torch.logical_not(torch.tensor([0, 1.5]))}`); // tensor([ True, False])
 */
export function logical_not(input: Tensor): Tensor {
  checkTensorArg('logical_not', 'input', 1, input);
  return compareTensors(Op.Eq, input, 0);
}

// ---- isnan, isinf, isfinite, isposinf, isneginf: composed of comparisons, as their values are ----

/**
 * Where input is NaN (a bool tensor; integers and bools never are).
 * @example torch.isnan(torch.tensor([1, NaN]))
 */
export function isnan(input: Tensor): Tensor {
  checkTensorArg('isnan', 'input', 1, input);
  return ne(input, input);
}

/** Where input is +inf or −inf (bool). @example torch.isinf(x) */
export function isinf(input: Tensor): Tensor {
  checkTensorArg('isinf', 'input', 1, input);
  const pos = eq(input, Infinity), neg = eq(input, -Infinity);
  const out = logical_or(pos, neg);
  pos.dispose();
  neg.dispose();
  return out;
}

/** Where input is +inf (bool). @example torch.isposinf(x) */
export function isposinf(input: Tensor): Tensor {
  checkTensorArg('isposinf', 'input', 1, input);
  return eq(input, Infinity);
}

/** Where input is −inf (bool). @example torch.isneginf(x) */
export function isneginf(input: Tensor): Tensor {
  checkTensorArg('isneginf', 'input', 1, input);
  return eq(input, -Infinity);
}

/** Where input is neither NaN nor ±inf (bool). @example torch.isfinite(x) */
export function isfinite(input: Tensor): Tensor {
  checkTensorArg('isfinite', 'input', 1, input);
  // comparisons only, which every dtype has
  const bad = logical_or(isnan(input), isinf(input));
  const out = logical_not(bad);
  bad.dispose();
  return out;
}
