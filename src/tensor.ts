// The Tensor class: PyTorch's tensor API over a device handle. It holds the
// handle, the shape and dtype (so most questions need no device call), and
// delegates every op to the functions in ops/, which validate and dispatch.

import { Op, DType } from '../abi/abi.js';
import type { Backend, Handle, DeviceName } from './device.js';
import { RuntimeError, IndexError } from './errors.js';
import { numelOf, normDim, sameShape, sizeParam, type Shape, type SizeArg } from './shape.js';
import { nodeName } from './node_name.js';
import { GradFn } from './grad_fn_node.js';
import { track, registerFinalizer, unregisterFinalizer, getDevice } from './runtime.js';
import { formatTensor } from './format.js';
import * as ew from './ops/elementwise.js';
import { tableMethods } from './ops/methods.generated.js';
import * as red from './ops/reduce.js';
import * as red2 from './ops/reduce_stats.js'; // reductions 2
import * as shp from './ops/shape.js';
import * as sc from './ops/shape_compose.js';
import * as co from './ops/compose.js'; // ternary and linalg 2
import * as la from './ops/linalg.js';
import * as ix from './ops/indexing.js';
import * as ix2 from './ops/gather_scatter.js'; // shape and indexing 2
import * as bern from './ops/bernoulli.js'; // helper leftovers
import { multinomialMethod } from './ops/multinomial.js'; // helper leftovers
import * as randomFill from './ops/random_fill.js'; // random fills (helper generator)
import type { Generator } from './random.js'; // random fills (helper generator)
import * as cmp from './ops/compare.js';
import * as scn from './ops/scan.js'; // scans
import * as srt from './ops/sort.js'; // sorting and order statistics
import * as bit from './ops/bitwise.js';
import * as lm from './ops/linalg_more.js'; // linalg.inv
import { linalgMethods as lr } from './ops/linalg_rest.js'; // helper linalg2
import { householderMethods as hh } from './ops/linalg_householder.js'; // helper linalg3
import { svdMethod } from './ops/linalg_svd.js'; // helper linalg2
import { luMethod, luSolveMethod, matrixExpMethod } from './ops/linalg_lu.js'; // helper linalg2
import * as sm from './ops/shape_members.js'; // shape members (helper h-shape)
import { polygammaMethod } from './ops/polygamma.js'; // helper h-cg
import * as num from './ops/numeric.js'; // diff, bincount, histc, heaviside, cov, corrcoef (helper h-special)
import * as nm from './ops/numeric_members.js'; // numeric members (helper h-numeric)
import { installStorageMembers } from './ops/storage_members.js'; // complex, storage and layout members (helper h-members)
import * as hist from './ops/histogram.js'; // helper h-fns
import * as consec from './ops/consecutive.js'; // helper h-fns
import { backward as runBackward } from './autograd.js';
import { checkBool, checkInt, invalidCombination } from './args.js';
import { copyTo } from './crossing.js';
import { castTensor } from './cast.js';
import { TYPE_NAMES } from './dtype.js';
import { inplace, inplaceNoGrad, fillInto, copyInto } from './ops/inplace.js';
import { registerHook, registerPostAccumulateHook, dropHooks, type RemovableHandle } from './tensor_hooks.js';
import { full_like, zeros, ones, full, tensor as makeTensor, type SizeAndOptions, type TensorOptions, type Nested } from './creation.js';
import { warnOnce } from './nn/warn.js';
import { DTYPES, TorchDtype, isFloating, parseDtype, isDtypeName, type DTypeName } from './dtype.js';
import type { Data } from './device.js';
import { nonOverlappingAndDense, layout } from './strides.js';
import { markView, dropView, isStale, syncView, viewVersion, baseOf, type ViewLink } from './alias.js';

export type { DTypeName } from './dtype.js';
export type Scalar = number;
export type TensorLike = Tensor | number;


const TO_SIGNATURES = [
  '(torch.device device, torch.dtype dtype, bool non_blocking, bool copy, *, torch.memory_format memory_format)',
  '(torch.dtype dtype, bool non_blocking, bool copy, *, torch.memory_format memory_format)',
  '(Tensor tensor, bool non_blocking, bool copy, *, torch.memory_format memory_format)',
];

/** What `to()` takes: a device, a dtype, both (device first), a tensor to match, or keywords. */
export type ToTarget = DeviceName | TorchDtype | DTypeName | Tensor | { device?: DeviceName; dtype?: TorchDtype | DTypeName };

/** Tensor.backward's keyword arguments. */
export interface BackwardOptions {
  gradient?: Tensor | null; retain_graph?: boolean; create_graph?: boolean; inputs?: Tensor[];
}

export { GradFn };

// saved-tensor hooks (src/saved_tensors_hooks.ts): while a scope is open, each new tensor packs
// the record that made it; null otherwise, so that an op's result costs one test
let onNewTensor: ((t: Tensor) => void) | null = null;
/** @internal */
export function setOnNewTensor(f: ((t: Tensor) => void) | null): void { onNewTensor = f; }

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
  /** @internal where this tensor's first element sits in its storage, in elements (PyTorch's storage_offset) */
  _offset = 0;
  /** @internal for a view: its base and how to find its elements there (src/alias.ts) */
  _view: ViewLink | null = null;
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
    if (onNewTensor !== null) onNewTensor(this);
  }

  /** @internal hands this tensor to the finalizer safety net (see runtime.ts track) */
  escape(): void {
    if (this._finalized || this._disposed) return;
    this._finalized = true;
    registerFinalizer(this, this._dev, this._h);
    // a view holds its base's data too (src/alias.ts)
    if (this._view) registerFinalizer(this, this._view.storage.dev, this._view.storage.h);
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
   * The element type, one of the `torch.dtype` constants (`torch.float32`, `torch.int64` ...).
   * @example
   * console.log(`${torch.tensor([1, 2], { dtype: torch.long }).dtype}`); // torch.int64
   */
  get dtype(): TorchDtype { return DTYPES[this._dtype]; }
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

  /** @internal whether the finalizer safety net holds this tensor (it is in no torch.tidy scope) */
  get isEscaped(): boolean { return this._finalized; }

  /** @internal the live handle (a view's values read again from its base if it changed), or PyTorch-style error after dispose() */
  get h(): Handle {
    if (this._disposed) throw new RuntimeError('wasmgrad: this tensor was disposed (dispose() or torch.tidy) and cannot be used');
    if (this._view !== null && isStale(this._view)) syncView(this, this._h);
    return this._h;
  }

  /**
   * The tensor this view shares its data with (PyTorch's `._base`), or null when this is not a
   * view or its base was garbage collected.
   * @example
   * const x = torch.zeros(2, 3);
   * console.log(x.select(0, 1)._base === x, x._base); // true null
   */
  get _base(): Tensor | null { return this._view ? baseOf(this._view) : null; }

  /**
   * The same data outside autograd (PyTorch's `.data`): writing it in place changes this tensor
   * without recording.
   * @example
   * const w = torch.ones(2, { requires_grad: true });
   * w.data.mul_(3);
   * console.log(`${w}`); // tensor([3., 3.], requires_grad=True)
   */
  get data(): Tensor {
    const t = new Tensor(this._dev, this._dev.copy(this.h), this._shape.slice(), this._dtype);
    t._strides = this._strides;
    t._offset = this._offset;
    return markView(t, this, (p) => p, true, true);
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
    if (requires_grad && !isFloating(this._dtype)) {
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
    const wrapper = new Tensor(this._dev, g, this._shape.slice(), this._dtype);
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
   * Runs `hook` on this tensor's gradient whenever a backward computes it, as PyTorch's
   * register_hook: a tensor it returns replaces the gradient (same shape), null keeps it. A
   * leaf's hooks run before .grad accumulates, a non-leaf's before the gradient flows on. The
   * gradient passed in lives while the hook runs (torch.keep it to hold on to it).
   * @example
   * const w = torch.tensor([1.0, 2.0], { requires_grad: true });
   * const handle = w.register_hook((g) => g.mul(2));
   * w.mul(3).sum().backward();
   * console.log(`${w.grad}`); // tensor([6., 6.])
   * handle.remove();
   */
  register_hook(hook: (grad: Tensor) => Tensor | null | undefined | void): RemovableHandle { return registerHook(this, hook); }

  /**
   * Runs `hook(this)` after a backward has accumulated this leaf's .grad, as PyTorch 2's
   * register_post_accumulate_grad_hook (an optimizer step per parameter as soon as its gradient
   * is ready). The hook runs with grad mode as the backward's (off unless create_graph), must
   * return nothing (or the tensor), and does not run for torch.autograd.grad.
   * @example
   * const v = torch.tensor([0.0, 0.0, 0.0], { requires_grad: true });
   * const h = v.register_post_accumulate_grad_hook((p) => { p.sub_(p.grad.mul(0.01)); });
   * v.backward(torch.tensor([1.0, 2.0, 3.0]));
   * console.log(`${v}`); // tensor([-0.0100, -0.0200, -0.0300], requires_grad=True)
   * h.remove();
   */
  register_post_accumulate_grad_hook(hook: (tensor: Tensor) => unknown): RemovableHandle { return registerPostAccumulateHook(this, hook); }

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
   * A new leaf tensor sharing this tensor's data, outside the graph: writing either one in place
   * changes both (PyTorch's detach; its `_base` is null).
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(`${w.mul(2).detach()}`); // tensor([2.])
   */
  detach(): Tensor {
    const t = new Tensor(this._dev, this._dev.copy(this.h), this._shape.slice(), this._dtype);
    t._strides = this._strides; // PyTorch's detach shares the layout
    t._offset = this._offset;
    return markView(t, this, (p) => p, true);
  }

  /**
   * A copy that stays in the graph (CloneBackward0), laid out as PyTorch's clone() lays it out.
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(`${w.clone()}`); // tensor([1.], grad_fn=<CloneBackward0>)
   */
  clone(): Tensor {
    const t = shp.viewAs(Op.Clone, this, this._shape);
    if (!this.is_contiguous() && nonOverlappingAndDense(this._shape, this._strides!)) t._strides = this._strides;
    return t;
  }

  /**
   * Whether PyTorch would store this tensor in row-major order (view() needs that, or a compatible layout).
   * @example
   * console.log(torch.ones(2, 3).t().is_contiguous()); // false
   */
  is_contiguous(): boolean { return this._strides === null || layout(this._shape, this._strides) === null; }

  /**
   * The step in storage elements from one index to the next along each dim (PyTorch's
   * `stride()`), or along `dim`. wasmgrad's data is row-major underneath; these are the strides
   * PyTorch's tensor would have, which view() and is_contiguous() follow.
   * @example
   * const x = torch.zeros(2, 3);
   * console.log(x.stride(), x.t().stride(), x.stride(-1)); // [ 3, 1 ] [ 1, 3 ] 1
   */
  stride(): number[];
  stride(dim: number | { dim: number }): number;
  stride(dim?: number | { dim?: number | null } | null): number[] | number {
    const d = typeof dim === 'object' && dim !== null ? dim.dim : dim;
    const strides = shp.stridesOf(this);
    if (d === undefined || d === null) return strides.slice();
    const k = checkInt('stride', 'dim', 1, d);
    if (this._shape.length === 0) throw new IndexError(`Dimension specified as ${k} but tensor has no dimensions`);
    return strides[normDim(k, this._shape.length)];
  }

  /**
   * Where this tensor's first element sits in its storage (its base's, for a view), in elements.
   * @example
   * const x = torch.arange(6).view(2, 3);
   * console.log(x.index([1]).storage_offset(), x.index([':', 2]).storage_offset()); // 3 2
   */
  storage_offset(): number { return this._offset; }

  /**
   * This tensor if it is contiguous (the same object, as PyTorch returns), else a copy in
   * row-major order (CloneBackward0).
   * @example
   * const x = torch.ones(2, 3).t();
   * console.log(x.is_contiguous(), x.contiguous().is_contiguous()); // false true
   */
  contiguous(): Tensor {
    return this.is_contiguous() ? this : shp.viewAs(Op.Clone, this, this._shape);
  }

  // ---- values ----

  /**
   * The value of a one-element tensor as a JS number (a boolean for a bool tensor, as Python's).
   * @example
   * console.log(torch.tensor([1.5]).sum().item()); // 1.5
   */
  item(): number;
  item(): number | boolean {
    const h = this.h;
    if (this.numel() !== 1) {
      throw new RuntimeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    }
    const v = this._dev.read(h)[0];
    return this._dtype === DType.Bool ? v !== 0 : v;
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
   * The values as (nested) JS arrays, or a number for 0-d tensors (booleans for a bool tensor).
   * @example
   * console.log(torch.tensor([[1, 2], [3, 4]]).tolist()); // [ [ 1, 2 ], [ 3, 4 ] ]
   */
  tolist(): number | unknown[] {
    const raw = this._dev.read(this.h);
    const data = (this._dtype === DType.Bool ? Array.from(raw, (v) => v !== 0) : Array.from(raw)) as number[];
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
   * A copy of the values as a typed array, TensorFlow.js's name: Float32Array (float32),
   * Float64Array (float64), Int32Array (int64 and int32, stored as int32; bool as 0/1).
   * @example
   * console.log(torch.tensor([1, 2]).dataSync()); // Float32Array(2) [ 1, 2 ]
   */
  dataSync(): Data { return this._dev.read(this.h); }

  /**
   * This tensor on another device and/or as another dtype: `to(device)`, `to(dtype)`,
   * `to(device, dtype)`, `to(other)` (other's device and dtype), or `to({ device, dtype })`.
   * A copy that stays in the graph (ToCopyBackward0) between float dtypes and across devices;
   * the tensor itself when nothing changes.
   * @example
   * console.log(torch.ones(2).to('js').device, `${torch.ones(2).to(torch.float64).dtype}`); // js torch.float64
   */
  to(target: ToTarget, dtype?: TorchDtype | DTypeName): Tensor {
    let device: DeviceName | undefined;
    let d: TorchDtype | DTypeName | undefined = dtype;
    if (target instanceof Tensor) { device = target.device; d = target.dtype; }
    else if (target instanceof TorchDtype || (typeof target === 'string' && isDtypeName(target))) d = target as TorchDtype | DTypeName;
    else if (typeof target === 'string') device = target as DeviceName; // getDevice gives PyTorch's error for a bad one
    else if (target !== null && typeof target === 'object' && !Array.isArray(target)) { device = target.device; d = target.dtype ?? d; }
    else throw invalidCombination('to', [target], {}, TO_SIGNATURES);
    const code = parseDtype(d, 'to') ?? this._dtype;
    const dev = device === undefined ? this._dev : getDevice(device);
    const cast = castTensor(this, code);
    if (dev === this._dev) return cast;
    const out = copyTo(cast, dev);
    if (cast !== this) cast.dispose();
    return out;
  }

  /**
   * With no argument, PyTorch's type name (`'torch.FloatTensor'`, `'torch.LongTensor'` ...);
   * with a dtype (or such a name), `to(dtype)`.
   * @example
   * console.log(torch.ones(1).type(), torch.ones(1).type(torch.int64).type()); // torch.FloatTensor torch.LongTensor
   */
  type(): string;
  type(dtype: TorchDtype | DTypeName | string): Tensor;
  type(dtype?: TorchDtype | DTypeName | string): string | Tensor {
    if (dtype === undefined) return TYPE_NAMES[this._dtype];
    const legacy = Object.entries(TYPE_NAMES).find(([, name]) => name === dtype);
    return castTensor(this, legacy ? Number(legacy[0]) as DType : parseDtype(dtype, 'type')!);
  }

  /**
   * A float32 copy (the tensor itself when already float32); in the graph when from float64.
   * @example
   * console.log(`${torch.tensor([1, 2], { dtype: torch.long }).float()}`); // tensor([1., 2.])
   */
  float(): Tensor { return castTensor(this, DType.Float32); }

  /**
   * A float64 copy (the tensor itself when already float64); in the graph when from float32.
   * @example
   * console.log(`${torch.tensor([1.5]).double()}`); // tensor([1.5000], dtype=torch.float64)
   */
  double(): Tensor { return castTensor(this, DType.Float64); }

  /**
   * An int64 copy, truncating toward zero like PyTorch (values beyond int32 raise: docs/api.md).
   * @example
   * console.log(`${torch.tensor([-1.7, 2.5]).long()}`); // tensor([-1,  2])
   */
  long(): Tensor { return castTensor(this, DType.Int64); }

  /**
   * An int32 copy, truncating toward zero like PyTorch.
   * @example
   * console.log(`${torch.tensor([-1.7, 2.5]).int()}`); // tensor([-1,  2], dtype=torch.int32)
   */
  int(): Tensor { return castTensor(this, DType.Int32); }

  /**
   * A bool copy: true where the value is nonzero (NaN too).
   * @example
   * console.log(`${torch.tensor([0, 2]).bool()}`); // tensor([False,  True])
   */
  bool(): Tensor { return castTensor(this, DType.Bool); }

  // ---- memory ----

  /**
   * @internal takes over r's data, shape, layout, node and view link (`link`, t's own), as
   * PyTorch's in-place view ops change a tensor's sizes and strides in place; r is disposed.
   * The old data's version moves on, so a backward that saved it refuses as PyTorch's does.
   */
  _adopt(r: Tensor, link: ViewLink | null, keepLeaf = true): void {
    const dev = this._dev, old = this._h, escaped = this._finalized;
    const leafGrad = keepLeaf && dev.requiresGrad(old) && dev.gradFnOp(old) === Op.None;
    if (escaped) { unregisterFinalizer(this); this._finalized = false; }
    dev.retain(r._h);
    this._h = r._h;
    (this as unknown as { _shape: number[] })._shape = r._shape.slice();
    this._strides = r._strides;
    this._offset = r._offset;
    this._view = link;
    r.dispose();
    // a leaf that requires grad, changed under no_grad, stays one
    if (leafGrad && !dev.requiresGrad(this._h)) dev.setRequiresGrad(this._h, true);
    dev.bumpVersion(old);
    dropHooks(old);
    dev.release(old);
    if (escaped) this.escape();
  }

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
    dropHooks(this._h);
    this._dev.release(this._h);
    if (this._view) dropView(this._view);
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
    const op = this._dev.gradFnOp(this.h);
    if (op !== Op.None) suffixes.push(`grad_fn=<${nodeName(this._dev, op, this._dev.gradFnNode(this._h)!)}>`);
    else if (this._dev.requiresGrad(this._h)) suffixes.push('requires_grad=True');
    return formatTensor(this._dev.read(this._h), this._shape, this.dtype.name, suffixes);
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
  mul(other: TensorLike | { other: TensorLike }, options?: Record<string, never>): Tensor { return ew.mul(this, other as TensorLike, options, true); }
  /**
   * `this / other` elementwise, broadcasting: true division, or rounded with `{ rounding_mode: 'trunc' | 'floor' }`. See {@link div}.
   * @example
   * console.log(`${torch.tensor([1, 3]).div(2)}`); // tensor([0.5000, 1.5000])
   * console.log(`${torch.tensor([7, -7]).div(2, { rounding_mode: 'floor' })}`); // tensor([ 3., -4.])
   */
  div(other: TensorLike | { other: TensorLike }, options?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor { return ew.div(this, other as TensorLike, options, true); }
  /**
   * `this ** exponent` elementwise. See {@link pow}.
   * @example
   * console.log(`${torch.tensor([2, 3]).pow(2)}`); // tensor([4., 9.])
   */
  pow(exponent: TensorLike | { exponent: TensorLike }, options?: Record<string, never>): Tensor { return ew.pow(this, exponent as TensorLike, options, true); }
  /**
   * The elementwise maximum with `other`. See {@link maximum}.
   * @example
   * console.log(`${torch.tensor([1, 5]).maximum(torch.tensor([3, 2]))}`); // tensor([3., 5.])
   */
  maximum(other: Tensor | { other: Tensor }, options?: Record<string, never>): Tensor { return ew.maximum(this, other as Tensor, options, true); }
  /**
   * The elementwise minimum with `other`. See {@link minimum}.
   * @example
   * console.log(`${torch.tensor([1, 5]).minimum(torch.tensor([3, 2]))}`); // tensor([1., 2.])
   */
  minimum(other: Tensor | { other: Tensor }, options?: Record<string, never>): Tensor { return ew.minimum(this, other as Tensor, options, true); }

  // @generated-begin by scripts/gen_ops.ts: the op table's methods
  /**
   * −x. Its gradient node is PyTorch's NegBackward0.
   * @example x.neg()
   */
  neg(...args: []): Tensor { return tableMethods.neg(this, args); }
  /**
   * In-place `neg` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.neg_()
   */
  neg_(...args: []): this { return inplace(this, () => tableMethods.neg(this, args)) as this; }
  /**
   * eˣ. Its gradient node is PyTorch's ExpBackward0.
   * @example x.exp()
   */
  exp(...args: []): Tensor { return tableMethods.exp(this, args); }
  /**
   * In-place `exp` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.exp_()
   */
  exp_(...args: []): this { return inplace(this, () => tableMethods.exp(this, args)) as this; }
  /**
   * Natural logarithm. Its gradient node is PyTorch's LogBackward0.
   * @example x.log()
   */
  log(...args: []): Tensor { return tableMethods.log(this, args); }
  /**
   * In-place `log` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.log_()
   */
  log_(...args: []): this { return inplace(this, () => tableMethods.log(this, args)) as this; }
  /**
   * Square root. Its gradient node is PyTorch's SqrtBackward0.
   * @example x.sqrt()
   */
  sqrt(...args: []): Tensor { return tableMethods.sqrt(this, args); }
  /**
   * In-place `sqrt` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.sqrt_()
   */
  sqrt_(...args: []): this { return inplace(this, () => tableMethods.sqrt(this, args)) as this; }
  /**
   * Absolute value. Its gradient node is PyTorch's AbsBackward0.
   * @example x.abs()
   */
  abs(...args: []): Tensor { return tableMethods.abs(this, args); }
  /**
   * In-place `abs` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.abs_()
   */
  abs_(...args: []): this { return inplace(this, () => tableMethods.abs(this, args)) as this; }
  /**
   * 1 / (1 + e⁻ˣ). Its gradient node is PyTorch's SigmoidBackward0.
   * @example x.sigmoid()
   */
  sigmoid(...args: []): Tensor { return tableMethods.sigmoid(this, args); }
  /**
   * In-place `sigmoid` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.sigmoid_()
   */
  sigmoid_(...args: []): this { return inplace(this, () => tableMethods.sigmoid(this, args)) as this; }
  /**
   * Hyperbolic tangent. Its gradient node is PyTorch's TanhBackward0.
   * @example x.tanh()
   */
  tanh(...args: []): Tensor { return tableMethods.tanh(this, args); }
  /**
   * In-place `tanh` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.tanh_()
   */
  tanh_(...args: []): this { return inplace(this, () => tableMethods.tanh(this, args)) as this; }
  /**
   * max(x, 0). Its gradient node is PyTorch's ReluBackward0.
   * @example x.relu()
   */
  relu(...args: []): Tensor { return tableMethods.relu(this, args); }
  /**
   * In-place `relu` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.relu_()
   */
  relu_(...args: []): this { return inplace(this, () => tableMethods.relu(this, args)) as this; }
  /**
   * Sine. Its gradient node is PyTorch's SinBackward0.
   * @example x.sin()
   */
  sin(...args: []): Tensor { return tableMethods.sin(this, args); }
  /**
   * In-place `sin` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.sin_()
   */
  sin_(...args: []): this { return inplace(this, () => tableMethods.sin(this, args)) as this; }
  /**
   * Cosine. Its gradient node is PyTorch's CosBackward0.
   * @example x.cos()
   */
  cos(...args: []): Tensor { return tableMethods.cos(this, args); }
  /**
   * In-place `cos` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.cos_()
   */
  cos_(...args: []): this { return inplace(this, () => tableMethods.cos(this, args)) as this; }
  /**
   * Tangent. Its gradient node is PyTorch's TanBackward0.
   * @example x.tan()
   */
  tan(...args: []): Tensor { return tableMethods.tan(this, args); }
  /**
   * In-place `tan` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.tan_()
   */
  tan_(...args: []): this { return inplace(this, () => tableMethods.tan(this, args)) as this; }
  /**
   * Arcsine. Its gradient node is PyTorch's AsinBackward0.
   * @example x.asin()
   */
  asin(...args: []): Tensor { return tableMethods.asin(this, args); }
  /**
   * In-place `asin` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.asin_()
   */
  asin_(...args: []): this { return inplace(this, () => tableMethods.asin(this, args)) as this; }
  /**
   * Arccosine. Its gradient node is PyTorch's AcosBackward0.
   * @example x.acos()
   */
  acos(...args: []): Tensor { return tableMethods.acos(this, args); }
  /**
   * In-place `acos` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.acos_()
   */
  acos_(...args: []): this { return inplace(this, () => tableMethods.acos(this, args)) as this; }
  /**
   * Arctangent. Its gradient node is PyTorch's AtanBackward0.
   * @example x.atan()
   */
  atan(...args: []): Tensor { return tableMethods.atan(this, args); }
  /**
   * In-place `atan` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.atan_()
   */
  atan_(...args: []): this { return inplace(this, () => tableMethods.atan(this, args)) as this; }
  /**
   * Hyperbolic sine. Its gradient node is PyTorch's SinhBackward0.
   * @example x.sinh()
   */
  sinh(...args: []): Tensor { return tableMethods.sinh(this, args); }
  /**
   * In-place `sinh` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.sinh_()
   */
  sinh_(...args: []): this { return inplace(this, () => tableMethods.sinh(this, args)) as this; }
  /**
   * Hyperbolic cosine. Its gradient node is PyTorch's CoshBackward0.
   * @example x.cosh()
   */
  cosh(...args: []): Tensor { return tableMethods.cosh(this, args); }
  /**
   * In-place `cosh` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.cosh_()
   */
  cosh_(...args: []): this { return inplace(this, () => tableMethods.cosh(this, args)) as this; }
  /**
   * Inverse hyperbolic sine. Its gradient node is PyTorch's AsinhBackward0.
   * @example x.asinh()
   */
  asinh(...args: []): Tensor { return tableMethods.asinh(this, args); }
  /**
   * In-place `asinh` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.asinh_()
   */
  asinh_(...args: []): this { return inplace(this, () => tableMethods.asinh(this, args), 'asinh') as this; }
  /**
   * Inverse hyperbolic cosine. Its gradient node is PyTorch's AcoshBackward0.
   * @example x.acosh()
   */
  acosh(...args: []): Tensor { return tableMethods.acosh(this, args); }
  /**
   * In-place `acosh` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.acosh_()
   */
  acosh_(...args: []): this { return inplace(this, () => tableMethods.acosh(this, args), 'acosh') as this; }
  /**
   * Inverse hyperbolic tangent. Its gradient node is PyTorch's AtanhBackward0.
   * @example x.atanh()
   */
  atanh(...args: []): Tensor { return tableMethods.atanh(this, args); }
  /**
   * In-place `atanh` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.atanh_()
   */
  atanh_(...args: []): this { return inplace(this, () => tableMethods.atanh(this, args), 'atanh') as this; }
  /**
   * 2^x. Its gradient node is PyTorch's Exp2Backward0.
   * @example x.exp2()
   */
  exp2(...args: []): Tensor { return tableMethods.exp2(this, args); }
  /**
   * In-place `exp2` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.exp2_()
   */
  exp2_(...args: []): this { return inplace(this, () => tableMethods.exp2(this, args)) as this; }
  /**
   * eˣ − 1, accurate near 0. Its gradient node is PyTorch's Expm1Backward0.
   * @example x.expm1()
   */
  expm1(...args: []): Tensor { return tableMethods.expm1(this, args); }
  /**
   * In-place `expm1` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.expm1_()
   */
  expm1_(...args: []): this { return inplace(this, () => tableMethods.expm1(this, args)) as this; }
  /**
   * ln(1 + x), accurate near 0. Its gradient node is PyTorch's Log1PBackward0.
   * @example x.log1p()
   */
  log1p(...args: []): Tensor { return tableMethods.log1p(this, args); }
  /**
   * In-place `log1p` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.log1p_()
   */
  log1p_(...args: []): this { return inplace(this, () => tableMethods.log1p(this, args)) as this; }
  /**
   * Base-2 logarithm. Its gradient node is PyTorch's Log2Backward0.
   * @example x.log2()
   */
  log2(...args: []): Tensor { return tableMethods.log2(this, args); }
  /**
   * In-place `log2` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.log2_()
   */
  log2_(...args: []): this { return inplace(this, () => tableMethods.log2(this, args)) as this; }
  /**
   * Base-10 logarithm. Its gradient node is PyTorch's Log10Backward0.
   * @example x.log10()
   */
  log10(...args: []): Tensor { return tableMethods.log10(this, args); }
  /**
   * In-place `log10` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.log10_()
   */
  log10_(...args: []): this { return inplace(this, () => tableMethods.log10(this, args)) as this; }
  /**
   * 1/√x. Its gradient node is PyTorch's RsqrtBackward0.
   * @example x.rsqrt()
   */
  rsqrt(...args: []): Tensor { return tableMethods.rsqrt(this, args); }
  /**
   * In-place `rsqrt` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.rsqrt_()
   */
  rsqrt_(...args: []): this { return inplace(this, () => tableMethods.rsqrt(this, args)) as this; }
  /**
   * 1/x. Its gradient node is PyTorch's ReciprocalBackward0.
   * @example x.reciprocal()
   */
  reciprocal(...args: []): Tensor { return tableMethods.reciprocal(this, args); }
  /**
   * In-place `reciprocal` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.reciprocal_()
   */
  reciprocal_(...args: []): this { return inplace(this, () => tableMethods.reciprocal(this, args)) as this; }
  /**
   * −1, 0 or 1 by the sign of x. Its gradient node is PyTorch's SignBackward0.
   * @example x.sign()
   */
  sign(...args: []): Tensor { return tableMethods.sign(this, args); }
  /**
   * In-place `sign` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.sign_()
   */
  sign_(...args: []): this { return inplace(this, () => tableMethods.sign(this, args)) as this; }
  /**
   * sign, extended to complex numbers in PyTorch. Its gradient node is PyTorch's SgnBackward0.
   * @example x.sgn()
   */
  sgn(...args: []): Tensor { return tableMethods.sgn(this, args); }
  /**
   * In-place `sgn` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.sgn_()
   */
  sgn_(...args: []): this { return inplace(this, () => tableMethods.sgn(this, args)) as this; }
  /**
   * Rounds down. Its gradient node is PyTorch's FloorBackward0.
   * @example x.floor()
   */
  floor(...args: []): Tensor { return tableMethods.floor(this, args); }
  /**
   * In-place `floor` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.floor_()
   */
  floor_(...args: []): this { return inplace(this, () => tableMethods.floor(this, args)) as this; }
  /**
   * Rounds up. Its gradient node is PyTorch's CeilBackward0.
   * @example x.ceil()
   */
  ceil(...args: []): Tensor { return tableMethods.ceil(this, args); }
  /**
   * In-place `ceil` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.ceil_()
   */
  ceil_(...args: []): this { return inplace(this, () => tableMethods.ceil(this, args)) as this; }
  /**
   * Rounds half to even. Its gradient node is PyTorch's RoundBackward0 or RoundBackward1.
   * @example x.round()
   */
  round(...args: [] | [decimals: number] | [{ decimals: number }]): Tensor { return tableMethods.round(this, args); }
  /**
   * In-place `round` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.round_()
   */
  round_(...args: [] | [decimals: number] | [{ decimals: number }]): this { return inplace(this, () => tableMethods.round(this, args)) as this; }
  /**
   * Rounds towards 0. Its gradient node is PyTorch's TruncBackward0.
   * @example x.trunc()
   */
  trunc(...args: []): Tensor { return tableMethods.trunc(this, args); }
  /**
   * In-place `trunc` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.trunc_()
   */
  trunc_(...args: []): this { return inplace(this, () => tableMethods.trunc(this, args)) as this; }
  /**
   * x − trunc(x). Its gradient node is PyTorch's FracBackward0.
   * @example x.frac()
   */
  frac(...args: []): Tensor { return tableMethods.frac(this, args); }
  /**
   * In-place `frac` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.frac_()
   */
  frac_(...args: []): this { return inplace(this, () => tableMethods.frac(this, args)) as this; }
  /**
   * The error function. Its gradient node is PyTorch's ErfBackward0.
   * @example x.erf()
   */
  erf(...args: []): Tensor { return tableMethods.erf(this, args); }
  /**
   * In-place `erf` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.erf_()
   */
  erf_(...args: []): this { return inplace(this, () => tableMethods.erf(this, args)) as this; }
  /**
   * The complementary error function, 1 − erf(x). Its gradient node is PyTorch's ErfcBackward0.
   * @example x.erfc()
   */
  erfc(...args: []): Tensor { return tableMethods.erfc(this, args); }
  /**
   * In-place `erfc` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.erfc_()
   */
  erfc_(...args: []): this { return inplace(this, () => tableMethods.erfc(this, args)) as this; }
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
   * In-place `fmod` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.fmod_(y)
   */
  fmod_(...args: [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): this { return inplace(this, () => tableMethods.fmod(this, args)) as this; }
  /**
   * Python's %: the remainder with the sign of other. Its gradient node is PyTorch's RemainderBackward1 or NotImplemented or RemainderBackward0.
   * @example x.remainder(y)
   */
  remainder(...args: [other: Tensor] | [{ other: Tensor }] | [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): Tensor { return tableMethods.remainder(this, args); }
  /**
   * In-place `remainder` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.remainder_(y)
   */
  remainder_(...args: [other: Tensor] | [{ other: Tensor }] | [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): this { return inplace(this, () => tableMethods.remainder(this, args)) as this; }
  /**
   * input · log(other), 0 where input = 0. Its gradient node is PyTorch's XlogyBackward0 or XlogyBackward1 or XlogyBackward2.
   * @example x.xlogy(y)
   */
  xlogy(...args: [other: Tensor] | [{ other: Tensor }] | [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): Tensor { return tableMethods.xlogy(this, args); }
  /**
   * In-place `xlogy` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.xlogy_(y)
   */
  xlogy_(...args: [other: Tensor] | [{ other: Tensor }] | [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): this { return inplace(this, () => tableMethods.xlogy(this, args)) as this; }
  /**
   * Elementwise arctangent of input/other, quadrant-aware. Its gradient node is PyTorch's Atan2Backward0.
   * @example x.atan2(y)
   */
  atan2(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.atan2(this, args); }
  /**
   * In-place `atan2` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.atan2_(y)
   */
  atan2_(...args: [other: Tensor] | [{ other: Tensor }]): this { return inplace(this, () => tableMethods.atan2(this, args)) as this; }
  /**
   * √(input² + other²) elementwise. Its gradient node is PyTorch's HypotBackward0.
   * @example x.hypot(y)
   */
  hypot(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.hypot(this, args); }
  /**
   * In-place `hypot` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.hypot_(y)
   */
  hypot_(...args: [other: Tensor] | [{ other: Tensor }]): this { return inplace(this, () => tableMethods.hypot(this, args)) as this; }
  /**
   * log(eˣ + eʸ), without overflow. Its gradient node is PyTorch's LogaddexpBackward0.
   * @example x.logaddexp(y)
   */
  logaddexp(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.logaddexp(this, args); }
  /**
   * The magnitude of input with the sign of other. Its gradient node is PyTorch's CopysignBackward0 or CopysignBackward1.
   * @example x.copysign(y)
   */
  copysign(...args: [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): Tensor { return tableMethods.copysign(this, args); }
  /**
   * In-place `copysign` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.copysign_(y)
   */
  copysign_(...args: [other: Tensor] | [{ other: Tensor }] | [other: number] | [{ other: number }]): this { return inplace(this, () => tableMethods.copysign(this, args)) as this; }
  /**
   * clamp_min Its gradient node is PyTorch's ClampMinBackward1 or ClampMinBackward0.
   * @example x.clamp_min(y)
   */
  clamp_min(...args: [min: Tensor] | [{ min: Tensor }] | [min: number] | [{ min: number }]): Tensor { return tableMethods.clamp_min(this, args); }
  /**
   * In-place `clamp_min` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.clamp_min_(y)
   */
  clamp_min_(...args: [min: Tensor] | [{ min: Tensor }] | [min: number] | [{ min: number }]): this { return inplace(this, () => tableMethods.clamp_min(this, args)) as this; }
  /**
   * clamp_max Its gradient node is PyTorch's ClampMaxBackward1 or ClampMaxBackward0.
   * @example x.clamp_max(y)
   */
  clamp_max(...args: [max: Tensor] | [{ max: Tensor }] | [max: number] | [{ max: number }]): Tensor { return tableMethods.clamp_max(this, args); }
  /**
   * In-place `clamp_max` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.clamp_max_(y)
   */
  clamp_max_(...args: [max: Tensor] | [{ max: Tensor }] | [max: number] | [{ max: number }]): this { return inplace(this, () => tableMethods.clamp_max(this, args)) as this; }
  /**
   * Degrees to radians. Its gradient node is PyTorch's Deg2RadBackward0.
   * @example x.deg2rad()
   */
  deg2rad(...args: []): Tensor { return tableMethods.deg2rad(this, args); }
  /**
   * In-place `deg2rad` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.deg2rad_()
   */
  deg2rad_(...args: []): this { return inplace(this, () => tableMethods.deg2rad(this, args)) as this; }
  /**
   * Radians to degrees. Its gradient node is PyTorch's Rad2DegBackward0.
   * @example x.rad2deg()
   */
  rad2deg(...args: []): Tensor { return tableMethods.rad2deg(this, args); }
  /**
   * In-place `rad2deg` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.rad2deg_()
   */
  rad2deg_(...args: []): this { return inplace(this, () => tableMethods.rad2deg(this, args)) as this; }
  /**
   * sin(πx)/(πx), 1 at 0. Its gradient node is PyTorch's SincBackward0.
   * @example x.sinc()
   */
  sinc(...args: []): Tensor { return tableMethods.sinc(this, args); }
  /**
   * In-place `sinc` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.sinc_()
   */
  sinc_(...args: []): this { return inplace(this, () => tableMethods.sinc(this, args)) as this; }
  /**
   * log(x / (1 − x)), x clamped to [eps, 1 − eps] when eps is given. Its gradient node is PyTorch's LogitBackward0.
   * @example x.logit()
   */
  logit(...args: [eps?: number | null] | [{ eps?: number | null }]): Tensor { return tableMethods.logit(this, args); }
  /**
   * In-place `logit` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.logit_()
   */
  logit_(...args: [eps?: number | null] | [{ eps?: number | null }]): this { return inplace(this, () => tableMethods.logit(this, args)) as this; }
  /**
   * The inverse error function: erf(erfinv(x)) = x on (−1, 1). Its gradient node is PyTorch's ErfinvBackward0.
   * @example x.erfinv()
   */
  erfinv(...args: []): Tensor { return tableMethods.erfinv(this, args); }
  /**
   * In-place `erfinv` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.erfinv_()
   */
  erfinv_(...args: []): this { return inplace(this, () => tableMethods.erfinv(this, args)) as this; }
  /**
   * log|Γ(x)|: inf at the poles 0, −1, −2, …. Its gradient node is PyTorch's LgammaBackward0.
   * @example x.lgamma()
   */
  lgamma(...args: []): Tensor { return tableMethods.lgamma(this, args); }
  /**
   * In-place `lgamma` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.lgamma_()
   */
  lgamma_(...args: []): this { return inplace(this, () => tableMethods.lgamma(this, args)) as this; }
  /**
   * ψ(x) = Γ′(x)/Γ(x): ∓inf at ±0, NaN at negative integers. Its gradient node is PyTorch's DigammaBackward0.
   * @example x.digamma()
   */
  digamma(...args: []): Tensor { return tableMethods.digamma(this, args); }
  /**
   * In-place `digamma` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.digamma_()
   */
  digamma_(...args: []): this { return inplace(this, () => tableMethods.digamma(this, args)) as this; }
  /**
   * NaN, +inf, −inf replaced by nan, posinf, neginf (by default 0 and the dtype's largest finite values). Its gradient node is PyTorch's NanToNumBackward0.
   * @example x.nan_to_num()
   */
  nan_to_num(...args: [nan?: number | null, posinf?: number | null, neginf?: number | null] | [{ nan?: number | null; posinf?: number | null; neginf?: number | null }]): Tensor { return tableMethods.nan_to_num(this, args); }
  /**
   * In-place `nan_to_num` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.nan_to_num_()
   */
  nan_to_num_(...args: [nan?: number | null, posinf?: number | null, neginf?: number | null] | [{ nan?: number | null; posinf?: number | null; neginf?: number | null }]): this { return inplace(this, () => tableMethods.nan_to_num(this, args)) as this; }
  /**
   * The modified Bessel function of the first kind, order 0. Its gradient node is PyTorch's I0Backward0.
   * @example x.i0()
   */
  i0(...args: []): Tensor { return tableMethods.i0(this, args); }
  /**
   * In-place `i0` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.i0_()
   */
  i0_(...args: []): this { return inplace(this, () => tableMethods.i0(this, args)) as this; }
  /**
   * The larger of input and other elementwise; a NaN loses to a number. Its gradient node is PyTorch's FmaxBackward0.
   * @example x.fmax(y)
   */
  fmax(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.fmax(this, args); }
  /**
   * The smaller of input and other elementwise; a NaN loses to a number. Its gradient node is PyTorch's FminBackward0.
   * @example x.fmin(y)
   */
  fmin(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.fmin(this, args); }
  /**
   * log₂(2ˣ + 2ʸ), without overflow. Its gradient node is PyTorch's Logaddexp2Backward0.
   * @example x.logaddexp2(y)
   */
  logaddexp2(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.logaddexp2(this, args); }
  /**
   * The argument of x as a complex number: π for negatives, 0 otherwise (−0 too), NaN kept. Its gradient node is PyTorch's AngleBackward0.
   * @example x.angle()
   */
  angle(...args: []): Tensor { return tableMethods.angle(this, args); }
  /**
   * The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), a = input, x = other. Its gradient node is PyTorch's IgammaBackward0.
   * @example x.igamma(y)
   */
  igamma(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.igamma(this, args); }
  /**
   * In-place `igamma` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.igamma_(y)
   */
  igamma_(...args: [other: Tensor] | [{ other: Tensor }]): this { return inplace(this, () => tableMethods.igamma(this, args)) as this; }
  /**
   * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x). Its gradient node is PyTorch's IgammacBackward0.
   * @example x.igammac(y)
   */
  igammac(...args: [other: Tensor] | [{ other: Tensor }]): Tensor { return tableMethods.igammac(this, args); }
  /**
   * In-place `igammac` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.igammac_(y)
   */
  igammac_(...args: [other: Tensor] | [{ other: Tensor }]): this { return inplace(this, () => tableMethods.igammac(this, args)) as this; }
  // @generated-end
  /**
   * Each element limited to `[min, max]` (either may be null). See {@link clamp}.
   * @example
   * console.log(`${torch.tensor([-2, 0.5, 3]).clamp(-1, 1)}`); // tensor([-1.0000,  0.5000,  1.0000])
   */
  clamp(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): Tensor {
    return ew.clamp(this, min, max, true);
  }

  // ---- comparisons and logical ops: bool results (see ops/compare.ts) ----

  /**
   * `this == other` elementwise, broadcasting; other may be a number. A bool tensor. See {@link eq}.
   * @example
   * console.log(`${torch.tensor([1, 2]).eq(2)}`); // tensor([False,  True])
   */
  eq(other: cmp.CompareOther): Tensor { return cmp.eq(this, other, true); }
  /**
   * `this != other` elementwise, broadcasting; other may be a number. A bool tensor. See {@link ne}.
   * @example
   * console.log(`${torch.tensor([1, 2]).ne(2)}`); // tensor([ True, False])
   */
  ne(other: cmp.CompareOther): Tensor { return cmp.ne(this, other, true); }
  /**
   * `this < other` elementwise, broadcasting; other may be a number. A bool tensor. See {@link lt}.
   * @example
   * console.log(`${torch.tensor([1, 2]).lt(2)}`); // tensor([ True, False])
   */
  lt(other: cmp.CompareOther): Tensor { return cmp.lt(this, other, true); }
  /**
   * `this <= other` elementwise, broadcasting; other may be a number. A bool tensor. See {@link le}.
   * @example
   * console.log(`${torch.tensor([1, 3]).le(2)}`); // tensor([ True, False])
   */
  le(other: cmp.CompareOther): Tensor { return cmp.le(this, other, true); }
  /**
   * `this > other` elementwise, broadcasting; other may be a number. A bool tensor. See {@link gt}.
   * @example
   * console.log(`${torch.tensor([1, 3]).gt(2)}`); // tensor([False,  True])
   */
  gt(other: cmp.CompareOther): Tensor { return cmp.gt(this, other, true); }
  /**
   * `this >= other` elementwise, broadcasting; other may be a number. A bool tensor. See {@link ge}.
   * @example
   * console.log(`${torch.tensor([1, 2]).ge(2)}`); // tensor([False,  True])
   */
  ge(other: cmp.CompareOther): Tensor { return cmp.ge(this, other, true); }
  /**
   * `this != other, as {@link Tensor.ne}` elementwise, broadcasting; other may be a number. A bool tensor. See {@link not_equal}.
   * @example
   * console.log(`${torch.tensor([1, 2]).not_equal(2)}`); // tensor([ True, False])
   */
  not_equal(other: cmp.CompareOther): Tensor { return cmp.not_equal(this, other, true); }
  /**
   * `this > other, as {@link Tensor.gt}` elementwise, broadcasting; other may be a number. A bool tensor. See {@link greater}.
   * @example
   * console.log(`${torch.tensor([1, 3]).greater(2)}`); // tensor([False,  True])
   */
  greater(other: cmp.CompareOther): Tensor { return cmp.greater(this, other, true); }
  /**
   * `this >= other, as {@link Tensor.ge}` elementwise, broadcasting; other may be a number. A bool tensor. See {@link greater_equal}.
   * @example
   * console.log(`${torch.tensor([1, 2]).greater_equal(2)}`); // tensor([False,  True])
   */
  greater_equal(other: cmp.CompareOther): Tensor { return cmp.greater_equal(this, other, true); }
  /**
   * `this < other, as {@link Tensor.lt}` elementwise, broadcasting; other may be a number. A bool tensor. See {@link less}.
   * @example
   * console.log(`${torch.tensor([1, 2]).less(2)}`); // tensor([ True, False])
   */
  less(other: cmp.CompareOther): Tensor { return cmp.less(this, other, true); }
  /**
   * `this <= other, as {@link Tensor.le}` elementwise, broadcasting; other may be a number. A bool tensor. See {@link less_equal}.
   * @example
   * console.log(`${torch.tensor([1, 3]).less_equal(2)}`); // tensor([ True, False])
   */
  less_equal(other: cmp.CompareOther): Tensor { return cmp.less_equal(this, other, true); }
  /**
   * True where both nonzero, broadcasting. A bool tensor. See {@link logical_and}.
   * @example
   * console.log(`${torch.tensor([0, 1, 2]).logical_and(torch.tensor([1, 1, 0]))}`); // tensor([False,  True, False])
   */
  logical_and(other: Tensor): Tensor { return cmp.logical_and(this, other, true); }
  /**
   * True where either nonzero, broadcasting. A bool tensor. See {@link logical_or}.
   * @example
   * console.log(`${torch.tensor([0, 0, 2]).logical_or(torch.tensor([0, 1, 0]))}`); // tensor([False,  True,  True])
   */
  logical_or(other: Tensor): Tensor { return cmp.logical_or(this, other, true); }
  /**
   * True where exactly one nonzero, broadcasting. A bool tensor. See {@link logical_xor}.
   * @example
   * console.log(`${torch.tensor([0, 1, 2]).logical_xor(torch.tensor([1, 1, 0]))}`); // tensor([ True, False,  True])
   */
  logical_xor(other: Tensor): Tensor { return cmp.logical_xor(this, other, true); }
  /**
   * True where the element is zero. A bool tensor. See {@link logical_not}.
   * @example
   * console.log(`${torch.tensor([0, 1.5]).logical_not()}`); // tensor([ True, False])
   */
  logical_not(): Tensor { return cmp.logical_not(this); }

  // ---- special: NaN and inf tests, closeness (src/ops/compare.ts), bitwise ops (src/ops/bitwise.ts) ----
  /**
   * Where this is NaN: a bool tensor. See {@link isnan}.
   * @example
   * console.log(`${torch.tensor([1, NaN]).isnan()}`); // tensor([False,  True])
   */
  isnan(): Tensor { return cmp.isnan(this); }
  /**
   * Where this is +inf or −inf: a bool tensor. See {@link isinf}.
   * @example
   * console.log(`${torch.tensor([1, -Infinity]).isinf()}`); // tensor([False,  True])
   */
  isinf(): Tensor { return cmp.isinf(this); }
  /**
   * Where this is neither NaN nor ±inf: a bool tensor. See {@link isfinite}.
   * @example
   * console.log(`${torch.tensor([1, NaN, Infinity]).isfinite()}`); // tensor([ True, False, False])
   */
  isfinite(): Tensor { return cmp.isfinite(this); }
  /**
   * Where this is close to other (broadcasting): a bool tensor. See {@link isclose}.
   * @example
   * console.log(`${torch.tensor([1, 2]).isclose(torch.tensor([1, 2.5]), { atol: 0.1 })}`); // tensor([ True, False])
   */
  isclose(...args: [other: Tensor, rtol?: number, atol?: number, equal_nan?: boolean] | [other: Tensor, options: cmp.CloseOptions]): Tensor {
    return cmp.closeMethods.isclose(this, args);
  }
  /**
   * Whether this is close to other everywhere: a JS boolean. See {@link allclose}.
   * @example
   * console.log(torch.tensor([1, 2]).allclose(torch.tensor([1, 2.5]))); // false
   */
  allclose(...args: [other: Tensor, rtol?: number, atol?: number, equal_nan?: boolean] | [other: Tensor, options: cmp.CloseOptions]): boolean {
    return cmp.closeMethods.allclose(this, args);
  }
  /**
   * Whether this and other have the same size and elements: a JS boolean. See {@link equal}.
   * @example
   * console.log(torch.tensor([1, 2]).equal(torch.tensor([1, 2]))); // true
   */
  equal(other: Tensor): boolean { return cmp.closeMethods.equal(this, [other]); }
  /**
   * Bitwise AND with an integer or bool tensor or a number. See {@link bitwise_and}.
   * @example
   * console.log(`${torch.tensor([12, 10], { dtype: torch.long }).bitwise_and(6)}`); // tensor([4, 2])
   */
  bitwise_and(other: bit.BitwiseOther): Tensor { return bit.bitwise(Op.BitwiseAnd, [other], this); }
  /**
   * Bitwise OR. See {@link bitwise_or}.
   * @example
   * console.log(`${torch.tensor([12, 10], { dtype: torch.long }).bitwise_or(1)}`); // tensor([13, 11])
   */
  bitwise_or(other: bit.BitwiseOther): Tensor { return bit.bitwise(Op.BitwiseOr, [other], this); }
  /**
   * Bitwise XOR. See {@link bitwise_xor}.
   * @example
   * console.log(`${torch.tensor([true, false]).bitwise_xor(true)}`); // tensor([False,  True])
   */
  bitwise_xor(other: bit.BitwiseOther): Tensor { return bit.bitwise(Op.BitwiseXor, [other], this); }
  /**
   * this · 2^other. See {@link bitwise_left_shift}.
   * @example
   * console.log(`${torch.tensor([1, 3], { dtype: torch.long }).bitwise_left_shift(4)}`); // tensor([16, 48])
   */
  bitwise_left_shift(other: bit.BitwiseOther): Tensor { return bit.bitwise(Op.BitwiseLeftShift, [other], this); }
  /**
   * Arithmetic right shift. See {@link bitwise_right_shift}.
   * @example
   * console.log(`${torch.tensor([16, -16], { dtype: torch.long }).bitwise_right_shift(3)}`); // tensor([ 2, -2])
   */
  bitwise_right_shift(other: bit.BitwiseOther): Tensor { return bit.bitwise(Op.BitwiseRightShift, [other], this); }
  /**
   * Bitwise NOT. See {@link bitwise_not}.
   * @example
   * console.log(`${torch.tensor([0, 5], { dtype: torch.long }).bitwise_not()}`); // tensor([-1, -6])
   */
  bitwise_not(...args: []): Tensor { return bit.bitwiseNotOf(this, args); }
  /**
   * beta·this + alpha·(mat1·mat2) (AddmmBackward0). See {@link addmm}.
   * @example
   * console.log(`${torch.zeros(2, 2).addmm(torch.eye(2), torch.ones(2, 2), { alpha: 3 })}`);
   * // tensor([[3., 3.],
   * //         [3., 3.]])
   */
  addmm(...args: [mat1: Tensor, mat2: Tensor, options?: { beta?: number; alpha?: number }]): Tensor { return la.addmmMethod(this, args); }

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
   * The smallest element; with `dim`, `[values, indices]` along it; with a tensor, the elementwise minimum. See {@link min}.
   * @example
   * const [values, indices] = torch.tensor([[1, 5], [7, 2]]).min(1);
   * console.log(`${values}`, `${indices}`); // tensor([1., 2.]) tensor([0, 1])
   */
  min(): Tensor;
  min(dim: number | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean): [Tensor, Tensor];
  min(other: Tensor): Tensor;
  min(dim?: number | Tensor | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean } | boolean): Tensor | [Tensor, Tensor] {
    return red.min(this, dim as never, options, true) as Tensor | [Tensor, Tensor];
  }
  /**
   * The index of the largest element (flattened, or along `dim`), int64. See {@link argmax}.
   * @example
   * console.log(`${torch.tensor([[1, 5], [7, 2]]).argmax(1)}`); // tensor([1, 0])
   */
  argmax(...args: [dim?: number | null, keepdim?: boolean] | [{ dim?: number | null; keepdim?: boolean }]): Tensor {
    return red.argExtremeMethod('argmax', this, args);
  }
  /**
   * The index of the smallest element (flattened, or along `dim`), int64. See {@link argmin}.
   * @example
   * console.log(`${torch.tensor([[1, 5], [7, 2]]).argmin()}`); // tensor(0)
   */
  argmin(...args: [dim?: number | null, keepdim?: boolean] | [{ dim?: number | null; keepdim?: boolean }]): Tensor {
    return red.argExtremeMethod('argmin', this, args);
  }
  // reductions 2
  /**
   * The product of all elements, or along `dim`. See {@link prod}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).prod(1)}`); // tensor([ 2., 12.])
   */
  prod(...args: [dim?: number, keepdim?: boolean] | [dim: number, options: { keepdim?: boolean }] | [{ dim?: number; keepdim?: boolean }]): Tensor {
    return red2.prodMethod(this, args);
  }
  /**
   * The variance over all elements or over `dim`, with `correction` (default 1) or `unbiased`. See {@link var_}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 5]]).var(1)}`); // tensor([0.5000, 2.0000])
   */
  var(...args: red2.MomentArgs): Tensor { return red2.momentMethod('var', this, args); }
  /**
   * The standard deviation over all elements or over `dim`. See {@link std}.
   * @example
   * console.log(`${torch.tensor([1, 2, 3, 4]).std({ dim: 0, correction: 0 })}`); // tensor(1.1180)
   */
  std(...args: red2.MomentArgs): Tensor { return red2.momentMethod('std', this, args); }
  /**
   * Whether every element is nonzero, over all elements or along `dim` (bool). See {@link all}.
   * @example
   * console.log(`${torch.tensor([[1, 0], [2, 3]]).all(1)}`); // tensor([False,  True])
   */
  all(...args: [dim?: number, keepdim?: boolean] | [{ dim?: number; keepdim?: boolean }]): Tensor { return red2.truthMethod('all', this, args); }
  /**
   * Whether some element is nonzero, over all elements or along `dim` (bool). See {@link any}.
   * @example
   * console.log(`${torch.tensor([[0, 0], [0, 3]]).any(1)}`); // tensor([False,  True])
   */
  any(...args: [dim?: number, keepdim?: boolean] | [{ dim?: number; keepdim?: boolean }]): Tensor { return red2.truthMethod('any', this, args); }
  /**
   * The number of nonzero elements, over all or over `dim` (int64). See {@link count_nonzero}.
   * @example
   * console.log(`${torch.tensor([[0, 1], [2, 3]]).count_nonzero(0)}`); // tensor([1, 2])
   */
  count_nonzero(...args: [dim?: number | readonly number[] | null] | [{ dim?: number | readonly number[] | null }]): Tensor {
    return red2.truthMethod('count_nonzero', this, args);
  }
  /**
   * The sum treating NaN as zero, over all elements or over `dim`. See {@link nansum}.
   * @example
   * console.log(`${torch.tensor([[1, NaN], [2, 3]]).nansum(1)}`); // tensor([1., 5.])
   */
  nansum(...args: red2.NanArgs): Tensor { return red2.nanMethod('nansum', this, args); }
  /**
   * The mean of the elements that are not NaN, over all elements or over `dim`. See {@link nanmean}.
   * @example
   * console.log(`${torch.tensor([[1, NaN], [2, 3]]).nanmean(1)}`); // tensor([1.0000, 2.5000])
   */
  nanmean(...args: red2.NanArgs): Tensor { return red2.nanMethod('nanmean', this, args); }
  /**
   * The p-norm over all elements or over `dim` (p = 2 by default). See {@link norm}.
   * @example
   * console.log(`${torch.tensor([[3, 4], [1, -1]]).norm(1, 1)}`); // tensor([7., 2.])
   */
  norm(...args: [p?: number | string | null | red2.NormOptions, dim?: number | readonly number[] | null | red2.NormOptions, keepdim?: boolean | red2.NormOptions]): Tensor {
    return red2.normMethod(this, args);
  }
  /**
   * [min, max] over all elements or along `dim`. See {@link aminmax}.
   * @example
   * const [lo, hi] = torch.tensor([[3, 4], [1, -1]]).aminmax({ dim: 1 });
   * console.log(`${lo} ${hi}`); // tensor([ 3., -1.]) tensor([4., 1.])
   */
  aminmax(...args: [options?: { dim?: number | null; keepdim?: boolean }]): [Tensor, Tensor] { return red2.aminmaxMethod(this, args); }
  /**
   * The inverse of this square matrix (or of each matrix of a batch). See {@link inverse}.
   * @example
   * console.log(`${torch.tensor([[4]]).inverse()}`); // tensor([[0.2500]])
   */
  inverse(): Tensor { return lm.inverseMethod(this, []); }
  // helper linalg2: the linalg functions' method forms (torch.X(this, ...))
  /**
   * The determinant of this square matrix (or of each of a batch). See {@link det}.
   * @example console.log(`${torch.tensor([[1, 2], [3, 4]]).det()}`); // tensor(-2.)
   */
  det(): Tensor { return lr.det(this, []); }
  /**
   * log(det(this)), NaN where the determinant is negative. See {@link logdet}.
   * @example torch.eye(2).logdet() // tensor(0.)
   */
  logdet(): Tensor { return lr.logdet(this, []); }
  /**
   * The sign and log|det| of this square matrix. See {@link slogdet}.
   * @example const [sign, logabsdet] = torch.eye(2).slogdet();
   */
  slogdet(): [Tensor, Tensor] { return lr.slogdet(this, []); }
  /**
   * The Cholesky factor of this symmetric positive-definite matrix (`upper`: U). See {@link cholesky}.
   * @example torch.tensor([[4, 2], [2, 2]]).cholesky() // [[2, 0], [1, 1]]
   */
  cholesky(...args: [upper?: boolean]): Tensor { return lr.cholesky(this, args); }
  /**
   * X with A·X = this, given A's Cholesky factor. See {@link cholesky_solve}.
   * @example b.cholesky_solve(L)
   */
  cholesky_solve(...args: [input2: Tensor, upper?: boolean]): Tensor { return lr.cholesky_solve(this, args); }
  /**
   * The inverse of L·Lᵀ for this Cholesky factor L. See {@link cholesky_inverse}.
   * @example L.cholesky_inverse()
   */
  cholesky_inverse(...args: [upper?: boolean]): Tensor { return lr.cholesky_inverse(this, args); }
  /**
   * The pseudoinverse of this matrix. See {@link pinverse}.
   * @example torch.tensor([[2, 0], [0, 0]]).pinverse() // [[0.5, 0], [0, 0]]
   */
  pinverse(...args: [rcond?: number]): Tensor { return lr.pinverse(this, args); }
  /**
   * [solution, cloned_coefficient] of A·X = this for a triangular A. See {@link triangular_solve}.
   * @example const [X] = b.triangular_solve(A);
   */
  triangular_solve(...args: [A: Tensor, upper?: boolean, transpose?: boolean, unitriangular?: boolean]): [Tensor, Tensor] { return lr.triangular_solve(this, args); }
  /**
   * The QR decomposition of this matrix (`some`: reduced). See {@link qr}.
   * @example const [Q, R] = torch.tensor([[3, 1], [4, 2]]).qr();
   */
  qr(...args: [some?: boolean]): [Tensor, Tensor] { return lr.qr(this, args); }
  /**
   * The product of the Householder reflectors in this matrix and tau. See {@link orgqr}.
   * @example torch.zeros(3, 2).orgqr(torch.zeros(2))
   */
  orgqr(...args: [input2: Tensor]): Tensor { return lr.orgqr(this, args); }
  /**
   * [a, tau]: this matrix's QR decomposition in LAPACK's geqrf form. See {@link geqrf}.
   * @example const [a, tau] = torch.tensor([[3, 1], [4, 2]]).geqrf();
   */
  geqrf(): [Tensor, Tensor] { return hh.geqrf(this, []); }
  /**
   * op(Q)·other or other·op(Q) for Q the product of the reflectors in this matrix and tau. See {@link ormqr}.
   * @example a.ormqr(tau, B, true, true) // Qᵀ·B
   */
  ormqr(...args: [input2: Tensor, input3: Tensor, left?: boolean, transpose?: boolean]): Tensor { return hh.ormqr(this, args); }
  /**
   * [U, S, V] of this matrix, torch.svd's older form (V, not Vh). See {@link svd}.
   * @example const [U, S, V] = torch.tensor([[3, 0], [0, -4]]).svd();
   */
  svd(...args: [some?: boolean, compute_uv?: boolean]): [Tensor, Tensor, Tensor] { return svdMethod(this, args); }
  /**
   * [LU, pivots] (or [LU, pivots, infos] with `get_infos`) of this matrix. See {@link lu}.
   * @example const [LU, pivots] = torch.tensor([[1, 2], [3, 4]]).lu();
   */
  lu(...args: [pivot?: boolean | { pivot?: boolean; get_infos?: boolean }, get_infos?: boolean]): Tensor[] { return luMethod(this, args); }
  /**
   * X with A·X = this from A's LU and pivots. See {@link lu_solve}.
   * @example b.lu_solve(LU, pivots)
   */
  lu_solve(...args: [LU_data: Tensor, LU_pivots: Tensor]): Tensor { return luSolveMethod(this, args); }
  /**
   * The matrix exponential of this square matrix. See {@link matrix_exp}.
   * @example torch.zeros(2, 2).matrix_exp() // the identity
   */
  matrix_exp(): Tensor { return matrixExpMethod(this, []); }
  // scans
  /**
   * The cumulative sum along `dim` (int64 for integer and bool tensors). See {@link cumsum}.
   * @example
   * console.log(`${torch.tensor([1, 2, 3]).cumsum(0)}`); // tensor([1., 3., 6.])
   */
  cumsum(...args: scn.CumulativeArgs): Tensor { return scn.scanMethod('cumsum', this, args) as Tensor; }
  /**
   * The cumulative product along `dim` (int64 for integer and bool tensors). See {@link cumprod}.
   * @example
   * console.log(`${torch.tensor([2, 0, 3]).cumprod(0)}`); // tensor([2., 0., 0.])
   */
  cumprod(...args: scn.CumulativeArgs): Tensor { return scn.scanMethod('cumprod', this, args) as Tensor; }
  /**
   * [values, indices] of the running maximum along `dim`. See {@link cummax}.
   * @example
   * const [v, i] = torch.tensor([1, 3, 2, 3]).cummax(0);
   * console.log(`${v} ${i}`); // tensor([1., 3., 3., 3.]) tensor([0, 1, 1, 3])
   */
  cummax(...args: scn.ScanArgs): [Tensor, Tensor] { return scn.scanMethod('cummax', this, args) as [Tensor, Tensor]; }
  /**
   * [values, indices] of the running minimum along `dim`. See {@link cummin}.
   * @example
   * const [v, i] = torch.tensor([3, 1, 2, 1]).cummin(0);
   * console.log(`${v} ${i}`); // tensor([3., 1., 1., 1.]) tensor([0, 1, 1, 3])
   */
  cummin(...args: scn.ScanArgs): [Tensor, Tensor] { return scn.scanMethod('cummin', this, args) as [Tensor, Tensor]; }
  /**
   * log of the cumulative sum of eˣ along `dim`. See {@link logcumsumexp}.
   * @example
   * console.log(`${torch.tensor([0, 0]).logcumsumexp(0)}`); // tensor([0.0000, 0.6931])
   */
  logcumsumexp(...args: scn.ScanArgs): Tensor { return scn.scanMethod('logcumsumexp', this, args) as Tensor; }
  /**
   * In-place {@link cumsum} along `dim`, in this tensor's dtype.
   * @example
   * const c = torch.tensor([1, 2, 3]); c.cumsum_(0); console.log(`${c}`); // tensor([1., 3., 6.])
   */
  cumsum_(...args: scn.CumulativeArgs): this { return scn.cumulativeInplace('cumsum', this, args) as this; }
  /**
   * In-place {@link cumprod} along `dim`, in this tensor's dtype.
   * @example
   * const c = torch.tensor([1, 2, 3]); c.cumprod_(0); console.log(`${c}`); // tensor([1., 2., 6.])
   */
  cumprod_(...args: scn.CumulativeArgs): this { return scn.cumulativeInplace('cumprod', this, args) as this; }
  // ---- sorting and order statistics (src/ops/sort.ts) ----
  /**
   * Sorted along `dim`: `[values, indices]`. See {@link sort}.
   * @example
   * const [values, indices] = torch.tensor([3, 1, 2]).sort(0, true);
   * console.log(`${values} ${indices}`); // tensor([3., 2., 1.]) tensor([0, 2, 1])
   */
  sort(...args: [dim?: number | srt.SortOptions, descending?: boolean | srt.SortOptions, options?: srt.SortOptions]): [Tensor, Tensor] {
    return srt.sortMethod(this, args);
  }
  /**
   * The indices that sort this tensor along `dim`. See {@link argsort}.
   * @example
   * console.log(`${torch.tensor([3, 1, 2]).argsort()}`); // tensor([1, 2, 0])
   */
  argsort(...args: [dim?: number | srt.SortOptions, descending?: boolean | srt.SortOptions, options?: srt.SortOptions]): Tensor {
    return srt.argsortMethod(this, args);
  }
  /**
   * Sorted along the first dim. See {@link msort}.
   * @example
   * console.log(`${torch.tensor([3, 1, 2]).msort()}`); // tensor([1., 2., 3.])
   */
  msort(): Tensor { return srt.msortMethod(this, []); }
  /**
   * The k largest (or smallest) elements along `dim`: `[values, indices]`. See {@link topk}.
   * @example
   * const [values] = torch.tensor([1, 5, 3]).topk(2);
   * console.log(`${values}`); // tensor([5., 3.])
   */
  topk(k: number, ...args: [dim?: number | srt.TopkOptions, largest?: boolean | srt.TopkOptions, sorted?: boolean | srt.TopkOptions]): [Tensor, Tensor] {
    return srt.topkMethod(this, [k, ...args]);
  }
  /**
   * The k-th smallest element along `dim`: `[values, indices]`. See {@link kthvalue}.
   * @example
   * const [value] = torch.tensor([3, 1, 2]).kthvalue(1);
   * console.log(`${value}`); // tensor(1.)
   */
  kthvalue(k: number, ...args: [dim?: number | srt.DimOptions, keepdim?: boolean | srt.DimOptions]): [Tensor, Tensor] {
    return srt.kthvalueMethod(this, [k, ...args]);
  }
  /**
   * The median of all elements, or `[values, indices]` along `dim`. See {@link median}.
   * @example
   * console.log(`${torch.tensor([4, 1, 3, 2]).median()}`); // tensor(2.)
   */
  median(): Tensor;
  median(dim: number | srt.MedianOptions, keepdim?: boolean): [Tensor, Tensor];
  median(...args: unknown[]): Tensor | [Tensor, Tensor] { return srt.medianMethod(this, args); }
  /**
   * median ignoring NaNs. See {@link nanmedian}.
   * @example
   * console.log(`${torch.tensor([4, NaN, 1, 3]).nanmedian()}`); // tensor(3.)
   */
  nanmedian(): Tensor;
  nanmedian(dim: number | srt.MedianOptions, keepdim?: boolean): [Tensor, Tensor];
  nanmedian(...args: unknown[]): Tensor | [Tensor, Tensor] { return srt.nanmedianMethod(this, args); }
  /**
   * The most frequent value along `dim` and an index of it. See {@link mode}.
   * @example
   * const [value] = torch.tensor([2, 1, 2]).mode();
   * console.log(`${value}`); // tensor(2.)
   */
  mode(...args: [dim?: number | srt.DimOptions, keepdim?: boolean | srt.DimOptions]): [Tensor, Tensor] {
    return srt.modeMethod(this, args);
  }
  /**
   * The distinct elements in ascending order (with inverse indices and counts on request). See {@link unique}.
   * @example
   * console.log(`${torch.tensor([2, 1, 2]).unique()}`); // tensor([1., 2.])
   */
  unique(...args: unknown[]): Tensor | Tensor[] { return srt.uniqueMethod(this, args); }
  /**
   * Each element squared: `pow(2)`, as PyTorch (PowBackward0). See {@link square}.
   * @example
   * console.log(`${torch.tensor([1, -2]).square()}`); // tensor([1., 4.])
   */
  square(): Tensor { return ew.square(this); }

  // ---- in-place forms (src/ops/inplace.ts): the result written into this tensor ----
  // The op table's own rows get theirs in the generated region (sin_, exp_, ...).

  /**
   * PyTorch's version counter: how many times this tensor was changed in place.
   * @example
   * const x = torch.zeros(2); x.add_(1); console.log(x._version); // 1
   */
  get _version(): number { return this._view ? viewVersion(this, this._view) : this._dev.version(this.h); }
  /**
   * In-place `add`: this += alpha · other, broadcast to this tensor's shape.
   * @example
   * const w = torch.ones(2); w.add_(torch.tensor([1, 2]), { alpha: 2 }); console.log(`${w}`); // tensor([3., 5.])
   */
  add_(other: TensorLike, options?: { alpha?: number }): this { return inplace(this, () => ew.add(this, other, options, true)) as this; }
  /**
   * In-place `sub`: this −= alpha · other. The manual SGD step: `torch.no_grad(() => w.sub_(w.grad!.mul(lr)))`.
   * @example
   * const w = torch.ones(2); w.sub_(0.5); console.log(`${w}`); // tensor([0.5000, 0.5000])
   */
  sub_(other: TensorLike, options?: { alpha?: number }): this { return inplace(this, () => ew.sub(this, other, options, true)) as this; }
  /**
   * In-place `mul`.
   * @example
   * const w = torch.ones(2); w.mul_(3); console.log(`${w}`); // tensor([3., 3.])
   */
  mul_(other: TensorLike | { other: TensorLike }): this { return inplace(this, () => ew.mul(this, other as TensorLike, undefined, true)) as this; }
  /**
   * In-place `div`.
   * @example
   * const w = torch.ones(2); w.div_(4); console.log(`${w}`); // tensor([0.2500, 0.2500])
   */
  div_(other: TensorLike | { other: TensorLike }, options?: { rounding_mode?: 'trunc' | 'floor' | null }): this {
    return inplace(this, () => ew.div(this, other as TensorLike, options, true)) as this;
  }
  /**
   * In-place `pow`.
   * @example
   * const w = torch.tensor([2, 3]); w.pow_(2); console.log(`${w}`); // tensor([4., 9.])
   */
  pow_(exponent: TensorLike | { exponent: TensorLike }): this {
    return inplace(this, () => ew.pow(this, exponent as TensorLike, undefined, true)) as this;
  }
  /**
   * In-place `clamp`.
   * @example
   * const w = torch.tensor([-2, 0.5, 3]); w.clamp_(-1, 1); console.log(`${w}`); // tensor([-1.0000,  0.5000,  1.0000])
   */
  clamp_(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): this {
    return inplace(this, () => ew.clamp(this, min, max, true)) as this;
  }
  /**
   * In-place `square`.
   * @example
   * const w = torch.tensor([1, -2]); w.square_(); console.log(`${w}`); // tensor([1., 4.])
   */
  square_(): this { return inplace(this, () => ew.square(this)) as this; }
  /**
   * Sets every element to 0, in place: `w.grad!.zero_()` after a manual update.
   * @example
   * const g = torch.ones(2); g.zero_(); console.log(`${g}`); // tensor([0., 0.])
   */
  zero_(): this { return fillInto(this, 0, Op.Zero) as this; }
  /**
   * Sets every element to `value`, in place.
   * @example
   * const t = torch.zeros(2); t.fill_(7); console.log(`${t}`); // tensor([7., 7.])
   */
  fill_(value: number | boolean | Tensor | { value: number | boolean | Tensor }): this {
    const v = value instanceof Tensor || typeof value !== 'object' ? value : value.value;
    if (!(v instanceof Tensor)) return fillInto(this, Number(v), Op.Fill) as this;
    if (v.dim() !== 0) throw new RuntimeError(`fill_ only supports 0-dimension value tensor but got tensor with ${v.dim()} dimensions.`);
    // a masked_fill_ of every element: the value tensor gets the gradient's sum, as PyTorch's FillBackward3
    const every = full_like(this, 1, { dtype: 'bool', requires_grad: false });
    try { return this.masked_fill_(every, v); } finally { every.dispose(); }
  }
  /**
   * Copies `src`'s values into this tensor (broadcast, converted to its dtype), in place
   * (CopyBackwards when either requires grad: src gets the gradient).
   * @example
   * const t = torch.zeros(2, 2); t.copy_(torch.tensor([1, 2])); console.log(`${t}`); // tensor([[1., 2.], [1., 2.]])
   */
  copy_(src: Tensor | { src: Tensor }): this {
    return copyInto(this, src instanceof Tensor ? src : src.src) as this;
  }
  /**
   * PyTorch's `x[...]` for reading: integers select, `'start:stop:step'` strings slice, `'...'`
   * skips dims, `null` adds one. See docs/api.md, "Indexing".
   * @example
   * const x = torch.tensor([[1, 2, 3], [4, 5, 6]]);
   * console.log(`${x.index([':', 1])}`, `${x.index([1, '1:'])}`); // tensor([2., 5.]) tensor([5., 6.])
   */
  index(items: ix.IndexItem | readonly ix.IndexItem[]): Tensor { return ix.index(this, items); }
  /**
   * The slice at `index` along `dim`, without that dim (`x[:, i]` is `x.select(1, i)`). See {@link select}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).select(1, 0)}`); // tensor([1., 3.])
   */
  select(...args: [dim: number, index: number] | [{ dim: number; index: number }]): Tensor { return ix.selectMethod(this, args); }
  /**
   * `length` elements along `dim` from `start`. See {@link narrow}.
   * @example
   * console.log(`${torch.tensor([1, 2, 3, 4]).narrow(0, 1, 2)}`); // tensor([2., 3.])
   */
  narrow(...args: [dim: number, start: number, length: number] | [{ dim: number; start: number; length: number }]): Tensor {
    return ix.narrowMethod(this, args);
  }
  // shape and indexing 2 (src/ops/gather_scatter.ts)
  /**
   * The elements reversed along each dim of `dims`. See {@link flip}.
   * @example
   * console.log(`${torch.tensor([1, 2, 3]).flip([0])}`); // tensor([3., 2., 1.])
   */
  flip(...args: [dims: number[]] | [{ dims: number[] }]): Tensor { return ix2.methods.flip(this, args); }
  /**
   * Reversed left to right (dim 1). See {@link fliplr}.
   * @example
   * console.log(`${torch.tensor([[1, 2]]).fliplr()}`); // tensor([[2., 1.]])
   */
  fliplr(...args: []): Tensor { return ix2.methods.fliplr(this, args); }
  /**
   * Reversed up to down (dim 0). See {@link flipud}.
   * @example
   * console.log(`${torch.tensor([1, 2]).flipud()}`); // tensor([2., 1.])
   */
  flipud(...args: []): Tensor { return ix2.methods.flipud(this, args); }
  /**
   * The slices at `index` along `dim`. See {@link index_select}.
   * @example
   * console.log(`${torch.tensor([10, 20, 30]).index_select(0, torch.tensor([1, 1], { dtype: torch.long }))}`); // tensor([20., 20.])
   */
  index_select(...args: [dim: number, index: Tensor] | [{ dim: number; index: Tensor }]): Tensor { return ix2.methods.index_select(this, args); }
  /**
   * Values along `dim` at `index` (int64, shaped like the output). See {@link gather}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).gather(1, torch.tensor([[1], [1]], { dtype: torch.long })).flatten()}`); // tensor([2., 4.])
   */
  gather(...args: [dim: number, index: Tensor, options?: { sparse_grad?: boolean }] | [{ dim: number; index: Tensor; sparse_grad?: boolean }]): Tensor {
    return ix2.methods.gather(this, args);
  }
  /**
   * The elements at flat positions `index`. See {@link take}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).take(torch.tensor([0, 3], { dtype: torch.long }))}`); // tensor([1., 4.])
   */
  take(...args: [index: Tensor] | [{ index: Tensor }]): Tensor { return ix2.methods.take(this, args); }
  /**
   * gather with broadcasting (or over the flattened tensor without dim). See {@link take_along_dim}.
   * @example
   * console.log(`${torch.tensor([[3, 1], [2, 4]]).take_along_dim(torch.tensor([[1], [0]], { dtype: torch.long }), 1).flatten()}`); // tensor([1., 2.])
   */
  take_along_dim(...args: [indices: Tensor, dim?: number | null] | [{ indices: Tensor; dim?: number | null }]): Tensor {
    return ix2.methods.take_along_dim(this, args);
  }
  /**
   * `value` where mask is true. See {@link masked_fill}.
   * @example
   * console.log(`${torch.tensor([1, 2]).masked_fill(torch.tensor([false, true]), -1)}`); // tensor([ 1., -1.])
   */
  masked_fill(...args: [mask: Tensor, value: number | Tensor] | [{ mask: Tensor; value: number | Tensor }]): Tensor {
    return ix2.methods.masked_fill(this, args);
  }
  /**
   * In-place `masked_fill`: PyTorch's `t[mask] = value`.
   * @example
   * const t = torch.tensor([1, -2, 3]); t.masked_fill_(t.lt(0), 0); console.log(`${t}`); // tensor([1., 0., 3.])
   */
  masked_fill_(...args: [mask: Tensor, value: number | Tensor] | [{ mask: Tensor; value: number | Tensor }]): this {
    return inplace(this, () => ix2.methods.masked_fill(this, args)) as this;
  }
  /**
   * The elements where mask is true, 1-D. See {@link masked_select}.
   * @example
   * console.log(`${torch.tensor([1, 2, 3]).masked_select(torch.tensor([true, false, true]))}`); // tensor([1., 3.])
   */
  masked_select(...args: [mask: Tensor] | [{ mask: Tensor }]): Tensor { return ix2.methods.masked_select(this, args); }
  /**
   * The lower triangle (j − i ≤ diagonal), zeros elsewhere. See {@link tril}.
   * @example
   * console.log(`${torch.ones(2, 2).tril().flatten()}`); // tensor([1., 0., 1., 1.])
   */
  tril(...args: [diagonal?: number] | [{ diagonal?: number }]): Tensor { return ix2.methods.tril(this, args); }
  /**
   * In-place `tril`.
   * @example
   * const t = torch.ones(2, 2); t.tril_(); console.log(`${t.flatten()}`); // tensor([1., 0., 1., 1.])
   */
  tril_(...args: [diagonal?: number] | [{ diagonal?: number }]): this { return inplace(this, () => ix2.methods.tril(this, args)) as this; }
  /**
   * The upper triangle (j − i ≥ diagonal), zeros elsewhere. See {@link triu}.
   * @example
   * console.log(`${torch.ones(2, 2).triu(1).flatten()}`); // tensor([0., 1., 0., 0.])
   */
  triu(...args: [diagonal?: number] | [{ diagonal?: number }]): Tensor { return ix2.methods.triu(this, args); }
  /**
   * In-place `triu`.
   * @example
   * const t = torch.ones(2, 2); t.triu_(1); console.log(`${t.flatten()}`); // tensor([0., 1., 0., 0.])
   */
  triu_(...args: [diagonal?: number] | [{ diagonal?: number }]): this { return inplace(this, () => ix2.methods.triu(this, args)) as this; }
  /**
   * A diagonal of the planes (dim1, dim2). See {@link diagonal}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).diagonal()}`); // tensor([1., 4.])
   */
  diagonal(...args: [offset?: number, dim1?: number, dim2?: number] | [{ offset?: number; dim1?: number; dim2?: number }]): Tensor {
    return ix2.methods.diagonal(this, args);
  }
  /**
   * A view of this tensor's storage with the given sizes and strides. See {@link as_strided}.
   * @example
   * console.log(`${torch.arange(6).as_strided([3], [2], 1)}`); // tensor([1., 3., 5.])
   */
  as_strided(...args: [size: number[], stride: number[], storage_offset?: number | null] | [{ size: number[]; stride: number[]; storage_offset?: number | null }]): Tensor {
    return ix2.methods.as_strided(this, args);
  }
  /**
   * 1-D to a diagonal matrix, or a matrix's diagonal. See {@link diag}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).diag(1)}`); // tensor([2.])
   */
  diag(...args: [diagonal?: number] | [{ diagonal?: number }]): Tensor { return ix2.methods.diag(this, args); }
  /**
   * The sum of the main diagonal. See {@link trace}.
   * @example
   * console.log(`${torch.eye(3).trace()}`); // tensor(3.)
   */
  trace(...args: []): Tensor { return ix2.methods.trace(this, args); }
  /**
   * The elements shifted along dims, wrapping around. See {@link roll}.
   * @example
   * console.log(`${torch.tensor([1, 2, 3]).roll(-1)}`); // tensor([2., 3., 1.])
   */
  roll(...args: [shifts: number | number[], dims?: number | number[]] | [{ shifts: number | number[]; dims?: number | number[] }]): Tensor {
    return ix2.methods.roll(this, args);
  }
  /**
   * The tensor repeated `repeats[d]` times along each dim d (ints or one list; at least one per
   * dim, extra ones add leading dims) (RepeatBackward0).
   * @example
   * console.log(`${torch.tensor([1, 2]).repeat(2)}`, torch.tensor([1, 2]).repeat(3, 1).shape); // tensor([1., 2., 1., 2.]) [ 3, 2 ]
   */
  repeat(...repeats: SizeArg[]): Tensor { return ix2.methods.repeat(this, repeats); }
  /**
   * repeat with the dims padded with leading 1s. See {@link tile}.
   * @example
   * console.log(torch.zeros(2, 3).tile(2).shape); // [ 2, 6 ]
   */
  tile(...dims: SizeArg[]): Tensor { return ix2.methods.tile(this, dims); }
  /**
   * Pieces of `split_size` rows along dim, or of the sizes in a list. See {@link split}.
   * @example
   * console.log(torch.zeros(5).split([2, 3]).map((t) => t.shape[0])); // [ 2, 3 ]
   */
  split(...args: [split_size: number | number[], dim?: number] | [{ split_size: number | number[]; dim?: number }]): Tensor[] {
    return ix2.methods.split(this, args);
  }
  /**
   * `chunks` pieces along dim. See {@link chunk}.
   * @example
   * console.log(torch.zeros(4).chunk(2).length); // 2
   */
  chunk(...args: [chunks: number, dim?: number] | [{ chunks: number; dim?: number }]): Tensor[] { return ix2.methods.chunk(this, args); }
  /**
   * The slices along dim, that dim removed. See {@link unbind}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).unbind(1)[0]}`); // tensor([1., 3.])
   */
  unbind(...args: [dim?: number] | [{ dim?: number }]): Tensor[] { return ix2.methods.unbind(this, args); }
  /**
   * Near-equal sections or pieces between indices along dim. See {@link tensor_split}.
   * @example
   * console.log(torch.zeros(5).tensor_split([1, 3]).map((t) => t.shape[0])); // [ 1, 2, 2 ]
   */
  tensor_split(
    ...args: [indices_or_sections: number | number[] | Tensor, dim?: number] | [{ sections?: number; indices?: number[]; tensor_indices_or_sections?: Tensor; dim?: number }]
  ): Tensor[] {
    return ix2.methods.tensor_split(this, args);
  }
  /**
   * Rotated by 90° k times in the plane of dims. See {@link rot90}.
   * @example
   * console.log(`${torch.tensor([[1, 2], [3, 4]]).rot90(2).flatten()}`); // tensor([4., 3., 2., 1.])
   */
  rot90(...args: [k?: number, dims?: number[]] | [{ k?: number; dims?: number[] }]): Tensor { return ix2.methods.rot90(this, args); }
  /**
   * The last dim as diagonals of new matrices. See {@link diag_embed}.
   * @example
   * console.log(torch.zeros(2, 3).diag_embed().shape); // [ 2, 3, 3 ]
   */
  diag_embed(...args: [offset?: number, dim1?: number, dim2?: number] | [{ offset?: number; dim1?: number; dim2?: number }]): Tensor {
    return ix2.methods.diag_embed(this, args);
  }
  /**
   * Each slice along dim repeated (without dim, each element of the flattened tensor). See
   * {@link repeat_interleave}.
   * @example
   * console.log(`${torch.tensor([1, 2]).repeat_interleave(3)}`); // tensor([1., 1., 1., 2., 2., 2.])
   */
  repeat_interleave(
    ...args: [repeats: number | Tensor, dim?: number | null, options?: { output_size?: number }]
      | [{ repeats: number | Tensor; dim?: number | null; output_size?: number }]
  ): Tensor {
    return ix2.methods.repeat_interleave(this, args);
  }
  /**
   * The indices of the nonzero elements. See {@link nonzero}.
   * @example
   * console.log(`${torch.tensor([0, 5, 7]).nonzero().flatten()}`); // tensor([1, 2])
   */
  nonzero(...args: [options?: { as_tuple?: boolean }]): Tensor | Tensor[] { return ix2.methods.nonzero(this, args); }
  /**
   * src (or a number) written along dim at index. See {@link scatter}.
   * @example
   * console.log(`${torch.zeros(3).scatter(0, torch.tensor([2], { dtype: torch.long }), 1)}`); // tensor([0., 0., 1.])
   */
  scatter(...args: [dim: number, index: Tensor, src: Tensor | number] | [{ dim: number; index: Tensor; src?: Tensor; value?: number }]): Tensor {
    return ix2.methods.scatter(this, args);
  }
  /**
   * src added along dim at index. See {@link scatter_add}.
   * @example
   * console.log(`${torch.zeros(2).scatter_add(0, torch.tensor([1, 1], { dtype: torch.long }), torch.ones(2))}`); // tensor([0., 2.])
   */
  scatter_add(...args: [dim: number, index: Tensor, src: Tensor] | [{ dim: number; index: Tensor; src: Tensor }]): Tensor {
    return ix2.methods.scatter_add(this, args);
  }
  /**
   * src reduced along dim at index ('sum', 'prod', 'mean', 'amax', 'amin'). See {@link scatter_reduce}.
   * @example
   * console.log(`${torch.ones(2).scatter_reduce(0, torch.tensor([1, 1], { dtype: torch.long }), torch.tensor([2, 3]), 'prod')}`); // tensor([1., 6.])
   */
  scatter_reduce(...args: [dim: number, index: Tensor, src: Tensor, reduce: 'sum' | 'prod' | 'mean' | 'amax' | 'amin', options?: { include_self?: boolean }] | [{ dim: number; index: Tensor; src: Tensor; reduce: string; include_self?: boolean }]): Tensor {
    return ix2.methods.scatter_reduce(this, args); // helper leftovers
  }
  /**
   * 0/1 samples with probabilities this, or with probability p (PyTorch's stream after
   * torch.manual_seed, or the `generator` option's). See {@link bernoulli}.
   * @example
   * torch.manual_seed(0);
   * console.log(`${torch.tensor([0, 1]).bernoulli()}`); // tensor([0., 1.])
   */
  bernoulli(...args: [options?: { generator?: Generator | null }] | [p: number, options?: { generator?: Generator | null }]): Tensor {
    return bern.methods.bernoulli(this, args); // helper leftovers
  }
  /**
   * Fills this with 0/1 samples, 1 with probability p (a number, 0.5 by default, or a tensor that expands to this).
   * @example
   * torch.manual_seed(0);
   * console.log(`${torch.zeros(3).bernoulli_(1)}`); // tensor([1., 1., 1.])
   */
  bernoulli_(...args: [p?: number | Tensor, options?: { generator?: Generator | null }] | [{ p?: number | Tensor; generator?: Generator | null }]): this {
    return bern.methods.bernoulli_(this, args) as this;
  }
  /**
   * num_samples indices drawn from this row's weights (int64). See {@link multinomial}.
   * @example
   * torch.manual_seed(0);
   * console.log(`${torch.tensor([0, 1, 0]).multinomial(1)}`); // tensor([1])
   */
  multinomial(...args: [num_samples: number, replacement?: boolean, options?: { generator?: Generator | null }]
    | [num_samples: number, options: { replacement?: boolean; generator?: Generator | null }]
    | [{ num_samples: number; replacement?: boolean; generator?: Generator | null }]): Tensor {
    return multinomialMethod(this, args); // helper leftovers
  }
  // random fills (helper generator)
  /**
   * In place: integers drawn as torch.randint draws them: `random_(to)` in [0, to),
   * `random_(from, to)` in [from, to), `random_()` in [0, 2^24] for float32 ([0, 2^53] for
   * float64, {0, 1} for bool); PyTorch's values after torch.manual_seed.
   * @example
   * torch.manual_seed(0);
   * console.log(`${torch.empty(5).random_(10)}`); // tensor([4., 9., 3., 0., 3.])
   */
  random_(...args: [options?: { generator?: Generator | null }] | [to: number, options?: { generator?: Generator | null }]
    | [from: number, to: number | null, options?: { generator?: Generator | null }] | [{ from?: number; to?: number | null; generator?: Generator | null }]): this {
    return randomFill.methods.random_(this, args) as this;
  }
  /**
   * Filled with Exponential(lambd) draws, PyTorch's after the same seed.
   * @example
   * torch.empty(3).exponential_(2, { generator: new torch.Generator().manual_seed(1) });
   */
  exponential_(...args: unknown[]): this { return randomFill.methods.exponential_(this, args) as this; }
  /**
   * Filled with Cauchy(median, sigma) draws, PyTorch's after the same seed.
   * @example
   * torch.empty(3).cauchy_(0, 1);
   */
  cauchy_(...args: unknown[]): this { return randomFill.methods.cauchy_(this, args) as this; }
  /**
   * Filled with Geometric(p) draws (trials to the first success), PyTorch's after the same seed.
   * @example
   * torch.empty(3).geometric_(0.3);
   */
  geometric_(...args: unknown[]): this { return randomFill.methods.geometric_(this, args) as this; }
  /**
   * Filled with exp(Normal(mean, std)) draws, PyTorch's after the same seed.
   * @example
   * torch.empty(3).log_normal_(1, 2);
   */
  log_normal_(...args: unknown[]): this { return randomFill.methods.log_normal_(this, args) as this; }
  /**
   * Fills this with values from U[from, to), PyTorch's draws after the same seed (the default
   * generator, or the `generator` option's). float32 and float64.
   * @example
   * torch.manual_seed(0);
   * torch.empty(3).uniform_(-1, 1); // == torch.empty(3).uniform_(-1, 1) in PyTorch after torch.manual_seed(0)
   * torch.empty(2).uniform_({ from: 0, to: 5, generator: new torch.Generator().manual_seed(1) });
   */
  uniform_(...args: [from?: number, to?: number, options?: { generator?: Generator | null }] | [{ from?: number; to?: number; generator?: Generator | null }]): this {
    return randomFill.methods.uniform_(this, args) as this;
  }
  /**
   * Fills this with values from N(mean, std²), PyTorch's draws after the same seed (the default
   * generator, or the `generator` option's). float32 and float64.
   * @example
   * torch.manual_seed(0);
   * torch.empty(3).normal_(); // == torch.randn(3) after the same seed
   * torch.empty(2).normal_(1, 0.5, { generator: new torch.Generator().manual_seed(1) });
   */
  normal_(...args: [mean?: number, std?: number, options?: { generator?: Generator | null }] | [{ mean?: number; std?: number; generator?: Generator | null }]): this {
    return randomFill.methods.normal_(this, args) as this;
  }
  /**
   * alpha·source's slices added at the slices index. See {@link index_add}.
   * @example
   * console.log(`${torch.zeros(2).index_add(0, torch.tensor([0], { dtype: torch.long }), torch.ones(1))}`); // tensor([1., 0.])
   */
  index_add(
    ...args: [dim: number, index: Tensor, source: Tensor, options?: { alpha?: number }] | [{ dim: number; index: Tensor; source: Tensor; alpha?: number }]
  ): Tensor {
    return ix2.methods.index_add(this, args);
  }
  /**
   * source's slices copied to the slices index. See {@link index_copy}.
   * @example
   * console.log(`${torch.zeros(2).index_copy(0, torch.tensor([1], { dtype: torch.long }), torch.ones(1))}`); // tensor([0., 1.])
   */
  index_copy(...args: [dim: number, index: Tensor, source: Tensor] | [{ dim: number; index: Tensor; source: Tensor }]): Tensor {
    return ix2.methods.index_copy(this, args);
  }
  /**
   * source's elements, in order, where mask is true. See {@link masked_scatter}.
   * @example
   * console.log(`${torch.zeros(2).masked_scatter(torch.tensor([false, true]), torch.tensor([5, 6]))}`); // tensor([0., 5.])
   */
  masked_scatter(...args: [mask: Tensor, source: Tensor] | [{ mask: Tensor; source: Tensor }]): Tensor {
    return ix2.methods.masked_scatter(this, args);
  }
  /**
   * value in the slices index along dim. See {@link index_fill}.
   * @example
   * console.log(`${torch.zeros(2).index_fill(0, torch.tensor([0], { dtype: torch.long }), 3)}`); // tensor([3., 0.])
   */
  index_fill(...args: [dim: number, index: Tensor, value: number | Tensor] | [{ dim: number; index: Tensor; value: number | Tensor }]): Tensor {
    return ix2.methods.index_fill(this, args);
  }
  /**
   * values put (or added, accumulate) at the positions of the index tensors. See {@link index_put}.
   * @example
   * console.log(`${torch.zeros(3).index_put([torch.tensor([1], { dtype: torch.long })], torch.tensor(5))}`); // tensor([0., 5., 0.])
   */
  index_put(...args: [indices: Tensor[], values: Tensor, accumulate?: boolean] | [{ indices: Tensor[]; values: Tensor; accumulate?: boolean }]): Tensor {
    return ix2.methods.index_put(this, args);
  }
  /**
   * In place: PyTorch's `x[...] = values` (libtorch's `x.index_put_({...}, values)`), with the
   * index of {@link index}: integers, `'start:stop:step'`, `'...'`, `null`, int64 and bool tensors.
   * values is a tensor (broadcast to the indexed shape) or a number; `accumulate` adds instead.
   * A list of tensors alone is PyTorch's `index_put_`.
   * @example
   * const x = torch.zeros(2, 3);
   * x.index_put_([':', 1], 5);                        // x[:, 1] = 5
   * x.index_put_([x.lt(0)], torch.tensor(-1));        // x[x < 0] = -1
   * x.index_put_([1, '1:'], torch.tensor([7, 8]));    // x[1, 1:] = tensor([7, 8])
   * console.log(`${x.flatten()}`); // tensor([0., 5., 0., 0., 7., 8.])
   */
  index_put_(...args: [indices: ix.IndexItem | readonly ix.IndexItem[], values: Tensor | number | boolean, accumulate?: boolean]
    | [{ indices: ix.IndexItem | readonly ix.IndexItem[]; values: Tensor | number | boolean; accumulate?: boolean }]): this {
    return ix.indexPutMethod(this, args) as this;
  }
  // end of shape and indexing 2
  /**
   * The largest element over `dim` (all dims by default), without indices. See {@link amax}.
   * @example
   * console.log(`${torch.tensor([[1, 5], [7, 2]]).amax(0)}`); // tensor([7., 5.])
   */
  amax(dim?: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.amax(this, dim, options, true); }
  /**
   * The smallest value over `dim` (all dims when omitted). See {@link amin}.
   * @example
   * console.log(`${torch.tensor([[1, 5], [7, 2]]).amin(0)}`); // tensor([1., 2.])
   */
  amin(dim?: red.DimArg | red.ReduceOptions, options?: red.ReduceOptions | boolean): Tensor { return red.amin(this, dim, options, true); }
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
  softmax(dim: red.SoftmaxDim, dtype?: TorchDtype | DTypeName | null): Tensor { return red.softmax(this, dim, dtype); }
  /**
   * `log(softmax(x))` along `dim`, computed stably. See {@link log_softmax}.
   * @example
   * console.log(`${torch.tensor([0, 0]).log_softmax(0)}`); // tensor([-0.6931, -0.6931])
   */
  log_softmax(dim: red.SoftmaxDim, dtype?: TorchDtype | DTypeName | null): Tensor { return red.log_softmax(this, dim, dtype); }

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
  movedim(...args: unknown[]): Tensor { return sc.movedimMethod(this, args); }
  /**
   * NumPy's name for {@link Tensor.movedim}. See {@link moveaxis}.
   * @example
   * console.log(torch.zeros(2, 3, 4).moveaxis([0, 1], [2, 0]).shape); // [ 3, 4, 2 ]
   */
  moveaxis(...args: unknown[]): Tensor { return sc.moveaxisMethod(this, args); }
  /**
   * Dims `axis0` and `axis1` swapped. See {@link swapaxes}.
   * @example
   * console.log(torch.zeros(2, 3).swapaxes(0, 1).shape); // [ 3, 2 ]
   */
  swapaxes(...args: unknown[]): Tensor { return sc.swapaxesOf(args, this); }
  /**
   * Dims `dim0` and `dim1` swapped. See {@link swapdims}.
   * @example
   * console.log(torch.zeros(2, 3).swapdims(0, 1).shape); // [ 3, 2 ]
   */
  swapdims(...args: unknown[]): Tensor { return sc.swapdimsOf(args, this); }
  /**
   * Dim `dim` split into `sizes`. See {@link unflatten}.
   * @example
   * console.log(torch.zeros(2, 6).unflatten(1, [2, -1]).shape); // [ 2, 2, 3 ]
   */
  unflatten(...args: unknown[]): Tensor { return sc.unflattenOf(args, this); }
  /**
   * Broadcast to `size`. See {@link broadcast_to}.
   * @example
   * console.log(torch.tensor([1, 2]).broadcast_to([3, 2]).shape); // [ 3, 2 ]
   */
  broadcast_to(...args: unknown[]): Tensor { return sc.broadcastToOf(args, this); }
  /**
   * src embedded as this tensor's diagonal. See {@link diagonal_scatter}.
   * @example
   * torch.zeros(2, 2).diagonal_scatter(torch.ones(2)) // tensor([[1., 0.], [0., 1.]])
   */
  diagonal_scatter(...args: unknown[]): Tensor { return sm.methods.diagonal_scatter(this, args); }
  /**
   * src embedded at `index` along `dim`. See {@link select_scatter}.
   * @example
   * torch.zeros(2, 2).select_scatter(torch.ones(2), 0, 0) // tensor([[1., 1.], [0., 0.]])
   */
  select_scatter(...args: unknown[]): Tensor { return sm.methods.select_scatter(this, args); }
  /**
   * src embedded at a slice of `dim`. See {@link slice_scatter}.
   * @example
   * torch.zeros(4).slice_scatter(torch.ones(2), { step: 2 }) // tensor([1., 0., 1., 0.])
   */
  slice_scatter(...args: unknown[]): Tensor { return sm.methods.slice_scatter(this, args); }
  /**
   * src embedded where as_strided would look. See {@link as_strided_scatter}.
   * @example
   * torch.zeros(4).as_strided_scatter(torch.ones(2), [2], [2]) // tensor([1., 0., 1., 0.])
   */
  as_strided_scatter(...args: unknown[]): Tensor { return sm.methods.as_strided_scatter(this, args); }
  /**
   * This tensor flattened into a diagonal. See {@link diagflat}.
   * @example
   * torch.tensor([1, 2]).diagflat() // tensor([[1., 0.], [0., 2.]])
   */
  diagflat(...args: unknown[]): Tensor { return sm.methods.diagflat(this, args); }
  /**
   * This tensor as one dim. See {@link ravel}.
   * @example
   * torch.zeros(2, 3).ravel().shape // [6]
   */
  ravel(...args: unknown[]): Tensor { return sm.methods.ravel(this, args); }
  /**
   * A contiguous copy of a narrow. See {@link narrow_copy}.
   * @example
   * torch.arange(5).narrow_copy(0, 1, 2) // tensor([1, 2])
   */
  narrow_copy(...args: unknown[]): Tensor { return sm.methods.narrow_copy(this, args); }
  /**
   * The last two dims swapped (a view). See {@link adjoint}.
   * @example
   * torch.zeros(2, 3).adjoint().shape // [3, 2]
   */
  adjoint(...args: unknown[]): Tensor { return sm.methods.adjoint(this, args); }
  /**
   * Column-wise pieces. See {@link hsplit}.
   * @example
   * torch.zeros(2, 4).hsplit(2).length // 2
   */
  hsplit(...args: unknown[]): Tensor[] { return sm.methods.hsplit(this, args); }
  /**
   * Row-wise pieces. See {@link vsplit}.
   * @example
   * torch.zeros(4, 2).vsplit([1, 3]).length // 3
   */
  vsplit(...args: unknown[]): Tensor[] { return sm.methods.vsplit(this, args); }
  /**
   * Depth-wise pieces. See {@link dsplit}.
   * @example
   * torch.zeros(1, 1, 4).dsplit(2).length // 2
   */
  dsplit(...args: unknown[]): Tensor[] { return sm.methods.dsplit(this, args); }
  /**
   * Pieces of the given sizes. See {@link split_with_sizes}.
   * @example
   * torch.zeros(5).split_with_sizes([2, 3]).length // 2
   */
  split_with_sizes(...args: unknown[]): Tensor[] { return sm.methods.split_with_sizes(this, args); }
  /**
   * split by a size, as copies. See {@link unsafe_split}.
   * @example
   * torch.zeros(5).unsafe_split(2).length // 3
   */
  unsafe_split(...args: unknown[]): Tensor[] { return sm.methods.unsafe_split(this, args); }
  /**
   * split_with_sizes as copies. See {@link unsafe_split_with_sizes}.
   * @example
   * torch.zeros(5).unsafe_split_with_sizes([1, 4]).length // 2
   */
  unsafe_split_with_sizes(...args: unknown[]): Tensor[] { return sm.methods.unsafe_split_with_sizes(this, args); }
  /**
   * chunk as copies. See {@link unsafe_chunk}.
   * @example
   * torch.zeros(4).unsafe_chunk(2).length // 2
   */
  unsafe_chunk(...args: unknown[]): Tensor[] { return sm.methods.unsafe_chunk(this, args); }
  /**
   * source written (or added) at flat positions. See {@link put}.
   * @example
   * torch.zeros(3).put(torch.tensor([2], { dtype: torch.long }), torch.ones(1)) // tensor([0., 0., 1.])
   */
  put(...args: unknown[]): Tensor { return sm.methods.put(this, args); }
  /**
   * source's slices reduced into the slices `index`. See {@link index_reduce}.
   * @example
   * torch.ones(2).index_reduce(0, torch.tensor([1, 1], { dtype: torch.long }), torch.tensor([2, 3]), 'prod') // tensor([1., 6.])
   */
  index_reduce(...args: unknown[]): Tensor { return sm.methods.index_reduce(this, args); }
  /**
   * Windows of `size` elements along `dimension`, `step` apart, as a new last dim (a view, UnfoldBackward0).
   * @example
   * torch.arange(5).unfold(0, 2, 2) // tensor([[0, 1], [2, 3]])
   */
  unfold(...args: [dimension: number, size: number, step: number] | [{ dimension: number; size: number; step: number }]): Tensor { return sm.methods.unfold(this, args); }
  /**
   * In place: source written (or added, accumulate) at this tensor's flat positions `index`.
   * @example
   * const t = torch.zeros(3); t.put_(torch.tensor([0], { dtype: torch.long }), torch.ones(1)); // tensor([1., 0., 0.])
   */
  put_(...args: unknown[]): this { return sm.methods.put_(this, args) as this; }
  /**
   * In place: {@link Tensor.index_reduce}.
   * @example
   * torch.ones(2).index_reduce_(0, torch.tensor([0], { dtype: torch.long }), torch.tensor([5]), 'amax') // tensor([5., 1.])
   */
  index_reduce_(...args: unknown[]): this { return sm.methods.index_reduce_(this, args) as this; }
  /**
   * In place: the main diagonal (all dims at once) set to `fill_value`; `wrap` continues a tall matrix's diagonal below.
   * @example
   * torch.zeros(2, 2).fill_diagonal_(1) // tensor([[1., 0.], [0., 1.]])
   */
  fill_diagonal_(...args: unknown[]): this { return sm.methods.fill_diagonal_(this, args) as this; }
  /**
   * Each element replaced by `callable(element)`, a JS function in place of PyTorch's Python one (not for tensors that require grad).
   * @example
   * torch.arange(3).apply_((v) => v * 2) // tensor([0, 2, 4])
   */
  apply_(callable: (v: number) => number): this { return sm.methods.apply_(this, callable) as this; }
  /**
   * Each element replaced by `callable(element, other's)`, other broadcast to this tensor's shape.
   * @example
   * torch.ones(2).map_(torch.tensor([3]), (a, b) => a + b) // tensor([4., 4.])
   */
  map_(tensor: Tensor, callable: (a: number, b: number) => number): this { return sm.methods.map_(this, tensor, callable) as this; }
  /**
   * Each element replaced by `callable(element, x's, y's)`, x and y broadcast to this tensor's shape.
   * @example
   * torch.ones(2).map2_(torch.ones(2), torch.tensor([2]), (a, b, c) => a + b * c) // tensor([3., 3.])
   */
  map2_(x: Tensor, y: Tensor, callable: (a: number, b: number, c: number) => number): this { return sm.methods.map2_(this, x, y, callable) as this; }
  /**
   * This 2-D tensor transposed in place (its sizes and strides; TBackward1).
   * @example
   * const x = torch.zeros(2, 3); x.t_(); x.shape // [3, 2]
   */
  t_(): this { return sm.methods.t_(this) as this; }
  /**
   * Dims `dim0` and `dim1` swapped in place (TransposeBackward1).
   * @example
   * const x = torch.zeros(2, 3); x.transpose_(0, 1); x.shape // [3, 2]
   */
  transpose_(...args: [dim0: number, dim1: number] | [{ dim0: number; dim1: number }]): this { return sm.methods.transpose_(this, args) as this; }
  /**
   * NumPy's name for {@link Tensor.transpose_}.
   * @example
   * const x = torch.zeros(2, 3); x.swapaxes_(0, 1); x.shape // [3, 2]
   */
  swapaxes_(...args: [axis0: number, axis1: number] | [{ axis0: number; axis1: number }]): this { return sm.methods.swapaxes_(this, args) as this; }
  /**
   * An alias of {@link Tensor.transpose_}.
   * @example
   * const x = torch.zeros(2, 3); x.swapdims_(0, 1); x.shape // [3, 2]
   */
  swapdims_(...args: [dim0: number, dim1: number] | [{ dim0: number; dim1: number }]): this { return sm.methods.swapdims_(this, args) as this; }
  /**
   * Dims of size 1 removed in place (all: SqueezeBackward2, or `dim`: SqueezeBackward3).
   * @example
   * const x = torch.zeros(1, 3); x.squeeze_(); x.shape // [3]
   */
  squeeze_(...args: [dim?: number | null] | [{ dim?: number | null }]): this { return sm.methods.squeeze_(this, args) as this; }
  /**
   * A dim of size 1 inserted in place (UnsqueezeBackward1).
   * @example
   * const x = torch.zeros(3); x.unsqueeze_(0); x.shape // [1, 3]
   */
  unsqueeze_(...args: [dim: number] | [{ dim: number }]): this { return sm.methods.unsqueeze_(this, args) as this; }
  /**
   * This tensor made the as_strided view of its storage, in place (AsStridedBackward1).
   * @example
   * const x = torch.arange(6); x.as_strided_([2], [3]); // tensor([0, 3])
   */
  as_strided_(...args: [size: number[], stride: number[], storage_offset?: number | null] | [{ size: number[]; stride: number[]; storage_offset?: number | null }]): this { return sm.methods.as_strided_(this, args) as this; }
  /**
   * Detached from the graph in place: a leaf that does not require grad (not for views, as in PyTorch).
   * @example
   * const y = torch.ones(1, { requires_grad: true }).mul(2); y.detach_(); y.requires_grad // false
   */
  detach_(): this { return sm.methods.detach_(this) as this; }
  /**
   * This tensor's sizes changed in place: its first elements kept in order, new ones zero (PyTorch leaves them uninitialized); not for tensors that require grad.
   * @example
   * const x = torch.arange(6); x.resize_(2, 2); // tensor([[0, 1], [2, 3]])
   */
  resize_(...size: SizeArg[]): this { return sm.methods.resize_(this, [sizeParam(size, { fn: 'resize_', name: 'size', position: 1, list: 'SymInts' })]) as this; }
  /**
   * {@link Tensor.resize_} to the sizes of `the_template`.
   * @example
   * const x = torch.arange(6); x.resize_as_(torch.zeros(3)); // tensor([0, 1, 2])
   */
  resize_as_(...args: [the_template: Tensor] | [{ the_template: Tensor }]): this { return sm.methods.resize_as_(this, args) as this; }
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

  // ternary and linalg 2
  /**
   * The outer product with the 1-D tensor `vec2`. See {@link outer}.
   * @example
   * console.log(torch.tensor([1, 2]).outer(torch.tensor([1, 2, 3])).shape); // [ 2, 3 ]
   */
  outer(...args: [vec2: Tensor]): Tensor { return co.composeMethods.outer(this, args); }
  /**
   * An alias of {@link Tensor.outer}. See {@link ger}.
   * @example
   * console.log(torch.tensor([1, 2]).ger(torch.tensor([1, 2, 3])).shape); // [ 2, 3 ]
   */
  ger(...args: [vec2: Tensor]): Tensor { return co.composeMethods.ger(this, args); }
  /**
   * The inner product over the last dims. See {@link inner}.
   * @example
   * console.log(`${torch.tensor([1, 2]).inner(torch.tensor([3, 4]))}`); // tensor(11.)
   */
  inner(...args: [other: Tensor]): Tensor { return co.composeMethods.inner(this, args); }
  /**
   * The Kronecker product. See {@link kron}.
   * @example
   * console.log(torch.eye(2).kron(torch.ones(2, 3)).shape); // [ 4, 6 ]
   */
  kron(...args: [other: Tensor]): Tensor { return co.composeMethods.kron(this, args); }
  /**
   * ψ⁽ⁿ⁾ of this tensor (`torch.polygamma(n, this)`); its node is PolygammaBackward0.
   * @example torch.tensor([1, 2]).polygamma(1) // tensor([1.6449, 0.6449])
   */
  polygamma(...args: [n: number] | [{ n: number }]): Tensor { return polygammaMethod(this, args); }
  /**
   * In-place `polygamma` (src/ops/inplace.ts): the result written into this tensor.
   * @example x.polygamma_(1)
   */
  polygamma_(...args: [n: number] | [{ n: number }]): this { return inplace(this, () => polygammaMethod(this, args, true)) as this; }
  /**
   * The n-th forward difference along dim. See {@link diff}.
   * @example
   * console.log(`${torch.tensor([1, 3, 6]).diff()}`); // tensor([2., 3.])
   */
  diff(...args: [n?: number, dim?: number, prepend?: Tensor | null, append?: Tensor | null] | [{ n?: number; dim?: number; prepend?: Tensor | null; append?: Tensor | null }]): Tensor {
    return num.diffMethod(this, args);
  }
  /**
   * Counts of each non-negative integer. See {@link bincount}.
   * @example
   * console.log(`${torch.tensor([0, 2, 2], { dtype: torch.long }).bincount()}`); // tensor([1, 0, 2])
   */
  bincount(...args: [weights?: Tensor | null, minlength?: number] | [{ weights?: Tensor | null; minlength?: number }]): Tensor { return num.bincountMethod(this, args); }
  /**
   * A histogram in equal bins. See {@link histc}.
   * @example
   * console.log(`${torch.tensor([1, 2, 1]).histc(4, 0, 3)}`); // tensor([0., 2., 1., 0.])
   */
  histc(...args: [bins?: number, min?: number, max?: number] | [{ bins?: number; min?: number; max?: number }]): Tensor { return num.histcMethod(this, args); }
  /**
   * The Heaviside step, values where this is 0. See {@link heaviside}.
   * @example
   * console.log(`${torch.tensor([-1, 0, 2]).heaviside(torch.tensor([0.5]))}`); // tensor([0.0000, 0.5000, 1.0000])
   */
  heaviside(...args: [values: Tensor]): Tensor { return num.heavisideMethod(this, args); }
  /**
   * The covariance matrix of the rows. See {@link cov}.
   * @example
   * console.log(`${torch.tensor([[0, 1, 2], [2, 1, 0]]).cov()}`);
   */
  cov(...args: [{ correction?: number; fweights?: Tensor | null; aweights?: Tensor | null }?]): Tensor { return num.covMethod(this, args); }
  /**
   * The correlation coefficients of the rows. See {@link corrcoef}.
   * @example
   * console.log(`${torch.tensor([[0, 1, 2], [2, 1, 0]]).corrcoef()}`);
   */
  corrcoef(): Tensor { return num.corrcoefMethod(this, []); }
  /**
   * This square matrix to the power n ≥ 0. See {@link matrix_power}.
   * @example
   * console.log(torch.tensor([[1, 1], [0, 1]]).matrix_power(2).tolist()); // [ [ 1, 2 ], [ 0, 1 ] ]
   */
  matrix_power(...args: [n: number]): Tensor { return co.composeMethods.matrix_power(this, args); }
  /**
   * This tensor where condition is true, other where it is false. See {@link where}.
   * @example
   * const x = torch.tensor([-1, 2]);
   * console.log(`${x.where(x.gt(0), torch.zeros(2))}`); // tensor([0., 2.])
   */
  where(...args: [condition: Tensor, other: Tensor]): Tensor { return co.composeMethods.where(this, args); }
  /**
   * this + weight·(end − this). See {@link lerp}.
   * @example
   * console.log(`${torch.tensor([0, 10]).lerp(torch.tensor([10, 20]), 0.5)}`); // tensor([ 5., 15.])
   */
  lerp(...args: [end: Tensor, weight: number | Tensor]): Tensor { return co.composeMethods.lerp(this, args); }
  /**
   * In-place `lerp`: the running-average update `avg.lerp_(x, 0.1)`.
   * @example
   * const t = torch.tensor([0, 10]); t.lerp_(torch.tensor([10, 20]), 0.5); console.log(`${t}`); // tensor([ 5., 15.])
   */
  lerp_(end: Tensor, weight: number | Tensor): this { return inplace(this, () => co.composeMethods.lerp(this, [end, weight])) as this; }
  /**
   * this + value·tensor1·tensor2. See {@link addcmul}.
   * @example
   * console.log(`${torch.ones(2).addcmul(torch.tensor([1, 2]), torch.tensor([3, 4]), { value: 2 })}`); // tensor([ 7., 17.])
   */
  addcmul(...args: [tensor1: Tensor, tensor2: Tensor, options?: { value?: number }]): Tensor {
    return co.composeMethods.addcmul(this, args);
  }
  /**
   * In-place `addcmul`.
   * @example
   * const t = torch.ones(2); t.addcmul_(torch.tensor([1, 2]), torch.tensor([3, 4]), { value: 2 }); console.log(`${t}`); // tensor([ 7., 17.])
   */
  addcmul_(...args: [tensor1: Tensor, tensor2: Tensor, options?: { value?: number }]): this {
    return inplace(this, () => co.composeMethods.addcmul(this, args)) as this;
  }
  /**
   * this + value·tensor1 / tensor2. See {@link addcdiv}.
   * @example
   * console.log(`${torch.ones(2).addcdiv(torch.tensor([1, 2]), torch.tensor([4, 4]))}`); // tensor([1.2500, 1.5000])
   */
  addcdiv(...args: [tensor1: Tensor, tensor2: Tensor, options?: { value?: number }]): Tensor {
    return co.composeMethods.addcdiv(this, args);
  }
  /**
   * In-place `addcdiv`.
   * @example
   * const t = torch.ones(2); t.addcdiv_(torch.tensor([1, 2]), torch.tensor([4, 4])); console.log(`${t}`); // tensor([1.2500, 1.5000])
   */
  addcdiv_(...args: [tensor1: Tensor, tensor2: Tensor, options?: { value?: number }]): this {
    return inplace(this, () => co.composeMethods.addcdiv(this, args)) as this;
  }
  /**
   * beta·this + alpha·(mat·vec). See {@link addmv}.
   * @example
   * console.log(`${torch.ones(2).addmv(torch.eye(2), torch.tensor([3, 4]), { alpha: 2 })}`); // tensor([7., 9.])
   */
  addmv(...args: [mat: Tensor, vec: Tensor, options?: { beta?: number; alpha?: number }]): Tensor {
    return co.composeMethods.addmv(this, args);
  }
  /**
   * beta·this + alpha·(batch1[i]·batch2[i]) per batch entry. See {@link baddbmm}.
   * @example
   * console.log(torch.zeros(5, 2, 4).baddbmm(torch.ones(5, 2, 3), torch.ones(5, 3, 4)).shape); // [ 5, 2, 4 ]
   */
  baddbmm(...args: [batch1: Tensor, batch2: Tensor, options?: { beta?: number; alpha?: number }]): Tensor {
    return co.composeMethods.baddbmm(this, args);
  }
  /**
   * beta·this + alpha·Σi batch1[i]·batch2[i]. See {@link addbmm}.
   * @example
   * console.log(torch.zeros(2, 4).addbmm(torch.ones(5, 2, 3), torch.ones(5, 3, 4)).shape); // [ 2, 4 ]
   */
  addbmm(...args: [batch1: Tensor, batch2: Tensor, options?: { beta?: number; alpha?: number }]): Tensor {
    return co.composeMethods.addbmm(this, args);
  }
  /**
   * The cross product with other along dim (default: the first dim of size 3). See {@link cross}.
   * @example
   * console.log(`${torch.tensor([1, 0, 0]).cross(torch.tensor([0, 1, 0]))}`); // tensor([0., 0., 1.])
   */
  cross(...args: [other: Tensor, dim?: number | null | { dim?: number | null }]): Tensor {
    return co.composeMethods.cross(this, args);
  }

  // Shorthands PyTorch's Tensor has over the ops above: transposes as properties, sizes, tensors
  // shaped, typed or placed like this one.
  /**
   * The dims reversed (`permute`); PyTorch warns that this is deprecated beyond 2-D (use `mT`).
   * @example
   * console.log(torch.ones(2, 3).T.shape); // [ 3, 2 ]
   */
  get T(): Tensor {
    const n = this._shape.length;
    if (n !== 2 && n !== 0) {
      warnOnce('The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an ' +
        'error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` ' +
        'to reverse the dimensions of a tensor.');
    }
    return this.permute(...this._shape.map((_, d) => n - 1 - d));
  }
  /**
   * The last two dims swapped: a batch of matrices transposed.
   * @example
   * console.log(torch.ones(4, 2, 3).mT.shape); // [ 4, 3, 2 ]
   */
  get mT(): Tensor {
    if (this._shape.length < 2) throw new RuntimeError(`tensor.mT is only supported on matrices or batches of matrices. Got ${this._shape.length}-D tensor.`);
    return this.transpose(-2, -1);
  }
  /**
   * The conjugate transpose of a matrix: its transpose, wasmgrad's tensors being real.
   * @example
   * console.log(torch.ones(2, 3).H.shape); // [ 3, 2 ]
   */
  get H(): Tensor {
    const n = this._shape.length;
    if (n !== 2 && n !== 0) {
      throw new RuntimeError(`tensor.H is only supported on matrices (2-D tensors). Got ${n}-D tensor.${n > 2 ? ' For batches of matrices, consider using tensor.mH' : ''}`);
    }
    return n === 2 ? this.transpose(0, 1) : this.permute();
  }
  /**
   * The conjugate transpose of a batch of matrices: `mT`, wasmgrad's tensors being real.
   * @example
   * console.log(torch.ones(4, 2, 3).mH.shape); // [ 4, 3, 2 ]
   */
  get mH(): Tensor {
    if (this._shape.length < 2) throw new RuntimeError(`tensor.mH is only supported on matrices or batches of matrices. Got ${this._shape.length}-D tensor.`);
    return this.transpose(-2, -1);
  }
  /**
   * The number of dims, as `dim()`.
   * @example
   * console.log(torch.ones(2, 3).ndimension()); // 2
   */
  ndimension(): number { return this._shape.length; }
  /**
   * The number of elements, as `numel()`.
   * @example
   * console.log(torch.ones(2, 3).nelement()); // 6
   */
  nelement(): number { return this.numel(); }
  /**
   * Bytes per element as PyTorch stores this dtype (`dtype.itemsize`).
   * @example
   * console.log(torch.ones(2).element_size(), torch.ones(2, { dtype: torch.long }).element_size()); // 4 8
   */
  element_size(): number { return DTYPES[this._dtype].itemsize; }
  /**
   * Whether `.grad` is kept for this non-leaf tensor after a backward (`retain_grad()`).
   * @example
   * const y = torch.ones(2, { requires_grad: true }).mul(2); y.retain_grad(); console.log(y.retains_grad); // true
   */
  get retains_grad(): boolean { return this._retainsGrad; }
  /**
   * Zeros of the given size, with this tensor's dtype and device unless the options say otherwise.
   * @example
   * console.log(`${torch.ones(2, { dtype: torch.long }).new_zeros(3)}`); // tensor([0, 0, 0])
   */
  new_zeros(...size: SizeAndOptions): Tensor { return zeros(...withOptionsOf(this, size)); }
  /**
   * Ones of the given size, with this tensor's dtype and device unless the options say otherwise.
   * @example
   * console.log(`${torch.zeros(1).new_ones([2])}`); // tensor([1., 1.])
   */
  new_ones(...size: SizeAndOptions): Tensor { return ones(...withOptionsOf(this, size)); }
  /**
   * Zeros of the given size (PyTorch's uninitialised memory, zeroed here), with this tensor's dtype and device.
   * @example
   * console.log(torch.zeros(1).new_empty(2, 3).shape); // [ 2, 3 ]
   */
  new_empty(...size: SizeAndOptions): Tensor { return zeros(...withOptionsOf(this, size)); }
  /**
   * fill_value everywhere, with this tensor's dtype and device unless the options say otherwise.
   * @example
   * console.log(`${torch.zeros(1).new_full([2], 3)}`); // tensor([3., 3.])
   */
  new_full(size: readonly number[], fill_value: number, options: TensorOptions = {}): Tensor {
    return full(size, fill_value, { dtype: this.dtype, device: this.device, ...options });
  }
  /**
   * A new tensor of data, with this tensor's dtype and device unless the options say otherwise.
   * @example
   * console.log(`${torch.ones(1, { dtype: torch.long }).new_tensor([1.5, 2])}`); // tensor([1, 2])
   */
  new_tensor(data: Nested, options: TensorOptions = {}): Tensor {
    return makeTensor(data, { dtype: this.dtype, device: this.device, ...options });
  }
  /**
   * This tensor expanded to other's size (`expand(other.size())`).
   * @example
   * console.log(torch.ones(3, 1).expand_as(torch.zeros(3, 4)).shape); // [ 3, 4 ]
   */
  expand_as(other: Tensor): Tensor { return this.expand(other.shape); }
  /**
   * This tensor viewed with other's size (`view(other.size())`).
   * @example
   * console.log(torch.ones(2, 3).view_as(torch.zeros(6)).shape); // [ 6 ]
   */
  view_as(other: Tensor): Tensor { return this.view(other.shape); }
  /**
   * This tensor reshaped to other's size (`reshape(other.size())`).
   * @example
   * console.log(torch.ones(2, 3).reshape_as(torch.zeros(3, 2)).shape); // [ 3, 2 ]
   */
  reshape_as(other: Tensor): Tensor { return this.reshape(other.shape); }
  /**
   * This tensor as other's dtype (`to(other.dtype)`): itself when they already agree.
   * @example
   * console.log(`${torch.ones(2).type_as(torch.zeros(1, { dtype: torch.long })).dtype}`); // torch.int64
   */
  type_as(other: Tensor): Tensor { return this.to(other.dtype); }

  // In-place forms of the indexing, comparison, logical, bitwise and matrix-product ops: the
  // out-of-place op, written into this (src/ops/inplace.ts), as PyTorch's `op_` methods.
  /**
   * In-place `scatter`.
   * @example
   * const t = torch.zeros(3); t.scatter_(0, torch.tensor([2], { dtype: torch.long }), 1); console.log(`${t}`); // tensor([0., 0., 1.])
   */
  scatter_(...args: [dim: number, index: Tensor, src: Tensor | number] | [{ dim: number; index: Tensor; src?: Tensor; value?: number }]): this {
    return inplace(this, () => ix2.methods.scatter(this, args)) as this;
  }
  /**
   * In-place `scatter_add`.
   * @example
   * const t = torch.zeros(2); t.scatter_add_(0, torch.tensor([1, 1], { dtype: torch.long }), torch.ones(2)); console.log(`${t}`); // tensor([0., 2.])
   */
  scatter_add_(...args: [dim: number, index: Tensor, src: Tensor] | [{ dim: number; index: Tensor; src: Tensor }]): this {
    return inplace(this, () => ix2.methods.scatter_add(this, args)) as this;
  }
  /**
   * In-place `scatter_reduce`: the derivative reads a copy of self's old values (PyTorch's original_self).
   * @example
   * const t = torch.ones(2); t.scatter_reduce_(0, torch.tensor([1, 1], { dtype: torch.long }), torch.tensor([2, 3]), 'prod'); console.log(`${t}`); // tensor([1., 6.])
   */
  scatter_reduce_(...args: [dim: number, index: Tensor, src: Tensor, reduce: 'sum' | 'prod' | 'mean' | 'amax' | 'amin', options?: { include_self?: boolean }] | [{ dim: number; index: Tensor; src: Tensor; reduce: string; include_self?: boolean }]): this {
    return inplace(this, () => ix2.methods.scatter_reduce(this, args)) as this;
  }
  /**
   * In-place `index_add`.
   * @example
   * const t = torch.zeros(2); t.index_add_(0, torch.tensor([0], { dtype: torch.long }), torch.ones(1)); console.log(`${t}`); // tensor([1., 0.])
   */
  index_add_(
    ...args: [dim: number, index: Tensor, source: Tensor, options?: { alpha?: number }] | [{ dim: number; index: Tensor; source: Tensor; alpha?: number }]
  ): this {
    return inplace(this, () => ix2.methods.index_add(this, args)) as this;
  }
  /**
   * In-place `index_copy`.
   * @example
   * const t = torch.zeros(2); t.index_copy_(0, torch.tensor([1], { dtype: torch.long }), torch.ones(1)); console.log(`${t}`); // tensor([0., 1.])
   */
  index_copy_(...args: [dim: number, index: Tensor, source: Tensor] | [{ dim: number; index: Tensor; source: Tensor }]): this {
    return inplace(this, () => ix2.methods.index_copy(this, args)) as this;
  }
  /**
   * In-place `index_fill`.
   * @example
   * const t = torch.zeros(2); t.index_fill_(0, torch.tensor([0], { dtype: torch.long }), 3); console.log(`${t}`); // tensor([3., 0.])
   */
  index_fill_(...args: [dim: number, index: Tensor, value: number | Tensor] | [{ dim: number; index: Tensor; value: number | Tensor }]): this {
    return inplace(this, () => ix2.methods.index_fill(this, args)) as this;
  }
  /**
   * In-place `masked_scatter`.
   * @example
   * const t = torch.zeros(2); t.masked_scatter_(torch.tensor([false, true]), torch.tensor([5, 6])); console.log(`${t}`); // tensor([0., 5.])
   */
  masked_scatter_(...args: [mask: Tensor, source: Tensor] | [{ mask: Tensor; source: Tensor }]): this {
    return inplace(this, () => ix2.methods.masked_scatter(this, args)) as this;
  }
  /**
   * In-place `addmm`.
   * @example
   * const t = torch.zeros(2, 2); t.addmm_(torch.eye(2), torch.ones(2, 2)); console.log(`${t.sum()}`); // tensor(4.)
   */
  addmm_(...args: [mat1: Tensor, mat2: Tensor, options?: { beta?: number; alpha?: number }]): this {
    return inplace(this, () => la.addmmMethod(this, args)) as this;
  }
  /**
   * In-place `addmv`.
   * @example
   * const t = torch.ones(2); t.addmv_(torch.eye(2), torch.tensor([3, 4]), { alpha: 2 }); console.log(`${t}`); // tensor([7., 9.])
   */
  addmv_(...args: [mat: Tensor, vec: Tensor, options?: { beta?: number; alpha?: number }]): this {
    return inplace(this, () => co.composeMethods.addmv(this, args)) as this;
  }
  /**
   * In-place `baddbmm`.
   * @example
   * const t = torch.zeros(5, 2, 4); t.baddbmm_(torch.ones(5, 2, 3), torch.ones(5, 3, 4)); console.log(t.shape); // [ 5, 2, 4 ]
   */
  baddbmm_(...args: [batch1: Tensor, batch2: Tensor, options?: { beta?: number; alpha?: number }]): this {
    return inplace(this, () => co.composeMethods.baddbmm(this, args)) as this;
  }
  /**
   * In-place `addbmm`.
   * @example
   * const t = torch.zeros(2, 4); t.addbmm_(torch.ones(5, 2, 3), torch.ones(5, 3, 4)); console.log(t.shape); // [ 2, 4 ]
   */
  addbmm_(...args: [batch1: Tensor, batch2: Tensor, options?: { beta?: number; alpha?: number }]): this {
    return inplace(this, () => co.composeMethods.addbmm(this, args)) as this;
  }
  /**
   * In-place `eq`: 1 where equal, 0 elsewhere, in this tensor's dtype (not on a tensor that requires grad).
   * @example
   * const t = torch.tensor([1, 2]); t.eq_(2); console.log(`${t}`); // tensor([0., 1.])
   */
  eq_(other: cmp.CompareOther): this { return inplaceNoGrad(this, 'eq', () => cmp.eq(this, other, true)) as this; }
  /**
   * In-place `ne`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([1, 2]); t.ne_(2); console.log(`${t}`); // tensor([1., 0.])
   */
  ne_(other: cmp.CompareOther): this { return inplaceNoGrad(this, 'ne', () => cmp.ne(this, other, true)) as this; }
  /**
   * In-place `lt`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([1, 2]); t.lt_(2); console.log(`${t}`); // tensor([1., 0.])
   */
  lt_(other: cmp.CompareOther): this { return inplaceNoGrad(this, 'lt', () => cmp.lt(this, other, true)) as this; }
  /**
   * In-place `le`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([1, 3]); t.le_(2); console.log(`${t}`); // tensor([1., 0.])
   */
  le_(other: cmp.CompareOther): this { return inplaceNoGrad(this, 'le', () => cmp.le(this, other, true)) as this; }
  /**
   * In-place `gt`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([1, 3]); t.gt_(2); console.log(`${t}`); // tensor([0., 1.])
   */
  gt_(other: cmp.CompareOther): this { return inplaceNoGrad(this, 'gt', () => cmp.gt(this, other, true)) as this; }
  /**
   * In-place `ge`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([1, 3]); t.ge_(3); console.log(`${t}`); // tensor([0., 1.])
   */
  ge_(other: cmp.CompareOther): this { return inplaceNoGrad(this, 'ge', () => cmp.ge(this, other, true)) as this; }
  /**
   * In-place `logical_and`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([0, 2]); t.logical_and_(torch.tensor([1, 1])); console.log(`${t}`); // tensor([0., 1.])
   */
  logical_and_(other: Tensor): this { return inplaceNoGrad(this, 'logical_and', () => cmp.logical_and(this, other, true)) as this; }
  /**
   * In-place `logical_or`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([0, 2]); t.logical_or_(torch.tensor([0, 0])); console.log(`${t}`); // tensor([0., 1.])
   */
  logical_or_(other: Tensor): this { return inplaceNoGrad(this, 'logical_or', () => cmp.logical_or(this, other, true)) as this; }
  /**
   * In-place `logical_xor`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([0, 2]); t.logical_xor_(torch.tensor([1, 1])); console.log(`${t}`); // tensor([1., 0.])
   */
  logical_xor_(other: Tensor): this { return inplaceNoGrad(this, 'logical_xor', () => cmp.logical_xor(this, other, true)) as this; }
  /**
   * In-place `logical_not`, in this tensor's dtype.
   * @example
   * const t = torch.tensor([0, 2]); t.logical_not_(); console.log(`${t}`); // tensor([1., 0.])
   */
  logical_not_(): this { return inplaceNoGrad(this, 'logical_not', () => cmp.logical_not(this)) as this; }
  /**
   * In-place `bitwise_and` (integer and bool tensors).
   * @example
   * const t = torch.tensor([6, 3], { dtype: torch.long }); t.bitwise_and_(5); console.log(`${t}`); // tensor([4, 1])
   */
  bitwise_and_(other: bit.BitwiseOther): this { return inplace(this, () => bit.bitwise(Op.BitwiseAnd, [other], this)) as this; }
  /**
   * In-place `bitwise_or`.
   * @example
   * const t = torch.tensor([6, 3], { dtype: torch.long }); t.bitwise_or_(5); console.log(`${t}`); // tensor([7, 7])
   */
  bitwise_or_(other: bit.BitwiseOther): this { return inplace(this, () => bit.bitwise(Op.BitwiseOr, [other], this)) as this; }
  /**
   * In-place `bitwise_xor`.
   * @example
   * const t = torch.tensor([6, 3], { dtype: torch.long }); t.bitwise_xor_(5); console.log(`${t}`); // tensor([3, 6])
   */
  bitwise_xor_(other: bit.BitwiseOther): this { return inplace(this, () => bit.bitwise(Op.BitwiseXor, [other], this)) as this; }
  /**
   * In-place `bitwise_left_shift`.
   * @example
   * const t = torch.tensor([1, 3], { dtype: torch.long }); t.bitwise_left_shift_(2); console.log(`${t}`); // tensor([ 4, 12])
   */
  bitwise_left_shift_(other: bit.BitwiseOther): this { return inplace(this, () => bit.bitwise(Op.BitwiseLeftShift, [other], this)) as this; }
  /**
   * In-place `bitwise_right_shift`.
   * @example
   * const t = torch.tensor([4, 13], { dtype: torch.long }); t.bitwise_right_shift_(2); console.log(`${t}`); // tensor([1, 3])
   */
  bitwise_right_shift_(other: bit.BitwiseOther): this { return inplace(this, () => bit.bitwise(Op.BitwiseRightShift, [other], this)) as this; }
  /**
   * In-place `bitwise_not`.
   * @example
   * const t = torch.tensor([0, 5], { dtype: torch.long }); t.bitwise_not_(); console.log(`${t}`); // tensor([-1, -6])
   */
  bitwise_not_(): this { return inplace(this, () => bit.bitwiseNotOf(this, [])) as this; }

  // ---- numeric members (helper h-numeric): src/ops/numeric_members.ts ----
  /** this ** exponent in float64. See {@link float_power}. @example torch.tensor([2]).float_power(3) // float64 [8] */
  float_power(...args: [exponent: Tensor | number]): Tensor { return nm.call('float_power', args, this) as Tensor; }
  /** In-place float_power; this must be float64. @example torch.tensor([2], { dtype: torch.float64 }).float_power_(3) */
  float_power_(...args: [exponent: Tensor | number]): this { return nm.inplaceOf(this, 'float_power', args) as this; }
  /** Python's //. See {@link floor_divide}. @example torch.tensor([7, -7]).floor_divide(2) // [3, -4] */
  floor_divide(...args: [other: Tensor | number]): Tensor { return nm.call('floor_divide', args, this) as Tensor; }
  /** In-place floor_divide. @example t.floor_divide_(2) */
  floor_divide_(...args: [other: Tensor | number]): this { return nm.inplaceOf(this, 'floor_divide', args) as this; }
  /** this · 2^other. See {@link ldexp}. @example torch.tensor([1.5]).ldexp(torch.tensor([3])) // [12] */
  ldexp(...args: [other: Tensor]): Tensor { return nm.call('ldexp', args, this) as Tensor; }
  /** In-place ldexp. @example t.ldexp_(torch.tensor([3])) */
  ldexp_(...args: [other: Tensor]): this { return nm.inplaceOf(this, 'ldexp', args) as this; }
  /** In-place heaviside. @example torch.tensor([-1, 0, 2]).heaviside_(torch.tensor([0.5])) // [0, 0.5, 1] */
  heaviside_(...args: [values: Tensor]): this { return inplace(this, () => num.heavisideMethod(this, args)) as this; }
  /** This tensor itself (unary +). @example x.positive() === x */
  positive(): Tensor { return nm.call('positive', [], this) as Tensor; }
  /** Whether the sign bit is set. See {@link signbit}. @example torch.tensor([-0, 1]).signbit() // [true, false] */
  signbit(): Tensor { return nm.call('signbit', [], this) as Tensor; }
  /** The dot product with other (1-D). See {@link vdot}. @example torch.tensor([1, 2]).vdot(torch.tensor([3, 4])) // 11 */
  vdot(...args: [other: Tensor]): Tensor { return nm.call('vdot', args, this) as Tensor; }
  /** The p-norm of this − other. See {@link dist}. @example torch.tensor([0, 0]).dist(torch.tensor([3, 4])) // 5 */
  dist(...args: [other: Tensor, p?: number] | [other: Tensor, options: { p?: number }]): Tensor { return nm.call('dist', args, this) as Tensor; }
  /** beta · this + alpha · (vec1 ⊗ vec2). See {@link addr}. @example torch.zeros(2, 2).addr(v1, v2) */
  addr(...args: [vec1: Tensor, vec2: Tensor, options?: { beta?: number; alpha?: number }]): Tensor { return nm.call('addr', args, this) as Tensor; }
  /** In-place addr. @example torch.zeros(2, 2).addr_(v1, v2) */
  addr_(...args: [vec1: Tensor, vec2: Tensor, options?: { beta?: number; alpha?: number }]): this { return nm.inplaceOf(this, 'addr', args) as this; }
  /** [mantissa, exponent]. See {@link frexp}. @example const [m, e] = torch.tensor([8]).frexp() */
  frexp(): [Tensor, Tensor] { return nm.call('frexp', [], this) as [Tensor, Tensor]; }
  /** The multivariate log-gamma of dimension p. See {@link mvlgamma}. @example torch.tensor([2.5]).mvlgamma(2) */
  mvlgamma(...args: [p: number] | [{ p: number }]): Tensor { return nm.call('mvlgamma', args, this) as Tensor; }
  /** In-place mvlgamma. @example torch.tensor([2.5]).mvlgamma_(2) */
  mvlgamma_(...args: [p: number] | [{ p: number }]): this { return nm.inplaceOf(this, 'mvlgamma', args) as this; }
  /** PyTorch's prelu as a method. See {@link prelu}. @example x.prelu(torch.tensor([0.25])) */
  prelu(weight: Tensor): Tensor { return nm.preluOf(this, weight); }
  /** The next float towards other. See {@link nextafter}. @example torch.tensor([1]).nextafter(torch.tensor([2])) */
  nextafter(...args: [other: Tensor]): Tensor { return nm.call('nextafter', args, this) as Tensor; }
  /** In-place nextafter. @example t.nextafter_(other) */
  nextafter_(...args: [other: Tensor]): this { return nm.inplaceOf(this, 'nextafter', args) as this; }
  /** The greatest common divisor with other. See {@link gcd}. @example torch.tensor([4, 9]).gcd(torch.tensor([6, 6])) // [2, 3] */
  gcd(...args: [other: Tensor]): Tensor { return nm.call('gcd', args, this) as Tensor; }
  /** In-place gcd. @example t.gcd_(other) */
  gcd_(...args: [other: Tensor]): this { return nm.inplaceOf(this, 'gcd', args) as this; }
  /** The least common multiple with other. See {@link lcm}. @example torch.tensor([4, 9]).lcm(torch.tensor([6, 6])) // [12, 18] */
  lcm(...args: [other: Tensor]): Tensor { return nm.call('lcm', args, this) as Tensor; }
  /** In-place lcm. @example t.lcm_(other) */
  lcm_(...args: [other: Tensor]): this { return nm.inplaceOf(this, 'lcm', args) as this; }
  /** Slices along dim scaled to p-norm at most maxnorm. See {@link renorm}. @example x.renorm(2, 0, 1) */
  renorm(...args: [p: number, dim: number, maxnorm: number] | [{ p: number; dim: number; maxnorm: number }]): Tensor { return nm.call('renorm', args, this) as Tensor; }
  /** In-place renorm. @example x.renorm_(2, 0, 1) */
  renorm_(...args: [p: number, dim: number, maxnorm: number] | [{ p: number; dim: number; maxnorm: number }]): this { return nm.inplaceOf(this, 'renorm', args) as this; }
  /** The q-th quantiles. See {@link quantile}. @example torch.tensor([1, 2, 3, 4]).quantile(0.5) // 2.5 */
  quantile(...args: [q: Tensor | number, dim?: number | null, keepdim?: boolean, options?: { interpolation?: string }] | [q: Tensor | number, options: { dim?: number | null; keepdim?: boolean; interpolation?: string }]): Tensor { return nm.call('quantile', args, this) as Tensor; }
  /** quantile, ignoring NaN. See {@link nanquantile}. @example torch.tensor([1, NaN, 3]).nanquantile(0.5) // 2 */
  nanquantile(...args: [q: Tensor | number, dim?: number | null, keepdim?: boolean, options?: { interpolation?: string }] | [q: Tensor | number, options: { dim?: number | null; keepdim?: boolean; interpolation?: string }]): Tensor { return nm.call('nanquantile', args, this) as Tensor; }
  /** The indices of the nonzero elements. See {@link argwhere}. @example torch.tensor([0, 3]).argwhere() // [[1]] */
  argwhere(): Tensor { return nm.call('argwhere', [], this) as Tensor; }
  /** Summed to a shape this one broadcasts from (at::sum_to). @example torch.ones(3, 4).sum_to_size(1, 4) // [[3, 3, 3, 3]] */
  sum_to_size(...size: number[] | [number[]]): Tensor { return nm.sumToSize(this, size); }
  // ---- histogram and unique_consecutive (helper h-fns): src/ops/histogram.ts, src/ops/consecutive.ts ----
  /**
   * A histogram of this tensor's values as `[hist, bin_edges]`. See {@link histogram}.
   * @example const { hist } = torch.tensor([1, 2, 1]).histogram(2, { range: [0, 2] }) // tensor([0., 3.])
   */
  histogram(...args: [bins?: number | Tensor, options?: hist.HistogramOptions] | [hist.HistogramOptions & { bins?: number | Tensor }]): hist.HistogramResult { return hist.histogramMethod(this, args); }
  /**
   * The first element of each run of equal consecutive elements. See {@link unique_consecutive}.
   * @example torch.tensor([1, 1, 2, 1]).unique_consecutive() // tensor([1., 2., 1.])
   */
  unique_consecutive(...args: [{ return_inverse?: boolean; return_counts?: boolean; dim?: number | null }?]): Tensor | Tensor[] { return consec.uniqueConsecutiveMethod(this, args); }
  /** The value of a one-element tensor as a bool. @example torch.tensor([2]).is_nonzero() // true */
  is_nonzero(): boolean { return nm.call('is_nonzero', [], this) as boolean; }
  /** Whether other has this shape. @example torch.zeros(2).is_same_size(torch.ones(2)) // true */
  is_same_size(other: Tensor): boolean { return nm.call('is_same_size', [other], this) as boolean; }
  /** Whether the dtype is float32 or float64. @example torch.zeros(1).is_floating_point() // true */
  is_floating_point(): boolean { return nm.call('is_floating_point', [], this) as boolean; }
  /** false: no complex dtypes. @example torch.zeros(1).is_complex() // false */
  is_complex(): boolean { return false; }
  /** Whether the dtype can hold negative values. @example torch.zeros(1, { dtype: torch.bool }).is_signed() // false */
  is_signed(): boolean { return this.dtype.is_signed; }
  /** false: inference_mode makes ordinary tensors (docs/api.md). @example x.is_inference() // false */
  is_inference(): boolean { return false; }
  /** Where this is −inf. See {@link isneginf}. @example torch.tensor([-Infinity, 1]).isneginf() // [true, false] */
  isneginf(): Tensor { return cmp.isneginf(this); }
  /** Where this is +inf. See {@link isposinf}. @example torch.tensor([Infinity, 1]).isposinf() // [true, false] */
  isposinf(): Tensor { return cmp.isposinf(this); }
  /** All true: every dtype here is real. @example torch.tensor([1]).isreal() // [true] */
  isreal(): Tensor { return nm.call('isreal', [], this) as Tensor; }
  /** true: both devices keep tensors in host memory, as PyTorch's CPU tensors (docs/api.md). @example x.is_cpu // true */
  get is_cpu(): boolean { return true; }
  /** false: no CUDA. @example x.is_cuda // false */
  get is_cuda(): boolean { return false; }
  /** −1, PyTorch's answer for a CPU tensor. @example x.get_device() // -1 */
  get_device(): number { return -1; }
  /** This tensor itself, as PyTorch's cpu() of a CPU tensor (docs/api.md). @example x.cpu() === x */
  cpu(): this { return this; }
  /** In-place gt (PyTorch's alias greater_). @example t.greater_(2) */
  greater_(other: cmp.CompareOther): this { return this.gt_(other); }
  /** In-place ge (PyTorch's alias greater_equal_). @example t.greater_equal_(2) */
  greater_equal_(other: cmp.CompareOther): this { return this.ge_(other); }
  /** In-place lt (PyTorch's alias less_). @example t.less_(2) */
  less_(other: cmp.CompareOther): this { return this.lt_(other); }
  /** In-place le (PyTorch's alias less_equal_). @example t.less_equal_(2) */
  less_equal_(other: cmp.CompareOther): this { return this.le_(other); }
  /** In-place ne (PyTorch's alias not_equal_). @example t.not_equal_(2) */
  not_equal_(other: cmp.CompareOther): this { return this.ne_(other); }
  /** Refused: torch.uint8 is no wasmgrad dtype. @example x.byte() // throws */
  byte(): never { return nm.unsupportedDtype('byte', 'uint8'); }
  /** Refused: torch.int8 is no wasmgrad dtype. @example x.char() // throws */
  char(): never { return nm.unsupportedDtype('char', 'int8'); }
  /** Refused: torch.int16 is no wasmgrad dtype. @example x.short() // throws */
  short(): never { return nm.unsupportedDtype('short', 'int16'); }
  /** Refused: torch.float16 is no wasmgrad dtype. @example x.half() // throws */
  half(): never { return nm.unsupportedDtype('half', 'float16'); }
  /** Refused: torch.bfloat16 is no wasmgrad dtype. @example x.bfloat16() // throws */
  bfloat16(): never { return nm.unsupportedDtype('bfloat16', 'bfloat16'); }
}

installStorageMembers(); // helper h-members

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

/** A size (and options) for a `new_*` method, with self's dtype and device as the defaults. */
function withOptionsOf(self: Tensor, args: SizeAndOptions): SizeAndOptions {
  const last = args[args.length - 1];
  const given = last !== undefined && last !== null && typeof last === 'object' && !Array.isArray(last);
  const options = { dtype: self.dtype, device: self.device, ...(given ? last : {}) };
  return [...(given ? args.slice(0, -1) : args), options];
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
