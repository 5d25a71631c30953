// Runs one case of a PyTorch op fixture (ops.json, edges.json; the format is
// in the docstring of scripts/gen_fixtures.py) on a device: the output, the
// grad_fn name, and the gradient of (out · upstream).sum() for every tensor
// argument that requires grad.

import { expect } from 'vitest';
import { LegendrePolynomial3, MulAdd } from './custom_functions.js';
import { torch, fromFixture, expectClose, values, decodeNumber, type Device, type TensorFixture } from './torch.js';
import { tolerances, type Tolerance } from './tolerances.js';

export type Arg = number | boolean | string | null | number[] | { tensor: TensorFixture } | { list: Arg[] };
export interface OpCase {
  name: string; family: string; call: string; args: Arg[]; kwargs: Record<string, Arg>;
  out: TensorFixture | TensorFixture[]; grad_fn: string | null; upstream: TensorFixture | null;
  grads?: (TensorFixture | null)[]; list_grads?: (TensorFixture | null)[][];
  /** zeros must carry PyTorch's sign too (edges.json) */
  signed_zeros?: boolean;
  /**
   * a tolerance tighter than the family's for the outputs (edges.json); gradients keep the
   * family's, since near saturation they are differences of rounded values (sigmoid − 1)
   */
  tol?: Tolerance;
}

const F = torch.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>;
const T = torch as unknown as Record<string, (...a: unknown[]) => unknown>;

// JS has no operator overloading: Python's operators map to the functions they call
const dunder: Record<string, (a: unknown[]) => unknown> = {
  __add__: ([x, y]) => torch.add(x as never, y as never),
  __radd__: ([x, y]) => torch.add(y as never, x as never),
  __sub__: ([x, y]) => torch.sub(x as never, y as never),
  __rsub__: ([x, y]) => torch.sub(y as never, x as never),
  __mul__: ([x, y]) => torch.mul(x as never, y as never),
  __rmul__: ([x, y]) => torch.mul(y as never, x as never),
  __truediv__: ([x, y]) => torch.div(x as never, y as never),
  __rtruediv__: ([x, y]) => torch.div(y as never, x as never),
  __pow__: ([x, y]) => torch.pow(x as never, y as never),
  __rpow__: ([x, y]) => torch.pow(y as never, x as never),
  __neg__: ([x]) => torch.neg(x as never),
  __matmul__: ([x, y]) => torch.matmul(x as never, y as never),
  // x[index_key(spec)] in the fixture generator (gen_table_fixtures.py)
  __getitem_spec__: ([x, spec]) => (x as torch.Tensor).index(spec as never),
  // torch.autograd.Function cases (scripts/custom_functions.py)
  __legendre_p3__: ([x]) => LegendrePolynomial3.apply(x),
  __mul_add_fn__: ([x, y, alpha]) => MulAdd.apply(x, y, alpha),
};
// torch.pow(2, x) is PowBackward2; Python's 2 ** x goes through another overload (PowBackward1)
const nameDiffers = new Set(['Tensor.__rpow__']);
// cross_entropy with class probabilities, 'mean': ATen divides by a number with div.Scalar
// (DivBackward1); wasmgrad's x / c records DivBackward0, as Python's x / 2 does (docs/api.md)
const caseNameDiffers = new Set(['cross_entropy/probabilities mean', 'cross_entropy/probabilities smoothed mean float64',
  'cross_entropy/probabilities 3-D', 'cross_entropy/probabilities 1-D', 'cross_entropy/probabilities weight mean',
  'cross_entropy/probabilities 4-D weight smoothed mean float64', 'cross_entropy/probabilities negative ignore_index']);

const isTensorArg = (a: Arg): a is { tensor: TensorFixture } =>
  a !== null && typeof a === 'object' && !Array.isArray(a) && 'tensor' in a;
const isListArg = (a: Arg): a is { list: Arg[] } =>
  a !== null && typeof a === 'object' && !Array.isArray(a) && 'list' in a;

function decode(arg: Arg, device: Device, leaves: torch.Tensor[], given?: torch.Tensor[]): unknown {
  if (isTensorArg(arg)) {
    const t = given?.[leaves.length] ?? fromFixture(arg.tensor, device);
    leaves.push(t);
    return t;
  }
  if (isListArg(arg)) return arg.list.map((a) => decode(a, device, leaves, given));
  // non-finite numbers are written as strings ("nan", "inf", "-inf")
  if (arg === 'nan' || arg === 'inf' || arg === '-inf') return decodeNumber(arg);
  return arg;
}

function call(c: OpCase, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const withKw = Object.keys(kwargs).length ? [...args, kwargs] : args;
  const [ns, name, sub] = c.call.split('.');
  if (ns === 'torch') return sub ? (T[name] as unknown as typeof T)[sub](...withKw) : T[name](...withKw); // torch.linalg.cross too
  if (ns === 'F' && name === '__inplace__') {
    // F.name_(x.clone(), ...) (scripts/index_spec.py)
    const [x, fn, ...rest] = withKw as [torch.Tensor, string, ...unknown[]];
    return (F as unknown as Record<string, (...a: unknown[]) => unknown>)[fn](x.clone(), ...rest);
  }
  if (ns === 'F') return F[name](...withKw);
  if (name === '__inplace__') {
    // x.name_(...) on x.clone() (scripts/index_spec.py)
    const [x, method, ...rest] = withKw as [torch.Tensor, string, ...unknown[]];
    return (x.clone() as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...rest);
  }
  if (name === '__property__') {
    // x.T, x.mT (scripts/index_spec.py)
    const [x, prop] = args as [torch.Tensor, string];
    return (x as unknown as Record<string, unknown>)[prop];
  }
  if (name === '__transposed__') {
    // x.t().name(...) (scripts/index_spec.py)
    const [x, method, ...rest] = withKw as [torch.Tensor, string, ...unknown[]];
    return (x.t() as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...rest);
  }
  if (name.startsWith('__')) return dunder[name](args);
  const self = args[0] as unknown as Record<string, (...a: unknown[]) => unknown>;
  return self[name](...withKw.slice(1));
}

/** Every zero of `actual` has the sign of the zero PyTorch gave at that place. */
function expectZeroSigns(actual: torch.Tensor, expected: TensorFixture, what: string): void {
  const a = actual.dataSync(), e = values(expected);
  e.forEach((v, i) => {
    if (v === 0) expect(Object.is(a[i], -0), `${what}: element ${i} is ${Object.is(a[i], -0) ? '-0' : a[i]}, expected ${Object.is(v, -0) ? '-0' : '0'}`).toBe(Object.is(v, -0));
  });
}

function expectTensor(actual: torch.Tensor | null, expected: TensorFixture, c: OpCase, what: string, tol: Tolerance): void {
  expectClose(actual, expected, tol, what);
  if (c.signed_zeros) expectZeroSigns(actual!, expected, what);
}

/**
 * Calls case c's op on device: its outputs, and its tensor arguments in order (positional,
 * depth-first, then keyword); `given` tensors, when passed, stand for those arguments in that order.
 */
export function evaluateCase(c: OpCase, device: Device, given?: torch.Tensor[]): { outs: torch.Tensor[]; argLeaves: torch.Tensor[] } {
  const argLeaves: torch.Tensor[] = [];
  const args = c.args.map((a) => decode(a, device, argLeaves, given));
  const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v, device, argLeaves, given)]));
  const result = call(c, args, kwargs);
  return { outs: (Array.isArray(result) ? result : [result]) as torch.Tensor[], argLeaves };
}

/** Runs case c on device and checks everything the fixture recorded. */
export function runCase(c: OpCase, device: Device): void {
  const { outs, argLeaves } = evaluateCase(c, device);
  const expected = Array.isArray(c.out) ? c.out : [c.out];
  expected.forEach((e, i) => expectTensor(outs[i], e, c, `output ${i}`, c.tol ?? tolerances[c.family]));
  // the fixture has type(grad_fn).__name__, what repr shows: name() adds torch::autograd:: to C++ nodes
  if (c.grad_fn && !nameDiffers.has(c.call) && !caseNameDiffers.has(c.name)) expect(`${outs[0].grad_fn}`).toBe(`<${c.grad_fn} object>`);
  if (caseNameDiffers.has(c.name)) expect([c.grad_fn, outs[0].grad_fn?.name()]).toEqual(['DivBackward1', 'DivBackward0']);
  expectCaseGrads(c, device, outs[0], argLeaves);
}

/**
 * Case c's gradients: backward from out with the fixture's upstream, then each tensor argument's
 * gradient against PyTorch's (arguments in evaluateCase's order). Nothing when c has no upstream.
 */
export function expectCaseGrads(c: OpCase, device: Device, out: torch.Tensor, argLeaves: torch.Tensor[]): void {
  if (!c.upstream) return;
  const upstream = fromFixture(c.upstream, device, false);
  // the gradient of (out · upstream).sum() with respect to out is upstream (in out's dtype)
  out.backward(upstream.to(out.dtype));
  // positional tensor args, in order; list args take their grads from list_grads in order
  let leaf = 0, list = 0;
  c.args.forEach((a, i) => {
    if (isTensorArg(a)) {
      const t = argLeaves[leaf++];
      const g = c.grads?.[i];
      if (g) expectTensor(t.grad, g, c, `grad of arg ${i}`, tolerances[c.family]);
    } else if (isListArg(a)) {
      const lg = c.list_grads?.[list++];
      a.list.forEach((x, j) => {
        if (!isTensorArg(x)) return; // an index list holds strings, numbers and null too
        const t = argLeaves[leaf++];
        if (lg?.[j]) expectTensor(t.grad, lg[j]!, c, `grad of arg ${i}[${j}]`, tolerances[c.family]);
        else expect(t.requires_grad && t.grad !== null, `arg ${i}[${j}] has a gradient PyTorch has not`).toBe(false);
      });
    }
  });
}
