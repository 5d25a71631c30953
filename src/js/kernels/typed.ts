// Elementwise loops over any dtype for the js device: comparisons, logical
// ops, integer arithmetic and integer sums (assembly/kernels/typed.ts is the
// wasm device's). Elements are JS numbers (doubles), exact for every dtype.

import { Op, DType } from '../../../abi/abi.js';
import type { Data } from '../../device.js';
import { fitsInt32 } from '../../dtype.js';

/** x (op) y: a comparison or logical op (1 or 0), or integer arithmetic (Add/Sub scale y by alpha). */
function apply(op: Op, x: number, y: number, alpha: number): number {
  switch (op) {
    case Op.Eq: return x === y ? 1 : 0;
    case Op.Ne: return x !== y ? 1 : 0;
    case Op.Lt: return x < y ? 1 : 0;
    case Op.Le: return x <= y ? 1 : 0;
    case Op.Gt: return x > y ? 1 : 0;
    case Op.Ge: return x >= y ? 1 : 0;
    // NaN is nonzero, hence true, as in PyTorch
    case Op.LogicalAnd: return x !== 0 && y !== 0 ? 1 : 0;
    case Op.LogicalOr: return x !== 0 || y !== 0 ? 1 : 0;
    case Op.LogicalXor: return (x !== 0) !== (y !== 0) ? 1 : 0;
    case Op.Add: return x + alpha * y;
    case Op.Sub: return x - alpha * y;
    case Op.Mul: return x * y;
    // bitwise ops of int32-stored integers and 0/1 bools; a shift by less than 0 or 64 and more gives
    // 0 (left) or the sign (right), as PyTorch 2; a left shift beyond int32 is caught by the caller
    case Op.BitwiseAnd: return x & y;
    case Op.BitwiseOr: return x | y;
    case Op.BitwiseXor: return x ^ y;
    case Op.BitwiseLeftShift: return y < 0 || y >= 64 ? 0 : x * 2 ** y;
    case Op.BitwiseRightShift: return y < 0 || y > 31 ? (x < 0 ? -1 : 0) : x >> y;
    // integer division and remainders (the front end refuses a zero divisor, as PyTorch): the double
    // quotient of two int32 values is never close enough to an integer to round onto it
    case Op.DivTrunc: return Math.trunc(x / y);
    case Op.DivFloor: return Math.floor(x / y);
    case Op.Fmod: return x % y;
    case Op.Remainder: return x - y * Math.floor(x / y);
    default: throw new Error(`wasmgrad: op ${op} is not a typed elementwise op`);
  }
}

/**
 * out[i] = a (op) b over the broadcast `shape`; stA/stB are the operands' element
 * strides per out dim (0 where they broadcast). Stores bools as 0/1 when outDt is
 * Bool; returns false when an integer result leaves the int32 range.
 */
export function typedBinary(
  op: Op, a: Data, stA: readonly number[], b: Data, stB: readonly number[], out: Int32Array, outDt: DType,
  shape: readonly number[], alpha: number,
): boolean {
  const nd = shape.length, counters = new Array<number>(nd).fill(0);
  let offA = 0, offB = 0;
  for (let i = 0; i < out.length; i++) {
    let v = apply(op, a[offA], b[offB], alpha);
    if (outDt === DType.Bool) v = v !== 0 ? 1 : 0;
    else if (!fitsInt32(v)) return false;
    out[i] = v;
    for (let d = nd - 1; d >= 0; d--) {
      const c = counters[d] + 1;
      if (c < shape[d]) { counters[d] = c; offA += stA[d]; offB += stB[d]; break; }
      counters[d] = 0;
      offA -= stA[d] * (c - 1);
      offB -= stB[d] * (c - 1);
    }
  }
  return true;
}

/** Sums x (of `shape`) over the dims in mask into out (the kept dims' layout); false past int32. */
export function typedSum(x: Data, shape: readonly number[], mask: number, out: Int32Array): boolean {
  const nd = shape.length;
  const strides = new Array<number>(nd), counters = new Array<number>(nd).fill(0);
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const reduced = (mask & (1 << d)) !== 0;
    strides[d] = reduced ? 0 : stride;
    if (!reduced) stride *= shape[d];
  }
  const acc = new Float64Array(out.length);
  let off = 0;
  for (let i = 0; i < x.length; i++) {
    acc[off] += x[i];
    for (let d = nd - 1; d >= 0; d--) {
      const c = counters[d] + 1;
      if (c < shape[d]) { counters[d] = c; off += strides[d]; break; }
      counters[d] = 0;
      off -= strides[d] * (c - 1);
    }
  }
  for (let j = 0; j < acc.length; j++) {
    if (!fitsInt32(acc[j])) return false;
    out[j] = acc[j];
  }
  return true;
}
