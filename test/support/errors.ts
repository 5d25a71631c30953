// What the error suites share: decoding a recorded PyTorch call (fixtures
// errors.json, sizes.json), running it on a device, and the check that a
// failed op left every other tensor, the tape and the allocator intact.

import { expect } from 'vitest';
import { torch, loadFixture, fromFixture, type Device, type TensorFixture } from './torch.js';

export type Arg = number | boolean | string | null | Arg[] | { tensor: TensorFixture } | { list: Arg[] } | { float: number | string };
export interface ErrorCase {
  name: string; call?: string; args?: Arg[]; kwargs?: Record<string, Arg>; script?: string;
  error?: string; error_type?: string;
}

// PyTorch's values for the sentinel (ops.json "scenarios")
const S = loadFixture('ops.json').scenarios;

/** A fixture argument as the JS value: tensors, lists of tensors, non-finite floats ({ float: 'nan' }). */
export function decode(arg: Arg, device: Device): unknown {
  if (Array.isArray(arg)) return arg.map((a) => decode(a, device));
  if (arg !== null && typeof arg === 'object') {
    if ('tensor' in arg) return fromFixture(arg.tensor, device);
    if ('list' in arg) return arg.list.map((a) => decode(a, device));
    if ('float' in arg) return typeof arg.float === 'number' ? arg.float : Number(arg.float === 'inf' ? Infinity : arg.float === '-inf' ? -Infinity : NaN);
  }
  return arg;
}

/** Runs a recorded call: `torch.f`, `F.f`, `nn.Module` (constructed) or `Tensor.method`. */
export function callCase(c: ErrorCase, device: Device): unknown {
  const args = c.args!.map((a) => decode(a, device));
  const kw = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, decode(v, device)]));
  const all = Object.keys(kw).length ? [...args, kw] : args;
  const [ns, name] = c.call!.split('.');
  if (ns === 'nn') {
    const Module = (torch.nn as unknown as Record<string, new (...a: unknown[]) => unknown>)[name];
    return new Module(...all);
  }
  const target = (ns === 'torch' ? torch : ns === 'F' ? torch.nn.functional : null) as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (target) return target[name](...all);
  return (args[0] as Record<string, (...a: unknown[]) => unknown>)[name](...all.slice(1));
}

/** A small graph that must survive any failed op untouched. */
export function sentinel(device: Device) {
  const w = torch.tensor([[0.5, -1.5], [2.0, 0.25]], { requires_grad: true, device });
  const y = w.mul(w).sum();
  return { w, y, values: Array.from(w.dataSync()), before: torch.memory(device), device };
}

/**
 * Nothing is lost: the same live tensors and records as before the failed
 * op, the sentinel intact and differentiable, and the next op works.
 */
export function expectIntact(s: ReturnType<typeof sentinel>): void {
  if (s.device === 'wasm') {
    const after = torch.memory(s.device);
    expect(after.numTensors).toBe(s.before.numTensors);
    expect(after.numRecords).toBe(s.before.numRecords);
  }
  expect(Array.from(s.w.dataSync())).toEqual(s.values);
  s.y.backward();
  expect(s.w.grad!.tolist()).toEqual(S['errors/sentinel'].values.grad);
  const z = torch.tidy(() => torch.ones([3], { device: s.device }).mul(2).sum());
  expect(z.item()).toBe(S['errors/sentinel'].values.z);
  z.dispose();
  s.w.dispose(); s.y.dispose();
}
