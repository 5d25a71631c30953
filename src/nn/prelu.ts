// F.prelu and F.rrelu (helper modules): the activations with a learnt or a random negative slope,
// composed from existing ops with PyTorch 2's checks. PyTorch's values and gradients exactly; the
// nodes are the compositions' (WhereBackward0, MulBackward0, LeakyReluBackward0) where PyTorch
// has one fused node (PreluKernelBackward0, RreluWithNoiseBackward0): docs/api.md.

import { DType } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { checkTensor, checkFloating } from '../ops/common.js';
import { mul } from '../ops/elementwise.js';
import { inplace, checkLeaf } from '../ops/inplace.js';
import { gt } from '../ops/compare.js';
import { where } from '../ops/ternary.js';
import { default_generator, type Generator } from '../random.js';
import { leaky_relu } from './functional.generated.js';

const DTYPE_NAMES: Partial<Record<DType, string>> = { [DType.Float32]: 'Float', [DType.Float64]: 'Double' };

/**
 * x where x > 0, weight·x elsewhere; weight holds one slope, or one per channel (dim 1).
 * @example F.prelu(torch.tensor([-2, 3]), torch.tensor([0.25])) // tensor([-0.5000,  3.0000])
 */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  checkTensor(input, 'prelu', 'input');
  checkTensor(weight, 'prelu', 'weight');
  if (input._dtype !== weight._dtype) {
    const name = (t: Tensor): string => DTYPE_NAMES[t._dtype] ?? String(t.dtype);
    throw new RuntimeError(`prelu: Type promoting not supported. Got ${name(input)} and ${name(weight)}`);
  }
  checkFloating(input, 'prelu');
  const nd = input._shape.length, n = weight.numel();
  if (n !== 1) {
    if (nd === 0) throw new RuntimeError('Not allow zero-dim input tensor.');
    const channels = nd > 1 ? input._shape[1] : 1;
    if (channels !== n) throw new RuntimeError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`);
  }
  if (weight._shape.length > 1) throw new RuntimeError(`prelu: Expected \`weight\` to be a scalar or 1D tensor, but got: ndim = ${weight._shape.length}`);
  // PyTorch 2 reshapes the weight to broadcast over dim 1, then applies x > 0 ? x : w·x
  const temps: Tensor[] = [];
  try {
    const w = nd === weight._shape.length ? weight : keep(temps, weight.reshape(input._shape.map((_, d) => (d === 1 ? n : 1))));
    const positive = keep(temps, gt(input, 0));
    return where(positive, input, keep(temps, mul(w, input)));
  } finally {
    for (const t of temps) t.dispose();
  }
}

function keep(temps: Tensor[], t: Tensor): Tensor { temps.push(t); return t; }

const rreluSchema = parseSchema('rrelu(Tensor input, float lower=0.125, float upper=0.3333333333333333, bool training=False, bool inplace=False) -> Tensor');

/**
 * Randomized leaky ReLU: in training, each x ≤ 0 times a slope drawn uniformly from [lower, upper)
 * by the global generator (PyTorch's CPU draws: after the same manual_seed, the same slopes); in
 * eval, the fixed slope (lower + upper)/2.
 * @example F.rrelu(x, 0.1, 0.3, true)
 */
export function rrelu(input: Tensor, lower?: number, upper?: number, training?: boolean, inplace?: boolean): Tensor;
export function rrelu(input: Tensor, options: { lower?: number; upper?: number; training?: boolean; inplace?: boolean }): Tensor;
export function rrelu(...args: unknown[]): Tensor {
  const a = bind(rreluSchema, args, null, 'rrelu');
  return rreluImpl(a.input as Tensor, a.lower as number, a.upper as number, a.training as boolean, a.inplace as boolean, default_generator);
}

/** F.rrelu and F.rrelu_ (inplace: the values written into input, as PyTorch's rrelu_with_noise_). @internal */
export function rreluImpl(input: Tensor, lower: number, upper: number, training: boolean, inplaceForm: boolean, gen: Generator): Tensor {
  if (!(lower <= upper)) throw new RuntimeError('Lower bound should be less than or equal to the upper bound');
  checkFloating(input, 'rrelu');
  if (inplaceForm) checkLeaf(input); // before any draw, as PyTorch refuses before its kernel
  if (!training) return leaky_relu(input, (lower + upper) / 2, inplaceForm);
  // _rrelu_with_noise_train: one double uniform per element ≤ 0, in order, from bounds in the
  // input's dtype, rounded to it; the other elements keep a slope of 1
  const f32 = input._dtype === DType.Float32;
  const round = f32 ? Math.fround : (v: number): number => v;
  const lo = round(lower), range = round(upper) - lo;
  const values = input.detach();
  const x = values.dataSync();
  values.dispose();
  const noise = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) noise[i] = x[i] <= 0 ? round(gen.randomDouble53() * range + lo) : 1;
  const slopes = new Tensor(input._dev, input._dev.fromData(noise, input._shape.slice(), input._dtype), input._shape.slice(), input._dtype, false);
  try {
    return inplaceForm ? inplace(input, () => mul(input, slopes)) : mul(input, slopes);
  } finally {
    slopes.dispose();
  }
}
