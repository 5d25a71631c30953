// Linear-algebra and shape ops PyTorch 1.13 composes from others (ATen's
// CompositeImplicit kernels), written the way ATen writes them so that every
// intermediate node, grad_fn name and gradient is PyTorch's:
//
//   outer      reshape(n, 1) * vec2                        MulBackward0
//   inner      tensordot over the last dims (0-d: *)       ReshapeAliasBackward0
//   tensordot  permute, reshape (a copy where no view), mm ReshapeAliasBackward0
//   kron       _unsafe_view, *, _unsafe_view               UnsafeViewBackward0
//   matrix_power  matmul by binary decomposition           MmBackward0 ...
//   atleast_1d/2d/3d, dstack, column_stack, broadcast_tensors, meshgrid: views, cat, expand

import { Op } from '../../abi/abi.js';
import { RuntimeError, TypeError, ValueError } from '../errors.js';
import { invOf } from './linalg_more.js';
import { broadcastShapes, formatSize, normDim, numelOf } from '../shape.js';
import { computeStride } from '../strides.js';
import { parseSchema } from '../schema.js';
import { bind } from '../signature.js';
import { Tensor } from '../tensor.js';
import { checkTensorArg } from '../args.js';
import { cat, expand, permute, reshape, unsqueeze, view, viewAs, stridesOf } from './shape.js';
import { mul } from './elementwise.js';
import { diagonal } from './gather_scatter.js';
import { movedim } from './shape_compose.js';
import { sum } from './reduce.js';
import { matmul, mm, bmm } from './linalg.js';
import { ternaryMethods } from './ternary.js';
import { addProductMethod, crossMethod } from './linalg_more.js';

const SCHEMAS = {
  outer: parseSchema('outer(Tensor input, Tensor vec2) -> Tensor', false),
  ger: parseSchema('ger(Tensor input, Tensor vec2) -> Tensor', false),
  inner: parseSchema('inner(Tensor input, Tensor other) -> Tensor', false),
  kron: parseSchema('kron(Tensor input, Tensor other) -> Tensor', false),
  matrix_power: parseSchema('matrix_power(Tensor input, int n) -> Tensor', false),
};

/** Disposes the intermediates of a composition (the graph keeps what backward needs). */
function drop(...ts: Tensor[]): void {
  for (const t of ts) t.dispose();
}

/** PyTorch's reshape: a view (ReshapeAliasBackward0) where one exists, else clone + _unsafe_view. */
function reshapeAs(t: Tensor, shape: number[]): Tensor {
  if (computeStride(t._shape, stridesOf(t), shape)) return reshape(t, shape);
  const c = viewAs(Op.Clone, t, t._shape);
  const out = viewAs(Op.UnsafeView, c, shape);
  c.dispose();
  return out;
}

function check1d(t: Tensor, name: string, fn: string): void {
  if (t._shape.length !== 1) throw new RuntimeError(`${fn}: Expected 1-D argument ${name}, but got ${t._shape.length}-D`);
}

function outerOf(fn: 'outer' | 'ger', given: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMAS[fn], given, self);
  const input = a.input as Tensor, vec2 = a.vec2 as Tensor;
  check1d(input, 'self', fn);
  check1d(vec2, 'vec2', fn);
  const col = reshape(input, [input._shape[0], 1]);
  const out = mul(col, vec2);
  col.dispose();
  return out;
}

/**
 * The outer product of two 1-D tensors: out[i][j] = input[i]·vec2[j] (MulBackward0).
 * @example torch.outer(torch.tensor([1, 2]), torch.tensor([1, 10, 100])).shape // [2, 3]
 */
export function outer(input: Tensor, vec2: Tensor): Tensor;
export function outer(...given: unknown[]): Tensor { return outerOf('outer', given, null); }
/**
 * An alias of {@link outer}.
 * @example torch.ger(torch.tensor([1, 2]), torch.tensor([3, 4]))
 */
export function ger(input: Tensor, vec2: Tensor): Tensor;
export function ger(...given: unknown[]): Tensor { return outerOf('ger', given, null); }

/** Which of tensordot's dims arguments it was given: an int, or two lists. */
function tensordotDims(dims: unknown): [number[], number[]] {
  if (typeof dims === 'number' && Number.isInteger(dims)) {
    if (dims < 0) throw new RuntimeError(`tensordot expects dims >= 0, but got dims=${dims}`);
    return [Array.from({ length: dims }, (_, i) => i - dims), Array.from({ length: dims }, (_, i) => i)];
  }
  if (Array.isArray(dims) && dims.length === 2) {
    const list = (d: unknown): number[] => (typeof d === 'number' ? [d] : d as number[]);
    return [list(dims[0]), list(dims[1])];
  }
  throw new RuntimeError(
    `tensordot expects dims to be int or Tuple[List[int], List[int]] or List[List[int]] containing two lists, but got dims=${String(dims)}`);
}

/** ATen's tensordot over given dim lists. */
function contract(input1: Tensor, input2: Tensor, dims1: number[], dims2: number[]): Tensor {
  if (dims1.length !== dims2.length) throw new RuntimeError('both dimension lists should have same length');
  const n1 = input1._shape.length, n2 = input2._shape.length;
  const d1 = dims1.map((d) => normDim(d, n1)), d2 = dims2.map((d) => normDim(d, n2));
  const tmp: Tensor[] = [];
  let t1 = input1, t2 = input2, csize = 1;
  d1.forEach((k1, i) => {
    const k2 = d2[i], s1 = input1._shape[k1], s2 = input2._shape[k2];
    // broadcast dims are summed right away
    if (s2 === 1) t1 = tmp[tmp.push(sum(t1, k1, true)) - 1];
    else if (s1 === 1) t2 = tmp[tmp.push(sum(t2, k2, true)) - 1];
    else if (s1 !== s2) {
      throw new RuntimeError(
        `contracted dimensions need to match, but first has size ${s1} in dim ${dims1[i]} and second has size ${s2} in dim ${dims2[i]}`);
    } else csize *= s1;
  });
  const free1 = Array.from({ length: n1 }, (_, i) => i).filter((i) => !d1.includes(i));
  const free2 = Array.from({ length: n2 }, (_, i) => i).filter((i) => !d2.includes(i));
  const rsizes = [...free1.map((i) => t1._shape[i]), ...free2.map((i) => t2._shape[i])];
  const size1 = numelOf(free1.map((i) => t1._shape[i])), size2 = numelOf(free2.map((i) => t2._shape[i]));
  const p1 = tmp[tmp.push(permute(t1, [...free1, ...d1])) - 1];
  const p2 = tmp[tmp.push(permute(t2, [...d2, ...free2])) - 1];
  const m1 = tmp[tmp.push(reshapeAs(p1, [size1, csize])) - 1];
  const m2 = tmp[tmp.push(reshapeAs(p2, [csize, size2])) - 1];
  const y = tmp[tmp.push(mm(m1, m2)) - 1];
  const out = reshape(y, rsizes);
  drop(...tmp);
  return out;
}

/**
 * Contracts `a` and `b` over `dims`: the last `dims` dims of a with the first of b (an int,
 * default 2), or the dims listed as `[dimsOfA, dimsOfB]`.
 * @example torch.tensordot(torch.ones(2, 3, 4), torch.ones(3, 4, 5)).shape // [2, 5]
 */
export function tensordot(a: Tensor, b: Tensor, dims: number | [number[], number[]] | { dims: number | [number[], number[]] } = 2): Tensor {
  checkTensorArg('tensordot', 'a', 1, a);
  checkTensorArg('tensordot', 'b', 2, b);
  const d = typeof dims === 'object' && dims !== null && !Array.isArray(dims) ? dims.dims : dims;
  const [da, db] = tensordotDims(d);
  return contract(a, b, da, db);
}

function innerOf(given: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMAS.inner, given, self);
  const input = a.input as Tensor, other = a.other as Tensor;
  if (input._shape.length === 0 || other._shape.length === 0) return mul(input, other);
  if (input._shape.at(-1) !== other._shape.at(-1)) {
    throw new RuntimeError(
      `inner() the last dimension must match on both input tensors but got shapes ${formatSize(input._shape)} and ${formatSize(other._shape)}`);
  }
  return contract(input, other, [-1], [-1]);
}

/**
 * The inner product over the last dims (for 1-D tensors, the dot product); a 0-d operand multiplies.
 * @example torch.inner(torch.ones(2, 3), torch.ones(4, 3)).shape // [2, 4]
 */
export function inner(input: Tensor, other: Tensor): Tensor;
export function inner(...given: unknown[]): Tensor { return innerOf(given, null); }

function kronOf(given: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMAS.kron, given, self);
  const x = a.input as Tensor, y = a.other as Tensor;
  const nd = Math.max(x._shape.length, y._shape.length);
  const padX = nd - x._shape.length, padY = nd - y._shape.length;
  const as: number[] = [], bs: number[] = [], rs: number[] = [];
  for (let i = 0; i < nd; i++) {
    const sa = i >= padX ? x._shape[i - padX] : 1, sb = i >= padY ? y._shape[i - padY] : 1;
    as.push(sa, 1);
    bs.push(1, sb);
    rs.push(sa * sb);
  }
  const xv = viewAs(Op.UnsafeView, x, as), yv = viewAs(Op.UnsafeView, y, bs);
  const p = mul(xv, yv);
  const out = viewAs(Op.UnsafeView, p, rs);
  drop(xv, yv, p);
  return out;
}

/**
 * The Kronecker product: every element of input times the whole of other, in blocks.
 * @example torch.kron(torch.eye(2), torch.ones(2, 2)).shape // [4, 4]
 */
export function kron(input: Tensor, other: Tensor): Tensor;
export function kron(...given: unknown[]): Tensor { return kronOf(given, null); }

function matrixPowerOf(given: unknown[], self: Tensor | null): Tensor {
  const a = bind(SCHEMAS.matrix_power, given, self);
  const x = a.input as Tensor;
  let n = a.n as number;
  const s = x._shape, nd = s.length;
  if (nd < 2) throw new RuntimeError('linalg.matrix_power: The input tensor A must have at least 2 dimensions.');
  if (s[nd - 1] !== s[nd - 2]) {
    throw new RuntimeError(`linalg.matrix_power: A must be batches of square matrices, but they are ${s[nd - 2]} by ${s[nd - 1]} matrices`);
  }
  if (n === 0) {
    // PyTorch copies the identity into a clone of A (CopyBackwards over CloneBackward0: A's gradient is 0)
    const c = viewAs(Op.Clone, x, s);
    const out = viewAs(Op.CopyBackwards, c, s);
    c.dispose();
    const m = s[nd - 1], data = new Float32Array(out.numel());
    for (let i = 0; i < data.length; i++) data[i] = Math.floor(i / m) % m === i % m ? 1 : 0;
    out._dev.write(out.h, data);
    return out;
  }
  // a negative power is a power of the inverse (LinalgInvExBackward0 below the matmuls, as ATen)
  if (n < 0) {
    const i = invOf(x);
    if (n === -1) return i;
    try { return matrixPower(i, -n); } finally { i.dispose(); }
  }
  if (n === 1) return viewAs(Op.Clone, x, s);
  return matrixPower(x, n);
}

/** x to the power n ≥ 2 by matmuls: x·x, (x·x)·x, or the binary decomposition of n. */
function matrixPower(x: Tensor, n: number): Tensor {
  if (n === 2) return matmul(x, x);
  if (n === 3) {
    const sq = matmul(x, x);
    const out = matmul(sq, x);
    sq.dispose();
    return out;
  }
  // binary decomposition of n, from the least significant bit
  const tmp: Tensor[] = [];
  let z: Tensor | null = null, result: Tensor | null = null;
  while (n > 0) {
    const bit = n % 2;
    n = Math.floor(n / 2);
    z = z ? tmp[tmp.push(matmul(z, z)) - 1] : x;
    if (bit === 1) result = result ? tmp[tmp.push(matmul(result, z)) - 1] : z;
  }
  tmp.splice(tmp.indexOf(result!), 1);
  drop(...tmp);
  return result!;
}

/**
 * A square matrix (or a batch of them) to an integer power n, by repeated matmul (n = 0: the identity, with a
 * zero gradient; n < 0: powers of the inverse, torch.linalg.inv).
 * @example torch.matrix_power(torch.tensor([[1, 1], [0, 1]]), 3) // [[1, 3], [0, 1]]
 */
export function matrix_power(input: Tensor, n: number): Tensor;
export function matrix_power(...given: unknown[]): Tensor { return matrixPowerOf(given, null); }

/** The tensors of a variadic call f(a, b, ...) or f([a, b, ...]), and whether one tensor was given alone. */
function tensorsOf(fn: string, given: unknown[]): [Tensor[], boolean] {
  const list = given.length === 1 && Array.isArray(given[0]) ? given[0] as unknown[] : given;
  list.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`${fn}(): argument 'tensors' (position ${i + 1}) must be tuple of Tensors, not ${typeof t}`);
  });
  return [list as Tensor[], given.length === 1 && given[0] instanceof Tensor];
}

const atleast = (rank: number) => (t: Tensor): Tensor => {
  const nd = t._shape.length;
  if (nd >= rank) return t;
  if (nd === 0) return reshape(t, new Array<number>(rank).fill(1));
  if (rank === 2 || nd === 2) return unsqueeze(t, rank === 2 ? 0 : -1);
  const u = unsqueeze(t, 0);
  const out = unsqueeze(u, -1);
  u.dispose();
  return out;
};

function atleastOf(rank: number, given: unknown[]): Tensor | Tensor[] {
  const [ts, single] = tensorsOf(`atleast_${rank}d`, given);
  const out = ts.map(atleast(rank));
  return single ? out[0] : out;
}

/**
 * Each tensor with at least one dim (a 0-d one becomes [1]); tensors of higher rank are returned as they are.
 * @example torch.atleast_1d(torch.tensor(3)).shape // [1]
 */
export function atleast_1d(tensor: Tensor): Tensor;
export function atleast_1d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast_1d(...given: unknown[]): Tensor | Tensor[] { return atleastOf(1, given); }
/**
 * Each tensor with at least two dims: 0-d becomes [1, 1], 1-D [n] becomes [1, n].
 * @example torch.atleast_2d(torch.ones(3)).shape // [1, 3]
 */
export function atleast_2d(tensor: Tensor): Tensor;
export function atleast_2d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast_2d(...given: unknown[]): Tensor | Tensor[] { return atleastOf(2, given); }
/**
 * Each tensor with at least three dims: 0-d becomes [1, 1, 1], [n] becomes [1, n, 1], [m, n] becomes [m, n, 1].
 * @example torch.atleast_3d(torch.ones(2, 3)).shape // [2, 3, 1]
 */
export function atleast_3d(tensor: Tensor): Tensor;
export function atleast_3d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast_3d(...given: unknown[]): Tensor | Tensor[] { return atleastOf(3, given); }

/** cat of the widened tensors; the widened copies the call made are disposed (the graph keeps them). */
function catWidened(ts: readonly Tensor[], widened: Tensor[], dim: number): Tensor {
  try {
    return cat(widened, dim);
  } finally {
    widened.forEach((w, i) => { if (w !== ts[i]) w.dispose(); });
  }
}

/**
 * Tensors joined depth-wise (dim 2), after {@link atleast_3d}.
 * @example torch.dstack([torch.ones(2, 3), torch.zeros(2, 3)]).shape // [2, 3, 2]
 */
export function dstack(tensors: readonly Tensor[]): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new RuntimeError('dstack expects a non-empty TensorList');
  return catWidened(tensors, tensors.map(atleast(3)), 2);
}

/**
 * Tensors joined as columns: 0-d and 1-D ones become columns [n, 1], then cat along dim 1.
 * @example torch.column_stack([torch.ones(3), torch.zeros(3, 2)]).shape // [3, 3]
 */
export function column_stack(tensors: readonly Tensor[]): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new RuntimeError('column_stack expects a non-empty TensorList');
  return catWidened(tensors, tensors.map((t) => (t._shape.length <= 1 ? reshape(t, [t.numel(), 1]) : t)), 1);
}

/**
 * The tensors expanded to their common broadcast shape (ExpandBackward0); one that already has it is returned as it is.
 * @example const [a, b] = torch.broadcast_tensors(torch.ones(3, 1), torch.ones(4)); a.shape // [3, 4]
 */
export function broadcast_tensors(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function broadcast_tensors(...given: unknown[]): Tensor[] {
  const [ts] = tensorsOf('broadcast_tensors', given);
  const shape = ts.reduce<number[]>((s, t) => broadcastShapes(s, t._shape), []);
  return ts.map((t) => (t._shape.join() === shape.join() ? t : expand(t, shape)));
}

/**
 * Coordinate grids from 0-d or 1-D tensors: with `indexing: 'ij'` (the default) grid i varies
 * along dim i; with 'xy' the first two dims are swapped (Cartesian, as NumPy's default).
 * @example const [X, Y] = torch.meshgrid(torch.arange(3), torch.arange(2), { indexing: 'xy' }); X.shape // [2, 3]
 */
export function meshgrid(...tensors: (Tensor | Tensor[] | { indexing?: 'ij' | 'xy' })[]): Tensor[];
export function meshgrid(...given: unknown[]): Tensor[] {
  const last = given.at(-1);
  const opts = last !== null && typeof last === 'object' && !Array.isArray(last) && !(last instanceof Tensor)
    ? given.pop() as { indexing?: string } : {};
  const indexing = opts.indexing ?? 'ij';
  const [ts] = tensorsOf('meshgrid', given);
  if (ts.length === 0) throw new RuntimeError('meshgrid expects a non-empty TensorList');
  for (let i = 0; i + 1 < ts.length; i++) {
    if (ts[i]._dtype !== ts[i + 1]._dtype) throw new RuntimeError('meshgrid expects all tensors to have the same dtype');
  }
  const swap = indexing === 'xy' && ts.length >= 2;
  if (indexing !== 'xy' && indexing !== 'ij') {
    throw new RuntimeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
  }
  const refs = ts.slice();
  if (swap) [refs[0], refs[1]] = [refs[1], refs[0]];
  for (const t of refs) {
    if (t._shape.length > 1) throw new RuntimeError(`torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${t.toString()}`);
  }
  const shape = refs.map((t) => t.numel());
  const grids = refs.map((t, i) => {
    const v = view(t, shape.map((_, j) => (j === i ? -1 : 1)));
    const g = expand(v, shape);
    v.dispose();
    return g;
  });
  if (swap) [grids[0], grids[1]] = [grids[1], grids[0]];
  return grids;
}

// ternary and linalg 2: Tensor methods
/** @internal */
export const composeMethods = {
  ...ternaryMethods,
  addmv: (self: Tensor, given: unknown[]): Tensor => addProductMethod('addmv', self, given),
  baddbmm: (self: Tensor, given: unknown[]): Tensor => addProductMethod('baddbmm', self, given),
  addbmm: (self: Tensor, given: unknown[]): Tensor => addProductMethod('addbmm', self, given),
  cross: crossMethod,
  outer: (self: Tensor, given: unknown[]): Tensor => outerOf('outer', given, self),
  ger: (self: Tensor, given: unknown[]): Tensor => outerOf('ger', given, self),
  inner: (self: Tensor, given: unknown[]): Tensor => innerOf(given, self),
  kron: (self: Tensor, given: unknown[]): Tensor => kronOf(given, self),
  matrix_power: (self: Tensor, given: unknown[]): Tensor => matrixPowerOf(given, self),
};

// ---- einsum, as ATen 1.13's einsum and sumproduct_pair compose it ----

const ELLIPSIS = 52;
const subscript = (c: string): number => (c >= 'a' ? 26 + c.charCodeAt(0) - 97 : c.charCodeAt(0) - 65);
const letter = (s: number): string => String.fromCharCode(s < 26 ? 65 + s : 97 + s - 26);

/** left·right summed over sum_dims (kept as size 1): permute, reshape, bmm, view, permute. */
function sumproductPair(left: Tensor, right: Tensor, sumDims: number[], tmp: Tensor[]): Tensor {
  const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
  if (sumDims.length === 0) return keep(mul(left, right));
  const lro: number[] = [], lo: number[] = [], ro: number[] = [];
  let lroSize = 1, loSize = 1, roSize = 1, sumSize = 1;
  for (let i = 0; i < left._shape.length; i++) {
    const sl = left._shape[i] !== 1, sr = right._shape[i] !== 1;
    if (sumDims.includes(i)) {
      if (sl && sr) sumSize *= left._shape[i];
      else if (sl) left = keep(sum(left, i, true));
      else if (sr) right = keep(sum(right, i, true));
    } else if (sl && sr) { lro.push(i); lroSize *= left._shape[i]; } else if (sl) { lo.push(i); loSize *= left._shape[i]; } else { ro.push(i); roSize *= right._shape[i]; }
  }
  const outSize = [...lro.map((d) => left._shape[d]), ...lo.map((d) => left._shape[d]), ...sumDims.map(() => 1), ...ro.map((d) => right._shape[d])];
  const lperm = [...lro, ...lo, ...sumDims, ...ro], rperm = [...lro, ...sumDims, ...ro, ...lo];
  const operm = new Array<number>(lperm.length);
  lperm.forEach((d, i) => { operm[d] = i; });
  const l = keep(reshapeAs(keep(permute(left, lperm)), [lroSize, loSize, sumSize]));
  const r = keep(reshapeAs(keep(permute(right, rperm)), [lroSize, sumSize, roSize]));
  return keep(permute(keep(view(keep(bmm(l, r)), outSize)), operm));
}

/**
 * Einstein summation over the operands' labelled dims ('ij,jk->ik'; '...' for broadcast dims;
 * without '->' the output is '...' and the labels seen once, in order), composed as ATen 1.13
 * does: permutes, unsqueezes, sums and bmm. A label repeated within one operand (a diagonal)
 * is not supported.
 * @example torch.einsum('bij,bjk->bik', a, b); torch.einsum('i,i->', x, y)
 */
export function einsum(equation: string, ...operands: Tensor[] | [Tensor[]]): Tensor;
export function einsum(equation: unknown, ...given: unknown[]): Tensor {
  if (given.length === 0) {
    throw new ValueError('einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list');
  }
  if (typeof equation !== 'string') throw new TypeError(`einsum(): argument 'equation' must be str, not ${typeof equation}`);
  const ops = (given.length === 1 && Array.isArray(given[0]) ? given[0] : given) as Tensor[];
  ops.forEach((t, i) => checkTensorArg('einsum', 'operands', i + 2, t));
  const arrow = equation.indexOf('->');
  const lhs = arrow < 0 ? equation : equation.slice(0, arrow);
  const labels: number[][] = ops.map(() => []);
  let cur = 0, ellIn = false;
  for (let i = 0; i < lhs.length; i++) {
    const c = lhs[i];
    if (c === ' ') continue;
    if (c === '.') {
      if (ellIn) throw new RuntimeError(`einsum(): found '.' for operand ${cur} for which an ellipsis was already found`);
      if (!(i + 2 < lhs.length && lhs[++i] === '.' && lhs[++i] === '.')) throw new RuntimeError(`einsum(): found '.' for operand ${cur} that is not part of any ellipsis`);
      labels[cur].push(ELLIPSIS);
      ellIn = true;
    } else if (c === ',') {
      if (++cur >= ops.length) throw new RuntimeError('einsum(): fewer operands were provided than specified in the equation');
      ellIn = false;
    } else if (/[a-zA-Z]/.test(c)) labels[cur].push(subscript(c));
    else throw new RuntimeError(`einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
  }
  if (cur !== ops.length - 1) throw new RuntimeError('einsum(): more operands were provided than specified in the equation');
  const count = new Array<number>(52).fill(0);
  let ellDims = 0;
  ops.forEach((t, i) => {
    const nd = t._shape.length, hasEll = labels[i].includes(ELLIPSIS);
    const n = labels[i].length - (hasEll ? 1 : 0);
    for (const s of labels[i]) if (s !== ELLIPSIS) count[s]++;
    if (hasEll) ellDims = Math.max(ellDims, nd - n);
    if (hasEll ? n > nd : n !== nd) {
      throw new RuntimeError(`einsum(): the number of subscripts in the equation (${n}) does not match the number of dimensions (${nd}) for operand ${i}${hasEll ? '' : ' and no ellipsis was given'}`);
    }
  });
  // every label's position in the aligned shape: the output's dims, then those summed out
  const permIndex = new Array<number>(52).fill(-1);
  let pi = 0, ellIndex = 0, ellOut = false;
  if (arrow < 0) {
    pi = ellDims;
    ellOut = true;
    for (let s = 0; s < 52; s++) if (count[s] === 1) permIndex[s] = pi++;
  } else {
    const rhs = equation.slice(arrow + 2);
    for (let i = 0; i < rhs.length; i++) {
      const c = rhs[i];
      if (c === ' ') continue;
      if (c === '.') {
        if (ellOut) throw new RuntimeError("einsum(): found '.' for output but an ellipsis (...) was already found");
        if (!(i + 2 < rhs.length && rhs[++i] === '.' && rhs[++i] === '.')) throw new RuntimeError("einsum(): found '.' for output that is not part of any ellipsis (...)");
        ellIndex = pi;
        pi += ellDims;
        ellOut = true;
      } else if (/[a-zA-Z]/.test(c)) {
        const s = subscript(c);
        if (!(count[s] > 0 && permIndex[s] === -1)) {
          throw new RuntimeError(`einsum(): output subscript ${c}${permIndex[s] > -1 ? ' appears more than once in the output' : ' does not appear in the equation for any input operand'}`);
        }
        permIndex[s] = pi++;
      } else throw new RuntimeError(`einsum(): invalid subscript given at index ${lhs.length + 2 + i} in the equation string, subscripts must be in [a-zA-Z]`);
    }
  }
  const outDims = pi;
  if (!ellOut) { ellIndex = pi; pi += ellDims; }
  for (let s = 0; s < 52; s++) if (count[s] > 0 && permIndex[s] === -1) permIndex[s] = pi++;
  // check sizes, unsqueeze missing dims and permute every operand to the aligned layout
  const labelSize = new Array<number>(52).fill(1), ellSizes = new Array<number>(ellDims).fill(1);
  const dimCounts = new Array<number>(pi).fill(0);
  const tmp: Tensor[] = [];
  const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
  const aligned: Tensor[] = [];
  try {
    ops.forEach((t, i) => {
      const perm = new Array<number>(pi).fill(-1);
      let op = t, dim = 0;
      for (const s of labels[i]) {
        if (s === ELLIPSIS) {
          const nd = t._shape.length - (labels[i].length - 1);
          for (let j = ellDims - nd; j < ellDims; j++) {
            const size = op._shape[dim];
            if (size !== 1) {
              if (ellSizes[j] !== 1 && ellSizes[j] !== size) {
                throw new RuntimeError(`einsum(): operand ${i} has size ${size} for ellipsis dimension ${j} but the sizes for this dimension in previous operands are ${ellSizes[j]}`);
              }
              ellSizes[j] = size;
              dimCounts[ellIndex + j]++;
            }
            perm[ellIndex + j] = dim++;
          }
        } else if (perm[permIndex[s]] === -1) {
          const size = op._shape[dim];
          if (size !== 1) {
            if (labelSize[s] !== 1 && labelSize[s] !== size) {
              throw new RuntimeError(`einsum(): subscript ${letter(s)} has size ${size} for operand ${i} which does not broadcast with previously seen size ${labelSize[s]}`);
            }
            labelSize[s] = size;
            dimCounts[permIndex[s]]++;
          }
          perm[permIndex[s]] = dim++;
        } else {
          // a repeated subscript takes the diagonal, put back where the label first appeared (ATen)
          const prev = perm[permIndex[s]];
          if (op._shape[dim] !== op._shape[prev]) {
            throw new RuntimeError(`einsum(): subscript ${letter(s)} is repeated for operand ${i} but the sizes don't match, ${op._shape[dim]} != ${op._shape[prev]}`);
          }
          op = keep(movedim(keep(diagonal(op, 0, prev, dim)), -1, prev));
        }
      }
      for (let k = 0; k < pi; k++) if (perm[k] === -1) { op = keep(unsqueeze(op, dim)); perm[k] = dim++; }
      aligned.push(permute(op, perm));
    });
    // contract left to right (PyTorch 1.13 without opt_einsum)
    while (aligned.length > 1) {
      const a = aligned.shift()!, b = aligned.shift()!;
      tmp.push(a, b);
      const sumDims: number[] = [], aSum: number[] = [], bSum: number[] = [];
      for (let d = outDims; d < pi; d++) {
        if (a._shape[d] !== 1 && b._shape[d] !== 1) {
          if (--dimCounts[d] === 1) { sumDims.push(d); dimCounts[d] = 0; }
        } else if (dimCounts[d] === 1) {
          if (a._shape[d] !== 1) { aSum.push(d); dimCounts[d] = 0; } else if (b._shape[d] !== 1) { bSum.push(d); dimCounts[d] = 0; }
        }
      }
      const l = aSum.length ? keep(sum(a, aSum, true)) : a, r = bSum.length ? keep(sum(b, bSum, true)) : b;
      const p = sumproductPair(l, r, sumDims, tmp);
      tmp.splice(tmp.lastIndexOf(p), 1);
      aligned.unshift(p);
    }
    const last = aligned[0];
    if (pi - outDims > 0) {
      tmp.push(last);
      if (ops.length > 1) return view(last, last._shape.slice(0, outDims));
      return sum(last, Array.from({ length: pi - outDims }, (_, k) => outDims + k));
    }
    return last;
  } catch (e) {
    for (const t of aligned) t.dispose();
    throw e;
  } finally {
    for (const t of tmp) t.dispose();
  }
}
