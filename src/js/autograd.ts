// The js device's backward sweep: the wasm device's algorithm
// (assembly/autograd.ts) over JsRecords. Find the records reachable from the
// roots, count consumers, then run each record once its gradient is complete.

import { RuntimeError, BACKWARD_TWICE, modifiedInplace, createGraphUnsupported, noDerivative, anomalyNaN, type ModifiedTensor } from '../errors.js';
import { nodeName } from '../node_name.js';
import { TYPE_NAMES } from '../dtype.js';
import { gradFnNames } from '../grad_fn.generated.js';
import { JsTensor, JsRecord, setGradEnabled, isGradEnabled, empty } from './tensor.js';
import { derivatives, recordsItself } from './generated/derivatives.generated.js';
import type { RecordedOp } from '../ops/table.js';
import { binaryCompute, binary, view } from './ops.js';
import { Op, DType, PackState } from '../../abi/abi.js';
import { tensorHook, unpackSaved } from '../custom_backward.js';
import { jsDevice } from './device.js';

// torch.autograd.set_detect_anomaly: every gradient a rule returns is checked for NaN
let detectAnomaly = false;
export function setDetectAnomaly(on: boolean): void { detectAnomaly = on; }

/** a + b for two gradients of one tensor (one shape); float64 ones come only through t.double() (src/cast.ts). */
function sum(a: JsTensor, b: JsTensor): JsTensor {
  // create_graph (grad mode on during the sweep): a recorded sum, out of place
  if (isGradEnabled()) return binary(Op.Add, a, b, 1);
  if (a.dtype !== DType.Float64) return binaryCompute(Op.Add, a, b, 1);
  const out = empty(a.shape.slice(), DType.Float64);
  for (let j = 0; j < out.data.length; j++) out.data[j] = a.data[j] + b.data[j];
  return out;
}

/** A tensor r saved that has changed in place since, as the error describes it; null if none. */
function modifiedSaved(r: JsRecord): ModifiedTensor | null {
  const describe = (t: JsTensor, node: JsRecord | null, expected: number): ModifiedTensor =>
    ({ type: TYPE_NAMES[t.dtype], shape: t.shape, node: node ? nodeName(jsDevice, node.op, node) : null, version: t.version, expected });
  for (let k = 0; k < r.saved.length; k++) {
    const t = r.saved[k], expected = r.savedVersions?.[k] ?? 0;
    // a saved input is described by its grad_fn now
    if (t && t.version !== expected) return describe(t, t.gradFn, expected);
  }
  // a saved output by the node that made it
  if (r.savesResult && r.out.version !== r.outVersion) return describe(r.out, r, r.outVersion);
  return null;
}

export function backward(
  roots: JsTensor[], seeds: (JsTensor | null)[], inputs: JsTensor[],
  retainGraph: boolean, accumulate: boolean, createGraph: boolean,
): (JsTensor | null)[] {
  // 1. reach every record; count consumers; refuse freed graphs before touching anything
  const visited: JsRecord[] = [];
  const visit = (r: JsRecord | null): void => {
    if (r && !r.visited) { r.visited = true; visited.push(r); }
  };
  for (const t of roots) visit(t.gradFn);
  for (let i = 0; i < visited.length; i++) {
    const r = visited[i];
    if (r.freed) { cleanup(visited); throw new RuntimeError(BACKWARD_TWICE); }
    const changed = modifiedSaved(r);
    if (changed) { cleanup(visited); throw modifiedInplace(changed); }
    for (const inp of r.inputs) {
      if (!inp.producer) continue;
      inp.producer.deps++;
      visit(inp.producer);
    }
  }

  // with create_graph every rule must record its own ops: refuse before any gradient moves
  const refused = createGraph ? visited.find((r) => !recordsItself(r)) : undefined;
  if (refused) { cleanup(visited); throw createGraphUnsupported(gradFnNames[refused.op]); }
  // PyTorch's NotImplemented nodes raise before any gradient moves (the lowest kind: embedding_bag's
  // weight before its per_sample_weights, as PyTorch's engine reaches them)
  const blocked = visited.filter((r) => r.op === Op.NoDerivative).map((r) => r.i0);
  if (blocked.length) { cleanup(visited); throw noDerivative(Math.min(...blocked)); }

  // 2. autograd.grad's inputs catch the gradients that reach them
  const captured: (JsTensor | null)[] = inputs.map(() => null);
  // backward(inputs=...) makes a non-leaf input retain its grad instead, as PyTorch does
  inputs.forEach((t, i) => {
    if (accumulate && t.gradFn) t.retainsGrad = true;
    else t.capture = i + 1;
  });
  // a hooked leaf's gradient is held back and summed: its hooks run once, after the sweep
  const pending = new Map<JsTensor, JsTensor>();
  const deliverLeaf = (leaf: JsTensor, g: JsTensor): void => {
    if (leaf.hasHooks) {
      const have = pending.get(leaf);
      pending.set(leaf, have ? sum(have, g) : g);
      return;
    }
    deliverNow(leaf, g);
  };
  const deliverNow = (leaf: JsTensor, g: JsTensor): void => {
    if (leaf.capture) {
      const i = leaf.capture - 1;
      captured[i] = captured[i] ? sum(captured[i]!, g) : g;
    } else if (accumulate && !inputs.length) {
      accumulateGrad(leaf, g, createGraph);
    }
  };

  const wasEnabled = isGradEnabled();
  setGradEnabled(createGraph);
  try {
    // 3. seed the roots
    const ready: JsRecord[] = [];
    roots.forEach((root, i) => {
      const g = seeds[i] ?? onesLike(root);
      const r = root.gradFn;
      if (!r) { deliverLeaf(root, g); return; }
      // a root that is also an input is captured when its record runs, below
      r.gradAcc = r.gradAcc ? sum(r.gradAcc, g) : g;
      if (r.deps === 0 && !r.ready) { r.ready = true; ready.push(r); }
    });

    // 4. run records whose gradient is complete
    while (ready.length) {
      const r = ready.pop()!;
      const g = r.gradAcc && hooked(r.out, r.gradAcc);
      r.gradAcc = null;
      if (g) {
        const out = r.out;
        if (out.retainsGrad) out.grad = out.grad ? sum(out.grad, g) : createGraph ? view(Op.Clone, g, g.shape) : new JsTensor(g.data.slice(), g.shape, g.dtype);
        if (out.capture) {
          const i = out.capture - 1;
          captured[i] = captured[i] ? sum(captured[i]!, g) : g;
        }
        // saved-tensor hooks: the saves that were packed come back through the unpack hooks
        if (r.packed && r.packed !== PackState.Pending) unpackSaved(jsDevice, r, !retainGraph);
        const rule = derivatives[r.op as RecordedOp];
        r.inputs.forEach((inp, k) => {
          if (!inp.needsGrad) return;
          const gk = rule(r, g, k);
          if (!gk) return;
          if (detectAnomaly && gk.data.some(Number.isNaN)) throw anomalyNaN(nodeName(jsDevice, r.op, r), k);
          if (inp.producer) inp.producer.gradAcc = inp.producer.gradAcc ? sum(inp.producer.gradAcc, gk) : gk;
          else deliverLeaf(inp.leaf!, gk);
        });
      }
      for (const inp of r.inputs) {
        const p = inp.producer;
        if (p && --p.deps === 0 && !p.ready) { p.ready = true; ready.push(p); }
      }
      if (!retainGraph && r.hasSaved) {
        r.saved = [];
        r.savesResult = false;
        r.savesScalar = false;
        r.freed = true;
      }
    }
    for (const [leaf, g] of pending) deliverNow(leaf, hooked(leaf, g));
  } finally {
    setGradEnabled(wasEnabled);
    for (const t of inputs) t.capture = 0;
    cleanup(visited);
  }
  if (!accumulate) return captured;
  // backward(inputs=...): each input's gradient goes into its .grad
  captured.forEach((g, i) => { if (g) accumulateGrad(inputs[i], g, createGraph); });
  return inputs.map(() => null);
}

/** g after the hooks Tensor.register_hook gave t (src/tensor_hooks.ts), which may replace it. */
function hooked(t: JsTensor, g: JsTensor): JsTensor {
  return t.hasHooks ? tensorHook(jsDevice, t, g) as JsTensor : g;
}

/** t.grad += g, in place as PyTorch accumulates; a copy of g when t has no .grad yet. */
function accumulateGrad(t: JsTensor, g: JsTensor, createGraph: boolean): void {
  // create_graph: PyTorch's AccumulateGrad with grad mode on, a recorded clone and then sums
  if (createGraph) { t.grad = t.grad ? binary(Op.Add, t.grad, g, 1) : view(Op.Clone, g, g.shape); return; }
  if (t.grad) {
    const d = t.grad.data, s = g.data;
    for (let j = 0; j < d.length; j++) d[j] += s[j];
    // an in-place add, as PyTorch's AccumulateGrad: .grad's version goes up
    t.grad.version++;
  } else {
    // a copy: g may also be pending elsewhere, or be the caller's seed
    t.grad = new JsTensor(g.data.slice(), g.shape.slice(), g.dtype);
  }
}

/** Ones shaped like root, of its dtype: the implicit gradient of a scalar. */
function onesLike(root: JsTensor): JsTensor {
  const g = empty(root.shape.slice(), root.dtype);
  g.data.fill(1);
  return g;
}

function cleanup(visited: JsRecord[]): void {
  for (const r of visited) {
    r.visited = false;
    r.ready = false;
    r.deps = 0;
    r.gradAcc = null;
  }
}
