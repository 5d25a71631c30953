// wasmgrad: PyTorch's API for JavaScript, on a WebAssembly (SIMD) device or a
// plain TypeScript one.
//
//   import * as torch from 'wasmgrad';
//   const F = torch.nn.functional;
//   const w = torch.tensor([2.0], { requires_grad: true });

export { Tensor, GradFn } from './tensor.js';
export type { DTypeName, TensorLike, BackwardOptions, ToTarget } from './tensor.js';
export type { NextFunction } from './grad_fn_node.js';
export type { Bound } from './ops/elementwise.js';
export {
  TorchDtype as dtype, float32, float32 as float, float64, float64 as double, int64, int64 as long, int32, int32 as int,
  bool, set_default_dtype, get_default_dtype, promote_types,
} from './dtype.js';
export { result_type } from './ops/promote.js';
export type { DimArg, ReduceOptions } from './ops/reduce.js';
export type { SizeArg, SizeOptions } from './shape.js';
export type { DeviceName, MemoryInfo } from './device.js';
export { TorchError, RuntimeError, IndexError, TypeError, ValueError, NotImplementedError } from './errors.js';
export { AssertionError } from './errors.js'; // nn normalization and embedding (helper nnnorm)
export { ZeroDivisionError } from './errors.js'; // F.group_norm (helper normdrop)
export { KeyError, AttributeError } from './errors.js'; // nn.Module API and containers (helper modapi)
export { set_default_device, get_default_device, ready } from './runtime.js';
export {
  tensor, zeros, ones, full, arange, linspace, eye, rand, randn, zeros_like, ones_like,
  empty, full_like, rand_like, randn_like, randint, randint_like, randperm, logspace,
} from './creation.js';
export type { TensorOptions, Nested, SizeAndOptions } from './creation.js';
// random generators (helper generator)
export { manual_seed, initial_seed, seed, get_rng_state, set_rng_state } from './seed.js';
export { set_num_threads, get_num_threads } from './threads.js'; // threads (helper threads)
export { Generator, default_generator } from './random.js';
export { normal } from './ops/random_fill.js';
export type { GeneratorOptions } from './random.js';
export {
  add, sub, mul, div, pow, neg, exp, log, sqrt, abs, sigmoid, tanh, relu, clamp, maximum, minimum, square,
} from './ops/elementwise.js';
export * from './ops/torch.generated.js';
export {
  eq, ne, lt, le, gt, ge, not_equal, greater, greater_equal, less, less_equal,
  logical_and, logical_or, logical_xor, logical_not, isnan, isinf, isfinite, isposinf, isneginf,
  isclose, allclose, equal,
} from './ops/compare.js';
export type { CompareOther, CloseOptions } from './ops/compare.js';
export { bitwise_and, bitwise_or, bitwise_xor, bitwise_not, bitwise_left_shift, bitwise_right_shift } from './ops/bitwise.js';
export type { BitwiseOther } from './ops/bitwise.js';
export { sum, mean, max, min, argmax, argmin, amax, amin, logsumexp, softmax, log_softmax } from './ops/reduce.js';
export {
  prod, var_ as var, std, var_mean, std_mean, all, any, count_nonzero, nansum, nanmean, norm, aminmax,
} from './ops/reduce_stats.js'; // reductions 2
export { inverse } from './ops/linalg_more.js'; // linalg.inv under its older name
export { cumsum, cumprod, cummax, cummin, logcumsumexp } from './ops/scan.js'; // scans
export type { CumulativeArgs, ScanArgs } from './ops/scan.js';
export { sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique } from './ops/sort.js'; // sorting and order statistics
export type { SortOptions, TopkOptions, DimOptions, MedianOptions, UniqueOptions } from './ops/sort.js';
export {
  reshape, view, transpose, t, permute, squeeze, unsqueeze, expand, flatten, cat, stack,
} from './ops/shape.js';
export {
  movedim, moveaxis, swapaxes, swapdims, unflatten, broadcast_to, hstack, vstack,
} from './ops/shape_compose.js';
export { matmul, mm, bmm, mv, dot, addmm } from './ops/linalg.js';
// ternary and linalg 2
export {
  outer, ger, inner, tensordot, kron, matrix_power, atleast_1d, atleast_2d, atleast_3d, dstack, column_stack,
  broadcast_tensors, meshgrid, einsum,
} from './ops/compose.js';
export { where, lerp, addcmul, addcdiv } from './ops/ternary.js';
export { addmv, baddbmm, addbmm, cross, cdist } from './ops/linalg_more.js';
export * as linalg from './ops/linalg_namespace.js';
export {
  torchDet as det, torchSlogdet as slogdet, logdet, torchCholesky as cholesky, cholesky_solve,
} from './ops/linalg_factor.js'; // helper linalg
export { torchSvd as svd } from './ops/linalg_svd.js'; // helper linalg2
export { torchLu as lu, torchLuSolve as lu_solve, lu_unpack, torchMatrixExp as matrix_exp } from './ops/linalg_lu.js'; // helper linalg2
export { cholesky_inverse, pinverse, triangular_solve, torchQr as qr, orgqr } from './ops/linalg_rest.js'; // helper linalg2
export { geqrf, ormqr } from './ops/linalg_householder.js'; // helper linalg3
export { chain_matmul, frobenius_norm, nuclear_norm } from './ops/linalg_deprecated.js'; // helper linalg3
export { svd_lowrank, pca_lowrank } from './ops/linalg_lowrank.js'; // helper linalg3
export { polygamma } from './ops/polygamma.js'; // helper h-cg
export * as special from './ops/special.js'; // torch.special (helper h-special)
export {
  diff, searchsorted, bucketize, bincount, histc, heaviside, tril_indices, triu_indices, hann_window, hamming_window,
  blackman_window, bartlett_window, kaiser_window, trapezoid, trapz, cumulative_trapezoid, cartesian_prod, combinations,
  vander, block_diag, cov, corrcoef,
} from './ops/numeric.js'; // numeric compositions (helper h-special)
export {
  float_power, floor_divide, ldexp, signbit, positive, vdot, dist, addr, frexp, mvlgamma, argwhere, is_nonzero, is_same_size,
  is_floating_point, is_complex, is_signed, is_inference, isreal, quantile, nanquantile, gcd, lcm, renorm, nextafter,
} from './ops/numeric_members.js'; // numeric members (helper h-numeric)
export { histogram, histogramdd } from './ops/histogram.js'; // helper h-fns
export type { HistogramResult, HistogramddResult, HistogramOptions } from './ops/histogram.js'; // helper h-fns
export { unique_consecutive, isin, gradient } from './ops/consecutive.js'; // helper h-fns
export { pdist } from './nn/pdist.js'; // helper h-fns
export { bernoulli } from './ops/bernoulli.js'; // helper leftovers
export { multinomial } from './ops/multinomial.js'; // helper leftovers
export { cosine_similarity, pairwise_distance } from './nn/functional.js';
export { pixel_shuffle, pixel_unshuffle, bilinear } from './nn/functional.js'; // torch.pixel_shuffle, torch.bilinear (helper sample)
export { prelu, rrelu, channel_shuffle } from './nn/functional.js'; // torch.prelu, torch.rrelu, torch.channel_shuffle (helper modules)
export { select, narrow } from './ops/indexing.js';
export { conv_transpose1d, conv_transpose2d } from './ops/conv_transpose.js'; // helper convt
export { conv_transpose3d } from './ops/conv_transpose.js'; // helper conv3d
export { conv3d } from './ops/conv.js'; // helper conv3d
// shape and indexing 2
export {
  flip, fliplr, flipud, index_select, gather, take, take_along_dim,
  masked_fill, masked_select, tril, triu, diagonal, as_strided, diag, trace, roll, tile,
  split, chunk, unbind, tensor_split, rot90, diag_embed, repeat_interleave, nonzero,
  scatter, scatter_add, scatter_reduce, index_add, index_copy, masked_scatter, index_fill, index_put,
} from './ops/gather_scatter.js';
export type { IndexItem } from './ops/indexing.js';
export {
  diagonal_scatter, select_scatter, slice_scatter, as_strided_scatter, diagflat, ravel, narrow_copy, adjoint,
  hsplit, vsplit, dsplit, split_with_sizes, unsafe_split, unsafe_split_with_sizes, unsafe_chunk, put, index_reduce,
} from './ops/shape_members.js'; // shape members (helper h-shape)
export { no_grad, enable_grad, is_grad_enabled, set_grad_enabled, inference_mode, is_inference_mode_enabled } from './autograd.js';
export { tidy, keep, dispose, memory } from './memory.js';
export * as autograd from './autograd_namespace.js';
export { is_anomaly_enabled, is_anomaly_check_nan_enabled } from './anomaly_mode.js';
export * as nn from './nn/namespace.generated.js';
export * as safetensors from './safetensors.js'; // safetensors.torch's save / load / save_file / load_file (helper modapi)
export { save, load } from './serialization.js'; // torch.save / torch.load in PyTorch's zip format (helper ptfile)
export * as serialization from './serialization.js'; // torch.serialization.UnpicklingError (helper ptfile)
export * as optim from './optim.js';
export * as utils from './utils.js'; // torch.utils.data (helper data)
// PyTorch's aliases and torch.X_ in-place functions, from the table of src/ops/aliases.ts (helper torchns)
export * from './ops/aliases.generated.js';
// torch.* forms of F functions, with PyTorch's top-level schemas (helper torchns)
export {
  conv1d, conv2d, avg_pool1d, adaptive_avg_pool1d, adaptive_max_pool1d, max_pool1d, max_pool2d, max_pool3d,
  dropout, dropout_, alpha_dropout, alpha_dropout_, feature_alpha_dropout, feature_alpha_dropout_,
  selu, celu, threshold, embedding, layer_norm, group_norm,
  margin_ranking_loss, hinge_embedding_loss, cosine_embedding_loss, triplet_margin_loss,
  binary_cross_entropy_with_logits, poisson_nll_loss,
} from './ops/torch_functional.js';
// more torch.* forms of nn functions: norms, losses, convolution, dropout, recurrent cells and layers (helper h-torchnn)
export {
  batch_norm, instance_norm, native_batch_norm, native_layer_norm, native_group_norm, kl_div, ctc_loss, max_pool1d_with_indices,
  constant_pad_nd, convolution, feature_dropout, feature_dropout_, native_dropout, native_channel_shuffle, grid_sampler,
  affine_grid_generator, norm_except_dim, embedding_bag, segment_reduce, rnn_tanh_cell, rnn_relu_cell, lstm_cell, gru_cell, rnn_tanh, rnn_relu, lstm, gru,
} from './ops/torch_nn_forms.js';
// torch.selu_ and friends are F's in-place activations (helper h-nnfill)
export { selu_, celu_, threshold_, rrelu_ } from './nn/inplace_activations.js';
// the complex API on real tensors, storage and layout members, torch.* utilities (helper h-members)
export {
  Layout, strided, is_tensor, is_storage, numel, get_device, typename, empty_like, empty_strided, as_tensor, asarray,
  broadcast_shapes, rsub, scalar_tensor, can_cast, fill, view_copy, permute_copy, t_copy, transpose_copy, squeeze_copy,
  unsqueeze_copy, select_copy, slice_copy, split_copy, unbind_copy, expand_copy, diagonal_copy, as_strided_copy, unfold_copy,
  alias_copy, detach_copy, detach_, index_put_, addmv_, gcd_, lcm_, ldexp_, i0_, resize_as_, conj_physical_, conj, conj_physical,
  resolve_conj, resolve_neg, is_conj, is_neg, real, imag, use_deterministic_algorithms, are_deterministic_algorithms_enabled,
  is_deterministic_algorithms_warn_only_enabled, get_float32_matmul_precision, set_float32_matmul_precision, set_flush_denormal,
} from './ops/utility.js';
