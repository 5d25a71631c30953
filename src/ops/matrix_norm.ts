// torch.linalg.matrix_norm (helper leftovers), composed as PyTorch 1.13's linalg_matrix_norm:
// 'fro' is linalg.vector_norm(A, 2, dim); ord 1 / inf take vector_norm(A, 1) over one dim and
// amax over the other, -1 / -inf amin (AminBackward0); 'nuc' and ±2 reduce linalg.svdvals of A
// with the two dims moved last (PermuteBackward0, LinalgSvdBackward0, then SumBackward1, AmaxBackward0
// or AminBackward0; keepdim unsqueezes and permutes back).

import { RuntimeError, IndexError } from '../errors.js';
import { normDim, reducedShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { bindOverloads } from '../signature.js';
import { parseSchema } from '../schema.js';
import { DTYPES, isFloating } from '../dtype.js';
import { vector_norm } from './reduce_stats.js';
import { amax, sum } from './reduce.js';
import { permute, unsqueeze } from './shape.js';
import { svdvalsOf } from './svd.js';

// PyTorch's order: a number ord, then a string
const MATRIX_NORM = [
  parseSchema('linalg_matrix_norm(Tensor A, Scalar ord, int[] dim=[-2,-1], bool keepdim=False) -> Tensor'),
  parseSchema('linalg_matrix_norm(Tensor A, str ord="fro", int[] dim=[-2,-1], bool keepdim=False) -> Tensor'),
];

/** amin over one dim (AminBackward0); d is wrapped. */
function aminDim(input: Tensor, d: number, keepdim: boolean): Tensor {
  if (input.numel() === 0 && input._shape[d] === 0) throw new IndexError(`amin(): Expected reduction dim ${d} to have non-zero size.`);
  const mask = 1 << d;
  return new Tensor(input._dev, input._dev.amin(input.h, mask, keepdim), reducedShape(input._shape, mask, keepdim), input._dtype);
}

/** 'nuc' (the sum of the singular values), 2 (the largest) or -2 (the smallest) over dims d0, d1, as ATen. */
function singularNorm(A: Tensor, ord: number | string, d0: number, d1: number, keepdim: boolean): Tensor {
  const nd = A._shape.length, perm: number[] = [];
  for (let d = 0; d < nd; d++) if (d !== d0 && d !== d1) perm.push(d);
  perm.push(d0, d1);
  const moved = permute(A, perm), s = svdvalsOf(moved);
  moved.dispose();
  let r: Tensor;
  try {
    if (ord === 'nuc') r = sum(s, -1, keepdim);
    else if (s._shape[nd - 2] === 0) throw new IndexError(`${ord as number > 0 ? 'amax' : 'amin'}(): Expected reduction dim -1 to have non-zero size.`);
    else r = (ord as number) > 0 ? amax(s, -1, keepdim) : aminDim(s, nd - 2, keepdim);
  } finally {
    s.dispose();
  }
  if (!keepdim) return r;
  const back = new Array<number>(nd);
  perm.forEach((p, i) => { back[p] = i; });
  const u = unsqueeze(r, -1);
  r.dispose();
  try { return permute(u, back); } finally { u.dispose(); }
}

function matrixNormBound(overload: number, a: Record<string, unknown>): Tensor {
  const A = a.A as Tensor, ord = a.ord as number | string, keepdim = a.keepdim as boolean, given = a.dim as number[];
  const numeric = overload === 0, o = numeric ? Math.abs(ord as number) : 0;
  if (numeric ? !(o === 1 || o === 2 || o === Infinity) : ord !== 'fro' && ord !== 'nuc') {
    throw new RuntimeError(`linalg.matrix_norm: Order ${ord === Infinity ? 'inf' : ord === -Infinity ? '-inf' : ord} not supported.`);
  }
  const nd = A._shape.length;
  if (nd < 2) throw new RuntimeError('linalg.matrix_norm: The input tensor A must have at least 2 dimensions.');
  if (!isFloating(A._dtype)) {
    throw new RuntimeError(`linalg.matrix_norm: Expected a floating point or complex tensor as input. Got ${DTYPES[A._dtype]._scalarType}`);
  }
  if (given.length !== 2) throw new RuntimeError(`linalg.matrix_norm: dim must be a 2-tuple. Got ${given.join(' ')}`);
  let d0 = normDim(given[0], nd), d1 = normDim(given[1], nd);
  if (d0 === d1) throw new RuntimeError(`linalg.matrix_norm: dims must be different. Got (${d0}, ${d1})`);
  if (ord === 'nuc' || o === 2) return singularNorm(A, ord, d0, d1, keepdim);
  if (ord === 'fro') return vector_norm(A, 2, [d0, d1], keepdim);
  if (o === Infinity) [d0, d1] = [d1, d0]; // the inf norm is the 1 norm of the transpose
  if (!keepdim && d0 < d1) d1--;
  const v = vector_norm(A, 1, [d0], keepdim);
  try {
    return (ord as number) > 0 ? amax(v, d1, keepdim) : aminDim(v, d1, keepdim);
  } finally {
    v.dispose();
  }
}

/**
 * The matrix norm over the two dims `dim` (the last two by default): ord 'fro' (default), 1 (max
 * column sum of |A|), -1 (min column sum), Infinity (max row sum), -Infinity (min row sum), 'nuc'
 * (the sum of the singular values), 2 (the largest) and -2 (the smallest singular value). As
 * PyTorch composes it (LinalgVectorNormBackward0, AmaxBackward0, AminBackward0; the SVD's
 * LinalgSvdBackward0 under SumBackward1, AmaxBackward0 or AminBackward0).
 * @example
 * console.log(`${torch.linalg.matrix_norm(torch.tensor([[1, -2], [3, 4]]), 1)}`); // tensor(6.)
 */
export function matrix_norm(A: Tensor, ord?: number | 'fro' | 'nuc', dim?: number[], keepdim?: boolean): Tensor;
export function matrix_norm(...args: unknown[]): Tensor { return matrixNormBound(...bindOverloads(MATRIX_NORM, args, null)); }

/** matrix_norm(A, 'nuc', dim, keepdim): torch.norm's p='nuc', as PyTorch 2 routes it. */
export const nuclearNorm = (A: Tensor, dim: number[], keepdim: boolean): Tensor => matrixNormBound(1, { A, ord: 'nuc', dim, keepdim });

// torch.linalg.norm (helper svd): ATen's linalg_norm routes a given ord over two dims (or a 2-D input
// without dim) to matrix_norm, and everything else to vector_norm (the 2-norm when ord is not given)
const NORM = [
  parseSchema('linalg_norm(Tensor self, Scalar? ord=None, int[]? dim=None, bool keepdim=False) -> Tensor'),
  parseSchema('linalg_norm(Tensor self, str ord, int[]? dim=None, bool keepdim=False) -> Tensor'),
];

function normBound(overload: number, a: Record<string, unknown>): Tensor {
  const X = a.self as Tensor, ord = a.ord as number | string | null, dim = a.dim as number[] | null, keepdim = a.keepdim as boolean;
  const nd = X._shape.length;
  if (dim !== null && dim.length !== 1 && dim.length !== 2) {
    // (sic: PyTorch's message for a string ord says "mut")
    throw new RuntimeError(`linalg.norm: If dim is specified, it ${overload ? 'mut' : 'must'} be of length 1 or 2. Got [${dim.join(', ')}]`);
  }
  if (dim === null && ord !== null && nd !== 1 && nd !== 2) {
    throw new RuntimeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${nd}D.`);
  }
  if (overload === 1 || (ord !== null && (dim === null ? nd === 2 : dim.length === 2))) {
    return matrixNormBound(overload, { A: X, ord, dim: dim ?? [0, 1], keepdim });
  }
  if (!isFloating(X._dtype)) { // ATen's linalg_vector_norm check (wasmgrad's vector_norm words it its own way)
    throw new RuntimeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${DTYPES[X._dtype]._scalarType}`);
  }
  return vector_norm(X, (ord as number | null) ?? 2, dim, keepdim);
}

/**
 * The vector or matrix norm, as PyTorch routes it: with `ord` given, a 2-D input (or two `dim`s)
 * takes `linalg.matrix_norm(A, ord)` ('fro', 'nuc', ±1, ±2, ±Infinity); otherwise the vector
 * norm over `dim` (all elements when not given; the 2-norm when `ord` is not given).
 * @example
 * console.log(`${torch.linalg.norm(torch.tensor([[3, 0], [0, -4]]), 'nuc')}`); // tensor(7.)
 */
export function norm(A: Tensor, ord?: number | string | null, dim?: number | number[] | null, keepdim?: boolean): Tensor;
export function norm(...args: unknown[]): Tensor { return normBound(...bindOverloads(NORM, args, null)); }
