// Programs that differentiate a gradient, against PyTorch (fixtures/create_graph.json, from
// scripts/gen_create_graph_fixtures.py, which runs the same programs under the same names): a
// WGAN-GP gradient penalty through an MLP with cross_entropy, a Hessian-vector product, a MAML
// step, the fourth derivative of tanh, a hook under create_graph, and backward(create_graph=True)
// accumulating into .grad. Both devices.

import { describe } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';
import { tolerances } from './support/tolerances.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('create_graph.json').scenarios;
const F = torch.nn.functional;
type T = torch.Tensor;

/** The 4-8-3 MLP's parameters the generator drew, requiring grad. */
const mlp = (input: (name: string) => T): T[] => ['w1', 'b1', 'w2', 'b2'].map((n) => input(n).requires_grad_());
const forward = ([w1, b1, w2, b2]: T[], x: T): T => F.linear(F.relu(F.linear(x, w1, b1)), w2, b2);
const dot = (gs: (T | null)[], vs: T[]): T => gs.reduce<T>((acc, g, k) => acc.add(g!.mul(vs[k]).sum()), torch.zeros([], { device: vs[0].device }));

const programs: Record<string, Program> = {
  gradient_penalty: (input) => {
    const ps = mlp(input);
    const x = input('x').requires_grad_();
    const loss = F.cross_entropy(forward(ps, x), input('y'));
    const [gx] = torch.autograd.grad(loss, [x], { create_graph: true });
    const penalty = gx!.pow(2).sum(1).sqrt().sub(1).pow(2).mean();
    return { penalty, grads: torch.autograd.grad(penalty, ps), gx_grad_fn: gx!.grad_fn!.name() };
  },
  hessian_vector_product: (input) => {
    const ps = mlp(input);
    const vs = ps.map((_, k) => input(`v${k}`));
    const loss = F.cross_entropy(forward(ps, input('x')).tanh(), input('y'));
    const gs = torch.autograd.grad(loss, ps, { create_graph: true });
    return { loss, hv: torch.autograd.grad(dot(gs, vs), ps) };
  },
  maml_step: (input) => {
    const ps = mlp(input);
    const inner = F.cross_entropy(forward(ps, input('xs')), input('ys'));
    const gs = torch.autograd.grad(inner, ps, { create_graph: true });
    const fast = ps.map((p, k) => p.sub(gs[k]!.mul(0.4)));
    const outer = F.cross_entropy(forward(fast, input('xq')), input('yq'));
    return { outer, grads: torch.autograd.grad(outer, ps) };
  },
  fourth_derivative: (input) => {
    const x = input('x').requires_grad_();
    let d = x.tanh();
    const derivatives: T[] = [];
    for (let k = 0; k < 4; k++) {
      [d] = torch.autograd.grad(d.sum(), [x], { create_graph: true }) as T[];
      derivatives.push(d);
    }
    return { derivatives, names: [derivatives[0].grad_fn!.name()] };
  },
  hook_under_create_graph: (input) => {
    const x = input('x').requires_grad_();
    const h = x.sin();
    h.register_hook((g) => g.mul(h.detach().exp()));
    const [g] = torch.autograd.grad(h.pow(2).sum(), [x], { create_graph: true });
    const [gg] = torch.autograd.grad(g!.sum(), [x]);
    return { g, gg };
  },
  backward_accumulates: (input) => {
    const x = input('x').requires_grad_();
    const warn = console.warn;
    console.warn = () => {}; // the reference-cycle warning (test/higher-order.test.ts checks it)
    try {
      x.pow(3).sum().backward({ create_graph: true });
      x.sin().sum().backward({ create_graph: true });
    } finally {
      console.warn = warn;
    }
    const first = x.grad!;
    x.grad = null;
    first.sum().backward();
    return { grad: first, grad_of_grad: x.grad };
  },
};

describe.each(DEVICES)('create_graph programs vs PyTorch on %s', (device) => {
  // sums of products of second derivatives: the reduction family's room
  scenarioTests(S, programs, device, () => 1e-5, tolerances.reduction);
});
