import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: the unit suite on src/, and the packaging suite on the packed
// package (its global setup runs `npm pack`, and only when a packaging test runs).
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
        test: { name: 'packaging', include: ['test/packaging/**/*.test.ts'], globalSetup: ['test/packaging/setup.ts'] },
      },
    ],
  },
});
