// torch.nn.Module, the base class of every layer: it keeps parameters, buffers and submodules
// in registration order (PyTorch's _parameters, _buffers and _modules), which fixes the order of
// parameters(), the dotted names of named_parameters() and the keys of state_dict(), and prints
// itself as PyTorch's repr does. Hooks live in module_hooks.ts, state dicts in state_dict.ts.
//
// Python registers by attribute assignment (Module.__setattr__) and calls a module as a function
// (Module.__call__). JS needs a Proxy for the first and a function for the second, so a module is a
// Proxy over an arrow function whose prototype is the module's class: `this.fc = new nn.Linear(…)`
// registers the layer, and `model(x)` runs it. Registered members are mirrored as own properties
// of that function, so reading `model.fc` is a plain property read (the Proxy has no get trap).

import { Tensor } from '../tensor.js';
import { AttributeError, NotImplementedError, TypeError, ValueError, keyError } from '../errors.js';
import { pyType } from '../args.js';
import { Buffer, Parameter } from './parameter.js';
import {
  callModule, registerForwardHook, registerForwardPreHook, registerFullBackwardHook, registerFullBackwardPreHook,
  type ForwardHook, type ForwardPreHook, type HookOptions,
} from './module_hooks.js';
import type { FullBackwardHook, FullBackwardPreHook } from './module_backward_hooks.js';
import { loadStateDict, stateDict, type IncompatibleKeys, type LoadStateDictOptions, type StateDict, type StateDictOptions } from './state_dict.js';
import type { RemovableHandle } from '../tensor_hooks.js';
import { applyToModule, floatingTo, moduleTo, unsupportedModuleDtype, type ModuleToOptions } from './module_convert.js';
import { DType } from '../../abi/abi.js';
import type { TorchDtype } from '../dtype.js';
import type { DeviceName } from '../device.js';

/** named_parameters / named_buffers arguments: `(prefix, recurse, remove_duplicate)` or one options object. */
export interface NamedMemberOptions { prefix?: string; recurse?: boolean; remove_duplicate?: boolean }
type NamedArgs = [prefix?: string | NamedMemberOptions, recurse?: boolean, remove_duplicate?: boolean];
/** named_modules arguments: `(memo, prefix, remove_duplicate)` or one options object. */
export interface NamedModulesOptions { memo?: Set<Module> | null; prefix?: string; remove_duplicate?: boolean }

const named = (a: NamedArgs): Required<NamedMemberOptions> => (typeof a[0] === 'object' && a[0] !== null
  ? { prefix: a[0].prefix ?? '', recurse: a[0].recurse ?? true, remove_duplicate: a[0].remove_duplicate ?? true }
  : { prefix: (a[0] as string | undefined) ?? '', recurse: a[1] ?? true, remove_duplicate: a[2] ?? true });

/** PyTorch's torch.typename: a tensor's legacy type, else Python's name for the value's type. */
export const typename = (v: unknown): string => (v instanceof Tensor ? v.type() : v instanceof Module ? v._get_name() : pyType(v));

/** Python's textwrap-free _addindent: every line but the first indented by n spaces. */
export const addindent = (s: string, n: number): string => s.split('\n').join(`\n${' '.repeat(n)}`);

/**
 * Base class of all layers. Subclasses register parameters, buffers and submodules (in the
 * constructor, in the order Python's attribute assignments would) and implement forward();
 * `module.call(x)` is Python's `module(x)`: forward with the hooks around it.
 *
 * @example
 * class Net extends nn.Module {
 *   fc1 = this.register_module('fc1', new nn.Linear(4, 8));
 *   fc2 = this.register_module('fc2', new nn.Linear(8, 1));
 *   forward(x: torch.Tensor) { return this.fc2.call(this.fc1.call(x).relu()); }
 * }
 * const net = new Net();
 * net.named_parameters().map(([n]) => n); // ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']
 */
export class Module {
  /** True in training mode (the default), false after eval(). */
  declare training: boolean;
  /** @internal PyTorch's _parameters: name → parameter (null: a reserved name, as bias=False) */
  declare readonly _parameters: Map<string, Tensor | null>;
  /** @internal PyTorch's _buffers */
  declare readonly _buffers: Map<string, Tensor | null>;
  /** @internal the buffers state_dict leaves out (register_buffer's persistent=false) */
  declare readonly _non_persistent_buffers_set: Set<string>;
  /** @internal PyTorch's _modules; the containers reorder it */
  declare readonly _modules: Map<string, Module | null>;

  constructor() {
    // the fields live on the function, not on the object `new` made, which is dropped
    const self = ((...args: any[]) => callModule(proxy, args)) as unknown as Module;
    Reflect.deleteProperty(self, 'length');
    Reflect.deleteProperty(self, 'name');
    Object.setPrototypeOf(self, new.target.prototype);
    Object.assign(self, {
      training: true, _parameters: new Map(), _buffers: new Map(), _non_persistent_buffers_set: new Set(), _modules: new Map(),
    });
    Object.defineProperty(self, RAW, { value: self });
    const proxy = new Proxy(self, moduleTraps);
    return proxy;
  }

  /** The layer's computation; subclasses override it. */
  forward(..._args: any[]): any {
    throw new NotImplementedError(`Module [${this._get_name()}] is missing the required "forward" function`);
  }

  /**
   * Python's `module(x)`: the forward pre-hooks, forward(), then the forward hooks.
   * @example const y = model.call(x);
   */
  call(...args: Parameters<this['forward']>): ReturnType<this['forward']> { return callModule(this, args) as ReturnType<this['forward']>; }

  /** @internal The class name PyTorch's repr and messages use. */
  _get_name(): string { return this.constructor.name; }

  /** @internal Python's hasattr(self, name): a registered name, or a field that is set. */
  _hasattr(name: string): boolean {
    return this._parameters.has(name) || this._buffers.has(name) || this._modules.has(name) ||
      (name in this && (this as Record<string, unknown>)[name] !== undefined);
  }

  /** @internal Python's getattr(self, name) for a name _hasattr found. */
  _getattr(name: string): unknown {
    for (const m of [this._parameters, this._buffers, this._modules] as Map<string, unknown>[]) if (m.has(name)) return m.get(name);
    return (this as Record<string, unknown>)[name];
  }

  /**
   * Adds a parameter under `name` (null reserves the name, as bias=False does); it must be an
   * nn.Parameter, as in PyTorch.
   * @example this.weight = this.register_parameter('weight', new nn.Parameter(torch.zeros([3])));
   */
  register_parameter<T extends Tensor | null>(name: string, param: T): T {
    if (typeof name !== 'string') throw new TypeError(`parameter name should be a string. Got ${typename(name)}`);
    if (name.includes('.')) throw keyError('parameter name can\'t contain "."');
    if (name === '') throw keyError('parameter name can\'t be empty string ""');
    if (this._hasattr(name) && !this._parameters.has(name)) throw keyError(`attribute '${name}' already exists`);
    if (param !== null) {
      if (!(param instanceof Parameter)) {
        throw new TypeError(`cannot assign '${typename(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
      }
      if (param.grad_fn) {
        throw new ValueError(`Cannot assign non-leaf Tensor to parameter '${name}'. Model parameters must be created explicitly. ` +
          `To express '${name}' as a function of another Tensor, compute the value in the forward() method.`);
      }
    }
    this._parameters.set(name, param);
    mirror(this, name, param);
    return param;
  }

  /**
   * Adds a buffer under `name`: state that is not a parameter (BatchNorm's running statistics).
   * A non-persistent buffer (`{ persistent: false }`, or an nn.Buffer made so) is left out of state_dict().
   * @example this.running_mean = this.register_buffer('running_mean', torch.zeros([3]));
   */
  register_buffer<T extends Tensor | null>(name: string, tensor: T, options: { persistent?: boolean } | boolean = {}): T {
    // an nn.Buffer brings its own persistent, as Python's attribute assignment of one does
    const persistent = typeof options === 'boolean' ? options : options.persistent ?? (tensor instanceof Buffer ? tensor.persistent : true);
    if (typeof name !== 'string') throw new TypeError(`buffer name should be a string. Got ${typename(name)}`);
    if (name.includes('.')) throw keyError('buffer name can\'t contain "."');
    if (name === '') throw keyError('buffer name can\'t be empty string ""');
    if (this._hasattr(name) && !this._buffers.has(name)) throw keyError(`attribute '${name}' already exists`);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TypeError(`cannot assign '${typename(tensor)}' object to buffer '${name}' (torch Tensor or None required)`);
    }
    this._buffers.set(name, tensor);
    if (persistent) this._non_persistent_buffers_set.delete(name);
    else this._non_persistent_buffers_set.add(name);
    mirror(this, name, tensor);
    return tensor;
  }

  /**
   * Adds a submodule under `name` (replacing one of that name); its parameters follow this module's own.
   * @example this.fc = this.add_module('fc', new nn.Linear(2, 2));
   */
  add_module<M extends Module | null>(name: string, module: M): M {
    if (!(module instanceof Module) && module !== null) throw new TypeError(`${typename(module)} is not a Module subclass`);
    if (typeof name !== 'string') throw new TypeError(`module name should be a string. Got ${typename(name)}`);
    if (this._hasattr(name) && !this._modules.has(name)) throw keyError(`attribute '${name}' already exists`);
    if (name.includes('.')) throw keyError(`module name can't contain ".", got: ${name}`);
    if (name === '') throw keyError('module name can\'t be empty string ""');
    this._modules.set(name, module);
    mirror(this, name, module);
    return module;
  }

  /**
   * PyTorch 2's alias of add_module.
   * @example this.fc = this.register_module('fc', new nn.Linear(2, 2));
   */
  register_module<M extends Module | null>(name: string, module: M): M { return this.add_module(name, module); }

  /** @internal PyTorch's _named_members: each module's members once, with dotted names. */
  private _named_members(members: (m: Module) => Map<string, Tensor | null>, o: Required<NamedMemberOptions>): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const memo = new Set<Tensor>();
    const modules: [string, Module][] = o.recurse ? this.named_modules(null, o.prefix, o.remove_duplicate) : [[o.prefix, this]];
    for (const [pre, m] of modules) {
      for (const [k, v] of members(m)) {
        if (v === null || memo.has(v)) continue;
        if (o.remove_duplicate) memo.add(v);
        out.push([(pre ? `${pre}.` : '') + k, v]);
      }
    }
    return out;
  }

  /**
   * (name, parameter) pairs: this module's own, then each submodule's with a dotted prefix;
   * a parameter shared by two modules is listed once (unless remove_duplicate is false).
   * @example model.named_parameters() // [['0.weight', w], ['0.bias', b], ...]
   */
  named_parameters(...args: NamedArgs): [string, Tensor][] { return this._named_members((m) => m._parameters, named(args)); }

  /**
   * Every parameter, in registration order (what an optimizer takes).
   * @example new optim.SGD(model.parameters(), { lr: 0.1 })
   */
  parameters(recurse = true): Tensor[] { return this.named_parameters('', recurse).map(([, p]) => p); }

  /**
   * (name, buffer) pairs, persistent or not, named as named_parameters names parameters.
   * @example bn.named_buffers() // [['running_mean', t], ['running_var', t], ['num_batches_tracked', t]]
   */
  named_buffers(...args: NamedArgs): [string, Tensor][] { return this._named_members((m) => m._buffers, named(args)); }

  /**
   * Every buffer, in registration order.
   * @example model.buffers().length
   */
  buffers(recurse = true): Tensor[] { return this.named_buffers('', recurse).map(([, b]) => b); }

  /**
   * (name, submodule) pairs of the direct submodules, each module once.
   * @example seq.named_children() // [['0', Linear], ['1', ReLU]]
   */
  named_children(): [string, Module][] {
    const out: [string, Module][] = [];
    const memo = new Set<Module>();
    for (const [name, m] of this._modules) {
      if (m === null || memo.has(m)) continue;
      memo.add(m);
      out.push([name, m]);
    }
    return out;
  }

  /**
   * The direct submodules, in registration order.
   * @example seq.children().length
   */
  children(): Module[] { return this.named_children().map(([, m]) => m); }

  /**
   * (dotted name, module) pairs of this module ('' or `prefix`) and all below it, depth first;
   * a module reachable twice is listed once unless remove_duplicate is false.
   * @example net.named_modules().map(([n]) => n) // ['', 'fc1', 'fc2']
   */
  named_modules(memo: Set<Module> | null | NamedModulesOptions = null, prefix = '', remove_duplicate = true): [string, Module][] {
    if (memo !== null && !(memo instanceof Set)) {
      ({ prefix = '', remove_duplicate = true } = memo);
      memo = memo.memo ?? null;
    }
    const seen = memo ?? new Set<Module>();
    const out: [string, Module][] = [];
    if (seen.has(this)) return out;
    if (remove_duplicate) seen.add(this);
    out.push([prefix, this]);
    for (const [name, m] of this._modules) {
      if (m === null) continue;
      out.push(...m.named_modules(seen, prefix + (prefix ? '.' : '') + name, remove_duplicate));
    }
    return out;
  }

  /**
   * This module and all below it, depth first, each once.
   * @example net.modules().length
   */
  modules(): Module[] { return this.named_modules().map(([, m]) => m); }

  /**
   * The submodule at a dotted path ('' is this module), with PyTorch's AttributeErrors.
   * @example net.get_submodule('encoder.0')
   */
  get_submodule(target: string): Module {
    if (target === '') return this;
    let mod: Module = this;
    for (const item of target.split('.')) {
      if (!mod._hasattr(item)) throw new AttributeError(`${mod._get_name()} has no attribute \`${item}\``);
      const next = mod._getattr(item);
      if (!(next instanceof Module)) throw new AttributeError(`\`${item}\` is not an nn.Module`);
      mod = next;
    }
    return mod;
  }

  /**
   * The parameter at a dotted path, with PyTorch's AttributeErrors.
   * @example net.get_parameter('fc1.weight')
   */
  get_parameter(target: string): Parameter {
    const [mod, name] = this._split(target);
    if (!mod._hasattr(name)) throw new AttributeError(`${mod._get_name()} has no attribute \`${name}\``);
    const p = mod._getattr(name);
    if (!(p instanceof Parameter)) throw new AttributeError(`\`${name}\` is not an nn.Parameter`);
    return p;
  }

  /**
   * The buffer at a dotted path, with PyTorch's AttributeErrors.
   * @example net.get_buffer('bn.running_mean')
   */
  get_buffer(target: string): Tensor {
    const [mod, name] = this._split(target);
    if (!mod._hasattr(name)) throw new AttributeError(`${mod._get_name()} has no attribute \`${name}\``);
    const b = mod._getattr(name);
    if (!mod._buffers.has(name)) throw new AttributeError(`\`${name}\` is not a buffer`);
    return b as Tensor;
  }

  /** Python's target.rpartition('.'): the owning submodule and the last name. */
  private _split(target: string): [Module, string] {
    const i = target.lastIndexOf('.');
    return [this.get_submodule(i < 0 ? '' : target.slice(0, i)), target.slice(i + 1)];
  }

  /**
   * Calls fn on every submodule (children first, recursively) and then on this module.
   * @example model.apply((m) => { if (m instanceof nn.Linear) torch.no_grad(() => m.weight.fill_(1)); });
   */
  apply(fn: (module: Module) => void): this {
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Sets requires_grad on every parameter (freezing a model with false).
   * @example backbone.requires_grad_(false);
   */
  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }

  /**
   * Clears the gradients of every parameter (to null, PyTorch 2's default
   * set_to_none=True; with false, zeros them instead).
   * @example model.zero_grad();
   */
  zero_grad(set_to_none = true): void {
    for (const p of this.parameters()) {
      if (set_to_none) { p.grad = null; continue; }
      const g = p.grad;
      if (g) p.grad = new Tensor(g._dev, g._dev.full(g._shape, 0, g._dtype), g._shape.slice(), g._dtype, false);
    }
  }

  /**
   * Sets training mode on this module and its submodules.
   * @example model.train();
   */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new ValueError('training mode is expected to be boolean');
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }

  /**
   * Evaluation mode: train(false).
   * @example model.eval();
   */
  eval(): this { return this.train(false); }

  /**
   * Moves and/or casts the parameters and buffers in place and returns the module, as PyTorch's:
   * `to(device)`, `to(dtype)`, `to(device, dtype)`, `to(tensor)` or `to({ device, dtype, non_blocking })`.
   * Only floating tensors change dtype (an integer dtype raises PyTorch's TypeError); parameters
   * keep their identity (`param.data` is replaced) so an optimizer built before keeps working.
   * @example model.to('js', torch.float64); model.to({ dtype: torch.float64 });
   */
  to(...args: [target?: DeviceName | TorchDtype | string | Tensor | ModuleToOptions | null, ...rest: unknown[]]): this { return moduleTo(this, args); }

  /** The floating parameters and buffers as float32. @example model.float() */
  float(): this { return floatingTo(this, DType.Float32); }

  /** The floating parameters and buffers as float64. @example model.double() */
  double(): this { return floatingTo(this, DType.Float64); }

  /** Refused: torch.float16 is no wasmgrad dtype (as Tensor.half). @example model.half() // throws */
  half(): never { return unsupportedModuleDtype('half', 'float16'); }

  /** Refused: torch.bfloat16 is no wasmgrad dtype (as Tensor.bfloat16). @example model.bfloat16() // throws */
  bfloat16(): never { return unsupportedModuleDtype('bfloat16', 'bfloat16'); }

  /** Every parameter and buffer (integer ones too) cast to `dst_type`, as PyTorch's Module.type. @example model.type(torch.float64) */
  type(dst_type: TorchDtype | string): this { return applyToModule(this, (t) => t.type(dst_type)); }

  /** This module: both devices keep tensors in host memory, as PyTorch's CPU ones. @example model.cpu() === model */
  cpu(): this { return this; }

  /** This module: its tensors are already shared within the process (PyTorch's CPU share_memory_). @example model.share_memory() */
  share_memory(): this { return this; }

  /**
   * The parameters and persistent buffers by dotted name, detached (sharing storage) unless keep_vars.
   * @example Object.keys(new nn.Linear(2, 3).state_dict()) // ['weight', 'bias']
   */
  state_dict(options: StateDictOptions = {}): StateDict { return stateDict(this, options); }

  /**
   * Copies a state dict's tensors into the parameters and buffers in place (under no_grad; the
   * parameter objects stay), and returns the missing and unexpected keys; with strict (the
   * default) those raise PyTorch's "Error(s) in loading state_dict for ...".
   * @example model.load_state_dict(torch.safetensors.load(bytes))
   */
  load_state_dict(state_dict: StateDict | Map<string, Tensor>, options: LoadStateDictOptions | boolean = {}): IncompatibleKeys {
    return loadStateDict(this, state_dict, typeof options === 'boolean' ? { strict: options } : options);
  }

  /**
   * Runs hook(module, args) before forward on every call(); a returned tensor or array replaces the arguments.
   * @example const h = model.register_forward_pre_hook((m, args) => [args[0].mul(2)]); h.remove();
   */
  register_forward_pre_hook(hook: ForwardPreHook, options: HookOptions = {}): RemovableHandle {
    return registerForwardPreHook(this, hook, options);
  }

  /**
   * Runs hook(module, args, output) after forward on every call(); a returned value replaces the output.
   * @example const h = model.register_forward_hook((m, args, out) => out.relu()); h.remove();
   */
  register_forward_hook(hook: ForwardHook, options: HookOptions = {}): RemovableHandle {
    return registerForwardHook(this, hook, options);
  }

  /**
   * Runs hook(module, grad_input, grad_output) when the gradients of the module's input are
   * computed; a returned array replaces grad_input. (One input tensor that requires grad, one output.)
   * @example model.register_full_backward_hook((m, gin, gout) => [gin[0]?.clamp(-1, 1) ?? null]);
   */
  register_full_backward_hook(hook: FullBackwardHook, options: HookOptions = {}): RemovableHandle {
    return registerFullBackwardHook(this, hook, options);
  }

  /**
   * Runs hook(module, grad_output) before the module's backward; a returned array replaces grad_output.
   * @example model.register_full_backward_pre_hook((m, gout) => [gout[0]!.mul(0.5)]);
   */
  register_full_backward_pre_hook(hook: FullBackwardPreHook, options: HookOptions = {}): RemovableHandle {
    return registerFullBackwardPreHook(this, hook, options);
  }

  /**
   * PyTorch's summary of the module's own settings, one line per setting group.
   * @example new nn.Linear(2, 3).extra_repr() // 'in_features=2, out_features=3, bias=True'
   */
  extra_repr(): string { return ''; }

  /**
   * PyTorch's repr: the class name, extra_repr, then each submodule as `(name): repr`, indented.
   * @example String(new nn.Sequential(new nn.ReLU())) // 'Sequential(\n  (0): ReLU()\n)'
   */
  toString(): string {
    const extra = this.extra_repr();
    const extraLines = extra ? extra.split('\n') : [];
    const childLines = [...this._modules].map(([k, m]) => `(${k}): ${addindent(m === null ? 'None' : String(m), 2)}`);
    const lines = [...extraLines, ...childLines];
    let main = `${this._get_name()}(`;
    if (lines.length) main += extraLines.length === 1 && !childLines.length ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
    return `${main})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

/**
 * Python's `module(x)`: every module is callable, typed by its forward().
 * @example const y = model(x); // model.call(x), model.forward(x) without the hooks
 */
export interface Module {
  (...args: Parameters<this['forward']>): ReturnType<this['forward']>;
}

/** The function behind a module's Proxy, where its fields live. */
const RAW = Symbol('Module.raw');
const raw = (m: Module): Module => (m as unknown as Record<symbol, Module>)[RAW] ?? m;

/** Makes a registered member readable as `module.name`, as Python's __getattr__ does. */
function mirror(m: Module, name: string, value: unknown): void {
  Reflect.defineProperty(raw(m), name, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * PyTorch's Module.__setattr__ for `module.name = value`: a Parameter registers as a parameter, a
 * Module as a submodule, and a name already registered takes only what PyTorch lets it take.
 * False: an ordinary attribute.
 */
function setattr(m: Module, name: string, value: unknown): boolean {
  const drop = (...maps: (Map<string, unknown> | Set<string>)[]) => { for (const map of maps) map.delete(name); };
  if (value instanceof Parameter) {
    Reflect.deleteProperty(m, name);
    drop(m._buffers, m._modules, m._non_persistent_buffers_set);
    m.register_parameter(name, value);
  } else if (m._parameters.has(name)) {
    if (value !== null) throw new TypeError(`cannot assign '${typename(value)}' as parameter '${name}' (torch.nn.Parameter or None expected)`);
    m.register_parameter(name, null);
  } else if (value instanceof Module) {
    drop(m._parameters, m._buffers, m._non_persistent_buffers_set);
    m._modules.set(name, value);
    mirror(m, name, value);
  } else if (m._modules.has(name)) {
    if (value !== null) throw new TypeError(`cannot assign '${typename(value)}' as child module '${name}' (torch.nn.Module or None expected)`);
    m._modules.set(name, null);
    mirror(m, name, null);
  } else if (value instanceof Buffer) {
    // PyTorch 2.5: an nn.Buffer registers with its own persistent flag
    Reflect.deleteProperty(m, name);
    m.register_buffer(name, value);
  } else if (m._buffers.has(name)) {
    if (value !== null && !(value instanceof Tensor)) {
      throw new TypeError(`cannot assign '${typename(value)}' as buffer '${name}' (torch.Tensor or None expected)`);
    }
    m._buffers.set(name, value);
    mirror(m, name, value);
  } else {
    return false;
  }
  return true;
}

// No set trap: an assignment ends in [[DefineOwnProperty]] on the receiver (or in a prototype's
// setter), and class fields define directly, so defineProperty sees both.
const moduleTraps: ProxyHandler<Module> = {
  defineProperty(m, name, desc) {
    if (typeof name === 'string' && 'value' in desc && setattr(m, name, desc.value)) return true;
    return Reflect.defineProperty(m, name, desc);
  },
  deleteProperty(m, name) {
    if (typeof name === 'string') {
      // PyTorch's __delattr__
      for (const map of [m._parameters, m._buffers, m._modules, m._non_persistent_buffers_set]) map.delete(name);
    }
    return Reflect.deleteProperty(m, name);
  },
};
