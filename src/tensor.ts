// The Tensor class: PyTorch's tensor API over a device handle. It holds the
// handle, the shape and dtype (so most questions need no device call), and
// delegates every op to the functions in ops/, which validate and dispatch.

import { Op, DType } from './shared/abi.js';
import type { Backend, Handle, DeviceName } from './device.js';
import { RuntimeError } from './errors.js';
import { numelOf, normDim, type Shape, type SizeArg } from './shape.js';
import { gradFnNames } from './grad_fn.js';
import { track, registerFinalizer, unregisterFinalizer, getDevice } from './runtime.js';
import { formatTensor } from './format.js';
import * as ew from './ops/elementwise.js';
import * as red from './ops/reduce.js';
import * as shp from './ops/shape.js';
import * as la from './ops/linalg.js';
import { backward as runBackward } from './autograd.js';
import { checkBool } from './args.js';
import { checkInt64Values } from './creation.js';
import { copyTo } from './crossing.js';
import { nonOverlappingAndDense } from './strides.js';

export type DTypeName = 'float32' | 'int64';
export type Scalar = number;
export type TensorLike = Tensor | number;

export const dtypeName = (d: DType): DTypeName => (d === DType.Float32 ? 'float32' : 'int64');

/** Tensor.backward's keyword arguments. */
export interface BackwardOptions {
  gradient?: Tensor | null; retain_graph?: boolean; create_graph?: boolean; inputs?: Tensor[];
}

/** A node of the autograd graph, as `t.grad_fn` shows it. */
export class GradFn {
  constructor(private readonly op: Op) {}
  /** PyTorch's node name, e.g. `AddBackward0`. */
  name(): string { return gradFnNames[this.op]; }
  toString(): string { return `<${this.name()} object>`; }
}

/**
 * A multi-dimensional array that can record the ops applied to it for autograd.
 * Create tensors with `torch.tensor`, `torch.zeros`, ...; free them with
 * `dispose()` or `torch.tidy`.
 *
 * @example
 * const w = torch.tensor([2.0], { requires_grad: true });
 * const y = w.mul(1.3).add(0.5).sigmoid();
 * y.backward();
 * console.log(w.grad); // tensor([0.0546])
 */
export class Tensor {
  /** @internal the device's handle */
  _h: Handle;
  /** @internal */
  readonly _dev: Backend;
  /** @internal */
  readonly _shape: number[];
  /** @internal */
  readonly _dtype: DType;
  private _disposed = false;
  private _finalized = false;
  private _gradWrapper: Tensor | null = null;
  /** @internal the strides PyTorch would give this tensor (src/strides.ts); null: contiguous */
  _strides: number[] | null = null;
  private _retainsGrad = false;

  /** @internal Wraps a handle the caller owns one reference to; use the creation functions instead. */
  constructor(dev: Backend, h: Handle, shape: number[], dtype: DType = DType.Float32, tracked = true) {
    this._dev = dev;
    this._h = h;
    this._shape = shape;
    this._dtype = dtype;
    dev.noteHeld(1);
    if (!tracked || !track(this)) this.escape();
  }

  /** @internal hands this tensor to the finalizer safety net (see runtime.ts track) */
  escape(): void {
    if (this._finalized || this._disposed) return;
    this._finalized = true;
    registerFinalizer(this, this._dev, this._h);
  }

  // ---- metadata ----

  /** The size of each dimension (PyTorch's torch.Size, as an array). */
  get shape(): number[] { return this._shape; }
  /** The size of each dimension, or of dim `dim`. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    return dim === undefined ? this._shape : this._shape[normDim(dim, this._shape.length)];
  }
  /** Number of dimensions. */
  dim(): number { return this._shape.length; }
  get ndim(): number { return this._shape.length; }
  /** Number of elements. */
  numel(): number { return numelOf(this._shape); }
  get dtype(): DTypeName { return dtypeName(this._dtype); }
  get device(): DeviceName { return this._dev.name; }
  get isDisposed(): boolean { return this._disposed; }

  /** @internal the live handle, or PyTorch-style error after dispose() */
  get h(): Handle {
    if (this._disposed) throw new RuntimeError('wasmgrad: this tensor was disposed (dispose() or torch.tidy) and cannot be used');
    return this._h;
  }

  // ---- autograd ----

  /** Whether autograd records ops on this tensor. Settable on leaves. */
  get requires_grad(): boolean { return this._dev.requiresGrad(this.h); }
  set requires_grad(on: boolean) { this.requires_grad_(on); }

  /**
   * Sets requires_grad in place and returns this tensor.
   * @example const w = torch.zeros([3]).requires_grad_();
   */
  requires_grad_(requires_grad = true): this {
    checkBool('requires_grad_', 'requires_grad', 1, requires_grad);
    const h = this.h;
    if (!this.is_leaf) {
      if (requires_grad) return this;
      throw new RuntimeError(
        'you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a ' +
        'subgraph that doesn\'t require differentiation use var_no_grad = var.detach().');
    }
    if (requires_grad && this._dtype !== DType.Float32) {
      throw new RuntimeError('only Tensors of floating point dtype can require gradients');
    }
    this._dev.setRequiresGrad(h, requires_grad);
    return this;
  }

  /** True for tensors not made by a recorded op (user-created, or not requiring grad). */
  get is_leaf(): boolean { return this._dev.gradFnOp(this.h) === Op.None; }

  /** The node that made this tensor, or null for leaves. */
  get grad_fn(): GradFn | null {
    const op = this._dev.gradFnOp(this.h);
    return op === Op.None ? null : new GradFn(op);
  }

  /**
   * The gradient accumulated by backward(), or null. The gradient belongs to
   * this tensor; the JS object returned for it is freed by the torch.tidy it
   * was read in (read it again afterwards). It is updated in place by later
   * backward() calls, as in PyTorch.
   */
  get grad(): Tensor | null {
    const g = this._dev.grad(this.h);
    if (g === null) {
      // PyTorch warns only when there is nothing to return
      if (!this._retainsGrad && !this.is_leaf) warnNonLeafGrad();
      return null;
    }
    const w = this._gradWrapper;
    if (w && !w._disposed && w._h === g) { this._dev.release(g); return w; }
    // a wrapper made inside torch.tidy belongs to that scope like any tensor made there
    // (the gradient itself stays with this tensor), so reading .grad in a loop stays flat
    const wrapper = new Tensor(this._dev, g, this._shape.slice(), DType.Float32);
    this._gradWrapper = wrapper;
    return wrapper;
  }

  set grad(g: Tensor | null) {
    if (g !== null) {
      // PyTorch's checks, in its order; a tensor that is its own .grad would also never be freed
      if (g === this || g._h === this._h) throw new RuntimeError("can't assign Variable as its own grad");
      if (g._dtype !== this._dtype) throw new RuntimeError('assigned grad has data of a different type');
      checkSameDevice(this, g);
      if (g._shape.join() !== this._shape.join()) {
        throw new RuntimeError('assigned grad has data of a different size');
      }
    }
    this._dev.setGrad(this.h, g === null ? null : g.h);
    this._gradWrapper = null;
  }

  /** Keeps .grad for this non-leaf tensor after backward(). */
  retain_grad(): void {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (!this.is_leaf) { this._dev.retainGrad(this.h); this._retainsGrad = true; }
  }

  /**
   * Computes the gradient of this tensor with respect to the graph leaves.
   * @example loss.backward(); loss.backward(undefined, { retain_graph: true });
   */
  backward(
    gradient?: Tensor | null | readonly (Tensor | null)[] | BackwardOptions,
    options: BackwardOptions = {},
  ): void {
    // every argument may come by keyword: t.backward({ gradient, retain_graph: true })
    const byKeyword = gradient !== null && typeof gradient === 'object' && !(gradient instanceof Tensor) && !Array.isArray(gradient);
    if (byKeyword) { options = gradient as BackwardOptions; gradient = options.gradient; }
    runBackward([this], gradient as Tensor | readonly (Tensor | null)[] | null | undefined, options);
  }

  /** A new leaf tensor with the same values, outside the graph. */
  detach(): Tensor {
    const t = new Tensor(this._dev, this._dev.copy(this.h), this._shape.slice(), this._dtype);
    t._strides = this._strides; // PyTorch's detach shares the layout
    return t;
  }

  /** A copy that stays in the graph (CloneBackward0), laid out as PyTorch's clone() lays it out. */
  clone(): Tensor {
    const t = shp.viewAs(Op.Clone, this, this._shape);
    if (this._strides && nonOverlappingAndDense(this._shape, this._strides)) t._strides = this._strides;
    return t;
  }

  /** Whether PyTorch would store this tensor in row-major order (view() needs that, or a compatible layout). */
  is_contiguous(): boolean { return this._strides === null; }

  // ---- values ----

  /** The value of a one-element tensor as a JS number. */
  item(): number {
    const h = this.h;
    if (this.numel() !== 1) {
      throw new RuntimeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    }
    return this._dev.read(h)[0];
  }

  /** The values as (nested) JS arrays, or a number for 0-d tensors. */
  tolist(): number | unknown[] {
    const data = Array.from(this._dev.read(this.h)) as number[];
    if (this._shape.length === 0) return data[0];
    const build = (d: number, off: number): unknown[] => {
      const n = this._shape[d];
      if (d === this._shape.length - 1) return data.slice(off, off + n);
      const stride = numelOf(this._shape.slice(d + 1));
      return Array.from({ length: n }, (_, i) => build(d + 1, off + i * stride));
    };
    return build(0, 0);
  }

  /** A copy of the values as a typed array (Float32Array, or Int32Array for int64). */
  dataSync(): Float32Array | Int32Array { return this._dev.read(this.h); }

  /**
   * This tensor on another device: a copy that stays in the graph (ToCopyBackward0),
   * so gradients flow back to this device; the tensor itself if already there.
   * @example const y = x.to('js'); y.sum().backward(); // fills x.grad
   */
  to(device: DeviceName): Tensor {
    const dev = getDevice(device);
    return dev === this._dev ? this : copyTo(this, dev);
  }

  /** A float32 copy (int64 → float32); the tensor itself when already float32. */
  float(): Tensor {
    if (this._dtype === DType.Float32) return this;
    return new Tensor(this._dev, this._dev.fromData(this._dev.read(this.h), this._shape, DType.Float32), this._shape.slice());
  }

  /** An int64 copy, truncating toward zero like PyTorch. */
  long(): Tensor {
    if (this._dtype === DType.Int64) return this;
    const values = this._dev.read(this.h);
    checkInt64Values(values, 'tensor');
    const v = Int32Array.from(values, (x) => Math.trunc(x));
    return new Tensor(this._dev, this._dev.fromData(v, this._shape, DType.Int64), this._shape.slice(), DType.Int64);
  }

  // ---- memory ----

  /** Frees this tensor's memory now (TensorFlow.js's name). Using it afterwards throws. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    if (this._finalized) unregisterFinalizer(this);
    this._dev.noteHeld(-1);
    this._dev.release(this._h);
  }

  // ---- printing ----

  toString(): string {
    if (this._disposed) return 'tensor(<disposed>)';
    const suffixes: string[] = [];
    const op = this._dev.gradFnOp(this._h);
    if (op !== Op.None) suffixes.push(`grad_fn=<${gradFnNames[op]}>`);
    else if (this._dev.requiresGrad(this._h)) suffixes.push('requires_grad=True');
    return formatTensor(this._dev.read(this._h), this._shape, this.dtype, suffixes);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }

  // ---- ops (see ops/ for the docs of each) ----

  add(other: TensorLike, options?: { alpha?: number }): Tensor { return ew.add(this, other, options, true); }
  sub(other: TensorLike, options?: { alpha?: number }): Tensor { return ew.sub(this, other, options, true); }
  mul(other: TensorLike): Tensor { return ew.mul(this, other, true); }
  div(other: TensorLike): Tensor { return ew.div(this, other, true); }
  pow(exponent: TensorLike): Tensor { return ew.pow(this, exponent, true); }
  maximum(other: Tensor): Tensor { return ew.maximum(this, other, true); }
  minimum(other: Tensor): Tensor { return ew.minimum(this, other, true); }
  neg(): Tensor { return ew.neg(this); }
  exp(): Tensor { return ew.exp(this); }
  log(): Tensor { return ew.log(this); }
  sqrt(): Tensor { return ew.sqrt(this); }
  abs(): Tensor { return ew.abs(this); }
  sigmoid(): Tensor { return ew.sigmoid(this); }
  tanh(): Tensor { return ew.tanh(this); }
  relu(): Tensor { return ew.relu(this); }
  clamp(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): Tensor {
    return ew.clamp(this, min, max, true);
  }

  sum(dim?: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.sum(this, dim, options, true); }
  mean(dim?: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.mean(this, dim, options, true); }
  max(): Tensor;
  max(dim: number | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean): [Tensor, Tensor];
  max(other: Tensor): Tensor;
  max(dim?: number | Tensor | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean): Tensor | [Tensor, Tensor] {
    return red.max(this, dim as never, options, true) as Tensor | [Tensor, Tensor];
  }
  amax(dim?: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.amax(this, dim, options, true); }
  logsumexp(dim: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.logsumexp(this, dim, options, true); }
  softmax(dim: number | { dim: number }): Tensor { return red.softmax(this, dim); }
  log_softmax(dim: number | { dim: number }): Tensor { return red.log_softmax(this, dim); }

  reshape(...shape: SizeArg[]): Tensor { return shp.reshape(this, ...shape); }
  view(...shape: SizeArg[]): Tensor { return shp.view(this, ...shape); }
  transpose(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor { return shp.transpose(this, dim0, dim1, true); }
  t(): Tensor { return shp.t(this); }
  permute(...dims: SizeArg[]): Tensor { return shp.permute(this, ...dims); }
  squeeze(dim?: number | { dim?: number }): Tensor { return shp.squeeze(this, dim, true); }
  unsqueeze(dim: number | { dim: number }): Tensor { return shp.unsqueeze(this, dim, true); }
  expand(...sizes: SizeArg[]): Tensor { return shp.expand(this, ...sizes); }
  flatten(start_dim?: number | { start_dim?: number; end_dim?: number }, end_dim?: number): Tensor {
    return shp.flatten(this, start_dim, end_dim);
  }

  matmul(other: Tensor): Tensor { return la.matmul(this, other, true); }
  mm(other: Tensor): Tensor { return la.mm(this, other, true); }
  bmm(other: Tensor): Tensor { return la.bmm(this, other, true); }
  mv(vec: Tensor): Tensor { return la.mv(this, vec, true); }
  dot(other: Tensor): Tensor { return la.dot(this, other, true); }
}

let warnedNonLeafGrad = false;

/** PyTorch's UserWarning for reading .grad of a non-leaf, shown once like Python's default. */
function warnNonLeafGrad(): void {
  if (warnedNonLeafGrad) return;
  warnedNonLeafGrad = true;
  console.warn(
    "UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't " +
    'be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, ' +
    'use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the ' +
    'leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations.');
}

/** PyTorch's error when an op mixes devices. */
export function checkSameDevice(a: Tensor, b: Tensor): void {
  if (a._dev !== b._dev) {
    throw new RuntimeError(
      `Expected all tensors to be on the same device, but found at least two devices, ${a._dev.name} and ${b._dev.name}!`);
  }
}

/** Wraps a new handle from `dev`; the shape is read from the device when not given. */
export function wrap(dev: Backend, h: Handle, shape?: Shape, dtype: DType = DType.Float32): Tensor {
  return new Tensor(dev, h, shape ? (shape as number[]) : dev.shapeOf(h), dtype);
}
