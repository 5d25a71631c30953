// F.embedding_bag's derivative (helper ebag), ATen's _embedding_bag_backward written directly
// (PyTorch's node is one kernel too; no second derivative). weight (k = 0): 'sum'/'mean' add each
// entry's bag gradient times its scale (per_sample_weights[i], or 1 over the bag's size for 'mean',
// over its index's count with scale_grad_by_freq, as ATen counts: freqOf) to the entry's row; 'max' adds each
// bag column's gradient to the row that gave its maximum. per_sample_weights (k = 1): the dot of the
// entry's bag gradient with its weight row (0 for a padding entry).

import { Err, DType, NoDerivativeOf } from '../../abi/abi';
import { refuseAbove } from './no_derivative';
import { newTensor, dataOf, dimOf } from '../tensors';
import { recOutDtype } from '../tape';
import { SHAPE } from '../scratch';
import { allocZeroed, free } from '../alloc';
import { T, saved, s0, i0, i1 } from './helpers';
import { BagMode } from '../ops/embedding_bag';

/** divs: scale_grad_by_freq's divisor per row (freqOf), or 0. */
function weightGrad<E>(po: usize, pg: usize, pidx: usize, pbag: usize, ppsw: usize, pmax: usize, divs: usize, sizes: usize, n: i32, nbags: i32, d: i32, mode: i32): void {
  const shift = alignof<E>();
  if (mode == BagMode.Max) {
    for (let k = 0; k < nbags * d; k++) {
      const row = load<i32>(pmax + (<usize>k << 2));
      if (row < 0) continue;
      const p = po + (<usize>(row * d + k % d) << shift);
      store<E>(p, load<E>(p) + load<E>(pg + (<usize>k << shift)));
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const b = load<i32>(pbag + (<usize>i << 2));
    if (b < 0) continue;
    const idx = load<i32>(pidx + (<usize>i << 2));
    // the scale in f64, as ATen's double, then in E
    let scale: f64 = ppsw ? <f64>load<E>(ppsw + (<usize>i << shift)) : 1.0;
    if (divs) scale /= <f64>load<i32>(divs + (<usize>idx << 2));
    if (mode == BagMode.Mean) scale /= <f64>load<i32>(sizes + (<usize>b << 2));
    const e = <E>scale;
    const gb = pg + (<usize>(b * d) << shift), row = po + (<usize>(idx * d) << shift);
    for (let j = 0; j < d; j++) {
      const p = row + (<usize>j << shift);
      store<E>(p, load<E>(p) + load<E>(gb + (<usize>j << shift)) * e);
    }
  }
}

function weightsGrad<E>(po: usize, pg: usize, pw: usize, pidx: usize, pbag: usize, n: i32, d: i32): void {
  const shift = alignof<E>();
  for (let i = 0; i < n; i++) {
    const b = load<i32>(pbag + (<usize>i << 2));
    let dot: E = 0;
    if (b >= 0) {
      const gb = pg + (<usize>(b * d) << shift), row = pw + (<usize>(load<i32>(pidx + (<usize>i << 2)) * d) << shift);
      for (let j = 0; j < d; j++) dot += load<E>(gb + (<usize>j << shift)) * load<E>(row + (<usize>j << shift));
    }
    store<E>(po + (<usize>i << shift), dot);
  }
}

/**
 * scale_grad_by_freq's divisors: ATen sorts the indices and divides the rows of the k-th smallest
 * distinct index by counts[sorted[k]] (its loop counter where the index was meant; PyTorch 2 still
 * does), so divs[v] = counts[sorted[k]] for v the k-th distinct index.
 */
function freqOf(counts: usize, divs: usize, rows: i32): void {
  let k = 0, u = 0, acc = rows > 0 ? load<i32>(counts) : 0;
  for (let v = 0; v < rows; v++) {
    if (load<i32>(counts + (<usize>v << 2)) == 0) continue;
    while (acc <= k) { u++; acc += load<i32>(counts + (<usize>u << 2)); }
    store<i32>(divs + (<usize>v << 2), load<i32>(counts + (<usize>u << 2)));
    k++;
  }
}

export function embeddingBagBackward(r: usize, g: i32, k: i32): i32 {
  // per_sample_weights' gradient reads weight; weight's reads per_sample_weights ('sum' mode)
  if (k == 1) return refuseAbove(NoDerivativeOf.EmbeddingBagPerSampleWeights, bagGrad(r, g, k), g, saved(r, 2));
  return refuseAbove(NoDerivativeOf.EmbeddingBagDense, bagGrad(r, g, k), g, i0(r) != BagMode.Max ? saved(r, 3) : 0);
}

function bagGrad(r: usize, g: i32, k: i32): i32 {
  const indices = saved(r, 0), bags = saved(r, 1);
  const n = dimOf(indices, 0), nbags = dimOf(g, 0), d = dimOf(g, 1), mode = i0(r);
  const dtype = recOutDtype(r), f64 = dtype == DType.Float64;
  if (k == 1) {
    store<i32>(SHAPE, n);
    const out = T(newTensor(1, SHAPE, dtype));
    if (out <= 0) return out < 0 ? out : Err.OutOfMemory;
    const pw = dataOf(saved(r, 2));
    if (f64) weightsGrad<f64>(dataOf(out), dataOf(g), pw, dataOf(indices), dataOf(bags), n, d);
    else weightsGrad<f32>(dataOf(out), dataOf(g), pw, dataOf(indices), dataOf(bags), n, d);
    return out;
  }
  if (k != 0) return Err.Unimplemented;
  const rows = <i32>s0(r);
  store<i32>(SHAPE, rows);
  store<i32>(SHAPE + 4, d);
  const out = T(newTensor(2, SHAPE, dtype));
  if (out <= 0) return out < 0 ? out : Err.OutOfMemory;
  memory.fill(dataOf(out), 0, <usize>(rows * d) << (f64 ? 3 : 2));
  const counts = allocZeroed(<usize>max(rows, 1) << 2), sizes = allocZeroed(<usize>max(nbags, 1) << 2);
  if (!counts || !sizes) { free(counts); free(sizes); return Err.OutOfMemory; }
  const pidx = dataOf(indices), pbag = dataOf(bags);
  for (let i = 0; i < n; i++) {
    const c = counts + (<usize>load<i32>(pidx + (<usize>i << 2)) << 2);
    store<i32>(c, load<i32>(c) + 1);
    const b = load<i32>(pbag + (<usize>i << 2));
    if (b >= 0) store<i32>(sizes + (<usize>b << 2), load<i32>(sizes + (<usize>b << 2)) + 1);
  }
  const divs = i1(r) ? allocZeroed(<usize>max(rows, 1) << 2) : 0;
  if (i1(r) && !divs) { free(counts); free(sizes); return Err.OutOfMemory; }
  if (divs) freqOf(counts, divs, rows);
  const ppsw = mode != BagMode.Max && saved(r, 3) ? dataOf(saved(r, 3)) : 0;
  const pmax = mode == BagMode.Max ? dataOf(saved(r, 3)) : 0;
  if (f64) weightGrad<f64>(dataOf(out), dataOf(g), pidx, pbag, ppsw, pmax, divs, sizes, n, nbags, d, mode);
  else weightGrad<f32>(dataOf(out), dataOf(g), pidx, pbag, ppsw, pmax, divs, sizes, n, nbags, d, mode);
  free(divs);
  free(counts);
  free(sizes);
  return out;
}
