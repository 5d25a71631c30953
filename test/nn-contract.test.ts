// The torch.nn module contract (issue 8): every exported module class against real PyTorch, in one table
// (fixtures/nn_contract.json, from scripts/gen_nn_contract_fixtures.py), on both devices. Per row, after
// torch.manual_seed(seed): the module built from the row's JSON arguments prints PyTorch's repr, its
// state_dict is PyTorch's default initialisation (names, shapes, values exactly), its forward gives
// PyTorch's outputs and the gradients of sum(output · cotangent) over the inputs and parameters are
// PyTorch's. Lazy modules are compared after their first forward; rows whose forward moves buffers
// (running statistics) are compared again after it. Coverage: every Module subclass exported in
// torch.nn has a row or a reasoned exclusion, so a new class without a row fails here.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { torch, DEVICES, type Device, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

type Json = number | boolean | string | null | Json[] | { [k: string]: Json };
interface Row {
  id: string; cls: string; seed: number; args: Json[]; kwargs: Record<string, Json>; eval: boolean; repr: string; repr_after?: string;
  state_dict: [string, TensorFixture][]; state_dict_after?: [string, TensorFixture][];
  inputs: ({ tensor: TensorFixture } | { value: Json })[]; forward_kwargs?: Record<string, { tensor: TensorFixture } | { value: Json }>; outputs: TensorFixture[]; cotangents: TensorFixture[]; grads: TensorFixture[];
}
const F = loadFixture<{ excluded: Record<string, string>; rows: Row[] }>('nn_contract.json');

/**
 * Rows where wasmgrad is known to differ from PyTorch, each with the exact difference. A listed row must
 * still fail (so a fix shows up here); nothing else may.
 */
const KNOWN_MISMATCHES: Record<string, string> = {
  'ReLU6 kinks': "12 values take PyTorch's scalar CPU loop: hardtanh_backward passes NaN's gradient (1 x cotangent); wasmgrad gives 0, the vectorized loop's (docs/api.md)",
  'Hardtanh kinks': "12 values take PyTorch's scalar CPU loop: hardtanh_backward passes NaN's gradient (1 x cotangent); wasmgrad gives 0, the vectorized loop's (docs/api.md)",
  'Hardswish kinks': "12 values take PyTorch's scalar CPU loop: hardswish_backward at x = 3 is 1.5 x cotangent; wasmgrad gives 1 x cotangent, the vectorized loop's (docs/api.md)",
  'Embedding scale_grad_by_freq': "nn.Embedding refuses scale_grad_by_freq (NotImplementedError); PyTorch divides each row's gradient by its index's count in the batch",
};

type AnyModule = InstanceType<typeof torch.nn.Module>;
type Tensor = torch.Tensor;
const nn = torch.nn as unknown as Record<string, new (...args: unknown[]) => AnyModule>;
const exact = { rtol: 0, atol: 0 };
// V8's Math.log/cos/sin are not glibc's to the last bit, so a float64 normal draw may be 1-2 ulp off
// (test/random.test.ts holds randn to 2 ulps); float32 draws round that away and stay exact. expectClose
// scales a float64 tolerance by 1e-6, hence the 1e6.
const initTolerance = (t: TensorFixture) => (t.dtype === 'float64' ? { rtol: 2 * 2 ** -52 * 1e6, atol: 0 } : exact);

/** A constructor argument: JSON as is, a nested module ({ module }) or a tensor ({ tensor }, a loss's weight). */
function arg(a: Json, device: Device): unknown {
  if (a !== null && typeof a === 'object' && !Array.isArray(a) && 'module' in a) {
    const s = a.module as { cls: string; args: Json[]; kwargs: Record<string, Json> };
    return construct(s.cls, s.args, s.kwargs, device);
  }
  if (a !== null && typeof a === 'object' && !Array.isArray(a) && 'tensor' in a) return fromFixture(a.tensor as unknown as TensorFixture, device, false);
  return a;
}
function construct(cls: string, args: Json[], kwargs: Record<string, Json>, device: Device): AnyModule {
  const kw = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, arg(v, device)]));
  return new nn[cls](...args.map((a) => arg(a, device)), ...(Object.keys(kw).length > 0 ? [kw] : []));
}

function flatten(r: unknown): Tensor[] {
  if (r === null) return []; // MultiheadAttention's weights with need_weights: false
  if (r instanceof torch.Tensor) return [r];
  if (Array.isArray(r)) return r.flatMap(flatten);
  if (r !== null && typeof r === 'object') return Object.values(r).flatMap(flatten); // a named tuple (output, loss)
  throw new TypeError(`unexpected forward result ${String(r)}`);
}

/**
 * The state_dict against PyTorch's: parameters exactly (default init draws the same numbers), buffers a
 * forward has computed (running statistics) to the module tolerance; untouched buffers are exact too.
 */
function checkState(m: AnyModule, expected: [string, TensorFixture][], when: string, computed = false): void {
  const sd = m.state_dict() as unknown as Map<string, Tensor> | Record<string, Tensor>;
  const entries: [string, Tensor][] = sd instanceof Map ? [...sd.entries()] : Object.entries(sd);
  const params = new Set(m.named_parameters().map(([n]) => n));
  expect(entries.map(([n]) => n), `state_dict names ${when}`).toEqual(expected.map(([n]) => n));
  entries.forEach(([n, t], i) => expectClose(t, expected[i][1], computed && !params.has(n) ? tolerances.nn : initTolerance(expected[i][1]), `${n} ${when}`));
}

function check(r: Row, device: Device): void {
  torch.manual_seed(r.seed);
  const m = construct(r.cls, r.args, r.kwargs, device);
  if (r.eval) m.eval();
  expect(String(m), 'repr').toBe(r.repr);
  const lazy = r.cls.startsWith('Lazy');
  if (!lazy) checkState(m, r.state_dict, 'after construction');
  const value = (x: { tensor: TensorFixture } | { value: Json }) => ('tensor' in x ? fromFixture(x.tensor, device) : x.value);
  const inputs = r.inputs.map(value);
  const kw = r.forward_kwargs ? [Object.fromEntries(Object.entries(r.forward_kwargs).map(([k, v]) => [k, value(v)]))] : [];
  const outs = flatten((m as unknown as { call(...a: unknown[]): unknown }).call(...inputs, ...kw));
  if (lazy) {
    expect(String(m), 'repr after the first forward').toBe(r.repr_after);
    checkState(m, r.state_dict, 'after the first forward', true);
  } else if (r.state_dict_after) {
    checkState(m, r.state_dict_after, 'after forward', true);
  }
  expect(outs.length, 'outputs').toBe(r.outputs.length);
  outs.forEach((o, i) => expectClose(o, r.outputs[i], o.dtype.is_floating_point ? tolerances.nn : exact, `output ${i}`));
  const diff = outs.filter((o) => o.grad_fn);
  expect(diff.length, 'differentiable outputs').toBe(r.cotangents.length);
  if (r.grads.length === 0) return;
  const wrt = [...inputs.filter((x): x is Tensor => x instanceof torch.Tensor && x.requires_grad), ...m.parameters()];
  expect(wrt.length, 'inputs and parameters').toBe(r.grads.length);
  const total = diff.map((o, i) => o.mul(fromFixture(r.cotangents[i], device, false)).sum()).reduce((a, b) => a.add(b));
  const grads = torch.autograd.grad(total, wrt, { allow_unused: true });
  grads.forEach((g, i) => expectClose(g ?? torch.zeros_like(wrt[i]), r.grads[i], tolerances.nn, `gradient ${i}`));
}

describe.each(DEVICES)('the nn module contract on %s', (device) => {
  beforeAll(() => torch.set_default_device(device));
  afterAll(() => torch.set_default_device('wasm'));

  it.each(F.rows.filter((r) => !(r.id in KNOWN_MISMATCHES)).map((r) => [r.id, r] as const))('%s: repr, default init, forward, gradients', (_, r) => {
    check(r, device);
  });

  it.each(Object.entries(KNOWN_MISMATCHES))('%s still differs from PyTorch (%s)', (id) => {
    expect(() => check(F.rows.find((r) => r.id === id)!, device)).toThrow();
  });
});

describe('every exported torch.nn module class has a contract row', () => {
  const exported = Object.entries(nn).filter(([, v]) => typeof v === 'function' && (v.prototype instanceof torch.nn.Module || v === torch.nn.Module))
    .map(([n]) => n).sort();
  const covered = new Set(F.rows.map((r) => r.cls));

  it('finds the module classes', () => { expect(exported.length).toBeGreaterThan(150); });

  it.each(exported)('%s', (name) => {
    if (name in F.excluded) expect(F.excluded[name].length, `the reason ${name} has no row`).toBeGreaterThan(10);
    else expect(covered.has(name), `${name} has no row in scripts/gen_nn_contract_fixtures.py`).toBe(true);
  });

  it('rows and exclusions name exported classes only', () => {
    const names = new Set(exported);
    expect([...covered].filter((c) => !names.has(c))).toEqual([]);
    expect(Object.keys(F.excluded).filter((c) => !names.has(c) && c !== 'SyncBatchNorm')).toEqual([]);
  });
});
