// torch.nn.functional's in-place activations (F.elu_, F.leaky_relu_, ...): F.x(..., inplace=True)
// under PyTorch's names and schemas. Each writes into its input, bumps its version and records
// PyTorch's in-place node (EluBackward1 and LeakyReluBackward1 differentiate from the result).

import { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { default_generator, type Generator } from '../random.js';
import { elu, selu, celu, leaky_relu, hardtanh, threshold } from './functional.generated.js';
import { rreluImpl } from './prelu.js';

const schemas = {
  elu_: parseSchema('elu_(Tensor input, Scalar alpha=1) -> Tensor'),
  selu_: parseSchema('selu_(Tensor input) -> Tensor'),
  celu_: parseSchema('celu_(Tensor input, Scalar alpha=1.0) -> Tensor'),
  leaky_relu_: parseSchema('leaky_relu_(Tensor input, Scalar negative_slope=0.01) -> Tensor'),
  hardtanh_: parseSchema('hardtanh_(Tensor input, Scalar min_val=-1, Scalar max_val=1) -> Tensor'),
  rrelu_: parseSchema('rrelu_(Tensor input, Scalar lower=0.125, Scalar upper=0.3333333333333333, bool training=False, Generator? generator=None) -> Tensor'),
  threshold_: parseSchema('threshold_(Tensor input, Scalar threshold, Scalar value) -> Tensor'),
};
type Name = keyof typeof schemas;
const args = (name: Name, given: unknown[]): Record<string, unknown> => bind(schemas[name], given, null);
const num = (v: unknown): number => v as number;

/** In-place elu (node EluBackward1, from the result). @example F.elu_(h, 0.5) */
export function elu_(input: Tensor, alpha?: number | { alpha?: number }): Tensor;
export function elu_(...given: unknown[]): Tensor {
  const a = args('elu_', given);
  return elu(a.input as Tensor, num(a.alpha), true);
}

/** In-place selu (node EluBackward1). @example F.selu_(h) */
export function selu_(input: Tensor): Tensor;
export function selu_(...given: unknown[]): Tensor {
  return selu(args('selu_', given).input as Tensor, true);
}

/** In-place celu (node CeluBackward1, from the result). @example F.celu_(h, 2) */
export function celu_(input: Tensor, alpha?: number | { alpha?: number }): Tensor;
export function celu_(...given: unknown[]): Tensor {
  const a = args('celu_', given);
  return celu(a.input as Tensor, num(a.alpha), true);
}

/** In-place leaky_relu (node LeakyReluBackward1; a negative slope has no backward, as in PyTorch). @example F.leaky_relu_(h, 0.2) */
export function leaky_relu_(input: Tensor, negative_slope?: number | { negative_slope?: number }): Tensor;
export function leaky_relu_(...given: unknown[]): Tensor {
  const a = args('leaky_relu_', given);
  return leaky_relu(a.input as Tensor, num(a.negative_slope), true);
}

/** In-place hardtanh (node HardtanhBackward0 over a copy of the old values). @example F.hardtanh_(h, -2, 2) */
export function hardtanh_(input: Tensor, min_val?: number | { min_val?: number; max_val?: number }, max_val?: number | { max_val?: number }): Tensor;
export function hardtanh_(...given: unknown[]): Tensor {
  const a = args('hardtanh_', given);
  return hardtanh(a.input as Tensor, num(a.min_val), num(a.max_val), true);
}

/**
 * In-place rrelu: in training each x ≤ 0 times a slope drawn from [lower, upper) by `generator`
 * (the global one by default), in eval the slope (lower + upper)/2. @example F.rrelu_(h, 0.1, 0.3, true)
 */
export function rrelu_(input: Tensor, lower?: number | RreluOptions, upper?: number | RreluOptions, training?: boolean | RreluOptions): Tensor;
export function rrelu_(...given: unknown[]): Tensor {
  const a = args('rrelu_', given);
  return rreluImpl(a.input as Tensor, num(a.lower), num(a.upper), a.training as boolean, true, (a.generator as Generator | null) ?? default_generator);
}
type RreluOptions = { lower?: number; upper?: number; training?: boolean; generator?: Generator | null };

/** In-place threshold: value where x ≤ threshold (node ThresholdBackward1). @example F.threshold_(h, 0.1, 0) */
export function threshold_(input: Tensor, threshold: number | { threshold: number; value: number }, value?: number | { value: number }): Tensor;
export function threshold_(...given: unknown[]): Tensor {
  const a = args('threshold_', given);
  return threshold(a.input as Tensor, num(a.threshold), num(a.value), true);
}
