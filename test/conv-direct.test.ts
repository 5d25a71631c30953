// F.conv1d / F.conv2d / F.conv_transpose2d at the shapes on both sides of the wasm device's
// direct-loop rule (assembly/ops/conv.ts, docs/design.md "Convolution on the wasm device": float32,
// stride 1, the forward and the input gradient up to 576 taps while the padded image fits 16384
// floats, the weight gradient up to 36 taps, take kernels/conv_direct.ts; the rest im2col and the
// packed gemm) against real PyTorch, on both devices: the output and the gradients of input, weight
// and bias (fixtures/conv_direct.json, scripts/gen_conv_direct_fixtures.py). Each case's `path` names
// the wasm paths of its forward / input gradient / weight gradient; the js device has one path for all.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

const F = torch.nn.functional;

interface Case { name: string; path: string; ts: string; inputs: TensorFixture[]; output: TensorFixture; upstream: TensorFixture; grads: TensorFixture[] }
const fixture = loadFixture<{ cases: Case[] }>('conv_direct.json');

const evaluate = (ts: string, inputs: torch.Tensor[]): torch.Tensor =>
  new Function('F', 'a', 'b', 'c', `return ${ts};`)(F, ...inputs) as torch.Tensor;

describe.each(DEVICES)('convolution on both sides of the direct-loop rule vs PyTorch on %s', (device) => {
  it('covers both paths of each product', () => {
    for (let k = 0; k < 3; k++) expect(new Set(fixture.cases.map((c) => c.path.split('/')[k]))).toEqual(new Set(['direct', 'gemm']));
  });

  for (const c of fixture.cases) {
    it(`${c.name} (${c.path} on wasm): output and the gradients of input, weight, bias`, () => {
      torch.tidy(() => {
        const inputs = c.inputs.map((t) => fromFixture(t, device));
        // cnn-conv1's weight gradient sums 1568 products of unit size to about 0.5: float32 in another
        // order than PyTorch's lands 2.3e-5 away on both devices, so 1e-4 absolute (float64: 1e-10)
        const tol = { ...tolerances.matmul, atol: 1e-4 };
        const out = evaluate(c.ts, inputs);
        expectClose(out, c.output, tol, 'forward');
        out.backward(fromFixture(c.upstream, device, false));
        inputs.forEach((x, i) => expectClose(x.grad, c.grads[i], tol, `grad of input ${i}`));
      });
    });
  }
});
