// Elementwise kernels of the js device. The arithmetic formulas are the wasm
// device's (assembly/kernels/elementwise.ts) step for step, with Math.fround
// where AssemblyScript rounds to f32, so both devices agree bit for bit on
// them. Transcendentals are V8's f64 Math functions rounded once to f32 (within
// 0.5 ulp, test/vecmath.test.ts), where the wasm device uses SIMD polynomials
// (within 1.5 ulp): the devices agree to those bounds, not bit for bit.
//
// The hot ops (add, sub, mul, div on equal shapes or a scalar operand) get
// their own loops: a loop calling through a function table would be
// megamorphic and several times slower in V8.

import { Op } from '../../../abi/abi.js';

const f = Math.fround;

export type BinaryFn = (x: number, y: number, alpha: number) => number;
export type UnaryFn = (x: number) => number;

export const binaryFns: Partial<Record<Op, BinaryFn>> = {
  [Op.Add]: (x, y, a) => x + (a === 1 ? y : f(a * y)),
  [Op.Sub]: (x, y, a) => x - (a === 1 ? y : f(a * y)),
  [Op.Mul]: (x, y) => x * y,
  [Op.Div]: (x, y) => x / y,
  [Op.Pow]: (x, y) => powC(x, y),
  [Op.Maximum]: (x, y) => (x !== x || y !== y ? NaN : Math.max(x, y)),
  [Op.Minimum]: (x, y) => (x !== x || y !== y ? NaN : Math.min(x, y)),
};

export const unaryFns: Partial<Record<Op, UnaryFn>> = {
  [Op.Neg]: (x) => -x,
  [Op.Exp]: (x) => Math.exp(x),
  [Op.Log]: (x) => Math.log(x),
  [Op.Sqrt]: (x) => Math.sqrt(x),
  [Op.Abs]: (x) => Math.abs(x),
  [Op.Sigmoid]: (x) => sigmoid(x),
  [Op.Tanh]: (x) => Math.tanh(x),
  [Op.Relu]: (x) => (x < 0 ? 0 : x),
};

/**
 * The logistic function in f64, rounded once by the caller's store: e^−|x|
 * never overflows, and e/(1+e) for x < 0 stays accurate into the float32
 * subnormals, where PyTorch's 1/(1 + e^−x) gives 0 (as the wasm device's sigmoidV).
 */
function sigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return (x >= 0 ? 1 : e) / (1 + e);
}

/** PyTorch's special-cased exponents (pow_tensor_scalar_optimized_kernel). */
export function powScalar(x: number, c: number): number {
  if (c === 2) return f(x * x);
  if (c === 3) return f(f(x * x) * x);
  if (c === 0.5) return f(Math.sqrt(x));
  if (c === -0.5) return f(1 / f(Math.sqrt(x)));
  if (c === -1) return f(1 / x);
  if (c === -2) return f(1 / f(x * x));
  return f(powC(x, c));
}

/** C's pow, which PyTorch calls: 1^y and (-1)^±inf are 1, where Math.pow gives NaN. */
export function powC(x: number, y: number): number {
  return x === 1 || (x === -1 && Math.abs(y) === Infinity) ? 1 : Math.pow(x, y);
}

// std::min(std::max(x, lo), hi), as the wasm kernel (missing bounds are ∓inf, NaN for both
// bounds means an all-NaN result)
function clamp(x: number, lo: number, hi: number): number {
  if (lo !== lo && hi !== hi) return NaN;
  const y = x < lo ? lo : x;
  return hi < y ? hi : y;
}

export const scalarFns: Partial<Record<Op, (x: number, c: number, c2: number) => number>> = {
  [Op.AddScalar]: (x, c) => x + c,
  [Op.SubScalar]: (x, c) => x - c,
  [Op.MulScalar]: (x, c) => x * c,
  [Op.DivScalar]: (x, c) => x / c,
  [Op.PowScalar]: powScalar,
  [Op.Rsub]: (x, c) => c - x,
  [Op.Rpow]: (x, c) => powC(c, x),
  [Op.Clamp]: clamp,
};

/**
 * out[i] = a[i*sa] (op) b[i*sb] for i < n, with strides 0 or 1; the fast ops
 * have dedicated loops. Operands are float32 arrays, so each store rounds.
 */
export function binaryRun(
  op: Op, a: Float32Array, aOff: number, sa: number, b: Float32Array, bOff: number, sb: number,
  out: Float32Array, oOff: number, n: number, alpha: number,
): void {
  if (alpha === 1 && sa === 1 && sb === 1) {
    switch (op) {
      case Op.Add: for (let i = 0; i < n; i++) out[oOff + i] = a[aOff + i] + b[bOff + i]; return;
      case Op.Sub: for (let i = 0; i < n; i++) out[oOff + i] = a[aOff + i] - b[bOff + i]; return;
      case Op.Mul: for (let i = 0; i < n; i++) out[oOff + i] = a[aOff + i] * b[bOff + i]; return;
      case Op.Div: for (let i = 0; i < n; i++) out[oOff + i] = a[aOff + i] / b[bOff + i]; return;
    }
  } else if (alpha === 1 && sa === 1 && sb === 0) {
    const y = b[bOff];
    switch (op) {
      case Op.Add: for (let i = 0; i < n; i++) out[oOff + i] = a[aOff + i] + y; return;
      case Op.Sub: for (let i = 0; i < n; i++) out[oOff + i] = a[aOff + i] - y; return;
      case Op.Mul: for (let i = 0; i < n; i++) out[oOff + i] = a[aOff + i] * y; return;
      case Op.Div: for (let i = 0; i < n; i++) out[oOff + i] = a[aOff + i] / y; return;
    }
  }
  const fn = binaryFns[op]!;
  for (let i = 0; i < n; i++) out[oOff + i] = fn(a[aOff + i * sa], b[bOff + i * sb], alpha);
}

/** Element strides of `shape` right-aligned into `nd` dims, 0 where it broadcasts to `out`. */
export function broadcastStrides(shape: readonly number[], out: readonly number[]): number[] {
  const nd = out.length;
  const strides = new Array<number>(nd).fill(0);
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const di = d - (nd - shape.length);
    if (di < 0) continue;
    const s = shape[di];
    strides[d] = s === 1 && out[d] !== 1 ? 0 : stride;
    stride *= s;
  }
  return strides;
}

/** a (op) b broadcast to outShape: rows of the last dim through binaryRun, outer dims by odometer. */
export function binaryBroadcast(
  op: Op, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[],
  out: Float32Array, outShape: readonly number[], alpha: number,
): void {
  const nd = outShape.length;
  const stA = broadcastStrides(aShape, outShape), stB = broadcastStrides(bShape, outShape);
  const last = nd - 1;
  const inner = outShape[last];
  const rows = out.length / inner;
  const counters = new Array<number>(nd).fill(0);
  let offA = 0, offB = 0;
  for (let r = 0, o = 0; r < rows; r++, o += inner) {
    binaryRun(op, a, offA, stA[last], b, offB, stB[last], out, o, inner, alpha);
    for (let d = last - 1; d >= 0; d--) {
      const c = counters[d] + 1;
      if (c < outShape[d]) { counters[d] = c; offA += stA[d]; offB += stB[d]; break; }
      counters[d] = 0;
      offA -= stA[d] * (c - 1);
      offB -= stB[d] * (c - 1);
    }
  }
}

export function unaryRun(op: Op, x: Float32Array, out: Float32Array): void {
  const n = x.length;
  switch (op) {
    case Op.Neg: for (let i = 0; i < n; i++) out[i] = -x[i]; return;
    case Op.Relu: for (let i = 0; i < n; i++) { const v = x[i]; out[i] = v < 0 ? 0 : v; } return;
    // each transcendental in its own loop: V8 inlines the Math call there
    case Op.Exp: for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]); return;
    case Op.Log: for (let i = 0; i < n; i++) out[i] = Math.log(x[i]); return;
    case Op.Tanh: for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]); return;
    case Op.Sigmoid: for (let i = 0; i < n; i++) out[i] = sigmoid(x[i]); return;
  }
  const fn = unaryFns[op]!;
  for (let i = 0; i < n; i++) out[i] = fn(x[i]);
}

export function scalarRun(op: Op, x: Float32Array, out: Float32Array, c: number, c2: number): void {
  const n = x.length;
  const cf = f(c), c2f = f(c2);
  switch (op) {
    case Op.AddScalar: for (let i = 0; i < n; i++) out[i] = x[i] + cf; return;
    case Op.MulScalar: for (let i = 0; i < n; i++) out[i] = x[i] * cf; return;
  }
  const fn = scalarFns[op]!;
  for (let i = 0; i < n; i++) out[i] = fn(x[i], cf, c2f);
}
