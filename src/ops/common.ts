// Argument handling shared by the op front ends: PyTorch's calling
// conventions (positional or trailing-options keyword arguments, JS numbers
// as scalar operands) and the checks every op makes before touching a device.

import { DType } from '../../abi/abi.js';
import type { Backend } from '../device.js';
import { RuntimeError } from '../errors.js';
import { checkTensorArg } from '../args.js';
import { Tensor, checkSameDevice } from '../tensor.js';
import { float64Unsupported } from './promote.js';

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/** The device of the tensor arguments, checking they agree. */
export function deviceOf(a: Tensor, b?: Tensor | number | null): Backend {
  if (b instanceof Tensor) checkSameDevice(a, b);
  return a._dev;
}

/**
 * Ops whose kernels are float32 only refuse other dtypes rather than silently rounding
 * (checkFloating is the check of ops with float64 kernels too).
 */
export function checkFloat(t: Tensor, op: string): void {
  if (t._dtype === DType.Float32) return;
  if (t._dtype === DType.Float64) throw float64Unsupported(op);
  throw new RuntimeError(`wasmgrad: ${op} is not implemented for ${t.dtype.name} tensors; convert with .float() first`);
}

/** Ops with float32 and float64 kernels refuse integer and bool tensors in the same words. */
export function checkFloating(t: Tensor, op: string): void {
  if (t._dtype === DType.Float32 || t._dtype === DType.Float64) return;
  checkFloat(t, op);
}

/** PyTorch's check that two operands share a dtype. */
export function checkSameDtype(a: Tensor, b: Tensor): void {
  if (a._dtype !== b._dtype) throw new RuntimeError(`expected scalar type ${a.dtype._scalarType} but found ${b.dtype._scalarType}`);
}

/** A Tensor argument of a torch.nn.functional function (which PyTorch does not type-check: its own error is an AttributeError). */
export function checkTensor(x: unknown, fn: string, arg = 'input'): asserts x is Tensor {
  checkTensorArg(fn, arg, 0, x);
}

/**
 * Reads an argument PyTorch allows positionally or by keyword: `f(x, 1)` and
 * `f(x, { dim: 1 })` both give 1.
 */
export function opt<T>(positional: T | Record<string, unknown> | undefined, options: Record<string, unknown> | undefined, key: string): T | undefined {
  if (positional !== undefined && (typeof positional !== 'object' || positional === null || Array.isArray(positional))) {
    return positional as T;
  }
  const fromObj = (positional as Record<string, unknown> | undefined)?.[key] ?? options?.[key];
  return fromObj as T | undefined;
}
