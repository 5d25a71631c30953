// Matrix multiply for the pure-TypeScript device, the same contract as
// assembly/kernels/gemm.ts over Float32Arrays with element offsets (Float64Arrays
// take the same code: their stores do not round).
//
// The JIT keeps plain `number` locals in registers as doubles, so the fast path
// is a register-blocked micro-kernel: a 4×4 tile of C in 16 locals, fed from
// panels of op(A) and op(B) copied into Float64Arrays. Packing makes every
// inner-loop read unit-stride whatever the transposes and leading dimensions,
// and f64 panels spare the kernel a float→double conversion on every load.
// Sums are kept in double and rounded to float32 once, when stored.
//
//  packed A panel (4 rows)           packed B panel (4 columns)
//  ┌─────────────────────────────┐   ┌─────────────────────────────┐
//  │ a(0,0) a(1,0) a(2,0) a(3,0) │   │ b(0,0) b(0,1) b(0,2) b(0,3) │  k = 0
//  │ a(0,1) a(1,1) a(2,1) a(3,1) │   │ b(1,0) b(1,1) b(1,2) b(1,3) │  k = 1
//  │  ...          (kc rows)     │   │  ...          (kc rows)     │
//  └─────────────────────────────┘   └─────────────────────────────┘
//  rows / columns past the edge of the matrix are zero.

import type { Float } from './kernels/reduce.js';

const MR = 4;
const NR = 4;
// K blocking keeps a B block (KC × N doubles) and an A panel in L2/L1.
const KC = 256;
// Below this many rows or columns packing costs more than it saves.
const SKINNY = 4;

let bufA: Float64Array = new Float64Array(0);
let bufB: Float64Array = new Float64Array(0);

function grow(buf: Float64Array, n: number): Float64Array {
  return buf.length >= n ? buf : new Float64Array(Math.max(n, buf.length * 2));
}

/** C[M×N] = A[M×K] · B[K×N] (+ C if accumulate). Row-major with leading dimensions; transA/transB read A as K×M (A^T) / B as N×K (B^T) stored row-major. */
export function gemm(
  transA: boolean, transB: boolean, M: number, N: number, K: number,
  A: Float, aOff: number, lda: number,
  B: Float, bOff: number, ldb: number,
  accumulate: boolean, C: Float, cOff: number, ldc: number,
): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate) for (let i = 0; i < M; i++) C.fill(0, cOff + i * ldc, cOff + i * ldc + N);
    return;
  }
  // element (i, k) of op(A) is A[aOff + i*aRow + k*aK]; (k, j) of op(B) is B[bOff + k*bK + j*bCol]
  const aRow = transA ? 1 : lda, aK = transA ? lda : 1;
  const bK = transB ? 1 : ldb, bCol = transB ? ldb : 1;
  if (M < SKINNY || N < SKINNY) {
    skinny(M, N, K, A, aOff, aRow, aK, B, bOff, bK, bCol, accumulate, C, cOff, ldc);
    return;
  }
  const nPanels = ((N + NR - 1) / NR) | 0;
  const kcMax = Math.min(K, KC);
  bufA = grow(bufA, kcMax * MR);
  bufB = grow(bufB, kcMax * nPanels * NR);
  const pa = bufA, pb = bufB;
  for (let pc = 0; pc < K; pc += KC) {
    const kc = Math.min(K - pc, KC);
    const acc = accumulate || pc > 0;
    packB(kc, N, B, bOff + pc * bK, bK, bCol, pb);
    for (let i = 0; i < M; i += MR) {
      const mr = Math.min(M - i, MR);
      packA(mr, kc, A, aOff + i * aRow + pc * aK, aRow, aK, pa);
      for (let jp = 0; jp < nPanels; jp++) {
        const j = jp * NR;
        kernel4x4(kc, pa, pb, jp * kc * NR, C, cOff + i * ldc + j, ldc, mr, Math.min(N - j, NR), acc);
      }
    }
  }
}

function packA(mr: number, kc: number, A: Float, off: number, aRow: number, aK: number, dst: Float64Array): void {
  for (let r = 0; r < MR; r++) {
    if (r < mr) {
      let s = off + r * aRow;
      for (let k = 0, d = r; k < kc; k++, d += MR, s += aK) dst[d] = A[s];
    } else {
      for (let k = 0, d = r; k < kc; k++, d += MR) dst[d] = 0;
    }
  }
}

function packB(kc: number, N: number, B: Float, off: number, bK: number, bCol: number, dst: Float64Array): void {
  const nPanels = ((N + NR - 1) / NR) | 0;
  for (let jp = 0; jp < nPanels; jp++) {
    const base = jp * kc * NR;
    for (let c = 0; c < NR; c++) {
      const j = jp * NR + c;
      if (j < N) {
        let s = off + j * bCol;
        for (let k = 0, d = base + c; k < kc; k++, d += NR, s += bK) dst[d] = B[s];
      } else {
        for (let k = 0, d = base + c; k < kc; k++, d += NR) dst[d] = 0;
      }
    }
  }
}

function kernel4x4(
  kc: number, pa: Float64Array, pb: Float64Array, bo: number,
  C: Float, co: number, ldc: number, mr: number, nr: number, acc: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let k = 0, ao = 0; k < kc; k++, ao += MR, bo += NR) {
    const b0 = pb[bo], b1 = pb[bo + 1], b2 = pb[bo + 2], b3 = pb[bo + 3];
    let a = pa[ao];
    c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3;
    a = pa[ao + 1];
    c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3;
    a = pa[ao + 2];
    c20 += a * b0; c21 += a * b1; c22 += a * b2; c23 += a * b3;
    a = pa[ao + 3];
    c30 += a * b0; c31 += a * b1; c32 += a * b2; c33 += a * b3;
  }
  if (mr === MR && nr === NR) {
    let o = co;
    if (acc) {
      C[o] += c00; C[o + 1] += c01; C[o + 2] += c02; C[o + 3] += c03; o += ldc;
      C[o] += c10; C[o + 1] += c11; C[o + 2] += c12; C[o + 3] += c13; o += ldc;
      C[o] += c20; C[o + 1] += c21; C[o + 2] += c22; C[o + 3] += c23; o += ldc;
      C[o] += c30; C[o + 1] += c31; C[o + 2] += c32; C[o + 3] += c33;
    } else {
      C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += ldc;
      C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += ldc;
      C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += ldc;
      C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
    }
    return;
  }
  // edge tile: the rows and columns past the matrix were computed on zeros
  const t = tile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
  t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
  t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let r = 0; r < mr; r++) {
    const o = co + r * ldc;
    for (let c = 0; c < nr; c++) C[o + c] = acc ? C[o + c] + t[r * NR + c] : t[r * NR + c];
  }
}

const tile = new Float64Array(MR * NR);

/**
 * Fewer than SKINNY rows or columns: every output is a dot product, read in
 * place. The loop runs along C's long side with the short side's operand
 * values held in locals, so each long-side element is loaded once per k.
 */
function skinny(
  M: number, N: number, K: number,
  A: Float, aOff: number, aRow: number, aK: number,
  B: Float, bOff: number, bK: number, bCol: number,
  accumulate: boolean, C: Float, cOff: number, ldc: number,
): void {
  if (M <= N) {
    // few rows: for each row i, sweep the columns of op(B), 4 at a time
    for (let i = 0; i < M; i++) {
      const ai = aOff + i * aRow, ci = cOff + i * ldc;
      let j = 0;
      for (; j + 4 <= N; j += 4) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let a = ai, b = bOff + j * bCol;
        for (let k = 0; k < K; k++, a += aK, b += bK) {
          const x = A[a];
          s0 += x * B[b]; s1 += x * B[b + bCol]; s2 += x * B[b + 2 * bCol]; s3 += x * B[b + 3 * bCol];
        }
        const o = ci + j;
        if (accumulate) { C[o] += s0; C[o + 1] += s1; C[o + 2] += s2; C[o + 3] += s3; }
        else { C[o] = s0; C[o + 1] = s1; C[o + 2] = s2; C[o + 3] = s3; }
      }
      for (; j < N; j++) {
        let s = 0;
        for (let k = 0, a = ai, b = bOff + j * bCol; k < K; k++, a += aK, b += bK) s += A[a] * B[b];
        C[ci + j] = accumulate ? C[ci + j] + s : s;
      }
    }
  } else {
    // few columns: for each column j, sweep the rows of op(A), 4 at a time
    for (let j = 0; j < N; j++) {
      const bj = bOff + j * bCol, cj = cOff + j;
      let i = 0;
      for (; i + 4 <= M; i += 4) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let a = aOff + i * aRow, b = bj;
        for (let k = 0; k < K; k++, a += aK, b += bK) {
          const y = B[b];
          s0 += A[a] * y; s1 += A[a + aRow] * y; s2 += A[a + 2 * aRow] * y; s3 += A[a + 3 * aRow] * y;
        }
        const o = cj + i * ldc;
        if (accumulate) { C[o] += s0; C[o + ldc] += s1; C[o + 2 * ldc] += s2; C[o + 3 * ldc] += s3; }
        else { C[o] = s0; C[o + ldc] = s1; C[o + 2 * ldc] = s2; C[o + 3 * ldc] = s3; }
      }
      for (; i < M; i++) {
        let s = 0;
        for (let k = 0, a = aOff + i * aRow, b = bj; k < K; k++, a += aK, b += bK) s += A[a] * B[b];
        const o = cj + i * ldc;
        C[o] = accumulate ? C[o] + s : s;
      }
    }
  }
}
