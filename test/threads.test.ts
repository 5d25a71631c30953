// torch.set_num_threads (helper threads): the wasm device's packed float32 products split into
// column panels across worker threads give bit-identical results to one thread, for mm, bmm,
// matmul, linear and conv2d, forward and backward (the transposed and accumulating gemm calls), over
// tiny, odd and 1024-sized shapes. setMinWork(0) sends even tiny products to the workers, and
// panelsPosted shows they ran there. The js device has no threads: the same calls run there too
// and agree with themselves. Argument errors are PyTorch's (scripts/gen_threads_fixtures.py).
import { describe, it, expect, afterAll } from 'vitest';
import { torch, DEVICES, loadFixture, type Device } from './support/torch.js';
import { setMinWork, panelsPosted } from '../src/wasm/gemm_pool.js';
import { workerWasmHex } from '../src/wasm/worker_module.generated.js';
import { decodeHex } from '../src/wasm/loader.js';

interface ErrorCase { name: string; arg: unknown; type: string; message: string }
const fixture = loadFixture<{ errors: ErrorCase[] }>('threads.json');

/** Every float the products below give: outputs and the gradients of both operands (and bias). */
function products(device: Device, M: number, N: number, K: number, seed: number): Float32Array[] {
  return torch.tidy(() => {
    torch.manual_seed(seed);
    const opt = { device, requires_grad: true } as const;
    const a = torch.randn([M, K], opt), b = torch.randn([K, N], opt);
    const w = torch.randn([N, K], opt), bias = torch.randn([N], opt);
    const a3 = torch.randn([2, M, K], opt), b3 = torch.randn([2, K, N], opt);
    // convolution's im2col products: W[32, 144] · cols[144, 100] per image, and their gradients
    const img = torch.randn([2, 16, 10, 10], opt), kernel = torch.randn([32, 16, 3, 3], opt);
    const outs = [a.mm(b), a.matmul(b), torch.nn.functional.linear(a, w, bias), torch.bmm(a3, b3), torch.nn.functional.conv2d(img, kernel)];
    // a random upstream gradient reaches every gemm form: A·Bᵀ, Aᵀ·B, and x·wᵀ onto the bias
    for (const o of outs) o.backward(torch.randn(o.shape, { device }));
    return [...outs, a.grad!, b.grad!, w.grad!, bias.grad!, a3.grad!, b3.grad!, img.grad!, kernel.grad!].map((t) => Float32Array.from(t.dataSync() as Float32Array));
  });
}

/** How many floats of the results differ from one thread's in their bits (NaN's too). */
function differing(xs: Float32Array[], one: Float32Array[]): number {
  let n = 0;
  xs.forEach((x, i) => {
    const a = new Uint32Array(x.buffer), b = new Uint32Array(one[i].buffer);
    if (a.length !== b.length) n += Math.max(a.length, b.length);
    else for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) n++;
  });
  return n;
}

// tiny (one panel each side), odd (panels that end inside a micro-tile, K past one KC block), wide
const SHAPES: [number, number, number][] = [[8, 16, 3], [9, 17, 5], [37, 45, 29], [67, 131, 300], [64, 256, 784]];

describe('torch.set_num_threads', () => {
  afterAll(async () => {
    setMinWork();
    await torch.set_num_threads(1);
  });

  for (const e of fixture.errors) {
    it(`refuses ${e.name} with PyTorch's error`, () => {
      expect(() => torch.set_num_threads(e.arg as number)).toThrow(new torch.RuntimeError(e.message));
      expect(torch.get_num_threads()).toBe(1);
    });
  }

  for (const device of DEVICES) {
    it(`${device}: 2 and 3 threads give the bits one thread gives, tiny to odd shapes`, async () => {
      setMinWork(0);
      const one = SHAPES.map(([M, N, K], i) => products(device, M, N, K, i));
      for (const n of [2, 3]) {
        await torch.set_num_threads(n);
        expect(torch.get_num_threads()).toBe(n); // Node shares memory with worker_threads
        const posted = panelsPosted;
        SHAPES.forEach(([M, N, K], i) => expect(differing(products(device, M, N, K, i), one[i])).toBe(0));
        // on wasm every packed product went to the workers too; the js device never posts
        if (device === 'wasm') expect(panelsPosted).toBeGreaterThan(posted + SHAPES.length);
        else expect(panelsPosted).toBe(posted);
      }
      await torch.set_num_threads(1);
      expect(torch.get_num_threads()).toBe(1);
      SHAPES.forEach(([M, N, K], i) => expect(differing(products(device, M, N, K, i), one[i])).toBe(0));
    });

    it(`${device}: 1024×1024 mm on 2 threads gives the bits of one thread`, async () => {
      setMinWork();
      const mm = () => torch.tidy(() => {
        torch.manual_seed(1024);
        const a = torch.randn([1024, 1024], { device }), b = torch.randn([1024, 1024], { device });
        return [Float32Array.from(a.mm(b).dataSync() as Float32Array)];
      });
      await torch.set_num_threads(1);
      const one = mm();
      await torch.set_num_threads(2);
      const posted = panelsPosted;
      const two = mm();
      expect(differing(two, one)).toBe(0);
      expect(panelsPosted > posted).toBe(device === 'wasm');
    });
  }

  it('the workers\' module only imports the shared memory and has no data to write into it', () => {
    const module = new WebAssembly.Module(decodeHex(workerWasmHex));
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    // each worker instantiates it over the same memory: a data segment would be written again each time
    const bytes = decodeHex(workerWasmHex);
    const sections: number[] = [];
    for (let i = 8; i < bytes.length;) {
      sections.push(bytes[i]);
      let size = 0, shift = 0, b: number, j = i + 1;
      do { b = bytes[j++]; size |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
      i = j + size;
    }
    expect(sections).not.toContain(11); // the data section
  });
});
