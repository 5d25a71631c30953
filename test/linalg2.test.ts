// torch.linalg's svd, LU family, matrix_exp, cond, tensorinv / tensorsolve, and the torch.* and
// Tensor method forms of the linalg functions (src/ops/linalg_svd.ts, linalg_lu.ts,
// linalg_rest.ts) against PyTorch (fixtures/linalg2.json, from scripts/gen_linalg2_fixtures.py),
// on both devices: values, grad_fn names, gradients, float64 second-order gradients through
// create_graph, PyTorch's errors; and torch.autograd.gradcheck / gradgradcheck.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, values, type TensorFixture } from './support/torch.js';
import type { Tolerance } from './support/tolerances.js';
import { checkCase, checkError, expectFlatMemory, type Case, type ErrorCase } from './support/linalg_cases.js';

const F = loadFixture<{ cases: Case[]; errors: ErrorCase[] }>('linalg2.json');
const TOL: Tolerance = { rtol: 2e-4, atol: 2e-5 };
const SVD = ['linalg.svd', 'svd', 'Tensor.svd'];

/** The sign (±1) of each of our first k columns of U against PyTorch's (a singular pair is unique only up to sign). */
function signs(expected: TensorFixture, actual: torch.Tensor, k: number): number[][] {
  const e = values(expected), a = Array.from(actual.dataSync()), [m, cols] = expected.shape.slice(-2);
  const out: number[][] = [];
  for (let b = 0; b * m * cols < e.length; b++) {
    const s: number[] = [];
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += e[b * m * cols + i * cols + j] * a[b * m * cols + i * cols + j];
      s.push(dot < 0 ? -1 : 1);
    }
    out.push(s);
  }
  return out;
}

/**
 * PyTorch's U, and Vh (rows) or V (columns), with each pair's sign flipped to match ours; the
 * columns beyond min(m, n) of a full U or V (any orthonormal completion) are taken as ours.
 */
function alignSvd(c: Case, k: number, outs: torch.Tensor[]): TensorFixture | null {
  const e = c.outs[k]!;
  if (k === 1) return e;
  const [m, n] = outs[0].shape.at(-2)! === undefined ? [0, 0] : [outs[0].shape.at(-2)!, outs[2].shape.at(-1)!];
  const kk = Math.min(m, n), sg = signs(c.outs[0]!, outs[0], kk);
  const ex = values(e), ac = Array.from(outs[k].dataSync()), [r, cols] = e.shape.slice(-2);
  const byRow = c.fn === 'linalg.svd' && k === 2;
  const data = ex.map((v, i) => {
    const b = Math.floor(i / (r * cols)), row = Math.floor(i / cols) % r, col = i % cols, j = byRow ? row : col;
    return j < kk ? v * sg[b][j] : ac[i];
  });
  return { ...e, data };
}

describe.each(DEVICES)('torch.linalg svd, lu, matrix_exp, cond and the method forms on %s', (device) => {
  for (const c of F.cases) {
    it(c.id, () => {
      checkCase(c, device, TOL, (k, _o, outs) => (SVD.includes(c.fn) && c.kwargs.compute_uv !== false ? alignSvd(c, k, outs) : c.outs[k]));
    });
  }

  for (const e of F.errors) {
    it(`raises PyTorch's error: ${e.id}`, () => checkError(e, device));
  }

  it('the older torch.* names and the _ex forms give what torch.linalg gives', () => {
    torch.manual_seed(1);
    const opts = { dtype: 'float64', device } as const;
    const x = torch.randn([2, 3, 3], opts), b = torch.randn([2, 3, 2], opts);
    const same = (a: torch.Tensor, c: torch.Tensor): void => expect(Array.from(a.dataSync())).toEqual(Array.from(c.dataSync()));
    const [LU, piv] = torch.linalg.lu_factor(x);
    const [LU2, piv2, info] = torch.linalg.lu_factor_ex(x);
    same(LU2, LU); same(piv2, piv); same(info, torch.zeros([2], { dtype: 'int32', device }));
    const [LU3, piv3] = torch.lu(x);
    same(LU3, LU); same(piv3, piv);
    same(torch.lu_solve(b, LU, piv), torch.linalg.lu_solve(LU, piv, b));
    same(torch.matrix_exp(x), torch.linalg.matrix_exp(x));
    same(torch.pinverse(x), torch.linalg.pinv(x, { rtol: 1e-15 }));
    same(torch.linalg.tensorinv(x.select(0, 0), { ind: 1 }), torch.linalg.inv(x.select(0, 0)));
    const [Q, R] = torch.qr(x);
    torch.linalg.qr(x).forEach((t, k) => same(t, [Q, R][k]));
    const U = x.triu().add(torch.eye(3, opts).mul(3));
    same(torch.triangular_solve(b, U)[0], torch.linalg.solve_triangular(U, b, { upper: true }));
    const L = torch.linalg.cholesky(x.matmul(x.mT).add(torch.eye(3, opts)));
    const [h, tau] = [torch.randn([4, 3], opts), torch.randn([3], opts)];
    same(torch.orgqr(h, tau), torch.linalg.householder_product(h, tau));
    const [X, info2] = torch.linalg.solve_ex(x, b);
    same(X, torch.linalg.solve(x, b)); same(info2, info);
    const d = Array.from(torch.cholesky_inverse(L).sub(torch.linalg.inv(L.matmul(L.mT))).abs().dataSync());
    expect(Math.max(...d)).toBeLessThan(1e-10);
  });

  it("svd's full U and Vh are orthogonal, and U·diag(S)·Vh is A", () => {
    torch.manual_seed(3);
    for (const shape of [[4, 2], [2, 5], [3, 3]]) {
      const A = torch.randn(shape, { dtype: 'float64', device });
      const [U, S, Vh] = torch.linalg.svd(A);
      const [m, n] = shape, k = Math.min(m, n);
      const close = (x: torch.Tensor, y: torch.Tensor): void => {
        const d = Array.from(x.sub(y).abs().dataSync());
        expect(Math.max(0, ...d)).toBeLessThan(1e-12);
      };
      close(U.mT.matmul(U), torch.eye(m, { dtype: 'float64', device }));
      close(Vh.matmul(Vh.mT), torch.eye(n, { dtype: 'float64', device }));
      close(U.narrow(-1, 0, k).mul(S).matmul(Vh.narrow(-2, 0, k)), A);
    }
  });

  it('torch.linalg.eig and eigvals raise: their results are complex', () => {
    const A = torch.eye(2, { device });
    expect(() => torch.linalg.eig(A)).toThrow(torch.NotImplementedError);
    expect(() => torch.linalg.eigvals(A)).toThrow(/complex/);
  });

  it('leaves memory flat: svd, lu, lu_solve and matrix_exp with create_graph in tidy', () => {
    if (device !== 'wasm') return; // the js device's tensors are garbage collected
    const x = torch.randn([2, 3, 3], { device, dtype: 'float64' }).requires_grad_();
    const step = (): void => torch.tidy(() => {
      const [U, S, Vh] = torch.linalg.svd(x);
      const [, L, Up] = torch.linalg.lu(x);
      const [LU, piv] = torch.linalg.lu_factor(x);
      const y = U.mul(U).sum().add(S.sum()).add(Vh.mul(Vh).sum()).add(L.sum()).add(Up.sum())
        .add(torch.linalg.lu_solve(LU, piv, x).sum()).add(torch.linalg.matrix_exp(x).sum()).add(torch.linalg.cond(x, 'fro').sum());
      const [g] = torch.autograd.grad(y, x, { create_graph: true });
      g!.sum().backward();
      expect(() => torch.linalg.lu_factor(x.mul(0))).toThrow(torch.linalg.LinAlgError);
    });
    expectFlatMemory(step, () => { x.grad = null; });
  });

  describe('gradcheck and gradgradcheck (float64)', () => {
    const opts = { dtype: 'float64', device } as const;
    const seeded = (seed: number, ...shape: number[]): torch.Tensor => {
      torch.manual_seed(seed);
      return torch.randn(shape, opts).requires_grad_();
    };
    const spd = (x: torch.Tensor): torch.Tensor => x.matmul(x.mT).add(torch.eye(x.shape.at(-1)!, opts).mul(3));
    const luSolve = (left: boolean, adjoint: boolean) => (a: torch.Tensor, b: torch.Tensor): torch.Tensor => {
      const [LU, piv] = torch.linalg.lu_factor(a);
      return torch.linalg.lu_solve(LU, piv, b, { left, adjoint });
    };
    const checks: [string, (...a: torch.Tensor[]) => torch.Tensor | torch.Tensor[], torch.Tensor[]][] = [
      ['linalg.svd tall', (a) => { const [U, S, Vh] = torch.linalg.svd(a, false); return [U.mul(U), S, Vh.mul(Vh)]; }, [seeded(1, 4, 3)]],
      ['linalg.svd wide full', (a) => { const [U, S, Vh] = torch.linalg.svd(a); return [U.narrow(-1, 0, 2).mul(U.narrow(-1, 0, 2)), S, Vh.narrow(-2, 0, 2).abs()]; }, [seeded(2, 2, 4)]],
      ['svd V', (a) => { const [U, S, V] = torch.svd(a); return [U.abs(), S, V.abs()]; }, [seeded(3, 3, 3)]],
      ['linalg.lu square', (a) => torch.linalg.lu(a).slice(1), [seeded(4, 3, 3)]],
      ['linalg.lu wide', (a) => torch.linalg.lu(a).slice(1), [seeded(5, 2, 4)]],
      ['linalg.lu tall', (a) => torch.linalg.lu(a).slice(1), [seeded(6, 4, 2)]],
      ['linalg.lu_factor', (a) => torch.linalg.lu_factor(a)[0], [seeded(7, 2, 3, 3)]],
      ['linalg.lu_solve', luSolve(true, false), [seeded(8, 3, 3), seeded(9, 3, 2)]],
      ['linalg.lu_solve adjoint', luSolve(true, true), [seeded(8, 3, 3), seeded(9, 3, 2)]],
      ['linalg.lu_solve right', luSolve(false, false), [seeded(8, 3, 3), seeded(10, 2, 3)]],
      ['linalg.lu_solve right adjoint', luSolve(false, true), [seeded(8, 3, 3), seeded(10, 2, 3)]],
      ['lu_unpack', (a) => { const [LU, piv] = torch.linalg.lu_factor(a); return torch.lu_unpack(LU, piv).slice(1); }, [seeded(11, 3, 2)]],
      ['linalg.matrix_exp', (a) => torch.linalg.matrix_exp(a), [seeded(12, 2, 3, 3)]],
      ['linalg.cond fro', (a) => torch.linalg.cond(a, 'fro'), [seeded(14, 3, 3)]],
      ['linalg.tensorsolve', (a, b) => torch.linalg.tensorsolve(a, b), [seeded(15, 2, 3, 6), seeded(16, 2, 3)]],
      ['cholesky_inverse', (a) => torch.cholesky_inverse(torch.linalg.cholesky(spd(a))), [seeded(17, 3, 3)]],
      ['linalg.householder_product', (a, t) => torch.linalg.householder_product(a, t), [seeded(20, 2, 4, 3), seeded(21, 2, 2)]],
      ['triangular_solve transpose', (b, a) => torch.triangular_solve(b, a.triu().add(torch.eye(3, opts).mul(3)), true, true)[0], [seeded(18, 3, 2), seeded(19, 3, 3)]],
    ];
    for (const [name, f, inputs] of checks) {
      it(name, () => {
        expect(torch.autograd.gradcheck(f, inputs)).toBe(true);
        expect(torch.autograd.gradgradcheck(f, inputs)).toBe(true);
      });
    }
    // over svdvals, whose node does not record its derivative yet: first order only
    it('linalg.cond 2', () => { expect(torch.autograd.gradcheck((a) => torch.linalg.cond(a), [seeded(13, 3, 3)])).toBe(true); });
  });
});
