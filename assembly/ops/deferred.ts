// Deferred elementwise kernels of the wasm device (src/wasm/device.ts, "Deferred elementwise
// kernels" in docs/design.md). A large same-shape float op that records nothing gets its output
// allocated now (so memory and its errors stay where they were) and its kernel run later; when the
// next op reads it, binary_fused computes that op's result from the first op's inputs in one pass
// and the temporary stays deferred (unwritten, if nothing reads it before it is freed).

import { Err, DType, Op } from '../../abi/abi';
import { newTensor, dataOf, numelOf, ndimOf, shapePtr, dtypeOf } from '../tensors';
import { binaryKernel } from '../generated/dispatch.generated';
import { binaryScalar, binarySimd } from '../generated/kernels.generated';

// Bytes per block of each array: four blocks stay in L1 between the two kernels. A multiple of 16,
// so every block but the last runs whole in the kernels' SIMD loop, as the eager kernel does.
const BLOCK_BYTES: i32 = 8192;

/** a's shape and dtype, uninitialised: the output of a deferred same-shape binary op over a and b. */
export function binary_alloc(a: i32): i32 {
  const out = newTensor(ndimOf(a), shapePtr(a), dtypeOf(a));
  return out ? out : Err.OutOfMemory;
}

/** Runs a deferred a (op) b into out; a, b and out have one shape and float dtype. */
export function binary_run(op: i32, a: i32, b: i32, out: i32, alpha: f64): void {
  const n = numelOf(out);
  if (dtypeOf(out) == DType.Float64) binaryKernel<f64>(op, dataOf(a), 1, dataOf(b), 1, dataOf(out), n, alpha);
  else binaryKernel<f32>(op, dataOf(a), 1, dataOf(b), 1, dataOf(out), n, <f32>alpha);
}

/**
 * (a op1 b) op2 c, or c op2 (a op1 b) when `tFirst` is false, into a new tensor, rounded as the two
 * eager kernels round. Common float32 pairs run one loop (fusedF32); the rest block by block: each
 * block of a op1 b is written into the result's block and read back from L1 by op2 (same index in
 * and out, so the in-place pass is exact).
 */
export function binary_fused(op1: i32, a: i32, b: i32, alpha1: f64, op2: i32, c: i32, alpha2: f64, tFirst: bool): i32 {
  const out = binary_alloc(a);
  if (out < 0) return out;
  // c + t and c * t are t + c and t * c, bit for bit (IEEE addition and multiplication commute)
  if (dtypeOf(out) == DType.Float32 && (tFirst || op2 == Op.Mul || op2 == Op.Add && alpha2 == 1) &&
    fusedF32(op1, op2, dataOf(a), dataOf(b), dataOf(c), dataOf(out), numelOf(out), <f32>alpha1, <f32>alpha2)) return out;
  if (dtypeOf(out) == DType.Float64) fusedInto<f64>(op1, a, b, <f64>alpha1, op2, c, <f64>alpha2, tFirst, out);
  else fusedInto<f32>(op1, a, b, <f32>alpha1, op2, c, <f32>alpha2, tFirst, out);
  return out;
}

function fusedInto<T>(op1: i32, a: i32, b: i32, alpha1: T, op2: i32, c: i32, alpha2: T, tFirst: bool, out: i32): void {
  const n = numelOf(out), block = BLOCK_BYTES / sizeof<T>();
  const pa = dataOf(a), pb = dataOf(b), pc = dataOf(c), po = dataOf(out);
  for (let i = 0; i < n; i += block) {
    const m = min(block, n - i);
    const o = <usize>i * sizeof<T>();
    binaryKernel<T>(op1, pa + o, 1, pb + o, 1, po + o, m, alpha1);
    if (tFirst) binaryKernel<T>(op2, po + o, 1, pc + o, 1, po + o, m, alpha2);
    else binaryKernel<T>(op2, pc + o, 1, po + o, 1, po + o, m, alpha2);
  }
}

/**
 * One loop for the common float32 pairs, (a op1 b) op2 c with op1 in + − × ÷ and op2 in + − ×:
 * a fused pass costs what one eager op does (the blocked pair of kernels, twice the instructions,
 * costs nearly what two do: docs/benchmarks.md). False for any other pair.
 */
function fusedF32(op1: i32, op2: i32, pa: usize, pb: usize, pc: usize, po: usize, n: i32, alpha1: f32, alpha2: f32): bool {
  // ifs, not a switch: a pair outside the set is not an error, it takes the blocked kernels
  if (op1 == Op.Add) return fusedSecond(Op.Add, op2, pa, pb, pc, po, n, alpha1, alpha2);
  if (op1 == Op.Sub) return fusedSecond(Op.Sub, op2, pa, pb, pc, po, n, alpha1, alpha2);
  if (op1 == Op.Mul) return fusedSecond(Op.Mul, op2, pa, pb, pc, po, n, alpha1, alpha2);
  if (op1 == Op.Div) return fusedSecond(Op.Div, op2, pa, pb, pc, po, n, alpha1, alpha2);
  return false;
}

// @ts-ignore: decorator
@inline function fusedSecond(op1: i32, op2: i32, pa: usize, pb: usize, pc: usize, po: usize, n: i32, alpha1: f32, alpha2: f32): bool {
  if (op2 == Op.Add) fusedLoop(op1, Op.Add, pa, pb, pc, po, n, alpha1, alpha2);
  else if (op2 == Op.Sub) fusedLoop(op1, Op.Sub, pa, pb, pc, po, n, alpha1, alpha2);
  else if (op2 == Op.Mul) fusedLoop(op1, Op.Mul, pa, pb, pc, po, n, alpha1, alpha2);
  else return false;
  return true;
}

/** The eager kernels' arithmetic, SIMD over whole vectors and scalar over the tail as binaryRun splits them. */
// @ts-ignore: decorator
@inline function fusedLoop(op1: i32, op2: i32, pa: usize, pb: usize, pc: usize, po: usize, n: i32, alpha1: f32, alpha2: f32): void {
  const av1 = f32x4.splat(alpha1), av2 = f32x4.splat(alpha2);
  const unit1 = alpha1 == 1, unit2 = alpha2 == 1;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const t = binarySimd(op1, v128.load(pa + o), v128.load(pb + o), av1, unit1);
    v128.store(po + o, binarySimd(op2, t, v128.load(pc + o), av2, unit2));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(po + o, binaryScalar<f32>(op2, binaryScalar<f32>(op1, load<f32>(pa + o), load<f32>(pb + o), alpha1), load<f32>(pc + o), alpha2));
  }
}
