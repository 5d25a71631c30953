// torch.nn.init: fill a tensor in place, under no_grad, with PyTorch's values after the same seed.
//
// Every initialiser draws through Tensor.uniform_ / normal_ (PyTorch's CPU generator streams, see
// src/random.ts), computing its bound or std in double in torch/nn/init.py's order so the float32
// cast lands where PyTorch's does. Arguments go positionally or in a trailing options object with
// PyTorch's keyword names: kaiming_uniform_(w, { a: Math.sqrt(5), mode: 'fan_out' }).

import { Tensor } from '../tensor.js';
import { TypeError, ValueError } from '../errors.js';
import { no_grad } from '../autograd.js';
import { tensor as makeTensor, eye } from '../creation.js';
import { Generator, randperm as randpermValues, default_generator } from '../random.js';
import { erf } from '../js/kernels/scalar_math.js';
import { warnOnce } from './warn.js';
import { pyStr } from '../data/sampler.js';

type Nonlinearity =
  | 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';
type FanMode = 'fan_in' | 'fan_out';
type GeneratorArg = Generator | null | undefined;

/** Positional arguments after the tensor, with a trailing options object merged in by name. */
function bindArgs<T extends Record<string, unknown>>(fn: string, t: unknown, rest: unknown[], names: (keyof T & string)[], defaults: T): T {
  if (!(t instanceof Tensor)) throw new TypeError(`${fn}() expected a Tensor, but got ${t === null || t === undefined ? 'None' : typeof t}`);
  const last = rest[rest.length - 1];
  const isOptions = typeof last === 'object' && last !== null && !(last instanceof Generator) && !(last instanceof Tensor);
  const positional = isOptions ? rest.slice(0, -1) : rest;
  if (positional.length > names.length) throw new TypeError(`${fn}() takes from 1 to ${names.length + 1} positional arguments but ${positional.length + 1} were given`);
  const out: Record<string, unknown> = { ...defaults };
  positional.forEach((v, i) => { if (v !== undefined) out[names[i]] = v; });
  if (isOptions) {
    for (const [k, v] of Object.entries(last as Record<string, unknown>)) {
      if (!(k in defaults)) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
      if (v !== undefined) out[k] = v;
    }
  }
  return out as T;
}

const gen = (g: GeneratorArg): { generator?: Generator } => (g ? { generator: g } : {});

/**
 * The recommended gain for a nonlinearity, as `torch.nn.init.calculate_gain`: 1 for linear,
 * convolutions and sigmoid, 5/3 for tanh, √2 for relu, √(2 / (1 + slope²)) for leaky_relu
 * (slope `param`, default 0.01), 3/4 for selu.
 *
 * @example
 * nn.init.calculate_gain('leaky_relu', 0.2); // 1.3867504905630728
 */
export function calculate_gain(nonlinearity: Nonlinearity | string, param: number | null = null): number {
  const linear = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];
  if (linear.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    if (param !== null && param !== undefined && typeof param !== 'number') throw new ValueError(`negative_slope ${pyStr(param)} not a valid number`);
    const slope = param ?? 0.01;
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new ValueError(`Unsupported nonlinearity ${nonlinearity}`);
}

/** fan_in = size(1)·receptive field, fan_out = size(0)·receptive field, as torch.nn.init computes them. */
export function calculateFanInAndFanOut(t: Tensor): { fan_in: number; fan_out: number } {
  if (t.dim() < 2) throw new ValueError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fan_in: t.shape[1] * receptive, fan_out: t.shape[0] * receptive };
}

function correctFan(t: Tensor, mode: string): number {
  const m = mode.toLowerCase();
  if (m !== 'fan_in' && m !== 'fan_out') throw new ValueError(`Mode ${mode} not supported, please use one of ['fan_in', 'fan_out']`);
  const fans = calculateFanInAndFanOut(t);
  return m === 'fan_in' ? fans.fan_in : fans.fan_out;
}

/**
 * Fills `tensor` from U(a, b) in place and returns it, as `torch.nn.init.uniform_`.
 * @example nn.init.uniform_(w, -0.1, 0.1); nn.init.uniform_(w, { a: 0, b: 2, generator: g })
 */
export function uniform_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('uniform_', tensor, args, ['a', 'b', 'generator'], { a: 0, b: 1, generator: null as GeneratorArg });
  return no_grad(() => tensor.uniform_(o.a, o.b, gen(o.generator)));
}

/**
 * Fills `tensor` from N(mean, std²) in place and returns it, as `torch.nn.init.normal_`.
 * @example nn.init.normal_(w, 0, 0.02)
 */
export function normal_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('normal_', tensor, args, ['mean', 'std', 'generator'], { mean: 0, std: 1, generator: null as GeneratorArg });
  return no_grad(() => tensor.normal_(o.mean, o.std, gen(o.generator)));
}

/**
 * Fills `tensor` from N(mean, std²) truncated to [a, b] and returns it, as
 * `torch.nn.init.trunc_normal_`: uniform draws mapped through erfinv, then clamped.
 * @example nn.init.trunc_normal_(w, { std: 0.02 })
 */
export function trunc_normal_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('trunc_normal_', tensor, args, ['mean', 'std', 'a', 'b', 'generator'],
    { mean: 0, std: 1, a: -2, b: 2, generator: null as GeneratorArg });
  const { mean, std, a, b } = o;
  if (mean < a - 2 * std || mean > b + 2 * std) {
    warnOnce('mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.');
  }
  const cdf = (x: number): number => (1 + erf(x / Math.sqrt(2))) / 2;
  const l = cdf((a - mean) / std), u = cdf((b - mean) / std);
  return no_grad(() => tensor.uniform_(2 * l - 1, 2 * u - 1, gen(o.generator)).erfinv_().mul_(std * Math.sqrt(2)).add_(mean).clamp_(a, b));
}

/**
 * Fills `tensor` with `val` and returns it, as `torch.nn.init.constant_`.
 * @example nn.init.constant_(bias, 0.1)
 */
export function constant_(tensor: Tensor, val: number | { val: number }): Tensor {
  const v = typeof val === 'object' && val !== null ? val.val : val;
  return no_grad(() => tensor.fill_(v));
}

/** Fills `tensor` with ones, as `torch.nn.init.ones_`. @example nn.init.ones_(norm.weight) */
export function ones_(tensor: Tensor): Tensor { return no_grad(() => tensor.fill_(1)); }

/** Fills `tensor` with zeros, as `torch.nn.init.zeros_`. @example nn.init.zeros_(fc.bias!) */
export function zeros_(tensor: Tensor): Tensor { return no_grad(() => tensor.zero_()); }

/**
 * Fills a 2-D tensor with the identity matrix, as `torch.nn.init.eye_`.
 * @example nn.init.eye_(torch.empty(3, 5))
 */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.dim() !== 2) throw new ValueError('Only tensors with 2 dimensions are supported');
  return no_grad(() => tensor.copy_(eye(tensor.shape[0], tensor.shape[1], { device: tensor.device })));
}

/**
 * Fills a 3-, 4- or 5-D convolution weight with the Dirac delta (an identity convolution per
 * group), as `torch.nn.init.dirac_(tensor, groups=1)`.
 * @example nn.init.dirac_(torch.empty(4, 4, 3, 3))
 */
export function dirac_(tensor: Tensor, groups: number | { groups?: number } = 1): Tensor {
  const g = typeof groups === 'object' ? groups.groups ?? 1 : groups;
  const shape = tensor.shape;
  if (shape.length < 3 || shape.length > 5) throw new ValueError('Only tensors with 3, 4, or 5 dimensions are supported');
  if (shape[0] % g !== 0) throw new ValueError('dim 0 must be divisible by groups');
  const perGroup = shape[0] / g;
  const minDim = Math.min(perGroup, shape[1]);
  const values = new Float64Array(tensor.numel());
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  for (let k = 0; k < g; k++) {
    for (let d = 0; d < minDim; d++) {
      let at = (k * perGroup + d) * strides[0] + d * strides[1];
      for (let i = 2; i < shape.length; i++) at += Math.floor(shape[i] / 2) * strides[i];
      values[at] = 1;
    }
  }
  return no_grad(() => tensor.copy_(makeTensor(values, { dtype: tensor.dtype.name, device: tensor.device }).reshape(shape)));
}

/**
 * Xavier (Glorot) uniform: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)), as
 * `torch.nn.init.xavier_uniform_`.
 * @example nn.init.xavier_uniform_(w, nn.init.calculate_gain('relu'))
 */
export function xavier_uniform_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('xavier_uniform_', tensor, args, ['gain', 'generator'], { gain: 1, generator: null as GeneratorArg });
  const { fan_in, fan_out } = calculateFanInAndFanOut(tensor);
  const std = o.gain * Math.sqrt(2.0 / (fan_in + fan_out));
  const a = Math.sqrt(3.0) * std;
  return no_grad(() => tensor.uniform_(-a, a, gen(o.generator)));
}

/**
 * Xavier (Glorot) normal: N(0, std²) with std = gain·√(2 / (fan_in + fan_out)), as
 * `torch.nn.init.xavier_normal_`.
 * @example nn.init.xavier_normal_(w)
 */
export function xavier_normal_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('xavier_normal_', tensor, args, ['gain', 'generator'], { gain: 1, generator: null as GeneratorArg });
  const { fan_in, fan_out } = calculateFanInAndFanOut(tensor);
  const std = o.gain * Math.sqrt(2.0 / (fan_in + fan_out));
  return no_grad(() => tensor.normal_(0, std, gen(o.generator)));
}

interface KaimingArgs extends Record<string, unknown> { a: number; mode: FanMode | string; nonlinearity: Nonlinearity | string; generator: GeneratorArg }
const KAIMING: KaimingArgs = { a: 0, mode: 'fan_in', nonlinearity: 'leaky_relu', generator: null };

/** Kaiming's std = gain / √fan, or null for a zero-element tensor (PyTorch warns and leaves it). */
function kaimingStd(tensor: Tensor, o: KaimingArgs): number | null {
  if (tensor.shape.includes(0)) {
    warnOnce('Initializing zero-element tensors is a no-op');
    return null;
  }
  const fan = correctFan(tensor, o.mode);
  return calculate_gain(o.nonlinearity, o.a) / Math.sqrt(fan);
}

/**
 * Kaiming (He) uniform: U(−bound, bound) with bound = gain·√(3 / fan), as
 * `torch.nn.init.kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`.
 * nn.Linear's default is `kaiming_uniform_(w, { a: Math.sqrt(5) })`.
 * @example nn.init.kaiming_uniform_(w, { mode: 'fan_out', nonlinearity: 'relu' })
 */
export function kaiming_uniform_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('kaiming_uniform_', tensor, args, ['a', 'mode', 'nonlinearity', 'generator'], KAIMING);
  const std = kaimingStd(tensor, o);
  if (std === null) return tensor;
  const bound = Math.sqrt(3.0) * std;
  return no_grad(() => tensor.uniform_(-bound, bound, gen(o.generator)));
}

/**
 * Kaiming (He) normal: N(0, std²) with std = gain / √fan, as `torch.nn.init.kaiming_normal_`.
 * @example nn.init.kaiming_normal_(w, { mode: 'fan_out', nonlinearity: 'relu' })
 */
export function kaiming_normal_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('kaiming_normal_', tensor, args, ['a', 'mode', 'nonlinearity', 'generator'], KAIMING);
  const std = kaimingStd(tensor, o);
  if (std === null) return tensor;
  return no_grad(() => tensor.normal_(0, std, gen(o.generator)));
}

/**
 * A (semi-)orthogonal matrix times `gain`, as `torch.nn.init.orthogonal_`: the Q of the QR
 * decomposition of a normal draw (rows × numel/rows, transposed when wider than tall), its
 * columns' signs fixed by R's diagonal. wasmgrad's QR runs in double, PyTorch's in the tensor's
 * dtype: the values agree to float32 rounding, not bit for bit.
 * @example nn.init.orthogonal_(torch.empty(3, 5))
 */
export function orthogonal_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('orthogonal_', tensor, args, ['gain', 'generator'], { gain: 1, generator: null as GeneratorArg });
  if (tensor.dim() < 2) throw new ValueError('Only tensors with 2 or more dimensions are supported');
  if (tensor.numel() === 0) return tensor;
  const rows = tensor.shape[0];
  const cols = tensor.numel() / rows;
  const drawn = no_grad(() => makeTensor(new Float64Array(rows * cols), { dtype: tensor.dtype.name, device: tensor.device })
    .reshape([rows, cols]).normal_(0, 1, gen(o.generator)));
  const flat = Float64Array.from(drawn.dataSync() as ArrayLike<number>);
  drawn.dispose();
  const wide = rows < cols;
  const m = wide ? cols : rows, n = wide ? rows : cols;
  // a is m×n (m ≥ n), row-major: the draw, or its transpose
  const a = new Float64Array(m * n);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[wide ? j * n + i : i * n + j] = flat[i * cols + j];
  const q = orthonormalQ(a, m, n);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = o.gain * (wide ? q[j * n + i] : q[i * n + j]);
  return no_grad(() => tensor.copy_(makeTensor(out, { dtype: tensor.dtype.name, device: tensor.device }).reshape(tensor.shape)));
}

/**
 * The m×n Q of A = QR (m ≥ n) by Householder reflections, each column multiplied by the sign of
 * R's diagonal entry, as orthogonal_ does with linalg.qr's result (a zero diagonal zeroes the column).
 */
function orthonormalQ(a: Float64Array, m: number, n: number): Float64Array {
  const vs: Float64Array[] = [];
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = new Float64Array(m);
    let norm = 0;
    for (let i = k; i < m; i++) { v[i] = a[i * n + k]; norm += v[i] * v[i]; }
    norm = Math.sqrt(norm);
    const alpha = v[k] > 0 ? -norm : norm;
    diag[k] = alpha;
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    if (vv > 0) {
      // a ← (I − 2vvᵀ/vᵀv) a on the columns right of k
      for (let j = k + 1; j < n; j++) {
        let s = 0;
        for (let i = k; i < m; i++) s += v[i] * a[i * n + j];
        const f = (2 * s) / vv;
        for (let i = k; i < m; i++) a[i * n + j] -= f * v[i];
      }
    }
    vs.push(vv > 0 ? v.map((x) => x / Math.sqrt(vv)) : v.fill(0));
  }
  // Q's first n columns: H_0 … H_{n−1} applied to the identity's columns, backwards
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * q[i * n + j];
      for (let i = k; i < m; i++) q[i * n + j] -= 2 * s * v[i];
    }
  }
  for (let j = 0; j < n; j++) {
    const sign = Math.sign(diag[j]);
    for (let i = 0; i < m; i++) q[i * n + j] *= sign;
  }
  return q;
}

/**
 * A 2-D tensor drawn from N(0, std²) with a `sparsity` fraction of each column zeroed, as
 * `torch.nn.init.sparse_(tensor, sparsity, std=0.01, generator=None)`: the normal draw from
 * `generator` (or the global one), then for each column the rows of a `torch.randperm` (always
 * the global generator, as PyTorch's) up to ⌈sparsity·rows⌉. The tensor stays dense.
 * @example nn.init.sparse_(torch.empty(10, 4), 0.3) // 3 zeros per column
 */
export function sparse_(tensor: Tensor, ...args: unknown[]): Tensor {
  const o = bindArgs('sparse_', tensor, args, ['sparsity', 'std', 'generator'], { sparsity: null as number | null, std: 0.01, generator: null as GeneratorArg });
  if (o.sparsity === null) throw new TypeError("sparse_() missing 1 required positional argument: 'sparsity'");
  if (tensor.dim() !== 2) throw new ValueError('Only tensors with 2 dimensions are supported');
  const [rows, cols] = tensor.shape;
  const numZeros = Math.ceil(o.sparsity * rows);
  return no_grad(() => {
    tensor.normal_(0, o.std, gen(o.generator));
    const zero = new Array<boolean>(rows * cols).fill(false);
    for (let c = 0; c < cols; c++) for (const r of randpermValues(rows, default_generator).slice(0, numZeros)) zero[r * cols + c] = true;
    const mask = makeTensor(zero, { dtype: 'bool', device: tensor.device }).reshape([rows, cols]);
    try { return tensor.masked_fill_(mask, 0); } finally { mask.dispose(); }
  });
}
