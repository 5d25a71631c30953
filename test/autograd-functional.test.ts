// torch.autograd.gradcheck and the first-order torch.autograd.functional (jacobian, vjp)
// against PyTorch (fixtures/autograd_functional.json, from scripts/gen_functional_fixtures.py):
// results, return structure (tuple or single tensor), strict-mode errors, argument errors and
// gradcheck's messages, including a Function with a deliberately wrong backward. Each scenario
// here is the generator's program of the same name. Both devices.
// The second-order scenarios (gradgradcheck, jvp, hessian, hvp, vhp) are in test/gradgradcheck.test.ts.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';
import { report, squareWithBackward } from './support/functional.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('autograd_functional.json').scenarios;
const gradcheck = torch.autograd.gradcheck;
const jacobian = torch.autograd.functional.jacobian;
const vjp = torch.autograd.functional.vjp;
type Ctx = torch.autograd.FunctionCtx;
type T = torch.Tensor;

// says 3x instead of 2x; returns 2x whatever the incoming gradient
const WrongBackward = squareWithBackward((x, g) => g.mul(x).mul(3));
const IgnoresGrad = squareWithBackward((x) => x.mul(2));

/** 2x whose backward drifts by 1e-3 with every call (not reentrant). */
class Drifting extends torch.autograd.Function {
  static calls = 0;
  static forward(_ctx: Ctx, x: T): T { return x.mul(2); }
  static backward(_ctx: Ctx, g: T): T { Drifting.calls += 1; return g.mul(2 + 1e-3 * Drifting.calls); }
}

// Python prints a UserWarning once per message (its default filter): the warnings seen in this file so far
const warned = new Set<string>();
vi.spyOn(console, 'warn').mockImplementation((m: unknown) => { warned.add(String(m).replace(/^UserWarning: /, '')); });

const D = { dtype: torch.float64 } as const;

const programs: Record<string, Program> = {
  gc_sin_mul: (input) => ({ ok: gradcheck((t: T) => t.sin().mul(t), [input('x').requires_grad_()]) }),
  gc_single_tensor_input: (input) => ({ ok: gradcheck((t: T) => t.exp(), input('x').requires_grad_()) }),
  gc_two_inputs_two_outputs: (input) => ({
    ok: gradcheck((a: T, b: T) => [a.mul(b), a.add(b).sum()], [input('x').requires_grad_(), input('y').requires_grad_()]),
  }),
  gc_number_argument: (input) => ({ ok: gradcheck((t: T, c: number) => t.pow(c), [input('x').requires_grad_(), 3]) }),
  gc_wrong_backward: (input) => { gradcheck((t: T) => WrongBackward.apply(t), [input('x').requires_grad_()]); return {}; },
  gc_wrong_backward_no_raise: (input) => ({
    ok: gradcheck((t: T) => WrongBackward.apply(t), [input('x').requires_grad_()], { raise_exception: false }),
  }),
  gc_wrong_second_output_second_input: (input) => {
    gradcheck((a: T, b: T) => [a.mul(2), a.add(WrongBackward.apply(b))], [input('x').requires_grad_(), input('y').requires_grad_()]);
    return {};
  },
  gc_wrong_backward_2d: (input) => {
    gradcheck((t: T) => WrongBackward.apply(t).sum(0), [input('x').requires_grad_()], { atol: 1e-4, rtol: 1e-2 });
    return {};
  },
  gc_not_multiplied_by_grad_output: (input) => { gradcheck((t: T) => IgnoresGrad.apply(t), [input('x').requires_grad_()]); return {}; },
  gc_not_reentrant: (input) => {
    Drifting.calls = 0;
    gradcheck((t: T) => Drifting.apply(t), [input('x').requires_grad_()]);
    return {};
  },
  gc_nondet_tol_allows_drift: (input) => {
    Drifting.calls = 0;
    return { ok: gradcheck((t: T) => Drifting.apply(t), [input('x').requires_grad_()], { nondet_tol: 1.0, atol: 0.1 }) };
  },
  gc_no_input_requires_grad: (input) => { gradcheck((t: T) => t.mul(2), [input('x')]); return {}; },
  gc_stride_zero_input: (input) => { gradcheck((t: T) => t.mul(2), [input('x').expand(2, 3).requires_grad_()]); return {}; },
  gc_float32_warns: (input) => {
    const ok = gradcheck((a: T, b: T) => a.mul(2).add(b), [input('x').requires_grad_(), input('y').requires_grad_()], { raise_exception: false });
    return { ok, warnings: [...warned].filter((m) => m.startsWith('Input #')) };
  },
  gc_output_not_differentiable: (input) => { gradcheck((t: T) => t.detach().mul(2), [input('x').requires_grad_()]); return {}; },
  gc_constant_output: (input, device) => ({ ok: gradcheck(() => torch.ones(2, { ...D, device }), [input('x').requires_grad_()]) }),
  gc_input_unused: (input) => ({ ok: gradcheck((a: T) => a.mul(2), [input('x').requires_grad_(), input('y').requires_grad_()]) }),
  gc_scalar_input: (input) => ({ ok: gradcheck((t: T) => t.exp().mul(t), [input('x').requires_grad_()]) }),
  gc_empty_input: (input) => ({
    ok: gradcheck((a: T, b: T) => b.sin().add(a.sum()), [input('x').requires_grad_(), input('y').requires_grad_()]),
  }),
  gc_output_shape_changes: (input) => {
    gradcheck((t: T) => t.index((t.sum().item() as number) > 2 ? ':1' : ':2'), [input('x').requires_grad_()]);
    return {};
  },
  gc_unexpected_keyword: (input) => {
    gradcheck((t: T) => t.mul(2), [input('x').requires_grad_()], { check_sparse_nnz_typo: true } as never);
    return {};
  },
  gc_no_mode: (input) => { gradcheck((t: T) => t.mul(2), [input('x').requires_grad_()], { check_backward_ad: false }); return {}; },
  gc_batched_without_backward: (input) => {
    gradcheck((t: T) => t.mul(2), [input('x').requires_grad_()], { check_batched_grad: true, check_backward_ad: false, check_forward_ad: true });
    return {};
  },

  jac_single: (input) => report({ jac: jacobian((t: T) => t.exp(), input('x').requires_grad_()) }),
  jac_tuple_of_one: (input) => report({ jac: jacobian((t: T) => t.exp(), [input('x').requires_grad_()]) }),
  jac_tuple_inputs: (input) => report({
    jac: jacobian((a: T, b: T) => b.mv(a).tanh(), [input('x').requires_grad_(), input('y').requires_grad_()]),
  }),
  jac_tuple_outputs: (input) => report({ jac: jacobian((t: T) => [t.exp(), t.pow(2).sum()], input('x').requires_grad_()) }),
  jac_tuple_tuple: (input) => report({
    jac: jacobian((a: T, b: T) => [a.mul(b), a.add(b).sum()], [input('x').requires_grad_(), input('y').requires_grad_()]),
  }),
  jac_independent_input: (input) => report({ jac: jacobian((a: T) => a.mul(2), [input('x').requires_grad_(), input('y').requires_grad_()]) }),
  jac_independent_input_strict: (input) => {
    jacobian((a: T) => a.mul(2), [input('x').requires_grad_(), input('y').requires_grad_()], { strict: true });
    return {};
  },
  jac_output_without_grad: (input, device) => report({ jac: jacobian(() => torch.ones(2, { ...D, device }), input('x').requires_grad_()) }),
  jac_output_without_grad_strict: (input) => { jacobian((t: T) => t.detach(), input('x').requires_grad_(), { strict: true }); return {}; },
  jac_scalar: (input) => report({ jac: jacobian((t: T) => t.exp().mul(t), input('x')) }),
  jac_empty_input: (input) => report({ jac: jacobian((a: T, b: T) => b.mul(2).add(a.sum()), [input('x'), input('y').requires_grad_()]) }),
  jac_empty_output: (input) => { jacobian((t: T) => t.index(':0'), input('x').requires_grad_()); return {}; },
  jac_does_not_require_grad_inputs: (input) => report({ jac: jacobian((t: T) => t.pow(3), input('x')) }),
  jac_bad_input: (input) => { jacobian((a: T) => a, [input('x').requires_grad_(), 3] as never); return {}; },
  jac_bad_single_input: () => { jacobian((a: T) => a, 3.5 as never); return {}; },
  jac_bad_output: (input) => { jacobian((a: T) => [a, 2.5] as never, input('x').requires_grad_()); return {}; },
  jac_vectorize_strict: (input) => { jacobian((t: T) => t.mul(2), input('x').requires_grad_(), { vectorize: true, strict: true }); return {}; },
  jac_forward_create_graph: (input) => {
    jacobian((t: T) => t.mul(2), input('x').requires_grad_(), { strategy: 'forward-mode', create_graph: true });
    return {};
  },
  jac_forward_strict: (input) => { jacobian((t: T) => t.mul(2), input('x').requires_grad_(), { strategy: 'forward-mode', strict: true }); return {}; },
  jac_forward_not_vectorized: (input) => { jacobian((t: T) => t.mul(2), input('x').requires_grad_(), { strategy: 'forward-mode' }); return {}; },
  jac_bad_strategy: (input) => { jacobian((t: T) => t.mul(2), input('x').requires_grad_(), { strategy: 'sideways' as never }); return {}; },

  vjp_exp_reducer: (input) => {
    const [out, g] = vjp((t: T) => t.exp().sum(1), input('x'), input('v'));
    return report({ out, vjp: g });
  },
  vjp_adder: (input) => {
    const [out, g] = vjp((a: T, b: T) => a.mul(2).add(b.mul(3)), [input('x'), input('y')], input('v'));
    return report({ out, vjp: g });
  },
  vjp_scalar_output_without_v: (input) => {
    const [out, g] = vjp((t: T) => t.pow(2).sum(), input('x').requires_grad_());
    return report({ out, vjp: g });
  },
  vjp_tuple_outputs: (input) => {
    const [out, g] = vjp((t: T) => [t.sin(), t.sum()], input('x').requires_grad_(), [input('v0'), input('v1')]);
    return report({ out, vjp: g });
  },
  vjp_v_missing: (input) => { vjp((t: T) => t.mul(2), input('x').requires_grad_()); return {}; },
  vjp_v_bad_size: (input) => { vjp((t: T) => t.mul(2), input('x').requires_grad_(), input('v')); return {}; },
  vjp_v_bad_size_in_tuple: (input) => {
    vjp((t: T) => [t.mul(2), t.sum()], input('x').requires_grad_(), [input('v0'), input('v1')]);
    return {};
  },
  vjp_v_tuple_length: (input) => { vjp((t: T) => [t.mul(2), t.sum()], input('x').requires_grad_(), [input('v')]); return {}; },
  vjp_v_too_many: (input) => { vjp((t: T) => t.mul(2), input('x').requires_grad_(), [input('v0'), input('v1')]); return {}; },
  vjp_v_not_tensor: (input) => { vjp((t: T) => t.mul(2), input('x').requires_grad_(), 3 as never); return {}; },
  vjp_independent_input: (input) => {
    const [out, g] = vjp((a: T) => a.mul(2), [input('x').requires_grad_(), input('y').requires_grad_()], input('v'));
    return report({ out, vjp: g });
  },
  vjp_independent_input_strict: (input) => {
    vjp((a: T) => a.mul(2), [input('x').requires_grad_(), input('y').requires_grad_()], input('v'), { strict: true });
    return {};
  },
  vjp_output_without_grad_strict: (input) => { vjp((t: T) => t.detach(), input('x').requires_grad_(), input('v'), { strict: true }); return {}; },
  vjp_empty: (input) => {
    const [out, g] = vjp((t: T) => t.mul(2), input('x'), input('v'));
    return report({ out, vjp: g });
  },
};

describe.each(DEVICES)('torch.autograd.gradcheck and functional vs PyTorch on %s', (device) => {
  scenarioTests(S, programs, device);

  it('results carry no history without create_graph, and a check leaves no tensor behind', () => {
    const x = torch.tensor([0.5, -1], { ...D, device, requires_grad: true });
    const before = torch.memory(device).numTensors;
    expect(gradcheck((t: T) => t.sin(), [x])).toBe(true);
    expect(torch.memory(device).numTensors).toBe(before);
    torch.tidy(() => {
      // typed as PyTorch shapes the results (tsc checks these annotations)
      const J: T = jacobian((t: T) => t.exp(), x);
      const [out, g]: [T, T] = vjp((t: T) => t.exp().sum(), x);
      const Js: T[][] = jacobian((a: T, b: T) => [a, b.sum()], [x, x]);
      expect(Js.length).toBe(2);
      expect([J.requires_grad, out.requires_grad, g.requires_grad]).toEqual([false, false, false]);
    });
  });

  it('options wasmgrad does not have are refused, not ignored', () => {
    const x = torch.tensor([0.5, -1], { ...D, device, requires_grad: true });
    const f = (t: T): T => t.sin();
    for (const o of [{ fast_mode: true }, { check_forward_ad: true }, { check_batched_grad: true }, { masked: true }]) {
      expect(() => gradcheck(f, [x], o), JSON.stringify(o)).toThrow(/^wasmgrad: gradcheck with .* is not supported yet$/);
    }
    expect(() => jacobian(f, x, { vectorize: true })).toThrow('wasmgrad: jacobian with vectorize=True (vmap) is not supported yet');
    expect(() => jacobian(f, x, { strategy: 'forward-mode', vectorize: true }))
      .toThrow('wasmgrad: jacobian with strategy="forward-mode" (forward AD and vmap) is not supported yet');
  });
});
