// torch.autograd.gradgradcheck and the second-order torch.autograd.functional (jvp, hessian,
// hvp, vhp) against PyTorch (fixtures/autograd_functional_2nd.json, from
// scripts/gen_functional_fixtures.py). They all differentiate twice, so they need create_graph.
// Each scenario here is the generator's program of the same name. Both devices.
// Then issue 7's must-show for second derivatives: gradgradcheck of every differentiable op of the
// table at its float64 case (the cases and nudges of test/gradcheck-ops.test.ts), or create_graph's
// refusal where the table says the op's derivative does not record itself yet.

import { describe, it, expect } from 'vitest';
import { Op } from '../abi/abi.js';
import { float64Cases, differentiableOps, nudged, nudgedTwice, check } from './support/op_gradcheck.js';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { expectRefusal } from './support/create_graph.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';
import { report, squareWithBackward } from './support/functional.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('autograd_functional_2nd.json').scenarios;
const gradgradcheck = torch.autograd.gradgradcheck;
const jvp = torch.autograd.functional.jvp;
const hessian = torch.autograd.functional.hessian;
const hvp = torch.autograd.functional.hvp;
const vhp = torch.autograd.functional.vhp;
type T = torch.Tensor;

// right, but detached from x: a wrong second derivative
const DetachedSquare = squareWithBackward((x, g) => g.mul(2).mul(x.detach()));
const D = { dtype: torch.float64 } as const;

const programs: Record<string, Program> = {
  ggc_pow: (input) => ({ ok: gradgradcheck((t: T) => t.pow(3), [input('x').requires_grad_()]) }),
  ggc_two_inputs: (input) => ({ ok: gradgradcheck((a: T, b: T) => a.mul(b).sin(), [input('x').requires_grad_(), input('y').requires_grad_()]) }),
  ggc_detached_backward: (input) => {
    gradgradcheck((t: T) => DetachedSquare.apply(t), [input('x').requires_grad_()], [input('go').requires_grad_()]);
    return {};
  },
  ggc_detached_backward_no_raise: (input) => ({
    ok: gradgradcheck((t: T) => DetachedSquare.apply(t), [input('x').requires_grad_()], [input('go').requires_grad_()], { raise_exception: false }),
  }),
  ggc_no_mode: (input) => {
    gradgradcheck((t: T) => t.mul(2), [input('x').requires_grad_()], null, { check_rev_over_rev: false, check_undefined_grad: false });
    return {};
  },
  jvp_exp_reducer: (input) => {
    const [out, g] = jvp((t: T) => t.exp().sum(1), input('x'), input('v'));
    return report({ out, jvp: g });
  },
  jvp_adder: (input) => {
    const [out, g] = jvp((a: T, b: T) => a.mul(2).add(b.mul(3)), [input('x'), input('y')], [input('v0'), input('v1')]);
    return report({ out, jvp: g });
  },
  jvp_independent_strict: (input, device) => {
    const ones = torch.ones(3, { ...D, device });
    jvp((a: T) => a.mul(2), [input('x').requires_grad_(), input('y').requires_grad_()], [ones, ones], { strict: true });
    return {};
  },
  jvp_create_graph: (input) => {
    const x = input('x').requires_grad_();
    const [out, g] = jvp((t: T) => t.pow(3), x, input('v'), { create_graph: true });
    const [gx] = torch.autograd.grad(g.sum(), x);
    return { ...report({ out, jvp: g }), gx };
  },
  hess_pow_sum: (input) => report({ hess: hessian((t: T) => t.pow(3).sum(), input('x').requires_grad_()) }),
  hess_tuple: (input) => report({
    hess: hessian((a: T, b: T) => a.pow(2).sum().mul(b.sin()).sum(), [input('x').requires_grad_(), input('y').requires_grad_()]),
  }),
  hess_linear_strict: (input) => { hessian((t: T) => t.mul(2).sum(), input('x').requires_grad_(), { strict: true }); return {}; },
  hess_linear: (input) => report({ hess: hessian((t: T) => t.mul(2).sum(), input('x').requires_grad_()) }),
  hess_not_scalar: (input) => { hessian((t: T) => t.pow(2), input('x').requires_grad_()); return {}; },
  hvp_pow: (input) => {
    const [out, g] = hvp((t: T) => t.pow(3).sum(), input('x').requires_grad_(), input('v'));
    return report({ out, hvp: g });
  },
  hvp_tuple: (input) => {
    const [out, g] = hvp((a: T, b: T) => a.mul(b.exp()).sum(), [input('x').requires_grad_(), input('y').requires_grad_()], [input('v0'), input('v1')]);
    return report({ out, hvp: g });
  },
  vhp_pow: (input) => {
    const [out, g] = vhp((t: T) => t.pow(3).sum(), input('x').requires_grad_(), input('v'));
    return report({ out, vhp: g });
  },
  vhp_not_single: (input, device) => {
    vhp(((t: T) => [t.sum(), t.sum()]) as never, input('x').requires_grad_(), torch.ones(3, { ...D, device }));
    return {};
  },
  hvp_linear_strict: (input, device) => {
    hvp((t: T) => t.mul(2).sum(), input('x').requires_grad_(), torch.ones(3, { ...D, device }), { strict: true });
    return {};
  },
};

describe.each(DEVICES)('gradgradcheck and second-order torch.autograd.functional vs PyTorch on %s', (device) => {
  scenarioTests(S, programs, device);
});

describe.each(DEVICES)('gradgradcheck of every differentiable op on %s', (device) => {
  const cases = float64Cases();
  for (const op of differentiableOps()) {
    const c = cases.get(op);
    if (!c) continue;
    it(`${Op[op]} (${c.name})`, () => {
      torch.tidy(() => {
        let ok: boolean;
        try {
          ok = check(c, device, nudged[Op[op]] ?? nudgedTwice[Op[op]] ?? {}, {}, (f, xs, o) => gradgradcheck(f, xs, null, o));
        } catch (e) {
          // PyTorch has no derivative of these gradients either (the margin losses, ctc_loss,
          // embedding_bag: test/higher-order.test.ts holds its exact messages), so gradgradcheck raises
          if (e instanceof torch.RuntimeError && /^derivative for \S+ is not implemented/.test(e.message)) return;
          // an op (of this case's graph) whose derivative does not record itself yet: docs/api.md lists them
          expectRefusal(e);
          return;
        }
        expect(ok).toBe(true);
      });
    });
  }
  it.each(Object.keys(nudgedTwice))('%s fails gradgradcheck at its fixture inputs (why it is nudged)', (name) => {
    torch.tidy(() => {
      const c = cases.get(Op[name as keyof typeof Op])!;
      expect(check(c, device, {}, { raise_exception: false }, (f, xs, o) => gradgradcheck(f, xs, null, o))).toBe(false);
    });
  });
});
