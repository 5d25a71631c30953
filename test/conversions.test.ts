// JS operators on tensors and how they print. JS has no operator overloading:
// `t < 1000`, `+t`, `t * 2` convert the tensor to a number first. A one-element
// tensor converts to the number Python's float(t) / int(t) gives
// (fixtures/arguments.json "scalar_conversions"); any other size throws what
// PyTorch 2's t.item() throws (the "Tensor.item" cases of arguments.json) and
// leaves the engine intact. `${t}` prints the tensor, and grad_fn prints as
// Python's repr of the node without its address (fixtures/format.json "grad_fns").

import { describe, it, expect, vi } from 'vitest';
import { format, inspect } from 'node:util';
import { torch, DEVICES, loadFixture, fromFixture, decodeNumber, expectClose, type TensorFixture } from './support/torch.js';
import { decode, expectErrorLeavesEngineIntact, expectIntact, sentinel, thrownBy, type Call } from './support/error_cases.js';

interface ItemError extends Call { name: string; error: string; error_type: string }
const args = loadFixture<{
  errors: ItemError[];
  scalar_conversions: {
    values: { name: string; tensor: TensorFixture; python: string; value: number | string }[];
    loop: { python: string; x: TensorFixture; steps: number; y: TensorFixture };
  };
}>('arguments.json');
const itemErrors = args.errors.filter((c) => c.call === 'Tensor.item');
const { grad_fns: gradFns } = loadFixture<{ grad_fns: { method: string; args: number[]; python: string; repr: string }[] }>('format.json');

/** The tensor as plain JS treats it: TypeScript refuses `t < 1000` on a Tensor, JS runs it. */
const js = (t: torch.Tensor) => t as unknown as number;

/** Every way JS turns a tensor into a number. */
const conversions: [string, (t: torch.Tensor) => unknown][] = [
  ['+t', (t) => +t],
  ['Number(t)', (t) => Number(t)],
  ['t.valueOf()', (t) => t.valueOf()],
  ['t < 1000', (t) => js(t) < 1000],
  ['t * 2', (t) => js(t) * 2],
  ['t + 1', (t) => js(t) + 1],
  ['t == 0', (t) => js(t) == 0], // eslint-disable-line eqeqeq
];

describe.each(DEVICES)('JS operators on %s', (device) => {
  for (const c of args.scalar_conversions.values) {
    it(`one element (${c.name}) converts as ${c.python}`, () => {
      torch.tidy(() => {
        const t = fromFixture(c.tensor, device);
        const v = decodeNumber(c.value);
        expect(+t).toBe(v);
        expect(Number(t)).toBe(v);
        expect(t.valueOf()).toBe(v);
        expect(js(t) < 1000).toBe(v < 1000);
        expect(js(t) >= v).toBe(v >= v);
        expect(js(t) * 2).toBe(v * 2);
        expect(js(t) + 1).toBe(v + 1);
        expect(-js(t)).toBe(-v);
        expect(`${t}`).toBe(t.toString());
        expect(String(t)).toBe(t.toString());
      });
    });
  }

  it('the autograd tutorial loop: while (y.norm() < 1000) y = y * 2', () => {
    const { loop } = args.scalar_conversions;
    torch.tidy(() => {
      const x = fromFixture(loop.x, device);
      let y = x.mul(2);
      let steps = 0;
      while (js(y.detach().pow(2).sum().sqrt()) < 1000) {
        y = y.mul(2);
        steps += 1;
      }
      expect(steps).toBe(loop.steps);
      expectClose(y, loop.y, { rtol: 0, atol: 0 }, 'y');
    });
  });

  for (const c of itemErrors) {
    for (const [what, convert] of conversions) {
      it(`${c.name}: ${what} throws ${c.error_type}, never NaN`, () => {
        expectErrorLeavesEngineIntact(device, () => convert(decode(c.args[0], device) as torch.Tensor), c);
      });
    }
    it(`${c.name}: \`\${t}\` and String(t) print the tensor`, () => {
      torch.tidy(() => {
        const t = decode(c.args[0], device) as torch.Tensor;
        expect(`${t}`).toBe(t.toString());
        expect(String(t)).toBe(t.toString());
        expect(`${t}`).toMatch(/^tensor\(/);
      });
    });
  }

  it('a disposed tensor throws the disposed error on conversion, and the engine stays intact', () => {
    const t = torch.tensor([2.5], { device });
    t.dispose();
    const expected = thrownBy(() => t.add(1)) as Error;
    expect(expected).toBeInstanceOf(torch.RuntimeError);
    for (const [, convert] of conversions) {
      expectErrorLeavesEngineIntact(device, () => convert(t), { error: expected.message, error_type: expected.name });
    }
    expect(`${t}`).toBe('tensor(<disposed>)');
  });

  it('a device error while reading the value propagates, and the engine stays intact', () => {
    const t = torch.tensor([2.5], { device });
    const s = sentinel(device);
    const trap = new WebAssembly.RuntimeError('unreachable');
    const read = vi.spyOn(t._dev, 'read').mockImplementationOnce(() => { throw trap; });
    expect(thrownBy(() => js(t) < 1000)).toBe(trap);
    read.mockRestore();
    expectIntact(s);
    expect(+t).toBe(2.5);
    t.dispose();
  });

  for (const g of gradFns) {
    it(`${g.python} prints ${g.repr} (console.log, util.inspect, template strings)`, () => {
      torch.tidy(() => {
        const x = torch.tensor([1.5, -0.5], { requires_grad: true, device });
        const y = (x as unknown as Record<string, (...a: number[]) => torch.Tensor>)[g.method](...g.args);
        const node = y.grad_fn!;
        expect(format(node)).toBe(g.repr); // what console.log prints
        expect(inspect(node)).toBe(g.repr);
        expect(inspect({ grad_fn: node })).toBe(`{ grad_fn: ${g.repr} }`);
        expect(`${node}`).toBe(g.repr);
        expect(String(node)).toBe(g.repr);
        expect(node.toString()).toBe(g.repr);
        expect(x.grad_fn).toBeNull();
      });
    });
  }
});
