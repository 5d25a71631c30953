// Deprecated torch.* linalg forms ported code still calls (helper linalg3): chain_matmul (PyTorch:
// use torch.linalg.multi_dot), frobenius_norm and nuclear_norm (use torch.linalg.matrix_norm),
// composed as ATen composes them, with 1.13's signatures.

import { RuntimeError } from '../errors.js';
import { parseSchema } from '../schema.js';
import { bindOverloads } from '../signature.js';
import { Tensor } from '../tensor.js';
import { normDim } from '../shape.js';
import { DTYPES, isFloating } from '../dtype.js';
import { multi_dot } from './linalg_compose.js';
import { norm } from './reduce_stats.js';
import { nuclearNorm } from './matrix_norm.js';

const FROBENIUS = [
  parseSchema('frobenius_norm(Tensor input) -> Tensor', false),
  parseSchema('frobenius_norm(Tensor input, int[] dim, bool keepdim=False) -> Tensor'),
];
const NUCLEAR = [
  parseSchema('nuclear_norm(Tensor input, bool keepdim=False) -> Tensor'),
  parseSchema('nuclear_norm(Tensor input, int[] dim, bool keepdim=False) -> Tensor'),
];

/**
 * The product of two or more matrices in the cheapest order, as {@link multi_dot} (which
 * PyTorch recommends instead; it also takes 1-D ends); one matrix is returned as a copy.
 * @example torch.chain_matmul(torch.ones(2, 3), torch.ones(3, 4), torch.ones(4, 1)).shape // [2, 1]
 */
export function chain_matmul(...matrices: Tensor[]): Tensor {
  for (const t of matrices) if (t._shape.length !== 2) throw new RuntimeError(`Tensor dimension is ${t._shape.length}, expected 2 instead.`);
  if (matrices.length === 0) throw new RuntimeError('chain_matmul(): Expected one or more matrices');
  return matrices.length === 1 ? matrices[0].clone() : multi_dot(matrices);
}

/**
 * The Frobenius norm over all elements, or over one or two dims: torch.norm(input, 'fro', dim,
 * keepdim) (SqrtBackward0 over two dims, NormBackward1 otherwise).
 * @example torch.frobenius_norm(torch.tensor([[3, 0], [0, 4]])) // tensor(5.)
 */
export function frobenius_norm(input: Tensor, dim?: number[] | { dim?: number[]; keepdim?: boolean }, keepdim?: boolean): Tensor;
export function frobenius_norm(...args: unknown[]): Tensor {
  const [, a] = bindOverloads(FROBENIUS, args, null);
  const input = a.input as Tensor, dim = (a.dim as number[] | undefined) ?? null;
  if (!isFloating(input._dtype)) throw new RuntimeError(`norm(): input dtype should be either floating point or complex. Got ${DTYPES[input._dtype]._scalarType} instead.`);
  return norm(input, 'fro', dim, (a.keepdim as boolean | undefined) ?? false);
}

/**
 * The nuclear norm (the sum of the singular values) of a matrix, or over the two dims `dim`:
 * torch.linalg.matrix_norm(input, 'nuc', dim, keepdim).
 * @example torch.nuclear_norm(torch.tensor([[3, 0], [0, -4]])) // tensor(7.)
 */
export function nuclear_norm(input: Tensor, dim?: number[] | boolean | { dim?: number[]; keepdim?: boolean }, keepdim?: boolean): Tensor;
export function nuclear_norm(...args: unknown[]): Tensor {
  const [, a] = bindOverloads(NUCLEAR, args, null);
  const input = a.input as Tensor, nd = input._shape.length, keepdim = a.keepdim as boolean;
  const dim = a.dim as number[] | undefined;
  // 1.13 checks the dims first, the dtype in the SVD
  const svdDtype = (): void => {
    if (!isFloating(input._dtype)) throw new RuntimeError(`linalg.svd: Expected a floating point or complex tensor as input. Got ${DTYPES[input._dtype]._scalarType}`);
  };
  if (dim === undefined) {
    if (nd !== 2) throw new RuntimeError(`Expected a tensor with 2 dimensions, but got a tensor with ${nd} dimensions instead.`);
    svdDtype();
    return nuclearNorm(input, [0, 1], keepdim);
  }
  if (dim.length !== 2) throw new RuntimeError("nuclear norm requires a 'dim' argument of size 2");
  if (normDim(dim[0], nd) === normDim(dim[1], nd)) throw new RuntimeError('duplicate or invalid dimensions');
  svdDtype();
  return nuclearNorm(input, dim, keepdim);
}
