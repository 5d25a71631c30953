// torch.optim.lr_scheduler with PyTorch 2's semantics: each scheduler sets
// `param_groups[i].lr` (and the cyclic ones the momentum or beta1) of its
// optimizer at construction and at every step(), by the same chainable
// formulas as torch/optim/lr_scheduler.py (step(epoch) uses the closed forms).
// state_dict() is every field but the optimizer and callables, as PyTorch's.

import { Tensor } from '../tensor.js';
import { ValueError, TypeError, KeyError } from '../errors.js';
import { Optimizer, pyTypeName } from './optimizer.js';

type AnyOptimizer = Optimizer<object>;
type Group = Record<string, unknown> & { lr: number };
/** A scheduler's state: plain numbers, strings, arrays and objects (no callables). */
export type SchedulerStateDict = Record<string, unknown>;

const groupsOf = (o: AnyOptimizer): Group[] => o.param_groups as unknown as Group[];

/** A value for each group: a list (checked against the group count) or one value repeated. */
function formatParam<T>(name: string, optimizer: AnyOptimizer, param: T | T[]): T[] {
  const n = optimizer.param_groups.length;
  if (Array.isArray(param)) {
    if (param.length !== n) throw new ValueError(`expected ${n} values for ${name}, got ${param.length}`);
    return param.slice();
  }
  return Array(n).fill(param);
}

const cloneState = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(cloneState)
    : v !== null && typeof v === 'object' && !(v instanceof Tensor) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneState(x)]))
      : v;

/**
 * The base class of the schedulers (PyTorch 2's LRScheduler): records each group's
 * `initial_lr` and makes the first step at construction.
 * @example
 * const sched = new optim.lr_scheduler.StepLR(opt, 30, { gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); opt.step(); sched.step(); }
 */
export class LRScheduler {
  optimizer!: AnyOptimizer;
  base_lrs: number[] = [];
  last_epoch = -1;
  _step_count = 0;
  _get_lr_called_within_step = false;
  _last_lr: number[] = [];

  /** last_epoch null: only attach the optimizer (the schedulers that wrap others, ReduceLROnPlateau). */
  constructor(optimizer: AnyOptimizer, last_epoch: number | null = -1) {
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${pyTypeName(optimizer)} is not an Optimizer`);
    Object.defineProperty(this, 'optimizer', { value: optimizer, enumerable: false, writable: true });
    if (last_epoch !== null) this._init_lrs(last_epoch);
  }

  /** @internal records each group's initial_lr (or checks it is there when resuming) and base_lrs */
  _init_lrs(last_epoch: number): void {
    const groups = groupsOf(this.optimizer);
    if (last_epoch === -1) {
      for (const g of groups) if (!('initial_lr' in g)) g.initial_lr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (!('initial_lr' in g)) throw new KeyError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.base_lrs = groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
  }

  /** @internal the step at construction (subclasses call it once their own fields are set) */
  _initial_step(): void {
    this._step_count = 0;
    this.step();
  }

  /** The lrs of the next step, from the current ones (the chainable form). @example sched.get_lr() */
  get_lr(): number[] { throw new Error('get_lr is not implemented'); }

  /** @internal the lrs as a function of last_epoch alone, used by step(epoch) where PyTorch has one */
  _get_closed_form_lr?(): number[];

  /**
   * Advances the schedule one step (or to `epoch`, PyTorch's deprecated form, by the closed form where
   * the scheduler has one) and sets each group's lr.
   * @example opt.step(); sched.step();
   */
  step(epoch?: number): void {
    this._step_count += 1;
    this._get_lr_called_within_step = true;
    let values: number[];
    try {
      if (epoch === undefined) {
        this.last_epoch += 1;
        values = this.get_lr();
      } else {
        this.last_epoch = epoch;
        values = this._get_closed_form_lr ? this._get_closed_form_lr() : this.get_lr();
      }
    } finally {
      this._get_lr_called_within_step = false;
    }
    const groups = groupsOf(this.optimizer);
    values.forEach((lr, i) => { groups[i].lr = lr; });
    this._last_lr = groups.map((g) => g.lr);
  }

  /** The lrs the last step set, one per group. @example console.log(sched.get_last_lr()); */
  get_last_lr(): number[] { return this._last_lr.slice(); }

  /** Every field but the optimizer (callables left out), as PyTorch's. @example const s = sched.state_dict(); */
  state_dict(): SchedulerStateDict {
    const out: SchedulerStateDict = {};
    for (const [k, v] of Object.entries(this)) if (typeof v !== 'function') out[k] = cloneState(v);
    return out;
  }

  /** Restores a state_dict(). @example sched.load_state_dict(saved); */
  load_state_dict(state_dict: SchedulerStateDict): void {
    for (const [k, v] of Object.entries(state_dict)) (this as Record<string, unknown>)[k] = cloneState(v);
  }
}

type Lambda = (epoch: number) => number;

/** The lr_lambdas of LambdaLR / MultiplicativeLR: one function for every group, or one per group. */
function lambdasOf(optimizer: AnyOptimizer, lr_lambda: Lambda | Lambda[]): Lambda[] {
  const n = optimizer.param_groups.length;
  if (!Array.isArray(lr_lambda)) return Array(n).fill(lr_lambda);
  if (lr_lambda.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${lr_lambda.length}`);
  return lr_lambda.slice();
}

/** The lambdas are not saved (null each), as PyTorch saves no plain function. */
function lambdaState(s: LRScheduler, fns: Lambda[]): SchedulerStateDict {
  const out = LRScheduler.prototype.state_dict.call(s);
  delete out.lr_lambdas;
  return { ...out, lr_lambdas: fns.map(() => null) };
}

function loadLambdaState(s: LRScheduler, state_dict: SchedulerStateDict): void {
  const { lr_lambdas: _ignored, ...rest } = state_dict;
  LRScheduler.prototype.load_state_dict.call(s, rest);
}

/**
 * lr = initial lr × lr_lambda(epoch), per group.
 * @example new optim.lr_scheduler.LambdaLR(opt, (epoch) => 0.95 ** epoch);
 */
export class LambdaLR extends LRScheduler {
  lr_lambdas: Lambda[];
  constructor(optimizer: AnyOptimizer, lr_lambda: Lambda | Lambda[], options: { last_epoch?: number } = {}) {
    const fns = lambdasOf(optimizer, lr_lambda);
    super(optimizer, options.last_epoch ?? -1);
    this.lr_lambdas = fns;
    Object.defineProperty(this, 'lr_lambdas', { enumerable: false });
    this._initial_step();
  }
  get_lr(): number[] { return this.base_lrs.map((b, i) => b * this.lr_lambdas[i](this.last_epoch)); }
  state_dict(): SchedulerStateDict { return lambdaState(this, this.lr_lambdas); }
  load_state_dict(state_dict: SchedulerStateDict): void { loadLambdaState(this, state_dict); }
}

/**
 * Multiplies each group's lr by lr_lambda(epoch) at every step after the first.
 * @example new optim.lr_scheduler.MultiplicativeLR(opt, () => 0.95);
 */
export class MultiplicativeLR extends LRScheduler {
  lr_lambdas: Lambda[];
  constructor(optimizer: AnyOptimizer, lr_lambda: Lambda | Lambda[], options: { last_epoch?: number } = {}) {
    const fns = lambdasOf(optimizer, lr_lambda);
    super(optimizer, options.last_epoch ?? -1);
    this.lr_lambdas = fns;
    Object.defineProperty(this, 'lr_lambdas', { enumerable: false });
    this._initial_step();
  }
  get_lr(): number[] {
    const groups = groupsOf(this.optimizer);
    return this.last_epoch > 0 ? groups.map((g, i) => g.lr * this.lr_lambdas[i](this.last_epoch)) : groups.map((g) => g.lr);
  }
  state_dict(): SchedulerStateDict { return lambdaState(this, this.lr_lambdas); }
  load_state_dict(state_dict: SchedulerStateDict): void { loadLambdaState(this, state_dict); }
}

/**
 * Multiplies the lr by gamma every step_size epochs.
 * @example new optim.lr_scheduler.StepLR(opt, 30, { gamma: 0.1 });
 */
export class StepLR extends LRScheduler {
  step_size: number;
  gamma: number;
  constructor(optimizer: AnyOptimizer, step_size: number, options: { gamma?: number; last_epoch?: number } = {}) {
    super(optimizer, options.last_epoch ?? -1);
    this.step_size = step_size;
    this.gamma = options.gamma ?? 0.1;
    this._initial_step();
  }
  get_lr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * this.gamma ** Math.floor(this.last_epoch / this.step_size));
  }
}

/**
 * Multiplies the lr by gamma at each milestone (a repeated milestone multiplies once per occurrence).
 * @example new optim.lr_scheduler.MultiStepLR(opt, [30, 80], { gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler {
  /** each milestone and how often it was given (PyTorch's Counter) */
  milestones: Record<number, number>;
  gamma: number;
  constructor(optimizer: AnyOptimizer, milestones: number[], options: { gamma?: number; last_epoch?: number } = {}) {
    super(optimizer, options.last_epoch ?? -1);
    this.milestones = {};
    for (const m of milestones) this.milestones[m] = (this.milestones[m] ?? 0) + 1;
    this.gamma = options.gamma ?? 0.1;
    this._initial_step();
  }
  get_lr(): number[] {
    const groups = groupsOf(this.optimizer);
    const count = this.milestones[this.last_epoch];
    if (count === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** count);
  }
  _get_closed_form_lr(): number[] {
    let passed = 0;
    for (const [m, c] of Object.entries(this.milestones)) if (Number(m) <= this.last_epoch) passed += c;
    return this.base_lrs.map((b) => b * this.gamma ** passed);
  }
}

/**
 * Multiplies the lr by factor until total_iters steps have passed.
 * @example new optim.lr_scheduler.ConstantLR(opt, { factor: 0.5, total_iters: 4 });
 */
export class ConstantLR extends LRScheduler {
  factor: number;
  total_iters: number;
  constructor(optimizer: AnyOptimizer, options: { factor?: number; total_iters?: number; last_epoch?: number } = {}) {
    const factor = options.factor ?? 1 / 3;
    if (factor > 1.0 || factor < 0) throw new ValueError('Constant multiplicative factor expected to be between 0 and 1.');
    super(optimizer, options.last_epoch ?? -1);
    this.factor = factor;
    this.total_iters = options.total_iters ?? 5;
    this._initial_step();
  }
  get_lr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.last_epoch === 0) return groups.map((g) => g.lr * this.factor);
    if (this.last_epoch !== this.total_iters) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1.0 / this.factor));
  }
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (this.factor + Number(this.last_epoch >= this.total_iters) * (1 - this.factor)));
  }
}

/**
 * Moves the lr's factor linearly from start_factor to end_factor over total_iters steps.
 * @example new optim.lr_scheduler.LinearLR(opt, { start_factor: 0.1, total_iters: 5 });
 */
export class LinearLR extends LRScheduler {
  start_factor: number;
  end_factor: number;
  total_iters: number;
  constructor(optimizer: AnyOptimizer, options: { start_factor?: number; end_factor?: number; total_iters?: number; last_epoch?: number } = {}) {
    const start = options.start_factor ?? 1 / 3, end = options.end_factor ?? 1.0;
    if (start > 1.0 || start <= 0) throw new ValueError('Starting multiplicative factor expected to be greater than 0 and less or equal to 1.');
    if (end > 1.0 || end < 0) throw new ValueError('Ending multiplicative factor expected to be between 0 and 1.');
    super(optimizer, options.last_epoch ?? -1);
    this.start_factor = start;
    this.end_factor = end;
    this.total_iters = options.total_iters ?? 5;
    this._initial_step();
  }
  get_lr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.last_epoch === 0) return groups.map((g) => g.lr * this.start_factor);
    if (this.last_epoch > this.total_iters) return groups.map((g) => g.lr);
    const d = this.end_factor - this.start_factor;
    return groups.map((g) => g.lr * (1.0 + d / (this.total_iters * this.start_factor + (this.last_epoch - 1) * d)));
  }
  _get_closed_form_lr(): number[] {
    const d = this.end_factor - this.start_factor;
    return this.base_lrs.map((b) => b * (this.start_factor + d * Math.min(this.total_iters, this.last_epoch) / this.total_iters));
  }
}

/**
 * Multiplies the lr by gamma every step.
 * @example new optim.lr_scheduler.ExponentialLR(opt, 0.9);
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  constructor(optimizer: AnyOptimizer, gamma: number, options: { last_epoch?: number } = {}) {
    super(optimizer, options.last_epoch ?? -1);
    this.gamma = gamma;
    this._initial_step();
  }
  get_lr(): number[] {
    const groups = groupsOf(this.optimizer);
    return this.last_epoch === 0 ? groups.map((g) => g.lr) : groups.map((g) => g.lr * this.gamma);
  }
  _get_closed_form_lr(): number[] { return this.base_lrs.map((b) => b * this.gamma ** this.last_epoch); }
}

/**
 * Decays the lr polynomially to 0 over total_iters steps.
 * @example new optim.lr_scheduler.PolynomialLR(opt, { total_iters: 10, power: 2 });
 */
export class PolynomialLR extends LRScheduler {
  total_iters: number;
  power: number;
  constructor(optimizer: AnyOptimizer, options: { total_iters?: number; power?: number; last_epoch?: number } = {}) {
    super(optimizer, options.last_epoch ?? -1);
    this.total_iters = options.total_iters ?? 5;
    this.power = options.power ?? 1.0;
    this._initial_step();
  }
  get_lr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.last_epoch === 0 || this.last_epoch > this.total_iters) return groups.map((g) => g.lr);
    const f = ((1.0 - this.last_epoch / this.total_iters) / (1.0 - (this.last_epoch - 1) / this.total_iters)) ** this.power;
    return groups.map((g) => g.lr * f);
  }
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (1.0 - Math.min(this.total_iters, this.last_epoch) / this.total_iters) ** this.power);
  }
}

/**
 * Cosine annealing from the initial lr to eta_min over T_max steps (and back up, periodically).
 * @example new optim.lr_scheduler.CosineAnnealingLR(opt, 100, { eta_min: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler {
  T_max: number;
  eta_min: number;
  constructor(optimizer: AnyOptimizer, T_max: number, options: { eta_min?: number; last_epoch?: number } = {}) {
    super(optimizer, options.last_epoch ?? -1);
    this.T_max = T_max;
    this.eta_min = options.eta_min ?? 0;
    this._initial_step();
  }
  get_lr(): number[] {
    const groups = groupsOf(this.optimizer);
    const { T_max, eta_min, last_epoch: e } = this;
    if (e === 0) return groups.map((g) => g.lr);
    if (this._step_count === 1 && e > 0) {
      return this.base_lrs.map((b) => eta_min + (b - eta_min) * (1 + Math.cos(e * Math.PI / T_max)) / 2);
    }
    if ((e - 1 - T_max) % (2 * T_max) === 0) {
      return groups.map((g, i) => g.lr + (this.base_lrs[i] - eta_min) * (1 - Math.cos(Math.PI / T_max)) / 2);
    }
    return groups.map((g) => (1 + Math.cos(Math.PI * e / T_max)) / (1 + Math.cos(Math.PI * (e - 1) / T_max)) * (g.lr - eta_min) + eta_min);
  }
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + (b - this.eta_min) * (1 + Math.cos(Math.PI * this.last_epoch / this.T_max)) / 2);
  }
}

/**
 * Cosine annealing with warm restarts every T_i steps (T_i = T_0, then × T_mult after each restart);
 * step(epoch) takes fractional epochs.
 * @example
 * const sched = new optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, 10, { T_mult: 2 });
 * for (let i = 0; i < iters; i++) sched.step(epoch + i / iters);
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T_0: number;
  T_i: number;
  T_mult: number;
  eta_min: number;
  T_cur: number;
  constructor(optimizer: AnyOptimizer, T_0: number, options: { T_mult?: number; eta_min?: number; last_epoch?: number } = {}) {
    const T_mult = options.T_mult ?? 1, eta_min = options.eta_min ?? 0, last_epoch = options.last_epoch ?? -1;
    if (T_0 <= 0 || !Number.isInteger(T_0)) throw new ValueError(`Expected positive integer T_0, but got ${T_0}`);
    if (T_mult < 1 || !Number.isInteger(T_mult)) throw new ValueError(`Expected integer T_mult >= 1, but got ${T_mult}`);
    super(optimizer, last_epoch);
    this.T_0 = T_0;
    this.T_i = T_0;
    this.T_mult = T_mult;
    this.eta_min = eta_min;
    this.T_cur = last_epoch;
    this._initial_step();
  }
  get_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + (b - this.eta_min) * (1 + Math.cos(Math.PI * this.T_cur / this.T_i)) / 2);
  }
  step(epoch?: number): void {
    if (epoch === undefined && this.last_epoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.last_epoch + 1;
      this.T_cur += 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur -= this.T_i;
        this.T_i *= this.T_mult;
      }
    } else {
      if (epoch < 0) throw new ValueError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) {
          this.T_cur = epoch % this.T_0;
        } else {
          const n = Math.trunc(Math.log(epoch / this.T_0 * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = epoch - this.T_0 * (this.T_mult ** n - 1) / (this.T_mult - 1);
          this.T_i = this.T_0 * this.T_mult ** n;
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = epoch;
      }
    }
    this.last_epoch = Math.floor(epoch);
    const groups = groupsOf(this.optimizer);
    this._get_lr_called_within_step = true;
    try {
      this.get_lr().forEach((lr, i) => { groups[i].lr = lr; });
    } finally {
      this._get_lr_called_within_step = false;
    }
    this._last_lr = groups.map((g) => g.lr);
  }
}

export interface CyclicLROptions {
  step_size_up?: number; step_size_down?: number | null;
  mode?: 'triangular' | 'triangular2' | 'exp_range'; gamma?: number;
  scale_fn?: ((x: number) => number) | null; scale_mode?: 'cycle' | 'iterations';
  cycle_momentum?: boolean; base_momentum?: number | number[]; max_momentum?: number | number[]; last_epoch?: number;
}

/** Sets a group's momentum, or its beta1 for Adam-like optimizers (betas copied, as PyTorch makes a new tuple). */
function setMomentum(g: Group, beta1: boolean, m: number): void {
  if (beta1) g.betas = [m, ...(g.betas as number[]).slice(1)];
  else g.momentum = m;
}

/** Whether the optimizer cycles beta1 (Adam-like) rather than momentum; refuses one with neither. */
function usesBeta1(optimizer: AnyOptimizer): boolean {
  const defaults = optimizer.defaults as Record<string, unknown>;
  if (!('momentum' in defaults) && !('betas' in defaults)) {
    throw new ValueError('optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
  }
  return 'betas' in defaults;
}

/**
 * Cycles the lr between base_lr and max_lr (and the momentum, or Adam's beta1, inversely), PyTorch 2's CyclicLR.
 * @example
 * const sched = new optim.lr_scheduler.CyclicLR(opt, 0.01, 0.1, { step_size_up: 2000 });
 * for (const batch of batches) { trainBatch(batch); opt.step(); sched.step(); }
 */
export class CyclicLR extends LRScheduler {
  max_lrs: number[];
  total_size: number;
  step_ratio: number;
  mode: string;
  gamma: number;
  scale_mode: string;
  cycle_momentum: boolean;
  use_beta1 = false;
  base_momentums?: number[];
  max_momentums?: number[];
  private _scale_fn_custom: ((x: number) => number) | null;

  constructor(optimizer: AnyOptimizer, base_lr: number | number[], max_lr: number | number[], options: CyclicLROptions = {}) {
    super(optimizer, null);
    const last_epoch = options.last_epoch ?? -1;
    const base_lrs = formatParam('base_lr', optimizer, base_lr);
    const groups = groupsOf(optimizer);
    if (last_epoch === -1) base_lrs.forEach((lr, i) => { groups[i].lr = lr; });
    this.max_lrs = formatParam('max_lr', optimizer, max_lr);
    const up = options.step_size_up ?? 2000;
    const down = options.step_size_down ?? up;
    this.total_size = up + down;
    this.step_ratio = up / this.total_size;
    const mode = options.mode ?? 'triangular';
    this._scale_fn_custom = options.scale_fn ?? null;
    if (!['triangular', 'triangular2', 'exp_range'].includes(mode) && this._scale_fn_custom === null) {
      throw new ValueError('mode is invalid and scale_fn is None');
    }
    Object.defineProperty(this, '_scale_fn_custom', { enumerable: false });
    this.mode = mode;
    this.gamma = options.gamma ?? 1.0;
    this.scale_mode = options.scale_mode ?? 'cycle';
    this.initScaleMode();
    this.cycle_momentum = options.cycle_momentum ?? true;
    if (this.cycle_momentum) {
      this.use_beta1 = usesBeta1(optimizer);
      const base = formatParam('base_momentum', optimizer, options.base_momentum ?? 0.8);
      const max = formatParam('max_momentum', optimizer, options.max_momentum ?? 0.9);
      this.base_momentums = base;
      this.max_momentums = max;
      if (last_epoch === -1) {
        groups.forEach((g, i) => {
          setMomentum(g, this.use_beta1, max[i]);
          g.max_momentum = max[i];
          g.base_momentum = base[i];
        });
      }
    }
    this._init_lrs(last_epoch);
    this.base_lrs = base_lrs;
    this._initial_step();
  }

  private initScaleMode(): void {
    if (this._scale_fn_custom !== null) return;
    this.scale_mode = this.mode === 'exp_range' ? 'iterations' : 'cycle';
  }

  /** The amplitude's scale at x (a cycle number or an iteration, by scale_mode). @example sched.scale_fn(2) */
  scale_fn(x: number): number {
    if (this._scale_fn_custom !== null) return this._scale_fn_custom(x);
    if (this.mode === 'triangular') return 1.0;
    if (this.mode === 'triangular2') return 1 / (2.0 ** (x - 1));
    return this.gamma ** x;
  }

  get_lr(): number[] {
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1.0 + this.last_epoch / this.total_size - cycle;
    const scale_factor = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const scale = this.scale_fn(this.scale_mode === 'cycle' ? cycle : this.last_epoch);
    const lrs = this.base_lrs.map((b, i) => b + (this.max_lrs[i] - b) * scale_factor * scale);
    if (this.cycle_momentum) {
      const groups = groupsOf(this.optimizer);
      this.base_momentums!.forEach((bm, i) => {
        const mm = this.max_momentums![i];
        setMomentum(groups[i], this.use_beta1, mm - (mm - bm) * scale_factor * scale);
      });
    }
    return lrs;
  }

  load_state_dict(state_dict: SchedulerStateDict): void {
    super.load_state_dict(state_dict);
    this.initScaleMode();
  }
}

export interface OneCycleLROptions {
  total_steps?: number | null; epochs?: number | null; steps_per_epoch?: number | null; pct_start?: number;
  anneal_strategy?: 'cos' | 'linear'; cycle_momentum?: boolean; base_momentum?: number | number[];
  max_momentum?: number | number[]; div_factor?: number; final_div_factor?: number; three_phase?: boolean; last_epoch?: number;
}

interface Phase { end_step: number; start_lr: string; end_lr: string; start_momentum: string; end_momentum: string }

/**
 * The 1cycle policy: the lr rises from max_lr/div_factor to max_lr, then anneals far below (momentum or
 * beta1 inversely), over total_steps (or epochs × steps_per_epoch) steps.
 * @example
 * const sched = new optim.lr_scheduler.OneCycleLR(opt, 0.01, { steps_per_epoch: 100, epochs: 10 });
 */
export class OneCycleLR extends LRScheduler {
  total_steps: number;
  _schedule_phases: Phase[];
  _anneal_func_type: 'cos' | 'linear';
  cycle_momentum: boolean;
  use_beta1?: boolean;

  constructor(optimizer: AnyOptimizer, max_lr: number | number[], options: OneCycleLROptions = {}) {
    super(optimizer, null);
    const { total_steps = null, epochs = null, steps_per_epoch = null } = options;
    const pct_start = options.pct_start ?? 0.3, last_epoch = options.last_epoch ?? -1;
    if (total_steps === null && epochs === null && steps_per_epoch === null) {
      throw new ValueError('You must define either total_steps OR (epochs AND steps_per_epoch)');
    } else if (total_steps !== null) {
      if (total_steps <= 0 || !Number.isInteger(total_steps)) throw new ValueError(`Expected positive integer total_steps, but got ${total_steps}`);
      this.total_steps = total_steps;
    } else {
      if (epochs === null || epochs <= 0 || !Number.isInteger(epochs)) throw new ValueError(`Expected positive integer epochs, but got ${epochs}`);
      if (steps_per_epoch === null || steps_per_epoch <= 0 || !Number.isInteger(steps_per_epoch)) {
        throw new ValueError(`Expected positive integer steps_per_epoch, but got ${steps_per_epoch}`);
      }
      this.total_steps = epochs * steps_per_epoch;
    }
    const T = this.total_steps;
    const phase = (end_step: number, start_lr: string, end_lr: string, start_momentum: string, end_momentum: string): Phase =>
      ({ end_step, start_lr, end_lr, start_momentum, end_momentum });
    this._schedule_phases = options.three_phase
      ? [
        phase(pct_start * T - 1, 'initial_lr', 'max_lr', 'max_momentum', 'base_momentum'),
        phase(2 * pct_start * T - 2, 'max_lr', 'initial_lr', 'base_momentum', 'max_momentum'),
        phase(T - 1, 'initial_lr', 'min_lr', 'max_momentum', 'max_momentum'),
      ]
      : [
        phase(pct_start * T - 1, 'initial_lr', 'max_lr', 'max_momentum', 'base_momentum'),
        phase(T - 1, 'max_lr', 'min_lr', 'base_momentum', 'max_momentum'),
      ];
    if (pct_start < 0 || pct_start > 1) throw new ValueError(`Expected float between 0 and 1 pct_start, but got ${pct_start}`);
    const strategy = options.anneal_strategy ?? 'cos';
    if (strategy !== 'cos' && strategy !== 'linear') {
      throw new ValueError(`anneal_strategy must by one of 'cos' or 'linear', instead got ${strategy}`);
    }
    this._anneal_func_type = strategy;
    const max_lrs = formatParam('max_lr', optimizer, max_lr);
    const groups = groupsOf(optimizer);
    const div = options.div_factor ?? 25.0, finalDiv = options.final_div_factor ?? 1e4;
    if (last_epoch === -1) {
      groups.forEach((g, i) => {
        g.initial_lr = max_lrs[i] / div;
        g.max_lr = max_lrs[i];
        g.min_lr = (g.initial_lr as number) / finalDiv;
      });
    }
    this.cycle_momentum = options.cycle_momentum ?? true;
    if (this.cycle_momentum) {
      const beta1 = usesBeta1(optimizer);
      this.use_beta1 = beta1;
      const maxM = formatParam('max_momentum', optimizer, options.max_momentum ?? 0.95);
      const baseM = formatParam('base_momentum', optimizer, options.base_momentum ?? 0.85);
      if (last_epoch === -1) {
        groups.forEach((g, i) => {
          setMomentum(g, beta1, maxM[i]);
          g.max_momentum = maxM[i];
          g.base_momentum = baseM[i];
        });
      }
    }
    this._init_lrs(last_epoch);
    this._initial_step();
  }

  private anneal(start: number, end: number, pct: number): number {
    return this._anneal_func_type === 'cos' ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  }

  get_lr(): number[] {
    const step = this.last_epoch;
    if (step > this.total_steps) {
      throw new ValueError(`Tried to step ${step} times. The specified number of total steps is ${this.total_steps}`);
    }
    return groupsOf(this.optimizer).map((g) => {
      let start = 0, lr = 0;
      for (let i = 0; i < this._schedule_phases.length; i++) {
        const p = this._schedule_phases[i];
        if (step <= p.end_step || i === this._schedule_phases.length - 1) {
          const pct = (step - start) / (p.end_step - start);
          lr = this.anneal(g[p.start_lr] as number, g[p.end_lr] as number, pct);
          if (this.cycle_momentum) {
            setMomentum(g, this.use_beta1!, this.anneal(g[p.start_momentum] as number, g[p.end_momentum] as number, pct));
          }
          break;
        }
        start = p.end_step;
      }
      return lr;
    });
  }
}

export interface ReduceLROnPlateauOptions {
  mode?: 'min' | 'max'; factor?: number; patience?: number; threshold?: number; threshold_mode?: 'rel' | 'abs';
  cooldown?: number; min_lr?: number | number[]; eps?: number;
}

/**
 * Reduces the lr by factor once a metric has stopped improving for patience steps.
 * @example
 * const sched = new optim.lr_scheduler.ReduceLROnPlateau(opt, { mode: 'min', patience: 5 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); sched.step(validationLoss()); }
 */
export class ReduceLROnPlateau extends LRScheduler {
  factor: number;
  min_lrs: number[];
  patience: number;
  cooldown: number;
  cooldown_counter = 0;
  mode: string;
  threshold: number;
  threshold_mode: string;
  best = Infinity;
  num_bad_epochs = 0;
  mode_worse = Infinity;
  eps: number;

  constructor(optimizer: AnyOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const factor = options.factor ?? 0.1;
    if (factor >= 1.0) throw new ValueError('Factor should be < 1.0.');
    super(optimizer, null);
    this.factor = factor;
    const n = optimizer.param_groups.length;
    const min_lr = options.min_lr ?? 0;
    if (Array.isArray(min_lr)) {
      if (min_lr.length !== n) throw new ValueError(`expected ${n} min_lrs, got ${min_lr.length}`);
      this.min_lrs = min_lr.slice();
    } else {
      this.min_lrs = Array(n).fill(min_lr);
    }
    this.patience = options.patience ?? 10;
    this.cooldown = options.cooldown ?? 0;
    this.mode = options.mode ?? 'min';
    this.threshold = options.threshold ?? 1e-4;
    this.threshold_mode = options.threshold_mode ?? 'rel';
    this.eps = options.eps ?? 1e-8;
    this.last_epoch = 0;
    this._last_lr = groupsOf(optimizer).map((g) => g.lr);
    this.initIsBetter();
    this.reset();
  }

  private reset(): void {
    this.best = this.mode_worse;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }

  /** One step with the metric's latest value (a number or a one-element tensor). @example sched.step(valLoss); */
  step(metrics?: number | Tensor, epoch?: number): void {
    const current = metrics instanceof Tensor ? Number(metrics.item()) : Number(metrics);
    this.last_epoch = epoch ?? this.last_epoch + 1;
    if (this.is_better(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else {
      this.num_bad_epochs += 1;
    }
    if (this.in_cooldown) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0; // bad epochs in cooldown do not count
    }
    if (this.num_bad_epochs > this.patience) {
      groupsOf(this.optimizer).forEach((g, i) => {
        const old = Number(g.lr);
        const lr = Math.max(old * this.factor, this.min_lrs[i]);
        if (old - lr > this.eps) g.lr = lr;
      });
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
    this._last_lr = groupsOf(this.optimizer).map((g) => g.lr);
  }

  /** Whether the scheduler is waiting out its cooldown. @example sched.in_cooldown */
  get in_cooldown(): boolean { return this.cooldown_counter > 0; }

  /** Whether metric a improves on best by the threshold. @example sched.is_better(0.5, 0.6) */
  is_better(a: number, best: number): boolean {
    if (this.mode === 'min' && this.threshold_mode === 'rel') return a < best * (1.0 - this.threshold);
    if (this.mode === 'min' && this.threshold_mode === 'abs') return a < best - this.threshold;
    if (this.mode === 'max' && this.threshold_mode === 'rel') return a > best * (this.threshold + 1.0);
    return a > best + this.threshold;
  }

  private initIsBetter(): void {
    if (this.mode !== 'min' && this.mode !== 'max') throw new ValueError(`mode ${this.mode} is unknown!`);
    if (this.threshold_mode !== 'rel' && this.threshold_mode !== 'abs') throw new ValueError(`threshold mode ${this.threshold_mode} is unknown!`);
    this.mode_worse = this.mode === 'min' ? Infinity : -Infinity;
  }

  load_state_dict(state_dict: SchedulerStateDict): void {
    super.load_state_dict(state_dict);
    this.initIsBetter();
  }
}

/** The wrapped schedulers' state dicts under `_schedulers`, as SequentialLR and ChainedScheduler save them. */
function wrapperState(s: LRScheduler, schedulers: LRScheduler[]): SchedulerStateDict {
  const out = LRScheduler.prototype.state_dict.call(s);
  delete out._schedulers;
  return { ...out, _schedulers: schedulers.map((x) => x.state_dict()) };
}

function loadWrapperState(s: LRScheduler, schedulers: LRScheduler[], state_dict: SchedulerStateDict): void {
  const { _schedulers: inner, ...rest } = state_dict;
  LRScheduler.prototype.load_state_dict.call(s, rest);
  (inner as SchedulerStateDict[]).forEach((sd, i) => schedulers[i].load_state_dict(sd));
}

/**
 * Runs schedulers one after another, switching at the milestones.
 * @example
 * const warmup = new optim.lr_scheduler.LinearLR(opt, { start_factor: 0.1, total_iters: 5 });
 * const decay = new optim.lr_scheduler.ExponentialLR(opt, 0.9);
 * const sched = new optim.lr_scheduler.SequentialLR(opt, [warmup, decay], [5]);
 */
export class SequentialLR extends LRScheduler {
  _schedulers: LRScheduler[];
  _milestones: number[];

  constructor(optimizer: AnyOptimizer, schedulers: LRScheduler[], milestones: number[], options: { last_epoch?: number } = {}) {
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new ValueError(`Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`);
      }
      if (s.optimizer !== schedulers[0].optimizer) {
        throw new ValueError(`Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different.`);
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new ValueError(`Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`);
    }
    super(optimizer, null);
    this._schedulers = schedulers;
    Object.defineProperty(this, '_schedulers', { enumerable: false });
    this._milestones = milestones.slice();
    this.last_epoch = (options.last_epoch ?? -1) + 1;
    // back to the initial lrs, the other schedulers' construction steps undone; only the first steps
    for (const g of groupsOf(optimizer)) g.lr = g.initial_lr as number;
    for (const s of schedulers) s.last_epoch -= 1;
    schedulers[0]._initial_step();
    this._last_lr = schedulers[0].get_last_lr();
  }

  step(): void {
    this.last_epoch += 1;
    let idx = 0;
    while (idx < this._milestones.length && this._milestones[idx] <= this.last_epoch) idx++;
    const s = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) s.step(0);
    else s.step();
    this._last_lr = s.get_last_lr();
  }

  state_dict(): SchedulerStateDict { return wrapperState(this, this._schedulers); }
  load_state_dict(state_dict: SchedulerStateDict): void { loadWrapperState(this, this._schedulers, state_dict); }
}

/**
 * Steps several schedulers together, each multiplying in its own change.
 * @example
 * const sched = new optim.lr_scheduler.ChainedScheduler([
 *   new optim.lr_scheduler.ConstantLR(opt, { factor: 0.1, total_iters: 2 }),
 *   new optim.lr_scheduler.ExponentialLR(opt, 0.9),
 * ]);
 */
export class ChainedScheduler extends LRScheduler {
  _schedulers: LRScheduler[];

  constructor(schedulers: LRScheduler[], optimizer?: AnyOptimizer) {
    const opt = optimizer ?? schedulers[0]?.optimizer;
    schedulers.forEach((s, i) => {
      if (s.optimizer !== opt) {
        throw new ValueError(`ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`);
      }
    });
    super(opt, null);
    this._schedulers = schedulers.slice();
    Object.defineProperty(this, '_schedulers', { enumerable: false });
    this._last_lr = groupsOf(opt).map((g) => g.lr);
  }

  step(): void {
    for (const s of this._schedulers) s.step();
    this._last_lr = groupsOf(this.optimizer).map((g) => g.lr);
  }

  state_dict(): SchedulerStateDict { return wrapperState(this, this._schedulers); }
  load_state_dict(state_dict: SchedulerStateDict): void { loadWrapperState(this, this._schedulers, state_dict); }
}
