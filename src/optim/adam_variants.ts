// torch.optim.NAdam, RAdam and Adamax: Adam's relatives, composed of in-place tensor ops (as
// composed.ts's Adagrad and RMSprop), line for line PyTorch 2's single-tensor steps
// (torch/optim/nadam.py, radam.py, adamax.py with foreach, capturable and differentiable off).

import { Tensor } from '../tensor.js';
import { ValueError } from '../errors.js';
import { Optimizer, stateLike, pyFloat, type Params, type ParamState, type ParamGroup } from './optimizer.js';
import { checkAdamArgs } from './adam.js';
import { composed } from './composed.js';

/** Options every one of the three accepts and keeps in its groups, changing nothing (one update loop serves every parameter). */
interface Accepted { foreach?: boolean | null; capturable?: boolean; differentiable?: boolean }

interface AdamLike extends Accepted { lr?: number; betas?: [number, number]; eps?: number; weight_decay?: number; maximize?: boolean }

/** The options and state NAdam and RAdam share with Adam, their defaults filled, PyTorch's checks made. */
function adamDefaults<O extends AdamLike>(options: O, lr: number): Required<AdamLike> {
  const d = {
    lr: options.lr ?? lr, betas: options.betas ?? [0.9, 0.999], eps: options.eps ?? 1e-8,
    weight_decay: options.weight_decay ?? 0, maximize: options.maximize ?? false, foreach: options.foreach ?? null,
    capturable: options.capturable ?? false, differentiable: options.differentiable ?? false,
  } as Required<AdamLike>;
  checkAdamArgs(d);
  return d;
}

/** The step count and Adam's two moments, made at a parameter's first step; returns the new step. */
function moments(p: Tensor, state: ParamState): number {
  if (state.exp_avg === undefined) {
    state.step = 0;
    state.exp_avg = stateLike(p);
    state.exp_avg_sq = stateLike(p);
  }
  return (state.step = (state.step as number) + 1);
}

/**
 * Weight decay into the gradient (Adam's, the default) or decoupled (AdamW's: the parameter shrinks
 * by lr·weight_decay first), then the update on the gradient.
 */
function decayed(p: Tensor, group: ParamGroup<Required<AdamLike> & { decoupled_weight_decay: boolean }>, fn: (grad: Tensor) => void): void {
  const { lr, weight_decay, decoupled_weight_decay } = group;
  composed(p, group.maximize, decoupled_weight_decay ? 0 : weight_decay, (grad) => {
    if (decoupled_weight_decay && weight_decay !== 0) p.mul_(1 - lr * weight_decay);
    fn(grad);
  });
}

/** Updates Adam's two moments with the gradient (the first by lerp_, as PyTorch 2). */
function updateMoments(state: ParamState, grad: Tensor, [beta1, beta2]: [number, number]): [Tensor, Tensor] {
  const exp_avg = state.exp_avg as Tensor, exp_avg_sq = state.exp_avg_sq as Tensor;
  exp_avg.lerp_(grad, 1 - beta1);
  exp_avg_sq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
  return [exp_avg, exp_avg_sq];
}

export interface NAdamOptions extends AdamLike { momentum_decay?: number; decoupled_weight_decay?: boolean }

/**
 * NAdam (Adam with Nesterov momentum), exactly as PyTorch 2's torch.optim.NAdam: the momentum
 * cache μₜ = β₁(1 − ½·0.96^(t·momentum_decay)) and its running product (PyTorch's float32
 * `mu_product`, kept as a number); `decoupled_weight_decay` makes it NAdamW. The state is
 * PyTorch's: `step`, `mu_product`, `exp_avg`, `exp_avg_sq`.
 * @example
 * const opt = new optim.NAdam(model.parameters(), { lr: 2e-3, weight_decay: 0.01, decoupled_weight_decay: true });
 * opt.zero_grad();
 * F.mse_loss(model.forward(x), y).backward();
 * opt.step();
 */
export class NAdam extends Optimizer<Required<NAdamOptions>> {
  /** @internal */
  protected numberState: readonly string[] = ['step', 'mu_product'];

  constructor(params: Params<NAdamOptions>, options: NAdamOptions = {}) {
    const d: Required<NAdamOptions> = {
      ...adamDefaults(options, 2e-3),
      momentum_decay: options.momentum_decay ?? 4e-3, decoupled_weight_decay: options.decoupled_weight_decay ?? false,
    };
    if (!(d.momentum_decay >= 0)) throw new ValueError(`Invalid momentum_decay value: ${pyFloat(d.momentum_decay)}`);
    super(params as Params<Required<NAdamOptions>>, d);
  }

  /** @internal */
  protected update(p: Tensor, _g: unknown, state: ParamState, group: ParamGroup<Required<NAdamOptions>>): void {
    if (state.exp_avg === undefined) state.mu_product = 1;
    const step = moments(p, state);
    const [beta1, beta2] = group.betas;
    const { lr, eps, momentum_decay } = group;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentum_decay));
    const mu_next = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentum_decay));
    // PyTorch's mu_product is a float32 0-dim tensor: `mu_product *= mu` rounds to float32
    const mu_product = (state.mu_product = Math.fround((state.mu_product as number) * Math.fround(mu)));
    const bias_correction2 = 1 - beta2 ** step;
    decayed(p, group, (grad) => {
      const [exp_avg, exp_avg_sq] = updateMoments(state, grad, group.betas);
      const denom = exp_avg_sq.div(bias_correction2).sqrt_().add_(eps);
      p.addcdiv_(grad, denom, { value: (-lr * (1 - mu)) / (1 - mu_product) });
      p.addcdiv_(exp_avg, denom, { value: (-lr * mu_next) / (1 - mu_product * mu_next) });
    });
  }
}

export interface RAdamOptions extends AdamLike { decoupled_weight_decay?: boolean }

/**
 * RAdam (rectified Adam), exactly as PyTorch 2's torch.optim.RAdam: while the variance of the
 * adaptive rate is intractable (ρₜ ≤ 5) the step is bias-corrected momentum alone, then Adam's
 * step times the rectification term; `decoupled_weight_decay` makes it RAdamW. The state is
 * PyTorch's: `step`, `exp_avg`, `exp_avg_sq`.
 * @example
 * const opt = new optim.RAdam(model.parameters(), { lr: 1e-3 });
 * opt.zero_grad();
 * F.mse_loss(model.forward(x), y).backward();
 * opt.step();
 */
export class RAdam extends Optimizer<Required<RAdamOptions>> {
  constructor(params: Params<RAdamOptions>, options: RAdamOptions = {}) {
    const d: Required<RAdamOptions> = { ...adamDefaults(options, 1e-3), decoupled_weight_decay: options.decoupled_weight_decay ?? false };
    super(params as Params<Required<RAdamOptions>>, d);
  }

  /** @internal */
  protected update(p: Tensor, _g: unknown, state: ParamState, group: ParamGroup<Required<RAdamOptions>>): void {
    const step = moments(p, state);
    const [beta1, beta2] = group.betas;
    const { lr, eps } = group;
    const bias_correction1 = 1 - beta1 ** step, bias_correction2 = 1 - beta2 ** step;
    // the maximum length of the approximated simple moving average, and its length now
    const rho_inf = 2 / (1 - beta2) - 1;
    const rho_t = rho_inf - (2 * step * beta2 ** step) / bias_correction2;
    decayed(p, group, (grad) => {
      const [exp_avg, exp_avg_sq] = updateMoments(state, grad, group.betas);
      const update = exp_avg.div(bias_correction1).mul_(lr);
      if (rho_t > 5) {
        const rect = Math.sqrt(((rho_t - 4) * (rho_t - 2) * rho_inf) / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
        // PyTorch's `float / tensor` is reciprocal() times the float
        const adaptive_lr = exp_avg_sq.sqrt().add_(eps).reciprocal().mul_(Math.sqrt(bias_correction2));
        update.mul_(adaptive_lr).mul_(rect);
      }
      p.sub_(update);
    });
  }
}

export type AdamaxOptions = AdamLike;

/**
 * Adamax (Adam with the infinity norm), exactly as PyTorch 2's torch.optim.Adamax: the second
 * moment is the running maximum uₜ = max(β₂uₜ₋₁, |gₜ| + eps). The state is PyTorch's: `step`,
 * `exp_avg`, `exp_inf`.
 * @example
 * const opt = new optim.Adamax(model.parameters(), { lr: 2e-3 });
 * opt.zero_grad();
 * F.mse_loss(model.forward(x), y).backward();
 * opt.step();
 */
export class Adamax extends Optimizer<Required<AdamaxOptions>> {
  constructor(params: Params<AdamaxOptions>, options: AdamaxOptions = {}) {
    super(params as Params<Required<AdamaxOptions>>, adamDefaults(options, 2e-3));
  }

  /** @internal */
  protected update(p: Tensor, _g: unknown, state: ParamState, group: ParamGroup<Required<AdamaxOptions>>): void {
    if (state.exp_avg === undefined) { state.step = 0; state.exp_avg = stateLike(p); state.exp_inf = stateLike(p); }
    const step = (state.step = (state.step as number) + 1);
    const [beta1, beta2] = group.betas;
    const exp_avg = state.exp_avg as Tensor, exp_inf = state.exp_inf as Tensor;
    composed(p, group.maximize, group.weight_decay, (grad) => {
      exp_avg.lerp_(grad, 1 - beta1);
      exp_inf.copy_(exp_inf.mul_(beta2).maximum(grad.abs().add_(group.eps)));
      p.addcdiv_(exp_avg, exp_inf, { value: -group.lr / (1 - beta1 ** step) });
    });
  }
}
