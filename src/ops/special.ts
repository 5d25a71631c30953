// torch.special: PyTorch's module of special functions (PyTorch 2's list, less the Bessel,
// Airy and orthogonal-polynomial families and gammainc/gammaincc). Three kinds of member:
//   ops of the table       entr, erfcx, log_ndtr, ndtri, i0e, i1, i1e, xlog1py (special.generated.ts)
//   torch.* under a name   expit = sigmoid, gammaln = lgamma, psi = digamma, ... (special_aliases.generated.ts)
//   compositions           ndtr, multigammaln and round(decimals), as PyTorch composes them (below)

import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';

export * from './special.generated.js';
export * from './special_aliases.generated.js';
export { specialPolygamma as polygamma } from './polygamma.js'; // helper h-cg
export { multigammaln } from './multigammaln.js';

const SCHEMAS = {
  ndtr: parseSchema('special_ndtr(Tensor input) -> Tensor', false),
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

