// cat and stack (js device), the same copy as the wasm device's
// (assembly/ops/shape.ts cat): seen as [outer, rows, inner], with `outer` the
// product of the dims before `dim` and `inner` those after it, input k owns
// rows [off_k, off_k + size_k) of every outer block of the output; size_k is
// input k's size at dim for cat, 1 for stack (the new dim).

import { Op } from '../../../abi/abi.js';
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
