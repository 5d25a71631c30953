// torch.* utility functions users meet early (helper h-members): predicates and conversions,
// creation of uninitialized tensors, the view ops' copying forms (PyTorch's *_copy functions), the
// torch.X_ forms of in-place methods, and the global switches (deterministic algorithms, float32
// matmul precision, denormals). Compositions of existing functions, as PyTorch composes most.

import { Tensor } from '../tensor.js';
import { RuntimeError, TypeError, ValueError } from '../errors.js';
import { parseSchema } from '../schema.js';
import { bindOverloads } from '../signature.js';
import { pyType } from '../args.js';
import { tensor, zeros_like, type TensorOptions, type Nested } from '../creation.js';
import { sub } from './elementwise.js';
import { no_grad } from '../autograd.js';
import { normDim } from '../shape.js';
import { TorchDtype, DTYPES, parseDtype, get_default_dtype, type DTypeName } from '../dtype.js';
import { emptyStrided, strided, Layout } from './storage_members.js';
import { methodForm } from './alias_forms.js';

export { strided, Layout };

type Fn = (...args: unknown[]) => unknown;

function tensorArg(fn: string, input: unknown, name = 'input', position = 1): Tensor {
  if (!(input instanceof Tensor)) throw new TypeError(`${fn}(): argument '${name}' (position ${position}) must be Tensor, not ${pyType(input)}`);
  return input;
}

/** Whether obj is a tensor. @example torch.is_tensor(torch.zeros(1)) // true */
export function is_tensor(obj: unknown): obj is Tensor { return obj instanceof Tensor; }

/** false: wasmgrad has no storage objects. @example torch.is_storage(x) // false */
export function is_storage(_obj: unknown): boolean { return false; }

/** The number of elements of input. @example torch.numel(torch.zeros(2, 3)) // 6 */
export function numel(input: Tensor): number { return tensorArg('numel', input).numel(); }

/** −1: every tensor is a CPU tensor (PyTorch's answer for one). @example torch.get_device(x) // -1 */
export function get_device(input: Tensor): number { tensorArg('get_device', input); return -1; }

/**
 * PyTorch's type name of obj: `torch.FloatTensor` and friends for a tensor (Tensor.type()),
 * Python's name of the type otherwise ('int', 'float', 'str', ...).
 * @example torch.typename(torch.zeros(1)) // 'torch.FloatTensor'
 */
export function typename(obj: unknown): string {
  if (obj instanceof Tensor) return obj.type();
  return pyType(obj);
}

/**
 * A tensor of input's shape whose values are unspecified, as PyTorch's (here zeros).
 * @example torch.empty_like(x).shape // x.shape
 */
export function empty_like(input: Tensor, options: TensorOptions = {}): Tensor {
  return zeros_like(tensorArg('empty_like', input), options);
}

/**
 * A tensor of the given size reporting the given strides (stride() answers them; the values are
 * zeros, PyTorch's are unspecified). Strides that overlap or leave gaps are refused.
 * @example torch.empty_strided([2, 3], [1, 2]).stride() // [1, 2]
 */
export function empty_strided(size: readonly number[], stride: readonly number[], options: TensorOptions = {}): Tensor {
  return emptyStrided(size, stride, options, 'empty_strided');
}

/**
 * data as a tensor, sharing it where it already is one of the dtype and device asked (then the
 * same tensor), converted otherwise.
 * @example torch.as_tensor([1, 2]).dtype // torch.int64
 */
export function as_tensor(data: Tensor | Nested, options: { dtype?: TorchDtype | DTypeName; device?: TensorOptions['device'] } = {}): Tensor {
  if (!(data instanceof Tensor)) return tensor(data, options);
  const dtype = options.dtype === undefined ? data.dtype : DTYPES[parseDtype(options.dtype, 'as_tensor')!];
  const device = options.device ?? data.device;
  if (dtype === data.dtype && device === data.device) return data;
  return data.to({ dtype, device });
}

/**
 * obj as a tensor (PyTorch's torch.asarray): shared when it is a tensor and `copy` is not true,
 * copied when `copy` is true; `requires_grad` as asked.
 * @example torch.asarray([1.5, 2]).dtype // torch.float32
 */
export function asarray(obj: Tensor | Nested, options: { dtype?: TorchDtype | DTypeName; device?: TensorOptions['device']; copy?: boolean | null; requires_grad?: boolean } = {}): Tensor {
  const { copy = null, requires_grad = false, ...rest } = options;
  let t = as_tensor(obj, rest);
  if (copy === false && t !== obj && obj instanceof Tensor) {
    t.dispose();
    throw new ValueError(`can't alias tensor with dtype '${obj.dtype._scalarType}' into dtype '${t.dtype._scalarType}'.`);
  }
  if (copy === true && t === obj) t = no_grad(() => (obj as Tensor).clone());
  if (requires_grad) t.requires_grad_(true);
  return t;
}

/**
 * The shape tensors of these shapes broadcast to (PyTorch's loop, its errors).
 * @example torch.broadcast_shapes([2, 1], [3]) // [2, 3]
 */
export function broadcast_shapes(...shapes: (number | readonly number[])[]): number[] {
  const max = shapes.reduce<number>((m, s) => Math.max(m, typeof s === 'number' ? 1 : s.length), 0);
  const result = new Array<number>(max).fill(1);
  for (const given of shapes) {
    if (typeof given !== 'number' && !Array.isArray(given)) {
      // Python's RuntimeError of two arguments prints as their tuple
      const shown = typeof given === 'string' ? `'${given}'` : String(given);
      throw new RuntimeError(`('Input shapes should be of type ints, a tuple of ints, or a list of ints, got ', ${shown})`);
    }
    const shape = typeof given === 'number' ? [given] : given;
    for (let i = -1; i >= -shape.length; i--) {
      const n = shape[shape.length + i], k = max + i;
      if (n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension (${n}): (${n})`);
      if (n === 1 || n === result[k]) continue;
      if (result[k] !== 1) throw new RuntimeError('Shape mismatch: objects cannot be broadcast to a single shape');
      result[k] = n;
    }
  }
  return result;
}

/**
 * other − alpha · input (sub with its operands swapped).
 * @example torch.rsub(torch.tensor([1, 2]), 3) // tensor([2, 1])
 */
export function rsub(input: Tensor, other: Tensor | number, options?: { alpha?: number }): Tensor;
export function rsub(input: Tensor, other: number, alpha: number): Tensor;
export function rsub(...args: unknown[]): Tensor {
  const [, a] = bindOverloads(RSUB, args, null);
  return sub(a.other as Tensor | number, a.input as Tensor, { alpha: a.alpha as number });
}
const RSUB = [parseSchema('rsub(Tensor input, Tensor other, *, Scalar alpha=1) -> Tensor', false),
  parseSchema('rsub(Tensor input, Scalar other, Scalar alpha=1) -> Tensor', false)];
const FILL = [parseSchema('fill(Tensor input, Tensor value) -> Tensor', false), parseSchema('fill(Tensor input, Scalar value) -> Tensor', false)];

/**
 * A 0-d tensor holding s, of the default dtype unless dtype says otherwise (an integer too).
 * @example torch.scalar_tensor(3) // tensor(3.)
 */
export function scalar_tensor(s: number | boolean, options: TensorOptions = {}): Tensor {
  if (typeof s !== 'number' && typeof s !== 'boolean') throw new TypeError(`scalar_tensor(): argument 's' (position 1) must be Number, not ${pyType(s)}`);
  return tensor(Number(s), { dtype: get_default_dtype(), ...options });
}

/**
 * Whether PyTorch's type promotion lets a value of from_ be written into a tensor of to: not
 * floating point into an integer or bool, not an integer into bool.
 * @example torch.can_cast(torch.float64, torch.int32) // false
 */
export function can_cast(from_: TorchDtype | DTypeName, to: TorchDtype | DTypeName): boolean {
  for (const [v, name, k] of [[from_, 'from', 1], [to, 'to', 2]] as const) {
    if (!(v instanceof TorchDtype) && typeof v !== 'string') throw new TypeError(`can_cast(): argument '${name}' (position ${k}) must be torch.dtype, not ${pyType(v)}`);
  }
  const a = DTYPES[parseDtype(from_, 'can_cast', 'from')!], b = DTYPES[parseDtype(to, 'can_cast', 'to')!];
  if (a.is_floating_point && !b.is_floating_point) return false;
  return b.name !== 'bool' || a.name === 'bool';
}

/**
 * A copy of input filled with value (a number or a 0-d tensor), recorded as fill_ of a clone.
 * @example torch.fill(torch.zeros(2), 7) // tensor([7., 7.])
 */
export function fill(input: Tensor, value: number | Tensor): Tensor;
export function fill(...args: unknown[]): Tensor {
  const [, a] = bindOverloads(FILL, args, null);
  const c = (a.input as Tensor).clone();
  try {
    return c.fill_(a.value as number | Tensor);
  } catch (e) {
    c.dispose();
    throw e;
  }
}

// ---- the view ops' copying forms: the view op, then a copy that keeps its layout ----

/** `input.<view>(...args)` copied out of the view (clone keeps a permuted layout, as PyTorch's copies do). */
function copyOf(name: string, view: (input: Tensor, args: unknown[]) => Tensor | Tensor[]): Fn {
  return (input: unknown, ...args: unknown[]) => {
    const x = tensorArg(name, input);
    const v = view(x, args);
    const copy = (t: Tensor): Tensor => { const c = t.clone(); if (t !== x) t.dispose(); return c; };
    return Array.isArray(v) ? v.map(copy) : copy(v);
  };
}
const method = (name: string) => (x: Tensor, args: unknown[]): Tensor | Tensor[] =>
  (x as unknown as Record<string, Fn>)[name].call(x, ...args) as Tensor | Tensor[];

/** A copy of input.view(...): PyTorch's torch.view_copy. @example torch.view_copy(x, [3, 2]) */
export const view_copy = copyOf('view_copy', method('view')) as Tensor['view'] extends (...a: infer A) => Tensor ? (input: Tensor, ...args: A) => Tensor : never;
/** A copy of input.permute(dims). @example torch.permute_copy(x, [1, 0]) */
export const permute_copy = copyOf('permute_copy', method('permute')) as (input: Tensor, dims: readonly number[]) => Tensor;
/** A copy of input.t(). @example torch.t_copy(x) */
export const t_copy = copyOf('t_copy', method('t')) as (input: Tensor) => Tensor;
/** A copy of input.transpose(dim0, dim1). @example torch.transpose_copy(x, 0, 1) */
export const transpose_copy = copyOf('transpose_copy', method('transpose')) as (input: Tensor, dim0: number, dim1: number) => Tensor;
/** A copy of input.squeeze(dim?). @example torch.squeeze_copy(torch.zeros(1, 3)) // shape [3] */
export const squeeze_copy = copyOf('squeeze_copy', method('squeeze')) as (input: Tensor, dim?: number | readonly number[]) => Tensor;
/** A copy of input.unsqueeze(dim). @example torch.unsqueeze_copy(x, 0) */
export const unsqueeze_copy = copyOf('unsqueeze_copy', method('unsqueeze')) as (input: Tensor, dim: number) => Tensor;
/** A copy of input.select(dim, index). @example torch.select_copy(x, 0, 1) */
export const select_copy = copyOf('select_copy', method('select')) as (input: Tensor, dim: number, index: number) => Tensor;
/** Copies of input.split(split_size, dim). @example torch.split_copy(x, 1) */
export const split_copy = copyOf('split_copy', method('split')) as (input: Tensor, split_size: number | readonly number[], dim?: number) => Tensor[];
/** Copies of input.unbind(dim). @example torch.unbind_copy(x) */
export const unbind_copy = copyOf('unbind_copy', method('unbind')) as (input: Tensor, dim?: number) => Tensor[];
/** A copy of input.expand(size). @example torch.expand_copy(torch.zeros(3), [2, 3]) */
export const expand_copy = copyOf('expand_copy', method('expand')) as (input: Tensor, size: readonly number[], options?: { implicit?: boolean }) => Tensor;
/** A copy of input.diagonal(offset, dim1, dim2). @example torch.diagonal_copy(torch.eye(3)) */
export const diagonal_copy = copyOf('diagonal_copy', method('diagonal')) as (input: Tensor, offset?: number, dim1?: number, dim2?: number) => Tensor;
/** A copy of input.as_strided(size, stride, storage_offset). @example torch.as_strided_copy(x, [2, 2], [1, 2]) */
export const as_strided_copy = copyOf('as_strided_copy', method('as_strided')) as (input: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number) => Tensor;
/** A copy of input.unfold(dimension, size, step). @example torch.unfold_copy(torch.arange(5), 0, 2, 1) */
export const unfold_copy = copyOf('unfold_copy', method('unfold')) as (input: Tensor, dimension: number, size: number, step: number) => Tensor;
/** A copy of input (PyTorch's alias_copy: a copy of torch.alias(input)). @example torch.alias_copy(x) */
export const alias_copy = copyOf('alias_copy', (x) => x) as (input: Tensor) => Tensor;
/** A copy of input.detach(): no gradient flows to input. @example torch.detach_copy(x).requires_grad // false */
export const detach_copy = copyOf('detach_copy', (x) => x.detach()) as (input: Tensor) => Tensor;

/**
 * A copy of input[start:end:step] along dim (PyTorch's torch.slice_copy; null bounds are the ends).
 * @example torch.slice_copy(torch.arange(6), 0, 1, 5, 2) // tensor([1, 3])
 */
export function slice_copy(input: Tensor, dim?: number, start?: number | null, end?: number | null, step?: number): Tensor;
export function slice_copy(input: Tensor, options: { dim?: number; start?: number | null; end?: number | null; step?: number }): Tensor;
export function slice_copy(input: Tensor, ...rest: unknown[]): Tensor {
  const last = rest[rest.length - 1];
  const given = last !== null && typeof last === 'object' ? rest.pop() as Record<string, number | null> : {};
  const [dim = given.dim ?? 0, start = given.start ?? null, end = given.end ?? null, step = given.step ?? 1] = rest as (number | null)[];
  const x = tensorArg('slice_copy', input);
  if (step! <= 0) throw new RuntimeError('slice step must be positive');
  const d = normDim(dim!, Math.max(x.dim(), 1));
  const spec: string[] = [...new Array<string>(d).fill(':'), `${start ?? ''}:${end ?? ''}:${step}`];
  return copyOf('slice_copy', (t) => t.index(spec as never))(x) as Tensor;
}

// ---- torch.X_ forms of in-place methods (input.X_(...)) ----

/** `input.detach_()`. @example torch.detach_(y) */
export const detach_: (input: Tensor) => Tensor = methodForm('detach_');
/** `input.index_put_(indices, values, accumulate)`. @example torch.index_put_(x, [torch.tensor([0])], torch.tensor(5)) */
export const index_put_: (input: Tensor, ...args: Parameters<Tensor['index_put_']>) => Tensor = methodForm('index_put_');
/** `input.addmv_(mat, vec, { beta, alpha })`. @example torch.addmv_(t, m, v) */
export const addmv_: (input: Tensor, ...args: Parameters<Tensor['addmv_']>) => Tensor = methodForm('addmv_');
/** `input.gcd_(other)`. @example torch.gcd_(a, b) */
export const gcd_: (input: Tensor, other: Tensor) => Tensor = methodForm('gcd_');
/** `input.lcm_(other)`. @example torch.lcm_(a, b) */
export const lcm_: (input: Tensor, other: Tensor) => Tensor = methodForm('lcm_');
/** `input.ldexp_(other)`. @example torch.ldexp_(x, e) */
export const ldexp_: (input: Tensor, other: Tensor) => Tensor = methodForm('ldexp_');
/** `input.i0_()`. @example torch.i0_(x) */
export const i0_: (input: Tensor) => Tensor = methodForm('i0_');
/** `input.resize_as_(the_template)`. @example torch.resize_as_(x, y) */
export const resize_as_: (input: Tensor, the_template: Tensor) => Tensor = methodForm('resize_as_');
/** `input.conj_physical_()`. @example torch.conj_physical_(x) */
export const conj_physical_: (input: Tensor) => Tensor = methodForm('conj_physical_');

// ---- the complex API's torch.* forms (real tensors: see src/ops/storage_members.ts) ----

/** input itself: a real tensor is its own conjugate. @example torch.conj(x) === x */
export const conj: (input: Tensor) => Tensor = methodForm('conj');
/** input itself. @example torch.conj_physical(x) === x */
export const conj_physical: (input: Tensor) => Tensor = methodForm('conj_physical');
/** input itself. @example torch.resolve_conj(x) === x */
export const resolve_conj: (input: Tensor) => Tensor = methodForm('resolve_conj');
/** input itself. @example torch.resolve_neg(x) === x */
export const resolve_neg: (input: Tensor) => Tensor = methodForm('resolve_neg');
/** false. @example torch.is_conj(x) // false */
export const is_conj: (input: Tensor) => boolean = methodForm('is_conj');
/** false. @example torch.is_neg(x) // false */
export const is_neg: (input: Tensor) => boolean = methodForm('is_neg');
/** input itself (its real part). @example torch.real(x) === x */
export function real(input: Tensor): Tensor { return tensorArg('real', input).real; }
/** PyTorch's RuntimeError: a real tensor has no imaginary part. @example torch.imag(x) // throws */
export function imag(input: Tensor): Tensor { return tensorArg('imag', input).imag; }

// ---- global switches ----

let deterministic = false, warnOnly = false;

/**
 * Records whether deterministic algorithms are asked for. Every wasmgrad kernel is deterministic
 * already (threaded kernels split work by fixed ranges), so nothing else changes.
 * @example torch.use_deterministic_algorithms(true)
 */
export function use_deterministic_algorithms(mode: boolean, options: { warn_only?: boolean } = {}): void {
  if (typeof mode !== 'boolean') throw new TypeError(`_set_deterministic_algorithms(): argument 'mode' (position 1) must be bool, not ${pyType(mode)}`);
  const w = options.warn_only ?? false;
  if (typeof w !== 'boolean') throw new TypeError(`_set_deterministic_algorithms(): argument 'warn_only' must be bool, not ${pyType(w)}`);
  deterministic = mode;
  warnOnly = w;
}
/** What use_deterministic_algorithms last set. @example torch.are_deterministic_algorithms_enabled() // false */
export function are_deterministic_algorithms_enabled(): boolean { return deterministic; }
/** use_deterministic_algorithms's last warn_only. @example torch.is_deterministic_algorithms_warn_only_enabled() // false */
export function is_deterministic_algorithms_warn_only_enabled(): boolean { return warnOnly; }

const PRECISIONS = ['highest', 'high', 'medium'];
let matmulPrecision = 'highest';

/** The float32 matmul precision set last ('highest' at start). @example torch.get_float32_matmul_precision() // 'highest' */
export function get_float32_matmul_precision(): string { return matmulPrecision; }

/**
 * Records the float32 matmul precision asked for ('highest', 'high' or 'medium'); an unknown one
 * warns and changes nothing, as PyTorch. wasmgrad's float32 products always run in float32
 * ('highest'): no TF32 or bfloat16 path exists to take.
 * @example torch.set_float32_matmul_precision('high')
 */
export function set_float32_matmul_precision(precision: string): void {
  if (typeof precision !== 'string') throw new RuntimeError(`set_float32_matmul_precision expects a str, but got ${pyType(precision)}`);
  if (!PRECISIONS.includes(precision)) {
    console.warn(`Warning: ${precision} is not one of 'highest', 'high', or 'medium'; the current setFloat32MatmulPrecision call has no effect.`);
    return;
  }
  matmulPrecision = precision;
}

/**
 * false: WebAssembly gives no control of denormal flushing (PyTorch returns false on CPUs
 * without SSE3 for the same reason).
 * @example torch.set_flush_denormal(true) // false
 */
export function set_flush_denormal(mode: boolean): boolean {
  if (typeof mode !== 'boolean') throw new RuntimeError(`flush_denormal expects a bool, but got ${pyType(mode)}`);
  return false;
}
