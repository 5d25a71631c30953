// The vocabulary of the js device's derivative table (../derivatives.ts),
// mirroring assembly/grad/helpers.ts.

import { Op } from '../../../abi/abi.js';
import { JsTensor, JsRecord, empty } from '../tensor.js';
import { binary, unary, scalar, sumToShape, reshapeCompute, expandCompute, permuteCompute, unreduce as unreduceOp } from '../ops.js';
import { powScalar, powC } from '../kernels/elementwise.js';

const f = Math.fround;

export const add = (a: JsTensor, b: JsTensor): JsTensor => binary(Op.Add, a, b, 1);
export const mul = (a: JsTensor, b: JsTensor): JsTensor => binary(Op.Mul, a, b, 1);
export const div = (a: JsTensor, b: JsTensor): JsTensor => binary(Op.Div, a, b, 1);
export const neg = (a: JsTensor): JsTensor => unary(Op.Neg, a);
export const log = (a: JsTensor): JsTensor => unary(Op.Log, a);
export const mulS = (a: JsTensor, c: number): JsTensor => scalar(Op.MulScalar, a, c, 0);
export const divS = (a: JsTensor, c: number): JsTensor => scalar(Op.DivScalar, a, c, 0);

export const saved = (r: JsRecord, i: number): JsTensor => r.saved[i]!;
export const result = (r: JsRecord): JsTensor => r.out;

/** x summed back to input k's shape. */
export const sumTo = (r: JsRecord, k: number, x: JsTensor): JsTensor => sumToShape(x, r.inputs[k].shape);
/** g reshaped to input 0's shape. */
export const reshapeToInput = (r: JsRecord, g: JsTensor): JsTensor => reshapeCompute(g, r.inputs[0].shape);
/** g spread over the reduced dims of input 0. */
export const unreduce = (r: JsRecord, g: JsTensor): JsTensor => unreduceOp(g, r.inputs[0].shape, r.i0);

/** g permuted back through the inverse of the forward permutation. */
export function permuteBack(r: JsRecord, g: JsTensor): JsTensor {
  const inv = new Array<number>(r.ints.length);
  r.ints.forEach((p, i) => { inv[p] = i; });
  return permuteCompute(g, inv);
}

export enum MaskKind { MaxA, MaxB, MinA, MinB, PowScalar, PowBase, PowExp, ZeroBaseExp, Clamp, Sign, Sigmoid, Tanh, Relu }

type MaskFn = (g: number, x: number, y: number, c0: number, c1: number) => number;
const maskFns: Record<MaskKind, MaskFn> = {
  // as the wasm device (assembly/grad/helpers.ts), which says why
  [MaskKind.MaxA]: (g, x, y) => (x < y ? 0 : x === y ? g / 2 : g),
  [MaskKind.MaxB]: (g, x, y) => (y < x ? 0 : x === y ? g / 2 : g),
  [MaskKind.MinA]: (g, x, y) => (x > y ? 0 : x === y ? g / 2 : g),
  [MaskKind.MinB]: (g, x, y) => (y > x ? 0 : x === y ? g / 2 : g),
  [MaskKind.PowScalar]: (g, x, _y, c) => (c === 0 ? 0 : g * f(c * powScalar(x, f(c - 1)))),
  [MaskKind.PowBase]: (g, x, y) => (y === 0 ? 0 : g * f(y * f(powC(x, f(y - 1))))),
  [MaskKind.PowExp]: (u, x, y) => (x === 0 && y >= 0 ? 0 : u),
  [MaskKind.ZeroBaseExp]: (u, x) => (x === 0 || x === 1 ? 0 : u),
  [MaskKind.Clamp]: (g, x, _y, lo, hi) => (x >= lo && x <= hi ? g : 0),
  [MaskKind.Sign]: (g, x) => (x > 0 ? g : x < 0 ? -g : g * 0),
  [MaskKind.Sigmoid]: (g, y) => f(g * f(1 - y)) * y,
  [MaskKind.Tanh]: (g, y) => g * f(1 - f(y * y)),
  [MaskKind.Relu]: (g, y) => (y <= 0 ? 0 : g),
};

/** g·f(x, y) in one pass, x and y broadcast to g's shape (y may be null). */
export function maskedGrad(kind: MaskKind, g: JsTensor, x: JsTensor, y: JsTensor | null, c0 = 0, c1 = 0): JsTensor {
  const xs = x.numel === g.numel ? x : expandCompute(x, g.shape);
  const ys = y && y.numel !== g.numel ? expandCompute(y, g.shape) : y;
  const out = empty(g.shape);
  const fn = maskFns[kind], gd = g.data, xd = xs.data, yd = ys ? ys.data : null, o = out.data;
  const a = f(c0), b = f(c1);
  for (let i = 0; i < o.length; i++) o[i] = fn(gd[i], xd[i], yd ? yd[i] : 0, a, b);
  return out;
}
