// torch.autograd.gradcheck and gradgradcheck: PyTorch's slow (full Jacobian) check. The
// numerical Jacobian perturbs each element of each input that requires grad by ±eps and takes
// central differences; the analytical one is built row by row by autograd.grad with one-hot
// grad_outputs, twice (the reentrancy check). Both are kept as JS numbers, so a check leaves no
// tensor behind; tensors are made only to print a mismatch as PyTorch prints it.
//
// Where this differs from PyTorch (docs/api.md lists it): a perturbed input is passed to `func`
// as a new tensor with the perturbed values (PyTorch writes through `.data`, which here would
// copy), so `func` must use its arguments rather than capture the inputs; the engine has no
// undefined gradients, so check_undefined_grad checks what an undefined gradient means here,
// all-zero grad_outputs; fast mode, forward AD and batched (vmap) checks raise NotImplementedError.

import { DType } from '../abi/abi.js';
import { Tensor } from './tensor.js';
import { RuntimeError, NotImplementedError, TypeError, ValueError, AssertionError } from './errors.js';
import { grad } from './autograd.js';
import { tidy } from './memory.js';
import { rand } from './creation.js';
import { warnOnce } from './nn/warn.js';
import { pyFloat } from './nn/layers.js';
import { pyType } from './args.js';

/**
 * The error gradcheck and gradgradcheck raise when a check fails (a RuntimeError, as
 * PyTorch's torch.autograd.gradcheck.GradcheckError).
 * @example
 * try { torch.autograd.gradcheck(f, [x]); } catch (e) { if (e instanceof torch.autograd.GradcheckError) console.log(e.message); }
 */
export class GradcheckError extends RuntimeError {
  override name = 'GradcheckError';
}

/** gradcheck's keyword arguments (PyTorch 2's names and defaults). */
export interface GradcheckOptions {
  eps?: number; atol?: number; rtol?: number; raise_exception?: boolean; nondet_tol?: number;
  check_undefined_grad?: boolean; check_grad_dtypes?: boolean; check_batched_grad?: boolean;
  check_batched_forward_grad?: boolean; check_forward_ad?: boolean; check_backward_ad?: boolean;
  fast_mode?: boolean; masked?: boolean | null;
}

/** gradgradcheck's keyword arguments (PyTorch 2's names and defaults). */
export interface GradgradcheckOptions {
  eps?: number; atol?: number; rtol?: number; gen_non_contig_grad_outputs?: boolean; raise_exception?: boolean;
  nondet_tol?: number; check_undefined_grad?: boolean; check_grad_dtypes?: boolean; check_batched_grad?: boolean;
  check_fwd_over_rev?: boolean; check_rev_over_rev?: boolean; fast_mode?: boolean;
}

type Func = (...args: any[]) => Tensor | readonly Tensor[];
type Inputs = Tensor | readonly unknown[];

const GRADCHECK_DEFAULTS = {
  eps: 1e-6, atol: 1e-5, rtol: 1e-3, raise_exception: true, nondet_tol: 0, check_undefined_grad: true,
  check_grad_dtypes: false, check_batched_grad: false, check_batched_forward_grad: false, check_forward_ad: false,
  check_backward_ad: true, fast_mode: false, masked: null as boolean | null,
};
const GRADGRADCHECK_DEFAULTS = {
  eps: 1e-6, atol: 1e-5, rtol: 1e-3, gen_non_contig_grad_outputs: false, raise_exception: true, nondet_tol: 0,
  check_undefined_grad: true, check_grad_dtypes: false, check_batched_grad: false, check_fwd_over_rev: false,
  check_rev_over_rev: true, fast_mode: false,
};

/** The options over the defaults, with Python's error for a keyword the function does not take. */
function keywords<D extends object>(fn: string, defaults: D, options: object): D {
  for (const k of Object.keys(options)) {
    if (!(k in defaults)) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
  }
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...defaults, ...given };
}

/** Python's `assert cond, message`. */
function assert(cond: boolean, message: string): void {
  if (!cond) throw new AssertionError(message);
}

/** A check wasmgrad does not have: refused rather than skipped. */
function refuse(on: unknown, what: string): void {
  if (on) throw new NotImplementedError(`wasmgrad: gradcheck with ${what} is not supported yet`);
}

/** PyTorch's _as_tuple: a tensor (or any non-sequence) alone, a sequence as it is. */
const asTuple = (x: unknown): unknown[] => (Array.isArray(x) ? [...x] : [x]);

const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
const isFloat = (t: Tensor): boolean => t._dtype === DType.Float32 || t._dtype === DType.Float64;

/** The outputs of func that require grad (PyTorch's _differentiable_outputs). */
function differentiable(out: unknown): Tensor[] {
  return asTuple(out).filter((o) => {
    if (!isTensor(o)) throw new TypeError(`'${pyType(o)}' object has no attribute 'requires_grad'`);
    return o.requires_grad;
  }) as Tensor[];
}

/** The values of a tensor as float64 numbers, in row-major order. */
const valuesOf = (t: Tensor): Float64Array => Float64Array.from(t.dataSync() as ArrayLike<number>);

const sizeStr = (t: Tensor): string => `torch.Size([${t._shape.join(', ')}])`;

/** PyTorch's _check_inputs: the float64 warning, overlapping inputs, at least one input requiring grad. */
function checkInputs(tupled: unknown[]): void {
  let any = false;
  tupled.forEach((inp, idx) => {
    if (!isTensor(inp) || !inp.requires_grad) return;
    if (inp._dtype !== DType.Float64) {
      warnOnce(`Input #${idx} requires gradient and is not a double precision floating point or complex. ` +
        'This check will likely fail if all the inputs are not of double precision floating point or complex. ');
    }
    if (inp._strides && inp._strides.some((st, d) => st <= 0 && inp._shape[d] > 1)) {
      throw new RuntimeError(`The ${idx}th input has a dimension with stride 0. gradcheck only supports inputs that ` +
        'are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous ' +
        'on the input before passing it to gradcheck.');
    }
    any = true;
  });
  if (!any) {
    throw new ValueError('gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.');
  }
}

/** A new leaf like `t` holding `values` (the perturbed input passed to func). */
function like(t: Tensor, values: Float64Array, requiresGrad: boolean): Tensor {
  const out = new Tensor(t._dev, t._dev.fromData(values, t._shape.slice(), t._dtype), t._shape.slice(), t._dtype);
  return requiresGrad ? out.requires_grad_() : out;
}

/** A Jacobian as PyTorch lays it out: (numel of the input, numel of the output), row-major. */
interface Jacobian { rows: number; cols: number; data: Float64Array; dtype: DType }

/**
 * The numerical Jacobians of func's float outputs with respect to input k (PyTorch's
 * get_numerical_jacobian_wrt_specific_input): central differences, computed in the output's
 * dtype, of func at the input with one element moved by −eps and +eps.
 */
function numericalJacobians(func: Func, tupled: unknown[], k: number, outs: Tensor[], eps: number): Jacobian[] {
  const x = tupled[k] as Tensor;
  const base = valuesOf(x);
  const f32 = x._dtype === DType.Float32;
  const delta = f32 ? Math.fround(eps) : eps;
  const floats = outs.filter(isFloat);
  const jac = floats.map((o) => ({ rows: base.length, cols: o.numel(), data: new Float64Array(base.length * o.numel()), dtype: o._dtype }));
  for (let d = 0; d < base.length; d++) {
    const at = (sign: number): { values: Float64Array[]; shapes: string[] } => tidy(() => {
      const moved = base.slice();
      moved[d] = base[d] + sign * delta;
      const args = tupled.map((a, i) => (i === k ? like(x, moved, x.requires_grad) : a));
      const o = asTuple(func(...args)).filter((t) => isTensor(t) && isFloat(t)) as Tensor[];
      return { values: o.map(valuesOf), shapes: o.map(sizeStr) };
    });
    const a = at(-1), b = at(1);
    a.shapes.forEach((sa, i) => {
      // "{idx}" as PyTorch prints it: its on_index string is not an f-string
      assert(sa === b.shapes[i], 'Expected `func` to return outputs with the same shape when inputs are perturbed ' +
        `on index {idx} by ${pyFloat(eps)}, but got: shapes ${sa} and ${b.shapes[i]}.`);
      const va = a.values[i], vb = b.values[i], j = jac[i];
      for (let e = 0; e < va.length; e++) {
        j.data[d * j.cols + e] = j.dtype === DType.Float32
          ? Math.fround(Math.fround(vb[e] - va[e]) / Math.fround(2 * eps)) : (vb[e] - va[e]) / (2 * eps);
      }
    });
  }
  return jac;
}

/** The analytical Jacobians of output o with respect to each input, row j from autograd.grad with grad_output e_j. */
function analyticalJacobians(o: Tensor, diffInputs: Tensor[]): Jacobian[] {
  const jac = diffInputs.map((x) => ({ rows: x.numel(), cols: o.numel(), data: new Float64Array(x.numel() * o.numel()), dtype: x._dtype }));
  const n = o.numel();
  for (let j = 0; j < n; j++) {
    tidy(() => {
      const onehot = new Float64Array(n);
      onehot[j] = 1;
      const gs = grad(o, diffInputs, { grad_outputs: [like(o, onehot, false)], retain_graph: true, allow_unused: true });
      gs.forEach((g, i) => {
        if (!g) return;
        const v = valuesOf(g), J = jac[i];
        for (let r = 0; r < v.length; r++) J.data[r * J.cols + j] = v[r];
      });
    });
  }
  return jac;
}

const FAILED_NONDET_MSG = `

NOTE: If your op relies on non-deterministic operations i.e., it is listed here:
https://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html
this failure might be expected.

If you are adding a new operator, please file an issue and then use one of the
workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.
If the test
- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck
  with \`nondet_tol=<tol>\` as a keyword argument.
- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test
  to have \`gradcheck_nondet_tol=<tol>\`.
- is a Module test (e.g., in common_nn.py), then modify the corresponding
  module_test entry to have \`gradcheck_nondet_tol=<tol>\`
`;

/** PyTorch's _check_analytical_jacobian_attributes: the Jacobian, computed twice, must be the same within nondet_tol. */
function checkedAnalytical(o: Tensor, diffInputs: Tensor[], nondetTol: number): Jacobian[] {
  const j1 = analyticalJacobians(o, diffInputs), j2 = analyticalJacobians(o, diffInputs);
  const reentrant = j1.every((J, i) => J.data.every((v, e) => !(Math.abs(v - j2[i].data[e]) > nondetTol)));
  if (!reentrant) {
    throw new GradcheckError('Backward is not reentrant, i.e., running backward with same input and grad_output multiple ' +
      'times gives different values, although analytical gradient matches numerical gradient.' +
      `The tolerance for nondeterminism was ${pyFloat(nondetTol)}.` + FAILED_NONDET_MSG);
  }
  return j1;
}

/** torch.allclose(a, b, rtol, atol) on the values: equal infinities are close, NaN never is. */
function allclose(a: Float64Array, b: Float64Array, rtol: number, atol: number): boolean {
  return a.every((x, i) => x === b[i] || (Number.isFinite(x) && Number.isFinite(b[i]) && Math.abs(x - b[i]) <= atol + rtol * Math.abs(b[i])));
}

/** A Jacobian as a tensor on `dev`, printed in a mismatch message. */
function show(J: Jacobian, like0: Tensor): string {
  return tidy(() => `${new Tensor(like0._dev, like0._dev.fromData(J.data, [J.rows, J.cols], J.dtype), [J.rows, J.cols], J.dtype)}`);
}

/** PyTorch's _slow_gradcheck for real inputs and outputs. */
function slowGradcheck(func: Func, funcOut: unknown, tupled: unknown[], outputs: Tensor[], o: typeof GRADCHECK_DEFAULTS): void {
  const all = asTuple(funcOut).filter(isTensor);
  const diffIdx = tupled.flatMap((a, i) => (isTensor(a) && a.requires_grad ? [i] : []));
  const numerical = diffIdx.map((k) => numericalJacobians(func, tupled, k, all, o.eps));
  if (!outputs.length) {
    if (numerical.some((per) => per.some((J) => J.data.some((v) => v !== 0)))) {
      throw new GradcheckError('Numerical gradient for function expected to be zero');
    }
    return;
  }
  const floats = all.filter(isFloat);
  const diffInputs = diffIdx.map((k) => tupled[k] as Tensor);
  outputs.forEach((out, i) => {
    const n = floats.indexOf(out);
    const analytical = checkedAnalytical(out, diffInputs, o.nondet_tol);
    analytical.forEach((a, j) => {
      const num = numerical[j][n];
      if (!allclose(a.data, num.data, o.rtol, o.atol)) {
        throw new GradcheckError(`Jacobian mismatch for output ${i} with respect to input ${j},\n` +
          `numerical:${show(num, out)}\nanalytical:${show(a, out)}\n`);
      }
    });
  });
}

/** PyTorch's _test_backward_mul_by_grad_output: all-zero grad_outputs give all-zero gradients, of the input's dtype and size. */
function checkMulByGradOutput(outputs: Tensor[], diffInputs: Tensor[]): void {
  if (!outputs.length) return;
  tidy(() => {
    const gs = grad(outputs, diffInputs, { grad_outputs: outputs.map((t) => like(t, new Float64Array(t.numel()), false)), allow_unused: true });
    gs.forEach((gi, i) => {
      if (!gi) return;
      if (valuesOf(gi).some((v) => v !== 0)) throw new GradcheckError('backward not multiplied by grad_output');
      if (gi._dtype !== diffInputs[i]._dtype) throw new GradcheckError('grad is incorrect type');
      if (gi._shape.join() !== diffInputs[i]._shape.join()) throw new GradcheckError('grad is incorrect size');
    });
  });
}

/**
 * PyTorch's _test_undefined_backward_mode, with all-zero grad_outputs standing for undefined
 * ones (the engine materializes an undefined gradient as zeros): backward must run and give zeros.
 */
function checkUndefinedGrad(func: Func, tupled: unknown[], diffInputs: Tensor[]): void {
  const warnBC = (): void => warnOnce('Backwards compatibility: New undefined gradient support checking feature is enabled by ' +
    'default, but it may break existing callers of this function. If this is true for you, you can call this function with ' +
    '"check_undefined_grad=False" to disable the feature');
  tidy(() => {
    const outs = differentiable(func(...tupled));
    if (!outs.length) return;
    let gs: (Tensor | null)[];
    try {
      gs = grad(outs, diffInputs, { grad_outputs: outs.map((t) => like(t, new Float64Array(t.numel()), false)), allow_unused: true });
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      warnBC();
      throw new GradcheckError('Expected backward function to handle undefined output grads. Please look at "Notes about ' +
        'undefined output gradients" in "tools/autograd/derivatives.yaml"');
    }
    if (gs.some((g) => g && valuesOf(g).some((v) => v !== 0))) {
      warnBC();
      throw new GradcheckError('Expected all input grads to be undefined or zero when all output grads are undefined or zero. ' +
        'Please look at "Notes about undefined output gradients" in "tools/autograd/derivatives.yaml"');
    }
  });
}

/** PyTorch's _gradcheck_helper. */
function gradcheckHelper(func: Func, inputs: Inputs, o: typeof GRADCHECK_DEFAULTS): boolean {
  const tupled = asTuple(inputs);
  checkInputs(tupled);
  return tidy(() => {
    const funcOut = func(...tupled);
    const outputs = differentiable(funcOut);
    slowGradcheck(func, funcOut, tupled, outputs, o);
    const diffInputs = tupled.filter((a): a is Tensor => isTensor(a) && a.requires_grad);
    checkMulByGradOutput(outputs, diffInputs);
    if (o.check_undefined_grad) checkUndefinedGrad(func, tupled, diffInputs);
    return true;
  });
}

/**
 * Checks the gradients of `func` at `inputs` against finite differences, as
 * torch.autograd.gradcheck: every element of every input that requires grad is moved by
 * ±eps, and the numerical Jacobian must match autograd's within atol + rtol·|numerical|.
 * Returns true, or raises GradcheckError with PyTorch's message (returns false with
 * raise_exception: false). Inputs should be float64 (PyTorch warns otherwise).
 * @example
 * const x = torch.randn([3], { dtype: torch.float64, requires_grad: true });
 * console.log(torch.autograd.gradcheck((t) => t.sin().mul(t), [x])); // true
 */
export function gradcheck(func: Func, inputs: Inputs, options: GradcheckOptions = {}): boolean {
  const o = keywords('gradcheck', GRADCHECK_DEFAULTS, options);
  assert(o.check_forward_ad || o.check_backward_ad, 'Expected at least one of check_forward_ad or check_backward_ad to be True');
  assert(!(o.check_batched_grad && !o.check_backward_ad), 'Setting check_batched_grad=True requires check_backward_ad to be True');
  assert(!(o.check_batched_forward_grad && !o.check_forward_ad),
    'Setting check_batched_forward_grad=True requires check_forward_ad to be True');
  refuse(o.check_forward_ad, 'check_forward_ad=True (forward-mode AD)');
  refuse(o.check_batched_grad || o.check_batched_forward_grad, 'batched gradients (vmap)');
  refuse(o.fast_mode, 'fast_mode=True');
  refuse(o.masked, 'masked=True (sparse inputs)');
  try {
    return gradcheckHelper(func, inputs, o);
  } catch (e) {
    if (!o.raise_exception && e instanceof GradcheckError) return false;
    throw e;
  }
}

/**
 * Checks second derivatives, as torch.autograd.gradgradcheck: gradcheck of the function that
 * maps (inputs, grad_outputs) to the gradients of `func` computed with create_graph: true.
 * Without grad_outputs, random ones in [−1, 1) are drawn, as PyTorch's.
 * @example
 * const x = torch.randn([3], { dtype: torch.float64, requires_grad: true });
 * const ok = torch.autograd.gradgradcheck((t: torch.Tensor) => t.pow(3), [x]); // true
 */
export function gradgradcheck(
  func: Func, inputs: Inputs, grad_outputs?: Tensor | readonly Tensor[] | null, options: GradgradcheckOptions = {},
): boolean {
  const o = keywords('gradgradcheck', GRADGRADCHECK_DEFAULTS, options);
  assert(o.check_fwd_over_rev || o.check_rev_over_rev, 'Expected at least one of check_fwd_over_rev or check_rev_over_rev to be True');
  assert(!(o.check_undefined_grad && !o.check_rev_over_rev), 'Setting check_undefined_grad=True requires check_rev_over_rev to be True');
  assert(!(o.check_batched_grad && !o.check_rev_over_rev), 'Setting check_batched_grad=True requires check_rev_over_rev to be True');
  refuse(o.check_fwd_over_rev, 'check_fwd_over_rev=True (forward-mode AD)');
  refuse(o.gen_non_contig_grad_outputs, 'gen_non_contig_grad_outputs=True');
  const tupledInputs = asTuple(inputs);
  const tupledGradOutputs: Tensor[] = grad_outputs === undefined || grad_outputs === null
    // uniform in [-1, 1) as torch.testing.make_tensor draws them (from the float32 stream: rand refuses float64)
    ? differentiable(func(...tupledInputs)).map((x) => rand(x._shape.slice(), { device: x.device }).to(x.dtype).mul(2).sub(1).requires_grad_())
    : asTuple(grad_outputs) as Tensor[];
  const n = tupledGradOutputs.length;
  const diffInputArgs = new Set(tupledInputs.flatMap((x, i) => (isTensor(x) && x.requires_grad ? [i] : [])));
  const diffGradOutputs = new Set(tupledGradOutputs.flatMap((x, i) => (x.requires_grad ? [i] : [])));
  const newFunc = (...args: unknown[]): Tensor[] => {
    const inputArgs = args.slice(0, args.length - n).map((x, i) => (diffInputArgs.has(i) ? (x as Tensor).requires_grad_() : x));
    const outputs = differentiable(func(...inputArgs));
    const gos = args.slice(args.length - n).map((x, i) => (diffGradOutputs.has(i) ? (x as Tensor).requires_grad_() : x)) as Tensor[];
    const diff = inputArgs.filter((_, i) => diffInputArgs.has(i)) as Tensor[];
    const gradInputs = grad(outputs, diff, { grad_outputs: gos, create_graph: true, allow_unused: true });
    return gradInputs.filter((g): g is Tensor => g !== null);
  };
  return gradcheck(newFunc, [...tupledInputs, ...tupledGradOutputs], {
    eps: o.eps, atol: o.atol, rtol: o.rtol, raise_exception: o.raise_exception, nondet_tol: o.nondet_tol,
    check_undefined_grad: o.check_undefined_grad, check_grad_dtypes: o.check_grad_dtypes,
    check_batched_grad: o.check_batched_grad, fast_mode: o.fast_mode, check_forward_ad: o.check_fwd_over_rev,
    check_backward_ad: o.check_rev_over_rev,
  });
}
