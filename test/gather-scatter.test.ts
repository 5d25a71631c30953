// The gather and scatter ops (src/ops/gather_scatter.ts) beyond the PyTorch fixtures (table.json,
// arguments.json): the gradients of every piece of a multi-output op reach the input (the
// fixtures backpropagate through the first piece only), and the wasm device's memory stays
// flat through every op, forward and backward, and through their errors.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES } from './support/torch.js';

type Pieces = [string, (x: torch.Tensor) => torch.Tensor[], (w: torch.Tensor[]) => torch.Tensor];
const pieces: Pieces[] = [
  ['split', (x) => torch.split(x, 2), (w) => torch.cat(w, 0)],
  ['split sizes', (x) => x.split([1, 3, 1]), (w) => torch.cat(w, 0)],
  ['chunk', (x) => x.chunk(3, 1), (w) => torch.cat(w, 1)],
  ['unbind', (x) => x.unbind(1), (w) => torch.stack(w, 1)],
  ['tensor_split', (x) => x.tensor_split([1, 4]), (w) => torch.cat(w, 0)],
];

describe.each(DEVICES)('multi-output ops on %s', (device) => {
  for (const [name, cut, join] of pieces) {
    it(`${name}: every piece's gradient reaches the input`, () => torch.tidy(() => {
      const x = torch.randn(5, 4, { device, requires_grad: true });
      const parts = cut(x);
      const w = parts.map((p) => torch.randn(...p.shape, { device }));
      parts.map((p, i) => p.mul(w[i]).sum()).reduce((a, b) => a.add(b)).backward();
      expect(Array.from(x.grad!.dataSync())).toEqual(Array.from(join(w).dataSync()));
    }));
  }
});

const snapshot = () => {
  const m = torch.memory('wasm');
  return { numTensors: m.numTensors, numRecords: m.numRecords, numBytes: m.numBytes, heapBytesInUse: m.heapBytesInUse };
};

describe('indexing 2 on wasm leaves memory flat', () => {
  const long = (v: number[]) => torch.tensor(v, { dtype: torch.long, device: 'wasm' });
  const run = () => torch.tidy(() => {
    const x = torch.randn(3, 4, { device: 'wasm', requires_grad: true });
    const v = torch.tensor(2, { device: 'wasm', requires_grad: true });
    const mask = torch.tensor([true, false, true, false], { device: 'wasm' });
    const ys = [
      x.flip([0]), x.fliplr(), x.index_select(1, long([0, 0, 3])), x.gather(1, long([0, 1, 1, 2, 3, 3]).view(3, 2)),
      x.take(long([0, -1])), x.take_along_dim(long([1, 2]).view(1, 2), 1), x.take_along_dim(long([5])),
      x.masked_fill(mask, 1), x.masked_fill(mask, v), x.masked_select(mask), x.tril(), x.triu(1), x.diagonal(),
      x.diag(), x.trace(), x.roll(1, 0), x.repeat(2, 1), x.tile(2),
      ...x.split(2), ...x.chunk(2, 1), ...x.unbind(), ...x.tensor_split(2),
      x.rot90(), x.diag_embed(), torch.nn.functional.pad(x, [1, -1]), x.repeat_interleave(2, 0),
      x.scatter(1, long([0, 3, 1]).view(3, 1), x.narrow(1, 0, 1)), x.scatter(0, long([1]).view(1, 1), 2),
      x.scatter_add(1, long([0, 0, 1]).view(3, 1), x.narrow(1, 1, 1)), x.index_add(0, long([2, 2]), x.narrow(0, 0, 2), { alpha: 2 }),
      x.index_copy(1, long([3]), x.narrow(1, 0, 1)), x.masked_scatter(mask, x), x.index_fill(1, long([0]), v),
      x.index([':', long([3, 0])]), x.index([long([2, 0]), mask]), x.index_put([long([1, 1])], v, true),
    ];
    ys.map((y) => y.sum()).reduce((a, b) => a.add(b)).backward();
    expect(() => x.index_select(0, long([5]))).toThrow(torch.IndexError);
    expect(() => x.gather(0, long([9]).view(1, 1))).toThrow(torch.RuntimeError);
  });
  it('forward, backward and errors, repeated', () => {
    run(); run();
    const before = snapshot();
    for (let i = 0; i < 20; i++) run();
    expect(snapshot()).toEqual(before);
  });
});
