// torch.special: PyTorch's module of special functions (PyTorch 2's list, less the Bessel,
// Airy and orthogonal-polynomial families). Three kinds of member:
//   ops of the table       entr, erfcx, log_ndtr, ndtri, i0e, i1, i1e, xlog1py (special.generated.ts)
//   torch.* under a name   expit = sigmoid, gammaln = lgamma, psi = digamma, ... (special_aliases.generated.ts)
//   compositions           ndtr, multigammaln and round(decimals), as PyTorch composes them (below)
//   gammainc, gammaincc    torch.igamma / igammac's ops under their own schema (below)

import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Op } from '../../abi/abi.js';
import { binaryOp } from './elementwise.js';

export * from './special.generated.js';
export * from './special_aliases.generated.js';
export { specialPolygamma as polygamma } from './polygamma.js'; // helper h-cg
export { multigammaln } from './multigammaln.js';

const SCHEMAS = {
  ndtr: parseSchema('special_ndtr(Tensor input) -> Tensor', false),
  round: parseSchema('special_round(Tensor input, *, int decimals=0) -> Tensor', false),
  gammainc: parseSchema('special_gammainc(Tensor input, Tensor other) -> Tensor', false),
  gammaincc: parseSchema('special_gammaincc(Tensor input, Tensor other) -> Tensor', false),
};

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), as torch.igamma
 * (its node is IgammaBackward0; x is differentiable, a is not).
 * @example torch.special.gammainc(torch.tensor([1, 2.5]), torch.tensor([0.5, 3])) // [0.3935, 0.6938]
 */
export function gammainc(input: Tensor, other: Tensor): Tensor;
export function gammainc(options: { input: Tensor; other: Tensor }): Tensor;
export function gammainc(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.gammainc, args, null);
  return binaryOp(Op.Igamma, a.input as Tensor, a.other as Tensor, 1, 'special_gammainc');
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), as torch.igammac.
 * @example torch.special.gammaincc(torch.tensor([1, 2.5]), torch.tensor([0.5, 3])) // [0.6065, 0.3062]
 */
export function gammaincc(input: Tensor, other: Tensor): Tensor;
export function gammaincc(options: { input: Tensor; other: Tensor }): Tensor;
export function gammaincc(...args: unknown[]): Tensor {
  const a = bind(SCHEMAS.gammaincc, args, null);
  return binaryOp(Op.Igammac, a.input as Tensor, a.other as Tensor, 1, 'special_gammaincc');
}

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

