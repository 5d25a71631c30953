// torch.special.multigammaln, in a file of its own: torch.mvlgamma (src/ops/numeric_members.ts, which
// tensor.ts imports) runs it, and special.ts's aliases reach the whole torch namespace, which bundlers
// would then evaluate before tensor.ts.

import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { RuntimeError } from '../errors.js';
import { arange } from '../creation.js';

const SCHEMA = parseSchema('special_multigammaln(Tensor input, int p) -> Tensor', false);

/**
 * The multivariate log-gamma function of dimension p, as PyTorch's mvlgamma:
 * Σⱼ lgamma(x − j/2) over j < p, plus p(p − 1)/4 · log π.
 * @example torch.special.multigammaln(torch.tensor([2.5, 3]), 2)
 */
export function multigammaln(input: Tensor, p: number): Tensor;
export function multigammaln(input: Tensor, options: { p: number }): Tensor;
export function multigammaln(options: { input: Tensor; p: number }): Tensor;
export function multigammaln(...args: unknown[]): Tensor {
  const a = bind(SCHEMA, args, null);
  const x = a.input as Tensor, p = a.p as number;
  if (p < 1) throw new RuntimeError('p has to be greater than or equal to 1');
  const offsets = arange(-p * 0.5 + 0.5, 0.5, 0.5, { dtype: x.dtype.is_floating_point ? x.dtype : undefined, device: x.device });
  const u = x.unsqueeze(-1), shifted = u.add(offsets), lg = shifted.lgamma(), s = lg.sum(-1);
  const out = s.add(p * (p - 1) * Math.log(Math.PI) * 0.25);
  for (const t of [offsets, u, shifted, lg, s]) t.dispose();
  return out;
}
