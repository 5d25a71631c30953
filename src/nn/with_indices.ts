// The F functions PyTorch keeps under other names (helper nnrest): the max pools' `*_with_indices`
// forms (the pool with return_indices forced on: [values, indices]), the deprecated
// upsample_nearest / upsample_bilinear (F.interpolate with PyTorch's warning), and F.relu_.

import { Tensor } from '../tensor.js';
import { max_pool1d, max_pool2d, max_pool3d } from '../ops/pool.js';
import { adaptive_max_pool1d, adaptive_max_pool2d, adaptive_max_pool3d } from '../ops/adaptive_pool.js';
import { fractional_max_pool2d, fractional_max_pool3d } from './fractional_max_pool.js';
import { interpolate } from './interpolate.js';
import { warnOnce } from './warn.js';

type Pool = (input: Tensor, size: number | number[], ...rest: never[]) => Tensor;
type WithIndices = (input: Tensor, size: number | number[], ...rest: unknown[]) => [Tensor, Tensor];

/** f with return_indices true, merged into a trailing options object or appended as one. */
const withIndices = (f: Pool): WithIndices => (...args: unknown[]): [Tensor, Tensor] => {
  const last = args[args.length - 1];
  const options = args.length > 2 && last !== null && typeof last === 'object' && !Array.isArray(last) && !(last instanceof Tensor);
  const rest = options ? args.slice(0, -1) : args;
  return (f as (...a: unknown[]) => unknown)(...rest, { ...(options ? last : {}), return_indices: true }) as [Tensor, Tensor];
};

/** F.max_pool1d returning [values, indices]. @example const [v, i] = F.max_pool1d_with_indices(x, 2) */
export const max_pool1d_with_indices: WithIndices = withIndices(max_pool1d as Pool);
/** F.max_pool2d returning [values, indices]. @example const [v, i] = F.max_pool2d_with_indices(x, 2, { stride: 1 }) */
export const max_pool2d_with_indices: WithIndices = withIndices(max_pool2d as Pool);
/** F.max_pool3d returning [values, indices]. @example const [v, i] = F.max_pool3d_with_indices(x, 2) */
export const max_pool3d_with_indices: WithIndices = withIndices(max_pool3d as Pool);
/** F.adaptive_max_pool1d returning [values, indices]. @example const [v, i] = F.adaptive_max_pool1d_with_indices(x, 4) */
export const adaptive_max_pool1d_with_indices: WithIndices = withIndices(adaptive_max_pool1d as Pool);
/** F.adaptive_max_pool2d returning [values, indices]. @example const [v, i] = F.adaptive_max_pool2d_with_indices(x, [2, 3]) */
export const adaptive_max_pool2d_with_indices: WithIndices = withIndices(adaptive_max_pool2d as Pool);
/** F.adaptive_max_pool3d returning [values, indices]. @example const [v, i] = F.adaptive_max_pool3d_with_indices(x, 2) */
export const adaptive_max_pool3d_with_indices: WithIndices = withIndices(adaptive_max_pool3d as Pool);
/** F.fractional_max_pool2d returning [values, indices]. @example const [v, i] = F.fractional_max_pool2d_with_indices(x, 2, { output_ratio: 0.5 }) */
export const fractional_max_pool2d_with_indices: WithIndices = withIndices(fractional_max_pool2d as Pool);
/** F.fractional_max_pool3d returning [values, indices]. @example const [v, i] = F.fractional_max_pool3d_with_indices(x, 2, { output_size: 3 }) */
export const fractional_max_pool3d_with_indices: WithIndices = withIndices(fractional_max_pool3d as Pool);

/**
 * The deprecated F.upsample_nearest: F.interpolate in mode 'nearest', with PyTorch's warning.
 * @example F.upsample_nearest(x, { scale_factor: 2 })
 */
export function upsample_nearest(input: Tensor, options: { size?: number | number[] | null; scale_factor?: number | number[] | null } = {}): Tensor {
  warnOnce('nn.functional.upsample_nearest is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, { size: options.size ?? null, scale_factor: options.scale_factor ?? null, mode: 'nearest' });
}

/**
 * The deprecated F.upsample_bilinear: F.interpolate in mode 'bilinear' with align_corners, with PyTorch's warning.
 * @example F.upsample_bilinear(x, { size: [8, 8] })
 */
export function upsample_bilinear(input: Tensor, options: { size?: number | number[] | null; scale_factor?: number | number[] | null } = {}): Tensor {
  warnOnce('nn.functional.upsample_bilinear is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, { size: options.size ?? null, scale_factor: options.scale_factor ?? null, mode: 'bilinear', align_corners: true });
}

/** In-place relu, torch.relu_ (node ReluBackward0, as PyTorch's). @example F.relu_(h) */
export const relu_ = (input: Tensor): Tensor => input.relu_();
