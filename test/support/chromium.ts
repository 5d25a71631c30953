// Headless Chromium for the tests that load wasmgrad in a real browser: Debian's
// chromium driven by playwright-core, and a static file server on 127.0.0.1.
// No browser is not a pass: launch() fails saying so, unless
// WASMGRAD_SKIP_BROWSER=1 asks for the skip explicitly.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const skipBrowser = process.env.WASMGRAD_SKIP_BROWSER === '1';
if (skipBrowser) console.warn('\n*** WASMGRAD_SKIP_BROWSER=1: the browser tests are SKIPPED on request ***\n');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No browser: Chromium not found at ${CHROMIUM}. Install it (apt-get install chromium; .ci/run does) ` +
      'or set WASMGRAD_SKIP_BROWSER=1 to skip the browser tests explicitly.');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

const types: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json',
  '.json': 'application/json', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml',
};

export interface StaticServer { url: string; close(): Promise<void> }

/**
 * Serves the files under `root` (a directory's index.html for its path);
 * `headers(path)` adds response headers, e.g. a Content-Security-Policy.
 */
export async function serveStatic(root: string, headers: (path: string) => Record<string, string> = () => ({})): Promise<StaticServer> {
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (path === '/favicon.ico') { res.writeHead(204).end(); return; } // asked for by every first page load
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', ...headers(path) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface PageRun<T> {
  /** What the page put in window.__result. */
  result: T;
  /** Uncaught errors on the page. */
  errors: string[];
  /** console.warn and console.error messages, from the page and its workers. */
  warnings: string[];
}

/** Opens url and waits for the page to set window.__result. */
export async function runPage<T = unknown>(browser: Browser, url: string, timeout = 30_000): Promise<PageRun<T>> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, null, { timeout });
    const result = await page.evaluate(() => (window as unknown as { __result: unknown }).__result) as T;
    return { result, errors, warnings };
  } catch (e) {
    throw new Error(`${url}: ${e}\npage errors: ${errors.join('\n')}\nconsole: ${warnings.join('\n')}`);
  } finally {
    await page.close();
  }
}
