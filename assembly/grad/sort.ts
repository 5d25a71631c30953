// Derivatives of sort, topk, kthvalue, median, nanmedian and mode (ops/sort.ts):
// PyTorch's value_selecting_reduction_backward (g written back at the indices the
// op chose along dim, zeros elsewhere) and, for the whole-tensor medians, its
// evenly_distribute_backward (g shared among the elements equal to the result).

import { DType, Err } from '../../abi/abi';
import { newTensor, dataOf, numelOf, dtypeOf, elemShift, ndimOf, shapePtr } from '../tensors';
import { inNdim, inShape, is_grad_enabled } from '../tape';
import { distributeRecorded } from './reduce';
import { T, saved, result, i0, recording } from './helpers';
import { scatterInto } from './gather';
import { outerSize, innerSize, dimSize } from '../ops/reduce';

/**
 * Zeros of input 0's shape in g's dtype, with g[c] at c with c[dim] = indices[c]; under create_graph
 * a recorded scatter_add of g there (its derivative for g gathers there again).
 */
export function sortBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const to = T(targets(r));
  if (to < 0) return to;
  if (recording(g)) return scatterInto(r, 0, g, to);
  const out = T(newTensor(inNdim(r, 0), inShape(r, 0), dtypeOf(g)));
  if (out < 0) return out;
  const sh = <usize>elemShift(dtypeOf(g)), po = dataOf(out), pg = dataOf(g), pt = dataOf(to);
  memory.fill(po, 0, <usize>numelOf(out) << sh);
  for (let at = 0; at < numelOf(to); at++) {
    const dst = <usize>load<i32>(pt + (<usize>at << 2)) << sh, src = <usize>at << sh;
    if (sh == 3) store<u64>(po + dst, load<u64>(pg + src));
    else store<u32>(po + dst, load<u32>(pg + src));
  }
  return out;
}

/**
 * The flat position in input 0 of each element the op chose (i0 = dim, saved 0 = the indices along
 * dim, of the result's shape): an int32 tensor of the indices' shape. cummax/cummin's derivative too.
 */
export function targets(r: usize): i32 {
  const nd = inNdim(r, 0), shape = inShape(r, 0), dim = i0(r), idx = saved(r, 0);
  const out = newTensor(ndimOf(idx), shapePtr(idx), DType.Int32);
  if (out <= 0) return Err.OutOfMemory;
  const outer = outerSize(nd, shape, dim), n = dimSize(nd, shape, dim), inner = innerSize(nd, shape, dim);
  const m = numelOf(idx), pi = dataOf(idx), po = dataOf(out);
  if (m == 0) return out;
  const count = m / (outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < inner; i++) {
        const at = <usize>((o * count + j) * inner + i) << 2;
        store<i32>(po + at, (o * n + load<i32>(pi + at)) * inner + i);
      }
    }
  }
  return out;
}

function distribute<T>(x: usize, n: i32, m: T, g: T, out: usize): void {
  const isNan = m != m, sz = <usize>sizeof<T>();
  let count = 0;
  for (let i = 0; i < n; i++) {
    const e = load<T>(x + <usize>i * sz);
    if (isNan ? e != e : e == m) count++;
  }
  // mask · (g / count), as PyTorch: a non-finite share gives NaN off the mask too
  const share = g / <T>count;
  for (let i = 0; i < n; i++) {
    const e = load<T>(x + <usize>i * sz);
    store<T>(out + <usize>i * sz, <T>((isNan ? e != e : e == m) ? 1 : 0) * share);
  }
}

/**
 * median() / nanmedian(): g / count to every element equal to the result (every NaN when it is NaN);
 * under create_graph from recorded ops, as max()'s.
 */
export function medianAllBackward(r: usize, g: i32, k: i32): i32 {
  if (g < 0) return g;
  const x = saved(r, 0), m = result(r);
  if (m < 0) return m;
  if (is_grad_enabled()) return distributeRecorded(r, g, x, m);
  const out = T(newTensor(inNdim(r, 0), inShape(r, 0), dtypeOf(g)));
  if (out < 0) return out;
  if (dtypeOf(g) == DType.Float64) distribute<f64>(dataOf(x), numelOf(x), load<f64>(dataOf(m)), load<f64>(dataOf(g)), dataOf(out));
  else distribute<f32>(dataOf(x), numelOf(x), load<f32>(dataOf(m)), load<f32>(dataOf(g)), dataOf(out));
  return out;
}
