// Bad input gets PyTorch's error, and nothing is lost: every case of
// fixtures/errors.json (PyTorch's own messages, from scripts/gen_fixtures.py)
// must throw the same exception type and message on both devices, and
// afterwards every other tensor, the tape and the allocator are intact and
// the next op (with backward) works.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, type Device, type TensorFixture } from './support/torch.js';

type Arg = number | boolean | string | null | number[] | { tensor: TensorFixture } | { list: Arg[] };
interface ErrorCase {
  name: string; call?: string; args?: Arg[]; kwargs?: Record<string, Arg>; script?: string;
  error: string; error_type: string;
  /** per arg: "t" when PyTorch held it as t() of a contiguous tensor */
  layouts?: (string | null)[];
}

const fixture = loadFixture<{ cases: ErrorCase[] }>('errors.json');
// PyTorch's values for the sentinel and the transposed view (ops.json "scenarios")
const S = loadFixture('ops.json').scenarios;

const scripts: Record<string, (device: Device) => void> = {
  backward_nonscalar: (device) => {
    const x = torch.ones([2, 3], { requires_grad: true, device });
    x.mul(2).backward();
  },
  backward_no_grad_fn: (device) => {
    torch.ones([2, 3], { device }).sum().backward();
  },
  backward_twice_mul_scalar: (device) => {
    const y = torch.tensor([1.0, 2.0], { requires_grad: true, device }).mul(2).sum();
    y.backward();
    y.backward();
  },
  backward_twice_div_scalar: (device) => {
    const y = torch.tensor([1.0, 2.0], { requires_grad: true, device }).div(2).sum();
    y.backward();
    y.backward();
  },
  backward_empty_inputs: (device) => {
    torch.tensor([1.0, 2.0], { requires_grad: true, device }).sum().backward({ inputs: [] });
  },
  backward_twice: (device) => {
    const x = torch.tensor([0.5, -1.0], { requires_grad: true, device });
    const y = torch.sigmoid(x).sum();
    y.backward();
    y.backward();
  },
};

function decode(arg: Arg, device: Device): unknown {
  if (arg !== null && typeof arg === 'object' && !Array.isArray(arg)) {
    if ('tensor' in arg) return fromFixture(arg.tensor, device);
    if ('list' in arg) return arg.list.map((a) => decode(a, device));
  }
  return arg;
}

/** arg i as PyTorch held it: "t" rebuilds the transpose of a contiguous tensor */
function withLayout(x: unknown, layout: string | null | undefined, device: Device): unknown {
  return layout === 't' ? torch.tensor((x as torch.Tensor).t().tolist() as number[][], { device }).t() : x;
}

function run(c: ErrorCase, device: Device): void {
  if (c.script) return scripts[c.script](device);
  const args = c.args!.map((a, i) => withLayout(decode(a, device), c.layouts?.[i], device));
  const kw = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, decode(v, device)]));
  const all = Object.keys(kw).length ? [...args, kw] : args;
  const [ns, name] = c.call!.split('.');
  const target = (ns === 'torch' ? torch : ns === 'F' ? torch.nn.functional : null) as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (target) target[name](...all);
  else (args[0] as Record<string, (...a: unknown[]) => unknown>)[name](...all.slice(1));
}

/** A small graph that must survive any failed op untouched. */
function sentinel(device: Device) {
  const w = torch.tensor([[0.5, -1.5], [2.0, 0.25]], { requires_grad: true, device });
  const y = w.mul(w).sum();
  return { w, y, values: Array.from(w.dataSync()) };
}

describe.each(DEVICES)('errors on %s', (device) => {
  for (const c of fixture.cases) {
    it(`${c.name}: ${c.error_type}`, () => {
      const s = sentinel(device);
      const before = torch.memory(device);
      let thrown: unknown = null;
      torch.tidy(() => {
        try { run(c, device); } catch (e) { thrown = e; }
      });
      expect(thrown, 'expected an error').toBeInstanceOf(Error);
      expect((thrown as Error).message).toBe(c.error);
      expect((thrown as Error).name).toBe(c.error_type);
      // nothing is lost: same live tensors and records, the sentinel intact and differentiable
      if (device === 'wasm') {
        const after = torch.memory(device);
        expect(after.numTensors).toBe(before.numTensors);
        expect(after.numRecords).toBe(before.numRecords);
      }
      expect(Array.from(s.w.dataSync())).toEqual(s.values);
      s.y.backward();
      expect(s.w.grad!.tolist()).toEqual(S['errors/sentinel'].values.grad);
      const z = torch.tidy(() => torch.ones([3], { device }).mul(2).sum());
      expect(z.item()).toBe(S['errors/sentinel'].values.z);
      z.dispose();
      s.w.dispose(); s.y.dispose();
    });
  }

  describe('view() after transpose, permute, expand, squeeze, unsqueeze, clone, reshape, detach (PyTorch\'s computeStride)', () => {
    type Chain = [number[], (string | number)[][], number[], unknown, boolean];
    for (const [shape, chain, target, want, contiguous] of S['errors/views of strided tensors'].values.cases as Chain[]) {
      const what = `[${shape}] ${chain.map(([name, ...args]) => `${name}(${args})`).join('.')}.view([${target}])`;
      it(`${what}: ${typeof want === 'string' ? 'RuntimeError' : 'a view'}`, () => {
        let x = torch.arange(shape.reduce((a, b) => a * b, 1), { device }).reshape(shape);
        for (const [name, ...args] of chain) x = (x as unknown as Record<string, (...a: unknown[]) => torch.Tensor>)[name as string](...args);
        expect(x.is_contiguous()).toBe(contiguous);
        if (typeof want === 'string') expect(() => x.view(target)).toThrow(want);
        else expect(x.view(target).tolist()).toEqual(want);
      });
    }
  });
});
