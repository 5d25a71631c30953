// F.group_norm (helper normdrop): PyTorch's native_group_norm with its own node
// (NativeGroupNormBackward0). The kernels are layer norm's (assembly/ops/norm.ts,
// src/js/ops/norm.ts): a group's channels are contiguous in x (N, C, *), so each (sample, group)
// is one row of C/G·HW elements, with the weight and bias read per channel.

import { RuntimeError, ValueError, ZeroDivisionError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { deviceOf } from '../ops/common.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { normDim } from '../shape.js';
import { DType } from '../../abi/abi.js';

const shapeStr = (s: readonly number[]): string => `[${s.join(', ')}]`;
const groupNormSchema = parseSchema('group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1e-05) -> Tensor');

/** PyTorch's checks (F.group_norm's _verify_batch_size, then ATen's check_group_norm_inputs), in its order. */
function checkGroupNorm(input: Tensor, G: number, weight: Tensor | null, bias: Tensor | null): void {
  const shape = input._shape;
  normDim(1, shape.length);
  const [N, C] = shape;
  if (G === 0) throw new ZeroDivisionError('integer division or modulo by zero');
  // _verify_batch_size([N·C // G, G, *spatial]): Python's floor division, the list printed as a list
  const size = [Math.floor((N * C) / G), G, ...shape.slice(2)];
  if (size.reduce((p, s, i) => (i === 1 ? p : p * s), 1) === 1) {
    throw new ValueError(`Expected more than 1 value per channel when training, got input size ${shapeStr(size)}`);
  }
  if (G < 0) throw new RuntimeError(`Expected num groups to be greater than 0, got ${G}`);
  if (C % G !== 0) {
    throw new RuntimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape ${shapeStr(shape)} and num_groups=${G}`);
  }
  // PyTorch prints the weight's shape in the bias message too ([0] without a weight)
  const wShape = weight ? shapeStr(weight._shape) : '[0]';
  for (const [t, name] of [[weight, 'weight'], [bias, 'bias']] as const) {
    if (t && !(t._shape.length === 1 && t._shape[0] === C)) {
      throw new RuntimeError(`Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape ${wShape} and input of shape ${shapeStr(shape)}`);
    }
  }
}

/**
 * Group normalization of input (N, C, *): the C channels split into num_groups groups, each
 * (sample, group) normalized over its channels and spatial elements, (x − mean)/sqrt(var + eps)
 * with the biased variance, then times weight plus bias per channel when given. Its node is
 * PyTorch's NativeGroupNormBackward0, which keeps each group's mean and rstd.
 * @example
 * const x = torch.randn([2, 6, 5]);
 * F.group_norm(x, 3);                                      // 3 groups of 2 channels
 * F.group_norm(x, 2, torch.ones([6]), torch.zeros([6]), 1e-3);
 */
export function group_norm(input: Tensor, num_groups: number | { num_groups?: number; weight?: Tensor | null; bias?: Tensor | null; eps?: number },
  weight?: Tensor | null | { weight?: Tensor | null; bias?: Tensor | null; eps?: number }, bias?: Tensor | null | { bias?: Tensor | null; eps?: number },
  eps?: number | { eps?: number }): Tensor;
export function group_norm(...args: unknown[]): Tensor {
  const a = bind(groupNormSchema, args, null);
  const input = a.input as Tensor, G = a.num_groups as number;
  const weight = (a.weight ?? null) as Tensor | null, bias = (a.bias ?? null) as Tensor | null;
  checkGroupNorm(input, G, weight, bias);
  if (input._dtype !== DType.Float32 && input._dtype !== DType.Float64) {
    throw new RuntimeError(`"GroupNormKernelImpl" not implemented for '${input.dtype._scalarType}'`);
  }
  for (const t of [weight, bias]) {
    if (!t) continue;
    deviceOf(input, t);
    if (t._dtype !== input._dtype) throw new RuntimeError(`expected scalar type ${input.dtype._scalarType} but found ${t.dtype._scalarType}`);
  }
  const shape = input._shape, C = shape[1], hw = shape.slice(2).reduce((p, s) => p * s, 1);
  return new Tensor(input._dev, input._dev.groupNorm(input.h, weight?.h ?? null, bias?.h ?? null, (C / G) * hw, hw, a.eps as number), shape.slice(), input._dtype);
}
