// The package's entries beyond tsc's ESM tree in dist/ (run after tsc):
//   dist/index.js           `import 'wasmgrad'`: re-exports tsc's ES modules in dist/src/
//   dist/cjs/index.js       `require('wasmgrad')`: the whole package as one CommonJS bundle
//   dist/js.js              `import 'wasmgrad/js'`: the API with the js device only, no WebAssembly
//   dist/cjs/js.js          `require('wasmgrad/js')`
//   dist/browser/wasmgrad.min.js   the whole package in one minified ES module, for a CDN
// Each bundle is one file, so a program that loads it has one copy of the state (devices, tidy
// scopes). dist/cjs/ also gets tsc's declarations and a package.json saying "commonjs", so
// TypeScript types `require('wasmgrad')` as CommonJS.
import { build } from 'esbuild';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist/`;

/** Puts src/wasm/absent.ts in place of the wasm device, so no WebAssembly is bundled. */
const withoutWasm = {
  name: 'without-wasm',
  setup(b) {
    b.onResolve({ filter: /^\.\/wasm\/device\.js$/ }, () => ({ path: `${root}src/wasm/absent.ts` }));
  },
};

const common = { bundle: true, sourcemap: true, target: 'es2022', platform: 'neutral', logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['src/index.ts'], format: 'cjs', outfile: `${dist}cjs/index.js` }),
  build({ ...common, entryPoints: ['src/index.ts'], format: 'cjs', outfile: `${dist}cjs/js.js`, plugins: [withoutWasm] }),
  build({ ...common, entryPoints: ['src/index.ts'], format: 'esm', outfile: `${dist}js.js`, plugins: [withoutWasm] }),
  build({ ...common, entryPoints: ['src/index.ts'], format: 'esm', outfile: `${dist}browser/wasmgrad.min.js`, minify: true, keepNames: true }),
]);

// Source maps carry the sources (sourcesContent), except the embedded module's: the hex is
// already in the code beside them, and a debugger has nothing to show in it.
for (const file of readdirSync(dist, { recursive: true })) {
  if (!file.endsWith('.map')) continue;
  const map = JSON.parse(readFileSync(`${dist}${file}`, 'utf8'));
  const i = map.sources.findIndex((s) => s.endsWith('wasm/module.generated.ts'));
  if (i < 0 || !map.sourcesContent) continue;
  map.sourcesContent[i] = null;
  writeFileSync(`${dist}${file}`, JSON.stringify(map));
}

// tsc's declarations, again under dist/cjs/ where package.json makes them CommonJS
for (const file of readdirSync(dist, { recursive: true })) {
  if (file.endsWith('.d.ts') && !/^(cjs|browser)\//.test(file)) cpSync(`${dist}${file}`, `${dist}cjs/${file}`);
}
writeFileSync(`${dist}cjs/package.json`, '{ "type": "commonjs" }\n');
// tsc compiles src/ and abi/ (which assembly/ shares) into dist/src/ and dist/abi/; the entries stay
// at dist/index.js, where import maps and the "module" field point
for (const entry of ['index', 'cjs/index', 'cjs/js', 'js']) {
  writeFileSync(`${dist}${entry}.d.ts`, "export * from './src/index.js';\n");
}
writeFileSync(`${dist}index.js`, "export * from './src/index.js';\n");
