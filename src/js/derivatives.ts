// Every derivative of the js device, one row per op, mirroring the wasm
// device's table (assembly/derivatives.ts). The mapped type makes a missing
// row a compile error: adding an Op means adding its derivative here.
//
//   (r, g, k) => gradient for input k, given record r and the output's gradient g

import { Op } from '../../abi/abi.js';
import type { JsRecord, JsTensor } from './tensor.js';
import {
  mul, div, neg, log, mulS, divS, saved, result, sumTo, reshapeToInput, unreduce, permuteBack,
  maskedGrad, MaskKind,
} from './grad/helpers.js';
import {
  amaxBackward, maxAllBackward, maxDimBackward, logsumexpBackward, softmaxBackward, logSoftmaxBackward,
} from './grad/reduce.js';
import { catBackward, stackBackward } from './grad/shape.js';
import { mmBackward, bmmBackward, mvBackward, dotBackward, addmmBackward } from './grad/linalg.js';
import { mseLossBackward, bceBackward, bceWithLogitsBackward, nllLossBackward } from './grad/loss.js';

export type Rule = (r: JsRecord, g: JsTensor, k: number) => JsTensor;

const noRule: Rule = (r) => { throw new Error(`wasmgrad: no derivative for op ${r.op}`); };

export const derivatives: { [K in Op]: Rule } = {
  [Op.None]: noRule,
  [Op.Count]: noRule,
  // comparisons and logical ops have bool results, which PyTorch never records
  [Op.Eq]: noRule, [Op.Ne]: noRule, [Op.Lt]: noRule, [Op.Le]: noRule, [Op.Gt]: noRule, [Op.Ge]: noRule,
  [Op.LogicalAnd]: noRule, [Op.LogicalOr]: noRule, [Op.LogicalXor]: noRule, [Op.LogicalNot]: noRule,
  // d(a + alpha·b) = da + alpha·db
  [Op.Add]: (r, g, k) => sumTo(r, k, k === 0 || r.s0 === 1 ? g : mulS(g, r.s0)),
  [Op.Sub]: (r, g, k) => sumTo(r, k, k === 0 ? g : mulS(g, -r.s0)),
  // d(a·b) = b·da + a·db
  [Op.Mul]: (r, g, k) => sumTo(r, k, mul(g, saved(r, 1 - k))),
  // d(a/b) = da/b − (a/b)/b·db, divided twice as PyTorch does (b² would overflow first)
  [Op.Div]: (r, g, k) => sumTo(r, k, k === 0
    ? div(g, saved(r, 1))
    : mul(neg(g), div(div(saved(r, 0), saved(r, 1)), saved(r, 1)))),
  // d(a^b) = b·a^(b−1)·da + a^b·ln(a)·db, with PyTorch's 0 for da where b = 0 and for
  // db where a = 0 and b ≥ 0
  [Op.Pow]: (r, g, k) => sumTo(r, k, k === 0
    ? maskedGrad(MaskKind.PowBase, g, saved(r, 0), saved(r, 1))
    : mul(g, maskedGrad(MaskKind.PowExp, mul(result(r), log(saved(r, 0))), saved(r, 0), saved(r, 1)))),
  // the larger input gets the gradient; ties split it evenly, a NaN gives it to both
  [Op.Maximum]: (r, g, k) => sumTo(r, k, maskedGrad(k === 0 ? MaskKind.MaxA : MaskKind.MaxB, g, saved(r, 0), saved(r, 1))),
  [Op.Minimum]: (r, g, k) => sumTo(r, k, maskedGrad(k === 0 ? MaskKind.MinA : MaskKind.MinB, g, saved(r, 0), saved(r, 1))),

  [Op.AddScalar]: (_r, g) => g,
  [Op.SubScalar]: (_r, g) => g,
  [Op.MulScalar]: (r, g) => mulS(g, r.s0),
  [Op.DivScalar]: (r, g) => divS(g, r.s0),
  // d(x^c) = c·x^(c−1)·dx, and 0 for c = 0
  [Op.PowScalar]: (r, g) => maskedGrad(MaskKind.PowScalar, g, saved(r, 0), null, r.s0),
  [Op.Rsub]: (_r, g) => neg(g),
  // d(c^x) = c^x·ln(c)·dx, and 0 for c = 0 where x ≥ 0
  [Op.Rpow]: (r, g) => mul(g, r.s0 === 0
    ? maskedGrad(MaskKind.ZeroBaseExp, mulS(result(r), Math.log(r.s0)), result(r), null)
    : mulS(result(r), Math.log(r.s0))),
  // the gradient passes where min ≤ x ≤ max (not at a NaN bound)
  [Op.Clamp]: (r, g) => maskedGrad(MaskKind.Clamp, g, saved(r, 0), null, r.s0, r.s1),

  [Op.Neg]: (_r, g) => neg(g),
  // d(e^x) = e^x·dx
  [Op.Exp]: (r, g) => mul(g, result(r)),
  // d(ln x) = dx/x
  [Op.Log]: (r, g) => div(g, saved(r, 0)),
  // d(√x) = dx/(2√x)
  [Op.Sqrt]: (r, g) => div(g, mulS(result(r), 2)),
  // d|x| = sgn(x)·dx
  [Op.Abs]: (r, g) => maskedGrad(MaskKind.Sign, g, saved(r, 0), null),
  // dσ = σ·(1−σ)·dx
  [Op.Sigmoid]: (r, g) => maskedGrad(MaskKind.Sigmoid, g, result(r), null),
  // d tanh = (1−tanh²)·dx
  [Op.Tanh]: (r, g) => maskedGrad(MaskKind.Tanh, g, result(r), null),
  // relu passes the gradient where its result is positive
  [Op.Relu]: (r, g) => maskedGrad(MaskKind.Relu, g, result(r), null),

  // sums spread the gradient back over the reduced dims; mean also divides
  [Op.Sum]: (r, g) => unreduce(r, g),
  [Op.SumDim]: (r, g) => unreduce(r, g),
  [Op.Mean]: (r, g) => divS(unreduce(r, g), r.s1),
  [Op.MeanDim]: (r, g) => divS(unreduce(r, g), r.s1),
  [Op.Amax]: amaxBackward,
  [Op.MaxAll]: maxAllBackward,
  [Op.MaxDim]: maxDimBackward,
  [Op.Logsumexp]: logsumexpBackward,
  [Op.Softmax]: softmaxBackward,
  [Op.LogSoftmax]: logSoftmaxBackward,

  // view-like ops move the gradient back to the input's shape
  [Op.View]: reshapeToInput,
  [Op.Reshape]: reshapeToInput,
  [Op.Squeeze]: reshapeToInput,
  [Op.SqueezeDim]: reshapeToInput,
  [Op.Squeeze3]: reshapeToInput,
  [Op.Clone]: reshapeToInput,
  [Op.ToCopy]: reshapeToInput,
  [Op.Unsqueeze]: reshapeToInput,
  [Op.Flatten]: reshapeToInput,
  [Op.UnsafeView]: reshapeToInput,
  [Op.Permute]: permuteBack,
  [Op.Transpose]: permuteBack,
  [Op.T]: permuteBack,
  [Op.Expand]: (r, g) => sumTo(r, 0, g),
  [Op.Cat]: catBackward,
  [Op.Stack]: stackBackward,

  [Op.Mm]: mmBackward,
  [Op.Bmm]: bmmBackward,
  [Op.Mv]: mvBackward,
  [Op.Dot]: dotBackward,
  [Op.Addmm]: addmmBackward,

  [Op.MseLoss]: mseLossBackward,
  [Op.BinaryCrossEntropy]: bceBackward,
  [Op.BinaryCrossEntropyWithLogits]: bceWithLogitsBackward,
  [Op.NllLoss]: nllLossBackward,
};

