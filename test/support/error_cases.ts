// What the error suites share: calls decoded from a fixture (a PyTorch call
// with its arguments, as JSON) and the check that a failed call throws
// PyTorch's exception and leaves the engine intact: the same live tensors and
// records, a sentinel graph unchanged and still differentiable, the next op
// working.

import { expect } from 'vitest';
import { torch, fromFixture, loadFixture, values, type Device, type TensorFixture } from './torch.js';

/**
 * A fixture argument. JSON numbers, bools, strings, null and lists of ints
 * stand for themselves; the tagged forms stand for what JSON cannot say.
 */
export type Arg =
  | number | boolean | string | null | number[]
  | { tensor: TensorFixture } | { list: Arg[] } | { undefined: true } | { dict: Record<string, Arg> }
  | { float32array: number[] } | { number: 'nan' | 'inf' | '-inf' };

/**
 * A call of a PyTorch function, method ("Tensor.x": on args[0]), F / autograd function or nn
 * module constructor; `layouts[i]` is "t" where PyTorch held arg i as t() of a contiguous tensor.
 */
export interface Call { call: string; args: Arg[]; kwargs?: Record<string, Arg>; layouts?: (string | null)[] }

/** arg x as PyTorch held it: "t" rebuilds the transpose of a contiguous tensor */
function withLayout(x: unknown, layout: string | null | undefined, device: Device): unknown {
  return layout === 't' ? torch.tensor((x as torch.Tensor).t().tolist() as number[][], { device }).t() : x;
}

export function decode(arg: Arg, device: Device): unknown {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return arg;
  if ('tensor' in arg) return fromFixture(arg.tensor, device);
  if ('list' in arg) return arg.list.map((a) => decode(a, device));
  if ('dict' in arg) return Object.fromEntries(Object.entries(arg.dict).map(([k, v]) => [k, decode(v, device)]));
  if ('float32array' in arg) return Float32Array.from(arg.float32array);
  if ('number' in arg) return values({ data: [arg.number] } as TensorFixture)[0];
  return undefined;
}

/** Runs the call on `device`, keyword arguments as the trailing options object. */
export function runCall(c: Call, device: Device): unknown {
  const args = c.args.map((a, i) => withLayout(decode(a, device), c.layouts?.[i], device));
  const kw = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, decode(v, device)]));
  const all = Object.keys(kw).length ? [...args, kw] : args;
  const [ns, name, sub] = c.call.split('.');
  if (ns === 'nn') {
    const Module = (torch.nn as unknown as Record<string, new (...a: unknown[]) => unknown>)[name];
    return new Module(...all);
  }
  const namespaces: Record<string, unknown> = { torch, F: torch.nn.functional, autograd: torch.autograd };
  const target = namespaces[ns] as Record<string, (...a: unknown[]) => unknown> | undefined;
  if (target) return sub ? (target[name] as unknown as typeof target)[sub](...all) : target[name](...all); // torch.linalg.cross too
  // x[index_key(spec)] in the fixture generators: x.index(spec)
  if (name === '__getitem_spec__') return (args[0] as torch.Tensor).index(args[1] as never);
  return (args[0] as Record<string, (...a: unknown[]) => unknown>)[name](...all.slice(1));
}

// PyTorch's values for the sentinel (ops.json "scenarios")
const S = loadFixture('ops.json').scenarios;

/** A small graph that must survive any failed op untouched; `before` is the engine's count. */
export function sentinel(device: Device) {
  const w = torch.tensor([[0.5, -1.5], [2.0, 0.25]], { requires_grad: true, device });
  const y = w.mul(w).sum();
  return { w, y, values: Array.from(w.dataSync()), before: torch.memory(device), device };
}

/**
 * Nothing is lost: the same live tensors and records as before the failed op
 * (wasm counts them), the sentinel's values and gradient PyTorch's, the next op right.
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

/** Runs `run` inside tidy and returns what it threw (null if nothing). */
export function thrownBy(run: () => void): unknown {
  let thrown: unknown = null;
  torch.tidy(() => {
    try { run(); } catch (e) { thrown = e; }
  });
  return thrown;
}

/**
 * Asserts that `run` throws `expected.error_type` with exactly `expected.error`
 * and that nothing else was touched (expectIntact).
 */
export function expectErrorLeavesEngineIntact(
  device: Device, run: () => void, expected: { error: string; error_type: string },
): void {
  const s = sentinel(device);
  const thrown = thrownBy(run);
  expect(thrown, 'expected an error').toBeInstanceOf(Error);
  expect((thrown as Error).message).toBe(expected.error);
  expect((thrown as Error).name).toBe(expected.error_type);
  // the exception is an instance of the class torch exports under PyTorch's name (torch.TypeError, ...,
  // torch.linalg.LinAlgError, torch.autograd.GradcheckError)
  const classes = { ...torch.linalg, ...torch.autograd, ...torch } as unknown as Record<string, typeof Error>;
  expect(thrown).toBeInstanceOf(classes[expected.error_type]);
  expectIntact(s);
}
