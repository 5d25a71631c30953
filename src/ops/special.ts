// torch.special: PyTorch's module of special functions (PyTorch 2's list, less the Bessel,
// Airy and orthogonal-polynomial families and gammainc/gammaincc). Three kinds of member:
//   ops of the table       entr, erfcx, log_ndtr, ndtri, i0e, i1, i1e, xlog1py (special.generated.ts)
//   torch.* under a name   expit = sigmoid, gammaln = lgamma, psi = digamma, ... (special_aliases.generated.ts)
//   compositions           ndtr, multigammaln and round(decimals), as PyTorch composes them (below)

import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { RuntimeError } from '../errors.js';
import { arange } from '../creation.js';

export * from './special.generated.js';
export * from './special_aliases.generated.js';
export { specialPolygamma as polygamma } from './polygamma.js'; // helper h-cg

const SCHEMAS = {
  ndtr: parseSchema('special_ndtr(Tensor input) -> Tensor', false),
  multigammaln: parseSchema('special_multigammaln(Tensor input, int p) -> Tensor', false),
  round: parseSchema('special_round(Tensor input, *, int decimals=0) -> Tensor', false),
};

/**
 * torch.round with decimals (0 by default), as PyTorch's special.round (its node is RoundBackward1).
 * @example torch.special.round(torch.tensor([1.25, 2.5]), { decimals: 1 })
 */
export function round(input: Tensor, options?: { decimals?: number }): Tensor;
export function round(options: { input: Tensor; decimals?: number }): Tensor;
export function round(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.round, args, null);
  return (a.input as Tensor).round({ decimals: a.decimals as number });
}

/**
 * Φ(x), the standard normal CDF, as PyTorch composes it: (1 + erf(x/√2)) · ½.
 * @example torch.special.ndtr(torch.tensor([0, 1.96])) // [0.5, 0.975]
 */
export function ndtr(input: Tensor): Tensor;
export function ndtr(options: { input: Tensor }): Tensor;
export function ndtr(...args: unknown[]): Tensor {
  const x = bind(SCHEMAS.ndtr, args, null).input as Tensor;
  const scaled = x.mul(Math.SQRT1_2), e = scaled.erf(), s = e.add(1);
  const out = s.mul(0.5);
  for (const t of [scaled, e, s]) t.dispose();
  return out;
}

/**
 * The multivariate log-gamma function of dimension p, as PyTorch's mvlgamma:
 * Σⱼ lgamma(x − j/2) over j < p, plus p(p − 1)/4 · log π.
 * @example torch.special.multigammaln(torch.tensor([2.5, 3]), 2)
 */
export function multigammaln(input: Tensor, p: number): Tensor;
export function multigammaln(input: Tensor, options: { p: number }): Tensor;
export function multigammaln(options: { input: Tensor; p: number }): Tensor;
export function multigammaln(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.multigammaln, args, null);
  const x = a.input as Tensor, p = a.p as number;
  if (p < 1) throw new RuntimeError('p has to be greater than or equal to 1');
  const offsets = arange(-p * 0.5 + 0.5, 0.5, 0.5, { dtype: x.dtype.is_floating_point ? x.dtype : undefined, device: x.device });
  const u = x.unsqueeze(-1), shifted = u.add(offsets), lg = shifted.lgamma(), s = lg.sum(-1);
  const out = s.add(p * (p - 1) * Math.log(Math.PI) * 0.25);
  for (const t of [offsets, u, shifted, lg, s]) t.dispose();
  return out;
}
