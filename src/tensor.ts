// The Tensor class: PyTorch's tensor API over a device handle. It holds the
// handle, the shape and dtype (so most questions need no device call), and
// delegates every op to the functions in ops/, which validate and dispatch.

import { Op, DType } from '../abi/abi.js';
import type { Backend, Handle, DeviceName } from './device.js';
import { RuntimeError } from './errors.js';
import { numelOf, normDim, type Shape, type SizeArg } from './shape.js';
import { gradFnNames } from './grad_fn.js';
import { GradFn } from './grad_fn_node.js';
import { track, registerFinalizer, unregisterFinalizer, getDevice } from './runtime.js';
import { formatTensor } from './format.js';
import * as ew from './ops/elementwise.js';
import { tableMethods } from './ops/methods.generated.js';
import * as red from './ops/reduce.js';
import * as shp from './ops/shape.js';
import * as cmp from './ops/shape_compose.js';
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

export { GradFn };

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

  /**
   * Wraps a device handle the caller owns one reference to. Not for users: tensors come from
   * the creation functions ({@link tensor}, {@link zeros}, …) and from ops.
   * @hidden
   */
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

  /**
   * The size of each dimension (PyTorch's torch.Size, as an array).
   * @example
   * console.log(torch.zeros(2, 3).shape); // [ 2, 3 ]
   */
  get shape(): number[] { return this._shape; }
  /**
   * The size of each dimension, or of dim `dim`.
   * @example
   * const x = torch.zeros(2, 3);
   * console.log(x.size(), x.size(-1)); // [ 2, 3 ] 3
   */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    return dim === undefined ? this._shape : this._shape[normDim(dim, this._shape.length)];
  }
  /**
   * Number of dimensions.
   * @example
   * console.log(torch.zeros(2, 3).dim()); // 2
   */
  dim(): number { return this._shape.length; }
  /**
   * Number of dimensions, like {@link Tensor.dim}.
   * @example
   * console.log(torch.zeros(2, 3).ndim); // 2
   */
  get ndim(): number { return this._shape.length; }
  /**
   * Number of elements.
   * @example
   * console.log(torch.zeros(2, 3).numel()); // 6
   */
  numel(): number { return numelOf(this._shape); }
  /**
   * The element type: `'float32'` or `'int64'`.
   * @example
   * console.log(torch.tensor([1, 2], { dtype: 'int64' }).dtype); // int64
   */
  get dtype(): DTypeName { return dtypeName(this._dtype); }
  /**
   * The device the tensor lives on: `'wasm'` or `'js'`.
   * @example
   * console.log(torch.zeros(1, { device: 'js' }).device); // js
   */
  get device(): DeviceName { return this._dev.name; }
  /**
   * Whether {@link Tensor.dispose} (or the end of its `torch.tidy`) has freed this tensor.
   * @example
   * const x = torch.ones(1);
   * x.dispose();
   * console.log(x.isDisposed); // true
   */
  get isDisposed(): boolean { return this._disposed; }

  /** @internal the live handle, or PyTorch-style error after dispose() */
  get h(): Handle {
    if (this._disposed) throw new RuntimeError('wasmgrad: this tensor was disposed (dispose() or torch.tidy) and cannot be used');
    return this._h;
  }

  // ---- autograd ----

  /**
   * Whether autograd records ops on this tensor. Settable on leaves.
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(w.requires_grad, w.mul(2).requires_grad); // true true
   */
  get requires_grad(): boolean { return this._dev.requiresGrad(this.h); }
  set requires_grad(on: boolean) { this.requires_grad_(on); }

  /**
   * Sets requires_grad in place and returns this tensor.
   * @example
   * const w = torch.zeros(3).requires_grad_();
   * console.log(w.requires_grad); // true
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

  /**
   * True for tensors not made by a recorded op (user-created, or not requiring grad).
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(w.is_leaf, w.mul(2).is_leaf); // true false
   */
  get is_leaf(): boolean { return this._dev.gradFnOp(this.h) === Op.None; }

  /**
   * The node that made this tensor, or null for leaves.
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(`${w.mul(2).grad_fn}`, w.grad_fn); // <MulBackward0 object> null
   */
  get grad_fn(): GradFn | null { return GradFn._of(this); }

  /**
   * The gradient accumulated by backward(), or null. The gradient belongs to
   * this tensor; the JS object returned for it is freed by the torch.tidy it
   * was read in (read it again afterwards). It is updated in place by later
   * backward() calls, as in PyTorch.
   * @example
   * const w = torch.tensor([1.0, 2.0], { requires_grad: true });
   * w.mul(w).sum().backward();
   * console.log(`${w.grad}`); // tensor([2., 4.])
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

  /**
   * Keeps .grad for this non-leaf tensor after backward().
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * const y = w.mul(3);
   * y.retain_grad();
   * y.mul(2).sum().backward();
   * console.log(`${y.grad}`); // tensor([2.])
   */
  retain_grad(): void {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (!this.is_leaf) { this._dev.retainGrad(this.h); this._retainsGrad = true; }
  }

  /**
   * Computes the gradient of this tensor with respect to the graph leaves, accumulating it into their `.grad`.
   * @example
   * const w = torch.tensor([2.0], { requires_grad: true });
   * const loss = w.mul(w).sum();
   * loss.backward({ retain_graph: true });
   * console.log(`${w.grad}`); // tensor([4.])
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

  /**
   * A new leaf tensor with the same values, outside the graph.
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(`${w.mul(2).detach()}`); // tensor([2.])
   */
  detach(): Tensor {
    const t = new Tensor(this._dev, this._dev.copy(this.h), this._shape.slice(), this._dtype);
    t._strides = this._strides; // PyTorch's detach shares the layout
    return t;
  }

  /**
   * A copy that stays in the graph (CloneBackward0), laid out as PyTorch's clone() lays it out.
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(`${w.clone()}`); // tensor([1.], grad_fn=<CloneBackward0>)
   */
  clone(): Tensor {
    const t = shp.viewAs(Op.Clone, this, this._shape);
    if (this._strides && nonOverlappingAndDense(this._shape, this._strides)) t._strides = this._strides;
    return t;
  }

  /**
   * Whether PyTorch would store this tensor in row-major order (view() needs that, or a compatible layout).
   * @example
   * console.log(torch.ones(2, 3).t().is_contiguous()); // false
   */
  is_contiguous(): boolean { return this._strides === null; }

  // ---- values ----

  /**
   * The value of a one-element tensor as a JS number.
   * @example
   * console.log(torch.tensor([1.5]).sum().item()); // 1.5
   */
  item(): number {
    const h = this.h;
    if (this.numel() !== 1) {
      throw new RuntimeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    }
    return this._dev.read(h)[0];
  }

  /**
   * The number a one-element tensor stands for, as Python's `float(t)` / `int(t)` give it: JS calls
   * this for `t < 1000`, `+t`, `t * 2`, `t == 0`, so that
   * `while (y.norm() < 1000)` works. A tensor of any other size throws PyTorch's RuntimeError
   * "a Tensor with N elements cannot be converted to Scalar": JS has no operator overloading, so
   * `a * b` is never elementwise (use `a.mul(b)`). `${t}` and String(t) print the tensor instead.
   * @example
   * const t = torch.tensor([3.5]);
   * console.log(t < 1000, +t, t * 2, t.valueOf()); // true 3.5 7 3.5
   */
  valueOf(): number {
    // no Symbol.toPrimitive needed: JS converts objects by valueOf() for numbers (and for `+`, `==`)
    // and by toString() for strings, which is the rule above
    return this.item();
  }

  /**
   * The values as (nested) JS arrays, or a number for 0-d tensors.
   * @example
   * console.log(torch.tensor([[1, 2], [3, 4]]).tolist()); // [ [ 1, 2 ], [ 3, 4 ] ]
   */
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

  /**
   * A copy of the values as a typed array (Float32Array, or Int32Array for int64), TensorFlow.js's name.
   * @example
   * console.log(torch.tensor([1, 2]).dataSync()); // Float32Array(2) [ 1, 2 ]
   */
  dataSync(): Float32Array | Int32Array { return this._dev.read(this.h); }

  /**
   * This tensor on another device: a copy that stays in the graph (ToCopyBackward0),
   * so gradients flow back to this device; the tensor itself if already there.
   * @example
   * console.log(torch.ones(2).to('js').device); // js
   */
  to(device: DeviceName): Tensor {
    const dev = getDevice(device);
    return dev === this._dev ? this : copyTo(this, dev);
  }

  /**
   * A float32 copy (int64 → float32); the tensor itself when already float32.
   * @example
   * console.log(`${torch.tensor([1, 2], { dtype: 'int64' }).float()}`); // tensor([1., 2.])
   */
  float(): Tensor {
    if (this._dtype === DType.Float32) return this;
    return new Tensor(this._dev, this._dev.fromData(this._dev.read(this.h), this._shape, DType.Float32), this._shape.slice());
  }

  /**
   * An int64 copy, truncating toward zero like PyTorch.
   * @example
   * console.log(`${torch.tensor([-1.7, 2.5]).long()}`); // tensor([-1,  2])
   */
  long(): Tensor {
    if (this._dtype === DType.Int64) return this;
    const values = this._dev.read(this.h);
    checkInt64Values(values, 'tensor');
    const v = Int32Array.from(values, (x) => Math.trunc(x));
    return new Tensor(this._dev, this._dev.fromData(v, this._shape, DType.Int64), this._shape.slice(), DType.Int64);
  }

  // ---- memory ----

  /**
   * Frees this tensor's memory now (TensorFlow.js's name). Using it afterwards throws.
   * @example
   * const x = torch.ones(1000);
   * x.dispose();
   * console.log(x.isDisposed); // true
   */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    if (this._finalized) unregisterFinalizer(this);
    this._dev.noteHeld(-1);
    this._dev.release(this._h);
  }

  // ---- printing ----

  /**
   * PyTorch's printed form, with `grad_fn` or `requires_grad` as PyTorch shows them.
   * @example
   * console.log(`${torch.tensor([1.0, 2.5])}`); // tensor([1.0000, 2.5000])
   */
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

  /**
   * `this + alpha * other`, broadcasting; `other` may be a number. See {@link add}.
   * @example
   * const x = torch.tensor([1, 2]);
   * console.log(`${x.add(10)}`, `${x.add(x, { alpha: 2 })}`); // tensor([11., 12.]) tensor([3., 6.])
   */
  add(other: TensorLike, options?: { alpha?: number }): Tensor { return ew.add(this, other, options, true); }
  /**
   * `this - alpha * other`, broadcasting. See {@link sub}.
   * @example
   * console.log(`${torch.tensor([5, 7]).sub(torch.tensor([1, 2]))}`); // tensor([4., 5.])
   */
  sub(other: TensorLike, options?: { alpha?: number }): Tensor { return ew.sub(this, other, options, true); }
  /**
   * `this * other` elementwise, broadcasting. See {@link mul}.
   * @example
   * console.log(`${torch.tensor([1, 2]).mul(3)}`); // tensor([3., 6.])
   */
  mul(other: TensorLike): Tensor { return ew.mul(this, other, true); }
  /**
   * `this / other` elementwise (true division), broadcasting. See {@link div}.
   * @example
   * console.log(`${torch.tensor([1, 3]).div(2)}`); // tensor([0.5000, 1.5000])
   */
  div(other: TensorLike): Tensor { return ew.div(this, other, true); }
  /**
   * `this ** exponent` elementwise. See {@link pow}.
   * @example
   * console.log(`${torch.tensor([2, 3]).pow(2)}`); // tensor([4., 9.])
   */
  pow(exponent: TensorLike): Tensor { return ew.pow(this, exponent, true); }
  /**
   * The elementwise maximum with `other`. See {@link maximum}.
   * @example
   * console.log(`${torch.tensor([1, 5]).maximum(torch.tensor([3, 2]))}`); // tensor([3., 5.])
   */
  maximum(other: Tensor): Tensor { return ew.maximum(this, other, true); }
  /**
   * The elementwise minimum with `other`. See {@link minimum}.
   * @example
   * console.log(`${torch.tensor([1, 5]).minimum(torch.tensor([3, 2]))}`); // tensor([1., 2.])
   */
  minimum(other: Tensor): Tensor { return ew.minimum(this, other, true); }
  /**
   * `-this`. See {@link neg}.
   * @example
   * console.log(`${torch.tensor([1, -2]).neg()}`); // tensor([-1.,  2.])
   */
  neg(): Tensor { return ew.neg(this); }
  /**
   * e to the power of each element. See {@link exp}.
   * @example
   * console.log(`${torch.tensor([0, 1]).exp()}`); // tensor([1.0000, 2.7183])
   */
  exp(): Tensor { return ew.exp(this); }

  // @generated-begin by scripts/gen_ops.ts: the op table's methods
  /**
   * Sine. Its gradient node is PyTorch's SinBackward0.
   * @example x.sin()
   */
  sin(...args: []): Tensor { return tableMethods.sin(this, args); }
  /**
   * Cosine. Its gradient node is PyTorch's CosBackward0.
   * @example x.cos()
   */
  cos(...args: []): Tensor { return tableMethods.cos(this, args); }
  /**
   * Tangent. Its gradient node is PyTorch's TanBackward0.
   * @example x.tan()
   */
  tan(...args: []): Tensor { return tableMethods.tan(this, args); }
  /**
   * Arcsine. Its gradient node is PyTorch's AsinBackward0.
   * @example x.asin()
   */
  asin(...args: []): Tensor { return tableMethods.asin(this, args); }
  /**
   * Arccosine. Its gradient node is PyTorch's AcosBackward0.
   * @example x.acos()
   */
  acos(...args: []): Tensor { return tableMethods.acos(this, args); }
  /**
   * Arctangent. Its gradient node is PyTorch's AtanBackward0.
   * @example x.atan()
   */
  atan(...args: []): Tensor { return tableMethods.atan(this, args); }
  /**
   * Hyperbolic sine. Its gradient node is PyTorch's SinhBackward0.
   * @example x.sinh()
   */
  sinh(...args: []): Tensor { return tableMethods.sinh(this, args); }
  /**
   * Hyperbolic cosine. Its gradient node is PyTorch's CoshBackward0.
   * @example x.cosh()
   */
  cosh(...args: []): Tensor { return tableMethods.cosh(this, args); }
  /**
   * Inverse hyperbolic sine. Its gradient node is PyTorch's AsinhBackward0.
   * @example x.asinh()
   */
  asinh(...args: []): Tensor { return tableMethods.asinh(this, args); }
  /**
   * Inverse hyperbolic cosine. Its gradient node is PyTorch's AcoshBackward0.
   * @example x.acosh()
   */
  acosh(...args: []): Tensor { return tableMethods.acosh(this, args); }
  /**
   * Inverse hyperbolic tangent. Its gradient node is PyTorch's AtanhBackward0.
   * @example x.atanh()
   */
  atanh(...args: []): Tensor { return tableMethods.atanh(this, args); }
  /**
   * 2^x. Its gradient node is PyTorch's Exp2Backward0.
   * @example x.exp2()
   */
  exp2(...args: []): Tensor { return tableMethods.exp2(this, args); }
  /**
   * eˣ − 1, accurate near 0. Its gradient node is PyTorch's Expm1Backward0.
   * @example x.expm1()
   */
  expm1(...args: []): Tensor { return tableMethods.expm1(this, args); }
  /**
   * ln(1 + x), accurate near 0. Its gradient node is PyTorch's Log1PBackward0.
   * @example x.log1p()
   */
  log1p(...args: []): Tensor { return tableMethods.log1p(this, args); }
  /**
   * Base-2 logarithm. Its gradient node is PyTorch's Log2Backward0.
   * @example x.log2()
   */
  log2(...args: []): Tensor { return tableMethods.log2(this, args); }
  /**
   * Base-10 logarithm. Its gradient node is PyTorch's Log10Backward0.
   * @example x.log10()
   */
  log10(...args: []): Tensor { return tableMethods.log10(this, args); }
  /**
   * 1/√x. Its gradient node is PyTorch's RsqrtBackward0.
   * @example x.rsqrt()
   */
  rsqrt(...args: []): Tensor { return tableMethods.rsqrt(this, args); }
  /**
   * 1/x. Its gradient node is PyTorch's ReciprocalBackward0.
   * @example x.reciprocal()
   */
  reciprocal(...args: []): Tensor { return tableMethods.reciprocal(this, args); }
  /**
   * −1, 0 or 1 by the sign of x. Its gradient node is PyTorch's SignBackward0.
   * @example x.sign()
   */
  sign(...args: []): Tensor { return tableMethods.sign(this, args); }
  /**
   * sign, extended to complex numbers in PyTorch. Its gradient node is PyTorch's SgnBackward0.
   * @example x.sgn()
   */
  sgn(...args: []): Tensor { return tableMethods.sgn(this, args); }
  /**
   * Rounds down. Its gradient node is PyTorch's FloorBackward0.
   * @example x.floor()
   */
  floor(...args: []): Tensor { return tableMethods.floor(this, args); }
  /**
   * Rounds up. Its gradient node is PyTorch's CeilBackward0.
   * @example x.ceil()
   */
  ceil(...args: []): Tensor { return tableMethods.ceil(this, args); }
  /**
   * Rounds half to even. Its gradient node is PyTorch's RoundBackward0 or RoundBackward1.
   * @example x.round()
   */
  round(...args: [] | [decimals: number] | [{ decimals: number }]): Tensor { return tableMethods.round(this, args); }
  /**
   * Rounds towards 0. Its gradient node is PyTorch's TruncBackward0.
   * @example x.trunc()
   */
  trunc(...args: []): Tensor { return tableMethods.trunc(this, args); }
  /**
   * x − trunc(x). Its gradient node is PyTorch's FracBackward0.
   * @example x.frac()
   */
  frac(...args: []): Tensor { return tableMethods.frac(this, args); }
  /**
   * The error function. Its gradient node is PyTorch's ErfBackward0.
   * @example x.erf()
   */
  erf(...args: []): Tensor { return tableMethods.erf(this, args); }
  /**
   * The complementary error function, 1 − erf(x). Its gradient node is PyTorch's ErfcBackward0.
   * @example x.erfc()
   */
  erfc(...args: []): Tensor { return tableMethods.erfc(this, args); }
  /**
   * 0 on [−lambd, lambd], else x. Its gradient node is PyTorch's HardshrinkBackward0.
   * @example x.hardshrink()
   */
  hardshrink(...args: [lambd?: number] | [{ lambd?: number }]): Tensor { return tableMethods.hardshrink(this, args); }
  /**
   * C's fmod: the remainder with the sign of input. Its gradient node is PyTorch's FmodBackward1 or FmodBackward0.
   * @example x.fmod(y)
   */
  fmod(...args: [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): Tensor { return tableMethods.fmod(this, args); }
  /**
   * Python's %: the remainder with the sign of other. Its gradient node is PyTorch's RemainderBackward1 or NotImplemented or RemainderBackward0.
   * @example x.remainder(y)
   */
  remainder(...args: [other: Tensor] | [{ other: Tensor }] | [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): Tensor { return tableMethods.remainder(this, args); }
  /**
   * input · log(other), 0 where input = 0. Its gradient node is PyTorch's XlogyBackward0 or XlogyBackward1 or XlogyBackward2.
   * @example x.xlogy(y)
   */
  xlogy(...args: [other: Tensor] | [{ other: Tensor }] | [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): Tensor { return tableMethods.xlogy(this, args); }
  /**
   * Elementwise arctangent of input/other, quadrant-aware. Its gradient node is PyTorch's Atan2Backward0.
   * @example x.atan2(y)
   */
  atan2(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.atan2(this, args); }
  /**
   * √(input² + other²) elementwise. Its gradient node is PyTorch's HypotBackward0.
   * @example x.hypot(y)
   */
  hypot(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.hypot(this, args); }
  // @generated-end
  /**
   * The natural logarithm of each element. See {@link log}.
   * @example
   * console.log(`${torch.tensor([1, 0]).log()}`); // tensor([0., -inf])
   */
  log(): Tensor { return ew.log(this); }
  /**
   * The square root of each element. See {@link sqrt}.
   * @example
   * console.log(`${torch.tensor([4, 9]).sqrt()}`); // tensor([2., 3.])
   */
  sqrt(): Tensor { return ew.sqrt(this); }
  /**
   * The absolute value of each element. See {@link abs}.
   * @example
   * console.log(`${torch.tensor([-1.5, 2]).abs()}`); // tensor([1.5000, 2.0000])
   */
  abs(): Tensor { return ew.abs(this); }
  /**
   * `1 / (1 + e^-x)` of each element. See {@link sigmoid}.
   * @example
   * console.log(`${torch.tensor([0]).sigmoid()}`); // tensor([0.5000])
   */
  sigmoid(): Tensor { return ew.sigmoid(this); }
  /**
   * The hyperbolic tangent of each element. See {@link tanh}.
   * @example
   * console.log(`${torch.tensor([0]).tanh()}`); // tensor([0.])
   */
  tanh(): Tensor { return ew.tanh(this); }
  /**
   * `max(x, 0)` of each element. See {@link relu}.
   * @example
   * console.log(`${torch.tensor([-1, 2]).relu()}`); // tensor([0., 2.])
   */
  relu(): Tensor { return ew.relu(this); }
  /**
   * Each element limited to `[min, max]` (either may be null). See {@link clamp}.
   * @example
   * console.log(`${torch.tensor([-2, 0.5, 3]).clamp(-1, 1)}`); // tensor([-1.0000,  0.5000,  1.0000])
   */
  clamp(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): Tensor {
    return ew.clamp(this, min, max, true);
  }

  /**
   * The sum of all elements, or over `dim` (`keepdim` keeps it with size 1). See {@link sum}.
   * @example
   * const x = torch.tensor([[1, 2], [3, 4]]);
   * console.log(`${x.sum()}`, x.sum(1, { keepdim: true }).tolist()); // tensor(10.) [ [ 3 ], [ 7 ] ]
   */
  sum(dim?: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.sum(this, dim, options, true); }
  /**
   * The mean of all elements, or over `dim`. See {@link mean}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).mean(0)}`); // tensor([2., 3.])
   */
  mean(dim?: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.mean(this, dim, options, true); }
  /**
   * The largest element; with `dim`, `[values, indices]` along it; with a tensor, the elementwise maximum. See {@link max}.
   * @example
   * const [values, indices] = torch.tensor([[1, 5], [7, 2]]).max(1);
   * console.log(`${values}`, `${indices}`); // tensor([5., 7.]) tensor([1, 0])
   */
  max(): Tensor;
  max(dim: number | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean): [Tensor, Tensor];
  max(other: Tensor): Tensor;
  max(dim?: number | Tensor | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean): Tensor | [Tensor, Tensor] {
    return red.max(this, dim as never, options, true) as Tensor | [Tensor, Tensor];
  }
  /**
   * The largest element over `dim` (all dims by default), without indices. See {@link amax}.
   * @example
   * console.log(`${torch.tensor([[1, 5], [7, 2]]).amax(0)}`); // tensor([7., 5.])
   */
  amax(dim?: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.amax(this, dim, options, true); }
  /**
   * `log(sum(exp(x)))` over `dim`, computed stably. See {@link logsumexp}.
   * @example
   * console.log(`${torch.tensor([0, 0]).logsumexp(0)}`); // tensor(0.6931)
   */
  logsumexp(dim: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.logsumexp(this, dim, options, true); }
  /**
   * `exp(x) / sum(exp(x))` along `dim`. See {@link softmax}.
   * @example
   * console.log(`${torch.tensor([0, 0]).softmax(0)}`); // tensor([0.5000, 0.5000])
   */
  softmax(dim: number | { dim: number }): Tensor { return red.softmax(this, dim); }
  /**
   * `log(softmax(x))` along `dim`, computed stably. See {@link log_softmax}.
   * @example
   * console.log(`${torch.tensor([0, 0]).log_softmax(0)}`); // tensor([-0.6931, -0.6931])
   */
  log_softmax(dim: number | { dim: number }): Tensor { return red.log_softmax(this, dim); }

  /**
   * The same elements in a new shape (one size may be -1). See {@link reshape}.
   * @example
   * console.log(torch.arange(6).reshape(2, -1).shape); // [ 2, 3 ]
   */
  reshape(...shape: SizeArg[]): Tensor { return shp.reshape(this, ...shape); }
  /**
   * The same elements in a new shape, like {@link Tensor.reshape}. See {@link view}.
   * @example
   * console.log(torch.arange(6).view([3, 2]).shape); // [ 3, 2 ]
   */
  view(...shape: SizeArg[]): Tensor { return shp.view(this, ...shape); }
  /**
   * Dims `dim0` and `dim1` swapped. See {@link transpose}.
   * @example
   * console.log(torch.zeros(2, 3, 4).transpose(0, 2).shape); // [ 4, 3, 2 ]
   */
  transpose(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor { return shp.transpose(this, dim0, dim1, true); }
  /**
   * A 2-D tensor transposed (0-D and 1-D come back as they are). See {@link t}.
   * @example
   * console.log(torch.zeros(2, 3).t().shape); // [ 3, 2 ]
   */
  t(): Tensor { return shp.t(this); }
  /**
   * The dims reordered: output dim i is input dim `dims[i]`. See {@link permute}.
   * @example
   * console.log(torch.zeros(2, 3, 4).permute(2, 0, 1).shape); // [ 4, 2, 3 ]
   */
  permute(...dims: SizeArg[]): Tensor { return shp.permute(this, ...dims); }
  /**
   * Dims of size 1 removed (all, or only `dim`). See {@link squeeze}.
   * @example
   * console.log(torch.zeros(2, 1, 3).squeeze().shape); // [ 2, 3 ]
   */
  squeeze(dim?: number | { dim?: number }): Tensor { return shp.squeeze(this, dim, true); }
  /**
   * A dim of size 1 inserted at `dim`. See {@link unsqueeze}.
   * @example
   * console.log(torch.zeros(2, 3).unsqueeze(0).shape); // [ 1, 2, 3 ]
   */
  unsqueeze(dim: number | { dim: number }): Tensor { return shp.unsqueeze(this, dim, true); }
  /**
   * Size-1 dims repeated to `sizes` (-1 keeps a dim). See {@link expand}.
   * @example
   * console.log(torch.tensor([[1], [2]]).expand(-1, 3).tolist()); // [ [ 1, 1, 1 ], [ 2, 2, 2 ] ]
   */
  expand(...sizes: SizeArg[]): Tensor { return shp.expand(this, ...sizes); }

  // ---- shape ops PyTorch composes from others (src/ops/shape_compose.ts) ----
  /**
   * Dims `source` moved to `destination`. See {@link movedim}.
   * @example
   * console.log(torch.zeros(2, 3, 4).movedim(0, -1).shape); // [ 3, 4, 2 ]
   */
  movedim(...args: unknown[]): Tensor { return cmp.movedimMethod(this, args); }
  /**
   * NumPy's name for {@link Tensor.movedim}. See {@link moveaxis}.
   * @example
   * console.log(torch.zeros(2, 3, 4).moveaxis([0, 1], [2, 0]).shape); // [ 3, 4, 2 ]
   */
  moveaxis(...args: unknown[]): Tensor { return cmp.moveaxisMethod(this, args); }
  /**
   * Dims `axis0` and `axis1` swapped. See {@link swapaxes}.
   * @example
   * console.log(torch.zeros(2, 3).swapaxes(0, 1).shape); // [ 3, 2 ]
   */
  swapaxes(...args: unknown[]): Tensor { return cmp.swapaxesOf(args, this); }
  /**
   * Dims `dim0` and `dim1` swapped. See {@link swapdims}.
   * @example
   * console.log(torch.zeros(2, 3).swapdims(0, 1).shape); // [ 3, 2 ]
   */
  swapdims(...args: unknown[]): Tensor { return cmp.swapdimsOf(args, this); }
  /**
   * Dim `dim` split into `sizes`. See {@link unflatten}.
   * @example
   * console.log(torch.zeros(2, 6).unflatten(1, [2, -1]).shape); // [ 2, 2, 3 ]
   */
  unflatten(...args: unknown[]): Tensor { return cmp.unflattenOf(args, this); }
  /**
   * Broadcast to `size`. See {@link broadcast_to}.
   * @example
   * console.log(torch.tensor([1, 2]).broadcast_to([3, 2]).shape); // [ 3, 2 ]
   */
  broadcast_to(...args: unknown[]): Tensor { return cmp.broadcastToOf(args, this); }
  /**
   * Dims `start_dim` to `end_dim` merged into one. See {@link flatten}.
   * @example
   * console.log(torch.zeros(2, 3, 4).flatten(1).shape); // [ 2, 12 ]
   */
  flatten(start_dim?: number | { start_dim?: number; end_dim?: number }, end_dim?: number): Tensor {
    return shp.flatten(this, start_dim, end_dim);
  }

  /**
   * The matrix product, with NumPy's rules for 1-D and batched operands. See {@link matmul}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).matmul(torch.tensor([1, 1]))}`); // tensor([3., 7.])
   */
  matmul(other: Tensor): Tensor { return la.matmul(this, other, true); }
  /**
   * The product of two matrices, (n×m)·(m×p). See {@link mm}.
   * @example
   * console.log(torch.ones(2, 3).mm(torch.ones(3, 4)).shape); // [ 2, 4 ]
   */
  mm(other: Tensor): Tensor { return la.mm(this, other, true); }
  /**
   * Batched matrix products, (B×n×m)·(B×m×p). See {@link bmm}.
   * @example
   * console.log(torch.ones(5, 2, 3).bmm(torch.ones(5, 3, 4)).shape); // [ 5, 2, 4 ]
   */
  bmm(other: Tensor): Tensor { return la.bmm(this, other, true); }
  /**
   * The product of this matrix and the vector `vec`. See {@link mv}.
   * @example
   * console.log(`${torch.eye(2).mv(torch.tensor([3, 4]))}`); // tensor([3., 4.])
   */
  mv(vec: Tensor): Tensor { return la.mv(this, vec, true); }
  /**
   * The inner product of two 1-D tensors. See {@link dot}.
   * @example
   * console.log(`${torch.tensor([1, 2]).dot(torch.tensor([3, 4]))}`); // tensor(11.)
   */
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
