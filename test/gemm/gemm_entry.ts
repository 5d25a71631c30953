// Private test entry: the gemm kernel and the allocator, without the rest of
// the library, so the kernel can be tested and benchmarked on its own.
export { gemm, gemm_set_relaxed } from '../../assembly/kernels/gemm';
export { alloc, free } from '../../assembly/alloc';
