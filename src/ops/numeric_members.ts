// Numeric members of torch.Tensor and their torch.* forms (helper h-numeric), composed of recorded
// ops as PyTorch's CompositeImplicit functions are, so gradients and create_graph come from those:
//   float_power   pow on float64 copies                               PowBackward0/1/2
//   ldexp         input · 2^other                                      MulBackward0 (as PyTorch)
//   addr, vdot, dist, frexp, mvlgamma   (PyTorch's nodes AddrBackward0, VdotBackward0, DistBackward0,
//                 FrexpBackward0, MvlgammaBackward0 are one node; here the ops they compose: docs/api.md)
//   sum_to_size   keepdim sum (and a view for leading dims), as at::sum_to
// and the non-differentiable ones, from comparisons or values: floor_divide, signbit, argwhere,
// the predicates (is_nonzero, is_same_size, ...).

import * as torch from '../index.js';
import { Tensor } from '../tensor.js';
import { parseSchema } from '../schema.js';
import { bind, bindOverloads } from '../signature.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { tidy } from '../memory.js';
import { inplace } from './inplace.js';
import { multigammaln } from './multigammaln.js';
import { normDim } from '../shape.js';
// imported directly, not reached through the torch namespace: tensor.ts imports this file, and the
// namespace can make a bundler evaluate index.js (nn's classes over Tensor) before tensor.ts
import { vector_norm } from './reduce_stats.js';

// O: PyTorch has an out= form (its overload errors list `*, Tensor out`)
const P = (s: string): ReturnType<typeof parseSchema> => parseSchema(s, false);
const O = (s: string): ReturnType<typeof parseSchema> => parseSchema(s);
const SCHEMAS = {
  float_power: [O('float_power(Tensor input, Tensor exponent) -> Tensor'), O('float_power(Scalar self, Tensor exponent) -> Tensor'),
    O('float_power(Tensor input, Scalar exponent) -> Tensor')],
  floor_divide: [O('floor_divide(Tensor input, Tensor other) -> Tensor'), O('floor_divide(Tensor input, Scalar other) -> Tensor')],
  ldexp: [O('ldexp(Tensor input, Tensor other) -> Tensor')],
  signbit: [O('signbit(Tensor input) -> Tensor')],
  positive: [P('positive(Tensor input) -> Tensor')],
  vdot: [O('vdot(Tensor input, Tensor other) -> Tensor')],
  dist: [P('dist(Tensor input, Tensor other, Scalar p=2) -> Tensor')],
  addr: [O('addr(Tensor input, Tensor vec1, Tensor vec2, *, Scalar beta=1, Scalar alpha=1) -> Tensor')],
  frexp: [O('frexp(Tensor input) -> Tensor')],
  mvlgamma: [O('mvlgamma(Tensor input, int p) -> Tensor')],
  argwhere: [P('argwhere(Tensor input) -> Tensor')],
  is_nonzero: [P('is_nonzero(Tensor input) -> bool')],
  is_same_size: [P('is_same_size(Tensor input, Tensor other) -> bool')],
  is_floating_point: [P('is_floating_point(Tensor input) -> bool')],
  is_complex: [P('is_complex(Tensor input) -> bool')],
  is_signed: [P('is_signed(Tensor input) -> bool')],
  is_inference: [P('is_inference(Tensor input) -> bool')],
  isreal: [P('isreal(Tensor input) -> Tensor')],
  gcd: [O('gcd(Tensor input, Tensor other) -> Tensor')],
  nextafter: [O('nextafter(Tensor input, Tensor other) -> Tensor')],
  lcm: [O('lcm(Tensor input, Tensor other) -> Tensor')],
  renorm: [O('renorm(Tensor input, Scalar p, int dim, Scalar maxnorm) -> Tensor')],
  quantile: [O("quantile(Tensor input, Tensor q, int? dim=None, bool keepdim=False, *, str interpolation='linear') -> Tensor"),
    O("quantile(Tensor input, float q, int? dim=None, bool keepdim=False, *, str interpolation='linear') -> Tensor")],
  nanquantile: [O("nanquantile(Tensor input, Tensor q, int? dim=None, bool keepdim=False, *, str interpolation='linear') -> Tensor"),
    O("nanquantile(Tensor input, float q, int? dim=None, bool keepdim=False, *, str interpolation='linear') -> Tensor")],
};
type Name = keyof typeof SCHEMAS;
const SCALAR_NAME: Record<string, string> = { float32: 'Float', float64: 'Double', int64: 'Long', int32: 'Int', bool: 'Bool' };

// ---- the bodies, over bound arguments ----

function floatPower(i: number, a: Record<string, unknown>): Tensor {
  return tidy(() => {
    if (i === 1) return torch.pow(a.self as number, (a.exponent as Tensor).double());
    const base = (a.input as Tensor).double();
    return i === 0 ? torch.pow(base, (a.exponent as Tensor).double()) : base.pow(a.exponent as number);
  });
}

/** Python's //: div's 'floor' rounding mode (ATen's div_floor, one kernel per device), without a gradient. */
function floorDivide(a: Record<string, unknown>): Tensor {
  return torch.no_grad(() => torch.div(a.input as Tensor, a.other as Tensor | number, { rounding_mode: 'floor' }));
}

function signbitOf(x: Tensor): Tensor {
  if (x.dtype === torch.bool) return torch.zeros(x.shape, { dtype: torch.bool, device: x.device });
  if (!x.dtype.is_floating_point) return torch.no_grad(() => x.lt(0));
  // copysign reads the sign bit: −0 and −NaN are negative
  return torch.no_grad(() => tidy(() => torch.copysign(torch.ones_like(x), x).lt(0)));
}

function vdotOf(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, y = a.other as Tensor;
  if (x.dim() !== 1 || y.dim() !== 1) throw new RuntimeError(`1D tensors expected, but got ${x.dim()}D and ${y.dim()}D tensors`);
  return torch.dot(x, y);
}

function distOf(a: Record<string, unknown>): Tensor {
  return tidy(() => vector_norm((a.input as Tensor).sub(a.other as Tensor), a.p as number));
}

function addrOf(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, v1 = a.vec1 as Tensor, v2 = a.vec2 as Tensor;
  const beta = a.beta as number, alpha = a.alpha as number;
  if (v1.dim() !== 1) throw new RuntimeError(`addr: Expected 1-D argument vec1, but got ${v1.dim()}-D`);
  if (v2.dim() !== 1) throw new RuntimeError(`addr: Expected 1-D argument vec2, but got ${v2.dim()}-D`);
  return tidy(() => {
    const kept = input.expand([v1.shape[0], v2.shape[0]]), outer = torch.outer(v1, v2);
    const scaled = alpha === 1 ? outer : outer.mul(alpha);
    // beta = 0 ignores input's values (NaN and inf too), as PyTorch does; its gradient is 0
    const base = beta === 0 ? kept.mul(0).nan_to_num(0, 0, 0) : beta === 1 ? kept : kept.mul(beta);
    return base.add(scaled);
  });
}

/** mantissa · 2^exponent = input, mantissa in ±[0.5, 1): the mantissa is input times a constant power of two. */
function frexpOf(x: Tensor): [Tensor, Tensor] {
  if (!x.dtype.is_floating_point) throw new RuntimeError('torch.frexp() only supports floating-point dtypes');
  const exps = Array.from(x.dataSync() as ArrayLike<number>, (v) => {
    if (v === 0 || !Number.isFinite(v)) return 0;
    let e = Math.floor(Math.log2(Math.abs(v))) + 1;
    const m = Math.abs(v) / 2 ** e;
    if (m >= 1) e++; else if (m < 0.5) e--;
    return e;
  });
  const exponent = torch.tensor(exps, { dtype: torch.int32, device: x.device }).reshape(x.shape);
  const scale = torch.tensor(exps.map((e) => 2 ** -e), { dtype: x.dtype, device: x.device }).reshape(x.shape);
  const mantissa = x.mul(scale);
  scale.dispose();
  return [mantissa, exponent];
}

function mvlgammaOf(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, p = a.p as number;
  if (p < 1) throw new RuntimeError('p has to be greater than or equal to 1');
  return multigammaln(x, p);
}

function isNonzero(x: Tensor): boolean {
  const n = x.numel();
  if (n === 0) throw new RuntimeError('Boolean value of Tensor with no values is ambiguous');
  if (n > 1) throw new RuntimeError('Boolean value of Tensor with more than one value is ambiguous');
  const v: unknown = x.item();
  return v !== 0 && v !== false;
}

/** gcd and lcm of integer tensors (broadcast), from their values: not differentiable. */
function gcdLcm(a: Record<string, unknown>, name: 'gcd' | 'lcm'): Tensor {
  const x = a.input as Tensor, y = a.other as Tensor, dtype = torch.result_type(x, y);
  if (dtype.is_floating_point || dtype === torch.bool) throw new RuntimeError(`"${name}_cpu" not implemented for '${SCALAR_NAME[dtype.name]}'`);
  return torch.no_grad(() => tidy(() => {
    const [p, q] = torch.broadcast_tensors(x, y);
    const xs = p.dataSync() as ArrayLike<number>, ys = q.dataSync() as ArrayLike<number>;
    const gcd = (m: number, n: number): number => { m = Math.abs(m); n = Math.abs(n); while (n) [m, n] = [n, m % n]; return m; };
    const out = Array.from(xs, (v, k) => {
      const g = gcd(v, ys[k]);
      return name === 'gcd' ? g : g === 0 ? 0 : Math.abs((v / g) * ys[k]);
    });
    return torch.tensor(out, { dtype, device: x.device }).reshape(p.shape);
  }));
}

/** The next representable value after x towards y, in float32 (f32) or float64: one step of the bit pattern. */
function nextafterValue(x: number, y: number, f32: boolean): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return y;
  if (x === 0) return (y > 0 ? 1 : -1) * (f32 ? 2 ** -149 : Number.MIN_VALUE);
  const up = (y > x) === (x > 0);
  if (f32) {
    const f = new Float32Array([x]), bits = new Int32Array(f.buffer);
    bits[0] += up ? 1 : -1;
    return f[0];
  }
  const f = new Float64Array([x]), bits = new BigInt64Array(f.buffer);
  bits[0] += up ? 1n : -1n;
  return f[0];
}

function nextafterOf(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, y = a.other as Tensor, dtype = torch.result_type(x, y);
  if (!dtype.is_floating_point) throw new RuntimeError(`"nextafter_cpu" not implemented for '${SCALAR_NAME[dtype.name]}'`);
  return torch.no_grad(() => tidy(() => {
    const [p, q] = torch.broadcast_tensors(x.to(dtype), y.to(dtype));
    const ys = q.dataSync() as ArrayLike<number>, f32 = dtype === torch.float32;
    const out = Array.from(p.dataSync() as ArrayLike<number>, (v, k) => nextafterValue(v, ys[k], f32));
    return torch.tensor(out, { dtype, device: x.device }).reshape(p.shape);
  }));
}

/** ATen's renorm: each slice along dim scaled by maxnorm / (‖slice‖ₚ + 1e-7) where its norm exceeds maxnorm. */
function renormOf(a: Record<string, unknown>): Tensor {
  const x = a.input as Tensor, p = a.p as number, maxnorm = a.maxnorm as number;
  if (!(p > 0)) throw new RuntimeError('renorm: non-positive-norm not supported');
  if (maxnorm < 0) throw new RuntimeError(`renorm: expected maxnorm to be >= 0 but got ${maxnorm}`);
  const dim = normDim(a.dim as number, Math.max(x.dim(), 1));
  return tidy(() => {
    const dims = x.shape.map((_, k) => k).filter((k) => k !== dim);
    const norm = vector_norm(x, p, dims, true);
    const factor = torch.where(norm.gt(maxnorm), torch.full_like(norm, maxnorm).div(norm.add(1e-7)), torch.ones_like(norm));
    return x.mul(factor);
  });
}

const INTERPOLATIONS = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];

/** ATen's quantile_checks. */
function checkQuantile(x: Tensor, q: Tensor | number, interpolation: string): void {
  if (!x.dtype.is_floating_point) throw new RuntimeError('quantile() input tensor must be either float or double dtype');
  if (typeof q === 'number') {
    if (!(q >= 0 && q <= 1)) throw new RuntimeError(`quantile() q must be in the range [0, 1] but got ${q}`);
  } else {
    if (q.dtype !== x.dtype) throw new RuntimeError('quantile() q tensor must be same dtype as the input tensor');
    if (q.dim() > 1) throw new RuntimeError('quantile() q must be a scalar or 1D tensor');
    if (!torch.no_grad(() => tidy(() => Boolean(q.ge(0).logical_and(q.le(1)).all().item())))) {
      throw new RuntimeError('quantile() q values must be in the range [0, 1]');
    }
  }
  if (x.numel() === 0) throw new RuntimeError('quantile() input tensor must be non-empty');
  if (!INTERPOLATIONS.includes(interpolation)) {
    throw new RuntimeError(`quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${interpolation}`);
  }
}

/**
 * ATen's quantile_compute, op for op: sort along dim (NaN last), ranks q·(n − 1) (or over the
 * non-NaN count, ignoreNan), the values at the ranks below and above gathered and lerped.
 */
function quantileOf(a: Record<string, unknown>, ignoreNan: boolean): Tensor {
  const x = a.input as Tensor, q0 = a.q as Tensor | number, interpolation = a.interpolation as string;
  const keepdim = a.keepdim as boolean, nd = x.dim();
  checkQuantile(x, q0, interpolation);
  const dim = a.dim === null ? null : normDim(a.dim as number, Math.max(nd, 1));
  return tidy(() => {
    const q = typeof q0 === 'number' ? torch.tensor(q0, { dtype: x.dtype, device: x.device }) : q0;
    let rest: number[];
    if (dim !== null && nd > 0) rest = keepdim ? x.shape.map((n, k) => (k === dim ? 1 : n)) : x.shape.filter((_, k) => k !== dim);
    else rest = keepdim ? x.shape.map(() => 1) : [];
    const moved = dim === null ? x.flatten() : x.unsqueeze(-1).transpose(dim, -1);
    const sortedAll = torch.sort(moved, -1)[0];
    const sorted = sortedAll.reshape([...rest, sortedAll.shape[sortedAll.dim() - 1]]);
    const last = sorted.shape[sorted.dim() - 1] - 1, q1 = q.reshape([-1]);
    let ranks: Tensor;
    if (ignoreNan) {
      const counts = sorted.isnan().logical_not().sum(-1, { keepdim: true }).sub(1);
      ranks = q1.mul(counts);
      ranks = ranks.masked_fill(ranks.lt(0), 0);
    } else {
      const [r, hasNan] = torch.broadcast_tensors(q1.mul(last), sorted.isnan().any(-1, true));
      ranks = r.masked_fill(hasNan, last);
    }
    if (interpolation === 'lower') ranks = ranks.floor();
    else if (interpolation === 'higher') ranks = ranks.ceil();
    else if (interpolation === 'nearest') ranks = ranks.round();
    const below = ranks.long();
    let values = sorted.gather(-1, below);
    if (interpolation === 'linear' || interpolation === 'midpoint') {
      const weights = interpolation === 'midpoint' ? torch.full_like(ranks, 0.5) : ranks.sub(below);
      values = torch.lerp(values, sorted.gather(-1, ranks.ceil().long()), weights);
    }
    if (q.dim() === 0) return values.squeeze(-1);
    return values.unsqueeze(0).transpose(0, -1).squeeze(-1);
  });
}

const BODIES: { [K in Name]: (i: number, a: Record<string, unknown>) => unknown } = {
  float_power: floatPower,
  floor_divide: (_i, a) => floorDivide(a),
  ldexp: (_, a) => tidy(() => {
    const other = a.other as Tensor; // 2.0 ** an integer tensor is of the default dtype
    return (a.input as Tensor).mul(torch.pow(2, other.dtype.is_floating_point ? other : other.to(torch.get_default_dtype())));
  }),
  signbit: (_, a) => signbitOf(a.input as Tensor),
  positive: (_, a) => {
    if ((a.input as Tensor).dtype === torch.bool) throw new RuntimeError('The `+` operator, on a bool tensor is not supported.');
    return a.input;
  },
  vdot: (_, a) => vdotOf(a),
  dist: (_, a) => distOf(a),
  addr: (_, a) => addrOf(a),
  frexp: (_, a) => frexpOf(a.input as Tensor),
  mvlgamma: (_, a) => mvlgammaOf(a),
  argwhere: (_, a) => torch.nonzero(a.input as Tensor) as Tensor,
  is_nonzero: (_, a) => isNonzero(a.input as Tensor),
  is_same_size: (_, a) => { const x = a.input as Tensor, y = a.other as Tensor; return x.dim() === y.dim() && x.shape.every((n, k) => n === y.shape[k]); },
  is_floating_point: (_, a) => (a.input as Tensor).dtype.is_floating_point,
  is_complex: () => false,
  is_signed: (_, a) => (a.input as Tensor).dtype.is_signed,
  // inference_mode makes ordinary tensors here (src/autograd.ts)
  is_inference: () => false,
  gcd: (_, a) => gcdLcm(a, 'gcd'),
  nextafter: (_, a) => nextafterOf(a),
  lcm: (_, a) => gcdLcm(a, 'lcm'),
  renorm: (_, a) => renormOf(a),
  quantile: (_, a) => quantileOf(a, false),
  nanquantile: (_, a) => quantileOf(a, true),
  isreal: (_, a) => torch.ones((a.input as Tensor).shape, { dtype: torch.bool, device: (a.input as Tensor).device }),
};

/** torch.<name>(...args), bound as PyTorch binds it. @internal */
export function call(name: Name, args: readonly unknown[], self: Tensor | null = null): unknown {
  return BODIES[name](...bindOverloads(SCHEMAS[name], args, self));
}

// ---- torch.* forms ----

/**
 * input ** exponent in float64 (either may be a number). @example torch.float_power(torch.tensor([2, 3]), 2) // float64 [4, 9]
 */
export function float_power(input: Tensor | number, exponent: Tensor | number): Tensor;
export function float_power(...args: unknown[]): Tensor { return call('float_power', args) as Tensor; }
/** Python's //: the quotient rounded down, not differentiable. @example torch.floor_divide(torch.tensor([7, -7]), 2) // [3, -4] */
export function floor_divide(input: Tensor, other: Tensor | number): Tensor;
export function floor_divide(...args: unknown[]): Tensor { return call('floor_divide', args) as Tensor; }
/** input · 2^other. @example torch.ldexp(torch.tensor([1.5]), torch.tensor([3])) // [12] */
export function ldexp(input: Tensor, other: Tensor): Tensor;
export function ldexp(...args: unknown[]): Tensor { return call('ldexp', args) as Tensor; }
/** Whether the sign bit is set (−0 and −NaN included); a bool tensor. @example torch.signbit(torch.tensor([-0, 1])) // [true, false] */
export function signbit(input: Tensor): Tensor;
export function signbit(...args: unknown[]): Tensor { return call('signbit', args) as Tensor; }
/** input itself (PyTorch's unary +). @example torch.positive(x) === x */
export function positive(input: Tensor): Tensor;
export function positive(...args: unknown[]): Tensor { return call('positive', args) as Tensor; }
/** The dot product of two 1-D tensors (real: torch.dot). @example torch.vdot(torch.tensor([1, 2]), torch.tensor([3, 4])) // 11 */
export function vdot(input: Tensor, other: Tensor): Tensor;
export function vdot(...args: unknown[]): Tensor { return call('vdot', args) as Tensor; }
/** The p-norm of input − other (broadcast). @example torch.dist(torch.tensor([0, 0]), torch.tensor([3, 4])) // 5 */
export function dist(input: Tensor, other: Tensor, p?: number): Tensor;
export function dist(input: Tensor, other: Tensor, options: { p?: number }): Tensor;
export function dist(...args: unknown[]): Tensor { return call('dist', args) as Tensor; }
/**
 * beta · input + alpha · (vec1 ⊗ vec2).
 * @example torch.addr(torch.zeros(2, 2), torch.tensor([1, 2]), torch.tensor([3, 4])) // [[3, 4], [6, 8]]
 */
export function addr(input: Tensor, vec1: Tensor, vec2: Tensor, options?: { beta?: number; alpha?: number }): Tensor;
export function addr(...args: unknown[]): Tensor { return call('addr', args) as Tensor; }
/** [mantissa, exponent (int32)] with input = mantissa · 2^exponent. @example const [m, e] = torch.frexp(torch.tensor([8])) // 0.5, 4 */
export function frexp(input: Tensor): [Tensor, Tensor];
export function frexp(...args: unknown[]): [Tensor, Tensor] { return call('frexp', args) as [Tensor, Tensor]; }
/** The multivariate log-gamma function of dimension p (torch.special.multigammaln). @example torch.mvlgamma(torch.tensor([2.5]), 2) */
export function mvlgamma(input: Tensor, p: number): Tensor;
export function mvlgamma(input: Tensor, options: { p: number }): Tensor;
export function mvlgamma(...args: unknown[]): Tensor { return call('mvlgamma', args) as Tensor; }
/** The indices of the nonzero elements, one row each (torch.nonzero). @example torch.argwhere(torch.tensor([0, 3])) // [[1]] */
export function argwhere(input: Tensor): Tensor;
export function argwhere(...args: unknown[]): Tensor { return call('argwhere', args) as Tensor; }
/** The value of a one-element tensor as a bool; PyTorch's errors otherwise. @example torch.is_nonzero(torch.tensor([2])) // true */
export function is_nonzero(input: Tensor): boolean;
export function is_nonzero(...args: unknown[]): boolean { return call('is_nonzero', args) as boolean; }
/** Whether the two have the same shape. @example torch.is_same_size(torch.zeros(2), torch.ones(2)) // true */
export function is_same_size(input: Tensor, other: Tensor): boolean;
export function is_same_size(...args: unknown[]): boolean { return call('is_same_size', args) as boolean; }
/** Whether input's dtype is float32 or float64. @example torch.is_floating_point(torch.zeros(1)) // true */
export function is_floating_point(input: Tensor): boolean;
export function is_floating_point(...args: unknown[]): boolean { return call('is_floating_point', args) as boolean; }
/** false: wasmgrad has no complex dtypes. @example torch.is_complex(torch.zeros(1)) // false */
export function is_complex(input: Tensor): boolean;
export function is_complex(...args: unknown[]): boolean { return call('is_complex', args) as boolean; }
/** Whether input's dtype can hold negative values (all but bool). @example torch.is_signed(torch.zeros(1)) // true */
export function is_signed(input: Tensor): boolean;
export function is_signed(...args: unknown[]): boolean { return call('is_signed', args) as boolean; }
/** false: tensors made in inference_mode are ordinary tensors here. @example torch.is_inference(x) // false */
export function is_inference(input: Tensor): boolean;
export function is_inference(...args: unknown[]): boolean { return call('is_inference', args) as boolean; }
/** All true (a bool tensor): every dtype here is real. @example torch.isreal(torch.tensor([1, NaN])) // [true, true] */
export function isreal(input: Tensor): Tensor;
export function isreal(...args: unknown[]): Tensor { return call('isreal', args) as Tensor; }

/** The next float after input towards other, elementwise. @example torch.nextafter(torch.tensor([1]), torch.tensor([2])) // [1.0000001] */
export function nextafter(input: Tensor, other: Tensor): Tensor;
export function nextafter(...args: unknown[]): Tensor { return call('nextafter', args) as Tensor; }
/** The greatest common divisor, elementwise (integer tensors). @example torch.gcd(torch.tensor([4, 9]), torch.tensor([6, 6])) // [2, 3] */
export function gcd(input: Tensor, other: Tensor): Tensor;
export function gcd(...args: unknown[]): Tensor { return call('gcd', args) as Tensor; }
/** The least common multiple, elementwise (integer tensors). @example torch.lcm(torch.tensor([4, 9]), torch.tensor([6, 6])) // [12, 18] */
export function lcm(input: Tensor, other: Tensor): Tensor;
export function lcm(...args: unknown[]): Tensor { return call('lcm', args) as Tensor; }
/**
 * Each slice along dim with p-norm above maxnorm scaled down to maxnorm.
 * @example torch.renorm(torch.tensor([[3, 4], [0.3, 0.4]]), 2, 0, 1) // [[0.6, 0.8], [0.3, 0.4]]
 */
export function renorm(input: Tensor, p: number, dim: number, maxnorm: number): Tensor;
export function renorm(...args: unknown[]): Tensor { return call('renorm', args) as Tensor; }

/**
 * The q-th quantiles of input (all of it, or along dim), interpolated as `interpolation` says; a NaN
 * in a row gives NaN. @example torch.quantile(torch.tensor([1, 2, 3, 4]), 0.5) // 2.5
 */
export function quantile(input: Tensor, q: Tensor | number, dim?: number | null, keepdim?: boolean, options?: { interpolation?: string }): Tensor;
export function quantile(input: Tensor, q: Tensor | number, options: { dim?: number | null; keepdim?: boolean; interpolation?: string }): Tensor;
export function quantile(...args: unknown[]): Tensor { return call('quantile', args) as Tensor; }
/** quantile, ignoring NaN (all NaN gives NaN). @example torch.nanquantile(torch.tensor([1, NaN, 3]), 0.5) // 2 */
export function nanquantile(input: Tensor, q: Tensor | number, dim?: number | null, keepdim?: boolean, options?: { interpolation?: string }): Tensor;
export function nanquantile(input: Tensor, q: Tensor | number, options: { dim?: number | null; keepdim?: boolean; interpolation?: string }): Tensor;
export function nanquantile(...args: unknown[]): Tensor { return call('nanquantile', args) as Tensor; }

// ---- Tensor-only members ----

/** PyTorch's error for a dtype conversion wasmgrad's storage cannot hold. @internal */
export function unsupportedDtype(method: string, dtype: string): never {
  throw new NotImplementedError(`wasmgrad: Tensor.${method}() converts to torch.${dtype}, which wasmgrad does not hold (it holds tensors of float32, float64, int64, int32 and bool)`);
}

/** Tensor.sum_to_size: summed to a shape this one broadcasts to, as at::sum_to. @internal */
export function sumToSize(self: Tensor, args: readonly unknown[]): Tensor {
  const size = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
  const shape = self.shape, lead = shape.length - size.length;
  const ok = lead >= 0 && size.every((n, k) => n === shape[lead + k] || n === 1);
  if (!ok) throw new RuntimeError(`size {[${size.join(', ')}]} is not expandable to size {[${shape.join(', ')}]}.`);
  if (size.length === 0) return self.sum();
  const dims = shape.map((_, k) => k).filter((k) => k < lead || (size[k - lead] === 1 && shape[k] !== 1));
  if (dims.length === 0) return self;
  const summed = self.sum(dims, { keepdim: true });
  if (lead === 0) return summed;
  const out = summed.view(size);
  summed.dispose();
  return out;
}

/** The in-place forms: the out-of-place op written into self (src/ops/inplace.ts). @internal */
export function inplaceOf(self: Tensor, name: 'float_power' | 'floor_divide' | 'ldexp' | 'addr' | 'mvlgamma' | 'gcd' | 'lcm' | 'renorm' | 'nextafter', args: readonly unknown[]): Tensor {
  if (name === 'float_power' && self.dtype !== torch.float64) {
    throw new RuntimeError(`the base given to float_power_ has dtype ${SCALAR_NAME[self.dtype.name]} but the operation's result requires dtype Double`);
  }
  // 1.13's ldexp_ is mul(out=self), which refuses autograd
  if (name === 'ldexp' && torch.is_grad_enabled() && (self.requires_grad || (args[0] as Tensor | undefined)?.requires_grad)) {
    throw new RuntimeError("mul(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.");
  }
  // a composition may save self itself: it computes on a recorded copy, as PyTorch's original_self
  return inplace(self, () => {
    if (!(torch.is_grad_enabled() && self.requires_grad)) return call(name, args, self) as Tensor;
    const copy = self.clone();
    const out = call(name, args, copy) as Tensor;
    copy.dispose();
    return out;
  });
}

/** Tensor.prelu: torch.prelu with this as input. @internal */
export const preluOf = (self: Tensor, weight: Tensor): Tensor => torch.prelu(self, weight);
