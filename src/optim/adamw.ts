// torch.optim.AdamW: Adam with decoupled weight decay (torch/optim/adamw.py's
// single-tensor step): the parameter shrinks by lr·weight_decay first, in place,
// then Adam's update runs without weight decay (the same device kernel).

import { Tensor } from '../tensor.js';
import { no_grad } from '../autograd.js';
import type { Handle } from '../device.js';
import { Adam, type AdamOptions } from './adam.js';
import type { Params, ParamState, ParamGroup } from './optimizer.js';

/**
 * AdamW, exactly as torch.optim.AdamW: weight_decay (default 1e-2) multiplies the parameter by
 * 1 − lr·weight_decay before Adam's step instead of entering the gradient. Every Adam option too.
 *
 * @example
 * const opt = new optim.AdamW(model.parameters(), { lr: 1e-3, weight_decay: 0.01 });
 * opt.zero_grad();
 * F.cross_entropy(model.forward(x), y).backward();
 * opt.step();
 */
export class AdamW extends Adam {
  constructor(params: Params<AdamOptions>, options: AdamOptions = {}) {
    super(params, { ...options, weight_decay: options.weight_decay ?? 1e-2 });
  }

  /** @internal */
  protected update(p: Tensor, g: Handle, state: ParamState, group: ParamGroup<Required<AdamOptions>>): void {
    // param.mul_(1 - lr * weight_decay), a float32 multiply for a float32 parameter as PyTorch's
    if (group.weight_decay !== 0) no_grad(() => p.mul_(1 - group.lr * group.weight_decay));
    super.update(p, g, state, { ...group, weight_decay: 0 });
  }
}
