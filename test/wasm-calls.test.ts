// The tape and the backward sweep live in WASM: backward(), backward({ inputs })
// and torch.autograd.grad() (with create_graph too) cross from JS into the module a
// constant number of times, whatever the size of the graph and the number of inputs, with views
// written in place too.
// Counted by wrapping every export of the module (WasmDevice.instrument).

import { describe, it, expect, afterEach } from 'vitest';
import { torch } from './support/torch.js';
import { wasmDevice } from '../src/wasm/device.js';

type Sweep = 'backward()' | 'backward({ inputs })' | 'autograd.grad';

/**
 * Calls into WASM made by one sweep over a chain of `nOps` ops that uses
 * `nInputs` leaves (x = x·wᵢ + bᵢ, the leaves taken in turn); checks the gradients.
 */
function callsFor(sweep: Sweep, nOps: number, nInputs: number): number {
  const ws = Array.from({ length: nInputs }, (_, i) => torch.tensor([0.999 - i * 1e-6], { requires_grad: true, device: 'wasm' }));
  const b = torch.tensor([0.001], { requires_grad: true, device: 'wasm' });
  let x = torch.tensor([1.0], { device: 'wasm' });
  for (let i = 0; i < nOps / 2; i++) x = x.mul(ws[i % nInputs]).add(b);
  const count = wasmDevice!.instrument();
  let grads: (torch.Tensor | null)[] = [];
  if (sweep === 'backward()') x.backward();
  else if (sweep === 'backward({ inputs })') x.backward({ inputs: ws });
  else grads = torch.autograd.grad(x, ws);
  const calls = count();
  wasmDevice!.instrument(false);
  if (sweep === 'autograd.grad') {
    expect(grads.every((g) => g !== null && g.item() > 0)).toBe(true);
  } else {
    expect(ws.every((w) => w.grad !== null && w.grad.item() > 0)).toBe(true);
    expect(b.grad === null).toBe(sweep === 'backward({ inputs })');
  }
  return calls;
}

describe.each<Sweep>(['backward()', 'backward({ inputs })', 'autograd.grad'])('calls into WASM during %s', (sweep) => {
  afterEach(() => { wasmDevice!.instrument(false); });

  it('are the same for graphs of 10, 1,000 and 10,000 ops and for 1, 10 and 100 inputs', () => {
    // the first call may also grow the args buffer (one more call, once per process)
    callsFor(sweep, 10, 1);
    callsFor(sweep, 1_000, 100);
    const small = callsFor(sweep, 10, 1);
    for (const nOps of [10, 1_000, 10_000]) {
      for (const nInputs of [1, 10, 100]) {
        if (nInputs > nOps / 2) continue;
        expect(callsFor(sweep, nOps, nInputs), `${nOps} ops, ${nInputs} inputs`).toBe(small);
      }
    }
    // front-end checks read memory directly; the sweep itself is one call plus its argument buffer
    expect(small).toBeLessThanOrEqual(8);
  });
});

describe('calls into WASM during autograd.grad with create_graph', () => {
  afterEach(() => { wasmDevice!.instrument(false); });

  /** Calls made by a create_graph sweep over `nOps` ops (x = sigmoid(x·w), a fused derivative each), then a second-order one. */
  const callsFor = (nOps: number): [number, number] => torch.tidy(() => {
    const w = torch.tensor([0.9], { requires_grad: true, device: 'wasm' });
    let x = torch.tensor([1.0], { device: 'wasm' });
    for (let i = 0; i < nOps / 2; i++) x = x.mul(w).sigmoid();
    const count = wasmDevice!.instrument();
    const [g] = torch.autograd.grad(x, [w], { create_graph: true });
    const first = count();
    const [h] = torch.autograd.grad(g!, [w]);
    const second = count() - first;
    wasmDevice!.instrument(false);
    expect(g!.requires_grad && h !== null).toBe(true);
    return [first, second];
  });

  it('are the same for graphs of 10, 1,000 and 10,000 ops, for the first and the second order', () => {
    callsFor(10);
    const small = callsFor(10);
    for (const nOps of [1_000, 10_000]) expect(callsFor(nOps), `${nOps} ops`).toEqual(small);
    expect(Math.max(...small)).toBeLessThanOrEqual(8);
  });
});

describe('calls into WASM during backward through views and in-place ops', () => {
  afterEach(() => { wasmDevice!.instrument(false); });

  /**
   * Calls made by one backward over `nOps` steps that each write through a view in place
   * (x = x·w; x[0] *= c, a CopySlices node) and read a view of the result (x.t().index([0]), SelectBackward0).
   */
  const callsFor = (nOps: number): number => torch.tidy(() => {
    const w = torch.tensor([[0.999, 1.001], [0.998, 1.002]], { requires_grad: true, device: 'wasm' });
    let x = torch.ones([2, 2], { device: 'wasm' });
    for (let i = 0; i < nOps / 3; i++) {
      x = x.mul(w);
      x.index([0]).mul_(1.0001);
      x = x.t().index([0]).unsqueeze(0).expand(2, 2);
    }
    const loss = x.sum();
    const count = wasmDevice!.instrument();
    loss.backward();
    const calls = count();
    wasmDevice!.instrument(false);
    expect(w.grad !== null && w.grad.abs().sum().item() > 0).toBe(true);
    return calls;
  });

  it('are the same for graphs of 30, 3,000 and 9,000 ops', () => {
    callsFor(30);
    const small = callsFor(30);
    for (const nOps of [3_000, 9_000]) expect(callsFor(nOps), `${nOps} ops`).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });
});

describe('the call counter', () => {
  it('sees calls (it can fail)', () => {
    const count = wasmDevice!.instrument();
    torch.tensor([1, 2], { device: 'wasm' }).mul(2);
    expect(count()).toBeGreaterThanOrEqual(2);
    wasmDevice!.instrument(false);
  });
});
