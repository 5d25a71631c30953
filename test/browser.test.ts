// The built package in a real browser: a plain page imports dist/index.js as
// an ES module (no bundler, the WASM embedded) and runs the seed example on
// both devices in headless Chromium (Debian's, driven by playwright-core).
// No browser is not a pass: the test fails saying so, unless
// WASMGRAD_SKIP_BROWSER=1 asks for the skip explicitly.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { loadFixture } from './support/torch.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const skip = process.env.WASMGRAD_SKIP_BROWSER === '1';
if (skip) console.warn('\n*** WASMGRAD_SKIP_BROWSER=1: the browser test is SKIPPED on request ***\n');

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

describe.skipIf(skip)('in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let url = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No browser: Chromium not found at ${CHROMIUM}. Install it (apt-get install chromium; .ci/run does) ` +
        'or set WASMGRAD_SKIP_BROWSER=1 to skip this test explicitly.');
    }
    // the page loads the package as published: build dist/ from the current sources
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
    server = createServer(async (req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname));
      const file = join(root, path === '/' ? 'test/browser/index.html' : path);
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  });

  it('runs the seed example on the wasm and js devices with PyTorch\'s numbers', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, null, { timeout: 30_000 });
    const result = await page.evaluate(() => (window as unknown as { __result: { ok: boolean; lines?: string[]; error?: string } }).__result);
    expect(errors).toEqual([]);
    expect(result.error).toBeUndefined();
    const seed = loadFixture('ops.json').seed;
    for (const [i, device] of ['wasm', 'js'].entries()) {
      expect(result.lines![i]).toBe([device, seed.z1_str_nograd, seed.y_hat_str_nograd, String(seed.loss_item),
        seed.grad_w1_str, seed.grad_b1_str, seed.grad_w1_str, seed.grad_b1_str].join(' '));
    }
  });
});
