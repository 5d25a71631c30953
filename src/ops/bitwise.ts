// Bitwise ops of integer and bool tensors (helper special): and, or, xor, not and the shifts,
// with a tensor or a number operand (either side), PyTorch's type promotion, never recorded.
// The integer kernels run them (assembly/kernels/typed.ts, src/js/kernels/typed.ts); a float
// result dtype is PyTorch's "not implemented" error, a left shift beyond int32 raises as the
// other integer arithmetic does (docs/api.md, int64 storage).

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import { Tensor, checkSameDevice } from '../tensor.js';
import { resultType, isFloating, DTYPES, type Operand } from '../dtype.js';
import { castTensor, castValues } from '../cast.js';
import { bind, bindOverloads, isOptions } from '../signature.js';
import { parseSchema, type Schema } from '../schema.js';

/** A number or Python bool operand of a bitwise op. */
export type BitwiseOther = Tensor | number | boolean;

/** Each op's PyTorch name and the name of its CPU kernel (in PyTorch's "not implemented" error). */
const NAMES: Partial<Record<Op, [string, string]>> = {
  [Op.BitwiseAnd]: ['bitwise_and', 'bitwise_and'], [Op.BitwiseOr]: ['bitwise_or', 'bitwise_or'],
  [Op.BitwiseXor]: ['bitwise_xor', 'bitwise_xor'], [Op.BitwiseLeftShift]: ['bitwise_left_shift', 'lshift'],
  [Op.BitwiseRightShift]: ['bitwise_right_shift', 'rshift'],
};

/** PyTorch's three overloads: (Tensor, Tensor), (Number self, Tensor), (Tensor, Number). */
const SCHEMAS: Partial<Record<Op, Schema[]>> = Object.fromEntries(Object.entries(NAMES).map(([op, [name]]) => [op, [
  parseSchema(`${name}(Tensor input, Tensor other) -> Tensor`),
  parseSchema(`${name}(Scalar self, Tensor other) -> Tensor`, false),
  parseSchema(`${name}(Tensor input, Scalar other) -> Tensor`),
]]));

const operandShape = (v: BitwiseOther): readonly number[] => (v instanceof Tensor ? v._shape : []);
const operand = (v: BitwiseOther): Operand => (v instanceof Tensor ? { dtype: v._dtype, zeroDim: v._shape.length === 0 } : v);
const notImplemented = (kernel: string, d: DType): RuntimeError =>
  new RuntimeError(`"${kernel}_cpu" not implemented for '${DTYPES[d]._scalarType}'`);

/** a (op) b once bound: both converted to the result dtype, which must be integral (or bool but for shifts). */
function bitwiseOf(op: Op, a: BitwiseOther, b: BitwiseOther): Tensor {
  const d = resultType([operand(a), operand(b)]);
  const kernel = NAMES[op]![1];
  if (isFloating(d) || (d === DType.Bool && kernel.endsWith('shift'))) throw notImplemented(kernel, d);
  const like = (a instanceof Tensor ? a : b) as Tensor;
  if (a instanceof Tensor && b instanceof Tensor) checkSameDevice(a, b);
  const shape = broadcastShapes(operandShape(a), operandShape(b)).slice();
  const temps: Tensor[] = [];
  const as = (v: BitwiseOther): Tensor => {
    const t = v instanceof Tensor ? castTensor(v, d, false) : new Tensor(like._dev, like._dev.fromData(castValues([+v], d), [], d), [], d);
    if (t !== v) temps.push(t);
    return t;
  };
  try {
    const x = as(a), y = as(b);
    return new Tensor(like._dev, like._dev.intBinary(op, x.h, y.h, 1), shape, d);
  } finally {
    for (const t of temps) t.dispose();
  }
}

/** @internal binds a call (self: a method's tensor) against the op's overloads, then runs it */
export function bitwise(op: Op, args: unknown[], self: Tensor | null): Tensor {
  const [k, a] = bindOverloads(SCHEMAS[op]!, args, self);
  if (k === 1) return bitwiseOf(op, a.self as number, a.other as Tensor);
  // binding reads a Python bool as a number; it promotes as a bool (bool_tensor & True is bool)
  const last = args[args.length - 1], given = isOptions(last) && 'other' in last ? last.other : args[self ? 0 : 1];
  return bitwiseOf(op, a.input as Tensor, typeof given === 'boolean' ? given : a.other as BitwiseOther);
}

/**
 * Bitwise AND of integer or bool tensors (or a number), broadcasting.
 * @example
 * console.log(`${torch.bitwise_and(torch.tensor([12, 10], { dtype: torch.long }), 6)}`); // tensor([4, 2])
 */
export function bitwise_and(input: Tensor | number, other: BitwiseOther): Tensor;
export function bitwise_and(...args: unknown[]): Tensor { return bitwise(Op.BitwiseAnd, args, null); }
/**
 * Bitwise OR of integer or bool tensors (or a number), broadcasting.
 * @example
 * console.log(`${torch.bitwise_or(torch.tensor([12, 10], { dtype: torch.long }), 1)}`); // tensor([13, 11])
 */
export function bitwise_or(input: Tensor | number, other: BitwiseOther): Tensor;
export function bitwise_or(...args: unknown[]): Tensor { return bitwise(Op.BitwiseOr, args, null); }
/**
 * Bitwise XOR of integer or bool tensors (or a number), broadcasting.
 * @example
 * console.log(`${torch.bitwise_xor(torch.tensor([12, 10], { dtype: torch.long }), 6)}`); // tensor([10, 12])
 */
export function bitwise_xor(input: Tensor | number, other: BitwiseOther): Tensor;
export function bitwise_xor(...args: unknown[]): Tensor { return bitwise(Op.BitwiseXor, args, null); }
/**
 * input · 2^other for integer tensors; a result beyond int32 raises (int64 is stored as int32).
 * @example
 * console.log(`${torch.bitwise_left_shift(torch.tensor([1, -3], { dtype: torch.long }), 2)}`); // tensor([  4, -12])
 */
export function bitwise_left_shift(input: Tensor | number, other: BitwiseOther): Tensor;
export function bitwise_left_shift(...args: unknown[]): Tensor { return bitwise(Op.BitwiseLeftShift, args, null); }
/**
 * Arithmetic right shift (floor of input / 2^other) of integer tensors.
 * @example
 * console.log(`${torch.bitwise_right_shift(torch.tensor([8, -8], { dtype: torch.long }), 2)}`); // tensor([ 2, -2])
 */
export function bitwise_right_shift(input: Tensor | number, other: BitwiseOther): Tensor;
export function bitwise_right_shift(...args: unknown[]): Tensor { return bitwise(Op.BitwiseRightShift, args, null); }

/**
 * Bitwise NOT: −x − 1 for integers, logical not for bools.
 * @example
 * console.log(`${torch.bitwise_not(torch.tensor([0, 5], { dtype: torch.long }))}`); // tensor([-1, -6])
 */
export function bitwise_not(input: Tensor): Tensor;
export function bitwise_not(...args: unknown[]): Tensor { return bitwiseNot(bind(notSchema, args, null).input as Tensor); }

const notSchema = parseSchema('bitwise_not(Tensor input) -> Tensor');
/** @internal the method: no arguments after self */
export const bitwiseNotOf = (self: Tensor, args: unknown[]): Tensor => bitwiseNot(bind(notSchema, args, self).input as Tensor);

function bitwiseNot(input: Tensor): Tensor {
  if (isFloating(input._dtype)) throw notImplemented('bitwise_not', input._dtype);
  return bitwiseOf(Op.BitwiseXor, input, input._dtype === DType.Bool ? true : -1);
}
