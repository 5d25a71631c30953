// PyTorch 1.13's str(tensor), re-implemented after torch/_tensor_str.py with the default
// print options. The aim is byte-for-byte equal output, so the Python structure (formatter,
// vector/tensor recursion, summarization, suffix wrapping) is mirrored closely.

import { defaultFloat, DTYPES, type DTypeName } from './dtype.js';

type Dtype = DTypeName;
type TensorData = Float32Array | Float64Array | Int32Array;

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGEITEMS = 3;
const LINEWIDTH = 80;
const PREFIX = 'tensor(';

/**
 * PyTorch's `str(tensor)` / `repr(tensor)` with default print options.
 *
 * `suffixes` are the already-formatted trailing parts (`requires_grad=True`,
 * `grad_fn=<AddBackward0>`); the `size=`/`dtype=` parts of empty tensors are added here.
 *
 * @example
 * formatTensor(new Float32Array([3.1]), [1], 'float32', [])            // 'tensor([3.1000])'
 * formatTensor(new Float32Array([1, 2]), [2], 'float32', ['requires_grad=True'])
 * // 'tensor([1., 2.], requires_grad=True)'
 */
export function formatTensor(
  data: TensorData,
  shape: readonly number[],
  dtype: Dtype,
  suffixes: string[],
): string {
  const numel = shape.reduce((a, b) => a * b, 1);
  if (data.length < numel) {
    throw new RangeError(`formatTensor: ${data.length} values for shape [${shape.join(', ')}]`);
  }
  const indent = PREFIX.length;
  const body = numel === 0 ? '[]' : tensorBody({ data, shape, strides: rowMajorStrides(shape), dtype }, indent);
  return addSuffixes(PREFIX + body, [...dtypeSuffixes(shape, dtype, numel), ...suffixes], indent);
}

interface View {
  readonly data: TensorData;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly dtype: Dtype;
}

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  return strides;
}

// PyTorch names the dtype unless the values show it: the default float dtype, int64
// (integers) and bool (True/False) go unnamed. An empty tensor has no values to show
// its shape or dtype, so PyTorch spells both out (the shape only when it is not `(0,)`).
function dtypeSuffixes(shape: readonly number[], dtype: Dtype, numel: number): string[] {
  const isDefault = dtype === DTYPES[defaultFloat()].name;
  if (numel !== 0) return isDefault || dtype === 'int64' || dtype === 'bool' ? [] : [`dtype=torch.${dtype}`];
  const out: string[] = [];
  if (shape.length !== 1) out.push(`size=${pythonTuple(shape)}`);
  if (!isDefault) out.push(`dtype=torch.${dtype}`);
  return out;
}

function pythonTuple(items: readonly number[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

// Mirrors `_add_suffixes`, including its "+ 1" that makes the line length count two extra.
function addSuffixes(tensorStr: string, suffixes: readonly string[], indent: number): string {
  let out = tensorStr;
  let lastLineLen = tensorStr.length - tensorStr.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > LINEWIDTH) {
      out += ',\n' + ' '.repeat(indent) + suffix;
      lastLineLen = indent + suffix.length;
    } else {
      out += ', ' + suffix;
      lastLineLen += suffix.length + 2;
    }
  }
  return out + ')';
}

// ---------------------------------------------------------------------------------------
// Layout: `_tensor_str`, `_tensor_str_with_formatter`, `_vector_str`
// ---------------------------------------------------------------------------------------

function tensorBody(view: View, indent: number): string {
  const numel = view.shape.reduce((a, b) => a * b, 1);
  const summarize = numel > THRESHOLD;
  // The column width comes only from the values that will actually be shown.
  const shown = summarize ? summarizedValues(view) : allValues(view, numel);
  const formatter = view.dtype === 'bool' ? boolFormatter(shown)
    : view.dtype === 'float32' || view.dtype === 'float64' ? floatFormatter(shown) : intFormatter(shown);
  return nestedStr(view, 0, 0, indent, summarize, formatter);
}

/** Indices along one dimension that survive summarization (`edgeitems` from each end). */
function keptIndices(size: number, summarize: boolean): { head: number[]; tail: number[] } {
  if (summarize && size > 2 * EDGEITEMS) {
    return { head: range(0, EDGEITEMS), tail: range(size - EDGEITEMS, size) };
  }
  return { head: range(0, size), tail: [] };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}

function allValues(view: View, numel: number): number[] {
  return Array.from(view.data.subarray(0, numel));
}

// `get_summarized_data`: the sub-block of edge items in every dimension.
function summarizedValues(view: View): number[] {
  const out: number[] = [];
  const visit = (dim: number, offset: number): void => {
    if (dim === view.shape.length) {
      out.push(view.data[offset]!);
      return;
    }
    const { head, tail } = keptIndices(view.shape[dim]!, true);
    for (const i of [...head, ...tail]) visit(dim + 1, offset + i * view.strides[dim]!);
  };
  visit(0, 0);
  return out;
}

function nestedStr(
  view: View,
  dim: number,
  offset: number,
  indent: number,
  summarize: boolean,
  formatter: Formatter,
): string {
  const remainingDims = view.shape.length - dim;
  if (remainingDims === 0) return formatter.format(view.data[offset]!);
  if (remainingDims === 1) return vectorStr(view, dim, offset, indent, summarize, formatter);

  const { head, tail } = keptIndices(view.shape[dim]!, summarize);
  const sub = (i: number): string =>
    nestedStr(view, dim + 1, offset + i * view.strides[dim]!, indent + 1, summarize, formatter);
  const slices = tail.length > 0 ? [...head.map(sub), '...', ...tail.map(sub)] : head.map(sub);
  // One newline per remaining dimension beyond the rows: blank lines separate 2-D blocks.
  return '[' + slices.join(',' + '\n'.repeat(remainingDims - 1) + ' '.repeat(indent + 1)) + ']';
}

function vectorStr(
  view: View,
  dim: number,
  offset: number,
  indent: number,
  summarize: boolean,
  formatter: Formatter,
): string {
  const elementLength = formatter.width + 2;
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / elementLength));
  const { head, tail } = keptIndices(view.shape[dim]!, summarize);
  const item = (i: number): string => formatter.format(view.data[offset + i * view.strides[dim]!]!);
  // The ellipsis counts as one element when splitting into lines, as in PyTorch.
  const elements = tail.length > 0 ? [...head.map(item), ' ...', ...tail.map(item)] : head.map(item);
  const lines: string[] = [];
  for (let i = 0; i < elements.length; i += perLine) lines.push(elements.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

// ---------------------------------------------------------------------------------------
// `_Formatter`
// ---------------------------------------------------------------------------------------

interface Formatter {
  readonly width: number;
  format(value: number): string;
}

function intFormatter(values: readonly number[]): Formatter {
  const width = values.reduce((w, v) => Math.max(w, String(v).length), 1);
  return { width, format: (v) => String(v).padStart(width) };
}

/** bool prints as Python's True/False, right-aligned to the widest shown. */
function boolFormatter(values: readonly number[]): Formatter {
  const str = (v: number): string => (v ? 'True' : 'False');
  const width = values.reduce((w, v) => Math.max(w, str(v).length), 1);
  return { width, format: (v) => str(v).padStart(width) };
}

type FloatMode = 'int' | 'fixed' | 'sci';

function floatFormatter(values: readonly number[]): Formatter {
  const nonzeroFinite = values.filter((v) => Number.isFinite(v) && v !== 0);
  const mode = floatMode(nonzeroFinite);
  // Only nonzero finite values set the column width; nan/inf/-0. may stick out instead.
  // (For int mode PyTorch measures '{:.0f}' and adds 1 for the '.', i.e. the full string.)
  const width = nonzeroFinite.reduce((w, v) => Math.max(w, formatFloat(v, mode).length), 1);
  return { width, format: (v) => formatFloat(v, mode).padStart(width) };
}

function floatMode(nonzeroFinite: readonly number[]): FloatMode {
  if (nonzeroFinite.length === 0) return 'int';
  let min = Infinity;
  let max = 0;
  for (const v of nonzeroFinite) {
    min = Math.min(min, Math.abs(v));
    max = Math.max(max, Math.abs(v));
  }
  const intMode = nonzeroFinite.every((v) => v === Math.ceil(v));
  const wideRange = max / min > 1000 || max > 1e8;
  if (intMode) return wideRange ? 'sci' : 'int';
  return wideRange || min < 1e-4 ? 'sci' : 'fixed';
}

function formatFloat(value: number, mode: FloatMode): string {
  if (mode === 'sci') return pyExponential(value, PRECISION);
  if (mode === 'fixed') return pyFixed(value, PRECISION);
  const s = pyFixed(value, 0);
  return Number.isFinite(value) ? s + '.' : s;
}

// ---------------------------------------------------------------------------------------
// Python's '{:.Nf}' and '{:.Ne}'
// ---------------------------------------------------------------------------------------
// JS toFixed/toExponential break exact ties upward, Python rounds them half-to-even
// (0.03125 -> '0.0312', 123465 -> '1.2346e+05'), and toExponential omits the exponent's
// leading zero. Working on the exact decimal expansion of the double avoids both issues.

function nonFiniteStr(value: number): string | undefined {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return undefined;
}

function signStr(value: number): string {
  return value < 0 || Object.is(value, -0) ? '-' : '';
}

/** Python `'{:.{digits}f}'.format(value)`. */
export function pyFixed(value: number, digits: number): string {
  const special = nonFiniteStr(value);
  if (special !== undefined) return special;
  const { mantissa, exp10 } = exactDecimal(Math.abs(value));
  const scaled = shiftRoundHalfEven(mantissa, exp10 + digits).toString().padStart(digits + 1, '0');
  const intPart = scaled.slice(0, scaled.length - digits);
  const fracPart = digits > 0 ? '.' + scaled.slice(scaled.length - digits) : '';
  return signStr(value) + intPart + fracPart;
}

/** Python `'{:.{digits}e}'.format(value)`. */
export function pyExponential(value: number, digits: number): string {
  const special = nonFiniteStr(value);
  if (special !== undefined) return special;
  const { mantissa, exp10 } = exactDecimal(Math.abs(value));
  let sig: string;
  let exponent: number;
  if (mantissa === 0n) {
    sig = '0'.repeat(digits + 1);
    exponent = 0;
  } else {
    const leading = mantissa.toString().length - 1 + exp10;
    sig = shiftRoundHalfEven(mantissa, exp10 + digits - leading).toString();
    exponent = leading;
    if (sig.length > digits + 1) {
      // Rounding carried into a new digit (9.99995 -> 10.0000): renormalize.
      sig = sig.slice(0, digits + 1);
      exponent += 1;
    }
  }
  const frac = digits > 0 ? '.' + sig.slice(1) : '';
  const expSign = exponent < 0 ? '-' : '+';
  return `${signStr(value)}${sig[0]}${frac}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** `x === mantissa * 10**exp10` exactly, for finite `x >= 0`. */
function exactDecimal(x: number): { mantissa: bigint; exp10: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2 = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) m |= 1n << 52n;
  if (m === 0n) return { mantissa: 0n, exp10: 0 };
  // Drop factors of two so the power of five below stays small for float32-sized values.
  while ((m & 1n) === 0n && e2 < 0) {
    m >>= 1n;
    e2 += 1;
  }
  if (e2 >= 0) return { mantissa: m << BigInt(e2), exp10: 0 };
  // m / 2^k === m * 5^k / 10^k
  return { mantissa: m * 5n ** BigInt(-e2), exp10: e2 };
}

/** round(n * 10**shift) with ties to even. */
function shiftRoundHalfEven(n: bigint, shift: number): bigint {
  if (shift >= 0) return n * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const q = n / divisor;
  const twiceRem = 2n * (n % divisor);
  if (twiceRem > divisor || (twiceRem === divisor && (q & 1n) === 1n)) return q + 1n;
  return q;
}
