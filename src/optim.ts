// torch.optim: SGD and Adam with torch/optim/sgd.py and adam.py's
// single-tensor formulas. Each parameter's update is one in-place device call
// (Backend.sgdStep / adamStep); a step creates no Tensor wrappers, and the
// state tensors (momentum buffers, moments) are made once, outside torch.tidy,
// so a training step inside tidy() leaves memory flat.

import { DType } from '../abi/abi.js';
import { Tensor } from './tensor.js';
import { ValueError, TorchError, NotImplementedError } from './errors.js';
import type { Handle } from './device.js';

/** A zeros tensor like p (its dtype too), on p's device, owned by the optimizer (not by any tidy() scope). */
function stateLike(p: Tensor): Tensor {
  const dev = p._dev;
  return new Tensor(dev, dev.full(p._shape, 0, p._dtype), p._shape.slice(), p._dtype, false);
}

const pyFloat = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : String(x));

/** What every optimizer shares: the parameter list and zero_grad(). */
export abstract class Optimizer {
  /** The parameters being optimized, in order. */
  readonly params: Tensor[];

  constructor(params: Iterable<Tensor>) {
    if (params instanceof Tensor) {
      throw new TorchError('params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.FloatTensor');
    }
    this.params = [...params];
    if (this.params.length === 0) throw new ValueError('optimizer got an empty parameter list');
    for (const p of this.params) {
      if (!(p instanceof Tensor)) throw new TorchError(`optimizer can only optimize Tensors, but one of the params is ${typeof p}`);
      if (!p.is_leaf) throw new ValueError("can't optimize a non-leaf Tensor");
      // the update kernels are float32 and float64 (a parameter is float: requires_grad says so)
      if (p._dtype !== DType.Float32 && p._dtype !== DType.Float64) {
        throw new NotImplementedError(`wasmgrad: optimizers support float32 and float64 parameters only, not ${p.dtype}`);
      }
    }
  }

  /**
   * Clears the gradients of every parameter (to null, PyTorch 2's default
   * set_to_none=True; with false, zeros them instead).
   * @example opt.zero_grad(); loss.backward(); opt.step();
   */
  zero_grad(set_to_none = true): void {
    for (const p of this.params) {
      if (set_to_none) { p.grad = null; continue; }
      // in place, as PyTorch's grad.zero_(): no new tensor, no wrapper left for the garbage collector
      const g = p._dev.grad(p.h);
      if (g === null) continue;
      p._dev.write(g, new Float32Array(p.numel()));
      p._dev.bumpVersion(g);
      p._dev.release(g);
    }
  }

  /** One update of every parameter that has a gradient. @example opt.step(); */
  step(): void {
    for (const p of this.params) {
      const g = p._dev.grad(p.h);
      if (g === null) continue;
      try {
        this.update(p, g);
      } finally {
        p._dev.release(g);
      }
    }
  }

  /** Updates one parameter in place, given a borrowed handle to its gradient. */
  /** @internal one parameter's in-place update (one device call) */
  protected abstract update(p: Tensor, g: Handle): void;
}

export interface SGDOptions {
  lr: number; momentum?: number; dampening?: number; weight_decay?: number; nesterov?: boolean; maximize?: boolean;
}

/**
 * Stochastic gradient descent, optionally with momentum (Nesterov's too),
 * weight decay and maximize, exactly as torch.optim.SGD.
 *
 * @example
 * const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * opt.zero_grad();
 * F.mse_loss(model.forward(x), y).backward();
 * opt.step();
 */
export class SGD extends Optimizer {
  readonly defaults: Required<SGDOptions>;
  private readonly buffers = new Map<Tensor, Tensor>();

  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super(params);
    const o = options ?? ({} as SGDOptions);
    if (o.lr === undefined) throw new ValueError("parameter group didn't specify a value of required optimization parameter lr");
    const d: Required<SGDOptions> = {
      lr: o.lr, momentum: o.momentum ?? 0, dampening: o.dampening ?? 0, weight_decay: o.weight_decay ?? 0,
      nesterov: o.nesterov ?? false, maximize: o.maximize ?? false,
    };
    if (d.lr < 0) throw new ValueError(`Invalid learning rate: ${pyFloat(d.lr)}`);
    if (d.momentum < 0) throw new ValueError(`Invalid momentum value: ${pyFloat(d.momentum)}`);
    if (d.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${pyFloat(d.weight_decay)}`);
    if (d.nesterov && (d.momentum <= 0 || d.dampening !== 0)) {
      throw new ValueError('Nesterov momentum requires a momentum and zero dampening');
    }
    this.defaults = d;
  }

  /** @internal */
  protected update(p: Tensor, g: Handle): void {
    const d = this.defaults;
    let buf: Tensor | null = null;
    let firstStep = false;
    if (d.momentum !== 0) {
      buf = this.buffers.get(p) ?? null;
      if (!buf) { buf = stateLike(p); this.buffers.set(p, buf); firstStep = true; }
    }
    p._dev.sgdStep(p.h, g, buf ? buf.h : null, { ...d, firstStep });
    // an in-place update, as PyTorch's: a graph that saved p refuses a later backward
    p._dev.bumpVersion(p.h);
  }

  /** Frees the momentum buffers (the optimizer is unusable afterwards only in that it restarts them). */
  dispose(): void {
    for (const b of this.buffers.values()) b.dispose();
    this.buffers.clear();
  }
}

export interface AdamOptions {
  lr?: number; betas?: [number, number]; eps?: number; weight_decay?: number; amsgrad?: boolean; maximize?: boolean;
}

interface AdamState { step: number; exp_avg: Tensor; exp_avg_sq: Tensor; max_exp_avg_sq: Tensor | null }

/**
 * Adam, exactly as torch.optim.Adam (amsgrad too: the running maximum of the
 * second moment in the denominator): moments in the parameter's dtype, bias
 * corrections in double.
 *
 * @example
 * const opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
 * torch.tidy(() => {
 *   opt.zero_grad();
 *   F.cross_entropy(model.forward(x), y).backward();
 *   opt.step();
 * });
 */
export class Adam extends Optimizer {
  readonly defaults: Required<AdamOptions>;
  private readonly state = new Map<Tensor, AdamState>();

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params);
    const d: Required<AdamOptions> = {
      lr: options.lr ?? 1e-3, betas: options.betas ?? [0.9, 0.999], eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0, amsgrad: options.amsgrad ?? false, maximize: options.maximize ?? false,
    };
    if (!(d.lr >= 0)) throw new ValueError(`Invalid learning rate: ${pyFloat(d.lr)}`);
    if (!(d.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${pyFloat(d.eps)}`);
    if (!(d.betas[0] >= 0 && d.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${pyFloat(d.betas[0])}`);
    if (!(d.betas[1] >= 0 && d.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${pyFloat(d.betas[1])}`);
    if (!(d.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${pyFloat(d.weight_decay)}`);
    this.defaults = d;
  }

  /** @internal */
  protected update(p: Tensor, g: Handle): void {
    const d = this.defaults;
    let s = this.state.get(p);
    if (!s) {
      s = { step: 0, exp_avg: stateLike(p), exp_avg_sq: stateLike(p), max_exp_avg_sq: d.amsgrad ? stateLike(p) : null };
      this.state.set(p, s);
    }
    s.step++;
    p._dev.adamStep(p.h, g, s.exp_avg.h, s.exp_avg_sq.h, s.max_exp_avg_sq ? s.max_exp_avg_sq.h : null, {
      lr: d.lr, beta1: d.betas[0], beta2: d.betas[1], eps: d.eps, weight_decay: d.weight_decay,
      step: s.step, maximize: d.maximize,
    });
    p._dev.bumpVersion(p.h);
  }

  /** Frees the moment buffers. */
  dispose(): void {
    for (const s of this.state.values()) { s.exp_avg.dispose(); s.exp_avg_sq.dispose(); s.max_exp_avg_sq?.dispose(); }
    this.state.clear();
  }
}
