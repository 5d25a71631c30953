// Module.state_dict and Module.load_state_dict as PyTorch 2's module.py has them: the keys are
// the dotted names of parameters and persistent buffers; loading copies each tensor into the
// existing parameter or buffer in place under no_grad (so optimizers keep their references),
// collects the missing and unexpected keys and the size mismatches, and raises them together.
// As in PyTorch, what matched is loaded even when the load then raises.

import { Tensor } from '../tensor.js';
import { no_grad } from '../autograd.js';
import { RuntimeError, TypeError, pyRepr } from '../errors.js';
import { pyType } from '../args.js';
import { Parameter } from './parameter.js';
import type { Module } from './module.js';

/** A state dict: dotted name → tensor, in registration order (PyTorch's OrderedDict). */
export type StateDict = Record<string, Tensor>;
/** state_dict's keyword arguments. */
export interface StateDictOptions { destination?: StateDict; prefix?: string; keep_vars?: boolean }
/** load_state_dict's keyword arguments (`assign` is PyTorch 2.1's). */
export interface LoadStateDictOptions { strict?: boolean; assign?: boolean }

/** Python's list repr of strings: ['a', 'b']. */
const pyList = (keys: string[]): string => `[${keys.map((k) => `'${k}'`).join(', ')}]`;
const size = (t: Tensor): string => `torch.Size([${t.shape.join(', ')}])`;

/**
 * What load_state_dict returns: PyTorch's _IncompatibleKeys named tuple.
 * @example
 * const r = model.load_state_dict(sd, { strict: false });
 * r.missing_keys; r.unexpected_keys; String(r) // '<All keys matched successfully>' when both are empty
 */
export class IncompatibleKeys {
  /** @internal */
  constructor(
    /** Keys of this module that the state dict lacks. */
    readonly missing_keys: string[],
    /** Keys of the state dict that name nothing in this module. */
    readonly unexpected_keys: string[],
  ) {}

  /**
   * PyTorch's repr of the result.
   * @example String(model.load_state_dict(model.state_dict())) // '<All keys matched successfully>'
   */
  toString(): string {
    if (!this.missing_keys.length && !this.unexpected_keys.length) return '<All keys matched successfully>';
    return `_IncompatibleKeys(missing_keys=${pyList(this.missing_keys)}, unexpected_keys=${pyList(this.unexpected_keys)})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

/** @internal Module.state_dict */
export function stateDict(m: Module, o: StateDictOptions): StateDict {
  const dest = o.destination ?? {};
  const prefix = o.prefix ?? '', keep = o.keep_vars ?? false;
  for (const [name, p] of m._parameters) if (p) dest[prefix + name] = keep ? p : p.detach();
  for (const [name, b] of m._buffers) if (b && !m._non_persistent_buffers_set.has(name)) dest[prefix + name] = keep ? b : b.detach();
  for (const [name, child] of m._modules) if (child) child.state_dict({ destination: dest, prefix: `${prefix + name}.`, keep_vars: keep });
  return dest;
}

interface Report { missing: string[]; unexpected: string[]; errors: string[] }

/** PyTorch's _load_from_state_dict for one module's own parameters and persistent buffers. */
function loadOwn(m: Module, sd: Map<string, unknown>, prefix: string, assign: boolean, r: Report): void {
  const local = new Map<string, Tensor>();
  for (const [k, v] of m._parameters) if (v) local.set(k, v);
  for (const [k, v] of m._buffers) if (v && !m._non_persistent_buffers_set.has(k)) local.set(k, v);
  for (const [name, param] of local) {
    const key = prefix + name;
    if (!sd.has(key)) { r.missing.push(key); continue; }
    const given = sd.get(key);
    if (!(given instanceof Tensor)) {
      r.errors.push(`While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received <class '${pyType(given)}'>`);
      continue;
    }
    let input: Tensor = given;
    // backward compatibility with PyTorch 0.3's 1-dim scalars
    if (param.dim() === 0 && input.dim() === 1) input = input.select(0, 0);
    if (input.shape.length !== param.shape.length || input.shape.some((s, i) => s !== param.shape[i])) {
      r.errors.push(`size mismatch for ${key}: copying a param with shape ${size(input)} from checkpoint, the shape in current model is ${size(param)}.`);
      continue;
    }
    const src = input.device === param.device ? input : input.to(param.device);
    if (assign) {
      // PyTorch 2.1's assign=True: the checkpoint's tensor replaces the parameter (setattr)
      const value = param instanceof Parameter && !(src instanceof Parameter) ? new Parameter(src, param.requires_grad) : src;
      if (value instanceof Parameter) value.requires_grad_(param.requires_grad);
      (m._parameters.has(name) ? m._parameters : m._buffers).set(name, value);
      if ((m as unknown as Record<string, unknown>)[name] === param) (m as unknown as Record<string, unknown>)[name] = value;
      continue;
    }
    try {
      no_grad(() => param.copy_(src));
    } catch (e) {
      r.errors.push(`While copying the parameter named "${key}", whose dimensions in the model are ${size(param)} and ` +
        `whose dimensions in the checkpoint are ${size(input)}, an exception occurred : (${pyRepr((e as Error).message)},).`);
    }
  }
  for (const key of sd.keys()) {
    if (!key.startsWith(prefix)) continue;
    const parts = key.slice(prefix.length).split('.');
    // a dotted key must lead into a submodule; a plain one must name a parameter or buffer
    if (parts.length > 1 ? !m._modules.has(parts[0]) : !local.has(parts[0])) r.unexpected.push(key);
  }
}

/** @internal Module.load_state_dict */
export function loadStateDict(root: Module, state_dict: StateDict | Map<string, Tensor>, o: LoadStateDictOptions): IncompatibleKeys {
  if (state_dict === null || typeof state_dict !== 'object' || Array.isArray(state_dict) || state_dict instanceof Tensor) {
    throw new TypeError(`Expected state_dict to be dict-like, got <class '${pyType(state_dict)}'>.`);
  }
  const strict = o.strict ?? true, assign = o.assign ?? false;
  const all = new Map<string, unknown>(state_dict instanceof Map ? state_dict : Object.entries(state_dict));
  const r: Report = { missing: [], unexpected: [], errors: [] };
  const load = (m: Module, sd: Map<string, unknown>, prefix: string): void => {
    loadOwn(m, sd, prefix, assign, r);
    for (const [name, child] of m._modules) {
      if (!child) continue;
      const childPrefix = `${prefix + name}.`;
      load(child, new Map([...sd].filter(([k]) => k.startsWith(childPrefix))), childPrefix);
    }
  };
  load(root, all, '');
  if (strict) {
    const quoted = (keys: string[]): string => keys.map((k) => `"${k}"`).join(', ');
    if (r.unexpected.length) r.errors.unshift(`Unexpected key(s) in state_dict: ${quoted(r.unexpected)}. `);
    if (r.missing.length) r.errors.unshift(`Missing key(s) in state_dict: ${quoted(r.missing)}. `);
  }
  if (r.errors.length) throw new RuntimeError(`Error(s) in loading state_dict for ${root._get_name()}:\n\t${r.errors.join('\n\t')}`);
  return new IncompatibleKeys(r.missing, r.unexpected);
}
