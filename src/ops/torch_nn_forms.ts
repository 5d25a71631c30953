// More torch.* forms of nn functions (helper h-torchnn): the ATen functions that F and the nn
// modules call, with their top-level schemas. Their arguments differ from F's: every argument
// positional and mostly required (torch.batch_norm(input, weight, bias, running_mean,
// running_var, training, momentum, eps, cudnn_enabled)), a reduction as an int (0 'none',
// 1 'mean', 2 'sum'), modes as ints, the recurrent ones with flat weight lists. Each binds
// PyTorch's schema (its argument errors), does ATen's own checks and calls the F function or the
// module's code; the native_* forms also return the statistics ATen saves.

import { Tensor } from '../tensor.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { bind, bindOverloads } from '../signature.js';
import { parseSchema } from '../schema.js';
import { tidy } from '../memory.js';
import { no_grad } from '../autograd.js';
import { default_generator } from '../random.js';
import { tensor, zeros, full } from '../creation.js';
import { stack } from './shape.js';
import { drawsOfNumber } from './bernoulli.js';
import * as F from '../nn/functional.js';
import { dropoutImpl } from '../nn/dropout.js';
import { cellStep, gateCount, inputGates, type CellWeights, type RnnMode } from '../nn/rnn_steps.js';
import { rnnLayers } from '../nn/rnn.js';
import type { ReductionName } from '../nn/loss_args.js';

const S = (text: string) => parseSchema(text, false);
const REDUCTIONS: readonly ReductionName[] = ['none', 'mean', 'sum'];
type Opt = Tensor | null;

type BatchNorm = (input: Tensor, weight: Opt, bias: Opt, running_mean: Opt, running_var: Opt, training: boolean, momentum: number,
  eps: number, cudnn_enabled: boolean) => Tensor;
/** The ATen form of F.batch_norm / F.instance_norm: weight and bias first, every argument given. */
function normForm(name: 'batch_norm' | 'instance_norm', flag: string): BatchNorm {
  const schema = S(`${name}(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool ${flag}, ` +
    'float momentum, float eps, bool cudnn_enabled) -> Tensor');
  return (...args: unknown[]) => {
    const a = bind(schema, args, null);
    return F[name](a.input as Tensor, a.running_mean as Opt, a.running_var as Opt, a.weight as Opt, a.bias as Opt,
      a[flag] as boolean, a.momentum as number, a.eps as number);
  };
}
/**
 * F.batch_norm's ATen function: weight and bias before the running statistics, every argument
 * given (cudnn_enabled is accepted and ignored). NativeBatchNormBackward0.
 * @example torch.batch_norm(x, w, b, running_mean, running_var, true, 0.1, 1e-5, false)
 */
export const batch_norm: BatchNorm = normForm('batch_norm', 'training');
/**
 * F.instance_norm's ATen function, in torch.batch_norm's argument order (use_input_stats for
 * training). ViewBackward0.
 * @example torch.instance_norm(x, null, null, null, null, true, 0.1, 1e-5, false)
 */
export const instance_norm: BatchNorm = normForm('instance_norm', 'use_input_stats');

const NATIVE_BATCH_NORM = S('native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps) -> Tensor');
/**
 * torch.batch_norm with the statistics ATen saves: [output, save_mean, save_invstd], the batch's
 * per-channel mean and 1/sqrt(var + eps) in training, empty tensors in eval (as PyTorch's CPU).
 * @example const [y, mean, invstd] = torch.native_batch_norm(x, w, b, rm, rv, true, 0.1, 1e-5)
 */
export function native_batch_norm(input: Tensor, weight: Opt, bias: Opt, running_mean: Opt, running_var: Opt, training: boolean,
  momentum: number, eps: number): [Tensor, Tensor, Tensor];
export function native_batch_norm(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = bind(NATIVE_BATCH_NORM, args, null);
  const input = a.input as Tensor, training = a.training as boolean, eps = a.eps as number;
  const o = { dtype: input.dtype, device: input.device };
  // the statistics before the call, which updates the running ones in training
  const stats = !training ? [zeros([0], o), zeros([0], o)] : no_grad(() => tidy(() => {
    const dims = input._shape.map((_, i) => i).filter((i) => i !== 1);
    return [input.mean(dims), input.var(dims, { correction: 0 }).add(eps).rsqrt()];
  }));
  try {
    const out = F.batch_norm(input, a.running_mean as Opt, a.running_var as Opt, a.weight as Opt, a.bias as Opt, training, a.momentum as number, eps);
    return [out, stats[0], stats[1]];
  } catch (e) {
    for (const t of stats) t.dispose();
    throw e;
  }
}

const NATIVE_LAYER_NORM = S('native_layer_norm(Tensor input, int[] normalized_shape, Tensor? weight, Tensor? bias, float eps) -> Tensor');
/**
 * torch.layer_norm with the statistics ATen saves: [output, mean, rstd], mean and rstd shaped as
 * the input with the normalized dims 1. NativeLayerNormBackward0.
 * @example const [y, mean, rstd] = torch.native_layer_norm(x, [4], null, null, 1e-5)
 */
export function native_layer_norm(input: Tensor, normalized_shape: number[], weight: Opt, bias: Opt, eps: number): [Tensor, Tensor, Tensor];
export function native_layer_norm(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = bind(NATIVE_LAYER_NORM, args, null);
  const input = a.input as Tensor, shape = a.normalized_shape as number[], eps = a.eps as number;
  const out = F.layer_norm(input, shape, a.weight as Opt, a.bias as Opt, eps);
  const nd = input._shape.length, dims = shape.map((_, i) => nd - shape.length + i);
  const [mean, rstd] = no_grad(() => tidy(() => [input.mean(dims, true), input.var(dims, { correction: 0, keepdim: true }).add(eps).rsqrt()]));
  return [out, mean, rstd];
}

const NATIVE_GROUP_NORM = S('native_group_norm(Tensor input, Tensor? weight, Tensor? bias, int N, int C, int HxW, int group, float eps) -> Tensor');
/**
 * torch.group_norm with the statistics ATen saves: [output, mean, rstd], each (N, group); N, C
 * and HxW must describe the input. NativeGroupNormBackward0 (mean and rstd need no gradient here).
 * @example const [y, mean, rstd] = torch.native_group_norm(x, null, null, 2, 4, 3, 2, 1e-5)
 */
export function native_group_norm(input: Tensor, weight: Opt, bias: Opt, N: number, C: number, HxW: number, group: number, eps: number): [Tensor, Tensor, Tensor];
export function native_group_norm(...args: unknown[]): [Tensor, Tensor, Tensor] {
  const a = bind(NATIVE_GROUP_NORM, args, null);
  const input = a.input as Tensor, N = a.N as number, C = a.C as number, HxW = a.HxW as number, G = a.group as number, eps = a.eps as number;
  // ATen's native_group_norm checks
  if (input.numel() !== N * C * HxW) {
    throw new RuntimeError('Expected X.numel() == N * C * HxW to be true, but got false.  ' +
      '(Could this error message be improved?  If so, please report an enhancement request to PyTorch.)');
  }
  const out = F.group_norm(input, G, a.weight as Opt, a.bias as Opt, eps);
  const [mean, rstd] = no_grad(() => tidy(() => {
    const g = input.reshape([N, G, -1]);
    return [g.mean(2), g.var(2, { correction: 0 }).add(eps).rsqrt()];
  }));
  return [out, mean, rstd];
}

// reduction=0: the schemas say 1 (mean), but PyTorch's torch.* bindings give 'none' when no
// reduction is given, as for torch.triplet_margin_loss (torch_functional.ts)
const KL_DIV = S('kl_div(Tensor input, Tensor target, int reduction=0, *, bool log_target=False) -> Tensor');
/**
 * F.kl_div's ATen function: an int reduction (none when not given, as PyTorch's binding; 1 is the
 * mean over every element; no 'batchmean'), composed as ATen, without F's warning about 'mean'.
 * @example torch.kl_div(logp, q, 2, { log_target: false })
 */
export function kl_div(input: Tensor, target: Tensor, reduction?: number | { reduction?: number; log_target?: boolean }, options?: { log_target?: boolean }): Tensor;
export function kl_div(...args: unknown[]): Tensor {
  const a = bind(KL_DIV, args, null);
  const r = a.reduction as number;
  const loss = F.kl_div(a.input as Tensor, a.target as Tensor, { reduction: 'none', log_target: a.log_target as boolean });
  if (r !== 1 && r !== 2) return loss;
  try { return r === 1 ? loss.mean() : loss.sum(); } finally { loss.dispose(); }
}

const CTC = (lengths: string) => S(`ctc_loss(Tensor log_probs, Tensor targets, ${lengths} input_lengths, ${lengths} target_lengths, int blank=0, int reduction=0, bool zero_infinity=False) -> Tensor`);
const CTC_LOSS = [CTC('int[]'), CTC('Tensor')];
/**
 * F.ctc_loss's ATen function: an int reduction (none when not given, as PyTorch's binding; 1
 * 'mean', 2 'sum'); the lengths as int lists or tensors. CtcLossBackward0.
 * @example torch.ctc_loss(log_probs, targets, [6, 5], [2, 2], 0, 2)
 */
export function ctc_loss(log_probs: Tensor, targets: Tensor, input_lengths: number[] | Tensor, target_lengths: number[] | Tensor, ...rest: unknown[]): Tensor;
export function ctc_loss(...args: unknown[]): Tensor {
  const a = bindOverloads(CTC_LOSS, args, null)[1];
  return F.ctc_loss(a.log_probs as Tensor, a.targets as Tensor, a.input_lengths as number[], a.target_lengths as number[],
    { blank: a.blank as number, reduction: REDUCTIONS[a.reduction as number], zero_infinity: a.zero_infinity as boolean });
}

const EMBEDDING_BAG = [
  S('embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, ' +
    'Tensor? per_sample_weights=None, bool include_last_offset=False) -> Tensor'),
  S('embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq, int mode, bool sparse, ' +
    'Tensor? per_sample_weights, bool include_last_offset, int? padding_idx) -> Tensor'),
];
const BAG_MODES = ['sum', 'mean', 'max'] as const;
/**
 * F.embedding_bag's ATen function: the weight first, 1-D indices with offsets, the mode an int
 * (0 sum, 1 mean, 2 max). Returns [output, offset2bag, bag_size, max_indices] as PyTorch's CPU
 * kernel fills them: offset2bag each index's bag (empty for a sum without padding_idx), bag_size
 * the bags' non-padding counts (zeros for a sum), max_indices the rows the maxima came from in
 * max mode (bag_size in mean mode, zeros in sum mode). EmbeddingBagBackward0.
 * @example const [out] = torch.embedding_bag(w, idx, offsets, false, 1)
 */
export function embedding_bag(weight: Tensor, indices: Tensor, offsets: Tensor, ...rest: unknown[]): [Tensor, Tensor, Tensor, Tensor];
export function embedding_bag(...args: unknown[]): [Tensor, Tensor, Tensor, Tensor] {
  const a = bindOverloads(EMBEDDING_BAG, args, null)[1];
  const weight = a.weight as Tensor, indices = a.indices as Tensor, offsets = a.offsets as Tensor, m = a.mode as number;
  if (BAG_MODES[m] === undefined) throw new RuntimeError(`wasmgrad: embedding_bag has no mode ${m}`);
  const out = F.embedding_bag(indices, weight, offsets, { mode: BAG_MODES[m], scale_grad_by_freq: a.scale_grad_by_freq as boolean,
    sparse: a.sparse as boolean, per_sample_weights: a.per_sample_weights as Opt, include_last_offset: a.include_last_offset as boolean,
    padding_idx: (a.padding_idx ?? null) as number | null });
  const idx = Array.from(indices.dataSync()), off = Array.from(offsets.dataSync()), rows = weight._shape[0], B = out._shape[0];
  const pad = a.padding_idx == null ? -1 : ((a.padding_idx as number) + rows) % rows;
  const ends = off.map((_, b) => (b + 1 < off.length ? off[b + 1] : idx.length));
  const bagOf = idx.map((_, i) => off.reduce((k, o, b) => (o <= i ? b : k), 0));
  const sizes = ends.slice(0, B).map((end, b) => (m === 0 ? 0 : idx.slice(off[b], end).filter((v) => v !== pad).length));
  let maxIndices: number[] = m === 1 ? sizes : new Array<number>(B).fill(0), shape = [B];
  if (m === 2) {
    // the row each maximum came from, the first on ties (ATen's strict >), 0 for an empty bag
    const D = weight._shape[1], w = weight.dataSync();
    maxIndices = new Array<number>(B * D).fill(0);
    shape = [B, D];
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < D; j++) {
        let best = -1;
        for (let i = off[b]; i < ends[b]; i++) {
          if (idx[i] !== pad && (best < 0 || w[idx[i] * D + j] > w[best * D + j])) best = idx[i];
        }
        maxIndices[b * D + j] = Math.max(best, 0);
      }
    }
  }
  const ints = (v: number[], s: number[]) => tensor(v, { dtype: indices.dtype, device: indices.device }).view(s);
  const offset2bag = m === 0 && pad < 0 ? [] : bagOf;
  return [out, ints(offset2bag, [offset2bag.length]), ints(sizes, [B]), ints(maxIndices, shape)];
}

const MAX_POOL1D = S('max_pool1d_with_indices(Tensor input, int[] kernel_size, int[] stride=[], int[] padding=0, int[] dilation=1, bool ceil_mode=False) -> Tensor');
/**
 * F.max_pool1d(..., return_indices=true)'s ATen function: [values, indices] (stride [] is the
 * kernel size).
 * @example const [v, i] = torch.max_pool1d_with_indices(x, 2)
 */
export function max_pool1d_with_indices(input: Tensor, kernel_size: number | number[], ...rest: unknown[]): [Tensor, Tensor];
export function max_pool1d_with_indices(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(MAX_POOL1D, args, null);
  const s = a.stride as number[];
  return F.max_pool1d(a.input as Tensor, a.kernel_size as number[], { stride: s.length === 0 ? null : s, padding: a.padding as number[],
    dilation: a.dilation as number[], ceil_mode: a.ceil_mode as boolean, return_indices: true }) as unknown as [Tensor, Tensor];
}

const CONSTANT_PAD = S('constant_pad_nd(Tensor input, int[] pad, Scalar value=0) -> Tensor');
/** F.pad(input, pad, 'constant', value)'s ATen function. ConstantPadNdBackward0. @example torch.constant_pad_nd(x, [1, 2], 0.5) */
export function constant_pad_nd(input: Tensor, pad: number[], value?: number | { value?: number }): Tensor;
export function constant_pad_nd(...args: unknown[]): Tensor {
  const a = bind(CONSTANT_PAD, args, null);
  const input = a.input as Tensor, pad = a.pad as number[], nd = input._shape.length;
  // ATen's checks, worded apart from F.pad's
  if (pad.length % 2 !== 0) throw new RuntimeError(`Length of pad must be even but instead it equals ${pad.length}`);
  if (pad.length / 2 > nd) {
    throw new RuntimeError(`Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length}while the input has ${nd}dimensions.`); // sic
  }
  return F.pad(input, pad, 'constant', a.value as number);
}

const CONVOLUTION = S('convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups) -> Tensor');
const CONVS = [F.conv1d, F.conv2d, F.conv3d] as ((...a: unknown[]) => Tensor)[];
const CONV_TRANSPOSES = [F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d] as ((...a: unknown[]) => Tensor)[];
/**
 * The ATen function of every convolution: 1-, 2- or 3-D by the weight's rank, transposed or not,
 * on a batched input. ConvolutionBackward0.
 * @example torch.convolution(x, w, b, [1], [0], [1], false, [0], 1) // F.conv1d(x, w, b)
 */
export function convolution(input: Tensor, weight: Tensor, bias: Opt, stride: number[], padding: number[], dilation: number[],
  transposed: boolean, output_padding: number[], groups: number): Tensor;
export function convolution(...args: unknown[]): Tensor {
  const a = bind(CONVOLUTION, args, null);
  const input = a.input as Tensor, weight = a.weight as Tensor, k = weight._shape.length;
  // ATen's check_input_shape_forward: no unbatched input here
  if (input._shape.length !== k) {
    throw new RuntimeError(`Expected ${k}-dimensional input for ${k}-dimensional weight [${weight._shape.join(', ')}], ` +
      `but got ${input._shape.length}-dimensional input of size [${input._shape.join(', ')}] instead`);
  }
  if (k < 3 || k > 5) throw new RuntimeError(`wasmgrad: convolution supports 1-, 2- and 3-D convolutions, not a weight of ${k} dims`);
  const { bias, stride, padding, dilation, groups } = a;
  if (a.transposed) return CONV_TRANSPOSES[k - 3](input, weight, bias, stride, padding, a.output_padding, groups, dilation);
  return CONVS[k - 3](input, weight, bias, stride, padding, dilation, groups);
}

type Dropout = (input: Tensor, p: number, train: boolean) => Tensor;
function featureDropout(inplace: boolean): Dropout {
  const schema = S(`feature_dropout${inplace ? '_' : ''}(Tensor input, float p, bool train) -> Tensor`);
  return (...args: unknown[]) => {
    const a = bind(schema, args, null);
    const p = a.p as number;
    if (!(p >= 0 && p <= 1)) throw new RuntimeError(`dropout probability has to be between 0 and 1, but got ${p}`);
    return dropoutImpl(a.input as Tensor, p, a.train as boolean, inplace, true, false);
  };
}
/**
 * Dropout of whole channels of an (N, C, *) input of any rank (F.dropout1d/2d/3d's ATen function):
 * the input itself when train is false. The masks are PyTorch's after torch.manual_seed (docs/api.md).
 * @example torch.feature_dropout(x, 0.5, true)
 */
export const feature_dropout: Dropout = featureDropout(false);
/** torch.feature_dropout in place. @example torch.feature_dropout_(x, 0.5, true) */
export const feature_dropout_: Dropout = featureDropout(true);

const NATIVE_DROPOUT = S('native_dropout(Tensor input, float p, bool? train) -> Tensor');
/**
 * Dropout with its mask, as ATen's: [output, mask], mask a bool tensor (all true when train is
 * false, output then a copy); train null trains. The mask is PyTorch's after torch.manual_seed;
 * the node is MulBackward0 where PyTorch has NativeDropoutBackward0 (same gradient; docs/api.md).
 * @example const [y, mask] = torch.native_dropout(x, 0.5, true)
 */
export function native_dropout(input: Tensor, p: number, train: boolean | null): [Tensor, Tensor];
export function native_dropout(...args: unknown[]): [Tensor, Tensor] {
  const a = bind(NATIVE_DROPOUT, args, null);
  const input = a.input as Tensor, p = a.p as number, o = { device: input.device };
  if (a.train === false) return [input.clone(), tensor(new Array<boolean>(input.numel()).fill(true), { ...o, dtype: 'bool' }).view(input._shape.slice())];
  const kept = drawsOfNumber(1 - p, input.numel(), default_generator);
  const scale = p === 1 ? 0 : 1 / (1 - p);
  return tidy(() => {
    const noise = tensor(Array.from(kept, (k) => k * scale), { ...o, dtype: input.dtype }).view(input._shape.slice());
    return [input.mul(noise), tensor(Array.from(kept, (k) => k === 1), { ...o, dtype: 'bool' }).view(input._shape.slice())];
  });
}

const NATIVE_CHANNEL_SHUFFLE = S('native_channel_shuffle(Tensor input, int groups) -> Tensor');
/**
 * F.channel_shuffle as an ATen function, differentiable as in PyTorch 2 (1.13 has no derivative
 * for it).
 * @example torch.native_channel_shuffle(x, 2)
 */
export function native_channel_shuffle(input: Tensor, groups: number): Tensor;
export function native_channel_shuffle(...args: unknown[]): Tensor {
  const a = bind(NATIVE_CHANNEL_SHUFFLE, args, null);
  return F.channel_shuffle(a.input as Tensor, a.groups as number);
}

const INTERPOLATION = ['bilinear', 'nearest', 'bicubic'] as const, PADDING = ['zeros', 'border', 'reflection'] as const;
const GRID_SAMPLER = S('grid_sampler(Tensor input, Tensor grid, int interpolation_mode, int padding_mode, bool align_corners) -> Tensor');
/**
 * F.grid_sample's ATen function: modes as ints (interpolation 0 bilinear, 1 nearest, 2 bicubic;
 * padding 0 zeros, 1 border, 2 reflection).
 * @example torch.grid_sampler(img, grid, 0, 1, false) // bilinear, border
 */
export function grid_sampler(input: Tensor, grid: Tensor, interpolation_mode: number, padding_mode: number, align_corners: boolean): Tensor;
export function grid_sampler(...args: unknown[]): Tensor {
  const a = bind(GRID_SAMPLER, args, null);
  const mode = INTERPOLATION[a.interpolation_mode as number], padding_mode = PADDING[a.padding_mode as number];
  if (mode === undefined || padding_mode === undefined) {
    throw new RuntimeError(`wasmgrad: grid_sampler has no interpolation_mode ${a.interpolation_mode as number} or padding_mode ${a.padding_mode as number}`);
  }
  return F.grid_sample(a.input as Tensor, a.grid as Tensor, { mode, padding_mode, align_corners: a.align_corners as boolean });
}

const AFFINE_GRID = S('affine_grid_generator(Tensor theta, int[] size, bool align_corners) -> Tensor');
/** F.affine_grid's ATen function: align_corners given. @example torch.affine_grid_generator(theta, [1, 3, 4, 4], false) */
export function affine_grid_generator(theta: Tensor, size: number[], align_corners: boolean): Tensor;
export function affine_grid_generator(...args: unknown[]): Tensor {
  const a = bind(AFFINE_GRID, args, null);
  return F.affine_grid(a.theta as Tensor, a.size as number[], { align_corners: a.align_corners as boolean });
}

const NORM_EXCEPT_DIM = S('norm_except_dim(Tensor v, int pow=2, int dim=0) -> Tensor');
/**
 * The pow-norm of v over every dim but `dim` (dim −1: over all), keeping v's rank with size 1
 * there: weight normalization's g. Composed as ATen's.
 * @example torch.norm_except_dim(w, 2, 0) // (out, 1, 1, ...)
 */
export function norm_except_dim(v: Tensor, pow?: number | { pow?: number; dim?: number }, dim?: number | { dim?: number }): Tensor;
export function norm_except_dim(...args: unknown[]): Tensor {
  const a = bind(NORM_EXCEPT_DIM, args, null);
  return normExceptDim(a.v as Tensor, a.pow as number, a.dim as number);
}
function normExceptDim(v: Tensor, pow: number, dim: number): Tensor {
  const nd = v._shape.length;
  if (dim === -1) return v.norm(pow);
  const last = dim === nd - 1 && dim !== 0;
  if (dim !== 0 && !last) {
    return tidy(() => normExceptDim(v.transpose(0, dim), pow, 0).transpose(0, dim));
  }
  const size = v._shape.map((s, i) => (i === dim ? s : 1));
  return tidy(() => {
    const flat = last ? v.contiguous().view([-1, v._shape[dim]]) : v.contiguous().view([v._shape[0], -1]);
    return flat.norm(pow, last ? 0 : 1).view(size);
  });
}

const SEGMENT_REDUCE = S('segment_reduce(Tensor data, str reduce, *, Tensor? lengths=None, Tensor? indices=None, Tensor? offsets=None, ' +
  'int axis=0, bool unsafe=False, Scalar? initial=None) -> Tensor');
const EMPTY_SEGMENT: Record<string, number> = { sum: 0, mean: NaN, max: -Infinity, min: Infinity, prod: 1 };
/**
 * Reduces consecutive segments of `data` along `axis` ('sum', 'mean', 'max', 'min' or 'prod'),
 * the segments given by 1-D `lengths` or `offsets`; `initial` joins each reduction and fills an
 * empty segment (else 0, NaN, −inf, inf, 1). Composed of narrow, the reductions and stack
 * (StackBackward0 where PyTorch records SegmentReduceBackward0; same gradients).
 * @example torch.segment_reduce(x, 'max', { lengths: torch.tensor([2, 0, 3]) })
 */
export function segment_reduce(data: Tensor, reduce: string, options?: { lengths?: Opt; indices?: Opt; offsets?: Opt; axis?: number;
  unsafe?: boolean; initial?: number | null }): Tensor;
export function segment_reduce(...args: unknown[]): Tensor {
  const a = bind(SEGMENT_REDUCE, args, null);
  const data = a.data as Tensor, reduce = a.reduce as string, lengths = a.lengths as Opt, offsets = a.offsets as Opt;
  const initial = a.initial as number | null, nd = data._shape.length;
  if (!(reduce in EMPTY_SEGMENT)) throw new RuntimeError(`unsupported reduction given! ${reduce}`);
  if (a.indices) throw new RuntimeError('segment_reduce(): indices based reduction is not supported yet.');
  if (!lengths && !offsets) throw new RuntimeError('segment_reduce(): Either lengths or offsets must be defined.');
  const given = (lengths ?? offsets) as Tensor;
  const axis = (a.axis as number) < 0 ? (a.axis as number) + nd : a.axis as number;
  if (axis !== given._shape.length - 1) throw new RuntimeError(`segment_reduce(): Expected axis to be the last dimension of ${lengths ? 'lengths' : 'offsets'} but got ${axis}.`);
  if (given._shape.length !== 1) throw new RuntimeError('wasmgrad: segment_reduce supports 1-D lengths and offsets');
  const v = Array.from(given.dataSync());
  const lens = lengths ? v : v.slice(1).map((o, i) => o - v[i]);
  if (lens.some((l) => l < 0)) {
    throw new RuntimeError(lengths ? 'lengths contains negative value!' : 'Expected segment_length >= 0 to be true, but got false.  ' +
      '(Could this error message be improved?  If so, please report an enhancement request to PyTorch.)');
  }
  if (!a.unsafe && lens.reduce((x, y) => x + y, 0) !== data._shape[axis]) {
    throw new RuntimeError(`segment_reduce(): Expected all rows of ${lengths ? 'lengths' : 'offsets'} along axis to sum to data.size(${lengths ? 'lengths' : 'offsets'}.dim()-1) when !unsafe.`);
  }
  return tidy(() => {
    const o = { dtype: data.dtype, device: data.device };
    const rest = data._shape.filter((_, i) => i !== axis);
    let start = 0;
    const parts = lens.map((len) => {
      const piece = data.narrow(axis, start, len);
      start += len;
      if (len === 0) return full(rest, initial ?? EMPTY_SEGMENT[reduce], o);
      const init = initial === null ? null : full(rest, initial, o);
      switch (reduce) {
        case 'sum': return init ? piece.sum(axis).add(init) : piece.sum(axis);
        case 'mean': return init ? piece.sum(axis).add(init).div(len) : piece.mean(axis);
        case 'max': return init ? piece.amax(axis).maximum(init) : piece.amax(axis);
        case 'min': return init ? piece.amin(axis).minimum(init) : piece.amin(axis);
        default: return init ? piece.prod(axis).mul(init) : piece.prod(axis);
      }
    });
    return stack(parts, axis);
  });
}

// ---- recurrent cells and layers, with flat weights ----------------------------------------------

const cellSchema = (name: string, hx: string) =>
  S(`${name}(Tensor input, ${hx} hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> Tensor`);
const CELLS = { rnn_tanh_cell: cellSchema('rnn_tanh_cell', 'Tensor'), rnn_relu_cell: cellSchema('rnn_relu_cell', 'Tensor'),
  lstm_cell: cellSchema('lstm_cell', 'Tensor[]'), gru_cell: cellSchema('gru_cell', 'Tensor') };
const CELL_MODES: Record<keyof typeof CELLS, RnnMode> = { rnn_tanh_cell: 'RNN_TANH', rnn_relu_cell: 'RNN_RELU', lstm_cell: 'LSTM', gru_cell: 'GRU' };

/** One step of a cell as ATen's (its input and hidden checks), the results kept out of tidy. */
function cell(name: keyof typeof CELLS, args: unknown[]): Tensor[] {
  const a = bind(CELLS[name], args, null);
  const input = a.input as Tensor, hx = (Array.isArray(a.hx) ? a.hx : [a.hx]) as Tensor[];
  const w: CellWeights = { w_ih: a.w_ih as Tensor, w_hh: a.w_hh as Tensor, b_ih: a.b_ih as Opt, b_hh: a.b_hh as Opt, w_hr: null };
  if (name === 'lstm_cell' && hx.length !== 2) throw new RuntimeError('lstm_cell expects two hidden states');
  // ATen's check_rnn_cell_forward_input / _hidden (both of an LSTM's states are hidden0)
  if (input.size(1) !== w.w_ih.size(1)) throw new RuntimeError(`input has inconsistent input_size: got ${input.size(1)} expected ${w.w_ih.size(1)}`);
  for (const h of hx) {
    if (input.size(0) !== h.size(0)) throw new RuntimeError(`Input batch size ${input.size(0)} doesn't match hidden0 batch size ${h.size(0)}`);
    if (h.size(1) !== w.w_hh.size(1)) throw new RuntimeError(`hidden0 has inconsistent hidden_size: got ${h.size(1)}, expected ${w.w_hh.size(1)}`);
  }
  return tidy(() => {
    const [h, c] = cellStep(CELL_MODES[name], inputGates(input, w), hx[0], hx[1] ?? null, w);
    return c ? [h, c] : [h];
  });
}
type Cell = (input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih?: Opt, b_hh?: Opt) => Tensor;
/** nn.RNNCell's step with tanh: tanh(x·w_ihᵀ + b_ih + hx·w_hhᵀ + b_hh). @example torch.rnn_tanh_cell(x, h, w_ih, w_hh, b_ih, b_hh) */
export const rnn_tanh_cell: Cell = (...args: unknown[]) => cell('rnn_tanh_cell', args)[0];
/** nn.RNNCell's step with relu. @example torch.rnn_relu_cell(x, h, w_ih, w_hh) */
export const rnn_relu_cell: Cell = (...args: unknown[]) => cell('rnn_relu_cell', args)[0];
/** nn.GRUCell's step. @example torch.gru_cell(x, h, w_ih, w_hh, b_ih, b_hh) */
export const gru_cell: Cell = (...args: unknown[]) => cell('gru_cell', args)[0];
/** nn.LSTMCell's step: hx is [h, c]; returns [h', c']. @example const [h, c] = torch.lstm_cell(x, [h0, c0], w_ih, w_hh, b_ih, b_hh) */
export function lstm_cell(input: Tensor, hx: Tensor[], w_ih: Tensor, w_hh: Tensor, b_ih?: Opt, b_hh?: Opt): [Tensor, Tensor];
export function lstm_cell(...args: unknown[]): [Tensor, Tensor] { return cell('lstm_cell', args) as [Tensor, Tensor]; }

// the .data overload (a PackedSequence's data and batch_sizes), which PyTorch's messages list first, and the .input one
const layersSchema = (name: string, hx: string) => [S(`${name}(Tensor data, Tensor batch_sizes, ${hx} hx, ` +
  'Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> Tensor'),
S(`${name}(Tensor input, ${hx} hx, Tensor[] params, bool has_biases, int num_layers, ` +
  'float dropout, bool train, bool bidirectional, bool batch_first) -> Tensor')];
const LAYERS = { rnn_tanh: layersSchema('rnn_tanh', 'Tensor'), rnn_relu: layersSchema('rnn_relu', 'Tensor'),
  lstm: layersSchema('lstm', 'Tensor[]'), gru: layersSchema('gru', 'Tensor') };
const LAYER_MODES: Record<keyof typeof LAYERS, RnnMode> = { rnn_tanh: 'RNN_TANH', rnn_relu: 'RNN_RELU', lstm: 'LSTM', gru: 'GRU' };

/**
 * nn.RNN/LSTM/GRU's forward on a (T, B, in) input (batch_first: (B, T, in)) with the weights as
 * a flat list, per layer and direction [w_ih, w_hh, (b_ih, b_hh,) (w_hr for an LSTM whose h is
 * smaller than its c)]; the same layers as the modules run.
 */
function layers(name: keyof typeof LAYERS, args: unknown[]): Tensor[] {
  const [overload, a] = bindOverloads(LAYERS[name], args, null);
  if (overload === 0) throw new NotImplementedError(`wasmgrad: torch.${name} on packed data (data, batch_sizes) is not supported yet`);
  const mode = LAYER_MODES[name], input = a.input as Tensor, params = a.params as Tensor[];
  const hx = (Array.isArray(a.hx) ? a.hx : [a.hx]) as Tensor[];
  const L = a.num_layers as number, D = a.bidirectional ? 2 : 1, batchFirst = a.batch_first as boolean;
  if (mode === 'LSTM' && hx.length !== 2) throw new RuntimeError('lstm expects two hidden states');
  const proj = mode === 'LSTM' && hx[0].size(-1) !== hx[1].size(-1);
  const per = 2 + (a.has_biases ? 2 : 0) + (proj ? 1 : 0);
  if (params.length !== per * L * D) throw new RuntimeError(`wasmgrad: ${name} expects ${per * L * D} params, got ${params.length}`);
  if (input._shape.length !== 3) throw new RuntimeError(`input must have 3 dimensions, got ${input._shape.length}`);
  const weights = (i: number): CellWeights => {
    const p = params.slice(i * per, (i + 1) * per);
    const [b_ih, b_hh] = a.has_biases ? [p[2], p[3]] : [null, null];
    return { w_ih: p[0], w_hh: p[1], b_ih, b_hh, w_hr: proj ? p[per - 1] : null };
  };
  if (params[0].size(0) !== gateCount(mode) * (proj ? hx[1] : hx[0]).size(-1)) {
    throw new RuntimeError(`wasmgrad: ${name}'s params do not match its hidden size`);
  }
  return tidy(() => {
    const seq = batchFirst ? input.transpose(0, 1) : input, T = seq.size(0), B = seq.size(1);
    const p = a.train ? a.dropout as number : 0;
    const [data, finals] = rnnLayers(mode, L, D === 2, p, weights, seq.reshape([T * B, seq.size(2)]), new Array<number>(T).fill(B), hx[0], hx[1] ?? null);
    const out = data.view([T, B, data.size(1)]);
    return [batchFirst ? out.transpose(0, 1) : out, ...finals];
  });
}
type Layers = (input: Tensor, hx: Tensor, params: Tensor[], has_biases: boolean, num_layers: number, dropout: number,
  train: boolean, bidirectional: boolean, batch_first: boolean) => [Tensor, Tensor];
/**
 * nn.RNN's forward (tanh) with flat weights: [output, h_n].
 * @example const [out, hn] = torch.rnn_tanh(x, h0, [w_ih, w_hh, b_ih, b_hh], true, 1, 0, false, false, false)
 */
export const rnn_tanh: Layers = (...args: unknown[]) => layers('rnn_tanh', args) as [Tensor, Tensor];
/** nn.RNN's forward (relu) with flat weights: [output, h_n]. @example torch.rnn_relu(x, h0, params, true, 1, 0, false, false, false) */
export const rnn_relu: Layers = (...args: unknown[]) => layers('rnn_relu', args) as [Tensor, Tensor];
/** nn.GRU's forward with flat weights: [output, h_n]. @example torch.gru(x, h0, params, true, 1, 0, false, false, false) */
export const gru: Layers = (...args: unknown[]) => layers('gru', args) as [Tensor, Tensor];
/**
 * nn.LSTM's forward with flat weights: hx is [h_0, c_0]; returns [output, h_n, c_n].
 * @example const [out, hn, cn] = torch.lstm(x, [h0, c0], params, true, 1, 0, false, false, false)
 */
export function lstm(input: Tensor, hx: Tensor[], params: Tensor[], has_biases: boolean, num_layers: number, dropout: number,
  train: boolean, bidirectional: boolean, batch_first: boolean): [Tensor, Tensor, Tensor];
export function lstm(...args: unknown[]): [Tensor, Tensor, Tensor] { return layers('lstm', args) as [Tensor, Tensor, Tensor]; }
