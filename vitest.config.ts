import { configDefaults, defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The memcheck project runs tests on the memcheck build of the WASM module, which poisons freed
// memory and moves the tensor table every few new tensors (docs/design.md, "Tensor table"): these
// files caught reads of moved or freed memory. `npm run test:memcheck` (WASMGRAD_MEMCHECK=all)
// runs the whole unit suite on it; the tests that count heap bytes then see the moved table's copies.
const memcheckModule = fileURLToPath(new URL('src/wasm/module.memcheck.generated.ts', import.meta.url));
const memcheckFiles = process.env.WASMGRAD_MEMCHECK === 'all' ? ['test/**/*.test.ts']
  : ['test/module-api.test.ts', 'test/linalg.property.test.ts', 'test/dtypes.test.ts', 'test/autograd-function.test.ts', 'test/memcheck.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/packaging/**'] },
      },
      {
        extends: true,
        resolve: { alias: [{ find: /^\.\/module\.generated\.js$/, replacement: memcheckModule }] },
        test: { name: 'memcheck', include: memcheckFiles, exclude: [...configDefaults.exclude, 'test/packaging/**'] },
      },
      {
        extends: true,
        test: { name: 'packaging', include: ['test/packaging/**/*.test.ts'], globalSetup: ['test/packaging/setup.ts'] },
      },
    ],
  },
});
