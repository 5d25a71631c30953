// The Optimizer API against real PyTorch (test/fixtures/optim.json, scripts/gen_optim_fixtures.py):
// SGD and Adam given parameter groups with their own options, 10 steps in float32 and float64, the
// lr of group 0 changed through param_groups after step 5 (as a scheduler does); state_dict() after
// step 3 in PyTorch's structure; PyTorch's state_dict loaded here resumes its training; step(closure),
// add_param_group, zero_grad({ set_to_none }) and the errors PyTorch raises, on both devices.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture, type Device } from './support/torch.js';

const F = torch.nn.functional;
const { optim } = torch;

type Encoded = number | boolean | null | number[] | { tensor: TensorFixture };
interface StateDict { state: Record<string, Record<string, Encoded>>; param_groups: Array<Record<string, Encoded> & { params: number[] }> }
interface GroupCase {
  name: string; dtype: 'float32' | 'float64';
  optimizer: 'SGD' | 'Adam' | 'AdamW' | 'Adagrad' | 'RMSprop' | 'NAdam' | 'RAdam' | 'Adamax' | 'Adadelta' | 'ASGD' | 'Rprop';
  groups: Array<Record<string, unknown> & { params: number[]; add?: boolean }>; defaults: Record<string, unknown>;
  init: TensorFixture[]; x: TensorFixture; y: TensorFixture; losses: number[]; params: TensorFixture[][];
  state_dict_after_3: StateDict;
}
interface ErrorFixture { type: string; message: string }
const fx = loadFixture<{ groups: GroupCase[]; errors: Record<string, ErrorFixture> }>('optim.json');

const tol = { rtol: 2e-5, atol: 2e-6 }; // float32; expectClose tightens it a millionfold for float64

function setup(c: GroupCase, device: Device, init: TensorFixture[] = c.init) {
  const params = init.map((t) => fromFixture(t, device, true));
  const x = fromFixture(c.x, device, false), y = fromFixture(c.y, device, false);
  const [w0, b0, w2, b2] = params;
  const loss = () => F.mse_loss(F.linear(F.relu(F.linear(x, w0, b0)), w2, b2), y);
  const groups = c.groups.map(({ params: idx, add: _add, ...options }) => ({ ...options, params: idx.map((i) => params[i]) }));
  const options = { foreach: false, ...c.defaults }; // a case may pass foreach: true
  const opt = new (optim[c.optimizer] as new (params: torch.optim.Params, options: object) => torch.optim.Optimizer<{ lr: number }>)(
    groups.filter((_, i) => !c.groups[i].add), options);
  // a group marked add joins through add_param_group right after construction, as in the generator
  groups.forEach((g, i) => { if (c.groups[i].add) opt.add_param_group(g); });
  return { params, loss, opt };
}

/** Steps from..to-1 of the fixture's schedule (group 0's lr × 0.1 before step index 5), checking the parameters. */
function train(c: GroupCase, s: ReturnType<typeof setup>, from: number, to = 10): void {
  for (let step = from; step < to; step++) {
    if (step === 5) s.opt.param_groups[0].lr *= 0.1;
    s.opt.zero_grad();
    const l = s.loss();
    l.backward();
    s.opt.step();
    expect(Math.abs(l.item() - c.losses[step])).toBeLessThanOrEqual(c.dtype === 'float64' ? 1e-12 : 1e-6 + 1e-5 * Math.abs(c.losses[step]));
    s.params.forEach((p, i) => expectClose(p, c.params[step][i], tol, `step ${step + 1} param ${i}`));
  }
}

/**
 * A fixture state_dict as load_state_dict takes it: tensors decoded on the device; with `zeroDim`,
 * the scalars PyTorch 2 holds as float32 0-dim tensors (step, NAdam's mu_product, ASGD's eta and mu) as such.
 */
function decodeStateDict(sd: StateDict, device: Device, zeroDim = false): torch.optim.OptimizerStateDict {
  const dec = (v: Encoded, name: string) => (v !== null && typeof v === 'object' && 'tensor' in v ? fromFixture(v.tensor, device, false)
    : zeroDim && typeof v === 'number' && ['step', 'mu_product', 'eta', 'mu'].includes(name) ? torch.tensor(v, { device }) : v);
  return {
    state: Object.fromEntries(Object.entries(sd.state).map(([k, s]) => [Number(k), Object.fromEntries(Object.entries(s).map(([n, v]) => [n, dec(v, n)]))])),
    param_groups: sd.param_groups.map((g) => ({ ...g })),
  } as torch.optim.OptimizerStateDict;
}

describe.each(DEVICES)('optim parameter groups and state dicts vs PyTorch on %s', (device) => {
  for (const c of fx.groups) {
    it(`${c.name} ${c.dtype}: 10 steps, lr changed through param_groups`, () => {
      train(c, setup(c, device), 0);
    });

    it(`${c.name} ${c.dtype}: state_dict after 3 steps has PyTorch's structure and values`, () => {
      const s = setup(c, device);
      train(c, s, 0, 3);
      const sd = s.opt.state_dict();
      const expected = c.state_dict_after_3;
      expect(sd.param_groups.map((g) => g.params)).toEqual(expected.param_groups.map((g) => g.params));
      sd.param_groups.forEach((g, i) => {
        // every PyTorch key with its value, but `fused`: PyTorch 2 has it on SGD too, None by default;
        // PyTorch 2 adds `differentiable`, `fused` and `capturable` to optimizers whose 1.13 lacked them
        for (const [k, v] of Object.entries(expected.param_groups[i])) if (k !== 'fused') expect(g[k], `group ${i} ${k}`).toEqual(v);
        const added = Object.keys(g).filter((k) => !(k in expected.param_groups[i]));
        expect(added.filter((k) => !['fused', 'differentiable', 'capturable'].includes(k))).toEqual([]);
      });
      // PyTorch 2's SGD keeps no state for a group without momentum (1.13 stored momentum_buffer None)
      const state = Object.entries(expected.state)
        .map(([k, st]) => [k, Object.fromEntries(Object.entries(st).filter(([, v]) => v !== null))] as const)
        .filter(([, st]) => Object.keys(st).length > 0);
      expect(Object.keys(sd.state).sort()).toEqual(state.map(([k]) => k).sort());
      for (const [k, st] of state) {
        const mine = sd.state[Number(k)];
        expect(Object.keys(mine).sort(), `state ${k}`).toEqual(Object.keys(st).sort());
        for (const [name, v] of Object.entries(st)) {
          if (v !== null && typeof v === 'object' && 'tensor' in v) expectClose(mine[name] as torch.Tensor, v.tensor, tol, `state ${k} ${name}`);
          else expect(mine[name], `state ${k} ${name}`).toBe(v);
        }
      }
    });

    it(`${c.name} ${c.dtype}: PyTorch's state_dict loaded here resumes the training`, () => {
      const s = setup(c, device, c.params[2]);
      s.opt.load_state_dict(decodeStateDict(c.state_dict_after_3, device));
      train(c, s, 3);
      // and this optimizer's own state_dict round-trips into a fresh one
      const again = setup(c, device, c.params[2]);
      again.opt.load_state_dict(decodeStateDict(c.state_dict_after_3, device));
      const fresh = setup(c, device, c.params[2]);
      fresh.opt.load_state_dict(again.opt.state_dict());
      train(c, fresh, 3);
    });

    it(`${c.name} ${c.dtype}: PyTorch 2's 0-dim tensor scalars in a state_dict load as numbers`, () => {
      const s = setup(c, device, c.params[2]);
      s.opt.load_state_dict(decodeStateDict(c.state_dict_after_3, device, true));
      for (const st of s.opt.state.values()) for (const k of ['step', 'mu_product', 'eta', 'mu']) if (k in st) expect(typeof st[k], k).toBe('number');
      train(c, s, 3);
    });
  }

  it('step(closure) runs the closure with gradients on and returns its loss', () => {
    const c = fx.groups[0];
    const s = setup(c, device);
    const loss = torch.no_grad(() => s.opt.step(() => { s.opt.zero_grad(); const l = s.loss(); l.backward(); return l; }));
    expect(Math.abs(loss!.item() - c.losses[0])).toBeLessThanOrEqual(1e-6);
    s.params.forEach((p, i) => expectClose(p, c.params[0][i], tol, `param ${i}`));
    expect(s.opt.step()).toBeUndefined();
  });

  it('add_param_group fills the defaults; zero_grad({ set_to_none: false }) zeroes in place', () => {
    const a = torch.ones(2, { device }).requires_grad_(), b = torch.ones(3, { device }).requires_grad_();
    const opt = new optim.SGD([a], { lr: 0.1, momentum: 0.9 });
    opt.add_param_group({ params: b, lr: 0.5 });
    expect(opt.param_groups[1]).toMatchObject({ lr: 0.5, momentum: 0.9, dampening: 0, nesterov: false });
    expect(opt.param_groups[1].params).toEqual([b]);
    a.sum().backward();
    const g = a.grad!;
    opt.zero_grad({ set_to_none: false });
    expect(a.grad!.tolist()).toEqual([0, 0]);
    expect(g.tolist()).toEqual([0, 0]);
    opt.zero_grad();
    expect(a.grad).toBeNull();
    expect(new optim.SGD([a]).defaults.lr).toBe(1e-3); // PyTorch 2's default
  });

  it('raises PyTorch\'s errors', () => {
    const a = torch.zeros(2, { device }).requires_grad_(), b = torch.zeros(3, { device }).requires_grad_();
    const c = torch.zeros(1, { device }).requires_grad_();
    const sgd = (params: torch.optim.Params, o: torch.optim.SGDOptions = {}) => new optim.SGD(params, { lr: 0.1, ...o });
    const two = () => sgd([{ params: [a] }, { params: [b, c] }]);
    const calls: Record<string, () => unknown> = {
      'duplicate across groups': () => sgd([{ params: [a, b] }, { params: [b] }]),
      'add_param_group duplicate': () => two().add_param_group({ params: [c] }),
      empty: () => sgd([]),
      'a tensor': () => sgd(a as unknown as torch.Tensor[]),
      'non-leaf': () => sgd([a.mul(2)]),
      'not a tensor': () => sgd([a, 3 as unknown as torch.Tensor]),
      'a set': () => sgd([{ params: new Set([a]) }]),
      'load: group count': () => sgd([a, b, c]).load_state_dict(two().state_dict()),
      'load: group size': () => sgd([{ params: [a, b] }, { params: [c] }]).load_state_dict(two().state_dict()),
      'SGD lr': () => new optim.SGD([a], { lr: -0.5 }),
      'SGD momentum': () => new optim.SGD([a], { lr: 0.1, momentum: -1 }),
      'SGD weight_decay': () => new optim.SGD([a], { lr: 0.1, weight_decay: -0.25 }),
      'SGD nesterov': () => new optim.SGD([a], { lr: 0.1, nesterov: true }),
      'Adam eps': () => new optim.Adam([a], { eps: -1e-3 }),
      'Adam beta1': () => new optim.Adam([a], { betas: [1.0, 0.9] }),
      'Adam beta2': () => new optim.Adam([a], { betas: [0.9, -0.5] }),
      'AdamW lr': () => new optim.AdamW([a], { lr: -0.01 }),
      'Adagrad lr_decay': () => new optim.Adagrad([a], { lr_decay: -0.5 }),
      'Adagrad initial_accumulator_value': () => new optim.Adagrad([a], { initial_accumulator_value: -1.5 }),
      'Adagrad eps': () => new optim.Adagrad([a], { eps: -0.5 }),
      'RMSprop alpha': () => new optim.RMSprop([a], { alpha: -0.25 }),
      'RMSprop momentum': () => new optim.RMSprop([a], { momentum: -0.5 }),
      'NAdam lr': () => new optim.NAdam([a], { lr: -1 }),
      'NAdam momentum_decay': () => new optim.NAdam([a], { momentum_decay: -0.5 }),
      'NAdam beta2': () => new optim.NAdam([a], { betas: [0.9, 1.0] }),
      'RAdam weight_decay': () => new optim.RAdam([a], { weight_decay: -0.1 }),
      'RAdam eps': () => new optim.RAdam([a], { eps: -1e-8 }),
      'Adamax beta1': () => new optim.Adamax([a], { betas: [-0.1, 0.9] }),
      'Adamax lr': () => new optim.Adamax([a], { lr: -2e-3 }),
      'Adadelta rho': () => new optim.Adadelta([a], { rho: 1.5 }),
      'Adadelta eps': () => new optim.Adadelta([a], { eps: -1 }),
      'Adadelta weight_decay': () => new optim.Adadelta([a], { weight_decay: -2 }),
      'ASGD lr': () => new optim.ASGD([a], { lr: -0.5 }),
      'ASGD lambd': () => new optim.ASGD([a], { lambd: -1 }),
      'ASGD alpha': () => new optim.ASGD([a], { alpha: -0.75 }),
      'ASGD weight_decay': () => new optim.ASGD([a], { weight_decay: -0.5 }),
      'Rprop lr': () => new optim.Rprop([a], { lr: -0.01 }),
      'Rprop etas': () => new optim.Rprop([a], { etas: [0.5, 0.9] }),
      'Rprop etaminus': () => new optim.Rprop([a], { etas: [1.0, 1.2] }),
      'LBFGS lr': () => new optim.LBFGS([a], { lr: -1 }),
      'LBFGS groups': () => new optim.LBFGS([{ params: [a] }, { params: [b] }]),
      'LBFGS no closure': () => new optim.LBFGS([a]).step(),
      'LBFGS line_search_fn': () => {
        const opt = new optim.LBFGS([a], { line_search_fn: 'wolfe' as 'strong_wolfe' });
        opt.step(() => { opt.zero_grad(); const l = a.sub(1).pow(2).sum(); l.backward(); return l; });
      },
    };
    expect(Object.keys(calls).sort()).toEqual(Object.keys(fx.errors).sort());
    for (const [name, e] of Object.entries(fx.errors)) {
      let thrown: unknown = null;
      try { calls[name](); } catch (err) { thrown = err; }
      expect(thrown, name).toBeInstanceOf(torch[e.type as 'ValueError']);
      expect((thrown as Error).message, name).toBe(e.message);
    }
  });
});
