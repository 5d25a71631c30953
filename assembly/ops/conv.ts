// Convolution of the wasm device (F.conv1d / F.conv2d, node ConvolutionBackward0)
// by im2col (kernels/conv.ts) and the packed gemm (float64: gemm64). The images of
// the batch unroll side by side into one cols [K, n·L] (L = OH·OW, K = C·kh·kw), so
// each product is one gemm per group over the whole batch (or chunks of it, see
// chunkOf), with the output or its gradient reordered between [N, O, L] and
// [O, n·L]; Cg = C/groups, Og = O/groups, Kg = Cg·kh·kw:
//
//   forward        out[gi]    = W[gi] [Og, Kg] · cols[gi] [Kg, n·L]      (+ bias)
//   input grad     dcols[gi]  = W[gi]ᵀ · g[gi],  then col2im into dx
//   weight grad    dW[gi]    += g[gi] [Og, n·L] · cols[gi]ᵀ
//   bias grad      db[o]      = Σ over n and L of g[n, o]
//
// Why batched: per image, conv2 of the CNN bench (32×144 · 144×196) ran at 1.3–6
// GFLOP/s, its gemms too small to pay for their packing; over the batch of 32 the
// same products are 32×144 · 144×6272 (docs/benchmarks.md).
// 3-D tensors are conv1d ([N, C, L], weight [O, C/groups, k]): H = kh = 1.
// The record keeps (sh | sw << 16, ph | pw << 16) in i0, i1, dh + dw·65536 in s0
// and groups in s1; the shapes come from its inputs.
//
// The family of three ops over one geometry (input X, weight W, output Y), each
// the others' derivative, so create_graph records to any order:
//   Convolution           Y = conv(X, W)          dX = transposed(gY, W), dW = weight(X, gY)
//   ConvolutionTranspose  X = transposed(Y, W)    dY = conv(gX, W),       dW = weight(gX, Y)
//   ConvolutionWeight     W = weight(X, Y)        dX = transposed(Y, gW), dY = conv(X, gW)
// (transposed is conv's input gradient: F.conv_transpose2d; weight its weight gradient).

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, shapePtr, dtypeOf, elemShift } from '../tensors';
import { setParams } from '../tape';
import { alloc, free } from '../alloc';
import { SHAPE } from '../scratch';
import { gemm } from '../kernels/gemm';
import { gemm64 } from '../kernels/gemm64';
import { im2col } from '../kernels/conv';
import { recordWeighted } from './linalg';

let ND = 4, N = 0, C = 0, H = 1, W = 0, O = 0, KH = 1, KW = 0, OH = 1, OW = 0;
let SH = 1, SW = 1, PH = 0, PW = 0, DH = 1, DW = 1, G = 1;
let F64 = false, SZ: usize = 2;

/** Sets the geometry from the shapes of x and w (nd dims each) and the parameters. */
export function convGeometry(nd: i32, xs: usize, ws: usize, dtype: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, g: i32): void {
  ND = nd;
  N = load<i32>(xs); C = load<i32>(xs, 4); O = load<i32>(ws);
  if (nd == 4) {
    H = load<i32>(xs, 8); W = load<i32>(xs, 12); KH = load<i32>(ws, 8); KW = load<i32>(ws, 12);
  } else {
    H = 1; W = load<i32>(xs, 8); KH = 1; KW = load<i32>(ws, 8);
  }
  SH = sh; SW = sw; PH = ph; PW = pw; DH = dh; DW = dw; G = g;
  OH = (H + 2 * PH - DH * (KH - 1) - 1) / SH + 1;
  OW = (W + 2 * PW - DW * (KW - 1) - 1) / SW + 1;
  F64 = dtype == DType.Float64;
  SZ = elemShift(dtype);
}

/** The geometry of the convolution record r made. */
export function convGeometryOf(nd: i32, xs: usize, ws: usize, dtype: i32, i0: i32, i1: i32, s0: f64, s1: f64): void {
  const d = <i32>s0;
  convGeometry(nd, xs, ws, dtype, i0 & 0xffff, i0 >>> 16, i1 & 0xffff, i1 >>> 16, d & 0xffff, d >>> 16, <i32>s1);
}

/** The geometry of three given shapes X, W and Y (Y's spatial sizes are not computed: output_padding). */
export function convGeometryXWY(nd: i32, xs: usize, ws: usize, ys: usize, dtype: i32, i0: i32, i1: i32, s0: f64, s1: f64): void {
  convGeometryOf(nd, xs, ws, dtype, i0, i1, s0, s1);
  OH = nd == 4 ? load<i32>(ys, 8) : 1;
  OW = load<i32>(ys + (<usize>(nd - 1) << 2));
}

/**
 * How many images go into one batched gemm: all of them, unless cols [K, n·L] and the
 * reordered output or gradient [O, n·L] together would pass CHUNK_BYTES (then as many as fit,
 * at least one).
 */
const CHUNK_BYTES: u64 = 64 << 20;
function chunkOf(): i32 {
  const perImage = (<u64>(C * KH * KW) + <u64>O) * <u64>(OH * OW) << SZ;
  return <i32>max<u64>(1, min<u64>(<u64>N, CHUNK_BYTES / max<u64>(perImage, 1)));
}

/** im2col of images [n0, n0 + nb) of x into cols [K, nb·L], or with `back` col2im of cols onto them. */
function unroll(x: usize, n0: i32, nb: i32, cols: usize, back: bool): void {
  const L = OH * OW, ld = nb * L;
  for (let n = 0; n < nb; n++) {
    const xn = x + ((<usize>(n0 + n) * C * H * W) << SZ), cn = cols + ((<usize>n * L) << SZ);
    if (F64) im2col<f64>(xn, C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OH, OW, cn, back, ld);
    else im2col<f32>(xn, C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OH, OW, cn, back, ld);
  }
}

/**
 * Between a tensor t [N, Ch, L] and a buffer [Ch, nb·L] of images [n0, n0 + nb): gathers the
 * images into the buffer, or with `back` writes the buffer into t (plus bias [Ch] when given).
 */
function reorder(t: usize, buf: usize, n0: i32, nb: i32, Ch: i32, back: bool, bias: i32): void {
  const L = OH * OW, row = <usize>L << SZ;
  for (let c = 0; c < Ch; c++) {
    for (let n = 0; n < nb; n++) {
      const pt = t + ((<usize>((n0 + n) * Ch + c) * L) << SZ), pb = buf + ((<usize>(c * nb + n) * L) << SZ);
      if (!back) { memory.copy(pb, pt, row); continue; }
      if (!bias) { memory.copy(pt, pb, row); continue; }
      if (F64) { const v = load<f64>(dataOf(bias) + (<usize>c << 3)); for (let l = 0; l < L; l++) store<f64>(pt + (<usize>l << 3), load<f64>(pb + (<usize>l << 3)) + v); }
      else { const v = load<f32>(dataOf(bias) + (<usize>c << 2)); for (let l = 0; l < L; l++) store<f32>(pt + (<usize>l << 2), load<f32>(pb + (<usize>l << 2)) + v); }
    }
  }
}

/** op(A)·op(B) (+ C when acc) on the kernel of the dtype; false when memory ran out. */
function mm(ta: bool, tb: bool, M: i32, Nn: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, acc: bool, Cp: usize, ldc: i32): bool {
  if (F64) { gemm64(ta, tb, M, Nn, K, A, lda, B, ldb, acc, Cp, ldc); return true; }
  return gemm(ta, tb, M, Nn, K, A, lda, B, ldb, acc, Cp, ldc);
}

/** A zero-filled new tensor of nd dims at shape. */
function zeros(nd: i32, shape: usize, dtype: i32): i32 {
  const t = newTensor(nd, shape, dtype);
  if (t) memory.fill(dataOf(t), 0, <usize>numelOf(t) << SZ);
  return t;
}

/** The working buffers of a chunk of nb images: cols [K, nb·L] at BUF, then [O, nb·L] at BUF2 (none for one image). */
let BUF: usize = 0, BUF2: usize = 0;
function buffers(nb: i32): bool {
  const L = <usize>OH * OW, cols = max<usize>(<usize>C * KH * KW * nb * L << SZ, 16);
  BUF = alloc(cols + (nb > 1 ? <usize>O * nb * L << SZ : 0));
  BUF2 = BUF + cols;
  return BUF != 0;
}

/** The convolution of x by w (+ bias, 0 for none) under the current geometry; not recorded. */
function convCompute(x: i32, w: i32, bias: i32): i32 {
  store<i32>(SHAPE, N);
  store<i32>(SHAPE, O, 4);
  if (ND == 4) { store<i32>(SHAPE, OH, 8); store<i32>(SHAPE, OW, 12); } else store<i32>(SHAPE, OW, 8);
  const dtype = dtypeOf(x);
  // every element is written: by the gemms (not accumulating), then the reorder or the bias
  const out = newTensor(ND, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  const L = OH * OW, Og = O / G, Kg = (C / G) * KH * KW;
  const po = dataOf(out), nb = chunkOf();
  if (!buffers(nb)) { release(out); return Err.OutOfMemory; }
  let ok = true;
  for (let n0 = 0; n0 < N && ok; n0 += nb) {
    const m = min(nb, N - n0), ld = m * L;
    unroll(dataOf(x), n0, m, BUF, false);
    // one image writes its output in place; more go through [O, m·L] and are reordered
    const dst = m == 1 ? po + ((<usize>n0 * O * L) << SZ) : BUF2;
    for (let gi = 0; gi < G && ok; gi++) {
      ok = mm(false, false, Og, ld, Kg, dataOf(w) + ((<usize>gi * Og * Kg) << SZ), Kg, BUF + ((<usize>gi * Kg * ld) << SZ), ld,
        false, dst + ((<usize>gi * Og * ld) << SZ), ld);
    }
    if (m > 1) reorder(po, BUF2, n0, m, O, true, bias);
    else if (bias) addChannelBias(out, bias, n0, 1, O, L);
  }
  free(BUF);
  if (!ok) { release(out); return Err.OutOfMemory; }
  return out;
}

/**
 * F.conv1d / F.conv2d: x [N, C, (H,) W], w [O, C/groups, (kh,) kw], bias [O] or 0;
 * p: sh, sw, ph, pw, dh, dw, groups (i32s, validated by the front end).
 */
export function convolution(x: i32, w: i32, bias: i32, p: usize): i32 {
  convGeometry(ndimOf(x), shapePtr(x), shapePtr(w), dtypeOf(x), load<i32>(p), load<i32>(p, 4), load<i32>(p, 8),
    load<i32>(p, 12), load<i32>(p, 16), load<i32>(p, 20), load<i32>(p, 24));
  const out = convCompute(x, w, bias);
  if (out < 0) return out;
  const r = recordWeighted(Op.Convolution, x, w, bias, out);
  if (!r) return Err.OutOfMemory;
  if (r > 1) setParams(r, <f64>DH + <f64>DW * 65536, <f64>G, SH | (SW << 16), PH | (PW << 16));
  return out;
}

/**
 * The gradient of input k (0: the input, shaped like `shape`, from the weight `other`; 1: the
 * weight, from the input `other`) under the current geometry; not recorded. Per chunk of images,
 * with g reordered to [O, n·L]: dx = col2im(Wᵀ·g), dW += g·colsᵀ.
 */
export function convGrad(k: i32, g: i32, other: i32, shape: usize): i32 {
  const d = zeros(ND, shape, dtypeOf(g));
  if (!d) return Err.OutOfMemory;
  const L = OH * OW, Og = O / G, Kg = (C / G) * KH * KW;
  const nb = chunkOf();
  if (!buffers(nb)) { release(d); return Err.OutOfMemory; }
  let ok = true;
  for (let n0 = 0; n0 < N && ok; n0 += nb) {
    const m = min(nb, N - n0), ld = m * L;
    if (k == 1) unroll(dataOf(other), n0, m, BUF, false);
    const gs = m == 1 ? dataOf(g) + ((<usize>n0 * O * L) << SZ) : BUF2;
    if (m > 1) reorder(dataOf(g), BUF2, n0, m, O, false, 0);
    for (let gi = 0; gi < G && ok; gi++) {
      const gn = gs + ((<usize>gi * Og * ld) << SZ), cg = BUF + ((<usize>gi * Kg * ld) << SZ);
      ok = k == 0
        ? mm(true, false, Kg, ld, Og, dataOf(other) + ((<usize>gi * Og * Kg) << SZ), Kg, gn, ld, false, cg, ld)
        : mm(false, true, Og, Kg, ld, gn, ld, cg, ld, true, dataOf(d) + ((<usize>gi * Og * Kg) << SZ), Kg);
    }
    if (k == 0) unroll(dataOf(d), n0, m, BUF, true);
  }
  free(BUF);
  if (!ok) { release(d); return Err.OutOfMemory; }
  return d;
}


/** Adds bias [Ch] to each channel of images [n0, n0 + Nn) of t [N, Ch, L]. */
function addChannelBias(t: i32, bias: i32, n0: i32, Nn: i32, Ch: i32, L: i32): void {
  const pt = dataOf(t), pb = dataOf(bias);
  for (let n = n0; n < n0 + Nn; n++) {
    for (let c = 0; c < Ch; c++) {
      const p = pt + ((<usize>(n * Ch + c) * L) << SZ);
      if (F64) { const v = load<f64>(pb + (<usize>c << 3)); for (let l = 0; l < L; l++) store<f64>(p + (<usize>l << 3), load<f64>(p + (<usize>l << 3)) + v); }
      else { const v = load<f32>(pb + (<usize>c << 2)); for (let l = 0; l < L; l++) store<f32>(p + (<usize>l << 2), load<f32>(p + (<usize>l << 2)) + v); }
    }
  }
}

/**
 * One op of the family (see the top) over the shapes xs, ws, ys and the record parameters:
 * Convolution(a = X, b = W, bias), ConvolutionTranspose(a = Y, b = W, bias over X's channels),
 * ConvolutionWeight(a = X, b = Y); recorded when grad mode and an input ask for it.
 */
export function convFamily(op: i32, a: i32, b: i32, bias: i32, xs: usize, ws: usize, ys: usize, i0: i32, i1: i32, s0: f64, s1: f64): i32 {
  convGeometryXWY(ndimOf(a), xs, ws, ys, dtypeOf(a), i0, i1, s0, s1);
  let out: i32;
  if (op == Op.Convolution) out = convCompute(a, b, bias);
  else if (op == Op.ConvolutionTranspose) {
    out = convGrad(0, a, b, xs);
    if (out > 0 && bias) addChannelBias(out, bias, 0, N, C, H * W);
  } else out = convGrad(1, b, a, ws);
  if (out < 0) return out;
  const r = recordWeighted(op, a, b, bias, out);
  if (!r) return Err.OutOfMemory;
  if (r > 1) setParams(r, s0, s1, i0, i1);
  return out;
}

/**
 * F.conv_transpose1d / F.conv_transpose2d: y [N, O, (h,) w] by w [O, C/groups, (kh,) kw] into
 * [N, C, (H,) W] = the shape after p's seven parameters (validated by the front end).
 */
export function convolution_transpose(y: i32, w: i32, bias: i32, p: usize): i32 {
  const nd = ndimOf(y);
  const xs = p + 28;
  const i0 = load<i32>(p) | (load<i32>(p, 4) << 16), i1 = load<i32>(p, 8) | (load<i32>(p, 12) << 16);
  return convFamily(Op.ConvolutionTranspose, y, w, bias, xs, shapePtr(w), shapePtr(y), i0, i1,
    <f64>load<i32>(p, 16) + <f64>load<i32>(p, 20) * 65536, <f64>load<i32>(p, 24));
}

/** The sums of g [N, Ch, L] over N and L, per channel [Ch]; not recorded. */
function channelSum(g: i32, Nn: i32, Ch: i32, L: i32): i32 {
  store<i32>(SHAPE, Ch);
  const db = zeros(1, SHAPE, dtypeOf(g));
  if (!db) return Err.OutOfMemory;
  const pg = dataOf(g), pd = dataOf(db);
  for (let o = 0; o < Ch; o++) {
    let s = 0.0;
    for (let n = 0; n < Nn; n++) {
      const p = pg + ((<usize>(n * Ch + o) * L) << SZ);
      if (F64) for (let l = 0; l < L; l++) s += load<f64>(p + (<usize>l << 3));
      else for (let l = 0; l < L; l++) s += <f64>load<f32>(p + (<usize>l << 2));
    }
    if (F64) store<f64>(pd + (<usize>o << 3), s); else store<f32>(pd + (<usize>o << 2), <f32>s);
  }
  return db;
}

/** The bias gradient of the family's X (role 0, ConvolutionTranspose) or Y (role 2, Convolution) under the current geometry; not recorded. */
export function convBiasGrad(role: i32, g: i32): i32 {
  return role == 0 ? channelSum(g, N, C, H * W) : channelSum(g, N, O, OH * OW);
}
