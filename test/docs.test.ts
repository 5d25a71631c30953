// Keeps the documentation true to the code:
// - the op table of docs/api.md: every wasmgrad name in a row marked ✅ or 🟡
//   exists on torch / F / nn / optim or on a Tensor, Module or optimizer
//   instance, and every name marked ✅ is called somewhere in the tests;
// - every export of src/index.ts (and of the nn / optim / autograd /
//   functional namespaces) is documented in docs/api.md;
// - README.md's quick start runs (with `npx tsx`, as a user would) and prints
//   what its comments say;
// - every ```ts block of docs/api.md runs on both devices, and each
//   `console.log(...); // expected` prints the expected text.

import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { torch, DEVICES, loadFixture } from './support/torch.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const api = read('docs/api.md');
const readme = read('README.md');

// ---- the op table ---------------------------------------------------------------

const STATUS = ['✅', '🟡', '❌', '—'] as const;
type Status = (typeof STATUS)[number];
interface Row { section: string; pytorch: string; wasmgrad: string; wasm: Status; js: Status; notes: string }

/** The rows of every table under "## Op table against PyTorch", by ### section. */
function opTable(md: string): Row[] {
  const start = md.indexOf('\n## Op table against PyTorch');
  expect(start, 'docs/api.md has an "## Op table against PyTorch" section').toBeGreaterThan(0);
  const rows: Row[] = [];
  let section = '';
  for (const line of md.slice(start).split('\n').slice(2)) {
    if (line.startsWith('## ')) break;
    if (line.startsWith('### ')) { section = line.slice(4); continue; }
    if (!line.startsWith('|') || /^\|[-| ]+\|$/.test(line)) continue;
    // split on | outside code spans (a cell may hold `a | b`)
    const cells: string[] = [];
    let cur = '', code = false;
    for (const ch of line.slice(1, line.trimEnd().length - 1)) {
      if (ch === '`') code = !code;
      if (ch === '|' && !code) { cells.push(cur.trim()); cur = ''; } else cur += ch;
    }
    cells.push(cur.trim());
    if (cells[0] === 'PyTorch') continue; // header
    expect(cells.length, `op table row has 5 cells: ${line}`).toBe(5);
    const [pytorch, wasmgrad, wasm, js, notes] = cells;
    for (const s of [wasm, js]) expect(STATUS, `status cell of: ${line}`).toContain(s);
    rows.push({ section, pytorch, wasmgrad, wasm: wasm as Status, js: js as Status, notes });
  }
  return rows;
}

/** The inline code spans of markdown text: a run of n backticks up to the next run of exactly n. */
function inlineCode(text: string): string[] {
  const spans: string[] = [];
  const runs = [...text.matchAll(/`+/g)];
  for (let i = 0; i < runs.length; i++) {
    const n = runs[i][0].length;
    const j = runs.findIndex((r, k) => k > i && r[0].length === n);
    if (j < 0) continue;
    spans.push(text.slice(runs[i].index! + n, runs[j].index!).trim());
    i = j;
  }
  return spans;
}

/** The dotted names in a wasmgrad cell: `t.sum(1, { keepdim })` → t.sum. */
function names(cell: string): string[] {
  const spans = inlineCode(cell);
  return spans
    .map((s) => /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+/.exec(s)?.[0])
    .filter((n): n is string => n !== undefined && ROOTS.has(n.split('.')[0]));
}

const ROOTS = new Set(['torch', 'F', 'nn', 'optim', 't', 'model', 'opt']);

/** The objects the table's names are looked up on. */
function rootObjects(): Record<string, unknown> {
  const leaf = torch.tensor([[1, 2], [3, 4]], { requires_grad: true });
  const model = new torch.nn.Sequential(new torch.nn.Linear(2, 2));
  return {
    torch, F: torch.nn.functional, nn: torch.nn, optim: torch.optim,
    t: leaf.mul(2), // a non-leaf, so that t.grad_fn.name resolves
    model, opt: new torch.optim.SGD(model.parameters(), { lr: 0.1 }),
  };
}

/** Walks a dotted name: every segment must exist (`in`, so getters and methods count). */
function resolve(name: string, roots: Record<string, unknown>): string | null {
  const [head, ...rest] = name.split('.');
  let obj: unknown = roots[head];
  for (let i = 0; i < rest.length; i++) {
    if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function') || !(rest[i] in (obj as object))) {
      return `${[head, ...rest.slice(0, i + 1)].join('.')} does not exist`;
    }
    // the last segment is not read: a getter may raise by design (t.imag of a real tensor)
    if (i < rest.length - 1) obj = (obj as Record<string, unknown>)[rest[i]];
  }
  return null;
}

// Where a test exercises a name without spelling it out.
const indirect: Record<string, string> = {
  'opt.param_groups': 'test/optim-groups.test.ts changes param_groups[0].lr between steps; the schedulers read and set it',
  't.toString': 'template literals in examples/logistic-regression.ts, whose output test/seed.test.ts compares with PyTorch\'s',
};

/** The test sources a ✅ must be backed by: test/**, and the example that seed.test.ts runs. */
function testSources(): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) { if (e.name !== 'fixtures') walk(p); } else if (/\.(ts|html|js|mjs)$/.test(e.name) && p !== 'test/docs.test.ts') files.push(p);
    }
  };
  walk('test');
  files.push('examples/logistic-regression.ts');
  return files.map(read).join('\n');
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The calls named by the PyTorch fixtures, and the error types they check. */
function fixtureNames(): Set<string> {
  const out = new Set<string>();
  const ops = loadFixture<{ cases: { call: string }[]; creation?: { call: string }[] }>('ops.json');
  const errors = loadFixture<{ cases: { call?: string; error_type: string }[] }>('errors.json');
  for (const c of ops.cases) out.add(c.call);
  const table = loadFixture<{ cases: { call: string; args: unknown[] }[]; bool_results: { call: string }[] }>('table.json');
  for (const c of [...table.cases, ...table.bool_results]) out.add(c.call); // test/table-ops.test.ts
  // an in-place case calls the method it names on a copy of its first argument
  for (const c of table.cases) if (c.call === 'Tensor.__inplace__') out.add(`Tensor.${c.args[1] as string}`);
  // a property case reads the property it names (x.T, x.mT)
  for (const c of table.cases) if (c.call === 'Tensor.__property__') out.add(`Tensor.${c.args[1] as string}`);
  // the in-place methods PyTorch cannot differentiate: their backward's error
  for (const c of loadFixture<{ inplace_without_derivative: { method: string }[] }>('table.json').inplace_without_derivative) out.add(`Tensor.${c.method}`);
  // test/dtypes.test.ts
  for (const c of loadFixture<{ cases: { fn?: string; method?: boolean }[] }>('dtypes.json').cases) {
    if (c.fn) out.add(`${c.method ? 'Tensor' : 'torch'}.${c.fn}`);
  }
  for (const c of ops.creation ?? []) out.add(`torch.${c.call}`); // test/creation.test.ts
  for (const c of loadFixture<{ cases: { call: string }[] }>('torch_forms.json').cases) out.add(c.call); // test/torch-forms.test.ts
  for (const c of loadFixture<{ cases: { call: string }[] }>('torch_nn_forms.json').cases) out.add(c.call); // test/torch-nn-forms.test.ts
  for (const c of loadFixture<{ cases: { call: string }[] }>('special_compose.json').cases) out.add(c.call); // test/special-compose.test.ts
  // test/numeric-members.test.ts (helper h-numeric): in-place and property cases name their method
  const numeric = loadFixture<Record<'cases' | 'values' | 'errors' | 'second', { call: string; args: unknown[] }[]>>('numeric.json');
  for (const c of [...numeric.cases, ...numeric.values, ...numeric.errors, ...numeric.second]) {
    out.add(c.call === 'Tensor.__inplace__' || c.call === 'Tensor.__property__' ? `Tensor.${c.args[1] as string}` : c.call);
  }
  for (const c of loadFixture<{ cases: { call: string }[] }>('members.json').cases) out.add(c.call); // test/members.test.ts (helper h-members)
  // test/fns.test.ts (helper h-fns)
  const fns = loadFixture<Record<'cases' | 'random' | 'dd' | 'errors' | 'second', { call: string }[]>>('fns.json');
  for (const c of [...fns.cases, ...fns.random, ...fns.dd, ...fns.errors, ...fns.second]) out.add(c.call);
  for (const c of errors.cases) {
    if (c.call) out.add(c.call);
    out.add(`torch.${c.error_type}`);
  }
  // test/dtypes.test.ts calls each case's function or method by its name
  const dtypes = loadFixture<{ cases: { kind: string; fn?: string; method?: boolean }[] }>('dtypes.json');
  for (const c of dtypes.cases) if (c.kind === 'call') out.add(`${c.method ? 'Tensor' : 'torch'}.${c.fn}`);
  return out;
}

/** Whether some test calls `name` (see the table's legend). */
function covered(name: string, sources: string, fixtures: Set<string>): boolean {
  if (indirect[name]) return true;
  const [head, ...rest] = name.split('.');
  const last = rest[rest.length - 1];
  switch (head) {
    case 'torch': return fixtures.has(name) || new RegExp(`\\b${esc(name)}\\b`).test(sources);
    case 'F':
      return fixtures.has(name) || new RegExp(`\\b(F|functional)\\.${esc(last)}\\b`).test(sources);
    case 'nn': case 'optim': return new RegExp(`\\b${esc(name)}\\b`).test(sources);
    case 't': return fixtures.has(`Tensor.${last}`) || new RegExp(`\\.${esc(last)}\\b`).test(sources);
    default: return new RegExp(`\\.${esc(last)}\\(`).test(sources); // model.x(), opt.x()
  }
}

describe('docs/api.md op table', () => {
  const rows = opTable(api);

  it('has a row for each name in scope', () => {
    expect(rows.length).toBeGreaterThan(100);
    for (const section of ['Tensor', 'Creation', 'Elementwise ops', 'Reductions', 'Shape ops', 'Matrix products',
      'torch.nn.functional', 'Autograd', 'torch.nn', 'torch.optim', 'Errors', 'wasmgrad only']) {
      expect(rows.some((r) => r.section === section), `section ### ${section}`).toBe(true);
    }
  });

  it('every wasmgrad name of a row marked ✅ or 🟡 exists', () => {
    const roots = rootObjects();
    const missing: string[] = [];
    for (const r of rows) {
      if (![r.wasm, r.js].some((s) => s === '✅' || s === '🟡')) continue;
      const ns = names(r.wasmgrad);
      if (r.wasmgrad.includes('`') && ns.length === 0) missing.push(`${r.pytorch}: no resolvable name in ${r.wasmgrad}`);
      for (const n of ns) {
        const err = resolve(n, roots);
        if (err) missing.push(`${r.pytorch}: ${err}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every name of a row marked ✅ is called by a test', () => {
    const sources = testSources();
    const fixtures = fixtureNames();
    const untested: string[] = [];
    for (const r of rows) {
      if (r.wasm !== '✅' && r.js !== '✅') continue;
      for (const n of names(r.wasmgrad)) if (!covered(n, sources, fixtures)) untested.push(`${r.pytorch}: ${n}`);
    }
    expect(untested, 'mark these 🟡, or add a test').toEqual([]);
  });

  it('a function of the op table has its generated row only (its notes belong in the row\'s apiDoc)', () => {
    const regions = [...api.matchAll(/<!-- @generated-begin by scripts\/gen_ops.ts: the op table, [^>]*-->\n([\s\S]*?)<!-- @generated-end -->/g)];
    expect(regions.length, 'the generated op table regions').toBeGreaterThan(5);
    const generated = new Set(regions.flatMap((m) => opTable(`-\n## Op table against PyTorch\n\n${m[1]}`).flatMap((r) => names(r.wasmgrad))));
    const handRows = opTable(regions.reduce((md, m) => md.replace(m[1], ''), api));
    const twice = handRows.flatMap((r) => names(r.wasmgrad).filter((n) => generated.has(n)).map((n) => `${r.pytorch}: ${n}`));
    expect(twice).toEqual([]);
  });

  it('rows marked ❌ name nothing that would look supported', () => {
    for (const r of rows.filter((x) => x.wasm === '❌' && x.js === '❌')) expect(r.wasmgrad, r.pytorch).toBe('—');
  });
});

// ---- exports ----------------------------------------------------------------------

describe('docs/api.md covers every export', () => {
  const fenced = /^```\w*\n([\s\S]*?)^```/gm;
  const codeSpans = inlineCode(api.replace(fenced, '')).join('\n') + [...api.matchAll(fenced)].map((m) => m[1]).join('\n');
  const documented = (name: string): boolean => new RegExp(`(^|[^\\w$])${esc(name)}($|[^\\w$])`, 'm').test(codeSpans);

  it('every value exported by src/index.ts', () => {
    const index = read('src/index.ts');
    const exported: string[] = [];
    for (const m of index.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
      if (m[1]) continue; // types
      exported.push(...m[2].split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!).filter(Boolean));
    }
    for (const m of index.matchAll(/export\s+\*\s+as\s+(\w+)/g)) exported.push(m[1]);
    // `export * from` a generated module: its functions
    for (const m of index.matchAll(/export\s+\*\s+from\s+'\.\/(.*)\.js'/g)) {
      exported.push(...[...read(`src/${m[1]}.ts`).matchAll(/^export function (\w+)\(\.\.\./gm)].map((f) => f[1]));
      // the generated aliases are constants typed as their targets (src/ops/aliases.generated.ts)
      exported.push(...[...read(`src/${m[1]}.ts`).matchAll(/^export const (\w+): /gm)].map((f) => f[1]));
    }
    expect(exported.length).toBeGreaterThan(50);
    expect(exported.filter((n) => !documented(n))).toEqual([]);
    // and the parse saw everything the module really exports
    expect(Object.keys(torch).filter((n) => !exported.includes(n))).toEqual([]);
  });

  it('every export of torch.nn, torch.nn.functional, torch.optim and torch.autograd', () => {
    const spaces: Record<string, object> = {
      nn: torch.nn, F: torch.nn.functional, optim: torch.optim, 'torch.autograd': torch.autograd,
    };
    const missing: string[] = [];
    for (const [ns, obj] of Object.entries(spaces)) {
      for (const n of Object.keys(obj)) {
        if (ns === 'nn' && n === 'functional') continue;
        if (!documented(n)) missing.push(`${ns}.${n}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

// ---- runnable code ------------------------------------------------------------------

/** Runs a TypeScript program written under the repo (so `../src/index.js` resolves) with `npx tsx`. */
function runTs(program: (srcIndex: string) => string, args: string[] = []): string {
  const dir = mkdtempSync(join(root, '.docs-run-'));
  try {
    const file = join(dir, 'main.ts');
    writeFileSync(file, program(relative(dir, join(root, 'src/index.js')).split('\\').join('/')));
    return execFileSync('npx', ['tsx', file, ...args], { cwd: root, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const IMPORT = /^import \* as torch from 'wasmgrad';$/m;
/** `console.log(args); // expected` on one line. */
const LOGGED = /^(\s*)console\.log\((.*)\);\s*\/\/ (.*)$/;

describe('README.md quick start', () => {
  it('runs and prints what its comments say', () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README.md has a ```ts block').toBeDefined();
    expect(block!).toMatch(IMPORT);
    const expected = block!.split('\n').map((l) => LOGGED.exec(l)?.[3].trim()).filter((x): x is string => x !== undefined);
    expect(expected).toContain('Loss: 0.0440639853477478');
    const out = runTs((src) => block!.replace(IMPORT, `import * as torch from '${src}';`));
    expect(out.split('\n').filter((l) => l.trim() !== '')).toEqual(expected);
  });
});

describe('docs/api.md examples', () => {
  // ```ts blocks, except those preceded by <!-- norun -->
  const blocks = [...api.matchAll(/(<!-- norun -->\n)?```ts\n([\s\S]*?)```/g)].filter((m) => !m[1]).map((m) => m[2]);
  const HEADER = [/^import \* as torch from 'wasmgrad';$/, /^const F = torch\.nn\.functional;$/, /^const \{ nn, optim \} = torch;$/];
  let checks = 0;
  const body = blocks.map((b, i) => {
    const lines = b.split('\n').filter((l) => !HEADER.some((h) => h.test(l))).map((l, j) => {
      const m = LOGGED.exec(l);
      if (!m) return l;
      checks++;
      return `${m[1]}__check(${i}, ${JSON.stringify(l.trim())}, ${JSON.stringify(m[3].trim())}, ${m[2]});`;
    });
    return `torch.set_default_device(__device);\ntry {\n${lines.join('\n')}\n} catch (e) { __errors.push({ block: ${i}, error: String((e as Error).stack ?? e) }); }`;
  }).join('\n');

  const program = (src: string) => `import * as torch from '${src}';
import { format } from 'node:util';
const F = torch.nn.functional;
const { nn, optim } = torch;
const __device = process.argv[2] as torch.DeviceName;
const __checks: { block: number; line: string; expected: string; got: string }[] = [];
const __errors: { block: number; error: string }[] = [];
function __check(block: number, line: string, expected: string, ...args: unknown[]): void {
  __checks.push({ block, line, expected, got: format(...args) });
}
${body}
console.log('\\n__DOCS__' + JSON.stringify({ checks: __checks, errors: __errors }));
`;

  it('has examples to run', () => {
    expect(blocks.length).toBeGreaterThan(10);
    expect(checks).toBeGreaterThan(30);
  });

  it.each(DEVICES)('every block runs and prints what its comments say on %s', (device) => {
    const out = runTs(program, [device]);
    const marker = out.lastIndexOf('__DOCS__');
    expect(marker, out).toBeGreaterThanOrEqual(0);
    const res = JSON.parse(out.slice(marker + '__DOCS__'.length)) as {
      checks: { block: number; line: string; expected: string; got: string }[]; errors: { block: number; error: string }[];
    };
    expect(res.errors).toEqual([]);
    expect(res.checks.filter((c) => c.got !== c.expected)).toEqual([]);
    expect(res.checks.length).toBe(checks);
  });
});
