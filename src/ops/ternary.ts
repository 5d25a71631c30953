// torch.where, lerp, addcmul, addcdiv: elementwise ops of three operands, broadcast
// together (PyTorch's TensorIterator order: the shapes are folded left to right, so a
// mismatch names the running shape as tensor a). A number operand of where is a 0-d
// tensor that needs no gradient, as PyTorch wraps it; lerp with a number weight is the
// binary LerpBackward0 row, with a tensor weight the ternary LerpBackward1.

import { Op, DType } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { broadcastShapes, checkStorage } from '../shape.js';
import { parseSchema } from '../schema.js';
import { bind, bindOverloads } from '../signature.js';
import { Tensor } from '../tensor.js';
import { deviceOf, checkFloating } from './common.js';
import { binaryOp } from './elementwise.js';
import { expand } from './shape.js';
import { castTensor } from '../cast.js';
import { isFloating, promote, resultType, type Operand } from '../dtype.js';
import { bindVisible } from './linalg_more.js';

const S = {
  where: [
    parseSchema('where(Tensor condition) -> Tensor', false),
    parseSchema('where(Tensor condition, Tensor input, Tensor other) -> Tensor'),
    parseSchema('where(Tensor condition, Scalar self, Tensor other) -> Tensor', false),
    parseSchema('where(Tensor condition, Tensor input, Scalar other) -> Tensor', false),
    parseSchema('where(Tensor condition, Scalar self, Scalar other) -> Tensor', false),
  ],
  whereMethod: parseSchema('where(Tensor input, Tensor condition, Tensor other) -> Tensor', false),
  lerp: [
    parseSchema('lerp(Tensor input, Tensor end, Tensor weight) -> Tensor'),
    parseSchema('lerp(Tensor input, Tensor end, Scalar weight) -> Tensor'),
  ],
  addcmul: parseSchema('addcmul(Tensor input, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor'),
  addcdiv: parseSchema('addcdiv(Tensor input, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor'),
};

const typeName = (t: Tensor): string => t.dtype.name.replace('float32', 'float').replace('float64', 'double').replace('int64', 'long');

const operandOf = (t: Tensor): Operand => ({ dtype: t._dtype, zeroDim: t._shape.length === 0 });

/**
 * The device op over three tensors, their broadcast shape checked first; float32 and float64
 * operands are converted to their result dtype (PyTorch's promotion), the conversions freed after.
 */
function run(op: Op, a: Tensor, b: Tensor, c: Tensor, value: number, name: string): Tensor {
  const dev = deviceOf(a, b);
  deviceOf(a, c);
  const floats = op === Op.Where ? [b, c] : [a, b, c];
  for (const t of floats) checkFloating(t, name);
  const shape = broadcastShapes(broadcastShapes(a._shape, b._shape), c._shape).slice();
  checkStorage(shape);
  const dtype = resultType(floats.map(operandOf));
  const [x, y, z] = [a, b, c].map((t) => (op === Op.Where && t === a ? t : castTensor(t, dtype)));
  try {
    return new Tensor(dev, dev.ternary(op, x.h, y.h, z.h, value, shape), shape, dtype);
  } finally {
    for (const [t, was] of [[x, a], [y, b], [z, c]]) if (t !== was) t.dispose();
  }
}

function whereBound(a: Record<string, unknown>): Tensor {
  const condition = a.condition as Tensor;
  if (condition._dtype !== DType.Bool) {
    throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype.name === 'float32' ? 'Float' : condition.dtype.name === 'int64' ? 'Long' : condition.dtype.name}`);
  }
  const given = [a.input ?? a.self, a.other];
  // PyTorch's result type: the tensors' dtypes, then a number's kind (an integral JS number is a Python int)
  const ts = given.filter((v): v is Tensor => v instanceof Tensor);
  const floating = ts.some((t) => isFloating(t._dtype)) || given.some((v) => typeof v === 'number' && !Number.isInteger(v));
  const ints = ts.reduce((d, t) => promote(d, t._dtype), ts.length ? ts[0]._dtype : DType.Int64);
  const dtype = floating ? resultType(given.map((v) => (v instanceof Tensor ? operandOf(v) : v as number)))
    : ints === DType.Bool && ts.length < 2 ? DType.Int64 : ints;
  const made: Tensor[] = [];
  const operand = (v: unknown): Tensor => {
    const t = v instanceof Tensor ? v : new Tensor(condition._dev, condition._dev.full([], v as number, dtype), [], dtype);
    // a number is wrapped in the result's dtype; a tensor of another dtype is converted to it
    const c = t._dtype === dtype ? t : castTensor(t, dtype);
    if (t !== v) made.push(t);
    if (c !== t) made.push(c);
    return c;
  };
  try {
    const [input, other] = given.map(operand);
    return floating ? run(Op.Where, condition, input, other, 0, 'where') : selectHost(condition, input, other, dtype);
  } finally {
    for (const t of made) t.dispose();
  }
}

/** where of integer or bool operands (no gradient): selected element by element on the host. */
function selectHost(condition: Tensor, input: Tensor, other: Tensor, dtype: DType): Tensor {
  const dev = deviceOf(condition, input);
  deviceOf(condition, other);
  const shape = broadcastShapes(broadcastShapes(condition._shape, input._shape), other._shape).slice();
  checkStorage(shape);
  const [c, x, y] = [condition, input, other].map((t) => {
    const e = t._shape.join() === shape.join() ? t : expand(t, shape);
    const data = dev.read(e.h);
    if (e !== t) e.dispose();
    return data;
  });
  const out = c.map((v, i) => (v ? x[i] : y[i]));
  return new Tensor(dev, dev.fromData(out, shape, dtype), shape, dtype);
}

/** where(condition) alone: the indices of its true elements, one int64 tensor per dim (torch.nonzero(as_tuple=True)). */
function nonzeroTuple(condition: Tensor): Tensor[] {
  const values = condition._dev.read(condition.h), shape = condition._shape;
  const nd = Math.max(shape.length, 1);
  const hits: number[][] = Array.from({ length: nd }, () => []);
  values.forEach((v, i) => {
    if (!v) return;
    for (let d = nd - 1, rest = i; d >= 0; d--) {
      const size = shape.length ? shape[d] : 1;
      hits[d].push(rest % size);
      rest = Math.floor(rest / size);
    }
  });
  return hits.map((h) => new Tensor(condition._dev, condition._dev.fromData(h, [h.length], DType.Int64), [h.length], DType.Int64));
}

/**
 * Elements of input where condition is true, of other where it is false; the three
 * broadcast together, and input or other may be a number (WhereBackward0). With the
 * condition alone: the indices of its true elements, one int64 tensor per dim.
 * @example torch.where(x.gt(0), x, 0) // relu
 */
export function where(condition: Tensor, input: Tensor | number, other: Tensor | number): Tensor;
export function where(condition: Tensor): Tensor[];
export function where(...args: unknown[]): Tensor | Tensor[] {
  const [i, a] = bindOverloads(S.where, args, null);
  return i === 0 ? nonzeroTuple(a.condition as Tensor) : whereBound(a);
}

function lerpBound(i: number, a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, end = a.end as Tensor;
  for (const [n, t] of [['end', end], ['weight', a.weight]] as const) {
    if (t instanceof Tensor && t._dtype !== input._dtype) {
      throw new RuntimeError(`expected dtype ${typeName(input)} for \`${n}\` but got dtype ${typeName(t)}`);
    }
  }
  if (i === 1) {
    checkFloating(input, 'lerp');
    return binaryOp(Op.Lerp, input, end, a.weight as number, 'lerp');
  }
  return run(Op.LerpTensor, input, end, a.weight as Tensor, 0, 'lerp');
}

/**
 * input + weight·(end − input), weight a number (LerpBackward0) or a tensor (LerpBackward1), all broadcast.
 * @example torch.lerp(a, b, 0.25)
 */
export function lerp(input: Tensor, end: Tensor, weight: number | Tensor): Tensor;
export function lerp(...args: unknown[]): Tensor { return lerpBound(...bindOverloads(S.lerp, args, null)); }

function addc(op: Op.Addcmul | Op.Addcdiv, a: Record<string, unknown>): Tensor {
  const name = op === Op.Addcmul ? 'addcmul' : 'addcdiv';
  return run(op, a.input as Tensor, a.tensor1 as Tensor, a.tensor2 as Tensor, a.value as number, name);
}

/**
 * input + value·tensor1·tensor2, broadcast (AddcmulBackward0).
 * @example torch.addcmul(x, a, b, { value: 0.5 })
 */
export function addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, options?: { value?: number }): Tensor;
export function addcmul(...args: unknown[]): Tensor { return addc(Op.Addcmul, bindVisible(S.addcmul, args, null)); }

/**
 * input + value·tensor1 / tensor2, broadcast (AddcdivBackward0).
 * @example torch.addcdiv(x, a, b, { value: -0.1 })
 */
export function addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, options?: { value?: number }): Tensor;
export function addcdiv(...args: unknown[]): Tensor { return addc(Op.Addcdiv, bindVisible(S.addcdiv, args, null)); }

/** @internal the Tensor methods */
export const ternaryMethods = {
  where: (self: Tensor, args: unknown[]): Tensor => {
    const a = bind(S.whereMethod, args, self);
    return whereBound({ condition: a.condition, input: a.input, other: a.other });
  },
  lerp: (self: Tensor, args: unknown[]): Tensor => lerpBound(...bindOverloads(S.lerp, args, self)),
  addcmul: (self: Tensor, args: unknown[]): Tensor => addc(Op.Addcmul, bindVisible(S.addcmul, args, self)),
  addcdiv: (self: Tensor, args: unknown[]): Tensor => addc(Op.Addcdiv, bindVisible(S.addcdiv, args, self)),
};
