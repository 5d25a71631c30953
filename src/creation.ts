// Creating tensors: torch.tensor, zeros, ones, full, arange, linspace, eye,
// rand, randn, *_like. Options follow PyTorch's keywords: dtype, device,
// requires_grad. Random values come from PyTorch's own generator algorithm
// (random.ts), so torch.manual_seed(0) gives PyTorch's numbers.

import { DType } from '../abi/abi.js';
import { RuntimeError, TorchError, TypeError, ValueError, NotImplementedError } from './errors.js';
import { checkBool, checkInt, checkNumber, checkTensorArg, invalidCombination, pyType } from './args.js';
import { checkIntList, checkNewShape, checkStorage, numelOf, type IntParam } from './shape.js';
import { Tensor } from './tensor.js';
import { parseDtype, defaultFloat, isIntegral, isFloating, DTYPES, bool as torch_bool, type TorchDtype, type DTypeName } from './dtype.js';
import { castValues, checkInt64Values } from './cast.js';
import { getDevice } from './runtime.js';
import type { DeviceName } from './device.js';
import { fillUniform, fillNormal, fillUniformDouble, fillNormalDouble, fmaFloat, randint as randintValues, randperm as randpermValues, Generator, default_generator } from './random.js';

export interface TensorOptions {
  /** a torch.dtype (torch.float64, torch.long ...) or its name ('float64', 'int64' ...) */
  dtype?: TorchDtype | DTypeName;
  device?: DeviceName;
  requires_grad?: boolean;
}

export type Nested = number | boolean | readonly Nested[];

/** The options of the random creation functions: TensorOptions and PyTorch's `generator` keyword. */
export interface RandomOptions extends TensorOptions {
  /** the torch.Generator to draw from (default: torch.default_generator) */
  generator?: Generator | null;
}

// How PyTorch lists the overloads of the random creation functions when one is given a
// generator that is not a torch.Generator (its parser's "expected one of").
const TAIL = 'torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)';
const SIZE_OVERLOADS = [
  `(tuple of ints size, *, torch.Generator generator, tuple of names names, ${TAIL}`,
  `(tuple of ints size, *, torch.Generator generator, Tensor out, ${TAIL}`,
  `(tuple of ints size, *, Tensor out, ${TAIL}`,
  `(tuple of ints size, *, tuple of names names, ${TAIL}`,
];
const RANDOM_OVERLOADS: Record<string, string[]> = {
  rand: SIZE_OVERLOADS,
  randn: SIZE_OVERLOADS,
  randint: [
    `(int high, tuple of ints size, *, torch.Generator generator, Tensor out, ${TAIL}`,
    `(int high, tuple of ints size, *, Tensor out, ${TAIL}`,
    `(int low, int high, tuple of ints size, *, torch.Generator generator, Tensor out, ${TAIL}`,
    `(int low, int high, tuple of ints size, *, Tensor out, ${TAIL}`,
  ],
  randperm: [`(int n, *, torch.Generator generator, Tensor out, ${TAIL}`, `(int n, *, Tensor out, ${TAIL}`],
  normal: [
    '(Tensor mean, Tensor std, *, torch.Generator generator, Tensor out)',
    '(Tensor mean, float std, *, torch.Generator generator, Tensor out)',
    '(float mean, Tensor std, *, torch.Generator generator, Tensor out)',
    `(float mean, float std, tuple of ints size, *, torch.Generator generator, Tensor out, ${TAIL}`,
  ],
};

/** @internal torch.normal's overloads as PyTorch lists them (src/ops/random_fill.ts binds the tensor ones). */
export const NORMAL_SIGNATURES = RANDOM_OVERLOADS.normal;

/**
 * The generator a random creation function draws from: its `generator` option, or the default
 * one; anything else matches none of PyTorch's overloads (`args` are the positional arguments).
 */
function generatorOf(fn: string, args: readonly unknown[], options: RandomOptions): Generator {
  const g = options.generator;
  if (g === undefined || g === null) return default_generator;
  if (g instanceof Generator) return g;
  throw invalidCombination(fn, args, options as Record<string, unknown>, RANDOM_OVERLOADS[fn]);
}

/** The *_like functions take no generator in PyTorch (randint_like's parser lists its overloads). */
function refuseGenerator(fn: string, options: object, args: readonly unknown[] = []): void {
  if (!('generator' in options)) return;
  if (fn !== 'randint_like') throw new TypeError(`${fn}() got an unexpected keyword argument 'generator'`);
  const tail = `*, torch.memory_format memory_format, ${TAIL}`;
  throw invalidCombination(fn, args, options as Record<string, unknown>, [`(Tensor input, int high, ${tail}`, `(Tensor input, int low, int high, ${tail}`]);
}

/** The dtype option, or the default (float) dtype. */
const dtypeOf = (d: TensorOptions['dtype'], fn: string): DType => parseDtype(d, fn) ?? defaultFloat();

/** The keyword options every creation function takes, type-checked as PyTorch's parser does. */
function checkOptions(fn: string, options: TensorOptions): void {
  if (options.requires_grad !== undefined) checkBool(fn, 'requires_grad', 0, options.requires_grad);
}

function make(data: ArrayLike<number>, shape: number[], options: TensorOptions, fn: string, inferred?: DType): Tensor {
  checkStorage(shape);
  const dtype = parseDtype(options.dtype, fn) ?? inferred ?? defaultFloat();
  const dev = getDevice(options.device);
  const t = new Tensor(dev, dev.fromData(castValues(data, dtype), shape, dtype), shape, dtype);
  if (options.requires_grad) t.requires_grad_(true);
  return t;
}

// torch.tensor's reading of its data, after internal_new_from_data
// (torch/csrc/utils/tensor_new.cpp): the sizes come from the first element
// of each level, then (without a dtype) every element's type is checked,
// then the values are stored, each level checked against the sizes.

/** Arrays, typed arrays (numpy arrays to PyTorch) and strings are sequences; a Tensor is an element. */
const isSequence = (v: unknown): v is ArrayLike<unknown> =>
  Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)) || typeof v === 'string';

function computeSizes(data: unknown): number[] {
  const sizes: number[] = [];
  for (let seq = data; isSequence(seq); seq = seq[0]) {
    // a non-empty str is a sequence of one-character strs, each its own first element, forever
    if (typeof seq === 'string' && seq.length > 0) throw new ValueError("too many dimensions 'str'");
    sizes.push(seq.length);
    if (seq.length === 0) break;
  }
  return sizes;
}

/** torch.tensor's dtype inference, which refuses what is not a number: str, None, dict. */
function checkInferable(v: unknown): void {
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Tensor || ArrayBuffer.isView(v)) return;
  if (typeof v === 'string') throw new TypeError("new(): invalid data type 'str'");
  if (!Array.isArray(v)) throw new RuntimeError(`Could not infer dtype of ${pyType(v)}`);
  for (let i = 0; i < v.length; i++) checkInferable(v[i]);
}

function storeValues(v: unknown, sizes: number[], d: number, int64: boolean, out: number[]): void {
  if (d === sizes.length) {
    if (typeof v === 'number') out.push(v);
    else if (typeof v === 'boolean') out.push(v ? 1 : 0);
    else if (v instanceof Tensor) {
      if (v.numel() !== 1) throw new ValueError('only one element tensors can be converted to Python scalars');
      out.push(v.dataSync()[0]);
    } else {
      throw new TypeError(int64 ? `'${pyType(v)}' object cannot be interpreted as an integer` : `must be real number, not ${pyType(v)}`);
    }
    return;
  }
  if (!isSequence(v)) throw new TypeError('not a sequence');
  if (v.length !== sizes[d]) throw new ValueError(`expected sequence of length ${sizes[d]} at dim ${d} (got ${v.length})`);
  for (let i = 0; i < v.length; i++) storeValues(v[i], sizes, d + 1, int64, out);
}

/** The shape and flat values of torch.tensor's data, with PyTorch's errors for what is not numbers. */
function readData(data: unknown, dtype: DType | undefined): { shape: number[]; values: number[] } {
  if (typeof data === 'string') throw new TypeError("new(): invalid data type 'str'");
  const shape = computeSizes(data);
  if (dtype === undefined) checkInferable(data);
  const values: number[] = [];
  storeValues(data, shape, 0, dtype !== undefined && isIntegral(dtype), values);
  return { shape, values };
}

/**
 * torch.tensor's dtype from the data: bool when every element is a boolean, else the
 * default float dtype. PyTorch would make Python ints int64, but a JS number does not
 * say whether it is an int, so [1, 2] is float32 here (docs/api.md).
 */
function inferDtype(data: unknown): DType {
  let sawBool = false, sawOther = false;
  const visit = (v: unknown): void => {
    if (typeof v === 'boolean') sawBool = true;
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v instanceof Tensor) { if (v._dtype === DType.Bool) sawBool = true; else sawOther = true; }
    else sawOther = true;
  };
  visit(data);
  return sawBool && !sawOther ? DType.Bool : defaultFloat();
}

/**
 * A tensor from a number, booleans, nested arrays or a typed array: the default dtype (float32)
 * unless `dtype` says otherwise, bool for booleans.
 * @example torch.tensor([1.3]); torch.tensor([[1, 2], [3, 4]], { requires_grad: true }); torch.tensor(labels, { dtype: torch.long })
 */
export function tensor(data: Nested | Float32Array | Int32Array | Float64Array | ArrayLike<number>, options: TensorOptions = {}): Tensor {
  if (data instanceof Tensor) throw new TorchError('wasmgrad: tensor() takes data, not a Tensor; use t.clone().detach()');
  checkOptions('tensor', options);
  if (ArrayBuffer.isView(data)) {
    const arr = data as unknown as ArrayLike<number>;
    return make(arr, [arr.length], options, 'tensor');
  }
  const { shape, values } = readData(data, parseDtype(options.dtype, 'tensor'));
  return make(values, shape, options, 'tensor', inferDtype(data));
}

function filled(shape: number[], value: number, options: TensorOptions, fn: string): Tensor {
  checkOptions(fn, options);
  checkNewShape(shape);
  const dtype = dtypeOf(options.dtype, fn);
  if (isIntegral(dtype)) checkInt64Values([value], 'full');
  const dev = getDevice(options.device);
  const t = new Tensor(dev, dev.full(shape, dtype === DType.Bool ? +(value !== 0) : value, dtype), shape, dtype);
  if (options.requires_grad) t.requires_grad_(true);
  return t;
}

export type SizeAndOptions = (number | readonly number[] | RandomOptions)[];

/** The checked size (varargs, one list, or the `size` keyword) and the options of zeros/ones/rand/randn. */
function splitArgs(args: SizeAndOptions, fn: string, list: IntParam['list']): { shape: number[]; options: RandomOptions; sizes: unknown[] } {
  const last = args[args.length - 1];
  const hasOptions = last !== undefined && last !== null && typeof last === 'object' && !Array.isArray(last);
  const options = (hasOptions ? last : {}) as RandomOptions & { size?: readonly number[] };
  const sizes = (hasOptions ? args.slice(0, -1) : args) as unknown[];
  const param: IntParam = { fn, name: 'size', position: 1, list };
  // the size may come by keyword too: torch.ones({ size: [2, 3] })
  const shape = sizes.length === 0 && options.size ? checkIntList(options.size, param)
    : sizes.length === 1 && Array.isArray(sizes[0]) ? checkIntList(sizes[0], param)
      : checkIntList(sizes, { ...param, container: 'varargs' });
  checkNewShape(shape);
  return { shape, options, sizes };
}

/** A tensor of zeros. @example torch.zeros(2, 3); torch.zeros([2, 3], { requires_grad: true }) */
export function zeros(...args: SizeAndOptions): Tensor {
  const { shape, options } = splitArgs(args, 'zeros', 'SymInts');
  return filled(shape, 0, options, 'zeros');
}

/** A tensor of ones. @example torch.ones([3]) */
export function ones(...args: SizeAndOptions): Tensor {
  const { shape, options } = splitArgs(args, 'ones', 'SymInts');
  return filled(shape, 1, options, 'ones');
}

/** A tensor filled with one value. @example torch.full([2, 2], 7) */
export function full(size: readonly number[], fill_value: number, options: TensorOptions = {}): Tensor {
  const shape = checkIntList(size, { fn: 'full', name: 'size', position: 1, list: 'SymInts' });
  // a bool fill_value makes a bool tensor, as PyTorch infers from a Python bool
  const opts = typeof fill_value === 'boolean' && options.dtype === undefined ? { ...options, dtype: torch_bool } : options;
  return filled(shape, checkNumber('full', 'fill_value', 2, fill_value), opts, 'full');
}

/** Zeros shaped like input (same device and dtype unless given). @example torch.zeros_like(x) */
export function zeros_like(input: Tensor, options: TensorOptions = {}): Tensor {
  checkTensorArg('zeros_like', 'input', 1, input);
  return filled(input._shape.slice(), 0, { dtype: input.dtype, device: input.device, ...options }, 'zeros_like');
}

/** Ones shaped like input. @example torch.ones_like(x) */
export function ones_like(input: Tensor, options: TensorOptions = {}): Tensor {
  checkTensorArg('ones_like', 'input', 1, input);
  return filled(input._shape.slice(), 1, { dtype: input.dtype, device: input.device, ...options }, 'ones_like');
}

/**
 * Values from start to end (exclusive) in steps: arange(end), arange(start, end, step?).
 * Float32 by default (JS numbers cannot say "integer"); pass dtype torch.long for integers.
 * @example torch.arange(5); torch.arange(0, 1, 0.25)
 */
export function arange(...args: (number | TensorOptions)[]): Tensor {
  const last: unknown = args[args.length - 1];
  const hasOptions = last !== null && typeof last === 'object' && !Array.isArray(last);
  const options = (hasOptions ? last : {}) as TensorOptions;
  const given: unknown[] = hasOptions ? args.slice(0, -1) : args;
  checkOptions('arange', options);
  // arange(end) or arange(start, end, step?): the position is the one PyTorch reports for that form
  const names = given.length === 1 ? ['end'] : ['start', 'end', 'step'];
  const nums = given.map((a, i) => checkNumber('arange', names[i], i + 1, a));
  let [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (dtypeOf(options.dtype, 'arange') === DType.Bool) throw new RuntimeError('"arange_cpu" not implemented for \'Bool\'');
  // PyTorch computes an integer arange in integers: the bounds and step truncate first
  if (isIntegral(dtypeOf(options.dtype, 'arange'))) [start, end, step] = [Math.trunc(start), Math.trunc(end), Math.trunc(step)];
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RuntimeError(`unsupported range: ${pyNumber(start)} -> ${pyNumber(end)}`);
  if (step === 0 || Number.isNaN(step)) throw new RuntimeError('step must be nonzero');
  if (!((step > 0 && end >= start) || (step < 0 && end <= start))) throw new RuntimeError('upper bound and larger bound inconsistent with step sign');
  const n = Math.ceil((end - start) / step) + 0; // + 0: never a size of -0
  if (n >= 2 ** 63) throw new RuntimeError('invalid size, possible overflow?');
  checkStorage([n]);
  const values = Array.from({ length: n }, (_, i) => start + i * step);
  return make(values, [n], options, 'arange');
}

/**
 * steps values evenly spaced from start to end inclusive.
 * @example torch.linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  checkNumber('linspace', 'start', 1, start);
  checkNumber('linspace', 'end', 2, end);
  checkInt('linspace', 'steps', 3, steps);
  checkOptions('linspace', options);
  if (steps < 0) throw new RuntimeError('number of steps must be non-negative');
  checkFloat32Only(options, 'linspace');
  checkStorage([steps]);
  // PyTorch's float32 arithmetic, filling the two halves from each end so the
  // endpoint is exact; its x86 build contracts start + step·i into one fused
  // multiply-add (as random.ts found for uniform_), so do we
  const f = Math.fround;
  const a = f(start), b = f(end);
  const step = steps > 1 ? f(f(b - a) / (steps - 1)) : 0;
  const half = Math.floor(steps / 2);
  const values = steps === 1 ? [a] : Array.from({ length: steps }, (_, i) =>
    (i < half ? fmaFloat(step, i, a) : fmaFloat(-step, steps - i - 1, b)));
  return make(values, [steps], options, 'linspace');
}

/**
 * linspace and logspace compute PyTorch's float32 sequence; its float64 one differs
 * (other rounding), so refuse it rather than round float32 values up.
 */
function checkFloat32Only(options: TensorOptions, fn: string): void {
  const d = dtypeOf(options.dtype, fn);
  if (d === DType.Float64) throw new NotImplementedError(`wasmgrad: ${fn} does not support dtype torch.float64 yet`);
}

/** Python's spelling of a float in PyTorch's messages (nan, inf). */
function pyNumber(v: number): string {
  return Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v);
}

/** eye(n, m) with a non-int m matches neither of PyTorch's overloads: its parser lists both. */
function invalidEye(n: number, m: unknown): TypeError {
  const tail = 'Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)';
  return new TypeError(`eye() received an invalid combination of arguments - got (${pyType(n)}, ${pyType(m)}), but expected one of:\n` +
    ` * (int n, *, ${tail}\n * (int n, int m, *, ${tail}\n`);
}

/** The identity matrix (n×m). @example torch.eye(3) */
export function eye(n: number, m: number | TensorOptions = n, options: TensorOptions = {}): Tensor {
  const cols = typeof m === 'object' ? n : m;
  const opts = typeof m === 'object' ? m : options;
  checkInt('eye', 'n', 1, n);
  if (typeof cols !== 'number' || !Number.isInteger(cols)) throw invalidEye(n, cols);
  if (n < 0) throw new RuntimeError(`n must be greater or equal to 0, got ${n}`);
  if (cols < 0) throw new RuntimeError(`m must be greater or equal to 0, got ${cols}`);
  // eye counts its elements in int64 before it sizes the storage
  if (BigInt(n) * BigInt(cols) >= 2n ** 63n) throw new RuntimeError('numel: integer multiplication overflow');
  checkStorage([n, cols]);
  const values = new Float32Array(n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) values[i * cols + i] = 1;
  return make(values, [n, cols], opts, 'eye');
}

/**
 * Uniform random values in [0, 1), PyTorch's generator (torch.default_generator, or the
 * `generator` option).
 * @example torch.manual_seed(0); torch.rand(3); torch.rand(2, 3, { generator: new torch.Generator().manual_seed(1) })
 */
export function rand(...args: SizeAndOptions): Tensor {
  const { shape, options, sizes } = splitArgs(args, 'rand', 'ints');
  return drawn('rand', shape, options, generatorOf('rand', sizes, options));
}

/**
 * Standard normal random values, PyTorch's generator (the default one, or the `generator` option).
 * @example torch.randn(2, 3); torch.randn([4], { generator: new torch.Generator().manual_seed(1) })
 */
export function randn(...args: SizeAndOptions): Tensor {
  const { shape, options, sizes } = splitArgs(args, 'randn', 'ints');
  return drawn('randn', shape, options, generatorOf('randn', sizes, options));
}

/**
 * rand's (uniform_) or randn's and normal's (normal_) draws in the requested dtype, as PyTorch
 * makes them: float32 as torch.rand / torch.randn, float64 from 53-bit draws; its errors for the
 * other dtypes (the kernel it names refuses them).
 */
function drawn(fn: 'rand' | 'randn' | 'normal', shape: number[], options: TensorOptions, gen: Generator, mean = 0, std = 1): Tensor {
  const dtype = dtypeOf(options.dtype, fn);
  if (!isFloating(dtype)) {
    throw new RuntimeError(`"${fn === 'rand' ? 'check_uniform_bounds' : 'normal_kernel_cpu'}" not implemented for '${DTYPES[dtype]._scalarType}'`);
  }
  const n = numelOf(shape), f64 = dtype === DType.Float64;
  const values = fn === 'rand'
    ? (f64 ? fillUniformDouble(new Float64Array(n), 0, 1, gen) : fillUniform(new Float32Array(n), 0, 1, gen))
    : (f64 ? fillNormalDouble(new Float64Array(n), mean, std, gen) : fillNormal(new Float32Array(n), mean, std, gen));
  return make(values, shape, options, fn);
}

// ---- more of PyTorch's creation functions (issue 6 §4) ----------------------------------

/**
 * A tensor of the given size. PyTorch leaves its values unset; wasmgrad's are zeros.
 * @example torch.empty(2, 3)
 */
export function empty(...args: SizeAndOptions): Tensor {
  const { shape, options } = splitArgs(args, 'empty', 'SymInts');
  return filled(shape, 0, options, 'empty');
}

/** fill_value everywhere, shaped like input (its device and dtype unless given). @example torch.full_like(x, 7) */
export function full_like(input: Tensor, fill_value: number, options: TensorOptions = {}): Tensor {
  checkTensorArg('full_like', 'input', 1, input);
  const value = checkNumber('full_like', 'fill_value', 2, fill_value);
  return filled(input._shape.slice(), value, { dtype: input.dtype, device: input.device, ...options }, 'full_like');
}

/** Uniform values in [0, 1) shaped like input, from PyTorch's generator. @example torch.rand_like(x) */
export function rand_like(input: Tensor, options: TensorOptions = {}): Tensor {
  checkTensorArg('rand_like', 'input', 1, input);
  refuseGenerator('rand_like', options);
  return rand(input._shape.slice(), { device: input.device, ...options });
}

/** Standard normal values shaped like input, from PyTorch's generator. @example torch.randn_like(x) */
export function randn_like(input: Tensor, options: TensorOptions = {}): Tensor {
  checkTensorArg('randn_like', 'input', 1, input);
  refuseGenerator('randn_like', options);
  return randn(input._shape.slice(), { device: input.device, ...options });
}

/** Integers drawn uniformly from [low, high) of the given size, PyTorch's draws: int64 unless dtype says. */
function randintOf(low: number, high: number, shape: number[], options: TensorOptions, fn: string, gen = default_generator): Tensor {
  checkNewShape(shape);
  if (!(low < high)) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  return make(randintValues(low, high, numelOf(shape), gen), shape, { dtype: 'int64', ...options }, fn);
}

/**
 * Random integers in [low, high): randint(high, size) or randint(low, high, size), PyTorch's
 * draws after the same manual_seed (or from the `generator` option); int64.
 * @example torch.manual_seed(0); torch.randint(0, 10, [8]); torch.randint(5, [3], { generator: g })
 */
export function randint(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const last = args[args.length - 1];
  const options = (last !== null && typeof last === 'object' && !Array.isArray(last) ? args.pop() : {}) as RandomOptions;
  const gen = generatorOf('randint', args, options);
  const size = args.pop();
  const bounds = args.map((b, i) => checkInt('randint', i === 0 && args.length === 2 ? 'low' : 'high', i + 1, b));
  const [low, high] = bounds.length === 2 ? bounds : [0, bounds[0]];
  if (high === undefined || bounds.length > 2) throw new TypeError('randint() takes 2 or 3 positional arguments: ([low,] high, size)');
  const shape = checkIntList(size, { fn: 'randint', name: 'size', position: bounds.length + 1, list: 'SymInts' });
  return randintOf(low, high, shape, options, 'randint', gen);
}

/** Random integers in [low, high) shaped like input. @example torch.randint_like(x, 10) */
export function randint_like(input: Tensor, low: number, high?: number | TensorOptions, options: TensorOptions = {}): Tensor {
  checkTensorArg('randint_like', 'input', 1, input);
  if (typeof high === 'object') { options = high; high = undefined; }
  refuseGenerator('randint_like', options, high === undefined ? [input, low] : [input, low, high]);
  const [lo, hi] = high === undefined ? [0, checkInt('randint_like', 'high', 2, low)]
    : [checkInt('randint_like', 'low', 2, low), checkInt('randint_like', 'high', 3, high)];
  return randintOf(lo, hi, input._shape.slice(), { dtype: input.dtype, device: input.device, ...options }, 'randint_like');
}

/**
 * A random permutation of 0 … n−1, PyTorch's draws (the default generator, or the `generator` option); int64.
 * @example torch.randperm(10); torch.randperm(5, { generator: new torch.Generator().manual_seed(3) })
 */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  const gen = generatorOf('randperm', [n], options);
  const count = checkInt('randperm', 'n', 1, n);
  if (count < 0) throw new RuntimeError(`n must be non-negative, got${count}`);
  return make(randpermValues(count, gen), [count], { dtype: 'int64', ...options }, 'randperm');
}

/**
 * Normal values with the given mean and std (numbers), of the given size, PyTorch's draws
 * (the default generator, or the `generator` option).
 * The overload of torch.normal with number mean and std (src/ops/random_fill.ts binds the others).
 * @internal
 * @example normalOfSize(0, 1, [3], { generator: new torch.Generator().manual_seed(2) })
 */
export function normalOfSize(mean: number, std: number, size: readonly number[], options: RandomOptions = {}): Tensor {
  const gen = generatorOf('normal', [mean, std, size], options);
  const m = checkNumber('normal', 'mean', 1, mean), s = checkNumber('normal', 'std', 2, std);
  if (s < 0) throw new RuntimeError(`normal expects std >= 0.0, but found std ${s}`);
  const shape = checkIntList(size, { fn: 'normal', name: 'size', position: 3, list: 'SymInts' });
  checkNewShape(shape);
  return drawn('normal', shape, options, gen, m, s);
}

/**
 * steps values from base^start to base^end, evenly spaced in the exponent, as PyTorch's CPU
 * kernel computes them (the first half from start, the second from end).
 * @example torch.logspace(0, 2, 3) // 1, 10, 100
 */
export function logspace(start: number, end: number, steps: number, options: TensorOptions & { base?: number } = {}): Tensor {
  const a = checkNumber('logspace', 'start', 1, start), b = checkNumber('logspace', 'end', 2, end);
  const n = checkInt('logspace', 'steps', 3, steps);
  if (n < 0) throw new RuntimeError('number of steps must be non-negative');
  const { base = 10, ...rest } = options;
  const base_ = checkNumber('logspace', 'base', 0, base);
  checkFloat32Only(rest, 'logspace');
  // float32 start and end, the step and exponents in float64, as PyTorch's scalar loop; its
  // vectorized loop (8 values at a time) differs by a few ulp (docs/api.md)
  const fa = Math.fround(a), fb = Math.fround(b);
  const values = new Float32Array(n);
  if (n === 1) values[0] = Math.pow(base_, fa);
  else if (n > 1) {
    const step = (fb - fa) / (n - 1), half = Math.floor(n / 2);
    for (let i = 0; i < n; i++) values[i] = Math.pow(base_, i < half ? fa + step * i : fb - step * (n - i - 1));
  }
  return make(values, [n], rest, 'logspace');
}
