// Tensor.register_hook: functions run on a tensor's gradient when the backward sweep computes
// it, each able to replace it, as PyTorch's tensor hooks. The device marks the tensor; its sweep
// calls out to runHooks (src/custom_backward.ts) for the tensor's gradient: a leaf's before it
// reaches .grad (or autograd.grad's result), a non-leaf's before it flows on to its grad_fn
// (and into a retained .grad, as PyTorch 2 runs retain_grad's hook last).
//
// Tensor.register_post_accumulate_grad_hook (a leaf's hooks that run once its .grad has
// accumulated) rides on the same mark: the sweep's call for the leaf's gradient notes the leaf,
// and backward() runs its post hooks when the sweep is over (runPostAccumulateHooks), in the
// order the leaves' gradients were completed. autograd.grad accumulates nothing: none run.

import { Tensor } from './tensor.js';
import { RuntimeError, TypeError } from './errors.js';
import { pushScope, popScope, inSweepGradMode, isGradEnabled, setGradEnabled } from './runtime.js';
import { setTensorHook } from './custom_backward.js';
import type { Backend, Handle } from './device.js';

type Hook = (grad: Tensor) => Tensor | null | undefined | void;
type PostHook = (tensor: Tensor) => unknown;

/** The hooks of each marked tensor, by device handle, in the order they were registered. */
const hooks = new Map<Handle, { id: number; fn: Hook }[]>();
/** The post-accumulate-grad hooks of each leaf, by handle, with the leaf (weakly: the hooks must not keep it). */
const postHooks = new Map<Handle, { id: number; fn: PostHook; leaf: WeakRef<Tensor> }[]>();
/** The leaves with post hooks whose gradient the running backward() completed, in that order (null: none running). */
let completed: Handle[] | null = null;
let ids = 0;

/**
 * What register_hook returns: `remove()` takes the hook off, as PyTorch's RemovableHandle.
 * @example const h = x.register_hook((g) => g.mul(2)); h.remove();
 */
export class RemovableHandle {
  /** @internal */
  constructor(private readonly _remove: () => void) {}
  /**
   * Takes the hook off the tensor.
   * @example handle.remove()
   */
  remove(): void { this._remove(); }
}

/** @internal Tensor.register_hook */
export function registerHook(t: Tensor, fn: Hook): RemovableHandle {
  if (!t.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
  if (typeof fn !== 'function') throw new TypeError('register_hook expects a function');
  return addTo(hooks, t, { id: ++ids, fn });
}

/** @internal Tensor.register_post_accumulate_grad_hook: PyTorch 2's checks, then the hook on the leaf. */
export function registerPostAccumulateHook(t: Tensor, fn: PostHook): RemovableHandle {
  if (!t.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
  if (t.grad_fn !== null) throw new RuntimeError('post accumulate grad hooks cannot be registered on non-leaf tensors');
  if (typeof fn !== 'function') throw new TypeError('register_post_accumulate_grad_hook expects a function');
  return addTo(postHooks, t, { id: ++ids, fn, leaf: new WeakRef(t) });
}

/** Adds a hook to t's list in `map` and marks t for the sweep; the handle takes it off again. */
function addTo<E extends { id: number }>(map: Map<Handle, E[]>, t: Tensor, entry: E): RemovableHandle {
  const h = t.h, dev = t._dev;
  map.set(h, [...(map.get(h) ?? []), entry]);
  dev.setHasHooks(h, true);
  return new RemovableHandle(() => {
    const rest = (map.get(h) ?? []).filter((e) => e.id !== entry.id);
    if (rest.length) map.set(h, rest); else map.delete(h);
    if (!t.isDisposed) dev.setHasHooks(h, hooks.has(h) || postHooks.has(h));
  });
}

/** @internal Forgets a disposed tensor's hooks (its handle may be reused). */
export function dropHooks(h: Handle): void { hooks.delete(h); postHooks.delete(h); }

/**
 * @internal Runs `sweep` (a backward), then the post-accumulate-grad hooks of the leaves whose
 * .grad it accumulated (`accumulated(h)`), as PyTorch's engine runs them: with grad mode as the
 * sweep's (`createGraph`), each hook given the leaf, which must return nothing.
 */
export function withPostAccumulateHooks<R>(sweep: () => R, accumulated: (h: Handle) => boolean, createGraph: boolean): R {
  if (!postHooks.size) return sweep();
  const outer = completed;
  completed = [];
  let leaves: Handle[] = [];
  let result: R;
  try {
    result = sweep();
  } finally {
    leaves = completed;
    completed = outer;
  }
  const was = isGradEnabled();
  setGradEnabled(createGraph);
  try {
    for (const h of leaves) {
      if (!accumulated(h)) continue;
      // PyTorch calls every hook of the leaf, then refuses a result other than None or the leaf itself
      let returned = false;
      for (const { fn, leaf } of postHooks.get(h) ?? []) {
        const t = leaf.deref();
        if (!t || t.isDisposed) continue;
        const r: unknown = fn(t);
        returned ||= r !== undefined && r !== null && r !== t;
      }
      if (returned) throw new RuntimeError('Tensor post accumulate grad hooks should return None.');
    }
  } finally {
    setGradEnabled(was);
  }
  return result;
}
/** The hooks run in order, each on what the previous left; a new handle of the result. */
function runHooks(dev: Backend, h: Handle, g: Handle): Handle {
  if (completed && postHooks.has(h) && !completed.includes(h)) completed.push(h);
  const list = hooks.get(h) ?? [];
  // in the sweep's mode, as PyTorch runs hooks: under create_graph what a hook computes records
  return inSweepGradMode(dev, () => {
    pushScope();
    try {
      dev.retain(g);
      let grad = new Tensor(dev, g, dev.shapeOf(g), dev.dtypeOf(g));
      for (const { fn } of list) {
        const r = fn(grad);
        if (r === null || r === undefined) continue;
        if (!(r instanceof Tensor)) throw new TypeError(`hook must return a Tensor or None, not ${typeof r}`);
        if (r._shape.length !== grad._shape.length || r._shape.some((s, d) => s !== grad._shape[d])) {
          throw new RuntimeError(`hook '${fn.name || '<lambda>'}' has changed the size of value`);
        }
        grad = r;
      }
      dev.retain(grad.h);
      return grad.h;
    } finally {
      popScope(new Set());
    }
  });
}

setTensorHook(runHooks);
