// Deferred elementwise kernels (src/wasm/device.ts, docs/design.md): random programs that mix
// deferrable ops, fusing consumers, reads, in-place writes to inputs and outputs, views, dispose,
// tidy, requires_grad, backward with a hook that defers, device and dtype transfers and memory
// counts give the same log, bit for bit, with deferral on every same-shape op (deferMin 1) and with
// deferral off. The js device has no deferral, so this is a wasm-only property.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch } from './support/torch.js';
import { wasmDevice } from '../src/wasm/device.js';
import type { Tensor } from '../src/tensor.js';

const dev = wasmDevice!;
const BIN = ['add', 'sub', 'mul', 'div', 'maximum', 'atan2'] as const;
const SHAPES = [[8], [2, 4], [3, 5], [37]];
const value = fc.oneof(
  { weight: 6, arbitrary: fc.float({ min: -4, max: 4, noNaN: true }).map((v) => Math.round(v * 8) / 8) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1e30, -1e-30) },
);
const idx = fc.nat(50);
/** mostly the seed tensors, which share the program's shape, so that chains fuse */
const seedIdx = fc.oneof(fc.nat(3), idx);
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('bin'), op: fc.constantFrom(...BIN), i: idx, j: idx, alpha: fc.constantFrom(1, 2, -0.5), noGrad: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('chain'), op: fc.constantFrom(...BIN), op2: fc.constantFrom(...BIN), i: seedIdx, j: seedIdx, l: seedIdx, swap: fc.boolean(), tidy: fc.boolean(), keepT: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('read'), i: idx, how: fc.constantFrom('tolist', 'str', 'sum', 'data') }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('inplace'), i: idx, j: idx, how: fc.constantFrom('add_', 'mul_', 'copy_', 'zero_', 'fill_', 'data', 'sub_alpha') }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('view'), i: idx, how: fc.constantFrom('flat', 'narrow', 'detach') }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('dispose'), i: idx }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('grad'), i: idx, j: idx, hook: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('move'), i: idx, to: fc.constantFrom('js', 'float64', 'clone', 'neg') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('memory') }) },
);
const program = fc.record({
  shape: fc.constantFrom(...SHAPES),
  seeds: fc.array(fc.array(value, { minLength: 37, maxLength: 37 }), { minLength: 4, maxLength: 4 }),
  f64: fc.boolean(),
  steps: fc.array(step, { minLength: 1, maxLength: 14 }),
});
type Program = typeof program extends fc.Arbitrary<infer P> ? P : never;

const show = (v: number) => (Object.is(v, -0) ? '-0' : String(v));
const list = (t: Tensor): string => (t.tolist() as unknown as number[]).flat(3).map(show).join(',');

/** Runs a program on the wasm device; the log of everything it saw. */
function run(p: Program, deferMin: number): string[] {
  dev.deferMin = deferMin;
  const log: string[] = [];
  const m0 = torch.memory();
  const n = p.shape.reduce((x, y) => x * y, 1);
  const env: (Tensor | null)[] = p.seeds.map((s, k) =>
    torch.tensor(s.slice(0, n), { dtype: p.f64 && k === 3 ? torch.float64 : torch.float32 }).reshape(p.shape));
  env.push(torch.tensor([1.5]));
  const live = (i: number) => env[i % env.length];
  const made: Tensor[] = [];
  const push = (t: Tensor) => { env.push(t); made.push(t); };
  for (const s of p.steps) {
    try {
      if (s.k === 'memory') { const m = torch.memory(); log.push(`mem ${m.numTensors - m0.numTensors} ${m.numBytes - m0.numBytes}`); continue; }
      const x = live(s.i);
      if (!x || x.isDisposed) continue;
      switch (s.k) {
        case 'bin': {
          const y = live(s.j);
          if (!y || y.isDisposed) break;
          const f = () => (s.op === 'add' || s.op === 'sub' ? x[s.op](y, { alpha: s.alpha }) : x[s.op](y));
          push(s.noGrad ? torch.no_grad(f) : f());
          break;
        }
        case 'chain': {
          const y = live(s.j), z = live(s.l);
          if (!y || y.isDisposed || !z || z.isDisposed) break;
          const body = () => {
            const t = x[s.op](y);
            const r = s.swap ? z[s.op2](t) : t[s.op2](z);
            return s.keepT ? [t, r] : [r];
          };
          for (const t of s.tidy ? torch.tidy(body) : body()) push(t);
          break;
        }
        case 'read':
          log.push(s.how === 'tolist' ? list(x) : s.how === 'str' ? `${x}` : s.how === 'sum' ? show(x.sum().item()) : list(x.data));
          break;
        case 'inplace': {
          const y = live(s.j);
          if (!y || y.isDisposed) break;
          if (s.how === 'add_') x.add_(y); else if (s.how === 'mul_') x.mul_(2);
          else if (s.how === 'copy_') x.copy_(y); else if (s.how === 'zero_') x.zero_();
          else if (s.how === 'fill_') x.fill_(3); else if (s.how === 'data') x.data.mul_(-1);
          else x.sub_(y, { alpha: 2 });
          break;
        }
        case 'view':
          push(s.how === 'flat' ? x.view(-1) : s.how === 'narrow' ? x.narrow(0, 0, 1) : x.detach());
          break;
        case 'dispose': x.dispose(); break;
        case 'grad': {
          // the hook's product is deferred inside the backward sweep and handed back to it
          const c = live(s.j);
          if (!c || c.isDisposed) break;
          const w = x.detach().clone().requires_grad_();
          if (s.hook) w.register_hook((g) => g.mul(c));
          w.mul(c).sum().backward();
          log.push(list(w.grad!));
          push(w);
          break;
        }
        case 'move':
          push(s.to === 'js' ? x.to('js') : s.to === 'float64' ? x.to(torch.float64) : s.to === 'clone' ? x.clone() : x.neg());
          break;
      }
    } catch (e) {
      log.push(`error ${(e as Error).constructor.name}: ${(e as Error).message}`);
    }
  }
  for (const t of env) t?.dispose();
  for (const t of made) t.dispose();
  const m = torch.memory();
  log.push(`end ${m.numTensors - m0.numTensors} ${m.numBytes - m0.numBytes}`);
  dev.deferMin = Infinity;
  return log;
}

describe('deferred elementwise kernels (wasm)', () => {
  it('a random program logs the same values, errors and memory with deferral on and off', () => {
    const count = dev.instrument();
    const base = (dev as unknown as { base: Record<string, (...a: number[]) => number> }).base;
    const fused = base.binary_fused, alloc = base.binary_alloc;
    let fusions = 0, deferrals = 0;
    base.binary_fused = (...a) => { fusions++; return fused(...a); };
    base.binary_alloc = (...a) => { deferrals++; return alloc(...a); };
    const saved = dev.deferMin, runs = Number(process.env.DEFERRED_RUNS ?? 300);
    try {
      fc.assert(fc.property(program, (p) => {
        const off = run(p, Infinity);
        const on = run(p, 1);
        expect(on).toEqual(off);
      }), { numRuns: runs, seed: 9 });
    } finally {
      dev.instrument(false);
      dev.deferMin = saved;
      count();
    }
    // the programs did exercise the deferred paths
    console.log(`deferred ${deferrals}, fused ${fusions} in ${runs} programs`);
    expect(deferrals).toBeGreaterThan(runs);
    expect(fusions).toBeGreaterThan(runs / 5);
  });

  it('defers only from deferMin elements on, and a fused chain equals the eager one', () => {
    const saved = dev.deferMin;
    try {
      dev.deferMin = 64;
      const a = torch.randn([100]), b = torch.randn([100]), small = torch.randn([10]);
      const ref = (() => { dev.deferMin = Infinity; const r = a.mul(b).add(a).tolist(); dev.deferMin = 64; return r; })();
      expect(a.mul(b).add(a).tolist()).toEqual(ref);
      expect((dev as unknown as { pend: unknown }).pend).toBeNull();
      small.mul(small);
      expect((dev as unknown as { pend: unknown }).pend).toBeNull();
      const t = a.mul(b);
      expect((dev as unknown as { pend: unknown }).pend).not.toBeNull();
      t.dispose();
      expect((dev as unknown as { pend: unknown }).pend).toBeNull();
    } finally {
      dev.deferMin = saved;
    }
  });
});
