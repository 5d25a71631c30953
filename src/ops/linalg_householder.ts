// LAPACK's compact Householder form (helper linalg3): torch.geqrf (geqr2's (a, tau), the reflectors
// torch.linalg.householder_product and torch.linalg.qr use) and torch.ormqr (op(Q)·C or C·op(Q)
// without forming Q, as dormqr), with their Tensor methods. geqrf has no derivative (PyTorch's
// GeqrfBackward0 raises); ormqr's gradient is PyTorch 2's: C's is ormqr with the transpose
// flipped, input's and tau's come from Q's through householder_product's backward.

import { RuntimeError, NotImplementedError } from '../errors.js';
import { DTYPES, isFloating } from '../dtype.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { cat } from './shape.js';
import { zeros } from '../creation.js';
import { geqrf as geqrfKernel } from '../js/kernels/linalg_factor.js';
import { host, make, numel, mT } from './linalg_factor.js';
import { householderBackward } from './linalg_rest.js';

const SCHEMA = {
  geqrf: parseSchema('geqrf(Tensor input) -> (Tensor a, Tensor tau)'),
  ormqr: parseSchema('ormqr(Tensor input, Tensor input2, Tensor input3, bool left=True, bool transpose=False) -> Tensor'),
};

const scalar = (t: Tensor): string => DTYPES[t._dtype]._scalarType;

// ---- geqrf ----

class Geqrf extends Function {
  static nodeName = 'GeqrfBackward0';
  static override forward(_ctx: FunctionCtx, A: Tensor): Tensor[] {
    const s = A._shape, [m, n] = s.slice(-2), k = Math.min(m, n), count = numel(s.slice(0, -2));
    const a = host(A), tau = new Float64Array(count * k);
    for (let b = 0; b < count; b++) geqrfKernel(a.subarray(b * m * n, (b + 1) * m * n), m, n, tau.subarray(b * k, (b + 1) * k));
    return [make(A, a, s.slice()), make(A, tau, [...s.slice(0, -2), k])];
  }
  static override backward(): Tensor { throw new NotImplementedError("the derivative for 'geqrf' is not implemented."); }
}

function geqrfBound(args: unknown[], self: Tensor | null): [Tensor, Tensor] {
  const A = bind(SCHEMA.geqrf, args, self).input as Tensor;
  if (A._shape.length < 2) throw new RuntimeError('torch.geqrf: input must have at least 2 dimensions.');
  if (!isFloating(A._dtype)) throw new RuntimeError(`"geqrf_cpu" not implemented for '${scalar(A)}'`);
  return Geqrf.apply(A) as [Tensor, Tensor];
}

/**
 * The QR decomposition of a matrix or batch in LAPACK's geqrf form: [a, tau], R in a's upper
 * triangle, the Householder vectors (their leading 1 implied) below it, tau [..., min(m, n)] their
 * scales; {@link householder_product}(a, tau) is Q's first columns. No derivative (GeqrfBackward0 raises, as PyTorch).
 * @example const [a, tau] = torch.geqrf(torch.tensor([[3, 1], [4, 2]])); // a[0][0] = −5
 */
export function geqrf(input: Tensor): [Tensor, Tensor];
export function geqrf(...args: unknown[]): [Tensor, Tensor] { return geqrfBound(args, null); }

// ---- ormqr ----

/** Applies the reflectors of v (mn×kc, row-major) and tau (r) to the m×n matrix c in place: op(Q)·C, or C·op(Q). */
function applyReflectors(v: Float64Array, kc: number, tau: Float64Array, c: Float64Array, m: number, n: number, left: boolean, transpose: boolean): void {
  const r = tau.length;
  // Q = H_0·…·H_{r−1}: Q·C and C·Qᵀ apply the last reflector first
  const lastFirst = left !== transpose;
  for (let s = 0; s < r; s++) {
    const i = lastFirst ? r - 1 - s : s, t = tau[i];
    if (t === 0) continue;
    const vi = (j: number): number => (j === i ? 1 : v[j * kc + i]);
    if (left) {
      for (let col = 0; col < n; col++) {
        let dot = 0;
        for (let j = i; j < m; j++) dot += vi(j) * c[j * n + col];
        dot *= t;
        for (let j = i; j < m; j++) c[j * n + col] -= dot * vi(j);
      }
    } else {
      for (let row = 0; row < m; row++) {
        let dot = 0;
        for (let j = i; j < n; j++) dot += c[row * n + j] * vi(j);
        dot *= t;
        for (let j = i; j < n; j++) c[row * n + j] -= dot * vi(j);
      }
    }
  }
}

class Ormqr extends Function {
  static nodeName = 'OrmqrBackward0';
  static override forward(ctx: FunctionCtx, A: Tensor, tau: Tensor, C: Tensor, left: boolean, transpose: boolean): Tensor {
    const [mn, kc] = A._shape.slice(-2), r = tau._shape.at(-1)!, [m, n] = C._shape.slice(-2), count = numel(C._shape.slice(0, -2));
    const v = host(A), t = host(tau), c = host(C);
    for (let b = 0; b < count; b++) {
      applyReflectors(v.subarray(b * mn * kc, (b + 1) * mn * kc), kc, t.subarray(b * r, (b + 1) * r), c.subarray(b * m * n, (b + 1) * m * n), m, n, left, transpose);
    }
    Object.assign(ctx, { left, transpose });
    ctx.save_for_backward(A, tau, C);
    return make(C, c, C._shape.slice());
  }
  static override backward(ctx: FunctionCtx, gY: Tensor): (Tensor | null)[] {
    const [A, tau, C] = ctx.saved_tensors as Tensor[];
    const { left, transpose } = ctx as unknown as { left: boolean; transpose: boolean };
    const gC = ctx.needs_input_grad[2] ? Ormqr.apply(A, tau, gY, left, !transpose) as Tensor : null;
    if (!ctx.needs_input_grad[0] && !ctx.needs_input_grad[1]) return [null, null, gC, null, null];
    // Q = householder_product of the r reflectors padded to mn columns; op(Q)'s gradient is gQ
    const [mn, kc] = A._shape.slice(-2), r = tau._shape.at(-1)!, batch = A._shape.slice(0, -2);
    const pad = (t: Tensor, cols: number): Tensor => (cols > 0 ? cat([t, zeros([...batch, mn, cols], { dtype: A.dtype, device: A.device })], -1) : t);
    const V = pad(A.narrow(-1, 0, r), mn - r);
    const outer = left ? (transpose ? C.matmul(mT(gY)) : gY.matmul(mT(C))) : (transpose ? mT(gY).matmul(C) : mT(C).matmul(gY));
    const [gV, gTau] = householderBackward(V, tau, outer);
    return [pad(gV.narrow(-1, 0, r), kc - r), gTau, gC, null, null];
  }
}

function ormqrBound(args: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMA.ormqr, args, self);
  const A = a.input as Tensor, tau = a.input2 as Tensor, C = a.input3 as Tensor, left = a.left as boolean;
  const fn = 'torch.ormqr', sa = A._shape, st = tau._shape, sc = C._shape;
  if (sa.length < 2) throw new RuntimeError(`${fn}: input must have at least 2 dimensions.`);
  if (sc.length < 2) throw new RuntimeError(`${fn}: other must have at least 2 dimensions.`);
  const side = left ? -2 : -1;
  if (sc.at(side)! < st.at(-1)!) throw new RuntimeError(`${fn}: other.shape[${side}] must be greater than or equal to tau.shape[-1]`);
  if (sc.at(side)! !== sa.at(-2)) throw new RuntimeError(`${fn}: other.shape[${side}] must be equal to input.shape[-2]`);
  if (st.at(-1)! > sa.at(-1)!) throw new RuntimeError(`${fn}: tau.shape[-1] must be less than or equal to input.shape[-1]`);
  if (sa.length - st.length !== 1) throw new RuntimeError(`${fn}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${st.length} and input.ndim is equal to ${sa.length}`);
  if (sa.length !== sc.length) throw new RuntimeError(`${fn}: Expected other to have the same number of dimensions as input, but got other.ndim equal to ${sc.length} and input.ndim is equal to ${sa.length}`);
  if (st.slice(0, -1).some((d, i) => d !== sa[i])) throw new RuntimeError(`${fn}: Expected batch dimensions of tau to be equal to input.shape[:-2], but got [${st.slice(0, -1).join(', ')}]`);
  if (sc.slice(0, -2).some((d, i) => d !== sa[i])) throw new RuntimeError(`${fn}: Expected batch dimensions of other to be equal to input.shape[:-2], but got [${sc.slice(0, -2).join(', ')}]`);
  if (tau._dtype !== A._dtype) throw new RuntimeError(`${fn}: Expected input and tau to have the same dtype, but input has dtype${scalar(A)} and tau has dtype ${scalar(tau)}`);
  if (C._dtype !== A._dtype) throw new RuntimeError(`${fn}: Expected input and other to have the same dtype, but input has dtype${scalar(A)} and other has dtype ${scalar(C)}`);
  if (!isFloating(A._dtype)) throw new RuntimeError(`"ormqr_cpu" not implemented for '${scalar(A)}'`);
  return Ormqr.apply(A, tau, C, left, a.transpose as boolean) as Tensor;
}

/**
 * op(Q)·other (`left`, the default) or other·op(Q), Q = H_1·…·H_k the product of the Householder
 * reflectors in (input, tau) as {@link geqrf} returns them, op the transpose with `transpose`
 * (LAPACK's ormqr; Q is never formed). OrmqrBackward0 with PyTorch 2's gradient (1.13 has none).
 * @example const [a, tau] = torch.geqrf(A); const QtB = torch.ormqr(a, tau, B, true, true);
 */
export function ormqr(input: Tensor, tau: Tensor, other: Tensor, left?: boolean, transpose?: boolean): Tensor;
export function ormqr(...args: unknown[]): Tensor { return ormqrBound(args, null); }

/** @internal the Tensor methods geqrf and ormqr */
export const householderMethods = {
  geqrf: (self: Tensor, args: unknown[]): [Tensor, Tensor] => geqrfBound(args, self),
  ormqr: (self: Tensor, args: unknown[]): Tensor => ormqrBound(args, self),
};
