// The pooling layers of helper pool2: MaxPool3d, AvgPool3d (the 2-D layers' options and repr,
// modules.ts), AdaptiveAvgPool1d, AdaptiveMaxPool1d/2d/3d, MaxUnpool1d/2d/3d, LPPool1d/2d, each a
// functional call with PyTorch's repr.

import type { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { MaxPoolNd, AvgPoolNd, adaptiveRepr, pyValue, tuple, outputSizeArg, type IntOrPair, type OutputSize } from './modules.js';
import { max_pool3d, avg_pool3d, lp_pool1d, lp_pool2d, lp_pool3d } from '../ops/pool.js';
import { adaptive_avg_pool1d, adaptive_max_pool1d, adaptive_max_pool2d, adaptive_max_pool3d, type AdaptiveSize } from '../ops/adaptive_pool.js';
import { max_unpool1d, max_unpool2d, max_unpool3d } from '../ops/unpool.js';

/**
 * 3-D max pooling layer (F.max_pool3d); stride defaults to the kernel size.
 * @example new nn.MaxPool3d(2).forward(x) // halves D, H and W; repr MaxPool3d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
 */
export class MaxPool3d extends MaxPoolNd {
  protected readonly pool = max_pool3d;
}

/**
 * 3-D average pooling layer (F.avg_pool3d); stride defaults to the kernel size.
 * @example new nn.AvgPool3d(2, { count_include_pad: false }).forward(x)
 */
export class AvgPool3d extends AvgPoolNd {
  protected readonly pool = avg_pool3d;
}

/** The adaptive pooling layers: output_size, and for the max ones return_indices. */
abstract class AdaptivePool extends Module {
  readonly output_size: AdaptiveSize;
  readonly return_indices: boolean;

  constructor(output_size: AdaptiveSize, return_indices = false) {
    super();
    this.output_size = output_size;
    this.return_indices = return_indices;
  }

  extra_repr(): string { return adaptiveRepr(this.output_size); }
}

/**
 * Adaptive 1-D average pooling layer (F.adaptive_avg_pool1d).
 * @example new nn.AdaptiveAvgPool1d(4).forward(x) // [N, C, 4]
 */
export class AdaptiveAvgPool1d extends AdaptivePool {
  constructor(output_size: number) { super(output_size); }

  forward(input: Tensor): Tensor { return adaptive_avg_pool1d(input, this.output_size as number); }
}

/**
 * Adaptive 1-D max pooling layer (F.adaptive_max_pool1d); with return_indices, forward gives [values, indices].
 * @example new nn.AdaptiveMaxPool1d(4).forward(x) // [N, C, 4]
 */
export class AdaptiveMaxPool1d extends AdaptivePool {
  constructor(output_size: number, return_indices = false) { super(output_size, return_indices); }

  forward(input: Tensor): Tensor { return adaptive_max_pool1d(input, this.output_size as number, { return_indices: this.return_indices }); }
}

/**
 * Adaptive 2-D max pooling layer (F.adaptive_max_pool2d); null in output_size keeps that size.
 * @example new nn.AdaptiveMaxPool2d([2, null]).forward(x) // [N, C, 2, W]
 */
export class AdaptiveMaxPool2d extends AdaptivePool {
  constructor(output_size: AdaptiveSize, return_indices = false) { super(output_size, return_indices); }

  forward(input: Tensor): Tensor { return adaptive_max_pool2d(input, this.output_size, { return_indices: this.return_indices }); }
}

/**
 * Adaptive 3-D max pooling layer (F.adaptive_max_pool3d); null in output_size keeps that size.
 * @example new nn.AdaptiveMaxPool3d([2, null, 3]).forward(x) // [N, C, 2, H, 3]
 */
export class AdaptiveMaxPool3d extends AdaptivePool {
  constructor(output_size: AdaptiveSize, return_indices = false) { super(output_size, return_indices); }

  forward(input: Tensor): Tensor { return adaptive_max_pool3d(input, this.output_size, { return_indices: this.return_indices }); }
}

/** The max unpooling layers: kernel_size, stride (default: the kernel) and padding, n numbers each. */
abstract class MaxUnpoolNd extends Module {
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[];

  constructor(n: number, kernel_size: IntOrPair, options: { stride?: IntOrPair | null; padding?: IntOrPair }) {
    super();
    this.kernel_size = tuple(kernel_size, n);
    this.stride = tuple(options.stride ?? kernel_size, n);
    this.padding = tuple(options.padding ?? 0, n);
  }

  extra_repr(): string { return `kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`; }
}

/**
 * Partial inverse of MaxPool1d (F.max_unpool1d): forward(input, indices, output_size?).
 * @example const [v, i] = F.max_pool1d(x, 2, { return_indices: true }); new nn.MaxUnpool1d(2).forward(v, i)
 */
export class MaxUnpool1d extends MaxUnpoolNd {
  constructor(kernel_size: IntOrPair, options: { stride?: IntOrPair | null; padding?: IntOrPair } = {}) { super(1, kernel_size, options); }

  forward(input: Tensor, indices: Tensor, output_size: OutputSize = null): Tensor {
    return max_unpool1d(input, indices, this.kernel_size, { stride: this.stride, padding: this.padding, output_size: outputSizeArg(output_size) });
  }
}

/**
 * Partial inverse of MaxPool2d (F.max_unpool2d): forward(input, indices, output_size?).
 * @example const [v, i] = F.max_pool2d(x, 2, { return_indices: true }); new nn.MaxUnpool2d(2).forward(v, i, x.shape)
 */
export class MaxUnpool2d extends MaxUnpoolNd {
  constructor(kernel_size: IntOrPair, options: { stride?: IntOrPair | null; padding?: IntOrPair } = {}) { super(2, kernel_size, options); }

  forward(input: Tensor, indices: Tensor, output_size: OutputSize = null): Tensor {
    return max_unpool2d(input, indices, this.kernel_size, { stride: this.stride, padding: this.padding, output_size: outputSizeArg(output_size) });
  }
}

/**
 * Partial inverse of MaxPool3d (F.max_unpool3d): forward(input, indices, output_size?).
 * @example const [v, i] = F.max_pool3d(x, 2, { return_indices: true }); new nn.MaxUnpool3d(2).forward(v, i, x.shape)
 */
export class MaxUnpool3d extends MaxUnpoolNd {
  constructor(kernel_size: IntOrPair, options: { stride?: IntOrPair | null; padding?: IntOrPair } = {}) { super(3, kernel_size, options); }

  forward(input: Tensor, indices: Tensor, output_size: OutputSize = null): Tensor {
    return max_unpool3d(input, indices, this.kernel_size, { stride: this.stride, padding: this.padding, output_size: outputSizeArg(output_size) });
  }
}

/** The power-average pooling layers: norm_type, kernel_size, stride (null: the kernel), ceil_mode. */
abstract class LPPoolNd extends Module {
  readonly norm_type: number;
  readonly kernel_size: IntOrPair;
  readonly stride: IntOrPair | null;
  readonly ceil_mode: boolean;

  constructor(norm_type: number, kernel_size: IntOrPair, options: { stride?: IntOrPair | null; ceil_mode?: boolean }) {
    super();
    this.norm_type = norm_type;
    this.kernel_size = kernel_size;
    this.stride = options.stride ?? null;
    this.ceil_mode = options.ceil_mode ?? false;
  }

  extra_repr(): string {
    return `norm_type=${this.norm_type}, kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, ceil_mode=${this.ceil_mode ? 'True' : 'False'}`;
  }
}

/**
 * 1-D power-average pooling layer (F.lp_pool1d).
 * @example new nn.LPPool1d(2, 3, { stride: 2 }).forward(x)
 */
export class LPPool1d extends LPPoolNd {
  constructor(norm_type: number, kernel_size: number, options: { stride?: IntOrPair | null; ceil_mode?: boolean } = {}) { super(norm_type, kernel_size, options); }

  forward(input: Tensor): Tensor { return lp_pool1d(input, this.norm_type, this.kernel_size as number, { stride: this.stride, ceil_mode: this.ceil_mode }); }
}

/**
 * 2-D power-average pooling layer (F.lp_pool2d).
 * @example new nn.LPPool2d(2, [2, 3]).forward(x) // the L2 norm of each 2×3 window
 */
export class LPPool2d extends LPPoolNd {
  constructor(norm_type: number, kernel_size: IntOrPair, options: { stride?: IntOrPair | null; ceil_mode?: boolean } = {}) { super(norm_type, kernel_size, options); }

  forward(input: Tensor): Tensor { return lp_pool2d(input, this.norm_type, this.kernel_size, { stride: this.stride, ceil_mode: this.ceil_mode }); }
}

/**
 * 3-D power-average pooling layer (F.lp_pool3d, PyTorch 2.2).
 * @example new nn.LPPool3d(2, 2).call(torch.randn([1, 3, 4, 4, 4])) // the L2 norm of each 2×2×2 window
 */
export class LPPool3d extends LPPoolNd {
  constructor(norm_type: number, kernel_size: IntOrPair, options: { stride?: IntOrPair | null; ceil_mode?: boolean } = {}) { super(norm_type, kernel_size, options); }

  forward(input: Tensor): Tensor { return lp_pool3d(input, this.norm_type, this.kernel_size, { stride: this.stride, ceil_mode: this.ceil_mode }); }
}
