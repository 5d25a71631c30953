// torch.linalg's LDLᵀ family (helper linalg3): ldl_factor, ldl_factor_ex, ldl_solve. The factorization
// is LAPACK's sytrf as PyTorch calls it (uplo 'L', Bunch–Kaufman pivoting: dsytf2's choices, so
// pivots are LAPACK's, 2×2 blocks as negative pairs), on the host in float64; the solve is sytrs.
// PyTorch has no derivative for either: with an input that requires grad, the outputs hang from its
// NotImplemented node, whose backward raises PyTorch's error.

import { RuntimeError } from '../errors.js';
import { DType } from '../../abi/abi.js';
import { DTYPES, isFloating } from '../dtype.js';
import { broadcastShapes } from '../shape.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { host, make, numel, checkSquare, broadcastHost } from './linalg_factor.js';

const SCHEMA = {
  factor: parseSchema('linalg_ldl_factor(Tensor input, *, bool hermitian=False) -> (Tensor LD, Tensor pivots)'),
  factorEx: parseSchema('linalg_ldl_factor_ex(Tensor input, *, bool hermitian=False, bool check_errors=False) -> (Tensor LD, Tensor pivots, Tensor info)'),
  solve: parseSchema('linalg_ldl_solve(Tensor LD, Tensor pivots, Tensor B, *, bool hermitian=False) -> Tensor'),
};

// Bunch–Kaufman's growth bound (1 + √17)/8
const ALPHA = (1 + Math.sqrt(17)) / 8;

/**
 * dsytf2 with uplo 'L' on one row-major n×n matrix in place (its lower triangle is read and
 * becomes L and D; the upper is zeroed as PyTorch's LD is): 1-based pivots, negative for a 2×2
 * block; returns the first zero column (1-based, 0: none), as LAPACK's info.
 */
export function sytf2(a: Float64Array, n: number, piv: Int32Array): number {
  const at = (i: number, j: number): number => a[i * n + j];
  const swap = (p: number, q: number): void => { const t = a[p]; a[p] = a[q]; a[q] = t; };
  // idamax: the first index of the largest |x| (a NaN is never larger)
  const argmax = (from: number, to: number, x: (i: number) => number): number => {
    let best = from, v = Math.abs(x(from));
    for (let i = from + 1; i < to; i++) if (Math.abs(x(i)) > v) { v = Math.abs(x(i)); best = i; }
    return best;
  };
  let info = 0;
  for (let k = 0; k < n;) {
    let kstep = 1, kp = k;
    const absakk = Math.abs(at(k, k));
    const imax = k < n - 1 ? argmax(k + 1, n, (i) => at(i, k)) : k;
    const colmax = k < n - 1 ? Math.abs(at(imax, k)) : 0;
    if ((absakk === 0 && colmax === 0) || Number.isNaN(absakk)) {
      if (!info) info = k + 1;
    } else {
      if (absakk < ALPHA * colmax) {
        let rowmax = Math.abs(at(imax, argmax(k, imax, (j) => at(imax, j))));
        if (imax < n - 1) rowmax = Math.max(rowmax, Math.abs(at(argmax(imax + 1, n, (i) => at(i, imax)), imax)));
        if (absakk >= ALPHA * colmax * (colmax / rowmax)) kp = k;
        else if (Math.abs(at(imax, imax)) >= ALPHA * rowmax) kp = imax;
        else { kp = imax; kstep = 2; }
      }
      const kk = k + kstep - 1;
      if (kp !== kk) {
        // the symmetric interchange of rows and columns kk and kp in the trailing lower triangle
        for (let i = kp + 1; i < n; i++) swap(i * n + kk, i * n + kp);
        for (let j = kk + 1; j < kp; j++) swap(j * n + kk, kp * n + j);
        swap(kk * n + kk, kp * n + kp);
        if (kstep === 2) swap((k + 1) * n + k, kp * n + k);
      }
      if (kstep === 1) {
        if (k < n - 1) {
          const d11 = 1 / at(k, k);
          for (let j = k + 1; j < n; j++) {
            const t = -d11 * at(j, k);
            for (let i = j; i < n; i++) a[i * n + j] += at(i, k) * t;
          }
          for (let i = k + 1; i < n; i++) a[i * n + k] *= d11;
        }
      } else if (k < n - 2) {
        let d21 = at(k + 1, k);
        const d11 = at(k + 1, k + 1) / d21, d22 = at(k, k) / d21, t = 1 / (d11 * d22 - 1);
        d21 = t / d21;
        for (let j = k + 2; j < n; j++) {
          const wk = d21 * (d11 * at(j, k) - at(j, k + 1)), wkp1 = d21 * (d22 * at(j, k + 1) - at(j, k));
          for (let i = j; i < n; i++) a[i * n + j] = a[i * n + j] - at(i, k) * wk - at(i, k + 1) * wkp1;
          a[j * n + k] = wk;
          a[j * n + k + 1] = wkp1;
        }
      }
    }
    if (kstep === 1) piv[k] = kp + 1;
    else piv[k] = piv[k + 1] = -(kp + 1);
    k += kstep;
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = 0;
  return info;
}

/** Whether sytrs can walk these pivots (PyTorch hands any to LAPACK, which then reads out of bounds). */
function validPivots(piv: ArrayLike<number>, n: number): boolean {
  for (let k = 0; k < n;) {
    const p = piv[k];
    if (p > 0 && p <= n) { k++; continue; }
    if (p < 0 && -p <= n && k + 1 < n && piv[k + 1] === p) { k += 2; continue; }
    return false;
  }
  return true;
}

/** dsytrs with uplo 'L': X of A·X = B (n×r row-major b, in place) from sytf2's LD and pivots. */
export function sytrs(a: Float64Array, piv: ArrayLike<number>, n: number, b: Float64Array, r: number): void {
  const swapRows = (p: number, q: number): void => {
    if (p !== q) for (let j = 0; j < r; j++) { const t = b[p * r + j]; b[p * r + j] = b[q * r + j]; b[q * r + j] = t; }
  };
  // b[i] −= l·b[src] for the rows i ≥ from, l from column `col` of L
  const eliminate = (col: number, src: number, from: number): void => {
    for (let i = from; i < n; i++) {
      const l = a[i * n + col];
      if (l !== 0) for (let j = 0; j < r; j++) b[i * r + j] -= l * b[src * r + j];
    }
  };
  // b[dst] −= Σ_{i ≥ from} L[i, col]·b[i]
  const gather = (col: number, dst: number, from: number): void => {
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let i = from; i < n; i++) s += a[i * n + col] * b[i * r + j];
      b[dst * r + j] -= s;
    }
  };
  // L·D·Y = P·B, one block of D at a time
  for (let k = 0; k < n;) {
    if (piv[k] > 0) {
      swapRows(k, piv[k] - 1);
      eliminate(k, k, k + 1);
      const d = 1 / a[k * n + k];
      for (let j = 0; j < r; j++) b[k * r + j] *= d;
      k++;
      continue;
    }
    swapRows(k + 1, -piv[k] - 1);
    eliminate(k, k, k + 2);
    eliminate(k + 1, k + 1, k + 2);
    const akm1k = a[(k + 1) * n + k], akm1 = a[k * n + k] / akm1k, ak = a[(k + 1) * n + k + 1] / akm1k, denom = akm1 * ak - 1;
    for (let j = 0; j < r; j++) {
      const bkm1 = b[k * r + j] / akm1k, bk = b[(k + 1) * r + j] / akm1k;
      b[k * r + j] = (ak * bkm1 - bk) / denom;
      b[(k + 1) * r + j] = (akm1 * bk - bkm1) / denom;
    }
    k += 2;
  }
  // Lᵀ·Pᵀ·X = Y, last block first
  for (let k = n - 1; k >= 0;) {
    if (piv[k] > 0) {
      gather(k, k, k + 1);
      swapRows(k, piv[k] - 1);
      k--;
      continue;
    }
    gather(k, k, k + 1);
    gather(k - 1, k - 1, k + 1);
    swapRows(k, -piv[k] - 1);
    k -= 2;
  }
}

/** PyTorch's node for an op without a derivative: its backward raises "derivative for aten::<op> is not implemented". */
function refusing(op: string): typeof Function {
  return class extends Function {
    static nodeName = 'NotImplemented';
    static override backward(): Tensor { throw new RuntimeError(`derivative for aten::${op} is not implemented`); }
  };
}

class LdlFactor extends refusing('linalg_ldl_factor_ex') {
  static override forward(ctx: FunctionCtx, A: Tensor): Tensor[] {
    const s = A._shape, n = s.at(-1)!, count = numel(s.slice(0, -2)), data = host(A);
    const piv = new Int32Array(count * n), info = new Int32Array(count);
    for (let b = 0; b < count; b++) info[b] = sytf2(data.subarray(b * n * n, (b + 1) * n * n), n, piv.subarray(b * n, (b + 1) * n));
    const pivots = make(A, piv, s.slice(0, -1), DType.Int32), infos = make(A, info, s.slice(0, -2), DType.Int32);
    ctx.mark_non_differentiable(pivots, infos);
    return [make(A, data, s.slice()), pivots, infos];
  }
}

class LdlSolve extends refusing('linalg_ldl_solve') {
  static override forward(_ctx: FunctionCtx, LD: Tensor, pivots: Tensor, B: Tensor): Tensor {
    const batch = broadcastShapes(LD._shape.slice(0, -2), B._shape.slice(0, -2));
    const n = LD._shape.at(-1)!, r = B._shape.at(-1)!, count = numel(batch);
    const ld = broadcastHost(LD, batch), x = broadcastHost(B, batch);
    const pv = pivots.expand([...batch, n]).contiguous(), piv = host(pv);
    pv.dispose();
    for (let i = 0; i < count; i++) {
      sytrs(ld.subarray(i * n * n, (i + 1) * n * n), piv.subarray(i * n, (i + 1) * n), n, x.subarray(i * n * r, (i + 1) * n * r), r);
    }
    return make(B, x, [...batch, n, r]);
  }
}

function ldlFactorEx(A: Tensor, fn: string, check: boolean): [Tensor, Tensor, Tensor] {
  checkSquare(A, 'torch.linalg.ldl_factor_ex');
  const out = LdlFactor.apply(A) as [Tensor, Tensor, Tensor];
  const bad = host(out[2]).find((x) => x !== 0);
  if (check && bad !== undefined) {
    for (const t of out) t.dispose();
    // PyTorch's _linalg_check_errors has no message for sytrf's info: it fails its internal assert
    throw new RuntimeError(`false INTERNAL ASSERT FAILED at "./aten/src/ATen/native/BatchLinearAlgebra.cpp":1491, please report a bug to PyTorch. ${fn}: Unknown error code: ${bad}.`);
  }
  return out;
}

/**
 * The LDLᵀ factorization of a symmetric matrix or batch with Bunch–Kaufman pivoting, packed as
 * LAPACK's sytrf (lower triangle: L below the diagonal, D's 1×1 and 2×2 blocks on it): [LD,
 * pivots], pivots int32 and 1-based, a 2×2 block's pair negative. Only A's lower triangle is read;
 * `hermitian` changes nothing for real inputs. A zero column raises PyTorch's error (use
 * {@link ldl_factor_ex}). No derivative (PyTorch's NotImplemented node).
 * @example const [LD, pivots] = torch.linalg.ldl_factor(torch.tensor([[0, 1], [1, 0]])); // pivots: [-2, -2]
 */
export function ldl_factor(A: Tensor, options?: { hermitian?: boolean }): [Tensor, Tensor];
export function ldl_factor(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(SCHEMA.factor, args, null);
  const [LD, pivots, info] = ldlFactorEx(a.input as Tensor, 'torch.linalg.ldl_factor', true);
  info.dispose();
  return [LD, pivots];
}

/**
 * {@link ldl_factor} without the error: [LD, pivots, info], info (int32) the first zero column
 * (1-based) per matrix, 0 where there is none; `check_errors: true` raises instead.
 * @example const [LD, pivots, info] = torch.linalg.ldl_factor_ex(torch.zeros(2, 2)); // info: tensor(1)
 */
export function ldl_factor_ex(A: Tensor, options?: { hermitian?: boolean; check_errors?: boolean }): [Tensor, Tensor, Tensor];
export function ldl_factor_ex(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = bind(SCHEMA.factorEx, args, null);
  return ldlFactorEx(a.input as Tensor, 'torch.linalg.ldl_factor_ex', a.check_errors as boolean);
}

/**
 * The solution X of A·X = B given A's {@link ldl_factor} (LAPACK's sytrs), batch dims of LD and B
 * broadcast (pivots has LD's shape without its last dim). No derivative (PyTorch's NotImplemented node).
 * @example const X = torch.linalg.ldl_solve(...torch.linalg.ldl_factor(A), B);
 */
export function ldl_solve(LD: Tensor, pivots: Tensor, B: Tensor, options?: { hermitian?: boolean }): Tensor;
export function ldl_solve(...args: unknown[]): Tensor {
  const a = bind(SCHEMA.solve, args, null), LD = a.LD as Tensor, pivots = a.pivots as Tensor, B = a.B as Tensor;
  const fn = 'torch.linalg.ldl_solve';
  checkSquare(LD, fn);
  if (B._dtype !== LD._dtype) throw new RuntimeError(`Expected b and A to have the same dtype, but found b of type ${DTYPES[B._dtype]._scalarType} and A of type ${DTYPES[LD._dtype]._scalarType} instead.`);
  const n = LD._shape.at(-1)!;
  if (B._shape.length >= 2 && B._shape.at(-2) !== n) throw new RuntimeError(`Incompatible matrix sizes for ${fn}: each A matrix is ${n} by ${n} but each b matrix is ${B._shape.at(-2)} by ${B._shape.at(-1)}`);
  if (B._shape.length < 2) throw new RuntimeError(`${fn}: Expected B to have at least 2 dimensions, but it has ${B._shape.length} dimensions instead`);
  const ps = pivots._shape, want = LD._shape.slice(0, -1);
  if (ps.length !== want.length || ps.some((d, i) => d !== want[i])) throw new RuntimeError(`${fn}: Expected LD.shape[:-1] and pivots.shape to be the same, but got pivots with shape [${ps.join(', ')}] instead`);
  if (isFloating(pivots._dtype) || pivots._dtype === DType.Bool) throw new RuntimeError(`${fn}: Expected pivots to be integers. Got ${DTYPES[pivots._dtype]._scalarType}`);
  broadcastShapes(B._shape.slice(0, -2), LD._shape.slice(0, -2));
  const piv = host(pivots);
  for (let i = 0; n && i < piv.length; i += n) {
    if (!validPivots(piv.subarray(i, i + n), n)) throw new RuntimeError(`${fn}: the pivots are not ones torch.linalg.ldl_factor returns (wasmgrad checks them: LAPACK's sytrs would read out of bounds)`);
  }
  return LdlSolve.apply(LD, pivots, B) as Tensor;
}
