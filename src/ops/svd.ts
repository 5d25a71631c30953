// torch.linalg.svdvals (helper svd): the singular values of each matrix, descending, by the
// device's one-sided Jacobi SVD (src/js/kernels/svd.ts says why), with PyTorch's node
// LinalgSvdBackward0 (saving U and Vh; the gradient is U·diag(gS)·Vh). When recorded, the saved U
// and Vh become the outputs of linalg.svd's LinalgSvdBackward0 Function (src/ops/linalg_svd.ts),
// as PyTorch's S, U and Vh are outputs of one node: under create_graph the recorded U·diag(gS)·Vh
// then reaches A through them too (PyTorch's svd_backward with gU and gVh).

import { RuntimeError, LinAlgError } from '../errors.js';
import { isFloating, DTYPES } from '../dtype.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Op } from '../../abi/abi.js';

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
  if (out.requires_grad && factors) saveFactors(A, out);
  return out;
}

/** linalg.svd's Function: A's reduced U, S and Vh with their node (src/ops/linalg_svd.ts installs it, not imported: it reaches the torch namespace). */
let factors: ((A: Tensor) => Tensor[]) | null = null;

/** @internal */
export function setSvdFactors(f: (A: Tensor) => Tensor[]): void { factors = f; }

/** Puts U and Vh with their node (the Function's outputs) in the record's saved slots 0 and 1. */
function saveFactors(A: Tensor, out: Tensor): void {
  const dev = out._dev, node = dev.gradFnNode(out.h);
  if (node === null || dev.nodeOp(node) !== Op.LinalgSvd || dev.savedShape(node, 0) === null) return;
  const [U, S, Vh] = factors!(A);
  try {
    dev.unpackedSaved(node, 0, U.h);
    dev.unpackedSaved(node, 1, Vh.h);
  } finally {
    for (const t of [U, S, Vh]) t.dispose();
  }
}

/**
 * The singular values of a matrix, or of each matrix of a batch, in descending order
 * (LinalgSvdBackward0): A [..., m, n] gives [..., min(m, n)].
 * @example
 * console.log(`${torch.linalg.svdvals(torch.tensor([[3, 0], [0, -4]]))}`); // tensor([4., 3.])
 */
export function svdvals(A: Tensor): Tensor;
export function svdvals(...args: unknown[]): Tensor { return svdvalsOf(bind(SVDVALS, args, null).A as Tensor); }
