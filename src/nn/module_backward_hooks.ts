// Module full backward hooks, by PyTorch's BackwardHook technique (torch/utils/hooks.py): call()
// passes the module's input and its output through an identity torch.autograd.Function
// (BackwardHookFunction). The backward of the output's identity sees grad_output first: the
// backward pre-hooks may replace it. The backward of the input's identity then sees grad_input:
// the backward hooks get (module, grad_input, grad_output) and may replace grad_input. When no
// input requires grad, the hooks run at the output with grad_input all null, as in PyTorch. The
// gradients a hook is given live until the backward step that gave them ends, as a tensor hook's
// do: a hook that stores one keeps it with torch.keep.
//
// wasmgrad's Function has one output, so a module with full backward hooks takes at most one
// input tensor that requires grad and returns one tensor; others raise NotImplementedError.

import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { NotImplementedError, RuntimeError, TypeError } from '../errors.js';
import { keep } from '../memory.js';
import { track } from '../runtime.js';
import type { Module } from './module.js';

/** hook(module, grad_input, grad_output): return nothing to keep grad_input, or an array to replace it. */
export type FullBackwardHook = (module: Module, grad_input: (Tensor | null)[], grad_output: (Tensor | null)[]) => unknown;
/** hook(module, grad_output): return nothing to keep grad_output, or an array (or a tensor) to replace it. */
export type FullBackwardPreHook = (module: Module, grad_output: (Tensor | null)[]) => unknown;

/** One call()'s hooks and what its backward has seen so far. */
interface Call {
  module: Module;
  hooks: FullBackwardHook[];
  preHooks: FullBackwardPreHook[];
  /** tensor arguments of the call, and which one requires grad (−1: none) */
  nInputs: number;
  input: number;
  gradOutput: (Tensor | null)[];
}

function runPreHooks(c: Call, g: Tensor | null): Tensor | null {
  let out: (Tensor | null)[] = [g];
  for (const hook of c.preHooks) {
    const r = hook(c.module, out);
    if (r === null || r === undefined) continue;
    const list = Array.isArray(r) ? r : [r];
    if (list.length !== 1) throw new RuntimeError(`Backward pre hook returned an invalid number of grad_output, got ${list.length}, but expected 1`);
    out = list as (Tensor | null)[];
  }
  c.gradOutput = out;
  return out[0];
}

function runHooks(c: Call, gradInput: (Tensor | null)[]): (Tensor | null)[] {
  for (const hook of c.hooks) {
    const r = hook(c.module, gradInput, c.gradOutput);
    if (r === null || r === undefined) continue;
    if (!Array.isArray(r)) throw new TypeError('backward hook must return None or a tuple of gradients');
    if (c.input < 0 && !r.every((e) => e === null || e === undefined)) {
      throw new RuntimeError('Backward hook for Modules where no input requires gradient should always return None or None for all gradients.');
    }
    if (r.length !== gradInput.length) throw new RuntimeError(`Backward hook returned an invalid number of grad_input, got ${r.length}, but expected ${gradInput.length}`);
    gradInput = r as (Tensor | null)[];
  }
  return gradInput;
}

/** PyTorch's BackwardHookFunction: the identity, whose backward runs one side of the hooks. */
class BackwardHookFunction extends Function {
  static override forward(ctx: FunctionCtx, x: Tensor, call: Call, side: 'input' | 'output'): Tensor {
    ctx.call = call;
    ctx.side = side;
    return x.clone();
  }

  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    const c = ctx.call as Call;
    if (ctx.side === 'output') {
      const out = runPreHooks(c, g);
      if (c.input < 0) runHooks(c, new Array<Tensor | null>(c.nInputs).fill(null));
      // grad_output outlives this step until the input's step hands it to the hooks
      else c.gradOutput = c.gradOutput.map((t) => (t ? keep(t.clone()) : null));
      return [out, null, null];
    }
    for (const t of c.gradOutput) if (t) track(t); // ends with this step, unless a hook keeps it
    const gradInput = new Array<Tensor | null>(c.nInputs).fill(null);
    gradInput[c.input] = g;
    return [runHooks(c, gradInput)[c.input], null, null];
  }
}

/** @internal call()'s arguments with the one that requires grad through the input identity; the identity for the output. */
export function setupBackwardHooks(module: Module, args: any[], hooks: FullBackwardHook[], preHooks: FullBackwardPreHook[]): [any[], (result: unknown) => unknown] {
  const tensors = args.filter((a): a is Tensor => a instanceof Tensor);
  const needing = tensors.filter((t) => t.requires_grad);
  if (needing.length > 1) {
    throw new NotImplementedError('wasmgrad: full backward hooks on a module called with several tensors that require grad are not supported yet');
  }
  const call: Call = { module, hooks, preHooks, nInputs: tensors.length, input: needing.length ? tensors.indexOf(needing[0]) : -1, gradOutput: [] };
  const wrapped = args.map((a) => (a instanceof Tensor && a === needing[0] ? BackwardHookFunction.apply(a, call, 'input') : a));
  return [wrapped, (result) => {
    if (!(result instanceof Tensor)) {
      throw new NotImplementedError('wasmgrad: full backward hooks on a module whose forward does not return one tensor are not supported yet');
    }
    return result.requires_grad ? BackwardHookFunction.apply(result, call, 'output') : result;
  }];
}
