// Elementwise ops: torch.add ... torch.relu. Each validates, broadcasts the
// shapes (PyTorch's errors come from shape.ts), and makes one device call.
// A JS number operand becomes a scalar op, as a Python number does in PyTorch.

import { Op } from '../shared/abi.js';
import { RuntimeError, TorchError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { deviceOf, checkFloat } from './common.js';

function binaryOp(op: Op, a: Tensor, b: Tensor, alpha: number, name: string): Tensor {
  const dev = deviceOf(a, b);
  checkFloat(a, name);
  checkFloat(b, name);
  const shape = broadcastShapes(a._shape, b._shape);
  return new Tensor(dev, dev.binary(op, a.h, b.h, alpha), shape === a._shape ? shape.slice() : shape);
}

function scalarOp(op: Op, a: Tensor, c: number, c2: number, name: string): Tensor {
  checkFloat(a, name);
  return new Tensor(a._dev, a._dev.scalar(op, a.h, c, c2), a._shape.slice());
}

function unaryOp(op: Op, a: Tensor, name: string): Tensor {
  checkFloat(a, name);
  return new Tensor(a._dev, a._dev.unary(op, a.h), a._shape.slice());
}

function bothNumbers(name: string): never {
  throw new TorchError(`${name}(): at least one argument must be a Tensor`);
}

/**
 * input + alpha × other, broadcasting.
 * @example torch.add(x, y); torch.add(x, 2); x.add(y, { alpha: 0.5 })
 */
export function add(input: TensorLike, other: TensorLike, options: { alpha?: number } = {}): Tensor {
  const alpha = options.alpha ?? 1;
  if (input instanceof Tensor) {
    if (other instanceof Tensor) return binaryOp(Op.Add, input, other, alpha, 'add');
    return scalarOp(Op.AddScalar, input, alpha * other, 0, 'add');
  }
  if (other instanceof Tensor) {
    // number + alpha·tensor
    return alpha === 1 ? scalarOp(Op.AddScalar, other, input, 0, 'add') : scalarOp(Op.AddScalar, mul(other, alpha), input, 0, 'add');
  }
  return bothNumbers('add');
}

/**
 * input − alpha × other, broadcasting.
 * @example torch.sub(x, y); x.sub(1); torch.sub(1, x) // 1 - x
 */
export function sub(input: TensorLike, other: TensorLike, options: { alpha?: number } = {}): Tensor {
  const alpha = options.alpha ?? 1;
  if (input instanceof Tensor) {
    if (other instanceof Tensor) return binaryOp(Op.Sub, input, other, alpha, 'sub');
    return scalarOp(Op.SubScalar, input, alpha * other, 0, 'sub');
  }
  if (other instanceof Tensor) {
    // number − alpha·tensor: PyTorch's rsub
    return alpha === 1 ? scalarOp(Op.Rsub, other, input, 0, 'rsub') : scalarOp(Op.Rsub, mul(other, alpha), input, 0, 'rsub');
  }
  return bothNumbers('sub');
}

/**
 * input × other, broadcasting.
 * @example torch.mul(w, x); x.mul(2)
 */
export function mul(input: TensorLike, other: TensorLike): Tensor {
  if (input instanceof Tensor) {
    if (other instanceof Tensor) return binaryOp(Op.Mul, input, other, 1, 'mul');
    return scalarOp(Op.MulScalar, input, other, 0, 'mul');
  }
  if (other instanceof Tensor) return scalarOp(Op.MulScalar, other, input, 0, 'mul');
  return bothNumbers('mul');
}

/**
 * input / other, broadcasting (true division).
 * @example torch.div(x, y); x.div(2); torch.div(1, x)
 */
export function div(input: TensorLike, other: TensorLike): Tensor {
  if (input instanceof Tensor) {
    if (other instanceof Tensor) return binaryOp(Op.Div, input, other, 1, 'div');
    return scalarOp(Op.DivScalar, input, other, 0, 'div');
  }
  // number / tensor: PyTorch computes reciprocal(x) * number
  if (other instanceof Tensor) return mul(pow(other, -1), input);
  return bothNumbers('div');
}

/**
 * input ** exponent, broadcasting; either may be a number.
 * @example x.pow(2); torch.pow(x, y); torch.pow(2, x)
 */
export function pow(input: TensorLike, exponent: TensorLike): Tensor {
  if (input instanceof Tensor) {
    if (exponent instanceof Tensor) return binaryOp(Op.Pow, input, exponent, 1, 'pow');
    return scalarOp(Op.PowScalar, input, exponent, 0, 'pow');
  }
  if (exponent instanceof Tensor) return scalarOp(Op.Rpow, exponent, input, 0, 'pow');
  return bothNumbers('pow');
}

/** The elementwise maximum of two tensors, broadcasting. @example torch.maximum(a, b) */
export function maximum(input: Tensor, other: Tensor): Tensor {
  if (!(other instanceof Tensor)) throw new TorchError("maximum(): argument 'other' must be Tensor, not number");
  return binaryOp(Op.Maximum, input, other, 1, 'maximum');
}

/** The elementwise minimum of two tensors, broadcasting. @example torch.minimum(a, b) */
export function minimum(input: Tensor, other: Tensor): Tensor {
  if (!(other instanceof Tensor)) throw new TorchError("minimum(): argument 'other' must be Tensor, not number");
  return binaryOp(Op.Minimum, input, other, 1, 'minimum');
}

/** −input. @example torch.neg(x) */
export const neg = (input: Tensor): Tensor => unaryOp(Op.Neg, input, 'neg');
/** e^input. @example torch.exp(x) */
export const exp = (input: Tensor): Tensor => unaryOp(Op.Exp, input, 'exp');
/** Natural logarithm. @example torch.log(x) */
export const log = (input: Tensor): Tensor => unaryOp(Op.Log, input, 'log');
/** Square root. @example torch.sqrt(x) */
export const sqrt = (input: Tensor): Tensor => unaryOp(Op.Sqrt, input, 'sqrt');
/** Absolute value. @example torch.abs(x) */
export const abs = (input: Tensor): Tensor => unaryOp(Op.Abs, input, 'abs');
/** 1 / (1 + e^−input). @example torch.sigmoid(z) */
export const sigmoid = (input: Tensor): Tensor => unaryOp(Op.Sigmoid, input, 'sigmoid');
/** Hyperbolic tangent. @example torch.tanh(x) */
export const tanh = (input: Tensor): Tensor => unaryOp(Op.Tanh, input, 'tanh');
/** max(input, 0). @example torch.relu(x) */
export const relu = (input: Tensor): Tensor => unaryOp(Op.Relu, input, 'relu');

/**
 * Limits every element to [min, max]; either bound may be omitted (not both).
 * @example torch.clamp(x, -1, 1); x.clamp({ min: 0 }); torch.clamp(x, null, 1)
 */
export function clamp(
  input: Tensor, min?: number | null | { min?: number | null; max?: number | null }, max?: number | null,
): Tensor {
  let lo = min, hi = max;
  if (lo !== null && typeof lo === 'object') { hi = lo.max; lo = lo.min; }
  if ((lo === undefined || lo === null) && (hi === undefined || hi === null)) {
    throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  }
  // a missing bound is ∓inf to the kernels; PyTorch fills the result with NaN when a
  // bound is NaN and both are given (a lone NaN bound is ignored)
  const both = lo !== undefined && lo !== null && hi !== undefined && hi !== null;
  if (both && (Number.isNaN(lo) || Number.isNaN(hi))) lo = hi = NaN;
  return scalarOp(Op.Clamp, input, lo ?? -Infinity, hi ?? Infinity, 'clamp');
}

