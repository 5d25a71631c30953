// Every op against real PyTorch, on both devices: the fixtures in
// fixtures/ops.json come from scripts/gen_fixtures.py running PyTorch. Each
// case checks the output, the grad_fn name, and the gradient of
// (out · upstream).sum() for every tensor argument that requires grad.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type Device, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

type Arg = number | boolean | string | null | number[] | { tensor: TensorFixture } | { list: Arg[] };
interface Case {
  name: string; family: string; call: string; args: Arg[]; kwargs: Record<string, Arg>;
  out: TensorFixture | TensorFixture[]; grad_fn: string | null; upstream: TensorFixture | null;
  grads?: (TensorFixture | null)[]; list_grads?: (TensorFixture | null)[][];
}

const fixture = loadFixture<{ cases: Case[] }>('ops.json');

const F = torch.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>;
const T = torch as unknown as Record<string, (...a: unknown[]) => unknown>;

// JS has no operator overloading: Python's operators map to the functions they call
const dunder: Record<string, (a: unknown[]) => unknown> = {
  __add__: ([x, y]) => torch.add(x as never, y as never),
  __radd__: ([x, y]) => torch.add(y as never, x as never),
  __sub__: ([x, y]) => torch.sub(x as never, y as never),
  __rsub__: ([x, y]) => torch.sub(y as never, x as never),
  __mul__: ([x, y]) => torch.mul(x as never, y as never),
  __rmul__: ([x, y]) => torch.mul(y as never, x as never),
  __truediv__: ([x, y]) => torch.div(x as never, y as never),
  __rtruediv__: ([x, y]) => torch.div(y as never, x as never),
  __pow__: ([x, y]) => torch.pow(x as never, y as never),
  __rpow__: ([x, y]) => torch.pow(y as never, x as never),
  __neg__: ([x]) => torch.neg(x as never),
  __matmul__: ([x, y]) => torch.matmul(x as never, y as never),
};
// torch.pow(2, x) is PowBackward2; Python's 2 ** x goes through another overload (PowBackward1)
const nameDiffers = new Set(['Tensor.__rpow__']);

function decode(arg: Arg, device: Device, leaves: torch.Tensor[]): unknown {
  if (arg !== null && typeof arg === 'object' && !Array.isArray(arg)) {
    if ('tensor' in arg) {
      const t = fromFixture(arg.tensor, device);
      leaves.push(t);
      return t;
    }
    if ('list' in arg) return arg.list.map((a) => decode(a, device, leaves));
  }
  return arg;
}

function call(c: Case, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const withKw = Object.keys(kwargs).length ? [...args, kwargs] : args;
  const [ns, name] = c.call.split('.');
  if (ns === 'torch') return T[name](...withKw);
  if (ns === 'F') return F[name](...withKw);
  if (name.startsWith('__')) return dunder[name](args);
  const self = args[0] as unknown as Record<string, (...a: unknown[]) => unknown>;
  return self[name](...withKw.slice(1));
}

describe.each(DEVICES)('ops vs PyTorch on %s', (device) => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const tol = tolerances[c.family];
      const argLeaves: torch.Tensor[] = [];
      const args = c.args.map((a) => decode(a, device, argLeaves));
      const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v, device, argLeaves)]));
      const result = call(c, args, kwargs);
      const outs = (Array.isArray(result) ? result : [result]) as torch.Tensor[];
      const expected = Array.isArray(c.out) ? c.out : [c.out];
      expected.forEach((e, i) => expectClose(outs[i], e, tol, `output ${i}`));
      if (c.grad_fn && !nameDiffers.has(c.call)) expect(outs[0].grad_fn?.name()).toBe(c.grad_fn);
      if (!c.upstream) return;
      const upstream = fromFixture(c.upstream, device, false);
      outs[0].mul(upstream).sum().backward();
      // positional tensor args, in order; list_grads has one entry per list arg (read, never consumed:
      // the fixture is shared by both devices)
      let leaf = 0, listArg = 0;
      c.args.forEach((a, i) => {
        if (a !== null && typeof a === 'object' && !Array.isArray(a) && 'tensor' in a) {
          const t = argLeaves[leaf++];
          const g = c.grads?.[i];
          if (g) expectClose(t.grad, g, tol, `grad of arg ${i}`);
        } else if (a !== null && typeof a === 'object' && !Array.isArray(a) && 'list' in a) {
          const lg = c.list_grads![listArg++];
          a.list.forEach((_, j) => {
            const t = argLeaves[leaf++];
            if (lg[j]) expectClose(t.grad, lg[j]!, tol, `grad of arg ${i}[${j}]`);
            else expect(t.requires_grad && t.grad !== null, `arg ${i}[${j}] has a gradient PyTorch has not`).toBe(false);
          });
        }
      });
    });
  }
});
