// Autograd semantics on both devices: what backward() and autograd.grad()
// accumulate, retain_graph, retain_grad, grad mode, leaves, detach, and the
// .grad / .requires_grad properties, each against PyTorch's documented behaviour.
// Expected values: the "scenarios" of test/fixtures/ops.json (scripts/gen_fixtures.py
// scenario_fixtures() runs the same steps in PyTorch).

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, expectClose, freshTorch, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

const list = (t: torch.Tensor | null) => Array.from(t!.dataSync());
const S = loadFixture('ops.json').scenarios;
/** PyTorch's results of scenario `name` (its python snippet mirrors the test). */
const V = (name: string) => S[`autograd/${name}`].values;
const vec = (data: number[]): TensorFixture => ({ shape: [data.length], dtype: 'float32', data, requires_grad: false });

describe.each(DEVICES)('autograd on %s', (device) => {
  const T = (x: number[], requires_grad = false) => torch.tensor(x, { device, requires_grad });

  it('accumulates .grad over several backward calls', () => {
    const x = T([1, 2, 3], true);
    x.mul(x).sum().backward();
    x.mul(3).sum().backward();
    expect(list(x.grad)).toEqual(V('accumulates over backward calls').grad);
  });

  it('updates the same .grad tensor in place, as PyTorch does', () => {
    const x = T([1, 2], true);
    x.sum().backward();
    const g = x.grad!;
    x.sum().backward();
    expect(list(g)).toEqual(V('grad updated in place').grad);
    expect(x.grad).toBe(g);
  });

  it('a tensor used twice receives both gradients', () => {
    const x = T([3], true);
    const y = x.mul(x).add(x); // x² + x
    y.backward();
    expect(list(x.grad)).toEqual(V('tensor used twice').grad);
  });

  it('frees saved tensors after backward unless retain_graph', () => {
    const x = T([0.5, -1], true);
    const y = torch.sigmoid(x).sum();
    y.backward(undefined, { retain_graph: true });
    y.backward();
    expect(() => y.backward()).toThrow(/backward through the graph a second time/);
    // a graph with nothing saved may be walked again, as in PyTorch
    const s = x.add(1).sum();
    s.backward();
    s.backward();
  });

  it('autograd.grad returns gradients without touching .grad', () => {
    const w = T([2], true);
    const b = T([0.5], true);
    const loss = w.mul(1.3).add(b).sigmoid();
    const [dw, db] = torch.autograd.grad(loss, [w, b]);
    expect(w.grad).toBeNull();
    expect(b.grad).toBeNull();
    const want = V('autograd.grad leaves .grad alone');
    expectClose(dw, vec(want.dw), tolerances.elementwise, 'dw');
    expectClose(db, vec(want.db), tolerances.elementwise, 'db');
  });

  it('autograd.grad with allow_unused returns null for unused inputs, and errors without it', () => {
    const a = T([1], true);
    const unused = T([1], true);
    expect(torch.autograd.grad(a.mul(2), [a, unused], { allow_unused: true, retain_graph: true })[1]).toBeNull();
    expect(() => torch.autograd.grad(a.mul(2), [a, unused])).toThrow(/appears to not have been used in the graph/);
  });

  it('autograd.grad with respect to an intermediate tensor', () => {
    const x = T([1, 2], true);
    const h = x.mul(3);
    const y = h.mul(h).sum();
    const [dh] = torch.autograd.grad(y, h);
    expect(list(dh)).toEqual(V('grad wrt intermediate').dh);
  });

  it('grad_outputs weights a non-scalar output', () => {
    const x = T([1, 2, 3], true);
    const y = x.mul(2);
    // retain_graph: PyTorch's MulBackward0 saves the scalar 2 and frees it after autograd.grad
    const [dx] = torch.autograd.grad(y, x, { grad_outputs: T([1, 0, -1]), retain_graph: true });
    expect(list(dx)).toEqual(V('grad_outputs').dx);
    y.backward(T([1, 1, 1]));
    expect(list(x.grad)).toEqual(V('grad_outputs').grad);
  });

  it("reading .grad of a non-leaf gives null and PyTorch's UserWarning (once)", async () => {
    const fresh = await freshTorch(); // this process may have shown the warning already
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const h = fresh.tensor([1, 2], { device, requires_grad: true }).mul(2);
      h.sum().backward();
      expect(h.grad).toBeNull();
      expect(h.grad).toBeNull(); // once per process, as Python shows it once per place
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([`UserWarning: ${V('non-leaf grad warning').warning}`]);
    } finally {
      warn.mockRestore();
    }
  });

  it('retain_grad keeps the gradient of a non-leaf', () => {
    const x = T([1, 2], true);
    const h = x.mul(2);
    h.retain_grad();
    h.mul(h).sum().backward();
    expect(list(h.grad)).toEqual(V('retain_grad').h_grad);
  });

  it('non-leaf tensors have grad_fn and is_leaf false; leaves the opposite', () => {
    const x = T([1], true);
    const y = x.mul(2);
    expect(x.is_leaf).toBe(true);
    expect(x.grad_fn).toBeNull();
    expect(y.is_leaf).toBe(false);
    expect(y.grad_fn!.name()).toBe('MulBackward0');
    expect(T([1]).mul(2).is_leaf).toBe(true);
  });

  it('no_grad stops recording and enable_grad restarts it', () => {
    const x = T([1], true);
    const y = torch.no_grad(() => x.mul(2));
    expect(y.requires_grad).toBe(false);
    expect(torch.is_grad_enabled()).toBe(true);
    const z = torch.no_grad(() => torch.enable_grad(() => x.mul(2)));
    expect(z.requires_grad).toBe(true);
    expect(() => torch.no_grad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(torch.is_grad_enabled()).toBe(true);
  });

  it('set_grad_enabled with a function and inference_mode are scopes, restored after a throw', () => {
    const x = T([1], true);
    expect(torch.set_grad_enabled(false, () => x.mul(2)).requires_grad).toBe(false);
    expect(torch.no_grad(() => torch.set_grad_enabled(true, () => x.mul(2))).requires_grad).toBe(true);
    expect(torch.inference_mode(() => [x.mul(2).requires_grad, torch.is_inference_mode_enabled(), torch.is_grad_enabled()]))
      .toEqual([false, true, false]);
    expect(torch.inference_mode(false, () => x.mul(2)).requires_grad).toBe(true);
    expect(() => torch.inference_mode(() => { throw new Error('boom'); })).toThrow('boom');
    expect(() => torch.set_grad_enabled(false, () => { throw new Error('boom'); })).toThrow('boom');
    expect([torch.is_grad_enabled(), torch.is_inference_mode_enabled()]).toEqual([true, false]);
  });

  it('detach leaves the graph; requires_grad is settable on leaves only', () => {
    const x = T([1], true);
    const d = x.mul(2).detach();
    expect(d.requires_grad).toBe(false);
    expect(d.is_leaf).toBe(true);
    d.requires_grad = true;
    expect(d.requires_grad).toBe(true);
    expect(() => { x.mul(2).requires_grad = false; }).toThrow(/only change requires_grad flags of leaf variables/);
    const intError = loadFixture('errors.json').cases.find((c: { name: string }) => c.name === 'requires_grad_/int64 tensor');
    expect(() => torch.tensor([1], { dtype: 'int64', device }).requires_grad_()).toThrow(intError.error);
  });

  it('.grad can be set and reset to null', () => {
    const x = T([1, 2], true);
    x.grad = T([5, 5]);
    x.sum().backward();
    expect(list(x.grad)).toEqual(V('grad setter').grad);
    x.grad = null;
    expect(x.grad).toBeNull();
    expect(() => { x.grad = T([1, 2, 3]); }).toThrow('assigned grad has data of a different size');
  });

  it('backward of a leaf that requires grad seeds its own .grad', () => {
    const x = T([4], true);
    x.backward();
    expect(list(x.grad)).toEqual(V('backward of a leaf').grad);
  });

  it('mixing devices is PyTorch\'s error', () => {
    const other = device === 'wasm' ? 'js' : 'wasm';
    const a = T([1]);
    const b = torch.tensor([1], { device: other });
    expect(() => a.add(b)).toThrow(/^Expected all tensors to be on the same device, but found at least two devices/);
  });

  it('a deep graph (10,000 ops) backpropagates without recursion limits', () => {
    const w = T([1], true);
    let x = T([1]);
    for (let i = 0; i < 10_000; i++) x = x.mul(w);
    x.backward();
    expect(list(w.grad)).toEqual(V('deep graph').grad);
  });
});
