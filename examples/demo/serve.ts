// npm run demo: serves the browser demo from the repo at http://127.0.0.1:8080/
// (PORT=... to change it). No network: the page's two scripts are bundled from
// the TypeScript sources by esbuild when the server starts, and the digits are
// read from examples/data.

import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** page.js and worker.js, minified ES modules (the worker carries wasmgrad and its WASM). */
async function bundle(): Promise<Map<string, Uint8Array>> {
  const result = await build({
    entryPoints: { page: `${here}page.ts`, worker: `${here}worker.ts` },
    bundle: true, format: 'esm', target: 'es2022', minify: true, write: false, outdir: '/', logLevel: 'warning',
  });
  return new Map(result.outputFiles.map((f) => [f.path, f.contents]));
}

export interface DemoServer { url: string; close(): Promise<void> }

export async function startDemo(port = 8080): Promise<DemoServer> {
  const scripts = await bundle();
  const files: Record<string, [string, Uint8Array]> = {
    '/': ['text/html; charset=utf-8', readFileSync(`${here}index.html`)],
    '/page.js': ['text/javascript', scripts.get('/page.js')!],
    '/worker.js': ['text/javascript', scripts.get('/worker.js')!],
    '/digits.bin': ['application/octet-stream', readFileSync(`${here}../data/digits.bin`)],
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (path === '/favicon.ico') { res.writeHead(204).end(); return; } // asked for by every first page load
    const file = files[path];
    if (!file) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await startDemo(Number(process.env.PORT ?? 8080));
  console.log(`wasmgrad demo: open ${url}  (Ctrl-C stops the server)`);
}
