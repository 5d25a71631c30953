// Optimizers whose update is composed of in-place tensor ops, under no_grad and
// inside tidy() (the temporaries are freed at once; the state tensors are the
// optimizer's): Adagrad and RMSprop, line for line torch/optim/adagrad.py's and
// rmsprop.py's single-tensor steps.

import { Tensor } from '../tensor.js';
import { no_grad } from '../autograd.js';
import { tidy } from '../memory.js';
import { ValueError } from '../errors.js';
import { Optimizer, stateLike, pyFloat, type Params, type ParamState, type ParamGroup } from './optimizer.js';

/** Runs an update on p's gradient: maximize negates it, weight_decay adds wd·p (new tensors, as PyTorch's). */
export function composed(p: Tensor, maximize: boolean, weight_decay: number, fn: (grad: Tensor) => void): void {
  const g = p.grad!;
  tidy(() => no_grad(() => {
    let grad = maximize ? g.neg() : g;
    if (weight_decay !== 0) grad = grad.add(p, { alpha: weight_decay });
    fn(grad);
  }));
}

export interface AdagradOptions {
  lr?: number; lr_decay?: number; weight_decay?: number; initial_accumulator_value?: number; eps?: number;
  maximize?: boolean;
  /** accepted and ignored */
  foreach?: boolean | null;
  differentiable?: boolean;
  fused?: boolean | null;
}

/**
 * Adagrad, exactly as torch.optim.Adagrad: a running sum of squared gradients scales each step,
 * the lr decaying as lr / (1 + (step − 1)·lr_decay).
 * @example const opt = new optim.Adagrad(model.parameters(), { lr: 0.01 });
 */
export class Adagrad extends Optimizer<Required<AdagradOptions>> {
  constructor(params: Params<AdagradOptions>, options: AdagradOptions = {}) {
    const d: Required<AdagradOptions> = {
      lr: options.lr ?? 1e-2, lr_decay: options.lr_decay ?? 0, weight_decay: options.weight_decay ?? 0,
      initial_accumulator_value: options.initial_accumulator_value ?? 0, eps: options.eps ?? 1e-10,
      foreach: options.foreach ?? null, maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false, fused: options.fused ?? null,
    };
    if (!(d.lr >= 0)) throw new ValueError(`Invalid learning rate: ${pyFloat(d.lr)}`);
    if (!(d.lr_decay >= 0)) throw new ValueError(`Invalid lr_decay value: ${pyFloat(d.lr_decay)}`);
    if (!(d.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${pyFloat(d.weight_decay)}`);
    if (!(d.initial_accumulator_value >= 0)) {
      throw new ValueError(`Invalid initial_accumulator_value value: ${pyFloat(d.initial_accumulator_value)}`);
    }
    if (!(d.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${pyFloat(d.eps)}`);
    super(params as Params<Required<AdagradOptions>>, d);
    // PyTorch fills the sums at construction, not at the first step
    for (const g of this.param_groups) {
      for (const p of g.params) this.state.set(p, { step: 0, sum: stateLike(p, g.initial_accumulator_value) });
    }
  }

  /** @internal */
  protected update(p: Tensor, _g: unknown, state: ParamState, group: ParamGroup<Required<AdagradOptions>>): void {
    if (state.sum === undefined) { state.step = 0; state.sum = stateLike(p, group.initial_accumulator_value); }
    const step = (state.step as number) + 1;
    state.step = step;
    const sum = state.sum as Tensor;
    const clr = group.lr / (1 + (step - 1) * group.lr_decay);
    composed(p, group.maximize, group.weight_decay, (grad) => {
      sum.addcmul_(grad, grad, { value: 1 });
      const std = sum.sqrt().add_(group.eps);
      p.addcdiv_(grad, std, { value: -clr });
    });
  }
}

export interface RMSpropOptions {
  lr?: number; alpha?: number; eps?: number; weight_decay?: number; momentum?: number; centered?: boolean;
  maximize?: boolean;
  /** accepted and ignored */
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
}

/**
 * RMSprop, exactly as torch.optim.RMSprop: a running average of squared gradients (centered:
 * minus the squared running mean) scales each step; optional momentum.
 * @example const opt = new optim.RMSprop(model.parameters(), { lr: 0.01, momentum: 0.9, centered: true });
 */
export class RMSprop extends Optimizer<Required<RMSpropOptions>> {
  constructor(params: Params<RMSpropOptions>, options: RMSpropOptions = {}) {
    const d: Required<RMSpropOptions> = {
      lr: options.lr ?? 1e-2, momentum: options.momentum ?? 0, alpha: options.alpha ?? 0.99, eps: options.eps ?? 1e-8,
      centered: options.centered ?? false, weight_decay: options.weight_decay ?? 0,
      capturable: options.capturable ?? false, foreach: options.foreach ?? null, maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false,
    };
    if (!(d.lr >= 0)) throw new ValueError(`Invalid learning rate: ${pyFloat(d.lr)}`);
    if (!(d.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${pyFloat(d.eps)}`);
    if (!(d.momentum >= 0)) throw new ValueError(`Invalid momentum value: ${pyFloat(d.momentum)}`);
    if (!(d.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${pyFloat(d.weight_decay)}`);
    if (!(d.alpha >= 0)) throw new ValueError(`Invalid alpha value: ${pyFloat(d.alpha)}`);
    super(params as Params<Required<RMSpropOptions>>, d);
  }

  /** @internal */
  protected update(p: Tensor, _g: unknown, state: ParamState, group: ParamGroup<Required<RMSpropOptions>>): void {
    if (state.square_avg === undefined) {
      state.step = 0;
      state.square_avg = stateLike(p);
      if (group.momentum > 0) state.momentum_buffer = stateLike(p);
      if (group.centered) state.grad_avg = stateLike(p);
    }
    state.step = (state.step as number) + 1;
    const square_avg = state.square_avg as Tensor;
    const { alpha, eps, lr, momentum } = group;
    composed(p, group.maximize, group.weight_decay, (grad) => {
      square_avg.mul_(alpha).addcmul_(grad, grad, { value: 1 - alpha });
      let avg: Tensor;
      if (group.centered) {
        const grad_avg = (state.grad_avg ??= stateLike(p)) as Tensor;
        grad_avg.lerp_(grad, 1 - alpha); // PyTorch 2 (1.13: mul_(alpha).add_(grad, alpha=1 - alpha))
        avg = square_avg.addcmul(grad_avg, grad_avg, { value: -1 }).sqrt_();
      } else {
        avg = square_avg.sqrt();
      }
      avg = avg.add_(eps);
      if (momentum > 0) {
        const buf = (state.momentum_buffer ??= stateLike(p)) as Tensor;
        buf.mul_(momentum).addcdiv_(grad, avg);
        p.add_(buf, { alpha: -lr });
      } else {
        p.addcdiv_(grad, avg, { value: -lr });
      }
    });
  }
}
