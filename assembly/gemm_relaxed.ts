// The relaxed-SIMD gemm module: the packed gemm of kernels/gemm_packed.ts
// compiled with WASMGRAD_RELAXED, whose micro-kernel multiplies and adds with
// f32x4.relaxed_madd (one FMA on x64 with FMA3) instead of f32x4.mul + f32x4.add.
// It is a module of its own because an engine without relaxed SIMD (Node 20
// without --experimental-wasm-relaxed-simd) rejects a whole module that uses
// it: the library's module stays plain SIMD128 everywhere, and the loader
// (src/wasm/loader.ts) instantiates this one only where WebAssembly.validate
// accepts relaxed SIMD. It imports the library's memory and works on the
// operands and packing buffers kernels/gemm.ts hands it; it has no data
// segments and allocates nothing, so instantiating it writes nothing there.
import { packedGemm } from './kernels/gemm_packed';

/** kernels/gemm_packed.ts's packedGemm with the relaxed micro-kernel (same arguments). */
export function gemm_packed(transA: bool, transB: bool, M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, accumulate: bool, C: usize, ldc: i32, pa: usize, pb: usize, tile: usize): void {
  packedGemm(transA, transB, M, N, K, A, lda, B, ldb, accumulate, C, ldc, pa, pb, tile);
}
