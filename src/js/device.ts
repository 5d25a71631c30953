// The js device: the Backend contract over plain TypeScript (typed arrays,
// records as objects). It is the baseline every benchmark compares against.

import { Op, DType, PackState } from '../../abi/abi.js';
import type { Backend, Handle, NodeRef, NodeInput, MemoryInfo, SgdParams, AdamParams, Data } from '../device.js';
import type { Shape } from '../shape.js';
import { JsTensor, JsRecord, setGradEnabled, isGradEnabled, record, setPacking, resultOf } from './tensor.js';
import * as ops from './ops.js';
import { backward, setDetectAnomaly } from './autograd.js';
import * as reduce from './ops/reduce.js';
import * as shape from './ops/shape.js';
import * as linalg from './ops/linalg.js';
import * as loss from './ops/loss.js';
import * as reduce2 from './ops/reduce_stats.js'; // reductions 2
import * as optim from './ops/optim.js';
import * as compare from './ops/compare.js';
import * as gather from './ops/gather.js'; // shape and indexing 2
import * as scatterReduceOps from './ops/scatter_reduce.js'; // helper leftovers
import * as marginLoss from './ops/margin_loss.js'; // losses 2 (helper losses)
import { embeddingBag } from './ops/embedding_bag.js'; // helper ebag
import { ctcLoss } from './ops/ctc_loss.js'; // helper ebag
import * as ternary from './ops/ternary.js'; // ternary and linalg 2
import * as linalg2 from './ops/linalg_more.js';
import { linalgSvdvals } from './ops/svd.js'; // helper svd
import { toDtype } from './ops/cast.js'; // helper h-autograd
import * as nnnorm from './ops/norm.js';
import * as scans from './ops/scan.js'; // scans
import * as sorting from './ops/sort.js'; // sorting and order statistics
import * as conv from './ops/conv.js'; // convolution and pooling (helper conv)
import { foldOp } from './ops/fold.js'; // F.unfold / F.fold (helper convt)
import * as pool from './ops/pool.js';

const T = (h: Handle): JsTensor => h as JsTensor;

export class JsDevice implements Backend {
  readonly name = 'js' as const;

  fromData(data: ArrayLike<number>, shape: Shape, dtype: DType): Handle { return ops.fromData(data, shape, dtype); }
  full(shape: Shape, value: number, dtype: DType): Handle {
    const t = ops.fromData([], shape, dtype);
    t.data.fill(value);
    return t;
  }
  read(h: Handle): Data { return T(h).data.slice(); }
  write(h: Handle, data: ArrayLike<number>): void { T(h).data.set(data); }
  copy(h: Handle): Handle { const t = T(h); return new JsTensor(t.data.slice(), t.shape.slice(), t.dtype); }
  shapeOf(h: Handle): number[] { return T(h).shape.slice(); }
  dtypeOf(h: Handle): DType { return T(h).dtype; }
  retain(_h: Handle): void { /* the garbage collector owns js tensors */ }
  release(_h: Handle): void { /* likewise */ }

  inplaceCommit(x: Handle, r: Handle): void { ops.inplaceCommit(T(x), T(r)); }
  bumpVersion(x: Handle): void { T(x).version++; }
  version(h: Handle): number { return T(h).version; }
  requiresGrad(h: Handle): boolean { return T(h).requiresGrad; }
  setRequiresGrad(h: Handle, on: boolean): void { T(h).requiresGrad = on; }
  gradFnOp(h: Handle): Op { return T(h).gradFn?.op ?? Op.None; }
  gradFnNode(h: Handle): NodeRef | null { return T(h).gradFn; }
  nodeOp(node: NodeRef): Op { return (node as JsRecord).op; }
  nodeInputs(node: NodeRef): NodeInput[] {
    return (node as JsRecord).inputs.map((i) => ({ producer: i.producer, leaf: i.leaf, shape: i.shape.slice() }));
  }
  nodeShape(node: NodeRef): number[] { return (node as JsRecord).out.shape.slice(); }
  nodeInts(node: NodeRef): [number, number] { return [(node as JsRecord).i0, (node as JsRecord).i1]; }
  customRecord(out: Handle, inputs: Handle[], saved: Handle[], serial: number, savesOutput: boolean): Handle {
    const c = T(this.copy(out));
    const r = record(Op.CustomFunction, c, inputs.map(T))!;
    r.saved = saved.map(T);
    r.i0 = serial;
    r.savesResult = savesOutput;
    return c;
  }
  nodeResult(node: NodeRef): Handle { return resultOf(node as JsRecord); }
  setHasHooks(h: Handle, on: boolean): void { T(h).hasHooks = on; }
  // saved-tensor hooks: the record's packed field and saved list
  setPacking(on: boolean): void { setPacking(on); }
  packSaved(node: NodeRef, serial: number): { saved: (Handle | null)[]; savesOutput: boolean } | null {
    const r = node as JsRecord;
    if (r.packed !== PackState.Pending) return null;
    r.packed = serial;
    const saved = r.saved;
    r.saved = saved.map(() => null);
    return { saved, savesOutput: r.savesResult };
  }
  unpackedSaved(node: NodeRef, k: number, h: Handle): void {
    const r = node as JsRecord, saved = r.saved.slice();
    saved[k] = T(h);
    r.saved = saved;
    if (r.savedVersions) r.savedVersions[k] = T(h).version;
  }
  packSerial(node: NodeRef): number { return (node as JsRecord).packed; }
  nodeSaved(node: NodeRef): Handle[] { return (node as JsRecord).saved.filter((t): t is JsTensor => t !== null); }
  grad(h: Handle): Handle | null { return T(h).grad; }
  setGrad(h: Handle, g: Handle | null): void { T(h).grad = g as JsTensor | null; }
  retainGrad(h: Handle): void { T(h).retainsGrad = true; }
  setGradEnabled(on: boolean): void { setGradEnabled(on); }
  isGradEnabled(): boolean { return isGradEnabled(); }
  setDetectAnomaly(on: boolean): void { setDetectAnomaly(on); }
  backward(
    roots: Handle[], seeds: (Handle | null)[], inputs: Handle[],
    retainGraph: boolean, accumulate: boolean, createGraph: boolean,
  ): (Handle | null)[] {
    return backward(roots as JsTensor[], seeds as (JsTensor | null)[], inputs as JsTensor[], retainGraph, accumulate, createGraph);
  }

  binary(op: Op, a: Handle, b: Handle, alpha: number): Handle { return ops.binary(op, T(a), T(b), alpha); }
  unary(op: Op, a: Handle): Handle { return ops.unary(op, T(a)); }
  scalar(op: Op, a: Handle, c: number, c2: number, c3 = 0): Handle { return ops.scalar(op, T(a), c, c2, c3); }
  sum(op: Op, a: Handle, mask: number, keepdim: boolean): Handle { return ops.sum(op, T(a), mask, keepdim); }
  view(op: Op, a: Handle, shape: Shape): Handle { return ops.view(op, T(a), shape); }
  expand(a: Handle, shape: Shape): Handle { return ops.expand(T(a), shape); }
  permute(op: Op, a: Handle, perm: readonly number[]): Handle { return ops.permute(op, T(a), perm); }

  amax(a: Handle, mask: number, keepdim: boolean): Handle { return reduce.amax(T(a), mask, keepdim); }
  amin(a: Handle, mask: number, keepdim: boolean): Handle { return reduce.amin(T(a), mask, keepdim); } // helper leftovers
  maxAll(a: Handle, op: Op = Op.MaxAll): Handle { return reduce.maxAll(T(a), op); }
  maxDim(a: Handle, dim: number, keepdim: boolean, op: Op = Op.MaxDim): [Handle, Handle] { return reduce.maxDim(T(a), dim, keepdim, op); }
  logsumexp(a: Handle, mask: number, keepdim: boolean): Handle { return reduce.logsumexp(T(a), mask, keepdim); }
  softmax(op: Op, a: Handle, dim: number, keepProbs = false): Handle { return reduce.softmax(op, T(a), dim, keepProbs); }
  // reductions 2
  reduce2(op: Op, a: Handle, mask: number, keepdim: boolean, p: number, flag: number): Handle {
    return reduce2.reduce2(op, T(a), mask, keepdim, p, flag);
  }
  slice(op: Op, a: Handle, dim: number, start: number, length: number, step: number): Handle { return shape.slice(op, T(a), dim, start, length, step); }
  cat(op: Op, hs: Handle[], dim: number): Handle { return shape.cat(op, hs as JsTensor[], dim); }
  // shape and indexing 2
  gatherFlat(op: Op, a: Handle, value: Handle | null, index: Handle, shape: Shape, fill: number, sum: boolean): Handle {
    return gather.gatherFlat(op, T(a), value as JsTensor | null, T(index), shape.slice(), fill, sum);
  }
  scatterFlat(op: Op, a: Handle, src: Handle, index: Handle, accumulate: boolean, alpha: number): Handle {
    return gather.scatterFlat(op, T(a), T(src), T(index), accumulate, alpha);
  }
  // convolution and pooling (helper conv)
  convolution(x: Handle, w: Handle, bias: Handle | null, p: readonly number[]): Handle {
    return conv.convolution(T(x), T(w), bias as JsTensor | null, p);
  }
  convolutionTranspose(y: Handle, w: Handle, bias: Handle | null, p: readonly number[]): Handle {
    return conv.convolutionTranspose(T(y), T(w), bias as JsTensor | null, p);
  }
  foldOp(op: Op, x: Handle, p: readonly number[]): Handle {
    return foldOp(op, T(x), p[0] | (p[1] << 16), p[6] | (p[7] << 16), p[4] + p[5] * 65536, p[2] + p[3] * 65536, p[8], p[9]);
  }
  pool(op: Op, x: Handle, p: readonly number[]): [Handle, Handle | null] { return pool.pool(op, T(x), p); }
  maxUnpool(op: Op, x: Handle, flat: Handle, shape: Shape): Handle { return pool.maxUnpool(op, T(x), T(flat), shape); }
  scatterReduce(a: Handle, src: Handle, index: Handle, mode: number, includeSelf: boolean): Handle { // helper leftovers
    return scatterReduceOps.scatterReduce(T(a), T(src), T(index), mode, includeSelf);
  }
  // sorting and order statistics
  sortSelect(op: Op, a: Handle, dim: number, k: number, flags: number, keepdim: boolean): [Handle, Handle] {
    return sorting.sortSelect(op, T(a), dim, k, flags, keepdim);
  }
  matmul(op: Op, a: Handle, b: Handle): Handle { return linalg.matmul(op, T(a), T(b)); }
  linear(x: Handle, w: Handle, bias: Handle | null): Handle { return linalg.linear(T(x), T(w), bias as JsTensor | null); }
  mseLoss(i: Handle, t: Handle, red: number): Handle { return loss.mseLoss(T(i), T(t), red); }
  pointwiseLoss(op: Op, i: Handle, t: Handle, red: number, p: number): Handle { return loss.pointwiseLoss(op, T(i), T(t), red, p); }
  multiMarginLoss(i: Handle, t: Handle, w: Handle | null, p: number, margin: number, red: number): Handle {
    return marginLoss.multiMarginLoss(T(i), T(t), w === null ? null : T(w), p, margin, red);
  }
  embeddingBag(w: Handle, i: Handle, b: Handle, psw: Handle | null, nbags: number, mode: number, freq: number): Handle { // helper ebag
    return embeddingBag(T(w), T(i), T(b), psw === null ? null : T(psw), nbags, mode, freq);
  }
  ctcLoss(lp: Handle, t: Handle, meta: Handle, maxTarget: number, blank: number, zeroInf: number): Handle {
    return ctcLoss(T(lp), T(t), T(meta), maxTarget, blank, zeroInf);
  }
  multilabelMarginLoss(i: Handle, t: Handle, red: number): Handle { return marginLoss.multilabelMarginLoss(T(i), T(t), red); }
  binaryCrossEntropy(i: Handle, t: Handle, red: number, w: Handle | null): Handle {
    return loss.binaryCrossEntropy(T(i), T(t), red, w === null ? null : T(w));
  }
  allProbabilities(i: Handle): boolean { return loss.allProbabilities(T(i)); }
  binaryCrossEntropyWithLogits(i: Handle, t: Handle, red: number, w: Handle | null, pw: Handle | null): Handle {
    return loss.binaryCrossEntropyWithLogits(T(i), T(t), red, w === null ? null : T(w), pw === null ? null : T(pw));
  }
  nllLoss(i: Handle, t: Handle, red: number, ignoreIndex: number, w: Handle | null): Handle {
    return loss.nllLoss(T(i), T(t), red, ignoreIndex, w === null ? null : T(w));
  }
  // ternary and linalg 2
  savedShape(node: NodeRef, k: number): number[] | null { return (node as JsRecord).saved[k]?.shape.slice() ?? null; }
  ternary(op: Op, a: Handle, b: Handle, c: Handle, value: number, shape: Shape): Handle {
    return ternary.ternary(op, T(a), T(b), T(c), value, shape.slice());
  }
  addProduct(op: Op, self: Handle, a: Handle, b: Handle, beta: number, alpha: number): Handle {
    return linalg2.addProduct(op, T(self), T(a), T(b), beta, alpha);
  }
  glu(a: Handle, dim: number): Handle { return linalg2.glu(T(a), dim); }
  cross(a: Handle, b: Handle, dim: number, shape: Shape): Handle { return linalg2.cross(T(a), T(b), dim, shape.slice()); }
  norm(a: Handle, p: number, mask: number, keepdim: boolean): Handle { return linalg2.norm(T(a), p, mask, keepdim); }
  cdist(a: Handle, b: Handle, p: number, shape: Shape): Handle { return linalg2.cdist(T(a), T(b), p, shape.slice()); }
  linalgInv(a: Handle): [Handle, number] { return linalg2.linalgInv(T(a)); }
  linalgSvdvals(a: Handle): [Handle, number] { return linalgSvdvals(T(a)); } // helper svd
  toDtype(a: Handle, dtype: DType): Handle { return toDtype(T(a), dtype); } // helper h-autograd
  // nn normalization and embedding (helper nnnorm)
  layerNorm(a: Handle, weight: Handle | null, bias: Handle | null, n: number, eps: number): Handle {
    return nnnorm.layerNorm(T(a), weight === null ? null : T(weight), bias === null ? null : T(bias), n, eps);
  }
  batchNorm(a: Handle, weight: Handle | null, bias: Handle | null, mean: Handle, invstd: Handle, training: boolean, running: boolean,
    eps: number): Handle {
    return nnnorm.batchNorm(T(a), weight === null ? null : T(weight), bias === null ? null : T(bias), T(mean), T(invstd), training, running, eps);
  }
  groupNorm(a: Handle, weight: Handle | null, bias: Handle | null, n: number, hw: number, eps: number): Handle {
    return nnnorm.groupNorm(T(a), weight === null ? null : T(weight), bias === null ? null : T(bias), n, hw, eps);
  }
  compare(op: Op, a: Handle, b: Handle): Handle { return compare.compare(op, T(a), T(b)); }
  intBinary(op: Op, a: Handle, b: Handle, alpha: number): Handle { return compare.intBinary(op, T(a), T(b), alpha); }
  intSum(a: Handle, mask: number, keepdim: boolean): Handle { return compare.intSum(T(a), mask, keepdim); }
  // scans
  scan(op: Op, a: Handle, dim: number): [Handle, Handle | null] { return scans.scan(op, T(a), dim); }
  sgdStep(p: Handle, grad: Handle, buf: Handle | null, o: SgdParams): void {
    optim.sgdStep(T(p), T(grad), buf as JsTensor | null, o);
  }
  adamStep(p: Handle, grad: Handle, m: Handle, v: Handle, vmax: Handle | null, o: AdamParams): void {
    optim.adamStep(T(p), T(grad), T(m), T(v), vmax === null ? null : T(vmax), o);
  }

  // The garbage collector frees js tensors; what dispose() and tidy() control is how
  // many the front end holds, so that is what memory() counts here.
  // (a count only: reading each tensor's size here would slow every tiny op by a fifth)
  private held = 0;
  noteHeld(delta: 1 | -1): void { this.held += delta; }

  memory(): MemoryInfo {
    return { numTensors: this.held, numBytes: -1, numRecords: -1 };
  }
}

export const jsDevice = new JsDevice();
