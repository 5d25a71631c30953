// The upsampling and pixel-shuffle modules over F.interpolate and F.pixel_shuffle: nn.Upsample,
// nn.UpsamplingNearest2d, nn.UpsamplingBilinear2d, nn.PixelShuffle, nn.PixelUnshuffle, with
// PyTorch's constructor arguments and repr.

import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { pyFloat } from './layers.js';
import { interpolate, pixel_shuffle, pixel_unshuffle, type InterpolateMode, type InterpolateOptions } from './interpolate.js';

/** nn.Upsample's options, PyTorch's keywords (F.interpolate's but antialias). */
export type UpsampleOptions = Omit<InterpolateOptions, 'antialias'>;

/** Python's repr of an int, float or tuple as nn.Upsample stores it. */
const pyRepr = (v: number | number[] | null, float: boolean): string => {
  const one = (x: number): string => (float ? pyFloat(x) : String(x));
  if (v === null) return 'None';
  if (typeof v === 'number') return one(v);
  return v.length === 1 ? `(${one(v[0])},)` : `(${v.map(one).join(', ')})`;
};

/**
 * F.interpolate as a module, `nn.Upsample(size, scale_factor, mode, align_corners, recompute_scale_factor)`.
 * @example new nn.Upsample({ scale_factor: 2, mode: 'bilinear' }).call(x) // (N, C, 2H, 2W)
 */
export class Upsample extends Module {
  readonly size: number | number[] | null;
  readonly scale_factor: number | number[] | null;
  readonly mode: InterpolateMode;
  readonly align_corners: boolean | null;
  readonly recompute_scale_factor: boolean | null;

  constructor(options: UpsampleOptions = {}) {
    super();
    this.size = options.size ?? null;
    const s = options.scale_factor ?? null;
    this.scale_factor = Array.isArray(s) ? s.slice() : s || null; // PyTorch: float(scale_factor) if scale_factor else None
    this.mode = options.mode ?? 'nearest';
    this.align_corners = options.align_corners ?? null;
    this.recompute_scale_factor = options.recompute_scale_factor ?? null;
  }

  forward(input: Tensor): Tensor {
    return interpolate(input, {
      size: this.size, scale_factor: this.scale_factor, mode: this.mode, align_corners: this.align_corners,
      recompute_scale_factor: this.recompute_scale_factor,
    });
  }

  extra_repr(): string {
    const info = this.scale_factor !== null ? `scale_factor=${pyRepr(this.scale_factor, true)}` : `size=${pyRepr(this.size, false)}`;
    return `${info}, mode='${this.mode}'`;
  }
}

/**
 * Nearest-neighbour upsampling of 4-D inputs, `nn.UpsamplingNearest2d(size, scale_factor)`.
 * @example new nn.UpsamplingNearest2d({ scale_factor: 2 }).call(x)
 */
export class UpsamplingNearest2d extends Upsample {
  constructor(options: { size?: number | number[] | null; scale_factor?: number | number[] | null } = {}) {
    super({ size: options.size, scale_factor: options.scale_factor, mode: 'nearest' });
  }
}

/**
 * Bilinear upsampling with align_corners=True, `nn.UpsamplingBilinear2d(size, scale_factor)`.
 * @example new nn.UpsamplingBilinear2d({ size: [8, 8] }).call(x)
 */
export class UpsamplingBilinear2d extends Upsample {
  constructor(options: { size?: number | number[] | null; scale_factor?: number | number[] | null } = {}) {
    super({ size: options.size, scale_factor: options.scale_factor, mode: 'bilinear', align_corners: true });
  }
}

/**
 * F.pixel_shuffle as a module, `nn.PixelShuffle(upscale_factor)`.
 * @example new nn.PixelShuffle(3).call(torch.randn([1, 9, 4, 4])).shape // [1, 1, 12, 12]
 */
export class PixelShuffle extends Module {
  constructor(readonly upscale_factor: number) { super(); }
  forward(input: Tensor): Tensor { return pixel_shuffle(input, this.upscale_factor); }
  extra_repr(): string { return `upscale_factor=${this.upscale_factor}`; }
}

/**
 * F.pixel_unshuffle as a module, `nn.PixelUnshuffle(downscale_factor)`.
 * @example new nn.PixelUnshuffle(3).call(torch.randn([1, 1, 12, 12])).shape // [1, 9, 4, 4]
 */
export class PixelUnshuffle extends Module {
  constructor(readonly downscale_factor: number) { super(); }
  forward(input: Tensor): Tensor { return pixel_unshuffle(input, this.downscale_factor); }
  extra_repr(): string { return `downscale_factor=${this.downscale_factor}`; }
}
