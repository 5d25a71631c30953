// Elementwise arithmetic on operands that are not of one float dtype: PyTorch's
// type promotion picks the result dtype (int64 + float32 → float32, int + 2.5 →
// float32, float32 + float64 → float64, bool + bool → bool), the operands are
// converted to it, and then the float kernels (recorded, as before) or the
// integer ones (never recorded) run. elementwise.ts sends here only what is
// not all-float32 or all-float64, so the hot path pays two dtype comparisons.

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import { Tensor } from '../tensor.js';
import { resultType, isFloating, defaultFloat, DTYPES, type Operand, type TorchDtype } from '../dtype.js';
import { invalidCombination } from '../args.js';
import { castTensor, castValues } from '../cast.js';
import { INT_OVERFLOW } from '../errors.js';
import { fitsInt32 } from '../dtype.js';

const operand = (t: Tensor): Operand => ({ dtype: t._dtype, zeroDim: t._shape.length === 0 });

/** The integer kernel of each scalar op that has one: [binary op, scalar first]. */
const INT_SCALAR: Partial<Record<Op, [Op, boolean]>> = {
  [Op.AddScalar]: [Op.Add, false], [Op.SubScalar]: [Op.Sub, false], [Op.MulScalar]: [Op.Mul, false], [Op.Rsub]: [Op.Sub, true],
  [Op.FmodScalar]: [Op.Fmod, false], [Op.RemainderScalar]: [Op.Remainder, false], [Op.RemainderSelfScalar]: [Op.Remainder, true],
};

/** An op without float64 kernels yet: say so rather than compute in float32. */
export function float64Unsupported(name: string): NotImplementedError {
  return new NotImplementedError(
    `wasmgrad: ${name} is not implemented for float64 tensors yet (float kernels are float32); convert with .float()`);
}

/** Runs `run` on the operands converted to dtype d, freeing the conversions after. */
function withOperands<R>(ts: Tensor[], d: DType, run: (cs: Tensor[]) => R): R {
  const cs = ts.map((t) => castTensor(t, d));
  try {
    return run(cs);
  } finally {
    cs.forEach((c, i) => { if (c !== ts[i]) c.dispose(); });
  }
}

/** PyTorch refuses subtraction with a bool operand (checked before promotion), in its words. */
function checkBoolSub(aBool: boolean, bBool: boolean): void {
  if (aBool && bBool) {
    throw new RuntimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  }
  if (aBool || bBool) {
    throw new RuntimeError('Subtraction, the `-` operator, with a bool tensor is not supported. ' +
      'If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  }
}

/** PyTorch's check of alpha for integer and bool arithmetic. */
function checkIntAlpha(alpha: number): void {
  if (!Number.isInteger(alpha)) throw new RuntimeError('For integral input tensors, argument alpha must not be a floating point number.');
}

/**
 * a (op) b for tensors not of one float dtype: `float` runs the float binary op on the
 * converted operands; integer and bool results run the integer kernels.
 */
export function mixedBinary(op: Op, a: Tensor, b: Tensor, alpha: number, name: string, float: (x: Tensor, y: Tensor) => Tensor): Tensor {
  if (op === Op.Sub) checkBoolSub(a._dtype === DType.Bool, b._dtype === DType.Bool);
  let d = resultType([operand(a), operand(b)]);
  // true division of integers is a float division, and so is zeta (PyTorch promotes its integer inputs)
  if ((op === Op.Div || op === Op.SpecialZeta) && !isFloating(d)) d = defaultFloat();
  if (FLOAT_KERNEL[op] && !isFloating(d)) throw new RuntimeError(`"${FLOAT_KERNEL[op]}" not implemented for '${DTYPES[d]._scalarType}'`);
  if (isFloating(d)) return withOperands([a, b], d, ([x, y]) => float(x, y));
  const division = INT_DIVISION[op];
  if (op !== Op.Add && op !== Op.Sub && op !== Op.Mul && division === undefined) {
    throw new NotImplementedError(`wasmgrad: ${name} is not implemented for ${DTYPES[d]} tensors yet`);
  }
  if (division !== undefined && d === DType.Bool) throw new RuntimeError(`"${division}" not implemented for 'Bool'`);
  checkIntAlpha(alpha);
  const shape = broadcastShapes(a._shape, b._shape).slice();
  return withOperands([a, b], d, ([x, y]) => {
    if (division !== undefined) checkNoZero(y);
    return new Tensor(x._dev, x._dev.intBinary(op, x.h, y.h, alpha), shape, d);
  });
}

/** Ops PyTorch has float kernels only for, by the name of the CPU kernel its error names (helper h-special). */
const FLOAT_KERNEL: Partial<Record<Op, string>> = { [Op.Igamma]: 'igamma_cpu', [Op.Igammac]: 'igammac_cpu' };

/** The integer divisions and remainders, by the name of PyTorch's CPU kernel (its error for bools names it). */
const INT_DIVISION: Partial<Record<Op, string>> = {
  [Op.DivTrunc]: 'div_trunc_cpu', [Op.DivFloor]: 'div_floor_cpu', [Op.Remainder]: 'remainder_cpu', [Op.Fmod]: 'fmod_cpu',
};

/** An integer divisor: PyTorch's error for a zero in it (integers have no inf or NaN to give). */
function checkNoZero(divisor: Tensor): void {
  if ((divisor.dataSync() as Int32Array).includes(0)) throw new RuntimeError('ZeroDivisionError');
}

/** A number as a 0-d tensor of dtype d on like's device. */
export function numberTensor(like: Tensor, c: number, d: DType): Tensor {
  return new Tensor(like._dev, like._dev.fromData(castValues([c], d), [], d), [], d);
}

/**
 * a (op) c for a tensor that is not float and a number: the number counts as a
 * Python int when integer-valued, else as a Python float (src/dtype.ts scalarDtype).
 */
export function mixedScalar(
  op: Op, a: Tensor, c: number, name: string, float: (x: Tensor) => Tensor, cIsBool = false,
): Tensor {
  if (op === Op.SubScalar || op === Op.Rsub) checkBoolSub(a._dtype === DType.Bool, cIsBool && a._dtype === DType.Bool);
  let d = resultType([operand(a), cIsBool ? c !== 0 : c]);
  if ((op === Op.DivScalar || op === Op.PowScalar || op === Op.Rpow || op === Op.Clamp) && !isFloating(d)) {
    if (op !== Op.DivScalar) throw new NotImplementedError(`wasmgrad: ${name} is not implemented for ${DTYPES[d]} tensors yet`);
    d = defaultFloat();
  }
  if (isFloating(d)) return withOperands([a], d, ([x]) => float(x));
  const integer = INT_SCALAR[op];
  if (integer === undefined) throw new NotImplementedError(`wasmgrad: ${name} is not implemented for ${DTYPES[d]} tensors yet`);
  const [bop, scalarFirst] = integer;
  const division = INT_DIVISION[bop];
  if (division !== undefined && d === DType.Bool) throw new RuntimeError(`"${division}" not implemented for 'Bool'`);
  const s = numberTensor(a, c, d);
  try {
    return withOperands([a], d, ([x]) => {
      const [p, q] = scalarFirst ? [s, x] : [x, s];
      if (division !== undefined) checkNoZero(q);
      return new Tensor(x._dev, x._dev.intBinary(bop, p.h, q.h, 1), x._shape.slice(), d);
    });
  } finally {
    s.dispose();
  }
}

const RESULT_TYPE = ['(Tensor tensor, Tensor other)', '(Number scalar, Tensor tensor)', '(Tensor tensor, Number other)', '(Number scalar1, Number scalar2)'];

/**
 * PyTorch's torch.result_type: the dtype an arithmetic op on the two operands returns
 * (tensors or numbers; an integer-valued number is a Python int).
 * @example
 * console.log(`${torch.result_type(torch.tensor([1, 2], { dtype: torch.long }), 2.5)}`); // torch.float32
 */
export function result_type(tensor1: Tensor | number | boolean, tensor2: Tensor | number | boolean): TorchDtype {
  const ops = [tensor1, tensor2].map((x) => {
    if (x instanceof Tensor) return operand(x);
    if (typeof x === 'number' || typeof x === 'boolean') return x;
    throw invalidCombination('result_type', [tensor1, tensor2], {}, RESULT_TYPE);
  });
  return DTYPES[resultType(ops)];
}

/** PyTorch's refusals of unary ops on bool tensors, in its words. */
const BOOL_UNARY: Partial<Record<Op, string>> = {
  [Op.Neg]: 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
  [Op.Abs]: '"abs_cpu" not implemented for \'Bool\'',
  [Op.Relu]: 'Boolean inputs not supported for relu',
};

/** Integer forms of the unary ops that keep an integer dtype. */
const INT_UNARY: Partial<Record<Op, (v: number) => number>> = {
  [Op.Neg]: (v) => -v, [Op.Abs]: (v) => Math.abs(v), [Op.Relu]: (v) => (v < 0 ? 0 : v),
};

/**
 * A unary op on a tensor that is not float: exp/log/sqrt/sigmoid/tanh of integers and
 * bools run in the default float dtype (as PyTorch's); neg/abs/relu keep an integer dtype
 * (computed through JS: the values are int32, a result beyond it raises).
 */
export function mixedUnary(op: Op, a: Tensor, name: string, float: (x: Tensor) => Tensor): Tensor {
  const intForm = INT_UNARY[op];
  if (!intForm) return withOperands([a], defaultFloat(), ([x]) => float(x));
  if (a._dtype === DType.Bool) throw new RuntimeError(BOOL_UNARY[op]!);
  const values = Int32Array.from(a._dev.read(a.h), (v) => {
    const r = intForm(v);
    if (!fitsInt32(r)) throw new RuntimeError(INT_OVERFLOW);
    return r;
  });
  return new Tensor(a._dev, a._dev.fromData(values, a._shape, a._dtype), a._shape.slice(), a._dtype);
}
