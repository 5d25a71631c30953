// torch.pdist / F.pdist (helper h-fns): the p-norm distance between every pair of rows i < j of an
// (N, M) input, in PyTorch's order (0-1, 0-2, ..., 1-2, ...). Composed of recording ops: the rows'
// differences (IndexSelectBackward0 below them) and a norm over each, so create_graph works. The
// gradient is ATen's _pdist_backward's: zero where a distance is 0 (vector_norm's rule too) and,
// for p = inf, the full gradient to every coordinate that ties for the maximum (vector_norm would
// share it out). The top node differs from PyTorch's single PdistBackward0 (docs/api.md).

import * as torch from '../index.js';
import { Tensor } from '../tensor.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { RuntimeError } from '../errors.js';

const PDIST = parseSchema('pdist(Tensor input, float p=2) -> Tensor', false);

/**
 * The p-norm distances between the rows of a 2-D input, for each pair i < j: a 1-D tensor of
 * N·(N − 1)/2 values. p ≥ 0 (0 counts the differing coordinates; Infinity the largest difference).
 * @example torch.pdist(torch.tensor([[0, 0], [3, 4], [6, 8]])) // tensor([5., 10., 5.])
 */
export function pdist(input: Tensor, p?: number): Tensor;
export function pdist(input: Tensor, options: { p?: number }): Tensor;
export function pdist(...args: unknown[]): Tensor {
  const a = bind(PDIST, args, null);
  const x = a.input as Tensor, p = a.p as number;
  if (x.dim() !== 2) throw new RuntimeError(`pdist only supports 2D tensors, got: ${x.dim()}D`);
  if (!x.dtype.is_floating_point) throw new RuntimeError('pdist only supports floating-point dtypes');
  if (!(p >= 0)) throw new RuntimeError('pdist only supports non-negative p values');
  const n = x.shape[0], rows: number[] = [], cols: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { rows.push(i); cols.push(j); }
  return torch.tidy(() => {
    const at = (idx: number[]): Tensor => x.index_select(0, torch.tensor(idx, { dtype: 'int64', device: x.device }));
    const diff = at(rows).sub(at(cols));
    // no coordinates: every distance is 0 (a sum over nothing keeps the graph)
    if (x.shape[1] === 0) return diff.sum(1);
    // ATen's min(ceil(|d|), 1): 1 for each differing coordinate, NaN through, no gradient
    if (p === 0) return diff.abs().ceil().clamp_max(1).sum(1);
    if (p !== Infinity) return torch.linalg.vector_norm(diff, p, 1);
    // the maximum's value, with every tying coordinate's |d| carrying the gradient in full
    const ad = diff.abs(), m = ad.amax(1, true);
    const tie = ad.eq(m).to(x.dtype);
    // (an infinite difference, inf − inf, would be NaN: nan_to_num keeps the value m, its gradient 0)
    return m.squeeze(1).detach().add(tie.mul(ad.sub(ad.detach()).nan_to_num(0)).sum(1));
  });
}
