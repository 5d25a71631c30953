// torch.autograd.function.once_differentiable: a Function's backward that cannot itself be
// differentiated. As PyTorch's decorator, the wrapped backward runs under no_grad; under
// create_graph its gradients come out requiring grad, each through a node that raises PyTorch's
// error when a later backward reaches it (PyTorch's DelayedError), so a first-order backward
// with create_graph still works and only differentiating twice fails.

import { Tensor } from './tensor.js';
import { RuntimeError } from './errors.js';
import { no_grad, is_grad_enabled } from './autograd.js';
import { Function, type FunctionCtx } from './autograd_function.js';

const TWICE = 'trying to differentiate twice a function that was marked with @once_differentiable';

/** PyTorch's DelayedError node: the identity forward, a backward that raises. */
class DelayedError extends Function {
  static forward(_ctx: FunctionCtx, x: Tensor): Tensor { return x; }
  static backward(): Tensor { throw new RuntimeError(TWICE); }
}

type Backward = (ctx: FunctionCtx, ...grad_outputs: any[]) => Tensor | null | readonly (Tensor | null)[];

/**
 * Wraps a Function's backward so that it runs under no_grad and a second differentiation
 * through it raises PyTorch's error, as the `@once_differentiable` decorator.
 * @example
 * class Exp extends torch.autograd.Function {
 *   static forward(ctx: torch.autograd.FunctionCtx, x: torch.Tensor) { const y = x.exp(); ctx.save_for_backward(y); return y; }
 *   static backward = torch.autograd.once_differentiable((ctx, g: torch.Tensor) => g.mul(ctx.saved_tensors[0]!));
 * }
 */
export function once_differentiable<B extends Backward>(fn: B): B {
  const wrapper = function (this: unknown, ctx: FunctionCtx, ...args: unknown[]) {
    const outputs = no_grad(() => fn.call(this, ctx, ...args));
    if (!is_grad_enabled() || !args.some((a) => a instanceof Tensor && a.requires_grad)) return outputs;
    // each gradient, detached and made to require grad, goes through a node that refuses a backward
    const delayed = (t: Tensor | null): Tensor | null => (t instanceof Tensor ? DelayedError.apply(t.detach().requires_grad_()) : t);
    return Array.isArray(outputs) ? outputs.map(delayed) : delayed(outputs as Tensor | null);
  };
  Object.defineProperty(wrapper, 'name', { value: fn.name });
  return wrapper as unknown as B;
}
