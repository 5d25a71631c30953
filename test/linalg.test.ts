// torch.linalg's factorizations and solvers (src/ops/linalg_factor.ts) against PyTorch
// (fixtures/linalg.json, from scripts/gen_linalg_fixtures.py), on both devices: each case's
// outputs, grad_fn names, input gradients and (float64) second-order gradients through
// create_graph; PyTorch's errors; and torch.autograd.gradcheck on every function.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, values, type TensorFixture } from './support/torch.js';
import type { Tolerance } from './support/tolerances.js';
import { checkCase, checkError, expectFlatMemory, type Case, type ErrorCase } from './support/linalg_cases.js';

const F = loadFixture<{ cases: Case[]; errors: ErrorCase[] }>('linalg.json');

// float32 cases: PyTorch's LAPACK in float32 against float64 rounded once; float64 cases get a
// millionth of this (expectClose), except the ill-conditioned ones, whose PyTorch results carry
// cond·ε of error themselves
const TOL: Tolerance = { rtol: 2e-4, atol: 2e-5 };
const ILL: Tolerance = { rtol: 10, atol: 10 };

/** PyTorch's eigenvectors with each column's sign flipped to match ours (an eigenvector is unique only up to sign). */
function alignColumns(expected: TensorFixture, actual: torch.Tensor): TensorFixture {
  const e = values(expected), a = Array.from(actual.dataSync()), n = expected.shape.at(-1)!;
  const data = e.slice();
  for (let b = 0; b * n * n < e.length; b++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += e[b * n * n + i * n + j] * a[b * n * n + i * n + j];
      if (dot < 0) for (let i = 0; i < n; i++) data[b * n * n + i * n + j] = -e[b * n * n + i * n + j];
    }
  }
  return { ...expected, data };
}

describe.each(DEVICES)('torch.linalg factorizations on %s', (device) => {
  for (const c of F.cases) {
    it(c.id, () => {
      checkCase(c, device, c.id.includes('ill') ? ILL : TOL, (k, o) => (c.fn === 'linalg.eigh' && k === 1 ? alignColumns(c.outs[k]!, o) : c.outs[k]));
    });
  }

  for (const e of F.errors) {
    it(`raises PyTorch's error: ${e.id}`, () => checkError(e, device));
  }

  it('the older torch.* names and the _ex and hermitian forms give what torch.linalg gives', () => {
    torch.manual_seed(0);
    const x = torch.randn([2, 3, 3], { dtype: 'float64', device }), s = x.matmul(x.mT).add(torch.eye(3, { dtype: 'float64', device }));
    const same = (a: torch.Tensor, b: torch.Tensor): void => expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    same(torch.det(x), torch.linalg.det(x));
    torch.slogdet(x).forEach((t, k) => same(t, torch.linalg.slogdet(x)[k]));
    same(torch.cholesky(s), torch.linalg.cholesky(s));
    same(torch.cholesky(s, true), torch.linalg.cholesky(s, { upper: true }));
    const [L, info] = torch.linalg.cholesky_ex(s);
    same(L, torch.linalg.cholesky(s));
    expect(info.dtype.name).toBe('int32');
    same(torch.linalg.matrix_rank(s, { hermitian: true }), torch.linalg.matrix_rank(s));
    same(torch.linalg.inv_ex(x)[0], torch.linalg.inv(x));
  });

  it('leaves memory flat: forward, backward and create_graph in tidy, and a failed factorization', () => {
    if (device !== 'wasm') return; // the js device's tensors are garbage collected
    const x = torch.randn([2, 3, 3], { device, dtype: 'float64' }).requires_grad_();
    const step = (): void => torch.tidy(() => {
      const s = x.matmul(x.mT).add(torch.eye(3, { device, dtype: 'float64' }));
      const [l, v] = torch.linalg.eigh(s);
      const [q, r] = torch.linalg.qr(x);
      const y = torch.linalg.det(x).sum().add(torch.linalg.solve(x, q).sum()).add(torch.linalg.cholesky(s).sum())
        .add(l.sum()).add(v.mul(v).sum()).add(r.sum()).add(torch.linalg.pinv(x).sum()).add(torch.logdet(s).sum());
      const [g] = torch.autograd.grad(y, x, { create_graph: true });
      g!.sum().backward();
      expect(() => torch.linalg.cholesky(x.neg().mul(0))).toThrow(torch.linalg.LinAlgError);
    });
    expectFlatMemory(step, () => { x.grad = null; });
  });

  describe('gradcheck (float64)', () => {
    const opts = { dtype: 'float64', device } as const;
    const seeded = (seed: number, ...shape: number[]): torch.Tensor => {
      torch.manual_seed(seed);
      return torch.randn(shape, opts).requires_grad_();
    };
    const spd = (x: torch.Tensor): torch.Tensor => x.matmul(x.mT).add(torch.eye(x.shape.at(-1)!, opts).mul(3));
    const checks: [string, (...a: torch.Tensor[]) => torch.Tensor | torch.Tensor[], torch.Tensor[]][] = [
      ['linalg.det', (a) => torch.linalg.det(a), [seeded(1, 2, 3, 3)]],
      ['linalg.slogdet', (a) => torch.linalg.slogdet(a)[1], [seeded(2, 3, 3)]],
      ['logdet', (a) => torch.logdet(spd(a)), [seeded(3, 3, 3)]],
      ['linalg.solve', (a, b) => torch.linalg.solve(a, b), [seeded(4, 3, 3), seeded(5, 2, 3, 2)]],
      ['linalg.cholesky', (a) => torch.linalg.cholesky(spd(a)), [seeded(6, 3, 3)]],
      ['linalg.cholesky upper', (a) => torch.linalg.cholesky(spd(a), { upper: true }), [seeded(6, 3, 3)]],
      ['linalg.qr tall', (a) => torch.linalg.qr(a), [seeded(7, 4, 3)]],
      ['linalg.qr wide', (a) => torch.linalg.qr(a), [seeded(8, 2, 4)]],
      ['linalg.eigh', (a) => { const [l, v] = torch.linalg.eigh(a.add(a.mT)); return [l, v.mul(v)]; }, [seeded(9, 3, 3)]],
      ['linalg.eigvalsh', (a) => torch.linalg.eigvalsh(a.add(a.mT)), [seeded(10, 2, 3, 3)]],
      ['linalg.solve_triangular', (a, b) => torch.linalg.solve_triangular(a.triu().add(torch.eye(3, opts).mul(3)), b, { upper: true, left: false }), [seeded(11, 3, 3), seeded(12, 2, 3)]],
      ['linalg.pinv', (a) => torch.linalg.pinv(a), [seeded(15, 2, 3, 2)]],
      ['linalg.pinv hermitian', (a) => torch.linalg.pinv(spd(a), { hermitian: true }), [seeded(16, 3, 3)]],
      ['linalg.lstsq', (a, b) => torch.linalg.lstsq(a, b)[0], [seeded(17, 4, 2), seeded(18, 4, 3)]],
      ['linalg.multi_dot', (a, b, c) => torch.linalg.multi_dot([a, b, c]), [seeded(19, 3), seeded(20, 3, 4), seeded(21, 4, 2)]],
      ['linalg.vecdot', (a, b) => torch.linalg.vecdot(a, b), [seeded(22, 2, 3), seeded(23, 3)]],
      ['cholesky_solve', (b, a) => torch.cholesky_solve(b, torch.linalg.cholesky(spd(a))), [seeded(13, 3, 2), seeded(14, 3, 3)]],
    ];
    for (const [name, f, inputs] of checks) {
      it(name, () => { expect(torch.autograd.gradcheck(f, inputs)).toBe(true); });
    }
  });
});
