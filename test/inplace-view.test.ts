// In-place ops on a view of a tensor that requires grad, against PyTorch
// (fixtures/inplace_view.json, from scripts/gen_inplace_view_fixtures.py): the values written
// through to the base, the nodes, the base's first and second derivatives, and PyTorch's
// errors. The ops are the in-place forms whose derivative reads the input they overwrite
// (PyTorch's original self: a recorded clone, src/ops/inplace.ts keepOriginalSelf) or their
// result. Each scenario is the generator's program of the same name, on both devices.

import { describe } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('inplace_view.json').scenarios;
const F = torch.nn.functional;
type T = torch.Tensor;

/** The generator's OPS: the in-place op on view v (c: a constant of v's shape). */
const OPS: Record<string, (v: T, c: T) => T> = {
  hardtanh_: (v) => F.hardtanh_(v, -0.5, 0.8),
  threshold_: (v) => F.threshold_(v, 0.1, 20.0),
  relu_: (v) => F.relu_(v),
  relu6: (v) => F.relu6(v, true),
  leaky_relu_: (v) => F.leaky_relu_(v, 0.2),
  rrelu_: (v) => F.rrelu_(v, 0.25, 0.25, true),
  elu_: (v) => F.elu_(v),
  celu_: (v) => F.celu_(v, 1.5),
  selu_: (v) => F.selu_(v),
  hardsigmoid: (v) => F.hardsigmoid(v, true),
  hardswish: (v) => F.hardswish(v, true),
  silu: (v) => F.silu(v, true),
  mish: (v) => F.mish(v, true),
  clamp_: (v) => v.clamp_(-0.5, 0.5),
  clamp_min_: (v) => v.clamp_min_(0.1),
  clamp_max_: (v) => v.clamp_max_(0.1),
  pow_: (v) => v.pow_(2),
  abs_: (v) => v.abs_(),
  sin_: (v) => v.sin_(),
  erf_: (v) => v.erf_(),
  exp_: (v) => v.exp_(),
  tanh_: (v) => v.tanh_(),
  sigmoid_: (v) => v.sigmoid_(),
  div_: (v, c) => v.div_(c),
  mul_: (v, c) => v.mul_(c),
  lerp_: (v, c) => v.lerp_(c, 0.3),
  addcmul_: (v, c) => v.addcmul_(v.detach().mul(0).add(c), c),
};

/** The generator's VIEWS. */
const VIEWS: Record<string, (x: T) => T> = {
  select: (x) => x.select(0, 0),
  narrow: (x) => x.narrow(1, 1, 2),
  'step slice': (x) => x.index([':', '::2']),
  t: (x) => x.t(),
  diagonal: (x) => x.diagonal(),
};

const nodeName = (t: T): string | null => t.grad_fn?.name() ?? null;

const programs: Record<string, Program> = {
  mul_by_own_detached_view: (input) => {
    const a = input('a').requires_grad_(), w = input('w');
    const x = a.clone(), v = x.select(0, 0);
    v.mul_(v.detach());
    x.mul(w).sum().backward();
    return {};
  },
  leaky_relu_negative_slope_on_view: (input) => {
    const a = input('a').requires_grad_(), w = input('w');
    const x = a.clone();
    F.leaky_relu_(x.select(0, 0), -0.2);
    x.mul(w).sum().backward();
    return {};
  },
  hardtanh_on_view_of_leaf: (input) => {
    const a = input('a').requires_grad_();
    F.hardtanh_(a.select(0, 0));
    return {};
  },
  two_writes_through_one_view: (input) => {
    const a = input('a').requires_grad_(), w = input('w');
    const x = a.clone(), v = x.narrow(1, 1, 2);
    F.hardtanh_(v, -0.5, 0.8);
    v.clamp_(-0.3, 0.6);
    x.mul(w).sum().backward();
    return { x, a_grad: a.grad };
  },
};
for (const [op, f] of Object.entries(OPS)) {
  for (const [viewName, view] of Object.entries(VIEWS)) {
    programs[`${op}/${viewName}`] = (input) => {
      const a = input('a').requires_grad_(), w = input('w');
      const x = a.clone(), v = view(x), r = f(v, input('c'));
      const out: Record<string, unknown> = { x, v, same: r === v, version: x._version, v_grad_fn: nodeName(v), x_grad_fn: nodeName(x) };
      x.mul(w).sum().backward();
      out.a_grad = a.grad;
      return out;
    };
  }
  if (op === 'hardsigmoid') continue; // the generator's exception
  programs[`${op}/narrow/create_graph`] = (input) => {
    const a = input('a').requires_grad_(), w = input('w'), u = input('u');
    const x = a.clone();
    f(VIEWS.narrow(x), input('c'));
    const [g] = torch.autograd.grad(x.mul(x).mul(w).sum(), a, { create_graph: true }) as T[];
    const [gg] = torch.autograd.grad(g.mul(u).sum(), a) as T[];
    return { g, gg };
  };
}

describe.each(DEVICES)('in-place ops on views vs PyTorch on %s', (device) => {
  scenarioTests(S, programs, device);
});
