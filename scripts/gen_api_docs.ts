// The op rows of docs/api.md's "Op table against PyTorch", written from the op table
// (src/ops/table.ts) by scripts/gen_ops.ts: one docs row per PyTorch function the table's
// rows make, in the section its fixtures say. What follows from a row is derived:
//   names     the schema's torch.x / Tensor.x / F.x and the PyTorch calls of the row's
//             fixture cases (in-place `x_` cases included), plus its apiDoc `calls`
//   forms     the schemas of a generated front end
//   nodes     the `node` of every row that makes the function
//   dtypes    float32 and float64 when a fixture case runs float64
//   status    ✅ on both devices when table fixtures run it (test/table-ops.test.ts runs every
//             case on 'wasm' and 'js') or a test file named in `tests` exists, else 🟡
//   create_graph  whether each node's derivative records itself
// and the rest (PyTorch differences, limitations) is the row's `apiDoc` notes.

import { existsSync } from 'node:fs';
import { Op } from '../abi/abi.js';
import { ops, torchCall, type OpRow, type TableCase, type DocSection, type ApiDoc } from '../src/ops/table.js';
import { parseSchema } from '../src/schema.js';

/** The begin marker of a section's generated region. */
export const regionBegin = (section: DocSection): string => `<!-- @generated-begin by scripts/gen_ops.ts: the op table, ${section} -->\n`;

interface DocRow {
  key: string; section: DocSection | undefined; pytorch: string[]; wasmgrad: string[]; forms: string[];
  rows: OpRow[]; float64: boolean; fixtures: boolean; doc: ApiDoc; shared: DocRow[];
}

// the sections of the fixture cases' tolerance families
const FAMILY_SECTION: Record<NonNullable<TableCase['family']>, DocSection> = {
  elementwise: 'Elementwise ops', reduction: 'Reductions', softmax: 'Reductions', shape: 'Shape ops',
  matmul: 'Matrix products', loss: 'torch.nn.functional',
};

/** The PyTorch name a fixture case calls ('Tensor.__inplace__' calls its method), or null for a helper call. */
function callName(c: TableCase): string | null {
  if (c.call === 'Tensor.__inplace__') return `Tensor.${c.args[1] as string}`;
  if (c.call === 'F.__inplace__') return `F.${c.args[1] as string}`;
  if (c.call === 'Tensor.__getitem_spec__') return 'x[...]';
  return c.call.includes('.__') ? null : c.call;
}

/** 'torch.prod', 'Tensor.prod_', 'F.pad' → 'prod', 'prod', 'pad': the function a docs row is about. */
const keyOf = (name: string): string => (name === 'x[...]' || OWN_ROW.has(name) ? name : name.replace(/^(torch|Tensor|F)\./, '').replace(/(?<=[a-z0-9])_$/, ''));
/** Methods that are another function than their namesake: Tensor.unfold (sliding windows) is not F.unfold (im2col). */
const OWN_ROW = new Set(['Tensor.unfold']);

/** The wasmgrad spelling of a PyTorch name. */
const jsName = (name: string): string => (name === 'x[...]' ? 't.index' : name.replace(/^Tensor\./, 't.'));

/** Every docs row, by key (the function's name without torch. / Tensor. / F.), in table order. */
function docRows(): Map<string, DocRow> {
  const out = new Map<string, DocRow>();
  const at = (key: string): DocRow => {
    let d = out.get(key);
    if (!d) out.set(key, d = { key, section: undefined, pytorch: [], wasmgrad: [], forms: [], rows: [], float64: false, fixtures: false, doc: {}, shared: [] });
    return d;
  };
  const add = (d: DocRow, name: string): void => {
    if (!d.pytorch.includes(name)) d.pytorch.push(name);
    if (!d.wasmgrad.includes(jsName(name))) d.wasmgrad.push(jsName(name));
  };
  const use = (d: DocRow, row: OpRow): void => { if (!d.rows.includes(row)) d.rows.push(row); };
  for (const [code, row] of Object.entries(ops) as [string, OpRow][]) {
    const op = Op[Number(code)];
    const keys = new Set<string>();
    if (row.torch) {
      // a generated front end: torch.x and Tensor.x (and x_ unless PyTorch has none), or F.x
      const schema = parseSchema(row.torch);
      const name = row.name ?? schema.name;
      const d = at(name);
      const names = row.method === false ? [torchCall(row, name)] : [`torch.${name}`, `Tensor.${name}`, ...(row.inplace === false ? [] : [`Tensor.${name}_`])];
      names.forEach((n) => add(d, n));
      d.forms.push(row.torch.replace(/ -> Tensor$/, ''));
      d.section ??= 'Elementwise ops';
      d.fixtures = d.float64 = true;
      use(d, row);
      keys.add(name);
    }
    const cases = [...(row.cases ?? []), ...(row.via ? [{ name: op, call: row.via.call, args: [], dtype: 'float64' as const }] : [])];
    for (const c of cases) {
      const name = callName(c);
      if (!name) continue;
      const d = at(keyOf(name));
      add(d, name);
      d.section ??= FAMILY_SECTION[c.family ?? 'elementwise'];
      d.fixtures = true;
      if (c.dtype === 'float64') d.float64 = true;
      use(d, row);
      keys.add(d.key);
    }
    for (const [key, doc] of Object.entries(row.apiDoc ?? {})) {
      if (!keys.has(key) && !doc.calls?.length && !doc.skip) throw new Error(`apiDoc of Op.${op}: '${key}' is not a call of its cases or schema (give its calls)`);
      const d = at(key);
      for (const n of doc.calls ?? []) add(d, n);
      use(d, row);
      keys.add(key);
      if (doc.section) d.section = doc.section;
      if (d.doc.notes && doc.notes) throw new Error(`Op.${op}: a second apiDoc notes for '${key}'`);
      d.doc = { ...d.doc, ...doc, notes: d.doc.notes ?? doc.notes, tests: [...(d.doc.tests ?? []), ...(doc.tests ?? [])] };
      for (const t of doc.tests ?? []) {
        if (!existsSync(new URL(`../test/${t}.test.ts`, import.meta.url)) && t !== 'property') throw new Error(`Op.${op}: no test/${t}.test.ts`);
      }
    }
    const skipped = Object.values(row.apiDoc ?? {}).some((doc) => doc.skip);
    if (!keys.size && !skipped) throw new Error(`Op.${op} is in no docs row: give it an apiDoc (its calls, or skip: why)`);
  }
  for (const [key, d] of out) {
    if (d.doc.skip) { out.delete(key); continue; }
    if (!d.section) throw new Error(`docs row ${key}: no section`);
    if (!d.doc.shares) continue;
    const host = out.get(d.doc.shares);
    if (!host) throw new Error(`docs row ${key} shares ${d.doc.shares}, which has no docs row`);
    host.shared.push(d);
  }
  return out;
}

const code = (s: string): string => `\`${s}\``;

/** The docs/api.md text of one docs row and the rows sharing it. */
function line(d: DocRow, recordsItself: (row: OpRow) => boolean): string {
  const all = [d, ...d.shared];
  const rows = [...new Set(all.flatMap((x) => x.rows))];
  // torch.x, then Tensor.x, Tensor.x_, F.x and the rest, each in table order
  const rank = (n: string): number => (n.startsWith('torch.') ? 0 : n.startsWith('Tensor.') || n.startsWith('t.') ? (n.endsWith('_') ? 2 : 1) : n.startsWith('F.') ? 3 : 4);
  const byRank = (names: string[]): string[] => names.map((n, i) => [n, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([n]) => n);
  const pytorch = byRank([...new Set(all.flatMap((x) => x.pytorch))]), wasmgrad = byRank([...new Set(all.flatMap((x) => x.wasmgrad))]);
  const differentiable = rows.filter((r) => r.grad !== 'notDifferentiable' && !(typeof r.grad === 'object' && Object.keys(r.grad).length === 0));
  const nodes = all.some((x) => x.doc.nodes) ? all.flatMap((x) => x.doc.nodes ?? []) : [...new Set(rows.map((r) => r.node).filter((n) => n))];
  const tests = [...new Set([...(all.some((x) => x.fixtures) ? ['table-ops'] : []), ...all.flatMap((x) => x.doc.tests ?? [])])];
  const status = tests.length ? '✅' : '🟡';
  const notes: string[] = [];
  const forms = all.flatMap((x) => x.forms);
  if (forms.length) notes.push(forms.map(code).join(', '));
  notes.push(nodes.length ? nodes.map(code).join(', ') : 'no `grad_fn` (not differentiable)');
  if (all.some((x) => x.float64)) notes.push('float32 and float64');
  for (const x of all) if (x.doc.notes) notes.push(x.doc.notes);
  if (differentiable.length && nodes.length) {
    const recording = differentiable.filter(recordsItself);
    notes.push(recording.length === differentiable.length ? 'create_graph'
      : recording.length === 0 ? 'no create_graph yet'
        : `create_graph except through ${[...new Set(differentiable.filter((r) => !recordsItself(r)).map((r) => code(r.node)))].join(', ')}`);
  }
  if (tests.length) notes.push(tests.join(', '));
  return `| ${pytorch.map((n) => (n === 'x[...]' ? '`x[...]`' : code(n))).join(', ')} | ${wasmgrad.map(code).join(', ')} | ${status} | ${status} | ${notes.join('; ')} |\n`;
}

/** The generated table of each section of the op table, by section. */
export function opTableSections(recordsItself: (row: OpRow) => boolean): Map<DocSection, string> {
  const tables = new Map<DocSection, string>();
  for (const d of docRows().values()) {
    if (d.doc.shares) continue;
    const s = d.section!;
    tables.set(s, (tables.get(s) ?? '| PyTorch | wasmgrad | wasm | js | notes |\n|---|---|---|---|---|\n') + line(d, recordsItself));
  }
  return tables;
}
