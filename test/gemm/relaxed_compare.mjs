// The relaxed-SIMD gemm against the plain one on the same inputs, self-contained
// (no imports, no closures) so that the same function runs in a Node child
// process started with --experimental-wasm-relaxed-simd and, as source text, in
// headless Chromium (test/gemm-relaxed.test.ts).

/**
 * plainBytes: assembly/gemm_relaxed.ts built without WASMGRAD_RELAXED (the plain micro-kernel);
 * relaxedBytes: the same entry built with it (src/wasm/relaxed_module.generated.ts). Both are
 * instantiated over one memory and run kernels/gemm_packed.ts's packedGemm on the same operands.
 * Returns { cases, differ, failures }: differ counts the elements whose bits differ (FMA rounds
 * once), failures the elements outside rtol 1e-5 of Σ|a·b| + |c0|, or writes outside C.
 */
export function compareKernels(plainBytes, relaxedBytes) {
  const memory = new WebAssembly.Memory({ initial: 64 });
  const load = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)), { env: { memory } }).exports.gemm_packed;
  const kernels = [load(plainBytes), load(relaxedBytes)];
  // packing buffers at their largest (MC × KC pre-broadcast, NC × KC), the edge tile, then operands
  const pa = 65536, pb = pa + 64 * 256 * 16, tile = pb + 2048 * 256 * 4, top = tile + 128;

  let s = 0x9e3779b9;
  const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 2 ** 32 - 0.5; };
  const shapes = [];
  const sizes = [1, 7, 8, 9, 13, 33, 67];
  for (const M of sizes) for (const N of sizes) for (const K of [1, 3, 17, 64]) shapes.push([M, N, K]);
  // K blocks (KC = 256) with a tail, M blocks (MC = 64) with a tail, edge tiles on both sides
  shapes.push([130, 40, 600], [70, 300, 257], [257, 260, 300], [256, 256, 256], [64, 2056, 20]);

  let cases = 0, differ = 0;
  const failures = [];
  for (const [M, N, K] of shapes) {
    for (let v = 0; v < 8; v++) {
      const tA = v & 1, tB = (v >> 1) & 1, acc = (v >> 2) & 1;
      const lda = (tA ? M : K) + (v % 3), ldb = (tB ? K : N) + (v % 2), ldc = N + 1;
      const aLen = (tA ? K : M) * lda, bLen = (tB ? N : K) * ldb, cLen = M * ldc;
      const A = Float32Array.from({ length: aLen }, rnd), B = Float32Array.from({ length: bLen }, rnd);
      const C0 = Float32Array.from({ length: cLen }, rnd);
      const A0 = top, B0 = A0 + aLen * 4 + 4, Cp = B0 + bLen * 4 + 4; // + 4: C unaligned
      const need = Math.ceil((Cp + cLen * 4) / 65536) - memory.buffer.byteLength / 65536;
      if (need > 0) memory.grow(need);
      const out = [];
      for (const gemm of kernels) {
        const mem = new Float32Array(memory.buffer);
        mem.set(A, A0 >> 2); mem.set(B, B0 >> 2); mem.set(C0, Cp >> 2);
        gemm(tA, tB, M, N, K, A0, lda, B0, ldb, acc, Cp, ldc, pa, pb, tile);
        out.push(mem.slice(Cp >> 2, (Cp >> 2) + cLen));
      }
      const [p, r] = out;
      for (let i = 0; i < M; i++) for (let j = 0; j < ldc; j++) {
        const o = i * ldc + j;
        if (j === N) {
          if (p[o] !== C0[o] || r[o] !== C0[o]) failures.push(`${M}×${N}×${K} v${v}: wrote into C's padding`);
          continue;
        }
        let mag = acc ? Math.abs(C0[o]) : 0;
        for (let k = 0; k < K; k++) mag += Math.abs(A[tA ? k * lda + i : i * lda + k] * B[tB ? j * ldb + k : k * ldb + j]);
        if (p[o] !== r[o]) differ++;
        if (!(Math.abs(p[o] - r[o]) <= 1e-5 * mag) && failures.length < 20) {
          failures.push(`${M}×${N}×${K} tA=${tA} tB=${tB} acc=${acc} C(${i},${j}): plain ${p[o]}, relaxed ${r[o]}`);
        }
      }
      cases++;
    }
  }
  return { cases, differ, failures };
}
