// The packed path of the float32 gemm (kernels/gemm.ts decides when it runs):
// the GotoBLAS/BLIS scheme, where panels of A and B are copied ("packed") into
// contiguous buffers so that the register-blocked micro-kernel reads both
// operands with unit stride and constant immediate offsets, whatever the
// transposes and leading dimensions were.
//
// It allocates nothing: the caller hands it the packing buffers and the edge
// tile, so the same code runs in the main module (its cached buffers) and in
// the gemm worker module over shared memory (assembly/gemm_worker.ts, buffers
// the thread pool reserved). Every element of C is the same chain of
// operations whatever column range a call covers (its k sum in KC blocks, in
// order, then + C), so splitting C into column panels across threads gives
// bit-identical results.
//
// Why a 4×8 micro-kernel: V8 hands wasm 15 xmm registers on x64 (xmm15 is its
// scratch) and SIMD128 has no FMA, so `acc += a*b` needs a temporary (the
// relaxed-SIMD build, assembly/gemm_relaxed.ts, fuses it but keeps the tile). TurboFan
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

// Micro-tile: MR rows of C × NR columns (two f32x4 vectors).
export const MR: i32 = 4;
export const NR: i32 = 8;
// Cache blocking. A micro-panel of B (KC×NR×4 = 8 KiB) stays in L1 while the
// micro-kernel sweeps down the MC rows of the packed A block (MC×KC×16 =
// 256 KiB, pre-broadcast), which stays in L2 (1 MiB); the packed B block
// (KC×NC×4 = 2 MiB) lives in L3 and is reused by every MC block of rows.
// KC ∈ {128, 256, 384} × MC ∈ {32, 64, 128} measured within noise of each
// other (KC = 128 ~4% slower): the micro-kernel, which runs at the mul+add
// peak of the machine, is the limit, not memory. MC = 64 rather than 128
// halves the cached A buffer at no measurable cost.
export const KC: i32 = 256;
export const MC: i32 = 64;
export const NC: i32 = 2048;

// The packed buffers:
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

/** Bytes of the packed A buffer for an M×K op(A) (at most one MC×KC block, pre-broadcast). */
export function packedBytesA(M: i32, K: i32): usize {
  return <usize>((min(M, MC) + MR - 1) / MR * MR) * min(K, KC) << 4;
}

/** Bytes of the packed B buffer for a K×N op(B) (at most one KC×NC block). */
export function packedBytesB(N: i32, K: i32): usize {
  return <usize>((min(N, NC) + NR - 1) / NR * NR) * min(K, KC) << 2;
}

/** Bytes of the edge tile (16-byte aligned). */
export const TILE_BYTES: i32 = MR * NR * 4;

/**
 * C[M×N] = op(A) · op(B) (+ C if accumulate), as gemm() documents, M, N, K > 0, through buffers
 * pa (packedBytesA), pb (packedBytesB) and the 16-byte aligned edge tile (TILE_BYTES).
 */
export function packedGemm(transA: bool, transB: bool, M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, accumulate: bool, C: usize, ldc: i32, pa: usize, pb: usize, tile: usize): void {
  // Element (r, k) of op(A) lives at A + r*aRow + k*aK (bytes); same for B.
  const aRow: usize = transA ? 4 : <usize>lda << 2;
  const aK: usize = transA ? <usize>lda << 2 : 4;
  const bK: usize = transB ? 4 : <usize>ldb << 2;
  const bCol: usize = transB ? <usize>ldb << 2 : 4;
  const ldcB: usize = <usize>ldc << 2;
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
        macroKernel(mc, nc, kc, pa, pb, C + <usize>ic * ldcB + (<usize>jc << 2), ldcB, acc, tile);
      }
    }
  }
}

/** Sweeps the packed A block against the packed B block, one MR×NR tile at a time. */
function macroKernel(mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, C: usize, ldcB: usize, acc: bool, tile: usize): void {
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
        copyTile(tile, mr, nr, c, ldcB, acc);
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
    c00 = madd(c00, x, b0);
    c01 = madd(c01, x, b1);
    x = v128.load(a, 16);
    c10 = madd(c10, x, b0);
    c11 = madd(c11, x, b1);
    x = v128.load(a, 32);
    c20 = madd(c20, x, b0);
    c21 = madd(c21, x, b1);
    x = v128.load(a, 48);
    c30 = madd(c30, x, b0);
    c31 = madd(c31, x, b1);
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

/**
 * c + x·b. The relaxed build (assembly/gemm_relaxed.ts, WASMGRAD_RELAXED) emits f32x4.relaxed_madd,
 * which V8 lowers to one FMA where the CPU has it (one rounding instead of two: results may differ
 * from the plain build in the last bits, within the matmul tolerance); every other build, mul + add.
 */
// @ts-ignore: decorator
@inline function madd(c: v128, x: v128, b: v128): v128 {
  if (isDefined(WASMGRAD_RELAXED)) return f32x4.relaxed_madd(x, b, c);
  return f32x4.add(c, f32x4.mul(x, b));
}

/** Copies the valid mr×nr corner of the scratch tile to C. */
function copyTile(tile: usize, mr: i32, nr: i32, c: usize, ldcB: usize, acc: bool): void {
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
