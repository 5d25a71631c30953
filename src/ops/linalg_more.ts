// addmv, baddbmm, addbmm: beta·input + alpha·product in one node each (AddmvBackward0,
// BaddbmmBackward0, AddbmmBackward0), input broadcast to the product's shape, with
// PyTorch's checks in its order (input's expand first for the batched two).

import { Op } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError, ValueError, TypeError, LinAlgError } from '../errors.js';
import { isFloating } from '../dtype.js';
import { broadcastShapes, checkStorage, normDim } from '../shape.js';
import { parseSchema } from '../schema.js';
import { bind, isOptions, printed } from '../signature.js';
import { givenTypes } from '../args.js';
import { required, type Schema } from '../schema.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating, checkSameDtype } from './common.js';
import { checkExpand } from './linalg.js';

const S = {
  addmv: parseSchema('addmv(Tensor input, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1) -> Tensor'),
  baddbmm: parseSchema('baddbmm(Tensor input, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor'),
  addbmm: parseSchema('addbmm(Tensor input, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor'),
};
type Name = keyof typeof S;

/**
 * bind() for an op with a hidden deprecated overload (addcmul(input, value, tensor1, tensor2),
 * addmv(beta, input, alpha, mat, vec), ...): with too few arguments PyTorch's parser reports an
 * invalid combination that lists the one visible signature.
 */
export function bindVisible(schema: Schema, args: readonly unknown[], self: Tensor | null): Record<string, unknown> {
  const last = args[args.length - 1], kw = isOptions(last);
  const positional = kw ? args.slice(0, -1) : args, kwargs = kw ? last : {};
  const needed = (self ? schema.params.slice(1) : schema.params).filter((p) => p.default === required).length;
  if (positional.length + Object.keys(kwargs).length < needed) {
    throw new TypeError(
      `${schema.name}() received an invalid combination of arguments - got ${givenTypes(positional, kwargs)}, but expected ${printed(schema, self !== null)}`);
  }
  return bind(schema, args, self);
}
const NAMES = { addmv: ['mat', 'vec'], baddbmm: ['batch1', 'batch2'], addbmm: ['batch1', 'batch2'] } as const;
const OPS = { addmv: Op.Addmv, baddbmm: Op.Baddbmm, addbmm: Op.Addbmm } as const;

/** The product's shape, after PyTorch's checks. */
function outShape(name: Name, input: Tensor, a: Tensor, b: Tensor): number[] {
  const [sa, sb, si] = [a._shape, b._shape, input._shape];
  if (name === 'addmv') {
    if (sa.length !== 2 || sb.length !== 1 || si.length > 1) {
      throw new RuntimeError(`vector + matrix @ vector expected, got ${si.length}, ${sa.length}, ${sb.length}`);
    }
    const n = input.numel();
    if (sa[1] !== sb[0] || (sa[0] !== n && n !== 1)) throw new RuntimeError(`size mismatch, got ${si[0] ?? n}, ${sa[0]}x${sa[1]},${sb[0]}`);
    return [sa[0]];
  }
  if (sa.length !== 3) throw new RuntimeError('batch1 must be a 3D tensor');
  if (sb.length !== 3) throw new RuntimeError('batch2 must be a 3D tensor');
  if (name === 'baddbmm') {
    checkExpand(si, [sa[0], sa[1], sb[2]]);
    if (sb[0] !== sa[0] || sb[1] !== sa[2]) {
      throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${sa[0]}, ${sa[2]}] but got: [${sb[0]}, ${sb[1]}].`);
    }
    return [sa[0], sa[1], sb[2]];
  }
  checkExpand(si, [sa[1], sb[2]]);
  if (sa[0] !== sb[0]) throw new RuntimeError(`batch1 and batch2 must have same number of batches, got ${sa[0]} and ${sb[0]}`);
  if (sa[2] !== sb[1]) throw new RuntimeError(`Incompatible matrix sizes for bmm (${sa[1]}x${sa[2]} and ${sb[1]}x${sb[2]})`);
  return [sa[1], sb[2]];
}

function addProduct(name: Name, args: unknown[], self: Tensor | null): Tensor {
  const a = bindVisible(S[name], args, self);
  const [an, bn] = NAMES[name];
  let input = a.input as Tensor;
  const x = a[an] as Tensor, y = a[bn] as Tensor;
  const dev = deviceOf(input, x);
  deviceOf(input, y);
  for (const t of [input, x, y]) checkFloating(t, name);
  if (name === 'addbmm') {
    // ATen's addmm_ on self: self against mat2 first, then mat1 against mat2
    if (input._dtype !== y._dtype) throw new RuntimeError('self and mat2 must have the same dtype');
    if (x._dtype !== y._dtype) throw new RuntimeError('mat1 and mat2 must have the same dtype');
  } else checkSameDtype(x, y);
  const shape = outShape(name, input, x, y);
  checkStorage(shape);
  // addmv and baddbmm compute in the operands' dtype, self converted to it (as PyTorch)
  if (input._dtype !== x._dtype) input = input.to(x.dtype);
  return new Tensor(dev, dev.addProduct(OPS[name], input.h, x.h, y.h, a.beta as number, a.alpha as number), shape, x._dtype);
}

/**
 * beta·input + alpha·(mat·vec) (AddmvBackward0); input is ignored when beta is 0.
 * @example torch.addmv(b, W, x, { beta: 0.5, alpha: 2 })
 */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, options?: { beta?: number; alpha?: number }): Tensor;
export function addmv(...args: unknown[]): Tensor { return addProduct('addmv', args, null); }

/**
 * beta·input + alpha·(batch1[i]·batch2[i]) for each batch entry i (BaddbmmBackward0).
 * @example torch.baddbmm(c, a, b) // [B, n, m]·[B, m, p] onto c → [B, n, p]
 */
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, options?: { beta?: number; alpha?: number }): Tensor;
export function baddbmm(...args: unknown[]): Tensor { return addProduct('baddbmm', args, null); }

/**
 * beta·input + alpha·Σi batch1[i]·batch2[i]: the batch of products summed into one matrix (AddbmmBackward0).
 * @example torch.addbmm(c, a, b) // [B, n, m]·[B, m, p] summed onto c → [n, p]
 */
export function addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, options?: { beta?: number; alpha?: number }): Tensor;
export function addbmm(...args: unknown[]): Tensor { return addProduct('addbmm', args, null); }

/** @internal the Tensor methods */
export const addProductMethod = (name: Name, self: Tensor, args: unknown[]): Tensor => addProduct(name, args, self);

// ---- cross products (LinalgCrossBackward0) ----

const CROSS = {
  linalg: parseSchema('linalg_cross(Tensor input, Tensor other, *, int dim=-1) -> Tensor'),
  torch: parseSchema('cross(Tensor input, Tensor other, int? dim=None) -> Tensor'),
};

/** ATen's linalg_cross: its checks in its order, then the device op over the broadcast shape. */
function crossOf(input: Tensor, other: Tensor, dim: number): Tensor {
  const dev = deviceOf(input, other);
  const nd = input._shape.length;
  if (nd !== other._shape.length) throw new RuntimeError('linalg.cross: inputs must have the same number of dimensions.');
  const d = normDim(dim, nd);
  const [x, y] = [input._shape[d] ?? 1, other._shape[d] ?? 1];
  if (x !== 3 || y !== 3) throw new RuntimeError(`linalg.cross: inputs dimension ${dim} must have length 3. Got ${x} and ${y}`);
  const shape = broadcastShapes(input._shape, other._shape).slice();
  checkFloating(input, 'linalg.cross');
  checkFloating(other, 'linalg.cross');
  checkSameDtype(input, other);
  return new Tensor(dev, dev.cross(input.h, other.h, d, shape), shape, input._dtype);
}

/**
 * The cross product of 3-vectors along dim (default -1), input and other broadcast (LinalgCrossBackward0).
 * @example torch.linalg.cross(torch.tensor([1, 0, 0]), torch.tensor([0, 1, 0])) // tensor([0., 0., 1.])
 */
export function linalg_cross(input: Tensor, other: Tensor, options?: { dim?: number }): Tensor;
export function linalg_cross(...args: unknown[]): Tensor {
  const a = bind(CROSS.linalg, args, null);
  return crossOf(a.input as Tensor, a.other as Tensor, a.dim as number);
}

function crossBound(args: unknown[], self: Tensor | null): Tensor {
  const a = bind(CROSS.torch, args, self);
  const input = a.input as Tensor;
  let dim = a.dim as number | null;
  // without dim, PyTorch (deprecated) takes the first dim of size 3
  if (dim === null) {
    dim = input._shape.indexOf(3);
    if (dim < 0) throw new RuntimeError('no dimension of size 3 in input');
  }
  return crossOf(input, a.other as Tensor, dim);
}

/**
 * The cross product along dim, as {@link linalg_cross}; without dim, along the first dim of size 3.
 * @example torch.cross(a, b, 1)
 */
export function cross(input: Tensor, other: Tensor, dim?: number | null | { dim?: number | null }): Tensor;
export function cross(...args: unknown[]): Tensor { return crossBound(args, null); }
/** @internal Tensor.cross */
export const crossMethod = (self: Tensor, args: unknown[]): Tensor => crossBound(args, self);

// ---- cdist (CdistBackward0) ----

const CDIST = parseSchema("cdist(Tensor x1, Tensor x2, float p=2.0, str compute_mode='use_mm_for_euclid_dist_if_necessary') -> Tensor");
const MODES = ['use_mm_for_euclid_dist_if_necessary', 'use_mm_for_euclid_dist', 'donot_use_mm_for_euclid_dist'];

/**
 * The p-norm distance between each row of x1 [..., P, M] and each row of x2 [..., R, M]:
 * [..., P, R], batch dims broadcast (CdistBackward0); p > 0 or inf.
 * @example torch.cdist(torch.tensor([[0, 0]]), torch.tensor([[3, 4], [1, 0]])) // tensor([[5., 1.]])
 */
export function cdist(x1: Tensor, x2: Tensor, p?: number | { p?: number; compute_mode?: string }, compute_mode?: string): Tensor;
export function cdist(...args: unknown[]): Tensor {
  const a = bind(CDIST, args, null, 'cdist');
  const x1 = a.x1 as Tensor, x2 = a.x2 as Tensor, p = a.p as number, mode = a.compute_mode as string;
  if (!MODES.includes(mode)) throw new ValueError(`${mode} is not a valid value for compute_mode`);
  const dev = deviceOf(x1, x2);
  const s1 = x1._shape, s2 = x2._shape;
  if (s1.length < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X1 got: ${s1.length}D`);
  if (s2.length < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X2 got: ${s2.length}D`);
  if (s1.at(-1) !== s2.at(-1)) throw new RuntimeError(`X1 and X2 must have the same number of columns. X1: ${s1.at(-1)} X2: ${s2.at(-1)}`);
  checkFloating(x1, 'cdist');
  checkFloating(x2, 'cdist');
  checkSameDtype(x1, x2);
  if (p < 0) throw new RuntimeError('cdist only supports non-negative p values');
  if (p === 0) throw new NotImplementedError('wasmgrad: cdist with p = 0 is not supported');
  // PyTorch computes p = 2 by matrix products (EuclideanDistBackward0) when asked to, or past 25 rows by
  // default: wasmgrad always takes the direct path (CdistBackward0), which PyTorch takes otherwise
  if (p === 2 && mode === 'use_mm_for_euclid_dist') throw new NotImplementedError("wasmgrad: cdist's compute_mode 'use_mm_for_euclid_dist' is not supported");
  const shape = [...broadcastShapes(s1.slice(0, -2), s2.slice(0, -2)), s1.at(-2)!, s2.at(-2)!];
  checkStorage(shape);
  return new Tensor(dev, dev.cdist(x1.h, x2.h, p, shape), shape, x1._dtype);
}

// ---- linalg.inv (LinalgInvExBackward0) ----

const INV = parseSchema('linalg_inv(Tensor A) -> Tensor');
const INVERSE = parseSchema('inverse(Tensor input) -> Tensor', false);

/** ATen's linalg_inv checks, then the device's LU; a singular matrix raises PyTorch's LinAlgError. */
export function invOf(A: Tensor): Tensor {
  const s = A._shape, nd = s.length;
  if (nd < 2) throw new RuntimeError('linalg.inv: The input tensor A must have at least 2 dimensions.');
  if (s[nd - 1] !== s[nd - 2]) throw new RuntimeError(`linalg.inv: A must be batches of square matrices, but they are ${s[nd - 2]} by ${s[nd - 1]} matrices`);
  if (!isFloating(A._dtype)) throw new RuntimeError(`linalg.inv: Expected a floating point or complex tensor as input. Got ${A.dtype._scalarType}`);
  const [h, info] = A._dev.linalgInv(A.h);
  const out = new Tensor(A._dev, h, s.slice(), A._dtype);
  if (info) {
    out.dispose();
    const n = s[nd - 1], k = info % (n + 1), b = Math.floor(info / (n + 1));
    throw new LinAlgError(`linalg.inv: ${nd > 2 ? `(Batch element ${b}): ` : ''}The diagonal element ${k} is zero, the inversion could not be completed because the input matrix is singular.`);
  }
  return out;
}

/**
 * The inverse of a square matrix, or of each matrix of a batch (LinalgInvExBackward0): LU with
 * partial pivoting, as LAPACK; a singular matrix raises `torch.linalg.LinAlgError`.
 * @example torch.linalg.inv(torch.tensor([[2, 0], [0, 4]])) // [[0.5, 0], [0, 0.25]]
 */
export function inv(A: Tensor): Tensor;
export function inv(...args: unknown[]): Tensor { return invOf(bind(INV, args, null).A as Tensor); }

/**
 * torch.inverse: torch.linalg.inv under its older name.
 * @example torch.inverse(torch.tensor([[2, 0], [0, 4]])) // [[0.5, 0], [0, 0.25]]
 */
export function inverse(input: Tensor): Tensor;
export function inverse(...args: unknown[]): Tensor { return invOf(bind(INVERSE, args, null).input as Tensor); }
/** Tensor.inverse (the method form of torch.inverse). */
export const inverseMethod = (self: Tensor, args: unknown[]): Tensor => invOf(bind(INVERSE, args, self).input as Tensor);
