// torch.linalg's pinv, lstsq, matrix_rank, multi_dot and vecdot. pinv and lstsq are autograd
// Functions as in src/ops/linalg_factor.ts (PyTorch's nodes LinalgPinvBackward0 and
// LinalgLstsqBackward0, their backward PyTorch's pinv_backward written with recorded ops); the
// others compose recorded ops as ATen does.

import { RuntimeError, NotImplementedError, LinAlgError, TypeError } from '../errors.js';
import { isFloating, DTYPES } from '../dtype.js';
import { DType } from '../../abi/abi.js';
import { broadcastShapes } from '../shape.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { svdvalsOf } from './svd.js';
import { eigvalsh, checkSquare } from './linalg_factor.js';
import { invOf } from './linalg_more.js';
import { jacobiSvd } from '../js/kernels/svd.js';
import { jacobiEigh, luInPlace } from '../js/kernels/linalg_factor.js';

const EPS: Record<number, number> = { [DType.Float32]: 1.1920928955078125e-7, [DType.Float64]: 2.220446049250313e-16 };
const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
const mT = (t: Tensor): Tensor => t.transpose(-2, -1);
const make = (like: Tensor, data: ArrayLike<number>, shape: number[], dtype = like._dtype): Tensor =>
  new Tensor(like._dev, like._dev.fromData(data, shape, dtype), shape, dtype);

const SCHEMA = {
  pinv: parseSchema('linalg_pinv(Tensor A, *, float? atol=None, float? rtol=None, bool hermitian=False) -> Tensor'),
  lstsq: parseSchema('linalg_lstsq(Tensor A, Tensor B, float? rcond=None, *, str? driver=None) -> (Tensor solution, Tensor residuals, Tensor rank, Tensor singular_values)'),
  rank: parseSchema('linalg_matrix_rank(Tensor A, *, float? atol=None, float? rtol=None, bool hermitian=False) -> Tensor'),
  invEx: parseSchema('linalg_inv_ex(Tensor A, *, bool check_errors=False) -> (Tensor inverse, Tensor info)'),
  vecdot: parseSchema('linalg_vecdot(Tensor x, Tensor y, *, int dim=-1) -> Tensor'),
};

/** ATen's get_atol_rtol: rtol defaults to ε·max(m, n), or 0 when only a positive atol is given. */
function tolerances(A: Tensor, atol: number | null, rtol: number | null): [number, number] {
  const [m, n] = A._shape.slice(-2);
  return [atol ?? 0, rtol ?? (atol !== null && atol > 0 ? 0 : EPS[A._dtype] * Math.max(m, n))];
}

/**
 * The pseudoinverse of every matrix of A (host values, [..., n, m]) and the rank each kept:
 * V·diag(1/s)·Uᵀ over the singular values above max(atol, rtol·s_max), from the one-sided Jacobi
 * SVD of svdvals (or the eigendecomposition for `hermitian`, over |λ|).
 */
function pinvHost(A: Tensor, atol: number, rtol: number, hermitian: boolean): { p: Float64Array; rank: Float64Array } {
  const s = A._shape, [m, n] = s.slice(-2), k = Math.min(m, n), count = numel(s.slice(0, -2));
  const data = Float64Array.from(A._dev.read(A.h)), p = new Float64Array(count * n * m), rank = new Float64Array(count);
  const u = new Float64Array(m * k), sv = new Float64Array(k), vh = new Float64Array(k * n);
  for (let b = 0; b < count; b++) {
    if (hermitian) {
      // A = V·diag(λ)·Vᵀ: u = V, vh = Vᵀ, and 1/λ keeps λ's sign
      jacobiEigh(data.subarray(b * n * n, (b + 1) * n * n), n, false, sv, u);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vh[i * n + j] = u[j * n + i];
    } else if (!jacobiSvd(data, b * m * n, m, n, u, sv, vh)) {
      throw new LinAlgError(`linalg.svd: ${s.length > 2 ? `(Batch element ${b}): ` : ''}The algorithm failed to converge because the input matrix contained non-finite values.`);
    }
    const tol = Math.max(atol, rtol * sv.reduce((x, y) => Math.max(x, Math.abs(y)), 0));
    const out = p.subarray(b * n * m, (b + 1) * n * m);
    for (let t = 0; t < k; t++) {
      if (!(Math.abs(sv[t]) > tol)) continue;
      rank[b]++;
      const inv = 1 / sv[t];
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] += vh[t * n + i] * inv * u[j * k + t];
    }
  }
  return { p, rank };
}

/** PyTorch's pinv_backward (Golub and Pereyra's derivative), arranged for the smaller side. */
function pinvBackward(g: Tensor, P: Tensor, A: Tensor): Tensor {
  const [m, n] = A._shape.slice(-2), Ph = mT(P), gh = mT(g);
  if (m <= n) {
    const K = gh.matmul(P), KPh = K.matmul(Ph);
    return mT(P.matmul(K)).neg().add(KPh).sub(A.matmul(P).matmul(KPh)).add(Ph.matmul(P).matmul(gh.sub(K.matmul(A))));
  }
  const K = P.matmul(gh), PhK = Ph.matmul(K);
  return mT(K.matmul(P)).neg().add(gh.sub(A.matmul(K)).matmul(P).matmul(Ph)).add(PhK).sub(PhK.matmul(P).matmul(A));
}

class LinalgPinv extends Function {
  static nodeName = 'LinalgPinvBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, atol: number, rtol: number, hermitian: boolean): Tensor {
    const { p } = pinvHost(A, atol, rtol, hermitian);
    const out = make(A, p, [...A._shape.slice(0, -2), A._shape.at(-1)!, A._shape.at(-2)!]);
    ctx.save_for_backward(A, out);
    return out;
  }
  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    const [A, P] = ctx.saved_tensors as Tensor[];
    return [pinvBackward(g, P, A), null, null, null];
  }
}

function checkPinv(A: Tensor): void {
  if (A._shape.length < 2 || !isFloating(A._dtype)) {
    const name = DTYPES[A._dtype]._scalarType;
    throw new RuntimeError(`linalg.pinv(${name}{[${A._shape.join(', ')}]}): expected a tensor with 2 or more dimensions of float, double, cfloat or cdouble types`);
  }
}

/**
 * The Moore–Penrose pseudoinverse of a matrix or batch (LinalgPinvBackward0): singular values
 * at or below max(atol, rtol·σ_max) count as zero (rtol defaults to ε·max(m, n)); `hermitian`
 * takes A as symmetric (its lower triangle) and uses its eigendecomposition.
 * @example torch.linalg.pinv(torch.tensor([[2, 0], [0, 0]])) // [[0.5, 0], [0, 0]]
 */
export function pinv(A: Tensor, options?: { atol?: number | null; rtol?: number | null; hermitian?: boolean }): Tensor;
export function pinv(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.pinv, args, null), A = a.A as Tensor;
  checkPinv(A);
  const [atol, rtol] = tolerances(A, a.atol as number | null, a.rtol as number | null);
  return LinalgPinv.apply(A, atol, rtol, a.hermitian as boolean) as Tensor;
}

class LinalgLstsq extends Function {
  static nodeName = 'LinalgLstsqBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, B: Tensor, rcond: number): unknown[] {
    const batch = broadcastShapes(A._shape.slice(0, -2), B._shape.slice(0, -2));
    const Ab = A.expand([...batch, ...A._shape.slice(-2)]).contiguous(), Bb = B.expand([...batch, ...B._shape.slice(-2)]).contiguous();
    const { p, rank } = pinvHost(Ab, 0, rcond, false);
    const P = make(A, p, [...batch, A._shape.at(-1)!, A._shape.at(-2)!]);
    const X = P.matmul(Bb);
    const residuals = make(A, [], [0]), values = make(A, [], [0]);
    ctx.mark_non_differentiable(residuals, values);
    ctx.save_for_backward(A, B);
    return [X, residuals, make(A, rank, batch, DType.Int64), values];
  }
  static override backward(ctx: FunctionCtx, gX: Tensor): (Tensor | null)[] {
    const [A, B] = ctx.saved_tensors as Tensor[];
    // PyTorch's linalg_lstsq_backward: X = pinv(A)·B
    const P = pinv(A);
    const gA = ctx.needs_input_grad[0] ? pinvBackward(gX.matmul(mT(B)), P, A) : null;
    const gB = ctx.needs_input_grad[1] ? mT(P).matmul(gX) : null;
    return [gA, gB, null];
  }
}

/**
 * The least-squares solution of A·X = B (LinalgLstsqBackward0), as PyTorch's default CPU driver
 * 'gelsy': [solution, residuals (empty), rank (int64), singular_values (empty)]; the solution
 * is pinv(A)·B with singular values at or below rcond·σ_max dropped (rcond defaults to
 * ε·max(m, n)), the minimum-norm solution for a rank-deficient or wide A.
 * @example const { 0: X } = torch.linalg.lstsq(torch.tensor([[1, 0], [0, 1], [0, 0]]), torch.tensor([[1], [2], [3]]));
 */
export function lstsq(A: Tensor, B: Tensor, rcond?: number | null, options?: { driver?: string | null }): [Tensor, Tensor, Tensor, Tensor];
export function lstsq(...args: unknown[]): [Tensor, Tensor, Tensor, Tensor] {
  const a = bind(SCHEMA.lstsq, args, null), A = a.A as Tensor, B = a.B as Tensor;
  if (a.driver !== null && a.driver !== 'gelsy') throw new NotImplementedError(`wasmgrad: torch.linalg.lstsq's driver '${a.driver as string}' is not supported (only 'gelsy', PyTorch's CPU default)`);
  if (!isFloating(A._dtype) || !isFloating(B._dtype)) throw new RuntimeError("This function doesn't handle types other than float and double");
  if (A._dtype !== B._dtype) throw new RuntimeError(`torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype ${DTYPES[A._dtype]._scalarType} and other's dtype ${DTYPES[B._dtype]._scalarType}`);
  if (A._shape.length < 2) throw new RuntimeError(`torch.linalg.lstsq: input must have at least 2 dimensions.`);
  if (B._shape.length < 2) throw new NotImplementedError('wasmgrad: torch.linalg.lstsq with a vector B is not supported; pass B.unsqueeze(-1)');
  if (A._shape.at(-2) !== B._shape.at(-2)) throw new RuntimeError('torch.linalg.lstsq: input.size(-2) should match other.size(-2)');
  const rcond = (a.rcond as number | null) ?? EPS[A._dtype] * Math.max(A._shape.at(-2)!, A._shape.at(-1)!);
  return LinalgLstsq.apply(A, B, rcond) as [Tensor, Tensor, Tensor, Tensor];
}

/**
 * The number of singular values of each matrix above max(atol, rtol·σ_max) (int64; rtol
 * defaults to ε·max(m, n)); `hermitian` counts |eigenvalues| instead.
 * @example torch.linalg.matrix_rank(torch.tensor([[1, 2], [2, 4]])) // tensor(1)
 */
export function matrix_rank(A: Tensor, options?: { atol?: number | null; rtol?: number | null; hermitian?: boolean }): Tensor;
export function matrix_rank(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.rank, args, null), A = a.A as Tensor;
  if (A._shape.length < 2) throw new RuntimeError('torch.linalg.matrix_rank: The input tensor input must have at least 2 dimensions.');
  if (!isFloating(A._dtype)) throw new RuntimeError("This function doesn't handle types other than float and double");
  const [atol, rtol] = tolerances(A, a.atol as number | null, a.rtol as number | null);
  const S = a.hermitian ? eigvalsh(A).abs() : svdvalsOf(A);
  const values = S.detach();
  const top = values.numel() ? values.abs().amax(-1, true) : values.sum(-1, { keepdim: true });
  const tol = top.mul(rtol).clamp_min(atol);
  const out = values.gt(tol).sum(-1);
  for (const t of [S, values, top, tol]) t.dispose();
  return out;
}

/**
 * The product of two or more matrices in the cheapest order (ATen's matrix-chain order); the
 * first may be a row vector and the last a column vector (1-D), whose dims the result drops.
 * @example torch.linalg.multi_dot([torch.ones(2, 3), torch.ones(3, 4), torch.ones(4)]).shape // [2]
 */
export function multi_dot(tensors: readonly Tensor[]): Tensor {
  if (!Array.isArray(tensors)) throw new TypeError(`linalg_multi_dot(): argument 'tensors' (position 1) must be tuple of Tensors, not ${typeof tensors}`);
  const n = tensors.length;
  if (n < 2) throw new RuntimeError(`multi_dot(): expected at least 2 tensors but got ${n}`);
  const first = tensors[0]._shape.length, last = tensors[n - 1]._shape.length;
  if (first !== 1 && first !== 2) throw new RuntimeError(`multi_dot(): the first tensor must be 1D or 2D but got ${first}D`);
  if (last !== 1 && last !== 2) throw new RuntimeError(`multi_dot(): the last tensor must be 1D or 2D but got ${last}D`);
  for (let i = 1; i < n - 1; i++) {
    if (tensors[i]._shape.length !== 2) throw new RuntimeError(`multi_dot(): tensor ${i} must be 2D but got ${tensors[i]._shape.length}D`);
  }
  const dt = tensors[0]._dtype, c10 = (d: DType): string => ({ Float: 'float', Double: 'double', Long: 'long', Int: 'int', Bool: 'bool' } as Record<string, string>)[DTYPES[d]._scalarType];
  tensors.forEach((t, i) => {
    if (t._dtype !== dt) throw new RuntimeError(`multi_dot(): all tensors must have be the same dtype but tensor 0 is ${c10(dt)} and tensor ${i} ${c10(t._dtype)}`);
  });
  const mats = tensors.map((t, i) => (t._shape.length === 2 ? t : i === 0 ? t.unsqueeze(0) : t.unsqueeze(-1)));
  for (let i = 1; i < n; i++) {
    if (mats[i - 1]._shape[1] !== mats[i]._shape[0]) {
      throw new RuntimeError(`multi_dot(): tensors ${i - 1} and ${i} with shapes [${tensors[i - 1]._shape.join(', ')}] and [${tensors[i]._shape.join(', ')}] cannot be multiplied`);
    }
  }
  const dims = [mats[0]._shape[0], ...mats.map((t) => t._shape[1])];
  // ATen's matrix_chain_order: cost[i][j] the fewest multiplications for mats i..j, split[i][j] where
  const cost = dims.slice(1).map(() => new Array<number>(n).fill(0)), split = dims.slice(1).map(() => new Array<number>(n).fill(0));
  for (let len = 1; len < n; len++) {
    for (let i = 0; i + len < n; i++) {
      const j = i + len;
      cost[i][j] = Infinity;
      for (let k = i; k < j; k++) {
        const q = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1];
        if (q < cost[i][j]) { cost[i][j] = q; split[i][j] = k; }
      }
    }
  }
  const made: Tensor[] = [];
  const chain = (i: number, j: number): Tensor => {
    if (i === j) return mats[i];
    const r = chain(i, split[i][j]).mm(chain(split[i][j] + 1, j));
    made.push(r);
    return r;
  };
  const product = chain(0, n - 1);
  const shape = [...(first === 2 ? [dims[0]] : []), ...(last === 2 ? [dims[n]] : [])];
  const out = product.view(shape);
  for (const t of [...made, ...mats.filter((t, i) => t !== tensors[i])]) t.dispose();
  return out;
}

/**
 * The dot product of x and y along dim, their other dims broadcast: (x·y).sum(dim) (SumBackward1).
 * @example torch.linalg.vecdot(torch.tensor([[1, 2], [3, 4]]), torch.tensor([1, 1])) // tensor([3., 7.])
 */
export function vecdot(x: Tensor, y: Tensor, options?: { dim?: number }): Tensor;
export function vecdot(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.vecdot, args, null), x = a.x as Tensor, y = a.y as Tensor;
  if (!isFloating(x._dtype)) throw new RuntimeError(`linalg.vecdot: Expected a floating point or complex tensor as input. Got ${DTYPES[x._dtype]._scalarType}`);
  if (x._dtype !== y._dtype) throw new RuntimeError(`linalg.vecdot: Expected x and y to have the same dtype, but found x of type ${DTYPES[x._dtype]._scalarType} and y of type ${DTYPES[y._dtype]._scalarType} instead`);
  const p = x.mul(y);
  try { return p.sum(a.dim as number); } finally { p.dispose(); }
}

/**
 * {@link inv} without the error: [inverse, info], info (int32) getrf's first zero pivot (1-based)
 * per matrix, 0 where the inverse exists (the inverse is not meaningful elsewhere: NaN or ±inf,
 * as PyTorch's, though not the same values); `check_errors: true` raises PyTorch's LinAlgError.
 * @example const [Ainv, info] = torch.linalg.inv_ex(torch.tensor([[2, 0], [0, 4]]));
 */
export function inv_ex(A: Tensor, options?: { check_errors?: boolean }): [Tensor, Tensor];
export function inv_ex(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(SCHEMA.invEx, args, null), A = a.A as Tensor;
  checkSquare(A, 'linalg.inv');
  const n = A._shape.at(-1)!, data = Float64Array.from(A._dev.read(A.h)), piv = new Int32Array(n);
  const info = new Int32Array(numel(A._shape.slice(0, -2)));
  for (let b = 0; b < info.length; b++) info[b] = luInPlace(data.subarray(b * n * n, (b + 1) * n * n), n, piv);
  const bad = info.findIndex((k) => k !== 0);
  if (bad >= 0 && a.check_errors) {
    const where = A._shape.length > 2 ? `(Batch element ${bad}): ` : '';
    throw new LinAlgError(`linalg.inv_ex: ${where}The diagonal element ${info[bad]} is zero, the inversion could not be completed because the input matrix is singular.`);
  }
  const infoT = make(A, info, A._shape.slice(0, -2), DType.Int32);
  if (bad < 0) return [invOf(A), infoT];
  // the device's LU inverse as it stands (its LinalgInvExBackward0 node recorded), without invOf's error
  const [h] = A._dev.linalgInv(A.h);
  return [new Tensor(A._dev, h, A._shape.slice(), A._dtype), infoT];
}
