// The module a gemm worker thread runs (src/wasm/threads/): the packed gemm
// alone, compiled apart from the library with --sharedMemory --importMemory
// (asconfig.json's "worker" target), so every worker and the main thread share
// one WebAssembly.Memory. It has no data segments and allocates nothing
// (instantiating it again in each worker must not write to that memory): the
// pool hands it its operands, its packing buffers and its edge tile.
import { packedGemm } from './kernels/gemm_packed';

/** Columns of C computed by one worker: C[M×N] = op(A)·op(B) (+ C), all pointers into shared memory. */
export function gemm_panel(transA: bool, transB: bool, M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, accumulate: bool, C: usize, ldc: i32, pa: usize, pb: usize, tile: usize): void {
  packedGemm(transA, transB, M, N, K, A, lda, B, ldb, accumulate, C, ldc, pa, pb, tile);
}

export { packedBytesA as packed_bytes_a, packedBytesB as packed_bytes_b } from './kernels/gemm_packed';
