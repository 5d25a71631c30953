// PyTorch's schemas, as native_functions.yaml's `func:` lines write them:
//
//   'softplus(Tensor input, Scalar beta=1, Scalar threshold=20) -> Tensor'
//
// parsed once per op when the table's front ends load (src/signature.ts binds
// calls against them). No imports: the generated front ends parse their
// schemas while the module graph is still loading.

/** A parameter type, as native_functions.yaml spells it. */
export type SchemaType = 'Tensor' | 'Scalar' | 'int' | 'int[]' | 'float' | 'bool' | 'str' | 'Generator' | 'Tensor[]';

export interface Param {
  readonly name: string;
  readonly type: SchemaType;
  /** `Type?`: None (null or undefined) is accepted. */
  readonly optional: boolean;
  /** The default as a JS value, or `required` when the argument must be given. */
  readonly default: unknown;
  /** After `*`: keyword only. */
  readonly kwOnly: boolean;
}

/** The default of a parameter that must be given. */
export const required: unique symbol = Symbol('required');

export interface Schema {
  readonly name: string;
  readonly params: readonly Param[];
  readonly text: string;
  /** PyTorch also has an `out=` form (its overload lists show `*, Tensor out`). */
  readonly out: boolean;
}

const TYPES: readonly string[] = ['Tensor', 'Scalar', 'int', 'int[]', 'float', 'bool', 'str', 'Generator', 'Tensor[]'];

function parseDefault(text: string): unknown {
  if (text === 'None') return null;
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  if (text.startsWith("'") || text.startsWith('"')) return text.slice(1, -1);
  if (text.startsWith('[')) return text === '[]' ? [] : text.slice(1, -1).split(',').map(Number);
  const n = Number(text);
  if (Number.isNaN(n)) throw new Error(`schema default not understood: ${text}`);
  return n;
}

/** Parses 'name(Type arg, Type arg=default, *, Type kw=default) -> Tensor'. */
export function parseSchema(text: string, out = true): Schema {
  const m = /^([\w.]+)\((.*)\) -> .+$/.exec(text);
  if (!m) throw new Error(`schema not understood: ${text}`);
  const params: Param[] = [];
  let kwOnly = false;
  for (const part of m[2] ? m[2].split(', ') : []) {
    if (part === '*') { kwOnly = true; continue; }
    const pm = /^(\w+(?:\[\])?)(\?)? (\w+)(?:=(.+))?$/.exec(part);
    if (!pm || !TYPES.includes(pm[1])) throw new Error(`schema parameter not understood: '${part}' in ${text}`);
    params.push({
      name: pm[3], type: pm[1] as SchemaType, optional: pm[2] === '?',
      default: pm[4] === undefined ? required : parseDefault(pm[4]), kwOnly,
    });
  }
  return { name: m[1].replace(/^.*\./, ''), params, text, out };
}

