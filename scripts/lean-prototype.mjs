// The lean entry's projected sizes (docs/design.md, "Bundle size: a lean entry"), measured without
// restructuring src/: the seed app (test/packaging/consumers/seed.mjs) bundled as the size checks do
// (esbuild, minified, gzip -9) against dist/src/, from an entry that exports only what the seed uses,
// with the modules a later migration step would take out of the seed's reach replaced by stubs (each
// export a function that does nothing). Each step runs the bundle and says whether the seed still
// prints PyTorch's line (test/packaging/expected.ts), so a step's stubs are known to be unused by it.
//   npm run build:ts && node scripts/lean-prototype.mjs [--wasm] [--top 12]
// --wasm keeps the wasm device (and runs the seed on both devices); without it, the js device only.
import { build } from 'esbuild';
import { init, parse } from 'es-module-lexer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

await init;
const root = fileURLToPath(new URL('..', import.meta.url));
// what the seed prints, from PyTorch's fixtures, as test/packaging/expected.ts builds it
const fx = JSON.parse(readFileSync(join(root, 'test/fixtures/ops.json'), 'utf8')).seed;
const expected = ['wasm', 'js'].map((device) => [device, fx.z1_str, fx.y_hat_str, fx.loss_str, fx.loss_item,
  fx.grad_w1_str, fx.grad_w1_str, fx.grad_b1_str].join(' | '));
const src = join(root, 'dist/src/');
const wasm = process.argv.includes('--wasm');
const top = Number(process.argv.includes('--top') ? process.argv[process.argv.indexOf('--top') + 1] : 12);

// the modules tensor.ts imports for Tensor's members (a step would move them to installers)
const members = 'reduce|reduce_stats|shape_compose|compose|linalg|indexing|gather_scatter|bernoulli|multinomial|random_fill|scan|sort|' +
  'bitwise|linalg_more|linalg_rest|linalg_householder|linalg_svd|linalg_lu|shape_members|polygamma|numeric|numeric_members|' +
  'storage_members|histogram|consecutive|methods\\.generated';
// the js device's op families beyond elementwise and the losses (src/js/device.ts's imports)
const families = 'optim|compare|gather|scatter_reduce|margin_loss|embedding_bag|ctc_loss|ternary';
const steps = [
  ['a seed-sized namespace, Tensor and the tables as today', []],
  ["+ Tensor's member modules stubbed", [`^\\./ops/(${members})\\.js$`]],
  ["+ the js device's op families and igamma's coefficients stubbed", [`^\\./ops/(${members}|${families})\\.js$`, 'igamma_coeffs']],
  ['+ the generated kernel and derivative tables stubbed (the floor: no rows at all)',
    [`^\\./ops/(${members}|${families})\\.js$`, 'igamma_coeffs', 'kernels\\.generated', 'derivatives\\.generated']],
];

const tmp = mkdtempSync(join(tmpdir(), 'wasmgrad-lean-'));
try {
  writeFileSync(join(tmp, 'entry.js'), [
    `export { Tensor } from '${src}tensor.js';`,
    `export { tensor } from '${src}creation.js';`,
    `export { sigmoid } from '${src}ops/elementwise.js';`,
    `import { binary_cross_entropy } from '${src}nn/functional.js';`,
    `import { grad } from '${src}autograd.js';`,
    // plain objects, not nested `export * as` namespaces, which esbuild does not tree-shake
    'export const nn = { functional: { binary_cross_entropy } };',
    'export const autograd = { grad };',
  ].join('\n'));
  writeFileSync(join(tmp, 'app.js'), [
    "import * as torch from './entry.js';",
    `import { seed } from '${join(root, 'test/packaging/consumers/seed.mjs')}';`,
    `console.log(JSON.stringify(${wasm ? "[seed(torch), seed(torch, 'js')]" : "[seed(torch, 'js')]"}));`,
  ].join('\n'));
  for (const [name, stubs] of steps) {
    const res = stubs.map((s) => new RegExp(s));
    const plugin = {
      name: 'lean-prototype',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (a) => {
          if (!wasm && a.path === './wasm/device.js') return { path: `${src}wasm/absent.js` };
          if (a.importer.startsWith(src) && res.some((r) => r.test(a.path))) return { path: resolve(dirname(a.importer), a.path), namespace: 'stub' };
          return undefined;
        });
        b.onLoad({ filter: /.*/, namespace: 'stub' }, (a) => {
          const [, exports] = parse(readFileSync(a.path, 'utf8'));
          const contents = exports.map((e) => `export const ${e.n} = new Proxy(function stub() {}, { get: () => function stub() {} });`).join('\n');
          return { contents, loader: 'js' };
        });
      },
    };
    const outfile = join(tmp, 'out.js');
    const r = await build({ entryPoints: [join(tmp, 'app.js')], outfile, bundle: true, minify: true, format: 'esm', metafile: true, plugins: [plugin], logLevel: 'error' });
    const code = readFileSync(outfile);
    const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    const lines = run.status === 0 ? JSON.parse(run.stdout) : null;
    console.log(`\n== ${name}: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KB gzip -9; ` +
      (lines ? `runs and prints PyTorch's line: ${lines.every((l) => expected.includes(l))}` : `does not run (${run.stderr.split('\n').find((l) => /^\w*Error\b/.test(l))?.slice(0, 120) ?? 'it throws'})`));
    const inputs = Object.entries(Object.values(r.metafile.outputs)[0].inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
    for (const [p, { bytesInOutput }] of inputs.slice(0, top)) console.log(`  ${(bytesInOutput / 1024).toFixed(1).padStart(7)} KB  ${p.replace(/^.*?dist\//, '')}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
