// nn.AdaptiveLogSoftmaxWithLoss (helper nnrest), composed as PyTorch's Python composes it: a head
// Linear over the shortlist and one cluster logit per tail, each tail a Sequential of two bias-free
// Linears (in_features → in_features // div_value^(i+1) → the cluster's size), so the parameters
// after manual_seed, the nodes and the gradients are PyTorch's. Which rows fall in which cluster is
// read from the target on the host (PyTorch's nonzero), as are predict's row choices.

import { RuntimeError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import type { DeviceName } from '../device.js';
import { Module } from './module.js';
import { Linear } from './modules.js';
import { Sequential, ModuleList } from './containers.js';
import { log_softmax } from '../ops/reduce.js';
import { tensor } from '../creation.js';

/** What AdaptiveLogSoftmaxWithLoss.forward returns, PyTorch's `_ASMoutput` namedtuple. */
export interface ASMoutput { output: Tensor; loss: Tensor }

/**
 * Efficient softmax approximation for large output spaces (Grave et al.): the `cutoffs` split the
 * classes into a shortlist the head predicts directly and clusters reached through a tail
 * projection. forward(input, target) gives each row's log-probability of its target and the mean
 * negative one; log_prob(input) gives all classes', predict(input) the most likely class.
 * @example
 * const asm = new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], { div_value: 2 });
 * const { output, loss } = asm.call(torch.randn([4, 8]), torch.tensor([0, 4, 9, 2]).long());
 */
export class AdaptiveLogSoftmaxWithLoss extends Module {
  readonly in_features: number;
  readonly n_classes: number;
  readonly cutoffs: number[];
  readonly div_value: number;
  readonly head_bias: boolean;
  readonly shortlist_size: number;
  readonly n_clusters: number;
  readonly head_size: number;
  readonly head: Linear;
  readonly tail: ModuleList;

  constructor(in_features: number, n_classes: number, cutoffs: number[],
    options: { div_value?: number; head_bias?: boolean; device?: DeviceName; dtype?: 'float32' | 'float64' } = {}) {
    super();
    const sorted = [...cutoffs].sort((a, b) => a - b);
    if (cutoffs.some((c, i) => c !== sorted[i]) || Math.min(...cutoffs) <= 0 || Math.max(...cutoffs) > n_classes - 1
      || new Set(cutoffs).size !== cutoffs.length || cutoffs.some((c) => !Number.isInteger(c))) {
      throw new ValueError('cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and n_classes-1');
    }
    this.in_features = in_features;
    this.n_classes = n_classes;
    this.cutoffs = [...cutoffs, n_classes];
    this.div_value = options.div_value ?? 4.0;
    this.head_bias = options.head_bias ?? false;
    this.shortlist_size = this.cutoffs[0];
    this.n_clusters = this.cutoffs.length - 1;
    this.head_size = this.shortlist_size + this.n_clusters;
    const kw = { device: options.device, dtype: options.dtype };
    this.head = this.add_module('head', new Linear(in_features, this.head_size, { ...kw, bias: this.head_bias }));
    this.tail = this.add_module('tail', new ModuleList());
    for (let i = 0; i < this.n_clusters; i++) {
      const hsz = Math.floor(in_features / this.div_value ** (i + 1));
      const osz = this.cutoffs[i + 1] - this.cutoffs[i];
      this.tail.append(new Sequential(new Linear(in_features, hsz, { ...kw, bias: false }), new Linear(hsz, osz, { ...kw, bias: false })));
    }
  }

  /** The head and every tail projection drawn again, as PyTorch's reset_parameters. @example asm.reset_parameters() */
  reset_parameters(): void {
    for (const m of [this.head, ...this.tailLinears()]) (m as unknown as { reset_parameters(): void }).reset_parameters();
  }

  private tailLinears(): Module[] { return [...this.tail.children()].flatMap((s) => [...s.children()]); }

  forward(input_: Tensor, target_: Tensor): ASMoutput {
    const targDim = target_.dim();
    if (targDim === 1) {
      if (input_.size(0) !== target_.size(0)) throw new RuntimeError('Input and target should have the same size in the batch dimension.');
      if (input_.dim() !== 2) throw new RuntimeError(`('1D target tensor expects 2D input tensors, but found inputs with size', torch.Size([${input_.shape.join(', ')}]))`);
    } else if (targDim === 0) {
      if (input_.dim() !== 1) throw new RuntimeError(`('0D target tensor expects 1D input tensors, but found inputs with size', torch.Size([${input_.shape.join(', ')}]))`);
    } else {
      throw new RuntimeError('0D or 1D target tensor expected, multi-target not supported');
    }
    const batched = targDim > 0;
    const input = batched ? input_ : input_.unsqueeze(0);
    const targets = (batched ? target_.tolist() : [target_.item()]) as number[];
    const B = targets.length, dev = { device: input.device };
    const output = input.new_zeros([B]);
    const gatherInds = new Array<number>(B).fill(0);
    const bounds = [0, ...this.cutoffs];
    let used = 0;
    for (let i = 0; i < bounds.length - 1; i++) {
      const lo = bounds[i], hi = bounds[i + 1];
      const rows = targets.flatMap((t, r) => (t >= lo && t < hi ? [r] : []));
      if (rows.length === 0) continue;
      if (i === 0) {
        for (const r of rows) gatherInds[r] = targets[r];
      } else {
        const rowIdx = tensor(rows, dev).long(), rel = tensor(rows.map((r) => [targets[r] - lo]), dev).long();
        const subset = input.index_select(0, rowIdx);
        const clusterLogprob = log_softmax(this.tail.at(i - 1).call(subset) as Tensor, 1);
        for (const r of rows) gatherInds[r] = this.shortlist_size + i - 1;
        output.index_copy_(0, rowIdx, clusterLogprob.gather(1, rel).squeeze(1));
      }
      used += rows.length;
    }
    if (used !== B) {
      throw new RuntimeError(`Target values should be in [0, ${this.n_classes - 1}], but values in range [${Math.min(...targets)}, ${Math.max(...targets)}] were found. `);
    }
    const headLogprob = log_softmax(this.head.call(input) as Tensor, 1);
    output.add_(headLogprob.gather(1, tensor(gatherInds.map((g) => [g]), dev).long()).squeeze());
    const loss = output.neg().mean();
    return { output: batched ? output : output.squeeze(0), loss };
  }

  /** PyTorch's _get_full_log_prob: the head's shortlist log-probabilities, and each cluster's plus its head logit's. */
  private fullLogProb(input: Tensor, headOutput: Tensor): Tensor {
    const out = input.new_empty([headOutput.size(0), this.n_classes]);
    const headLogprob = log_softmax(headOutput, 1);
    out.index_put_([':', `:${this.shortlist_size}`], headLogprob.index([':', `:${this.shortlist_size}`]));
    for (let i = 0; i < this.n_clusters; i++) {
      const clusterLogprob = log_softmax(this.tail.at(i).call(input) as Tensor, 1);
      const outputLogprob = clusterLogprob.add(headLogprob.index([':', this.shortlist_size + i]).unsqueeze(1));
      out.index_put_([':', `${this.cutoffs[i]}:${this.cutoffs[i + 1]}`], outputLogprob);
    }
    return out;
  }

  /**
   * Log-probabilities of every class for a [N, in_features] input: [N, n_classes].
   * @example asm.log_prob(torch.randn([4, 8])).exp().sum(1) // ones
   */
  log_prob(input: Tensor): Tensor { return this.fullLogProb(input, this.head.call(input) as Tensor); }

  /**
   * The most likely class of each row of a [N, in_features] input (int64 [N]); the tails are
   * evaluated only when the head's best is a cluster, as PyTorch.
   * @example asm.predict(torch.randn([4, 8])) // e.g. tensor([0, 7, 2, 2])
   */
  predict(input: Tensor): Tensor {
    const headOutput = this.head.call(input) as Tensor;
    const output = headOutput.argmax(1);
    const best = output.tolist() as number[];
    if (best.every((b) => b < this.shortlist_size)) return output;
    const full = this.fullLogProb(input, headOutput).argmax(1).tolist() as number[];
    return tensor(best.map((b, r) => (b >= this.shortlist_size ? full[r] : b)), { device: input.device }).long();
  }

}
