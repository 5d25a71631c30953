// Elementwise ops of the wasm device: allocate the output, run the kernel,
// record the op when autograd needs it. Inputs are validated by the TS layer
// (src/shape.ts) before the call; these functions return a tensor id, or a
// negative Err code when memory ran out (then nothing has changed).

import { Op, Err, DType, RecFlag } from '../../abi/abi';
import {
  newTensorN, newTensor, release, dataOf, numelOf, ndimOf, dimOf, shapePtr,
} from '../tensors';
import { shouldRecord1, shouldRecord2, newRecord, setInput, save, saveOutput, setParams, recFlags, setRecFlags } from '../tape';
import { SHAPE, STR_A, STR_B, COUNTERS } from '../scratch';
import { binaryRun, binaryBroadcast, unaryRun, scalarRun } from '../kernels/elementwise';
import { broadcastStrides } from '../kernels/strided';

/** Writes the broadcast shape of a and b into SHAPE; returns its ndim. */
export function broadcastShape(a: i32, b: i32): i32 {
  const na = ndimOf(a), nb = ndimOf(b);
  const nd = max(na, nb);
  for (let d = 0; d < nd; d++) {
    const da = d - (nd - na), db = d - (nd - nb);
    const sa = da >= 0 ? dimOf(a, da) : 1;
    const sb = db >= 0 ? dimOf(b, db) : 1;
    store<i32>(SHAPE + (<usize>d << 2), sa == 1 ? sb : sa);
  }
  return nd;
}

// One switch per family turns the runtime op code into a constant for the
// inlined loops (see kernels/elementwise.ts).
function binaryKernel(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, alpha: f32): void {
  switch (op) {
    case Op.Add: binaryRun(Op.Add, a, sa, b, sb, out, n, alpha); break;
    case Op.Sub: binaryRun(Op.Sub, a, sa, b, sb, out, n, alpha); break;
    case Op.Mul: binaryRun(Op.Mul, a, sa, b, sb, out, n, alpha); break;
    case Op.Div: binaryRun(Op.Div, a, sa, b, sb, out, n, alpha); break;
    case Op.Pow: binaryRun(Op.Pow, a, sa, b, sb, out, n, alpha); break;
    case Op.Maximum: binaryRun(Op.Maximum, a, sa, b, sb, out, n, alpha); break;
    case Op.Minimum: binaryRun(Op.Minimum, a, sa, b, sb, out, n, alpha); break;
    default: unreachable();
  }
}

function binaryBroadcastKernel(op: i32, a: usize, b: usize, out: usize, nd: i32, alpha: f32): void {
  switch (op) {
    case Op.Add: binaryBroadcast(Op.Add, a, STR_A, b, STR_B, out, nd, SHAPE, COUNTERS, alpha); break;
    case Op.Sub: binaryBroadcast(Op.Sub, a, STR_A, b, STR_B, out, nd, SHAPE, COUNTERS, alpha); break;
    case Op.Mul: binaryBroadcast(Op.Mul, a, STR_A, b, STR_B, out, nd, SHAPE, COUNTERS, alpha); break;
    case Op.Div: binaryBroadcast(Op.Div, a, STR_A, b, STR_B, out, nd, SHAPE, COUNTERS, alpha); break;
    case Op.Pow: binaryBroadcast(Op.Pow, a, STR_A, b, STR_B, out, nd, SHAPE, COUNTERS, alpha); break;
    case Op.Maximum: binaryBroadcast(Op.Maximum, a, STR_A, b, STR_B, out, nd, SHAPE, COUNTERS, alpha); break;
    case Op.Minimum: binaryBroadcast(Op.Minimum, a, STR_A, b, STR_B, out, nd, SHAPE, COUNTERS, alpha); break;
    default: unreachable();
  }
}

/** Computes a (op) b with broadcasting into a new tensor, without recording. */
export function binaryCompute(op: i32, a: i32, b: i32, alpha: f64): i32 {
  const nd = broadcastShape(a, b);
  const out = newTensor(nd, SHAPE, DType.Float32);
  if (!out) return Err.OutOfMemory;
  const n = numelOf(out), na = numelOf(a), nb = numelOf(b);
  const pa = dataOf(a), pb = dataOf(b), po = dataOf(out);
  if (na == n && nb == n) binaryKernel(op, pa, 1, pb, 1, po, n, <f32>alpha);
  else if (na == n && nb == 1) binaryKernel(op, pa, 1, pb, 0, po, n, <f32>alpha);
  else if (na == 1 && nb == n) binaryKernel(op, pa, 0, pb, 1, po, n, <f32>alpha);
  else if (n > 0) {
    broadcastStrides(ndimOf(a), shapePtr(a), nd, SHAPE, STR_A);
    broadcastStrides(ndimOf(b), shapePtr(b), nd, SHAPE, STR_B);
    binaryBroadcastKernel(op, pa, pb, po, nd, <f32>alpha);
  }
  return out;
}

/** a (op) b, broadcasting; alpha scales b for add and sub. */
export function binary(op: i32, a: i32, b: i32, alpha: f64): i32 {
  const out = binaryCompute(op, a, b, alpha);
  if (out < 0 || !shouldRecord2(a, b)) return out;
  const r = newRecord(op, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setInput(r, 1, b);
  setParams(r, alpha, 0, 0, 0);
  if (op == Op.Mul || op == Op.Div || op == Op.Pow || op == Op.Maximum || op == Op.Minimum) {
    save(r, 0, a);
    save(r, 1, b);
  }
  if (op == Op.Pow) saveOutput(r);
  return out;
}

function unaryKernel(op: i32, x: usize, out: usize, n: i32): void {
  switch (op) {
    case Op.Neg: unaryRun(Op.Neg, x, out, n); break;
    case Op.Exp: unaryRun(Op.Exp, x, out, n); break;
    case Op.Log: unaryRun(Op.Log, x, out, n); break;
    case Op.Sqrt: unaryRun(Op.Sqrt, x, out, n); break;
    case Op.Abs: unaryRun(Op.Abs, x, out, n); break;
    case Op.Sigmoid: unaryRun(Op.Sigmoid, x, out, n); break;
    case Op.Tanh: unaryRun(Op.Tanh, x, out, n); break;
    case Op.Relu: unaryRun(Op.Relu, x, out, n); break;
    default: unreachable();
  }
}

/** op(a) elementwise. */
export function unary(op: i32, a: i32): i32 {
  const n = numelOf(a);
  const out = newTensorN(ndimOf(a), shapePtr(a), DType.Float32, n);
  if (!out) return Err.OutOfMemory;
  unaryKernel(op, dataOf(a), dataOf(out), n);
  if (!shouldRecord1(a)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  // derivatives in terms of the input or of the result, as PyTorch saves them
  if (op == Op.Log || op == Op.Abs) save(r, 0, a);
  else if (op != Op.Neg) saveOutput(r);
  return out;
}

function scalarKernel(op: i32, x: usize, out: usize, n: i32, c: f32, c2: f32): void {
  switch (op) {
    case Op.AddScalar: scalarRun(Op.AddScalar, x, out, n, c, c2); break;
    case Op.SubScalar: scalarRun(Op.SubScalar, x, out, n, c, c2); break;
    case Op.MulScalar: scalarRun(Op.MulScalar, x, out, n, c, c2); break;
    case Op.DivScalar: scalarRun(Op.DivScalar, x, out, n, c, c2); break;
    case Op.PowScalar: scalarRun(Op.PowScalar, x, out, n, c, c2); break;
    case Op.Rsub: scalarRun(Op.Rsub, x, out, n, c, c2); break;
    case Op.Rpow: scalarRun(Op.Rpow, x, out, n, c, c2); break;
    case Op.Clamp: scalarRun(Op.Clamp, x, out, n, c, c2); break;
    default: unreachable();
  }
}

/** a (op) c with a JS number c; clamp takes (min, max) with NaN for "none". */
export function scalar(op: i32, a: i32, c: f64, c2: f64): i32 {
  const n = numelOf(a);
  const out = newTensorN(ndimOf(a), shapePtr(a), DType.Float32, n);
  if (!out) return Err.OutOfMemory;
  scalarKernel(op, dataOf(a), dataOf(out), n, <f32>c, <f32>c2);
  if (!shouldRecord1(a)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setParams(r, c, c2, 0, 0);
  if (op == Op.PowScalar || op == Op.Clamp) save(r, 0, a);
  // PyTorch's MulBackward0/DivBackward0 save the number as a tensor, so a second
  // backward through them without retain_graph is its error too
  if (op == Op.MulScalar || op == Op.DivScalar) setRecFlags(r, recFlags(r) | RecFlag.HasSaved);
  if (op == Op.Rpow) saveOutput(r);
  return out;
}
