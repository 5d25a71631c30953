// The rest of torch.linalg and its older torch.* names (helper linalg2): cond, tensorinv,
// tensorsolve, householder_product (torch.orgqr), eig / eigvals (refused: their results are
// complex), torch.cholesky_inverse,
// torch.pinverse, torch.triangular_solve, torch.qr, and the Tensor methods of the linalg
// functions. Compositions follow ATen's, so their nodes are PyTorch's.

import { RuntimeError, NotImplementedError } from '../errors.js';
import { DTYPES, isFloating } from '../dtype.js';
import { cat } from './shape.js';
import { parseSchema } from '../schema.js';
import { bind, bindOverloads } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { eye, zeros } from '../creation.js';
import { no_grad } from '../autograd.js';
import { svdvalsOf } from './svd.js';
import { matrix_norm } from './matrix_norm.js';
import { inv_ex, pinv } from './linalg_compose.js';
import { invOf } from './linalg_more.js';
import {
  mT, checkSquare, checkFloat, triangularOf, solve, qr, torchDet, torchSlogdet, logdet, torchCholesky, cholesky_solve,
} from './linalg_factor.js';

const COND = [
  parseSchema('linalg_cond(Tensor A, Scalar? p=None) -> Tensor'),
  parseSchema('linalg_cond(Tensor A, str p) -> Tensor'),
];

const SCHEMA = {
  tensorinv: parseSchema('linalg_tensorinv(Tensor A, int ind=2) -> Tensor'),
  tensorsolve: parseSchema('linalg_tensorsolve(Tensor A, Tensor B, int[]? dims=None) -> Tensor'),
  choleskyInverse: parseSchema('cholesky_inverse(Tensor input, bool upper=False) -> Tensor', false),
  pinverse: parseSchema('pinverse(Tensor input, float rcond=1e-15) -> Tensor', false),
  triangularSolve: parseSchema('triangular_solve(Tensor input, Tensor A, bool upper=True, bool transpose=False, bool unitriangular=False) -> (Tensor solution, Tensor cloned_coefficient)', false),
  tqr: parseSchema('qr(Tensor input, bool some=True) -> (Tensor Q, Tensor R)', false),
  householder: parseSchema('linalg_householder_product(Tensor A, Tensor tau) -> Tensor'),
  orgqr: parseSchema('orgqr(Tensor input, Tensor input2) -> Tensor', false),
};

const prod = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

// ---- cond ----

const COND_ORDS: (number | string)[] = [1, -1, Infinity, -Infinity, 'fro', 'nuc'];

/**
 * The condition number of a matrix or batch in the norm p (default 2): σ_max/σ_min for ±2 (over
 * svdvals), ‖A‖·‖A⁻¹‖ for 'fro', 'nuc', ±1, ±inf (square A; a singular one gives inf), as ATen
 * composes it (SqueezeBackward1, MulBackward0 for 'nuc', NanToNumBackward0 otherwise).
 * @example torch.linalg.cond(torch.tensor([[1, 0], [0, 4]])) // tensor(4.)
 */
export function cond(A: Tensor, p?: number | string | null): Tensor;
export function cond(...args: unknown[]): Tensor {
  const [, a] = bindOverloads(COND, args, null), A = a.A as Tensor, p = (a.p as number | string | null) ?? 2;
  if (A._shape.length < 2) throw new RuntimeError('linalg.cond: The input tensor must have at least 2 dimensions.');
  if (p !== 2 && p !== -2 && !COND_ORDS.includes(p)) throw new RuntimeError(`linalg.cond got an invalid norm type: ${p}`);
  checkFloat(A, 'linalg.cond');
  if (p === 2 || p === -2) {
    if (A.numel() === 0) return zeros(A._shape.slice(0, -2), { dtype: A.dtype, device: A.device });
    const s = svdvalsOf(A), top = s.narrow(-1, 0, 1), bottom = s.narrow(-1, -1, 1);
    return (p === 2 ? top.div(bottom) : bottom.div(top)).squeeze(-1);
  }
  const shown = typeof p === 'number' && Math.abs(p) === Infinity ? (p > 0 ? 'inf' : '-inf') : String(p);
  checkSquare(A, `linalg.cond(ord=${shown})`);
  if (A.numel() === 0) return zeros(A._shape.slice(0, -2), { dtype: A.dtype, device: A.device });
  if (p === 'nuc') {
    const s = svdvalsOf(A);
    return s.sum(-1).mul(s.reciprocal().sum(-1));
  }
  // ATen's _linalg_cond_helper: a singular matrix's inverse counts as infinite
  const [inverse, info] = inv_ex(A);
  const singular = info.gt(0).unsqueeze(-1).unsqueeze(-1);
  const Ainv = inverse.masked_fill(singular, Infinity);
  const ord = p as number | 'fro';
  return matrix_norm(A, ord).mul(matrix_norm(Ainv, ord)).nan_to_num(Infinity, Infinity, -Infinity);
}

// ---- tensorinv, tensorsolve ----

/**
 * The inverse of A for tensordot over its first `ind` dims (default 2): A reshaped to a square
 * matrix, inverted, reshaped to A.shape[ind:] + A.shape[:ind].
 * @example torch.linalg.tensorinv(torch.eye(4).reshape(4, 2, 2), { ind: 1 }).shape // [2, 2, 4]
 */
export function tensorinv(A: Tensor, options?: { ind?: number }): Tensor;
export function tensorinv(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.tensorinv, args, null), A = a.A as Tensor, ind = a.ind as number;
  if (ind <= 0) throw new RuntimeError(`Expected a strictly positive integer for 'ind', but got ${ind}`);
  const s = A._shape, rows = prod(s.slice(0, ind)), cols = prod(s.slice(ind));
  if (rows !== cols) throw new RuntimeError(`Expected self to satisfy the requirement prod(self.shape[ind:]) == prod(self.shape[:ind]), but got ${cols} != ${rows}`);
  return invOf(A.reshape([rows, cols])).reshape([...s.slice(ind), ...s.slice(0, ind)]);
}

/**
 * The X with tensordot(A, X, X.ndim) = B: A (its `dims` moved last first) reshaped to a square
 * matrix and solved against B flattened, X shaped A.shape[B.ndim:].
 * @example torch.linalg.tensorsolve(torch.eye(6).reshape(2, 3, 6), torch.ones(2, 3)).shape // [6]
 */
export function tensorsolve(A: Tensor, B: Tensor, options?: { dims?: number[] | null }): Tensor;
export function tensorsolve(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.tensorsolve, args, null), B = a.B as Tensor, dims = a.dims as number[] | null;
  let A = a.A as Tensor;
  if (dims) {
    const nd = A._shape.length, moved = dims.map((d) => (d < 0 ? d + nd : d));
    const order = [...Array(nd).keys()].filter((d) => !moved.includes(d)).concat(moved);
    A = A.permute(order);
  }
  const s = A._shape, nb = B._shape.length, rows = prod(s.slice(0, nb)), cols = prod(s.slice(nb));
  if (rows !== cols) throw new RuntimeError(`Expected self to satisfy the requirement prod(self.shape[other.ndim:]) == prod(self.shape[:other.ndim]), but got ${cols} != ${rows}`);
  return solve(A.reshape([rows, cols]), B.flatten()).reshape(s.slice(nb));
}

// ---- eig, eigvals ----

const complexOnly = (fn: string): never => {
  throw new NotImplementedError(`wasmgrad: torch.linalg.${fn} returns complex tensors, and wasmgrad has no complex dtype (use torch.linalg.eigh or eigvalsh for a symmetric matrix)`);
};
/**
 * Not available: PyTorch's result is complex, and wasmgrad has no complex dtype (raises NotImplementedError).
 * @example torch.linalg.eigh(A) // for a symmetric A instead
 */
export function eig(..._args: unknown[]): never { return complexOnly('eig'); }
/**
 * Not available: PyTorch's result is complex, and wasmgrad has no complex dtype (raises NotImplementedError).
 * @example torch.linalg.eigvalsh(A) // for a symmetric A instead
 */
export function eigvals(..._args: unknown[]): never { return complexOnly('eigvals'); }

// ---- torch.cholesky_inverse ----

class CholeskyInverse extends Function {
  static nodeName = 'CholeskyInverseBackward0';
  static override forward(ctx: FunctionCtx, L: Tensor, upper: boolean): Tensor {
    const n = L._shape.at(-1)!;
    const out = no_grad(() => cholesky_solve(eye(n, { dtype: L.dtype, device: L.device }), L, upper).contiguous());
    ctx.upper = upper;
    ctx.save_for_backward(L, out);
    return out;
  }
  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    const [L, Ainv] = ctx.saved_tensors as Tensor[];
    // PyTorch's cholesky_inverse_backward
    const common = Ainv.matmul(g.add(mT(g)).matmul(Ainv));
    return [(ctx.upper ? L.matmul(common) : common.matmul(L)).neg(), null];
  }
}

function choleskyInverseBound(args: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMA.choleskyInverse, args, self), L = a.input as Tensor;
  checkSquare(L, 'cholesky_inverse');
  return CholeskyInverse.apply(L, a.upper as boolean) as Tensor;
}

/**
 * The inverse of A = L·Lᵀ (or Uᵀ·U with `upper`) from its Cholesky factor (CholeskyInverseBackward0).
 * @example torch.cholesky_inverse(torch.linalg.cholesky(A)) // A⁻¹
 */
export function cholesky_inverse(input: Tensor, upper?: boolean): Tensor;
export function cholesky_inverse(...args: unknown[]): Tensor { return choleskyInverseBound(args, null); }

// ---- torch.pinverse ----

function pinverseBound(args: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMA.pinverse, args, self);
  return pinv(a.input as Tensor, { rtol: a.rcond as number });
}

/**
 * torch.pinverse: {@link pinv} with `rcond` (default 1e-15) as its rtol (LinalgPinvBackward0).
 * @example torch.pinverse(torch.tensor([[2, 0], [0, 0]])) // [[0.5, 0], [0, 0]]
 */
export function pinverse(input: Tensor, rcond?: number): Tensor;
export function pinverse(...args: unknown[]): Tensor { return pinverseBound(args, null); }

// ---- torch.triangular_solve ----

class TriangularSolve extends Function {
  static nodeName = 'TriangularSolveBackward0';
  static override forward(ctx: FunctionCtx, B: Tensor, A: Tensor, upper: boolean, transpose: boolean, unit: boolean): Tensor[] {
    const X = no_grad(() => triangularOf(transpose ? mT(A) : A, B, transpose ? !upper : upper, true, unit));
    Object.assign(ctx, { upper, transpose, unit });
    ctx.save_for_backward(A, X);
    return [X, A.clone()];
  }
  static override backward(ctx: FunctionCtx, gX: Tensor, gM: Tensor): (Tensor | null)[] {
    const [A, X] = ctx.saved_tensors as Tensor[];
    const { upper, transpose, unit } = ctx as unknown as { upper: boolean; transpose: boolean; unit: boolean };
    // PyTorch's triangular_solve_backward: gB solves op(A)ᵀ·gB = gX; A's is −gB·Xᵀ on A's triangle, plus the clone's
    const gB = (TriangularSolve.apply(gX, A, upper, !transpose, unit) as Tensor[])[0];
    let gA = transpose ? X.matmul(mT(gB)).neg() : gB.matmul(mT(X)).neg();
    gA = upper ? gA.triu(unit ? 1 : 0) : gA.tril(unit ? -1 : 0);
    return [gB, gA.add(gM), null, null, null];
  }
}

function triangularSolveBound(args: unknown[], self: Tensor | null): [Tensor, Tensor] {
  const a = bind(SCHEMA.triangularSolve, args, self), B = a.input as Tensor, A = a.A as Tensor;
  if (B._shape.length < 2) throw new RuntimeError(`torch.triangular_solve: Expected b to have at least 2 dimensions, but it has ${B._shape.length} dimensions instead`);
  if (A._shape.length < 2) throw new RuntimeError(`torch.triangular_solve: Expected A to have at least 2 dimensions, but it has ${A._shape.length} dimensions instead`);
  if (B._dtype !== A._dtype) throw new RuntimeError(`Expected b and A to have the same dtype, but found b of type ${DTYPES[B._dtype]._scalarType} and A of type ${DTYPES[A._dtype]._scalarType} instead.`);
  checkSquare(A, 'triangular_solve');
  if (B._shape.at(-2) !== A._shape.at(-1)) {
    throw new RuntimeError(`Incompatible matrix sizes for triangular_solve: each A matrix is ${A._shape.at(-1)} by ${A._shape.at(-1)} but each b matrix is ${B._shape.at(-2)} by ${B._shape.at(-1)}`);
  }
  return TriangularSolve.apply(B, A, a.upper as boolean, a.transpose as boolean, a.unitriangular as boolean) as [Tensor, Tensor];
}

/**
 * torch.triangular_solve (deprecated in PyTorch for torch.linalg.solve_triangular, whose
 * arguments are reversed): [solution, cloned_coefficient] of op(A)·X = b for a triangular A
 * (`upper` default true; `transpose`: Aᵀ) (TriangularSolveBackward0).
 * @example const [X] = torch.triangular_solve(b, torch.tensor([[2, 1], [0, 4]]));
 */
export function triangular_solve(input: Tensor, A: Tensor, upper?: boolean, transpose?: boolean, unitriangular?: boolean): [Tensor, Tensor];
export function triangular_solve(...args: unknown[]): [Tensor, Tensor] { return triangularSolveBound(args, null); }

// ---- torch.qr ----

function torchQrBound(args: unknown[], self: Tensor | null): [Tensor, Tensor] {
  const a = bind(SCHEMA.tqr, args, self);
  return qr(a.input as Tensor, a.some ? 'reduced' : 'complete');
}

/**
 * torch.qr (deprecated in PyTorch for torch.linalg.qr): `some` (default true) is mode 'reduced', false 'complete'.
 * @example const [Q, R] = torch.qr(torch.tensor([[3, 1], [4, 2]]));
 */
export function torchQr(input: Tensor, some?: boolean): [Tensor, Tensor];
export function torchQr(...args: unknown[]): [Tensor, Tensor] { return torchQrBound(args, null); }

// ---- householder_product ----

/**
 * R[i] = H_i·...·H_{k−1}·I[:, :n] for i = 0..k (R[0] is the product), H_i = I − τ_i·v_i·v_iᵀ and
 * v_i column i of A's unit lower triangle; with recorded ops, so the backward can be differentiated.
 */
function householderChain(A: Tensor, tau: Tensor): { R: Tensor[]; v: Tensor[]; t: Tensor[] } {
  const [m, n] = A._shape.slice(-2), k = tau._shape.at(-1)!;
  const E = eye(m, n, { dtype: A.dtype, device: A.device }), V = A.tril(-1).add(E);
  const v = [...Array(k).keys()].map((i) => V.narrow(-1, i, 1)), t = v.map((_, i) => tau.narrow(-1, i, 1).unsqueeze(-1));
  const R: Tensor[] = new Array<Tensor>(k + 1);
  R[k] = E.expand([...A._shape.slice(0, -2), m, n]);
  for (let i = k - 1; i >= 0; i--) R[i] = R[i + 1].sub(t[i].mul(v[i]).matmul(mT(v[i]).matmul(R[i + 1])));
  return { R, v, t };
}

class LinalgHouseholderProduct extends Function {
  static nodeName = 'LinalgHouseholderProductBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, tau: Tensor): Tensor {
    ctx.save_for_backward(A, tau);
    return householderChain(A, tau).R[0].contiguous();
  }
  static override backward(ctx: FunctionCtx, gQ: Tensor): Tensor[] {
    const [A, tau] = ctx.saved_tensors as Tensor[];
    return householderBackward(A, tau, gQ);
  }
}

/** @internal The gradients of A and tau from householder_product's gQ, as recorded ops (ormqr's backward uses it too). */
export function householderBackward(A: Tensor, tau: Tensor, gQ: Tensor): [Tensor, Tensor] {
  const { R, v, t } = householderChain(A, tau), n = A._shape.at(-1)!, k = t.length;
  // through R[i] = H_i·R[i+1]: gH_i = g·R[i+1]ᵀ gives τ_i's and v_i's gradients, and g moves on to H_iᵀ·g
  const gv: Tensor[] = [], gt: Tensor[] = [];
  let g = gQ;
  for (let i = 0; i < k; i++) {
    const gH = g.matmul(mT(R[i + 1]));
    gt.push(mT(v[i]).matmul(gH).matmul(v[i]).neg().squeeze(-1));
    gv.push(gH.add(mT(gH)).matmul(v[i]).mul(t[i]).neg());
    g = g.sub(t[i].mul(v[i]).matmul(mT(v[i]).matmul(g)));
  }
  const cols = n > k ? [...gv, zeros([...A._shape.slice(0, -1), n - k], { dtype: A.dtype, device: A.device })] : gv;
  return [cat(cols, -1).tril(-1), k ? cat(gt, -1) : tau.mul(0)];
}

function householderOf(A: Tensor, tau: Tensor): Tensor {
  const fn = 'torch.linalg.householder_product', sa = A._shape, st = tau._shape;
  if (sa.length < 2) throw new RuntimeError(`${fn}: input must have at least 2 dimensions.`);
  if (sa.at(-2)! < sa.at(-1)!) throw new RuntimeError(`${fn}: input.shape[-2] must be greater than or equal to input.shape[-1]`);
  if (sa.at(-1)! < st.at(-1)!) throw new RuntimeError(`${fn}: input.shape[-1] must be greater than or equal to tau.shape[-1]`);
  if (st.length !== sa.length - 1) throw new RuntimeError(`${fn}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${st.length} and input.ndim is equal to ${sa.length}`);
  if (st.slice(0, -1).some((d, i) => d !== sa[i])) throw new RuntimeError(`${fn}: Expected batch dimensions of tau to be equal to input.shape[:-2], but got [${st.slice(0, -1).join(', ')}]`);
  if (tau._dtype !== A._dtype) throw new RuntimeError(`${fn}: tau dtype ${DTYPES[tau._dtype]._scalarType} does not match input dtype ${DTYPES[A._dtype]._scalarType}`);
  if (!isFloating(A._dtype)) throw new RuntimeError(`"orgqr_cpu" not implemented for '${DTYPES[A._dtype]._scalarType}'`);
  return LinalgHouseholderProduct.apply(A, tau) as Tensor;
}

/**
 * The first n columns of the product H_1·...·H_k of Householder reflectors H_i = I − τ_i·v_i·v_iᵀ,
 * v_i column i of A's unit lower triangle (LAPACK's orgqr; LinalgHouseholderProductBackward0).
 * @example torch.linalg.householder_product(torch.zeros(3, 2), torch.zeros(2)) // the first 2 columns of I
 */
export function householder_product(A: Tensor, tau: Tensor): Tensor;
export function householder_product(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.householder, args, null);
  return householderOf(a.A as Tensor, a.tau as Tensor);
}

function orgqrBound(args: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMA.orgqr, args, self);
  return householderOf(a.input as Tensor, a.input2 as Tensor);
}

/**
 * torch.orgqr: {@link householder_product} under LAPACK's name.
 * @example torch.orgqr(torch.zeros(3, 2), torch.zeros(2))
 */
export function orgqr(input: Tensor, input2: Tensor): Tensor;
export function orgqr(...args: unknown[]): Tensor { return orgqrBound(args, null); }

// ---- the Tensor methods ----

/** @internal the linalg methods of Tensor, each its torch.* function with self first. */
export const linalgMethods = {
  det: (self: Tensor, args: unknown[]): Tensor => torchDet(self, ...(args as [])),
  logdet: (self: Tensor, args: unknown[]): Tensor => logdet(self, ...(args as [])),
  slogdet: (self: Tensor, args: unknown[]): [Tensor, Tensor] => torchSlogdet(self, ...(args as [])),
  cholesky: (self: Tensor, args: unknown[]): Tensor => torchCholesky(self, ...(args as [])),
  cholesky_solve: (self: Tensor, args: unknown[]): Tensor => cholesky_solve(self, ...(args as [Tensor])),
  cholesky_inverse: (self: Tensor, args: unknown[]): Tensor => choleskyInverseBound(args, self),
  pinverse: (self: Tensor, args: unknown[]): Tensor => pinverseBound(args, self),
  triangular_solve: (self: Tensor, args: unknown[]): [Tensor, Tensor] => triangularSolveBound(args, self),
  qr: (self: Tensor, args: unknown[]): [Tensor, Tensor] => torchQrBound(args, self),
  orgqr: (self: Tensor, args: unknown[]): Tensor => orgqrBound(args, self),
};
