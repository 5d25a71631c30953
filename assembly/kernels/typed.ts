// Elementwise loops over any dtype, for the ops whose inputs need not be
// float32: comparisons, logical ops, integer arithmetic and integer sums.
// Every element is read as an f64, which holds float32, float64 and int32
// values exactly, so a comparison is exact and integer sums and products are
// exact up to 2^53 (far past the int32 range they are checked against).

import { Op, DType } from '../../abi/abi';

/** Element i of the data at p, of dtype dt, as an f64. */
// @ts-ignore: decorator
@inline export function loadAs(p: usize, i: i32, dt: i32): f64 {
  if (dt == DType.Float32) return <f64>load<f32>(p + (<usize>i << 2));
  if (dt == DType.Float64) return load<f64>(p + (<usize>i << 3));
  return <f64>load<i32>(p + (<usize>i << 2));
}

/** The int32 range int64 and int32 are stored in (abi DType). */
// @ts-ignore: decorator
@inline export function fitsInt32(v: f64): bool { return v >= -2147483648.0 && v <= 2147483647.0; }

/** x (op) y: a comparison or logical op (1 or 0), or integer arithmetic (Add/Sub scale b by alpha). */
// @ts-ignore: decorator
@inline function apply(op: i32, x: f64, y: f64, alpha: f64): f64 {
  switch (op) {
    case Op.Eq: return x == y ? 1 : 0;
    case Op.Ne: return x != y ? 1 : 0;
    case Op.Lt: return x < y ? 1 : 0;
    case Op.Le: return x <= y ? 1 : 0;
    case Op.Gt: return x > y ? 1 : 0;
    case Op.Ge: return x >= y ? 1 : 0;
    // NaN is nonzero, hence true, as in PyTorch
    case Op.LogicalAnd: return x != 0 && y != 0 ? 1 : 0;
    case Op.LogicalOr: return x != 0 || y != 0 ? 1 : 0;
    case Op.LogicalXor: return (x != 0) != (y != 0) ? 1 : 0;
    case Op.Add: return x + alpha * y;
    case Op.Sub: return x - alpha * y;
    case Op.Mul: return x * y;
    // bitwise ops of int32-stored integers and 0/1 bools; a shift by less than 0 or 64 and more gives
    // 0 (left) or the sign (right), as PyTorch 2; a left shift beyond int32 is caught by the caller
    case Op.BitwiseAnd: return <f64>(<i32>x & <i32>y);
    case Op.BitwiseOr: return <f64>(<i32>x | <i32>y);
    case Op.BitwiseXor: return <f64>(<i32>x ^ <i32>y);
    case Op.BitwiseLeftShift: return y < 0 || y >= 64 ? 0 : x * Math.pow(2, y);
    case Op.BitwiseRightShift: return y < 0 || y > 31 ? (x < 0 ? -1 : 0) : <f64>(<i32>x >> <i32>y);
    // integer division and remainders (the front end refuses a zero divisor, as PyTorch): the f64
    // quotient of two int32 values is never close enough to an integer to round onto it
    case Op.DivTrunc: return Math.trunc(x / y);
    case Op.DivFloor: return Math.floor(x / y);
    case Op.Fmod: return x % y;
    case Op.Remainder: return x - y * Math.floor(x / y);
    default: unreachable(); return 0;
  }
}

/**
 * out[i] = a (op) b over the broadcast shape (nd dims at `shape`, n elements);
 * stA/stB hold each operand's element strides per out dim (0 where it
 * broadcasts), counters is scratch. a and b are of dtype `dt`; the result is
 * stored as int32 (bool 0/1, or an integer of dtype `outDt`). Returns false when
 * an integer result leaves the int32 range (out is then partly written).
 */
export function typedBinary(
  op: i32, a: usize, stA: usize, b: usize, stB: usize, dt: i32, out: usize, outDt: i32,
  nd: i32, shape: usize, counters: usize, n: i32, alpha: f64,
): bool {
  for (let d = 0; d < nd; d++) store<i32>(counters + (<usize>d << 2), 0);
  let offA = 0, offB = 0;
  for (let i = 0; i < n; i++) {
    let v = apply(op, loadAs(a, offA, dt), loadAs(b, offB, dt), alpha);
    if (outDt == DType.Bool) v = v != 0 ? 1 : 0;
    else if (!fitsInt32(v)) return false;
    store<i32>(out + (<usize>i << 2), <i32>v);
    // advance the counters, carrying like an odometer
    for (let d = nd - 1; d >= 0; d--) {
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
  return true;
}

/**
 * Sums x (nd dims at `shape`, dtype dt: integer or bool) over the dims in mask
 * into acc (f64 per output element, zeroed here, outN of them), then stores
 * them as int32 into out. Returns false when a sum leaves the int32 range.
 */
export function typedSum(
  x: usize, dt: i32, nd: i32, shape: usize, mask: i32, acc: usize, out: usize, outN: i32, counters: usize, strides: usize,
): bool {
  memory.fill(acc, 0, <usize>outN << 3);
  // the output's stride for each input dim: 0 for reduced dims
  let stride = 1, n = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const size = load<i32>(shape + (<usize>d << 2));
    n *= size;
    const reduced = (mask & (1 << d)) != 0;
    store<i32>(strides + (<usize>d << 2), reduced ? 0 : stride);
    if (!reduced) stride *= size;
    store<i32>(counters + (<usize>d << 2), 0);
  }
  let off = 0;
  for (let i = 0; i < n; i++) {
    const p = acc + (<usize>off << 3);
    store<f64>(p, load<f64>(p) + loadAs(x, i, dt));
    for (let d = nd - 1; d >= 0; d--) {
      const cp = counters + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const s = load<i32>(strides + (<usize>d << 2));
      if (c < load<i32>(shape + (<usize>d << 2))) { store<i32>(cp, c); off += s; break; }
      store<i32>(cp, 0);
      off -= s * (c - 1);
    }
  }
  for (let j = 0; j < outN; j++) {
    const v = load<f64>(acc + (<usize>j << 3));
    if (!fitsInt32(v)) return false;
    store<i32>(out + (<usize>j << 2), <i32>v);
  }
  return true;
}
