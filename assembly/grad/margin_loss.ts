// multi_margin_loss's derivative (losses 2, helper losses): ATen's
// multi_margin_loss_backward_cpu_kernel, written directly (PyTorch's own backward is one kernel
// too; no second derivative): for d ≠ y with z = margin − x[y] + x[d] > 0, h = g₀ (p = 1) or 2·g₀·z
// (times weight[y]), g₀ = 1/(N·dim) for 'mean' else 1/dim; x[y] gets −Σh; then times the
// upstream gradient (its one value, or row t's).

import { Err, DType, Reduction } from '../../abi/abi';
import { newTensor, dataOf, ndimOf, dimOf, shapePtr, dtypeOf } from '../tensors';
import { T, saved, s0, s1, i0, i1 } from './helpers';

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
    const up = load<E>(pg + (perRowG ? <usize>t << shift : 0));
    for (let d = 0; d < dim; d++) store<E>(po + row + (<usize>d << shift), load<E>(po + row + (<usize>d << shift)) * up);
  }
}

export function multiMarginLossBackward(r: usize, g: i32, k: i32): i32 {
  if (k != 0) return Err.Unimplemented;
  const x = saved(r, 0), target = saved(r, 1);
  const nd = ndimOf(x);
  const nframe = nd == 2 ? dimOf(x, 0) : 1;
  const dim = nd == 2 ? dimOf(x, 1) : nd == 1 ? dimOf(x, 0) : 1;
  const f64 = dtypeOf(x) == DType.Float64;
  const out = T(newTensor(nd, shapePtr(x), f64 ? DType.Float64 : DType.Float32));
  if (out < 0) return out;
  const pw = i1(r) ? dataOf(saved(r, 2)) : 0;
  const mean = i0(r) == Reduction.Mean;
  const perRowG = i0(r) == Reduction.None && ndimOf(g) > 0;
  const g0 = mean ? 1.0 / (<f64>nframe * <f64>dim) : 1.0 / <f64>dim;
  if (f64) backward<f64>(dataOf(out), dataOf(g), perRowG, dataOf(x), dataOf(target), pw, <i32>s1(r), s0(r), g0, nframe, dim);
  else backward<f32>(dataOf(out), dataOf(g), perRowG, dataOf(x), dataOf(target), pw, <i32>s1(r), <f32>s0(r), <f32>g0, nframe, dim);
  return out;
}
