// Matrix products of the wasm device, on the gemm kernel (kernels/gemm.ts; float64
// on the plain loops of kernels/gemm64.ts).
// Every product here is one or more gemm calls over dense row-major data:
//
//   op     a            b            out          gemm per batch entry
//   Mm     [M, K]       [K, N]       [M, N]       M×N×K
//   Bmm    [B, M, K]    [B, K, N]    [B, M, N]    B gemms of M×N×K
//   Mv     [M, K]       [K]          [M]          M×1×K (b as a column)
//   Dot    [K]          [K]          []           1×1×K
//   Addmm  x [M, K]     w [N, K]     [M, N]       x·wᵀ onto the broadcast bias
//
// The derivatives (grad/linalg.ts) reuse gemmCompute with the transpose flags,
// so no transposed copy of an operand is ever made when nothing records.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, numelOf, ndimOf, dimOf, shapePtr, requiresGrad, dtypeOf, elemShift } from '../tensors';
import { shouldRecord2, is_grad_enabled, newRecord, setInput, save } from '../tape';
import { SHAPE, STR_A, COUNTERS } from '../scratch';
import { gemm } from '../kernels/gemm';
import { stridedCopy, stridedCopyOf, broadcastStrides } from '../kernels/strided';
import { gemm64 } from '../kernels/gemm64';

/**
 * A new tensor (nd dims at `shape`) holding, for each of `batch` entries,
 * op(A)[M×K]·op(B)[K×N] where op transposes when ta / tb are set: A is stored
 * K×M then, B N×K. Not recorded. Err.OutOfMemory when memory ran out.
 */
export function gemmCompute(ta: bool, tb: bool, batch: i32, M: i32, N: i32, K: i32, a: i32, b: i32, nd: i32, shape: usize): i32 {
  const dtype = dtypeOf(a);
  const out = newTensor(nd, shape, dtype);
  if (!out) return Err.OutOfMemory;
  const lda = ta ? M : K, ldb = tb ? K : N;
  const sh = elemShift(dtype);
  const sa = <usize>M * K << sh, sb = <usize>K * N << sh, sc = <usize>M * N << sh;
  const pa = dataOf(a), pb = dataOf(b), pc = dataOf(out);
  for (let i = 0; i < batch; i++) {
    if (dtype == DType.Float64) {
      gemm64(ta, tb, M, N, K, pa + <usize>i * sa, lda, pb + <usize>i * sb, ldb, false, pc + <usize>i * sc, N);
    } else if (!gemm(ta, tb, M, N, K, pa + <usize>i * sa, lda, pb + <usize>i * sb, ldb, false, pc + <usize>i * sc, N)) {
      release(out);
      return Err.OutOfMemory;
    }
  }
  return out;
}

/**
 * mm (2-D × 2-D), bmm (3-D × 3-D, equal batch), mv (2-D × 1-D) and dot
 * (1-D × 1-D), by op code; shapes validated by the TS layer.
 */
export function matmul(op: i32, a: i32, b: i32): i32 {
  let batch = 1, M = 1, N = 1, K = 1, nd = 0;
  switch (op) {
    case Op.Mm: M = dimOf(a, 0); K = dimOf(a, 1); N = dimOf(b, 1); nd = 2; break;
    case Op.Bmm: batch = dimOf(a, 0); M = dimOf(a, 1); K = dimOf(a, 2); N = dimOf(b, 2); nd = 3; break;
    case Op.Mv: M = dimOf(a, 0); K = dimOf(a, 1); nd = 1; break;
    case Op.Dot: K = dimOf(a, 0); nd = 0; break;
    default: unreachable();
  }
  // the output's dims are the trailing nd of [batch, M, N] (mv keeps M, dot none)
  if (op == Op.Bmm) {
    store<i32>(SHAPE, batch); store<i32>(SHAPE, M, 4); store<i32>(SHAPE, N, 8);
  } else {
    store<i32>(SHAPE, M); store<i32>(SHAPE, N, 4);
  }
  const out = gemmCompute(false, false, batch, M, N, K, a, b, nd, SHAPE);
  if (out < 0 || !shouldRecord2(a, b)) return out;
  const r = newRecord(op, 2, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, a);
  setInput(r, 1, b);
  // each operand is needed only for the other one's gradient
  if (requiresGrad(b)) save(r, 0, a);
  if (requiresGrad(a)) save(r, 1, b);
  return out;
}

/**
 * F.linear for 2-D x: x · wᵀ + bias (bias may be 0 for none, else any shape
 * that broadcasts to the output); node AddmmBackward0, inputs (x, w, bias).
 */
export function linear(x: i32, w: i32, bias: i32): i32 {
  const M = dimOf(x, 0), K = dimOf(x, 1), N = dimOf(w, 0);
  store<i32>(SHAPE, M);
  store<i32>(SHAPE, N, 4);
  const dtype = dtypeOf(x);
  const out = newTensor(2, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  // like addmm with beta = 1: the product accumulates onto the bias
  if (bias && numelOf(out) > 0) {
    broadcastStrides(ndimOf(bias), shapePtr(bias), 2, SHAPE, STR_A);
    if (dtype == DType.Float64) stridedCopyOf<u64>(dataOf(bias), STR_A, dataOf(out), 2, SHAPE, COUNTERS);
    else stridedCopy(dataOf(bias), STR_A, dataOf(out), 2, SHAPE, COUNTERS);
  }
  if (dtype == DType.Float64) {
    gemm64(false, true, M, N, K, dataOf(x), K, dataOf(w), K, bias != 0, dataOf(out), N);
  } else if (!gemm(false, true, M, N, K, dataOf(x), K, dataOf(w), K, bias != 0, dataOf(out), N)) {
    release(out);
    return Err.OutOfMemory;
  }
  return recordWeighted(Op.Addmm, x, w, bias, out) ? out : Err.OutOfMemory;
}

/**
 * Records op over input x, weight w and an optional bias (F.linear, convolution) when a gradient is
 * needed, x saved for w's gradient and w for x's. Returns the record (1 when none was needed), or 0
 * having freed out when memory ran out.
 */
export function recordWeighted(op: i32, x: i32, w: i32, bias: i32, out: i32): usize {
  const needs = requiresGrad(x) || requiresGrad(w) || (bias != 0 && requiresGrad(bias));
  if (!is_grad_enabled() || !needs) return 1;
  const r = newRecord(op, bias ? 3 : 2, out);
  if (!r) { release(out); return 0; }
  setInput(r, 0, x);
  setInput(r, 1, w);
  if (bias) setInput(r, 2, bias);
  if (requiresGrad(w)) save(r, 0, x);
  if (requiresGrad(x)) save(r, 1, w);
  return r;
}
