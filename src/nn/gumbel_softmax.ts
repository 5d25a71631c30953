// F.gumbel_softmax (helper h-fns), as torch/nn/functional.py composes it: Gumbel noise
// −log(Exponential(1)) from Tensor.exponential_ (PyTorch's CPU stream after manual_seed), a
// softmax of (logits + noise) / tau, and for `hard` the straight-through one-hot
// y_hard − y_soft.detach() + y_soft (AddBackward0), so gradients and create_graph are PyTorch's.

import * as torch from '../index.js';
import { Tensor } from '../tensor.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { warnOnce } from './warn.js';

const GUMBEL = parseSchema('gumbel_softmax(Tensor logits, float tau=1, bool hard=False, float eps=1e-10, int dim=-1) -> Tensor', false);

/**
 * A sample of the Gumbel-Softmax distribution over dim of `logits` at temperature `tau`; with
 * `hard`, the one-hot of its argmax whose gradient is the soft sample's (straight through).
 * `eps` is deprecated and has no effect, as in PyTorch. Draws from the default generator.
 * @example
 * torch.manual_seed(0);
 * const y = F.gumbel_softmax(logits, { tau: 0.5, hard: true }); // one-hot rows, PyTorch's after manual_seed(0)
 */
export function gumbel_softmax(logits: Tensor, tau?: number, hard?: boolean, eps?: number, dim?: number): Tensor;
export function gumbel_softmax(logits: Tensor, options: { tau?: number; hard?: boolean; eps?: number; dim?: number }): Tensor;
export function gumbel_softmax(...args: unknown[]): Tensor {
  const a = bind(GUMBEL, args, null, 'gumbel_softmax');
  const logits = a.logits as Tensor, tau = a.tau as number, dim = a.dim as number;
  if (a.eps !== 1e-10) warnOnce('`eps` parameter is deprecated and has no effect.');
  return torch.tidy(() => {
    const gumbels = torch.empty(logits.shape, { dtype: logits.dtype, device: logits.device }).exponential_().log().neg();
    const ySoft = logits.add(gumbels).div(tau).softmax(dim);
    if (!a.hard) return ySoft;
    const index = ySoft.max(dim, true)[1];
    const yHard = torch.zeros_like(logits).scatter_(dim, index, 1.0);
    return yHard.sub(ySoft.detach()).add(ySoft);
  });
}
