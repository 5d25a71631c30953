// cat and stack, select and slice (js device), as the wasm device's assembly/ops/shape.ts.
// cat and stack are one copy: seen as [outer, rows, inner], with `outer` the
// product of the dims before `dim` and `inner` those after it, input k owns
// rows [off_k, off_k + size_k) of every outer block of the output; size_k is
// input k's size at dim for cat, 1 for stack (the new dim).

import { Op } from '../../../abi/abi.js';
import { stridedCopy, contiguousStrides } from '../kernels/strided.js';
import { JsTensor, empty, record } from '../tensor.js';

/** cat (Op.Cat) along dim, or stack (Op.Stack): a new dim of size n at dim. */
export function cat(op: Op, ts: JsTensor[], dim: number): JsTensor {
  const isStack = op === Op.Stack;
  const first = ts[0].shape;
  const sizes = ts.map((t) => (isStack ? 1 : t.shape[dim]));
  const total = sizes.reduce((s, x) => s + x, 0);
  const shape = first.slice();
  if (isStack) shape.splice(dim, 0, total);
  else shape[dim] = total;
  const out = empty(shape, ts[0].dtype);
  let outer = 1;
  for (let d = 0; d < dim; d++) outer *= shape[d];
  let inner = 1;
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
  const row = total * inner;
  let off = 0;
  ts.forEach((t, k) => {
    const chunk = sizes[k] * inner;
    for (let o = 0; o < outer; o++) out.data.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * row + off);
    off += chunk;
  });
  const r = record(op, out, ts);
  if (r) r.i0 = dim;
  return out;
}

/** The view's shape and element strides, and the element offset of `start` along dim (select drops dim). */
export function viewOf(
  op: Op, shape: readonly number[], dim: number, start: number, length: number, step: number,
): { shape: number[]; strides: number[]; offset: number } {
  const st = contiguousStrides(shape);
  const vShape: number[] = [], strides: number[] = [];
  shape.forEach((size, d) => {
    if (d !== dim) { vShape.push(size); strides.push(st[d]); } else if (op !== Op.Select) { vShape.push(length); strides.push(st[d] * step); }
  });
  return { shape: vShape, strides, offset: shape.length ? start * st[dim] : 0 };
}

/** Op.Select (length ignored) or Op.Slice of x along dim, copied; recorded with dim, start, step. */
export function slice(op: Op, x: JsTensor, dim: number, start: number, length: number, step: number): JsTensor {
  const v = viewOf(op, x.shape, dim, start, length, step);
  const out = empty(v.shape, x.dtype);
  if (out.numel > 0) stridedCopy(x.data.subarray(v.offset), v.strides, out.data, v.shape);
  const r = record(op, out, [x]);
  if (r) { r.i0 = dim; r.i1 = start; r.s0 = step; }
  return out;
}
