// Convolution of the wasm device (F.conv1d / F.conv2d, node ConvolutionBackward0)
// by im2col (kernels/conv.ts) and the packed gemm (float64: gemm64). Per image n
// and group gi, with L = OH·OW, Cg = C/groups, Og = O/groups, Kg = Cg·kh·kw:
//
//   forward        out[n, gi]  = W[gi] [Og, Kg] · cols[gi] [Kg, L]      (+ bias)
//   input grad     dcols[gi]   = W[gi]ᵀ · g[n, gi],  then col2im into dx[n]
//   weight grad    dW[gi]     += g[n, gi] · cols[gi]ᵀ
//   bias grad      db[o]       = Σ over n and L of g[n, o]
//
// A 1×1 kernel with stride 1 and no padding reads the image itself as cols.
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
import { padPlanes, packTaps, packedTapBytes, directConv, directConvWeight, DIRECT_SLACK } from '../kernels/conv_direct';
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

@inline function direct(): bool { return KH == 1 && KW == 1 && SH == 1 && SW == 1 && PH == 0 && PW == 0; }

// The measured rule (docs/design.md, "Convolution on the wasm device"; docs/benchmarks.md, "direct
// loops for few taps" and "the input gradient as a direct convolution"): float32, stride 1, not the
// unpadded 1×1 case. The forward and the input gradient (the transposed convolution's own forward,
// O/groups·kh·kw taps) take the direct loops of kernels/conv_direct.ts up to DIRECT_MAX taps when the
// padded image they read fits DIRECT_IMAGE floats per group, the forward at any size up to 36 taps;
// the weight gradient only up to DIRECT_W taps; the rest im2col and the packed gemm.
// bench/conv-rule.mjs moves the limits at run time (conv_set_rule) to measure both sides in one process.
let DIRECT_MAX = 576, DIRECT_IMAGE = 16384, DIRECT_W = 36;
export function conv_set_rule(max: i32, image: i32, w: i32): void { DIRECT_MAX = max; DIRECT_IMAGE = image; DIRECT_W = w; }
@inline function stride1(): bool { return !F64 && SH == 1 && SW == 1 && !direct(); }
/** Direct loops at taps per output, image floats (one group of the padded image) per sweep. */
@inline function pays(taps: i32, image: i32): bool { return taps <= DIRECT_MAX && image <= DIRECT_IMAGE; }
@inline function loopsPay(): bool {
  const taps = (C / G) * KH * KW;
  return stride1() && (taps <= min(36, DIRECT_MAX) || pays(taps, (C / G) * (OH + DH * (KH - 1)) * (OW + DW * (KW - 1))));
}
@inline function loopsPayW(): bool { return stride1() && (C / G) * KH * KW <= DIRECT_W; }
@inline function loopsPayBack(): bool { return stride1() && pays((O / G) * KH * KW, (O / G) * (H + DH * (KH - 1)) * (W + DW * (KW - 1))); }

/**
 * The forward (k = 0), weight gradient (k = 1) or input gradient (k = 2) by the direct loops over
 * all images and groups: out (the output, or g for k = 1), or for k = 2 out = dx from x = g.
 */
function loopsOver(k: i32, x: i32, w: i32, bias: i32, out: i32): bool {
  // the input gradient at stride 1 is a convolution of g, padded by dh·(kh − 1) − ph, by the flipped weight
  const back = k == 2;
  const Ci = back ? O : C, Hi = back ? OH : H, Wi = back ? OW : W, Co = back ? C : O, Ho = back ? H : OH, Wo = back ? W : OW;
  const ph = back ? DH * (KH - 1) - PH : PH, pw = back ? DW * (KW - 1) - PW : PW;
  const Hr = Ho + DH * (KH - 1), Wr = Wo + DW * (KW - 1), Cg = Ci / G, Og = Co / G, L = Ho * Wo, Kg = Cg * KH * KW;
  // the padded image, then (not for the weight gradient) each group's packed weights and the tap offsets
  const pBytes = <usize>((Ci * Hr * Wr + DIRECT_SLACK + 3) & ~3) << 2, wBytes = k != 1 ? packedTapBytes(Og, Kg) : 0;
  const P = alloc(pBytes + G * wBytes + (<usize>Kg << 2));
  if (!P) return false;
  const wp = P + pBytes, taps = wp + G * wBytes;
  if (k != 1) for (let gi = 0; gi < G; gi++) {
    packTaps(dataOf(w) + (<usize>(gi * Og * Kg) << 2), Og, Cg, KH, KW, DH, DW, Hr, Wr, back, wp + <usize>gi * wBytes, taps);
  }
  for (let n = 0; n < N; n++) {
    padPlanes(dataOf(x) + ((<usize>n * Ci * Hi * Wi) << 2), Ci, Hi, Wi, ph, pw, Hr, Wr, P);
    for (let gi = 0; gi < G; gi++) {
      const pg = P + (<usize>(gi * Cg * Hr * Wr) << 2);
      const yg = dataOf(out) + ((<usize>(n * Co + gi * Og) * L) << 2);
      if (k != 1) directConv(pg, Wr, wp + <usize>gi * wBytes, taps, Kg, Og, bias != 0, bias ? dataOf(bias) + (<usize>(gi * Og) << 2) : 0, yg, Ho, Wo);
      else directConvWeight(pg, Cg, Hr, Wr, yg, Og, KH, KW, DH, DW, OH, OW, dataOf(w) + (<usize>(gi * Og * Kg) << 2));
    }
  }
  free(P);
  return true;
}

/** im2col of the image at x into cols, or with `back` col2im of cols onto x. */
function unroll(x: usize, cols: usize, back: bool): void {
  if (F64) im2col<f64>(x, C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OH, OW, cols, back);
  else im2col<f32>(x, C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OH, OW, cols, back);
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

function colsBuffer(): usize {
  return alloc(max<usize>(<usize>C * KH * KW * OH * OW << SZ, 16));
}

/** The convolution of x by w (+ bias, 0 for none) under the current geometry; not recorded. */
function convCompute(x: i32, w: i32, bias: i32): i32 {
  store<i32>(SHAPE, N);
  store<i32>(SHAPE, O, 4);
  if (ND == 4) { store<i32>(SHAPE, OH, 8); store<i32>(SHAPE, OW, 12); } else store<i32>(SHAPE, OW, 8);
  const dtype = dtypeOf(x);
  // every element is written: the bias, or the first product when there is none
  const out = newTensor(ND, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  if (loopsPay()) {
    if (loopsOver(0, x, w, bias, out)) return out;
    release(out); return Err.OutOfMemory;
  }
  const L = OH * OW, Og = O / G, Kg = (C / G) * KH * KW;
  const po = dataOf(out);
  if (bias) {
    const pb = dataOf(bias);
    for (let n = 0; n < N; n++) {
      for (let o = 0; o < O; o++) {
        const p = po + ((<usize>(n * O + o) * L) << SZ);
        if (F64) { const v = load<f64>(pb + (<usize>o << 3)); for (let l = 0; l < L; l++) store<f64>(p + (<usize>l << 3), v); }
        else {
          const v = load<f32>(pb + (<usize>o << 2)), v4 = f32x4.splat(v);
          let l = 0;
          for (; l + 4 <= L; l += 4) v128.store(p + (<usize>l << 2), v4);
          for (; l < L; l++) store<f32>(p + (<usize>l << 2), v);
        }
      }
    }
  }
  const one = direct();
  const cols: usize = one ? <usize>0 : colsBuffer();
  if (!one && !cols) { release(out); return Err.OutOfMemory; }
  let ok = true;
  for (let n = 0; n < N && ok; n++) {
    const xn = dataOf(x) + ((<usize>n * C * H * W) << SZ);
    if (!one) unroll(xn, cols, false);
    const src = one ? xn : cols;
    for (let gi = 0; gi < G && ok; gi++) {
      ok = mm(false, false, Og, L, Kg, dataOf(w) + ((<usize>gi * Og * Kg) << SZ), Kg, src + ((<usize>gi * Kg * L) << SZ), L,
        bias != 0, po + ((<usize>(n * O + gi * Og) * L) << SZ), L);
    }
  }
  if (cols) free(cols);
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
 * weight, from the input `other`) under the current geometry; not recorded:
 * dx[n] = col2im(Wᵀ·g[n]), dW = Σ_n g[n]·cols(x[n])ᵀ.
 */
export function convGrad(k: i32, g: i32, other: i32, shape: usize): i32 {
  const loops = k == 0 ? loopsPayBack() : loopsPayW();
  // the direct input gradient writes every element of d: no zero fill first
  const d = loops && k == 0 ? newTensor(ND, shape, dtypeOf(g)) : zeros(ND, shape, dtypeOf(g));
  if (!d) return Err.OutOfMemory;
  if (loops) {
    // for the weight (k = 1), d; the output gradient g stands where the forward's output was
    if (k == 0 ? loopsOver(2, g, other, 0, d) : loopsOver(1, other, d, 0, g)) return d;
    release(d); return Err.OutOfMemory;
  }
  const L = OH * OW, Og = O / G, Kg = (C / G) * KH * KW;
  const one = direct();
  const cols: usize = one ? <usize>0 : colsBuffer();
  if (!one && !cols) { release(d); return Err.OutOfMemory; }
  let ok = true;
  for (let n = 0; n < N && ok; n++) {
    const xn = dataOf(k == 0 ? d : other) + ((<usize>n * C * H * W) << SZ);
    if (!one && k == 1) unroll(xn, cols, false);
    const src = one ? xn : cols;
    for (let gi = 0; gi < G && ok; gi++) {
      const gn = dataOf(g) + ((<usize>(n * O + gi * Og) * L) << SZ), cg = src + ((<usize>gi * Kg * L) << SZ);
      ok = k == 0
        ? mm(true, false, Kg, L, Og, dataOf(other) + ((<usize>gi * Og * Kg) << SZ), Kg, gn, L, one, cg, L)
        : mm(false, true, Og, Kg, L, gn, L, cg, L, true, dataOf(d) + ((<usize>gi * Og * Kg) << SZ), Kg);
    }
    if (k == 0 && !one) unroll(xn, cols, true);
  }
  if (cols) free(cols);
  if (!ok) { release(d); return Err.OutOfMemory; }
  return d;
}


/** Adds bias [Ch] to each channel of t [N, Ch, L]. */
function addChannelBias(t: i32, bias: i32, Nn: i32, Ch: i32, L: i32): void {
  const pt = dataOf(t), pb = dataOf(bias);
  for (let n = 0; n < Nn; n++) {
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
    if (out > 0 && bias) addChannelBias(out, bias, N, C, H * W);
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
      else {
        // still a float64 sum, two lanes per half of each 4 floats (the scalar loop was 3% of the CNN step)
        let a = f64x2.splat(0), b = f64x2.splat(0), l = 0;
        for (; l + 4 <= L; l += 4) {
          const v = v128.load(p + (<usize>l << 2));
          a = f64x2.add(a, f64x2.promote_low_f32x4(v));
          b = f64x2.add(b, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
        }
        const t = f64x2.add(a, b);
        s += f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
        for (; l < L; l++) s += <f64>load<f32>(p + (<usize>l << 2));
      }
    }
    if (F64) store<f64>(pd + (<usize>o << 3), s); else store<f32>(pd + (<usize>o << 2), <f32>s);
  }
  return db;
}

/** The bias gradient of the family's X (role 0, ConvolutionTranspose) or Y (role 2, Convolution) under the current geometry; not recorded. */
export function convBiasGrad(role: i32, g: i32): i32 {
  return role == 0 ? channelSum(g, N, C, H * W) : channelSum(g, N, O, OH * OW);
}
