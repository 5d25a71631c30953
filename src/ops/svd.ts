// torch.linalg.svdvals (helper svd): the singular values of each matrix, descending, by the
// device's one-sided Jacobi SVD (src/js/kernels/svd.ts says why), with PyTorch's node
// LinalgSvdBackward0 (saving U and Vh; the gradient is U·diag(gS)·Vh).

import { RuntimeError, LinAlgError } from '../errors.js';
import { isFloating, DTYPES } from '../dtype.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';

const SVDVALS = parseSchema('linalg_svdvals(Tensor A) -> Tensor');

/** ATen's linalg.svd checks, then the device's SVD: [..., min(m, n)]; a NaN raises LAPACK's error, as PyTorch. */
export function svdvalsOf(A: Tensor): Tensor {
  const s = A._shape, nd = s.length;
  if (nd < 2) throw new RuntimeError('linalg.svd: The input tensor A must have at least 2 dimensions.');
  if (!isFloating(A._dtype)) throw new RuntimeError(`linalg.svd: Expected a floating point or complex tensor as input. Got ${DTYPES[A._dtype]._scalarType}`);
  const shape = [...s.slice(0, -2), Math.min(s[nd - 2], s[nd - 1])];
  const [h, info] = A._dev.linalgSvdvals(A.h);
  const out = new Tensor(A._dev, h, shape, A._dtype);
  if (info) {
    out.dispose();
    throw new LinAlgError(`linalg.svd: ${nd > 2 ? `(Batch element ${info - 1}): ` : ''}The algorithm failed to converge because the input matrix contained non-finite values.`);
  }
  return out;
}

/**
 * The singular values of a matrix, or of each matrix of a batch, in descending order
 * (LinalgSvdBackward0): A [..., m, n] gives [..., min(m, n)].
 * @example
 * console.log(`${torch.linalg.svdvals(torch.tensor([[3, 0], [0, -4]]))}`); // tensor([4., 3.])
 */
export function svdvals(A: Tensor): Tensor;
export function svdvals(...args: unknown[]): Tensor { return svdvalsOf(bind(SVDVALS, args, null).A as Tensor); }
