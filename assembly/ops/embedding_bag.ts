// F.embedding_bag (helper ebag): ATen's _embedding_bag_cpu forward in the element type T (f32 or
// f64). The front end has flattened the input (indices, int32) and worked out each entry's bag
// (bags[i], or −1 for an entry equal to padding_idx, which takes no part), and checked every index
// is in range. mode 0 'sum' (times per_sample_weights[i] when given), 1 'mean' (the sum over the
// bag's size, zeros for an empty bag), 2 'max' (per column, the first largest; its row is kept for
// the derivative, −1 for an empty bag).

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, dimOf, dtypeOf } from '../tensors';
import { shouldRecord2, newRecord, setInput, save, setParams } from '../tape';
import { SHAPE } from '../scratch';
import { allocZeroed, free } from '../alloc';

export const enum BagMode { Sum = 0, Mean = 1, Max = 2 }

function forward<T>(pw: usize, pidx: usize, pbag: usize, ppsw: usize, po: usize, pmax: usize, sizes: usize, n: i32, nbags: i32, d: i32, mode: i32): void {
  const shift = alignof<T>();
  memory.fill(po, 0, <usize>(nbags * d) << shift);
  if (mode == BagMode.Max) for (let k = 0; k < nbags * d; k++) store<i32>(pmax + (<usize>k << 2), -1);
  for (let i = 0; i < n; i++) {
    const b = load<i32>(pbag + (<usize>i << 2));
    if (b < 0) continue;
    const row = pw + (<usize>(load<i32>(pidx + (<usize>i << 2)) * d) << shift);
    const out = po + (<usize>(b * d) << shift);
    const size = load<i32>(sizes + (<usize>b << 2));
    if (mode == BagMode.Max) {
      for (let j = 0; j < d; j++) {
        const v = load<T>(row + (<usize>j << shift));
        if (size == 0 || v > load<T>(out + (<usize>j << shift))) {
          store<T>(out + (<usize>j << shift), v);
          store<i32>(pmax + (<usize>(b * d + j) << 2), load<i32>(pidx + (<usize>i << 2)));
        }
      }
    } else {
      const scale: T = ppsw ? load<T>(ppsw + (<usize>i << shift)) : <T>1;
      for (let j = 0; j < d; j++) {
        const p = out + (<usize>j << shift);
        store<T>(p, load<T>(p) + (ppsw ? load<T>(row + (<usize>j << shift)) * scale : load<T>(row + (<usize>j << shift))));
      }
    }
    store<i32>(sizes + (<usize>b << 2), size + 1);
  }
  if (mode == BagMode.Mean) {
    for (let b = 0; b < nbags; b++) {
      const size = load<i32>(sizes + (<usize>b << 2));
      if (size == 0) continue;
      for (let j = 0; j < d; j++) {
        const p = po + (<usize>(b * d + j) << shift);
        store<T>(p, load<T>(p) / <T>size);
      }
    }
  }
}

/** psw is 0 when not given; returns the (nbags, D) result. */
export function embedding_bag(weight: i32, indices: i32, bags: i32, psw: i32, nbags: i32, mode: i32, scaleGradByFreq: i32): i32 {
  const d = dimOf(weight, 1), n = dimOf(indices, 0);
  const dtype = dtypeOf(weight);
  store<i32>(SHAPE, nbags);
  store<i32>(SHAPE + 4, d);
  const out = newTensor(2, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  const maxRows = mode == BagMode.Max ? newTensor(2, SHAPE, DType.Int32) : 0;
  if (mode == BagMode.Max && !maxRows) { release(out); return Err.OutOfMemory; }
  const sizes = allocZeroed(<usize>max(nbags, 1) << 2);
  if (!sizes) { release(out); if (maxRows) release(maxRows); return Err.OutOfMemory; }
  const pmax = maxRows ? dataOf(maxRows) : 0, ppsw = psw ? dataOf(psw) : 0;
  if (dtype == DType.Float64) forward<f64>(dataOf(weight), dataOf(indices), dataOf(bags), ppsw, dataOf(out), pmax, sizes, n, nbags, d, mode);
  else forward<f32>(dataOf(weight), dataOf(indices), dataOf(bags), ppsw, dataOf(out), pmax, sizes, n, nbags, d, mode);
  free(sizes);
  if (!shouldRecord2(weight, psw ? psw : weight)) { if (maxRows) release(maxRows); return out; }
  const r = newRecord(Op.EmbeddingBag, psw ? 2 : 1, out);
  if (!r) { release(out); if (maxRows) release(maxRows); return Err.OutOfMemory; }
  setInput(r, 0, weight);
  if (psw) setInput(r, 1, psw);
  setParams(r, <f64>dimOf(weight, 0), 0, mode, scaleGradByFreq);
  save(r, 0, indices);
  save(r, 1, bags);
  if (psw) { save(r, 2, weight); save(r, 3, psw); }
  if (maxRows) { save(r, 3, maxRows); release(maxRows); }
  return out;
}
