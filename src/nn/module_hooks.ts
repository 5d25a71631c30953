// Module hooks and Python's Module.__call__ (PyTorch's _call_impl): the global forward pre-hooks,
// the module's own, forward(), then the global forward hooks and the module's own; full backward
// hooks wrap the input and the output (module_backward_hooks.ts).
// Each registry is ordered like PyTorch's OrderedDict keyed by handle id: a new hook goes last,
// or first with `prepend` (PyTorch 2's move_to_end(last=False)); global hooks always run first.

import type { Module } from './module.js';
import { RemovableHandle } from '../tensor_hooks.js';
import { NotImplementedError, TypeError } from '../errors.js';
import { setupBackwardHooks, type FullBackwardHook, type FullBackwardPreHook } from './module_backward_hooks.js';

/** hook(module, args): return nothing to keep the arguments, a tensor or an array to replace them. */
export type ForwardPreHook = (module: Module, args: any[]) => unknown;
/** hook(module, args, output): return nothing to keep the output, anything else to replace it. */
export type ForwardHook = (module: Module, args: any[], output: any) => unknown;
/** PyTorch 2's keyword arguments of register_forward_pre_hook / register_forward_hook. */
export interface HookOptions { prepend?: boolean; with_kwargs?: boolean; always_call?: boolean }

/** One ordered hook registry (PyTorch's OrderedDict of hooks). */
class Registry<F> {
  entries: { id: number; fn: F }[] = [];
  add(fn: F, prepend: boolean): RemovableHandle {
    const id = ++nextId; // PyTorch's RemovableHandle.next_id is shared by every registry
    if (prepend) this.entries.unshift({ id, fn }); else this.entries.push({ id, fn });
    return new RemovableHandle(() => { this.entries = this.entries.filter((e) => e.id !== id); });
  }
}
let nextId = 0;

const preHooks = new WeakMap<Module, Registry<ForwardPreHook>>();
const forwardHooks = new WeakMap<Module, Registry<ForwardHook>>();
const backwardHooks = new WeakMap<Module, Registry<FullBackwardHook>>();
const backwardPreHooks = new WeakMap<Module, Registry<FullBackwardPreHook>>();
const globalPreHooks = new Registry<ForwardPreHook>();
const globalForwardHooks = new Registry<ForwardHook>();

function checkOptions(what: string, hook: unknown, o: HookOptions): void {
  if (typeof hook !== 'function') throw new TypeError(`${what} expects a function`);
  // Module.call takes positional arguments only, so there are no keyword arguments to hand a hook
  if (o.with_kwargs) throw new NotImplementedError(`wasmgrad: ${what}(with_kwargs=True) is not supported: call() takes no keyword arguments`);
  if (o.always_call) throw new NotImplementedError(`wasmgrad: ${what}(always_call=True) is not supported yet`);
}

function registry<F>(map: WeakMap<Module, Registry<F>>, m: Module): Registry<F> {
  let r = map.get(m);
  if (!r) map.set(m, r = new Registry<F>());
  return r;
}

/** A register_*_hook of Module: checks the options, adds the hook to the module's registry. */
const registerIn = <F>(map: WeakMap<Module, Registry<F>>, what: string) => (m: Module, hook: F, o: HookOptions): RemovableHandle => {
  checkOptions(what, hook, o);
  return registry(map, m).add(hook, o.prepend ?? false);
};
/** @internal Module.register_forward_pre_hook */
export const registerForwardPreHook = registerIn(preHooks, 'register_forward_pre_hook');
/** @internal Module.register_forward_hook */
export const registerForwardHook = registerIn(forwardHooks, 'register_forward_hook');
/** @internal Module.register_full_backward_hook */
export const registerFullBackwardHook = registerIn(backwardHooks, 'register_full_backward_hook');
/** @internal Module.register_full_backward_pre_hook */
export const registerFullBackwardPreHook = registerIn(backwardPreHooks, 'register_full_backward_pre_hook');

/**
 * A forward pre-hook for every module (torch.nn.modules.module.register_module_forward_pre_hook):
 * it runs before each module's own pre-hooks.
 * @example const h = nn.register_module_forward_pre_hook((m, args) => { console.log(m._get_name()); }); h.remove();
 */
export function register_module_forward_pre_hook(hook: ForwardPreHook): RemovableHandle {
  checkOptions('register_module_forward_pre_hook', hook, {});
  return globalPreHooks.add(hook, false);
}

/**
 * A forward hook for every module (torch.nn.modules.module.register_module_forward_hook): it
 * runs before each module's own forward hooks.
 * @example const h = nn.register_module_forward_hook((m, args, out) => { console.log(String(m), out.shape); }); h.remove();
 */
export function register_module_forward_hook(hook: ForwardHook, options: HookOptions = {}): RemovableHandle {
  checkOptions('register_module_forward_hook', hook, options);
  return globalForwardHooks.add(hook, false);
}

/** @internal Module.call: PyTorch's _call_impl without backward hooks. */
export function callModule(m: Module, args: any[]): any {
  const pre = (): { fn: ForwardPreHook }[] => [...globalPreHooks.entries, ...preHooks.get(m)?.entries ?? []];
  const post = (): { fn: ForwardHook }[] => [...globalForwardHooks.entries, ...forwardHooks.get(m)?.entries ?? []];
  const before = pre();
  const backward = backwardHooks.get(m)?.entries ?? [], backwardPre = backwardPreHooks.get(m)?.entries ?? [];
  if (!before.length && !post().length && !backward.length && !backwardPre.length) return m.forward(...args);
  // snapshots, as Python iterates a tuple of the dicts' values: a hook removed mid-call still runs this time
  for (const { fn } of before) {
    const r = fn(m, args);
    if (r !== null && r !== undefined) args = Array.isArray(r) ? r : [r];
  }
  let wrapOutput = (r: unknown): unknown => r;
  if (backward.length || backwardPre.length) {
    [args, wrapOutput] = setupBackwardHooks(m, args, backward.map((e) => e.fn), backwardPre.map((e) => e.fn));
  }
  let result = m.forward(...args);
  for (const { fn } of post()) {
    const r = fn(m, args, result);
    if (r !== null && r !== undefined) result = r;
  }
  return wrapOutput(result);
}
