// The vocabulary of the derivative table (derivatives.ts): ops on tensor ids
// that (1) pass any negative Err straight through, so a rule is one
// expression, and (2) register what they create as temporaries of the current
// rule, freed by end() except for the rule's result.

import { Op, Err, DType, Rec, Slot, TensorFlag } from '../../abi/abi';
import {
  retain, release, newTensorN, newTensor, dataOf, numelOf, ndimOf, dimOf, shapePtr, dtypeOf, dataBytes, requiresGrad, slot, flagsOf, setFlags,
} from '../tensors';
import {
  recSaved, recS0, recS1, recI0, recI1, inNdim, inShape, recOutDtype, is_grad_enabled, newRecord, setInput, setParams, save,
} from '../tape';
import { binary, unary, scalar } from '../ops/elementwise';
import { sumToShape, reshapeCompute, expandCompute, permuteCompute, view, expand, permute, broadcastDims } from '../ops/shape';
import { sum } from '../ops/reduce';
import { SHAPE, STR_A, COUNTERS, SPARE } from '../scratch';
import { stridedCopy, stridedCopyOf } from '../kernels/strided';
import { fusedKernel } from '../generated/dispatch.generated';
import { compare } from '../ops/compare';
import { ternaryAt } from '../ops/ternary';

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
  const nd = load<u8>(r, Rec.OutNdim);
  const t = T(newTensor(nd, r + Rec.OutShape, recOutDtype(r)));
  if (t < 0) return t;
  memory.copy(dataOf(t), <usize>load<u32>(r, Rec.OutData), dataBytes(t));
  // under create_graph the rebuilt output is r's output again (PyTorch's SavedVariable unpack):
  // what the rule computes from it flows back through r
  if (is_grad_enabled()) {
    store<u32>(slot(t), <u32>r, Slot.GradFn);
    store<u32>(r, load<u32>(r, Rec.Refs) + 1, Rec.Refs);
    setFlags(t, flagsOf(t) | TensorFlag.RequiresGrad);
  }
  return t;
}

/** True when a rule's own ops must record (create_graph) because x takes part in a graph. */
// @ts-ignore: decorator
@inline export function recording(x: i32): bool { return is_grad_enabled() && requiresGrad(x); }

// ---- ops -------------------------------------------------------------------

/** g itself, as the rule's result (end() adds the caller's ref). */
export function same(g: i32): i32 { return g; }

export function add(a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(Op.Add, a, b, 1)); }
export function sub(a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(Op.Sub, a, b, 1)); }
export function mul(a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(Op.Mul, a, b, 1)); }
export function div(a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(Op.Div, a, b, 1)); }
export function neg(a: i32): i32 { return a < 0 ? a : T(unary(Op.Neg, a)); }
export function log(a: i32): i32 { return a < 0 ? a : T(unary(Op.Log, a)); }
/** Any unary op of the table. */
export function un(op: i32, a: i32): i32 { return a < 0 ? a : T(unary(op, a)); }
export function addS(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.AddScalar, a, c, 0, 0)); }
/** c − a */
export function rsubS(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.Rsub, a, c, 0, 0)); }
/** a·c; a itself for c = 1 (g·1 is g, bit for bit) */
export function mulS(a: i32, c: f64): i32 { return a < 0 || c == 1 ? a : T(scalar(Op.MulScalar, a, c, 0, 0)); }
export function divS(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.DivScalar, a, c, 0, 0)); }
export function powS(a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(Op.PowScalar, a, c, 0, 0)); }
/** Any binary op of the table (special_zeta in zeta's derivative). */
export function bin(op: i32, a: i32, b: i32): i32 { return a < 0 ? a : b < 0 ? b : T(binary(op, a, b, 1)); }
/** Any scalar op of the table with one number (polygamma's n). */
export function sc(op: i32, a: i32, c: f64): i32 { return a < 0 ? a : T(scalar(op, a, c, 0, 0)); }
/** Zeros of a's shape: the derivative of a step function (floor, sign). */
export function zerosLike(a: i32): i32 {
  if (a < 0) return a;
  const out = T(newTensor(ndimOf(a), shapePtr(a), dtypeOf(a)));
  if (out > 0) memory.fill(dataOf(out), 0, dataBytes(out));
  return out;
}
/** The gradient of an input PyTorch does not differentiate (a formula-less input). */
export function notDifferentiable(): i32 { return Err.Unimplemented; }

/** x summed back to the shape of input k of r (the inverse of broadcasting). */
export function sumTo(r: usize, k: i32, x: i32): i32 {
  if (x < 0) return x;
  if (recording(x)) return sumToRecorded(x, inNdim(r, k), inShape(r, k));
  return T(sumToShape(x, inNdim(r, k), inShape(r, k)));
}

/** sumToShape as recording ops, as ATen's sum_to: a sum over the broadcast dims (keepdim), then a view. */
function sumToRecorded(x: i32, nd: i32, shape: usize): i32 {
  const mask = broadcastDims(x, nd, shape), same = ndimOf(x) == nd;
  if (!mask && same) return x;
  const s = T(sum(Op.SumDim, x, mask, true));
  return s < 0 || same ? s : T(view(Op.View, s, nd, shape));
}

/** g with the shape of input 0 of r: the derivative of every view-like op. */
export function reshapeToInput(r: usize, g: i32, k: i32 = 0): i32 {
  if (recording(g)) return T(view(Op.View, g, inNdim(r, 0), inShape(r, 0)));
  return T(reshapeCompute(g, inNdim(r, 0), inShape(r, 0)));
}

/** g spread back over the dims in `mask` to input 0's shape (sum's derivative). */
export function unreduce(r: usize, g: i32, mask: i32, keepdim: i32): i32 {
  if (g < 0) return g;
  const nd = inNdim(r, 0);
  const shape = inShape(r, 0);
  if (recording(g)) return unreduceRecorded(g, nd, shape, mask, keepdim);
  return spreadCompute(g, nd, shape, mask);
}

/** g spread over the dims in `mask` to `shape`, without recording (a copy with stride 0 on them). */
export function spreadCompute(g: i32, nd: i32, shape: usize, mask: i32): i32 {
  // strides of g over the input's dims: 0 on reduced dims, contiguous on kept ones
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const reduced = (mask & (1 << d)) != 0;
    store<i32>(STR_A + (<usize>d << 2), reduced ? 0 : stride);
    if (!reduced) stride *= load<i32>(shape + (<usize>d << 2));
  }
  const out = T(newTensor(nd, shape, dtypeOf(g)));
  if (out < 0) return out;
  if (numelOf(out) > 0) {
    if (dtypeOf(g) == DType.Float64) stridedCopyOf<u64>(dataOf(g), STR_A, dataOf(out), nd, shape, COUNTERS);
    else stridedCopy(dataOf(g), STR_A, dataOf(out), nd, shape, COUNTERS);
  }
  return out;
}

/** unreduce as recording ops: g viewed with the reduced dims kept (size 1), then expanded. */
function unreduceRecorded(g: i32, nd: i32, shape: usize, mask: i32, keepdim: i32): i32 {
  let kept = g;
  if (!keepdim) {
    for (let d = 0; d < nd; d++) store<i32>(SPARE + (<usize>d << 2), mask & (1 << d) ? 1 : load<i32>(shape + (<usize>d << 2)));
    kept = T(view(Op.Unsqueeze, g, nd, SPARE));
    if (kept < 0) return kept;
  }
  return T(expand(kept, nd, shape));
}

/** g permuted back through the inverse of the forward permutation. */
export function permuteBack(r: usize, g: i32, k: i32 = 0): i32 {
  const packed = recI0(r), nd = recI1(r);
  for (let i = 0; i < nd; i++) {
    const p = (packed >> (i * 4)) & 15;
    store<i32>(SPARE + (<usize>p << 2), i);
  }
  return T(recording(g) ? permute(Op.Permute, g, SPARE) : permuteCompute(g, SPARE));
}

/** sum's derivative: g spread back over the reduced dims. */
export function sumBackward(r: usize, g: i32, k: i32): i32 { return unreduce(r, g, recI0(r), recI1(r)); }
/** mean's derivative: sum's, divided by the count of reduced elements. */
export function meanBackward(r: usize, g: i32, k: i32): i32 { return divS(unreduce(r, g, recI0(r), recI1(r)), recS1(r)); }
/** expand's derivative: g summed back to the input's shape. */
export function expandBackward(r: usize, g: i32, k: i32): i32 { return sumTo(r, 0, g); }

// ---- fused backward kernels (src/ops/table.ts backwardKernels) ----------------

/** Materialises x at g's shape when it was broadcast. */
function atShapeOf(g: i32, x: i32): i32 {
  if (x <= 0 || numelOf(x) == numelOf(g)) return x;
  return T(expandCompute(x, ndimOf(g), shapePtr(g)));
}

/**
 * A derivative of the form g·f(x, y) computed in one pass; x and y (0 when
 * unused) are broadcast to g's shape.
 */
export function fused(kind: i32, g: i32, x: i32, y: i32, c: f64, c2: f64): i32 {
  if (g < 0) return g;
  if (x < 0) return x;
  if (y < 0) return y;
  const xs = atShapeOf(g, x), ys = atShapeOf(g, y);
  if (xs < 0) return xs;
  if (ys < 0) return ys;
  const n = numelOf(g);
  const dtype = dtypeOf(g);
  const out = T(newTensorN(ndimOf(g), shapePtr(g), dtype, n));
  if (out < 0) return out;
  if (dtype == DType.Float64) fusedKernel<f64>(kind, dataOf(g), dataOf(xs), ys ? dataOf(ys) : 0, dataOf(out), n, c, c2);
  else fusedKernel<f32>(kind, dataOf(g), dataOf(xs), ys ? dataOf(ys) : 0, dataOf(out), n, <f32>c, <f32>c2);
  if (is_grad_enabled() && (requiresGrad(g) || requiresGrad(x) || (y && requiresGrad(y)))) return recordFused(kind, out, g, x, y, c, c2);
  return out;
}

/**
 * Records a fused kernel's result under create_graph (Op.FusedBackward): inputs and saved tensors
 * g, x and y (as they came, before broadcasting), numbers c and c2, the kernel in i0.
 */
function recordFused(kind: i32, out: i32, g: i32, x: i32, y: i32, c: f64, c2: f64): i32 {
  const r = newRecord(Op.FusedBackward, y ? 3 : 2, out);
  if (!r) return Err.OutOfMemory;
  setInput(r, 0, g);
  setInput(r, 1, x);
  save(r, 0, g);
  save(r, 1, x);
  if (y) {
    setInput(r, 2, y);
    save(r, 2, y);
  }
  setParams(r, c, c2, kind, 0);
  return out;
}

/** a with zeros where c == 0 (c broadcasts to a): PyTorch's a.masked_fill_(c == 0, 0), as a recorded where. */
export function zeroWhereZero(c: i32, a: i32): i32 {
  if (c < 0) return c;
  if (a < 0) return a;
  const zero = T(newTensor(0, SPARE, dtypeOf(a)));
  if (zero <= 0) return Err.OutOfMemory;
  if (dtypeOf(a) == DType.Float64) store<f64>(dataOf(zero), 0);
  else store<f32>(dataOf(zero), 0);
  const cond = T(compare(Op.Eq, c, zero));
  return cond < 0 ? cond : T(ternaryAt(Op.Where, cond, zero, a, 0, ndimOf(a), shapePtr(a)));
}
