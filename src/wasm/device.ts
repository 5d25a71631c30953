// The wasm device: tensors are ids into the tensor table in linear memory
// (assembly/tensors.ts); every op is one call into the module. Flags, shapes
// and grad_fn are read straight out of memory without a call.

import { Op, DType, Err, Slot, Rec, RecFlag, TensorFlag, PackState } from '../../abi/abi.js';
import {
  RuntimeError, BACKWARD_TWICE, INT_OVERFLOW, DERIVATIVE_NOT_IMPLEMENTED, modifiedInplace, createGraphUnsupported, noDerivative, anomalyNaN, type ModifiedTensor,
} from '../errors.js';
import { TYPE_NAMES } from '../dtype.js';
import { gradFnNames } from '../grad_fn.generated.js';
import { nodeName } from '../node_name.js';
import type { Backend, Handle, NodeRef, NodeInput, MemoryInfo, SgdParams, AdamParams, Data } from '../device.js';
import type { Shape } from '../shape.js';
import { loadWasm, host, gemmKernel, type WasmExports } from './loader.js';
import { customBackward, tensorHook, unpackSaved } from '../custom_backward.js';
import type { GemmHost, GemmPool } from './gemm_pool.js';


export class WasmDevice implements Backend {
  readonly name = 'wasm' as const;
  /** The exports every call goes through: `base`, or while a kernel is deferred, `flushing` (which runs it first). */
  private x: WasmExports;
  /** The exports without the flush: raw, or counting under instrument(). */
  private base: WasmExports;
  private flushing: WasmExports | null = null;
  private buffer!: ArrayBuffer;
  private u8!: Uint8Array;
  private i32!: Int32Array;
  private u32!: Uint32Array;
  private f32!: Float32Array;
  private f64!: Float64Array;
  private readonly raw: WasmExports;
  private argsPtr = 0;
  private argsBytes = 0;
  /** u32 index of the cell that holds the tensor table's address */
  private readonly tableCell: number;

  constructor(exports: WasmExports) {
    this.x = exports;
    this.base = exports;
    this.raw = exports;
    this.tableCell = exports.tensor_table_cell() >>> 2;
    this.refresh();
    // the sweep calls out for a torch.autograd.Function's node; what its backward throws waits
    // here until the sweep has cleaned up and returned Err.Callback
    host.customBackward = (r, g, k) => {
      try {
        const h = customBackward(this, r, g, k);
        return h === null ? 0 : h as number;
      } catch (e) {
        this.thrown ??= e;
        return Err.Callback;
      } finally {
        this.settle();
      }
    };
    host.tensorHook = (id, g) => {
      try {
        return tensorHook(this, id, g) as number;
      } catch (e) {
        this.thrown ??= e;
        return Err.Callback;
      } finally {
        this.settle();
      }
    };
    host.unpackSaved = (r, drop) => {
      try {
        unpackSaved(this, r, drop !== 0);
        return Err.Ok;
      } catch (e) {
        this.thrown ??= e;
        return Err.Callback;
      } finally {
        this.settle();
      }
    };
  }

  // ---- saved-tensor hooks: the record's Packed field and saved slots (assembly/tape.ts) ----
  setPacking(on: boolean): void { this.x.tape_set_packing(on); }

  packSaved(node: NodeRef, serial: number): { saved: (Handle | null)[]; savesOutput: boolean } | null {
    const r = node as number;
    if (this.packSerial(r) !== PackState.Pending) return null;
    const saved: (Handle | null)[] = [];
    for (let k = 0; k < Rec.NSaved; k++) saved.push(this.i32[(r + Rec.Saved + 4 * k) >> 2] || null);
    while (saved.length && saved[saved.length - 1] === null) saved.pop();
    const savesOutput = (this.u8[r + Rec.Flags] & RecFlag.SavesOut) !== 0;
    this.x.tape_pack(r, serial);
    return { saved, savesOutput };
  }

  unpackedSaved(node: NodeRef, k: number, h: Handle): void { this.x.tape_unpacked(node as number, k, h as number); }

  packSerial(node: NodeRef): number {
    this.refresh();
    const r = node as number;
    return this.u8[r + Rec.Packed] | (this.u8[r + Rec.Packed + 1] << 8);
  }

  setHasHooks(h: Handle, on: boolean): void { this.x.tensor_set_has_hooks(h as number, on); }

  /** What a torch.autograd.Function's backward or a tensor's hook threw during the current sweep. */
  private thrown: unknown = null;

  /**
   * Counts every call from JS into the module (tests use it to check that
   * backward() crosses into WASM a constant number of times). Returns a
   * function that reads the count; `instrument(false)` removes the counter.
   */
  instrument(on = true): () => number {
    let calls = 0;
    this.settle();
    this.flushing = null;
    if (!on) { this.x = this.base = this.raw; return () => calls; }
    // the exports object is frozen, so count through a copy rather than a Proxy
    const counting: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(this.raw as unknown as Record<string, unknown>)) {
      counting[key] = typeof v === 'function'
        ? (...args: unknown[]) => { calls++; return (v as (...a: unknown[]) => unknown)(...args); }
        : v;
    }
    this.x = this.base = counting as unknown as WasmExports;
    return () => calls;
  }

  /** Typed views over memory; memory.grow detaches the old buffer, so re-take them then. */
  private refresh(): void {
    const buf = this.x.memory.buffer;
    if (buf === this.buffer) return;
    this.buffer = buf;
    this.u8 = new Uint8Array(buf);
    this.i32 = new Int32Array(buf);
    this.u32 = new Uint32Array(buf);
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
  }

  /** The typed view that holds elements of a dtype, and the shift from byte address to index in it. */
  private memView(dtype: DType): [Float32Array | Float64Array | Int32Array, number] {
    return dtype === DType.Float32 ? [this.f32, 2] : dtype === DType.Float64 ? [this.f64, 3] : [this.i32, 2];
  }

  /** Turns a returned id or Err code into a handle or an exception. */
  private id(r: number): number {
    if (r > 0) return r;
    throw this.error(r);
  }

  private error(code: number): Error {
    switch (code) {
      case Err.OutOfMemory:
        return new RuntimeError(
          `wasmgrad: out of memory on the wasm device: WebAssembly memory could not grow beyond ` +
          `${(this.x.memory.buffer.byteLength / 2 ** 20).toFixed(0)} MiB. Free tensors with dispose() or torch.tidy().`,
        );
      case Err.BackwardTwice: return new RuntimeError(BACKWARD_TWICE);
      case Err.Unimplemented: return new RuntimeError(DERIVATIVE_NOT_IMPLEMENTED);
      case Err.IntOverflow: return new RuntimeError(INT_OVERFLOW);
      case Err.NoDerivative: return noDerivative(this.x.no_derivative_kind());
      case Err.NoCreateGraph: return createGraphUnsupported(gradFnNames[this.x.create_graph_refused_op() as Op]);
      case Err.AnomalyNaN: {
        const r = this.x.anomaly_info(0);
        return anomalyNaN(nodeName(this, this.nodeOp(r), r), this.x.anomaly_info(1));
      }
      case Err.ModifiedInplace: return modifiedInplace(this.modifiedTensor());
      case Err.Callback: {
        const e = this.thrown;
        this.thrown = null;
        return e instanceof Error ? e : new RuntimeError(String(e));
      }
      default: return new RuntimeError(`wasmgrad: internal error ${code} in the wasm device`);
    }
  }

  /** What the sweep found changed in place (assembly/ops/inplace.ts inplace_error). */
  private modifiedTensor(): ModifiedTensor {
    const [id, rec, version, expected] = [0, 1, 2, 3].map((k) => this.x.inplace_error(k) >>> 0);
    this.refresh();
    // a saved output: the record's node; a saved input: the tensor's own grad_fn now
    const node = rec ? rec : id ? this.gradFnNode(id) : null;
    return {
      type: TYPE_NAMES[id ? this.dtypeOf(id) : this.u8[rec + Rec.OutDtype] as DType],
      shape: id ? this.shapeOf(id) : this.nodeShape(rec),
      node: node ? nodeName(this, this.nodeOp(node), node) : null,
      version, expected,
    };
  }

  /** Address of slot `id` in the tensor table (the table moves as it grows), read without a call. */
  private slot(id: number): number {
    this.refresh();
    return this.u32[this.tableCell] + id * Slot.Size;
  }

  /** Writes i32s into the args buffer for the next call. */
  private args(values: ArrayLike<number>): number {
    const bytes = values.length * 4 + 4;
    // the module only moves the buffer when asked for more than it has: ask only then,
    // so a shape op is one call into WASM, not two
    if (bytes > this.argsBytes) {
      this.argsPtr = this.x.args_buffer(bytes) >>> 0;
      if (this.argsPtr === 0) { this.argsBytes = 0; throw this.error(Err.OutOfMemory); }
      this.argsBytes = bytes;
    }
    this.refresh();
    this.i32.set(values, this.argsPtr >> 2);
    return this.argsPtr;
  }

  // ---- storage ----

  fromData(data: ArrayLike<number>, shape: Shape, dtype: DType): Handle {
    this.args(shape);
    const id = this.id(this.x.create(shape.length, dtype));
    const addr = this.dataPtr(id);
    const [mem, shift] = this.memView(dtype);
    mem.set(data, addr >> shift);
    return id;
  }

  full(shape: Shape, value: number, dtype: DType): Handle {
    this.args(shape);
    return this.id(this.x.create_fill(shape.length, dtype, value));
  }

  private dataPtr(id: number): number {
    const s = this.slot(id);
    return this.u32[(s + Slot.Data) >> 2];
  }

  private numel(id: number): number {
    const s = this.slot(id);
    return this.i32[(s + Slot.Numel) >> 2];
  }

  read(h: Handle): Data {
    this.settle();
    const id = h as number;
    const [mem, shift] = this.memView(this.dtypeOf(id));
    const p = this.dataPtr(id) >> shift, n = this.numel(id);
    return mem.slice(p, p + n);
  }

  write(h: Handle, data: ArrayLike<number>): void {
    this.settle();
    const id = h as number;
    const [mem, shift] = this.memView(this.dtypeOf(id));
    mem.set(data, this.dataPtr(id) >> shift);
  }

  copy(h: Handle): Handle { return this.id(this.x.copy_tensor(h as number)); }

  shapeOf(h: Handle): number[] {
    const s = this.slot(h as number);
    return this.ints(s + Slot.Shape, this.u8[s + Slot.Ndim]);
  }

  dtypeOf(h: Handle): DType {
    const s = this.slot(h as number); // first: it refreshes the views after memory growth
    return this.u8[s + Slot.DType] as DType;
  }
  retain(h: Handle): void { this.x.tensor_retain(h as number); }
  /** The module counts its tensors itself (memory()). */
  noteHeld(_delta: 1 | -1): void { /* nothing to do */ }
  refCount(h: Handle): number {
    const s = this.slot(h as number); // before the view is read: `this.u32[this.slot(h)]` would read the old one
    return this.u32[(s + Slot.Refs) >> 2];
  }
  release(h: Handle): void {
    // the last reference to a deferred output: its values can never be read, so never computed
    if (this.pend !== null && h === this.pend.out && this.refCount(h) === 1) this.cancel();
    this.x.tensor_release(h as number);
  }

  // ---- autograd state ----

  inplaceCommit(x: Handle, r: Handle): void {
    const err = this.x.inplace_commit(x as number, r as number);
    if (err !== Err.Ok) throw this.error(err);
  }
  bumpVersion(x: Handle): void { this.x.bump_version(x as number); }
  version(h: Handle): number {
    const s = this.slot(h as number); // first, as in refCount
    return this.u32[(s + Slot.Version) >> 2];
  }

  requiresGrad(h: Handle): boolean {
    const s = this.slot(h as number);
    return (this.u8[s + Slot.Flags] & TensorFlag.RequiresGrad) !== 0;
  }

  setRequiresGrad(h: Handle, on: boolean): void { this.x.tensor_set_requires_grad(h as number, on); }

  gradFnOp(h: Handle): Op {
    const rec = this.gradFnNode(h);
    return rec ? this.nodeOp(rec) : Op.None;
  }

  gradFnNode(h: Handle): number | null {
    const s = this.slot(h as number);
    return this.u32[(s + Slot.GradFn) >> 2] || null;
  }

  nodeOp(node: NodeRef): Op {
    this.refresh();
    const r = node as number;
    return (this.u8[r + Rec.Op] | (this.u8[r + Rec.Op + 1] << 8)) as Op;
  }

  /** Read out of the record (assembly/tape.ts), without a call. */
  nodeInputs(node: NodeRef): NodeInput[] {
    this.refresh();
    const r = node as number, out: NodeInput[] = [];
    for (let k = 0; k < this.u8[r + Rec.NIn]; k++) {
      const p = r + Rec.Inputs + k * Rec.InSize;
      out.push({
        producer: this.u32[(p + Rec.InProducer) >> 2] || null, leaf: this.i32[(p + Rec.InLeaf) >> 2] || null,
        shape: this.ints(p + Rec.InShape, this.u8[p + Rec.InNdim]),
      });
    }
    return out;
  }

  nodeShape(node: NodeRef): number[] {
    this.refresh();
    const r = node as number;
    return this.ints(r + Rec.OutShape, this.u8[r + Rec.OutNdim]);
  }

  customRecord(out: Handle, inputs: Handle[], saved: Handle[], serial: number, savesOutput: boolean): Handle {
    this.args([...inputs, ...saved] as number[]);
    return this.id(this.x.custom_record(out as number, inputs.length, saved.length, serial, savesOutput));
  }

  nodeResult(node: NodeRef): Handle { return this.id(this.x.custom_result(node as number)); }

  nodeSaved(node: NodeRef): Handle[] {
    this.refresh();
    const out: Handle[] = [];
    for (let k = 0; k < Rec.NSaved; k++) {
      const id = this.i32[((node as number) + Rec.Saved + 4 * k) >> 2];
      if (id) { this.x.tensor_retain(id); out.push(id); }
    }
    return out;
  }

  nodeInts(node: NodeRef): [number, number] {
    this.refresh();
    const r = node as number;
    return [this.i32[(r + Rec.I0) >> 2], this.i32[(r + Rec.I1) >> 2]];
  }

  /** n i32s from byte address p. */
  private ints(p: number, n: number): number[] {
    return Array.from(this.i32.subarray(p >> 2, (p >> 2) + n));
  }

  grad(h: Handle): Handle | null {
    const s = this.slot(h as number);
    const g = this.i32[(s + Slot.Grad) >> 2];
    if (!g) return null;
    this.x.tensor_retain(g);
    return g;
  }

  setGrad(h: Handle, g: Handle | null): void { this.x.tensor_set_grad(h as number, g === null ? 0 : g as number); }
  retainGrad(h: Handle): void { this.x.tensor_set_retains_grad(h as number); }
  setGradEnabled(on: boolean): void { this.x.set_grad_enabled(on); }
  isGradEnabled(): boolean { return this.x.is_grad_enabled(); }
  setDetectAnomaly(on: boolean): void { this.x.set_detect_anomaly(on); }

  backward(
    roots: Handle[], seeds: (Handle | null)[], inputs: Handle[],
    retainGraph: boolean, accumulate: boolean, createGraph: boolean,
  ): (Handle | null)[] {
    // one buffer write and one call, whatever the size of the graph
    const n = roots.length, m = inputs.length;
    const buf = new Int32Array(2 * n + 2 * m);
    for (let i = 0; i < n; i++) {
      buf[i] = roots[i] as number;
      buf[n + i] = (seeds[i] ?? 0) as number;
    }
    for (let i = 0; i < m; i++) buf[2 * n + i] = inputs[i] as number;
    this.args(buf);
    const gradMode = this.x.is_grad_enabled();
    let err: number;
    try {
      err = this.x.backward(n, m, retainGraph, accumulate, createGraph);
    } finally {
      // the sweep switches grad mode for its own ops; a trap must not leave it switched
      this.x.set_grad_enabled(gradMode);
    }
    if (err !== Err.Callback) this.thrown = null;
    if (err !== Err.Ok) throw this.error(err);
    this.refresh();
    // a Function's backward may have moved the args buffer: the results are in the current one
    const q = this.argsPtr >> 2;
    const out: (Handle | null)[] = [];
    for (let i = 0; i < m; i++) {
      const g = this.i32[q + 2 * n + m + i];
      out.push(g ? g : null);
    }
    return out;
  }

  // ---- ops ----

  compare(op: Op, a: Handle, b: Handle): Handle { return this.id(this.x.compare(op, a as number, b as number)); }
  intBinary(op: Op, a: Handle, b: Handle, alpha: number): Handle {
    return this.id(this.x.int_binary(op, a as number, b as number, alpha));
  }
  intSum(a: Handle, mask: number, keepdim: boolean): Handle { return this.id(this.x.int_sum(a as number, mask, keepdim)); }
  // scans
  scan(op: Op, a: Handle, dim: number): [Handle, Handle | null] {
    const values = this.id(this.x.scan(op, a as number, dim));
    return [values, op === Op.Cummax || op === Op.Cummin ? this.x.scan_indices() : null];
  }

  binary(op: Op, a: Handle, b: Handle, alpha: number): Handle {
    // a's numel without refresh(): after memory growth the old view reads undefined, which fails
    // the test and takes binaryDeferred, which refreshes and reads everything again
    const n = this.i32[(this.u32[this.tableCell] + (a as number) * Slot.Size + Slot.Numel) >> 2];
    if (this.pend === null && n < this.deferMin) return this.id(this.x.binary(op, a as number, b as number, alpha));
    return this.binaryDeferred(op, a as number, b as number, alpha);
  }

  // ---- deferred elementwise kernels (docs/design.md, "Deferred elementwise kernels") ----

  /** Elements from which a same-shape float binary op that records nothing is deferred; Infinity: never. */
  deferMin = 1 << 16;
  /** The one deferred kernel: `out` = a (op) b, allocated, not yet computed. */
  private pend: { op: Op; a: number; b: number; alpha: number; out: number } | null = null;

  private binaryDeferred(op: Op, a: number, b: number, alpha: number): Handle {
    const p = this.pend;
    if (p !== null) {
      // the deferred output read by the next op, with a tensor of its shape: both kernels in one pass,
      // and the output stays deferred (tidy or dispose usually frees it unread)
      if ((a === p.out) !== (b === p.out) && this.sameFloatShape(a, b)) {
        return this.id(this.base.binary_fused(p.op, p.a, p.b, p.alpha, op, a === p.out ? b : a, alpha, a === p.out));
      }
      this.settle();
    }
    if (!this.sameFloatShape(a, b) || !(this.numel(a) >= this.deferMin)) return this.id(this.x.binary(op, a, b, alpha));
    const out = this.id(this.base.binary_alloc(a));
    this.pend = { op, a, b, alpha, out };
    this.x = this.flushing ??= this.flushingOf(this.base);
    return out;
  }

  /** One float dtype and shape, and neither requires grad (so nothing is recorded, in any grad mode). */
  private sameFloatShape(a: number, b: number): boolean {
    const d = this.dtypeOf(a);
    if ((d !== DType.Float32 && d !== DType.Float64) || d !== this.dtypeOf(b)) return false;
    if (this.requiresGrad(a) || this.requiresGrad(b)) return false;
    const sa = this.slot(a), sb = this.slot(b), nd = this.u8[sa + Slot.Ndim];
    if (nd !== this.u8[sb + Slot.Ndim]) return false;
    for (let k = 0; k < nd; k++) if (this.u32[(sa + Slot.Shape >> 2) + k] !== this.u32[(sb + Slot.Shape >> 2) + k]) return false;
    return true;
  }

  /** Runs the deferred kernel, if any. Every access to memory goes through here or through `x`. */
  settle(): void {
    const p = this.pend;
    if (p === null) return;
    this.cancel();
    this.base.binary_run(p.op, p.a, p.b, p.out, p.alpha);
  }

  private cancel(): void {
    this.pend = null;
    this.x = this.base;
  }

  /** `base` with every function running the deferred kernel first. */
  private flushingOf(base: WasmExports): WasmExports {
    const w: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(base as unknown as Record<string, unknown>)) {
      w[key] = typeof v !== 'function' ? v : (...args: unknown[]) => {
        this.settle();
        return (v as (...a: unknown[]) => unknown)(...args);
      };
    }
    return w as unknown as WasmExports;
  }
  unary(op: Op, a: Handle): Handle { return this.id(this.x.unary(op, a as number)); }
  scalar(op: Op, a: Handle, c: number, c2: number, c3 = 0): Handle { return this.id(this.x.scalar(op, a as number, c, c2, c3)); }
  sum(op: Op, a: Handle, mask: number, keepdim: boolean): Handle {
    return this.id(this.x.sum(op, a as number, mask, keepdim));
  }
  amax(a: Handle, mask: number, keepdim: boolean): Handle { return this.id(this.x.amax(a as number, mask, keepdim)); }
  amin(a: Handle, mask: number, keepdim: boolean): Handle { return this.id(this.x.amin(a as number, mask, keepdim)); } // helper leftovers
  maxAll(a: Handle, op: Op = Op.MaxAll): Handle { return this.id(this.x.max_all(a as number, op)); }
  maxDim(a: Handle, dim: number, keepdim: boolean, op: Op = Op.MaxDim): [Handle, Handle] {
    const values = this.id(this.x.max_dim(a as number, dim, keepdim, op));
    return [values, this.x.take_indices()];
  }
  logsumexp(a: Handle, mask: number, keepdim: boolean): Handle {
    return this.id(this.x.logsumexp(a as number, mask, keepdim));
  }
  softmax(op: Op, a: Handle, dim: number, keepProbs = false): Handle { return this.id(this.x.softmax(op, a as number, dim, keepProbs)); }
  // reductions 2
  reduce2(op: Op, a: Handle, mask: number, keepdim: boolean, p: number, flag: number): Handle {
    return this.id(this.x.reduce2(op, a as number, mask, keepdim, p, flag));
  }
  view(op: Op, a: Handle, shape: Shape): Handle {
    const p = this.args(shape);
    return this.id(this.x.view(op, a as number, shape.length, p));
  }
  expand(a: Handle, shape: Shape): Handle {
    const p = this.args(shape);
    return this.id(this.x.expand(a as number, shape.length, p));
  }
  permute(op: Op, a: Handle, perm: readonly number[]): Handle {
    const p = this.args(perm);
    return this.id(this.x.permute(op, a as number, p));
  }
  slice(op: Op, a: Handle, dim: number, start: number, length: number, step: number): Handle {
    return this.id(this.x.slice(op, a as number, dim, start, length, step));
  }
  // shape and indexing 2
  gatherFlat(op: Op, a: Handle, value: Handle | null, index: Handle, shape: Shape, fill: number, sum: boolean): Handle {
    const p = this.args(shape);
    return this.id(this.x.gather_flat(op, a as number, (value ?? 0) as number, index as number, shape.length, p, fill, sum));
  }
  scatterFlat(op: Op, a: Handle, src: Handle, index: Handle, accumulate: boolean, alpha: number): Handle {
    return this.id(this.x.scatter_flat(op, a as number, src as number, index as number, accumulate, alpha));
  }
  // convolution and pooling (helper conv)
  convolution(x: Handle, w: Handle, bias: Handle | null, p: readonly number[]): Handle {
    const ptr = this.args(p);
    return this.id(this.x.convolution(x as number, w as number, (bias ?? 0) as number, ptr));
  }
  convolutionTranspose(y: Handle, w: Handle, bias: Handle | null, p: readonly number[]): Handle {
    const ptr = this.args(p);
    return this.id(this.x.convolution_transpose(y as number, w as number, (bias ?? 0) as number, ptr));
  }
  foldOp(op: Op, x: Handle, p: readonly number[]): Handle {
    return this.id(this.x.fold_op(op, x as number, this.args(p)));
  }
  pool(op: Op, x: Handle, p: readonly number[]): [Handle, Handle | null] {
    const values = this.id(this.x.pool(op, x as number, this.args(p)));
    const idx = this.x.take_pool_indices();
    return [values, idx ? idx : null];
  }
  maxUnpool(op: Op, x: Handle, flat: Handle, shape: Shape): Handle {
    const p = this.args(shape);
    return this.id(this.x.max_unpool(op, x as number, flat as number, shape.length, p));
  }
  scatterReduce(a: Handle, src: Handle, index: Handle, mode: number, includeSelf: boolean): Handle { // helper leftovers
    return this.id(this.x.scatter_reduce_flat(a as number, src as number, index as number, mode, includeSelf));
  }
  // sorting and order statistics
  sortSelect(op: Op, a: Handle, dim: number, k: number, flags: number, keepdim: boolean): [Handle, Handle] {
    const values = this.id(this.x.sort_select(op, a as number, dim, k, flags, keepdim));
    return [values, this.x.take_sort_indices()];
  }
  cat(op: Op, hs: Handle[], dim: number): Handle {
    this.args(hs as number[]);
    return this.id(this.x.cat(op, hs.length, dim));
  }
  matmul(op: Op, a: Handle, b: Handle): Handle { return this.id(this.x.matmul(op, a as number, b as number)); }
  linear(x: Handle, w: Handle, bias: Handle | null): Handle {
    return this.id(this.x.linear(x as number, w as number, (bias ?? 0) as number));
  }
  mseLoss(i: Handle, t: Handle, red: number): Handle { return this.id(this.x.mse_loss(i as number, t as number, red)); }
  pointwiseLoss(op: Op, i: Handle, t: Handle, red: number, p: number): Handle {
    return this.id(this.x.pointwise_loss(op, i as number, t as number, red, p));
  }
  multiMarginLoss(i: Handle, t: Handle, w: Handle | null, p: number, margin: number, red: number): Handle {
    return this.id(this.x.multi_margin_loss(i as number, t as number, (w ?? 0) as number, p, margin, red));
  }
  embeddingBag(w: Handle, i: Handle, b: Handle, psw: Handle | null, nbags: number, mode: number, freq: number): Handle { // helper ebag
    return this.id(this.x.embedding_bag(w as number, i as number, b as number, (psw ?? 0) as number, nbags, mode, freq));
  }
  ctcLoss(lp: Handle, t: Handle, meta: Handle, maxTarget: number, blank: number, zeroInf: number): Handle {
    return this.id(this.x.ctc_loss(lp as number, t as number, meta as number, maxTarget, blank, zeroInf));
  }
  multilabelMarginLoss(i: Handle, t: Handle, red: number): Handle {
    return this.id(this.x.multilabel_margin_loss(i as number, t as number, red));
  }
  binaryCrossEntropy(i: Handle, t: Handle, red: number, w: Handle | null): Handle {
    return this.id(this.x.binary_cross_entropy(i as number, t as number, red, (w ?? 0) as number));
  }
  allProbabilities(i: Handle): boolean { return !!this.x.all_probabilities(i as number); }
  binaryCrossEntropyWithLogits(i: Handle, t: Handle, red: number, w: Handle | null, pw: Handle | null): Handle {
    return this.id(this.x.binary_cross_entropy_with_logits(i as number, t as number, red, (w ?? 0) as number, (pw ?? 0) as number));
  }
  nllLoss(i: Handle, t: Handle, red: number, ignoreIndex: number, w: Handle | null): Handle {
    return this.id(this.x.nll_loss(i as number, t as number, red, ignoreIndex, (w ?? 0) as number));
  }
  // ternary and linalg 2
  savedShape(node: NodeRef, k: number): number[] | null {
    this.refresh();
    const id = this.i32[((node as number) + Rec.Saved + 4 * k) >> 2];
    return id ? this.shapeOf(id) : null;
  }
  ternary(op: Op, a: Handle, b: Handle, c: Handle, value: number, shape: Shape): Handle {
    this.args(shape);
    return this.id(this.x.ternary(op, a as number, b as number, c as number, value, shape.length));
  }
  addProduct(op: Op, self: Handle, a: Handle, b: Handle, beta: number, alpha: number): Handle {
    return this.id(this.x.add_product(op, self as number, a as number, b as number, beta, alpha));
  }
  glu(a: Handle, dim: number): Handle { return this.id(this.x.glu(a as number, dim)); }
  cross(a: Handle, b: Handle, dim: number, shape: Shape): Handle {
    this.args(shape);
    return this.id(this.x.cross(a as number, b as number, dim, shape.length));
  }
  norm(a: Handle, p: number, mask: number, keepdim: boolean): Handle { return this.id(this.x.norm(a as number, p, mask, keepdim)); }
  cdist(a: Handle, b: Handle, p: number, shape: Shape): Handle {
    this.args(shape);
    return this.id(this.x.cdist(a as number, b as number, p, shape.length));
  }

  linalgSvdvals(a: Handle): [Handle, number] { // helper svd
    const out = this.id(this.x.linalg_svdvals(a as number));
    return [out, this.x.take_svd_info()];
  }

  toDtype(a: Handle, dtype: DType): Handle { return this.id(this.x.to_dtype(a as number, dtype)); } // helper h-autograd

  linalgInv(a: Handle): [Handle, number] {
    const out = this.id(this.x.linalg_inv(a as number));
    return [out, this.x.take_inv_info()];
  }

  // nn normalization and embedding (helper nnnorm)
  layerNorm(a: Handle, weight: Handle | null, bias: Handle | null, n: number, eps: number): Handle {
    return this.id(this.x.layer_norm(a as number, (weight ?? 0) as number, (bias ?? 0) as number, n, eps));
  }
  batchNorm(a: Handle, weight: Handle | null, bias: Handle | null, mean: Handle, invstd: Handle, training: boolean, running: boolean,
    eps: number): Handle {
    return this.id(this.x.batch_norm(a as number, (weight ?? 0) as number, (bias ?? 0) as number, mean as number, invstd as number, training,
      running, eps));
  }
  groupNorm(a: Handle, weight: Handle | null, bias: Handle | null, n: number, hw: number, eps: number): Handle {
    return this.id(this.x.group_norm(a as number, (weight ?? 0) as number, (bias ?? 0) as number, n, hw, eps));
  }

  sgdStep(p: Handle, grad: Handle, buf: Handle | null, o: SgdParams): void {
    const e = this.x.sgd_step(p as number, grad as number, (buf ?? 0) as number, o.lr, o.momentum, o.dampening,
      o.weight_decay, o.nesterov, o.maximize, o.firstStep);
    if (e !== Err.Ok) throw this.error(e);
  }
  adamStep(p: Handle, grad: Handle, m: Handle, v: Handle, vmax: Handle | null, o: AdamParams): void {
    const e = this.x.adam_step(p as number, grad as number, m as number, v as number, (vmax ?? 0) as number, o.lr, o.beta1, o.beta2, o.eps,
      o.weight_decay, o.step, o.maximize);
    if (e !== Err.Ok) throw this.error(e);
  }

  /** What the gemm thread pool needs of the module (src/wasm/gemm_pool.ts). */
  gemmHost(): GemmHost {
    return { memory: this.raw.memory, gemm_set_threads: (on) => this.raw.gemm_set_threads(on), relaxed: gemmKernel() === 'relaxed' };
  }

  memory(): MemoryInfo {
    return {
      numTensors: this.x.tensor_live_count(),
      numBytes: this.x.tensor_live_bytes() >>> 0,
      numRecords: this.x.tape_live_records(),
      wasmMemoryBytes: this.x.memory.buffer.byteLength,
      heapBytesInUse: this.x.mem_bytes_in_use() >>> 0,
      reusableBytes: this.x.mem_bytes_reusable() >>> 0,
    };
  }
}

const load = loadWasm();

/** The wasm device, or null where the engine cannot run it (or has yet to compile it: see wasmDeviceLoading). */
export let wasmDevice: WasmDevice | null = load.exports ? new WasmDevice(load.exports) : null;

/** Set where the engine compiles the module asynchronously: settles when wasmDevice is final. */
export const wasmDeviceLoading: Promise<void> | null = load.later && load.later.then((exports) => {
  if (exports) wasmDevice = new WasmDevice(exports);
});

/** Why there is no wasm device, once that is known. */
export const wasmUnavailable = (): string | null => load.reason;

let pool: GemmPool | null = null;

/**
 * Runs the wasm device's large float32 matrix products on n threads (the gemm pool, whose code is
 * loaded now, on first use); resolves with the threads in use: 1 where the host cannot share
 * memory with workers, or for n = 1.
 */
export async function setGemmThreads(n: number): Promise<number> {
  pool?.stop();
  pool = null;
  if (!wasmDevice || n < 2) return 1;
  const { GemmPool } = await import('./gemm_pool.js');
  pool = await GemmPool.start(wasmDevice.gemmHost(), n);
  pool?.attach();
  return pool?.threads ?? 1;
}
