// The shape ops PyTorch composes from others (movedim, swapaxes, unflatten,
// broadcast_to, hstack, vstack) refuse bad dims, sizes and lists with
// PyTorch's exception and message (fixtures/shape_compose_errors.json, from
// scripts/gen_shape_compose_errors.py), leaving the engine intact. Their
// values and gradients are table fixtures (test/table-ops.test.ts).

import { describe, it } from 'vitest';
import { DEVICES, loadFixture } from './support/torch.js';
import { runCall, expectErrorLeavesEngineIntact, type Arg } from './support/error_cases.js';

interface ErrorCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; type: string; message: string }
const fixture = loadFixture<{ errors: ErrorCase[] }>('shape_compose_errors.json');

describe.each(DEVICES)('composed shape op errors on %s', (device) => {
  for (const e of fixture.errors) {
    it(e.name, () => expectErrorLeavesEngineIntact(device, () => { runCall(e, device); }, { error: e.message, error_type: e.type }));
  }
});
