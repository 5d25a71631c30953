// torch.nn leftovers (helper h-nnfill) against real PyTorch on both devices (fixtures/nn_fill.json,
// from scripts/gen_nn_fill_fixtures.py): the in-place activations F.elu_, F.selu_, F.celu_,
// F.leaky_relu_, F.hardtanh_, F.rrelu_, F.threshold_, `inplace=True` of the F activations and of
// their modules: values, PyTorch's in-place nodes (EluBackward1, LeakyReluBackward1, ...),
// gradients, writes through views (CopySlices), version counters, reprs and PyTorch's errors.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { nnCaseTests, run, type NnFixture, type CallCase } from './support/nn_cases.js';

const F = torch.nn.functional;
interface CopyCase {
  name: string; dst_shape: number[]; dst_dtype: 'float32' | 'float64'; dst_grad: boolean; src: TensorFixture; out: TensorFixture;
  grad_fn: string; upstream: TensorFixture; grads: TensorFixture[];
}
const fixture = loadFixture<NnFixture & { versions: { ts: string; same: boolean; version: number }[]; copies: CopyCase[] }>('nn_fill.json');

/**
 * rrelu_ is composed (docs/api.md): in training x times the drawn slopes (MulBackward0), in eval
 * leaky_relu_ with (lower + upper)/2 (LeakyReluBackward1), where PyTorch records RreluWithNoiseBackward1.
 */
const rreluNode = (c: CallCase, node: string): string | undefined =>
  (node !== 'RreluWithNoiseBackward1' ? undefined
    : c.name.includes('training=True') || c.name.startsWith('F.rrelu(') || c.module?.includes('RReLU') ? 'MulBackward0' : 'LeakyReluBackward1');

describe.each(DEVICES)('torch.nn leftovers vs PyTorch on %s', (device) => {
  nnCaseTests(fixture, device, {}, rreluNode);

  for (const v of fixture.versions) {
    it(`${v.ts}: returns its input, version ${v.version}`, () => {
      torch.manual_seed(7);
      const y = torch.randn([4], { device });
      expect(run(v.ts, null, { y }) === y).toBe(v.same);
      expect(y._version).toBe(v.version);
    });
  }

  // PyTorch's copy_ from another device: the values, CopyBackwards, src's gradient on its own device
  const other = device === 'wasm' ? 'js' : 'wasm';
  for (const c of fixture.copies) {
    it(`copy_ ${c.name} from a tensor on ${other}: values, ${c.grad_fn}, gradients`, () => {
      const src = fromFixture(c.src, other, true);
      const w = torch.ones(c.dst_shape, { dtype: c.dst_dtype, device, requires_grad: c.dst_grad });
      const dst = torch.zeros(c.dst_shape, { dtype: c.dst_dtype, device }).mul(w);
      const out = dst.copy_(src);
      expect(out).toBe(dst);
      expect(out.device).toBe(device);
      expectClose(out, c.out, tolerances.nn, 'values');
      expect(`${out.grad_fn?.name()}`).toBe(c.grad_fn);
      const wrt = c.dst_grad ? [src, w] : [src];
      const grads = torch.autograd.grad(out.mul(fromFixture(c.upstream, device, false)).sum(), wrt);
      expect(grads[0]!.device).toBe(other);
      grads.forEach((g, i) => expectClose(g, c.grads[i], tolerances.nn, `gradient ${i}`));
    });
  }
});
