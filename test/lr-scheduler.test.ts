// optim.lr_scheduler against real PyTorch (test/fixtures/optim.json, scripts/gen_optim_fixtures.py):
// every scheduler's lrs (and the momentum or beta1 the cyclic ones set) after construction and
// after each of 30 steps, on optimizers whose parameters live on each device; the state_dict
// after the last step; a state_dict saved halfway (with the optimizer's) and loaded into fresh
// objects continues the schedule; the constructors' errors.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, decodeNumber, type Device } from './support/torch.js';

const { optim } = torch;
const { lr_scheduler } = optim;

interface Spec {
  scheduler: string; optimizer: 'SGD' | 'Adam'; lrs: number[]; options: Record<string, unknown>;
  kwargs?: Record<string, unknown>; schedulers?: Spec[]; metrics?: number[]; epochs?: number[];
}
interface SchedulerCase { name: string; spec: Spec; lrs: number[][]; momenta?: (number | null)[][]; state_dict: Record<string, unknown> }
interface ErrorCase { name: string; type: string; message: string }
const fx = loadFixture<{ schedulers: SchedulerCase[]; scheduler_errors: ErrorCase[] }>('optim.json');

// the fixture's lambdas by their Python source
const LAMBDAS: Record<string, (e: number) => number> = {
  'lambda e: 0.95 ** e': (e) => 0.95 ** e,
  'lambda e: 1 / (e + 1)': (e) => 1 / (e + 1),
  'lambda e: 0.9': () => 0.9,
  'lambda e: 1.05 if e < 10 else 0.8': (e) => (e < 10 ? 1.05 : 0.8),
};
// the arguments PyTorch requires come before the options object
const POSITIONAL: Record<string, string[]> = {
  LambdaLR: ['lr_lambda'], MultiplicativeLR: ['lr_lambda'], StepLR: ['step_size'], MultiStepLR: ['milestones'],
  ExponentialLR: ['gamma'], CosineAnnealingLR: ['T_max'], CosineAnnealingWarmRestarts: ['T_0'],
  CyclicLR: ['base_lr', 'max_lr'], OneCycleLR: ['max_lr'], SequentialLR: ['milestones'],
};

function makeOptimizer(spec: Pick<Spec, 'optimizer' | 'lrs' | 'options'>, device: Device) {
  const groups = spec.lrs.map((lr) => ({ params: [torch.zeros(1, { device }).requires_grad_()], lr }));
  return spec.optimizer === 'SGD'
    ? new optim.SGD(groups, { lr: 0.1, ...spec.options })
    : new optim.Adam(groups, spec.options);
}

// every scheduler class, and each the fixture exercises (its class by name)
const CLASSES = [
  optim.lr_scheduler.LambdaLR, optim.lr_scheduler.MultiplicativeLR, optim.lr_scheduler.StepLR, optim.lr_scheduler.MultiStepLR,
  optim.lr_scheduler.ConstantLR, optim.lr_scheduler.LinearLR, optim.lr_scheduler.ExponentialLR, optim.lr_scheduler.PolynomialLR,
  optim.lr_scheduler.CosineAnnealingLR, optim.lr_scheduler.CosineAnnealingWarmRestarts, optim.lr_scheduler.CyclicLR,
  optim.lr_scheduler.OneCycleLR, optim.lr_scheduler.ReduceLROnPlateau, optim.lr_scheduler.SequentialLR,
  optim.lr_scheduler.ChainedScheduler,
];

type Scheduler = InstanceType<typeof lr_scheduler.LRScheduler>;
function makeScheduler(opt: InstanceType<typeof optim.Optimizer>, spec: Spec): Scheduler {
  const kw: Record<string, unknown> = { ...spec.kwargs };
  if (kw.lr_lambda !== undefined) {
    kw.lr_lambda = Array.isArray(kw.lr_lambda) ? kw.lr_lambda.map((n) => LAMBDAS[n]) : LAMBDAS[kw.lr_lambda as string];
  }
  if (typeof kw.scale_fn === 'string') kw.scale_fn = LAMBDAS[kw.scale_fn]; // CyclicLR's, named as lr_lambda
  const positional = (POSITIONAL[spec.scheduler] ?? []).map((k) => { const v = kw[k]; delete kw[k]; return v; });
  if (spec.scheduler === 'ChainedScheduler') return new lr_scheduler.ChainedScheduler(spec.schedulers!.map((s) => makeScheduler(opt, s)));
  if (spec.scheduler === 'SequentialLR') {
    return new lr_scheduler.SequentialLR(opt, spec.schedulers!.map((s) => makeScheduler(opt, s)), positional[0] as number[], kw);
  }
  const Cls = (lr_scheduler as unknown as Record<string, new (...a: unknown[]) => Scheduler>)[spec.scheduler];
  return new Cls(opt, ...positional, kw);
}

function stepOnce(sched: Scheduler, spec: Spec, i: number): void {
  if (spec.metrics) (sched as InstanceType<typeof lr_scheduler.ReduceLROnPlateau>).step(spec.metrics[i]);
  else if (spec.epochs) sched.step(spec.epochs[i]);
  else sched.step();
}

const momentaOf = (opt: InstanceType<typeof optim.Optimizer>) =>
  opt.param_groups.map((g) => (Array.isArray(g.betas) ? g.betas[0] : (g.momentum as number | undefined) ?? null));

// python floats and JS doubles: the same formulas, libm's cos/pow may differ in the last place
function expectNear(actual: unknown, expected: unknown, what: string): void {
  if (typeof expected === 'number' || (typeof expected === 'string' && ['inf', '-inf', 'nan'].includes(expected))) {
    const e = decodeNumber(expected as number | string);
    expect(typeof actual, what).toBe('number');
    if (!Number.isFinite(e)) { expect(actual, what).toBe(e); return; }
    expect(Math.abs((actual as number) - e), `${what}: ${actual} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), what).toBe(true);
    expect((actual as unknown[]).length, what).toBe(expected.length);
    expected.forEach((x, i) => expectNear((actual as unknown[])[i], x, `${what}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    // PyTorch keys that are not state in PyTorch 2 or hold callables (verbose, the scale function)
    for (const [k, v] of Object.entries(expected)) {
      if (['verbose', '_scale_fn_ref', 'anneal_func', '_scale_fn_custom'].includes(k)) continue;
      expect(actual, `${what} has ${k}`).toHaveProperty([k]);
      expectNear((actual as Record<string, unknown>)[k], v, `${what}.${k}`);
    }
  } else {
    expect(actual, what).toEqual(expected);
  }
}

describe.each(DEVICES)('optim.lr_scheduler vs PyTorch on %s', (device) => {
  it('the fixture exercises every scheduler class, each an optim.lr_scheduler.LRScheduler', () => {
    expect(new Set(fx.schedulers.map((c) => c.spec.scheduler))).toEqual(new Set(CLASSES.map((c) => c.name)));
    const opt = makeOptimizer({ optimizer: 'SGD', lrs: [0.1], options: {} }, device);
    expect(new lr_scheduler.ExponentialLR(opt, 0.5)).toBeInstanceOf(optim.lr_scheduler.LRScheduler);
    expect(new lr_scheduler.ReduceLROnPlateau(opt)).toBeInstanceOf(optim.lr_scheduler.LRScheduler);
  });

  for (const c of fx.schedulers) {
    it(`${c.name}: lrs over 30 steps and the state_dict`, () => {
      const opt = makeOptimizer(c.spec, device);
      const sched = makeScheduler(opt, c.spec);
      expectNear(sched.get_last_lr(), c.lrs[0], 'after construction');
      if (c.momenta) expectNear(momentaOf(opt), c.momenta[0], 'momentum after construction');
      for (let i = 0; i < 30; i++) {
        opt.step();
        stepOnce(sched, c.spec, i);
        expectNear(sched.get_last_lr(), c.lrs[i + 1], `step ${i + 1}`);
        expectNear(opt.param_groups.map((g) => g.lr), c.lrs[i + 1], `param_groups lr, step ${i + 1}`);
        if (c.momenta) expectNear(momentaOf(opt), c.momenta[i + 1], `momentum, step ${i + 1}`);
      }
      expectNear(sched.state_dict(), c.state_dict, 'state_dict');
    });

    it(`${c.name}: state_dict after 15 steps resumes in fresh objects`, () => {
      const opt = makeOptimizer(c.spec, device);
      const sched = makeScheduler(opt, c.spec);
      for (let i = 0; i < 15; i++) { opt.step(); stepOnce(sched, c.spec, i); }
      // through JSON: no callables, nothing shared with the live objects
      const saved = JSON.parse(JSON.stringify({ opt: opt.state_dict(), sched: sched.state_dict() }));
      const opt2 = makeOptimizer(c.spec, device);
      const sched2 = makeScheduler(opt2, c.spec);
      opt2.load_state_dict(saved.opt);
      sched2.load_state_dict(saved.sched);
      for (let i = 15; i < 30; i++) {
        opt2.step();
        stepOnce(sched2, c.spec, i);
        expectNear(sched2.get_last_lr(), c.lrs[i + 1], `resumed step ${i + 1}`);
      }
    });
  }

  it('raises PyTorch\'s errors', () => {
    const opt = (lrs = [0.1]) => makeOptimizer({ optimizer: 'SGD', lrs, options: { momentum: 0.9 } }, device);
    const calls: Record<string, () => unknown> = {
      'ConstantLR factor > 1': () => new lr_scheduler.ConstantLR(opt(), { factor: 1.5 }),
      'LinearLR start_factor 0': () => new lr_scheduler.LinearLR(opt(), { start_factor: 0 }),
      'LinearLR end_factor > 1': () => new lr_scheduler.LinearLR(opt(), { end_factor: 2 }),
      'LambdaLR lambda count': () => new lr_scheduler.LambdaLR(opt([0.1, 0.2]), [() => 1]),
      'last_epoch without initial_lr': () => new lr_scheduler.StepLR(opt(), 3, { last_epoch: 4 }),
      'CosineAnnealingWarmRestarts T_0': () => new lr_scheduler.CosineAnnealingWarmRestarts(opt(), 0),
      'CosineAnnealingWarmRestarts T_mult': () => new lr_scheduler.CosineAnnealingWarmRestarts(opt(), 2, { T_mult: 0 }),
      'CosineAnnealingWarmRestarts negative epoch': () => new lr_scheduler.CosineAnnealingWarmRestarts(opt(), 2).step(-1),
      'CyclicLR mode': () => new lr_scheduler.CyclicLR(opt(), 0.01, 0.1, { mode: 'sawtooth' as 'triangular', cycle_momentum: false }),
      'CyclicLR base_lr count': () => new lr_scheduler.CyclicLR(opt(), [0.01, 0.02], 0.1, { cycle_momentum: false }),
      'OneCycleLR no total': () => new lr_scheduler.OneCycleLR(opt(), 0.1),
      'OneCycleLR total_steps': () => new lr_scheduler.OneCycleLR(opt(), 0.1, { total_steps: 0 }),
      'OneCycleLR epochs': () => new lr_scheduler.OneCycleLR(opt(), 0.1, { epochs: -1, steps_per_epoch: 3 }),
      'OneCycleLR pct_start': () => new lr_scheduler.OneCycleLR(opt(), 0.1, { total_steps: 10, pct_start: 1.5 }),
      'OneCycleLR anneal_strategy': () => new lr_scheduler.OneCycleLR(opt(), 0.1, { total_steps: 10, anneal_strategy: 'cosine' as 'cos' }),
      'OneCycleLR past total_steps': () => {
        const s = new lr_scheduler.OneCycleLR(opt(), 0.1, { total_steps: 3 });
        for (let i = 0; i < 4; i++) s.step();
      },
      'ReduceLROnPlateau factor': () => new lr_scheduler.ReduceLROnPlateau(opt(), { factor: 1.0 }),
      'ReduceLROnPlateau mode': () => new lr_scheduler.ReduceLROnPlateau(opt(), { mode: 'median' as 'min' }),
      'ReduceLROnPlateau threshold_mode': () => new lr_scheduler.ReduceLROnPlateau(opt(), { threshold_mode: 'pct' as 'rel' }),
      'ReduceLROnPlateau min_lr count': () => new lr_scheduler.ReduceLROnPlateau(opt(), { min_lr: [0, 0] }),
      'SequentialLR milestones': () => {
        const o = opt();
        return new lr_scheduler.SequentialLR(o, [new lr_scheduler.ConstantLR(o), new lr_scheduler.ExponentialLR(o, 0.9)], [1, 2]);
      },
      'SequentialLR other optimizer': () => {
        const o = opt(), p = opt();
        return new lr_scheduler.SequentialLR(o, [new lr_scheduler.ConstantLR(o), new lr_scheduler.ExponentialLR(p, 0.9)], [2]);
      },
      'ChainedScheduler other optimizer': () => {
        const o = opt(), p = opt();
        return new lr_scheduler.ChainedScheduler([new lr_scheduler.ConstantLR(o), new lr_scheduler.ExponentialLR(p, 0.9)]);
      },
      'not an optimizer': () => new lr_scheduler.StepLR({} as InstanceType<typeof optim.Optimizer>, 3),
    };
    expect(Object.keys(calls).sort()).toEqual(fx.scheduler_errors.map((e) => e.name).sort());
    for (const e of fx.scheduler_errors) {
      let thrown: unknown = null;
      try { calls[e.name](); } catch (err) { thrown = err; }
      expect(thrown, e.name).toBeInstanceOf(torch[e.type as 'ValueError']);
      // Python's KeyError prints its message quoted
      const message = e.type === 'KeyError' ? e.message.slice(1, -1) : e.message;
      expect((thrown as Error).message, e.name).toBe(message);
    }
  });

  it('cycles Adam\'s beta1 in CyclicLR (PyTorch 2) and leaves beta2', () => {
    const opt = makeOptimizer({ optimizer: 'Adam', lrs: [0.001], options: { betas: [0.9, 0.99] } }, device);
    const sched = new lr_scheduler.CyclicLR(opt, 0.001, 0.01, { step_size_up: 2, base_momentum: 0.8, max_momentum: 0.9 });
    const sgd = makeOptimizer({ optimizer: 'SGD', lrs: [0.001], options: { momentum: 0.9 } }, device);
    const ref = new lr_scheduler.CyclicLR(sgd, 0.001, 0.01, { step_size_up: 2, base_momentum: 0.8, max_momentum: 0.9 });
    for (let i = 0; i < 5; i++) {
      sched.step();
      ref.step();
      expect(opt.param_groups[0].betas).toEqual([sgd.param_groups[0].momentum, 0.99]);
      expect(sched.get_last_lr()).toEqual(ref.get_last_lr());
    }
  });
});
