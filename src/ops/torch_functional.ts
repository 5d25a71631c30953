// torch.* forms of torch.nn.functional functions, with PyTorch's top-level
// schemas: these are the ATen functions F calls, so their arguments differ
// from F's (torch.dropout(input, p, train) has no defaults; losses take an
// int reduction, 0 'none', 1 'mean', 2 'sum'; torch.embedding takes the weight
// first; torch.max_pool2d has no return_indices). Each binds PyTorch's schema
// (its argument errors) and calls the F function.

import { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import * as F from '../nn/functional.js';
import type { ReductionName } from '../nn/loss_args.js';

const S = (text: string) => parseSchema(text, false);
const REDUCTIONS: readonly ReductionName[] = ['none', 'mean', 'sum'];
const reduction = (r: unknown): ReductionName => REDUCTIONS[r as number];
/** aten's stride=[]: the kernel size. */
const stride = (s: unknown): number[] | null => (Array.isArray(s) && s.length === 0 ? null : s as number[]);

export { conv1d, conv2d } from './conv.js';
export { avg_pool1d } from './pool.js';
export { adaptive_avg_pool1d } from './adaptive_pool.js';

const DROPOUT = (name: string) => S(`${name}(Tensor input, float p, bool train) -> Tensor`);
type Dropout = (input: Tensor, p: number, train: boolean) => Tensor;
function dropoutForm(name: 'dropout' | 'alpha_dropout' | 'feature_alpha_dropout', inplace: boolean): Dropout {
  const schema = DROPOUT(inplace ? `${name}_` : name);
  return (...args: unknown[]) => {
    const a = bind(schema, args, null);
    return F[name](a.input as Tensor, { p: a.p as number, training: a.train as boolean, inplace });
  };
}
/** F.dropout's ATen function: `train` given, no defaults. @example torch.dropout(x, 0.5, true) */
export const dropout: Dropout = dropoutForm('dropout', false);
/** torch.dropout in place. @example torch.dropout_(x, 0.5, true) */
export const dropout_: Dropout = dropoutForm('dropout', true);
/** F.alpha_dropout's ATen function: `train` given, no defaults. @example torch.alpha_dropout(x, 0.5, true) */
export const alpha_dropout: Dropout = dropoutForm('alpha_dropout', false);
/** torch.alpha_dropout in place. @example torch.alpha_dropout_(x, 0.5, true) */
export const alpha_dropout_: Dropout = dropoutForm('alpha_dropout', true);
/** F.feature_alpha_dropout's ATen function. @example torch.feature_alpha_dropout(x, 0.5, true) */
export const feature_alpha_dropout: Dropout = dropoutForm('feature_alpha_dropout', false);
/** torch.feature_alpha_dropout in place. @example torch.feature_alpha_dropout_(x, 0.5, true) */
export const feature_alpha_dropout_: Dropout = dropoutForm('feature_alpha_dropout', true);

const SELU = S('selu(Tensor input) -> Tensor');
const CELU = S('celu(Tensor input, Scalar alpha=1.0) -> Tensor');
const THRESHOLD = S('threshold(Tensor input, Scalar threshold, Scalar value) -> Tensor');
/** F.selu without `inplace`. @example torch.selu(x) */
export function selu(input: Tensor): Tensor;
export function selu(...args: unknown[]): Tensor { return F.selu(bind(SELU, args, null).input as Tensor); }
/** F.celu without `inplace`. @example torch.celu(x, 2) */
export function celu(input: Tensor, alpha?: number | { alpha?: number }): Tensor;
export function celu(...args: unknown[]): Tensor { const a = bind(CELU, args, null); return F.celu(a.input as Tensor, a.alpha as number); }
/** F.threshold without `inplace`. @example torch.threshold(x, 0.1, 20) */
export function threshold(input: Tensor, threshold: number, value: number): Tensor;
export function threshold(...args: unknown[]): Tensor {
  const a = bind(THRESHOLD, args, null);
  return F.threshold(a.input as Tensor, a.threshold as number, a.value as number);
}

const POOL = (n: number) => S(`max_pool${n}d(Tensor input, int[] kernel_size, int[] stride=[], int[] padding=0, int[] dilation=1, bool ceil_mode=False) -> Tensor`);
const MAX_POOL = [POOL(1), POOL(2), POOL(3)];
type Pool = (input: Tensor, kernel_size: number | number[], ...rest: unknown[]) => Tensor;
function maxPool(n: 1 | 2 | 3): Pool {
  const f = [F.max_pool1d, F.max_pool2d, F.max_pool3d][n - 1] as (...a: unknown[]) => Tensor;
  return (...args: unknown[]) => {
    const a = bind(MAX_POOL[n - 1], args, null);
    return f(a.input, a.kernel_size, { stride: stride(a.stride), padding: a.padding, dilation: a.dilation, ceil_mode: a.ceil_mode });
  };
}
/** F.max_pool1d without return_indices. @example torch.max_pool1d(x, 2) */
export const max_pool1d: Pool = maxPool(1);
/** F.max_pool2d without return_indices. @example torch.max_pool2d(x, 2) */
export const max_pool2d: Pool = maxPool(2);
/** F.max_pool3d without return_indices. @example torch.max_pool3d(x, 2) */
export const max_pool3d: Pool = maxPool(3);

const ADAPTIVE_MAX1 = S('adaptive_max_pool1d(Tensor input, int[] output_size) -> Tensor');
/** F.adaptive_max_pool1d's ATen function: always the values and the indices. @example const [v, i] = torch.adaptive_max_pool1d(x, 2) */
export function adaptive_max_pool1d(input: Tensor, output_size: number | number[]): [Tensor, Tensor];
export function adaptive_max_pool1d(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(ADAPTIVE_MAX1, args, null);
  return F.adaptive_max_pool1d(a.input as Tensor, a.output_size as number[], { return_indices: true }) as unknown as [Tensor, Tensor];
}

const EMBEDDING = S('embedding(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor');
/** F.embedding's ATen function: the weight first; a negative padding_idx is none. @example torch.embedding(w, idx) */
export function embedding(weight: Tensor, indices: Tensor, padding_idx?: number): Tensor;
export function embedding(...args: unknown[]): Tensor {
  const a = bind(EMBEDDING, args, null);
  const p = a.padding_idx as number;
  return F.embedding(a.indices as Tensor, a.weight as Tensor, { padding_idx: p < 0 ? null : p, scale_grad_by_freq: a.scale_grad_by_freq as boolean });
}

const LAYER_NORM = S('layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enable=True) -> Tensor');
const GROUP_NORM = S('group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enabled=True) -> Tensor');
/** F.layer_norm's ATen function (cudnn_enable is accepted and ignored). @example torch.layer_norm(x, [4]) */
export function layer_norm(input: Tensor, normalized_shape: number[], ...rest: unknown[]): Tensor;
export function layer_norm(...args: unknown[]): Tensor {
  const a = bind(LAYER_NORM, args, null);
  return F.layer_norm(a.input as Tensor, a.normalized_shape as number[], { weight: a.weight as Tensor | null, bias: a.bias as Tensor | null, eps: a.eps as number });
}
/** F.group_norm's ATen function (cudnn_enabled is accepted and ignored). @example torch.group_norm(x, 2) */
export function group_norm(input: Tensor, num_groups: number, ...rest: unknown[]): Tensor;
export function group_norm(...args: unknown[]): Tensor {
  const a = bind(GROUP_NORM, args, null);
  return F.group_norm(a.input as Tensor, a.num_groups as number, { weight: a.weight as Tensor | null, bias: a.bias as Tensor | null, eps: a.eps as number });
}

// reduction=0: PyTorch 1.13's schemas say 1 (mean), but its torch.* bindings give 'none' when the
// reduction is not given (torch.triplet_margin_loss(a, p, n) has a loss per sample); we follow what they give
const LOSSES = {
  margin_ranking_loss: S('margin_ranking_loss(Tensor input1, Tensor input2, Tensor target, float margin=0.0, int reduction=0) -> Tensor'),
  hinge_embedding_loss: S('hinge_embedding_loss(Tensor input, Tensor target, float margin=1.0, int reduction=0) -> Tensor'),
  cosine_embedding_loss: S('cosine_embedding_loss(Tensor input1, Tensor input2, Tensor target, float margin=0.0, int reduction=0) -> Tensor'),
  triplet_margin_loss: S('triplet_margin_loss(Tensor anchor, Tensor positive, Tensor negative, float margin=1.0, float p=2, float eps=1e-06, bool swap=False, int reduction=0) -> Tensor'),
  binary_cross_entropy_with_logits: S('binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight=None, Tensor? pos_weight=None, int reduction=0) -> Tensor'),
  poisson_nll_loss: S('poisson_nll_loss(Tensor input, Tensor target, bool log_input, bool full, float eps, int reduction) -> Tensor'),
};
type Loss = (...args: unknown[]) => Tensor;
/** A loss's ATen form: its tensors positional, then its options, the reduction an int. */
function lossForm(name: keyof typeof LOSSES, tensors: number): Loss {
  return (...args: unknown[]) => {
    const a = bind(LOSSES[name], args, null);
    const params = LOSSES[name].params;
    const options: Record<string, unknown> = {};
    for (const p of params.slice(tensors)) options[p.name] = p.name === 'reduction' ? reduction(a.reduction) : a[p.name];
    return (F[name] as (...x: unknown[]) => Tensor)(...params.slice(0, tensors).map((p) => a[p.name]), options);
  };
}
/** F.margin_ranking_loss with an int reduction (0 none, 1 mean, 2 sum). @example torch.margin_ranking_loss(a, b, y, 0.1, 1) */
export const margin_ranking_loss: Loss = lossForm('margin_ranking_loss', 3);
/** F.hinge_embedding_loss with an int reduction. @example torch.hinge_embedding_loss(x, y, 1.0, 2) */
export const hinge_embedding_loss: Loss = lossForm('hinge_embedding_loss', 2);
/** F.cosine_embedding_loss with an int reduction. @example torch.cosine_embedding_loss(a, b, y) */
export const cosine_embedding_loss: Loss = lossForm('cosine_embedding_loss', 3);
/** F.triplet_margin_loss with an int reduction. @example torch.triplet_margin_loss(a, p, n) */
export const triplet_margin_loss: Loss = lossForm('triplet_margin_loss', 3);
/** F.binary_cross_entropy_with_logits with an int reduction. @example torch.binary_cross_entropy_with_logits(x, y) */
export const binary_cross_entropy_with_logits: Loss = lossForm('binary_cross_entropy_with_logits', 2);
/** F.poisson_nll_loss's ATen function: every argument given, an int reduction. @example torch.poisson_nll_loss(x, y, true, false, 1e-8, 1) */
export const poisson_nll_loss: Loss = lossForm('poisson_nll_loss', 2);
