// Sampling, shuffling and bilinear ops against real PyTorch on both devices
// (fixtures/sampling.json, from scripts/gen_sampling_fixtures.py): F.interpolate / F.upsample,
// F.pixel_shuffle / F.pixel_unshuffle, F.affine_grid, F.grid_sample, F.bilinear,
// F.triplet_margin_with_distance_loss (values and the gradient of every input), their argument
// errors, and the modules (repr, default initialisation after manual_seed, forward, gradients).
// The ops are compositions of recording ops: float64 cases also pass gradcheck and gradgradcheck.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { buildModule } from './support/build_module.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';

const { nn } = torch;
const F = torch.nn.functional;

interface FunctionalCase { name: string; ts: string; inputs: TensorFixture[]; output: TensorFixture; upstream: TensorFixture; grads: TensorFixture[] }
interface ErrorCase { name: string; ts: string; inputs: TensorFixture[]; error_type: string; error: string }
interface ModuleCase {
  name: string; seed: number; ts: string; repr: string; named_parameters: [string, TensorFixture | null][]; repr_after: string;
  parameters_after: [string, TensorFixture][]; inputs: TensorFixture[]; output: TensorFixture; upstream: TensorFixture; grads: TensorFixture[];
}
interface WarningCase { name: string; ts: string; inputs: TensorFixture[]; warnings: string[] }
const fixture = loadFixture<{ functional: FunctionalCase[]; errors: ErrorCase[]; modules: ModuleCase[]; warnings: WarningCase[] }>('sampling.json');

// PyTorch's UserWarnings, printed once per message (src/nn/warn.ts): every one printed so far
const printed: string[] = [];
vi.spyOn(console, 'warn').mockImplementation((message: unknown) => { printed.push(String(message)); });

/** The fixture's TS call: an expression over F, nn, torch and the inputs a, b, c, d. */
const evaluate = (ts: string, inputs: torch.Tensor[]): torch.Tensor =>
  new Function('F', 'nn', 'torch', 'a', 'b', 'c', 'd', `return ${ts};`)(F, nn, torch, ...inputs) as torch.Tensor;

const exact = { rtol: 0, atol: 0 };

describe.each(DEVICES)('sampling, shuffling and bilinear ops vs PyTorch on %s', (device) => {
  for (const c of fixture.functional) {
    it(`${c.name}: value and input gradients`, () => {
      const inputs = c.inputs.map((t) => fromFixture(t, device));
      const out = evaluate(c.ts, inputs);
      expectClose(out, c.output, tolerances.nn, 'forward');
      out.backward(fromFixture(c.upstream, device, false));
      inputs.filter((x) => x.requires_grad).forEach((x, i) => expectClose(x.grad, c.grads[i], tolerances.nn, `grad of input ${i}`));
    });
  }

  for (const e of fixture.errors) {
    it(`${e.name}: ${e.error_type}`, () => {
      const inputs = e.inputs.map((t) => fromFixture(t, device, false));
      expectErrorLeavesEngineIntact(device, () => { evaluate(e.ts, inputs); }, e);
    });
  }

  for (const c of fixture.modules) {
    it(`${c.name}: repr, init after manual_seed(${c.seed}), forward, gradients`, () => {
      torch.manual_seed(c.seed);
      const m = buildModule(c.ts, device);
      expect(String(m)).toBe(c.repr);
      const lazy = c.named_parameters.some(([, p]) => p === null);
      if (lazy) {
        // wasmgrad registers a lazy module's parameters when they are materialized (docs/api.md)
        expect(m.named_parameters()).toEqual([]);
        expect((m as InstanceType<typeof nn.LazyLinear>).weight).toBeInstanceOf(nn.UninitializedParameter);
      } else {
        m.named_parameters().forEach(([n, p], i) => expectClose(p, c.named_parameters[i][1]!, exact, n));
      }
      const inputs = c.inputs.map((t) => fromFixture(t, device));
      const out = m.call(...inputs) as torch.Tensor;
      expect(String(m)).toBe(c.repr_after);
      const named = m.named_parameters();
      expect(named.map(([n]) => n)).toEqual(c.parameters_after.map(([n]) => n));
      named.forEach(([n, p], i) => expectClose(p, c.parameters_after[i][1], exact, n));
      expectClose(out, c.output, tolerances.nn, 'forward');
      out.backward(fromFixture(c.upstream, device, false));
      const leaves = [...inputs.filter((x) => x.requires_grad), ...named.map(([, p]) => p)];
      leaves.forEach((x, i) => expectClose(x.grad, c.grads[i], tolerances.nn, `grad ${i}`));
    });
  }

  for (const w of fixture.warnings) {
    it(`${w.name}: PyTorch's UserWarning`, () => {
      evaluate(w.ts, w.inputs.map((t) => fromFixture(t, device)));
      for (const message of w.warnings) expect(printed).toContain(`UserWarning: ${message}`);
    });
  }

  it('float64 compositions pass gradcheck and gradgradcheck (create_graph works)', () => {
    torch.tidy(() => {
      torch.manual_seed(3);
      const o = { device, dtype: torch.float64 };
      const x = torch.randn([1, 2, 3, 3], o).requires_grad_();
      const grid = torch.rand([1, 2, 2, 2], o).mul(2.2).sub(1.1).requires_grad_();
      const theta = torch.randn([1, 2, 3], o).requires_grad_();
      const checks: [(...t: torch.Tensor[]) => torch.Tensor, torch.Tensor[]][] = [
        [(a) => F.interpolate(a, { scale_factor: 1.5, mode: 'bicubic' }), [x]],
        [(a) => F.interpolate(a, { size: [4, 2], mode: 'bilinear', align_corners: true }), [x]],
        [(a) => F.pixel_shuffle(a, 2), [torch.randn([1, 4, 2, 3], o)]],
        [(a, g) => F.grid_sample(a, g, { padding_mode: 'reflection', align_corners: false }), [x, grid]],
        [(t) => F.affine_grid(t, [1, 1, 2, 3], { align_corners: false }), [theta]],
        // 5-D modes (helper conv3d)
        [(a) => F.interpolate(a, { scale_factor: [1.5, 1, 2], mode: 'trilinear' }), [torch.randn([1, 1, 2, 2, 2], o)]],
      ];
      for (const [fn, inputs] of checks) {
        const leaves = inputs.map((t) => t.detach().requires_grad_());
        expect(torch.autograd.gradcheck(fn, leaves)).toBe(true);
        expect(torch.autograd.gradgradcheck(fn, leaves)).toBe(true);
      }
    });
  });
});

describe('torch namespace', () => {
  it('torch.pixel_shuffle, torch.pixel_unshuffle and torch.bilinear are the F functions, as in PyTorch', () => {
    expect(torch.pixel_shuffle).toBe(F.pixel_shuffle);
    expect(torch.pixel_unshuffle).toBe(F.pixel_unshuffle);
    expect(torch.bilinear).toBe(F.bilinear);
  });
});
