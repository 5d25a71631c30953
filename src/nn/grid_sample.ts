// F.affine_grid and F.grid_sample (4-D input, bilinear and nearest, padding zeros / border /
// reflection, align_corners), composed of recording ops.
//
// grid_sample follows ATen's grid_sampler_2d_cpu step by step: unnormalize the grid to pixel
// coordinates, clip or reflect them (clamp, abs, fmod: their derivatives are ATen's
// clip_coordinates_set_grad / reflect_coordinates_set_grad), then gather the four neighbours
// (zero outside the input) and add them weighted by the bilinear weights in ATen's order. The
// neighbours' integer coordinates are computed from the values (no gradient flows through a
// floor), so the gradient of the grid is ATen's: the derivative of the weights. The input's
// gradient is gather's (scatter_add). Nodes are PyTorch's ordinary ones, not
// GridSampler2DBackward0 (docs/api.md).

import { DType } from '../../abi/abi.js';
import { NotImplementedError, RuntimeError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { tensor } from '../creation.js';
import { tidy } from '../memory.js';
import { checkTensor } from '../ops/common.js';
import { where } from '../ops/ternary.js';
import { warnOnce } from './warn.js';

/** F.grid_sample's keywords. */
export interface GridSampleOptions {
  mode?: 'bilinear' | 'nearest' | 'bicubic';
  padding_mode?: 'zeros' | 'border' | 'reflection';
  align_corners?: boolean | null;
}

const ALIGN_WARNING = 'Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. ' +
  'Please specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for details.';

const sizesStr = (s: number[]): string => `[${s.join(', ')}]`;
const dtypeStr = (t: Tensor): string => ({ float32: 'float', float64: 'double', int64: 'long', int32: 'int', bool: 'bool' } as Record<string, string>)[t.dtype.name] ?? t.dtype.name;

/** ATen's reflect_coordinates: x reflected into [twiceLow/2, twiceHigh/2] (recording). */
function reflect(x: Tensor, twiceLow: number, twiceHigh: number): Tensor {
  if (twiceLow === twiceHigh) return x.mul(0);
  const min = twiceLow / 2, span = (twiceHigh - twiceLow) / 2;
  const a = x.sub(min).abs();
  const extra = a.fmod(span);
  const even = Array.from(a.dataSync(), (v) => Math.floor(v / span) % 2 === 0);
  const evenMask = tensor(even, { device: x.device, dtype: 'bool' }).view(x._shape);
  return where(evenMask, extra.add(min), extra.neg().add(span + min));
}

/** ATen's grid_sampler_compute_source_index: the grid's coordinates in pixels along a dim of `size`. */
function sourceCoordinate(g: Tensor, size: number, padding: string, alignCorners: boolean): Tensor {
  let x = alignCorners ? g.add(1).div(2).mul(size - 1) : g.add(1).mul(size).sub(1).div(2);
  if (padding === 'reflection') x = alignCorners ? reflect(x, 0, 2 * (size - 1)) : reflect(x, -1, 2 * size - 1);
  return padding === 'zeros' ? x : clip(x, size - 1);
}

/**
 * ATen's clip_coordinates into [0, max]: min(max, max(x, 0)) (NaN becomes max), its gradient 1
 * strictly inside only (clip_coordinates_set_grad; torch.clamp's would pass it on the bounds too).
 */
function clip(x: Tensor, max: number): Tensor {
  const v = x.dataSync(), inside: boolean[] = [], clipped: number[] = [];
  for (const e of v) {
    inside.push(e > 0 && e < max);
    clipped.push(e > 0 ? (e < max ? e : max) : e <= 0 ? 0 : max);
  }
  const o = { device: x.device };
  return where(tensor(inside, { ...o, dtype: 'bool' }).view(x._shape), x, tensor(clipped, { ...o, dtype: x.dtype }).view(x._shape));
}

/**
 * Samples `input` (N, C, H, W) at the points of `grid` (N, H_out, W_out, 2), whose last dim holds
 * (x, y) in [−1, 1], as `F.grid_sample`: bilinear or nearest, padding_mode 'zeros' | 'border' |
 * 'reflection', align_corners (default false, with PyTorch's warning). Differentiable in the input
 * and, for bilinear, in the grid.
 * @example
 * const grid = F.affine_grid(theta, [1, 1, 4, 4], { align_corners: false });
 * F.grid_sample(img, grid, { mode: 'bilinear', padding_mode: 'border', align_corners: false })
 */
export function grid_sample(input: Tensor, grid: Tensor, options: GridSampleOptions = {}): Tensor {
  checkTensor(input, 'grid_sample', 'input');
  checkTensor(grid, 'grid_sample', 'grid');
  const mode = options.mode ?? 'bilinear', padding = options.padding_mode ?? 'zeros';
  if (mode !== 'bilinear' && mode !== 'nearest' && mode !== 'bicubic') {
    throw new ValueError(`nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '${mode as string}'`);
  }
  if (padding !== 'zeros' && padding !== 'border' && padding !== 'reflection') {
    throw new ValueError(`nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '${padding as string}'`);
  }
  if (options.align_corners == null) warnOnce(ALIGN_WARNING);
  const alignCorners = options.align_corners ?? false;
  const is = input._shape, gs = grid._shape;
  if (input._dtype !== grid._dtype) {
    throw new RuntimeError(`grid_sampler(): expected input and grid to have same dtype, but input has ${dtypeStr(input)} and grid has ${dtypeStr(grid)}`);
  }
  if (is[0] !== gs[0]) {
    throw new RuntimeError(`grid_sampler(): expected grid and input to have same batch size, but got input with sizes ${sizesStr(is)} and grid with sizes ${sizesStr(gs)}`);
  }
  if (gs[gs.length - 1] !== is.length - 2) {
    throw new RuntimeError(`grid_sampler(): expected grid to have size ${is.length - 2} in last dimension, but got grid with sizes ${sizesStr(gs)}`);
  }
  for (let i = 2; i < is.length; i++) {
    if (is[i] <= 0) throw new RuntimeError(`grid_sampler(): expected input to have non-empty spatial dimensions, but input has sizes ${sizesStr(is)} with dimension ${i} being empty`);
  }
  // ATen's grid_sampler_2d / _3d check (the input's rank picks one)
  if (is.length !== gs.length || is.length !== (is.length === 4 ? 4 : 5)) {
    throw new RuntimeError(`grid_sampler(): expected ${is.length === 4 ? 4 : 5}D input and grid with same number of dimensions, but got input with sizes ${sizesStr(is)} and grid with sizes ${sizesStr(gs)}`);
  }
  if (input._dtype !== DType.Float32 && input._dtype !== DType.Float64) {
    throw new RuntimeError(`"grid_sampler_2d_cpu" not implemented for '${input.dtype.name === 'int64' ? 'Long' : input.dtype.name}'`);
  }
  if (is.length === 5 || mode === 'bicubic') {
    throw new NotImplementedError(`wasmgrad: grid_sample supports 4-D inputs in modes bilinear and nearest (got ${is.length}D, ${mode})`);
  }
  const [n, c, h, w] = is, [, ho, wo] = gs;
  return tidy(() => {
    const ix = sourceCoordinate(grid.select(-1, 0), w, padding, alignCorners);
    const iy = sourceCoordinate(grid.select(-1, 1), h, padding, alignCorners);
    const xs = ix.dataSync(), ys = iy.dataSync();
    const flat = input.reshape([n, c, h * w]);
    /** The input at integer points (px, py) per output position: zero outside (a bool mask, index 0 there). */
    const corner = (px: (i: number) => number, py: (i: number) => number): { value: Tensor; inside: Tensor } => {
      const inside: boolean[] = [], index: number[] = [];
      for (let i = 0; i < xs.length; i++) {
        const x = px(i), y = py(i), ok = x >= 0 && x < w && y >= 0 && y < h;
        inside.push(ok);
        index.push(ok ? y * w + x : 0);
      }
      const idx = tensor(index, { device: input.device, dtype: 'int64' }).view([n, 1, ho * wo]).expand([n, c, ho * wo]);
      const value = flat.gather(2, idx).view([n, c, ho, wo]);
      return { value, inside: tensor(inside, { device: input.device, dtype: 'bool' }).view([n, 1, ho, wo]) };
    };
    if (mode === 'nearest') {
      const { value, inside } = corner((i) => roundHalfEven(xs[i]), (i) => roundHalfEven(ys[i]));
      const out = where(inside, value, 0);
      if (!grid.requires_grad) return out;
      // ATen's nearest gives the grid a zero gradient: a zero term that depends on the grid
      // (zero where the grid is not finite too, so it never turns the output into NaN)
      const zero = where(grid.isfinite(), grid.mul(0), 0).select(-1, 0).unsqueeze(1);
      return out.add(zero);
    }
    const x0 = tensor(Array.from(xs, Math.floor), { device: input.device, dtype: input.dtype }).view(ix._shape);
    const y0 = tensor(Array.from(ys, Math.floor), { device: input.device, dtype: input.dtype }).view(iy._shape);
    const east = ix.sub(x0), west = x0.add(1).sub(ix), south = iy.sub(y0), north = y0.add(1).sub(iy);
    const fx = (i: number): number => Math.floor(xs[i]), fy = (i: number): number => Math.floor(ys[i]);
    const terms: [(i: number) => number, (i: number) => number, Tensor][] = [
      [fx, fy, west.mul(north)],
      [(i) => fx(i) + 1, fy, east.mul(north)],
      [fx, (i) => fy(i) + 1, west.mul(south)],
      [(i) => fx(i) + 1, (i) => fy(i) + 1, east.mul(south)],
    ];
    let out: Tensor | null = null;
    for (const [px, py, weight] of terms) {
      const { value, inside } = corner(px, py);
      const term = where(inside, value.mul(weight.unsqueeze(1)), 0);
      out = out ? out.add(term) : term;
    }
    return out as Tensor;
  });
}

/** C's nearbyint in the default rounding mode: halves to even. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** ATen's linspace_from_neg_one: num steps over [−1, 1], shrunk by (n − 1)/n without align_corners. */
function steps(num: number, alignCorners: boolean): number[] {
  if (num <= 1) return [0];
  return Array.from({ length: num }, (_, i) => {
    const v = -1 + (2 * i) / (num - 1);
    return alignCorners ? v : (v * (num - 1)) / num;
  });
}

/**
 * The sampling grid of a batch of affine matrices theta, as `F.affine_grid(theta, size)`: for size
 * (N, C, H, W), theta (N, 2, 3) and a grid (N, H, W, 2) of (x, y); for (N, C, D, H, W), theta
 * (N, 3, 4) and a grid (N, D, H, W, 3). Differentiable in theta.
 * @example
 * const theta = torch.tensor([[[1, 0, 0], [0, 1, 0]]]);        // the identity
 * F.affine_grid(theta, [1, 3, 4, 5], { align_corners: false }).shape // [1, 4, 5, 2]
 */
export function affine_grid(theta: Tensor, size: number[], options: { align_corners?: boolean | null } = {}): Tensor {
  checkTensor(theta, 'affine_grid', 'theta');
  if (options.align_corners == null) warnOnce(ALIGN_WARNING);
  const alignCorners = options.align_corners ?? false;
  if (theta._dtype !== DType.Float32 && theta._dtype !== DType.Float64) {
    throw new ValueError(`Expected theta to have floating point type, but got torch.${theta.dtype.name}`);
  }
  const ts = theta._shape, nd = size.length;
  const shapeStr = `torch.Size([${ts.join(', ')}])`, sizeStr = `[${size.join(', ')}]`;
  if (nd === 4) {
    if (ts.length !== 3 || ts[1] !== 2 || ts[2] !== 3) throw new ValueError(`Expected a batch of 2D affine matrices of shape Nx2x3 for size ${sizeStr}. Got ${shapeStr}.`);
  } else if (nd === 5) {
    if (ts.length !== 3 || ts[1] !== 3 || ts[2] !== 4) throw new ValueError(`Expected a batch of 3D affine matrices of shape Nx3x4 for size ${sizeStr}. Got ${shapeStr}.`);
  } else {
    throw new NotImplementedError(`affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size ${sizeStr}.`);
  }
  const spatial = size.slice(2);
  if (alignCorners && Math.min(...spatial) === 1) {
    warnOnce('Since version 1.3.0, affine_grid behavior has changed for unit-size grids when align_corners=True. ' +
      'This is not an intended use case of affine_grid. See the documentation of affine_grid for details.');
  } else if (Math.min(...size) <= 0) {
    throw new ValueError(`Expected non-zero, positive output size. Got ${sizeStr}`);
  }
  if (ts[0] !== size[0]) {
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${size[0]}, ${nd - 1}] but got: [${ts[0]}, ${nd - 1}].`);
  }
  // the base grid (…, x, y[, z], 1): x runs along the last spatial dim, as ATen makes it
  const axes = spatial.map((s) => steps(s, alignCorners)).reverse();
  const points = spatial.reduce((a, b) => a * b, 1), base: number[] = [];
  for (let p = 0; p < points; p++) {
    let rest = p;
    const coords = axes.map((axis) => { const v = axis[rest % axis.length]; rest = Math.floor(rest / axis.length); return v; });
    base.push(...coords, 1);
  }
  return tidy(() => {
    const b = tensor(base, { device: theta.device, dtype: theta.dtype }).view([1, points, nd - 1]);
    return b.matmul(theta.transpose(1, 2)).view([size[0], ...spatial, nd - 2]);
  });
}
