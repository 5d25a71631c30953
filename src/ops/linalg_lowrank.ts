// torch.svd_lowrank and torch.pca_lowrank (helper linalg3): Halko et al.'s randomized range finder
// and SVD, composed of recorded ops as torch/_lowrank.py composes them. The random test matrix is
// torch.randn(n, q) from the global generator, whose stream is PyTorch's, so after the same
// manual_seed the results are PyTorch's (singular vectors up to the sign linalg.svd gives them).

import { ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { randn } from '../creation.js';
import { isFloating } from '../dtype.js';
import { qr } from './linalg_factor.js';
import { svd } from './linalg_svd.js';
import { mT } from './linalg_factor.js';

/** (A − M)·X, with no M: A·X. */
const minus = (A: Tensor, M: Tensor | null, X: Tensor): Tensor => (M ? A.matmul(X).sub(M.matmul(X)) : A.matmul(X));

/** Q with q orthonormal columns such that Q·Qᵀ·(A − M) approximates A − M (Halko et al., algorithm 4.4). */
function approximateBasis(A: Tensor, q: number, niter: number, M: Tensor | null): Tensor {
  const n = A._shape.at(-1)!;
  const R = randn([n, q], { dtype: isFloating(A._dtype) ? A.dtype : 'float32', device: A.device });
  const At = mT(A), Mt = M && mT(M);
  let Q = qr(minus(A, M, R))[0];
  for (let i = 0; i < niter; i++) {
    Q = qr(minus(At, Mt, Q))[0];
    Q = qr(minus(A, M, Q))[0];
  }
  return Q;
}

function svdLowrank(A: Tensor, q: number, niter: number, M: Tensor | null): [Tensor, Tensor, Tensor] {
  const [m, n] = A._shape.slice(-2);
  if (m < n || n > q) {
    // the range of Aᵀ keeps B small when A is wide, or V small when n exceeds q
    const Q = approximateBasis(mT(A), q, niter, M && mT(M));
    const [U, S, Vh] = svd(minus(A, M, Q), false);
    return [U, S, Q.matmul(mT(Vh))];
  }
  const Q = approximateBasis(A, q, niter, M);
  const [U, S, Vh] = svd(mT(minus(mT(A), M && mT(M), Q)), false);
  return [Q.matmul(U), S, mT(Vh)];
}

/**
 * A randomized SVD of a low-rank matrix or batch (of A − M when M is given): [U, S, V] with
 * A ≈ U·diag(S)·Vᵀ, q (default 6) columns, niter (default 2) subspace iterations. Uses the global
 * generator (torch.randn), so call torch.manual_seed first for PyTorch's result.
 * @example torch.manual_seed(0); const [U, S, V] = torch.svd_lowrank(torch.randn(20, 8), 3);
 */
export function svd_lowrank(A: Tensor, q?: number | null | SvdLowrankOptions, niter?: number | null, M?: Tensor | null): [Tensor, Tensor, Tensor];
export function svd_lowrank(A: Tensor, ...rest: unknown[]): [Tensor, Tensor, Tensor] {
  const o = optionsOf<SvdLowrankOptions>(rest, ['q', 'niter', 'M']);
  return svdLowrank(A, o.q ?? 6, o.niter ?? 2, o.M ?? null);
}
export interface SvdLowrankOptions { q?: number | null; niter?: number | null; M?: Tensor | null }

/**
 * PCA of a low-rank matrix or batch by {@link svd_lowrank} of A centered over its rows (`center`,
 * default true): [U, S, V], q = min(6, m, n) by default; PyTorch's ValueErrors for q and niter.
 * @example torch.manual_seed(0); const [U, S, V] = torch.pca_lowrank(torch.randn(20, 8), 2);
 */
export function pca_lowrank(A: Tensor, q?: number | null | PcaLowrankOptions, center?: boolean, niter?: number): [Tensor, Tensor, Tensor];
export function pca_lowrank(A: Tensor, ...rest: unknown[]): [Tensor, Tensor, Tensor] {
  const o = optionsOf<PcaLowrankOptions>(rest, ['q', 'center', 'niter']);
  const [m, n] = A._shape.slice(-2), niter = o.niter ?? 2;
  const q = o.q ?? Math.min(6, m, n);
  if (!(q >= 0 && q <= Math.min(m, n))) throw new ValueError(`q(=${q}) must be non-negative integer and not greater than min(m, n)=${Math.min(m, n)}`);
  if (!(niter >= 0)) throw new ValueError(`niter(=${niter}) must be non-negative integer`);
  if (o.center === false) return svdLowrank(A, q, niter, null);
  return svdLowrank(A.sub(A.mean([-2], true)), q, niter, null);
}
export interface PcaLowrankOptions { q?: number | null; center?: boolean; niter?: number }

/** Positional arguments in order, then a trailing options object (Python's keywords). */
function optionsOf<T extends object>(rest: unknown[], names: (keyof T)[]): T {
  const last = rest[rest.length - 1];
  const kw = last !== null && typeof last === 'object' && !(last instanceof Tensor) ? rest.pop() as T : {} as T;
  const out = { ...kw } as T;
  rest.forEach((v, i) => { (out as Record<string, unknown>)[names[i] as string] = v; });
  return out;
}
