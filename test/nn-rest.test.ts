// The rest of torch.nn (helper nnrest) against real PyTorch on both devices
// (fixtures/nn_rest.json, from scripts/gen_nn_rest_fixtures.py): nn.AdaptiveMaxPool3d,
// nn.MaxUnpool3d, nn.AdaptiveLogSoftmaxWithLoss (forward's output and loss, log_prob, predict),
// F.fractional_max_pool2d/3d and nn.FractionalMaxPool2d/3d with fixed _random_samples, the max pools'
// *_with_indices forms, F.upsample_nearest / upsample_bilinear and F.relu_. Each case:
// repr and default initialisation after manual_seed (exactly), every result (values, int64 indices),
// its node, the gradients of the inputs and every parameter for random upstreams; PyTorch's errors,
// which leave the engine intact.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { nnCaseTests, type NnFixture } from './support/nn_cases.js';

const { nn } = torch;
const F = torch.nn.functional;
const fixture = loadFixture<NnFixture>('nn_rest.json');

/**
 * F.fractional_max_pool2d/3d are a gather here (its view is the node) and F.interpolate's modes are
 * index_select and weighted sums, where PyTorch has one fused node (docs/api.md).
 */
const COMPOSED: Record<string, string> = {
  FractionalMaxPool2DBackward0: 'ViewBackward0', FractionalMaxPool3DBackward0: 'ViewBackward0',
  UpsampleNearest2DBackward1: 'IndexSelectBackward0', UpsampleBilinear2DBackward1: 'AddBackward0',
};

describe.each(DEVICES)('the rest of torch.nn vs PyTorch on %s', (device) => {
  nnCaseTests(fixture, device, COMPOSED);

  it('FractionalMaxPool2d keeps _random_samples as a buffer; without it F.fractional_max_pool2d and FractionalMaxPool3d draw windows of the requested size', () => {
    const samples = torch.rand([1, 2, 2], { device });
    expect(new nn.FractionalMaxPool2d(2, { output_size: 3, _random_samples: samples }).named_buffers().map(([n]) => n)).toEqual(['_random_samples']);
    const x = torch.randn([1, 2, 9, 9], { device });
    const y = F.fractional_max_pool2d(x, 2, { output_ratio: 0.5 });
    expect(y.shape).toEqual([1, 2, 4, 4]);
    const z = new nn.FractionalMaxPool3d(2, { output_size: [2, 3, 2] }).call(torch.randn([2, 1, 5, 6, 5], { device }));
    expect(z.shape).toEqual([2, 1, 2, 3, 2]);
  });
});
