// Creation functions against PyTorch (fixtures/ops.json "creation"), on both
// devices, random ones included: torch.manual_seed(s) then rand/randn give
// PyTorch's own numbers. The *_like test reads its "scenarios" entry.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, expectClose, type TensorFixture } from './support/torch.js';

interface CreationCase {
  name: string; call: string; args: unknown[]; kwargs: Record<string, unknown>; seed: number | null; out: TensorFixture;
  /** 0 (exact) unless PyTorch's own loops disagree by a few ulp (logspace's vectorized one) */
  rtol: number;
}
const { creation: cases, scenarios } = loadFixture<{ creation: CreationCase[]; scenarios: Record<string, { values: Record<string, unknown> }> }>('ops.json');
const T = torch as unknown as Record<string, (...a: unknown[]) => torch.Tensor>;

describe.each(DEVICES)('creation on %s', (device) => {
  for (const c of cases) {
    it(c.name, () => {
      if (c.seed !== null) torch.manual_seed(c.seed);
      const t = T[c.call](...c.args, { ...c.kwargs, device });
      expect(t.device).toBe(device);
      expectClose(t, c.out, { rtol: c.rtol, atol: 0 });
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

  it('full_like, rand_like and randn_like: the plain forms at the input\'s shape, device and dtype', () => {
    const x = torch.zeros([2, 3], { device });
    expect(torch.full_like(x, 7).tolist()).toEqual(torch.full([2, 3], 7).tolist());
    expect(torch.full_like(x, 7).device).toBe(device);
    for (const [like, plain] of [[torch.rand_like, torch.rand], [torch.randn_like, torch.randn]] as const) {
      torch.manual_seed(3);
      const a = like(x);
      torch.manual_seed(3);
      expect([a.shape, a.device, a.tolist()]).toEqual([[2, 3], device, plain([2, 3]).tolist()]);
    }
    torch.manual_seed(0);
    const r = torch.randint_like(torch.zeros([8], { device, dtype: torch.int64 }), 10);
    torch.manual_seed(0);
    expect([r.dtype, r.tolist()]).toEqual([torch.int64, torch.randint(0, 10, [8]).tolist()]);
  });

  it('bad arguments get clear errors', () => {
    expect(() => torch.zeros([-1], { device })).toThrow(/negative dimension -1/);
    expect(() => torch.tensor([[1, 2], [3]], { device })).toThrow(/expected sequence of length 2 at dim 1/);
    expect(() => torch.arange(0, 1, 0, { device })).toThrow('step must be nonzero');
  });
});
