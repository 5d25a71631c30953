// Tensor.uniform_ and Tensor.normal_ (helper generator): PyTorch's CPU kernels, drawing from
// the `generator` keyword's torch.Generator or the default one, so the values are PyTorch's
// after the same seed. float32 as torch.rand / torch.randn draw (random.ts fillUniform /
// fillNormal), float64 with 53-bit draws. Values are drawn in row-major order, PyTorch's order
// for a contiguous tensor.

import { DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { DTYPES, isFloating } from '../dtype.js';
import { default_generator, fillUniform, fillNormal, fillUniformDouble, fillNormalDouble, type Generator } from '../random.js';
import { writeDraws } from './bernoulli.js';
import { checkLeaf } from './inplace.js';
import { is_grad_enabled } from '../autograd.js';

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

/** @internal Tensor.uniform_ and Tensor.normal_, self bound */
export const methods = {
  uniform_: (self: Tensor, args: unknown[]): Tensor => uniformBound(bind(UNIFORM_, args, self)),
  normal_: (self: Tensor, args: unknown[]): Tensor => normalBound(bind(NORMAL_, args, self)),
};
