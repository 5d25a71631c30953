// Elementwise ops: torch.add ... torch.relu. Each validates, broadcasts the
// shapes (PyTorch's errors come from shape.ts), and makes one device call.
// A JS number operand becomes a scalar op, as a Python number does in PyTorch.

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError, TypeError } from '../errors.js';
import { argTypeError, checkScalarOperand, checkTensorArg, invalidCombination, tooManyPositional } from '../args.js';
import { broadcastShapes } from '../shape.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { isOptions } from '../signature.js';
import { deviceOf, checkFloat } from './common.js';
import { mixedBinary, mixedScalar, mixedUnary, numberTensor } from './promote.js';
import { isFloating, scalarDtype } from '../dtype.js';

export function binaryOp(op: Op, a: Tensor, b: Tensor, alpha: number, name: string): Tensor {
  const dev = deviceOf(a, b);
  const d = a._dtype;
  if (d !== b._dtype || !isFloating(d)) {
    return mixedBinary(op, a, b, alpha, name, (x, y) => binaryOp(op, x, y, alpha, name));
  }
  const shape = broadcastShapes(a._shape, b._shape);
  return new Tensor(dev, dev.binary(op, a.h, b.h, alpha), shape === a._shape ? shape.slice() : shape, d);
}

/** a (op) c (c2, c3: more numbers); `cIsBool`: c was a JS boolean (a Python bool, for type promotion). */
export function scalarOp(op: Op, a: Tensor, c: number, c2: number, name: string, cIsBool = false, c3 = 0): Tensor {
  if (!isFloating(a._dtype)) return mixedScalar(op, a, c, name, (x) => scalarOp(op, x, c, c2, name, false, c3), cIsBool);
  return new Tensor(a._dev, a._dev.scalar(op, a.h, c, c2, c3), a._shape.slice(), a._dtype);
}

export function unaryOp(op: Op, a: Tensor, name: string): Tensor {
  checkTensorArg(name, 'input', 1, a);
  if (!isFloating(a._dtype)) return mixedUnary(op, a, name, (x) => unaryOp(op, x, name));
  return new Tensor(a._dev, a._dev.unary(op, a.h), a._shape.slice(), a._dtype);
}

/**
 * A binary op's arguments as PyTorch binds them: positionally, or by name in
 * the trailing options object (`torch.add({ input: a, other: b })`,
 * `x.mul({ other: 2 })`, `torch.pow(x, { exponent: 2.5 })`), with `keywords`
 * the keyword-only names it also takes. A name it does not take is PyTorch's
 * TypeError, never silently ignored.
 */
function keywordForm(
  fn: string, input: unknown, other: unknown, rest: unknown, method: boolean,
  keywords: readonly string[] = [], otherName = 'other',
): [unknown, unknown, Record<string, unknown>] {
  let kw: Record<string, unknown> = {};
  // an object that names no parameter stays a value (x.add({}) is a dict where a Tensor belongs)
  if (!method && isOptions(input) && other === undefined && 'input' in input) {
    ({ input, [otherName]: other, ...kw } = input);
  } else if (isOptions(other) && rest === undefined && otherName in other) {
    ({ [otherName]: other, ...kw } = other);
  } else if (isOptions(rest)) {
    kw = rest;
  }
  for (const key of Object.keys(kw)) {
    if (!keywords.includes(key)) throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'`);
  }
  return [input, other, kw];
}

/** alpha from the options: a Number, as PyTorch's parser requires; it is keyword-only. */
function alphaOf(options: { alpha?: number }, name: string, method: boolean): number {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw tooManyPositional(name, method ? 1 : 2, method ? 2 : 3);
  }
  const alpha: unknown = options.alpha;
  if (alpha === undefined) return 1;
  if (typeof alpha === 'number') return alpha;
  if (typeof alpha === 'boolean') throw new RuntimeError('Boolean alpha only supported for Boolean results.');
  throw argTypeError(name, 'alpha', 0, 'Number', alpha);
}

/** The Number operand of a scalar op: `other` after a tensor, or `input` before one. */
const otherNumber = (name: string, other: unknown, method: boolean): number =>
  checkScalarOperand(name, 'other', method ? 1 : 2, other);
const inputNumber = (name: string, input: unknown): number => checkScalarOperand(name, 'input', 1, input);

// Every front end below takes `method`, set by the Tensor methods: PyTorch counts
// argument positions from `other` there (x.add('a') is position 1, torch.add(x, 'a') 2).

/**
 * input + alpha × other, broadcasting.
 * @example torch.add(x, y); torch.add(x, 2); x.add(y, { alpha: 0.5 })
 */
export function add(input: TensorLike, other?: TensorLike, options?: { alpha?: number }, method = false): Tensor {
  // the common call, two tensors and nothing else: nothing to bind (the hot path)
  if (options === undefined && input instanceof Tensor && other instanceof Tensor) return binaryOp(Op.Add, input, other, 1, 'add');
  if (typeof options !== 'object' && options !== undefined) alphaOf(options as never, 'add', method);
  [input, other, options] = keywordForm('add', input, other, options, method, ['alpha']) as [TensorLike, TensorLike, { alpha?: number }];
  const alpha = alphaOf(options, 'add', method);
  if (input instanceof Tensor) {
    if (other instanceof Tensor) return binaryOp(Op.Add, input, other, alpha, 'add');
    return scalarOp(Op.AddScalar, input, alpha * otherNumber('add', other, method), 0, 'add', typeof other === 'boolean');
  }
  const c = inputNumber('add', input);
  checkTensorArg('add', 'other', 2, other);
  // number + alpha·tensor
  return alpha === 1 ? scalarOp(Op.AddScalar, other, c, 0, 'add') : scalarOp(Op.AddScalar, mul(other, alpha), c, 0, 'add');
}

/**
 * input − alpha × other, broadcasting.
 * @example torch.sub(x, y); x.sub(1); torch.sub(1, x) // 1 - x
 */
export function sub(input: TensorLike, other?: TensorLike, options?: { alpha?: number }, method = false): Tensor {
  // the common call, two tensors and nothing else: nothing to bind (the hot path)
  if (options === undefined && input instanceof Tensor && other instanceof Tensor) return binaryOp(Op.Sub, input, other, 1, 'sub');
  if (typeof options !== 'object' && options !== undefined) alphaOf(options as never, 'sub', method);
  [input, other, options] = keywordForm('sub', input, other, options, method, ['alpha']) as [TensorLike, TensorLike, { alpha?: number }];
  const alpha = alphaOf(options, 'sub', method);
  if (input instanceof Tensor) {
    if (other instanceof Tensor) return binaryOp(Op.Sub, input, other, alpha, 'sub');
    return scalarOp(Op.SubScalar, input, alpha * otherNumber('sub', other, method), 0, 'sub', typeof other === 'boolean');
  }
  const c = inputNumber('sub', input);
  checkTensorArg('sub', 'other', 2, other);
  // number − alpha·tensor: PyTorch's rsub
  return alpha === 1 ? scalarOp(Op.Rsub, other, c, 0, 'rsub') : scalarOp(Op.Rsub, mul(other, alpha), c, 0, 'rsub');
}

/**
 * input × other, broadcasting.
 * @example torch.mul(w, x); x.mul(2)
 */
export function mul(input: TensorLike, other?: TensorLike, options?: Record<string, never> | boolean, method = false): Tensor {
  if (typeof options !== 'object' && input instanceof Tensor && other instanceof Tensor) return binaryOp(Op.Mul, input, other, 1, 'mul');
  // the Tensor methods pass `method` third
  if (typeof options === 'boolean') { method = options; options = undefined; }
  [input, other] = keywordForm('mul', input, other, options, method) as [TensorLike, TensorLike, unknown];
  if (input instanceof Tensor) {
    if (other instanceof Tensor) return binaryOp(Op.Mul, input, other, 1, 'mul');
    return scalarOp(Op.MulScalar, input, otherNumber('mul', other, method), 0, 'mul', typeof other === 'boolean');
  }
  const c = inputNumber('mul', input);
  checkTensorArg('mul', 'other', 2, other);
  return scalarOp(Op.MulScalar, other, c, 0, 'mul');
}

/**
 * input / other, broadcasting: true division, or with `rounding_mode` 'trunc' (towards 0) or
 * 'floor' (Python's //, also of integer tensors).
 * @example torch.div(x, y); x.div(2); torch.div(1, x); torch.div(x, 2, { rounding_mode: 'floor' })
 */
export function div(
  input: TensorLike, other?: TensorLike, options?: { rounding_mode?: 'trunc' | 'floor' | null } | boolean, method = false,
): Tensor {
  if (typeof options !== 'object' && input instanceof Tensor && other instanceof Tensor) return binaryOp(Op.Div, input, other, 1, 'div');
  // the Tensor methods pass `method` third
  if (typeof options === 'boolean') { method = options; options = undefined; }
  let kw: { rounding_mode?: unknown };
  [input, other, kw] = keywordForm('div', input, other, options, method, ['rounding_mode']) as [TensorLike, TensorLike, { rounding_mode?: unknown }];
  const mode = kw.rounding_mode;
  if (mode !== undefined && mode !== null) return roundingDiv(input, other, mode, method);
  if (input instanceof Tensor) {
    if (other instanceof Tensor) return binaryOp(Op.Div, input, other, 1, 'div');
    return scalarOp(Op.DivScalar, input, otherNumber('div', other, method), 0, 'div');
  }
  const c = inputNumber('div', input);
  checkTensorArg('div', 'other', 2, other);
  // number / tensor: PyTorch computes reciprocal(x) * number (MulBackward0 over ReciprocalBackward0)
  return mul(unaryOp(Op.Reciprocal, other as Tensor, 'reciprocal'), c);
}

const DIV_SIGNATURES = [
  '(Tensor input, Tensor other, *, Tensor out)', '(Tensor input, Tensor other, *, str rounding_mode, Tensor out)',
  '(Tensor input, Number other, *, str rounding_mode)',
];
const DIV_METHOD_SIGNATURES = ['(Tensor other)', '(Tensor other, *, str rounding_mode)', '(Number other, *, str rounding_mode)'];

/**
 * div with a rounding mode: one op (DivBackward2, zero gradients), a number operand taken as a 0-d
 * tensor as PyTorch wraps it.
 */
function roundingDiv(input: TensorLike, other: TensorLike, mode: unknown, method: boolean): Tensor {
  if (typeof mode !== 'string') {
    throw invalidCombination('div', method ? [other] : [input, other], { rounding_mode: mode }, method ? DIV_METHOD_SIGNATURES : DIV_SIGNATURES);
  }
  if (mode !== 'trunc' && mode !== 'floor') {
    throw new RuntimeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${mode}'`);
  }
  const op = mode === 'trunc' ? Op.DivTrunc : Op.DivFloor;
  if (input instanceof Tensor && other instanceof Tensor) return binaryOp(op, input, other, 1, 'div');
  const like = input instanceof Tensor ? input : other;
  if (!(like instanceof Tensor)) throw invalidCombination('div', [input, other], { rounding_mode: mode }, DIV_SIGNATURES);
  const wrap = (v: TensorLike, name: string, pos: number): Tensor => (v instanceof Tensor ? v : wrapped(like, checkScalarOperand('div', name, pos, v)));
  // a number as PyTorch wraps it: int64 when integer-valued, else the default float
  const wrapped = (t: Tensor, c: number): Tensor => numberTensor(t, c, scalarDtype(c));
  const a = wrap(input, 'input', 1), b = wrap(other, 'other', method ? 1 : 2);
  try {
    return binaryOp(op, a, b, 1, 'div');
  } finally {
    if (a !== input) a.dispose();
    if (b !== other) b.dispose();
  }
}


// pow's overloads, as PyTorch prints them when none matches
const POW_METHOD = ['(Tensor exponent)', '(Number exponent)'];
const POW_FUNCTION = [
  '(Tensor input, Tensor exponent, *, Tensor out)', '(Number self, Tensor exponent, *, Tensor out)',
  '(Tensor input, Number exponent, *, Tensor out)',
];

/**
 * input ** exponent, broadcasting; either may be a number.
 * @example x.pow(2); torch.pow(x, y); torch.pow(2, x)
 */
export function pow(input: TensorLike, exponent?: TensorLike, options?: Record<string, never> | boolean, method = false): Tensor {
  if (typeof options !== 'object' && input instanceof Tensor && exponent instanceof Tensor) return binaryOp(Op.Pow, input, exponent, 1, 'pow');
  if (typeof options === 'boolean') { method = options; options = undefined; }
  [input, exponent] = keywordForm('pow', input, exponent, options, method, [], 'exponent') as [TensorLike, TensorLike, unknown];
  if (input instanceof Tensor) {
    if (exponent instanceof Tensor) return binaryOp(Op.Pow, input, exponent, 1, 'pow');
    if (typeof exponent === 'number' || typeof exponent === 'boolean') return scalarOp(Op.PowScalar, input, +exponent, 0, 'pow');
  } else if (exponent instanceof Tensor && (typeof input === 'number' || typeof input === 'boolean')) {
    return scalarOp(Op.Rpow, exponent, +input, 0, 'pow');
  }
  throw method ? invalidCombination('pow', [exponent], {}, POW_METHOD)
    : invalidCombination('pow', [input, exponent], {}, POW_FUNCTION);
}

/** The elementwise maximum of two tensors, broadcasting. @example torch.maximum(a, b) */
export function maximum(input: Tensor, other?: Tensor, options?: Record<string, never> | boolean, method = false): Tensor {
  if (typeof options === 'boolean') { method = options; options = undefined; }
  [input, other] = keywordForm('maximum', input, other, options, method) as [Tensor, Tensor, unknown];
  checkTensorArg('maximum', 'input', 1, input);
  checkTensorArg('maximum', 'other', method ? 1 : 2, other);
  return binaryOp(Op.Maximum, input, other, 1, 'maximum');
}

/** The elementwise minimum of two tensors, broadcasting. @example torch.minimum(a, b) */
export function minimum(input: Tensor, other?: Tensor, options?: Record<string, never> | boolean, method = false): Tensor {
  if (typeof options === 'boolean') { method = options; options = undefined; }
  [input, other] = keywordForm('minimum', input, other, options, method) as [Tensor, Tensor, unknown];
  checkTensorArg('minimum', 'input', 1, input);
  checkTensorArg('minimum', 'other', method ? 1 : 2, other);
  return binaryOp(Op.Minimum, input, other, 1, 'minimum');
}

/**
 * input², as PyTorch computes it: pow(input, 2) (its node is PowBackward0).
 * @example torch.square(x)
 */
export function square(input: Tensor): Tensor {
  checkTensorArg('square', 'input', 1, input);
  return pow(input, 2);
}

// the unary ops come from the op table's schemas
export { neg, exp, log, sqrt, abs, sigmoid, tanh, relu } from './torch.generated.js';

// clamp's overloads, as PyTorch prints them when none matches
const CLAMP_METHOD = ['(Tensor min, Tensor max)', '(Number min, Number max)'];
const CLAMP_FUNCTION = ['(Tensor input, Tensor min, Tensor max, *, Tensor out)', '(Tensor input, Number min, Number max, *, Tensor out)'];
/** A clamp bound: a number, or null/undefined for none. */
export type Bound = number | null | undefined;

/**
 * Limits every element to [min, max]; either bound may be omitted (not both).
 * @example torch.clamp(x, -1, 1); x.clamp({ min: 0 }); torch.clamp(x, null, 1)
 */
export function clamp(
  input: Tensor, min?: Bound | { min?: Bound; max?: Bound }, max?: Bound, method = false,
): Tensor {
  const byKeyword = min !== null && typeof min === 'object' && !Array.isArray(min) && !(min instanceof Tensor);
  const lo: unknown = byKeyword ? min.min : min, hi: unknown = byKeyword ? min.max : max;
  const isBound = (b: unknown): boolean => b === undefined || b === null || typeof b === 'number';
  if (!isBound(lo) || !isBound(hi)) {
    if (lo instanceof Tensor || hi instanceof Tensor) throw new NotImplementedError('wasmgrad: clamp with Tensor bounds is not supported yet');
    const args: unknown[] = byKeyword ? [] : max === undefined ? [min] : [min, max];
    const kwargs = byKeyword ? min : {};
    throw method ? invalidCombination('clamp', args, kwargs, CLAMP_METHOD)
      : invalidCombination('clamp', [input, ...args], kwargs, CLAMP_FUNCTION);
  }
  if ((lo === undefined || lo === null) && (hi === undefined || hi === null)) {
    throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  }
  // a missing bound is ∓inf to the kernels; PyTorch fills the result with NaN when a
  // bound is NaN and both are given (a lone NaN bound is ignored)
  let a = lo as Bound, b = hi as Bound;
  if (a !== undefined && a !== null && b !== undefined && b !== null && (Number.isNaN(a) || Number.isNaN(b))) a = b = NaN;
  return scalarOp(Op.Clamp, input, a ?? -Infinity, b ?? Infinity, 'clamp');
}
