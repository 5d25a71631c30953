// Matrix products (js device), on the gemm kernel in ../gemm.ts; the same
// shapes and records as the wasm device (assembly/ops/linalg.ts):
//
//   op     a            b            out
//   Mm     [M, K]       [K, N]       [M, N]
//   Bmm    [B, M, K]    [B, K, N]    [B, M, N]
//   Mv     [M, K]       [K]          [M]
//   Dot    [K]          [K]          []
//   Addmm  x [M, K]     w [N, K]     [M, N]   x·wᵀ onto the broadcast bias

import { Op } from '../../../abi/abi.js';
import { JsTensor, empty, record } from '../tensor.js';
import { gemm } from '../gemm.js';
import type { Float } from '../kernels/reduce.js';
import { stridedCopy } from '../kernels/strided.js';
import { broadcastStrides } from '../kernels/elementwise.js';

/**
 * A new tensor of `shape` holding, for each of `batch` entries, op(A)[M×K]·op(B)[K×N],
 * where op transposes when ta / tb are set (A stored K×M then, B N×K). Not recorded.
 */
export function gemmCompute(
  ta: boolean, tb: boolean, batch: number, M: number, N: number, K: number,
  a: JsTensor, b: JsTensor, shape: number[],
): JsTensor {
  const out = empty(shape, a.dtype);
  const A = a.data as Float, B = b.data as Float, C = out.data as Float;
  const lda = ta ? M : K, ldb = tb ? K : N;
  for (let i = 0; i < batch; i++) gemm(ta, tb, M, N, K, A, i * M * K, lda, B, i * K * N, ldb, false, C, i * M * N, N);
  return out;
}

/** Each operand is needed only for the other one's gradient (as on the wasm device). */
function saveOperands(a: JsTensor, b: JsTensor): (JsTensor | null)[] {
  if (!a.requiresGrad && !b.requiresGrad) return [];
  return [b.requiresGrad ? a : null, a.requiresGrad ? b : null];
}

/** mm, bmm, mv or dot by op code; shapes validated by the front end. */
export function matmul(op: Op, a: JsTensor, b: JsTensor): JsTensor {
  let out: JsTensor;
  switch (op) {
    case Op.Mm: {
      const [M, K] = a.shape, N = b.shape[1];
      out = gemmCompute(false, false, 1, M, N, K, a, b, [M, N]);
      break;
    }
    case Op.Bmm: {
      const [B, M, K] = a.shape, N = b.shape[2];
      out = gemmCompute(false, false, B, M, N, K, a, b, [B, M, N]);
      break;
    }
    case Op.Mv: {
      const [M, K] = a.shape;
      out = gemmCompute(false, false, 1, M, 1, K, a, b, [M]);
      break;
    }
    case Op.Dot:
      out = gemmCompute(false, false, 1, 1, 1, a.shape[0], a, b, []);
      break;
    default:
      throw new Error(`wasmgrad: op ${op} is not a matrix product`);
  }
  const r = record(op, out, [a, b]);
  if (r) r.saved = saveOperands(a, b);
  return out;
}

/** F.linear for 2-D x: x·wᵀ + bias (bias of any shape broadcasting to the output), node AddmmBackward0. */
export function linear(x: JsTensor, w: JsTensor, bias: JsTensor | null): JsTensor {
  const [M, K] = x.shape, N = w.shape[0];
  const shape = [M, N];
  const out = empty(shape, x.dtype);
  // like addmm with beta = 1: the product accumulates onto the bias
  if (bias && out.numel > 0) stridedCopy(bias.data, broadcastStrides(bias.shape, shape), out.data, shape);
  gemm(false, true, M, N, K, x.data as Float, 0, K, w.data as Float, 0, K, bias !== null, out.data as Float, 0, N);
  const r = record(Op.Addmm, out, bias ? [x, w, bias] : [x, w]);
  if (r) r.saved = saveOperands(x, w);
  return out;
}
