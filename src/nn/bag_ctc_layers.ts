// nn.EmbeddingBag and nn.CTCLoss (helper ebag): F.embedding_bag and F.ctc_loss as modules, with
// PyTorch's constructor arguments, default initialisation (normal_, the padding row zero) and repr.

import { AssertionError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { fillNormal, fillNormalDouble } from '../random.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { leaf, pyFloat, type Factory } from './layers.js';
import { embedding_bag } from './embedding_bag.js';
import { ctc_loss, type Lengths } from './ctc_loss.js';
import type { ReductionName } from './loss_args.js';

export interface EmbeddingBagModuleOptions extends Factory {
  max_norm?: number | null; norm_type?: number; scale_grad_by_freq?: boolean; mode?: 'sum' | 'mean' | 'max'; sparse?: boolean;
  _weight?: Tensor | null; include_last_offset?: boolean; padding_idx?: number | null;
}

/**
 * Bags of embeddings summed, averaged or maxed (F.embedding_bag with this module's weight).
 * @example const bag = new nn.EmbeddingBag(10, 3, { mode: 'sum' }); bag.call(torch.tensor([[1, 2], [4, 5]], { dtype: 'int64' }))
 */
export class EmbeddingBag extends Module {
  readonly num_embeddings: number;
  readonly embedding_dim: number;
  readonly max_norm: number | null;
  readonly norm_type: number;
  readonly scale_grad_by_freq: boolean;
  readonly mode: 'sum' | 'mean' | 'max';
  readonly sparse: boolean;
  readonly include_last_offset: boolean;
  readonly padding_idx: number | null;
  weight: Tensor;

  constructor(num_embeddings: number, embedding_dim: number, options: EmbeddingBagModuleOptions = {}) {
    super();
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    this.max_norm = options.max_norm ?? null;
    this.norm_type = options.norm_type ?? 2;
    this.scale_grad_by_freq = options.scale_grad_by_freq ?? false;
    this.mode = options.mode ?? 'mean';
    this.sparse = options.sparse ?? false;
    this.include_last_offset = options.include_last_offset ?? false;
    let pad = options.padding_idx ?? null;
    if (pad !== null && (pad >= num_embeddings || pad < -num_embeddings)) throw new AssertionError('padding_idx must be within num_embeddings');
    if (pad !== null && pad < 0) pad += num_embeddings;
    this.padding_idx = pad;
    if (options._weight) {
      if (options._weight._shape.join() !== `${num_embeddings},${embedding_dim}`) throw new AssertionError('Shape of weight does not match num_embeddings and embedding_dim');
      this.weight = this.register_parameter('weight', new Parameter(options._weight));
      return;
    }
    const n = num_embeddings * embedding_dim; // normal_ draws as the dtype's kernel does
    const data = options.dtype === 'float64' ? fillNormalDouble(new Float64Array(n)) : fillNormal(new Float32Array(n));
    if (pad !== null) data.fill(0, pad * embedding_dim, (pad + 1) * embedding_dim);
    this.weight = this.register_parameter('weight', leaf(data, [num_embeddings, embedding_dim], options));
  }

  /**
   * An EmbeddingBag over the given (rows, dim) weights, frozen (no gradient) unless freeze is false.
   * @example nn.EmbeddingBag.from_pretrained(torch.tensor([[1, 2.3, 3], [4, 5.1, 6.3]]), { mode: 'sum' })
   */
  static from_pretrained(embeddings: Tensor, options: Omit<EmbeddingBagModuleOptions, '_weight' | keyof Factory> & { freeze?: boolean } = {}): EmbeddingBag {
    if (embeddings._shape.length !== 2) throw new AssertionError('Embeddings parameter is expected to be 2-dimensional');
    const [rows, cols] = embeddings._shape;
    const { freeze = true, ...rest } = options;
    const bag = new EmbeddingBag(rows, cols, { ...rest, _weight: embeddings });
    bag.weight.requires_grad_(!freeze);
    return bag;
  }

  forward(input: Tensor, offsets: Tensor | null = null, per_sample_weights: Tensor | null = null): Tensor {
    return embedding_bag(input, this.weight, offsets, {
      max_norm: this.max_norm, norm_type: this.norm_type, scale_grad_by_freq: this.scale_grad_by_freq, mode: this.mode, sparse: this.sparse,
      per_sample_weights, include_last_offset: this.include_last_offset, padding_idx: this.padding_idx,
    });
  }

  extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.max_norm !== null) s += `, max_norm=${pyFloat(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyFloat(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += ', scale_grad_by_freq=True';
    s += `, mode=${this.mode}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    return s;
  }
}

/**
 * F.ctc_loss as a module.
 * @example new nn.CTCLoss({ zero_infinity: true }).call(logProbs, targets, inputLengths, targetLengths)
 */
export class CTCLoss extends Module {
  readonly blank: number;
  readonly reduction: ReductionName;
  readonly zero_infinity: boolean;
  constructor(options: { blank?: number; reduction?: ReductionName; zero_infinity?: boolean } = {}) {
    super();
    this.blank = options.blank ?? 0;
    this.reduction = options.reduction ?? 'mean';
    this.zero_infinity = options.zero_infinity ?? false;
  }
  forward(log_probs: Tensor, targets: Tensor, input_lengths: Lengths, target_lengths: Lengths): Tensor {
    return ctc_loss(log_probs, targets, input_lengths, target_lengths, { blank: this.blank, reduction: this.reduction, zero_infinity: this.zero_infinity });
  }
}
