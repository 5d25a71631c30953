// Comparisons (eq ne lt le gt ge and their aliases) and logical ops: any
// dtypes in, promoted to PyTorch's common dtype, a bool tensor out, never
// recorded (a bool result has no gradient in PyTorch either).

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { checkTensorArg, invalidCombination } from '../args.js';
import { broadcastShapes, sameShape } from '../shape.js';
import { Tensor, checkSameDevice } from '../tensor.js';
import { resultType, isIntegral, isFloating, fitsInt32, defaultFloat, DTYPES, type Operand } from '../dtype.js';
import { castTensor, castValues } from '../cast.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { tidy } from '../memory.js';
import { no_grad } from '../autograd.js';

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
  const nan = isnan(input), inf = isinf(input);
  const bad = logical_or(nan, inf);
  const out = logical_not(bad);
  for (const t of [nan, inf, bad]) t.dispose();
  return out;
}

// ---- isclose, allclose, equal (helper special): compositions, as ATen's isclose ----

const CLOSE_PARAMS = 'Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False';
const iscloseSchema = parseSchema(`isclose(${CLOSE_PARAMS}) -> Tensor`);
const allcloseSchema = parseSchema(`allclose(${CLOSE_PARAMS}) -> bool`);
const equalSchema = parseSchema('equal(Tensor input, Tensor other) -> bool');

/** The options of isclose and allclose. */
export interface CloseOptions { rtol?: number; atol?: number; equal_nan?: boolean }

/**
 * ATen's isclose: input == other, or (equal_nan) both NaN, or |input − other| finite and at most
 * atol + |rtol·other|, computed in the inputs' dtype (bools as the default float dtype).
 */
function closeness(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, other = a.other as Tensor, rtol = a.rtol as number, atol = a.atol as number;
  if (input._dtype !== other._dtype) {
    throw new RuntimeError(`${DTYPES[input._dtype]._scalarType} did not match ${DTYPES[other._dtype]._scalarType}`);
  }
  if (!(rtol >= 0)) throw new RuntimeError(`rtol must be greater than or equal to zero, but got ${rtol}`);
  if (!(atol >= 0)) throw new RuntimeError(`atol must be greater than or equal to zero, but got ${atol}`);
  return tidy(() => no_grad(() => {
    let close = eq(input, other);
    if (a.equal_nan && isFloating(input._dtype)) close = logical_or(close, logical_and(isnan(input), isnan(other)));
    if (rtol === 0 && atol === 0) return close;
    const [x, y] = input._dtype === DType.Bool ? [castTensor(input, defaultFloat()), castTensor(other, defaultFloat())] : [input, other];
    const allowed = y.mul(rtol).abs().add(atol);
    const actual = x.sub(y).abs();
    return logical_or(close, logical_and(isfinite(actual), le(actual, allowed)));
  }));
}

/** Whether a bool tensor is true everywhere; it is disposed. */
function allTrue(t: Tensor): boolean {
  const ok = (t.dataSync() as Int32Array).every((v) => v !== 0);
  t.dispose();
  return ok;
}

/**
 * Where input and other are close: |input − other| ≤ atol + rtol·|other| (broadcasting), a bool
 * tensor; `equal_nan` counts two NaNs as close.
 * @example
 * console.log(`${torch.isclose(torch.tensor([1, 2]), torch.tensor([1.000001, 2.1]))}`); // tensor([ True, False])
 */
export function isclose(input: Tensor, other: Tensor, rtol?: number, atol?: number, equal_nan?: boolean): Tensor;
export function isclose(input: Tensor, other: Tensor, options: CloseOptions): Tensor;
export function isclose(...args: unknown[]): Tensor { return closeness(bind(iscloseSchema, args, null)); }

/**
 * Whether isclose holds everywhere: a JS boolean.
 * @example
 * console.log(torch.allclose(torch.tensor([1, 2]), torch.tensor([1, 2.000001]))); // true
 */
export function allclose(input: Tensor, other: Tensor, rtol?: number, atol?: number, equal_nan?: boolean): boolean;
export function allclose(input: Tensor, other: Tensor, options: CloseOptions): boolean;
export function allclose(...args: unknown[]): boolean { return allTrue(closeness(bind(allcloseSchema, args, null))); }

/**
 * Whether input and other have the same size and elements (compared in their common dtype;
 * NaN is never equal): a JS boolean.
 * @example
 * console.log(torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2])), torch.equal(torch.ones(2), torch.ones(1))); // true false
 */
export function equal(input: Tensor, other: Tensor): boolean;
export function equal(...args: unknown[]): boolean { return equalBound(bind(equalSchema, args, null)); }

function equalBound(a: Record<string, unknown>): boolean {
  const input = a.input as Tensor, other = a.other as Tensor;
  checkSameDevice(input, other);
  return sameShape(input._shape, other._shape) && allTrue(compareTensors(Op.Eq, input, other));
}

/** @internal the Tensor methods: the schemas bound with self */
export const closeMethods = {
  isclose: (self: Tensor, args: unknown[]): Tensor => closeness(bind(iscloseSchema, args, self)),
  allclose: (self: Tensor, args: unknown[]): boolean => allTrue(closeness(bind(allcloseSchema, args, self))),
  equal: (self: Tensor, args: unknown[]): boolean => equalBound(bind(equalSchema, args, self)),
};
