// The tape and the backward sweep live in WASM: backward() over a graph of
// any size crosses from JS into the module a constant number of times.
// Counted by wrapping every export of the module (WasmDevice.instrument).

import { describe, it, expect, afterEach } from 'vitest';
import { torch } from './support/torch.js';
import { wasmDevice } from '../src/wasm/device.js';

function callsForBackward(nOps: number): number {
  const w = torch.tensor([0.999], { requires_grad: true, device: 'wasm' });
  const b = torch.tensor([0.001], { requires_grad: true, device: 'wasm' });
  let x = torch.tensor([1.0], { device: 'wasm' });
  for (let i = 0; i < nOps / 2; i++) x = x.mul(w).add(b);
  const count = wasmDevice!.instrument();
  x.backward();
  const calls = count();
  wasmDevice!.instrument(false);
  expect(w.grad!.item()).toBeGreaterThan(0);
  return calls;
}

describe('calls into WASM during backward()', () => {
  afterEach(() => { wasmDevice!.instrument(false); });

  it('are the same for graphs of 10, 1,000 and 10,000 ops', () => {
    // the first call may also grow the args buffer (one more call, once per process)
    callsForBackward(10);
    const small = callsForBackward(10);
    const thousand = callsForBackward(1_000);
    const large = callsForBackward(10_000);
    expect(thousand).toBe(small);
    expect(large).toBe(small);
    // front-end checks read memory directly; the sweep itself is one call plus its argument buffer
    expect(small).toBeLessThanOrEqual(8);
  });

  it('the counter sees calls (it can fail)', () => {
    const count = wasmDevice!.instrument();
    torch.tensor([1, 2], { device: 'wasm' }).mul(2);
    expect(count()).toBeGreaterThanOrEqual(2);
  });
});
