// The wasm device's module: everything JS may call. Functions take and return
// tensor ids (i32; negative = Err code from abi/abi.ts) and plain numbers;
// lists travel through the args buffer.

export { mem_bytes_in_use, mem_bytes_reusable, mem_blocks_in_use, mem_heap_size, mem_failed_grows, mem_checked } from './alloc';
export { args_buffer } from './scratch';
export {
  tensor_table_cell, tensor_live_count, tensor_live_bytes, tensor_retain, tensor_release, tensor_data,
  tensor_set_requires_grad, tensor_set_retains_grad, tensor_set_grad, tensor_set_has_hooks,
} from './tensors';
export { set_grad_enabled, is_grad_enabled, tape_live_records } from './tape';
export { tape_set_packing, tape_pack, tape_unpacked } from './tape'; // saved-tensor hooks (helper autograd)
export { backward, create_graph_refused_op, set_detect_anomaly, anomaly_info } from './autograd';
export { no_derivative_kind } from './grad/no_derivative';
export { inplace_commit, bump_version, inplace_error } from './ops/inplace';
export { create, create_fill, copy_tensor } from './ops/create';
export { binary, unary, scalar } from './ops/elementwise';
export { sum, amax, max_all, max_dim, take_indices, logsumexp, softmax } from './ops/reduce';
export { reduce2 } from './ops/reduce_stats'; // reductions 2
export { view, expand, permute, cat, slice } from './ops/shape';
export { gather_flat, scatter_flat } from './ops/gather'; // shape and indexing 2
export { scatter_reduce_flat } from './ops/scatter_reduce'; // scatter_reduce (helper leftovers)
export { amin } from './ops/reduce'; // linalg.matrix_norm (helper leftovers)
export { sort_select, take_sort_indices } from './ops/sort'; // sorting and order statistics
export { matmul, linear } from './ops/linalg';
export { gemm_set_threads, gemm_set_relaxed } from './kernels/gemm'; // threads (helper threads); relaxed SIMD (src/wasm/loader.ts)
export { convolution, conv_set_rule } from './ops/conv'; // convolution and pooling (helper conv); the direct-loop rule's limits (bench/conv-rule.mjs)
export { convolution_transpose } from './ops/conv'; // conv_transpose1d/2d (helper convt)
export { fold_op } from './ops/fold'; // F.unfold / F.fold (helper convt)
export { pool, take_pool_indices, max_unpool } from './ops/pool';
export { sgd_step, adam_step } from './ops/optim';
export { compare } from './ops/compare';
export { int_binary, int_sum } from './ops/integer';
export { mse_loss, binary_cross_entropy, binary_cross_entropy_with_logits, nll_loss, pointwise_loss } from './ops/loss';
export { all_probabilities } from './ops/loss'; // binary_cross_entropy's range check (helper h-fuse)
export { multi_margin_loss, multilabel_margin_loss } from './ops/margin_loss'; // losses 2 (helper losses)
export { ternary } from './ops/ternary'; // ternary and linalg 2
export { add_product, glu, cross, norm, cdist, linalg_inv, take_inv_info } from './ops/linalg_more';
export { linalg_svdvals, take_svd_info } from './ops/svd'; // linalg.svdvals (helper svd)
export { scan, scan_indices } from './ops/scan'; // scans

// abort without the runtime's string machinery: the trap message is enough
export function abort(message: usize, fileName: usize, line: u32, column: u32): void {
  unreachable();
}
export { layer_norm, batch_norm, group_norm } from './ops/norm'; // nn normalization (helper nnnorm)
export { custom_record, custom_result } from './ops/custom'; // torch.autograd.Function
export { embedding_bag } from './ops/embedding_bag'; // F.embedding_bag (helper ebag)
export { ctc_loss } from './ops/ctc_loss'; // F.ctc_loss (helper ebag)
export { to_dtype } from './ops/cast'; // x.to(float dtype) on one device (helper h-autograd)
export { binary_alloc, binary_run, binary_fused } from './ops/deferred'; // deferred elementwise kernels (helper h-fusion)
