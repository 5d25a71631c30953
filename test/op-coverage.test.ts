// Walks the op enum: every op code a tape record can hold must be what some
// PyTorch fixture case with gradients makes (ops.json, edges.json, table.json),
// so no op of the table goes unchecked against PyTorch. A case's op code is
// read from the device (the grad_fn of its result), not from its name: several
// codes share a PyTorch node name (AddBackward0 is Add and AddScalar).

import { describe, it, expect } from 'vitest';
import { Op } from '../abi/abi.js';
import { ops, type RecordedOp } from '../src/ops/table.js';
import { torch, loadFixture } from './support/torch.js';
import { evaluateCase, type OpCase } from './support/cases.js';

const files = ['ops.json', 'edges.json', 'table.json'];

/**
 * The op code of each case's result: of the cases with gradients, or (`withGrads` false) of all;
 * `float64`: of the cases whose result is float64.
 */
function coveredOps(withGrads: boolean, float64 = false): Map<number, string> {
  const covered = new Map<number, string>();
  for (const file of files) {
    for (const c of loadFixture<{ cases: OpCase[] }>(file).cases) {
      if (withGrads && !c.grad_fn) continue;
      torch.tidy(() => {
        const out = evaluateCase(c, 'wasm').outs[0];
        if (float64 && out.dtype !== torch.float64) return;
        const op = (out as unknown as { _dev: { gradFnOp(h: unknown): number }; h: unknown })._dev.gradFnOp((out as unknown as { h: unknown }).h);
        if (!covered.has(op)) covered.set(op, `${file}: ${c.name}`);
      });
    }
  }
  return covered;
}

describe('op coverage', () => {
  it('every op of the table is the result of a PyTorch fixture case, with gradients where PyTorch has them', () => {
    const withGrads = coveredOps(true), all = coveredOps(false);
    const codes = Object.keys(ops).map(Number) as RecordedOp[];
    expect(codes.length).toBe(Op.Count - 1);
    // PyTorch has no derivative for these (none, or derivatives.yaml's not_implemented): their cases compare outputs
    const underivable = (op: RecordedOp): boolean => typeof ops[op].grad === 'object' && Object.values(ops[op].grad).every((f) => f.startsWith('not_implemented('));
    // comparisons are never recorded: their bool results have no grad_fn (test/dtypes.test.ts covers them)
    // FusedBackward is made by a backward with create_graph, not by a forward op:
    // test/higher-order.test.ts holds it to PyTorch's second and third derivatives
    const recorded = codes.filter((op) => ops[op].grad !== 'notDifferentiable' && op !== Op.FusedBackward && op !== Op.NoDerivative && op !== Op.ConvolutionWeight);
    const missing = recorded.filter((op) => !(underivable(op) ? all : withGrads).has(op)).map((op) => Op[op]);
    expect(missing).toEqual([]);
  });

  it('every differentiable op of the table has a float64 case with gradients', () => {
    const codes = (Object.keys(ops).map(Number) as RecordedOp[]).filter((op) => ops[op].grad !== 'notDifferentiable' && op !== Op.FusedBackward && op !== Op.NoDerivative && op !== Op.ConvolutionWeight);
    const underivable = (op: RecordedOp): boolean => typeof ops[op].grad === 'object' && Object.values(ops[op].grad).every((f) => f.startsWith('not_implemented('));
    const covered = coveredOps(true, true);
    const missing = codes.filter((op) => !underivable(op) && !covered.has(op)).map((op) => Op[op]);
    expect(missing).toEqual([]);
  });
});
