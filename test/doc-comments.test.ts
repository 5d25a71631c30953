// The doc comments an editor shows on hover: every public Tensor member and
// every function torch.* exports has one with an @example, and the examples
// that print (`console.log(...); // expected`) print that, on both devices.

import { describe, it, expect } from 'vitest';
import { format } from 'node:util';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { torch, DEVICES } from './support/torch.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const program = ts.createProgram([`${root}src/index.ts`], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
const checker = program.getTypeChecker();
const index = checker.getSymbolAtLocation(program.getSourceFile(`${root}src/index.ts`)!)!;

const tags = (d: ts.Node) => ts.getJSDocTags(d).map((t) => t.tagName.text);
const hidden = (d: ts.Node) => tags(d).some((t) => t === 'internal' || t === 'hidden');
/** The @example text of a declaration (its overloads share the first one's comment). */
function example(decls: readonly ts.Declaration[]): string | undefined {
  for (const d of decls) {
    const tag = ts.getJSDocTags(d).find((t) => t.tagName.text === 'example');
    if (tag) return typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment);
  }
  return undefined;
}

/** name → @example of every public member of Tensor and GradFn. */
function classExamples(name: string): Map<string, string | undefined> {
  const cls = checker.getAliasedSymbol(checker.getExportsOfModule(index).find((s) => s.name === name)!);
  const out = new Map<string, string | undefined>();
  for (const member of cls.members!.values()) {
    const decls = member.declarations ?? [];
    if (member.name.startsWith('_') || member.name.startsWith('__') || decls.some(hidden) ||
      decls.some((d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Private)) continue;
    if (member.name === '__constructor') continue;
    out.set(`${name}.${member.name}`, example(decls));
  }
  return out;
}

/** name → @example of every function torch.* exports, and torch.autograd.* (its namespaces included). */
function functionExamples(module = index, prefix = 'torch'): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const s of checker.getExportsOfModule(module)) {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const name = `${prefix}.${s.name}`;
    if (target.flags & ts.SymbolFlags.ValueModule && (name === 'torch.autograd' || name.startsWith('torch.autograd.'))) {
      for (const [n, ex] of functionExamples(target, name)) out.set(n, ex);
    }
    if (!(target.flags & ts.SymbolFlags.Function)) continue;
    out.set(name, example(target.declarations ?? []));
  }
  return out;
}

const all = new Map([...classExamples('Tensor'), ...classExamples('GradFn'), ...functionExamples()]);

/** `console.log(args); // expected` on one line. */
const LOGGED = /^(\s*)console\.log\((.*)\);\s*\/\/ (.*)$/;

describe('doc comments', () => {
  it('every public Tensor member and torch.* function has an @example', () => {
    expect(all.size).toBeGreaterThan(100);
    expect([...all].filter(([, ex]) => !ex).map(([name]) => name)).toEqual([]);
  });

  const runnable = [...all].filter(([, ex]) => ex && ex.split('\n').some((l) => LOGGED.test(l))) as [string, string][];

  it.each(DEVICES)('the examples that print, print what their comments say, on %s', (device) => {
    expect(runnable.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const [name, ex] of runnable) {
      const got: string[] = [];
      const expected: string[] = [];
      const code = ex.split('\n').map((l) => {
        const m = LOGGED.exec(l);
        if (!m) return l;
        expected.push(m[3].trim());
        return `${m[1]}__log(${m[2]});`;
      }).join('\n');
      torch.set_default_device(device);
      try {
        new Function('torch', '__log', code)(torch, (...args: unknown[]) => got.push(format(...args)));
      } catch (e) {
        got.push(String(e));
      } finally {
        torch.set_default_device('wasm');
      }
      if (got.join('\n') !== expected.join('\n')) wrong.push(`${name}: printed ${JSON.stringify(got)}, comment says ${JSON.stringify(expected)}`);
    }
    expect(wrong).toEqual([]);
  });
});
