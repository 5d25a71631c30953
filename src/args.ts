// PyTorch's argument type checks (torch/csrc/utils/python_arg_parser.cpp and
// invalid_arguments.cpp), for JS values read as the Python a porter would
// write: a string is a str, undefined and null are None, a plain object is a
// dict, an array is a list. Each check is one `typeof` on the common path and
// raises PyTorch's TypeError, with its text, on the rare one. A parameter is
// named by PyTorch's type name ('Tensor', 'Number', 'int', 'bool', ...) and
// its 1-based position as PyTorch counts it (0 when it came by keyword; a
// method does not count self, so front ends take a trailing `method` flag that
// the Tensor methods set), so a signature-driven parser can call these as its
// type checks.

import { TypeError, RuntimeError } from './errors.js';
import { Tensor } from './tensor.js';
import { TorchDtype } from './dtype.js';
import { Generator } from './random.js';

/** PyTorch's name for a parameter's type, as its messages print it. */
export type ParamType = 'Tensor' | 'Number' | 'int' | 'float' | 'bool' | 'str' | 'tuple of ints' | 'torch.Generator' | 'tuple of Tensors';

/** Python's type name for a JS value: what `type(v).__name__` gives for its Python counterpart. */
export function pyType(v: unknown): string {
  switch (typeof v) {
    case 'number': return Number.isInteger(v) ? 'int' : 'float';
    case 'boolean': return 'bool';
    case 'string': return 'str';
    case 'bigint': return 'int';
    case 'undefined': return 'NoneType';
    case 'function': return 'function';
    default:
      if (v === null) return 'NoneType';
      if (Array.isArray(v)) return 'list';
      if (ArrayBuffer.isView(v)) return 'numpy.ndarray';
      if (v instanceof TorchDtype) return 'torch.dtype';
      if (v instanceof Generator) return 'torch._C.Generator';
      return v instanceof Tensor ? 'Tensor' : 'dict';
  }
}

/** Python's str() of a JS value, for messages that quote a value (`bogus is not a valid value`). */
export function pyStr(v: unknown): string {
  if (v === undefined || v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/**
 * PyTorch's TypeError for one parameter given a value of the wrong type:
 * "add(): argument 'other' (position 1) must be Tensor, not str", or without
 * the position when the value came by keyword.
 */
export function argTypeError(fn: string, name: string, pos: number, type: ParamType, value: unknown): TypeError {
  const where = pos > 0 ? ` (position ${pos})` : '';
  return new TypeError(`${fn}(): argument '${name}'${where} must be ${type}, not ${pyType(value)}`);
}

/** A Number parameter (Python's int, float or bool): the number, or PyTorch's TypeError. */
export function checkNumber(fn: string, name: string, pos: number, v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw argTypeError(fn, name, pos, 'Number', v);
}

/** An integral number an int64 holds (PyTorch refuses a Python int beyond it). */
export const isInt64 = (v: number): boolean => Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63;

/** An int parameter (a bool is not an int to PyTorch's parser, nor a number beyond int64). */
export function checkInt(fn: string, name: string, pos: number, v: unknown): number {
  if (typeof v === 'number' && isInt64(v)) return v;
  throw argTypeError(fn, name, pos, 'int', v);
}

/** A bool parameter (an int is not a bool to PyTorch's parser). */
export function checkBool(fn: string, name: string, pos: number, v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  throw argTypeError(fn, name, pos, 'bool', v);
}

/**
 * A flag that PyTorch's autograd engine reads with Python's "b" format
 * (retain_graph, create_graph, allow_unused): a bool or an int, else
 * Python's TypeError. undefined means "not given", and so does None where
 * PyTorch 2 defaults it (`noneIsDefault`: retain_graph, allow_unused).
 */
export function checkFlag(v: unknown, noneIsDefault = false): boolean | undefined {
  if (v === undefined || typeof v === 'boolean') return v;
  if (v === null && noneIsDefault) return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v !== 0;
  throw new TypeError(`'${pyType(v)}' object cannot be interpreted as an integer`);
}

/**
 * A dim that is neither an int nor a list of ints: PyTorch reads a str as a
 * dimension name, and wasmgrad tensors have no names.
 */
export function dimNameError(value: unknown, ndim: number): RuntimeError {
  if (value === null || value === undefined) {
    return new RuntimeError('Please look up dimensions by name, got: name = None.');
  }
  return new RuntimeError(`Name '${pyStr(value)}' not found in Tensor[${Array(ndim).fill('None').join(', ')}].`);
}

/**
 * PyTorch's TypeError for more positional arguments than the signature has: "add() takes 1
 * positional argument but 2 were given", "softplus() takes from 1 to 3 positional arguments but 4 were given".
 */
export function tooManyPositional(fn: string, max: number, given: number, min = max): TypeError {
  const takes = min === max ? `${max} positional argument${max === 1 ? '' : 's'}` : `from ${min} to ${max} positional arguments`;
  return new TypeError(`${fn}() takes ${takes} but ${given} ${given === 1 ? 'was' : 'were'} given`);
}

// ---- several signatures: "received an invalid combination of arguments" ----------------

interface Param { name: string; type: string }

/** The parameters of a printed signature such as "(Tensor input, Number min, *, Tensor out)". */
function parseSignature(sig: string): Param[] {
  // as invalid_arguments.cpp splits it: "()" gives one nameless parameter, "*" one more
  return sig.slice(1, -1).split(', ').map((arg) => {
    const space = arg.lastIndexOf(' ');
    return { type: arg.slice(0, space < 0 ? 0 : space), name: arg.slice(space + 1) };
  });
}

/** Whether a value matches a printed type, by Python type name as invalid_arguments.cpp does. */
function matches(type: string, v: unknown): boolean {
  if (type === 'torch.Generator') return v instanceof Generator;
  const t = pyType(v);
  if (type === 'float') return t === 'float' || t === 'int';
  return t === type;
}

/** "(Tensor, int, keepdim=int)": the types of what was given. */
export function givenTypes(args: readonly unknown[], kwargs: Record<string, unknown>): string {
  let r = '(';
  for (const a of args) r += `${pyType(a)}, `;
  for (const [k, v] of Object.entries(kwargs)) r += `${k}=${pyType(v)}, `;
  // PyTorch drops the last ", " only when there were positional arguments: "(max=str, )"
  return `${args.length ? r.slice(0, -2) : r})`;
}

/** "(Tensor, !str!)": the given types, with those that do not match the signature marked. */
function markedTypes(params: Param[], args: readonly unknown[], kwargs: Record<string, unknown>): string {
  const n = args.length + Object.keys(kwargs).length;
  let r = '(';
  for (let i = 0; i < n; i++) {
    const kw = i >= args.length;
    const p = params[i];
    const v = kw ? kwargs[p.name] : args[i];
    const label = `${kw ? `${p.name}=` : ''}${pyType(v)}`;
    r += `${matches(p.type, v) ? label : `!${label}!`}, `;
  }
  return `${args.length ? r.slice(0, -2) : r})`;
}

/** The keywords that no trailing parameter of the signature is named after. */
function unmatchedKeywords(params: Param[], kwargs: Record<string, unknown>): string[] {
  const keys = Object.keys(kwargs);
  const tail = params.slice(Math.max(params.length - keys.length, 0)).map((p) => p.name);
  return keys.filter((k) => !tail.includes(k));
}

/**
 * PyTorch's TypeError when no signature of an overloaded function accepts
 * the arguments: "sum() received an invalid combination of arguments - got
 * (int, keepdim=int), but expected one of: ...". `signatures` are printed as
 * PyTorch prints them (for methods, without self).
 */
export function invalidCombination(
  fn: string, args: readonly unknown[], kwargs: Record<string, unknown>, signatures: readonly string[],
): TypeError {
  const nGiven = args.length + Object.keys(kwargs).length;
  let msg = `${fn}() received an invalid combination of arguments - got ${givenTypes(args, kwargs)}, but expected one of:\n`;
  for (const sig of signatures) {
    msg += ` * ${sig}\n`;
    const params = parseSignature(sig);
    if (params.length !== nGiven) continue;
    const wrong = unmatchedKeywords(params, kwargs);
    msg += wrong.length
      ? `      didn't match because some of the keywords were incorrect: ${wrong.join(', ')}\n`
      : `      didn't match because some of the arguments have invalid types: ${markedTypes(params, args, kwargs)}\n`;
  }
  return new TypeError(msg);
}

/** A Tensor parameter. */
export function checkTensorArg(fn: string, name: string, pos: number, v: unknown): asserts v is Tensor {
  if (!(v instanceof Tensor)) throw argTypeError(fn, name, pos, 'Tensor', v);
}

/**
 * The number given for a Tensor parameter that also takes Python numbers, as
 * add/sub/mul/div do (a bool reads as 0 or 1); the caller has ruled out a Tensor.
 */
export function checkScalarOperand(fn: string, name: string, pos: number, v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw argTypeError(fn, name, pos, 'Tensor', v);
}
