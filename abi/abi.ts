// This file is shared with the AssemblyScript build and must remain portable:
// it is compiled by both `asc` (assembly/ imports it) and `tsc` (src/ imports it),
// so the op codes, layout offsets and error codes can never drift apart.
// Plain enums only: no imports, no types that only one compiler knows.

/**
 * Every recorded operation. Each code has one row in the op table
 * (src/ops/table.ts), from which its kernels, derivative and PyTorch `grad_fn`
 * name are generated. The code is stored in each tape record. Several codes
 * share one kernel but carry PyTorch's distinct node names (AddBackward0,
 * SubBackward0). Codes are internal: they may be renumbered.
 */
export enum Op {
  None = 0,
  // binary, broadcasting (a, b); s0 = alpha for add/sub
  Add, Sub, Mul, Div, Pow, Maximum, Minimum,
  // tensor (op) scalar s0; Rsub is s0 - x, Rpow is s0 ** x
  AddScalar, SubScalar, MulScalar, DivScalar, PowScalar, Rsub, Rpow, Clamp,
  // unary
  Neg, Exp, Log, Sqrt, Abs, Sigmoid, Tanh, Relu,
  Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Asinh, Acosh, Atanh, Exp2, Expm1, Log1p, Log2, Log10,
  Rsqrt, Reciprocal, Sign, Sgn, Floor, Ceil, Round, Trunc, Frac, Erf, Erfc,
  Silu, Mish, LogSigmoid, Hardsigmoid, Hardswish, Selu, Gelu, GeluTanh,
  // tensor and numbers c, c2
  LeakyRelu, Hardtanh, Elu, Celu, Hardshrink, Softshrink, Threshold, Softplus, FmodScalar, RemainderScalar,
  XlogySelfScalar, XlogyScalar, RoundDecimals, RemainderSelfScalar,
  // binary, broadcasting
  Atan2, Hypot, Fmod, Remainder, Xlogy, Logaddexp, Copysign, ClampMinTensor, ClampMaxTensor,
  ClampMin, ClampMax, CopysignScalar, Deg2rad, Rad2deg, Sinc, Logit,
  // reductions; i0 = dims bitmask, i1 = keepdim
  Sum, SumDim, Mean, MeanDim, Amax, MaxAll, MaxDim, Logsumexp, MinAll, MinDim,
  Prod, ProdDim, Var, Std, VarMean, StdMean, Nansum, Norm, VectorNorm, Aminmax, // reductions 2
  // softmax family; i0 = dim
  Softmax, LogSoftmax,
  // shape; the view-like ones differ only in their node names
  View, Reshape, Squeeze, SqueezeDim, Squeeze3, Unsqueeze, Flatten, Clone, Permute, Transpose, T, Expand, Cat, Stack,
  Select, Slice,
  Flip, IndexSelect, Gather, Take, MaskedFill, MaskedFill1, MaskedSelect,
  Tril, Triu, Diagonal, Diag, Trace, Roll, Repeat, Split, SplitWithSizes, Unbind, Rot90, DiagEmbed, ConstantPadNd,
  Scatter, Scatter1, ScatterAdd, IndexAdd, IndexCopy, MaskedScatter, IndexFill, IndexFill1, Index, IndexPut, // shape and indexing 2
  // linear algebra
  Mm, Bmm, Mv, Dot, Addmm, UnsafeView,
  Where, Lerp, LerpTensor, Addcmul, Addcdiv, Addmv, Baddbmm, Addbmm, Glu, LinalgCross, NormDim, Cdist, CopyBackwards, // ternary and linalg 2
  // losses; i0 = reduction
  MseLoss, BinaryCrossEntropy, BinaryCrossEntropyWithLogits, NllLoss,
  // t.to(other device): the copy on the other device, over a leaf that stands for t (src/crossing.ts)
  ToCopy,
  // comparisons and logical ops (never recorded: their results are bool); binary broadcasting or with scalar s0
  Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, LogicalXor, LogicalNot,
  Cumsum, Cumprod, Cummax, Cummin, Logcumsumexp, // scans; i0 = dim
  // sorting and order statistics (helper sortops): src/ops/sort.ts
  Sort, SortStable, Topk, Kthvalue, MedianAll, MedianDim, NanmedianAll, NanmedianDim, Mode, Unique2,
  Erfinv, Lgamma, Digamma, NanToNum, // special functions (helper special)
  BitwiseAnd, BitwiseOr, BitwiseXor, BitwiseLeftShift, BitwiseRightShift, // bitwise ops of integers and bools, never recorded (helper special)
  LinalgInv, // linalg.inv, matrix_power with n < 0 (assembly/ops/linalg_more.ts)
  Convolution, MaxPool2DWithIndices, AvgPool2D, AdaptiveAvgPool2D, // convolution and pooling (helper conv)
  LayerNorm, Embedding, BatchNorm, // nn normalization and embedding (helper nnnorm)
  ScatterReduce, // scatter_reduce (helper leftovers)
  ReflectionPad1d, ReflectionPad2d, ReflectionPad3d, ReplicationPad1d, ReplicationPad2d, ReplicationPad3d, CircularPad, // F.pad modes (helper leftovers)
  Amin, // amin over dims for linalg.matrix_norm (helper leftovers): the amax kernel on −x, amax's rule
  Bernoulli, // torch.bernoulli (helper leftovers): a copy of the input whose values the front end writes
  CustomFunction, // torch.autograd.Function: a JS backward the sweep calls out to (src/autograd_function.ts)
  SetSlices, SetWhole, Zero, Fill, UniqueDim, // unique(dim) (UniqueDimBackward0, not differentiable); x[...] = value through a view (node CopySlices) or into the whole tensor (copy_, node CopyBackwards): index_put's kernel and rule; zero_ and fill_ under autograd
  GroupNorm, // F.group_norm (helper normdrop): native_group_norm, layer norm's kernel with per-channel weight and bias
  LinalgSvd, // linalg.svdvals and the matrix norms 'nuc', ±2 (helper svd): assembly/ops/svd.ts, saves U and Vh
  SmoothL1Loss, HuberLoss, SoftMarginLoss, // losses 2 (helper losses): fused like MseLoss; s1 = beta or delta
  MultiMarginLoss, // losses 2: s0 = margin, s1 = p, i0 = reduction, i1 = weight given
  MultilabelMarginLoss, // losses 2: i0 = reduction
  FusedBackward, // a fused backward kernel recorded under create_graph (src/ops/table.ts backwardKernels)
  NllLoss2d, // nll_loss of (N, C, H, W) inputs (helper lossidx): NllLoss's kernel and rule over the spatial positions
  Alias, AsStrided, // views that alias their base (src/alias.ts): x[...] (AliasBackward0); torch.as_strided, and a view read again after its base changed (AsStridedBackward0)
  Im2Col, Col2Im, // F.unfold / F.fold (helper convt): i0 = kh | kw << 16, i1 = sh | sw << 16, s0 = ph + pw·65536, s1 = dh + dw·65536
  ConvolutionTranspose, ConvolutionWeight, // conv_transpose1d/2d (ConvolutionBackward0) and conv's weight gradient as an op (create_graph) (helper convt)
  MaxPool3DWithIndices, AvgPool3D, AdaptiveMaxPool2D, MaxUnpool2D, // pooling 2 (helper pool2): assembly/ops/pool.ts
  EmbeddingBag, // F.embedding_bag (helper ebag): saved indices, bags, weight, per_sample_weights or max rows; i0 = mode, i1 = scale_grad_by_freq
  CtcLoss, // F.ctc_loss (helper ebag): per-sample nll; saved log_probs, targets, lengths and log_alpha; i0 = blank, i1 = zero_infinity
  AdaptiveMaxPool3D, MaxUnpool3D, // F.adaptive_max_pool3d (the pool kernel's adaptive windows over three dims), F.max_unpool3d (max_unpool's kernel) (helper nnrest)
  I0, SpecialI0e, SpecialI1, SpecialI1e, SpecialEntr, SpecialErfcx, SpecialLogNdtr, SpecialNdtri, SpecialXlog1py, SpecialXlog1pySelfScalar, SpecialXlog1pyScalar, // torch.i0 and torch.special (helper h-special)
  Fmax, Fmin, Logaddexp2, // binary, broadcasting: torch.fmax, fmin, logaddexp2 (helper h-numeric)
  Polygamma, PolygammaInplace, // torch.polygamma(n, x) and x.polygamma_(n) (PyTorch's PolygammaBackward1): c = n (helper h-cg)
  NoDerivative, // PyTorch's NotImplemented node over a gradient whose own derivative PyTorch lacks (margin losses, ctc_loss, embedding_bag): i0 names it
  DivTrunc, DivFloor, // div's rounding_mode 'trunc' and 'floor' (DivBackward2, zero gradients); integers: assembly/kernels/typed.ts
  DiagonalScatter, SelectScatter, SliceScatter, TensorUnfold, UnsafeSplit, UnsafeSplitWithSizes, Put, // shape members (helper h-shape): src/ops/shape_members.ts
  T1, Transpose1, Squeeze2, Unsqueeze1, AsStrided1, // the in-place view ops' nodes (t_, transpose_, squeeze_, unsqueeze_, as_strided_; helper h-shape)
  EluResult, SeluResult, CeluResult, LeakyReluResult, ThresholdInplace, // F.elu_, F.selu_, F.celu_, F.leaky_relu_ (their derivative from the result, EluBackward1...) and F.threshold_ (ThresholdBackward1) (helper h-nnfill)
  Angle, // torch.angle of a real tensor: 0, π for negatives, NaN kept (AngleBackward0, zero gradient) (helper h-members)
  Igamma, Igammac, SpecialZeta, SpecialZetaSelfScalar, SpecialZetaScalar, // torch.igamma / igammac, torch.special.zeta and its number-first and number-second forms (helper h-special)
  Count,
}

/** The backward functions PyTorch cannot differentiate, as Op.NoDerivative's i0 (src/errors.ts has their names). */
export enum NoDerivativeOf { MultiMarginLoss = 0, MultilabelMarginLoss = 1, CtcLoss = 2, EmbeddingBagDense = 3, EmbeddingBagPerSampleWeights = 4, ScatterReduceZeros = 5,
  IgammaInput = 6, IgammacInput = 7, Zeta = 8 } // derivatives.yaml's not_implemented("...") inputs (helper h-special)

/** Loss reductions, as PyTorch numbers them (at::Reduction). */
export enum Reduction { None = 0, Mean = 1, Sum = 2 }

/**
 * Element types. Storage: float32 4 bytes, float64 8 bytes, int64 and int32 as
 * 4-byte int32 (an int64 value beyond int32 raises; see docs/api.md), bool as a
 * 4-byte int32 that is 0 or 1 (so integer kernels serve it).
 */
export enum DType { Float32 = 0, Int64 = 1, Float64 = 2, Int32 = 3, Bool = 4 }

/** Flag bits of a tensor slot. */
// HasHooks: Tensor.register_hook gave it a hook, which the sweep calls out to run
export enum TensorFlag { RequiresGrad = 1, RetainsGrad = 2, Live = 4, HasHooks = 8 }

/**
 * Tensor slot layout (bytes), one 64-byte slot per tensor id in the tensor table.
 * See the box diagram in assembly/tensors.ts.
 */
export enum Slot {
  Data = 0, Numel = 4, Ndim = 8, DType = 9, Flags = 10, Grad = 12, GradFn = 16,
  Refs = 20, Shape = 24, Capture = 56, Version = 60, Size = 64,
}

/** The most dimensions a tensor may have (shape lives inline in the slot). */
/** MaxNumel: elements of one tensor, 4 bytes each in a 32-bit address space (both devices keep it; float64 halves it). */
export enum Limits { MaxDims = 8, MaxNumel = 0x3fffffff }

/** Record layout (bytes): see the box diagram in assembly/tape.ts. */
export enum Rec {
  Op = 0, NIn = 2, Flags = 3, Refs = 4, Out = 8, GradAcc = 12, Deps = 16, OutData = 20,
  S0 = 24, S1 = 32, I0 = 40, I1 = 44, Saved = 48, NSaved = 4,
  OutNdim = 64, OutDtype = 65, Packed = 66, OutShape = 68, SavedVersion = 100, OutVersion = 116, Bumps = 120, Inputs = 124,
  // per input
  InProducer = 0, InLeaf = 4, InNeedsGrad = 8, InNdim = 9, InShape = 12, InSize = 48,
}

/** Rec.Packed (u16): 0, a record made while saved-tensor hooks were on (not yet packed), or the serial of its packed saves (helper autograd). */
export enum PackState { None = 0, Pending = 0xffff }

export enum RecFlag { Freed = 1, HasSaved = 2, Visited = 4, Ready = 8, SavesOut = 16, OwnsOut = 32, OutModified = 64, SavedOutput = 128 }

/** Error codes returned by exported functions (negative ids); TS turns them into PyTorch's messages. */
export enum Err {
  Ok = 0,
  OutOfMemory = -1,
  BackwardTwice = -2,
  Unimplemented = -3,
  // an integer result beyond the int32 storage of int64 and int32 (docs/api.md)
  IntOverflow = -4,
  // a tensor a derivative needs was changed in place after it was saved (inplace_error_* says which)
  ModifiedInplace = -5,
  // the JS backward of a torch.autograd.Function threw; the device rethrows what it threw
  Callback = -6,
  // create_graph reached a record whose derivative does not record itself (create_graph_refused_op says which)
  NoCreateGraph = -7,
  // anomaly detection found NaN in a gradient a rule returned (anomaly_info says which node and output)
  AnomalyNaN = -8,
  // a backward reached a NotImplemented node (Op.NoDerivative; no_derivative_kind says whose)
  NoDerivative = -9,
}
