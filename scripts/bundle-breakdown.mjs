// Where the bytes of the size checks (test/packaging/bundlers.test.ts) go, reproducibly:
//   node scripts/bundle-breakdown.mjs [--wasm build/other.wasm] [--top 25] [--json out.json] [--subset REGEX]
// --subset: the bytes and gzip of the WASM function bodies whose names match REGEX (what a core module
// holding only those would weigh in code, before its data segments and what the names miss).
// Needs `npm run build` (dist/ and build/wasmgrad.wasm with its .wat). Two parts:
//  1. The JS bundles: the seed apps and `import { RuntimeError }` of test/packaging/consumers/bundled/,
//     bundled as the size checks do (esbuild, minified, ESM; gzip -9), against this checkout's dist/
//     through a node_modules/wasmgrad link so package.json's exports and "sideEffects" apply as for a
//     user. esbuild's metafile gives each input's bytes in the output, grouped by directory.
//  2. The WASM module: its sections and each function body's size (names from asc's .wat, whose
//     functions are in index order), grouped by source file, with the gzip of each group's bodies
//     concatenated (a rough share: gzip finds matches across groups in the whole module).
import { build } from 'esbuild';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const top = Number(arg('--top', 25));
const wasmFile = arg('--wasm', join(root, 'build/wasmgrad.wasm'));
const jsonOut = arg('--json', null);
const gz = (b) => gzipSync(b, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const report = { bundles: {}, wasm: {} };

// ---- 1. the JS bundles -------------------------------------------------------------------------
/** The directory an input of the metafile is counted under. */
function group(input) {
  const p = input.replace(/^.*?node_modules\/wasmgrad\//, '').replace(/^.*\/consumers\//, 'consumers/').replace(/^dist\/src\//, 'src/').replace(/^dist\//, 'dist/');
  if (/module(\.memcheck)?\.generated\.js$/.test(p)) return 'the WASM module, embedded (src/wasm/module.generated)';
  if (/(relaxed|worker|worker_relaxed)_module\.generated\.js$/.test(p)) return 'small WASM modules (gemm worker, relaxed)';
  if (/\.generated\.js$/.test(p)) return `${p.replace(/\/[^/]*$/, '')}/*.generated`;
  if (!p.startsWith('src/')) return p;
  return p.replace(/\/[^/]*$/, '/') || 'src/';
}

const tmp = mkdtempSync(join(tmpdir(), 'wasmgrad-breakdown-'));
try {
  cpSync(join(root, 'test/packaging/consumers'), join(tmp, 'consumers'), { recursive: true });
  mkdirSync(join(tmp, 'consumers/node_modules'));
  symlinkSync(root.replace(/\/$/, ''), join(tmp, 'consumers/node_modules/wasmgrad'));
  writeFileSync(join(tmp, 'consumers/package.json'), '{ "type": "module" }');
  // dist/js.js is one prebuilt file, so its bundle has no per-file breakdown: 'seed-app-js.js (per file)'
  // bundles the same app from dist/src/ with the js device only, as scripts/build-bundles.mjs builds dist/js.js
  const perFile = {
    name: 'js-entry-per-file',
    setup(b) {
      b.onResolve({ filter: /^wasmgrad\/js$/ }, (a) => b.resolve('wasmgrad', { resolveDir: a.resolveDir, kind: a.kind }));
      b.onResolve({ filter: /^\.\/wasm\/device\.js$/ }, () => ({ path: join(root, 'dist/src/wasm/absent.js') }));
    },
  };
  for (const name of ['seed-app.js', 'seed-app-js.js', 'seed-app-js.js (per file)', 'runtime-error.js']) {
    const entry = name.replace(/ .*/, '');
    const outfile = join(tmp, 'out', name.replace(/ /g, '_'));
    const r = await build({ entryPoints: [join(tmp, 'consumers/bundled', entry)], outfile, bundle: true, format: 'esm',
      minify: true, metafile: true, logLevel: 'error', plugins: name.includes('per file') ? [perFile] : [] });
    const code = readFileSync(outfile);
    const inputs = Object.values(r.metafile.outputs)[0].inputs;
    const groups = new Map();
    const files = [];
    for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
      if (!bytesInOutput) continue;
      const g = group(path);
      groups.set(g, (groups.get(g) ?? 0) + bytesInOutput);
      files.push([path.replace(/^.*?node_modules\/wasmgrad\//, '').replace(/^.*\/consumers\//, 'consumers/'), bytesInOutput]);
    }
    // the embedded module: hex since scripts/embed-wasm.mjs switched from base64 (both recognized)
    const b64 = /"((?:0061736d|AGFzbQ)[A-Za-z0-9+/=]+)"/.exec(code.toString())?.[1] ?? '';
    const info = { minified: code.length, gzip: gz(code), withoutWasmGzip: gz(Buffer.from(code.toString().replace(b64, ''))),
      groups: Object.fromEntries([...groups].sort((a, b) => b[1] - a[1])), files: Object.fromEntries(files.sort((a, b) => b[1] - a[1])) };
    report.bundles[name] = info;
    console.log(`\n== ${name}: ${kb(info.minified)} minified, ${kb(info.gzip)} gzip -9` +
      (b64 ? `; without the embedded module: ${kb(info.withoutWasmGzip)} gzip` : ''));
    console.log('  by directory (minified bytes in the output):');
    for (const [g, n] of Object.entries(info.groups)) console.log(`  ${kb(n)}  ${g}`);
    console.log(`  largest ${top} files:`);
    for (const [f, n] of Object.entries(info.files).slice(0, top)) console.log(`  ${kb(n)}  ${f}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// ---- 2. the WASM module ------------------------------------------------------------------------
const wasm = readFileSync(wasmFile);
/** An unsigned LEB128 at pos: [value, next pos]. */
function leb(buf, pos) {
  let v = 0, shift = 0, b;
  do { b = buf[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [v, pos];
}
const sectionNames = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
let bodies = [];
let dataSegments = [];
for (let pos = 8; pos < wasm.length;) {
  const id = wasm[pos];
  const [size, start] = leb(wasm, pos + 1);
  sections.push([sectionNames[id] ?? `#${id}`, size]);
  if (id === 10) {
    let [n, p] = leb(wasm, start);
    for (let i = 0; i < n; i++) {
      const [len, q] = leb(wasm, p);
      bodies.push(wasm.subarray(q, q + len));
      p = q + len;
    }
  } else if (id === 11) {
    let [n, p] = leb(wasm, start);
    for (let i = 0; i < n; i++) {
      const [flag, q0] = leb(wasm, p);
      let q = q0;
      if (flag === 0) { while (wasm[q] !== 0x0b) q++; q++; } // the offset expression up to `end`
      const [len, r] = leb(wasm, q);
      dataSegments.push(len);
      p = r + len;
    }
  }
  pos = start + size;
}
const wat = readFileSync(wasmFile.replace(/\.wasm$/, '.wat'), 'utf8');
const imported = [...wat.matchAll(/^ \(import "[^"]*" "[^"]*" \(func /gm)].length;
const names = [...wat.matchAll(/^ \(func \$(\S+)/gm)].map((m) => m[1]);
if (names.length !== bodies.length) throw new Error(`${names.length} functions in the .wat, ${bodies.length} bodies in the .wasm`);
const fgroups = new Map();
for (let i = 0; i < bodies.length; i++) {
  const g = names[i].replace(/^start:/, '').replace(/~anonymous.*$/, '').replace(/\/[^/]*$/, '');
  const e = fgroups.get(g) ?? { bytes: 0, count: 0, parts: [] };
  e.bytes += bodies[i].length; e.count++; e.parts.push(bodies[i]);
  fgroups.set(g, e);
}
report.wasm = {
  file: wasmFile, bytes: wasm.length, gzip: gz(wasm), base64Gzip: gz(Buffer.from(wasm.toString('base64'))),
  functions: bodies.length, importedFunctions: imported,
  sections: Object.fromEntries(sections.map(([n, s], i) => [`${i}:${n}`, s])),
  dataSegments: { count: dataSegments.length, bytes: dataSegments.reduce((a, b) => a + b, 0) },
  groups: Object.fromEntries([...fgroups].sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([g, e]) => [g, { bytes: e.bytes, count: e.count, gzip: gz(Buffer.concat(e.parts)) }])),
  largest: Object.fromEntries(bodies.map((b, i) => [names[i], b.length]).sort((a, b) => b[1] - a[1]).slice(0, top)),
};
const w = report.wasm;
console.log(`\n== ${wasmFile.replace(root, '')}: ${kb(w.bytes)} raw, ${kb(w.gzip)} gzip -9, ` +
  `${kb(w.base64Gzip)} gzip -9 as base64; ${w.functions} functions (+${w.importedFunctions} imported)`);
console.log('  sections:', sections.map(([n, s]) => `${n} ${(s / 1024).toFixed(1)} KB`).join(', '));
console.log(`  data: ${w.dataSegments.count} segments, ${kb(w.dataSegments.bytes)}`);
console.log('  code by source file (body bytes, functions, gzip of the group alone):');
for (const [g, e] of Object.entries(w.groups)) console.log(`  ${kb(e.bytes)} ${String(e.count).padStart(4)} fn ${kb(e.gzip)}  ${g}`);
console.log(`  largest ${top} functions:`);
for (const [f, n] of Object.entries(w.largest)) console.log(`  ${kb(n)}  ${f}`);
const subset = arg('--subset', null);
if (subset) {
  const re = new RegExp(subset);
  const parts = bodies.filter((_, i) => re.test(names[i]));
  const code = Buffer.concat(parts);
  report.wasm.subset = { regex: subset, functions: parts.length, bytes: code.length, gzip: gz(code), hexGzip: gz(Buffer.from(code.toString('hex'))) };
  console.log(`  subset /${subset}/: ${parts.length} functions, ${kb(code.length)} code, ${kb(gz(code))} gzip, ${kb(gz(Buffer.from(code.toString('hex'))))} gzip as hex`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 1));
