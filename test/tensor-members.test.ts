// The Tensor members that are shorthands over other ops, against PyTorch
// (fixtures/tensor_members.json, from scripts/gen_tensor_member_fixtures.py): element_size,
// ndimension, nelement, retains_grad, new_empty, and the transpose properties' errors. Their
// values and nodes (T, mT, H, expand_as, new_zeros ...) are table cases (table-ops.test.ts).
// Each scenario here is the generator's program of the same name. Both devices.

import { describe } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('tensor_members.json').scenarios;
const DTYPES = [torch.float32, torch.float64, torch.int64, torch.int32, torch.bool];

const programs: Record<string, Program> = {
  sizes: (_, device) => {
    const x = torch.zeros([2, 3, 4], { device });
    return { ndimension: x.ndimension(), nelement: x.nelement(), element_size: DTYPES.map((d) => torch.zeros(1, { dtype: d, device }).element_size()) };
  },
  retains_grad: (_, device) => {
    const w = torch.ones(2, { requires_grad: true, device });
    const y = w.mul(2);
    const before = [w.retains_grad, y.retains_grad];
    y.retain_grad();
    return { before, after: [w.retains_grad, y.retains_grad] };
  },
  new_empty: (_, device) => {
    const x = torch.zeros(1, { dtype: torch.int64, device });
    const e = x.new_empty(2, 3);
    const f = x.new_empty([4], { dtype: torch.float64, requires_grad: true });
    return { shapes: [e.shape, f.shape], dtypes: [String(e.dtype), String(f.dtype)], requires_grad: [e.requires_grad, f.requires_grad] };
  },
  mT_of_1d: (_, device) => ({ mT: torch.zeros(3, { device }).mT }),
  mH_of_1d: (_, device) => ({ mH: torch.zeros(3, { device }).mH }),
  H_of_3d: (_, device) => ({ H: torch.zeros([2, 3, 4], { device }).H }),
  H_of_1d: (_, device) => ({ H: torch.zeros(3, { device }).H }),
};

describe.each(DEVICES)('Tensor members vs PyTorch on %s', (device) => {
  scenarioTests(S, programs, device);
});
