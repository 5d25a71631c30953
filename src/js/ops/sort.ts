// Sorting and order statistics of the js device, as the wasm device's
// assembly/ops/sort.ts: each run along dim (all elements for the whole-tensor
// medians) goes through PyTorch's CPU algorithm (../kernels/sort.ts); the values are
// read at the chosen indices. The record keeps the indices, or the input and result.

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record } from '../tensor.js';
import { Run, LESS, LESS_NAN, GREATER_NAN, MEDIAN } from '../kernels/sort.js';

const countNan = (v: Float64Array): number => v.reduce((c, e) => (e !== e ? c + 1 : c), 0);

/** Runs one run for op; returns the position of the first chosen pair. */
function choose(op: Op, run: Run, n: number, k: number, flags: number): number {
  const bit0 = (flags & 1) !== 0, bit1 = (flags & 2) !== 0;
  switch (op) {
    case Op.Sort:
    case Op.SortStable: // bit0 descending, bit1 stable
      run.order = bit0 ? GREATER_NAN : LESS_NAN;
      if (bit1) run.stableSort(n);
      else run.sort(0, n);
      return 0;
    case Op.Topk: // bit0 largest, bit1 sorted; PyTorch's topk_impl_loop
      run.order = bit0 ? GREATER_NAN : LESS_NAN;
      if (k === 0) return 0;
      if (k * 64 <= n) run.partialSort(0, k, n);
      else {
        run.nthElement(0, k - 1, n);
        if (bit1) run.sort(0, k - 1);
      }
      return 0;
    case Op.Kthvalue:
      run.order = GREATER_NAN;
      run.quickSelect(n, k - 1);
      return k - 1;
    case Op.MedianAll:
    case Op.MedianDim: {
      const nan = run.v.findIndex((e) => e !== e); // a NaN is the median: the first one
      if (nan >= 0) return nan;
      run.order = MEDIAN;
      run.nthElement(0, Math.trunc((n - 1) / 2), n);
      return Math.trunc((n - 1) / 2);
    }
    case Op.NanmedianAll:
    case Op.NanmedianDim: {
      const m = Math.trunc((n - countNan(run.v) - 1) / 2); // C++'s division: 0 when every element is NaN
      run.order = MEDIAN;
      run.nthElement(0, m, n);
      return m;
    }
    case Op.Mode: {
      run.order = LESS;
      run.sort(0, n);
      let best = 0, count = 0, most = 0;
      for (let j = 0; j < n; j++) {
        count++;
        if (j === n - 1 || run.v[j] !== run.v[j + 1]) {
          if (count > most) { best = j; most = count; }
          count = 0;
        }
      }
      return best;
    }
    default: throw new Error(`sortSelect: op ${op}`);
  }
}

/** op along dim: [values, int64 indices]; k and flags as the wasm device's sort_select. */
export function sortSelect(op: Op, a: JsTensor, dim: number, k: number, flags: number, keepdim: boolean): [JsTensor, JsTensor] {
  const whole = op === Op.MedianAll || op === Op.NanmedianAll;
  const nd = a.shape.length;
  const n = whole ? a.numel : nd ? a.shape[dim] : 1;
  let outer = 1, inner = 1;
  if (!whole) for (let d = 0; d < nd; d++) { if (d < dim) outer *= a.shape[d]; else if (d > dim) inner *= a.shape[d]; }
  const sorting = op === Op.Sort || op === Op.SortStable;
  // a 0-dim input gives its one element whatever topk's k (0 or 1), as PyTorch
  const count = sorting ? n : op === Op.Topk && nd ? k : 1;
  const shape: number[] = [];
  if (!whole) {
    a.shape.forEach((s, d) => {
      if (d === dim && count === 1 && !keepdim && !sorting && op !== Op.Topk) return;
      shape.push(d === dim ? count : s);
    });
  }
  const vals = empty(shape, a.dtype), idx = empty(shape.slice(), DType.Int64);
  if (outer * inner > 0 && n > 0 && count > 0) {
    const run = new Run(new Float64Array(n), new Int32Array(n), LESS);
    const x = a.data, vd = vals.data, id = idx.data;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * n * inner + i;
        for (let j = 0; j < n; j++) { run.v[j] = x[base + j * inner]; run.ix[j] = j; }
        const from = choose(op, run, n, k, flags);
        for (let j = 0; j < count; j++) {
          const at = (o * count + j) * inner + i, src = run.ix[from + j];
          id[at] = src;
          vd[at] = x[base + src * inner];
        }
      }
    }
  } else if (whole && n === 0 && (a.dtype === DType.Float32 || a.dtype === DType.Float64)) {
    vals.data[0] = NaN; // the median of no elements is NaN, as PyTorch's
  }
  const r = record(op, vals, [a]);
  if (r) {
    r.i0 = dim;
    r.i1 = keepdim ? 1 : 0;
    r.saved = whole ? [a] : [idx];
    if (whole) r.savesResult = true;
  }
  return [vals, idx];
}

/** g written back at the indices the op chose along dim: value_selecting_reduction_backward. */
export function sortBackward(g: JsTensor, idx: JsTensor, shape: number[], dim: number): JsTensor {
  const out = empty(shape.slice(), g.dtype), to = targets(idx, shape, dim).data, od = out.data, gd = g.data;
  for (let at = 0; at < to.length; at++) od[to[at]] = gd[at];
  return out;
}

/**
 * The flat position in the input (of `shape`) of each element chosen at idx along dim: an int32
 * tensor of idx's shape. cummax/cummin's derivative scatters there too.
 */
export function targets(idx: JsTensor, shape: readonly number[], dim: number): JsTensor {
  const out = empty(idx.shape.slice(), DType.Int32);
  const nd = shape.length, n = nd ? shape[dim] : 1;
  let outer = 1, inner = 1;
  for (let d = 0; d < nd; d++) { if (d < dim) outer *= shape[d]; else if (d > dim) inner *= shape[d]; }
  const m = idx.numel;
  if (m === 0) return out;
  const count = m / (outer * inner), od = out.data, id = idx.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < inner; i++) {
        const at = (o * count + j) * inner + i;
        od[at] = (o * n + id[at]) * inner + i;
      }
    }
  }
  return out;
}

/** g / count to every element of x equal to m (every NaN when m is NaN): evenly_distribute_backward. */
export function distribute(g: JsTensor, x: JsTensor, m: number): JsTensor {
  const out = empty(x.shape.slice(), g.dtype), xd = x.data, od = out.data;
  const isNan = m !== m, hit = (e: number): boolean => (isNan ? e !== e : e === m);
  let count = 0;
  for (let i = 0; i < xd.length; i++) if (hit(xd[i])) count++;
  const f = g.dtype === DType.Float32 ? Math.fround : (v: number): number => v;
  const share = f(g.data[0] / count);
  // mask · share, as PyTorch: a non-finite share gives NaN off the mask too
  for (let i = 0; i < xd.length; i++) od[i] = (hit(xd[i]) ? 1 : 0) * share;
  return out;
}
