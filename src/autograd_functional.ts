// torch.autograd.functional: jacobian, hessian, vjp, jvp, hvp and vhp over autograd.grad, as
// PyTorch's (reverse mode, one autograd.grad per row; jvp and hvp by the double-backward trick).
// A JS array plays Python's tuple: results are arrays where PyTorch returns tuples, single
// tensors where PyTorch unpacks them (inputs or outputs given as one tensor). vectorize=True and
// the forward-mode strategies need vmap and forward AD, which wasmgrad does not have.

import { Tensor } from './tensor.js';
import { RuntimeError, NotImplementedError, TypeError, AssertionError } from './errors.js';
import { grad, enable_grad, is_grad_enabled, set_grad_enabled } from './autograd.js';
import { zeros_like, eye } from './creation.js';
import { stack } from './ops/shape.js';
import { pyType } from './args.js';

type Tensors = Tensor | readonly Tensor[];
/** What these functions return where PyTorch returns a Tensor, a tuple of them, or a tuple of tuples. */
export type Nested = Tensor | Nested[];
/** A result shaped as X, as PyTorch unpacks it: a tensor for a tensor, an array for a tuple (array). */
export type Like<X> = X extends Tensor ? Tensor : Tensor[];
/** A result indexed by two tuples: jacobian's (outputs, then inputs), hessian's (inputs, twice). */
export type Like2<A, B> = A extends Tensor ? Like<B> : B extends Tensor ? Tensor[] : Tensor[][];
type Func<O extends Tensors = Tensors> = (...inputs: Tensor[]) => O;

/** `<class 'int'>`: Python's type() of a value, a JS array taken as a tuple. */
const classOf = (v: unknown): string => `<class '${Array.isArray(v) ? 'tuple' : pyType(v) === 'Tensor' ? 'torch.Tensor' : pyType(v)}'>`;

/** PyTorch's _as_tuple with its argument check: whether x was a tuple, and its tensors. */
function asTuple(x: unknown, argName: string, fnName: string): [boolean, Tensor[]] {
  const isTuple = Array.isArray(x);
  const list: unknown[] = isTuple ? [...x] : [x];
  list.forEach((el, i) => {
    if (el instanceof Tensor) return;
    throw new TypeError(`The ${argName} given to ${fnName} must be either a Tensor or a tuple of Tensors but the` +
      (isTuple ? ` value at index ${i} has type ${classOf(el)}.` : ` given ${argName} has type ${classOf(el)}.`));
  });
  return [isTuple, list as Tensor[]];
}

/** PyTorch's _tuple_postprocess: unpacks the one-element tuples the inputs (and outputs) were wrapped in. */
function untuple(res: Nested[], isTuple: boolean | [boolean, boolean]): Nested {
  if (Array.isArray(isTuple)) {
    if (!isTuple[1]) res = res.map((el) => (el as Nested[])[0]);
    return isTuple[0] ? res : res[0];
  }
  return isTuple ? res : res[0];
}

/**
 * PyTorch's _grad_preprocess: new tensor objects for the inputs, so the function's own uses of
 * them are told apart from captured ones: a view in the graph with create_graph, else a detached leaf.
 */
function preprocess(inputs: Tensor[], createGraph: boolean, needGraph: boolean): Tensor[] {
  return inputs.map((t) => (createGraph && t.requires_grad ? t.view(t._shape.slice()) : t.detach().requires_grad_(needGraph)));
}

/** PyTorch's _grad_postprocess: results without history unless create_graph. */
function postprocess(xs: Nested[], createGraph: boolean): Nested[] {
  return xs.map((x) => (x instanceof Tensor ? (createGraph ? x : x.detach()) : postprocess(x, createGraph)));
}

/** PyTorch's _validate_v: one v per tensor, of its size. */
function validateV(v: Tensor[], other: Tensor[], isOtherTuple: boolean): void {
  if (v.length !== other.length) {
    throw new RuntimeError(isOtherTuple ? `v is a tuple of invalid length: should be ${other.length} but got ${v.length}.`
      : 'The given v should contain a single Tensor.');
  }
  v.forEach((el, idx) => {
    if (el._shape.join() === other[idx]._shape.join()) return;
    const size = (t: Tensor): string => `torch.Size([${t._shape.join(', ')}])`;
    throw new RuntimeError(`${isOtherTuple ? `Entry ${idx} in ` : ''}v has invalid size: should be ${size(other[idx])} but got ${size(el)}.`);
  });
}

type InputType = 'outputs' | 'grad_inputs' | 'jacobian' | 'hessian';
const notRequiringGrad: Record<InputType, (i: number) => string> = {
  hessian: (i) => `The hessian of the user-provided function with respect to input ${i} is independent of the input. This is not ` +
    'allowed in strict mode. You should ensure that your function is thrice differentiable and that the hessian depends on the inputs.',
  jacobian: (i) => 'While computing the hessian, found that the jacobian of the user-provided function with respect to input ' +
    `${i} is independent of the input. This is not allowed in strict mode. You should ensure that your function is twice ` +
    'differentiable and that the jacobian depends on the inputs (this would be violated by a linear function for example).',
  grad_inputs: (i) => `The gradient with respect to input ${i} is independent of the inputs of the user-provided function. ` +
    'This is not allowed in strict mode.',
  outputs: (i) => `Output ${i} of the user-provided function does not require gradients. The outputs must be computed in a ` +
    'differentiable manner from the input when running in strict mode.',
};

/** PyTorch's _check_requires_grad: strict mode's errors. */
function checkRequiresGrad(xs: readonly (Tensor | null)[], inputType: InputType, strict: boolean): void {
  if (!strict) return;
  xs.forEach((x, i) => {
    if (x === null) {
      throw new RuntimeError(`The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
    }
    if (!x.requires_grad) throw new RuntimeError(notRequiringGrad[inputType](i));
  });
}

/** PyTorch's _autograd_grad: autograd.grad over the outputs that require grad, null for every input when none does. */
function autogradGrad(
  outputs: readonly (Tensor | null)[], inputs: Tensor[], gradOutputs: readonly (Tensor | null)[] | null,
  createGraph: boolean, retainGraph?: boolean,
): (Tensor | null)[] {
  const keep = outputs.flatMap((o, i) => (o !== null && o.requires_grad ? [i] : []));
  if (!keep.length) return inputs.map(() => null);
  return grad(keep.map((i) => outputs[i]!), inputs, {
    grad_outputs: keep.map((i) => gradOutputs?.[i] ?? null), allow_unused: true, create_graph: createGraph,
    retain_graph: retainGraph,
  });
}

type Stage = 'back' | 'back_trick' | 'double_back' | 'double_back_trick';
const independent: Record<Stage, (i: number) => string> = {
  back: (i) => `The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`,
  back_trick: (i) => `The gradient with respect to the input is independent of entry ${i} in the grad_outputs when using the ` +
    'double backward trick to compute forward mode gradients. This is not allowed in strict mode.',
  double_back: (i) => `The jacobian of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`,
  double_back_trick: (i) => `The hessian of the user-provided function is independent of entry ${i} in the grad_jacobian. This is ` +
    'not allowed in strict mode as it prevents from using the double backward trick to replace forward mode AD.',
};

/** PyTorch's _fill_in_zeros: zeros for the missing gradients, or strict mode's errors. */
function fillInZeros(grads: (Tensor | null)[], refs: Tensor[], strict: boolean, createGraph: boolean, stage: Stage): Tensor[] {
  return grads.map((g, i) => {
    if (g === null) {
      if (strict) throw new RuntimeError(independent[stage](i));
      return zeros_like(refs[i]);
    }
    if (strict && createGraph && !g.requires_grad) {
      throw new RuntimeError(`The ${stage.includes('double') ? 'hessian' : 'jacobian'} of the user-provided function is independent ` +
        `of input ${i}. This is not allowed in strict mode when create_graph=True.`);
    }
    return g;
  });
}

/** The v argument checked (or its absence: only for a single one-element tensor). */
function vectorOf(v: Tensors | null | undefined, fn: string, other: Tensor[], isOtherTuple: boolean, createGraph: boolean, noneMessage: string): Tensor[] | null {
  if (v !== undefined && v !== null) {
    const vs = preprocess(asTuple(v, 'v', fn)[1], createGraph, false);
    validateV(vs, other, isOtherTuple);
    return vs;
  }
  if (other.length !== 1 || other[0].numel() !== 1) throw new RuntimeError(noneMessage);
  return null;
}

/** The second pass of vjp, vhp, hvp and jvp: with grad recording on when create_graph, else as it was. */
const secondPass = <T>(createGraph: boolean, fn: () => T): T => set_grad_enabled(createGraph || is_grad_enabled(), fn);

interface Flags { create_graph?: boolean; strict?: boolean }

/**
 * The vector-Jacobian product vᵀ·J of `func` at `inputs`, as torch.autograd.functional.vjp:
 * `[func(inputs), vjp]`, each a tensor or an array as `func`'s output and `inputs` are.
 * @example
 * const [out, g] = torch.autograd.functional.vjp((x: torch.Tensor) => x.exp().sum(1), torch.rand(4, 4), torch.ones(4));
 */
export function vjp<O extends Tensors, I extends Tensors>(func: Func<O>, inputs: I, v?: Tensors | null, options: Flags = {}): [Like<O>, Like<I>] {
  const { create_graph = false, strict = false } = options;
  const [isInputsTuple, ins, isOutputsTuple, outputs, vs] = enable_grad(() => {
    const [isIn, raw] = asTuple(inputs, 'inputs', 'vjp');
    const pre = preprocess(raw, create_graph, true);
    const [isOut, outs] = asTuple(func(...pre), 'outputs of the user-provided function', 'vjp');
    checkRequiresGrad(outs, 'outputs', strict);
    const vv = vectorOf(v, 'vjp', outs, isOut, create_graph,
      'The vector v can only be None if the user-provided function returns a single Tensor with a single element.');
    return [isIn, pre, isOut, outs, vv] as const;
  });
  const res = secondPass(create_graph, () => fillInZeros(autogradGrad(outputs, ins, vs, create_graph), ins, strict, create_graph, 'back'));
  return [untuple(postprocess(outputs, create_graph), isOutputsTuple), untuple(postprocess(res, create_graph), isInputsTuple)] as [Like<O>, Like<I>];
}

/**
 * The Jacobian-vector product J·v of `func` at `inputs`, as torch.autograd.functional.jvp (by
 * the double-backward trick, so it needs create_graph support in func's ops):
 * `[func(inputs), jvp]`, jvp shaped as the outputs.
 * @example
 * const [out, jv] = torch.autograd.functional.jvp((x: torch.Tensor) => x.pow(2), torch.tensor([1, 2]), torch.ones(2));
 */
export function jvp<O extends Tensors>(func: Func<O>, inputs: Tensors, v?: Tensors | null, options: Flags = {}): [Like<O>, Like<O>] {
  const { create_graph = false, strict = false } = options;
  const [isOutputsTuple, outputs, vs, gradOutputs, gradInputs] = enable_grad(() => {
    const [isIn, raw] = asTuple(inputs, 'inputs', 'jvp');
    const pre = preprocess(raw, create_graph, true);
    const vv = vectorOf(v, 'jvp', pre, isIn, create_graph,
      'The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.');
    const [isOut, outs] = asTuple(func(...pre), 'outputs of the user-provided function', 'jvp');
    checkRequiresGrad(outs, 'outputs', strict);
    // backward is linear in grad_outputs: their value never reaches the double-backward graph
    const gos = outs.map((o) => zeros_like(o, { requires_grad: true }));
    const gis = autogradGrad(outs, pre, gos, true);
    checkRequiresGrad(gis, 'grad_inputs', strict);
    return [isOut, outs, vv, gos, gis] as const;
  });
  const pass = (): Tensor[] => fillInZeros(autogradGrad(gradInputs, gradOutputs, vs, create_graph), outputs, strict, create_graph, 'back_trick');
  const res = create_graph ? enable_grad(pass) : pass();
  return [untuple(postprocess(outputs, create_graph), isOutputsTuple), untuple(postprocess(res, create_graph), isOutputsTuple)] as [Like<O>, Like<O>];
}

interface JacobianOptions extends Flags { vectorize?: boolean; strategy?: 'reverse-mode' | 'forward-mode' }

/**
 * The Jacobian of `func` at `inputs`, as torch.autograd.functional.jacobian (reverse mode, one
 * backward per output element): a tensor of shape output.shape + input.shape, or arrays of
 * them, per output then per input, where `func` returns an array or `inputs` is one.
 * @example
 * const J = torch.autograd.functional.jacobian((x: torch.Tensor) => x.exp(), torch.tensor([0, 1])); // diag(1, e)
 */
export function jacobian<O extends Tensors, I extends Tensors>(func: Func<O>, inputs: I, options: JacobianOptions = {}): Like2<O, I> {
  const { create_graph = false, strict = false, vectorize = false, strategy = 'reverse-mode' } = options;
  if (strategy !== 'forward-mode' && strategy !== 'reverse-mode') {
    throw new AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function has more ' +
      'outputs than inputs, "forward-mode" tends to be more performant. Otherwise, prefer to use "reverse-mode".');
  }
  if (strategy === 'forward-mode') {
    if (create_graph) {
      throw new NotImplementedError('torch.autograd.functional.jacobian: `create_graph=True` and `strategy="forward-mode"` are not ' +
        'supported together (yet). Please either set `create_graph=False` or `strategy="reverse-mode"`.');
    }
    if (strict) {
      throw new RuntimeError('torch.autograd.functional.jacobian: `strict=True` and `strategy="forward-mode"` are not supported ' +
        'together (yet). Please either set `strict=False` or `strategy="reverse-mode"`.');
    }
    if (!vectorize) {
      throw new NotImplementedError('Computing Jacobian using forward-AD or forward-over-reverse Hessian is' +
        'only implemented for `vectorize=True`.');
    }
    throw new NotImplementedError('wasmgrad: jacobian with strategy="forward-mode" (forward AD and vmap) is not supported yet');
  }
  return enable_grad(() => {
    const [isInputsTuple, raw] = asTuple(inputs, 'inputs', 'jacobian');
    const ins = preprocess(raw, create_graph, true);
    const [isOutputsTuple, outputs] = asTuple(func(...ins), 'outputs of the user-provided function', 'jacobian');
    checkRequiresGrad(outputs, 'outputs', strict);
    if (vectorize) {
      if (strict) {
        throw new RuntimeError('torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are not supported together. ' +
          'Please either set `strict=False` or `vectorize=False`.');
      }
      throw new NotImplementedError('wasmgrad: jacobian with vectorize=True (vmap) is not supported yet');
    }
    const jac = outputs.map((out, i) => {
      const rows: Tensor[][] = ins.map(() => []);
      // row j is the gradient of out against the j-th one-hot (PyTorch differentiates out.reshape(-1)[j],
      // whose SelectBackward0 would then have to record itself under create_graph)
      const basis = eye(out.numel(), { dtype: out.dtype, device: out.device });
      for (let j = 0; j < out.numel(); j++) {
        const vj = autogradGrad([out], ins, [basis.select(0, j).view(out._shape)], create_graph, true);
        vj.forEach((g, k) => {
          if (g !== null) {
            if (strict && create_graph && !g.requires_grad) {
              throw new RuntimeError(`The jacobian of the user-provided function is independent of input ${i}. This is not allowed ` +
                'in strict mode when create_graph=True.');
            }
            rows[k].push(g);
          } else {
            if (strict) {
              throw new RuntimeError(`Output ${i} of the user-provided function is independent of input ${k}. This is not allowed ` +
                'in strict mode.');
            }
            rows[k].push(zeros_like(ins[k]));
          }
        });
      }
      return rows.map((r, k) => stack(r, 0).view([...out._shape, ...ins[k]._shape]));
    });
    return untuple(postprocess(jac, create_graph), [isOutputsTuple, isInputsTuple]) as Like2<O, I>;
  });
}

/**
 * The Hessian of a scalar `func` at `inputs`, as torch.autograd.functional.hessian (the
 * Jacobian of its Jacobian, so it needs create_graph support in func's ops).
 * @example
 * const H = torch.autograd.functional.hessian((x: torch.Tensor) => x.pow(3).sum(), torch.tensor([1, 2])); // diag(6, 12)
 */
export function hessian<I extends Tensors>(
  func: Func<Tensor>, inputs: I,
  options: Flags & { vectorize?: boolean; outer_jacobian_strategy?: 'reverse-mode' | 'forward-mode' } = {},
): Like2<I, I> {
  const { create_graph = false, strict = false, vectorize = false, outer_jacobian_strategy = 'reverse-mode' } = options;
  const [isInputsTuple, ins] = asTuple(inputs, 'inputs', 'hessian');
  if (outer_jacobian_strategy !== 'forward-mode' && outer_jacobian_strategy !== 'reverse-mode') {
    throw new AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".');
  }
  const single = (...inp: Tensor[]): Tensor => {
    const out = func(...inp);
    const [isOutTuple, tOut] = asTuple(out, 'outputs of the user-provided function', 'hessian');
    checkRequiresGrad(tOut, 'outputs', strict);
    if (isOutTuple) throw new RuntimeError('The function given to hessian should return a single Tensor');
    if (tOut[0].numel() !== 1) throw new RuntimeError('The Tensor returned by the function given to hessian should contain a single element');
    return tOut[0].squeeze();
  };
  const jacFunc = (...inp: Tensor[]): Tensor[] => {
    const jac = jacobian(single, inp, { create_graph: true });
    checkRequiresGrad(jac, 'jacobian', strict);
    return jac;
  };
  const res = jacobian(jacFunc, ins, { create_graph, strict, vectorize, strategy: outer_jacobian_strategy });
  return untuple(res, [isInputsTuple, isInputsTuple]) as Like2<I, I>;
}

/** What vhp and hvp share: inputs, v and the gradient of the scalar output, with create_graph. */
function firstGradient(func: Func, inputs: Tensors, v: Tensors | null | undefined, fn: 'vhp' | 'hvp', createGraph: boolean, strict: boolean) {
  const [isIn, raw] = asTuple(inputs, 'inputs', fn);
  const ins = preprocess(raw, createGraph, true);
  const vs = vectorOf(v, fn, ins, isIn, createGraph,
    'The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.');
  const [isOut, outs] = asTuple(func(...ins), 'outputs of the user-provided function', fn);
  checkRequiresGrad(outs, 'outputs', strict);
  if (isOut) throw new RuntimeError(`The function given to ${fn} should return a single Tensor`);
  if (outs[0].numel() !== 1) throw new RuntimeError(`The Tensor returned by the function given to ${fn} should contain a single element`);
  const jac = autogradGrad(outs, ins, null, true);
  checkRequiresGrad(jac, 'jacobian', strict);
  return { isIn, ins, vs, isOut, outs, jac };
}

/**
 * The vector-Hessian product vᵀ·H of a scalar `func`, as torch.autograd.functional.vhp:
 * `[func(inputs), vhp]` (needs create_graph support in func's ops).
 * @example
 * const [y, vh] = torch.autograd.functional.vhp((x: torch.Tensor) => x.pow(3).sum(), torch.tensor([1, 2]), torch.ones(2));
 */
export function vhp<I extends Tensors>(func: Func<Tensor>, inputs: I, v?: Tensors | null, options: Flags = {}): [Tensor, Like<I>] {
  const { create_graph = false, strict = false } = options;
  const { isIn, ins, vs, isOut, outs, jac } = enable_grad(() => firstGradient(func, inputs, v, 'vhp', create_graph, strict));
  const res = secondPass(create_graph, () => fillInZeros(autogradGrad(jac, ins, vs, create_graph), ins, strict, create_graph, 'double_back'));
  return [untuple(postprocess(outs, create_graph), isOut), untuple(postprocess(res, create_graph), isIn)] as [Tensor, Like<I>];
}

/**
 * The Hessian-vector product H·v of a scalar `func`, as torch.autograd.functional.hvp (by the
 * double-backward trick): `[func(inputs), hvp]` (needs create_graph support in func's ops).
 * @example
 * const [y, hv] = torch.autograd.functional.hvp((x: torch.Tensor) => x.pow(3).sum(), torch.tensor([1, 2]), torch.ones(2));
 */
export function hvp<I extends Tensors>(func: Func<Tensor>, inputs: I, v?: Tensors | null, options: Flags = {}): [Tensor, Like<I>] {
  const { create_graph = false, strict = false } = options;
  const { isIn, ins, vs, isOut, outs, gradJac, doubleBack } = enable_grad(() => {
    const first = firstGradient(func, inputs, v, 'hvp', create_graph, strict);
    const gj = first.ins.map((t) => zeros_like(t, { requires_grad: true }));
    const db = autogradGrad(first.jac, first.ins, gj, true);
    checkRequiresGrad(first.jac, 'hessian', strict);
    return { ...first, gradJac: gj, doubleBack: db };
  });
  const res = secondPass(create_graph,
    () => fillInZeros(autogradGrad(doubleBack, gradJac, vs, create_graph), ins, strict, create_graph, 'double_back_trick'));
  return [untuple(postprocess(outs, create_graph), isOut), untuple(postprocess(res, create_graph), isIn)] as [Tensor, Like<I>];
}
