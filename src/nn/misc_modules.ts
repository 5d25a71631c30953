// Further torch.nn modules (helper modules): MaxPool1d, AvgPool1d, CosineSimilarity, ChannelShuffle
// (over F.channel_shuffle), NLLLoss2d, with PyTorch's
// arguments and repr.

import type { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { MaxPoolNd, pyValue, tuple, type IntOrPair } from './modules.js';
import { NLLLoss } from './layers.js';
import { warnOnce } from './warn.js';
import { max_pool1d, avg_pool1d } from '../ops/pool.js';
import { cosine_similarity, type ReductionName } from './functional.js';
import { channel_shuffle } from './channel_shuffle.js';

/**
 * 1-D max pooling layer (F.max_pool1d); stride defaults to the kernel size.
 * @example new nn.MaxPool1d(3, { stride: 2 }).call(torch.randn([2, 4, 9])).shape // [2, 4, 4]
 */
export class MaxPool1d extends MaxPoolNd {
  protected readonly pool = max_pool1d;
}

/**
 * 1-D average pooling layer (F.avg_pool1d); PyTorch keeps its sizes as 1-tuples, and prints them so.
 * @example new nn.AvgPool1d(3).call(torch.randn([2, 4, 9])) // AvgPool1d(kernel_size=(3,), stride=(3,), padding=(0,))
 */
export class AvgPool1d extends Module {
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly ceil_mode: boolean;
  readonly count_include_pad: boolean;

  constructor(kernel_size: IntOrPair, options: { stride?: IntOrPair | null; padding?: IntOrPair; ceil_mode?: boolean; count_include_pad?: boolean } = {}) {
    super();
    this.kernel_size = tuple(kernel_size, 1);
    this.stride = tuple(options.stride ?? kernel_size, 1);
    this.padding = tuple(options.padding ?? 0, 1);
    this.ceil_mode = options.ceil_mode ?? false;
    this.count_include_pad = options.count_include_pad ?? true;
  }

  forward(input: Tensor): Tensor {
    return avg_pool1d(input, this.kernel_size, { stride: this.stride, padding: this.padding, ceil_mode: this.ceil_mode, count_include_pad: this.count_include_pad });
  }

  extra_repr(): string { return `kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`; }
}

/**
 * F.cosine_similarity along dim (default 1) as a module, `nn.CosineSimilarity(dim=1, eps=1e-8)`.
 * @example new nn.CosineSimilarity({ dim: 0 }).call(a, b)
 */
export class CosineSimilarity extends Module {
  readonly dim: number;
  readonly eps: number;
  constructor(options: { dim?: number; eps?: number } = {}) {
    super();
    this.dim = options.dim ?? 1;
    this.eps = options.eps ?? 1e-8;
  }
  forward(x1: Tensor, x2: Tensor): Tensor { return cosine_similarity(x1, x2, this.dim, this.eps); }
}

/**
 * Shuffles the channels in `groups` (F.channel_shuffle), as ShuffleNet.
 * @example new nn.ChannelShuffle(2).call(torch.randn([1, 4, 2, 2])) // ChannelShuffle(groups=2)
 */
export class ChannelShuffle extends Module {
  constructor(readonly groups: number) { super(); }
  forward(input: Tensor): Tensor { return channel_shuffle(input, this.groups); }
  extra_repr(): string { return `groups=${this.groups}`; }
}

/**
 * The deprecated name of nn.NLLLoss (PyTorch warns once on construction).
 * @example new nn.NLLLoss2d().call(logp, labels) // logp [N, C, H, W], labels [N, H, W]
 */
export class NLLLoss2d extends NLLLoss {
  constructor(options: ConstructorParameters<typeof NLLLoss>[0] & { ignore_index?: number; weight?: Tensor | null } = {}) {
    warnOnce('NLLLoss2d has been deprecated. Please use NLLLoss instead as a drop-in replacement and see https://pytorch.org/docs/master/nn.html#torch.nn.NLLLoss for more details.');
    super(options);
  }
}

/**
 * nn.DataParallel where no accelerator exists, as PyTorch's on a CPU-only machine: it keeps the
 * module as `module` and forward calls it (no device_ids, no replicas).
 * @example const model = new nn.DataParallel(new nn.Linear(3, 2)); model.call(x) // model.module.call(x)
 */
export class DataParallel extends Module {
  readonly module: Module;
  readonly device_ids: number[] = [];
  readonly dim: number;
  constructor(module: Module, options: { device_ids?: number[] | null; output_device?: number | null; dim?: number } = {}) {
    super();
    this.module = this.register_module('module', module);
    this.dim = options.dim ?? 0;
  }
  forward(...inputs: unknown[]): unknown { return this.module.call(...inputs); }
}
