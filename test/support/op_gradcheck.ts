// What the op-table gradient checks share (test/gradcheck-ops.test.ts, and gradgradcheck's walk):
// each differentiable op's float64 fixture case, the ops checked at nudged inputs and why, and
// the check of one case through torch.autograd.gradcheck (or gradgradcheck).

import { Op } from '../../abi/abi.js';
import { ops, type RecordedOp } from '../../src/ops/table.js';
import { torch, loadFixture, fromFixture, type Device } from './torch.js';
import { evaluateCase, type OpCase, type Arg } from './cases.js';

const files = ['table.json', 'ops.json', 'edges.json'];

/** The op codes of the table that have a derivative (PyTorch has one for them). */
export function differentiableOps(): RecordedOp[] {
  // FusedBackward and NoDerivative are made by a backward with create_graph, not by a forward op: gradgradcheck of
  // the ops whose derivatives use a fused kernel checks it (and test/higher-order.test.ts)
  return (Object.keys(ops).map(Number) as RecordedOp[])
    .filter((op) => ops[op].grad !== 'notDifferentiable' && op !== Op.FusedBackward && op !== Op.NoDerivative && op !== Op.ConvolutionWeight
      // no derivative in PyTorch: none at all, or derivatives.yaml's not_implemented for every input
      && !(typeof ops[op].grad === 'object' && Object.values(ops[op].grad).every((f) => f.startsWith('not_implemented('))));
}

const opOf = (t: torch.Tensor): number =>
  (t as unknown as { _dev: { gradFnOp(h: unknown): number }; h: unknown })._dev.gradFnOp((t as unknown as { h: unknown }).h);

/**
 * Each op code's float64 case with gradients, the first of the best: whose inputs that require
 * grad are all float64 (a float32 input is perturbed in float32 by gradcheck), then finite (at a
 * NaN or inf the finite difference is NaN), then without ties (max, sort and the order statistics
 * choose among equal elements, where the function has no derivative).
 */
export function float64Cases(): Map<number, OpCase> {
  const found = new Map<number, { c: OpCase; score: number }>();
  for (const file of files) {
    for (const c of loadFixture<{ cases: OpCase[] }>(file).cases) {
      if (!c.grad_fn || !c.upstream) continue;
      torch.tidy(() => {
        const { outs, argLeaves } = evaluateCase(c, 'wasm');
        if (outs[0].dtype !== torch.float64 || !outs[0].requires_grad) return;
        const op = opOf(outs[0]);
        const diff = argLeaves.filter((t) => t.requires_grad);
        const vals = diff.map((t) => Array.from(t.dataSync() as ArrayLike<number>));
        const score = (diff.some((t) => t.dtype !== torch.float64) ? 4 : 0) + (vals.some((v) => v.some((x) => !Number.isFinite(x))) ? 2 : 0)
          + (vals.some((v) => new Set(v).size < v.length) ? 1 : 0);
        if (!found.has(op) || score < found.get(op)!.score) found.set(op, { c, score });
      });
    }
  }
  return new Map([...found].map(([op, { c }]) => [op, c]));
}

const isTensorArg = (a: Arg): a is { tensor: { requires_grad: boolean } } & Arg =>
  a !== null && typeof a === 'object' && !Array.isArray(a) && 'tensor' in a;

/** The tensor arguments of a case in evaluateCase's order (positional depth-first, then keyword). */
function tensorArgs(c: OpCase): Arg[] {
  const out: Arg[] = [];
  const walk = (a: Arg): void => {
    if (isTensorArg(a)) out.push(a);
    else if (a !== null && typeof a === 'object' && !Array.isArray(a) && 'list' in a) a.list.forEach(walk);
  };
  c.args.forEach(walk);
  Object.values(c.kwargs).forEach(walk);
  return out;
}

/** Values moved off ties and non-finite points: distinct offsets per element and per input (NaN and inf become 0 first). */
const spread = (v: number[], leaf: number): number[] => v.map((x, i) => (Number.isFinite(x) ? x : 0) + 0.013 * i + 0.0071 * leaf);

/**
 * The ops whose only float64 cases sit where the function has no derivative, and how they are
 * checked instead (PyTorch's OpInfo samples draw distinct random values, away from kinks).
 */
export interface Nudge {
  values?: (v: number[], leaf: number) => number[]; options?: { eps?: number }; seed?: number;
  /** the leaves are what the op's input is made from (its differentiable inputs are via(leaf)) */
  via?: (t: torch.Tensor) => torch.Tensor;
}
export const nudged: Record<string, Nudge> = {
  // ties (and NaN) between or within the inputs: maximum/minimum, the scans and the order statistics
  // pick one of equal elements, where the function bends
  Maximum: { values: spread }, Minimum: { values: spread }, Cummax: { values: spread }, SortStable: { values: spread },
  Topk: { values: spread }, Kthvalue: { values: spread }, MedianDim: { values: spread }, NanmedianDim: { values: spread },
  Mode: { values: spread },
  // a cast: one side is float32 (x.double() of a float32 x), whose rounding a ±1e-6 step cannot resolve
  ToCopy: { options: { eps: 1e-3 } },
  // a random draw (derivative zero): p moved inside (0, 1), the generator reseeded for each evaluation so
  // the draws are the same and a ±eps step flips none
  Bernoulli: { values: (v) => v.map((p) => 0.25 + 0.5 * p), seed: 7 },
  // PyTorch's CTC gradient is the derivative for log_probs that are a log_softmax (its exp(lp) term
  // is the softmax's): checked through log_softmax over the classes, as PyTorch's own gradcheck passes
  CtcLoss: { via: (t) => t.log_softmax(-1) },
};

/**
 * Ops whose first derivative gradcheck accepts at their ties but whose second does not: the
 * whole-tensor max, min and median share g evenly among the tied elements, which is the mean of
 * the one-sided slopes, but the shares jump as a step moves one tied element off the others.
 */
export const nudgedTwice: Record<string, Nudge> = { MaxAll: { values: spread }, MinAll: { values: spread }, MedianAll: { values: spread } };

type Checker = (func: (...ts: torch.Tensor[]) => torch.Tensor[], inputs: torch.Tensor[], options: object) => boolean;

/** gradcheck (or another checker) of case c's op on device, at its fixture inputs moved as `nudge` says. */
export function check(
  c: OpCase, device: Device, nudge: Nudge, extra: { raise_exception?: boolean } = {}, checker: Checker = torch.autograd.gradcheck,
): boolean {
  const leaves = tensorArgs(c).map((a, k) => {
    const t = fromFixture((a as { tensor: never }).tensor, device);
    if (!nudge.values || !t.requires_grad) return t;
    return torch.tensor(nudge.values(Array.from(t.dataSync() as ArrayLike<number>), k), { dtype: t.dtype, device })
      .reshape(t.shape).requires_grad_();
  });
  const func = (...ts: torch.Tensor[]): torch.Tensor[] => {
    if (nudge.seed !== undefined) torch.manual_seed(nudge.seed);
    return evaluateCase(c, device, nudge.via ? ts.map((t) => (t.requires_grad ? nudge.via!(t) : t)) : ts).outs;
  };
  return checker(func, leaves, { ...nudge.options, ...extra });
}

