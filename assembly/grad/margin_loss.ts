// multi_margin_loss's and multilabel_margin_loss's derivatives (losses 2, helper losses). ATen's
// multi_margin_loss_backward_cpu_kernel, written directly (PyTorch's own backward is one kernel
// too; no second derivative): for d ≠ y with z = margin − x[y] + x[d] > 0, h = g₀ (p = 1) or 2·g₀·z
// (times weight[y]), g₀ = 1/(N·dim) for 'mean' else 1/dim; x[y] gets −Σh; then times the
// upstream gradient (its one value, or row t's).

import { Err, DType, Reduction, NoDerivativeOf } from '../../abi/abi';
import { refuseAbove } from './no_derivative';
import { newTensor, dataOf, ndimOf, shapePtr, dtypeOf } from '../tensors';
import { T, saved, s0, s1, i0, i1 } from './helpers';
import { isTarget, rowsOf, classesOf } from '../ops/margin_loss';

/** A row of the gradient times the upstream gradient's value for it. */
// @ts-ignore: decorator
@inline function scaleRow<E>(p: usize, up: E, dim: i32): void {
  const shift = alignof<E>();
  for (let d = 0; d < dim; d++) store<E>(p + (<usize>d << shift), load<E>(p + (<usize>d << shift)) * up);
}

function backward<E>(po: usize, pg: usize, perRowG: bool, px: usize, pt: usize, pw: usize, p: i32, margin: E, g0: E, nframe: i32, dim: i32): void {
  const shift = alignof<E>();
  for (let t = 0; t < nframe; t++) {
    const row = <usize>(t * dim) << shift;
    const y = load<i32>(pt + (<usize>t << 2));
    const xy = load<E>(px + row + (<usize>y << shift));
    let gy: E = 0;
    for (let d = 0; d < dim; d++) {
      if (d == y) continue;
      const z: E = margin - xy + load<E>(px + row + (<usize>d << shift));
      let h: E = 0;
      if (z > <E>0) {
        h = p == 1 ? g0 : <E>2 * g0 * z;
        if (pw) h *= load<E>(pw + (<usize>y << shift));
        gy -= h;
      }
      store<E>(po + row + (<usize>d << shift), h);
    }
    store<E>(po + row + (<usize>y << shift), gy);
    scaleRow<E>(po + row, load<E>(pg + (perRowG ? <usize>t << shift : 0)), dim);
  }
}

/**
 * ATen's multilabel_margin_loss_backward_out_frame: for each target y and non-target d with
 * z = 1 − x[y] + x[d] > 0, x[y] gets −g₀ and x[d] +g₀ (g₀ = 1/(N·dim) for 'mean', else 1/dim),
 * then times the upstream gradient.
 */
function labelBackward<E>(po: usize, pg: usize, perRowG: bool, px: usize, pt: usize, g0: E, nframe: i32, dim: i32): void {
  const shift = alignof<E>();
  memory.fill(po, 0, <usize>(nframe * dim) << shift);
  for (let t = 0; t < nframe; t++) {
    const row = <usize>(t * dim) << shift, trow = pt + (<usize>(t * dim) << 2);
    for (let k = 0; k < dim; k++) {
      const y = load<i32>(trow + (<usize>k << 2));
      if (y < 0) break;
      const xy = load<E>(px + row + (<usize>y << shift));
      for (let d = 0; d < dim; d++) {
        if (isTarget(trow, dim, d)) continue;
        const z: E = <E>1 - xy + load<E>(px + row + (<usize>d << shift));
        if (z > <E>0) {
          store<E>(po + row + (<usize>y << shift), load<E>(po + row + (<usize>y << shift)) - g0);
          store<E>(po + row + (<usize>d << shift), load<E>(po + row + (<usize>d << shift)) + g0);
        }
      }
    }
    scaleRow<E>(po + row, load<E>(pg + (perRowG ? <usize>t << shift : 0)), dim);
  }
}

/** Both rules: the gradient of x = saved 0 from saved 1 (the targets) and the record's parameters. */
function marginBackward(r: usize, g: i32, k: i32, multilabel: bool): i32 {
  if (k != 0) return Err.Unimplemented;
  const x = saved(r, 0), pt = dataOf(saved(r, 1));
  const nframe = rowsOf(x), dim = classesOf(x);
  const f64 = dtypeOf(x) == DType.Float64;
  const out = T(newTensor(ndimOf(x), shapePtr(x), dtypeOf(x)));
  if (out < 0) return out;
  const po = dataOf(out), pg = dataOf(g), px = dataOf(x);
  const perRowG = i0(r) == Reduction.None && ndimOf(g) > 0;
  const g0 = i0(r) == Reduction.Mean ? 1.0 / (<f64>nframe * <f64>dim) : 1.0 / <f64>dim;
  if (multilabel) {
    if (f64) labelBackward<f64>(po, pg, perRowG, px, pt, g0, nframe, dim);
    else labelBackward<f32>(po, pg, perRowG, px, pt, <f32>g0, nframe, dim);
    return out;
  }
  const pw = i1(r) ? dataOf(saved(r, 2)) : 0;
  if (f64) backward<f64>(po, pg, perRowG, px, pt, pw, <i32>s1(r), s0(r), g0, nframe, dim);
  else backward<f32>(po, pg, perRowG, px, pt, pw, <i32>s1(r), <f32>s0(r), <f32>g0, nframe, dim);
  return out;
}

export function multiMarginLossBackward(r: usize, g: i32, k: i32): i32 {
  return refuseAbove(NoDerivativeOf.MultiMarginLoss, marginBackward(r, g, k, false), g, saved(r, 0));
}
export function multilabelMarginLossBackward(r: usize, g: i32, k: i32): i32 {
  return refuseAbove(NoDerivativeOf.MultilabelMarginLoss, marginBackward(r, g, k, true), g, saved(r, 0));
}
