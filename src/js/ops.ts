// The js device's ops: compute, then record (src/js/tensor.ts) with what the
// derivative reads (the elementwise save rules are generated from the op table). The same
// ops serve the forward pass and the derivative rules (src/js/derivatives.ts),
// which is what lets create_graph record the backward pass itself.

import { Op, DType } from '../../abi/abi.js';
import { broadcastShapes, reducedShape } from '../shape.js';
import { JsTensor, empty, record } from './tensor.js';
import { binaryBroadcast, broadcastStrides } from './kernels/elementwise.js';
import { binaryRun, unaryRun, scalarRun, binaryRun64, unaryRun64, scalarRun64, saveFor } from './generated/kernels.generated.js';
import { reduceSum, type Float } from './kernels/reduce.js';
import { stridedCopy, contiguousStrides } from './kernels/strided.js';

/** a (op) b with broadcasting, not recorded; a and b have one float dtype, which the result keeps. */
export function binaryCompute(op: Op, a: JsTensor, b: JsTensor, alpha: number): JsTensor {
  const shape = broadcastShapes(a.shape, b.shape).slice();
  const out = empty(shape, a.dtype);
  const n = out.numel, na = a.numel, nb = b.numel;
  const f64 = a.dtype === DType.Float64;
  // the float64 loop has the float32 loop's signature over Float64Arrays
  const run = (f64 ? binaryRun64 : binaryRun) as typeof binaryRun;
  const x = a.data as Float32Array, y = b.data as Float32Array, o = out.data as Float32Array;
  const al = f64 ? alpha : Math.fround(alpha);
  if (na === n && nb === n) run(op, x, 0, 1, y, 0, 1, o, 0, n, al);
  else if (na === n && nb === 1) run(op, x, 0, 1, y, 0, 0, o, 0, n, al);
  else if (na === 1 && nb === n) run(op, x, 0, 0, y, 0, 1, o, 0, n, al);
  else if (n > 0) binaryBroadcast(op, x, a.shape, y, b.shape, o, shape, al, run);
  return out;
}

export function binary(op: Op, a: JsTensor, b: JsTensor, alpha: number): JsTensor {
  const out = binaryCompute(op, a, b, alpha);
  const r = record(op, out, [a, b]);
  if (r) {
    r.s0 = alpha;
    saveFor(op, r, a, b);
  }
  return out;
}

export function unary(op: Op, a: JsTensor): JsTensor {
  const out = empty(a.shape, a.dtype);
  if (a.dtype === DType.Float64) unaryRun64(op, a.data as Float64Array, out.data as Float64Array);
  else unaryRun(op, a.data as Float32Array, out.data as Float32Array);
  const r = record(op, out, [a]);
  if (r) saveFor(op, r, a, null);
  return out;
}

export function scalar(op: Op, a: JsTensor, c: number, c2: number, c3 = 0): JsTensor {
  const out = empty(a.shape, a.dtype);
  if (a.dtype === DType.Float64) scalarRun64(op, a.data as Float64Array, out.data as Float64Array, c, c2, c3);
  else scalarRun(op, a.data as Float32Array, out.data as Float32Array, c, c2, c3);
  const r = record(op, out, [a]);
  if (r) {
    r.s0 = c;
    r.s1 = c2;
    saveFor(op, r, a, null);
  }
  return out;
}

export function reducedCount(shape: readonly number[], mask: number): number {
  let c = 1;
  for (let d = 0; d < shape.length; d++) if (mask & (1 << d)) c *= shape[d];
  return c;
}

export function sum(op: Op, a: JsTensor, mask: number, keepdim: boolean): JsTensor {
  const isMean = op === Op.Mean || op === Op.MeanDim;
  const count = reducedCount(a.shape, mask);
  const out = empty(reducedShape(a.shape, mask, keepdim), a.dtype);
  reduceSum(a.data as Float, a.shape, mask, out.data as Float, isMean ? count : 1);
  const r = record(op, out, [a]);
  if (r) { r.s1 = count; r.i0 = mask; r.i1 = keepdim ? 1 : 0; }
  return out;
}

/** The dims of `from` that broadcasting `shape` to it added or stretched, as a bit mask. */
export function broadcastDims(from: readonly number[], shape: readonly number[]): number {
  const ng = from.length, nd = shape.length;
  let mask = 0;
  for (let d = 0; d < ng; d++) {
    const di = d - (ng - nd);
    if (di < 0 || (shape[di] === 1 && from[d] !== 1)) mask |= 1 << d;
  }
  return mask;
}

/** x summed down to `shape` (the inverse of broadcasting); x itself when the shapes agree. */
export function sumToShape(x: JsTensor, shape: readonly number[]): JsTensor {
  const mask = broadcastDims(x.shape, shape);
  if (!mask && x.shape.length === shape.length) return x;
  const out = empty(shape.slice(), x.dtype);
  reduceSum(x.data as Float, x.shape, mask, out.data as Float, 1);
  return out;
}

export function reshapeCompute(x: JsTensor, shape: readonly number[]): JsTensor {
  return new JsTensor(x.data.slice(), shape.slice(), x.dtype);
}

export function view(op: Op, x: JsTensor, shape: readonly number[]): JsTensor {
  const out = reshapeCompute(x, shape);
  record(op, out, [x]);
  return out;
}

export function expandCompute(x: JsTensor, shape: readonly number[]): JsTensor {
  const out = empty(shape.slice(), x.dtype);
  if (out.numel > 0) stridedCopy(x.data, broadcastStrides(x.shape, shape), out.data, shape);
  return out;
}

export function expand(x: JsTensor, shape: readonly number[]): JsTensor {
  const out = expandCompute(x, shape);
  record(Op.Expand, out, [x]);
  return out;
}

export function permuteCompute(x: JsTensor, perm: readonly number[]): JsTensor {
  const st = contiguousStrides(x.shape);
  const strides = perm.map((p) => st[p]);
  const shape = perm.map((p) => x.shape[p]);
  const out = empty(shape, x.dtype);
  if (out.numel > 0) stridedCopy(x.data, strides, out.data, shape);
  return out;
}

export function permute(op: Op, x: JsTensor, perm: readonly number[]): JsTensor {
  const out = permuteCompute(x, perm);
  const r = record(op, out, [x]);
  if (r) r.ints = perm.slice();
  return out;
}

/** g spread back over the reduced dims to `shape` (sum's derivative). */
export function unreduce(g: JsTensor, shape: readonly number[], mask: number): JsTensor {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const reduced = (mask & (1 << d)) !== 0;
    strides[d] = reduced ? 0 : stride;
    if (!reduced) stride *= shape[d];
  }
  const out = empty(shape.slice(), g.dtype);
  if (out.numel > 0) stridedCopy(g.data, strides, out.data, shape);
  return out;
}

export function fromData(data: ArrayLike<number>, shape: readonly number[], dtype: DType): JsTensor {
  const t = empty(shape.slice(), dtype);
  t.data.set(data as ArrayLike<number>);
  return t;
}

/**
 * The end of an in-place op (the wasm device's assembly/ops/inplace.ts): r's values go
 * into x, x's version goes up, and r's record, if any, becomes x's grad_fn. A derivative
 * that reads its self input gets a copy of x's old values (PyTorch's original_self).
 */
export function inplaceCommit(x: JsTensor, r: JsTensor): void {
  const rec = r.gradFn;
  if (rec && rec.saved[0] === x) {
    // a recorded clone of x's old history when x has one (create_graph differentiates through it)
    rec.saved[0] = view(Op.Clone, x, x.shape);
    if (rec.savedVersions) rec.savedVersions[0] = 0;
  }
  x.data.set(r.data);
  x.version++;
  if (!rec) return;
  rec.out = x;
  if (rec.savesResult) rec.outVersion = x.version;
  x.gradFn = rec;
  x.requiresGrad = true;
  r.gradFn = null;
}
