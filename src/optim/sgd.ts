// torch.optim.SGD: torch/optim/sgd.py's single-tensor formula, one in-place
// device call per parameter (Backend.sgdStep) with its group's current options.

import { Tensor } from '../tensor.js';
import { ValueError } from '../errors.js';
import type { Handle } from '../device.js';
import { Optimizer, stateLike, pyFloat, type Params, type ParamState, type ParamGroup } from './optimizer.js';

export interface SGDOptions {
  lr?: number; momentum?: number; dampening?: number; weight_decay?: number; nesterov?: boolean; maximize?: boolean;
  /** accepted and ignored (one update loop serves every parameter) */
  foreach?: boolean | null;
  differentiable?: boolean;
  fused?: boolean | null;
}

/**
 * Stochastic gradient descent, optionally with momentum (Nesterov's too),
 * weight decay and maximize, exactly as torch.optim.SGD (PyTorch 2: lr defaults to 1e-3).
 *
 * @example
 * const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * opt.zero_grad();
 * F.mse_loss(model.forward(x), y).backward();
 * opt.step();
 * // parameter groups: each its own options, the rest from the defaults
 * new optim.SGD([{ params: base.parameters() }, { params: head.parameters(), lr: 0.1 }], { lr: 0.01, momentum: 0.9 });
 */
export class SGD extends Optimizer<Required<SGDOptions>> {
  constructor(params: Params<SGDOptions>, options: SGDOptions = {}) {
    const d: Required<SGDOptions> = {
      lr: options.lr ?? 1e-3, momentum: options.momentum ?? 0, dampening: options.dampening ?? 0,
      weight_decay: options.weight_decay ?? 0, nesterov: options.nesterov ?? false, maximize: options.maximize ?? false,
      foreach: options.foreach ?? null, differentiable: options.differentiable ?? false, fused: options.fused ?? null,
    };
    if (d.lr < 0) throw new ValueError(`Invalid learning rate: ${pyFloat(d.lr)}`);
    if (d.momentum < 0) throw new ValueError(`Invalid momentum value: ${pyFloat(d.momentum)}`);
    if (d.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${pyFloat(d.weight_decay)}`);
    if (d.nesterov && (d.momentum <= 0 || d.dampening !== 0)) {
      throw new ValueError('Nesterov momentum requires a momentum and zero dampening');
    }
    super(params as Params<Required<SGDOptions>>, d);
  }

  /** @internal */
  protected update(p: Tensor, g: Handle, state: ParamState, group: ParamGroup<Required<SGDOptions>>): void {
    let buf: Tensor | null = null;
    let firstStep = false;
    // PyTorch 2 keeps a momentum_buffer only when momentum is on (1.13 stored None)
    if (group.momentum !== 0) {
      buf = (state.momentum_buffer as Tensor | undefined) ?? null;
      if (buf === null) { buf = stateLike(p); state.momentum_buffer = buf; firstStep = true; }
    }
    p._dev.sgdStep(p.h, g, buf ? buf.h : null, {
      lr: group.lr, momentum: group.momentum, dampening: group.dampening, weight_decay: group.weight_decay,
      nesterov: group.nesterov, maximize: group.maximize, firstStep,
    });
  }
}
