// torch.nn modules of the normalization-and-embedding slice (helper nnnorm): LayerNorm,
// Embedding, BatchNorm1d/2d, Identity, Flatten, Unflatten, the activation modules over the F
// activations, and the loss modules over the F losses, with PyTorch's constructor arguments,
// default initialisation and repr (extra_repr).

import { DType } from '../../abi/abi.js';
import { ValueError, AssertionError, NotImplementedError } from '../errors.js';
import type { DeviceName } from '../device.js';
import { Tensor } from '../tensor.js';
import { getDevice } from '../runtime.js';
import { fillNormal, fillNormalDouble } from '../random.js';
import { Module } from './module.js';
import { toParameter, Parameter } from './parameter.js';
import * as F from './functional.js';
import type { ReductionName } from './functional.js';
import { lossReduction, type LegacyReductionOptions } from './loss_args.js';
import { flatten } from '../ops/shape.js';
import { unflatten } from '../ops/shape_compose.js';

type Dtype = 'float32' | 'float64';
export interface Factory { device?: DeviceName; dtype?: Dtype }

/** Python's repr of a float: 1.0, 0.1, 1e-05. */
export function pyFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e16)) {
    const [m, e] = v.toExponential().split('e');
    return `${m}e${e[0]}${e.slice(1).padStart(2, '0')}`;
  }
  return String(v);
}

/** A leaf parameter (or, with grad false, a buffer) holding `data`, outside tidy()'s bookkeeping. */
export function leaf(data: ArrayLike<number>, shape: number[], o: Factory, grad = true, dtype?: DType): Tensor {
  const dev = getDevice(o.device);
  const dt = dtype ?? (o.dtype === 'float64' ? DType.Float64 : DType.Float32);
  const t = new Tensor(dev, dev.fromData(Float64Array.from(data), shape, dt), shape, dt, false);
  return grad ? toParameter(t) : t;
}
export const filled = (n: number, v: number): number[] => new Array<number>(n).fill(v);

/**
 * Layer normalization over the last dims (`normalized_shape`), with a learnable weight (ones) and
 * bias (zeros) of that shape unless elementwise_affine is false (bias false: the weight only).
 * @example
 * const ln = new nn.LayerNorm(4);            // LayerNorm((4,), eps=1e-05, elementwise_affine=True)
 * const y = ln.call(torch.randn([2, 3, 4]));
 */
export class LayerNorm extends Module {
  readonly normalized_shape: number[];
  readonly eps: number;
  readonly elementwise_affine: boolean;
  weight: Tensor | null;
  bias: Tensor | null;

  constructor(normalized_shape: number | number[], options: { eps?: number; elementwise_affine?: boolean; bias?: boolean } & Factory = {}) {
    super();
    this.normalized_shape = typeof normalized_shape === 'number' ? [normalized_shape] : normalized_shape.slice();
    this.eps = options.eps ?? 1e-5;
    this.elementwise_affine = options.elementwise_affine ?? true;
    const n = this.normalized_shape.reduce((a, b) => a * b, 1);
    const affine = this.elementwise_affine, bias = options.bias !== false && affine; // PyTorch 2's bias=False: a weight only
    const factory = { device: options.device, dtype: options.dtype }; // taken without parameters too, as PyTorch
    this.weight = this.register_parameter('weight', affine ? leaf(filled(n, 1), this.normalized_shape, factory) : null);
    this.bias = this.register_parameter('bias', bias ? leaf(filled(n, 0), this.normalized_shape, factory) : null);
  }

  forward(input: Tensor): Tensor { return F.layer_norm(input, this.normalized_shape, this.weight, this.bias, this.eps); }

  extra_repr(): string {
    const shape = `(${this.normalized_shape.join(', ')}${this.normalized_shape.length === 1 ? ',' : ''})`;
    return `${shape}, eps=${pyFloat(this.eps)}, elementwise_affine=${this.elementwise_affine ? 'True' : 'False'}`;
  }
}

/**
 * A lookup table of num_embeddings vectors of embedding_dim, initialised N(0, 1) from the global
 * generator as PyTorch's (the padding_idx row zeroed).
 * @example
 * torch.manual_seed(0);
 * const emb = new nn.Embedding(10, 3, { padding_idx: 0 });
 * emb.call(torch.tensor([[1, 2], [0, 9]], { dtype: 'int64' })).shape; // [2, 2, 3]
 */
export class Embedding extends Module {
  readonly num_embeddings: number;
  readonly embedding_dim: number;
  readonly padding_idx: number | null;
  /** the rows a forward reads are renormalised in `weight` to at most this norm_type-norm */
  readonly max_norm: number | null;
  readonly norm_type: number;
  readonly scale_grad_by_freq: boolean;
  readonly sparse: boolean;
  weight: Tensor;

  constructor(num_embeddings: number, embedding_dim: number, options: EmbeddingOptions & { _weight?: Tensor | null } & Factory = {}) {
    super();
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    let pad = options.padding_idx ?? null;
    if (pad !== null && (pad >= num_embeddings || pad < -num_embeddings)) throw new AssertionError('Padding_idx must be within num_embeddings');
    if (pad !== null && pad < 0) pad += num_embeddings;
    this.padding_idx = pad;
    this.max_norm = options.max_norm ?? null;
    this.norm_type = options.norm_type ?? 2.0;
    this.scale_grad_by_freq = options.scale_grad_by_freq ?? false;
    this.sparse = options.sparse ?? false;
    // F.embedding refuses these at forward; refuse them here, before a model is built around them
    for (const k of ['scale_grad_by_freq', 'sparse'] as const) {
      if (this[k]) throw new NotImplementedError(`nn.Embedding: wasmgrad does not support the argument '${k}' yet`);
    }
    const given = options._weight ?? null;
    if (given !== null) {
      if (given._shape.join() !== `${num_embeddings},${embedding_dim}`) throw new AssertionError('Shape of weight does not match num_embeddings and embedding_dim');
      this.weight = this.register_parameter('weight', new Parameter(given));
      return;
    }
    const n = num_embeddings * embedding_dim; // normal_ draws as the dtype's kernel does
    const data = options.dtype === 'float64' ? fillNormalDouble(new Float64Array(n)) : fillNormal(new Float32Array(n));
    if (pad !== null) data.fill(0, pad * embedding_dim, (pad + 1) * embedding_dim);
    this.weight = this.register_parameter('weight', leaf(data, [num_embeddings, embedding_dim], options));
  }

  /**
   * An Embedding over the given (rows, dim) weights, frozen (no gradient) unless freeze is false.
   * @example nn.Embedding.from_pretrained(torch.tensor([[1, 2.3, 3], [4, 5.1, 6.3]]), { max_norm: 1 })
   */
  static from_pretrained(embeddings: Tensor, options: EmbeddingOptions & { freeze?: boolean } = {}): Embedding {
    if (embeddings._shape.length !== 2) throw new AssertionError('Embeddings parameter is expected to be 2-dimensional');
    const { freeze = true, ...rest } = options;
    const emb = new Embedding(embeddings._shape[0], embeddings._shape[1], { ...rest, _weight: embeddings });
    emb.weight.requires_grad_(!freeze);
    return emb;
  }

  forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, { padding_idx: this.padding_idx, max_norm: this.max_norm, norm_type: this.norm_type });
  }

  extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.max_norm !== null) s += `, max_norm=${pyFloat(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyFloat(this.norm_type)}`;
    return s;
  }
}

/** nn.Embedding's options (and from_pretrained's). */
export interface EmbeddingOptions { padding_idx?: number | null; max_norm?: number | null; norm_type?: number; scale_grad_by_freq?: boolean; sparse?: boolean }

export interface BatchNormOptions extends Factory { eps?: number; momentum?: number | null; affine?: boolean; track_running_stats?: boolean }

/** BatchNorm1d / BatchNorm2d (and InstanceNorm, norm_modules.ts): weight ones, bias zeros, running_mean zeros, running_var ones, num_batches_tracked. */
export class BatchNorm extends Module {
  readonly num_features: number;
  readonly eps: number;
  /** null: PyTorch's cumulative moving average (each batch weighs 1 / num_batches_tracked) */
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly track_running_stats: boolean;
  weight: Tensor | null;
  bias: Tensor | null;
  running_mean: Tensor | null;
  running_var: Tensor | null;
  num_batches_tracked: Tensor | null;

  constructor(num_features: number, options: BatchNormOptions = {}) {
    super();
    this.num_features = num_features;
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.affine = options.affine ?? true;
    this.track_running_stats = options.track_running_stats ?? true;
    const C = num_features, track = this.track_running_stats;
    this.weight = this.register_parameter('weight', this.affine ? leaf(filled(C, 1), [C], options) : null);
    this.bias = this.register_parameter('bias', this.affine ? leaf(filled(C, 0), [C], options) : null);
    this.running_mean = this.register_buffer('running_mean', track ? leaf(filled(C, 0), [C], options, false) : null);
    this.running_var = this.register_buffer('running_var', track ? leaf(filled(C, 1), [C], options, false) : null);
    this.num_batches_tracked = this.register_buffer('num_batches_tracked', track ? leaf([0], [], options, false, DType.Int64) : null);
  }

  /** PyTorch's check of the input's rank, per subclass. */
  protected _check_input_dim(_input: Tensor): void {}

  forward(input: Tensor): Tensor {
    this._check_input_dim(input);
    const useBatch = this.training || !this.running_mean;
    let factor = this.momentum ?? 0;
    if (this.training && this.num_batches_tracked) {
      const n = this.num_batches_tracked, count = n.item() + 1;
      n._dev.write(n.h, [count]);
      if (this.momentum === null) factor = 1 / count;
    }
    const track = !this.training || this.track_running_stats;
    return F.batch_norm(input, track ? this.running_mean : null, track ? this.running_var : null, this.weight, this.bias,
      useBatch, factor, this.eps);
  }

  extra_repr(): string {
    const b = (v: boolean): string => (v ? 'True' : 'False');
    return `${this.num_features}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? 'None' : pyFloat(this.momentum)}, affine=${b(this.affine)}, ` +
      `track_running_stats=${b(this.track_running_stats)}`;
  }
}

/**
 * Batch normalization of (N, C) or (N, C, L) inputs; running statistics as buffers, updated in
 * training mode (train()), used in eval mode (eval()).
 * @example
 * const bn = new nn.BatchNorm1d(3);
 * bn.call(torch.randn([4, 3])); // updates bn.running_mean, bn.running_var
 * bn.eval().call(x);            // normalizes with them
 */
export class BatchNorm1d extends BatchNorm {
  protected override _check_input_dim(input: Tensor): void {
    const nd = input._shape.length;
    if (nd !== 2 && nd !== 3) throw new ValueError(`expected 2D or 3D input (got ${nd}D input)`);
  }
}

/**
 * Batch normalization of (N, C, H, W) inputs, as BatchNorm1d.
 * @example const bn = new nn.BatchNorm2d(16, { eps: 1e-3 });
 */
export class BatchNorm2d extends BatchNorm {
  protected override _check_input_dim(input: Tensor): void { checkRank(input, 4); }
}

/**
 * Batch normalization of (N, C, D, H, W) inputs, as BatchNorm1d.
 * @example const bn = new nn.BatchNorm3d(8);
 */
export class BatchNorm3d extends BatchNorm {
  protected override _check_input_dim(input: Tensor): void { checkRank(input, 5); }
}

function checkRank(input: Tensor, n: number): void {
  const nd = input._shape.length;
  if (nd !== n) throw new ValueError(`expected ${n}D input (got ${nd}D input)`);
}

/** Returns its input. @example new nn.Identity().call(x) === x */
export class Identity extends Module {
  forward(input: Tensor): Tensor { return input; }
}

/** Flattens dims start_dim..end_dim (default 1..-1). @example new nn.Flatten().call(torch.zeros([2, 3, 4])).shape // [2, 12] */
export class Flatten extends Module {
  constructor(readonly start_dim = 1, readonly end_dim = -1) { super(); }
  forward(input: Tensor): Tensor { return flatten(input, this.start_dim, this.end_dim); }
  extra_repr(): string { return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`; }
}

/** Splits dim into unflattened_size. @example new nn.Unflatten(1, [2, 3]).call(torch.zeros([4, 6])).shape // [4, 2, 3] */
export class Unflatten extends Module {
  constructor(readonly dim: number, readonly unflattened_size: number[]) { super(); }
  forward(input: Tensor): Tensor { return unflatten(input, this.dim, this.unflattened_size); }
  extra_repr(): string {
    return `dim=${this.dim}, unflattened_size=(${this.unflattened_size.join(', ')}${this.unflattened_size.length === 1 ? ',' : ''})`;
  }
}

/** Hyperbolic tangent. @example new nn.Tanh().call(x) */
export class Tanh extends Module { forward(input: Tensor): Tensor { return F.tanh(input); } }
/** x·sigmoid(x); inplace=true overwrites the input, as PyTorch's. @example new nn.SiLU().call(x) */
export class SiLU extends Module {
  constructor(readonly inplace = false) { super(); }
  forward(input: Tensor): Tensor { return F.silu(input, this.inplace); }
  extra_repr(): string { return this.inplace ? 'inplace=True' : ''; }
}
/** x·Φ(x) or its tanh approximation. @example new nn.GELU({ approximate: 'tanh' }) */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';
  constructor(options: { approximate?: 'none' | 'tanh' } = {}) { super(); this.approximate = options.approximate ?? 'none'; }
  forward(input: Tensor): Tensor { return F.gelu(input, { approximate: this.approximate }); }
  extra_repr(): string { return `approximate='${this.approximate}'`; }
}
/** x above 0, alpha·(e^x − 1) below. @example new nn.ELU({ alpha: 0.5 }) */
export class ELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(options: { alpha?: number; inplace?: boolean } = {}) { super(); this.alpha = options.alpha ?? 1; this.inplace = options.inplace ?? false; }
  forward(input: Tensor): Tensor { return F.elu(input, this.alpha, this.inplace); }
  extra_repr(): string { return `alpha=${pyFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`; }
}
/** x above 0, negative_slope·x below. @example new nn.LeakyReLU(0.2) */
export class LeakyReLU extends Module {
  constructor(readonly negative_slope = 0.01, readonly inplace = false) { super(); }
  forward(input: Tensor): Tensor { return F.leaky_relu(input, this.negative_slope, this.inplace); }
  extra_repr(): string { return `negative_slope=${pyFloat(this.negative_slope)}${this.inplace ? ', inplace=True' : ''}`; }
}
/** log(1 + e^(beta·x))/beta. @example new nn.Softplus({ beta: 2 }) */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(options: { beta?: number; threshold?: number } = {}) { super(); this.beta = options.beta ?? 1; this.threshold = options.threshold ?? 20; }
  forward(input: Tensor): Tensor { return F.softplus(input, this.beta, this.threshold); }
  extra_repr(): string { return `beta=${this.beta}, threshold=${this.threshold}`; }
}
/** Softmax along dim. @example new nn.Softmax(1) */
export class Softmax extends Module {
  constructor(readonly dim: number) { super(); }
  forward(input: Tensor): Tensor { return F.softmax(input, this.dim); }
  extra_repr(): string { return `dim=${this.dim}`; }
}
/** Log-softmax along dim. @example new nn.LogSoftmax(-1) */
export class LogSoftmax extends Module {
  constructor(readonly dim: number) { super(); }
  forward(input: Tensor): Tensor { return F.log_softmax(input, this.dim); }
  extra_repr(): string { return `dim=${this.dim}`; }
}

// ---- losses: forward(input, target), PyTorch's constructor options -------------------------

class Loss extends Module {
  readonly reduction: ReductionName;
  constructor(options: LegacyReductionOptions = {}) { super(); this.reduction = lossReduction(options) as ReductionName; }
}
/** F.mse_loss as a module. @example new nn.MSELoss().call(pred, y) */
export class MSELoss extends Loss { forward(input: Tensor, target: Tensor): Tensor { return F.mse_loss(input, target, { reduction: this.reduction }); } }
/** F.l1_loss as a module. @example new nn.L1Loss({ reduction: 'sum' }) */
export class L1Loss extends Loss { forward(input: Tensor, target: Tensor): Tensor { return F.l1_loss(input, target, { reduction: this.reduction }); } }
class WeightedLoss extends Loss {
  readonly weight: Tensor | null;
  constructor(options: LegacyReductionOptions & { weight?: Tensor | null } = {}) { super(options); this.weight = this.register_buffer('weight', options.weight ?? null); }
}
/** F.binary_cross_entropy as a module (elementwise weight). @example new nn.BCELoss().call(torch.sigmoid(z), y) */
export class BCELoss extends WeightedLoss {
  forward(input: Tensor, target: Tensor): Tensor { return F.binary_cross_entropy(input, target, { reduction: this.reduction, weight: this.weight }); }
}
/**
 * F.binary_cross_entropy_with_logits as a module (elementwise weight, pos_weight broadcast against the target).
 * @example new nn.BCEWithLogitsLoss({ pos_weight: torch.tensor([2, 0.5]) }).call(z, y)
 */
export class BCEWithLogitsLoss extends WeightedLoss {
  readonly pos_weight: Tensor | null;
  constructor(options: LegacyReductionOptions & { weight?: Tensor | null; pos_weight?: Tensor | null } = {}) {
    super(options);
    this.pos_weight = this.register_buffer('pos_weight', options.pos_weight ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(input, target, { reduction: this.reduction, weight: this.weight, pos_weight: this.pos_weight });
  }
}
/** F.nll_loss as a module (ignore_index −100 by default; class weights). @example new nn.NLLLoss().call(logp, labels) */
export class NLLLoss extends Loss {
  readonly ignore_index: number;
  readonly weight: Tensor | null;
  constructor(options: LegacyReductionOptions & { ignore_index?: number; weight?: Tensor | null } = {}) {
    super(options);
    this.ignore_index = options.ignore_index ?? -100;
    this.weight = this.register_buffer('weight', options.weight ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, { reduction: this.reduction, ignore_index: this.ignore_index, weight: this.weight });
  }
}
/** F.cross_entropy as a module. @example new nn.CrossEntropyLoss({ label_smoothing: 0.1 }).call(logits, labels) */
export class CrossEntropyLoss extends NLLLoss {
  readonly label_smoothing: number;
  constructor(options: LegacyReductionOptions & { ignore_index?: number; label_smoothing?: number; weight?: Tensor | null } = {}) {
    super(options);
    this.label_smoothing = options.label_smoothing ?? 0.0;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, {
      reduction: this.reduction, ignore_index: this.ignore_index, label_smoothing: this.label_smoothing, weight: this.weight,
    });
  }
}

// losses 2 (helper losses): the modules of src/nn/losses.ts, PyTorch's constructor options
/** F.smooth_l1_loss as a module. @example new nn.SmoothL1Loss({ beta: 0.5 }).call(pred, y) */
export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(options: LegacyReductionOptions & { beta?: number } = {}) { super(options); this.beta = options.beta ?? 1.0; }
  forward(input: Tensor, target: Tensor): Tensor { return F.smooth_l1_loss(input, target, { reduction: this.reduction, beta: this.beta }); }
}
/** F.huber_loss as a module. @example new nn.HuberLoss({ delta: 2 }).call(pred, y) */
export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(options: LegacyReductionOptions & { delta?: number } = {}) { super(options); this.delta = options.delta ?? 1.0; }
  forward(input: Tensor, target: Tensor): Tensor { return F.huber_loss(input, target, { reduction: this.reduction, delta: this.delta }); }
}
/** F.soft_margin_loss as a module. @example new nn.SoftMarginLoss().call(scores, signs) */
export class SoftMarginLoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor { return F.soft_margin_loss(input, target, { reduction: this.reduction }); }
}
/** F.kl_div as a module ('batchmean' too). @example new nn.KLDivLoss({ reduction: 'batchmean' }).call(logp, q) */
export class KLDivLoss extends Module {
  readonly reduction: ReductionName | 'batchmean';
  readonly log_target: boolean;
  constructor(options: LegacyReductionOptions<ReductionName | 'batchmean'> & { log_target?: boolean } = {}) {
    super();
    this.reduction = lossReduction(options);
    this.log_target = options.log_target ?? false;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.kl_div(input, target, { reduction: this.reduction, log_target: this.log_target }); }
}
class MarginLoss extends Loss {
  readonly margin: number;
  constructor(options: LegacyReductionOptions & { margin?: number } = {}, margin = 0) { super(options); this.margin = options.margin ?? margin; }
}
/** F.margin_ranking_loss as a module. @example new nn.MarginRankingLoss({ margin: 0.5 }).call(s1, s2, signs) */
export class MarginRankingLoss extends MarginLoss {
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.margin_ranking_loss(input1, input2, target, { reduction: this.reduction, margin: this.margin });
  }
}
/** F.hinge_embedding_loss as a module (margin 1 by default). @example new nn.HingeEmbeddingLoss().call(d, signs) */
export class HingeEmbeddingLoss extends MarginLoss {
  constructor(options: LegacyReductionOptions & { margin?: number } = {}) { super(options, 1.0); }
  forward(input: Tensor, target: Tensor): Tensor { return F.hinge_embedding_loss(input, target, { reduction: this.reduction, margin: this.margin }); }
}
/** F.cosine_embedding_loss as a module. @example new nn.CosineEmbeddingLoss().call(a, b, signs) */
export class CosineEmbeddingLoss extends MarginLoss {
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosine_embedding_loss(input1, input2, target, { reduction: this.reduction, margin: this.margin });
  }
}
/** F.poisson_nll_loss as a module. @example new nn.PoissonNLLLoss({ log_input: false }).call(rates, counts) */
export class PoissonNLLLoss extends Loss {
  readonly log_input: boolean;
  readonly full: boolean;
  readonly eps: number;
  constructor(options: LegacyReductionOptions & { log_input?: boolean; full?: boolean; eps?: number } = {}) {
    super(options);
    this.log_input = options.log_input ?? true;
    this.full = options.full ?? false;
    this.eps = options.eps ?? 1e-8;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.poisson_nll_loss(input, target, { reduction: this.reduction, log_input: this.log_input, full: this.full, eps: this.eps });
  }
}
/** F.gaussian_nll_loss as a module. @example new nn.GaussianNLLLoss().call(mu, y, variance) */
export class GaussianNLLLoss extends Loss {
  readonly full: boolean;
  readonly eps: number;
  constructor(options: LegacyReductionOptions & { full?: boolean; eps?: number } = {}) {
    super(options);
    this.full = options.full ?? false;
    this.eps = options.eps ?? 1e-6;
  }
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussian_nll_loss(input, target, variance, { reduction: this.reduction, full: this.full, eps: this.eps });
  }
}
/** F.triplet_margin_loss as a module. @example new nn.TripletMarginLoss({ margin: 0.5 }).call(a, p, n) */
export class TripletMarginLoss extends MarginLoss {
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;
  constructor(options: LegacyReductionOptions & { margin?: number; p?: number; eps?: number; swap?: boolean } = {}) {
    super(options, 1.0);
    this.p = options.p ?? 2;
    this.eps = options.eps ?? 1e-6;
    this.swap = options.swap ?? false;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.triplet_margin_loss(anchor, positive, negative, { reduction: this.reduction, margin: this.margin, p: this.p, eps: this.eps, swap: this.swap });
  }
}
/** F.multilabel_soft_margin_loss as a module. @example new nn.MultiLabelSoftMarginLoss().call(logits, labels01) */
export class MultiLabelSoftMarginLoss extends Loss {
  readonly weight: Tensor | null;
  constructor(options: LegacyReductionOptions & { weight?: Tensor | null } = {}) { super(options); this.weight = this.register_buffer('weight', options.weight ?? null); }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabel_soft_margin_loss(input, target, { reduction: this.reduction, weight: this.weight });
  }
}
/** F.multi_margin_loss as a module. @example new nn.MultiMarginLoss({ p: 2, margin: 0.5 }).call(scores, labels) */
export class MultiMarginLoss extends MarginLoss {
  readonly p: number;
  readonly weight: Tensor | null;
  constructor(options: LegacyReductionOptions & { p?: number; margin?: number; weight?: Tensor | null } = {}) {
    super(options, 1.0);
    this.p = options.p ?? 1;
    this.weight = this.register_buffer('weight', options.weight ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multi_margin_loss(input, target, { reduction: this.reduction, p: this.p, margin: this.margin, weight: this.weight });
  }
}
/** F.multilabel_margin_loss as a module. @example new nn.MultiLabelMarginLoss().call(scores, classesPadded) */
export class MultiLabelMarginLoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor { return F.multilabel_margin_loss(input, target, { reduction: this.reduction }); }
}
