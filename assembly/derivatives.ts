// Every derivative of the wasm device, one row per op: given the record r and
// the gradient g of its output, the gradient for input k. The rows read like
// PyTorch's derivatives.yaml; rules too long for a row are named helpers in
// the op's family file (grad/*.ts), like PyTorch's FunctionsManual.
//
// Rules are written with the device's own ops (grad/helpers.ts), which record
// when grad mode is on: that is how create_graph will differentiate them. The
// helpers track the temporaries of one rule and free all but the result, and
// turn any negative Err id into an early exit, so a row stays one expression.
//
//   g        gradient of the output (borrowed)
//   k        which input
//   saved(r, i), result(r), s0(r), i0(r) ...   what the forward op kept

import { Op, Err } from '../abi/abi';
import {
  begin, end, saved, result, s0, s1, i0, i1, sumTo, same, add, mul, div, neg, mulS, divS, powS, log,
  maskedGrad, MaskKind, unreduce, reshapeToInput, permuteBack,
} from './grad/helpers';
import {
  amaxBackward, maxAllBackward, maxDimBackward, logsumexpBackward, softmaxBackward, logSoftmaxBackward,
} from './grad/reduce';
import { catBackward, stackBackward } from './grad/shape';
import { mmBackward, bmmBackward, mvBackward, dotBackward, addmmBackward } from './grad/linalg';
import { mseLossBackward, bceBackward, bceWithLogitsBackward, nllLossBackward } from './grad/loss';

/** The gradient for input k of record r (a new tensor id, owned by the caller), or a negative Err. */
export function gradient(r: usize, g: i32, k: i32): i32 {
  begin();
  return end(rule(r, g, k));
}

function rule(r: usize, g: i32, k: i32): i32 {
  switch (<Op>load<u16>(r)) {
    // d(a + alpha·b) = da + alpha·db
    case Op.Add: return sumTo(r, k, k == 0 || s0(r) == 1 ? same(g) : mulS(g, s0(r)));
    case Op.Sub: return sumTo(r, k, k == 0 ? same(g) : mulS(g, -s0(r)));
    // d(a·b) = b·da + a·db
    case Op.Mul: return sumTo(r, k, mul(g, saved(r, 1 - k)));
    // d(a/b) = da/b − (a/b)/b·db, divided twice as PyTorch does (b² would overflow first)
    case Op.Div: return sumTo(r, k, k == 0
      ? div(g, saved(r, 1))
      : mul(neg(g), div(div(saved(r, 0), saved(r, 1)), saved(r, 1))));
    // d(a^b) = b·a^(b−1)·da + a^b·ln(a)·db, with PyTorch's 0 for da where b = 0 and for
    // db where a = 0 and b ≥ 0
    case Op.Pow: return sumTo(r, k, k == 0
      ? maskedGrad(MaskKind.PowBase, g, saved(r, 0), saved(r, 1), 0, 0)
      : mul(g, maskedGrad(MaskKind.PowExp, mul(result(r), log(saved(r, 0))), saved(r, 0), saved(r, 1), 0, 0)));
    // the larger input gets the gradient; ties split it evenly, a NaN gives it to both
    case Op.Maximum: return sumTo(r, k, maskedGrad(k == 0 ? MaskKind.MaxA : MaskKind.MaxB, g, saved(r, 0), saved(r, 1), 0, 0));
    case Op.Minimum: return sumTo(r, k, maskedGrad(k == 0 ? MaskKind.MinA : MaskKind.MinB, g, saved(r, 0), saved(r, 1), 0, 0));

    case Op.AddScalar: return same(g);
    case Op.SubScalar: return same(g);
    case Op.MulScalar: return mulS(g, s0(r));
    case Op.DivScalar: return divS(g, s0(r));
    // d(x^c) = c·x^(c−1)·dx, and 0 for c = 0
    case Op.PowScalar: return maskedGrad(MaskKind.PowScalar, g, saved(r, 0), 0, s0(r), 0);
    case Op.Rsub: return neg(g);
    // d(c^x) = c^x·ln(c)·dx, and 0 for c = 0 where x ≥ 0
    case Op.Rpow: return mul(g, s0(r) == 0
      ? maskedGrad(MaskKind.ZeroBaseExp, mulS(result(r), Math.log(s0(r))), result(r), 0, 0, 0)
      : mulS(result(r), Math.log(s0(r))));
    // the gradient passes where min ≤ x ≤ max (not at a NaN bound)
    case Op.Clamp: return maskedGrad(MaskKind.Clamp, g, saved(r, 0), 0, s0(r), s1(r));

    case Op.Neg: return neg(g);
    // d(e^x) = e^x·dx
    case Op.Exp: return mul(g, result(r));
    // d(ln x) = dx/x
    case Op.Log: return div(g, saved(r, 0));
    // d(√x) = dx/(2√x)
    case Op.Sqrt: return div(g, mulS(result(r), 2));
    // d|x| = sgn(x)·dx
    case Op.Abs: return maskedGrad(MaskKind.Sign, g, saved(r, 0), 0, 0, 0);
    // dσ = σ·(1−σ)·dx
    case Op.Sigmoid: return maskedGrad(MaskKind.Sigmoid, g, result(r), 0, 0, 0);
    // d tanh = (1−tanh²)·dx
    case Op.Tanh: return maskedGrad(MaskKind.Tanh, g, result(r), 0, 0, 0);
    // relu passes the gradient where its result is positive
    case Op.Relu: return maskedGrad(MaskKind.Relu, g, result(r), 0, 0, 0);

    // sums spread the gradient back over the reduced dims; mean also divides
    case Op.Sum: return unreduce(r, g, i0(r), i1(r));
    case Op.SumDim: return unreduce(r, g, i0(r), i1(r));
    case Op.Mean: return divS(unreduce(r, g, i0(r), i1(r)), s1(r));
    case Op.MeanDim: return divS(unreduce(r, g, i0(r), i1(r)), s1(r));
    case Op.Amax: return amaxBackward(r, g);
    case Op.MaxAll: return maxAllBackward(r, g);
    case Op.MaxDim: return maxDimBackward(r, g);
    case Op.Logsumexp: return logsumexpBackward(r, g);
    case Op.Softmax: return softmaxBackward(r, g);
    case Op.LogSoftmax: return logSoftmaxBackward(r, g);

    // view-like ops move the gradient back to the input's shape
    case Op.View: return reshapeToInput(r, g);
    case Op.Reshape: return reshapeToInput(r, g);
    case Op.Squeeze: return reshapeToInput(r, g);
    case Op.SqueezeDim: return reshapeToInput(r, g);
    case Op.Squeeze3: return reshapeToInput(r, g);
    case Op.Clone: return reshapeToInput(r, g);
    case Op.ToCopy: return reshapeToInput(r, g);
    case Op.Unsqueeze: return reshapeToInput(r, g);
    case Op.Flatten: return reshapeToInput(r, g);
    case Op.UnsafeView: return reshapeToInput(r, g);
    case Op.Permute: return permuteBack(r, g);
    case Op.Transpose: return permuteBack(r, g);
    case Op.T: return permuteBack(r, g);
    case Op.Expand: return sumTo(r, 0, same(g));
    case Op.Cat: return catBackward(r, g, k);
    case Op.Stack: return stackBackward(r, g, k);

    case Op.Mm: return mmBackward(r, g, k);
    case Op.Bmm: return bmmBackward(r, g, k);
    case Op.Mv: return mvBackward(r, g, k);
    case Op.Dot: return dotBackward(r, g, k);
    case Op.Addmm: return addmmBackward(r, g, k);

    case Op.MseLoss: return mseLossBackward(r, g, k);
    case Op.BinaryCrossEntropy: return bceBackward(r, g, k);
    case Op.BinaryCrossEntropyWithLogits: return bceWithLogitsBackward(r, g, k);
    case Op.NllLoss: return nllLossBackward(r, g, k);
    default: return Err.Unimplemented;
  }
}
