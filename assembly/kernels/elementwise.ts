// Elementwise kernels over float32 data: binary ops with NumPy/PyTorch
// broadcasting, unary ops, and tensor-scalar ops.
//
// Each family is one generic loop instantiated per op: the op code is a
// constant at every call site, so after inlining binaryen folds the switch away
// and each op gets its own tight (SIMD where the op has a SIMD form) loop.
//
// Arithmetic follows PyTorch's scalar CPU kernels step by step, rounding to
// float32 where C++ does, so it matches PyTorch bit for bit. exp, log, sigmoid
// and tanh use the SIMD polynomials of vecmath.ts (within 1.5 ulp, as PyTorch's
// own vectorized kernels use SLEEF's); pow keeps f64 Math.pow, then rounds.

import { Op } from '../../abi/abi';
import { expV, logV, sigmoidV, tanhV, loadPartial, storePartial } from './vecmath';

// ---- scalar forms -------------------------------------------------------

// @ts-ignore: decorator
@inline export function binaryScalar(op: i32, x: f32, y: f32, alpha: f32): f32 {
  switch (op) {
    case Op.Add: return x + alpha * y;
    case Op.Sub: return x - alpha * y;
    case Op.Mul: return x * y;
    case Op.Div: return x / y;
    case Op.Pow: return powC(x, y);
    case Op.Maximum: return max<f32>(x, y);
    case Op.Minimum: return min<f32>(x, y);
    default: return NaN;
  }
}

/** x (op) c for the scalar-operand ops; c2 is clamp's max. */
// @ts-ignore: decorator
@inline export function scalarScalar(op: i32, x: f32, c: f32, c2: f32): f32 {
  switch (op) {
    case Op.AddScalar: return x + c;
    case Op.SubScalar: return x - c;
    case Op.MulScalar: return x * c;
    case Op.DivScalar: return x / c;
    case Op.PowScalar: return powScalar(x, c);
    case Op.Rsub: return c - x;
    case Op.Rpow: return powC(c, x);
    case Op.Clamp: return clampScalar(x, c, c2);
    default: return NaN;
  }
}

// PyTorch special-cases these exponents (pow_tensor_scalar_optimized_kernel).
// @ts-ignore: decorator
@inline export function powScalar(x: f32, c: f32): f32 {
  if (c == 2) return x * x;
  if (c == 3) return x * x * x;
  if (c == 0.5) return sqrt<f32>(x);
  if (c == -0.5) return <f32>1 / sqrt<f32>(x);
  if (c == -1) return <f32>1 / x;
  if (c == -2) return <f32>1 / (x * x);
  return powC(x, c);
}

// C's pow, which PyTorch calls: 1^y and (-1)^±inf are 1, where JS's Math.pow gives NaN
// (tested only on a NaN result, off the common path)
// @ts-ignore: decorator
@inline export function powC(x: f32, y: f32): f32 {
  const p = <f32>Math.pow(<f64>x, <f64>y);
  return p != p && (x == 1 || (x == -1 && abs<f32>(y) == Infinity)) ? 1 : p;
}

// std::min(std::max(x, lo), hi) as PyTorch computes it: a missing bound is ∓inf, a NaN
// bound alone is ignored, NaN for both means PyTorch's all-NaN result for a NaN bound
// next to another bound (src/ops/elementwise.ts), and a NaN input stays NaN
// @ts-ignore: decorator
@inline function clampScalar(x: f32, lo: f32, hi: f32): f32 {
  if (isNaN(lo) && isNaN(hi)) return NaN;
  const y = x < lo ? lo : x;
  return hi < y ? hi : y;
}

// ---- SIMD forms (ops without one use the scalar form) -------------------

// @ts-ignore: decorator
@inline function binaryHasSimd(op: i32): bool {
  return op == Op.Add || op == Op.Sub || op == Op.Mul || op == Op.Div || op == Op.Maximum || op == Op.Minimum;
}

// @ts-ignore: decorator
@inline function binarySimd(op: i32, x: v128, y: v128, alpha: v128, unitAlpha: bool): v128 {
  switch (op) {
    case Op.Add: return f32x4.add(x, unitAlpha ? y : f32x4.mul(alpha, y));
    case Op.Sub: return f32x4.sub(x, unitAlpha ? y : f32x4.mul(alpha, y));
    case Op.Mul: return f32x4.mul(x, y);
    case Op.Div: return f32x4.div(x, y);
    case Op.Maximum: return f32x4.max(x, y);
    default: return f32x4.min(x, y);
  }
}

// ---- loops ---------------------------------------------------------------

/**
 * out[i] = a[i] (op) b[i] over n elements, where an operand with stride 0 is a
 * single broadcast value. `sa`/`sb` are 0 or 1.
 */
// @ts-ignore: decorator
@inline export function binaryRun(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, alpha: f32): void {
  let i = 0;
  const unit = alpha == 1;
  if (binaryHasSimd(op)) {
    const av = f32x4.splat(alpha);
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
  for (; i < n; i++) {
    const x = load<f32>(a + (<usize>(i * sa) << 2));
    const y = load<f32>(b + (<usize>(i * sb) << 2));
    store<f32>(out + (<usize>i << 2), binaryScalar(op, x, y, alpha));
  }
}

/**
 * Broadcast loop: out has `nd` dims of sizes at `shape`; `stA`/`stB` hold each
 * operand's element strides per out dim (0 where it broadcasts). The innermost
 * dim runs through binaryRun; outer dims step with counters.
 */
// @ts-ignore: decorator
@inline export function binaryBroadcast(
  op: i32, a: usize, stA: usize, b: usize, stB: usize, out: usize, nd: i32, shape: usize, counters: usize, alpha: f32,
): void {
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
    binaryRun(op, a + (<usize>offA << 2), ia, b + (<usize>offB << 2), ib, o, inner, alpha);
    o += <usize>inner << 2;
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

// @ts-ignore: decorator
@inline function unarySimd(op: i32, v: v128): v128 {
  switch (op) {
    case Op.Neg: return f32x4.neg(v);
    case Op.Abs: return f32x4.abs(v);
    case Op.Sqrt: return f32x4.sqrt(v);
    case Op.Relu: return v128.bitselect(f32x4.splat(0), v, f32x4.lt(v, f32x4.splat(0))); // keeps NaN
    case Op.Exp: return expV(v);
    case Op.Log: return logV(v);
    case Op.Sigmoid: return sigmoidV(v);
    case Op.Tanh: return tanhV(v);
    default: return f32x4.splat(NaN);
  }
}

/**
 * out[i] = op(x[i]), four lanes at a time; the last n mod 4 elements go
 * through the same SIMD form, so an element's value never depends on where it sits.
 */
// @ts-ignore: decorator
@inline export function unaryRun(op: i32, x: usize, out: usize, n: i32): void {
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

/** out[i] = x[i] (op) c */
// @ts-ignore: decorator
@inline export function scalarRun(op: i32, x: usize, out: usize, n: i32, c: f32, c2: f32): void {
  let i = 0;
  if (op == Op.AddScalar || op == Op.SubScalar || op == Op.MulScalar || op == Op.Rsub) {
    const cv = f32x4.splat(c);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const v = v128.load(x + o);
      let r: v128;
      if (op == Op.AddScalar) r = f32x4.add(v, cv);
      else if (op == Op.SubScalar) r = f32x4.sub(v, cv);
      else if (op == Op.MulScalar) r = f32x4.mul(v, cv);
      else r = f32x4.sub(cv, v);
      v128.store(out + o, r);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, scalarScalar(op, load<f32>(x + o), c, c2));
  }
}
