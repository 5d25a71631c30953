// torch.nn.functional with every option issue 8 names, against real PyTorch on both devices
// (fixtures/functional_options.json, from scripts/gen_functional_options_fixtures.py): conv1d/2d/3d
// (stride, padding incl. 'same'/'valid', dilation, groups), conv_transpose1d/2d (output_padding),
// unfold/fold, the max/avg/adaptive/lp pools and max_unpool2d, batch_norm (running stats, momentum,
// eval), layer/group/instance/local_response/rms norm, embedding (padding_idx, max_norm),
// embedding_bag, softmax/log_softmax with dtype and every loss with every option: values, nodes,
// gradients of every floating input, and PyTorch's errors, which leave the engine intact.
// test/functional-coverage.test.ts proves the list of (function, option) pairs is covered.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture } from './support/torch.js';
import { nnCaseTests, run, type NnFixture, type CallCase } from './support/nn_cases.js';
import { KNOWN_GAPS } from './support/functional_gaps.js';

const fixture = loadFixture<NnFixture>('functional_options.json');

/** Nodes where wasmgrad composes what PyTorch fuses (docs/api.md lists each). */
function composedFor(c: CallCase, node: string): string | undefined {
  if (c.ts.startsWith('F.conv3d(') && node === 'ConvolutionBackward0') return 'CloneBackward0'; // 3-D convolutions
  if (c.ts.startsWith('F.cross_entropy(x, p,') && node === 'DivBackward1') return 'DivBackward0'; // probabilities' 'mean'
  return undefined;
}

describe.each(DEVICES)('torch.nn.functional options vs PyTorch on %s', (device) => {
  nnCaseTests({ ...fixture, cases: fixture.cases.filter((c) => !(c.name in KNOWN_GAPS)) }, device, {}, composedFor);

  for (const name of Object.keys(KNOWN_GAPS)) {
    it(`${name}: a known gap, NotImplementedError`, () => {
      const c = fixture.cases.find((k) => k.name === name)!;
      const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, t]) => [k, fromFixture(t, device, false)]));
      expect(() => run(c.ts, null, inputs)).toThrow(torch.NotImplementedError);
    });
  }
});
