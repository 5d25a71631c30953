// The op table: one row per op code, as PyTorch keeps native_functions.yaml and
// derivatives.yaml. The mapped type makes a missing row a compile error.
//
// scripts/gen_ops.ts reads this file and writes everything that follows from it
// into stamped *.generated.ts files (npm run build; test/table.test.ts checks
// they are fresh): the kernels of the elementwise families and their dispatch
// switches on both devices, the save rules, the derivative tables, the fused
// backward kernels, the grad_fn names, the front ends and Tensor methods of
// `torch` ops, and the op table of docs/api.md.
//
// A row
//   node      PyTorch's grad_fn name
//   family    'unary' y = f(x) · 'scalar' y = f(x, c, c2) with numbers c, c2 ·
//             'binary' y = f(x, y, alpha), broadcasting · 'manual': the kernels,
//             shapes and saves are hand-written (reductions, views, matmul, losses)
//   inputs    names of the tensor inputs, in order (the formulas use them)
//   params    names of the number parameters: c and c2 of the kernel, s0 and s1 of
//             the record
//   kernel    the elementwise kernel: an expression, or `let` bindings and an
//             expression (see "Kernel expressions" below)
//   simd      (wasm, optional) an AssemblyScript SIMD form over v128 `v` (unary) or
//             `x`, `y` (binary): the vectorized path of the same function
//   grad      one derivative formula per differentiable input (see "Formulas"), or
//             the name of a hand-written helper (r, g, k) => gradient, as PyTorch's
//             FunctionsManual
//   torch     PyTorch's schema, when the generator should make `torch.<name>` and
//             the Tensor method from it; `method: false` for torch/F-only functions
//   domain    fixture inputs: 'any' (randn), 'positive', 'unit' (−1, 1), 'ge1', 'nonzero', 'prob' (0, 1)
//   scalarOperand  the number parameter PyTorch receives as a wrapped Tensor: a
//             formula that reads it makes a second backward fail, as in PyTorch
//   example, kinks, via, cases   what scripts/gen_table_fixtures.py feeds PyTorch
//   apiDoc    by PyTorch function: the notes of its docs/api.md row beyond what
//             scripts/gen_api_docs.ts derives (names, nodes, dtypes, tests)
//
// Kernel expressions (over x, y, c, c2, alpha, g and `inf`) are float32 arithmetic on both devices: + − × / and
// comparisons round to float32 at every step (Math.fround on the js device), and
// a call to a math function (sin, exp, log1p, ...) is evaluated in float64 and
// rounded once, so the devices agree bit for bit except where a wasm `simd`
// form uses a polynomial (docs/benchmarks.md gives its bound).
//
// Formulas are over `grad`, the input names, `result`, the number parameters and
// number literals; + − × / between tensors and numbers become recording ops, a
// call to another unary row's name calls that op, and a call to a backward
// kernel (backwardKernels below) runs it fused. What a formula reads is what the
// op saves: an input name saves that input, `result` the output.

import { Op } from '../../abi/abi.js';
import {
  SORT_CASES, SORT_STABLE_CASES, TOPK_CASES, KTHVALUE_CASES, MEDIAN_ALL_CASES, MEDIAN_DIM_CASES, NANMEDIAN_ALL_CASES, NANMEDIAN_DIM_CASES,
  MODE_CASES, UNIQUE_CASES, UNIQUE_DIM_CASES,
} from './sort_cases.js'; // sorting and order statistics
import { CONV_CASES, MAX_POOL_CASES, AVG_POOL_CASES, ADAPTIVE_CASES } from './conv_cases.js'; // convolution and pooling
import { CONV_TRANSPOSE_CASES, UNFOLD_CASES, FOLD_CASES } from './conv_transpose_cases.js'; // conv_transpose, unfold, fold (helper convt)
import { MAX_POOL3D_CASES, AVG_POOL3D_CASES, ADAPTIVE_MAX_CASES, ADAPTIVE_AVG_1D_CASES, LP_POOL_CASES, MAX_UNPOOL_CASES, ADAPTIVE_MAX3_CASES, MAX_UNPOOL3_CASES } from './pool_cases.js'; // pooling 2, helper nnrest

export type Family = 'unary' | 'scalar' | 'binary' | 'manual';
export type Domain = 'any' | 'positive' | 'unit' | 'ge1' | 'nonzero' | 'prob';

/** A kernel: an expression in x (and y, c, c2, alpha), optionally after `let` bindings. */
export type Kernel = string | { readonly let: Readonly<Record<string, string>>; readonly expr: string };

export interface OpRow {
  readonly node: string;
  readonly family: Family;
  readonly inputs: readonly string[];
  readonly params?: readonly string[];
  readonly kernel?: Kernel;
  readonly simd?: string;
  readonly grad: Readonly<Record<string, string>> | string;
  readonly torch?: string;
  /** PyTorch has no `out=` form of this overload. */
  readonly noOut?: boolean;
  /** The JS name when it differs from the schema's (F.logsigmoid runs PyTorch's log_sigmoid). */
  readonly name?: string;
  readonly method?: boolean;
  /**
   * false: PyTorch has no in-place method (`name_`) of this op; 'not_differentiable': it has
   * one, without a derivative ("the derivative for 'inplace version of asinh' is not implemented").
   */
  readonly inplace?: false | 'not_differentiable';
  /** The op of F.x(inplace=True) and F.x_ where PyTorch's in-place node differs (EluBackward1 computes from the result). */
  readonly inplaceOp?: Op;
  /**
   * torch.nn.functional defines it in Python around a builtin: a missing argument is
   * Python's TypeError, and a wrong type names its position even when given by keyword.
   * 'same', or the Python function's name where it differs (F.threshold is _threshold).
   */
  readonly python?: 'same' | string;
  readonly domain?: Domain;
  readonly scalarOperand?: string;
  /** One line for the docs and the generated doc comment. */
  readonly doc?: string;
  /** Fixtures: non-default values of the number parameters, for a case of their own. */
  readonly example?: Readonly<Record<string, number>>;
  /** Fixtures: inputs where the kernel bends (beyond 0, ±1, ±inf, NaN), for the edge case. */
  readonly kinks?: readonly number[];
  /** Fixtures, for a row without a `torch` schema: the PyTorch call that runs this op. */
  readonly via?: { readonly call: string; readonly kwargs?: Readonly<Record<string, unknown>> };
  /** Fixtures of a hand-written row: PyTorch calls whose result this op makes. */
  readonly cases?: readonly TableCase[];
  /** docs/api.md's op table beyond what the generator derives, by PyTorch function name ('prod', 'x[...]'). */
  readonly apiDoc?: Readonly<Record<string, ApiDoc>>;
}

/** The op table's sections in docs/api.md. */
export type DocSection = 'Tensor' | 'Creation' | 'Elementwise ops' | 'Reductions' | 'Shape ops' | 'Matrix products'
  | 'torch.nn.functional' | 'Autograd';

/**
 * What docs/api.md says of one PyTorch function of a row (scripts/gen_api_docs.ts writes the rows).
 * The names, forms, nodes, dtypes, create_graph support and test status are derived from the row;
 * this holds the hand knowledge: PyTorch differences, limitations, how it is computed.
 */
export interface ApiDoc {
  readonly notes?: string;
  /** test files besides test/table-ops.test.ts that check it: 'ops' is test/ops.test.ts */
  readonly tests?: readonly string[];
  /** its spellings beyond the row's schema and fixture cases: 'torch.max', 'Tensor.bernoulli_' */
  readonly calls?: readonly string[];
  /** documented in the docs row of that function (cummin in cummax's) */
  readonly shares?: string;
  /** where the fixture cases' tolerance family does not say it */
  readonly section?: DocSection;
  /** the nodes of its results where they are not its rows' (argsort's indices: none) */
  readonly nodes?: readonly string[];
  /** not in the op table's docs, and why (an internal node) */
  readonly skip?: string;
}

/**
 * A tensor input of a fixture case: `{ shape, domain }` drawn by the generator, or given values
 * (with a dtype: indices, masks, or a float64 operand among float32 ones; these need no gradient).
 */
export type CaseInput = { readonly shape: readonly number[]; readonly domain: Domain; readonly grad?: false }
  | { readonly values: readonly number[]; readonly shape: readonly number[]; readonly dtype?: 'int64' | 'bool' | 'float64' | 'float32' };
/** An argument of a fixture case: a tensor input, or a value passed as it is (a dim, a list of dims). */
export type CaseArg = CaseInput | number | boolean | string | null | readonly number[] | readonly CaseInput[];

/**
 * One PyTorch call of a fixture (scripts/gen_table_fixtures.py): `call` is 'torch.f',
 * 'Tensor.f' (on the first argument) or 'F.f'; `name` is unique ('sum/dim').
 */
export interface TableCase {
  readonly name: string;
  readonly call: string;
  readonly args: readonly CaseArg[];
  readonly kwargs?: Readonly<Record<string, unknown>>;
  /** false: PyTorch has no derivative, compare the outputs only */
  readonly grads?: false;
  /** float64: the tensor inputs are drawn as usual, then converted with .double() */
  readonly dtype?: 'float64';
  /** the tolerance family (test/support/tolerances.ts); 'elementwise' when not given */
  readonly family?: 'elementwise' | 'reduction' | 'softmax' | 'shape' | 'matmul' | 'loss';
}

/** The codes a tape record can hold: every op but the None and Count markers. */
export type RecordedOp = Exclude<Op, Op.None | Op.Count>;

type Rows = { readonly [K in RecordedOp]: OpRow };

/** torch.special.X's PyTorch name is special_X (its schema's, its errors'): X, or null for another name. */
export const specialName = (name: string): string | null => (name.startsWith('special_') ? name.slice(8) : null);
/** How PyTorch calls a generated front end: torch.x, F.x, or torch.special.x. */
export const torchCall = (row: OpRow, name: string): string =>
  (specialName(name) !== null ? `torch.special.${specialName(name)}` : `${row.method === false ? 'F' : 'torch'}.${name}`);
const unary = (node: string, kernel: Kernel, grad: string, extra: Partial<OpRow> = {}): OpRow =>
  ({ node, family: 'unary', inputs: ['self'], kernel, grad: { self: grad }, ...extra });
const manual = (node: string, inputs: readonly string[], helper: string, extra: Partial<OpRow> = {}): OpRow =>
  ({ node, family: 'manual', inputs, grad: helper, ...extra });
const view = (node: string, cases?: readonly TableCase[]): OpRow => manual(node, ['self'], 'reshapeToInput', cases ? { cases } : {});
const any = (shape: number[]): CaseInput => ({ shape, domain: 'any' });
/** A fixture case of the float64 kernels: the inputs drawn, then converted with .double(). */
const f64 = (name: string, call: string, args: CaseArg[], kwargs: Record<string, unknown>, family: TableCase['family']): TableCase =>
  ({ name: `${name}/float64`, call, args, kwargs, family, dtype: 'float64' });
/** Fixture cases of x[spec] = value, spelled x.index_put_(spec, value) on a copy of x: [name, x's shape, spec, value]. */
const setitemCases = (list: readonly (readonly [string, readonly number[], readonly unknown[], CaseArg])[]): TableCase[] =>
  list.map(([name, shape, spec, value]) => ({
    name: `setitem/${name}`, call: 'Tensor.__inplace__', args: [any([...shape]), 'index_put_', spec as unknown as number[], value], family: 'shape',
  }));
/**
 * The cases plus float64 copies (their float inputs converted with .double()) of the cases named, of
 * the first n out-of-place ones for a number n, or of the first out-of-place one.
 */
const withFloat64 = (cases: TableCase[], ...picks: (string | number)[]): TableCase[] => {
  const outOfPlace = cases.filter((x) => x.call !== 'Tensor.__inplace__');
  const picked = picks.length === 0 ? [outOfPlace[0]]
    : picks.flatMap((p) => (typeof p === 'number' ? outOfPlace.slice(0, p) : [cases.find((x) => x.name === p)!]));
  return [...cases, ...picked.map((c) => ({ ...c, name: `${c.name}/float64`, dtype: 'float64' as const }))];
};
/** A fixture case of the in-place method `name_`, on a copy of the first input (scripts/index_spec.py). */
/** Fixture cases of fmod and remainder of integer tensors (assembly/kernels/typed.ts): by a tensor, a number, a number by a tensor. */
const integerRemainderCases = (name: 'fmod' | 'remainder'): TableCase[] => {
  const ints = (values: number[], dtype: 'int64' = 'int64'): CaseInput => ({ values, shape: [values.length], dtype });
  return [
    { name: `${name}/int64`, call: `torch.${name}`, grads: false, args: [ints([5, -7, 7, -5, 0, 2147483647, -2147483648]), ints([3, 3, -3, -3, 2, -1, 7])] },
    { name: `${name}/int64 by number`, call: `Tensor.${name}`, grads: false, args: [ints([5, -7, 0, 9]), -4] },
    ...(name === 'remainder' ? [{ name: 'remainder/number by int64', call: 'torch.remainder', grads: false as const, args: [5, ints([2, -3, 7])] }] : []),
  ];
};
/** Fixture cases of div with rounding_mode: broadcasting, a number either side, float64, edges, integers, in place. */
const roundingCases = (mode: 'trunc' | 'floor'): TableCase[] => {
  const kw = { rounding_mode: mode };
  const ints = (values: number[]): CaseInput => ({ values, shape: [values.length], dtype: 'int64' });
  const floats = (values: number[]): CaseInput => ({ values, shape: [values.length], dtype: 'float32' });
  return [
    { name: `div ${mode}/broadcast`, call: 'torch.div', args: [{ shape: [3, 4], domain: 'any' }, { shape: [4], domain: 'nonzero' }], kwargs: kw },
    { name: `div ${mode}/number`, call: 'Tensor.div', args: [{ shape: [3, 4], domain: 'any' }, -0.7], kwargs: kw },
    { name: `div ${mode}/number input`, call: 'torch.div', args: [5, { shape: [3, 4], domain: 'nonzero' }], kwargs: kw },
    f64(`div ${mode}`, 'torch.div', [{ shape: [3, 4], domain: 'any' }, { shape: [3, 4], domain: 'nonzero' }], kw, 'elementwise'),
    { name: `div ${mode}/edges`, call: 'torch.div', grads: false, kwargs: kw,
      args: [floats([1, Infinity, -Infinity, 5, -5, 0, -0, NaN, 1, -1, 7.5, -7.5, 1e30, 0.3]), floats([0.1, 2, 2, 0, 0, 0, 3, 1, Infinity, Infinity, -2, 2, 3e-10, 0.1])] },
    { name: `div ${mode}/int64`, call: 'torch.div', grads: false, kwargs: kw,
      args: [ints([5, -7, 7, -5, 0, 2147483647, -2147483648, 6]), ints([2, 2, -2, -3, 3, -1, 7, 3])] },
    { name: `div ${mode}/int64 by number`, call: 'Tensor.div', grads: false, kwargs: kw, args: [ints([5, -7, 0, 9]), -2] },
    { name: `div ${mode}/int64 by float number`, call: 'Tensor.div', grads: false, kwargs: kw, args: [ints([5, -7, 0, 9]), 2.5] },
    inplaceCase('div', [{ shape: [3, 4], domain: 'any' }, { shape: [3, 4], domain: 'nonzero' }], kw, ` ${mode}`),
  ];
};
const inplaceCase = (name: string, args: CaseArg[], kwargs: Record<string, unknown> = {}, variant = ''): TableCase =>
  ({ name: `${name}_/inplace${variant}`, call: 'Tensor.__inplace__', args: [args[0], `${name}_`, ...args.slice(1)], kwargs });
/** Fixture cases of torch.nn.functional's in-place `name_` on a copy of a [3, 4] input (scripts/index_spec.py), its edges and float64. */
const fnInplace = (name: string, kwargs: Record<string, unknown> = {}, kinks: number[] = []): TableCase[] => {
  // 16 points or more, NaN among the first 16: PyTorch's vectorized loop (a tensor under 16 floats runs its scalar one)
  const edges = [-Infinity, -3, NaN, -2, -1, -0.5, -0.25, -0, 0, 0.25, 0.5, 1, 2, 3, 6, Infinity, ...kinks];
  const c = (variant: string, x: CaseInput, dtype?: 'float64'): TableCase =>
    ({ name: `${name}_/F inplace${variant}`, call: 'F.__inplace__', args: [x, `${name}_`], kwargs, ...(dtype ? { dtype } : {}) });
  return [c('', any([3, 4])), c(' edges', { values: edges, shape: [edges.length] }), c(' float64', any([3, 4]), 'float64'), c(' empty', any([0, 3]))];
};
/** A fixture case of the scans (cumsum, cummax, ...), compared at the reductions' tolerance. */
const scan = (name: string, call: string, args: CaseArg[], kwargs: Record<string, unknown> = {}): TableCase =>
  ({ name, call, args, kwargs, family: 'reduction' });
/** An op whose result never requires grad (bool results): no node, no derivative. */
const never = (inputs: readonly string[]): OpRow => manual('', inputs, 'notDifferentiable');
const binary = (node: string, kernel: Kernel, grad: Record<string, string>, extra: Partial<OpRow> = {}): OpRow =>
  ({ node, family: 'binary', inputs: ['self', 'other'], params: ['alpha'], kernel, grad, ...extra });
const scalar = (node: string, params: readonly string[], kernel: Kernel, grad: string, extra: Partial<OpRow> = {}): OpRow =>
  ({ node, family: 'scalar', inputs: ['self'], params, kernel, grad: { self: grad }, ...extra });

// igamma / igammac / zeta (helper h-special): a has no gradient (derivatives.yaml's not_implemented)
const IGAMMA_NOTES = "ATen's series, continued fraction and Temme's uniform expansion for large a near x, in the element type (float32 with float's tolerances, as PyTorch's float kernel); a = 0, x = 0, ±inf, NaN and negative values as PyTorch; broadcasting and float promotion as PyTorch, integer tensors raise its `\"igamma_cpu\" not implemented for 'Long'`; measured against PyTorch over a grid (test/special-gamma.test.ts): float32 within 20 ulp where the result is ≥ 1e-3 (5e-7 absolute anywhere), float64 within 2e-12 relative (wasmgrad's lgamma near 1 is not glibc's) and 5e-15 absolute; the gradient for `other` (x) is recorded (every order); for `input` (a) PyTorch's NotImplementedError \"the derivative for 'igamma: input' is not implemented.\"";
const A_EDGES = [-1, 0, 1e-3, 0.5, 1, 2.5, 10, 30, 150, Infinity, NaN];
const X_EDGES = [-1, 0, 1e-3, 0.4, 0.6, 1, 1.05, 2, 10, 28, 160, 1e3, Infinity, NaN];
const noGrad = (values: number[], shape: number[]): CaseInput => ({ values, shape, dtype: 'float32' });
function gammaCases(fn: string, special: string): TableCase[] {
  // a near x with a in (20, 200) and beyond 200: Temme's expansion; then the series and fractions either side
  const big = [25, 25, 60, 60, 150, 150, 250, 250, 1e3, 1e3, 1e4, 1e5];
  const near = [23, 28, 61, 55, 140, 170, 251, 240, 1010, 995, 9.9e3, 1.002e5];
  return withFloat64(([
    { name: `${fn}/positive`, call: `torch.${fn}`, args: [{ shape: [3, 4], domain: 'positive', grad: false }, { shape: [3, 4], domain: 'positive' }] },
    { name: `${fn}/large a`, call: `torch.${fn}`, args: [noGrad(big, [12]), { values: near, shape: [12] }] },
    { name: `${fn}/edges grid`, call: `torch.${fn}`, args: [noGrad(A_EDGES, [A_EDGES.length, 1]), { values: X_EDGES, shape: [X_EDGES.length] }] },
    { name: `${fn}/small x`, call: `torch.${fn}`, args: [noGrad([0.1, 0.3, 1, 3, 8, 0.05, 5, 40], [8]), { values: [0.2, 0.45, 0.7, 0.9, 1.08, 1e-5, 0.52, 1.1], shape: [8] }] },
    { name: `${special}/special`, call: `torch.special.${special}`, args: [{ shape: [2, 3], domain: 'ge1', grad: false }, { shape: [3], domain: 'positive' }] },
  ] as TableCase[]).map((c) => ({ ...c, kwargs: {} })), `${fn}/positive`, `${fn}/large a`, `${fn}/edges grid`, `${fn}/small x`);
}
function zetaCases(): TableCase[] {
  const xs = [-2, 0.5, 1, 1.5, 2, 3, 10, 40, Infinity, NaN], qs = [-2, -1.5, -0.5, 0, 1e-3, 0.5, 1, 2, 10, 1e4, Infinity, NaN];
  return withFloat64(([
    { name: 'zeta/positive', call: 'torch.special.zeta', args: [{ shape: [3, 4], domain: 'ge1', grad: false }, { shape: [3, 4], domain: 'positive' }] },
    { name: 'zeta/edges grid', call: 'torch.special.zeta', args: [noGrad(xs, [xs.length, 1]), { values: qs, shape: [qs.length] }] },
  ] as TableCase[]).map((c) => ({ ...c, kwargs: {} })), 'zeta/positive', 'zeta/edges grid');
}

// ternary and linalg 2: fixture inputs
const ANY34 = { shape: [3, 4], domain: 'any' } as const;
const COND = { values: [1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1], shape: [3, 4], dtype: 'bool' } as const;
const EDGES8 = [-Infinity, -1, -0, 0, 0.5, 2, Infinity, NaN];

export const ops: Rows = {
  // ---- binary, broadcasting: gradients are summed back to each input's shape ----
  [Op.Add]: binary('AddBackward0', 'x + alpha * y', { self: 'grad', other: 'grad * alpha' },
    { simd: 'f32x4.add(x, unitAlpha ? y : f32x4.mul(alphaV, y))', cases: [f64('add/broadcast alpha', 'torch.add', [any([3, 4]), any([4])], { alpha: 2 }, 'elementwise'), inplaceCase('add', [any([3, 4]), any([4])], { alpha: 2 })],
    apiDoc: { add: { calls: ['Tensor.add'], tests: ['ops', 'errors', 'gradcheck', 'property'], notes: 'PyTorch\'s `a + b`; `{ alpha }`' } } }),
  [Op.Sub]: binary('SubBackward0', 'x - alpha * y', { self: 'grad', other: 'grad * -alpha' },
    { simd: 'f32x4.sub(x, unitAlpha ? y : f32x4.mul(alphaV, y))', cases: [f64('sub/broadcast', 'torch.sub', [any([3, 4]), any([3, 1])], {}, 'elementwise'), inplaceCase('sub', [any([3, 4]), any([3, 4])])],
    apiDoc: { sub: { calls: ['Tensor.sub'], tests: ['ops'], notes: 'PyTorch\'s `a - b`, `1 - a`; `{ alpha }` too; `torch.sub(1, x)` is `RsubBackward1`' } } }),
  [Op.Mul]: binary('MulBackward0', 'x * y', { self: 'grad * other', other: 'grad * self' },
    { simd: 'f32x4.mul(x, y)', cases: [f64('mul/broadcast', 'torch.mul', [any([2, 3]), any([3])], {}, 'elementwise'), inplaceCase('mul', [any([3, 4]), any([3, 4])])],
    apiDoc: { mul: { calls: ['Tensor.mul'], tests: ['ops'], notes: 'PyTorch\'s `a * b`' } } }),
  // divided twice as PyTorch does (other² would overflow first)
  [Op.Div]: binary('DivBackward0', 'x / y', { self: 'grad / other', other: '-grad * (self / other / other)' },
    { simd: 'f32x4.div(x, y)', cases: [inplaceCase('div', [any([3, 4]), { shape: [3, 4], domain: 'nonzero' }])],
    apiDoc: { div: { calls: ['Tensor.div'], tests: ['ops'], notes: "PyTorch's `a / b`, `2 / a`; `{ rounding_mode: 'trunc' }` (towards 0) or `'floor'` (Python's `//` as PyTorch computes it: 1 // 0.1 is 9), whose gradients are zeros (`DivBackward2`); integer tensors stay integers there, and a zero integer divisor raises PyTorch's `ZeroDivisionError`" } } }),
  // div's rounding_mode: PyTorch's DivBackward2, whose gradients are zeros; a number operand comes as a 0-d
  // tensor (PyTorch wraps it), integers run assembly/kernels/typed.ts
  [Op.DivTrunc]: binary('DivBackward2', 'trunc(x / y)', { self: 'zeros_like(grad)', other: 'zeros_like(grad)' }, {
    cases: roundingCases('trunc') }),
  [Op.DivFloor]: binary('DivBackward2', 'divFloor(x, y)', { self: 'zeros_like(grad)', other: 'zeros_like(grad)' }, { cases: roundingCases('floor') }),
  // PyTorch's 0 for d/dself where the exponent is 0, and for d/dexponent where self = 0 ≤ exponent
  [Op.Pow]: binary('PowBackward1', 'powC(x, y)', {
    self: 'pow_backward_self(grad, self, exponent)',
    exponent: 'grad * pow_backward_exponent(result * log(self), self, exponent)',
  }, { inputs: ['self', 'exponent'], cases: [f64('pow/tensor exponent', 'torch.pow', [{ shape: [3, 4], domain: 'positive' }, any([3, 4])], {}, 'elementwise')],
    apiDoc: { pow: { calls: ['Tensor.pow'], tests: ['ops'], notes: "PyTorch's `a ** b`; a tensor or number exponent; `torch.pow(2, a)` for Python's `2 ** a`: `PowBackward2` (Python's `__rpow__` shows `PowBackward1`), the same values and gradients" } } }),
  // the larger input gets the gradient; ties split it, a NaN gives it to both
  [Op.Maximum]: binary('MaximumBackward0', 'max(x, y)',
    { self: 'max_backward_a(grad, self, other)', other: 'max_backward_b(grad, self, other)' }, { simd: 'f32x4.max(x, y)', cases: [f64('maximum/ties NaN', 'torch.maximum', [{ values: [1, 2, NaN, 0, -Infinity], shape: [5] }, { values: [1, 3, 0, NaN, -1], shape: [5] }], {}, 'elementwise')],
    apiDoc: { maximum: { calls: ['Tensor.maximum'], tests: ['ops'] } } }),
  [Op.Minimum]: binary('MinimumBackward0', 'min(x, y)',
    { self: 'min_backward_a(grad, self, other)', other: 'min_backward_b(grad, self, other)' }, { simd: 'f32x4.min(x, y)', cases: [f64('minimum/ties NaN', 'torch.minimum', [{ values: [1, 2, NaN, 0, Infinity], shape: [5] }, { values: [1, 3, 0, NaN, 1], shape: [5] }], {}, 'elementwise')],
    apiDoc: { minimum: { calls: ['Tensor.minimum'], tests: ['ops'] } } }),
  [Op.Atan2]: binary('Atan2Backward0', 'atan2(x, y)', {
    self: 'grad * other * reciprocal(self * self + other * other)',
    other: 'grad * -self * reciprocal(self * self + other * other)',
  }, { torch: 'atan2(Tensor input, Tensor other) -> Tensor', doc: 'Elementwise arctangent of input/other, quadrant-aware.' }),
  [Op.Hypot]: binary('HypotBackward0', 'hypot(x, y)', { self: 'grad * self / result', other: 'grad * other / result' },
    { torch: 'hypot(Tensor input, Tensor other) -> Tensor', doc: '√(input² + other²) elementwise.' }),
  [Op.Fmod]: binary('FmodBackward1', 'fmod(x, y)', { self: 'grad', other: '-grad * trunc(self / other)' },
    { torch: 'fmod(Tensor input, Tensor other) -> Tensor', domain: 'nonzero', doc: "C's fmod: the remainder with the sign of input.", cases: integerRemainderCases('fmod') }),
  [Op.Remainder]: binary('RemainderBackward1', 'remainder(x, y)', { self: 'grad', other: '-grad * floor(self / other)' },
    { torch: 'remainder(Tensor input, Tensor other) -> Tensor', domain: 'nonzero', doc: "Python's %: the remainder with the sign of other.", cases: integerRemainderCases('remainder') }),
  [Op.Xlogy]: binary('XlogyBackward0', 'x == 0 && y == y ? 0 : x * log(y)',
    { self: 'xlogy_backward_self(grad, self, other)', other: 'grad * self / other' },
    { torch: 'xlogy(Tensor input, Tensor other) -> Tensor', domain: 'positive', doc: 'input · log(other), 0 where input = 0.' }),
  [Op.SpecialXlog1py]: binary('SpecialXlog1PyBackward0', 'x == 0 && y == y ? 0 : x * log1p(y)',
    { self: 'xlog1py_backward_self(grad, self, other)', other: 'grad * self / (other + 1)' },
    { torch: 'special_xlog1py(Tensor input, Tensor other) -> Tensor', method: false, inplace: false, domain: 'positive', doc: 'input · log1p(other), 0 where input = 0.' }),
  [Op.Logaddexp]: binary('LogaddexpBackward0', 'x == y && abs(x) == inf ? x : max(x, y) + log1p(exp(-abs(x - y)))',
    { self: 'grad / (1 + exp(other - self))', other: 'grad / (1 + exp(self - other))' },
    { torch: 'logaddexp(Tensor input, Tensor other) -> Tensor', doc: 'log(eˣ + eʸ), without overflow.', inplace: false }),
  // NaN-ignoring max/min: a NaN loses to a number; ties and a NaN other give self the gradient (helper h-numeric)
  [Op.Fmax]: binary('FmaxBackward0', 'x != x ? y : y != y ? x : max(x, y)', { self: 'fmax_backward_a(grad, self, other)', other: 'fmax_backward_b(grad, self, other)' },
    { torch: 'fmax(Tensor input, Tensor other) -> Tensor', inplace: false, doc: 'The larger of input and other elementwise; a NaN loses to a number.',
      cases: [f64('fmax/ties NaN', 'torch.fmax', [{ values: [1, 2, NaN, 0, -Infinity, NaN, -0, 0], shape: [8] }, { values: [1, 3, 0, NaN, -1, NaN, 0, -0], shape: [8] }], {}, 'elementwise')] }),
  [Op.Fmin]: binary('FminBackward0', 'x != x ? y : y != y ? x : min(x, y)', { self: 'fmin_backward_a(grad, self, other)', other: 'fmin_backward_b(grad, self, other)' },
    { torch: 'fmin(Tensor input, Tensor other) -> Tensor', inplace: false, doc: 'The smaller of input and other elementwise; a NaN loses to a number.',
      cases: [f64('fmin/ties NaN', 'torch.fmin', [{ values: [1, 2, NaN, 0, Infinity, NaN, -0, 0], shape: [8] }, { values: [1, 3, 0, NaN, 1, NaN, 0, -0], shape: [8] }], {}, 'elementwise')] }),
  [Op.Logaddexp2]: binary('Logaddexp2Backward0', 'x == y && abs(x) == inf ? x : max(x, y) + log1p(exp2(-abs(x - y))) * 1.4426950408889634',
    { self: 'grad / (1 + exp2(other - self))', other: 'grad / (1 + exp2(self - other))' },
    { torch: 'logaddexp2(Tensor input, Tensor other) -> Tensor', doc: 'log₂(2ˣ + 2ʸ), without overflow.', inplace: false }),
  [Op.Copysign]: binary('CopysignBackward0', 'copysign(x, y)', { self: 'copysign_backward(grad, self, result)', other: 'zeros_like(grad)' },
    { torch: 'copysign(Tensor input, Tensor other) -> Tensor', doc: 'The magnitude of input with the sign of other.' }),
  // a NaN bound gives NaN; the gradient goes to input where it is kept, to the bound where it is taken
  [Op.ClampMinTensor]: binary('ClampMinBackward1', 'y != y ? y : x < y ? y : x',
    { self: 'grad_where_ge(grad, self, min)', min: 'grad_where_lt(grad, self, min)' },
    { inputs: ['self', 'min'], torch: 'clamp_min(Tensor input, Tensor min) -> Tensor' }),
  [Op.ClampMaxTensor]: binary('ClampMaxBackward1', 'y != y ? y : x > y ? y : x',
    { self: 'grad_where_le(grad, self, max)', max: 'grad_where_gt(grad, self, max)' },
    { inputs: ['self', 'max'], torch: 'clamp_max(Tensor input, Tensor max) -> Tensor' }),

  // ---- a tensor and numbers c, c2 ----
  [Op.AddScalar]: scalar('AddBackward0', ['other'], 'x + c', 'grad', { simd: 'f32x4.add(v, cV)', cases: [f64('add/number', 'torch.add', [any([3, 4]), 1.5], {}, 'elementwise')] }),
  [Op.SubScalar]: scalar('SubBackward0', ['other'], 'x - c', 'grad', { simd: 'f32x4.sub(v, cV)', cases: [f64('sub/number', 'torch.sub', [any([3, 4]), 1.5], {}, 'elementwise')] }),
  [Op.MulScalar]: scalar('MulBackward0', ['other'], 'x * c', 'grad * other',
    { simd: 'f32x4.mul(v, cV)', scalarOperand: 'other', cases: [f64('mul/number', 'torch.mul', [any([3, 4]), 2.5], {}, 'elementwise'), inplaceCase('mul', [any([3, 4]), 2.5], {}, ' number')] }),
  [Op.DivScalar]: scalar('DivBackward0', ['other'], 'x / c', 'grad / other', { scalarOperand: 'other', cases: [f64('div/number', 'torch.div', [any([3, 4]), 3], {}, 'elementwise')] }),
  [Op.PowScalar]: scalar('PowBackward0', ['exponent'], 'powScalar(x, c)', 'pow_scalar_backward(grad, self, exponent)',
    { simd: 'powScalarV(v, cV)', cases: [f64('pow/number', 'torch.pow', [{ shape: [3, 4], domain: 'positive' }, 1.5], {}, 'elementwise'), inplaceCase('pow', [{ shape: [3, 4], domain: 'positive' }, 1.5]), inplaceCase('square', [any([3, 4])])],
    apiDoc: { square: { calls: ['torch.square', 'Tensor.square'], tests: ['table-ops'], notes: '`pow(x, 2)`, as PyTorch (`PowBackward0`)' } } }),
  [Op.Rsub]: scalar('RsubBackward1', ['other'], 'c - x', '-grad', { simd: 'f32x4.sub(cV, v)', cases: [f64('__rsub__/number', 'Tensor.__rsub__', [any([3, 4]), 2], {}, 'elementwise')],
    apiDoc: { sub: { calls: ['torch.sub'] } } }),
  // c ** x; d/dx is c^x·ln c, and 0 where c = 0 and x ≥ 0
  [Op.Rpow]: { ...scalar('PowBackward2', ['base'], 'powC(c, x)', ''), inputs: ['exponent'],
    grad: { exponent: 'base == 0 ? grad * zero_base_backward(result * log(base), result) : grad * (result * log(base))' },
    cases: [f64('__rpow__/number', 'Tensor.__rpow__', [any([3, 4]), 2], {}, 'elementwise')],
    apiDoc: { pow: { calls: ['torch.pow'] } } },
  // a missing bound is ∓inf; NaN for both means PyTorch's all-NaN result for a NaN bound
  [Op.Clamp]: scalar('ClampBackward1', ['min', 'max'], 'clampF(x, c, c2)', 'clamp_backward(grad, self, min, max)',
    { cases: [f64('clamp/both', 'torch.clamp', [any([3, 4]), -0.5, 0.5], {}, 'elementwise'), inplaceCase('clamp', [any([3, 4]), -0.5, 0.5])],
    apiDoc: { clamp: { calls: ['Tensor.clamp'], tests: ['ops'], notes: '`torch.clamp(min, max)`: number bounds (not tensors); positional or `{ min, max }`' } } }),
  [Op.FmodScalar]: scalar('FmodBackward0', ['other'], 'fmod(x, c)', 'grad',
    { torch: 'fmod(Tensor input, Scalar other) -> Tensor', example: { other: 1.5 }, doc: "C's fmod by a number." }),
  [Op.RemainderScalar]: scalar('RemainderBackward0', ['other'], 'remainder(x, c)', 'grad',
    { torch: 'remainder(Tensor input, Scalar other) -> Tensor', example: { other: -1.5 }, doc: "Python's % by a number." }),
  [Op.XlogySelfScalar]: { ...scalar('XlogyBackward1', ['self'], 'c == 0 && x == x ? 0 : c * log(x)', ''), inputs: ['other'],
    grad: { other: 'grad * self / other' }, torch: 'xlogy(Scalar self, Tensor other) -> Tensor', domain: 'positive', example: { self: 1.5 },
    doc: 'input · log(other), 0 where input = 0.' },
  [Op.XlogyScalar]: scalar('XlogyBackward2', ['other'], 'x == 0 && c == c ? 0 : x * log(c)', 'grad * log(other)',
    { torch: 'xlogy(Tensor input, Scalar other) -> Tensor', example: { other: 1.5 } }),
  [Op.SpecialXlog1pySelfScalar]: { ...scalar('SpecialXlog1PyBackward1', ['self'], 'c == 0 && x == x ? 0 : c * log1p(x)', ''), inputs: ['other'],
    grad: { other: 'grad * self / (other + 1)' }, torch: 'special_xlog1py(Scalar self, Tensor other) -> Tensor', method: false, inplace: false,
    domain: 'positive', example: { self: 1.5 }, doc: 'input · log1p(other), 0 where input = 0.' },
  [Op.SpecialXlog1pyScalar]: scalar('SpecialXlog1PyBackward2', ['other'], 'x == 0 && c == c ? 0 : x * log1p(c)', 'grad * log1p(other)',
    { torch: 'special_xlog1py(Tensor input, Scalar other) -> Tensor', method: false, inplace: false, example: { other: 1.5 } }),
  [Op.RoundDecimals]: scalar('RoundBackward1', ['decimals'],
    'c < 0 ? rint(x / exp10(-c)) * exp10(-c) : rint(x * exp10(c)) / exp10(c)', 'zeros_like(grad)',
    { torch: 'round(Tensor input, *, int decimals) -> Tensor', example: { decimals: 2 } }),
  // PyTorch has no derivative for it (its grad_fn is NotImplemented)
  [Op.RemainderSelfScalar]: { ...scalar('NotImplemented', ['self'], 'remainder(c, x)', ''), inputs: ['other'], grad: {},
    torch: 'remainder(Scalar self, Tensor other) -> Tensor', noOut: true, example: { self: 2.5 }, domain: 'nonzero' },
  [Op.ClampMin]: scalar('ClampMinBackward0', ['min'], 'c != c ? c : x < c ? c : x', 'clamp_min_backward(grad, self, min)',
    { torch: 'clamp_min(Tensor input, Scalar min) -> Tensor', example: { min: 0.5 }, kinks: [0.5], doc: 'max(x, min).' }),
  [Op.ClampMax]: scalar('ClampMaxBackward0', ['max'], 'c != c ? c : x > c ? c : x', 'clamp_max_backward(grad, self, max)',
    { torch: 'clamp_max(Tensor input, Scalar max) -> Tensor', example: { max: 0.5 }, kinks: [0.5], doc: 'min(x, max).' }),
  [Op.CopysignScalar]: scalar('CopysignBackward1', ['other'], 'copysign(x, c)', 'copysign_backward(grad, self, result)',
    { torch: 'copysign(Tensor input, Scalar other) -> Tensor', example: { other: -1 } }),
  // eps None (NaN here) leaves x unclamped: the comparisons with NaN are false
  [Op.Logit]: scalar('LogitBackward0', ['eps'], { let: { z: 'x < c ? c : x > 1 - c ? 1 - c : x' }, expr: 'log(z / (1 - z))' },
    'logit_backward(grad, self, eps)',
    { torch: 'logit(Tensor input, float? eps=None) -> Tensor', domain: 'prob', example: { eps: 0.25 }, kinks: [0.25, 0.75],
      doc: 'log(x / (1 − x)), x clamped to [eps, 1 − eps] when eps is given.' }),
  [Op.LeakyRelu]: scalar('LeakyReluBackward0', ['negative_slope'], 'x > 0 ? x : x * c', 'leaky_relu_backward(grad, self, negative_slope)',
    { inplaceOp: Op.LeakyReluResult, torch: 'leaky_relu(Tensor input, Scalar negative_slope=0.01, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'x for x > 0, else negative_slope·x.', example: { negative_slope: 0.2 } }),
  [Op.Hardtanh]: scalar('HardtanhBackward0', ['min_val', 'max_val'], 'x < c ? c : x > c2 ? c2 : x', 'hardtanh_backward(grad, self, min_val, max_val)',
    { torch: 'hardtanh(Tensor input, Scalar min_val=-1, Scalar max_val=1, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'Clamps to [min_val, max_val].', example: { min_val: -0.5, max_val: 2 }, kinks: [-0.5, 2],
      apiDoc: { hardtanh: { calls: ['F.hardtanh_'], tests: ['nn-fill'], notes: '`inplace` and `F.hardtanh_`: `HardtanhBackward0` over a copy of the old values, as PyTorch' } } }),
  [Op.Elu]: scalar('EluBackward0', ['alpha'], 'x <= 0 ? (exp(x) - 1) * c : x', 'elu_backward(grad, self, alpha)',
    { inplaceOp: Op.EluResult, torch: 'elu(Tensor input, Scalar alpha=1, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'x for x > 0, else alpha·(eˣ − 1).', example: { alpha: 0.5 } }),
  [Op.Celu]: scalar('CeluBackward0', ['alpha'], 'x <= 0 ? (exp(x * (1 / c)) - 1) * c : x', 'celu_backward(grad, self, alpha)',
    { inplaceOp: Op.CeluResult, torch: 'celu(Tensor input, Scalar alpha=1, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'x for x > 0, else alpha·(e^(x/alpha) − 1).', example: { alpha: 2 } }),
  // F.elu_ and friends: PyTorch's in-place activations differentiate from the result, which
  // overwrote the input (derivatives.yaml's is_result branches); threshold_ keeps a copy of the input
  [Op.EluResult]: scalar('EluBackward1', ['alpha'], 'x <= 0 ? (exp(x) - 1) * c : x', 'elu_result_backward(grad, result, alpha)',
    { cases: [...fnInplace('elu', { alpha: 0.5 }), ...fnInplace('elu', {}).slice(0, 1).map((c) => ({ ...c, name: 'elu_/F inplace default alpha' }))] }),
  [Op.SeluResult]: unary('EluBackward1', 'x <= 0 ? (exp(x) - 1) * 1.7580993408473766 : x * 1.0507009873554805', 'selu_result_backward(grad, result)',
    { cases: fnInplace('selu') }),
  [Op.CeluResult]: scalar('CeluBackward1', ['alpha'], 'x <= 0 ? (exp(x * (1 / c)) - 1) * c : x', 'celu_result_backward(grad, result, alpha)',
    { cases: fnInplace('celu', { alpha: 2 }) }),
  // PyTorch refuses the backward of a negative slope (the result no longer tells the sign)
  [Op.LeakyReluResult]: scalar('LeakyReluBackward1', ['negative_slope'], 'x > 0 ? x : x * c', 'leaky_relu_backward(grad, result, negative_slope)',
    { cases: fnInplace('leaky_relu', { negative_slope: 0.2 }) }),
  [Op.ThresholdInplace]: scalar('ThresholdBackward1', ['threshold', 'value'], 'x <= c ? c2 : x', 'threshold_backward(grad, self, threshold)',
    { cases: fnInplace('threshold', { threshold: 0.1, value: 20 }, [0.1]) }),
  [Op.Hardshrink]: scalar('HardshrinkBackward0', ['lambd'], 'x >= -c && x <= c ? 0 : x', 'shrink_backward(grad, self, lambd)',
    { torch: 'hardshrink(Tensor input, Scalar lambd=0.5) -> Tensor', doc: '0 on [−lambd, lambd], else x.', example: { lambd: 1 }, inplace: false,
    apiDoc: { hardshrink: { calls: ['F.hardshrink'], tests: ['table-ops', 'errors'], notes: '`torch.hardshrink` itself, as in PyTorch (`HardshrinkBackward0`)' } } }),
  [Op.Softshrink]: scalar('SoftshrinkBackward0', ['lambd'], 'x > c ? x - c : x < -c ? x + c : 0', 'shrink_backward(grad, self, lambd)',
    { torch: 'softshrink(Tensor input, Scalar lambd=0.5) -> Tensor', method: false, doc: 'x moved towards 0 by lambd, 0 on [−lambd, lambd].', example: { lambd: 1 } }),
  [Op.Threshold]: scalar('ThresholdBackward0', ['threshold', 'value'], 'x <= c ? c2 : x', 'threshold_backward(grad, self, threshold)',
    { inplaceOp: Op.ThresholdInplace, torch: 'threshold(Tensor input, Scalar threshold, Scalar value, bool inplace=False) -> Tensor', method: false, python: '_threshold', doc: 'value where x ≤ threshold, else x.', example: { threshold: 0.1, value: 20 }, kinks: [0.1] }),
  [Op.Softplus]: scalar('SoftplusBackward0', ['beta', 'threshold'], 'x * c > c2 ? x : log1pExp(x * c) / c',
    'softplus_backward(grad, self, beta, threshold)',
    { simd: 'softplusV(v, cV, c2V)', torch: 'softplus(Tensor input, Scalar beta=1, Scalar threshold=20) -> Tensor', method: false, doc: 'log(1 + e^(beta·x))/beta, linear above threshold.', example: { beta: 2, threshold: 1 }, kinks: [10, 20, 30] }),

  // ---- unary ----
  [Op.Neg]: unary('NegBackward0', '-x', '-grad', { simd: 'f32x4.neg(v)', torch: 'neg(Tensor input) -> Tensor', doc: '−x.',
    apiDoc: { neg: { tests: ['ops'], notes: 'PyTorch\'s `-a`' } } }),
  [Op.Exp]: unary('ExpBackward0', 'exp(x)', 'grad * result', { simd: 'expV(v)', torch: 'exp(Tensor input) -> Tensor', doc: 'eˣ.',
    apiDoc: { exp: { tests: ['ops'] } } }),
  [Op.Log]: unary('LogBackward0', 'log(x)', 'grad / self', { simd: 'logV(v)', torch: 'log(Tensor input) -> Tensor', domain: 'positive', doc: 'Natural logarithm.',
    apiDoc: { log: { tests: ['ops'] } } }),
  [Op.Sqrt]: unary('SqrtBackward0', 'sqrt(x)', 'grad / (result * 2)', { simd: 'f32x4.sqrt(v)', torch: 'sqrt(Tensor input) -> Tensor', domain: 'positive', doc: 'Square root.',
    apiDoc: { sqrt: { tests: ['ops'] } } }),
  [Op.Abs]: unary('AbsBackward0', 'abs(x)', 'abs_backward(grad, self)', { simd: 'f32x4.abs(v)', torch: 'abs(Tensor input) -> Tensor', doc: 'Absolute value.',
    apiDoc: { abs: { tests: ['ops'] } } }),
  [Op.Sigmoid]: unary('SigmoidBackward0', 'sigmoid(x)', 'sigmoid_backward(grad, result)', { simd: 'sigmoidV(v)', torch: 'sigmoid(Tensor input) -> Tensor', doc: '1 / (1 + e⁻ˣ).',
    apiDoc: { sigmoid: { calls: ['F.sigmoid'], tests: ['ops'] } } }),
  [Op.Tanh]: unary('TanhBackward0', 'tanh(x)', 'tanh_backward(grad, result)', { simd: 'tanhV(v)', torch: 'tanh(Tensor input) -> Tensor', doc: 'Hyperbolic tangent.',
    apiDoc: { tanh: { calls: ['F.tanh'], tests: ['ops'] } } }),
  // keeps NaN: only x < 0 becomes 0
  [Op.Relu]: unary('ReluBackward0', 'x < 0 ? 0 : x', 'relu_backward(grad, result)',
    { simd: 'v128.bitselect(f32x4.splat(0), v, f32x4.lt(v, f32x4.splat(0)))', torch: 'relu(Tensor input) -> Tensor', doc: 'max(x, 0).',
    apiDoc: { relu: { calls: ['F.relu'], tests: ['ops', 'nn-fill'], notes: '`F.relu(input, inplace)`: `inplace` is `x.relu_()`' } } }),
  [Op.Sin]: unary('SinBackward0', 'sin(x)', 'grad * cos(self)', { simd: 'sinV(v)', torch: 'sin(Tensor input) -> Tensor', doc: 'Sine.' }),
  [Op.Cos]: unary('CosBackward0', 'cos(x)', 'grad * -sin(self)', { simd: 'cosV(v)', torch: 'cos(Tensor input) -> Tensor', doc: 'Cosine.' }),
  [Op.Tan]: unary('TanBackward0', 'tan(x)', 'grad * (result * result + 1)', { torch: 'tan(Tensor input) -> Tensor', doc: 'Tangent.' }),
  [Op.Asin]: unary('AsinBackward0', 'asin(x)', 'grad * rsqrt(-self * self + 1)',
    { torch: 'asin(Tensor input) -> Tensor', domain: 'unit', doc: 'Arcsine.' }),
  [Op.Acos]: unary('AcosBackward0', 'acos(x)', 'grad * -rsqrt(-self * self + 1)',
    { torch: 'acos(Tensor input) -> Tensor', domain: 'unit', doc: 'Arccosine.' }),
  [Op.Atan]: unary('AtanBackward0', 'atan(x)', 'grad / (self * self + 1)', { torch: 'atan(Tensor input) -> Tensor', doc: 'Arctangent.' }),
  [Op.Sinh]: unary('SinhBackward0', 'sinh(x)', 'grad * cosh(self)', { torch: 'sinh(Tensor input) -> Tensor', doc: 'Hyperbolic sine.' }),
  [Op.Cosh]: unary('CoshBackward0', 'cosh(x)', 'grad * sinh(self)', { torch: 'cosh(Tensor input) -> Tensor', doc: 'Hyperbolic cosine.' }),
  [Op.Asinh]: unary('AsinhBackward0', 'asinh(x)', 'grad * rsqrt(self * self + 1)',
    { torch: 'asinh(Tensor input) -> Tensor', doc: 'Inverse hyperbolic sine.', inplace: 'not_differentiable' }),
  [Op.Acosh]: unary('AcoshBackward0', 'acosh(x)', 'grad * rsqrt(self * self - 1)',
    { torch: 'acosh(Tensor input) -> Tensor', domain: 'ge1', doc: 'Inverse hyperbolic cosine.', inplace: 'not_differentiable' }),
  [Op.Atanh]: unary('AtanhBackward0', 'atanh(x)', 'grad / (1 - self * self)',
    { torch: 'atanh(Tensor input) -> Tensor', domain: 'unit', doc: 'Inverse hyperbolic tangent.', inplace: 'not_differentiable' }),
  [Op.Exp2]: unary('Exp2Backward0', 'exp2(x)', 'grad * result * 0.6931471805599453', { torch: 'exp2(Tensor input) -> Tensor', doc: '2^x.' }),
  [Op.Expm1]: unary('Expm1Backward0', 'expm1(x)', 'grad * (result + 1)', { simd: 'expm1V(v)', torch: 'expm1(Tensor input) -> Tensor', doc: 'eˣ − 1, accurate near 0.' }),
  [Op.Log1p]: unary('Log1PBackward0', 'log1p(x)', 'grad / (self + 1)',
    { simd: 'log1pV(v)', torch: 'log1p(Tensor input) -> Tensor', domain: 'positive', doc: 'ln(1 + x), accurate near 0.' }),
  [Op.Log2]: unary('Log2Backward0', 'log2(x)', 'grad / (self * 0.6931471805599453)',
    { torch: 'log2(Tensor input) -> Tensor', domain: 'positive', doc: 'Base-2 logarithm.' }),
  [Op.Log10]: unary('Log10Backward0', 'log10(x)', 'grad / (self * 2.302585092994046)',
    { torch: 'log10(Tensor input) -> Tensor', domain: 'positive', doc: 'Base-10 logarithm.' }),
  [Op.Rsqrt]: unary('RsqrtBackward0', '1 / sqrt(x)', '-0.5 * grad * pow(result, 3)',
    { torch: 'rsqrt(Tensor input) -> Tensor', domain: 'positive', doc: '1/√x.' }),
  [Op.Reciprocal]: unary('ReciprocalBackward0', '1 / x', '-grad * (result * result)',
    { torch: 'reciprocal(Tensor input) -> Tensor', domain: 'nonzero', doc: '1/x.' }),
  [Op.Sign]: unary('SignBackward0', 'sign(x)', 'zeros_like(grad)', { torch: 'sign(Tensor input) -> Tensor', doc: '−1, 0 or 1 by the sign of x.' }),
  // a real tensor's argument as a complex number (helper h-members); PyTorch's angle_backward is zeros for real input
  [Op.Angle]: unary('AngleBackward0', 'x != x ? x : (x < 0 ? 3.141592653589793 : 0)', 'zeros_like(grad)', {
    torch: 'angle(Tensor input) -> Tensor', inplace: false, doc: 'The argument of x as a complex number: π for negatives, 0 otherwise (−0 too), NaN kept.',
    apiDoc: { angle: { tests: ['table-ops', 'members'], notes: 'real tensors only (no complex dtype): π for negatives, 0 otherwise (−0 and +inf too), NaN kept; integers and bool give float32; the gradient is zeros, NaN included (PyTorch\'s `angle_backward` of a real input)' } } }),
  [Op.Sgn]: unary('SgnBackward0', 'sign(x)', 'zeros_like(grad)', { torch: 'sgn(Tensor input) -> Tensor', doc: 'sign, extended to complex numbers in PyTorch.' }),
  [Op.Floor]: unary('FloorBackward0', 'floor(x)', 'zeros_like(grad)', { torch: 'floor(Tensor input) -> Tensor', doc: 'Rounds down.' }),
  [Op.Ceil]: unary('CeilBackward0', 'ceil(x)', 'zeros_like(grad)', { torch: 'ceil(Tensor input) -> Tensor', doc: 'Rounds up.' }),
  [Op.Round]: unary('RoundBackward0', 'rint(x)', 'zeros_like(grad)', { torch: 'round(Tensor input) -> Tensor', doc: 'Rounds half to even.' }),
  [Op.Trunc]: unary('TruncBackward0', 'trunc(x)', 'zeros_like(grad)', { torch: 'trunc(Tensor input) -> Tensor', doc: 'Rounds towards 0.' }),
  [Op.Frac]: unary('FracBackward0', 'x - trunc(x)', 'grad', { torch: 'frac(Tensor input) -> Tensor', doc: 'x − trunc(x).' }),
  [Op.Deg2rad]: unary('Deg2RadBackward0', 'x * 0.017453292519943295', 'grad * 0.017453292519943295',
    { torch: 'deg2rad(Tensor input) -> Tensor', doc: 'Degrees to radians.' }),
  [Op.Rad2deg]: unary('Rad2DegBackward0', 'x * 57.29577951308232', 'grad * 57.29577951308232',
    { torch: 'rad2deg(Tensor input) -> Tensor', doc: 'Radians to degrees.' }),
  [Op.Sinc]: unary('SincBackward0', { let: { p: '3.141592653589793 * x' }, expr: 'x == 0 ? 1 : sin(p) / p' }, 'sinc_backward(grad, self)',
    { torch: 'sinc(Tensor input) -> Tensor', doc: 'sin(πx)/(πx), 1 at 0.' }),
  [Op.Erf]: unary('ErfBackward0', 'erf(x)', 'grad * 1.1283791670955126 * exp(-self * self)', { simd: 'erfV(v)', torch: 'erf(Tensor input) -> Tensor', doc: 'The error function.' }),
  [Op.Erfc]: unary('ErfcBackward0', 'erfc(x)', '-1.1283791670955126 * grad * exp(-self * self)',
    { torch: 'erfc(Tensor input) -> Tensor', doc: 'The complementary error function, 1 − erf(x).' }),
  [Op.Silu]: unary('SiluBackward0', 'silu(x)', 'silu_backward(grad, self)',
    { simd: 'siluV(v)', torch: 'silu(Tensor input, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'x·σ(x).' }),
  [Op.Mish]: unary('MishBackward0', 'x * tanh(log1p(exp(x)))', 'mish_backward(grad, self)',
    { torch: 'mish(Tensor input, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'x·tanh(softplus(x)).' }),
  [Op.LogSigmoid]: unary('LogSigmoidBackward0', 'min(x, 0) - log1p(exp(-abs(x)))', 'log_sigmoid_backward(grad, self)',
    { torch: 'log_sigmoid(Tensor input) -> Tensor', name: 'logsigmoid', method: false, doc: 'log σ(x), computed without overflow.' }),
  [Op.Hardsigmoid]: unary('HardsigmoidBackward0', 'min(max(x + 3, 0), 6) / 6', 'hardsigmoid_backward(grad, self)',
    { torch: 'hardsigmoid(Tensor input, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'A piecewise-linear σ: clamp(x/6 + 1/2, 0, 1).', kinks: [-3, 3] }),
  [Op.Hardswish]: unary('HardswishBackward0', 'x * min(max(x + 3, 0), 6) / 6', 'hardswish_backward(grad, self)',
    { torch: 'hardswish(Tensor input, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'x·hardsigmoid(x).', kinks: [-3, 3] }),
  [Op.Selu]: unary('EluBackward0', 'x <= 0 ? (exp(x) - 1) * 1.7580993408473766 : x * 1.0507009873554805', 'selu_backward(grad, self)',
    { inplaceOp: Op.SeluResult, torch: 'selu(Tensor input, bool inplace=False) -> Tensor', method: false, python: 'same', doc: 'scale·elu(x, alpha) with the self-normalising constants.' }),
  [Op.Gelu]: unary('GeluBackward0', 'gelu(x)', 'gelu_backward(grad, self)',
    { simd: 'geluV(v)', doc: "gelu with approximate='none'.", via: { call: 'F.gelu' },
    apiDoc: { gelu: { tests: ['table-ops'], notes: "`F.gelu(approximate)`: `'none'` or `'tanh'`" } } }),
  [Op.GeluTanh]: unary('GeluBackward0', 'geluTanh(x)', 'gelu_tanh_backward(grad, self)', { simd: 'geluTanhV(v)', doc: "gelu with approximate='tanh'.", via: { call: 'F.gelu', kwargs: { approximate: 'tanh' } } }),
  // special functions: PyTorch's float and double kernels step by step (kernels/scalar_math.ts)
  [Op.Erfinv]: unary('ErfinvBackward0', 'erfinv(x)', 'grad * 0.886226925452758 * exp(result * result)',
    { torch: 'erfinv(Tensor input) -> Tensor', domain: 'unit', kinks: [0.7, 0.999], doc: 'The inverse error function: erf(erfinv(x)) = x on (−1, 1).' }),
  [Op.Lgamma]: unary('LgammaBackward0', 'lgamma(x)', 'grad * digamma(self)',
    { torch: 'lgamma(Tensor input) -> Tensor', kinks: [2, -2, -2.5, 10, 1e-30], doc: 'log|Γ(x)|: inf at the poles 0, −1, −2, ….' }),
  [Op.Digamma]: unary('DigammaBackward0', 'digamma(x)', 'grad * polygamma(1, self)',
    { torch: 'digamma(Tensor input) -> Tensor', kinks: [2, -2, -2.5, 10, 1.4616321], doc: 'ψ(x) = Γ′(x)/Γ(x): ∓inf at ±0, NaN at negative integers.' }),
  // ψ⁽ⁿ⁾(x) (helper h-cg): torch.polygamma(n, x) puts the number first, which the generated front
  // ends do not bind, so src/ops/polygamma.ts binds PyTorch's schemas and runs this row
  [Op.Polygamma]: scalar('PolygammaBackward0', ['n'], 'polygamma(c, x)', 'grad * polygamma(n + 1, self)', {
    doc: 'ψ⁽ⁿ⁾(x), the n-th derivative of digamma: inf or NaN at the poles 0, −1, −2, ….',
    cases: withFloat64(([
      { name: 'polygamma/function', call: 'torch.polygamma', args: [2, any([3, 4])] },
      { name: 'polygamma/n 0', call: 'torch.polygamma', args: [0, any([3, 4])] },
      { name: 'polygamma/n 1', call: 'torch.polygamma', args: [1, { shape: [3, 4], domain: 'positive' }] },
      { name: 'polygamma/n 5', call: 'torch.polygamma', args: [5, { shape: [3, 4], domain: 'positive' }] },
      { name: 'polygamma/method', call: 'Tensor.polygamma', args: [any([5]), 3] },
      { name: 'polygamma/special', call: 'torch.special.polygamma', args: [4, { shape: [5], domain: 'ge1' }] },
      ...[0, 1, 2, 3, 6].map((n): TableCase => ({ name: `polygamma/edges n ${n}`, call: 'torch.polygamma',
        args: [n, { values: [-Infinity, -3, -2.5, -1, -0.5, -0, 0, 1e-30, 0.5, 1, 1.5, 3, 9.5, 30, 1e6, Infinity, NaN], shape: [17] }] })),
      { name: 'polygamma/empty', call: 'torch.polygamma', args: [2, any([0, 3])] },
    ] as TableCase[]).map((c) => ({ ...c, kwargs: {} })), 'polygamma/function', 'polygamma/n 1', 'polygamma/n 5', 'polygamma/edges n 0', 'polygamma/edges n 1', 'polygamma/edges n 2', 'polygamma/edges n 6'),
    apiDoc: { 'special.polygamma': { shares: 'polygamma' }, polygamma: { calls: ['torch.polygamma', 'Tensor.polygamma'], tests: ['table-ops', 'higher-order'],
      notes: '`torch.polygamma(n, input)`, `x.polygamma(n)`, `x.polygamma_(n)`, `torch.special.polygamma(n, input)`: ATen\'s kernel (digamma for n = 0, trigamma for 1, else ±n!·ζ(n + 1, x) with its Cephes ζ in float64); PyTorch\'s errors for n < 0 and a non-int n; the gradient is polygamma(n + 1, x), so every order records' } } }),
  // x.polygamma_(n): PyTorch names its node PolygammaBackward1 (the in-place overload's)
  [Op.PolygammaInplace]: scalar('PolygammaBackward1', ['n'], 'polygamma(c, x)', 'grad * polygamma(n + 1, self)', {
    doc: 'ψ⁽ⁿ⁾(x) written into x.', cases: withFloat64([{ name: 'polygamma_/inplace', call: 'Tensor.__inplace__', args: [any([3, 4]), 'polygamma_', 2], kwargs: {} }],
      'polygamma_/inplace') }),
  // torch.special (helper h-special): the kernels are kernels/scalar_math.ts's, in float64, rounded once
  [Op.I0]: unary('I0Backward0', 'besselI0(x)', 'grad * special_i1(self)',
    { torch: 'i0(Tensor input) -> Tensor', kinks: [20, -20, 700, 710], doc: 'The modified Bessel function of the first kind, order 0.' }),
  [Op.SpecialI0e]: unary('SpecialI0EBackward0', 'besselI0e(x)', 'grad * (special_i1e(self) - sgn(self) * result)',
    { torch: 'special_i0e(Tensor input) -> Tensor', method: false, inplace: false, kinks: [20, -20], doc: 'I0(x)·e^−|x|.' }),
  [Op.SpecialI1]: unary('SpecialI1Backward0', 'besselI1(x)', 'i1_backward(grad, self, result)',
    { torch: 'special_i1(Tensor input) -> Tensor', method: false, inplace: false, kinks: [20, -20, 700, 710], doc: 'The modified Bessel function of the first kind, order 1.' }),
  [Op.SpecialI1e]: unary('SpecialI1EBackward0', 'besselI1e(x)', 'i1e_backward(grad, self, result)',
    { torch: 'special_i1e(Tensor input) -> Tensor', method: false, inplace: false, kinks: [20, -20], doc: 'I1(x)·e^−|x|.' }),
  [Op.SpecialEntr]: unary('SpecialEntrBackward0', 'x != x ? x : x > 0 ? -x * log(x) : x == 0 ? 0 : -inf', 'grad * (-1 - log(self))',
    { torch: 'special_entr(Tensor input) -> Tensor', method: false, inplace: false, domain: 'positive', doc: '−x·ln x; 0 at 0, −inf below.' }),
  [Op.SpecialErfcx]: unary('SpecialErfcxBackward0', 'erfcx(x)', '(2 * self * result - 1.1283791670955126) * grad',
    { torch: 'special_erfcx(Tensor input) -> Tensor', method: false, inplace: false, kinks: [2, -26, 26, 1e10], doc: 'erfc(x)·e^{x²}, the scaled complementary error function.' }),
  [Op.SpecialLogNdtr]: unary('SpecialLogNdtrBackward0',
    { let: { t: 'x * 0.7071067811865476' }, expr: 'x < -1 ? log(erfcx(-t) / 2) - t * t : log1p(-erfc(t) / 2)' },
    'grad / 2.5066282746310002 * exp(-(result + self * self / 2))',
    { torch: 'special_log_ndtr(Tensor input) -> Tensor', method: false, inplace: false, kinks: [-1, -5, -20, 6], doc: 'log Φ(x), the log of the standard normal CDF, without underflow.' }),
  [Op.SpecialNdtri]: unary('SpecialNdtriBackward0', 'ndtri(x)', 'grad * 2.5066282746310002 * exp(result * result / 2)',
    { torch: 'special_ndtri(Tensor input) -> Tensor', method: false, inplace: false, domain: 'prob', kinks: [0.25, 0.75, 0.02, 0.135], doc: 'Φ⁻¹(p), the standard normal quantile.' }),
  // P(a, x) and Q(a, x) (helper h-special): ATen's calc_igamma / calc_igammac step by step in the
  // element type (kernels/igamma.ts); as derivatives.yaml, a has no derivative
  [Op.Igamma]: binary('IgammaBackward0', 'igamma(x, y)',
    { self: 'not_implemented("igamma: input")', other: 'grad * exp((self - 1) * log(other) - other - lgamma(self))' },
    { torch: 'igamma(Tensor input, Tensor other) -> Tensor', domain: 'positive', cases: gammaCases('igamma', 'gammainc'),
      doc: 'The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), a = input, x = other.',
      apiDoc: { 'special.gammainc': { shares: 'igamma' }, igamma: { calls: ['torch.igamma', 'Tensor.igamma', 'Tensor.igamma_'], tests: ['table-ops', 'special-gamma'], notes: IGAMMA_NOTES } } }),
  [Op.Igammac]: binary('IgammacBackward0', 'igammac(x, y)',
    { self: 'not_implemented("igammac: input")', other: '-grad * exp((self - 1) * log(other) - other - lgamma(self))' },
    { torch: 'igammac(Tensor input, Tensor other) -> Tensor', domain: 'positive', cases: gammaCases('igammac', 'gammaincc'),
      doc: 'The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x).',
      apiDoc: { 'special.gammaincc': { shares: 'igammac' }, igammac: { calls: ['torch.igammac', 'Tensor.igammac', 'Tensor.igammac_'], tests: ['table-ops', 'special-gamma'], notes: IGAMMA_NOTES } } }),
  // Hurwitz ζ(x, q) (helper h-special): polygamma's kernel, in float64 for both dtypes as ATen's
  [Op.SpecialZeta]: binary('SpecialZetaBackward0', 'zeta(x, y)',
    { self: 'not_implemented("zeta")', other: 'grad * -self * special_zeta(self + 1, other)' },
    { torch: 'special_zeta(Tensor input, Tensor other) -> Tensor', method: false, inplace: false, domain: 'ge1', cases: zetaCases(),
      doc: 'The Hurwitz zeta function ζ(x, q) = Σₖ (k + q)^−x.',
      apiDoc: { 'special.zeta': { shares: 'special_zeta' }, special_zeta: { tests: ['table-ops', 'special-gamma'], notes: "`torch.special.zeta(input, other)`, a number on either side; ints compute in the default float dtype; the gradient for `other` is −x·ζ(x + 1, q) (recorded, so every order), for `input` PyTorch's NotImplementedError \"the derivative for 'zeta' is not implemented.\"" } } }),
  [Op.SpecialZetaSelfScalar]: { ...scalar('SpecialZetaBackward1', ['self'], 'zeta(c, x)', ''), inputs: ['other'],
    grad: { other: 'grad * -self * special_zeta(self + 1, other)' }, torch: 'special_zeta(Scalar self, Tensor other) -> Tensor', method: false, inplace: false,
    domain: 'positive', example: { self: 2.5 }, doc: 'The Hurwitz zeta function ζ(x, q) = Σₖ (k + q)^−x.' },
  [Op.SpecialZetaScalar]: scalar('SpecialZetaBackward2', ['other'], 'zeta(x, c)', 'not_implemented("zeta")',
    { torch: 'special_zeta(Tensor input, Scalar other) -> Tensor', method: false, inplace: false, domain: 'ge1', example: { other: 1.5 } }),
  // a None number is NaN to the kernel: 0 for nan, the dtype's largest finite value for posinf/neginf
  [Op.NanToNum]: scalar('NanToNumBackward0', ['nan', 'posinf', 'neginf'], 'nanToNum(x, c, c2, c3)', 'nan_to_num_backward(grad, self)', {
    torch: 'nan_to_num(Tensor input, float? nan=0.0, float? posinf=None, float? neginf=None) -> Tensor',
    example: { nan: 1.5, posinf: 100, neginf: -50 }, doc: "NaN, +inf, −inf replaced by nan, posinf, neginf (by default 0 and the dtype's largest finite values).",
    cases: [
      { name: 'nan_to_num/defaults', call: 'torch.nan_to_num', args: [{ values: EDGES8, shape: [8] }], kwargs: {} },
      f64('nan_to_num/defaults', 'torch.nan_to_num', [{ values: EDGES8, shape: [8] }], {}, 'elementwise'),
      { name: 'nan_to_num/method posinf only', call: 'Tensor.nan_to_num', args: [{ values: EDGES8, shape: [8] }], kwargs: { posinf: 7 } },
    ],
  }),

  // ---- hand-written kernels, shapes and saves (assembly/ops, src/js/ops); helpers in grad/ ----
  [Op.Sum]: manual('SumBackward0', ['self'], 'sumBackward', { cases: [f64('sum/all', 'torch.sum', [any([3, 4])], {}, 'reduction')],
    apiDoc: { sum: { calls: ['Tensor.sum'], tests: ['ops', 'errors', 'dtypes'], notes: '`torch.sum(dim, keepdim)`: no `dtype` option; bool and integer tensors sum into int64' } } }),
  [Op.SumDim]: manual('SumBackward1', ['self'], 'sumBackward', { cases: [f64('sum/dim', 'torch.sum', [any([2, 3, 4]), [0, 2]], {}, 'reduction')] }),
  [Op.Mean]: manual('MeanBackward0', ['self'], 'meanBackward', { cases: [f64('mean/all', 'torch.mean', [any([3, 4])], {}, 'reduction')],
    apiDoc: { mean: { calls: ['Tensor.mean'], tests: ['ops', 'dtypes'], notes: "`torch.mean(dim, keepdim)`: PyTorch's error for integer and bool tensors" } } }),
  [Op.MeanDim]: manual('MeanBackward1', ['self'], 'meanBackward', {
    cases: [f64('mean/dim', 'torch.mean', [any([3, 4])], { dim: 1, keepdim: true }, 'reduction')],
  }),
  [Op.Amax]: manual('AmaxBackward0', ['self'], 'amaxBackward', { cases: [
    f64('amax/dims ties', 'torch.amax', [{ values: [1, 3, 3, -1, 0, 3, NaN, 2, 2, 2, -Infinity, 0], shape: [3, 4] }, [1]], {}, 'reduction'),
    f64('amax/dims keepdim', 'torch.amax', [any([2, 3, 4]), [0, 2]], { keepdim: true }, 'reduction'),
  ],
    apiDoc: { amax: { calls: ['Tensor.amax'], tests: ['ops'] } } }),
  [Op.MaxAll]: manual('MaxBackward1', ['self'], 'maxAllBackward', { cases: [
    f64('max/all ties', 'torch.max', [{ values: [2, 5, -1, 5, 0], shape: [5] }], {}, 'reduction'),
  ],
    apiDoc: { max: { tests: ['ops'], notes: '`torch.max()` (all); `torch.max(dim, keepdim)` → `(values, indices)`: a `[values, indices]` array, not a named tuple (no `.values` / `.indices`); `torch.max(a, b)`: equals `maximum`' } } }),
  [Op.MaxDim]: manual('MaxBackward0', ['self'], 'maxDimBackward', { cases: [
    f64('max/dim ties NaN', 'torch.max', [{ values: [1, 1, 0, -Infinity, NaN, 2, 5, 5, 5], shape: [3, 3] }, 1], {}, 'reduction'),
    f64('max/dim keepdim', 'Tensor.max', [any([2, 3, 4]), 0], { keepdim: true }, 'reduction'),
  ] }),
  // min is −max(−x) in the kernels; the derivatives are max's (the gradient goes where the
  // result was found: evenly among ties for the whole-tensor form, to the index along a dim)
  [Op.MinAll]: manual('MinBackward1', ['self'], 'maxAllBackward', { cases: [
    f64('min/all ties', 'torch.min', [{ values: [2, -1, -1, Infinity, 0], shape: [5] }], {}, 'reduction'),
    { name: 'min/all', call: 'torch.min', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'min/all ties and inf', call: 'Tensor.min', args: [{ values: [2, -1, -1, Infinity, -1], shape: [5] }], family: 'reduction' },
    { name: 'min/all NaN', call: 'torch.min', args: [{ values: [2, NaN, -1], shape: [3] }], family: 'reduction' },
  ],
    apiDoc: { min: { tests: ['table-ops', 'ops'], notes: '`torch.min()` (all): ties, ±inf, NaN; `torch.min(dim, keepdim)` → `(values, indices)`: a `[values, indices]` array; `torch.min(a, b)`: equals `minimum`' } } }),
  [Op.MinDim]: manual('MinBackward0', ['self'], 'maxDimBackward', { cases: [
    f64('min/dim', 'torch.min', [any([3, 4]), 1], {}, 'reduction'),
    { name: 'min/dim', call: 'torch.min', args: [{ shape: [3, 4], domain: 'any' }, 1], family: 'reduction' },
    { name: 'min/dim keepdim negative', call: 'Tensor.min', args: [{ shape: [2, 3, 4], domain: 'any' }, -2], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'min/dim ties NaN inf', call: 'torch.min', args: [{ values: [1, 1, 0, -Infinity, NaN, 2, 5, 5, 5], shape: [3, 3] }, 1], family: 'reduction' },
  ] }),
  [Op.Logsumexp]: manual('LogsumexpBackward0', ['self'], 'logsumexpBackward', { cases: [
    f64('logsumexp/dims', 'torch.logsumexp', [any([2, 3, 4]), [0, 2]], {}, 'reduction'),
    f64('logsumexp/inf', 'torch.logsumexp', [{ values: [Infinity, 1, -Infinity, -Infinity, 2, NaN], shape: [3, 2] }, 1], { keepdim: true }, 'reduction'),
  ],
    apiDoc: { logsumexp: { calls: ['Tensor.logsumexp'], tests: ['ops'] } } }),
  // reductions 2: one run-order kernel per op on each device (ops/reduce_stats.ts), one derivative helper
  [Op.Prod]: manual('ProdBackward0', ['self'], 'prodBackward', { cases: withFloat64([
    { name: 'prod/all', call: 'torch.prod', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'prod/all method', call: 'Tensor.prod', args: [{ shape: [5], domain: 'any' }], family: 'reduction' },
    { name: 'prod/all one zero', call: 'torch.prod', args: [{ values: [2, 0, -1.5, 3], shape: [2, 2] }], family: 'reduction' },
    { name: 'prod/all two zeros', call: 'torch.prod', args: [{ values: [0, 2, 0, 3], shape: [2, 2] }], family: 'reduction' },
    { name: 'prod/all zero and inf', call: 'torch.prod', args: [{ values: [0, Infinity, 2], shape: [3] }], family: 'reduction' },
    { name: 'prod/all inf', call: 'torch.prod', args: [{ values: [2, -Infinity, -1], shape: [3] }], family: 'reduction' },
    { name: 'prod/all NaN', call: 'torch.prod', args: [{ values: [1, NaN, 2], shape: [3] }], family: 'reduction' },
    { name: 'prod/all empty', call: 'torch.prod', args: [{ shape: [0, 3], domain: 'any' }], family: 'reduction' },
    { name: 'prod/all 0-d', call: 'torch.prod', args: [{ values: [0], shape: [] }], family: 'reduction' },
  ], 'prod/all', 'prod/all method', 'prod/all one zero', 'prod/all two zeros', 'prod/all zero and inf', 'prod/all NaN', 'prod/all 0-d'),
    apiDoc: { prod: { tests: ['table-ops'], notes: '`torch.prod(dim, keepdim)`: no `dtype` option; a zero gets the product of the others as its gradient, as PyTorch (one zero, two zeros, ±inf, NaN, empty, 0-d)' } } }),
  [Op.ProdDim]: manual('ProdBackward1', ['self'], 'prodBackward', { cases: withFloat64([
    { name: 'prod/dim', call: 'torch.prod', args: [{ shape: [3, 4], domain: 'any' }, 1], family: 'reduction' },
    { name: 'prod/dim keepdim negative', call: 'Tensor.prod', args: [{ shape: [2, 3, 4], domain: 'any' }, -2], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'prod/dim kwarg', call: 'torch.prod', args: [{ shape: [2, 3, 4], domain: 'any' }], kwargs: { dim: 0 }, family: 'reduction' },
    { name: 'prod/dim zeros', call: 'torch.prod', args: [{ values: [1, 0, 2, 3, 4, 5, 0, 0, 1], shape: [3, 3] }, 1], family: 'reduction' },
    { name: 'prod/dim inf with a zero elsewhere', call: 'torch.prod', args: [{ values: [0, 2, Infinity, 3], shape: [2, 2] }, 1], family: 'reduction' },
    { name: 'prod/dim inf NaN', call: 'Tensor.prod', args: [{ values: [NaN, 2, 1, -Infinity, 3, 1], shape: [3, 2] }, 0], family: 'reduction' },
    { name: 'prod/dim empty kept', call: 'torch.prod', args: [{ shape: [0, 3], domain: 'any' }, 0], family: 'reduction' },
    { name: 'prod/dim empty', call: 'torch.prod', args: [{ shape: [2, 0], domain: 'any' }, 0, true], family: 'reduction' },
    { name: 'prod/dim 0-d', call: 'torch.prod', args: [{ values: [0], shape: [] }, -1], family: 'reduction' },
  ], 'prod/dim', 'prod/dim keepdim negative', 'prod/dim zeros', 'prod/dim inf with a zero elsewhere', 'prod/dim inf NaN') }),
  [Op.Var]: manual('VarBackward0', ['self'], 'varBackward', { cases: withFloat64([
    { name: 'var/all', call: 'torch.var', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'var/all unbiased false', call: 'Tensor.var', args: [{ shape: [5], domain: 'any' }, false], family: 'reduction' },
    { name: 'var/all correction', call: 'torch.var', args: [{ shape: [3, 4], domain: 'any' }, null], kwargs: { correction: 0 }, family: 'reduction' },
    { name: 'var/dim', call: 'torch.var', args: [{ shape: [3, 4], domain: 'any' }, 1], family: 'reduction' },
    { name: 'var/dim list keepdim', call: 'torch.var', args: [{ shape: [2, 3, 4], domain: 'any' }, [0, -1]], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'var/dim unbiased keepdim positional', call: 'Tensor.var', args: [{ shape: [2, 3, 4], domain: 'any' }, -2, false, true], family: 'reduction' },
    { name: 'var/dim correction 2', call: 'torch.var', args: [{ shape: [3, 5], domain: 'any' }, 1], kwargs: { correction: 2 }, family: 'reduction' },
    { name: 'var/dim correction = n', call: 'torch.var', args: [{ values: [1, 2, 3, 4, 5, 7], shape: [2, 3] }, 1], kwargs: { correction: 3 }, family: 'reduction' },
    { name: 'var/dim correction > n', call: 'torch.var', args: [{ values: [1, 2, 3, 4, 5, 7], shape: [2, 3] }, [0, 1]], kwargs: { correction: 7 }, family: 'reduction' },
    { name: 'var/dim ties', call: 'torch.var', args: [{ values: [2, 2, 2, 1, 1, 3], shape: [2, 3] }, 1], family: 'reduction' },
    { name: 'var/dim inf NaN', call: 'torch.var', args: [{ values: [1, Infinity, 2, NaN, 1, 2, -Infinity, 0, 1], shape: [3, 3] }, 1], family: 'reduction' },
    { name: 'var/dim one element', call: 'torch.var', args: [{ shape: [3, 1], domain: 'any' }, 1], family: 'reduction' },
    { name: 'var/empty', call: 'torch.var', args: [{ shape: [0, 3], domain: 'any' }], family: 'reduction' },
    { name: 'var/empty dim', call: 'torch.var', args: [{ shape: [0, 3], domain: 'any' }, 0], family: 'reduction' },
    { name: 'var/0-d', call: 'torch.var', args: [{ values: [3], shape: [] }], family: 'reduction' },
  ], 'var/all', 'var/all unbiased false', 'var/dim list keepdim', 'var/dim correction 2', 'var/dim correction = n', 'var/dim correction > n', 'var/dim ties', 'var/dim inf NaN', 'var/0-d'),
    apiDoc: { var: { tests: ['table-ops'], notes: "`torch.var(dim, unbiased, keepdim)`, `correction=`: `dim` an int, a list or `null` (all); PyTorch's three overloads (no `dim` with `correction` needs an explicit `null` dim, as in 1.13); the divisor max(0, n − correction); no-`dim` backward with n ≤ correction raises in PyTorch 1.13, here g·inf" } } }),
  [Op.Std]: manual('StdBackward0', ['self'], 'varBackward', { cases: withFloat64([
    { name: 'std/all', call: 'torch.std', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'std/dim keepdim', call: 'Tensor.std', args: [{ shape: [2, 3, 4], domain: 'any' }, [-1, 0]], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'std/dim unbiased false', call: 'torch.std', args: [{ shape: [3, 4], domain: 'any' }, 0, false], family: 'reduction' },
    { name: 'std/dim correction', call: 'torch.std', args: [{ shape: [3, 4], domain: 'any' }], kwargs: { dim: 1, correction: 0 }, family: 'reduction' },
    { name: 'std/ties (zero result)', call: 'torch.std', args: [{ values: [1, 1, 1, 1, 2, 4], shape: [2, 3] }, 1], family: 'reduction' },
    { name: 'std/correction = n', call: 'torch.std', args: [{ values: [1, 2, 3, 4, 5, 7], shape: [2, 3] }, 1], kwargs: { correction: 3 }, family: 'reduction' },
    { name: 'std/inf NaN', call: 'torch.std', args: [{ values: [1, Infinity, 2, NaN, 1, 2], shape: [2, 3] }, 1], family: 'reduction' },
    { name: 'std/empty dim', call: 'torch.std', args: [{ shape: [0, 3], domain: 'any' }, 1], family: 'reduction' },
    { name: 'std/0-d', call: 'torch.std', args: [{ values: [3], shape: [] }], family: 'reduction' },
  ], 'std/all', 'std/dim keepdim', 'std/ties (zero result)', 'std/correction = n', 'std/inf NaN', 'std/0-d'),
    apiDoc: { std: { tests: ['table-ops'], notes: '`torch.std(dim, unbiased, keepdim)`, `correction=`: a zero result gets a zero gradient, as PyTorch' } } }),
  // var_mean / std_mean: the first result's node; the mean is mean()'s (MeanBackward1)
  [Op.VarMean]: manual('VarMeanBackward0', ['self'], 'varBackward', { cases: withFloat64([
    { name: 'var_mean/all', call: 'torch.var_mean', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'var_mean/dim', call: 'torch.var_mean', args: [{ shape: [3, 4], domain: 'any' }, 1], family: 'reduction' },
    { name: 'var_mean/dim list correction keepdim', call: 'torch.var_mean', args: [{ shape: [2, 3, 4], domain: 'any' }, [0, 2]], kwargs: { correction: 0, keepdim: true }, family: 'reduction' },
  ], 'var_mean/all', 'var_mean/dim list correction keepdim'),
    apiDoc: { var_mean: { tests: ['table-ops'], notes: "`[var or std, mean]`; the first result's node is `VarMeanBackward0` / `StdMeanBackward0`, the mean's is `MeanBackward1` (PyTorch: one node for both; gradients agree)" } } }),
  [Op.StdMean]: manual('StdMeanBackward0', ['self'], 'varBackward', { cases: withFloat64([
    { name: 'std_mean/all unbiased false', call: 'torch.std_mean', args: [{ shape: [3, 4], domain: 'any' }, false], family: 'reduction' },
    { name: 'std_mean/dim', call: 'torch.std_mean', args: [{ shape: [3, 4], domain: 'any' }, -1, true, true], family: 'reduction' },
  ], 'std_mean/all unbiased false', 'std_mean/dim'),
    apiDoc: { std_mean: { shares: 'var_mean' } } }),
  // nanmean is nansum / count (DivBackward0 over NansumBackward0): its cases are here
  [Op.Nansum]: manual('NansumBackward0', ['self'], 'nansumBackward', { cases: withFloat64([
    { name: 'nansum/all', call: 'torch.nansum', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'nansum/all NaN inf', call: 'Tensor.nansum', args: [{ values: [1, NaN, 2, NaN, NaN, NaN, Infinity, 0, -1, -Infinity, NaN, 3], shape: [4, 3] }], family: 'reduction' },
    { name: 'nansum/dim', call: 'torch.nansum', args: [{ values: [1, NaN, 2, NaN, NaN, NaN, Infinity, 0, -1, -Infinity, NaN, 3], shape: [4, 3] }, 1], family: 'reduction' },
    { name: 'nansum/dim list keepdim negative', call: 'torch.nansum', args: [{ shape: [2, 3, 4], domain: 'any' }, [-1, 0], true], family: 'reduction' },
    { name: 'nansum/dim kwargs', call: 'Tensor.nansum', args: [{ values: [1, NaN, 2, NaN, NaN, NaN, Infinity, 0, -1, -Infinity, NaN, 3], shape: [4, 3] }], kwargs: { dim: 0, keepdim: true }, family: 'reduction' },
    { name: 'nansum/empty', call: 'torch.nansum', args: [{ shape: [0, 3], domain: 'any' }], family: 'reduction' },
    { name: 'nansum/empty dim', call: 'torch.nansum', args: [{ shape: [0, 3], domain: 'any' }, 0], family: 'reduction' },
    { name: 'nanmean/all', call: 'torch.nanmean', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'nanmean/dim NaN inf', call: 'torch.nanmean', args: [{ values: [1, NaN, 2, NaN, NaN, NaN, Infinity, 0, -1, -Infinity, NaN, 3], shape: [4, 3] }, 1], family: 'reduction' },
    { name: 'nanmean/dim list keepdim', call: 'Tensor.nanmean', args: [{ shape: [2, 3, 4], domain: 'any' }, [0, 2]], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'nanmean/empty dim', call: 'torch.nanmean', args: [{ shape: [0, 3], domain: 'any' }, 0], family: 'reduction' },
  ], 'nansum/all', 'nansum/all NaN inf', 'nansum/dim list keepdim negative', 'nanmean/all', 'nanmean/dim NaN inf'),
    apiDoc: { nansum: { tests: ['table-ops'], notes: '`torch.nansum(dim, keepdim)`: NaN counts as 0 and gets a zero gradient; no `dtype` option' },
      nanmean: { nodes: ['DivBackward0'], tests: ['table-ops'], notes: '`torch.nanmean(dim, keepdim)`: nansum (`NansumBackward0`) / the count of non-NaN, as PyTorch composes it; NaN where a run is all NaN or empty' } } }),
  // torch.norm: PyTorch's frobenius_norm over two dims is sqrt(sum(x·x)) (SqrtBackward0): its case is here
  [Op.Norm]: manual('NormBackward1', ['self'], 'vectorNormBackward', { cases: withFloat64([
    { name: 'norm/default', call: 'torch.norm', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'norm/method p 1', call: 'Tensor.norm', args: [{ shape: [3, 4], domain: 'any' }, 1], family: 'reduction' },
    { name: 'norm/p inf', call: 'torch.norm', args: [{ shape: [3, 4], domain: 'any' }, Infinity], family: 'reduction' },
    { name: 'norm/p -inf dim', call: 'torch.norm', args: [{ shape: [3, 4], domain: 'any' }, -Infinity, 1], family: 'reduction' },
    { name: 'norm/p 0 dim keepdim', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 0, 1, true], family: 'reduction' },
    { name: 'norm/p 3 dim list', call: 'torch.norm', args: [{ shape: [2, 3, 4], domain: 'any' }], kwargs: { p: 3, dim: [0, -1] }, family: 'reduction' },
    { name: 'norm/p 0.5', call: 'torch.norm', args: [{ shape: [3, 4], domain: 'any' }, 0.5, -1], family: 'reduction' },
    { name: 'norm/p 1.5', call: 'torch.norm', args: [{ shape: [3, 4], domain: 'any' }, 1.5, 0], family: 'reduction' },
    { name: 'norm/p -1', call: 'torch.norm', args: [{ shape: [3, 4], domain: 'nonzero' }, -1, 1], family: 'reduction' },
    { name: 'norm/fro dim', call: 'Tensor.norm', args: [{ shape: [3, 4], domain: 'any' }, 'fro', 1], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'norm/fro two dims', call: 'torch.norm', args: [{ shape: [2, 3, 4], domain: 'any' }, 'fro', [0, 2]], family: 'reduction' },
    { name: 'norm/dim kwarg only (fro)', call: 'torch.norm', args: [{ shape: [3, 4], domain: 'any' }], kwargs: { dim: -1 }, family: 'reduction' },
    { name: 'norm/p 2 zeros NaN inf ties', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 2, 1], family: 'reduction' },
    { name: 'norm/p 1 zeros NaN inf ties', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 1, 1], family: 'reduction' },
    { name: 'norm/p inf zeros NaN inf ties', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, Infinity, 1], family: 'reduction' },
    { name: 'norm/p -inf zeros NaN inf ties', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, -Infinity, 1], family: 'reduction' },
    { name: 'norm/p 3 zeros NaN inf ties', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 3, 1], family: 'reduction' },
    { name: 'norm/p 0.5 zeros NaN inf ties', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 0.5, 1], family: 'reduction' },
    { name: 'norm/p 1.5 zeros NaN inf ties', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 1.5, 1], family: 'reduction' },
    { name: 'norm/p -1 zeros NaN inf ties', call: 'torch.norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, -1, 1], family: 'reduction' },
    { name: 'norm/empty', call: 'torch.norm', args: [{ shape: [0, 3], domain: 'any' }], family: 'reduction' },
    { name: 'norm/empty dim inf', call: 'torch.norm', args: [{ shape: [0, 3], domain: 'any' }, Infinity, 0], family: 'reduction' },
    { name: 'norm/0-d', call: 'torch.norm', args: [{ values: [-3], shape: [] }], family: 'reduction' },
  ], 'norm/default', 'norm/method p 1', 'norm/p 0 dim keepdim', 'norm/p 3 dim list', 'norm/fro two dims', 'norm/p 2 zeros NaN inf ties', 'norm/p 1 zeros NaN inf ties', 'norm/p inf zeros NaN inf ties', 'norm/p -inf zeros NaN inf ties', 'norm/p 3 zeros NaN inf ties', 'norm/p 0.5 zeros NaN inf ties', 'norm/p 1.5 zeros NaN inf ties', 'norm/p -1 zeros NaN inf ties', 'norm/0-d'),
    apiDoc: { norm: { tests: ['table-ops'], notes: "`torch.norm(p, dim, keepdim)`: `NormBackward1` (PyTorch 1.13's node for every numeric `p` and for `'fro'` over all or one dim); p = `'fro'` (default) / 2, 1, ±Infinity, 0, any number; `'fro'` over two dims is `sqrt(sum(x·x))` (`SqrtBackward0`), as PyTorch; `'nuc'` is `torch.linalg.matrix_norm(input, 'nuc', dim, keepdim)` over all dims when `dim` is not given, as PyTorch 2 (1.13's `nuclear_norm` wants a 2-D input or a 2-element `dim` and raises its own messages otherwise, and its keepdim unsqueezes in place: `UnsqueezeBackward1` where PyTorch 2 and wasmgrad record `UnsqueezeBackward0`); no `out`, `dtype`; 0 over an empty reduction for every p" } } }),
  [Op.VectorNorm]: manual('LinalgVectorNormBackward0', ['self'], 'vectorNormBackward', { cases: withFloat64([
    { name: 'vector_norm/default', call: 'torch.linalg.vector_norm', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'vector_norm/ord 1 dim', call: 'torch.linalg.vector_norm', args: [{ shape: [3, 4], domain: 'any' }, 1, -1], family: 'reduction' },
    { name: 'vector_norm/ord inf dim list keepdim', call: 'torch.linalg.vector_norm', args: [{ shape: [2, 3, 4], domain: 'any' }], kwargs: { ord: Infinity, dim: [0, 1], keepdim: true }, family: 'reduction' },
    { name: 'vector_norm/ord -inf', call: 'torch.linalg.vector_norm', args: [{ shape: [3, 4], domain: 'any' }, -Infinity], family: 'reduction' },
    { name: 'vector_norm/ord 0', call: 'torch.linalg.vector_norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 0, 0], family: 'reduction' },
    { name: 'vector_norm/ord 3.5 zeros NaN inf', call: 'torch.linalg.vector_norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 3.5, 1], family: 'reduction' },
    { name: 'vector_norm/ord 2 zeros NaN inf', call: 'torch.linalg.vector_norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, 2, 1, true], family: 'reduction' },
    { name: 'vector_norm/ord inf ties', call: 'torch.linalg.vector_norm', args: [{ values: [3, -4, 0, 0, 0, 0, 1, NaN, -2, Infinity, -1, 2, -2, 2, 0.5, -0.5], shape: [4, 4] }, Infinity, 1], family: 'reduction' },
    { name: 'vector_norm/empty', call: 'torch.linalg.vector_norm', args: [{ shape: [0, 3], domain: 'any' }], family: 'reduction' },
    { name: 'vector_norm/empty dim 1', call: 'torch.linalg.vector_norm', args: [{ shape: [0, 3], domain: 'any' }, 1, 0], family: 'reduction' },
  ], 'vector_norm/default', 'vector_norm/ord 1 dim', 'vector_norm/ord inf dim list keepdim', 'vector_norm/ord -inf', 'vector_norm/ord 0', 'vector_norm/ord 3.5 zeros NaN inf', 'vector_norm/ord 2 zeros NaN inf', 'vector_norm/ord inf ties'),
    apiDoc: { 'linalg.vector_norm': { tests: ['table-ops'], notes: "`torch.linalg.vector_norm(ord, dim, keepdim)`: PyTorch's error for ±inf or negative `ord` over an empty reduction; no `dtype`" } } }),
  // aminmax: PyTorch 1.13 has no derivative (its grad_fn is NotImplemented); both results are this op
  [Op.Aminmax]: { ...manual('NotImplemented', ['self'], ''), grad: {}, cases: withFloat64([
    { name: 'aminmax/all', call: 'torch.aminmax', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction', grads: false },
    { name: 'aminmax/dim', call: 'torch.aminmax', args: [{ shape: [3, 4], domain: 'any' }], kwargs: { dim: 1 }, family: 'reduction', grads: false },
    { name: 'aminmax/method dim keepdim negative', call: 'Tensor.aminmax', args: [{ shape: [2, 3, 4], domain: 'any' }], kwargs: { dim: -2, keepdim: true }, family: 'reduction', grads: false },
    { name: 'aminmax/ties NaN inf', call: 'torch.aminmax', args: [{ values: [1, NaN, 3, 2, -Infinity, 2, 5, 5, Infinity], shape: [3, 3] }], kwargs: { dim: 1 }, family: 'reduction', grads: false },
    { name: 'aminmax/all NaN', call: 'torch.aminmax', args: [{ values: [1, NaN, 3], shape: [3] }], family: 'reduction', grads: false },
    { name: 'aminmax/empty kept dim', call: 'torch.aminmax', args: [{ shape: [0, 3], domain: 'any' }], kwargs: { dim: 1 }, family: 'reduction', grads: false },
    { name: 'aminmax/0-d', call: 'torch.aminmax', args: [{ values: [3], shape: [] }], kwargs: { dim: 0 }, family: 'reduction', grads: false },
  ], 'aminmax/all', 'aminmax/method dim keepdim negative', 'aminmax/ties NaN inf', 'aminmax/all NaN'),
    apiDoc: { aminmax: { tests: ['table-ops'], notes: '`torch.aminmax(*, dim, keepdim)` → `(min, max)`: a `[min, max]` array; a NaN wins both; PyTorch 1.13 has no derivative: both results carry `NotImplemented` and backward raises' } } },
  [Op.Softmax]: manual('SoftmaxBackward0', ['self'], 'softmaxBackward', { cases: [
    f64('softmax/last dim', 'torch.softmax', [any([3, 5]), -1], {}, 'softmax'),
    f64('softmax/middle dim', 'F.softmax', [any([2, 4, 3]), 1], {}, 'softmax'),
    { name: 'softmax/dtype', call: 'torch.softmax', args: [any([3, 4]), 1], kwargs: { dtype: 'float64' }, family: 'softmax' },
  ],
    apiDoc: { softmax: { calls: ['Tensor.softmax'], tests: ['ops', 'table-ops'], notes: '`dtype` casts the input first (`ToCopyBackward0` below `SoftmaxBackward0`, as PyTorch); `F.softmax`: `dim` required (PyTorch warns and guesses without it)' } } }),
  [Op.LogSoftmax]: manual('LogSoftmaxBackward0', ['self'], 'logSoftmaxBackward', { cases: [
    f64('log_softmax/last dim', 'torch.log_softmax', [any([3, 5]), 1], {}, 'softmax'),
    f64('log_softmax/first dim', 'F.log_softmax', [any([4, 3]), 0], {}, 'softmax'),
    { name: 'log_softmax/dtype', call: 'F.log_softmax', args: [any([2, 3])], kwargs: { dim: 1, dtype: 'float64' }, family: 'softmax' },
  ],
    apiDoc: { log_softmax: { calls: ['Tensor.log_softmax'], tests: ['ops'], notes: '`dtype` as `softmax`' } } }),
  // sorting and order statistics (src/ops/sort.ts): PyTorch's CPU algorithms on both devices, so ties
  // get its indices; g goes back to the chosen indices, or is shared among the elements equal to a
  // whole-tensor median; unique is not differentiable (its backward raises, as PyTorch's)
  [Op.Sort]: manual('SortBackward0', ['self'], 'sortBackward', { cases: SORT_CASES,
    apiDoc: { sort: { tests: ['table-ops'], notes: "`torch.sort(dim, descending, *, stable)` → `(values, indices)`: a `[values, indices]` array; `SortBackward0`, or `SortBackward1` when `stable` is given (PyTorch's `sort.stable` overload); NaN sorts as the largest value. PyTorch's CPU kernel runs libstdc++'s `std::sort` when `stable` is false, which is *not* stable past 16 elements: wasmgrad runs the same introsort on both devices, so tied elements get PyTorch's indices (checked on runs of 40 with ties and NaN); `stable: true` is a merge sort; float32, float64, int64, int32, bool" },
      argsort: { nodes: [], tests: ['table-ops'], notes: "`torch.argsort(dim, descending, *, stable)`: sort's indices (int64)" },
      msort: { tests: ['table-ops'], notes: 'sort along dim 0 (`SortBackward0`)' } } }),
  [Op.SortStable]: manual('SortBackward1', ['self'], 'sortBackward', { cases: SORT_STABLE_CASES }),
  [Op.Topk]: manual('TopkBackward0', ['self'], 'sortBackward', { cases: TOPK_CASES,
    apiDoc: { topk: { tests: ['table-ops'], notes: '`torch.topk(k, dim, largest, sorted)` → `(values, indices)`: PyTorch\'s `topk_impl_loop` step for step (`partial_sort` when k·64 ≤ n, else `nth_element` then `sort` of the first k − 1), so ties, NaN and `sorted: false` give its order and indices; PyTorch\'s "selected index k out of range"; no bool (PyTorch\'s error)' } } }),
  [Op.Kthvalue]: manual('KthvalueBackward0', ['self'], 'sortBackward', { cases: KTHVALUE_CASES,
    apiDoc: { kthvalue: { tests: ['table-ops'], notes: "`torch.kthvalue(k, dim, keepdim)` → `(values, indices)`: PyTorch's quick select, so ties get its index; NaN is the largest" } } }),
  [Op.MedianAll]: manual('MedianBackward0', ['self'], 'medianAllBackward', { cases: MEDIAN_ALL_CASES,
    apiDoc: { median: { tests: ['table-ops'], notes: "`torch.median()`, `torch.nanmedian()`: `MedianBackward0` / `NanmedianBackward0`: the lower median of an even count; NaN when there is a NaN (median) or when every element is (nanmedian), NaN for an empty tensor; the gradient is shared among the elements equal to the result (PyTorch's `evenly_distribute_backward`); `torch.median(dim, keepdim)`, `torch.nanmedian(dim, keepdim)` → `(values, indices)`: `MedianBackward1` / `NanmedianBackward1`; PyTorch's `nth_element` by value then index (median: the first NaN of a run with one); the gradient goes to the index" } } }),
  [Op.MedianDim]: manual('MedianBackward1', ['self'], 'sortBackward', { cases: MEDIAN_DIM_CASES }),
  [Op.NanmedianAll]: manual('NanmedianBackward0', ['self'], 'medianAllBackward', { cases: NANMEDIAN_ALL_CASES,
    apiDoc: { nanmedian: { shares: 'median' } } }),
  [Op.NanmedianDim]: manual('NanmedianBackward1', ['self'], 'sortBackward', { cases: NANMEDIAN_DIM_CASES }),
  [Op.Mode]: manual('ModeBackward0', ['self'], 'sortBackward', { cases: MODE_CASES,
    apiDoc: { mode: { tests: ['table-ops'], notes: "`torch.mode(dim, keepdim)` → `(values, indices)`: the smallest of the most frequent values, at the index PyTorch's `std::sort` leaves last among them (also with NaN, which breaks its ordering the same way)" } } }),
  [Op.Unique2]: manual('Unique2Backward0', ['self'], 'notDifferentiable', { cases: UNIQUE_CASES,
    apiDoc: { unique: { tests: ['table-ops'], notes: '`torch.unique(sorted, return_inverse, return_counts, dim)`: with `dim`, the distinct slices in PyTorch\'s lexicographic order (`UniqueDimBackward0`, not differentiable), its errors for empty dims not selected; without, a tensor, or an array with inverse (input\'s shape) and counts; its node is `Unique2Backward0`, whose backward raises (PyTorch\'s NotImplementedError "the derivative for \'_unique2\' is not implemented"; wasmgrad\'s is a RuntimeError). `sorted: false` gives the ascending order too (PyTorch\'s is its hash table\'s). With NaN, each NaN is its own element, placed last (PyTorch 1.13\'s CPU result with NaN is out of order, its inverse and counts wrong); of −0 and 0 the first one\'s sign is kept, as PyTorch' } } }),
  [Op.UniqueDim]: manual('UniqueDimBackward0', ['self'], 'notDifferentiable', { cases: UNIQUE_DIM_CASES }),
  // convolution and pooling (helper conv)
  [Op.Convolution]: manual('ConvolutionBackward0', ['input', 'weight', 'bias'], 'convolutionBackward', { cases: CONV_CASES,
    apiDoc: { conv2d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: "`bias`, `stride`, `padding` (numbers, `'valid'`, `'same'`: an even kernel pads the far side first, `ConstantPadNdBackward0`, as ATen), `dilation`, `groups`; batched or unbatched (`SqueezeBackward1` over the node, as PyTorch); `ConvolutionBackward0` with the input, weight and bias gradients, by im2col and the packed gemm; create_graph records the gradients as ops of the family (input gradient: a conv_transpose; weight gradient: a node of its own, named `ConvolutionBackwardBackward0` as PyTorch's double-backward node; PyTorch names the input gradient's node so too, wasmgrad's is `ConvolutionBackward0`); no `padding_mode` (that is `nn.Conv2d`'s); PyTorch's errors" },
      conv1d: { section: 'torch.nn.functional', tests: ['table-ops'], notes: 'as `F.conv2d` over [N, C, L] (the same node and kernels, H = 1)' } } }),
  [Op.MaxPool2DWithIndices]: manual('MaxPool2DWithIndicesBackward0', ['self'], 'maxPool2dBackward', { cases: MAX_POOL_CASES,
    apiDoc: { max_pool2d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: "`stride` (default: the kernel), `padding`, `dilation`, `ceil_mode`, `return_indices` (int64 flat indices per plane, as PyTorch); [N, C, H, W] or [C, H, W]; the first maximum of a window takes the gradient, NaN propagates; PyTorch's errors" },
      max_pool1d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: 'composed as PyTorch: the 2-D pool between `unsqueeze(-2)` and `squeeze(-2)` (`SqueezeBackward1`)' } } }),
  [Op.AvgPool2D]: manual('AvgPool2DBackward0', ['self'], 'avgPoolBackward', { cases: AVG_POOL_CASES,
    apiDoc: { avg_pool2d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: '`stride`, `padding`, `ceil_mode`, `count_include_pad`, `divisor_override`' },
      avg_pool1d: { section: 'torch.nn.functional', shares: 'max_pool1d' } } }),
  [Op.AdaptiveAvgPool2D]: manual('AdaptiveAvgPool2DBackward0', ['self'], 'avgPoolBackward', { cases: [...ADAPTIVE_CASES, ...ADAPTIVE_AVG_1D_CASES],
    apiDoc: { adaptive_avg_pool2d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: '`output_size` a number or a pair (`null` keeps that size); `AdaptiveAvgPool2DBackward0`, a 1×1 output is `mean` over the last two dims (`MeanBackward1`) as ATen; differentiable again under create_graph' },
      adaptive_avg_pool1d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: 'composed as ATen: the 2-D pool to (1, n) between `unsqueeze(-2)` and `squeeze(-2)`' } } }),
  // pooling 2 (helper pool2)
  [Op.MaxPool3DWithIndices]: manual('MaxPool3DWithIndicesBackward0', ['self'], 'maxPool2dBackward', { cases: MAX_POOL3D_CASES,
    apiDoc: { max_pool3d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: "as `max_pool2d` over [N, C, D, H, W] or [C, D, H, W] (indices flat in each D·H·W volume); second derivatives record (a scatter of the gradient); PyTorch's errors" } } }),
  [Op.AvgPool3D]: manual('AvgPool3DBackward0', ['self'], 'avgPoolBackward', {
    apiDoc: { avg_pool3d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: "as `avg_pool2d` over [N, C, D, H, W] or [C, D, H, W]; float inputs only (PyTorch 1.13 also pools int64); differentiable again under create_graph; PyTorch's errors" },
      lp_pool2d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: "composed as PyTorch's Python: `avg_pool2d(x^p)`, `sign(·)·relu(|·|)·(kh·kw)`, `^(1/p)` (`PowBackward0`)" },
      lp_pool1d: { section: 'torch.nn.functional', shares: 'lp_pool2d' } },
    cases: [...AVG_POOL3D_CASES, ...LP_POOL_CASES] }),
  [Op.AdaptiveMaxPool2D]: manual('AdaptiveMaxPool2DBackward0', ['self'], 'maxPool2dBackward', { cases: ADAPTIVE_MAX_CASES,
    apiDoc: { adaptive_max_pool2d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: '`output_size` a number or a pair (`null` keeps that size), `return_indices`; the first maximum of each adaptive window (NaN wins) takes the gradient; second derivatives record' },
      adaptive_max_pool1d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: 'composed as ATen: the 2-D pool to (1, n) between `unsqueeze(-2)` and `squeeze(-2)`' } } }),
  [Op.MaxUnpool2D]: manual('MaxUnpool2DBackward0', ['self'], 'maxUnpoolBackward', { cases: MAX_UNPOOL_CASES,
    apiDoc: { max_unpool2d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: "`stride`, `padding`, `output_size` (2 or 4 numbers, checked as PyTorch's `_unpool_output_size`); a repeated index keeps the last value; the gradient reads g at each index (recorded: second derivatives work); PyTorch's errors, also for an index out of the output" },
      max_unpool1d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: 'composed as PyTorch: `max_unpool2d` of the inputs unsqueezed at -1, `squeeze(-1)`' } } }),
  // helper nnrest: the 3-D forms of the two rows above (the same kernels over three dims)
  [Op.AdaptiveMaxPool3D]: manual('AdaptiveMaxPool3DBackward0', ['self'], 'maxPool2dBackward', { cases: ADAPTIVE_MAX3_CASES,
    apiDoc: { adaptive_max_pool3d: { section: 'torch.nn.functional', tests: ['table-ops', 'nn-rest'], notes: '`output_size` a number or three (`null` keeps that size), `return_indices`; as `adaptive_max_pool2d` over [N, C, D, H, W] or [C, D, H, W] (indices flat in each volume); second derivatives record' } } }),
  [Op.MaxUnpool3D]: manual('MaxUnpool3DBackward0', ['self'], 'maxUnpoolBackward', { cases: MAX_UNPOOL3_CASES,
    apiDoc: { max_unpool3d: { section: 'torch.nn.functional', tests: ['table-ops', 'nn-rest'], notes: "as `max_unpool2d` over [N, C, D, H, W] or [C, D, H, W]; `output_size` 3 or 5 numbers; PyTorch's errors" } } }),
  [Op.View]: { ...view('ViewBackward0', [
    f64('view', 'Tensor.view', [any([2, 3]), [3, 2]], {}, 'shape'),
    // unflatten is a view in PyTorch
    { name: 'unflatten/function', call: 'torch.unflatten', args: [{ shape: [2, 3, 4], domain: 'any' as const }, 1, [1, 3]], family: 'shape' },
    { name: 'unflatten/method-infer', call: 'Tensor.unflatten', args: [{ shape: [2, 3, 4], domain: 'any' as const }, -1, [2, -1]], family: 'shape' },
    { name: 'unflatten/empty', call: 'torch.unflatten', args: [{ shape: [0, 6], domain: 'any' }, 1, [3, 2]], family: 'shape' },
    { name: 'view_as/method', call: 'Tensor.view_as', args: [any([2, 3]), { values: new Array(6).fill(0), shape: [3, 2], dtype: 'float32' }], family: 'shape' },
  ]),
    apiDoc: { view: { tests: ['ops', 'errors'], notes: "a view of its base (writes either way are seen; views); raises PyTorch's error where the layout forbids a view (strides tracked through the view ops)" },
      unflatten: { tests: ['table-ops', 'errors'], notes: 'a view (`ViewBackward0`), one size may be `-1`; no named-tensor `names`' },
      view_as: { section: 'Tensor', calls: ['Tensor.view_as'], tests: ['table-ops'], notes: '`view(other.shape)`' } } },
  [Op.Reshape]: { ...view('ReshapeAliasBackward0', [f64('reshape', 'Tensor.reshape', [any([2, 3]), [3, 2]], {}, 'shape'),
    { name: 'reshape_as/method', call: 'Tensor.reshape_as', args: [any([2, 3]), { values: new Array(6).fill(0), shape: [6], dtype: 'float32' }], family: 'shape' }]),
    apiDoc: { reshape: { calls: ['torch.reshape'], tests: ['ops', 'views'], notes: 'a view where the layout allows one, a copy elsewhere, as PyTorch' },
      reshape_as: { section: 'Tensor', calls: ['Tensor.reshape_as'], tests: ['table-ops'], notes: '`reshape(other.shape)`' } } },
  [Op.Squeeze]: { ...view('SqueezeBackward0', [f64('squeeze', 'torch.squeeze', [any([1, 3, 1])], {}, 'shape')]),
    apiDoc: { squeeze: { calls: ['Tensor.squeeze'], tests: ['ops'] } } },
  [Op.SqueezeDim]: view('SqueezeBackward1', [f64('squeeze/dim', 'torch.squeeze', [any([1, 3]), 0], {}, 'shape')]),
  [Op.Squeeze3]: { ...view('SqueezeBackward3', [f64('matmul/1-D by 2-D', 'torch.matmul', [any([4]), any([4, 3])], {}, 'matmul'),
    ...withFloat64([inplaceCase('squeeze', [any([1, 3]), 0], {}, ' dim')], 'squeeze_/inplace dim')]), // squeeze_(dim) records SqueezeBackward3 too (helper h-shape)
    apiDoc: { matmul: { calls: ['Tensor.matmul'], tests: ['ops', 'property'], notes: "`torch.matmul`, `a @ b`: every rank combination, PyTorch's `grad_fn` names" } } },
  [Op.Unsqueeze]: { ...view('UnsqueezeBackward0', [f64('unsqueeze', 'torch.unsqueeze', [any([2, 3]), 1], {}, 'shape')]),
    apiDoc: { unsqueeze: { calls: ['Tensor.unsqueeze'], tests: ['ops'] } } },
  [Op.Flatten]: { ...view('ReshapeAliasBackward0', [f64('flatten', 'torch.flatten', [any([2, 3, 4])], {}, 'shape')]),
    apiDoc: { flatten: { calls: ['Tensor.flatten'], tests: ['ops'] } } },
  [Op.Clone]: { ...view('CloneBackward0', [
    f64('clone', 'Tensor.clone', [any([2, 3])], {}, 'shape'),
    // contiguous() copies a non-contiguous tensor (CloneBackward0) and returns a contiguous one itself
    { name: 'contiguous/transposed', call: 'Tensor.__transposed__', args: [any([3, 4]), 'contiguous'], family: 'shape' },
    { name: 'contiguous/contiguous', call: 'Tensor.contiguous', args: [any([3, 4])], family: 'shape' },
  ]),
    apiDoc: { clone: { section: 'Tensor' },
      contiguous: { section: 'Tensor', tests: ['table-ops'], notes: '`Tensor.contiguous()`: the tensor itself when contiguous (the same object, as PyTorch), else a row-major copy (`CloneBackward0`); its fixtures (`contiguous/*`) run on a transposed input' } } },
  [Op.UnsafeView]: view('UnsafeViewBackward0', [f64('matmul/3-D by 2-D', 'torch.matmul', [any([2, 3, 4]), any([4, 5])], {}, 'matmul')]),
  // x.to(other device) and x.to(float dtype); PyTorch's fixtures can express the second only
  [Op.ToCopy]: { ...manual('ToCopyBackward0', ['self'], 'toCopyBackward'), cases: [
    { name: 'double/method', call: 'Tensor.double', args: [{ shape: [3, 4], domain: 'any' }], family: 'shape' },
    { name: 'type_as/float64', call: 'Tensor.type_as', args: [any([3]), { values: [0], shape: [1], dtype: 'float64' }], family: 'shape' },
    // the new_* methods take self's dtype (and device) unless told otherwise
    { name: 'new_zeros/int64', call: 'Tensor.new_zeros', args: [{ values: [1, 2], shape: [2], dtype: 'int64' }, [2, 3]], family: 'shape', grads: false },
    { name: 'new_ones/float64', call: 'Tensor.new_ones', args: [{ values: [1], shape: [1], dtype: 'float64' }, 3], family: 'shape', grads: false },
    { name: 'new_full/bool', call: 'Tensor.new_full', args: [{ values: [1], shape: [1], dtype: 'bool' }, [2], 1], family: 'shape', grads: false },
    { name: 'new_tensor/int64', call: 'Tensor.new_tensor', args: [{ values: [1], shape: [1], dtype: 'int64' }, [3, -2]], family: 'shape', grads: false },
    { name: 'new_tensor/dtype given', call: 'Tensor.new_tensor', args: [{ values: [1], shape: [1], dtype: 'int64' }, [3, -2]], kwargs: { dtype: 'float64' }, family: 'shape', grads: false },
    { name: 'new_zeros/requires_grad', call: 'Tensor.new_zeros', args: [any([2]), [2]], kwargs: { requires_grad: true }, family: 'shape', grads: false },
  ],
    apiDoc: { double: { section: 'Tensor', tests: ['dtypes'], notes: '`Tensor.double()`: `ToCopyBackward0` from float32' },
      type_as: { section: 'Tensor', calls: ['Tensor.type_as'], tests: ['table-ops'], notes: "`to(other.dtype)`: the tensor itself when the dtypes agree" },
      new_zeros: { section: 'Tensor', calls: ['Tensor.new_zeros', 'Tensor.new_ones', 'Tensor.new_empty', 'Tensor.new_full', 'Tensor.new_tensor'], tests: ['table-ops'], nodes: [], notes: "a new tensor with this tensor's dtype and device unless the options (`dtype`, `device`, `requires_grad`) say otherwise; `new_empty` gives zeros" } } },
  [Op.Permute]: manual('PermuteBackward0', ['self'], 'permuteBack', { cases: [
    // movedim and moveaxis are permutes in PyTorch
    f64('permute', 'torch.permute', [any([2, 3, 4]), [2, 0, 1]], {}, 'shape'),
    { name: 'movedim/int', call: 'torch.movedim', args: [{ shape: [2, 3, 4], domain: 'any' as const }, 0, -1], family: 'shape' },
    { name: 'movedim/lists', call: 'Tensor.movedim', args: [{ shape: [2, 3, 4], domain: 'any' as const }, [0, -2], [2, 0]], family: 'shape' },
    { name: 'moveaxis/function', call: 'torch.moveaxis', args: [{ shape: [2, 3, 4], domain: 'any' as const }, [1], [0]], family: 'shape' },
    { name: 'moveaxis/method', call: 'Tensor.moveaxis', args: [{ shape: [2, 3, 4], domain: 'any' as const }, [0, 1], [2, 0]], family: 'shape' },
    { name: 'movedim/empty', call: 'torch.movedim', args: [{ shape: [2, 0, 3], domain: 'any' }, 1, 0], family: 'shape' },
    // x.T reverses the dims (a permute; PyTorch warns beyond 2-D)
    { name: 'T/2-D', call: 'Tensor.__property__', args: [any([2, 3]), 'T'], family: 'shape' },
    { name: 'T/3-D', call: 'Tensor.__property__', args: [any([2, 3, 4]), 'T'], family: 'shape' },
    { name: 'T/1-D', call: 'Tensor.__property__', args: [any([3]), 'T'], family: 'shape' },
  ],
    apiDoc: { permute: { calls: ['Tensor.permute'], tests: ['ops', 'views'], notes: 'a view of its base' },
      movedim: { tests: ['table-ops', 'errors'], notes: 'a permute, as in PyTorch (`PermuteBackward0`); ints or lists' },
      moveaxis: { tests: ['table-ops'], notes: 'alias of `movedim`' },
      T: { section: 'Tensor', calls: ['Tensor.T'], tests: ['table-ops'], notes: "`t.T`, a property: the dims reversed (`PermuteBackward0`), with PyTorch's deprecation warning beyond 2-D" } } }),
  [Op.Transpose]: manual('TransposeBackward0', ['self'], 'permuteBack', { cases: [
    f64('transpose', 'torch.transpose', [any([2, 3]), 0, 1], {}, 'shape'),
    // swapaxes and swapdims are transposes in PyTorch
    { name: 'swapaxes/function', call: 'torch.swapaxes', args: [{ shape: [2, 3, 4], domain: 'any' as const }, 0, -1], family: 'shape' },
    { name: 'swapaxes/method', call: 'Tensor.swapaxes', args: [{ shape: [2, 3], domain: 'any' }, -2, 1], family: 'shape' },
    { name: 'swapdims/function', call: 'torch.swapdims', args: [{ shape: [0, 3], domain: 'any' }, 0, 1], family: 'shape' },
    { name: 'swapdims/method', call: 'Tensor.swapdims', args: [{ shape: [2, 3, 4], domain: 'any' as const }, 1, 2], family: 'shape' },
    // mT, mH (the last two dims) and H (a matrix) are transposes
    { name: 'mT/3-D', call: 'Tensor.__property__', args: [any([4, 2, 3]), 'mT'], family: 'shape' },
    { name: 'mH/2-D', call: 'Tensor.__property__', args: [any([2, 3]), 'mH'], family: 'shape' },
    { name: 'H/2-D', call: 'Tensor.__property__', args: [any([3, 2]), 'H'], family: 'shape' },
  ],
    apiDoc: { transpose: { calls: ['Tensor.transpose'], tests: ['ops', 'views'], notes: 'a view of its base' },
      swapaxes: { tests: ['table-ops'], notes: 'a transpose (`TransposeBackward0`)' },
      swapdims: { tests: ['table-ops'], notes: 'a transpose (`TransposeBackward0`)' },
      mT: { section: 'Tensor', calls: ['Tensor.mT', 'Tensor.mH', 'Tensor.H'], tests: ['table-ops'], notes: "`t.mT`, `t.mH` (the last two dims swapped) and `t.H` (a matrix): properties, transposes (`TransposeBackward0`; the tensors are real, so H is the transpose); PyTorch's errors for too few dims" } } }),
  [Op.T]: manual('TBackward0', ['self'], 'permuteBack', { cases: [f64('t', 'torch.t', [any([2, 3])], {}, 'shape')],
    apiDoc: { t: { calls: ['Tensor.t'], tests: ['ops', 'views'], notes: 'a view of its base' } } }),
  [Op.Expand]: manual('ExpandBackward0', ['self'], 'expandBackward', { cases: [
    // broadcast_to is an expand in PyTorch
    { name: 'broadcast_to/function', call: 'torch.broadcast_to', args: [{ shape: [3, 1], domain: 'any' }, [2, 3, 4]], family: 'shape' },
    { name: 'broadcast_to/method', call: 'Tensor.broadcast_to', args: [{ shape: [4], domain: 'any' }, [3, -1]], family: 'shape' },
    f64('broadcast_to', 'torch.broadcast_to', [any([3, 1]), [2, 3, 4]], {}, 'shape'),
    { name: 'expand_as/method', call: 'Tensor.expand_as', args: [any([3, 1]), { values: new Array(24).fill(0), shape: [2, 3, 4], dtype: 'float32' }], family: 'shape' },
  ],
    apiDoc: { expand: { section: 'Shape ops', calls: ['Tensor.expand'], tests: ['ops'], notes: "a view of its base; writing it in place raises PyTorch's \"more than one element\" error" },
      broadcast_to: { tests: ['table-ops'], notes: 'an expand (`ExpandBackward0`), a view' },
      expand_as: { section: 'Tensor', calls: ['Tensor.expand_as'], tests: ['table-ops'], notes: '`expand(other.shape)`' } } }),
  [Op.Cat]: manual('CatBackward0', ['tensors'], 'catBackward', { cases: [
    // hstack and vstack are cats in PyTorch (after atleast_1d / atleast_2d)
    { name: 'hstack/2d', call: 'torch.hstack', args: [[{ shape: [2, 1], domain: 'any' }, { shape: [2, 3], domain: 'any' }]], family: 'shape' },
    { name: 'hstack/1d', call: 'torch.hstack', args: [[{ shape: [2], domain: 'any' }, { shape: [3], domain: 'any' }]], family: 'shape' },
    { name: 'vstack/mixed', call: 'torch.vstack', args: [[{ shape: [3], domain: 'any' }, { shape: [2, 3], domain: 'any' }]], family: 'shape' },
    { name: 'vstack/scalars', call: 'torch.vstack', args: [[{ shape: [], domain: 'any' }, { shape: [], domain: 'any' }]], family: 'shape' },
    f64('hstack', 'torch.hstack', [[any([2, 1]), any([2, 3])]], {}, 'shape'),
  ],
    apiDoc: { cat: { section: 'Shape ops', calls: ['torch.cat'], tests: ['ops', 'property'] },
      hstack: { tests: ['table-ops', 'errors'], notes: 'atleast_1d then cat (`CatBackward0`)' },
      vstack: { tests: ['table-ops', 'errors'], notes: 'atleast_2d then cat (`CatBackward0`)' } } }),
  [Op.Select]: manual('SelectBackward0', ['self'], 'sliceBackward', { cases: [
    f64('select', 'torch.select', [any([3, 4]), 1, 2], {}, 'shape'),
    { name: 'select/dim 1', call: 'torch.select', args: [{ shape: [3, 4], domain: 'any' }, 1, 2], family: 'shape' },
    { name: 'select/negative dim and index', call: 'Tensor.select', args: [{ shape: [2, 3, 4], domain: 'any' }, -2, -1], family: 'shape' },
    { name: 'select/1-D', call: 'torch.select', args: [{ shape: [5], domain: 'any' }, 0, 3], family: 'shape' },
  ],
    apiDoc: { select: { tests: ['table-ops', 'arguments'] } } }),
  [Op.Slice]: manual('SliceBackward0', ['self'], 'sliceBackward', { cases: [
    f64('narrow', 'torch.narrow', [any([5, 3]), 0, 1, 3], {}, 'shape'),
    { name: 'narrow/dim 0', call: 'torch.narrow', args: [{ shape: [5, 3], domain: 'any' }, 0, 1, 3], family: 'shape' },
    { name: 'narrow/negative dim', call: 'Tensor.narrow', args: [{ shape: [2, 3, 4], domain: 'any' }, -1, 2, 2], family: 'shape' },
    { name: 'narrow/empty', call: 'torch.narrow', args: [{ shape: [4, 3], domain: 'any' }, 0, 2, 0], family: 'shape' },
    // x[...] (Tensor.index): slices with steps and negative bounds, '...', null, integers
    ...([
      ['index/rows', [3, 4], ['1:3']], ['index/column', [3, 4], [':', 1]], ['index/step', [7], ['::2']],
      ['index/negative bounds', [6, 2], ['-4:-1']], ['index/clamped', [4], ['2:100']], ['index/empty slice', [4, 3], ['3:1']],
      ['index/ellipsis none', [2, 3, 4], ['...', null, -1]], ['index/mixed', [3, 4, 5], [-1, '1::2', '...']],
      ['index/step and start', [3, 8], [':', '1:7:3']],
    ] as const).map(([name, shape, spec]) => ({
      name, call: 'Tensor.__getitem_spec__', args: [{ shape: [...shape], domain: 'any' as const }, [...spec] as unknown as number[]], family: 'shape' as const,
    })),
    // tensor_split's pieces are slices in PyTorch
    { name: 'tensor_split/sections', call: 'torch.tensor_split', args: [{ shape: [7, 2], domain: 'any' }, 3], family: 'shape' },
    { name: 'tensor_split/indices dim', call: 'Tensor.tensor_split', args: [{ shape: [3, 6], domain: 'any' }, [1, 4], 1], family: 'shape' },
    { name: 'tensor_split/indices unordered negative', call: 'torch.tensor_split', args: [{ shape: [6], domain: 'any' }, [4, -5, 9]], family: 'shape' },
    { name: 'tensor_split/tensor sections', call: 'torch.tensor_split', args: [{ shape: [5, 2], domain: 'any' }, { values: [2], shape: [], dtype: 'int64' }], family: 'shape' },
    { name: 'tensor_split/tensor indices', call: 'Tensor.tensor_split', args: [{ shape: [2, 5], domain: 'any' }, { values: [2, 3], shape: [2], dtype: 'int64' }, -1], family: 'shape' },
    { name: 'tensor_split/keyword', call: 'Tensor.tensor_split', args: [{ shape: [4, 3], domain: 'any' }], kwargs: { indices: [1] }, family: 'shape' },
  ],
    apiDoc: { 'x[...]': { tests: ['table-ops', 'arguments'], notes: "`x[...]` (reading): `x.index([...])`: integers, `'start:stop:step'`, `'...'`, `null`, int64 and bool tensors (`IndexBackward0`, PyTorch's placement of the indexed dims) (see [Indexing](#indexing))" },
      narrow: { tests: ['table-ops', 'arguments'], notes: "PyTorch 2's bounds for `start`" },
      tensor_split: { tests: ['table-ops', 'arguments'], notes: 'slices (`SliceBackward0`), as in PyTorch; sections, a list of indices, or an int64 tensor of either' } } }),
  [Op.Stack]: manual('StackBackward0', ['tensors'], 'stackBackward', { cases: [f64('stack', 'torch.stack', [[any([3]), any([3])]], {}, 'shape')],
    apiDoc: { stack: { tests: ['ops', 'property'] } } }),
  [Op.Mm]: manual('MmBackward0', ['self', 'mat2'], 'mmBackward', { cases: [f64('mm', 'torch.mm', [any([3, 4]), any([4, 5])], {}, 'matmul')],
    apiDoc: { mm: { calls: ['Tensor.mm'], tests: ['ops'] } } }),
  [Op.Bmm]: manual('BmmBackward0', ['self', 'mat2'], 'bmmBackward', {
    cases: [f64('bmm', 'torch.bmm', [any([2, 3, 4]), any([2, 4, 5])], {}, 'matmul')],
    apiDoc: { bmm: { calls: ['Tensor.bmm'], tests: ['ops'] } },
  }),
  [Op.Mv]: manual('MvBackward0', ['self', 'vec'], 'mvBackward', { cases: [f64('mv', 'torch.mv', [any([3, 4]), any([4])], {}, 'matmul')],
    apiDoc: { mv: { calls: ['Tensor.mv'], notes: "fixtures `mv/*`; also reached through `matmul`'s matrix × vector cases" } } }),
  [Op.Dot]: manual('DotBackward0', ['self', 'tensor'], 'dotBackward', { cases: [f64('dot', 'torch.dot', [any([4]), any([4])], {}, 'matmul')],
    apiDoc: { dot: { calls: ['Tensor.dot'], notes: "fixtures `dot/*`; also reached through `matmul`'s vector × vector cases" } } }),
  [Op.Addmm]: manual('AddmmBackward0', ['mat1', 'mat2', 'self'], 'addmmBackward', {
    cases: [f64('linear', 'F.linear', [any([3, 4]), any([5, 4]), any([5])], {}, 'matmul'),
      // torch.addmm (helper special): the same node over mat2ᵀ, beta and alpha scaling input and mat1
      { name: 'addmm/function', call: 'torch.addmm', args: [any([3, 5]), any([3, 4]), any([4, 5])], family: 'matmul' },
      { name: 'addmm/broadcast beta alpha', call: 'torch.addmm', args: [any([5]), any([3, 4]), any([4, 5])], kwargs: { beta: 0.5, alpha: -2 }, family: 'matmul' },
      { name: 'addmm/method', call: 'Tensor.addmm', args: [any([1, 2]), any([3, 4]), any([4, 2])], kwargs: { alpha: 3 }, family: 'matmul' },
      { name: 'addmm/0-d input', call: 'torch.addmm', args: [any([]), any([2, 3]), any([3, 2])], family: 'matmul' },
      { name: 'addmm/empty inner', call: 'torch.addmm', args: [any([2, 2]), any([2, 0]), any([0, 2])], kwargs: { beta: 2 }, family: 'matmul' },
      f64('addmm', 'torch.addmm', [any([3, 5]), any([3, 4]), any([4, 5])], { beta: 2, alpha: 0.5 }, 'matmul'),
      { ...inplaceCase('addmm', [any([3, 5]), any([3, 4]), any([4, 5])], { beta: 0.5, alpha: -2 }), family: 'matmul' }],
    apiDoc: { addmm: { tests: ['table-ops', 'errors'], notes: "`{ beta, alpha }`; `AddmmBackward0`, `F.linear`'s fused kernel over mat2ᵀ: beta and alpha scale input and mat1 first, so the graph below the node shows `MulBackward0` and `TBackward0` where PyTorch's has none, and beta = 0 does not ignore a NaN input (PyTorch does); input broadcasts" },
      linear: { section: 'torch.nn.functional', tests: ['ops', 'property'], notes: '`bias` positional or `{ bias }`' } },
  }),
  // shape and indexing 2 (src/ops/gather_scatter.ts): one gather kernel, g added back at the index
  [Op.Flip]: manual('FlipBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'flip/dims', call: 'torch.flip', args: [{ shape: [2, 3, 4], domain: 'any' }, [0, 2]], family: 'shape' },
    { name: 'flip/negative dim', call: 'Tensor.flip', args: [{ shape: [3, 4], domain: 'any' }, [-1]], family: 'shape' },
    { name: 'flip/no dims', call: 'torch.flip', args: [{ shape: [3], domain: 'any' }, []], family: 'shape' },
    { name: 'flip/0-dim', call: 'torch.flip', args: [{ shape: [], domain: 'any' }, [0]], family: 'shape' },
    { name: 'flip/empty', call: 'torch.flip', args: [{ shape: [0, 3], domain: 'any' }, [0, 1]], family: 'shape' },
    { name: 'flip/int64', call: 'torch.flip', args: [{ values: [1, -2, 3, 4, 5, 6], shape: [2, 3], dtype: 'int64' }, [1]], family: 'shape' },
    { name: 'fliplr/function', call: 'torch.fliplr', args: [{ shape: [3, 4, 2], domain: 'any' }], family: 'shape' },
    { name: 'fliplr/method', call: 'Tensor.fliplr', args: [{ shape: [2, 5], domain: 'any' }], family: 'shape' },
    { name: 'flipud/function', call: 'torch.flipud', args: [{ shape: [5], domain: 'any' }], family: 'shape' },
    { name: 'flipud/method', call: 'Tensor.flipud', args: [{ shape: [3, 2], domain: 'any' }], family: 'shape' },
  ]),
    apiDoc: { flip: { tests: ['table-ops', 'arguments'], notes: 'copies (the indexing-2 ops read through one gather kernel); an int for `dims` is taken as a list (PyTorch wants a list)' },
      fliplr: { tests: ['table-ops'], notes: 'a flip of dim 1 (`FlipBackward0`)' },
      flipud: { tests: ['table-ops'], notes: 'a flip of dim 0 (`FlipBackward0`)' } } }),
  [Op.IndexSelect]: manual('IndexSelectBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'index_select/dim 1 repeated', call: 'torch.index_select', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [3, 0, 3, 3], shape: [4], dtype: 'int64' }], family: 'shape' },
    { name: 'index_select/negative dim', call: 'Tensor.index_select', args: [{ shape: [2, 3, 4], domain: 'any' }, -3, { values: [1, 1, 0], shape: [3], dtype: 'int64' }], family: 'shape' },
    { name: 'index_select/1-D', call: 'torch.index_select', args: [{ shape: [5], domain: 'any' }, 0, { values: [4, 2], shape: [2], dtype: 'int64' }], family: 'shape' },
    { name: 'index_select/0-dim index', call: 'torch.index_select', args: [{ shape: [3, 4], domain: 'any' }, 0, { values: [2], shape: [], dtype: 'int64' }], family: 'shape' },
    { name: 'index_select/empty index', call: 'torch.index_select', args: [{ shape: [3, 4], domain: 'any' }, 0, { values: [], shape: [0], dtype: 'int64' }], family: 'shape' },
    { name: 'index_select/empty input', call: 'torch.index_select', args: [{ shape: [3, 0], domain: 'any' }, 0, { values: [2, 0], shape: [2], dtype: 'int64' }], family: 'shape' },
    // repeat_interleave is an index_select in PyTorch (after a flatten without dim)
    { name: 'repeat_interleave/int', call: 'torch.repeat_interleave', args: [{ shape: [2, 3], domain: 'any' }, 2], family: 'shape' },
    { name: 'repeat_interleave/int dim', call: 'Tensor.repeat_interleave', args: [{ shape: [2, 3], domain: 'any' }, 3, -1], family: 'shape' },
    { name: 'repeat_interleave/tensor dim', call: 'torch.repeat_interleave', args: [{ shape: [3, 2], domain: 'any' }, { values: [2, 0, 1], shape: [3], dtype: 'int64' }, 0], family: 'shape' },
    { name: 'repeat_interleave/one count', call: 'Tensor.repeat_interleave', args: [{ shape: [2, 2], domain: 'any' }, { values: [2], shape: [1], dtype: 'int64' }], kwargs: { dim: 1 }, family: 'shape' },
    { name: 'repeat_interleave/1-D output_size', call: 'torch.repeat_interleave', args: [{ shape: [3], domain: 'any' }, { values: [1, 2, 3], shape: [3], dtype: 'int64' }], kwargs: { dim: 0, output_size: 6 }, family: 'shape' },
    { name: 'repeat_interleave/0-dim', call: 'torch.repeat_interleave', args: [{ shape: [], domain: 'any' }, 3], family: 'shape' },
    { name: 'repeat_interleave/repeats only', call: 'torch.repeat_interleave', args: [{ values: [1, 0, 3], shape: [3], dtype: 'int64' }], family: 'shape' },
  ]),
    apiDoc: { index_select: { tests: ['table-ops', 'arguments'], notes: "int64 or int32 index; repeated indices add their gradients; PyTorch's out-of-range errors (worded by its CPU kernel's path)" },
      repeat_interleave: { tests: ['table-ops', 'arguments'], notes: 'an index_select (`IndexSelectBackward0`), after a flatten without dim, as in PyTorch; an int or an int64 tensor of counts; `output_size`; the repeats-only form gives int64' } } }),
  [Op.Gather]: manual('GatherBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'gather/dim 1 repeated', call: 'torch.gather', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 0, 3, 1, 2, 2, 2, 2, 3, 0, 1, 1], shape: [3, 4], dtype: 'int64' }], family: 'shape' },
    { name: 'gather/smaller index', call: 'Tensor.gather', args: [{ shape: [3, 4], domain: 'any' }, 0, { values: [2, 0, 1, 1, 2, 0], shape: [2, 3], dtype: 'int64' }], family: 'shape' },
    { name: 'gather/negative dim 3-D', call: 'torch.gather', args: [{ shape: [2, 3, 2], domain: 'any' }, -1, { values: [1, 0, 0, 0, 1, 1, 0, 1], shape: [2, 2, 2], dtype: 'int64' }], family: 'shape' },
    { name: 'gather/wider index', call: 'torch.gather', args: [{ shape: [2, 3], domain: 'any' }, 1, { values: [2, 2, 2, 2, 0, 1, 0, 1, 0, 1], shape: [2, 5], dtype: 'int64' }], family: 'shape' },
    { name: 'gather/empty', call: 'torch.gather', args: [{ shape: [3, 4], domain: 'any' }, 0, { values: [], shape: [0, 4], dtype: 'int64' }], family: 'shape' },
    { name: 'gather/0-dim', call: 'torch.gather', args: [{ shape: [], domain: 'any' }, 0, { values: [0], shape: [], dtype: 'int64' }], family: 'shape' },
    // take_along_dim is a gather in PyTorch, after broadcasting (dim) or flattening (no dim)
    { name: 'take_along_dim/dim', call: 'torch.take_along_dim', args: [{ shape: [3, 4], domain: 'any' }, { values: [1, 1, 0, 3, 2, 2], shape: [3, 2], dtype: 'int64' }, 1], family: 'shape' },
    { name: 'take_along_dim/broadcast', call: 'torch.take_along_dim', args: [{ shape: [3, 1], domain: 'any' }, { values: [0, 2, 2, 1], shape: [1, 4], dtype: 'int64' }, 0], family: 'shape' },
    { name: 'take_along_dim/broadcast index', call: 'Tensor.take_along_dim', args: [{ shape: [2, 3, 4], domain: 'any' }, { values: [3, 0], shape: [1, 1, 2], dtype: 'int64' }, -1], family: 'shape' },
    { name: 'take_along_dim/flat', call: 'torch.take_along_dim', args: [{ shape: [3, 4], domain: 'any' }, { values: [11, 0, 5, 5], shape: [2, 2], dtype: 'int64' }], family: 'shape' },
    { name: 'take_along_dim/flat method', call: 'Tensor.take_along_dim', args: [{ shape: [2, 3], domain: 'any' }, { values: [4, 4, 1], shape: [3], dtype: 'int64' }], kwargs: { dim: null }, family: 'shape' },
  ]),
    apiDoc: { gather: { tests: ['table-ops', 'arguments'], notes: 'int64 index; `sparse_grad` accepted, gradients dense' },
      take_along_dim: { tests: ['table-ops', 'arguments'], notes: 'a gather (`GatherBackward0`) after broadcasting (an expand) or flattening (a view), as in PyTorch' } } }),
  [Op.Take]: manual('TakeBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'take/repeated negative', call: 'torch.take', args: [{ shape: [3, 4], domain: 'any' }, { values: [0, -1, 5, 5, -12, 7], shape: [2, 3], dtype: 'int64' }], family: 'shape' },
    { name: 'take/method', call: 'Tensor.take', args: [{ shape: [5], domain: 'any' }, { values: [4, 1], shape: [2], dtype: 'int64' }], family: 'shape' },
    { name: 'take/0-dim index', call: 'torch.take', args: [{ shape: [2, 2], domain: 'any' }, { values: [3], shape: [], dtype: 'int64' }], family: 'shape' },
    { name: 'take/empty', call: 'torch.take', args: [{ shape: [0], domain: 'any' }, { values: [], shape: [0, 2], dtype: 'int64' }], family: 'shape' },
  ]),
    apiDoc: { take: { tests: ['table-ops', 'arguments'], notes: 'flat indices, negative from the end' } } }),
  [Op.MaskedFill]: manual('MaskedFillBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    inplaceCase('masked_fill', [any([3, 4]), { values: [1, 0, 0, 1], shape: [4], dtype: 'bool' }, -1]),
    { name: 'masked_fill/number', call: 'torch.masked_fill', args: [{ shape: [3, 4], domain: 'any' }, { values: [1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1], shape: [3, 4], dtype: 'bool' }, -2.5], family: 'shape' },
    { name: 'masked_fill/broadcast mask', call: 'Tensor.masked_fill', args: [{ shape: [2, 3], domain: 'any' }, { values: [1, 0, 1], shape: [3], dtype: 'bool' }, 0], family: 'shape' },
    { name: 'masked_fill/broadcast input', call: 'torch.masked_fill', args: [{ shape: [3], domain: 'any' }, { values: [1, 0, 0, 0, 1, 1], shape: [2, 3], dtype: 'bool' }, 1.5], family: 'shape' },
    { name: 'masked_fill/nan', call: 'Tensor.masked_fill', args: [{ shape: [4], domain: 'any' }, { values: [1, 0, 0, 1], shape: [4], dtype: 'bool' }, 'nan'], family: 'shape' },
    { name: 'masked_fill/-inf', call: 'Tensor.masked_fill', args: [{ shape: [2, 2], domain: 'any' }, { values: [0, 1], shape: [2], dtype: 'bool' }, '-inf'], family: 'shape' },
    { name: 'masked_fill/empty', call: 'torch.masked_fill', args: [{ shape: [0, 3], domain: 'any' }, { values: [1, 0, 1], shape: [3], dtype: 'bool' }, 1], family: 'shape' },
    // integer and bool inputs: the value converted as C++ does (truncated; nonzero is true)
    { name: 'masked_fill/int64 truncates', call: 'torch.masked_fill', args: [{ values: [1, 2, 3], shape: [3], dtype: 'int64' }, { values: [1, 0, 1], shape: [3], dtype: 'bool' }, -2.7], family: 'shape' },
    { name: 'masked_fill/bool', call: 'Tensor.masked_fill', args: [{ values: [1, 0, 0], shape: [3], dtype: 'bool' }, { values: [0, 1, 1], shape: [3], dtype: 'bool' }, 5], family: 'shape' },
  ]),
    apiDoc: { masked_fill: { section: 'Shape ops', tests: ['table-ops', 'arguments'], notes: "`MaskedFillBackward0` (a number) or `MaskedFillBackward1` (a 0-dim tensor value, which gets a gradient); mask and input broadcast; a float mask raises PyTorch 2's error (1.13 ignores it)" } } }),
  [Op.MaskedFill1]: manual('MaskedFillBackward1', ['self', 'value'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'masked_fill/tensor value', call: 'torch.masked_fill', args: [{ shape: [3, 4], domain: 'any' }, { values: [1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1], shape: [3, 4], dtype: 'bool' }, { shape: [], domain: 'any' }], family: 'shape' },
    { name: 'masked_fill/tensor value broadcast', call: 'Tensor.masked_fill', args: [{ shape: [2, 1], domain: 'any' }, { values: [1, 1, 0, 1, 0, 0], shape: [2, 3], dtype: 'bool' }, { shape: [], domain: 'any' }], family: 'shape' },
  ]) }),
  [Op.Tril]: manual('TrilBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    inplaceCase('tril', [any([3, 4]), -1]),
    { name: 'tril/default', call: 'torch.tril', args: [{ shape: [3, 4], domain: 'any' }], family: 'shape' },
    { name: 'tril/positive diagonal batched', call: 'Tensor.tril', args: [{ shape: [2, 3, 3], domain: 'any' }, 1], family: 'shape' },
    { name: 'tril/negative diagonal', call: 'torch.tril', args: [{ shape: [4, 3], domain: 'any' }, -2], family: 'shape' },
    { name: 'tril/beyond', call: 'torch.tril', args: [{ shape: [2, 3], domain: 'any' }, -5], family: 'shape' },
    { name: 'tril/empty', call: 'torch.tril', args: [{ shape: [0, 3], domain: 'any' }], family: 'shape' },
  ]),
    apiDoc: { tril: { section: 'Shape ops', tests: ['table-ops', 'arguments'], notes: 'the last two dims, batched' } } }),
  [Op.Triu]: manual('TriuBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    inplaceCase('triu', [any([3, 4]), 1]),
    { name: 'triu/default', call: 'torch.triu', args: [{ shape: [3, 4], domain: 'any' }], family: 'shape' },
    { name: 'triu/negative diagonal batched', call: 'Tensor.triu', args: [{ shape: [2, 3, 2], domain: 'any' }, -1], family: 'shape' },
    { name: 'triu/keyword', call: 'torch.triu', args: [{ shape: [4, 4], domain: 'any' }], kwargs: { diagonal: 2 }, family: 'shape' },
  ]),
    apiDoc: { triu: { section: 'Shape ops', tests: ['table-ops', 'arguments'] } } }),
  [Op.Diagonal]: manual('DiagonalBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'diagonal/default', call: 'torch.diagonal', args: [{ shape: [3, 4], domain: 'any' }], family: 'shape' },
    { name: 'diagonal/offset', call: 'Tensor.diagonal', args: [{ shape: [3, 4], domain: 'any' }, 2], family: 'shape' },
    { name: 'diagonal/negative offset dims swapped', call: 'torch.diagonal', args: [{ shape: [3, 4], domain: 'any' }, -1, 1, 0], family: 'shape' },
    { name: 'diagonal/3-D negative dims', call: 'torch.diagonal', args: [{ shape: [2, 3, 4], domain: 'any' }, 0, -1, 0], family: 'shape' },
    { name: 'diagonal/keywords', call: 'Tensor.diagonal', args: [{ shape: [2, 3, 4], domain: 'any' }], kwargs: { offset: 1, dim1: 1, dim2: 2 }, family: 'shape' },
    { name: 'diagonal/beyond', call: 'torch.diagonal', args: [{ shape: [3, 4], domain: 'any' }, -5], family: 'shape' },
  ]),
    apiDoc: { diagonal: { tests: ['table-ops', 'arguments'], notes: 'a view of its base; no named dims' } } }),
  [Op.Diag]: manual('DiagBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'diag/vector', call: 'torch.diag', args: [{ shape: [3], domain: 'any' }], family: 'shape' },
    { name: 'diag/vector offset', call: 'Tensor.diag', args: [{ shape: [3], domain: 'any' }, 1], family: 'shape' },
    { name: 'diag/vector negative offset', call: 'torch.diag', args: [{ shape: [2], domain: 'any' }, -2], family: 'shape' },
    { name: 'diag/matrix', call: 'torch.diag', args: [{ shape: [3, 4], domain: 'any' }], family: 'shape' },
    { name: 'diag/matrix offset', call: 'Tensor.diag', args: [{ shape: [3, 4], domain: 'any' }, -1], family: 'shape' },
    { name: 'diag/matrix empty diagonal', call: 'torch.diag', args: [{ shape: [3, 4], domain: 'any' }, 4], family: 'shape' },
    { name: 'diag/empty vector', call: 'torch.diag', args: [{ shape: [0], domain: 'any' }], family: 'shape' },
  ]),
    apiDoc: { diag: { tests: ['table-ops', 'arguments'], notes: '1-D to 2-D and 2-D to 1-D' } } }),
  [Op.Trace]: manual('TraceBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'trace/square', call: 'torch.trace', args: [{ shape: [4, 4], domain: 'any' }], family: 'reduction' },
    { name: 'trace/wide', call: 'Tensor.trace', args: [{ shape: [2, 5], domain: 'any' }], family: 'reduction' },
    { name: 'trace/empty', call: 'torch.trace', args: [{ shape: [0, 3], domain: 'any' }], family: 'reduction' },
    { name: 'trace/int64', call: 'torch.trace', args: [{ values: [1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: 'int64' }], family: 'reduction' },
  ]),
    apiDoc: { trace: { section: 'Shape ops', tests: ['table-ops', 'arguments'], notes: "float32 summed in double as PyTorch's CPU kernel; integers give int64" } } }),
  [Op.Roll]: manual('RollBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'roll/flat', call: 'torch.roll', args: [{ shape: [3, 4], domain: 'any' }, 5], family: 'shape' },
    { name: 'roll/dim negative shift', call: 'Tensor.roll', args: [{ shape: [3, 4], domain: 'any' }, -5, 1], family: 'shape' },
    { name: 'roll/dims lists', call: 'torch.roll', args: [{ shape: [2, 3, 4], domain: 'any' }, [1, -1], [1, -1]], family: 'shape' },
    { name: 'roll/repeated dim', call: 'torch.roll', args: [{ shape: [5, 2], domain: 'any' }, [1, 2], [0, 0]], family: 'shape' },
    { name: 'roll/keywords', call: 'Tensor.roll', args: [{ shape: [4], domain: 'any' }], kwargs: { shifts: 3, dims: 0 }, family: 'shape' },
    { name: 'roll/0-dim', call: 'torch.roll', args: [{ shape: [], domain: 'any' }, 2], family: 'shape' },
    { name: 'roll/empty', call: 'torch.roll', args: [{ shape: [0, 3], domain: 'any' }, 1, 1], family: 'shape' },
  ]),
    apiDoc: { roll: { tests: ['table-ops', 'arguments'], notes: 'shifts and dims ints or paired lists, a dim may repeat; without dims over the flattened tensor' } } }),
  [Op.Repeat]: manual('RepeatBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'repeat/same dims', call: 'Tensor.repeat', args: [{ shape: [2, 3], domain: 'any' }, 2, 2], family: 'shape' },
    { name: 'repeat/more dims list', call: 'Tensor.repeat', args: [{ shape: [2, 3], domain: 'any' }, [3, 1, 2]], family: 'shape' },
    { name: 'repeat/0-dim', call: 'Tensor.repeat', args: [{ shape: [], domain: 'any' }, 2, 3], family: 'shape' },
    { name: 'repeat/zero', call: 'Tensor.repeat', args: [{ shape: [3], domain: 'any' }, 0], family: 'shape' },
    // tile is a repeat in PyTorch, its dims padded with leading 1s
    { name: 'tile/fewer dims', call: 'torch.tile', args: [{ shape: [2, 3], domain: 'any' }, [2]], family: 'shape' },
    { name: 'tile/more dims', call: 'torch.tile', args: [{ shape: [3], domain: 'any' }, [2, 2]], family: 'shape' },
    { name: 'tile/method varargs', call: 'Tensor.tile', args: [{ shape: [2, 2], domain: 'any' }, 1, 3], family: 'shape' },
    { name: 'tile/empty dims', call: 'Tensor.tile', args: [{ shape: [2, 2], domain: 'any' }, []], family: 'shape' },
  ]),
    apiDoc: { repeat: { tests: ['table-ops', 'arguments'], notes: 'ints or one list' },
      tile: { tests: ['table-ops', 'arguments'], notes: 'a repeat (`RepeatBackward0`), dims padded with leading 1s, as in PyTorch; `torch.tile` takes an int for dims as a list' } } }),
  [Op.Split]: manual('SplitBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'split/size', call: 'torch.split', args: [{ shape: [5, 3], domain: 'any' }, 2], family: 'shape' },
    { name: 'split/size negative dim', call: 'Tensor.split', args: [{ shape: [2, 7], domain: 'any' }, 3, -1], family: 'shape' },
    { name: 'split/size larger', call: 'torch.split', args: [{ shape: [3, 2], domain: 'any' }, 5], family: 'shape' },
    { name: 'split/keyword', call: 'torch.split', args: [{ shape: [4, 2], domain: 'any' }], kwargs: { split_size_or_sections: 1, dim: 1 }, family: 'shape' },
    // chunk is a split in PyTorch
    { name: 'chunk/even', call: 'torch.chunk', args: [{ shape: [4, 3], domain: 'any' }, 2], family: 'shape' },
    { name: 'chunk/uneven dim', call: 'Tensor.chunk', args: [{ shape: [3, 5], domain: 'any' }, 3, 1], family: 'shape' },
    { name: 'chunk/more chunks than rows', call: 'torch.chunk', args: [{ shape: [3, 2], domain: 'any' }, 5, -2], family: 'shape' },
  ]),
    apiDoc: { split: { tests: ['table-ops', 'arguments'], notes: 'an array of tensors: `SplitBackward0` (a size) or `SplitWithSizesBackward0` (a list) on each, one node per piece (PyTorch shares one); views of the input' },
      chunk: { tests: ['table-ops', 'arguments'], notes: 'a split (`SplitBackward0`), as in PyTorch' } } }),
  [Op.SplitWithSizes]: manual('SplitWithSizesBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'split/sizes', call: 'torch.split', args: [{ shape: [6, 2], domain: 'any' }, [1, 0, 5]], family: 'shape' },
    { name: 'split/sizes method dim', call: 'Tensor.split', args: [{ shape: [2, 5], domain: 'any' }, [3, 2], 1], family: 'shape' },
    { name: 'chunk/empty dim', call: 'torch.chunk', args: [{ shape: [0, 2], domain: 'any' }, 2], family: 'shape' },
  ]) }),
  [Op.Unbind]: manual('UnbindBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'unbind/dim 0', call: 'torch.unbind', args: [{ shape: [3, 4], domain: 'any' }], family: 'shape' },
    { name: 'unbind/negative dim', call: 'Tensor.unbind', args: [{ shape: [2, 3, 4], domain: 'any' }, -2], family: 'shape' },
    { name: 'unbind/1-D', call: 'torch.unbind', args: [{ shape: [3], domain: 'any' }], family: 'shape' },
  ]),
    apiDoc: { unbind: { tests: ['table-ops', 'arguments'], notes: '`UnbindBackward0` on each piece' } } }),
  [Op.Rot90]: manual('Rot90Backward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'rot90/default', call: 'torch.rot90', args: [{ shape: [3, 4], domain: 'any' }], family: 'shape' },
    { name: 'rot90/twice', call: 'Tensor.rot90', args: [{ shape: [3, 4], domain: 'any' }, 2], family: 'shape' },
    { name: 'rot90/negative k dims', call: 'torch.rot90', args: [{ shape: [2, 3, 4], domain: 'any' }, -1, [2, 0]], family: 'shape' },
    { name: 'rot90/k 7 negative dims', call: 'Tensor.rot90', args: [{ shape: [2, 3, 4], domain: 'any' }, 7, [-1, -2]], family: 'shape' },
    { name: 'rot90/zero', call: 'torch.rot90', args: [{ shape: [2, 3], domain: 'any' }, 0], family: 'shape' },
    { name: 'rot90/empty', call: 'torch.rot90', args: [{ shape: [0, 3], domain: 'any' }, 1], family: 'shape' },
  ]),
    apiDoc: { rot90: { tests: ['table-ops', 'arguments'], notes: 'any k, two dims (negative too)' } } }),
  [Op.DiagEmbed]: manual('DiagEmbedBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'diag_embed/default', call: 'torch.diag_embed', args: [{ shape: [2, 3], domain: 'any' }], family: 'shape' },
    { name: 'diag_embed/offset dims', call: 'Tensor.diag_embed', args: [{ shape: [3, 4], domain: 'any' }, 1, 0, 2], family: 'shape' },
    { name: 'diag_embed/negative offset', call: 'torch.diag_embed', args: [{ shape: [3], domain: 'any' }, -2], family: 'shape' },
    { name: 'diag_embed/dims swapped', call: 'torch.diag_embed', args: [{ shape: [2, 2], domain: 'any' }], kwargs: { offset: 1, dim1: -1, dim2: 0 }, family: 'shape' },
    { name: 'diag_embed/empty', call: 'torch.diag_embed', args: [{ shape: [0, 2], domain: 'any' }], family: 'shape' },
  ]),
    apiDoc: { diag_embed: { tests: ['table-ops', 'arguments'], notes: "offset, dim1/dim2 in the output's dims" } } }),
  [Op.ConstantPadNd]: manual('ConstantPadNdBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'pad/last dim', call: 'F.pad', args: [{ shape: [2, 3], domain: 'any' }, [1, 2]], family: 'shape' },
    { name: 'pad/two dims value', call: 'F.pad', args: [{ shape: [2, 3], domain: 'any' }, [1, 0, 0, 2]], kwargs: { value: -1.5 }, family: 'shape' },
    { name: 'pad/crop', call: 'F.pad', args: [{ shape: [2, 4], domain: 'any' }, [-1, 2, 1, -1]], family: 'shape' },
    { name: 'pad/keywords', call: 'F.pad', args: [{ shape: [3], domain: 'any' }], kwargs: { pad: [2, 1], mode: 'constant', value: 2.5 }, family: 'shape' },
    { name: 'pad/3-D first dims', call: 'F.pad', args: [{ shape: [2, 2, 2], domain: 'any' }, [0, 0, 1, 1, 1, 0]], family: 'shape' },
    { name: 'pad/0-dim none', call: 'F.pad', args: [{ shape: [], domain: 'any' }, []], family: 'shape' },
    { name: 'pad/empty', call: 'F.pad', args: [{ shape: [0, 2], domain: 'any' }, [1, 1]], family: 'shape' },
  ]),
    apiDoc: { pad: { tests: ['table-ops', 'arguments'], notes: "mode `'constant'` (`ConstantPadNdBackward0`), negative pads crop; `'reflect'` / `'replicate'` pad the last 1, 2 or 3 dims of a (batch,) channel, ... input as PyTorch's dims rules say (`ReflectionPad1DBackward0` ... `ReplicationPad3DBackward0`, float only, PyTorch's errors); `'circular'` is PyTorch's `_pad_circular` (wrapping around the cropped input when a side crops), one gather node named `CopySlices` as PyTorch reports (PyTorch's graph is slices and copies: its next_functions differ)" } } }),
  // F.pad's other modes (helper leftovers): gathers over a computed index
  [Op.ReflectionPad1d]: manual('ReflectionPad1DBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'pad/reflect 1d', call: 'F.pad', args: [{ shape: [2, 3], domain: 'any' }, [2, 1]], kwargs: { mode: 'reflect' }, family: 'shape' },
    { name: 'pad/reflect 1d batch crop', call: 'F.pad', args: [{ shape: [2, 2, 4], domain: 'any' }, [-1, 3]], kwargs: { mode: 'reflect' }, family: 'shape' },
    { name: 'pad/reflect 1d empty batch', call: 'F.pad', args: [{ shape: [0, 3], domain: 'any' }, [1, 1]], kwargs: { mode: 'reflect' }, family: 'shape' },
    { name: 'pad/reflect 1d value 0', call: 'F.pad', args: [{ shape: [1, 2, 3], domain: 'any' }, [1, 0]], kwargs: { mode: 'reflect', value: 0 }, family: 'shape' },
  ]) }),
  [Op.ReflectionPad2d]: manual('ReflectionPad2DBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'pad/reflect 2d', call: 'F.pad', args: [{ shape: [2, 3, 4], domain: 'any' }, [1, 2, 2, 0]], kwargs: { mode: 'reflect' }, family: 'shape' },
    { name: 'pad/reflect 2d batch crop to empty', call: 'F.pad', args: [{ shape: [1, 1, 3, 3], domain: 'any' }, [1, 1, -3, 0]], kwargs: { mode: 'reflect' }, family: 'shape' },
  ]) }),
  [Op.ReflectionPad3d]: manual('ReflectionPad3DBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'pad/reflect 3d', call: 'F.pad', args: [{ shape: [1, 2, 2, 3], domain: 'any' }, [1, 2, 0, 1, 1, 1]], kwargs: { mode: 'reflect' }, family: 'shape' },
    { name: 'pad/reflect 3d batch', call: 'F.pad', args: [{ shape: [2, 1, 2, 2, 3], domain: 'any' }, [1, 1, 1, 1, -1, 0]], kwargs: { mode: 'reflect' }, family: 'shape' },
  ]) }),
  [Op.ReplicationPad1d]: manual('ReplicationPad1DBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'pad/replicate 1d', call: 'F.pad', args: [{ shape: [2, 3], domain: 'any' }, [3, 1]], kwargs: { mode: 'replicate' }, family: 'shape' },
    { name: 'pad/replicate 1d batch crop', call: 'F.pad', args: [{ shape: [2, 2, 4], domain: 'any' }, [-2, 1]], kwargs: { mode: 'replicate' }, family: 'shape' },
    { name: 'pad/replicate 1d empty batch', call: 'F.pad', args: [{ shape: [0, 2, 3], domain: 'any' }, [1, 2]], kwargs: { mode: 'replicate' }, family: 'shape' },
  ]) }),
  [Op.ReplicationPad2d]: manual('ReplicationPad2DBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'pad/replicate 2d', call: 'F.pad', args: [{ shape: [2, 2, 3], domain: 'any' }, [1, 2, 2, 1]], kwargs: { mode: 'replicate' }, family: 'shape' },
    { name: 'pad/replicate 2d batch', call: 'F.pad', args: [{ shape: [2, 1, 2, 3], domain: 'any' }, [0, 4, -1, 1]], kwargs: { mode: 'replicate' }, family: 'shape' },
  ]) }),
  [Op.ReplicationPad3d]: manual('ReplicationPad3DBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'pad/replicate 3d', call: 'F.pad', args: [{ shape: [1, 2, 2, 3], domain: 'any' }, [1, 1, 1, 1, 1, 1]], kwargs: { mode: 'replicate' }, family: 'shape' },
    { name: 'pad/replicate 3d empty batch', call: 'F.pad', args: [{ shape: [0, 1, 2, 2, 3], domain: 'any' }, [1, 2, 0, 1, 1, 0]], kwargs: { mode: 'replicate' }, family: 'shape' },
  ]) }),
  [Op.CircularPad]: manual('CopySlices', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'pad/circular 1d', call: 'F.pad', args: [{ shape: [1, 2, 3], domain: 'any' }, [3, 1]], kwargs: { mode: 'circular' }, family: 'shape' },
    { name: 'pad/circular 2d crop', call: 'F.pad', args: [{ shape: [1, 2, 3, 4], domain: 'any' }, [-1, 2, 2, -1]], kwargs: { mode: 'circular' }, family: 'shape' },
    { name: 'pad/circular 3d', call: 'F.pad', args: [{ shape: [1, 1, 2, 2, 3], domain: 'any' }, [1, 1, 1, 0, 2, 2]], kwargs: { mode: 'circular' }, family: 'shape' },
    { name: 'pad/circular to empty', call: 'F.pad', args: [{ shape: [1, 2, 3], domain: 'any' }, [-2, -1]], kwargs: { mode: 'circular' }, family: 'shape' },
    { name: 'pad/circular empty batch', call: 'F.pad', args: [{ shape: [0, 2, 3], domain: 'any' }, [1, 1]], kwargs: { mode: 'circular' }, family: 'shape' },
  ]) }),
  // torch.bernoulli (helper leftovers): zero gradient; p of 0 and 1 only here (random values: test/random.test.ts)
  [Op.Bernoulli]: manual('BernoulliBackward0', ['self'], 'zerosBackward', { cases: withFloat64([
    { name: 'bernoulli/certain', call: 'torch.bernoulli', args: [{ values: [0, 1, 1, 0, 0, 1], shape: [2, 3] }], family: 'shape' },
    { name: 'bernoulli/method empty', call: 'Tensor.bernoulli', args: [{ values: [], shape: [0, 2] }], family: 'shape' },
  ]),
    apiDoc: { bernoulli: { section: 'Creation', calls: ['Tensor.bernoulli_'], tests: ['random', 'generator', 'table-ops', 'arguments'], notes: "`BernoulliBackward0` (a zero gradient); PyTorch's CPU kernel, u < p with `torch.rand`'s draws (24 bits for float32 p, 53 for float64), so the values are PyTorch's after `manual_seed`; with a number p (`bernoulli_(p)` and PyTorch's second overload `torch.bernoulli(input, p)`, input's shape and dtype, no gradient) one 53-bit draw per element for every dtype, as a PyTorch built without MKL draws it (the fixtures' Debian build; official MKL builds draw a float32 tensor's from an MKL stream: same distribution, other values); `generator` on all forms; `bernoulli_` refuses tensors that require grad" } } }),
  // linalg.matrix_norm (helper leftovers): amin over a dim, and the matrix norms PyTorch composes
  [Op.Amin]: manual('AminBackward0', ['self'], 'amaxBackward', { cases: withFloat64([
    { name: 'amin/dims ties NaN', call: 'torch.amin', args: [{ values: [1, -3, -3, 2, 0, NaN, -Infinity, 4, 5, 5, 5, 6], shape: [3, 4] }, [1]], family: 'reduction' },
    { name: 'amin/method keepdim', call: 'Tensor.amin', args: [{ shape: [2, 3, 4], domain: 'any' }, [0, 2]], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'amin/all', call: 'torch.amin', args: [{ values: [2, -1, -1, 0], shape: [2, 2] }], family: 'reduction' },
    { name: 'matrix_norm/-1', call: 'torch.linalg.matrix_norm', args: [{ shape: [3, 4], domain: 'any' }, -1], family: 'reduction' },
    { name: 'matrix_norm/-inf keepdim', call: 'torch.linalg.matrix_norm', args: [{ shape: [2, 3, 4], domain: 'any' }, -Infinity], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'matrix_norm/-1 ties', call: 'torch.linalg.matrix_norm', args: [{ values: [1, -2, 2, -1, 0, 3], shape: [2, 3] }, -1], family: 'reduction' },
    { name: 'matrix_norm/-1 dims 2 0', call: 'torch.linalg.matrix_norm', args: [{ shape: [3, 2, 4], domain: 'any' }, -1, [2, 0]], family: 'reduction' },
    { name: 'matrix_norm/-1 empty rows', call: 'torch.linalg.matrix_norm', args: [{ shape: [0, 3], domain: 'any' }, -1], family: 'reduction' },
    { name: 'matrix_norm/fro default', call: 'torch.linalg.matrix_norm', args: [{ shape: [2, 3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'matrix_norm/fro dims keepdim', call: 'torch.linalg.matrix_norm', args: [{ shape: [2, 3, 4], domain: 'any' }, 'fro', [0, -1], true], family: 'reduction' },
    { name: 'matrix_norm/1', call: 'torch.linalg.matrix_norm', args: [{ shape: [3, 4], domain: 'any' }, 1], family: 'reduction' },
    { name: 'matrix_norm/inf', call: 'torch.linalg.matrix_norm', args: [{ shape: [2, 3, 4], domain: 'any' }, Infinity], family: 'reduction' },
    { name: 'matrix_norm/inf ties nan', call: 'torch.linalg.matrix_norm', args: [{ values: [1, -2, 2, 1, NaN, 0, Infinity, -1, 3, 3, 0, -3], shape: [2, 2, 3] }, Infinity], kwargs: { dim: [-1, 0] }, family: 'reduction' },
    { name: 'matrix_norm/1 empty', call: 'torch.linalg.matrix_norm', args: [{ shape: [0, 3], domain: 'any' }, 1], family: 'reduction' },
    { name: 'matrix_norm/fro empty', call: 'torch.linalg.matrix_norm', args: [{ shape: [3, 0], domain: 'any' }], family: 'reduction' },
  ], 2, 'matrix_norm/fro default', 'matrix_norm/inf ties nan'),
    apiDoc: { 'linalg.matrix_norm': { section: 'Matrix products', tests: ['table-ops', 'arguments'], notes: "ord 'fro' (default; `LinalgVectorNormBackward0`), 1 / inf (`AmaxBackward0` over a 1-norm), -1 / -inf (`AminBackward0`, a new amin-over-dims node: the amax kernel on −x with amax's rule, ties share); composed as PyTorch's linalg_matrix_norm (inf swaps the dims), `dim` (2-tuple), `keepdim`; 'nuc' (`SumBackward1`), 2 (`AmaxBackward0`) and -2 (`AminBackward0`) over `torch.linalg.svdvals` of A with the two dims permuted last (`LinalgSvdBackward0` over `PermuteBackward0`; keepdim: `UnsqueezeBackward0`, `PermuteBackward0`), the same graph as PyTorch 1.13; no `dtype=`; PyTorch's errors" },
      amin: { tests: ['table-ops'], notes: "`AminBackward0`: amax's kernel on −x, ties share the gradient, a NaN wins" } } }),
  [Op.Scatter]: manual('ScatterBackward0', ['self', 'src'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'scatter/src', call: 'torch.scatter', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 1, 3, 2, 1, 0], shape: [3, 2], dtype: 'int64' }, { shape: [3, 2], domain: 'any' }], family: 'shape' },
    { name: 'scatter/src method dim 0', call: 'Tensor.scatter', args: [{ shape: [3, 2], domain: 'any' }, 0, { values: [2, 0], shape: [1, 2], dtype: 'int64' }, { shape: [1, 2], domain: 'any' }], family: 'shape' },
    { name: 'scatter/negative dim', call: 'torch.scatter', args: [{ shape: [2, 3], domain: 'any' }, -1, { values: [2, 1], shape: [2, 1], dtype: 'int64' }, { shape: [2, 1], domain: 'any' }], family: 'shape' },
    inplaceCase('scatter', [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 1, 3, 2, 1, 0], shape: [3, 2], dtype: 'int64' }, { shape: [3, 2], domain: 'any' }]),
  ]),
    apiDoc: { scatter: { tests: ['table-ops', 'arguments'], notes: "a src tensor (`ScatterBackward0`) or a number (`ScatterBackward1`); no `reduce`; repeated targets: the last write wins, as PyTorch's CPU loop" } } }),
  [Op.Scatter1]: manual('ScatterBackward1', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'scatter/value', call: 'torch.scatter', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 3, 1, 1, 2, 0], shape: [3, 2], dtype: 'int64' }, -2.5], family: 'shape' },
    { name: 'scatter/value method', call: 'Tensor.scatter', args: [{ shape: [4], domain: 'any' }, 0, { values: [3], shape: [1], dtype: 'int64' }], kwargs: { value: 1 }, family: 'shape' },
    inplaceCase('scatter', [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 3, 1, 1, 2, 0], shape: [3, 2], dtype: 'int64' }, -2.5], {}, ' value'),
  ]) }),
  [Op.ScatterAdd]: manual('ScatterAddBackward0', ['self', 'src'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'scatter_add/repeated', call: 'torch.scatter_add', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 0, 3, 2, 2, 2], shape: [3, 2], dtype: 'int64' }, { shape: [3, 2], domain: 'any' }], family: 'shape' },
    { name: 'scatter_add/dim 0 method', call: 'Tensor.scatter_add', args: [{ shape: [2, 3], domain: 'any' }, 0, { values: [1, 1, 0, 1, 0, 0], shape: [2, 3], dtype: 'int64' }, { shape: [2, 3], domain: 'any' }], family: 'shape' },
    { name: 'scatter_add/empty index', call: 'torch.scatter_add', args: [{ shape: [3], domain: 'any' }, 0, { values: [], shape: [0], dtype: 'int64' }, { shape: [0], domain: 'any' }], family: 'shape' },
    inplaceCase('scatter_add', [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 0, 3, 2, 2, 2], shape: [3, 2], dtype: 'int64' }, { shape: [3, 2], domain: 'any' }]),
  ]),
    apiDoc: { scatter_add: { tests: ['table-ops', 'arguments'], notes: "repeated targets add up; a src larger than index gets zero gradients where unused (PyTorch's backward raises there)" } } }),
  // scatter_reduce (helper leftovers): PyTorch's scatter_reduce_backward, ties shared, zeros in prod
  [Op.ScatterReduce]: manual('ScatterReduceBackward0', ['self', 'src'], 'scatterReduceBackward', { cases: withFloat64([
    { name: 'scatter_reduce/sum repeated', call: 'torch.scatter_reduce', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 0, 3, 2, 2, 2], shape: [3, 2], dtype: 'int64' }, { shape: [3, 2], domain: 'any' }, 'sum'], family: 'shape' },
    { name: 'scatter_reduce/prod zeros', call: 'torch.scatter_reduce', args: [{ values: [2, 0, 3, -1.5], shape: [4] }, 0, { values: [0, 0, 1, 2, 2, 3, 3], shape: [7], dtype: 'int64' }, { values: [0, 1.5, 2, 0, 0, 0.5, -2], shape: [7] }, 'prod'], family: 'shape' },
    { name: 'scatter_reduce/prod zeros no self', call: 'torch.scatter_reduce', args: [{ values: [2, 0, 3, -1.5], shape: [4] }, 0, { values: [0, 0, 1, 2, 2, 3], shape: [6], dtype: 'int64' }, { values: [0, 1.5, 2, 0, 4, 0.5], shape: [6] }, 'prod'], kwargs: { include_self: false }, family: 'shape' },
    { name: 'scatter_reduce/prod one zero each', call: 'torch.scatter_reduce', args: [{ values: [2, 0, 3, -1.5], shape: [4] }, 0, { values: [0, 0, 1, 2, 2, 3], shape: [6], dtype: 'int64' }, { values: [0, 1.5, 2, -0.5, 0, 0.5], shape: [6] }, 'prod'], family: 'shape' },
    { name: 'scatter_reduce/amin ties 2-D', call: 'torch.scatter_reduce', args: [{ values: [1, 2, 0, 3, 3, -1], shape: [2, 3] }, 1, { values: [0, 0, 2, 1, 1, 2], shape: [2, 3], dtype: 'int64' }, { values: [1, 0.5, 0, 3, 3, -1], shape: [2, 3] }, 'amin'], family: 'shape' },
    { name: 'scatter_reduce/mean', call: 'Tensor.scatter_reduce', args: [{ shape: [2, 3], domain: 'any' }, 0, { values: [1, 1, 0, 1, 0, 0], shape: [2, 3], dtype: 'int64' }, { shape: [2, 3], domain: 'any' }, 'mean'], family: 'shape' },
    { name: 'scatter_reduce/mean no self', call: 'torch.scatter_reduce', args: [{ shape: [4], domain: 'any' }, 0, { values: [3, 3, 0], shape: [3], dtype: 'int64' }, { shape: [3], domain: 'any' }, 'mean'], kwargs: { include_self: false }, family: 'shape' },
    { name: 'scatter_reduce/amax ties', call: 'torch.scatter_reduce', args: [{ values: [1, 5, -Infinity, 2, 0], shape: [5] }, 0, { values: [0, 0, 1, 2, 2, 3, 4], shape: [7], dtype: 'int64' }, { values: [3, 3, 5, -Infinity, -Infinity, NaN, Infinity], shape: [7] }, 'amax'], family: 'shape' },
    { name: 'scatter_reduce/amin ties no self', call: 'torch.scatter_reduce', args: [{ values: [1, 5, Infinity, NaN], shape: [4] }, -1, { values: [0, 0, 1, 1, 2, 3], shape: [6], dtype: 'int64' }, { values: [-2, -2, 5, 7, Infinity, 1], shape: [6] }, 'amin'], kwargs: { include_self: false }, family: 'shape' },
    { name: 'scatter_reduce/amax 2-D method', call: 'Tensor.scatter_reduce', args: [{ shape: [3, 4], domain: 'any' }, -1, { values: [0, 1, 1, 3, 2, 2], shape: [3, 2], dtype: 'int64' }, { shape: [3, 2], domain: 'any' }, 'amax'], family: 'shape' },
    { name: 'scatter_reduce/empty index', call: 'torch.scatter_reduce', args: [{ shape: [3], domain: 'any' }, 0, { values: [], shape: [0], dtype: 'int64' }, { shape: [0], domain: 'any' }, 'amin'], family: 'shape' },
    { name: 'scatter_reduce/int mean floor', call: 'torch.scatter_reduce', args: [{ values: [-5, 7, 9], shape: [3], dtype: 'int64' }, 0, { values: [0, 0, 1], shape: [3], dtype: 'int64' }, { values: [2, -3, 4], shape: [3], dtype: 'int64' }, 'mean'], kwargs: { include_self: false }, family: 'shape' },
  ], 'scatter_reduce/sum repeated', 'scatter_reduce/prod zeros', 'scatter_reduce/mean no self', 'scatter_reduce/amax ties', 'scatter_reduce/amin ties no self', 'scatter_reduce/prod one zero each', 'scatter_reduce/amin ties 2-D', 'scatter_reduce/mean'),
    apiDoc: { scatter_reduce: { tests: ['table-ops', 'arguments'], notes: "reduce 'sum', 'prod', 'mean', 'amax', 'amin', `include_self`; PyTorch's scatter_reduce_backward (amax/amin ties share the gradient, counting self; prod's zeros; a NaN src wins amax/amin); integer 'mean' floors; create_graph: the same formula of recorded gathers and scatters (one kernel without it), and PyTorch's error at the next order when two zeros of src meet in 'prod'; `Tensor.scatter_reduce_` (in place; its derivative reads a copy of self's old values, PyTorch's original_self)" } } }),
  [Op.IndexAdd]: manual('IndexAddBackward0', ['self', 'source'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'index_add/repeated', call: 'torch.index_add', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 0, 3], shape: [3], dtype: 'int64' }, { shape: [3, 3], domain: 'any' }], family: 'shape' },
    { name: 'index_add/alpha method', call: 'Tensor.index_add', args: [{ shape: [4, 2], domain: 'any' }, 0, { values: [3, 1], shape: [2], dtype: 'int64' }, { shape: [2, 2], domain: 'any' }], kwargs: { alpha: -1.5 }, family: 'shape' },
    { name: 'index_add/negative dim', call: 'torch.index_add', args: [{ shape: [2, 3], domain: 'any' }, -1, { values: [2], shape: [1], dtype: 'int64' }, { shape: [2, 1], domain: 'any' }], family: 'shape' },
    inplaceCase('index_add', [{ shape: [4, 2], domain: 'any' }, 0, { values: [3, 1], shape: [2], dtype: 'int64' }, { shape: [2, 2], domain: 'any' }], { alpha: -1.5 }),
  ]),
    apiDoc: { index_add: { tests: ['table-ops', 'arguments'], notes: '`alpha`; int64 or int32 index' } } }),
  [Op.IndexCopy]: manual('IndexCopyBackward0', ['self', 'source'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'index_copy/dim 1', call: 'torch.index_copy', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [3, 0], shape: [2], dtype: 'int64' }, { shape: [3, 2], domain: 'any' }], family: 'shape' },
    { name: 'index_copy/method', call: 'Tensor.index_copy', args: [{ shape: [4], domain: 'any' }, 0, { values: [2, 1, 0], shape: [3], dtype: 'int64' }, { shape: [3], domain: 'any' }], family: 'shape' },
    inplaceCase('index_copy', [{ shape: [3, 4], domain: 'any' }, 1, { values: [3, 0], shape: [2], dtype: 'int64' }, { shape: [3, 2], domain: 'any' }]),
  ]),
    apiDoc: { index_copy: { tests: ['table-ops', 'arguments'] } } }),
  [Op.MaskedScatter]: manual('MaskedScatterBackward0', ['self', 'source'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'masked_scatter/same shape', call: 'torch.masked_scatter', args: [{ shape: [3, 4], domain: 'any' }, { values: [1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1], shape: [3, 4], dtype: 'bool' }, { shape: [3, 4], domain: 'any' }], family: 'shape' },
    { name: 'masked_scatter/broadcast mask', call: 'Tensor.masked_scatter', args: [{ shape: [2, 3], domain: 'any' }, { values: [0, 1, 1], shape: [3], dtype: 'bool' }, { shape: [5], domain: 'any' }], family: 'shape' },
    inplaceCase('masked_scatter', [{ shape: [2, 3], domain: 'any' }, { values: [0, 1, 1], shape: [3], dtype: 'bool' }, { shape: [5], domain: 'any' }]),
  ]),
    apiDoc: { masked_scatter: { tests: ['table-ops', 'arguments'], notes: 'mask broadcast to input' } } }),
  [Op.IndexFill]: manual('IndexFillBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'index_fill/number', call: 'torch.index_fill', args: [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 3, 0], shape: [3], dtype: 'int64' }, -1.5], family: 'shape' },
    { name: 'index_fill/negative index method', call: 'Tensor.index_fill', args: [{ shape: [3, 2], domain: 'any' }, 0, { values: [-1], shape: [], dtype: 'int64' }, 2], family: 'shape' },
    inplaceCase('index_fill', [{ shape: [3, 4], domain: 'any' }, 1, { values: [0, 3, 0], shape: [3], dtype: 'int64' }, -1.5]),
  ]),
    apiDoc: { index_fill: { tests: ['table-ops', 'arguments'], notes: '`IndexFillBackward0` (a number) or `IndexFillBackward1` (a 0-dim tensor, which gets a gradient)' } } }),
  [Op.IndexFill1]: manual('IndexFillBackward1', ['self', 'value'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'index_fill/tensor value', call: 'torch.index_fill', args: [{ shape: [3, 4], domain: 'any' }, 0, { values: [2, 0], shape: [2], dtype: 'int64' }, { shape: [], domain: 'any' }], family: 'shape' },
    inplaceCase('index_fill', [{ shape: [3, 4], domain: 'any' }, 0, { values: [2, 0], shape: [2], dtype: 'int64' }, { shape: [], domain: 'any' }], {}, ' tensor value'),
  ]) }),
  [Op.Index]: manual('IndexBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'index/int tensor', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4], domain: 'any' }, [{ values: [0, 2, 2, -1], shape: [4], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
    { name: 'index/slice then tensor', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4, 5], domain: 'any' }, [':', { values: [3, 0, 3], shape: [3], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
    { name: 'index/two tensors broadcast', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4, 5], domain: 'any' }, [{ values: [0, 2, 1], shape: [3], dtype: 'int64' }, { values: [1, 3], shape: [2, 1], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
    { name: 'index/tensors apart', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4, 5], domain: 'any' }, [{ values: [2, 0], shape: [2], dtype: 'int64' }, ':', { values: [4, 4], shape: [2], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
    { name: 'index/tensors apart after slice', call: 'Tensor.__getitem_spec__', args: [{ shape: [2, 3, 4, 5], domain: 'any' }, [':', { values: [2, 0, 2], shape: [3], dtype: 'int64' }, ':', { values: [4, 1, 0], shape: [3], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
    { name: 'index/int then tensor', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4, 5], domain: 'any' }, [1, { values: [3, 1, 0, 0], shape: [2, 2], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
    { name: 'index/mask', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4], domain: 'any' }, [{ values: [1, 0, 1], shape: [3], dtype: 'bool' }] as unknown as number[]], family: 'shape' },
    { name: 'index/2-D mask', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4, 2], domain: 'any' }, [{ values: [1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1], shape: [3, 4], dtype: 'bool' }] as unknown as number[]], family: 'shape' },
    { name: 'index/mask after slice', call: 'Tensor.__getitem_spec__', args: [{ shape: [2, 5], domain: 'any' }, ['1:', { values: [0, 1, 1, 0, 1], shape: [5], dtype: 'bool' }] as unknown as number[]], family: 'shape' },
    { name: 'index/ellipsis tensor', call: 'Tensor.__getitem_spec__', args: [{ shape: [2, 3, 4], domain: 'any' }, ['...', { values: [3, 3, 0], shape: [3], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
    { name: 'index/none tensor', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4], domain: 'any' }, [null, { values: [2, 1], shape: [2], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
    { name: 'index/0-dim tensor', call: 'Tensor.__getitem_spec__', args: [{ shape: [3, 4], domain: 'any' }, [{ values: [2], shape: [], dtype: 'int64' }] as unknown as number[]], family: 'shape' },
  ]) }),
  [Op.IndexPut]: manual('IndexPutBackward0', ['self', 'values'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'index_put/rows', call: 'torch.index_put', args: [{ shape: [3, 4], domain: 'any' }, [{ values: [0, 2], shape: [2], dtype: 'int64' }], { shape: [2, 4], domain: 'any' }], family: 'shape' },
    { name: 'index_put/accumulate repeated', call: 'Tensor.index_put', args: [{ shape: [3, 4], domain: 'any' }, [{ values: [0, 0, 2], shape: [3], dtype: 'int64' }, { values: [1, 1, 3], shape: [3], dtype: 'int64' }], { shape: [3], domain: 'any' }, true], family: 'shape' },
    { name: 'index_put/mask', call: 'torch.index_put', args: [{ shape: [2, 3], domain: 'any' }, [{ values: [1, 0, 1, 1, 0, 0], shape: [2, 3], dtype: 'bool' }], { shape: [3], domain: 'any' }], family: 'shape' },
    { name: 'index_put/broadcast values', call: 'torch.index_put', args: [{ shape: [3, 4], domain: 'any' }, [{ values: [1], shape: [1], dtype: 'int64' }], { shape: [4], domain: 'any' }], kwargs: { accumulate: true }, family: 'shape' },
    { name: 'index_put_/inplace', call: 'Tensor.__inplace__', args: [{ shape: [3, 4], domain: 'any' }, 'index_put_', [{ values: [2, 0], shape: [2], dtype: 'int64' }], { shape: [2, 4], domain: 'any' }], family: 'shape' },
    ...setitemCases([
      ['mask scalar', [3, 4], [{ values: [1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1], shape: [3, 4], dtype: 'bool' }], any([])],
      ['mask rows number', [3, 4], [{ values: [0, 1, 1], shape: [3], dtype: 'bool' }], -1],
      ['empty mask', [2, 2], [{ values: [0, 0, 0, 0], shape: [2, 2], dtype: 'bool' }], 1],
      ['int tensor rows', [4, 3], [{ values: [3, 0], shape: [2], dtype: 'int64' }], any([2, 3])],
      ['0-dim tensor', [3, 4], [{ values: [2], shape: [], dtype: 'int64' }], any([4])],
      ['ellipsis tensor', [2, 3, 4], ['...', { values: [3, 0], shape: [2], dtype: 'int64' }], any([2])],
    ]),
  ], 'index_put/rows', 'setitem/mask scalar'),
    apiDoc: { index_put: { tests: ['table-ops', 'arguments'], notes: "`x[...] = v` (assignment), `Tensor.index_put_`: `x.index_put_([...], v)` with the items of `x.index`, `v` a tensor or a number; `CopySlices`, `CopyBackwards` or `IndexPutBackward0` as PyTorch records them; a list of tensors is PyTorch's `index_put_` (`accumulate`); its fixtures are `setitem/*` and `index_put_/inplace`; `torch.index_put`, `Tensor.index_put`: int64 or bool index tensors for the leading dims (PyTorch's advanced indexing), `accumulate`; values broadcast by an expand (an `ExpandBackward0` PyTorch does not record); out-of-place" } } }),
  // torch.autograd.Function: the sweep calls the Function's own backward (src/autograd_function.ts);
  // the fixtures' Functions are PyTorch's Legendre example and a two-input one (scripts/custom_functions.py)
  [Op.CustomFunction]: manual('CustomFunctionBackward', ['inputs'], 'customBackward', { cases: withFloat64([
    { name: 'autograd.Function/legendre P3', call: 'Tensor.__legendre_p3__', args: [any([5])] },
    { name: 'autograd.Function/two inputs and a number', call: 'Tensor.__mul_add_fn__', args: [any([2, 3]), any([3]), 0.5] },
  ], 'autograd.Function/legendre P3', 'autograd.Function/two inputs and a number'),
    apiDoc: { 'autograd.Function': { skip: 'documented by hand in the Autograd table: its node is named after the Function subclass' } } }),
  // x[...] = value, spelled x.index_put_([...], value) (scripts/index_spec.py): index_put's kernel and
  // rule under PyTorch's node names; x.index_put_ with tensors alone records IndexPutBackward0
  [Op.SetSlices]: manual('CopySlices', ['self', 'src'], 'scatterFlatBackward', { cases: withFloat64(setitemCases([
    ['column', [3, 4], [':', 1], any([3])], ['row number', [3, 4], [1], 2.5],
    ['step', [7], ['::2'], any([4])], ['rows broadcast', [3, 4], ['1:3'], any([4])],
    ['leading ones', [3, 4], [0], any([1, 1, 4])], ['ellipsis none', [2, 3, 4], ['...', null, -1], any([3, 1])],
    ['non-finite', [2, 3], [':', -1], { values: [NaN, -Infinity], shape: [2] }],
    ['slice then tensor', [3, 4, 5], [':', { values: [3, 0, 2], shape: [3], dtype: 'int64' }], any([3, 5])],
    ['int then tensor', [3, 4, 5], [1, { values: [3, 1, 0, 2], shape: [2, 2], dtype: 'int64' }], any([5])],
    ['float64 value', [3, 4], [0], { values: [1.5, -2, 0.25, 3], shape: [4], dtype: 'float64' }],
    // positions from x's shape and strides (helper lossidx): starts and steps, None between, the ellipsis
    // in the middle, an empty slice, and tensor items after a None, a step, or before a slice
    ['starts and steps', [5, 6], ['1:5:2', '-4::3'], any([2, 2])], ['none between', [3, 4], [1, null, '::3'], any([1, 2])],
    ['negative ints around a slice', [2, 3, 4], [-1, '1:', -2], any([2])], ['empty slice', [3, 4], ['2:1'], 1.5],
    ['ellipsis in the middle', [2, 3, 4], [1, '...', '1:3'], any([3, 2])],
    ['none then tensor', [3, 4], [null, '1:', { values: [0, 3], shape: [2], dtype: 'int64' }], any([2, 2])],
    ['step then tensor', [6, 4], ['::2', { values: [1, 3], shape: [2], dtype: 'int64' }], any([3, 2])],
    ['tensor then step', [3, 4, 5], [{ values: [2, 0], shape: [2], dtype: 'int64' }, '1:4:2'], any([5])],
    ['slice then mask', [3, 4], ['1:', { values: [1, 0, 0, 1], shape: [4], dtype: 'bool' }], any([])],
  ]).concat([
    { name: 'setitem/int64 tensor', call: 'Tensor.__inplace__', args: [{ values: [1, 2, 3], shape: [3], dtype: 'int64' }, 'index_put_', [1], 2.7], grads: false, family: 'shape' },
    { name: 'setitem/bool tensor', call: 'Tensor.__inplace__', args: [{ values: [1, 0, 1], shape: [3], dtype: 'bool' }, 'index_put_', ['1:'] as unknown as number[], 2], grads: false, family: 'shape' },
  ]), 'setitem/column', 'setitem/slice then tensor') }),
  [Op.SetWhole]: manual('CopyBackwards', ['self', 'src'], 'scatterFlatBackward', { cases: withFloat64(setitemCases([
    ['whole', [2, 3], ['...'], any([3])], ['0-dim', [], [], any([])],
  ]).concat([
    inplaceCase('copy', [any([2, 3]), any([3])]),
    inplaceCase('copy', [any([2, 3]), { values: [1.5, -2, 0.25], shape: [3], dtype: 'float64' }], {}, ' float64 src'),
    inplaceCase('copy', [any([2, 3]), { values: [1, 0, 1], shape: [3], dtype: 'bool' }], {}, ' bool src'),
  ]), 'setitem/whole', 'copy_/inplace'),
    apiDoc: { copy: { section: 'Autograd' } } }),
  // zero_ and fill_ of a tensor that requires grad: the old values get no gradient
  [Op.Zero]: manual('ZeroBackward0', ['self'], 'zerosBackward', { cases: withFloat64([inplaceCase('zero', [any([3, 4])])], 'zero_/inplace'),
    apiDoc: { zero: { section: 'Autograd' } } }),
  [Op.Fill]: manual('FillBackward2', ['self'], 'zerosBackward', { cases: withFloat64([
    inplaceCase('fill', [any([3, 4]), 2.5]), inplaceCase('fill', [any([2]), -Infinity], {}, ' -inf'),
  ], 'fill_/inplace'),
    apiDoc: { fill: { section: 'Autograd' } } }),
  [Op.MaskedSelect]: manual('MaskedSelectBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'masked_select/same shape', call: 'torch.masked_select', args: [{ shape: [3, 4], domain: 'any' }, { values: [1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1], shape: [3, 4], dtype: 'bool' }], family: 'shape' },
    { name: 'masked_select/broadcast mask', call: 'Tensor.masked_select', args: [{ shape: [2, 3], domain: 'any' }, { values: [0, 1, 1], shape: [3], dtype: 'bool' }], family: 'shape' },
    { name: 'masked_select/broadcast input', call: 'torch.masked_select', args: [{ shape: [3], domain: 'any' }, { values: [1, 0, 1, 1, 1, 0], shape: [2, 1, 3], dtype: 'bool' }], family: 'shape' },
    { name: 'masked_select/none', call: 'torch.masked_select', args: [{ shape: [2, 2], domain: 'any' }, { values: [0, 0, 0, 0], shape: [2, 2], dtype: 'bool' }], family: 'shape' },
    { name: 'masked_select/empty', call: 'torch.masked_select', args: [{ shape: [0], domain: 'any' }, { values: [], shape: [0], dtype: 'bool' }], family: 'shape' },
  ]),
    apiDoc: { masked_select: { tests: ['table-ops', 'arguments'], notes: 'bool mask, broadcast with input' } } }),
  // ---- ternary and linalg 2 ----
  // where(condition, self, other): the record's inputs are self and other, the bool condition is
  // saved (PyTorch's next_functions list no condition); a number operand is a 0-d tensor
  [Op.Where]: manual('WhereBackward0', ['self', 'other'], 'ternaryBackward', { cases: withFloat64([
    { name: 'where/function', call: 'torch.where', args: [COND, ANY34, ANY34] },
    { name: 'where/broadcast all three', call: 'torch.where', args: [{ values: [1, 0, 1], shape: [3, 1], dtype: 'bool' }, { shape: [4], domain: 'any' }, { shape: [2, 1, 1], domain: 'any' }] },
    { name: 'where/number other', call: 'torch.where', args: [COND, ANY34, 0.5] },
    { name: 'where/number input', call: 'torch.where', args: [COND, -2, ANY34] },
    { name: 'where/two numbers', call: 'torch.where', args: [COND, 1.5, -2], grads: false },
    { name: 'where/method', call: 'Tensor.where', args: [{ shape: [2, 3], domain: 'any' }, { values: [1, 0, 0, 1, 1, 0], shape: [2, 3], dtype: 'bool' }, { shape: [3], domain: 'any' }] },
    { name: 'where/edges', call: 'torch.where', args: [{ values: [1, 0, 1, 0, 1, 0, 1, 0], shape: [8], dtype: 'bool' },
      { values: [NaN, NaN, Infinity, -Infinity, -0, 0, 1, 2], shape: [8] }, { values: [3, NaN, -0, 0, Infinity, -Infinity, NaN, 4], shape: [8] }] },
    { name: 'where/empty', call: 'torch.where', args: [{ values: [], shape: [0, 3], dtype: 'bool' }, { shape: [0, 3], domain: 'any' }, { shape: [3], domain: 'any' }] },
  ], 'where/function', 'where/broadcast all three', 'where/number other', 'where/method', 'where/edges'),
    apiDoc: { where: { tests: ['table-ops', 'errors'], notes: 'bool condition, input / other tensors or numbers, the three broadcast; integer operands give an integer result (no grad; an integral JS number is a Python int); `torch.where(condition)` alone gives the int64 indices per dim' } } }),
  // lerp with a number weight: a binary row whose alpha is the weight; PyTorch's kernel goes from the nearer end
  [Op.Lerp]: binary('LerpBackward0', 'abs(alpha) < 0.5 ? x + alpha * (y - x) : y - (y - x) * (1 - alpha)',
    { self: 'grad * (1 - weight)', end: 'grad * weight' }, { inputs: ['self', 'end'], params: ['weight'], cases: withFloat64([
      inplaceCase('lerp', [ANY34, ANY34, 0.3]),
      { name: 'lerp/function', call: 'torch.lerp', args: [ANY34, ANY34, 0.3] },
      { name: 'lerp/weight over a half', call: 'torch.lerp', args: [ANY34, ANY34, 0.75] },
      { name: 'lerp/broadcast negative weight', call: 'torch.lerp', args: [{ shape: [3, 1], domain: 'any' }, { shape: [4], domain: 'any' }, -0.6] },
      { name: 'lerp/weight keyword', call: 'torch.lerp', args: [ANY34, ANY34], kwargs: { weight: 1.5 } },
      { name: 'lerp/method', call: 'Tensor.lerp', args: [{ shape: [2, 3], domain: 'any' }, { shape: [2, 3], domain: 'any' }, 0.5] },
      { name: 'lerp/edges', call: 'torch.lerp', args: [{ values: EDGES8, shape: [8] }, { values: [...EDGES8].reverse(), shape: [8] }, 0.25] },
    ], 'lerp/function', 'lerp/weight over a half', 'lerp/edges'),
    apiDoc: { lerp: { tests: ['table-ops', 'errors'], notes: "number weight `LerpBackward0`, tensor weight `LerpBackward1`; from the nearer end as PyTorch's kernel; broadcasting" } } }),
  [Op.LerpTensor]: manual('LerpBackward1', ['self', 'end', 'weight'], 'ternaryBackward', { cases: withFloat64([
    inplaceCase('lerp', [ANY34, ANY34, ANY34], {}, ' tensor weight'),
    { name: 'lerp/tensor weight', call: 'torch.lerp', args: [ANY34, ANY34, ANY34] },
    { name: 'lerp/tensor weight broadcast', call: 'torch.lerp', args: [{ shape: [2, 1, 4], domain: 'any' }, { shape: [3, 4], domain: 'any' }, { shape: [4], domain: 'any' }] },
    { name: 'lerp/tensor weight method', call: 'Tensor.lerp', args: [ANY34, ANY34, { shape: [3, 1], domain: 'any' }] },
    { name: 'lerp/tensor weight 0-d', call: 'torch.lerp', args: [{ shape: [3], domain: 'any' }, { shape: [3], domain: 'any' }, { values: [0.5], shape: [] }] },
  ], 'lerp/tensor weight', 'lerp/tensor weight broadcast', 'lerp/tensor weight 0-d', 'lerp_/inplace tensor weight') }),
  [Op.Addcmul]: manual('AddcmulBackward0', ['self', 'tensor1', 'tensor2'], 'ternaryBackward', { cases: withFloat64([
    inplaceCase('addcmul', [ANY34, ANY34, ANY34], { value: 0.5 }),
    { name: 'addcmul/function', call: 'torch.addcmul', args: [ANY34, ANY34, ANY34] },
    { name: 'addcmul/value', call: 'torch.addcmul', args: [ANY34, ANY34, ANY34], kwargs: { value: -0.5 } },
    { name: 'addcmul/broadcast', call: 'torch.addcmul', args: [{ shape: [4], domain: 'any' }, { shape: [3, 1], domain: 'any' }, { shape: [1, 4], domain: 'any' }], kwargs: { value: 2 } },
    { name: 'addcmul/method', call: 'Tensor.addcmul', args: [ANY34, ANY34, { shape: [4], domain: 'any' }], kwargs: { value: 3 } },
    { name: 'addcmul/edges', call: 'torch.addcmul', args: [{ values: EDGES8, shape: [8] }, { values: [...EDGES8].reverse(), shape: [8] }, { values: [0, 2, -0, 1, Infinity, 0, -1, 3], shape: [8] }] },
    // float32 with float64: PyTorch's promotion, to float64
    { name: 'addcmul/float32 and float64', call: 'torch.addcmul', args: [ANY34, { values: [0.5, -2, 3, 0.1], shape: [4], dtype: 'float64' }, ANY34] },
    { name: 'addcmul/empty', call: 'torch.addcmul', args: [{ shape: [0, 2], domain: 'any' }, { shape: [0, 2], domain: 'any' }, { shape: [2], domain: 'any' }] },
  ], 'addcmul/function', 'addcmul/value', 'addcmul/broadcast', 'addcmul/edges', 'addcmul_/inplace'),
    apiDoc: { addcmul: { tests: ['table-ops', 'errors'], notes: '`{ value }`; broadcasting' } } }),
  [Op.Addcdiv]: manual('AddcdivBackward0', ['self', 'tensor1', 'tensor2'], 'ternaryBackward', { cases: withFloat64([
    inplaceCase('addcdiv', [ANY34, ANY34, { shape: [3, 4], domain: 'nonzero' }]),
    { name: 'addcdiv/function', call: 'torch.addcdiv', args: [ANY34, ANY34, { shape: [3, 4], domain: 'nonzero' }] },
    { name: 'addcdiv/value broadcast', call: 'torch.addcdiv', args: [{ shape: [3, 1], domain: 'any' }, { shape: [4], domain: 'any' }, { shape: [3, 4], domain: 'nonzero' }], kwargs: { value: -2 } },
    { name: 'addcdiv/method', call: 'Tensor.addcdiv', args: [ANY34, ANY34, { shape: [3, 4], domain: 'positive' }], kwargs: { value: 0.5 } },
    { name: 'addcdiv/zero divisor edges', call: 'torch.addcdiv', args: [{ values: EDGES8, shape: [8] }, { values: [1, 0, -1, 2, 0, NaN, 3, 1], shape: [8] }, { values: [0, 0, -0, 2, 1, 1, Infinity, -4], shape: [8] }] },
  ], 'addcdiv/function', 'addcdiv/value broadcast', 'addcdiv/zero divisor edges', 'addcdiv_/inplace'),
    apiDoc: { addcdiv: { tests: ['table-ops', 'errors'], notes: '`{ value }`; broadcasting' } } }),
  // beta·self + alpha·product; self broadcasts, and is ignored when beta is 0 (its NaN too)
  [Op.Addmv]: manual('AddmvBackward0', ['self', 'mat', 'vec'], 'addProductBackward', { cases: withFloat64([
    { name: 'addmv/function', call: 'torch.addmv', args: [{ shape: [3], domain: 'any' }, ANY34, { shape: [4], domain: 'any' }], family: 'matmul' },
    { name: 'addmv/beta alpha broadcast', call: 'torch.addmv', args: [{ shape: [1], domain: 'any' }, ANY34, { shape: [4], domain: 'any' }], kwargs: { beta: 0.5, alpha: -2 }, family: 'matmul' },
    { name: 'addmv/beta 0 ignores NaN', call: 'torch.addmv', args: [{ values: [NaN, Infinity, 1], shape: [3] }, ANY34, { shape: [4], domain: 'any' }], kwargs: { beta: 0 }, family: 'matmul' },
    { name: 'addmv/method', call: 'Tensor.addmv', args: [{ shape: [], domain: 'any' }, { shape: [2, 5], domain: 'any' }, { shape: [5], domain: 'any' }], kwargs: { alpha: 3 }, family: 'matmul' },
    { name: 'addmv/empty', call: 'torch.addmv', args: [{ shape: [2], domain: 'any' }, { shape: [2, 0], domain: 'any' }, { shape: [0], domain: 'any' }], kwargs: { beta: 2 }, family: 'matmul' },
    { ...inplaceCase('addmv', [{ shape: [3], domain: 'any' }, ANY34, { shape: [4], domain: 'any' }], { alpha: 3 }), family: 'matmul' },
  ], 3),
    apiDoc: { addmv: { tests: ['table-ops', 'errors'], notes: '`{ beta, alpha }`; one node (`AddmvBackward0`); input broadcasts, ignored (NaN too) when beta is 0' } } }),
  [Op.Baddbmm]: manual('BaddbmmBackward0', ['self', 'batch1', 'batch2'], 'addProductBackward', { cases: withFloat64([
    { name: 'baddbmm/function', call: 'torch.baddbmm', args: [{ shape: [2, 3, 5], domain: 'any' }, { shape: [2, 3, 4], domain: 'any' }, { shape: [2, 4, 5], domain: 'any' }], family: 'matmul' },
    { name: 'baddbmm/broadcast beta alpha', call: 'torch.baddbmm', args: [{ shape: [1, 5], domain: 'any' }, { shape: [2, 3, 4], domain: 'any' }, { shape: [2, 4, 5], domain: 'any' }], kwargs: { beta: -1, alpha: 0.5 }, family: 'matmul' },
    { name: 'baddbmm/method beta 0', call: 'Tensor.baddbmm', args: [{ values: [NaN], shape: [1] }, { shape: [3, 2, 2], domain: 'any' }, { shape: [3, 2, 3], domain: 'any' }], kwargs: { beta: 0, alpha: 2 }, family: 'matmul' },
    { ...inplaceCase('baddbmm', [{ shape: [2, 3, 5], domain: 'any' }, { shape: [2, 3, 4], domain: 'any' }, { shape: [2, 4, 5], domain: 'any' }], { beta: -1 }), family: 'matmul' },
  ], 3),
    apiDoc: { baddbmm: { tests: ['table-ops', 'errors'], notes: '`{ beta, alpha }`; input broadcasts' } } }),
  [Op.Glu]: manual('GluBackward0', ['self'], 'gluBackward', { cases: withFloat64([
    { name: 'glu/function', call: 'F.glu', args: [{ shape: [3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'glu/dim 0', call: 'F.glu', args: [{ shape: [4, 3], domain: 'any' }, 0], family: 'reduction' },
    { name: 'glu/3-D middle dim keyword', call: 'F.glu', args: [{ shape: [2, 6, 3], domain: 'any' }], kwargs: { dim: -2 }, family: 'reduction' },
    { name: 'glu/edges', call: 'F.glu', args: [{ values: [...EDGES8, ...[...EDGES8].reverse()], shape: [16] }], family: 'reduction' },
    { name: 'glu/empty', call: 'F.glu', args: [{ shape: [0, 4], domain: 'any' }], family: 'reduction' },
  ], 5),
    apiDoc: { glu: { section: 'torch.nn.functional', tests: ['table-ops', 'errors'], notes: "`dim` (default -1); one node (`GluBackward0`), PyTorch's glu_backward" } } }),
  [Op.LinalgCross]: manual('LinalgCrossBackward0', ['self', 'other'], 'crossBackward', { cases: withFloat64([
    { name: 'linalg.cross/function', call: 'torch.linalg.cross', args: [{ shape: [4, 3], domain: 'any' }, { shape: [4, 3], domain: 'any' }], family: 'matmul' },
    { name: 'linalg.cross/broadcast dim 0', call: 'torch.linalg.cross', args: [{ shape: [3, 1, 2], domain: 'any' }, { shape: [3, 4, 1], domain: 'any' }], kwargs: { dim: 0 }, family: 'matmul' },
    { name: 'cross/first size-3 dim', call: 'torch.cross', args: [{ shape: [2, 3, 3], domain: 'any' }, { shape: [2, 3, 3], domain: 'any' }], family: 'matmul' },
    { name: 'cross/dim', call: 'torch.cross', args: [{ shape: [3, 3], domain: 'any' }, { shape: [3, 3], domain: 'any' }, -1], family: 'matmul' },
    { name: 'cross/method', call: 'Tensor.cross', args: [{ shape: [3], domain: 'any' }, { shape: [3], domain: 'any' }], family: 'matmul' },
    { name: 'cross/edges', call: 'torch.linalg.cross', args: [{ values: EDGES8.slice(0, 6), shape: [2, 3] }, { values: [0, Infinity, 1, NaN, -0, 2], shape: [2, 3] }], family: 'matmul' },
    { name: 'cross/empty', call: 'torch.linalg.cross', args: [{ shape: [0, 3], domain: 'any' }, { shape: [1, 3], domain: 'any' }], family: 'matmul' },
  ], 7),
    apiDoc: { 'linalg.cross': { tests: ['table-ops', 'errors'], notes: '`{ dim }` (default -1); broadcasting' },
      cross: { tests: ['table-ops', 'errors'], notes: "without `dim`, the first dim of size 3 (PyTorch's deprecated default, without its warning)" } } }),
  // the p-norm over dims (torch.norm(p, dim, keepdim)); F.normalize and F.pairwise_distance compose it as PyTorch
  [Op.NormDim]: manual('NormBackward1', ['self'], 'normBackward', { cases: withFloat64([
    { name: 'normalize/function', call: 'F.normalize', args: [ANY34], family: 'reduction' },
    { name: 'normalize/p 1 dim 0', call: 'F.normalize', args: [ANY34], kwargs: { p: 1, dim: 0 }, family: 'reduction' },
    { name: 'normalize/p 3 dim -1', call: 'F.normalize', args: [ANY34, 3, -1], family: 'reduction' },
    { name: 'normalize/zero and tiny rows', call: 'F.normalize', args: [{ values: [0, 0, 0, 3, -4, 0, 1e-13, 0, -0], shape: [3, 3] }], kwargs: { dim: 1 }, family: 'reduction' },
    { name: 'normalize/eps', call: 'F.normalize', args: [{ values: [0.1, -0.2, 0, 3, 4, 0], shape: [2, 3] }], kwargs: { eps: 0.5 }, family: 'reduction' },
    { name: 'pairwise_distance/function', call: 'F.pairwise_distance', args: [ANY34, ANY34], family: 'reduction' },
    { name: 'pairwise_distance/broadcast keepdim', call: 'F.pairwise_distance', args: [{ shape: [2, 1, 4], domain: 'any' }, { shape: [3, 4], domain: 'any' }], kwargs: { keepdim: true }, family: 'reduction' },
    { name: 'pairwise_distance/p 1', call: 'F.pairwise_distance', args: [ANY34, ANY34, 1], family: 'reduction' },
    { name: 'pairwise_distance/p 1.5', call: 'F.pairwise_distance', args: [ANY34, ANY34], kwargs: { p: 1.5 }, family: 'reduction' },
    { name: 'pairwise_distance/p 0.5', call: 'F.pairwise_distance', args: [ANY34, ANY34], kwargs: { p: 0.5 }, family: 'reduction' },
    { name: 'pairwise_distance/equal rows no eps', call: 'F.pairwise_distance',
      args: [{ values: [1, 2, 3, 4, 5, 6], shape: [2, 3] }, { values: [1, 2, 3, 4, 0, 6], shape: [2, 3] }], kwargs: { eps: 0 }, family: 'reduction' },
    { name: 'pairwise_distance/p 0.5 zeros', call: 'F.pairwise_distance',
      args: [{ values: [1, 2, 3, 4, 5, 6], shape: [2, 3] }, { values: [1, 0, 3, 4, 0, 6], shape: [2, 3] }], kwargs: { p: 0.5, eps: 0 }, family: 'reduction' },
    { name: 'pairwise_distance/1-D', call: 'F.pairwise_distance', args: [{ shape: [5], domain: 'any' }, { shape: [5], domain: 'any' }], family: 'reduction' },
  ], 14),
    apiDoc: { normalize: { section: 'torch.nn.functional', tests: ['table-ops', 'errors'], notes: "`p` (> 0 or inf), `dim`, `eps`; no `out`; composed as PyTorch: input / norm(p, dim, keepdim).clamp_min(eps).expand_as(input), the norm one node (`NormBackward1`, PyTorch's norm_backward: 0 at a zero norm)" },
      pairwise_distance: { section: 'torch.nn.functional', calls: ['torch.pairwise_distance'], tests: ['table-ops', 'errors'], notes: '`p` (> 0 or inf), `eps`, `keepdim`; norm(x1 − x2 + eps) over the last dim (`NormBackward1`); the `+ eps` node is `AddBackward0` where ATen records `AddBackward1` (graph)' } } }),
  [Op.Cdist]: manual('CdistBackward0', ['x1', 'x2'], 'cdistBackward', { cases: withFloat64([
    { name: 'cdist/function', call: 'torch.cdist', args: [{ shape: [3, 4], domain: 'any' }, { shape: [5, 4], domain: 'any' }], family: 'matmul' },
    { name: 'cdist/p 1', call: 'torch.cdist', args: [{ shape: [3, 4], domain: 'any' }, { shape: [2, 4], domain: 'any' }, 1], family: 'matmul' },
    { name: 'cdist/p 3 keyword', call: 'torch.cdist', args: [{ shape: [3, 2], domain: 'any' }, { shape: [4, 2], domain: 'any' }], kwargs: { p: 3 }, family: 'matmul' },
    { name: 'cdist/p 0.5', call: 'torch.cdist', args: [{ shape: [2, 3], domain: 'any' }, { shape: [3, 3], domain: 'any' }], kwargs: { p: 0.5 }, family: 'matmul' },
    { name: 'cdist/p 1.5 batch broadcast', call: 'torch.cdist', args: [{ shape: [2, 1, 3, 2], domain: 'any' }, { shape: [3, 4, 2], domain: 'any' }], kwargs: { p: 1.5 }, family: 'matmul' },
    { name: 'cdist/batched', call: 'torch.cdist', args: [{ shape: [2, 3, 4], domain: 'any' }, { shape: [2, 5, 4], domain: 'any' }], family: 'matmul' },
    { name: 'cdist/equal rows', call: 'torch.cdist', args: [{ values: [1, 2, 3, 4, 5, 6], shape: [2, 3] }, { values: [1, 2, 3, 1, 5, 6], shape: [2, 3] }], family: 'matmul' },
    { name: 'cdist/empty', call: 'torch.cdist', args: [{ shape: [0, 3], domain: 'any' }, { shape: [2, 3], domain: 'any' }], family: 'matmul' },
  ], 8),
    apiDoc: { cdist: { notes: "`p` > 0 or inf (p = 0 raises `NotImplementedError`); batch dims broadcast; `CdistBackward0` (PyTorch's _cdist_backward). PyTorch computes p = 2 past 25 rows (or with `compute_mode: 'use_mm_for_euclid_dist'`, refused here) by matrix products, `EuclideanDistBackward0`: wasmgrad always takes the direct path. Under create_graph wasmgrad records _cdist_backward from differentiable ops, so higher derivatives work where PyTorch (1.13 and 2) raises \"the derivative for '_cdist_backward' is not implemented\"; they are checked against PyTorch's autograd through the same composition (scripts/gen_higher_order_fixtures.py), whose first derivative is torch.cdist's", tests: ['table-ops', 'errors', 'higher-order'] } } }),
  // matrix_power(A, 0): PyTorch copies the identity into a clone of A, so A's gradient is 0
  [Op.CopyBackwards]: manual('CopyBackwards', ['self'], 'zerosBackward', { cases: [
    f64('matrix_power/0', 'torch.matrix_power', [any([2, 3, 3]), 0], {}, 'matmul'),
    { name: 'matrix_power/0', call: 'torch.matrix_power', args: [{ shape: [2, 3, 3], domain: 'any' }, 0], family: 'matmul' },
  ],
    apiDoc: { matrix_power: { calls: ['Tensor.matrix_power'], tests: ['table-ops', 'errors'], notes: "matmuls by the binary decomposition of n, as ATen; n = 0 is the identity copied into a clone (`CopyBackwards`, a zero gradient; its graph names the node `CopyBackwards` where PyTorch's name() is `torch::autograd::CopyBackwards`); n < 0 raises the power −n of `torch.linalg.inv(A)` (`LinalgInvExBackward0` below the matmuls, as ATen)" } } }),
  [Op.Addbmm]: manual('AddbmmBackward0', ['self', 'batch1', 'batch2'], 'addProductBackward', { cases: withFloat64([
    { name: 'addbmm/function', call: 'torch.addbmm', args: [{ shape: [3, 5], domain: 'any' }, { shape: [2, 3, 4], domain: 'any' }, { shape: [2, 4, 5], domain: 'any' }], family: 'matmul' },
    { name: 'addbmm/broadcast beta alpha', call: 'torch.addbmm', args: [{ shape: [5], domain: 'any' }, { shape: [4, 3, 2], domain: 'any' }, { shape: [4, 2, 5], domain: 'any' }], kwargs: { beta: 2, alpha: -0.5 }, family: 'matmul' },
    { name: 'addbmm/method', call: 'Tensor.addbmm', args: [{ shape: [2, 2], domain: 'any' }, { shape: [3, 2, 4], domain: 'any' }, { shape: [3, 4, 2], domain: 'any' }], family: 'matmul' },
    { name: 'addbmm/empty batch', call: 'torch.addbmm', args: [{ shape: [2, 2], domain: 'any' }, { shape: [0, 2, 3], domain: 'any' }, { shape: [0, 3, 2], domain: 'any' }], family: 'matmul' },
    { ...inplaceCase('addbmm', [{ shape: [3, 5], domain: 'any' }, { shape: [2, 3, 4], domain: 'any' }, { shape: [2, 4, 5], domain: 'any' }], { alpha: 0.5 }), family: 'matmul' },
  ], 4),
    apiDoc: { addbmm: { tests: ['table-ops', 'errors'], notes: '`{ beta, alpha }`; the batch of products summed (`AddbmmBackward0`)' } } }),
  // linalg.inv: LU with partial pivoting on each device; −A⁻ᵀ·g·A⁻ᵀ from the saved result; matrix_power with n < 0 inverts first
  [Op.LinalgInv]: manual('LinalgInvExBackward0', ['A'], 'linalgInvBackward', { cases: withFloat64([
    { name: 'linalg.inv/function', call: 'torch.linalg.inv', args: [{ shape: [4, 4], domain: 'any' }], family: 'matmul' },
    { name: 'linalg.inv/batched', call: 'torch.linalg.inv', args: [{ shape: [2, 3, 3], domain: 'any' }], family: 'matmul' },
    { name: 'linalg.inv/pivoting', call: 'torch.linalg.inv', args: [{ values: [0, 1, 2, 1, 0, 3, 4, -3, 8], shape: [3, 3] }], family: 'matmul' },
    { name: 'inverse/function', call: 'torch.inverse', args: [{ shape: [3, 3], domain: 'any' }], family: 'matmul' },
    { name: 'inverse/method', call: 'Tensor.inverse', args: [{ shape: [2, 2], domain: 'any' }], family: 'matmul' },
    { name: 'linalg.inv/1x1 and empty batch', call: 'torch.linalg.inv', args: [{ shape: [0, 1, 1], domain: 'any' }], family: 'matmul' },
    { name: 'matrix_power/-1', call: 'torch.matrix_power', args: [{ values: [2, 1, 0, 1, 3, 1, 0, -1, 4], shape: [3, 3] }, -1], family: 'matmul' },
    { name: 'matrix_power/-3 batched', call: 'torch.linalg.matrix_power',
      args: [{ values: [3, 1, 0, -1, 2, 1, 0.5, 0, 2, 2, 0, 1, 1, 3, 0, 0, 1, 2], shape: [2, 3, 3] }, -3], family: 'matmul' },
  ], 5),
    apiDoc: { 'linalg.matrix_power': { shares: 'matrix_power' },
      'linalg.inv': { tests: ['table-ops', 'errors'], notes: "`LinalgInvExBackward0` (−A⁻ᵀ·g·A⁻ᵀ); LU with partial pivoting, as LAPACK's getrf/getri, so a singular matrix raises `torch.linalg.LinAlgError` (a `RuntimeError`) naming the first zero pivot and the batch element, as PyTorch; batches and empty batches" },
      inverse: { shares: 'linalg.inv' } } }),
  // linalg.svdvals (helper svd): one-sided Jacobi on each device; U·diag(gS)·Vh from the saved U and Vh; the
  // matrix norms 'nuc', ±2 reduce it. Rank-deficient and repeated values: the values only (U and V are not unique there)
  [Op.LinalgSvd]: manual('LinalgSvdBackward0', ['A'], 'svdBackward', { cases: withFloat64([
    { name: 'svdvals/wide', call: 'torch.linalg.svdvals', args: [{ shape: [3, 4], domain: 'any' }], family: 'matmul' },
    { name: 'svdvals/tall batched', call: 'torch.linalg.svdvals', args: [{ shape: [2, 5, 3], domain: 'any' }], family: 'matmul' },
    { name: 'svdvals/square', call: 'torch.linalg.svdvals', args: [{ shape: [4, 4], domain: 'any' }], family: 'matmul' },
    { name: 'svdvals/row and column', call: 'torch.linalg.svdvals', args: [{ shape: [2, 1, 3], domain: 'any' }], family: 'matmul' },
    { name: 'svdvals/empty batch', call: 'torch.linalg.svdvals', args: [{ shape: [0, 3, 2], domain: 'any' }], family: 'matmul' },
    { name: 'svdvals/empty matrix', call: 'torch.linalg.svdvals', args: [{ shape: [3, 0], domain: 'any' }], family: 'matmul' },
    { name: 'svdvals/rank deficient', call: 'torch.linalg.svdvals', args: [{ values: [1, 2, 3, 2, 4, 6, 1, 1, 1, 0, 0, 0], shape: [4, 3] }], family: 'matmul', grads: false },
    { name: 'svdvals/repeated', call: 'torch.linalg.svdvals', args: [{ values: [0, 2, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], shape: [2, 3, 3] }], family: 'matmul', grads: false },
    { name: 'svdvals/zeros', call: 'torch.linalg.svdvals', args: [{ values: [0, 0, 0, 0, 0, 0], shape: [2, 3] }], family: 'matmul', grads: false },
    { name: 'svdvals/large', call: 'torch.linalg.svdvals', args: [{ values: [3e30, 1e30, -2e30, 5e29], shape: [2, 2] }], family: 'matmul' },
    { name: 'svdvals/non-finite batch element', call: 'torch.linalg.svdvals', args: [{ values: [1, 2, 3, 4, Infinity, 1, 1, 1, 0, -Infinity, 0, 1], shape: [3, 2, 2] }], family: 'matmul', grads: false },
    { name: 'svdvals/huge float64', call: 'torch.linalg.svdvals', args: [{ values: [3e200, 1e200, -2e200, 5e199], shape: [2, 2], dtype: 'float64' }], family: 'matmul', grads: false },
    { name: 'matrix_norm/nuc', call: 'torch.linalg.matrix_norm', args: [{ shape: [3, 4], domain: 'any' }, 'nuc'], family: 'matmul' },
    { name: 'matrix_norm/nuc dims keepdim', call: 'torch.linalg.matrix_norm', args: [{ shape: [2, 3, 4], domain: 'any' }, 'nuc', [2, 0], true], family: 'matmul' },
    { name: 'matrix_norm/2', call: 'torch.linalg.matrix_norm', args: [{ shape: [2, 4, 3], domain: 'any' }, 2], family: 'matmul' },
    { name: 'matrix_norm/-2 keepdim', call: 'torch.linalg.matrix_norm', args: [{ shape: [3, 2, 4], domain: 'any' }, -2], kwargs: { dim: [0, 2], keepdim: true }, family: 'matmul' },
    { name: 'matrix_norm/2 keepdim', call: 'torch.linalg.matrix_norm', args: [{ shape: [3, 3], domain: 'any' }, 2, [-1, -2], true], family: 'matmul' },
    { name: 'matrix_norm/nuc empty', call: 'torch.linalg.matrix_norm', args: [{ shape: [0, 3], domain: 'any' }, 'nuc'], family: 'matmul' },
    { name: 'matrix_norm/-2 empty batch', call: 'torch.linalg.matrix_norm', args: [{ shape: [0, 2, 3], domain: 'any' }, -2], family: 'matmul' },
    { name: 'matrix_norm/nuc rank deficient', call: 'torch.linalg.matrix_norm', args: [{ values: [1, 2, 2, 4, 3, 6], shape: [3, 2] }, 'nuc'], family: 'matmul', grads: false },
    { name: 'norm/nuc', call: 'torch.norm', args: [{ shape: [4, 3], domain: 'any' }, 'nuc'], family: 'matmul' },
    { name: 'norm/nuc method dims', call: 'Tensor.norm', args: [{ shape: [2, 3, 4], domain: 'any' }, 'nuc', [0, 2]], family: 'matmul' },
    { name: 'linalg.norm/nuc', call: 'torch.linalg.norm', args: [{ shape: [3, 4], domain: 'any' }, 'nuc'], family: 'matmul' },
    { name: 'linalg.norm/-2 dims keepdim', call: 'torch.linalg.norm', args: [{ shape: [2, 3, 4], domain: 'any' }, -2, [2, 1], true], family: 'matmul' },
    { name: 'linalg.norm/2 of a vector', call: 'torch.linalg.norm', args: [{ shape: [5], domain: 'any' }, 2], family: 'reduction' },
    { name: 'linalg.norm/default 3-D', call: 'torch.linalg.norm', args: [{ shape: [2, 3, 4], domain: 'any' }], family: 'reduction' },
    { name: 'linalg.norm/inf matrix', call: 'torch.linalg.norm', args: [{ shape: [3, 4], domain: 'any' }, Infinity], family: 'reduction' },
    { name: 'linalg.norm/1 over one dim', call: 'torch.linalg.norm', args: [{ shape: [2, 3, 4], domain: 'any' }, 1], kwargs: { dim: 1 }, family: 'reduction' },
    { name: 'linalg.norm/fro dims', call: 'torch.linalg.norm', args: [{ shape: [2, 3, 4], domain: 'any' }, 'fro', [0, 2]], family: 'reduction' },
  ], 4, 'matrix_norm/nuc', 'matrix_norm/2', 'matrix_norm/-2 keepdim', 'norm/nuc', 'linalg.norm/-2 dims keepdim'),
    apiDoc: { 'linalg.norm': { tests: ['table-ops', 'errors'], notes: 'composed as ATen\'s linalg_norm: a given `ord` over two `dim`s, or over a 2-D input without `dim`, is `torch.linalg.matrix_norm` (\'fro\', \'nuc\', ±1, ±2, ±Infinity); otherwise `torch.linalg.vector_norm` over `dim` (all elements when not given; ord 2 when not given); PyTorch\'s checks and messages (its string overload\'s "it mut be" included); no `dtype=`, `out=`' },
      'linalg.svdvals': { tests: ['table-ops', 'errors'], notes: "the singular values [..., min(m, n)] in descending order; `LinalgSvdBackward0` saving U and Vh, gradient U·diag(gS)·Vh (PyTorch's svd_backward with only gS); create_graph: the product recorded, and the saved U and Vh are outputs of `torch.linalg.svd`'s node, so second and third derivatives reach A through them as PyTorch's (test/create-graph-svd.test.ts); one-sided Jacobi (Hestenes) on the smaller Gram side, in float64 on both devices (float32 inputs converted, results rounded once), the matrix scaled by its largest absolute entry first, so the devices agree bit for bit and agree with LAPACK within the matmul tolerances; rank-deficient and repeated values (U and V then chosen by completing an orthonormal basis with unit vectors: the gradient there is one of many, as PyTorch's); a matrix with a NaN raises `torch.linalg.LinAlgError` naming the batch element, and one with ±inf (no NaN) gives NaN values, as PyTorch's LAPACK (gesdd refuses NaN); no `driver=`; batches, empty batches and empty matrices" } } }),
  [Op.MseLoss]: manual('MseLossBackward0', ['self', 'target'], 'mseLossBackward', {
    apiDoc: { mse_loss: { section: 'torch.nn.functional', calls: ['F.mse_loss'], tests: ['ops', 'nn'], notes: '`F.mse_loss(reduction)`: float32 and float64 (mixed: float64)' } } }),
  [Op.BinaryCrossEntropy]: manual('BinaryCrossEntropyBackward0', ['self', 'target'], 'bceBackward', {
    apiDoc: { binary_cross_entropy: { section: 'torch.nn.functional', calls: ['F.binary_cross_entropy'], tests: ['ops', 'nn', 'seed'], notes: "`F.binary_cross_entropy(reduction, weight)`: `weight` broadcast to the input, scaling each term before the reduction and in the backward (no grad of its own: PyTorch's error), fixtures in table-ops; float32 and float64 (log clamped at −100, the gradient's denominator at the float 1e-12, as ATen)" } } }),
  [Op.BinaryCrossEntropyWithLogits]: manual('BinaryCrossEntropyWithLogitsBackward0', ['self', 'target'], 'bceWithLogitsBackward', {
    apiDoc: { binary_cross_entropy_with_logits: { section: 'torch.nn.functional', calls: ['F.binary_cross_entropy_with_logits'], tests: ['ops', 'edges', 'nn'], notes: "`F.binary_cross_entropy_with_logits(reduction, weight, pos_weight)`: `weight` as `binary_cross_entropy`'s (table-ops); `pos_weight` broadcast against the target (`(C)` for `(N, C)`, a column, a scalar) and then to the input, PyTorch 2's `(1 − t)·x − log_sigmoid(x)·((pos_weight − 1)·t + 1)` and its backward for input and target (no grad of its own: PyTorch's error; a `pos_weight` that does not broadcast: PyTorch's size errors); PyTorch 2's formula (see [edges](#at-zeros-kinks-ties-inf-and-nan))" } } }),
  [Op.NllLoss]: manual('NllLossBackward0', ['self', 'target'], 'nllLossBackward', {
    apiDoc: { nll_loss: { section: 'torch.nn.functional', calls: ['F.nll_loss'], tests: ['ops', 'table-ops', 'nn'], notes: "`F.nll_loss(reduction)`: `(C)`, `(N, C)` (`NllLossBackward0`) and `(N, C, d1, …, dK)` inputs as ATen's `nll_loss_nd`: 4-D through `nll_loss2d` (`NllLoss2DBackward0`), other extra dims viewed as `(N, C, 1, −1)` for it (`'none'` viewed back: `ViewBackward0`); PyTorch's shape errors (`Expected target size …`, `size mismatch …`, `only batches of spatial targets …`); every target ignored gives NaN for `'mean'`, as PyTorch; empty batches; float32 and float64 (PyTorch's cascade sum in the input's dtype); `F.nll_loss(ignore_index)`" },
      cross_entropy: { section: 'torch.nn.functional', calls: ['F.cross_entropy'], tests: ['ops', 'table-ops', 'nn'], notes: "`F.cross_entropy(reduction)`: class-index targets, `(N, C)` or `(C)` input, or `(N, C, d1, …, dK)` with targets `(N, d1, …, dK)` as `F.nll_loss`; `F.cross_entropy(weight)`, `F.nll_loss(weight)`: class weights in the nll kernel on both devices (ATen's second cascade for the total weight, 'mean' divides by it; the backward scales by them); PyTorch's errors (size, dtype, a weight that requires grad; `nll_loss2d`'s own size message for extra dims); with `label_smoothing` and class probabilities too (ATen's compositions: −Σ log_softmax·weight, `'mean'` over the weights of the targets not ignored; −Σ log_softmax·target·weight); `F.cross_entropy(label_smoothing)`: composed as ATen: (1 − s)·nll_loss + s/C·(−Σ log_softmax, 0 at ignored targets; `'mean'` over the targets not ignored) (`AddBackward0`); ≤ 0 is none, > 1 raises PyTorch's error; extra dims and `weight` too; `F.cross_entropy` with class probabilities: a float target of the input's shape (any dims, class dim 1): −Σ log_softmax(x)·target(·weight) over the class dim, reduced as ATen (`'mean'` over the class vectors), with `label_smoothing` and `weight` too; a non-negative `ignore_index` raises PyTorch's error; `'mean'`'s node is `DivBackward0` where ATen's `div.Scalar` records `DivBackward1`; an empty input's `'mean'` is NaN; `F.cross_entropy(ignore_index)`" } } }),
  // nll_loss2d: 4-D inputs, and 3-D or 5-D+ ones viewed as (N, C, 1, −1) as ATen's nll_loss_nd (helper lossidx)
  [Op.NllLoss2d]: manual('NllLoss2DBackward0', ['self', 'target'], 'nllLossBackward', {
    apiDoc: { nll_loss: { calls: ['F.nll_loss'] } } }),
  // views that alias their base (src/alias.ts)
  [Op.Alias]: view('AliasBackward0', withFloat64([
    { name: 'index/ellipsis alone', call: 'Tensor.__getitem_spec__', args: [any([2, 3]), ['...'] as unknown as number[]], family: 'shape' },
  ])),
  [Op.AsStrided]: manual('AsStridedBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'as_strided/offset', call: 'torch.as_strided', args: [any([6]), [2, 2], [1, 2], 1], family: 'shape' },
    { name: 'as_strided/method default offset', call: 'Tensor.as_strided', args: [any([3, 4]), [2, 3], [4, 1]], family: 'shape' },
    { name: 'as_strided/overlapping', call: 'torch.as_strided', args: [any([5]), [3, 3], [1, 1]], family: 'shape' },
    { name: 'as_strided/zero stride keyword offset', call: 'torch.as_strided', args: [any([2, 3])], kwargs: { size: [2, 2], stride: [0, 1], storage_offset: 3 }, family: 'shape' },
    { name: 'as_strided/empty', call: 'torch.as_strided', args: [any([4]), [0, 2], [2, 1]], family: 'shape' },
    { name: 'as_strided/int64', call: 'torch.as_strided', args: [{ values: [4, -1, 7, 2], shape: [4], dtype: 'int64' }, [2], [2]], family: 'shape' },
  ]),
  apiDoc: { as_strided: { tests: ['table-ops', 'views'], notes: "a view of the base's data (writes either way are seen; src/alias.ts); offsets count elements of the base's row-major data; PyTorch's bounds and stride errors" } } }),
  // shape members (helper h-shape, src/ops/shape_members.ts): the *_scatter ops put src where the view op shows it
  [Op.DiagonalScatter]: manual('DiagonalScatterBackward0', ['self', 'src'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'diagonal_scatter/default', call: 'torch.diagonal_scatter', args: [any([3, 4]), any([3])], family: 'shape' },
    { name: 'diagonal_scatter/offset dims', call: 'Tensor.diagonal_scatter', args: [any([2, 3, 4]), any([2, 3]), 1, 1, 2], family: 'shape' },
    { name: 'diagonal_scatter/negative offset keyword', call: 'torch.diagonal_scatter', args: [any([4, 3]), any([2])], kwargs: { offset: -2 }, family: 'shape' },
    { name: 'diagonal_scatter/empty', call: 'torch.diagonal_scatter', args: [any([0, 3]), any([0])], family: 'shape' },
    { name: 'diagonal_scatter/float64 src', call: 'torch.diagonal_scatter', args: [any([2, 2]), { values: [1.5, -2], shape: [2], dtype: 'float64' }], family: 'shape' },
  ]),
    apiDoc: { diagonal_scatter: { section: 'Shape ops', tests: ['table-ops', 'shape-members'], notes: "not a view; src cast to input's dtype as `copy_` casts; the view's errors (diagonal's) and PyTorch's size check" } } }),
  [Op.SelectScatter]: manual('SelectScatterBackward0', ['self', 'src'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'select_scatter/dim 0', call: 'torch.select_scatter', args: [any([3, 4]), any([4]), 0, 1], family: 'shape' },
    { name: 'select_scatter/negative dim and index', call: 'Tensor.select_scatter', args: [any([2, 3, 4]), any([2, 3]), -1, -2], family: 'shape' },
    { name: 'select_scatter/keywords', call: 'torch.select_scatter', args: [any([3, 2]), any([3])], kwargs: { dim: 1, index: 0 }, family: 'shape' },
  ]),
    apiDoc: { select_scatter: { section: 'Shape ops', tests: ['table-ops', 'shape-members'], notes: "not a view; select's errors" } } }),
  [Op.SliceScatter]: manual('SliceScatterBackward0', ['self', 'src'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'slice_scatter/defaults', call: 'torch.slice_scatter', args: [any([2, 3]), any([2, 3])], kwargs: { step: 1 }, family: 'shape' },
    { name: 'slice_scatter/step keywords', call: 'torch.slice_scatter', args: [any([3, 4]), any([3, 2])], kwargs: { dim: 1, step: 2 }, family: 'shape' },
    { name: 'slice_scatter/negative start end', call: 'Tensor.slice_scatter', args: [any([5, 2]), any([2, 2]), 0, -4, -2, 1], family: 'shape' },
    { name: 'slice_scatter/clamped end', call: 'torch.slice_scatter', args: [any([3]), any([1]), 0, 2, 10, 1], family: 'shape' },
    { name: 'slice_scatter/empty slice', call: 'torch.slice_scatter', args: [any([3, 2]), any([0, 2]), 0, 2, 1, 1], family: 'shape' },
  ]),
    apiDoc: { slice_scatter: { section: 'Shape ops', tests: ['table-ops', 'shape-members'], notes: 'not a view; start and end wrapped once and clamped as ATen\'s slice; "slice step must be positive"; the default `step=1` as PyTorch 2 (PyTorch 1.13 slices one element when step is not given, so the fixtures pass it)' } } }),
  [Op.TensorUnfold]: manual('UnfoldBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'Tensor.unfold/windows', call: 'Tensor.unfold', args: [any([3, 5]), 1, 2, 1], family: 'shape' },
    { name: 'Tensor.unfold/step', call: 'Tensor.unfold', args: [any([7]), 0, 3, 2], family: 'shape' },
    { name: 'Tensor.unfold/negative dim', call: 'Tensor.unfold', args: [any([4, 2, 3]), -3, 2, 2], family: 'shape' },
    { name: 'Tensor.unfold/0-dim', call: 'Tensor.unfold', args: [any([]), 0, 1, 1], family: 'shape' },
    { name: 'Tensor.unfold/keywords empty windows', call: 'Tensor.unfold', args: [any([2, 4])], kwargs: { dimension: 1, size: 0, step: 3 }, family: 'shape' },
  ]),
    apiDoc: { 'Tensor.unfold': { section: 'Shape ops', tests: ['table-ops', 'shape-members'], notes: "sliding windows as a new last dim, a view of the input; PyTorch's errors" } } }),
  [Op.UnsafeSplit]: manual('UnsafeSplitBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'unsafe_split/size', call: 'torch.unsafe_split', args: [any([5, 3]), 2], family: 'shape' },
    { name: 'unsafe_split/method dim', call: 'Tensor.unsafe_split', args: [any([2, 7]), 3, -1], family: 'shape' },
    { name: 'unsafe_chunk/uneven dim', call: 'Tensor.unsafe_chunk', args: [any([3, 5]), 3, 1], family: 'shape' },
    { name: 'unsafe_chunk/function', call: 'torch.unsafe_chunk', args: [any([4, 3]), 2], family: 'shape' },
  ]),
    apiDoc: { unsafe_split: { section: 'Shape ops', tests: ['table-ops', 'shape-members'], notes: "copies: PyTorch's pieces share the input's data unknown to autograd, wasmgrad's do not share it; split's errors" },
      unsafe_chunk: { section: 'Shape ops', tests: ['table-ops', 'shape-members'], notes: "copies, as `unsafe_split`; chunk's errors" } } }),
  [Op.UnsafeSplitWithSizes]: manual('UnsafeSplitWithSizesBackward0', ['self'], 'gatherFlatBackward', { cases: withFloat64([
    { name: 'unsafe_split_with_sizes/sizes', call: 'torch.unsafe_split_with_sizes', args: [any([6, 2]), [1, 0, 5]], family: 'shape' },
    { name: 'unsafe_split_with_sizes/method dim', call: 'Tensor.unsafe_split_with_sizes', args: [any([2, 5]), [3, 2], 1], family: 'shape' },
    { name: 'unsafe_chunk/empty dim', call: 'torch.unsafe_chunk', args: [any([0, 2]), 2], family: 'shape' },
  ]),
    apiDoc: { unsafe_split_with_sizes: { section: 'Shape ops', tests: ['table-ops', 'shape-members'], notes: "copies, as `unsafe_split`; split_with_sizes' errors" } } }),
  [Op.Put]: manual('PutBackward0', ['self', 'source'], 'scatterFlatBackward', { cases: withFloat64([
    { name: 'put/flat', call: 'torch.put', args: [any([3, 4]), { values: [0, 5, -1], shape: [3], dtype: 'int64' }, any([3])], family: 'shape' },
    { name: 'put/accumulate repeated', call: 'Tensor.put', args: [any([2, 3]), { values: [1, 1, 4, 1], shape: [2, 2], dtype: 'int64' }, any([2, 2]), true], family: 'shape' },
    { name: 'put/keyword accumulate', call: 'torch.put', args: [any([4]), { values: [2], shape: [], dtype: 'int64' }, any([])], kwargs: { accumulate: true }, family: 'shape' },
    inplaceCase('put', [any([3, 4]), { values: [11, 0, -12], shape: [3], dtype: 'int64' }, any([3])]),
    inplaceCase('put', [any([2, 3]), { values: [1, 1, 4], shape: [3], dtype: 'int64' }, any([3]), true], {}, ' accumulate'),
  ]),
    apiDoc: { put: { section: 'Shape ops', tests: ['table-ops', 'shape-members'], notes: "flat positions of the input (negative ones wrap), `accumulate`; PyTorch's errors (index dtype, source dtype and count, out of range)" } } }),
  // the in-place view ops (helper h-shape): the tensor takes the view's sizes, strides and node (src/alias.ts adoptView)
  [Op.T1]: manual('TBackward1', ['self'], 'permuteBack', { cases: withFloat64([inplaceCase('t', [any([2, 3])])], 't_/inplace') }),
  [Op.Transpose1]: manual('TransposeBackward1', ['self'], 'permuteBack', { cases: withFloat64([
    inplaceCase('transpose', [any([2, 3, 4]), 0, 2]), inplaceCase('swapaxes', [any([2, 3]), 1, 0]), inplaceCase('swapdims', [any([2, 3]), -1, 0]),
  ], 'transpose_/inplace') }),
  [Op.Squeeze2]: view('SqueezeBackward2', withFloat64([inplaceCase('squeeze', [any([1, 3, 1])])], 'squeeze_/inplace')),
  [Op.Unsqueeze1]: view('UnsqueezeBackward1', withFloat64([inplaceCase('unsqueeze', [any([2, 3]), -1])], 'unsqueeze_/inplace')),
  [Op.AsStrided1]: manual('AsStridedBackward1', ['self'], 'gatherFlatBackward', { cases: withFloat64([inplaceCase('as_strided', [any([2, 3]), [2, 2], [1, 2], 1])], 'as_strided_/inplace') }),
  // losses 2 (helper losses): fused like mse_loss (src/nn/losses.ts; fixtures in scripts/loss_cases.py)
  [Op.SmoothL1Loss]: manual('SmoothL1LossBackward0', ['self', 'target'], 'smoothL1LossBackward', {
    apiDoc: { smooth_l1_loss: { section: 'torch.nn.functional', calls: ['F.smooth_l1_loss'], tests: ['table-ops', 'nn'], notes: "`F.smooth_l1_loss(reduction, beta)`: one fused op with its own node (`SmoothL1LossBackward0`), PyTorch's kernel and smooth_l1_loss_backward on both devices, target broadcast and float32/float64 mixing as `mse_loss`; `beta: 0` is `l1_loss` as in PyTorch 2 (1.13 keeps the kernel, whose gradient at d = 0 is −1); negative `beta` raises PyTorch's error; float32 and float64" } } }),
  [Op.HuberLoss]: manual('HuberLossBackward0', ['self', 'target'], 'huberLossBackward', {
    apiDoc: { huber_loss: { section: 'torch.nn.functional', calls: ['F.huber_loss'], tests: ['table-ops', 'nn'], notes: "`F.huber_loss(reduction, delta)`: one fused op (`HuberLossBackward0`), as `smooth_l1_loss`; `delta` ≤ 0 raises PyTorch's error" } } }),
  [Op.SoftMarginLoss]: manual('SoftMarginLossBackward0', ['self'], 'softMarginLossBackward', {
    apiDoc: { soft_margin_loss: { section: 'torch.nn.functional', calls: ['F.soft_margin_loss'], tests: ['table-ops', 'nn'], notes: "`F.soft_margin_loss(reduction)`: one fused op (`SoftMarginLossBackward0`): log1p(exp(−x·t)); a target that requires grad raises PyTorch's error, as does one that does not broadcast to the input's shape" } } }),
  [Op.MultiMarginLoss]: manual('MultiMarginLossBackward0', ['self'], 'multiMarginLossBackward', {
    apiDoc: { multi_margin_loss: { section: 'torch.nn.functional', calls: ['F.multi_margin_loss'], tests: ['table-ops', 'nn'], notes: "`F.multi_margin_loss(p, margin, weight, reduction)`: one op with its own node (`MultiMarginLossBackward0`): ATen's kernel and backward kernel on both devices; as PyTorch, under create_graph the gradient carries a `NotImplemented` node and the next order raises PyTorch's error; PyTorch's shape, target and `p` errors; a `weight` whose size is not the class count raises PyTorch 2's error (1.13 reads past it); an empty batch gives NaN (`'mean'`) or 0 (1.13 and 2 return an uninitialised value); float32 and float64" } } }),
  [Op.MultilabelMarginLoss]: manual('MultilabelMarginLossBackward0', ['self'], 'multilabelMarginLossBackward', {
    apiDoc: { multilabel_margin_loss: { section: 'torch.nn.functional', calls: ['F.multilabel_margin_loss'], tests: ['table-ops', 'nn'], notes: "`F.multilabel_margin_loss(reduction)`: one op with its own node (`MultilabelMarginLossBackward0`): ATen's kernel (each row's sum in float64, its accscalar_t) and backward kernel on both devices; as PyTorch, under create_graph the gradient carries a `NotImplemented` node and the next order raises PyTorch's error; a repeated target counts twice, as in ATen; PyTorch's shape and range errors; float32 and float64" } } }),
  // comparisons and logical ops: bool results, never recorded (src/ops/compare.ts, any dtype)
  [Op.Eq]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('eq', [{ values: [1, 2, NaN, -0, Infinity], shape: [5], dtype: 'float32' }, { values: [1, 3, NaN, 0, Infinity], shape: [5], dtype: 'float32' }]), grads: false, family: 'elementwise' }],
    apiDoc: { eq: { section: 'Elementwise ops', calls: ['torch.eq', 'Tensor.eq'], tests: ['dtypes'], notes: 'every dtype, a tensor or number operand; bool result; NaN, ±inf and ties against PyTorch; the in-place forms (`eq_`, ...) write 1 / 0 in the tensor\'s dtype, and refuse a tensor that requires grad (`NotImplementedError`: PyTorch records a node with zero gradients there)' } } }, [Op.Ne]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('ne', [{ values: [1, 2, NaN, -0], shape: [4], dtype: 'float64' }, 2]), grads: false, family: 'elementwise' }],
    apiDoc: { ne: { section: 'Elementwise ops', calls: ['torch.ne', 'Tensor.ne'], shares: 'eq' },
      not_equal: { section: 'Elementwise ops', calls: ['torch.not_equal', 'Tensor.not_equal'], shares: 'greater' } } }, [Op.Lt]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('lt', [{ values: [1, 2, NaN, -Infinity], shape: [4], dtype: 'float32' }, { values: [2, 2, 0, 0], shape: [4], dtype: 'int64' }]), grads: false, family: 'elementwise' }],
    apiDoc: { lt: { section: 'Elementwise ops', calls: ['torch.lt', 'Tensor.lt'], shares: 'eq' },
      less: { section: 'Elementwise ops', calls: ['torch.less', 'Tensor.less'], shares: 'greater' } } },
  [Op.Le]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('le', [{ values: [1, 2, 3], shape: [3], dtype: 'int64' }, 2]), grads: false, family: 'elementwise' }],
    apiDoc: { le: { section: 'Elementwise ops', calls: ['torch.le', 'Tensor.le'], shares: 'eq' },
      less_equal: { section: 'Elementwise ops', calls: ['torch.less_equal', 'Tensor.less_equal'], shares: 'greater' } } }, [Op.Gt]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('gt', [{ values: [0.5, -1, 2, 3, 0, -0], shape: [2, 3], dtype: 'float32' }, { values: [0.5, 0, 1], shape: [3], dtype: 'float32' }]), grads: false, family: 'elementwise' }],
    apiDoc: { gt: { section: 'Elementwise ops', calls: ['torch.gt', 'Tensor.gt'], shares: 'eq' },
      greater: { section: 'Elementwise ops', calls: ['torch.greater', 'Tensor.greater'], tests: ['dtypes'], notes: 'aliases' } } }, [Op.Ge]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('ge', [{ values: [1, 0, 1], shape: [3], dtype: 'bool' }, { values: [0, 0, 1], shape: [3], dtype: 'bool' }]), grads: false, family: 'elementwise' }],
    apiDoc: { ge: { section: 'Elementwise ops', calls: ['torch.ge', 'Tensor.ge'], shares: 'eq' },
      greater_equal: { section: 'Elementwise ops', calls: ['torch.greater_equal', 'Tensor.greater_equal'], shares: 'greater' } } },
  [Op.LogicalAnd]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('logical_and', [{ values: [0, 2, NaN, -1], shape: [4], dtype: 'float32' }, { values: [1, 1, 1, 0], shape: [4], dtype: 'float32' }]), grads: false, family: 'elementwise' }],
    apiDoc: { logical_and: { section: 'Elementwise ops', calls: ['torch.logical_and', 'Tensor.logical_and'], tests: ['dtypes'], notes: 'every dtype; NaN is true; the in-place forms refuse a tensor that requires grad, as `eq_`' } } }, [Op.LogicalOr]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('logical_or', [{ values: [0, 0, 3], shape: [3], dtype: 'int64' }, { values: [0, 1, 0], shape: [3], dtype: 'int64' }]), grads: false, family: 'elementwise' }],
    apiDoc: { logical_or: { section: 'Elementwise ops', calls: ['torch.logical_or', 'Tensor.logical_or'], shares: 'logical_and' } } },
  [Op.LogicalXor]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('logical_xor', [{ values: [0, 2, NaN], shape: [3], dtype: 'float32' }, { values: [1, 1, 0], shape: [3], dtype: 'bool' }]), grads: false, family: 'elementwise' }],
    apiDoc: { logical_xor: { section: 'Elementwise ops', calls: ['torch.logical_xor', 'Tensor.logical_xor'], shares: 'logical_and' } } }, [Op.LogicalNot]: { ...never(['self']), cases: [{ ...inplaceCase('logical_not', [{ values: [0, -0, 2, NaN], shape: [4], dtype: 'float32' }]), grads: false, family: 'elementwise' }],
    apiDoc: { logical_not: { section: 'Elementwise ops', calls: ['torch.logical_not', 'Tensor.logical_not'], shares: 'logical_and' } } },
  // scans along a dim (src/ops/scan.ts; kernels in ops/scan.ts on each device), one derivative helper
  [Op.Cumsum]: manual('CumsumBackward0', ['self'], 'scanBackward', { cases: [
    scan('cumsum/dim', 'torch.cumsum', [any([3, 4]), 1]),
    scan('cumsum/method negative dim', 'Tensor.cumsum', [any([2, 3, 4]), -2]),
    scan('cumsum/kwarg dim', 'torch.cumsum', [any([2, 3, 4])], { dim: 0 }),
    scan('cumsum/size-1 dim', 'torch.cumsum', [any([3, 1]), 1]),
    scan('cumsum/inf NaN', 'torch.cumsum', [{ values: [1, Infinity, -Infinity, 2, NaN, 3, -1, 4], shape: [2, 4] }, 1]),
    scan('cumsum/0-d', 'torch.cumsum', [{ values: [2.5], shape: [] }, -1]),
    scan('cumsum/empty', 'torch.cumsum', [any([0, 3]), 0]),
    scan('cumsum/empty other dim', 'torch.cumsum', [any([2, 0]), 0]),
    scan('cumsum/dtype float64', 'torch.cumsum', [any([3, 4]), 1], { dtype: 'float64' }),
    scan('cumsum/int64', 'torch.cumsum', [{ values: [3, -1, 4, 1, -5, 9], shape: [2, 3], dtype: 'int64' }, 1]),
    scan('cumsum/bool', 'Tensor.cumsum', [{ values: [1, 0, 1, 1], shape: [4], dtype: 'bool' }, 0]),
    scan('cumsum/int64 dtype float32', 'torch.cumsum', [{ values: [3, -1, 4], shape: [3], dtype: 'int64' }, 0], { dtype: 'float32' }),
    f64('cumsum/dim', 'torch.cumsum', [any([3, 4]), -1], {}, 'reduction'),
    inplaceCase('cumsum', [any([3, 4]), 0]),
  ],
    apiDoc: { cumsum: { tests: ['table-ops'], notes: "`torch.cumsum(dim, *, dtype)`: `CumsumBackward0` (the reversed cumsum of the gradient); float32 and float64 summed in float64 as PyTorch's CPU kernel; integer and bool inputs give int64; a float `dtype` converts in the graph (`ToCopyBackward0` before the node; PyTorch has the one node); an integer `dtype` on a tensor that requires grad raises PyTorch 1.13's internal assert; 0-d, empty, ±inf, NaN" } } }),
  [Op.Cumprod]: manual('CumprodBackward0', ['self'], 'scanBackward', { cases: [
    scan('cumprod/dim', 'torch.cumprod', [any([3, 4]), 1]),
    scan('cumprod/method negative dim', 'Tensor.cumprod', [any([2, 3, 4]), -1]),
    scan('cumprod/one zero', 'torch.cumprod', [{ values: [2, -1.5, 0, 3, 0.5], shape: [5] }, 0]),
    scan('cumprod/zero first', 'torch.cumprod', [{ values: [0, 2, -1.5, 3], shape: [4] }, 0]),
    scan('cumprod/zero last', 'torch.cumprod', [{ values: [2, -1.5, 3, 0], shape: [4] }, 0]),
    scan('cumprod/two zeros', 'torch.cumprod', [{ values: [2, 0, 3, -0.5, 0, 4], shape: [6] }, 0]),
    scan('cumprod/adjacent zeros', 'torch.cumprod', [{ values: [1.5, 0, 0, 2], shape: [4] }, 0]),
    scan('cumprod/zeros in some rows', 'torch.cumprod', [{ values: [1, 0, 2, 3, 4, 5, 0, 0, 1, 2, -1, 0.5], shape: [3, 4] }, 1]),
    scan('cumprod/zeros along dim 0', 'torch.cumprod', [{ values: [1, 2, 0, 3, 4, 0, 5, 6, 7], shape: [3, 3] }, 0]),
    scan('cumprod/inf NaN', 'torch.cumprod', [{ values: [2, Infinity, 0.5, -1, NaN, 3], shape: [2, 3] }, 1]),
    scan('cumprod/inf and zero', 'torch.cumprod', [{ values: [2, Infinity, 0, 3], shape: [4] }, 0]),
    scan('cumprod/size-1 dim', 'torch.cumprod', [{ values: [0, 2, Infinity], shape: [3, 1] }, 1]),
    scan('cumprod/0-d', 'torch.cumprod', [{ values: [0], shape: [] }, 0]),
    scan('cumprod/empty', 'torch.cumprod', [any([0, 3]), 1]),
    scan('cumprod/int64', 'torch.cumprod', [{ values: [3, -1, 4, 2, 0, 5], shape: [2, 3], dtype: 'int64' }, 1]),
    scan('cumprod/dtype float64', 'Tensor.cumprod', [any([2, 3]), 0], { dtype: 'float64' }),
    f64('cumprod/dim', 'torch.cumprod', [any([3, 4]), 0], {}, 'reduction'),
    f64('cumprod/zeros', 'torch.cumprod', [{ values: [1, 0, 2, 3, 4, 5, 0, 0, 1, 2, -1, 0.5], shape: [3, 4] }, 1], {}, 'reduction'),
    inplaceCase('cumprod', [any([3, 4]), -1]),
  ],
    apiDoc: { cumprod: { tests: ['table-ops'], notes: "`torch.cumprod(dim, *, dtype)`: `CumprodBackward0`, PyTorch's cumprod_backward: zeros (one, several, first, last) get its exact gradient; int64 for integer and bool inputs, as cumsum" } } }),
  [Op.Cummax]: manual('CummaxBackward0', ['self'], 'scanBackward', { cases: [
    scan('cummax/dim', 'torch.cummax', [any([3, 4]), 1]),
    scan('cummax/method negative dim', 'Tensor.cummax', [any([2, 3, 4]), -3]),
    scan('cummax/kwarg dim', 'torch.cummax', [any([3, 4])], { dim: 0 }),
    scan('cummax/ties', 'torch.cummax', [{ values: [1, 3, 3, 2, 3, 0, 0, 0, -1, -1, 5, 5], shape: [2, 6] }, 1]),
    scan('cummax/NaN inf', 'torch.cummax', [{ values: [1, NaN, 3, NaN, 2, -Infinity, Infinity, 0, Infinity, -1], shape: [2, 5] }, 1]),
    scan('cummax/0-d', 'torch.cummax', [{ values: [1.5], shape: [] }, 0]),
    scan('cummax/empty', 'torch.cummax', [any([0, 3]), 0]),
    scan('cummax/int64', 'torch.cummax', [{ values: [3, 1, 4, 1, 5, 9, 2, 6], shape: [2, 4], dtype: 'int64' }, 1]),
    scan('cummax/bool', 'torch.cummax', [{ values: [0, 1, 0, 1], shape: [4], dtype: 'bool' }, 0]),
    f64('cummax/dim', 'torch.cummax', [{ values: [1, 3, 3, 2, NaN, 0, 5, 5], shape: [2, 4] }, 1], {}, 'reduction'),
  ],
    apiDoc: { cummax: { tests: ['table-ops', 'errors'], notes: '`torch.cummax(dim)`, `torch.cummin(dim)` → `(values, indices)`: a `[values, indices]` array (int64 indices); the last of equal values and every NaN, as PyTorch; `CummaxBackward0` / `CumminBackward0` scatter-add the gradient to the indices; integer and bool inputs; a 0-d tensor takes any `dim`, as PyTorch (whose backward then raises the range error: here the forward raises it when the input requires grad)' } } }),
  [Op.Cummin]: manual('CumminBackward0', ['self'], 'scanBackward', { cases: [
    scan('cummin/dim', 'torch.cummin', [any([3, 4]), 1]),
    scan('cummin/method negative dim', 'Tensor.cummin', [any([2, 3, 4]), -1]),
    scan('cummin/ties', 'torch.cummin', [{ values: [3, 1, 1, 2, 1, 4, 0, 0, 0, 1, -1, -1], shape: [2, 6] }, 1]),
    scan('cummin/NaN inf', 'Tensor.cummin', [{ values: [1, NaN, -3, NaN, 2, Infinity, -Infinity, 0, -Infinity, 1], shape: [2, 5] }, -1]),
    scan('cummin/0-d', 'torch.cummin', [{ values: [-2], shape: [] }, -1]),
    scan('cummin/empty', 'torch.cummin', [any([2, 0]), 1]),
    scan('cummin/int64', 'torch.cummin', [{ values: [3, 1, 4, 1, 5, 9, 2, 6], shape: [2, 4], dtype: 'int64' }, 0]),
    f64('cummin/dim', 'torch.cummin', [any([3, 4]), 0], {}, 'reduction'),
  ],
    apiDoc: { cummin: { shares: 'cummax' } } }),
  [Op.Logcumsumexp]: manual('LogcumsumexpBackward0', ['self'], 'scanBackward', { cases: [
    scan('logcumsumexp/dim', 'torch.logcumsumexp', [any([3, 4]), 1]),
    scan('logcumsumexp/method negative dim', 'Tensor.logcumsumexp', [any([2, 3, 4]), -2]),
    scan('logcumsumexp/kwarg dim', 'torch.logcumsumexp', [any([3, 4])], { dim: 0 }),
    scan('logcumsumexp/large', 'torch.logcumsumexp', [{ values: [1000, -1000, 999, 1001, 88, 90], shape: [6] }, 0]),
    scan('logcumsumexp/-inf', 'torch.logcumsumexp', [{ values: [-Infinity, -Infinity, 1, -Infinity, 2, -Infinity], shape: [6] }, 0]),
    scan('logcumsumexp/inf', 'torch.logcumsumexp', [{ values: [1, Infinity, 2, Infinity, -Infinity, 3], shape: [2, 3] }, 1]),
    scan('logcumsumexp/NaN', 'torch.logcumsumexp', [{ values: [1, NaN, 2, -Infinity, NaN, Infinity], shape: [2, 3] }, 1]),
    scan('logcumsumexp/0-d', 'torch.logcumsumexp', [{ values: [0.5], shape: [] }, 0]),
    scan('logcumsumexp/empty', 'torch.logcumsumexp', [any([0, 3]), 0]),
    scan('logcumsumexp/size-1 dim', 'torch.logcumsumexp', [any([3, 1]), 1]),
    f64('logcumsumexp/dim', 'torch.logcumsumexp', [any([3, 4]), -1], {}, 'reduction'),
    f64('logcumsumexp/inf', 'torch.logcumsumexp', [{ values: [-Infinity, 1, Infinity, 2, -Infinity, -Infinity], shape: [2, 3] }, 1], {}, 'reduction'),
  ],
    apiDoc: { logcumsumexp: { tests: ['table-ops'], notes: "`torch.logcumsumexp(dim)`: `LogcumsumexpBackward0`, PyTorch's logcumsumexp_backward (±inf and NaN as PyTorch); float32 and float64 only, PyTorch's error for integers" } } }),
  // bitwise ops of integer and bool tensors (src/ops/bitwise.ts): no gradient
  [Op.BitwiseAnd]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('bitwise_and', [{ values: [6, 3, -1], shape: [3], dtype: 'int64' }, 5]), grads: false, family: 'elementwise' }],
    apiDoc: { bitwise_and: { section: 'Elementwise ops', calls: ['torch.bitwise_and', 'Tensor.bitwise_and'], tests: ['table-ops', 'errors'], notes: 'int64, int32 and bool (not the shifts) tensors, a number on either side, PyTorch\'s promotion; a float result is PyTorch\'s `"bitwise_and_cpu" not implemented for \'Float\'`; a left shift beyond int32 raises (int64 storage); a shift by a negative amount or 64 and more gives 0 (left) or the sign (right), as PyTorch 2 (1.13\'s result there is undefined)' } } }, [Op.BitwiseOr]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('bitwise_or', [{ values: [6, 3, -8], shape: [3], dtype: 'int64' }, { values: [1, 4, 2], shape: [3], dtype: 'int64' }]), grads: false, family: 'elementwise' }],
    apiDoc: { bitwise_or: { section: 'Elementwise ops', calls: ['torch.bitwise_or', 'Tensor.bitwise_or'], shares: 'bitwise_and' } } }, [Op.BitwiseXor]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('bitwise_xor', [{ values: [1, 0, 1], shape: [3], dtype: 'bool' }, { values: [1, 1, 0], shape: [3], dtype: 'bool' }]), grads: false, family: 'elementwise' }, { ...inplaceCase('bitwise_not', [{ values: [0, 5, -6], shape: [3], dtype: 'int64' }]), grads: false, family: 'elementwise' }],
    apiDoc: { bitwise_xor: { section: 'Elementwise ops', calls: ['torch.bitwise_xor', 'Tensor.bitwise_xor'], shares: 'bitwise_and' },
      bitwise_not: { section: 'Elementwise ops', calls: ['torch.bitwise_not', 'Tensor.bitwise_not'], shares: 'bitwise_and' } } },
  [Op.BitwiseLeftShift]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('bitwise_left_shift', [{ values: [1, 3, -2], shape: [3], dtype: 'int64' }, 2]), grads: false, family: 'elementwise' }],
    apiDoc: { bitwise_left_shift: { section: 'Elementwise ops', calls: ['torch.bitwise_left_shift', 'Tensor.bitwise_left_shift'], shares: 'bitwise_and' } } }, [Op.BitwiseRightShift]: { ...never(['self', 'other']), cases: [{ ...inplaceCase('bitwise_right_shift', [{ values: [4, 13, -9], shape: [3], dtype: 'int64' }, 2]), grads: false, family: 'elementwise' }],
    apiDoc: { bitwise_right_shift: { section: 'Elementwise ops', calls: ['torch.bitwise_right_shift', 'Tensor.bitwise_right_shift'], shares: 'bitwise_and' } } },
  // nn normalization and embedding (helper nnnorm, src/nn/norm.ts): native_layer_norm, one kernel per device
  [Op.LayerNorm]: manual('NativeLayerNormBackward0', ['input', 'weight', 'bias'], 'layerNormBackward', { cases: withFloat64([
    { name: 'layer_norm/weight bias', call: 'F.layer_norm', args: [any([2, 3, 4]), [4], any([4]), any([4])], family: 'reduction' },
    { name: 'layer_norm/two dims eps', call: 'F.layer_norm', args: [any([2, 3, 4]), [3, 4], any([3, 4]), any([3, 4])], kwargs: { eps: 0.01 }, family: 'reduction' },
    { name: 'layer_norm/no affine', call: 'F.layer_norm', args: [any([3, 5]), [5]], family: 'reduction' },
    { name: 'layer_norm/weight only', call: 'F.layer_norm', args: [any([3, 5]), [5], any([5])], family: 'reduction' },
    { name: 'layer_norm/bias only', call: 'F.layer_norm', args: [any([3, 5]), [5], null, any([5])], family: 'reduction' },
    { name: 'layer_norm/batch of 1', call: 'F.layer_norm', args: [any([1, 6]), [6], any([6]), any([6])], family: 'reduction' },
    { name: 'layer_norm/whole tensor', call: 'F.layer_norm', args: [any([2, 3]), [2, 3], any([2, 3]), null, 1e-3], family: 'reduction' },
    { name: 'layer_norm/1-D input', call: 'F.layer_norm', args: [any([7]), [7]], family: 'reduction' },
    { name: 'layer_norm/constant rows', call: 'F.layer_norm', args: [{ values: [2, 2, 2, 2, -1, -1, -1, -1], shape: [2, 4] }, [4], any([4]), any([4])], family: 'reduction' },
    { name: 'layer_norm/empty batch', call: 'F.layer_norm', args: [any([0, 4]), [4], any([4]), any([4])], family: 'reduction' },
  ], 3),
    apiDoc: { layer_norm: { section: 'torch.nn.functional', tests: ['table-ops'], notes: "`normalized_shape` of one or more dims, `weight`/`bias` each optional, `eps`; PyTorch's shape errors; one node (`NativeLayerNormBackward0`) with the rows' mean and rstd saved, PyTorch's layer_norm_backward; empty batch" } } }),
  // an embedding lookup is the gather kernel reading weight rows; its own node for padding_idx
  [Op.Embedding]: manual('EmbeddingBackward0', ['weight'], 'embeddingBackward', { cases: withFloat64([
    { name: 'embedding/2-D indices', call: 'F.embedding', args: [{ values: [1, 2, 4, 4, 3, 1], shape: [2, 3], dtype: 'int64' }, any([5, 3])], family: 'shape' },
    { name: 'embedding/padding_idx', call: 'F.embedding', args: [{ values: [0, 2, 0, 1], shape: [4], dtype: 'int64' }, any([4, 2])], kwargs: { padding_idx: 0 }, family: 'shape' },
    { name: 'embedding/negative padding_idx', call: 'F.embedding', args: [{ values: [3, 1, 3, 0], shape: [2, 2], dtype: 'int64' }, any([4, 3]), -1], family: 'shape' },
    { name: 'embedding/repeated index', call: 'F.embedding', args: [{ values: [2, 2, 0, 2], shape: [4], dtype: 'int64' }, any([3, 4])], family: 'shape' },
    { name: 'embedding/0-d index', call: 'F.embedding', args: [{ values: [2], shape: [], dtype: 'int64' }, any([3, 2])], family: 'shape' },
    { name: 'embedding/empty', call: 'F.embedding', args: [{ values: [], shape: [1, 0], dtype: 'int64' }, any([3, 2])], kwargs: { padding_idx: 1 }, family: 'shape' },
  ], 2),
    apiDoc: { embedding: { section: 'torch.nn.functional', tests: ['table-ops'], notes: "`padding_idx` (negative counts from the end; PyTorch's `AssertionError` outside), int64 or int32 indices of any shape (0-d, empty); the gather kernel with its own node (`EmbeddingBackward0`), the `padding_idx` row's gradient zero; `max_norm`/`norm_type` (the rows read are renormalized in `weight` in place, as `torch.embedding_renorm_`); `scale_grad_by_freq` and `sparse` raise `NotImplementedError`" } } }),
  // native_batch_norm: the front end gives each channel's mean and invstd (batch or running statistics)
  [Op.BatchNorm]: manual('NativeBatchNormBackward0', ['input', 'weight', 'bias'], 'batchNormBackward', { cases: withFloat64([
    { name: 'batch_norm/training', call: 'F.batch_norm', args: [any([4, 3]), null, null, any([3]), any([3]), true], family: 'reduction' },
    { name: 'batch_norm/eval running stats', call: 'F.batch_norm', args: [any([4, 3]), { values: [0.5, -1, 0.25], shape: [3], dtype: 'float32' }, { values: [0.8, 1.5, 0.3], shape: [3], dtype: 'float32' }, any([3]), any([3])], family: 'reduction' },
    { name: 'batch_norm/training 3-D momentum eps', call: 'F.batch_norm', args: [any([2, 3, 4]), null, null, any([3]), any([3])], kwargs: { training: true, momentum: 0.3, eps: 1e-3 }, family: 'reduction' },
    { name: 'batch_norm/eval 3-D no affine', call: 'F.batch_norm', args: [any([2, 3, 2]), { values: [0.5, -1, 0.25], shape: [3], dtype: 'float32' }, { values: [0.8, 1.5, 0.3], shape: [3], dtype: 'float32' }], family: 'reduction' },
    { name: 'batch_norm/training 4-D no affine', call: 'F.batch_norm', args: [any([2, 2, 3, 3]), null, null], kwargs: { training: true }, family: 'reduction' },
    { name: 'batch_norm/training weight only batch of 2', call: 'F.batch_norm', args: [any([2, 3]), null, null, any([3])], kwargs: { training: true }, family: 'reduction' },
    { name: 'batch_norm/training bias only', call: 'F.batch_norm', args: [any([3, 3]), null, null, null, any([3]), true], family: 'reduction' },
    { name: 'batch_norm/eval empty batch', call: 'F.batch_norm', args: [any([0, 3]), { values: [0.5, -1, 0.25], shape: [3], dtype: 'float32' }, { values: [0.8, 1.5, 0.3], shape: [3], dtype: 'float32' }, any([3]), any([3])], family: 'reduction' },
    { name: 'batch_norm/training empty batch', call: 'F.batch_norm', args: [any([0, 3]), null, null, any([3]), any([3]), true], family: 'reduction' },
    { name: 'batch_norm/training running stats', call: 'F.batch_norm', args: [any([4, 3]), { values: [0.5, -1, 0.25], shape: [3], dtype: 'float32' }, { values: [0.8, 1.5, 0.3], shape: [3], dtype: 'float32' }, any([3]), null, true], family: 'reduction' },
  ], 4),
    apiDoc: { batch_norm: { section: 'torch.nn.functional', tests: ['table-ops'], notes: 'input `(N, C, *)`; training mode normalizes with the batch\'s mean and biased variance and updates `running_mean`/`running_var` in place when given ((1 − momentum)·running + momentum·batch, the unbiased variance for `running_var`; an empty batch leaves them); eval mode uses them; one node in both modes (`NativeBatchNormBackward0`, PyTorch\'s batch_norm_backward); under create_graph its derivative records itself, with the training mode\'s mean and invstd recomputed from the input, so the third derivative is the exact one where PyTorch\'s batchnorm_double_backward holds them constant (and PyTorch 1.13\'s raises with a bias and no weight); an empty input is ATen\'s `input.clone() * weight[0] + bias[0]`; PyTorch\'s checks ("Expected more than 1 value per channel when training", sizes, mixed dtypes)' } } }),
  // native_group_norm (helper normdrop, src/nn/group_norm.ts): layer norm's kernel, weight and bias per channel
  [Op.GroupNorm]: manual('NativeGroupNormBackward0', ['input', 'weight', 'bias'], 'layerNormBackward', { cases: withFloat64([
    { name: 'group_norm/weight bias 3-D', call: 'F.group_norm', args: [any([2, 6, 3]), 3, any([6]), any([6])], family: 'reduction' },
    { name: 'group_norm/4-D eps', call: 'F.group_norm', args: [any([2, 4, 2, 3]), 2, any([4]), any([4])], kwargs: { eps: 0.01 }, family: 'reduction' },
    { name: 'group_norm/no affine', call: 'F.group_norm', args: [any([3, 4, 2]), 2], family: 'reduction' },
    { name: 'group_norm/weight only 2-D', call: 'F.group_norm', args: [any([3, 6]), 2, any([6])], family: 'reduction' },
    { name: 'group_norm/one group', call: 'F.group_norm', args: [any([2, 3, 2]), 1, any([3]), any([3])], family: 'reduction' },
    { name: 'group_norm/group per channel', call: 'F.group_norm', args: [any([2, 3, 4]), 3, any([3]), any([3])], kwargs: { eps: 1e-3 }, family: 'reduction' },
    { name: 'group_norm/batch of 1', call: 'F.group_norm', args: [any([1, 4, 3]), 2, any([4]), any([4])], family: 'reduction' },
    { name: 'group_norm/a zero group', call: 'F.group_norm', args: [{ values: [0, 0, 0, 0, 1.5, -0.5, 2, 0.25], shape: [1, 4, 2] }, 2, any([4]), any([4])], family: 'reduction' },
  ], 3),
    apiDoc: { group_norm: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: 'input `(N, C, *)`, `num_groups` dividing C, `weight`/`bias` per channel each optional, `eps`; one node (`NativeGroupNormBackward0`) over layer norm\'s kernels with per-channel weight and bias (each group\'s mean and rstd saved); PyTorch\'s checks ("Expected number of channels in input to be divisible by num_groups", weight/bias sizes (the bias message prints the weight\'s shape, as PyTorch\'s), "Expected more than 1 value per channel when training", `num_groups` 0 or negative); not fixture-checked: an empty input\'s backward and a bias without weight (PyTorch 1.13\'s backward raises for both)' } } }),
  // F.embedding_bag and F.ctc_loss (helper ebag): ATen's kernels and backward kernels on both devices,
  // fixtures in scripts/bag_ctc_cases.py
  [Op.EmbeddingBag]: manual('EmbeddingBagBackward0', ['weight', 'per_sample_weights'], 'embeddingBagBackward', {
    apiDoc: { embedding_bag: { section: 'torch.nn.functional', tests: ['table-ops', 'nn'], calls: ['F.embedding_bag'], notes: "2-D `input` (bags of its rows) or 1-D `input` with `offsets` (`include_last_offset`); `mode` 'sum', 'mean', 'max' (the first largest wins a tie), `per_sample_weights` ('sum' only), `padding_idx` (its entries leave the bag, and the mean's count), `max_norm`/`norm_type` (the rows read are renormalized in place, as `torch.embedding_renorm_`), `scale_grad_by_freq`; an empty bag gives zeros; one node (`EmbeddingBagBackward0`) with ATen's forward and backward kernels on both devices, gradients for `weight` and `per_sample_weights` (as PyTorch, under create_graph they carry a `NotImplemented` node and the next order raises PyTorch's error); PyTorch's errors; `sparse=True` raises NotImplementedError (no sparse tensors)" } } }),
  [Op.CtcLoss]: manual('CtcLossBackward0', ['log_probs'], 'ctcLossBackward', {
    apiDoc: { ctc_loss: { section: 'torch.nn.functional', tests: ['table-ops', 'nn'], calls: ['F.ctc_loss'], notes: "`log_probs` (T, N, C) or unbatched (T, C); `targets` padded (N, S) or concatenated (sum of target lengths), int64 or int32; `input_lengths`/`target_lengths` as tensors or arrays; `blank`, `reduction` ('mean' divides each loss by its target length (at least 1) then averages, as PyTorch), `zero_infinity`; the alpha recursion in log space (ATen's `ctc_loss_cpu_template`) and PyTorch's gradient formula (`CtcLossBackward0`, not autograd through the recursion; as PyTorch, under create_graph the gradient carries a `NotImplemented` node and the next order raises PyTorch's error), float32 and float64, both devices; an impossible alignment gives inf; PyTorch's errors. An input length of 0 gives 0 for an empty target and inf otherwise (PyTorch 1.13 reads outside the sample there)" } } }),
  // a fused backward kernel recorded under create_graph: inputs (g, x, y) of backwardKernels[i0],
  // numbers c, c2; its derivative for g is the same kernel, for x and y the kernel's `grad` formulas
  // conv_transpose1d/2d, and conv's weight gradient as an op of its own (helper convt): with
  // Convolution a family whose derivatives are its own ops, so create_graph records to any order
  [Op.ConvolutionTranspose]: manual('ConvolutionBackward0', ['input', 'weight', 'bias'], 'convolutionBackward', { cases: CONV_TRANSPOSE_CASES,
    apiDoc: { conv_transpose2d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], calls: ['torch.conv_transpose2d'], notes: "`bias`, `stride`, `padding`, `output_padding` (smaller than the stride or the dilation), `groups`, `dilation` (PyTorch's argument order); batched or unbatched; `ConvolutionBackward0`: conv2d's input gradient (col2im of Wᵀ·x) as a forward op, its input gradient a conv2d and its weight gradient conv2d's; PyTorch's errors (`Given transposed=1, ...`, the output padding and output size checks)" },
      conv_transpose1d: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], calls: ['torch.conv_transpose1d'], notes: 'as `F.conv_transpose2d` over [N, C, L] (the same node and kernels, H = 1)' } } }),
  // F.unfold / F.fold (helper convt): im2col and col2im, each the other's derivative
  [Op.Im2Col]: manual('Im2ColBackward0', ['self'], 'foldBackward', { cases: UNFOLD_CASES,
    apiDoc: { unfold: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: "`kernel_size`, `dilation`, `padding`, `stride` (numbers or pairs); [N, C, H, W] or unbatched [C, H, W] to [N, C·kh·kw, L] (conv's im2col kernel); `Im2ColBackward0`, whose derivative is `F.fold` (create_graph to any order); PyTorch's errors (im2col_shape_check)" } } }),
  [Op.Col2Im]: manual('Col2ImBackward0', ['self'], 'foldBackward', { cases: FOLD_CASES,
    apiDoc: { fold: { section: 'torch.nn.functional', tests: ['table-ops', 'arguments'], notes: "`output_size`, `kernel_size`, `dilation`, `padding`, `stride`; [N, C·kh·kw, L] or unbatched [C·kh·kw, L] to [N, C, *output_size], overlaps summed (conv's col2im kernel); `Col2ImBackward0`, whose derivative is `F.unfold`; PyTorch's errors (col2im_shape_check)" } } }),
  [Op.ConvolutionWeight]: manual('ConvolutionBackwardBackward0', ['input', 'grad_output'], 'convolutionBackward', {
    apiDoc: { convolution_weight: { skip: "the node a convolution's weight gradient records under create_graph: see [Higher-order gradients](#autograd)" } } }),
  [Op.FusedBackward]: manual('FusedBackwardBackward0', ['g', 'x', 'y'], 'fusedBackward', {
    apiDoc: { fused: { skip: 'the node a fused derivative kernel records under create_graph: see [Higher-order gradients](#autograd)' } } }),
  // PyTorch's NotImplemented node: the gradient of a rule PyTorch cannot differentiate again, recorded
  // under create_graph so the next backward that reaches it raises PyTorch's error (assembly/grad/no_derivative.ts)
  [Op.NoDerivative]: manual('NotImplemented', ['grad', 'self'], 'noDerivativeBackward', {
    apiDoc: { no_derivative: { skip: 'the node a margin loss, ctc_loss or embedding_bag gradient carries under create_graph: see [Higher-order gradients](#autograd)' } } }),
};

/**
 * Fused backward kernels: g·f(x, y) in one pass, as PyTorch's *_backward kernels
 * (sigmoid_backward, threshold_backward). Formulas call them by name with
 * (gradient, x[, y][, numbers...]); x and y are broadcast to the gradient's shape.
 */
export interface BackwardKernel {
  /** PyTorch's grad_fn name of the kernel when recorded (create_graph); FusedBackwardBackward0 when not given. */
  readonly node?: string;
  /** What the kernel reads: 'x', 'x y', or with numbers 'x c', 'x c c2'. */
  readonly args: string;
  readonly kernel: Kernel;
  /**
   * The kernel's own derivative, for create_graph: 'mask' when it reads x and y only through
   * comparisons (g·f with f piecewise constant: x and y get zero gradients), else a formula per
   * tensor it reads, over `grad` (the incoming gradient), g, x, y, c and c2. Its derivative for g
   * is the kernel itself on `grad` unless a `g` formula says otherwise. Without it, create_graph
   * through the kernel raises.
   */
  readonly grad?: 'mask' | { readonly g?: string; readonly x: string; readonly y?: string };
}

export const backwardKernels: Readonly<Record<string, BackwardKernel>> = {
  max_backward_a: { args: 'x y', kernel: 'x < y ? 0 : x == y ? g / 2 : g', grad: 'mask' },
  max_backward_b: { args: 'x y', kernel: 'y < x ? 0 : x == y ? g / 2 : g', grad: 'mask' },
  min_backward_a: { args: 'x y', kernel: 'x > y ? 0 : x == y ? g / 2 : g', grad: 'mask' },
  min_backward_b: { args: 'x y', kernel: 'y > x ? 0 : x == y ? g / 2 : g', grad: 'mask' },
  pow_scalar_backward: { args: 'x c', kernel: 'c == 0 ? 0 : g * (c * powScalar(x, c - 1))', grad: { x: 'c == 0 || c == 1 ? zeros_like(x) : pow_scalar_backward(grad * g * c, x, c - 1)' } },
  // PyTorch's double backward of pow_backward_self through its where(exponent == 0, 0, ·) and
  // pow(self, exponent − 1) (helper cg2)
  pow_backward_self: {
    args: 'x y', kernel: 'y == 0 ? 0 : g * (y * powC(x, y - 1))',
    grad: {
      x: 'pow_backward_self(grad * g * y, x, y - 1)',
      y: 'nonzero_mask(pow_tensor(grad * g, x, y - 1) + y * pow_backward_exponent(pow_tensor(grad * g, x, y - 1) * log(x), x, y - 1), y)',
    },
  },
  // g·x^y: pow's own value in pow_backward_self's derivatives (helper cg2)
  pow_tensor: { args: 'x y', kernel: 'g * powC(x, y)', grad: { x: 'pow_backward_self(grad * g, x, y)', y: 'grad * pow_backward_exponent(pow_tensor(g, x, y) * log(x), x, y)' } },
  // g is result·ln(x) here: 0 where x = 0 and y ≥ 0
  pow_backward_exponent: { args: 'x y', kernel: 'x == 0 && y >= 0 ? 0 : g', grad: 'mask' },
  // the same for a number base 0, told by the result x = 0^y: 0 or 1 exactly when y ≥ 0
  zero_base_backward: { args: 'x', kernel: 'x == 0 || x == 1 ? 0 : g', grad: 'mask' },
  clamp_backward: { args: 'x c c2', kernel: 'x >= c && x <= c2 ? g : 0', grad: 'mask' },
  // g·sgn(x): sgn is 0 at ±0 and NaN, and g·0 keeps PyTorch's signed zero
  abs_backward: { args: 'x', kernel: 'x > 0 ? g : x < 0 ? -g : g * 0', grad: 'mask' },
  sigmoid_backward: { node: 'SigmoidBackwardBackward0', args: 'x', kernel: 'g * (1 - x) * x', grad: { x: 'grad * g * (1 - 2 * x)' } },
  tanh_backward: { node: 'TanhBackwardBackward0', args: 'x', kernel: 'g * (1 - x * x)', grad: { x: '-2 * grad * g * x' } },
  relu_backward: { node: 'ThresholdBackwardBackward0', args: 'x', kernel: 'x <= 0 ? 0 : g', grad: 'mask' },
  leaky_relu_backward: { node: 'LeakyReluBackwardBackward0', args: 'x c', kernel: 'x > 0 ? g : g * c', grad: 'mask' },
  // PyTorch's vectorized kernel (what a tensor of 8 or more floats gets): NaN passes no gradient
  hardtanh_backward: { node: 'HardtanhBackwardBackward0', args: 'x c c2', kernel: 'x > c && x < c2 ? g : 0', grad: 'mask' },
  elu_backward: { node: 'EluBackwardBackward0', args: 'x c', kernel: 'x <= 0 ? g * c * exp(x) : g', grad: { x: 'lt_mul(elu_backward(grad * g, x, c), x, 0)' } },
  celu_backward: { node: 'EluBackwardBackward0', args: 'x c', kernel: 'x <= 0 ? g * exp(x * (1 / c)) : g', grad: { x: 'lt_mul(celu_backward(grad * g * (1 / c), x, c), x, 0)' } },
  selu_backward: { node: 'EluBackwardBackward0', args: 'x', kernel: 'x <= 0 ? g * 1.7580993408473766 * exp(x) : g * 1.0507009873554805', grad: { x: 'lt_mul(selu_backward(grad * g, x), x, 0)' } },
  // the in-place forms' (EluBackward1, CeluBackward1): from the result x, PyTorch's is_result branch
  // as its vectorized kernel selects it (x > 0: NaN takes the negative side and gives NaN)
  // their second derivative is PyTorch's elu_double_backward for a result: where result < 0 (a result of 0 gets none)
  elu_result_backward: { node: 'EluBackwardBackward0', args: 'x c', kernel: 'x > 0 ? g : g * (x + c)', grad: { x: 'lt_mul(grad * g, x, 0)' } },
  celu_result_backward: { node: 'EluBackwardBackward0', args: 'x c', kernel: 'x > 0 ? g : g * (1 / c) * (x + c)', grad: { x: 'lt_mul(grad * g * (1 / c), x, 0)' } },
  selu_result_backward: { node: 'EluBackwardBackward0', args: 'x', kernel: 'x > 0 ? g * 1.0507009873554805 : g * (x + 1.7580993408473766)', grad: { x: 'lt_mul(grad * g, x, 0)' } },
  shrink_backward: { args: 'x c', kernel: 'x >= -c && x <= c ? 0 : g', grad: 'mask' },
  threshold_backward: { node: 'ThresholdBackwardBackward0', args: 'x c', kernel: 'x <= c ? 0 : g', grad: 'mask' },
  softplus_backward: { node: 'SoftplusBackwardBackward0', args: 'x c c2', kernel: { let: { z: 'exp(x * c)' }, expr: 'x * c > c2 ? g : g * z / (z + 1)' }, grad: { x: 'lt_mul(grad * g * c * sigmoid(x * c) * (1 - sigmoid(x * c)), x * c, c2)' } },
  silu_backward: { args: 'x', kernel: { let: { s: '1 / (1 + exp(-x))' }, expr: 'g * s * (1 + x * (1 - s))' }, grad: { x: 'grad * g * sigmoid(x) * (1 - sigmoid(x)) * (2 + x * (1 - 2 * sigmoid(x)))' } },
  mish_backward: {
    args: 'x', kernel: { let: { s: '1 / (1 + exp(-x))', t: 'tanh(log1p(exp(x)))' }, expr: 'g * (t + x * s * (1 - t * t))' },
    grad: {
      x: 'grad * g * (1 - tanh(log1p(exp(x))) * tanh(log1p(exp(x)))) * sigmoid(x) * (2 + x * (1 - sigmoid(x)) - 2 * x * sigmoid(x) * tanh(log1p(exp(x))))',
    },
  },
  log_sigmoid_backward: {
    node: 'LogSigmoidBackwardBackward0', args: 'x', kernel: { let: { z: 'exp(-abs(x))' }, expr: 'x < 0 ? g * (1 - z / (1 + z)) : g * (z / (1 + z))' },
    grad: { x: '-grad * g * sigmoid(x) * (1 - sigmoid(x))' },
  },
  // PyTorch multiplies by its one_sixth, 1.0f / 6.0f computed in float32, for float64 too
  hardsigmoid_backward: { node: 'HardsigmoidBackwardBackward0', args: 'x', kernel: 'x > -3 && x < 3 ? g * 0.1666666716337204 : 0', grad: 'mask' },
  // PyTorch's vectorized kernel: at x = 3 the gradient is g (its scalar tail loop says 1.5·g)
  hardswish_backward: { node: 'HardswishBackwardBackward0', args: 'x', kernel: 'x < -3 ? 0 : x >= 3 ? g : g * (x / 3 + 0.5)', grad: { x: 'hardtanh_backward(grad * g / 3, x, -3, 3)' } },
  gelu_backward: {
    node: 'GeluBackwardBackward0', args: 'x', kernel: {
      let: { cdf: '0.5 * (1 + erf(x * 0.7071067811865476))', pdf: 'exp(-0.5 * x * x) * 0.3989422804014327' },
      expr: 'g * (cdf + x * pdf)',
    },
    grad: { x: 'grad * g * exp(-0.5 * x * x) * 0.3989422804014327 * (2 - x * x)' },
  },
  gelu_tanh_backward: {
    node: 'GeluBackwardBackward0', args: 'x', kernel: {
      let: {
        inner: '0.7978845608028654 * (x + 0.044715 * x * x * x)', t: 'tanh(inner)',
        dinner: '0.7978845608028654 * (1 + 3 * 0.044715 * x * x)',
      },
      expr: 'g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dinner)',
    },
    grad: {
      // (1 − t²)(d − x·t·d² + 3·k·a·x²) with t = tanh(k(x + a·x³)), d = k(1 + 3a·x²)
      x: 'grad * g * (1 - tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)) * tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))) * ((0.7978845608028654 * (1 + 0.134145 * x * x)) - x * tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)) * (0.7978845608028654 * (1 + 0.134145 * x * x)) * (0.7978845608028654 * (1 + 0.134145 * x * x)) + 0.10703222440890038 * x * x)',
    },
  },
  // where(self >= min, grad, 0): NaN passes no gradient
  clamp_min_backward: { args: 'x c', kernel: 'x >= c ? g : 0', grad: 'mask' },
  clamp_max_backward: { args: 'x c', kernel: 'x <= c ? g : 0', grad: 'mask' },
  // no eps: NaN outside [0, 1]; with eps: 0 outside [eps, 1 − eps] (and at NaN, as PyTorch's
  // vectorized kernel, which a tensor of 8 or more floats gets)
  logit_backward: {
    args: 'x c', kernel: 'c != c ? (x < 0 || x > 1 ? 0 / 0 : g / (x * (1 - x))) : x >= c && x <= 1 - c ? g / (x * (1 - x)) : 0',
    // PyTorch's double backward multiplies by the mask rather than selecting: NaN at 0 and 1
    grad: {
      g: 'c != c ? in_range_mul(grad / (x * (1 - x)), x, 0, 1) : in_range_mul(grad / (x * (1 - x)), x, c, 1 - c)',
      x: 'c != c ? in_range_mul(grad * g * (2 * x - 1) / (x * (1 - x) * (x * (1 - x))), x, 0, 1) : in_range_mul(grad * g * (2 * x - 1) / (x * (1 - x) * (x * (1 - x))), x, c, 1 - c)',
    },
  },
  // where(x ⋈ y, grad, 0): clamp_min/clamp_max with a tensor bound (input ≥ / ≤ the bound
  // keeps the input's gradient, the bound gets it strictly beyond)
  // fmax/fmin: self keeps the gradient where it is chosen or ties, or other is NaN (helper h-numeric)
  fmax_backward_a: { args: 'x y', kernel: 'x >= y || y != y ? g : 0', grad: 'mask' },
  fmax_backward_b: { args: 'x y', kernel: 'x >= y || y != y ? 0 : g', grad: 'mask' },
  fmin_backward_a: { args: 'x y', kernel: 'x <= y || y != y ? g : 0', grad: 'mask' },
  fmin_backward_b: { args: 'x y', kernel: 'x <= y || y != y ? 0 : g', grad: 'mask' },
  grad_where_ge: { args: 'x y', kernel: 'x >= y ? g : 0', grad: 'mask' },
  grad_where_le: { args: 'x y', kernel: 'x <= y ? g : 0', grad: 'mask' },
  grad_where_lt: { args: 'x y', kernel: 'x < y ? g : 0', grad: 'mask' },
  grad_where_gt: { args: 'x y', kernel: 'x > y ? g : 0', grad: 'mask' },
  // grad · result / self, 0 where self = 0
  // its derivatives through self and through the result cancel (result / self is ±1) except at
  // self = 0, where PyTorch's masked formula gives NaN (0 · y / 0)
  copysign_backward: {
    args: 'x y', kernel: 'x != 0 ? g * (y / x) : 0', grad: { x: '-nonzero_mask(grad, x) * g * y / (x * x)', y: 'nonzero_mask(grad, x) * g / x' },
  },
  // its derivative as PyTorch's autograd takes it through grad·(p·cos p − sin p) / (x·x·π), p = πx,
  // under where(x·x·π == 0, 0, ·): NaN at x = 0 (0 times 0/0) (helper cg2)
  sinc_backward: {
    args: 'x', kernel: { let: { p: '3.141592653589793 * x' }, expr: 'x == 0 ? 0 : g * ((p * cos(p) - sin(p)) / (p * x))' },
    grad: {
      g: 'nonzero_mask(grad, x * x * 3.141592653589793) / (x * x * 3.141592653589793) * (3.141592653589793 * x * cos(3.141592653589793 * x) - sin(3.141592653589793 * x))',
      x: '-(nonzero_mask(grad, x * x * 3.141592653589793) / (x * x * 3.141592653589793) * g * (3.141592653589793 * x) * sin(3.141592653589793 * x)) * 3.141592653589793 - 2 * x * (nonzero_mask(grad, x * x * 3.141592653589793) * (g * (3.141592653589793 * x * cos(3.141592653589793 * x) - sin(3.141592653589793 * x)) / (x * x * 3.141592653589793) / (x * x * 3.141592653589793))) * 3.141592653589793',
    },
  },
  // grad · isfinite(self): a NaN gradient stays NaN where self is not finite, as grad · 0
  nan_to_num_backward: { args: 'x', kernel: 'g * (x == x && abs(x) != inf ? 1 : 0)', grad: 'mask' },
  // at::xlogy(grad, other).masked_fill((self == 0) & (other <= 0), 0): log(other) where self = 0
  // too, unless other ≤ 0 (NaN for a NaN other)
  xlogy_backward_self: {
    args: 'x y', kernel: 'x == 0 && y <= 0 ? 0 : g == 0 && y == y ? 0 : g * log(y)',
    grad: { x: 'zeros_like(x)', y: 'xlogy_mask(nonzero_mask(grad * g / y, g), x, y)' },
  },
  // at::xlog1py(grad, other).masked_fill((self == 0) & (other <= -1), 0): xlogy's, shifted by one (helper h-special)
  xlog1py_backward_self: {
    args: 'x y', kernel: 'x == 0 && y <= -1 ? 0 : g == 0 && y == y ? 0 : g * log1p(y)',
    grad: { x: 'zeros_like(x)', y: 'xlog1py_mask(nonzero_mask(grad * g / (y + 1), g), x, y)' },
  },
  xlog1py_mask: { args: 'x y', kernel: 'x == 0 && y <= -1 ? 0 : g', grad: 'mask' },
  // PyTorch's i1_backward and i1e_backward: ½ at 0, where i1(x)/x is 0/0, and at NaN (its |x| > eps is false)
  // Their derivatives, as PyTorch's autograd takes them through its
  // where(|x| > eps, i0(s) − y/s, ½) with s = where(|x| > eps, x, eps) and y the recorded i1(x):
  // gg = where(|x| > 0, grad·g, 0); through x the terms in s (1/s as PyTorch's reciprocal: no inf·0
  // at ±inf), through y (its node) −gg·(1/s) (i1e: −gg·(sgn s + 1/s)). The masks select, as PyTorch's where: 0 and NaN pass nothing, and
  // the safe s (1 where masked) keeps the masked terms finite for the next order (helper h-cg)
  i1_backward: {
    args: 'x y', kernel: 'abs(x) > 0 ? g * (besselI0(x) - y / x) : g * 0.5',
    grad: {
      x: 'nontiny_mask(nontiny_mask(grad * g, x) * (special_i1(nontiny_or_one(x, x)) + y * (1 / nontiny_or_one(x, x)) * (1 / nontiny_or_one(x, x))), x)',
      y: '-(nontiny_mask(grad * g, x) * (1 / nontiny_or_one(x, x)))',
    },
  },
  i1e_backward: {
    args: 'x y', kernel: 'abs(x) > 0 ? g * (besselI0e(x) - y * (sign(x) + 1 / x)) : g * 0.5',
    grad: {
      x: 'nontiny_mask(nontiny_mask(grad * g, x) * (special_i1e(nontiny_or_one(x, x)) - sgn(nontiny_or_one(x, x)) * special_i0e(nontiny_or_one(x, x)) + y * (1 / nontiny_or_one(x, x)) * (1 / nontiny_or_one(x, x))), x)',
      y: '-(nontiny_mask(grad * g, x) * (sgn(nontiny_or_one(x, x)) + 1 / nontiny_or_one(x, x)))',
    },
  },
  // where(|x| > 0, grad, 0): NaN and 0 pass nothing
  nontiny_mask: { args: 'x', kernel: 'abs(x) > 0 ? g : 0', grad: 'mask' },
  // where(|x| > 0, g, 1), called with g = x: i1's safe x, whose derivative is the mask
  nontiny_or_one: { args: 'x', kernel: 'abs(x) > 0 ? g : 1', grad: { g: 'nontiny_mask(grad, x)', x: 'zeros_like(x)' } },
  // masked_fill(grad, (x == 0) & (y ≤ 0), 0)
  xlogy_mask: { args: 'x y', kernel: 'x == 0 && y <= 0 ? 0 : g', grad: 'mask' },
  // where(x != 0, grad, 0)
  nonzero_mask: { args: 'x', kernel: 'x != 0 ? g : 0', grad: 'mask' },
  // grad · (x < c) and grad · (c ≤ x ≤ c2) as PyTorch's double backwards multiply by a mask:
  // NaN and ±inf in grad stay NaN outside it
  lt_mul: { args: 'x c', kernel: 'g * (x < c ? 1 : 0)', grad: 'mask' },
  in_range_mul: { args: 'x c c2', kernel: 'g * (x >= c && x <= c2 ? 1 : 0)', grad: 'mask' },
};

/**
 * The hand-written rules (`manual` rows) written wholly in recording ops, so create_graph
 * differentiates them again; a backward with create_graph through any other manual row raises
 * NotImplementedError before a gradient moves. A name joins when its higher-order fixtures
 * (scripts/gen_higher_order_fixtures.py) pass on both devices.
 */
export const recordingRules: ReadonlySet<string> = new Set([
  'sumBackward', 'meanBackward', 'reshapeToInput', 'permuteBack', 'expandBackward', 'fusedBackward',
  'mmBackward', 'bmmBackward', 'mvBackward', 'dotBackward', 'addmmBackward', 'ternaryBackward', 'zerosBackward',
  'softmaxBackward', 'logSoftmaxBackward', 'mseLossBackward', 'bceBackward', 'bceWithLogitsBackward', 'smoothL1LossBackward',
  'huberLossBackward', 'softMarginLossBackward', 'nllLossBackward', 'customBackward', 'addProductBackward', 'crossBackward',
  'gluBackward', 'maxPool2dBackward', 'embeddingBackward', 'layerNormBackward',
  'maxUnpoolBackward', // pooling 2 (helper pool2)
  'catBackward', 'stackBackward', 'sliceBackward', 'gatherFlatBackward', 'scatterFlatBackward', // shape and indexing (helper cg-shape)
  'logsumexpBackward', 'varBackward', 'nansumBackward', 'amaxBackward', 'maxAllBackward', 'maxDimBackward',
  'vectorNormBackward', 'normBackward', 'medianAllBackward', // the reductions (cg-reduce)
  'sortBackward', 'scanBackward', 'linalgInvBackward', 'prodBackward', // sort family, the scans, inv, prod (helper cg2)
  'convolutionBackward', 'foldBackward', // the convolution family, unfold and fold (helper convt)
  'avgPoolBackward', 'batchNormBackward', // the average pools, batch norm (helper h-cga)
  'multiMarginLossBackward', 'multilabelMarginLossBackward', 'ctcLossBackward', 'embeddingBagBackward', 'noDerivativeBackward', // PyTorch's NotImplemented (h-cgb)
  'scatterReduceBackward', // PyTorch's scatter_reduce_backward of recorded flat gathers and scatters (h-cgb)
  'cdistBackward', // _cdist_backward from recorded ops over the broadcast row differences (h-cg)
  'toCopyBackward', // a cast back to the input's dtype, by the cast op itself (h-autograd)
  'svdBackward', // U·diag(gS)·Vh recorded, U and Vh outputs of linalg.svd's Function (h-autograd)
]);
