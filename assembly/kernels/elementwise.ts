// Elementwise loops over float data, generic over the element type T (f32 or
// f64): binary ops with NumPy/PyTorch broadcasting, unary ops, and tensor-scalar
// ops. The per-op kernels (scalar functions generic over T, SIMD forms for f32)
// are generated from the op table into ../generated/kernels.generated.ts.
//
// Each loop is instantiated per op and element type: the op code is a constant at
// every call site (../generated/dispatch.generated.ts), so after inlining binaryen
// folds the kernel switches away and each op gets its own tight loop (SIMD where
// the op has a SIMD form and T is f32; float64 runs the scalar form).
//
// Arithmetic follows PyTorch's scalar CPU kernels step by step, rounding to
// T where C++ does, so it matches PyTorch bit for bit. exp, log, sigmoid
// and tanh use the SIMD polynomials of vecmath.ts on float32 (within 1.5 ulp, as
// PyTorch's own vectorized kernels use SLEEF's); expm1, log1p, erf, silu, gelu and
// softplus the float64-pair forms of vecmath_wide.ts (within 1 ulp).

import { loadPartial, storePartial } from './vecmath';
import {
  binaryScalar, binaryHasSimd, binarySimd, unaryScalar, unaryHasSimd, unarySimd, scalarScalar, scalarHasSimd, scalarSimd,
  fusedScalar, Fused,
} from '../generated/kernels.generated';

/** log2 of T's size: the element shift of addresses. */
// @ts-ignore: decorator
@inline function shiftOf<T>(): usize { return sizeof<T>() == 8 ? 3 : 2; }

// ---- loops ---------------------------------------------------------------

/**
 * out[i] = a[i] (op) b[i] over n elements, where an operand with stride 0 is a
 * single broadcast value. `sa`/`sb` are 0 or 1.
 */
// @ts-ignore: decorator
@inline export function binaryRun<T>(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, alpha: T): void {
  let i = 0;
  const unit = alpha == 1;
  if (sizeof<T>() == 4 && binaryHasSimd(op)) {
    const av = f32x4.splat(<f32>alpha);
    if (sa && sb) {
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i << 2;
        v128.store(out + o, binarySimd(op, v128.load(a + o), v128.load(b + o), av, unit));
      }
    } else if (sa) {
      const bv = f32x4.splat(load<f32>(b));
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i << 2;
        v128.store(out + o, binarySimd(op, v128.load(a + o), bv, av, unit));
      }
    } else if (sb) {
      const aw = f32x4.splat(load<f32>(a));
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i << 2;
        v128.store(out + o, binarySimd(op, aw, v128.load(b + o), av, unit));
      }
    }
  }
  const sh = shiftOf<T>();
  for (; i < n; i++) {
    const x = load<T>(a + (<usize>(i * sa) << sh));
    const y = load<T>(b + (<usize>(i * sb) << sh));
    store<T>(out + (<usize>i << sh), binaryScalar<T>(op, x, y, alpha));
  }
}

/**
 * Broadcast loop: out has `nd` dims of sizes at `shape`; `stA`/`stB` hold each
 * operand's element strides per out dim (0 where it broadcasts). The innermost
 * dim runs through binaryRun; outer dims step with counters.
 */
// @ts-ignore: decorator
@inline export function binaryBroadcast<T>(
  op: i32, a: usize, stA: usize, b: usize, stB: usize, out: usize, nd: i32, shape: usize, counters: usize, alpha: T,
): void {
  const sh = shiftOf<T>();
  const last = nd - 1;
  const inner = load<i32>(shape + (<usize>last << 2));
  const ia = load<i32>(stA + (<usize>last << 2));
  const ib = load<i32>(stB + (<usize>last << 2));
  let rows = 1;
  for (let d = 0; d < last; d++) {
    rows *= load<i32>(shape + (<usize>d << 2));
    store<i32>(counters + (<usize>d << 2), 0);
  }
  let offA = 0, offB = 0;
  let o = out;
  for (let r = 0; r < rows; r++) {
    binaryRun<T>(op, a + (<usize>offA << sh), ia, b + (<usize>offB << sh), ib, o, inner, alpha);
    o += <usize>inner << sh;
    // advance the outer counters, carrying like an odometer
    for (let d = last - 1; d >= 0; d--) {
      const cp = counters + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const sa = load<i32>(stA + (<usize>d << 2));
      const sb = load<i32>(stB + (<usize>d << 2));
      if (c < load<i32>(shape + (<usize>d << 2))) {
        store<i32>(cp, c);
        offA += sa;
        offB += sb;
        break;
      }
      store<i32>(cp, 0);
      offA -= sa * (c - 1);
      offB -= sb * (c - 1);
    }
  }
}

/**
 * out[i] = op(x[i]). An op with a SIMD form runs four lanes at a time, the last
 * n mod 4 elements through the same SIMD form, so an element's value never
 * depends on where it sits.
 */
// @ts-ignore: decorator
@inline export function unaryRun<T>(op: i32, x: usize, out: usize, n: i32): void {
  if (sizeof<T>() == 8 || !unaryHasSimd(op)) {
    const sh = shiftOf<T>();
    for (let i = 0; i < n; i++) {
      const o = <usize>i << sh;
      store<T>(out + o, unaryScalar<T>(op, load<T>(x + o)));
    }
    return;
  }
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, unarySimd(op, v128.load(x + o)));
  }
  if (i < n) {
    const o = <usize>i << 2;
    storePartial(out + o, unarySimd(op, loadPartial(x + o, n - i)), n - i);
  }
}

/** out[i] = x[i] (op) c; c2 and c3 are more numbers (clamp's max; nan_to_num's posinf, neginf). */
// @ts-ignore: decorator
@inline export function scalarRun<T>(op: i32, x: usize, out: usize, n: i32, c: T, c2: T, c3: T): void {
  let i = 0;
  if (sizeof<T>() == 4 && scalarHasSimd(op)) {
    const cV = f32x4.splat(<f32>c), c2V = f32x4.splat(<f32>c2);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, scalarSimd(op, v128.load(x + o), cV, c2V));
    }
    // the tail through the same SIMD form, as unaryRun's
    if (i < n) {
      const o = <usize>i << 2;
      storePartial(out + o, scalarSimd(op, loadPartial(x + o, n - i), cV, c2V), n - i);
    }
    return;
  }
  const sh = shiftOf<T>();
  for (; i < n; i++) {
    const o = <usize>i << sh;
    store<T>(out + o, scalarScalar<T>(op, load<T>(x + o), c, c2, c3));
  }
}

/** out[i] = kernel(g[i], x[i], y[i], c, c2): a fused backward kernel over equal-sized arrays (y may be 0). */
// @ts-ignore: decorator
@inline export function fusedRun<T>(kind: i32, g: usize, x: usize, y: usize, out: usize, n: i32, c: T, c2: T): void {
  const sh = shiftOf<T>();
  let i = 0;
  // ReLU's backward (x <= 0 ? 0 : g) in a CNN: the scalar form branches per element, and on
  // activations that branch mispredicts half the time (2.3 ms → 0.1 ms over 401,408 floats)
  if (sizeof<T>() == 4 && kind == Fused.ReluBackward) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, v128.bitselect(zero, v128.load(g + o), f32x4.le(v128.load(x + o), zero)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << sh;
    store<T>(out + o, fusedScalar<T>(kind, load<T>(g + o), load<T>(x + o), y ? load<T>(y + o) : <T>0, c, c2));
  }
}
