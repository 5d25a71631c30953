// F.embedding_bag (helper ebag): torch.nn.functional's Python wrapper (its argument checks, 2-D
// input as bags of its rows, max_norm's renorm) and ATen's embedding_bag checks, then one op with
// its own node (EmbeddingBagBackward0): the kernels are assembly/ops/embedding_bag.ts and
// src/js/ops/embedding_bag.ts. The front end reads the indices and offsets once and hands the
// devices each entry's bag (−1 for a padding_idx entry, which takes no part).

import { DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { sameShape } from '../shape.js';
import { deviceOf } from '../ops/common.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { no_grad } from '../autograd.js';

const embeddingBagSchema = parseSchema('embedding_bag(Tensor input, Tensor weight, Tensor? offsets=None, float? max_norm=None, ' +
  "float norm_type=2, bool scale_grad_by_freq=False, str mode='mean', bool sparse=False, Tensor? per_sample_weights=None, " +
  'bool include_last_offset=False, int? padding_idx=None) -> Tensor');

const MODES: Record<string, number> = { sum: 0, mean: 1, max: 2 };

export interface EmbeddingBagOptions {
  offsets?: Tensor | null; max_norm?: number | null; norm_type?: number; scale_grad_by_freq?: boolean; mode?: 'sum' | 'mean' | 'max';
  sparse?: boolean; per_sample_weights?: Tensor | null; include_last_offset?: boolean; padding_idx?: number | null;
}

const sizeOf = (t: Tensor): string => `torch.Size([${t._shape.join(', ')}])`;

/** torch.embedding_renorm_ under no_grad: each row `input` reads whose norm passes max_norm is scaled to it. */
export function renorm(weight: Tensor, indices: Iterable<number>, maxNorm: number, normType: number): void {
  const rows = [...new Set(indices)].sort((a, b) => a - b);
  if (rows.length === 0) return;
  no_grad(() => {
    const index = new Tensor(weight._dev, weight._dev.fromData(rows, [rows.length], DType.Int64), [rows.length], DType.Int64);
    const norms = weight.index_select(0, index).norm(normType, 1).dataSync();
    const scales = new Array<number>(weight._shape[0]).fill(1);
    rows.forEach((row, k) => { if (norms[k] > maxNorm) scales[row] = maxNorm / (norms[k] + 1e-7); });
    const s = new Tensor(weight._dev, weight._dev.fromData(scales, [scales.length, 1], weight._dtype), [scales.length, 1], weight._dtype);
    weight.mul_(s);
    s.dispose();
    index.dispose();
  });
}

/**
 * Sums, means or maxima of bags of embedding rows, without the (bags, length, dim) intermediate:
 * `input` (B, L) is B bags of L indices; a 1-D `input` with `offsets` has bag b from offsets[b]
 * to the next offset (`include_last_offset`: offsets ends with the input's length). Options as
 * PyTorch's (mode 'mean' by default; per_sample_weights with 'sum'; padding_idx entries left out;
 * an empty bag gives zeros). EmbeddingBagBackward0: gradients for weight and per_sample_weights.
 * @example F.embedding_bag(torch.tensor([1, 2, 4, 5, 4, 3], { dtype: 'int64' }), weight, torch.tensor([0, 3], { dtype: 'int64' }), { mode: 'sum' })
 */
export function embedding_bag(input: Tensor, weight: Tensor, offsets?: Tensor | null | EmbeddingBagOptions, options?: EmbeddingBagOptions): Tensor;
export function embedding_bag(...args: unknown[]): Tensor {
  const a = bind(embeddingBagSchema, args, null, 'embedding_bag');
  const input = a.input as Tensor, weight = a.weight as Tensor, mode = a.mode as string;
  const offsets = a.offsets as Tensor | null;
  let psw = a.per_sample_weights as Tensor | null;
  // torch.nn.functional.embedding_bag's own checks, in its order
  if (psw && !sameShape(input._shape, psw._shape)) {
    throw new ValueError(`embedding_bag: If per_sample_weights (${sizeOf(psw)}) is not None, then it must have the same shape as the input (${sizeOf(input)})`);
  }
  const nd = input._shape.length;
  if (nd === 2 && offsets) {
    throw new ValueError('if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. ' +
      "However, found offsets of type <class 'torch.Tensor'>");
  }
  if (nd === 1 && !offsets) throw new ValueError('offsets has to be a 1D Tensor but got None');
  if (nd === 1 && offsets!._shape.length !== 1) throw new ValueError('offsets has to be a 1D Tensor');
  if (nd !== 1 && nd !== 2) throw new ValueError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${nd}`);
  if (!(mode in MODES)) throw new ValueError('mode has to be one of sum, mean or max');
  if (mode === 'max' && a.scale_grad_by_freq) throw new ValueError('max mode does not support scaling the gradient by the frequency');
  if (mode === 'max' && a.sparse) throw new ValueError('max mode does not support sparse weights');
  if (input._dtype !== DType.Int64 && input._dtype !== DType.Int32) {
    throw new RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; " +
      `but got torch.${input.dtype._scalarType}Tensor instead (while checking arguments for embedding_bag)`);
  }
  // the (B, L) form: offsets 0, L, 2L, ... (torch.arange's error for L = 0)
  if (nd === 2 && input._shape[1] === 0) throw new RuntimeError('step must be nonzero');
  deviceOf(input, weight);
  if (offsets) deviceOf(input, offsets);
  if (psw) deviceOf(weight, psw);
  const dev = weight._dev, rows = weight._shape[0];
  const idx = Int32Array.from(dev.read(input.h));
  if (a.max_norm !== null) renorm(weight, idx, a.max_norm as number, a.norm_type as number);
  if (psw && mode !== 'sum') {
    throw new NotImplementedError(`embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`);
  }
  if (a.sparse) throw new NotImplementedError('wasmgrad: embedding_bag(sparse=True) is not supported (wasmgrad has no sparse tensors); use sparse=False');
  const typeName = (t: Tensor): string => `torch.${t.dtype._scalarType}Tensor`;
  if (weight._dtype !== DType.Float32 && weight._dtype !== DType.Float64) {
    throw new RuntimeError("Expected tensor for argument #1 'weight' to have one of the following scalar types: Half, Float, Double; " +
      `but got ${typeName(weight)} instead (while checking arguments for embedding_bag)`);
  }
  if (psw && psw._dtype !== weight._dtype) {
    throw new RuntimeError("Expected tensor for argument #1 'weight' to have the same type as tensor for argument #1 'per_sample_weights'; " +
      `but type ${typeName(weight)} does not equal ${typeName(psw)} (while checking arguments for embedding_bag)`);
  }
  if (weight._shape.length !== 2) throw new RuntimeError("'weight' must be 2-D");
  // ATen's embedding_bag: padding_idx in [−rows, rows), negative counted from the end
  let pad = -1;
  if (a.padding_idx !== null) {
    pad = a.padding_idx as number;
    if (pad < -rows || pad >= rows) throw new RuntimeError(`padding_idx must be within the number of embeddings, -${rows} through ${rows - 1}, but got ${pad}`);
    if (pad < 0) pad += rows;
  }
  const n = idx.length, L = nd === 2 ? input._shape[1] : 0;
  const off = offsets ? Array.from(dev.read(offsets.h)) : Array.from({ length: input._shape[0] }, (_, b) => b * L);
  const include = a.include_last_offset as boolean;
  if (include && off.length < 1) throw new RuntimeError('include_last_offset: number of offset should be at least 1');
  if (off.length > 0 && off[0] !== 0) {
    throw new RuntimeError(`offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got ${off[0]}`);
  }
  if (off.length > 0 && off[off.length - 1] > n) {
    throw new RuntimeError(`offsets[-1] can not be greater than input's length ${n} but got offsets[-1] of ${off[off.length - 1]}`);
  }
  const bad = idx.find((v) => v < 0 || v >= rows);
  if (bad !== undefined) throw new RuntimeError(`embedding_bag: Expected idx >= 0 && idx < num_embeddings but found idx to be ${bad}`);
  const nbags = include ? off.length - 1 : off.length;
  const bags = new Int32Array(n).fill(-1);
  for (let b = 0; b < nbags; b++) {
    const end = b + 1 < off.length ? off[b + 1] : n;
    for (let i = off[b]; i < end; i++) if (idx[i] !== pad) bags[i] = b;
  }
  const given = psw;
  if (psw && nd === 2) psw = psw.reshape(-1);
  const ih = dev.fromData(idx, [n], DType.Int32), bh = dev.fromData(bags, [n], DType.Int32);
  try {
    const out = dev.embeddingBag(weight.h, ih, bh, psw ? psw.h : null, nbags, MODES[mode], a.scale_grad_by_freq ? 1 : 0);
    return new Tensor(dev, out, [nbags, weight._shape[1]], weight._dtype);
  } finally {
    dev.release(ih);
    dev.release(bh);
    if (psw && psw !== given) psw.dispose();
  }
}
