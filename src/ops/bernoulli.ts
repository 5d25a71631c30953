// torch.bernoulli, Tensor.bernoulli, Tensor.bernoulli_ (helper leftovers): PyTorch's CPU
// bernoulli_tensor kernel draws, element by element in row-major order, one
// uniform_real_distribution sample of p's type (24 bits for float32 p, 53 for float64) and
// keeps u < p: the same stream as torch.rand, so torch.manual_seed(s) gives PyTorch's values.
// bernoulli_ with a number p draws one 53-bit uniform per element whatever the dtype, as a
// PyTorch built without MKL does (the fixtures' Debian build, and dropout's masks); builds with
// MKL draw a float32 tensor's from an MKL stream instead (docs/api.md).

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { bindOverloads } from '../signature.js';
import { parseSchema } from '../schema.js';
import { DTYPES, isFloating } from '../dtype.js';
import { default_generator, type Generator } from '../random.js';
import { viewAs, expand } from './shape.js';
import { inplace, checkLeaf } from './inplace.js';
import { is_grad_enabled } from '../autograd.js';

const P_RANGE = 'Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)';
// PyTorch's overloads, as its parser lists them (the second one takes no out=)
const BERNOULLI = [
  parseSchema('bernoulli(Tensor input, *, Generator? generator=None) -> Tensor'),
  parseSchema('bernoulli(Tensor input, float p, *, Generator? generator=None) -> Tensor', false),
];
const BERNOULLI_ = [
  parseSchema('bernoulli_(Tensor self, Tensor p, *, Generator? generator=None) -> Tensor'),
  parseSchema('bernoulli_(Tensor self, float p=0.5, *, Generator? generator=None) -> Tensor'),
];

/** The `generator` argument as bound (null: not given). */
const generatorOf = (a: Record<string, unknown>): Generator => (a.generator as Generator | null) ?? default_generator;

/** 1 where the next uniform draw (24 or 53 bits) of gen is below p[i], else 0. */
function draws(p: ArrayLike<number>, double: boolean, gen: Generator): Float64Array {
  for (let i = 0; i < p.length; i++) if (!(p[i] >= 0 && p[i] <= 1)) throw new RuntimeError(P_RANGE);
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = (double ? gen.randomDouble53() : gen.randomFloat24()) < p[i] ? 1 : 0;
  return out;
}

/** Draws for a number p over n values (53-bit uniforms, PyTorch's scalar bernoulli_; dropout's masks), after PyTorch's check of p. */
export function drawsOfNumber(p: number, n: number, gen: Generator): Float64Array {
  if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  return draws(new Float64Array(n).fill(p), true, gen);
}

function probabilities(p: Tensor): ArrayLike<number> {
  if (!isFloating(p._dtype)) throw new RuntimeError(`"bernoulli_tensor_cpu_p_" not implemented for '${DTYPES[p._dtype]._scalarType}'`);
  return p._dev.read(p.h) as ArrayLike<number>;
}

function bernoulliBound(overload: number, a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor;
  if (overload === 1) {
    // bernoulli(input, p): input's shape and dtype, filled as input.new_empty().bernoulli_(p); no gradient
    if (is_grad_enabled() && input.requires_grad) throw new NotImplementedError('wasmgrad: bernoulli(input, p) on a tensor that requires grad is not supported');
    const values = drawsOfNumber(a.p as number, input.numel(), generatorOf(a));
    const dev = input._dev;
    return new Tensor(dev, dev.fromData(values, input._shape.slice(), input._dtype), input._shape.slice(), input._dtype);
  }
  const values = draws(probabilities(input), input._dtype === DType.Float64, generatorOf(a));
  // BernoulliBackward0 over input: a zero gradient (the node's rule is zerosBackward)
  const out = viewAs(Op.Bernoulli, input, input._shape);
  out._dev.write(out.h, values);
  return out;
}

function bernoulliInplace(self: Tensor, overload: number, a: Record<string, unknown>): Tensor {
  checkLeaf(self);
  if (is_grad_enabled() && self.requires_grad) throw new NotImplementedError('wasmgrad: bernoulli_ on a tensor that requires grad is not supported');
  let values: Float64Array;
  if (overload === 0) {
    const p = a.p as Tensor, e = expand(p, [...self._shape]);
    try { values = draws(probabilities(e), p._dtype === DType.Float64, generatorOf(a)); } finally { if (e !== p) e.dispose(); }
  } else {
    values = drawsOfNumber(a.p as number, self.numel(), generatorOf(a));
  }
  return writeDraws(self, values);
}

/** @internal self's values become `values` (drawn in row-major order), as an in-place op. */
export function writeDraws(self: Tensor, values: ArrayLike<number>): Tensor {
  return inplace(self, () => {
    const t = viewAs(Op.Clone, self, self._shape);
    t._dev.write(t.h, values);
    return t;
  });
}

/**
 * 0/1 samples, 1 with probability input[i] (input's dtype; BernoulliBackward0, a zero gradient),
 * or with probability p everywhere (input's shape and dtype). torch.manual_seed(s) gives PyTorch's
 * values (the stream of torch.rand); the `generator` option draws from that torch.Generator.
 * @example
 * torch.manual_seed(0);
 * console.log(`${torch.bernoulli(torch.tensor([0, 1, 0.5]))}`); // tensor([0., 1., 1.])
 * torch.bernoulli(torch.tensor([0.5, 0.5]), { generator: new torch.Generator().manual_seed(1) });
 */
export function bernoulli(input: Tensor, options?: { generator?: Generator | null }): Tensor;
export function bernoulli(input: Tensor, p: number, options?: { generator?: Generator | null }): Tensor;
export function bernoulli(...args: unknown[]): Tensor { return bernoulliBound(...bindOverloads(BERNOULLI, args, null)); }

/** @internal the Tensor methods, self bound */
export const methods = {
  bernoulli: (self: Tensor, args: unknown[]): Tensor => bernoulliBound(...bindOverloads(BERNOULLI, args, self)),
  bernoulli_: (self: Tensor, args: unknown[]): Tensor => bernoulliInplace(self, ...bindOverloads(BERNOULLI_, args, self)),
};
