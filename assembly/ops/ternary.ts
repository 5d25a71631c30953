// Ternary elementwise ops of the wasm device (the js device's src/js/ops/ternary.ts
// computes the same): three tensors broadcast to the output's shape (nd dims at
// `shape`, computed by the TS layer), in b's dtype (float32 or float64: the kernel is generic
// over the element type T), arithmetic as PyTorch's CPU kernels.
//
//   op          a          b         c        out
//   Where       condition  self      other    a ? b : c          (a bool; record: b, c; saves a)
//   LerpTensor  self       end       weight   |c| < 0.5 ? a + c·(b − a) : b − (b − a)·(1 − c)
//   Addcmul     self       tensor1   tensor2  a + value·b·c
//   Addcdiv     self       tensor1   tensor2  a + value·b / c

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, requiresGrad, dtypeOf } from '../tensors';
import { is_grad_enabled, newRecord, setInput, setParams, save } from '../tape';
import { argsPtr } from '../scratch';
import { expandCompute } from './shape';

/** x's elements at the shape: x itself (a new ref is not taken) or a materialised broadcast. */
function at(x: i32, n: i32, nd: i32, shape: usize): i32 {
  return numelOf(x) == n ? x : expandCompute(x, nd, shape);
}

/** out = op(a, b, c) over n elements of type T (a: Where's int32 condition, else T). */
function ternaryKernel<T>(op: i32, pa: usize, pb: usize, pc: usize, po: usize, n: i32, value: f64): void {
  const v = <T>value, sh = alignof<T>();
  switch (op) {
    case Op.Where:
      for (let i = 0; i < n; i++) {
        const o = <usize>i << sh;
        store<T>(po + o, load<i32>(pa + (<usize>i << 2)) != 0 ? load<T>(pb + o) : load<T>(pc + o));
      }
      break;
    case Op.LerpTensor:
      for (let i = 0; i < n; i++) {
        const o = <usize>i << sh;
        const s = load<T>(pa + o), e = load<T>(pb + o), w = load<T>(pc + o), d = e - s;
        store<T>(po + o, abs<T>(w) < 0.5 ? s + w * d : e - d * (<T>1 - w));
      }
      break;
    case Op.Addcmul:
      for (let i = 0; i < n; i++) {
        const o = <usize>i << sh;
        store<T>(po + o, load<T>(pa + o) + v * load<T>(pb + o) * load<T>(pc + o));
      }
      break;
    case Op.Addcdiv:
      for (let i = 0; i < n; i++) {
        const o = <usize>i << sh;
        store<T>(po + o, load<T>(pa + o) + v * load<T>(pb + o) / load<T>(pc + o));
      }
      break;
    default: unreachable();
  }
}

/** The op over a, b, c broadcast to the shape, not recorded. */
export function ternaryCompute(op: i32, a: i32, b: i32, c: i32, value: f64, nd: i32, shape: usize): i32 {
  const out = newTensor(nd, shape, dtypeOf(b));
  if (!out) return Err.OutOfMemory;
  const n = numelOf(out);
  if (n == 0) return out;
  const ea = at(a, n, nd, shape), eb = at(b, n, nd, shape), ec = at(c, n, nd, shape);
  if (ea < 0 || eb < 0 || ec < 0) {
    if (ea > 0 && ea != a) release(ea);
    if (eb > 0 && eb != b) release(eb);
    if (ec > 0 && ec != c) release(ec);
    release(out);
    return Err.OutOfMemory;
  }
  if (dtypeOf(b) == DType.Float64) ternaryKernel<f64>(op, dataOf(ea), dataOf(eb), dataOf(ec), dataOf(out), n, value);
  else ternaryKernel<f32>(op, dataOf(ea), dataOf(eb), dataOf(ec), dataOf(out), n, value);
  if (ea != a) release(ea);
  if (eb != b) release(eb);
  if (ec != c) release(ec);
  return out;
}

/** The op, recorded with what its derivative reads (where: inputs self and other, the condition saved). */
export function ternaryAt(op: i32, a: i32, b: i32, c: i32, value: f64, nd: i32, shape: usize): i32 {
  const out = ternaryCompute(op, a, b, c, value, nd, shape);
  const where = op == Op.Where;
  const needs = requiresGrad(b) || requiresGrad(c) || (!where && requiresGrad(a));
  if (out < 0 || !is_grad_enabled() || !needs) return out;
  const r = newRecord(op, where ? 2 : 3, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  if (where) {
    setInput(r, 0, b);
    setInput(r, 1, c);
    save(r, 0, a);
  } else {
    setInput(r, 0, a);
    setInput(r, 1, b);
    setInput(r, 2, c);
    save(r, 0, a);
    save(r, 1, b);
    save(r, 2, c);
  }
  setParams(r, value, 0, 0, 0);
  return out;
}

/** ternaryAt with the output's shape (nd dims) in the args buffer. */
export function ternary(op: i32, a: i32, b: i32, c: i32, value: f64, nd: i32): i32 {
  return ternaryAt(op, a, b, c, value, nd, argsPtr());
}
