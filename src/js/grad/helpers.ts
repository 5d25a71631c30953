// The vocabulary of the js device's derivative table (../derivatives.ts),
// mirroring assembly/grad/helpers.ts.

import { Op, DType } from '../../../abi/abi.js';
import { RuntimeError, DERIVATIVE_NOT_IMPLEMENTED } from '../../errors.js';
import { JsTensor, JsRecord, empty, isGradEnabled, record } from '../tensor.js';
import {
  binary, unary, scalar, sum, view, expand, permute, broadcastDims, sumToShape, reshapeCompute, expandCompute, permuteCompute, unreduce as unreduceOp,
} from '../ops.js';
import { fusedRun, fusedRun64, type Fused } from '../generated/kernels.generated.js';
import { compare } from '../ops/compare.js';
import { ternary } from '../ops/ternary.js';

export const add = (a: JsTensor, b: JsTensor): JsTensor => binary(Op.Add, a, b, 1);
export const sub = (a: JsTensor, b: JsTensor): JsTensor => binary(Op.Sub, a, b, 1);
export const mul = (a: JsTensor, b: JsTensor): JsTensor => binary(Op.Mul, a, b, 1);
export const div = (a: JsTensor, b: JsTensor): JsTensor => binary(Op.Div, a, b, 1);
export const neg = (a: JsTensor): JsTensor => unary(Op.Neg, a);
export const log = (a: JsTensor): JsTensor => unary(Op.Log, a);
/** Any unary op of the table. */
export const un = (op: Op, a: JsTensor): JsTensor => unary(op, a);
export const addS = (a: JsTensor, c: number): JsTensor => scalar(Op.AddScalar, a, c, 0);
/** c − a */
export const rsubS = (a: JsTensor, c: number): JsTensor => scalar(Op.Rsub, a, c, 0);
/** a·c; a itself for c = 1 (g·1 is g, bit for bit) */
export const mulS = (a: JsTensor, c: number): JsTensor => (c === 1 ? a : scalar(Op.MulScalar, a, c, 0));
export const divS = (a: JsTensor, c: number): JsTensor => scalar(Op.DivScalar, a, c, 0);
export const powS = (a: JsTensor, c: number): JsTensor => scalar(Op.PowScalar, a, c, 0);
/** Any binary op of the table (special_zeta in zeta's derivative). */
export const bin = (op: Op, a: JsTensor, b: JsTensor): JsTensor => binary(op, a, b, 1);
/** Any scalar op of the table with one number (polygamma's n). */
export const sc = (op: Op, a: JsTensor, c: number): JsTensor => scalar(op, a, c, 0);
/** Zeros of a's shape: the derivative of a step function (floor, sign). */
export const zerosLike = (a: JsTensor): JsTensor => empty(a.shape.slice(), a.dtype);
/** The gradient of an input PyTorch does not differentiate (a formula-less input). */
export function notDifferentiable(): JsTensor { throw new RuntimeError(DERIVATIVE_NOT_IMPLEMENTED); }

export const saved = (r: JsRecord, i: number): JsTensor => r.saved[i]!;
export const result = (r: JsRecord): JsTensor => r.out;
export const s0 = (r: JsRecord): number => r.s0;
export const s1 = (r: JsRecord): number => r.s1;

/** True when a rule's own ops must record (create_graph) because x takes part in a graph. */
export const recording = (x: JsTensor): boolean => isGradEnabled() && x.requiresGrad;

/** x summed back to input k's shape. */
export const sumTo = (r: JsRecord, k: number, x: JsTensor): JsTensor =>
  (recording(x) ? sumToRecorded(x, r.inputs[k].shape) : sumToShape(x, r.inputs[k].shape));

/** sumToShape as recording ops, as ATen's sum_to: a sum over the broadcast dims (keepdim), then a view. */
function sumToRecorded(x: JsTensor, shape: readonly number[]): JsTensor {
  const mask = broadcastDims(x.shape, shape), same = x.shape.length === shape.length;
  if (!mask && same) return x;
  const s = sum(Op.SumDim, x, mask, true);
  return same ? s : view(Op.View, s, shape);
}

/** g reshaped to input 0's shape. */
export const reshapeToInput = (r: JsRecord, g: JsTensor, _k?: number): JsTensor =>
  (recording(g) ? view(Op.View, g, r.inputs[0].shape) : reshapeCompute(g, r.inputs[0].shape));

/** g spread over the reduced dims of input 0; under create_graph a view with the reduced dims kept, then expand. */
export function unreduce(r: JsRecord, g: JsTensor, mask = r.i0, keepdim = r.i1): JsTensor {
  const shape = r.inputs[0].shape;
  if (!recording(g)) return unreduceOp(g, shape, mask);
  const kept = keepdim ? g : view(Op.Unsqueeze, g, shape.map((n, d) => (mask & (1 << d) ? 1 : n)));
  return expand(kept, shape);
}
/** sum's derivative: g spread back over the reduced dims. */
export const sumBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => unreduce(r, g);
/** mean's derivative: sum's, divided by the count of reduced elements. */
export const meanBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => divS(unreduce(r, g), r.s1);
/** expand's derivative: g summed back to the input's shape. */
export const expandBackward = (r: JsRecord, g: JsTensor, _k?: number): JsTensor => sumTo(r, 0, g);

/** g permuted back through the inverse of the forward permutation. */
export function permuteBack(r: JsRecord, g: JsTensor, _k?: number): JsTensor {
  const inv = new Array<number>(r.ints.length);
  r.ints.forEach((p, i) => { inv[p] = i; });
  return recording(g) ? permute(Op.Permute, g, inv) : permuteCompute(g, inv);
}

/**
 * g·f(x, y) in one pass: a fused backward kernel of the op table, x and y
 * broadcast to g's shape (y may be null).
 */
export function fused(kind: Fused, g: JsTensor, x: JsTensor, y: JsTensor | null, c = 0, c2 = 0): JsTensor {
  const xs = x.numel === g.numel ? x : expandCompute(x, g.shape);
  const ys = y && y.numel !== g.numel ? expandCompute(y, g.shape) : y;
  const out = empty(g.shape, g.dtype);
  if (g.dtype === DType.Float64) {
    fusedRun64(kind, g.data as Float64Array, xs.data as Float64Array, ys ? ys.data as Float64Array : null, out.data as Float64Array, c, c2);
  } else {
    fusedRun(kind, g.data as Float32Array, xs.data as Float32Array, ys ? ys.data as Float32Array : null, out.data as Float32Array, c, c2);
  }
  // under create_graph the kernel is a node of its own (Op.FusedBackward): inputs and saved
  // tensors g, x, y as they came, numbers c and c2, the kernel in i0
  const r = record(Op.FusedBackward, out, y ? [g, x, y] : [g, x]);
  if (r) {
    r.saved = [g, x, y];
    r.s0 = c;
    r.s1 = c2;
    r.i0 = kind;
  }
  return out;
}

/** a with zeros where c == 0 (c broadcasts to a): PyTorch's a.masked_fill_(c == 0, 0), as a recorded where. */
export function zeroWhereZero(c: JsTensor, a: JsTensor): JsTensor {
  const zero = empty([], a.dtype);
  return ternary(Op.Where, compare(Op.Eq, c, zero), zero, a, 0, a.shape.slice());
}
