// Which nodes refuse create_graph, read off the op table the way scripts/gen_ops.ts decides it
// (recordsItself): a manual row whose rule is not in recordingRules, or a formula row that calls a
// fused kernel without a `grad`. A test that meets a refusal checks it is one of these.

import { expect } from 'vitest';
import { torch } from './torch.js';
import { ops, recordingRules, backwardKernels, type OpRow } from '../../src/ops/table.js';

/** A formula calls a fused kernel that has no derivative of its own. */
const callsUndifferentiated = (formulas: Readonly<Record<string, string>>): boolean => Object.values(formulas)
  .some((f) => [...f.matchAll(/(\w+)\(/g)].some(([, name]) => backwardKernels[name] && !backwardKernels[name].grad));

/** The node names create_graph refuses. */
export const refusing: ReadonlySet<string> = new Set((Object.values(ops) as OpRow[])
  .filter((r) => (typeof r.grad === 'string' ? r.grad !== 'notDifferentiable' && !recordingRules.has(r.grad) : callsUndifferentiated(r.grad)))
  .map((r) => r.node));

/** e is create_graph's NotImplementedError for one of the refusing nodes. */
export function expectRefusal(e: unknown): void {
  const node = /create_graph=True through (\S+) is not supported yet/.exec((e as Error).message)?.[1];
  expect(e instanceof torch.NotImplementedError && node !== undefined && refusing.has(node), String(e)).toBe(true);
}
