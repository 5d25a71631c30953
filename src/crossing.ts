// Gradients across devices and dtypes. `t.to(other)` (or `t.to(torch.float64)`,
// src/cast.ts) records PyTorch's ToCopyBackward0 on the other device (or the same
// one), over a leaf there (the proxy) that stands for t, of the new dtype. A sweep
// that reaches the proxy leaves t's gradient on it; the front end then sends
// that gradient to t's device and sweeps on from t there. Each device still
// runs its part of the graph in one sweep (one call into WASM); a graph that
// never crosses devices pays nothing here.

import { Op, DType } from '../abi/abi.js';
import type { Backend, Handle } from './device.js';
import { Tensor } from './tensor.js';
import { isGradEnabled } from './runtime.js';

interface Crossing {
  dest: Backend;
  /** the proxy leaf on `dest`: a handle we hold a reference to, or (js) held weakly */
  proxy: Handle | WeakRef<object>;
  /** the tensor the proxy stands for, on its own device, outside every tidy scope */
  source: Tensor;
}

let crossings: Crossing[] = [];

/** The proxy's handle, or null once no record holds it (the graph through it is gone). */
function proxyOf(c: Crossing): Handle | null {
  if (c.proxy instanceof WeakRef) return c.proxy.deref() ?? null;
  return c.dest.refCount!(c.proxy) > 1 ? c.proxy : null;
}

/** The tensor a proxy leaf on `dest` stands for (t for `t.to(dest)`), or null for any other handle. */
export function crossedFrom(dest: Backend, h: Handle): Tensor | null {
  return crossings.find((c) => c.dest === dest && proxyOf(c) === h)?.source ?? null;
}

/** Forgets the crossings whose graph is gone, releasing what they held (js: after garbage collection). */
export function prune(): void {
  crossings = crossings.filter((c) => {
    if (proxyOf(c) !== null) return true;
    if (!(c.proxy instanceof WeakRef)) c.dest.release(c.proxy);
    c.source.dispose();
    return false;
  });
}

/**
 * A copy of `t` on `dest` as `dtype` (float to float when t requires grad): recorded
 * (ToCopyBackward0) when t requires grad and grad mode is on.
 */
export function copyTo(t: Tensor, dest: Backend, dtype: DType = t._dtype): Tensor {
  const data = t._dev.read(t.h);
  const shape = t._shape.slice();
  if (!(t.requires_grad && isGradEnabled())) return new Tensor(dest, dest.fromData(data, shape, dtype), shape, dtype);
  prune();
  const proxy = dest.fromData(data, shape, dtype);
  dest.setRequiresGrad(proxy, true);
  const out = new Tensor(dest, dest.view(Op.ToCopy, proxy, shape), shape, dtype);
  t._dev.retain(t.h);
  const source = new Tensor(t._dev, t.h, shape, t._dtype, false);
  crossings.push({ dest, proxy: dest.refCount ? proxy : new WeakRef(proxy as object), source });
  return out;
}

/** One device's part of a backward: its roots and their seeds (null: ones). */
interface Part { dev: Backend; roots: Handle[]; seeds: (Handle | null)[]; owned: Handle[] }

/**
 * Runs the backward sweep from `roots` (on `dev`), then on each device the graph
 * crossed into, until no gradient is left to send. `inputs`, `accumulate` and
 * `retainGraph`, `createGraph` mean what they mean to Backend.backward. Returns the gradients of
 * `inputs` (autograd.grad; each on its tensor's device, summed over the sweeps).
 */
export function sweep(
  dev: Backend, roots: Handle[], seeds: (Handle | null)[], inputs: Tensor[], retainGraph: boolean, accumulate: boolean,
  createGraph: boolean,
): (Handle | null)[] {
  if (crossings.length) prune();
  if (!crossings.length && inputs.every((t) => t._dev === dev)) {
    return dev.backward(roots, seeds, inputs.map((t) => t.h), retainGraph, accumulate, createGraph);
  }
  const results: (Handle | null)[] = inputs.map(() => null);
  const parts: Part[] = [{ dev, roots, seeds, owned: [] }];
  while (parts.length) {
    const part = parts.shift()!;
    try {
      runPart(part, inputs, results, parts, retainGraph, accumulate, createGraph);
    } finally {
      for (const h of part.owned) part.dev.release(h);
    }
  }
  return results;
}

function runPart(
  part: Part, inputs: Tensor[], results: (Handle | null)[], parts: Part[], retainGraph: boolean, accumulate: boolean,
  createGraph: boolean,
): void {
  const { dev } = part;
  const mine = inputs.map((t, i) => i).filter((i) => inputs[i]._dev === dev);
  const here = crossings.filter((c) => c.dest === dev).map((c) => ({ c, proxy: proxyOf(c) })).filter((x) => x.proxy !== null);
  // backward(inputs=...) on a device that holds none of them: nothing here may change
  if (accumulate && inputs.length && !mine.length && !here.length) return;
  // with inputs (or for autograd.grad) the proxies are inputs too; otherwise they are leaves like any other
  const extra = accumulate && !inputs.length ? [] : here.map((x) => x.proxy!);
  const out = dev.backward(part.roots, part.seeds, [...mine.map((i) => inputs[i].h), ...extra], retainGraph, accumulate, createGraph);
  const add = createGraph ? addRecorded : addGrads;
  mine.forEach((i, j) => { results[i] = add(dev, results[i], out[j], inputs[i]._shape); });
  for (const { c, proxy } of here) {
    let g: Handle | null;
    if (accumulate) {
      g = dev.grad(proxy!);
      if (g !== null) dev.setGrad(proxy!, null);
    } else {
      g = out[mine.length + extra.indexOf(proxy!)];
    }
    if (g === null) continue;
    const src = c.source;
    // PyTorch's ToCopyBackward0 casts the gradient back to the source's dtype (a recorded copy
    // under create_graph, so the gradient's graph reaches across too)
    const seed = createGraph ? recordedCopy(dev, g, src) : src._dev.fromData(dev.read(g), src._shape, src._dtype);
    dev.release(g);
    let next = parts.find((p) => p.dev === src._dev);
    if (!next) parts.push(next = { dev: src._dev, roots: [], seeds: [], owned: [] });
    next.roots.push(src.h);
    next.seeds.push(seed);
    next.owned.push(seed);
  }
}

/** The gradient handle g (on dev, borrowed) copied to src's device and dtype by a recorded copy: a new handle. */
function recordedCopy(dev: Backend, g: Handle, src: Tensor): Handle {
  dev.retain(g);
  const from = new Tensor(dev, g, src._shape.slice(), dev.dtypeOf(g), false);
  const to = copyTo(from, src._dev, src._dtype);
  src._dev.retain(to.h);
  const h = to.h;
  to.dispose();
  from.dispose();
  return h;
}

/** addGrads under create_graph: a recorded sum, so the result's graph holds both. */
function addRecorded(dev: Backend, a: Handle | null, b: Handle | null, shape: number[]): Handle | null {
  if (a === null || b === null) return a ?? b;
  const [x, y] = [a, b].map((h) => new Tensor(dev, h, shape.slice(), dev.dtypeOf(h), false));
  const sum = x.add(y);
  dev.retain(sum.h);
  const h = sum.h;
  for (const t of [sum, x, y]) t.dispose();
  return h;
}

/** a + b for two gradient handles of one input (either may be null); consumes both. */
function addGrads(dev: Backend, a: Handle | null, b: Handle | null, shape: number[]): Handle | null {
  if (a === null || b === null) return a ?? b;
  const sum = dev.fromData(dev.read(a), shape, dev.dtypeOf(a));
  const bv = dev.read(b);
  dev.write(sum, dev.read(sum).map((v, i) => v + bv[i]));
  dev.release(a);
  dev.release(b);
  return sum;
}
