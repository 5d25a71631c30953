// How wasmgrad loads its WebAssembly in each kind of host, simulated in Node by
// replacing WebAssembly's functions before a fresh import of the package:
// - this host compiles synchronously: ops at once on wasm, torch.ready() already resolved;
// - an engine that caps synchronous compiles (older Chromium's main thread: RangeError):
//   ops ask for torch.ready(), after which they run on wasm;
// - WebAssembly refused (a CSP without 'wasm-unsafe-eval'), or no SIMD: one warning,
//   then everything runs on the js device with PyTorch's numbers.
// The real CSP case runs in Chromium in test/packaging/pages.test.ts.

import { describe, it, expect, vi, afterEach } from 'vitest';
import { loadFixture } from './support/torch.js';

type Torch = typeof import('../src/index.js');
const seed = loadFixture('ops.json').seed;

/** The seed example on the default device: its device and printed values, as PyTorch printed them. */
function seedExample(torch: Torch): string[] {
  const y = torch.tensor([1.0]), x1 = torch.tensor([1.3]);
  const w1 = torch.tensor([2.0], { requires_grad: true });
  const b1 = torch.tensor([0.5], { requires_grad: true });
  const loss = torch.nn.functional.binary_cross_entropy(torch.sigmoid(w1.mul(x1).add(b1)), y);
  loss.backward();
  return [loss.device, String(loss.item()), `${w1.grad}`, `${b1.grad}`];
}
const expected = (device: string) => [device, String(seed.loss_item), seed.grad_w1_str, seed.grad_b1_str];

const saved = { Module: WebAssembly.Module, compile: WebAssembly.compile, validate: WebAssembly.validate };
const wasmApi = WebAssembly as unknown as Record<string, unknown>;

/** A fresh import of the package with WebAssembly's functions replaced; returns it and what it has warned. */
async function importWith(replace: Partial<typeof saved>): Promise<{ torch: Torch; warnings: () => string[] }> {
  Object.assign(wasmApi, replace);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.resetModules();
  const torch = await import('../src/index.js');
  return { torch, warnings: () => warn.mock.calls.map((c) => String(c[0])) };
}

afterEach(() => {
  Object.assign(wasmApi, saved);
  vi.restoreAllMocks();
  vi.resetModules();
});

const cspError = () => new WebAssembly.CompileError("WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script");
function refuseSync(): never { throw cspError(); }
function capSync(): never { throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB.'); }

describe('loading the wasm module', () => {
  it('compiles at import where the engine allows it: ops at once on wasm, ready() resolved, no warning', async () => {
    const { torch, warnings } = await importWith({});
    expect(torch.get_default_device()).toBe('wasm');
    expect(seedExample(torch)).toEqual(expected('wasm'));
    await expect(torch.ready()).resolves.toBeUndefined();
    expect(warnings()).toEqual([]);
  });

  it('an engine that only compiles asynchronously: ops ask for torch.ready(), then run on wasm', async () => {
    const { torch, warnings } = await importWith({ Module: capSync as unknown as typeof WebAssembly.Module });
    expect(() => torch.tensor([1])).toThrow(new torch.RuntimeError(
      "wasmgrad: the wasm device is still loading (this engine compiles WebAssembly asynchronously): " +
      "await torch.ready() before the first op, or torch.set_default_device('js')"));
    expect(() => torch.get_default_device()).toThrow(torch.RuntimeError);
    // the js device works meanwhile, and grad mode set before the load reaches the wasm device
    expect(torch.tensor([1], { device: 'js' }).device).toBe('js');
    torch.set_grad_enabled(false);
    await torch.ready();
    expect(torch.get_default_device()).toBe('wasm');
    expect(torch.tensor([2], { requires_grad: true }).mul(3).requires_grad).toBe(false);
    torch.set_grad_enabled(true);
    expect(seedExample(torch)).toEqual(expected('wasm'));
    expect(warnings()).toEqual([]);
  });

  it('set_default_device("js") before ready() keeps js as the default after the load', async () => {
    const { torch } = await importWith({ Module: capSync as unknown as typeof WebAssembly.Module });
    torch.set_default_device('js');
    await torch.ready();
    expect(torch.get_default_device()).toBe('js');
    expect(torch.tensor([1], { device: 'wasm' }).device).toBe('wasm');
  });

  it('WebAssembly refused (a CSP without wasm-unsafe-eval): one warning, then the js device with PyTorch\'s numbers', async () => {
    const { torch, warnings } = await importWith({ Module: refuseSync as unknown as typeof WebAssembly.Module });
    expect(warnings()).toEqual([
      "wasmgrad: WebAssembly could not be compiled here (CompileError: WebAssembly.Module(): Refused to compile or " +
      "instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script), so the wasm device " +
      "is unavailable and tensors go to the js device. Under a Content-Security-Policy, add 'wasm-unsafe-eval' to " +
      "script-src to allow the wasm device; import 'wasmgrad/js' to leave it out.",
    ]);
    await torch.ready();
    expect(torch.get_default_device()).toBe('js');
    expect(seedExample(torch)).toEqual(expected('js'));
    expect(torch.memory()).toEqual(torch.memory('js'));
    expect(() => torch.tensor([1], { device: 'wasm' })).toThrow(/^wasmgrad: the wasm device is unavailable here: WebAssembly could not be compiled here \(CompileError/);
  });

  it('refused asynchronously too (a CSP on a capped main thread): one warning by the time ready() resolves, then js', async () => {
    const { torch, warnings } = await importWith({
      Module: capSync as unknown as typeof WebAssembly.Module,
      compile: (() => Promise.reject(cspError())) as typeof WebAssembly.compile,
    });
    await torch.ready();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^wasmgrad: WebAssembly could not be compiled here \(CompileError: /);
    expect(torch.get_default_device()).toBe('js');
    expect(seedExample(torch)).toEqual(expected('js'));
  });

  it('no WebAssembly SIMD: one warning, then the js device', async () => {
    const { torch, warnings } = await importWith({ validate: () => false });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^wasmgrad: this engine has no WebAssembly SIMD, so the wasm device is unavailable and tensors go to the js device\./);
    expect(torch.get_default_device()).toBe('js');
    expect(seedExample(torch)).toEqual(expected('js'));
    expect(() => torch.tensor([1], { device: 'wasm' })).toThrow('wasmgrad: the wasm device is unavailable here: this engine has no WebAssembly SIMD');
  });
});
