// torch.nn.utils.clip_grad_norm_ and clip_grad_value_: rescale or clamp the gradients of
// parameters in place, as PyTorch 2 does (per-tensor norms, then the norm of those norms).

import { Tensor } from '../tensor.js';
import { RuntimeError } from '../errors.js';
import { no_grad } from '../autograd.js';
import { tensor } from '../creation.js';
import { stack } from '../ops/shape.js';
import { vector_norm } from '../ops/reduce_stats.js';

/** Parameters as PyTorch takes them: one tensor or an iterable of tensors. */
export type Parameters = Tensor | Iterable<Tensor>;

/** The gradients of the parameters that have one. */
function gradsOf(parameters: Parameters): Tensor[] {
  const list = parameters instanceof Tensor ? [parameters] : [...parameters];
  return list.map((p) => p.grad).filter((g): g is Tensor => g !== null);
}

/** A float as Python prints it in an f-string: 2.0, inf, 0.5. */
function pyFloat(v: number): string {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Number.isNaN(v)) return 'nan';
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** clip_grad_norm_'s options, PyTorch's keywords after max_norm. */
export interface ClipGradNormOptions {
  /** The p of the p-norm (default 2; Infinity for the largest absolute value). */
  norm_type?: number;
  /** Throw when the total norm is NaN or infinite instead of scaling by it. */
  error_if_nonfinite?: boolean;
  /** Accepted as PyTorch's (which kernel loop computes the norms); no effect. */
  foreach?: boolean | null;
}

/**
 * Rescales the gradients so that their total norm (the norm of the per-tensor norms) is at most
 * `max_norm`, in place, and returns the total norm before clipping, as
 * `torch.nn.utils.clip_grad_norm_`: each gradient is multiplied by min(1, max_norm / (total + 1e-6)).
 *
 * @example
 * loss.backward();
 * const total = nn.utils.clip_grad_norm_(model.parameters(), 1.0); // a 0-dim tensor
 * opt.step();
 */
export function clip_grad_norm_(parameters: Parameters, max_norm: number, norm_type: number | ClipGradNormOptions = 2, options: ClipGradNormOptions = {}): Tensor {
  const o = typeof norm_type === 'object' ? norm_type : { ...options, norm_type };
  const p = o.norm_type ?? 2;
  const grads = gradsOf(parameters);
  if (grads.length === 0) return tensor(0);
  return no_grad(() => {
    const norms = grads.map((g) => vector_norm(g, p));
    const total = vector_norm(stack(norms), p);
    norms.forEach((n) => n.dispose());
    if (o.error_if_nonfinite && !Number.isFinite(total.item() as number)) {
      total.dispose();
      throw new RuntimeError(`The total norm of order ${pyFloat(p)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. ` +
        'To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`');
    }
    const coef = total.add(1e-6).reciprocal().mul(max_norm).clamp(null, 1.0);
    for (const g of grads) g.mul_(coef.to(g.dtype));
    coef.dispose();
    return total;
  });
}

/**
 * Clamps every gradient into [−clip_value, clip_value] in place, as
 * `torch.nn.utils.clip_grad_value_` (which returns None).
 * @example nn.utils.clip_grad_value_(model.parameters(), 0.5)
 */
export function clip_grad_value_(parameters: Parameters, clip_value: number, options: { foreach?: boolean | null } = {}): void {
  void options; // foreach: which kernel loop clamps, as PyTorch's; the values are the same
  no_grad(() => { for (const g of gradsOf(parameters)) g.clamp_(-clip_value, clip_value); });
}
