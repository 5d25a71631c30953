// The packed package in pages with no bundler, in headless Chromium: a plain
// page (an import map), the single-file build, a module worker, and a page
// under `Content-Security-Policy: script-src 'self'`, where WebAssembly cannot
// be compiled and wasmgrad falls back to the js device with one warning, and
// torch.set_num_threads(2) on pages with and without cross-origin isolation.

import { describe, it, expect, inject, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, serveStatic, runPage, skipBrowser, type StaticServer } from '../support/chromium.js';
import { seedLine } from './expected.js';

const consumers = inject('consumers');

interface PageResult { lines?: string[]; device?: string; wasmError?: string; error?: string; isolated?: boolean; threads?: number; same?: boolean }

describe.skipIf(skipBrowser)('pages in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    browser = await launchChromium();
    const csp: Record<string, string> = { 'content-security-policy': "script-src 'self'" };
    const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
    server = await serveStatic(consumers, (path) => (path.startsWith('/web/csp/') ? csp : path.startsWith('/web/threads-isolated/') ? isolated : {}));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [name, path] of [
    ['a plain <script type="module"> page', 'plain'],
    ['the single-file build (dist/browser/wasmgrad.min.js)', 'cdn'],
    ['a module Web Worker', 'worker'],
  ]) {
    it(`${name} runs the seed example on both devices with PyTorch's numbers`, async () => {
      const { result, errors, warnings } = await runPage<PageResult>(browser, `${server.url}/web/${path}/`);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([]);
      expect(result).toEqual({ lines: [seedLine('wasm'), seedLine('js')] });
    });
  }

  // torch.set_num_threads (helper threads): a page that is not cross-origin isolated has no shared
  // memory, so it stays on one thread and runs as before; an isolated one gets its worker
  for (const [name, path, threads] of [['not cross-origin isolated', 'threads', 1], ['cross-origin isolated', 'threads-isolated', 2]] as const) {
    it(`set_num_threads(2) on a page ${name}: ${threads} thread(s), the bits of one thread, the seed example's numbers`, async () => {
      const { result, errors, warnings } = await runPage<PageResult>(browser, `${server.url}/web/${path}/`);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([]);
      expect(result).toEqual({ isolated: threads === 2, threads, same: true, lines: [seedLine('wasm'), seedLine('js')] });
    });
  }

  it("under script-src 'self' it falls back to the js device with one warning, and PyTorch's numbers", async () => {
    const { result, errors, warnings } = await runPage<PageResult>(browser, `${server.url}/web/csp/`);
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^wasmgrad: WebAssembly could not be compiled here \(CompileError: .*Content Security Policy.*\), so the wasm device is unavailable and tensors go to the js device\. .*'wasm-unsafe-eval'.*'wasmgrad\/js'/);
    expect(result).toEqual({
      lines: [seedLine('js'), seedLine('js')],
      device: 'js',
      wasmError: expect.stringMatching(/^RuntimeError: wasmgrad: the wasm device is unavailable here: WebAssembly could not be compiled here \(CompileError: /),
    });
  });
});
