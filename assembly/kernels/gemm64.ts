// float64 matrix products: C (+)= op(A)·op(B) in plain loops. float64 is for
// checking (gradcheck, reference runs), not for speed, so there is no packing
// and no SIMD: the i-k-j order keeps the innermost loop on contiguous rows of
// B and C when B is not transposed. Same contract as gemm() in gemm.ts.

/**
 * C[M×N] (ldc) = op(A)[M×K] · op(B)[K×N], added to C when `accumulate`; op
 * transposes when transA / transB are set (A is then stored K×M, B N×K).
 */
export function gemm64(transA: bool, transB: bool, M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, accumulate: bool, C: usize, ldc: i32): void {
  for (let i = 0; i < M; i++) {
    const c = C + (<usize>(i * ldc) << 3);
    if (!accumulate) memory.fill(c, 0, <usize>N << 3);
    for (let k = 0; k < K; k++) {
      const a = load<f64>(A + (<usize>(transA ? k * lda + i : i * lda + k) << 3));
      if (transB) {
        for (let j = 0; j < N; j++) {
          const p = c + (<usize>j << 3);
          store<f64>(p, load<f64>(p) + a * load<f64>(B + (<usize>(j * ldb + k) << 3)));
        }
      } else {
        const b = B + (<usize>(k * ldb) << 3);
        for (let j = 0; j < N; j++) {
          const p = c + (<usize>j << 3);
          store<f64>(p, load<f64>(p) + a * load<f64>(b + (<usize>j << 3)));
        }
      }
    }
  }
}
