// The argument binding PyTorch's Python parser does from an op's schema
// (src/schema.ts): positional arguments, or the same
// names in JS's trailing options object, with PyTorch's TypeErrors for a
// wrong type, a missing argument, an unknown keyword or too many arguments.
//
//   'softplus(Tensor input, Scalar beta=1, Scalar threshold=20) -> Tensor'
//     softplus(x), softplus(x, 2), softplus(x, { beta: 2 }), softplus({ input: x, beta: 2 })
//
// A method binds the same schema without its first Tensor (PyTorch counts
// positions from the argument after self there). Binding is a loop over the
// parameters.

import { TypeError } from './errors.js';
import { argTypeError, checkBool, checkInt, checkNumber, invalidCombination, tooManyPositional, type ParamType } from './args.js';
import { Tensor } from './tensor.js';
import { Generator } from './random.js';
import { required, type Param, type Schema, type SchemaType } from './schema.js';

// PyTorch's message names a type as its Python binding does
const MESSAGE_TYPE: Record<SchemaType, ParamType> = {
  Tensor: 'Tensor', Scalar: 'Number', int: 'int', 'int[]': 'tuple of ints', float: 'float', bool: 'bool', str: 'str',
  Generator: 'torch.Generator', 'Tensor[]': 'tuple of Tensors',
};

function check(fn: string, p: Param, pos: number, v: unknown): unknown {
  if ((v === null || v === undefined) && p.optional) return null;
  switch (p.type) {
    case 'Tensor': if (v instanceof Tensor) return v; break;
    case 'Scalar': return checkNumber(fn, p.name, pos, v);
    case 'int': return checkInt(fn, p.name, pos, v);
    case 'bool': return checkBool(fn, p.name, pos, v);
    case 'float': if (typeof v === 'number') return v; break;
    case 'str': if (typeof v === 'string') return v; break;
    case 'Generator': if (v instanceof Generator) return v; break;
    case 'Tensor[]': if (Array.isArray(v) && v.every((x) => x instanceof Tensor)) return v; break;
    case 'int[]':
      if (typeof v === 'number' && Number.isInteger(v)) return [v];
      if (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x))) return v;
      break;
  }
  throw argTypeError(fn, p.name, pos, MESSAGE_TYPE[p.type], v);
}

/** A plain object: the trailing options object that holds keyword arguments. */
export const isOptions = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !ArrayBuffer.isView(v);

/**
 * The arguments of one call by parameter name, checked against the schema.
 * `args` are the JS arguments as given; a trailing plain object holds the
 * keyword arguments. For a method, `self` is the tensor it was called on.
 * `python`: torch.nn.functional defines the function in Python (under this
 * name) around a builtin, so a missing argument is Python's own TypeError and
 * a wrong type names its position even when it came by keyword (the wrapper
 * passes it on positionally).
 *
 * @example bind(parseSchema('sum(Tensor input, *, int? dtype=None) -> Tensor'), [x], null)
 */
export function bind(schema: Schema, args: readonly unknown[], self: Tensor | null, python?: string): Record<string, unknown> {
  const fn = schema.name;
  // the Python wrapper's own checks name the wrapper, the builtin's name the builtin
  const pyFn = python ?? fn;
  const params = self ? schema.params.slice(1) : schema.params;
  let positional = args, kwargs: Record<string, unknown> = {};
  const last = args[args.length - 1];
  // a trailing object is the keyword arguments, except an empty one where a required argument is
  // still missing: that is a value (a Python dict), so tanh({}) is a type error, not a missing input
  const nRequired = params.filter((p) => p.default === required).length;
  if (isOptions(last) && (Object.keys(last).length > 0 || args.length - 1 >= nRequired)) {
    positional = args.slice(0, -1);
    kwargs = last;
  }
  if (self && params.length === 0 && Object.keys(kwargs).length) throw new TypeError(`TensorBase.${fn}() takes no keyword arguments`);
  const maxPositional = params.filter((p) => !p.kwOnly).length;
  if (positional.length > maxPositional) {
    if (self && maxPositional === 0) throw new TypeError(`TensorBase.${fn}() takes no arguments (${positional.length} given)`);
    const minPositional = params.filter((p) => !p.kwOnly && p.default === required).length;
    throw tooManyPositional(pyFn, maxPositional, positional.length, minPositional);
  }
  const out: Record<string, unknown> = {};
  if (self) out[schema.params[0].name] = self;
  // Python rejects an unknown keyword before anything else; PyTorch's parser only after every
  // parameter has been read (a wrong type or a missing argument is reported first)
  const unknown = Object.keys(kwargs).find((key) => !params.some((p) => p.name === key));
  if (unknown !== undefined && python) throw new TypeError(`${pyFn}() got an unexpected keyword argument '${unknown}'`);
  for (const key of Object.keys(kwargs)) {
    if (params.findIndex((p) => p.name === key) < positional.length && params.some((p) => p.name === key)) {
      throw new TypeError(`${pyFn}() got multiple values for argument '${key}'`);
    }
  }
  const missing: string[] = [];
  params.forEach((p, i) => {
    const byPosition = i < positional.length;
    const v = byPosition ? positional[i] : kwargs[p.name];
    if (v === undefined && !(byPosition && p.optional)) {
      if (p.default === required) missing.push(p.name);
      else out[p.name] = p.default;
      return;
    }
    out[p.name] = check(fn, p, byPosition || python ? i + 1 : 0, v);
  });
  if (missing.length && python) {
    // Python's wording: 'a', 'a' and 'b', 'a', 'b', and 'c'
    const names = missing.map((n) => `'${n}'`);
    const last = names.pop()!;
    const list = names.length === 0 ? last : `${names.join(', ')}${names.length > 1 ? ',' : ''} and ${last}`;
    throw new TypeError(`${pyFn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
  if (missing.length) {
    // PyTorch's parser pluralises the other way round: "1 … arguments", "2 … argument"
    throw new TypeError(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? 's' : ''}: ${missing.map((n) => `"${n}"`).join(', ')}`);
  }
  if (unknown !== undefined) throw new TypeError(`${pyFn}() got an unexpected keyword argument '${unknown}'`);
  return out;
}

// how PyTorch prints a parameter's type in "expected one of" lists
const PRINTED_TYPE: Record<SchemaType, string> = {
  Tensor: 'Tensor', Scalar: 'Number', int: 'int', 'int[]': 'tuple of ints', float: 'float', bool: 'bool', str: 'str',
  Generator: 'torch.Generator', 'Tensor[]': 'tuple of Tensors',
};

/** A schema as PyTorch lists it among overloads: "(Tensor input, *, int decimals, Tensor out)". */
export function printed(schema: Schema, method: boolean): string {
  const parts: string[] = [];
  let star = false;
  for (const p of method ? schema.params.slice(1) : schema.params) {
    if (p.kwOnly && !star) { parts.push('*'); star = true; }
    parts.push(`${PRINTED_TYPE[p.type]} ${p.name}`);
  }
  if (!method && schema.out) parts.push(...(star ? [] : ['*']), 'Tensor out');
  return `(${parts.join(', ')})`;
}

/**
 * Binds a call of an overloaded op: the index of the first schema that
 * accepts the arguments, and the arguments by name. When none does, PyTorch's
 * parser's error: the one overload that takes as many arguments as were given
 * explains itself, else "received an invalid combination of arguments" lists
 * every overload.
 */
export function bindOverloads(schemas: readonly Schema[], args: readonly unknown[], self: Tensor | null): [number, Record<string, unknown>] {
  if (schemas.length === 1) return [0, bind(schemas[0], args, self)];
  // a method binds self to a schema's first Tensor: xlogy(Number self, Tensor other) is no method
  const candidates = self ? schemas.filter((s) => s.params[0].type === 'Tensor') : schemas;
  for (const schema of candidates) {
    try {
      return [schemas.indexOf(schema), bind(schema, args, self)];
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
    }
  }
  let positional = args, kwargs: Record<string, unknown> = {};
  if (args.length > 0 && isOptions(args[args.length - 1])) {
    positional = args.slice(0, -1);
    kwargs = args[args.length - 1] as Record<string, unknown>;
  }
  const n = positional.length + Object.keys(kwargs).length;
  const plausible = candidates.filter((s) => {
    const params = self ? s.params.slice(1) : s.params;
    const min = params.filter((p) => p.default === required).length;
    return n >= min && n <= params.length + (s.out && !self ? 1 : 0);
  });
  if (plausible.length === 1) bind(plausible[0], args, self);
  throw invalidCombination(schemas[0].name, positional, kwargs, candidates.map((s) => printed(s, self !== null)));
}
