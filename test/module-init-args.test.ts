// torch.nn module constructors bind their arguments as Python binds __init__'s (src/nn/init_args.ts), against
// PyTorch (fixtures/module_init_args.json, from scripts/gen_module_init_args_fixtures.py): the same arguments
// spelt positionally, by name and mixed give PyTorch's module; the binding TypeErrors are Python's, word for
// word; and every exported module class goes through the binder.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { INIT_SIGNATURES } from '../src/nn/init_signatures.generated.js';
import { BINDS_INIT, bindInit, bindModuleClass } from '../src/nn/init_args.js';

type Json = number | boolean | string | null | Json[];
interface Case { module: string; spelling: string; args: Json[]; kwargs: Record<string, Json>; repr: string; params: [string, number[] | null][] }
interface ErrorCase { module: string; kind: string; args: Json[]; kwargs: Record<string, Json>; message: string }
const F = loadFixture<{ cases: Case[]; errors: ErrorCase[] }>('module_init_args.json');

type AnyModule = InstanceType<typeof torch.nn.Module>;
const nn = torch.nn as unknown as Record<string, unknown>;
const moduleClass = (name: string) => nn[name] as new (...args: unknown[]) => AnyModule;
function construct(name: string, args: Json[], kwargs: Record<string, Json>): AnyModule {
  return new (moduleClass(name))(...args, ...(Object.keys(kwargs).length > 0 ? [kwargs] : []));
}
function typeError(f: () => unknown): string {
  try { f(); } catch (e) { return `${(e as Error).constructor.name}: ${(e as Error).message}`; }
  return 'no error';
}
const CONTAINERS = new Set(['Module', 'Sequential', 'ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict']);

describe.each(DEVICES)('nn module constructor arguments on %s', (device) => {
  beforeAll(() => torch.set_default_device(device));
  afterAll(() => torch.set_default_device('wasm'));

  it.each(F.cases.map((c) => [`${c.module} ${c.spelling}`, c] as const))('%s', (_, c) => {
    const m = construct(c.module, c.args, c.kwargs);
    expect(String(m)).toBe(c.repr);
    const params = m.named_parameters().map(([n, p]) => [n, p instanceof torch.nn.UninitializedParameter ? null : p.shape] as const);
    expect(params).toEqual(c.params);
    for (const [, p] of m.named_parameters()) expect(p.device).toBe(device);
  });

  // Classes torch has and wasmgrad does not export yet (LazyConv3d, …) are checked once exported.
  it.each(F.errors.filter((e) => e.module in nn).map((e) => [`${e.module} ${e.kind}`, e] as const))('%s raises Python\'s TypeError', (_, e) => {
    expect(typeError(() => construct(e.module, e.args, e.kwargs))).toBe(`TypeError: ${e.message}`);
  });
});

// PyTorch honours these; wasmgrad does not yet, so they are refused rather than dropped (None, or PyTorch's
// default, is accepted). The message is wasmgrad's own: PyTorch has none.
describe.each(DEVICES)('an argument wasmgrad does not support is refused on %s', (device) => {
  it.each([
    ['Embedding', [4, 2, { scale_grad_by_freq: true, device }], 'scale_grad_by_freq'],
    ['Embedding', [4, 2, { sparse: true }], 'sparse'],
  ] as const)('nn.%s', (name, args, arg) => {
    expect(() => new (moduleClass(name))(...args)).toThrow(new torch.NotImplementedError(`nn.${name}: wasmgrad does not support the argument '${arg}' yet`));
    expect(() => new (moduleClass(name))(...(args.slice(0, -1) as unknown[]), { ...args[args.length - 1] as object, [arg]: null })).not.toThrow();
    expect(() => new (moduleClass(name))(...(args.slice(0, -1) as unknown[]), { ...args[args.length - 1] as object, [arg]: false })).not.toThrow();
  });

  it('the binder refuses an option the constructor never reads', () => {
    class Deaf extends torch.nn.Module { constructor(_in: number, _out: number, _options: object = {}) { super(); } }
    const Bound = bindModuleClass(Deaf, 'Linear');
    expect(() => new Bound(2, 3, { bias: false, device })).toThrow(new torch.NotImplementedError("nn.Linear: wasmgrad does not support the arguments 'bias' and 'device' yet"));
    expect(() => new Bound(2, 3, { bias: null })).not.toThrow();
  });
});

describe('every torch.nn module class binds its arguments', () => {
  const classes = Object.entries(nn).filter(([n, v]) => typeof v === 'function' && !CONTAINERS.has(n)
    && (v as { prototype?: unknown }).prototype instanceof torch.nn.Module).map(([n]) => n);

  it('finds the module classes', () => { expect(classes.length).toBeGreaterThan(140); });

  it.each(classes)('%s has a signature row and goes through bindInit', (name) => {
    expect(name in INIT_SIGNATURES).toBe(true);
    expect((nn[name] as Record<symbol, unknown>)[BINDS_INIT]).toBe(true);
    const row = INIT_SIGNATURES[name as keyof typeof INIT_SIGNATURES] as { any?: boolean };
    if (row.any) return;
    expect(typeError(() => new (moduleClass(name))({ bogus_kw: 1 }))).toMatch(/^TypeError: \S+\.__init__\(\) got an unexpected keyword argument 'bogus_kw'$/);
  });
});

describe('bindInit', () => {
  it('takes positionals, then names; undefined is not given', () => {
    expect(bindInit('Conv2d', [1, 2, undefined, { kernel_size: 3 }])).toEqual({ in_channels: 1, out_channels: 2, kernel_size: 3 });
  });
  it('passes *args/**kwargs of Identity through', () => {
    expect(() => bindInit('Identity', [1, 2, { anything: 3 }])).not.toThrow();
  });
  it('keeps the typed forms and adds the named ones (checked by tsc)', () => {
    const conv = new torch.nn.Conv2d(1, 16, { kernel_size: 3, padding: 1 });
    const lin: InstanceType<typeof torch.nn.Linear> = new torch.nn.Linear({ in_features: 2, out_features: 3 });
    // @ts-expect-error a name Linear does not take
    expect(() => new torch.nn.Linear(2, 3, { biass: false })).toThrow(TypeError);
    class Wide extends torch.nn.Linear { constructor() { super(2, 5, { bias: false }); } }
    const w = new Wide();
    expect([conv.padding, lin.out_features, w instanceof torch.nn.Linear, w.bias]).toEqual([[1, 1], 3, true, null]);
  });
  it('an instance\'s constructor is the exported class, whose name, statics and subclasses are the class\'s own', () => {
    const lin = new torch.nn.Linear(2, 3);
    class Net extends torch.nn.Module { forward(x: InstanceType<typeof torch.Tensor>) { return x; } }
    const net = new Net(), e = torch.nn.Embedding.from_pretrained(torch.ones([2, 2]));
    expect([lin.constructor === torch.nn.Linear, lin.constructor.name, e.constructor === torch.nn.Embedding, net.constructor === Net]).toEqual([true, 'Linear', true, true]);
    expect([lin instanceof torch.nn.Linear, net instanceof torch.nn.Module, String(new (lin.constructor as typeof torch.nn.Linear)(1, 1))]).toEqual([true, true, 'Linear(in_features=1, out_features=1, bias=True)']);
    expect(() => new (lin.constructor as new (...a: unknown[]) => unknown)(1, 1, { biass: 1 })).toThrow("Linear.__init__() got an unexpected keyword argument 'biass'");
  });
});
