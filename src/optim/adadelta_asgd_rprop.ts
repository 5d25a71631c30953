// torch.optim.Adadelta, ASGD and Rprop composed of in-place tensor ops (as composed.ts's Adagrad
// and RMSprop), line for line PyTorch 2's single-tensor steps (torch/optim/adadelta.py, asgd.py,
// rprop.py with foreach, capturable and differentiable off).

import { Tensor } from '../tensor.js';
import { ValueError } from '../errors.js';
import { Optimizer, stateLike, pyFloat, type Params, type ParamState, type ParamGroup } from './optimizer.js';
import { composed } from './composed.js';

/** Options each accepts and keeps in its groups, changing nothing (one update loop serves every parameter). */
interface Accepted { maximize?: boolean; foreach?: boolean | null; capturable?: boolean; differentiable?: boolean }

const accepted = (o: Accepted): Required<Accepted> => ({
  maximize: o.maximize ?? false, foreach: o.foreach ?? null, capturable: o.capturable ?? false, differentiable: o.differentiable ?? false,
});

function checkLr(lr: number): void {
  if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${pyFloat(lr)}`);
}

function checkWeightDecay(weight_decay: number): void {
  if (!(weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${pyFloat(weight_decay)}`);
}

/** The step count (PyTorch 2 keeps it for each of the three), made at a parameter's first step; returns the new step. */
function nextStep(state: ParamState): number {
  return (state.step = ((state.step as number | undefined) ?? 0) + 1);
}

export interface AdadeltaOptions extends Accepted { lr?: number; rho?: number; eps?: number; weight_decay?: number }

/**
 * Adadelta, exactly as torch.optim.Adadelta: running averages of the squared gradients and of
 * the squared updates set each parameter's step, scaled by lr (default 1). The state is
 * PyTorch 2's: `step`, `square_avg`, `acc_delta`.
 * @example
 * const opt = new optim.Adadelta(model.parameters(), { rho: 0.9 });
 * opt.zero_grad();
 * F.mse_loss(model.forward(x), y).backward();
 * opt.step();
 */
export class Adadelta extends Optimizer<Required<AdadeltaOptions>> {
  constructor(params: Params<AdadeltaOptions>, options: AdadeltaOptions = {}) {
    const d: Required<AdadeltaOptions> = {
      lr: options.lr ?? 1, rho: options.rho ?? 0.9, eps: options.eps ?? 1e-6, weight_decay: options.weight_decay ?? 0, ...accepted(options),
    };
    checkLr(d.lr);
    if (!(d.rho >= 0 && d.rho <= 1)) throw new ValueError(`Invalid rho value: ${pyFloat(d.rho)}`);
    if (!(d.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${pyFloat(d.eps)}`);
    checkWeightDecay(d.weight_decay);
    super(params as Params<Required<AdadeltaOptions>>, d);
  }

  /** @internal */
  protected update(p: Tensor, _g: unknown, state: ParamState, group: ParamGroup<Required<AdadeltaOptions>>): void {
    if (state.square_avg === undefined) { state.square_avg = stateLike(p); state.acc_delta = stateLike(p); }
    nextStep(state);
    const square_avg = state.square_avg as Tensor, acc_delta = state.acc_delta as Tensor;
    const { rho, eps } = group;
    composed(p, group.maximize, group.weight_decay, (grad) => {
      square_avg.mul_(rho).addcmul_(grad, grad, { value: 1 - rho });
      const std = square_avg.add(eps).sqrt_();
      const delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad);
      acc_delta.mul_(rho).addcmul_(delta, delta, { value: 1 - rho });
      p.add_(delta, { alpha: -group.lr });
    });
  }
}

export interface ASGDOptions extends Accepted { lr?: number; lambd?: number; alpha?: number; t0?: number; weight_decay?: number }

/**
 * Averaged stochastic gradient descent, exactly as torch.optim.ASGD: a step size
 * ηₜ = lr / (1 + lambd·lr·t)^alpha with decay lambd, and `ax`, the running average of the
 * parameter from step t0 on. The state is PyTorch's: `step`, `eta`, `mu`, `ax` (`eta` and `mu`
 * numbers with PyTorch's float32 rounding).
 * @example
 * const opt = new optim.ASGD(model.parameters(), { lr: 0.01, t0: 100 });
 * opt.zero_grad();
 * F.mse_loss(model.forward(x), y).backward();
 * opt.step();
 * // the averaged parameters: opt.state.get(p)!.ax
 */
export class ASGD extends Optimizer<Required<ASGDOptions>> {
  /** @internal */
  protected numberState: readonly string[] = ['step', 'eta', 'mu'];

  constructor(params: Params<ASGDOptions>, options: ASGDOptions = {}) {
    const d: Required<ASGDOptions> = {
      lr: options.lr ?? 1e-2, lambd: options.lambd ?? 1e-4, alpha: options.alpha ?? 0.75, t0: options.t0 ?? 1e6,
      weight_decay: options.weight_decay ?? 0, ...accepted(options),
    };
    checkLr(d.lr);
    if (!(d.lambd >= 0)) throw new ValueError(`Invalid lambd value: ${pyFloat(d.lambd)}`);
    if (!(d.alpha >= 0)) throw new ValueError(`Invalid alpha value: ${pyFloat(d.alpha)}`);
    checkWeightDecay(d.weight_decay);
    super(params as Params<Required<ASGDOptions>>, d);
  }

  /** @internal */
  protected update(p: Tensor, _g: unknown, state: ParamState, group: ParamGroup<Required<ASGDOptions>>): void {
    const { lr, lambd, alpha, t0 } = group;
    // eta and mu are float32 0-dim tensors in PyTorch (whatever the parameter's dtype)
    if (state.ax === undefined) { state.eta = Math.fround(lr); state.mu = 1; state.ax = stateLike(p); }
    const step = nextStep(state);
    const eta = state.eta as number, mu = state.mu as number, ax = state.ax as Tensor;
    composed(p, group.maximize, group.weight_decay, (grad) => {
      p.mul_(1 - lambd * eta);
      p.add_(grad, { alpha: -eta });
      if (mu !== 1) ax.add_(p.sub(ax).mul_(mu));
      else ax.copy_(p);
    });
    state.eta = Math.fround(lr / (1 + lambd * lr * step) ** alpha);
    state.mu = Math.fround(1 / Math.max(1, step - t0));
  }
}

export interface RpropOptions extends Accepted { lr?: number; etas?: [number, number]; step_sizes?: [number, number] }

/**
 * Resilient backpropagation, exactly as torch.optim.Rprop: each element's step size grows by
 * etas[1] while its gradient keeps its sign and shrinks by etas[0] when the sign flips (that
 * step then skips the element), within step_sizes; the parameter moves by the step size against
 * the gradient's sign. The state is PyTorch 2's: `step`, `prev`, `step_size`.
 * @example
 * const opt = new optim.Rprop(model.parameters(), { lr: 0.01, etas: [0.5, 1.2], step_sizes: [1e-6, 50] });
 * opt.zero_grad();
 * F.mse_loss(model.forward(x), y).backward();
 * opt.step();
 */
export class Rprop extends Optimizer<Required<RpropOptions>> {
  constructor(params: Params<RpropOptions>, options: RpropOptions = {}) {
    const d: Required<RpropOptions> = {
      lr: options.lr ?? 1e-2, etas: options.etas ?? [0.5, 1.2], step_sizes: options.step_sizes ?? [1e-6, 50], ...accepted(options),
    };
    checkLr(d.lr);
    const [etaminus, etaplus] = d.etas;
    if (!(etaminus > 0 && etaminus < 1 && etaplus > 1)) throw new ValueError(`Invalid eta values: ${pyFloat(etaminus)}, ${pyFloat(etaplus)}`);
    super(params as Params<Required<RpropOptions>>, d);
  }

  /** @internal */
  protected update(p: Tensor, _g: unknown, state: ParamState, group: ParamGroup<Required<RpropOptions>>): void {
    if (state.prev === undefined) { state.prev = stateLike(p); state.step_size = stateLike(p, group.lr); }
    nextStep(state);
    const prev = state.prev as Tensor, step_size = state.step_size as Tensor;
    const [etaminus, etaplus] = group.etas;
    composed(p, group.maximize, 0, (grad) => {
      // the sign of grad·prev becomes each element's factor: etaplus, etaminus, or 1 (in this order, as PyTorch's)
      const sign = grad.mul(prev).sign();
      sign.masked_fill_(sign.gt(0), etaplus);
      sign.masked_fill_(sign.lt(0), etaminus);
      sign.masked_fill_(sign.eq(0), 1);
      step_size.mul_(sign).clamp_(group.step_sizes[0], group.step_sizes[1]);
      // where the sign flipped, this step leaves the element and forgets its gradient
      const g = grad.masked_fill(sign.eq(etaminus), 0);
      p.addcmul_(g.sign(), step_size, { value: -1 });
      prev.copy_(g);
    });
  }
}
