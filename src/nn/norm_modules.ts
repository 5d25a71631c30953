// InstanceNorm1d/2d/3d and the lazy normalization modules (helper modules): LazyBatchNorm1d/2d/3d
// and LazyInstanceNorm1d/2d/3d, PyTorch 2's arguments, checks, default initialisation and repr.
//
// InstanceNorm shares BatchNorm's parameters, buffers and repr (PyTorch's _NormBase) with other
// defaults (affine and track_running_stats false); its forward is F.instance_norm, on unbatched
// inputs too. A lazy module infers num_features from its first input's dim 1 and becomes the module
// it stands for (PyTorch's cls_to_become), as nn.LazyLinear does: until then weight, bias and the
// running statistics are UninitializedParameter markers, not registered (docs/api.md).

import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { BatchNorm, BatchNorm1d, BatchNorm2d, BatchNorm3d, type BatchNormOptions } from './layers.js';
import { UninitializedParameter } from './linear_layers.js';
import { instance_norm } from './norm.js';
import { warnOnce } from './warn.js';

/** nn.InstanceNorm1d/2d/3d: the input ranks they take (unbatched: one less) and F.instance_norm. */
abstract class InstanceNorm extends BatchNorm {
  /** The rank of an unbatched input: (C, L) for InstanceNorm1d. */
  protected abstract readonly noBatchDim: number;

  constructor(num_features: number, options: BatchNormOptions = {}) {
    super(num_features, { ...options, affine: options.affine ?? false, track_running_stats: options.track_running_stats ?? false });
  }

  protected override _check_input_dim(input: Tensor): void {
    const nd = input._shape.length, k = this.noBatchDim;
    if (nd !== k && nd !== k + 1) throw new ValueError(`expected ${k}D or ${k + 1}D input (got ${nd}D input)`);
  }

  override forward(input: Tensor): Tensor {
    this._check_input_dim(input);
    const featureDim = input._shape.length - this.noBatchDim, size = input._shape[featureDim];
    if (size !== this.num_features) {
      if (this.affine) throw new ValueError(`expected input's size at dim=${featureDim} to match num_features (${this.num_features}), but got: ${size}.`);
      warnOnce(`input's size at dim=${featureDim} does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False`);
    }
    if (input._shape.length > this.noBatchDim) return this.apply_instance_norm(input);
    const batched = input.unsqueeze(0);
    try {
      const out = this.apply_instance_norm(batched);
      try { return out.squeeze(0); } finally { out.dispose(); }
    } finally {
      batched.dispose();
    }
  }

  private apply_instance_norm(input: Tensor): Tensor {
    return instance_norm(input, this.running_mean, this.running_var, this.weight, this.bias, this.training || !this.track_running_stats,
      this.momentum ?? 0, this.eps);
  }
}

/**
 * Instance normalization of (N, C, L) or unbatched (C, L) inputs: each sample's channel over its
 * own elements; no parameters or running statistics unless affine / track_running_stats.
 * @example new nn.InstanceNorm1d(3, { affine: true }).call(torch.randn([2, 3, 5]))
 */
export class InstanceNorm1d extends InstanceNorm { protected readonly noBatchDim = 2; }
/**
 * Instance normalization of (N, C, H, W) or (C, H, W) inputs.
 * @example new nn.InstanceNorm2d(3).call(torch.randn([2, 3, 4, 4]))
 */
export class InstanceNorm2d extends InstanceNorm { protected readonly noBatchDim = 3; }
/**
 * Instance normalization of (N, C, D, H, W) or (C, D, H, W) inputs.
 * @example new nn.InstanceNorm3d(2, { track_running_stats: true }).call(torch.randn([2, 2, 3, 3, 3]))
 */
export class InstanceNorm3d extends InstanceNorm { protected readonly noBatchDim = 4; }

type NormClass = new (num_features: number, options?: BatchNormOptions) => BatchNorm;
const MARKED = ['weight', 'bias', 'running_mean', 'running_var'] as const;

/** Turns a module built with num_features 0 into a lazy one: its tensors become markers (PyTorch's _LazyNormBase). */
function makeLazy(m: BatchNorm): void {
  warnOnce('Lazy modules are a new feature under heavy development so changes to the API or functionality can happen at any moment.');
  for (const name of MARKED) {
    const t = m[name];
    if (!t) continue;
    t.dispose();
    (name.startsWith('running') ? m._buffers : m._parameters).delete(name);
    Object.assign(m, { [name]: new UninitializedParameter() });
  }
}

/** The first input's dim 1 becomes num_features: `target`'s tensors, then its class. */
function materialize(m: BatchNorm, input: Tensor, target: NormClass, options: BatchNormOptions): void {
  if (!(m.weight instanceof UninitializedParameter || m.running_mean instanceof UninitializedParameter)) return;
  if (input._shape.length < 2) throw new ValueError(`expected at least 2D input (got ${input._shape.length}D input)`);
  const fresh = new target(input._shape[1], { ...options, affine: m.affine, track_running_stats: m.track_running_stats, device: options.device ?? input.device });
  Object.assign(m, { num_features: fresh.num_features });
  for (const name of MARKED) {
    if (!fresh[name]) continue;
    Object.assign(m, { [name]: undefined });
    Object.assign(m, { [name]: name.startsWith('running') ? m.register_buffer(name, fresh[name]) : m.register_parameter(name, fresh[name]) });
  }
  // num_batches_tracked stays registered last, as PyTorch's buffers order it
  if (m.num_batches_tracked) {
    const n = m.num_batches_tracked;
    m._buffers.delete('num_batches_tracked');
    m._buffers.set('num_batches_tracked', n);
  }
  Object.setPrototypeOf(m, target.prototype);
}

/** The lazy modules' options: BatchNorm's (their defaults: affine and track_running_stats true). */
export type LazyNormOptions = BatchNormOptions;

/**
 * nn.BatchNorm1d whose num_features is inferred from the first input's dim 1; it then becomes a BatchNorm1d.
 * @example const bn = new nn.LazyBatchNorm1d(); bn.call(torch.randn([4, 3])); String(bn) // 'BatchNorm1d(3, ...)'
 */
export class LazyBatchNorm1d extends BatchNorm1d {
  private readonly lazyOptions: LazyNormOptions;
  constructor(options: LazyNormOptions = {}) { super(0, options); this.lazyOptions = options; makeLazy(this); }
  /** Infers num_features from `input` and becomes a BatchNorm1d. @example bn.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, BatchNorm1d, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}
/** nn.BatchNorm2d with num_features from the first input. @example new nn.LazyBatchNorm2d().call(torch.randn([2, 3, 4, 4])) */
export class LazyBatchNorm2d extends BatchNorm2d {
  private readonly lazyOptions: LazyNormOptions;
  constructor(options: LazyNormOptions = {}) { super(0, options); this.lazyOptions = options; makeLazy(this); }
  /** Infers num_features from `input` and becomes a BatchNorm2d. @example bn.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, BatchNorm2d, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}
/** nn.BatchNorm3d with num_features from the first input. @example new nn.LazyBatchNorm3d().call(torch.randn([2, 3, 2, 2, 2])) */
export class LazyBatchNorm3d extends BatchNorm3d {
  private readonly lazyOptions: LazyNormOptions;
  constructor(options: LazyNormOptions = {}) { super(0, options); this.lazyOptions = options; makeLazy(this); }
  /** Infers num_features from `input` and becomes a BatchNorm3d. @example bn.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, BatchNorm3d, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}

/** The lazy instance norms: PyTorch's _LazyNormBase defaults (affine and track_running_stats true). */
const lazyInstance = (o: LazyNormOptions): LazyNormOptions => ({ ...o, affine: o.affine ?? true, track_running_stats: o.track_running_stats ?? true });

/** nn.InstanceNorm1d with num_features from the first input's dim 1. @example new nn.LazyInstanceNorm1d().call(torch.randn([2, 3, 5])) */
export class LazyInstanceNorm1d extends InstanceNorm1d {
  private readonly lazyOptions: LazyNormOptions;
  constructor(options: LazyNormOptions = {}) { super(0, lazyInstance(options)); this.lazyOptions = lazyInstance(options); makeLazy(this); }
  /** Infers num_features from `input` and becomes an InstanceNorm1d. @example m.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, InstanceNorm1d, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}
/** nn.InstanceNorm2d with num_features from the first input. @example new nn.LazyInstanceNorm2d().call(torch.randn([2, 3, 4, 4])) */
export class LazyInstanceNorm2d extends InstanceNorm2d {
  private readonly lazyOptions: LazyNormOptions;
  constructor(options: LazyNormOptions = {}) { super(0, lazyInstance(options)); this.lazyOptions = lazyInstance(options); makeLazy(this); }
  /** Infers num_features from `input` and becomes an InstanceNorm2d. @example m.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, InstanceNorm2d, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}
/** nn.InstanceNorm3d with num_features from the first input. @example new nn.LazyInstanceNorm3d().call(torch.randn([2, 3, 2, 2, 2])) */
export class LazyInstanceNorm3d extends InstanceNorm3d {
  private readonly lazyOptions: LazyNormOptions;
  constructor(options: LazyNormOptions = {}) { super(0, lazyInstance(options)); this.lazyOptions = lazyInstance(options); makeLazy(this); }
  /** Infers num_features from `input` and becomes an InstanceNorm3d. @example m.initialize_parameters(x) */
  initialize_parameters(input: Tensor): void { materialize(this, input, InstanceNorm3d, this.lazyOptions); }
  override forward(input: Tensor): Tensor { this.initialize_parameters(input); return super.forward(input); }
}
