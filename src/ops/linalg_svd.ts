// torch.linalg.svd and torch.svd (helper linalg2): the one-sided Jacobi SVD of svdvals
// (src/js/kernels/svd.ts) run on the host for U and Vh too, completed to square factors for
// full_matrices, recorded as one LinalgSvdBackward0 node whose backward is PyTorch's
// svd_backward written with recorded ops, so create_graph differentiates it again.

import { RuntimeError, LinAlgError } from '../errors.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { zeros, eye } from '../creation.js';
import { jacobiSvd } from '../js/kernels/svd.js';
import { host, make, numel, mT, checkFloat, batchOf } from './linalg_factor.js';
import { svdvalsOf, setSvdFactors } from './svd.js';

const SCHEMA = {
  svd: parseSchema('linalg_svd(Tensor A, bool full_matrices=True, *, str? driver=None) -> (Tensor U, Tensor S, Tensor Vh)'),
  tsvd: parseSchema('svd(Tensor input, bool some=True, bool compute_uv=True) -> (Tensor U, Tensor S, Tensor V)', false),
};

/**
 * Rows have..total-1 of q (each of length r, row i at i·r) set to an orthonormal completion of
 * rows 0..have-1: the first unit vectors that stay nonzero after Gram–Schmidt (twice).
 */
function completeRows(q: Float64Array, r: number, have: number, total: number): void {
  let e = 0;
  for (let k = have; k < total; k++) {
    for (; e < r; e++) {
      const row = q.subarray(k * r, (k + 1) * r);
      row.fill(0);
      row[e] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (let j = 0; j < k; j++) {
          let d = 0;
          for (let i = 0; i < r; i++) d += q[j * r + i] * row[i];
          for (let i = 0; i < r; i++) row[i] -= d * q[j * r + i];
        }
      }
      let ss = 0;
      for (let i = 0; i < r; i++) ss += row[i] * row[i];
      if (ss > 0.25) {
        const nrm = Math.sqrt(ss);
        for (let i = 0; i < r; i++) row[i] /= nrm;
        e++;
        break;
      }
    }
  }
}

/** U [..., m, ku], S [..., k] and Vh [..., kv, n] of every matrix of A (ku = m, kv = n when full). */
function svdHost(A: Tensor, full: boolean): { u: Float64Array; s: Float64Array; vh: Float64Array; batch: number[]; ku: number; kv: number } {
  const sh = A._shape, batch = sh.slice(0, -2), [m, n] = sh.slice(-2), k = Math.min(m, n), count = numel(batch);
  const ku = full ? m : k, kv = full ? n : k;
  const data = host(A), u = new Float64Array(count * m * ku), s = new Float64Array(count * k), vh = new Float64Array(count * kv * n);
  const ut = new Float64Array(m * k), uq = new Float64Array(ku * m);
  for (let b = 0; b < count; b++) {
    const sb = s.subarray(b * k, (b + 1) * k), vb = vh.subarray(b * kv * n, (b + 1) * kv * n);
    if (!jacobiSvd(data, b * m * n, m, n, ut, sb, vb)) {
      throw new LinAlgError(`linalg.svd: ${batchOf(b, sh.length)}The algorithm failed to converge because the input matrix contained non-finite values.`);
    }
    completeRows(vb, n, k, kv);
    // U's columns as rows, completed, then back
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) uq[j * m + i] = ut[i * k + j];
    completeRows(uq, m, k, ku);
    const ub = u.subarray(b * m * ku, (b + 1) * m * ku);
    for (let i = 0; i < m; i++) for (let j = 0; j < ku; j++) ub[i * ku + j] = uq[j * m + i];
  }
  return { u, s, vh, batch, ku, kv };
}

/** Whether any gradient reached this output (PyTorch passes an undefined one otherwise). */
const reached = (g: Tensor | null): g is Tensor => g !== null && host(g).some((x) => x !== 0);

/**
 * PyTorch's svd_backward (real case) for the reduced factors: U [m, k], S [k], Vh [k, n].
 * gA = U·[(skew(UᵀgU)·S + S·skew(Vh·gVhᵀ))/E + diag(gS)]·Vh, E_ij = S_j² − S_i², plus the
 * (I − UUᵀ)·gU·S⁻¹·Vh (m > n) or U·S⁻¹·gVh·(I − VhᵀVh) (m < n) terms.
 */
export function svdBackward(gU: Tensor | null, gS: Tensor | null, gVh: Tensor | null, U: Tensor, S: Tensor, Vh: Tensor): Tensor {
  const m = U._shape.at(-2)!, n = Vh._shape.at(-1)!;
  if (!gU && !gVh) {
    const g = gS ?? S.mul(0);
    return m >= n ? U.matmul(g.unsqueeze(-1).mul(Vh)) : U.mul(g.unsqueeze(-2)).matmul(Vh);
  }
  const skew = (X: Tensor): Tensor => X.sub(mT(X));
  const S2 = S.mul(S), k = S._shape.at(-1)!;
  const I = eye(k, { dtype: S.dtype, device: S.device });
  const E = S2.unsqueeze(-2).sub(S2.unsqueeze(-1)).add(I);
  let gA: Tensor;
  if (gU && gVh) gA = skew(mT(U).matmul(gU)).mul(S.unsqueeze(-2)).add(S.unsqueeze(-1).mul(skew(Vh.matmul(mT(gVh))))).div(E);
  else if (gU) gA = skew(mT(U).matmul(gU)).div(E).mul(S.unsqueeze(-2));
  else gA = S.unsqueeze(-1).mul(skew(Vh.matmul(mT(gVh!)))).div(E);
  if (gS) gA = gA.add(gS.diag_embed());
  if (m > n && gU) {
    const gUSinv = gU.div(S.unsqueeze(-2));
    return U.matmul(gA).add(gUSinv).sub(U.matmul(mT(U).matmul(gUSinv))).matmul(Vh);
  }
  if (m < n && gVh) {
    const SinvgVh = gVh.div(S.unsqueeze(-1));
    return U.matmul(gA.matmul(Vh).add(SinvgVh).sub(SinvgVh.matmul(mT(Vh)).matmul(Vh)));
  }
  return m >= n ? U.matmul(gA.matmul(Vh)) : U.matmul(gA).matmul(Vh);
}

class LinalgSvd extends Function {
  static nodeName = 'LinalgSvdBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, full: boolean): Tensor[] {
    const { u, s, vh, batch, ku, kv } = svdHost(A, full);
    const [m, n] = A._shape.slice(-2), k = Math.min(m, n);
    const U = make(A, u, [...batch, m, ku]), S = make(A, s, [...batch, k]), Vh = make(A, vh, [...batch, kv, n]);
    ctx.full = full;
    ctx.save_for_backward(U, S, Vh);
    return [U, S, Vh];
  }
  static override backward(ctx: FunctionCtx, gU: Tensor | null, gS: Tensor | null, gVh: Tensor | null): (Tensor | null)[] {
    let [U, S, Vh] = ctx.saved_tensors as Tensor[];
    const k = S._shape.at(-1)!;
    // full_matrices: only the first k columns of U (rows of Vh) are determined, as PyTorch narrows them
    if (ctx.full) {
      U = U.narrow(-1, 0, k); Vh = Vh.narrow(-2, 0, k);
      if (gU) gU = gU.narrow(-1, 0, k);
      if (gVh) gVh = gVh.narrow(-2, 0, k);
    }
    return [svdBackward(reached(gU) ? gU : null, gS, reached(gVh) ? gVh : null, U, S, Vh), null];
  }
}

// svdvals' record saves these U and Vh, so create_graph differentiates its gradient again (src/ops/svd.ts)
setSvdFactors((A) => LinalgSvd.apply(A, false) as Tensor[]);

function svdOf(A: Tensor, full: boolean): [Tensor, Tensor, Tensor] {
  if (A._shape.length < 2) throw new RuntimeError('linalg.svd: The input tensor A must have at least 2 dimensions.');
  checkFloat(A, 'linalg.svd');
  return LinalgSvd.apply(A, full) as [Tensor, Tensor, Tensor];
}

/**
 * The singular value decomposition A = U·diag(S)·Vh of a matrix or batch (LinalgSvdBackward0),
 * singular values descending: `full_matrices` (default true) gives square U [m, m] and Vh
 * [n, n], false the reduced U [m, k] and Vh [k, n] (k = min(m, n)). Each singular vector pair
 * is unique only up to sign, and the signs are Jacobi's, not LAPACK's.
 * @example const [U, S, Vh] = torch.linalg.svd(torch.tensor([[3, 0], [0, -4]])); // S: tensor([4., 3.])
 */
export function svd(A: Tensor, full_matrices?: boolean | { full_matrices?: boolean; driver?: string | null }, options?: { driver?: string | null }): [Tensor, Tensor, Tensor];
export function svd(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = bind(SCHEMA.svd, args, null);
  if (a.driver !== null) throw new RuntimeError('torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs with cuSOLVER backend.');
  return svdOf(a.A as Tensor, a.full_matrices as boolean);
}

function torchSvdBound(args: unknown[], self: Tensor | null): [Tensor, Tensor, Tensor] {
  const a = bind(SCHEMA.tsvd, args, self), A = a.input as Tensor;
  if (!a.compute_uv) {
    // PyTorch: only S (from svdvals), U and V zero-filled square matrices
    const S = svdvalsOf(A), [m, n] = A._shape.slice(-2), batch = A._shape.slice(0, -2);
    return [zeros([...batch, m, m], { dtype: A.dtype, device: A.device }), S, zeros([...batch, n, n], { dtype: A.dtype, device: A.device })];
  }
  const [U, S, Vh] = svdOf(A, !a.some);
  return [U, S, mT(Vh)];
}

/**
 * torch.svd (deprecated in PyTorch for torch.linalg.svd): [U, S, V] with V = Vhᵀ (not Vh),
 * reduced factors unless `some` is false; `compute_uv: false` gives zero-filled U and V.
 * @example const [U, S, V] = torch.svd(torch.tensor([[3, 0], [0, -4]]));
 */
export function torchSvd(input: Tensor, some?: boolean, compute_uv?: boolean): [Tensor, Tensor, Tensor];
export function torchSvd(...args: unknown[]): [Tensor, Tensor, Tensor] { return torchSvdBound(args, null); }
/** @internal Tensor.svd */
export const svdMethod = (self: Tensor, args: unknown[]): [Tensor, Tensor, Tensor] => torchSvdBound(args, self);
