// torch.linalg's LU family and matrix_exp (helper linalg2): lu_factor, lu_factor_ex, lu,
// lu_solve, torch.lu, torch.lu_solve, torch.lu_unpack, linalg.matrix_exp. Autograd Functions as
// in src/ops/linalg_factor.ts: the forward factorizes on the host in float64 (getrf's partial
// pivoting, rectangular too), the backward is PyTorch's formula with recorded ops, so
// create_graph differentiates it again.

import { RuntimeError, LinAlgError } from '../errors.js';
import { DType } from '../../abi/abi.js';
import { DTYPES, isFloating } from '../dtype.js';
import { broadcastShapes } from '../shape.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { cat } from './shape.js';
import { zeros, eye } from '../creation.js';
import { triangularSolve } from '../js/kernels/linalg_factor.js';
import { host, make, numel, mT, checkSquare, batchOf, broadcastHost, triangularOf } from './linalg_factor.js';

const SCHEMA = {
  luFactor: parseSchema('linalg_lu_factor(Tensor A, *, bool pivot=True) -> (Tensor LU, Tensor pivots)'),
  luFactorEx: parseSchema('linalg_lu_factor_ex(Tensor A, *, bool pivot=True, bool check_errors=False) -> (Tensor LU, Tensor pivots, Tensor info)'),
  lu: parseSchema('linalg_lu(Tensor A, *, bool pivot=True) -> (Tensor P, Tensor L, Tensor U)'),
  luSolve: parseSchema('linalg_lu_solve(Tensor LU, Tensor pivots, Tensor B, *, bool left=True, bool adjoint=False) -> Tensor'),
  tlu: parseSchema('lu(Tensor A, bool pivot=True, bool get_infos=False) -> (Tensor LU, Tensor pivots)', false),
  tluSolve: parseSchema('lu_solve(Tensor input, Tensor LU_data, Tensor LU_pivots) -> Tensor', false),
  luUnpack: parseSchema('lu_unpack(Tensor LU_data, Tensor LU_pivots, bool unpack_data=True, bool unpack_pivots=True) -> (Tensor P, Tensor L, Tensor U)', false),
  matrixExp: parseSchema('linalg_matrix_exp(Tensor A) -> Tensor'),
  tmatrixExp: parseSchema('matrix_exp(Tensor input) -> Tensor', false),
};

// ---- the factorization ----

/** getrf on one row-major m×n matrix in place: piv (1-based, as LAPACK) and the first zero pivot (1-based, 0: none). */
function luRect(a: Float64Array, m: number, n: number, piv: Int32Array): number {
  let info = 0;
  const k = Math.min(m, n);
  for (let j = 0; j < k; j++) {
    let p = j, best = Math.abs(a[j * n + j]);
    for (let i = j + 1; i < m; i++) {
      const v = Math.abs(a[i * n + j]);
      if (v > best || (best !== best && v === v)) { best = v; p = i; }
    }
    piv[j] = p + 1;
    if (p !== j) for (let c = 0; c < n; c++) { const t = a[j * n + c]; a[j * n + c] = a[p * n + c]; a[p * n + c] = t; }
    const d = a[j * n + j];
    if (d === 0) { if (!info) info = j + 1; continue; }
    for (let i = j + 1; i < m; i++) {
      const l = (a[i * n + j] /= d);
      if (l !== 0) for (let c = j + 1; c < n; c++) a[i * n + c] -= l * a[j * n + c];
    }
  }
  return info;
}

/** The packed LU, pivots and infos of every matrix of A. */
function luHost(A: Tensor): { lu: Float64Array; piv: Int32Array; info: Int32Array } {
  const s = A._shape, [m, n] = s.slice(-2), k = Math.min(m, n), count = numel(s.slice(0, -2));
  const lu = host(A), piv = new Int32Array(count * k), info = new Int32Array(count);
  for (let b = 0; b < count; b++) info[b] = luRect(lu.subarray(b * m * n, (b + 1) * m * n), m, n, piv.subarray(b * k, (b + 1) * k));
  return { lu, piv, info };
}

/** The m×m permutation matrices P (A = P·L·U) of a batch of 1-based pivots [..., k]. */
function permutations(piv: ArrayLike<number>, count: number, m: number, k: number): Float64Array {
  const out = new Float64Array(count * m * m), perm = new Int32Array(m);
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < m; i++) perm[i] = i;
    for (let j = 0; j < k; j++) {
      const p = piv[b * k + j] - 1;
      const t = perm[j]; perm[j] = perm[p]; perm[p] = t;
    }
    // row j of P·A's LU came from row perm[j] of A: P[perm[j], j] = 1
    for (let j = 0; j < m; j++) out[b * m * m + perm[j] * m + j] = 1;
  }
  return out;
}

/** L (unit lower, [..., m, k]) and U (upper, [..., k, n]) of a packed LU, as recorded ops. */
function unpackLU(LU: Tensor): [Tensor, Tensor] {
  const [m, n] = LU._shape.slice(-2), k = Math.min(m, n);
  const I = eye(m, k, { dtype: LU.dtype, device: LU.device });
  return [LU.narrow(-1, 0, k).tril(-1).add(I), LU.narrow(-2, 0, k).triu()];
}

/**
 * PyTorch's linalg_lu_backward: for a square A, gA = P·L⁻ᵀ·[tril(Lᵀ·gL, −1) + triu(gU·Uᵀ)]·U⁻ᵀ;
 * a wide or tall A splits off the block determined by the square one (U₂ = L⁻¹·P₁ᵀA₂, L₂ = A₂·U⁻¹).
 */
function luBackward(P: Tensor, L: Tensor, U: Tensor, gL: Tensor, gU: Tensor): Tensor {
  const m = L._shape.at(-2)!, n = U._shape.at(-1)!, k = Math.min(m, n);
  const core = (L1: Tensor, U1: Tensor, lower: Tensor, upper: Tensor): Tensor => {
    const gR = lower.tril(-1).add(upper.triu());
    return triangularOf(mT(U1), triangularOf(mT(L1), gR, true, true, true), false, false, false);
  };
  if (m === n) return P.matmul(core(L, U, mT(L).matmul(gL), gU.matmul(mT(U))));
  if (m < n) {
    const U1 = U.narrow(-1, 0, k), U2 = U.narrow(-1, k, n - k), gU1 = gU.narrow(-1, 0, k), gU2 = gU.narrow(-1, k, n - k);
    const gA1 = core(L, U1, mT(L).matmul(gL).sub(gU2.matmul(mT(U2))), gU1.matmul(mT(U1)));
    const gA2 = triangularOf(mT(L), gU2, true, true, true);
    return P.matmul(cat([gA1, gA2], -1));
  }
  const L1 = L.narrow(-2, 0, k), L2 = L.narrow(-2, k, m - k), gL1 = gL.narrow(-2, 0, k), gL2 = gL.narrow(-2, k, m - k);
  const gA1 = core(L1, U, mT(L1).matmul(gL1), gU.matmul(mT(U)).sub(mT(L2).matmul(gL2)));
  const gA2 = triangularOf(mT(U), gL2, false, false, false);
  return P.matmul(cat([gA1, gA2], -2));
}

/** P as a tensor like LU, from pivots on the host. */
function permOf(like: Tensor, piv: ArrayLike<number>): Tensor {
  const s = like._shape, m = s.at(-2)!, k = Math.min(m, s.at(-1)!), batch = s.slice(0, -2);
  return make(like, permutations(piv, numel(batch), m, k), [...batch, m, m]);
}

class LinalgLuFactorEx extends Function {
  static nodeName = 'LinalgLuFactorExBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor): Tensor[] {
    const { lu, piv, info } = luHost(A), s = A._shape, k = Math.min(s.at(-2)!, s.at(-1)!);
    const LU = make(A, lu, s.slice()), pivots = make(A, piv, [...s.slice(0, -2), k], DType.Int32), infos = make(A, info, s.slice(0, -2), DType.Int32);
    ctx.mark_non_differentiable(pivots, infos);
    ctx.piv = piv;
    ctx.save_for_backward(LU);
    return [LU, pivots, infos];
  }
  static override backward(ctx: FunctionCtx, gLU: Tensor): (Tensor | null)[] {
    const [LU] = ctx.saved_tensors as Tensor[];
    const [L, U] = unpackLU(LU), [gL, gU] = unpackGrad(gLU);
    return [luBackward(permOf(LU, ctx.piv as Int32Array), L, U, gL, gU)];
  }
}

/** gL and gU of a packed LU's gradient (L's strict lower part, U's upper). */
function unpackGrad(g: Tensor): [Tensor, Tensor] {
  const [m, n] = g._shape.slice(-2), k = Math.min(m, n);
  return [g.narrow(-1, 0, k).tril(-1), g.narrow(-2, 0, k).triu()];
}

class LinalgLu extends Function {
  static nodeName = 'LinalgLuBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor): Tensor[] {
    const { lu, piv } = luHost(A);
    const LU = make(A, lu, A._shape.slice()), P = permOf(A, piv);
    const [L, U] = unpackLU(LU).map((t) => t.contiguous());
    ctx.mark_non_differentiable(P);
    ctx.save_for_backward(P, L, U);
    return [P, L, U];
  }
  static override backward(ctx: FunctionCtx, _gP: Tensor, gL: Tensor, gU: Tensor): (Tensor | null)[] {
    const [P, L, U] = ctx.saved_tensors as Tensor[];
    return [luBackward(P, L, U, gL, gU)];
  }
}

function checkLu(A: Tensor, fn: string, pivot: boolean): void {
  if (A._shape.length < 2) throw new RuntimeError(`${fn === 'linalg.lu' ? fn : 'torch.lu_factor'}: Expected tensor with 2 or more dimensions. Got size: [${A._shape.join(', ')}] instead`);
  if (!isFloating(A._dtype)) throw new RuntimeError(`"lu_cpu" not implemented for '${DTYPES[A._dtype]._scalarType}'`);
  if (!pivot) throw new RuntimeError(`${fn.replace('torch.', '')}: LU without pivoting is not implemented on the CPU`);
}

function luFactorEx(A: Tensor, fn: string, pivot: boolean, check: boolean): [Tensor, Tensor, Tensor] {
  checkLu(A, fn, pivot);
  const out = LinalgLuFactorEx.apply(A) as [Tensor, Tensor, Tensor];
  const info = host(out[2]), bad = info.findIndex((x) => x !== 0);
  if (check && bad >= 0) {
    for (const t of out) t.dispose();
    throw new LinAlgError(`${fn}: ${batchOf(bad, A._shape.length)}U[${info[bad]},${info[bad]}] is zero and using it on lu_solve would result in a division by zero. If you still want to perform the factorization, consider calling linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)`);
  }
  return out;
}

/**
 * The LU factorization with partial pivoting of a matrix or batch, packed as LAPACK's getrf:
 * [LU, pivots] (pivots int32, 1-based) with A = P·L·U (LinalgLuFactorExBackward0); a zero pivot
 * raises torch.linalg.LinAlgError (use {@link lu_factor_ex} or {@link lu} to get the factors anyway).
 * @example const [LU, pivots] = torch.linalg.lu_factor(torch.tensor([[1, 2], [3, 4]])); // pivots: [2, 2]
 */
export function lu_factor(A: Tensor, options?: { pivot?: boolean }): [Tensor, Tensor];
export function lu_factor(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(SCHEMA.luFactor, args, null);
  const [LU, pivots, info] = luFactorEx(a.A as Tensor, 'torch.linalg.lu_factor', a.pivot as boolean, true);
  info.dispose();
  return [LU, pivots];
}

/**
 * {@link lu_factor} without the error: [LU, pivots, info], info (int32) the first zero pivot
 * (1-based) per matrix, 0 where there is none; `check_errors: true` raises instead.
 * @example const [LU, pivots, info] = torch.linalg.lu_factor_ex(torch.zeros(2, 2)); // info: tensor(1)
 */
export function lu_factor_ex(A: Tensor, options?: { pivot?: boolean; check_errors?: boolean }): [Tensor, Tensor, Tensor];
export function lu_factor_ex(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = bind(SCHEMA.luFactorEx, args, null);
  return luFactorEx(a.A as Tensor, 'torch.linalg.lu_factor_ex', a.pivot as boolean, a.check_errors as boolean);
}

/**
 * The LU factorization A = P·L·U of a matrix or batch: [P, L, U] (LinalgLuBackward0 on L and
 * U; P has no gradient), L [m, k] unit lower triangular, U [k, n] upper (k = min(m, n)).
 * @example const [P, L, U] = torch.linalg.lu(torch.tensor([[1, 2], [3, 4]]));
 */
export function lu(A: Tensor, options?: { pivot?: boolean }): [Tensor, Tensor, Tensor];
export function lu(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = bind(SCHEMA.lu, args, null), A = a.A as Tensor;
  checkLu(A, 'linalg.lu', a.pivot as boolean);
  return LinalgLu.apply(A) as [Tensor, Tensor, Tensor];
}

function torchLuBound(args: unknown[], self: Tensor | null): Tensor[] {
  const a = bind(SCHEMA.tlu, args, self);
  // PyTorch's torch.lu does not raise at a zero pivot, with or without get_infos
  const out = luFactorEx(a.A as Tensor, 'torch.linalg.lu_factor_ex', a.pivot as boolean, false);
  if (a.get_infos) return out;
  out[2].dispose();
  return out.slice(0, 2);
}

/**
 * torch.lu (deprecated in PyTorch for torch.linalg.lu_factor): [LU, pivots], or [LU, pivots,
 * infos] with `get_infos`; a zero pivot does not raise, as PyTorch's.
 * @example const [LU, pivots] = torch.lu(torch.tensor([[1, 2], [3, 4]]));
 */
export function torchLu(A: Tensor, pivot?: boolean | { pivot?: boolean; get_infos?: boolean }, get_infos?: boolean): Tensor[];
export function torchLu(...args: unknown[]): Tensor[] { return torchLuBound(args, null); }
/** @internal Tensor.lu */
export const luMethod = (self: Tensor, args: unknown[]): Tensor[] => torchLuBound(args, self);

// ---- lu_solve ----

/** X of op(A)·X = B (n×k, in place) from A's packed LU (n×n) and its 1-based pivots: getrs ('N' or 'T'). */
function getrs(lu: Float64Array, piv: ArrayLike<number>, n: number, b: Float64Array, k: number, adjoint: boolean): void {
  const swap = (i: number): void => {
    const p = piv[i] - 1;
    if (p !== i) for (let j = 0; j < k; j++) { const t = b[i * k + j]; b[i * k + j] = b[p * k + j]; b[p * k + j] = t; }
  };
  if (!adjoint) {
    for (let i = 0; i < n; i++) swap(i);
    triangularSolve(lu, n, b, k, false, true);
    triangularSolve(lu, n, b, k, true, false);
    return;
  }
  // Aᵀ = Uᵀ·Lᵀ·Pᵀ: the transposed LU holds Uᵀ below (with U's diagonal) and Lᵀ above
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[i * n + j] = lu[j * n + i];
  triangularSolve(t, n, b, k, false, false);
  triangularSolve(t, n, b, k, true, true);
  for (let i = n - 1; i >= 0; i--) swap(i);
}

class LinalgLuSolve extends Function {
  static nodeName = 'LinalgLuSolveBackward0';
  static override forward(ctx: FunctionCtx, LU: Tensor, pivots: Tensor, B: Tensor, left: boolean, adjoint: boolean): Tensor {
    const batch = broadcastShapes(LU._shape.slice(0, -2), B._shape.slice(0, -2));
    const n = LU._shape.at(-1)!, [r, c] = B._shape.slice(-2), count = numel(batch);
    const lu = broadcastHost(LU, batch), x = broadcastHost(B, batch);
    const pv = pivots.expand([...batch, n]).contiguous(), piv = host(pv);
    pv.dispose();
    const k = left ? c : r, work = new Float64Array(n * k);
    for (let i = 0; i < count; i++) {
      const m = lu.subarray(i * n * n, (i + 1) * n * n), p = piv.subarray(i * n, (i + 1) * n), xb = x.subarray(i * r * c, (i + 1) * r * c);
      if (left) { getrs(m, p, n, xb, k, adjoint); continue; }
      // X·op(A) = B is op(A)ᵀ·Xᵀ = Bᵀ
      for (let a = 0; a < r; a++) for (let q = 0; q < c; q++) work[q * k + a] = xb[a * c + q];
      getrs(m, p, n, work, k, !adjoint);
      for (let a = 0; a < r; a++) for (let q = 0; q < c; q++) xb[a * c + q] = work[q * k + a];
    }
    const X = make(B, x, [...batch, r, c]);
    Object.assign(ctx, { left, adjoint });
    ctx.save_for_backward(LU, pivots, X);
    return X;
  }
  static override backward(ctx: FunctionCtx, gX: Tensor): (Tensor | null)[] {
    const [LU, pivots, X] = ctx.saved_tensors as Tensor[];
    const { left, adjoint } = ctx as unknown as { left: boolean; adjoint: boolean };
    // gB solves the adjoint system; A's gradient (of A = P·L·U) maps onto L and U as gL = Pᵀ·gA·Uᵀ, gU = Lᵀ·Pᵀ·gA
    const gB = LinalgLuSolve.apply(LU, pivots, gX, left, !adjoint) as Tensor;
    let gLU: Tensor | null = null;
    if (ctx.needs_input_grad[0]) {
      const gA = left ? (adjoint ? X.matmul(mT(gB)) : gB.matmul(mT(X))).neg() : (adjoint ? mT(gB).matmul(X) : mT(X).matmul(gB)).neg();
      const [L, U] = unpackLU(LU), P = permOf(LU, host(pivots));
      const PtgA = mT(P).matmul(gA);
      gLU = PtgA.matmul(mT(U)).tril(-1).add(mT(L).matmul(PtgA).triu());
    }
    return [gLU, null, gB, null, null];
  }
}

function luSolveOf(LU: Tensor, pivots: Tensor, B: Tensor, left: boolean, adjoint: boolean): Tensor {
  const fn = 'linalg.lu_solve';
  checkSquare(LU, `torch.${fn}`);
  if (B._shape.length < 2) throw new RuntimeError(`${fn}: The input tensor B must have at least 2 dimensions.`);
  const n = LU._shape.at(-1)!, rows = left ? B._shape.at(-2)! : B._shape.at(-1)!;
  if (rows !== n) throw new RuntimeError(`${fn}: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${B._shape.at(-2)}x${B._shape.at(-1)})`);
  if (LU._dtype !== B._dtype) throw new RuntimeError(`${fn}: Expected LU and B to have the same dtype, but found LU of type ${DTYPES[LU._dtype]._scalarType} and B of type ${DTYPES[B._dtype]._scalarType} instead`);
  if (pivots._dtype !== DType.Int32) throw new RuntimeError(`${fn}: pivots should be a Tensor of scalar type torch.int32`);
  if (pivots._shape.at(-1) !== n) throw new RuntimeError(`${fn}: Number of pivots per batch should be same as the dimension of the matrix`);
  broadcastShapes(LU._shape.slice(0, -2), B._shape.slice(0, -2));
  return LinalgLuSolve.apply(LU, pivots, B, left, adjoint) as Tensor;
}

/**
 * The solution X of A·X = B (`left: false`: X·A = B; `adjoint`: with Aᵀ) given A's
 * {@link lu_factor}, batch dims broadcast (LinalgLuSolveBackward0).
 * @example const [LU, piv] = torch.linalg.lu_factor(A); const X = torch.linalg.lu_solve(LU, piv, B);
 */
export function lu_solve(LU: Tensor, pivots: Tensor, B: Tensor, options?: { left?: boolean; adjoint?: boolean }): Tensor;
export function lu_solve(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.luSolve, args, null);
  return luSolveOf(a.LU as Tensor, a.pivots as Tensor, a.B as Tensor, a.left as boolean, a.adjoint as boolean);
}

function torchLuSolveBound(args: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMA.tluSolve, args, self);
  return luSolveOf(a.LU_data as Tensor, a.LU_pivots as Tensor, a.input as Tensor, true, false);
}

/**
 * torch.lu_solve (deprecated in PyTorch for torch.linalg.lu_solve, whose arguments are reversed).
 * @example const X = torch.lu_solve(B, ...torch.linalg.lu_factor(A));
 */
export function torchLuSolve(input: Tensor, LU_data: Tensor, LU_pivots: Tensor): Tensor;
export function torchLuSolve(...args: unknown[]): Tensor { return torchLuSolveBound(args, null); }
/** @internal Tensor.lu_solve */
export const luSolveMethod = (self: Tensor, args: unknown[]): Tensor => torchLuSolveBound(args, self);

// ---- lu_unpack ----

class LuUnpack extends Function {
  static nodeName = 'LuUnpackBackward0';
  static override forward(ctx: FunctionCtx, LU: Tensor, pivots: Tensor, data: boolean, piv: boolean): Tensor[] {
    const P = piv ? permOf(LU, host(pivots)) : make(LU, [], [0]);
    const [L, U] = data ? unpackLU(LU).map((t) => t.contiguous()) : [make(LU, [], [0]), make(LU, [], [0])];
    ctx.mark_non_differentiable(P);
    return [P, L, U];
  }
  static override backward(ctx: FunctionCtx, _gP: Tensor, gL: Tensor, gU: Tensor): (Tensor | null)[] {
    const [m, k] = gL._shape.slice(-2), n = gU._shape.at(-1)!;
    // PyTorch's lu_unpack_backward: L's strict lower part and U's upper part, padded to LU's shape
    const lower = gL.tril(-1), upper = gU.triu();
    const pad = (t: Tensor, dim: number, size: number): Tensor => {
      const shape = t._shape.slice();
      shape[shape.length + dim] = size;
      return cat([t, zeros(shape, { dtype: t.dtype, device: t.device })], dim);
    };
    if (m === n) return [lower.add(upper), null, null, null];
    if (m < n) return [pad(lower, -1, n - k).add(upper), null, null, null];
    return [lower.add(pad(upper, -2, m - n)), null, null, null];
  }
}

/**
 * P, L and U (A = P·L·U) from {@link lu_factor}'s packed LU and pivots (LuUnpackBackward0 on L
 * and U); `unpack_data: false` or `unpack_pivots: false` leave L and U, or P, empty.
 * @example const [P, L, U] = torch.lu_unpack(...torch.linalg.lu_factor(A));
 */
export function lu_unpack(LU_data: Tensor, LU_pivots: Tensor, unpack_data?: boolean, unpack_pivots?: boolean): [Tensor, Tensor, Tensor];
export function lu_unpack(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = bind(SCHEMA.luUnpack, args, null), LU = a.LU_data as Tensor, piv = a.LU_pivots as Tensor;
  if (LU._shape.length < 2) throw new RuntimeError(`torch.lu_unpack: Expected tensor with 2 or more dimensions. Got size: [${LU._shape.join(', ')}] instead`);
  if (piv._dtype !== DType.Int32) throw new RuntimeError(`torch.lu_unpack: LU_pivots is expected to be a contiguous tensor of torch.int32 dtype.\nNote: this function is intended to be used with the output produced by torch.linalg.lu_factor`);
  return LuUnpack.apply(LU, piv, a.unpack_data as boolean, a.unpack_pivots as boolean) as [Tensor, Tensor, Tensor];
}

// ---- matrix_exp ----

/** exp of one n×n matrix (row-major float64): Taylor to degree 18 of A/2^s, ‖A/2^s‖₁ ≤ 1/2, squared s times. */
function expm(a: Float64Array, n: number): Float64Array {
  let norm = 0;
  for (let j = 0; j < n; j++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += Math.abs(a[i * n + j]);
    norm = Math.max(norm, c);
  }
  if (!Number.isFinite(norm)) return new Float64Array(n * n).fill(NaN);
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0, scale = 2 ** -s;
  const mul = (x: Float64Array, y: Float64Array): Float64Array => {
    const z = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
      const v = x[i * n + k];
      if (v !== 0) for (let j = 0; j < n; j++) z[i * n + j] += v * y[k * n + j];
    }
    return z;
  };
  const x = a.map((v) => v * scale);
  // Horner: I + X/1·(I + X/2·(I + ... (I + X/18)))
  let r: Float64Array = new Float64Array(n * n);
  for (let d = 18; d >= 1; d--) {
    r = mul(x, r);
    for (let i = 0; i < n * n; i++) r[i] /= d;
    for (let i = 0; i < n; i++) r[i * n + i] += 1;
  }
  for (let i = 0; i < s; i++) r = mul(r, r);
  return r;
}

class LinalgMatrixExp extends Function {
  static nodeName = 'LinalgMatrixExpBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor): Tensor {
    const n = A._shape.at(-1)!, data = host(A), out = new Float64Array(data.length);
    for (let b = 0; n && b < data.length / (n * n); b++) out.set(expm(data.subarray(b * n * n, (b + 1) * n * n), n), b * n * n);
    ctx.save_for_backward(A);
    return make(A, out, A._shape.slice());
  }
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
    const [A] = ctx.saved_tensors as Tensor[];
    // PyTorch's backward_analytic_function_of_a_matrix: exp([[Aᵀ, g], [0, Aᵀ]]) holds the gradient top right
    const n = A._shape.at(-1)!, At = mT(A);
    const meta = cat([cat([At, g], -1), cat([zeros(At._shape.slice(), { dtype: A.dtype, device: A.device }), At], -1)], -2);
    return (LinalgMatrixExp.apply(meta) as Tensor).narrow(-2, 0, n).narrow(-1, n, n);
  }
}

function matrixExpOf(A: Tensor): Tensor {
  checkSquare(A, 'linalg.matrix_exp');
  return LinalgMatrixExp.apply(A) as Tensor;
}

/**
 * The matrix exponential of a square matrix or batch (LinalgMatrixExpBackward0), by scaling and
 * squaring a Taylor polynomial in float64; its gradient is the exponential of a block matrix.
 * @example torch.linalg.matrix_exp(torch.zeros(2, 2)) // the identity
 */
export function matrix_exp(A: Tensor): Tensor;
export function matrix_exp(...args: unknown[]): Tensor { return matrixExpOf(bind(SCHEMA.matrixExp, args, null).A as Tensor); }

/**
 * torch.matrix_exp: {@link matrix_exp} under its older name.
 * @example torch.matrix_exp(torch.zeros(2, 2)) // the identity
 */
export function torchMatrixExp(input: Tensor): Tensor;
export function torchMatrixExp(...args: unknown[]): Tensor { return matrixExpOf(bind(SCHEMA.tmatrixExp, args, null).input as Tensor); }
/** @internal Tensor.matrix_exp */
export const matrixExpMethod = (self: Tensor, args: unknown[]): Tensor => matrixExpOf(bind(SCHEMA.tmatrixExp, args, self).input as Tensor);
