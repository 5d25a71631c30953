// The scans (src/ops/scan.ts) beyond the PyTorch fixtures (table.json, arguments.json): the
// in-place forms keep integer dtypes and record the scan's node, a 0-d cummax takes any dim as
// PyTorch's does, integer results beyond int32 raise, and the wasm device's memory stays flat
// through every scan, forward and backward, and through their errors. Values are PyTorch 1.13's.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES } from './support/torch.js';

describe.each(DEVICES)('scans on %s', (device) => {
  it('cumsum_ and cumprod_ of an int32 tensor stay int32', () => torch.tidy(() => {
    const a = torch.tensor([3, -1, 2], { dtype: torch.int32, device });
    expect(a.cumsum_(0).tolist()).toEqual([3, 2, 4]);
    expect(a.cumprod_(-1).tolist()).toEqual([3, 6, 24]);
    expect(a.dtype).toBe(torch.int32);
  }));

  it('cumsum_ of a non-leaf records CumsumBackward0 and gives cumsum\'s gradient', () => torch.tidy(() => {
    const x = torch.tensor([[1, -2, 3], [0.5, 4, -1]], { device, requires_grad: true });
    const y = x.mul(2);
    y.cumsum_(1);
    expect(y.grad_fn?.name()).toBe('CumsumBackward0');
    y.mul(torch.tensor([1, 10, 100], { device })).sum().backward();
    expect(x.grad!.tolist()).toEqual([[222, 220, 200], [222, 220, 200]]);
  }));

  it('cummax and cummin of a 0-d tensor take any dim, as PyTorch (whose backward then raises)', () => torch.tidy(() => {
    const [v, i] = torch.cummax(torch.tensor(1.5, { device }), 5);
    expect([v.item(), i.item(), i.dtype]).toEqual([1.5, 0, torch.int64]);
    expect(torch.tensor(2, { device }).cummin(-3)[0].item()).toBe(2);
    const x = torch.tensor(1.5, { device, requires_grad: true });
    expect(() => torch.cummax(x, 5)).toThrow('Dimension out of range (expected to be in range of [-1, 0], but got 5)');
    expect(torch.cummax(x, -1)[0].grad_fn?.name()).toBe('CummaxBackward0');
  }));

  it('an integer cumsum or cumprod beyond int32 raises (PyTorch would give int64) and the engine still works', () => torch.tidy(() => {
    const big = torch.tensor([2e9, 2e9], { dtype: torch.long, device });
    expect(() => big.cumsum(0)).toThrow(torch.RuntimeError);
    expect(() => torch.tensor([65536, 65536], { dtype: torch.int32, device }).cumprod(0)).toThrow(torch.RuntimeError);
    expect(torch.cumsum(torch.tensor([true, true, false], { device }), 0).tolist()).toEqual([1, 2, 2]);
  }));
});

const snapshot = () => {
  const m = torch.memory('wasm');
  return { numTensors: m.numTensors, numRecords: m.numRecords, numBytes: m.numBytes, heapBytesInUse: m.heapBytesInUse };
};

describe('scans on wasm leave memory flat', () => {
  const run = () => torch.tidy(() => {
    const x = torch.tensor([[1, 0, -2, 3], [0.5, 2, 0, 0]], { device: 'wasm', requires_grad: true });
    const ys = [
      x.cumsum(1), torch.cumprod(x, 1), x.cummax(0)[0], torch.cummin(x, -1)[0], x.logcumsumexp(1),
      torch.cumsum(x, 0, { dtype: torch.float64 }).float(), x.mul(1).cumprod_(0),
    ];
    ys.map((y) => y.sum()).reduce((a, b) => a.add(b)).backward();
    torch.cumsum(torch.tensor([1, 2], { dtype: torch.long, device: 'wasm' }), 0);
    expect(() => torch.tensor([2e9, 2e9], { dtype: torch.long, device: 'wasm' }).cumsum(0)).toThrow(torch.RuntimeError);
    expect(() => x.cumsum(2)).toThrow(torch.IndexError);
  });
  it('forward, backward and errors, repeated', () => {
    run(); run();
    const before = snapshot();
    for (let i = 0; i < 20; i++) run();
    expect(snapshot()).toEqual(before);
  });
});
