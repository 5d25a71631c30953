// The backward sweep. One call from JS runs the whole of backward() or
// torch.autograd.grad(): it finds the records reachable from the roots,
// counts for each how many reachable consumers will send it a gradient, then
// runs records whose gradient is complete (Kahn's algorithm over the tape),
// each through its derivative rule (derivatives.ts), accumulating into the
// producers of its inputs or into the .grad of leaves.
//
// Arguments arrive in the args buffer (scratch.ts), as i32s:
//
//  ┌──────────────┬──────────────┬──────────────┬──────────────┐
//  │ roots[n]     │ seeds[n]     │ inputs[m]    │ results[m]   │   seeds[i] == 0: implicit ones
//  └──────────────┴──────────────┴──────────────┴──────────────┘
//  inputs are torch.autograd.grad's; their gradients are written to
//  results[] (0 where unused), each with one ref that passes to JS.
//  backward(inputs=...) (inputs and `accumulate`) adds them into the inputs'
//  .grad instead, and touches no other .grad. The sweep keeps inputs and results
//  in memory of its own while it runs and writes the results back at the end:
//  a torch.autograd.Function's backward (grad/custom.ts) runs JS ops mid-sweep.

import { stackPush, stackPop, stackLen, stackAt, stackClear } from './stack';
import { alloc, free } from './alloc';
import { argsPtr } from './scratch';
import {
  slot, retain, release, gradFnOf, flagsOf, setFlags, gradOf, numelOf, dataOf, newSameAs, dtypeOf,
} from './tensors';
import { Rec, RecFlag, Slot, Err, TensorFlag, DType, PackState, Op } from '../abi/abi';
import { setNoDerivative } from './grad/no_derivative';
import {
  recNin, recOp, recI0, recFlags, setRecFlags, inProducer, inLeaf, inNeedsGrad, freeSaved, set_grad_enabled, is_grad_enabled,
} from './tape';
import { gradient } from './derivatives';
import { recordsItself } from './generated/derivatives.generated';
import { deliverTo } from './ops/accumulate';
import { checkSavedVersions } from './ops/inplace';

const visited = memory.data(12, 4); // every record this sweep reached
const ready = memory.data(12, 4);   // records whose gradient is complete

// where the current call keeps the gradients of autograd.grad's inputs
let captures: usize = 0;

// the op code of the record that made a create_graph backward refuse (Err.NoCreateGraph)
let refusedOp: i32 = 0;
export function create_graph_refused_op(): i32 { return refusedOp; }

// torch.autograd.set_detect_anomaly: every gradient a rule returns is checked for NaN
let detectAnomaly = false;
export function set_detect_anomaly(on: bool): void { detectAnomaly = on; }
// the record whose rule returned NaN, and for which input (Err.AnomalyNaN)
let anomalyRecord: usize = 0;
let anomalyOutput: i32 = 0;
export function anomaly_info(k: i32): u32 { return k == 0 ? <u32>anomalyRecord : <u32>anomalyOutput; }

/** True when tensor t holds a NaN. */
function hasNaN(t: i32): bool {
  const p = dataOf(t), n = numelOf(t);
  if (dtypeOf(t) == DType.Float64) {
    for (let i = 0; i < n; i++) if (isNaN(load<f64>(p + (<usize>i << 3)))) return true;
  } else {
    for (let i = 0; i < n; i++) if (isNaN(load<f32>(p + (<usize>i << 2)))) return true;
  }
  return false;
}


// @ts-ignore: decorator
@external("env", "tensor_hook")
declare function hostHook(id: i32, g: i32): i32;

/**
 * g (owned) after the hooks Tensor.register_hook gave tensor `id`: the host runs them in JS and
 * returns the gradient they leave (a new reference), or Err.Callback when one threw.
 */
function hooked(id: i32, g: i32): i32 {
  if (!(flagsOf(id) & TensorFlag.HasHooks)) return g;
  const h = hostHook(id, g);
  release(g);
  return h;
}

// @ts-ignore: decorator
@external("env", "unpack_saved")
declare function hostUnpack(r: usize, drop: bool): i32;

/**
 * Before the rule of a record whose saves were packed (saved-tensor hooks): the host runs the
 * unpack hooks and puts their tensors in the saved slots (Err.Callback when one threw); `drop`
 * (no retain_graph) lets it forget what pack made.
 */
function unpackSaved(r: usize, drop: bool): i32 {
  const p = load<u16>(r, Rec.Packed);
  return p == PackState.None || p == PackState.Pending ? Err.Ok : hostUnpack(r, drop);
}

// leaves with hooks and the sum of what reached each, as pairs (leaf, gradient): their hooks run
// once on the whole gradient, after the sweep, as PyTorch runs AccumulateGrad's pre-hooks
const hookedLeaves = memory.data(12, 4);

/** Sends g (owned) to a leaf: held back for its hooks, or to its capture cell, or its .grad when accumulating. */
function deliverLeaf(leaf: i32, g: i32, accumulate: bool): i32 {
  if (flagsOf(leaf) & TensorFlag.HasHooks) {
    for (let i: u32 = 0; i < stackLen(hookedLeaves); i += 2) {
      if (<i32>stackAt(hookedLeaves, i) == leaf) return deliverTo(pendingCell(i + 1), g, false);
    }
    if (stackPush(hookedLeaves, <u32>leaf) && stackPush(hookedLeaves, <u32>g)) return Err.Ok;
    release(g);
    return Err.OutOfMemory;
  }
  return deliverNow(leaf, g, accumulate);
}

// @ts-ignore: decorator
@inline function pendingCell(i: u32): usize { return <usize>load<u32>(hookedLeaves) + (<usize>i << 2); }

/** The held-back gradients of hooked leaves, through their hooks, delivered. */
function deliverHooked(accumulate: bool): i32 {
  let err = Err.Ok;
  for (let i: u32 = 0; i < stackLen(hookedLeaves); i += 2) {
    const leaf = <i32>stackAt(hookedLeaves, i), g = <i32>stackAt(hookedLeaves, i + 1);
    store<u32>(pendingCell(i + 1), 0);
    if (err != Err.Ok) { release(g); continue; }
    const h = hooked(leaf, g);
    err = h < 0 ? h : deliverNow(leaf, h, accumulate);
  }
  stackClear(hookedLeaves);
  return err;
}

/** Sends g (owned) to a leaf: its capture cell, or its .grad when accumulating. */
function deliverNow(leaf: i32, g: i32, accumulate: bool): i32 {
  const cap = load<i32>(slot(leaf), Slot.Capture);
  if (cap) return deliverTo(captures + (<usize>(cap - 1) << 2), g, false);
  if (!accumulate) { release(g); return Err.Ok; }
  return deliverTo(slot(leaf) + Slot.Grad, g, true);
}

/** A tensor of ones shaped like `root`, of its dtype: the implicit gradient of a scalar. */
function onesLike(root: i32): i32 {
  const t = newSameAs(root);
  if (!t) return Err.OutOfMemory;
  const p = dataOf(t);
  if (dtypeOf(t) == DType.Float64) {
    for (let i = 0; i < numelOf(t); i++) store<f64>(p + (<usize>i << 3), 1);
  } else {
    for (let i = 0; i < numelOf(t); i++) store<f32>(p + (<usize>i << 2), 1);
  }
  return t;
}

/** Resets the marks of this sweep and drops pending gradients (on success and on error). */
function cleanup(): void {
  for (let i: u32 = 0; i < stackLen(visited); i++) {
    const r = <usize>stackAt(visited, i);
    const acc = load<i32>(r, Rec.GradAcc);
    if (acc) { store<i32>(r, 0, Rec.GradAcc); release(acc); }
    store<u32>(r, 0, Rec.Deps);
    setRecFlags(r, recFlags(r) & ~(RecFlag.Visited | RecFlag.Ready));
  }
  stackClear(visited);
  stackClear(ready);
  for (let i: u32 = 1; i < stackLen(hookedLeaves); i += 2) release(<i32>stackAt(hookedLeaves, i));
  stackClear(hookedLeaves);
}

/**
 * Runs the sweep. `retainGraph` keeps saved tensors; `accumulate` adds into
 * .grad (backward): of every leaf, or with inputs only of those, rather than
 * returning the inputs' gradients (autograd.grad); `createGraph` records the
 * derivative computations.
 * Returns Err.Ok or a negative Err code; on error before any gradient has
 * moved (a freed graph), nothing has changed.
 */
export function backward(nroots: i32, ninputs: i32, retainGraph: bool, accumulate: bool, createGraph: bool): i32 {
  // the inputs and their captures move to memory of the sweep's own: a torch.autograd.Function's
  // backward runs JS ops mid-sweep, and they may move the args buffer (backward() without
  // inputs, the common case, has nothing there to move)
  if (!ninputs) return sweep(nroots, 0, 0, retainGraph, accumulate, createGraph);
  const own = alloc(<usize>ninputs << 3);
  if (!own) return Err.OutOfMemory;
  memory.copy(own, argsPtr() + (<usize>nroots << 3), <usize>ninputs << 2);
  captures = own + (<usize>ninputs << 2);
  const err = sweep(nroots, own, ninputs, retainGraph, accumulate, createGraph);
  memory.copy(argsPtr() + (<usize>(2 * nroots + ninputs) << 2), captures, <usize>ninputs << 2);
  free(own);
  return err;
}

function sweep(nroots: i32, inputs: usize, ninputs: i32, retainGraph: bool, accumulate: bool, createGraph: bool): i32 {
  const args = argsPtr();
  const roots = args, seeds = args + (<usize>nroots << 2);

  // 1. reach every record from the roots; count consumers; refuse freed graphs
  stackClear(visited);
  for (let i = 0; i < nroots; i++) {
    const r = gradFnOf(load<i32>(roots + (<usize>i << 2)));
    if (r && !(recFlags(r) & RecFlag.Visited)) {
      setRecFlags(r, recFlags(r) | RecFlag.Visited);
      if (!stackPush(visited, <u32>r)) { cleanup(); return Err.OutOfMemory; }
    }
  }
  for (let i: u32 = 0; i < stackLen(visited); i++) {
    const r = <usize>stackAt(visited, i);
    const f = recFlags(r);
    if ((f & RecFlag.Freed) && (f & RecFlag.HasSaved)) { cleanup(); return Err.BackwardTwice; }
    const changed = checkSavedVersions(r);
    if (changed != Err.Ok) { cleanup(); return changed; }
    const n = recNin(r);
    for (let k = 0; k < n; k++) {
      const p = inProducer(r, k);
      if (!p) continue;
      store<u32>(p, load<u32>(p, Rec.Deps) + 1, Rec.Deps);
      if (!(recFlags(p) & RecFlag.Visited)) {
        setRecFlags(p, recFlags(p) | RecFlag.Visited);
        if (!stackPush(visited, <u32>p)) { cleanup(); return Err.OutOfMemory; }
      }
    }
  }

  // with create_graph every rule must record its own ops: refuse before any gradient moves
  for (let i: u32 = 0; createGraph && i < stackLen(visited); i++) {
    const r = <usize>stackAt(visited, i);
    if (!recordsItself(r)) { refusedOp = recOp(r); cleanup(); return Err.NoCreateGraph; }
  }

  // PyTorch's NotImplemented nodes raise before any gradient moves (the lowest kind: embedding_bag's
  // weight before its per_sample_weights, as PyTorch's engine reaches them)
  let blocked = -1;
  for (let i: u32 = 0; i < stackLen(visited); i++) {
    const r = <usize>stackAt(visited, i);
    if (recOp(r) == Op.NoDerivative && (blocked < 0 || recI0(r) < blocked)) blocked = recI0(r);
  }
  if (blocked >= 0) { setNoDerivative(blocked); cleanup(); return Err.NoDerivative; }

  // 2. mark the inputs so gradients reaching them are captured; backward(inputs=...)
  //    makes a non-leaf input retain its grad instead, as PyTorch does
  for (let i = 0; i < ninputs; i++) {
    const t = load<i32>(inputs + (<usize>i << 2));
    store<i32>(captures + (<usize>i << 2), 0);
    if (accumulate && gradFnOf(t)) setFlags(t, flagsOf(t) | TensorFlag.RetainsGrad);
    else store<i32>(slot(t), i + 1, Slot.Capture);
  }

  const wasEnabled = is_grad_enabled();
  set_grad_enabled(createGraph);
  let err = Err.Ok;
  const toLeaves = accumulate && ninputs == 0;

  // 3. seed the roots
  for (let i = 0; i < nroots && err == Err.Ok; i++) {
    const root = load<i32>(roots + (<usize>i << 2));
    let g = load<i32>(seeds + (<usize>i << 2));
    if (g) retain(g); else g = onesLike(root);
    if (g < 0) { err = g; break; }
    const r = gradFnOf(root);
    // a root that is also an input is captured when its record runs (step 4),
    // with the seed plus whatever other roots send it: not here as well
    if (r) {
      err = deliverTo(r + Rec.GradAcc, g, false);
      if (!load<u32>(r, Rec.Deps) && !(recFlags(r) & RecFlag.Ready)) {
        setRecFlags(r, recFlags(r) | RecFlag.Ready);
        if (!stackPush(ready, <u32>r)) err = Err.OutOfMemory;
      }
    } else {
      err = deliverLeaf(root, g, toLeaves);
    }
  }

  // 4. run records whose gradient is complete, latest first
  while (stackLen(ready) && err == Err.Ok) {
    const r = <usize>stackPop(ready);
    let g = load<i32>(r, Rec.GradAcc);
    store<i32>(r, 0, Rec.GradAcc);
    const out = load<i32>(r, Rec.Out);
    if (g && out) {
      // the output's hooks first: what they leave flows on (and into a retained .grad)
      g = hooked(out, g);
      if (g < 0) { err = g; break; }
      // non-leaf tensors: retain_grad() and autograd.grad inputs
      if (flagsOf(out) & TensorFlag.RetainsGrad) {
        // PyTorch's retain_grad hook: a clone at first, then grad + new out of
        // place (in place here only when nobody else holds the old .grad)
        retain(g);
        err = deliverTo(slot(out) + Slot.Grad, g, gradOf(out) == 0);
      }
      const cap = load<i32>(slot(out), Slot.Capture);
      if (cap && err == Err.Ok) {
        retain(g);
        err = deliverTo(captures + (<usize>(cap - 1) << 2), g, false);
      }
    }
    if (g && err == Err.Ok && load<u16>(r, Rec.Packed)) err = unpackSaved(r, !retainGraph);
    const n = recNin(r);
    for (let k = 0; k < n && err == Err.Ok; k++) {
      if (g && inNeedsGrad(r, k)) {
        const gk = gradient(r, g, k);
        if (gk < 0) { err = gk; break; }
        if (!gk) continue; // a torch.autograd.Function's backward gave none for this input
        if (detectAnomaly && hasNaN(gk)) {
          release(gk);
          anomalyRecord = r;
          anomalyOutput = k;
          err = Err.AnomalyNaN;
          break;
        }
        const p = inProducer(r, k);
        if (p) err = deliverTo(p + Rec.GradAcc, gk, false);
        else err = deliverLeaf(inLeaf(r, k), gk, toLeaves);
      }
    }
    for (let k = 0; k < n && err == Err.Ok; k++) {
      const p = inProducer(r, k);
      if (!p) continue;
      const d = load<u32>(p, Rec.Deps) - 1;
      store<u32>(p, d, Rec.Deps);
      if (!d && !(recFlags(p) & RecFlag.Ready)) {
        setRecFlags(p, recFlags(p) | RecFlag.Ready);
        if (!stackPush(ready, <u32>p)) err = Err.OutOfMemory;
      }
    }
    if (g) release(g);
    if (!retainGraph && err == Err.Ok) freeSaved(r);
  }

  if (err == Err.Ok) err = deliverHooked(toLeaves);
  for (let i = 0; i < ninputs; i++) store<i32>(slot(load<i32>(inputs + (<usize>i << 2))), 0, Slot.Capture);
  // backward(inputs=...): each input's gradient goes into its .grad, in place as for leaves
  // (recorded under create_graph: grad mode is still the sweep's)
  for (let i = 0; i < ninputs && accumulate && err == Err.Ok; i++) {
    const c = captures + (<usize>i << 2);
    const g = load<i32>(c);
    store<i32>(c, 0);
    if (g) err = deliverTo(slot(load<i32>(inputs + (<usize>i << 2))) + Slot.Grad, g, true);
  }
  set_grad_enabled(wasEnabled);
  if (err != Err.Ok) {
    for (let i = 0; i < ninputs; i++) {
      const c = captures + (<usize>i << 2);
      release(load<i32>(c));
      store<i32>(c, 0);
    }
  }
  cleanup();
  return err;
}
