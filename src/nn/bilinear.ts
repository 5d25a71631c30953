// F.bilinear: y = x1ᵀ·A·x2 + b for each output feature, composed with einsum
// (ATen composes torch.bilinear of _trilinear's sums of products, so the gradient is the same).

import { RuntimeError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { tidy } from '../memory.js';
import { checkTensor, deviceOf } from '../ops/common.js';
import { einsum } from '../ops/compose.js';

/**
 * y[..., o] = Σ_ij input1[..., i]·weight[o, i, j]·input2[..., j] + bias[o], as `F.bilinear`:
 * input1 (*, in1), input2 (*, in2) with the same leading dims, weight (out, in1, in2).
 * @example F.bilinear(torch.randn([4, 3]), torch.randn([4, 5]), torch.randn([2, 3, 5])).shape // [4, 2]
 */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  checkTensor(input1, 'bilinear', 'input1');
  checkTensor(input2, 'bilinear', 'input2');
  checkTensor(weight, 'bilinear', 'weight');
  if (bias !== null) checkTensor(bias, 'bilinear', 'bias');
  deviceOf(input1, input2);
  const a = input1._shape, b = input2._shape, w = weight._shape;
  if (a.length !== b.length) throw new RuntimeError(`bilinear(): input dimensions do not match: got ${a.length} and ${b.length}`);
  for (let i = 0; i < a.length - 1; i++) {
    if (a[i] !== b[i]) throw new RuntimeError(`bilinear(): input batch dimensions do not match at dim ${i}: got ${a[i]} and ${b[i]}`);
  }
  if (a[a.length - 1] !== w[1]) throw new RuntimeError(`bilinear(): input1 size does not match weight size: got ${a[a.length - 1]} but expected ${w[1]}`);
  if (b[b.length - 1] !== w[2]) throw new RuntimeError(`bilinear(): input2 size does not match weight size: got ${b[b.length - 1]} but expected ${w[2]}`);
  if (bias !== null && bias._shape[0] !== w[0]) throw new RuntimeError(`bilinear(): bias size does not match weight size: got ${bias._shape[0]} but expected ${w[0]}`);
  return tidy(() => {
    const y = einsum('...i,oij,...j->...o', input1, weight, input2);
    return bias ? y.add(bias) : y;
  });
}
