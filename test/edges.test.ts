// Every op against real PyTorch where the random fixtures never look: zeros,
// kinks, ties, ±inf, NaN, huge values and empty tensors (fixtures/edges.json,
// from scripts/gen_edge_fixtures.py), on both devices. NaN must be NaN at the
// same places, ±inf exact, and in the cases marked signed_zeros every zero
// carries PyTorch's sign.

import { describe, it } from 'vitest';
import { DEVICES, loadFixture } from './support/torch.js';
import { runCase, type OpCase } from './support/cases.js';

const fixture = loadFixture<{ cases: OpCase[] }>('edges.json');

describe.each(DEVICES)('edges vs PyTorch on %s', (device) => {
  for (const c of fixture.cases) it(c.name, () => runCase(c, device));
});
