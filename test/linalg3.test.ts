// torch.linalg.ldl_factor / ldl_factor_ex / ldl_solve, torch.geqrf, torch.ormqr and the deprecated
// chain_matmul, frobenius_norm, nuclear_norm (src/ops/linalg_ldl.ts, linalg_householder.ts,
// linalg_deprecated.ts) against PyTorch (fixtures/linalg3.json, from scripts/gen_linalg3_fixtures.py),
// on both devices: values (LAPACK's pivots exactly), grad_fn names, gradients (ormqr's, PyTorch 2's,
// through create_graph), PyTorch's errors, and the nodes of the functions without a derivative.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, values, type TensorFixture } from './support/torch.js';
import type { Tolerance } from './support/tolerances.js';
import { checkCase, checkError, run, expectFlatMemory, type Case, type ErrorCase, type Arg } from './support/linalg_cases.js';

interface LowrankCase {
  id: string; fn: 'svd_lowrank' | 'pca_lowrank'; A: TensorFixture; seed: number; kwargs: Record<string, unknown>;
  outs: TensorFixture[]; grad_fns: string[]; weight: TensorFixture; grad: TensorFixture;
}
interface NoGradCase { id: string; fn: string; args: Arg[]; kwargs: Record<string, unknown>; grad_fns: (string | null)[]; message: string }
const F = loadFixture<{ cases: Case[]; errors: ErrorCase[]; no_grad: NoGradCase[]; lowrank: LowrankCase[] }>('linalg3.json');
const TOL: Tolerance = { rtol: 2e-4, atol: 2e-5 };

// wasmgrad's node where PyTorch 1.13's differs (docs/api.md says why)
const NODE: Record<string, string> = {
  frobenius_all_f64: 'NormBackward1', // 1.13's frobenius_norm(input) is norm(input): NormBackward0; wasmgrad has torch.norm's one node
};

describe.each(DEVICES)('torch.linalg ldl, geqrf, ormqr and the deprecated forms on %s', (device) => {
  for (const c of F.cases) {
    it(c.id, () => {
      const expected = NODE[c.id] ? { ...c, grad_fns: [NODE[c.id]] } : c;
      checkCase(expected, device, TOL, (k) => c.outs[k]);
    });
  }

  for (const e of F.errors) {
    it(`raises PyTorch's error: ${e.id}`, () => checkError(e, device));
  }

  for (const c of F.no_grad) {
    it(`has no derivative, as PyTorch: ${c.id}`, () => {
      const { outs } = run(c, device);
      expect(outs.map((o) => o.grad_fn?.name() ?? null)).toEqual(c.grad_fns);
      expect(() => outs[0].sum().backward()).toThrow(c.message);
    });
  }

  // the same generator state as PyTorch's call: U and V agree up to each singular pair's sign
  for (const c of F.lowrank) {
    it(`${c.id}: PyTorch's values after the same manual_seed`, () => {
      const A = fromFixture(c.A, device).requires_grad_();
      const kw: Record<string, unknown> = { ...c.kwargs };
      if (kw.M) kw.M = fromFixture((kw.M as { tensor: TensorFixture }).tensor, device, false);
      torch.manual_seed(c.seed);
      const outs = torch[c.fn](A, kw);
      expectClose(outs[1], c.outs[1], TOL, 'S');
      const [m, k] = c.outs[0].shape.slice(-2), u = values(c.outs[0]), ours = Array.from(outs[0].dataSync());
      const sign = (b: number, j: number): number => {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += u[b * m * k + i * k + j] * ours[b * m * k + i * k + j];
        return dot < 0 ? -1 : 1;
      };
      for (const which of [0, 2]) {
        const e = c.outs[which], [r] = e.shape.slice(-2);
        const data = values(e).map((x, i) => x * sign(Math.floor(i / (r * k)), i % k));
        expectClose(outs[which], { ...e, data }, TOL, which ? 'V' : 'U');
      }
      expect(outs.map((o) => o.grad_fn?.name() ?? null)).toEqual(c.grad_fns);
      const [g] = torch.autograd.grad(outs[1].mul(fromFixture(c.weight, device, false)).sum(), [A]);
      expectClose(g!, c.grad, TOL, 'gradient of S');
    });
  }

  const opts = { dtype: 'float64', device } as const;
  it('svd_lowrank and pca_lowrank draw from the global generator: the same seed, the same result', () => {
    torch.manual_seed(9);
    const A = torch.randn([12, 7], opts);
    const run1 = (): torch.Tensor[] => { torch.manual_seed(4); return torch.svd_lowrank(A, 3); };
    const [U, S, V] = run1(), [U2, S2, V2] = run1();
    expect(Array.from(U2.dataSync())).toEqual(Array.from(U.dataSync()));
    expect(Array.from(S2.dataSync())).toEqual(Array.from(S.dataSync()));
    expect(Array.from(V2.dataSync())).toEqual(Array.from(V.dataSync()));
    torch.manual_seed(4);
    const [, P] = torch.pca_lowrank(A, { q: 3, center: false });
    expect(Array.from(P.dataSync())).toEqual(Array.from(S.dataSync()));
  });

  const close = (x: torch.Tensor, y: torch.Tensor, tol = 1e-10): void => {
    expect(x.shape).toEqual(y.shape);
    const d = Array.from(x.sub(y).abs().dataSync());
    expect(Math.max(0, ...d)).toBeLessThanOrEqual(tol);
  };

  it('ldl_solve solves what linalg.solve solves; ldl_factor_ex is ldl_factor with info', () => {
    torch.manual_seed(5);
    const x = torch.randn([3, 6, 6], opts), A = x.add(x.mT), B = torch.randn([3, 6, 2], opts);
    const [LD, pivots] = torch.linalg.ldl_factor(A);
    const [LD2, piv2, info] = torch.linalg.ldl_factor_ex(A, { check_errors: true });
    close(LD2, LD, 0); close(piv2, pivots, 0); close(info, torch.zeros([3], { dtype: 'int32', device }), 0);
    close(torch.linalg.ldl_solve(LD, pivots, B), torch.linalg.solve(A, B));
    // the upper triangle is not read
    close(torch.linalg.ldl_factor(A.tril())[0], LD, 0);
  });

  it('geqrf is linalg.qr in compact form, ormqr is op(Q) times other, as householder_product gives Q', () => {
    torch.manual_seed(6);
    const A = torch.randn([2, 5, 3], opts), C = torch.randn([2, 5, 4], opts), D = torch.randn([2, 4, 5], opts);
    const [a, tau] = torch.geqrf(A);
    const [a2, tau2] = A.geqrf();
    close(a2, a, 0); close(tau2, tau, 0);
    const [Q, R] = torch.linalg.qr(A);
    close(a.triu().narrow(-2, 0, 3), R);
    close(torch.linalg.householder_product(a, tau), Q);
    const full = torch.linalg.householder_product(torch.cat([a, torch.zeros([2, 5, 2], opts)], -1), tau);
    close(torch.ormqr(a, tau, C), full.matmul(C));
    close(a.ormqr(tau, C, true, true), full.mT.matmul(C));
    close(torch.ormqr(a, tau, D, false), D.matmul(full));
    close(torch.ormqr(a, tau, D, false, true), D.matmul(full.mT));
  });

  it('the deprecated forms are their torch.linalg replacements', () => {
    torch.manual_seed(7);
    const [x, y, z] = [torch.randn([2, 3], opts), torch.randn([3, 4], opts), torch.randn([4, 2], opts)];
    close(torch.chain_matmul(x, y, z), torch.linalg.multi_dot([x, y, z]));
    close(torch.frobenius_norm(x, [0, 1]), torch.linalg.matrix_norm(x));
    close(torch.nuclear_norm(x), torch.linalg.matrix_norm(x, 'nuc'));
  });

  it('gradcheck and gradgradcheck: ormqr, every side and transpose (float64)', () => {
    torch.manual_seed(8);
    const a = torch.randn([4, 3], opts).requires_grad_(), tau = torch.randn([3], opts).requires_grad_();
    const left = torch.randn([4, 2], opts).requires_grad_(), right = torch.randn([2, 4], opts).requires_grad_();
    for (const [c, l] of [[left, true], [right, false]] as const) {
      for (const t of [false, true]) {
        const f = (p: torch.Tensor, q: torch.Tensor, r: torch.Tensor): torch.Tensor => torch.ormqr(p, q, r, l, t);
        expect(torch.autograd.gradcheck(f, [a, tau, c])).toBe(true);
        expect(torch.autograd.gradgradcheck(f, [a, tau, c])).toBe(true);
      }
    }
  });

  it('an error leaves memory flat: ldl_factor, ldl_solve, geqrf, ormqr with create_graph in tidy', () => {
    if (device !== 'wasm') return; // the js device's tensors are garbage collected
    const x = torch.randn([2, 4, 4], opts).requires_grad_();
    const step = (): void => torch.tidy(() => {
      const S = x.add(x.mT).detach();
      const [LD, piv] = torch.linalg.ldl_factor(S);
      const [a, tau] = torch.geqrf(x.detach());
      const y = torch.linalg.ldl_solve(LD, piv, x.detach()).sum().add(torch.ormqr(a, tau, x).mul(x).sum());
      const [g] = torch.autograd.grad(y, x, { create_graph: true });
      g!.sum().backward();
      expect(() => torch.linalg.ldl_factor(x.detach().mul(0))).toThrow(/Unknown error code: 1/);
      expect(() => torch.ormqr(a, tau, x.narrow(-1, 0, 3), false)).toThrow(/other.shape\[-1\] must be/);
    });
    expectFlatMemory(step, () => { x.grad = null; });
  });

  it('ldl_solve refuses pivots sytrs would read out of bounds (PyTorch does not check them)', () => {
    const LD = torch.eye(3, opts), B = torch.ones([3, 1], opts);
    for (const p of [[0, 1, 2], [1, 2, 4], [1, 2, -3], [-2, 3, 3]]) {
      expect(() => torch.linalg.ldl_solve(LD, torch.tensor(p, { dtype: 'int32', device }), B)).toThrow(/pivots/);
    }
  });
});
