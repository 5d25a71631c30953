// Matrix multiply: C[M×N] = op(A)[M×K] · op(B)[K×N] (+ C), float32, row-major.
//
// Large products go through the packed GotoBLAS/BLIS path (kernels/gemm_packed.ts),
// split into column panels across threads when the thread pool is on
// (src/wasm/threads/). Packing costs O(MK + KN) against O(MNK) arithmetic, so it
// is skipped for skinny products (few rows or few columns), which go to direct
// loops here instead, always on the calling thread.

import { alloc, free } from '../alloc';
import { packedGemm, packedBytesA, packedBytesB, TILE_BYTES } from './gemm_packed';

// Skinny products: below this many rows (or columns) packing doesn't pay back.
const SKINNY: i32 = 8;
// Narrow products that still go to the in-place loops: see narrowPays.
const NARROW: i32 = 24;
const NARROW_ROWS: i32 = 16;
const NARROW_FLOATS: u64 = 64 << 10; // 256 KiB of op(B)

// Packed buffers (kernels/gemm_packed.ts), cached across calls and grown on
// demand: a training step multiplies the same shapes over and over, so after
// the first step no allocation happens here at all. The skinny paths borrow
// them for a transposed copy of a small operand.
let packA: usize = 0;
let packACap: usize = 0;
let packB: usize = 0;
let packBCap: usize = 0;

// Edge tiles are computed into this scratch tile, then the valid part copied.
const tile: usize = memory.data(TILE_BYTES, 16);

/** Makes the cached buffer at least `bytes` long; 0 if memory is exhausted. */
function ensureA(bytes: usize): usize {
  if (bytes <= packACap) return packA;
  const p = alloc(bytes);
  if (!p) return 0;
  if (packA) free(packA);
  packA = p;
  packACap = bytes;
  return p;
}

function ensureB(bytes: usize): usize {
  if (bytes <= packBCap) return packB;
  const p = alloc(bytes);
  if (!p) return 0;
  if (packB) free(packB);
  packB = p;
  packBCap = bytes;
  return p;
}

/** C[M×N] = A[M×K] · B[K×N] (+ C if accumulate). Row-major with leading dimensions; transA/transB read A as K×M (A^T) / B as N×K (B^T) stored row-major. Returns false only if a packing buffer could not be allocated (out of memory), leaving C untouched. */
export function gemm(transA: bool, transB: bool, M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, accumulate: bool, C: usize, ldc: i32): bool {
  if (M <= 0 || N <= 0) return true;
  if (K <= 0) {
    if (!accumulate) {
      for (let i = 0; i < M; i++) memory.fill(C + (<usize>i * ldc << 2), 0, <usize>N << 2);
    }
    return true;
  }
  // Element (r, k) of op(A) lives at A + r*aRow + k*aK (bytes); same for B.
  const aRow: usize = transA ? 4 : <usize>lda << 2;
  const aK: usize = transA ? <usize>lda << 2 : 4;
  const bK: usize = transB ? 4 : <usize>ldb << 2;
  const bCol: usize = transB ? <usize>ldb << 2 : 4;
  const ldcB: usize = <usize>ldc << 2;

  if (M < SKINNY || N < SKINNY || narrowPays(transA, transB, M, N, K)) {
    return skinny(transA, transB, M, N, K, A, aRow, aK, B, bK, bCol, accumulate, C, ldcB);
  }

  const pa = ensureA(packedBytesA(M, K));
  if (!pa) return false;
  const pb = ensureB(packedBytesB(N, K));
  if (!pb) return false;
  // the pool takes the columns past `mine` (it copies their operands out first); N when it declines
  const mine = threadsOn ? hostGemmSplit(transA, transB, M, N, K, A, lda, B, ldb, accumulate, C, ldc) : N;
  if (mine > 0) {
    if (relaxedOn) hostGemmRelaxed(transA, transB, M, mine, K, A, lda, B, ldb, accumulate, C, ldc, pa, pb, tile);
    else packedGemm(transA, transB, M, mine, K, A, lda, B, ldb, accumulate, C, ldc, pa, pb, tile);
  }
  if (mine < N) hostGemmJoin();
  return true;
}

let threadsOn = false;
let relaxedOn = false;

/** Sends packed products to the relaxed-SIMD module (assembly/gemm_relaxed.ts) or back to packedGemm here (src/wasm/loader.ts). */
export function gemm_set_relaxed(on: bool): void { relaxedOn = on; }

/**
 * packedGemm in the relaxed-SIMD module, which the loader instantiates over this module's memory
 * where the engine validates relaxed SIMD. An import because this module must load where the
 * engine does not. One call through JS per packed product (skinny ones never cross).
 */
// @ts-ignore: decorator
@external("env", "gemm_relaxed")
declare function hostGemmRelaxed(transA: bool, transB: bool, M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, accumulate: bool, C: usize, ldc: i32, pa: usize, pb: usize, tile: usize): void;

/** Turns the thread pool's share of packed products on or off (src/wasm/threads/pool.ts). */
export function gemm_set_threads(on: bool): void { threadsOn = on; }

/**
 * Hands the columns [mine, N) of a packed product to the gemm workers and returns mine, or N
 * to keep all of it (a product too small to pay for the copies, or no room in shared memory).
 */
// @ts-ignore: decorator
@external("env", "gemm_split")
declare function hostGemmSplit(transA: bool, transB: bool, M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, accumulate: bool, C: usize, ldc: i32): i32;

/** Waits for the workers' columns and copies them into C. */
// @ts-ignore: decorator
@external("env", "gemm_join")
declare function hostGemmJoin(): void;

/**
 * Products with fewer than SKINNY rows or columns. Packing would cost as much
 * as the arithmetic here, so both forms below read the operands in place:
 *
 *  axpy form, C'[p,q] = Σk X(p,k)·Y[k,q], Y rows contiguous along q: vectors
 *  run along q and X is broadcast; used when the long side of C is contiguous
 *  in one operand's rows (op(B) = B, or op(A) = A^T for few columns).
 *
 *  dot form, C'[p,q] = X[p,:]·Y[q,:], both contiguous along k: vectors run
 *  along k and are summed across lanes at the end; used otherwise. A skinny
 *  operand that isn't contiguous along k is first copied transposed, which
 *  is cheap because it has at most SKINNY-1 rows.
 */
function skinny(transA: bool, transB: bool, M: i32, N: i32, K: i32, A: usize, aRow: usize, aK: usize, B: usize, bK: usize, bCol: usize, accumulate: bool, C: usize, ldcB: usize): bool {
  if (M <= N) {
    // few rows of C
    if (!transB) {
      axpy(M, N, K, A, aRow, aK, B, bK, C, ldcB, 4, accumulate);
      return true;
    }
    let x = A, xRow = aRow;
    if (transA) {
      x = ensureA(<usize>M * K << 2);
      if (!x) return false;
      transposeInto(M, K, A, aRow, aK, x);
      xRow = <usize>K << 2;
    }
    dot(M, N, K, x, xRow, B, bCol, C, ldcB, 4, accumulate);
    return true;
  }
  // few columns of C: work on C^T = op(B)^T · op(A)^T where that helps
  if (transA) {
    // rows of A^T storage run along the M rows of C
    axpy(N, M, K, B, bCol, bK, A, aK, C, 4, ldcB, accumulate);
    return true;
  }
  let y = B, yRow = bCol;
  if (!transB) {
    y = ensureB(<usize>N * K << 2);
    if (!y) return false;
    transposeInto(N, K, B, bCol, bK, y);
    yRow = <usize>K << 2;
  }
  dot(M, N, K, A, aRow, y, yRow, C, ldcB, 4, accumulate);
  return true;
}

/**
 * Whether a product too wide for the SKINNY rule still runs faster in place
 * than packed, where few columns waste most of the last NR-wide panel and
 * little packed A is reused. Measured on Node 20 x64 (the MLP's 10-class
 * layer: 64×256·256×10 went 18 → 32 GFLOP/s, its weight gradient
 * 10×64·64×256 27 → 35):
 *  - few columns (< NARROW), A not transposed: the dot form reads A once
 *    whatever its size, but its vectors run along K, so K must not be tiny;
 *  - few rows (< NARROW_ROWS), B not transposed: the axpy form, vectors along
 *    N, but it streams op(B) once per pair of rows, so only while op(B) stays
 *    in L2 (12×1024·1024×4096 is 3× slower in place).
 * The other combinations measured no better or worse than packed.
 */
function narrowPays(transA: bool, transB: bool, M: i32, N: i32, K: i32): bool {
  if (N < NARROW && !transA) return K >= 32;
  return M < NARROW_ROWS && !transB && <u64>K * <u64>N <= NARROW_FLOATS;
}

/** dst[r*K + k] = src(r, k) for r < R: a small operand made contiguous along k. */
function transposeInto(R: i32, K: i32, src: usize, sRow: usize, sK: usize, dst: usize): void {
  for (let r = 0; r < R; r++) {
    let s = src + <usize>r * sRow;
    for (let k = 0; k < K; k++) {
      store<f32>(dst, load<f32>(s));
      s += sK;
      dst += 4;
    }
  }
}

// @ts-ignore: decorator
@inline function put(c: usize, v: f32, acc: bool): void {
  store<f32>(c, acc ? load<f32>(c) + v : v);
}

// @ts-ignore: decorator
@inline function putv(c: usize, v: v128, acc: bool): void {
  v128.store(c, acc ? f32x4.add(v128.load(c), v) : v);
}

/** Stores 4 results along q at c, c+cQ, ...: one vector when cQ is one float. */
// @ts-ignore: decorator
@inline function put4(c: usize, cQ: usize, v: v128, acc: bool): void {
  if (cQ == 4) {
    putv(c, v, acc);
  } else {
    put(c, f32x4.extract_lane(v, 0), acc);
    put(c + cQ, f32x4.extract_lane(v, 1), acc);
    put(c + cQ * 2, f32x4.extract_lane(v, 2), acc);
    put(c + cQ * 3, f32x4.extract_lane(v, 3), acc);
  }
}

/** C'[p,q] = Σk X(p,k)·Y[k,q] for P×Q; C'(p,q) at C + p*cP + q*cQ. */
function axpy(P: i32, Q: i32, K: i32, X: usize, xRow: usize, xK: usize, Y: usize, yK: usize, C: usize, cP: usize, cQ: usize, acc: bool): void {
  let p = 0;
  // two rows × 16 columns: 8 accumulators, 6 loads per 16 arithmetic ops
  for (; p + 2 <= P; p += 2) {
    const x0 = X + <usize>p * xRow, x1 = x0 + xRow;
    const c0 = C + <usize>p * cP, c1 = c0 + cP;
    let q = 0;
    for (; q + 16 <= Q; q += 16) {
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0);
      let y = Y + (<usize>q << 2), o: usize = 0;
      for (let k = 0; k < K; k++) {
        const u = v128.load32_splat(x0 + o), w = v128.load32_splat(x1 + o);
        let v = v128.load(y);
        a0 = f32x4.add(a0, f32x4.mul(u, v)); b0 = f32x4.add(b0, f32x4.mul(w, v));
        v = v128.load(y, 16);
        a1 = f32x4.add(a1, f32x4.mul(u, v)); b1 = f32x4.add(b1, f32x4.mul(w, v));
        v = v128.load(y, 32);
        a2 = f32x4.add(a2, f32x4.mul(u, v)); b2 = f32x4.add(b2, f32x4.mul(w, v));
        v = v128.load(y, 48);
        a3 = f32x4.add(a3, f32x4.mul(u, v)); b3 = f32x4.add(b3, f32x4.mul(w, v));
        y += yK;
        o += xK;
      }
      const d0 = c0 + <usize>q * cQ, d1 = c1 + <usize>q * cQ;
      put4(d0, cQ, a0, acc); put4(d0 + cQ * 4, cQ, a1, acc); put4(d0 + cQ * 8, cQ, a2, acc); put4(d0 + cQ * 12, cQ, a3, acc);
      put4(d1, cQ, b0, acc); put4(d1 + cQ * 4, cQ, b1, acc); put4(d1 + cQ * 8, cQ, b2, acc); put4(d1 + cQ * 12, cQ, b3, acc);
    }
    for (; q + 4 <= Q; q += 4) {
      let a0 = f32x4.splat(0), b0 = f32x4.splat(0);
      let y = Y + (<usize>q << 2), o: usize = 0;
      for (let k = 0; k < K; k++) {
        const v = v128.load(y);
        a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(x0 + o), v));
        b0 = f32x4.add(b0, f32x4.mul(v128.load32_splat(x1 + o), v));
        y += yK;
        o += xK;
      }
      put4(c0 + <usize>q * cQ, cQ, a0, acc);
      put4(c1 + <usize>q * cQ, cQ, b0, acc);
    }
    for (; q < Q; q++) {
      let s0: f32 = 0, s1: f32 = 0;
      let y = Y + (<usize>q << 2), o: usize = 0;
      for (let k = 0; k < K; k++) {
        const v = load<f32>(y);
        s0 += load<f32>(x0 + o) * v;
        s1 += load<f32>(x1 + o) * v;
        y += yK;
        o += xK;
      }
      put(c0 + <usize>q * cQ, s0, acc);
      put(c1 + <usize>q * cQ, s1, acc);
    }
  }
  if (p < P) {
    // the odd last row: one row × 16 columns
    const x0 = X + <usize>p * xRow;
    const c0 = C + <usize>p * cP;
    let q = 0;
    for (; q + 16 <= Q; q += 16) {
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      let y = Y + (<usize>q << 2), o: usize = 0;
      for (let k = 0; k < K; k++) {
        const u = v128.load32_splat(x0 + o);
        a0 = f32x4.add(a0, f32x4.mul(u, v128.load(y)));
        a1 = f32x4.add(a1, f32x4.mul(u, v128.load(y, 16)));
        a2 = f32x4.add(a2, f32x4.mul(u, v128.load(y, 32)));
        a3 = f32x4.add(a3, f32x4.mul(u, v128.load(y, 48)));
        y += yK;
        o += xK;
      }
      const d0 = c0 + <usize>q * cQ;
      put4(d0, cQ, a0, acc); put4(d0 + cQ * 4, cQ, a1, acc); put4(d0 + cQ * 8, cQ, a2, acc); put4(d0 + cQ * 12, cQ, a3, acc);
    }
    for (; q + 4 <= Q; q += 4) {
      let a0 = f32x4.splat(0);
      let y = Y + (<usize>q << 2), o: usize = 0;
      for (let k = 0; k < K; k++) {
        a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(x0 + o), v128.load(y)));
        y += yK;
        o += xK;
      }
      put4(c0 + <usize>q * cQ, cQ, a0, acc);
    }
    for (; q < Q; q++) {
      let s0: f32 = 0;
      let y = Y + (<usize>q << 2), o: usize = 0;
      for (let k = 0; k < K; k++) {
        s0 += load<f32>(x0 + o) * load<f32>(y);
        y += yK;
        o += xK;
      }
      put(c0 + <usize>q * cQ, s0, acc);
    }
  }
}

// @ts-ignore: decorator
@inline function hsum(v: v128): f32 {
  // (v0+v2) + (v1+v3), pairing lanes with one shuffle each
  const h = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(h, 0) + f32x4.extract_lane(h, 1);
}

/** Σ x[k]·y[k] over k in [k0, K): the scalar tail after the vector loop. */
// @ts-ignore: decorator
@inline function tail(x: usize, y: usize, k0: i32, K: i32): f32 {
  let s: f32 = 0;
  for (let k = k0; k < K; k++) {
    const o = <usize>k << 2;
    s += load<f32>(x + o) * load<f32>(y + o);
  }
  return s;
}

/** C'[p,q] = X[p,:]·Y[q,:] for P×Q, rows contiguous along k; C'(p,q) at C + p*cP + q*cQ. */
function dot(P: i32, Q: i32, K: i32, X: usize, xRow: usize, Y: usize, yRow: usize, C: usize, cP: usize, cQ: usize, acc: bool): void {
  const K4 = K & ~3;
  const kEnd = <usize>K4 << 2;
  let p = 0;
  // two X rows × four Y rows: 8 accumulators, 6 loads per 16 arithmetic ops
  for (; p + 2 <= P; p += 2) {
    const x0 = X + <usize>p * xRow, x1 = x0 + xRow;
    const c0 = C + <usize>p * cP, c1 = c0 + cP;
    let q = 0;
    for (; q + 4 <= Q; q += 4) {
      const y0 = Y + <usize>q * yRow, y1 = y0 + yRow, y2 = y1 + yRow, y3 = y2 + yRow;
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0);
      for (let o: usize = 0; o < kEnd; o += 16) {
        const u = v128.load(x0 + o), w = v128.load(x1 + o);
        let v = v128.load(y0 + o);
        a0 = f32x4.add(a0, f32x4.mul(u, v)); b0 = f32x4.add(b0, f32x4.mul(w, v));
        v = v128.load(y1 + o);
        a1 = f32x4.add(a1, f32x4.mul(u, v)); b1 = f32x4.add(b1, f32x4.mul(w, v));
        v = v128.load(y2 + o);
        a2 = f32x4.add(a2, f32x4.mul(u, v)); b2 = f32x4.add(b2, f32x4.mul(w, v));
        v = v128.load(y3 + o);
        a3 = f32x4.add(a3, f32x4.mul(u, v)); b3 = f32x4.add(b3, f32x4.mul(w, v));
      }
      const d0 = c0 + <usize>q * cQ, d1 = c1 + <usize>q * cQ;
      put(d0, hsum(a0) + tail(x0, y0, K4, K), acc);
      put(d0 + cQ, hsum(a1) + tail(x0, y1, K4, K), acc);
      put(d0 + cQ * 2, hsum(a2) + tail(x0, y2, K4, K), acc);
      put(d0 + cQ * 3, hsum(a3) + tail(x0, y3, K4, K), acc);
      put(d1, hsum(b0) + tail(x1, y0, K4, K), acc);
      put(d1 + cQ, hsum(b1) + tail(x1, y1, K4, K), acc);
      put(d1 + cQ * 2, hsum(b2) + tail(x1, y2, K4, K), acc);
      put(d1 + cQ * 3, hsum(b3) + tail(x1, y3, K4, K), acc);
    }
    for (; q < Q; q++) {
      const y0 = Y + <usize>q * yRow;
      let a0 = f32x4.splat(0), b0 = f32x4.splat(0);
      for (let o: usize = 0; o < kEnd; o += 16) {
        const v = v128.load(y0 + o);
        a0 = f32x4.add(a0, f32x4.mul(v128.load(x0 + o), v));
        b0 = f32x4.add(b0, f32x4.mul(v128.load(x1 + o), v));
      }
      put(c0 + <usize>q * cQ, hsum(a0) + tail(x0, y0, K4, K), acc);
      put(c1 + <usize>q * cQ, hsum(b0) + tail(x1, y0, K4, K), acc);
    }
  }
  if (p < P) {
    const x0 = X + <usize>p * xRow;
    const c0 = C + <usize>p * cP;
    let q = 0;
    for (; q + 4 <= Q; q += 4) {
      const y0 = Y + <usize>q * yRow, y1 = y0 + yRow, y2 = y1 + yRow, y3 = y2 + yRow;
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      for (let o: usize = 0; o < kEnd; o += 16) {
        const u = v128.load(x0 + o);
        a0 = f32x4.add(a0, f32x4.mul(u, v128.load(y0 + o)));
        a1 = f32x4.add(a1, f32x4.mul(u, v128.load(y1 + o)));
        a2 = f32x4.add(a2, f32x4.mul(u, v128.load(y2 + o)));
        a3 = f32x4.add(a3, f32x4.mul(u, v128.load(y3 + o)));
      }
      const d0 = c0 + <usize>q * cQ;
      put(d0, hsum(a0) + tail(x0, y0, K4, K), acc);
      put(d0 + cQ, hsum(a1) + tail(x0, y1, K4, K), acc);
      put(d0 + cQ * 2, hsum(a2) + tail(x0, y2, K4, K), acc);
      put(d0 + cQ * 3, hsum(a3) + tail(x0, y3, K4, K), acc);
    }
    for (; q < Q; q++) {
      const y0 = Y + <usize>q * yRow;
      let a0 = f32x4.splat(0);
      for (let o: usize = 0; o < kEnd; o += 16) {
        a0 = f32x4.add(a0, f32x4.mul(v128.load(x0 + o), v128.load(y0 + o)));
      }
      put(c0 + <usize>q * cQ, hsum(a0) + tail(x0, y0, K4, K), acc);
    }
  }
}
