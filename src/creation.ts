// Creating tensors: torch.tensor, zeros, ones, full, arange, linspace, eye,
// rand, randn, *_like. Options follow PyTorch's keywords: dtype, device,
// requires_grad. Random values come from PyTorch's own generator algorithm
// (random.ts), so torch.manual_seed(0) gives PyTorch's numbers.

import { DType } from './shared/abi.js';
import { RuntimeError, TorchError } from './errors.js';
import { checkRank, numelOf, sizeArgs } from './shape.js';
import { Tensor, type DTypeName } from './tensor.js';
import { getDevice } from './runtime.js';
import type { DeviceName } from './device.js';
import { fillUniform, fillNormal, fmaFloat } from './random.js';

export interface TensorOptions {
  dtype?: DTypeName;
  device?: DeviceName;
  requires_grad?: boolean;
}

export type Nested = number | boolean | readonly Nested[];

function dtypeOf(name: DTypeName | undefined): DType {
  if (name === undefined || name === 'float32') return DType.Float32;
  if (name === 'int64') return DType.Int64;
  throw new TorchError(`wasmgrad: unsupported dtype '${name}' (float32 and int64 are supported)`);
}

function make(data: ArrayLike<number>, shape: number[], options: TensorOptions): Tensor {
  checkRank(shape.length);
  const dtype = dtypeOf(options.dtype);
  const dev = getDevice(options.device);
  const t = new Tensor(dev, dev.fromData(data, shape, dtype), shape, dtype);
  if (options.requires_grad) t.requires_grad_(true);
  return t;
}

/** The shape and flat values of nested arrays, checking they are rectangular. */
function flattenNested(x: Nested): { shape: number[]; values: number[] } {
  const shape: number[] = [];
  for (let cur: Nested = x; Array.isArray(cur); cur = (cur as readonly Nested[])[0]) {
    shape.push((cur as readonly Nested[]).length);
    if ((cur as readonly Nested[]).length === 0) break;
  }
  const values: number[] = [];
  const walk = (v: Nested, d: number): void => {
    if (d === shape.length) {
      if (Array.isArray(v)) throw new RuntimeError('wasmgrad: tensor(): nested arrays must be rectangular');
      values.push(Number(v));
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[d]) {
      throw new RuntimeError(`expected sequence of length ${shape[d]} at dim ${d} (got ${Array.isArray(v) ? v.length : 'a number'})`);
    }
    for (const e of v as readonly Nested[]) walk(e, d + 1);
  };
  walk(x, 0);
  return { shape, values };
}

/**
 * A tensor from a number, nested arrays or a typed array (float32 unless dtype says int64).
 * @example torch.tensor([1.3]); torch.tensor([[1, 2], [3, 4]], { requires_grad: true }); torch.tensor(labels, { dtype: 'int64' })
 */
export function tensor(data: Nested | Float32Array | Int32Array | Float64Array | ArrayLike<number>, options: TensorOptions = {}): Tensor {
  if (data instanceof Tensor) throw new TorchError('wasmgrad: tensor() takes data, not a Tensor; use t.clone().detach()');
  if (ArrayBuffer.isView(data)) {
    const arr = data as unknown as ArrayLike<number>;
    return make(arr, [arr.length], options);
  }
  const { shape, values } = flattenNested(data as Nested);
  return make(values, shape, options);
}

function filled(shape: number[], value: number, options: TensorOptions): Tensor {
  checkRank(shape.length);
  for (const s of shape) if (!Number.isInteger(s) || s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: ${JSON.stringify(shape)}`);
  const dtype = dtypeOf(options.dtype);
  const dev = getDevice(options.device);
  const t = new Tensor(dev, dev.full(shape, value, dtype), shape, dtype);
  if (options.requires_grad) t.requires_grad_(true);
  return t;
}

export type SizeAndOptions = (number | readonly number[] | TensorOptions)[];

function splitArgs(args: SizeAndOptions): { shape: number[]; options: TensorOptions } {
  const last = args[args.length - 1];
  const hasOptions = last !== undefined && typeof last === 'object' && !Array.isArray(last);
  const options = (hasOptions ? last : {}) as TensorOptions & { size?: readonly number[] };
  const sizes = (hasOptions ? args.slice(0, -1) : args) as (number | readonly number[])[];
  // the size may come by keyword too: torch.ones({ size: [2, 3] })
  if (sizes.length === 0 && options.size) return { shape: options.size.slice(), options };
  return { shape: sizeArgs(sizes), options };
}

/** A tensor of zeros. @example torch.zeros(2, 3); torch.zeros([2, 3], { requires_grad: true }) */
export function zeros(...args: SizeAndOptions): Tensor {
  const { shape, options } = splitArgs(args);
  return filled(shape, 0, options);
}

/** A tensor of ones. @example torch.ones([3]) */
export function ones(...args: SizeAndOptions): Tensor {
  const { shape, options } = splitArgs(args);
  return filled(shape, 1, options);
}

/** A tensor filled with one value. @example torch.full([2, 2], 7) */
export function full(size: readonly number[], fill_value: number, options: TensorOptions = {}): Tensor {
  return filled(size.slice(), fill_value, options);
}

/** Zeros shaped like input (same device and dtype unless given). @example torch.zeros_like(x) */
export function zeros_like(input: Tensor, options: TensorOptions = {}): Tensor {
  return filled(input._shape.slice(), 0, { dtype: input.dtype, device: input.device, ...options });
}

/** Ones shaped like input. @example torch.ones_like(x) */
export function ones_like(input: Tensor, options: TensorOptions = {}): Tensor {
  return filled(input._shape.slice(), 1, { dtype: input.dtype, device: input.device, ...options });
}

/**
 * Values from start to end (exclusive) in steps: arange(end), arange(start, end, step?).
 * Float32 by default (JS numbers cannot say "integer"); pass dtype 'int64' for integers.
 * @example torch.arange(5); torch.arange(0, 1, 0.25)
 */
export function arange(...args: (number | TensorOptions)[]): Tensor {
  const last = args[args.length - 1];
  const options = (typeof last === 'object' ? last : {}) as TensorOptions;
  const nums = args.filter((a): a is number => typeof a === 'number');
  const [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (step === 0) throw new RuntimeError('step must be nonzero');
  if ((end - start) / step < 0) throw new RuntimeError('upper bound and larger bound inconsistent with step sign');
  const n = Math.ceil((end - start) / step);
  const values = Array.from({ length: n }, (_, i) => start + i * step);
  return make(values, [n], options);
}

/**
 * steps values evenly spaced from start to end inclusive.
 * @example torch.linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  if (steps < 0) throw new RuntimeError('number of steps must be non-negative');
  // PyTorch's float32 arithmetic, filling the two halves from each end so the
  // endpoint is exact; its x86 build contracts start + step·i into one fused
  // multiply-add (as random.ts found for uniform_), so do we
  const f = Math.fround;
  const a = f(start), b = f(end);
  const step = steps > 1 ? f(f(b - a) / (steps - 1)) : 0;
  const half = Math.floor(steps / 2);
  const values = steps === 1 ? [a] : Array.from({ length: steps }, (_, i) =>
    (i < half ? fmaFloat(step, i, a) : fmaFloat(-step, steps - i - 1, b)));
  return make(values, [steps], options);
}

/** The identity matrix (n×m). @example torch.eye(3) */
export function eye(n: number, m: number | TensorOptions = n, options: TensorOptions = {}): Tensor {
  const cols = typeof m === 'number' ? m : n;
  const opts = typeof m === 'object' ? m : options;
  const values = new Float32Array(n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) values[i * cols + i] = 1;
  return make(values, [n, cols], opts);
}

/** Uniform random values in [0, 1), PyTorch's generator. @example torch.manual_seed(0); torch.rand(3) */
export function rand(...args: SizeAndOptions): Tensor {
  const { shape, options } = splitArgs(args);
  return make(fillUniform(new Float32Array(numelOf(shape))), shape, options);
}

/** Standard normal random values, PyTorch's generator. @example torch.randn(2, 3) */
export function randn(...args: SizeAndOptions): Tensor {
  const { shape, options } = splitArgs(args);
  return make(fillNormal(new Float32Array(numelOf(shape))), shape, options);
}
