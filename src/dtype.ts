// Element types as PyTorch names them (torch.float32, torch.long ...), the
// default dtype, and PyTorch's type promotion (c10/core/ScalarType.h
// promoteTypes, at::native::result_type): one job, what dtype an op's result has.

import { DType } from '../abi/abi.js';
import { TypeError } from './errors.js';
import { pyType } from './args.js';

/** PyTorch's legacy tensor type names, as `t.type()` returns them. */
export const TYPE_NAMES: { readonly [K in DType]: string } = {
  [DType.Float32]: 'torch.FloatTensor', [DType.Float64]: 'torch.DoubleTensor', [DType.Int64]: 'torch.LongTensor',
  [DType.Int32]: 'torch.IntTensor', [DType.Bool]: 'torch.BoolTensor',
};

/** The names wasmgrad's dtypes go by (the part after `torch.`). */
export type DTypeName = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';

/**
 * PyTorch's `torch.dtype`: one object per element type, so `t.dtype === torch.float32`
 * holds, and it prints as PyTorch prints it.
 * @example
 * console.log(String(torch.zeros(2).dtype), torch.zeros(2).dtype === torch.float); // torch.float32 true
 */
export class TorchDtype {
  /** @hidden the constants below are the only instances */
  constructor(
    /** The name after `torch.`: `'float32'`, `'int64'` ... */
    readonly name: DTypeName,
    /** @internal the device's code */
    readonly _code: DType,
    /** Bytes per element as PyTorch stores it (wasmgrad's storage may be narrower: see docs/api.md). */
    readonly itemsize: number,
    /** PyTorch's ScalarType name, as its messages spell it: Float, Double, Long, Int, Bool. */
    readonly _scalarType: string,
  ) {}
  /**
   * Whether this is a floating point type (float32, float64).
   * @example
   * console.log(torch.float64.is_floating_point, torch.long.is_floating_point); // true false
   */
  get is_floating_point(): boolean { return this._code === DType.Float32 || this._code === DType.Float64; }
  /**
   * Whether this type can hold negative values (every type but bool).
   * @example
   * console.log(torch.bool.is_signed); // false
   */
  get is_signed(): boolean { return this._code !== DType.Bool; }
  /**
   * PyTorch's repr: `torch.float32`.
   * @example
   * console.log(`${torch.double}`); // torch.float64
   */
  toString(): string { return `torch.${this.name}`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

export const float32 = new TorchDtype('float32', DType.Float32, 4, 'Float');
export const float64 = new TorchDtype('float64', DType.Float64, 8, 'Double');
export const int64 = new TorchDtype('int64', DType.Int64, 8, 'Long');
export const int32 = new TorchDtype('int32', DType.Int32, 4, 'Int');
export const bool = new TorchDtype('bool', DType.Bool, 1, 'Bool');

/** The dtype object of a device code. */
export const DTYPES: { readonly [K in DType]: TorchDtype } = {
  [DType.Float32]: float32, [DType.Float64]: float64, [DType.Int64]: int64, [DType.Int32]: int32, [DType.Bool]: bool,
};

/** Their order in promotion: the result of two types is the later one (promoteTypes restricted to these five). */
const RANK: { readonly [K in DType]: number } = {
  [DType.Bool]: 0, [DType.Int32]: 1, [DType.Int64]: 2, [DType.Float32]: 3, [DType.Float64]: 4,
};

export const isFloating = (d: DType): boolean => d === DType.Float32 || d === DType.Float64;
export const isIntegral = (d: DType): boolean => d === DType.Int64 || d === DType.Int32;

/** Whether v fits the int32 storage of int64 and int32 (both devices). */
export const fitsInt32 = (v: number): boolean => v >= -2147483648 && v <= 2147483647;

/** PyTorch's promote_types for wasmgrad's five dtypes. */
export function promote(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

let defaultDtype: DType = DType.Float32;

/** The dtype of a float created without one, and of Python floats meeting integer tensors. */
export const defaultFloat = (): DType => defaultDtype;

/**
 * Sets the dtype of floating point tensors created without a dtype (float32 or float64), as PyTorch's.
 * @example
 * torch.set_default_dtype(torch.float64);
 * console.log(`${torch.tensor([1.5]).dtype}`); // torch.float64
 * torch.set_default_dtype(torch.float32);
 */
export function set_default_dtype(d: TorchDtype): void {
  if (!(d instanceof TorchDtype)) throw new TypeError(`set_default_dtype(): argument 'd' (position 1) must be torch.dtype, not ${typeof d}`);
  if (!d.is_floating_point) throw new TypeError('only floating-point types are supported as the default type');
  defaultDtype = d._code;
}

/**
 * The dtype floating point tensors are created with (torch.float32 unless set_default_dtype changed it).
 * @example
 * console.log(`${torch.get_default_dtype()}`); // torch.float32
 */
export function get_default_dtype(): TorchDtype { return DTYPES[defaultDtype]; }

/**
 * A dtype option: a torch.dtype, or (wasmgrad's convenience) its name, `'float32'`, `'int64'` ...;
 * undefined gives undefined.
 */
export function parseDtype(d: unknown, fn: string, arg = 'dtype'): DType | undefined {
  if (d === undefined || d === null) return undefined;
  if (d instanceof TorchDtype) return d._code;
  if (typeof d === 'string') {
    const name = d.startsWith('torch.') ? d.slice(6) : d;
    const found = ALIASES[name];
    if (found) return found._code;
  }
  throw new TypeError(`${fn}(): argument '${arg}' must be torch.dtype, not ${typeof d === 'string' ? 'str' : typeof d}`);
}

/** Whether s names a dtype (`'float64'`, `'torch.long'` ...). */
export const isDtypeName = (s: string): boolean => ALIASES[s.startsWith('torch.') ? s.slice(6) : s] !== undefined;

/** Every name a dtype goes by in `torch.*` (float is float32, long is int64 ...). */
const ALIASES: Record<string, TorchDtype | undefined> = {
  float32, float: float32, float64, double: float64, int64, long: int64, int32, int: int32, bool,
};

/**
 * PyTorch's torch.promote_types: the smallest dtype both convert to without losing their category.
 * @example
 * console.log(`${torch.promote_types(torch.int64, torch.float32)}`); // torch.float32
 */
export function promote_types(type1: TorchDtype, type2: TorchDtype): TorchDtype {
  [type1, type2].forEach((t, i) => {
    if (!(t instanceof TorchDtype)) {
      throw new TypeError(`promote_types(): argument 'type${i + 1}' (position ${i + 1}) must be torch.dtype, not ${pyType(t)}`);
    }
  });
  return DTYPES[promote(type1._code, type2._code)];
}

/** One operand of an elementwise op, for result_type: a tensor (its dtype and whether it is 0-d) or a JS value. */
export type Operand = { dtype: DType; zeroDim: boolean } | number | boolean;

/**
 * The dtype of a JS number operand, as the Python number it stands for: an integer-valued
 * number is a Python int (int64), any other a Python float (the default dtype); a boolean is bool.
 * JS cannot tell 2.0 from 2, so `int_tensor.add(2.0)` stays an integer tensor (docs/api.md).
 */
export function scalarDtype(v: number | boolean): DType {
  if (typeof v === 'boolean') return DType.Bool;
  return Number.isInteger(v) ? DType.Int64 : defaultDtype;
}

/**
 * PyTorch's result_type: tensors with dims decide within their category (bool < integer <
 * floating); 0-d tensors and then numbers only raise the category, never the width.
 * @example result_type([{ dtype: DType.Int64, zeroDim: false }, 2.5]) // DType.Float32
 */
export function resultType(operands: readonly Operand[]): DType {
  let dim: DType | null = null, zero: DType | null = null, wrapped: DType | null = null;
  const merge = (acc: DType | null, d: DType): DType => (acc === null ? d : promote(acc, d));
  for (const o of operands) {
    if (typeof o === 'number' || typeof o === 'boolean') {
      wrapped = merge(wrapped, typeof o === 'number' && !Number.isInteger(o) ? defaultDtype : scalarDtype(o));
    } else if (o.zeroDim) zero = merge(zero, o.dtype);
    else dim = merge(dim, o.dtype);
  }
  return combine(dim, combine(zero, wrapped))!;
}

/** at::native's combine_categories: the lower group counts only when it is of a higher category. */
function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null || isFloating(higher)) return higher;
  if (higher === DType.Bool || isFloating(lower)) return promote(higher, lower);
  return higher;
}
