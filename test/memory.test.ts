// Deterministic memory: dispose(), torch.tidy(), use-after-dispose errors,
// and a clear error when WASM memory cannot grow, after which everything
// still works. The 2,000-step training test checks memory stays flat.
// Expected values: the "scenarios" of test/fixtures/ops.json (scripts/gen_fixtures.py
// scenario_fixtures() runs the same steps in PyTorch).

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch, DEVICES, loadFixture, expectClose } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

const S = loadFixture('ops.json').scenarios;
/** PyTorch's results of scenario `name` (its python snippet mirrors the test). */
const V = (name: string) => S[`memory/${name}`].values;

describe.each(DEVICES)('dispose and tidy on %s', (device) => {
  it('tidy disposes what it made and keeps what it returns', () => {
    let inner: torch.Tensor | null = null;
    const kept = torch.tidy(() => {
      inner = torch.ones([3], { device }).mul(2);
      return inner.add(1);
    });
    expect(inner!.isDisposed).toBe(true);
    expect(kept.isDisposed).toBe(false);
    expect(kept.tolist()).toEqual(V('tidy').kept);
  });

  it('tidy keeps tensors returned inside arrays and objects, and torch.keep', () => {
    let kept: torch.Tensor | null = null;
    const out = torch.tidy(() => {
      kept = torch.keep(torch.zeros([1], { device }));
      return { a: [torch.ones([1], { device })], b: torch.ones([2], { device }) };
    });
    expect(out.a[0].isDisposed).toBe(false);
    expect(out.b.isDisposed).toBe(false);
    expect(kept!.isDisposed).toBe(false);
  });

  it('using a disposed tensor is a clear error', () => {
    const t = torch.ones([2], { device });
    t.dispose();
    expect(() => t.add(1)).toThrow('wasmgrad: this tensor was disposed (dispose() or torch.tidy) and cannot be used');
    expect(() => t.item()).toThrow(/was disposed/);
    t.dispose(); // disposing twice is harmless
  });

  it('a failing tidy still frees what it made', () => {
    const before = torch.memory(device);
    let made: torch.Tensor | null = null;
    expect(() => torch.tidy(() => { made = torch.ones([4], { device }); throw new Error('inside'); })).toThrow('inside');
    expect(made!.isDisposed).toBe(true);
    expect(torch.memory(device).numTensors).toBe(before.numTensors);
    expect(torch.memory(device).numBytes).toBe(before.numBytes);
  });
});

describe('wasm device memory', () => {
  it('dispose returns tensors, records and bytes', () => {
    const work = () => {
      const x = torch.randn([100], { requires_grad: true, device: 'wasm' });
      const e = x.exp();
      const m = e.mul(x);
      const y = m.sum();
      y.backward();
      return [x, e, m, y];
    };
    torch.dispose(work()); // warm-up: the tensor table and sweep buffers are allocated once
    const before = torch.memory('wasm');
    const ts = work();
    expect(torch.memory('wasm').numTensors).toBe(before.numTensors + 5); // x, e, m, y and x.grad
    expect(torch.memory('wasm').numRecords).toBe(before.numRecords + 3);
    torch.dispose(ts);
    const after = torch.memory('wasm');
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numRecords).toBe(before.numRecords);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
  });

  it('a graph that crosses from js into wasm gives its memory back when disposed', () => {
    const before = torch.memory('wasm');
    torch.tidy(() => {
      const x = torch.tensor([1, 2], { requires_grad: true, device: 'js' });
      x.to('wasm').exp().sum().backward();
    });
    const after = torch.memory('wasm');
    expect([after.numTensors, after.numRecords, after.numBytes]).toEqual([before.numTensors, before.numRecords, before.numBytes]);
  });

  it('a record outlives a disposed intermediate and still differentiates through it', () => {
    const x = torch.tensor([0.5, 1.5], { requires_grad: true, device: 'wasm' });
    const e = x.exp();          // ExpBackward0 needs e's values
    const y = e.sum();
    e.dispose();                // the record adopts the values
    y.backward();
    const want: number[] = V('record outlives a disposed intermediate').grad;
    expectClose(x.grad, { shape: [want.length], dtype: 'float32', data: want, requires_grad: false }, tolerances.elementwise, 'x.grad');
  });

  it('an allocation WASM memory cannot hold is a clear error, and the next op works', () => {
    const keep = torch.tensor([1, 2, 3], { device: 'wasm', requires_grad: true });
    const before = torch.memory('wasm');
    // within the element limit, so the allocator tries and memory.grow refuses
    expect(() => torch.zeros([2 ** 30 - 1], { device: 'wasm' })).toThrow(/out of memory on the wasm device/);
    // beyond it: refused before the device is asked (test/sizes.test.ts)
    expect(() => torch.ones([65536, 65536], { device: 'wasm' })).toThrow(/can't allocate memory: you tried to allocate 17179869184 bytes/);
    const after = torch.memory('wasm');
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
    const y = keep.mul(keep).sum();
    y.backward();
    expect(Array.from(keep.grad!.dataSync())).toEqual(V('after out of memory').grad);
  });

  it('what the front end reads of a tensor right after an op grew the memory is still that tensor\'s', () => {
    // memory.grow detaches every typed view over the old buffer: a read through one gives
    // undefined, which made a view's version NaN, so a parameter read itself again from its
    // base and lost the optimizer's updates
    const device = 'wasm';
    const grow = () => torch.zeros([(torch.memory(device).wasmMemoryBytes ?? 0) / 4 + (1 << 20)], { device }).dispose();
    const x = torch.zeros([4], { device });
    x.add_(1);
    const version = x._version;
    grow();
    expect(x._version).toBe(version);
    const w = torch.ones([4], { device, requires_grad: true });
    const y = w.mul(2);
    const node = y.grad_fn!.name();
    grow();
    expect(y.grad_fn!.name()).toBe(node);
    // a parameter that is a view (reshape, then detach) keeps what SGD wrote into it
    const p = torch.tensor([1, 2, 3, 4], { device }).reshape([2, 2]).detach().requires_grad_();
    const opt = new torch.optim.SGD([p], { lr: 0.5 });
    p.sum().backward();
    opt.step();
    const stepped = Array.from(p.dataSync());
    grow();
    expect(Array.from(p.dataSync())).toEqual(stepped);
  });

  it('memory freed by large tensors is reused by large tensors of other sizes', () => {
    // sizes in different size classes, each freed before the next: without reuse across
    // classes linear memory would grow by each one (about 64 MiB in all)
    const sizes = [1, 1.5, 2, 3, 4, 2.5, 1.25, 3.5].map((m) => Math.round(m * 2 ** 21));
    torch.dispose(torch.zeros([sizes[0]], { device: 'wasm' }));
    const start = torch.memory('wasm');
    for (const n of sizes) {
      const a = torch.ones([n], { device: 'wasm' });
      const b = a.mul(2);
      expect(torch.tidy(() => b.sum().item())).toBe(2 * n);
      const held = torch.memory('wasm');
      torch.dispose([a, b]);
      const freed = torch.memory('wasm');
      expect(freed.reusableBytes! - held.reusableBytes!).toBeGreaterThanOrEqual(2 * n * 4);
    }
    const end = torch.memory('wasm');
    // bounded by the largest step (two tensors of 4·2²¹ floats: 64 MiB) plus what was there
    expect(end.wasmMemoryBytes! - start.wasmMemoryBytes!).toBeLessThanOrEqual(2 * 4 * 2 ** 21 * 4 + 2 ** 20);
    expect(end.heapBytesInUse).toBe(start.heapBytesInUse);
  });

  it('blocks of random sizes, freed in random order, never overlap (split and merge keep every tensor its own)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 200_000 }), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 40 }), (steps) => {
      const live: [torch.Tensor, number][] = [];
      steps.forEach(([n, pick, drop], i) => {
        if (drop && live.length) live.splice(pick % live.length, 1)[0][0].dispose();
        live.push([torch.full([n], i, { device: 'wasm' }), i]);
        for (const [t, v] of live) expect(torch.tidy(() => [t.amax().item(), t.neg().amax().item()])).toEqual([v, -v]);
      });
      const inUse = torch.memory('wasm').heapBytesInUse!;
      torch.dispose(live.map(([t]) => t));
      expect(torch.memory('wasm').heapBytesInUse).toBeLessThan(inUse);
    }), { numRuns: 30 });
  });

  it('freed blocks are reused: a loop of same-sized work does not grow the heap', () => {
    const step = () => torch.tidy(() => {
      const x = torch.randn([64, 64], { requires_grad: true, device: 'wasm' });
      x.exp().mul(x).sum().backward();
      x.dispose();
    });
    for (let i = 0; i < 5; i++) step();
    const warm = torch.memory('wasm');
    for (let i = 0; i < 200; i++) step();
    const after = torch.memory('wasm');
    expect(after.wasmMemoryBytes).toBe(warm.wasmMemoryBytes);
    expect(after.heapBytesInUse).toBe(warm.heapBytesInUse);
    expect(after.numTensors).toBe(warm.numTensors);
  });
});

describe('training inside tidy', () => {
  it('2,000 steps of a small MLP leave torch.memory() and the WASM memory size flat after warm-up', () => {
    torch.manual_seed(0);
    torch.set_default_device('wasm');
    try {
      const model = new torch.nn.Sequential(new torch.nn.Linear(16, 32), new torch.nn.ReLU(), new torch.nn.Linear(32, 4));
      const opt = new torch.optim.Adam(model.parameters(), { lr: 1e-2 });
      const x = torch.randn([32, 16]);
      const y = torch.tensor(Array.from({ length: 32 }, (_, i) => i % 4), { dtype: 'int64' });
      const F = torch.nn.functional;
      const step = () => torch.tidy(() => {
        opt.zero_grad();
        const loss = F.cross_entropy(model.forward(x), y);
        loss.backward();
        opt.step();
        return loss.item();
      });
      const first = step();
      for (let i = 0; i < 49; i++) step();
      const warm = torch.memory('wasm');
      let last = first;
      for (let i = 0; i < 2000; i++) last = step();
      const after = torch.memory('wasm');
      expect(after.numTensors).toBe(warm.numTensors);
      expect(after.numBytes).toBe(warm.numBytes);
      expect(after.numRecords).toBe(warm.numRecords);
      expect(after.heapBytesInUse).toBe(warm.heapBytesInUse);
      expect(after.wasmMemoryBytes).toBe(warm.wasmMemoryBytes);
      expect(last).toBeLessThan(first); // it did train
    } finally {
      torch.set_default_device('wasm');
    }
  });
});

describe('reading .grad inside tidy', () => {
  it('does not accumulate wrappers: memory stays flat over a loop', () => {
    const w = torch.randn([16], { requires_grad: true, device: 'wasm' });
    const step = () => torch.tidy(() => {
      w.grad = null;
      w.mul(w).sum().backward();
      return w.grad!.sum().item();
    });
    for (let i = 0; i < 5; i++) step();
    const warm = torch.memory('wasm');
    for (let i = 0; i < 100; i++) step();
    expect(torch.memory('wasm').numTensors).toBe(warm.numTensors);
    expect(w.grad!.shape).toEqual([16]); // the gradient itself survives the scope
  });
});
