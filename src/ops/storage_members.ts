// Members of torch.Tensor about complex numbers, storage, layout and devices (helper h-members).
//
// wasmgrad has no complex dtype, so the complex API answers as PyTorch's does for real tensors:
// conj, resolve_conj, resolve_neg, conj_physical and real give the tensor itself, imag raises.
// It has one kind of storage (dense, strided, in host or WASM memory, no CUDA, no sparse or
// quantized layouts), so the layout predicates are PyTorch's answers for a CPU strided tensor, and
// moving to an accelerator raises what a CPU-only PyTorch raises.
//
// src/tensor.ts installs them on Tensor.prototype once its class is defined (a call, so bundlers
// honouring "sideEffects": false keep them); the declarations below merge into its class.

import { Tensor } from '../tensor.js';
import { RuntimeError, NotImplementedError, AssertionError, TypeError } from '../errors.js';
import { checkLeaf } from './inplace.js';
import { is_grad_enabled } from '../autograd.js';
import { bumpVersionOf } from '../alias.js';
import { zeros, type TensorOptions } from '../creation.js';
import { nonOverlappingAndDense, contiguousStrides } from '../strides.js';
import { pyType } from '../args.js';

/** A tensor layout, as PyTorch's torch.layout objects; wasmgrad holds torch.strided only. */
export class Layout {
  /** @hidden torch.strided is the only instance */
  constructor(private readonly name: string) {}
  /** `torch.strided`, as PyTorch prints a layout. @example `${torch.strided}` // 'torch.strided' */
  toString(): string { return `torch.${this.name}`; }
}

/** The layout of every wasmgrad tensor: dense, with strides. @example x.layout === torch.strided // true */
export const strided = new Layout('strided');

declare module '../tensor.js' {
  interface Tensor {
    /** This tensor: a real tensor is its own conjugate (PyTorch returns the same tensor). @example x.conj() === x */
    conj(): Tensor;
    /** This tensor: conjugating a real tensor copies nothing. @example x.conj_physical() === x */
    conj_physical(): Tensor;
    /** In place conj_physical: nothing to change, but PyTorch's refusal on a leaf that requires grad. @example x.conj_physical_() */
    conj_physical_(): this;
    /** This tensor: a real tensor has no lazy conjugation to resolve. @example x.resolve_conj() === x */
    resolve_conj(): Tensor;
    /** This tensor: a real tensor has no lazy negation to resolve. @example x.resolve_neg() === x */
    resolve_neg(): Tensor;
    /** false: no lazily conjugated tensors here. @example x.is_conj() // false */
    is_conj(): boolean;
    /** false: no lazily negated tensors here. @example x.is_neg() // false */
    is_neg(): boolean;
    /** This tensor itself, as PyTorch's `.real` of a real tensor. @example x.real === x */
    readonly real: Tensor;
    /** PyTorch's RuntimeError: a real tensor has no imaginary part. @example x.imag // throws */
    readonly imag: Tensor;
    /**
     * The address of the first element, as PyTorch's data_ptr(): a number fixed per storage (a
     * view and its base share it; 0 for an empty tensor) plus storage_offset() · element_size().
     * The number identifies the storage; it is no address into WASM memory.
     * @example x.data_ptr() === x.view(-1).data_ptr() // true
     */
    data_ptr(): number;
    /** torch.strided: every wasmgrad tensor is dense with strides. @example `${x.layout}` // 'torch.strided' */
    readonly layout: Layout;
    /** false: no sparse tensors. @example x.is_sparse // false */
    readonly is_sparse: boolean;
    /** false: no sparse CSR tensors. @example x.is_sparse_csr // false */
    readonly is_sparse_csr: boolean;
    /** false: no quantized tensors. @example x.is_quantized // false */
    readonly is_quantized: boolean;
    /** false: every tensor has data. @example x.is_meta // false */
    readonly is_meta: boolean;
    /** false: no nested tensors. @example x.is_nested // false */
    readonly is_nested: boolean;
    /** false: no MKL-DNN tensors. @example x.is_mkldnn // false */
    readonly is_mkldnn: boolean;
    /** false: no pinned memory (no CUDA). @example x.is_pinned() // false */
    is_pinned(): boolean;
    /** Whether share_memory_() was called on it. @example x.share_memory_().is_shared() // true */
    is_shared(): boolean;
    /**
     * This tensor, marked shared as PyTorch marks one moved to shared memory. JS workers get no
     * tensor through it: the mark only makes is_shared() answer as PyTorch's.
     * @example x.share_memory_()
     */
    share_memory_(): this;
    /** The position of this tensor among its grad_fn's outputs: 0, as each wasmgrad node has one output. @example x.output_nr // 0 */
    readonly output_nr: number;
    /**
     * A new tensor of this dtype and device with the given size and strides, as PyTorch's
     * (zero-filled; PyTorch's is uninitialized). Strides that overlap or leave gaps are refused.
     * @example x.new_empty_strided([2, 3], [1, 2]).stride() // [1, 2]
     */
    new_empty_strided(size: readonly number[], stride: readonly number[], options?: TensorOptions): Tensor;
    /** This tensor: a strided tensor is dense already. @example x.to_dense() === x */
    to_dense(): Tensor;
    /** PyTorch's AssertionError of a build without CUDA. @example x.cuda() // throws */
    cuda(...args: unknown[]): never;
    /** PyTorch's RuntimeError of a build without XPU. @example x.xpu() // throws */
    xpu(...args: unknown[]): never;
    /** PyTorch's RuntimeError of a build without IPU. @example x.ipu() // throws */
    ipu(...args: unknown[]): never;
    /** PyTorch's NotImplementedError of a build without CUDA (pinning needs it). @example x.pin_memory() // throws */
    pin_memory(...args: unknown[]): never;
    /** PyTorch's error: wasmgrad has no CUDA streams, so no argument is one. @example x.record_stream(s) // throws */
    record_stream(stream?: unknown): never;
    /** Refused: wasmgrad has no storage objects (data_ptr, storage_offset and stride describe the layout). @example x.storage() // throws */
    storage(): never;
    /** Refused, as storage(). @example x.untyped_storage() // throws */
    untyped_storage(): never;
  }
}

// the number standing for each storage's first byte: a storage is its base tensor, or its views'
// link while they outlive it (both map to one number)
const storagePtr = new WeakMap<object, number>();
let nextPtr = 0x10000;

function storageKeys(t: Tensor): object[] {
  const s = t._view?.storage;
  if (!s) return [t];
  const base = s.base.deref();
  return base ? [s, base] : [s];
}

function dataPtr(t: Tensor): number {
  if (t.numel() === 0) return 0;
  const keys = storageKeys(t);
  let p = keys.map((k) => storagePtr.get(k)).find((v) => v !== undefined);
  if (p === undefined) {
    p = nextPtr;
    // room for the storage's bytes, 64-byte aligned as PyTorch's CPU allocator aligns
    nextPtr += Math.ceil(Math.max(64, t.numel() * t.element_size() * 2) / 64) * 64;
  }
  for (const k of keys) storagePtr.set(k, p);
  return p + t._offset * t.element_size();
}

const shared = new WeakSet<Tensor>();

function newEmptyStrided(self: Tensor, size: readonly number[], stride: readonly number[], options: TensorOptions = {}): Tensor {
  return emptyStrided(size, stride, { dtype: self.dtype, device: self.device, ...options }, 'new_empty_strided');
}

/** A zero tensor reporting the given strides (torch.empty_strided, Tensor.new_empty_strided). @internal */
export function emptyStrided(size: readonly number[], stride: readonly number[], options: TensorOptions, fn: string): Tensor {
  if (!Array.isArray(size)) throw new TypeError(`${fn}(): argument 'size' (position 1) must be tuple of ints, not ${pyType(size)}`);
  if (!Array.isArray(stride)) throw new TypeError(`${fn}(): argument 'stride' (position 2) must be tuple of ints, not ${pyType(stride)}`);
  if (size.length !== stride.length) throw new RuntimeError(`dimensionality of sizes (${size.length}) must match dimensionality of strides (${stride.length})`);
  const t = zeros([...size], options);
  const dense = contiguousStrides(size);
  if (stride.some((s, k) => s !== dense[k] && size[k] > 1)) {
    if (!nonOverlappingAndDense(size, stride)) {
      t.dispose();
      throw new NotImplementedError(`wasmgrad: ${fn} with strides that overlap or leave gaps is not supported (wasmgrad stores tensors densely)`);
    }
  }
  t._strides = stride.every((s, k) => s === dense[k]) ? null : [...stride];
  return t;
}

// the first paragraph of CPU-only PyTorch 1.13's message (the dispatcher's list of backends that
// follows it names PyTorch's build tree)
const PIN_MEMORY = "Could not run 'aten::_pin_memory' with arguments from the 'CUDA' backend. This could be because the operator doesn't exist for this backend, or was omitted during the selective/custom build process (if using custom build). If you are a Facebook employee using PyTorch on mobile, please visit https://fburl.com/ptmfixes for possible resolutions. 'aten::_pin_memory' is only available for these backends: [BackendSelect, Python, FuncTorchDynamicLayerBackMode, Functionalize, Named, Conjugate, Negative, ZeroTensor, ADInplaceOrView, AutogradOther, AutogradCPU, AutogradCUDA, AutogradHIP, AutogradXLA, AutogradMPS, AutogradIPU, AutogradXPU, AutogradHPU, AutogradVE, AutogradLazy, AutogradMeta, AutogradPrivateUse1, AutogradPrivateUse2, AutogradPrivateUse3, AutogradNestedTensor, Tracer, AutocastCPU, AutocastCUDA, FuncTorchBatched, FuncTorchVmapMode, Batched, VmapMode, FuncTorchGradWrapper, PythonTLSSnapshot, FuncTorchDynamicLayerFrontMode, PythonDispatcher].";

function noStorage(name: string): never {
  throw new NotImplementedError(`wasmgrad: Tensor.${name}() is not supported: wasmgrad has no storage objects (data_ptr(), storage_offset() and stride() describe a tensor's layout)`);
}

type Self = Tensor;
const METHODS: Record<string, (this: Self, ...args: never[]) => unknown> = {
  conj() { return this; },
  conj_physical() { return this; },
  // no value changes, but the version moves on as PyTorch's does
  conj_physical_() { if (this._view === null) checkLeaf(this); else checkViewLeaf(this); bumpVersionOf(this); return this; },
  resolve_conj() { return this; },
  resolve_neg() { return this; },
  is_conj() { return false; },
  is_neg() { return false; },
  data_ptr() { return dataPtr(this); },
  is_pinned() { return false; },
  is_shared() { return shared.has(this); },
  share_memory_() { shared.add(this); return this; },
  new_empty_strided(size: readonly number[], stride: readonly number[], options?: TensorOptions) { return newEmptyStrided(this, size, stride, options); },
  to_dense() { return this; },
  cuda() { throw new AssertionError('Torch not compiled with CUDA enabled'); },
  xpu() { throw new RuntimeError('PyTorch is not linked with support for xpu devices'); },
  ipu() { throw new RuntimeError('PyTorch is not linked with support for ipu devices'); },
  pin_memory() { throw new NotImplementedError(PIN_MEMORY); },
  record_stream() { throw new RuntimeError('unknown parameter type'); },
  storage() { return noStorage('storage'); },
  untyped_storage() { return noStorage('untyped_storage'); },
};

/** An in-place op on a view of a leaf that requires grad: PyTorch's refusal. */
function checkViewLeaf(t: Tensor): void {
  const base = t._view?.autogradBase?.deref();
  if (is_grad_enabled() && base && base.requires_grad && base.is_leaf) {
    throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }
}

const GETTERS: Record<string, (this: Self) => unknown> = {
  real() { return this; },
  imag() { throw new RuntimeError('imag is not implemented for tensors with non-complex dtypes.'); },
  layout() { return strided; },
  is_sparse() { return false; },
  is_sparse_csr() { return false; },
  is_quantized() { return false; },
  is_meta() { return false; },
  is_nested() { return false; },
  is_mkldnn() { return false; },
  output_nr() { return 0; },
};

/** Puts the members above on Tensor.prototype (src/tensor.ts runs it once, after its class). @internal */
export function installStorageMembers(): void {
  const proto = Tensor.prototype;
  for (const [name, value] of Object.entries(METHODS)) Object.defineProperty(proto, name, { value, writable: true, configurable: true });
  for (const [name, get] of Object.entries(GETTERS)) Object.defineProperty(proto, name, { get, configurable: true });
}

