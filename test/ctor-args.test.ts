// torch.nn constructor arguments wasmgrad used to refuse (issue 8), against PyTorch
// (fixtures/ctor_args.json, from scripts/gen_ctor_args_fixtures.py): Embedding's max_norm / norm_type
// (the rows read renormalised in the weight), the loss modules' deprecated size_average / reduce, and
// device / dtype on every class that creates parameters or buffers.

import { describe, it, expect, vi, beforeAll, afterAll } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, decodeNumber, type TensorFixture } from './support/torch.js';

type Json = number | boolean | string | null | Json[] | { [k: string]: Json };
interface EmbeddingCase {
  id: string; how: 'ctor' | 'pretrained' | 'functional'; num_embeddings: number; embedding_dim: number; max_norm: number;
  norm_type: number | string; padding_idx: number | null; weight: TensorFixture; index: TensorFixture; grad_output: TensorFixture;
  repr: string | null; weight_after: TensorFixture; output: TensorFixture; weight_grad: TensorFixture;
}
interface LegacyCase { module: string; kwargs: Record<string, Json>; reduction: string; warnings: string[]; repr: string; inputs?: TensorFixture[]; output?: TensorFixture }
interface FactoryCase {
  id: string; module: string; args: Json[]; kwargs: Record<string, Json>; dtype: 'float32' | 'float64'; seed: number; first_input: number[] | null;
  repr: string; params: [string, TensorFixture][]; buffers: [string, TensorFixture][];
}
const F = loadFixture<{ embedding: EmbeddingCase[]; legacy: LegacyCase[]; factory: FactoryCase[] }>('ctor_args.json');

type AnyModule = InstanceType<typeof torch.nn.Module> & { call(...a: unknown[]): torch.Tensor };
const nn = torch.nn as unknown as Record<string, new (...args: unknown[]) => AnyModule>;
const TOL = { rtol: 1e-6, atol: 1e-7 };

// warnOnce prints each message once per process: collect them all
const warned = new Set<string>();
vi.spyOn(console, 'warn').mockImplementation((m: unknown) => { warned.add(String(m).replace(/^UserWarning: /, '')); });

describe.each(DEVICES)('Embedding max_norm on %s', (device) => {
  it.each(F.embedding.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const options = { padding_idx: c.padding_idx, max_norm: c.max_norm, norm_type: decodeNumber(c.norm_type) };
    const w0 = fromFixture(c.weight, device, false);
    let w: torch.Tensor, out: torch.Tensor;
    if (c.how === 'functional') {
      w = w0.clone().requires_grad_();
      out = torch.nn.functional.embedding(fromFixture(c.index, device), w, options);
    } else {
      const m = c.how === 'pretrained'
        ? torch.nn.Embedding.from_pretrained(w0.clone(), { freeze: false, ...options })
        : new torch.nn.Embedding(c.num_embeddings, c.embedding_dim, { ...options, device, dtype: c.weight.dtype as 'float32' });
      if (c.how === 'ctor') torch.no_grad(() => m.weight.copy_(w0));
      expect(String(m)).toBe(c.repr);
      w = m.weight;
      out = m.call(fromFixture(c.index, device));
    }
    expectClose(out, c.output, TOL, 'output');
    expectClose(w.detach(), c.weight_after, TOL, 'weight after forward');
    out.mul(fromFixture(c.grad_output, device)).sum().backward();
    expectClose(w.grad, c.weight_grad, TOL, 'weight.grad');
  });

  it('from_pretrained freezes by default and checks the rank, as PyTorch', () => {
    const e = torch.nn.Embedding.from_pretrained(torch.ones([2, 3], { device }), { max_norm: 1 });
    expect([e.weight.requires_grad, e.max_norm, e.norm_type, String(e)]).toEqual([false, 1, 2, 'Embedding(2, 3, max_norm=1.0)']);
    expect(() => torch.nn.Embedding.from_pretrained(torch.ones([2], { device }))).toThrow('Embeddings parameter is expected to be 2-dimensional');
  });
});

describe.each(DEVICES)('the loss modules\' size_average and reduce on %s', (device) => {
  it.each(F.legacy.map((c) => [`${c.module} ${JSON.stringify(c.kwargs)}`, c] as const))('%s', (_, c) => {
    const m = new nn[c.module](c.kwargs) as AnyModule & { reduction: string };
    expect(m.reduction).toBe(c.reduction);
    expect(String(m)).toBe(c.repr);
    for (const w of c.warnings) expect(warned).toContain(w);
    if (!c.inputs || !c.output) return;
    const out = m.call(...c.inputs.map((t) => fromFixture(t, device)));
    expectClose(out, c.output, TOL, 'loss');
  });
});

describe.each(DEVICES)('device and dtype of the parameters and buffers on %s', (device) => {
  beforeAll(() => torch.set_default_device(device === 'js' ? 'wasm' : 'js')); // the device argument, not the default, decides
  afterAll(() => torch.set_default_device('wasm'));

  it.each(F.factory.map((c) => [c.id, c] as const))('%s', (_, c) => {
    torch.manual_seed(c.seed);
    const m = new nn[c.module](...c.args, { ...c.kwargs, device, dtype: c.dtype === 'float64' ? torch.float64 : torch.float32 });
    if (c.first_input) m.call(torch.ones(c.first_input, { device, dtype: c.dtype }));
    expect(String(m)).toBe(c.repr);
    const got = [...m.named_parameters(), ...m.named_buffers()];
    expect(got.map(([n]) => n)).toEqual([...c.params, ...c.buffers].map(([n]) => n));
    for (const [[name, t], [, e]] of got.map((g, i) => [g, [...c.params, ...c.buffers][i]] as const)) {
      expect(t.device, name).toBe(device);
      expectClose(t.detach(), e, TOL, name);
    }
  });

  it('None is the default device and dtype; an integer dtype is PyTorch\'s error', () => {
    const m = new torch.nn.Linear(2, 3, { device: null, dtype: null } as never);
    expect([m.weight.device, m.weight.dtype]).toEqual([device === 'js' ? 'wasm' : 'js', torch.float32]);
    expect(() => new torch.nn.Linear(2, 3, { dtype: torch.int64 } as never)).toThrow('Only Tensors of floating point and complex dtype can require gradients');
  });
});
