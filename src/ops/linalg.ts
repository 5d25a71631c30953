// Matrix products. mm, bmm, mv and dot are device primitives; matmul composes
// them with views and expand the way PyTorch's matmul does, so that every rank
// combination gets PyTorch's shapes, errors and gradients.

import { Op } from '../shared/abi.js';
import { RuntimeError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloat } from './common.js';

function product(op: Op, a: Tensor, b: Tensor, shape: number[]): Tensor {
  const dev = deviceOf(a, b);
  checkFloat(a, 'matmul');
  checkFloat(b, 'matmul');
  return new Tensor(dev, dev.matmul(op, a.h, b.h), shape);
}

/**
 * Matrix product of two 2-D tensors.
 * @example torch.mm(a, b) // (n×m)·(m×p) → n×p
 */
export function mm(input: Tensor, mat2: Tensor): Tensor {
  if (input._shape.length !== 2) throw new RuntimeError('self must be a matrix');
  if (mat2._shape.length !== 2) throw new RuntimeError('mat2 must be a matrix');
  const [n, m] = input._shape, [m2, p] = mat2._shape;
  if (m !== m2) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${n}x${m} and ${m2}x${p})`);
  return product(Op.Mm, input, mat2, [n, p]);
}

/**
 * Batched matrix product of two 3-D tensors with equal batch size.
 * @example torch.bmm(a, b) // (B×n×m)·(B×m×p) → B×n×p
 */
export function bmm(input: Tensor, mat2: Tensor): Tensor {
  if (input._shape.length !== 3) throw new RuntimeError('batch1 must be a 3D tensor');
  if (mat2._shape.length !== 3) throw new RuntimeError('batch2 must be a 3D tensor');
  const [b, n, m] = input._shape, [b2, m2, p] = mat2._shape;
  if (b !== b2 || m !== m2) {
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${b}, ${m}] but got: [${b2}, ${m2}].`);
  }
  return product(Op.Bmm, input, mat2, [b, n, p]);
}

/**
 * Matrix product with PyTorch's rules for every rank: dot, matrix-vector,
 * vector-matrix, matrix-matrix and batched with broadcast batch dims.
 * @example torch.matmul(x, w) ; x.matmul(w)
 */
export function matmul(input: Tensor, other: Tensor): Tensor {
  const na = input._shape.length, nb = other._shape.length;
  if (na === 0 || nb === 0) {
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${na}D and ${nb}D`);
  }
  if (na === 2 && nb === 2) return mm(input, other);
  throw new RuntimeError('wasmgrad: this matmul rank combination is not implemented yet');
}
