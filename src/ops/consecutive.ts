// torch.unique_consecutive / Tensor.unique_consecutive, torch.isin and torch.gradient (helper h-fns).
//   unique_consecutive   runs of equal elements (or slices along dim) from the values; not
//                        differentiable (PyTorch's UniqueConsecutiveBackward0 raises; here no grad)
//   isin                 membership from the values, in the dtype the two promote to; a bool tensor
//   gradient             ATen's composition: slices, differences and cat (CatBackward0), so
//                        autograd and create_graph come from those ops
//
// This file is reached from src/tensor.ts (Tensor.unique_consecutive), so it does not import the
// torch namespace.

import { Tensor } from '../tensor.js';
import { parseSchema } from '../schema.js';
import { bind, isOptions } from '../signature.js';
import { invalidCombination } from '../args.js';
import { RuntimeError, IndexError } from '../errors.js';
import { tensor } from '../creation.js';
import { normDim } from '../shape.js';
import { no_grad } from '../autograd.js';
import { cat } from './shape.js';
import { result_type } from './promote.js';
import { tidy } from '../memory.js';

const UNIQUE = parseSchema('unique_consecutive(Tensor input, bool return_inverse=False, bool return_counts=False, int? dim=None) -> Tensor', false);
const ISIN = parseSchema('isin(Tensor elements, Tensor test_elements, *, bool assume_unique=False, bool invert=False) -> Tensor');

const values = (t: Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>);
const int64 = (data: number[], shape: number[], like: Tensor): Tensor => tensor(data, { dtype: 'int64', device: like.device }).reshape(shape);

function uniqueConsecutiveBound(a: Record<string, unknown>): Tensor | Tensor[] {
  const input = a.input as Tensor, inv = a.return_inverse as boolean, cnt = a.return_counts as boolean;
  const xs = values(input);
  let dim: number | null = null, S = xs.length, inner = 1, outer = 1;
  if (a.dim !== null) {
    if (input.dim() === 0) throw new IndexError(`Dimension specified as ${a.dim as number} but tensor has no dimensions`);
    dim = normDim(a.dim as number, input.dim());
    if (input.shape.some((s, k) => s === 0 && k !== dim)) {
      throw new RuntimeError("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied");
    }
    S = input.shape[dim];
    inner = input.shape.slice(dim + 1).reduce((p, s) => p * s, 1);
    outer = input.shape.slice(0, dim).reduce((p, s) => p * s, 1);
  }
  // slices s and t equal element by element (NaN equals nothing, −0 equals 0)
  const same = (s: number, t: number): boolean => {
    for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) if (xs[(o * S + s) * inner + i] !== xs[(o * S + t) * inner + i]) return false;
    return true;
  };
  const first: number[] = [], counts: number[] = [], inverse: number[] = [];
  for (let s = 0; s < S; s++) {
    if (s === 0 || !same(s - 1, s)) { first.push(s); counts.push(0); }
    counts[counts.length - 1]++;
    inverse.push(first.length - 1);
  }
  const out = no_grad(() => tidy(() => {
    const idx = int64(first, [first.length], input);
    return dim === null ? input.reshape([-1]).index_select(0, idx) : input.index_select(dim, idx);
  }));
  if (!inv && !cnt) return out;
  const result = [out];
  if (inv) result.push(int64(inverse, dim === null ? input.shape.slice() : [S], input));
  if (cnt) result.push(int64(counts, [counts.length], input));
  return result;
}

/**
 * The first element of each run of equal consecutive elements (flattened), or with `dim` of each
 * run of equal consecutive slices; with `return_inverse` each element's run and with
 * `return_counts` each run's length (int64). Not differentiable.
 * @example
 * const [out, inverse, counts] = torch.unique_consecutive(torch.tensor([1, 1, 2, 1]), { return_inverse: true, return_counts: true });
 * // out: [1, 2, 1], inverse: [0, 0, 1, 2], counts: [2, 1, 1]
 */
export function unique_consecutive(input: Tensor, options?: { return_inverse?: boolean; return_counts?: boolean; dim?: number | null }): Tensor | Tensor[];
export function unique_consecutive(...args: unknown[]): Tensor | Tensor[] { return uniqueConsecutiveBound(bind(UNIQUE, args, null, 'unique_consecutive')); }
/** Tensor.unique_consecutive's body. @internal */
export function uniqueConsecutiveMethod(self: Tensor, args: unknown[]): Tensor | Tensor[] {
  return uniqueConsecutiveBound(bind(UNIQUE, args, self, 'unique_consecutive'));
}

/**
 * Whether each element of `elements` is in `test_elements` (either may be a number): a bool
 * tensor of elements' shape, negated with `invert`. NaN is in nothing; −0 and 0 are equal.
 * @example torch.isin(torch.tensor([1, 2, 3]), torch.tensor([2, 5])) // [false, true, false]
 */
export function isin(elements: Tensor | number, test_elements: Tensor | number, options?: { assume_unique?: boolean; invert?: boolean }): Tensor;
export function isin(...args: unknown[]): Tensor {
  const [e0, t0] = args;
  if (typeof e0 === 'number' && typeof t0 === 'number') {
    const kw = isOptions(args[args.length - 1]) ? args[args.length - 1] as Record<string, unknown> : {};
    throw invalidCombination('isin', Object.keys(kw).length ? args.slice(0, -1) : args, kw, ['(Tensor elements, Tensor test_elements, *, bool assume_unique, bool invert, Tensor out)',
      '(Number element, Tensor test_elements, *, bool assume_unique, bool invert, Tensor out)', '(Tensor elements, Number test_element, *, bool assume_unique, bool invert, Tensor out)']);
  }
  const like = (e0 instanceof Tensor ? e0 : t0) as Tensor;
  const asTensor = (v: unknown): unknown => (typeof v === 'number' ? tensor(v, { dtype: Number.isInteger(v) ? 'int64' : 'float64', device: like?.device }) : v);
  const a = bind(ISIN, [asTensor(e0), asTensor(t0), ...args.slice(2)], null);
  const el = a.elements as Tensor, te = a.test_elements as Tensor;
  for (const t of [el, te]) if (t.dtype.name === 'bool') throw new RuntimeError('Unsupported input type encountered for isin(): Bool');
  const dt = result_type(el, te);
  const round = dt.name === 'float32' ? Math.fround : (v: number): number => v;
  const test = new Set(values(te).map(round).filter((v) => !Number.isNaN(v)));
  const invert = a.invert as boolean;
  const out = values(el).map((v) => test.has(round(v)) !== invert);
  return tensor(out, { dtype: 'bool', device: el.device }).reshape(el.shape);
}

type Spacing = number | readonly number[] | readonly Tensor[] | Tensor | null;

const GRADIENT_SIGNATURES = ['(Tensor input, *, tuple of ints dim, int edge_order)', '(Tensor input, *, Number spacing, tuple of ints dim, int edge_order)',
  '(Tensor input, *, Number spacing, int dim, int edge_order)', '(Tensor input, *, tuple of Scalars spacing, int dim, int edge_order)',
  '(Tensor input, *, tuple of Scalars spacing, tuple of ints dim, int edge_order)', '(Tensor input, *, tuple of Tensors spacing, int dim, int edge_order)',
  '(Tensor input, *, tuple of Tensors spacing, tuple of ints dim, int edge_order)'];

/** Which overload PyTorch's parser picks for spacing: numbers or coordinate tensors (null: none fits). */
function readSpacing(spacing: Spacing): { scalars: number[] | null; coords: Tensor[] | null } | null {
  if (spacing === null || spacing === undefined) return { scalars: null, coords: null };
  if (typeof spacing === 'number') return { scalars: [spacing], coords: null };
  if (Array.isArray(spacing) && spacing.every((s) => typeof s === 'number')) return { scalars: spacing as number[], coords: null };
  if (Array.isArray(spacing) && spacing.every((s) => s instanceof Tensor)) return { scalars: null, coords: spacing as Tensor[] };
  return null;
}

/**
 * The gradient of a function sampled in input, by central differences inside and one-sided ones
 * (`edge_order` 1 or 2) at the ends, along each dim (or the given ones). `spacing` is a number, one
 * per dim, or one coordinates tensor per dim. Returns one tensor per dim; differentiable.
 * @example torch.gradient(torch.tensor([1, 4, 9, 16])) // [tensor([3., 4., 6., 7.])]
 */
export function gradient(input: Tensor, options?: { spacing?: Spacing; dim?: number | number[] | null; edge_order?: number }): Tensor[];
export function gradient(...args: unknown[]): Tensor[] {
  const input = args[0];
  const kw = isOptions(args[args.length - 1]) ? args[args.length - 1] as Record<string, unknown> : {};
  const positional = isOptions(args[args.length - 1]) ? args.slice(0, -1) : args;
  const o = kw;
  const spacing = readSpacing((o.spacing ?? null) as Spacing);
  const unknown = Object.keys(o).find((k) => !['spacing', 'dim', 'edge_order'].includes(k));
  if (!(input instanceof Tensor) || positional.length > 1 || unknown || !spacing) throw invalidCombination('gradient', positional, kw, GRADIENT_SIGNATURES);
  const { scalars, coords } = spacing;
  const edge = (o.edge_order ?? 1) as number;
  const dimArg = (o.dim ?? null) as number | number[] | null;
  const nd = input.dim();
  const dims = dimArg === null ? input.shape.map((_, i) => i) : Array.isArray(dimArg) ? dimArg : [dimArg];
  const given = scalars ?? coords;
  // a number with a dim list stands for every dim; so does the default of 1
  const spacingSize = typeof o.spacing === 'number' && Array.isArray(dimArg) ? dims.length : given ? given.length : null;
  if (spacingSize !== null && dimArg === null && !(spacingSize === 1 || spacingSize === nd)) {
    throw new RuntimeError(`torch.gradient expected spacing to be unspecified, a scalar or a list of length ${nd} but got a list of length ${spacingSize}`);
  }
  if (spacingSize !== null && dimArg !== null && spacingSize !== dims.length) {
    throw new RuntimeError(`torch.gradient expected spacing to be unspecified, a scalar or it's spacing and dim arguments to have the same length, but got a spacing argument of length ${spacingSize} and a dim argument of length ${dims.length}.`);
  }
  if (edge !== 1 && edge !== 2) throw new RuntimeError('torch.gradient only supports edge_order=1 and edge_order=2.');
  // PyTorch 1.13 checks the dims it differentiates along
  for (const d of dims) {
    if (input.shape[normDim(d, nd)] < edge + 1) throw new RuntimeError('torch.gradient expected each dimension size to be at least edge_order+1');
  }
  const seen = new Set<number>();
  for (const d of dims) {
    const k = normDim(d, nd);
    if (seen.has(k)) throw new RuntimeError(`dim ${k} appears multiple times in the list of dims`);
    seen.add(k);
  }
  // ATen reads spacing[i] for the i-th dim: one number for several dims reads past its end
  // (PyTorch 1.13 fails an internal assert or crashes); refused here
  if (given && given.length < dims.length && !(typeof o.spacing === 'number')) {
    throw new RuntimeError(`torch.gradient expected spacing to be unspecified, a scalar or a list of length ${nd} but got a list of length ${given.length}`);
  }
  return dims.map((d, i) => tidy(() => {
    const dir = normDim(d, nd);
    const sl = (start: number, end?: number): Tensor => {
      const n = input.shape[dir], s = start < 0 ? start + n : start, e = end === undefined ? n : end < 0 ? end + n : end;
      return input.narrow(dir, s, e - s);
    };
    if (coords) return coordinateGradient(input, coords[i], dir, edge, sl);
    const dx = scalars ? (scalars.length === 1 && typeof o.spacing === 'number' ? scalars[0] : scalars[i]) : 1;
    const center = sl(2).sub(sl(0, -2)).div(dx);
    let prepend: Tensor, append: Tensor;
    if (edge === 1) {
      prepend = sl(1, 2).sub(sl(0, 1)).div(dx);
      append = sl(-1).sub(sl(-2, -1)).div(dx);
    } else {
      prepend = sl(0, 1).mul(-1.5).add(sl(1, 2).mul(2)).sub(sl(2, 3).mul(0.5)).div(dx);
      append = sl(-3, -2).mul(0.5).sub(sl(-2, -1).mul(2)).add(sl(-1).mul(1.5)).div(dx);
    }
    return cat([prepend, center.div(2), append], dir);
  }));
}

/** ATen's gradient_helper: second-order differences over unevenly spaced coordinates. */
function coordinateGradient(input: Tensor, coord: Tensor, dir: number, edge: number, sl: (s: number, e?: number) => Tensor): Tensor {
  if (coord.dim() !== 1) throw new RuntimeError(`torch.gradient expected each element of spacing to have one dimension, but got an element with ${coord.dim()} dimensions!`);
  const shape = input.shape.map((_, k) => (k === dir ? -1 : 1));
  const dx = coord.narrow(0, 1, coord.shape[0] - 1).sub(coord.narrow(0, 0, coord.shape[0] - 1));
  const m = dx.shape[0];
  const dx1 = dx.narrow(0, 0, m - 1), dx2 = dx.narrow(0, 1, m - 1);
  const a = dx2.neg().div(dx1.mul(dx1.add(dx2))).reshape(shape);
  const b = dx2.sub(dx1).div(dx1.mul(dx2)).reshape(shape);
  const c = dx1.div(dx2.mul(dx1.add(dx2))).reshape(shape);
  const center = a.mul(sl(0, -2)).add(b.mul(sl(1, -1))).add(c.mul(sl(2)));
  const at = (k: number): Tensor => dx.select(0, k < 0 ? m + k : k);
  let prepend: Tensor, append: Tensor;
  if (edge === 1) {
    prepend = sl(1, 2).sub(sl(0, 1)).div(at(0));
    append = sl(-1).sub(sl(-2, -1)).div(at(-1));
  } else {
    const d0 = at(0), d1 = at(1), e1 = at(-1), e2 = at(-2);
    const pa = d0.mul(2).add(d1).neg().div(d0.mul(d0.add(d1)));
    const pb = d0.add(d1).div(d0.mul(d1));
    const pc = d0.neg().div(d1.mul(d0.add(d1)));
    prepend = pa.mul(sl(0, 1)).add(pb.mul(sl(1, 2))).add(pc.mul(sl(2, 3)));
    const qa = e1.div(e2.mul(e1.add(e2)));
    const qb = e1.add(e2).neg().div(e1.mul(e2));
    const qc = e1.mul(2).add(e2).div(e1.mul(e1.add(e2)));
    append = qa.mul(sl(-3, -2)).add(qb.mul(sl(-2, -1))).add(qc.mul(sl(-1)));
  }
  return cat([prepend, center, append], dir);
}
