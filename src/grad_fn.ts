// PyTorch's autograd node names, by op code: what `t.grad_fn.name()` and the
// printed `grad_fn=<...>` show. Names follow PyTorch 1.13 exactly, including
// its numbering of overloads (SumBackward0 for sum(), SumBackward1 with a dim).

import { Op } from '../abi/abi.js';

export const gradFnNames: { [K in Op]: string } = {
  [Op.None]: '', [Op.Count]: '',
  // never recorded (bool results): no node name
  [Op.Eq]: '', [Op.Ne]: '', [Op.Lt]: '', [Op.Le]: '', [Op.Gt]: '', [Op.Ge]: '',
  [Op.LogicalAnd]: '', [Op.LogicalOr]: '', [Op.LogicalXor]: '', [Op.LogicalNot]: '',
  [Op.Add]: 'AddBackward0', [Op.Sub]: 'SubBackward0', [Op.Mul]: 'MulBackward0', [Op.Div]: 'DivBackward0',
  [Op.Pow]: 'PowBackward1', [Op.Maximum]: 'MaximumBackward0', [Op.Minimum]: 'MinimumBackward0',
  [Op.AddScalar]: 'AddBackward0', [Op.SubScalar]: 'SubBackward0', [Op.MulScalar]: 'MulBackward0',
  [Op.DivScalar]: 'DivBackward0', [Op.PowScalar]: 'PowBackward0', [Op.Rsub]: 'RsubBackward1',
  [Op.Rpow]: 'PowBackward2', [Op.Clamp]: 'ClampBackward1',
  [Op.Neg]: 'NegBackward0', [Op.Exp]: 'ExpBackward0', [Op.Log]: 'LogBackward0', [Op.Sqrt]: 'SqrtBackward0',
  [Op.Abs]: 'AbsBackward0', [Op.Sigmoid]: 'SigmoidBackward0', [Op.Tanh]: 'TanhBackward0', [Op.Relu]: 'ReluBackward0',
  [Op.Sum]: 'SumBackward0', [Op.SumDim]: 'SumBackward1', [Op.Mean]: 'MeanBackward0', [Op.MeanDim]: 'MeanBackward1',
  [Op.Amax]: 'AmaxBackward0', [Op.MaxAll]: 'MaxBackward1', [Op.MaxDim]: 'MaxBackward0',
  [Op.Logsumexp]: 'LogsumexpBackward0', [Op.Softmax]: 'SoftmaxBackward0', [Op.LogSoftmax]: 'LogSoftmaxBackward0',
  [Op.View]: 'ViewBackward0', [Op.Reshape]: 'ReshapeAliasBackward0', [Op.Squeeze]: 'SqueezeBackward0',
  [Op.SqueezeDim]: 'SqueezeBackward1', [Op.Squeeze3]: 'SqueezeBackward3', [Op.Unsqueeze]: 'UnsqueezeBackward0',
  [Op.Flatten]: 'ReshapeAliasBackward0', [Op.Clone]: 'CloneBackward0', [Op.ToCopy]: 'ToCopyBackward0', [Op.Permute]: 'PermuteBackward0',
  [Op.Transpose]: 'TransposeBackward0', [Op.T]: 'TBackward0', [Op.Expand]: 'ExpandBackward0',
  [Op.Cat]: 'CatBackward0', [Op.Stack]: 'StackBackward0',
  [Op.Mm]: 'MmBackward0', [Op.Bmm]: 'BmmBackward0', [Op.Mv]: 'MvBackward0', [Op.Dot]: 'DotBackward0',
  [Op.Addmm]: 'AddmmBackward0', [Op.UnsafeView]: 'UnsafeViewBackward0',
  [Op.MseLoss]: 'MseLossBackward0', [Op.BinaryCrossEntropy]: 'BinaryCrossEntropyBackward0',
  [Op.BinaryCrossEntropyWithLogits]: 'BinaryCrossEntropyWithLogitsBackward0', [Op.NllLoss]: 'NllLossBackward0',
};
