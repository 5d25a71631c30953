// torch.nn.functional dropout (helper normdrop): dropout, dropout1d, dropout2d, dropout3d,
// alpha_dropout, feature_alpha_dropout,
// composed as ATen's _dropout composes them (MulBackward0, AddBackward0 for alpha_dropout; the
// gradient is the mask times the scale, as the forward's noise is saved by the product).
//
// The mask draws: ATen fills the noise with noise.bernoulli_(1 − p), a scalar p. A PyTorch built
// without MKL (Debian's, the fixtures' oracle) draws one 53-bit uniform per element in row-major
// order and keeps u < 1 − p, for float32 and float64 alike: the same stream as torch.rand in
// float64, so after torch.manual_seed(s) the masks are PyTorch's (src/ops/bernoulli.ts draws them).
// Builds with MKL (the official x86 wheels) draw the scalar bernoulli_ from an MKL stream instead:
// same distribution, other masks.

import { RuntimeError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { default_generator } from '../random.js';
import { mul } from '../ops/elementwise.js';
import { drawsOfNumber } from '../ops/bernoulli.js';
import { DType } from '../../abi/abi.js';
import { warnOnce } from './warn.js';

const ALPHA = 1.7580993408473766; // SELU's alpha·scale, the value ATen's alpha dropout uses

type DropoutOptions = { p?: number; training?: boolean; inplace?: boolean };

/** Python's range check (ValueError), then ATen's, which is what catches NaN (RuntimeError). */
export function checkP(p: number): void {
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (Number.isNaN(p)) throw new RuntimeError('dropout probability has to be between 0 and 1, but got nan');
}

/** A tensor of input's dtype and device holding `values` in `shape` (never recorded). */
function constant(input: Tensor, values: ArrayLike<number>, shape: number[]): Tensor {
  const dev = input._dev;
  return new Tensor(dev, dev.fromData(Float64Array.from(values), shape, input._dtype), shape, input._dtype);
}

/**
 * ATen's _dropout<feature, alpha>: input itself when p = 0, not training or empty; input · 0 when
 * p = 1; else input · noise (· a + b for alpha dropout), the noise 1 with probability 1 − p per
 * element (per (sample, channel) for feature dropout), divided by 1 − p. @internal (torch.feature_dropout too)
 */
export function dropoutImpl(input: Tensor, p: number, train: boolean, inplace: boolean, feature: boolean, alpha: boolean): Tensor {
  if (p === 0 || !train || input.numel() === 0) return input;
  const dt = input._dtype, double = dt === DType.Float64;
  const times = (t: Tensor): Tensor => (inplace ? input.mul_(t) : mul(input, t));
  if (p === 1) {
    const zero = constant(input, [0], []);
    try { return times(zero); } finally { zero.dispose(); }
  }
  if (feature && input._shape.length < 2) throw new RuntimeError('Feature dropout requires at least 2 dimensions in the input');
  if (dt !== DType.Float32 && dt !== DType.Float64) {
    throw new RuntimeError(`result type Float can't be cast to the desired output type ${input.dtype._scalarType}`);
  }
  const shape = feature ? input._shape.map((s, i) => (i < 2 ? s : 1)) : input._shape.slice();
  const keep = drawsOfNumber(1 - p, shape.reduce((a, b) => a * b, 1), default_generator); // noise.bernoulli_(1 − p)
  const round = double ? (v: number): number => v : Math.fround;
  const q = round(1 - p);
  if (!alpha) {
    // noise.div_(1 − p), in the dtype
    const noise = constant(input, keep.map((k) => round(k / q)), shape);
    try { return times(noise); } finally { noise.dispose(); }
  }
  // b = (noise − 1)·(alpha·a) + alpha·a·p and noise·a, as ATen, step by step in the dtype
  const a = 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
  const c1 = round(ALPHA * a), c2 = round(ALPHA * a * p), ra = round(a);
  const noise = constant(input, keep.map((k) => round(k * ra)), shape);
  const b = constant(input, keep.map((k) => round(round((k - 1) * c1) + c2)), shape);
  try {
    return times(noise).add_(b);
  } finally {
    noise.dispose();
    b.dispose();
  }
}

const dropoutSchema = parseSchema('dropout(Tensor input, float p=0.5, bool training=True, bool inplace=False) -> Tensor');
const alphaDropoutSchema = parseSchema('alpha_dropout(Tensor input, float p=0.5, bool training=False, bool inplace=False) -> Tensor');

function bound(schema: typeof dropoutSchema, args: unknown[], name: string): [Tensor, number, boolean, boolean] {
  const a = bind(schema, args, null, name);
  const p = a.p as number;
  checkP(p);
  return [a.input as Tensor, p, a.training as boolean, a.inplace as boolean];
}

/**
 * Zeroes each element with probability p during training and scales the others by 1/(1 − p);
 * returns input itself when training is false or p is 0. Its node is MulBackward0 (the gradient
 * is the mask times the scale). The mask is PyTorch's after torch.manual_seed for a PyTorch built
 * without MKL (see docs/api.md).
 * @example
 * torch.manual_seed(0);
 * const y = F.dropout(torch.ones([2, 4]), 0.25);   // 0 or 1/0.75 each
 * F.dropout(x, 0.5, false) === x;                   // eval: the input itself
 */
export function dropout(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions, inplace?: boolean | DropoutOptions): Tensor;
export function dropout(...args: unknown[]): Tensor {
  const [input, p, training, inplace] = bound(dropoutSchema, args, 'dropout');
  return dropoutImpl(input, p, training, inplace, false, false);
}

/**
 * Alpha dropout (for SELU networks): dropped elements are set to SELU's negative saturation and
 * the result is rescaled so that a unit-normal input keeps mean 0 and variance 1. training defaults
 * to false, as PyTorch's. Its node is AddBackward0 over MulBackward0.
 * @example
 * const y = F.alpha_dropout(torch.randn([1000]), 0.2, true);
 */
export function alpha_dropout(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions, inplace?: boolean | DropoutOptions): Tensor;
export function alpha_dropout(...args: unknown[]): Tensor {
  const [input, p, training, inplace] = bound(alphaDropoutSchema, args, 'alpha_dropout');
  return dropoutImpl(input, p, training, inplace, false, true);
}

/**
 * Channel dropout of (N, C, L) or unbatched (C, L) inputs: each whole channel zeroed with
 * probability p, the others scaled by 1/(1 − p). Unbatched inputs give SqueezeBackward1, as PyTorch's.
 * @example
 * const y = F.dropout1d(torch.ones([2, 3, 5]), 0.5);  // y[n, c] all 0 or all 2
 */
export function dropout1d(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions, inplace?: boolean | DropoutOptions): Tensor;
export function dropout1d(...args: unknown[]): Tensor {
  const [input, p, training, inplace] = bound(dropoutSchema, args, 'dropout1d');
  const nd = input._shape.length;
  if (nd !== 2 && nd !== 3) {
    throw new RuntimeError(`dropout1d: Expected 2D or 3D input, but received a ${nd}D input. Note that dropout1d exists to provide ` +
      'channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).');
  }
  return nd === 3 ? dropoutImpl(input, p, training, inplace, true, false) : unbatched(input, p, training, inplace);
}

/** Feature dropout of an unbatched input as a batch of one: unsqueeze(0), then squeeze(0). */
function unbatched(input: Tensor, p: number, training: boolean, inplace: boolean): Tensor {
  // in place, PyTorch changes input's own shape and back: the same values
  if (inplace) {
    const x = input.unsqueeze(0);
    try { dropoutImpl(x, p, training, true, true, false); } finally { x.dispose(); }
    return input;
  }
  // not training, the unsqueezed input comes back and is squeezed: SqueezeBackward1 either way
  const x = input.unsqueeze(0), y = dropoutImpl(x, p, training, false, true, false);
  try {
    return y.squeeze(0);
  } finally {
    x.dispose();
    if (y !== x) y.dispose();
  }
}

/** PyTorch's deprecation warning of dropout{k}d for an input of another rank than k + 1 or k + 2; the rank. */
function warnRank(input: Tensor, k: 2 | 3): number {
  const nd = input._shape.length, f = `dropout${k}d`;
  if (nd !== k + 1 && nd !== k + 2) {
    warnOnce(`${f}: Received a ${nd}-D input to ${f}, which is deprecated and will result in an error in a future release. ` +
      `To retain the behavior and silence this warning, please use dropout instead. Note that ${f} exists to provide channel-wise ` +
      `dropout on inputs with ${k} spatial dimensions, a channel dimension, and an optional batch dimension (i.e. ${k + 1}D or ${k + 2}D inputs).`);
  }
  return nd;
}

/**
 * Channel dropout of (N, C, H, W) inputs: each whole channel zeroed with probability p, the others
 * scaled by 1/(1 − p). As PyTorch's, a 3-D input is taken as (N, C, L) (with PyTorch's warning),
 * and other ranks warn and drop per (sample, channel) of dims 0 and 1.
 * @example
 * const y = F.dropout2d(torch.ones([2, 3, 4, 4]), 0.5);  // y[n, c] all 0 or all 2
 */
export function dropout2d(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions, inplace?: boolean | DropoutOptions): Tensor;
export function dropout2d(...args: unknown[]): Tensor {
  const [input, p, training, inplace] = bound(dropoutSchema, args, 'dropout2d');
  const nd = warnRank(input, 2);
  if (nd === 3) {
    warnOnce('dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is ' +
      'interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input ' +
      'as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using ' +
      'dropout1d instead.');
  }
  return dropoutImpl(input, p, training, inplace, true, false);
}

/**
 * Channel dropout of (N, C, D, H, W) inputs: each whole channel zeroed with probability p, the
 * others scaled by 1/(1 − p). Any other rank is taken as unbatched (a batch of one, with
 * PyTorch's warning unless 4-D; SqueezeBackward1).
 * @example
 * const y = F.dropout3d(torch.ones([2, 3, 2, 2, 2]), 0.5);  // y[n, c] all 0 or all 2
 */
export function dropout3d(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions, inplace?: boolean | DropoutOptions): Tensor;
export function dropout3d(...args: unknown[]): Tensor {
  const [input, p, training, inplace] = bound(dropoutSchema, args, 'dropout3d');
  const nd = warnRank(input, 3);
  return nd === 5 ? dropoutImpl(input, p, training, inplace, true, false) : unbatched(input, p, training, inplace);
}

/**
 * Alpha dropout of whole channels of (N, C, *) inputs (one draw per (sample, channel)); training
 * defaults to false, as PyTorch's.
 * @example
 * const y = F.feature_alpha_dropout(torch.randn([4, 8, 5]), 0.2, true);
 */
export function feature_alpha_dropout(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions,
  inplace?: boolean | DropoutOptions): Tensor;
export function feature_alpha_dropout(...args: unknown[]): Tensor {
  const [input, p, training, inplace] = bound(alphaDropoutSchema, args, 'feature_alpha_dropout');
  return dropoutImpl(input, p, training, inplace, true, true);
}
