// Global setup of the packaging tests: the package as a user gets it. Builds
// dist/ from the current sources, packs it with `npm pack`, and installs the
// tarball (offline: it has no dependencies) into a temporary directory that
// holds the consumer apps of test/packaging/consumers/. Every packaging test
// builds or runs its consumer there, so nothing resolves to this repo's src/.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../..', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    /** The directory of the consumer apps, with the packed wasmgrad in its node_modules. */
    consumers: string;
    /** The tarball npm pack made. */
    tarball: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'wasmgrad-packaging-'));
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  npm(['run', '--silent', 'build:ts'], root);
  // the build just ran: --ignore-scripts keeps `prepare` from running it again
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root));
  const tarball = join(dir, packed[0].filename);

  const consumers = join(dir, 'consumers');
  cpSync(fileURLToPath(new URL('./consumers', import.meta.url)), consumers, { recursive: true });
  writeFileSync(join(consumers, 'package.json'), JSON.stringify({ name: 'consumers', private: true, type: 'module' }));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', tarball], consumers);

  project.provide('consumers', consumers);
  project.provide('tarball', tarball);
  return () => rmSync(dir, { recursive: true, force: true });
}
