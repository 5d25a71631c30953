// dtypes against PyTorch (test/fixtures/dtypes.json, scripts/gen_dtype_fixtures.py): type
// promotion, comparisons and logical ops, sums of bool and integers, conversions and their
// gradients, printing, and the dtype errors; then what only JS can ask (t.dtype ===
// torch.float32, the default dtype, memory of the temporaries), on both devices.

import { describe, it, expect, afterEach } from 'vitest';
import { torch, DEVICES, loadFixture, values, decodeNumber, type Device } from './support/torch.js';
import type { DTypeName } from '../src/dtype.js';

interface Tens { shape: number[]; dtype: DTypeName; data: (number | string)[] }
type Arg = { tensor: Tens } | { dtype: DTypeName } | { str: string } | number | boolean | string | Arg[];
interface CallCase {
  id: string; kind: 'call'; fn: string; method: boolean; args: Arg[]; kwargs: Record<string, Arg>;
  out?: Tens | { dtype: DTypeName } | string; error?: { type: string; message: string }; wraps?: boolean;
}
interface GradCase {
  id: string; kind: 'grad'; x: Tens; steps: (string | { dtype: DTypeName })[]; grad_fn: string | null;
  out: Tens; grad: Tens; weights?: 'arange'; gradient?: Tens;
}
interface ReprCase { id: string; kind: 'repr'; tensor: Tens; requires_grad: boolean; str: string }
type Case = CallCase | GradCase | ReprCase;

const fixture = loadFixture<{ cases: Case[] }>('dtypes.json');
const make = (t: Tens, device: Device): torch.Tensor =>
  torch.tensor(values(t), { dtype: t.dtype, device }).reshape(t.shape);

function decode(a: Arg | Arg[], device: Device): unknown {
  if (typeof a === 'string') return decodeNumber(a);
  if (typeof a !== 'object') return a;
  if (Array.isArray(a)) return a.map((x) => decode(x, device));
  if ('tensor' in a) return make(a.tensor, device);
  if ('dtype' in a) return torch[a.dtype];
  return a.str;
}

/** Transcendentals are within 2 float32 ulps of PyTorch's (docs/api.md), not bit for bit; the rest is exact. */
const TRANSCENDENTAL = new Set(['exp', 'log', 'sigmoid', 'tanh']);

/** Asserts t holds the fixture's values (NaN matching NaN; within rtol), dtype and shape. */
function expectTensor(t: unknown, want: Tens, what: string, rtol = 0): void {
  expect(t, what).toBeInstanceOf(torch.Tensor);
  const x = t as torch.Tensor;
  expect([x.dtype.name, x.shape], `${what} dtype and shape`).toEqual([want.dtype, want.shape]);
  const got = Array.from(x.dataSync()), e = values(want);
  const bad = e.findIndex((v, i) => !(v === got[i] || (Number.isNaN(v) && Number.isNaN(got[i])) || Math.abs(got[i] - v) <= rtol * Math.abs(v)));
  expect(bad, `${what}: element ${bad} is ${got[bad]}, expected ${e[bad]}`).toBe(-1);
}

/** Where wasmgrad refuses by design what PyTorch answers (docs/api.md "dtypes"): the error it gives instead. */
function wasmgradRefusal(c: CallCase): RegExp | null {
  if (typeof c.out !== 'object' || !('data' in c.out)) return null;
  const out = c.out;
  const beyondInt32 = (t: Tens): boolean => values(t).some((v) => !(v >= -(2 ** 31) && v < 2 ** 31));
  const input = typeof c.args[0] === 'object' && 'tensor' in c.args[0] ? c.args[0].tensor : null;
  // PyTorch's int64 wraps around; its float → int conversion beyond the type is undefined behaviour
  const integral = out.dtype === 'int64' || out.dtype === 'int32';
  if (integral && (c.wraps || beyondInt32(out) || (input && input.dtype.startsWith('float') && beyondInt32(input)))) {
    return /value cannot be converted to type int32 without overflow|integer result out of range/;
  }
  return null;
}

function run(c: CallCase, device: Device): unknown {
  const args = c.args.map((a) => decode(a, device));
  const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v, device)]));
  const rest = Object.keys(kwargs).length ? [kwargs] : [];
  if (c.method) {
    const self = args[0] as Record<string, (...a: unknown[]) => unknown>;
    return self[c.fn](...args.slice(1), ...rest);
  }
  const f = c.fn.split('.').reduce((o: any, k) => o[k], torch) as (...a: unknown[]) => unknown;
  return f(...args, ...rest);
}

afterEach(() => torch.set_default_dtype(torch.float32));

for (const device of DEVICES) {
  describe(`dtypes vs PyTorch on ${device}`, () => {
    for (const c of fixture.cases) {
      if (c.kind === 'call') {
        it(c.id, () => {
          const refusal = wasmgradRefusal(c);
          if (c.error) {
            let thrown: unknown;
            try { run(c, device); } catch (e) { thrown = e; }
            expect(thrown, 'no error raised').toBeInstanceOf(Error);
            expect([(thrown as Error).name, (thrown as Error).message]).toEqual([c.error.type, c.error.message]);
          } else if (refusal) {
            expect(() => run(c, device)).toThrow(refusal);
          } else if (typeof c.out === 'object' && 'dtype' in c.out && !('data' in c.out)) {
            expect(run(c, device)).toBe(torch[c.out.dtype]);
          } else if (typeof c.out === 'object') {
            expectTensor(run(c, device), c.out as Tens, 'output', TRANSCENDENTAL.has(c.fn) ? 2 ** -22 : 0);
          } else {
            expect(run(c, device)).toEqual(c.out);
          }
        });
      } else if (c.kind === 'grad') {
        it(c.id, () => {
          const x = make(c.x, device).requires_grad_();
          let y = x;
          for (const s of c.steps) y = typeof s === 'string' ? (y as unknown as Record<string, () => torch.Tensor>)[s]() : y.to(torch[s.dtype]);
          expect(y.grad_fn?.name() ?? null).toBe(c.grad_fn);
          expectTensor(y, c.out, 'output');
          if (c.weights) y.mul(torch.arange(1, y.numel() + 1, { device }).reshape(y.shape)).sum().backward();
          else y.backward(make(c.gradient!, device));
          expectTensor(x.grad, c.grad, 'x.grad');
        });
      } else {
        it(c.id, () => {
          const t = make(c.tensor, device);
          if (c.requires_grad) t.requires_grad_();
          expect(String(t)).toBe(c.str);
        });
      }
    }
  });

  describe(`dtypes in JS on ${device}`, () => {
    it('t.dtype is one of the torch.dtype constants, printed as PyTorch prints it', () => {
      const x = torch.zeros(2, { device });
      expect(x.dtype).toBe(torch.float32);
      expect(x.dtype).toBe(torch.float);
      expect(x.long().dtype).toBe(torch.long);
      expect(x.double().dtype).toBe(torch.double);
      expect(x.int().dtype).toBe(torch.int);
      expect(x.bool().dtype).toBe(torch.bool);
      expect([`${torch.double}`, `${torch.long}`, `${torch.bool}`]).toEqual(['torch.float64', 'torch.int64', 'torch.bool']);
      expect([torch.float64.is_floating_point, torch.int32.is_floating_point, torch.bool.is_signed]).toEqual([true, false, false]);
      expect(x.dtype).toBeInstanceOf(torch.dtype);
    });

    it('accuracy as real code computes it: pred.eq(y).sum().item()', () => {
      const logits = torch.tensor([[0.1, 2], [3, 0.5], [0.2, 0.1]], { device });
      const [, pred] = logits.max(1);
      const y = torch.tensor([1, 0, 1], { dtype: torch.long, device });
      const correct = pred.eq(y).sum();
      expect([correct.dtype, correct.item()]).toEqual([torch.int64, 2]);
      expect(pred.eq(y).item).toBeDefined();
      expect(torch.tensor([true], { device }).item()).toBe(true);
      expect(torch.tensor([true, false], { device }).tolist()).toEqual([true, false]);
    });

    it('set_default_dtype(torch.float64) makes new float tensors float64 and prints them without a dtype', () => {
      torch.set_default_dtype(torch.float64);
      expect(torch.get_default_dtype()).toBe(torch.float64);
      const x = torch.tensor([0.1], { device });
      expect([x.dtype, x.item()]).toEqual([torch.float64, 0.1]);
      expect(String(x)).toBe('tensor([0.1000])');
      expect(String(torch.tensor([0.5], { device, dtype: torch.float32 }))).toBe('tensor([0.5000], dtype=torch.float32)');
      // an integer tensor with a Python float becomes the default dtype
      const y = torch.tensor([1], { dtype: torch.long, device }).add(0.1);
      expect([y.dtype, y.item()]).toEqual([torch.float64, 1.1]);
      torch.set_default_dtype(torch.float32);
      expect(torch.get_default_dtype()).toBe(torch.float32);
    });

    it('float64 holds what float32 cannot, on the device and back (8 bytes per element)', () => {
      const v = [0.1, 1e-300, 1e300, 2 ** 53 - 1];
      const x = torch.tensor(v, { dtype: torch.float64, device });
      expect(Array.from(x.dataSync())).toEqual(v);
      expect(x.clone().tolist()).toEqual(v);
      expect(x.detach().reshape(2, 2).tolist()).toEqual([[v[0], v[1]], [v[2], v[3]]]);
      expect(torch.full([3], 0.1, { dtype: torch.float64, device }).tolist()).toEqual([0.1, 0.1, 0.1]);
      if (device === 'wasm') {
        const before = torch.memory().numBytes;
        const big = torch.zeros(1000, { dtype: torch.float64, device });
        expect(torch.memory().numBytes - before).toBe(8000);
        big.dispose();
        expect(torch.memory().numBytes).toBe(before);
      }
    });

    it('float64 ops compute in float64, the losses too; float32 with float64 promotes as PyTorch', () => {
      const x = torch.tensor([0.1, 1e-12], { dtype: torch.float64, device });
      // 1 + 1e-12 is 1 in float32
      expect(Math.abs((x.add(1).sub(1).tolist() as number[])[1] - 1e-12)).toBeLessThan(1e-15);
      expect([x.exp().dtype, x.sum().dtype, x.reshape(1, 2).matmul(x.reshape(2, 1)).dtype]).toEqual([torch.float64, torch.float64, torch.float64]);
      expect([x.softmax(0).dtype, x.amax().dtype, x.logsumexp(0).dtype]).toEqual([torch.float64, torch.float64, torch.float64]);
      expect([x.prod().dtype, x.var().dtype, x.norm().dtype, torch.where(x.gt(0.5), x, 0).dtype]).toEqual([torch.float64, torch.float64, torch.float64, torch.float64]);
      // 0.1 · 1e-12 and the variance of [0.1, 1e-12] are not float32 numbers
      expect(x.prod().item()).toBe(0.1 * 1e-12);
      expect(Math.abs((x.var().item() as number) - (0.1 - 1e-12) ** 2 / 2)).toBeLessThan(1e-17);
      // float32 with float64 promotes to float64, as PyTorch
      expect(torch.addcmul(x.float(), x, x).dtype).toBe(torch.float64);
      // the losses too: 1e-12² is no float32 number (0 in float32)
      const F = torch.nn.functional;
      expect(F.mse_loss(x, x.mul(0)).item()).toBe((0.1 * 0.1 + 1e-12 * 1e-12) / 2);
      // binary_cross_entropy_with_logits takes target's dtype, as PyTorch 1.13 (which computes its
      // log-sigmoid term in input's dtype: ours converts input first); binary_cross_entropy refuses the mix
      const half = torch.tensor([0.25, 0.5], { dtype: torch.float64, device });
      expect(F.binary_cross_entropy_with_logits(half.float(), half).item()).toBe(F.binary_cross_entropy_with_logits(half, half).item());
      expect(F.binary_cross_entropy_with_logits(half, half.float()).dtype).toBe(torch.float32);
      expect(() => F.binary_cross_entropy(half.float(), half)).toThrow('Found dtype Double but expected Float');
      // float64 draws are PyTorch's (53-bit uniforms): test/generator.test.ts compares them
      expect(torch.rand(2, { dtype: torch.float64, device }).dtype).toBe(torch.float64);
    });

    it('comparisons and conversions free their temporaries, and an error frees them too', () => {
      const a = torch.tensor([1, 2], { dtype: torch.int32, device });
      const b = torch.tensor([1.5, 2], { device });
      const held = torch.memory().numTensors;
      torch.tidy(() => { a.lt(b); a.eq(3e9); a.add(b); a.add(2); b.logical_not(); a.sum(); });
      expect(torch.memory().numTensors).toBe(held);
      const big = torch.tensor([2e9], { dtype: torch.long, device });
      const held2 = torch.memory().numTensors;
      expect(() => big.add(big)).toThrow('integer result out of range');
      expect(() => big.mul(2)).toThrow('integer result out of range');
      expect(torch.memory().numTensors).toBe(held2);
      expect(big.add(1).item()).toBe(2e9 + 1);
    });

    it('float64 gradients that meet are summed in float64 (ToCopyBackward0 used twice)', () => {
      const x = torch.tensor([0.5, 1.5], { requires_grad: true, device });
      const z = x.double();
      z.float().mul(2).add(z.float().mul(3)).sum().backward();
      expect(x.grad!.tolist()).toEqual([5, 5]);
      const w = torch.tensor([0.1, 0.2], { dtype: torch.float64, requires_grad: true, device });
      w.float().sum().backward();
      w.float().mul(2).sum().backward();
      expect([w.grad!.dtype, w.grad!.tolist()]).toEqual([torch.float64, [3, 3]]);
    });

    it('optimizers update float64 parameters in float64', () => {
      const w = torch.tensor([1, 2], { dtype: torch.float64, requires_grad: true, device });
      const opt = new torch.optim.SGD([w], { lr: 1e-9, momentum: 0.5 });
      for (let i = 0; i < 2; i++) { opt.zero_grad(); w.sum().backward(); opt.step(); }
      // 1 − 1e-9 − 1.5e-9 is no float32 number; the momentum buffer is float64 too
      expect(w.tolist()).toEqual([1 - 1e-9 - 1.5e-9, 2 - 1e-9 - 1.5e-9]);
      expect(w.dtype).toBe(torch.float64);
    });

    it('comparison results do not require grad, even from tensors that do', () => {
      const w = torch.tensor([1, -1], { requires_grad: true, device });
      const m = w.gt(0);
      expect([m.requires_grad, m.grad_fn, m.dtype]).toEqual([false, null, torch.bool]);
    });

    it('an integer compared with a number beyond int32 is compared exactly', () => {
      const x = torch.tensor([2147483647, -2147483648], { dtype: torch.long, device });
      expect(x.lt(2147483648).tolist()).toEqual([true, true]);
      expect(x.ge(2147483648).tolist()).toEqual([false, false]);
      expect(x.gt(-2147483649).tolist()).toEqual([true, true]);
      expect(x.eq(2147483647).tolist()).toEqual([true, false]);
    });
  });
}
