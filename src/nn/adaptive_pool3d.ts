// F.adaptive_avg_pool3d and nn.AdaptiveAvgPool3d (helper modules). Averages over boxes that are
// products of the per-dim windows [⌊o·I/O⌋, ⌈(o+1)·I/O⌉) are separable: the 2-D adaptive pool over
// (H, W), then over D with the pooled (H, W) flattened and kept (an adaptive pool to the same size is
// the identity). A 1×1×1 output is the mean over the last three dims, as ATen. The values and
// gradients are PyTorch's (up to the sums' order); the node is the 2-D pool's view, not
// AdaptiveAvgPool3DBackward0 (docs/api.md).

import { RuntimeError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { adaptiveRepr } from './modules.js';
import { adaptive_avg_pool2d, type AdaptiveSize } from '../ops/adaptive_pool.js';
import { checkTensor } from '../ops/common.js';

/**
 * Adaptive 3-D average pooling of [N, C, D, H, W] or [C, D, H, W] to output_size (a number, or
 * three where null keeps the input's size).
 * @example F.adaptive_avg_pool3d(torch.randn([1, 2, 4, 4, 4]), [2, null, 3]).shape // [1, 2, 2, 4, 3]
 */
export function adaptive_avg_pool3d(input: Tensor, output_size: AdaptiveSize): Tensor {
  checkTensor(input, 'adaptive_avg_pool3d', 'input');
  const shape = input._shape, nd = shape.length;
  if (typeof output_size !== 'number' && output_size.length !== 3) throw new RuntimeError('adaptive_avg_pool3d: output_size must be 3');
  if (nd !== 4 && nd !== 5) throw new RuntimeError(`adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got [${shape.join(', ')}]`);
  const [D, H, W] = shape.slice(-3), lead = shape.slice(0, -3), B = lead.reduce((a, b) => a * b, 1);
  const [oD, oH, oW] = (typeof output_size === 'number' ? [output_size, output_size, output_size] : output_size)
    .map((o, i) => o ?? shape[nd - 3 + i]);
  if (oD === 1 && oH === 1 && oW === 1) return input.mean([-3, -2, -1], true);
  const temps: Tensor[] = [];
  const keep = (t: Tensor): Tensor => { temps.push(t); return t; };
  try {
    const planes = keep(adaptive_avg_pool2d(keep(input.reshape([B * D, H, W])), [oH, oW]));
    const depth = keep(adaptive_avg_pool2d(keep(planes.view([B, D, oH * oW])), [oD, oH * oW]));
    return depth.view([...lead, oD, oH, oW]);
  } finally {
    for (const t of temps) t.dispose();
  }
}

/**
 * Adaptive 3-D average pooling layer (F.adaptive_avg_pool3d).
 * @example new nn.AdaptiveAvgPool3d([2, null, 3]).call(torch.randn([1, 2, 4, 4, 4])) // AdaptiveAvgPool3d(output_size=(2, None, 3))
 */
export class AdaptiveAvgPool3d extends Module {
  constructor(readonly output_size: AdaptiveSize) { super(); }
  forward(input: Tensor): Tensor { return adaptive_avg_pool3d(input, this.output_size); }
  extra_repr(): string { return adaptiveRepr(this.output_size); }
}
