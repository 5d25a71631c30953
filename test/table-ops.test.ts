// Every op of the op table against real PyTorch (fixtures/table.json, from
// scripts/gen_table_fixtures.py): output, grad_fn and every gradient, for
// ordinary inputs, broadcasting, the method form, non-default parameters, the
// edge points (±0, ±1, ±inf, NaN, the op's kinks) and empty tensors; and the
// argument errors each schema gives, with PyTorch's type and message, leaving
// the engine intact. Both devices.

import { describe, it } from 'vitest';
import { DEVICES, loadFixture } from './support/torch.js';
import { runCase, type OpCase } from './support/cases.js';
import { runCall, expectErrorLeavesEngineIntact, type Arg } from './support/error_cases.js';

interface ErrorCase { name: string; call: string; args: Arg[]; kwargs: Record<string, Arg>; type: string; message: string }
const fixture = loadFixture<{ cases: OpCase[]; errors: ErrorCase[] }>('table.json');

describe.each(DEVICES)('op table vs PyTorch on %s', (device) => {
  for (const c of fixture.cases) it(c.name, () => runCase(c, device));
});

describe.each(DEVICES)('op table argument errors on %s', (device) => {
  for (const e of fixture.errors) {
    it(e.name, () => expectErrorLeavesEngineIntact(device, () => { runCall(e, device); }, { error: e.message, error_type: e.type }));
  }
});
