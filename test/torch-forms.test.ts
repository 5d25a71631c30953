// PyTorch's aliases and torch.X_ in-place functions (the table of src/ops/aliases.ts)
// against PyTorch (fixtures/torch_forms.json, from scripts/gen_torch_forms_fixtures.py): each form's
// result, grad_fn name and input gradients, on both devices; and PyTorch has every name
// the table gives. Likewise the torch.* forms of F functions (src/ops/torch_functional.ts).

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type Device, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { ALIASES, TORCH_INPLACE, TORCH_METHOD_FORMS } from '../src/ops/aliases.js';

type Arg = number | boolean | null | number[] | { tensor: TensorFixture } | { list: Arg[] };
interface Case {
  name: string; call: string; args: Arg[]; inplace: boolean; pick: number | null; out: TensorFixture; grad_fn: string | null;
  upstream: TensorFixture; grads?: (TensorFixture | null)[]; backward_error?: { type: string; message: string };
}
const F = loadFixture<{ missing: string[]; cases: Case[]; errors: { name: string; call: string; args: Arg[]; type: string; message: string }[] }>('torch_forms.json');

/** The call's arguments on `device`, and its leaf tensors in order. */
function decode(args: Arg[], device: Device): { args: unknown[]; leaves: torch.Tensor[] } {
  const leaves: torch.Tensor[] = [];
  const one = (a: Arg): unknown => {
    if (a === null || typeof a !== 'object' || Array.isArray(a)) return a;
    if ('list' in a) return a.list.map(one);
    const t = fromFixture(a.tensor, device);
    leaves.push(t);
    return t;
  };
  return { args: args.map(one), leaves };
}

function run(c: Case, device: Device): { out: torch.Tensor; leaves: torch.Tensor[] } {
  const { args, leaves } = decode(c.args, device);
  if (c.inplace) args[0] = (args[0] as torch.Tensor).clone();
  const [space, name] = c.call.split('.');
  const fn = space === 'torch' ? (torch as unknown as Record<string, (...a: unknown[]) => torch.Tensor>)[name]
    : (...a: unknown[]) => (a[0] as unknown as Record<string, (...r: unknown[]) => torch.Tensor>)[name](...a.slice(1));
  const result = fn(...args);
  const out = c.pick === null ? result : (result as unknown as torch.Tensor[])[c.pick];
  // an in-place form returns the tensor it wrote
  if (c.inplace) expect(out).toBe(args[0]);
  return { out, leaves };
}

describe('the alias table', () => {
  it('names only what PyTorch has (the generator checks hasattr)', () => {
    expect(F.missing).toEqual([]);
  });

  it('has a fixture for every form it gives', () => {
    const forms = Object.entries(ALIASES).flatMap(([alias, [, f]]) => f.split(' ').map((form) =>
      form === 'torch' ? `torch.${alias}` : form === 'method' ? `Tensor.${alias}` : `Tensor.${alias}_`));
    const recorded = new Set(F.cases.map((c) => c.name));
    expect([...forms, ...[...TORCH_INPLACE, ...TORCH_METHOD_FORMS].map((n) => `torch.${n}`)].filter((n) => !recorded.has(n))).toEqual([]);
  });

  it('refuses a torch.X_ call on no tensor as PyTorch does', () => {
    const call = () => torch.abs_(3 as unknown as torch.Tensor);
    expect(call).toThrow(torch.TypeError);
    expect(call).toThrow("abs_(): argument 'input' (position 1) must be Tensor, not int");
  });
});

describe.each(DEVICES)('aliases, torch.X_ and torch.* forms of F functions against PyTorch on %s', (device) => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    if (c.backward_error) {
      // PyTorch 1.13 raises at the backward, wasmgrad already at the in-place call (docs/api.md)
      expect(() => run(c, device).out.mul(fromFixture(c.upstream, device)).sum().backward()).toThrow(c.backward_error.message);
      return;
    }
    const { out, leaves } = run(c, device);
    expectClose(out, c.out, tolerances.elementwise, 'result');
    expect(out.grad_fn?.name() ?? null).toBe(c.grad_fn);
    if (!c.grad_fn) return;
    out.mul(fromFixture(c.upstream, device)).sum().backward();
    c.grads!.forEach((g, i) => (g ? expectClose(leaves[i].grad, g, tolerances.elementwise, `grad ${i}`) : expect(leaves[i].grad).toBeNull()));
  });
});

describe.each(DEVICES)('bad calls of the torch.* forms of F functions on %s', (device) => {
  it.each(F.errors.map((e) => [e.name, e] as const))('%s: PyTorch\'s error', (_, e) => {
    const { args } = decode(e.args, device);
    const fn = (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[e.call.split('.')[1]];
    const call = () => fn(...args);
    expect(call).toThrow((torch as unknown as Record<string, new () => Error>)[e.type]);
    expect(call).toThrow(e.message);
  });
});
