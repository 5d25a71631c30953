// torch.linalg.matrix_norm (helper leftovers), composed as PyTorch 1.13's linalg_matrix_norm:
// 'fro' is linalg.vector_norm(A, 2, dim); ord 1 / inf take vector_norm(A, 1) over one dim and
// amax over the other, -1 / -inf amin (AminBackward0); 'nuc' and ±2 need the SVD.

import { RuntimeError, IndexError, NotImplementedError } from '../errors.js';
import { normDim, reducedShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { bindOverloads } from '../signature.js';
import { parseSchema } from '../schema.js';
import { DTYPES, isFloating } from '../dtype.js';
import { vector_norm } from './reduce_stats.js';
import { amax } from './reduce.js';

// PyTorch's order: a number ord, then a string
const MATRIX_NORM = [
  parseSchema('linalg_matrix_norm(Tensor A, Scalar ord, int[] dim=[-2,-1], bool keepdim=False) -> Tensor'),
  parseSchema('linalg_matrix_norm(Tensor A, str ord="fro", int[] dim=[-2,-1], bool keepdim=False) -> Tensor'),
];

/** amin over one dim (AminBackward0); d is wrapped. */
function aminDim(input: Tensor, d: number, keepdim: boolean): Tensor {
  if (input.numel() === 0 && input._shape[d] === 0) throw new IndexError(`amin(): Expected reduction dim ${d} to have non-zero size.`);
  const mask = 1 << d;
  return new Tensor(input._dev, input._dev.amin(input.h, mask, keepdim), reducedShape(input._shape, mask, keepdim), input._dtype);
}

function matrixNormBound(overload: number, a: Record<string, unknown>): Tensor {
  const A = a.A as Tensor, ord = a.ord as number | string, keepdim = a.keepdim as boolean, given = a.dim as number[];
  const numeric = overload === 0, o = numeric ? Math.abs(ord as number) : 0;
  if (numeric ? !(o === 1 || o === 2 || o === Infinity) : ord !== 'fro' && ord !== 'nuc') {
    throw new RuntimeError(`linalg.matrix_norm: Order ${ord === Infinity ? 'inf' : ord === -Infinity ? '-inf' : ord} not supported.`);
  }
  const nd = A._shape.length;
  if (nd < 2) throw new RuntimeError('linalg.matrix_norm: The input tensor A must have at least 2 dimensions.');
  if (!isFloating(A._dtype)) {
    throw new RuntimeError(`linalg.matrix_norm: Expected a floating point or complex tensor as input. Got ${DTYPES[A._dtype]._scalarType}`);
  }
  if (given.length !== 2) throw new RuntimeError(`linalg.matrix_norm: dim must be a 2-tuple. Got ${given.join(' ')}`);
  let d0 = normDim(given[0], nd), d1 = normDim(given[1], nd);
  if (d0 === d1) throw new RuntimeError(`linalg.matrix_norm: dims must be different. Got (${d0}, ${d1})`);
  if (ord === 'nuc' || o === 2) {
    throw new NotImplementedError(`wasmgrad: linalg.matrix_norm with ord '${ord}' needs the SVD (ord 'nuc', 2 and -2), which wasmgrad does not have`);
  }
  if (ord === 'fro') return vector_norm(A, 2, [d0, d1], keepdim);
  if (o === Infinity) [d0, d1] = [d1, d0]; // the inf norm is the 1 norm of the transpose
  if (!keepdim && d0 < d1) d1--;
  const v = vector_norm(A, 1, [d0], keepdim);
  try {
    return (ord as number) > 0 ? amax(v, d1, keepdim) : aminDim(v, d1, keepdim);
  } finally {
    v.dispose();
  }
}

/**
 * The matrix norm over the two dims `dim` (the last two by default): ord 'fro' (default), 1 (max
 * column sum of |A|), -1 (min column sum), Infinity (max row sum), -Infinity (min row sum); 'nuc'
 * and ±2 (SVD) raise NotImplementedError. As PyTorch composes it (LinalgVectorNormBackward0,
 * AmaxBackward0, AminBackward0).
 * @example
 * console.log(`${torch.linalg.matrix_norm(torch.tensor([[1, -2], [3, 4]]), 1)}`); // tensor(6.)
 */
export function matrix_norm(A: Tensor, ord?: number | 'fro' | 'nuc', dim?: number[], keepdim?: boolean): Tensor;
export function matrix_norm(...args: unknown[]): Tensor { return matrixNormBound(...bindOverloads(MATRIX_NORM, args, null)); }
