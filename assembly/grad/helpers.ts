// The vocabulary of the derivative table (derivatives.ts): ops on tensor ids
// that (1) pass any negative Err straight through, so a rule is one
// expression, and (2) register what they create as temporaries of the current
// rule, freed by end() except for the rule's result.

import { Op, Err, DType, Rec } from '../../abi/abi';
import {
  retain, release, newTensorN, newTensor, dataOf, numelOf, ndimOf, dimOf, shapePtr,
} from '../tensors';
import { recSaved, recS0, recS1, recI0, recI1, inNdim, inShape } from '../tape';
import { binary, unary, scalar } from '../ops/elementwise';
import { sumToShape, reshapeCompute, expandCompute, permuteCompute } from '../ops/shape';
import { SHAPE, STR_A, COUNTERS, SPARE } from '../scratch';
import { stridedCopy } from '../kernels/strided';
import { powScalar, powC } from '../kernels/elementwise';

// ---- temporaries of one rule -----------------------------------------------

const MAX_TEMPS = 64;
const temps: usize = memory.data(MAX_TEMPS * 4, 16);
let ntemps = 0;

export function begin(): void { ntemps = 0; }

/** Registers a new tensor as a temporary (ids < 0 are errors and pass through). */
export function T(id: i32): i32 {
  if (id > 0) {
    if (ntemps == MAX_TEMPS) unreachable(); // a rule this long is a bug in the table
    store<i32>(temps + (<usize>ntemps << 2), id);
    ntemps++;
  }
  return id;
}

/** Frees the rule's temporaries; the result survives with one ref for the caller. */
export function end(result: i32): i32 {
  if (result > 0) retain(result);
  for (let i = 0; i < ntemps; i++) release(load<i32>(temps + (<usize>i << 2)));
  ntemps = 0;
  return result;
}

// ---- what the forward op kept ----------------------------------------------

/** Saved tensor i (borrowed). */
export function saved(r: usize, i: i32): i32 { return recSaved(r, i); }
export function s0(r: usize): f64 { return recS0(r); }
export function s1(r: usize): f64 { return recS1(r); }
export function i0(r: usize): i32 { return recI0(r); }
export function i1(r: usize): i32 { return recI1(r); }

/**
 * The op's result as a tensor: the output itself while it lives, else a
 * tensor over the values the record adopted (see tape.ts).
 */
export function result(r: usize): i32 {
  const out = load<i32>(r, Rec.Out);
  if (out) return out;
  const nd = load<i32>(r, Rec.OutNdim);
  const t = T(newTensor(nd, r + Rec.OutShape, DType.Float32));
  if (t < 0) return t;
  memory.copy(dataOf(t), <usize>load<u32>(r, Rec.OutData), <usize>numelOf(t) << 2);
  return t;
}

// ---- ops -------------------------------------------------------------------

/** g itself, as the rule's result (end() adds the caller's ref). */
export function same(g: i32): i32 { return g; }

export function add(a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(Op.Add, a, b, 1)); }
export function mul(a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(Op.Mul, a, b, 1)); }
export function div(a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(Op.Div, a, b, 1)); }
export function neg(a: i32): i32 { return a < 0 ? a : T(unary(Op.Neg, a)); }
export function log(a: i32): i32 { return a < 0 ? a : T(unary(Op.Log, a)); }
export function mulS(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.MulScalar, a, c, 0)); }
export function divS(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.DivScalar, a, c, 0)); }
export function powS(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.PowScalar, a, c, 0)); }

/** x summed back to the shape of input k of r (the inverse of broadcasting). */
export function sumTo(r: usize, k: i32, x: i32): i32 {
  return x < 0 ? x : T(sumToShape(x, inNdim(r, k), inShape(r, k)));
}

/** g with the shape of input 0 of r: the derivative of every view-like op. */
export function reshapeToInput(r: usize, g: i32): i32 {
  return T(reshapeCompute(g, inNdim(r, 0), inShape(r, 0)));
}

/** g spread back over the dims in `mask` to input 0's shape (sum's derivative). */
export function unreduce(r: usize, g: i32, mask: i32, keepdim: i32): i32 {
  if (g < 0) return g;
  const nd = inNdim(r, 0);
  const shape = inShape(r, 0);
  // strides of g over the input's dims: 0 on reduced dims, contiguous on kept ones
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const reduced = (mask & (1 << d)) != 0;
    store<i32>(STR_A + (<usize>d << 2), reduced ? 0 : stride);
    if (!reduced) stride *= load<i32>(shape + (<usize>d << 2));
  }
  const out = T(newTensor(nd, shape, DType.Float32));
  if (out < 0) return out;
  if (numelOf(out) > 0) stridedCopy(dataOf(g), STR_A, dataOf(out), nd, shape, COUNTERS);
  return out;
}

/** g permuted back through the inverse of the forward permutation. */
export function permuteBack(r: usize, g: i32): i32 {
  const packed = recI0(r), nd = recI1(r);
  for (let i = 0; i < nd; i++) {
    const p = (packed >> (i * 4)) & 15;
    store<i32>(SPARE + (<usize>p << 2), i);
  }
  return T(permuteCompute(g, SPARE));
}

// ---- fused elementwise derivatives -----------------------------------------

export enum MaskKind { MaxA, MaxB, MinA, MinB, PowScalar, PowBase, PowExp, ZeroBaseExp, Clamp, Sign, Sigmoid, Tanh, Relu }

// @ts-ignore: decorator
@inline function maskedScalar(kind: i32, g: f32, x: f32, y: f32, c0: f32, c1: f32): f32 {
  switch (kind) {
    // ties split the gradient; only the other input being larger (smaller) stops it, so a
    // NaN on either side gives the whole gradient to both, as PyTorch does
    case MaskKind.MaxA: return x < y ? 0 : x == y ? g / 2 : g;
    case MaskKind.MaxB: return y < x ? 0 : x == y ? g / 2 : g;
    case MaskKind.MinA: return x > y ? 0 : x == y ? g / 2 : g;
    case MaskKind.MinB: return y > x ? 0 : x == y ? g / 2 : g;
    case MaskKind.PowScalar: return c0 == 0 ? <f32>0 : g * (c0 * powScalar(x, c0 - 1));
    // pow_backward_self: 0 where the exponent y is 0, even at x = 0
    case MaskKind.PowBase: return y == 0 ? <f32>0 : g * (y * powC(x, y - 1));
    // pow_backward_exponent: g is result·ln(x), replaced by 0 where x = 0 and y ≥ 0
    case MaskKind.PowExp: return x == 0 && y >= 0 ? <f32>0 : g;
    // the same for a number base 0, told by the result x = 0^y: 0 or 1 exactly when y ≥ 0
    case MaskKind.ZeroBaseExp: return x == 0 || x == 1 ? <f32>0 : g;
    // missing bounds are ∓inf; a NaN bound or input stops the gradient
    case MaskKind.Clamp: return x >= c0 && x <= c1 ? g : 0;
    // g·sgn(x): sgn is 0 at ±0 and NaN, and g·0 keeps PyTorch's signed zero
    case MaskKind.Sign: return x > 0 ? g : x < 0 ? -g : g * 0;
    case MaskKind.Sigmoid: return g * (<f32>1 - x) * x;
    case MaskKind.Tanh: return g * (<f32>1 - x * x);
    default: return x <= 0 ? <f32>0 : g; // Relu: x is the result
  }
}

// @ts-ignore: decorator
@inline function maskedRun(kind: i32, g: usize, x: usize, y: usize, out: usize, n: i32, c0: f32, c1: f32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, maskedScalar(kind, load<f32>(g + o), load<f32>(x + o), y ? load<f32>(y + o) : 0, c0, c1));
  }
}

/** Materialises x at g's shape when it was broadcast. */
function atShapeOf(g: i32, x: i32): i32 {
  if (x <= 0 || numelOf(x) == numelOf(g)) return x;
  return T(expandCompute(x, ndimOf(g), shapePtr(g)));
}

/**
 * A derivative of the form g·f(x, y) computed in one pass; x and y (0 when
 * unused) are broadcast to g's shape.
 */
export function maskedGrad(kind: i32, g: i32, x: i32, y: i32, c0: f64, c1: f64): i32 {
  if (g < 0) return g;
  x = atShapeOf(g, x);
  y = atShapeOf(g, y);
  if (x < 0) return x;
  if (y < 0) return y;
  const n = numelOf(g);
  const out = T(newTensorN(ndimOf(g), shapePtr(g), DType.Float32, n));
  if (out < 0) return out;
  const pg = dataOf(g), px = dataOf(x), py = y ? dataOf(y) : 0, po = dataOf(out);
  const a = <f32>c0, b = <f32>c1;
  switch (kind) {
    case MaskKind.MaxA: maskedRun(MaskKind.MaxA, pg, px, py, po, n, a, b); break;
    case MaskKind.MaxB: maskedRun(MaskKind.MaxB, pg, px, py, po, n, a, b); break;
    case MaskKind.MinA: maskedRun(MaskKind.MinA, pg, px, py, po, n, a, b); break;
    case MaskKind.MinB: maskedRun(MaskKind.MinB, pg, px, py, po, n, a, b); break;
    case MaskKind.PowScalar: maskedRun(MaskKind.PowScalar, pg, px, py, po, n, a, b); break;
    case MaskKind.PowBase: maskedRun(MaskKind.PowBase, pg, px, py, po, n, a, b); break;
    case MaskKind.PowExp: maskedRun(MaskKind.PowExp, pg, px, py, po, n, a, b); break;
    case MaskKind.ZeroBaseExp: maskedRun(MaskKind.ZeroBaseExp, pg, px, py, po, n, a, b); break;
    case MaskKind.Clamp: maskedRun(MaskKind.Clamp, pg, px, py, po, n, a, b); break;
    case MaskKind.Sign: maskedRun(MaskKind.Sign, pg, px, py, po, n, a, b); break;
    case MaskKind.Sigmoid: maskedRun(MaskKind.Sigmoid, pg, px, py, po, n, a, b); break;
    case MaskKind.Tanh: maskedRun(MaskKind.Tanh, pg, px, py, po, n, a, b); break;
    default: maskedRun(MaskKind.Relu, pg, px, py, po, n, a, b); break;
  }
  return out;
}
