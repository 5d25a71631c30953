// binary_cross_entropy checks that every element of its input lies in [0, 1] on the device
// (assembly/ops/loss.ts all_probabilities, the js device's loop) instead of copying the input to JS:
// a NaN or an infinity anywhere (the first element, inside a 256-element block of the SIMD check, its
// tail) raises PyTorch's error and leaves the engine intact; the ends of the range pass and give
// PyTorch's value (fixtures/bce_range_errors.json, from scripts/gen_bce_range_errors.py).

import { describe, it } from 'vitest';
import { DEVICES, loadFixture, expectClose, torch, type TensorFixture } from './support/torch.js';
import { runCall, expectErrorLeavesEngineIntact, type Arg } from './support/error_cases.js';
import { tolerances } from './support/tolerances.js';

interface ErrorCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; type: string; message: string }
interface ValueCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; out: TensorFixture }
const fixture = loadFixture<{ errors: ErrorCase[]; values: ValueCase[] }>('bce_range_errors.json');

describe.each(DEVICES)('binary_cross_entropy input range on %s', (device) => {
  for (const e of fixture.errors) {
    it(e.name, () => expectErrorLeavesEngineIntact(device, () => { runCall(e, device); }, { error: e.message, error_type: e.type }));
  }
  for (const v of fixture.values) {
    it(v.name, () => torch.tidy(() => { expectClose(runCall(v, device) as torch.Tensor, v.out, tolerances.loss); }));
  }
});
