// Attention against real PyTorch on both devices (fixtures/attention.json, from
// scripts/gen_attention_fixtures.py, whose PyTorch 2 parts are ported onto 1.13's ops by
// scripts/pytorch2_attention.py): F.scaled_dot_product_attention (bool and float masks, is_causal,
// scale, dropout from the global generator), F.multi_head_attention_forward, nn.MultiheadAttention,
// nn.TransformerEncoderLayer, nn.TransformerEncoder, nn.TransformerDecoderLayer, nn.TransformerDecoder and
// nn.Transformer: default initialisation after manual_seed
// (exactly), repr, state_dict keys, outputs, attention weights, the gradients of the inputs and of
// every parameter, eval mode, and PyTorch's errors.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, freshTorch, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { buildModule } from './support/build_module.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';

const F = torch.nn.functional;
type Tensor = torch.Tensor;

interface SdpaCase {
  name: string; seed: number; query: TensorFixture; key: TensorFixture; value: TensorFixture; attn_mask: TensorFixture | null;
  kwargs: { dropout_p?: number; is_causal?: boolean; scale?: number; enable_gqa?: boolean }; output: TensorFixture;
  upstream: TensorFixture; grads: TensorFixture[];
}
interface SdpaError extends Omit<SdpaCase, 'seed' | 'output' | 'upstream' | 'grads'> { error_type: string; error: string }
interface ModuleCase {
  name: string; ts: string; seed: number; repr: string; warnings: string[]; state_dict_keys: string[];
  named_parameters: [string, TensorFixture][]; self_attention: boolean; inputs: TensorFixture[]; masks: Record<string, TensorFixture>;
  options: Record<string, boolean>; output: TensorFixture; weights: TensorFixture | null; upstream: TensorFixture;
  input_grads: TensorFixture[]; param_grads: TensorFixture[]; eval_output: TensorFixture;
}
interface ModuleError { name: string; ts: string; call: string | null; error_type: string; error: string }
interface MhaFunctional {
  leaves: TensorFixture[]; key_padding_mask: TensorFixture; output: TensorFixture; weights: TensorFixture; upstream: TensorFixture;
  grads: TensorFixture[];
}
const fixture = loadFixture<{
  sdpa: SdpaCase[]; sdpa_errors: SdpaError[]; modules: ModuleCase[]; module_errors: ModuleError[]; mha_functional: MhaFunctional;
}>('attention.json');

// float32 initial values exactly; float64 ones within an ulp or two (V8's Math.sin/log1p against libm's, as test/random.test.ts)
const init = { rtol: 1e-9, atol: 0 };
const tol = tolerances.nn;

/**
 * A module's forward on the fixture's inputs: MultiheadAttention takes (query, key, value, options), the encoders
 * (src, options), the decoders (tgt, memory, options) and Transformer (src, tgt, options).
 */
function forward(m: InstanceType<typeof torch.nn.Module>, c: ModuleCase, xs: Tensor[], masks: Record<string, Tensor>): [Tensor, Tensor | null] {
  const options = { ...masks, ...c.options };
  if (!(m instanceof torch.nn.MultiheadAttention)) return [m.call(...xs, options) as Tensor, null];
  const [q, k, v] = c.self_attention ? [xs[0], xs[0], xs[0]] : xs;
  return m.call(q, k, v, options) as [Tensor, Tensor | null];
}

describe.each(DEVICES)('attention vs PyTorch on %s', (device) => {
  for (const c of fixture.sdpa) {
    it(`F.scaled_dot_product_attention ${c.name}: output and the gradients of query, key and value`, () => {
      const [q, k, v] = [c.query, c.key, c.value].map((t) => fromFixture(t, device, true));
      const mask = c.attn_mask ? fromFixture(c.attn_mask, device, false) : null;
      torch.manual_seed(c.seed);
      const out = F.scaled_dot_product_attention(q, k, v, mask, { ...c.kwargs });
      expectClose(out, c.output, tol, 'output');
      out.backward(fromFixture(c.upstream, device, false));
      [q, k, v].forEach((x, i) => expectClose(x.grad, c.grads[i], tol, `grad ${['query', 'key', 'value'][i]}`));
    });
  }

  for (const e of fixture.sdpa_errors) {
    it(`F.scaled_dot_product_attention ${e.name}: ${e.error_type}`, () => {
      const [q, k, v] = [e.query, e.key, e.value].map((t) => fromFixture(t, device, false));
      const mask = e.attn_mask ? fromFixture(e.attn_mask, device, false) : null;
      expectErrorLeavesEngineIntact(device, () => { F.scaled_dot_product_attention(q, k, v, mask, { ...e.kwargs }); }, e);
    });
  }

  for (const c of fixture.modules) {
    it(`${c.name}: init after manual_seed(${c.seed}), repr, state_dict, forward, weights, gradients, eval`, () => {
      torch.manual_seed(c.seed);
      const m = buildModule(c.ts, device);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict_keys);
      const named = m.named_parameters();
      expect(named.map(([n]) => n)).toEqual(c.named_parameters.map(([n]) => n));
      named.forEach(([n, p], i) => expectClose(p, c.named_parameters[i][1], init, n));
      const xs = c.inputs.map((t) => fromFixture(t, device, true));
      const masks = Object.fromEntries(Object.entries(c.masks).map(([n, t]) => [n, fromFixture(t, device, false)]));
      torch.manual_seed(c.seed + 1);
      const [out, weights] = forward(m, c, xs, masks);
      expectClose(out, c.output, tol, 'output');
      if (c.weights) expectClose(weights, c.weights, tol, 'attention weights');
      else expect(weights).toBeNull();
      out.backward(fromFixture(c.upstream, device, false));
      xs.forEach((x, i) => expectClose(x.grad, c.input_grads[i], tol, `input ${i} grad`));
      named.forEach(([n, p], i) => expectClose(p.grad, c.param_grads[i], tol, `grad of ${n}`));
      m.eval();
      expectClose(forward(m, c, xs, masks)[0], c.eval_output, tol, 'eval output');
    });
  }

  for (const e of fixture.module_errors) {
    it(`${e.name}: ${e.error_type}`, () => {
      if (e.call === null) {
        expectErrorLeavesEngineIntact(device, () => { buildModule(e.ts, device); }, e);
        return;
      }
      const m = buildModule(e.ts, device), before = torch.get_default_device();
      torch.set_default_device(device);
      try {
        // tidy() frees the call's inputs when it throws
        expectErrorLeavesEngineIntact(device, () => { torch.tidy(() => new Function('m', 'torch', `${e.call};`)(m, torch)); }, e);
      } finally {
        torch.set_default_device(before);
      }
    });
  }

  it('F.multi_head_attention_forward with separate projection weights, bias_k/bias_v and add_zero_attn', () => {
    const c = fixture.mha_functional;
    const [q, k, v, wq, wk, wv, inB, outW, outB, biasK, biasV] = c.leaves.map((t) => fromFixture(t, device, true));
    const [out, weights] = F.multi_head_attention_forward(q, k, v, 4, 2, null, inB, biasK, biasV, true, 0, outW, outB, {
      training: true, key_padding_mask: fromFixture(c.key_padding_mask, device, false), use_separate_proj_weight: true,
      q_proj_weight: wq, k_proj_weight: wk, v_proj_weight: wv, average_attn_weights: false,
    });
    expectClose(out, c.output, tol, 'output');
    expectClose(weights, c.weights, tol, 'weights');
    out.mul(fromFixture(c.upstream, device, false)).sum().add(weights!.sum()).backward();
    [q, k, v, wq, wk, wv, inB, outW, outB, biasK, biasV].forEach((x, i) => expectClose(x.grad, c.grads[i], tol, `grad ${i}`));
  });

  it('generate_square_subsequent_mask, and a causal mask detected by TransformerEncoder equals is_causal', () => {
    torch.tidy(() => {
      const m = torch.nn.Transformer.generate_square_subsequent_mask(3, { device });
      expect(Array.from(m.dataSync())).toEqual([0, -Infinity, -Infinity, 0, 0, -Infinity, 0, 0, 0]);
      torch.manual_seed(3);
      const layer = new torch.nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8, dropout: 0, device });
      const x = torch.randn([3, 2, 4], { device });
      const hinted = layer.call(x, { src_mask: m, is_causal: true });
      expect(torch.allclose(hinted, layer.call(x, m), { atol: 1e-6 })).toBe(true);
      expect(torch.allclose(hinted, layer.call(x))).toBe(false);
    });
  });
});

describe('TransformerEncoder warnings', () => {
  it("warns as PyTorch 2 why its nested-tensor fast path is off", async () => {
    const c = fixture.modules.find((m) => m.warnings.length)!;
    const fresh = await freshTorch();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      new Function('nn', 'torch', `return ${c.ts};`)(fresh.nn, fresh);
      expect(warn.mock.calls.map(([m]) => m)).toEqual(c.warnings.map((w) => `UserWarning: ${w}`));
    } finally {
      warn.mockRestore();
    }
  });
});
