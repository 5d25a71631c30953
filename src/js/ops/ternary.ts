// Ternary elementwise ops (js device), as on the wasm device (assembly/ops/ternary.ts):
// three tensors broadcast to the output's shape, in b's dtype, float32 arithmetic rounded at
// every step as PyTorch's CPU kernels compute it (float64's: not rounded, f is the identity).
//
//   op          a          b         c        out
//   Where       condition  self      other    a ? b : c          (a bool; record: b, c; saves a)
//   LerpTensor  self       end       weight   from the nearer end, |c| < 0.5 ? a + c·(b − a) : b − (b − a)·(1 − c)
//   Addcmul     self       tensor1   tensor2  a + value·b·c
//   Addcdiv     self       tensor1   tensor2  a + value·b / c

import { Op } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';
import { expandCompute } from '../ops.js';

type Floats = Float32Array | Float64Array;

/** The elements of x at `shape` (x itself when it has them all). */
const at = (x: JsTensor, shape: number[], n: number): JsTensor => (x.numel === n ? x : expandCompute(x, shape));

/** The op over a, b, c broadcast to `shape`, not recorded. */
export function ternaryCompute(op: Op, a: JsTensor, b: JsTensor, c: JsTensor, value: number, shape: number[]): JsTensor {
  const out = empty(shape.slice(), b.dtype);
  const n = out.numel;
  if (n === 0) return out;
  const A = at(a, shape, n).data, B = at(b, shape, n).data as Floats, C = at(c, shape, n).data as Floats;
  const o = out.data as Floats, f = roundOf(b.dtype), v = f(value);
  switch (op) {
    case Op.Where: for (let i = 0; i < n; i++) o[i] = A[i] ? B[i] : C[i]; break;
    case Op.LerpTensor:
      for (let i = 0; i < n; i++) {
        const s = A[i], e = B[i], w = C[i], d = f(e - s);
        o[i] = Math.abs(w) < 0.5 ? f(s + f(w * d)) : f(e - f(d * f(1 - w)));
      }
      break;
    case Op.Addcmul: for (let i = 0; i < n; i++) o[i] = f(A[i] + f(f(v * B[i]) * C[i])); break;
    case Op.Addcdiv: for (let i = 0; i < n; i++) o[i] = f(A[i] + f(f(v * B[i]) / C[i])); break;
    default: throw new Error(`ternary: op ${op}`);
  }
  return out;
}

/** The op, recorded with what its derivative reads (where: self and other, condition saved). */
export function ternary(op: Op, a: JsTensor, b: JsTensor, c: JsTensor, value: number, shape: number[]): JsTensor {
  const out = ternaryCompute(op, a, b, c, value, shape);
  const r = record(op, out, op === Op.Where ? [b, c] : [a, b, c]);
  if (r) {
    r.s0 = value;
    r.saved = op === Op.Where ? [a] : [a, b, c];
  }
  return out;
}
