// Beyond the fixture's cases: every parameter slot that takes a tensor, a
// number or a bool, given a random value of a type it does not take, raises
// one of PyTorch's exceptions on both devices; nothing returns (no silent NaN)
// and no device memory is left behind. The messages are the fixture's job
// (arguments.test.ts); here the coverage is every slot and many values.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch, DEVICES, type Device } from './support/torch.js';

const F = torch.nn.functional;

/** JS values that are neither numbers, bools nor tensors: str, None, dict, list. */
const notNumber = fc.oneof(
  fc.string(), fc.constant(null), fc.constant(undefined),
  fc.dictionary(fc.string({ minLength: 1 }), fc.integer()).filter((d) => !('alpha' in d)),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
);
/** Values a bool parameter refuses: the above and numbers (PyTorch's parser takes no int for a bool). */
const notBool = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.array(fc.integer(), { maxLength: 2 }));
/** Values PyTorch's engine cannot read as a flag: str, dict, list, a non-integral float. */
const notFlag = fc.oneof(fc.string(), fc.double().filter((v) => !Number.isInteger(v)),
  fc.array(fc.integer(), { maxLength: 2 }));

type Slot = [string, fc.Arbitrary<unknown>, (device: Device, v: unknown) => unknown];
const x = (device: Device) => torch.tensor([0.5, -1.5, 2], { device, requires_grad: true });
const m = (device: Device) => torch.ones([2, 3], { device });
const y = (device: Device) => x(device).mul(2).sum();
const as = <T>(v: unknown) => v as T;

const slots: Slot[] = [
  ...(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'matmul', 'dot'] as const).map((op): Slot =>
    [`x.${op}(other)`, notNumber, (d, v) => (x(d)[op] as (o: unknown) => unknown)(v)]),
  ...(['add', 'sub', 'mul', 'div', 'pow'] as const).map((op): Slot =>
    [`torch.${op}(input, x)`, notNumber.filter((v) => v !== null && typeof v !== 'object' || Array.isArray(v)),
      (d, v) => (torch[op] as (a: unknown, b: unknown) => unknown)(v, x(d))]),
  ['x.mm(mat2)', notNumber, (d, v) => m(d).mm(as(v))],
  // an undefined option is one not given
  ['x.add(y, { alpha })', notNumber.filter((v) => v !== undefined), (d, v) => x(d).add(x(d), { alpha: as(v) })],
  ['x.sub(2, { alpha })', notNumber.filter((v) => v !== undefined), (d, v) => x(d).sub(2, { alpha: as(v) })],
  ['x.clamp(min)', fc.oneof(fc.string(), fc.array(fc.integer(), { maxLength: 2 })), (d, v) => x(d).clamp(as(v))],
  ['x.clamp({ max })', notNumber.filter((v) => v !== null && v !== undefined), (d, v) => x(d).clamp({ max: as(v) })],
  ['torch.full(size, fill_value)', notNumber, (_d, v) => torch.full([2], as(v))],
  ['torch.linspace(start, 1, 3)', notNumber, (d, v) => torch.linspace(as(v), 1, 3, { device: d })],
  ['torch.arange(end)', notNumber.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
    (d, v) => torch.arange(as(v), 3, { device: d })],
  ['torch.tensor(data, { requires_grad })', notBool, (d, v) => torch.tensor([1], { device: d, requires_grad: as(v) })],
  ['torch.zeros(2, { requires_grad })', notBool, (d, v) => torch.zeros(2, { device: d, requires_grad: as(v) })],
  ['x.requires_grad_(requires_grad)', notBool.filter((v) => v !== undefined), (d, v) => m(d).requires_grad_(as(v))],
  ['x.sum(dim, { keepdim })', notBool, (d, v) => m(d).sum(0, { keepdim: as(v) })],
  ['x.mean(dim, { keepdim })', notBool, (d, v) => m(d).mean(0, { keepdim: as(v) })],
  ['x.amax(dim, { keepdim })', notBool, (d, v) => m(d).amax(0, { keepdim: as(v) })],
  ['x.logsumexp(dim, { keepdim })', notBool, (d, v) => m(d).logsumexp(0, { keepdim: as(v) })],
  ['x.max(dim, { keepdim })', notBool, (d, v) => m(d).max(0, { keepdim: as(v) })],
  ['x.sum(dim)', fc.string(), (d, v) => m(d).sum(as(v))],
  ['x.softmax(dim)', fc.oneof(fc.string(), fc.constant(null)), (d, v) => m(d).softmax(as(v))],
  ['x.logsumexp(dim)', fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined)), (d, v) => m(d).logsumexp(as(v))],
  ['x.unsqueeze(dim)', fc.oneof(fc.string(), fc.boolean(), fc.constant(null)), (d, v) => m(d).unsqueeze(as(v))],
  ['y.backward(gradient)', fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.double(), fc.array(fc.integer(), { minLength: 1, maxLength: 2 })),
    (d, v) => y(d).backward(as(v))],
  ['y.backward({ retain_graph })', notFlag, (d, v) => y(d).backward({ retain_graph: as(v) })],
  ['y.backward({ create_graph })', fc.oneof(notFlag, fc.constant(null)), (d, v) => y(d).backward({ create_graph: as(v) })],
  ['autograd.grad(y, inputs)', fc.oneof(fc.string({ minLength: 1 }), fc.integer()), (d, v) => torch.autograd.grad(y(d), as(v))],
  ['F.mse_loss(x, y, { reduction })', fc.oneof(fc.string().filter((s) => !['mean', 'sum', 'none'].includes(s)), fc.constant(null), fc.integer()),
    (d, v) => F.mse_loss(x(d), x(d), { reduction: as(v) })],
  ['F.nll_loss(x, y, { ignore_index })', fc.oneof(fc.string(), fc.double().filter((v) => !Number.isInteger(v)), fc.constant(null)),
    (d, v) => F.nll_loss(m(d), torch.tensor([0, 1], { dtype: 'int64', device: d }), { ignore_index: as(v) })],
];

const PYTORCH_ERRORS = ['TypeError', 'RuntimeError', 'ValueError'];

describe.each(DEVICES)('ill-typed arguments on %s', (device) => {
  for (const [name, values, call] of slots) {
    it(`${name} raises PyTorch's error for every value of a wrong type`, () => {
      fc.assert(fc.property(values, (v) => {
        const before = torch.memory(device).numTensors;
        let thrown: unknown = null;
        torch.tidy(() => {
          try { call(device, v); } catch (e) { thrown = e; }
        });
        expect(thrown, `no error for ${JSON.stringify(v)}`).toBeInstanceOf(torch.TorchError);
        expect(PYTORCH_ERRORS).toContain((thrown as Error).name);
        expect(torch.memory(device).numTensors).toBe(before);
      }), { numRuns: 40 });
    });
  }
});
