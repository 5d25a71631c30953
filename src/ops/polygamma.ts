// torch.polygamma(n, input), Tensor.polygamma(n) and torch.special.polygamma: the table's
// Op.Polygamma (its kernel, PolygammaBackward0 and its derivative polygamma(n + 1, x)) behind
// PyTorch's schemas, which put the number before the tensor as the generated front ends do not.

import { Op } from '../../abi/abi.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { RuntimeError } from '../errors.js';
import { isFloating } from '../dtype.js';
import { mixedUnary } from './promote.js';

const SCHEMAS = {
  torch: parseSchema('polygamma(int n, Tensor input) -> Tensor'),
  method: parseSchema('polygamma(Tensor input, int n) -> Tensor'),
  special: parseSchema('special_polygamma(int n, Tensor input) -> Tensor'),
};

function run(n: number, x: Tensor, op = Op.Polygamma): Tensor {
  if (n < 0) throw new RuntimeError('polygamma(n, x) does not support negative n.');
  // an integer or bool input runs in the default float dtype, as PyTorch's
  if (!isFloating(x._dtype)) return mixedUnary(op, x, 'polygamma', (f) => run(n, f, op));
  return new Tensor(x._dev, x._dev.scalar(op, x.h, n, 0, 0), x._shape.slice(), x._dtype);
}

/**
 * ψ⁽ⁿ⁾(x), the n-th derivative of digamma (n = 0 is digamma, 1 trigamma); its node is
 * PyTorch's PolygammaBackward0, whose derivative is polygamma(n + 1, x).
 * @example torch.polygamma(1, torch.tensor([1, 2])) // tensor([1.6449, 0.6449])
 */
export function polygamma(n: number, input: Tensor): Tensor;
export function polygamma(n: number, options: { input: Tensor }): Tensor;
export function polygamma(options: { n: number; input: Tensor }): Tensor;
export function polygamma(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.torch, args, null);
  return run(a.n as number, a.input as Tensor);
}

/**
 * torch.special.polygamma: torch.polygamma under PyTorch's special name.
 * @example torch.special.polygamma(2, torch.tensor([1.5]))
 */
export function specialPolygamma(n: number, input: Tensor): Tensor;
export function specialPolygamma(n: number, options: { input: Tensor }): Tensor;
export function specialPolygamma(options: { n: number; input: Tensor }): Tensor;
export function specialPolygamma(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.special, args, null);
  return run(a.n as number, a.input as Tensor);
}

/** Tensor.polygamma(n) and polygamma_(n) (`inplace`, whose node is PolygammaBackward1): bound with self, so n is the first argument. */
export function polygammaMethod(self: Tensor, args: unknown[], inplace = false): Tensor {
  const a = bind(SCHEMAS.method, args, self);
  return run(a.n as number, self, inplace ? Op.PolygammaInplace : Op.Polygamma);
}
