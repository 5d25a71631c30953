// F.interpolate / F.upsample (nearest, nearest-exact, linear, bilinear, bicubic, trilinear, area) and
// F.pixel_shuffle / F.pixel_unshuffle, composed of recording ops.
//
// PyTorch's upsampling kernels are separable: each output value is a weighted sum of input
// values along one spatial dim after another. Here each spatial dim is one step of index_select
// (the source indices, clamped as ATen's kernels clamp them) times constant weights, summed over
// the kernel's taps; the last dim first, which is the order ATen's loops add in (the inner loop
// runs over the width). The gradient is index_select's (index_add of the weighted upstream), which
// is ATen's upsample backward, so create_graph works too. The nodes are IndexSelectBackward0 /
// AddBackward0 / MulBackward0, not PyTorch's UpsampleBilinear2DBackward0 (docs/api.md).

import { DType } from '../../abi/abi.js';
import { NotImplementedError, RuntimeError, TypeError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { tensor } from '../creation.js';
import { tidy } from '../memory.js';
import { checkTensor } from '../ops/common.js';
import { warnOnce } from './warn.js';
import { adaptive_avg_pool1d, adaptive_avg_pool2d } from '../ops/adaptive_pool.js'; // 'area' (helper conv3d)

export type InterpolateMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area';

/** F.interpolate's keywords, PyTorch's names. */
export interface InterpolateOptions {
  size?: number | number[] | null;
  scale_factor?: number | number[] | null;
  mode?: InterpolateMode;
  align_corners?: boolean | null;
  recompute_scale_factor?: boolean | null;
  antialias?: boolean;
}

/** One tap of a separable kernel: the source index of each output position and its weight (null: 1). */
interface Tap { index: number[]; weight: number[] | null }

const f32 = Math.fround;
/** ATen's opmath rounding: float for float32 inputs, double (none) for float64. */
type Round = (v: number) => number;
const exact: Round = (v) => v;

/** ATen's compute_scales_value: 1/scale_factor when one was given, else in/out. */
const scaleValue = (scale: number | null, inSize: number, outSize: number): number =>
  (scale !== null && scale > 0 ? 1 / scale : inSize / outSize);

/** ATen's area_pixel_compute_scale. */
const areaScale = (inSize: number, outSize: number, alignCorners: boolean, scale: number | null): number =>
  (alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : scaleValue(scale, inSize, outSize));

/** ATen's area_pixel_compute_source_index, rounded as its CPU kernels compute (float for float32). */
function sourceIndex(scale: number, dst: number, alignCorners: boolean, cubic: boolean, r: Round): number {
  if (alignCorners) return r(scale * dst);
  const src = r(r(scale * (dst + 0.5)) - 0.5);
  return !cubic && src < 0 ? 0 : src;
}

/** The taps along one dim: nearest (ATen's nearest_idx), linear (two) or cubic (four, A = −0.75). */
function taps(mode: InterpolateMode, inSize: number, outSize: number, alignCorners: boolean, scale: number | null, r: Round): Tap[] {
  const out = Array.from({ length: outSize }, (_, i) => i);
  if (mode === 'nearest' || mode === 'nearest-exact') {
    const s = f32(scaleValue(scale, inSize, outSize));
    const isExact = mode === 'nearest-exact';
    const index = out.map((i) => {
      if (!isExact && outSize === inSize) return i;
      if (!isExact && outSize === 2 * inSize) return i >> 1;
      return Math.min(Math.floor(isExact ? f32((i + 0.5) * s) : f32(i * s)), inSize - 1);
    });
    return [{ index, weight: null }];
  }
  const s = r(areaScale(inSize, outSize, alignCorners, scale));
  if (mode === 'bicubic') {
    const A = -0.75;
    const near = (x: number): number => ((A + 2) * x - (A + 3)) * x * x + 1;
    const far = (x: number): number => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    const src = out.map((i) => sourceIndex(s, i, alignCorners, true, r));
    return [-1, 0, 1, 2].map((k) => ({
      index: src.map((v) => Math.min(Math.max(Math.floor(v) + k, 0), inSize - 1)),
      weight: src.map((v) => {
        const t = v - Math.floor(v);
        return [far(t + 1), near(t), near(1 - t), far(2 - t)][k + 1];
      }),
    }));
  }
  const src = out.map((i) => sourceIndex(s, i, alignCorners, false, r));
  const i0 = src.map((v) => Math.trunc(v));
  const l1 = src.map((v, j) => Math.min(Math.max(r(v - i0[j]), 0), 1));
  return [
    { index: i0, weight: l1.map((l) => r(1 - l)) },
    { index: i0.map((i) => i + (i < inSize - 1 ? 1 : 0)), weight: l1 },
  ];
}

/** Σ over taps of input.index_select(dim, tap)·weight along dim (recording). */
function resample(input: Tensor, dim: number, kernel: Tap[]): Tensor {
  const opts = { device: input.device };
  const view = input._shape.map((_, d) => (d === dim ? kernel[0].index.length : 1));
  let acc: Tensor | null = null;
  for (const { index, weight } of kernel) {
    let term = input.index_select(dim, tensor(index, { ...opts, dtype: 'int64' }));
    if (weight) term = term.mul(tensor(weight, { ...opts, dtype: input.dtype }).view(view));
    acc = acc ? acc.add(term) : term;
  }
  return acc as Tensor;
}

const MODE_RANK: Record<string, number> = { linear: 3, bilinear: 4, bicubic: 4, trilinear: 5 };

/** The output size and the scale each dim's kernel uses, as F.interpolate's Python works them out. */
function outputGeometry(input: Tensor, o: InterpolateOptions, mode: InterpolateMode): { size: number[]; scales: (number | null)[] } {
  const dim = input._shape.length - 2, spatial = input._shape.slice(2);
  const { size = null, scale_factor = null } = o;
  if (size !== null && scale_factor !== null) throw new ValueError('only one of size or scale_factor should be defined');
  let outSize: number[] | null = null, scales: number[] | null = null;
  if (size !== null) {
    if (Array.isArray(size) && size.length !== dim) {
      throw new ValueError('Input and output must have the same number of spatial dimensions, but got ' +
        `input with spatial dimensions of [${spatial.join(', ')}] and output size of [${size.join(', ')}]. ` +
        'Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.');
    }
    outSize = Array.isArray(size) ? size.slice() : new Array<number>(dim).fill(size);
  } else if (scale_factor !== null) {
    if (Array.isArray(scale_factor) && scale_factor.length !== dim) {
      throw new ValueError('Input and scale_factor must have the same number of spatial dimensions, but ' +
        `got input with spatial dimensions of [${spatial.join(', ')}] and scale_factor of shape [${scale_factor.join(', ')}]. ` +
        'Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.');
    }
    scales = Array.isArray(scale_factor) ? scale_factor.slice() : new Array<number>(dim).fill(scale_factor);
  } else {
    throw new ValueError('either size or scale_factor should be defined');
  }
  if (o.recompute_scale_factor && size !== null) throw new ValueError('recompute_scale_factor is not meaningful with an explicit size.');
  if (scales && (o.recompute_scale_factor || mode === 'area')) {
    outSize = spatial.map((s, i) => Math.floor(s * (scales as number[])[i]));
    scales = null;
  }
  const sizes = outSize ?? spatial.map((s, i) => Math.trunc(s * (scales as number[])[i]));
  return { size: sizes, scales: scales ?? sizes.map(() => null) };
}

/** ATen's check of the upsampling sizes (upsample_2d_common_check and its 1-D form). */
function checkSizes(input: Tensor, size: number[]): void {
  const names = ['D', 'H', 'W'].slice(3 - size.length);
  const spatial = input._shape.slice(2);
  if (spatial.some((s) => s <= 0) || size.some((s) => s <= 0)) {
    const fmt = (v: number[]): string => v.map((s, i) => `${names[i]}: ${s}`).join(', ');
    // ATen's 1-D message has an "and" the 2-D one lacks
    throw new RuntimeError(`Input and output sizes should be greater than 0, but got input (${fmt(spatial)})${size.length === 1 ? ' and' : ''} output (${fmt(size)})`);
  }
}

/**
 * 'area': PyTorch's adaptive_avg_pool1d / 2d (their nodes); 5-D, for want of adaptive_avg_pool3d,
 * pools (H, W) over [N, C·D, H, W], then D over [N, C, D, OH·OW] (the bins are separable).
 */
function area(input: Tensor, size: number[]): Tensor {
  if (size.length === 1) return adaptive_avg_pool1d(input, size);
  if (size.length === 2) return adaptive_avg_pool2d(input, size);
  const [N, C, D, H, W] = input._shape, [OD, OH, OW] = size;
  return tidy(() => adaptive_avg_pool2d(adaptive_avg_pool2d(input.reshape(N, C * D, H, W), [OH, OW]).reshape(N, C, D, OH * OW), [OD, OH * OW])
    .reshape(N, C, OD, OH, OW));
}

/**
 * Resizes the spatial dims (all dims after the first two) of a 3-D (N, C, W), 4-D (N, C, H, W) or
 * 5-D (N, C, D, H, W) input to `size`, or by `scale_factor`, as `torch.nn.functional.interpolate`.
 * Modes: 'nearest' (PyTorch's legacy index floor(i·in/out)), 'nearest-exact', 'area' (adaptive
 * average pooling), 'linear' (3-D), 'bilinear' and 'bicubic' (4-D, A = −0.75), 'trilinear' (5-D),
 * with `align_corners` for the interpolating modes and
 * `recompute_scale_factor`. Differentiable in the input (create_graph too).
 * @example
 * F.interpolate(x, { scale_factor: 2, mode: 'bilinear', align_corners: false }) // (N, C, 2H, 2W)
 * F.interpolate(x, { size: [5, 7] })                                             // nearest
 */
export function interpolate(input: Tensor, options: InterpolateOptions = {}): Tensor {
  checkTensor(input, 'interpolate', 'input');
  const mode = options.mode ?? 'nearest';
  let alignCorners = options.align_corners ?? null;
  if (mode === 'nearest' || mode === 'area' || mode === 'nearest-exact') {
    if (alignCorners !== null) {
      throw new ValueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
    }
  } else if (alignCorners === null) {
    alignCorners = false;
  }
  const { size, scales } = outputGeometry(input, options, mode);
  const rank = input._shape.length;
  if (options.antialias && !((mode === 'bilinear' || mode === 'bicubic') && rank === 4)) {
    throw new ValueError('Anti-alias option is only supported for bilinear and bicubic modes');
  }
  const known = ['nearest', 'nearest-exact', 'area', 'linear', 'bilinear', 'bicubic', 'trilinear'].includes(mode);
  if (known && MODE_RANK[mode] !== undefined && MODE_RANK[mode] !== rank && rank >= 3 && rank <= 5) {
    const need = MODE_RANK[mode];
    throw new NotImplementedError(`Got ${rank}D input, but ${mode} mode needs ${need}D input`);
  }
  if (!known || rank < 3 || rank > 5) {
    throw new NotImplementedError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${rank}D) for the modes: ` +
      `nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`);
  }
  if (options.antialias) {
    throw new NotImplementedError(`wasmgrad: interpolate supports antialias=false only (got ${rank}D, ${mode})`);
  }
  if (input._dtype !== DType.Float32 && input._dtype !== DType.Float64) {
    throw new RuntimeError(`"upsample_${mode === 'nearest' ? 'nearest' : mode}${rank - 2}d_out_frame" not implemented for '${input.dtype.name}'`);
  }
  if (mode === 'area') return area(input, size);
  checkSizes(input, size);
  return tidy(() => {
    let out = input;
    for (let d = size.length - 1; d >= 0; d--) {
      const inSize = input._shape[d + 2];
      const r = input._dtype === DType.Float64 ? exact : f32;
      out = resample(out, d + 2, taps(mode, inSize, size[d], alignCorners ?? false, scales[d], r));
    }
    return out === input ? input.clone() : out;
  });
}

/**
 * F.interpolate under its old name (PyTorch warns that it is deprecated).
 * @example F.upsample(x, { scale_factor: 2 })
 */
export function upsample(input: Tensor, options: Omit<InterpolateOptions, 'recompute_scale_factor' | 'antialias'> = {}): Tensor {
  warnOnce('nn.functional.upsample is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, options);
}

/** The leading dims, channels, height and width of a pixel_shuffle input, after ATen's checks. */
function shuffleDims(input: Tensor, factor: number, fn: 'pixel_shuffle' | 'pixel_unshuffle'): number[] {
  checkTensor(input, fn, 'input');
  const what = fn === 'pixel_shuffle' ? 'upscale_factor' : 'downscale_factor';
  if (!Number.isInteger(factor)) throw new TypeError(`${fn}(): argument '${what}' (position 2) must be int, not ${typeof factor === 'number' ? 'float' : typeof factor}`);
  const nd = input._shape.length;
  if (nd < 3) throw new RuntimeError(`${fn} expects input to have at least 3 dimensions, but got input with ${nd} dimension(s)`);
  if (factor <= 0) throw new RuntimeError(`${fn} expects a positive ${what}, but got ${factor}`);
  return input._shape.slice(-3);
}

/**
 * Rearranges (*, C·r², H, W) into (*, C, H·r, W·r), as `F.pixel_shuffle(input, upscale_factor)`:
 * a reshape, a permute and a reshape (PyTorch's own math), so it is differentiable for free.
 * @example F.pixel_shuffle(torch.randn([1, 8, 2, 3]), 2).shape // [1, 2, 4, 6]
 */
export function pixel_shuffle(input: Tensor, upscale_factor: number): Tensor {
  const [c, h, w] = shuffleDims(input, upscale_factor, 'pixel_shuffle'), r = upscale_factor;
  if (c % (r * r) !== 0) {
    throw new RuntimeError(`pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`);
  }
  const lead = input._shape.slice(0, -3), n = lead.length;
  return tidy(() => input.reshape([...lead, c / (r * r), r, r, h, w])
    .permute([...lead.map((_, i) => i), n, n + 3, n + 1, n + 4, n + 2])
    .reshape([...lead, c / (r * r), h * r, w * r]));
}

/**
 * Rearranges (*, C, H·r, W·r) into (*, C·r², H, W), the inverse of pixel_shuffle, as
 * `F.pixel_unshuffle(input, downscale_factor)`.
 * @example F.pixel_unshuffle(torch.randn([1, 2, 4, 6]), 2).shape // [1, 8, 2, 3]
 */
export function pixel_unshuffle(input: Tensor, downscale_factor: number): Tensor {
  const [c, h, w] = shuffleDims(input, downscale_factor, 'pixel_unshuffle'), r = downscale_factor;
  if (h % r !== 0) throw new RuntimeError(`pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`);
  if (w % r !== 0) throw new RuntimeError(`pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`);
  const lead = input._shape.slice(0, -3), n = lead.length;
  return tidy(() => input.reshape([...lead, c, h / r, r, w / r, r])
    .permute([...lead.map((_, i) => i), n, n + 2, n + 4, n + 1, n + 3])
    .reshape([...lead, c * r * r, h / r, w / r]));
}
