// Matrix products. mm, bmm, mv and dot are device primitives; matmul composes
// them with views and expand the way PyTorch's at::matmul (_matmul_impl in
// aten/src/ATen/native/LinearAlgebra.cpp, v1.13) does, so that every rank
// combination gets PyTorch's shapes, errors, gradients and grad_fn names:
//
//   ranks          composition                                  grad_fn
//   1 × 1          dot                                          DotBackward0
//   2 × 1          mv                                           MvBackward0
//   1 × 2          unsqueeze(0) · mm · squeeze_(0)              SqueezeBackward3
//   2 × 2          mm                                           MmBackward0
//   ≥3 × 1|2       fold batch into rows: mv / mm, _unsafe_view  UnsafeViewBackward0
//   1|2 × ≥3       the same on the transposed problem (2-D: the result is
//                  transposed back and made contiguous)        Clone/TransposeBackward0
//   ≥3 × ≥3        expand batch dims, reshape to 3-D, bmm,
//                  _unsafe_view                                 UnsafeViewBackward0
//
// PyTorch folds only when the ≥3-D operand's batch dims are contiguous, which
// wasmgrad's tensors always are. Every check runs before the first device
// call, so a failing matmul leaves no intermediate behind.

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { broadcastShapes, checkStorage, numelOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating } from './common.js';
import { DTYPES } from '../dtype.js';
import { checkTensorArg } from '../args.js';
import { parseSchema } from '../schema.js';
import { bindVisible } from './linalg_more.js';
import { viewAs, transpose, unsqueeze, expand, t } from './shape.js';

const typeName = (d: DType): string => DTYPES[d]._scalarType;

/** PyTorch's check that both operands have one dtype, then wasmgrad's float-only one. */
function checkDtypes(a: Tensor, b: Tensor, fn: string): void {
  if (a._dtype !== b._dtype) throw new RuntimeError(`expected scalar type ${typeName(a._dtype)} but found ${typeName(b._dtype)}`);
  checkFloating(a, fn);
}

function product(op: Op, a: Tensor, b: Tensor, shape: number[]): Tensor {
  checkStorage(shape);
  const dev = deviceOf(a, b);
  return new Tensor(dev, dev.matmul(op, a.h, b.h), shape, a._dtype);
}

/** Disposes the intermediates of a composition (the graph keeps what backward needs). */
function drop(...ts: Tensor[]): void {
  for (const t of ts) t.dispose();
}

function checkMm(a: readonly number[], b: readonly number[]): void {
  if (a[1] !== b[0]) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${a[0]}x${a[1]} and ${b[0]}x${b[1]})`);
}

function checkMv(a: readonly number[], v: readonly number[]): void {
  if (a[1] !== v[0]) throw new RuntimeError(`size mismatch, got ${a[0]}, ${a[0]}x${a[1]},${v[0]}`);
}

function checkBmm(a: readonly number[], b: readonly number[]): void {
  if (b[0] !== a[0] || b[1] !== a[2]) {
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${a[0]}, ${a[2]}] but got: [${b[0]}, ${b[1]}].`);
  }
}

/** The two Tensor arguments of a matrix product: PyTorch's TypeError for anything else. */
function checkOperands(fn: string, input: unknown, name: string, other: unknown, method: boolean): void {
  checkTensorArg(fn, 'input', 1, input);
  checkTensorArg(fn, name, method ? 1 : 2, other);
}

/**
 * Matrix product of two 2-D tensors.
 * @example torch.mm(a, b) // (n×m)·(m×p) → n×p
 */
export function mm(input: Tensor, mat2: Tensor, method = false): Tensor {
  checkOperands('mm', input, 'mat2', mat2, method);
  deviceOf(input, mat2);
  if (input._shape.length !== 2) throw new RuntimeError('self must be a matrix');
  if (mat2._shape.length !== 2) throw new RuntimeError('mat2 must be a matrix');
  checkMm(input._shape, mat2._shape);
  checkDtypes(input, mat2, 'mm');
  return product(Op.Mm, input, mat2, [input._shape[0], mat2._shape[1]]);
}

/**
 * Batched matrix product of two 3-D tensors with equal batch size.
 * @example torch.bmm(a, b) // (B×n×m)·(B×m×p) → B×n×p
 */
export function bmm(input: Tensor, mat2: Tensor, method = false): Tensor {
  checkOperands('bmm', input, 'mat2', mat2, method);
  deviceOf(input, mat2);
  if (input._shape.length !== 3) throw new RuntimeError('batch1 must be a 3D tensor');
  if (mat2._shape.length !== 3) throw new RuntimeError('batch2 must be a 3D tensor');
  checkBmm(input._shape, mat2._shape);
  checkDtypes(input, mat2, 'bmm');
  const [b, n] = input._shape;
  return product(Op.Bmm, input, mat2, [b, n, mat2._shape[2]]);
}

/**
 * Matrix-vector product.
 * @example torch.mv(a, v) // (n×m)·(m) → n
 */
export function mv(input: Tensor, vec: Tensor, method = false): Tensor {
  checkOperands('mv', input, 'vec', vec, method);
  deviceOf(input, vec);
  if (input._shape.length !== 2 || vec._shape.length !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${input._shape.length}, ${vec._shape.length}`);
  }
  checkMv(input._shape, vec._shape);
  checkDtypes(input, vec, 'mv');
  return product(Op.Mv, input, vec, [input._shape[0]]);
}

/**
 * Inner product of two 1-D tensors (a 0-d result).
 * @example torch.dot(a, b)
 */
export function dot(input: Tensor, other: Tensor, method = false): Tensor {
  checkOperands('dot', input, 'tensor', other, method);
  deviceOf(input, other);
  const na = input._shape.length, nb = other._shape.length;
  if (na !== 1 || nb !== 1) throw new RuntimeError(`1D tensors expected, but got ${na}D and ${nb}D tensors`);
  if (input._dtype !== other._dtype) {
    throw new RuntimeError(`dot : expected both vectors to have same dtype, but found ${typeName(input._dtype)} and ${typeName(other._dtype)}`);
  }
  const n = input._shape[0], m = other._shape[0];
  if (n !== m) {
    throw new RuntimeError(
      `inconsistent tensor size, expected tensor [${n}] and src [${m}] to have the same number of elements, but got ${n} and ${m} elements respectively`);
  }
  checkFloating(input, 'dot');
  return product(Op.Dot, input, other, []);
}

/**
 * Matrix product with PyTorch's rules for every rank: dot, matrix-vector,
 * vector-matrix, matrix-matrix and batched with broadcast batch dims.
 * @example torch.matmul(x, w) ; x.matmul(w)
 */
export function matmul(input: Tensor, other: Tensor, method = false): Tensor {
  checkOperands('matmul', input, 'other', other, method);
  deviceOf(input, other);
  const na = input._shape.length, nb = other._shape.length;
  if (na === 0 || nb === 0) {
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${na}D and ${nb}D`);
  }
  if (na === 1 && nb === 1) return dot(input, other);
  if (na === 2 && nb === 1) return mv(input, other);
  if (na === 2 && nb === 2) return mm(input, other);
  if (na === 1 && nb === 2) {
    checkMm([1, input._shape[0]], other._shape);
    checkDtypes(input, other, 'matmul');
    const row = unsqueeze(input, 0);
    const y = mm(row, other);
    const out = viewAs(Op.Squeeze3, y, [other._shape[1]]);
    drop(row, y);
    return out;
  }
  if ((na >= 3 && nb <= 2) || (nb >= 3 && na <= 2)) return folded(input, other);
  return batched(input, other);
}

/**
 * One operand ≥3-D, the other 1-D or 2-D: the batch dims fold into the rows
 * of one mm / mv. With the larger operand on the right the problem is
 * transposed: (a·b)ᵀ = bᵀ·aᵀ.
 */
function folded(input: Tensor, other: Tensor): Tensor {
  const na = input._shape.length, nb = other._shape.length;
  const transposed = nb > na;
  // t1: the ≥3-D operand (transposed when on the right); t2: the other one
  const s1 = transposed ? [...other._shape.slice(0, -2), other._shape[nb - 1], other._shape[nb - 2]] : input._shape;
  const s2 = !transposed ? other._shape : na === 2 ? [input._shape[1], input._shape[0]] : input._shape;
  const outShape = s1.slice(0, -1);
  const rows = numelOf(outShape), m = s1[s1.length - 1];
  const t2IsMatrix = s2.length === 2;
  if (t2IsMatrix) {
    outShape.push(s2[1]);
    checkMm([rows, m], s2);
  } else {
    checkMv([rows, m], s2);
  }
  checkDtypes(input, other, 'matmul');

  const tmp: Tensor[] = [];
  const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
  const t1 = transposed ? keep(transpose(other, -1, -2)) : input;
  // reshape of the transposed operand copies in PyTorch (clone + _unsafe_view)
  const t1Folded = keep(viewAs(transposed ? Op.UnsafeView : Op.View, t1, [rows, m]));
  const t2 = transposed && na === 2 ? keep(transpose(input, 0, 1)) : transposed ? input : other;
  const y = keep(t2IsMatrix ? mm(t1Folded, t2) : mv(t1Folded, t2));
  let out = viewAs(Op.UnsafeView, y, outShape);
  if (transposed && t2IsMatrix) {
    // back to [..., n, p]: PyTorch's .mT().contiguous() copies (CloneBackward0)
    // unless the transposed view already counts as contiguous (n or p is 1, or
    // it is empty), when the TransposeBackward0 view is the result
    const tr = transpose(keep(out), -1, -2);
    const [n, p] = tr._shape.slice(-2);
    if (n === 1 || p === 1 || numelOf(tr._shape) === 0) out = tr;
    else {
      out = viewAs(Op.Clone, keep(tr), tr._shape);
    }
  }
  drop(...tmp);
  return out;
}

/** Both operands ≥3-D: batch dims broadcast, expanded, flattened into one bmm. */
function batched(input: Tensor, other: Tensor): Tensor {
  const a = input._shape, b = other._shape;
  const [n, m1] = a.slice(-2), [m2, p] = b.slice(-2);
  const batch = broadcastShapes(a.slice(0, -2), b.slice(0, -2));
  const count = numelOf(batch);
  checkBmm([count, n, m1], [count, m2, p]);
  checkDtypes(input, other, 'matmul');

  const tmp: Tensor[] = [];
  const to3d = (t: Tensor, r: number, c: number): Tensor => {
    const full = [...batch, r, c];
    let x = t;
    if (x._shape.join() !== full.join()) x = tmp[tmp.push(expand(x, full)) - 1];
    if (x._shape.length !== 3) x = tmp[tmp.push(viewAs(Op.Reshape, x, [count, r, c])) - 1];
    return x;
  };
  const a3 = to3d(input, n, m1), b3 = to3d(other, m2, p);
  const y = bmm(a3, b3);
  const out = viewAs(Op.UnsafeView, y, [...batch, n, p]);
  drop(...tmp, y);
  return out;
}

/** PyTorch's expand check of a bias against the addmm output shape. */
export function checkExpand(bias: readonly number[], target: readonly number[]): void {
  if (bias.length > target.length) {
    throw new RuntimeError(
      `expand(torch.FloatTensor{[${bias.join(', ')}]}, size=[${target.join(', ')}]): the number of sizes provided (${target.length}) ` +
      `must be greater or equal to the number of dimensions in the tensor (${bias.length})`);
  }
  for (let i = target.length - 1, j = bias.length - 1; j >= 0; i--, j--) {
    if (bias[j] !== target[i] && bias[j] !== 1) {
      throw new RuntimeError(
        `The expanded size of the tensor (${target[i]}) must match the existing size (${bias[j]}) at non-singleton dimension ${i}.  ` +
        `Target sizes: [${target.join(', ')}].  Tensor sizes: [${bias.join(', ')}]`);
    }
  }
}

/**
 * @internal F.linear as PyTorch's at::linear composes it: 2-D input with a
 * bias is one fused addmm (AddmmBackward0), 3-D input with a bias is addmm
 * over the folded rows viewed back (ViewBackward0); anything else is
 * matmul(input, weightᵀ) followed by an in-place add of the bias.
 */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const dev = deviceOf(input, weight);
  if (bias) deviceOf(input, bias);
  const nd = input._shape.length;
  if (bias && (nd === 2 || nd === 3)) {
    const wt = weight._shape;
    if (wt.length > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${wt.length}D`);
    if (wt.length !== 2) throw new RuntimeError(`mat2 must be a matrix, got ${wt.length}-D tensor`);
    const k = input._shape[nd - 1], rows = numelOf(input._shape.slice(0, -1)), o = wt[0];
    checkMm([rows, k], [wt[1], o]);
    checkExpand(bias._shape, [rows, o]);
    checkDtypes(input, weight, 'linear');
    checkDtypes(input, bias, 'linear');
    if (nd === 2) return new Tensor(dev, dev.linear(input.h, weight.h, bias.h), [rows, o], input._dtype);
    const x2 = viewAs(Op.View, input, [rows, k]);
    const y = new Tensor(dev, dev.linear(x2.h, weight.h, bias.h), [rows, o], input._dtype);
    const out = viewAs(Op.View, y, [...input._shape.slice(0, -1), o]);
    drop(x2, y);
    return out;
  }
  if (weight._shape.length > 2) {
    throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${weight._shape.length}D`);
  }
  const w = weight._shape.length === 2 ? t(weight) : weight;
  let y: Tensor;
  try {
    y = matmul(input, w);
  } finally {
    if (w !== weight) w.dispose();
  }
  if (!bias) return y;
  try {
    // the bias is added in place: it may not grow the product's shape
    const s = broadcastShapes(y._shape, bias._shape);
    if (s.join() !== y._shape.join()) {
      throw new RuntimeError(`output with shape [${y._shape.join(', ')}] doesn't match the broadcast shape [${s.join(', ')}]`);
    }
    return y.add(bias);
  } finally {
    y.dispose();
  }
}

// ---- torch.addmm (helper special): F.linear's fused addmm (AddmmBackward0) over mat2ᵀ ----

const addmmSchema = parseSchema('addmm(Tensor input, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor');

function addmmBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, m1 = a.mat1 as Tensor, m2 = a.mat2 as Tensor;
  const beta = a.beta as number, alpha = a.alpha as number;
  const dev = deviceOf(m1, m2);
  deviceOf(m1, input);
  for (const [name, m] of [['mat1', m1], ['mat2', m2]] as const) {
    if (m._shape.length !== 2) throw new RuntimeError(`${name} must be a matrix, got ${m._shape.length}-D tensor`);
  }
  checkMm(m1._shape, m2._shape);
  const shape = [m1._shape[0], m2._shape[1]];
  checkExpand(input._shape, shape);
  if (m1._dtype !== m2._dtype) throw new RuntimeError('mat1 and mat2 must have the same dtype');
  checkDtypes(m1, input, 'addmm');
  // beta and alpha scale input and mat1 first (MulBackward0 nodes under the AddmmBackward0)
  const x = alpha === 1 ? m1 : m1.mul(alpha), bias = beta === 1 ? input : input.mul(beta), w = t(m2);
  try {
    return new Tensor(dev, dev.linear(x.h, w.h, bias.h), shape, m1._dtype);
  } finally {
    drop(...[x, bias, w].filter((v, i) => v !== [m1, input, m2][i]));
  }
}

/**
 * beta·input + alpha·(mat1·mat2): input broadcasts to the product's shape; its node is
 * AddmmBackward0, F.linear's fused kernel (beta and alpha scale input and mat1 before it).
 * @example
 * console.log(`${torch.addmm(torch.ones(2), torch.eye(2), torch.tensor([[1, 2], [3, 4]]), { beta: 2 })}`);
 * // tensor([[3., 4.],
 * //         [5., 6.]])
 */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, options?: { beta?: number; alpha?: number }): Tensor;
export function addmm(...args: unknown[]): Tensor { return addmmBound(bindVisible(addmmSchema, args, null)); }

/** @internal Tensor.addmm: the schema bound with self */
export const addmmMethod = (self: Tensor, args: unknown[]): Tensor => addmmBound(bindVisible(addmmSchema, args, self));
