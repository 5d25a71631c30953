// torch.nn.functional: activations and losses, with PyTorch's argument names
// and reductions ('mean' by default, 'sum', 'none').

import { Op, DType, Reduction } from '../shared/abi.js';
import { RuntimeError, ValueError, IndexError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloat } from '../ops/common.js';
import { relu as reluOp, sigmoid as sigmoidOp, tanh as tanhOp } from '../ops/elementwise.js';
import { softmax as softmaxOp, log_softmax as logSoftmaxOp } from '../ops/reduce.js';
import { matmul } from '../ops/linalg.js';

export type ReductionName = 'mean' | 'sum' | 'none';

export function reductionOf(r: ReductionName | undefined): Reduction {
  switch (r ?? 'mean') {
    case 'mean': return Reduction.Mean;
    case 'sum': return Reduction.Sum;
    case 'none': return Reduction.None;
    default: throw new ValueError(`${r} is not a valid value for reduction`);
  }
}

/** max(x, 0). @example F.relu(x) */
export const relu = (input: Tensor): Tensor => reluOp(input);
/** 1 / (1 + e^−x). @example F.sigmoid(x) */
export const sigmoid = (input: Tensor): Tensor => sigmoidOp(input);
/** Hyperbolic tangent. @example F.tanh(x) */
export const tanh = (input: Tensor): Tensor => tanhOp(input);
/** Softmax along dim. @example F.softmax(logits, { dim: 1 }) */
export const softmax = (input: Tensor, dim: number | { dim: number }): Tensor => softmaxOp(input, dim);
/** Log-softmax along dim. @example F.log_softmax(logits, 1) */
export const log_softmax = (input: Tensor, dim: number | { dim: number }): Tensor => logSoftmaxOp(input, dim);

/**
 * y = x·Wᵀ + b, with weight shaped (out_features, in_features).
 * @example F.linear(x, weight, bias)
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  deviceOf(input, weight);
  if (bias) deviceOf(input, bias);
  if (input._shape.length === 2 && weight._shape.length === 2) {
    const [n, k] = input._shape, [o, k2] = weight._shape;
    if (k !== k2) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${n}x${k} and ${k2}x${o})`);
    if (bias && bias._shape.length > 0 && bias._shape[bias._shape.length - 1] !== o && bias._shape[bias._shape.length - 1] !== 1) {
      throw new RuntimeError(
        `The expanded size of the tensor (${o}) must match the existing size (${bias._shape[bias._shape.length - 1]}) at non-singleton dimension 1.  Target sizes: [${n}, ${o}].  Tensor sizes: [${bias._shape.join(', ')}]`);
    }
    if (bias && bias._shape.length === 1) {
      checkFloat(input, 'linear');
      return new Tensor(input._dev, input._dev.linear(input.h, weight.h, bias.h), [n, o]);
    }
  }
  const y = matmul(input, weight.t());
  return bias ? y.add(bias) : y;
}

void Op; void DType; void IndexError;
