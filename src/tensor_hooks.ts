// Tensor.register_hook: functions run on a tensor's gradient when the backward sweep computes
// it, each able to replace it, as PyTorch's tensor hooks. The device marks the tensor; its sweep
// calls out to runHooks (src/custom_backward.ts) for the tensor's gradient: a leaf's before it
// reaches .grad (or autograd.grad's result), a non-leaf's before it flows on to its grad_fn
// (and into a retained .grad, as PyTorch 2 runs retain_grad's hook last).

import { Tensor } from './tensor.js';
import { RuntimeError, TypeError } from './errors.js';
import { pushScope, popScope, inSweepGradMode } from './runtime.js';
import { setTensorHook } from './custom_backward.js';
import type { Backend, Handle } from './device.js';

type Hook = (grad: Tensor) => Tensor | null | undefined | void;

/** The hooks of each marked tensor, by device handle, in the order they were registered. */
const hooks = new Map<Handle, { id: number; fn: Hook }[]>();
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
  const h = t.h, dev = t._dev, id = ++ids;
  const list = hooks.get(h) ?? [];
  list.push({ id, fn });
  hooks.set(h, list);
  dev.setHasHooks(h, true);
  return new RemovableHandle(() => {
    const now = hooks.get(h);
    if (!now) return;
    const rest = now.filter((e) => e.id !== id);
    if (rest.length) { hooks.set(h, rest); return; }
    hooks.delete(h);
    if (!t.isDisposed) dev.setHasHooks(h, false);
  });
}

/** @internal Forgets a disposed tensor's hooks (its handle may be reused). */
export function dropHooks(h: Handle): void { hooks.delete(h); }

/** The hooks run in order, each on what the previous left; a new handle of the result. */
function runHooks(dev: Backend, h: Handle, g: Handle): Handle {
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
