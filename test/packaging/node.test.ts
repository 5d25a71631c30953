// The packed package in Node: `import`, `require`, and TypeScript strict with
// moduleResolution node16 (compiled and run) and bundler (type-checked).

import { describe, it, expect, inject } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedLine } from './expected.js';

const consumers = inject('consumers');
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const version = JSON.parse(execFileSync('npm', ['pkg', 'get', 'version'], { encoding: 'utf8' }));

/** Runs a Node script; its stdout's last line is JSON, and it must print nothing on stderr. */
function runNode(script: string): Record<string, unknown> {
  const run = spawnSync(process.execPath, [script], { cwd: consumers, encoding: 'utf8' });
  expect(run.stderr, `stderr of ${script}`).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

describe('Node', () => {
  it('ESM: import runs the seed example on both devices at once, and wasmgrad/js on js', () => {
    expect(runNode('node/esm.mjs')).toEqual({
      lines: [seedLine('wasm'), seedLine('js')], jsEntry: [seedLine('js')], version,
    });
  });

  it('CommonJS: require runs it too', () => {
    expect(runNode('node/require.cjs')).toEqual({
      lines: [seedLine('wasm'), seedLine('js')], jsEntry: [seedLine('js')], version,
    });
  });
});

describe('TypeScript strict', () => {
  it('moduleResolution node16: compiles without skipLibCheck (internals hidden), and the output runs', () => {
    execFileSync(process.execPath, [tsc, '-p', join(consumers, 'ts/node16')], { encoding: 'utf8' });
    expect(runNode('ts/node16/out/main.js')).toEqual({
      lines: [seedLine('wasm'), seedLine('js')], jsEntry: [seedLine('js')], error: 'RuntimeError',
    });
    expect(runNode('ts/node16/out/require.cjs')).toEqual({ grad: 'tensor([2., 4.])', device: 'wasm' });
  });

  it('moduleResolution bundler: type-checks', () => {
    execFileSync(process.execPath, [tsc, '-p', join(consumers, 'ts/bundler')], { encoding: 'utf8' });
  });
});

describe('the files in the package', () => {
  const pkgDir = join(consumers, 'node_modules/wasmgrad');
  const read = (path: string) => readFileSync(join(pkgDir, path), 'utf8');

  it('source maps carry their sources (src/ is not in the package), except the embedded module', () => {
    for (const [map, source] of [['dist/src/tensor.js.map', 'export class Tensor'], ['dist/cjs/index.js.map', 'export class Tensor'],
      ['dist/js.js.map', 'export class Tensor'], ['dist/browser/wasmgrad.min.js.map', 'export class Tensor']]) {
      const m = JSON.parse(read(map));
      expect(m.sourcesContent.some((c: string | null) => c?.includes(source)), map).toBe(true);
      expect(m.sources.length, map).toBe(m.sourcesContent.length);
    }
    expect(JSON.parse(read('dist/src/wasm/module.generated.js.map')).sourcesContent).toEqual([null]);
  });

  it('declarations hold no literal type of the module and no internals', () => {
    expect(read('dist/src/wasm/module.generated.d.ts')).toMatch(/export declare const wasmHex: string;/);
    expect(read('dist/src/wasm/module.generated.d.ts').length).toBeLessThan(500);
    expect(read('dist/src/tensor.d.ts')).not.toMatch(/\b_h\b|\b_dev\b|escape\(|get h\(/);
  });

  it('package.json: sideEffects, metadata, and the entries it exports', () => {
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.keywords).toEqual(expect.arrayContaining(['pytorch', 'autograd', 'webassembly']));
    expect(pkg.repository.url).toMatch(/^git\+https:/);
    expect(pkg.homepage).toMatch(/^https:/);
    expect(Object.keys(pkg.exports)).toEqual(['.', './js', './browser', './package.json']);
  });
});
