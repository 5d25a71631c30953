// torch.linalg's factorizations and solvers: det, slogdet (and torch.logdet), solve, cholesky
// (cholesky_ex, torch.cholesky), qr, eigh, eigvalsh, solve_triangular and torch.cholesky_solve.
//
// Each is an autograd Function (src/autograd_function.ts) named as PyTorch's node: the forward
// factorizes on the host (src/js/kernels/linalg_factor.ts says why), and the backward is
// PyTorch's derivative formula (FunctionsManual.cpp) written with recorded ops, these solvers
// included, so create_graph differentiates it again on either device.

import { RuntimeError, NotImplementedError, LinAlgError } from '../errors.js';
import { DType } from '../../abi/abi.js';
import { isFloating, DTYPES } from '../dtype.js';
import { broadcastShapes } from '../shape.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { is_grad_enabled } from '../autograd.js';
import { cat } from './shape.js';
import { invOf } from './linalg_more.js';
import { where } from './ternary.js';
import { full_like, eye } from '../creation.js';
import {
  luInPlace, luDiagonal, luSolve, triangularSolve, choleskyInPlace, householderQr, jacobiEigh,
} from '../js/kernels/linalg_factor.js';

// ---- host plumbing ----

export const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
export const host = (t: Tensor): Float64Array => Float64Array.from(t._dev.read(t.h));
export const make = (like: Tensor, data: ArrayLike<number>, shape: number[], dtype = like._dtype): Tensor =>
  new Tensor(like._dev, like._dev.fromData(data, shape, dtype), shape, dtype);
export const batchOf = (b: number, nd: number): string => (nd > 2 ? `(Batch element ${b}): ` : '');

/** ATen's checks of a (batch of) square matrices, in its order: rank, squareness, dtype. */
export function checkSquare(A: Tensor, fn: string, arg = 'A'): void {
  const s = A._shape, nd = s.length;
  if (nd < 2) throw new RuntimeError(`${fn}: The input tensor ${arg} must have at least 2 dimensions.`);
  if (s[nd - 1] !== s[nd - 2]) throw new RuntimeError(`${fn}: ${arg} must be batches of square matrices, but they are ${s[nd - 2]} by ${s[nd - 1]} matrices`);
  checkFloat(A, fn);
}

export function checkFloat(A: Tensor, fn: string): void {
  if (!isFloating(A._dtype)) throw new RuntimeError(`${fn}: Expected a floating point or complex tensor as input. Got ${DTYPES[A._dtype]._scalarType}`);
}

/** The matrix transpose, as a recorded op (the derivatives' mT). */
export const mT = (t: Tensor): Tensor => t.transpose(-2, -1);

/** Each n×n matrix of a batch (at offset b·n·n of data) through fn. */
export function perMatrix(data: Float64Array, n: number, fn: (m: Float64Array, b: number) => void): void {
  const count = n ? data.length / (n * n) : 0;
  for (let b = 0; b < count; b++) fn(data.subarray(b * n * n, (b + 1) * n * n), b);
}

/** A with its batch dims broadcast to `batch` (host values), for the solvers with two operands. */
export function broadcastHost(t: Tensor, batch: number[]): Float64Array {
  const s = t._shape, inner = s.slice(-2);
  const full = [...batch, ...inner];
  if (s.length === full.length && s.every((d, i) => d === full[i])) return host(t);
  const e = t.expand(full).contiguous();
  try { return host(e); } finally { e.dispose(); }
}

// ---- det, slogdet, logdet ----

/** det and the LU of every matrix of A: their values on the host. */
function luDets(A: Tensor): { det: Float64Array; sign: Float64Array; logabs: Float64Array } {
  const n = A._shape.at(-1)!, data = host(A), count = numel(A._shape.slice(0, -2));
  const det = new Float64Array(count).fill(1), sign = new Float64Array(count).fill(1), logabs = new Float64Array(count);
  const piv = new Int32Array(n);
  perMatrix(data, n, (m, b) => {
    luInPlace(m, n, piv);
    const { sign: p, diag } = luDiagonal(m, n, piv);
    let d = p, sg = p, la = 0;
    for (const x of diag) { d *= x; sg *= Math.sign(x); la += Math.log(Math.abs(x)); }
    if (Number.isNaN(la)) sg = NaN;
    det[b] = d; sign[b] = sg; logabs[b] = la;
  });
  return { det, sign, logabs };
}

/** The cofactor matrix of each singular matrix of A (its det's gradient), from the LU of its minors. */
function cofactors(A: Tensor): Float64Array {
  const n = A._shape.at(-1)!, data = host(A), out = new Float64Array(data.length);
  const minor = new Float64Array((n - 1) * (n - 1)), piv = new Int32Array(Math.max(n - 1, 0));
  perMatrix(data, n, (m, b) => {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let k = 0;
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (r !== i && c !== j) minor[k++] = m[r * n + c];
      luInPlace(minor, n - 1, piv);
      const { sign, diag } = luDiagonal(minor, n - 1, piv);
      out[b * n * n + i * n + j] = ((i + j) % 2 ? -sign : sign) * diag.reduce((a, x) => a * x, 1);
    }
  });
  return out;
}

class LinalgDet extends Function {
  static nodeName = 'LinalgDetBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor): Tensor {
    const out = make(A, luDets(A).det, A._shape.slice(0, -2));
    ctx.save_for_backward(A, out);
    return out;
  }
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
    const [A, d] = ctx.saved_tensors as Tensor[];
    const scale = g.mul(d).unsqueeze(-1).unsqueeze(-1);
    if (!host(d).includes(0)) return mT(invOf(A)).mul(scale);
    // a singular matrix has no inverse: its gradient is the cofactor matrix (PyTorch 2 takes it from an SVD)
    if (is_grad_enabled()) throw new NotImplementedError('wasmgrad: create_graph through linalg.det of a singular matrix is not supported');
    return make(A, cofactors(A), A._shape.slice()).mul(g.unsqueeze(-1).unsqueeze(-1));
  }
}

class LinalgSlogdet extends Function {
  static nodeName = 'LinalgSlogdetBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor): Tensor[] {
    const { sign, logabs } = luDets(A), shape = A._shape.slice(0, -2);
    ctx.save_for_backward(A);
    return [make(A, sign, shape), make(A, logabs, shape)];
  }
  static override backward(ctx: FunctionCtx, _gSign: Tensor, g: Tensor): Tensor {
    const [A] = ctx.saved_tensors as Tensor[];
    return mT(invOf(A)).mul(g.unsqueeze(-1).unsqueeze(-1));
  }
}

const SCHEMA = {
  det: parseSchema('linalg_det(Tensor A) -> Tensor'),
  tdet: parseSchema('det(Tensor input) -> Tensor', false),
  slogdet: parseSchema('linalg_slogdet(Tensor A) -> (Tensor sign, Tensor logabsdet)'),
  tslogdet: parseSchema('slogdet(Tensor input) -> (Tensor sign, Tensor logabsdet)', false),
  logdet: parseSchema('logdet(Tensor input) -> Tensor', false),
  solve: parseSchema('linalg_solve(Tensor A, Tensor B, *, bool left=True) -> Tensor'),
  solveEx: parseSchema('linalg_solve_ex(Tensor A, Tensor B, *, bool left=True, bool check_errors=False) -> (Tensor result, Tensor info)'),
  cholesky: parseSchema('linalg_cholesky(Tensor A, *, bool upper=False) -> Tensor'),
  choleskyEx: parseSchema('linalg_cholesky_ex(Tensor A, *, bool upper=False, bool check_errors=False) -> (Tensor L, Tensor info)'),
  tcholesky: parseSchema('cholesky(Tensor input, bool upper=False) -> Tensor', false),
  qr: parseSchema("linalg_qr(Tensor A, str mode='reduced') -> (Tensor Q, Tensor R)"),
  eigh: parseSchema("linalg_eigh(Tensor A, str UPLO='L') -> (Tensor eigenvalues, Tensor eigenvectors)"),
  eigvalsh: parseSchema("linalg_eigvalsh(Tensor A, str UPLO='L') -> Tensor"),
  solveTriangular: parseSchema('linalg_solve_triangular(Tensor A, Tensor B, *, bool upper, bool left=True, bool unitriangular=False) -> Tensor'),
  choleskySolve: parseSchema('cholesky_solve(Tensor input, Tensor input2, bool upper=False) -> Tensor', false),
};

function detOf(A: Tensor, fn: string): Tensor {
  checkSquare(A, fn);
  return LinalgDet.apply(A) as Tensor;
}

function slogdetOf(A: Tensor, fn: string): [Tensor, Tensor] {
  checkSquare(A, fn);
  return LinalgSlogdet.apply(A) as [Tensor, Tensor];
}

/**
 * The determinant of a square matrix, or of each matrix of a batch (LinalgDetBackward0), by LU
 * with partial pivoting.
 * @example torch.linalg.det(torch.tensor([[1, 2], [3, 4]])) // tensor(-2.)
 */
export function det(A: Tensor): Tensor;
export function det(...args: unknown[]): Tensor { return detOf(bind(SCHEMA.det, args, null).A as Tensor, 'linalg.det'); }

/**
 * torch.det: {@link det} (torch.linalg.det) under its older name.
 * @example torch.det(torch.eye(3)) // tensor(1.)
 */
export function torchDet(input: Tensor): Tensor;
export function torchDet(...args: unknown[]): Tensor { return detOf(bind(SCHEMA.tdet, args, null).input as Tensor, 'linalg.det'); }

/**
 * The sign and the log of the absolute value of the determinant (LinalgSlogdetBackward0 for
 * both; the sign's gradient is zero): sign 0 and logabsdet −inf for a singular matrix.
 * @example const [sign, logabsdet] = torch.linalg.slogdet(torch.tensor([[1, 2], [3, 4]]));
 */
export function slogdet(A: Tensor): [Tensor, Tensor];
export function slogdet(...args: unknown[]): [Tensor, Tensor] { return slogdetOf(bind(SCHEMA.slogdet, args, null).A as Tensor, 'linalg.slogdet'); }

/**
 * torch.slogdet: {@link slogdet} under its older name.
 * @example const [sign, logabsdet] = torch.slogdet(torch.eye(2));
 */
export function torchSlogdet(input: Tensor): [Tensor, Tensor];
export function torchSlogdet(...args: unknown[]): [Tensor, Tensor] { return slogdetOf(bind(SCHEMA.tslogdet, args, null).input as Tensor, 'linalg.slogdet'); }

/**
 * torch.logdet: log(det(A)), NaN where the determinant is negative, as PyTorch composes it from
 * slogdet (WhereBackward0).
 * @example torch.logdet(torch.tensor([[2, 0], [0, 3]])) // tensor(1.7918)
 */
export function logdet(input: Tensor): Tensor;
export function logdet(...args: unknown[]): Tensor {
  const A = bind(SCHEMA.logdet, args, null).input as Tensor;
  checkSquare(A, 'logdet');
  const [sign, logabs] = LinalgSlogdet.apply(A) as [Tensor, Tensor];
  const negative = sign.eq(-1), nan = full_like(logabs, NaN);
  try { return where(negative, nan, logabs); } finally { for (const t of [sign, logabs, negative, nan]) t.dispose(); }
}

// ---- solve ----

/** X with A·X = B, each A [..., n, n] and B [..., n, k] of the broadcast batch: host values, and getrf's info per matrix. */
function luSolveHost(A: Tensor, B: Tensor, batch: number[]): { x: Float64Array; info: Int32Array } {
  const n = A._shape.at(-1)!, k = B._shape.at(-1)!;
  const a = broadcastHost(A, batch), x = broadcastHost(B, batch), piv = new Int32Array(n), info = new Int32Array(numel(batch));
  perMatrix(a, n, (m, b) => {
    info[b] = luInPlace(m, n, piv);
    luSolve(m, n, piv, x.subarray(b * n * k, (b + 1) * n * k), k);
  });
  return { x, info };
}

class LinalgSolveEx extends Function {
  static nodeName = 'LinalgSolveExBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, B: Tensor, vector: boolean, left: boolean, check: string | null): Tensor[] {
    // X·A = B is Aᵀ·Xᵀ = Bᵀ
    const Al = left ? A : mT(A), Bm = vector ? B.unsqueeze(-1) : left ? B : mT(B);
    const batch = broadcastShapes(Al._shape.slice(0, -2), Bm._shape.slice(0, -2));
    const { x, info } = luSolveHost(Al, Bm, batch), singular = info.findIndex((k) => k !== 0);
    if (check && singular >= 0) throw new LinAlgError(`${check}: ${batchOf(singular, batch.length + 2)}The solver failed because the input matrix is singular.`);
    const shape = [...batch, Al._shape.at(-1)!, Bm._shape.at(-1)!];
    let out = make(A, x, vector ? shape.slice(0, -1) : shape);
    if (!left && !vector) out = mT(out).contiguous();
    Object.assign(ctx, { vector, left });
    ctx.save_for_backward(A, out);
    const infos = make(A, info, batch, DType.Int32);
    ctx.mark_non_differentiable(infos);
    return [out, infos];
  }
  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    const [A, X] = ctx.saved_tensors as Tensor[];
    const { vector, left } = ctx as unknown as { vector: boolean; left: boolean };
    // PyTorch's linalg_solve_backward: gB = A⁻ᵀ·g (g·A⁻ᵀ), gA = −gB·Xᵀ (−Xᵀ·gB)
    const gB = solveOf(mT(A), g, vector, left);
    const col = (t: Tensor): Tensor => (vector ? t.unsqueeze(-1) : t);
    let gA: Tensor | null = null;
    if (ctx.needs_input_grad[0]) gA = (left || vector ? col(gB).matmul(mT(col(X))) : mT(X).matmul(gB)).neg();
    return [gA, gB, null, null, null];
  }
}

function solveOf(A: Tensor, B: Tensor, vector: boolean, left: boolean): Tensor {
  const [X, info] = LinalgSolveEx.apply(A, B, vector, left, 'torch.linalg.solve') as Tensor[];
  info.dispose();
  return X;
}

/**
 * The solution X of A·X = B (left) or X·A = B (`left: false`), for a square A or a batch of them,
 * B a matrix or (B.ndim == 1, or A's shape without its last dim) a vector; batch dims broadcast.
 * LU with partial pivoting (LinalgSolveExBackward0); a singular A raises torch.linalg.LinAlgError.
 * @example torch.linalg.solve(torch.tensor([[2, 0], [0, 4]]), torch.tensor([2, 2])) // tensor([1.0000, 0.5000])
 */
export function solve(A: Tensor, B: Tensor, options?: { left?: boolean }): Tensor;
export function solve(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.solve, args, null);
  const { A, B, vector, left } = checkSolve(a);
  return solveOf(A, B, vector, left);
}

/**
 * {@link solve} without the error: [result, info], info (int32) getrf's first zero pivot per
 * matrix (0 where A is invertible; result is then not meaningful), as LinalgSolveExBackward0;
 * `check_errors: true` raises PyTorch's LinAlgError instead.
 * @example const [X, info] = torch.linalg.solve_ex(torch.eye(2), torch.ones(2));
 */
export function solve_ex(A: Tensor, B: Tensor, options?: { left?: boolean; check_errors?: boolean }): [Tensor, Tensor];
export function solve_ex(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(SCHEMA.solveEx, args, null);
  const { A, B, vector, left } = checkSolve(a);
  return LinalgSolveEx.apply(A, B, vector, left, a.check_errors ? 'torch.linalg.solve_ex' : null) as [Tensor, Tensor];
}

/** ATen's checks of linalg.solve (and solve_ex), and whether B is a vector. */
function checkSolve(a: Record<string, unknown>): { A: Tensor; B: Tensor; vector: boolean; left: boolean } {
  const A = a.A as Tensor, B = a.B as Tensor;
  checkSquare(A, 'linalg.solve');
  checkFloat(B, 'linalg.solve');
  if (A._dtype !== B._dtype) throw new RuntimeError(`linalg.solve: Expected A and B to have the same dtype, but found A of type ${DTYPES[A._dtype]._scalarType} and B of type ${DTYPES[B._dtype]._scalarType} instead`);
  const left = a.left as boolean;
  const As = A._shape, Bs = B._shape, n = As.at(-1)!;
  const vector = Bs.length === 1 || (Bs.length === As.length - 1 && Bs.every((d, i) => d === As[i]));
  const rows = vector ? Bs.at(-1)! : left ? Bs.at(-2)! : Bs.at(-1)!;
  if (rows !== n) {
    const shown = vector ? `${Bs.at(-1)}x1` : `${Bs.at(-2)}x${Bs.at(-1)}`;
    throw new RuntimeError(`linalg.solve: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${shown})`);
  }
  broadcastShapes(As.slice(0, -2), vector ? Bs.slice(0, -1) : Bs.slice(0, -2));
  return { A, B, vector, left };
}

// ---- solve_triangular, cholesky_solve ----

/** X with T·X = B (left) or X·T = B, T triangular, batch dims broadcast: host values and shape. */
function triangularHost(A: Tensor, B: Tensor, upper: boolean, left: boolean, unit: boolean): { x: Float64Array; shape: number[] } {
  const batch = broadcastShapes(A._shape.slice(0, -2), B._shape.slice(0, -2));
  const n = A._shape.at(-1)!, [r, c] = B._shape.slice(-2);
  const a = broadcastHost(A, batch), b = broadcastHost(B, batch), count = numel(batch);
  const k = left ? c : r, work = new Float64Array(n * k), at = new Float64Array(n * n);
  for (let i = 0; i < count; i++) {
    const t = a.subarray(i * n * n, (i + 1) * n * n), x = b.subarray(i * r * c, (i + 1) * r * c);
    if (left) { triangularSolve(t, n, x, k, upper, unit); continue; }
    // X·T = B is Tᵀ·Xᵀ = Bᵀ
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) at[q * n + p] = t[p * n + q];
    for (let p = 0; p < r; p++) for (let q = 0; q < c; q++) work[q * k + p] = x[p * c + q];
    triangularSolve(at, n, work, k, !upper, unit);
    for (let p = 0; p < r; p++) for (let q = 0; q < c; q++) x[p * c + q] = work[q * k + p];
  }
  return { x: b, shape: [...batch, r, c] };
}

class LinalgSolveTriangular extends Function {
  static nodeName = 'LinalgSolveTriangularBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, B: Tensor, upper: boolean, left: boolean, unit: boolean): Tensor {
    const { x, shape } = triangularHost(A, B, upper, left, unit);
    const out = make(A, x, shape);
    Object.assign(ctx, { upper, left, unit });
    ctx.save_for_backward(A, out);
    return out;
  }
  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    const [A, X] = ctx.saved_tensors as Tensor[];
    const { upper, left, unit } = ctx as unknown as { upper: boolean; left: boolean; unit: boolean };
    // PyTorch's linalg_solve_triangular_backward
    const gB = LinalgSolveTriangular.apply(mT(A), g, !upper, left, unit) as Tensor;
    let gA: Tensor | null = null;
    if (ctx.needs_input_grad[0]) {
      const p = (left ? gB.matmul(mT(X)) : mT(X).matmul(gB)).neg();
      gA = upper ? p.triu(unit ? 1 : 0) : p.tril(unit ? -1 : 0);
    }
    return [gA, gB, null, null, null];
  }
}

export function triangularOf(A: Tensor, B: Tensor, upper: boolean, left: boolean, unit: boolean): Tensor {
  return LinalgSolveTriangular.apply(A, B, upper, left, unit) as Tensor;
}

/**
 * The solution X of T·X = B (or X·T = B with `left: false`) for a triangular T: only its upper
 * (`upper: true`) or lower triangle is read, its diagonal taken as ones with `unitriangular`;
 * batch dims broadcast (LinalgSolveTriangularBackward0).
 * @example torch.linalg.solve_triangular(torch.tensor([[2, 1], [0, 4]]), torch.tensor([[3], [4]]), { upper: true }) // [[1], [1]]
 */
export function solve_triangular(A: Tensor, B: Tensor, options: { upper: boolean; left?: boolean; unitriangular?: boolean }): Tensor;
export function solve_triangular(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.solveTriangular, args, null);
  const A = a.A as Tensor, B = a.B as Tensor, left = a.left as boolean;
  const fn = 'linalg.solve_triangular';
  checkSquare(A, fn);
  if (B._shape.length < 2) throw new RuntimeError(`${fn}: The input tensor B must have at least 2 dimensions.`);
  const n = A._shape.at(-1)!, k = left ? B._shape.at(-2)! : B._shape.at(-1)!;
  if (k !== n) {
    throw new RuntimeError(`${fn}: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${B._shape.at(-2)}x${B._shape.at(-1)})`);
  }
  broadcastShapes(A._shape.slice(0, -2), B._shape.slice(0, -2));
  checkFloat(B, fn);
  // float32 with float64 computes in float64, as PyTorch promotes
  if (A._dtype !== B._dtype) {
    const [A64, B64] = [A, B].map((t) => (t._dtype === DType.Float64 ? t : t.to('float64')));
    return triangularOf(A64, B64, a.upper as boolean, left, a.unitriangular as boolean);
  }
  return triangularOf(A, B, a.upper as boolean, left, a.unitriangular as boolean);
}

class CholeskySolve extends Function {
  static nodeName = 'CholeskySolveBackward0';
  static override forward(ctx: FunctionCtx, B: Tensor, L: Tensor, upper: boolean): Tensor {
    // A = L·Lᵀ (or Uᵀ·U): two triangular solves
    const lower = upper ? mT(L) : L;
    const y = triangularHost(lower, B, false, true, false);
    const Y = make(B, y.x, y.shape);
    const { x, shape } = triangularHost(mT(lower), Y, true, true, false);
    const out = make(B, x, shape);
    ctx.upper = upper;
    ctx.save_for_backward(L, out);
    return out;
  }
  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    const [L, X] = ctx.saved_tensors as Tensor[];
    const upper = ctx.upper as boolean;
    // PyTorch's cholesky_solve_backward
    const gB = CholeskySolve.apply(g, L, upper) as Tensor;
    let gL: Tensor | null = null;
    if (ctx.needs_input_grad[1]) {
      const c = gB.matmul(mT(X));
      const sym = c.add(mT(c));
      gL = (upper ? L.matmul(sym) : sym.matmul(L)).neg();
    }
    return [gB, gL, null];
  }
}

/**
 * X with A·X = B given the Cholesky factor of A (`input2`: L, or U with `upper`), batch dims
 * broadcast (CholeskySolveBackward0).
 * @example torch.cholesky_solve(torch.tensor([[4], [2]]), torch.tensor([[2, 0], [1, 1]])) // [[1.], [0.]]
 */
export function cholesky_solve(input: Tensor, input2: Tensor, upper?: boolean): Tensor;
export function cholesky_solve(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.choleskySolve, args, null);
  const B = a.input as Tensor, L = a.input2 as Tensor;
  if (B._shape.length < 2) throw new RuntimeError(`b should have at least 2 dimensions, but has ${B._shape.length} dimensions instead`);
  if (L._shape.length < 2) throw new RuntimeError(`u should have at least 2 dimensions, but has ${L._shape.length} dimensions instead`);
  if (B._dtype !== L._dtype) throw new RuntimeError(`Expected b and A to have the same dtype, but found b of type ${DTYPES[B._dtype]._scalarType} and A of type ${DTYPES[L._dtype]._scalarType} instead.`);
  checkSquare(L, 'cholesky_solve');
  if (B._shape.at(-2) !== L._shape.at(-1)) {
    throw new RuntimeError(`Incompatible matrix sizes for cholesky_solve: each A matrix is ${L._shape.at(-1)} by ${L._shape.at(-1)} but each b matrix is ${B._shape.at(-2)} by ${B._shape.at(-1)}`);
  }
  broadcastShapes(B._shape.slice(0, -2), L._shape.slice(0, -2));
  return CholeskySolve.apply(B, L, a.upper as boolean) as Tensor;
}

// ---- cholesky ----

/** L (or U) of every matrix of A, and potrf's info per matrix. */
function choleskyHost(A: Tensor, upper: boolean): { l: Float64Array; info: Int32Array } {
  const n = A._shape.at(-1)!, src = host(A), count = numel(A._shape.slice(0, -2));
  const info = new Int32Array(count), l = new Float64Array(src.length);
  perMatrix(src, n, (m, b) => {
    const w = l.subarray(b * n * n, (b + 1) * n * n);
    // upper: Uᵀ·U from the upper triangle is the lower factor of Aᵀ, transposed
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i * n + j] = upper ? m[j * n + i] : m[i * n + j];
    info[b] = choleskyInPlace(w, n);
    if (upper) for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) { w[j * n + i] = w[i * n + j]; w[i * n + j] = 0; }
  });
  return { l, info };
}

/** PyTorch's cholesky_backward: gA = L⁻ᵀ·Φ(Lᵀ·gL)·L⁻¹, Φ the symmetric part of the lower triangle. */
function choleskyBackward(L: Tensor, g: Tensor, upper: boolean): Tensor {
  const Lo = upper ? mT(L) : L, gL = upper ? mT(g) : g;
  const X = mT(Lo).matmul(gL).tril();
  const S = X.add(mT(X.tril(-1))).mul(0.5);
  const Y = triangularOf(mT(Lo), S, true, true, false);
  return triangularOf(Lo, Y, false, false, false);
}

function choleskyFunction(name: string): typeof Function {
  return class extends Function {
    static nodeName = name;
    static override forward(ctx: FunctionCtx, A: Tensor, upper: boolean, check: string | null): Tensor[] {
      const { l, info } = choleskyHost(A, upper);
      const nd = A._shape.length, bad = info.findIndex((k) => k !== 0);
      if (check && bad >= 0) {
        throw new LinAlgError(`${check}: ${batchOf(bad, nd)}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${info[bad]} is not positive-definite).`);
      }
      const L = make(A, l, A._shape.slice());
      ctx.upper = upper;
      ctx.save_for_backward(L);
      return [L, make(A, info, A._shape.slice(0, -2), DType.Int32)];
    }
    static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
      const [L] = ctx.saved_tensors as Tensor[];
      return [choleskyBackward(L, g, ctx.upper as boolean), null, null];
    }
  };
}

const LinalgCholeskyEx = choleskyFunction('LinalgCholeskyExBackward0');
const TorchCholesky = choleskyFunction('CholeskyBackward0');

/**
 * The Cholesky factor L of a symmetric positive-definite matrix (A = L·Lᵀ, from A's lower
 * triangle), or U (A = Uᵀ·U, from the upper triangle) with `upper` (LinalgCholeskyExBackward0);
 * a matrix that is not positive-definite raises torch.linalg.LinAlgError naming the minor.
 * @example torch.linalg.cholesky(torch.tensor([[4, 2], [2, 2]])) // [[2, 0], [1, 1]]
 */
export function cholesky(A: Tensor, options?: { upper?: boolean }): Tensor;
export function cholesky(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.cholesky, args, null);
  return choleskyOf(LinalgCholeskyEx, a.A as Tensor, a.upper as boolean, 'linalg.cholesky');
}

/** The factor alone, raising where the factorization fails. */
function choleskyOf(f: typeof Function, A: Tensor, upper: boolean, fn: string): Tensor {
  checkSquare(A, fn);
  const [L, info] = f.apply(A, upper, fn) as Tensor[];
  info.dispose();
  return L;
}

/**
 * {@link cholesky} without the error: [L, info], info (int32) the order of the first leading minor
 * that is not positive-definite, 0 where the factorization succeeded (L is then not meaningful).
 * `check_errors: true` raises as cholesky does.
 * @example const [L, info] = torch.linalg.cholesky_ex(torch.eye(2));
 */
export function cholesky_ex(A: Tensor, options?: { upper?: boolean; check_errors?: boolean }): [Tensor, Tensor];
export function cholesky_ex(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(SCHEMA.choleskyEx, args, null), A = a.A as Tensor;
  checkSquare(A, 'linalg.cholesky');
  return LinalgCholeskyEx.apply(A, a.upper as boolean, a.check_errors ? 'linalg.cholesky_ex' : null) as [Tensor, Tensor];
}

/**
 * torch.cholesky (deprecated in PyTorch, without its warning here): {@link cholesky} with a
 * positional `upper`, node CholeskyBackward0.
 * @example torch.cholesky(torch.tensor([[4, 2], [2, 2]])) // [[2, 0], [1, 1]]
 */
export function torchCholesky(input: Tensor, upper?: boolean): Tensor;
export function torchCholesky(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.tcholesky, args, null);
  return choleskyOf(TorchCholesky, a.input as Tensor, a.upper as boolean, 'cholesky');
}

// ---- qr ----

/** Q and R of every matrix of A, on the host. */
function qrHost(A: Tensor, complete: boolean, withQ: boolean): { q: Float64Array; r: Float64Array; qShape: number[]; rShape: number[] } {
  const s = A._shape, batch = s.slice(0, -2), [m, n] = s.slice(-2), k = Math.min(m, n), rows = complete ? m : k;
  const data = host(A), count = numel(batch);
  const q = new Float64Array(withQ ? count * m * rows : 0), r = new Float64Array(count * rows * n);
  for (let b = 0; b < count; b++) {
    householderQr(data.subarray(b * m * n, (b + 1) * m * n), m, n, complete,
      withQ ? q.subarray(b * m * rows, (b + 1) * m * rows) : null, r.subarray(b * rows * n, (b + 1) * rows * n));
  }
  return { q, r, qShape: [...batch, m, rows], rShape: [...batch, rows, n] };
}

/** The reduced-QR derivative (m ≥ n): gA = (gQ + Q·copyltu(M))·R⁻ᵀ, M = R·gRᵀ − gQᵀ·Q. */
function qrBackwardTall(Q: Tensor, R: Tensor, gQ: Tensor, gR: Tensor): Tensor {
  const M = R.matmul(mT(gR)).sub(mT(gQ).matmul(Q));
  const sym = M.tril().add(mT(M.tril(-1)));
  return triangularOf(mT(R), gQ.add(Q.matmul(sym)), false, false, false);
}

class LinalgQr extends Function {
  static nodeName = 'LinalgQrBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, mode: string): Tensor[] {
    const { q, r, qShape, rShape } = qrHost(A, mode === 'complete', true);
    const Q = make(A, q, qShape), R = make(A, r, rShape);
    ctx.mode = mode;
    ctx.save_for_backward(Q, R);
    return [Q, R];
  }
  static override backward(ctx: FunctionCtx, gQ: Tensor, gR: Tensor): (Tensor | null)[] {
    const [Q, R] = ctx.saved_tensors as Tensor[];
    const [m, n] = [Q._shape.at(-2)!, R._shape.at(-1)!];
    if (ctx.mode === 'complete' && m > n) throw new RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
    if (m >= n) return [qrBackwardTall(Q, R, gQ, gR), null];
    // m < n: A = [X | Y] with X = Q·U square; Y = Q·V moves Q's gradient by Y·gVᵀ
    const U = R.narrow(-1, 0, m), gU = gR.narrow(-1, 0, m), gV = gR.narrow(-1, m, n - m);
    const Y = Q.matmul(R.narrow(-1, m, n - m));
    const gX = qrBackwardTall(Q, U, gQ.add(Y.matmul(mT(gV))), gU);
    return [cat([gX, Q.matmul(gV)], -1), null];
  }
}

class LinalgQrR extends Function {
  static nodeName = 'LinalgQrBackward0';
  static override forward(_ctx: FunctionCtx, A: Tensor): Tensor {
    const { r, rShape } = qrHost(A, false, false);
    return make(A, r, rShape);
  }
  static override backward(): Tensor {
    throw new RuntimeError("The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.");
  }
}

/**
 * The QR decomposition A = Q·R of a matrix or batch (LinalgQrBackward0) by Householder
 * reflections with LAPACK's sign choices: `mode` 'reduced' (default; Q [m, k], R [k, n], k =
 * min(m, n)), 'complete' (Q [m, m], R [m, n]) or 'r' (Q empty, R only, not differentiable).
 * @example const [Q, R] = torch.linalg.qr(torch.tensor([[3, 1], [4, 2]]));
 */
export function qr(A: Tensor, mode?: 'reduced' | 'complete' | 'r'): [Tensor, Tensor];
export function qr(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(SCHEMA.qr, args, null), A = a.A as Tensor, mode = a.mode as string;
  if (A._shape.length < 2) throw new RuntimeError('linalg.qr: The input tensor A must have at least 2 dimensions.');
  checkFloat(A, 'linalg.qr');
  if (!['reduced', 'complete', 'r'].includes(mode)) throw new RuntimeError(`qr received unrecognized mode '${mode}' but expected one of 'reduced' (default), 'r', or 'complete'`);
  if (mode === 'r') return [make(A, [], [0]), LinalgQrR.apply(A) as Tensor];
  return LinalgQr.apply(A, mode) as [Tensor, Tensor];
}

// ---- eigh, eigvalsh ----

function eighHost(A: Tensor, upper: boolean): { l: Float64Array; v: Float64Array } {
  const n = A._shape.at(-1)!, data = host(A), count = numel(A._shape.slice(0, -2));
  const l = new Float64Array(count * n), v = new Float64Array(data.length);
  perMatrix(data, n, (m, b) => jacobiEigh(m, n, upper, l.subarray(b * n, (b + 1) * n), v.subarray(b * n * n, (b + 1) * n * n)));
  return { l, v };
}

/** PyTorch's linalg_eig_backward for a symmetric A: V·(diag(gL) + skew(Vᵀ·gV)/E)·Vᵀ, E_ij = L_j − L_i; gV's term only when gV reached V (repeated eigenvalues would make it 0/0). */
function eighBackward(L: Tensor, V: Tensor, gL: Tensor, gV: Tensor | null): Tensor {
  let inner = gL.diag_embed();
  if (gV) {
    const VgV = mT(V).matmul(gV), n = L._shape.at(-1)!;
    const E = L.unsqueeze(-2).sub(L.unsqueeze(-1)).add(eye(n, { dtype: L.dtype, device: L.device }));
    inner = inner.add(VgV.sub(mT(VgV)).mul(0.5).div(E));
  }
  return V.matmul(inner).matmul(mT(V));
}

/** ATen's checks of eigh and eigvalsh (both linalg.eigh's): squareness, UPLO, then the dtype its kernel refuses; whether to read the upper triangle. */
function checkEigh(A: Tensor, uplo: string): boolean {
  const s = A._shape, nd = s.length;
  if (nd < 2) throw new RuntimeError('linalg.eigh: The input tensor A must have at least 2 dimensions.');
  if (s[nd - 1] !== s[nd - 2]) throw new RuntimeError(`linalg.eigh: A must be batches of square matrices, but they are ${s[nd - 2]} by ${s[nd - 1]} matrices`);
  if (uplo !== 'L' && uplo !== 'U' && uplo !== 'l' && uplo !== 'u') throw new RuntimeError(`Expected UPLO argument to be 'L' or 'U', but got ${uplo}`);
  if (!isFloating(A._dtype)) throw new RuntimeError(`"linalg_eigh_cpu" not implemented for '${DTYPES[A._dtype]._scalarType}'`);
  return uplo === 'U' || uplo === 'u';
}

class LinalgEigh extends Function {
  static nodeName = 'LinalgEighBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, upper: boolean): Tensor[] {
    const { l, v } = eighHost(A, upper);
    const L = make(A, l, A._shape.slice(0, -1)), V = make(A, v, A._shape.slice());
    ctx.save_for_backward(L, V);
    return [L, V];
  }
  static override backward(ctx: FunctionCtx, gL: Tensor, gV: Tensor): (Tensor | null)[] {
    const [L, V] = ctx.saved_tensors as Tensor[];
    // PyTorch skips gV's term when no gradient reached V (eigvalsh): a gradient of zeros here
    return [eighBackward(L, V, gL, host(gV).some((x) => x !== 0) ? gV : null), null];
  }
}

/**
 * The eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix or batch, read
 * from its lower triangle (`UPLO: 'U'`: the upper one), by Jacobi rotations
 * (LinalgEighBackward0). Each eigenvector is unique only up to its sign, which may differ from
 * PyTorch's LAPACK.
 * @example const [L, V] = torch.linalg.eigh(torch.tensor([[2, 1], [1, 2]])); // L: tensor([1., 3.])
 */
export function eigh(A: Tensor, UPLO?: 'L' | 'U'): [Tensor, Tensor];
export function eigh(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(SCHEMA.eigh, args, null), A = a.A as Tensor;
  return LinalgEigh.apply(A, checkEigh(A, a.UPLO as string)) as [Tensor, Tensor];
}

/**
 * The eigenvalues (ascending) of a symmetric matrix or batch, as {@link eigh}'s first result
 * (LinalgEighBackward0).
 * @example torch.linalg.eigvalsh(torch.tensor([[2, 1], [1, 2]])) // tensor([1., 3.])
 */
export function eigvalsh(A: Tensor, UPLO?: 'L' | 'U'): Tensor;
export function eigvalsh(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.eigvalsh, args, null), A = a.A as Tensor;
  // eigh's eigenvalues: its node saves V as an output, so create_graph sees V's dependence on A
  const [L, V] = LinalgEigh.apply(A, checkEigh(A, a.UPLO as string)) as [Tensor, Tensor];
  V.dispose();
  return L;
}
