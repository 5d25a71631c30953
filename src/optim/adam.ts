// torch.optim.Adam: torch/optim/adam.py's single-tensor formula, one in-place
// device call per parameter (Backend.adamStep) with its group's current options.

import { Tensor } from '../tensor.js';
import { ValueError } from '../errors.js';
import type { Handle } from '../device.js';
import { Optimizer, stateLike, pyFloat, type Params, type ParamState, type ParamGroup } from './optimizer.js';

/** The argument checks Adam, AdamW, NAdam, RAdam and Adamax share, with PyTorch's messages. */
export function checkAdamArgs(d: { lr: number; eps: number; betas: [number, number]; weight_decay: number }): void {
  if (!(d.lr >= 0)) throw new ValueError(`Invalid learning rate: ${pyFloat(d.lr)}`);
  if (!(d.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${pyFloat(d.eps)}`);
  if (!(d.betas[0] >= 0 && d.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${pyFloat(d.betas[0])}`);
  if (!(d.betas[1] >= 0 && d.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${pyFloat(d.betas[1])}`);
  if (!(d.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${pyFloat(d.weight_decay)}`);
}

export interface AdamOptions {
  lr?: number; betas?: [number, number]; eps?: number; weight_decay?: number; amsgrad?: boolean; maximize?: boolean;
  /** accepted and ignored (one update loop serves every parameter) */
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean | null;
}

/**
 * Adam, exactly as torch.optim.Adam (amsgrad too: the running maximum of the
 * second moment in the denominator): moments in the parameter's dtype, bias
 * corrections in double. The state of a parameter is PyTorch's: `step`,
 * `exp_avg`, `exp_avg_sq` and, with amsgrad, `max_exp_avg_sq`.
 *
 * @example
 * const opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
 * torch.tidy(() => {
 *   opt.zero_grad();
 *   F.cross_entropy(model.forward(x), y).backward();
 *   opt.step();
 * });
 */
export class Adam extends Optimizer<Required<AdamOptions>> {
  constructor(params: Params<AdamOptions>, options: AdamOptions = {}) {
    const d: Required<AdamOptions> = {
      lr: options.lr ?? 1e-3, betas: options.betas ?? [0.9, 0.999], eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0, amsgrad: options.amsgrad ?? false, maximize: options.maximize ?? false,
      foreach: options.foreach ?? null, capturable: options.capturable ?? false,
      differentiable: options.differentiable ?? false, fused: options.fused ?? null,
    };
    checkAdamArgs(d);
    super(params as Params<Required<AdamOptions>>, d);
  }

  /** @internal */
  protected update(p: Tensor, g: Handle, state: ParamState, group: ParamGroup<Required<AdamOptions>>): void {
    if (state.exp_avg === undefined) {
      state.step = 0;
      state.exp_avg = stateLike(p);
      state.exp_avg_sq = stateLike(p);
      if (group.amsgrad) state.max_exp_avg_sq = stateLike(p);
    }
    const step = (state.step as number) + 1;
    state.step = step;
    const vmax = group.amsgrad ? (state.max_exp_avg_sq as Tensor | undefined) ?? (state.max_exp_avg_sq = stateLike(p)) : null;
    p._dev.adamStep(p.h, g, (state.exp_avg as Tensor).h, (state.exp_avg_sq as Tensor).h, vmax ? vmax.h : null, {
      lr: group.lr, beta1: group.betas[0], beta2: group.betas[1], eps: group.eps, weight_decay: group.weight_decay,
      step, maximize: group.maximize,
    });
  }
}
