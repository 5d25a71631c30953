// torch.autograd: backward() and grad() check their arguments with PyTorch's
// errors, then hand the whole sweep to the device in one call (for the wasm
// device, one call into WASM whatever the size of the graph).

import { DType } from './shared/abi.js';
import { RuntimeError, NotImplementedError } from './errors.js';
import { Tensor, checkSameDevice } from './tensor.js';
import { isGradEnabled, setGradEnabled } from './runtime.js';
import type { Handle } from './device.js';

const asList = (x: Tensor | readonly Tensor[]): Tensor[] => (x instanceof Tensor ? [x] : x.slice());

function checkRoots(roots: Tensor[], seeds: (Tensor | null)[]): void {
  roots.forEach((r, i) => {
    if (!r.requires_grad) {
      throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
    const s = seeds[i];
    if (s) {
      checkSameDevice(r, s);
      if (s._shape.join() !== r._shape.join()) {
        throw new RuntimeError(
          `Mismatch in shape: grad_output[${i}] has a shape of torch.Size([${s._shape.join(', ')}]) and output[${i}] has a shape of torch.Size([${r._shape.join(', ')}]).`);
      }
    } else if (r.numel() !== 1) {
      throw new RuntimeError('grad can be implicitly created only for scalar outputs');
    }
  });
  for (let i = 1; i < roots.length; i++) checkSameDevice(roots[0], roots[i]);
}

function checkCreateGraph(create_graph: boolean | undefined): void {
  if (create_graph) {
    throw new NotImplementedError('wasmgrad: create_graph=True (higher-order gradients) is not supported yet');
  }
}

/**
 * Accumulates into the .grad of the graph's leaves the gradient of `tensors`
 * (weighted by `grad_tensors` for non-scalar outputs).
 * @example torch.autograd.backward(loss); torch.autograd.backward([y], [torch.ones_like(y)])
 */
export function backward(
  tensors: Tensor | readonly Tensor[], grad_tensors?: Tensor | readonly (Tensor | null)[] | null,
  options: { retain_graph?: boolean; create_graph?: boolean; inputs?: Tensor | readonly Tensor[] } = {},
): void {
  const roots = asList(tensors);
  const seeds: (Tensor | null)[] = grad_tensors ? (grad_tensors instanceof Tensor ? [grad_tensors] : grad_tensors.slice()) : roots.map(() => null);
  checkRoots(roots, seeds);
  checkCreateGraph(options.create_graph);
  const retain = options.retain_graph ?? options.create_graph ?? false;
  const dev = roots[0]._dev;
  const inputs = options.inputs === undefined ? null : unique(asList(options.inputs));
  const grads = withFloatSeeds(seeds, (hs) => dev.backward(
    roots.map((t) => t.h), hs, inputs ? inputs.map((t) => t.h) : [], retain, inputs === null, false));
  if (inputs === null) return;
  // backward(inputs=...): accumulate only into these tensors (each once, as PyTorch, if listed twice)
  inputs.forEach((t, i) => {
    const g = grads[i];
    if (g === null) return;
    // the wrappers made here are temporaries: .grad keeps its own reference
    const gw = new Tensor(dev, g, t._shape.slice(), DType.Float32, false);
    const have = dev.grad(t.h);
    if (have !== null) {
      // in place, as backward() accumulates into .grad (and without t.grad's
      // wrapper, which would hold a reference until garbage collection)
      const hw = new Tensor(dev, have, t._shape.slice(), DType.Float32, false);
      const sum = no_grad(() => hw.add(gw));
      dev.write(have, dev.read(sum.h));
      sum.dispose();
      hw.dispose();
    } else {
      t.grad = gw;
    }
    gw.dispose();
  });
}

/**
 * Runs the sweep with the seeds' handles, int64 seeds converted to float32
 * first (PyTorch casts grad_outputs to the output's dtype; the device would
 * read their bits as floats), the conversions freed after.
 */
function withFloatSeeds<R>(seeds: (Tensor | null)[], run: (hs: (Handle | null)[]) => R): R {
  const temps = seeds.map((s) => (s && s._dtype !== DType.Float32 ? s.float() : null));
  try {
    return run(seeds.map((s, i) => (temps[i] ?? s)?.h ?? null));
  } finally {
    for (const t of temps) t?.dispose();
  }
}

/** The tensors of `ts` without repeats, in first-seen order. */
const unique = (ts: Tensor[]): Tensor[] => [...new Set(ts)];

/**
 * The gradients of `outputs` with respect to `inputs`, returned rather than
 * accumulated into .grad.
 * @example const [dw] = torch.autograd.grad(loss, [w], { retain_graph: true });
 */
export function grad(
  outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[],
  options: {
    grad_outputs?: Tensor | readonly (Tensor | null)[] | null; retain_graph?: boolean; create_graph?: boolean;
    allow_unused?: boolean;
  } = {},
): (Tensor | null)[] {
  const roots = asList(outputs);
  const ins = asList(inputs);
  const go = options.grad_outputs;
  const seeds: (Tensor | null)[] = go ? (go instanceof Tensor ? [go] : go.slice()) : roots.map(() => null);
  checkRoots(roots, seeds);
  checkCreateGraph(options.create_graph);
  for (const t of ins) {
    checkSameDevice(roots[0], t);
    if (!t.requires_grad) throw new RuntimeError('One of the differentiated Tensors does not require grad');
  }
  const dev = roots[0]._dev;
  // the device captures one gradient per tensor: a tensor listed twice gets the same gradient twice
  const distinct = unique(ins);
  const hs: (Handle | null)[] = withFloatSeeds(seeds, (sh) => dev.backward(
    roots.map((t) => t.h), sh, distinct.map((t) => t.h),
    options.retain_graph ?? options.create_graph ?? false, false, false,
  ));
  const seen = new Set<number>();
  const out = ins.map((t) => {
    const j = distinct.indexOf(t);
    const h = hs[j];
    if (h === null) return null;
    if (seen.has(j)) dev.retain(h); // each returned Tensor owns a reference
    seen.add(j);
    return new Tensor(dev, h, t._shape.slice());
  });
  if (!options.allow_unused && out.some((t) => t === null)) {
    for (const t of out) t?.dispose();
    throw new RuntimeError(
      'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.');
  }
  return out;
}

/**
 * Runs fn with gradient recording off, like `with torch.no_grad():`.
 * @example const pred = torch.no_grad(() => model.forward(x));
 */
export function no_grad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/**
 * Runs fn with gradient recording on, like `with torch.enable_grad():`.
 * @example torch.no_grad(() => torch.enable_grad(() => x.mul(2)));
 */
export function enable_grad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

/**
 * Whether ops are being recorded.
 * @example
 * console.log(torch.is_grad_enabled(), torch.no_grad(() => torch.is_grad_enabled())); // true false
 */
export function is_grad_enabled(): boolean {
  return isGradEnabled();
}

/**
 * Turns recording on or off, like torch.set_grad_enabled(mode).
 * @example
 * const w = torch.tensor([1.0], { requires_grad: true });
 * torch.set_grad_enabled(false);
 * console.log(w.mul(2).requires_grad); // false
 * torch.set_grad_enabled(true);
 */
export function set_grad_enabled(mode: boolean): void {
  setGradEnabled(mode);
}

function withGradMode<T>(on: boolean, fn: () => T): T {
  const was = isGradEnabled();
  setGradEnabled(on);
  try {
    return fn();
  } finally {
    setGradEnabled(was);
  }
}
