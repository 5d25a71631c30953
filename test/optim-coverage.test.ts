// Issue 8, must-show 1, section 3 as a checklist: each optimizer with each of its PyTorch 2 options
// (10 steps), each lr_scheduler with each of its arguments (lr over 30 steps) and torch.utils.data's
// DataLoader options, random_split and Subset need a committed PyTorch fixture case setting the
// option to a non-default value, in a fixture list its test file runs on both devices.
// (test/functional-coverage.test.ts does torch.nn.functional.)

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadFixture } from './support/torch.js';

/**
 * An option is `name!=default` (a case sets any other value) or `name` (a case sets it at all);
 * `groups` is two or more parameter groups.
 */
export const OPTIMIZERS: Record<string, string[]> = {
  SGD: ['lr', 'momentum!=0', 'dampening!=0', 'weight_decay!=0', 'nesterov!=false', 'maximize!=false', 'foreach!=false', 'groups'],
  Adam: ['lr', 'betas', 'eps!=1e-8', 'weight_decay!=0', 'amsgrad!=false', 'maximize!=false', 'foreach!=false', 'groups'],
  AdamW: ['lr', 'betas', 'eps!=1e-8', 'weight_decay!=0.01', 'amsgrad!=false', 'maximize!=false', 'foreach!=false', 'groups'],
  RMSprop: ['lr', 'alpha!=0.99', 'eps!=1e-8', 'weight_decay!=0', 'momentum!=0', 'centered!=false', 'maximize!=false', 'foreach!=false', 'groups'],
  Adagrad: ['lr', 'lr_decay!=0', 'weight_decay!=0', 'initial_accumulator_value!=0', 'eps!=1e-10', 'maximize!=false', 'foreach!=false', 'groups'],
  Adadelta: ['lr', 'rho!=0.9', 'eps!=1e-6', 'weight_decay!=0', 'maximize!=false', 'foreach!=false', 'groups'],
  Adamax: ['lr', 'betas', 'eps!=1e-8', 'weight_decay!=0', 'maximize!=false', 'foreach!=false', 'groups'],
  NAdam: ['lr', 'betas', 'eps!=1e-8', 'weight_decay!=0', 'momentum_decay!=0.004', 'decoupled_weight_decay!=false', 'maximize!=false', 'foreach!=false', 'groups'],
  RAdam: ['lr', 'betas', 'eps!=1e-8', 'weight_decay!=0', 'decoupled_weight_decay!=false', 'maximize!=false', 'foreach!=false', 'groups'],
  ASGD: ['lr', 'lambd!=0.0001', 'alpha!=0.75', 't0!=1000000', 'weight_decay!=0', 'maximize!=false', 'foreach!=false', 'groups'],
  Rprop: ['lr', 'etas', 'step_sizes', 'maximize!=false', 'foreach!=false', 'groups'],
  LBFGS: ['lr', 'max_iter', 'max_eval', 'tolerance_grad', 'tolerance_change', 'history_size', "line_search_fn!=null"],
};

export const SCHEDULERS: Record<string, string[]> = {
  LambdaLR: ['lr_lambda', 'per group'],
  MultiplicativeLR: ['lr_lambda'],
  StepLR: ['step_size', 'gamma!=0.1'],
  MultiStepLR: ['milestones', 'gamma!=0.1'],
  ConstantLR: ['factor', 'total_iters'],
  LinearLR: ['start_factor', 'end_factor', 'total_iters'],
  ExponentialLR: ['gamma'],
  PolynomialLR: ['total_iters', 'power'],
  CosineAnnealingLR: ['T_max', 'eta_min'],
  CosineAnnealingWarmRestarts: ['T_0', 'T_mult', 'eta_min', 'epochs'],
  CyclicLR: ['base_lr', 'max_lr', 'step_size_up', 'step_size_down', "mode!='triangular'", 'gamma', 'cycle_momentum!=true',
    'base_momentum', 'max_momentum', 'scale_fn', "scale_mode!='cycle'", 'per group'],
  OneCycleLR: ['max_lr', 'total_steps', 'epochs', 'steps_per_epoch', 'pct_start', "anneal_strategy!='cos'", 'cycle_momentum!=true',
    'base_momentum', 'max_momentum', 'div_factor', 'final_div_factor', 'three_phase!=false', 'per group'],
  ReduceLROnPlateau: ["mode!='min'", 'factor', 'patience', 'threshold', "threshold_mode!='rel'", 'cooldown', 'min_lr', 'eps', 'per group'],
  SequentialLR: ['milestones', 'schedulers'],
  ChainedScheduler: ['schedulers'],
};

/** DataLoader's options in data.json's loaders; random_split and Subset in its splits. */
export const DATA: string[] = ['batch_size', 'batch_size!=null', 'shuffle!=false', 'generator', 'drop_last!=false', 'collate_fn', 'random_split', 'Subset'];

type Options = Record<string, unknown>;
const same = (a: unknown, b: string) => JSON.stringify(a) === b || String(a) === b || (b === 'null' && a === null);

/** Whether options set option (`name`, or `name!=default` with another value). */
export function sets(options: Options, option: string): boolean {
  const [name, dflt] = option.split('!=');
  if (!(name in options)) return false;
  return dflt === undefined || !same(options[name], dflt.replace(/^'(.*)'$/, '"$1"'));
}

interface GroupCase { name: string; optimizer: string; groups: Options[]; defaults: Options; losses: number[] }
interface LbfgsCase { name: string; options: Options; losses: number[] }
interface SchedulerCase { name: string; spec: { scheduler: string; kwargs?: Options; lrs: number[]; epochs?: number[]; schedulers?: unknown[] }; lrs: number[][] }
const optim = loadFixture<{ groups: GroupCase[]; lbfgs: LbfgsCase[]; schedulers: SchedulerCase[] }>('optim.json');
const data = loadFixture<{ loaders: { name: string; kwargs: Options }[]; splits: { name: string }[] }>('data.json');

/** The options a group case trains with: its defaults and every group's own. */
function optionsOf(c: GroupCase): Options[] {
  return c.groups.map(({ params: _params, add: _add, ...own }) => ({ ...c.defaults, ...own }));
}

const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

/** Whether test/<file> loads the fixture and runs the list's cases on both devices. */
function runsOnBothDevices(file: string, fixture: string, pattern: RegExp): boolean {
  const text = source(file);
  return text.includes(`'${fixture}'`) && pattern.test(text) && text.includes('describe.each(DEVICES)');
}

describe('issue 8 section 3: every optimizer option, scheduler argument and data option has a PyTorch fixture case run on both devices', () => {
  for (const [name, options] of Object.entries(OPTIMIZERS)) {
    for (const option of options) {
      it(`${name} ${option}`, () => {
        const found = name === 'LBFGS'
          ? optim.lbfgs.filter((c) => sets(c.options, option)).map((c) => ({ name: c.name, steps: c.losses.length }))
          : optim.groups.filter((c) => c.optimizer === name && (option === 'groups' ? c.groups.length >= 2 : optionsOf(c).some((o) => sets(o, option))))
            .map((c) => ({ name: c.name, steps: c.losses.length }));
        expect(found.map((f) => f.name), `no fixture case sets ${name}'s ${option}`).not.toEqual([]);
        // LBFGS steps until its own tolerances stop it; the rest take the fixture's 10 steps
        if (name !== 'LBFGS') expect(found.every((f) => f.steps === 10)).toBe(true);
        expect(name === 'LBFGS' ? runsOnBothDevices('optim-lbfgs.test.ts', 'optim.json', /\.lbfgs\b/)
          : runsOnBothDevices('optim-groups.test.ts', 'optim.json', /for \(const c of fixture\.groups\)|\.groups\b/)).toBe(true);
      });
    }
  }

  it('param groups: add_param_group, state_dict and load_state_dict are exercised by optim-groups.test.ts on both devices', () => {
    // a PyTorch case whose second group joins through add_param_group
    expect(optim.groups.filter((c) => c.groups.some((g) => g.add)).map((c) => c.optimizer)).toContain('SGD');
    const text = source('optim-groups.test.ts');
    for (const call of ['add_param_group(', 'state_dict()', 'load_state_dict(']) expect(text, call).toContain(call);
  });

  for (const [name, options] of Object.entries(SCHEDULERS)) {
    for (const option of options) {
      it(`${name} ${option} over 30 steps`, () => {
        const mine = optim.schedulers.filter((c) => c.spec.scheduler === name);
        const found = mine.filter((c) => option === 'per group' ? c.spec.lrs.length >= 2
          : option === 'epochs' && name === 'CosineAnnealingWarmRestarts' ? c.spec.epochs !== undefined
            : option === 'schedulers' ? (c.spec.schedulers?.length ?? 0) >= 2 : sets(c.spec.kwargs ?? {}, option));
        expect(found.map((c) => c.name), `no fixture case sets ${name}'s ${option}`).not.toEqual([]);
        expect(found.every((c) => c.lrs.length === 31), 'the lr after construction and after each of 30 steps').toBe(true);
        expect(runsOnBothDevices('lr-scheduler.test.ts', 'optim.json', /fx\.schedulers\b|\.schedulers\b/)).toBe(true);
      });
    }
  }

  it('the scheduler test checks get_last_lr and the state dicts', () => {
    const text = source('lr-scheduler.test.ts');
    for (const call of ['get_last_lr()', 'state_dict()', 'load_state_dict(']) expect(text, call).toContain(call);
  });

  for (const option of DATA) {
    it(`torch.utils.data ${option}`, () => {
      const text = source('data.test.ts');
      if (option === 'random_split' || option === 'Subset') {
        expect(data.splits.length).toBeGreaterThan(0);
        expect(text).toMatch(option === 'Subset' ? /random_split[\s\S]*Subset|Subset[\s\S]*fixture\.splits/ : /fixture\.splits[\s\S]*random_split/);
      } else if (option === 'collate_fn') {
        // a custom collate_fn over a fixture loader's PyTorch batches
        expect(text).toMatch(/fixture\.loaders\.find[\s\S]{0,300}collate_fn:/);
      } else {
        expect(data.loaders.filter((c) => sets(c.kwargs, option)).map((c) => c.name), `no loader sets ${option}`).not.toEqual([]);
      }
      expect(runsOnBothDevices('data.test.ts', 'data.json', /fixture\.loaders\b/)).toBe(true);
    });
  }
});
