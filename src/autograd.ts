// torch.autograd: backward() and grad() check their arguments with PyTorch's
// errors, then hand the whole sweep to the device in one call (for the wasm
// device, one call into WASM whatever the size of the graph).

import { DType } from '../abi/abi.js';
import { RuntimeError, TypeError } from './errors.js';
import { warnOnce } from './nn/warn.js';
import { checkFlag, pyType } from './args.js';
import { Tensor, checkSameDevice } from './tensor.js';
import { isGradEnabled, setGradEnabled } from './runtime.js';
import type { Handle } from './device.js';
import { sweep } from './crossing.js';
import { withPostAccumulateHooks } from './tensor_hooks.js';

/**
 * What Python's `(x,) if isinstance(x, Tensor) else tuple(x)` gives for a JS
 * value: its elements (a str's characters, a dict's keys), or Python's
 * TypeError for a number.
 */
function asTuple(x: unknown): unknown[] {
  if (x instanceof Tensor) return [x];
  if (Array.isArray(x) || typeof x === 'string') return [...x];
  if (x !== null && typeof x === 'object') return Object.keys(x);
  throw new TypeError(`'${pyType(x)}' object is not iterable`);
}

/** outputs / inputs: every element a Tensor (PyTorch's engine checks inputs; outputs must be Tensors too). */
function asTensors(x: unknown, what: 'tensors' | 'inputs'): Tensor[] {
  const list = asTuple(x);
  for (const t of list) {
    if (!(t instanceof Tensor)) throw new RuntimeError(`all ${what} have to be Tensors, but got ${pyType(t)}`);
  }
  return list as Tensor[];
}

/** grad_tensors / grad_outputs: one Tensor or None per output (PyTorch's _make_grads). */
function asSeeds(x: unknown, roots: Tensor[]): (Tensor | null)[] {
  if (x === undefined || x === null) return roots.map(() => null);
  const seeds = asTuple(x);
  for (const g of seeds.slice(0, roots.length)) {
    if (g !== null && g !== undefined && !(g instanceof Tensor)) {
      throw new TypeError(`gradients can be either Tensors or None, but got ${pyType(g)}`);
    }
  }
  return seeds.map((g) => (g ?? null) as Tensor | null);
}

/** The engine's flags, read as PyTorch's engine reads them, then its count check. */
function engineFlags(
  roots: Tensor[], seeds: (Tensor | null)[], options: { retain_graph?: unknown; create_graph?: unknown; allow_unused?: unknown },
): { retain: boolean; create: boolean; allowUnused: boolean } {
  const create = checkFlag(options.create_graph) ?? false;
  const retain = checkFlag(options.retain_graph, true) ?? create;
  const allowUnused = checkFlag(options.allow_unused, true) ?? false;
  if (seeds.length !== roots.length) throw new RuntimeError(`got ${roots.length} tensors and ${seeds.length} gradients`);
  return { retain, create, allowUnused };
}

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


/**
 * Accumulates into the .grad of the graph's leaves the gradient of `tensors`
 * (weighted by `grad_tensors` for non-scalar outputs).
 * @example torch.autograd.backward(loss); torch.autograd.backward([y], [torch.ones_like(y)])
 */
export function backward(
  tensors: Tensor | readonly Tensor[], grad_tensors?: Tensor | readonly (Tensor | null)[] | null,
  options: { retain_graph?: boolean; create_graph?: boolean; inputs?: Tensor | readonly Tensor[] } = {},
): void {
  const roots = asTensors(tensors, 'tensors');
  const seeds = asSeeds(grad_tensors, roots);
  const { retain, create } = engineFlags(roots, seeds, options);
  checkRoots(roots, seeds);
  if (create) warnOnce(CREATE_GRAPH_CYCLE);
  const dev = roots[0]._dev;
  const inputs = options.inputs === undefined ? [] : unique(asTensors(options.inputs, 'inputs'));
  if (options.inputs !== undefined && !inputs.length) {
    throw new RuntimeError("'inputs' argument to backward() cannot be empty.");
  }
  // with inputs, the device accumulates only into their .grad (each once, as PyTorch, if listed twice)
  withPostAccumulateHooks(
    () => withSeedsOfRootDtype(roots, seeds, (hs) => sweep(dev, roots.map((t) => t.h), hs, inputs, retain, true, create)),
    (h) => !inputs.length || inputs.some((t) => t.h === h), create);
}

/**
 * Runs the sweep with the seeds' handles, each converted to its root's dtype
 * first (PyTorch casts grad_outputs to the output's dtype; the device would
 * read their bits as the root's type), the conversions freed after.
 */
function withSeedsOfRootDtype<R>(roots: Tensor[], seeds: (Tensor | null)[], run: (hs: (Handle | null)[]) => R): R {
  const temps = seeds.map((s, i) => (s && s._dtype !== roots[i]._dtype ? s.to(roots[i].dtype).detach() : null));
  try {
    return run(seeds.map((s, i) => (temps[i] ?? s)?.h ?? null));
  } finally {
    for (const t of temps) t?.dispose();
  }
}

/** PyTorch's UserWarning for backward(create_graph=True): .grad's graph holds the parameter. */
const CREATE_GRAPH_CYCLE = 'Using backward() with create_graph=True will create a reference cycle between the parameter and its ' +
  'gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to avoid this. If you have ' +
  'to use this function, make sure to reset the .grad fields of your parameters to None after use to break the cycle and avoid the leak.';

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
  const roots = asTensors(outputs, 'tensors');
  const ins = asTuple(inputs) as Tensor[];
  const seeds = asSeeds(options.grad_outputs, roots);
  const { retain, create, allowUnused } = engineFlags(roots, seeds, options);
  asTensors(ins, 'inputs');
  checkRoots(roots, seeds);
  for (const t of ins) {
    if (!t.requires_grad) throw new RuntimeError('One of the differentiated Tensors does not require grad');
  }
  const dev = roots[0]._dev;
  // the device captures one gradient per tensor: a tensor listed twice gets the same gradient twice
  const distinct = unique(ins);
  const hs: (Handle | null)[] = withSeedsOfRootDtype(roots, seeds, (sh) => sweep(
    dev, roots.map((t) => t.h), sh, distinct, retain, false, create,
  ));
  const seen = new Set<number>();
  const out = ins.map((t) => {
    const j = distinct.indexOf(t);
    const h = hs[j];
    if (h === null) return null;
    if (seen.has(j)) t._dev.retain(h); // each returned Tensor owns a reference
    seen.add(j);
    return new Tensor(t._dev, h, t._shape.slice(), t._dtype);
  });
  if (!allowUnused && out.some((t) => t === null)) {
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
 * Turns recording on or off, like torch.set_grad_enabled(mode); with fn, only while fn runs
 * (Python's `with torch.set_grad_enabled(mode):`), returning fn's result.
 * @example
 * const w = torch.tensor([1.0], { requires_grad: true });
 * console.log(torch.set_grad_enabled(false, () => w.mul(2)).requires_grad); // false
 * torch.set_grad_enabled(false);
 * console.log(w.mul(2).requires_grad); // false
 * torch.set_grad_enabled(true);
 */
export function set_grad_enabled(mode: boolean): void;
export function set_grad_enabled<T>(mode: boolean, fn: () => T): T;
export function set_grad_enabled<T>(mode: boolean, fn?: () => T): T | void {
  if (typeof mode !== 'boolean') throw new TypeError(`enabled must be a bool (got ${pyType(mode)})`);
  if (fn === undefined) { setGradEnabled(mode); return; }
  return withGradMode(mode, fn);
}

let inferenceDepth = 0;

/**
 * Runs fn in inference mode, like `with torch.inference_mode():`: nothing is recorded, as
 * under no_grad. `mode` false runs fn as it is (PyTorch's inference_mode(False)). Tensors made
 * inside are ordinary tensors (PyTorch's inference tensors refuse later autograd use).
 * @example
 * const w = torch.tensor([1.0], { requires_grad: true });
 * console.log(torch.inference_mode(() => w.mul(2)).requires_grad); // false
 */
export function inference_mode<T>(fn: () => T): T;
export function inference_mode<T>(mode: boolean, fn: () => T): T;
export function inference_mode<T>(modeOrFn: boolean | (() => T), fn?: () => T): T {
  const mode = typeof modeOrFn === 'function' ? true : modeOrFn;
  const body = typeof modeOrFn === 'function' ? modeOrFn : fn!;
  if (typeof mode !== 'boolean') {
    throw new TypeError('__init__(): incompatible constructor arguments. The following argument types are supported:\n' +
      `    1. torch._C._InferenceMode(arg0: bool)\n\nInvoked with: ${typeof mode === 'string' ? `'${mode}'` : String(mode)}`);
  }
  if (!mode) return body();
  inferenceDepth++;
  try {
    return withGradMode(false, body);
  } finally {
    inferenceDepth--;
  }
}

/**
 * Whether inference_mode is on.
 * @example
 * console.log(torch.is_inference_mode_enabled(), torch.inference_mode(() => torch.is_inference_mode_enabled())); // false true
 */
export function is_inference_mode_enabled(): boolean { return inferenceDepth > 0; }

function withGradMode<T>(on: boolean, fn: () => T): T {
  const was = isGradEnabled();
  setGradEnabled(on);
  try {
    return fn();
  } finally {
    setGradEnabled(was);
  }
}
