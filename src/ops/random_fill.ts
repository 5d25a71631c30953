// Tensor.uniform_, Tensor.normal_ and torch.normal (helper generator): PyTorch's CPU kernels, drawing from
// the `generator` keyword's torch.Generator or the default one, so the values are PyTorch's
// after the same seed. float32 as torch.rand / torch.randn draw (random.ts fillUniform /
// fillNormal), float64 with 53-bit draws. Values are drawn in row-major order, PyTorch's order
// for a contiguous tensor.

import { DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError, TypeError } from '../errors.js';
import { invalidCombination } from '../args.js';
import { Tensor } from '../tensor.js';
import { bind, bindOverloads, isOptions } from '../signature.js';
import { parseSchema } from '../schema.js';
import { DTYPES, isFloating } from '../dtype.js';
import { default_generator, fillUniform, fillNormal, fillUniformDouble, fillNormalDouble, randint, type Generator } from '../random.js';
import { writeDraws } from './bernoulli.js';
import { checkLeaf } from './inplace.js';
import { is_grad_enabled, no_grad } from '../autograd.js';
import { empty, normalOfSize, NORMAL_SIGNATURES, type RandomOptions } from '../creation.js';
import { broadcastShapes } from '../shape.js';

const UNIFORM_ = parseSchema('uniform_(Tensor self, float from=0, float to=1, *, Generator? generator=None) -> Tensor');
const NORMAL_ = parseSchema('normal_(Tensor self, float mean=0, float std=1, *, Generator? generator=None) -> Tensor');

/** The checks both fills share: a floating tensor (PyTorch names its kernel), no autograd yet. */
function checkFill(self: Tensor, kernel: string, fn: string): void {
  checkLeaf(self); // before any draw: an error leaves the generator where it was
  if (!isFloating(self._dtype)) throw new RuntimeError(`"${kernel}" not implemented for '${DTYPES[self._dtype]._scalarType}'`);
  if (is_grad_enabled() && self.requires_grad && !self.is_leaf) {
    throw new NotImplementedError(`wasmgrad: ${fn} on a tensor that requires grad is not supported`);
  }
}

function uniformBound(a: Record<string, unknown>): Tensor {
  const self = a.self as Tensor, from = a.from as number, to = a.to as number;
  const gen = (a.generator as Generator | null) ?? default_generator;
  checkFill(self, 'check_uniform_bounds', 'uniform_');
  if (!(from <= to)) throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  const n = self.numel();
  const values = self._dtype === DType.Float64 ? fillUniformDouble(new Float64Array(n), from, to, gen) : fillUniform(new Float32Array(n), from, to, gen);
  return writeDraws(self, values);
}

function normalBound(a: Record<string, unknown>): Tensor {
  const self = a.self as Tensor, mean = a.mean as number, std = a.std as number;
  const gen = (a.generator as Generator | null) ?? default_generator;
  checkFill(self, 'normal_kernel_cpu', 'normal_');
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  const n = self.numel();
  const values = self._dtype === DType.Float64 ? fillNormalDouble(new Float64Array(n), mean, std, gen) : fillNormal(new Float32Array(n), mean, std, gen);
  return writeDraws(self, values);
}

// random_: integers drawn as torch.randint draws them (random_from_to); with no bounds, [0, 2^m]
// for a float type with an m-bit mantissa, the integer type's range, or {0, 1} for bool
const RANDOM_ = [
  parseSchema('random_(Tensor self, *, Generator? generator=None) -> Tensor'),
  parseSchema('random_(Tensor self, int from, int? to, *, Generator? generator=None) -> Tensor'),
  parseSchema('random_(Tensor self, int to, *, Generator? generator=None) -> Tensor'),
];
/** random_()'s range [0, top] per dtype (int64's would not fit wasmgrad's 32-bit storage). */
const RANDOM_TOP: { readonly [K in DType]: number } = {
  [DType.Float32]: 2 ** 24, [DType.Float64]: 2 ** 53, [DType.Int32]: 2 ** 31 - 1, [DType.Int64]: 2 ** 63 - 1, [DType.Bool]: 1,
};

function randomBound(overload: number, a: Record<string, unknown>): Tensor {
  const self = a.self as Tensor, gen = (a.generator as Generator | null) ?? default_generator;
  checkLeaf(self);
  if (is_grad_enabled() && self.requires_grad && !self.is_leaf) throw new NotImplementedError('wasmgrad: random_ on a tensor that requires grad is not supported');
  let from = 0, to = RANDOM_TOP[self._dtype] + 1;
  if (overload === 1) { from = a.from as number; to = a.to === null ? RANDOM_TOP[self._dtype] + 1 : a.to as number; }
  if (overload === 2) to = a.to as number;
  if (!(from < to)) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
  const storable = self._dtype === DType.Int64 || self._dtype === DType.Int32 ? 2 ** 31 : Infinity;
  if (from < -storable || to - 1 >= storable) {
    throw new RuntimeError(`wasmgrad: random_ over [${from}, ${to}) on an ${DTYPES[self._dtype].name} tensor draws values beyond its 32-bit storage (docs/api.md)`);
  }
  // random_() on float64 draws from 2^53 + 1 values, a count a double cannot hold
  const span = overload === 0 && self._dtype === DType.Float64 ? 2n ** 53n + 1n : undefined;
  return writeDraws(self, randint(from, to, self.numel(), gen, span));
}

// exponential_, cauchy_, geometric_, log_normal_ (helper h-shape): ATen's CPU transformations of one
// 53-bit uniform (a normal_distribution<double> sample for log_normal_) per element, in double,
// then rounded to the tensor's dtype, so the values are PyTorch's after the same seed
const SAMPLERS = {
  exponential_: parseSchema('exponential_(Tensor self, float lambd=1, *, Generator? generator=None) -> Tensor'),
  cauchy_: parseSchema('cauchy_(Tensor self, float median=0, float sigma=1, *, Generator? generator=None) -> Tensor'),
  geometric_: parseSchema('geometric_(Tensor self, float p, *, Generator? generator=None) -> Tensor'),
  log_normal_: parseSchema('log_normal_(Tensor self, float mean=1, float std=2, *, Generator? generator=None) -> Tensor'),
};

function sampled(name: keyof typeof SAMPLERS, self: Tensor, args: unknown[]): Tensor {
  const a = bind(SAMPLERS[name], args, self);
  const gen = (a.generator as Generator | null) ?? default_generator;
  const kernel = { exponential_: 'exponential_cpu', cauchy_: 'cauchy_cpu', geometric_: 'geometric_cpu', log_normal_: 'log_normal_cpu' }[name];
  if (name === 'geometric_') {
    checkLeaf(self);
    if (is_grad_enabled() && self.requires_grad && !self.is_leaf) throw new NotImplementedError('wasmgrad: geometric_ on a tensor that requires grad is not supported');
  } else {
    checkFill(self, kernel, name);
  }
  let draw: () => number;
  if (name === 'exponential_') {
    const lambd = a.lambd as number;
    draw = () => (-1 / lambd) * Math.log1p(-gen.randomDouble53());
  } else if (name === 'cauchy_') {
    const median = a.median as number, sigma = a.sigma as number;
    draw = () => median + sigma * Math.tan(Math.PI * (gen.randomDouble53() - 0.5));
  } else if (name === 'geometric_') {
    const p = a.p as number;
    if (!(p > 0 && p < 1)) throw new RuntimeError(`geometric_ expects p to be in (0, 1), but got p=${p}`);
    draw = () => Math.ceil(Math.log(gen.randomDouble53()) / Math.log1p(-p));
  } else {
    const mean = a.mean as number, std = a.std as number;
    if (!(std > 0)) throw new RuntimeError(`log_normal_ expects std > 0.0, but found std=${std}`);
    draw = () => Math.exp(gen.normalDouble(mean, std));
  }
  const n = self.numel();
  const values = self._dtype === DType.Float64 ? new Float64Array(n) : self._dtype === DType.Float32 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = draw();
  return writeDraws(self, values);
}

/** @internal Tensor.uniform_, normal_ and random_, self bound */
export const methods = {
  exponential_: (self: Tensor, args: unknown[]): Tensor => sampled('exponential_', self, args),
  cauchy_: (self: Tensor, args: unknown[]): Tensor => sampled('cauchy_', self, args),
  geometric_: (self: Tensor, args: unknown[]): Tensor => sampled('geometric_', self, args),
  log_normal_: (self: Tensor, args: unknown[]): Tensor => sampled('log_normal_', self, args),
  uniform_: (self: Tensor, args: unknown[]): Tensor => uniformBound(bind(UNIFORM_, args, self)),
  normal_: (self: Tensor, args: unknown[]): Tensor => normalBound(bind(NORMAL_, args, self)),
  random_: (self: Tensor, args: unknown[]): Tensor => randomBound(...bindOverloads(RANDOM_, args, self)),
};

// torch.normal with a tensor mean or std, PyTorch's first three overloads: the output (mean's,
// else std's, shape and dtype; the broadcast shape for two tensors) is filled with N(0, std) or
// N(0, 1) draws, then PyTorch's mul_(std) and add_(mean), each its own rounding.
const NORMAL_TENSORS = [
  parseSchema('normal(Tensor mean, Tensor std, *, Generator? generator=None) -> Tensor'),
  parseSchema('normal(Tensor mean, float std=1, *, Generator? generator=None) -> Tensor'),
  parseSchema('normal(float mean, Tensor std, *, Generator? generator=None) -> Tensor'),
];

function normalOfTensors(overload: number, a: Record<string, unknown>): Tensor {
  const mean = a.mean as Tensor | number, std = a.std as Tensor | number;
  if (is_grad_enabled() && [mean, std].some((t) => t instanceof Tensor && t.requires_grad)) {
    throw new NotImplementedError('wasmgrad: torch.normal with a mean or std that requires grad is not supported (PyTorch: a zero gradient)');
  }
  if (std instanceof Tensor) {
    if (!Array.from(std.dataSync() as ArrayLike<number>).every((v) => v >= 0)) throw new RuntimeError('normal expects all elements of std >= 0.0');
  } else if (!(std >= 0)) {
    throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  }
  const like = (mean instanceof Tensor ? mean : std) as Tensor;
  const shape = overload === 0 ? broadcastShapes((mean as Tensor)._shape, (std as Tensor)._shape) : like._shape.slice();
  return no_grad(() => {
    const out = empty(shape, { dtype: like.dtype, device: like.device });
    normalBound({ self: out, mean: 0, std: overload === 1 ? std : 1, generator: a.generator });
    if (overload !== 1) out.mul_(std as Tensor);
    return out.add_(mean as Tensor | number);
  });
}

/**
 * Normal samples, PyTorch's four overloads: a tensor mean and/or std (elementwise, the result
 * shaped like them), or number mean and std with a size. PyTorch's draws after the same seed,
 * or from the `generator` option's torch.Generator.
 * @example
 * torch.normal(2, 3, [5]);
 * torch.normal(torch.zeros(3), 1, { generator: new torch.Generator().manual_seed(2) });
 * torch.normal(torch.zeros(2, 3), torch.ones(3));
 */
export function normal(mean: Tensor, std?: Tensor | number, options?: { generator?: Generator | null }): Tensor;
export function normal(mean: Tensor, options: { std?: Tensor | number; generator?: Generator | null }): Tensor;
export function normal(mean: number, std: Tensor, options?: { generator?: Generator | null }): Tensor;
export function normal(mean: number, std: number, size: readonly number[], options?: RandomOptions): Tensor;
export function normal(...args: unknown[]): Tensor {
  const kw = isOptions(args[0]) ? args[0] : null; // normal({ mean, std })
  const [mean, std] = kw ? [kw.mean, kw.std] : args;
  if (!(mean instanceof Tensor) && !(std instanceof Tensor)) return normalOfSize(...(args as Parameters<typeof normalOfSize>));
  let bound: [number, Record<string, unknown>];
  try {
    bound = bindOverloads(NORMAL_TENSORS, args, null);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    // PyTorch's parser lists all four overloads, the one with a size too
    const last = args[args.length - 1], hasKw = args.length > 1 && isOptions(last);
    throw invalidCombination('normal', hasKw ? args.slice(0, -1) : args, hasKw ? last : {}, NORMAL_SIGNATURES);
  }
  return normalOfTensors(...bound);
}
