// The smaller parts of the API, on both devices: metadata, dtype and device
// conversions, backward(inputs=...), function forms, grad-mode switches,
// module introspection and error classes. Expected values: the "scenarios" of
// test/fixtures/ops.json (scripts/gen_fixtures.py scenario_fixtures()).

import { describe, it, expect } from 'vitest';
import { inspect } from 'node:util';
import { torch, DEVICES, loadFixture, expectClose } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

const S = loadFixture('ops.json').scenarios;
/** PyTorch's results of scenario `name` (its python snippet mirrors the test). */
const V = (name: string) => S[`tensor-api/${name}`].values;

describe.each(DEVICES)('tensor API on %s', (device) => {
  const T = (x: unknown, o: torch.TensorOptions = {}) => torch.tensor(x as number[], { device, ...o });

  it("console.log prints PyTorch's format (util.inspect uses toString)", () => {
    const x = T([3.1], { requires_grad: true });
    expect(inspect(x)).toBe(String(x));
    expect(inspect(x.mul(2))).toBe(String(x.mul(2)));
  });

  it('size(), size(dim), dim(), ndim, numel()', () => {
    const x = torch.zeros([2, 3, 4], { device });
    expect(x.size()).toEqual([2, 3, 4]);
    expect(x.size(-1)).toBe(4);
    expect(x.dim()).toBe(3);
    expect(x.ndim).toBe(3);
    expect(x.numel()).toBe(24);
    expect(() => x.size(3)).toThrow('Dimension out of range (expected to be in range of [-3, 2], but got 3)');
  });

  it('float() and long() convert, truncating toward zero like PyTorch', () => {
    const x = T([1.7, -1.7, 2.5]);
    const l = x.long();
    expect([l.dtype, l.tolist()]).toEqual([torch.int64, V('float and long').long]);
    const f = l.float();
    expect([f.dtype, f.tolist()]).toEqual([torch.float32, V('float and long').float]);
    expect(x.float()).toBe(x);
  });

  it('to(other device) records ToCopyBackward0: gradients flow back across devices', () => {
    const other = device === 'wasm' ? 'js' : 'wasm';
    const want = V('to another device');
    const x = T([1, 2], { requires_grad: true });
    const y = x.to(other);
    expect([y.device, y.is_leaf, y.requires_grad, y.grad_fn?.name(), y.tolist()])
      .toEqual([other, want.is_leaf, want.requires_grad, want.grad_fn, want.values]);
    y.mul(y).sum().backward();
    expect(x.grad!.tolist()).toEqual(want.grad);
    const [dx] = torch.autograd.grad(x.mul(3).to(other).exp().sum(), [x]);
    expectClose(dx, { shape: [2], dtype: 'float32', data: want.autograd_grad, requires_grad: false }, tolerances.elementwise, 'autograd.grad');
    x.grad = null;
    x.to(other).mul(2).to(device).mul(x).sum().backward();
    expect(x.grad!.tolist()).toEqual(want.there_and_back);
    x.grad = null;
    x.mul(2).to(other).mul(5).sum().backward({ inputs: [x] });
    expect(x.grad!.tolist()).toEqual(want.backward_inputs);
    expect(torch.no_grad(() => x.to(other)).is_leaf).toBe(want.no_grad_is_leaf);
    expect(x.to(device) === x).toBe(want.same_device_is_self);
  });

  it('clone() stays in the graph', () => {
    const x = T([1, 2], { requires_grad: true });
    const c = x.clone();
    expect(c.grad_fn!.name()).toBe('CloneBackward0');
    c.mul(3).sum().backward();
    expect(x.grad!.tolist()).toEqual(V('clone').grad);
  });

  it('backward(inputs=...) gives a non-leaf input its .grad, once per tensor listed twice', () => {
    const x = T([1, 2], { requires_grad: true });
    const w = T([3, -1], { requires_grad: true });
    const h = x.mul(w);
    const y = h.mul(h).sum();
    y.backward({ inputs: [h, w, h], retain_graph: true });
    expect(x.grad).toBeNull();
    y.backward({ inputs: [w] });
    expect(h.grad!.tolist()).toEqual(V('backward inputs non-leaf').h_grad);
    expect(w.grad!.tolist()).toEqual(V('backward inputs non-leaf').w_grad);
  });

  it('backward(inputs=...) accumulates only into the given tensors', () => {
    const a = T([1, 2], { requires_grad: true });
    const b = T([3, 4], { requires_grad: true });
    const y = a.mul(b).sum();
    y.backward(undefined, { inputs: [a], retain_graph: true });
    expect(a.grad!.tolist()).toEqual(V('backward inputs').first);
    expect(b.grad).toBeNull();
    y.backward(undefined, { inputs: [a] });
    expect(a.grad!.tolist()).toEqual(V('backward inputs').second);
  });

  it('torch.autograd.backward with several roots and seeds', () => {
    const x = T([1, 2], { requires_grad: true });
    torch.autograd.backward([x.mul(2), x.sum()], [T([1, 1]), null]);
    expect(x.grad!.tolist()).toEqual(V('autograd.backward').grad);
  });

  it('t.dot and t.mv are the methods of torch.dot and torch.mv', () => {
    expect(T([1, 2, 3]).dot(T([4, 5, 6])).item()).toBe(V('dot and mv').dot);
    expect(T([[1, 2], [3, 4]]).mv(T([1, -1])).tolist()).toEqual(V('dot and mv').mv);
  });

  it('keyword forms of positional arguments', () => {
    const want = V('keyword forms');
    const x = T([[1, 2, 3], [4, 5, 6]], { requires_grad: true });
    expect(x.reshape({ shape: [3, 2] }).shape).toEqual(want.reshape_shape);
    expect(x.view({ size: [6] }).shape).toEqual(want.view_shape);
    expect(x.permute({ dims: [1, 0] }).shape).toEqual(want.permute_shape);
    expect(x.transpose({ dim0: 0, dim1: 1 }).tolist()).toEqual(want.transpose);
    expect(x.unsqueeze({ dim: 0 }).shape).toEqual(want.unsqueeze_shape);
    expect(x.sum({ dim: 1, keepdim: true }).shape).toEqual(want.sum_shape);
    expect(torch.cat([x, x], { dim: 1 }).shape).toEqual(want.cat_shape);
    const y = x.mul(2).sum();
    y.backward({ retain_graph: true });
    y.backward({ gradient: T(3) });
    expect(x.grad!.tolist()).toEqual(want.grad);
  });

  it('function forms torch.view and torch.expand', () => {
    const x = T([1, 2, 3]);
    expect(torch.view(x, [3, 1]).shape).toEqual(V('function forms').view_shape);
    expect(torch.expand(x, [2, 3]).tolist()).toEqual(V('function forms').expand);
  });

  it('set_grad_enabled switches recording off and on', () => {
    const x = T([1], { requires_grad: true });
    torch.set_grad_enabled(false);
    try {
      expect(torch.is_grad_enabled()).toBe(false);
      expect(x.mul(2).requires_grad).toBe(false);
    } finally {
      torch.set_grad_enabled(true);
    }
    expect(x.mul(2).requires_grad).toBe(true);
  });
});

describe('process-wide settings', () => {
  it('get_default_device follows set_default_device', () => {
    expect(torch.get_default_device()).toBe('wasm');
    torch.set_default_device('js');
    try {
      expect(torch.get_default_device()).toBe('js');
      expect(torch.ones([1]).device).toBe('js');
    } finally {
      torch.set_default_device('wasm');
    }
    expect(() => torch.set_default_device('cuda' as never)).toThrow(/Expected one of wasm, js device type/);
  });

  it('manual_seed / initial_seed', () => {
    torch.manual_seed(42);
    expect(torch.initial_seed()).toBe(42);
  });

  it('errors are TorchError subclasses named after PyTorch\'s exceptions', () => {
    let e: unknown;
    try { torch.ones([2]).sum(5); } catch (err) { e = err; }
    expect(e).toBeInstanceOf(torch.IndexError);
    expect(e).toBeInstanceOf(torch.TorchError);
    expect((e as Error).name).toBe('IndexError');
  });
});

describe.each(DEVICES)('module introspection on %s', (device) => {
  it('children, named_children, add_module and printing', () => {
    torch.set_default_device(device);
    try {
      const model = new torch.nn.Sequential(new torch.nn.Linear(2, 3), new torch.nn.ReLU());
      model.add_module('head', new torch.nn.Linear(3, 1, { bias: false }));
      expect([...model.named_children()].map(([n]) => n)).toEqual(['0', '1', 'head']);
      expect([...model.children()].length).toBe(3);
      expect(model.named_parameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', 'head.weight']);
      const reprs = loadFixture<{ module_repr: { name: string; str: string }[] }>('ops.json').module_repr;
      const expected = (name: string) => reprs.find((r) => r.name === name)!.str;
      expect(model.toString()).toBe(expected('Sequential with add_module'));
      expect(new torch.nn.Linear(784, 256).toString()).toBe(expected('Linear'));
      expect(String(new torch.nn.Sigmoid())).toBe(expected('Sigmoid'));
    } finally {
      torch.set_default_device('wasm');
    }
  });
});
