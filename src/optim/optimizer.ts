// torch.optim.Optimizer: parameter groups (each a plain object with its own
// options, read afresh at every step, so a scheduler or the user changing
// `param_groups[0].lr` takes effect), per-parameter state, PyTorch's
// state_dict() / load_state_dict() structure and zero_grad / step(closure).
// Subclasses only say how one parameter is updated from its group's options.

import { DType } from '../../abi/abi.js';
import { Tensor } from '../tensor.js';
import { enable_grad } from '../autograd.js';
import { noteDeviceWrite } from '../alias.js';
import { ValueError, TypeError, AssertionError, NotImplementedError } from '../errors.js';
import type { Handle } from '../device.js';

/** A value of a parameter's optimizer state: a buffer tensor, a number (Adam's step), or LBFGS's lists of them. */
export type StateValue = Tensor | number | null | Array<Tensor | number | null>;
/** One parameter's optimizer state (PyTorch's `optimizer.state[p]`). */
export type ParamState = Record<string, StateValue>;

/** A parameter group: its parameters and its options (every option of the optimizer's defaults). */
export type ParamGroup<O extends object = Record<string, unknown>> = O & { params: Tensor[]; [option: string]: unknown };

/** What a constructor or add_param_group takes as a group: params plus any options to override. */
export type ParamGroupInput<O extends object = Record<string, unknown>> = Partial<O> & {
  params: Iterable<Tensor> | Tensor; [option: string]: unknown;
};

/** The optimizer's parameters: an iterable of tensors, or of parameter groups. */
export type Params<O extends object = Record<string, unknown>> = Iterable<Tensor> | Iterable<ParamGroupInput<O>>;

/** PyTorch's Optimizer.state_dict(): state keyed by parameter index, groups with `params` as indices. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  param_groups: Array<Record<string, unknown> & { params: number[] }>;
}

/** Marks an option the user must give (PyTorch's `torch.optim.optimizer.required`). */
export const required: unique symbol = Symbol('required');

/** Python's repr of a float in a message (1 -> 1.0, 1e-8 -> 1e-08), nn's. */
export { pyFloat } from '../nn/layers.js';

/** A tensor like p filled with value (zeros by default; p's dtype too), on p's device, owned by the optimizer (not by any tidy() scope). */
export function stateLike(p: Tensor, value = 0): Tensor {
  const dev = p._dev;
  return new Tensor(dev, dev.full(p._shape, value, p._dtype), p._shape.slice(), p._dtype, false);
}

/** A copy of a loaded state tensor in p's dtype, on p's device, owned by the optimizer (load_state_dict's cast). */
export function stateCopy(p: Tensor, value: Tensor): Tensor {
  const dev = p._dev;
  const dtype = p._dtype === DType.Float32 || p._dtype === DType.Float64 ? p._dtype : value._dtype;
  const h = dev.full(value._shape, 0, dtype);
  dev.write(h, value.dataSync());
  return new Tensor(dev, h, value._shape.slice(), dtype, false);
}

/** Python's type name of a JS value, as torch.typename prints a non-tensor. */
export function pyTypeName(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (v === null || v === undefined) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Tensor) return v.type();
  return typeof v === 'object' && Object.getPrototypeOf(v) !== Object.prototype ? v.constructor.name : typeof v === 'object' ? 'dict' : typeof v;
}

/** A deep copy of an option value (arrays such as betas are copied, so groups never share them). */
const copyOption = (v: unknown): unknown => (Array.isArray(v) ? v.map(copyOption) : v);

/** The base class of every optimizer, as torch.optim.Optimizer. */
export abstract class Optimizer<O extends object = Record<string, unknown>> {
  /** The options a group takes when it does not give its own. */
  readonly defaults: O;
  /** The parameter groups; their options may be changed between steps (schedulers do). */
  param_groups: ParamGroup<O>[] = [];
  /** Each parameter's state (momentum buffers, moments), created at its first step. */
  state = new Map<Tensor, ParamState>();
  /**
   * @internal The state keys kept as numbers: PyTorch holds them as 0-dim tensors (float32, as
   * PyTorch's `step`), which load_state_dict reads as numbers (inside lists too).
   */
  protected numberState: readonly string[] = ['step'];

  constructor(params: Params<O>, defaults: O) {
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${params.type()}`);
    }
    let groups = [...params] as Array<Tensor | ParamGroupInput<O>>;
    if (groups.length === 0) throw new ValueError('optimizer got an empty parameter list');
    if (groups[0] instanceof Tensor) groups = [{ params: groups as Tensor[] } as unknown as ParamGroupInput<O>];
    for (const g of groups) this.add_param_group(g as ParamGroupInput<O>);
  }

  /**
   * Adds a parameter group, its missing options taken from the defaults (to fine-tune a layer
   * that was frozen, say). A parameter may belong to one group only.
   * @example opt.add_param_group({ params: head.parameters(), lr: 0.01 });
   */
  add_param_group(param_group: ParamGroupInput<O>): void {
    if (param_group === null || typeof param_group !== 'object' || param_group instanceof Tensor) {
      throw new AssertionError('param group must be a dict');
    }
    const ps = param_group.params;
    if (ps instanceof Set) {
      throw new TypeError('optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.');
    }
    const list = ps instanceof Tensor ? [ps] : [...ps];
    for (const p of list) {
      if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${pyTypeName(p)}`);
      if (!p.is_leaf) throw new ValueError("can't optimize a non-leaf Tensor");
      // the update kernels are float32 and float64 (a parameter is float: requires_grad says so)
      if (p._dtype !== DType.Float32 && p._dtype !== DType.Float64) {
        throw new NotImplementedError(`wasmgrad: optimizers support float32 and float64 parameters only, not ${p.dtype}`);
      }
    }
    const group: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(param_group)) if (k !== 'params') group[k] = copyOption(v);
    for (const [name, def] of Object.entries(this.defaults)) {
      if (def === required && !(name in group)) {
        throw new ValueError(`parameter group didn't specify a value of required optimization parameter ${name}`);
      }
      if (!(name in group)) group[name] = copyOption(def);
    }
    const seen = new Set<Tensor>();
    for (const g of this.param_groups) for (const p of g.params) seen.add(p);
    if (list.some((p) => seen.has(p))) throw new ValueError('some parameters appear in more than one parameter group');
    // params first, as PyTorch's group dicts keep the key the caller gave first
    this.param_groups.push({ params: list, ...group } as ParamGroup<O>);
  }

  /**
   * The optimizer's state as PyTorch structures it: `state` keyed by parameter index (counted
   * through the groups in order), `param_groups` with each group's options and `params` as those
   * indices. State tensors are the optimizer's own (not copies), as in PyTorch.
   * @example const saved = opt.state_dict(); other.load_state_dict(saved);
   */
  state_dict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let start = 0;
    const param_groups = this.param_groups.map((g) => {
      const packed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== 'params') packed[k] = copyOption(v);
      g.params.forEach((p, i) => { if (!index.has(p)) index.set(p, start + i); });
      start += g.params.length;
      return Object.assign(packed, { params: g.params.map((p) => index.get(p)!) });
    });
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      state[index.get(p)!] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.isArray(v) ? v.slice() : v]));
    }
    return { state, param_groups };
  }

  /**
   * Loads a state_dict() (this optimizer's, another's with the same group sizes, or real
   * PyTorch's): state tensors are copied in each parameter's dtype onto its device; `step` may
   * be a number or a one-element tensor.
   * @example opt.load_state_dict(saved);
   */
  load_state_dict(state_dict: OptimizerStateDict): void {
    const groups = this.param_groups, saved = state_dict.param_groups;
    if (groups.length !== saved.length) throw new ValueError('loaded state dict has a different number of parameter groups');
    if (groups.some((g, i) => g.params.length !== saved[i].params.length)) {
      throw new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    }
    const byIndex = new Map<number, Tensor>();
    saved.forEach((sg, i) => sg.params.forEach((id, j) => byIndex.set(Number(id), groups[i].params[j])));
    const state = new Map<Tensor, ParamState>();
    for (const [k, v] of Object.entries(state_dict.state)) {
      const p = byIndex.get(Number(k));
      if (p === undefined) continue; // PyTorch keeps unmatched keys; they can never be used
      const s: ParamState = {};
      const asNumber = (x: StateValue) => (x instanceof Tensor ? Number(x.item()) : x);
      const copy = (x: StateValue) => (x instanceof Tensor ? stateCopy(p, x) : x);
      for (const [key, value] of Object.entries(v)) {
        const load = this.numberState.includes(key) ? asNumber : copy;
        s[key] = Array.isArray(value) ? value.map(load) as StateValue : load(value);
      }
      state.set(p, s);
    }
    this.disposeState();
    this.state = state;
    this.param_groups = groups.map((g, i) => {
      const ng: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(saved[i])) if (k !== 'params') ng[k] = copyOption(v);
      return { params: g.params, ...ng } as ParamGroup<O>;
    });
  }

  /**
   * Clears the gradients of every parameter: to null (PyTorch 2's default, set_to_none=true),
   * or to zeros in place with `{ set_to_none: false }`.
   * @example opt.zero_grad(); loss.backward(); opt.step();
   */
  zero_grad(options: { set_to_none?: boolean } | boolean = {}): void {
    const setToNone = typeof options === 'boolean' ? options : options.set_to_none ?? true;
    for (const g of this.param_groups) {
      for (const p of g.params) {
        if (setToNone) { p.grad = null; continue; }
        // in place, as PyTorch's grad.zero_(): no new tensor, no wrapper left for the garbage collector
        const h = p._dev.grad(p.h);
        if (h === null) continue;
        p._dev.write(h, new Float32Array(p.numel()));
        p._dev.bumpVersion(h);
        p._dev.release(h);
      }
    }
  }

  /**
   * One update of every parameter that has a gradient, with its group's current options. With a
   * closure (which recomputes the loss and calls backward), runs it first, with gradients
   * enabled, and returns its loss.
   * @example
   * opt.step();
   * const loss = opt.step(() => { opt.zero_grad(); const l = F.mse_loss(model(x), y); l.backward(); return l; });
   */
  step<L = Tensor>(closure?: () => L): L | undefined {
    const loss = closure === undefined ? undefined : enable_grad(closure);
    for (const group of this.param_groups) {
      for (const p of group.params) {
        const g = p._dev.grad(p.h);
        if (g === null) continue;
        try {
          const s = this.state.get(p) ?? {};
          this.update(p, g, s, group);
          // a parameter whose update keeps nothing has no state entry (PyTorch 2's SGD without momentum)
          if (!this.state.has(p) && Object.keys(s).length > 0) this.state.set(p, s);
        } finally {
          p._dev.release(g);
        }
        // an in-place update, as PyTorch's: a graph that saved p refuses a later backward, and
        // a parameter that is a view writes its base
        noteDeviceWrite(p);
      }
    }
    return loss;
  }

  /** @internal one parameter's in-place update from its gradient (a borrowed handle), state and group */
  protected abstract update(p: Tensor, g: Handle, state: ParamState, group: ParamGroup<O>): void;

  /** Frees the state tensors (momentum buffers, moments); the next step starts them afresh. @example opt.dispose(); */
  dispose(): void {
    this.disposeState();
    this.state = new Map();
  }

  private disposeState(): void {
    for (const s of this.state.values()) {
      for (const v of Object.values(s)) for (const t of Array.isArray(v) ? v : [v]) if (t instanceof Tensor) t.dispose();
    }
  }
}
