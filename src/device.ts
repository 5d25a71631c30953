// The contract between the PyTorch-style front end (tensor.ts, ops/) and a
// device. A device owns tensor storage, the tape and the backward sweep; the
// front end owns argument parsing, shapes and errors, and has validated every
// call before it reaches a device, so devices never see bad input.
//
// Handles are opaque: a tensor id (number) on the wasm device, an object on the
// js device. Every method that returns a handle returns a new reference, which
// the front end's Tensor owns and gives back with release().

import type { Op, DType } from '../abi/abi.js';
import type { Shape } from './shape.js';

export type Handle = number | object;
/** A record of a device's tape (an autograd node): an address (wasm) or an object (js). */
export type NodeRef = number | object;

/** One recorded input of a node: the node that made it, or the leaf itself, or neither (no grad). */
export interface NodeInput {
  producer: NodeRef | null;
  /** the leaf (AccumulateGrad's variable), a handle the node holds: retain() it to keep it */
  leaf: Handle | null;
  /** the input's shape */
  shape: number[];
}

/** A tensor's elements: Float32Array (float32), Float64Array (float64), Int32Array (int64, int32, bool as 0/1). */
export type Data = Float32Array | Float64Array | Int32Array;
export type DeviceName = 'wasm' | 'js';

export interface MemoryInfo {
  /**
   * wasm: tensors alive on the device (including gradients and saved tensors).
   * js: tensors the front end holds, not yet disposed (the garbage collector frees the rest).
   */
  numTensors: number;
  /** Bytes of tensor data of those tensors (js: -1). */
  numBytes: number;
  /** Records alive on the tape (js: -1, the garbage collector keeps them). */
  numRecords: number;
  /** wasm only: bytes of linear memory (grows, never shrinks). */
  wasmMemoryBytes?: number;
  /** wasm only: bytes the allocator has handed out and not had back. */
  heapBytesInUse?: number;
  /**
   * wasm only: bytes of linear memory that hold no tensor and that later allocations of
   * any large size reuse (freed blocks, and memory not yet handed out). Linear memory
   * cannot shrink, so this is where freed memory goes.
   */
  reusableBytes?: number;
}

export interface Backend {
  readonly name: DeviceName;

  // ---- storage ----
  fromData(data: ArrayLike<number>, shape: Shape, dtype: DType): Handle;
  full(shape: Shape, value: number, dtype: DType): Handle;
  /** A copy of the elements (see Data). */
  read(h: Handle): Data;
  /** Overwrites the elements in place (optimizers, no_grad updates). */
  write(h: Handle, data: ArrayLike<number>): void;
  /** A new tensor with the same data, detached from the graph. */
  copy(h: Handle): Handle;
  shapeOf(h: Handle): number[];
  dtypeOf(h: Handle): DType;
  retain(h: Handle): void;
  release(h: Handle): void;

  // ---- autograd state ----
  /**
   * Moves r's values (same shape and dtype) into x, bumps x's version, and makes r's node, if
   * any, x's grad_fn: the end of every in-place op (src/ops/inplace.ts). The caller releases r.
   */
  inplaceCommit(x: Handle, r: Handle): void;
  /** Bumps x's version counter after its values were written in place some other way. */
  bumpVersion(x: Handle): void;
  /** PyTorch's `_version`: how many times x was changed in place. */
  version(h: Handle): number;
  requiresGrad(h: Handle): boolean;
  setRequiresGrad(h: Handle, on: boolean): void;
  /** The op that made h, or Op.None for a leaf. */
  gradFnOp(h: Handle): Op;
  /** A new reference to h's .grad, or null. */
  grad(h: Handle): Handle | null;
  setGrad(h: Handle, g: Handle | null): void;
  /** The node that made h, or null for a leaf; alive while h is. */
  gradFnNode(h: Handle): NodeRef | null;
  /** The op a node records. */
  nodeOp(node: NodeRef): Op;
  /** A node's inputs in the order the op took them (grad_fn.next_functions is built from them). */
  nodeInputs(node: NodeRef): NodeInput[];
  /** The shape of the tensor a node made. */
  nodeShape(node: NodeRef): number[];
  /** A node's integer parameters i0, i1 (which optional inputs it took, a size): read for grad_fn's drawing. */
  nodeInts(node: NodeRef): [number, number];
  retainGrad(h: Handle): void;
  setGradEnabled(on: boolean): void;
  /** Whether this device records ops now (during a backward sweep: its create_graph). */
  isGradEnabled(): boolean;
  /** torch.autograd.set_detect_anomaly: backward checks every gradient a node returns for NaN. */
  setDetectAnomaly(on: boolean): void;
  /**
   * torch.autograd.Function: a copy of `out` made by a new CustomFunction node over `inputs`,
   * keeping `saved` (at most 4), its own output's values with `savesOutput`, and `serial` (its i0), by which src/custom_backward.ts's host
   * finds the Function's backward when the sweep reaches the node.
   */
  customRecord(out: Handle, inputs: Handle[], saved: Handle[], serial: number, savesOutput: boolean): Handle;
  /** A CustomFunction node's output as its backward sees it (a new reference): under create_graph, the node's output again (PyTorch's saved output). */
  nodeResult(node: NodeRef): Handle;
  /** New references to the tensors a node saved (a CustomFunction's saved_tensors). */
  nodeSaved(node: NodeRef): Handle[];
  /** Marks h as having hooks (Tensor.register_hook): the sweep calls src/custom_backward.ts's tensorHook for its gradient. */
  setHasHooks(h: Handle, on: boolean): void;
  // ---- saved-tensor hooks (helper autograd; src/saved_tensors_hooks.ts) ----
  /** While on, the records made are marked for packing. */
  setPacking(on: boolean): void;
  /**
   * A record marked for packing: marks it packed under `serial` and hands over its saved slots
   * (the references pass to the caller; null for an empty slot) and whether its rule reads its
   * output. null for any other record. The sweep calls src/custom_backward.ts's unpackSaved
   * before the rule of a packed record.
   */
  packSaved(node: NodeRef, serial: number): { saved: (Handle | null)[]; savesOutput: boolean } | null;
  /** Puts h (what unpack_hook returned) in saved slot k of node, with a reference of the node's own. */
  unpackedSaved(node: NodeRef, k: number, h: Handle): void;
  /** The serial node's saves were packed under (0: none). */
  packSerial(node: NodeRef): number;
  /**
   * Runs the backward sweep in one go from the roots (seeds null = ones).
   * Without `accumulate`, returns the gradients of `inputs` (autograd.grad),
   * null where unused. With it, adds into .grad: of every leaf, or with
   * `inputs` (backward(inputs=...)) only into theirs, and returns nulls.
   */
  backward(
    roots: Handle[], seeds: (Handle | null)[], inputs: Handle[],
    retainGraph: boolean, accumulate: boolean, createGraph: boolean,
  ): (Handle | null)[];

  // ---- ops (validated by the front end) ----
  binary(op: Op, a: Handle, b: Handle, alpha: number): Handle;
  unary(op: Op, a: Handle): Handle;
  /** a (op) c; clamp takes (min, max) with NaN meaning none. */
  scalar(op: Op, a: Handle, c: number, c2: number, c3?: number): Handle;
  /** Op.Sum/SumDim/Mean/MeanDim over the dims in mask. */
  sum(op: Op, a: Handle, mask: number, keepdim: boolean): Handle;
  amax(a: Handle, mask: number, keepdim: boolean): Handle;
  /** amin over mask (helper leftovers): AminBackward0. */
  amin(a: Handle, mask: number, keepdim: boolean): Handle;
  /** Op.MaxAll (the default) or Op.MinAll. */
  maxAll(a: Handle, op?: Op): Handle;
  /** [values, int64 indices] */
  maxDim(a: Handle, dim: number, keepdim: boolean, op?: Op): [Handle, Handle];
  logsumexp(a: Handle, mask: number, keepdim: boolean): Handle;
  // reductions 2
  /** Op.Prod/ProdDim/... over the dims in mask; p is the op's number, flag 1 when no dim was given. */
  reduce2(op: Op, a: Handle, mask: number, keepdim: boolean, p: number, flag: number): Handle;
  /** Op.Softmax or Op.LogSoftmax along dim; keepProbs: a float32 log_softmax over rows also keeps its softmax for the backward (cross_entropy). */
  softmax(op: Op, a: Handle, dim: number, keepProbs?: boolean): Handle;
  /** view/reshape/flatten/squeeze/unsqueeze/UnsafeView: same data, new shape; `op` names the node. */
  view(op: Op, a: Handle, shape: Shape): Handle;
  expand(a: Handle, shape: Shape): Handle;
  /** out dim i = a's dim perm[i]; `op` is Permute, Transpose or T. */
  permute(op: Op, a: Handle, perm: readonly number[]): Handle;
  /** Op.Select (x[..., start, ...]: length ignored) or Op.Slice (start, length, step along dim), copied. */
  slice(op: Op, a: Handle, dim: number, start: number, length: number, step: number): Handle;
  // shape and indexing 2
  /**
   * out (shape, a's dtype) with out[i] = a[index[i]] (flat int32 index, validated), or `fill`
   * where index[i] < 0; `sum` (trace): the sum of the elements read. `value`: masked_fill's value
   * tensor (Op.MaskedFill1), an input of the node. The node keeps the index.
   */
  gatherFlat(op: Op, a: Handle, value: Handle | null, index: Handle, shape: Shape, fill: number, sum: boolean): Handle;
  /**
   * A copy of a with src[j] written (accumulate: alpha·src[j] added) at a's flat position
   * index[j] (an int32 tensor of src's numel, validated; < 0 skips src[j]). a and src are the
   * node's inputs; it keeps the index.
   */
  scatterFlat(op: Op, a: Handle, src: Handle, index: Handle, accumulate: boolean, alpha: number): Handle;
  // convolution and pooling (helper conv)
  /** F.conv1d / F.conv2d of dense x, w (+ bias); p = [sh, sw, ph, pw, dh, dw, groups] (ConvolutionBackward0). */
  convolution(x: Handle, w: Handle, bias: Handle | null, p: readonly number[]): Handle;
  /** F.conv_transpose1d / 2d of dense y, w (+ bias): p = conv's seven parameters, then the output's shape (helper convt). */
  convolutionTranspose(y: Handle, w: Handle, bias: Handle | null, p: readonly number[]): Handle;
  /** F.unfold (Op.Im2Col) / F.fold (Op.Col2Im); p = [kh, kw, dh, dw, ph, pw, sh, sw, fold's h, w] (helper convt). */
  foldOp(op: Op, x: Handle, p: readonly number[]): Handle;
  /**
   * The pools by op code over the last two dims (max_pool2d, avg_pool2d, adaptive_avg/max_pool2d) or three
   * (max_pool3d, avg_pool3d); p = [kd, kh, kw, sd, sh, sw, pd, ph, pw, dd, dh, dw, count_include_pad,
   * divisor_override, OD, OH, OW] (a 2-D pool: depth 1): [output, indices (max ops) or null].
   */
  pool(op: Op, x: Handle, p: readonly number[]): [Handle, Handle | null];
  /** F.max_unpool2d/3d (helper pool2; op MaxUnpool2D or MaxUnpool3D): zeros of `shape` with x's values at the flat positions `flat` (int32, x's shape, in range). */
  maxUnpool(op: Op, x: Handle, flat: Handle, shape: Shape): Handle;
  /** torch.scatter_reduce (helper leftovers): index as scatterFlat's; mode 0 sum, 1 prod, 2 mean, 3 amax, 4 amin. */
  scatterReduce(a: Handle, src: Handle, index: Handle, mode: number, includeSelf: boolean): Handle;
  // sorting and order statistics
  /**
   * Op.Sort/Topk/Kthvalue/MedianDim/NanmedianDim/Mode along dim, or Op.MedianAll/NanmedianAll
   * over every element: [values, int64 indices], as PyTorch's CPU kernels choose them. k: topk's
   * or kthvalue's k; flags: sort's descending (1) and stable (2), topk's largest (1) and sorted (2).
   */
  sortSelect(op: Op, a: Handle, dim: number, k: number, flags: number, keepdim: boolean): [Handle, Handle];
  /** Op.Cat, or Op.Stack (a new dim of size n at dim). */
  cat(op: Op, hs: Handle[], dim: number): Handle;
  /** Op.Mm, Op.Bmm, Op.Mv or Op.Dot. */
  matmul(op: Op, a: Handle, b: Handle): Handle;
  /** x·wᵀ + bias for 2-D x (AddmmBackward0). */
  linear(x: Handle, w: Handle, bias: Handle | null): Handle;
  mseLoss(input: Handle, target: Handle, reduction: number): Handle;
  /** losses 2: Op.SmoothL1Loss (p = beta > 0), Op.HuberLoss (p = delta > 0), Op.SoftMarginLoss; same shapes and dtype. */
  pointwiseLoss(op: Op, input: Handle, target: Handle, reduction: number, p: number): Handle;
  /** multi_margin_loss: input (N, C), (C,) or 0-d, int64 targets in range, weight (C) or null, p 1 or 2. */
  multiMarginLoss(input: Handle, target: Handle, weight: Handle | null, p: number, margin: number, reduction: number): Handle;
  /**
   * embedding_bag (helper ebag): weight (V, D), indices (n) int in [0, V), bags (n) int: entry i's bag in
   * [0, nbags) or −1 (padding entry); psw (n) in weight's dtype or null; mode 0 sum, 1 mean, 2 max. (nbags, D).
   */
  embeddingBag(weight: Handle, indices: Handle, bags: Handle, psw: Handle | null, nbags: number, mode: number, scaleGradByFreq: number): Handle;
  /**
   * ctc_loss's per-sample losses (helper ebag): logProbs (T, N, C) contiguous, targets int labels, meta (N, 3) int:
   * input length, target length, first label's offset; maxTarget the longest target. (N).
   */
  ctcLoss(logProbs: Handle, targets: Handle, meta: Handle, maxTarget: number, blank: number, zeroInfinity: number): Handle;
  /** multilabel_margin_loss: input (N, C), (C,) or 0-d, int64 target of input's numel, classes in [−1, C). */
  multilabelMarginLoss(input: Handle, target: Handle, reduction: number): Handle;
  /** weight: of input's shape and dtype, or null. */
  binaryCrossEntropy(input: Handle, target: Handle, reduction: number, weight: Handle | null): Handle;
  /** Whether every element of a float tensor lies in [0, 1] (NaN does not): binary_cross_entropy's check. */
  allProbabilities(input: Handle): boolean;
  binaryCrossEntropyWithLogits(input: Handle, target: Handle, reduction: number, weight: Handle | null, posWeight: Handle | null): Handle;
  /** weight: (C) class weights in the input's dtype, or null. */
  nllLoss(input: Handle, target: Handle, reduction: number, ignoreIndex: number, weight: Handle | null): Handle;
  // ternary and linalg 2
  /** The shape of a node's saved tensor k (where's condition), or null once freed. */
  savedShape(node: NodeRef, k: number): number[] | null;
  /**
   * Op.Where (a: the bool condition), Op.LerpTensor, Op.Addcmul, Op.Addcdiv (value scales b·c, b/c):
   * a, b and c broadcast to `shape`.
   */
  ternary(op: Op, a: Handle, b: Handle, c: Handle, value: number, shape: Shape): Handle;
  /** beta·self + alpha·(a·b) for Op.Addmv, Op.Baddbmm, Op.Addbmm (the batch summed); self broadcasts, ignored when beta is 0. */
  addProduct(op: Op, self: Handle, a: Handle, b: Handle, beta: number, alpha: number): Handle;
  /** F.glu along dim (even-sized): the first half times the sigmoid of the second (GluBackward0). */
  glu(a: Handle, dim: number): Handle;
  /** linalg.cross along dim (size 3 in both), a and b broadcast to `shape` (LinalgCrossBackward0). */
  cross(a: Handle, b: Handle, dim: number, shape: Shape): Handle;
  /** The p-norm (p > 0, or inf) over the dims in mask (NormBackward1). */
  norm(a: Handle, p: number, mask: number, keepdim: boolean): Handle;
  /** The p-norm distances [...batch, P, R] (`shape`) between the rows of a [..., P, M] and b [..., R, M] (CdistBackward0). */
  cdist(a: Handle, b: Handle, p: number, shape: Shape): Handle;
  /** The inverses of a's matrices, and 0 or k + (n + 1)·b for zero pivot k (1-based) of batch element b (the caller frees the result then). */
  linalgInv(a: Handle): [Handle, number];
  /**
   * The singular values [..., min(m, n)] of a's m×n matrices, descending (LinalgSvdBackward0, saving U
   * and Vh; helper svd), and 0 or 1 + b for batch element b with a NaN (the caller frees the result then).
   */
  linalgSvdvals(a: Handle): [Handle, number];
  /** a's values as float dtype `dtype` (a float input), recorded as Op.ToCopy over a: t.to(torch.float64) (helper h-autograd). */
  toDtype(a: Handle, dtype: DType): Handle;

  // ---- nn normalization and embedding (helper nnnorm, src/nn/functional.ts) ----
  /** F.layer_norm over the last dims holding n elements; weight and bias of n elements or null (NativeLayerNormBackward0). */
  layerNorm(a: Handle, weight: Handle | null, bias: Handle | null, n: number, eps: number): Handle;
  /**
   * F.batch_norm of a (N, C, *) given each channel's mean and invstd (C elements, a's dtype) (NativeBatchNormBackward0);
   * `running`: F.batch_norm was given running statistics (the node notes it, as PyTorch's saves them);
   * `eps`: the node keeps it, for create_graph to recompute invstd from a.
   */
  batchNorm(a: Handle, weight: Handle | null, bias: Handle | null, mean: Handle, invstd: Handle, training: boolean, running: boolean,
    eps: number): Handle;
  /** F.group_norm of a (N, C, *): rows of n elements (one group's channels), hw elements per channel; weight and bias of C elements or null (NativeGroupNormBackward0). */
  groupNorm(a: Handle, weight: Handle | null, bias: Handle | null, n: number, hw: number, eps: number): Handle;

  // ---- any dtype (src/ops/compare.ts, src/ops/promote.ts): never recorded ----
  /** Op.Eq … Op.Ge, Op.LogicalAnd/Or/Xor, broadcasting; a and b of one dtype (any); a bool result. */
  compare(op: Op, a: Handle, b: Handle): Handle;
  /** Op.Add/Sub/Mul (alpha scales b), broadcasting, of one integer or bool dtype; the same dtype. Raises past int32. */
  intBinary(op: Op, a: Handle, b: Handle, alpha: number): Handle;
  /** The sum over the dims in mask of an integer or bool tensor: int64. Raises past int32. */
  intSum(a: Handle, mask: number, keepdim: boolean): Handle;

  // ---- scans (src/ops/scan.ts) ----
  /**
   * Op.Cumsum/Cumprod/Cummax/Cummin/Logcumsumexp along dim (0 for a 0-d tensor), any dtype:
   * [a tensor of a's shape and dtype, cummax/cummin's int64 indices or null]. Integer and bool
   * tensors are never recorded; their cumsum and cumprod raise past int32.
   */
  scan(op: Op, a: Handle, dim: number): [Handle, Handle | null];

  // ---- optimizers: in-place updates, never recorded ----
  sgdStep(p: Handle, grad: Handle, buf: Handle | null, o: SgdParams): void;
  /** vmax: amsgrad's running maximum of v (null without amsgrad) */
  adamStep(p: Handle, grad: Handle, m: Handle, v: Handle, vmax: Handle | null, o: AdamParams): void;

  memory(): MemoryInfo;
  /** How many references hold h (wasm; the js device leaves this to the garbage collector). */
  refCount?(h: Handle): number;
  /** Counts a handle the front end takes (+1) or gives back (-1), where the device cannot see it (js). */
  noteHeld(delta: 1 | -1): void;
}

export interface SgdParams {
  lr: number; momentum: number; dampening: number; weight_decay: number; nesterov: boolean; maximize: boolean;
  /** true on the first step with momentum: the buffer is set to the gradient rather than updated */
  firstStep: boolean;
}

export interface AdamParams {
  lr: number; beta1: number; beta2: number; eps: number; weight_decay: number; step: number;
  maximize: boolean;
}
