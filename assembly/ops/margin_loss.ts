// multi_margin_loss and multilabel_margin_loss (losses 2, helper losses). multi_margin_loss: ATen's
// multi_margin_loss_cpu_kernel step by step in
// the element type T (f32 or f64): per row, Σ over d ≠ y of max(0, margin − x[y] + x[d])^p
// (times weight[y]) / dim; reduced forms add the rows in f64 (ATen's accscalar_t) and divide by
// the row count. The front end has checked shapes (input (N, C), (C,) or 0-d; target N int64
// classes in range; weight C values) and p ∈ {1, 2}.

import { Op, Err, DType, Reduction } from '../../abi/abi';
import { newTensor, release, dataOf, ndimOf, dimOf, dtypeOf } from '../tensors';
import { shouldRecord1, newRecord, setInput, save, setParams } from '../tape';
import { SHAPE } from '../scratch';

/** The row count of a margin loss's input ((N, C): N; (C,) or 0-d: 1). */
export function rowsOf(x: i32): i32 { return ndimOf(x) == 2 ? dimOf(x, 0) : 1; }
/** The class count of a margin loss's input ((N, C) or (C,): C; 0-d: 1). */
export function classesOf(x: i32): i32 { return ndimOf(x) == 0 ? 1 : dimOf(x, ndimOf(x) - 1); }

/** One row's loss: the sum over the other classes, divided by dim (multi_margin_inner_sum_cpu). */
// @ts-ignore: decorator
@inline function rowLoss<T>(px: usize, pw: usize, p: i32, margin: T, dim: i32, y: i32): T {
  const shift = alignof<T>();
  const xy = load<T>(px + (<usize>y << shift));
  let sum: T = 0;
  for (let d = 0; d < dim; d++) {
    if (d == y) continue;
    const z: T = margin - xy + load<T>(px + (<usize>d << shift));
    if (z > <T>0) {
      let h: T = p == 1 ? z : z * z;
      if (pw) h *= load<T>(pw + (<usize>y << shift));
      sum += h;
    }
  }
  return sum / <T>dim;
}

function forward<T>(px: usize, pt: usize, pw: usize, po: usize, nframe: i32, dim: i32, p: i32, margin: T, perRow: bool, mean: bool): void {
  const shift = alignof<T>();
  let acc: f64 = 0;
  for (let t = 0; t < nframe; t++) {
    const v = rowLoss<T>(px + (<usize>(t * dim) << shift), pw, p, margin, dim, load<i32>(pt + (<usize>t << 2)));
    if (perRow) store<T>(po + (<usize>t << shift), v);
    else acc += <f64>v;
  }
  if (perRow) return;
  if (mean) acc /= <f64>nframe;
  store<T>(po, <T>acc);
}

/** weight is 0 when not given. */
export function multi_margin_loss(input: i32, target: i32, weight: i32, p: i32, margin: f64, reduction: i32): i32 {
  const nframe = rowsOf(input), dim = classesOf(input);
  const dtype = dtypeOf(input);
  const perRow = reduction == Reduction.None && ndimOf(target) > 0;
  if (perRow) store<i32>(SHAPE, nframe);
  const out = newTensor(perRow ? 1 : 0, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  const pw = weight ? dataOf(weight) : 0;
  if (dtype == DType.Float64) {
    forward<f64>(dataOf(input), dataOf(target), pw, dataOf(out), nframe, dim, p, margin, perRow, reduction == Reduction.Mean);
  } else {
    forward<f32>(dataOf(input), dataOf(target), pw, dataOf(out), nframe, dim, p, <f32>margin, perRow, reduction == Reduction.Mean);
  }
  if (!shouldRecord1(input)) return out;
  const r = newRecord(Op.MultiMarginLoss, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, input);
  setParams(r, margin, <f64>p, reduction, weight ? 1 : 0);
  save(r, 0, input);
  save(r, 1, target);
  if (weight) save(r, 2, weight);
  return out;
}

/** Whether class d is among row t's targets (those before the first −1): ATen's is_target. */
// @ts-ignore: decorator
@inline export function isTarget(pt: usize, dim: i32, d: i32): bool {
  for (let k = 0; k < dim; k++) {
    const c = load<i32>(pt + (<usize>k << 2));
    if (c < 0) return false;
    if (c == d) return true;
  }
  return false;
}

/**
 * multilabel_margin_loss_forward_inner_sum_cpu: for each target y (up to the first −1), Σ over the
 * non-target d of max(0, 1 − x[y] + x[d]), z in T, the sum in f64 (accscalar_t), returned as T.
 */
function labelRowLoss<T>(px: usize, pt: usize, dim: i32): T {
  const shift = alignof<T>();
  let sum: f64 = 0;
  for (let k = 0; k < dim; k++) {
    const y = load<i32>(pt + (<usize>k << 2));
    if (y < 0) break;
    const xy = load<T>(px + (<usize>y << shift));
    for (let d = 0; d < dim; d++) {
      if (isTarget(pt, dim, d)) continue;
      const z: T = <T>1 - xy + load<T>(px + (<usize>d << shift));
      if (z > <T>0) sum += <f64>z;
    }
  }
  return <T>sum;
}

function labelForward<T>(px: usize, pt: usize, po: usize, nframe: i32, dim: i32, perRow: bool, mean: bool): void {
  const shift = alignof<T>();
  let acc: f64 = 0;
  for (let t = 0; t < nframe; t++) {
    const v = labelRowLoss<T>(px + (<usize>(t * dim) << shift), pt + (<usize>(t * dim) << 2), dim);
    if (perRow) store<T>(po + (<usize>t << shift), v / <T>dim);
    else acc += <f64>v;
  }
  if (perRow) return;
  acc /= <f64>dim;
  if (mean) acc /= <f64>nframe;
  store<T>(po, <T>acc);
}

/** multilabel_margin_loss: input (N, C) with target (N, C), or (C,)/0-d with target of C values. */
export function multilabel_margin_loss(input: i32, target: i32, reduction: i32): i32 {
  const nframe = rowsOf(input), dim = classesOf(input);
  const dtype = dtypeOf(input);
  const perRow = reduction == Reduction.None && ndimOf(target) > 1;
  if (perRow) store<i32>(SHAPE, nframe);
  const out = newTensor(perRow ? 1 : 0, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  if (dtype == DType.Float64) labelForward<f64>(dataOf(input), dataOf(target), dataOf(out), nframe, dim, perRow, reduction == Reduction.Mean);
  else labelForward<f32>(dataOf(input), dataOf(target), dataOf(out), nframe, dim, perRow, reduction == Reduction.Mean);
  if (!shouldRecord1(input)) return out;
  const r = newRecord(Op.MultilabelMarginLoss, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, input);
  setParams(r, 0, 0, reduction, 0);
  save(r, 0, input);
  save(r, 1, target);
  return out;
}
