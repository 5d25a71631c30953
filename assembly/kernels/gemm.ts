// Matrix multiply: C[M×N] = op(A)[M×K] · op(B)[K×N] (+ C), float32, row-major.
//
// Large products go through the GotoBLAS/BLIS scheme: panels of A and B are
// copied ("packed") into contiguous buffers so that the register-blocked
// micro-kernel reads both operands with unit stride and constant immediate
// offsets, whatever the transposes and leading dimensions were. Packing costs
// O(MK + KN) against O(MNK) arithmetic, so it is skipped for skinny products
// (few rows or few columns), which go to direct loops instead.
//
// Why a 4×8 micro-kernel: V8 hands wasm 15 xmm registers on x64 (xmm15 is its
// scratch) and there is no FMA, so `acc += a*b` needs a temporary. TurboFan
// also hoists every load of a loop body to its top, so all 6 loads of a k step
// are live at once: 8 accumulators + 2 B + 4 A + 1 temporary = 15, exactly the
// register file. Larger tiles (5×8 = 18 live) or unrolling k (20 live) spill
// to the stack inside the loop and measured 20-30% slower.
//
// Why A is packed pre-broadcast (each element stored 4 times): with
// `v128.load32_splat` the loop was front-end bound at 34 instructions per k
// step, because V8 cannot fold an offset into a broadcast load (it emits a
// `lea` for each) while a plain `v128.load` takes it as a displacement.
// Pre-broadcasting cuts the k step to 28 instructions (16 arithmetic, 6 loads,
// 6 loop overhead) and the kernel then runs at the machine's mul+add peak: a
// loop of independent f32x4.mul / f32x4.add measures the same ~41 GFLOP/s as
// 256³ gemm (up from 36) on the reference machine (Node 20, x64). The bigger
// packed A costs nothing measurable: it is written with 4-lane shuffles,
// O(MK) work against O(MNK).

import { alloc, free } from '../alloc';

// Micro-tile: MR rows of C × NR columns (two f32x4 vectors).
const MR: i32 = 4;
const NR: i32 = 8;
// Cache blocking. A micro-panel of B (KC×NR×4 = 8 KiB) stays in L1 while the
// micro-kernel sweeps down the MC rows of the packed A block (MC×KC×16 =
// 256 KiB, pre-broadcast), which stays in L2 (1 MiB); the packed B block
// (KC×NC×4 = 2 MiB) lives in L3 and is reused by every MC block of rows.
// KC ∈ {128, 256, 384} × MC ∈ {32, 64, 128} measured within noise of each
// other (KC = 128 ~4% slower): the micro-kernel, which runs at the mul+add
// peak of the machine, is the limit, not memory. MC = 64 rather than 128
// halves the cached A buffer at no measurable cost.
const KC: i32 = 256;
const MC: i32 = 64;
const NC: i32 = 2048;

// Skinny products: below this many rows (or columns) packing doesn't pay back.
const SKINNY: i32 = 8;
// Narrow products that still go to the in-place loops: see narrowPays.
const NARROW: i32 = 24;
const NARROW_ROWS: i32 = 16;
const NARROW_FLOATS: u64 = 64 << 10; // 256 KiB of op(B)

// Packed buffers, cached across calls and grown on demand: a training step
// multiplies the same shapes over and over, so after the first step no
// allocation happens here at all.
//
//  Packed A block (mc × kc), one panel per MR rows, k-major inside a panel,
//  every element splatted to a whole v128 (aaaa = a, a, a, a):
//
//   panel 0 (rows i..i+3)                      panel 1 (rows i+4..i+7)
//  ┌─────────────────────────────────────────┬─────────────────────── ...
//  │ a(0,0)⁴ a(1,0)⁴ a(2,0)⁴ a(3,0)⁴  (64 B)  │ a(4,0)⁴ ... a(7,0)⁴
//  │ a(0,1)⁴ a(1,1)⁴ a(2,1)⁴ a(3,1)⁴          │ ...
//  │  ...   (kc rows of MR v128s)             │
//  └─────────────────────────────────────────┴─────────────────────── ...
//   rows past M are zero, so edge tiles run the same kernel
//
//  Packed B block (kc × nc), one panel per NR columns, k-major inside a panel:
//
//   panel 0 (columns j..j+7)                       panel 1 (j+8..j+15)
//  ┌───────────────────────────────────────────────┬──────────────── ...
//  │ b(0,0) b(0,1) ... b(0,7)  (2 × v128)          │ b(0,8) ... b(0,15)
//  │ b(1,0) b(1,1) ... b(1,7)                      │ ...
//  │  ...   (kc rows of NR floats)                 │
//  └───────────────────────────────────────────────┴──────────────── ...
//   columns past N are zero; every panel starts 16-byte aligned
//
// One k step of the micro-kernel is then one 64-byte row of A (MR broadcast
// vectors) and one 32-byte row of B (NR floats), both contiguous.

let packA: usize = 0;
let packACap: usize = 0;
let packB: usize = 0;
let packBCap: usize = 0;

// Edge tiles are computed into this scratch tile, then the valid part copied.
const tile: usize = memory.data(MR * NR * 4, 16);

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

  const mcMax = min(M, MC);
  const ncMax = min(N, NC);
  const kcMax = min(K, KC);
  const pa = ensureA(<usize>((mcMax + MR - 1) / MR * MR) * kcMax << 4);
  if (!pa) return false;
  const pb = ensureB(<usize>((ncMax + NR - 1) / NR * NR) * kcMax << 2);
  if (!pb) return false;

  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(N - jc, NC);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(K - pc, KC);
      // later K blocks always add onto what the earlier ones stored
      const acc = accumulate || pc > 0;
      packBBlock(kc, nc, B + <usize>pc * bK + <usize>jc * bCol, bK, bCol, transB, pb);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(M - ic, MC);
        packABlock(mc, kc, A + <usize>ic * aRow + <usize>pc * aK, aRow, aK, transA, pa);
        macroKernel(mc, nc, kc, pa, pb, C + <usize>ic * ldcB + (<usize>jc << 2), ldcB, acc);
      }
    }
  }
  return true;
}

/** Sweeps the packed A block against the packed B block, one MR×NR tile at a time. */
function macroKernel(mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, C: usize, ldcB: usize, acc: bool): void {
  const aPanel = <usize>(kc * MR) << 4;
  const bPanel = <usize>(kc * NR) << 2;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(nc - jr, NR);
    const b = pb + <usize>(jr / NR) * bPanel;
    let a = pa;
    const cCol = C + (<usize>jr << 2);
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = min(mc - ir, MR);
      const c = cCol + <usize>ir * ldcB;
      if (mr == MR && nr == NR) {
        kernel4x8(kc, a, b, c, ldcB, acc);
      } else {
        kernel4x8(kc, a, b, tile, NR << 2, false);
        copyTile(mr, nr, c, ldcB, acc);
      }
      a += aPanel;
    }
  }
}

/** The register-blocked inner loop: a 4×8 tile of C in 8 f32x4 accumulators. The loop runs on the A pointer itself, not a counter: one add fewer per k step. */
function kernel4x8(kc: i32, a: usize, b: usize, c: usize, ldcB: usize, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const aEnd = a + (<usize>kc << 6);
  while (a < aEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load(a, 16);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load(a, 32);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load(a, 48);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a += 64;
    b += NR << 2;
  }
  if (acc) {
    c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16)); c += ldcB;
    c10 = f32x4.add(c10, v128.load(c)); c11 = f32x4.add(c11, v128.load(c, 16)); c += ldcB;
    c20 = f32x4.add(c20, v128.load(c)); c21 = f32x4.add(c21, v128.load(c, 16)); c += ldcB;
    c30 = f32x4.add(c30, v128.load(c)); c31 = f32x4.add(c31, v128.load(c, 16));
    c -= ldcB * 3;
  }
  v128.store(c, c00); v128.store(c, c01, 16); c += ldcB;
  v128.store(c, c10); v128.store(c, c11, 16); c += ldcB;
  v128.store(c, c20); v128.store(c, c21, 16); c += ldcB;
  v128.store(c, c30); v128.store(c, c31, 16);
}

/** Copies the valid mr×nr corner of the scratch tile to C. */
function copyTile(mr: i32, nr: i32, c: usize, ldcB: usize, acc: bool): void {
  for (let i = 0; i < mr; i++) {
    const src = tile + (<usize>(i * NR) << 2);
    const dst = c + <usize>i * ldcB;
    for (let j = 0; j < nr; j++) {
      const o = <usize>j << 2;
      let v = load<f32>(src + o);
      if (acc) v += load<f32>(dst + o);
      store<f32>(dst + o, v);
    }
  }
}

/**
 * Packs op(A)[mc×kc] (element (r,k) at A + r*aRow + k*aK) into MR-row panels,
 * each element stored splatted across a v128 (see the diagram above).
 */
function packABlock(mc: i32, kc: i32, A: usize, aRow: usize, aK: usize, transA: bool, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = min(mc - ir, MR);
    const src = A + <usize>ir * aRow;
    if (mr == MR && transA) {
      // the MR rows of op(A) at one k are contiguous in A^T storage
      let s = src;
      for (let k = 0; k < kc; k++) {
        const v = v128.load(s);
        v128.store(dst, v128.shuffle<f32>(v, v, 0, 0, 0, 0));
        v128.store(dst, v128.shuffle<f32>(v, v, 1, 1, 1, 1), 16);
        v128.store(dst, v128.shuffle<f32>(v, v, 2, 2, 2, 2), 32);
        v128.store(dst, v128.shuffle<f32>(v, v, 3, 3, 3, 3), 48);
        s += aK;
        dst += MR << 4;
      }
    } else if (mr == MR) {
      // four consecutive k of one row per load
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const o = <usize>k << 2;
        for (let r = 0; r < MR; r++) {
          const v = v128.load(src + <usize>r * aRow + o);
          const d = dst + (<usize>r << 4);
          v128.store(d, v128.shuffle<f32>(v, v, 0, 0, 0, 0));
          v128.store(d, v128.shuffle<f32>(v, v, 1, 1, 1, 1), 64);
          v128.store(d, v128.shuffle<f32>(v, v, 2, 2, 2, 2), 128);
          v128.store(d, v128.shuffle<f32>(v, v, 3, 3, 3, 3), 192);
        }
        dst += MR << 6;
      }
      for (; k < kc; k++) {
        const s = src + (<usize>k << 2);
        for (let r = 0; r < MR; r++) v128.store(dst + (<usize>r << 4), v128.load32_splat(s + <usize>r * aRow));
        dst += MR << 4;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        const s = src + <usize>k * aK;
        for (let r = 0; r < MR; r++) {
          v128.store(dst + (<usize>r << 4), f32x4.splat(r < mr ? load<f32>(s + <usize>r * aRow) : 0));
        }
        dst += MR << 4;
      }
    }
  }
}

/** Packs op(B)[kc×nc] (element (k,j) at B + k*bK + j*bCol) into NR-column panels. */
function packBBlock(kc: i32, nc: i32, B: usize, bK: usize, bCol: usize, transB: bool, dst: usize): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(nc - jr, NR);
    const src = B + <usize>jr * bCol;
    if (nr == NR && !transB) {
      let s = src;
      for (let k = 0; k < kc; k++) {
        v128.store(dst, v128.load(s));
        v128.store(dst, v128.load(s, 16), 16);
        s += bK;
        dst += NR << 2;
      }
    } else if (nr == NR) {
      // eight rows of B^T storage, transposed 4×4 at a time into two half-rows
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const o = <usize>k << 2;
        for (let h = 0; h < 2; h++) {
          const r0 = src + <usize>(h * 4) * bCol + o;
          const x0 = v128.load(r0), x1 = v128.load(r0 + bCol);
          const x2 = v128.load(r0 + bCol * 2), x3 = v128.load(r0 + bCol * 3);
          const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
          const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
          const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
          const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
          const d = dst + (<usize>h << 4);
          v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
          v128.store(d, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 32);
          v128.store(d, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 64);
          v128.store(d, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 96);
        }
        dst += NR << 4;
      }
      for (; k < kc; k++) {
        const s = src + (<usize>k << 2);
        for (let j = 0; j < NR; j++) store<f32>(dst + (<usize>j << 2), load<f32>(s + <usize>j * bCol));
        dst += NR << 2;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        const s = src + <usize>k * bK;
        for (let j = 0; j < NR; j++) {
          store<f32>(dst + (<usize>j << 2), j < nr ? load<f32>(s + <usize>j * bCol) : 0);
        }
        dst += NR << 2;
      }
    }
  }
}

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
