// Creation functions against PyTorch (fixtures/ops.json "creation"), on both
// devices, random ones included: torch.manual_seed(s) then rand/randn give
// PyTorch's own numbers. The *_like test reads its "scenarios" entry.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, expectClose, type TensorFixture } from './support/torch.js';

interface CreationCase {
  name: string; call: string; args: unknown[]; kwargs: Record<string, unknown>; seed: number | null; out: TensorFixture;
}
const { creation: cases, scenarios } = loadFixture<{ creation: CreationCase[]; scenarios: Record<string, { values: Record<string, unknown> }> }>('ops.json');
const T = torch as unknown as Record<string, (...a: unknown[]) => torch.Tensor>;

describe.each(DEVICES)('creation on %s', (device) => {
  for (const c of cases) {
    it(c.name, () => {
      if (c.seed !== null) torch.manual_seed(c.seed);
      const t = T[c.call](...c.args, { ...c.kwargs, device });
      expect(t.device).toBe(device);
      expectClose(t, c.out, { rtol: 0, atol: 0 });
    });
  }

  it('*_like copy shape, dtype and device; requires_grad option', () => {
    const x = torch.tensor([[1, 2, 3]], { device, dtype: 'int64' });
    const z = torch.zeros_like(x);
    const want = scenarios['creation/like'].values;
    expect([z.shape, z.dtype, z.device, z.tolist()]).toEqual([x.shape, torch.int64, device, want.zeros_like]);
    const o = torch.ones_like(torch.zeros([2], { device }), { requires_grad: true });
    expect([o.tolist(), o.requires_grad, o.is_leaf]).toEqual([want.ones_like, true, true]);
  });

  it('bad arguments get clear errors', () => {
    expect(() => torch.zeros([-1], { device })).toThrow(/negative dimension -1/);
    expect(() => torch.tensor([[1, 2], [3]], { device })).toThrow(/expected sequence of length 2 at dim 1/);
    expect(() => torch.arange(0, 1, 0, { device })).toThrow('step must be nonzero');
  });
});
