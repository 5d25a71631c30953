// The runner of the linalg fixture cases (scripts/gen_linalg_fixtures.py's format), shared by
// test/linalg.test.ts and test/linalg2.test.ts: a case's outputs, grad_fn names, gradients and
// second-order gradients on one device.

import { expect } from 'vitest';
import { torch, fromFixture, expectClose, decodeNumber, type Device, type TensorFixture } from './torch.js';
import type { Tolerance } from './tolerances.js';

export type Arg = number | boolean | string | null | { tensor: TensorFixture } | { list: Arg[] };
export interface Case {
  id: string; fn: string; args: Arg[]; kwargs: Record<string, unknown>; outs: (TensorFixture | null)[]; grad_fns: (string | null)[];
  loss: ('id' | 'sq' | null)[]; weights: (TensorFixture | null)[]; grads: (TensorFixture | null)[] | null;
  weights2: (TensorFixture | null)[] | null; grads2: (TensorFixture | null)[] | null;
}
export interface ErrorCase { id: string; fn: string; args: Arg[]; kwargs: Record<string, unknown>; type: string; message: string }

type Fn = (...a: unknown[]) => torch.Tensor | torch.Tensor[];
/** torch.<name> (dotted), or the method of the first argument for "Tensor.<name>". */
const fnOf = (name: string): Fn => {
  if (name.startsWith('Tensor.')) {
    const m = name.slice('Tensor.'.length);
    return (self, ...rest) => (self as Record<string, Fn>)[m].call(self, ...rest);
  }
  return name.split('.').reduce<any>((o, k) => o[k], torch) as Fn;
};

/** A case's call on device: its outputs and its tensor arguments. */
export function run(c: Pick<Case, 'fn' | 'args' | 'kwargs'>, device: Device): { outs: torch.Tensor[]; leaves: torch.Tensor[] } {
  const leaves: torch.Tensor[] = [];
  const one = (a: Arg): unknown => {
    // gen_fixtures.enc_arg writes a non-finite float as 'inf', '-inf' or 'nan'
    if (a === 'inf' || a === '-inf' || a === 'nan') return decodeNumber(a);
    if (a === null || typeof a !== 'object') return a;
    if ('list' in a) return a.list.map(one);
    const t = fromFixture(a.tensor, device);
    leaves.push(t);
    return t;
  };
  const args = c.args.map(one);
  if (Object.keys(c.kwargs).length) args.push(c.kwargs);
  const r = fnOf(c.fn)(...args);
  return { outs: Array.isArray(r) ? r : [r], leaves };
}

/**
 * Checks a case: each output (through `expected(k, output)`, which may align PyTorch's values
 * to ours first), the grad_fn names, then the gradients of the recorded loss for the inputs that
 * require grad (null for the others: LU's pivots) and, with create_graph, the second order.
 */
export function checkCase(c: Case, device: Device, tol: Tolerance, expected: (k: number, o: torch.Tensor, outs: torch.Tensor[]) => TensorFixture | null): void {
  const { outs, leaves } = run(c, device);
  expect(outs.length).toBe(c.outs.length);
  outs.forEach((o, k) => {
    const e = c.outs[k] && expected(k, o, outs);
    if (e) expectClose(o, e, tol, `output ${k}`);
  });
  expect(outs.map((o) => o.grad_fn?.name() ?? null)).toEqual(c.grad_fns);
  if (!c.grads) return;
  const terms = outs.flatMap((o, k) => {
    const kind = c.loss[k];
    if (!kind) return [];
    const w = fromFixture(c.weights[k]!, device, false);
    return [(kind === 'sq' ? o.mul(o) : o).mul(w).sum()];
  });
  const loss = terms.reduce((x, y) => x.add(y));
  const diff = leaves.filter((t) => t.requires_grad);
  const got = torch.autograd.grad(loss, diff, { allow_unused: true, create_graph: !!c.grads2 });
  const grads = leaves.map((t) => (t.requires_grad ? got[diff.indexOf(t)] : null));
  grads.forEach((g, k) => {
    // PyTorch leaves an empty input (det of 0×0 matrices) without a gradient; wasmgrad's is empty
    if (c.grads![k] === null) expect(g === null || g.numel() === 0).toBe(true);
    else expectClose(g, c.grads![k]!, tol, `gradient ${k}`);
  });
  if (!c.grads2) return;
  const loss2 = grads.flatMap((g, k) => (g ? [g.mul(fromFixture(c.weights2![k]!, device, false)).sum()] : [])).reduce((x, y) => x.add(y));
  const got2 = torch.autograd.grad(loss2, diff, { allow_unused: true });
  leaves.forEach((t, k) => {
    const g = t.requires_grad ? got2[diff.indexOf(t)] : null;
    if (c.grads2![k] === null) expect(g === null || Array.from(g.dataSync()).every((v) => v === 0)).toBe(true);
    else expectClose(g, c.grads2![k]!, tol, `second-order gradient ${k}`);
  });
}

/** Checks an error case: PyTorch's message (and LinAlgError's class), or a backward's error. */
export function checkError(e: ErrorCase, device: Device): void {
  if (e.type === 'backward') {
    const { outs } = run(e, device);
    expect(() => outs[1].sum().backward()).toThrow(e.message);
    return;
  }
  let thrown: unknown = null;
  try { run(e, device); } catch (err) { thrown = err; }
  expect(thrown, 'no error').toBeInstanceOf(Error);
  expect((thrown as Error).message).toBe(e.message);
  if (e.type === 'LinAlgError') expect(thrown).toBeInstanceOf(torch.linalg.LinAlgError);
}

/** Runs step twice, then five more times, and expects the wasm allocator's counts not to move (tensors, records, bytes). */
export function expectFlatMemory(step: () => void, reset: () => void): void {
  const snapshot = (): object => {
    const m = torch.memory('wasm');
    return { numTensors: m.numTensors, numRecords: m.numRecords, numBytes: m.numBytes };
  };
  step(); step();
  reset();
  const before = snapshot();
  for (let i = 0; i < 5; i++) { step(); reset(); }
  expect(snapshot()).toEqual(before);
}
