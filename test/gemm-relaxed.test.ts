// Relaxed SIMD (issue 9): the packed gemm with f32x4.relaxed_madd (assembly/gemm_relaxed.ts),
// loaded where the engine validates relaxed SIMD (src/wasm/loader.ts). The vitest process itself
// runs Node without --experimental-wasm-relaxed-simd, so the relaxed kernel runs in child processes
// started with the flag and in headless Chromium, where relaxed SIMD is on by default; a host
// without it must load and use the plain SIMD128 kernel.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { gemmKernel, relaxedSimdSupported, decodeHex } from '../src/wasm/loader.js';
import { relaxedWasmHex } from '../src/wasm/relaxed_module.generated.js';
import { compareKernels } from './gemm/relaxed_compare.mjs';
import { launchChromium, skipBrowser } from './support/chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FLAG = '--experimental-wasm-relaxed-simd';
// assembly/gemm_relaxed.ts built without WASMGRAD_RELAXED: the same packed gemm with the plain kernel
const plainPath = join(root, 'build', 'gemm_plain_test.wasm');
const relaxedBytes = decodeHex(relaxedWasmHex); // the module the package ships

interface Compared { cases: number; differ: number; failures: string[] }

/** The comparison's expectations, wherever it ran. */
function expectAgreement(r: Compared) {
  expect(r.failures).toEqual([]);
  expect(r.cases).toBe(1608);
  // the relaxed kernel fused (x64 with FMA3, arm64): some bits differ from mul + add
  expect(r.differ).toBeGreaterThan(0);
}

/** Runs a script in a child Node, with or without the flag, and parses the JSON it prints last. */
function child(args: string[], env: Record<string, string> = {}): Record<string, unknown> {
  // stderr piped: a failing child's message goes into the thrown error, not the test log
  const out = execFileSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const loadScript = join(root, 'test', 'gemm', 'relaxed_load.mts');

beforeAll(() => {
  mkdirSync(join(root, 'build'), { recursive: true });
  execFileSync(process.execPath, [join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), join(root, 'assembly', 'gemm_relaxed.ts'),
    '--config', 'asconfig.relaxed.json', '--target', 'plain'], { cwd: root, stdio: 'pipe' });
}, 300_000);

describe('relaxed SIMD gemm', () => {
  it(`agrees with the plain kernel within rtol 1e-5 on 1608 problems (Node ${FLAG})`, () => {
    const script = `import { readFileSync } from 'node:fs';
      import { compareKernels } from ${JSON.stringify(join(root, 'test', 'gemm', 'relaxed_compare.mjs'))};
      const [plain, relaxed] = process.argv.slice(1).map((f) => readFileSync(f));
      console.log(JSON.stringify(compareKernels(plain, relaxed)));`;
    const relaxedPath = join(root, 'build', 'gemm-relaxed-test-kernel.wasm');
    writeFileSync(relaxedPath, relaxedBytes);
    expectAgreement(child([FLAG, '--input-type=module', '-e', script, plainPath, relaxedPath]) as unknown as Compared);
  }, 300_000);

  it.skipIf(skipBrowser)('agrees with the plain kernel in headless Chromium, which validates relaxed SIMD by default', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const plain = [...readFileSync(plainPath)], relaxed = [...relaxedBytes];
      const supported = await page.evaluate(`(${relaxedSimdSupported})()`);
      expect(supported).toBe(true);
      expectAgreement(await page.evaluate(`(${compareKernels})(${JSON.stringify(plain)}, ${JSON.stringify(relaxed)})`) as Compared);
    } finally {
      await browser.close();
    }
  }, 300_000);

  it('this process (Node without the flag) validates no relaxed SIMD and runs the plain kernel', () => {
    expect(relaxedSimdSupported()).toBe(false);
    expect(() => new WebAssembly.Module(relaxedBytes)).toThrow(WebAssembly.CompileError);
    expect(gemmKernel()).toBe('plain');
  });

  it('the library picks relaxed SIMD where validated, keeps it on 2 threads, and WASMGRAD_SIMD forces either path', () => {
    const tol = 1e-4; // a 45-long dot product of randn values, against the js device
    const run = (flag: boolean, env?: Record<string, string>) => child([...(flag ? [FLAG] : []), '--import', 'tsx', loadScript], env);
    for (const [flag, env, kernel] of [[true, {}, 'relaxed'], [false, {}, 'plain'], [true, { WASMGRAD_SIMD: 'plain' }, 'plain']] as const) {
      const r = run(flag, env);
      expect(r, `flag ${flag} ${JSON.stringify(env)}`).toMatchObject({ kernel, threads: 2, sameBits: true });
      expect(r.diff as number).toBeLessThan(tol);
    }
    expect(() => run(false, { WASMGRAD_SIMD: 'relaxed' })).toThrow(/WASMGRAD_SIMD=relaxed, but this engine does not validate relaxed SIMD/);
  }, 300_000);
});
