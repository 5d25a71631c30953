// More torch.* forms of nn functions (src/ops/torch_nn_forms.ts) against real PyTorch, on both
// devices (fixtures/torch_nn_forms.json, from scripts/gen_torch_nn_forms_fixtures.py): every output,
// the first output's node, the inputs' gradients for a seeded upstream; dropout masks after the
// fixture's torch.manual_seed; PyTorch's errors for bad calls, with the engine left intact.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, expectClose } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { evaluateCase, expectCaseGrads, type OpCase } from './support/cases.js';
import { runCall, expectErrorLeavesEngineIntact, type Call } from './support/error_cases.js';

/** pick: the case's first output is the call's output `pick`, the others follow in order. */
interface Case extends OpCase { seed?: number; pick?: number }
interface ErrorCase extends Call { name: string; error: string; error_type: string }
const fixture = loadFixture<{ cases: Case[]; errors: ErrorCase[] }>('torch_nn_forms.json');

// Where wasmgrad's node differs from PyTorch's, for the same gradients (docs/api.md): native_dropout
// multiplies by the scaled mask; grid_sample, affine_grid and conv3d are composed of recording ops;
// the recurrent layers' output is a view of the concatenated steps, where ATen stacks them;
// segment_reduce stacks the segments' reductions;
// Tensor.norm(p) is NormBackward1 here.
const OURS: [RegExp, string][] = [
  [/^native_dropout\/(train|p=)/, 'MulBackward0'], [/^native_dropout\/eval/, 'CloneBackward0'],
  [/^grid_sampler\/nearest/, 'WhereBackward0'], [/^grid_sampler/, 'AddBackward0'], [/^affine_grid_generator/, 'ViewBackward0'],
  [/^convolution\/3d/, 'CloneBackward0'], [/^segment_reduce/, 'StackBackward0'], [/^norm_except_dim\/all/, 'NormBackward1'],
  [/^(rnn_tanh|lstm|lstm\/proj)$/, 'ViewBackward0'], [/^gru\/bidirectional/, 'ViewBackward0'], [/^rnn_relu\//, 'TransposeBackward0'],
];
// native_dropout(train=None): PyTorch's NativeDropoutBackward0 leaves the gradient unscaled (by 1, not
// 1/(1 − p)) although the forward scaled; wasmgrad's gradient is the forward's derivative (docs/api.md)
const UNSCALED_GRADIENT = new Set(['native_dropout/train none']);
const nodeOf = (c: Case): string | null => OURS.find(([re]) => re.test(c.name))?.[1] ?? c.grad_fn;

describe.each(DEVICES)('torch.* forms of nn functions against PyTorch on %s', (device) => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    if (c.seed !== undefined) torch.manual_seed(c.seed);
    const { outs, argLeaves } = evaluateCase(c, device);
    const ordered = c.pick === undefined ? outs : [outs[c.pick], ...outs.filter((_, i) => i !== c.pick)];
    const expected = Array.isArray(c.out) ? c.out : [c.out];
    expect(ordered.length).toBe(expected.length);
    expected.forEach((e, i) => expectClose(ordered[i], e, tolerances.nn, `output ${i}`));
    if (c.grad_fn) expect(`${ordered[0].grad_fn}`).toBe(`<${nodeOf(c)} object>`);
    if (!UNSCALED_GRADIENT.has(c.name)) expectCaseGrads(c, device, ordered[0], argLeaves);
  });

});

describe.each(DEVICES)('bad calls of the torch.* forms of nn functions on %s', (device) => {
  it.each(fixture.errors.map((e) => [e.name, e] as const))('%s: PyTorch\'s error', (_, e) => {
    expectErrorLeavesEngineIntact(device, () => runCall(e, device), e);
  });
});
