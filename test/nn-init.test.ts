// torch.nn.init against real PyTorch (fixtures/nn_init.json, from scripts/gen_data_init_fixtures.py),
// on both devices: each initialiser after torch.manual_seed (or with a seeded generator, PyTorch 2's
// keyword) fills PyTorch's values for several shapes, dtypes, modes and nonlinearities; calculate_gain;
// PyTorch's errors and warnings; the tensor is returned and filled under no_grad.

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

const { nn } = torch;
type InitFn = (t: torch.Tensor, ...args: unknown[]) => torch.Tensor;
interface Case {
  name: string; fn: string; shape: number[]; kwargs: Record<string, number | string>; dtype: 'float32' | 'float64';
  how: '' | 'generator'; seed: number; output: TensorFixture;
}
interface ErrorCase { name: string; ts: string; error_type: string; error: string }
const fixture = loadFixture<{
  cases: Case[]; gains: { nonlinearity: string; param: number | boolean | null; gain: number }[]; errors: ErrorCase[];
  zero_element: { returns_input: boolean; warnings: string[] }; trunc_far: { seed: number; output: TensorFixture; warnings: string[] };
}>('nn_init.json');

const printed: string[] = [];
vi.spyOn(console, 'warn').mockImplementation((message: unknown) => { printed.push(String(message)); });

// every initialiser, by PyTorch's name
const INIT: Record<string, InitFn> = {
  uniform_: nn.init.uniform_, normal_: nn.init.normal_, trunc_normal_: nn.init.trunc_normal_, constant_: nn.init.constant_ as InitFn,
  ones_: nn.init.ones_, zeros_: nn.init.zeros_, eye_: nn.init.eye_, dirac_: nn.init.dirac_ as InitFn,
  xavier_uniform_: nn.init.xavier_uniform_, xavier_normal_: nn.init.xavier_normal_,
  kaiming_uniform_: nn.init.kaiming_uniform_, kaiming_normal_: nn.init.kaiming_normal_, orthogonal_: nn.init.orthogonal_,
};

/** orthogonal_'s QR runs in double here and in the dtype in PyTorch; erfinv is PyTorch's kernel to a few ulps. */
function tolerance(fn: string): { rtol: number; atol: number } {
  if (fn === 'orthogonal_') return { rtol: 1e-5, atol: 2e-6 };
  if (fn === 'trunc_normal_') return tolerances.elementwise;
  return { rtol: 1e-15, atol: 0 };
}

describe.each(DEVICES)('nn.init vs PyTorch on %s', (device) => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      torch.tidy(() => {
        const t = torch.empty(c.shape, { dtype: c.dtype, device });
        torch.manual_seed(c.seed);
        const kwargs = c.how === 'generator' ? { ...c.kwargs, generator: new torch.Generator().manual_seed(c.seed) } : c.kwargs;
        const out = INIT[c.fn](t, kwargs);
        expect(out).toBe(t);
        expectClose(out, c.output, tolerance(c.fn), c.fn);
      });
    });
  }

  it('fills a parameter in place under no_grad and returns it', () => {
    torch.tidy(() => {
      const p = torch.zeros([3, 4], { device, requires_grad: true });
      const c = fixture.cases.find((x) => x.fn === 'kaiming_uniform_' && x.how === '' && x.shape.join() === '3,4' && x.kwargs.a !== undefined)!;
      torch.manual_seed(c.seed);
      expect(nn.init.kaiming_uniform_(p, c.kwargs.a)).toBe(p); // positional a, as PyTorch allows
      expect(p.requires_grad).toBe(true);
      expect(p.grad_fn).toBeNull();
      expectClose(p, { ...c.output, requires_grad: true }, tolerance(c.fn), 'parameter');
    });
  });

  for (const c of fixture.errors) {
    it(`error: ${c.name}`, () => {
      const run = new Function('torch', 'nn', `return ${c.ts};`);
      expect(() => run(torch, nn)).toThrow(expect.objectContaining({ name: c.error_type, message: c.error }));
    });
  }

  it('a zero-element tensor: kaiming warns and returns it untouched', () => {
    const t = torch.empty([0, 3], { device });
    expect(nn.init.kaiming_uniform_(t)).toBe(fixture.zero_element.returns_input ? t : null);
    for (const w of fixture.zero_element.warnings) expect(printed).toContain(`UserWarning: ${w}`);
  });

  it('trunc_normal_ with the mean far outside [a, b] warns and still clamps', () => {
    const { seed, output, warnings } = fixture.trunc_far;
    torch.manual_seed(seed);
    expectClose(nn.init.trunc_normal_(torch.empty([4], { device }), { mean: 5, std: 1, a: -1, b: 1 }), output, tolerances.elementwise);
    for (const w of warnings) expect(printed).toContain(`UserWarning: ${w}`);
  });
});

describe('nn.init.calculate_gain', () => {
  for (const g of fixture.gains) {
    it(`${g.nonlinearity}(${g.param})`, () => expect(nn.init.calculate_gain(g.nonlinearity, g.param as number | null)).toBe(g.gain));
  }
});
