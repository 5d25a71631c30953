// Reductions 2: prod, ... Arguments bound from PyTorch's schemas (without
// `dtype`: the float kernels are float32); the devices reduce in run order
// (src/js/ops/reduce2.ts, assembly/ops/reduce2.ts), one node per op as PyTorch.

import { Op } from '../../abi/abi.js';
import { normDim, reducedShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';
import { bindOverloads } from '../signature.js';
import { parseSchema } from '../schema.js';

/** op over the dims in mask on input's device: the tensor of the reduced shape. */
function run(op: Op, input: Tensor, mask: number, keepdim: boolean, p = 0, flag = 0): Tensor {
  return new Tensor(input._dev, input._dev.reduce2(op, input.h, mask, keepdim, p, flag), reducedShape(input._shape, mask, keepdim));
}

const PROD = [
  parseSchema('prod(Tensor input) -> Tensor', false),
  parseSchema('prod(Tensor input, int dim, bool keepdim=False) -> Tensor'),
];

function prodBound(args: unknown[], self: Tensor | null): Tensor {
  const [which, a] = bindOverloads(PROD, args, self);
  const input = a.input as Tensor, nd = input._shape.length;
  checkFloat(input, 'prod');
  if (which === 0) return run(Op.Prod, input, nd ? (1 << nd) - 1 : 0, false, 0, 1);
  const k = normDim(a.dim as number, nd, { fn: 'prod', name: 'dim', position: 2 });
  return run(Op.ProdDim, input, nd ? 1 << k : 0, a.keepdim as boolean);
}

/**
 * The product of all elements (0-d), or along `dim` (ProdBackward0 / ProdBackward1; a zero
 * in the input gets the product of the others as its gradient, as PyTorch).
 * @example torch.prod(x); torch.prod(x, 1); torch.prod(x, { dim: -1, keepdim: true })
 */
export function prod(input: Tensor, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): Tensor;
export function prod(...args: unknown[]): Tensor { return prodBound(args, null); }

/** @internal Tensor.prod */
export const prodMethod = (self: Tensor, args: unknown[]): Tensor => prodBound(args, self);
