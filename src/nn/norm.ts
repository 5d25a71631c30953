// torch.nn.functional normalization (helper nnnorm): layer_norm with its own node
// (NativeLayerNormBackward0, kernels in assembly/ops/norm.ts and src/js/ops/norm.ts), and
// rms_norm, which PyTorch 1.13 lacks, composed as PyTorch 2 composes it; embedding over the gather
// kernel with its own node (EmbeddingBackward0).

import { RuntimeError, IndexError, NotImplementedError, AssertionError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating, checkSameDtype } from '../ops/common.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { add, mul, pow } from '../ops/elementwise.js';
import { mean } from '../ops/reduce.js';
import { rsqrt } from '../ops/torch.generated.js';
import { DType, Op } from '../../abi/abi.js';
import { renorm } from './embedding_bag.js';

const shapeStr = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** PyTorch's checks of normalized_shape against the input, weight and bias; the number of normalized elements. */
function checkNormalized(input: Tensor, shape: number[], weight: Tensor | null, bias: Tensor | null): number {
  if (shape.length === 0) {
    throw new RuntimeError('Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []');
  }
  for (const [t, name] of [[weight, 'weight'], [bias, 'bias']] as const) {
    if (t && shapeStr(t._shape) !== shapeStr(shape)) {
      throw new RuntimeError(`Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${shapeStr(t._shape)} and normalized_shape = ${shapeStr(shape)}`);
    }
  }
  const nd = input._shape.length, k = shape.length;
  if (nd < k || shape.some((s, i) => input._shape[nd - k + i] !== s)) {
    throw new RuntimeError(`Given normalized_shape=${shapeStr(shape)}, expected input with shape [*, ${shape.join(', ')}], but got input of size${shapeStr(input._shape)}`);
  }
  return shape.reduce((a, b) => a * b, 1);
}

const layerNormSchema = parseSchema('layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05) -> Tensor');

/**
 * Layer normalization over the last dims (`normalized_shape`): (x − mean)/sqrt(var + eps) with the
 * biased variance, times weight plus bias when given. Its node is PyTorch's NativeLayerNormBackward0,
 * which keeps each row's mean and rstd.
 * @example
 * const x = torch.randn([2, 3, 4]);
 * F.layer_norm(x, [4]);                              // each row of 4: mean 0, variance 1
 * F.layer_norm(x, [3, 4], w, b, 1e-6);               // w, b: (3, 4)
 */
export function layer_norm(input: Tensor, normalized_shape: number[] | { normalized_shape?: number[]; weight?: Tensor | null; bias?: Tensor | null; eps?: number },
  weight?: Tensor | null | { weight?: Tensor | null; bias?: Tensor | null; eps?: number }, bias?: Tensor | null | { bias?: Tensor | null; eps?: number },
  eps?: number | { eps?: number }): Tensor;
export function layer_norm(...args: unknown[]): Tensor {
  const a = bind(layerNormSchema, args, null);
  const input = a.input as Tensor, weight = (a.weight ?? null) as Tensor | null, bias = (a.bias ?? null) as Tensor | null;
  const n = checkNormalized(input, a.normalized_shape as number[], weight, bias);
  if (input._dtype !== DType.Float32 && input._dtype !== DType.Float64) {
    throw new RuntimeError(`"LayerNormKernelImpl" not implemented for '${input.dtype._scalarType}'`);
  }
  for (const t of [weight, bias]) if (t) { deviceOf(input, t); checkSameDtype(input, t); }
  return new Tensor(input._dev, input._dev.layerNorm(input.h, weight?.h ?? null, bias?.h ?? null, n, a.eps as number), input._shape.slice(), input._dtype);
}

const rmsNormSchema = parseSchema('rms_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, float? eps=None) -> Tensor');

/**
 * Root-mean-square normalization over the last dims (PyTorch 2; 1.13 has none): x·rsqrt(mean(x²) + eps),
 * times weight when given, composed as PyTorch 2 composes it (its node is MulBackward0). eps
 * defaults to the dtype's machine epsilon (torch.finfo(dtype).eps).
 * @example
 * F.rms_norm(torch.randn([2, 4]), [4]);
 * F.rms_norm(x, [4], w, 1e-6);
 */
export function rms_norm(input: Tensor, normalized_shape: number[] | { normalized_shape?: number[]; weight?: Tensor | null; eps?: number | null },
  weight?: Tensor | null | { weight?: Tensor | null; eps?: number | null }, eps?: number | null | { eps?: number | null }): Tensor;
export function rms_norm(...args: unknown[]): Tensor {
  const a = bind(rmsNormSchema, args, null);
  const input = a.input as Tensor, weight = (a.weight ?? null) as Tensor | null, shape = a.normalized_shape as number[];
  checkNormalized(input, shape, weight, null);
  checkFloating(input, 'rms_norm');
  if (weight) deviceOf(input, weight);
  const eps = (a.eps ?? (input._dtype === DType.Float64 ? 2 ** -52 : 2 ** -23)) as number;
  const nd = input._shape.length;
  const dims = shape.map((_, i) => nd - shape.length + i);
  const tmp: Tensor[] = [];
  const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
  try {
    const r = keep(rsqrt(keep(add(keep(mean(keep(pow(input, 2)), dims, true)), eps))));
    return weight ? mul(keep(mul(input, r)), weight) : mul(input, r);
  } finally {
    for (const t of tmp) t.dispose();
  }
}

const embeddingSchema = parseSchema('embedding(Tensor input, Tensor weight, int? padding_idx=None, float? max_norm=None, ' +
  'float norm_type=2.0, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor');

/**
 * Rows of `weight` (num_embeddings, embedding_dim) looked up by the int64 or int32 indices of
 * `input`: the result has input's shape plus embedding_dim. Its node is EmbeddingBackward0, whose
 * gradient adds g at the rows read, except the padding_idx row, which gets none. With max_norm, the
 * rows read whose norm_type-norm passes it are first scaled to it in weight itself (no_grad, as
 * torch.embedding_renorm_). scale_grad_by_freq and sparse raise NotImplementedError.
 * @example
 * const w = torch.randn([10, 3], { requires_grad: true });
 * F.embedding(torch.tensor([[1, 2], [4, 0]], { dtype: 'int64' }), w).shape; // [2, 2, 3]
 * F.embedding(idx, w, { padding_idx: 0 });                                  // row 0 gets no gradient
 * F.embedding(idx, w, { max_norm: 1 });                                     // rows read renormalised in w
 */
export function embedding(input: Tensor, weight: Tensor, padding_idx?: number | null | { padding_idx?: number | null; max_norm?: number | null;
  norm_type?: number; scale_grad_by_freq?: boolean; sparse?: boolean }): Tensor;
export function embedding(...args: unknown[]): Tensor {
  const a = bind(embeddingSchema, args, null, 'embedding');
  const input = a.input as Tensor, weight = a.weight as Tensor;
  const rows = weight._shape[0];
  let pad = -1;
  if (a.padding_idx !== null) {
    pad = a.padding_idx as number;
    if (pad > 0 && pad >= rows) throw new AssertionError('Padding_idx must be within num_embeddings');
    if (pad < 0 && pad < -rows) throw new AssertionError('Padding_idx must be within num_embeddings');
    if (pad < 0) pad += rows;
  }
  for (const k of ['scale_grad_by_freq', 'sparse'] as const) {
    if (a[k] !== null && a[k] !== false) throw new NotImplementedError(`wasmgrad: embedding(${k}=...) is not supported yet`);
  }
  if (weight._shape.length !== 2) throw new RuntimeError("'weight' must be 2-D");
  if (input._dtype !== DType.Int64 && input._dtype !== DType.Int32) {
    throw new RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; " +
      `but got torch.${input.dtype._scalarType}Tensor instead (while checking arguments for embedding)`);
  }
  deviceOf(input, weight);
  const dev = weight._dev, width = weight._shape[1];
  const idx = dev.read(input.h) as Int32Array;
  const flat = new Int32Array(idx.length * width);
  idx.forEach((v, i) => {
    if (v < 0 || v >= rows) throw new IndexError('index out of range in self');
    for (let j = 0; j < width; j++) flat[i * width + j] = v * width + j;
  });
  if (a.max_norm !== null) renorm(weight, idx, a.max_norm as number, a.norm_type as number);
  const shape = [...input._shape, width];
  const ih = dev.fromData(flat, [flat.length], DType.Int32);
  try {
    return new Tensor(dev, dev.gatherFlat(Op.Embedding, weight.h, null, ih, shape, pad, false), shape, weight._dtype);
  } finally {
    dev.release(ih);
  }
}

const batchNormSchema = parseSchema('batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight=None, ' +
  'Tensor? bias=None, bool training=False, float momentum=0.1, float eps=1e-05) -> Tensor');

/** Each channel's mean and biased variance of x (N, C, *), summed in float64. */
function channelStats(x: Tensor): { mean: Float64Array; variance: Float64Array; count: number } {
  const [N, C] = x._shape, data = x._dev.read(x.h), inner = N * C ? data.length / (N * C) : 0, count = N * inner;
  const mean = new Float64Array(C), variance = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let n = 0; n < N; n++) for (let i = 0, o = (n * C + c) * inner; i < inner; i++, o++) s += data[o];
    const m = s / count;
    let q = 0;
    for (let n = 0; n < N; n++) for (let i = 0, o = (n * C + c) * inner; i < inner; i++, o++) q += (data[o] - m) ** 2;
    mean[c] = m;
    variance[c] = q / count;
  }
  return { mean, variance, count };
}

/**
 * Batch normalization of input (N, C, *) per channel C. In training mode, the batch's mean and biased
 * variance normalize, and running_mean / running_var (when given) are updated in place:
 * (1 − momentum)·running + momentum·batch, with the unbiased variance for running_var, as PyTorch.
 * In eval mode (training false, the default), the running statistics normalize. Its node is
 * NativeBatchNormBackward0 in both modes.
 * @example
 * const rm = torch.zeros([3]), rv = torch.ones([3]);
 * const y = F.batch_norm(torch.randn([4, 3]), rm, rv, null, null, true); // rm, rv updated
 * F.batch_norm(x, rm, rv);                                               // eval: the running statistics
 */
export function batch_norm(input: Tensor, running_mean: Tensor | null, running_var: Tensor | null,
  weight?: Tensor | null | { weight?: Tensor | null; bias?: Tensor | null; training?: boolean; momentum?: number; eps?: number },
  bias?: Tensor | null, training?: boolean, momentum?: number, eps?: number): Tensor;
export function batch_norm(...args: unknown[]): Tensor {
  const a = bind(batchNormSchema, args, null, 'batch_norm');
  const input = a.input as Tensor, training = a.training as boolean, momentum = a.momentum as number, eps = a.eps as number;
  const rm = (a.running_mean ?? null) as Tensor | null, rv = (a.running_var ?? null) as Tensor | null;
  const weight = (a.weight ?? null) as Tensor | null, bias = (a.bias ?? null) as Tensor | null;
  const shape = input._shape;
  // F.batch_norm's _verify_batch_size: size[0] · prod(size[2:]) must not be 1
  if (training && shape.reduce((p, s, i) => (i === 1 ? p : p * s), 1) === 1) {
    throw new ValueError(`Expected more than 1 value per channel when training, got input size torch.Size([${shape.join(', ')}])`);
  }
  const C = shape.length > 1 ? shape[1] : 0;
  if (shape.length < 2) throw new NotImplementedError('wasmgrad: batch_norm needs an input of at least 2 dims (N, C, *)');
  checkFloating(input, 'batch_norm');
  if (!training && (!rm || !rv)) throw new RuntimeError(`running_${rm ? 'var' : 'mean'} must be defined in evaluation mode`);
  for (const [t, name] of [[weight, 'weight'], [bias, 'bias'], [rm, 'running_mean'], [rv, 'running_var']] as const) {
    if (!t) continue;
    if (t.numel() !== C) throw new RuntimeError(`${name} should contain ${C} elements not ${t.numel()}`);
    deviceOf(input, t);
    if (t._dtype !== input._dtype) throw new RuntimeError(`mixed dtype (CPU): expect parameter to have scalar type of ${input.dtype._scalarType}`);
  }
  if (input.numel() === 0) {
    // ATen's _batch_norm_impl_index for an empty input: input.clone() * weight[0] + bias[0]
    const tmp: Tensor[] = [];
    let out = input.clone();
    for (const [t, op] of [[weight, mul], [bias, add]] as const) {
      if (!t) continue;
      const first = t.select(0, 0);
      tmp.push(out, first);
      out = op(out, first);
    }
    for (const t of tmp) t.dispose();
    return out;
  }
  let mean: ArrayLike<number>, invstd: number[];
  if (training) {
    const s = channelStats(input);
    mean = s.mean;
    invstd = Array.from(s.variance, (v) => 1 / Math.sqrt(v + eps));
    if (s.count > 0) {
      // the running statistics, in place (buffers: no graph, no version to watch)
      const m = momentum, n = s.count;
      if (rm) rm._dev.write(rm.h, Array.from(rm._dev.read(rm.h), (r, c) => (1 - m) * r + m * s.mean[c]));
      if (rv) rv._dev.write(rv.h, Array.from(rv._dev.read(rv.h), (r, c) => (1 - m) * r + m * s.variance[c] * n / (n - 1)));
    }
  } else {
    mean = rm!._dev.read(rm!.h);
    invstd = Array.from(rv!._dev.read(rv!.h), (v) => 1 / Math.sqrt(v + eps));
  }
  const dev = input._dev, dt = input._dtype;
  const mh = dev.fromData(Float64Array.from(mean), [C], dt), sh = dev.fromData(Float64Array.from(invstd), [C], dt);
  try {
    return new Tensor(dev, dev.batchNorm(input.h, weight?.h ?? null, bias?.h ?? null, mh, sh, training, rm !== null || rv !== null, eps), shape.slice(), dt);
  } finally {
    dev.release(mh);
    dev.release(sh);
  }
}

const instanceNormSchema = parseSchema('instance_norm(Tensor input, Tensor? running_mean=None, Tensor? running_var=None, ' +
  'Tensor? weight=None, Tensor? bias=None, bool use_input_stats=True, float momentum=0.1, float eps=1e-05) -> Tensor');

/**
 * Instance normalization of input (N, C, *): each (sample, channel) normalized over its own
 * elements, composed as ATen composes it: batch_norm of the input viewed as (1, N·C, *) with the
 * weight, bias and running statistics repeated N times, viewed back (ViewBackward0); each running
 * statistic (updated in training) becomes the mean of its N copies, as ATen's.
 * @example F.instance_norm(torch.randn([2, 3, 5]), null, null, torch.ones([3]), torch.zeros([3]))
 */
export function instance_norm(input: Tensor, running_mean?: Tensor | null | { weight?: Tensor | null; bias?: Tensor | null; eps?: number },
  running_var?: Tensor | null, weight?: Tensor | null, bias?: Tensor | null, use_input_stats?: boolean, momentum?: number, eps?: number): Tensor;
export function instance_norm(...args: unknown[]): Tensor {
  const a = bind(instanceNormSchema, args, null, 'instance_norm');
  const input = a.input as Tensor, shape = input._shape;
  const rm = a.running_mean as Tensor | null, rv = a.running_var as Tensor | null, useInputStats = a.use_input_stats as boolean;
  if (!useInputStats && (!rm || !rv)) throw new RuntimeError('Expected running_mean and running_var to be defined when use_input_stats is false');
  if (shape.length < 2) throw new NotImplementedError('wasmgrad: instance_norm needs an input of at least 2 dims (N, C, *)');
  const [N, C] = shape;
  const tmp: Tensor[] = [];
  const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
  try {
    const x = keep(input.view([1, N * C, ...shape.slice(2)]));
    const rep = (t: unknown): Tensor | null => (t ? keep((t as Tensor).repeat(N)) : null);
    const [rmN, rvN] = [rep(rm), rep(rv)];
    const out = keep(batch_norm(x, rmN, rvN, rep(a.weight), rep(a.bias), useInputStats, a.momentum as number, a.eps as number));
    // ATen: each running statistic becomes the mean over the batch of its N updated copies
    for (const [r, copies] of [[rm, rmN], [rv, rvN]] as const) {
      if (!r || !copies) continue;
      const v = copies._dev.read(copies.h);
      r._dev.write(r.h, Array.from({ length: C }, (_, c) => { let s = 0; for (let n = 0; n < N; n++) s += v[n * C + c]; return s / N; }));
    }
    return out.view(shape.slice());
  } finally {
    for (const t of tmp) t.dispose();
  }
}
