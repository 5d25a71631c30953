// Every op against real PyTorch, on both devices: the fixtures in
// fixtures/ops.json come from scripts/gen_fixtures.py running PyTorch. Each
// case checks the output, the grad_fn name, and the gradient of
// (out · upstream).sum() for every tensor argument that requires grad
// (test/support/cases.ts).

import { describe, it } from 'vitest';
import { DEVICES, loadFixture } from './support/torch.js';
import { runCase, type OpCase } from './support/cases.js';

const fixture = loadFixture<{ cases: OpCase[] }>('ops.json');

describe.each(DEVICES)('ops vs PyTorch on %s', (device) => {
  for (const c of fixture.cases) it(c.name, () => runCase(c, device));
});
