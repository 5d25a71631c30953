// torch.nn's containers as PyTorch 2's container.py has them: Sequential, ModuleList, ModuleDict,
// ParameterList, ParameterDict. Python's `seq[i]`, `seq[a:b]`, `seq[i] = m`, `del seq[i]`, `len(seq)`
// and `key in d` are at(i), slice(a, b, step), set(i, m), delete(i), length and has(key); iterating
// gives what Python's iteration gives (modules, parameters, or a dict's keys). Indices and keys are
// checked as PyTorch checks them, with its IndexError / KeyError / TypeError messages.

import { Tensor } from '../tensor.js';
import { AssertionError, AttributeError, IndexError, RuntimeError, TypeError, ValueError, keyError } from '../errors.js';
import { pyType } from '../args.js';
import { Module, addindent, typename } from './module.js';
import { Parameter } from './parameter.js';

/** Python's type(v).__name__. */
const typeName = (v: unknown): string => (v instanceof Module ? v._get_name() : v instanceof Tensor ? 'Tensor' : pyType(v));
const isIterable = (v: unknown): v is Iterable<unknown> =>
  v !== null && v !== undefined && typeof (v as Record<symbol, unknown>)[Symbol.iterator] === 'function' && typeof v !== 'string';

/** Python's operator.index. */
function pyIndex(idx: unknown): number {
  if (typeof idx === 'boolean') return Number(idx);
  if (typeof idx !== 'number' || !Number.isInteger(idx)) throw new TypeError(`'${pyType(idx)}' object cannot be interpreted as an integer`);
  return idx;
}

/** An index in [−n, n) made non-negative, with PyTorch's "index i is out of range". */
function absIndex(idx: unknown, n: number): number {
  const i = pyIndex(idx);
  if (!(-n <= i && i < n)) throw new IndexError(`index ${i} is out of range`);
  return i < 0 ? i + n : i;
}

/** Python's range(*slice(start, stop, step).indices(n)). */
function sliceIndices(n: number, start?: number | null, stop?: number | null, step?: number | null): number[] {
  const st = step ?? 1;
  if (pyIndex(st) === 0) throw new ValueError('slice step cannot be zero');
  const [lo, hi] = st > 0 ? [0, n] : [-1, n - 1];
  const clip = (v: number | null | undefined, dflt: number): number =>
    (v === null || v === undefined ? dflt : pyIndex(v) < 0 ? Math.max(v + n, lo) : Math.min(v, hi));
  const a = clip(start, st > 0 ? lo : hi), b = clip(stop, st > 0 ? hi : lo);
  const out: number[] = [];
  for (let i = a; st > 0 ? i < b : i > b; i += st) out.push(i);
  return out;
}

/** Python's setattr(container, key, module) for a key that names a submodule. */
function setModule(c: Module, key: string, module: unknown): void {
  if (module !== null && !(module instanceof Module)) {
    throw new TypeError(`cannot assign '${typename(module)}' as child module '${key}' (torch.nn.Module or None expected)`);
  }
  c._modules.set(key, module);
}

/** Renames the submodules '0', '1', ... in their order (what PyTorch does after a deletion). */
function renumber(c: Module): void {
  const values = [...c._modules.values()];
  c._modules.clear();
  values.forEach((m, i) => c._modules.set(String(i), m));
}

/**
 * What Sequential and ModuleList share: Python's sequence protocol over the submodules in order
 * (`len`, `[i]`, `[i] = m`, `del [i]`, `pop`, `append`, iteration), with PyTorch's index checks.
 * @example new nn.ModuleList([new nn.ReLU()]).at(-1) // ReLU()
 */
export abstract class ModuleSequence extends Module {
  /**
   * `len(seq)`.
   * @example new nn.Sequential(new nn.ReLU()).length // 1
   */
  get length(): number { return this._modules.size; }

  /** The name of the module at idx (negative counting from the end). */
  private key(idx: number): string { return [...this._modules.keys()][absIndex(idx, this.length)]; }

  /**
   * `seq[idx]`: the module at idx, negative counting from the end.
   * @example model.at(-1)
   */
  at(idx: number): Module { return this._modules.get(this.key(idx))!; }

  /**
   * `seq[idx] = module`.
   * @example model.set(1, new nn.Tanh());
   */
  set(idx: number, module: Module): void { setModule(this, this.key(idx), module); }

  /**
   * `del seq[idx]`; the rest are renumbered '0', '1', ...
   * @example model.delete(-1);
   */
  delete(idx: number): void {
    this._modules.delete(this.key(idx));
    renumber(this);
  }

  /**
   * Removes and returns the module at idx.
   * @example const last = model.pop(-1);
   */
  pop(idx: number): Module {
    const m = this.at(idx);
    this.delete(idx);
    return m;
  }

  /**
   * Adds a module at the end, named by the current length.
   * @example model.append(new nn.Softmax(1));
   */
  append(module: Module): this {
    this.add_module(String(this.length), module);
    return this;
  }

  *[Symbol.iterator](): Iterator<Module> { for (const m of this._modules.values()) yield m!; }
}

/**
 * Runs modules one after another, each through call() (so their hooks run); built from modules
 * (named '0', '1', ...) or from a Map of names to modules (PyTorch's OrderedDict form).
 * @example
 * const model = new nn.Sequential(new nn.Linear(64, 32), new nn.ReLU(), new nn.Linear(32, 10));
 * model.at(-1); // Linear(in_features=32, out_features=10, bias=True)
 * model.slice(0, 2).length; // 2
 */
export class Sequential extends ModuleSequence {
  constructor(...args: Module[] | [Map<string, Module>]) {
    super();
    if (args.length === 1 && args[0] instanceof Map) for (const [k, m] of args[0]) this.add_module(k, m);
    else (args as Module[]).forEach((m, i) => this.add_module(String(i), m));
  }

  /**
   * `seq[start:stop:step]`: a Sequential of those modules under their names.
   * @example model.slice(1) // the modules after the first
   */
  slice(start?: number | null, stop?: number | null, step?: number | null): Sequential {
    const entries = [...this._modules];
    return new Sequential(new Map(sliceIndices(entries.length, start, stop, step).map((i) => entries[i] as [string, Module])));
  }

  /**
   * Inserts a module before index (−len ≤ index ≤ len).
   * @example model.insert(0, new nn.Flatten());
   */
  insert(index: number, module: Module): this {
    if (!(module instanceof Module)) throw new AssertionError("module should be of type: <class 'torch.nn.modules.module.Module'>");
    const n = this._modules.size;
    if (!(-n <= index && index <= n)) throw new IndexError(`Index out of range: ${index}`);
    if (index < 0) index += n;
    for (let i = n; i > index; i--) this._modules.set(String(i), this._modules.get(String(i - 1))!);
    this._modules.set(String(index), module);
    return this;
  }

  /**
   * Appends each module of an iterable (another Sequential, an array).
   * @example model.extend([new nn.ReLU(), new nn.Linear(10, 2)]);
   */
  extend(sequential: Iterable<Module>): this {
    for (const m of sequential) this.append(m);
    return this;
  }

  forward(input: any): any {
    for (const m of this._modules.values()) input = m!.call(input);
    return input;
  }
}

/**
 * Holds submodules in a list, registered as '0', '1', ... (their parameters are the module's);
 * it has no forward.
 * @example
 * const layers = new nn.ModuleList([new nn.Linear(4, 4), new nn.Linear(4, 4)]);
 * layers.append(new nn.Linear(4, 2));
 * for (const layer of layers) x = layer.call(x);
 */
export class ModuleList extends ModuleSequence {
  constructor(modules: Iterable<Module> | null = null) {
    super();
    if (modules !== null) this.extend(modules);
  }

  /**
   * `list[start:stop:step]`: a new ModuleList of those modules.
   * @example layers.slice(0, -1)
   */
  slice(start?: number | null, stop?: number | null, step?: number | null): ModuleList {
    const values = [...this._modules.values()] as Module[];
    return new ModuleList(sliceIndices(values.length, start, stop, step).map((i) => values[i]));
  }

  /**
   * Appends each module of an iterable.
   * @example layers.extend([new nn.ReLU(), new nn.Tanh()]);
   */
  extend(modules: Iterable<Module>): this {
    if (!isIterable(modules)) throw new TypeError(`ModuleList.extend should be called with an iterable, but got ${typeName(modules)}`);
    const offset = this.length;
    let i = 0;
    for (const m of modules) this.add_module(String(offset + i++), m);
    return this;
  }

  /**
   * Inserts a module before index, as PyTorch's ModuleList.insert does (which does not wrap negative indices).
   * @example layers.insert(1, new nn.ReLU());
   */
  insert(index: number, module: Module): void {
    for (let i = this._modules.size; i > index; i--) {
      const k = String(i - 1);
      if (!this._modules.has(k)) throw keyError(k);
      this._modules.set(String(i), this._modules.get(k)!);
    }
    this._modules.set(String(index), module);
  }

  /** PyTorch 2's repr, which folds runs of equal modules into `(i-j): n x repr`. */
  override toString(): string {
    const reprs = [...this._modules.values()].map((m) => String(m));
    if (!reprs.length) return `${this._get_name()}()`;
    const blocks: { start: number; end: number; repr: string }[] = [];
    reprs.forEach((r, i) => {
      const last = blocks[blocks.length - 1];
      if (last && last.repr === r) last.end = i; else blocks.push({ start: i, end: i, repr: r });
    });
    const lines = blocks.map(({ start, end, repr }) =>
      addindent(start === end ? `(${start}): ${repr}` : `(${start}-${end}): ${end - start + 1} x ${repr}`, 2));
    return `${this._get_name()}(\n  ${lines.join('\n  ')}\n)`;
  }
}

/** A mapping given to update(): a Map, another dict container, a plain object, or [key, value] pairs. */
type Pairs<V> = Map<string, V> | Record<string, V> | Iterable<[string, V]>;

/** The (key, value) pairs of update()'s argument, checked as PyTorch's update checks them. */
function updatePairs<V>(what: string, arg: unknown, sortObject: boolean): [string, V][] {
  if (arg instanceof Map) return [...arg] as [string, V][];
  if (arg instanceof ModuleDict || arg instanceof ParameterDict) return arg.items() as [string, V][];
  if (arg !== null && typeof arg === 'object' && !isIterable(arg) && !(arg instanceof Module) && !(arg instanceof Tensor)) {
    const entries = Object.entries(arg) as [string, V][];
    return sortObject ? entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : entries;
  }
  if (!isIterable(arg)) throw new TypeError(`${what}.update should be called with an iterable of key/value pairs, but got ${typeName(arg)}`);
  const name = what === 'ParametersDict' ? 'ParameterDict' : what;
  return [...arg].map((m, j) => {
    if (!isIterable(m)) throw new TypeError(`${name} update sequence element #${j} should be Iterable; is${typeName(m)}`);
    const pair = [...m];
    if (pair.length !== 2) throw new ValueError(`${name} update sequence element #${j} has length ${pair.length}; 2 is required`);
    return pair as [string, V];
  });
}

/**
 * Holds submodules by name, in insertion order; `get`, `set`, `delete`, `has`, `keys()`, `values()`, `items()`.
 * @example
 * const heads = new nn.ModuleDict({ cls: new nn.Linear(8, 10), box: new nn.Linear(8, 4) });
 * const logits = heads.get('cls').call(features);
 */
export class ModuleDict extends Module {
  constructor(modules: Pairs<Module> | null = null) {
    super();
    if (modules !== null) this.update(modules);
  }

  /**
   * `d[key]`, a KeyError when absent.
   * @example heads.get('cls')
   */
  get(key: string): Module {
    if (!this._modules.has(key)) throw keyError(key);
    return this._modules.get(key)!;
  }

  /**
   * `d[key] = module` (add_module's checks).
   * @example heads.set('aux', new nn.Linear(8, 2));
   */
  set(key: string, module: Module): void { this.add_module(key, module); }

  /**
   * `del d[key]`.
   * @example heads.delete('aux');
   */
  delete(key: string): void {
    if (!this._modules.delete(key)) throw keyError(key);
  }

  /**
   * `key in d`.
   * @example heads.has('cls') // true
   */
  has(key: string): boolean { return this._modules.has(key); }

  /**
   * `len(d)`.
   * @example heads.length
   */
  get length(): number { return this._modules.size; }

  /**
   * Removes every module.
   * @example heads.clear();
   */
  clear(): void { this._modules.clear(); }

  /**
   * Removes and returns the module under key.
   * @example const box = heads.pop('box');
   */
  pop(key: string): Module {
    const m = this.get(key);
    this.delete(key);
    return m;
  }

  /**
   * The names, in order.
   * @example heads.keys() // ['cls', 'box']
   */
  keys(): string[] { return [...this._modules.keys()]; }

  /**
   * The modules, in order.
   * @example heads.values().length
   */
  values(): Module[] { return [...this._modules.values()] as Module[]; }

  /**
   * (name, module) pairs, in order.
   * @example for (const [name, m] of heads.items()) console.log(name, String(m));
   */
  items(): [string, Module][] { return [...this._modules] as [string, Module][]; }

  /**
   * Adds or replaces modules from a Map, a ModuleDict, a plain object or [name, module] pairs.
   * @example heads.update([['extra', new nn.ReLU()]]);
   */
  update(modules: Pairs<Module>): void {
    for (const [k, m] of updatePairs<Module>('ModuleDict', modules, false)) this.set(k, m);
  }

  *[Symbol.iterator](): Iterator<string> { yield* this._modules.keys(); }
}

/** Python's setattr(container, key, value) for a parameter container: tensors become Parameters. */
function setParameter(c: Module, objects: Map<string, unknown>, key: string, value: unknown): void {
  if (value instanceof Tensor && !(value instanceof Parameter)) value = new Parameter(value);
  if (value instanceof Parameter) {
    objects.delete(key);
    c._buffers.delete(key);
    c._modules.delete(key);
    c.register_parameter(key, value);
  } else if (c._parameters.has(key)) {
    if (value !== null) throw new TypeError(`cannot assign '${typename(value)}' as parameter '${key}' (torch.nn.Parameter or None expected)`);
    c._parameters.set(key, null);
  } else {
    objects.set(key, value);
  }
}

/** Python's getattr(container, key). */
function getParameter(c: Module, objects: Map<string, unknown>, key: string): unknown {
  if (c._parameters.has(key)) return c._parameters.get(key);
  if (objects.has(key)) return objects.get(key);
  throw new AttributeError(`'${c._get_name()}' object has no attribute '${key}'`);
}

/** The repr line of one entry of ParameterList (dtype) and ParameterDict (legacy type name). */
function entryRepr(key: string, p: unknown, type: (t: Tensor) => string): string {
  if (!(p instanceof Tensor)) return `  (${key}): Object of type: ${typeName(p)}`;
  return `  (${key}): ${p instanceof Parameter ? 'Parameter' : 'Tensor'} containing: [${type(p)} of size ${p.shape.join('x')}]`;
}

/**
 * Holds parameters in a list (tensors given to it become nn.Parameters), registered as '0', '1', ...
 * @example
 * const ws = new nn.ParameterList([torch.randn([4, 4]), torch.randn([4, 4])]);
 * for (const w of ws) x = x.matmul(w);
 */
export class ParameterList extends Module {
  private _size = 0;
  private readonly _objects = new Map<string, unknown>();

  constructor(values: Iterable<unknown> | null = null) {
    super();
    if (values !== null) this.extend(values);
  }

  /**
   * `len(list)`.
   * @example ws.length
   */
  get length(): number { return this._size; }

  /**
   * `list[idx]`, negative counting from the end.
   * @example ws.at(0)
   */
  at(idx: number): Parameter {
    return getParameter(this, this._objects, String(absIndex(idx, this._size))) as Parameter;
  }

  /**
   * `list[start:stop:step]`: a new ParameterList holding the same parameters.
   * @example ws.slice(1)
   */
  slice(start?: number | null, stop?: number | null, step?: number | null): ParameterList {
    const out = new ParameterList();
    for (const i of sliceIndices(this._size, start, stop, step)) out.append(this.at(i));
    return out;
  }

  /**
   * `list[idx] = value` (a tensor becomes a Parameter).
   * @example ws.set(0, torch.zeros([4, 4]));
   */
  set(idx: number, value: unknown): void { setParameter(this, this._objects, String(absIndex(idx, this._size)), value); }

  /**
   * Adds a value at the end (a tensor becomes a Parameter).
   * @example ws.append(torch.ones([4]));
   */
  append(value: unknown): this {
    const idx = this._size++;
    this.set(idx, value);
    return this;
  }

  /**
   * Appends each value of an iterable (not a tensor).
   * @example ws.extend([torch.ones(2), torch.zeros(2)]);
   */
  extend(values: Iterable<unknown>): this {
    if (!isIterable(values) || values instanceof Tensor) {
      throw new TypeError(`ParameterList.extend should be called with an iterable, but got ${typeName(values)}`);
    }
    for (const v of values) this.append(v);
    return this;
  }

  *[Symbol.iterator](): Iterator<Parameter> { for (let i = 0; i < this._size; i++) yield this.at(i); }

  /** A ParameterList is not a layer. */
  override call(): never { throw new RuntimeError('ParameterList should not be called.'); }

  /**
   * One line per entry: `(0): Parameter containing: [torch.float32 of size 2x3]`.
   * @example new nn.ParameterList([torch.ones(2)]).extra_repr() // '  (0): Parameter containing: [torch.float32 of size 2]'
   */
  override extra_repr(): string {
    return [...this].map((p, k) => entryRepr(String(k), p, (t) => String(t.dtype))).join('\n');
  }
}

/**
 * Holds parameters by name (tensors given to it become nn.Parameters); a plain object given to
 * the constructor or update() is taken in sorted key order, as PyTorch takes a dict.
 * @example
 * const scales = new nn.ParameterDict(new Map([['a', torch.ones(3)], ['b', torch.zeros(3)]]));
 * scales.get('a'); // Parameter containing: tensor([1., 1., 1.], requires_grad=True)
 */
export class ParameterDict extends Module {
  private readonly _keys = new Set<string>();
  private readonly _objects = new Map<string, unknown>();

  constructor(parameters: Pairs<unknown> | null = null) {
    super();
    if (parameters !== null) this.update(parameters);
  }

  private attr(key: unknown): string {
    if (typeof key !== 'string') {
      throw new TypeError(`Index given to ParameterDict cannot be used as a key as it is not a string (type is '${typeName(key)}'). ` +
        'Open an issue on github if you need non-string keys.');
    }
    return key;
  }

  /**
   * `d[key]`.
   * @example scales.get('a')
   */
  get(key: string): Parameter { return getParameter(this, this._objects, this.attr(key)) as Parameter; }

  /**
   * `d[key] = value` (a tensor becomes a Parameter).
   * @example scales.set('c', torch.ones(3));
   */
  set(key: string, value: unknown): void {
    this._keys.add(key);
    setParameter(this, this._objects, this.attr(key), value);
  }

  /**
   * `del d[key]`.
   * @example scales.delete('c');
   */
  delete(key: string): void {
    if (!this._keys.delete(key)) throw keyError(key);
    const attr = this.attr(key);
    if (!this._parameters.delete(attr) && !this._objects.delete(attr)) throw new AttributeError(attr);
  }

  /**
   * `key in d`.
   * @example scales.has('a') // true
   */
  has(key: string): boolean { return this._keys.has(key); }

  /**
   * `len(d)`.
   * @example scales.length
   */
  get length(): number { return this._keys.size; }

  /**
   * Removes every entry.
   * @example scales.clear();
   */
  clear(): void { for (const k of [...this._keys]) this.delete(k); }

  /**
   * Removes and returns the entry under key.
   * @example const a = scales.pop('a');
   */
  pop(key: string): Parameter {
    const v = this.get(key);
    this.delete(key);
    return v;
  }

  /**
   * The keys, in order.
   * @example scales.keys() // ['a', 'b']
   */
  keys(): string[] { return [...this._keys]; }

  /**
   * The parameters, in key order.
   * @example scales.values().length
   */
  values(): Parameter[] { return this.keys().map((k) => this.get(k)); }

  /**
   * (key, parameter) pairs, in order.
   * @example scales.items()
   */
  items(): [string, Parameter][] { return this.keys().map((k) => [k, this.get(k)]); }

  /**
   * Adds or replaces entries from a Map or ParameterDict (in order), a plain object (sorted by key) or [key, value] pairs.
   * @example scales.update({ d: torch.ones(1) });
   */
  update(parameters: Pairs<unknown>): void {
    for (const [k, v] of updatePairs<unknown>('ParametersDict', parameters, true)) this.set(k, v);
  }

  *[Symbol.iterator](): Iterator<string> { yield* this._keys; }

  /** A ParameterDict is not a layer. */
  override call(): never { throw new RuntimeError('ParameterDict should not be called.'); }

  /**
   * One line per entry: `(a): Parameter containing: [torch.FloatTensor of size 3]`.
   * @example new nn.ParameterDict({ a: torch.ones(3) }).extra_repr() // '  (a): Parameter containing: [torch.FloatTensor of size 3]'
   */
  override extra_repr(): string { return this.items().map(([k, p]) => entryRepr(k, p, (t) => t.type())).join('\n'); }
}
